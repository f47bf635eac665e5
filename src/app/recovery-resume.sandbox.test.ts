import { execFile } from 'node:child_process';
import { copyFile, chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationStatus } from '../ipc/contracts/operations';
import type { RecoveryRunResult } from '../ipc/contracts/recovery-run';
import type { RunningSandbox } from '../sandbox';
import { instanceNamed } from '../sandbox/test-support/demo-lookup';
import type { Core } from './core';
import { startPracticeCore, type PracticeCore } from './test-support/practice-core';

// Resuming recoveries whose key files are encrypted, through the router as the window does, on the
// practice account (demo seed, real SDK over HTTP, the sandbox's sshd per instance). The journal
// records only that a file is encrypted; the passphrase comes with the resume call, or the call is
// refused before any operation starts.
const run = promisify(execFile);
let sandbox: RunningSandbox;
let root: string;
let core: Core;
let ec2: EC2Client;
const context = { caller: 'renderer' as const, emit: () => undefined };

let practice: PracticeCore;
beforeAll(async () => {
  practice = await startPracticeCore('recovery-resume');
  ({ sandbox, core, ec2, root } = practice);
});
afterAll(() => practice.dispose());

async function dispatch(channel: string, payload: unknown) {
  return core.router.dispatch(channel as 'recovery:resume', payload, context);
}

/** Starts (or resumes) a recovery and waits for its operation to end. */
async function runToEnd(channel: 'recovery:start' | 'recovery:resume', payload: unknown) {
  const started = await dispatch(channel, payload);
  if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);
  const { operationId } = started.value as { operationId: string };
  for (;;) {
    const waited = await core.router.dispatch('operations:wait', { operationId, timeoutMs: 30_000 }, context);
    if (!waited.ok) throw new Error(waited.error.message);
    const status = waited.value as OperationStatus;
    if (status.state !== 'running') return status;
  }
}

/** The id of the one unfinished recovery of `instanceId` started last, and its list line. */
async function unfinishedOf(instanceId: string) {
  const listed = await dispatch('recovery:unfinished', {});
  if (!listed.ok) throw new Error(listed.error.message);
  const { recoveries } = listed.value as {
    recoveries: { id: string; instanceId: string; encryptedKeys: Record<string, string> }[];
  };
  const mine = recoveries.filter((recovery) => recovery.instanceId === instanceId);
  const last = mine.sort((a, b) => b.id.localeCompare(a.id))[0];
  if (!last) throw new Error(`no unfinished recovery of ${instanceId}`);
  return last;
}

async function journalText(id: string): Promise<string> {
  return readFile(join(root, 'user-data', 'journals', `${id}.jsonl`), 'utf8');
}

