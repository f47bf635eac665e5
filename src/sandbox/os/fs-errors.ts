/**
 * Node-style filesystem errors (`ENOENT: no such file or directory, open '/x'`). just-bash's
 * commands turn these messages into the usual shell diagnostics ("No such file or directory",
 * "Permission denied"), so the VFS must throw exactly this shape.
 */
const descriptions = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EEXIST: 'file already exists',
  ENOTDIR: 'not a directory',
  EISDIR: 'illegal operation on a directory',
  ENOTEMPTY: 'directory not empty',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ELOOP: 'too many symbolic links encountered',
  EBUSY: 'resource busy or locked',
  EINVAL: 'invalid argument',
} as const;

/** Error codes the VFS raises. */
export type FsErrorCode = keyof typeof descriptions;

/** An Error with a Node-like `code`, `syscall` and `path`. */
export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly syscall: string,
    readonly path: string,
  ) {
    super(`${code}: ${descriptions[code]}, ${syscall} '${path}'`);
  }
}

/** True when `err` is an {@link FsError} with the given code. */
export function isFsError(err: unknown, code?: FsErrorCode): err is FsError {
  return err instanceof FsError && (code === undefined || err.code === code);
}

/** The text coreutils print for an errno ("No such file or directory"). */
export function strerror(err: unknown): string {
  if (!(err instanceof FsError)) return err instanceof Error ? err.message : String(err);
  const text = descriptions[err.code];
  if (err.code === 'EISDIR') return 'Is a directory';
  if (err.code === 'EPERM') return 'Operation not permitted';
  return text.charAt(0).toUpperCase() + text.slice(1);
}
