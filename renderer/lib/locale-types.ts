/** A tree of translated strings (nested objects become dotted keys: `t('dialog.title')`). */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/**
 * What every `renderer/features/<feature>/locales.ts` exports as `locales`: its strings in each
 * language (namespace = folder name) and, optionally, translations of the IpcError codes its services
 * throw, keyed by the full code (`'keys.wrongPassphrase': 'Wrong passphrase for {{path}}'`).
 * Write `export const locales = { … } satisfies FeatureLocales;` to get both languages checked.
 */
export interface FeatureLocales {
  en: MessageTree;
  ja: MessageTree;
  errors?: { en: Record<string, string>; ja: Record<string, string> };
}
