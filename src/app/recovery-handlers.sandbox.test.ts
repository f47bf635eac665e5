import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationProgress, OperationStatus } from '../ipc/contracts/operations';
import { preflightCheckIds, type PreflightResultDto } from '../ipc/contracts/recovery';
import { preflightChecks } from '../recovery/preflight/preflight';
import { startSandbox, type RunningSandbox } from '../sandbox';
import { instanceNamed } from '../sandbox/test-support/demo-lookup';
import { createCore, type Core } from './core';

// recovery:preflight through the router, as the renderer calls it, on the practice account (demo
// seed, over HTTP with the real SDK): an operation whose steps are the checks, live.
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

type Emit = (event: string, payload: unknown) => void;
const dispatch = (channel: string, payload: unknown, emit: Emit = () => undefined) =>
  core.router.dispatch(channel, payload, { caller: 'renderer', emit });

/** Starts a preflight and waits for its end, keeping every entry it pushed; `onEntry` sees each. */
async function preflight(payload: unknown, onEntry: (entry: OperationProgress) => void = () => undefined) {
  const pushed: OperationProgress[] = [];
  const emit: Emit = (event, value) => {
    if (event !== 'operation:progress') return;
    pushed.push(value as OperationProgress);
    onEntry(value as OperationProgress);
  };
  const started = await dispatch('recovery:preflight', payload, emit);
  if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);
  expect(Object.keys(started.value as object)).toEqual(['operationId']);
  const { operationId } = started.value as { operationId: string };
  for (;;) {
    const waited = await dispatch('operations:wait', { operationId, timeoutMs: 30_000 });
    if (!waited.ok) throw new Error(waited.error.message);
    const status = waited.value as OperationStatus;
    if (status.state !== 'running') return { status, pushed, operationId };
  }
}

/** `kind step done/total (count)` per entry: the shape of the live checklist. */
const shape = (entries: OperationProgress[]) =>
  entries.map(
    (entry) =>
      `${entry.kind} ${entry.step}${entry.done !== undefined ? ` ${entry.done}/${entry.total}` : ''}${entry.count !== undefined ? ` (${entry.count})` : ''}`,
  );

