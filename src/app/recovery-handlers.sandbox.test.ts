import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../sandbox';
import { instanceNamed } from '../sandbox/test-support/demo-lookup';
import { createCore, type Core } from './core';

// recovery:preflight through the router, as the renderer calls it, on the practice account (demo seed).
let sandbox: RunningSandbox;
let root: string;
let core: Core;
let instanceId: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyrescue-preflight-router-'));
  const home = join(root, 'home');
  await mkdir(join(home, '.ssh'), { recursive: true });
  sandbox = await startSandbox({ seed: 'demo', keysDir: join(root, 'keys') });
  core = createCore({
    userDataDir: join(root, 'user-data'),
    runtime: 'test',
    accounts: { environment: { env: {}, homeDir: home }, homeDir: home, practice: async () => sandbox },
  });
  const ec2 = new EC2Client({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
  instanceId = (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '';
  ec2.destroy();
});
afterAll(async () => {
  await core.dispose();
  await sandbox.stop();
  await rm(root, { recursive: true, force: true });
});

const dispatch = (payload: unknown) =>
  core.router.dispatch('recovery:preflight', payload, { caller: 'renderer', emit: () => undefined });

describe('recovery:preflight', () => {
  it('returns the findings and the plan of the lost-key instance, not the raw facts', async () => {
    const envelope = await dispatch({ instanceId, region: 'us-east-1', egressAddress: '203.0.113.7' });
    expect(envelope.ok).toBe(true);
    if (!envelope.ok) return;
    const value = envelope.value as {
      findings: { code: string }[];
      plan: { path: string; verdict: string }[];
    };
    expect(Object.keys(value).sort()).toEqual(['findings', 'instanceId', 'plan', 'region', 'targetUser']);
    expect(value.findings[0]?.code).toBe('identityOk');
    expect(value.plan.map((path) => `${path.path}:${path.verdict}`)).toEqual([
      'ssh:possible',
      'eic:advised',
      'ssm:notPossible',
      'userData:possible',
      'rescueVolume:possible',
    ]);
  });

  it('refuses bad input with a code the UI translates', async () => {
    const missing = await dispatch({ instanceId });
    expect(missing).toMatchObject({ ok: false, error: { code: 'ipc.invalidInput' } });
    const extra = await dispatch({ instanceId, region: 'us-east-1', secret: 'x' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'ipc.invalidInput' } });
    const badId = await dispatch({ instanceId: 'web-1', region: 'us-east-1' });
    expect(badId).toMatchObject({ ok: false, error: { code: 'recovery.instanceIdInvalid' } });
    const badAddress = await dispatch({ instanceId, region: 'us-east-1', egressAddress: '300.1.1.1' });
    expect(badAddress).toMatchObject({ ok: false, error: { code: 'recovery.egressAddressInvalid' } });
  });
});
