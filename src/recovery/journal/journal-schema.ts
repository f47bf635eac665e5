import * as z from 'zod/mini';
import { placeholdersOf, stepTextKeys, stepTexts, type StepTextKey } from './step-texts';

/**
 * The recovery journal's entries: one JSON object a line, strict (unknown fields refused) and
 * bounded. It holds no secrets by construction: ids, names, paths, fingerprints, error codes and
 * short descriptions only, and every free text is checked for what key material looks like, so a
 * private key pasted into a description by a bug is refused, not written to disk.
 */

/** Version of the entry format; a reader refuses entries of a version it does not know. */
export const journalVersion = 1;

/** Free texts (what a step does, its undo, a result) are short sentences, never payloads. */
export const maxTextLength = 300;

/** Anything that looks like key material or a credential: PEM/PPK/OpenSSH armour or a long base64/hex run. */
const secretLike =
  /-----BEGIN|PRIVATE KEY|PuTTY-User-Key-File|Private-Lines|Private-MAC|openssh-key-v1|b3BlbnNzaC1rZXktdjE|[A-Za-z0-9+/=]{48,}|[0-9a-fA-F]{48,}/;
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const controlChars = /[\u0000-\u001f\u007f-\u009f]/;

const noSecrets = (value: string) => !secretLike.test(value);
const noControl = (value: string) => !controlChars.test(value);

/** A short single-line description with nothing that looks like a key in it. */
const safeText = (max = maxTextLength) =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(max),
      z.refine(noControl, 'must be one line without control characters'),
      z.refine(noSecrets, 'looks like key material; the journal holds no secrets'),
    );

/** `rec-20260101-120000-1a2b3c4d`: the start time (sortable) and 32 random bits. */
export const recoveryIdPattern = /^rec-\d{8}-\d{6}-[0-9a-f]{8}$/;
export const recoveryIdSchema = z.string().check(z.regex(recoveryIdPattern));

const instanceId = z.string().check(z.regex(/^i-[0-9a-f]{8,17}$/));
const region = z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/));
/** POSIX user names as useradd allows them (no shell characters). */
const userName = z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/));
/** OpenSSH's SHA-256 fingerprint: `SHA256:` and 43 unpadded base64 characters. */
const fingerprint = z.string().check(z.regex(/^SHA256:[A-Za-z0-9+/]{43}$/));
/** Step ids are code names (`append-key`, `ingress-add`), not sentences. */
export const stepIdSchema = z.string().check(z.regex(/^[a-z][a-z0-9-]{0,63}$/));
const errorCode = z.string().check(z.regex(/^[a-z][A-Za-z0-9]*\.[A-Za-z0-9.]{1,80}$/));
/** A file path (a new key's, a backup's); paths are not secrets, their contents may be. */
const filePath = z
  .string()
  .check(z.minLength(1), z.maxLength(4096), z.refine(noControl, 'must not hold control characters'));
const isoTime = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/));

/** How the recovery reaches the instance (the stop-based paths come later on the same journal). */
export const recoveryPathKinds = ['ssh', 'eic', 'ssm', 'user-data', 'rescue-volume'] as const;

/** Fact names (`ruleId`, `hostKeyFingerprint`, `commandId`): code names, not sentences. */
const factKey = z.string().check(z.regex(/^[a-z][A-Za-z0-9]{0,39}$/));
/** At most this many facts per step outcome. */
export const maxFactsPerStep = 20;
/**
 * What a step learned that later steps (and a resume after a crash) need: a rule id, the host key
 * fingerprint seen on first connect, an SSM command id. Short values with nothing key-like.
 */
const stepFacts = z
  .record(factKey, safeText(300))
  .check(
    z.refine((facts) => Object.keys(facts).length <= maxFactsPerStep, `at most ${maxFactsPerStep} facts`),
  );

/** A sentence's params: at most this many, each a short value (a path, an id, a fingerprint). */
export const maxStepTextParams = 8;
/** A result is at most this many sentences (a deletion, then what the instances keep, …). */
export const maxStepSentences = 6;

const stepTextKey = z.enum(stepTextKeys as [StepTextKey, ...StepTextKey[]]);
const fewParams = (params: Record<string, unknown>) => Object.keys(params).length <= maxStepTextParams;
/** The params name exactly the template's placeholders: a rendered sentence has no hole and no extra. */
const paramsFit = (text: { key: StepTextKey; params?: Record<string, unknown> | undefined }) =>
  placeholdersOf(stepTexts[text.key].en).join(',') ===
  Object.keys(text.params ?? {})
    .sort()
    .join(',');
const fitMessage = 'params must be exactly the placeholders of its text';

/** A phrase inside a sentence ("through SSM Run Command"): a key and string params. */
const stepPhraseSchema = z
  .strictObject({
    key: stepTextKey,
    params: z.optional(z.record(factKey, safeText(300)).check(z.refine(fewParams, 'too many params'))),
  })
  .check(z.refine(paramsFit, fitMessage));

/**
 * One sentence of a step, structured (step-texts.ts), so the report renders it in the reader's
 * language. Journaled beside the English text, which older journals have alone.
 */
export const stepTextSchema = z
  .strictObject({
    key: stepTextKey,
    params: z.optional(
      z
        .record(factKey, z.union([safeText(300), stepPhraseSchema]))
        .check(z.refine(fewParams, 'too many params')),
    ),
  })
  .check(z.refine(paramsFit, fitMessage));

/** A result's sentences, in order. */
export const stepSentencesSchema = z
  .array(stepTextSchema)
  .check(z.minLength(1), z.maxLength(maxStepSentences));

