import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** Refresh this long before expiry, so a long inventory never runs on credentials that lapse mid-way. */
const refreshMarginMs = 5 * 60_000;

/**
 * Shares one credential resolution between every client of an account (one EC2 client per region),
 * so an MFA code or an SSO token refresh is asked for once, not once per region. A failure is not
 * cached: the next call tries again (after `aws sso login`, for example).
 */
export function shareCredentials(
  provider: AwsCredentialIdentityProvider,
  now: () => number = Date.now,
): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (value: AwsCredentialIdentity | undefined) =>
    value !== undefined &&
    (value.expiration === undefined || value.expiration.getTime() - refreshMarginMs > now());
  return async () => {
    if (fresh(current)) return current as AwsCredentialIdentity;
    pending ??= provider().then(
      (value) => {
        current = value;
        pending = undefined;
        return value;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}
