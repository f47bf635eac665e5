import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetConsoleOutputCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../ipc/app-error';
import { recoveryErrorCodes } from '../recovery-errors';
import { ssh2Connector } from '../ssh/ssh2-session';
import { anotherLoginRunner, loginCredentials } from './another-login-runner';
import { startDemoAccount, type DemoAccount } from './test-support/demo-account';
import { authorizedKeysOf, openSshLogin, sshKeygen, type TestKey } from './test-support/ssh-checks';
import { standInAddScript } from './test-support/stand-in-script';
import { testStepContext } from './test-support/step-context';

// The another-login runner against the practice sandbox: the bastion's ec2-user still logs in with
// the practice-rsa key (read from the practice keys folder by the app's key reader). The sandbox's
// guest shell cannot run the generated script (see stand-in-script.ts); the real script through
// this runner runs against a real sshd in another-login-runner.sshd.test.ts.
let demo: DemoAccount;
let dir: string;
let newKey: TestKey;

beforeAll(async () => {
  demo = await startDemoAccount();
  dir = await mkdtemp(join(tmpdir(), 'keyrescue-login-runner-'));
  newKey = sshKeygen(dir, 'new');
});
afterAll(async () => {
  await demo.stop();
  await rm(dir, { recursive: true, force: true });
});

async function bastionRunner(name = 'bastion') {
  return anotherLoginRunner({
    connector: ssh2Connector,
    endpoint: await demo.endpoint(name),
    loginUser: 'ec2-user',
    credentials: await loginCredentials({ keyPath: `${demo.sandbox.control.demoKeysDir}/practice-rsa.pem` }),
    hostKey: { kind: 'accept-new' },
    targetUser: 'ec2-user',
  });
}

describe('another-login runner against the sandbox', () => {
  it('adds the key via sudo on the bastion once, pins the host key its console prints, OpenSSH logs in', async () => {
    const runner = await bastionRunner();
    expect(runner.describe).toBe('SSH as ec2-user (key login, then root)');
    const script = standInAddScript('ec2-user', newKey.publicLine);
    const first = await runner.run(script, testStepContext('rec-1'));
    expect(first.result.status).toBe('added');
    expect(first.facts?.runAs).toBe('sudo');
    const fingerprint = first.facts?.hostKeyFingerprint ?? '';
    const bastion = await demo.instance('bastion');
    const { Output } = await demo.ec2.send(new GetConsoleOutputCommand({ InstanceId: bastion.InstanceId }));
    expect(Buffer.from(Output ?? '', 'base64').toString('utf8')).toContain(fingerprint);

    const second = await runner.run(script, testStepContext('rec-1', first.facts));
    expect(second.result.status).toBe('alreadyPresent');
    const endpoint = await demo.endpoint('bastion');
    const login = await openSshLogin(endpoint, 'ec2-user', newKey.file, join(dir, 'known_hosts'), 'id -un');
    expect(login, login.stderr).toMatchObject({ code: 0, stdout: 'ec2-user\n' });
    const file = await authorizedKeysOf(endpoint, 'ec2-user', demo.demoKey('practice-rsa.pem'));
    expect(file.split('\n').filter((line) => line.includes(newKey.blob))).toEqual([newKey.publicLine]);
  });

  it('a login the instance refuses (legacy-app lists only its lost key): sshAuthFailed, nothing run', async () => {
    const runner = await bastionRunner('legacy-app');
    const error = await runner
      .run(standInAddScript('ec2-user', newKey.publicLine), testStepContext('rec-2'))
      .catch((caught: unknown) => caught as AppError);
    expect((error as AppError).code).toBe(recoveryErrorCodes.sshAuthFailed);
  });

  it('a host key other than the one an earlier step saw is refused', async () => {
    const runner = await bastionRunner();
    const error = await runner
      .run(
        standInAddScript('ec2-user', newKey.publicLine),
        testStepContext('rec-3', { hostKeyFingerprint: `SHA256:${'C'.repeat(43)}` }),
      )
      .catch((caught: unknown) => caught as AppError);
    expect((error as AppError).code).toBe(recoveryErrorCodes.sshHostKeyMismatch);
  });
});
