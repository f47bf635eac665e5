import { setImmediate } from 'node:timers/promises';

/**
 * A counter that lets the event loop run once every `every` calls. Work made of synchronous steps
 * (small file reads, key parsing) never waits on anything, so without this a scan of thousands of
 * files would hold the main process's IPC and timers until it ended.
 */
export function eventLoopTurns(every: number): () => Promise<void> {
  let calls = 0;
  return async () => {
    if (++calls % every === 0) await setImmediate();
  };
}
