/**
 * Every error code the recovery's new key throws on purpose (listed in src/app/error-codes.ts):
 * preparing it (src/recovery/new-key/prepare-new-key.ts) and importing it as a key pair. English
 * comes from each error's message; Japanese from renderer/features/recover/new-key-error-locales.ts.
 */
export const newKeyErrorCodes = {
  /** The chosen "existing key" file holds only a public key; verification needs the private one. */
  publicOnly: 'newKey.publicOnly',
  /** The chosen private key file is encrypted and no passphrase was given. */
  passphraseNeeded: 'newKey.passphraseNeeded',
  /** A key pair of the chosen import name exists and holds another public key. */
  keyPairNameHoldsOtherKey: 'newKey.keyPairNameHoldsOtherKey',
} as const;

export type NewKeyErrorCode = (typeof newKeyErrorCodes)[keyof typeof newKeyErrorCodes];
