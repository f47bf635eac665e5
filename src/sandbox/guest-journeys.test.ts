import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  AttachVolumeCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateKeyPairCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  DetachVolumeCommand,
  EC2Client,
  ModifyInstanceAttributeCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  waitUntilVolumeAvailable,
  waitUntilVolumeInUse,
  type Instance,
} from '@aws-sdk/client-ec2';
import {
  GetCommandInvocationCommand,
  SendCommandCommand,
  SSMClient,
  waitUntilCommandExecuted,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index';
import { sshEndpointOf } from './test-support/demo-lookup';
import { openSsh } from './test-support/openssh';

const run = promisify(execFile);
let sandbox: RunningSandbox;
let ec2: EC2Client;
let ssm: SSMClient;
let dir: string;
let imageId: string;
const wait = { maxWaitTime: 60, minDelay: 1 };

async function newLocalKey(name: string): Promise<{ path: string; pub: string }> {
  const path = join(dir, name);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path]);
  return { path, pub: (await readFile(`${path}.pub`, 'utf8')).trim() };
}

async function describe1(id: string): Promise<Instance> {
  const { Reservations } = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return Reservations?.[0]?.Instances?.[0] ?? {};
}

async function launch(keyName: string, userData?: string): Promise<string> {
  const result = await ec2.send(
    new RunInstancesCommand({
      ImageId: imageId,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      KeyName: keyName,
      IamInstanceProfile: { Name: 'ssm-managed' },
      ...(userData ? { UserData: Buffer.from(userData).toString('base64') } : {}),
    }),
  );
  const id = result.Instances?.[0]?.InstanceId ?? '';
  await waitUntilInstanceRunning({ client: ec2, ...wait }, { InstanceIds: [id] });
  return id;
}

async function rootShell(instanceId: string, command: string): Promise<string> {
  const sent = await ssm.send(
    new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [instanceId],
      Parameters: { commands: [command] },
    }),
  );
  const commandId = sent.Command?.CommandId ?? '';
  await waitUntilCommandExecuted({ client: ssm, ...wait }, { CommandId: commandId, InstanceId: instanceId });
  return (
    (await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId })))
      .StandardOutputContent ?? ''
  );
}

async function stopAndWait(id: string): Promise<void> {
  await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
  await waitUntilInstanceStopped({ client: ec2, ...wait }, { InstanceIds: [id] });
}

async function startAndWait(id: string): Promise<string> {
  await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
  await waitUntilInstanceRunning({ client: ec2, ...wait }, { InstanceIds: [id] });
  return sshEndpointOf(await describe1(id)) ?? '';
}

function mimeAlways(script: string): string {
  return [
    'Content-Type: multipart/mixed; boundary="//"',
    'MIME-Version: 1.0',
    '',
    '--//',
    'Content-Type: text/cloud-config; charset="us-ascii"',
    'MIME-Version: 1.0',
    'Content-Transfer-Encoding: 7bit',
    'Content-Disposition: attachment; filename="cloud-config.txt"',
    '',
    '#cloud-config',
    'cloud_final_modules:',
    '- [scripts-user, always]',
    '',
    '--//',
    'Content-Type: text/x-shellscript; charset="us-ascii"',
    'MIME-Version: 1.0',
    'Content-Transfer-Encoding: 7bit',
    'Content-Disposition: attachment; filename="userdata.txt"',
    '',
    script,
    '--//--',
    '',
  ].join('\n');
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'empty' });
  const config = {
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  };
  ec2 = new EC2Client(config);
  ssm = new SSMClient(config);
  dir = await mkdtemp(join(tmpdir(), 'kr-guest-'));
  const { Images } = await ec2.send(
    new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['al2023-ami-*'] }] }),
  );
  imageId = Images?.[0]?.ImageId ?? '';
  // Instances here launch into the default group: open tcp/22 to this computer, as a user would.
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupName: 'default',
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          IpRanges: [{ CidrIp: `${sandbox.control.clientAddress}/32` }],
        },
      ],
    }),
  );
  const created = await ec2.send(new CreateKeyPairCommand({ KeyName: 'journey', KeyType: 'ed25519' }));
  await writeFile(join(dir, 'journey.pem'), created.KeyMaterial ?? '', { mode: 0o600 });
});

