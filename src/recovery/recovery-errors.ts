/**
 * Every error code the recovery engine throws on purpose (listed in src/app/error-codes.ts).
 * English comes from each error's message; Japanese from renderer/features/recover/error-locales.ts.
 */
export const recoveryErrorCodes = {
  // SSH to the instance (src/recovery/ssh).
  sshAuthFailed: 'recovery.sshAuthFailed',
  sshCancelled: 'recovery.sshCancelled',
  sshCommandTimedOut: 'recovery.sshCommandTimedOut',
  sshConnectionFailed: 'recovery.sshConnectionFailed',
  sshHostKeyMismatch: 'recovery.sshHostKeyMismatch',
  sshHostKeyUnknown: 'recovery.sshHostKeyUnknown',
  sshHostUnreachable: 'recovery.sshHostUnreachable',
  sshKeyUnusable: 'recovery.sshKeyUnusable',
  sshPortClosed: 'recovery.sshPortClosed',
  sshTimedOut: 'recovery.sshTimedOut',
  // Another working login (src/recovery/paths/another-login.ts).
  sudoUnavailable: 'recovery.sudoUnavailable',
  // Where SSH reaches an instance (src/recovery/paths/ssh-target.ts).
  sshNoAddress: 'recovery.sshNoAddress',
  // EC2 Instance Connect (src/recovery/paths/instance-connect.ts).
  eicPermissionDenied: 'recovery.eicPermissionDenied',
  eicInstanceNotRunning: 'recovery.eicInstanceNotRunning',
  eicNotInstalled: 'recovery.eicNotInstalled',
  // SSM Run Command (src/recovery/paths/ssm-run-command.ts).
  ssmNotManaged: 'recovery.ssmNotManaged',
  ssmAgentOffline: 'recovery.ssmAgentOffline',
  ssmSendDenied: 'recovery.ssmSendDenied',
  ssmResultDenied: 'recovery.ssmResultDenied',
  ssmDeliveryTimedOut: 'recovery.ssmDeliveryTimedOut',
  ssmCommandFailed: 'recovery.ssmCommandFailed',
  ssmCommandTimedOut: 'recovery.ssmCommandTimedOut',
  ssmCommandCancelled: 'recovery.ssmCommandCancelled',
  ssmCancelled: 'recovery.ssmCancelled',
  ssmCancelRequested: 'recovery.ssmCancelRequested',
  ssmWaitTimedOut: 'recovery.ssmWaitTimedOut',
  ssmScriptUnsupported: 'recovery.ssmScriptUnsupported',
  // A temporary /32 ingress rule for tcp/22 (src/recovery/network).
  ingressAddressInvalid: 'recovery.ingressAddressInvalid',
  ingressInstanceNotFound: 'recovery.ingressInstanceNotFound',
  ingressNoSecurityGroup: 'recovery.ingressNoSecurityGroup',
  ingressRuleNotOurs: 'recovery.ingressRuleNotOurs',
  /** This computer's public address could not be learned (src/recovery/network/egress-address.ts). */
  egressLookupFailed: 'recovery.egressLookupFailed',
  // Preflight inputs (src/recovery/preflight).
  egressAddressInvalid: 'recovery.egressAddressInvalid',
  instanceIdInvalid: 'recovery.instanceIdInvalid',
  userInvalid: 'recovery.userInvalid',
  // The executor (src/recovery/engine/executor.ts).
  stepUncertain: 'recovery.stepUncertain',
  recoveryClosed: 'recovery.recoveryClosed',
  notVerified: 'recovery.notVerified',
  // The authorized-keys script's result (src/recovery/engine/script-step.ts).
  scriptRefused: 'recovery.scriptRefused',
  scriptFailed: 'recovery.scriptFailed',
  scriptUnexpected: 'recovery.scriptUnexpected',
  // The verification login (src/recovery/engine/verify-step.ts).
  verifyAuthFailed: 'recovery.verifyAuthFailed',
  verifyCommandFailed: 'recovery.verifyCommandFailed',
} as const;

export type RecoveryErrorCode = (typeof recoveryErrorCodes)[keyof typeof recoveryErrorCodes];
