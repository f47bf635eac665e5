import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { writeFileAtomic } from '../fs/atomic-write';
import { ensurePrivateDir } from '../fs/private-dir';

/**
 * The SSH target (host and port) a user gave for an instance, remembered once it led to a verified
 * login, so the next preflight and recovery of that instance reach it the same way without asking
 * (a VPN address, a bastion's forward). Kept as `ssh-targets.json` in the user-data folder: account
 * id, region, instance id, host, port and when — no credential, key or passphrase is ever in it.
 */

/** Which instance: the same id in another account or region is another instance. */
export interface SshTargetKey {
  accountId: string;
  region: string;
  instanceId: string;
}

export interface RememberedSshTarget {
  host: string;
  port: number;
  /** When the verified login through it happened (ISO time). */
  rememberedAt: string;
}

/** Instances remembered at most; the least recently verified is forgotten first. */
export const maxRememberedSshTargets = 200;

/** A host name or an IPv4/IPv6 literal: no spaces, quotes or shell characters. */
export const sshHostPattern = /^[A-Za-z0-9_.:%-]{1,255}$/;

const entrySchema = z.strictObject({
  accountId: z.string().check(z.minLength(1), z.maxLength(300)),
  region: z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/)),
  instanceId: z.string().check(z.regex(/^i-[0-9a-f]{8,17}$/)),
  host: z.string().check(z.regex(sshHostPattern)),
  port: z.number().check(z.int(), z.gte(1), z.lte(65535)),
  rememberedAt: z.string().check(z.maxLength(30)),
});
type Entry = z.infer<typeof entrySchema>;

const fileSchema = z.strictObject({
  targets: z.array(entrySchema).check(z.maxLength(maxRememberedSshTargets)),
});

const sameKey = (entry: Entry, key: SshTargetKey) =>
  entry.accountId === key.accountId && entry.region === key.region && entry.instanceId === key.instanceId;

export class RememberedSshTargets {
  /** One write at a time (the CLI and the window may both remember): none is lost. */
  private update: Promise<void> = Promise.resolve();

  constructor(
    private readonly userDataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get path(): string {
    return join(this.userDataDir, 'ssh-targets.json');
  }

  /** Read each time: another process may have remembered one since. A damaged file is as none. */
  private async load(): Promise<Entry[]> {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await fs.readFile(this.path, 'utf8')));
      return parsed.success ? parsed.data.targets : [];
    } catch {
      return [];
    }
  }

  private change(edit: (entries: Entry[]) => Entry[]): Promise<void> {
    const next = this.update.then(async () => {
      const entries = edit(await this.load()).slice(-maxRememberedSshTargets);
      await ensurePrivateDir(this.userDataDir);
      await writeFileAtomic(this.path, `${JSON.stringify({ targets: entries }, null, 2)}\n`, {
        overwrite: true,
        mode: 0o600,
      });
    });
    this.update = next.catch(() => undefined);
    return next;
  }

  async get(key: SshTargetKey): Promise<RememberedSshTarget | null> {
    const found = (await this.load()).find((entry) => sameKey(entry, key));
    return found ? { host: found.host, port: found.port, rememberedAt: found.rememberedAt } : null;
  }

  /** Remembers (or refreshes) the target of `key`; newest last, the oldest dropped past the bound. */
  remember(key: SshTargetKey, target: { host: string; port: number }): Promise<void> {
    const entry = entrySchema.parse({
      accountId: key.accountId,
      region: key.region,
      instanceId: key.instanceId,
      host: target.host,
      port: target.port,
      rememberedAt: this.now().toISOString(),
    });
    return this.change((entries) => [...entries.filter((old) => !sameKey(old, key)), entry]);
  }

  /** Forgets the target of `key`; true when there was one. */
  async forget(key: SshTargetKey): Promise<boolean> {
    let had = false;
    await this.change((entries) => {
      had = entries.some((entry) => sameKey(entry, key));
      return entries.filter((entry) => !sameKey(entry, key));
    });
    return had;
  }
}
