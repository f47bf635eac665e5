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

/** What an export wrote: the file name and how many of the view's key pairs it holds. */
export interface ExportResult {
  fileName: string;
  count: number;
  total: number;
}

/** Exporting the inventory as CSV or JSON. */
export interface InventoryExportState {
  busy: boolean;
  /**
   * Exports the rows the filter shows (`shown`; every key pair when omitted). Throws the IpcError
   * when main refuses (nothing loaded yet).
   */
  exportAs(format: 'csv' | 'json', shown?: { region: string; name: string }[]): Promise<ExportResult>;
}

export const useInventoryExportStore = create<InventoryExportState>((set) => ({
  busy: false,
  async exportAs(format, shown) {
    set({ busy: true });
    try {
      const file = await api.invoke('inventory:export', {
        format,
        ...(shown ? { only: shown.map(({ region, name }) => ({ region, name })) } : {}),
      });
      download(file.fileName, file.mimeType, file.text);
      return { fileName: file.fileName, count: file.count, total: file.total };
    } finally {
      set({ busy: false });
    }
  },
}));
