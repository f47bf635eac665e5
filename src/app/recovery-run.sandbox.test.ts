import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DescribeKeyPairsCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationProgress, OperationStatus } from '../ipc/contracts/operations';
import type { CleanupResult, RecoveryRunResult, RecoveryStartInput } from '../ipc/contracts/recovery-run';
import type { RunningSandbox } from '../sandbox';
import { instanceNamed, sshEndpointOf } from '../sandbox/test-support/demo-lookup';
import type { Core } from './core';
import { startPracticeCore, type PracticeCore } from './test-support/practice-core';

// Whole recoveries through the router, as the window starts them, on the practice account (demo
// seed, real SDK over HTTP, the sandbox's sshd per instance); each proven by a real OpenSSH login.
const run = promisify(execFile);
let sandbox: RunningSandbox;
let root: string;
let core: Core;
let ec2: EC2Client;
let keyCount = 0;

let practice: PracticeCore;
beforeAll(async () => {
  practice = await startPracticeCore('recovery-run');
  ({ sandbox, core, ec2, root } = practice);
});
afterAll(() => practice.dispose());

interface Followed {
  status: OperationStatus;
  entries: OperationProgress[];
}

const events: { event: string; payload: unknown }[] = [];

/** Dispatches a run channel and waits for its operation to end, keeping what it pushed. */
async function follow(channel: 'recovery:start' | 'recovery:cleanup', payload: unknown): Promise<Followed> {
  const entries: OperationProgress[] = [];
  const context = {
    caller: 'renderer' as const,
    emit: (event: string, value: unknown) => {
      if (event === 'operation:progress') entries.push(value as OperationProgress);
      else events.push({ event, payload: value });
    },
  };
  const started = await core.router.dispatch(channel, payload, context);
  if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);
  const { operationId } = started.value as { operationId: string };
  for (;;) {
    const waited = await core.router.dispatch('operations:wait', { operationId, timeoutMs: 30_000 }, context);
    if (!waited.ok) throw new Error(waited.error.message);
    const status = waited.value as OperationStatus;
    if (status.state !== 'running') return { status, entries };
  }
}

const recover = (input: Omit<RecoveryStartInput, 'region'>) =>
  follow('recovery:start', { region: 'us-east-1', ...input });

const noCleanup = { removeOldKey: false, deleteOldKeyPair: false, revokeIngress: false };

/** In ~/.ssh, where the window may save keys without choosing a folder first. */
function newKeyPath(): string {
  keyCount += 1;
  return join(root, 'home', '.ssh', `new-key-${keyCount}`);
}

/** A new key KeyRescue generates and saves as OpenSSH at `outputPath`. */
const generated = (outputPath: string, type: 'ed25519' | 'rsa' = 'ed25519') =>
  ({ kind: 'generate', type, outputPath, format: 'openssh' }) as const;

async function endpoint(name: string): Promise<{ host: string; port: number }> {
  const [host = '', port = ''] = (sshEndpointOf(await instanceNamed(ec2, name)) ?? '').split(':');
  return { host, port: Number(port) };
}

/** A real OpenSSH client runs `command` as `user` with `key` (the sandbox's sshd on loopback). */
async function sshRun(name: string, user: string, key: string, command: string): Promise<string> {
  const { host, port } = await endpoint(name);
  const { stdout } = await run('ssh', [
    ...['-i', key, '-p', String(port), '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes'],
    ...['-o', 'StrictHostKeyChecking=accept-new', '-o', `UserKnownHostsFile=${join(root, 'known_hosts')}`],
    ...['-F', '/dev/null', `${user}@${host}`, command],
  ]);
  return stdout;
}

const resultOf = (followed: Followed) => {
  expect(followed.status.state, JSON.stringify(followed.status.error)).toBe('succeeded');
  return followed.status.result as RecoveryRunResult;
};

