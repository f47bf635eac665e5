// Texts of the preflight checklist and the plan (namespace `recover`, keys `findings.<code>`,
// `plan.<code>`, `paths.<id>`). The codes come from src/ipc/contracts/recovery.ts;
// preflight-locales.test.ts checks every code has both languages with the same placeholders.

export const findingsEn = {
  savedKeyPairParameter:
    'A private key for key pair {{keyName}} is saved in Parameter Store ({{parameter}}): you may not need a recovery — retrieve it first.',
  savedKeyPairParameterAbsent: 'No private key for key pair {{keyName}} is saved in Parameter Store.',
  savedKeyPairNoKeyName: 'The instance was launched without a key pair, so no saved key is looked for.',
  savedEc2rlParameter:
    'An earlier AWSSupport-ResetAccess run saved a private key in Parameter Store ({{parameter}}): you may not need a recovery — retrieve it first.',
  savedEc2rlParameterAbsent: 'No key from an earlier AWSSupport-ResetAccess run is saved for this instance.',
  checkDenied: 'KeyRescue is not allowed to call {{operation}}, so this could not be checked.',
  checkFailed: '{{operation}} failed ({{awsCode}}), so this could not be checked.',
  identityOk: 'Signed in to account {{accountId}} as {{arn}}.',
  instanceNotFound: 'Instance {{instanceId}} does not exist in {{region}}. Check the id and the region.',
  instanceRunning: 'The instance is running.',
  instanceStopped: 'The instance is stopped: only the paths that start it can be used.',
  instanceTransitional: 'The instance is {{state}}. Wait until it is running or stopped, then check again.',
  instanceGone: 'The instance is {{state}}: it cannot be recovered.',
  platformLinux: 'The instance runs Linux ({{platformDetails}}).',
  platformWindows:
    'The instance runs Windows. Windows uses a password, not authorized_keys; KeyRescue does not recover Windows instances yet.',
  managedByService: 'The instance is managed by {{principal}}. Change it through that service, not directly.',
  rootEbs: 'The root device ({{device}}) is an EBS volume.',
  rootInstanceStore:
    'The root device is instance store: the instance cannot be stopped without losing its disk, so only the no-downtime paths work.',
  lifecycleOnDemand: 'The instance is an on-demand instance.',
  lifecycleSpot:
    'The instance is a Spot instance: it can be stopped only if it came from a persistent request, and it may not come back.',
  lifecycleOther: 'The instance is a {{lifecycle}} instance: stopping it may lose its capacity.',
  instanceHibernated:
    'The instance is hibernated: start (resume) it first; its disk must not be edited while hibernated.',
  autoScalingNone: 'The instance is not in an Auto Scaling group.',
  autoScalingMember:
    'The instance belongs to Auto Scaling group {{group}}: a stopped member can be replaced unless it is put in Standby first.',
  stopProtectionOff: 'Stop protection is off.',
  stopProtectionOn: 'Stop protection is on: it must be turned off (with your consent) before a stop path.',
  terminationProtectionOn: 'Termination protection is on.',
  terminationProtectionOff: 'Termination protection is off.',
  shutdownBehaviorStop: 'Shutting down from inside the instance stops it.',
  shutdownBehaviorTerminate:
    'Shutting down from inside the instance TERMINATES it: nothing may run shutdown there.',
  addressesPublic: 'Public address {{publicIp}}, private address {{privateIp}}.',
  addressesPrivateOnly:
    'Private address {{privateIp}} only: SSH needs a VPN, a bastion or another host on the same network.',
  addressesNone: 'The instance has no IP address right now.',
  publicIpElastic: 'The public address {{publicIp}} is an Elastic IP: it stays when the instance stops.',
  publicIpChangesOnStop:
    'The public address {{publicIp}} is not an Elastic IP: it changes if the instance is stopped.',
  imdsEnabled: 'The instance metadata service is on (tokens {{tokens}}).',
  imdsDisabled: 'The instance metadata service is off: EC2 Instance Connect cannot work.',
  keyNameSet: 'The instance was launched with key pair {{keyName}}.',
  keyNameNone: 'The instance was launched without a key pair.',
  defaultUserFromImage: 'The login user for this image ({{image}}) is {{user}}.',
  defaultUserOverride: 'The login user is {{user}} (as you chose).',
  defaultUserGuess:
    'The login user for this image ({{image}}) is not known; {{user}} is tried. Change it if the image uses another.',
  sshOpenToAddress:
    'Security group {{groupId}} allows SSH (tcp/22) from {{cidr}}, which includes this computer ({{address}}).',
  sshOpenToAnywhere: 'Security group {{groupId}} allows SSH (tcp/22) from anywhere ({{cidr}}).',
  sshClosedToAddress:
    'No security group allows SSH (tcp/22) from this computer ({{address}}). KeyRescue can add a temporary rule for this address only.',
  sshUnknownNoAddress:
    'This computer’s public address is not known, so it cannot be told whether SSH (tcp/22) is allowed from here.',
  sshPrefixListUnchecked:
    'A rule allows SSH (tcp/22) from a managed prefix list; whether it includes this computer was not checked.',
  naclAllows: 'The subnet’s network ACL {{aclId}} lets SSH in and the replies out.',
  naclDeniesInbound:
    'The subnet’s network ACL {{aclId}} blocks SSH (tcp/22) from this computer (rule {{ruleNumber}}).',
  naclDeniesReturn:
    'The subnet’s network ACL {{aclId}} blocks the replies back to this computer (outbound rule {{ruleNumber}}).',
  naclUnknownNoAddress: 'Without this computer’s address the network ACL could not be checked.',
  ssmOnline: 'Systems Manager manages the instance and its agent is online (version {{agentVersion}}).',
  ssmNotOnline: 'Systems Manager knows the instance but its agent is not online ({{pingStatus}}).',
  ssmNotManagedNoProfile:
    'Systems Manager does not manage the instance: it has no instance profile (IAM role).',
  ssmNotManaged:
    'Systems Manager does not manage the instance (no agent, no permission for it, or no route to SSM).',
  eicImageShips: 'The image ({{image}}) comes with EC2 Instance Connect.',
  eicNotOnImage:
    'The image ({{image}}) does not come with EC2 Instance Connect; it works only if someone installed it.',
  eicImageUnknown:
    'Whether EC2 Instance Connect is installed cannot be told from the image ({{image}}); only trying shows it.',
  eicImdsDisabled: 'EC2 Instance Connect needs the instance metadata service, which is off.',
  permissionAllowed: 'You may call {{action}} (checked with a dry run).',
  permissionDenied: 'You may not call {{action}} (the dry run was refused).',
  permissionUnknown: 'Whether you may call {{action}} could not be checked ({{awsCode}}).',
  permissionUntestable: '{{action}} has no dry run: it is known only when tried.',
};

