import { createHash } from 'node:crypto';

/** OpenSSH's SHA256 fingerprint of a public key blob: `SHA256:` + base64 without padding. */
export function sha256Fingerprint(publicKeyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** `SHA256:` + 43 base64 characters, as ssh-keygen prints it (the form a pin must have). */
export function isSha256Fingerprint(text: string): boolean {
  return /^SHA256:[A-Za-z0-9+/]{43}$/.test(text);
}
