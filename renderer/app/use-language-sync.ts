import { useEffect, useState } from 'react';
import type { Settings } from '../../src/ipc/contracts/settings';
import { initI18n } from '../lib/i18n';
import { resolveLanguage, systemLanguages } from '../lib/language';

/**
 * Keeps the UI language equal to the setting, or to the OS's preferred languages when the setting is
 * "follow the system" (reacting to the browser's `languagechange` too).
 */
export function useLanguageSync(chosen: Settings['language']): void {
  const [system, setSystem] = useState(systemLanguages);
  useEffect(() => {
    const onChange = () => setSystem(systemLanguages());
    window.addEventListener('languagechange', onChange);
    return () => window.removeEventListener('languagechange', onChange);
  }, []);
  const language = resolveLanguage(chosen, system);
  useEffect(() => {
    void initI18n(language);
  }, [language]);
}
