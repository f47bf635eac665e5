import { sha256Fingerprint } from './host-key-fingerprint';

/**
 * The host keys an instance printed to its console at boot. cloud-init's `keys_to_console` writes
 * two blocks (through syslog, so fingerprint lines usually carry an `ec2: ` or `<14>Dec  2 … ec2: `
 * prefix; the keys block often none):
 *
 *   -----BEGIN SSH HOST KEY FINGERPRINTS-----
 *   256 SHA256:… root@ip-10-0-1-23 (ED25519)
 *   -----END SSH HOST KEY FINGERPRINTS-----
 *   -----BEGIN SSH HOST KEY KEYS-----
 *   ssh-ed25519 AAAA… root@ip-10-0-1-23
 *   -----END SSH HOST KEY KEYS-----
 *
 * Console text is whatever the instance wrote (kernel lines, user scripts, an attacker on the box
 * before the recovery), so this reads it defensively: bounded, line by line, only lines of those
 * exact shapes inside complete blocks, and it never returns the text itself.
 */

export interface ConsoleHostKey {
  /** As cloud-init names it: `ED25519`, `ECDSA`, `RSA`, `DSA`. */
  type: string;
  /** `SHA256:` + 43 base64 characters, as ssh-keygen -l and ssh2 show it. */
  fingerprint: string;
}

export interface ConsoleHostKeysParse {
  keys: ConsoleHostKey[];
  /** Which block the keys came from; null when neither held a usable key. */
  source: 'fingerprints' | 'keys' | null;
}

/** GetConsoleOutput returns at most 64 KiB; far more is not console output. Only the tail is read. */
export const maxConsoleChars = 1024 * 1024;
/** An RSA 16384 public key line is about 2,900 characters; longer lines are skipped unread. */
const maxLineChars = 8192;
/** cloud-init prints one line per host key type (four at most); more is noise or an attack. */
const maxKeys = 16;
const maxBlockLines = 200;

const blockNames = {
  fingerprints: 'SSH HOST KEY FINGERPRINTS',
  keys: 'SSH HOST KEY KEYS',
} as const;
type BlockKind = keyof typeof blockNames;

// `256 SHA256:… comment (ED25519)`; the comment may hold spaces ("no comment").
// Bounded parts only: a hostile line cannot make the match slow.
const fingerprintLine =
  /(?:^|\s)\d{2,5} (SHA256:[A-Za-z0-9+/]{43})=*(?: [^\r\n]{0,512})? \(([A-Z0-9-]{2,20})\)\s*$/;
// `ssh-ed25519 AAAA… comment`.
const keyLine =
  /(?:^|\s)(ssh-ed25519|ssh-rsa|ssh-dss|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)\s+([A-Za-z0-9+/]{16,}={0,2})(?:\s|$)/;

const typeOfAlgorithm: Record<string, string> = {
  'ssh-ed25519': 'ED25519',
  'ssh-rsa': 'RSA',
  'ssh-dss': 'DSA',
  'ecdsa-sha2-nistp256': 'ECDSA',
  'ecdsa-sha2-nistp384': 'ECDSA',
  'ecdsa-sha2-nistp521': 'ECDSA',
  'sk-ssh-ed25519@openssh.com': 'ED25519-SK',
  'sk-ecdsa-sha2-nistp256@openssh.com': 'ECDSA-SK',
};

/** The SSH wire blob of a KEYS-block line, only when it really is a key of the algorithm it names. */
function blobOf(algorithm: string, base64: string): Buffer | null {
  const blob = Buffer.from(base64, 'base64');
  if (blob.length < 4 + algorithm.length) return null;
  const nameLength = blob.readUInt32BE(0);
  if (nameLength !== algorithm.length) return null;
  return blob.subarray(4, 4 + nameLength).toString('latin1') === algorithm ? blob : null;
}

function markerOf(line: string): { kind: BlockKind; edge: 'BEGIN' | 'END' } | null {
  for (const kind of Object.keys(blockNames) as BlockKind[]) {
    if (line.includes(`-----BEGIN ${blockNames[kind]}-----`)) return { kind, edge: 'BEGIN' };
    if (line.includes(`-----END ${blockNames[kind]}-----`)) return { kind, edge: 'END' };
  }
  return null;
}

/** The lines of the last complete block of each kind (a reboot prints a new pair; the last is current). */
function lastBlocks(text: string): Record<BlockKind, string[] | null> {
  const last: Record<BlockKind, string[] | null> = { fingerprints: null, keys: null };
  let open: { kind: BlockKind; lines: string[] } | null = null;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.length > maxLineChars) continue;
    const marker = markerOf(line);
    if (marker?.edge === 'BEGIN') open = { kind: marker.kind, lines: [] };
    else if (marker?.edge === 'END') {
      if (open?.kind === marker.kind) last[marker.kind] = open.lines;
      open = null;
    } else if (open) {
      // A block that never ends (output cut off, or a forged BEGIN) is dropped at its END-less end.
      if (open.lines.length >= maxBlockLines) open = null;
      else open.lines.push(line);
    }
  }
  return last;
}

function unique(keys: ConsoleHostKey[]): ConsoleHostKey[] {
  const byFingerprint = new Map<string, ConsoleHostKey>();
  for (const key of keys) if (!byFingerprint.has(key.fingerprint)) byFingerprint.set(key.fingerprint, key);
  return [...byFingerprint.values()].slice(0, maxKeys);
}

function fromFingerprints(lines: string[]): ConsoleHostKey[] {
  const keys: ConsoleHostKey[] = [];
  for (const line of lines) {
    const match = fingerprintLine.exec(line);
    if (match) keys.push({ type: match[2] ?? '', fingerprint: match[1] ?? '' });
  }
  return unique(keys);
}

function fromKeys(lines: string[]): ConsoleHostKey[] {
  const keys: ConsoleHostKey[] = [];
  for (const line of lines) {
    const match = keyLine.exec(line);
    const algorithm = match?.[1] ?? '';
    const blob = match ? blobOf(algorithm, match[2] ?? '') : null;
    if (blob)
      keys.push({ type: typeOfAlgorithm[algorithm] ?? algorithm, fingerprint: sha256Fingerprint(blob) });
  }
  return unique(keys);
}

/**
 * The host keys of the last boot's blocks: the fingerprints block's SHA256 lines, or, when it is
 * missing or prints only old MD5 fingerprints (cloud-init before OpenSSH 6.8), the SHA256
 * fingerprints of the keys block's public keys.
 */
export function parseConsoleHostKeys(consoleText: string): ConsoleHostKeysParse {
  const text = consoleText.length > maxConsoleChars ? consoleText.slice(-maxConsoleChars) : consoleText;
  const blocks = lastBlocks(text);
  const printed = blocks.fingerprints ? fromFingerprints(blocks.fingerprints) : [];
  if (printed.length > 0) return { keys: printed, source: 'fingerprints' };
  const derived = blocks.keys ? fromKeys(blocks.keys) : [];
  if (derived.length > 0) return { keys: derived, source: 'keys' };
  return { keys: [], source: null };
}

/** Decodes GetConsoleOutput's base64 `Output`, reading only its last {@link maxConsoleChars}. */
export function decodeConsoleOutput(base64: string): string {
  const maxBase64 = Math.ceil(maxConsoleChars / 3) * 4;
  const start = Math.max(0, base64.length - maxBase64);
  // Cut on a 4-character boundary counted from the start, so the tail still decodes cleanly.
  return Buffer.from(base64.slice(start + ((4 - (start % 4)) % 4)), 'base64').toString('utf8');
}
