import type { Settings } from '../../src/ipc/contracts/settings';

/** A language the UI is translated into. */
export type Language = NonNullable<Settings['language']>;

export const supportedLanguages = ['en', 'ja'] as const satisfies readonly Language[];

/**
 * The first of the OS's preferred languages that the UI speaks (`ja-JP` → `ja`), else English.
 * `navigator.languages` is ordered by preference, so a Japanese user with English second gets Japanese.
 */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    const match = supportedLanguages.find((language) => language === base);
    if (match) return match;
  }
  return 'en';
}

/** The language to show: the user's choice in Settings, or the OS locale when they follow the system. */
export function resolveLanguage(chosen: Settings['language'], preferred: readonly string[]): Language {
  return chosen ?? detectLanguage(preferred);
}

/** `navigator.languages` with a fallback for environments that only set `navigator.language`. */
export function systemLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}
