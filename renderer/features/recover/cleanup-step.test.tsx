// @vitest-environment happy-dom
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DeleteKeyPairCommand,
  DescribeKeyPairsCommand,
  EC2Client,
  ImportKeyPairCommand,
} from '@aws-sdk/client-ec2';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { i18n, initI18n } from '../../lib/i18n';
import { recordCalls } from '../../test-support/core-bridge';
import { startPracticeBridge, type PracticeBridge } from '../../test-support/practice-bridge';
import { CleanupStep } from './cleanup-step';
import { useCleanupPreviewStore } from './cleanup-preview-store';
import { useRecoverStore } from './recover-store';
import { runAdvisedRecovery } from './test-support/advised-recovery';

/**
 * The cleanup screen's "delete old key pair" after a real recovery of the demo's lost-key instance
 * (the real router and engine on the practice sandbox, real SDK over HTTP): it shows the inventory's
 * delete preview (legacy-app still names legacy-app-key), runs only once the preview is there, and
 * deletes only the key pair that preview showed — a key pair re-created under the name since is
 * refused, and "Change choices" reads the preview again.
 */
const run = promisify(execFile);

describe('cleanup: delete the old key pair', () => {
  let practice: PracticeBridge;
  let ec2: EC2Client;
  let root: string;
  let recoveryCalls: unknown[] = [];

  beforeAll(async () => {
    await initI18n('en');
    practice = await startPracticeBridge('cleanup-step');
    ({ ec2, root } = practice);
    // Records what the screen sends (the call goes on to the real router).
    recoveryCalls = recordCalls('recovery:cleanup');
    // The advised recovery of legacy-app, as the wizard runs it, verified before cleanup is offered.
    await runAdvisedRecovery();
    useRecoverStore.getState().goTo('cleanup');
  }, 120_000);
  afterEach(async () => {
    cleanup();
    await act(() => i18n.changeLanguage('en'));
  });
  afterAll(() => practice.dispose());

  const keyPairId = async () =>
    (await ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['legacy-app-key'] }))).KeyPairs?.[0]?.KeyPairId;
  const cleanUpButton = () => screen.getByRole('button', { name: 'Clean up' }) as HTMLButtonElement;

  it('shows the delete preview the inventory shows, and refuses a key pair re-created since', async () => {
    const user = userEvent.setup();
    render(<CleanupStep />);
    // Only the delete: the other choices would touch the instance and ~/.ssh.
    await user.click(screen.getByRole('checkbox', { name: /Remove the old key’s line/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Add a Host entry to ~/.ssh/config' }));
    await user.click(screen.getByRole('checkbox', { name: 'Delete key pair legacy-app-key in EC2' }));
    expect(screen.getByText(/This cannot be undone/)).toBeTruthy();
    // Nothing to delete until the preview on screen says which key pair it is.
    expect(cleanUpButton().disabled).toBe(true);
    const preview = await screen.findByTestId('delete-preview', {}, { timeout: 20_000 });
    const shownId = await keyPairId();
    expect(preview.dataset.keyPairId).toBe(shownId);
    expect(screen.getByText('1 instance still names this key pair')).toBeTruthy();
    const instanceId = useRecoverStore.getState().target?.instanceId ?? '';
    expect(screen.getByTestId('delete-instances').textContent).toBe(`${instanceId} legacy-app (running)`);
    expect(
      screen.getByText(`Only the key pair listed here (${shownId}) is deleted`, { exact: false }),
    ).toBeTruthy();
    expect(cleanUpButton().disabled).toBe(false);

    // The name is given to another key pair after the preview: that one is never deleted.
    await ec2.send(new DeleteKeyPairCommand({ KeyName: 'legacy-app-key' }));
    const pub = join(root, 'other');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'other', '-f', pub]);
    await ec2.send(
      new ImportKeyPairCommand({
        KeyName: 'legacy-app-key',
        PublicKeyMaterial: await readFile(`${pub}.pub`),
      }),
    );
    const otherId = await keyPairId();
    expect(otherId).not.toBe(shownId);
    await user.click(cleanUpButton());
    await waitFor(() => expect(screen.getByText('Cleanup stopped')).toBeTruthy(), { timeout: 30_000 });
    expect(recoveryCalls).toEqual([
      expect.objectContaining({ deleteOldKeyPair: true, previewedKeyPairId: shownId }),
    ]);
    expect(screen.getByRole('alert').textContent).toContain(
      `the name now belongs to ${otherId}, created since. Nothing was deleted`,
    );
    expect(await keyPairId()).toBe(otherId);

    // Change choices: the preview is read again and now shows the key pair the name has now.
    await user.click(screen.getByRole('button', { name: 'Change choices' }));
    await waitFor(() => expect(screen.getByTestId('delete-preview').dataset.keyPairId).toBe(otherId), {
      timeout: 20_000,
    });
    expect((screen.getByRole('checkbox', { name: /Delete key pair/ }) as HTMLInputElement).checked).toBe(
      true,
    );
  }, 60_000);

  it('deletes exactly the key pair its preview showed, in Japanese too', async () => {
    await act(() => i18n.changeLanguage('ja'));
    const user = userEvent.setup();
    useCleanupPreviewStore.getState().reset();
    render(<CleanupStep />);
    await user.click(screen.getByRole('checkbox', { name: /古い鍵の行を/ }));
    await user.click(screen.getByRole('checkbox', { name: '~/.ssh/config に Host エントリを追加する' }));
    await user.click(screen.getByRole('checkbox', { name: 'キーペア legacy-app-key を EC2 から削除する' }));
    await screen.findByTestId('delete-preview', {}, { timeout: 20_000 });
    expect(screen.getByText('1 台のインスタンスがまだこのキーペアを指定しています')).toBeTruthy();
    const shownId = await keyPairId();
    expect(
      screen.getByText(`ここに表示したキーペア（${shownId}）だけを削除します。`, { exact: false }),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '後片付けを実行' }));
    await waitFor(() => expect(screen.getByText('後片付けが終わりました')).toBeTruthy(), { timeout: 30_000 });
    expect(recoveryCalls.at(-1)).toMatchObject({ deleteOldKeyPair: true, previewedKeyPairId: shownId });
    expect(
      (
        await ec2.send(
          new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: ['legacy-app-key'] }] }),
        )
      ).KeyPairs,
    ).toEqual([]);
  }, 60_000);
});
