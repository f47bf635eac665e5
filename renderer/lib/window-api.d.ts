import type { IpcTransport } from '../../src/ipc/client';

declare global {
  interface Window {
    /**
     * The only bridge to the main process: set by the Electron preload (contextBridge) or, in the e2e
     * harness, by an init script over `page.exposeBinding`. Same shape in both, so the renderer cannot
     * tell them apart. Undefined only when the page is opened outside both.
     */
    readonly api: IpcTransport | undefined;
    /**
     * Set by the Electron preload (`webUtils.getPathForFile`; Electron ≥ 32 has no `File.path`): the
     * real path of a file the user dropped. Absent in a plain browser, where only the contents exist.
     */
    readonly keyrescueFiles?: { pathForFile(file: File): string };
  }
}

export {};
