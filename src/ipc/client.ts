import type { Channel, ChannelInput, ChannelOutput } from './contract';
import type { Envelope, IpcErrorBody } from './envelope';
import type { EventName, EventPayload } from './events';

/** How a client reaches the router: Electron preload, the Playwright binding, or a direct call. */
export interface IpcTransport {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** A failed call, carrying the router's error body. */
export class IpcError extends Error {
  override readonly name = 'IpcError';
  readonly code: string;
  readonly details: IpcErrorBody['details'];
  constructor(body: IpcErrorBody) {
    super(body.message);
    this.code = body.code;
    this.details = body.details;
  }
}

export interface IpcClient {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(transport: IpcTransport): IpcClient {
  return {
    async invoke(channel, input) {
      const envelope = await transport.invoke(channel, input);
      if (!envelope.ok) throw new IpcError(envelope.error);
      return envelope.value as never;
    },
    on(event, listener) {
      return transport.on(event, listener as (payload: unknown) => void);
    },
  };
}
