import type { FeatureLocales } from '../../lib/locale-types';

/** Strings of the account bar, endpoint dialog and MFA prompt (namespace `accounts`), and AWS error codes. */
export const locales = {
  en: {
    label: 'Account',
    practice: 'Practice account',
    environment: 'Environment variables',
    kinds: {
      static: 'access key',
      assumeRole: 'role',
      sso: 'SSO',
      process: 'credential process',
      webIdentity: 'web identity',
      unknown: 'profile',
    },
    practiceBadge: 'Practice account — nothing here touches AWS',
    awsBadge: 'AWS',
    identity: 'Account {{accountId}}',
    loadFailed: 'The accounts could not be read',
    switchFailed: 'The account could not be switched',
    endpoint: {
      current: 'Endpoint:',
      button: 'Endpoint…',
      title: 'Endpoint for {{account}}',
      explain:
        'Send this account’s requests to another EC2-compatible endpoint, such as LocalStack or a VPC endpoint. Leave it cleared to use AWS.',
      label: 'Endpoint URL',
      hint: 'http:// or https://, without a user name or password.',
      save: 'Save',
      clear: 'Use AWS',
    },
    mfa: {
      title: 'MFA code needed',
      description:
        'This profile assumes a role that requires multi-factor authentication. Enter the current code from {{device}}.',
      code: 'MFA code',
      hint: 'Six digits from your authenticator app or device.',
      cancel: 'Cancel',
      submit: 'Continue',
    },
  },
  ja: {
    label: 'アカウント',
    practice: '練習用アカウント',
    environment: '環境変数',
    kinds: {
      static: 'アクセスキー',
      assumeRole: 'ロール',
      sso: 'SSO',
      process: '認証情報プロセス',
      webIdentity: 'Web ID',
      unknown: 'プロファイル',
    },
    practiceBadge: '練習用アカウント — AWS には一切触れません',
    awsBadge: 'AWS',
    identity: 'アカウント {{accountId}}',
    loadFailed: 'アカウントを読み込めませんでした',
    switchFailed: 'アカウントを切り替えられませんでした',
    endpoint: {
      current: 'エンドポイント：',
      button: 'エンドポイント…',
      title: '{{account}} のエンドポイント',
      explain:
        'このアカウントのリクエストを LocalStack や VPC エンドポイントなど、EC2 互換の別のエンドポイントに送ります。AWS を使う場合は解除してください。',
      label: 'エンドポイント URL',
      hint: 'http:// または https:// で始め、ユーザー名やパスワードを含めないでください。',
      save: '保存',
      clear: 'AWS を使う',
    },
    mfa: {
      title: 'MFA コードが必要です',
      description:
        'このプロファイルは多要素認証が必要なロールを引き受けます。{{device}} の現在のコードを入力してください。',
      code: 'MFA コード',
      hint: '認証アプリまたはデバイスに表示される 6 桁の数字です。',
      cancel: 'キャンセル',
      submit: '続行',
    },
  },
  errors: {
    // English messages come from the services themselves (they name the profile, region and command).
    en: {},
    ja: {
      'aws.ssoLoginRequired':
        'AWS SSO セッションの期限が切れているか、開始されていません。`{{command}}` を実行してから再読み込みしてください。',
      'aws.credentialsMissing':
        'AWS の認証情報を読み込めませんでした。AWS の設定ファイルのプロファイルを確認するか、`aws configure` を実行してください。',
      'aws.credentialsExpired':
        'AWS の認証情報の期限が切れています。もう一度サインインしてから再試行してください。',
      'aws.credentialsInvalid':
        'AWS が認証情報を拒否しました。リージョンが有効になっていない可能性もあります。アクセスキーとリージョンの設定を確認してください。',
      'aws.accessDenied': 'この操作を行う権限がありません。管理者に権限を依頼してください。',
      'aws.regionNotEnabled': 'リージョン {{region}} はこのアカウントで有効になっていません。',
      'aws.throttled': 'AWS のリクエスト制限にかかりました。1 分ほど待ってから再読み込みしてください。',
      'aws.endpointUnreachable':
        'AWS のエンドポイントに接続できません。ネットワーク、プロキシ、エンドポイント設定を確認してください。',
      'aws.profileMissing': 'プロファイル {{profile}} が見つかりません。',
      'aws.mfaCancelled': 'MFA コードが入力されなかったため、ロールを引き受けませんでした。',
      'aws.mfaRequestUnknown':
        'この ID で待っている MFA の確認はありません（回答済み、取り消し済み、期限切れ、または別の画面の確認です）。操作をやり直してください。',
      'aws.endpointInvalid': 'エンドポイントの URL が正しくありません。',
      'aws.requestFailed':
        'AWS へのリクエストが失敗しました（{{awsCode}}）。しばらく待ってから再読み込みしてください。',
      'aws.serviceUnavailable':
        'AWS が一時的に応答できませんでした（{{awsCode}}）。AWS 側の問題です。数分待ってから再試行してください。',
      'aws.mfaUnavailable': 'このプロファイルには MFA コードが必要ですが、ここではコードを入力できません。',
      'aws.accountUnknown': '{{account}} という名前のアカウントまたはプロファイルはありません。',
      'aws.instanceNotFound':
        'そのインスタンスは AWS にありません（{{awsCode}}）。終了したか、別のリージョンまたはアカウントにあります。インベントリを再読み込みして選び直してください。',
      'aws.instanceStateInvalid':
        'インスタンスがこの操作を受け付ける状態ではありません（{{awsCode}}）。停止中、起動中、または到達できない可能性があります。実行中になってから再試行してください。',
      'aws.invalidRequest':
        'AWS がリクエストの値を不正として拒否しました（{{awsCode}}）。入力した値を確認してください。',
      'aws.ssmInstanceNotReady':
        'Systems Manager がこのインスタンスに届きません。インスタンスが実行中でないか、SSM エージェントがオフラインまたは未登録です。別の方法を使うか、エージェントを直してから再試行してください。',
      'aws.ssmInvocationMissing':
        'Systems Manager にこのコマンドの記録がありません（期限切れか、届いていません）。もう一度実行してください。',
      'aws.unsupportedPlatform':
        'このインスタンスのプラットフォームではこの操作を実行できません（Windows ではシェルスクリプトを実行できません）。別の方法を使ってください。',
    },
  },
} satisfies FeatureLocales;
