/** Every error code the inventory throws on purpose (listed in src/app/error-codes.ts). */
export const inventoryErrorCodes = {
  folderMissing: 'inventory.folderMissing',
  pathNotAbsolute: 'inventory.pathNotAbsolute',
  nothingToExport: 'inventory.nothingToExport',
} as const;

export type InventoryErrorCode = (typeof inventoryErrorCodes)[keyof typeof inventoryErrorCodes];
