import type { CliCommand } from '../cli-types';
import { infoCommand } from './info';

/** Every `keyrescue` command; later features add theirs here. */
export const commands: CliCommand[] = [infoCommand];
