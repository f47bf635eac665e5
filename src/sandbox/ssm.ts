import { randomUUID } from 'node:crypto';
import {
  DescribeInstanceInformation$,
  GetCommandInvocation$,
  ListCommandInvocations$,
  SendCommand$,
  type DescribeInstanceInformationRequest,
  type DescribeInstanceInformationResult,
  type GetCommandInvocationRequest,
  type GetCommandInvocationResult,
  type ListCommandInvocationsRequest,
  type ListCommandInvocationsResult,
  type SendCommandRequest,
  type SendCommandResult,
} from '@aws-sdk/client-ssm';
import { apiError } from './api-error';
import { defineAction, type ActionContext, type ActionDefinition } from './engine';
import { findAmi } from './images';
import type { InstanceRecord, SsmInvocationRecord } from './model';
import { paginate } from './pagination';
import { cancelCommand, checkRunShellScriptInput, executeInvocation } from './ssm-execution';

const platformNames: Record<string, string> = {
  al2023: 'Amazon Linux',
  'ubuntu-24.04': 'Ubuntu',
  'debian-12': 'Debian GNU/Linux',
  'windows-2022': 'Microsoft Windows Server 2022 Datacenter',
};
const platformVersions: Record<string, string> = {
  al2023: '2023',
  'ubuntu-24.04': '24.04',
  'debian-12': '12',
  'windows-2022': '10.0.20348',
};

/** SSM sees an instance when its image has the agent, it has an instance profile, and it has booted. */
function isManaged(ctx: ActionContext, instance: InstanceRecord): boolean {
  const ami = findAmi(ctx.region, instance.imageId);
  return Boolean(
    ami?.os.ssmAgent &&
    instance.iamInstanceProfileArn &&
    instance.bootCount > 0 &&
    instance.state !== 'terminated',
  );
}

function pingStatus(instance: InstanceRecord): 'Online' | 'ConnectionLost' {
  return instance.state === 'running' && instance.ssmAgentOnline ? 'Online' : 'ConnectionLost';
}

const describeInstanceInformation = defineAction<
  DescribeInstanceInformationRequest,
  DescribeInstanceInformationResult
>(
  DescribeInstanceInformation$,
  (ctx, input) => {
    let instances = ctx.rs.instances.filter((instance) => isManaged(ctx, instance));
    const filters = [
      ...(input.InstanceInformationFilterList ?? []).map((f) => ({
        key: f.key ?? '',
        values: f.valueSet ?? [],
      })),
      ...(input.Filters ?? []).map((f) => ({ key: f.Key ?? '', values: f.Values ?? [] })),
    ];
    for (const filter of filters) {
      const key = filter.key;
      if (key === 'InstanceIds') instances = instances.filter((i) => filter.values.includes(i.instanceId));
      else if (key === 'PingStatus')
        instances = instances.filter((i) => filter.values.includes(pingStatus(i)));
      else if (key === 'PlatformTypes') {
        instances = instances.filter((i) =>
          filter.values.includes(
            findAmi(ctx.region, i.imageId)?.os.platform === 'windows' ? 'Windows' : 'Linux',
          ),
        );
      } else if (key === 'ResourceType')
        instances = instances.filter(() => filter.values.includes('EC2Instance'));
      else throw apiError('InvalidInstanceInformationFilterValue', `The filter key ${key} is not valid.`);
    }
    const { page, nextToken } = paginate(instances, input, {
      min: 5,
      max: 50,
      badTokenCode: 'InvalidNextToken',
    });
    return {
      InstanceInformationList: page.map((instance) => {
        const os = findAmi(ctx.region, instance.imageId)?.os;
        const windows = os?.platform === 'windows';
        return {
          InstanceId: instance.instanceId,
          PingStatus: pingStatus(instance),
          LastPingDateTime: new Date(instance.stateSince),
          AgentVersion: '3.3.1142.0',
          IsLatestVersion: true,
          PlatformType: windows ? 'Windows' : 'Linux',
          PlatformName: platformNames[os?.id ?? ''] ?? 'Linux',
          PlatformVersion: platformVersions[os?.id ?? ''] ?? '',
          ResourceType: 'EC2Instance',
          IPAddress: instance.privateIpAddress,
          ComputerName: `ip-${instance.privateIpAddress.replace(/\./g, '-')}`,
        };
      }),
      NextToken: nextToken,
    };
  },
  { readOnly: true },
);

