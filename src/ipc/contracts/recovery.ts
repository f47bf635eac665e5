import * as z from 'zod/mini';
import { accountRef, list, region, requiredText, text } from './schema-helpers';

// Preflight findings and plan reasons travel as codes with parameters: the renderer translates them
// (renderer/features/recover/locales.ts), the CLI prints the English of src/recovery/preflight/finding-texts.ts.

/** Every preflight finding's explanation code. */
export const findingCodes = [
  'savedKeyPairParameter',
  'savedKeyPairParameterAbsent',
  'savedKeyPairNoKeyName',
  'savedEc2rlParameter',
  'savedEc2rlParameterAbsent',
  'checkDenied',
  'checkFailed',
  'identityOk',
  'instanceNotFound',
  'instanceRunning',
  'instanceStopped',
  'instanceTransitional',
  'instanceGone',
  'platformLinux',
  'platformWindows',
  'managedByService',
  'rootEbs',
  'rootInstanceStore',
  'lifecycleOnDemand',
  'lifecycleSpot',
  'lifecycleOther',
  'instanceHibernated',
  'autoScalingNone',
  'autoScalingMember',
  'stopProtectionOff',
  'stopProtectionOn',
  'terminationProtectionOn',
  'terminationProtectionOff',
  'shutdownBehaviorStop',
  'shutdownBehaviorTerminate',
  'addressesPublic',
  'addressesPrivateOnly',
  'addressesNone',
  'publicIpElastic',
  'publicIpChangesOnStop',
  'imdsEnabled',
  'imdsDisabled',
  'keyNameSet',
  'keyNameNone',
  'defaultUserFromImage',
  'defaultUserOverride',
  'defaultUserGuess',
  'sshOpenToAddress',
  'sshOpenToAnywhere',
  'sshClosedToAddress',
  'sshUnknownNoAddress',
  'sshPrefixListUnchecked',
  'naclAllows',
  'eicEndpointUsable',
  'eicEndpointSeveral',
  'eicEndpointNone',
  'eicEndpointGroupsClosed',
  'naclDeniesInbound',
  'naclDeniesReturn',
  'naclUnknownNoAddress',
  'ssmOnline',
  'ssmNotOnline',
  'ssmNotManagedNoProfile',
  'ssmNotManaged',
  'eicImageShips',
  'eicNotOnImage',
  'eicImageUnknown',
  'eicImdsDisabled',
  'permissionAllowed',
  'permissionDenied',
  'permissionUnknown',
  'permissionUntestable',
  'instanceStoreNone',
  'instanceStoreData',
  'spotPersistent',
  'spotOneTime',
  'volumesUnencrypted',
  'volumesEncrypted',
  'marketplaceRoot',
] as const;
export type FindingCode = (typeof findingCodes)[number];

/** Why a recovery path is (not) possible or advised, and what stopping the instance would do. */
export const planReasonCodes = [
  'windowsUnsupported',
  'instanceMissing',
  'instanceUnreadable',
  'instanceGone',
  'managedByService',
  'notRunning',
  'transitional',
  'needsOtherLogin',
  'otherLoginGiven',
  'noAddress',
  'port22Open',
  'port22NeedsIngress',
  'port22ClosedNoIngress',
  'port22Unknown',
  'naclBlocks',
  'eicImageShips',
  'eicNotOnImage',
  'eicImageUnknown',
  'imdsDisabled',
  'ssmOnline',
  'ssmNotOnline',
  'ssmNotManaged',
  'ssmUnknown',
  'untestedPermission',
  'permissionDenied',
  'permissionUnknown',
  'instanceStoreRoot',
  'hibernated',
  'needsStop',
  'advisedOtherLogin',
  'advisedEic',
  'advisedSsm',
  'advisedEicWithIngress',
  'advisedUserData',
  'advisedRescueVolume',
  'hazardPublicIpChanges',
  'hazardSpot',
  'hazardTerminateOnShutdown',
  'hazardDowntime',
  'autoScalingNoStandby',
  'stopProtectionOn',
  'stopProtectionUnknown',
  'spotOneTime',
  'spotRequestUnknown',
  'marketplaceRoot',
  'instanceStoreUnknown',
  'volumesUnknown',
  'hazardInstanceStoreData',
  'hazardSpotPersistent',
  'hazardEncryptedStart',
  'hazardEncryptedRescue',
] as const;
export type PlanReasonCode = (typeof planReasonCodes)[number];

export const recoveryPathIds = ['ssh', 'eic', 'ssm', 'userData', 'rescueVolume'] as const;
export type RecoveryPathId = (typeof recoveryPathIds)[number];

/** Parameters of a code: short facts (ids, names, addresses), never a secret or an SDK message. */
const params = z.record(text(60), text(500));

