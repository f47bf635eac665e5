import * as z from 'zod/mini';
import { convertTargetSchema } from './keys';
import { accountRef, int, list, passphrase, path, region, requiredText, text } from './schema-helpers';

// Running a recovery (issue 10 §4–§9): start one as an operation, follow its steps on
// `operation:progress` (step ids as `subject`), then verify, clean up and report. Recovery ids are
// the journal's (`rec-YYYYMMDD-HHMMSS-xxxxxxxx`); the journal on disk is the source of truth.

export const recoveryId = z.string().check(z.regex(/^rec-\d{8}-\d{6}-[0-9a-f]{8}$/));
/** The paths this contract runs: the no-downtime ones, and user data at the next boot (it stops the instance). */
export const runnablePathSchema = z.enum(['ssh', 'eic', 'ssm', 'userData', 'rescueVolume']);
export type RunnablePath = z.infer<typeof runnablePathSchema>;
const userName = z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/));
const fingerprint = z.string().check(z.regex(/^SHA256:[A-Za-z0-9+/]{43}$/));

/**
 * The host key rule for every SSH connection of the recovery. `pinned`: only this fingerprint;
 * `accept-new`: the first connection's key is accepted and pinned (journaled) for the rest;
 * `refuse-unknown` (the CLI's default): the connection is refused with the key's fingerprint, for
 * the user to compare and pin.
 */
export const hostKeyChoiceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pinned'), fingerprint }),
  z.strictObject({ kind: z.literal('accept-new') }),
  z.strictObject({ kind: z.literal('refuse-unknown') }),
]);
export type HostKeyChoice = z.infer<typeof hostKeyChoiceSchema>;

/** The new key: generated and saved by the keys module, or a key file the user already has. */
export const newKeyChoiceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('generate'),
    type: z.enum(['ed25519', 'rsa']),
    /** Where the private key goes (0600, never over an existing file unless `overwrite`). */
    outputPath: path,
    format: convertTargetSchema,
    newPassphrase: z.optional(passphrase),
    overwrite: z.optional(z.boolean()),
  }),
  z.strictObject({
    kind: z.literal('existing'),
    /** A private key file (verification logs in with it) — its public half goes on the instance. */
    privateKeyPath: path,
    passphrase: z.optional(passphrase),
  }),
]);
export type NewKeyChoice = z.infer<typeof newKeyChoiceSchema>;

export const recoveryStartSchema = z.strictObject({
  accountId: accountRef,
  instanceId: requiredText(40),
  region,
  path: runnablePathSchema,
  /** Whose `authorized_keys` gets the new key (preflight's guess or the user's override). */
  targetUser: userName,
  newKey: newKeyChoiceSchema,
  /** Also ImportKeyPair the new public key under this name, for future launches. */
  importKeyPairName: z.optional(requiredText(255)),
  /**
   * Path `rescueVolume`: the running instance in the same Availability Zone the root volume is
   * edited on, and how scripts reach it (SSM Run Command, the default, or `ssh`: `login` is then
   * the rescue instance's login).
   */
  rescueInstanceId: z.optional(z.string().check(z.regex(/^i-[0-9a-f]{8,17}$/))),
  rescueVia: z.optional(z.enum(['ssm', 'ssh'])),
  /**
   * Paths `userData` and `rescueVolume` stop the instance: the user's consent to that, as the
   * instance id they confirmed (typed in the wizard, `--yes` in the CLI). Refused unless it equals
   * `instanceId`, so no other route (a renderer bug, a stale form) stops an instance unasked.
   */
  downtimeConfirmed: z.optional(requiredText(40)),
  /** Path `ssh`: the login that still works (user with root or passwordless sudo). */
  login: z.optional(
    z.strictObject({
      user: userName,
      keyPath: z.optional(path),
      keyPassphrase: z.optional(passphrase),
      password: z.optional(passphrase),
    }),
  ),
  /** SSH target when not the instance's own address (a bastion's forward, a VPN address). */
  sshHost: z.optional(requiredText(255)),
  sshPort: z.optional(int().check(z.gte(1), z.lte(65535))),
  /**
   * Neither host nor port given: `use` (the default) reaches the instance through the target
   * remembered for it, if any; `ignore` through its own address (the wizard fills the host itself).
   */
  rememberedSshTarget: z.optional(z.enum(['use', 'ignore'])),
  /** Allows a temporary /32 rule for tcp/22 from this computer, revoked at cleanup. */
  temporaryIngress: z.optional(z.boolean()),
  hostKey: hostKeyChoiceSchema,
  /** This computer's public IPv4 as the user knows it; otherwise asked of the account's checkip. */
  egressAddress: z.optional(z.string().check(z.regex(/^\d{1,3}(\.\d{1,3}){3}$/))),
});
export type RecoveryStartInput = z.infer<typeof recoveryStartSchema>;

/** Which rule chose the SSH target (src/recovery/paths/ssh-target.ts). */
export const sshTargetSourceSchema = z.enum([
  'override',
  'remembered',
  'endpointLookup',
  'publicIp',
  'publicDns',
  'privateIp',
]);

