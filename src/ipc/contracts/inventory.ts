import { z } from 'zod';

const text = (max: number) => z.string().max(max);

export const tagSchema = z.object({ key: text(128), value: text(256) }).strict();

export const instanceRefSchema = z
  .object({
    id: text(40),
    name: text(256).nullable(),
    state: text(30),
    platform: text(40).nullable(),
    availabilityZone: text(40).nullable(),
    publicIp: text(45).nullable(),
  })
  .strict();
export type InstanceRef = z.infer<typeof instanceRefSchema>;

export const matchRuleSchema = z.enum(['awsImported', 'awsCreated', 'sha256', 'publicKey']);
export type MatchRule = z.infer<typeof matchRuleSchema>;

export const localMatchSchema = z.object({ path: text(4096), rule: matchRuleSchema }).strict();

export const keyPairEntrySchema = z
  .object({
    region: text(40),
    name: text(255),
    id: text(40),
    type: text(20),
    fingerprint: text(200),
    createTime: text(40).nullable(),
    tags: z.array(tagSchema).max(50),
    publicKey: text(20_000).nullable(),
    /** Instances (not terminated) whose launch named this key pair. */
    instances: z.array(instanceRefSchema).max(10_000),
    localMatches: z.array(localMatchSchema).max(200),
    /** In use by instances and no private key for it was found on this computer. */
    atRisk: z.boolean(),
  })
  .strict();
export type KeyPairEntry = z.infer<typeof keyPairEntrySchema>;

export const regionErrorSchema = z.object({ code: text(100), message: text(1000) }).strict();

export const regionResultSchema = z
  .object({
    region: text(40),
    status: z.enum(['ok', 'error']),
    error: regionErrorSchema.optional(),
    keyPairs: z.array(keyPairEntrySchema).max(5000),
    /** Instances naming a key pair that no longer exists in this region (deleted key pair). */
    orphanInstances: z.array(instanceRefSchema.extend({ keyName: text(255) }).strict()).max(10_000),
    loadedAt: text(40),
  })
  .strict();
export type RegionResult = z.infer<typeof regionResultSchema>;

export const localKeySchema = z
  .object({
    path: text(4096),
    format: text(30),
    type: text(20).nullable(),
    bits: z.number().int().min(0).max(65_536).nullable(),
    comment: text(1000).nullable(),
    encrypted: z.boolean(),
    /** `matchable`: public part known; `needsPassphrase`: encrypted and its public part is not readable. */
    status: z.enum(['matchable', 'needsPassphrase']),
    /** Where the public part came from when not from the file itself (a sibling `.pub`). */
    publicFrom: text(4096).nullable(),
    sha256: text(100).nullable(),
    awsImported: text(100).nullable(),
    awsCreated: text(100).nullable(),
  })
  .strict();
export type LocalKey = z.infer<typeof localKeySchema>;

export const inventoryViewSchema = z
  .object({
    accountId: text(300),
    regions: z.array(regionResultSchema).max(100),
    localKeys: z.array(localKeySchema).max(2000),
    /** When AWS was last read; the view may come from the on-disk cache. */
    loadedAt: text(40),
    fromCache: z.boolean(),
  })
  .strict();
export type InventoryView = z.infer<typeof inventoryViewSchema>;

export const localSourcesSchema = z
  .object({
    /** Folders the user added (besides ~/.ssh, which is always scanned). */
    folders: z.array(text(4096)).max(50),
    /** Files dropped on the window this session. */
    files: z.array(text(4096)).max(500),
    sshDir: text(4096),
  })
  .strict();

export const inventoryContract = {
  /** The cached inventory for the active account, instantly (null when never loaded). */
  'inventory:cached': { input: z.object({}).strict(), output: inventoryViewSchema.nullable() },
  /** Reads every chosen region (all enabled ones when omitted); emits `inventory:progress` per region. */
  'inventory:refresh': {
    input: z.object({ operationId: text(100), regions: z.array(text(40)).max(100).optional() }).strict(),
    output: inventoryViewSchema,
  },
  /** Rescans local keys and re-matches the last inventory without calling AWS. */
  'inventory:rematch': { input: z.object({}).strict(), output: inventoryViewSchema.nullable() },
  'inventory:sources': { input: z.object({}).strict(), output: localSourcesSchema },
  'inventory:addFolder': { input: z.object({ path: text(4096) }).strict(), output: localSourcesSchema },
  'inventory:removeFolder': { input: z.object({ path: text(4096) }).strict(), output: localSourcesSchema },
  /** Files dropped on the window: remembered for this session and matched. */
  'inventory:addFiles': {
    input: z.object({ paths: z.array(text(4096)).min(1).max(100) }).strict(),
    output: localSourcesSchema,
  },
  /** The current view as CSV or JSON text, for the renderer to save. */
  'inventory:export': {
    input: z.object({ format: z.enum(['csv', 'json']) }).strict(),
    output: z.object({ fileName: text(200), mimeType: text(100), text: z.string().max(50_000_000) }).strict(),
  },
} as const;
