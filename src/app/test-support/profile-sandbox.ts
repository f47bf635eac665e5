import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { createCore, type Core } from '../core';

/** The sandbox, fixture AWS config files naming it, and a fresh core per call (disposed after each test). */
export interface ProfileSandbox {
  readonly sandbox: RunningSandbox;
  /** A core whose accounts come from the fixture files (AWS_PROFILE set when a profile is named). */
  core(profile?: string): Core;
}

/**
 * Registers the set-up of tests that resolve accounts from AWS config files against the sandbox:
 * `[profile base]` holds the sandbox's keys, `profiles(endpointLines)` adds the profiles under test
 * (each should repeat `endpointLines`, so role assumption and later calls both reach the sandbox).
 */
export function useProfileSandbox(
  tmpPrefix: string,
  profiles: (endpointLines: string[]) => string[],
): ProfileSandbox {
  let sandbox: RunningSandbox | undefined;
  let root = '';
  let current: Core | undefined;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'empty' });
    root = await mkdtemp(join(tmpdir(), tmpPrefix));
    await mkdir(join(root, 'home'));
    const endpoint = [`endpoint_url = ${sandbox.endpoint}`, 'region = us-east-1'];
    await writeFile(
      join(root, 'config'),
      ['[profile base]', ...endpoint, ...profiles(endpoint), ''].join('\n'),
    );
    await writeFile(
      join(root, 'credentials'),
      `[base]\naws_access_key_id = ${sandbox.accessKeyId}\naws_secret_access_key = ${sandbox.secretAccessKey}\n`,
    );
  });
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  afterAll(async () => {
    await sandbox?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  return {
    get sandbox() {
      if (!sandbox) throw new Error('the sandbox starts in beforeAll');
      return sandbox;
    },
    core(profile) {
      const running = this.sandbox;
      current = createCore({
        userDataDir: join(root, `user-data-${Math.random().toString(36).slice(2)}`),
        runtime: 'test',
        accounts: {
          environment: {
            env: {
              ...(profile ? { AWS_PROFILE: profile } : {}),
              AWS_CONFIG_FILE: join(root, 'config'),
              AWS_SHARED_CREDENTIALS_FILE: join(root, 'credentials'),
            },
            homeDir: join(root, 'home'),
          },
          homeDir: join(root, 'home'),
          practice: async () => running,
        },
      });
      return current;
    },
  };
}
