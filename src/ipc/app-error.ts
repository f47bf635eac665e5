/**
 * The one error type services throw on purpose. `code` is stable and machine-readable (the renderer
 * translates it); `message` is plain English for logs and the CLI; `details` carries safe facts such
 * as a file path or a region. Never put key material, passphrases or credentials in any field.
 */
export type ErrorDetails = Record<string, string | number | boolean>;

/** Bounds on what one error carries, whatever a caller put in it (messages echo paths and names). */
export const ERROR_LIMITS = { message: 2000, detail: 1000 } as const;

function bounded(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly details: ErrorDetails;
  constructor(
    readonly code: string,
    message: string,
    details: ErrorDetails = {},
  ) {
    // A safety net only: messages quote user input through describeInput (src/ipc/user-input.ts).
    super(bounded(message, ERROR_LIMITS.message));
    this.details = Object.fromEntries(
      Object.entries(details).map(([key, value]) => [
        key,
        typeof value === 'string' ? bounded(value, ERROR_LIMITS.detail) : value,
      ]),
    );
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
