import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DescribeInstanceAttributeCommand,
  DescribeVolumesCommand,
  ModifyInstanceAttributeCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { expect } from '@playwright/test';
import { instanceNamed, sshEndpointOf } from '../src/sandbox/test-support/demo-lookup';

/**
 * What a spec reads from the practice sandbox (as AWS's API answers it, and as sshd lets a key in)
 * to prove what a recovery did to a demo instance — not what the window says.
 */
const run = promisify(execFile);

export { instanceNamed };

/** An instance's state and its root volume: which volume, under which device, DeleteOnTermination. */
export async function rootOf(ec2: EC2Client, name: string) {
  const instance = await instanceNamed(ec2, name);
  const mapping = instance.BlockDeviceMappings?.find((entry) => entry.DeviceName === instance.RootDeviceName);
  return {
    state: instance.State?.Name,
    device: instance.RootDeviceName,
    volumeId: mapping?.Ebs?.VolumeId,
    deleteOnTermination: mapping?.Ebs?.DeleteOnTermination,
  };
}

/** The ids of the volumes attached to an instance, sorted. */
export async function volumesOn(ec2: EC2Client, instanceId: string): Promise<string[]> {
  const answer = await ec2.send(
    new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }] }),
  );
  return (answer.Volumes ?? []).map((volume) => volume.VolumeId ?? '').sort();
}

/** An instance's user data as stored (base64), or null without any. */
export async function userDataOf(ec2: EC2Client, instanceId: string): Promise<string | null> {
  const answer = await ec2.send(
    new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'userData' }),
  );
  return answer.UserData?.Value ?? null;
}

/** Gives an instance its own user data (stopped, changed, started again: EC2 allows no other way). */
export async function setUserDataOf(ec2: EC2Client, name: string, userData: Buffer): Promise<void> {
  const instanceId = (await instanceNamed(ec2, name)).InstanceId ?? '';
  const state = async () => (await instanceNamed(ec2, name)).State?.Name;
  await ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
  await expect.poll(state, { timeout: 30_000 }).toBe('stopped');
  await ec2.send(
    new ModifyInstanceAttributeCommand({ InstanceId: instanceId, UserData: { Value: userData } }),
  );
  await ec2.send(new StartInstancesCommand({ InstanceIds: [instanceId] }));
  await expect.poll(state, { timeout: 30_000 }).toBe('running');
}

/** The public blob of a private key file (the second field of its authorized_keys line). */
export async function publicBlobOf(keyPath: string): Promise<string> {
  const { stdout } = await run('ssh-keygen', ['-y', '-f', keyPath]);
  return stdout.split(' ')[1] ?? '';
}

/**
 * A real OpenSSH login with `keyPath` as ec2-user where the instance's `keyrescue:ssh-endpoint` tag
 * says (its port moves with each start); exit code and output — 255 when sshd refuses the key.
 */
export async function sshAs(
  ec2: EC2Client,
  name: string,
  keyPath: string,
  knownHostsDir: string,
  command: string,
): Promise<{ code: number; stdout: string }> {
  const port = (sshEndpointOf(await instanceNamed(ec2, name)) ?? '').split(':')[1] ?? '';
  try {
    const { stdout } = await run('ssh', [
      ...['-i', keyPath, '-p', port, '-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes'],
      ...[
        '-o',
        'StrictHostKeyChecking=accept-new',
        '-o',
        `UserKnownHostsFile=${join(knownHostsDir, 'known_hosts')}`,
      ],
      ...['-o', 'ConnectTimeout=20', 'ec2-user@127.0.0.1', command],
    ]);
    return { code: 0, stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string };
    return { code: typeof failure.code === 'number' ? failure.code : -1, stdout: failure.stdout ?? '' };
  }
}
