import {
  CreateTagsCommand,
  DescribeAddressesCommand,
  DescribeInstanceConnectEndpointsCommand,
  DescribeSpotInstanceRequestsCommand,
  GetEbsEncryptionByDefaultCommand,
  GetSerialConsoleAccessStatusCommand,
  DeleteTagsCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstanceStatusCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  ModifyInstanceAttributeCommand,
  RebootInstancesCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  paginateDescribeInstances,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  waitUntilInstanceTerminated,
  type Instance,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectContractTarget,
  errorOf,
  findImageId,
  type ContractTarget,
} from './test-support/contract-target';

let target: ContractTarget;
let imageId: string;
const tag = `kr-contract-${Date.now().toString(36)}`;
const launched: string[] = [];

async function launch(
  extra: Partial<ConstructorParameters<typeof RunInstancesCommand>[0]> = {},
  count = 1,
): Promise<Instance[]> {
  const result = await target.ec2.send(
    new RunInstancesCommand({
      ImageId: imageId,
      InstanceType: 't3.micro',
      MinCount: count,
      MaxCount: count,
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'suite', Value: tag }] }],
      ...extra,
    }),
  );
  const instances = result.Instances ?? [];
  launched.push(...instances.map((instance) => instance.InstanceId ?? ''));
  return instances;
}

async function describeOne(id: string): Promise<Instance> {
  const { Reservations } = await target.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  const instance = Reservations?.[0]?.Instances?.[0];
  if (!instance) throw new Error(`${id} not described`);
  return instance;
}

beforeAll(async () => {
  target = await connectContractTarget();
  imageId = await findImageId(target.ec2, 'al2023-ami-2023*');
});

afterAll(async () => {
  if (launched.length) {
    await target.ec2
      .send(
        new ModifyInstanceAttributeCommand({
          InstanceId: launched[0],
          DisableApiTermination: { Value: false },
        }),
      )
      .catch(() => undefined);
    await target.ec2.send(new TerminateInstancesCommand({ InstanceIds: launched })).catch(() => undefined);
  }
  await target.close();
});

describe('RunInstances and DescribeInstances', () => {
  it('launches pending, reaches running, and reports the fields KeyRescue reads', async () => {
    const [instance] = await launch({
      UserData: Buffer.from('#!/bin/bash\necho hello\n').toString('base64'),
    });
    expect(instance?.State?.Name).toBe('pending');
    const id = instance?.InstanceId ?? '';
    await waitUntilInstanceRunning(
      { client: target.ec2, maxWaitTime: 120, minDelay: 1 },
      { InstanceIds: [id] },
    );
    const described = await describeOne(id);
    expect(described.State).toEqual({ Code: 16, Name: 'running' });
    expect(described.ImageId).toBe(imageId);
    expect(described.RootDeviceType).toBe('ebs');
    expect(described.RootDeviceName).toBe('/dev/xvda');
    expect(described.BlockDeviceMappings?.[0]?.DeviceName).toBe('/dev/xvda');
    expect(described.BlockDeviceMappings?.[0]?.Ebs?.VolumeId).toMatch(/^vol-/);
    expect(described.Placement?.AvailabilityZone?.startsWith(target.region)).toBe(true);
    expect(described.PrivateIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(described.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(described.PlatformDetails).toBe('Linux/UNIX');
    expect(described.Platform).toBeUndefined();
    expect(described.SecurityGroups?.length).toBeGreaterThan(0);
    expect(described.Tags).toContainEqual({ Key: 'suite', Value: tag });
    const attribute = await target.ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }),
    );
    expect(Buffer.from(attribute.UserData?.Value ?? '', 'base64').toString()).toBe(
      '#!/bin/bash\necho hello\n',
    );
  });

  it('refuses raw (not base64) user data, an unknown AMI, and unknown instance ids', async () => {
    const raw = await errorOf(() => launch({ UserData: '#!/bin/bash\necho not base64' }));
    expect(raw.name).toBe('InvalidParameterValue');
    const ami = await errorOf(() => launch({ ImageId: 'ami-0123456789abcdef0' }));
    expect(ami.name).toBe('InvalidAMIID.NotFound');
    const missing = await errorOf(() =>
      target.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
    );
    expect(missing.name).toBe('InvalidInstanceID.NotFound');
    const combo = await errorOf(() =>
      target.ec2.send(new DescribeInstancesCommand({ InstanceIds: [launched[0] ?? ''], MaxResults: 5 })),
    );
    expect(combo.name).toBe('InvalidParameterCombination');
  });

  it('ClientToken makes RunInstances idempotent', async () => {
    const token = `${tag}-token`;
    const [first] = await launch({ ClientToken: token });
    const [again] = await launch({ ClientToken: token });
    expect(again?.InstanceId).toBe(first?.InstanceId);
  });

  it('paginateDescribeInstances walks every instance once, page by page', async () => {
    await launch({}, 5);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeInstances(
      { client: target.ec2, pageSize: 5 },
      { Filters: [{ Name: 'tag:suite', Values: [tag] }] },
    )) {
      pages += 1;
      for (const reservation of page.Reservations ?? [])
        seen.push(...(reservation.Instances ?? []).map((i) => i.InstanceId ?? ''));
    }
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...new Set(launched)].sort());
  });
});

