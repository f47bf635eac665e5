// The body of `npm run bench:recovery`, bundled and started by bench-recovery.mjs (not run in CI).
// Each of the five recovery paths runs once as `keyrescue recover … --json` in-process on the demo
// practice account, with AWS-like transition times scaled down by one factor; the client's waits
// between polls are scaled by the same factor, so the run is the real one at a faster pace.
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Clock } from '../src/app/clock';
import { startPracticePlace, type PracticePlace } from '../src/app/test-support/practice-core';
import { cliOnPractice } from '../src/cli/test-support/run-cli-captured';
import type { RecoveryRunResult } from '../src/ipc/contracts/recovery-run';
import { timerSleeper, type Sleeper } from '../src/recovery/paths/ssm-command-poller';
import type { SandboxTimings } from '../src/sandbox';
import { instanceNamed } from '../src/sandbox/test-support/demo-lookup';
import {
  exitCodeOf,
  formatTable,
  overheadTargetPct,
  summarize,
  type PathRun,
} from './bench-recovery-summary';

const run = promisify(execFile);

/**
 * Typical EC2 times (ms) for a small EBS-backed instance: stop ~30 s, start ~20 s (boot and
 * cloud-init included), a first snapshot of an 8 GiB volume ~60 s, attach/detach ~5 s, an SSM
 * command delivered in ~2 s.
 */
const awsTimings: SandboxTimings = {
  pendingMs: 20_000,
  stoppingMs: 30_000,
  shuttingDownMs: 30_000,
  snapshotMs: 60_000,
  attachMs: 5_000,
  detachMs: 5_000,
  endpointCreateMs: 60_000,
  endpointDeleteMs: 30_000,
  commandMs: 2_000,
};

function scaled(timings: SandboxTimings, factor: number): SandboxTimings {
  return Object.fromEntries(
    Object.entries(timings).map(([name, ms]) => [name, Math.round(ms / factor)]),
  ) as unknown as SandboxTimings;
}

interface PathCase {
  path: string;
  /** The `--via` value and what the run's result names the path. */
  via: string;
  resultPath: RecoveryRunResult['path'];
  args: (ids: Record<string, string>, keysDir: string) => string[];
}

const cases: PathCase[] = [
  {
    path: 'another login (ssh)',
    via: 'ssh',
    resultPath: 'ssh',
    args: (ids, keysDir) => [
      ids.bastion ?? '',
      ...['--user', 'ec2-user', '--login-user', 'ec2-user', '--login-key', join(keysDir, 'practice-rsa.pem')],
    ],
  },
  {
    path: 'Instance Connect (eic)',
    via: 'eic',
    resultPath: 'eic',
    args: (ids) => [ids.legacyApp ?? '', '--user', 'ec2-user'],
  },
  {
    path: 'SSM Run Command (ssm)',
    via: 'ssm',
    resultPath: 'ssm',
    // ops-box's port 22 is closed to this computer: the verification login needs a temporary rule.
    args: (ids) => [ids.opsBox ?? '', '--user', 'ubuntu', '--temporary-ingress'],
  },
  {
    path: 'user data (userdata)',
    via: 'userdata',
    resultPath: 'userData',
    args: (ids) => [ids.legacyApp ?? '', '--user', 'ec2-user'],
  },
  {
    path: 'rescue volume (ebs)',
    via: 'ebs',
    resultPath: 'rescueVolume',
    args: (ids) => [ids.legacyApp ?? '', '--user', 'ec2-user', '--rescue-instance', ids.opsBox ?? ''],
  },
];

/** A real OpenSSH login with the new key where the result says: the proof the run is not only fast. */
async function logsIn(result: RecoveryRunResult, keyPath: string): Promise<boolean> {
  try {
    const { stdout } = await run('ssh', [
      ...['-i', keyPath, '-p', String(result.port), '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes'],
      ...['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-F', '/dev/null'],
      `${result.targetUser}@${result.host ?? ''}`,
      'echo ok',
    ]);
    return stdout === 'ok\n';
  } catch {
    return false;
  }
}

