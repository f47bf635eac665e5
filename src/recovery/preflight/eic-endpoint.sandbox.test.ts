import {
  CreateInstanceConnectEndpointCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedAccount } from '../../aws/account-types';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { runPreflight, type PreflightResult } from './preflight';

// The preflight of a running instance without a public address, on the practice sandbox: it looks
// for an EC2 Instance Connect Endpoint in the instance's VPC (real SDK over HTTP).
let sandbox: RunningSandbox;
let account: ResolvedAccount;
let ec2: EC2Client;
let instanceId = '';
let subnetId = '';
let vpcId = '';

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'empty' });
  const credentials = { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey };
  account = {
    id: 'practice',
    label: 'Practice',
    kind: 'practice',
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    needsMfa: false,
    credentials: async () => credentials,
    mode: 'sandbox',
  };
  ec2 = new EC2Client({ region: sandbox.region, endpoint: sandbox.endpoint, credentials });
  const images = await ec2.send(
    new DescribeImagesCommand({
      Owners: ['amazon'],
      Filters: [{ Name: 'name', Values: ['al2023-ami-2023*'] }],
    }),
  );
  const launched = await ec2.send(
    new RunInstancesCommand({
      ImageId: images.Images?.[0]?.ImageId,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: false }],
    }),
  );
  instanceId = launched.Instances?.[0]?.InstanceId ?? '';
  subnetId = launched.Instances?.[0]?.SubnetId ?? '';
  vpcId = launched.Instances?.[0]?.VpcId ?? '';
  await sandbox.control.tick();
});
afterAll(async () => {
  ec2.destroy();
  await sandbox.stop();
});
afterEach(() => {
  sandbox.control.allow([...sandbox.control.state.deniedActions]);
});

const preflight = () =>
  runPreflight(account, { instanceId, region: 'us-east-1', egressAddress: '203.0.113.7' });
const endpointFinding = (result: PreflightResult) =>
  result.findings.find((f) => f.id === 'network.eicEndpoint');

async function createEndpoint(): Promise<string> {
  const created = await ec2.send(new CreateInstanceConnectEndpointCommand({ SubnetId: subnetId }));
  await sandbox.control.tick();
  return created.InstanceConnectEndpoint?.InstanceConnectEndpointId ?? '';
}

describe('preflight of a private instance: EC2 Instance Connect Endpoint', () => {
  it('without an endpoint: not reachable from this computer, none in the VPC', async () => {
    const result = await preflight();
    expect(result.findings.find((f) => f.id === 'instance.addresses')?.code).toBe('addressesPrivateOnly');
    expect(endpointFinding(result)).toMatchObject({
      status: 'warning',
      code: 'eicEndpointNone',
      params: { vpcId },
    });
  });

  it('DescribeInstanceConnectEndpoints denied: says which permission, the rest goes on', async () => {
    sandbox.control.deny(['ec2:DescribeInstanceConnectEndpoints']);
    const result = await preflight();
    expect(endpointFinding(result)).toMatchObject({
      status: 'unknown',
      code: 'checkDenied',
      params: { operation: 'DescribeInstanceConnectEndpoints' },
    });
    expect(result.findings.find((f) => f.id === 'network.sshPort')?.status).toBe('warning');
  });

  it('one endpoint, whose default group the instance’s default group admits: usable; two: name one', async () => {
    const first = await createEndpoint();
    expect(endpointFinding(await preflight())).toMatchObject({
      status: 'ok',
      code: 'eicEndpointUsable',
      params: { endpointId: first, vpcId },
    });
    const second = await createEndpoint();
    expect(endpointFinding(await preflight())).toMatchObject({
      status: 'ok',
      code: 'eicEndpointSeveral',
      params: { vpcId, count: '2', endpointIds: `${first}, ${second}` },
    });
  });
});
