import type { FeatureLocales } from '../../lib/locale-types';

/** Strings of the New key page (namespace `new-key`), and translations of key pair error codes. */
export const locales = {
  en: {
    title: 'New key',
    description:
      'Create a key pair for EC2 — generated on this computer (recommended) or by AWS — or import a public key you already have.',
    region: 'Region',
    method: {
      title: 'How to create it',
      local: 'Generate here and import (recommended)',
      aws: 'Let AWS generate it',
      import: 'Import a public key',
      localExplain:
        'The private key is made on this computer and saved where you choose. Only the public key is sent to AWS.',
      awsExplain:
        'AWS makes the key and returns the private key once. KeyRescue saves it before reporting success; AWS never shows it again.',
      importExplain:
        'Use a key you already have: paste an OpenSSH public key, or pick a .pub, PEM public key or private key file.',
    },
    name: {
      label: 'Key pair name',
      hint: 'Up to 255 ASCII characters, unique in the region.',
      problems: {
        empty: 'A key pair needs a name.',
        tooLong: 'At most 255 characters.',
        notAscii: 'Use only ASCII letters, digits, spaces and punctuation.',
        edgeSpaces: 'The name cannot start or end with a space.',
        duplicate: 'A key pair with this name already exists in {{region}}.',
      },
    },
    type: {
      label: 'Key type',
      ed25519: 'Ed25519',
      rsa2048: 'RSA 2048',
      rsa3072: 'RSA 3072',
      rsa4096: 'RSA 4096',
      windowsTitle: 'Not for Windows instances',
      windowsBody:
        'EC2 does not accept Ed25519 key pairs for Windows instances (their password is decrypted with an RSA key). Choose RSA for Windows.',
    },
    format: { label: 'File format', openssh: 'OpenSSH', pem: 'PEM', ppk: 'PuTTY PPK' },
    passphrase: {
      label: 'Passphrase',
      hint: 'Encrypts the saved private key. Leave both empty to save it without a passphrase.',
      confirm: 'Confirm passphrase',
      mismatch: 'The passphrases do not match.',
    },
    save: {
      label: 'Save to',
      hint: 'The private key is saved readable by you only. An existing file is never replaced without asking.',
      chooseFolder: 'Choose folder…',
    },
    exists: {
      title: '{{file}} already exists',
      body: '{{path}} is already there. Save the new key under another name, or replace that file.',
      useSuggestion: 'Save as {{file}}',
      replace: 'Replace…',
      confirmTitle: 'Replace {{file}}?',
      confirmBody:
        '{{path}} will be replaced by the new private key. The file there now cannot be recovered; if it is a key you still use, you lose the access it gives.',
      confirmReplace: 'Replace',
    },
    blockers: {
      name: 'Enter a key pair name.',
      nameProblem: 'Choose a key pair name that meets the rules above.',
      path: 'Choose where to save the private key.',
      mismatch: 'The passphrases do not match.',
      pasteKey: 'Paste a public key.',
      chooseFile: 'Choose a key file.',
      filePassphrase: 'Enter the passphrase of the private key file.',
      unreadable: 'Use a public key KeyRescue can read (see the message above).',
      reading: 'Reading the public key…',
    },
    tags: {
      label: 'Tags',
      key: 'Tag {{n}} key',
      value: 'Tag {{n}} value',
      keyPlaceholder: 'Key',
      valuePlaceholder: 'Value',
      remove: 'Remove tag {{n}}',
      removeShort: 'Remove',
      add: 'Add tag',
    },
    local: { submit: 'Create and import', promise: 'The private key never leaves this computer.' },
    aws: {
      submit: 'Create in AWS and save',
      promise:
        'If the key cannot be saved, you can choose another place or delete the new key pair — it is never left without its key.',
    },
    import: {
      source: 'Public key from',
      paste: 'Paste',
      file: 'File',
      textLabel: 'Public key',
      textHint: 'ssh-rsa AAAA… or ssh-ed25519 AAAA…, an RFC 4716 block, or a PEM public key.',
      fileLabel: 'Key file',
      fileHint: 'A .pub file, a PEM public key, or a private key file (only its public key is used).',
      chooseFile: 'Choose file…',
      passphrase: 'Passphrase of the private key file',
      passphraseHint: 'This encrypted file hides its public key; the passphrase is used only to read it.',
      type: 'Type',
      fingerprint: 'AWS fingerprint (imported)',
      sha256: 'Fingerprint (ssh-keygen)',
      comment: 'Comment',
      fromPrivate: 'Taken from a private key file: only the public key is sent to AWS.',
      submit: 'Import key pair',
    },
    unsaved: {
      title: 'The private key of {{name}} is not saved yet',
      explain:
        'AWS created the key pair and returned its private key once. Save it somewhere else, or delete the key pair — a key pair without its private key would be useless.',
      reason: 'Saving failed',
      newPath: 'Save to (full path)',
      retry: 'Save here',
      delete: 'Delete the key pair',
    },
    done: {
      title: 'Key pair {{name}} is ready',
      subtitle: {
        local: 'Generated here, saved, and its public key imported.',
        aws: 'Created by AWS and its private key saved.',
        import: 'Public key imported.',
      },
      id: 'Key pair id',
      fingerprint: 'AWS fingerprint',
      path: 'Private key',
      showInventory: 'Show in inventory',
      another: 'Create another',
    },
  },
  ja: {
    title: '新しい鍵',
    description:
      'EC2 用のキーペアを作成します（このコンピューターで生成するのがおすすめです。AWS に生成させることもできます）。既存の公開鍵をインポートすることもできます。',
    region: 'リージョン',
    method: {
      title: '作成方法',
      local: 'ここで生成してインポート（おすすめ）',
      aws: 'AWS に生成させる',
      import: '公開鍵をインポート',
      localExplain:
        '秘密鍵はこのコンピューターで作成され、指定した場所に保存されます。AWS に送るのは公開鍵だけです。',
      awsExplain:
        'AWS が鍵を作り、秘密鍵を一度だけ返します。KeyRescue は保存が終わってから完了を表示します。AWS が再び表示することはありません。',
      importExplain:
        '手元の鍵を使います。OpenSSH 形式の公開鍵を貼り付けるか、.pub、PEM 公開鍵、秘密鍵ファイルを選んでください。',
    },
    name: {
      label: 'キーペア名',
      hint: 'ASCII 文字で 255 文字まで。リージョン内で一意である必要があります。',
      problems: {
        empty: 'キーペアには名前が必要です。',
        tooLong: '255 文字までです。',
        notAscii: 'ASCII の英数字、空白、記号だけを使ってください。',
        edgeSpaces: '名前の先頭と末尾に空白は使えません。',
        duplicate: '{{region}} には同じ名前のキーペアがすでにあります。',
      },
    },
    type: {
      label: '鍵の種類',
      ed25519: 'Ed25519',
      rsa2048: 'RSA 2048',
      rsa3072: 'RSA 3072',
      rsa4096: 'RSA 4096',
      windowsTitle: 'Windows インスタンスには使えません',
      windowsBody:
        'EC2 は Windows インスタンスで Ed25519 キーペアを受け付けません（パスワードの復号に RSA 鍵を使うためです）。Windows には RSA を選んでください。',
    },
    format: { label: 'ファイル形式', openssh: 'OpenSSH', pem: 'PEM', ppk: 'PuTTY PPK' },
    passphrase: {
      label: 'パスフレーズ',
      hint: '保存する秘密鍵を暗号化します。両方とも空欄にするとパスフレーズなしで保存します。',
      confirm: 'パスフレーズ（確認）',
      mismatch: 'パスフレーズが一致しません。',
    },
    save: {
      label: '保存先',
      hint: '秘密鍵は自分だけが読める権限で保存します。既存のファイルを確認なしに置き換えることはありません。',
      chooseFolder: 'フォルダーを選択…',
    },
    exists: {
      title: '{{file}} はすでに存在します',
      body: '{{path}} にはすでにファイルがあります。新しい鍵を別の名前で保存するか、そのファイルを置き換えてください。',
      useSuggestion: '{{file}} として保存',
      replace: '置き換える…',
      confirmTitle: '{{file}} を置き換えますか？',
      confirmBody:
        '{{path}} を新しい秘密鍵で置き換えます。今あるファイルは元に戻せません。使用中の鍵であれば、その鍵によるアクセスができなくなります。',
      confirmReplace: '置き換える',
    },
    blockers: {
      name: 'キーペア名を入力してください。',
      nameProblem: '上の規則に合うキーペア名にしてください。',
      path: '秘密鍵の保存先を指定してください。',
      mismatch: 'パスフレーズが一致しません。',
      pasteKey: '公開鍵を貼り付けてください。',
      chooseFile: '鍵ファイルを選択してください。',
      filePassphrase: '秘密鍵ファイルのパスフレーズを入力してください。',
      unreadable: 'KeyRescue が読み取れる公開鍵を使ってください（上のメッセージを参照）。',
      reading: '公開鍵を読み取っています…',
    },
    tags: {
      label: 'タグ',
      key: 'タグ {{n}} のキー',
      value: 'タグ {{n}} の値',
      keyPlaceholder: 'キー',
      valuePlaceholder: '値',
      remove: 'タグ {{n}} を外す',
      removeShort: '外す',
      add: 'タグを追加',
    },
    local: {
      submit: '作成してインポート',
      promise: '秘密鍵がこのコンピューターの外に出ることはありません。',
    },
    aws: {
      submit: 'AWS で作成して保存',
      promise:
        '保存できなかった場合は、別の場所を選ぶか新しいキーペアを削除できます。秘密鍵のないキーペアが残ることはありません。',
    },
    import: {
      source: '公開鍵の入力方法',
      paste: '貼り付け',
      file: 'ファイル',
      textLabel: '公開鍵',
      textHint: 'ssh-rsa AAAA… や ssh-ed25519 AAAA…、RFC 4716 形式、PEM 公開鍵。',
      fileLabel: '鍵ファイル',
      fileHint: '.pub ファイル、PEM 公開鍵、または秘密鍵ファイル（公開鍵部分だけを使います）。',
      chooseFile: 'ファイルを選択…',
      passphrase: '秘密鍵ファイルのパスフレーズ',
      passphraseHint:
        'この暗号化ファイルは公開鍵を読み取るのにパスフレーズが必要です。読み取りにだけ使います。',
      type: '種類',
      fingerprint: 'AWS フィンガープリント（インポート）',
      sha256: 'フィンガープリント（ssh-keygen）',
      comment: 'コメント',
      fromPrivate: '秘密鍵ファイルから取り出しました。AWS に送るのは公開鍵だけです。',
      submit: 'キーペアをインポート',
    },
    unsaved: {
      title: '{{name}} の秘密鍵はまだ保存されていません',
      explain:
        'AWS がキーペアを作成し、秘密鍵を一度だけ返しました。別の場所に保存するか、キーペアを削除してください。秘密鍵のないキーペアは使えません。',
      reason: '保存に失敗しました',
      newPath: '保存先（フルパス）',
      retry: 'ここに保存',
      delete: 'キーペアを削除',
    },
    done: {
      title: 'キーペア {{name}} の準備ができました',
      subtitle: {
        local: 'ここで生成して保存し、公開鍵をインポートしました。',
        aws: 'AWS が作成し、秘密鍵を保存しました。',
        import: '公開鍵をインポートしました。',
      },
      id: 'キーペア ID',
      fingerprint: 'AWS フィンガープリント',
      path: '秘密鍵',
      showInventory: 'キーペア一覧で表示',
      another: 'もう一つ作成',
    },
  },
  errors: {
    en: {},
    ja: {
      'keypairs.nameInvalid': 'キーペア名が AWS の規則に合いません。',
      'keypairs.nameTaken':
        '{{region}} には {{name}} という名前のキーペアがすでにあります。別の名前にするか、先に古いキーペアを削除してください。',
      'keypairs.importFailedKeySaved':
        '新しい鍵は {{path}} に保存しましたが、AWS へのインポートに失敗しました。',
      'keypairs.formatUnavailable':
        'AWS が返す形式は PEM か PPK です。どちらかを選ぶか、このコンピューターで生成してください。',
      'keypairs.pendingUnknown': 'その未保存の鍵はもうありません（保存済みか、キーペアが削除されています）。',
      'keypairs.publicKeyFileMissing': '{{path}} が存在しないか、ファイルではありません。',
      'keypairs.publicKeyNotRecognized':
        '読み取れる公開鍵ではありません。OpenSSH 形式、RFC 4716、PEM 公開鍵、または秘密鍵ファイルを使ってください。',
      'keypairs.passphraseNeeded': 'この暗号化された秘密鍵は、パスフレーズがないと公開鍵を読み取れません。',
      'keypairs.typeUnsupported': 'EC2 が受け付けるのは RSA と Ed25519 のキーペアだけです。',
      'keypairs.tagInvalid': 'タグのキーは空にできず、「aws:」で始めることもできません。',
      'keypairs.notFound': '{{region}} に {{name}} というキーペアはありません。',
      'keypairs.confirmMismatch': '削除するにはキーペア名（{{name}}）を正確に入力してください。',
      'keypairs.noKeyMaterial': 'AWS から秘密鍵が返されませんでした。',
    },
  },
} satisfies FeatureLocales;