describe('instance state machine', () => {
  it('stop → stopped (waiter), user data only while stopped, start → running (waiter)', async () => {
    const id = launched[0] ?? '';
    const running = await errorOf(() =>
      target.ec2.send(
        new ModifyInstanceAttributeCommand({
          InstanceId: id,
          UserData: { Value: new TextEncoder().encode('#!/bin/sh\n') },
        }),
      ),
    );
    expect(running.name).toBe('IncorrectInstanceState');
    const stop = await target.ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    expect(stop.StoppingInstances?.[0]?.PreviousState?.Name).toBe('running');
    expect(stop.StoppingInstances?.[0]?.CurrentState?.Name).toBe('stopping');
    await waitUntilInstanceStopped(
      { client: target.ec2, maxWaitTime: 300, minDelay: 1 },
      { InstanceIds: [id] },
    );
    const reboot = await errorOf(() => target.ec2.send(new RebootInstancesCommand({ InstanceIds: [id] })));
    expect(reboot.name).toBe('IncorrectInstanceState');
    // SDK v3 base64-encodes this blob itself; EC2 returns base64 of the raw bytes.
    await target.ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: id,
        UserData: { Value: new TextEncoder().encode('#!/bin/sh\necho changed\n') },
      }),
    );
    const attribute = await target.ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }),
    );
    expect(Buffer.from(attribute.UserData?.Value ?? '', 'base64').toString()).toBe(
      '#!/bin/sh\necho changed\n',
    );
    // Attribute=userData + Value (the CLI's --attribute userData --value form) is sent verbatim: already base64.
    const bytes = Buffer.concat([
      Buffer.from('#!/bin/sh\necho via-value\n'.repeat(8)),
      Buffer.from([0, 0xff, 0x80]),
    ]);
    const wrapped = `${bytes.toString('base64').replace(/.{76}/g, '$&\n')}\n`; // as `base64 FILE` writes it
    await target.ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData', Value: wrapped }),
    );
    const viaValue = await target.ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }),
    );
    expect(viaValue.UserData?.Value).toBe(bytes.toString('base64'));
    const notBase64 = await errorOf(() =>
      target.ec2.send(
        new ModifyInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData', Value: '#!/bin/sh\n' }),
      ),
    );
    expect(notBase64.name).toBe('InvalidParameterValue');
    expect(notBase64.message).toBe('Invalid BASE64 encoding of user data.');
    const tooLarge = await errorOf(() =>
      target.ec2.send(
        new ModifyInstanceAttributeCommand({
          InstanceId: id,
          Attribute: 'userData',
          Value: Buffer.alloc(16385, 'a').toString('base64'),
        }),
      ),
    );
    expect(tooLarge.name).toBe('InvalidParameterValue');
    await target.ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData', Value: '' }),
    );
    const cleared = await target.ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }),
    );
    expect(cleared.UserData?.Value).toBeUndefined();
    const start = await target.ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    expect(start.StartingInstances?.[0]?.CurrentState?.Name).toBe('pending');
    await waitUntilInstanceRunning(
      { client: target.ec2, maxWaitTime: 120, minDelay: 1 },
      { InstanceIds: [id] },
    );
    const status = await target.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [id] }));
    expect(status.InstanceStatuses?.[0]?.InstanceState?.Name).toBe('running');
  });

  it('honours DisableApiStop and DisableApiTermination', async () => {
    const id = launched[0] ?? '';
    await target.ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: id, DisableApiStop: { Value: true } }),
    );
    const attribute = await target.ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'disableApiStop' }),
    );
    expect(attribute.DisableApiStop?.Value).toBe(true);
    const stop = await errorOf(() => target.ec2.send(new StopInstancesCommand({ InstanceIds: [id] })));
    expect(stop.name).toBe('OperationNotPermitted');
    await target.ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: id, DisableApiStop: { Value: false } }),
    );
    await target.ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: id, DisableApiTermination: { Value: true } }),
    );
    const terminate = await errorOf(() =>
      target.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] })),
    );
    expect(terminate.name).toBe('OperationNotPermitted');
    await target.ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: id,
        Attribute: 'instanceInitiatedShutdownBehavior',
        Value: 'terminate',
      }),
    );
    const behaviour = await target.ec2.send(
      new DescribeInstanceAttributeCommand({
        InstanceId: id,
        Attribute: 'instanceInitiatedShutdownBehavior',
      }),
    );
    expect(behaviour.InstanceInitiatedShutdownBehavior?.Value).toBe('terminate');
  });

  it('terminate → terminated (waiter); a terminated instance cannot start', async () => {
    const id = launched[launched.length - 1] ?? '';
    await target.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    await waitUntilInstanceTerminated(
      { client: target.ec2, maxWaitTime: 300, minDelay: 1 },
      { InstanceIds: [id] },
    );
    const start = await errorOf(() => target.ec2.send(new StartInstancesCommand({ InstanceIds: [id] })));
    expect(start.name).toBe('IncorrectInstanceState');
  });
});

