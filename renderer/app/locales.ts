import type { FeatureLocales } from '../lib/locale-types';

/** Strings of the shell (namespace `app`, the default) and translations of the IPC layer's own errors. */
export const locales = {
  en: {
    appName: 'KeyRescue',
    skipToContent: 'Skip to content',
    nav: {
      label: 'Main',
      keys: 'Keys',
      access: 'Access',
      inventory: 'Inventory',
      newKey: 'New key',
      converter: 'Convert',
      recover: 'Recover',
      settings: 'Settings',
      about: 'About & FAQ',
    },
    account: {
      sandbox: 'Practice account',
      sandboxHint: 'A simulated AWS account on this computer. Nothing you do here touches real AWS.',
      aws: 'AWS account',
      awsHint: 'Connected to a real AWS account. Changes affect real resources.',
    },
    version: 'Version {{version}}',
    boot: {
      failedTitle: 'KeyRescue could not start',
      failedBody:
        'The window could not reach the rest of the app. Restart KeyRescue; if this keeps happening, reinstall it.',
      retry: 'Try again',
    },
    pageError: {
      title: 'This page stopped working',
      body: 'Something unexpected happened while showing this page. Your keys and instances were not changed.',
      retry: 'Reload the page',
      details: 'Technical details',
    },
    errors: {
      unexpected: 'Something unexpected happened: {{message}}',
    },
  },
  ja: {
    appName: 'KeyRescue',
    skipToContent: '本文へスキップ',
    nav: {
      label: 'メイン',
      keys: '鍵',
      access: 'アクセス',
      inventory: 'キーペア一覧',
      newKey: '新しい鍵',
      converter: '形式の変換',
      recover: 'アクセス復旧',
      settings: '設定',
      about: 'このアプリと FAQ',
    },
    account: {
      sandbox: '練習用アカウント',
      sandboxHint:
        'このコンピューター上の模擬 AWS アカウントです。ここでの操作は実際の AWS には影響しません。',
      aws: 'AWS アカウント',
      awsHint: '実際の AWS アカウントに接続しています。変更は実際のリソースに反映されます。',
    },
    version: 'バージョン {{version}}',
    boot: {
      failedTitle: 'KeyRescue を起動できませんでした',
      failedBody:
        'ウィンドウがアプリ本体と通信できませんでした。KeyRescue を再起動してください。繰り返し起きる場合は再インストールしてください。',
      retry: '再試行',
    },
    pageError: {
      title: 'このページでエラーが発生しました',
      body: 'ページの表示中に予期しないエラーが起きました。鍵やインスタンスは変更されていません。',
      retry: 'ページを再読み込み',
      details: '技術的な詳細',
    },
    errors: {
      unexpected: '予期しないエラーが発生しました：{{message}}',
    },
  },
  errors: {
    en: {
      'ipc.unknownChannel':
        'The app asked for something it does not know ({{channel}}). Please update KeyRescue.',
      'ipc.invalidInput': 'The request was not valid. Check the values you entered and try again.',
      'ipc.invalidOutput': 'The app received an answer it did not expect. Please report this problem.',
      'ipc.internal':
        'Something went wrong inside KeyRescue. Please try again; if it keeps happening, report it.',
      'ipc.forbiddenSender': 'This request was refused because it did not come from the KeyRescue window.',
      'operations.notFound':
        'KeyRescue no longer knows this task: it ended a while ago or the app was restarted. Start it again.',
      'operations.tooMany': 'Too many tasks are running at once. Wait for one to finish, then try again.',
      'operations.cancelled': 'The task was cancelled.',
      'file.exists': '{{path}} already exists. Choose another name.',
      'file.folderMissing': 'The folder for {{path}} does not exist.',
      'file.permissionDenied': 'No permission to write {{path}}.',
      'file.diskFull': 'The disk is full; {{path}} was not written.',
      'file.isFolder': '{{path}} is a folder, not a file.',
      'file.writeFailed': 'Could not write {{path}}.',
      'file.notChosen':
        'KeyRescue saves keys only in your key folder or a folder you chose. Use "Choose folder…" to pick the folder for {{path}}.',
      'file.replaceNotChosen':
        '{{path}} already exists. KeyRescue replaces a file only in a folder you chose: choose its folder with "Choose folder…" to replace it, or use another name.',
      'file.reservedName':
        'KeyRescue does not save a key as {{path}}: SSH or the shell reads files named {{name}}. Choose another file name.',
      'file.notFound': '{{path}} does not exist.',
      'file.unreadable': 'No permission to read {{path}}.',
      'file.readFailed': 'Could not read {{path}}.',
      'file.symlinkLoop':
        '{{path}} leads into a loop of symbolic links. Fix or remove the link, or choose the file it should point to.',
      'file.nameTooLong':
        'The path {{path}} is too long for this file system. Choose a shorter name or folder.',
      'file.invalidPath':
        'The path {{path}} contains a NUL character, which no file name may hold. Choose the file again.',
      'file.notAFolder': 'Part of the path {{path}} is a file, not a folder.',
      'file.readOnly': '{{path}} is on a read-only disk or share; nothing was written.',
      'file.tooManyOpen': 'Too many files are open to use {{path}}. Close other programs and try again.',
      'file.symlinkRefused':
        '{{path}} is a symbolic link. KeyRescue never writes its records through a link; remove the link and try again.',
      'file.notRegularFile':
        '{{path}} is not a regular file (a FIFO, device or socket); nothing was written.',
      'file.lineInvalid': 'A record for {{path}} was too long or held a line break; nothing was written.',
      'file.unterminatedLine':
        '{{path}} ends in an unfinished line (a write cut short); nothing was appended.',
    },
    ja: {
      'ipc.unknownChannel': 'アプリが不明な処理を要求しました（{{channel}}）。KeyRescue を更新してください。',
      'ipc.invalidInput':
        'リクエストの内容が正しくありません。入力した値を確認して、もう一度お試しください。',
      'ipc.invalidOutput': 'アプリが予期しない応答を受け取りました。この問題を報告してください。',
      'ipc.internal':
        'KeyRescue の内部でエラーが発生しました。もう一度お試しください。繰り返す場合は報告してください。',
      'ipc.forbiddenSender': 'KeyRescue のウィンドウ以外から送られたため、このリクエストは拒否されました。',
      'operations.notFound':
        'この処理の情報はもうありません（終了してから時間がたったか、アプリが再起動されました）。もう一度始めてください。',
      'operations.tooMany':
        '実行中の処理が多すぎます。どれかが終わるのを待ってから、もう一度お試しください。',
      'operations.cancelled': '処理をキャンセルしました。',
      'file.exists': '{{path}} はすでに存在します。別の名前を選んでください。',
      'file.folderMissing': '{{path}} の保存先フォルダーが存在しません。',
      'file.permissionDenied': '{{path}} に書き込む権限がありません。',
      'file.diskFull': 'ディスクがいっぱいのため、{{path}} は書き込まれませんでした。',
      'file.isFolder': '{{path}} はフォルダーで、ファイルではありません。',
      'file.writeFailed': '{{path}} に書き込めませんでした。',
      'file.notChosen':
        'KeyRescue が鍵を保存するのは、鍵フォルダーか自分で選んだフォルダーだけです。「フォルダーを選択…」で {{path}} の保存先フォルダーを選んでください。',
      'file.replaceNotChosen':
        '{{path}} はすでに存在します。KeyRescue がファイルを置き換えるのは、自分で選んだフォルダーの中だけです。置き換えるには「フォルダーを選択…」でそのフォルダーを選ぶか、別の名前にしてください。',
      'file.reservedName':
        '{{path}} には鍵を保存できません。{{name}} という名前のファイルは SSH やシェルが読み込みます。別のファイル名を選んでください。',
      'file.notFound': '{{path}} は存在しません。',
      'file.unreadable': '{{path}} を読み取る権限がありません。',
      'file.readFailed': '{{path}} を読み取れませんでした。',
      'file.symlinkLoop':
        '{{path}} はシンボリックリンクがループしています。リンクを直すか削除するか、リンク先のファイルを選んでください。',
      'file.nameTooLong':
        'パス {{path}} はこのファイルシステムには長すぎます。短い名前かフォルダーを選んでください。',
      'file.invalidPath':
        'パス {{path}} にはファイル名に使えない NUL 文字が含まれています。ファイルを選び直してください。',
      'file.notAFolder': 'パス {{path}} の途中にフォルダーではなくファイルがあります。',
      'file.readOnly': '{{path}} は読み取り専用のディスクまたは共有にあるため、何も書き込まれませんでした。',
      'file.tooManyOpen':
        '開いているファイルが多すぎて {{path}} を使えません。ほかのプログラムを閉じてから、もう一度お試しください。',
      'file.symlinkRefused':
        '{{path}} はシンボリックリンクです。KeyRescue はリンクを通して記録を書き込みません。リンクを削除してから、もう一度お試しください。',
      'file.notRegularFile':
        '{{path}} は通常のファイルではありません（FIFO、デバイス、ソケットのいずれか）。何も書き込まれていません。',
      'file.lineInvalid': '{{path}} への記録が長すぎるか、改行を含んでいたため、何も書き込まれていません。',
      'file.unterminatedLine':
        '{{path}} の最後の行が途中で切れています（書き込みが中断されました）。何も追記されていません。',
    },
  },
} satisfies FeatureLocales;
