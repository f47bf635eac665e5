// @vitest-environment happy-dom
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OperationStatus } from '../../../src/ipc/contracts/operations';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { instanceNamed } from '../../../src/sandbox/test-support/demo-lookup';
import { api } from '../../lib/api';
import { i18n, initI18n } from '../../lib/i18n';
import { installCoreBridge, type CoreBridge } from '../../test-support/core-bridge';
import { useRecoverStore } from './recover-store';
import { useRecoveryRunStore } from './recovery-run-store';
import { UnfinishedRecoveries } from './unfinished-recoveries';

/**
 * Resuming an unfinished recovery whose new key is encrypted, from the window's list, over the real
 * router and recovery engine on the demo practice account: the dialog asks for the passphrase, a
 * wrong one is refused in the dialog (which stays), the right one resumes to a verified login.
 */
describe('ResumePassphraseDialog', () => {
  let sandbox: RunningSandbox;
  let bridge: CoreBridge;
  let root: string;
  let recoveryId = '';
  const passphrase = 'resume me please';
  let keyPath = '';
  beforeAll(async () => {
    await initI18n('en');
    root = await mkdtemp(join(tmpdir(), 'keyrescue-resume-dialog-'));
    await mkdir(join(root, 'home', '.ssh'), { recursive: true });
    keyPath = join(root, 'home', '.ssh', 'encrypted-key');
    sandbox = await startSandbox({ seed: 'demo', keysDir: join(root, 'practice-keys') });
    bridge = await installCoreBridge({
      accounts: {
        environment: { env: {}, homeDir: join(root, 'home') },
        homeDir: join(root, 'home'),
        practice: async () => ({
          endpoint: sandbox.endpoint,
          region: sandbox.region,
          accessKeyId: sandbox.accessKeyId,
          secretAccessKey: sandbox.secretAccessKey,
        }),
      },
    });
    const ec2 = new EC2Client({
      region: sandbox.region,
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
    });
    const legacy = (await instanceNamed(ec2, 'legacy-app')).InstanceId ?? '';
    ec2.destroy();
    // Instance Connect refused: the recovery stops at append-key and stays unfinished.
    sandbox.control.deny(['ec2-instance-connect:SendSSHPublicKey']);
    try {
      const { operationId } = await api.invoke('recovery:start', {
        instanceId: legacy,
        region: 'us-east-1',
        path: 'eic',
        targetUser: 'ec2-user',
        newKey: {
          kind: 'generate',
          type: 'ed25519',
          outputPath: keyPath,
          format: 'openssh',
          newPassphrase: passphrase,
        },
        hostKey: { kind: 'accept-new' },
      });
      const status = (await api.invoke('operations:wait', {
        operationId,
        timeoutMs: 30_000,
      })) as OperationStatus;
      expect(status.state).toBe('failed');
    } finally {
      sandbox.control.allow(['ec2-instance-connect:SendSSHPublicKey']);
    }
    const { recoveries } = await api.invoke('recovery:unfinished', {});
    recoveryId = recoveries[0]?.id ?? '';
  }, 90_000);
  afterEach(cleanup);
  afterAll(async () => {
    await bridge.dispose();
    await sandbox.stop();
    await rm(root, { recursive: true, force: true });
  });

  const dialog = () => {
    // The key's path is shown under its field, in the dialog, in either language.
    const element = screen.getByText(keyPath).closest('dialog');
    if (!element) throw new Error('the key path is not in a dialog');
    return within(element);
  };
  const field = () => dialog().getByLabelText(/Passphrase of the new private key/) as HTMLInputElement;

  it('asks before resuming, keeps the dialog on a wrong passphrase, and resumes to a verified login', async () => {
    await act(() => useRecoveryRunStore.getState().loadUnfinished());
    render(<UnfinishedRecoveries />);
    const item = screen.getByText(recoveryId).closest('li') as HTMLElement;
    await userEvent.click(within(item).getByRole('button', { name: 'Resume' }));
    // happy-dom gives <dialog> no implicit role, so the dialog is found by its title.
    expect(screen.getByRole('heading', { name: 'Passphrase needed to resume' })).toBeTruthy();
    const resume = dialog().getByRole('button', { name: 'Resume' }) as HTMLButtonElement;
    expect(resume.disabled).toBe(true);

    await userEvent.type(field(), 'not it');
    expect(resume.disabled).toBe(false);
    await userEvent.click(resume);
    await waitFor(
      () =>
        expect(dialog().getByText(/^The passphrase does not open/).textContent).toBe(
          `The passphrase does not open ${keyPath} (the new private key of recovery ${recoveryId}). Check it and try again; nothing was changed.`,
        ),
      // main opens the key file with the passphrase first (a key derivation: a second on a busy machine).
      { timeout: 15_000 },
    );
    // Still the list, still the dialog; nothing ran and the wizard did not move.
    expect(useRecoveryRunStore.getState().phase).toBe('idle');
    expect(useRecoverStore.getState().step).not.toBe('run');
    expect(field().value).toBe('not it');
    await act(() => i18n.changeLanguage('ja'));
    await waitFor(() =>
      expect(dialog().getByText(/^パスフレーズで/).textContent).toBe(
        `パスフレーズで ${keyPath}（復旧 ${recoveryId} の鍵）を開けません。確認して、もう一度入力してください。何も変更していません。`,
      ),
    );
    await act(() => i18n.changeLanguage('en'));

    await userEvent.clear(field());
    await userEvent.type(field(), passphrase);
    await userEvent.click(dialog().getByRole('button', { name: 'Resume' }));
    await waitFor(
      () => expect(screen.queryByRole('heading', { name: 'Passphrase needed to resume' })).toBeNull(),
      { timeout: 15_000 },
    );
    expect(useRecoverStore.getState().step).toBe('run');
    await expect.poll(() => useRecoveryRunStore.getState().phase, { timeout: 30_000 }).toBe('ended');
    expect(useRecoveryRunStore.getState().result).toMatchObject({ recoveryId, verified: true });
    const journal = await readFile(join(bridge.userDataDir, 'journals', `${recoveryId}.jsonl`), 'utf8');
    expect(journal).not.toContain(passphrase);
  });
});
