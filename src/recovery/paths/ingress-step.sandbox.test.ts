import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  RevokeSecurityGroupIngressCommand,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../ipc/app-error';
import { operationErrorCodes } from '../../ipc/operations/operation-errors';
import { httpEgressAddress } from '../network/egress-address';
import { recoveryErrorCodes } from '../recovery-errors';
import { connectSsh2 } from '../ssh/ssh2-session';
import { ingressAddStep } from './ingress-step';
import { startDemoAccount, type DemoAccount } from './test-support/demo-account';
import { testStepContext } from './test-support/step-context';

// The ingress-add step against the practice sandbox over HTTP: its security groups really gate
// the SSH endpoints against this computer's address (203.0.113.7), which its /checkip serves.
let demo: DemoAccount;

beforeAll(async () => {
  demo = await startDemoAccount();
});
afterAll(async () => demo.stop());

async function opsBox() {
  const instance = await demo.instance('ops-box');
  return { instanceId: instance.InstanceId ?? '', groupId: instance.SecurityGroups?.[0]?.GroupId ?? '' };
}

function step() {
  return opsBox().then(({ instanceId }) =>
    ingressAddStep({
      account: demo.account,
      region: demo.region,
      instanceId,
      egress: httpEgressAddress(`${demo.sandbox.endpoint}/checkip`),
    }),
  );
}

async function rulesOf(groupId: string): Promise<SecurityGroupRule[]> {
  const { SecurityGroupRules } = await demo.ec2.send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
  );
  return SecurityGroupRules ?? [];
}

