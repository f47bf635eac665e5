/** Types for scripts/check-import-cycles.mjs. */
export declare function importsOf(path: string, text: string): string[];
export declare function findCycles(graph: Map<string, Set<string>>): string[][];
export declare function importGraph(rootDir: string): Map<string, Set<string>>;
