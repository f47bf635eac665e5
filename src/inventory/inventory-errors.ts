/** Every error code the inventory throws on purpose (listed in src/app/error-codes.ts). */
export const inventoryErrorCodes = {
  folderMissing: 'inventory.folderMissing',
  pathNotAbsolute: 'inventory.pathNotAbsolute',
  nothingToExport: 'inventory.nothingToExport',
  tooManyFolders: 'inventory.tooManyFolders',
  tooManyFiles: 'inventory.tooManyFiles',
  tooManyUnlocked: 'inventory.tooManyUnlocked',
  keyNotLocked: 'inventory.keyNotLocked',
  // A named local key source is a folder, FIFO or device (why a file could not be read is a file.* code).
  fileNotRegular: 'inventory.fileNotRegular',
} as const;

export type InventoryErrorCode = (typeof inventoryErrorCodes)[keyof typeof inventoryErrorCodes];
