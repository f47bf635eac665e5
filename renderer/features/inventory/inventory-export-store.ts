import { create } from 'zustand';
import { api } from '../../lib/api';

/** Saves text the main process produced (CSV/JSON export) through the browser's download. */
function download(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Exporting the inventory as CSV or JSON. */
export interface InventoryExportState {
  busy: boolean;
  /** Exports the view; throws the IpcError when main refuses (nothing loaded yet). */
  exportAs(format: 'csv' | 'json'): Promise<void>;
}

export const useInventoryExportStore = create<InventoryExportState>((set) => ({
  busy: false,
  async exportAs(format) {
    set({ busy: true });
    try {
      const file = await api.invoke('inventory:export', { format });
      download(file.fileName, file.mimeType, file.text);
    } finally {
      set({ busy: false });
    }
  },
}));
