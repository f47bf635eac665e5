import * as z from 'zod/mini';
import { accountRef, empty, list, requiredText, text } from './schema-helpers';

const accountId = requiredText(300);

export const accountSummarySchema = z.strictObject({
  id: accountId,
  label: text(300),
  kind: z.enum(['practice', 'profile', 'environment', 'endpoint']),
  profileKind: z.optional(z.enum(['static', 'assumeRole', 'sso', 'process', 'webIdentity', 'unknown'])),
  profile: z.optional(text(300)),
  region: text(40),
  endpoint: z.optional(text(2000)),
  needsMfa: z.boolean(),
  ssoStartUrl: z.optional(text(2000)),
  roleArn: z.optional(text(2048)),
});
export type AccountSummaryDto = z.infer<typeof accountSummarySchema>;

export const callerIdentitySchema = z.strictObject({
  accountId: text(20),
  arn: text(2048),
  partition: text(20),
});

export const regionSchema = z.strictObject({ name: text(40), optInStatus: text(40) });

export const accountsContract = {
  /** Every account (practice first) and the active one. No credential ever appears here. */
  'accounts:list': {
    input: empty(),
    output: z.strictObject({
      accounts: list(accountSummarySchema, 500),
      activeId: accountId,
    }),
  },
  'accounts:select': { input: z.strictObject({ id: accountId }), output: accountSummarySchema },
  /** STS GetCallerIdentity for the active account (or `accountId`). */
  'accounts:identity': { input: z.strictObject({ accountId: accountRef }), output: callerIdentitySchema },
  /** The enabled regions (DescribeRegions) and default region of the active account (or `accountId`). */
  'accounts:regions': {
    input: z.strictObject({ accountId: accountRef }),
    output: z.strictObject({
      regions: list(regionSchema, 100),
      defaultRegion: text(40),
    }),
  },
  /** Sets (or clears with null) an account's endpoint override. */
  'accounts:setEndpoint': {
    input: z.strictObject({ id: accountId, endpoint: z.nullable(text(2000)) }),
    output: empty(),
  },
  /**
   * The answer to an `accounts:mfaRequired` event, from the caller it was sent to; `code: null`
   * cancels. Another caller's or an unknown request id fails with `aws.mfaRequestUnknown`.
   */
  'accounts:mfaCode': {
    input: z.strictObject({ requestId: text(100), code: z.nullable(text(20)) }),
    output: z.strictObject({ accepted: z.boolean() }),
  },
} as const;
