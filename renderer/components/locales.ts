import type { FeatureLocales } from '../lib/locale-types';

/** Strings of the shared components (namespace `common`). */
export const locales = {
  en: {
    close: 'Close',
    cancel: 'Cancel',
    confirm: 'Confirm',
    ok: 'OK',
    loading: 'Loading…',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy to the clipboard.',
    dismiss: 'Dismiss',
    notifications: 'Notifications',
    progress: '{{done}} of {{total}}',
    optional: 'optional',
    pastedText: 'Pasted text',
  },
  ja: {
    close: '閉じる',
    cancel: 'キャンセル',
    confirm: '確認',
    ok: 'OK',
    loading: '読み込み中…',
    copy: 'コピー',
    copied: 'コピーしました',
    copyFailed: 'クリップボードにコピーできませんでした。',
    dismiss: '閉じる',
    notifications: '通知',
    progress: '{{done}} / {{total}}',
    optional: '任意',
    pastedText: '貼り付けたテキスト',
  },
} satisfies FeatureLocales;
