import { fromEnv, fromIni, fromProcess, fromSSO } from '@aws-sdk/credential-providers';
import { AppError } from '../ipc/app-error';
import { describeInput } from '../ipc/user-input';
import {
  endpointAccountId,
  environmentAccountId,
  practiceAccountId,
  profileAccountId,
  type AccountSummary,
  type PracticeEndpoint,
  type ResolvedAccount,
} from './account-types';
import {
  configFilePath,
  credentialsFilePath,
  environmentEndpoint,
  environmentRegion,
  hasEnvironmentCredentials,
  type AwsEnvironment,
} from './aws-environment';
import { shareCredentials } from './credential-cache';
import { validateEndpointUrl, type EndpointOverrides } from './endpoint-overrides';
import type { MfaBroker } from './mfa-broker';
import { listProfiles, type ProfileSummary } from './profiles';
import { awsErrorCodes } from './aws-errors';

export interface AccountRegistryDeps {
  environment: AwsEnvironment;
  overrides: EndpointOverrides;
  mfa: MfaBroker;
  /** Starts (once) and returns the practice sandbox. */
  practice: () => Promise<PracticeEndpoint>;
  /** Reads and stores which account the user picked last (settings' `lastProfile`). */
  loadSelection: () => Promise<string | null>;
  saveSelection: (accountId: string) => Promise<void>;
}

const fallbackRegion = 'us-east-1';

/**
 * `AWS_ACCESS_KEY_ID` & co. through the SDK's `fromEnv` for the real process; a test's fixture
 * environment is read the same way (the same three variables) without touching `process.env`.
 */
function environmentCredentials(environment: AwsEnvironment) {
  if (environment.env === process.env) return shareCredentials(fromEnv());
  const {
    AWS_ACCESS_KEY_ID: accessKeyId = '',
    AWS_SECRET_ACCESS_KEY: secretAccessKey = '',
    AWS_SESSION_TOKEN: sessionToken,
  } = environment.env;
  return async () => ({ accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) });
}

/**
 * Credentials for `--endpoint` without a profile, so any EC2-compatible endpoint that does not check
 * them (LocalStack, moto) works with no AWS setup. Shaped like an access key id so SigV4 parsers accept it.
 */
export const dummyCredentials = {
  accessKeyId: 'KEYRESCUEDUMMYKEY000',
  secretAccessKey: 'keyrescue-dummy-secret',
};

/**
 * Every account the app can use — the practice sandbox, environment keys and each AWS profile —
 * and the one that is active. Credentials are resolved here, in main, by the SDK's own providers,
 * and shared between all clients of an account.
 */
export class AccountRegistry {
  private readonly resolved = new Map<string, Promise<ResolvedAccount>>();

  constructor(private readonly deps: AccountRegistryDeps) {}

  private practiceSummary(): AccountSummary {
    return {
      id: practiceAccountId,
      label: 'Practice account',
      kind: 'practice',
      region: fallbackRegion,
      needsMfa: false,
    };
  }

  private async profileSummary(profile: ProfileSummary): Promise<AccountSummary> {
    const id = profileAccountId(profile.name);
    const endpoint =
      (await this.deps.overrides.get(id)) ??
      environmentEndpoint(this.deps.environment) ??
      profile.endpointUrl;
    return {
      id,
      label: profile.name,
      kind: 'profile',
      profile: profile.name,
      profileKind: profile.kind,
      region: profile.region ?? environmentRegion(this.deps.environment) ?? fallbackRegion,
      needsMfa: Boolean(profile.mfaSerial),
      ...(endpoint ? { endpoint } : {}),
      ...(profile.ssoStartUrl ? { ssoStartUrl: profile.ssoStartUrl } : {}),
      ...(profile.roleArn ? { roleArn: profile.roleArn } : {}),
    };
  }

  /** The practice account first, then environment keys (if set), then every profile. */
  async list(): Promise<AccountSummary[]> {
    const accounts = [this.practiceSummary()];
    if (hasEnvironmentCredentials(this.deps.environment)) {
      const endpoint =
        (await this.deps.overrides.get(environmentAccountId)) ?? environmentEndpoint(this.deps.environment);
      accounts.push({
        id: environmentAccountId,
        label: 'Environment variables',
        kind: 'environment',
        region: environmentRegion(this.deps.environment) ?? fallbackRegion,
        needsMfa: false,
        ...(endpoint ? { endpoint } : {}),
      });
    }
    for (const profile of await listProfiles(this.deps.environment))
      accounts.push(await this.profileSummary(profile));
    return accounts;
  }

  /**
   * The account used when the user has not picked one: `AWS_PROFILE`, then environment keys, then
   * the `default` profile, then the only profile; the practice account when no credentials exist.
   */
  async defaultId(accounts?: AccountSummary[]): Promise<string> {
    const all = accounts ?? (await this.list());
    const has = (id: string) => all.some((account) => account.id === id);
    const envProfile = this.deps.environment.env.AWS_PROFILE;
    if (envProfile && has(profileAccountId(envProfile))) return profileAccountId(envProfile);
    if (has(environmentAccountId)) return environmentAccountId;
    if (has(profileAccountId('default'))) return profileAccountId('default');
    const profiles = all.filter((account) => account.kind === 'profile');
    if (profiles.length === 1 && profiles[0]) return profiles[0].id;
    return practiceAccountId;
  }

