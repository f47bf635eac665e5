import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allErrorCodes, errorCodeTables } from './error-codes';

const srcRoot = join(import.meta.dirname, '..');

/** Every non-test TypeScript file under src/, as [path relative to src, text]. */
function sourceFiles(dir = srcRoot): [string, string][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): [string, string][] => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sourceFiles(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) return [];
    return [[relative(srcRoot, path), readFileSync(path, 'utf8')]];
  });
}

describe('the error-code registry', () => {
  it('lists each code once, under the area its prefix names', () => {
    expect(new Set(allErrorCodes).size).toBe(allErrorCodes.length);
    for (const [area, table] of Object.entries(errorCodeTables))
      for (const code of Object.values(table))
        expect(code, area).toMatch(new RegExp(`^${area}\\.[a-z][A-Za-z0-9]+$`));
  });

  it('is what the services throw: no error code is written as a string literal', () => {
    // `new AppError('keys.x', …)`, `keyError('keys.x', …)` and `code === 'keys.x'` would bypass the tables.
    const literal = /(?:new AppError|keyError)\(\s*['"`]|\.code\s*[!=]==\s*['"`][a-z]+\.[A-Za-z]+['"`]/;
    const offenders = sourceFiles()
      .filter(([path]) => !path.startsWith('sandbox/'))
      .flatMap(([path, text]) =>
        text
          .split('\n')
          .map((line, index) => [`${path}:${index + 1}`, line.trim()] as const)
          .filter(([, line]) => literal.test(line)),
      );
    expect(offenders).toEqual([]);
  });

  it('has messages that start with a capital letter (they are printed by the CLI as they are)', () => {
    // The message argument follows the code; a template starting with `${…}` names a path first.
    const message = /new AppError\(\s*[\w.]+,\s*[`'"]([^`'"$])/g;
    const offenders = sourceFiles().flatMap(([path, text]) =>
      [...text.matchAll(message)].filter((match) => /[a-z]/.test(match[1] ?? '')).map(() => path),
    );
    expect(offenders).toEqual([]);
  });
});
