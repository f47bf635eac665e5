import { describe, expect, it } from 'vitest';
import { allErrorCodes } from '../../src/app/error-codes';
import { collectLocaleModules } from './i18n';
import type { MessageTree } from './locale-types';

// Japanese and English are both first-class (glossary: ./GLOSSARY.md). This walks every UI string
// of every locale module and every error code of every area (src/app/error-codes.ts) and checks
// what can be checked mechanically.

const modules = collectLocaleModules();

/** Every `[dotted key, text]` of a message tree. */
function entriesOf(tree: MessageTree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : entriesOf(value, `${prefix}${key}.`),
  );
}

/** Every string of one language: UI strings as `namespace:key`, error texts as `errors:code`. */
function allStrings(language: 'en' | 'ja'): [string, string][] {
  return Object.entries(modules).flatMap(([namespace, locales]) => [
    ...entriesOf(locales[language]).map(([key, text]): [string, string] => [`${namespace}:${key}`, text]),
    ...Object.entries(locales.errors?.[language] ?? {}).map(([code, text]): [string, string] => [
      `errors:${code}`,
      text,
    ]),
  ]);
}

function mergedErrors(language: 'en' | 'ja'): Record<string, string> {
  return Object.assign({}, ...Object.values(modules).map((locales) => locales.errors?.[language] ?? {}));
}

const japaneseChar = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]`;
/** An ASCII `, . : ( ) ? !` touching Japanese text: Japanese uses 「、。：（）？！」. */
const halfWidthNextToJapanese = new RegExp(
  String.raw`${japaneseChar}[,.:()?!]|[,.:()?!]${japaneseChar}|${japaneseChar} \(|\) ${japaneseChar}`,
  'u',
);

/** Placeholders a text uses, sorted (`{{path}}`). */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1] ?? '').sort();
}

/** Text with a leading quote or bracket dropped (a leading `{{placeholder}}` is a name: any case). */
function firstWord(text: string): string {
  return text.replace(/^[“"'(]/, '');
}

describe('every error code', () => {
  const ja = mergedErrors('ja');
  const en = mergedErrors('en');

  it('has a Japanese text (English comes from the service when no English text is given)', () => {
    expect(allErrorCodes.filter((code) => !ja[code]?.trim())).toEqual([]);
  });

  it('is translated only if it still exists', () => {
    const known = new Set<string>(allErrorCodes);
    expect([...Object.keys(ja), ...Object.keys(en)].filter((code) => !known.has(code))).toEqual([]);
  });

  it('has the same placeholders in both languages where English is given', () => {
    for (const [code, text] of Object.entries(en))
      expect(placeholders(ja[code] ?? ''), code).toEqual(placeholders(text));
  });
});

describe('every UI string', () => {
  it('is non-empty in both languages', () => {
    const empty = [...allStrings('en'), ...allStrings('ja')].filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it('in Japanese uses full-width punctuation next to Japanese text', () => {
    const offenders = allStrings('ja').filter(([, text]) => halfWidthNextToJapanese.test(text));
    expect(offenders).toEqual([]);
  });

  it('in Japanese follows the glossary', () => {
    // A tag's key is AWS's own word for it (タグのキー), not an SSH key.
    const tagKeys = new Set([
      'new-key:tags.key',
      'new-key:tags.keyPlaceholder',
      'errors:keypairs.tagInvalid',
    ]);
    const offenders = allStrings('ja').filter(
      ([id, text]) =>
        // At risk is 「要対応」: 「危険」 frightens more than the state warrants.
        text.includes('危険') ||
        // 鍵 for a key file, private or public key; キーペア for an AWS key pair; キー alone only in
        // words that are not SSH keys (アクセスキー, キーボード, AWS's own 「KMS キー」) and in tag keys.
        (!tagKeys.has(id) &&
          /キー(?!ペア|ボード)/u.test(text.replaceAll('アクセスキー', '').replaceAll('KMS キー', ''))) ||
        // Counts read 「5 件中 5 件」, not 「5 個中 5 個」.
        /個中/u.test(text),
    );
    expect(offenders).toEqual([]);
  });

  it('in English starts a sentence with a capital letter', () => {
    // Fragments shown inside other text (badges, "(optional)", instance states) may be lowercase;
    // anything that ends like a sentence may not.
    const offenders = allStrings('en').filter(
      ([, text]) => /[.!?]$/.test(text) && /^[a-z]/.test(firstWord(text)) && !/^(ssh-|http)/.test(text),
    );
    expect(offenders).toEqual([]);
  });
});
