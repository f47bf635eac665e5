import { describe, expect, it } from 'vitest';
import { findingCodes, planReasonCodes, recoveryPathIds } from '../../../src/ipc/contracts/recovery';
import { findingTexts, planReasonTexts } from '../../../src/recovery/preflight/finding-texts';
import { locales } from './locales';

// Every preflight finding and plan reason code the core sends has both languages here, with the
// same placeholders as the English (one table, src/ipc/contracts/recovery-texts.ts, for CLI and UI).

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]).sort();

describe('preflight texts', () => {
  const tables = [
    ['findings', findingCodes, findingTexts, locales.en.findings, locales.ja.findings],
    ['plan', planReasonCodes, planReasonTexts, locales.en.plan, locales.ja.plan],
  ] as const;

  it.each(tables)(
    '%s: every code has English and Japanese, and nothing else is there',
    (_name, codes, core, en, ja) => {
      expect(Object.keys(en).sort()).toEqual([...codes].sort());
      expect(Object.keys(ja).sort()).toEqual([...codes].sort());
      expect(Object.keys(core).sort()).toEqual([...codes].sort());
    },
  );

  it.each(tables)('%s: Japanese has the same placeholders as the English', (_name, codes, core, en, ja) => {
    for (const code of codes) {
      const english = (en as Record<string, string>)[code] ?? '';
      expect(english, code).not.toBe('');
      expect(placeholders((ja as Record<string, string>)[code] ?? ''), code).toEqual(placeholders(english));
    }
  });

  it('names every path in both languages', () => {
    expect(Object.keys(locales.en.paths).sort()).toEqual([...recoveryPathIds].sort());
    expect(Object.keys(locales.ja.paths).sort()).toEqual([...recoveryPathIds].sort());
  });
});