describe('recovery:preflight', () => {
  it('runs every check as a step, live, with its findings; the result is the findings and the plan', async () => {
    const { status, pushed, operationId } = await preflight({
      instanceId,
      region: 'us-east-1',
      egressAddress: '203.0.113.7',
    });
    expect(status).toMatchObject({
      kind: 'recovery.preflight',
      state: 'succeeded',
      metadata: { accountId: 'practice', instanceId, region: 'us-east-1' },
    });
    expect(shape(pushed)).toEqual([
      'started recovery.preflight',
      'step identity 0/9',
      'stepDone identity 1/9 (1)',
      'step instance 1/9',
      'stepDone instance 2/9 (11)',
      'step savedKey.ec2rl 2/9',
      'stepDone savedKey.ec2rl 3/9 (1)',
      'step attributes 3/9',
      'stepDone attributes 4/9 (3)',
      'step image 4/9',
      'stepDone image 5/9 (2)',
      'step network 5/9',
      'stepDone network 6/9 (2)',
      'step ssm 6/9',
      'stepDone ssm 7/9 (1)',
      'step permissions 7/9',
      'stepDone permissions 8/9 (8)',
      'step savedKey.keyPair 8/9',
      'stepDone savedKey.keyPair 9/9 (1)',
      'succeeded recovery.preflight',
    ]);
    expect(pushed.map((entry) => entry.seq)).toEqual(pushed.map((_entry, index) => index + 1));
    // Each check's findings arrive on the entry that ends it.
    const findingsOf = (step: string) =>
      pushed
        .find((entry) => entry.kind === 'stepDone' && entry.step === step)
        ?.findings?.map((finding) => `${finding.id} ${finding.status} ${finding.code}`);
    expect(findingsOf('identity')).toEqual(['identity ok identityOk']);
    expect(findingsOf('network')).toEqual([
      'network.sshPort ok sshOpenToAddress',
      'network.nacl ok naclAllows',
    ]);
    expect(findingsOf('ssm')).toEqual(['ssm warning ssmNotManagedNoProfile']);
    const result = status.result as PreflightResultDto;
    expect(Object.keys(result).sort()).toEqual(['findings', 'instanceId', 'plan', 'region', 'targetUser']);
    expect(result.findings.map((finding) => `${finding.id} ${finding.status} ${finding.code}`)).toEqual([
      'identity ok identityOk',
      'instance.state ok instanceRunning',
      'instance.platform ok platformLinux',
      'instance.rootDevice ok rootEbs',
      'instance.lifecycle ok lifecycleOnDemand',
      'instance.autoScaling ok autoScalingNone',
      'instance.addresses ok addressesPublic',
      'instance.imds ok imdsEnabled',
      'instance.keyName ok keyNameSet',
      'instance.publicIp warning publicIpChangesOnStop',
      'instance.instanceStore ok instanceStoreNone',
      'instance.volumes ok volumesUnencrypted',
      'instance.stopProtection ok stopProtectionOff',
      'instance.terminationProtection ok terminationProtectionOff',
      'instance.shutdownBehavior ok shutdownBehaviorStop',
      'user ok defaultUserFromImage',
      'eic ok eicImageShips',
      'network.sshPort ok sshOpenToAddress',
      'network.nacl ok naclAllows',
      'ssm warning ssmNotManagedNoProfile',
      'permission.AuthorizeSecurityGroupIngress ok permissionAllowed',
      'permission.StopInstances ok permissionAllowed',
      'permission.StartInstances ok permissionAllowed',
      'permission.ModifyInstanceAttribute ok permissionAllowed',
      'permission.CreateSnapshot ok permissionAllowed',
      'permission.DetachVolume ok permissionAllowed',
      'permission.ssm:SendCommand unknown permissionUntestable',
      'permission.ec2-instance-connect:SendSSHPublicKey unknown permissionUntestable',
      'savedKey.ec2rl ok savedEc2rlParameterAbsent',
      'savedKey.keyPair ok savedKeyPairParameterAbsent',
    ]);
    expect(result.targetUser).toBe('ec2-user');
    expect(result.plan.map((path) => `${path.path}:${path.verdict}`)).toEqual([
      'ssh:possible',
      'eic:advised',
      'ssm:notPossible',
      'userData:possible',
      'rescueVolume:possible',
    ]);
    // A reloaded window asks for the log from the start and gets the same entries.
    const replayed = await dispatch('operations:replay', { operationId, afterSeq: 0 });
    expect(replayed).toMatchObject({ ok: true, value: { state: 'succeeded', entries: pushed, more: false } });
  });

  it('a cancel after the first check ends it cancelled before the next check starts', async () => {
    const { status, pushed } = await preflight(
      { instanceId, region: 'us-east-1', egressAddress: '203.0.113.7' },
      (entry) => {
        if (entry.kind === 'stepDone' && entry.step === 'identity')
          void dispatch('operations:cancel', { operationId: entry.operationId });
      },
    );
    expect(status).toMatchObject({ kind: 'recovery.preflight', state: 'cancelled' });
    expect(status.result).toBeUndefined();
    expect(shape(pushed)).toEqual([
      'started recovery.preflight',
      'step identity 0/9',
      'stepDone identity 1/9 (1)',
      'cancelled recovery.preflight',
    ]);
  });

  it('names the checks as the contract does, in the order they run', () => {
    expect(preflightChecks.map((check) => check.id)).toEqual([...preflightCheckIds]);
  });

  it('refuses bad input at the start call with a code the UI translates', async () => {
    const missing = await dispatch('recovery:preflight', { instanceId });
    expect(missing).toMatchObject({ ok: false, error: { code: 'ipc.invalidInput' } });
    const extra = await dispatch('recovery:preflight', { instanceId, region: 'us-east-1', secret: 'x' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'ipc.invalidInput' } });
    const badId = await dispatch('recovery:preflight', { instanceId: 'web-1', region: 'us-east-1' });
    expect(badId).toMatchObject({ ok: false, error: { code: 'recovery.instanceIdInvalid' } });
    const badAddress = await dispatch('recovery:preflight', {
      instanceId,
      region: 'us-east-1',
      egressAddress: '300.1.1.1',
    });
    expect(badAddress).toMatchObject({ ok: false, error: { code: 'recovery.egressAddressInvalid' } });
  });
});
