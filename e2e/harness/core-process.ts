import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Envelope } from '../../src/ipc/envelope';
import type { HandlerContext, Router } from '../../src/ipc/router';
import type { ChildCoreConfig, FromChild, ToChild } from './core-child';
import { bundleToFile, type BundleFile } from './node-bundle';

export type { ChildCoreConfig } from './core-child';

/** Bundles the child's entry (once per worker); `CoreProcess` runs it. */
export function bundleCoreChild(): Promise<BundleFile> {
  return bundleToFile('e2e/harness/core-child.ts');
}

/** What a call gets while no core runs (killed, not started again yet): Electron's page would be gone. */
const noCore = (channel: unknown): Envelope<never> => ({
  ok: false,
  error: { code: 'ipc.internal', message: `The core is not running (${String(channel).slice(0, 80)}).` },
});

/**
 * The real core in a child process, behind the same `router.dispatch` as the in-process one: a spec
 * can `kill()` it (SIGKILL, as a crash of Electron's main process) and `start()` another on the same
 * user-data folder, home and sandbox. Calls in flight when it dies answer `ipc.internal`, so the
 * page's promises settle; events a call's context emits reach that call's `emit` in this process.
 */
export class CoreProcess {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { channel: unknown; settle: (e: Envelope<unknown>) => void }>();
  /** Per call: the context whose `emit` its events go to (operations emit after the call returned). */
  private readonly contexts = new Map<number, HandlerContext>();

  constructor(
    private readonly bundle: string,
    private readonly config: ChildCoreConfig,
  ) {}

  readonly router: Router = {
    dispatch: (channel, input, ctx) => {
      const child = this.child;
      if (!child?.connected) return Promise.resolve(noCore(channel));
      const id = this.nextId++;
      this.contexts.set(id, ctx);
      return new Promise<Envelope<unknown>>((settle) => {
        this.pending.set(id, { channel, settle });
        this.send(child, { type: 'dispatch', id, channel, input, caller: ctx.caller });
      });
    },
  };

  /** The child's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts a core (again) and resolves once it takes calls. */
  async start(): Promise<void> {
    if (this.child) throw new Error('The core process is already running.');
    // `advanced`: structured clone, as Electron's IPC copies values (not JSON).
    const child = fork(this.bundle, [], {
      // The SDK's Node-version notice is printed once by the test process already, not per core.
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child = child;
    child.on('message', (message: FromChild) => this.receive(message));
    child.once('exit', () => this.ended(child));
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (message: FromChild) => message.type === 'ready' && resolve());
      child.once('exit', (code, signal) =>
        reject(new Error(`The core process ended before it was ready (${signal ?? code}).`)),
      );
    });
    this.send(child, { type: 'start', config: this.config });
    await ready;
  }

  /** SIGKILL: no handler runs, nothing is flushed; resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  /** Ends the core as a driver does (its operations stopped), or kills it after `maxWaitMs`. */
  async dispose(maxWaitMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = once(child, 'exit');
    if (child.connected) this.send(child, { type: 'dispose' });
    const timer = setTimeout(() => child.kill('SIGKILL'), maxWaitMs);
    await exited;
    clearTimeout(timer);
  }

  private send(child: ChildProcess, message: ToChild): void {
    child.send(message);
  }

  private receive(message: FromChild): void {
    if (message.type === 'result') {
      this.pending.get(message.id)?.settle(message.envelope as Envelope<unknown>);
      this.pending.delete(message.id);
    } else if (message.type === 'event') {
      // The router in the child validated it; emit as webContents.send would.
      this.contexts.get(message.id)?.emit(message.event as never, message.payload as never);
    }
  }

  private ended(child: ChildProcess): void {
    if (this.child !== child) return;
    this.child = null;
    for (const { channel, settle } of this.pending.values()) settle(noCore(channel));
    this.pending.clear();
    this.contexts.clear();
  }
}
