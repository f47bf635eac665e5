import { describe, expect, it } from 'vitest';
import type { Channel, ChannelInput } from '../ipc/contract';
import type { Envelope } from '../ipc/envelope';
import type { EventName } from '../ipc/events';
import type { HandlerContext } from '../ipc/router';
import { useProfileSandbox } from './test-support/profile-sandbox';
import { directTransport } from '../cli/run-cli';
import type { Core } from './core';

interface MfaEvent {
  requestId: string;
  accountId: string;
  mfaSerial: string;
}

/**
 * The MFA prompt belongs to the caller whose request needed it: through the router, against the
 * sandbox's MFA role (STS AssumeRole over HTTP, real SDK fromIni). Two callers at once — a CLI-like
 * one and the window — each see only their own prompt and may answer only that one.
 */
describe('MFA prompts bound to their caller', () => {
  const fixture = useProfileSandbox('keyrescue-mfa-callers-', (endpoint) => {
    const mfaProfile = (name: string, device: string) => [
      `[profile ${name}]`,
      'role_arn = arn:aws:iam::111122223333:role/mfa-admin',
      'source_profile = base',
      `role_session_name = ${name}-session`,
      `mfa_serial = arn:aws:iam::111122223333:mfa/${device}`,
      ...endpoint,
    ];
    return [...mfaProfile('alpha', 'alice'), ...mfaProfile('beta', 'bob')];
  });
  const newCore = (): Core => fixture.core();

  /** One driver of the router: its kind, the events it received, and its calls. */
  function caller(target: Core, kind: HandlerContext['caller'], signal?: AbortSignal) {
    const prompts: MfaEvent[] = [];
    const others: EventName[] = [];
    const waiters: (() => void)[] = [];
    const ctx: HandlerContext = {
      caller: kind,
      emit: (event, payload) => {
        if (event === 'accounts:mfaRequired') prompts.push(payload as MfaEvent);
        else others.push(event);
        waiters.splice(0).forEach((wake) => wake());
      },
      ...(signal ? { signal } : {}),
    };
    return {
      prompts,
      others,
      call: <C extends Channel>(channel: C, input: ChannelInput<C>) =>
        target.router.dispatch(channel, input, ctx) as Promise<Envelope<unknown>>,
      async prompted(): Promise<MfaEvent> {
        while (prompts.length === 0) await new Promise<void>((wake) => waiters.push(wake));
        return prompts[0] as MfaEvent;
      },
    };
  }

  const codeOf = (envelope: Envelope<unknown>) => (envelope.ok ? 'ok' : envelope.error.code);

  it('gives a CLI-like caller and the window each their own prompt, answered only by them', async () => {
    const target = newCore();
    const cli = caller(target, 'cli');
    const window = caller(target, 'renderer');
    const cliIdentity = cli.call('accounts:identity', { accountId: 'profile:alpha' });
    const windowIdentity = window.call('accounts:identity', { accountId: 'profile:beta' });
    const cliPrompt = await cli.prompted();
    const windowPrompt = await window.prompted();
    expect(cliPrompt).toEqual({
      requestId: expect.any(String),
      accountId: 'profile:alpha',
      mfaSerial: 'arn:aws:iam::111122223333:mfa/alice',
    });
    expect(windowPrompt).toEqual({
      requestId: expect.any(String),
      accountId: 'profile:beta',
      mfaSerial: 'arn:aws:iam::111122223333:mfa/bob',
    });
    expect([cli.prompts.length, window.prompts.length]).toEqual([1, 1]);

    // The window cannot answer the CLI's prompt, nor anyone an id that is not waiting.
    const foreign = await window.call('accounts:mfaCode', { requestId: cliPrompt.requestId, code: '111111' });
    expect(foreign).toEqual({
      ok: false,
      error: {
        code: 'aws.mfaRequestUnknown',
        message:
          'No MFA prompt of yours is waiting with this request id: it was answered, cancelled or timed out, or another window asked it. Retry the action to be asked again.',
        details: { requestId: cliPrompt.requestId },
      },
    });
    expect(codeOf(await cli.call('accounts:mfaCode', { requestId: 'not-a-request', code: '123456' }))).toBe(
      'aws.mfaRequestUnknown',
    );
    const { mfa } = await target.aws();
    expect(mfa.pendingCount()).toBe(2);

    // Each answers its own: the window with a code, the CLI by cancelling.
    expect(
      await window.call('accounts:mfaCode', { requestId: windowPrompt.requestId, code: '123456' }),
    ).toEqual({
      ok: true,
      value: { accepted: true },
    });
    expect(await windowIdentity).toMatchObject({
      ok: true,
      value: { arn: 'arn:aws:sts::111122223333:assumed-role/mfa-admin/beta-session' },
    });
    expect(await cli.call('accounts:mfaCode', { requestId: cliPrompt.requestId, code: null })).toEqual({
      ok: true,
      value: { accepted: true },
    });
    expect(codeOf(await cliIdentity)).toBe('aws.mfaCancelled');
    // An answered prompt cannot be answered again.
    expect(
      codeOf(await cli.call('accounts:mfaCode', { requestId: cliPrompt.requestId, code: '123456' })),
    ).toBe('aws.mfaRequestUnknown');
    expect(mfa.pendingCount()).toBe(0);
    expect([cli.others, window.others]).toEqual([[], []]);
  });

  it('asks once per account: a second call of the same account waits for the first answer', async () => {
    const target = newCore();
    const window = caller(target, 'renderer');
    const identity = window.call('accounts:identity', { accountId: 'profile:alpha' });
    const regions = window.call('accounts:regions', { accountId: 'profile:alpha' });
    const prompt = await window.prompted();
    await window.call('accounts:mfaCode', { requestId: prompt.requestId, code: '654321' });
    expect([codeOf(await identity), codeOf(await regions)]).toEqual(['ok', 'ok']);
    expect(window.prompts).toHaveLength(1);
  });

  it("cancels the prompt when the caller's signal aborts", async () => {
    const target = newCore();
    const abort = new AbortController();
    const cli = caller(target, 'cli', abort.signal);
    const identity = cli.call('accounts:identity', { accountId: 'profile:beta' });
    await cli.prompted();
    abort.abort();
    expect(codeOf(await identity)).toBe('aws.mfaCancelled');
    expect((await target.aws()).mfa.pendingCount()).toBe(0);
  });

  it("lets the CLI's in-process transport answer its own prompt from the terminal", async () => {
    const target = newCore();
    const asked: string[] = [];
    const transport = directTransport(target, undefined, async (mfaSerial) => {
      asked.push(mfaSerial);
      return ' 123456\n';
    });
    expect(await transport.invoke('accounts:identity', { accountId: 'profile:alpha' })).toMatchObject({
      ok: true,
      value: { arn: 'arn:aws:sts::111122223333:assumed-role/mfa-admin/alpha-session' },
    });
    expect(asked).toEqual(['arn:aws:iam::111122223333:mfa/alice']);
    const { mfa } = await target.aws();
    expect(mfa.pendingCount()).toBe(0);
  });

  it('turns a CLI prompt answered with nothing (no terminal) into a cancelled MFA sign-in', async () => {
    const target = newCore();
    const transport = directTransport(target, undefined, async () => null);
    const result = await transport.invoke('accounts:identity', { accountId: 'profile:beta' });
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error.code).toBe('aws.mfaCancelled');
  });
});
