import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { RunningSandbox } from '../../sandbox';
import { runCliChild, spawnCliChild, type ChildRun } from './cli-child';

/**
 * The real crash of the CLI tests: `keyrescue` as a child process against the practice sandbox
 * over HTTP, SIGKILLed when its journal has N complete lines; a new child then resumes or rolls
 * back. Each round has its own KeyRescue folder (so its journal is the round's only one) and key.
 */

const run = promisify(execFile);

export interface CrashRound {
  home: string;
  env: NodeJS.ProcessEnv;
  keyPath: string;
}

export interface CrashCut {
  round: CrashRound;
  ended: ChildRun;
  journal: { id: string; lines: string[] } | null;
}

export interface JournalListing {
  recoveries: {
    id: string;
    instanceId: string;
    lastStep: { stepId: string; state: string } | null;
    verified: boolean;
  }[];
  damaged: unknown[];
}

export class CrashHarness {
  private readonly children: ChildProcess[] = [];

  constructor(
    private readonly root: string,
    private readonly bundle: string,
    private readonly sandbox: RunningSandbox,
  ) {}

  /** A fresh KeyRescue folder and a fresh new key path. */
  async round(n: number): Promise<CrashRound> {
    const home = join(this.root, `round-${n}`);
    await mkdir(join(home, '.ssh'), { recursive: true });
    return {
      home,
      keyPath: join(home, 'new-key'),
      env: {
        PATH: process.env.PATH,
        HOME: home,
        KEYRESCUE_HOME: join(home, '.keyrescue'),
        AWS_ACCESS_KEY_ID: this.sandbox.accessKeyId,
        AWS_SECRET_ACCESS_KEY: this.sandbox.secretAccessKey,
      },
    };
  }

  /** The complete (newline-ended) lines of the round's one journal; a torn last line is not counted. */
  async journalLines(r: CrashRound): Promise<{ id: string; lines: string[] } | null> {
    const dir = join(r.env.KEYRESCUE_HOME ?? '', 'journals');
    const names = existsSync(dir) ? (await readdir(dir)).filter((name) => /^rec-.*\.jsonl$/.test(name)) : [];
    if (names.length === 0) return null;
    expect(names).toHaveLength(1);
    const name = names[0] ?? '';
    const text = await readFile(join(dir, name), 'utf8').catch(() => '');
    return { id: name.replace(/\.jsonl$/, ''), lines: text.split('\n').slice(0, -1) };
  }

  /**
   * Polls (bounded) until the journal has `n` complete lines — or, for 0, until the new key is
   * saved and before `started` — and SIGKILLs the child there; a child that ends first ran to the end.
   */
  private async killAt(r: CrashRound, n: number, child: ChildProcess, exited: Promise<ChildRun>) {
    let ended = false;
    void exited.then(() => (ended = true));
    const deadline = Date.now() + 45_000;
    while (!ended) {
      const reached =
        n === 0 ? existsSync(r.keyPath) : ((await this.journalLines(r))?.lines.length ?? 0) >= n;
      if (reached) {
        child.kill('SIGKILL');
        break;
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the journal never reached ${n} lines`);
      }
      await new Promise((tick) => setTimeout(tick, 2));
    }
    return exited;
  }

  /**
   * Runs `args(round)` in a child killed at `n` journal lines. The child may write the next line
   * before the kill lands: then up to `attempts` times in all (each a new round), so each point is
   * usually hit — only where an abandoned attempt leaves nothing the next one would trip over.
   */
  async cutAt(
    n: number,
    roundBase: number,
    args: (r: CrashRound) => string[],
    attempts = 3,
  ): Promise<CrashCut> {
    let cut: CrashCut;
    let attempt = 0;
    do {
      attempt += 1;
      const r = await this.round(roundBase + attempt);
      const { child, exited } = spawnCliChild(this.bundle, args(r), r.env);
      this.children.push(child);
      const ended = await this.killAt(r, n, child, exited);
      cut = { round: r, ended, journal: await this.journalLines(r) };
    } while (
      n > 0 &&
      (cut.journal?.lines.length ?? 0) > n &&
      cut.ended.signal !== null &&
      attempt < attempts
    );
    return cut;
  }

  /** One more `keyrescue` run in the round, to its end. */
  cli(r: CrashRound, args: string[]): Promise<ChildRun> {
    return runCliChild(this.bundle, args, r.env);
  }

  async journalList(r: CrashRound): Promise<JournalListing> {
    const listed = await this.cli(r, ['journal', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    return JSON.parse(listed.stdout) as JournalListing;
  }

  /** The new key's public blob (what its authorized_keys line carries). */
  async newKeyBlob(r: CrashRound): Promise<string> {
    const { stdout } = await run('ssh-keygen', ['-y', '-f', r.keyPath]);
    const blob = stdout.split(' ')[1] ?? '';
    expect(blob).not.toBe('');
    return blob;
  }

  /** A real OpenSSH login with the round's new key as ec2-user; its exit code and output. */
  async sshWith(r: CrashRound, port: string, command: string): Promise<{ code: number; stdout: string }> {
    try {
      const { stdout } = await run('ssh', [
        ...['-i', r.keyPath, '-p', port, '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes'],
        ...[
          '-o',
          'StrictHostKeyChecking=accept-new',
          '-o',
          `UserKnownHostsFile=${join(r.home, 'known_hosts')}`,
        ],
        ...['-o', 'ConnectTimeout=20', '-F', '/dev/null', 'ec2-user@127.0.0.1', command],
      ]);
      return { code: 0, stdout };
    } catch (error) {
      const failure = error as { code?: number; stdout?: string };
      return { code: typeof failure.code === 'number' ? failure.code : -1, stdout: failure.stdout ?? '' };
    }
  }

  /** Kills what is still running (the afterAll of the test file). */
  stop(): void {
    for (const child of this.children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** What `journal list` must say of a journal cut after these lines. */
export function expectedListing(id: string, instanceId: string, lines: string[]) {
  const entries = lines.map((line) => JSON.parse(line) as { type: string; stepId?: string });
  const last = [...entries].reverse().find((entry) => entry.stepId !== undefined);
  return {
    id,
    instanceId,
    lastStep: last ? { stepId: last.stepId, state: last.type } : null,
    verified: entries.some((entry) => entry.type === 'verified'),
  };
}