/** Which instance an SSH target is remembered for (the account's id is resolved from `accountId`). */
const sshTargetKeySchema = z.strictObject({ accountId: accountRef, instanceId: requiredText(40), region });

export const rememberedSshTargetSchema = z.strictObject({
  host: text(255),
  port: int().check(z.gte(1), z.lte(65535)),
  rememberedAt: text(30),
});
export type RememberedSshTargetDto = z.infer<typeof rememberedSshTargetSchema>;

export const stepSummarySchema = z.strictObject({
  stepId: text(64),
  state: z.enum(['pending', 'running', 'done', 'failed', 'undone', 'skipped']),
  /** The journal's English sentence; the UI shows its own text for known step ids. */
  result: z.optional(text(300)),
  errorCode: z.optional(text(100)),
});

/** How a run (start or resume) ended: verified, or stopped with where the instance stands. */
export const recoveryRunResultSchema = z.strictObject({
  recoveryId,
  instanceId: text(40),
  region: text(40),
  path: runnablePathSchema,
  targetUser: text(32),
  verified: z.boolean(),
  /** The host and SSH port the verification login reached and its (now pinned) host key. */
  host: z.optional(text(255)),
  port: z.optional(int().check(z.gte(1), z.lte(65535))),
  /** Why that host: given now, remembered for the instance, or the instance's own address. */
  sshTargetSource: z.optional(sshTargetSourceSchema),
  hostKeyFingerprint: z.optional(text(60)),
  newKeyFingerprint: text(60),
  newKeyPath: z.optional(text(4096)),
  /** The new key's public line (for the copy button, `~/.ssh/authorized_keys` elsewhere). */
  newPublicKey: text(20_000),
  steps: list(stepSummarySchema, 50),
  /** A temporary ingress rule is still open (cleanup revokes it). */
  ingressRuleOpen: z.boolean(),
  /** Path `rescueVolume`: the safety snapshot of the root volume, kept until the user deletes it. */
  snapshotId: z.optional(text(40)),
  /**
   * The account the recovery pinned (its journal's): what the cleanup's delete preview reads, whichever
   * account the window shows by then.
   */
  accountId: z.optional(text(300)),
});
export type RecoveryRunResult = z.infer<typeof recoveryRunResultSchema>;

/** How a rollback ended: each step's state in the journal (the undone ones `undone`). */
export const recoveryRollbackResultSchema = z.strictObject({
  recoveryId,
  instanceId: text(40),
  region: text(40),
  path: runnablePathSchema,
  steps: list(stepSummarySchema, 50),
});
export type RecoveryRollbackResult = z.infer<typeof recoveryRollbackResultSchema>;

export const cleanupChoicesSchema = z.strictObject({
  recoveryId,
  /** Remove the old key pair's public key lines from the target's authorized_keys. */
  removeOldKey: z.boolean(),
  /** Delete the old key pair in EC2 (the usual warnings were shown). */
  deleteOldKeyPair: z.boolean(),
  /**
   * The old key pair's id as the delete preview showed it (`keypairs:deletePreview`): only that key
   * pair is deleted, and the delete is refused when the name now belongs to another one or to none.
   */
  previewedKeyPairId: z.optional(requiredText(40)),
  /** Write a `Host ALIAS` entry to ~/.ssh/config (never over an existing entry of that name). */
  sshConfigAlias: z.optional(z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/))),
  /** Save a PuTTY-ready PPK v3 copy of the new private key here. */
  ppkCopyPath: z.optional(path),
  revokeIngress: z.boolean(),
  /**
   * Path `rescueVolume`: delete this safety snapshot (the result's `snapshotId`); refused unless it
   * is the recovery's own and still carries KeyRescue's tag for it.
   */
  deleteSnapshotId: z.optional(z.string().check(z.regex(/^snap-[0-9a-f]{8,17}$/))),
  /** The new key's passphrase (for the PPK copy) and the other login's key passphrase, when encrypted. */
  newKeyPassphrase: z.optional(passphrase),
  loginKeyPassphrase: z.optional(passphrase),
  /** The other login's password, when it logged in with one (removing the old line logs in again). */
  loginPassword: z.optional(passphrase),
});
export type CleanupChoices = z.infer<typeof cleanupChoicesSchema>;

export const cleanupResultSchema = z.strictObject({
  recoveryId,
  steps: list(stepSummarySchema, 20),
  sshConfigPath: z.optional(text(4096)),
  ppkCopyPath: z.optional(text(4096)),
  /** The old key pair this cleanup deleted (the inventory reads its region again). */
  deletedKeyPairName: z.optional(text(255)),
  /** The safety snapshot this cleanup deleted (or found already gone). */
  deletedSnapshotId: z.optional(text(40)),
});
export type CleanupResult = z.infer<typeof cleanupResultSchema>;

