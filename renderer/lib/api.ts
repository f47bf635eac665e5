import { createClient, type IpcClient, type IpcTransport } from '../../src/ipc/client';

/** Thrown when the page runs without a bridge (opened directly in a browser). */
export class MissingBridgeError extends Error {
  override readonly name = 'MissingBridgeError';
  constructor() {
    super(
      'window.api is not available: open KeyRescue through the app (or the e2e harness), not a plain browser.',
    );
  }
}

// Read `window.api` on every call rather than once at import, so tests (and a late preload) can
// install the bridge after this module has loaded.
function bridge(): IpcTransport {
  const transport = typeof window === 'undefined' ? undefined : window.api;
  if (!transport) throw new MissingBridgeError();
  return transport;
}

/**
 * The renderer's typed client for the main process. `api.invoke('settings:get', {})` is typed from the
 * contract and throws `IpcError` (code, message, details) when the router answers `{ ok: false }`.
 * Only zustand actions should call it; components read state.
 */
export const api: IpcClient = createClient({
  invoke: (channel, input) => bridge().invoke(channel, input),
  on: (event, listener) => bridge().on(event, listener),
});

/** Whether a bridge is present, for the boot screen's diagnosis. */
export function hasBridge(): boolean {
  return typeof window !== 'undefined' && window.api !== undefined;
}
