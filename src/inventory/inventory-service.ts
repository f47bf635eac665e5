import type { Clock } from '../app/clock';
import type { AccountRegistry } from '../aws/account-registry';
import type { ResolvedAccount } from '../aws/account-types';
import { listEnabledRegions } from '../aws/regions';
import type { InventoryView } from '../ipc/contracts/inventory';
import type { InventoryCache } from './inventory-cache';
import { loadRegions, type LoadOptions, type RegionProgress } from './inventory-loader';
import { annotateRegions, toRegionResult } from './key-matching';
import { scanLocalKeys, type LocalScan, type ScanSources } from './local-key-scan';
import { hasUnreadableFiles, summarizeScan } from './local-scan-summary';
import type { LocalKeySources } from './local-sources';

export interface InventoryServiceDeps {
  accounts: AccountRegistry;
  cache: InventoryCache;
  sources: LocalKeySources;
  /** Stamps `loadedAt` of the view and of each region. */
  clock: Clock;
  /** Concurrency, page size and retry settings (tests and the benchmark tune them). */
  loadOptions?: Omit<LoadOptions, 'onProgress' | 'signal'>;
}

export interface InventoryRequest {
  /** Regions to read; all enabled regions of the account when omitted. */
  regions?: readonly string[];
  /** Where to look for local keys instead of the saved sources (the CLI's `--scan` and `match` paths). */
  localSources?: ScanSources;
  /** Also scan the account's own key folders (the practice account's demo keys); default true. */
  includeAccountKeys?: boolean;
  onProgress?: (progress: RegionProgress) => void;
  /** Stops the refresh between regions and before the view is saved (the operation was cancelled). */
  signal?: AbortSignal;
  /** Receives the whole local scan (the view lists only the first keys; the CLI prints them all). */
  onScan?: (scan: LocalScan) => void;
}

/**
 * The inventory use case: read regions, scan local keys, match them, remember the result per
 * account. Drivers (IPC handlers, the CLI) only choose regions and report progress.
 */
export class InventoryService {
  private lastView = new Map<string, InventoryView>();

  constructor(private readonly deps: InventoryServiceDeps) {}

  async cached(): Promise<InventoryView | null> {
    const accountId = await this.deps.accounts.activeId();
    return this.lastView.get(accountId) ?? (await this.deps.cache.read(accountId));
  }

  async regionsFor(account: ResolvedAccount, requested?: readonly string[]): Promise<string[]> {
    if (requested && requested.length > 0) return [...new Set(requested)];
    return (await listEnabledRegions(account)).map((region) => region.name);
  }

  /** Reads AWS for the given account (the active one by default) and returns the matched view. */
  async refresh(request: InventoryRequest = {}, account?: ResolvedAccount): Promise<InventoryView> {
    const target = account ?? (await this.deps.accounts.resolve());
    const regions = await this.regionsFor(target, request.regions);
    const [loads, keys] = await Promise.all([
      loadRegions(target, regions, {
        ...this.deps.loadOptions,
        onProgress: request.onProgress,
        ...(request.signal ? { signal: request.signal } : {}),
        clock: this.deps.clock,
      }),
      this.scan(request, target),
    ]);
    // A cancelled refresh must not replace the cached view with a partial one.
    request.signal?.throwIfAborted();
    request.onScan?.(keys);
    const view: InventoryView = {
      accountId: target.id,
      regions: annotateRegions(loads.map(toRegionResult), keys.keys, hasUnreadableFiles(keys)),
      ...summarizeScan(keys),
      loadedAt: this.deps.clock.now().toISOString(),
      fromCache: false,
    };
    this.lastView.set(target.id, view);
    // The endpoint-only CLI account is a one-off; everything else is worth showing next time.
    if (target.kind !== 'endpoint') await this.deps.cache.write(view);
    return view;
  }

  /** Rescans local keys and re-matches the last view of the active account, without AWS calls. */
  async rematch(): Promise<InventoryView | null> {
    const previous = await this.cached();
    if (!previous) return null;
    const keys = await this.scan({}, await this.deps.accounts.resolve());
    const view: InventoryView = {
      ...previous,
      regions: annotateRegions(previous.regions, keys.keys, hasUnreadableFiles(keys)),
      ...summarizeScan(keys),
    };
    this.lastView.set(view.accountId, view);
    await this.deps.cache.write(view);
    return view;
  }

  /** Drops the remembered view of an account so the next `cached()` reads disk (after a change). */
  forget(accountId: string): void {
    this.lastView.delete(accountId);
  }

  private async scan(
    request: Pick<InventoryRequest, 'localSources' | 'includeAccountKeys'>,
    account: ResolvedAccount,
  ): Promise<LocalScan> {
    const sources = request.localSources ?? (await this.deps.sources.scanSources());
    const accountFolders = request.includeAccountKeys === false ? [] : (account.keyFolders ?? []);
    return scanLocalKeys(
      {
        folders: [...sources.folders, ...accountFolders.map((path) => ({ path, kind: 'practice' as const }))],
        files: sources.files,
      },
      // Passphrases typed in the window unlock keys of the saved sources only, not a CLI's paths.
      request.localSources ? undefined : this.deps.sources.passphrases,
    );
  }
}
