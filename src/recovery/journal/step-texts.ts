import { rescueVolumeStepTexts } from './rescue-volume-step-texts';
import { userDataStepTexts } from './user-data-step-texts';

/**
 * Every sentence a recovery step journals (what it does, its undo, its result), in English and
 * Japanese, so the report reads in one language. Steps journal a key and its `{params}` (ids, names,
 * paths, fingerprints: never secrets) beside their English text; the report renders the key in the
 * reader's language. A param may itself be a key (a phrase such as "through SSM Run Command").
 * The English templates are the steps' own sentences: the steps build their English from here too.
 */
const texts = {
  // The runners (how a script reaches the instance), used inside other sentences.
  'runner.anotherLoginKey': {
    en: 'SSH as {user} (key login, then root)',
    ja: '{user} として SSH（鍵でログインしてから root）',
  },
  'runner.anotherLoginPassword': {
    en: 'SSH as {user} (password login, then root)',
    ja: '{user} として SSH（パスワードでログインしてから root）',
  },
  'runner.eic': { en: 'EC2 Instance Connect as {user}', ja: '{user} として EC2 Instance Connect' },
  'runner.ssm': { en: 'SSM Run Command on {instanceId}', ja: '{instanceId} での SSM Run Command' },

  'via.ssh': { en: 'through the other working login', ja: '別の有効なログインを使って' },
  'via.eic': { en: 'through EC2 Instance Connect', ja: 'EC2 Instance Connect を使って' },
  'via.ssm': { en: 'through SSM Run Command', ja: 'SSM Run Command を使って' },

  'appendKey.does': {
    en: "Appends the new public key to {user}'s authorized_keys {via}.",
    ja: '{via} {user} の authorized_keys に新しい公開鍵を追加します。',
  },
  'appendKey.undo': {
    en: "Remove the new key's line from {user}'s authorized_keys (a backup of the file is kept beside it).",
    ja: '{user} の authorized_keys から新しい鍵の行を取り除きます（ファイルのバックアップが隣に残っています）。',
  },

  // What the authorized-keys script did (script-step.ts).
  'script.usersFile': { en: "{user}'s authorized_keys", ja: '{user} の authorized_keys' },
  'script.targetUsersFile': {
    en: "the target user's authorized_keys",
    ja: '対象ユーザーの authorized_keys',
  },
  'script.added': { en: 'Added the key to {file}.', ja: '{file} に鍵を追加しました。' },
  'script.addedWithBackup': {
    en: 'Added the key to {file} (backup: {backup}).',
    ja: '{file} に鍵を追加しました（バックアップ：{backup}）。',
  },
  'script.alreadyPresentOne': {
    en: 'The key is already present in {file} (1 line); nothing was changed.',
    ja: '鍵はすでに {file} にあります（1 行）。何も変更していません。',
  },
  'script.alreadyPresent': {
    en: 'The key is already present in {file} ({lines} lines); nothing was changed.',
    ja: '鍵はすでに {file} にあります（{lines} 行）。何も変更していません。',
  },
  'script.removedOne': {
    en: 'Removed 1 line carrying the key from {file}.',
    ja: '{file} から鍵を含む 1 行を取り除きました。',
  },
  'script.removedOneWithBackup': {
    en: 'Removed 1 line carrying the key from {file} (backup: {backup}).',
    ja: '{file} から鍵を含む 1 行を取り除きました（バックアップ：{backup}）。',
  },
  'script.removed': {
    en: 'Removed {lines} lines carrying the key from {file}.',
    ja: '{file} から鍵を含む {lines} 行を取り除きました。',
  },
  'script.removedWithBackup': {
    en: 'Removed {lines} lines carrying the key from {file} (backup: {backup}).',
    ja: '{file} から鍵を含む {lines} 行を取り除きました（バックアップ：{backup}）。',
  },
  'script.notPresent': {
    en: 'The key is not in {file}; nothing was changed.',
    ja: '鍵は {file} にありません。何も変更していません。',
  },
  'script.warning.homeWritable': {
    en: 'Warning: the home folder is writable by others; sshd with StrictModes ignores the key.',
    ja: '警告：ホームフォルダーに他のユーザーが書き込めます。StrictModes が有効な sshd はこの鍵を無視します。',
  },
  'script.warning.homeOwner': {
    en: 'Warning: the home folder is not owned by the user; sshd with StrictModes ignores the key.',
    ja: '警告：ホームフォルダーの所有者がこのユーザーではありません。StrictModes が有効な sshd はこの鍵を無視します。',
  },
  'script.warning.restoreconFailed': {
    en: 'Warning: restorecon failed; SELinux may stop sshd reading the file.',
    ja: '警告：restorecon が失敗しました。SELinux のため sshd がファイルを読めない可能性があります。',
  },
  'script.warning.selinuxRelabelNeeded': {
    en: 'Warning: SELinux labels need a relabel; sshd may not read the file.',
    ja: '警告：SELinux のラベルの付け直しが必要です。sshd がファイルを読めない可能性があります。',
  },

  'verify.does': {
    en: 'Log in as {user} with the new key in a fresh SSH session and run true',
    ja: '新しい SSH セッションで {user} として新しい鍵でログインし、true を実行します',
  },
  'verify.undo': {
    en: 'Nothing to undo (a login changes nothing)',
    ja: '元に戻すものはありません（ログインは何も変更しません）',
  },
  'verify.loggedInAccepted': {
    en: 'Logged in to {host}:{port} as {user} with the new key (host key {fingerprint}, accepted on first connect).',
    ja: '{host}:{port} に {user} として新しい鍵でログインしました（ホスト鍵 {fingerprint}、初回接続で受け入れ）。',
  },
  'verify.loggedInPinned': {
    en: 'Logged in to {host}:{port} as {user} with the new key (host key {fingerprint}, pinned).',
    ja: '{host}:{port} に {user} として新しい鍵でログインしました（ホスト鍵 {fingerprint}、固定済み）。',
  },
  'verify.loggedInConsole': {
    en: 'Logged in to {host}:{port} as {user} with the new key (host key {fingerprint}, as the instance printed it to its console output at this boot).',
    ja: '{host}:{port} に {user} として新しい鍵でログインしました（ホスト鍵 {fingerprint}、このブートでインスタンスがコンソール出力に表示したもの）。',
  },

  'ingress.does': {
    en: "Open tcp/{port} on {instanceId}'s security group to this computer's public address only (/32), tagged by KeyRescue with this recovery's id.",
    ja: '{instanceId} のセキュリティグループで tcp/{port} をこのコンピューターのパブリックアドレスだけ（/32）に開き、この復旧の ID を KeyRescue のタグとして付けます。',
  },
  'ingress.undo': {
    en: 'Revoke that rule (only a rule carrying this recovery’s tag).',
    ja: 'そのルールを取り消します（この復旧のタグが付いたルールだけ）。',
  },
  'ingress.opened': {
    en: 'Opened tcp/{port} from {cidr} on {groupId} (rule {ruleId}), tagged for this recovery.',
    ja: '{groupId} で {cidr} からの tcp/{port} を開き（ルール {ruleId}）、この復旧のタグを付けました。',
  },
  'ingress.alreadyOpen': {
    en: 'tcp/{port} from {cidr} on {groupId} (rule {ruleId}) was already open for this recovery; nothing was added.',
    ja: '{groupId} の {cidr} からの tcp/{port}（ルール {ruleId}）はこの復旧のためにすでに開いていました。何も追加していません。',
  },
  'ingress.notOurs': {
    en: '{groupId} already allows tcp/{port} from {cidr} on {groupId} (rule {ruleId}), a rule KeyRescue did not add; nothing was added and it will be left as it is.',
    ja: '{groupId} はすでに {cidr} からの tcp/{port} を許可しています（ルール {ruleId}、KeyRescue が追加したものではありません）。何も追加せず、そのルールはそのまま残します。',
  },
  'ingress.noneRecorded': {
    en: 'No ingress rule was recorded; nothing to revoke.',
    ja: 'インバウンドルールの記録がありません。取り消すものはありません。',
  },
  'ingress.leftInPlace': {
    en: 'Rule {ruleId} was not added by KeyRescue; it is left in place.',
    ja: 'ルール {ruleId} は KeyRescue が追加したものではないため、そのまま残します。',
  },
  'ingress.alreadyGone': {
    en: 'Rule {ruleId} on {groupId} was already gone.',
    ja: '{groupId} のルール {ruleId} はすでにありませんでした。',
  },
  'ingress.revoked': {
    en: 'Revoked rule {ruleId} on {groupId}: tcp/{port} is closed to this computer again.',
    ja: '{groupId} のルール {ruleId} を取り消しました。このコンピューターからの tcp/{port} は再び閉じています。',
  },
  'ingressRevoke.does': {
    en: 'Revoke the temporary tcp/22 rule this recovery added (only a rule tagged with its id).',
    ja: 'この復旧が追加した一時的な tcp/22 のルールを取り消します（この復旧の ID のタグが付いたルールだけ）。',
  },
  'ingressRevoke.undo': {
    en: 'Nothing to undo: the rule was temporary.',
    ja: '元に戻すものはありません。一時的なルールでした。',
  },
  'ingressRevoke.noneRecorded': {
    en: 'No rule was recorded; nothing to revoke.',
    ja: 'ルールの記録がありません。取り消すものはありません。',
  },

  'importKeyPair.does': {
    en: 'Import the new public key into EC2 in {region} as key pair {name}, so future launches can use it (only the public key is sent).',
    ja: '今後の起動で使えるように、新しい公開鍵を {region} の EC2 にキーペア {name} としてインポートします（送るのは公開鍵だけです）。',
  },
  'importKeyPair.undo': {
    en: 'Delete key pair {name} in {region} if it is not wanted; the instance does not depend on it.',
    ja: '不要なら {region} のキーペア {name} を削除します。インスタンスはこのキーペアに依存しません。',
  },
  'importKeyPair.oldName': { en: 'the old key pair name ({name})', ja: '古いキーペア名（{name}）' },
  'importKeyPair.noOldName': { en: 'no key pair', ja: 'キーペアなし' },
  'importKeyPair.imported': {
    en: 'Imported the new public key as key pair {name} ({keyPairId}) in {region}, for future launches. The EC2 console keeps showing {oldName} on {instanceId}: that is launch-time metadata EC2 never updates; the instance accepts the new key all the same.',
    ja: '今後の起動のために、新しい公開鍵を {region} にキーペア {name}（{keyPairId}）としてインポートしました。EC2 コンソールでは {instanceId} に {oldName} と表示され続けます。これは起動時のメタデータで EC2 が更新することはありませんが、インスタンスは新しい鍵を受け付けます。',
  },
  'importKeyPair.found': {
    en: 'Found the new public key as key pair {name} ({keyPairId}) in {region}, imported earlier, for future launches. The EC2 console keeps showing {oldName} on {instanceId}: that is launch-time metadata EC2 never updates; the instance accepts the new key all the same.',
    ja: '今後の起動のために以前インポートした新しい公開鍵が、{region} にキーペア {name}（{keyPairId}）として見つかりました。EC2 コンソールでは {instanceId} に {oldName} と表示され続けます。これは起動時のメタデータで EC2 が更新することはありませんが、インスタンスは新しい鍵を受け付けます。',
  },

  'removeOldKey.does': {
    en: "Remove the lines carrying the old key of key pair {keyName} ({fingerprint}) from {user}'s authorized_keys, keeping a backup, through {via}.",
    ja: '{via} を使って、{user} の authorized_keys からキーペア {keyName}（{fingerprint}）の古い鍵を含む行を取り除きます（バックアップを残します）。',
  },
  'removeOldKey.undo': {
    en: "Add the old key ({fingerprint}) back to {user}'s authorized_keys.",
    ja: '古い鍵（{fingerprint}）を {user} の authorized_keys に戻します。',
  },

  'deleteKeyPair.does': {
    en: 'Delete the old key pair {keyName} ({keyPairId}) in {region}.',
    ja: '{region} の古いキーペア {keyName}（{keyPairId}）を削除します。',
  },
  'deleteKeyPair.undo': {
    en: 'Not undone by KeyRescue: import the old public key again under {keyName} if launches need it (it gets a new id).',
    ja: 'KeyRescue では元に戻せません。起動に必要なら古い公開鍵を {keyName} として再びインポートしてください（新しい ID になります）。',
  },
  'deleteKeyPair.gone': {
    en: 'Key pair {keyName} ({keyPairId}) is no longer in {region}; nothing was deleted.',
    ja: 'キーペア {keyName}（{keyPairId}）はもう {region} にありません。何も削除していません。',
  },
  'deleteKeyPair.deleted': {
    en: 'Deleted key pair {keyName} ({keyPairId}) in {region}.',
    ja: '{region} のキーペア {keyName}（{keyPairId}）を削除しました。',
  },
  'deleteKeyPair.instancesKeepIt': {
    en: 'Instances launched with it ({instances}) keep it in authorized_keys, and EC2 keeps showing its name on them.',
    ja: 'このキーペアで起動したインスタンス（{instances}）では authorized_keys に鍵が残り、EC2 にはその名前が表示され続けます。',
  },
  'deleteKeyPair.templatesUnchecked': {
    en: 'Launch templates could not be checked (no permission to read them): a launch naming it will fail.',
    ja: '起動テンプレートを確認できませんでした（読み取る権限がありません）。このキーペアを指定した起動は失敗します。',
  },

  'sshConfig.does': {
    en: 'Add a "Host {alias}" entry to ~/.ssh/config (user {user}, the new key), keeping a backup of the file.',
    ja: '~/.ssh/config に「Host {alias}」エントリ（ユーザー {user}、新しい鍵）を追加します（ファイルのバックアップを残します）。',
  },
  'sshConfig.undo': {
    en: 'Remove the "Host {alias}" block from ~/.ssh/config (or restore the backup beside it).',
    ja: '~/.ssh/config から「Host {alias}」のブロックを取り除きます（または隣のバックアップを戻します）。',
  },
  'sshConfig.added': {
    en: 'Added "Host {alias}" to {path}: "ssh {alias}" logs in with the new key.',
    ja: '{path} に「Host {alias}」を追加しました。「ssh {alias}」で新しい鍵を使ってログインできます。',
  },
  'sshConfig.addedWithBackup': {
    en: 'Added "Host {alias}" to {path} (backup: {backup}): "ssh {alias}" logs in with the new key.',
    ja: '{path} に「Host {alias}」を追加しました（バックアップ：{backup}）。「ssh {alias}」で新しい鍵を使ってログインできます。',
  },
  'sshConfig.present': {
    en: '{path} already has this "Host {alias}" entry; nothing was changed.',
    ja: '{path} にはすでにこの「Host {alias}」エントリがあります。何も変更していません。',
  },

  'ppkCopy.does': {
    en: 'Save a PuTTY-ready PPK v3 copy of the new private key as {path}.',
    ja: '新しい秘密鍵の PuTTY 用 PPK v3 コピーを {path} に保存します。',
  },
  'ppkCopy.undo': { en: 'Delete {path} if it is not wanted.', ja: '不要なら {path} を削除します。' },
  'ppkCopy.saved': {
    en: 'Saved a PPK v3 copy of the new key as {path}.',
    ja: '新しい鍵の PPK v3 コピーを {path} に保存しました。',
  },
  'ppkCopy.savedProtected': {
    en: 'Saved a PPK v3 copy of the new key as {path}, protected by the same passphrase.',
    ja: '新しい鍵の PPK v3 コピーを {path} に保存しました（同じパスフレーズで保護）。',
  },
  'ppkCopy.present': {
    en: '{path} already holds the new key; nothing was written.',
    ja: '{path} にはすでに新しい鍵があります。何も書き込んでいません。',
  },
  // The user-data path's sentences, kept in their own file.
  ...userDataStepTexts,
  ...rescueVolumeStepTexts,
} as const satisfies Record<string, { en: string; ja: string }>;

