import type { ResolvedAccount } from '../../aws/account-types';
import { awsErrorCodes } from '../../aws/aws-errors';
import { AppError, isAppError } from '../../ipc/app-error';
import { operationErrorCodes } from '../../ipc/operations/operation-errors';
import type { RecoveryStep, StepContext, StepOutcome } from '../engine/recovery-step';
import { stepDescription, stepResult, stepText } from '../journal/step-texts';
import type { EgressAddressPort } from '../network/egress-address';
import {
  authorizeTemporaryIngressFor,
  findTemporaryIngressFor,
  revokeTemporaryIngressFor,
  type TemporaryIngressRule,
} from '../network/temporary-ingress';

/**
 * The `ingress-add` step: when no security group lets this computer reach tcp/22, open it to this
 * computer's address only (/32), tagged with the recovery id, for the rest of the recovery. The
 * executor reverts it when a later step fails (`revertOnFailure`); after a verified recovery the
 * cleanup revokes it. Facts: `ruleId`, `groupId`, `cidr`, `created` (KeyRescue added it now) and
 * `ours` (it carries this recovery's tag: ours to revoke).
 */
export interface IngressStepInput {
  account: ResolvedAccount;
  region: string;
  instanceId: string;
  /** Where "this computer's address" comes from (checkip; the sandbox's for practice). */
  egress: EgressAddressPort;
  /** This computer's address as the user gave it (`--egress-address`): used as is, checkip is not asked. */
  clientAddress?: string;
  /** The instance's SSH port the rule opens (default 22). */
  port?: number;
}

export const ingressStepId = 'ingress-add';

function stopIfCancelled(ctx: StepContext, before: string): void {
  if (ctx.signal.aborted)
    throw new AppError(operationErrorCodes.cancelled, `Cancelled before ${before}; nothing was changed.`);
}

function outcomeOf(rule: TemporaryIngressRule): StepOutcome {
  const what = { port: String(rule.port), cidr: rule.cidr, groupId: rule.groupId, ruleId: rule.ruleId };
  const key = rule.created ? 'ingress.opened' : rule.ours ? 'ingress.alreadyOpen' : 'ingress.notOurs';
  return {
    ...stepResult(stepText(key, what)),
    facts: {
      ruleId: rule.ruleId,
      groupId: rule.groupId,
      cidr: rule.cidr,
      created: String(rule.created),
      ours: String(rule.ours),
    },
  };
}

export function ingressAddStep(input: IngressStepInput): RecoveryStep {
  const port = input.port ?? 22;
  return {
    id: ingressStepId,
    ...stepDescription(
      stepText('ingress.does', { port: String(port), instanceId: input.instanceId }),
      stepText('ingress.undo'),
    ),
    // authorizeTemporaryIngress finds the same rule instead of adding a second; check says so too.
    repeatable: true,
    revertOnFailure: true,

    async apply(ctx) {
      stopIfCancelled(ctx, "learning this computer's address");
      const clientAddress = input.clientAddress ?? (await input.egress.publicAddress(ctx.signal));
      ctx.note(`This computer's public address${input.clientAddress ? ' (as given)' : ''}: ${clientAddress}`);
      stopIfCancelled(ctx, 'adding the ingress rule');
      const rule = await authorizeTemporaryIngressFor(input.account, input.region, {
        instanceId: input.instanceId,
        clientAddress,
        recoveryId: ctx.recoveryId,
        port,
      });
      return outcomeOf(rule);
    },

    async check(ctx) {
      try {
        const rule = await findTemporaryIngressFor(input.account, input.region, ctx.recoveryId, port);
        return rule ? { state: 'done', outcome: outcomeOf(rule) } : { state: 'notDone' };
      } catch (error) {
        // Not allowed to read the rules: whether the rule exists cannot be told.
        if (isAppError(error) && error.code === awsErrorCodes.accessDenied) return { state: 'unknown' };
        throw error;
      }
    },

    async revert(ctx) {
      const { ruleId, groupId, ours } = ctx.facts;
      if (!ruleId || !groupId) return stepResult(stepText('ingress.noneRecorded'));
      if (ours !== 'true') return stepResult(stepText('ingress.leftInPlace', { ruleId }));
      const { alreadyGone } = await revokeTemporaryIngressFor(input.account, input.region, {
        ruleId,
        groupId,
        recoveryId: ctx.recoveryId,
      });
      return alreadyGone
        ? stepResult(stepText('ingress.alreadyGone', { ruleId, groupId }))
        : stepResult(stepText('ingress.revoked', { ruleId, groupId, port: String(port) }));
    },
  };
}
