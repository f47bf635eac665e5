// @vitest-environment happy-dom
import { DescribeInstanceAttributeCommand } from '@aws-sdk/client-ec2';
import { join } from 'node:path';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecoveryStartInput } from '../../../src/ipc/contracts/recovery-run';
import { instanceNamed } from '../../../src/sandbox/test-support/demo-lookup';
import { ConfirmHost } from '../../components/confirm';
import { initI18n } from '../../lib/i18n';
import { recordCalls } from '../../test-support/core-bridge';
import { startPracticeBridge, type PracticeBridge } from '../../test-support/practice-bridge';
import { allKeyPairs } from '../inventory/inventory-filter';
import { useInventoryStore } from '../inventory/inventory-store';
import { atRiskTargets, useRecoverHandoff } from '../inventory/recover-handoff';
import { RecoverPage } from './recover-page';
import { userDataSteps } from './recover-rules';
import { useRecoverStore } from './recover-store';
import { useRecoveryRunStore } from './recovery-run-store';

/**
 * The user data path in the wizard, end to end over the real router and engine on the demo
 * practice account (sandbox over HTTP, real SDK): chosen on the path screen, its ten steps listed
 * on the confirm screen, Start only after the name is typed (and the consent sent to main), the
 * live steps, and a verified login — the instance running again with its original user data.
 */
