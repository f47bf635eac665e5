import {
  DescribeAddresses$,
  DescribeInstanceConnectEndpoints$,
  DescribeSpotInstanceRequests$,
  GetEbsEncryptionByDefault$,
  GetSerialConsoleAccessStatus$,
  type DescribeAddressesRequest,
  type DescribeAddressesResult,
  type DescribeInstanceConnectEndpointsRequest,
  type DescribeInstanceConnectEndpointsResult,
  type DescribeSpotInstanceRequestsRequest,
  type DescribeSpotInstanceRequestsResult,
  type GetEbsEncryptionByDefaultResult,
  type GetSerialConsoleAccessStatusResult,
} from '@aws-sdk/client-ec2';
import { defineAction, type ActionDefinition } from './engine';
import { paginate } from './pagination';

// Account facts a recovery preflight reads. The sandbox account has none of these features set
// up, so each answers "nothing here" in AWS's shape rather than InvalidAction.

const describeInstanceConnectEndpoints = defineAction<
  DescribeInstanceConnectEndpointsRequest,
  DescribeInstanceConnectEndpointsResult
>(
  DescribeInstanceConnectEndpoints$,
  (_ctx, input) => {
    const { page, nextToken } = paginate([], input, { min: 1, max: 50 });
    return { InstanceConnectEndpoints: page, NextToken: nextToken };
  },
  { readOnly: true },
);

const describeSpotInstanceRequests = defineAction<
  DescribeSpotInstanceRequestsRequest,
  DescribeSpotInstanceRequestsResult
>(
  DescribeSpotInstanceRequests$,
  (_ctx, input) => {
    const { page, nextToken } = paginate([], input, { min: 5, max: 1000 });
    return { SpotInstanceRequests: page, NextToken: nextToken };
  },
  { readOnly: true },
);

const describeAddresses = defineAction<DescribeAddressesRequest, DescribeAddressesResult>(
  DescribeAddresses$,
  () => ({ Addresses: [] }),
  {
    readOnly: true,
  },
);

const getSerialConsoleAccessStatus = defineAction<object, GetSerialConsoleAccessStatusResult>(
  GetSerialConsoleAccessStatus$,
  () => ({ SerialConsoleAccessEnabled: false }),
  { readOnly: true },
);

const getEbsEncryptionByDefault = defineAction<object, GetEbsEncryptionByDefaultResult>(
  GetEbsEncryptionByDefault$,
  () => ({ EbsEncryptionByDefault: false, SseType: 'sse-ebs' }),
  { readOnly: true },
);

/** Read-only account facts used by recovery preflight. */
export const accountActions: Record<string, ActionDefinition> = {
  DescribeInstanceConnectEndpoints: describeInstanceConnectEndpoints,
  DescribeSpotInstanceRequests: describeSpotInstanceRequests,
  DescribeAddresses: describeAddresses,
  GetSerialConsoleAccessStatus: getSerialConsoleAccessStatus,
  GetEbsEncryptionByDefault: getEbsEncryptionByDefault,
};
