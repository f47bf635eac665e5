// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initI18n } from '../../lib/i18n';
import { installCoreBridge, type CoreBridge } from '../../test-support/core-bridge';
import { MfaPrompt } from './mfa-prompt';

/**
 * The MFA round trip through the real router and MfaBroker: main asks (`accounts:mfaRequired`), the
 * dialog answers (`accounts:mfaCode`), and the SDK-facing code provider gets exactly that code.
 */
describe('MfaPrompt', () => {
  let bridge: CoreBridge;
  beforeAll(async () => {
    await initI18n('en');
    bridge = await installCoreBridge();
    await bridge.core.aws(); // loads the AWS services up front (slow to transform), so each test only waits for the UI
  }, 60_000);
  afterEach(cleanup);
  afterAll(() => bridge.dispose());

  async function askForCode() {
    const { mfa } = await bridge.core.aws();
    // As a renderer call does: prompts raised inside go to the window, and only it may answer.
    const prompter = mfa.eventPrompter((request) => bridge.push('accounts:mfaRequired', request), 'renderer');
    return mfa.withPrompter(prompter, () =>
      mfa.codeProvider('profile:admin')('arn:aws:iam::111122223333:mfa/alice'),
    );
  }

  it('asks for the code of the named device and hands the typed code to the provider', async () => {
    render(<MfaPrompt />);
    let code!: Promise<string>;
    await act(async () => {
      code = askForCode();
    });
    // happy-dom gives <dialog> no implicit role, so the dialog is found by its title.
    await screen.findByRole('heading', { name: 'MFA code needed' });
    expect(screen.getByText(/Enter the current code from arn:aws:iam::111122223333:mfa\/alice/)).toBeTruthy();
    const submit = screen.getByRole('button', { name: 'Continue' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(screen.getByRole('textbox'), '123456');
    await userEvent.click(submit);
    await expect(code).resolves.toBe('123456');
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'MFA code needed' })).toBeNull());
  });

  it('cancelling stops the role assumption with a clear error', async () => {
    render(<MfaPrompt />);
    let outcome!: Promise<unknown>;
    await act(async () => {
      outcome = askForCode().catch((error: unknown) => error);
    });
    await screen.findByRole('heading', { name: 'MFA code needed' });
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await outcome).toMatchObject({ code: 'aws.mfaCancelled' });
  });
});
