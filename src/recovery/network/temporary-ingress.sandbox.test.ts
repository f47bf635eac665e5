import { readFileSync } from 'node:fs';
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  EC2Client,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedAccount } from '../../aws/account-types';
import { awsErrorCodes } from '../../aws/aws-errors';
import { AppError } from '../../ipc/app-error';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { instanceNamed, sshEndpointOf } from '../../sandbox/test-support/demo-lookup';
import { recoveryErrorCodes } from '../recovery-errors';
import { connectSsh2 } from '../ssh/ssh2-session';
import { authorizeTemporaryIngressFor, revokeTemporaryIngressFor, temporaryCidr } from './temporary-ingress';

// The temporary /32 rule through the app's client factory against the practice sandbox, whose SSH
// endpoints really open and close with the rules.
let sandbox: RunningSandbox;
let ec2: EC2Client;
let account: ResolvedAccount;
const region = 'us-east-1';

async function opsBox(): Promise<{ instanceId: string; groupId: string; host: string; port: number }> {
  const instance = await instanceNamed(ec2, 'ops-box');
  const [host = '', port = ''] = (sshEndpointOf(instance) ?? '').split(':');
  return {
    instanceId: instance.InstanceId ?? '',
    groupId: instance.SecurityGroups?.[0]?.GroupId ?? '',
    host,
    port: Number(port),
  };
}

/** What an SSH login to ops-box as ubuntu ends in: its `id -un`, or the error code. */
async function sshToOpsBox(): Promise<string> {
  const { host, port } = await opsBox();
  const privateKey = readFileSync(`${sandbox.control.demoKeysDir}/practice-ed25519.pem`, 'utf8');
  try {
    const session = await connectSsh2({
      host,
      port,
      username: 'ubuntu',
      credentials: { privateKey },
      hostKey: { kind: 'accept-new' },
    });
    try {
      return (await session.exec('id -un')).stdout.trim();
    } finally {
      await session.close();
    }
  } catch (error) {
    return (error as AppError).code;
  }
}

async function rulesOf(groupId: string): Promise<SecurityGroupRule[]> {
  const { SecurityGroupRules } = await ec2.send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
  );
  return SecurityGroupRules ?? [];
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' });
  ec2 = new EC2Client({
    endpoint: sandbox.endpoint,
    region,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
  account = {
    id: 'practice',
    label: 'Practice account',
    kind: 'practice',
    region,
    endpoint: sandbox.endpoint,
    needsMfa: false,
    credentials: async () => ({ accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey }),
    mode: 'sandbox',
  };
});

afterAll(async () => {
  ec2.destroy();
  await sandbox.stop();
});

