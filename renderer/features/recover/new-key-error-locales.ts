/**
 * Japanese texts of the recovery's new-key and cleanup error codes
 * (src/recovery/new-key/new-key-errors.ts, src/recovery/cleanup/cleanup-errors.ts); the English
 * text is each error's own message. Placeholders are the errors' `details`.
 */
export const newKeyErrorLocales = {
  en: {},
  ja: {
    'newKey.publicOnly':
      '{{path}} は公開鍵です。秘密鍵ファイルを選んでください。新しい鍵で実際にログインできることを確かめるには秘密鍵が必要です（秘密鍵がこのコンピューターの外に出ることはありません）。',
    'newKey.passphraseNeeded':
      '{{path}} は暗号化された秘密鍵です。公開鍵を読み取り、その鍵でログインするためにパスフレーズを入力してください。',
    'newKey.keyPairNameHoldsOtherKey':
      '{{region}} にはキーペア {{name}} がすでにあり、別の公開鍵が登録されています。別の名前を選ぶか、先にそのキーペアを削除してください。',
    'cleanup.instanceNotFound': '{{region}} にインスタンス {{instanceId}} が見つかりません。',
    'cleanup.oldKeyUnknown':
      'インスタンス {{instanceId}} の古い公開鍵がわかりません（キーペアが削除されたか、キーペアなしで起動されています）。authorized_keys から古い鍵の行を削除することはできません。',
    'cleanup.oldKeyIsNewKey':
      '古い鍵と新しい鍵が同じです（{{fingerprint}}）。削除すると再びログインできなくなるため、削除しません。',
    'cleanup.keyPairInLaunchTemplates':
      '起動テンプレート（{{templates}}）がキーペア {{name}} を指定しているため、削除しません。削除するとそのテンプレートからの起動が失敗します。先にテンプレートを新しいキーペアに変更してください。',
    'cleanup.keyPairReplaced':
      '{{region}} のキーペア {{name}} は、削除の確認で表示したもの（{{keyPairId}}）ではありません。その後同じ名前で作り直され、今は {{currentId}} です。何も削除していません。削除する前に、キーペアの使用状況をもう一度確認してください。',
    'cleanup.keyPairGone':
      'キーペア {{name}}（{{keyPairId}}）は {{region}} にもうありません。削除の確認を表示した後に削除されました（別の場所で、またはこの後片付けの前回の実行で）。何も削除していません。',
    'cleanup.sshConfigSymlink':
      '{{path}} はシンボリックリンクです。リンク先のファイルを書き換えたり、リンクを通常のファイルで置き換えたりしないよう、KeyRescue は書き込みません。リンク先のファイルに自分でエントリーを追加してください。',
    'cleanup.sshConfigHostExists':
      '{{path}} の {{line}} 行目にすでに Host {{alias}} があります。既存のエントリーは置き換えません。別の名前を選んでください。',
    'cleanup.sshConfigValueInvalid':
      '{{field}} の値を ssh_config に正しく書けません（引用符、改行、制御文字は使えません）。',
    'cleanup.sshConfigChanged':
      'エントリーの追加中に {{path}} が別のプログラムによって変更されました。何も書き込んでいません。もう一度試してください。',
    'cleanup.sshConfigKeyIsPpk':
      '{{path}} は PuTTY（PPK）形式の鍵で、OpenSSH は読み込めません。~/.ssh/config のエントリーには OpenSSH または PEM 形式で保存した新しい鍵を使ってください。',
    'cleanup.sshConfigNotAFile':
      '{{path}} は通常のファイル（またはフォルダー）ではないため、書き込みません。',
    'cleanup.snapshotNotThisRecovery':
      'スナップショット {{snapshotId}} は復旧 {{recoveryId}} の安全用スナップショットではありません（この復旧のジャーナルには {{journaled}} とあります）。何も削除していません。',
    'cleanup.snapshotNotTagged':
      'スナップショット {{snapshotId}} には復旧 {{recoveryId}} の KeyRescue のタグ（{{tagKey}}）が付いていないため、削除しません。何も削除していません。不要なら EC2 コンソールで確認してから自分で削除してください。',
  },
};