export const findingsJa: Record<keyof typeof findingsEn, string> = {
  savedKeyPairParameter:
    'キーペア {{keyName}} の秘密鍵が Parameter Store（{{parameter}}）に保存されています。復旧は不要かもしれません。まずそれを取り出してください。',
  savedKeyPairParameterAbsent: 'キーペア {{keyName}} の秘密鍵は Parameter Store に保存されていません。',
  savedKeyPairNoKeyName: 'このインスタンスはキーペアなしで起動されたため、保存された鍵は探しません。',
  savedEc2rlParameter:
    '以前の AWSSupport-ResetAccess の実行で秘密鍵が Parameter Store（{{parameter}}）に保存されています。復旧は不要かもしれません。まずそれを取り出してください。',
  savedEc2rlParameterAbsent: '以前の AWSSupport-ResetAccess の実行で保存された鍵はありません。',
  checkDenied: '{{operation}} を呼び出す権限がないため、確認できませんでした。',
  checkFailed: '{{operation}} が失敗したため（{{awsCode}}）、確認できませんでした。',
  identityOk: 'アカウント {{accountId}} に {{arn}} としてサインインしています。',
  instanceNotFound:
    'インスタンス {{instanceId}} は {{region}} に存在しません。ID とリージョンを確認してください。',
  instanceRunning: 'インスタンスは実行中です。',
  instanceStopped: 'インスタンスは停止しています。起動を伴う方法だけが使えます。',
  instanceTransitional:
    'インスタンスは {{state}} です。実行中か停止になるまで待ってから、もう一度確認してください。',
  instanceGone: 'インスタンスは {{state}} です。復旧できません。',
  platformLinux: 'インスタンスは Linux（{{platformDetails}}）です。',
  platformWindows:
    'インスタンスは Windows です。Windows は authorized_keys ではなくパスワードを使います。KeyRescue はまだ Windows インスタンスの復旧に対応していません。',
  managedByService:
    'インスタンスは {{principal}} が管理しています。直接ではなく、そのサービスを通して変更してください。',
  rootEbs: 'ルートデバイス（{{device}}）は EBS ボリュームです。',
  rootInstanceStore:
    'ルートデバイスはインスタンスストアです。停止するとディスクが失われるため、停止しない方法だけが使えます。',
  lifecycleOnDemand: 'インスタンスはオンデマンドインスタンスです。',
  lifecycleSpot:
    'インスタンスはスポットインスタンスです。永続リクエストから起動した場合だけ停止でき、再び起動できないことがあります。',
  lifecycleOther: 'インスタンスは {{lifecycle}} インスタンスです。停止すると容量を失うことがあります。',
  instanceHibernated:
    'インスタンスは休止状態です。先に起動（再開）してください。休止中はディスクを編集してはいけません。',
  autoScalingNone: 'インスタンスは Auto Scaling グループに属していません。',
  autoScalingMember:
    'インスタンスは Auto Scaling グループ {{group}} に属しています。先にスタンバイにしないと、停止したインスタンスが置き換えられることがあります。',
  stopProtectionOff: '停止保護はオフです。',
  stopProtectionOn: '停止保護がオンです。停止を伴う方法の前に、同意のうえでオフにする必要があります。',
  terminationProtectionOn: '終了保護はオンです。',
  terminationProtectionOff: '終了保護はオフです。',
  shutdownBehaviorStop: 'インスタンス内からシャットダウンすると停止します。',
  shutdownBehaviorTerminate:
    'インスタンス内からシャットダウンすると終了（削除）されます。そこで shutdown を実行してはいけません。',
  addressesPublic: 'パブリックアドレス {{publicIp}}、プライベートアドレス {{privateIp}} です。',
  addressesPrivateOnly:
    'プライベートアドレス {{privateIp}} だけです。SSH には VPN、踏み台、または同じネットワーク上の別のホストが必要です。',
  addressesNone: 'インスタンスには現在 IP アドレスがありません。',
  publicIpElastic: 'パブリックアドレス {{publicIp}} は Elastic IP です。停止しても変わりません。',
  publicIpChangesOnStop:
    'パブリックアドレス {{publicIp}} は Elastic IP ではありません。インスタンスを停止すると変わります。',
  imdsEnabled: 'インスタンスメタデータサービスはオンです（トークン：{{tokens}}）。',
  imdsDisabled: 'インスタンスメタデータサービスがオフのため、EC2 Instance Connect は使えません。',
  keyNameSet: 'インスタンスはキーペア {{keyName}} で起動されました。',
  keyNameNone: 'インスタンスはキーペアなしで起動されました。',
  defaultUserFromImage: 'このイメージ（{{image}}）のログインユーザーは {{user}} です。',
  defaultUserOverride: 'ログインユーザーは {{user}} です（指定のとおり）。',
  defaultUserGuess:
    'このイメージ（{{image}}）のログインユーザーは不明なため、{{user}} を試します。別のユーザーなら変更してください。',
  sshOpenToAddress:
    'セキュリティグループ {{groupId}} が {{cidr}} からの SSH（tcp/22）を許可しており、このコンピューター（{{address}}）も含まれます。',
  sshOpenToAnywhere:
    'セキュリティグループ {{groupId}} がどこからでも（{{cidr}}）SSH（tcp/22）を許可しています。',
  sshClosedToAddress:
    'このコンピューター（{{address}}）からの SSH（tcp/22）を許可するセキュリティグループはありません。KeyRescue はこのアドレスだけの一時的なルールを追加できます。',
  sshUnknownNoAddress:
    'このコンピューターのパブリックアドレスが不明なため、ここからの SSH（tcp/22）が許可されているか判断できません。',
  sshPrefixListUnchecked:
    'マネージドプレフィックスリストからの SSH（tcp/22）を許可するルールがあります。このコンピューターが含まれるかは確認していません。',
  naclAllows: 'サブネットのネットワーク ACL {{aclId}} は SSH の受信と応答の送信を許可しています。',
  naclDeniesInbound:
    'サブネットのネットワーク ACL {{aclId}} がこのコンピューターからの SSH（tcp/22）を拒否しています（ルール {{ruleNumber}}）。',
  naclDeniesReturn:
    'サブネットのネットワーク ACL {{aclId}} がこのコンピューターへの応答を拒否しています（送信ルール {{ruleNumber}}）。',
  naclUnknownNoAddress: 'このコンピューターのアドレスが不明なため、ネットワーク ACL を確認できませんでした。',
  ssmOnline:
    'Systems Manager がインスタンスを管理しており、エージェントはオンラインです（バージョン {{agentVersion}}）。',
  ssmNotOnline:
    'Systems Manager はインスタンスを認識していますが、エージェントがオンラインではありません（{{pingStatus}}）。',
  ssmNotManagedNoProfile:
    'Systems Manager はインスタンスを管理していません。インスタンスプロファイル（IAM ロール）がありません。',
  ssmNotManaged:
    'Systems Manager はインスタンスを管理していません（エージェントがない、権限がない、または SSM への経路がない）。',
  eicImageShips: 'このイメージ（{{image}}）には EC2 Instance Connect が入っています。',
  eicNotOnImage:
    'このイメージ（{{image}}）には EC2 Instance Connect が入っていません。誰かがインストールした場合だけ使えます。',
  eicImageUnknown:
    'EC2 Instance Connect が入っているかはイメージ（{{image}}）からは判断できません。試して初めて分かります。',
  eicImdsDisabled:
    'EC2 Instance Connect にはインスタンスメタデータサービスが必要ですが、オフになっています。',
  permissionAllowed: '{{action}} を呼び出せます（ドライランで確認）。',
  permissionDenied: '{{action}} を呼び出す権限がありません（ドライランが拒否されました）。',
  permissionUnknown: '{{action}} を呼び出せるか確認できませんでした（{{awsCode}}）。',
  permissionUntestable: '{{action}} にはドライランがないため、試すまで分かりません。',
};

