import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../fs/atomic-write';
import { isAppError } from '../../ipc/app-error';
import { bytesOf, digestOf, type UserDataValue } from './user-data-attribute';
import { backupUnusableError } from './user-data-errors';

/**
 * The instance's original user data, kept on this computer before anything changes (research §4
 * step 1): a JSON file in the recovery's folder (`<journals>/<recovery id>/`, owner-only, since user
 * data may hold secrets), with the exact base64 string EC2 returned or `null` for none. The journal
 * holds only its size and digest; restoring reads the file and refuses it unless both match.
 */

const fileName = 'original-user-data.json';
/** 16 KB of user data is under 22 KB of base64; anything much larger is not our file. */
const maxFileBytes = 64 * 1024;

const savedSchema = z.strictObject({
  v: z.literal(1),
  recoveryId: z.string(),
  instanceId: z.string(),
  region: z.string(),
  savedAt: z.string(),
  /** Exactly as DescribeInstanceAttribute returned it; null: the instance had no user data. */
  base64: z.string().max(maxFileBytes).nullable(),
  bytes: z.number().int().min(0),
  digest: z.string(),
});

export type SavedUserData = z.infer<typeof savedSchema>;

/** Where a recovery keeps its files: beside its journal, in a folder named by its id. */
export function backupPathOf(journalsFolder: string, recoveryId: string): string {
  return join(journalsFolder, recoveryId, fileName);
}

export async function saveBackup(path: string, saved: Omit<SavedUserData, 'v'>): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  // Overwrite: this runs only before anything changed, so what the instance has now is the original.
  await writeFileAtomic(path, `${JSON.stringify({ v: 1, ...saved }, null, 2)}\n`, {
    mode: 0o600,
    overwrite: true,
    ownerOnly: true,
  });
}

/** The saved original, refused unless it is the one the journal recorded (`digest`, presence). */
export async function loadBackup(
  path: string,
  expected: { instanceId: string; digest: string; present: boolean },
): Promise<UserDataValue> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > maxFileBytes)
      throw backupUnusableError(path, 'it is not the file KeyRescue saved');
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw backupUnusableError(path, 'it does not exist');
    if (isAppError(error)) throw error;
    throw backupUnusableError(path, 'it cannot be read');
  }
  let saved: SavedUserData;
  try {
    saved = savedSchema.parse(JSON.parse(text));
  } catch {
    throw backupUnusableError(path, 'it is not a user data backup KeyRescue wrote');
  }
  const value: UserDataValue = { base64: saved.base64 };
  const bytes = bytesOf(value);
  if (saved.instanceId !== expected.instanceId)
    throw backupUnusableError(
      path,
      `it is the user data of ${saved.instanceId}, not of ${expected.instanceId}`,
    );
  if (
    (saved.base64 !== null) !== expected.present ||
    digestOf(bytes) !== expected.digest ||
    bytes.length !== saved.bytes
  )
    throw backupUnusableError(path, `its content is not what the journal recorded (${expected.digest})`);
  return value;
}
