import { execFileSync } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFingerprints, parsePublicKey } from '../../keys';
import { openSsh } from '../../sandbox/test-support/openssh';
import type { RemoteScriptRunner } from '../engine/recovery-step';
import { failure } from '../engine/test-support/executor-fixtures';
import { testStepContext } from '../paths/test-support/step-context';
import {
  createLinuxUser,
  startRealSshd,
  type LinuxUser,
  type RealSshd,
} from '../scripts/test-support/real-sshd';
import { runScript, shells } from '../scripts/test-support/run-script';
import { backupsOf } from '../scripts/test-support/volume';
import { cleanupErrorCodes } from './cleanup-errors';
import { removeOldKeyStep } from './cleanup-steps';
import type { OldKey } from './old-key';

// remove-old-key end to end on a live system: a real account (useradd), the real removal script,
// and a real OpenSSH sshd (StrictModes on) that stops accepting the old key and keeps accepting the
// new one. The runner here is dash as root on this machine, a stand-in for the transport only (the
// SSH, Instance Connect and SSM runners have their own tests); the script and sshd are the real
// ones. The sandbox's guest shell cannot run the real script (see paths/test-support/stand-in-script.ts).
let dir: string;
let sshd: RealSshd;
let account: LinuxUser;

function keygen(name: string, comment: string): string {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', join(dir, name)]);
  return execFileSync('cat', [join(dir, `${name}.pub`)], { encoding: 'utf8' }).trim();
}

const localRoot: RemoteScriptRunner = {
  describe: 'dash as root on this machine (test)',
  run: async (script) => ({ result: (await runScript(shells[1], script, dir)).result }),
};

function oldKeyOf(line: string): OldKey {
  // EC2 returns the line with the key pair name as its comment, not the one in authorized_keys.
  const [type, blob] = line.split(' ');
  return {
    keyName: 'legacy-app-key',
    keyPairId: 'key-0123456789abcdef0',
    publicKeyLine: `${type} ${blob} legacy-app-key`,
    fingerprint: computeFingerprints(parsePublicKey(line)).sha256,
  };
}

beforeAll(async () => {
  expect(process.getuid?.(), 'these tests run as root, as CI does (useradd, sshd)').toBe(0);
  dir = await mkdtemp(join(tmpdir(), 'keyrescue-cleanup-sshd-'));
  await chmod(dir, 0o711);
  const home = join(dir, 'home');
  await mkdir(home, { mode: 0o755 });
  account = createLinuxUser(home);
  await chown(home, account.uid, account.gid);
  sshd = await startRealSshd(dir);
});
afterAll(async () => {
  await sshd?.stop();
  account?.remove();
  await rm(dir, { recursive: true, force: true });
});

const login = (identity: string) => openSsh(sshd.endpoint, account.name, join(dir, identity), 'true');

describe('remove-old-key', () => {
  it('removes every line of the old key (options, other comment); sshd then refuses it and accepts the new key', async () => {
    const old = keygen('old', 'launch key');
    const other = keygen('other', 'a colleague');
    const fresh = keygen('new', 'keyrescue-i-0123456789abcdef0-20260304');
    const ssh = join(account.home, '.ssh');
    await mkdir(ssh, { mode: 0o700 });
    await chown(ssh, account.uid, account.gid);
    const file = join(ssh, 'authorized_keys');
    const before = `${old}\nrestrict,command="uptime" ${old.split(' ').slice(0, 2).join(' ')} old with options\n${other}\n${fresh}\n`;
    await writeFile(file, before, { mode: 0o600 });
    await chown(file, account.uid, account.gid);
    expect((await login('old')).code).toBe(0);

    const step = removeOldKeyStep({
      runner: localRoot,
      targetUser: account.name,
      oldKey: oldKeyOf(old),
      newPublicKeyLine: fresh,
    });
    expect(step.repeatable).toBe(true);
    const outcome = await step.apply(testStepContext('rec-clean'));
    expect(outcome.facts).toMatchObject({ status: 'removed', file });
    expect(outcome.result).toContain('Removed 2 lines');
    expect(await readFile(file, 'utf8')).toBe(`${other}\n${fresh}\n`);
    const [backup] = await backupsOf(ssh);
    expect(await readFile(backup!, 'utf8')).toBe(before);

    expect((await login('old')).code).toBe(255);
    expect(await login('new'), sshd.log()).toMatchObject({ code: 0 });
    expect((await login('other')).code).toBe(0);

    // A repeat after a crash finds nothing left to remove.
    expect((await step.apply(testStepContext('rec-clean'))).facts).toMatchObject({ status: 'notPresent' });

    // Undone: the old key is accepted again.
    expect(await step.revert!(testStepContext('rec-clean'))).toMatchObject({
      result: expect.stringContaining('Added the key'),
    });
    expect((await login('old')).code).toBe(0);
  });

  it('refuses when the old key is the new key', async () => {
    const same = keygen('same', 'one key');
    const error = await failure(
      Promise.resolve().then(() =>
        removeOldKeyStep({
          runner: localRoot,
          targetUser: account.name,
          oldKey: oldKeyOf(same),
          newPublicKeyLine: same,
        }),
      ),
    );
    expect(error.code).toBe(cleanupErrorCodes.oldKeyIsNewKey);
    expect(error.message).toContain('legacy-app-key');
  });
});
