import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../src/app/core';
import type { IpcTransport } from '../../src/ipc/client';

/** A real core in a temporary user-data folder, exposed to the renderer as `window.api`. */
export interface CoreBridge {
  core: Core;
  userDataDir: string;
  /** Delivers an event to the renderer's `window.api.on` listeners. */
  push(event: string, payload: unknown): void;
  dispose(): Promise<void>;
}

/**
 * Installs `window.api` over a real `createCore` router, the way the preload and the e2e harness do,
 * so renderer tests exercise the real contract, validation and settings store instead of a mock.
 */
export async function installCoreBridge(
  options: Partial<Omit<CoreOptions, 'userDataDir' | 'runtime'>> = {},
): Promise<CoreBridge> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'keyrescue-renderer-'));
  const core = createCore({ ...options, userDataDir, runtime: 'test' });
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const push = (event: string, payload: unknown) =>
    listeners.get(event)?.forEach((listener) => listener(payload));
  const transport: IpcTransport = {
    invoke: (channel, input) => core.router.dispatch(channel, input, { caller: 'renderer', emit: push }),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
  };
  Object.defineProperty(window, 'api', { value: transport, configurable: true, writable: false });
  return {
    core,
    userDataDir,
    push,
    async dispose() {
      Object.defineProperty(window, 'api', { value: undefined, configurable: true });
      await core.dispose(); // running operations stop before their folder goes
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Records the input of every call the renderer makes on `channel` (the call itself goes on to the
 * real router), for tests that check what a screen sent. Install after `installCoreBridge`.
 */
export function recordCalls<T = unknown>(channel: string): T[] {
  const transport = window.api;
  if (!transport) throw new Error('installCoreBridge installs window.api first');
  const calls: T[] = [];
  Object.defineProperty(window, 'api', {
    configurable: true,
    value: {
      ...transport,
      invoke: (name: string, input: unknown) => {
        if (name === channel) calls.push(input as T);
        return transport.invoke(name, input);
      },
    },
  });
  return calls;
}
