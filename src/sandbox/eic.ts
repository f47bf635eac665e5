import {
  SendSSHPublicKey$,
  type SendSSHPublicKeyRequest,
  type SendSSHPublicKeyResponse,
} from '@aws-sdk/client-ec2-instance-connect';
import { apiError } from './api-error';
import { defineAction, type ActionDefinition } from './engine';
import { parseImportablePublicKey, publicLine } from './sandbox-keys';

/** How long a pushed key is accepted, as on AWS. */
export const instanceConnectKeyLifetimeMs = 60_000;

const sendSshPublicKey = defineAction<SendSSHPublicKeyRequest, SendSSHPublicKeyResponse>(
  SendSSHPublicKey$,
  (ctx, input) => {
    const instance = ctx.rs.instances.find((candidate) => candidate.instanceId === input.InstanceId);
    if (!instance || instance.state === 'terminated') {
      throw apiError('EC2InstanceNotFoundException', `Instance not found: ${input.InstanceId ?? ''}`);
    }
    if (instance.state !== 'running') {
      throw apiError(
        'EC2InstanceStateInvalidException',
        `Instance ${instance.instanceId} is not in a valid state (${instance.state}).`,
      );
    }
    if (input.AvailabilityZone && input.AvailabilityZone !== instance.availabilityZone) {
      throw apiError(
        'InvalidArgsException',
        `Instance ${instance.instanceId} is not in availability zone ${input.AvailabilityZone}.`,
      );
    }
    const osUser = input.InstanceOSUser ?? '';
    if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(osUser))
      throw apiError('InvalidArgsException', 'Invalid InstanceOSUser.');
    const key = parseImportablePublicKey(input.SSHPublicKey ?? '');
    if (!key) {
      throw apiError(
        'InvalidArgsException',
        'The SSH public key is not a valid RSA or ED25519 OpenSSH public key.',
      );
    }
    const keyLine = publicLine(key.publicBlob);
    // The call does not check that the OS user exists (a wrong user fails only at SSH time), as on AWS.
    ctx.rs.instanceConnectKeys.push({
      instanceId: instance.instanceId,
      osUser,
      publicKey: keyLine,
      expiresAt: ctx.engine.clock.now() + instanceConnectKeyLifetimeMs,
    });
    return { RequestId: ctx.requestId, Success: true };
  },
);

/** EC2 Instance Connect (JSON 1.1). */
export const instanceConnectActions: Record<string, ActionDefinition> = {
  SendSSHPublicKey: sendSshPublicKey,
};
