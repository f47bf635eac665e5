import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/app/core';
import { createClient, IpcError } from '../../src/ipc/client';
import { translateError } from './errors';
import { i18n, initI18n } from './i18n';

describe('translateError', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('translates IPC error codes with their details interpolated', async () => {
    const error = new IpcError({
      code: 'ipc.unknownChannel',
      message: 'Unknown channel: nope:nope',
      details: { channel: 'nope:nope' },
    });
    await i18n.changeLanguage('en');
    expect(translateError(error, i18n.t)).toBe(
      'The app asked for something it does not know (nope:nope). Please update KeyRescue.',
    );
    await i18n.changeLanguage('ja');
    expect(translateError(error, i18n.t)).toBe(
      'アプリが不明な処理を要求しました（nope:nope）。KeyRescue を更新してください。',
    );
  });

  it('falls back to the service’s English message for a code nobody translated', async () => {
    await i18n.changeLanguage('ja');
    const error = new IpcError({
      code: 'nobody.translatedThis',
      message: 'The file /tmp/a.pem is not a key.',
      details: { path: '/tmp/a.pem' },
    });
    expect(translateError(error, i18n.t)).toBe('The file /tmp/a.pem is not a key.');
  });

  it('keeps details apart from i18next options, so a detail named like an option is harmless', async () => {
    await i18n.changeLanguage('en');
    const error = new IpcError({
      code: 'ipc.unknownChannel',
      message: 'x',
      details: { channel: 'a:b', lng: 'ja', ns: 'settings' },
    });
    expect(translateError(error, i18n.t)).toBe(
      'The app asked for something it does not know (a:b). Please update KeyRescue.',
    );
  });

  it('names pasted text in the user’s language, from the real keys service', async () => {
    const home = mkdtempSync(join(tmpdir(), 'keyrescue-errors-'));
    try {
      const core = createCore({ userDataDir: home, runtime: 'test' });
      const api = createClient({
        invoke: (channel, input) => core.router.dispatch(channel, input, { caller: 'test', emit: () => {} }),
        on: () => () => undefined,
      });
      const error = await api
        .invoke('keys:inspect', { source: { kind: 'text', text: ' ' } })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'keys.empty', details: { path: 'pasted text' } });
      expect((error as Error).message).toMatch(/^Pasted text: /);
      await i18n.changeLanguage('ja');
      expect(translateError(error, i18n.t)).toBe('貼り付けたテキスト は空です。');
      await i18n.changeLanguage('en');
      expect(translateError(error, i18n.t)).toBe('Pasted text is empty.');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('wraps anything else in the generic message', async () => {
    await i18n.changeLanguage('en');
    expect(translateError(new Error('boom'), i18n.t)).toBe('Something unexpected happened: boom');
    expect(translateError('plain string', i18n.t)).toBe('Something unexpected happened: plain string');
  });
});
