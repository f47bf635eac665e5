import { GetCallerIdentity$, type GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import { defineAction, type ActionDefinition } from './engine';

/** The sandbox's IAM user name, shown in the caller ARN. */
export const sandboxUserName = 'keyrescue-practice';

const getCallerIdentity = defineAction<object, GetCallerIdentityResponse>(
  GetCallerIdentity$,
  (ctx) => ({
    UserId: 'AIDASANDBOXKEYRESCUE1',
    Account: ctx.state.accountId,
    Arn: `arn:aws:iam::${ctx.state.accountId}:user/${sandboxUserName}`,
  }),
  { readOnly: true },
);

/** STS actions (GetCallerIdentity needs no permission and cannot be denied, as on AWS). */
export const stsActions: Record<string, ActionDefinition> = {
  GetCallerIdentity: getCallerIdentity,
};
