import type { PracticeEndpoint } from '../../src/aws/account-types';
import { createCore } from '../../src/app/core';
import type { HandlerContext } from '../../src/ipc/router';

/**
 * The core as a child process of the test (bundled by core-process.ts and run with `fork`), so a
 * spec can SIGKILL it mid-recovery as a crash of Electron's main process would, and start another
 * on the same user-data folder. Everything a core needs crosses as data: functions cannot.
 */

/** What the child's core is made of: a user-data folder, a home folder and the practice sandbox. */
export interface ChildCoreConfig {
  userDataDir: string;
  homeDir: string;
  practice: PracticeEndpoint;
}

/** Parent → child. */
export type ToChild =
  | { type: 'start'; config: ChildCoreConfig }
  | { type: 'dispatch'; id: number; channel: unknown; input: unknown; caller: HandlerContext['caller'] }
  | { type: 'dispose' };

/** Child → parent; `event` carries the id of the call whose context emitted it. */
export type FromChild =
  | { type: 'ready' }
  | { type: 'result'; id: number; envelope: unknown }
  | { type: 'event'; id: number; event: string; payload: unknown };

function send(message: FromChild): void {
  process.send?.(message);
}

let core: ReturnType<typeof createCore> | undefined;

// The test process went away without disposing (its worker killed): no core is left behind.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: ToChild) => {
  if (message.type === 'start') {
    const { userDataDir, homeDir, practice } = message.config;
    core = createCore({
      userDataDir,
      runtime: 'harness',
      accounts: { environment: { env: {}, homeDir }, homeDir, practice: async () => practice },
    });
    send({ type: 'ready' });
  } else if (message.type === 'dispatch' && core) {
    const { id, channel, input, caller } = message;
    void core.router
      .dispatch(channel, input, {
        caller,
        emit: (event, payload) => send({ type: 'event', id, event, payload }),
      })
      .then((envelope) => send({ type: 'result', id, envelope }));
  } else if (message.type === 'dispose') {
    // Running operations stop first (core.dispose); SDK sockets left open must not keep it alive.
    void (core?.dispose() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});
