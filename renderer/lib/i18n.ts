import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { locales as appLocales } from '../app/locales';
import { locales as commonLocales } from '../components/locales';
import { supportedLanguages, type Language } from './language';
import type { FeatureLocales } from './locale-types';

/** The namespace that holds translations of IpcError codes, merged from every feature. */
export const errorsNamespace = 'errors';

/**
 * Turns locale modules into i18next resources: one namespace per module (the feature's folder name),
 * plus one `errors` namespace that merges every module's error translations.
 */
export function buildResources(modules: Record<string, FeatureLocales>): Resource {
  const resources: Resource = {};
  for (const language of supportedLanguages) {
    const errors: Record<string, string> = {};
    const namespaces: Resource[string] = {};
    for (const [namespace, locales] of Object.entries(modules)) {
      namespaces[namespace] = locales[language];
      Object.assign(errors, locales.errors?.[language]);
    }
    namespaces[errorsNamespace] = errors;
    resources[language] = namespaces;
  }
  return resources;
}

/** `../features/converter/locales.ts` → `converter`. */
export function namespaceFromPath(path: string): string {
  const match = /features\/([^/]+)\/locales\.ts$/.exec(path);
  if (!match?.[1]) throw new Error(`Not a feature locale file: ${path}`);
  return match[1];
}

/** Every locale module of the app: the shell (`app`), shared components (`common`) and each feature. */
export function collectLocaleModules(): Record<string, FeatureLocales> {
  // Eager so all strings exist before the first render; a feature adds strings just by adding the file.
  const featureFiles = import.meta.glob<{ locales: FeatureLocales }>('../features/*/locales.ts', {
    eager: true,
  });
  const modules: Record<string, FeatureLocales> = { app: appLocales, common: commonLocales };
  for (const [path, module] of Object.entries(featureFiles))
    modules[namespaceFromPath(path)] = module.locales;
  return modules;
}

/** The app's single i18next instance (react-i18next's hooks use it). */
export const i18n = i18next.createInstance();

/** Initialises the instance once with every locale module; later calls only switch the language. */
export async function initI18n(language: Language): Promise<typeof i18n> {
  if (i18n.isInitialized) {
    await i18n.changeLanguage(language);
  } else {
    const modules = collectLocaleModules();
    await i18n.use(initReactI18next).init({
      lng: language,
      fallbackLng: 'en',
      supportedLngs: [...supportedLanguages],
      ns: [...Object.keys(modules), errorsNamespace],
      defaultNS: 'app',
      resources: buildResources(modules),
      // React escapes output itself; escaping here would show `&amp;` in paths.
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
      react: { useSuspense: false },
    });
  }
  applyDocumentLanguage(language);
  return i18n;
}

/** Keeps `<html lang>` right so screen readers and the font stack (`:lang(ja)`) follow the UI language. */
function applyDocumentLanguage(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
