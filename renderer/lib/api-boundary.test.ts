import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The renderer's rule "only zustand store actions call the API": components read state and call
 * actions, so a page never holds a half-finished IPC call of its own. A file may import
 * `renderer/lib/api` only if it is a store (`*-store.ts`); tests and test support are exempt.
 */
const rendererRoot = join(__dirname, '..');

/**
 * Files of other work in progress that still call the API directly. Each entry must still break the
 * rule (so a fixed file is taken off the list, and the list only shrinks).
 */
const notYetMoved = new Set<string>([]);

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sourceFiles(path);
      return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
    }),
  );
  return nested.flat();
}

/** Every module specifier a file imports (static `import … from`, `export … from` and `import()`). */
function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g))
    if (match[1]) found.push(match[1]);
  return found;
}

function importsApi(file: string, source: string): boolean {
  return importsOf(source).some((specifier) => {
    const target = join(file, '..', specifier).replace(/\.tsx?$/, '');
    return target === join(rendererRoot, 'lib', 'api');
  });
}

describe('renderer API boundary', () => {
  it('only store files import renderer/lib/api', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(rendererRoot)) {
      const name = relative(rendererRoot, file).split('\\').join('/');
      if (name === 'lib/api.ts' || name.endsWith('-store.ts') || notYetMoved.has(name)) continue;
      if (importsApi(file, await readFile(file, 'utf8'))) offenders.push(name);
    }
    expect(offenders).toEqual([]);
  });

  it('every file on the not-yet-moved list still imports the API (fixed files leave the list)', async () => {
    const stillImporting: string[] = [];
    for (const name of notYetMoved) {
      const file = join(rendererRoot, name);
      if (importsApi(file, await readFile(file, 'utf8'))) stillImporting.push(name);
    }
    expect(stillImporting).toEqual([...notYetMoved]);
  });

  it('recognises the import forms a component could use', () => {
    const component = join(rendererRoot, 'features', 'x', 'x-page.tsx');
    expect(importsApi(component, "import { api } from '../../lib/api';")).toBe(true);
    expect(importsApi(component, 'import type { IpcClient } from "../../lib/api.ts";')).toBe(true);
    expect(importsApi(component, "const { api } = await import('../../lib/api');")).toBe(true);
    expect(importsApi(component, "export { api } from '../../lib/api';")).toBe(true);
    expect(importsApi(component, "import { apiHelpers } from '../../lib/api-helpers';")).toBe(false);
    expect(importsApi(component, "import { useErrorText } from '../../lib/errors';")).toBe(false);
  });
});
