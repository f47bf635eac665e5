import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { ResolvedAccount } from './account-types';
import { toAwsAppError } from './aws-errors';
import { createEc2Client } from './client-factory';

export interface RegionInfo {
  name: string;
  /** `opt-in-not-required` or `opted-in`; regions the account has not enabled are left out. */
  optInStatus: string;
}

const enabledStatuses = new Set(['opt-in-not-required', 'opted-in']);

/** The regions this account can use (DescribeRegions lists enabled ones unless AllRegions is set). */
export async function listEnabledRegions(account: ResolvedAccount): Promise<RegionInfo[]> {
  const client = createEc2Client(account, account.region);
  try {
    const result = await client.send(new DescribeRegionsCommand({ AllRegions: false }));
    return (result.Regions ?? [])
      .map((region) => ({
        name: region.RegionName ?? '',
        optInStatus: region.OptInStatus ?? 'opt-in-not-required',
      }))
      .filter((region) => region.name && enabledStatuses.has(region.optInStatus))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    throw toAwsAppError(error, {
      account: account.id,
      profile: account.profile,
      region: account.region,
      operation: 'DescribeRegions',
    });
  } finally {
    client.destroy();
  }
}
