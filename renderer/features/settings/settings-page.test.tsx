// @vitest-environment happy-dom
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../app/app';
import { useAppStore } from '../../app/app-store';
import { useNavigation } from '../../app/navigation-store';
import { initI18n } from '../../lib/i18n';
import { installCoreBridge, type CoreBridge } from '../../test-support/core-bridge';

describe('Settings page in the shell, over the real router', () => {
  let bridge: CoreBridge;

  beforeEach(async () => {
    await initI18n('en');
    bridge = await installCoreBridge();
    useAppStore.setState({ status: 'idle', info: null, settings: null, loadError: null });
    useNavigation.setState({ page: 'settings' });
    await useAppStore.getState().load();
  });
  afterEach(async () => {
    cleanup();
    await bridge.dispose();
    delete document.documentElement.dataset.theme;
  });

  async function savedSettings(): Promise<unknown> {
    return JSON.parse(await readFile(join(bridge.userDataDir, 'settings.json'), 'utf8'));
  }

  it('shows app:info facts', async () => {
    render(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    const version = document.querySelector('[data-fact="version"] dd');
    expect(version?.textContent).toBe(useAppStore.getState().info?.version);
    expect(document.querySelector('[data-fact="runtime"] dd')?.textContent).toBe('Unit tests');
  });

  it('switches to Japanese and saves the choice', async () => {
    render(<App />);
    await userEvent.click(await screen.findByRole('radio', { name: '日本語' }));
    expect(await screen.findByRole('heading', { level: 1, name: '設定' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('ja');
    await waitFor(async () => expect(await savedSettings()).toMatchObject({ language: 'ja' }));
  });

  it('switches the theme and saves the choice', async () => {
    render(<App />);
    await userEvent.click(await screen.findByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    await waitFor(async () => expect(await savedSettings()).toMatchObject({ theme: 'dark' }));
  });
});

describe('App without a bridge', () => {
  it('explains that it could not start, with a retry', async () => {
    await initI18n('en');
    useAppStore.setState({ status: 'idle', info: null, settings: null, loadError: null });
    await useAppStore.getState().load();
    render(<App />);
    expect(screen.getByRole('heading', { name: 'KeyRescue could not start' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    cleanup();
  });
});
