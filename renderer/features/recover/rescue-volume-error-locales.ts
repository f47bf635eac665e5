/**
 * Japanese texts of the rescue-volume path's error codes
 * (src/recovery/rescue-volume/rescue-volume-errors.ts); the English text is each error's own
 * message. Placeholders are the errors' `details`.
 */
export const rescueVolumeErrorLocales = {
  en: {},
  ja: {
    'rescueVolume.rootNotEbs':
      '{{instanceId}} のルートデバイスはアタッチされた EBS ボリュームではありません（{{rootDeviceType}}）。レスキューボリュームの方法には EBS のルートボリュームが必要です。何も変更していません。',
    'rescueVolume.rescueSameAsTarget':
      'レスキューインスタンスには、復旧する {{instanceId}} 以外のインスタンスを選んでください。何も変更していません。',
    'rescueVolume.rescueNotFound':
      'レスキューインスタンス {{rescueId}} が {{region}} に見つかりません。同じアベイラビリティーゾーンで実行中のインスタンスを選んでください。何も変更していません。',
    'rescueVolume.rescueNotRunning':
      'レスキューインスタンス {{rescueId}} は {{state}} です。スクリプトを実行するため、実行中である必要があります。先に起動してください。何も変更していません。',
    'rescueVolume.rescueOtherZone':
      'レスキューインスタンス {{rescueId}} は {{rescueZone}} にありますが、{{instanceId}} とそのルートボリュームは {{zone}} にあります。ボリュームは同じアベイラビリティーゾーンのインスタンスにしかアタッチできません。{{zone}} のレスキューインスタンスを選んでください。何も変更していません。',
    'rescueVolume.rescueNoFreeDevice':
      'レスキューインスタンス {{rescueId}} には、ボリュームをアタッチできる空きのデバイス名（/dev/sdf～/dev/sdp）がありません。ボリュームをデタッチするか、別のレスキューインスタンスを選んでください。',
    'rescueVolume.instanceGone':
      'インスタンス {{instanceId}} は {{state}} のため、復旧を続けられません。ルートボリュームと、復旧で作成したスナップショットは KeyRescue では削除しません。',
    'rescueVolume.volumeElsewhere':
      'ボリューム {{volumeId}} は「{{where}}」の状態で、この復旧が残した状態（{{expected}}）と違います。KeyRescue は自分が移動していないボリュームは動かしません。EC2 コンソールでボリュームを確認してから、再開するか元に戻してください。',
    'rescueVolume.snapshotFailed':
      '{{volumeId}} の安全用スナップショット {{snapshotId}} が {{state}} の状態で終わったため、停止もデタッチもしていません。後でもう一度試してください。失敗が続く場合は、ボリュームの暗号化に使う KMS キーと EBS の上限を確認してください。',
    'rescueVolume.waitTimedOut':
      '{{what}} が {{seconds}} 秒以内に {{wanted}} になりませんでした（最後の状態：{{seen}}）。AWS 側の処理は続いています。復旧を再開して待ち直すか、元に戻してください。',
    'rescueVolume.waitCancelled':
      '復旧が中止されたため、{{what}} が {{wanted}} になるのを待つのをやめました。AWS 側の処理は続いています。復旧を再開するか、元に戻してください。',
    'rescueVolume.deviceNotFound':
      'レスキューインスタンス {{rescueId}} に {{volumeId}} のディスクが見つかりません（NVMe シリアルと Xen のデバイス名で探しました）。ボリュームがアタッチ済みと表示されているか確認してから、再開してください。',
    'rescueVolume.diskInUse':
      'レスキューインスタンス {{rescueId}} で、{{volumeId}} のディスクが KeyRescue のマウントポイント以外にすでにマウントされています（{{detail}}）。KeyRescue はそのディスクに触れません。アンマウントしてから再開してください。',
    'rescueVolume.rootPartitionNotFound':
      'レスキューインスタンス {{rescueId}} で、{{volumeId}} のパーティションに KeyRescue がマウントできる Linux のルートファイルシステム（etc/os-release と etc/passwd）が見つかりません（{{detail}}）。',
    'rescueVolume.lvmUnsupported':
      '{{volumeId}} のルートファイルシステムは LVM 上にあります（{{detail}}）。KeyRescue はレスキューインスタンスでボリュームグループを有効化したり名前を変えたりしません。手動で編集するか、別の方法を使ってください。',
    'rescueVolume.mountFailed':
      'レスキューインスタンス {{rescueId}} で {{volumeId}} のルートファイルシステムをマウントできませんでした（{{detail}}）。古いカーネルは新しいファイルシステムを読めないことがあります。復旧するインスタンスと同じか、より新しいレスキューインスタンスを使ってください。',
    'rescueVolume.unmountFailed':
      'レスキューインスタンス {{rescueId}} で {{volumeId}} のルートファイルシステムをアンマウントできませんでした（{{detail}}）。アンマウントされるまでボリュームはアタッチされたままです。アンマウントしてから再開してください。',
    'rescueVolume.rescueNotRoot':
      'レスキューインスタンス {{rescueId}} で {{via}} を使って実行した確認用スクリプトが root として実行されませんでした（結果：{{seen}}）。何も変更していません。この復旧にはレスキューインスタンスでの root 権限が必要です。',
    'rescueVolume.rescueMissing':
      '復旧 {{id}} はレスキューボリュームの方法を使いますが、レスキューインスタンスが記録されていません。レスキューインスタンスを指定して新しく復旧を始めてください。',
  },
};
