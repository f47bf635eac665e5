import { EC2Client } from '@aws-sdk/client-ec2';
import {
  CancelCommandCommand,
  GetCommandInvocationCommand,
  SendCommandCommand,
  SSMClient,
  type GetCommandInvocationCommandOutput,
  type SendCommandCommandInput,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index';
import { errorOf } from './test-support/contract-target';
import { instanceNamed } from './test-support/demo-lookup';

// Run Command's finer behaviour in the sandbox, through the real SDK over HTTP: CancelCommand, the
// document's execution timeout, SSM's output limits and its input checks (real SSM: see the
// GetCommandInvocation, SendCommand and CancelCommand API references).
let sandbox: RunningSandbox;
let ssm: SSMClient;
let opsBox: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' });
  const config = {
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  };
  const ec2 = new EC2Client(config);
  opsBox = (await instanceNamed(ec2, 'ops-box')).InstanceId ?? '';
  ec2.destroy();
  ssm = new SSMClient(config);
});

afterAll(async () => {
  ssm.destroy();
  await sandbox.stop();
});

async function send(commands: string[], extra: Partial<SendCommandCommandInput> = {}): Promise<string> {
  const sent = await ssm.send(
    new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [opsBox],
      Parameters: { commands, ...(extra.Parameters ?? {}) },
      ...(extra.TimeoutSeconds !== undefined ? { TimeoutSeconds: extra.TimeoutSeconds } : {}),
      ...(extra.Comment !== undefined ? { Comment: extra.Comment } : {}),
    }),
  );
  return sent.Command?.CommandId ?? '';
}

function invocation(commandId: string): Promise<GetCommandInvocationCommandOutput> {
  return ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: opsBox }));
}

/** Polls until the invocation leaves the given statuses (the sandbox runs scripts at once). */
async function settled(commandId: string, busy = ['Pending', 'InProgress', 'Cancelling']) {
  for (;;) {
    const seen = await invocation(commandId);
    if (!busy.includes(seen.Status ?? '')) return seen;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('SSM Run Command in the sandbox', () => {
  it('CancelCommand stops a running script: Cancelling, then Cancelled', async () => {
    const commandId = await send(['echo started', 'sleep 30', 'echo never']);
    expect((await settled(commandId, ['Pending'])).Status).toBe('InProgress');
    expect(
      await ssm.send(new CancelCommandCommand({ CommandId: commandId, InstanceIds: [opsBox] })),
    ).toBeDefined();
    const done = await settled(commandId);
    expect([done.Status, done.StatusDetails]).toEqual(['Cancelled', 'Cancelled']);
    expect(done.StandardOutputContent).not.toContain('never');
    // Cancelling a finished command changes nothing; an unknown one is refused.
    await ssm.send(new CancelCommandCommand({ CommandId: commandId }));
    expect((await invocation(commandId)).Status).toBe('Cancelled');
    const unknown = await errorOf(() =>
      ssm.send(new CancelCommandCommand({ CommandId: '00000000-0000-0000-0000-000000000000' })),
    );
    expect(unknown.name).toBe('InvalidCommandId');
  });

  it('stops a script at its executionTimeout: TimedOut, ExecutionTimedOut', async () => {
    const commandId = await send(['sleep 30'], { Parameters: { executionTimeout: ['1'] } });
    const done = await settled(commandId);
    expect([done.Status, done.StatusDetails]).toEqual(['TimedOut', 'ExecutionTimedOut']);
  });

  it('keeps only the first 24,000 characters of stdout and 8,000 of stderr', async () => {
    const commandId = await send([
      'awk \'BEGIN { for (i = 0; i < 300; i++) printf "%0100d\\n", i }\'',
      'awk \'BEGIN { for (i = 0; i < 100; i++) printf "%0100d\\n", i }\' >&2',
      'echo last-line',
    ]);
    const done = await settled(commandId);
    expect(done.Status).toBe('Success');
    expect(done.StandardOutputContent).toHaveLength(24_000);
    expect(done.StandardOutputContent).not.toContain('last-line');
    expect(done.StandardErrorContent).toHaveLength(8_000);
  });

  it("runs the script with Ubuntu's /bin/sh (dash): bashisms fail as the agent's `sh -c` reports them", async () => {
    const scriptPath = (commandId: string) =>
      `/var/lib/amazon/ssm/${opsBox}/document/orchestration/${commandId}/awsrunShellScript/0.awsrunShellScript/_script.sh`;
    const pipefail = await send(['echo start', 'set -o pipefail', 'echo never']);
    const refused = await settled(pipefail);
    expect([refused.Status, refused.ResponseCode, refused.StandardOutputContent]).toEqual([
      'Failed',
      2,
      'start\n',
    ]);
    expect(refused.StandardErrorContent).toBe(
      `${scriptPath(pipefail)}: 2: set: Illegal option -o pipefail\n`,
    );
    const array = await send(['a=(1 2)', 'echo "${a}"']);
    const syntax = await settled(array);
    expect([syntax.Status, syntax.ResponseCode]).toEqual(['Failed', 2]);
    expect(syntax.StandardErrorContent).toBe(`${scriptPath(array)}: 1: Syntax error: "(" unexpected\n`);
    // A `#!/bin/bash` first line makes the kernel run bash; plain POSIX runs in dash.
    const bash = await settled(await send(['#!/bin/bash', 'set -o pipefail', 'a=(1 2)', 'echo "${a[1]}"']));
    expect([bash.Status, bash.StandardOutputContent]).toEqual(['Success', '2\n']);
    const posix = await settled(await send(['set -e', 'x=abc', 'echo "${x#a}" "${#x}"']));
    expect([posix.Status, posix.StandardOutputContent, posix.StandardErrorContent]).toEqual([
      'Success',
      'bc 3\n',
      '',
    ]);
  });

  it('checks the document parameters, the delivery timeout and the comment as SSM does', async () => {
    const cases: [Partial<SendCommandCommandInput>, string][] = [
      [{ Parameters: { executionTimeout: ['0'] } }, 'InvalidParameters'],
      [{ Parameters: { executionTimeout: ['172801'] } }, 'InvalidParameters'],
      [{ Parameters: { executionTimeout: ['ten'] } }, 'InvalidParameters'],
      [{ Parameters: { shell: ['bash'] } }, 'InvalidParameters'],
      [{ TimeoutSeconds: 29 }, 'ValidationException'],
      [{ Comment: 'x'.repeat(101) }, 'ValidationException'],
    ];
    for (const [extra, code] of cases) {
      const error = await errorOf(() => send(['true'], extra));
      expect(error.name, JSON.stringify(extra)).toBe(code);
    }
    const ok = await send(['true'], {
      Parameters: { executionTimeout: ['172800'] },
      TimeoutSeconds: 30,
      Comment: 'x'.repeat(100),
    });
    expect((await settled(ok)).Status).toBe('Success');
  });
});
