import * as z from 'zod/mini';
import { empty, int, list, passphrase, path, requiredText, text } from './schema-helpers';

/** Where a key comes from: a file on disk or text the user pasted. */
export const keySourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), path }),
  z.strictObject({ kind: z.literal('text'), text: requiredText(100_000) }),
]);
export type KeySource = z.infer<typeof keySourceSchema>;

/** A caller-chosen name for one cancellable call. */
const requestId = z.string().check(z.minLength(1), z.maxLength(100), z.regex(/^[\w:.-]+$/));

export const keyTypeSchema = z.enum(['rsa', 'ed25519', 'ecdsa']);
export const keyFormatSchema = z.enum([
  'ppk2',
  'ppk3',
  'openssh',
  'pkcs1',
  'pkcs8',
  'sec1',
  'openssh-public',
  'rfc4716',
  'spki',
  'pkcs1-public',
  'ppk-public',
]);
export const convertTargetSchema = z.enum(['ppk3', 'ppk2', 'openssh', 'pem', 'pkcs8']);
export type ConvertTarget = z.infer<typeof convertTargetSchema>;

export const fingerprintsSchema = z.strictObject({
  sha256: text(100),
  md5: text(100),
  awsImported: text(100),
  awsCreated: z.optional(text(100)),
});

/**
 * The `source` (and error `details.path`) of a key that was pasted, not read from a file. A fixed
 * English token: the renderer shows it in the user's language (`common:pastedText`).
 */
export const pastedTextSource = 'pasted text';

/** Everything the UI may know about a key: metadata and public parts, never private bytes. */
export const keyInfoSchema = z.strictObject({
  /** The file path, or "pasted text". */
  source: text(4096),
  kind: z.enum(['private', 'public']),
  format: keyFormatSchema,
  encrypted: z.boolean(),
  type: z.optional(keyTypeSchema),
  bits: z.optional(int()),
  comment: z.optional(text(4096)),
  /** OpenSSH public key line, when the public half is readable without a passphrase. */
  publicKey: z.optional(text(20_000)),
  fingerprints: z.optional(fingerprintsSchema),
});
export type KeyInfo = z.infer<typeof keyInfoSchema>;

export const keyErrorSchema = z.strictObject({
  code: text(100),
  message: text(5000),
  details: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
});

export const argon2Schema = z.strictObject({
  flavour: z.optional(z.enum(['argon2id', 'argon2i', 'argon2d'])),
  memoryKiB: z.optional(z.number().check(z.int(), z.gte(8), z.lte(1024 * 1024))),
  passes: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1000))),
  parallelism: z.optional(z.number().check(z.int(), z.gte(1), z.lte(64))),
});

export const convertItemSchema = z.strictObject({
  source: keySourceSchema,
  /** Only for encrypted inputs. */
  passphrase: z.optional(passphrase),
  /** Exact output file; otherwise beside the input (or in `outDir`) with the target's extension. */
  outputPath: z.optional(path),
});

export const convertResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    source: text(4096),
    outputPath: text(4096),
    /** What was written: `pem` is pkcs1 (RSA), sec1 (ECDSA) or openssh (Ed25519, which has no PEM form). */
    writtenFormat: z.enum(['ppk3', 'ppk2', 'openssh', 'pkcs1', 'sec1', 'pkcs8']),
    encrypted: z.boolean(),
    /**
     * What happened to the protection: `new` passphrase, the input's own one `kept`, a passphrase
     * `removed` on request, or `none` (the input had none and none was asked for).
     */
    passphrase: z.enum(['new', 'kept', 'removed', 'none']),
    type: keyTypeSchema,
    bits: int(),
    comment: text(4096),
    publicKey: text(20_000),
    fingerprints: fingerprintsSchema,
  }),
  z.strictObject({ ok: z.literal(false), source: text(4096), error: keyErrorSchema }),
]);
export type ConvertResult = z.infer<typeof convertResultSchema>;

