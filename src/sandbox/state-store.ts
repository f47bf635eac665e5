import { promises as fs } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write';
import type { SandboxState } from './model';
import { parseSandboxFilesystem } from './os';
import { normalizeIngressRules } from './security-group-rules';

/**
 * Holds the live state and writes it to its JSON file atomically (temp file + rename), so a crash
 * or kill -9 leaves either the previous or the next complete state, never a torn file. Writes are
 * serialised and coalesced: many changes in a burst cost one write.
 */
export class StateStore {
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();
  /** Called right before each write so live objects (running OS filesystems) are copied in. */
  beforeSave: () => void = () => undefined;

  constructor(
    public state: SandboxState,
    private readonly file?: string,
  ) {}

  /** Reads a state file; undefined when it does not exist yet. */
  static async load(file: string): Promise<SandboxState | undefined> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const parsed = JSON.parse(text) as SandboxState;
    if (parsed.version !== 1 || typeof parsed.regions !== 'object') {
      throw new Error(`${file} is not a KeyRescue sandbox state file (version 1).`);
    }
    // Every stored filesystem is validated (shape, modes, root directory) before anything boots from it.
    for (const region of Object.values(parsed.regions)) {
      normalizeIngressRules(region);
      for (const holder of [...region.volumes, ...region.snapshots]) {
        if (holder.filesystem !== null && holder.filesystem !== undefined)
          holder.filesystem = parseSandboxFilesystem(holder.filesystem);
      }
    }
    return parsed;
  }

  markDirty(): void {
    this.dirty = true;
  }

  /** Writes the state if anything changed since the last write; resolves when it is on disk. */
  flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (!this.dirty || !this.file) return;
      this.dirty = false;
      this.beforeSave();
      await writeFileAtomic(this.file, `${JSON.stringify(this.state)}\n`, { mode: 0o600, overwrite: true });
    });
    return this.writing;
  }
}