export const planEn = {
  windowsUnsupported: 'Windows instances are not supported yet.',
  instanceMissing: 'Instance {{instanceId}} does not exist in {{region}}.',
  instanceUnreadable: 'Instance {{instanceId}} could not be read in {{region}}.',
  instanceGone: 'The instance is {{state}}.',
  managedByService: 'The instance is managed by {{principal}}.',
  notRunning: 'Needs the instance running (it is {{state}}).',
  transitional: 'The instance is {{state}}; wait until it is running or stopped.',
  needsOtherLogin: 'Needs another login that still works (a user and key or password, with sudo).',
  otherLoginGiven: 'You have another login that works.',
  noAddress: 'The instance has no address to connect to.',
  port22Open: 'SSH is allowed from here by {{groupId}} ({{cidr}}).',
  port22NeedsIngress:
    'SSH is not allowed from {{address}}: a temporary rule for this address will be added and removed afterwards.',
  port22ClosedNoIngress: 'SSH is not allowed from {{address}}, and you may not add a security group rule.',
  port22Unknown: 'Whether SSH is allowed from here is not known.',
  naclBlocks: 'Network ACL {{aclId}} blocks SSH (rule {{ruleNumber}}).',
  eicImageShips: 'The image comes with EC2 Instance Connect.',
  eicNotOnImage: 'The image does not come with EC2 Instance Connect.',
  eicImageUnknown: 'Whether EC2 Instance Connect is installed is known only by trying.',
  imdsDisabled: 'The instance metadata service is off.',
  ssmOnline: 'The Systems Manager agent is online.',
  ssmNotOnline: 'The Systems Manager agent is not online ({{pingStatus}}).',
  ssmNotManaged: 'Systems Manager does not manage the instance.',
  ssmUnknown: 'Whether Systems Manager manages the instance could not be checked.',
  untestedPermission: 'Whether you may call {{action}} is known only by trying.',
  permissionDenied: 'You may not call {{action}}.',
  permissionUnknown: 'Whether you may call {{action}} could not be checked.',
  instanceStoreRoot: 'The root device is instance store: the instance cannot be stopped safely.',
  hibernated: 'The instance is hibernated.',
  needsStop: 'The instance is stopped and started again.',
  advisedOtherLogin: 'Advised: your other login adds the new key with no downtime.',
  advisedEic: 'Advised: EC2 Instance Connect adds the new key with no downtime.',
  advisedSsm: 'Advised: Systems Manager adds the new key with no downtime and no open port.',
  advisedEicWithIngress:
    'Advised: EC2 Instance Connect with a temporary SSH rule for this computer, no downtime.',
  advisedUserData: 'Advised: no path without downtime is open; user data is the least invasive stop path.',
  advisedRescueVolume: 'Advised: the only path left is editing the root volume from a rescue instance.',
  hazardPublicIpChanges: 'The public address {{publicIp}} will change.',
  hazardAutoScaling: 'Auto Scaling group {{group}} may replace the stopped instance unless it is in Standby.',
  hazardSpot: 'A Spot instance may not be stoppable, or may not get capacity back.',
  hazardStopProtection: 'Stop protection must be turned off first.',
  hazardTerminateOnShutdown: 'A shutdown from inside the instance would terminate it.',
  hazardDowntime: 'The instance is down while it is stopped (minutes).',
};

