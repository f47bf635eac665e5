import {
  DescribeAddresses$,
  DescribeSpotInstanceRequests$,
  GetEbsEncryptionByDefault$,
  GetSerialConsoleAccessStatus$,
  type DescribeAddressesRequest,
  type DescribeAddressesResult,
  type DescribeSpotInstanceRequestsRequest,
  type DescribeSpotInstanceRequestsResult,
  type GetEbsEncryptionByDefaultResult,
  type GetSerialConsoleAccessStatusResult,
} from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import { defineAction, type ActionDefinition } from './engine';
import { applyFilters } from './filters';
import { paginate } from './pagination';

// Account facts a recovery preflight reads. Features the sandbox account has not set up answer
// "nothing here" in AWS's shape rather than InvalidAction; Spot requests are those RunInstances made.

const describeSpotInstanceRequests = defineAction<
  DescribeSpotInstanceRequestsRequest,
  DescribeSpotInstanceRequestsResult
>(
  DescribeSpotInstanceRequests$,
  (ctx, input) => {
    const all = ctx.rs.spotRequests ?? [];
    if (input.SpotInstanceRequestIds?.length && input.MaxResults !== undefined)
      throw apiError(
        'InvalidParameterCombination',
        'The parameter spotInstanceRequestIdSet cannot be used with the parameter maxResults',
      );
    const named = (input.SpotInstanceRequestIds ?? []).map((id) => {
      const request = all.find((entry) => entry.spotInstanceRequestId === id);
      if (!request)
        throw apiError(
          'InvalidSpotInstanceRequestID.NotFound',
          `The spot instance request ID '${id}' does not exist`,
        );
      return request;
    });
    const requests = applyFilters(input.SpotInstanceRequestIds?.length ? named : all, input.Filters, {
      'spot-instance-request-id': (r) => [r.spotInstanceRequestId],
      'instance-id': (r) => [r.instanceId],
      type: (r) => [r.type],
    });
    const { page, nextToken } = paginate(requests, input, { min: 5, max: 1000 });
    return {
      SpotInstanceRequests: page.map((request) => ({
        SpotInstanceRequestId: request.spotInstanceRequestId,
        Type: request.type,
        InstanceInterruptionBehavior: request.instanceInterruptionBehavior,
        InstanceId: request.instanceId,
        State: 'active',
        Status: { Code: 'fulfilled', Message: 'Your spot request is fulfilled.' },
        CreateTime: new Date(request.createTime),
        ProductDescription: 'Linux/UNIX',
      })),
      NextToken: nextToken,
    };
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
  DescribeSpotInstanceRequests: describeSpotInstanceRequests,
  DescribeAddresses: describeAddresses,
  GetSerialConsoleAccessStatus: getSerialConsoleAccessStatus,
  GetEbsEncryptionByDefault: getEbsEncryptionByDefault,
};
