// @vitest-environment happy-dom
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { Toaster } from '../components/toast';
import { initI18n } from '../lib/i18n';
import { installCoreBridge, type CoreBridge } from '../test-support/core-bridge';
import { subscribeAppStore, useAppStore } from './app-store';

describe('app store over the real router', () => {
  let bridge: CoreBridge;

  beforeAll(async () => {
    await initI18n('en');
  });
  beforeEach(async () => {
    bridge = await installCoreBridge();
    useAppStore.setState({ status: 'idle', info: null, settings: null, loadError: null });
  });
  afterEach(async () => {
    cleanup();
    await bridge.dispose();
  });

  it('loads app info and settings', async () => {
    await useAppStore.getState().load();
    const state = useAppStore.getState();
    expect(state.status).toBe('ready');
    expect(state.info).toMatchObject({ name: 'KeyRescue', mode: 'sandbox', runtime: 'test' });
    expect(state.settings).toEqual({ language: null, theme: 'system', lastProfile: null, lastRegion: null });
  });

  it('saves a settings change to the settings file', async () => {
    await useAppStore.getState().load();
    expect(await useAppStore.getState().updateSettings({ language: 'ja', theme: 'dark' })).toBe(true);
    expect(useAppStore.getState().settings).toMatchObject({ language: 'ja', theme: 'dark' });
    const file = JSON.parse(await readFile(join(bridge.userDataDir, 'settings.json'), 'utf8')) as unknown;
    expect(file).toMatchObject({ language: 'ja', theme: 'dark' });
  });

  it('keeps the old value and shows a translated notice when the router refuses a change', async () => {
    render(<Toaster />);
    await useAppStore.getState().load();
    let saved = true;
    await act(async () => {
      saved = await useAppStore.getState().updateSettings({ theme: 'neon' as never });
    });
    expect(saved).toBe(false);
    expect(useAppStore.getState().settings?.theme).toBe('system');
    expect(await screen.findByText('The setting could not be saved')).toBeTruthy();
    expect(
      screen.getByText('The request was not valid. Check the values you entered and try again.'),
    ).toBeTruthy();
  });

  it('applies settings:changed pushes once subscribed', async () => {
    await useAppStore.getState().load();
    const unsubscribe = subscribeAppStore();
    bridge.push('settings:changed', { language: 'en', theme: 'light' });
    expect(useAppStore.getState().settings).toMatchObject({ language: 'en', theme: 'light' });
    unsubscribe();
    bridge.push('settings:changed', { language: 'ja', theme: 'dark' });
    expect(useAppStore.getState().settings).toMatchObject({ language: 'en', theme: 'light' });
  });

  it('reports a missing bridge as a failed load', async () => {
    await bridge.dispose();
    await useAppStore.getState().load();
    expect(useAppStore.getState().status).toBe('failed');
    expect((useAppStore.getState().loadError as Error).name).toBe('MissingBridgeError');
    bridge = await installCoreBridge();
  });
});
