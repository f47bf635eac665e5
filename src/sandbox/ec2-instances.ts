import {
  DescribeInstanceStatus$,
  DescribeInstances$,
  RunInstances$,
  type DescribeInstanceStatusRequest,
  type DescribeInstanceStatusResult,
  type DescribeInstancesRequest,
  type DescribeInstancesResult,
  type InstanceStatusSummary,
  type Reservation,
  type RunInstancesRequest,
} from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import { defineAction, type ActionContext, type ActionDefinition } from './engine';
import { applyFilters } from './filters';
import { findAmi } from './images';
import { attachedVolumes, findInstances } from './lookups';
import { instanceOutput, privateDnsName, stateOutput } from './instance-view';
import type { InstanceRecord } from './model';
import { paginate } from './pagination';
import { launchInstances } from './instance-launch';

function reservationsOf(ctx: ActionContext, instances: InstanceRecord[]): Reservation[] {
  const reservations = new Map<string, Reservation>();
  for (const instance of instances) {
    let reservation = reservations.get(instance.reservationId);
    if (!reservation) {
      reservation = {
        ReservationId: instance.reservationId,
        OwnerId: ctx.state.accountId,
        Groups: [],
        Instances: [],
      };
      reservations.set(instance.reservationId, reservation);
    }
    reservation.Instances?.push(instanceOutput(ctx, ctx.rs, instance));
  }
  return [...reservations.values()];
}

const describeInstances = defineAction<DescribeInstancesRequest, DescribeInstancesResult>(
  DescribeInstances$,
  (ctx, input) => {
    if (input.InstanceIds?.length && input.MaxResults !== undefined) {
      throw apiError(
        'InvalidParameterCombination',
        'The parameter instancesSet cannot be used with the parameter maxResults',
      );
    }
    let instances = input.InstanceIds?.length ? findInstances(ctx, input.InstanceIds) : ctx.rs.instances;
    instances = applyFilters(
      instances,
      input.Filters,
      {
        'instance-id': (i) => [i.instanceId],
        'instance-state-name': (i) => [i.state],
        'instance-state-code': (i) => [String(stateOutput(i.state).Code)],
        'key-name': (i) => [i.keyName],
        'image-id': (i) => [i.imageId],
        'instance-type': (i) => [i.instanceType],
        'availability-zone': (i) => [i.availabilityZone],
        'subnet-id': (i) => [i.subnetId],
        'vpc-id': (i) => [i.vpcId],
        'private-ip-address': (i) => [i.privateIpAddress],
        'private-dns-name': (i) => [privateDnsName(ctx.region, i.privateIpAddress)],
        'ip-address': (i) => [i.publicIpAddress],
        'instance.group-id': (i) => i.securityGroupIds,
        'iam-instance-profile.arn': (i) => [i.iamInstanceProfileArn],
        'block-device-mapping.volume-id': (i) => attachedVolumes(ctx.rs, i).map((volume) => volume.volumeId),
        'block-device-mapping.device-name': (i) =>
          attachedVolumes(ctx.rs, i).map((volume) => volume.attachment?.device),
        'root-device-type': () => ['ebs'],
        'root-device-name': (i) => [i.rootDeviceName],
        'instance-lifecycle': (i) => [i.instanceLifecycle],
        platform: (i) => [findAmi(ctx.region, i.imageId)?.os.platform === 'windows' ? 'windows' : undefined],
        'client-token': (i) => [i.clientToken],
        'reservation-id': (i) => [i.reservationId],
      },
      (i) => i.tags,
    );
    const { page, nextToken } = paginate(instances, input, { min: 5, max: 1000 });
    return { Reservations: reservationsOf(ctx, page), NextToken: nextToken };
  },
  { readOnly: true },
);

const runInstances = defineAction<RunInstancesRequest, Reservation>(RunInstances$, async (ctx, input) => {
  const instances = await launchInstances(ctx, input);
  const [reservation] = reservationsOf(ctx, instances);
  if (!reservation) throw apiError('InternalError', 'No instance was launched', 500);
  reservation.Groups = [];
  return reservation;
});

const describeInstanceStatus = defineAction<DescribeInstanceStatusRequest, DescribeInstanceStatusResult>(
  DescribeInstanceStatus$,
  (ctx, input) => {
    let instances = input.InstanceIds?.length ? findInstances(ctx, input.InstanceIds) : ctx.rs.instances;
    if (!input.IncludeAllInstances) instances = instances.filter((instance) => instance.state === 'running');
    instances = instances.filter((instance) => instance.state !== 'terminated');
    instances = applyFilters(instances, input.Filters, {
      'instance-state-name': (i) => [i.state],
      'availability-zone': (i) => [i.availabilityZone],
      'instance-status.status': (i) => [i.state === 'running' ? 'ok' : 'not-applicable'],
      'system-status.status': (i) => [i.state === 'running' ? 'ok' : 'not-applicable'],
    });
    const { page, nextToken } = paginate(instances, input, { min: 5, max: 1000 });
    return {
      InstanceStatuses: page.map((instance) => {
        const running = instance.state === 'running';
        const status: InstanceStatusSummary = {
          Status: running ? 'ok' : 'not-applicable',
          Details: running ? [{ Name: 'reachability', Status: 'passed' }] : undefined,
        };
        return {
          InstanceId: instance.instanceId,
          AvailabilityZone: instance.availabilityZone,
          InstanceState: stateOutput(instance.state),
          InstanceStatus: status,
          SystemStatus: status,
          AttachedEbsStatus: status,
        };
      }),
      NextToken: nextToken,
    };
  },
  { readOnly: true },
);

/** EC2 instance launch and describe actions. */
export const instanceActions: Record<string, ActionDefinition> = {
  DescribeInstances: describeInstances,
  RunInstances: runInstances,
  DescribeInstanceStatus: describeInstanceStatus,
};
