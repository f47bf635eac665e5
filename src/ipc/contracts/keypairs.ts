import { z } from 'zod';
import { instanceRefSchema, tagSchema } from './inventory';

const text = (max: number) => z.string().max(max);
const region = text(40).min(1);
/** Bounded like AWS (255); the content rules are checked by the service so the message can say which rule. */
const keyName = text(255).min(1);
const path = text(4096).min(1);

export const keyPairRefSchema = z
  .object({ region: text(40), name: text(255), id: text(40), type: text(20), fingerprint: text(200) })
  .strict();

/** Result of a create: saved, or created in AWS but not saved yet (the user must retry or delete). */
export const createOutcomeSchema = z
  .object({
    status: z.enum(['saved', 'unsaved']),
    keyPair: keyPairRefSchema,
    /** Where the private key was written (saved only). */
    path: text(4096).nullable(),
    /** Refers to the private key held in main until it is saved or the key pair is deleted (unsaved only). */
    pendingId: text(100).nullable(),
    /** Why saving failed, with the path that was tried (for the translated message). */
    saveError: z
      .object({ code: text(100), message: text(1000), path: text(4096) })
      .strict()
      .nullable(),
  })
  .strict();
export type CreateOutcome = z.infer<typeof createOutcomeSchema>;

export const publicKeySourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: text(20_000).min(1) }).strict(),
  z.object({ kind: z.literal('file'), path }).strict(),
]);
export type PublicKeySource = z.infer<typeof publicKeySourceSchema>;

export const nameCheckSchema = z
  .object({
    valid: z.boolean(),
    problem: z.enum(['empty', 'tooLong', 'notAscii', 'edgeSpaces', 'duplicate']).nullable(),
  })
  .strict();

export const keypairsContract = {
  /** Checks a name against AWS's rules and the region's existing key pairs, before any create/import. */
  'keypairs:checkName': { input: z.object({ region, name: text(300) }).strict(), output: nameCheckSchema },
  /**
   * `local`: generate here, save, import the public key. `aws`: CreateKeyPair, then save the private
   * key AWS returns once; if saving fails the outcome is `unsaved` with a pendingId.
   */
  'keypairs:create': {
    input: z
      .object({
        region,
        name: keyName,
        method: z.enum(['local', 'aws']),
        keyType: z.enum(['rsa', 'ed25519']),
        bits: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).optional(),
        /** local: openssh | pem | ppk; aws: pem | ppk (what AWS returns). */
        format: z.enum(['openssh', 'pem', 'ppk']),
        path,
        passphrase: text(1024).optional(),
        overwrite: z.boolean().optional(),
        tags: z.array(tagSchema).max(50).default([]),
      })
      .strict(),
    output: createOutcomeSchema,
  },
  /** Saves a pending AWS-created private key to another path. */
  'keypairs:retrySave': {
    input: z.object({ pendingId: text(100), path, overwrite: z.boolean().optional() }).strict(),
    output: createOutcomeSchema,
  },
  /** Deletes the AWS key pair whose private key could not be saved, and forgets the key. */
  'keypairs:discardPending': {
    input: z.object({ pendingId: text(100) }).strict(),
    output: z.object({ deleted: z.boolean() }).strict(),
  },
  /** What a public key (pasted, a .pub, or derived from a private key file) is, before importing it. */
  'keypairs:previewPublicKey': {
    input: z.object({ source: publicKeySourceSchema, passphrase: text(1024).optional() }).strict(),
    output: z
      .object({
        type: text(20),
        bits: z.number().int(),
        comment: text(1000).nullable(),
        sha256: text(100),
        awsImported: text(100),
        /** Set when the public key came out of a private key file. */
        fromPrivateKey: z.boolean(),
      })
      .strict(),
  },
  'keypairs:import': {
    input: z
      .object({
        region,
        name: keyName,
        source: publicKeySourceSchema,
        passphrase: text(1024).optional(),
        tags: z.array(tagSchema).max(50).default([]),
      })
      .strict(),
    output: keyPairRefSchema,
  },
  /** What still names a key pair: instances and (where readable) launch templates. */
  'keypairs:deletePreview': {
    input: z.object({ region, name: keyName }).strict(),
    output: z
      .object({
        keyPair: keyPairRefSchema,
        instances: z.array(instanceRefSchema).max(10_000),
        launchTemplates: z
          .array(z.object({ id: text(40), name: text(200), version: z.number().int() }).strict())
          .max(5000),
        launchTemplatesReadable: z.boolean(),
      })
      .strict(),
  },
  /** Deletes a key pair; `confirmName` must equal `name` (the user typed it). */
  'keypairs:delete': {
    input: z.object({ region, name: keyName, confirmName: text(300) }).strict(),
    output: z.object({ deleted: z.literal(true), keyPairId: text(40) }).strict(),
  },
} as const;
