/**
 * The one error type services throw on purpose. `code` is stable and machine-readable (the renderer
 * translates it); `message` is plain English for logs and the CLI; `details` carries safe facts such
 * as a file path or a region. Never put key material, passphrases or credentials in any field.
 */
export type ErrorDetails = Record<string, string | number | boolean>;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: string,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }
}

/** Codes the IPC layer itself produces; services add their own (`keys.wrongPassphrase`, …). */
export const ipcErrorCodes = {
  unknownChannel: 'ipc.unknownChannel',
  invalidInput: 'ipc.invalidInput',
  invalidOutput: 'ipc.invalidOutput',
  internal: 'ipc.internal',
  forbiddenSender: 'ipc.forbiddenSender',
} as const;

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
