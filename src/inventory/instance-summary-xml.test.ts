import { describe, expect, it } from 'vitest';
import { readInstanceSummaries } from './instance-summary-xml';
import { awsStyleInstance, awsStyleResponse } from './test-support/describe-instances-xml';

describe('readInstanceSummaries', () => {
  it('reads the fields the inventory shows from a pretty-printed EC2 reply, across reservations', () => {
    const xml = awsStyleResponse(
      [
        [
          awsStyleInstance({
            id: 'i-1',
            keyName: 'web',
            publicIp: '3.15.0.1',
            platformDetails: 'Linux/UNIX',
            tags: [
              ['Name', 'web-1'],
              ['team', 'ops'],
            ],
          }),
          awsStyleInstance({ id: 'i-2', keyName: 'web', state: [80, 'stopped'], az: 'us-east-2b' }),
        ],
        [
          awsStyleInstance({
            id: 'i-3',
            platform: 'windows',
            platformDetails: 'Windows',
            state: [48, 'terminated'],
          }),
        ],
      ],
      'token-2',
    );
    expect(readInstanceSummaries(xml)).toEqual({
      instances: [
        {
          InstanceId: 'i-1',
          KeyName: 'web',
          State: { Code: 16, Name: 'running' },
          Placement: { AvailabilityZone: 'us-east-2a' },
          PublicIpAddress: '3.15.0.1',
          PlatformDetails: 'Linux/UNIX',
          Tags: [
            { Key: 'Name', Value: 'web-1' },
            { Key: 'team', Value: 'ops' },
          ],
        },
        {
          InstanceId: 'i-2',
          KeyName: 'web',
          State: { Code: 80, Name: 'stopped' },
          Placement: { AvailabilityZone: 'us-east-2b' },
        },
        {
          InstanceId: 'i-3',
          State: { Code: 48, Name: 'terminated' },
          Placement: { AvailabilityZone: 'us-east-2a' },
          Platform: 'windows',
          PlatformDetails: 'Windows',
        },
      ],
      nextToken: 'token-2',
    });
  });

  it('decodes entity and character references and CDATA, and keeps empty values as empty strings', () => {
    const xml = awsStyleResponse([
      [
        awsStyleInstance({
          id: 'i-1',
          keyName: 'a&amp;b &lt;prod&gt;',
          tags: [
            ['Name', '&quot;web&quot; &apos;1&apos; &#26085;&#x672C; &#x1F511; &amp;amp; &constructor;'],
            ['empty', ''],
            ['cdata', '<![CDATA[<raw> & &amp;]]>'],
          ],
        }),
      ],
    ]).replace('<key>empty</key>\n                            <value></value>', '<key>empty</key><value/>');
    const [instance] = readInstanceSummaries(xml).instances;
    expect(instance?.KeyName).toBe('a&b <prod>');
    expect(instance?.Tags).toEqual([
      { Key: 'Name', Value: `"web" '1' 日本 🔑 &amp; &constructor;` },
      { Key: 'empty', Value: '' },
      { Key: 'cdata', Value: '<raw> & &amp;' },
    ]);
  });

  it('reads a reply with no instances and no next token', () => {
    expect(
      readInstanceSummaries(
        '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>x</requestId><reservationSet/></DescribeInstancesResponse>',
      ),
    ).toEqual({ instances: [] });
  });

  it.each([
    ['an HTML error page', '<html><body>Bad gateway</body></html>', 'unexpected <html>'],
    ['an empty body', '', 'no DescribeInstancesResponse element'],
    [
      'a body cut off inside a tag',
      ((xml: string) => xml.slice(0, xml.indexOf('<instanceId>') + 5))(
        awsStyleResponse([[awsStyleInstance({ id: 'i-1' })]]),
      ),
      'unterminated markup',
    ],
    [
      'a body cut off between elements',
      '<DescribeInstancesResponse><reservationSet><item>',
      '<item> is never closed',
    ],
    ['an unterminated comment at the very start', '<!-- <DescribeInstancesResponse/>', 'unterminated markup'],
    [
      'a stray closing tag',
      '<DescribeInstancesResponse></DescribeInstancesResponse></x>',
      'a closing tag without an opening one',
    ],
    [
      'two roots',
      '<DescribeInstancesResponse/><DescribeInstancesResponse/>',
      'unexpected <DescribeInstancesResponse>',
    ],
  ])('refuses %s with a specific reason', (_label, xml, reason) => {
    expect(() => readInstanceSummaries(xml)).toThrow(
      `DescribeInstances returned XML that could not be read (${reason}).`,
    );
  });
});
