import { create } from 'zustand';
import { api } from '../../lib/api';

/** What an export wrote: where, and how many of the view's key pairs it holds. */
export interface ExportResult {
  path: string;
  format: 'csv' | 'json';
  count: number;
  total: number;
}

/** Exporting the inventory as CSV or JSON to a file main's Save dialog asks for. */
export interface InventoryExportState {
  busy: boolean;
  /**
   * Exports the rows the filter shows (`shown`; every key pair when omitted); `null` when the user
   * cancelled the Save dialog. Throws the IpcError when main refuses (nothing loaded yet).
   */
  exportAs(format: 'csv' | 'json', shown?: { region: string; name: string }[]): Promise<ExportResult | null>;
  /** Reveals the exported file in the file manager. */
  showInFolder(path: string): Promise<void>;
}

export const useInventoryExportStore = create<InventoryExportState>((set) => ({
  busy: false,
  async exportAs(format, shown) {
    set({ busy: true });
    try {
      return await api.invoke('inventory:export', {
        format,
        ...(shown ? { only: shown.map(({ region, name }) => ({ region, name })) } : {}),
      });
    } finally {
      set({ busy: false });
    }
  },
  async showInFolder(path) {
    await api.invoke('shell:showItemInFolder', { path });
  },
}));
