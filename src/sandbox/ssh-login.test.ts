import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EC2Client, GetConsoleOutputCommand } from '@aws-sdk/client-ec2';
import { EC2InstanceConnectClient, SendSSHPublicKeyCommand } from '@aws-sdk/client-ec2-instance-connect';
import { DescribeInstanceInformationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startSandbox, type RunningSandbox } from './index';
import { lostKeyName } from './seed-demo';
import { errorOf } from './test-support/contract-target';
import { instanceNamed, sshEndpointOf } from './test-support/demo-lookup';
import { openSsh } from './test-support/openssh';

const run = promisify(execFile);
const clock = new ManualClock(Date.now());
let sandbox: RunningSandbox;
let ec2: EC2Client;
let eic: EC2InstanceConnectClient;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo', clock });
  const config = {
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  };
  ec2 = new EC2Client(config);
  eic = new EC2InstanceConnectClient(config);
  dir = await mkdtemp(join(tmpdir(), 'kr-ssh-login-'));
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'stranger', '-f', join(dir, 'stranger')]);
});

afterAll(async () => {
  ec2.destroy();
  eic.destroy();
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
  if (sandbox.control.demoKeysDir) await rm(sandbox.control.demoKeysDir, { recursive: true, force: true });
});

describe('OpenSSH login to sandbox instances', () => {
  it('logs in with the key pair private key and is refused with another key', async () => {
    const bastion = await instanceNamed(ec2, 'bastion');
    const endpoint = sshEndpointOf(bastion) ?? '';
    expect(endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(bastion.PublicIpAddress).not.toBe('127.0.0.1');
    const keyFile = join(sandbox.control.demoKeysDir ?? '', 'practice-rsa.pem');
    const ok = await openSsh(
      endpoint,
      'ec2-user',
      keyFile,
      'id -un; sudo id -un; cat ~/.ssh/authorized_keys',
    );
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const [user, root, authorized] = ok.stdout.split('\n');
    expect([user, root]).toEqual(['ec2-user', 'root']);
    const { stdout: publicKey } = await run('ssh-keygen', ['-y', '-f', keyFile]);
    expect(authorized?.startsWith(publicKey.trim())).toBe(true);
    const refused = await openSsh(endpoint, 'ec2-user', join(dir, 'stranger'), 'true');
    expect(refused.code).toBe(255);
    expect(refused.stderr).toContain('Permission denied (publickey)');
  });

  it('GetConsoleOutput shows the host key fingerprint that ssh-keyscan sees', async () => {
    const bastion = await instanceNamed(ec2, 'bastion');
    const [host = '', port = ''] = (sshEndpointOf(bastion) ?? '').split(':');
    const { stdout: scanned } = await run('sh', [
      '-c',
      `ssh-keyscan -t ed25519 -p ${port} ${host} 2>/dev/null | ssh-keygen -lf -`,
    ]);
    const fingerprint = scanned.split(' ')[1] ?? '';
    expect(fingerprint).toMatch(/^SHA256:/);
    const { Output } = await ec2.send(new GetConsoleOutputCommand({ InstanceId: bastion.InstanceId }));
    expect(Buffer.from(Output ?? '', 'base64').toString('utf8')).toContain(fingerprint);
  });

  it('the lost key exists nowhere on disk; the practice keys do not open the lost-key instance', async () => {
    const files = await readdir(sandbox.control.demoKeysDir ?? '');
    expect(files.sort()).toEqual(['eu-deploy', 'laptop-rsa', 'practice-ed25519.pem', 'practice-rsa.pem']);
    await expect(access(join(sandbox.control.demoKeysDir ?? '', `${lostKeyName}.pem`))).rejects.toThrow();
    const legacy = await instanceNamed(ec2, 'legacy-app');
    expect(legacy.KeyName).toBe(lostKeyName);
    for (const file of files) {
      const attempt = await openSsh(
        sshEndpointOf(legacy) ?? '',
        'ec2-user',
        join(sandbox.control.demoKeysDir ?? '', file),
        'true',
      );
      expect(attempt.code, file).toBe(255);
    }
    const windows = await instanceNamed(ec2, 'windows-reporting');
    expect(windows.Platform).toBe('windows');
    expect(sshEndpointOf(windows)).toBeUndefined();
    // Windows is an SSM managed node, but AWS-RunShellScript does not run there.
    const ssm = new SSMClient({
      endpoint: sandbox.endpoint,
      region: sandbox.region,
      credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
    });
    try {
      const info = await ssm.send(
        new DescribeInstanceInformationCommand({
          Filters: [{ Key: 'InstanceIds', Values: [windows.InstanceId ?? ''] }],
        }),
      );
      expect(info.InstanceInformationList?.[0]?.PlatformType).toBe('Windows');
      const refused = await errorOf(() =>
        ssm.send(
          new SendCommandCommand({
            DocumentName: 'AWS-RunShellScript',
            InstanceIds: [windows.InstanceId ?? ''],
            Parameters: { commands: ['id'] },
          }),
        ),
      );
      expect(refused.name).toBe('UnsupportedPlatformType');
    } finally {
      ssm.destroy();
    }
    const stopped = await instanceNamed(ec2, 'debian-worker');
    expect(stopped.State?.Name).toBe('stopped');
    expect(sshEndpointOf(stopped)).toBeUndefined();
  });

  it('an Instance Connect key logs in for 60 seconds and then not', async () => {
    const legacy = await instanceNamed(ec2, 'legacy-app');
    const endpoint = sshEndpointOf(legacy) ?? '';
    const publicKey = await readFile(join(dir, 'stranger.pub'), 'utf8');
    const before = await openSsh(endpoint, 'ec2-user', join(dir, 'stranger'), 'true');
    expect(before.code).toBe(255);
    await eic.send(
      new SendSSHPublicKeyCommand({
        InstanceId: legacy.InstanceId,
        InstanceOSUser: 'ec2-user',
        SSHPublicKey: publicKey,
      }),
    );
    clock.advance(59_000);
    const inside = await openSsh(endpoint, 'ec2-user', join(dir, 'stranger'), 'id -un');
    expect(inside.stdout).toBe('ec2-user\n');
    expect(inside.code).toBe(0);
    const otherUser = await openSsh(endpoint, 'root', join(dir, 'stranger'), 'true');
    expect(otherUser.code).toBe(255);
    clock.advance(2_000);
    const after = await openSsh(endpoint, 'ec2-user', join(dir, 'stranger'), 'true');
    expect(after.code).toBe(255);
    expect(after.stderr).toContain('Permission denied (publickey)');
  });
});
