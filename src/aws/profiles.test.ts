import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listProfiles } from './profiles';

const fixtures = fileURLToPath(new URL('./test-fixtures/', import.meta.url));
const environment = {
  env: { AWS_CONFIG_FILE: `${fixtures}config`, AWS_SHARED_CREDENTIALS_FILE: `${fixtures}credentials` },
  homeDir: '/nonexistent',
};

describe('AWS profiles from the shared config files (parsed by the SDK loader)', () => {
  it('lists every profile of both files, default first, classified by how it gets credentials', async () => {
    const profiles = await listProfiles(environment);
    expect(profiles.map((profile) => [profile.name, profile.kind])).toEqual([
      ['default', 'static'],
      ['admin', 'assumeRole'],
      ['chained', 'assumeRole'],
      ['ci', 'static'],
      ['corp', 'sso'],
      ['dev', 'unknown'],
      ['from-instance', 'assumeRole'],
      ['legacy-sso', 'sso'],
      ['tool', 'process'],
    ]);
  });

  it('keeps what the UI explains: role chains, MFA devices, SSO start URLs, endpoints and regions', async () => {
    const byName = Object.fromEntries(
      (await listProfiles(environment)).map((profile) => [profile.name, profile]),
    );
    expect(byName.admin).toEqual({
      name: 'admin',
      kind: 'assumeRole',
      roleArn: 'arn:aws:iam::123456789012:role/Admin',
      sourceProfile: 'default',
      mfaSerial: 'arn:aws:iam::111122223333:mfa/alice',
    });
    expect(byName.chained).toMatchObject({
      sourceProfile: 'admin',
      roleArn: 'arn:aws:iam::222222222222:role/Deep',
    });
    expect(byName['from-instance']).toMatchObject({ sourceProfile: '(Ec2InstanceMetadata)' });
    expect(byName.corp).toEqual({
      name: 'corp',
      kind: 'sso',
      region: 'us-east-1',
      ssoSession: 'corp',
      ssoStartUrl: 'https://corp.awsapps.com/start',
      ssoAccountId: '123456789012',
      ssoRoleName: 'ReadOnly',
    });
    expect(byName['legacy-sso']).toMatchObject({
      ssoStartUrl: 'https://legacy.awsapps.com/start',
      ssoRoleName: 'Admin',
    });
    expect(byName.dev).toMatchObject({ region: 'us-west-2', endpointUrl: 'http://localhost:4566' });
    expect(byName.tool).toMatchObject({ kind: 'process', region: 'ap-northeast-1' });
    expect(byName.default).toEqual({ name: 'default', kind: 'static', region: 'eu-west-1' });
    // Secrets are not part of a summary.
    expect(JSON.stringify(byName)).not.toContain('fixture-secret');
  });

  it('finds nothing (and does not fail) when the files do not exist', async () => {
    expect(await listProfiles({ env: {}, homeDir: '/nonexistent' })).toEqual([]);
  });
});
