import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from './core';
import type { Channel, ChannelInput } from '../ipc/contract';
import { startSandbox, type RunningSandbox } from '../sandbox';

/**
 * Accounts through the SDK's own credential providers, against the sandbox over HTTP: a
 * credential_process profile, a role chain that asks for an MFA code over IPC, an SSO profile that
 * was never logged in, environment keys, and the practice account as the default.
 */
describe('accounts and credentials', () => {
  let sandbox: RunningSandbox;
  let root: string;
  let core: Core;
  const events: { event: string; payload: unknown }[] = [];
  const dispatch = (channel: Channel, input: ChannelInput<Channel>) =>
    core.router.dispatch(channel, input, {
      caller: 'renderer',
      emit: (event, payload) => events.push({ event, payload }),
    });

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'empty' });
    root = await mkdtemp(join(tmpdir(), 'keyrescue-accounts-'));
    const helper = join(root, 'print-creds.mjs');
    // A real credential_process program, as `aws configure export-credentials` users write them.
    await writeFile(
      helper,
      `console.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(sandbox.accessKeyId)}, SecretAccessKey: ${JSON.stringify(sandbox.secretAccessKey)} }));\n`,
    );
    await writeFile(
      join(root, 'config'),
      [
        '[profile tool]',
        `credential_process = ${process.execPath} ${helper}`,
        `endpoint_url = ${sandbox.endpoint}`,
        'region = us-east-1',
        '[profile base]',
        `endpoint_url = ${sandbox.endpoint}`,
        'region = us-east-1',
        '[profile admin]',
        'role_arn = arn:aws:iam::111122223333:role/Admin',
        'source_profile = base',
        'mfa_serial = arn:aws:iam::111122223333:mfa/alice',
        `endpoint_url = ${sandbox.endpoint}`,
        'region = us-east-1',
        '[profile corp]',
        'sso_session = corp',
        'sso_account_id = 111122223333',
        'sso_role_name = ReadOnly',
        'region = us-east-1',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(root, 'credentials'),
      `[base]\naws_access_key_id = ${sandbox.accessKeyId}\naws_secret_access_key = ${sandbox.secretAccessKey}\n`,
    );
    await mkdir(join(root, 'home'));
  });
  afterAll(async () => {
    await core?.dispose();
    await sandbox.stop();
    await rm(root, { recursive: true, force: true });
  });

  const coreWith = (env: NodeJS.ProcessEnv) =>
    createCore({
      userDataDir: join(root, `user-data-${Math.random().toString(36).slice(2)}`),
      runtime: 'test',
      accounts: {
        environment: { env, homeDir: join(root, 'home') },
        homeDir: join(root, 'home'),
        practice: async () => sandbox,
      },
    });
  const files = { AWS_CONFIG_FILE: '', AWS_SHARED_CREDENTIALS_FILE: '' };
  beforeAll(() => {
    files.AWS_CONFIG_FILE = join(root, 'config');
    files.AWS_SHARED_CREDENTIALS_FILE = join(root, 'credentials');
  });

  it('uses the practice account when no AWS credentials exist, and says so in app:info', async () => {
    core = coreWith({});
    const list = await dispatch('accounts:list', {});
    expect(list).toEqual({
      ok: true,
      value: {
        accounts: [
          {
            id: 'practice',
            label: 'Practice account',
            kind: 'practice',
            region: 'us-east-1',
            needsMfa: false,
          },
        ],
        activeId: 'practice',
      },
    });
    expect(await dispatch('app:info', {})).toMatchObject({ ok: true, value: { mode: 'sandbox' } });
    expect(await dispatch('accounts:identity', {})).toMatchObject({
      ok: true,
      value: { accountId: '111122223333', partition: 'aws' },
    });
  });

  it('lists practice, environment keys and profiles; AWS_PROFILE picks the default; credentials never appear', async () => {
    core = coreWith({
      ...files,
      AWS_PROFILE: 'tool',
      AWS_ACCESS_KEY_ID: sandbox.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sandbox.secretAccessKey,
      AWS_ENDPOINT_URL: sandbox.endpoint,
    });
    const list = await dispatch('accounts:list', {});
    if (!list.ok) throw new Error(list.error.message);
    const value = list.value as { accounts: { id: string }[]; activeId: string };
    expect(value.accounts.map((account) => account.id)).toEqual([
      'practice',
      'environment',
      'profile:admin',
      'profile:base',
      'profile:corp',
      'profile:tool',
    ]);
    expect(value.activeId).toBe('profile:tool');
    expect(JSON.stringify(value)).not.toContain(sandbox.secretAccessKey);
    expect(await dispatch('app:info', {})).toMatchObject({ ok: true, value: { mode: 'aws' } });
    // The user's choice is remembered and wins over AWS_PROFILE.
    expect(await dispatch('accounts:select', { id: 'environment' })).toMatchObject({
      ok: true,
      value: { id: 'environment', kind: 'environment' },
    });
    expect(await dispatch('accounts:list', {})).toMatchObject({
      ok: true,
      value: { activeId: 'environment' },
    });
    expect(await dispatch('accounts:identity', {})).toMatchObject({
      ok: true,
      value: { accountId: '111122223333' },
    });
  });

  it('gets credentials from credential_process and uses the profile endpoint_url', async () => {
    core = coreWith({ ...files, AWS_PROFILE: 'tool' });
    expect(await dispatch('accounts:identity', {})).toEqual({
      ok: true,
      value: {
        accountId: '111122223333',
        arn: 'arn:aws:iam::111122223333:user/keyrescue-practice',
        partition: 'aws',
      },
    });
    expect(await dispatch('accounts:regions', {})).toEqual({
      ok: true,
      value: {
        regions: [
          { name: 'eu-west-1', optInStatus: 'opt-in-not-required' },
          { name: 'us-east-1', optInStatus: 'opt-in-not-required' },
        ],
        defaultRegion: 'us-east-1',
      },
    });
  });

  it('asks the UI for an MFA code before assuming a role, and stops when the user cancels', async () => {
    core = coreWith({ ...files, AWS_PROFILE: 'admin' });
    events.length = 0;
    const pending = dispatch('accounts:identity', {});
    const request = await waitForEvent('accounts:mfaRequired');
    expect(request).toMatchObject({
      accountId: 'profile:admin',
      mfaSerial: 'arn:aws:iam::111122223333:mfa/alice',
    });
    expect(
      await dispatch('accounts:mfaCode', {
        requestId: (request as { requestId: string }).requestId,
        code: null,
      }),
    ).toEqual({ ok: true, value: { accepted: true } });
    const result = await pending;
    expect(result.ok ? 'ok' : result.error.code).toBe('aws.mfaCancelled');
  });

  it('passes the typed MFA code on to the role assumption', async () => {
    core = coreWith({ ...files, AWS_PROFILE: 'admin' });
    events.length = 0;
    const pending = dispatch('accounts:identity', {});
    const request = (await waitForEvent('accounts:mfaRequired')) as { requestId: string };
    expect(await dispatch('accounts:mfaCode', { requestId: request.requestId, code: '123456' })).toEqual({
      ok: true,
      value: { accepted: true },
    });
    const result = await pending;
    // The code was taken and the SDK went on to call the sandbox's STS AssumeRole as the role.
    expect(result).toMatchObject({
      ok: true,
      value: {
        arn: expect.stringMatching(/^arn:aws:sts::111122223333:assumed-role\/Admin\/aws-sdk-js-\d+$/),
      },
    });
    expect(events.filter((entry) => entry.event === 'accounts:mfaRequired')).toHaveLength(1);
  });

  it('tells the user to run aws sso login when an SSO profile has no session', async () => {
    core = coreWith({ ...files, AWS_PROFILE: 'corp' });
    const result = await dispatch('accounts:identity', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('aws.ssoLoginRequired');
    expect(result.error.message).toContain('aws sso login --profile corp');
    expect(result.error.details).toMatchObject({ command: 'aws sso login --profile corp', profile: 'corp' });
  });

  it('stores an endpoint override per account and rejects URLs that could carry secrets', async () => {
    core = coreWith({ ...files });
    expect(
      await dispatch('accounts:setEndpoint', { id: 'profile:corp', endpoint: 'http://localhost:4566/' }),
    ).toEqual({ ok: true, value: {} });
    const list = await dispatch('accounts:list', {});
    expect(
      list.ok &&
        (list.value as { accounts: { id: string; endpoint?: string }[] }).accounts.find(
          (account) => account.id === 'profile:corp',
        )?.endpoint,
    ).toBe('http://localhost:4566');
    const bad = await dispatch('accounts:setEndpoint', {
      id: 'profile:corp',
      endpoint: 'https://user:pw@example.com',
    });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('aws.endpointInvalid');
  });

  async function waitForEvent(name: string): Promise<unknown> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const found = events.find((entry) => entry.event === name);
      if (found) return found.payload;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no ${name} event`);
  }
});
