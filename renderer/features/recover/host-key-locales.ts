// Texts of "Compare with the console output" (namespace `recover`, key `hostKeyCompare`): whether
// the host key SSH showed is one the instance printed at boot (recovery:consoleHostKeys).

export const hostKeyCompareEn = {
  action: 'Compare with the console output',
  reading: 'Reading the console output…',
  again: 'Read the console output again',
  failed: 'The console output could not be read',
  printed: 'Host keys in the console output:',
  capturedAt: 'Console output captured {{at}}.',
  matchTitle: 'The fingerprint matches the console output',
  matchBody:
    'The SSH server showed {{fingerprint}}, the {{type}} host key {{instanceId}} printed to its console at boot: it is the instance’s own key.',
  mismatchTitle: 'Warning: this fingerprint is not in the console output',
  mismatchBody:
    'The SSH server showed {{fingerprint}}, but {{instanceId}} printed other host keys at boot. Another server may be answering at this address, or the host keys changed since that boot.',
  mismatchAccepted:
    'Do not accept this host key: do not use this login, and type no password or passphrase there, until you know why. Abandon the recovery if you cannot explain it.',
  mismatchRefused: 'Do not accept this host key until you know why.',
  emptyTitle: 'No console output yet',
  emptyBody:
    '{{instanceId}} has no console output yet: EC2 posts it a few minutes after the instance starts. Read it again in a few minutes.',
  notPrintedTitle: 'The console output prints no host keys',
  notPrintedBody:
    'The console output of {{instanceId}} has no host key block (cloud-init’s keys_to_console is off, the image has no cloud-init, or the boot has not got that far), so there is nothing to compare with.',
  deniedTitle: 'Not permitted to read the console output',
  deniedBody:
    'This AWS identity may not read the console output of {{instanceId}} (ec2:GetConsoleOutput), so there is nothing to compare with. Ask an administrator for that permission, or ask someone who has it to run “keyrescue host-keys {{instanceId}}”.',
  otherWayAccepted:
    'Until you can compare, confirm {{fingerprint}} another way (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the instance, through the EC2 Serial Console or Systems Manager) before you rely on this login.',
  otherWayRefused:
    'Accept {{fingerprint}} only once you have confirmed it another way (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the instance, through the EC2 Serial Console or Systems Manager).',
};

export const hostKeyCompareJa: typeof hostKeyCompareEn = {
  action: 'コンソール出力と比べる',
  reading: 'コンソール出力を読み込んでいます…',
  again: 'コンソール出力をもう一度読み込む',
  failed: 'コンソール出力を読み込めませんでした',
  printed: 'コンソール出力にあるホスト鍵：',
  capturedAt: 'コンソール出力の取得日時：{{at}}',
  matchTitle: 'フィンガープリントはコンソール出力と一致しました',
  matchBody:
    'SSH サーバーが示した {{fingerprint}} は、{{instanceId}} が起動時にコンソールに出力した {{type}} ホスト鍵です。インスタンス自身の鍵です。',
  mismatchTitle: '警告：このフィンガープリントはコンソール出力にありません',
  mismatchBody:
    'SSH サーバーは {{fingerprint}} を示しましたが、{{instanceId}} が起動時に出力したホスト鍵は別のものです。このアドレスで別のサーバーが応答しているか、その起動の後にホスト鍵が変わった可能性があります。',
  mismatchAccepted:
    'このホスト鍵を受け入れないでください。理由がわかるまで、このログインを使わず、パスワードやパスフレーズも入力しないでください。理由を説明できない場合は復旧を中断してください。',
  mismatchRefused: '理由がわかるまで、このホスト鍵を受け入れないでください。',
  emptyTitle: 'コンソール出力がまだありません',
  emptyBody:
    '{{instanceId}} にはまだコンソール出力がありません。EC2 はインスタンスの起動から数分後に出力を掲載します。数分後にもう一度読み込んでください。',
  notPrintedTitle: 'コンソール出力にホスト鍵がありません',
  notPrintedBody:
    '{{instanceId}} のコンソール出力にはホスト鍵の部分がありません（cloud-init の keys_to_console が無効、イメージに cloud-init がない、または起動がそこまで進んでいない）。比べる対象がありません。',
  deniedTitle: 'コンソール出力を読む権限がありません',
  deniedBody:
    'この AWS の ID には {{instanceId}} のコンソール出力を読む権限（ec2:GetConsoleOutput）がないため、比べる対象がありません。管理者に権限を依頼するか、権限のある人に「keyrescue host-keys {{instanceId}}」の実行を頼んでください。',
  otherWayAccepted:
    '比べられるようになるまでは、このログインに頼る前に、別の方法で {{fingerprint}} を確かめてください（EC2 シリアルコンソールや Systems Manager でインスタンス上の ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub を実行）。',
  otherWayRefused:
    '別の方法で確かめてから {{fingerprint}} を受け入れてください（EC2 シリアルコンソールや Systems Manager でインスタンス上の ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub を実行）。',
};
