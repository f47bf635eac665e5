import type { RecoveryStart } from '../../journal/recovery-journal';

/** A recovery's start as the executor's tests (and their crash child) journal it. */
export const start: RecoveryStart = {
  instanceId: 'i-0123456789abcdef0',
  region: 'us-east-1',
  accountLabel: 'Practice account',
  path: 'ssh',
  targetUser: 'ec2-user',
  newKeyFingerprint: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8',
};
