// @vitest-environment happy-dom
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../lib/i18n';
import { startPracticeBridge, type PracticeBridge } from '../../test-support/practice-bridge';
import { useAccountsStore } from '../accounts/accounts-store';
import { atRiskTargets, useRecoverHandoff } from '../inventory/recover-handoff';
import { allKeyPairs } from '../inventory/inventory-filter';
import { useInventoryStore } from '../inventory/inventory-store';
import { RecoverPage } from './recover-page';
import { useRecoverStore } from './recover-store';

const u32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};

/**
 * The wizard over the real router and the demo practice account (a sandbox over HTTP with the real
 * SDK): the inventory's hand-off, a live preflight, the advised path and the new key's defaults.
 * Only the Save dialog is a stand-in (no native dialog can run here).
 */
describe('recovery wizard', () => {
  let practice: PracticeBridge;
  let root: string;
  let sshDir: string;
  const saveAsked: string[] = [];
  beforeAll(async () => {
    await initI18n('en');
    practice = await startPracticeBridge('recover-wizard', {
      core: {
        dialogs: {
          openKeyFiles: async () => [join(root, 'mine')],
          chooseFolder: async () => null,
          saveKeyFile: async ({ defaultPath }) => {
            saveAsked.push(defaultPath);
            return join(root, 'picked-key');
          },
          showItemInFolder: async () => undefined,
        },
      },
    });
    ({ root, sshDir } = practice);
    await useInventoryStore.getState().start();
  }, 90_000);
  afterEach(cleanup);
  afterAll(() => practice.dispose());

  it('takes the at-risk hand-off, checks the instance and keeps it after leaving the page', async () => {
    const targets = atRiskTargets(allKeyPairs(useInventoryStore.getState().view));
    expect(targets.map((target) => target.instanceName)).toEqual(['legacy-app']);
    useRecoverHandoff.getState().request(targets);
    const page = render(<RecoverPage />);
    // One instance sent: no pick needed, the read-only checks start at once.
    await waitFor(() => expect(useRecoverStore.getState().preflightStatus).toBe('done'), { timeout: 30_000 });
    expect(screen.getByRole('region', { name: 'Instance to recover' }).textContent).toContain('legacy-app');
    const findings = screen.getByTestId('recover-findings');
    expect(within(findings).getAllByRole('listitem').length).toBeGreaterThan(5);
    expect(findings.textContent).toContain('The instance is running.');
    expect(findings.textContent).not.toMatch(/findings\./); // every code translated
    expect(
      screen.getByRole('navigation', { name: 'Recovery steps' }).querySelector('[aria-current="step"]')
        ?.textContent,
    ).toContain('Checks');

    // Leaving the page and coming back keeps the instance and what was found.
    page.unmount();
    render(<RecoverPage />);
    expect(screen.getByRole('region', { name: 'Instance to recover' }).textContent).toContain('legacy-app');
    expect(screen.getByTestId('recover-findings')).toBeTruthy();
    expect(useRecoverHandoff.getState().targets).toEqual([]);
  }, 60_000);

  it('walks the advised choices to a confirm screen that lists every step', async () => {
    render(<RecoverPage />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    // The advised path is preselected; a path this version cannot run is disabled with its reason.
    const advised = useRecoverStore.getState().preflight?.plan.find((path) => path.verdict === 'advised');
    expect(advised?.path).toBe('eic');
    expect((screen.getByRole('radio', { name: /EC2 Instance Connect/ }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect((screen.getByRole('radio', { name: /Systems Manager/ }) as HTMLInputElement).disabled).toBe(true);
    // The stop paths run too (they stop the instance: the confirm screen asks).
    expect((screen.getByRole('radio', { name: /User data/ }) as HTMLInputElement).disabled).toBe(false);
    expect((screen.getByRole('radio', { name: /Rescue volume/ }) as HTMLInputElement).disabled).toBe(false);
    expect(screen.queryAllByText('Comes in a later version of KeyRescue.')).toHaveLength(0);
    expect((screen.getByLabelText('Log in as') as HTMLInputElement).value).toBe('ec2-user');

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect((screen.getByLabelText('Save the private key to') as HTMLInputElement).value).toBe(
      join(sshDir, 'legacy-app-recovered'),
    );
    await user.selectOptions(screen.getByLabelText('File format'), 'ppk3');
    expect((screen.getByLabelText('Save the private key to') as HTMLInputElement).value).toBe(
      join(sshDir, 'legacy-app-recovered.ppk'),
    );
    await user.selectOptions(screen.getByLabelText('File format'), 'openssh');
    // A disabled Continue says what is missing.
    await user.type(screen.getByLabelText(/^Passphrase/), 'words');
    expect(screen.getByTestId('recover-blockers').textContent).toBe('The passphrases do not match.');
    await user.clear(screen.getByLabelText(/^Passphrase/));
    await user.click(screen.getByRole('checkbox', { name: /Also import it as a key pair in us-east-1/ }));
    expect((screen.getByLabelText('Key pair name') as HTMLInputElement).value).toBe('legacy-app-recovered');
    expect(screen.getByText(/The console keeps showing legacy-app-key/)).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: /Also import it as a key pair/ }));

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const planned = within(screen.getByTestId('recover-planned')).getAllByRole('listitem');
    expect(planned.map((item) => item.dataset.step)).toEqual(
      useRecoverStore.getState().draft.temporaryIngress
        ? ['ingress-add', 'append-key', 'verify']
        : ['append-key', 'verify'],
    );
    expect(screen.getByRole('button', { name: 'Start recovery' })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'I know its fingerprint' }));
    expect(screen.getByTestId('recover-blockers').textContent).toContain('SHA256:');
    await user.click(screen.getByRole('radio', { name: /Accept it on first connection/ }));
    expect(screen.queryByTestId('recover-blockers')).toBeNull();
  }, 60_000);

  it('shows the exact script for users who run it themselves, for the target user and a pasted key', async () => {
    act(() => useRecoverStore.getState().goTo('path'));
    render(<RecoverPage />);
    const user = userEvent.setup();
    await user.click(screen.getByText('Run the script yourself instead'));
    const publicKey = `ssh-ed25519 ${generateKeyPairSync('ed25519')
      .publicKey.export({ format: 'der', type: 'spki' })
      .subarray(12)
      .toString('base64')}`;
    // The OpenSSH wire form: string "ssh-ed25519", string key (lengths are 4-byte big-endian).
    const raw = Buffer.from(publicKey.split(' ')[1] ?? '', 'base64');
    const wire = Buffer.concat([u32(11), Buffer.from('ssh-ed25519'), u32(raw.length), raw]).toString(
      'base64',
    );
    await user.click(screen.getByLabelText('Public key'));
    await user.paste(`ssh-ed25519 ${wire} me@laptop`);
    await user.click(screen.getByRole('button', { name: 'Show the script' }));
    const script = await screen.findByTestId('recover-script');
    expect(script.textContent).toMatch(/^#!\/bin\/sh|set -eu/m);
    expect(script.textContent).toContain('ec2-user');
    expect(script.textContent).toContain(wire);
  });

  it('picks the key file in the Save dialog, opened where the default path is', async () => {
    useRecoverStore.getState().goTo('key');
    render(<RecoverPage />);
    await userEvent.click(screen.getByRole('button', { name: 'Choose…' }));
    await waitFor(() =>
      expect((screen.getByLabelText('Save the private key to') as HTMLInputElement).value).toBe(
        join(root, 'picked-key'),
      ),
    );
    expect(saveAsked).toEqual([join(sshDir, 'legacy-app-recovered')]);
    expect(useRecoverStore.getState().draft.pathFromDialog).toBe(true);
  });

  it('searches instances across regions when nothing was handed off', async () => {
    act(() => useRecoverStore.getState().reset());
    render(<RecoverPage />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: 'Search instances' }), 'eu-west');
    const list = screen.getByRole('list', { name: 'Which instance?' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([expect.stringContaining('eu-api')]);
    await user.click(within(list).getByRole('button', { name: 'Recover eu-api' }));
    expect(useRecoverStore.getState().target?.region).toBe('eu-west-1');
    await waitFor(() => expect(useRecoverStore.getState().preflightStatus).toBe('done'), { timeout: 30_000 });
  }, 60_000);

  it('forgets choices made before a run when another page switches the account', () => {
    expect(useRecoverStore.getState().target).not.toBeNull();
    act(() => useAccountsStore.setState((state) => ({ generation: state.generation + 1 })));
    expect(useRecoverStore.getState()).toMatchObject({ target: null, step: 'pick', preflight: null });
  });
});
