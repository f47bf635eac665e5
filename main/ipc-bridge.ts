import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { isAbsolute } from 'node:path';
import type { WriteApprovals } from '../src/app/write-approvals';
import { ipcErrorCodes } from '../src/ipc/app-error';
import { fail, type Envelope } from '../src/ipc/envelope';
import type { EventName, EventPayload } from '../src/ipc/events';
import type { Router } from '../src/ipc/router';
import { isAppUrl } from './app-origin';
import { droppedFileChannel, eventChannel, invokeChannel } from './ipc-channels';

/** The frame facts the sender check looks at (a subset of Electron's `WebFrameMain`). */
export interface SenderFrame {
  url: string;
  /** Our window's top frame has no parent; iframes (none are expected) do. */
  parent: unknown;
}

/**
 * Checklist item 17: a request is served only when it comes from the top frame of our own window's
 * web contents and that frame shows a page of our renderer (`app://keyrescue/…`).
 */
export function isTrustedSender(
  event: { sender: unknown; senderFrame: SenderFrame | null },
  trustedContents: unknown,
): boolean {
  const frame = event.senderFrame;
  if (!frame || trustedContents === undefined || event.sender !== trustedContents) return false;
  return frame.parent === null && isAppUrl(frame.url);
}

type PushTarget = Pick<WebContents, 'send' | 'isDestroyed'>;

/**
 * Sends an event to the window that exists *now*: an operation outlives the call that started it,
 * and macOS re-creates the window on activate, so the web contents captured at invoke time may be
 * gone. False when there is no window (the event is dropped; `operations:replay` still has it).
 */
export function pushToCurrentWindow<E extends EventName>(
  current: () => PushTarget | undefined,
  event: E,
  payload: EventPayload<E>,
): boolean {
  const contents = current();
  if (!contents || contents.isDestroyed()) return false;
  contents.send(eventChannel, event, payload);
  return true;
}

export interface IpcBridgeOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  router: Router;
  /**
   * The web contents of the main window right now (it changes when macOS re-creates the window):
   * requests are checked against it, and events go to it.
   */
  trustedContents: () => WebContents | undefined;
}

/**
 * Connects the renderer to the router through a single `ipcMain.handle`. Untrusted senders get a
 * `ipc.forbiddenSender` envelope and never reach a service. Returns a function that removes it.
 */
export function registerIpcBridge(options: IpcBridgeOptions): () => void {
  options.ipcMain.handle(
    invokeChannel,
    async (event: IpcMainInvokeEvent, channel: unknown, input: unknown): Promise<Envelope<unknown>> => {
      const contents = options.trustedContents();
      if (!contents || !isTrustedSender(event, contents)) {
        return fail({
          code: ipcErrorCodes.forbiddenSender,
          message: 'This request did not come from the KeyRescue window.',
        });
      }
      return options.router.dispatch(channel, input, {
        caller: 'renderer',
        emit: (name, payload) => void pushToCurrentWindow(options.trustedContents, name, payload),
      });
    },
  );
  return () => options.ipcMain.removeHandler(invokeChannel);
}

export interface DroppedFileBridgeOptions {
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>;
  approvals: Pick<WriteApprovals, 'approveFile'>;
  trustedContents: () => WebContents | undefined;
}

/**
 * Approves for writing the files the preload reports as dropped (see `createFilesApi`), from our
 * window only; anything that is not one bounded absolute path is ignored. Returns a remover.
 */
export function registerDroppedFileBridge(options: DroppedFileBridgeOptions): () => void {
  const listener = (event: IpcMainEvent, path: unknown) => {
    const contents = options.trustedContents();
    if (!contents || !isTrustedSender(event, contents)) return;
    if (typeof path !== 'string' || path.length > 4096 || path.includes('\0') || !isAbsolute(path)) return;
    options.approvals.approveFile(path);
  };
  options.ipcMain.on(droppedFileChannel, listener);
  return () => options.ipcMain.removeListener(droppedFileChannel, listener);
}
