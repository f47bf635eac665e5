import * as z from 'zod/mini';
import { accountRef, empty, int, list, passphrase, requiredText, text } from './schema-helpers';

const count = int().check(z.gte(0), z.lte(100_000_000));

/** Matching files listed per key pair; the rest are counted (`localMatchTotal`). */
export const maxListedMatches = 200;
/** Local keys the view lists (every one needing a passphrase among them); the scan has no such limit. */
export const maxListedLocalKeys = 2000;
/** Problem files the view lists (in path order); `localScan.problemCount` counts them all. */
export const maxListedProblems = 500;
/** Sources the view lists with their counts: ~/.ssh, added folders and files, practice keys, written keys. */
export const maxListedSources = 2000;

export const tagSchema = z.strictObject({ key: text(128), value: text(256) });

export const instanceRefSchema = z.strictObject({
  id: text(40),
  name: z.nullable(text(256)),
  state: text(30),
  platform: z.nullable(text(40)),
  availabilityZone: z.nullable(text(40)),
  publicIp: z.nullable(text(45)),
});
export type InstanceRef = z.infer<typeof instanceRefSchema>;

export const matchRuleSchema = z.enum(['awsImported', 'awsCreated', 'sha256', 'publicKey']);
export type MatchRule = z.infer<typeof matchRuleSchema>;

export const localMatchSchema = z.strictObject({ path: text(4096), rule: matchRuleSchema });

export const keyPairEntrySchema = z.strictObject({
  region: text(40),
  name: text(255),
  id: text(40),
  type: text(20),
  fingerprint: text(200),
  createTime: z.nullable(text(40)),
  tags: list(tagSchema, 50),
  publicKey: z.nullable(text(20_000)),
  /** Instances (not terminated) whose launch named this key pair. */
  instances: list(instanceRefSchema, 10_000),
  /** The first matching files in path order (see `localMatchTotal`). */
  localMatches: list(localMatchSchema, maxListedMatches),
  /** How many files match in all, when more than the listed ones do. */
  localMatchTotal: z.optional(count),
  /** In use by instances and no private key for it was found on this computer. */
  atRisk: z.boolean(),
  /** In use, no key found, but some files could not be read: not called at risk, it may be among them. */
  riskUnknown: z.optional(z.boolean()),
});
export type KeyPairEntry = z.infer<typeof keyPairEntrySchema>;

export const regionErrorSchema = z.strictObject({ code: text(100), message: text(1000) });

export const regionResultSchema = z.strictObject({
  region: text(40),
  status: z.enum(['ok', 'error']),
  error: z.optional(regionErrorSchema),
  keyPairs: list(keyPairEntrySchema, 5000),
  /** Instances naming a key pair that no longer exists in this region (deleted key pair). */
  orphanInstances: list(z.extend(instanceRefSchema, { keyName: text(255) }), 10_000),
  loadedAt: text(40),
});
export type RegionResult = z.infer<typeof regionResultSchema>;

/** Where a local key was found: ~/.ssh, a folder or file the user added, the practice account's
 * keys folder, or a key KeyRescue wrote (New key, Convert). */
export const localSourceKindSchema = z.enum(['sshDir', 'folder', 'file', 'practice', 'written']);
export type LocalSourceKind = z.infer<typeof localSourceKindSchema>;

export const localKeySchema = z.strictObject({
  path: text(4096),
  source: localSourceKindSchema,
  format: text(30),
  type: z.nullable(text(20)),
  bits: z.nullable(z.number().check(z.int(), z.gte(0), z.lte(65_536))),
  comment: z.nullable(text(1000)),
  encrypted: z.boolean(),
  /** `matchable`: public part known; `needsPassphrase`: encrypted and its public part is not readable;
   * `unlocked`: readable with the passphrase given this session. */
  status: z.enum(['matchable', 'needsPassphrase', 'unlocked']),
  /** Where the public part came from when not from the file itself (a sibling `.pub`). */
  publicFrom: z.nullable(text(4096)),
  sha256: z.nullable(text(100)),
  awsImported: z.nullable(text(100)),
  awsCreated: z.nullable(text(100)),
});
export type LocalKey = z.infer<typeof localKeySchema>;

export const localSourceCountSchema = z.strictObject({
  kind: localSourceKindSchema,
  path: text(4096),
  /** Private keys found there. */
  keys: count,
  status: z.enum(['ok', 'missing', 'unreadable', 'notKey']),
});
export type LocalSourceCount = z.infer<typeof localSourceCountSchema>;

