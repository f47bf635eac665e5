import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
} from '@aws-sdk/client-ec2';
import { SendSSHPublicKeyCommand } from '@aws-sdk/client-ec2-instance-connect';
import {
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  ListCommandInvocationsCommand,
  SendCommandCommand,
  paginateListCommandInvocations,
  waitUntilCommandExecuted,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectContractTarget,
  errorOf,
  findImageId,
  type ContractTarget,
} from './test-support/contract-target';

const run = promisify(execFile);
let target: ContractTarget;
let managed: string;
let unmanaged: string;
let dir: string;

beforeAll(async () => {
  target = await connectContractTarget();
  dir = await mkdtemp(join(tmpdir(), 'kr-contract-svc-'));
  const imageId = await findImageId(target.ec2, 'al2023-ami-2023*');
  const profile = process.env.KEYRESCUE_CONTRACT_SSM_PROFILE ?? 'AmazonSSMRoleForInstancesQuickSetup';
  const a = await target.ec2.send(
    new RunInstancesCommand({
      ImageId: imageId,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      IamInstanceProfile: { Name: profile },
    }),
  );
  const b = await target.ec2.send(
    new RunInstancesCommand({ ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }),
  );
  managed = a.Instances?.[0]?.InstanceId ?? '';
  unmanaged = b.Instances?.[0]?.InstanceId ?? '';
  await waitUntilInstanceRunning(
    { client: target.ec2, maxWaitTime: 120, minDelay: 1 },
    { InstanceIds: [managed, unmanaged] },
  );
});

afterAll(async () => {
  await target.ec2
    .send(new TerminateInstancesCommand({ InstanceIds: [managed, unmanaged] }))
    .catch(() => undefined);
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

describe('SSM', () => {
  it('DescribeInstanceInformation shows the managed instance Online and not the other', async () => {
    const { InstanceInformationList } = await target.ssm.send(
      new DescribeInstanceInformationCommand({
        Filters: [{ Key: 'InstanceIds', Values: [managed, unmanaged] }],
      }),
    );
    expect(
      InstanceInformationList?.map((info) => [info.InstanceId, info.PingStatus, info.PlatformType]),
    ).toEqual([[managed, 'Online', 'Linux']]);
  });

  it('SendCommand runs AWS-RunShellScript as root; GetCommandInvocation returns real stdout and exit code', async () => {
    const sent = await target.ssm.send(
      new SendCommandCommand({
        DocumentName: 'AWS-RunShellScript',
        InstanceIds: [managed],
        Parameters: {
          commands: ['set -eu', 'id -un', 'getent passwd ec2-user | cut -d: -f6', 'echo oops >&2', 'exit 3'],
        },
        Comment: 'contract',
      }),
    );
    const commandId = sent.Command?.CommandId ?? '';
    expect(sent.Command?.Status).toBe('Pending');
    await waitUntilCommandExecuted(
      { client: target.ssm, maxWaitTime: 120, minDelay: 1 },
      { CommandId: commandId, InstanceId: managed },
    ).catch(
      () => undefined, // the waiter treats a failed command as a terminal failure; the invocation below is what matters
    );
    const invocation = await target.ssm.send(
      new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: managed }),
    );
    expect(invocation.Status).toBe('Failed');
    expect(invocation.ResponseCode).toBe(3);
    expect(invocation.StandardOutputContent).toBe('root\n/home/ec2-user\n');
    expect(invocation.StandardErrorContent).toBe('oops\n');
    const ok = await target.ssm.send(
      new SendCommandCommand({
        DocumentName: 'AWS-RunShellScript',
        InstanceIds: [managed],
        Parameters: { commands: ['echo fine'] },
      }),
    );
    await waitUntilCommandExecuted(
      { client: target.ssm, maxWaitTime: 120, minDelay: 1 },
      { CommandId: ok.Command?.CommandId ?? '', InstanceId: managed },
    );
    const { CommandInvocations } = await target.ssm.send(
      new ListCommandInvocationsCommand({ InstanceId: managed, Details: true }),
    );
    const listed = CommandInvocations?.find((entry) => entry.CommandId === ok.Command?.CommandId);
    expect(listed?.Status).toBe('Success');
    expect(listed?.CommandPlugins?.[0]?.Output).toBe('fine\n');
    const paged: string[] = [];
    for await (const page of paginateListCommandInvocations(
      { client: target.ssm, pageSize: 1 },
      { InstanceId: managed },
    )) {
      expect(page.CommandInvocations?.length).toBeLessThanOrEqual(1);
      paged.push(...(page.CommandInvocations ?? []).map((entry) => entry.CommandId ?? ''));
    }
    expect(paged).toContain(commandId);
    expect(paged).toContain(ok.Command?.CommandId);
    expect(new Set(paged).size).toBe(paged.length);
  });

  it('refuses an instance that is not a managed node, and an unknown invocation', async () => {
    const refused = await errorOf(() =>
      target.ssm.send(
        new SendCommandCommand({
          DocumentName: 'AWS-RunShellScript',
          InstanceIds: [unmanaged],
          Parameters: { commands: ['true'] },
        }),
      ),
    );
    expect(refused.name).toBe('InvalidInstanceId');
    const unknown = await errorOf(() =>
      target.ssm.send(
        new GetCommandInvocationCommand({
          CommandId: '00000000-0000-0000-0000-000000000000',
          InstanceId: managed,
        }),
      ),
    );
    expect(unknown.name).toBe('InvocationDoesNotExist');
  });
});

describe('EC2 Instance Connect', () => {
  it('SendSSHPublicKey succeeds for a running instance, refuses unknown and stopped ones and bad keys', async () => {
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'eic')]);
    const publicKey = await readFile(join(dir, 'eic.pub'), 'utf8');
    const sent = await target.eic.send(
      new SendSSHPublicKeyCommand({
        InstanceId: managed,
        InstanceOSUser: 'ec2-user',
        SSHPublicKey: publicKey,
      }),
    );
    expect(sent.Success).toBe(true);
    expect(sent.RequestId).toMatch(/\S/);
    const badKey = await errorOf(() =>
      target.eic.send(
        new SendSSHPublicKeyCommand({
          InstanceId: managed,
          InstanceOSUser: 'ec2-user',
          SSHPublicKey: 'ssh-ed25519 nope',
        }),
      ),
    );
    expect(badKey.name).toBe('InvalidArgsException');
    const unknown = await errorOf(() =>
      target.eic.send(
        new SendSSHPublicKeyCommand({
          InstanceId: 'i-0123456789abcdef0',
          InstanceOSUser: 'ec2-user',
          SSHPublicKey: publicKey,
        }),
      ),
    );
    expect(unknown.name).toBe('EC2InstanceNotFoundException');
    await target.ec2.send(new StopInstancesCommand({ InstanceIds: [unmanaged] }));
    await waitUntilInstanceStopped(
      { client: target.ec2, maxWaitTime: 300, minDelay: 1 },
      { InstanceIds: [unmanaged] },
    );
    const stopped = await errorOf(() =>
      target.eic.send(
        new SendSSHPublicKeyCommand({
          InstanceId: unmanaged,
          InstanceOSUser: 'ec2-user',
          SSHPublicKey: publicKey,
        }),
      ),
    );
    expect(stopped.name).toBe('EC2InstanceStateInvalidException');
  });
});
