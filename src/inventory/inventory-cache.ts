import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { inventoryViewSchema, type InventoryView } from '../ipc/contracts/inventory';
import { ensurePrivateDir } from '../fs/private-dir';

/**
 * The last inventory per account, on disk, so the page shows it instantly on the next start while
 * AWS is read again. It holds only what the page shows (names, ids, public keys, paths) — no secret.
 */
export class InventoryCache {
  constructor(private readonly userDataDir: string) {}

  private pathFor(accountId: string): string {
    return join(this.userDataDir, 'inventory-cache', `${encodeURIComponent(accountId)}.json`);
  }

  /** The cached view, or null when there is none or it cannot be read (a damaged cache is just a miss). */
  async read(accountId: string): Promise<InventoryView | null> {
    try {
      const parsed = inventoryViewSchema.safeParse(
        JSON.parse(await fs.readFile(this.pathFor(accountId), 'utf8')),
      );
      return parsed.success && parsed.data.accountId === accountId
        ? { ...parsed.data, fromCache: true }
        : null;
    } catch {
      return null;
    }
  }

  async write(view: InventoryView): Promise<void> {
    const path = this.pathFor(view.accountId);
    await ensurePrivateDir(this.userDataDir);
    await ensurePrivateDir(join(this.userDataDir, 'inventory-cache'));
    await writeFileAtomic(path, JSON.stringify({ ...view, fromCache: false }), {
      overwrite: true,
      mode: 0o600,
    });
  }
}
