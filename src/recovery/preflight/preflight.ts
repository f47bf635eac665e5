import { mapWithConcurrency } from '../../async/map-with-concurrency';
import type { ResolvedAccount } from '../../aws/account-types';
import { createEc2Client, createSsmClient, createStsClient } from '../../aws/client-factory';
import { AppError } from '../../ipc/app-error';
import { operationErrorCodes } from '../../ipc/operations/operation-errors';
import type { Finding, PathAssessment } from '../../ipc/contracts/recovery';
import { describeInput } from '../../ipc/user-input';
import { planRecovery } from '../planner/planner';
import { recoveryErrorCodes } from '../recovery-errors';
import { addressFamily } from './address-match';
import {
  runCheck,
  type CheckContext,
  type PreflightCheck,
  type PreflightClients,
  type PreflightProgress,
  type PreflightRequest,
} from './check-runner';
import { attributesCheck } from './checks/attributes-check';
import { identityCheck } from './checks/identity-check';
import { imageCheck } from './checks/image-check';
import { instanceCheck } from './checks/instance-check';
import { networkCheck } from './checks/network-check';
import { permissionProbes } from './checks/permission-probes';
import { savedKeyPairCheck, savedResetAccessKeyCheck } from './checks/saved-keys-check';
import { ssmCheck } from './checks/ssm-check';
import {
  probedActions,
  type PermissionState,
  type PreflightFacts,
  type ProbedAction,
} from './preflight-facts';

export interface PreflightOptions {
  instanceId: string;
  region: string;
  egressAddress?: string | null;
  user?: string | null;
  hasOtherLogin?: boolean;
  onProgress?: (progress: PreflightProgress) => void;
  /** Checks (and AWS calls) running at once within a phase. */
  concurrency?: number;
  /** Stops the preflight before its next check (a running check finishes: it only reads). */
  signal?: AbortSignal;
}

export interface PreflightResult {
  instanceId: string;
  region: string;
  targetUser: string | null;
  findings: Finding[];
  plan: PathAssessment[];
  facts: PreflightFacts;
}

/** Checks that need nothing but the instance id; the identity check stops everything when it fails. */
const firstPhase: PreflightCheck[] = [identityCheck, instanceCheck, savedResetAccessKeyCheck];
/** Checks that read what DescribeInstances said (image, groups, subnet, root volume, key name). */
const secondPhase: PreflightCheck[] = [
  attributesCheck,
  imageCheck,
  networkCheck,
  ssmCheck,
  permissionProbes,
  savedKeyPairCheck,
];

/** Every check in the order it starts (ids as in the contract's `preflightCheckIds`). */
export const preflightChecks: readonly PreflightCheck[] = [...firstPhase, ...secondPhase];

/** The request as checks see it, or the AppError that says which input is wrong. */
export function validatedPreflight(options: PreflightOptions): PreflightRequest {
  if (!/^i-[0-9a-f]{8,17}$/.test(options.instanceId))
    throw new AppError(
      recoveryErrorCodes.instanceIdInvalid,
      `${describeInput(options.instanceId)} is not an EC2 instance id. Use the form i-0123456789abcdef0.`,
      { instanceId: options.instanceId.slice(0, 100) },
    );
  const egress = options.egressAddress?.trim() || null;
  if (egress && addressFamily(egress) === null)
    throw new AppError(
      recoveryErrorCodes.egressAddressInvalid,
      `${describeInput(egress)} is not an IPv4 or IPv6 address. Give this computer's public address, such as 203.0.113.7.`,
      { address: egress.slice(0, 100) },
    );
  const user = options.user?.trim() || null;
  if (user && !/^[a-z_][a-z0-9_.-]{0,31}$/i.test(user))
    throw new AppError(
      recoveryErrorCodes.userInvalid,
      `${describeInput(user)} is not a Linux user name (letters, digits, _ . -, at most 32, not starting with a digit).`,
      { user: user.slice(0, 100) },
    );
  return { instanceId: options.instanceId, region: options.region, egressAddress: egress, user };
}

function initialFacts(request: PreflightRequest): PreflightFacts {
  return {
    instanceId: request.instanceId,
    region: request.region,
    instance: null,
    instanceNotFound: false,
    stopProtection: null,
    spotRequestType: null,
    instanceStore: null,
    encryptedVolumes: null,
    terminationProtection: null,
    shutdownBehavior: null,
    elasticIp: null,
    image: null,
    targetUser: request.user,
    port22: { kind: 'unknown', reason: 'unreadable' },
    nacl: { kind: 'unknown' },
    ssm: null,
    eicPackage: 'unknown',
    permissions: Object.fromEntries(probedActions.map((action) => [action, 'unknown'])) as Record<
      ProbedAction,
      PermissionState
    >,
    savedKeyPair: 'unknown',
    savedEc2rl: 'unknown',
  };
}

const savedKeyCodes = new Set<Finding['code']>(['savedKeyPairParameter', 'savedEc2rlParameter']);

/** A saved private key comes first (the user may not need a recovery), the "none saved" notes last. */
function ordered(findings: Finding[]): Finding[] {
  const saved = findings.filter((entry) => savedKeyCodes.has(entry.code));
  const savedNotes = findings.filter(
    (entry) => entry.id.startsWith('savedKey.') && !savedKeyCodes.has(entry.code),
  );
  const rest = findings.filter((entry) => !entry.id.startsWith('savedKey.'));
  return [...saved, ...rest, ...savedNotes];
}

function cancelledBefore(request: PreflightRequest, check: string): AppError {
  return new AppError(
    operationErrorCodes.cancelled,
    `The preflight of ${request.instanceId} was cancelled before the check ${check}. It only reads; nothing was changed.`,
    { instanceId: request.instanceId, check },
  );
}

function clientsFor(account: ResolvedAccount, region: string): PreflightClients & { destroy(): void } {
  const clients = {
    ec2: createEc2Client(account, region),
    ssm: createSsmClient(account, region),
    sts: createStsClient(account, region),
  };
  return { ...clients, destroy: () => Object.values(clients).forEach((client) => client.destroy()) };
}

/**
 * Read-only preflight of one instance: every check in two phases (the second needs the instance),
 * concurrently within a phase, each failure isolated to its own `unknown` finding; then the plan.
 */
export async function runPreflight(
  account: ResolvedAccount,
  options: PreflightOptions,
): Promise<PreflightResult> {
  const request = validatedPreflight(options);
  const onProgress = options.onProgress ?? (() => undefined);
  const concurrency = options.concurrency ?? 4;
  const clients = clientsFor(account, request.region);
  const facts = initialFacts(request);
  const findings: Finding[] = [];
  const ctx: CheckContext = {
    request,
    account: { id: account.id, ...(account.profile ? { profile: account.profile } : {}) },
    clients,
    facts,
  };
  try {
    for (const phase of [firstPhase, secondPhase]) {
      const outcomes = await mapWithConcurrency(phase, concurrency, (check) => {
        if (options.signal?.aborted) throw cancelledBefore(request, check.id);
        return runCheck(check, ctx, onProgress);
      });
      for (const outcome of outcomes) {
        findings.push(...outcome.findings);
        Object.assign(facts, outcome.facts);
      }
    }
  } finally {
    clients.destroy();
  }
  return {
    instanceId: request.instanceId,
    region: request.region,
    targetUser: facts.targetUser,
    findings: ordered(findings),
    plan: planRecovery(
      facts,
      options.hasOtherLogin === undefined ? {} : { hasOtherLogin: options.hasOtherLogin },
    ),
    facts,
  };
}
