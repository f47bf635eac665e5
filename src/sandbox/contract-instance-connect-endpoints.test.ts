import {
  AuthorizeSecurityGroupIngressCommand,
  CreateInstanceConnectEndpointCommand,
  CreateKeyPairCommand,
  DeleteInstanceConnectEndpointCommand,
  DescribeInstanceConnectEndpointsCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RunInstancesCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OpenTunnelRefused,
  openTunnelStream,
  presignOpenTunnelUrl,
  type OpenTunnelTarget,
} from '../aws/eic-open-tunnel';
import { startSandbox, type RunningSandbox } from './index';
import { errorOf, findImageId } from './test-support/contract-target';
import { sshEndpointOf } from './test-support/demo-lookup';
import { openSsh } from './test-support/openssh';

// OpenTunnel has no SDK command: the URL is presigned with the SDK's SignatureV4 and opened as a
// raw WebSocket (src/aws/eic-open-tunnel.ts wraps exactly those two), the bytes are real SSH.
let sandbox: RunningSandbox;
let ec2: EC2Client;
let privateInstance: Instance;
let keyMaterial: string;
let defaultGroupId: string;
let dir: string;
let keyFile: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'empty' });
  ec2 = new EC2Client({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
  const key = await ec2.send(new CreateKeyPairCommand({ KeyName: 'private-app' }));
  keyMaterial = key.KeyMaterial ?? '';
  dir = await mkdtemp(join(tmpdir(), 'kr-eice-'));
  keyFile = join(dir, 'private-app.pem');
  await writeFile(keyFile, keyMaterial, { mode: 0o600 });
  const imageId = await findImageId(ec2, 'al2023-ami-2023*');
  const groups = await ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['default'] }));
  defaultGroupId = groups.SecurityGroups?.[0]?.GroupId ?? '';
  const launched = await ec2.send(
    new RunInstancesCommand({
      ImageId: imageId,
      InstanceType: 't3.micro',
      KeyName: 'private-app',
      MinCount: 1,
      MaxCount: 1,
      NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: false, Groups: [defaultGroupId] }],
    }),
  );
  const id = launched.Instances?.[0]?.InstanceId ?? '';
  await sandbox.control.tick();
  const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  privateInstance = described.Reservations?.[0]?.Instances?.[0] ?? {};
});

