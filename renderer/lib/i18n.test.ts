import { describe, expect, it } from 'vitest';
import { buildResources, collectLocaleModules, errorsNamespace, namespaceFromPath } from './i18n';
import type { MessageTree } from './locale-types';

/** Every dotted key of a message tree, sorted. */
function keysOf(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree)
    .flatMap(([key, value]) =>
      typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
    )
    .sort();
}

/** Keys with i18next plural suffixes folded (`x_one`, `x_other` → `x`): languages differ in plural forms. */
function baseKeys(tree: MessageTree): string[] {
  return [...new Set(keysOf(tree).map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')))];
}

/** The `{{placeholders}}` a string uses, sorted. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1] ?? '').sort();
}

function valueAt(tree: MessageTree, key: string): string {
  return key
    .split('.')
    .reduce<MessageTree | string>(
      (node, part) => (node as MessageTree)[part] as MessageTree | string,
      tree,
    ) as string;
}

describe('namespaceFromPath', () => {
  it('uses the feature folder name', () => {
    expect(namespaceFromPath('../features/new-key/locales.ts')).toBe('new-key');
    expect(() => namespaceFromPath('../features/locales.ts')).toThrow('Not a feature locale file');
  });
});

describe('buildResources', () => {
  it('makes one namespace per module and merges all error translations', () => {
    const resources = buildResources({
      alpha: {
        en: { title: 'Alpha' },
        ja: { title: 'アルファ' },
        errors: { en: { 'alpha.bad': 'Bad {{path}}' }, ja: { 'alpha.bad': '不正 {{path}}' } },
      },
      beta: {
        en: { title: 'Beta' },
        ja: { title: 'ベータ' },
        errors: { en: { 'beta.bad': 'Also bad' }, ja: { 'beta.bad': 'これも不正' } },
      },
      gamma: { en: { title: 'Gamma' }, ja: { title: 'ガンマ' } },
    });
    expect(resources).toEqual({
      en: {
        alpha: { title: 'Alpha' },
        beta: { title: 'Beta' },
        gamma: { title: 'Gamma' },
        [errorsNamespace]: { 'alpha.bad': 'Bad {{path}}', 'beta.bad': 'Also bad' },
      },
      ja: {
        alpha: { title: 'アルファ' },
        beta: { title: 'ベータ' },
        gamma: { title: 'ガンマ' },
        [errorsNamespace]: { 'alpha.bad': '不正 {{path}}', 'beta.bad': 'これも不正' },
      },
    });
  });
});

describe('the app’s locale files', () => {
  const modules = collectLocaleModules();

  it('include the shell, the shared components and the pages the renderer helper owns', () => {
    expect(Object.keys(modules)).toEqual(
      expect.arrayContaining(['app', 'common', 'settings', 'about', 'recover']),
    );
  });

  // Every user-visible string exists in both languages, with the same placeholders.
  for (const [namespace, locales] of Object.entries(modules)) {
    it(`${namespace}: English and Japanese have the same keys and placeholders`, () => {
      expect(baseKeys(locales.ja)).toEqual(baseKeys(locales.en));
      for (const key of keysOf(locales.en).filter((k) => keysOf(locales.ja).includes(k))) {
        expect(placeholders(valueAt(locales.ja, key)), `${namespace}:${key}`).toEqual(
          placeholders(valueAt(locales.en, key)),
        );
      }
      // An error code may skip English (the service's message is English already), never Japanese.
      const japaneseCodes = Object.keys(locales.errors?.ja ?? {});
      expect(Object.keys(locales.errors?.en ?? {}).filter((code) => !japaneseCodes.includes(code))).toEqual(
        [],
      );
    });
  }
});
