import type { z } from 'zod';
import { AppError, isAppError } from '../ipc/app-error';
import type { ConvertResult, keysContract } from '../ipc/contracts/keys';
import { decodePrivateKeyNotingEncryption, effectivePemFormat, encodePrivateKey } from './codec';
import { computeFingerprints } from './fingerprints';
import { keyError, keyErrorCodes } from './key-errors';
import { KeyFiles, type FolderChecks, type KeyFileCaller } from './key-files';
import type { PrivateKey } from './key-types';
import { loadKeySource, PASTED } from './key-source';
import { startPpk3Derivation } from './ppk';
import { convertedPath, keyBaseName, pastedKeyPath } from './output-paths';
import { publicKeyToOpenSSH } from './public-key';
import { mapWithConcurrency } from '../async/map-with-concurrency';
import { cancelledError } from './kdf-worker';

export type ConvertRequest = z.output<(typeof keysContract)['keys:convert']['input']>;

type Protection = Extract<ConvertResult, { ok: true }>['passphrase'];

interface Prepared {
  source: string;
  outputPath: string;
  text: string;
  key: PrivateKey;
  comment: string;
  protection: Protection;
}

function errorResult(source: string, error: unknown): ConvertResult {
  if (isAppError(error))
    return { ok: false, source, error: { code: error.code, message: error.message, details: error.details } };
  throw error;
}

/** How many files the all-or-nothing batch reads or writes at once (each waits on the disk). */
const batchConcurrency = 8;

/** The format actually written for a target. */
export function writtenFormatOf(key: PrivateKey, target: ConvertRequest['target']) {
  return target === 'pem' ? effectivePemFormat(key) : target;
}

/**
 * The passphrase an output gets. As PuTTYgen does, a conversion keeps the input's protection:
 * an encrypted key stays encrypted with its own passphrase unless the user set a new one or
 * explicitly asked to remove it.
 */
function outputPassphrase(
  req: ConvertRequest,
  encrypted: boolean,
  inputPassphrase: string | undefined,
): { passphrase?: string; protection: Protection } {
  if (req.newPassphrase) return { passphrase: req.newPassphrase, protection: 'new' };
  if (!encrypted) return { protection: 'none' };
  if (req.removePassphrase) return { protection: 'removed' };
  return { passphrase: inputPassphrase!, protection: 'kept' };
}

/**
 * A new passphrase on a PPK v3 output: its Argon2 derivation needs nothing of the key, so it starts
 * before the key is read and decoded and runs on libuv's thread pool meanwhile. Bad settings are
 * left for encodePrivateKey to report, after the input's own errors, as without this.
 */
function earlyPpk3Derivation(req: ConvertRequest, index: number, signal?: AbortSignal) {
  if (req.target !== 'ppk3' || !req.newPassphrase || req.removePassphrase) return undefined;
  try {
    return startPpk3Derivation(req.newPassphrase, req.argon2, signal, sourceLabel(req, index));
  } catch {
    return undefined;
  }
}

async function prepare(req: ConvertRequest, index: number, signal?: AbortSignal): Promise<Prepared> {
  const item = req.items[index]!;
  const ppk3Derivation = earlyPpk3Derivation(req, index, signal);
  const loaded = await loadKeySource(item.source);
  const { key, encrypted } = await decodePrivateKeyNotingEncryption(loaded.data, {
    source: loaded.label,
    ...(item.passphrase ? { passphrase: item.passphrase } : {}),
    ...(signal ? { signal } : {}),
  });
  const { passphrase, protection } = outputPassphrase(req, encrypted, item.passphrase);
  // PEM files carry no comment; name the key after its file so PuTTY/Pageant can tell keys apart.
  const comment = req.comment ?? (key.comment || (loaded.path ? keyBaseName(loaded.path) : 'imported-key'));
  const text = await encodePrivateKey(key, {
    format: req.target,
    comment,
    source: loaded.label,
    ...(passphrase ? { passphrase } : {}),
    ...(req.argon2 ? { argon2: req.argon2 } : {}),
    ...(signal ? { signal } : {}),
    ...(ppk3Derivation ? { ppk3Derivation } : {}),
  });
  let outputPath = item.outputPath;
  if (!outputPath) {
    if (loaded.path) outputPath = convertedPath(loaded.path, req.target, req.outDir);
    else if (req.outDir) outputPath = pastedKeyPath(req.target, req.outDir, index);
    else
      throw keyError(
        keyErrorCodes.outputPathRequired,
        loaded.label,
        'choose an output folder or file name for a pasted key.',
      );
  }
  return { source: loaded.label, outputPath, text, key, comment, protection };
}