/**
 * How the recovery reaches the instance and what the user chose, so a resume (another process,
 * days later) rebuilds the same steps without asking again. Paths only: key files, never their text.
 */
const routeSchema = z.strictObject({
  /** The account's id (`practice`, `profile:NAME`): a resume works on the same account. */
  accountId: z.optional(safeText(300)),
  /** SSH target as the user gave it, when not the instance's own address. */
  sshHost: z.optional(safeText(255)),
  sshPort: z.optional(z.number().check(z.int(), z.gte(1), z.lte(65535))),
  /** The SSH target is the one remembered for this instance (given in an earlier verified recovery). */
  sshTargetRemembered: z.optional(z.boolean()),
  /** Another working login (path `ssh`): its user and key file. */
  loginUser: z.optional(userName),
  loginKeyPath: z.optional(filePath),
  /** That key file is encrypted: a resume asks for its passphrase (never journaled). */
  loginKeyEncrypted: z.optional(z.boolean()),
  /** That login used a password instead of a key file: a resume asks for it (never journaled). */
  loginPassword: z.optional(z.boolean()),
  /** The new public key's file (when the user brought one instead of generating). */
  publicKeyPath: z.optional(filePath),
  /** The user allowed a temporary /32 ingress rule for tcp/22. */
  temporaryIngress: z.optional(z.boolean()),
  /** This computer's public IPv4 as the user gave it: the ingress rule opens to it (checkip not asked). */
  egressAddress: z.optional(z.string().check(z.regex(/^\d{1,3}(\.\d{1,3}){3}$/))),
  /** The key pair name the new key was imported under, when the user asked for it. */
  importedKeyPairName: z.optional(safeText(255)),
  /** Path rescue-volume: the instance the root volume is edited on, and how scripts reach it. */
  rescueInstanceId: z.optional(instanceId),
  rescuePath: z.optional(z.enum(['ssm', 'ssh'])),
});

const common = {
  v: z.literal(journalVersion),
  /** 1, 2, 3…: a gap or a repeat is corruption. */
  seq: z.number().check(z.int(), z.gte(1), z.lte(1_000_000)),
  at: isoTime,
};

const startedSchema = z.strictObject({
  ...common,
  type: z.literal('started'),
  recoveryId: recoveryIdSchema,
  instanceId,
  region,
  /** The account as the user knows it (profile name, "Practice account"). */
  accountLabel: safeText(100),
  path: z.enum(recoveryPathKinds),
  targetUser: userName,
  newKeyFingerprint: fingerprint,
  /** Where the new private key was saved, when KeyRescue saved it. */
  newKeyPath: z.optional(filePath),
  /** That file is encrypted: a resume asks for its passphrase (never journaled). */
  newKeyEncrypted: z.optional(z.boolean()),
  route: z.optional(routeSchema),
});

const intentSchema = z.strictObject({
  ...common,
  type: z.literal('intent'),
  stepId: stepIdSchema,
  /** What the step will do, in a sentence. */
  does: safeText(),
  /** How to undo it, or that nothing needs undoing. */
  undo: safeText(),
  /** `does` and `undo` structured, for the report in either language. */
  text: z.optional(z.strictObject({ does: stepTextSchema, undo: stepTextSchema })),
});

const doneSchema = z.strictObject({
  ...common,
  type: z.literal('done'),
  stepId: stepIdSchema,
  result: safeText(),
  text: z.optional(stepSentencesSchema),
  facts: z.optional(stepFacts),
});

const failedSchema = z.strictObject({
  ...common,
  type: z.literal('failed'),
  stepId: stepIdSchema,
  errorCode,
  result: z.optional(safeText()),
});

const undoIntentSchema = z.strictObject({
  ...common,
  type: z.literal('undoIntent'),
  stepId: stepIdSchema,
  does: safeText(),
  text: z.optional(stepTextSchema),
});

const undoneSchema = z.strictObject({
  ...common,
  type: z.literal('undone'),
  stepId: stepIdSchema,
  result: safeText(),
  text: z.optional(stepSentencesSchema),
});

const verifiedSchema = z.strictObject({
  ...common,
  type: z.literal('verified'),
  /** The login that proved the new key: this user, this host, this key. */
  targetUser: userName,
  host: safeText(255),
  newKeyFingerprint: fingerprint,
});

const finishedSchema = z.strictObject({ ...common, type: z.literal('finished') });

const abandonedSchema = z.strictObject({
  ...common,
  type: z.literal('abandoned'),
  reason: z.optional(safeText()),
});

/** Every undo a rollback ran is `undone`: the instance is as before, and nothing more runs in the recovery. */
const rolledBackSchema = z.strictObject({ ...common, type: z.literal('rolledBack') });

export const journalEntrySchema = z.discriminatedUnion('type', [
  startedSchema,
  intentSchema,
  doneSchema,
  failedSchema,
  undoIntentSchema,
  undoneSchema,
  verifiedSchema,
  finishedSchema,
  abandonedSchema,
  rolledBackSchema,
]);

export type JournalEntry = z.infer<typeof journalEntrySchema>;
export type StartedEntry = z.infer<typeof startedSchema>;
export type RecoveryRoute = z.infer<typeof routeSchema>;
export type JournalEntryType = JournalEntry['type'];
/** What a caller appends: the journal adds `v`, `seq` and `at`. */
export type JournalEntryInput = JournalEntry extends infer E
  ? E extends JournalEntry
    ? Omit<E, 'v' | 'seq' | 'at'>
    : never
  : never;
export type RecoveryPathKind = (typeof recoveryPathKinds)[number];

/** The schema's complaint as field names and rules only: the values (maybe a key) are never echoed. */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'entry'}: ${issue.message}`)
    .join('; ');
}