  /** The account the user picked last if it still exists, else the default. */
  async activeId(): Promise<string> {
    const all = await this.list();
    const picked = await this.deps.loadSelection();
    if (picked && all.some((account) => account.id === picked)) return picked;
    return this.defaultId(all);
  }

  async select(accountId: string): Promise<AccountSummary> {
    const summary = (await this.list()).find((account) => account.id === accountId);
    if (!summary)
      throw new AppError(
        awsErrorCodes.accountUnknown,
        `There is no account or profile named ${describeInput(accountId)}.`,
        { account: accountId.slice(0, 200) },
      );
    await this.deps.saveSelection(accountId);
    return summary;
  }

  async setEndpoint(accountId: string, endpoint: string | null): Promise<void> {
    await this.deps.overrides.set(accountId, endpoint);
    this.resolved.delete(accountId);
  }

  /** The active account, or the one named, with credentials ready for SDK clients. */
  async resolve(accountId?: string): Promise<ResolvedAccount> {
    const id = accountId ?? (await this.activeId());
    // The promise is shared, so calls at the same moment get one account and one credential
    // resolution (one MFA prompt), not one each. A failed build is not remembered.
    let pending = this.resolved.get(id);
    if (!pending) {
      pending = this.build(id);
      this.resolved.set(id, pending);
      pending.catch(() => {
        if (this.resolved.get(id) === pending) this.resolved.delete(id);
      });
    }
    return pending;
  }

  /**
   * Makes `resolve(account.id)` answer this account for the rest of the process: a CLI command
   * that goes through the router (`keyrescue recover --endpoint URL`) names its account by id, and
   * the handler must get the one the command line chose, endpoint override included.
   */
  useForThisProcess(account: ResolvedAccount): void {
    this.resolved.set(account.id, Promise.resolve(account));
  }

  /**
   * The CLI's `--profile` / `--endpoint` pair: a profile (with the endpoint overriding its own), or an
   * endpoint alone with dummy credentials, or the active account when neither is given.
   */
  async resolveForCli(options: { profile?: string; endpoint?: string }): Promise<ResolvedAccount> {
    const endpoint = options.endpoint ? validateEndpointUrl(options.endpoint) : undefined;
    if (options.profile) {
      const base = await this.resolve(profileAccountId(options.profile));
      return endpoint ? { ...base, endpoint } : base;
    }
    if (endpoint) {
      return {
        id: endpointAccountId,
        label: endpoint,
        kind: 'endpoint',
        region: environmentRegion(this.deps.environment) ?? fallbackRegion,
        endpoint,
        needsMfa: false,
        // Keys in the environment still win: an endpoint that checks credentials gets real ones.
        credentials: hasEnvironmentCredentials(this.deps.environment)
          ? environmentCredentials(this.deps.environment)
          : async () => dummyCredentials,
        mode: 'aws',
      };
    }
    return this.resolve();
  }

  private async build(id: string): Promise<ResolvedAccount> {
    if (id === practiceAccountId) {
      const practice = await this.deps.practice();
      return {
        ...this.practiceSummary(),
        region: practice.region,
        endpoint: practice.endpoint,
        credentials: async () => ({
          accessKeyId: practice.accessKeyId,
          secretAccessKey: practice.secretAccessKey,
        }),
        mode: 'sandbox',
        ...(practice.keysDir ? { keyFolders: [practice.keysDir] } : {}),
      };
    }
    const summary = (await this.list()).find((account) => account.id === id);
    if (!summary) {
      const profile = id.startsWith('profile:') ? id.slice('profile:'.length) : id;
      throw new AppError(
        awsErrorCodes.profileMissing,
        `There is no AWS profile named ${describeInput(profile)} in ${configFilePath(this.deps.environment)} or ${credentialsFilePath(this.deps.environment)}. Run \`aws configure --profile ${describeInput(profile, 64).startsWith('"') ? profile : 'NAME'}\` or pick another account.`,
        { profile: profile.slice(0, 200) },
      );
    }
    if (summary.kind === 'environment') {
      return { ...summary, credentials: environmentCredentials(this.deps.environment), mode: 'aws' };
    }
    const files = {
      filepath: credentialsFilePath(this.deps.environment),
      configFilepath: configFilePath(this.deps.environment),
    };
    // Role chains and SSO call STS/SSO; with an endpoint override (LocalStack, the sandbox) STS goes there too.
    const clientConfig = {
      region: summary.region,
      ...(summary.endpoint ? { endpoint: summary.endpoint } : {}),
    };
    // SSO and credential_process profiles go to their own providers with our file paths (fromIni's
    // SSO branch would re-read the default paths); everything else, including chains, to fromIni.
    const credentials =
      summary.profileKind === 'sso'
        ? fromSSO({ profile: summary.profile, ...files, clientConfig })
        : summary.profileKind === 'process'
          ? fromProcess({ profile: summary.profile, ...files })
          : fromIni({
              profile: summary.profile,
              ...files,
              ignoreCache: true,
              mfaCodeProvider: this.deps.mfa.codeProvider(id),
              clientConfig,
            });
    return { ...summary, credentials: shareCredentials(credentials), mode: 'aws' };
  }
}
