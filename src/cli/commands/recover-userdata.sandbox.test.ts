import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DescribeInstanceAttributeCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecoveryRunResult } from '../../ipc/contracts/recovery-run';
import { type RunningSandbox } from '../../sandbox';
import { instanceNamed } from '../../sandbox/test-support/demo-lookup';
import { cliOnPractice } from '../test-support/run-cli-captured';
import { startPracticePlace, type PracticePlace } from '../../app/test-support/practice-core';

// `keyrescue recover --via userdata` in-process on the practice account (demo seed, real SDK over
// HTTP): the sandbox stops and starts legacy-app, cloud-init runs the recovery document at boot,
// and a real OpenSSH login with the new key proves what the command claims.
const run = promisify(execFile);
let sandbox: RunningSandbox;
let ec2: EC2Client;
let root: string;
let home: string;
let legacyApp: string;

let place: PracticePlace;
beforeAll(async () => {
  place = await startPracticePlace('cli-recover-userdata');
  ({ sandbox, ec2, root, home } = place);
  legacyApp = (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '';
});
afterAll(() => place.dispose());

const cli = cliOnPractice(() => ({ root, home, sandbox }));

const recoverArgs = (keyPath: string, ...more: string[]) => [
  ...['recover', legacyApp, '--via', 'userdata', '--user', 'ec2-user', '--generate', '-o', keyPath],
  ...more,
];

async function userData(): Promise<string | undefined> {
  const answer = await ec2.send(
    new DescribeInstanceAttributeCommand({ InstanceId: legacyApp, Attribute: 'userData' }),
  );
  return answer.UserData?.Value;
}

describe('keyrescue recover --via userdata (practice account)', () => {
  it('without --yes it refuses with exit 2, names the downtime, and changes nothing', async () => {
    const keyPath = join(home, '.ssh', 'refused-key');
    const result = await cli(recoverArgs(keyPath, '--accept-new-host-key'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--via userdata stops and starts the instance twice');
    expect(result.stderr).toContain('Nothing was changed: run again with --yes to accept that.');
    expect(existsSync(keyPath)).toBe(false);
    expect((await instanceNamed(ec2, 'legacy-app')).State?.Name).toBe('running');
    expect(existsSync(join(root, 'user-data', 'journals'))).toBe(false);
  });

  it('recovers the lost-key legacy-app: exit 0, OpenSSH logs in with the new key where the result says, no user data left, running', async () => {
    const keyPath = join(home, '.ssh', 'legacy-app-userdata');
    expect(await userData()).toBeUndefined();
    const result = await cli(recoverArgs(keyPath, '--accept-new-host-key', '--yes', '--json'));
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as RecoveryRunResult;
    expect(summary.path).toBe('userData');
    expect(summary.verified).toBe(true);
    expect(summary.steps.map((step) => `${step.stepId}:${step.state}`)).toEqual(
      [
        'save-user-data',
        'stop-instance',
        'set-user-data',
        'start-instance',
        'boot-result',
        'verify',
        'stop-after-verify',
        'restore-user-data',
        'start-after-restore',
        'verify-after-restore',
      ].map((id) => `${id}:done`),
    );
    expect(await userData()).toBeUndefined();
    const instance = await instanceNamed(ec2, 'legacy-app');
    expect(instance.State?.Name).toBe('running');
    // The sandbox's sshd listens on a new loopback port after the starts: the result names the current one.
    const { stdout } = await run('ssh', [
      ...['-i', keyPath, '-p', String(summary.port), '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes'],
      ...['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-F', '/dev/null'],
      `ec2-user@${summary.host ?? ''}`,
      `grep -c '${summary.newPublicKey.split(' ')[1] ?? '-'}' .ssh/authorized_keys; echo ok`,
    ]);
    expect(stdout).toBe('1\nok\n');
    const saved = JSON.parse(
      await readFile(
        join(root, 'user-data', 'journals', summary.recoveryId, 'original-user-data.json'),
        'utf8',
      ),
    ) as { base64: string | null; bytes: number };
    expect(saved).toMatchObject({ base64: null, bytes: 0 });
    const shown = await cli(['journal', 'show', summary.recoveryId]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('restore-user-data');
  });

  it('with the default host-key policy: one stop/start to recover and one to restore, and the host key pinned from the console matches ssh-keyscan', async () => {
    const keyPath = join(home, '.ssh', 'legacy-app-userdata-console');
    // A fault without a kind answers normally: the sandbox only counts the requests.
    for (const action of ['StopInstances', 'StartInstances']) sandbox.control.setFault(action, {});
    const boots = () =>
      sandbox.control.state.regions[sandbox.region]?.instances.find((i) => i.instanceId === legacyApp)
        ?.bootCount ?? 0;
    const before = {
      stop: sandbox.control.faultCount('StopInstances'),
      start: sandbox.control.faultCount('StartInstances'),
      boots: boots(),
    };
    let result;
    try {
      result = await cli(recoverArgs(keyPath, '--yes', '--json'));
    } finally {
      sandbox.control.clearFaults('StopInstances');
      sandbox.control.clearFaults('StartInstances');
    }
    expect(result.code, result.stderr).toBe(0);
    // Each count holds two DryRun permission probes (the CLI's preflight and the run's own) and
    // two real calls: the recovery's stop/start and the restore's. Two boots, no third cycle.
    expect(sandbox.control.faultCount('StopInstances') - before.stop).toBe(4);
    expect(sandbox.control.faultCount('StartInstances') - before.start).toBe(4);
    expect(boots() - before.boots).toBe(2);
    const summary = JSON.parse(result.stdout) as RecoveryRunResult;
    expect(summary.verified).toBe(true);
    expect(summary.steps.map((step) => `${step.stepId}:${step.state}`)).toEqual(
      [
        'save-user-data',
        'stop-instance',
        'set-user-data',
        'start-instance',
        'boot-result',
        'verify',
        'stop-after-verify',
        'restore-user-data',
        'start-after-restore',
        'verify-after-restore',
      ].map((id) => `${id}:done`),
    );
    const scanned = await run('ssh-keyscan', [
      '-t',
      'ed25519',
      '-p',
      String(summary.port),
      summary.host ?? '',
    ]);
    const keyscanFingerprint = (
      await new Promise<string>((resolve, reject) => {
        const child = execFile('ssh-keygen', ['-l', '-f', '-'], (error, stdout) =>
          error ? reject(error) : resolve(stdout),
        );
        child.stdin?.end(scanned.stdout);
      })
    ).split(' ')[1];
    expect(keyscanFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(summary.hostKeyFingerprint).toBe(keyscanFingerprint);
    expect(await userData()).toBeUndefined();
    expect((await instanceNamed(ec2, 'legacy-app')).State?.Name).toBe('running');
    const shown = await cli(['journal', 'show', summary.recoveryId]);
    expect(shown.stdout).toContain(
      `(host key ${keyscanFingerprint}, as the instance printed it to its console output at this boot)`,
    );
  });
});
