import { expect } from 'vitest';
import { AppError } from '../../../ipc/app-error';
import type { RecoveryStart } from '../../journal/recovery-journal';

/** A recovery's start as the tests journal it. */
export const start: RecoveryStart = {
  instanceId: 'i-0123456789abcdef0',
  region: 'us-east-1',
  accountLabel: 'Practice account',
  path: 'ssh',
  targetUser: 'ec2-user',
  newKeyFingerprint: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8',
};

/** The AppError a promise rejects with (fails the test when it resolves or throws something else). */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** An intent entry as a crashed run leaves it. */
export const intent = (stepId: string) => ({
  type: 'intent' as const,
  stepId,
  does: `Append ${stepId}`,
  undo: 'x',
});
