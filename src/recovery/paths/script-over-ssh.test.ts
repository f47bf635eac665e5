import { describe, expect, it } from 'vitest';
import { hostKeyPolicyFor } from './script-over-ssh';

const seen = `SHA256:${'s'.repeat(43)}`;
const pin = `SHA256:${'p'.repeat(43)}`;

describe('hostKeyPolicyFor', () => {
  it.each([
    ['accept-new before any connection', { kind: 'accept-new' } as const, {}, { kind: 'accept-new' }],
    [
      'refuse-unknown before any connection (the CLI without a pin)',
      { kind: 'refuse-unknown' } as const,
      {},
      { kind: 'refuse-unknown' },
    ],
    [
      'the key an earlier step saw is pinned, over refuse-unknown',
      { kind: 'refuse-unknown' } as const,
      { hostKeyFingerprint: seen },
      { kind: 'pinned', fingerprint: seen },
    ],
    [
      "the user's pin before any connection",
      { kind: 'pinned', fingerprint: pin } as const,
      {},
      { kind: 'pinned', fingerprint: pin },
    ],
    [
      'the key an earlier step saw is pinned, over accept-new',
      { kind: 'accept-new' } as const,
      { hostKeyFingerprint: seen },
      { kind: 'pinned', fingerprint: seen },
    ],
    [
      'and over the original pin (it matched it)',
      { kind: 'pinned', fingerprint: pin } as const,
      { hostKeyFingerprint: seen },
      { kind: 'pinned', fingerprint: seen },
    ],
    [
      'the fingerprints the instance printed to its console at this boot, over refuse-unknown',
      { kind: 'refuse-unknown' } as const,
      { consoleHostKeys: `${seen} ${pin}` },
      { kind: 'console', fingerprints: [seen, pin] },
    ],
    [
      'and over accept-new',
      { kind: 'accept-new' } as const,
      { consoleHostKeys: seen },
      { kind: 'console', fingerprints: [seen] },
    ],
    [
      "but not over the user's pin, nor over the key an earlier step saw",
      { kind: 'pinned', fingerprint: pin } as const,
      { consoleHostKeys: seen },
      { kind: 'pinned', fingerprint: pin },
    ],
    [
      'the key an earlier step saw beats the console',
      { kind: 'refuse-unknown' } as const,
      { consoleHostKeys: pin, hostKeyFingerprint: seen },
      { kind: 'pinned', fingerprint: seen },
    ],
  ])('%s', (_name, choice, facts, expected) => {
    expect(hostKeyPolicyFor(choice, facts)).toEqual(expected);
  });
});
