/**
 * The user-data path's step sentences (src/recovery/stop-paths), in English and Japanese; merged
 * into step-texts.ts's table, whose rules apply (same `{params}`, full-width Japanese punctuation).
 */
export const userDataStepTexts = {
  'userData.none': { en: 'none', ja: 'なし' },
  'userData.value': { en: '{bytes} bytes, {digest}', ja: '{bytes} バイト、{digest}' },

  'userData.save.does': {
    en: "Check that the recovery's user data fits EC2's 16 KB, then read {instanceId}'s current user data and keep it (exact bytes) in the recovery's folder.",
    ja: '復旧用のユーザーデータが EC2 の上限 16 KB に収まることを確かめてから、{instanceId} の現在のユーザーデータを読み取り、そのままのバイト列を復旧のフォルダーに保存します。',
  },
  'userData.save.undo': {
    en: 'Nothing to undo (it only reads; the saved copy stays for the report).',
    ja: '元に戻すものはありません（読み取るだけです。保存したコピーはレポートのために残ります）。',
  },
  'userData.removeNewKey.undo': {
    en: "On rollback: log in with the new key and remove its line from {user}'s authorized_keys, if the boot script added it (the saved copy stays for the report).",
    ja: 'ロールバック時：新しい鍵でログインし、起動時のスクリプトが追加していれば {user} の authorized_keys からその行を削除します（保存したコピーはレポートのために残ります）。',
  },
  'userData.newKeyAbsent': {
    en: "The new key does not log in to {instanceId} as {user}: it is not in {user}'s authorized_keys; nothing to remove.",
    ja: '新しい鍵では {user} として {instanceId} にログインできません。{user} の authorized_keys にはないため、削除するものはありません。',
  },
  'userData.newKeyLeft': {
    en: "{instanceId} is {state}, as before the recovery: the new key's line, if the boot script added it, was not checked; remove it by hand after the next start.",
    ja: '{instanceId} は復旧の前と同じく {state} の状態です。起動時のスクリプトが新しい鍵の行を追加していても確認していません。次に起動した後、手作業で削除してください。',
  },
  'userData.saved': {
    en: "Saved {instanceId}'s user data ({value}) beside the journal; the instance is {state}.",
    ja: '{instanceId} のユーザーデータ（{value}）をジャーナルの隣に保存しました。インスタンスは {state} の状態です。',
  },

  'userData.stop.does': {
    en: 'Stop {instanceId} (not forced) and wait until it is stopped.',
    ja: '{instanceId} を停止し（強制はしません）、停止するまで待ちます。',
  },
  'userData.stop.undo': {
    en: 'Start {instanceId} again if it was running before the recovery.',
    ja: '復旧の前に実行中だった場合は、{instanceId} をもう一度起動します。',
  },
  'userData.stopAgain.does': {
    en: 'Stop {instanceId} again (not forced) so its original user data can be restored.',
    ja: '元のユーザーデータに戻せるように、{instanceId} をもう一度停止します（強制はしません）。',
  },
  'userData.stopAgain.undo': {
    en: 'Nothing of its own: the next steps start it again.',
    ja: 'この手順自体に元に戻すものはありません。次の手順でもう一度起動します。',
  },
  'userData.stopped': {
    en: 'Stopped {instanceId} ({seconds} s, not forced).',
    ja: '{instanceId} を停止しました（{seconds} 秒、強制なし）。',
  },
  'userData.alreadyStopped': {
    en: '{instanceId} was already stopped; nothing was sent.',
    ja: '{instanceId} はすでに停止していました。何も送っていません。',
  },
  'userData.finishedStopping': {
    en: '{instanceId} finished stopping.',
    ja: '{instanceId} の停止が完了しました。',
  },
  'userData.leftStopped': {
    en: '{instanceId} was {state} before the recovery; it is left stopped.',
    ja: '{instanceId} は復旧の前に {state} の状態だったため、停止したままにします。',
  },
  'userData.startedAgain': {
    en: 'Started {instanceId} again, as it was running before the recovery.',
    ja: '復旧の前に実行中だったため、{instanceId} をもう一度起動しました。',
  },
  'userData.runningAsBefore': {
    en: '{instanceId} is running, as it was before the recovery.',
    ja: '{instanceId} は復旧の前と同じく実行中です。',
  },

  'userData.start.does': {
    en: "Start {instanceId} with the recovery's user data and wait until it runs.",
    ja: '復旧用のユーザーデータで {instanceId} を起動し、実行中になるまで待ちます。',
  },
  'userData.start.undo': {
    en: 'Nothing of its own: restoring the user data stops the instance first.',
    ja: 'この手順自体に元に戻すものはありません。ユーザーデータを戻すときに、先にインスタンスを停止します。',
  },
  'userData.startAgain.does': {
    en: 'Start {instanceId} with its original user data and wait until it runs.',
    ja: '元のユーザーデータで {instanceId} を起動し、実行中になるまで待ちます。',
  },
  'userData.startAgain.undo': {
    en: 'Nothing to undo (the instance runs as before the recovery).',
    ja: '元に戻すものはありません（インスタンスは復旧の前と同じく実行中です）。',
  },
  'userData.started': {
    en: 'Started {instanceId} ({seconds} s); SSH at {endpoint}.',
    ja: '{instanceId} を起動しました（{seconds} 秒）。SSH の接続先は {endpoint} です。',
  },
  'userData.alreadyRunning': {
    en: '{instanceId} was already running; SSH at {endpoint}.',
    ja: '{instanceId} はすでに実行中でした。SSH の接続先は {endpoint} です。',
  },

  'userData.set.does': {
    en: "Set {instanceId}'s user data to KeyRescue's document: cloud-init runs the authorized-keys script for {user} at the next boot.",
    ja: '{instanceId} のユーザーデータを KeyRescue のドキュメントにします。次の起動時に cloud-init が {user} の authorized_keys スクリプトを実行します。',
  },
  'userData.set.undo': {
    en: 'Restore the saved original user data byte for byte (or remove it when there was none), stopping the instance first if it runs.',
    ja: '保存した元のユーザーデータをバイト単位でそのまま戻します（元がなければ削除します）。実行中なら先にインスタンスを停止します。',
  },
  'userData.setDone': {
    en: "Set the recovery's user data ({bytes} bytes, {digest}, run {runId}).",
    ja: '復旧用のユーザーデータを設定しました（{bytes} バイト、{digest}、実行 ID {runId}）。',
  },

  'userData.restore.does': {
    en: "Restore {instanceId}'s original user data byte for byte (or remove it when there was none), so the recovery script never runs again.",
    ja: '復旧スクリプトが二度と実行されないように、{instanceId} の元のユーザーデータをバイト単位でそのまま戻します（元がなければ削除します）。',
  },
  'userData.restore.undo': {
    en: 'Nothing to undo (this is the original user data).',
    ja: '元に戻すものはありません（これが元のユーザーデータです）。',
  },
  'userData.isOriginal': {
    en: "{instanceId}'s user data is the original ({value}); nothing to restore.",
    ja: '{instanceId} のユーザーデータは元のもの（{value}）です。戻すものはありません。',
  },
  'userData.removed': {
    en: "Removed the recovery's user data: {instanceId} has no user data, as before.",
    ja: '復旧用のユーザーデータを削除しました。{instanceId} には以前と同じくユーザーデータがありません。',
  },
  'userData.restored': {
    en: "Restored {instanceId}'s original user data byte for byte ({value}).",
    ja: '{instanceId} の元のユーザーデータをバイト単位でそのまま戻しました（{value}）。',
  },

  'userData.bootResult.does': {
    en: "Read the authorized-keys script's result line for {user} from {instanceId}'s console output.",
    ja: '{instanceId} のコンソール出力から、{user} の authorized_keys スクリプトの結果の行を読み取ります。',
  },
  'userData.bootResult.undo': {
    en: 'Nothing to undo (it only reads; the key line stays until the cleanup removes keys).',
    ja: '元に戻すものはありません（読み取るだけです。鍵の行は後片付けで鍵を取り除くまで残ります）。',
  },
  'userData.atBoot': {
    en: 'The recovery script ran at boot (cloud-init):',
    ja: '起動時に復旧スクリプトが実行されました（cloud-init）：',
  },

  'userData.verifyAgain.does': {
    en: 'Log in as {user} with the new key again, now that the original user data is back',
    ja: '元のユーザーデータに戻したので、新しい鍵で {user} としてもう一度ログインします',
  },
} as const satisfies Record<string, { en: string; ja: string }>;
