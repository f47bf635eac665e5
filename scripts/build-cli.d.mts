/** Types for scripts/build-cli.mjs. */
import type { BuildOptions } from 'esbuild';
export declare const nodeBundle: BuildOptions;
export declare function buildCli(outdir: string): Promise<string>;
