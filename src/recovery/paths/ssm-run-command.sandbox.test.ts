import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { GetCommandInvocationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedAccount } from '../../aws/account-types';
import { AppError } from '../../ipc/app-error';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { instanceNamed, sshEndpointOf } from '../../sandbox/test-support/demo-lookup';
import { openSsh } from '../../sandbox/test-support/openssh';
import type { StepContext } from '../engine/recovery-step';
import { authorizeTemporaryIngressFor } from '../network/temporary-ingress';
import { recoveryErrorCodes } from '../recovery-errors';
import { addKeyScript, removeKeyScript } from '../scripts/authorized-key-script';
import { resultLinePrefix } from '../scripts/script-result';
import { ssmRunCommandRunner, type SsmRunCommandOptions } from './ssm-run-command';
import { standInAddScript } from './test-support/stand-in-script';

// The SSM path against the practice sandbox over HTTP with the real SDK: ops-box is an Ubuntu
// managed node whose port 22 is closed to this computer, so Run Command is how a key gets in.
const run = promisify(execFile);
const region = 'us-east-1';
let sandbox: RunningSandbox;
let ec2: EC2Client;
let ssm: SSMClient;
let account: ResolvedAccount;
let dir: string;
let newKey: { privatePath: string; publicLine: string };

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' });
  const config = {
    endpoint: sandbox.endpoint,
    region,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  };
  ec2 = new EC2Client(config);
  ssm = new SSMClient(config);
  account = {
    id: 'practice',
    label: 'Practice account',
    kind: 'practice',
    region,
    endpoint: sandbox.endpoint,
    needsMfa: false,
    credentials: async () => ({ accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey }),
    mode: 'sandbox',
  };
  dir = await mkdtemp(join(tmpdir(), 'kr-ssm-path-'));
  const privatePath = join(dir, 'new-key');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'new key via ssm', '-f', privatePath]);
  newKey = { privatePath, publicLine: (await readFile(`${privatePath}.pub`, 'utf8')).trim() };
});

