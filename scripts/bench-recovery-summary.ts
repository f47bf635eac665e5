// The arithmetic of `npm run bench:recovery` (bench-recovery-run.ts): from one path's run window,
// the sandbox's transitions and requests, how long AWS kept the path waiting and how much longer
// the path took. Pure, so its unit test needs no sandbox and no wall clock.

/** A span of time in ms (the sandbox clock's, which is the wall clock in the benchmark). */
export interface Span {
  startedAt: number;
  endedAt: number;
}

/** What one path's run left behind. */
export interface PathRun {
  path: string;
  window: Span;
  /** The run exited 0 and its result said verified (and the new key logged in). */
  verified: boolean;
  /** Why not, when not verified. */
  failure?: string;
  transitions: Span[];
  /** AWS API requests the sandbox received during the window (retries included). */
  apiCalls: number;
}

export interface PathRow {
  path: string;
  verified: boolean;
  failure?: string;
  wallMs: number;
  /** Time at least one transition was in progress within the window (overlaps counted once). */
  awsMs: number;
  transitionCount: number;
  /** (wall − AWS) / AWS in %, or undefined for a path that waited on no transition. */
  overheadPct?: number;
  /**
   * Where the overhead went: before the first transition (preflight, the new key, the first
   * calls), between transitions while none was in progress (a waiter's lag, the steps' own work),
   * and after the last (the verification login). Without transitions all of it is `beforeMs`.
   */
  beforeMs: number;
  betweenMs: number;
  afterMs: number;
  apiCalls: number;
}

/** The target: a path takes at most 5 % longer than the AWS transitions it waited for. */
export const overheadTargetPct = 5;

/** Length of the union of `spans`, each clipped to `window`. */
export function coveredMs(spans: Span[], window: Span): number {
  const clipped = spans
    .map((span) => ({
      startedAt: Math.max(span.startedAt, window.startedAt),
      endedAt: Math.min(span.endedAt, window.endedAt),
    }))
    .filter((span) => span.endedAt > span.startedAt)
    .sort((a, b) => a.startedAt - b.startedAt);
  let total = 0;
  let reach = -Infinity;
  for (const span of clipped) {
    const from = Math.max(span.startedAt, reach);
    if (span.endedAt > from) total += span.endedAt - from;
    reach = Math.max(reach, span.endedAt);
  }
  return total;
}

export function summarize(run: PathRun): PathRow {
  const { window } = run;
  const wallMs = window.endedAt - window.startedAt;
  const awsMs = coveredMs(run.transitions, window);
  const inside = run.transitions.filter(
    (span) => span.endedAt > window.startedAt && span.startedAt < window.endedAt,
  );
  const first = Math.max(window.startedAt, Math.min(...inside.map((span) => span.startedAt)));
  const last = Math.min(window.endedAt, Math.max(...inside.map((span) => span.endedAt)));
  const parts =
    inside.length === 0
      ? { beforeMs: wallMs, betweenMs: 0, afterMs: 0 }
      : {
          beforeMs: first - window.startedAt,
          betweenMs: last - first - awsMs,
          afterMs: window.endedAt - last,
        };
  return {
    path: run.path,
    verified: run.verified,
    ...(run.failure ? { failure: run.failure } : {}),
    wallMs,
    awsMs,
    transitionCount: inside.length,
    ...(awsMs > 0 ? { overheadPct: ((wallMs - awsMs) / awsMs) * 100 } : {}),
    ...parts,
    apiCalls: run.apiCalls,
  };
}

/** `ok`, `over` the target, `FAILED` (not verified), or `n/a` (no transition to compare with). */
export function verdictOf(row: PathRow): 'ok' | 'over' | 'FAILED' | 'n/a' {
  if (!row.verified) return 'FAILED';
  if (row.overheadPct === undefined) return 'n/a';
  return row.overheadPct <= overheadTargetPct ? 'ok' : 'over';
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** The printed table: one line per path, a failed path's reason under it. */
export function formatTable(rows: PathRow[]): string {
  const header = [
    'path',
    'wall s',
    'AWS transitions s',
    'overhead %',
    'before/between/after s',
    'API calls',
    'result',
  ];
  const lines = rows.map((row) => [
    row.path,
    seconds(row.wallMs),
    `${seconds(row.awsMs)} (${row.transitionCount})`,
    row.overheadPct === undefined ? '—' : row.overheadPct.toFixed(1),
    [row.beforeMs, row.betweenMs, row.afterMs].map(seconds).join(' / '),
    String(row.apiCalls),
    verdictOf(row),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const out = [format(header)];
  rows.forEach((row, index) => {
    out.push(format(lines[index] ?? []));
    if (row.failure) out.push(`    ${row.failure}`);
  });
  return out.join('\n');
}

/** 1 when any path failed (a failed path must not pass as a fast one), else 0. */
export function exitCodeOf(rows: PathRow[]): number {
  return rows.some((row) => !row.verified) ? 1 : 0;
}