export const findingSchema = z.strictObject({
  /** Which check and subject (`instance.state`, `permission.StopInstances`). */
  id: text(100),
  status: z.enum(['ok', 'warning', 'blocker', 'unknown']),
  code: z.enum(findingCodes),
  params,
  /** The English text (CLI, logs); the UI translates `code` instead. */
  message: text(1000),
});
export type Finding = z.infer<typeof findingSchema>;

export const planReasonSchema = z.strictObject({ code: z.enum(planReasonCodes), params });
export type PlanReason = z.infer<typeof planReasonSchema>;

export const pathAssessmentSchema = z.strictObject({
  path: z.enum(recoveryPathIds),
  /** `advised` is possible and the one to try first; at most one path is advised. */
  verdict: z.enum(['advised', 'possible', 'notPossible']),
  /** Why not possible, or what it needs; for the advised path the first reason says why. */
  reasons: list(planReasonSchema, 20),
  /** What cannot be known before trying (no DryRun, package presence). */
  uncertainties: list(planReasonSchema, 20),
  /** Consequences of stopping the instance (stop paths only). */
  hazards: list(planReasonSchema, 20),
  downtime: z.boolean(),
});
export type PathAssessment = z.infer<typeof pathAssessmentSchema>;

export const preflightInputSchema = z.strictObject({
  /** The account to check in (default: the active one), resolved once for the whole preflight. */
  accountId: accountRef,
  instanceId: requiredText(40),
  region,
  /** This computer's public address as the internet sees it (IPv4 or IPv6); null when unknown. */
  egressAddress: z.optional(z.nullable(text(45))),
  /** Overrides the login user guessed from the image. */
  user: z.optional(z.nullable(requiredText(32))),
  /** The user says another login (user + key or password, with sudo) still works. */
  hasOtherLogin: z.optional(z.boolean()),
});
export type PreflightInput = z.infer<typeof preflightInputSchema>;

export const preflightResultSchema = z.strictObject({
  instanceId: text(40),
  region: text(40),
  /** The login user the recovery will target (override, or guessed from the image). */
  targetUser: z.nullable(text(32)),
  /** Saved-key findings first when one exists: the user may not need a recovery at all. */
  findings: list(findingSchema, 200),
  plan: list(pathAssessmentSchema, 5),
});
export type PreflightResultDto = z.infer<typeof preflightResultSchema>;

export const consoleHostKeysInputSchema = z.strictObject({
  accountId: accountRef,
  instanceId: requiredText(40),
  region,
});

/**
 * The host keys an instance printed to its console at boot (GetConsoleOutput), to compare with the
 * key SSH is shown. `found`: the last boot's fingerprints; `empty`: no console output (yet: EC2
 * posts it minutes after a start); `notPrinted`: output without a host key block (keys_to_console
 * off, no cloud-init); `denied`: no ec2:GetConsoleOutput permission. The console text never travels.
 */
export const consoleHostKeysResultSchema = z.strictObject({
  status: z.enum(['found', 'empty', 'notPrinted', 'denied']),
  keys: list(
    z.strictObject({
      /** `ED25519`, `ECDSA`, `RSA`… as cloud-init names them. */
      type: text(20),
      fingerprint: z.string().check(z.regex(/^SHA256:[A-Za-z0-9+/]{43}$/)),
    }),
    16,
  ),
  /** `keys`: computed from the printed public keys (the fingerprints block was missing or MD5). */
  source: z.optional(z.enum(['fingerprints', 'keys'])),
  /** When EC2 captured the output (ISO 8601). */
  capturedAt: z.optional(text(40)),
});
export type ConsoleHostKeysDto = z.infer<typeof consoleHostKeysResultSchema>;

/**
 * Preflight's checks in the order they run, each a step of the `recovery.preflight` operation (its
 * `step`). Stable: the window names them (`checkNames.<id>`) and scripts read them from the CLI.
 */
export const preflightCheckIds = [
  'identity',
  'instance',
  'savedKey.ec2rl',
  'attributes',
  'image',
  'network',
  'ssm',
  'permissions',
  'savedKey.keyPair',
] as const;
export type PreflightCheckId = (typeof preflightCheckIds)[number];

export const recoveryContract = {
  /**
   * Read-only checks of one instance as an operation (kind `recovery.preflight`): each check is a
   * step (`step` → `stepDone` with its findings, or `stepFailed` when it could not run); the result
   * is a PreflightResultDto. Cancelling stops it between checks.
   */
  'recovery:preflight': {
    input: preflightInputSchema,
    output: z.strictObject({ operationId: requiredText(100) }),
  },
  /** The host key fingerprints in the instance's console output (read-only). */
  'recovery:consoleHostKeys': { input: consoleHostKeysInputSchema, output: consoleHostKeysResultSchema },
} as const;
