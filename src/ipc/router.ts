import type * as z from 'zod/mini';
import { AppError, ipcErrorCodes, isAppError } from './app-error';
import { contract, isChannel, type Channel, type ChannelOutput, type ParsedInput } from './contract';
import { fail, ok, type Envelope } from './envelope';
import { events, type EventName, type EventPayload } from './events';

/** What a handler may do besides returning: push events to whoever called (progress, changes). */
export interface HandlerContext {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Who is calling; useful for messages that differ between the CLI and the app. */
  caller: 'renderer' | 'cli' | 'test';
  /** Aborts slow work such as a key derivation (the CLI aborts on Ctrl-C). */
  signal?: AbortSignal;
}

/** One handler per channel; a channel in the contract without a handler here fails `tsc`. */
export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>, ctx: HandlerContext) => Promise<ChannelOutput<C>>;
};

/** A log line the router writes per call. It never holds payloads, so no secret can reach a log. */
export interface RouterLogEntry {
  channel: string;
  ok: boolean;
  code?: string;
  ms: number;
}

export interface RouterOptions {
  log?: (entry: RouterLogEntry) => void;
  /** Sees unexpected errors (bugs) in full, for a developer log; never sent to the caller. */
  onInternalError?: (channel: string, error: unknown) => void;
}

export interface Router {
  dispatch(channel: unknown, payload: unknown, ctx: HandlerContext): Promise<Envelope<unknown>>;
}

function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ')
    .slice(0, 1000);
}

/** Wraps an emit so every pushed event is validated against the event table first. */
function validatingContext(ctx: HandlerContext): HandlerContext {
  return {
    ...ctx,
    emit(event, payload) {
      ctx.emit(event, events[event].parse(payload) as EventPayload<typeof event>);
    },
  };
}

export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  const log = options.log ?? (() => undefined);

  async function run(channel: Channel, payload: unknown, ctx: HandlerContext): Promise<Envelope<unknown>> {
    const schema = contract[channel];
    let input: ReturnType<typeof schema.input.safeParse>;
    try {
      input = schema.input.safeParse(payload ?? {});
    } catch {
      // Structured clone (Electron IPC) cannot make such values; a direct caller (CLI, tests) can.
      return fail({
        code: ipcErrorCodes.invalidInput,
        message: `Invalid input for ${channel}: it could not be read (a getter or proxy threw).`,
      });
    }
    if (!input.success) {
      return fail({
        code: ipcErrorCodes.invalidInput,
        message: `Invalid input for ${channel}: ${describeIssues(input.error)}`,
      });
    }
    const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
    let value: unknown;
    try {
      value = await handler(input.data, validatingContext(ctx));
    } catch (error) {
      if (isAppError(error)) {
        return fail({ code: error.code, message: error.message, details: error.details });
      }
      options.onInternalError?.(channel, error);
      return fail({ code: ipcErrorCodes.internal, message: `Unexpected error in ${channel}.` });
    }
    const output = schema.output.safeParse(value);
    if (!output.success) {
      options.onInternalError?.(
        channel,
        new AppError(ipcErrorCodes.invalidOutput, describeIssues(output.error)),
      );
      return fail({
        code: ipcErrorCodes.invalidOutput,
        message: `The result of ${channel} did not match its contract.`,
      });
    }
    return ok(output.data);
  }

  async function settle(channel: unknown, payload: unknown, ctx: HandlerContext): Promise<Envelope<unknown>> {
    try {
      return isChannel(channel)
        ? await run(channel, payload, ctx)
        : fail({ code: ipcErrorCodes.unknownChannel, message: `Unknown channel: ${channelLabel(channel)}` });
    } catch (error) {
      // A payload whose getters or proxy traps throw, or a stack overflow while validating it.
      const name = channelLabel(channel);
      try {
        options.onInternalError?.(name, error);
      } catch {
        // The developer log failing must not turn into a thrown dispatch either.
      }
      return fail({ code: ipcErrorCodes.internal, message: `Unexpected error in ${name}.` });
    }
  }

  return {
    // Never throws and never rejects: every caller (IPC bridge, CLI, tests) gets an envelope.
    async dispatch(channel, payload, ctx) {
      const started = performance.now();
      const result = await settle(channel, payload, ctx);
      try {
        log({
          channel: channelLabel(channel),
          ok: result.ok,
          ...(result.ok ? {} : { code: result.error.code }),
          ms: Math.round(performance.now() - started),
        });
      } catch {
        // A broken log sink loses a line, not the answer.
      }
      return result;
    },
  };
}

/**
 * The channel as text for messages and logs, without running any of the caller's code: `String()`
 * on a null-prototype object throws, and on a deeply nested array it overflows the stack.
 */
function channelLabel(channel: unknown): string {
  if (typeof channel === 'string') return channel.slice(0, 80).replace(/[^\x20-\x7e]/g, '?');
  if (channel === null) return '(null)';
  try {
    if (Array.isArray(channel)) return '(array)';
  } catch {
    // Array.isArray throws on a revoked proxy.
  }
  return `(${typeof channel})`;
}
