import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core';
import { AppError, ERROR_LIMITS } from '../../ipc/app-error';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { SshWriter } from '../../keys/ssh-wire';
import { runCliCaptured } from '../test-support/run-cli-captured';

/** Messages the audit found misleading, each now saying what is really wrong. */
describe('CLI messages say what is really wrong', () => {
  let sandbox: RunningSandbox;
  let root: string;
  let home: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'empty' });
    root = await mkdtemp(join(tmpdir(), 'keyrescue-cli-messages-'));
    home = join(root, 'home');
    await mkdir(join(home, '.ssh'), { recursive: true });
  });
  afterAll(async () => {
    await sandbox.stop();
    await rm(root, { recursive: true, force: true });
  });

  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runCliCaptured(args, {
      env,
      cwd: root,
      createCore: () =>
        createCore({
          userDataDir: join(root, 'user-data'),
          runtime: 'cli',
          accounts: { environment: { env, homeDir: home }, homeDir: home, practice: async () => sandbox },
        }),
    });

  it('keypairs list and match fail with the authentication error instead of "No key pairs"', async () => {
    // Dummy credentials: the sandbox checks signatures, as AWS does.
    for (const json of [[], ['--json']]) {
      const list = await cli(['keypairs', 'list', '--endpoint', sandbox.endpoint, ...json]);
      expect(list.code).toBe(1);
      expect(list.stdout).toBe('');
      expect(list.stderr).toContain('keyrescue keypairs: us-east-1: AWS rejected the credentials');
    }
    await writeFile(
      join(root, 'k'),
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    const match = await cli(['match', join(root, 'k'), '--endpoint', sandbox.endpoint]);
    expect(match).toMatchObject({ code: 1, stdout: '' });
    expect(match.stderr).toContain('AWS rejected the credentials');
  });

  it('match says a FIFO is not a regular file, and a missing path does not exist', async () => {
    execFileSync('mkfifo', [join(root, 'fifo')]);
    const r = await cli(['match', join(root, 'fifo'), join(root, 'nowhere')]);
    expect(r.stderr).toContain(
      `keyrescue match: warning: ${join(root, 'fifo')} is not a regular file or folder (a FIFO, socket or device); not scanned\n`,
    );
    expect(r.stderr).toContain(
      `keyrescue match: warning: ${join(root, 'nowhere')} does not exist; not scanned\n`,
    );
  });

  it('an RSA key with e=1 is reported as a bad public exponent, not as a size problem', async () => {
    const n = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }).n!;
    const blob = new SshWriter()
      .string('ssh-rsa')
      .mpint(1n)
      .mpint(BigInt(`0x${Buffer.from(n, 'base64url').toString('hex')}`))
      .toBuffer();
    await writeFile(join(root, 'e1.pub'), `ssh-rsa ${blob.toString('base64')} crafted\n`);
    const r = await cli(['fingerprint', 'e1.pub']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `keyrescue fingerprint: ${join(root, 'e1.pub')}: the RSA public exponent is 1, which no real key has (it must be odd, at least 3 and below the modulus); the key is damaged or crafted.\n`,
    );
    const imported = await cli(['keypairs', 'import', 'x', '--public-key', 'e1.pub']);
    expect(imported.stderr).toContain('the RSA public exponent is 1');
  });

  it('a comment with a line break names the file and the way out (--comment)', async () => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'two\nlines', '-f', join(root, 'nl')]);
    const r = await cli(['convert', 'nl', '--to', 'ppk']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${join(root, 'nl')}: its comment "two lines" has a line break, which a PuTTY key file cannot hold; give another comment (Comment field, or --comment in the CLI).`,
    );
    expect((await cli(['convert', 'nl', '--to', 'ppk', '--comment', 'one line'])).code).toBe(0);
    expect(await readFile(join(root, 'nl.ppk'), 'utf8')).toContain('Comment: one line\n');
  });

  it('a pasted PEM given as the endpoint is not echoed back; no error carries unbounded input', async () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs1',
      format: 'pem',
    });
    const r = await cli(['keypairs', 'list', `--endpoint=${pem}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `keyrescue keypairs: The endpoint (${pem.length} characters, not shown) is not a URL. Use a form like https://ec2.example.com or http://localhost:4566.\n`,
    );
    const huge = new AppError('x.y', `a${'b'.repeat(10_000)}`, { path: 'p'.repeat(10_000), n: 1 });
    expect(huge.message).toHaveLength(ERROR_LIMITS.message);
    expect(String(huge.details.path)).toHaveLength(ERROR_LIMITS.detail);
    expect(huge.details.n).toBe(1);
  });
});
