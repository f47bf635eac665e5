import { resultLinePrefix } from '../scripts/script-result';

/**
 * Finds the recovery script's result in an instance's console output. The console keeps earlier
 * boots (and other programs' lines), and some images prefix each line (`cloud-init[912]: …`), so:
 * the LAST line carrying this run's marker is this boot's start, and the first result line after
 * it is the script's, read from where its prefix begins.
 */
export type ConsoleResult = { kind: 'notStarted' } | { kind: 'started' } | { kind: 'result'; line: string };

export function findConsoleResult(consoleText: string, marker: string): ConsoleResult {
  const lines = consoleText.split(/\r?\n/);
  let start = -1;
  lines.forEach((line, index) => {
    if (line.includes(marker)) start = index;
  });
  if (start < 0) return { kind: 'notStarted' };
  for (const line of lines.slice(start + 1)) {
    const at = line.indexOf(resultLinePrefix);
    if (at >= 0) return { kind: 'result', line: line.slice(at).replace(/\r$/, '') };
  }
  return { kind: 'started' };
}

/**
 * The console from this run's last marker line on: what this boot printed (its host key
 * fingerprints block included), never an earlier boot's. Empty when the marker is not there.
 */
export function consoleSinceMarker(consoleText: string, marker: string): string {
  const lines = consoleText.split(/\r?\n/);
  let start = -1;
  lines.forEach((line, index) => {
    if (line.includes(marker)) start = index;
  });
  return start < 0 ? '' : lines.slice(start).join('\n');
}
