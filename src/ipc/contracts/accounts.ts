import { z } from 'zod';

const accountId = z.string().min(1).max(300);

export const accountSummarySchema = z
  .object({
    id: accountId,
    label: z.string().max(300),
    kind: z.enum(['practice', 'profile', 'environment', 'endpoint']),
    profileKind: z.enum(['static', 'assumeRole', 'sso', 'process', 'webIdentity', 'unknown']).optional(),
    profile: z.string().max(300).optional(),
    region: z.string().max(40),
    endpoint: z.string().max(2000).optional(),
    needsMfa: z.boolean(),
    ssoStartUrl: z.string().max(2000).optional(),
    roleArn: z.string().max(2048).optional(),
  })
  .strict();
export type AccountSummaryDto = z.infer<typeof accountSummarySchema>;

export const callerIdentitySchema = z
  .object({ accountId: z.string().max(20), arn: z.string().max(2048), partition: z.string().max(20) })
  .strict();

export const regionSchema = z.object({ name: z.string().max(40), optInStatus: z.string().max(40) }).strict();

export const accountsContract = {
  /** Every account (practice first) and the active one. No credential ever appears here. */
  'accounts:list': {
    input: z.object({}).strict(),
    output: z.object({ accounts: z.array(accountSummarySchema).max(500), activeId: accountId }).strict(),
  },
  'accounts:select': { input: z.object({ id: accountId }).strict(), output: accountSummarySchema },
  /** STS GetCallerIdentity for the active account. */
  'accounts:identity': { input: z.object({}).strict(), output: callerIdentitySchema },
  /** The active account's enabled regions (DescribeRegions) and its default region. */
  'accounts:regions': {
    input: z.object({}).strict(),
    output: z.object({ regions: z.array(regionSchema).max(100), defaultRegion: z.string().max(40) }).strict(),
  },
  /** Sets (or clears with null) an account's endpoint override. */
  'accounts:setEndpoint': {
    input: z.object({ id: accountId, endpoint: z.string().max(2000).nullable() }).strict(),
    output: z.object({}).strict(),
  },
  /** The UI's answer to an `accounts:mfaRequired` event; `code: null` cancels. */
  'accounts:mfaCode': {
    input: z.object({ requestId: z.string().max(100), code: z.string().max(20).nullable() }).strict(),
    output: z.object({ accepted: z.boolean() }).strict(),
  },
} as const;
