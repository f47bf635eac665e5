/** What the harness needs from src/, bundled once per worker by `loadBundled` (see node-bundle.ts). */
export { createCore } from '../../src/app/core';
export { events } from '../../src/ipc/events';
