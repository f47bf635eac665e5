import { randomBytes } from 'node:crypto';
import type { SandboxState } from './model';
import { emptyRegion } from './network-defaults';

/** The regions every sandbox account has enabled; the first is the default region. */
export const sandboxRegions = ['us-east-1', 'eu-west-1'] as const;

function randomAlphaNumeric(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  return [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** A new, empty sandbox account: fresh credentials, two regions with default networking only. */
export function createEmptyState(): SandboxState {
  return {
    version: 1,
    accountId: '111122223333',
    accessKeyId: `AKIA${randomAlphaNumeric(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    secretAccessKey: randomAlphaNumeric(
      40,
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
    ),
    deniedActions: [],
    regions: Object.fromEntries(sandboxRegions.map((region) => [region, emptyRegion(region)])),
  };
}
