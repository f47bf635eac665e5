import { describe, expect, it } from 'vitest';
import type { Core } from './core';
import type { Channel, ChannelInput } from '../ipc/contract';
import { useProfileSandbox } from './test-support/profile-sandbox';
import { getCallerIdentity } from '../aws/identity';
import type { MfaRequest } from '../aws/mfa-broker';

/**
 * Role chains from fixture AWS config files, resolved by the app's account code (the SDK's fromIni)
 * against the sandbox's STS AssumeRole over HTTP: the assumed-role credentials must work for the next
 * call, and an MFA role goes through the MfaBroker.
 */
describe('role chains through STS AssumeRole', () => {
  // Each profile names the sandbox in endpoint_url: the app uses the resolved profile's own
  // endpoint for both the role assumption (fromIni's STS client) and later calls.
  const fixture = useProfileSandbox('keyrescue-role-chain-', (endpoint) => [
    '[profile deployer]',
    'role_arn = arn:aws:iam::111122223333:role/Deployer',
    'source_profile = base',
    'role_session_name = keyrescue-test',
    ...endpoint,
    '[profile guarded]',
    'role_arn = arn:aws:iam::111122223333:role/mfa-admin',
    'source_profile = base',
    'role_session_name = guarded-session',
    'mfa_serial = arn:aws:iam::111122223333:mfa/alice',
    ...endpoint,
    '[profile unguarded]',
    'role_arn = arn:aws:iam::111122223333:role/mfa-admin',
    'source_profile = base',
    ...endpoint,
  ]);
  const coreFor = (profile: string): Core => fixture.core(profile);

  const dispatch = (target: Core, channel: Channel, input: ChannelInput<Channel>) =>
    target.router.dispatch(channel, input, { caller: 'cli', emit: () => undefined });

  it('assumes the role from the source profile and calls STS as the assumed role', async () => {
    const target = coreFor('deployer');
    expect(await dispatch(target, 'accounts:identity', {})).toEqual({
      ok: true,
      value: {
        accountId: '111122223333',
        arn: 'arn:aws:sts::111122223333:assumed-role/Deployer/keyrescue-test',
        partition: 'aws',
      },
    });
    // The temporary keys are what the account's clients sign with (an ASIA… key with a session token).
    const credentials = await (await (await target.aws()).accounts.resolve('profile:deployer')).credentials();
    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials.sessionToken).toEqual(expect.any(String));
    expect(credentials.expiration?.getTime()).toBeGreaterThan(Date.now());
  });

  // The CLI calls services directly (no router caller in scope): its terminal is the default prompter.
  it('asks the default prompter for a code outside a router call and assumes an MFA role with it', async () => {
    const stack = await coreFor('guarded').aws();
    const asked: MfaRequest[] = [];
    stack.mfa.setDefaultPrompter(async (request) => {
      asked.push(request);
      return '123456';
    });
    expect(await getCallerIdentity(await stack.accounts.resolve())).toMatchObject({
      arn: 'arn:aws:sts::111122223333:assumed-role/mfa-admin/guarded-session',
    });
    expect(asked).toEqual([
      {
        requestId: expect.any(String),
        accountId: 'profile:guarded',
        mfaSerial: 'arn:aws:iam::111122223333:mfa/alice',
      },
    ]);
  });

  it('stops with aws.mfaCancelled when no code is entered', async () => {
    const stack = await coreFor('guarded').aws();
    stack.mfa.setDefaultPrompter(async () => null);
    await expect(getCallerIdentity(await stack.accounts.resolve())).rejects.toMatchObject({
      code: 'aws.mfaCancelled',
    });
  });

  it('is denied an MFA role when the profile has no mfa_serial', async () => {
    const target = coreFor('unguarded');
    const result = await dispatch(target, 'accounts:identity', {});
    expect(
      result.ok ? 'ok' : [result.error.code, (result.error.details as { awsCode?: string }).awsCode],
    ).toEqual(['aws.accessDenied', 'AccessDenied']);
  });
});
