import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maxRememberedSshTargets, RememberedSshTargets } from './remembered-ssh-targets';

const key = (n: number) => ({
  accountId: 'profile:work',
  region: 'us-east-1',
  instanceId: `i-${n.toString(16).padStart(8, '0')}`,
});

describe('RememberedSshTargets', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-ssh-targets-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('remembers per account, region and instance, owner-only, and forgets', async () => {
    const targets = new RememberedSshTargets(dir, () => new Date('2026-12-02T10:00:00.000Z'));
    await targets.remember(key(1), { host: '10.8.0.5', port: 2222 });
    expect(await targets.get(key(1))).toEqual({
      host: '10.8.0.5',
      port: 2222,
      rememberedAt: '2026-12-02T10:00:00.000Z',
    });
    expect(await targets.get({ ...key(1), region: 'eu-west-1' })).toBeNull();
    expect(await targets.get({ ...key(1), accountId: 'practice' })).toBeNull();
    expect((await stat(targets.path)).mode & 0o777).toBe(0o600);
    expect(await targets.forget(key(1))).toBe(true);
    expect(await targets.forget(key(1))).toBe(false);
    expect(await targets.get(key(1))).toBeNull();
  });

  it(`keeps at most ${maxRememberedSshTargets} instances, dropping the least recently verified`, async () => {
    const targets = new RememberedSshTargets(dir);
    for (let n = 0; n <= maxRememberedSshTargets; n++)
      void targets.remember(key(n), { host: 'bastion.example.com', port: 1000 + n });
    // Refreshing the first one makes it the newest: the second is the one dropped.
    await targets.remember(key(0), { host: 'bastion.example.com', port: 1000 });
    const saved = JSON.parse(await readFile(targets.path, 'utf8')) as { targets: unknown[] };
    expect(saved.targets).toHaveLength(maxRememberedSshTargets);
    expect(await targets.get(key(0))).not.toBeNull();
    expect(await targets.get(key(1))).toBeNull();
    expect((await targets.get(key(maxRememberedSshTargets)))?.port).toBe(1000 + maxRememberedSshTargets);
  });

  it('refuses a host with shell characters and reads a damaged file as empty', async () => {
    const targets = new RememberedSshTargets(dir);
    expect(() => targets.remember(key(1), { host: 'a b;rm', port: 22 })).toThrow();
    await writeFile(targets.path, '{"targets": [{"host": 1}]}');
    expect(await targets.get(key(1))).toBeNull();
    await targets.remember(key(2), { host: '2001:db8::1', port: 22 });
    expect((await targets.get(key(2)))?.host).toBe('2001:db8::1');
    await targets.remember(key(3), { host: 'build_box.corp.internal', port: 22 });
    expect((await targets.get(key(3)))?.host).toBe('build_box.corp.internal');
  });
});
