import type {
  FindingCode,
  PathAssessment,
  PlanReasonCode,
  PreflightCheckId,
  RecoveryPathId,
} from './recovery';

// Japanese for every preflight finding, plan reason, check, path and verdict, beside the English of
// recovery-texts.ts: the window's Japanese locale is this table (renderer/features/recover/
// preflight-locales.ts) and `keyrescue preflight --language ja` prints it. Same placeholders.

export const findingTextsJa: Record<FindingCode, string> = {
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
    'インスタンスは Auto Scaling グループ {{group}} に属しています。停止するとグループに置き換えられるため、KeyRescue は停止しません。停止を伴う方法を使うには、先にスタンバイにし（aws autoscaling enter-standby --auto-scaling-group-name {{group}} --instance-ids {{instanceId}} --should-decrement-desired-capacity）、もう一度確認して、終わったら exit-standby を実行してください。',
  stopProtectionOff: '停止保護はオフです。',
  stopProtectionOn:
    '停止保護がオンです。KeyRescue が停止保護をオフにすることはありません。停止を伴う方法を使うには、ご自身でオフにし（EC2 コンソール：アクション → インスタンスの設定 → 停止保護を変更）、もう一度確認して、終わったらオンに戻してください。',
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
  eicEndpointUsable:
    'パブリックアドレスがないため、このコンピューターから直接は接続できません。{{vpcId}} の EC2 Instance Connect Endpoint {{endpointId}} を通せば接続できます（keyrescue tunnel / ssh-proxy）。',
  eicEndpointSeveral:
    'パブリックアドレスがありません。{{vpcId}} に接続に使える EC2 Instance Connect Endpoint が {{count}} 個あります（{{endpointIds}}）。--eic-endpoint でどれを使うか指定してください。',
  eicEndpointNone:
    'パブリックアドレスがなく、{{vpcId}} に使える EC2 Instance Connect Endpoint もありません。このコンピューターからは SSH ポートに接続できません。インスタンスのサブネットにエンドポイントを作成するか、SSH を使わない方法を使ってください。',
  eicEndpointGroupsClosed:
    'EC2 Instance Connect Endpoint {{endpointId}} は {{vpcId}} にありますが、インスタンスのどのセキュリティグループも、エンドポイントのグループ（{{endpointGroups}}）や VPC からの tcp/22 を許可していません。',
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
  instanceStoreNone: 'インスタンスタイプ {{instanceType}} にはインスタンスストアボリュームがありません。',
  instanceStoreData:
    'インスタンスタイプ {{instanceType}} にはインスタンスストアボリュームが {{count}} 個（合計 {{sizeGb}} GB）あります。インスタンスを停止すると、その内容はすべて消去されます。',
  spotPersistent:
    'スポットリクエスト {{requestId}} は永続リクエストです。インスタンスは停止できますが、起動時に容量が戻らないことがあります。',
  spotOneTime:
    'スポットリクエスト {{requestId}} は 1 回限りのリクエストです。EC2 はこのインスタンスを停止できないため、停止を伴う方法は使えません。',
  volumesUnencrypted: 'EBS ボリューム（{{volumes}}）は暗号化されていません。',
  volumesEncrypted:
    '暗号化されたボリューム：{{volumes}}（KMS キー {{keys}}）。インスタンスを再び起動するには、その KMS キーに対する kms:CreateGrant と kms:Decrypt が必要です。レスキューボリュームではさらに kms:DescribeKey、kms:GenerateDataKeyWithoutPlaintext、kms:ReEncrypt* が必要です。KMS の権限にはドライランがありません。',
  marketplaceRoot:
    'インスタンスは AWS Marketplace の製品 {{productCodes}} から起動されています。ルートボリュームを 2 台目のディスクとして別のインスタンスにアタッチできないため、レスキューボリュームの方法は使えません。',
};

export const planReasonTextsJa: Record<PlanReasonCode, string> = {
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
  hazardPublicIpChanges:
    'パブリックアドレス {{publicIp}} は Elastic IP ではないため変わります。その後 KeyRescue は新しいアドレスに接続し、~/.ssh/config のエントリも新しいアドレスに合わせます。',
  hazardSpot: 'スポットインスタンスは停止できないか、容量が戻らないことがあります。',
  hazardTerminateOnShutdown: 'インスタンス内からシャットダウンすると終了（削除）されます。',
  hazardDowntime: '停止している間（数分）、インスタンスは使えません。',
  autoScalingNoStandby:
    '停止すると Auto Scaling グループ {{group}} がインスタンスを置き換えます。スタンバイにし（EnterStandby）、もう一度確認して、終わったらスタンバイを解除（ExitStandby）してください。',
  stopProtectionOn:
    '停止保護がオンです。KeyRescue はオフにしません。ご自身でオフにし、もう一度確認して、終わったらオンに戻してください。',
  stopProtectionUnknown: '停止保護がオンか確認できませんでした。',
  spotOneTime: '1 回限りのリクエストから起動したスポットインスタンスは停止できません。',
  spotRequestUnknown: 'スポットリクエストが永続リクエスト（停止できる）か確認できませんでした。',
  marketplaceRoot:
    'ルートボリュームに AWS Marketplace の製品コード {{productCodes}} があります。2 台目のディスクとしてレスキューインスタンスにアタッチできません。',
  instanceStoreUnknown:
    'インスタンスタイプにインスタンスストアボリューム（停止すると消去）があるか確認できませんでした。',
  volumesUnknown: 'ボリュームが暗号化されているか（KMS の権限が必要か）確認できませんでした。',
  hazardInstanceStoreData:
    'インスタンスストアボリューム {{count}} 個（{{sizeGb}} GB）の内容は、インスタンスを停止すると消去されます。',
  hazardSpotPersistent: 'スポットインスタンスは、再び起動するときに容量が戻らないことがあります。',
  hazardEncryptedStart:
    '暗号化されたボリューム（KMS キー {{keys}}）：再び起動するには、その KMS キーに対する kms:CreateGrant と kms:Decrypt が必要です。ないと停止状態に戻ります。',
  hazardEncryptedRescue:
    '暗号化されたボリューム（KMS キー {{keys}}）：ルートボリュームをレスキューインスタンスにアタッチして起動するには、その KMS キーに対する kms:CreateGrant、kms:Decrypt、kms:DescribeKey、kms:GenerateDataKeyWithoutPlaintext、kms:ReEncrypt* が必要です。',
};

export const checkNameTextsJa: Record<PreflightCheckId, string> = {
  identity: 'サインイン中の ID（STS）',
  instance: 'インスタンスの情報',
  'savedKey.ec2rl': 'AWSSupport-ResetAccess が保存した鍵',
  attributes: '停止保護と終了保護',
  image: 'ログインユーザーと EC2 Instance Connect（イメージから判断）',
  network: 'このコンピューターからの SSH（セキュリティグループ、ネットワーク ACL）',
  ssm: 'Systems Manager',
  permissions: '各復旧方法に必要な権限',
  'savedKey.keyPair': 'Parameter Store に保存されたキーペアの秘密鍵',
};

export const pathNameTextsJa: Record<RecoveryPathId, string> = {
  ssh: '別の使えるログイン',
  eic: 'EC2 Instance Connect',
  ssm: 'Systems Manager Run Command',
  userData: 'ユーザーデータ（停止と起動）',
  rescueVolume: 'レスキューボリューム（停止してルートボリュームを編集）',
};

export const verdictTextsJa: Record<PathAssessment['verdict'], string> = {
  advised: 'おすすめ',
  possible: '可能',
  notPossible: '不可',
};