export const planJa: Record<keyof typeof planEn, string> = {
  windowsUnsupported: 'Windows インスタンスにはまだ対応していません。',
  instanceMissing: 'インスタンス {{instanceId}} は {{region}} に存在しません。',
  instanceUnreadable: 'インスタンス {{instanceId}} を {{region}} で読み取れませんでした。',
  instanceGone: 'インスタンスは {{state}} です。',
  managedByService: 'インスタンスは {{principal}} が管理しています。',
  notRunning: 'インスタンスが実行中である必要があります（現在は {{state}}）。',
  transitional: 'インスタンスは {{state}} です。実行中か停止になるまで待ってください。',
  needsOtherLogin: 'まだ使える別のログイン（sudo できるユーザーと鍵またはパスワード）が必要です。',
  otherLoginGiven: '使える別のログインがあります。',
  noAddress: 'インスタンスに接続先のアドレスがありません。',
  port22Open: '{{groupId}}（{{cidr}}）により、ここからの SSH が許可されています。',
  port22NeedsIngress:
    '{{address}} からの SSH は許可されていません。このアドレスだけの一時的なルールを追加し、終わったら削除します。',
  port22ClosedNoIngress:
    '{{address}} からの SSH は許可されておらず、セキュリティグループのルールを追加する権限もありません。',
  port22Unknown: 'ここからの SSH が許可されているかは不明です。',
  naclBlocks: 'ネットワーク ACL {{aclId}} が SSH を拒否しています（ルール {{ruleNumber}}）。',
  eicImageShips: 'イメージに EC2 Instance Connect が入っています。',
  eicNotOnImage: 'イメージに EC2 Instance Connect が入っていません。',
  eicImageUnknown: 'EC2 Instance Connect が入っているかは試して初めて分かります。',
  imdsDisabled: 'インスタンスメタデータサービスがオフです。',
  ssmOnline: 'Systems Manager エージェントはオンラインです。',
  ssmNotOnline: 'Systems Manager エージェントがオンラインではありません（{{pingStatus}}）。',
  ssmNotManaged: 'Systems Manager はインスタンスを管理していません。',
  ssmUnknown: 'Systems Manager がインスタンスを管理しているか確認できませんでした。',
  untestedPermission: '{{action}} を呼び出せるかは試して初めて分かります。',
  permissionDenied: '{{action}} を呼び出す権限がありません。',
  permissionUnknown: '{{action}} を呼び出せるか確認できませんでした。',
  instanceStoreRoot: 'ルートデバイスがインスタンスストアのため、安全に停止できません。',
  hibernated: 'インスタンスは休止状態です。',
  needsStop: 'インスタンスを停止して、もう一度起動します。',
  advisedOtherLogin: 'おすすめ：別のログインで、停止せずに新しい鍵を追加します。',
  advisedEic: 'おすすめ：EC2 Instance Connect で、停止せずに新しい鍵を追加します。',
  advisedSsm: 'おすすめ：Systems Manager で、停止もポートの開放もせずに新しい鍵を追加します。',
  advisedEicWithIngress:
    'おすすめ：このコンピューター用の一時的な SSH ルールを使い、EC2 Instance Connect で停止せずに追加します。',
  advisedUserData:
    'おすすめ：停止しない方法が使えないため、停止を伴う方法で最も影響の小さいユーザーデータを使います。',
  advisedRescueVolume:
    'おすすめ：残る方法は、レスキューインスタンスからルートボリュームを編集することだけです。',
  hazardPublicIpChanges: 'パブリックアドレス {{publicIp}} が変わります。',
  hazardAutoScaling:
    'スタンバイにしないと、Auto Scaling グループ {{group}} が停止したインスタンスを置き換えることがあります。',
  hazardSpot: 'スポットインスタンスは停止できないか、容量が戻らないことがあります。',
  hazardStopProtection: '先に停止保護をオフにする必要があります。',
  hazardTerminateOnShutdown: 'インスタンス内からシャットダウンすると終了（削除）されます。',
  hazardDowntime: '停止している間（数分）、インスタンスは使えません。',
};

export const pathsEn = {
  ssh: 'Another working login',
  eic: 'EC2 Instance Connect',
  ssm: 'Systems Manager Run Command',
  userData: 'User data (stop and start)',
  rescueVolume: 'Rescue volume (stop, edit the root volume)',
};

export const pathsJa: Record<keyof typeof pathsEn, string> = {
  ssh: '別の使えるログイン',
  eic: 'EC2 Instance Connect',
  ssm: 'Systems Manager Run Command',
  userData: 'ユーザーデータ（停止と起動）',
  rescueVolume: 'レスキューボリューム（停止してルートボリュームを編集）',
};

export const verdictsEn = { advised: 'Advised', possible: 'Possible', notPossible: 'Not possible' };
export const verdictsJa: Record<keyof typeof verdictsEn, string> = {
  advised: 'おすすめ',
  possible: '可能',
  notPossible: '不可',
};
