/**
 * Japanese texts of the user-data path's error codes (src/recovery/stop-paths/user-data-errors.ts);
 * the English text is each error's own message. Placeholders are the errors' `details`.
 */
export const userDataErrorLocales = {
  en: {},
  ja: {
    'userDataPath.tooLarge':
      '{{instanceId}} に設定する復旧用のユーザーデータは {{bytes}} バイトになり、EC2 の上限 {{limit}} バイトを超えます。何も変更しておらず、インスタンスも停止していません。短い公開鍵（Ed25519 の鍵や、長いコメントのない鍵）を使うか、レスキューボリュームの方法を使ってください。',
    'userDataPath.alreadyRecoveryData':
      '{{instanceId}} のユーザーデータは、すでに KeyRescue の復旧用ドキュメント（復旧 {{recoveryId}} のもの）です。元のユーザーデータではないため、保存しません。先に復旧 {{recoveryId}} を再開するかロールバックしてください。元のユーザーデータに戻ります。何も変更していません。',
    'userDataPath.backupUnusable':
      '保存した元のユーザーデータ {{path}} を使えません（{{why}}）。KeyRescue は代わりのものを設定しません。ファイルを元どおりに戻すか、インスタンスのユーザーデータを手作業で設定してください。',
    'userDataPath.restoreMismatch':
      '元に戻した後の {{instanceId}} のユーザーデータが、保存した元のものと一致しません（期待値 {{expected}}、実際 {{found}}）。インスタンスを起動する前に EC2 コンソールで確認してください。再開すると、もう一度元に戻します。',
    'userDataPath.setMismatch':
      '復旧用のユーザーデータを設定した後、{{instanceId}} のユーザーデータが送ったものと違います（期待値 {{expected}}、実際 {{found}}）。インスタンスは起動していません。ロールバックすると元のユーザーデータに戻ります。',
    'userDataPath.notStopped':
      '{{instanceId}} は {{state}} の状態です。EC2 は停止中のインスタンスのユーザーデータしか変更できません。ほかの誰かが起動しませんでしたか。復旧を再開してもう一度停止するか、ロールバックしてください。',
    'userDataPath.instanceGone':
      '{{region}} の {{instanceId}} は {{state}} の状態のため、復旧を続けられません。保存した元のユーザーデータは復旧のフォルダーに残っています。',
    'userDataPath.stateTimedOut':
      '{{instanceId}} は {{seconds}} 秒たっても {{wanted}} になりませんでした（最後の状態：{{last}}）。強制はしていません。EC2 コンソールでインスタンスを確認してから、復旧を再開する（最初に状態を確認します）かロールバックしてください。',
    'userDataPath.waitCancelled':
      '復旧が取り消されたため、{{instanceId}} を待つのをやめました（待っていたもの：{{waitingFor}}）。EC2 がすでに始めた処理は続きます。復旧を再開する（最初にインスタンスの状態を確認します）かロールバックしてください。',
    'userDataPath.partNotRun':
      '{{instanceId}} は起動しましたが、{{seconds}} 秒たってもコンソール出力に復旧スクリプトの形跡がありません。このイメージに cloud-init がないか、無効になっているか、ユーザーデータのスクリプト部分を実行しませんでした。新しい鍵は追加されていません。KeyRescue は元のユーザーデータに戻します。cloud-init がなくても使えるレスキューボリュームの方法を使ってください。',
    'userDataPath.partNoResult':
      '{{instanceId}} で復旧スクリプトは始まりました（コンソール出力に目印があります）が、{{seconds}} 秒たっても KEYRESCUE-RESULT の行を出力しませんでした。途中で止まったか、出力がコンソールに出ていません。KeyRescue は元のユーザーデータに戻します。インスタンスの /var/log/cloud-init-output.log を確認するか、レスキューボリュームの方法を使ってください。',
    'userDataPath.consoleDenied':
      '{{who}} には {{instanceId}} に対する ec2:GetConsoleOutput の権限がないため、復旧スクリプトの結果を読めません。ec2:GetConsoleOutput を許可してから再開してください。それまでの間、元のユーザーデータに戻します。',
    'userDataPath.endpointUnknown':
      '起動後の {{instanceId}} の SSH アドレスがジャーナルにないため、新しい鍵でのログインを試せません。復旧を再開してください。起動の手順でアドレスを読み直します。',
    'userDataPath.newKeyNeeded':
      'ユーザーデータで復旧した後は、{{instanceId}} でのスクリプトは新しい鍵を使った SSH で実行しますが、その鍵が指定されていません。新しい鍵を指定するか、スクリプトを自分で実行してください（keyrescue authorize --print-script）。',
  },
} as const;