const sendCommand = defineAction<SendCommandRequest, SendCommandResult>(SendCommand$, (ctx, input) => {
  const documentName = input.DocumentName ?? '';
  if (documentName !== 'AWS-RunShellScript')
    throw apiError('InvalidDocument', `Document with name ${documentName} does not exist.`);
  const ids = input.InstanceIds ?? [];
  if (ids.length === 0) throw apiError('InvalidInstanceId', 'InstanceIds must be specified');
  const commands = input.Parameters?.commands ?? [];
  if (commands.length === 0) throw apiError('InvalidParameters', 'Parameter "commands" is required.');
  const executionTimeoutSeconds = checkRunShellScriptInput(input);
  const instances = ids.map((id) => ctx.rs.instances.find((instance) => instance.instanceId === id));
  for (const [index, instance] of instances.entries()) {
    if (!instance || !isManaged(ctx, instance) || pingStatus(instance) !== 'Online') {
      throw apiError(
        'InvalidInstanceId',
        `Instances [[${ids[index] ?? ''}]] not in a valid state for account ${ctx.state.accountId}`,
      );
    }
    if (findAmi(ctx.region, instance.imageId)?.os.platform === 'windows') {
      throw apiError(
        'UnsupportedPlatformType',
        `The platform of instance ${instance.instanceId} is not supported by document AWS-RunShellScript.`,
      );
    }
  }
  const commandId = randomUUID();
  const requested = new Date(ctx.engine.clock.now());
  for (const id of ids) {
    const record: SsmInvocationRecord = {
      commandId,
      instanceId: id,
      documentName,
      comment: input.Comment,
      commands,
      requestedDateTime: requested.toISOString(),
      status: 'Pending',
      statusDetails: 'Pending',
      executionTimeoutSeconds,
      responseCode: -1,
      stdout: '',
      stderr: '',
    };
    ctx.rs.invocations.push(record);
    const deliver = () => {
      executeInvocation(ctx.engine, record).catch((error: unknown) =>
        console.error(`sandbox: SSM command ${commandId} failed: ${(error as Error).message}`),
      );
    };
    // The agent picks the command up after the delivery time (wall clock, as the script runs on it).
    const deliveryMs = ctx.engine.timings.commandMs;
    if (deliveryMs > 0) setTimeout(deliver, deliveryMs).unref();
    else setImmediate(deliver);
  }
  return {
    Command: {
      CommandId: commandId,
      DocumentName: documentName,
      DocumentVersion: '$DEFAULT',
      Comment: input.Comment,
      Parameters: input.Parameters,
      InstanceIds: ids,
      Targets: [],
      RequestedDateTime: requested,
      Status: 'Pending',
      StatusDetails: 'Pending',
      TimeoutSeconds: input.TimeoutSeconds ?? 3600,
      TargetCount: ids.length,
      CompletedCount: 0,
      ErrorCount: 0,
      DeliveryTimedOutCount: 0,
    },
  };
});

function findInvocation(
  ctx: ActionContext,
  commandId: string | undefined,
  instanceId: string | undefined,
): SsmInvocationRecord {
  const record = ctx.rs.invocations.find(
    (candidate) => candidate.commandId === commandId && candidate.instanceId === instanceId,
  );
  if (!record) throw apiError('InvocationDoesNotExist', 'An error occurred (InvocationDoesNotExist)');
  return record;
}

const getCommandInvocation = defineAction<GetCommandInvocationRequest, GetCommandInvocationResult>(
  GetCommandInvocation$,
  (ctx, input) => {
    const record = findInvocation(ctx, input.CommandId, input.InstanceId);
    if (input.PluginName && input.PluginName !== 'aws:runShellScript')
      throw apiError('InvalidPluginName', `Plugin ${input.PluginName} is not valid.`);
    const elapsed =
      record.executionStartDateTime && record.executionEndDateTime
        ? Date.parse(record.executionEndDateTime) - Date.parse(record.executionStartDateTime)
        : 0;
    return {
      CommandId: record.commandId,
      InstanceId: record.instanceId,
      Comment: record.comment ?? '',
      DocumentName: record.documentName,
      DocumentVersion: '$DEFAULT',
      PluginName: 'aws:runShellScript',
      ResponseCode: record.responseCode,
      ExecutionStartDateTime: record.executionStartDateTime ?? '',
      ExecutionElapsedTime: `PT${(elapsed / 1000).toFixed(3)}S`,
      ExecutionEndDateTime: record.executionEndDateTime ?? '',
      Status: record.status,
      StatusDetails: record.statusDetails ?? record.status,
      StandardOutputContent: record.stdout,
      StandardOutputUrl: '',
      StandardErrorContent: record.stderr,
      StandardErrorUrl: '',
    };
  },
  { readOnly: true },
);

const listCommandInvocations = defineAction<ListCommandInvocationsRequest, ListCommandInvocationsResult>(
  ListCommandInvocations$,
  (ctx, input) => {
    let records = ctx.rs.invocations;
    if (input.CommandId) records = records.filter((record) => record.commandId === input.CommandId);
    if (input.InstanceId) records = records.filter((record) => record.instanceId === input.InstanceId);
    const { page, nextToken } = paginate([...records].reverse(), input, {
      min: 1,
      max: 50,
      badTokenCode: 'InvalidNextToken',
    });
    return {
      CommandInvocations: page.map((record) => ({
        CommandId: record.commandId,
        InstanceId: record.instanceId,
        Comment: record.comment,
        DocumentName: record.documentName,
        DocumentVersion: '$DEFAULT',
        RequestedDateTime: new Date(record.requestedDateTime),
        Status: record.status,
        StatusDetails: record.statusDetails ?? record.status,
        CommandPlugins: input.Details
          ? [
              {
                Name: 'aws:runShellScript',
                // A plugin has no Cancelling status: it is still running until it stops.
                Status: record.status === 'Cancelling' ? 'InProgress' : record.status,
                StatusDetails: record.statusDetails ?? record.status,
                ResponseCode: record.responseCode,
                Output: `${record.stdout}${record.stderr ? `\n----------ERROR-------\n${record.stderr}` : ''}`,
                ResponseStartDateTime: record.executionStartDateTime
                  ? new Date(record.executionStartDateTime)
                  : undefined,
                ResponseFinishDateTime: record.executionEndDateTime
                  ? new Date(record.executionEndDateTime)
                  : undefined,
              },
            ]
          : undefined,
      })),
      NextToken: nextToken,
    };
  },
  { readOnly: true },
);

/** SSM (JSON 1.1) actions: managed-instance inventory and Run Command with AWS-RunShellScript. */
export const ssmActions: Record<string, ActionDefinition> = {
  DescribeInstanceInformation: describeInstanceInformation,
  SendCommand: sendCommand,
  CancelCommand: cancelCommand,
  GetCommandInvocation: getCommandInvocation,
  ListCommandInvocations: listCommandInvocations,
};