describe('temporary SSH ingress', () => {
  it('authorize opens port 22 for this computer only; revoke by rule id closes it again', async () => {
    const { instanceId, groupId } = await opsBox();
    expect(await sshToOpsBox()).toBe(recoveryErrorCodes.sshPortClosed);
    const rule = await authorizeTemporaryIngressFor(account, region, {
      instanceId,
      clientAddress: sandbox.control.clientAddress,
      recoveryId: 'rec-1',
    });
    expect(rule).toMatchObject({ groupId, cidr: '203.0.113.7/32', port: 22, created: true, ours: true });
    expect(rule.ruleId).toMatch(/^sgr-/);
    const stored = (await rulesOf(groupId)).find(
      (candidate) => candidate.SecurityGroupRuleId === rule.ruleId,
    );
    expect(stored).toMatchObject({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '203.0.113.7/32' });
    expect(stored?.Description).toBe('KeyRescue temporary SSH (recovery rec-1)');
    expect(stored?.Tags?.map((tag) => `${tag.Key}=${tag.Value}`).sort()).toEqual([
      'keyrescue:purpose=temporary-ssh',
      'keyrescue:recovery=rec-1',
    ]);
    expect(await sshToOpsBox()).toBe('ubuntu');

    // Authorizing again (a resumed recovery) finds the same rule instead of failing.
    const again = await authorizeTemporaryIngressFor(account, region, {
      instanceId,
      clientAddress: sandbox.control.clientAddress,
      recoveryId: 'rec-1',
    });
    expect(again).toEqual({ ...rule, created: false });

    expect(await revokeTemporaryIngressFor(account, region, { ...rule, recoveryId: 'rec-1' })).toEqual({
      alreadyGone: false,
    });
    expect(await sshToOpsBox()).toBe(recoveryErrorCodes.sshPortClosed);
    expect((await rulesOf(groupId)).some((candidate) => candidate.SecurityGroupRuleId === rule.ruleId)).toBe(
      false,
    );
    // Revoking twice (a resumed cleanup) is fine: the rule is already gone.
    expect(await revokeTemporaryIngressFor(account, region, rule)).toEqual({ alreadyGone: true });
  });

  it('never opens a range: 0.0.0.0/0, CIDRs, IPv6 and non-addresses are refused before any AWS call', async () => {
    const { instanceId, groupId } = await opsBox();
    const before = await rulesOf(groupId);
    for (const address of [
      '0.0.0.0',
      '0.0.0.0/0',
      '203.0.113.0/24',
      '203.0.113.7/32',
      '2001:db8::1',
      'me',
      '',
    ]) {
      const error = await failure(
        authorizeTemporaryIngressFor(account, region, {
          instanceId,
          clientAddress: address,
          recoveryId: 'rec-2',
        }),
      );
      expect(error.code, address).toBe(recoveryErrorCodes.ingressAddressInvalid);
    }
    expect(await rulesOf(groupId)).toEqual(before);
    expect(temporaryCidr('198.51.100.9')).toBe('198.51.100.9/32');
  });

  it('refuses to revoke a rule KeyRescue did not add, or one of another recovery, and leaves it in place', async () => {
    const { instanceId, groupId } = await opsBox();
    const office = (await rulesOf(groupId)).find((rule) => rule.CidrIpv4 === '198.51.100.0/24');
    const officeId = office?.SecurityGroupRuleId ?? '';
    const refused = await failure(revokeTemporaryIngressFor(account, region, { ruleId: officeId, groupId }));
    expect(refused.code).toBe(recoveryErrorCodes.ingressRuleNotOurs);
    expect(refused.details.ruleId).toBe(officeId);

    const rule = await authorizeTemporaryIngressFor(account, region, {
      instanceId,
      clientAddress: '203.0.113.50',
      recoveryId: 'rec-3',
    });
    const otherRecovery = await failure(
      revokeTemporaryIngressFor(account, region, { ...rule, recoveryId: 'rec-other' }),
    );
    expect(otherRecovery.code).toBe(recoveryErrorCodes.ingressRuleNotOurs);
    expect(await revokeTemporaryIngressFor(account, region, { ...rule, recoveryId: 'rec-3' })).toEqual({
      alreadyGone: false,
    });
    expect((await rulesOf(groupId)).map((candidate) => candidate.SecurityGroupRuleId)).toEqual([officeId]);
  });

  it('the user’s own rule for the same /32 is reported as not ours, and revoke leaves it', async () => {
    const { instanceId, groupId } = await opsBox();
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.7/32' }] },
        ],
      }),
    );
    const rule = await authorizeTemporaryIngressFor(account, region, {
      instanceId,
      clientAddress: '203.0.113.7',
      recoveryId: 'rec-4',
    });
    expect(rule).toMatchObject({ created: false, ours: false, cidr: '203.0.113.7/32' });
    const error = await failure(revokeTemporaryIngressFor(account, region, { ...rule, recoveryId: 'rec-4' }));
    expect(error.code).toBe(recoveryErrorCodes.ingressRuleNotOurs);
    expect(await sshToOpsBox()).toBe('ubuntu');
  });

  it('an unknown instance and a denied permission are clear errors that change nothing', async () => {
    const missing = await failure(
      authorizeTemporaryIngressFor(account, region, {
        instanceId: 'i-0123456789abcdef0',
        clientAddress: '203.0.113.7',
        recoveryId: 'rec-5',
      }),
    );
    expect(missing.code).toBe(recoveryErrorCodes.ingressInstanceNotFound);
    const { instanceId, groupId } = await opsBox();
    const before = await rulesOf(groupId);
    sandbox.control.deny(['ec2:AuthorizeSecurityGroupIngress']);
    try {
      const denied = await failure(
        authorizeTemporaryIngressFor(account, region, {
          instanceId,
          clientAddress: '203.0.113.60',
          recoveryId: 'rec-5',
        }),
      );
      expect(denied.code).toBe(awsErrorCodes.accessDenied);
      expect(denied.details.operation).toBe('AuthorizeSecurityGroupIngress');
    } finally {
      sandbox.control.allow(['ec2:AuthorizeSecurityGroupIngress']);
    }
    expect(await rulesOf(groupId)).toEqual(before);
  });
});
