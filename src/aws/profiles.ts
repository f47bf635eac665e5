import { loadSharedConfigFiles } from '@smithy/core/config';
import { configFilePath, credentialsFilePath, type AwsEnvironment } from './aws-environment';

/** How a profile gets its credentials; decides what the UI explains and which errors are likely. */
export type ProfileKind = 'static' | 'assumeRole' | 'sso' | 'process' | 'webIdentity' | 'unknown';

/** What the app shows and needs about one named profile. Never holds a secret. */
export interface ProfileSummary {
  name: string;
  kind: ProfileKind;
  region?: string;
  /** `endpoint_url` from the profile (a LocalStack or VPC endpoint), used unless the user overrides it. */
  endpointUrl?: string;
  /** The role a chain ends in, for `assumeRole` profiles. */
  roleArn?: string;
  /** Profile (or `credential_source`) the role is assumed from. */
  sourceProfile?: string;
  /** The MFA device; when set, assuming the role asks the user for a code. */
  mfaSerial?: string;
  ssoStartUrl?: string;
  ssoSession?: string;
  ssoAccountId?: string;
  ssoRoleName?: string;
}

type IniSection = Record<string, string | undefined>;

const nonProfilePrefix = { ssoSession: 'sso-session.', services: 'services.' } as const;

function classify(section: IniSection): ProfileKind {
  if (section.role_arn && section.web_identity_token_file) return 'webIdentity';
  if (section.role_arn) return 'assumeRole';
  if (section.sso_session || section.sso_start_url || section.sso_account_id) return 'sso';
  if (section.credential_process) return 'process';
  if (section.aws_access_key_id) return 'static';
  return 'unknown';
}

function summarize(
  name: string,
  config: IniSection,
  credentials: IniSection,
  ssoSessions: Record<string, IniSection>,
): ProfileSummary {
  // The SDK merges both files the same way: the credentials file wins for a key both define.
  const section = { ...config, ...credentials };
  const session = section.sso_session ? ssoSessions[section.sso_session] : undefined;
  const summary: ProfileSummary = { name, kind: classify(section) };
  const optional: [keyof ProfileSummary, string | undefined][] = [
    ['region', section.region],
    ['endpointUrl', section.endpoint_url],
    ['roleArn', section.role_arn],
    [
      'sourceProfile',
      section.source_profile ?? (section.credential_source ? `(${section.credential_source})` : undefined),
    ],
    ['mfaSerial', section.mfa_serial],
    ['ssoStartUrl', section.sso_start_url ?? session?.sso_start_url],
    ['ssoSession', section.sso_session],
    ['ssoAccountId', section.sso_account_id],
    ['ssoRoleName', section.sso_role_name],
  ];
  for (const [key, value] of optional) if (value) (summary as unknown as Record<string, string>)[key] = value;
  return summary;
}

/**
 * Every profile in the shared config and credentials files, parsed by the SDK's own loader (so
 * `[profile x]`, `[sso-session y]` and the files' precedence behave exactly as in the AWS CLI).
 * Missing files mean no profiles, not an error.
 */
export async function listProfiles(environment: AwsEnvironment): Promise<ProfileSummary[]> {
  const files = await loadSharedConfigFiles({
    filepath: credentialsFilePath(environment),
    configFilepath: configFilePath(environment),
    ignoreCache: true,
  });
  // Non-profile sections keep their type as a prefix (`sso-session.corp`, `services.local`).
  const ssoSessions: Record<string, IniSection> = {};
  for (const [key, value] of Object.entries(files.configFile)) {
    if (key.startsWith(nonProfilePrefix.ssoSession))
      ssoSessions[key.slice(nonProfilePrefix.ssoSession.length)] = value;
  }
  const isProfile = (key: string) =>
    !key.startsWith(nonProfilePrefix.ssoSession) && !key.startsWith(nonProfilePrefix.services);
  const names = new Set(
    [...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)].filter(isProfile),
  );
  return [...names]
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)))
    .map((name) =>
      summarize(name, files.configFile[name] ?? {}, files.credentialsFile[name] ?? {}, ssoSessions),
    );
}

/** A profile's section as the SDK merged it, by name; `undefined` when there is no such profile. */
export async function findProfile(
  environment: AwsEnvironment,
  name: string,
): Promise<ProfileSummary | undefined> {
  return (await listProfiles(environment)).find((profile) => profile.name === name);
}
