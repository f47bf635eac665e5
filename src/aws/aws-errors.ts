import { AppError, isAppError } from '../ipc/app-error';

/** Every error code the AWS layer throws on purpose (listed in src/app/error-codes.ts). */
export const awsErrorCodes = {
  accessDenied: 'aws.accessDenied',
  accountUnknown: 'aws.accountUnknown',
  credentialsExpired: 'aws.credentialsExpired',
  credentialsInvalid: 'aws.credentialsInvalid',
  credentialsMissing: 'aws.credentialsMissing',
  endpointInvalid: 'aws.endpointInvalid',
  endpointUnreachable: 'aws.endpointUnreachable',
  instanceNotFound: 'aws.instanceNotFound',
  instanceStateInvalid: 'aws.instanceStateInvalid',
  invalidRequest: 'aws.invalidRequest',
  mfaCancelled: 'aws.mfaCancelled',
  mfaRequestUnknown: 'aws.mfaRequestUnknown',
  mfaUnavailable: 'aws.mfaUnavailable',
  profileMissing: 'aws.profileMissing',
  regionNotEnabled: 'aws.regionNotEnabled',
  requestFailed: 'aws.requestFailed',
  serviceUnavailable: 'aws.serviceUnavailable',
  ssmInstanceNotReady: 'aws.ssmInstanceNotReady',
  ssmInvocationMissing: 'aws.ssmInvocationMissing',
  ssoLoginRequired: 'aws.ssoLoginRequired',
  throttled: 'aws.throttled',
  unsupportedPlatform: 'aws.unsupportedPlatform',
} as const;

export type AwsErrorCode = (typeof awsErrorCodes)[keyof typeof awsErrorCodes];

/** What was being done when AWS failed; goes into the message and `details` so the user knows where. */
export interface AwsErrorContext {
  /** Account id as the app lists it (`profile:dev`, `practice`, …). */
  account: string;
  /** The profile name, for commands the user can run (`aws sso login --profile X`). */
  profile?: string;
  region?: string;
  operation?: string;
  /** The IAM prefix of the service called (`ec2` when omitted), for the permission to ask for. */
  service?: 'ec2' | 'sts' | 'ssm' | 'ec2-instance-connect';
}

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

const credentialsExpired = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'TokenRefreshRequired',
]);
const credentialsInvalid = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'IncompleteSignature',
]);
const accessDenied = new Set([
  'UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedAccess',
  // EC2 Instance Connect: "not valid credentials or no access to the instance".
  'AuthException',
]);
const throttled = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
]);
/** AWS's own outages (HTTP 5xx): nothing is wrong with the request or the account; retry later. */
const serviceUnavailable = new Set([
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'Unavailable',
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'InternalServiceError',
  // EC2 Instance Connect's own 5xx.
  'ServiceException',
]);
/** The instance named does not exist (or was terminated), in EC2's and Instance Connect's words. */
const instanceNotFound = new Set([
  'InvalidInstanceID.NotFound',
  'InvalidInstanceID.Malformed',
  'EC2InstanceNotFoundException',
]);
/** The instance exists but is not in a state that allows the call (stopped, pending, unreachable). */
const instanceStateInvalid = new Set([
  'IncorrectInstanceState',
  'EC2InstanceStateInvalidException',
  'EC2InstanceUnavailableException',
]);
/** AWS refused the request's own values; its message says which one (no secret is ever in it). */
const invalidRequest = new Set(['InvalidArgsException', 'InvalidParameters', 'InvalidDocument']);
const unreachable = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'TimeoutError',
  'EHOSTUNREACH',
]);

/** True for AWS's "you may not do this" answers (UnauthorizedOperation, AccessDenied*), nothing else. */
export function isAccessDeniedError(error: unknown): boolean {
  const shape = (error ?? {}) as SdkErrorShape;
  const name = shape.name ?? shape.Code ?? shape.code ?? '';
  return accessDenied.has(name) || name.startsWith('AccessDenied');
}

function where(context: AwsErrorContext): string {
  return context.region ? ` in ${context.region}` : '';
}

function loginHint(context: AwsErrorContext): string {
  return context.profile ? `aws sso login --profile ${context.profile}` : 'aws sso login';
}

/**
 * Turns whatever the SDK threw into an AppError whose message says what to do next. The original
 * message is used only for classification; AWS error text never contains secrets, but we still
 * show our own wording so the renderer can translate it by code.
 */
