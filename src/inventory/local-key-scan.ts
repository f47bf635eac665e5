import { createHash } from 'node:crypto';
import { computeFingerprints, decodePrivateKey, inspectKey, keyErrorCodes, parsePublicKey } from '../keys';
import type { KeyFingerprints, KeyInspection, PrivateKey, PublicKey } from '../keys';
import { mapWithConcurrency } from '../async/map-with-concurrency';
import { eventLoopTurns } from '../async/event-loop-turns';
import { isAppError } from '../ipc/app-error';
import type { LocalKey, LocalSourceKind } from '../ipc/contracts/inventory';
import { inventoryErrorCodes } from './inventory-errors';
import { isMissing, listKeyFolder, readKeyCandidate, type ReadFailure } from './local-key-files';

/** A key found on disk, with the SSH public blob kept in main for matching by public key. */
export interface ScannedKey {
  info: LocalKey;
  /** SSH wire public key, when readable. */
  blob?: Buffer;
}

/** A folder or file to scan; a bare path is a folder or file the user named. */
export type ScanSourceInput = string | { path: string; kind: LocalSourceKind };

export interface ScanSources {
  /** Folders to scan (files at the top level and one level down). */
  folders: readonly ScanSourceInput[];
  /** Files to check one by one (added by the user, written by KeyRescue, named on the command line). */
  files: readonly ScanSourceInput[];
}

/** A file that was looked at and gave no usable key, for the user to see (never skipped silently). */
export interface ScanProblem {
  path: string;
  /** `unreadable`: the file could not be read; `notKey`: an added file is not a private key;
   * `damaged`: it looks like a private key but fails its checks (never matched). */
  kind: 'unreadable' | 'notKey' | 'damaged';
  code: string;
  message: string;
}

export interface SourceCount {
  kind: LocalSourceKind;
  path: string;
  keys: number;
  status: 'ok' | 'missing' | 'unreadable' | 'notKey';
}

export interface LocalScan {
  keys: ScannedKey[];
  problems: ScanProblem[];
  sources: SourceCount[];
  /** Files over the per-scan limit, not read at all. */
  skippedFiles: number;
}

/** Decrypts keys whose public half is hidden, with passphrases given this session (see SessionPassphrases). */
export interface KeyUnlocker {
  unlock(path: string, data: Buffer): Promise<PrivateKey | undefined>;
}

/** Files read at once: enough to keep libuv's threads busy, far below any descriptor limit (256+). */
export const scanConcurrency = 16;
/** Candidate files one scan reads at most (a home folder of keys is thousands, not millions). */
export const maxScannedFiles = 200_000;

function fingerprintFields(fingerprints: { sha256: string; awsImported: string; awsCreated?: string }) {
  return {
    sha256: fingerprints.sha256,
    awsImported: fingerprints.awsImported,
    awsCreated: fingerprints.awsCreated ?? null,
  };
}

/** An error's message with the file it names swapped for `path` (the same bytes can be in many files). */
function messageFor(error: unknown, firstPath: string, path: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const renamed = message.startsWith(`${firstPath}: `)
    ? `${path}: ${message.slice(firstPath.length + 2)}`
    : message;
  return renamed.slice(0, 1000);
}

function problemOf(path: string, kind: ScanProblem['kind'], error: unknown, firstPath = path): ScanProblem {
  const code = isAppError(error) ? error.code : keyErrorCodes.malformed;
  return { path, kind, code, message: messageFor(error, firstPath, path) };
}

function unreadableProblem(path: string, failure: ReadFailure): ScanProblem {
  return {
    path,
    kind: 'unreadable',
    code: failure.code,
    message: failure.message,
  };
}

type KeyFileResult = { key: ScannedKey } | { problem: ScanProblem } | undefined;

/** What a file's bytes are, whichever file they are in: inspected, and decoded in full when unencrypted. */
interface ParsedBytes {
  /** The file these bytes were first parsed from (error messages name it). */
  firstPath: string;
  inspection?: KeyInspection;
  inspectError?: unknown;
  key?: PrivateKey;
  fingerprints?: KeyFingerprints;
  decodeError?: unknown;
}

