import type { FeatureLocales } from '../../lib/locale-types';

/** Strings of the Settings page (namespace `settings`). */
export const locales = {
  en: {
    title: 'Settings',
    description: 'Choose the language and look of KeyRescue. Changes are saved right away.',
    saveFailed: 'The setting could not be saved',
    general: {
      title: 'General',
      subtitle: 'Saved on this computer and applied at once.',
    },
    language: {
      title: 'Language',
      subtitle: 'The language of menus, messages and help.',
      system: 'System ({{language}})',
    },
    theme: {
      title: 'Theme',
      subtitle: 'Follow the operating system, or always use light or dark.',
      system: 'System',
      light: 'Light',
      dark: 'Dark',
    },
    about: {
      title: 'This installation',
      subtitle: 'Useful when you report a problem.',
      name: 'Application',
      version: 'Version',
      platform: 'Platform',
      mode: 'Account',
      modeSandbox: 'Practice account (simulated)',
      modeAws: 'AWS account',
      runtime: 'Running in',
      runtimes: {
        electron: 'Desktop app',
        cli: 'Command line',
        harness: 'Test harness (Chromium)',
        test: 'Unit tests',
      },
    },
  },
  ja: {
    title: '設定',
    description: 'KeyRescue の表示言語と外観を選びます。変更はすぐに保存されます。',
    saveFailed: '設定を保存できませんでした',
    general: {
      title: '一般',
      subtitle: 'このコンピューターに保存され、すぐに反映されます。',
    },
    language: {
      title: '言語',
      subtitle: 'メニュー、メッセージ、ヘルプの言語です。',
      system: 'システム（{{language}}）',
    },
    theme: {
      title: 'テーマ',
      subtitle: 'OS の設定に合わせるか、常にライトまたはダークを使います。',
      system: 'システム',
      light: 'ライト',
      dark: 'ダーク',
    },
    about: {
      title: 'このインストールについて',
      subtitle: '問題を報告するときに役立ちます。',
      name: 'アプリケーション',
      version: 'バージョン',
      platform: 'プラットフォーム',
      mode: 'アカウント',
      modeSandbox: '練習用アカウント（模擬環境）',
      modeAws: 'AWS アカウント',
      runtime: '実行環境',
      runtimes: {
        electron: 'デスクトップアプリ',
        cli: 'コマンドライン',
        harness: 'テストハーネス（Chromium）',
        test: 'ユニットテスト',
      },
    },
  },
} satisfies FeatureLocales;
