import type { Clock } from '../../app/clock';
import { AppError } from '../../ipc/app-error';
import type { NewKeyChoice } from '../../ipc/contracts/recovery-run';
import {
  computeFingerprints,
  decodePrivateKey,
  encodePrivateKey,
  generatePrivateKey,
  inspectKey,
  publicKeyToOpenSSH,
  type PrivateKey,
} from '../../keys';
import type { KeyFileCaller, KeyFiles } from '../../keys/key-files';
import { loadKeySource } from '../../keys/key-source';
import { newKeyErrorCodes } from './new-key-errors';

/**
 * The recovery's new key, ready for the steps: the public line that goes into authorized_keys (and
 * optionally into EC2 as a key pair), its fingerprint, and the private key for the verification
 * login. `privateKeyOpenSsh` is unencrypted OpenSSH text held IN MEMORY ONLY (ssh2 reads it; it
 * cannot read PPK v3 or every encrypted form): it is never journaled, logged, sent to the renderer
 * or written anywhere — the saved file, if any, is `savedPath` in the format the user chose.
 */
export interface PreparedNewKey {
  /** `type base64 comment`, one OpenSSH line without a line break. */
  publicKeyLine: string;
  /** `SHA256:…` as `ssh-keygen -l` prints it (journaled; names the key in the report). */
  fingerprint: string;
  type: PrivateKey['type'];
  bits: number;
  privateKeyOpenSsh: string;
  /** Where the private key is (the generated file, or the existing file the user chose). */
  savedPath?: string;
  /** That file is encrypted (a resume asks for its passphrase again). */
  encrypted: boolean;
  /** The generated key's `.pub` beside it. */
  publicKeyPath?: string;
}

export interface PrepareNewKeyInput {
  choice: NewKeyChoice;
  /** Names the key in its comment (`keyrescue-i-0abc…-20260102`). */
  instanceId: string;
  caller: KeyFileCaller;
  signal?: AbortSignal;
}

export interface PrepareNewKeyDeps {
  /** The one writer of key files (guard, no-clobber, 0600 atomic, remembered as a local key). */
  keyFiles: KeyFiles;
  clock: Clock;
}

/** Old PuTTY and clients without Ed25519 get the biggest common RSA size; generation is local. */
export const NEW_RSA_BITS = 4096;

/**
 * The comment a generated key carries, so a line in authorized_keys says where it came from and
 * when: `keyrescue-<instance>-<yyyymmdd>` (UTC). Only characters any authorized_keys reader keeps.
 */
export function newKeyComment(instanceId: string, now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  const instance = instanceId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 40) || 'instance';
  return `keyrescue-${instance}-${day}`;
}

/** A comment that prints as itself in a one-line authorized_keys entry (else the KeyRescue one). */
const plainComment = /^[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?$/;

/**
 * Turns the user's new-key choice into a PreparedNewKey. `generate` makes an Ed25519 (or RSA 4096)
 * key and saves it through KeyFiles with its `.pub` — both paths are checked before the key is
 * made, and neither file replaces an existing one unless `overwrite`. `existing` reads a private
 * key file the user has (PEM, OpenSSH, PPK); its public half is trusted only once the whole file
 * decodes (PPK MAC, matching halves), as the keys module does for every public key it hands out.
 */
export async function prepareNewKey(
  input: PrepareNewKeyInput,
  deps: PrepareNewKeyDeps,
): Promise<PreparedNewKey> {
  return input.choice.kind === 'generate'
    ? generateNewKey(input, input.choice, deps)
    : readExistingKey(input, input.choice, deps.clock);
}

async function generateNewKey(
  input: PrepareNewKeyInput,
  choice: Extract<NewKeyChoice, { kind: 'generate' }>,
  deps: PrepareNewKeyDeps,
): Promise<PreparedNewKey> {
  const path = choice.outputPath;
  const writeOptions = { overwrite: choice.overwrite ?? false, caller: input.caller };
  // Checked before generating: an RSA 4096 key takes a while to make only to be refused.
  for (const target of [path, `${path}.pub`]) await deps.keyFiles.checkTarget(target, writeOptions);
  const comment = newKeyComment(input.instanceId, deps.clock.now());
  const key = await generatePrivateKey({
    type: choice.type,
    ...(choice.type === 'rsa' ? { bits: NEW_RSA_BITS } : {}),
    comment,
  });
  const signal = input.signal ? { signal: input.signal } : {};
  const text = await encodePrivateKey(key, {
    format: choice.format,
    ...(choice.newPassphrase ? { passphrase: choice.newPassphrase } : {}),
    source: path,
    ...signal,
  });
  const publicKeyLine = publicKeyToOpenSSH(key, comment);
  const { publicKeyPath } = await deps.keyFiles.writeKeyPair(path, text, publicKeyLine, writeOptions);
  return {
    ...(await prepared(key, publicKeyLine)),
    savedPath: path,
    encrypted: Boolean(choice.newPassphrase),
    publicKeyPath,
  };
}

async function readExistingKey(
  input: PrepareNewKeyInput,
  choice: Extract<NewKeyChoice, { kind: 'existing' }>,
  clock: Clock,
): Promise<PreparedNewKey> {
  const path = choice.privateKeyPath;
  // Not found, a folder, unreadable, too large: each names the file (keys.fileNotFound, …).
  const { data } = await loadKeySource({ kind: 'file', path });
  const inspection = inspectKey(data, { source: path });
  if (inspection.kind === 'public')
    throw new AppError(
      newKeyErrorCodes.publicOnly,
      `${path} is a public key. Choose its private key file: KeyRescue proves the new key works with a fresh login, which needs the private key (it never leaves this computer).`,
      { path },
    );
  if (inspection.encrypted && !choice.passphrase)
    throw new AppError(
      newKeyErrorCodes.passphraseNeeded,
      `${path} is an encrypted private key; enter its passphrase so KeyRescue can read its public key and log in with it.`,
      { path },
    );
  // Wrong passphrase, a tampered PPK, halves that do not match: keys.* errors naming the file.
  const key = await decodePrivateKey(data, {
    source: path,
    ...(choice.passphrase ? { passphrase: choice.passphrase } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  });
  // The user's own comment names their key; one that would not print as itself is replaced.
  const comment = plainComment.test(key.comment) ? key.comment : newKeyComment(input.instanceId, clock.now());
  return {
    ...(await prepared(key, publicKeyToOpenSSH(key, comment))),
    savedPath: path,
    encrypted: inspection.encrypted,
  };
}

async function prepared(key: PrivateKey, publicKeyLine: string): Promise<Omit<PreparedNewKey, 'encrypted'>> {
  return {
    publicKeyLine,
    fingerprint: computeFingerprints(key).sha256,
    type: key.type,
    bits: key.bits,
    privateKeyOpenSsh: await encodePrivateKey(key, { format: 'openssh' }),
  };
}