async function parseBytes(data: Buffer, path: string): Promise<ParsedBytes> {
  let inspection: KeyInspection;
  try {
    inspection = inspectKey(data, { source: path });
  } catch (inspectError) {
    return { firstPath: path, inspectError };
  }
  if (inspection.kind !== 'private' || inspection.encrypted) return { firstPath: path, inspection };
  try {
    // Decoded in full: the public half is checked against the private half (a tampered file never
    // matches), and every fingerprint form is known (EC2-created RSA needs the private key).
    const key = await decodePrivateKey(data, { source: path });
    return { firstPath: path, inspection, key, fingerprints: computeFingerprints(key) };
  } catch (decodeError) {
    return { firstPath: path, inspection, decodeError };
  }
}

/**
 * Parses each distinct content once per scan: backups hold many copies of one key, and identical
 * bytes verify and fingerprint identically. Keyed by SHA-256 of the bytes.
 */
export class ParsedBytesCache {
  private readonly parsed = new Map<string, Promise<ParsedBytes>>();

  get(data: Buffer, path: string): Promise<ParsedBytes> {
    const digest = createHash('sha256').update(data).digest('base64');
    let entry = this.parsed.get(digest);
    if (!entry) {
      entry = parseBytes(data, path);
      this.parsed.set(digest, entry);
    }
    return entry;
  }
}

function keyInfo(
  base: Omit<LocalKey, 'status' | 'publicFrom' | 'sha256' | 'awsImported' | 'awsCreated'>,
  key: PrivateKey,
  fingerprints: KeyFingerprints,
  status: 'matchable' | 'unlocked',
): ScannedKey {
  return {
    info: {
      ...base,
      type: key.type,
      bits: key.bits,
      status,
      publicFrom: null,
      ...fingerprintFields(fingerprints),
    },
    blob: key.publicKey.blob,
  };
}

/**
 * Reads one file's bytes as a private key. Unencrypted keys are decoded in full (see parseBytes).
 * An encrypted key's public half is trusted only once its passphrase opens it: one given this
 * session, else a sibling `.pub` the user keeps, else it is listed as needing its passphrase.
 * `named`: the user named this file, so a file that is not a key is reported (in a folder it is
 * passed over: ~/.ssh holds many other files).
 */
export async function scanKeyData(
  path: string,
  data: Buffer,
  source: LocalSourceKind,
  named: boolean,
  unlocker?: KeyUnlocker,
  cache: ParsedBytesCache = new ParsedBytesCache(),
): Promise<KeyFileResult> {
  const parsed = await cache.get(data, path);
  const { inspection, firstPath } = parsed;
  if (!inspection)
    return named ? { problem: problemOf(path, 'notKey', parsed.inspectError, firstPath) } : undefined;
  if (inspection.kind !== 'private') {
    if (!named) return undefined;
    return {
      problem: {
        path,
        kind: 'notKey',
        code: keyErrorCodes.publicNotPrivate,
        message: `${path}: this is a public key, not a private key.`.slice(0, 1000),
      },
    };
  }
  const base = {
    path,
    source,
    format: inspection.format,
    type: inspection.type ?? null,
    bits: inspection.bits ?? null,
    comment: inspection.comment || null,
    encrypted: inspection.encrypted,
  };
  if (!inspection.encrypted) {
    if (parsed.key && parsed.fingerprints)
      return { key: keyInfo(base, parsed.key, parsed.fingerprints, 'matchable') };
    return { problem: problemOf(path, 'damaged', parsed.decodeError, firstPath) };
  }
  const unlocked = await unlocker?.unlock(path, data);
  if (unlocked) return { key: keyInfo(base, unlocked, computeFingerprints(unlocked), 'unlocked') };
  let publicKey: PublicKey | undefined;
  const sibling = await readKeyCandidate(`${path}.pub`);
  if (sibling.kind === 'data') {
    try {
      publicKey = parsePublicKey(sibling.data.toString('utf8'));
    } catch {
      publicKey = undefined;
    }
  }
  if (!publicKey) {
    return {
      key: {
        info: {
          ...base,
          status: 'needsPassphrase',
          publicFrom: null,
          sha256: null,
          awsImported: null,
          awsCreated: null,
        },
      },
    };
  }
  return {
    key: {
      info: {
        ...base,
        type: publicKey.type,
        bits: publicKey.bits,
        status: 'matchable',
        publicFrom: `${path}.pub`,
        ...fingerprintFields(computeFingerprints(publicKey)),
        awsCreated: null,
      },
      blob: publicKey.blob,
    },
  };
}

