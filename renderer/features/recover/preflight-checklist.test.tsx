// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IpcTransport } from '../../../src/ipc/client';
import type { OperationProgress, OperationStatus } from '../../../src/ipc/contracts/operations';
import type { Finding, PreflightResultDto } from '../../../src/ipc/contracts/recovery';
import { i18n, initI18n } from '../../lib/i18n';
import { PreflightChecklist } from './preflight-checklist';
import { rememberPreflight } from './preflight-memory';
import { useRecoverStore } from './recover-store';

// The live checklist, driven by the store over a controllable `window.api`: the test plays main's
// part, pushing each `operation:progress` entry when it chooses and ending the operation at will.

const target = {
  region: 'us-east-1',
  instanceId: 'i-0abc',
  instanceName: 'legacy-app',
  keyName: 'legacy-key',
};
const identityFinding: Finding = {
  id: 'identity',
  status: 'ok',
  code: 'identityOk',
  params: { accountId: '111122223333', arn: 'arn:aws:iam::111122223333:user/me' },
  message: 'Signed in to account 111122223333 as arn:aws:iam::111122223333:user/me.',
};
const runningFinding: Finding = {
  id: 'instance.state',
  status: 'ok',
  code: 'instanceRunning',
  params: {},
  message: 'The instance is running.',
};
const result: PreflightResultDto = {
  instanceId: target.instanceId,
  region: target.region,
  targetUser: 'ec2-user',
  findings: [identityFinding, runningFinding],
  plan: [{ path: 'ssm', verdict: 'advised', reasons: [], uncertainties: [], hazards: [], downtime: false }],
};

/** Main's side of one preflight operation, as far as this window can see it. */
class FakeMain {
  readonly calls: { channel: string; input: unknown }[] = [];
  private readonly log: OperationProgress[] = [];
  private readonly listeners = new Set<(payload: unknown) => void>();
  private ended: ((status: OperationStatus) => void) | null = null;
  private readonly end = new Promise<OperationStatus>((resolve) => (this.ended = resolve));
  state: OperationStatus['state'] = 'running';

  constructor(readonly operationId: string) {}

  readonly transport: IpcTransport = {
    invoke: async (channel, input) => {
      this.calls.push({ channel, input });
      const { operationId } = this;
      if (channel === 'recovery:preflight') return { ok: true, value: { operationId } };
      if (channel === 'operations:wait') return { ok: true, value: await this.end };
      if (channel === 'operations:cancel')
        return { ok: true, value: { cancelled: this.state === 'running' } };
      if (channel === 'operations:replay') {
        const { afterSeq } = input as { afterSeq: number };
        const entries = this.log.filter((entry) => entry.seq > afterSeq);
        const lastSeq = this.log.length;
        return {
          ok: true,
          value: { operationId, state: this.state, lastSeq, firstKeptSeq: 1, entries, more: false },
        };
      }
      return { ok: false, error: { code: 'ipc.unknownChannel', message: `not in this test: ${channel}` } };
    },
    on: (event, listener) => {
      if (event !== 'operation:progress') return () => undefined;
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    },
  };

  /** Appends an entry to the log; `push` false keeps it from the window (it happened before a reload). */
  entry(kind: OperationProgress['kind'], step: string, extra: Partial<OperationProgress> = {}, push = true) {
    const entry: OperationProgress = {
      operationId: this.operationId,
      seq: this.log.length + 1,
      kind,
      step,
      at: 1_000 + this.log.length,
      ...extra,
    };
    this.log.push(entry);
    if (push) act(() => this.listeners.forEach((listener) => listener(entry)));
  }

  finish(state: 'succeeded' | 'cancelled') {
    this.state = state;
    this.entry(state, 'recovery.preflight');
    this.ended?.({
      operationId: this.operationId,
      kind: 'recovery.preflight',
      state,
      lastSeq: this.log.length,
      startedAt: 1_000,
      endedAt: 2_000,
      metadata: {},
      ...(state === 'succeeded' ? { result } : {}),
    });
  }
}

function install(main: FakeMain) {
  Object.defineProperty(window, 'api', { value: main.transport, configurable: true, writable: false });
}

const check = (id: string) => document.querySelector(`[data-check="${id}"]`) as HTMLElement;
const stateOf = (id: string) => check(id).getAttribute('data-state');

