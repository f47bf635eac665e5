import * as z from 'zod/mini';

const text = (max: number) => z.string().check(z.maxLength(max));

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

export const appContract = {
  'app:info': { input: z.strictObject({}), output: appInfo },
} as const;
