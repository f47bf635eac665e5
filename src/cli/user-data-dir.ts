import { homedir } from 'node:os';
import { join } from 'node:path';

/** The CLI's own folder (settings, practice account, compile cache): `$KEYRESCUE_HOME` or `~/.keyrescue`. */
export function cliUserDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KEYRESCUE_HOME ?? join(homedir(), '.keyrescue');
}