describe('the live preflight checklist', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  beforeEach(() => {
    sessionStorage.clear();
  });
  afterEach(async () => {
    cleanup();
    useRecoverStore.getState().reset();
    Object.defineProperty(window, 'api', { value: undefined, configurable: true });
    await act(() => i18n.changeLanguage('en'));
  });

  it("shows a check's findings as it finishes while the next check still runs, then the plan", async () => {
    const main = new FakeMain('op-live');
    install(main);
    render(<PreflightChecklist />);
    const picked = useRecoverStore.getState().pick(target);
    await waitFor(() => expect(main.calls.map((call) => call.channel)).toContain('operations:wait'));
    expect(stateOf('identity')).toBe('pending');
    expect(check('permissions').textContent).toBe('Permissions the recovery paths needWaiting');

    main.entry('started', 'recovery.preflight');
    main.entry('step', 'identity', { done: 0, total: 9 });
    expect(check('identity').textContent).toBe('Who you are signed in as (STS)Checking…');
    main.entry('stepDone', 'identity', { done: 1, total: 9, count: 1, findings: [identityFinding] });
    main.entry('step', 'instance', { done: 1, total: 9 });

    // Identity's finding is shown, in words, while the instance check is still running.
    expect(check('identity').textContent).toBe(
      'Who you are signed in as (STS)OK: Signed in to account 111122223333 as arn:aws:iam::111122223333:user/me.1 finding',
    );
    expect(stateOf('identity')).toBe('done');
    expect(stateOf('instance')).toBe('running');
    expect(check('instance').textContent).toBe('Instance factsChecking…');
    expect(stateOf('savedKey.ec2rl')).toBe('pending');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Check again' })).toBeNull();
    expect(useRecoverStore.getState().preflightStatus).toBe('running');

    main.entry('stepDone', 'instance', { done: 2, total: 9, count: 1, findings: [runningFinding] });
    expect(check('instance').textContent).toBe('Instance factsOK: The instance is running.1 finding');
    main.finish('succeeded');
    await act(() => picked);
    expect(useRecoverStore.getState()).toMatchObject({
      preflightStatus: 'done',
      preflight: result,
      draft: { path: 'ssm' },
    });
    expect(screen.getByRole('button', { name: 'Check again' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();

    await act(() => i18n.changeLanguage('ja'));
    expect(check('identity').textContent).toBe(
      'サインイン中の ID（STS）OK: アカウント 111122223333 に arn:aws:iam::111122223333:user/me としてサインインしています。1 件',
    );
    expect(check('savedKey.keyPair').textContent).toBe('Parameter Store に保存されたキーペアの秘密鍵待機中');
  });

  it('Cancel asks main to stop; what finished stays, the rest never ran, and Check again is offered', async () => {
    const main = new FakeMain('op-cancel');
    install(main);
    render(<PreflightChecklist />);
    const picked = useRecoverStore.getState().pick(target);
    await waitFor(() => expect(main.calls.map((call) => call.channel)).toContain('operations:wait'));
    main.entry('started', 'recovery.preflight');
    main.entry('step', 'identity', { done: 0, total: 9 });
    main.entry('stepDone', 'identity', { done: 1, total: 9, count: 1, findings: [identityFinding] });

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(main.calls.filter((call) => call.channel === 'operations:cancel')).toEqual([
      { channel: 'operations:cancel', input: { operationId: 'op-cancel' } },
    ]);
    expect((screen.getByRole('button', { name: 'Cancelling…' }) as HTMLButtonElement).disabled).toBe(true);

    main.finish('cancelled');
    await act(() => picked);
    expect(useRecoverStore.getState()).toMatchObject({ preflightStatus: 'cancelled', preflight: null });
    expect(screen.getByText('The checks were cancelled')).toBeTruthy();
    expect(stateOf('identity')).toBe('done');
    expect(stateOf('instance')).toBe('pending');
    expect(screen.getByRole('button', { name: 'Check again' })).toBeTruthy();
  });

  it('a reloaded window re-joins the running preflight and catches up from its log', async () => {
    const main = new FakeMain('op-reload');
    install(main);
    // Before the reload: the window had started it, and main had logged two checks' progress.
    rememberPreflight({ operationId: 'op-reload', target });
    main.entry('started', 'recovery.preflight', {}, false);
    main.entry('step', 'identity', { done: 0, total: 9 }, false);
    main.entry('stepDone', 'identity', { done: 1, total: 9, count: 1, findings: [identityFinding] }, false);
    main.entry('step', 'instance', { done: 1, total: 9 }, false);

    render(<PreflightChecklist />);
    const opened = useRecoverStore.getState().open();
    await waitFor(() => expect(stateOf('instance')).toBe('running'));
    expect(useRecoverStore.getState()).toMatchObject({ target, step: 'checks', preflightStatus: 'running' });
    expect(check('identity').textContent).toBe(
      'Who you are signed in as (STS)OK: Signed in to account 111122223333 as arn:aws:iam::111122223333:user/me.1 finding',
    );
    expect(main.calls.some((call) => call.channel === 'recovery:preflight')).toBe(false);

    main.entry('stepDone', 'instance', { done: 2, total: 9, count: 1, findings: [runningFinding] });
    expect(stateOf('instance')).toBe('done');
    main.finish('succeeded');
    await act(() => opened);
    await waitFor(() => expect(useRecoverStore.getState().preflightStatus).toBe('done'));
    expect(useRecoverStore.getState().preflight).toEqual(result);
  });
});
