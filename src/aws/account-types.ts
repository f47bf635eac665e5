import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { ProfileKind } from './profiles';

/** Where an account's credentials come from. */
export type AccountKind = 'practice' | 'profile' | 'environment' | 'endpoint';

/** What the renderer may know about an account: names and settings, never a credential. */
export interface AccountSummary {
  /** `practice`, `environment`, `endpoint` or `profile:NAME`. */
  id: string;
  label: string;
  kind: AccountKind;
  profileKind?: ProfileKind;
  profile?: string;
  region: string;
  /** The endpoint override in effect, if any. */
  endpoint?: string;
  needsMfa: boolean;
  ssoStartUrl?: string;
  roleArn?: string;
}

/** An account ready for SDK clients. Lives in main only. */
export interface ResolvedAccount extends AccountSummary {
  credentials: AwsCredentialIdentityProvider;
  /** `sandbox` for the practice account; everything else is treated as real AWS. */
  mode: 'sandbox' | 'aws';
  /** Folders that belong to the account and hold its keys (the practice account's demo keys). */
  keyFolders?: string[];
}

/** The practice account's connection: an in-process sandbox, started on first use. */
export interface PracticeEndpoint {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Where the practice account's demo private keys were written, scanned like ~/.ssh. */
  keysDir?: string;
}

export const practiceAccountId = 'practice';
export const environmentAccountId = 'environment';
export const endpointAccountId = 'endpoint';

export function profileAccountId(profile: string): string {
  return `profile:${profile}`;
}
