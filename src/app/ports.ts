/**
 * Ports: what the core needs from the platform it runs on, injected into `createCore`. Electron
 * main implements them with native dialogs; the e2e harness and tests pass fakes that return
 * fixed paths (no native dialog can run there); the CLI has none.
 */

/** Error codes of the ports (listed in src/app/error-codes.ts). */
export const dialogErrorCodes = {
  unavailable: 'dialog.unavailable',
} as const;

/** Native file dialogs and the file manager (channels `dialog:*`, `shell:showItemInFolder`). */
export interface DialogPort {
  /** "Open" dialog filtered to key files (*.pem, *.ppk, *.key, id_*, all files); [] when cancelled. */
  openKeyFiles(options: { multiple: boolean }): Promise<string[]>;
  /** Folder chooser; `null` when cancelled. */
  chooseFolder(options: { defaultPath?: string }): Promise<string | null>;
  /**
   * "Save as" for a private key (the OS asks before replacing a file); `null` when cancelled.
   * Optional: a port without it answers `dialog.unavailable`.
   */
  saveKeyFile?(options: { defaultPath: string }): Promise<string | null>;
  /**
   * "Save as" for an inventory export (the OS asks before replacing a file); `null` when cancelled.
   * Optional: a port without it answers `dialog.unavailable`.
   */
  saveExportFile?(options: { defaultPath: string; format: 'csv' | 'json' }): Promise<string | null>;
  /**
   * "Save as" for a recovery report, Markdown (the OS asks before replacing a file); `null` when
   * cancelled. Optional: a port without it answers `dialog.unavailable`.
   */
  saveReportFile?(options: { defaultPath: string }): Promise<string | null>;
  /** Reveals the file in Explorer / Finder / the file manager. */
  showItemInFolder(path: string): Promise<void>;
}