function success(p: Prepared, req: ConvertRequest): ConvertResult {
  return {
    ok: true,
    source: p.source,
    outputPath: p.outputPath,
    writtenFormat: writtenFormatOf(p.key, req.target),
    encrypted: p.protection === 'new' || p.protection === 'kept',
    passphrase: p.protection,
    type: p.key.type,
    bits: p.key.bits,
    comment: p.comment,
    publicKey: publicKeyToOpenSSH(p.key, p.comment),
    fingerprints: computeFingerprints(p.key),
  };
}

function sourceLabel(req: ConvertRequest, index: number): string {
  const s = req.items[index]!.source;
  return s.kind === 'file' ? s.path : PASTED;
}

/** Where and as whom a conversion writes, and the signal that cancels it (`keys:cancel`). */
export interface ConvertOutput {
  files: KeyFiles;
  caller: KeyFileCaller;
  signal?: AbortSignal;
}

function cancelledBatch(): AppError {
  return new AppError(keyErrorCodes.convertCancelled, 'Converting was cancelled; nothing was written.');
}

/**
 * Converts every item. Default: each item independently (the tab shows a result per file).
 * `allOrNothing` (CLI, Convert tab): decode and encode all, check every target, and only then
 * write; if any step fails nothing is left on disk. Cancelled (`output.signal`), each running key
 * derivation stops at once; an all-or-nothing batch then fails with `keys.convertCancelled` before
 * writing anything, otherwise the items not yet written report `keys.cancelled`.
 */
export async function convertKeys(
  req: ConvertRequest,
  onItemDone: (done: number, total: number, source: string) => void,
  output: ConvertOutput = { files: new KeyFiles(), caller: 'test' },
): Promise<ConvertResult[]> {
  const { signal } = output;
  if (req.newPassphrase && req.removePassphrase)
    throw new AppError(
      keyErrorCodes.badOption,
      'Either set a new passphrase or remove the passphrase, not both.',
    );
  const total = req.items.length;
  const writeOptions = { overwrite: Boolean(req.overwrite), caller: output.caller };
  if (!req.allOrNothing) {
    const results: ConvertResult[] = [];
    for (let i = 0; i < total; i++) {
      try {
        if (signal?.aborted) throw cancelledError(sourceLabel(req, i));
        const p = await prepare(req, i, signal);
        await output.files.writePrivateKey(p.outputPath, p.text, writeOptions);
        results.push(success(p, req));
      } catch (error) {
        results.push(errorResult(sourceLabel(req, i), error));
      }
      onItemDone(i + 1, total, sourceLabel(req, i));
    }
    return results;
  }
  // Inputs are read, decoded and encoded a few at a time, so one file's disk wait overlaps another's work.
  const decoded = await mapWithConcurrency(req.items, batchConcurrency, (_item, i) =>
    prepare(req, i, signal).catch((error: unknown) => errorResult(sourceLabel(req, i), error)),
  );
  if (signal?.aborted) throw cancelledBatch();
  // Two inputs may not share an output file; in input order, the later one is the one refused.
  const outputs = new Set<string>();
  const claimed = decoded.map((p): Prepared | ConvertResult => {
    if ('ok' in p) return p;
    if (!outputs.has(p.outputPath)) {
      outputs.add(p.outputPath);
      return p;
    }
    return errorResult(
      p.source,
      keyError(keyErrorCodes.badOption, p.source, `two inputs would both be written to ${p.outputPath}.`, {
        outputPath: p.outputPath,
      }),
    );
  });
  // Every target is checked (allowed, folder writable, new unless replacing) before anything is written.
  const folders: FolderChecks = new Map();
  const prepared = await mapWithConcurrency(claimed, batchConcurrency, async (p) => {
    if ('ok' in p) return p;
    try {
      await output.files.checkTarget(p.outputPath, writeOptions, folders);
      return p;
    } catch (error) {
      return errorResult(p.source, error);
    }
  });
  if (prepared.some((p) => 'ok' in p)) return prepared.map((p) => ('ok' in p ? p : abortedResult(p.source)));
  if (signal?.aborted) throw cancelledBatch();
  const ready = prepared as Prepared[];
  // Writes run a few at a time: each one waits on an fsync, so overlapping them is most of a batch's speed.
  let done = 0;
  const outcomes = await output.files.writeAll(
    ready.map((p) => ({ path: p.outputPath, text: p.text, source: p.source })),
    {
      ...writeOptions,
      concurrency: batchConcurrency,
      onWritten: (file) => onItemDone(++done, total, file.source),
    },
  );
  const failedAt = outcomes.findIndex((outcome) => outcome !== undefined);
  if (failedAt === -1) return ready.map((p) => success(p, req));
  return ready.map((q, i) => (i === failedAt ? errorResult(q.source, outcomes[i]) : abortedResult(q.source)));
}

function abortedResult(source: string): ConvertResult {
  return {
    ok: false,
    source,
    error: {
      code: keyErrorCodes.batchAborted,
      message: `${source}: not written because another input failed.`,
      details: { path: source },
    },
  };
}