afterAll(async () => {
  ec2.destroy();
  ssm.destroy();
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

async function idOf(name: string): Promise<string> {
  return (await instanceNamed(ec2, name)).InstanceId ?? '';
}

function runnerFor(instanceId: string, extra: Partial<SsmRunCommandOptions> = {}) {
  // Short waits: the sandbox runs a script at once, so only the backoff's scale changes.
  return ssmRunCommandRunner({
    account,
    region,
    instanceId,
    limits: { firstDelayMs: 20, maxDelayMs: 100 },
    ...extra,
  });
}

function context(notes: string[] = [], signal = new AbortController().signal): StepContext {
  return {
    recoveryId: 'rec-20260101-000000-0123abcd',
    signal,
    facts: {},
    note: (detail) => notes.push(detail),
  };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/** ubuntu's authorized_keys on ops-box, read through a second Run Command (the API, not the sandbox's state). */
async function authorizedKeysOnOpsBox(): Promise<string> {
  const instanceId = await idOf('ops-box');
  const sent = await ssm.send(
    new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [instanceId],
      Parameters: { commands: ['cat /home/ubuntu/.ssh/authorized_keys'] },
    }),
  );
  for (;;) {
    const seen = await ssm
      .send(new GetCommandInvocationCommand({ CommandId: sent.Command?.CommandId, InstanceId: instanceId }))
      .catch(() => undefined);
    if (seen?.Status === 'Success') return seen.StandardOutputContent ?? '';
    if (seen && !['Pending', 'InProgress'].includes(seen.Status ?? ''))
      throw new Error(`cat: ${seen.Status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const invocationCount = () => sandbox.control.state.regions[region]?.invocations.length ?? 0;
const blob = () => newKey.publicLine.split(' ')[1] ?? '';

/** Most cases use the short stand-in (stand-in-script.ts); one runs the generated script itself. */
describe('SSM Run Command path', () => {
  it('adds a new key to ops-box once, however often it runs, and OpenSSH logs in with it', async () => {
    const instanceId = await idOf('ops-box');
    const runner = runnerFor(instanceId);
    expect(runner.describe).toBe(`SSM Run Command on ${instanceId}`);
    const script = standInAddScript('ubuntu', newKey.publicLine);
    const notes: string[] = [];
    const first = await runner.run(script, context(notes));
    expect(first.result).toMatchObject({
      status: 'added',
      file: '/home/ubuntu/.ssh/authorized_keys',
      lines: 1,
    });
    expect(first.facts?.commandId).toMatch(/^[0-9a-f-]{36}$/);
    expect(notes[0]).toBe(`Sent as SSM command ${first.facts?.commandId}`);
    // The command as SSM holds it: the script byte for byte, bounded timeouts, a comment naming us.
    const stored = sandbox.control.state.regions[region]?.invocations.find(
      (record) => record.commandId === first.facts?.commandId,
    );
    expect(stored?.commands).toEqual([script]);
    expect(stored?.executionTimeoutSeconds).toBe(300);
    expect(stored?.comment).toBe(
      'KeyRescue recovery rec-20260101-000000-0123abcd: add or remove an SSH public key',
    );

    const second = await runner.run(script, context());
    expect(second.result).toMatchObject({ status: 'alreadyPresent', lines: 1 });
    const lines = (await authorizedKeysOnOpsBox()).split('\n').filter((line) => line.includes(blob()));
    expect(lines).toEqual([newKey.publicLine]);

    await authorizeTemporaryIngressFor(account, region, {
      instanceId,
      clientAddress: sandbox.control.clientAddress,
      recoveryId: 'rec-ssm',
    });
    const endpoint = sshEndpointOf(await instanceNamed(ec2, 'ops-box')) ?? '';
    const login = await openSsh(endpoint, 'ubuntu', newKey.privatePath, 'id -un');
    expect(login).toMatchObject({ code: 0, stdout: 'ubuntu\n' });
  });

  it('runs the generated scripts on ops-box: removed, added, then alreadyPresent, stdout only the result line', async () => {
    const instanceId = await idOf('ops-box');
    // The test above left the key there: the real remove script takes it out first.
    const cleared = await runnerFor(instanceId).run(
      removeKeyScript({ targetUser: 'ubuntu', publicKey: newKey.publicLine }),
      context(),
    );
    expect(cleared.result).toMatchObject({ action: 'remove', status: 'removed', lines: 1 });
    expect(await authorizedKeysOnOpsBox()).not.toContain(blob());
    const script = addKeyScript({ targetUser: 'ubuntu', publicKey: newKey.publicLine });
    const first = await runnerFor(instanceId).run(script, context());
    expect(first.result).toMatchObject({ status: 'added', lines: 1 });
    const stored = sandbox.control.state.regions[region]?.invocations.find(
      (record) => record.commandId === first.facts?.commandId,
    );
    // Nothing but the result line on stdout: 24,000 characters can never push it out.
    expect(stored?.stdout.trim().split('\n')).toHaveLength(1);
    expect(stored?.stdout.startsWith(resultLinePrefix)).toBe(true);
    expect((await runnerFor(instanceId).run(script, context())).result.status).toBe('alreadyPresent');
    const removed = await runnerFor(instanceId).run(
      removeKeyScript({ targetUser: 'nobody-here', publicKey: newKey.publicLine }),
      context(),
    );
    expect(removed.result).toMatchObject({ status: 'refused', reason: 'userNotFound' });
  });

  it('returns a refusal as the result though SSM reports the exit code 2 as Failed, changing nothing', async () => {
    const before = await authorizedKeysOnOpsBox();
    const refusal =
      '#!/bin/sh\nprintf \'KEYRESCUE-RESULT {"v":1,"action":"remove","status":"refused","reason":"userNotFound","detail":"nobody-here","file":null,"backup":null,"lines":0,"keysFileFrom":null,"warnings":[]}\\n\'\nexit 2\n';
    const { result, facts } = await runnerFor(await idOf('ops-box')).run(refusal, context());
    expect(result).toMatchObject({ action: 'remove', status: 'refused', reason: 'userNotFound' });
    const stored = sandbox.control.state.regions[region]?.invocations.find(
      (record) => record.commandId === facts?.commandId,
    );
    expect([stored?.status, stored?.responseCode]).toEqual(['Failed', 2]);
    expect(await authorizedKeysOnOpsBox()).toBe(before);
  });

  it('explains a script that fails before its result line, with its exit code and stderr', async () => {
    const error = await failure(
      runnerFor(await idOf('ops-box')).run(
        '#!/bin/sh\necho "sh: 1: local: not found" >&2\nexit 7\n',
        context(),
      ),
    );
    expect(error.code).toBe(recoveryErrorCodes.ssmCommandFailed);
    expect(error.details).toMatchObject({ exitCode: 7, stderr: 'sh: 1: local: not found' });
    expect(error.message).toContain(
      'exited with 7 before printing its KEYRESCUE-RESULT line: sh: 1: local: not found',
    );
  });

  it('explains a script Systems Manager stopped at its execution timeout', async () => {
    const error = await failure(
      runnerFor(await idOf('ops-box'), {
        limits: { firstDelayMs: 20, maxDelayMs: 100, executionTimeoutSeconds: 1 },
      }).run('#!/bin/sh\nsleep 30\n', context()),
    );
    expect(error.code).toBe(recoveryErrorCodes.ssmCommandTimedOut);
    expect(error.message).toContain('did not finish within 1 s');
  });

  it('cancels mid-poll: CancelCommand is sent and the script stops', async () => {
    const controller = new AbortController();
    const notes: string[] = [];
    const ctx = context([], controller.signal);
    const error = await failure(
      runnerFor(await idOf('ops-box')).run('#!/bin/sh\nsleep 30\necho never\n', {
        ...ctx,
        note: (detail) => {
          notes.push(detail);
          if (detail.startsWith('InProgress')) controller.abort();
        },
      }),
    );
    expect(error.code).toBe(recoveryErrorCodes.ssmCancelRequested);
    expect(notes.some((note) => /^InProgress, \d+ s$/.test(note))).toBe(true);
    const commandId = String(error.details.commandId);
    expect(error.details.status).toBe('Cancelled');
    const seen = await ssm.send(
      new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: await idOf('ops-box') }),
    );
    expect([seen.Status, seen.StatusDetails]).toEqual(['Cancelled', 'Cancelled']);
  });

  it('sends nothing when cancelled before it starts, or when the script holds a parameter reference', async () => {
    const before = invocationCount();
    const aborted = new AbortController();
    aborted.abort();
    const runner = runnerFor(await idOf('ops-box'));
    expect((await failure(runner.run('#!/bin/sh\ntrue\n', context([], aborted.signal)))).code).toBe(
      recoveryErrorCodes.ssmCancelled,
    );
    expect((await failure(runner.run('#!/bin/sh\necho {{ssm:secret}}\n', context()))).code).toBe(
      recoveryErrorCodes.ssmScriptUnsupported,
    );
    expect(invocationCount()).toBe(before);
  });

  it('refuses an instance Systems Manager does not manage (legacy-app), sending nothing', async () => {
    const before = invocationCount();
    const instanceId = await idOf('legacy-app');
    const error = await failure(
      runnerFor(instanceId).run(
        addKeyScript({ targetUser: 'ec2-user', publicKey: newKey.publicLine }),
        context(),
      ),
    );
    expect(error.code).toBe(recoveryErrorCodes.ssmNotManaged);
    expect(error.message).toContain(`Systems Manager does not manage ${instanceId}`);
    expect(error.message).toContain('nothing changed');
    expect(invocationCount()).toBe(before);
  });

  it('explains a denied ssm:SendCommand (nothing sent) and a denied ssm:GetCommandInvocation (sent)', async () => {
    const runner = runnerFor(await idOf('ops-box'));
    const script = addKeyScript({ targetUser: 'ubuntu', publicKey: newKey.publicLine });
    const before = invocationCount();
    sandbox.control.deny(['ssm:SendCommand']);
    try {
      const error = await failure(runner.run(script, context()));
      expect(error.code).toBe(recoveryErrorCodes.ssmSendDenied);
      expect(error.message).toContain('ssm:SendCommand: AccessDeniedException');
      expect(error.message).toContain('No command was sent; nothing changed.');
    } finally {
      sandbox.control.allow(['ssm:SendCommand']);
    }
    expect(invocationCount()).toBe(before);
    sandbox.control.deny(['ssm:GetCommandInvocation']);
    try {
      const error = await failure(runner.run(script, context()));
      expect(error.code).toBe(recoveryErrorCodes.ssmResultDenied);
      expect(error.details).toMatchObject({ operation: 'GetCommandInvocation' });
      expect(error.message).toContain('may have finished');
    } finally {
      sandbox.control.allow(['ssm:GetCommandInvocation']);
    }
  });

  it('refuses a stopped instance: its agent is offline, nothing is sent', async () => {
    const instanceId = await idOf('ops-box');
    await ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    await sandbox.control.tick();
    expect((await instanceNamed(ec2, 'ops-box')).State?.Name).toBe('stopped');
    const before = invocationCount();
    const error = await failure(
      runnerFor(instanceId).run(
        addKeyScript({ targetUser: 'ubuntu', publicKey: newKey.publicLine }),
        context(),
      ),
    );
    expect(error.code).toBe(recoveryErrorCodes.ssmAgentOffline);
    expect(error.details).toMatchObject({ instanceId, pingStatus: 'ConnectionLost' });
    expect(invocationCount()).toBe(before);
  });
});
