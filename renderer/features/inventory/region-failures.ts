import type { InventoryView } from '../../../src/ipc/contracts/inventory';
import type { RegionProgressEntry } from './inventory-store';

/** A region that could not be read, with the error code its reason is translated from. */
export interface RegionFailure {
  region: string;
  code: string;
  message: string;
}

/** While refreshing, failures come from the live progress; afterwards from the view. */
export function regionFailures(
  busy: boolean,
  regionProgress: Record<string, RegionProgressEntry>,
  view: InventoryView | null,
): RegionFailure[] {
  if (busy)
    return Object.entries(regionProgress)
      .filter(([, entry]) => entry.status === 'error')
      .map(([region, entry]) => ({ region, code: entry.errorCode ?? '', message: entry.errorMessage ?? '' }));
  return (view?.regions ?? [])
    .filter((region) => region.status === 'error')
    .map((region) => ({
      region: region.region,
      code: region.error?.code ?? '',
      message: region.error?.message ?? '',
    }));
}

/** Every region failed: the account is unreadable, which must never look like an empty account. */
export function everyRegionFailed(view: InventoryView | null): boolean {
  return (
    view !== null && view.regions.length > 0 && view.regions.every((region) => region.status === 'error')
  );
}
