import { describe, expect, it } from 'vitest';
import { toAwsAppError } from './aws-errors';

const context = {
  account: 'profile:dev',
  profile: 'dev',
  region: 'eu-west-1',
  operation: 'DescribeInstances',
};
const sdkError = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('AWS errors become messages that say what to do', () => {
  it.each([
    ['ExpiredToken', 'aws.credentialsExpired', 'aws sso login --profile dev'],
    ['RequestExpired', 'aws.credentialsExpired', 'Sign in again'],
    ['AuthFailure', 'aws.credentialsInvalid', 'If eu-west-1 is not enabled'],
    ['UnauthorizedOperation', 'aws.accessDenied', 'ec2:DescribeInstances'],
    ['OptInRequired', 'aws.regionNotEnabled', 'Enable it in the AWS console'],
    ['RequestLimitExceeded', 'aws.throttled', 'Wait a minute'],
    ['CredentialsProviderError', 'aws.credentialsMissing', 'aws configure --profile dev'],
    ['InternalError', 'aws.serviceUnavailable', "on AWS's side"],
    ['ServiceUnavailable', 'aws.serviceUnavailable', 'try again in a few minutes'],
    ['InvalidParameterValue', 'aws.requestFailed', 'InvalidParameterValue'],
    ['InvalidInstanceID.NotFound', 'aws.instanceNotFound', 'Refresh the inventory'],
    ['IncorrectInstanceState', 'aws.instanceStateInvalid', 'wait until it is running'],
  ])('%s → %s', (name, code, hint) => {
    const error = toAwsAppError(sdkError(name, 'x'), context);
    expect(error.code).toBe(code);
    expect(error.message).toContain(hint);
    expect(error.details).toMatchObject({ account: 'profile:dev', region: 'eu-west-1', awsCode: name });
  });

  it('recognises an expired SSO token from the SDK text and gives the login command', () => {
    const error = toAwsAppError(
      sdkError(
        'TokenProviderError',
        "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      ),
      context,
    );
    expect(error.code).toBe('aws.ssoLoginRequired');
    expect(error.details.command).toBe('aws sso login --profile dev');
  });

  it('treats any HTTP 5xx answer as AWS being unavailable, and a 503 throttle as throttling', () => {
    const outage = Object.assign(sdkError('UnknownError', 'x'), { $metadata: { httpStatusCode: 502 } });
    expect(toAwsAppError(outage, context).code).toBe('aws.serviceUnavailable');
    const throttle = Object.assign(sdkError('RequestLimitExceeded'), { $metadata: { httpStatusCode: 503 } });
    expect(toAwsAppError(throttle, context).code).toBe('aws.throttled');
  });

  it('treats connection failures as an unreachable endpoint', () => {
    const error = toAwsAppError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      context,
    );
    expect(error.code).toBe('aws.endpointUnreachable');
  });

  it.each([
    ['ssm', 'SendCommand', 'InvalidInstanceId', 'aws.ssmInstanceNotReady', 'SSM Agent is offline'],
    ['ssm', 'GetCommandInvocation', 'InvocationDoesNotExist', 'aws.ssmInvocationMissing', 'Run it again'],
    ['ssm', 'SendCommand', 'UnsupportedPlatformType', 'aws.unsupportedPlatform', 'Windows'],
    ['ssm', 'SendCommand', 'AccessDeniedException', 'aws.accessDenied', 'ssm:SendCommand'],
    ['ssm', 'GetCommandInvocation', 'ThrottlingException', 'aws.throttled', 'Wait a minute'],
    ['ssm', 'SendCommand', 'InvalidDocument', 'aws.invalidRequest', 'as invalid: x'],
    [
      'ec2-instance-connect',
      'SendSSHPublicKey',
      'EC2InstanceNotFoundException',
      'aws.instanceNotFound',
      'terminated',
    ],
    [
      'ec2-instance-connect',
      'SendSSHPublicKey',
      'EC2InstanceStateInvalidException',
      'aws.instanceStateInvalid',
      'Start it',
    ],
    [
      'ec2-instance-connect',
      'SendSSHPublicKey',
      'EC2InstanceUnavailableException',
      'aws.instanceStateInvalid',
      'unreachable',
    ],
    [
      'ec2-instance-connect',
      'SendSSHPublicKey',
      'AuthException',
      'aws.accessDenied',
      'ec2-instance-connect:SendSSHPublicKey',
    ],
    [
      'ec2-instance-connect',
      'SendSSHPublicKey',
      'InvalidArgsException',
      'aws.invalidRequest',
      'as invalid: x',
    ],
    [
      'ec2-instance-connect',
      'SendSSHPublicKey',
      'ServiceException',
      'aws.serviceUnavailable',
      "on AWS's side",
    ],
    ['ec2-instance-connect', 'SendSSHPublicKey', 'ThrottlingException', 'aws.throttled', 'Wait a minute'],
  ] as const)('%s %s: %s → %s', (service, operation, name, code, hint) => {
    const error = toAwsAppError(sdkError(name, 'x'), { ...context, service, operation });
    expect(error.code).toBe(code);
    expect(error.message).toContain(hint);
    expect(error.details).toMatchObject({ operation, awsCode: name });
  });

  it('reads InvalidInstanceId as "SSM cannot reach it" only from SSM', () => {
    expect(toAwsAppError(sdkError('InvalidInstanceId'), context).code).toBe('aws.requestFailed');
  });
});
