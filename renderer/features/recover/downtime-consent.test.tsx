// @vitest-environment happy-dom
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedAccount } from '../../../src/aws/account-types';
import type { PreflightResultDto } from '../../../src/ipc/contracts/recovery';
import { runPreflight } from '../../../src/recovery/preflight/preflight';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { instanceNamed } from '../../../src/sandbox/test-support/demo-lookup';
import { i18n, initI18n } from '../../lib/i18n';
import { ConfirmStep } from './confirm-step';
import { emptyDraft } from './recover-rules';
import { useRecoverStore } from './recover-store';

/**
 * The confirm screen of a stop path, with the plan a real preflight of the demo's lost-key instance
 * gives (practice sandbox, real SDK over HTTP): every hazard listed, and Start stays disabled until
 * the instance's name or id is typed. Nothing is started: the test never clicks an enabled Start.
 */
describe('the confirm screen of a stop path', () => {
  let sandbox: RunningSandbox;
  let root: string;
  let preflight: PreflightResultDto;
  let target: { region: string; instanceId: string; instanceName: string; keyName: string };
  let publicIp: string;
  beforeAll(async () => {
    await initI18n('en');
    root = await mkdtemp(join(tmpdir(), 'keyrescue-downtime-consent-'));
    sandbox = await startSandbox({ seed: 'demo', keysDir: join(root, 'keys') });
    const credentials = { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey };
    const ec2 = new EC2Client({ region: sandbox.region, endpoint: sandbox.endpoint, credentials });
    const instance = await instanceNamed(ec2, 'legacy-app');
    ec2.destroy();
    const account: ResolvedAccount = {
      id: 'practice',
      label: 'Practice',
      kind: 'practice',
      region: sandbox.region,
      endpoint: sandbox.endpoint,
      needsMfa: false,
      credentials: async () => credentials,
      mode: 'sandbox',
    };
    const result = await runPreflight(account, {
      instanceId: instance.InstanceId ?? '',
      region: 'us-east-1',
    });
    preflight = {
      instanceId: result.instanceId,
      region: result.region,
      targetUser: result.targetUser,
      findings: result.findings,
      plan: result.plan,
    };
    publicIp = instance.PublicIpAddress ?? '';
    target = {
      region: 'us-east-1',
      instanceId: instance.InstanceId ?? '',
      instanceName: 'legacy-app',
      keyName: 'legacy-app-key',
    };
  }, 60_000);
  afterEach(async () => {
    cleanup();
    await act(() => i18n.changeLanguage('en'));
  });
  afterAll(async () => {
    await sandbox.stop();
    await rm(root, { recursive: true, force: true });
  });

  const show = (path: 'userData' | 'eic') => {
    useRecoverStore.setState({ target, preflight, step: 'confirm', draft: { ...emptyDraft, path } });
    render(<ConfirmStep />);
  };
  const startButton = () => screen.getByRole('button', { name: 'Start recovery' }) as HTMLButtonElement;
  const consentBox = () =>
    screen.getByLabelText(
      `Type legacy-app or ${target.instanceId} to confirm the downtime`,
    ) as HTMLInputElement;

  it('lists the hazards, the old public address among them', () => {
    show('userData');
    const hazards = [...screen.getByTestId('recover-hazards').querySelectorAll('li')];
    expect(hazards.map((item) => item.dataset.hazard)).toEqual(['hazardDowntime', 'hazardPublicIpChanges']);
    expect(hazards.map((item) => item.textContent)).toEqual([
      'The instance is down while it is stopped (minutes).',
      `The public address ${publicIp} is not an Elastic IP and changes: KeyRescue connects to the new address afterwards, and the ~/.ssh/config entry follows the new one.`,
    ]);
    expect(screen.getByRole('region', { name: 'Stopping legacy-app: what it does' })).toBeTruthy();
    // The real preflight read everything: nothing unknown to list.
    expect(screen.queryByTestId('recover-stop-unknowns')).toBeNull();
  });

  it('keeps Start disabled until the name or the id is typed exactly', async () => {
    show('userData');
    const user = userEvent.setup();
    expect(startButton().disabled).toBe(true);
    expect(screen.getByTestId('recover-blockers').textContent).toBe(
      'Type the instance’s name or ID to confirm that it may be stopped.',
    );
    await user.type(consentBox(), 'legacy-ap');
    expect(startButton().disabled).toBe(true);
    await user.type(consentBox(), 'p');
    expect(consentBox().value).toBe('legacy-app');
    expect(startButton().disabled).toBe(false);
    expect(screen.queryByTestId('recover-blockers')).toBeNull();
    await user.clear(consentBox());
    await user.type(consentBox(), 'LEGACY-APP');
    expect(startButton().disabled).toBe(true);
    await user.clear(consentBox());
    await user.type(consentBox(), ` ${target.instanceId} `);
    expect(startButton().disabled).toBe(false);
    expect(useRecoverStore.getState().draft.downtimeConsent).toBe(` ${target.instanceId} `);
  });

  it('also lists what could not be checked before the stop', () => {
    const unknown = {
      ...preflight,
      plan: preflight.plan.map((path) =>
        path.path === 'userData'
          ? { ...path, uncertainties: [{ code: 'volumesUnknown' as const, params: {} }] }
          : path,
      ),
    };
    useRecoverStore.setState({
      target,
      preflight: unknown,
      step: 'confirm',
      draft: { ...emptyDraft, path: 'userData' },
    });
    render(<ConfirmStep />);
    expect(screen.getByTestId('recover-stop-unknowns').textContent).toBe(
      'Whether the volumes are encrypted (and need KMS permissions) could not be checked.',
    );
  });

  it('asks nothing of a path without downtime', () => {
    show('eic');
    expect(screen.queryByTestId('recover-hazards')).toBeNull();
    expect(startButton().disabled).toBe(false);
  });

  it('speaks Japanese', async () => {
    await act(() => i18n.changeLanguage('ja'));
    show('userData');
    const hazards = [...screen.getByTestId('recover-hazards').querySelectorAll('li')];
    expect(hazards[1]?.textContent).toBe(
      `パブリックアドレス ${publicIp} は Elastic IP ではないため変わります。その後 KeyRescue は新しいアドレスに接続し、~/.ssh/config のエントリも新しいアドレスに合わせます。`,
    );
    expect(
      screen.getByLabelText(
        `停止時間に同意するには legacy-app または ${target.instanceId} と入力してください`,
      ),
    ).toBeTruthy();
    expect(screen.getByTestId('recover-blockers').textContent).toBe(
      '停止してよいことを確認するため、インスタンスの名前か ID を入力してください。',
    );
    expect((screen.getByRole('button', { name: '復旧を開始' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
