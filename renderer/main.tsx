import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { useAppStore } from './app/app-store';
import { applyTheme, resolveTheme, systemPrefersDark } from './app/theme';
import { initI18n } from './lib/i18n';
import { resolveLanguage, systemLanguages } from './lib/language';
import './styles/tokens.css';
import './styles/base.css';

/**
 * Loads settings before the first paint, so the window opens in the right language and theme
 * instead of flashing the defaults.
 */
async function start(): Promise<void> {
  applyTheme(resolveTheme('system', systemPrefersDark()));
  await useAppStore.getState().load();
  const settings = useAppStore.getState().settings;
  if (settings) applyTheme(resolveTheme(settings.theme, systemPrefersDark()));
  await initI18n(resolveLanguage(settings?.language ?? null, systemLanguages()));
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
