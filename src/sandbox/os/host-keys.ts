/**
 * SSH host keys: ed25519 generated with Node's crypto and stored where sshd keeps them
 * (/etc/ssh/ssh_host_ed25519_key{,.pub}) in the instance's own filesystem, in OpenSSH's
 * private-key format (which both ssh-keygen and ssh2 read).
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { SandboxFilesystem } from './sandbox-filesystem.js';
import { putFile, readFileText } from './sandbox-filesystem.js';

/** Paths of the host key pair in the guest. */
export const HOST_KEY_PATH = '/etc/ssh/ssh_host_ed25519_key';

function sshString(data: Buffer | string): Buffer {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(buf.length);
  return Buffer.concat([len, buf]);
}

/** A freshly generated host key in OpenSSH formats. */
export interface HostKeyPair {
  /** `-----BEGIN OPENSSH PRIVATE KEY-----` text. */
  privateKey: string;
  /** `ssh-ed25519 AAAA… comment` line. */
  publicKey: string;
}

/**
 * Generates an ed25519 key and encodes it as OpenSSH does (unencrypted). The key comes out of
 * keygen already DER-encoded: exporting a freshly generated KeyObject as JWK can deadlock Node 20
 * (the export holds the key's lock while allocating; a GC then destroys the keygen job, which takes
 * the same lock — seen with gdb while booting thousands of instances). Both DER forms end with the
 * raw 32-byte key.
 */
export function generateEd25519HostKey(comment: string): HostKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  const pubRaw = publicKey.subarray(-32);
  const seed = privateKey.subarray(-32);
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pubRaw)]);
  const check = randomBytes(4);
  let priv = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(pubRaw),
    sshString(Buffer.concat([seed, pubRaw])),
    sshString(comment),
  ]);
  const pad = (8 - (priv.length % 8)) % 8;
  priv = Buffer.concat([priv, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    Buffer.from([0, 0, 0, 1]),
    sshString(pubBlob),
    sshString(priv),
  ]);
  const b64 = body
    .toString('base64')
    .replace(/(.{70})/g, '$1\n')
    .replace(/\n$/, '');
  return {
    privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64}\n-----END OPENSSH PRIVATE KEY-----\n`,
    publicKey: `ssh-ed25519 ${pubBlob.toString('base64')} ${comment}`,
  };
}

/** `SHA256:…` fingerprint of an OpenSSH public key line (as ssh-keygen -l prints it). */
export function publicKeyFingerprint(line: string): string {
  const blob = Buffer.from(line.trim().split(/\s+/)[1] ?? '', 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Writes a new host key pair into a root filesystem (0600 private, 0644 public, root-owned). */
export function installHostKey(fs: SandboxFilesystem, comment: string): HostKeyPair {
  const pair = generateEd25519HostKey(comment);
  putFile(fs, HOST_KEY_PATH, pair.privateKey, { mode: 0o600 });
  putFile(fs, `${HOST_KEY_PATH}.pub`, `${pair.publicKey}\n`, { mode: 0o644 });
  return pair;
}

/** Reads the host key pair from a root filesystem, if present. */
export function readHostKey(fs: SandboxFilesystem): HostKeyPair | undefined {
  const privateKey = readFileText(fs, HOST_KEY_PATH);
  const publicKey = readFileText(fs, `${HOST_KEY_PATH}.pub`);
  return privateKey && publicKey ? { privateKey, publicKey: publicKey.trim() } : undefined;
}

/** Removes host keys (cloud-init's ssh_deletekeys on a new instance). */
export function deleteHostKeys(fs: SandboxFilesystem): void {
  for (const path of Object.keys(fs.entries)) {
    if (/^\/etc\/ssh\/ssh_host_.*_key(\.pub)?$/.test(path)) delete fs.entries[path];
  }
}
