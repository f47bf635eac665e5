import * as z from 'zod/mini';
import { accountRef, int, list, path, region, requiredText, text } from './schema-helpers';
import { instanceRefSchema, tagSchema } from './inventory';

/** Bounded like AWS (255); the content rules are checked by the service so the message can say which rule. */
const keyName = requiredText(255);

export const keyPairRefSchema = z.strictObject({
  region: text(40),
  name: text(255),
  id: text(40),
  type: text(20),
  fingerprint: text(200),
});

/** Result of a create: saved, or created in AWS but not saved yet (the user must retry or delete). */
export const createOutcomeSchema = z.strictObject({
  status: z.enum(['saved', 'unsaved']),
  keyPair: keyPairRefSchema,
  /** Where the private key was written (saved only). */
  path: z.nullable(text(4096)),
  /** Refers to the private key held in main until it is saved or the key pair is deleted (unsaved only). */
  pendingId: z.nullable(text(100)),
  /** Why saving failed, with the path that was tried (for the translated message). */
  saveError: z.nullable(z.strictObject({ code: text(100), message: text(1000), path: text(4096) })),
});
export type CreateOutcome = z.infer<typeof createOutcomeSchema>;

export const publicKeySourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('text'), text: requiredText(20_000) }),
  z.strictObject({ kind: z.literal('file'), path }),
]);
export type PublicKeySource = z.infer<typeof publicKeySourceSchema>;

export const nameCheckSchema = z.strictObject({
  valid: z.boolean(),
  problem: z.nullable(z.enum(['empty', 'tooLong', 'notAscii', 'edgeSpaces', 'duplicate'])),
});

export const keypairsContract = {
  /** Checks a name against AWS's rules and the region's existing key pairs, before any create/import. */
  'keypairs:checkName': {
    input: z.strictObject({ region, name: text(300), accountId: accountRef }),
    output: nameCheckSchema,
  },
  /**
   * `local`: generate here, save, import the public key. `aws`: CreateKeyPair, then save the private
   * key AWS returns once; if saving fails the outcome is `unsaved` with a pendingId.
   */
  'keypairs:create': {
    input: z.strictObject({
      region,
      name: keyName,
      method: z.enum(['local', 'aws']),
      keyType: z.enum(['rsa', 'ed25519']),
      bits: z.optional(z.union([z.literal(2048), z.literal(3072), z.literal(4096)])),
      /** local: openssh | pem | ppk; aws: pem | ppk (what AWS returns). */
      format: z.enum(['openssh', 'pem', 'ppk']),
      path,
      passphrase: z.optional(text(1024)),
      overwrite: z.optional(z.boolean()),
      tags: z._default(list(tagSchema, 50), []),
      accountId: accountRef,
    }),
    output: createOutcomeSchema,
  },
  /** Saves a pending AWS-created private key to another path. */
  'keypairs:retrySave': {
    input: z.strictObject({ pendingId: text(100), path, overwrite: z.optional(z.boolean()) }),
    output: createOutcomeSchema,
  },
  /** Deletes the AWS key pair whose private key could not be saved, and forgets the key. */
  'keypairs:discardPending': {
    input: z.strictObject({ pendingId: text(100) }),
    output: z.strictObject({ deleted: z.boolean() }),
  },
  /** What a public key (pasted, a .pub, or derived from a private key file) is, before importing it. */
  'keypairs:previewPublicKey': {
    input: z.strictObject({ source: publicKeySourceSchema, passphrase: z.optional(text(1024)) }),
    output: z.strictObject({
      type: text(20),
      bits: int(),
      comment: z.nullable(text(1000)),
      sha256: text(100),
      awsImported: text(100),
      /** Set when the public key came out of a private key file. */
      fromPrivateKey: z.boolean(),
    }),
  },
  'keypairs:import': {
    input: z.strictObject({
      region,
      name: keyName,
      source: publicKeySourceSchema,
      passphrase: z.optional(text(1024)),
      tags: z._default(list(tagSchema, 50), []),
      accountId: accountRef,
    }),
    output: keyPairRefSchema,
  },
  /** What still names a key pair: instances and (where readable) launch templates. */
  'keypairs:deletePreview': {
    input: z.strictObject({ region, name: keyName, accountId: accountRef }),
    output: z.strictObject({
      keyPair: keyPairRefSchema,
      instances: list(instanceRefSchema, 10_000),
      launchTemplates: list(z.strictObject({ id: text(40), name: text(200), version: int() }), 5000),
      launchTemplatesReadable: z.boolean(),
    }),
  },
  /** Deletes a key pair; `confirmName` must equal `name` (the user typed it). */
  'keypairs:delete': {
    input: z.strictObject({ region, name: keyName, confirmName: text(300), accountId: accountRef }),
    output: z.strictObject({ deleted: z.literal(true), keyPairId: text(40) }),
  },
} as const;
