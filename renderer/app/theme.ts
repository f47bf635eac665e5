import { useEffect, useState } from 'react';
import type { Settings } from '../../src/ipc/contracts/settings';

export type ResolvedTheme = 'light' | 'dark';

const darkQuery = '(prefers-color-scheme: dark)';

/** The theme to paint: the user's choice, or the OS's when the setting is `system`. */
export function resolveTheme(setting: Settings['theme'], systemPrefersDark: boolean): ResolvedTheme {
  if (setting === 'system') return systemPrefersDark ? 'dark' : 'light';
  return setting;
}

export function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(darkQuery).matches;
}

/** Sets `<html data-theme>`, which switches the CSS tokens. */
export function applyTheme(theme: ResolvedTheme): void {
  document.documentElement.dataset.theme = theme;
}

/** Keeps `<html data-theme>` in step with the setting and, for `system`, with the OS as it changes. */
export function useAppliedTheme(setting: Settings['theme']): ResolvedTheme {
  const [prefersDark, setPrefersDark] = useState(systemPrefersDark);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia(darkQuery);
    const onChange = () => setPrefersDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const theme = resolveTheme(setting, prefersDark);
  useEffect(() => applyTheme(theme), [theme]);
  return theme;
}
