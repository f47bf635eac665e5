import { randomBytes } from 'node:crypto';
import { apiError } from './api-error';
import type { ActionContext, ActionDefinition, SandboxEngine } from './engine';
import type { RegionState, RoleSessionRecord, SandboxState } from './model';
import { sandboxUserName } from './sts';
import { callerArn } from './sts-sessions';

export interface DispatchRequest {
  definition: ActionDefinition;
  action: string;
  iamPrefix: string;
  protocol: 'ec2' | 'sts' | 'json';
  region: string;
  rs: RegionState;
  requestId: string;
  input: unknown;
  /** The assumed-role session that signed the request, if any. */
  session?: RoleSessionRecord;
}

function deniedError(request: DispatchRequest, state: SandboxState): Error {
  if (request.protocol === 'ec2') {
    return apiError(
      'UnauthorizedOperation',
      `You are not authorized to perform this operation. Encoded authorization failure message: ${randomBytes(48).toString('base64url')}`,
      403,
    );
  }
  const message = `User: ${callerArn(state, request.session, sandboxUserName)} is not authorized to perform: ${request.iamPrefix}:${request.action}`;
  return apiError(
    request.iamPrefix === 'ec2-instance-connect' ? 'AuthException' : 'AccessDeniedException',
    message,
    400,
  );
}

function idsIn(input: Record<string, unknown>): {
  instances: string[];
  volumes: string[];
  snapshots: string[];
  groups: string[];
} {
  const list = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : typeof value === 'string'
        ? [value]
        : [];
  return {
    instances: [...list(input.InstanceIds), ...list(input.InstanceId)],
    volumes: [...list(input.VolumeIds), ...list(input.VolumeId)],
    snapshots: [...list(input.SnapshotIds), ...list(input.SnapshotId)],
    groups: [...list(input.GroupIds), ...list(input.GroupId)],
  };
}

/** DryRun checks the ids it was given exist (as EC2 does) before answering DryRunOperation. */
function validateDryRun(ctx: ActionContext, input: Record<string, unknown>): void {
  const ids = idsIn(input);
  for (const id of ids.instances) {
    if (!ctx.rs.instances.some((instance) => instance.instanceId === id)) {
      throw apiError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    }
  }
  for (const id of ids.volumes) {
    if (!ctx.rs.volumes.some((volume) => volume.volumeId === id))
      throw apiError('InvalidVolume.NotFound', `The volume '${id}' does not exist.`);
  }
  for (const id of ids.snapshots) {
    if (!ctx.rs.snapshots.some((snapshot) => snapshot.snapshotId === id)) {
      throw apiError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
    }
  }
  for (const id of ids.groups) {
    if (!ctx.rs.securityGroups.some((group) => group.groupId === id))
      throw apiError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
  }
}

/**
 * Runs one action against the state: permission (deny list) first, then DryRun, then the handler;
 * a changing action's state is on disk before its answer leaves, so a crash never loses an
 * acknowledged change.
 */
export async function dispatchAction(engine: SandboxEngine, request: DispatchRequest): Promise<unknown> {
  const state = engine.store.state;
  const ctx: ActionContext = {
    engine,
    state,
    region: request.region,
    rs: request.rs,
    requestId: request.requestId,
    nowIso: new Date(engine.clock.now()).toISOString(),
    ...(request.session ? { session: request.session } : {}),
  };
  const input = (request.input ?? {}) as Record<string, unknown>;
  const permission = `${request.iamPrefix}:${request.action}`;
  const deniable = permission !== 'sts:GetCallerIdentity';
  if (deniable && state.deniedActions.includes(permission)) throw deniedError(request, state);
  if (input.DryRun === true) {
    validateDryRun(ctx, input);
    throw apiError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
  }
  try {
    return await request.definition.handler(ctx, input as never);
  } finally {
    if (!request.definition.readOnly) {
      engine.store.markDirty();
      await engine.store.flush();
    }
  }
}
