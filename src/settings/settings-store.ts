import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  defaultSettings,
  partialSettingsSchema,
  settingsSchema,
  type Settings,
} from '../ipc/contracts/settings';
import { writeFileAtomic } from '../fs/atomic-write';
import { ensurePrivateDir } from '../fs/private-dir';

/**
 * The user's preferences, kept as `settings.json` in the user-data folder. A missing or damaged file
 * falls back to defaults (and is replaced on the next save) rather than stopping the app.
 */
export class SettingsStore {
  private cached: Settings | undefined;

  constructor(private readonly userDataDir: string) {}

  get path(): string {
    return join(this.userDataDir, 'settings.json');
  }

  async get(): Promise<Settings> {
    if (this.cached) return this.cached;
    let raw: unknown;
    try {
      raw = JSON.parse(await fs.readFile(this.path, 'utf8'));
    } catch {
      raw = undefined;
    }
    const parsed = partialSettingsSchema.safeParse(raw);
    this.cached = { ...defaultSettings, ...(parsed.success ? parsed.data : {}) };
    return this.cached;
  }

  async update(change: Partial<Settings>): Promise<Settings> {
    // `{ language: undefined }` means "not given", as in JSON; it must not erase the saved value.
    const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    const next = settingsSchema.parse({ ...(await this.get()), ...given });
    await ensurePrivateDir(this.userDataDir);
    await writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`, { overwrite: true, mode: 0o600 });
    this.cached = next;
    return next;
  }
}
