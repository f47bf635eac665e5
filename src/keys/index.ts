/**
 * The key service: read every common private-key format, write PPK v2/v3, OpenSSH and PEM,
 * compute ssh-keygen and AWS fingerprints, generate keys. Pure Node; no Electron.
 */
export { inspectKey, isKeyFormatError } from './inspect';
export { decodePrivateKey, encodePrivateKey, effectivePemFormat, type DecodeOptions } from './codec';
export { readVerifiedPublicKey, type VerifiedPublicKey } from './verified-public-key';
export { parsePublicKey, publicKeyToOpenSSH, publicKeyToRfc4716 } from './public-key';
export { computeFingerprints, type KeyFingerprints } from './fingerprints';
export { generatePrivateKey, GENERATE_RSA_BITS, type GenerateOptions } from './generate';
export { keyErrorCodes, type KeyErrorCode } from './key-errors';
export { PPK3_DEFAULTS } from './ppk';
export type * from './key-types';