export function toAwsAppError(error: unknown, context: AwsErrorContext): AppError {
  if (isAppError(error)) return error;
  const shape = (error ?? {}) as SdkErrorShape;
  const name = shape.name ?? shape.Code ?? shape.code ?? 'Error';
  const text = shape.message ?? '';
  const details = {
    account: context.account,
    ...(context.profile ? { profile: context.profile } : {}),
    ...(context.region ? { region: context.region } : {}),
    ...(context.operation ? { operation: context.operation } : {}),
    awsCode: name.slice(0, 100),
  };
  const who = context.profile ? `profile ${context.profile}` : context.account;
  const permission = `${context.service ?? 'ec2'}:${context.operation ?? '*'}`;

  if (/sso/i.test(text) && /(expired|invalid|not found|aws sso login)/i.test(text)) {
    return new AppError(
      awsErrorCodes.ssoLoginRequired,
      `The AWS SSO session for ${who} has expired or was never started. Run \`${loginHint(context)}\`, then refresh.`,
      {
        ...details,
        command: loginHint(context),
      },
    );
  }
  if (name === 'CredentialsProviderError' || name === 'ProviderError' || name === 'TokenProviderError') {
    return new AppError(
      awsErrorCodes.credentialsMissing,
      `No AWS credentials could be loaded for ${who}: ${text.slice(0, 300)} Check the profile in your AWS config files, or run \`aws configure --profile ${context.profile ?? 'NAME'}\`.`,
      details,
    );
  }
  if (credentialsExpired.has(name)) {
    return new AppError(
      awsErrorCodes.credentialsExpired,
      `The AWS credentials of ${who} have expired. Sign in again (for SSO: \`${loginHint(context)}\`) or refresh your temporary keys, then retry.`,
      details,
    );
  }
  if (credentialsInvalid.has(name)) {
    // A region the account has not enabled answers AuthFailure too, so name both causes.
    const regionHint = context.region
      ? ` If ${context.region} is not enabled for this account, enable it or leave it out;`
      : '';
    return new AppError(
      awsErrorCodes.credentialsInvalid,
      `AWS rejected the credentials of ${who}${where(context)} (${name}).${regionHint} Check the access key in your AWS config, or sign in again.`,
      details,
    );
  }
  if (name === 'OptInRequired') {
    return new AppError(
      awsErrorCodes.regionNotEnabled,
      `Region ${context.region ?? ''} is not enabled for this account. Enable it in the AWS console (Account → AWS Regions) or leave it out.`,
      details,
    );
  }
  if (isAccessDeniedError(error)) {
    return new AppError(
      awsErrorCodes.accessDenied,
      `${who} is not allowed to call ${context.operation ?? 'this operation'}${where(context)}. Ask your administrator for the ${permission} permission.`,
      details,
    );
  }
  if (instanceNotFound.has(name)) {
    return new AppError(
      awsErrorCodes.instanceNotFound,
      `AWS has no such instance${where(context)} for ${who} (${name}): it was terminated, or it is in another region or account. Refresh the inventory and pick it again.`,
      details,
    );
  }
  if (instanceStateInvalid.has(name)) {
    return new AppError(
      awsErrorCodes.instanceStateInvalid,
      `The instance${where(context)} is not in a state that allows ${context.operation ?? 'this'} (${name}): it may be stopped, starting or unreachable. Start it, wait until it is running, and retry.`,
      details,
    );
  }
  if (name === 'InvalidInstanceId' && context.service === 'ssm') {
    return new AppError(
      awsErrorCodes.ssmInstanceNotReady,
      `Systems Manager cannot reach the instance${where(context)} now: it is not running, its SSM Agent is offline or not registered, or its instance profile lacks SSM permissions. Use another path, or fix the agent and retry.`,
      details,
    );
  }
  if (name === 'InvocationDoesNotExist') {
    return new AppError(
      awsErrorCodes.ssmInvocationMissing,
      `Systems Manager has no record of that command on the instance${where(context)}: it expired or was never delivered. Run it again.`,
      details,
    );
  }
  if (name === 'UnsupportedPlatformType') {
    return new AppError(
      awsErrorCodes.unsupportedPlatform,
      `The instance's platform does not support ${context.operation ?? 'this command'}${where(context)} (a Windows instance cannot run a shell script). Use another path.`,
      details,
    );
  }
  if (invalidRequest.has(name)) {
    return new AppError(
      awsErrorCodes.invalidRequest,
      `AWS refused ${context.operation ?? 'the request'}${where(context)} as invalid: ${text.slice(0, 300)}`,
      details,
    );
  }
  if (throttled.has(name)) {
    return new AppError(
      awsErrorCodes.throttled,
      `AWS kept throttling requests${where(context)} even after retries. Wait a minute and refresh.`,
      details,
    );
  }
  if (serviceUnavailable.has(name) || (shape.$metadata?.httpStatusCode ?? 0) >= 500) {
    return new AppError(
      awsErrorCodes.serviceUnavailable,
      `AWS could not answer ${context.operation ?? 'the request'}${where(context)} right now (${name}), even after retries. This is on AWS's side; try again in a few minutes.`,
      details,
    );
  }
  const networkCode = (error as NodeJS.ErrnoException | undefined)?.code;
  if (unreachable.has(name) || (networkCode && unreachable.has(networkCode))) {
    return new AppError(
      awsErrorCodes.endpointUnreachable,
      `The AWS endpoint${where(context)} could not be reached (${networkCode ?? name}). Check your network, proxy or endpoint override.`,
      details,
    );
  }
  return new AppError(
    awsErrorCodes.requestFailed,
    `AWS ${context.operation ?? 'request'} failed${where(context)}: ${name}: ${text.slice(0, 300)}`,
    details,
  );
}