describe('recovery:resume with encrypted keys', () => {
  it('asks for the new key’s passphrase: refused without it or with a wrong one, resumed and verified with it', async () => {
    const legacy = (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '';
    const outputPath = join(root, 'home', '.ssh', 'encrypted-new-key');
    const passphrase = 'correct horse battery staple';
    // Instance Connect refused: the run stops at append-key, its journal unfinished.
    sandbox.control.deny(['ec2-instance-connect:SendSSHPublicKey']);
    try {
      const stopped = await runToEnd('recovery:start', {
        region: 'us-east-1',
        instanceId: legacy,
        path: 'eic',
        targetUser: 'ec2-user',
        newKey: {
          kind: 'generate',
          type: 'ed25519',
          outputPath,
          format: 'openssh',
          newPassphrase: passphrase,
        },
        hostKey: { kind: 'accept-new' },
      });
      expect(stopped.error?.code).toBe('recovery.eicPermissionDenied');
    } finally {
      sandbox.control.allow(['ec2-instance-connect:SendSSHPublicKey']);
    }
    const unfinished = await unfinishedOf(legacy);
    expect(unfinished.encryptedKeys).toEqual({ newKey: outputPath });
    expect(await journalText(unfinished.id)).toContain('"newKeyEncrypted":true');

    const without = await dispatch('recovery:resume', { recoveryId: unfinished.id });
    expect(without.ok).toBe(false);
    if (without.ok) return;
    expect(without.error).toMatchObject({
      code: 'recoveryRun.resumePassphraseNeeded',
      details: { id: unfinished.id, key: 'newKey', path: outputPath },
    });
    const wrong = await dispatch('recovery:resume', {
      recoveryId: unfinished.id,
      newKeyPassphrase: 'not the passphrase',
    });
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.error.code).toBe('recoveryRun.resumeWrongPassphrase');
    expect(wrong.error.message).toBe(
      `The passphrase does not open ${outputPath} (the new private key of recovery ${unfinished.id}). Check it and try again; nothing was changed.`,
    );
    // Neither refusal started anything: the journal still ends at the failed step.
    expect((await unfinishedOf(legacy)).id).toBe(unfinished.id);

    const resumed = await runToEnd('recovery:resume', {
      recoveryId: unfinished.id,
      newKeyPassphrase: passphrase,
    });
    expect(resumed.state, JSON.stringify(resumed.error)).toBe('succeeded');
    expect((resumed.result as RecoveryRunResult).verified).toBe(true);
    expect(await journalText(unfinished.id)).not.toContain(passphrase);
    // OpenSSH logs in with the encrypted key (ssh-keygen opens it with the passphrase first).
    const plain = join(root, 'plain-copy');
    await copyFile(outputPath, plain);
    await chmod(plain, 0o600);
    await run('ssh-keygen', ['-p', '-q', '-P', passphrase, '-N', '', '-f', plain]);
    const endpoint = (await instanceNamed(ec2, 'legacy-app')).Tags?.find(
      (tag) => tag.Key === 'keyrescue:ssh-endpoint',
    )?.Value;
    const [host = '', port = ''] = (endpoint ?? '').split(':');
    const { stdout } = await run('ssh', [
      ...['-i', plain, '-p', port, '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-F', '/dev/null'],
      ...['-o', 'StrictHostKeyChecking=accept-new', '-o', `UserKnownHostsFile=${join(root, 'known_hosts')}`],
      `ec2-user@${host}`,
      'echo ok',
    ]);
    expect(stdout).toBe('ok\n');
  });

  it('asks for the other login’s key passphrase the same way', async () => {
    const bastion = (await instanceNamed(ec2, 'bastion')).InstanceId ?? '';
    const loginKey = join(root, 'login-key');
    const passphrase = 'login secret';
    await copyFile(join(sandbox.control.demoKeysDir ?? '', 'practice-rsa.pem'), loginKey);
    await chmod(loginKey, 0o600);
    await run('ssh-keygen', ['-p', '-q', '-P', '', '-N', passphrase, '-f', loginKey]);
    // A host key pinned to another fingerprint: the run stops at append-key, nothing changed.
    const stopped = await runToEnd('recovery:start', {
      region: 'us-east-1',
      instanceId: bastion,
      path: 'ssh',
      targetUser: 'ec2-user',
      login: { user: 'ec2-user', keyPath: loginKey, keyPassphrase: passphrase },
      newKey: {
        kind: 'generate',
        type: 'ed25519',
        outputPath: join(root, 'home', '.ssh', 'bastion-new'),
        format: 'openssh',
      },
      hostKey: { kind: 'pinned', fingerprint: `SHA256:${'A'.repeat(43)}` },
    });
    expect(stopped.error?.code).toBe('recovery.sshHostKeyMismatch');
    const unfinished = await unfinishedOf(bastion);
    expect(unfinished.encryptedKeys).toEqual({ loginKey });

    const without = await dispatch('recovery:resume', {
      recoveryId: unfinished.id,
      hostKey: { kind: 'accept-new' },
    });
    expect(without.ok ? null : without.error.code).toBe('recoveryRun.resumePassphraseNeeded');
    const wrong = await dispatch('recovery:resume', {
      recoveryId: unfinished.id,
      hostKey: { kind: 'accept-new' },
      loginKeyPassphrase: 'nope',
    });
    expect(wrong.ok ? null : wrong.error).toMatchObject({
      code: 'recoveryRun.resumeWrongPassphrase',
      details: { key: 'loginKey', path: loginKey },
    });
    const resumed = await runToEnd('recovery:resume', {
      recoveryId: unfinished.id,
      hostKey: { kind: 'accept-new' },
      loginKeyPassphrase: passphrase,
    });
    expect(resumed.state, JSON.stringify(resumed.error)).toBe('succeeded');
    expect((resumed.result as RecoveryRunResult).verified).toBe(true);
    expect(await journalText(unfinished.id)).not.toContain(passphrase);
  });
});
