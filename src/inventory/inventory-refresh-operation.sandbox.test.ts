import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../ipc/client';
import type { OperationProgress } from '../ipc/contracts/operations';
import { followOperation } from '../ipc/operations/run-operation';
import {
  fixtureRsaLine as rsaLine,
  importKeyPair,
  startSandboxAccount,
  type SandboxAccount,
} from './test-support/sandbox-account';

/**
 * The inventory refresh as an operation, through the router against the sandbox over HTTP (real
 * SDK): it answers at once, runs with progress, is cancelled between regions, and a window that
 * missed the pushes catches up by replay.
 */
describe('inventory:refresh as an operation', () => {
  let account: SandboxAccount;
  afterEach(async () => {
    await account.close();
  });

  const progressOf = (operationId: string) =>
    account.events
      .filter((entry) => entry.event === 'operation:progress')
      .map((entry) => entry.payload as OperationProgress)
      .filter((entry) => entry.operationId === operationId);

  it('answers the id at once; the view is the result, and the same view is cached', async () => {
    account = await startSandboxAccount();
    await importKeyPair(account.ec2('us-east-1'), 'web', rsaLine);
    account.sandbox.control.setFault('DescribeKeyPairs', { latencyMs: 300, times: 1 });
    const { operationId } = await account.invoke('inventory:refresh', { regions: ['us-east-1'] });
    expect(await account.invoke('operations:status', { operationId })).toMatchObject({
      kind: 'inventory.refresh',
      state: 'running',
      metadata: {},
    });
    const ended = await account.invoke('operations:wait', { operationId, timeoutMs: 30_000 });
    expect(ended.state).toBe('succeeded');
    if (ended.kind !== 'inventory.refresh' || !ended.result) throw new Error('no result');
    expect(ended.result.regions[0]?.keyPairs.map((keyPair) => keyPair.name)).toEqual(['web']);
    expect(await account.invoke('inventory:cached', {})).toEqual(ended.result);
    expect(ended.lastSeq).toBe(progressOf(operationId).length);
  });

  it('cancel stops before the next region; no region after it is read and the cache is untouched', async () => {
    account = await startSandboxAccount({
      extraRegions: ['ap-northeast-1'],
      accounts: { inventory: { concurrency: 1 } },
    });
    account.sandbox.control.setFault('DescribeKeyPairs', { latencyMs: 400 });
    const { operationId } = await account.invoke('inventory:refresh', {
      regions: ['us-east-1', 'eu-west-1', 'ap-northeast-1'],
    });
    await expect.poll(() => progressOf(operationId).some((entry) => entry.kind === 'step')).toBe(true);
    expect(await account.invoke('operations:cancel', { operationId })).toEqual({ cancelled: true });
    const ended = await account.invoke('operations:wait', { operationId, timeoutMs: 30_000 });
    expect(ended).toMatchObject({ state: 'cancelled' });
    expect(ended).not.toHaveProperty('result');
    const entries = progressOf(operationId);
    expect(entries.filter((entry) => entry.kind === 'step').map((entry) => entry.step)).toEqual([
      'us-east-1',
    ]);
    expect(entries.at(-1)).toMatchObject({ kind: 'cancelled', seq: ended.lastSeq });
    expect(await account.invoke('inventory:cached', {})).toBeNull();
    expect(await account.invoke('operations:cancel', { operationId })).toEqual({ cancelled: false });
  });

  it('a window that missed pushes (reloaded) gets every entry, in order, by replay', async () => {
    account = await startSandboxAccount({ extraRegions: ['ap-northeast-1'] });
    // A client that loses every other push, as a page that was reloaded mid-way would.
    let pushes = 0;
    const client = createClient({
      invoke: (channel, input) =>
        account.client.invoke(channel as never, input as never).then(
          (value) => ({ ok: true as const, value }),
          (error: { code: string; message: string }) => ({ ok: false as const, error }),
        ),
      on: (event, listener) =>
        account.client.on(event as 'operation:progress', (payload) => {
          if (pushes++ % 2 === 0) listener(payload);
        }),
    });
    const seen: OperationProgress[] = [];
    const status = await followOperation(client, () => client.invoke('inventory:refresh', {}), {
      onEntry: (entry) => seen.push(entry),
    });
    expect(status.state).toBe('succeeded');
    expect(pushes).toBeGreaterThan(4);
    expect(seen).toEqual(progressOf(status.operationId));
    expect(seen.map((entry) => entry.seq)).toEqual(seen.map((_entry, index) => index + 1));
    const later = await account.invoke('operations:replay', {
      operationId: status.operationId,
      afterSeq: 3,
      limit: 2,
    });
    expect(later.entries.map((entry) => entry.seq)).toEqual([4, 5]);
    expect(later.more).toBe(seen.length > 5);
  });

  it('a refresh that cannot start ends failed with the AWS error code, never a stack', async () => {
    account = await startSandboxAccount();
    account.sandbox.control.deny(['ec2:DescribeRegions']);
    const { operationId } = await account.invoke('inventory:refresh', {});
    const ended = await account.invoke('operations:wait', { operationId, timeoutMs: 30_000 });
    expect(ended).toMatchObject({ state: 'failed', error: { code: 'aws.accessDenied' } });
    expect(ended.error?.message).toContain('ec2:DescribeRegions');
    expect(ended.error?.message).not.toMatch(/\n\s+at /);
    expect(progressOf(operationId).at(-1)).toMatchObject({ kind: 'failed', error: ended.error });
  });

  it('answers operations.notFound for an id no operation has', async () => {
    account = await startSandboxAccount();
    for (const [channel, input] of [
      ['operations:status', { operationId: 'op-unknown' }],
      ['operations:cancel', { operationId: 'op-unknown' }],
      ['operations:replay', { operationId: 'op-unknown', afterSeq: 0 }],
      ['operations:wait', { operationId: 'op-unknown', timeoutMs: 10 }],
    ] as const)
      expect(await account.dispatch(channel, input as never)).toMatchObject({
        ok: false,
        error: { code: 'operations.notFound' },
      });
  });
});
