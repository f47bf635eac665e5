/**
 * Japanese texts of the recovery engine's error codes (src/recovery/recovery-errors.ts); the
 * English text is each error's own message. Placeholders are the errors' `details`.
 */
export const recoveryErrorLocales = {
  en: {},
  ja: {
    'recovery.sshAuthFailed':
      '{{host}} に {{user}} としてログインできませんでした（鍵またはパスワードが受け付けられません）。ユーザー名と鍵を確認してください。',
    'recovery.sshCancelled': 'SSH 接続を中止しました。',
    'recovery.sshCommandTimedOut': '{{host}} でのコマンドが {{seconds}} 秒以内に終わりませんでした。',
    'recovery.sshConnectionFailed': '{{host}}:{{port}} との SSH 接続に失敗しました（{{reason}}）。',
    'recovery.sshHostKeyMismatch':
      '警告：{{host}} のホスト鍵が固定した指紋と違います（固定：{{expected}}、今回：{{actual}}）。別のサーバーに接続している可能性があります。インスタンスのコンソール出力で指紋を確かめるまで接続しないでください。',
    'recovery.sshHostKeyUnknown':
      '{{host}} のホスト鍵はまだ確認されていません（{{fingerprint}}）。インスタンスのコンソール出力にある指紋と比べ、一致する場合だけ受け入れてください。',
    'recovery.sshHostUnreachable':
      '{{host}} に到達できません（{{reason}}）。アドレスとネットワーク（VPN、ルート）を確認してください。',
    'recovery.sshKeyUnusable': 'ログインに使う鍵を読み込めません（{{reason}}）。',
    'recovery.sshPortClosed':
      '{{host}} のポート {{port}} に接続できません（拒否されたか、SSH の前に切断されました）。セキュリティグループがこのコンピューターからの tcp/22 を許可しているか確認してください。',
    'recovery.sshTimedOut':
      '{{host}} のポート {{port}} への接続が {{seconds}} 秒でタイムアウトしました。セキュリティグループ、ネットワーク ACL、ファイアウォールのどれかが tcp/22 を遮断している可能性があります。',
    'recovery.sudoUnavailable':
      '{{host}} の {{user}} はパスワードなしで root としてコマンドを実行できません（{{reason}}）。root か、パスワードなしの sudo が使えるユーザーでログインするか、スクリプトを自分で実行してください（keyrescue authorize --print-script）。何も変更していません。',
    'recovery.sshNoAddress':
      'インスタンス {{instanceId}} には SSH で接続できるパブリックまたはプライベートの IPv4 アドレスがありません。ポート 22 に届くアドレス（VPN や踏み台のポートフォワードなど）を指定してください。',
    'recovery.eicPermissionDenied':
      'この AWS の ID には、EC2 Instance Connect で {{instanceId}} に {{user}} として鍵を送る権限がありません（インスタンスに対する ec2-instance-connect:SendSSHPublicKey。ec2:osuser 条件で制限されている場合もあります）。管理者に権限を依頼するか、Systems Manager など別の方法を使ってください。インスタンスは何も変更していません。',
    'recovery.eicInstanceNotRunning':
      '{{instanceId}} は実行中ではないため、EC2 Instance Connect で接続できません（{{awsCode}}）。インスタンスを起動し、実行中になってからもう一度試してください。インスタンスは何も変更していません。',
    'recovery.eicNotInstalled':
      'EC2 Instance Connect は 1 分間有効の鍵を受け付けましたが、{{host}}:{{port}} は {{user}} としてのログインを拒否しました。このイメージには ec2-instance-connect パッケージが入っていない可能性が高いです（または {{user}} というユーザーがいません。AWS はユーザーの有無を確かめません）。インスタンスは何も変更していません。Systems Manager か、別の使えるログインを使ってください。',
    // SSM Run Command.
    'recovery.ssmNotManaged':
      'Systems Manager は {{region}} の {{instanceId}} を管理していません。SSM エージェントがない、Systems Manager を許可するインスタンスプロファイル（AmazonSSMManagedInstanceCore）がない、または SSM への経路がありません。コマンドは送信しておらず、何も変更していません。別の方法を使うか、プロファイルを付けてエージェントの登録を待ってください。',
    'recovery.ssmAgentOffline':
      '{{instanceId}} の SSM エージェントがオンラインではありません（{{pingStatus}}）。インスタンスが停止しているか、エージェントが動いていないか Systems Manager に届きません。コマンドは送信しておらず、何も変更していません。インスタンス（またはエージェント）を起動して再試行するか、別の方法を使ってください。',
    'recovery.ssmSendDenied':
      '{{who}} には {{region}} の {{instanceId}} でコマンドを実行する権限がありません（ssm:SendCommand：{{awsCode}}）。コマンドは送信しておらず、何も変更していません。インスタンスと AWS-RunShellScript ドキュメントに対する ssm:SendCommand を管理者に依頼するか、別の方法を使ってください。',
    'recovery.ssmResultDenied':
      '{{who}} はコマンドを送信できますが ssm:{{operation}} を呼び出せないため、コマンド {{commandId}} が {{instanceId}} で何をしたか分かりません。実行が始まっていれば完了している可能性があります。再開時に鍵があるかを確認するので、鍵が二重に追加されることはありません。Systems Manager コンソールのコマンド履歴で結果を確認するか、ssm:{{operation}} を依頼してから再開してください。',
    'recovery.ssmDeliveryTimedOut':
      '{{instanceId}} の SSM エージェントが {{seconds}} 秒以内にコマンド {{commandId}} を受け取りませんでした（DeliveryTimedOut）。エージェントがオフラインになったか、インスタンスが停止しました。スクリプトは実行されておらず、何も変更していません。エージェントがオンラインか確認してから再試行してください。',
    'recovery.ssmCommandFailed':
      '{{instanceId}} のスクリプト（コマンド {{commandId}}）は結果の行を出力する前に終了しました（終了コード {{exitCode}}、{{statusDetails}}）：{{stderr}}。インスタンスの /bin/sh が POSIX シェルか確認するか、スクリプトを自分で実行してください（keyrescue authorize --print-script）。',
    'recovery.ssmCommandTimedOut':
      '{{instanceId}} のスクリプト（コマンド {{commandId}}）が {{seconds}} 秒以内に終わらず、Systems Manager が停止しました（ExecutionTimedOut）。途中まで実行された可能性があります。再開時に鍵があるかを確認するので、鍵が二重に追加されることはありません。',
    'recovery.ssmCommandCancelled':
      '{{instanceId}} のコマンド {{commandId}} が KeyRescue の外（Systems Manager コンソールや CLI）で取り消されました。実行が始まっていれば完了している可能性があります。再開時に鍵があるかを確認します。',
    'recovery.ssmCancelled': '{{instanceId}} にコマンドを送信する前に中止しました。何も変更していません。',
    'recovery.ssmCancelRequested':
      '中止しました。{{instanceId}} のコマンド {{commandId}} の取り消しを Systems Manager に依頼しました。実行が始まっていた場合は完了している可能性があります。再開時に鍵があるかを確認するので、鍵が二重に追加されることはありません。',
    'recovery.ssmWaitTimedOut':
      '{{instanceId}} のコマンド {{commandId}} が {{minutes}} 分たっても {{status}} のままだったため、待つのをやめて Systems Manager に取り消しを依頼しました。実行が始まっていれば完了している可能性があります。再開時に鍵があるかを確認します。',
    'recovery.ssmScriptUnsupported':
      'スクリプトに二重の波かっこが含まれています。Systems Manager はこれをパラメーター参照の始まりとして読み、スクリプトの実行前に置き換えてしまいます。公開鍵のコメントから取り除いて再試行してください。コマンドは送信していません。',
    'recovery.ingressAddressInvalid':
      '{{address}} は IPv4 アドレスではありません。一時的なルールは 1 つのアドレス（/32）にだけ追加します。',
    'recovery.ingressInstanceNotFound': '{{region}} にインスタンス {{instanceId}} が見つかりません。',
    'recovery.ingressNoSecurityGroup': 'インスタンス {{instanceId}} にはセキュリティグループがありません。',
    'recovery.ingressRuleNotOurs':
      'ルール {{ruleId}} は KeyRescue が追加したものではないため、取り消しません。',
    'recovery.egressLookupFailed':
      'このコンピューターのパブリック IPv4 アドレスを {{url}} から調べられませんでした（{{reason}}）。ネットワーク接続を確認するか、アドレスを自分で指定してください。',
    // The executor, the authorized-keys script's result, and the verification login.
    'recovery.stepUncertain':
      '復旧 {{id}} は手順 {{step}} の実行中に止まったため、その手順が行われたかどうかを KeyRescue では判断できません。手動で確認してください（手順：{{does}}、元に戻す方法：{{undo}}）。そのうえで再開するか、元に戻してください。',
    'recovery.recoveryClosed':
      '復旧 {{id}} は終了しているため（{{state}}）、これ以上何も実行しません。再びアクセスできなくなった場合は、新しく復旧を始めてください。',
    'recovery.notVerified':
      '復旧 {{id}} は、新しい鍵でのログインをまだ確認していないため完了にできません。再開して確認するか、元に戻してください。',
    'recovery.scriptRefused':
      'authorized_keys を変更するスクリプト（{{via}} で実行）は何も変更せずに中止しました（理由：{{reason}}、{{detail}}）。インスタンス側で原因を直すか、スクリプトを自分で実行してから（keyrescue authorize --print-script）再開してください。',
    'recovery.scriptFailed':
      'authorized_keys を変更するスクリプト（{{via}} で実行）が途中で失敗しました（理由：{{reason}}、{{detail}}）。続ける前に {{file}} をバックアップ {{backup}} と比べて確認してください。',
    'recovery.scriptUnexpected':
      'authorized_keys を変更するスクリプト（{{via}} で実行）の結果が「{{status}}」でした（期待した結果：{{expected}}）。これ以上は何もしていません。',
    'recovery.verifyAuthFailed':
      '{{host}}:{{port}} に {{user}} として新しい鍵でログインできませんでした。鍵が sshd の読むファイル（AuthorizedKeysFile）に入っていないか、ファイルやフォルダーの所有者・権限のために sshd（StrictModes）が無視しているか、ユーザー名が違う可能性があります。',
    'recovery.verifyCommandFailed':
      '{{host}} に {{user}} として新しい鍵でログインできましたが、確認用のコマンド true が終了コード {{exitCode}} で終わりました。アカウントのシェル、または強制コマンド（ForceCommand、command= オプション）を確認してください。',
    // Preflight inputs.
    'recovery.egressAddressInvalid':
      '{{address}} は IPv4 または IPv6 アドレスではありません。203.0.113.7 のような、このコンピューターのパブリックアドレスを指定してください。',
    'recovery.instanceIdInvalid':
      '{{instanceId}} は EC2 インスタンス ID ではありません。i-0123456789abcdef0 の形で指定してください。',
    'recovery.userInvalid':
      '{{user}} は Linux のユーザー名ではありません（英数字と _ . - で 32 文字まで、数字で始めない）。',
  },
};
