import { mkdirSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../app/core';
import { decodePrivateKey, keyErrorCodes } from './index';

/** Codes a key *file* can produce (the rest are about options, batches or the file system). */
const keyErrorCodesUnderTest = Object.values(keyErrorCodes).filter(
  (c) =>
    ![
      'keys.badOption',
      'keys.outputPathRequired',
      'keys.batchAborted',
      'keys.cancelled',
      'keys.convertCancelled',
      'keys.notAFile',
      'keys.fileNotFound',
      'keys.unreadable',
      'keys.passphraseFile',
    ].includes(c),
);
import { buildHostileCorpus, type HostileCase } from './test-support/hostile-corpus';
import { makePeerDir, peer, sshKeygen, type PeerDir } from './test-support/peers';

/**
 * ≥ 200 generated hostile inputs: each must fail with its own error code, quickly, and the
 * converter must leave no output file behind.
 */
let d: PeerDir;
let corpus: HostileCase[];

beforeAll(async () => {
  d = makePeerDir();
  sshKeygen(d, 'dsa', 'dsa' as 'rsa', undefined, 'dsa');
  peer('ssh-keygen', ['-q', '-p', '-P', '', '-N', '', '-m', 'PEM', '-f', d.path('dsa')], undefined);
  const dsaPem = d.read('dsa');
  peer('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', d.path('dsa'), '-out', d.path('dsa.p8')]);
  peer('puttygen', [d.path('dsa'), '-O', 'private', '-o', d.path('dsa.ppk')]);
  peer('ssh-keygen', ['-q', '-p', '-P', '', '-N', '', '-f', d.path('dsa')]);
  sshKeygen(d, 'ca', 'ed25519', undefined, 'ca');
  sshKeygen(d, 'user', 'ed25519', undefined, 'user');
  peer('ssh-keygen', ['-q', '-s', d.path('ca'), '-I', 'id', d.path('user.pub')]);
  sshKeygen(d, 'chacha', 'ed25519', undefined, 'c');
  peer('ssh-keygen', [
    '-q',
    '-p',
    '-a',
    '1',
    '-Z',
    'chacha20-poly1305@openssh.com',
    '-P',
    '',
    '-N',
    'correct horse',
    '-f',
    d.path('chacha'),
  ]);
  corpus = await buildHostileCorpus({
    dsaOpenssh: d.read('dsa'),
    dsaPem,
    dsaPkcs8: d.read('dsa.p8'),
    dsaPpk: d.read('dsa.ppk'),
    dsaPub: d.read('dsa.pub'),
    certLine: d.read('user-cert.pub'),
    chachaOpenssh: d.read('chacha'),
  });
});
afterAll(() => d.cleanup());

describe('hostile-input corpus', () => {
  it('has at least 200 cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const counts: Record<string, number> = {};
    for (const c of corpus) counts[c.code] = (counts[c.code] ?? 0) + 1;
    // Every error class the issue names is represented.
    expect(Object.keys(counts).sort()).toEqual([...keyErrorCodesUnderTest].sort());
  });

  it('every case fails with its specific error code', async () => {
    const wrong: string[] = [];
    for (const c of corpus) {
      const outcome = await decodePrivateKey(c.data, {
        source: 'hostile',
        ...(c.passphrase ? { passphrase: c.passphrase } : {}),
      }).then(
        () => 'accepted',
        (error: { code?: string; message?: string }) => error.code ?? `crash: ${error.message}`,
      );
      if (outcome !== c.code) wrong.push(`${c.name}: expected ${c.code}, got ${outcome}`);
    }
    expect(wrong).toEqual([]);
  });

  it('through keys:convert: the same codes, messages name the file, and no output file is written', async () => {
    mkdirSync(d.path('out'));
    const core = createCore({ userDataDir: d.path('home'), runtime: 'test' });
    const items = corpus.map((c, i) => ({
      source: { kind: 'file' as const, path: d.write(`in/case-${i}.key`, c.data) },
      ...(c.passphrase ? { passphrase: c.passphrase } : {}),
    }));
    const env = await core.router.dispatch(
      'keys:convert',
      { items, target: 'ppk3', outDir: d.path('out'), argon2: { passes: 1 } },
      { caller: 'test', emit: () => undefined },
    );
    expect(env.ok).toBe(true);
    const results = (
      env as {
        value: { results: { ok: boolean; source: string; error?: { code: string; message: string } }[] };
      }
    ).value.results;
    expect(
      results
        .map(
          (r, i) =>
            (r.ok ? 'ok' : r.error!.code) === corpus[i]!.code ||
            `${corpus[i]!.name}: ${r.ok ? 'ok' : r.error!.code}`,
        )
        .filter((x) => x !== true),
    ).toEqual([]);
    expect(results.every((r, i) => r.error!.message.startsWith(`${d.path(`in/case-${i}.key`)}: `))).toBe(
      true,
    );
    expect(readdirSync(d.path('out'))).toEqual([]);
  });
});
