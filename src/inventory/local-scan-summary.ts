import {
  maxListedLocalKeys,
  maxListedProblems,
  maxListedSources,
  type LocalKey,
  type LocalScanSummary,
} from '../ipc/contracts/inventory';
import { isMissing } from './local-key-files';
import type { LocalScan } from './local-key-scan';

/** Unreadable files that may hold a key: a path that no longer exists holds nothing. */
export function hasUnreadableFiles(scan: LocalScan): boolean {
  return (
    scan.skippedFiles > 0 ||
    scan.problems.some((problem) => problem.kind === 'unreadable' && !isMissing(problem))
  );
}

/**
 * What the view carries of a scan, bounded however many keys were found: the totals, every source
 * with its count, the first problems, and the first keys in path order, every one needing a
 * passphrase among them (those are the ones the user acts on).
 */
export function summarizeScan(scan: LocalScan): { localKeys: LocalKey[]; localScan: LocalScanSummary } {
  const locked = scan.keys.filter((key) => key.info.status === 'needsPassphrase');
  const listedLocked = new Set(locked.slice(0, maxListedLocalKeys));
  let room = maxListedLocalKeys - listedLocked.size;
  // Path order, as scanned; every locked key (up to the limit) is in, the rest fill what room is left.
  const localKeys = scan.keys
    .filter((key) => listedLocked.has(key) || (key.info.status !== 'needsPassphrase' && room-- > 0))
    .map((key) => key.info);
  return {
    localKeys,
    localScan: {
      keyCount: scan.keys.length,
      needsPassphraseCount: locked.length,
      unreadableCount:
        scan.problems.filter((problem) => problem.kind === 'unreadable').length + scan.skippedFiles,
      problemCount: scan.problems.length,
      problems: scan.problems.slice(0, maxListedProblems),
      sources: scan.sources.slice(0, maxListedSources),
      skippedFiles: scan.skippedFiles,
    },
  };
}
