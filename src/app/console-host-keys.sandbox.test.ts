import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ssh2Connector } from '../recovery/ssh/ssh2-session';
import type { RunningSandbox } from '../sandbox';
import { instanceNamed, sshEndpointOf } from '../sandbox/test-support/demo-lookup';
import type { Core } from './core';
import { startPracticeCore, type PracticeCore } from './test-support/practice-core';

// recovery:consoleHostKeys through the router, as the wizard calls it, on the practice account:
// the fingerprints GetConsoleOutput printed are the ones SSH peers see on the instance's sshd.
const run = promisify(execFile);
let sandbox: RunningSandbox;
let core: Core;
let ec2: EC2Client;

let practice: PracticeCore;
beforeAll(async () => {
  practice = await startPracticeCore('console-keys');
  ({ sandbox, core, ec2 } = practice);
});
afterAll(() => practice.dispose());

const dispatch = (payload: unknown) =>
  core.router.dispatch('recovery:consoleHostKeys', payload, { caller: 'renderer', emit: () => undefined });

/** The fingerprint ssh2 is shown by the instance's sshd (refused as unknown: nothing logs in). */
async function ssh2Fingerprint(host: string, port: number): Promise<string> {
  const refused = await ssh2Connector
    .connect({
      host,
      port,
      username: 'ec2-user',
      credentials: { password: 'x' },
      hostKey: { kind: 'refuse-unknown' },
    })
    .then(
      () => null,
      (error: { code?: string; details?: { fingerprint?: string } }) => error,
    );
  expect(refused?.code).toBe('recovery.sshHostKeyUnknown');
  return refused?.details?.fingerprint ?? '';
}

describe('recovery:consoleHostKeys', () => {
  it('returns the demo instances’ fingerprints, equal to what ssh-keyscan and ssh2 see', async () => {
    for (const name of ['legacy-app', 'bastion']) {
      const instance = await instanceNamed(ec2, name);
      const [host = '', port = ''] = (sshEndpointOf(instance) ?? '').split(':');
      const { stdout } = await run('sh', [
        '-c',
        `ssh-keyscan -t ed25519 -p ${port} ${host} 2>/dev/null | ssh-keygen -lf -`,
      ]);
      const scanned = stdout.split(' ')[1] ?? '';
      expect(scanned).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      expect(await ssh2Fingerprint(host, Number(port))).toBe(scanned);
      const envelope = await dispatch({ instanceId: instance.InstanceId, region: 'us-east-1' });
      expect(envelope).toEqual({
        ok: true,
        value: {
          status: 'found',
          keys: [{ type: 'ED25519', fingerprint: scanned }],
          source: 'fingerprints',
          capturedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
      });
    }
  });

  it('says the console printed no host keys for a Windows instance', async () => {
    const windows = await instanceNamed(ec2, 'windows-reporting');
    const envelope = await dispatch({
      accountId: 'practice',
      instanceId: windows.InstanceId,
      region: 'us-east-1',
    });
    expect(envelope).toMatchObject({ ok: true, value: { status: 'notPrinted', keys: [] } });
  });

  it('says when GetConsoleOutput is not permitted, and reads again once it is', async () => {
    const bastion = await instanceNamed(ec2, 'bastion');
    sandbox.control.deny(['ec2:GetConsoleOutput']);
    try {
      const envelope = await dispatch({ instanceId: bastion.InstanceId, region: 'us-east-1' });
      expect(envelope).toEqual({ ok: true, value: { status: 'denied', keys: [] } });
    } finally {
      sandbox.control.allow(['ec2:GetConsoleOutput']);
    }
    expect(await dispatch({ instanceId: bastion.InstanceId, region: 'us-east-1' })).toMatchObject({
      ok: true,
      value: { status: 'found' },
    });
  });

  it('refuses bad input and a missing instance with codes the UI translates', async () => {
    expect(await dispatch({ instanceId: 'i-0123456789abcdef0' })).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalidInput' },
    });
    expect(await dispatch({ instanceId: 'web-1', region: 'us-east-1' })).toMatchObject({
      ok: false,
      error: { code: 'recovery.instanceIdInvalid' },
    });
    expect(await dispatch({ instanceId: 'i-0123456789abcdef0', region: 'us-east-1' })).toMatchObject({
      ok: false,
      error: { code: 'aws.instanceNotFound' },
    });
  });
});
