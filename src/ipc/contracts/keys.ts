import { z } from 'zod';

const text = (max: number) => z.string().max(max);
const path = text(4096).min(1);
/** Passphrases travel from the renderer to main only (never back); bounded like any input. */
const passphrase = text(1024);

/** Where a key comes from: a file on disk or text the user pasted. */
export const keySourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path }).strict(),
  z.object({ kind: z.literal('text'), text: text(100_000).min(1) }).strict(),
]);
export type KeySource = z.infer<typeof keySourceSchema>;

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

export const fingerprintsSchema = z
  .object({
    sha256: text(100),
    md5: text(100),
    awsImported: text(100),
    awsCreated: text(100).optional(),
  })
  .strict();

/** Everything the UI may know about a key: metadata and public parts, never private bytes. */
export const keyInfoSchema = z
  .object({
    /** The file path, or "pasted text". */
    source: text(4096),
    kind: z.enum(['private', 'public']),
    format: keyFormatSchema,
    encrypted: z.boolean(),
    type: keyTypeSchema.optional(),
    bits: z.number().int().optional(),
    comment: text(4096).optional(),
    /** OpenSSH public key line, when the public half is readable without a passphrase. */
    publicKey: text(20_000).optional(),
    fingerprints: fingerprintsSchema.optional(),
  })
  .strict();
export type KeyInfo = z.infer<typeof keyInfoSchema>;

export const keyErrorSchema = z
  .object({
    code: text(100),
    message: text(5000),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict();

export const argon2Schema = z
  .object({
    flavour: z.enum(['argon2id', 'argon2i', 'argon2d']).optional(),
    memoryKiB: z
      .number()
      .int()
      .min(8)
      .max(1024 * 1024)
      .optional(),
    passes: z.number().int().min(1).max(1000).optional(),
    parallelism: z.number().int().min(1).max(64).optional(),
  })
  .strict();

export const convertItemSchema = z
  .object({
    source: keySourceSchema,
    /** Only for encrypted inputs. */
    passphrase: passphrase.optional(),
    /** Exact output file; otherwise beside the input (or in `outDir`) with the target's extension. */
    outputPath: path.optional(),
  })
  .strict();

export const convertResultSchema = z.discriminatedUnion('ok', [
  z
    .object({
      ok: z.literal(true),
      source: text(4096),
      outputPath: text(4096),
      /** What was written: `pem` is pkcs1 (RSA), sec1 (ECDSA) or openssh (Ed25519, which has no PEM form). */
      writtenFormat: z.enum(['ppk3', 'ppk2', 'openssh', 'pkcs1', 'sec1', 'pkcs8']),
      encrypted: z.boolean(),
      type: keyTypeSchema,
      bits: z.number().int(),
      comment: text(4096),
      publicKey: text(20_000),
      fingerprints: fingerprintsSchema,
    })
    .strict(),
  z.object({ ok: z.literal(false), source: text(4096), error: keyErrorSchema }).strict(),
]);
export type ConvertResult = z.infer<typeof convertResultSchema>;

export const keysContract = {
  /**
   * Format, type, size, comment and fingerprints of a key. No passphrase is needed; given one, an
   * encrypted private key is decrypted so its comment and AWS "created" fingerprint are included.
   */
  'keys:inspect': {
    input: z.object({ source: keySourceSchema, passphrase: passphrase.optional() }).strict(),
    output: keyInfoSchema,
  },
  /**
   * Converts one or many keys. Per-item failures are reported in `results`. `allOrNothing` (the CLI)
   * decodes every input and checks every output path before writing anything. Emits `progress`
   * with `operationId` per finished item.
   */
  'keys:convert': {
    input: z
      .object({
        operationId: text(100).optional(),
        items: z.array(convertItemSchema).min(1).max(500),
        target: convertTargetSchema,
        newPassphrase: passphrase.optional(),
        comment: text(1024).optional(),
        argon2: argon2Schema.optional(),
        outDir: path.optional(),
        overwrite: z.boolean().optional(),
        allOrNothing: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ results: z.array(convertResultSchema).max(500) }).strict(),
  },
  /** Generates a key, writes it (0600) and `<outputPath>.pub`. */
  'keys:generate': {
    input: z
      .object({
        type: z.enum(['rsa', 'ed25519']),
        bits: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).optional(),
        format: convertTargetSchema,
        comment: text(1024).optional(),
        newPassphrase: passphrase.optional(),
        outputPath: path,
        overwrite: z.boolean().optional(),
      })
      .strict(),
    output: z
      .object({
        outputPath: text(4096),
        publicKeyPath: text(4096),
        writtenFormat: z.enum(['ppk3', 'ppk2', 'openssh', 'pkcs1', 'sec1', 'pkcs8']),
        type: keyTypeSchema,
        bits: z.number().int(),
        publicKey: text(20_000),
        fingerprints: fingerprintsSchema,
      })
      .strict(),
  },
  /** The public half as an OpenSSH line or RFC 4716 block (PPK/OpenSSH need no passphrase for this). */
  'keys:publicKey': {
    input: z
      .object({
        source: keySourceSchema,
        passphrase: passphrase.optional(),
        format: z.enum(['openssh', 'rfc4716']).default('openssh'),
      })
      .strict(),
    output: z
      .object({
        publicKey: text(30_000),
        type: keyTypeSchema,
        bits: z.number().int(),
        comment: text(4096).optional(),
        fingerprints: fingerprintsSchema,
      })
      .strict(),
  },
  /** Native "open files" dialog for key files; empty when cancelled. */
  'dialog:openKeyFiles': {
    input: z.object({ multiple: z.boolean().default(true) }).strict(),
    output: z.object({ paths: z.array(path).max(500) }).strict(),
  },
  /** Native folder chooser; `null` when cancelled. */
  'dialog:chooseFolder': {
    input: z.object({ defaultPath: path.optional() }).strict(),
    output: z.object({ path: path.nullable() }).strict(),
  },
  /** Reveals a file in Explorer / Finder / the file manager. */
  'shell:showItemInFolder': { input: z.object({ path }).strict(), output: z.object({}).strict() },
} as const;
