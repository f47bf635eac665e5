/** Pure rules of the New key form: AWS's name rules, file names, method defaults and what blocks submit. */

export type Method = 'local' | 'aws' | 'import';
export type KeyChoice = 'rsa2048' | 'rsa3072' | 'rsa4096' | 'ed25519';
export type Format = 'openssh' | 'pem' | 'ppk';

export interface TagRow {
  key: string;
  value: string;
}

/**
 * Everything the user typed, shared by the three methods so switching keeps it. `keyChoice` and
 * `format` are `null` until the user picks one (then the method's default applies).
 */
export interface NewKeyDraft {
  method: Method;
  /** '' until the user picks one: the account's default region applies. */
  region: string;
  name: string;
  keyChoice: KeyChoice | null;
  format: Format | null;
  passphrase: string;
  confirmPassphrase: string;
  /** The path the user typed or chose; until then it follows the name and format. */
  typedPath: string | null;
  tags: TagRow[];
  importSource: 'text' | 'file';
  importText: string;
  importPath: string;
  /** Only to read the public half of an encrypted private key file; never the new key's passphrase. */
  importPassphrase: string;
}

export const emptyDraft: NewKeyDraft = {
  method: 'local',
  region: '',
  name: '',
  keyChoice: null,
  format: null,
  passphrase: '',
  confirmPassphrase: '',
  typedPath: null,
  tags: [],
  importSource: 'text',
  importText: '',
  importPath: '',
  importPassphrase: '',
};

/** Key types and formats each create method offers (AWS makes RSA 2048 or Ed25519, as PEM or PPK). */
export const keyChoicesOf = {
  local: ['ed25519', 'rsa2048', 'rsa3072', 'rsa4096'],
  aws: ['rsa2048', 'ed25519'],
} as const satisfies Record<'local' | 'aws', readonly KeyChoice[]>;
export const formatsOf = {
  local: ['openssh', 'pem', 'ppk'],
  aws: ['pem', 'ppk'],
} as const satisfies Record<'local' | 'aws', readonly Format[]>;

/** The key type in effect: the user's pick if this method offers it, else the nearest one it does. */
export function effectiveKeyChoice(method: 'local' | 'aws', choice: KeyChoice | null): KeyChoice {
  if (choice === null) return method === 'local' ? 'ed25519' : 'rsa2048';
  if ((keyChoicesOf[method] as readonly KeyChoice[]).includes(choice)) return choice;
  return 'rsa2048'; // AWS makes RSA keys of 2048 bits only
}

/** The file format in effect: the user's pick if this method offers it, else PEM (what AWS returns). */
export function effectiveFormat(method: 'local' | 'aws', format: Format | null): Format {
  if (format === null) return method === 'local' ? 'openssh' : 'pem';
  return (formatsOf[method] as readonly Format[]).includes(format) ? format : 'pem';
}

/** AWS's key pair name rules, checked before anything is sent (the service checks them again). */
export function localNameProblem(name: string): 'empty' | 'tooLong' | 'notAscii' | 'edgeSpaces' | null {
  if (name.length === 0) return 'empty';
  if (name.length > 255) return 'tooLong';
  if (!/^[\x20-\x7e]+$/.test(name)) return 'notAscii';
  if (name.trim() !== name) return 'edgeSpaces';
  return null;
}

/** `folder` + `file` with the folder's own separator (Windows paths keep backslashes). */
export function joinPath(folder: string, file: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? `${folder}${file}` : `${folder}${separator}${file}`;
}

/** The last segment of a path (works for / and \ paths). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** A file name for the private key: the key pair name made safe, with the format's usual extension. */
export function defaultFileName(name: string, format: Format): string {
  const base = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '') || 'key';
  return format === 'openssh' ? base : `${base}.${format}`;
}

/** Where the private key goes: what the user typed, else the name's default file in ~/.ssh. */
export function savePath(draft: NewKeyDraft, sshDir: string | null): string {
  if (draft.typedPath !== null) return draft.typedPath;
  if (draft.method === 'import' || !sshDir) return '';
  return joinPath(
    sshDir,
    defaultFileName(draft.name || 'new-key', effectiveFormat(draft.method, draft.format)),
  );
}

/** Rows with an empty key are dropped; the rest are sent as typed. */
export function cleanTags(tags: TagRow[]): TagRow[] {
  return tags
    .filter((tag) => tag.key.trim() !== '')
    .map((tag) => ({ key: tag.key.trim(), value: tag.value }));
}

/** What the form knows besides the draft: the name check and (for import) the public key preview. */
export interface BlockerFacts {
  sshDir: string | null;
  duplicateName: boolean;
  /** Import only: the preview of the current source is ready, failed, or still being read. */
  preview: 'ready' | 'failed' | 'passphraseNeeded' | 'reading';
}

/** What keeps the submit button disabled, as locale keys (namespace `new-key`); empty when ready. */
export function submitBlockers(draft: NewKeyDraft, facts: BlockerFacts): string[] {
  const blockers: string[] = [];
  if (draft.name === '') blockers.push('blockers.name');
  else if (localNameProblem(draft.name) || facts.duplicateName) blockers.push('blockers.nameProblem');
  if (draft.method === 'import') {
    const hasSource =
      draft.importSource === 'text' ? draft.importText.trim() !== '' : draft.importPath !== '';
    if (!hasSource)
      blockers.push(draft.importSource === 'text' ? 'blockers.pasteKey' : 'blockers.chooseFile');
    else if (facts.preview === 'passphraseNeeded') blockers.push('blockers.filePassphrase');
    else if (facts.preview === 'failed') blockers.push('blockers.unreadable');
    else if (facts.preview === 'reading') blockers.push('blockers.reading');
    return blockers;
  }
  if (savePath(draft, facts.sshDir).trim() === '') blockers.push('blockers.path');
  if (draft.passphrase !== draft.confirmPassphrase) blockers.push('blockers.mismatch');
  return blockers;
}

/** The public key source the import form describes, or null while it has none. */
export function importSourceOf(
  draft: NewKeyDraft,
): { kind: 'text'; text: string } | { kind: 'file'; path: string } | null {
  if (draft.importSource === 'text')
    return draft.importText.trim() ? { kind: 'text', text: draft.importText } : null;
  return draft.importPath ? { kind: 'file', path: draft.importPath } : null;
}
