// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { i18n, initI18n } from '../../lib/i18n';
import { RecoverPage } from './recover-page';
import { useRecoverStore } from './recover-store';
import { useRecoveryRunStore } from './recovery-run-store';

// How a run's end reads, from the stores' state alone (no call is made while rendering these):
// the verified result with the host key learned, and a failure that says what happened, where the
// instance stands and what to do next — in both languages.

const target = {
  region: 'us-east-1',
  instanceId: 'i-0abc',
  instanceName: 'legacy-app',
  keyName: 'legacy-app-key',
};
const recoveryId = 'rec-20261202-041500-0123abcd';
const fingerprint = `SHA256:${'Q'.repeat(43)}`;

function showRun(run: Partial<ReturnType<typeof useRecoveryRunStore.getState>>) {
  useRecoverStore.setState({ target, step: 'run' });
  useRecoveryRunStore.setState({
    recoveryId,
    unfinished: { recoveries: [], damaged: [], omitted: 0 },
    ...run,
  });
  render(<RecoverPage />);
}

describe('the run screen', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  afterEach(async () => {
    cleanup();
    useRecoveryRunStore.getState().reset();
    await act(() => i18n.changeLanguage('en'));
  });

  it('shows the verified login, the host key pinned on first connect and how to log in', () => {
    showRun({
      phase: 'ended',
      steps: [
        { id: 'append-key', state: 'done', startedAt: 0, endedAt: 2000 },
        { id: 'verify', state: 'done', startedAt: 2000, endedAt: 3000 },
      ],
      result: {
        recoveryId,
        instanceId: target.instanceId,
        region: target.region,
        path: 'eic',
        targetUser: 'ec2-user',
        verified: true,
        host: '127.0.0.1',
        port: 40022,
        hostKeyFingerprint: fingerprint,
        newKeyFingerprint: `SHA256:${'n'.repeat(43)}`,
        newKeyPath: '/home/me/.ssh/legacy-app-recovered',
        newPublicKey: 'ssh-ed25519 AAAA new',
        steps: [],
        ingressRuleOpen: false,
      },
    });
    expect(screen.getByText('Access recovered: the new key logs in')).toBeTruthy();
    expect(screen.getByTestId('recover-host-key').textContent).toContain(fingerprint);
    // Not port 22 (the practice sshd): the command says -p, or it would not log in.
    expect(
      screen.getByText('ssh -i /home/me/.ssh/legacy-app-recovered -p 40022 ec2-user@127.0.0.1'),
    ).toBeTruthy();
    const steps = screen.getByRole('list', { name: 'Recovering' });
    expect(steps.textContent).toContain('Done · 2 s');
    expect(screen.getByRole('button', { name: 'Continue to clean up' })).toBeTruthy();
  });

  it("shows a stop and a snapshot being waited for in the UI's language, with the snapshot's progress", async () => {
    const running = {
      phase: 'running' as const,
      steps: [
        { id: 'snapshot-root', state: 'running' as const, note: 'Snapshot snap-0123abcd: pending 62%… 38 s' },
        { id: 'stop-instance', state: 'running' as const, note: 'Stopping i-0abc… 12 s (stopping)' },
        { id: 'rescue-edit', state: 'running' as const, note: 'Mounting vol-1 at /mnt/x on i-0def' },
      ],
    };
    showRun(running);
    const steps = () => within(screen.getByRole('list', { name: /^(Recovering|復旧しています)$/ }));
    expect(steps().getByText('Snapshot 62 %… 38 s')).toBeTruthy();
    expect(
      (screen.getByRole('progressbar', { name: 'Snapshot progress' }) as HTMLProgressElement).value,
    ).toBe(62);
    expect(steps().getByText('Stopping… 12 s')).toBeTruthy();
    expect(steps().getByText('Mounting vol-1 at /mnt/x on i-0def')).toBeTruthy();
    cleanup();
    await act(() => i18n.changeLanguage('ja'));
    showRun(running);
    expect(steps().getByText('スナップショット 62 %… 38 秒')).toBeTruthy();
    expect(steps().getByText('停止しています… 12 秒')).toBeTruthy();
    // The engine's other notes are English: not shown inside the Japanese UI.
    expect(steps().queryByText(/Mounting/)).toBeNull();
  });

  it('says what happened, where the instance stands and what to do next when a step failed', async () => {
    const failed = {
      phase: 'ended' as const,
      steps: [
        { id: 'ingress-add', state: 'done' as const },
        {
          id: 'append-key',
          state: 'failed' as const,
          error: { code: 'recovery.sshPortClosed', message: 'Port 22 on 10.0.0.1 refused.' },
        },
        { id: 'verify', state: 'pending' as const },
      ],
      error: Object.assign(new Error('Port 22 on 10.0.0.1 refused.'), {
        code: 'recovery.sshPortClosed',
        details: { host: '10.0.0.1', port: 22 },
      }),
    };
    showRun(failed);
    const stopped = screen.getByTestId('recover-stopped');
    expect(
      screen.getByText('The recovery stopped at “Add the new public key to authorized_keys”'),
    ).toBeTruthy();
    expect(stopped.textContent).toContain('Port 22 on 10.0.0.1 refused.');
    expect(stopped.textContent).toContain('A temporary SSH rule for this computer is still open');
    expect(stopped.textContent).toContain('The new public key was not added to the instance.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Abandon' })).toBeTruthy();

    cleanup();
    await act(() => i18n.changeLanguage('ja'));
    showRun(failed);
    const ja = screen.getByTestId('recover-stopped').textContent ?? '';
    expect(ja).toContain('10.0.0.1 のポート 22 に接続できません');
    expect(ja).toContain('新しい公開鍵はインスタンスに追加されていません。');
    expect(ja).not.toContain('refused');
    expect(screen.getByRole('button', { name: 'もう一度試す' })).toBeTruthy();
  });

  it('a resume refused for a passphrase offers the passphrase dialog instead of Try again', async () => {
    const path = '/home/me/.ssh/legacy-app-recovered';
    showRun({
      phase: 'ended',
      steps: [],
      error: {
        code: 'recoveryRun.resumePassphraseNeeded',
        message: `${path} (the new private key of recovery ${recoveryId}) is encrypted: enter its passphrase to resume. It is used for this resume only and never stored.`,
        details: { id: recoveryId, key: 'newKey', path },
      },
    });
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Enter passphrase…' }));
    const dialog = screen.getByRole('heading', { name: 'Passphrase needed to resume' }).closest('dialog');
    if (!dialog) throw new Error('no dialog');
    // The refusal that opened it says why; the field is for the file it named.
    expect(within(dialog).getByText(/is encrypted: enter its passphrase to resume/)).toBeTruthy();
    expect(within(dialog).getByText(path).tagName).toBe('CODE');
    const field = within(dialog).getByLabelText('Passphrase of the new private key') as HTMLInputElement;
    const resume = within(dialog).getByRole('button', { name: 'Resume' }) as HTMLButtonElement;
    expect(resume.disabled).toBe(true);
    await userEvent.type(field, 'x');
    expect(resume.disabled).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('heading', { name: 'Passphrase needed to resume' })).toBeNull();
  });

  it('cancels between steps while running', async () => {
    showRun({ phase: 'running', steps: [{ id: 'append-key', state: 'running', startedAt: Date.now() }] });
    expect(screen.getByRole('list', { name: 'Recovering' }).textContent).toContain('Running');
    // No operation is running in this test: cancel has nothing to stop and leaves the run as it is.
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(useRecoveryRunStore.getState().phase).toBe('running');
  });

  it('offers unfinished recoveries with resume and abandon', () => {
    useRecoverStore.setState({ target: null, step: 'pick' });
    useRecoveryRunStore.setState({
      recoveryId: null,
      unfinished: {
        recoveries: [
          {
            id: recoveryId,
            instanceId: 'i-0abc',
            region: 'us-east-1',
            accountLabel: 'Practice account',
            path: 'eic',
            targetUser: 'ec2-user',
            startedAt: '2026-12-02T04:15:00.000Z',
            updatedAt: '2026-12-02T04:16:00.000Z',
            lastStep: { stepId: 'append-key', state: 'intent' },
            verified: false,
            encryptedKeys: {},
          },
        ],
        damaged: [],
        omitted: 0,
      },
    });
    render(<RecoverPage />);
    const list = screen.getByRole('list', { name: 'An unfinished recovery' });
    expect(list.textContent).toContain('i-0abc · us-east-1 · EC2 Instance Connect · as ec2-user');
    expect(list.textContent).toContain('Last step: Add the new public key to authorized_keys (started)');
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Abandon…' })).toBeTruthy();
  });
});
