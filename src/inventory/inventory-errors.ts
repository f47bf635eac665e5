/** Every error code the inventory throws on purpose (listed in src/app/error-codes.ts). */
export const inventoryErrorCodes = {
  folderMissing: 'inventory.folderMissing',
  pathNotAbsolute: 'inventory.pathNotAbsolute',
  nothingToExport: 'inventory.nothingToExport',
  tooManyFolders: 'inventory.tooManyFolders',
  tooManyFiles: 'inventory.tooManyFiles',
  tooManyUnlocked: 'inventory.tooManyUnlocked',
  keyNotLocked: 'inventory.keyNotLocked',
  // Why a local key file could not be read (reported per file by the scan, never skipped).
  filePermissionDenied: 'inventory.filePermissionDenied',
  fileSymlinkLoop: 'inventory.fileSymlinkLoop',
  fileVanished: 'inventory.fileVanished',
  fileTooManyOpen: 'inventory.fileTooManyOpen',
  fileNotRegular: 'inventory.fileNotRegular',
  fileReadFailed: 'inventory.fileReadFailed',
} as const;

export type InventoryErrorCode = (typeof inventoryErrorCodes)[keyof typeof inventoryErrorCodes];
