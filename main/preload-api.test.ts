import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createPreloadApi } from './preload-api';

// A stand-in for Electron's ipcRenderer (an EventEmitter plus `invoke`): no Electron binary can run here.
function fakeIpcRenderer() {
  const emitter = new EventEmitter();
  return Object.assign(emitter, {
    invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({
      ok: true,
      value: 'from main',
    })),
  });
}

describe('createPreloadApi', () => {
  it('forwards contract channels over the one invoke channel', async () => {
    const ipc = fakeIpcRenderer();
    const api = createPreloadApi(ipc as never);
    expect(await api.invoke('app:info', {})).toEqual({ ok: true, value: 'from main' });
    expect(ipc.invoke).toHaveBeenCalledWith('keyrescue:invoke', 'app:info', {});
  });

  it.each(['shell:openExternal', 'constructor', '__proto__', 'toString', 42, null])(
    'refuses %s without touching IPC',
    async (channel) => {
      const ipc = fakeIpcRenderer();
      const api = createPreloadApi(ipc as never);
      const result = await api.invoke(channel as string, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'ipc.unknownChannel' } });
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('delivers only the payload of the named event to its listeners', () => {
    const ipc = fakeIpcRenderer();
    const api = createPreloadApi(ipc as never);
    const progress = vi.fn();
    const settings = vi.fn();
    api.on('operation:progress', progress);
    api.on('settings:changed', settings);
    const payload = { operationId: 'o', seq: 1, kind: 'step', step: 's', done: 1, total: 2, at: 0 };
    ipc.emit('keyrescue:event', { sender: 'electron event object' }, 'operation:progress', payload);
    expect(progress.mock.calls).toEqual([[payload]]);
    expect(settings).not.toHaveBeenCalled();
  });

  it('unsubscribes, and registers a single ipcRenderer listener however many subscriptions there are', () => {
    const ipc = fakeIpcRenderer();
    const api = createPreloadApi(ipc as never);
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = api.on('operation:progress', first);
    api.on('operation:progress', second);
    expect(ipc.listenerCount('keyrescue:event')).toBe(1);
    offFirst();
    ipc.emit('keyrescue:event', {}, 'operation:progress', {
      operationId: 'o',
      seq: 1,
      kind: 'step',
      step: 's',
      at: 0,
    });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('keeps delivering to the other listeners when one throws', () => {
    const ipc = fakeIpcRenderer();
    const api = createPreloadApi(ipc as never);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const after = vi.fn();
    api.on('operation:progress', () => {
      throw new Error('listener bug');
    });
    api.on('operation:progress', after);
    ipc.emit('keyrescue:event', {}, 'operation:progress', {
      operationId: 'o',
      seq: 1,
      kind: 'step',
      step: 's',
      at: 0,
    });
    expect(after).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });

  it('throws for event names outside the event table and for non-function listeners', () => {
    const api = createPreloadApi(fakeIpcRenderer() as never);
    expect(() => api.on('keyrescue:invoke', vi.fn())).toThrow('Unknown event: keyrescue:invoke');
    expect(() => api.on('operation:progress', 'not a function' as never)).toThrow(
      'A listener must be a function.',
    );
  });
});
