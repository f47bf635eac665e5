/**
 * The rescue-volume path's step sentences (src/recovery/rescue-volume), in English and Japanese;
 * merged into step-texts.ts's table, whose rules apply (same `{params}`, full-width Japanese punctuation).
 */
export const rescueVolumeStepTexts = {
  'rescueVolume.record.does': {
    en: "Record {instanceId}'s state, root device name, root volume and DeleteOnTermination, and check the rescue instance {rescueId}.",
    ja: '{instanceId} の状態、ルートデバイス名、ルートボリューム、DeleteOnTermination を記録し、レスキューインスタンス {rescueId} を確認します。',
  },
  'rescueVolume.removeNewKey.undo': {
    en: "On rollback, once {instanceId} runs as before: log in with the new key and remove its line from {user}'s authorized_keys, if the edit on the rescue instance added it.",
    ja: 'ロールバック時、{instanceId} が以前と同じく実行されたら：新しい鍵でログインし、レスキューインスタンスでの編集が追加していれば {user} の authorized_keys からその行を削除します。',
  },
  'rescueVolume.newKeyLeft': {
    en: "{instanceId} is {state}, as before the recovery: the new key's line, if the edit on the rescue instance added it, was not checked; remove it by hand after the next start.",
    ja: '{instanceId} は復旧の前と同じく {state} の状態です。レスキューインスタンスでの編集が新しい鍵の行を追加していても確認していません。次に起動した後、手作業で削除してください。',
  },
  'rescueVolume.probe.does': {
    en: 'Check that scripts run as root on the rescue instance {rescueId} ({via}), before anything changes.',
    ja: '何かを変更する前に、レスキューインスタンス {rescueId} でスクリプトが root として実行できることを確かめます（{via}）。',
  },
  'rescueVolume.probed': {
    en: 'Scripts run as root on the rescue instance {rescueId} ({via}).',
    ja: 'レスキューインスタンス {rescueId} でスクリプトが root として実行できます（{via}）。',
  },
  'rescueVolume.readsOnly': {
    en: 'Nothing to undo (it only reads).',
    ja: '元に戻すものはありません（読み取るだけです）。',
  },
  'rescueVolume.recorded': {
    en: '{instanceId} is {state}; root {volumeId} at {device}, DeleteOnTermination {deleteOnTermination}, in {zone} with the rescue instance.',
    ja: '{instanceId} は {state} の状態です。ルート {volumeId} は {device}、DeleteOnTermination は {deleteOnTermination}、レスキューインスタンスと同じ {zone} にあります。',
  },
  'rescueVolume.snapshot.does': {
    en: "Make a safety snapshot of {instanceId}'s root volume (tagged with the recovery id) and wait for it to complete.",
    ja: '{instanceId} のルートボリュームの安全用スナップショットを作成し（復旧 ID のタグ付き）、完了するまで待ちます。',
  },
  'rescueVolume.snapshot.undo': {
    en: 'Nothing to undo: the snapshot is kept until you delete it.',
    ja: '元に戻すものはありません。スナップショットは削除するまで残ります。',
  },
  'rescueVolume.snapshotMade': {
    en: 'Made the safety snapshot {snapshotId} of {volumeId} (completed; kept until you delete it).',
    ja: '{volumeId} の安全用スナップショット {snapshotId} を作成しました（完了。削除するまで残ります）。',
  },
  'rescueVolume.snapshotFound': {
    en: 'Found the safety snapshot {snapshotId} of {volumeId} (completed; kept until you delete it).',
    ja: '{volumeId} の安全用スナップショット {snapshotId} が見つかりました（完了。削除するまで残ります）。',
  },
  'rescueVolume.stop.undo': {
    en: 'Put the root volume back on {instanceId} at its root device, restore its DeleteOnTermination, and start it if it was running.',
    ja: 'ルートボリュームを {instanceId} のルートデバイスに戻し、DeleteOnTermination を元に戻し、実行中だった場合は起動します。',
  },
  'rescueVolume.detachRoot.does': {
    en: 'Detach the root volume from {instanceId} (not forced) and wait until it is available.',
    ja: 'ルートボリュームを {instanceId} から切り離し（強制はしません）、利用可能になるまで待ちます。',
  },
  'rescueVolume.attachRescue.does': {
    en: 'Attach the root volume to the rescue instance {rescueId} at a free device name and wait until it is attached.',
    ja: 'ルートボリュームをレスキューインスタンス {rescueId} の空いているデバイス名に接続し、接続されるまで待ちます。',
  },
  'rescueVolume.attachRescue.undo': {
    en: 'Detach the volume from {rescueId} and put it back on {instanceId} at its root device.',
    ja: 'ボリュームを {rescueId} から切り離し、{instanceId} のルートデバイスに戻します。',
  },
  'rescueVolume.edit.does': {
    en: "Mount the root volume on the rescue instance {rescueId}, append the new key to {user}'s authorized_keys under it, and unmount ({via}).",
    ja: 'ルートボリュームをレスキューインスタンス {rescueId} にマウントし、その中の {user} の authorized_keys に新しい鍵を追加してアンマウントします（{via}）。',
  },
  'rescueVolume.edit.undo': {
    en: 'Nothing to undo separately: the file system is unmounted; a backup of the file is kept beside it.',
    ja: 'この手順だけで元に戻すものはありません。ファイルシステムはアンマウント済みで、ファイルのバックアップが隣に残っています。',
  },
  'rescueVolume.unmounted': {
    en: 'Unmounted from {rescueId}.',
    ja: '{rescueId} からアンマウントしました。',
  },
  'rescueVolume.detachRescue.does': {
    en: 'Detach the root volume from the rescue instance {rescueId} and wait until it is available.',
    ja: 'ルートボリュームをレスキューインスタンス {rescueId} から切り離し、利用可能になるまで待ちます。',
  },
  'rescueVolume.reattach.does': {
    en: 'Attach the root volume to {instanceId} again under its original root device name.',
    ja: 'ルートボリュームを元のルートデバイス名で {instanceId} にもう一度接続します。',
  },
  'rescueVolume.move.undo': {
    en: 'Put the root volume back on {instanceId} at its root device, with its DeleteOnTermination.',
    ja: 'ルートボリュームを {instanceId} のルートデバイスに戻し、DeleteOnTermination も元に戻します。',
  },
  'rescueVolume.detachedRoot': {
    en: 'Detached the root volume {volumeId} from {instanceId} ({device}, not forced).',
    ja: 'ルートボリューム {volumeId} を {instanceId} から切り離しました（{device}、強制なし）。',
  },
  'rescueVolume.alreadyOnRescue': {
    en: '{volumeId} is already on the rescue instance {rescueId}.',
    ja: '{volumeId} はすでにレスキューインスタンス {rescueId} にあります。',
  },
  'rescueVolume.alreadyDetached': {
    en: '{volumeId} was already detached from {instanceId}.',
    ja: '{volumeId} はすでに {instanceId} から切り離されていました。',
  },
  'rescueVolume.attachedRescue': {
    en: 'Attached {volumeId} to the rescue instance {rescueId} as {device}.',
    ja: '{volumeId} をレスキューインスタンス {rescueId} に {device} として接続しました。',
  },
  'rescueVolume.alreadyHome': {
    en: '{volumeId} is already back on {instanceId}.',
    ja: '{volumeId} はすでに {instanceId} に戻っています。',
  },
  'rescueVolume.notOnRescue': {
    en: '{volumeId} is not attached to the rescue instance (already detached).',
    ja: '{volumeId} はレスキューインスタンスに接続されていません（切り離し済み）。',
  },
  'rescueVolume.detachedRescue': {
    en: 'Detached {volumeId} from the rescue instance {rescueId}.',
    ja: '{volumeId} をレスキューインスタンス {rescueId} から切り離しました。',
  },
  'rescueVolume.reattached': {
    en: 'Attached {volumeId} to {instanceId} again as its root device {device}.',
    ja: '{volumeId} を {instanceId} にルートデバイス {device} としてもう一度接続しました。',
  },
  'rescueVolume.dot.does': {
    en: "Set DeleteOnTermination of {instanceId}'s root device back to what it was (re-attaching resets it).",
    ja: '{instanceId} のルートデバイスの DeleteOnTermination を元の値に戻します（接続し直すとリセットされるため）。',
  },
  'rescueVolume.dot.undo': {
    en: 'Nothing to undo (it restores the original value).',
    ja: '元に戻すものはありません（元の値に戻す手順です）。',
  },
  'rescueVolume.dotAsBefore': {
    en: 'DeleteOnTermination of {device} is {value}, as before.',
    ja: '{device} の DeleteOnTermination は以前と同じ {value} です。',
  },
  'rescueVolume.dotRestored': {
    en: 'Set DeleteOnTermination of {device} back to {value}.',
    ja: '{device} の DeleteOnTermination を {value} に戻しました。',
  },
  'rescueVolume.start.does': {
    en: 'Start {instanceId} and wait until it is running.',
    ja: '{instanceId} を起動し、実行中になるまで待ちます。',
  },
  'rescueVolume.start.undo': {
    en: 'Nothing to undo (the instance runs as before the recovery).',
    ja: '元に戻すものはありません（インスタンスは復旧の前と同じく実行されます）。',
  },
  // The cleanup's deletion of the safety snapshot (src/recovery/cleanup/snapshot-step.ts).
  'deleteSnapshot.does': {
    en: 'Delete the safety snapshot {snapshotId} in {region} (made before the root volume was edited).',
    ja: '{region} の安全用スナップショット {snapshotId}（ルートボリュームを編集する前に作成したもの）を削除します。',
  },
  'deleteSnapshot.undo': {
    en: 'Not undone: a deleted snapshot cannot be brought back.',
    ja: '元に戻せません。削除したスナップショットは復元できません。',
  },
  'deleteSnapshot.deleted': {
    en: 'Deleted the safety snapshot {snapshotId} in {region}.',
    ja: '{region} の安全用スナップショット {snapshotId} を削除しました。',
  },
  'deleteSnapshot.gone': {
    en: 'The safety snapshot {snapshotId} is no longer in {region}; nothing was deleted.',
    ja: '安全用スナップショット {snapshotId} はもう {region} にありません。何も削除していません。',
  },
} as const satisfies Record<string, { en: string; ja: string }>;
