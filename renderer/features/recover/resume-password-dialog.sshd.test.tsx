// @vitest-environment happy-dom
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeKeyPairsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OperationStatus } from '../../../src/ipc/contracts/operations';
import type { CleanupResult } from '../../../src/ipc/contracts/recovery-run';
import {
  accountCommand,
  startRealSshd,
  type LinuxUser,
  type RealSshd,
} from '../../../src/recovery/scripts/test-support/real-sshd';
import { TestAccounts } from '../../../src/recovery/scripts/test-support/test-accounts';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { instanceNamed } from '../../../src/sandbox/test-support/demo-lookup';
import { api } from '../../lib/api';
import { i18n, initI18n } from '../../lib/i18n';
import { installCoreBridge, type CoreBridge } from '../../test-support/core-bridge';
import { useRecoverStore } from './recover-store';
import { useRecoveryRunStore } from './recovery-run-store';
import { UnfinishedRecoveries } from './unfinished-recoveries';

/**
 * Resuming from the window's list a recovery whose other login used a password, over the real
 * router and recovery engine on the demo practice account. The sandbox's guest SSH takes keys
 * only, so the login goes (as the user's SSH host) to a real OpenSSH sshd on loopback with
 * password authentication and real accounts (CI runs as root). The dialog asks for the password,
 * a wrong one is sshd's refusal shown in the dialog (which stays), the right one resumes to a
 * verified login with the new key once.
 */
