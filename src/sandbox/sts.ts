import {
  AssumeRole$,
  GetCallerIdentity$,
  type AssumeRoleRequest,
  type AssumeRoleResponse,
  type GetCallerIdentityResponse,
} from '@aws-sdk/client-sts';
import { apiError } from './api-error';
import { defineAction, required, type ActionDefinition } from './engine';
import { callerArn, newRoleSession, pruneRoleSessions } from './sts-sessions';

/** The sandbox's IAM user name, shown in the caller ARN. */
export const sandboxUserName = 'keyrescue-practice';

const getCallerIdentity = defineAction<object, GetCallerIdentityResponse>(
  GetCallerIdentity$,
  (ctx) => ({
    UserId: ctx.session ? `${ctx.session.roleId}:${ctx.session.sessionName}` : 'AIDASANDBOXKEYRESCUE1',
    Account: ctx.state.accountId,
    Arn: callerArn(ctx.state, ctx.session, sandboxUserName),
  }),
  { readOnly: true },
);

const roleArnPattern = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

/**
 * AssumeRole for any role of the sandbox account (the sandbox has no IAM policies to consult). A role
 * whose name contains "mfa" behaves like a role whose trust policy requires MFA: without a serial
 * number and a six-digit code the caller is denied, as AWS denies it.
 */
const assumeRole = defineAction<AssumeRoleRequest, AssumeRoleResponse>(AssumeRole$, (ctx, input) => {
  const roleArn = required(input.RoleArn, 'RoleArn');
  const sessionName = required(input.RoleSessionName, 'RoleSessionName');
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw apiError(
      'ValidationError',
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      400,
    );
  }
  const match = roleArnPattern.exec(roleArn);
  const denied = () =>
    apiError(
      'AccessDenied',
      `User: ${callerArn(ctx.state, ctx.session, sandboxUserName)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403,
    );
  if (!match) throw apiError('ValidationError', `${roleArn} is invalid`, 400);
  const [, accountId = '', roleName = ''] = match;
  if (accountId !== ctx.state.accountId) throw denied();
  if (
    roleName.toLowerCase().includes('mfa') &&
    (!input.SerialNumber || !/^\d{6}$/.test(input.TokenCode ?? ''))
  )
    throw denied();
  const duration = input.DurationSeconds ?? 3600;
  if (duration < 900 || duration > 43200) {
    throw apiError(
      'ValidationError',
      `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
      400,
    );
  }
  const now = Date.parse(ctx.nowIso);
  const session = newRoleSession(ctx.state.accountId, roleName, sessionName, now + duration * 1000);
  pruneRoleSessions(ctx.state, now).push(session);
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiration),
    },
    AssumedRoleUser: {
      AssumedRoleId: `${session.roleId}:${sessionName}`,
      Arn: callerArn(ctx.state, session, sandboxUserName),
    },
    PackedPolicySize: 0,
  };
});

/** STS actions (GetCallerIdentity needs no permission and cannot be denied, as on AWS). */
export const stsActions: Record<string, ActionDefinition> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
};
