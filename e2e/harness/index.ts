/** The Chromium e2e harness: `import { test, expect } from './harness';` in a spec. */
export { test, expect, type ExtraCoreOptions, type HarnessFixtures, type HarnessOptions } from './fixtures';
export { KeyRescueApp, type CoreLink, type RecordedCall, type SidebarPage } from './keyrescue-app';
export { bundleCoreChild, CoreProcess, type ChildCoreConfig } from './core-process';
export { startStaticServer, type StaticServer } from './static-server';
export { pushEvent } from './window-bridge';