describe('ResumePassphraseDialog with a password login (and the cleanup after it)', () => {
  let sandbox: RunningSandbox;
  let bridge: CoreBridge;
  let root: string;
  let sshd: RealSshd;
  let accounts: TestAccounts;
  let pw: LinuxUser;
  let target: LinuxUser;
  let recoveryId = '';
  let keyPath = '';
  let oldLine = '';
  const password = `dialog-${Math.random().toString(36).slice(2)}-Secret`;
  beforeAll(async () => {
    expect(process.getuid?.(), 'these tests run as root, as CI does (useradd, sudo, sshd)').toBe(0);
    await initI18n('en');
    root = await mkdtemp(join(tmpdir(), 'keyrescue-resume-password-dialog-'));
    await chmod(root, 0o711);
    await mkdir(join(root, 'home', '.ssh'), { recursive: true });
    keyPath = join(root, 'home', '.ssh', 'new-key');
    accounts = new TestAccounts(root);
    pw = await accounts.create('pw');
    const hash = execFileSync('openssl', ['passwd', '-6', '-stdin'], { input: password, encoding: 'utf8' });
    accountCommand('usermod', ['-p', hash.trim(), pw.name]);
    await accounts.allowSudo(pw);
    sshd = await startRealSshd(root, { passwordAuthentication: true });
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
    // The target holds the lost key pair's line, as the instance did: the cleanup removes it.
    const { KeyPairs } = await ec2.send(
      new DescribeKeyPairsCommand({ KeyNames: ['legacy-app-key'], IncludePublicKey: true }),
    );
    oldLine = (KeyPairs?.[0]?.PublicKey ?? '').trim();
    expect(oldLine).toMatch(/^ssh-/);
    ec2.destroy();
    target = await accounts.create('target', oldLine);
    // A host key pinned to another fingerprint: the run stops at append-key before the password
    // is sent, and stays unfinished.
    const { operationId } = await api.invoke('recovery:start', {
      instanceId: legacy,
      region: 'us-east-1',
      path: 'ssh',
      targetUser: target.name,
      login: { user: pw.name, password },
      sshHost: '127.0.0.1',
      sshPort: sshd.port,
      // The sandbox's client address: no lookup at the account's checkip from a test.
      egressAddress: '203.0.113.7',
      newKey: { kind: 'generate', type: 'ed25519', outputPath: keyPath, format: 'openssh' },
      hostKey: { kind: 'pinned', fingerprint: `SHA256:${'A'.repeat(43)}` },
    });
    const status = (await api.invoke('operations:wait', {
      operationId,
      timeoutMs: 30_000,
    })) as OperationStatus;
    expect(status.error?.code).toBe('recovery.sshHostKeyMismatch');
    const { recoveries } = await api.invoke('recovery:unfinished', {});
    expect(recoveries.map((recovery) => recovery.passwordLoginUser)).toEqual([pw.name]);
    recoveryId = recoveries[0]?.id ?? '';
  }, 90_000);
  afterEach(cleanup);
  afterAll(async () => {
    const failures: unknown[] = [];
    await bridge?.dispose();
    await sandbox?.stop();
    await sshd?.stop().catch((error: unknown) => failures.push(error));
    if (accounts) failures.push(...(await accounts.removeAll()));
    await rm(root, { recursive: true, force: true });
    expect(failures).toEqual([]);
  });

  const title = 'Password needed to resume';
  const dialog = () => {
    const element = screen.getByRole('heading', { name: title }).closest('dialog');
    if (!element) throw new Error('the title is not in a dialog');
    return within(element);
  };
  const field = () => dialog().getByLabelText(`Password of ${pw.name} (the other login)`) as HTMLInputElement;

  it('asks for the login password, keeps the dialog on a wrong one, and resumes to a verified login', async () => {
    await act(() => useRecoveryRunStore.getState().loadUnfinished());
    render(<UnfinishedRecoveries />);
    const item = screen.getByText(recoveryId).closest('li') as HTMLElement;
    // A password login is not rolled back from the list (it needs the password: the CLI's rollback).
    expect(within(item).queryByRole('button', { name: 'Roll back…' })).toBeNull();
    await userEvent.click(within(item).getByRole('button', { name: 'Resume' }));
    const resume = dialog().getByRole('button', { name: 'Resume' }) as HTMLButtonElement;
    expect(resume.disabled).toBe(true);
    expect(field().type).toBe('password');

    await userEvent.type(field(), 'not the password');
    expect(resume.disabled).toBe(false);
    await userEvent.click(resume);
    const wrong = `127.0.0.1:${sshd.port} refused the password of ${pw.name} (the login of recovery ${recoveryId}). Check it and try again; nothing was changed.`;
    await waitFor(() => expect(dialog().getByText(/refused the password/).textContent).toBe(wrong), {
      timeout: 15_000,
    });
    // Still the list, still the dialog; nothing ran and the wizard did not move.
    expect(useRecoveryRunStore.getState().phase).toBe('idle');
    expect(useRecoverStore.getState().step).not.toBe('run');
    expect(field().value).toBe('not the password');
    await act(() => i18n.changeLanguage('ja'));
    await waitFor(() =>
      expect(screen.getByText(/のパスワード（復旧/).textContent).toBe(
        `127.0.0.1:${sshd.port} は ${pw.name} のパスワード（復旧 ${recoveryId} のログイン）を受け付けませんでした。確認して、もう一度入力してください。何も変更していません。`,
      ),
    );
    expect(screen.getByRole('heading', { name: '再開にはパスワードが必要です' })).toBeTruthy();
    expect(screen.getByLabelText(`${pw.name} のパスワード（別のログイン）`)).toBeTruthy();
    await act(() => i18n.changeLanguage('en'));

    await userEvent.clear(field());
    await userEvent.type(field(), password);
    await userEvent.click(dialog().getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: title })).toBeNull(), {
      timeout: 15_000,
    });
    expect(useRecoverStore.getState().step).toBe('run');
    await expect.poll(() => useRecoveryRunStore.getState().phase, { timeout: 30_000 }).toBe('ended');
    expect(useRecoveryRunStore.getState().result).toMatchObject({ recoveryId, verified: true });
    const newLine = (await readFile(`${keyPath}.pub`, 'utf8')).trim();
    expect(await readFile(join(target.home, '.ssh', 'authorized_keys'), 'utf8')).toBe(
      `${oldLine}\n${newLine}\n`,
    );
    const journal = await readFile(join(bridge.userDataDir, 'journals', `${recoveryId}.jsonl`), 'utf8');
    expect(journal).toContain('"loginPassword":true');
    expect(journal).not.toContain(password);
  }, 90_000);

  it('the cleanup removes the old key through the password login: refused without the password, done with it', async () => {
    const cleanup = async (extra: { loginPassword?: string }) => {
      const { operationId } = await api.invoke('recovery:cleanup', {
        recoveryId,
        removeOldKey: true,
        deleteOldKeyPair: false,
        revokeIngress: false,
        ...extra,
      });
      return (await api.invoke('operations:wait', { operationId, timeoutMs: 30_000 })) as OperationStatus;
    };
    const keys = () => readFile(join(target.home, '.ssh', 'authorized_keys'), 'utf8');
    const before = await keys();
    const without = await cleanup({});
    expect(without.error).toMatchObject({
      code: 'recoveryRun.resumePasswordNeeded',
      details: { id: recoveryId, key: 'loginPassword', user: pw.name },
    });
    expect(await keys()).toBe(before);
    const done = await cleanup({ loginPassword: password });
    expect(done.state, JSON.stringify(done.error)).toBe('succeeded');
    expect((done.result as CleanupResult).steps.map((step) => `${step.stepId}:${step.state}`)).toEqual([
      'remove-old-key:done',
    ]);
    const newLine = (await readFile(`${keyPath}.pub`, 'utf8')).trim();
    expect(await keys()).toBe(`${newLine}\n`);
  }, 60_000);
});
