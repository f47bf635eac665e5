import type { Page } from '@playwright/test';
import type { Envelope } from '../../src/ipc/envelope';

/** Name of the binding the page calls; the init script wraps it into `window.api`. */
export const invokeBindingName = '__keyrescueInvoke';
/** Name of the page-side function the harness calls (via page.evaluate) to deliver an event. */
export const emitFunctionName = '__keyrescueEmit';

/**
 * Runs in the page before any of its scripts (serialised by Playwright, so it must not close over
 * anything). Gives the page the same `window.api` the Electron preload exposes: `invoke(channel,
 * input) → Promise<Envelope>` and `on(event, listener) → unsubscribe`, frozen and non-writable like a
 * contextBridge object, so renderer code cannot tell the two apart. Unknown channels get the router's
 * `ipc.unknownChannel` envelope; unknown event names throw, as in the preload.
 */
function installWindowApi(names: { invoke: string; emit: string; events: string[] }): void {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const target = window as unknown as Record<string, unknown>;
  const api = Object.freeze({
    invoke(channel: string, input: unknown): Promise<unknown> {
      const binding = target[names.invoke] as
        ((channel: string, input: unknown) => Promise<unknown>) | undefined;
      if (!binding) return Promise.reject(new Error('The e2e harness binding is missing.'));
      return binding(channel, input);
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      // Same refusals as main/preload-api.ts, so a typo fails here as it would in Electron.
      if (!names.events.includes(event)) throw new Error(`Unknown event: ${String(event).slice(0, 80)}`);
      if (typeof listener !== 'function') throw new Error('A listener must be a function.');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  });
  Object.defineProperty(window, 'api', {
    value: api,
    writable: false,
    configurable: false,
    enumerable: true,
  });
  Object.defineProperty(window, names.emit, {
    value(event: string, payload: unknown): number {
      const set = listeners.get(event);
      for (const listener of set ?? []) {
        try {
          listener(payload);
        } catch (error) {
          console.error(error);
        }
      }
      return set?.size ?? 0;
    },
    writable: false,
    configurable: false,
  });
}

/** Installs the init script and the binding on a page; `dispatch` answers every `window.api.invoke`. */
export async function connectWindowApi(
  page: Page,
  dispatch: (channel: unknown, input: unknown) => Promise<Envelope<unknown>>,
  eventNames: readonly string[],
): Promise<void> {
  await page.exposeBinding(invokeBindingName, (_source, channel: unknown, input: unknown) =>
    dispatch(channel, input),
  );
  await page.addInitScript(installWindowApi, {
    invoke: invokeBindingName,
    emit: emitFunctionName,
    events: [...eventNames],
  });
}

/** Delivers a main → renderer event to the page's `window.api.on` listeners; returns how many got it. */
export async function pushEvent(page: Page, event: string, payload: unknown): Promise<number> {
  return page.evaluate(
    ([name, eventName, eventPayload]) => {
      const emit = (window as unknown as Record<string, (event: string, payload: unknown) => number>)[name];
      return emit ? emit(eventName, eventPayload) : 0;
    },
    [emitFunctionName, event, payload] as const,
  );
}