describe('tags and network', () => {
  it('CreateTags/DeleteTags change what DescribeInstances filters on', async () => {
    const id = launched[0] ?? '';
    await target.ec2.send(
      new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'owner', Value: 'contract' }] }),
    );
    const tagged = await target.ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'tag:owner', Values: ['contract'] }] }),
    );
    expect(tagged.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId)).toEqual([id]);
    await target.ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'owner' }] }));
    const untagged = await target.ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'tag:owner', Values: ['contract'] }] }),
    );
    expect(untagged.Reservations ?? []).toEqual([]);
  });

  it('describes the default VPC, its subnets and security groups with rules', async () => {
    const { Vpcs } = await target.ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
    );
    const vpcId = Vpcs?.[0]?.VpcId ?? '';
    expect(vpcId).toMatch(/^vpc-/);
    const { Subnets } = await target.ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
    );
    expect(Subnets?.length).toBeGreaterThan(0);
    expect(Subnets?.every((subnet) => subnet.VpcId === vpcId && /\/\d+$/.test(subnet.CidrBlock ?? ''))).toBe(
      true,
    );
    const { SecurityGroups } = await target.ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'group-name', Values: ['default'] },
          { Name: 'vpc-id', Values: [vpcId] },
        ],
      }),
    );
    expect(SecurityGroups?.[0]?.IpPermissionsEgress?.[0]?.IpProtocol).toBe('-1');
    const missing = await errorOf(() =>
      target.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] })),
    );
    expect(missing.name).toBe('InvalidGroup.NotFound');
  });

  it('answers the account facts a recovery preflight reads', async () => {
    const serial = await target.ec2.send(new GetSerialConsoleAccessStatusCommand({}));
    expect(typeof serial.SerialConsoleAccessEnabled).toBe('boolean');
    const encryption = await target.ec2.send(new GetEbsEncryptionByDefaultCommand({}));
    expect(typeof encryption.EbsEncryptionByDefault).toBe('boolean');
    const endpoints = await target.ec2.send(new DescribeInstanceConnectEndpointsCommand({}));
    expect(Array.isArray(endpoints.InstanceConnectEndpoints)).toBe(true);
    const spot = await target.ec2.send(
      new DescribeSpotInstanceRequestsCommand({
        Filters: [{ Name: 'instance-id', Values: [launched[0] ?? ''] }],
      }),
    );
    expect(spot.SpotInstanceRequests).toEqual([]);
    const addresses = await target.ec2.send(
      new DescribeAddressesCommand({ Filters: [{ Name: 'instance-id', Values: [launched[0] ?? ''] }] }),
    );
    expect(addresses.Addresses).toEqual([]);
  });
});
