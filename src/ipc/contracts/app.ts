import { z } from 'zod';

export const appInfo = z
  .object({
    name: z.string().max(100),
    version: z.string().max(50),
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
    arch: z.string().max(20),
    /** `sandbox` while the built-in practice account is active, `aws` on a real account. */
    mode: z.enum(['sandbox', 'aws']),
    runtime: z.enum(['electron', 'cli', 'harness', 'test']),
  })
  .strict();
export type AppInfo = z.infer<typeof appInfo>;

export const appContract = {
  'app:info': { input: z.object({}).strict(), output: appInfo },
} as const;
