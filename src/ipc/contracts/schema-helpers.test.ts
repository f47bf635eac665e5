import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { empty, int, list, path, requiredText, text } from './schema-helpers';

const ipcRoot = join(import.meta.dirname, '..');

describe('contract schema helpers', () => {
  it('bound what they accept', () => {
    expect(text(3).safeParse('abc').success).toBe(true);
    expect(text(3).safeParse('abcd').success).toBe(false);
    expect(requiredText(3).safeParse('').success).toBe(false);
    expect(list(text(1), 2).safeParse(['a', 'b', 'c']).success).toBe(false);
    expect(int().safeParse(1.5).success).toBe(false);
    expect(path.safeParse('x'.repeat(4097)).success).toBe(false);
    expect(empty().safeParse({ extra: 1 }).success).toBe(false);
  });

  it('are defined once: no contract or event table builds its own', () => {
    const files = [
      ...readdirSync(join(ipcRoot, 'contracts')).map((name) => join('contracts', name)),
      'events.ts',
    ].filter(
      (name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('schema-helpers.ts'),
    );
    const ownHelper =
      /const (text|list|int|empty|path|passphrase|region)\s*=|z\.string\(\)\.check\(z\.maxLength|z\.array\([^)]*\)\.check\(z\.maxLength/;
    const offenders = files.filter((name) => ownHelper.test(readFileSync(join(ipcRoot, name), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
