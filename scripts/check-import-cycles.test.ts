import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, importsOf } from './check-import-cycles.mjs';

describe('the import-cycle check', () => {
  it('reads static imports and re-exports, type-only ones included', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from './b';",
      "export type { C } from './c';",
      "export * from './d';",
      "import zod from 'zod';",
      'export const x = 1;',
    ].join('\n');
    expect(importsOf('x.ts', text)).toEqual(['./a.js', './b', './c', './d', 'zod']);
  });

  it('finds a cycle through a type-only import in a real folder tree, and nothing in a clean one', () => {
    const root = mkdtempSync(join(tmpdir(), 'keyrescue-cycles-'));
    try {
      mkdirSync(join(root, 'src', 'os'), { recursive: true });
      writeFileSync(
        join(root, 'src/os/instance.ts'),
        "import { make } from './commands/index.js';\nexport const i = make;\n",
      );
      mkdirSync(join(root, 'src/os/commands'));
      writeFileSync(
        join(root, 'src/os/commands/index.ts'),
        "import type { I } from '../instance';\nexport const make = 1;\n",
      );
      writeFileSync(join(root, 'src/os/leaf.ts'), "import { i } from './instance';\nexport const l = i;\n");
      expect(findCycles(importGraph(root))).toEqual([['src/os/commands/index.ts', 'src/os/instance.ts']]);
      writeFileSync(join(root, 'src/os/commands/index.ts'), 'export const make = 1;\n');
      expect(findCycles(importGraph(root))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('passes on this repository (src/sandbox/os had two cycles)', () => {
    expect(findCycles(importGraph(process.cwd()))).toEqual([]);
  });
});
