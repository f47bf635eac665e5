import type { QuitBlocker, QuitBlockerKind } from './quit-blockers';

export type QuitLanguage = 'en' | 'ja';

/** What main shows in its native message box (Electron's `showMessageBox` options, minus the window). */
export interface QuitPrompt {
  type: 'warning';
  title: string;
  message: string;
  detail: string;
  /** [stay, quit]: staying is the default and what Escape chooses. */
  buttons: [string, string];
  defaultId: 0;
  cancelId: 0;
}

/** Index of "Quit anyway" in `QuitPrompt.buttons`. */
export const quitAnywayButton = 1;

const texts: Record<
  QuitLanguage,
  {
    title: string;
    message: string;
    stay: string;
    quit: string;
    kinds: Record<QuitBlockerKind, (count: number) => string>;
  }
> = {
  en: {
    title: 'Quit KeyRescue?',
    message: 'Quitting now loses work that is not saved.',
    stay: 'Don’t quit',
    quit: 'Quit anyway',
    kinds: {
      'keypairs.unsavedPrivateKeys': (count) =>
        count === 1
          ? 'The private key of 1 key pair created by AWS is not saved yet. AWS never shows it again: save it or delete the key pair first.'
          : `The private keys of ${count} key pairs created by AWS are not saved yet. AWS never shows them again: save them or delete the key pairs first.`,
    },
  },
  ja: {
    title: 'KeyRescue を終了しますか？',
    message: '今終了すると、保存されていない内容が失われます。',
    stay: '終了しない',
    quit: '終了する',
    kinds: {
      'keypairs.unsavedPrivateKeys': (count) =>
        `AWS が作成した ${count} 個のキーペアの秘密鍵がまだ保存されていません。AWS が再び表示することはありません。先に保存するか、キーペアを削除してください。`,
    },
  },
};

/** The UI language for a native dialog: the user's setting, else the OS locale (Japanese or English). */
export function quitLanguage(setting: QuitLanguage | null, osLocale: string): QuitLanguage {
  return setting ?? (osLocale.toLowerCase().startsWith('ja') ? 'ja' : 'en');
}

/**
 * Whether quitting needs the user's word, and what to ask: `null` quits at once (nothing would be
 * lost); otherwise one line per kind of blocker, in the user's language.
 */
export function quitPrompt(blockers: readonly QuitBlocker[], language: QuitLanguage): QuitPrompt | null {
  const counts = new Map<QuitBlockerKind, number>();
  for (const blocker of blockers)
    if (blocker.count > 0) counts.set(blocker.kind, (counts.get(blocker.kind) ?? 0) + blocker.count);
  if (counts.size === 0) return null;
  const text = texts[language];
  return {
    type: 'warning',
    title: text.title,
    message: text.message,
    detail: [...counts].map(([kind, count]) => text.kinds[kind](count)).join('\n\n'),
    buttons: [text.stay, text.quit],
    defaultId: 0,
    cancelId: 0,
  };
}
