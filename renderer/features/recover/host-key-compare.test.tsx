// @vitest-environment happy-dom
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DescribeImagesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecoveryRunResult } from '../../../src/ipc/contracts/recovery-run';
import { ManualClock, type RunningSandbox } from '../../../src/sandbox';
import { instanceNamed, sshEndpointOf } from '../../../src/sandbox/test-support/demo-lookup';
import { i18n, initI18n } from '../../lib/i18n';
import { startPracticeBridge, type PracticeBridge } from '../../test-support/practice-bridge';
import { HostKeyCompare } from './host-key-compare';
import { useHostKeyCompareStore } from './host-key-compare-store';
import { useRecoverStore } from './recover-store';
import { useRecoveryRunStore } from './recovery-run-store';
import { RunStep } from './run-step';

/**
 * "Compare with the console output" over the real router and the demo practice account (a sandbox
 * over HTTP with the real SDK, whose instances print their host keys at boot): the fingerprint
 * ssh-keyscan sees on legacy-app's sshd matches; another one is a warning; a Windows instance, a
 * denied permission and an instance still booting each explain why nothing could be compared.
 */
const run = promisify(execFile);
const recoveryId = 'rec-20261202-041500-0123abcd';
const other = `SHA256:${'Q'.repeat(43)}`;