export type StepTextKey = keyof typeof texts;
export type StepTextLanguage = 'en' | 'ja';

/** A phrase inside a sentence (a runner, a path's "through …"): one level, string params only. */
export interface StepPhrase {
  key: StepTextKey;
  params?: Record<string, string>;
}

/** One journaled sentence: its key and the values of its `{placeholders}`. */
export interface StepText {
  key: StepTextKey;
  params?: Record<string, string | StepPhrase>;
}

export const stepTexts: Readonly<Record<StepTextKey, { en: string; ja: string }>> = texts;
export const stepTextKeys = Object.keys(texts) as StepTextKey[];

/** The `{name}` placeholders of a template, sorted. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string))].sort();
}

/** A sentence (or a phrase) as a step writes it. */
export function stepText(key: StepTextKey, params?: Record<string, string | StepPhrase>): StepText {
  return params && Object.keys(params).length ? { key, params } : { key };
}

/** A phrase to put inside a sentence (string params only: one level deep). */
export function stepPhrase(key: StepTextKey, params?: Record<string, string>): StepPhrase {
  return params && Object.keys(params).length ? { key, params } : { key };
}

/** Renders a sentence, or several joined with a space, in a language. */
export function renderStepText(
  text: StepText | StepPhrase | readonly StepText[],
  language: StepTextLanguage,
): string {
  if (Array.isArray(text)) return text.map((one) => renderStepText(one, language)).join(' ');
  const { key, params = {} } = text as StepText;
  return stepTexts[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'string' ? value : renderStepText(value, language);
  });
}

/** The English the steps journal as their plain text (the report's fallback for old readers). */
export const englishOf = (text: StepText | readonly StepText[]): string => renderStepText(text, 'en');

/** A step's `does` and `undo` in English and structured (`text`), from its two sentences. */
export function stepDescription(does: StepText, undo: StepText) {
  return { does: englishOf(does), undo: englishOf(undo), text: { does, undo } };
}

/** An outcome's `result` in English and structured (`text`), from its sentences in order. */
export function stepResult(...text: StepText[]): { result: string; text: StepText[] } {
  return { result: englishOf(text), text };
}