export const keysContract = {
  /**
   * Format, type, size, comment and fingerprints of a key. No passphrase is needed; given one, an
   * encrypted private key is decrypted so its comment and AWS "created" fingerprint are included.
   */
  'keys:inspect': {
    input: z.strictObject({
      source: keySourceSchema,
      passphrase: z.optional(passphrase),
      /** Names the call so `keys:cancel` can abort its key derivation (a slow passphrase check). */
      requestId: z.optional(requestId),
    }),
    output: keyInfoSchema,
  },
  /**
   * Aborts the running `keys:inspect` or `keys:convert` with this `requestId`: an inspect fails with
   * `keys.cancelled`, an all-or-nothing convert with `keys.convertCancelled` (nothing written).
   * `cancelled` is false when no such call is running (it already finished).
   */
  'keys:cancel': {
    input: z.strictObject({ requestId }),
    output: z.strictObject({ cancelled: z.boolean() }),
  },
  /**
   * Converts one or many keys. Per-item failures are reported in `results`. `allOrNothing` (the CLI
   * and the Convert tab) decodes every input and checks every output path before writing anything.
   * An encrypted input keeps its own passphrase unless `newPassphrase` replaces it or
   * `removePassphrase` asks for an unprotected file (both at once is refused). Emits one
   * `operation:progress` entry (`stepDone`, seq 1, 2…) per finished item under the caller's
   * `operationId`; it is a request, not a registered operation (no status or replay).
   */
  'keys:convert': {
    input: z.strictObject({
      operationId: z.optional(text(100)),
      items: list(convertItemSchema, 500).check(z.minLength(1)),
      target: convertTargetSchema,
      newPassphrase: z.optional(passphrase),
      removePassphrase: z.optional(z.boolean()),
      comment: z.optional(text(1024)),
      argon2: z.optional(argon2Schema),
      outDir: z.optional(path),
      overwrite: z.optional(z.boolean()),
      allOrNothing: z.optional(z.boolean()),
      /** Names the call so `keys:cancel` can abort its key derivations (slow passphrases, Argon2). */
      requestId: z.optional(requestId),
    }),
    output: z.strictObject({ results: list(convertResultSchema, 500) }),
  },
  /** Generates a key, writes it (0600) and `<outputPath>.pub`. */
  'keys:generate': {
    input: z.strictObject({
      type: z.enum(['rsa', 'ed25519']),
      bits: z.optional(z.union([z.literal(2048), z.literal(3072), z.literal(4096)])),
      format: convertTargetSchema,
      comment: z.optional(text(1024)),
      newPassphrase: z.optional(passphrase),
      outputPath: path,
      overwrite: z.optional(z.boolean()),
    }),
    output: z.strictObject({
      outputPath: text(4096),
      publicKeyPath: text(4096),
      writtenFormat: z.enum(['ppk3', 'ppk2', 'openssh', 'pkcs1', 'sec1', 'pkcs8']),
      type: keyTypeSchema,
      bits: int(),
      publicKey: text(20_000),
      fingerprints: fingerprintsSchema,
    }),
  },
  /** The public half as an OpenSSH line or RFC 4716 block (PPK/OpenSSH need no passphrase for this). */
  'keys:publicKey': {
    input: z.strictObject({
      source: keySourceSchema,
      passphrase: z.optional(passphrase),
      format: z._default(z.enum(['openssh', 'rfc4716']), 'openssh'),
    }),
    output: z.strictObject({
      publicKey: text(30_000),
      type: keyTypeSchema,
      bits: int(),
      comment: z.optional(text(4096)),
      fingerprints: fingerprintsSchema,
    }),
  },
  /** Native "open files" dialog for key files; empty when cancelled. */
  'dialog:openKeyFiles': {
    input: z.strictObject({ multiple: z._default(z.boolean(), true) }),
    output: z.strictObject({ paths: list(path, 500) }),
  },
  /** Native folder chooser; `null` when cancelled. */
  'dialog:chooseFolder': {
    input: z.strictObject({ defaultPath: z.optional(path) }),
    output: z.strictObject({ path: z.nullable(path) }),
  },
  /**
   * Native "save as" dialog for a private key, starting at `defaultPath`; the OS itself asks before
   * replacing a file. The path chosen may then be written with `overwrite` (the user confirmed it to
   * the OS, which the window cannot fake). `null` when cancelled.
   */
  'dialog:saveKeyFile': {
    input: z.strictObject({ defaultPath: path }),
    output: z.strictObject({ path: z.nullable(path) }),
  },
  /** Reveals a file in Explorer / Finder / the file manager. */
  'shell:showItemInFolder': { input: z.strictObject({ path }), output: empty() },
} as const;
