// @vitest-environment happy-dom
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPracticeBridge, type PracticeBridge } from '../../test-support/practice-bridge';
import { useAccountsStore } from '../accounts/accounts-store';
import { allKeyPairs } from '../inventory/inventory-filter';
import { useInventoryStore } from '../inventory/inventory-store';
import { atRiskTargets } from '../inventory/recover-handoff';
import { assessmentOf, plannedSteps, startInput } from './recover-rules';
import { useRecoverStore } from './recover-store';
import { useRecoveryRunStore } from './recovery-run-store';

/**
 * A whole recovery through the wizard's stores, the real router and recovery engine, on the demo
 * practice account (sandbox over HTTP with the real SDK, its SSH endpoint): the advised choices
 * recover legacy-app, the live steps follow the progress, cleanup and the report follow.
 */
describe('recovery run store', () => {
  let practice: PracticeBridge;
  let sshDir: string;
  beforeAll(async () => {
    practice = await startPracticeBridge('recovery-run-store');
    sshDir = practice.sshDir;
    await useInventoryStore.getState().start();
  }, 90_000);
  afterAll(() => practice.dispose());

  it('recovers the lost-key instance with the advised choices and verifies it', async () => {
    const [target] = atRiskTargets(allKeyPairs(useInventoryStore.getState().view));
    if (!target) throw new Error('no at-risk instance in the demo');
    await useRecoverStore.getState().open();
    await useRecoverStore.getState().pick(target);
    const { draft, preflight, sshDir: keyDir } = useRecoverStore.getState();
    expect(keyDir).toBe(sshDir);
    const planned = plannedSteps(draft, assessmentOf(preflight, draft.path));
    const input = startInput(target, draft, preflight, {
      accountId: useAccountsStore.getState().activeId,
      sshDir: keyDir,
    });
    if (!input) throw new Error('no path advised');
    await useRecoveryRunStore.getState().start(input, planned);

    const run = useRecoveryRunStore.getState();
    expect(run.error).toBeNull();
    expect(run.phase).toBe('ended');
    expect(run.result).toMatchObject({ verified: true, targetUser: 'ec2-user', path: draft.path });
    expect(run.result?.hostKeyFingerprint).toMatch(/^SHA256:/);
    expect(run.steps.find((step) => step.id === 'verify')).toMatchObject({ state: 'done' });
    // Every planned step ran, or was not needed (the temporary rule when port 22 was open from here).
    for (const id of planned.filter((step) => step !== 'ingress-add'))
      expect(run.steps.find((step) => step.id === id)?.state).toBe('done');
    expect(run.steps.every((step) => step.state === 'done' || step.state === 'skipped')).toBe(true);
    expect(run.steps.find((step) => step.id === 'append-key')?.startedAt).toBeTypeOf('number');
    expect((await readFile(join(sshDir, 'legacy-app-recovered'), 'utf8')).split('\n')[0]).toBe(
      '-----BEGIN OPENSSH PRIVATE KEY-----',
    );
  }, 120_000);

  it('cleans up as chosen and reports the recovery in both languages', async () => {
    const { result } = useRecoveryRunStore.getState();
    await useRecoveryRunStore
      .getState()
      .cleanup(
        { removeOldKey: true, deleteOldKeyPair: false, revokeIngress: result?.ingressRuleOpen ?? false },
        ['remove-old-key', ...(result?.ingressRuleOpen ? ['ingress-revoke'] : [])],
      );
    const cleaned = useRecoveryRunStore.getState();
    expect(cleaned.cleanupError).toBeNull();
    expect(cleaned.cleanupSteps.find((step) => step.id === 'remove-old-key')?.state).toBe('done');

    await useRecoveryRunStore.getState().loadReport('en');
    const recoveryId = cleaned.recoveryId ?? '';
    expect(useRecoveryRunStore.getState().report?.markdown).toContain(recoveryId);
    await useRecoveryRunStore.getState().loadReport('ja');
    expect(useRecoveryRunStore.getState().report?.language).toBe('ja');
  }, 120_000);
});
