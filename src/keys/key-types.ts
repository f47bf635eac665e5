/** Key algorithms the converter reads and writes. DSA is recognised only to be refused. */
export type KeyType = 'rsa' | 'ed25519' | 'ecdsa';
export type EcCurve = 'nistp256' | 'nistp384' | 'nistp521';

/** Formats a file can be in, as detected by `inspectKey`. */
export type PrivateKeyFormat = 'ppk2' | 'ppk3' | 'openssh' | 'pkcs1' | 'pkcs8' | 'sec1';
export type PublicKeyFormat = 'openssh-public' | 'rfc4716' | 'spki' | 'pkcs1-public' | 'ppk-public';
export type KeyFormat = PrivateKeyFormat | PublicKeyFormat;

/** Formats `encodePrivateKey` writes. `pem` is PKCS#1 for RSA, SEC1 for ECDSA, OpenSSH for Ed25519 (as puttygen). */
export type OutputFormat = 'ppk3' | 'ppk2' | 'openssh' | 'pem' | 'pkcs8';

export type RsaParams = { type: 'rsa'; n: bigint; e: bigint; d: bigint; p: bigint; q: bigint; iqmp: bigint };
export type Ed25519Params = { type: 'ed25519'; seed: Buffer; pub: Buffer };
export type EcdsaParams = { type: 'ecdsa'; curve: EcCurve; q: Buffer; d: bigint };
export type PrivateParams = RsaParams | Ed25519Params | EcdsaParams;

/** A public key: its SSH wire blob is the single source of truth, the rest is derived from it. */
export interface PublicKey {
  kind: 'public';
  type: KeyType;
  /** `ssh-rsa`, `ssh-ed25519`, `ecdsa-sha2-nistp256`, … */
  sshType: string;
  curve?: EcCurve;
  /** RSA modulus bits; 256 for Ed25519 (as ssh-keygen); curve size for ECDSA. */
  bits: number;
  /** SSH wire-format public key (the base64 field of an authorized_keys line). */
  blob: Buffer;
  comment?: string;
}

/** A decoded private key. Lives only in the main process / CLI; never sent to the renderer. */
export interface PrivateKey {
  kind: 'private';
  type: KeyType;
  sshType: string;
  curve?: EcCurve;
  bits: number;
  comment: string;
  params: PrivateParams;
  publicKey: PublicKey;
}

/** What can be told about a key file without its passphrase. */
export interface KeyInspection {
  kind: 'private' | 'public';
  format: KeyFormat;
  encrypted: boolean;
  type?: KeyType;
  bits?: number;
  comment?: string;
  /** Public key files only: a private key file's public half is trusted only once decoded. */
  publicKey?: PublicKey;
}

export type Argon2Flavour = 'argon2id' | 'argon2i' | 'argon2d';

/** PPK v3 key-derivation settings; puttygen's defaults when left out. */
export interface Argon2Options {
  flavour?: Argon2Flavour;
  memoryKiB?: number;
  passes?: number;
  parallelism?: number;
  /** Fixed salt (tests reproduce puttygen files byte for byte); 16 random bytes otherwise. */
  salt?: Uint8Array;
}

export interface EncodeOptions {
  format: OutputFormat;
  passphrase?: string;
  /** Replaces the key's comment (formats without comments ignore it). */
  comment?: string;
  argon2?: Argon2Options;
  /** The input's path or "pasted text", named when the key cannot be written as asked. */
  source?: string;
  /** Cancels the encryption's key derivation (`keys.cancelled`). */
  signal?: AbortSignal;
  /** A PPK v3 output's Argon2 derivation started early (ppk.ts startPpk3Derivation). */
  ppk3Derivation?: Ppk3Derivation;
}

/**
 * An encrypted PPK v3 output's Argon2 settings (salt drawn) and its derivation, already running:
 * AES key ‖ IV ‖ MAC key. Made by ppk.ts startPpk3Derivation; declared here with the options.
 */
export interface Ppk3Derivation {
  passphrase: string;
  argon2: { flavour: Argon2Flavour; memoryKiB: number; passes: number; parallelism: number; salt: Buffer };
  keys: Promise<{ cipherKey: Buffer; iv: Buffer; macKey: Buffer }>;
}
