import { AppError, type ErrorDetails } from '../ipc/app-error';
import { pastedTextSource } from '../ipc/contracts/keys';

/**
 * Every error code the key service throws on purpose. The renderer translates them (converter
 * locales) and the hostile-input tests assert on them, so they are a stable API.
 */
export const keyErrorCodes = {
  empty: 'keys.empty',
  tooLarge: 'keys.tooLarge',
  binary: 'keys.binaryData',
  unrecognized: 'keys.unrecognizedFormat',
  malformed: 'keys.malformed',
  truncated: 'keys.truncated',
  badBase64: 'keys.badBase64',
  passphraseRequired: 'keys.passphraseRequired',
  wrongPassphrase: 'keys.wrongPassphrase',
  macMismatch: 'keys.macMismatch',
  mismatchedHalves: 'keys.mismatchedHalves',
  unsupportedCipher: 'keys.unsupportedCipher',
  unsupportedKdf: 'keys.unsupportedKdf',
  kdfLimits: 'keys.kdfLimits',
  cancelled: 'keys.cancelled',
  /** An all-or-nothing conversion was cancelled before anything was written. */
  convertCancelled: 'keys.convertCancelled',
  unsupportedKeyType: 'keys.unsupportedKeyType',
  unsupportedCurve: 'keys.unsupportedCurve',
  rsaSize: 'keys.rsaSize',
  rsaExponent: 'keys.rsaExponent',
  dsa: 'keys.dsaUnsupported',
  certificate: 'keys.certificateUnsupported',
  publicNotPrivate: 'keys.publicNotPrivate',
  multipleKeys: 'keys.multipleKeys',
  badOption: 'keys.badOption',
  outputPathRequired: 'keys.outputPathRequired',
  batchAborted: 'keys.batchAborted',
  notAFile: 'keys.notAFile',
  fileNotFound: 'keys.fileNotFound',
  unreadable: 'keys.unreadable',
  passphraseFile: 'keys.passphraseFile',
} as const;

export type KeyErrorCode = (typeof keyErrorCodes)[keyof typeof keyErrorCodes];

/** Builds an AppError whose message names the source (file path or "pasted text") first. */
export function keyError(
  code: KeyErrorCode,
  source: string | undefined,
  problem: string,
  details: ErrorDetails = {},
): AppError {
  // A message starts with a capital even when it names pasted text first ("Pasted text: …").
  const where = source === pastedTextSource ? 'Pasted text' : (source ?? 'The key');
  return new AppError(code, `${where}: ${problem}`, source ? { path: source, ...details } : details);
}
