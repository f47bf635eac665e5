// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { practiceAccountId } from '../../../src/aws/account-types';
import { initI18n } from '../../lib/i18n';
import type { CoreBridge } from '../../test-support/core-bridge';
import { startPracticeBridge, type PracticeBridge } from '../../test-support/practice-bridge';
import { emptyDraft, pathBlockers, startInput } from './recover-rules';
import { useRecoverStore } from './recover-store';
import { SshTargetFields } from './ssh-target-fields';

/**
 * The SSH target fields over the real router and the remembered-targets file in user data (the
 * practice account is the active one): a remembered target fills them and says so, Forget empties
 * them and main's memory, and what the fields hold is what `recovery:start` gets.
 */
describe('SshTargetFields', () => {
  let practice: PracticeBridge;
  let bridge: CoreBridge;
  const target = {
    region: 'us-east-1',
    instanceId: 'i-0123456789abcdef0',
    instanceName: 'vpn-only',
    keyName: 'k',
  };
  const key = { accountId: practiceAccountId, region: target.region, instanceId: target.instanceId };
  beforeAll(async () => {
    await initI18n('en');
    practice = await startPracticeBridge('ssh-target-fields');
    bridge = practice.bridge;
  }, 60_000);
  afterEach(cleanup);
  afterAll(() => practice.dispose());

  const inputs = () => {
    const [host, port] = screen.getAllByRole('textbox') as HTMLInputElement[];
    if (!host || !port) throw new Error('the host and port fields are missing');
    return { host, port };
  };

  it('pre-fills the remembered target, says so, and Forget empties it here and in main', async () => {
    await bridge.core.sshTargets.remember(key, { host: '10.8.0.5', port: 2222 });
    useRecoverStore.setState({ target, draft: { ...emptyDraft, path: 'eic' }, sshTarget: null });
    await act(() => useRecoverStore.getState().loadSshTarget());
    render(<SshTargetFields />);
    expect(inputs().host.value).toBe('10.8.0.5');
    expect(inputs().port.value).toBe('2222');
    expect(screen.getByTestId('recover-ssh-target-remembered').textContent).toMatch(
      /^Remembered for this instance from a verified login on .+\.Forget$/,
    );
    const draft = useRecoverStore.getState().draft;
    expect(startInput(target, draft, null, { accountId: null, sshDir: '/home/u/.ssh' })).toMatchObject({
      sshHost: '10.8.0.5',
      sshPort: 2222,
      rememberedSshTarget: 'ignore',
    });

    await userEvent.click(screen.getByRole('button', { name: 'Forget' }));
    await waitFor(() => expect(inputs().host.value).toBe(''));
    expect(inputs().port.value).toBe('');
    expect(screen.queryByTestId('recover-ssh-target-remembered')).toBeNull();
    expect(await bridge.core.sshTargets.get(key)).toBeNull();
    // Empty fields: the instance's own address, and the remembered target (gone anyway) set aside.
    const cleared = startInput(target, useRecoverStore.getState().draft, null, {
      accountId: null,
      sshDir: '/home/u/.ssh',
    });
    expect(cleared).not.toHaveProperty('sshHost');
    expect(cleared?.rememberedSshTarget).toBe('ignore');
  });

  it('a typed target is checked before Continue, and a remembered one never replaces it', async () => {
    await bridge.core.sshTargets.remember(key, { host: '10.8.0.5', port: 2222 });
    useRecoverStore.setState({ target, draft: { ...emptyDraft, path: 'eic' }, sshTarget: null });
    render(<SshTargetFields />);
    await userEvent.type(inputs().host, 'bastion.example.com');
    await userEvent.type(inputs().port, '70000');
    expect(pathBlockers(useRecoverStore.getState().draft, null)).toContain('blockers.sshTarget');
    await userEvent.clear(inputs().port);
    await userEvent.type(inputs().port, '2200');
    expect(pathBlockers(useRecoverStore.getState().draft, null)).not.toContain('blockers.sshTarget');
    await act(() => useRecoverStore.getState().loadSshTarget());
    expect(inputs().host.value).toBe('bastion.example.com');
    expect(inputs().port.value).toBe('2200');
    // Not the remembered host in the field: no "remembered" line, nothing to forget.
    expect(screen.queryByTestId('recover-ssh-target-remembered')).toBeNull();
  });
});
