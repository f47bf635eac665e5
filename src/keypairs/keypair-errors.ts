/** Every error code key pair create/import/delete throws on purpose (listed in src/app/error-codes.ts). */
export const keyPairErrorCodes = {
  confirmMismatch: 'keypairs.confirmMismatch',
  formatUnavailable: 'keypairs.formatUnavailable',
  importFailedKeySaved: 'keypairs.importFailedKeySaved',
  nameInvalid: 'keypairs.nameInvalid',
  nameTaken: 'keypairs.nameTaken',
  noKeyMaterial: 'keypairs.noKeyMaterial',
  notFound: 'keypairs.notFound',
  passphraseNeeded: 'keypairs.passphraseNeeded',
  pendingUnknown: 'keypairs.pendingUnknown',
  publicKeyFileMissing: 'keypairs.publicKeyFileMissing',
  publicKeyNotRecognized: 'keypairs.publicKeyNotRecognized',
  tagInvalid: 'keypairs.tagInvalid',
  typeUnsupported: 'keypairs.typeUnsupported',
} as const;

export type KeyPairErrorCode = (typeof keyPairErrorCodes)[keyof typeof keyPairErrorCodes];
