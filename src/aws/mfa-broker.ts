import { AsyncLocalStorage } from 'node:async_hooks';
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

/** Who may answer a prompt: the kind of caller whose request raised it. */
type CallerKind = HandlerContext['caller'];

const answerTimeoutMs = 5 * 60_000;

/**
 * Connects the SDK's `mfaCodeProvider` callback (deep inside a credential resolution in main) to the
 * person behind the call that needed it. A router call runs inside `forCaller(ctx, …)`: the prompt
 * goes to that caller as `accounts:mfaRequired`, and only that caller's `accounts:mfaCode` with the
 * same request id answers it, so two drivers (the window and a CLI-like caller) each get their own.
 * The caller travels with the async context (AsyncLocalStorage), not a shared "current prompter".
 */
export class MfaBroker {
  private readonly scope = new AsyncLocalStorage<MfaPrompter>();
  private fallback: MfaPrompter | undefined;
  private readonly waiting = new Map<string, { caller: CallerKind; settle: (code: string | null) => void }>();

  /**
   * Who answers when no caller is in scope: a process with a single driver that calls services
   * directly (the CLI's terminal). Router calls never use it.
   */
  setDefaultPrompter(prompter: MfaPrompter | undefined): void {
    this.fallback = prompter;
  }

  /** Runs `work` so that any MFA code its credential resolutions need is asked with `prompter`. */
  withPrompter<T>(prompter: MfaPrompter, work: () => Promise<T>): Promise<T> {
    return this.scope.run(prompter, work);
  }

  /**
   * Runs one router call's AWS work with its MFA prompts bound to that caller: the event goes to
   * `ctx.emit`, the answer is taken from the same kind of caller only, and `ctx.signal` cancels it.
   */
  forCaller<T>(ctx: HandlerContext, work: () => Promise<T>): Promise<T> {
    return this.withPrompter(
      this.eventPrompter((request) => ctx.emit('accounts:mfaRequired', request), ctx.caller, ctx.signal),
      work,
    );
  }

  /** A prompter that asks through an event and resolves when `caller` answers with its request id. */
  eventPrompter(emit: (request: MfaRequest) => void, caller: CallerKind, signal?: AbortSignal): MfaPrompter {
    return (request) =>
      new Promise<string | null>((resolve) => {
        const onAbort = () => this.settle(request.requestId, null);
        const timer = setTimeout(onAbort, answerTimeoutMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.set(request.requestId, {
          caller,
          settle: (code) => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            resolve(code);
          },
        });
        if (signal?.aborted) onAbort();
        else emit(request);
      });
  }

  /**
   * A caller's reply; `null` means the user cancelled. A request id that is not waiting, or that
   * another caller raised, is refused (and the other caller's prompt stays open).
   */
  answer(requestId: string, code: string | null, caller: CallerKind): void {
    const entry = this.waiting.get(requestId);
    if (!entry || entry.caller !== caller) {
      throw new AppError(
        awsErrorCodes.mfaRequestUnknown,
        'No MFA prompt of yours is waiting with this request id: it was answered, cancelled or timed out, or another window asked it. Retry the action to be asked again.',
        { requestId: requestId.slice(0, 100) },
      );
    }
    this.settle(requestId, code);
  }

  /** How many prompts are waiting for an answer (tests check none is left behind). */
  pendingCount(): number {
    return this.waiting.size;
  }

  private settle(requestId: string, code: string | null): void {
    const entry = this.waiting.get(requestId);
    if (!entry) return;
    this.waiting.delete(requestId);
    entry.settle(code);
  }

  /** The `mfaCodeProvider` handed to the SDK for one account. */
  codeProvider(accountId: string): (mfaSerial: string) => Promise<string> {
    return async (mfaSerial) => {
      const prompter = this.scope.getStore() ?? this.fallback;
      if (!prompter) {
        throw new AppError(
          awsErrorCodes.mfaUnavailable,
          `Profile ${accountId} needs an MFA code from ${mfaSerial}, but nothing can ask for one here.`,
          { account: accountId },
        );
      }
      const code = await prompter({ requestId: randomUUID(), accountId, mfaSerial });
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