afterAll(async () => {
  ec2.destroy();
  ssm.destroy();
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('user data at boot, as cloud-init runs it', () => {
  it('a plain script runs on first boot only; a MIME scripts-user-always document runs on the next boot', async () => {
    const id = await launch('journey', '#!/bin/bash\necho ran >> /root/plain-runs.log\n');
    expect(await rootShell(id, 'cat /root/plain-runs.log')).toBe('ran\n');

    // Changing user data to another plain script does nothing: scripts-user is once per instance.
    const ignored = await newLocalKey('ignored');
    await stopAndWait(id);
    await ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: id,
        UserData: {
          Value: new TextEncoder().encode(
            `#!/bin/bash\necho '${ignored.pub}' >> /home/ec2-user/.ssh/authorized_keys\n`,
          ),
        },
      }),
    );
    let endpoint = await startAndWait(id);
    expect(await rootShell(id, 'cat /root/plain-runs.log')).toBe('ran\n');
    expect((await openSsh(endpoint, 'ec2-user', ignored.path, 'true')).code).toBe(255);

    const added = await newLocalKey('added');
    await stopAndWait(id);
    const script = `#!/bin/bash\nset -eu\necho '${added.pub}' >> /home/ec2-user/.ssh/authorized_keys\n`;
    await ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: id,
        UserData: { Value: new TextEncoder().encode(mimeAlways(script)) },
      }),
    );
    endpoint = await startAndWait(id);
    const login = await openSsh(endpoint, 'ec2-user', added.path, 'id -un');
    expect(login.stdout).toBe('ec2-user\n');
    expect((await openSsh(endpoint, 'ec2-user', join(dir, 'journey.pem'), 'true')).code).toBe(0);
  });
});

describe('volume swap through a rescue instance', () => {
  it('root volume moved to a rescue instance, edited over SSH, moved back: the change is live', async () => {
    const targetId = await launch('journey');
    const rescueId = await launch('journey');
    const target = await describe1(targetId);
    const rootVolume =
      target.BlockDeviceMappings?.find((m) => m.DeviceName === target.RootDeviceName)?.Ebs?.VolumeId ?? '';
    const newKey = await newLocalKey('rescued');
    expect((await openSsh(sshEndpointOf(target) ?? '', 'ec2-user', newKey.path, 'true')).code).toBe(255);

    await stopAndWait(targetId);
    await ec2.send(new DetachVolumeCommand({ VolumeId: rootVolume }));
    await waitUntilVolumeAvailable({ client: ec2, ...wait }, { VolumeIds: [rootVolume] });
    await ec2.send(
      new AttachVolumeCommand({ VolumeId: rootVolume, InstanceId: rescueId, Device: '/dev/sdf' }),
    );
    await waitUntilVolumeInUse({ client: ec2, ...wait }, { VolumeIds: [rootVolume] });

    const rescue = sshEndpointOf(await describe1(rescueId)) ?? '';
    const key = join(dir, 'journey.pem');
    const lsblk = await openSsh(rescue, 'ec2-user', key, 'lsblk -o NAME,SERIAL');
    // Nitro: /dev/sdf shows up as the second NVMe disk, its serial the volume id without the dash.
    expect(lsblk.stdout).toMatch(new RegExp(`nvme1n1\\s+${rootVolume.replace('-', '')}`));
    expect(lsblk.stdout).toContain('nvme1n1p1');
    // Both roots come from the same AMI: XFS refuses the duplicate UUID unless told nouuid, as on Linux.
    const duplicate = await openSsh(
      rescue,
      'ec2-user',
      key,
      'sudo mkdir -p /mnt/rescue && sudo mount /dev/nvme1n1p1 /mnt/rescue',
    );
    expect(duplicate.code).not.toBe(0);
    const edit = await openSsh(
      rescue,
      'ec2-user',
      key,
      `set -e; sudo mount -o nouuid /dev/nvme1n1p1 /mnt/rescue; echo '${newKey.pub}' | sudo tee -a /mnt/rescue/home/ec2-user/.ssh/authorized_keys >/dev/null; echo done`,
    );
    expect(edit.stderr).toBe('');
    expect(edit.stdout).toBe('done\n');

    // Detaching while the guest still has it mounted stays "detaching" (busy) until it is unmounted.
    await ec2.send(new DetachVolumeCommand({ VolumeId: rootVolume }));
    await sandbox.control.tick();
    const busy = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [rootVolume] }));
    expect(busy.Volumes?.[0]?.Attachments?.[0]?.State).toBe('detaching');
    const unmount = await openSsh(rescue, 'ec2-user', key, 'sudo umount /mnt/rescue && echo unmounted');
    expect(unmount.stdout).toBe('unmounted\n');
    await waitUntilVolumeAvailable({ client: ec2, ...wait }, { VolumeIds: [rootVolume] });
    await ec2.send(
      new AttachVolumeCommand({
        VolumeId: rootVolume,
        InstanceId: targetId,
        Device: target.RootDeviceName ?? '/dev/xvda',
      }),
    );
    await waitUntilVolumeInUse({ client: ec2, ...wait }, { VolumeIds: [rootVolume] });
    const endpoint = await startAndWait(targetId);
    const login = await openSsh(endpoint, 'ec2-user', newKey.path, 'tail -n 1 ~/.ssh/authorized_keys');
    expect(login.code).toBe(0);
    expect(login.stdout.trim()).toBe(newKey.pub);
  });
});
