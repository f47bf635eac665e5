/**
 * Japanese texts of the remote authorized-keys script's error codes
 * (src/recovery/scripts/script-errors.ts); the English text is each error's own message.
 */
export const remoteScriptErrorLocales = {
  en: {},
  ja: {
    'remoteScript.badValue': 'スクリプトに入れる値に NUL 文字または改行が含まれています。',
    'remoteScript.badUserName':
      'ユーザー名が Linux のユーザー名として正しくありません（英数字と「.」「_」「-」、32 文字以内、数字だけは不可）。',
    'remoteScript.badPublicKey':
      '公開鍵は 1 行（種類、鍵データ、コメント）で指定してください。2 行目、オプション、制御文字は使えません。',
    'remoteScript.badRootPrefix':
      'ルートプレフィックスは「/」以外の絶対パスで、英数字と「._@+=,:-」だけを使ってください（「.」「..」や空白は不可）。',
    'remoteScript.noResult':
      'スクリプトが KEYRESCUE-RESULT 行を出力しませんでした。最後まで実行されていません（root として sh で実行しましたか？）。',
    'remoteScript.badResult': 'スクリプトの KEYRESCUE-RESULT 行を読み取れませんでした（形式が違います）。',
  },
};