describe('recovery:start on the practice account', () => {
  it('EC2 Instance Connect recovers the lost-key instance; OpenSSH logs in with the new key; again adds nothing', async () => {
    const legacy = (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '';
    const outputPath = newKeyPath();
    const followed = await recover({
      instanceId: legacy,
      path: 'eic',
      targetUser: 'ec2-user',
      newKey: generated(outputPath),
      hostKey: { kind: 'accept-new' },
    });
    const result = resultOf(followed);
    expect(result.verified).toBe(true);
    expect(result.steps.map((step) => `${step.stepId}:${step.state}`)).toEqual([
      'append-key:done',
      'verify:done',
    ]);
    expect(result.newKeyPath).toBe(outputPath);
    expect(result.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(followed.entries.some((entry) => entry.kind === 'note' && entry.step === 'recovery')).toBe(true);
    expect(await sshRun('legacy-app', 'ec2-user', outputPath, 'echo ok')).toBe('ok\n');
    const blob = result.newPublicKey.split(' ')[1] ?? '';
    const again = resultOf(
      await recover({
        instanceId: legacy,
        path: 'eic',
        targetUser: 'ec2-user',
        newKey: { kind: 'existing', privateKeyPath: outputPath },
        hostKey: { kind: 'pinned', fingerprint: result.hostKeyFingerprint ?? '' },
      }),
    );
    expect(again.verified).toBe(true);
    expect(await sshRun('legacy-app', 'ec2-user', outputPath, `grep -c '${blob}' .ssh/authorized_keys`)).toBe(
      '1\n',
    );

    // Cleanup: the lost key's line goes, its key pair is deleted, an ssh config entry and a PPK copy.
    const { KeyPairs } = await ec2.send(
      new DescribeKeyPairsCommand({ KeyNames: ['legacy-app-key'], IncludePublicKey: true }),
    );
    const oldBlob = KeyPairs?.[0]?.PublicKey?.split(' ')[1] ?? '';
    expect(
      await sshRun('legacy-app', 'ec2-user', outputPath, `grep -c '${oldBlob}' .ssh/authorized_keys`),
    ).toBe('1\n');
    const ppkCopyPath = join(root, 'home', '.ssh', 'legacy-app.ppk');
    const cleaned = await follow('recovery:cleanup', {
      ...noCleanup,
      recoveryId: again.recoveryId,
      removeOldKey: true,
      deleteOldKeyPair: true,
      sshConfigAlias: 'legacy-app',
      ppkCopyPath,
    });
    expect(cleaned.status.state, JSON.stringify(cleaned.status.error)).toBe('succeeded');
    const cleanup = cleaned.status.result as CleanupResult;
    expect(cleanup.steps.map((step) => `${step.stepId}:${step.state}`)).toEqual([
      'remove-old-key:done',
      'delete-old-key-pair:done',
      'ssh-config-entry:done',
      'ppk-copy:done',
    ]);
    expect(cleanup.deletedKeyPairName).toBe('legacy-app-key');
    expect(events).toContainEqual({
      event: 'keypairs:changed',
      payload: { change: 'deleted', region: 'us-east-1', name: 'legacy-app-key' },
    });
    // grep -c exits 1 when it counts 0 lines.
    await expect(
      sshRun('legacy-app', 'ec2-user', outputPath, `grep -c '${oldBlob}' .ssh/authorized_keys`),
    ).rejects.toThrow();
    const { KeyPairs: left } = await ec2.send(new DescribeKeyPairsCommand({}));
    expect(left?.map((pair) => pair.KeyName)).not.toContain('legacy-app-key');
    const config = await readFile(join(root, 'home', '.ssh', 'config'), 'utf8');
    expect(config).toContain('Host legacy-app\n');
    const { stdout } = await run('puttygen', [ppkCopyPath, '-O', 'public-openssh']);
    expect(stdout.split(' ').slice(0, 2)).toEqual(result.newPublicKey.split(' ').slice(0, 2));
    const unfinished = await core.router.dispatch(
      'recovery:unfinished',
      {},
      { caller: 'renderer', emit: () => undefined },
    );
    expect(JSON.stringify(unfinished)).not.toContain(again.recoveryId);
  });

  it('SSM Run Command on ops-box, whose port 22 is closed here: a temporary /32 rule for the verification login', async () => {
    const ops = (await instanceNamed(ec2, 'ops-box')).InstanceId ?? '';
    const closed = await recover({
      instanceId: ops,
      path: 'ssm',
      targetUser: 'ubuntu',
      newKey: generated(newKeyPath()),
      hostKey: { kind: 'accept-new' },
    });
    expect(closed.status.state).toBe('failed');
    expect(closed.status.error?.code).toBe('recoveryRun.port22Closed');
    const outputPath = newKeyPath();
    const result = resultOf(
      await recover({
        instanceId: ops,
        path: 'ssm',
        targetUser: 'ubuntu',
        newKey: generated(outputPath, 'rsa'),
        temporaryIngress: true,
        hostKey: { kind: 'accept-new' },
      }),
    );
    expect(result.steps.map((step) => `${step.stepId}:${step.state}`)).toEqual([
      'ingress-add:done',
      'append-key:done',
      'verify:done',
    ]);
    expect(result.ingressRuleOpen).toBe(true);
    expect(await sshRun('ops-box', 'ubuntu', outputPath, 'id -un')).toBe('ubuntu\n');
    const cleaned = await follow('recovery:cleanup', {
      ...noCleanup,
      recoveryId: result.recoveryId,
      revokeIngress: true,
    });
    expect(
      (cleaned.status.result as CleanupResult).steps.map((step) => `${step.stepId}:${step.state}`),
    ).toEqual(['ingress-revoke:done']);
    // The rule is gone: this computer cannot reach ops-box's port 22 again.
    await expect(sshRun('ops-box', 'ubuntu', outputPath, 'true')).rejects.toThrow();
  });

  it('--egress-address: the temporary rule opens to the given address, not the one checkip sees', async () => {
    const ops = (await instanceNamed(ec2, 'ops-box')).InstanceId ?? '';
    // The sandbox's checkip says 203.0.113.7; a rule for another address does not let this computer in.
    const followed = await recover({
      instanceId: ops,
      path: 'ssm',
      targetUser: 'ubuntu',
      newKey: generated(newKeyPath()),
      temporaryIngress: true,
      egressAddress: '192.0.2.44',
      hostKey: { kind: 'accept-new' },
    });
    expect(followed.status.state).toBe('failed');
    expect(followed.status.error?.code).toBe('recovery.sshPortClosed');
    expect(followed.entries.filter((entry) => entry.kind === 'note' && entry.step === 'ingress-add')).toEqual(
      [expect.objectContaining({ detail: "This computer's public address (as given): 192.0.2.44" })],
    );
    expect(
      followed.entries.filter((entry) => entry.kind === 'stepFailed').map((entry) => entry.step),
    ).toEqual(['verify']);
  });

  it('another working login (bastion as ec2-user with its key) adds the new key for the same user', async () => {
    const bastion = (await instanceNamed(ec2, 'bastion')).InstanceId ?? '';
    const outputPath = newKeyPath();
    const result = resultOf(
      await recover({
        instanceId: bastion,
        path: 'ssh',
        targetUser: 'ec2-user',
        login: { user: 'ec2-user', keyPath: join(sandbox.control.demoKeysDir ?? '', 'practice-rsa.pem') },
        newKey: generated(outputPath),
        hostKey: { kind: 'accept-new' },
      }),
    );
    expect(result.verified).toBe(true);
    expect(await sshRun('bastion', 'ec2-user', outputPath, 'echo ok')).toBe('ok\n');
  });

  it('Instance Connect denied: the run stops at append-key with the reason, and the instance is unchanged', async () => {
    const legacy = (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '';
    sandbox.control.deny(['ec2-instance-connect:SendSSHPublicKey']);
    try {
      const followed = await recover({
        instanceId: legacy,
        path: 'eic',
        targetUser: 'ec2-user',
        newKey: generated(newKeyPath()),
        hostKey: { kind: 'accept-new' },
      });
      expect(followed.status.state).toBe('failed');
      expect(followed.status.error?.code).toBe('recovery.eicPermissionDenied');
      expect(
        followed.entries.filter((entry) => entry.kind === 'stepFailed').map((entry) => entry.step),
      ).toEqual(['append-key']);
    } finally {
      sandbox.control.allow(['ec2-instance-connect:SendSSHPublicKey']);
    }
  });

  it('an image without ec2-instance-connect: refused before anything changes', async () => {
    const { Instances } = await ec2.send(
      new RunInstancesCommand({
        ImageId: (await instanceNamed(ec2, 'debian-worker')).ImageId,
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't3.micro',
        KeyName: 'practice-rsa',
        SecurityGroupIds: (await instanceNamed(ec2, 'bastion')).SecurityGroups?.map(
          (group) => group.GroupId ?? '',
        ),
      }),
    );
    const followed = await recover({
      instanceId: Instances?.[0]?.InstanceId ?? '',
      path: 'eic',
      targetUser: 'admin',
      newKey: generated(newKeyPath()),
      hostKey: { kind: 'accept-new' },
    });
    expect(followed.status.state).toBe('failed');
    expect(followed.status.error?.code).toBe('recoveryRun.pathNotPossible');
    expect(followed.status.error?.message).toContain('eicNotOnImage');
  });
});

describe('recovery:start of a stop path needs the downtime confirmed for that instance', () => {
  it.each([
    ['userData', undefined],
    ['userData', 'i-0000000000000dead'],
    ['rescueVolume', undefined],
  ] as const)(
    'path %s with downtimeConfirmed %s: refused at once, nothing prepared or stopped',
    async (path, given) => {
      const lost = await instanceNamed(ec2, 'legacy-app');
      const outputPath = newKeyPath();
      const context = { caller: 'renderer' as const, emit: () => {} };
      const started = await core.router.dispatch(
        'recovery:start',
        {
          region: 'us-east-1',
          instanceId: lost.InstanceId,
          path,
          targetUser: 'ec2-user',
          newKey: generated(outputPath),
          hostKey: { kind: 'accept-new' },
          ...(path === 'rescueVolume' ? { rescueInstanceId: 'i-0123456789abcdef0' } : {}),
          ...(given ? { downtimeConfirmed: given } : {}),
        },
        context,
      );
      expect(started.ok).toBe(false);
      if (started.ok) return;
      expect(started.error.code).toBe('recoveryRun.downtimeNotConfirmed');
      expect(started.error.message).toContain(`stops ${lost.InstanceId}`);
      expect(started.error.message).toContain(`(confirmed: ${given ?? 'nothing'})`);
      // No operation ran: the new key was never generated and the instance still runs.
      await expect(readFile(outputPath)).rejects.toMatchObject({ code: 'ENOENT' });
      expect((await instanceNamed(ec2, 'legacy-app')).State?.Name).toBe(lost.State?.Name);
    },
  );
});

describe('the SSH target remembered per instance', () => {
  /** A bastion-like forward to legacy-app's sshd: only a recovery that goes through it is counted. */
  async function forwardTo(target: { host: string; port: number }) {
    let connections = 0;
    const sockets = new Set<Socket>();
    const server = createServer((client) => {
      connections += 1;
      const upstream = connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('error', () => socket.destroy());
        socket.on('close', () => sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      port: (server.address() as AddressInfo).port,
      connections: () => connections,
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    };
  }

  /** A port nothing listens on (bound, then closed): the typo. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  const ask = async (channel: 'recovery:sshTarget' | 'recovery:forgetSshTarget', instanceId: string) => {
    const answer = await core.router.dispatch(
      channel,
      { instanceId, region: 'us-east-1' },
      { caller: 'renderer', emit: () => undefined },
    );
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value as Record<string, unknown>;
  };

  it('a target that led to a verified login is used by the next recovery of that instance; a typo is not remembered', async () => {
    const legacy = (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '';
    const forward = await forwardTo(await endpoint('legacy-app'));
    try {
      const typo = await recover({
        instanceId: legacy,
        path: 'eic',
        targetUser: 'ec2-user',
        newKey: generated(newKeyPath()),
        sshHost: '127.0.0.1',
        sshPort: await closedPort(),
        hostKey: { kind: 'accept-new' },
      });
      expect(typo.status.state).toBe('failed');
      expect(typo.status.error?.code).toBe('recovery.sshPortClosed');
      expect(await ask('recovery:sshTarget', legacy)).toEqual({ remembered: null });

      const given = resultOf(
        await recover({
          instanceId: legacy,
          path: 'eic',
          targetUser: 'ec2-user',
          newKey: generated(newKeyPath()),
          sshHost: '127.0.0.1',
          sshPort: forward.port,
          hostKey: { kind: 'accept-new' },
        }),
      );
      expect(given).toMatchObject({ verified: true, port: forward.port, sshTargetSource: 'override' });
      const afterGiven = forward.connections();
      expect(afterGiven).toBeGreaterThan(0);
      expect(await ask('recovery:sshTarget', legacy)).toEqual({
        remembered: { host: '127.0.0.1', port: forward.port, rememberedAt: expect.any(String) },
      });
      // Account, region, instance, host, port and time: nothing else is kept (no key, no passphrase).
      const saved = JSON.parse(await readFile(core.sshTargets.path, 'utf8')) as { targets: object[] };
      expect(saved.targets.map((target) => Object.keys(target).sort())).toEqual([
        ['accountId', 'host', 'instanceId', 'port', 'region', 'rememberedAt'],
      ]);

      // No host given this time: the remembered one (the forward), not the account's own endpoint.
      const outputPath = newKeyPath();
      const again = resultOf(
        await recover({
          instanceId: legacy,
          path: 'eic',
          targetUser: 'ec2-user',
          newKey: generated(outputPath),
          hostKey: { kind: 'accept-new' },
        }),
      );
      expect(again).toMatchObject({ verified: true, port: forward.port, sshTargetSource: 'remembered' });
      expect(forward.connections()).toBeGreaterThan(afterGiven);
      const journal = await core.journals.read(again.recoveryId);
      expect((journal.started as { route?: object }).route).toMatchObject({
        sshHost: '127.0.0.1',
        sshPort: forward.port,
        sshTargetRemembered: true,
      });
      expect(await sshRun('legacy-app', 'ec2-user', outputPath, 'echo ok')).toBe('ok\n');

      // `ignore` (the wizard, which fills the host itself) and a forgotten target: the instance's own.
      const ignored = resultOf(
        await recover({
          instanceId: legacy,
          path: 'eic',
          targetUser: 'ec2-user',
          newKey: { kind: 'existing', privateKeyPath: outputPath },
          rememberedSshTarget: 'ignore',
          hostKey: { kind: 'accept-new' },
        }),
      );
      expect(ignored.sshTargetSource).toBe('endpointLookup');
      expect(await ask('recovery:forgetSshTarget', legacy)).toEqual({ forgotten: true });
      expect(await ask('recovery:sshTarget', legacy)).toEqual({ remembered: null });
    } finally {
      await forward.close();
    }
  });
});
