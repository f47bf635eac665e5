import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, importsOf, layerViolations } from './check-import-cycles.mjs';

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

  it('reads a literal dynamic import() only when asked (lazy imports count for layers)', () => {
    const text = "export const load = () => import('../sandbox');\nimport('./x' + y);\n";
    expect(importsOf('x.ts', text)).toEqual([]);
    expect(importsOf('x.ts', text, { dynamic: true })).toEqual(['../sandbox']);
  });

  it('reports src/aws importing the sandbox, inventory, key pairs or app (type-only, lazy and tests too)', () => {
    const root = mkdtempSync(join(tmpdir(), 'keyrescue-layers-'));
    try {
      for (const dir of ['aws', 'app', 'sandbox', 'inventory', 'keypairs'])
        mkdirSync(join(root, 'src', dir), { recursive: true });
      for (const dir of ['app', 'sandbox', 'inventory', 'keypairs'])
        writeFileSync(join(root, `src/${dir}/index.ts`), 'export const x = 1;\n');
      writeFileSync(join(root, 'src/aws/client.ts'), 'export const client = 1;\n');
      // src/app composing src/aws is the allowed direction.
      writeFileSync(
        join(root, 'src/app/stack.ts'),
        "import { client } from '../aws/client';\nexport const s = client;\n",
      );
      expect(layerViolations(importGraph(root, { dynamic: true }))).toEqual([]);
      writeFileSync(
        join(root, 'src/aws/stack.ts'),
        "import type { X } from '../inventory';\nexport type Y = X;\n",
      );
      writeFileSync(join(root, 'src/aws/lazy.ts'), "export const p = () => import('../sandbox/index.js');\n");
      writeFileSync(join(root, 'src/aws/a.test.ts'), "import '../keypairs';\nimport '../app/index';\n");
      const why = 'src/aws keeps AWS clients, credentials and errors; compose features with it in src/app';
      expect(
        layerViolations(importGraph(root, { dynamic: true })).sort((a, b) => a.file.localeCompare(b.file)),
      ).toEqual([
        { file: 'src/aws/a.test.ts', target: 'src/keypairs/index.ts', why },
        { file: 'src/aws/a.test.ts', target: 'src/app/index.ts', why },
        { file: 'src/aws/lazy.ts', target: 'src/sandbox/index.ts', why },
        { file: 'src/aws/stack.ts', target: 'src/inventory/index.ts', why },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('finds no layer violation in this repository (accounts-stack and practice-account live in src/app)', () => {
    expect(layerViolations(importGraph(process.cwd(), { dynamic: true }))).toEqual([]);
  });
});
