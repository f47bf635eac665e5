import { createHash, randomBytes } from 'node:crypto';
import { apiError } from './api-error';
import type { RoleSessionRecord, SandboxState } from './model';

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomFrom(alphabet: string, length: number): string {
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** A role's unique id (`AROA…`), stable per role name as AWS keeps it stable per role. */
export function roleIdFor(accountId: string, roleName: string): string {
  const digest = createHash('sha256').update(`${accountId}/${roleName}`).digest();
  return `AROA${[...digest.subarray(0, 17)].map((byte) => base32[byte % 32]).join('')}`;
}

/** New temporary credentials for a role session, shaped as STS issues them (ASIA… key, session token). */
export function newRoleSession(
  accountId: string,
  roleName: string,
  sessionName: string,
  expiresAtMs: number,
): RoleSessionRecord {
  return {
    accessKeyId: `ASIA${randomFrom(base32, 16)}`,
    secretAccessKey: randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 40),
    sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(180).toString('base64')}`,
    expiration: new Date(expiresAtMs).toISOString(),
    roleName,
    roleId: roleIdFor(accountId, roleName),
    sessionName,
  };
}

/** Keeps the stored sessions to those still valid at `nowMs` (so the state file does not grow forever). */
export function pruneRoleSessions(state: SandboxState, nowMs: number): RoleSessionRecord[] {
  state.roleSessions = (state.roleSessions ?? []).filter((session) => Date.parse(session.expiration) > nowMs);
  return state.roleSessions;
}

/** The caller's ARN as STS and IAM error messages show it. */
export function callerArn(
  state: SandboxState,
  session: RoleSessionRecord | undefined,
  userName: string,
): string {
  return session
    ? `arn:aws:sts::${state.accountId}:assumed-role/${session.roleName}/${session.sessionName}`
    : `arn:aws:iam::${state.accountId}:user/${userName}`;
}

/** What a request was signed with: the account's own keys, or an assumed-role session. */
export interface SigningCredentials {
  secretAccessKey: string;
  session?: RoleSessionRecord;
}

/**
 * Looks up the secret for the access key id in a SigV4 scope. Session keys (ASIA…) also need their
 * session token in `X-Amz-Security-Token` and must not have expired, as on AWS; anything else is
 * `undefined` (the caller answers with the protocol's invalid-token error) or ExpiredToken.
 */
export function signingCredentials(
  state: SandboxState,
  accessKeyId: string,
  securityToken: string | string[] | undefined,
  nowMs: number,
  protocol: 'ec2' | 'sts' | 'json',
): SigningCredentials | undefined {
  if (accessKeyId === state.accessKeyId) return { secretAccessKey: state.secretAccessKey };
  const session = state.roleSessions?.find((candidate) => candidate.accessKeyId === accessKeyId);
  if (!session || securityToken !== session.sessionToken) return undefined;
  if (Date.parse(session.expiration) <= nowMs) {
    const message = 'The security token included in the request is expired';
    if (protocol === 'ec2') throw apiError('RequestExpired', message, 400);
    throw apiError(protocol === 'sts' ? 'ExpiredToken' : 'ExpiredTokenException', message, 400);
  }
  return { secretAccessKey: session.secretAccessKey, session };
}
