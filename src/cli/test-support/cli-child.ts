import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * `keyrescue` as a real child process, bundled once per test file from the sources (not `out/`,
 * which a worktree may not have built): the bundle lives inside node_modules so its external
 * packages resolve from the repo's node_modules. The caller removes its folder (dirname) at the end.
 */
export async function bundleCli(name: string): Promise<string> {
  const repo = resolve(__dirname, '../../..');
  // One folder per process: test runs of other worktrees share this node_modules.
  const outfile = join(repo, 'node_modules', '.cache', `${name}-${process.pid}`, 'keyrescue.cjs');
  await build({
    entryPoints: [join(repo, 'src/cli/keyrescue.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs one `keyrescue` invocation to its end (bounded by `timeoutMs`), output captured. */
export function runCliChild(
  bundle: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<ChildRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bundle, ...args],
      { env, timeout: timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number | string; signal?: NodeJS.Signals }) | null;
        done({
          code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
          signal: failure?.signal ?? null,
          stdout,
          stderr,
        });
      },
    );
  });
}

/** Starts `keyrescue` and leaves it running: the caller watches it and may kill it. */
export function spawnCliChild(
  bundle: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; exited: Promise<ChildRun> } {
  const child = spawn(process.execPath, [bundle, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<ChildRun>((done) =>
    child.once('close', (code, signal) => done({ code, signal, stdout, stderr })),
  );
  return { child, exited };
}
