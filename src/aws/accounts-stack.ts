import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AppInfo } from '../ipc/contracts/app';
import type { Handlers } from '../ipc/router';
import type { accountsContract } from '../ipc/contracts/accounts';
import type { inventoryContract } from '../ipc/contracts/inventory';
import type { keypairsContract } from '../ipc/contracts/keypairs';
import { InventoryCache } from '../inventory/inventory-cache';
import { createInventoryHandlers } from '../inventory/inventory-handlers';
import type { LoadOptions } from '../inventory/inventory-loader';
import { InventoryService } from '../inventory/inventory-service';
import { LocalKeySources } from '../inventory/local-sources';
import { KeyPairService } from '../keypairs/key-pair-service';
import { createKeypairsHandlers } from '../keypairs/keypairs-handlers';
import type { PrivateKeyWriter } from '../keypairs/private-key-writer';
import type { SettingsStore } from '../settings/settings-store';
import { AccountRegistry } from './account-registry';
import { practiceAccountId, type PracticeEndpoint } from './account-types';
import { createAccountsHandlers } from './accounts-handlers';
import { defaultAwsEnvironment, type AwsEnvironment } from './aws-environment';
import { EndpointOverrides } from './endpoint-overrides';
import { MfaBroker } from './mfa-broker';
import { lazyPracticeAccount } from './practice-account';

/** What drivers and tests may set about accounts, inventory and key pairs. */
export interface AccountsStackOptions {
  /** AWS env variables and home folder (default: the real process and home). */
  environment?: AwsEnvironment;
  /** The practice account's sandbox; default: one started lazily with its state in user data. */
  practice?: () => Promise<PracticeEndpoint>;
  /** Folder whose `.ssh` is scanned for local keys (default: the user's home). */
  homeDir?: string;
  /** Region concurrency, page size, retries. */
  inventory?: Omit<LoadOptions, 'onProgress'>;
  /** Replaces the private key writer (tests simulate a failing disk). */
  privateKeyWriter?: PrivateKeyWriter;
}

type AccountsHandlers = Pick<
  Handlers,
  keyof typeof accountsContract | keyof typeof inventoryContract | keyof typeof keypairsContract
>;

export interface AccountsStack {
  accounts: AccountRegistry;
  inventory: InventoryService;
  keyPairs: KeyPairService;
  sources: LocalKeySources;
  mfa: MfaBroker;
  handlers: AccountsHandlers;
  /** `sandbox` while the practice account is active (app:info). */
  mode: () => Promise<AppInfo['mode']>;
  dispose: () => Promise<void>;
}

/** Builds the account, inventory and key pair services and their IPC handlers for `createCore`. */
export function createAccountsStack(
  userDataDir: string,
  settings: SettingsStore,
  options: AccountsStackOptions = {},
): AccountsStack {
  const mfa = new MfaBroker();
  const lazyPractice = options.practice ? undefined : lazyPracticeAccount(userDataDir);
  const accounts = new AccountRegistry({
    environment: options.environment ?? defaultAwsEnvironment(),
    overrides: new EndpointOverrides(userDataDir),
    mfa,
    practice: options.practice ?? (() => (lazyPractice as NonNullable<typeof lazyPractice>).endpoint()),
    loadSelection: async () => (await settings.get()).lastProfile,
    saveSelection: async (accountId) => {
      await settings.update({ lastProfile: accountId });
    },
  });
  const sources = new LocalKeySources(userDataDir, join(options.homeDir ?? homedir(), '.ssh'));
  const inventory = new InventoryService({
    accounts,
    cache: new InventoryCache(userDataDir),
    sources,
    loadOptions: options.inventory,
  });
  const keyPairs = new KeyPairService(options.privateKeyWriter);
  return {
    accounts,
    inventory,
    keyPairs,
    sources,
    mfa,
    handlers: {
      ...createAccountsHandlers({ accounts, mfa }),
      ...createInventoryHandlers({ inventory, sources, mfa }),
      ...createKeypairsHandlers({ accounts, keyPairs, mfa }),
    },
    mode: async () => ((await accounts.activeId()) === practiceAccountId ? 'sandbox' : 'aws'),
    dispose: async () => {
      await lazyPractice?.stop();
    },
  };
}
