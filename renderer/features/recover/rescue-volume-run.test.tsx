// @vitest-environment happy-dom
import { DescribeSnapshotsCommand } from '@aws-sdk/client-ec2';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecoveryStartInput } from '../../../src/ipc/contracts/recovery-run';
import { instanceNamed } from '../../../src/sandbox/test-support/demo-lookup';
import { initI18n } from '../../lib/i18n';
import { recordCalls } from '../../test-support/core-bridge';
import { startPracticeBridge, type PracticeBridge } from '../../test-support/practice-bridge';
import { allKeyPairs } from '../inventory/inventory-filter';
import { useInventoryStore } from '../inventory/inventory-store';
import { atRiskTargets, useRecoverHandoff } from '../inventory/recover-handoff';
import { RecoverPage } from './recover-page';
import { rescueVolumeSteps } from './rescue-choice';
import { useRecoverStore } from './recover-store';
import { useRecoveryRunStore } from './recovery-run-store';

/**
 * The rescue-volume path in the wizard over the real router and engine on the demo practice account
 * (sandbox over HTTP with realistic timings, real SDK): the rescue instance picked from the running
 * instances in the lost-key instance's zone (ops-box, reached by SSM), the steps listed, Start after
 * the typed consent, the snapshot's progress and the stop live, and a verified login at the end with
 * the root volume back on its device and the snapshot kept.
 */
describe('the wizard runs the rescue-volume path', () => {
  let practice: PracticeBridge;
  let starts: RecoveryStartInput[] = [];
  beforeAll(async () => {
    await initI18n('en');
    practice = await startPracticeBridge('rescue-volume-run', { sandbox: { speed: 'realistic' } });
    // Records what the screen sends (the call goes on to the real router).
    starts = recordCalls<RecoveryStartInput>('recovery:start');
    await useInventoryStore.getState().start();
  }, 90_000);
  afterEach(cleanup);
  afterAll(async () => {
    useRecoveryRunStore.getState().reset();
    await practice.dispose();
  });

  it('picks ops-box in the same zone, shows the snapshot progress and the stop, and ends verified', async () => {
    const lost = await instanceNamed(practice.ec2, 'legacy-app');
    const instanceId = lost.InstanceId ?? '';
    const opsBox = await instanceNamed(practice.ec2, 'ops-box');
    const rootDevice = lost.RootDeviceName;
    const rootVolume = lost.BlockDeviceMappings?.find((m) => m.DeviceName === rootDevice)?.Ebs?.VolumeId;
    useRecoverHandoff.getState().request(atRiskTargets(allKeyPairs(useInventoryStore.getState().view)));
    render(<RecoverPage />);
    await waitFor(() => expect(useRecoverStore.getState().preflightStatus).toBe('done'), { timeout: 30_000 });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('radio', { name: /Rescue volume/ }));
    expect(screen.getByTestId('recover-blockers').textContent).toContain('Choose the rescue instance.');
    const picker = screen.getByLabelText('Rescue instance') as HTMLSelectElement;
    // Only running instances in legacy-app's zone, never legacy-app itself.
    const offered = [...picker.options].map((option) => option.value).filter(Boolean);
    expect(offered).toContain(opsBox.InstanceId);
    expect(offered).not.toContain(instanceId);
    expect(screen.getByTestId('recover-rescue').textContent).toContain(
      lost.Placement?.AvailabilityZone ?? '?',
    );
    await user.selectOptions(picker, opsBox.InstanceId ?? '');
    expect(screen.queryByTestId('recover-blockers')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    const planned = within(screen.getByTestId('recover-planned')).getAllByRole('listitem');
    const steps = planned.map((item) => item.dataset.step).filter((step) => step !== 'ingress-add');
    expect(steps).toEqual([...rescueVolumeSteps]);
    const start = screen.getByRole('button', { name: 'Start recovery' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    await user.type(
      screen.getByLabelText(`Type legacy-app or ${instanceId} to confirm the downtime`),
      instanceId,
    );
    await user.click(start);
    expect(starts[0]).toMatchObject({
      path: 'rescueVolume',
      instanceId,
      rescueInstanceId: opsBox.InstanceId,
      rescueVia: 'ssm',
      downtimeConfirmed: instanceId,
    });
    expect(starts[0]).not.toHaveProperty('login');

    // Live: the snapshot's progress as a bar on its running step, then the stop with its seconds.
    const progress = await screen.findByTestId('recover-snapshot-progress', undefined, { timeout: 60_000 });
    expect(progress.closest('li')?.dataset.step).toBe('snapshot-root');
    expect(progress.textContent).toMatch(/^ ?Snapshot \d{1,3} %(… \d+ s)?$/);
    const stopping = await screen.findByText(/^Stopping… \d+ s$/, undefined, { timeout: 60_000 });
    expect(stopping.closest('li')?.dataset.step).toBe('stop-target');

    await waitFor(() => expect(screen.getByTestId('recover-verified')).toBeTruthy(), { timeout: 150_000 });
    const done = within(screen.getByTestId('recover-steps')).getAllByRole('listitem');
    expect(done.map((item) => item.dataset.state)).toEqual(done.map(() => 'done'));
    const result = useRecoveryRunStore.getState().result;
    expect(result).toMatchObject({ path: 'rescueVolume', verified: true });
    expect(screen.getByTestId('recover-snapshot').textContent).toContain(result?.snapshotId ?? '?');
    const { Snapshots } = await practice.ec2.send(
      new DescribeSnapshotsCommand({ SnapshotIds: [result?.snapshotId ?? ''] }),
    );
    expect(Snapshots?.[0]?.VolumeId).toBe(rootVolume);
    const after = await instanceNamed(practice.ec2, 'legacy-app');
    expect(after.State?.Name).toBe('running');
    expect(after.BlockDeviceMappings?.find((m) => m.DeviceName === rootDevice)?.Ebs?.VolumeId).toBe(
      rootVolume,
    );
  }, 240_000);
});