describe('comparing the host key with the console output', () => {
  let practice: PracticeBridge;
  let sandbox: RunningSandbox;
  let ec2: EC2Client;
  /** legacy-app's id and the fingerprint its sshd shows (ssh-keyscan, not KeyRescue's reader). */
  let legacyApp: { instanceId: string; fingerprint: string };

  beforeAll(async () => {
    await initI18n('en');
    // Realistic timings on a clock that does not move: a launched instance stays pending (no output).
    practice = await startPracticeBridge('host-key-compare', {
      sandbox: { speed: 'realistic', clock: new ManualClock() },
    });
    ({ sandbox, ec2 } = practice);
    const instance = await instanceNamed(ec2, 'legacy-app');
    const [host = '', port = ''] = (sshEndpointOf(instance) ?? '').split(':');
    const { stdout } = await run('sh', [
      '-c',
      `ssh-keyscan -t ed25519 -p ${port} ${host} 2>/dev/null | ssh-keygen -lf -`,
    ]);
    legacyApp = { instanceId: instance.InstanceId ?? '', fingerprint: stdout.split(' ')[1] ?? '' };
    expect(legacyApp.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  }, 90_000);
  afterEach(async () => {
    cleanup();
    useHostKeyCompareStore.getState().reset();
    useRecoveryRunStore.getState().reset();
    await act(() => i18n.changeLanguage('en'));
  });
  afterAll(() => practice.dispose());

  function verifiedRun(fingerprint: string): Partial<RecoveryRunResult> & RecoveryRunResult {
    return {
      recoveryId,
      instanceId: legacyApp.instanceId,
      region: 'us-east-1',
      path: 'eic',
      targetUser: 'ec2-user',
      verified: true,
      host: '127.0.0.1',
      hostKeyFingerprint: fingerprint,
      newKeyFingerprint: `SHA256:${'n'.repeat(43)}`,
      newPublicKey: 'ssh-ed25519 AAAA new',
      steps: [],
      ingressRuleOpen: false,
      accountId: 'practice',
    };
  }

  const verdict = async () => {
    await waitFor(() => expect(screen.getByTestId('host-key-verdict')).toBeTruthy(), { timeout: 20_000 });
    return screen.getByTestId('host-key-verdict');
  };

  it('says so when the key the SSH server showed is one the console printed', async () => {
    useRecoveryRunStore.setState({ phase: 'ended', result: verifiedRun(legacyApp.fingerprint) });
    render(<RunStep />);
    await userEvent.click(screen.getByRole('button', { name: 'Compare with the console output' }));
    const shown = await verdict();
    expect(shown.dataset.verdict).toBe('match');
    expect(screen.getByText('The fingerprint matches the console output')).toBeTruthy();
    expect(shown.textContent).toBe(
      `The SSH server showed ${legacyApp.fingerprint}, the ED25519 host key ${legacyApp.instanceId} printed to its console at boot: it is the instance’s own key.`,
    );
    expect(screen.getByRole('button', { name: 'Read the console output again' })).toBeTruthy();
    // The wizard names the account the recovery pinned.
    expect(useHostKeyCompareStore.getState().subject?.accountId).toBe('practice');

    await act(() => i18n.changeLanguage('ja'));
    expect(screen.getByText('フィンガープリントはコンソール出力と一致しました')).toBeTruthy();
    expect(screen.getByTestId('host-key-verdict').textContent).toContain('インスタンス自身の鍵です。');
  }, 30_000);

  it('warns not to accept a key the console did not print, and lists the ones it did', async () => {
    useRecoveryRunStore.setState({ phase: 'ended', result: verifiedRun(other) });
    render(<RunStep />);
    await userEvent.click(screen.getByRole('button', { name: 'Compare with the console output' }));
    const shown = await verdict();
    expect(shown.dataset.verdict).toBe('mismatch');
    expect(screen.getByRole('alert').textContent).toContain(
      'Warning: this fingerprint is not in the console output',
    );
    expect(shown.textContent).toContain(`The SSH server showed ${other}, but ${legacyApp.instanceId}`);
    expect(shown.textContent).toContain('Do not accept this host key: do not use this login');
    expect(screen.getByTestId('console-host-keys').textContent).toBe(`ED25519 ${legacyApp.fingerprint}`);

    await act(() => i18n.changeLanguage('ja'));
    expect(screen.getByText('警告：このフィンガープリントはコンソール出力にありません')).toBeTruthy();
    expect(screen.getByTestId('host-key-verdict').textContent).toContain(
      'このホスト鍵を受け入れないでください。',
    );
  }, 30_000);

  it('offers the comparison for a host key the run refused as not the pinned one', async () => {
    useRecoverStore.setState({
      target: {
        region: 'us-east-1',
        instanceId: legacyApp.instanceId,
        instanceName: 'legacy-app',
        keyName: 'legacy-app-key',
      },
    });
    useRecoveryRunStore.setState({
      phase: 'ended',
      recoveryId,
      error: Object.assign(new Error('WARNING: the host key does not match.'), {
        code: 'recovery.sshHostKeyMismatch',
        details: { host: '127.0.0.1', port: 22, expected: other, actual: legacyApp.fingerprint },
      }),
    });
    render(<RunStep />);
    await userEvent.click(screen.getByRole('button', { name: 'Compare with the console output' }));
    // The server's key is the instance's own: the pinned fingerprint was the wrong one.
    expect((await verdict()).dataset.verdict).toBe('match');
    expect(useHostKeyCompareStore.getState().subject?.fingerprint).toBe(legacyApp.fingerprint);
  }, 30_000);

  it('explains a console that prints no host keys (Windows)', async () => {
    const windows = await instanceNamed(ec2, 'windows-reporting');
    render(
      <HostKeyCompare
        accepted={false}
        subject={{ instanceId: windows.InstanceId ?? '', region: 'us-east-1', fingerprint: other }}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Compare with the console output' }));
    const shown = await verdict();
    expect(shown.dataset.verdict).toBe('notPrinted');
    expect(screen.getByText('The console output prints no host keys')).toBeTruthy();
    expect(screen.getByTestId('host-key-compare').textContent).toContain(
      `Accept ${other} only once you have confirmed it another way`,
    );
  }, 30_000);

  it('explains a missing ec2:GetConsoleOutput permission, in both languages', async () => {
    sandbox.control.deny(['ec2:GetConsoleOutput']);
    try {
      render(<HostKeyCompare accepted subject={{ ...legacyApp, region: 'us-east-1' }} />);
      await userEvent.click(screen.getByRole('button', { name: 'Compare with the console output' }));
      const shown = await verdict();
      expect(shown.dataset.verdict).toBe('denied');
      expect(shown.textContent).toContain(`run “keyrescue host-keys ${legacyApp.instanceId}”`);
      await act(() => i18n.changeLanguage('ja'));
      expect(screen.getByText('コンソール出力を読む権限がありません')).toBeTruthy();
    } finally {
      sandbox.control.allow(['ec2:GetConsoleOutput']);
    }
  }, 30_000);

  it('says to read again later while an instance has no console output yet', async () => {
    const { Images } = await ec2.send(
      new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['debian-12-*'] }] }),
    );
    const launched = await ec2.send(
      new RunInstancesCommand({
        ImageId: Images?.[0]?.ImageId,
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't3.micro',
      }),
    );
    const instanceId = launched.Instances?.[0]?.InstanceId ?? '';
    render(<HostKeyCompare accepted subject={{ instanceId, region: 'us-east-1', fingerprint: other }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Compare with the console output' }));
    const shown = await verdict();
    expect(shown.dataset.verdict).toBe('empty');
    expect(screen.getByText('No console output yet')).toBeTruthy();
    expect(shown.textContent).toContain('Read it again in a few minutes.');
  }, 30_000);

  it('shows why the console output could not be read (no such instance)', async () => {
    render(
      <HostKeyCompare
        accepted
        subject={{ instanceId: 'i-0000000000000dead', region: 'us-east-1', fingerprint: other }}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Compare with the console output' }));
    await waitFor(() => expect(screen.getByText('The console output could not be read')).toBeTruthy(), {
      timeout: 20_000,
    });
    expect(screen.queryByTestId('host-key-verdict')).toBeNull();
    expect(useHostKeyCompareStore.getState().status).toBe('failed');
  }, 30_000);
});
