import type { FeatureLocales } from '../../lib/locale-types';

/** Strings of the About & FAQ page (namespace `about`); facts from research/recovery-paths.md §0. */
export const locales = {
  en: {
    title: 'About & FAQ',
    description:
      'What KeyRescue does, why a lost private key cannot be downloaded again, and how KeyRescue gets you back into your instance anyway.',
    does: {
      title: 'What KeyRescue does',
      inventory:
        'Key pairs: every key pair of the account in every region, the instances that use each one, and whether its private key is on this computer (At risk when it is not).',
      newKey:
        'New key: create a key pair here (the private key never leaves this computer), let AWS create one, or import a public key.',
      converter:
        'Convert: turn keys between OpenSSH, PEM and PuTTY’s PPK, keeping or changing the passphrase.',
      recover:
        'Recover access: check an instance without changing anything, add a new public key through another working login, EC2 Instance Connect or Systems Manager, prove with a fresh SSH login that the new key works, then clean up and save a report.',
    },
    why: {
      title: 'Why can’t I download my private key again?',
      p1: 'When you create a key pair, AWS hands you the private key (the .pem file) exactly once. AWS keeps only the matching public key. It never stores your private key, so there is nothing left to download.',
      p2: 'The public key was copied into the instance — into the default user’s ~/.ssh/authorized_keys — only the first time the instance booted. The key name the console shows for an instance is a label from launch time. It never changes, even after access is fixed.',
      p3: 'So the old private key is gone for good. What you can do is put a new public key on the instance and log in with its new private key. That is what KeyRescue does, safely, through whichever way in your instance allows.',
    },
    checks: {
      title: 'Two quick checks first',
      body: 'You may still have a copy without knowing it:',
      cloudFormation:
        'Key pairs created by CloudFormation keep their private key in Systems Manager Parameter Store at {{path}}.',
      resetAccess: 'An earlier run of the AWSSupport-ResetAccess runbook left a private key at {{path}}.',
    },
    paths: {
      title: 'Ways back in',
      subtitle:
        'KeyRescue checks your instance first (read-only) and recommends the least disruptive way that will work.',
      inApp: 'In KeyRescue',
      notInApp: 'Not in KeyRescue yet',
      noDowntime: 'No downtime',
      needsStop: 'Stops the instance',
      lastResort: 'Last resort',
      ssh: {
        title: 'Another working login',
        body: 'If another user or key can still log in, KeyRescue adds your new key through that login.',
      },
      eic: {
        title: 'EC2 Instance Connect',
        body: 'If the instance has EC2 Instance Connect and port 22 is reachable, AWS accepts a temporary key for 60 seconds; KeyRescue uses that minute to add your new key.',
      },
      ssm: {
        title: 'Systems Manager',
        body: 'If the instance’s SSM Agent is online, a Run Command adds your key without SSH at all.',
      },
      userData: {
        title: 'User data at next boot',
        body: 'The instance is stopped, a one-time script that adds your key runs at the next start, and the original user data is restored exactly. KeyRescue will run this in a later version.',
      },
      rescueVolume: {
        title: 'Rescue volume',
        body: 'After a snapshot, the root volume is attached to a temporary helper instance, your key is added, and the volume goes back where it was. KeyRescue will run this in a later version.',
      },
      serialConsole: {
        title: 'EC2 Serial Console',
        body: 'A text console on supported (Nitro) instances, for when nothing else works. KeyRescue does not use it.',
      },
      instanceStore:
        'Instances whose root is an instance-store volume cannot be stopped safely: only a working login, Instance Connect, Systems Manager or the serial console can help them.',
    },
    faq: {
      title: 'Frequently asked questions',
      upload: {
        q: 'Does KeyRescue upload my private key?',
        a: 'No. Private keys are created and kept on this computer, with owner-only file permissions. Only public keys are ever sent to AWS.',
      },
      sameName: {
        q: 'Can I just create a new key pair with the same name?',
        a: 'Not on its own. A running instance keeps the public key it received at its first boot, whatever happens to the key pair in AWS. The new public key has to be placed on the instance, which is what the ways above do.',
      },
      oldName: {
        q: 'Why does the AWS console still show the old key name?',
        a: 'The key name on an instance is recorded at launch and never updated. After recovery your new key works even though the old name is still shown.',
      },
      data: {
        q: 'Could I lose data?',
        a: 'The ways without downtime change nothing but the key file. Before any way that stops the instance, KeyRescue takes a snapshot, lists what a stop changes (a new public IP unless you use an Elastic IP, lost instance-store data, Auto Scaling) and asks you first. It never overwrites authorized_keys: it adds one line and keeps a backup.',
      },
      practice: {
        q: 'What is the Practice account?',
        a: 'A simulated AWS account that runs on this computer, with example instances, so you can try every step safely. It needs no AWS credentials and changes nothing real.',
      },
    },
  },
  ja: {
    title: 'このアプリと FAQ',
    description:
      'KeyRescue でできること、なくした秘密鍵をもう一度ダウンロードできない理由、それでもインスタンスに再びログインできる仕組みを説明します。',
    does: {
      title: 'KeyRescue でできること',
      inventory:
        'キーペア一覧：すべてのリージョンのキーペア、それぞれを使うインスタンス、その秘密鍵がこのコンピューターにあるか（ない場合は「要対応」）を表示します。',
      newKey:
        '新しい鍵：ここでキーペアを作成する（秘密鍵はこのコンピューターから出ません）、AWS に作成させる、公開鍵をインポートする、のいずれかです。',
      converter:
        '変換：OpenSSH、PEM、PuTTY の PPK の間で鍵を変換します。パスフレーズは保つことも変えることもできます。',
      recover:
        'アクセスの復旧：何も変更せずにインスタンスを調べ、別の使えるログイン、EC2 Instance Connect、Systems Manager のいずれかで新しい公開鍵を追加し、新しい SSH ログインで新しい鍵が使えることを確認してから、後片付けとレポートの保存を行います。',
    },
    why: {
      title: '秘密鍵をもう一度ダウンロードできないのはなぜですか？',
      p1: 'キーペアを作成すると、AWS は秘密鍵（.pem ファイル）を一度だけ渡します。AWS が保管するのは対応する公開鍵だけです。秘密鍵は AWS に保存されないため、再ダウンロードできるものは残っていません。',
      p2: '公開鍵がインスタンスにコピーされるのは、インスタンスが初めて起動したとき（既定ユーザーの ~/.ssh/authorized_keys）だけです。コンソールでインスタンスに表示されるキーペア名は起動時の記録で、アクセスを回復した後も変わりません。',
      p3: 'つまり、古い秘密鍵は取り戻せません。できるのは、新しい公開鍵をインスタンスに追加し、新しい秘密鍵でログインすることです。KeyRescue は、インスタンスで使える方法を選んで、それを安全に行います。',
    },
    checks: {
      title: 'まず確認したい 2 つのこと',
      body: '気付かないうちにコピーが残っている場合があります。',
      cloudFormation:
        'CloudFormation で作成したキーペアの秘密鍵は、Systems Manager パラメータストアの {{path}} に保存されています。',
      resetAccess:
        '以前に AWSSupport-ResetAccess ランブックを実行した場合、秘密鍵が {{path}} に残っています。',
    },
    paths: {
      title: 'ログインを取り戻す方法',
      subtitle:
        'KeyRescue はまずインスタンスを読み取り専用で調べ、使える方法のうち影響が最も小さいものを勧めます。',
      inApp: 'KeyRescue で実行',
      notInApp: 'KeyRescue では未対応',
      noDowntime: '停止なし',
      needsStop: 'インスタンスを停止',
      lastResort: '最後の手段',
      ssh: {
        title: '別の有効なログイン',
        body: '別のユーザーや鍵でまだログインできる場合、そのログインを使って新しい鍵を追加します。',
      },
      eic: {
        title: 'EC2 Instance Connect',
        body: 'インスタンスに EC2 Instance Connect があり、ポート 22 に接続できる場合、AWS は一時的な鍵を 60 秒間受け付けます。KeyRescue はその間に新しい鍵を追加します。',
      },
      ssm: {
        title: 'Systems Manager',
        body: 'インスタンスの SSM エージェントがオンラインなら、Run Command で SSH を使わずに鍵を追加します。',
      },
      userData: {
        title: '次回起動時のユーザーデータ',
        body: 'インスタンスを停止し、鍵を追加する一度きりのスクリプトを次の起動時に実行して、元のユーザーデータをそのまま元に戻します。KeyRescue の今後のバージョンで実行できるようになります。',
      },
      rescueVolume: {
        title: 'レスキューボリューム',
        body: 'スナップショットを取ってから、ルートボリュームを一時的な作業用インスタンスに接続して鍵を追加し、ボリュームを元の場所に戻します。KeyRescue の今後のバージョンで実行できるようになります。',
      },
      serialConsole: {
        title: 'EC2 シリアルコンソール',
        body: '対応する（Nitro）インスタンスで使えるテキストコンソールです。ほかの方法がすべて使えないときに使います。KeyRescue では未対応です。',
      },
      instanceStore:
        'ルートがインスタンスストアのインスタンスは安全に停止できません。使えるのは、別の有効なログイン、Instance Connect、Systems Manager、シリアルコンソールだけです。',
    },
    faq: {
      title: 'よくある質問',
      upload: {
        q: 'KeyRescue は秘密鍵をアップロードしますか？',
        a: 'いいえ。秘密鍵はこのコンピューター上で作成・保管され、所有者だけが読めるファイル権限で保存されます。AWS に送るのは公開鍵だけです。',
      },
      sameName: {
        q: '同じ名前で新しいキーペアを作れば解決しますか？',
        a: 'それだけでは解決しません。インスタンスは、AWS 側のキーペアがどうなっても、初回起動時に受け取った公開鍵を使い続けます。新しい公開鍵をインスタンスに置く必要があり、上の方法はそのためのものです。',
      },
      oldName: {
        q: 'AWS コンソールに古いキーペア名が表示されたままなのはなぜですか？',
        a: 'インスタンスのキーペア名は起動時に記録され、その後は更新されません。回復後は、古い名前が表示されていても新しい鍵でログインできます。',
      },
      data: {
        q: 'データが失われることはありますか？',
        a: '停止しない方法で変わるのは鍵のファイルだけです。インスタンスを停止する方法では、KeyRescue が先にスナップショットを取り、停止による影響（Elastic IP がなければパブリック IP が変わる、インスタンスストアのデータが消える、Auto Scaling など）を示して、必ず確認します。authorized_keys を上書きすることはなく、1 行を追加してバックアップを残します。',
      },
      practice: {
        q: '練習用アカウントとは何ですか？',
        a: 'このコンピューター上で動く模擬 AWS アカウントで、例のインスタンスが用意されています。すべての手順を安全に試せます。AWS の認証情報は不要で、実際のリソースは何も変わりません。',
      },
    },
  },
} satisfies FeatureLocales;
