import type { Clock } from '../app/clock';
import type { ResolvedAccount } from '../aws/account-types';
import { toAwsAppError } from '../aws/aws-errors';
import { Ec2ClientPool, type ClientOptions } from '../aws/client-factory';
import { mapWithConcurrency } from '../async/map-with-concurrency';
import { InventoryEc2Protocol } from './inventory-ec2-protocol';
import { RegionReadError, readRegion, type RawRegionInventory } from './region-inventory';

/**
 * Regions read at once. Each region has its own API endpoint and its own throttling buckets, so
 * reading them side by side costs AWS nothing extra; the bound keeps sockets and memory in check on
 * accounts with many regions. 20 covers today's ~30 commercial regions in two waves at most.
 */
export const defaultRegionConcurrency = 20;

export type RegionLoad = { region: string; loadedAt: string } & (
  ({ status: 'ok' } & RawRegionInventory) | { status: 'error'; error: { code: string; message: string } }
);

export interface RegionProgress {
  region: string;
  status: 'loading' | 'done' | 'error';
  keyPairCount?: number;
  error?: { code: string; message: string };
  done: number;
  total: number;
}

export interface LoadOptions extends ClientOptions {
  concurrency?: number;
  pageSize?: number;
  onProgress?: (progress: RegionProgress) => void;
  /** Checked before each region starts: a cancelled refresh reads no further region. */
  signal?: AbortSignal;
  /** Stamps each region's `loadedAt` (the core's clock; the wall clock when omitted). */
  clock?: Clock;
}

/**
 * Reads every region with bounded concurrency. A region that fails (denied, not enabled, throttled
 * past the SDK's retries) becomes an error entry in place; the others still load.
 */
export async function loadRegions(
  account: ResolvedAccount,
  regions: readonly string[],
  options: LoadOptions = {},
): Promise<RegionLoad[]> {
  const pool = new Ec2ClientPool(account, { ...options, protocol: InventoryEc2Protocol });
  let done = 0;
  const total = regions.length;
  const stamp = () => (options.clock?.now() ?? new Date()).toISOString();
  try {
    return await mapWithConcurrency(
      regions,
      options.concurrency ?? defaultRegionConcurrency,
      async (region): Promise<RegionLoad> => {
        options.signal?.throwIfAborted();
        options.onProgress?.({ region, status: 'loading', done, total });
        try {
          const raw = await readRegion(pool.get(region), region, { pageSize: options.pageSize });
          done += 1;
          options.onProgress?.({ region, status: 'done', keyPairCount: raw.keyPairs.length, done, total });
          return { region, status: 'ok', loadedAt: stamp(), ...raw };
        } catch (error) {
          const failed = error instanceof RegionReadError ? error : undefined;
          const appError = toAwsAppError(failed ? failed.cause : error, {
            account: account.id,
            profile: account.profile,
            region,
            ...(failed ? { operation: failed.operation } : {}),
          });
          const summary = { code: appError.code, message: appError.message.slice(0, 1000) };
          done += 1;
          options.onProgress?.({ region, status: 'error', error: summary, done, total });
          return { region, status: 'error', loadedAt: stamp(), error: summary };
        }
      },
    );
  } finally {
    pool.destroy();
  }
}
