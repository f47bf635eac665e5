import { join } from 'node:path';
import { launch } from './launch';

/** `out/cli/keyrescue.cjs`: starts the CLI bundle that sits beside it. */
launch(join(__dirname, 'keyrescue-main.cjs'));
