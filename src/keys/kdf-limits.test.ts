import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../app/core';
import { runCli } from '../cli/run-cli';
import { decodePrivateKey } from './codec';
import { keyErrorCodes } from './key-errors';
import { parsePemBlock } from './pem-armor';
import { makePeerDir, peer, type PeerDir } from './test-support/peers';
import { wrapBase64 } from './key-text';

/**
 * Key derivation costs a hostile file chooses are bounded by what real tools write, run off the main
 * thread, and can be cancelled. Real ssh-keygen, openssl and puttygen files at high legal costs.
 */
let d: PeerDir;
const pass = 'correct horse';
const load = (name: string, signal?: AbortSignal) =>
  decodePrivateKey(d.readBytes(name), {
    source: d.path(name),
    passphrase: pass,
    ...(signal ? { signal } : {}),
  });

/** An OpenSSH key whose bcrypt rounds field says `rounds` (the rest is ssh-keygen's). */
function withRounds(text: string, rounds: number): string {
  const body = Buffer.from(parsePemBlock(text).body);
  // magic(15) + "aes256-ctr"(4+10) + "bcrypt"(4+6) + kdfoptions length(4) + salt(4+16) → rounds.
  body.writeUInt32BE(rounds, 15 + 14 + 10 + 4 + 20);
  return [
    '-----BEGIN OPENSSH PRIVATE KEY-----',
    ...wrapBase64(body, 70),
    '-----END OPENSSH PRIVATE KEY-----',
    '',
  ].join('\n');
}

async function timed<T>(work: Promise<T>): Promise<{ ms: number; outcome: T | unknown }> {
  const start = performance.now();
  const outcome = await work.catch((error: unknown) => error);
  return { ms: performance.now() - start, outcome };
}

beforeAll(() => {
  d = makePeerDir('keyrescue-kdf-');
  d.write('pass', `${pass}\n`);
  peer('ssh-keygen', ['-q', '-t', 'ed25519', '-a', '100', '-N', pass, '-C', 'a100', '-f', d.path('a100')]);
  peer('ssh-keygen', ['-q', '-t', 'ed25519', '-a', '256', '-N', pass, '-C', 'a256', '-f', d.path('a256')]);
  d.write('a257', withRounds(d.read('a256'), 257));
  peer('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', d.path('plain.pem')]);
  for (const iter of ['200000', '1000001'])
    peer('openssl', [
      'pkcs8',
      '-topk8',
      '-in',
      d.path('plain.pem'),
      '-out',
      d.path(`p8-${iter}`),
      '-iter',
      iter,
      '-passout',
      `pass:${pass}`,
    ]);
  peer('puttygen', [
    '-t',
    'ed25519',
    '-q',
    '-o',
    d.path('heavy.ppk'),
    '--new-passphrase',
    d.path('pass'),
    '--ppk-param',
    'memory=65536,passes=20',
  ]);
  // Each within its own range, but together past the bound (8389 × 1000 > 2^23).
  d.write(
    'passes.ppk',
    d
      .read('heavy.ppk')
      .replace(/^Argon2-Memory: .*$/m, 'Argon2-Memory: 8389')
      .replace(/^Argon2-Passes: .*$/m, 'Argon2-Passes: 1000'),
  );
  d.write('memory.ppk', d.read('heavy.ppk').replace(/^Argon2-Memory: .*$/m, 'Argon2-Memory: 262145'));
});
afterAll(() => d.cleanup());

describe('KDF bounds', () => {
  it('refuses files one step past each bound at once, saying which parameter, the bound and the file', async () => {
    const cases: [string, string][] = [
      ['a257', 'the key asks for 257 bcrypt rounds; this app accepts 1–256 (ssh-keygen writes 16)'],
      ['p8-1000001', "the key's PBKDF2 iteration count is 1000001, above the 1000000 this app accepts"],
      ['passes.ppk', 'Argon2-Memory × Argon2-Passes is 8389 × 1000, above the 8388608 (KiB × passes)'],
      ['memory.ppk', '"Argon2-Memory: 262145" is outside the range this app accepts (8–262144)'],
    ];
    for (const [file, message] of cases) {
      const { ms, outcome } = await timed(load(file));
      expect(outcome).toMatchObject({ code: keyErrorCodes.kdfLimits });
      expect((outcome as Error).message).toContain(`${d.path(file)}: `);
      expect((outcome as Error).message).toContain(message);
      expect(ms).toBeLessThan(500);
    }
  });

  it('still loads real keys at high but legal costs (ssh-keygen -a 100, openssl -iter 200000, puttygen 64 MiB × 20)', async () => {
    expect((await load('a100')).comment).toBe('a100');
    expect((await load('p8-200000')).type).toBe('ed25519');
    expect((await load('heavy.ppk')).type).toBe('ed25519');
  });
});

describe('KDFs run off the main thread and can be cancelled', () => {
  it('the event loop keeps ticking while bcrypt (100 rounds) and PBKDF2 run', async () => {
    for (const file of ['a100', 'p8-200000']) {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      const { ms } = await timed(load(file));
      clearInterval(timer);
      // On the main thread the loop would not tick at all until the derivation ended.
      expect(ticks).toBeGreaterThan(Math.min(10, ms / 20));
    }
  });

  it('an abort rejects a slow derivation promptly with keys.cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { ms, outcome } = await timed(load('a256', controller.signal));
    expect(outcome).toMatchObject({
      code: keyErrorCodes.cancelled,
      message: `${d.path('a256')}: loading the key was cancelled.`,
    });
    expect(ms).toBeLessThan(1000);
  });

  it('the CLI cancels on its signal (SIGINT in keyrescue.ts) with the cancellation message, exit 1', async () => {
    const controller = new AbortController();
    let stderr = '';
    setTimeout(() => controller.abort(), 100);
    const start = performance.now();
    const code = await runCli(
      ['pubkey', 'a256', '--passphrase-file', 'pass'],
      {
        stdout: () => undefined,
        stderr: (text) => void (stderr += text),
        stdinIsTTY: () => false,
        readLine: async () => '',
        env: {},
        cwd: d.dir,
        signal: controller.signal,
      },
      () => createCore({ userDataDir: d.path('home'), runtime: 'cli' }),
    );
    expect(code).toBe(1);
    expect(stderr).toBe(`keyrescue pubkey: ${d.path('a256')}: loading the key was cancelled.\n`);
    expect(performance.now() - start).toBeLessThan(1500);
  });
});
