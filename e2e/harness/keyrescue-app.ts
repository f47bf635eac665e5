import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../../src/ipc/contract';
import type { InventoryView } from '../../src/ipc/contracts/inventory';
import type { Envelope } from '../../src/ipc/envelope';
import type { EventName, EventPayload, Events } from '../../src/ipc/events';
import type { Router } from '../../src/ipc/router';
import { pushEvent } from './window-bridge';

/** One `window.api.invoke` the page made, as the router saw it. */
export interface RecordedCall {
  channel: string;
  input: unknown;
  ok: boolean;
  /** The error code when `ok` is false. */
  code?: string;
}

/** What the window talks to: the core's router, in this process or in a child (core-process.ts). */
export interface CoreLink {
  router: Router;
}

/** The page ids of the sidebar (renderer/app/navigation-store.ts). */
export type SidebarPage = 'inventory' | 'new-key' | 'converter' | 'recover' | 'settings' | 'about';

/**
 * A KeyRescue window under test: the Chromium page, the real core behind it, and helpers specs need
 * (open a sidebar page, push an event, call the router directly for setup, read what the page asked).
 */
export class KeyRescueApp {
  /** Every call the page made, oldest first. */
  readonly calls: RecordedCall[] = [];
  /** Uncaught page errors and CSP violations; the fixture fails the test if any remain. */
  readonly problems: string[] = [];

  constructor(
    readonly page: Page,
    readonly core: CoreLink,
    readonly userDataDir: string,
    readonly url: string,
    /** The event table (from the bundled core), to validate pushed events like the router does. */
    private readonly events: Events,
  ) {}

  /** Where the settings store writes (`settings.json` in the temporary user-data folder). */
  get settingsPath(): string {
    return join(this.userDataDir, 'settings.json');
  }

  private readonly inFlight = new Set<Promise<unknown>>();

  /** The router call behind `window.api.invoke`, recording it; events it emits go to the page. */
  dispatchFromPage(channel: unknown, input: unknown): Promise<Envelope<unknown>> {
    const call = this.dispatchAndRecord(channel, input);
    this.inFlight.add(call);
    void call.finally(() => this.inFlight.delete(call)).catch(() => undefined);
    return call;
  }

  /**
   * Closes the page and waits (up to `maxWaitMs`) for calls it started, so nothing writes into the
   * user-data folder after the test removes it. Bounded: a call stuck on the network must not turn
   * into a test timeout during teardown.
   */
  async close(maxWaitMs = 15_000): Promise<void> {
    await this.page.close();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), deadline]);
    clearTimeout(timer);
  }

  private async dispatchAndRecord(channel: unknown, input: unknown): Promise<Envelope<unknown>> {
    const envelope = await this.core.router.dispatch(channel, input, {
      caller: 'renderer',
      emit: (event, payload) => {
        // Like webContents.send: fire and forget; a closed page just drops it.
        pushEvent(this.page, event, payload).catch(() => undefined);
      },
    });
    this.calls.push({
      channel: String(channel),
      input,
      ok: envelope.ok,
      ...(envelope.ok ? {} : { code: envelope.error.code }),
    });
    return envelope;
  }

  /** Calls the router directly (test setup), not through the page; throws on an error envelope. */
  async invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const envelope = await this.core.router.dispatch(channel, input, {
      caller: 'test',
      emit: () => undefined,
    });
    if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value as ChannelOutput<C>;
  }

  /** Runs an inventory refresh operation to its end (test setup, not through the page); its view. */
  async refreshInventory(regions?: string[]): Promise<InventoryView> {
    const { operationId } = await this.invoke('inventory:refresh', regions ? { regions } : {});
    for (;;) {
      const status = await this.invoke('operations:wait', { operationId, timeoutMs: 30_000 });
      if (status.state === 'running') continue;
      if (status.state !== 'succeeded' || status.kind !== 'inventory.refresh' || !status.result)
        throw new Error(
          `inventory refresh ${status.state}: ${status.error?.code ?? ''} ${status.error?.message ?? ''}`,
        );
      return status.result;
    }
  }

  /** Pushes a main → renderer event, validated against the event table like the router does. */
  async emit<E extends EventName>(event: E, payload: EventPayload<E>): Promise<number> {
    return pushEvent(this.page, event, this.events[event].parse(payload));
  }

  /** Opens the page and waits until the shell is ready (settings and app info loaded). */
  async open(): Promise<void> {
    await this.page.goto(this.url);
    await this.waitUntilReady();
  }

  /** Reloads the window, as a user restarting the app would see it (same core, same user data). */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitUntilReady();
  }

  async waitUntilReady(): Promise<void> {
    await this.page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
  }

  /** The sidebar button of a page. */
  navItem(id: SidebarPage) {
    return this.page.locator(`nav [data-nav-item="${id}"]`);
  }

  /** Clicks a sidebar entry and waits until its page is shown. */
  async openPage(id: SidebarPage): Promise<void> {
    await this.navItem(id).click();
    await expect(this.page.locator('main#main')).toHaveAttribute('data-page', id);
    await expect(this.navItem(id)).toHaveAttribute('aria-current', 'page');
  }

  /** The calls the page made on one channel. */
  callsTo(channel: Channel): RecordedCall[] {
    return this.calls.filter((call) => call.channel === channel);
  }
}