/** A file that gave no usable key: unreadable (with the reason code), not a key, or damaged. */
export const localScanProblemSchema = z.strictObject({
  path: text(4096),
  kind: z.enum(['unreadable', 'notKey', 'damaged']),
  code: text(100),
  message: text(1000),
});
export type LocalScanProblem = z.infer<typeof localScanProblemSchema>;

/** The whole local scan in numbers, however many keys it found (the view lists only some). */
export const localScanSchema = z.strictObject({
  keyCount: count,
  needsPassphraseCount: count,
  /** Files that could not be read; while there are any, no key pair is called at risk. */
  unreadableCount: count,
  problemCount: count,
  problems: list(localScanProblemSchema, maxListedProblems),
  sources: list(localSourceCountSchema, maxListedSources),
  /** Files beyond the per-scan limit, not read. */
  skippedFiles: count,
});
export type LocalScanSummary = z.infer<typeof localScanSchema>;

export const inventoryViewSchema = z.strictObject({
  accountId: text(300),
  regions: list(regionResultSchema, 100),
  /** The first local keys in path order, every one needing a passphrase included (see `localScan`). */
  localKeys: list(localKeySchema, maxListedLocalKeys),
  localScan: localScanSchema,
  /** When AWS was last read; the view may come from the on-disk cache. */
  loadedAt: text(40),
  fromCache: z.boolean(),
});
export type InventoryView = z.infer<typeof inventoryViewSchema>;

export const localSourcesSchema = z.strictObject({
  /** Folders the user added (besides ~/.ssh, which is always scanned). */
  folders: list(text(4096), 50),
  /** Files added with Add key files or dropped on the window this session. */
  files: list(text(4096), 500),
  /** Private keys KeyRescue wrote (New key, Convert, AWS-created), remembered across restarts. */
  written: list(text(4096), 1000),
  sshDir: text(4096),
});
export type LocalSourcesDto = z.infer<typeof localSourcesSchema>;

export const inventoryContract = {
  /** The cached inventory for the active account, instantly (null when never loaded). */
  'inventory:cached': { input: empty(), output: z.nullable(inventoryViewSchema) },
  /**
   * Starts reading every chosen region (all enabled ones when omitted) as an operation and answers
   * its id at once: each region is a step of `operation:progress`; the view is the operation's
   * result (`operations:wait` / `operations:status`, kind `inventory.refresh`).
   */
  'inventory:refresh': {
    input: z.strictObject({ regions: z.optional(list(text(40), 100)), accountId: accountRef }),
    output: z.strictObject({ operationId: requiredText(100) }),
  },
  /** Rescans local keys and re-matches the last inventory without calling AWS. */
  'inventory:rematch': { input: empty(), output: z.nullable(inventoryViewSchema) },
  'inventory:sources': { input: empty(), output: localSourcesSchema },
  'inventory:addFolder': { input: z.strictObject({ path: text(4096) }), output: localSourcesSchema },
  'inventory:removeFolder': { input: z.strictObject({ path: text(4096) }), output: localSourcesSchema },
  /** Files dropped on the window: remembered for this session and matched. */
  'inventory:addFiles': {
    input: z.strictObject({ paths: list(text(4096), 100).check(z.minLength(1)) }),
    output: localSourcesSchema,
  },
  /** Stops matching a file added this session (it is not deleted). */
  'inventory:removeFile': { input: z.strictObject({ path: requiredText(4096) }), output: localSourcesSchema },
  /**
   * Decrypts an encrypted key whose public part is hidden, so it can match. The passphrase stays in
   * the main process for this session only; the answer is the re-matched view (null: no inventory yet).
   */
  'inventory:unlockKey': {
    input: z.strictObject({
      path: text(4096),
      passphrase: passphrase.check(z.minLength(1)),
    }),
    output: z.nullable(inventoryViewSchema),
  },
  /**
   * Asks main's Save dialog for a path (Downloads or the last export folder) and writes the view
   * there as CSV or JSON; `only`: just the rows shown. `null` when the user cancelled the dialog.
   */
  'inventory:export': {
    input: z.strictObject({
      format: z.enum(['csv', 'json']),
      only: z.optional(list(z.strictObject({ region: text(40), name: text(255) }), 100_000)),
    }),
    output: z.nullable(
      z.strictObject({
        path: text(4096),
        format: z.enum(['csv', 'json']),
        /** Key pairs written, and how many the view holds (they differ when `only` was given). */
        count: z.number().check(z.int(), z.gte(0)),
        total: z.number().check(z.int(), z.gte(0)),
      }),
    ),
  },
} as const;
