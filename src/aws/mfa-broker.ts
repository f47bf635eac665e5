import { randomUUID } from 'node:crypto';
import { AppError } from '../ipc/app-error';
import type { HandlerContext } from '../ipc/router';
import { awsErrorCodes } from './aws-errors';

/** How a driver asks a person for an MFA code: the UI (an event + a reply channel) or a terminal. */
export type MfaPrompter = (request: MfaRequest) => Promise<string | null>;

export interface MfaRequest {
  requestId: string;
  accountId: string;
  /** The MFA device ARN from the profile's `mfa_serial`; not a secret, it tells the user which device. */
  mfaSerial: string;
}

const answerTimeoutMs = 5 * 60_000;

/**
 * Connects the SDK's `mfaCodeProvider` callback (deep inside a credential resolution in main) to a
 * person. The renderer prompter emits `accounts:mfaRequired` and waits for `accounts:mfaCode`.
 */
export class MfaBroker {
  private prompter: MfaPrompter | undefined;
  private readonly waiting = new Map<string, (code: string | null) => void>();

  /** Who answers from now on; the latest driver that made an AWS call through the UI or CLI wins. */
  setPrompter(prompter: MfaPrompter | undefined): void {
    this.prompter = prompter;
  }

  /** A prompter that asks the renderer through an event and resolves when `answer` is called. */
  eventPrompter(emit: (request: MfaRequest) => void): MfaPrompter {
    return (request) =>
      new Promise<string | null>((resolve) => {
        const timer = setTimeout(() => this.answer(request.requestId, null), answerTimeoutMs);
        this.waiting.set(request.requestId, (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        emit(request);
      });
  }

  /** The UI's reply; `null` means the user cancelled. Returns whether a request was waiting. */
  answer(requestId: string, code: string | null): boolean {
    const resolve = this.waiting.get(requestId);
    if (!resolve) return false;
    this.waiting.delete(requestId);
    resolve(code);
    return true;
  }

  /** The `mfaCodeProvider` handed to the SDK for one account. */
  codeProvider(accountId: string): (mfaSerial: string) => Promise<string> {
    return async (mfaSerial) => {
      if (!this.prompter) {
        throw new AppError(
          awsErrorCodes.mfaUnavailable,
          `Profile ${accountId} needs an MFA code from ${mfaSerial}, but nothing can ask for one here.`,
          {
            account: accountId,
          },
        );
      }
      const code = await this.prompter({ requestId: randomUUID(), accountId, mfaSerial });
      if (code === null || !/^\d{6}$/.test(code.trim())) {
        throw new AppError(
          awsErrorCodes.mfaCancelled,
          `No MFA code was entered for ${mfaSerial}; the role was not assumed.`,
          { account: accountId },
        );
      }
      return code.trim();
    };
  }
}

/**
 * Makes the UI the one who answers MFA prompts while a renderer call is running AWS requests.
 * Other callers (the CLI) install their own prompter.
 */
export function attachMfaPrompter(mfa: MfaBroker, ctx: HandlerContext): void {
  if (ctx.caller !== 'renderer') return;
  mfa.setPrompter(mfa.eventPrompter((request) => ctx.emit('accounts:mfaRequired', request)));
}
