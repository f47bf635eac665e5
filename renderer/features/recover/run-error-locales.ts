/**
 * Japanese texts of the recovery service's error codes (src/recovery/service/service-errors.ts);
 * the English text is each error's own message. Placeholders are the errors' `details`.
 */
export const runErrorLocales = {
  en: {},
  ja: {
    'recoveryRun.pathNotPossible':
      '事前チェックの結果、この方法では {{instanceId}} を復旧できません（{{reasons}}）。計画で「可能」とされた方法を選んでください。何も変更していません。',
    'recoveryRun.port22Closed':
      '{{instanceId}} のセキュリティグループは、このコンピューター（{{address}}）からの tcp/22 を許可していません。確認のログインに必要です。このアドレスだけに一時的なルールを許可する（後片付けで取り消します）か、インスタンスに届く SSH ホストを指定してください。何も変更していません。',
    'recoveryRun.loginMissing':
      '「別の使えるログイン」で復旧するには、そのログインのユーザー名と、鍵ファイルまたはパスワードが必要です。',
    'recoveryRun.resumeNeedsKey':
      '復旧 {{id}} は新しい秘密鍵を保存していないため、確認のログインをやり直せません。この復旧を中止して、新しく復旧を始めてください。',
    'recoveryRun.resumeKeyChanged':
      '{{path}} は、復旧 {{id}} がインスタンスに登録した鍵ではなくなっています。元のファイルを戻すか、この復旧を中止してください。',
    'recoveryRun.resumePassphraseNeeded':
      '{{path}}（復旧 {{id}} の鍵）は暗号化されています。再開するにはパスフレーズを入力してください。パスフレーズはこの再開にだけ使い、保存しません。',
    'recoveryRun.resumeWrongPassphrase':
      'パスフレーズで {{path}}（復旧 {{id}} の鍵）を開けません。確認して、もう一度入力してください。何も変更していません。',
    'recoveryRun.resumePasswordNeeded':
      '復旧 {{id}} は {{user}} としてパスワードでログインします。続けるにはそのパスワードを入力してください。パスワードはこの操作にだけ使い、保存しません。',
    'recoveryRun.resumeWrongPassword':
      '{{host}} は {{user}} のパスワード（復旧 {{id}} のログイン）を受け付けませんでした。確認して、もう一度入力してください。何も変更していません。',
    'recoveryRun.pathNotRunnable':
      '復旧 {{id}} は {{path}} の方法を使っていますが、このバージョンではまだ実行できません。',
    'recoveryRun.downtimeNotConfirmed':
      'この方法では {{instanceId}} を停止しますが、このインスタンスの停止が確認されていません（確認済み：{{given}}）。インスタンスの名前または ID を入力して停止を確認してください（CLI では --yes）。何も変更していません。',
    'recoveryRun.notVerified':
      '復旧 {{id}} では、新しい鍵でのログインがまだ確認されていません。後片付けは確認が済んでから行います。',
  },
} as const;
