import {
  DescribeAvailabilityZones$,
  DescribeRegions$,
  type DescribeAvailabilityZonesRequest,
  type DescribeAvailabilityZonesResult,
  type DescribeRegionsRequest,
  type DescribeRegionsResult,
} from '@aws-sdk/client-ec2';
import { defineAction, type ActionDefinition } from './engine';
import { applyFilters } from './filters';

/** Regions that exist in the `aws` partition but are not enabled in the sandbox account. */
const otherRegions = ['ap-east-1', 'me-south-1', 'af-south-1', 'eu-south-1'];

/** Availability zones of a sandbox region (three, like most regions). */
export function zonesOf(region: string): string[] {
  return ['a', 'b', 'c'].map((suffix) => `${region}${suffix}`);
}

const describeRegions = defineAction<DescribeRegionsRequest, DescribeRegionsResult>(
  DescribeRegions$,
  (ctx, input) => {
    const enabled = Object.keys(ctx.state.regions).map((name) => ({ name, optIn: 'opt-in-not-required' }));
    const all = input.AllRegions
      ? [...enabled, ...otherRegions.map((name) => ({ name, optIn: 'not-opted-in' }))]
      : enabled;
    let regions = input.RegionNames?.length
      ? all.filter((region) => input.RegionNames?.includes(region.name))
      : all;
    regions = applyFilters(regions, input.Filters, {
      'region-name': (region) => [region.name],
      endpoint: (region) => [`ec2.${region.name}.amazonaws.com`],
      'opt-in-status': (region) => [region.optIn],
    });
    return {
      Regions: regions.map((region) => ({
        RegionName: region.name,
        Endpoint: `ec2.${region.name}.amazonaws.com`,
        OptInStatus: region.optIn,
      })),
    };
  },
  { readOnly: true },
);

const describeAvailabilityZones = defineAction<
  DescribeAvailabilityZonesRequest,
  DescribeAvailabilityZonesResult
>(
  DescribeAvailabilityZones$,
  (ctx, input) => {
    let zones = zonesOf(ctx.region).map((name, index) => ({
      name,
      id: `${ctx.region.replace(/-/g, '').slice(0, 4)}-az${index + 1}`,
    }));
    if (input.ZoneNames?.length) zones = zones.filter((zone) => input.ZoneNames?.includes(zone.name));
    zones = applyFilters(zones, input.Filters, {
      'zone-name': (zone) => [zone.name],
      'zone-id': (zone) => [zone.id],
      'region-name': () => [ctx.region],
      state: () => ['available'],
    });
    return {
      AvailabilityZones: zones.map((zone) => ({
        ZoneName: zone.name,
        ZoneId: zone.id,
        RegionName: ctx.region,
        State: 'available',
        ZoneType: 'availability-zone',
        OptInStatus: 'opt-in-not-required',
        GroupName: ctx.region,
        NetworkBorderGroup: ctx.region,
        Messages: [],
      })),
    };
  },
  { readOnly: true },
);

/** EC2 region and zone actions. */
export const regionActions: Record<string, ActionDefinition> = {
  DescribeRegions: describeRegions,
  DescribeAvailabilityZones: describeAvailabilityZones,
};
