import { randomUUID } from 'node:crypto';
import type { ResolvedAccount } from '../aws/account-types';

/** An AWS-created key pair whose private key (returned once) is not saved yet. Main process only. */
export interface PendingPrivateKey {
  /** The account the key pair was created in; deleting it must go there even if the user switched. */
  account: ResolvedAccount;
  region: string;
  name: string;
  keyPairId: string;
  type: string;
  fingerprint: string;
  /** The private key text, ready to write. Never leaves main; dropped as soon as it is saved. */
  material: string;
  /** Whether the chosen format was PPK, so a retry keeps the same format. */
  format: 'pem' | 'ppk';
}

/**
 * Holds private keys AWS returned but that could not be written yet, so the user can retry another
 * path or delete the key pair. Nothing here is persisted: a key pair must never outlive its key.
 */
export class PendingPrivateKeys {
  private readonly pending = new Map<string, PendingPrivateKey>();

  add(entry: PendingPrivateKey): string {
    const id = randomUUID();
    this.pending.set(id, entry);
    return id;
  }

  get(id: string): PendingPrivateKey | undefined {
    return this.pending.get(id);
  }

  remove(id: string): void {
    this.pending.delete(id);
  }

  all(): [string, PendingPrivateKey][] {
    return [...this.pending.entries()];
  }
}
