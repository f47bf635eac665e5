import type { IpcRenderer, WebUtils } from 'electron';
import { ipcErrorCodes } from '../src/ipc/app-error';
import type { IpcTransport } from '../src/ipc/client';
import { isChannelName, isEventNameOnly } from '../src/ipc/channel-names';
import { fail } from '../src/ipc/envelope';
import { droppedFileChannel, eventChannel, invokeChannel } from './ipc-channels';

/**
 * Builds the `window.api` object the preload exposes: `invoke` for contract channels only and `on`
 * for event-table names only (checklist item 20: named functions, never `ipcRenderer` itself).
 * Listeners receive just the payload — never Electron's event object, which would leak `sender`.
 * It checks names only (no zod here, so the preload stays small); main validates every payload.
 */
export function createPreloadApi(
  ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
): IpcTransport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let subscribed = false;
  const deliver = (_event: unknown, name: unknown, payload: unknown) => {
    if (typeof name !== 'string') return;
    for (const listener of listeners.get(name) ?? []) {
      // One failing listener must not keep the event from the others.
      try {
        listener(payload);
      } catch (error) {
        console.error(error);
      }
    }
  };

  return {
    async invoke(channel, input) {
      if (!isChannelName(channel)) {
        return fail({
          code: ipcErrorCodes.unknownChannel,
          message: `Unknown channel: ${String(channel).slice(0, 80)}`,
        });
      }
      return ipcRenderer.invoke(invokeChannel, channel, input);
    },
    on(event, listener) {
      if (!isEventNameOnly(event)) throw new Error(`Unknown event: ${String(event).slice(0, 80)}`);
      if (typeof listener !== 'function') throw new Error('A listener must be a function.');
      if (!subscribed) {
        ipcRenderer.on(eventChannel, deliver);
        subscribed = true;
      }
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      // Wrap so the same function subscribed twice gets two independent subscriptions.
      const entry = (payload: unknown) => listener(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };
}

/**
 * `window.keyrescueFiles`: the real path of a File the user dropped or picked in the page. Main is
 * told the path too, so it may write beside that file: only a real drop has a path (a File the page
 * makes itself has none), so the page cannot approve a location by naming it.
 */
export function createFilesApi(
  webUtils: Pick<WebUtils, 'getPathForFile'>,
  ipcRenderer: Pick<IpcRenderer, 'send'>,
): { pathForFile(file: File): string } {
  return {
    pathForFile(file) {
      const path = webUtils.getPathForFile(file);
      if (path) ipcRenderer.send(droppedFileChannel, path);
      return path;
    },
  };
}
