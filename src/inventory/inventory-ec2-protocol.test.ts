import {
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  EC2Client,
  paginateDescribeInstances,
  type Instance,
} from '@aws-sdk/client-ec2';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryEc2Protocol } from './inventory-ec2-protocol';
import { awsStyleInstance, awsStyleResponse } from './test-support/describe-instances-xml';

// A local HTTP server replays fixed EC2 replies to the real SDK, so both protocols read the same bytes.
interface Reply {
  status: number;
  body: string;
}
let server: Server;
let endpoint: string;
let replies: Reply[] = [];
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push(body);
      const reply = replies.shift() ?? { status: 500, body: 'no reply queued' };
      response.writeHead(reply.status, { 'content-type': 'text/xml;charset=UTF-8' });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function client(lean: boolean): EC2Client {
  return new EC2Client({
    region: 'us-east-2',
    endpoint,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    ...(lean ? { protocol: InventoryEc2Protocol } : {}),
  });
}

/** What the inventory reads of an instance (see region-inventory.ts). */
function used(instance: Instance) {
  return {
    id: instance.InstanceId,
    keyName: instance.KeyName,
    state: instance.State,
    platform: instance.Platform,
    platformDetails: instance.PlatformDetails,
    zone: instance.Placement?.AvailabilityZone,
    publicIp: instance.PublicIpAddress,
    tags: instance.Tags,
  };
}

async function both(body: string) {
  const outputs = [];
  for (const lean of [false, true]) {
    replies = [{ status: 200, body }];
    const ec2 = client(lean);
    outputs.push(await ec2.send(new DescribeInstancesCommand({})));
    ec2.destroy();
  }
  return outputs as [(typeof outputs)[0], (typeof outputs)[0]];
}

describe('InventoryEc2Protocol with the real SDK over HTTP', () => {
  it('gives the same instance fields and next token as the SDK’s own deserializer', async () => {
    const body = awsStyleResponse(
      [
        [
          awsStyleInstance({
            id: 'i-0a1',
            keyName: 'prod & <test>'.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;'),
            publicIp: '3.15.0.1',
            platformDetails: 'Linux/UNIX',
            tags: [
              ['Name', '本番 web &#x65E5;&#26412;'],
              ['owner', ''],
            ],
          }),
          awsStyleInstance({ id: 'i-0a2', state: [80, 'stopped'], az: 'us-east-2c' }),
        ],
        [
          awsStyleInstance({
            id: 'i-0b1',
            keyName: 'win',
            platform: 'windows',
            platformDetails: 'Windows',
            state: [48, 'terminated'],
          }),
        ],
      ],
      'eyJ2IjoiMiJ9',
    );
    const [sdk, lean] = await both(body);
    const sdkInstances = (sdk.Reservations ?? []).flatMap((r) => r.Instances ?? []).map(used);
    const leanInstances = (lean.Reservations ?? []).flatMap((r) => r.Instances ?? []).map(used);
    expect(sdkInstances).toHaveLength(3);
    expect(leanInstances).toEqual(sdkInstances);
    expect(lean.NextToken).toBe('eyJ2IjoiMiJ9');
    expect(lean.NextToken).toBe(sdk.NextToken);
    expect(lean.$metadata.httpStatusCode).toBe(200);
  });

  it('pages with the SDK paginator, sending each next token back', async () => {
    replies = [
      { status: 200, body: awsStyleResponse([[awsStyleInstance({ id: 'i-1' })]], 'page-2') },
      { status: 200, body: awsStyleResponse([[awsStyleInstance({ id: 'i-2' })]]) },
    ];
    requests.length = 0;
    const ec2 = client(true);
    const ids: string[] = [];
    for await (const page of paginateDescribeInstances({ client: ec2, pageSize: 1000 }, {}))
      for (const r of page.Reservations ?? [])
        for (const i of r.Instances ?? []) ids.push(i.InstanceId ?? '');
    ec2.destroy();
    expect(ids).toEqual(['i-1', 'i-2']);
    expect(requests).toHaveLength(2);
    expect(new URLSearchParams(requests[1]).get('NextToken')).toBe('page-2');
  });

  it('leaves errors to the SDK: the same error name, code and message as the default protocol', async () => {
    const errorBody =
      '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>abc</RequestID></Response>';
    const errors = [];
    for (const lean of [false, true]) {
      replies = [{ status: 403, body: errorBody }];
      const ec2 = client(lean);
      errors.push(await ec2.send(new DescribeInstancesCommand({})).catch((error: unknown) => error as Error));
      ec2.destroy();
    }
    const [sdkError, leanError] = errors as [Error & { Code?: string }, Error & { Code?: string }];
    expect(leanError.name).toBe('UnauthorizedOperation');
    expect([leanError.name, leanError.message]).toEqual([sdkError.name, sdkError.message]);
  });

  it('reports a reply that is not EC2 XML as an error naming DescribeInstances', async () => {
    replies = [{ status: 200, body: '<html><body>captive portal</body></html>' }];
    const ec2 = client(true);
    await expect(ec2.send(new DescribeInstancesCommand({}))).rejects.toThrow(
      'DescribeInstances returned XML that could not be read (unexpected <html>).',
    );
    ec2.destroy();
  });

  it('leaves every other operation to the SDK’s deserializer', async () => {
    replies = [
      {
        status: 200,
        body: `<DescribeKeyPairsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><keySet><item><keyPairId>key-1</keyPairId><keyName>web</keyName><keyFingerprint>ab:cd</keyFingerprint><keyType>rsa</keyType><createTime>2024-01-02T03:04:05.000Z</createTime><tagSet/></item></keySet></DescribeKeyPairsResponse>`,
      },
    ];
    const ec2 = client(true);
    const output = await ec2.send(new DescribeKeyPairsCommand({}));
    ec2.destroy();
    expect(output.KeyPairs).toEqual([
      {
        KeyPairId: 'key-1',
        KeyName: 'web',
        KeyFingerprint: 'ab:cd',
        KeyType: 'rsa',
        CreateTime: new Date('2024-01-02T03:04:05.000Z'),
        Tags: [],
      },
    ]);
  });
});
