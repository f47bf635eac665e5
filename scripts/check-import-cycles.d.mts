/** Types for scripts/check-import-cycles.mjs. */
export declare function importsOf(path: string, text: string, options?: { dynamic?: boolean }): string[];
export declare function findCycles(graph: Map<string, Set<string>>): string[][];
export declare function importGraph(
  rootDir: string,
  options?: { dynamic?: boolean },
): Map<string, Set<string>>;
export interface LayerRule {
  from: string;
  forbidden: string[];
  why: string;
}
export declare const layerRules: LayerRule[];
export declare function layerViolations(
  graph: Map<string, Set<string>>,
  rules?: LayerRule[],
): { file: string; target: string; why: string }[];