/** Reads and scans one file; `named` as for scanKeyData. */
async function scanFile(
  path: string,
  source: LocalSourceKind,
  named: boolean,
  unlocker: KeyUnlocker | undefined,
  cache: ParsedBytesCache,
): Promise<KeyFileResult> {
  const read = await readKeyCandidate(path);
  if (read.kind === 'failed') return { problem: unreadableProblem(path, read.failure) };
  if (read.kind === 'skipped') {
    if (!named) return undefined;
    const code =
      read.reason === 'notRegular'
        ? inventoryErrorCodes.fileNotRegular
        : read.reason === 'empty'
          ? keyErrorCodes.empty
          : keyErrorCodes.tooLarge;
    const why =
      read.reason === 'notRegular'
        ? 'this is a folder, FIFO or device, not a key file'
        : read.reason === 'empty'
          ? 'the file is empty'
          : 'the file is larger than any key file (64 KB)';
    return {
      problem: {
        path,
        kind: read.reason === 'notRegular' ? 'unreadable' : 'notKey',
        code,
        message: `${path}: ${why}.`.slice(0, 1000),
      },
    };
  }
  return scanKeyData(path, read.data, source, named, unlocker, cache);
}

const normalize = (input: ScanSourceInput, kind: LocalSourceKind) =>
  typeof input === 'string' ? { path: input, kind } : input;

/**
 * Every private key in the folders and files, each path once, in path order; at most
 * `scanConcurrency` files are open at once, and every file that could not be read is reported.
 */
export async function scanLocalKeys(sources: ScanSources, unlocker?: KeyUnlocker): Promise<LocalScan> {
  const problems: ScanProblem[] = [];
  const counts: SourceCount[] = [];
  /** Each path once, attributed to the first source that holds it. */
  const candidates = new Map<string, { count: SourceCount; named: boolean }>();
  for (const folder of sources.folders.map((input) => normalize(input, 'folder'))) {
    const count: SourceCount = { kind: folder.kind, path: folder.path, keys: 0, status: 'ok' };
    counts.push(count);
    const listing = await listKeyFolder(folder.path);
    if (listing.folderFailure) {
      if (isMissing(listing.folderFailure)) count.status = 'missing';
      else {
        count.status = 'unreadable';
        problems.push(unreadableProblem(folder.path, listing.folderFailure));
      }
    }
    for (const failed of listing.failed) problems.push(unreadableProblem(failed.path, failed.failure));
    for (const path of listing.files)
      if (!candidates.has(path)) candidates.set(path, { count, named: false });
  }
  for (const file of sources.files.map((input) => normalize(input, 'file'))) {
    const existing = candidates.get(file.path);
    // A file also inside a scanned folder is counted under the folder, but reported as a named file.
    if (existing) existing.named = true;
    else {
      const count: SourceCount = { kind: file.kind, path: file.path, keys: 0, status: 'ok' };
      counts.push(count);
      candidates.set(file.path, { count, named: true });
    }
  }
  const paths = [...candidates.keys()].sort();
  const scanned = paths.slice(0, maxScannedFiles);
  const cache = new ParsedBytesCache();
  // Reads and parsing are synchronous steps: the main process serves IPC between every few files.
  const turn = eventLoopTurns(32);
  const results = await mapWithConcurrency(scanned, scanConcurrency, async (path) => {
    await turn();
    const { count, named } = candidates.get(path)!;
    return scanFile(path, count.kind, named, unlocker, cache);
  });
  const keys: ScannedKey[] = [];
  results.forEach((result, index) => {
    const candidate = candidates.get(scanned[index]!)!;
    const ownFile = candidate.count.path === scanned[index];
    if (result && 'key' in result) {
      keys.push(result.key);
      candidate.count.keys++;
    } else if (result) {
      problems.push(result.problem);
      if (ownFile)
        candidate.count.status = isMissing(result.problem)
          ? 'missing'
          : result.problem.kind === 'notKey'
            ? 'notKey'
            : 'unreadable';
    }
  });
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { keys, problems, sources: counts, skippedFiles: paths.length - scanned.length };
}
