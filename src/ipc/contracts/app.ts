import * as z from 'zod/mini';
import { empty, list, text } from './schema-helpers';

export const appInfo = z.strictObject({
  name: text(100),
  version: text(50),
  platform: z.enum([
    'win32',
    'darwin',
    'linux',
    'aix',
    'freebsd',
    'openbsd',
    'sunos',
    'android',
    'cygwin',
    'haiku',
    'netbsd',
  ]),
  arch: text(20),
  /** `sandbox` while the built-in practice account is active, `aws` on a real account. */
  mode: z.enum(['sandbox', 'aws']),
  runtime: z.enum(['electron', 'cli', 'harness', 'test']),
});
export type AppInfo = z.infer<typeof appInfo>;

/** What quitting now can lose, by area; each area registers a provider in the core (src/app/quit-blockers). */
export const quitBlockerKinds = ['keypairs.unsavedPrivateKeys'] as const;

export const quitBlockerSchema = z.strictObject({
  kind: z.enum(quitBlockerKinds),
  count: z.number().check(z.int(), z.minimum(1), z.maximum(1_000_000)),
});

export const appContract = {
  'app:info': { input: empty(), output: appInfo },
  /** What quitting now would lose (unsaved AWS-created private keys, …); main asks before quitting. */
  'app:quitBlockers': {
    input: empty(),
    output: z.strictObject({ blockers: list(quitBlockerSchema, 50) }),
  },
} as const;
