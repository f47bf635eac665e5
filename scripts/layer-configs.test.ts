import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Layer rules the compiler enforces: src/ compiles without DOM types and renderer/ without Node
// types (a probe with `document` in src/ or `process` in renderer/ fails `npm run typecheck`).
function options(config: string): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    config,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`Cannot read ${config}`);
  return parsed.options;
}

describe('per-layer TypeScript configs', () => {
  it('give src/ Node but no DOM, and the renderer DOM but no Node', () => {
    const src = options('tsconfig.src.json');
    expect(src.lib?.some((lib) => /dom/i.test(lib))).toBe(false);
    expect(src.types).toEqual(['node']);
    const renderer = options('tsconfig.renderer.json');
    expect(renderer.lib?.some((lib) => /dom/i.test(lib))).toBe(true);
    expect(renderer.types).toEqual(['vite/client']);
  });

  it('are all run by npm run typecheck (and so by npm test and CI)', () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    for (const config of ['tsconfig.json', 'tsconfig.src.json', 'tsconfig.renderer.json'])
      expect(scripts.typecheck).toContain(`tsc -p ${config} --noEmit`);
    expect(scripts.lint).toContain('node scripts/check-import-cycles.mjs');
  });
});
