import { describe, expect, it } from 'vitest';
import { QuitBlockers } from './quit-blockers';
import { quitLanguage, quitPrompt } from './quit-prompt';

describe('quitPrompt (what main asks before quitting)', () => {
  it('asks nothing when no blocker has anything to lose', () => {
    expect(quitPrompt([], 'en')).toBeNull();
    expect(quitPrompt([{ kind: 'keypairs.unsavedPrivateKeys', count: 0 }], 'ja')).toBeNull();
  });

  it('names unsaved AWS-created private keys in English, staying being the default', () => {
    expect(quitPrompt([{ kind: 'keypairs.unsavedPrivateKeys', count: 1 }], 'en')).toEqual({
      type: 'warning',
      title: 'Quit KeyRescue?',
      message: 'Quitting now loses work that is not saved.',
      detail:
        'The private key of 1 key pair created by AWS is not saved yet. AWS never shows it again: save it or delete the key pair first.',
      buttons: ['Don’t quit', 'Quit anyway'],
      defaultId: 0,
      cancelId: 0,
    });
  });

  it('adds up counts of one kind from several providers, and speaks Japanese', () => {
    const prompt = quitPrompt(
      [
        { kind: 'keypairs.unsavedPrivateKeys', count: 2 },
        { kind: 'keypairs.unsavedPrivateKeys', count: 1 },
      ],
      'ja',
    );
    expect(prompt?.title).toBe('KeyRescue を終了しますか？');
    expect(prompt?.buttons).toEqual(['終了しない', '終了する']);
    expect(prompt?.detail).toBe(
      'AWS が作成した 3 個のキーペアの秘密鍵がまだ保存されていません。AWS が再び表示することはありません。先に保存するか、キーペアを削除してください。',
    );
    expect(quitPrompt([{ kind: 'keypairs.unsavedPrivateKeys', count: 3 }], 'en')?.detail).toMatch(
      /^The private keys of 3 key pairs created by AWS are not saved yet\./,
    );
  });

  it('uses the language setting, else the OS locale', () => {
    expect(quitLanguage('ja', 'en-US')).toBe('ja');
    expect(quitLanguage('en', 'ja')).toBe('en');
    expect(quitLanguage(null, 'ja-JP')).toBe('ja');
    expect(quitLanguage(null, 'de-DE')).toBe('en');
  });
});

describe('QuitBlockers', () => {
  it('joins every provider, drops empty answers, and ignores a provider that fails', async () => {
    const blockers = new QuitBlockers();
    blockers.register(() => [{ kind: 'keypairs.unsavedPrivateKeys', count: 0 }]);
    blockers.register(async () => [{ kind: 'keypairs.unsavedPrivateKeys', count: 2 }]);
    blockers.register(() => {
      throw new Error('broken provider');
    });
    expect(await blockers.list()).toEqual([{ kind: 'keypairs.unsavedPrivateKeys', count: 2 }]);
  });
});