export const unfinishedRecoverySchema = z.strictObject({
  id: text(40),
  instanceId: text(40),
  region: text(40),
  accountLabel: text(100),
  path: z.enum(['ssh', 'eic', 'ssm', 'user-data', 'rescue-volume']),
  targetUser: text(32),
  startedAt: text(30),
  updatedAt: text(30),
  lastStep: z.nullable(
    z.strictObject({
      stepId: text(64),
      state: z.enum(['intent', 'done', 'failed', 'undoIntent', 'undone']),
    }),
  ),
  verified: z.boolean(),
  /**
   * The key files whose passphrase a resume needs (the new key's, the other login's), by path: the
   * window asks before resuming. Journals written before this was recorded say nothing here.
   */
  encryptedKeys: z.strictObject({ newKey: z.optional(text(4096)), loginKey: z.optional(text(4096)) }),
  /** The other login's user, when it logged in with a password: the window asks for it before resuming. */
  passwordLoginUser: z.optional(text(32)),
});

export const recoveryRunContract = {
  /** Starts a recovery as an operation (kind `recovery.run`); its result is a RecoveryRunResult. */
  'recovery:start': {
    input: recoveryStartSchema,
    // The recovery id exists once the journal does (after preflight and the new key): it arrives as
    // the `note` entry with subject `recovery` and in the result.
    output: z.strictObject({ operationId: requiredText(100) }),
  },
  /** Goes on with an unfinished recovery from its journal (kind `recovery.run`). */
  'recovery:resume': {
    input: z.strictObject({
      recoveryId,
      hostKey: z.optional(hostKeyChoiceSchema),
      /** The new key's passphrase (verification) and the login key's, when encrypted. */
      newKeyPassphrase: z.optional(passphrase),
      loginKeyPassphrase: z.optional(passphrase),
      /** The other login's password, when it logged in with one (the journal says so, never what). */
      loginPassword: z.optional(passphrase),
    }),
    output: z.strictObject({ operationId: requiredText(100), recoveryId }),
  },
  /**
   * Undoes an unfinished recovery from its journal, on the account it pinned (kind
   * `recovery.rollback`): every done step's undo, last first; the journal ends `rolledBack`.
   */
  'recovery:rollback': {
    input: z.strictObject({
      recoveryId,
      hostKey: z.optional(hostKeyChoiceSchema),
      /** The key files' passphrases, as for resume: the undo of a script step logs in again. */
      newKeyPassphrase: z.optional(passphrase),
      loginKeyPassphrase: z.optional(passphrase),
      loginPassword: z.optional(passphrase),
    }),
    output: z.strictObject({ operationId: requiredText(100), recoveryId }),
  },
  /** The cleanup the user chose after verification (kind `recovery.cleanup`). */
  'recovery:cleanup': {
    input: cleanupChoicesSchema,
    output: z.strictObject({ operationId: requiredText(100) }),
  },
  /** The SSH target remembered for an instance (a user-given one that led to a verified login). */
  'recovery:sshTarget': {
    input: sshTargetKeySchema,
    output: z.strictObject({ remembered: z.nullable(rememberedSshTargetSchema) }),
  },
  /** Forgets it: the next recovery of the instance reaches it through its own address. */
  'recovery:forgetSshTarget': {
    input: sshTargetKeySchema,
    output: z.strictObject({ forgotten: z.boolean() }),
  },
} as const;

/** The journals of recoveries and the script, which need no AWS call. */
export const recoveryJournalContract = {
  /** Recoveries neither finished nor abandoned (the start-up prompt, `keyrescue journal list`). */
  'recovery:unfinished': {
    input: z.strictObject({}),
    output: z.strictObject({
      recoveries: list(unfinishedRecoverySchema, 100),
      damaged: list(z.strictObject({ id: text(100), code: text(100), message: text(1000) }), 500),
      omitted: int(),
    }),
  },
  'recovery:abandon': {
    input: z.strictObject({ recoveryId, reason: z.optional(text(300)) }),
    output: z.strictObject({ recoveryId }),
  },
  /** The recovery's report as Markdown (steps, times, results; no secrets) in the UI's language. */
  'recovery:report': {
    input: z.strictObject({ recoveryId, language: z.enum(['en', 'ja']) }),
    output: z.strictObject({ markdown: text(200_000), suggestedName: text(100) }),
  },
  /**
   * Saves the report as Markdown where the user picks in main's Save dialog (written whole or not
   * at all); `cancelled` when the dialog was closed (nothing is written then).
   */
  'recovery:saveReport': {
    input: z.strictObject({ recoveryId, language: z.enum(['en', 'ja']) }),
    output: z.discriminatedUnion('status', [
      z.strictObject({ status: z.literal('saved'), path: text(4096) }),
      z.strictObject({ status: z.literal('cancelled') }),
    ]),
  },
  /** The exact script for users who run it themselves (the wizard's copy button). */
  'recovery:script': {
    input: z.strictObject({ targetUser: userName, publicKey: requiredText(20_000) }),
    output: z.strictObject({ script: text(100_000) }),
  },
} as const;
