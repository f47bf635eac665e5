import { expect } from 'vitest';
import { AppError } from '../../../ipc/app-error';

export { start } from './recovery-start';

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
