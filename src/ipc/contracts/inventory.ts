import * as z from 'zod/mini';
import { empty, list, text } from './schema-helpers';

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
  localMatches: list(localMatchSchema, 200),
  /** In use by instances and no private key for it was found on this computer. */
  atRisk: z.boolean(),
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

export const localKeySchema = z.strictObject({
  path: text(4096),
  format: text(30),
  type: z.nullable(text(20)),
  bits: z.nullable(z.number().check(z.int(), z.gte(0), z.lte(65_536))),
  comment: z.nullable(text(1000)),
  encrypted: z.boolean(),
  /** `matchable`: public part known; `needsPassphrase`: encrypted and its public part is not readable. */
  status: z.enum(['matchable', 'needsPassphrase']),
  /** Where the public part came from when not from the file itself (a sibling `.pub`). */
  publicFrom: z.nullable(text(4096)),
  sha256: z.nullable(text(100)),
  awsImported: z.nullable(text(100)),
  awsCreated: z.nullable(text(100)),
});
export type LocalKey = z.infer<typeof localKeySchema>;

export const inventoryViewSchema = z.strictObject({
  accountId: text(300),
  regions: list(regionResultSchema, 100),
  localKeys: list(localKeySchema, 2000),
  /** When AWS was last read; the view may come from the on-disk cache. */
  loadedAt: text(40),
  fromCache: z.boolean(),
});
export type InventoryView = z.infer<typeof inventoryViewSchema>;

export const localSourcesSchema = z.strictObject({
  /** Folders the user added (besides ~/.ssh, which is always scanned). */
  folders: list(text(4096), 50),
  /** Files dropped on the window this session. */
  files: list(text(4096), 500),
  /** Private keys KeyRescue wrote (New key, Convert, AWS-created), remembered across restarts. */
  written: list(text(4096), 1000),
  sshDir: text(4096),
});

export const inventoryContract = {
  /** The cached inventory for the active account, instantly (null when never loaded). */
  'inventory:cached': { input: empty(), output: z.nullable(inventoryViewSchema) },
  /** Reads every chosen region (all enabled ones when omitted); emits `inventory:progress` per region. */
  'inventory:refresh': {
    input: z.strictObject({ operationId: text(100), regions: z.optional(list(text(40), 100)) }),
    output: inventoryViewSchema,
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