afterAll(async () => {
  ec2.destroy();
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

const credentials = () => ({ accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey });

async function createEndpoint(preserveClientIp = false) {
  const created = await ec2.send(
    new CreateInstanceConnectEndpointCommand({
      SubnetId: privateInstance.SubnetId,
      PreserveClientIp: preserveClientIp,
      TagSpecifications: [
        { ResourceType: 'instance-connect-endpoint', Tags: [{ Key: 'made-by', Value: 'test' }] },
      ],
    }),
  );
  return created.InstanceConnectEndpoint ?? {};
}

function targetOf(endpoint: { InstanceConnectEndpointId?: string; DnsName?: string }): OpenTunnelTarget {
  return {
    endpointId: endpoint.InstanceConnectEndpointId ?? '',
    dnsName: endpoint.DnsName ?? '',
    privateIpAddress: privateInstance.PrivateIpAddress ?? '',
  };
}

async function refusalOf(url: string): Promise<OpenTunnelRefused> {
  const error = await openTunnelStream(url, { endpointOverride: sandbox.endpoint }).then(
    (stream) => {
      stream.destroy();
      throw new Error('the tunnel opened');
    },
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(OpenTunnelRefused);
  return error as OpenTunnelRefused;
}

/** Logs in over the tunnel with ssh2 and runs one command. */
function sshOver(stream: Duplex, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client
      .on('ready', () => {
        client.exec(command, (error, channel) => {
          if (error) return reject(error);
          let out = '';
          channel.on('data', (data: Buffer) => (out += data.toString('utf8')));
          channel.on('close', () => {
            client.end();
            resolve(out);
          });
        });
      })
      .on('error', reject)
      .connect({ sock: stream, username: 'ec2-user', privateKey: keyMaterial, readyTimeout: 15_000 });
  });
}

describe('EC2 Instance Connect Endpoint (Create/Describe/Delete and OpenTunnel)', () => {
  it('the private instance has no public address, only a private one in the VPC', async () => {
    expect(privateInstance.State?.Name).toBe('running');
    expect(privateInstance.PublicIpAddress).toBeUndefined();
    expect(privateInstance.PrivateIpAddress).toMatch(/^172\.31\./);
  });

  it('create-in-progress, then create-complete; Describe filters by VPC and state; an unknown id is NotFound', async () => {
    const endpoint = await createEndpoint();
    expect(endpoint.State).toBe('create-in-progress');
    expect(endpoint.InstanceConnectEndpointId).toMatch(/^eice-[0-9a-f]{17}$/);
    expect(endpoint.DnsName).toBe(
      `${endpoint.InstanceConnectEndpointId}.${endpoint.DnsName?.split('.')[1]}.ec2-instance-connect-endpoint.us-east-1.amazonaws.com`,
    );
    expect(endpoint.SecurityGroupIds).toEqual([defaultGroupId]);
    expect(endpoint.VpcId).toBe(privateInstance.VpcId);
    expect(endpoint.Tags).toEqual([{ Key: 'made-by', Value: 'test' }]);
    const described = await ec2.send(
      new DescribeInstanceConnectEndpointsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [privateInstance.VpcId ?? ''] },
          { Name: 'state', Values: ['create-complete'] },
        ],
      }),
    );
    expect(
      described.InstanceConnectEndpoints?.map((candidate) => candidate.InstanceConnectEndpointId),
    ).toContain(endpoint.InstanceConnectEndpointId);
    const missing = await errorOf(() =>
      ec2.send(
        new DescribeInstanceConnectEndpointsCommand({
          InstanceConnectEndpointIds: ['eice-0123456789abcdef0'],
        }),
      ),
    );
    expect(missing.name).toBe('InvalidInstanceConnectEndpointId.NotFound');
  });

  it('OpenTunnel carries an SSH login to the private instance with its key', async () => {
    const endpoint = await createEndpoint();
    await sandbox.control.tick();
    const url = await presignOpenTunnelUrl(targetOf(endpoint), {
      region: sandbox.region,
      credentials: credentials(),
    });
    expect(url).toMatch(
      /^wss:\/\/eice-[0-9a-f]+\.[0-9a-f]+\.ec2-instance-connect-endpoint\.us-east-1\.amazonaws\.com\/openTunnel\?/,
    );
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('60');
    const stream = await openTunnelStream(url, { endpointOverride: sandbox.endpoint });
    expect(await sshOver(stream, 'id -un; hostname')).toBe(`ec2-user\n${privateInstance.PrivateDnsName}\n`);
  });

  it('refuses a wrong secret, an expired URL, a long expiry and another service name, as AWS does', async () => {
    const endpoint = await createEndpoint();
    await sandbox.control.tick();
    const target = targetOf(endpoint);
    const wrongSecret = await refusalOf(
      await presignOpenTunnelUrl(target, {
        region: sandbox.region,
        credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: 'x'.repeat(40) },
      }),
    );
    expect([wrongSecret.status, wrongSecret.serviceMessage]).toEqual([
      403,
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    ]);
    const expired = await refusalOf(
      await presignOpenTunnelUrl(target, {
        region: sandbox.region,
        credentials: credentials(),
        signingDate: new Date(Date.now() - 61_000),
      }),
    );
    expect(expired.status).toBe(403);
    expect(expired.serviceMessage).toMatch(
      /^Signature expired: the presigned URL signed at \d{8}T\d{6}Z has expired\.$/,
    );
    const long = await refusalOf(
      await presignOpenTunnelUrl(target, {
        region: sandbox.region,
        credentials: credentials(),
        expiresIn: 300,
      }),
    );
    expect([long.status, long.serviceMessage]).toEqual([
      400,
      'X-Amz-Expires must be 60 seconds or less (it is 300).',
    ]);
    const unsigned = await refusalOf(
      `wss://${target.dnsName}/openTunnel?instanceConnectEndpointId=${target.endpointId}&remotePort=22&privateIpAddress=${target.privateIpAddress}`,
    );
    expect([unsigned.status, unsigned.serviceMessage]).toEqual([403, 'Missing Authentication Token']);
  });

  it('refuses an endpoint being deleted, and one whose source the instance group does not admit', async () => {
    const endpoint = await createEndpoint();
    await sandbox.control.tick();
    const deleted = await ec2.send(
      new DeleteInstanceConnectEndpointCommand({
        InstanceConnectEndpointId: endpoint.InstanceConnectEndpointId,
      }),
    );
    expect(deleted.InstanceConnectEndpoint?.State).toBe('delete-in-progress');
    const gone = await refusalOf(
      await presignOpenTunnelUrl(targetOf(endpoint), { region: sandbox.region, credentials: credentials() }),
    );
    expect([gone.status, gone.serviceMessage]).toEqual([
      409,
      `The instance connect endpoint ${endpoint.InstanceConnectEndpointId} is not available (state: delete-complete).`,
    ]);
    // PreserveClientIp: the instance sees this computer's address, which the default group does not admit.
    const preserving = await createEndpoint(true);
    await sandbox.control.tick();
    const url = () =>
      presignOpenTunnelUrl(targetOf(preserving), { region: sandbox.region, credentials: credentials() });
    const blocked = await refusalOf(await url());
    expect(blocked.status).toBe(504);
    expect(blocked.serviceMessage).toBe(
      `Connection to ${privateInstance.PrivateIpAddress}:22 timed out: the instance's security groups do not allow tcp/22 from the endpoint (${defaultGroupId}, ${sandbox.control.clientAddress}).`,
    );
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: defaultGroupId,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            IpRanges: [{ CidrIp: `${sandbox.control.clientAddress}/32` }],
          },
        ],
      }),
    );
    const stream = await openTunnelStream(await url(), { endpointOverride: sandbox.endpoint });
    expect(await sshOver(stream, 'id -un')).toBe('ec2-user\n');
    // The same rule does not open the instance's own port 22 to this computer: it has no public address.
    const direct = await openSsh(sshEndpointOf(privateInstance) ?? '', 'ec2-user', keyFile, 'true');
    expect(direct.code).toBe(255);
    expect(direct.stderr).toMatch(/Connection (reset|closed)/);
  });
});