async function runPath(
  place: PracticePlace,
  cli: (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>,
  item: PathCase,
  ids: Record<string, string>,
): Promise<PathRun> {
  const { activity } = place.sandbox.control;
  const keysDir = place.sandbox.control.demoKeysDir ?? '';
  const keyPath = join(place.home, '.ssh', `bench-${item.via}`);
  const args = [
    ...['recover', ...item.args(ids, keysDir), '--via', item.via, '--generate', '-o', keyPath],
    ...['--accept-new-host-key', '--yes', '--json'],
  ];
  const startedAt = Date.now();
  const outcome = await cli(args);
  const window = { startedAt, endedAt: Date.now() };
  const inWindow = (at: number) => at >= window.startedAt && at <= window.endedAt;
  const transitions = activity.transitions.filter((entry) => inWindow(entry.startedAt));
  const apiCalls = activity.requests.filter(
    (entry) => inWindow(entry.at) && entry.service !== 'checkip',
  ).length;
  let failure: string | undefined;
  if (outcome.code !== 0) {
    failure = `exit ${outcome.code}: ${outcome.stderr.trim().split('\n').slice(-3).join(' | ')}`;
  } else {
    const result = JSON.parse(outcome.stdout) as RecoveryRunResult;
    if (result.path !== item.resultPath || !result.verified)
      failure = `the result says path ${result.path}, verified ${String(result.verified)}`;
    else if (!(await logsIn(result, keyPath)))
      failure = `OpenSSH does not log in with the new key at ${result.host ?? '?'}:${String(result.port)}`;
  }
  return {
    path: item.path,
    window,
    verified: failure === undefined,
    ...(failure ? { failure } : {}),
    transitions,
    apiCalls,
  };
}

function parseScale(argv: string[]): number {
  const index = argv.indexOf('--scale');
  // ÷2 keeps the run near two minutes while the client's unscaled work (preflight, logins) weighs
  // only twice what it would on AWS; ÷10 is quicker but makes that work ten times heavier.
  const value = index >= 0 ? Number(argv[index + 1]) : 2;
  if (!(Number.isFinite(value) && value >= 1 && value <= 100))
    throw new Error('--scale is a number from 1 (real AWS times) to 100; default 2.');
  return value;
}

/** Runs the five paths on one fresh practice account and prints the table; resolves with the exit code. */
export async function runRecoveryBenchmark(argv: string[]): Promise<number> {
  const factor = parseScale(argv);
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
  const load = () =>
    loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
  console.log(
    `AWS-like transition times ÷ ${factor} (stop ${awsTimings.stoppingMs / 1000} s, start ${awsTimings.pendingMs / 1000} s, ` +
      `snapshot ${awsTimings.snapshotMs / 1000} s, attach/detach ${awsTimings.attachMs / 1000} s, ` +
      `SSM delivery ${awsTimings.commandMs / 1000} s); the client's poll waits ÷ ${factor} too.`,
  );
  console.log(`Load average before: ${load()}`);
  const place = await startPracticePlace('bench-recovery', { timings: scaled(awsTimings, factor) });
  try {
    // The client lives in AWS time: its clock runs `factor` times faster and its waits are as
    // much shorter, so a waiter's poll schedule meets the transitions as it would on AWS.
    const epoch = Date.now();
    const clock: Clock = { now: () => new Date(epoch + (Date.now() - epoch) * factor) };
    const sleep: Sleeper = (ms, signal) => timerSleeper(ms / factor, signal);
    const cli = cliOnPractice(() => place, { clock, recoverySleep: sleep });
    const ids = {
      legacyApp: (await instanceNamed(place.ec2, 'legacy-app')).InstanceId ?? '',
      opsBox: (await instanceNamed(place.ec2, 'ops-box')).InstanceId ?? '',
      bastion: (await instanceNamed(place.ec2, 'bastion')).InstanceId ?? '',
    };
    const rows = [];
    for (const item of cases) {
      if (only && item.via !== only) continue;
      const summary = summarize(await runPath(place, cli, item, ids));
      console.log(`  ${item.path}: ${(summary.wallMs / 1000).toFixed(2)} s`);
      rows.push(summary);
    }
    console.log('');
    console.log(formatTable(rows));
    console.log(
      `\nAWS transitions: the time at least one state change the run waited on was in progress ` +
        `(count in brackets); overhead = (wall − AWS) / AWS; target ≤ ${overheadTargetPct} %.`,
    );
    console.log(`Load average after: ${load()}`);
    return exitCodeOf(rows);
  } finally {
    await place.dispose();
  }
}
