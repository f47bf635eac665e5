/**
 * cloud-config handling: loading the image's /etc/cloud/cloud.cfg (+ cloud.cfg.d), merging
 * user-data cloud-config documents over it (top-level keys replace, cloud-init's default
 * `dict(replace)` merge), and normalising module lists (`scripts-user` ≡ `scripts_user`,
 * `[name, frequency]` entries).
 */
import { parse as parseYaml } from 'yaml';
import type { SandboxFilesystem } from './sandbox-filesystem.js';
import { readFileText } from './sandbox-filesystem.js';
import { listChildren } from './vfs-tree.js';

/** A parsed cloud-config mapping. */
export type CloudConfig = Record<string, unknown>;

/** How often a module runs. */
export type Frequency = 'always' | 'once-per-instance' | 'once';

/** One entry of cloud_init_modules / cloud_config_modules / cloud_final_modules. */
export interface ModuleEntry {
  name: string;
  /** Override from the list entry, if any. */
  frequency: Frequency | undefined;
}

/** Parses a YAML document into a mapping; returns an error message instead of throwing. */
export function parseCloudConfig(text: string): CloudConfig | string {
  try {
    const doc: unknown = parseYaml(text);
    if (doc === null || doc === undefined) return {};
    if (typeof doc !== 'object' || Array.isArray(doc)) return 'cloud-config is not a YAML mapping';
    return doc as CloudConfig;
  } catch (err) {
    return `Failed loading yaml blob. ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  }
}

/** The image's base configuration (cloud.cfg, then cloud.cfg.d/*.cfg in name order). */
export function loadImageConfig(root: SandboxFilesystem): CloudConfig {
  let config: CloudConfig = {};
  const docs = [readFileText(root, '/etc/cloud/cloud.cfg') ?? ''];
  for (const [name, entry] of listChildren(root, '/etc/cloud/cloud.cfg.d')) {
    if (entry.type === 'file' && name.endsWith('.cfg'))
      docs.push(readFileText(root, `/etc/cloud/cloud.cfg.d/${name}`) ?? '');
  }
  for (const doc of docs) {
    const parsed = parseCloudConfig(doc);
    if (typeof parsed !== 'string') config = { ...config, ...parsed };
  }
  return config;
}

/** Merges documents left to right: later top-level keys replace earlier ones. */
export function mergeConfigs(...configs: CloudConfig[]): CloudConfig {
  return Object.assign({}, ...configs) as CloudConfig;
}

function normalizeFrequency(value: unknown): Frequency | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.toLowerCase().replace(/_/g, '-');
  if (v === 'always') return 'always';
  if (v === 'once') return 'once';
  if (v === 'instance' || v === 'once-per-instance' || v === 'per-instance') return 'once-per-instance';
  return undefined;
}

/** Reads a module list key (e.g. 'cloud_final_modules') into normalised entries. */
export function moduleList(config: CloudConfig, key: string): ModuleEntry[] {
  const raw = config[key];
  if (!Array.isArray(raw)) return [];
  const out: ModuleEntry[] = [];
  for (const item of raw) {
    const [name, freq] = Array.isArray(item) ? [item[0], item[1]] : [item, undefined];
    if (typeof name !== 'string') continue;
    out.push({
      name: name.trim().replace(/-/g, '_').replace(/^cc_/, ''),
      frequency: normalizeFrequency(freq),
    });
  }
  return out;
}

/** Name of the default user from `system_info.default_user.name`. */
export function defaultUserName(config: CloudConfig): string | undefined {
  const info = config.system_info as { default_user?: { name?: unknown } } | undefined;
  const name = info?.default_user?.name;
  return typeof name === 'string' ? name : undefined;
}

/** Quotes a word for /bin/sh. */
function quote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** bootcmd/runcmd → a shell script: strings run as-is, lists are quoted argv (as cloud-init does). */
export function commandsToScript(commands: unknown): string | undefined {
  if (commands === undefined || commands === null) return undefined;
  const list = Array.isArray(commands) ? commands : [commands];
  const lines = list.map((c) => (Array.isArray(c) ? c.map((w) => quote(String(w))).join(' ') : String(c)));
  return `#!/bin/sh\n${lines.join('\n')}\n`;
}

/** One write_files entry, validated. */
export interface WriteFileSpec {
  path: string;
  content: Buffer;
  owner: string;
  permissions: number;
  append: boolean;
  defer: boolean;
}

/** Reads `write_files` entries, decoding `b64`/`base64` content. Bad entries are skipped with a reason. */
export function writeFilesSpecs(config: CloudConfig): { specs: WriteFileSpec[]; errors: string[] } {
  const specs: WriteFileSpec[] = [];
  const errors: string[] = [];
  const raw = config.write_files;
  if (!Array.isArray(raw)) return { specs, errors };
  for (const item of raw) {
    const e = item as Record<string, unknown>;
    if (typeof e?.path !== 'string' || !e.path.startsWith('/')) {
      errors.push('write_files entry without an absolute path skipped');
      continue;
    }
    const encoding = String(e.encoding ?? 'text').toLowerCase();
    const text = e.content === undefined || e.content === null ? '' : String(e.content);
    const content =
      encoding === 'b64' || encoding === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text);
    const permsRaw = e.permissions;
    const permissions =
      typeof permsRaw === 'number'
        ? parseInt(String(permsRaw), 8)
        : typeof permsRaw === 'string'
          ? parseInt(permsRaw, 8)
          : 0o644;
    specs.push({
      path: e.path,
      content,
      owner: typeof e.owner === 'string' ? e.owner : 'root:root',
      permissions: Number.isFinite(permissions) ? permissions & 0o7777 : 0o644,
      append: e.append === true,
      defer: e.defer === true,
    });
  }
  return { specs, errors };
}
