import type { FeatureLocales } from '../../lib/locale-types';

/** Strings of "Private keys on this computer" (namespace `local-keys`) and its error codes. */
export const locales = {
  en: {
    title: 'Private keys on this computer',
    summary_one: '{{count}} private key found',
    summary_other: '{{count}} private keys found',
    addFolder: 'Add folder…',
    addFiles: 'Add key files…',
    sources: 'Where keys are looked for',
    kinds: {
      sshDir: 'SSH folder',
      folder: 'Added folder',
      file: 'Added file',
      practice: 'Practice account keys',
      written: 'Keys KeyRescue wrote',
    },
    always: 'always scanned',
    sourceKeys_one: '{{count}} key',
    sourceKeys_other: '{{count}} keys',
    sourceStatus: {
      missing: 'Not found',
      unreadable: 'Cannot be read',
      notKey: 'Not a private key',
    },
    written_one: '{{count}} key KeyRescue wrote',
    written_other: '{{count}} keys KeyRescue wrote',
    remove: 'Remove from this list',
    removeLabel: 'Remove {{path}} from this list (the file is not deleted)',
    dropHint:
      'Drop key files here to match them too. Private keys are read on this computer only; nothing is uploaded.',
    needsPassphrase_one:
      '{{count}} encrypted key needs its passphrase to match (its public part is not readable).',
    needsPassphrase_other:
      '{{count}} encrypted keys need their passphrase to match (their public part is not readable).',
    passphraseLabel: 'Passphrase for {{path}}',
    passphraseHint: 'Kept in memory for this session only; it is never saved, logged or shown again.',
    unlock: 'Unlock',
    unlocked: '{{path}} was unlocked and matched',
    problems_one: '{{count}} file could not be used',
    problems_other: '{{count}} files could not be used',
    incomplete: 'Some files could not be read, so no key pair is called at risk: its key may be among them.',
    moreProblems: 'And {{count}} more.',
    skipped_one: '{{count}} file over the scan limit was not read.',
    skipped_other: '{{count}} files over the scan limit were not read.',
    notKeyAdded: 'Not a private key',
    failed: 'Could not add that',
    removeFailed: 'Could not remove that',
  },
  ja: {
    title: 'このコンピューター上の秘密鍵',
    summary_other: '{{count}} 件の秘密鍵が見つかりました',
    addFolder: 'フォルダーを追加…',
    addFiles: '鍵ファイルを追加…',
    sources: '鍵を探す場所',
    kinds: {
      sshDir: 'SSH フォルダー',
      folder: '追加したフォルダー',
      file: '追加したファイル',
      practice: '練習用アカウントの鍵',
      written: 'KeyRescue が書き出した鍵',
    },
    always: '常に検索',
    sourceKeys_other: '{{count}} 件の鍵',
    sourceStatus: {
      missing: '見つかりません',
      unreadable: '読み取れません',
      notKey: '秘密鍵ではありません',
    },
    written_other: 'KeyRescue が書き出した鍵 {{count}} 件',
    remove: '一覧から外す',
    removeLabel: '{{path}} を一覧から外す（ファイルは削除されません）',
    dropHint:
      '鍵ファイルをここにドロップすると照合できます。秘密鍵はこのコンピューター上でのみ読み取られ、アップロードされません。',
    needsPassphrase_other:
      '{{count}} 件の暗号化された鍵は、照合にパスフレーズが必要です（公開鍵部分を読み取れません）。',
    passphraseLabel: '{{path}} のパスフレーズ',
    passphraseHint: 'このセッションの間だけメモリーに保持されます。保存、記録、再表示はされません。',
    unlock: '解除する',
    unlocked: '{{path}} を解除して照合しました',
    problems_other: '{{count}} 件のファイルを使えませんでした',
    incomplete:
      '読み取れないファイルがあるため、どのキーペアも「要対応」とは判定していません。鍵がその中にある可能性があります。',
    moreProblems: 'ほか {{count}} 件。',
    skipped_other: '検索の上限を超えた {{count}} 件のファイルは読み取っていません。',
    notKeyAdded: '秘密鍵ではありません',
    failed: '追加できませんでした',
    removeFailed: '一覧から外せませんでした',
  },
  errors: {
    // English messages come from the services themselves (they name the file and the reason).
    en: {},
    ja: {
      'inventory.tooManyFolders': 'フォルダーは 50 件まで追加できます。先にどれかを一覧から外してください。',
      'inventory.tooManyFiles':
        'ファイルは 500 件まで追加できます。代わりに、それらを含むフォルダーを追加してください。',
      'inventory.tooManyUnlocked': '1 回のセッションで解除できる鍵は 500 件までです。',
      'inventory.keyNotLocked':
        '{{path}} はパスフレーズを待っている鍵ではありません。一覧を再読み込みしてから、もう一度お試しください。',
      'inventory.fileNotRegular':
        '{{path}} はフォルダー、FIFO、デバイスのいずれかで、鍵ファイルではありません。',
    },
  },
} satisfies FeatureLocales;
