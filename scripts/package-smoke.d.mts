/** Types for scripts/package-smoke.mjs (a plain Node script so it runs without a TypeScript step). */
export declare const requiredEntries: string[];
export declare function findAsarProblems(entries: readonly string[]): string[];
export declare function ensureBuilt(projectDir: string): Promise<void>;
export declare function runPackageSmoke(
  projectDir?: string,
): Promise<{ asarPath: string; entries: string[]; problems: string[]; log: string }>;
