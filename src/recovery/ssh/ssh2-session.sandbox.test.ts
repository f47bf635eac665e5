import { readFileSync } from 'node:fs';
import { EC2Client, GetConsoleOutputCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../ipc/app-error';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { instanceNamed, sshEndpointOf } from '../../sandbox/test-support/demo-lookup';
import { recoveryErrorCodes } from '../recovery-errors';
import { connectSsh2 } from './ssh2-session';

// The ssh2 adapter against the practice sandbox's SSH endpoints, which enforce security groups.
let sandbox: RunningSandbox;
let ec2: EC2Client;

async function endpoint(name: string): Promise<{ host: string; port: number }> {
  const [host = '', port = ''] = (sshEndpointOf(await instanceNamed(ec2, name)) ?? '').split(':');
  return { host, port: Number(port) };
}

function demoKey(file: string): string {
  return readFileSync(`${sandbox.control.demoKeysDir}/${file}`, 'utf8');
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' });
  ec2 = new EC2Client({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
});

afterAll(async () => {
  ec2.destroy();
  await sandbox.stop();
});

describe('ssh2 adapter against the sandbox', () => {
  it('ops-box, whose security group does not allow this computer: sshPortClosed before any SSH', async () => {
    const error = await connectSsh2({
      ...(await endpoint('ops-box')),
      username: 'ubuntu',
      credentials: { privateKey: demoKey('practice-ed25519.pem') },
      hostKey: { kind: 'accept-new' },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(recoveryErrorCodes.sshPortClosed);
    expect((error as AppError).details.reason).toBe('ECONNRESET');
  });

  it('bastion: the fingerprint reported is the one its console output prints; pinned, it logs in', async () => {
    const target = { ...(await endpoint('bastion')), username: 'ec2-user' };
    const credentials = { privateKey: demoKey('practice-rsa.pem') };
    const unknown = await connectSsh2({ ...target, credentials, hostKey: { kind: 'refuse-unknown' } }).catch(
      (caught: unknown) => caught as AppError,
    );
    expect((unknown as AppError).code).toBe(recoveryErrorCodes.sshHostKeyUnknown);
    const fingerprint = String((unknown as AppError).details.fingerprint);
    const bastion = await instanceNamed(ec2, 'bastion');
    const { Output } = await ec2.send(new GetConsoleOutputCommand({ InstanceId: bastion.InstanceId }));
    expect(Buffer.from(Output ?? '', 'base64').toString('utf8')).toContain(fingerprint);
    const session = await connectSsh2({ ...target, credentials, hostKey: { kind: 'pinned', fingerprint } });
    try {
      const result = await session.exec('sudo id -un; exit 4');
      expect(result.stdout).toBe('root\n');
      expect(result.exitCode).toBe(4);
    } finally {
      await session.close();
    }
  });

  it('legacy-app with a key it does not list, or a password: sshAuthFailed', async () => {
    const target = {
      ...(await endpoint('legacy-app')),
      username: 'ec2-user',
      hostKey: { kind: 'accept-new' } as const,
    };
    for (const credentials of [{ privateKey: demoKey('practice-rsa.pem') }, { password: 'guess' }]) {
      const error = await connectSsh2({ ...target, credentials }).then(
        () => undefined,
        (caught: unknown) => caught as AppError,
      );
      expect(error?.code).toBe(recoveryErrorCodes.sshAuthFailed);
    }
  });
});
