import {
  RebootInstances$,
  StartInstances$,
  StopInstances$,
  TerminateInstances$,
  type InstanceStateChange,
  type RebootInstancesRequest,
  type StartInstancesRequest,
  type StartInstancesResult,
  type StopInstancesRequest,
  type StopInstancesResult,
  type TerminateInstancesRequest,
  type TerminateInstancesResult,
} from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import { defineAction, type ActionContext, type ActionDefinition } from './engine';
import { stateOutput } from './instance-view';
import { attachedVolumes, findInstances } from './lookups';
import type { InstanceRecord, InstanceStateName } from './model';

function transition(
  ctx: ActionContext,
  instance: InstanceRecord,
  next: InstanceStateName,
  reason: string,
): InstanceStateChange {
  const previous = instance.state;
  if (previous !== next) {
    instance.state = next;
    instance.stateSince = ctx.engine.clock.now();
    instance.stateTransitionReason = reason;
  }
  return {
    InstanceId: instance.instanceId,
    PreviousState: stateOutput(previous),
    CurrentState: stateOutput(instance.state),
  };
}

function userReason(ctx: ActionContext): string {
  return `User initiated (${ctx.nowIso.slice(0, 19).replace('T', ' ')} GMT)`;
}

const startInstances = defineAction<StartInstancesRequest, StartInstancesResult>(
  StartInstances$,
  (ctx, input) => {
    const instances = findInstances(ctx, input.InstanceIds);
    for (const instance of instances) {
      if (!['stopped', 'running', 'pending'].includes(instance.state)) {
        throw apiError(
          'IncorrectInstanceState',
          `The instance '${instance.instanceId}' is not in a state from which it can be started.`,
        );
      }
      if (
        !attachedVolumes(ctx.rs, instance).some(
          (volume) => volume.attachment?.device === instance.rootDeviceName,
        )
      ) {
        throw apiError(
          'InvalidParameterValue',
          `Invalid value '${instance.instanceId}' for instanceId. Instance does not have a volume attached at root (${instance.rootDeviceName})`,
        );
      }
    }
    for (const instance of instances) if (instance.state === 'stopped') instance.hibernated = undefined;
    return {
      StartingInstances: instances.map((instance) =>
        instance.state === 'stopped'
          ? transition(ctx, instance, 'pending', '')
          : transition(ctx, instance, instance.state, ''),
      ),
    };
  },
);

const stopInstances = defineAction<StopInstancesRequest, StopInstancesResult>(
  StopInstances$,
  (ctx, input) => {
    const instances = findInstances(ctx, input.InstanceIds);
    for (const instance of instances) {
      if (instance.disableApiStop) {
        throw apiError(
          'OperationNotPermitted',
          `The instance '${instance.instanceId}' may not be stopped. Modify its 'disableApiStop' instance attribute and try again.`,
        );
      }
      if (instance.state === 'terminated' || instance.state === 'shutting-down') {
        throw apiError(
          'IncorrectInstanceState',
          `This instance '${instance.instanceId}' is not in a state from which it can be stopped.`,
        );
      }
      if (instance.rootDeviceType === 'instance-store') {
        throw apiError(
          'UnsupportedOperation',
          `The instance '${instance.instanceId}' does not have an 'ebs' root device type and cannot be stopped.`,
        );
      }
      const request = ctx.rs.spotRequests?.find(
        (entry) => entry.spotInstanceRequestId === instance.spotInstanceRequestId,
      );
      if (instance.instanceLifecycle === 'spot' && request?.type !== 'persistent') {
        throw apiError(
          'UnsupportedOperation',
          `You can't stop the Spot Instance '${instance.instanceId}' because it is associated with a one-time Spot Instance request.`,
        );
      }
    }
    // EC2: an instance that cannot hibernate (not enabled at launch) gets a normal shutdown.
    for (const instance of instances)
      if (
        input.Hibernate &&
        instance.hibernationConfigured &&
        (instance.state === 'running' || instance.state === 'pending')
      )
        instance.hibernated = true;
    return {
      StoppingInstances: instances.map((instance) =>
        instance.state === 'running' || instance.state === 'pending'
          ? transition(ctx, instance, 'stopping', userReason(ctx))
          : transition(ctx, instance, instance.state, instance.stateTransitionReason),
      ),
    };
  },
);

const rebootInstances = defineAction<RebootInstancesRequest, object>(RebootInstances$, (ctx, input) => {
  const instances = findInstances(ctx, input.InstanceIds);
  for (const instance of instances) {
    if (instance.state !== 'running') {
      throw apiError(
        'IncorrectInstanceState',
        `The instance '${instance.instanceId}' is not in the 'running' state.`,
      );
    }
  }
  for (const instance of instances) instance.rebootPending = true;
  return {};
});

const terminateInstances = defineAction<TerminateInstancesRequest, TerminateInstancesResult>(
  TerminateInstances$,
  (ctx, input) => {
    const instances = findInstances(ctx, input.InstanceIds);
    for (const instance of instances) {
      if (instance.disableApiTermination) {
        throw apiError(
          'OperationNotPermitted',
          `The instance '${instance.instanceId}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`,
        );
      }
    }
    return {
      TerminatingInstances: instances.map((instance) =>
        instance.state === 'terminated' || instance.state === 'shutting-down'
          ? transition(ctx, instance, instance.state, instance.stateTransitionReason)
          : transition(ctx, instance, 'shutting-down', userReason(ctx)),
      ),
    };
  },
);

/** Start, stop, reboot and terminate, with DisableApiStop / DisableApiTermination honoured. */
export const instanceStateActions: Record<string, ActionDefinition> = {
  StartInstances: startInstances,
  StopInstances: stopInstances,
  RebootInstances: rebootInstances,
  TerminateInstances: terminateInstances,
};
