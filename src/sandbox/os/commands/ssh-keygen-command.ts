/**
 * Guest `ssh-keygen -l [-E sha256|md5] -f FILE|-` (fingerprints, for scripts that validate a key
 * before installing it). Other ssh-keygen modes are not available in the sandbox.
 */
import { createHash } from 'node:crypto';
import type { Command } from 'just-bash';
import { defineCommand, latin1FromBytes } from 'just-bash';
import { utils } from 'ssh2';
import { parseAuthorizedKeyLine } from '../authorized-keys.js';
import { strerror } from '../fs-errors.js';
import type { ShellSession } from './session.js';
import { absolute, fail, ok, parseShortOptions } from './session.js';

const typeNames: Record<string, string> = {
  'ssh-ed25519': 'ED25519',
  'ssh-rsa': 'RSA',
  'ssh-dss': 'DSA',
  'ecdsa-sha2-nistp256': 'ECDSA',
  'ecdsa-sha2-nistp384': 'ECDSA',
  'ecdsa-sha2-nistp521': 'ECDSA',
};

function keyBits(type: string, blob: Buffer): number {
  if (type === 'ssh-rsa') {
    // blob: string type, mpint e, mpint n
    let off = 4 + blob.readUInt32BE(0);
    off += 4 + blob.readUInt32BE(off);
    const nLen = blob.readUInt32BE(off);
    const n = blob.subarray(off + 4, off + 4 + nLen);
    const first = n.findIndex((b) => b !== 0);
    const lead = n[first] ?? 0;
    return (n.length - first - 1) * 8 + (32 - Math.clz32(lead));
  }
  if (type.startsWith('ecdsa-sha2-nistp')) return Number(type.slice(16));
  return type === 'ssh-dss' ? 1024 : 256;
}

/** One fingerprint line as ssh-keygen -l prints it, or undefined for a line that is not a key. */
export function fingerprintLine(line: string, hash: 'sha256' | 'md5'): string | undefined {
  const parsed = parseAuthorizedKeyLine(line);
  if (!parsed) return undefined;
  const key = utils.parseKey(parsed.keyText);
  if (key instanceof Error || Array.isArray(key)) return undefined;
  const [type = '', b64 = ''] = parsed.keyText.split(' ');
  const blob = Buffer.from(b64, 'base64');
  const comment =
    line
      .trim()
      .slice(line.trim().indexOf(b64) + b64.length)
      .trim() || 'no comment';
  const digest =
    hash === 'md5'
      ? `MD5:${createHash('md5').update(blob).digest('hex').match(/../g)?.join(':') ?? ''}`
      : `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  return `${keyBits(type, blob)} ${digest} ${comment} (${typeNames[type] ?? type.toUpperCase()})`;
}

/** The `ssh-keygen` command for one session. */
export function sshKeygenCommand(s: ShellSession): Command {
  return defineCommand('ssh-keygen', async (args, ctx) => {
    const { flags } = parseShortOptions(args, ['-f', '-E']);
    if (!flags.has('-l')) return fail('ssh-keygen: only -l (show fingerprint) is available in the sandbox');
    const file = flags.get('-f');
    if (typeof file !== 'string') return fail('ssh-keygen: -l requires -f FILE');
    const hash = flags.get('-E') === 'md5' ? 'md5' : 'sha256';
    let text: string;
    try {
      text =
        file === '-' || file === '/dev/stdin'
          ? Buffer.from(latin1FromBytes(ctx.stdin), 'latin1').toString('utf8')
          : await s.vfs.readFile(absolute(ctx.cwd, file));
    } catch (err) {
      return fail(`${file}: ${strerror(err)}`, 255);
    }
    const lines = text
      .split('\n')
      .map((l) => fingerprintLine(l, hash))
      .filter((l): l is string => l !== undefined);
    if (lines.length === 0) return fail(`${file} is not a public key file.`, 255);
    return ok(lines.map((l) => `${l}\n`).join(''));
  });
}