describe('the wizard runs the user data path', () => {
  let practice: PracticeBridge;
  let starts: RecoveryStartInput[] = [];
  beforeAll(async () => {
    await initI18n('en');
    // Realistic timings: a stop takes seconds, so the live timeline has something to show.
    practice = await startPracticeBridge('user-data-run', { sandbox: { speed: 'realistic' } });
    // Records what the screen sends (the call goes on to the real router).
    starts = recordCalls<RecoveryStartInput>('recovery:start');
    await useInventoryStore.getState().start();
  }, 90_000);
  afterEach(cleanup);
  afterAll(async () => {
    useRecoveryRunStore.getState().reset();
    await practice.dispose();
  });

  const userDataOf = async (instanceId: string) =>
    (
      await practice.ec2.send(
        new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'userData' }),
      )
    ).UserData?.Value;

  it('lists the steps, waits for the typed consent, runs them live and ends verified', async () => {
    const lost = await instanceNamed(practice.ec2, 'legacy-app');
    const instanceId = lost.InstanceId ?? '';
    const userDataBefore = await userDataOf(instanceId);
    useRecoverHandoff.getState().request(atRiskTargets(allKeyPairs(useInventoryStore.getState().view)));
    render(<RecoverPage />);
    await waitFor(() => expect(useRecoverStore.getState().preflightStatus).toBe('done'), { timeout: 30_000 });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const userData = screen.getByRole('radio', { name: /User data/ }) as HTMLInputElement;
    expect(userData.disabled).toBe(false);
    await user.click(userData);
    expect(useRecoverStore.getState().draft.path).toBe('userData');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    // Exactly what will happen, in order (a temporary SSH rule first when port 22 may be closed here).
    const planned = within(screen.getByTestId('recover-planned')).getAllByRole('listitem');
    const ingress =
      useRecoverStore.getState().draft.temporaryIngress && planned[0]?.dataset.step === 'ingress-add';
    expect(planned.map((item) => item.dataset.step)).toEqual([
      ...(ingress ? ['ingress-add'] : []),
      ...userDataSteps,
    ]);
    expect(planned.map((item) => item.textContent).slice(ingress ? 1 : 0, ingress ? 4 : 3)).toEqual([
      'Save the instance’s current user data (exact bytes)',
      'Stop the instance and wait until it is stopped',
      'Set the recovery user data (adds the key at the next boot)',
    ]);
    const start = screen.getByRole('button', { name: 'Start recovery' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    await user.type(
      screen.getByLabelText(`Type legacy-app or ${instanceId} to confirm the downtime`),
      'legacy-app',
    );
    expect(start.disabled).toBe(false);
    await user.click(start);

    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({ path: 'userData', instanceId, downtimeConfirmed: instanceId });
    // Live: the stop being waited for, with its seconds, on the running step.
    const stopping = await screen.findByText(/^Stopping… \d+ s$/, undefined, { timeout: 60_000 });
    expect(stopping.closest('li')?.dataset.state).toBe('running');
    expect(stopping.closest('li')?.dataset.step).toBe('stop-instance');
    await waitFor(() => expect(screen.getByTestId('recover-verified')).toBeTruthy(), { timeout: 120_000 });
    const steps = within(screen.getByTestId('recover-steps')).getAllByRole('listitem');
    expect(
      steps.filter((item) => item.dataset.step !== 'ingress-add').map((item) => item.dataset.step),
    ).toEqual([...userDataSteps]);
    expect(steps.map((item) => item.dataset.state)).toEqual(steps.map(() => 'done'));
    // Each finished step shows how long it took.
    expect(steps.every((item) => /Done · \d+ s$/.test(item.textContent ?? ''))).toBe(true);
    // The stop was waited for with live notes ("Stopping i-… 3 s (stopping)"), kept on the step.
    const stopNote = useRecoveryRunStore.getState().steps.find((step) => step.id === 'stop-instance')?.note;
    expect(stopNote).toMatch(new RegExp(`^Stopping ${instanceId}… \\d+ s \\(stopping\\)$`));
    expect(useRecoveryRunStore.getState().result).toMatchObject({ path: 'userData', verified: true });
    // Running again, with the user data it had before, byte for byte.
    expect((await instanceNamed(practice.ec2, 'legacy-app')).State?.Name).toBe('running');
    expect(await userDataOf(instanceId)).toBe(userDataBefore);
  }, 180_000);

  it('a run cancelled while the instance stops is rolled back from the stopped screen: running, user data as before', async () => {
    const lost = await instanceNamed(practice.ec2, 'legacy-app');
    const instanceId = lost.InstanceId ?? '';
    const userDataBefore = await userDataOf(instanceId);
    act(() => {
      useRecoveryRunStore.getState().reset();
      // The first run's key file exists (never overwritten): this run saves its key beside it.
      useRecoverStore.getState().edit({ typedPath: join(practice.sshDir, 'legacy-app-second') });
      useRecoverStore.getState().goTo('confirm');
    });
    render(<RecoverPage />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Start recovery' }));
    // Cancelled while the instance stops: StopInstances was sent, its wait cut short (the step failed).
    await screen.findByText(/^Stopping… \d+ s$/, undefined, { timeout: 60_000 });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByTestId('recover-stopped')).toBeTruthy(), { timeout: 60_000 });
    await user.click(screen.getByRole('button', { name: 'Roll back' }));
    await waitFor(() => expect(screen.getByTestId('recover-rolled-back')).toBeTruthy(), { timeout: 120_000 });
    expect(screen.getByTestId('recover-rolled-back').textContent).toContain(
      'Every step that changed something was undone',
    );
    expect(useRecoveryRunStore.getState().rolledBack).toMatchObject({ path: 'userData', instanceId });
    expect((await instanceNamed(practice.ec2, 'legacy-app')).State?.Name).toBe('running');
    expect(await userDataOf(instanceId)).toBe(userDataBefore);
    // The journal is closed: nothing is left to resume.
    await waitFor(() =>
      expect(
        useRecoveryRunStore
          .getState()
          .unfinished?.recoveries.some(
            (recovery) => recovery.id === useRecoveryRunStore.getState().rolledBack?.recoveryId,
          ),
      ).toBe(false),
    );
  }, 240_000);

  it('a stopped run found unfinished by a new window is rolled back from the list, after a confirmation', async () => {
    const lost = await instanceNamed(practice.ec2, 'legacy-app');
    const instanceId = lost.InstanceId ?? '';
    const userDataBefore = await userDataOf(instanceId);
    act(() => {
      useRecoveryRunStore.getState().reset();
      useRecoverStore.getState().edit({ typedPath: join(practice.sshDir, 'legacy-app-third') });
      useRecoverStore.getState().goTo('confirm');
    });
    const first = render(<RecoverPage />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Start recovery' }));
    await screen.findByText(/^Starting… \d+ s$/, undefined, { timeout: 60_000 });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByTestId('recover-stopped')).toBeTruthy(), { timeout: 60_000 });
    const recoveryId = useRecoveryRunStore.getState().recoveryId ?? '';
    expect(recoveryId).toMatch(/^rec-/);

    // A new window: nothing in the stores but what main's journals say.
    first.unmount();
    act(() => {
      useRecoveryRunStore.getState().reset();
      useRecoverStore.getState().reset();
    });
    await useRecoveryRunStore.getState().loadUnfinished();
    render(
      <>
        <RecoverPage />
        <ConfirmHost />
      </>,
    );
    const row = await screen.findByText(recoveryId);
    const item = row.closest('li') as HTMLElement;
    await user.click(within(item).getByRole('button', { name: 'Roll back…' }));
    expect(screen.getByText(`Roll back recovery ${recoveryId}?`)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Roll back' }));
    await waitFor(() => expect(screen.getByTestId('recover-rolled-back')).toBeTruthy(), { timeout: 120_000 });
    expect(useRecoverStore.getState().target?.instanceId).toBe(instanceId);
    expect((await instanceNamed(practice.ec2, 'legacy-app')).State?.Name).toBe('running');
    expect(await userDataOf(instanceId)).toBe(userDataBefore);
    await waitFor(() =>
      expect(
        useRecoveryRunStore.getState().unfinished?.recoveries.map((recovery) => recovery.id),
      ).not.toContain(recoveryId),
    );
  }, 240_000);
});
