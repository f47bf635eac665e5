import { createHash } from 'node:crypto';
import { decodePrivateKey, keyErrorCodes } from '../keys';
import type { PrivateKey } from '../keys';
import { AppError } from '../ipc/app-error';
import { inventoryErrorCodes } from './inventory-errors';
import type { KeyUnlocker } from './local-key-scan';
import { readKeyCandidate } from './local-key-files';

/** How many keys one session may unlock: a person types these, so a few hundred is generous. */
const maxUnlockedKeys = 500;

const digest = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Passphrases the user typed for encrypted keys whose public part is hidden, kept in this process's
 * memory for the session only: never written, logged or sent back. The decoded key is remembered
 * with the digest of the file it came from, so a rescan does not run the slow KDF again, and a file
 * that changed is decrypted afresh (or falls back to "needs passphrase").
 */
export class SessionPassphrases implements KeyUnlocker {
  private readonly entries = new Map<string, { passphrase: string; digest: string; key: PrivateKey }>();

  /** Decrypts the file now (a wrong passphrase is an error for the user) and remembers it. */
  async add(path: string, passphrase: string): Promise<void> {
    const read = await readKeyCandidate(path);
    if (read.kind !== 'data')
      throw new AppError(keyErrorCodes.unreadable, `${path}: the file could not be read.`, { path });
    const key = await decodePrivateKey(read.data, { source: path, passphrase });
    if (!this.entries.has(path) && this.entries.size >= maxUnlockedKeys)
      throw new AppError(
        inventoryErrorCodes.tooManyUnlocked,
        `At most ${maxUnlockedKeys} keys can be unlocked in one session.`,
        { path },
      );
    this.entries.set(path, { passphrase, digest: digest(read.data), key });
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  forget(path: string): void {
    this.entries.delete(path);
  }

  async unlock(path: string, data: Buffer): Promise<PrivateKey | undefined> {
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    const now = digest(data);
    if (now === entry.digest) return entry.key;
    try {
      const key = await decodePrivateKey(data, { source: path, passphrase: entry.passphrase });
      this.entries.set(path, { ...entry, digest: now, key });
      return key;
    } catch {
      this.entries.delete(path);
      return undefined;
    }
  }
}