/** `ubuntu` when SSH to ops-box logs in, else the error code. */
async function reachOpsBox(): Promise<string> {
  try {
    const session = await connectSsh2({
      ...(await demo.endpoint('ops-box')),
      username: 'ubuntu',
      credentials: { privateKey: demo.demoKey('practice-ed25519.pem') },
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

describe('ingress-add step', () => {
  it('apply opens tcp/22 to this computer only, check finds it, a repeat adds no second, revert closes it', async () => {
    const recoveryId = 'rec-20261202-040000-0a1b2c3d';
    const { groupId } = await opsBox();
    const before = await rulesOf(groupId);
    const ingress = await step();
    expect(ingress).toMatchObject({ id: 'ingress-add', repeatable: true, revertOnFailure: true });
    expect(await reachOpsBox()).toBe(recoveryErrorCodes.sshPortClosed);

    const ctx = testStepContext(recoveryId);
    const outcome = await ingress.apply(ctx);
    expect(ctx.notes).toEqual(["This computer's public address: 203.0.113.7"]);
    expect(outcome.facts).toMatchObject({ groupId, cidr: '203.0.113.7/32', created: 'true', ours: 'true' });
    const ruleId = outcome.facts?.ruleId ?? '';
    expect(ruleId).toMatch(/^sgr-/);
    expect(outcome.result).toBe(
      `Opened tcp/22 from 203.0.113.7/32 on ${groupId} (rule ${ruleId}), tagged for this recovery.`,
    );
    expect(await reachOpsBox()).toBe('ubuntu');

    // Resume after a crash between the AWS call and the journal's outcome: check finds the rule.
    expect(await ingress.check?.(testStepContext(recoveryId))).toEqual({ state: 'done', outcome });
    // Another recovery's check does not see it.
    expect(await ingress.check?.(testStepContext('rec-20261202-040000-ffffffff'))).toEqual({
      state: 'notDone',
    });
    // Applying again (repeatable) returns the same rule, not a second one.
    const again = await ingress.apply(testStepContext(recoveryId));
    expect(again.facts).toMatchObject({ ruleId, created: 'false', ours: 'true' });
    expect((await rulesOf(groupId)).length).toBe(before.length + 1);

    const facts = { ...outcome.facts, hostKeyFingerprint: 'SHA256:x' };
    expect(await ingress.revert?.(testStepContext(recoveryId, facts))).toMatchObject({
      result: `Revoked rule ${ruleId} on ${groupId}: tcp/22 is closed to this computer again.`,
    });
    expect(await rulesOf(groupId)).toEqual(before);
    expect(await reachOpsBox()).toBe(recoveryErrorCodes.sshPortClosed);
    expect(await ingress.check?.(testStepContext(recoveryId))).toEqual({ state: 'notDone' });
    // A second revert (a resumed cleanup) is fine.
    expect(await ingress.revert?.(testStepContext(recoveryId, facts))).toMatchObject({
      result: `Rule ${ruleId} on ${groupId} was already gone.`,
    });
  });

  it('an address the user gave is used as is: checkip is never asked', async () => {
    const recoveryId = 'rec-20261202-040050-0a1b2c3d';
    const { instanceId, groupId } = await opsBox();
    const before = await rulesOf(groupId);
    const asked: string[] = [];
    const ingress = ingressAddStep({
      account: demo.account,
      region: demo.region,
      instanceId,
      egress: {
        publicAddress: async () => {
          asked.push('checkip');
          throw new Error('checkip must not be asked when the address was given');
        },
      },
      clientAddress: '203.0.113.7',
    });
    const ctx = testStepContext(recoveryId);
    const outcome = await ingress.apply(ctx);
    expect(asked).toEqual([]);
    expect(ctx.notes).toEqual(["This computer's public address (as given): 203.0.113.7"]);
    expect(outcome.facts).toMatchObject({ groupId, cidr: '203.0.113.7/32', created: 'true', ours: 'true' });
    expect(await reachOpsBox()).toBe('ubuntu');
    await ingress.revert?.(testStepContext(recoveryId, outcome.facts));
    expect(await rulesOf(groupId)).toEqual(before);
  });

  it("the user's own rule for this address is reported, and revert leaves it", async () => {
    const recoveryId = 'rec-20261202-040100-0a1b2c3d';
    const { groupId } = await opsBox();
    const own = await demo.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.7/32' }] },
        ],
      }),
    );
    const ownId = own.SecurityGroupRules?.[0]?.SecurityGroupRuleId ?? '';
    try {
      const ingress = await step();
      const outcome = await ingress.apply(testStepContext(recoveryId));
      expect(outcome.facts).toMatchObject({ ruleId: ownId, created: 'false', ours: 'false' });
      expect(outcome.result).toContain('a rule KeyRescue did not add; nothing was added');
      expect(await ingress.check?.(testStepContext(recoveryId))).toEqual({ state: 'notDone' });
      expect(await ingress.revert?.(testStepContext(recoveryId, outcome.facts))).toMatchObject({
        result: `Rule ${ownId} was not added by KeyRescue; it is left in place.`,
      });
      expect((await rulesOf(groupId)).some((rule) => rule.SecurityGroupRuleId === ownId)).toBe(true);
    } finally {
      await demo.ec2.send(
        new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: [ownId] }),
      );
    }
  });

  it('check cannot tell when reading rules is denied; a cancelled apply changes nothing', async () => {
    const recoveryId = 'rec-20261202-040200-0a1b2c3d';
    const { groupId } = await opsBox();
    const before = await rulesOf(groupId);
    const ingress = await step();
    demo.sandbox.control.deny(['ec2:DescribeSecurityGroupRules']);
    try {
      expect(await ingress.check?.(testStepContext(recoveryId))).toEqual({ state: 'unknown' });
    } finally {
      demo.sandbox.control.allow(['ec2:DescribeSecurityGroupRules']);
    }
    const controller = new AbortController();
    controller.abort();
    const cancelled = await ingress
      .apply(testStepContext(recoveryId, {}, controller.signal))
      .catch((error: unknown) => error as AppError);
    expect((cancelled as AppError).code).toBe(operationErrorCodes.cancelled);
    expect(await rulesOf(groupId)).toEqual(before);
  });

  it('a denied AuthorizeSecurityGroupIngress fails the step and adds nothing', async () => {
    const { groupId } = await opsBox();
    const before = await rulesOf(groupId);
    const ingress = await step();
    demo.sandbox.control.deny(['ec2:AuthorizeSecurityGroupIngress']);
    try {
      const denied = await ingress
        .apply(testStepContext('rec-20261202-040300-0a1b2c3d'))
        .catch((error: unknown) => error as AppError);
      expect((denied as AppError).code).toBe('aws.accessDenied');
    } finally {
      demo.sandbox.control.allow(['ec2:AuthorizeSecurityGroupIngress']);
    }
    expect(await rulesOf(groupId)).toEqual(before);
  });
});
