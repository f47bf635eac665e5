import { awsErrorCodes } from '../aws/aws-errors';
import { tunnelErrorCodes } from '../aws/eic-errors';
import { fileErrorCodes } from '../fs/file-errors';
import { inventoryErrorCodes } from '../inventory/inventory-errors';
import { ipcErrorCodes } from '../ipc/app-error';
import { keyPairErrorCodes } from '../keypairs/keypair-errors';
import { keyErrorCodes } from '../keys/key-errors';
import { operationErrorCodes } from '../ipc/operations/operation-errors';
import { journalErrorCodes } from '../recovery/journal/journal-errors';
import { cleanupErrorCodes } from '../recovery/cleanup/cleanup-errors';
import { newKeyErrorCodes } from '../recovery/new-key/new-key-errors';
import { recoveryErrorCodes } from '../recovery/recovery-errors';
import { rescueVolumeErrorCodes } from '../recovery/rescue-volume/rescue-volume-errors';
import { remoteScriptErrorCodes } from '../recovery/scripts/script-errors';
import { recoveryRunErrorCodes } from '../recovery/service/service-errors';
import { userDataPathErrorCodes } from '../recovery/stop-paths/user-data-errors';
import { dialogErrorCodes } from './ports';

/**
 * The registry of every error code the core can send to the renderer or print, one table per area.
 * It lives in src/app because only the composition root may import every area. The translation test
 * (renderer/lib/translations.test.ts) walks it: each code needs a Japanese text, and a translation
 * for a code missing here fails. An area that adds a code adds it to its own table only.
 */
export const errorCodeTables = {
  ipc: ipcErrorCodes,
  operations: operationErrorCodes,
  file: fileErrorCodes,
  dialog: dialogErrorCodes,
  keys: keyErrorCodes,
  aws: awsErrorCodes,
  inventory: inventoryErrorCodes,
  keypairs: keyPairErrorCodes,
  recovery: recoveryErrorCodes,
  journal: journalErrorCodes,
  remoteScript: remoteScriptErrorCodes,
  newKey: newKeyErrorCodes,
  cleanup: cleanupErrorCodes,
  recoveryRun: recoveryRunErrorCodes,
  userDataPath: userDataPathErrorCodes,
  rescueVolume: rescueVolumeErrorCodes,
  tunnel: tunnelErrorCodes,
} as const;

type Tables = typeof errorCodeTables;
export type ErrorCode = { [A in keyof Tables]: Tables[A][keyof Tables[A]] }[keyof Tables];

/** Every code, sorted. */
export const allErrorCodes: readonly ErrorCode[] = Object.values(errorCodeTables)
  .flatMap((table) => Object.values(table) as ErrorCode[])
  .sort();
