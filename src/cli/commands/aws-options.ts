import { promises as fs } from 'node:fs';
import type { ResolvedAccount } from '../../aws/account-types';
import type { CliContext } from '../cli-types';
import { oneLine } from '../terminal-text';

/** `--profile`, `--region`, `--endpoint`, `--json`: shared by every command that talks to AWS. */
export const awsCliOptions = {
  profile: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const awsCliUsage = '[--profile P] [--region R] [--endpoint URL] [--json]';

/**
 * The account a command runs against. MFA codes are read from the terminal; without one (a pipe,
 * CI) the role cannot be assumed and the error says so.
 */
export async function resolveCliAccount(
  ctx: CliContext,
  values: { profile?: string; endpoint?: string },
): Promise<ResolvedAccount> {
  const { accounts, mfa } = await ctx.core.aws();
  mfa.setDefaultPrompter(async (request) =>
    ctx.stdinIsTTY() ? ctx.readLine(`MFA code for ${request.mfaSerial}: `) : null,
  );
  return accounts.resolveForCli({ profile: values.profile, endpoint: values.endpoint });
}

/**
 * Splits paths given on the command line into folders and files. The rest is not scanned, each
 * with its reason: "does not exist", "is not a regular file or folder" (a FIFO, socket or device,
 * which reading could block on), or why it could not be looked at.
 */
export async function splitPaths(
  paths: readonly string[],
): Promise<{ folders: string[]; files: string[]; skipped: { path: string; reason: string }[] }> {
  const result = {
    folders: [] as string[],
    files: [] as string[],
    skipped: [] as { path: string; reason: string }[],
  };
  for (const path of paths) {
    const stat = await fs.stat(path).catch((error: NodeJS.ErrnoException) => error.code ?? 'EIO');
    if (typeof stat === 'string') {
      const reason =
        stat === 'ENOENT' || stat === 'ENOTDIR'
          ? 'does not exist'
          : stat === 'EACCES' || stat === 'EPERM'
            ? 'cannot be read (no permission)'
            : `cannot be read (${stat})`;
      result.skipped.push({ path, reason });
    } else if (stat.isDirectory()) result.folders.push(path);
    else if (stat.isFile()) result.files.push(path);
    else result.skipped.push({ path, reason: 'is not a regular file or folder (a FIFO, socket or device)' });
  }
  return result;
}

/** Left-aligned columns for terminal tables. */
export function formatTable(header: string[], unsafeRows: string[][]): string {
  // Cells hold names, tags and paths from AWS or disk: each stays on its line.
  const rows = unsafeRows.map((row) => row.map(oneLine));
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
