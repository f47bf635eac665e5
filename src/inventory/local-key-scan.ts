import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { computeFingerprints, decodePrivateKey, inspectKey, parsePublicKey } from '../keys';
import type { LocalKey } from '../ipc/contracts/inventory';

/** A key found on disk, with the SSH public blob kept in main for matching by public key. */
export interface ScannedKey {
  info: LocalKey;
  /** SSH wire public key, when readable. */
  blob?: Buffer;
}

export interface ScanSources {
  /** Folders to scan (files at the top level and one level down). */
  folders: readonly string[];
  /** Files to check one by one (dropped on the window, or named on the command line). */
  files: readonly string[];
}

/** Private key files are small; anything larger is not one and is skipped without reading. */
const maxKeyFileBytes = 64 * 1024;
/** Files in ~/.ssh that are never private keys. */
const notKeyNames =
  /^(known_hosts.*|authorized_keys.*|config|environment|rc|.*\.pub|.*\.sock|.*\.old|.*\.log)$/i;

async function filesIn(folder: string, depth: number): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isFile() && !notKeyNames.test(entry.name)) found.push(path);
    else if (entry.isDirectory() && depth > 0 && !entry.name.startsWith('.'))
      found.push(...(await filesIn(path, depth - 1)));
  }
  return found;
}

async function readSmallFile(path: string): Promise<Buffer | undefined> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile() || stat.size > maxKeyFileBytes || stat.size === 0) return undefined;
    return await fs.readFile(path);
  } catch {
    return undefined;
  }
}

function fingerprintFields(fingerprints: { sha256: string; awsImported: string; awsCreated?: string }) {
  return {
    sha256: fingerprints.sha256,
    awsImported: fingerprints.awsImported,
    awsCreated: fingerprints.awsCreated ?? null,
  };
}

/**
 * Reads one file as a private key. Unencrypted keys give every fingerprint form (EC2-created RSA
 * needs the private key itself); encrypted OpenSSH and PPK files still show their public part; an
 * encrypted PEM whose public part is hidden falls back to a sibling `.pub`, or needs a passphrase.
 */
export async function scanKeyFile(path: string): Promise<ScannedKey | undefined> {
  const data = await readSmallFile(path);
  if (!data) return undefined;
  let inspection;
  try {
    inspection = inspectKey(data, { source: path });
  } catch {
    return undefined; // not a key this app reads: ignore quietly, ~/.ssh holds many other files
  }
  if (inspection.kind !== 'private') return undefined;
  const base = {
    path,
    format: inspection.format,
    type: inspection.type ?? null,
    bits: inspection.bits ?? null,
    comment: inspection.comment || null,
    encrypted: inspection.encrypted,
  };
  if (!inspection.encrypted) {
    try {
      const key = await decodePrivateKey(data, { source: path });
      return {
        info: {
          ...base,
          type: key.type,
          bits: key.bits,
          status: 'matchable',
          publicFrom: null,
          ...fingerprintFields(computeFingerprints(key)),
        },
        blob: key.publicKey.blob,
      };
    } catch {
      return undefined;
    }
  }
  let publicKey = inspection.publicKey;
  let publicFrom: string | null = null;
  if (!publicKey) {
    const sibling = await readSmallFile(`${path}.pub`);
    if (sibling) {
      try {
        publicKey = parsePublicKey(sibling.toString('utf8'));
        publicFrom = `${path}.pub`;
      } catch {
        publicKey = undefined;
      }
    }
  }
  if (!publicKey) {
    return {
      info: {
        ...base,
        status: 'needsPassphrase',
        publicFrom: null,
        sha256: null,
        awsImported: null,
        awsCreated: null,
      },
    };
  }
  return {
    info: {
      ...base,
      type: publicKey.type,
      bits: publicKey.bits,
      status: 'matchable',
      publicFrom,
      ...fingerprintFields(computeFingerprints(publicKey)),
      awsCreated: null,
    },
    blob: publicKey.blob,
  };
}

/** Every private key in the folders and files, each path once, in a stable order. */
export async function scanLocalKeys(sources: ScanSources): Promise<ScannedKey[]> {
  const paths = new Set<string>(sources.files);
  for (const folder of sources.folders) for (const path of await filesIn(folder, 1)) paths.add(path);
  const sorted = [...paths].sort();
  const results = await Promise.all(sorted.map((path) => scanKeyFile(path)));
  return results.filter((result): result is ScannedKey => result !== undefined);
}
