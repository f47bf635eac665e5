import { connect } from 'node:net';
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultClientAddress, startSandbox, type RunningSandbox } from './index';
import { errorOf } from './test-support/contract-target';
import { instanceNamed, sshEndpointOf } from './test-support/demo-lookup';
import { openSsh } from './test-support/openssh';

// The sandbox enforces security-group ingress on its SSH endpoints against the client address, so
// it runs in-process (the address is a sandbox option and the deny list a control).
let sandbox: RunningSandbox;
let ec2: EC2Client;

/** What a TCP client sees first: the server's SSH identification, or the connection dropped before it. */
function firstContact(endpoint: string): Promise<string> {
  const [host = '', port = ''] = endpoint.split(':');
  return new Promise((resolve) => {
    const socket = connect(Number(port), host);
    let settled = false;
    const done = (what: string) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(what);
    };
    socket.once('data', (data: Buffer) => done(data.toString('latin1').split('\r\n')[0] ?? ''));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    socket.once('close', () => done('closed'));
    socket.setTimeout(5000, () => done('timeout'));
  });
}

async function endpointOf(name: string): Promise<string> {
  return sshEndpointOf(await instanceNamed(ec2, name)) ?? '';
}

async function groupIdOf(name: string): Promise<string> {
  const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: [name] }));
  return SecurityGroups?.[0]?.GroupId ?? '';
}

function ssh22(cidr: string, protocol = 'tcp') {
  return [
    protocol === '-1'
      ? { IpProtocol: '-1', IpRanges: [{ CidrIp: cidr }] }
      : { IpProtocol: protocol, FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: cidr }] },
  ];
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' });
  ec2 = new EC2Client({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
  });
});

afterEach(() => sandbox.control.setClientAddress(defaultClientAddress));

afterAll(async () => {
  ec2.destroy();
  await sandbox.stop();
});

describe('security-group ingress on the sandbox SSH endpoints', () => {
  it('the demo: web and bastion admit this computer (203.0.113.7); ops-box resets the connection before any SSH', async () => {
    expect(sandbox.control.clientAddress).toBe('203.0.113.7');
    expect(await firstContact(await endpointOf('legacy-app'))).toBe('SSH-2.0-OpenSSH_8.7');
    expect(await firstContact(await endpointOf('bastion'))).toBe('SSH-2.0-OpenSSH_8.7');
    const ops = await endpointOf('ops-box');
    expect(ops).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await firstContact(ops)).toBe('ECONNRESET');
    // What a user's OpenSSH prints for it.
    const key = `${sandbox.control.demoKeysDir}/practice-ed25519.pem`;
    const refused = await openSsh(ops, 'ubuntu', key, 'true');
    expect(refused.code).toBe(255);
    // The reset is exact above (ECONNRESET on first contact). OpenSSH's own words depend on when the
    // reset lands: mostly "Connection reset by peer", once in CI nothing at all — never a login.
    expect(refused.stderr === '' || refused.stderr.includes('Connection reset by peer')).toBe(true);
    expect(refused.stderr).not.toContain('Permission denied');
  });

  it('authorize opens the port for exactly that /32; revoke closes it again', async () => {
    const ops = await endpointOf('ops-box');
    const group = await groupIdOf('ops-ssh');
    const other = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: group, IpPermissions: ssh22('203.0.113.8/32') }),
    );
    expect(await firstContact(ops)).toBe('ECONNRESET');
    const mine = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: group, IpPermissions: ssh22('203.0.113.7/32') }),
    );
    expect(await firstContact(ops)).toBe('SSH-2.0-OpenSSH_8.7');
    const key = `${sandbox.control.demoKeysDir}/practice-ed25519.pem`;
    const login = await openSsh(ops, 'ubuntu', key, 'id -un');
    expect(login.stdout).toBe('ubuntu\n');
    sandbox.control.setClientAddress('203.0.113.8');
    expect(await firstContact(ops)).toBe('SSH-2.0-OpenSSH_8.7');
    sandbox.control.setClientAddress('203.0.113.9');
    expect(await firstContact(ops)).toBe('ECONNRESET');
    sandbox.control.setClientAddress(defaultClientAddress);
    await ec2.send(
      new RevokeSecurityGroupIngressCommand({
        GroupId: group,
        SecurityGroupRuleIds: [mine.SecurityGroupRules?.[0]?.SecurityGroupRuleId ?? ''],
      }),
    );
    expect(await firstContact(ops)).toBe('ECONNRESET');
    await ec2.send(
      new RevokeSecurityGroupIngressCommand({ GroupId: group, IpPermissions: ssh22('203.0.113.8/32') }),
    );
    expect(other.SecurityGroupRules).toHaveLength(1);
  });

  it('an all-traffic rule (-1) opens port 22; a rule for another port or protocol does not', async () => {
    const ops = await endpointOf('ops-box');
    const group = await groupIdOf('ops-ssh');
    const https = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }];
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: group, IpPermissions: https }));
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: group,
        IpPermissions: ssh22('203.0.113.0/24', 'udp'),
      }),
    );
    expect(await firstContact(ops)).toBe('ECONNRESET');
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: group,
        IpPermissions: ssh22('203.0.113.0/24', '-1'),
      }),
    );
    expect(await firstContact(ops)).toBe('SSH-2.0-OpenSSH_8.7');
    for (const permissions of [https, ssh22('203.0.113.0/24', 'udp'), ssh22('203.0.113.0/24', '-1')])
      await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: group, IpPermissions: permissions }));
    expect(await firstContact(ops)).toBe('ECONNRESET');
  });

  it('another network: the office range reaches ops-box, the web group no longer admits it, the bastion still does', async () => {
    sandbox.control.setClientAddress('198.51.100.40');
    expect(await firstContact(await endpointOf('ops-box'))).toBe('SSH-2.0-OpenSSH_8.7');
    expect(await firstContact(await endpointOf('legacy-app'))).toBe('ECONNRESET');
    expect(await firstContact(await endpointOf('bastion'))).toBe('SSH-2.0-OpenSSH_8.7');
    expect(() => sandbox.control.setClientAddress('2001:db8::1')).toThrow('must be IPv4');
  });

  it('GET /checkip answers the client address, as checkip.amazonaws.com does', async () => {
    expect(await (await fetch(`${sandbox.endpoint}/checkip`)).text()).toBe('203.0.113.7\n');
    sandbox.control.setClientAddress('198.51.100.40');
    expect(await (await fetch(`${sandbox.endpoint}/checkip`)).text()).toBe('198.51.100.40\n');
  });

  it('DryRun follows the allow/deny policy: DryRunOperation, or UnauthorizedOperation when denied', async () => {
    const group = await groupIdOf('ops-ssh');
    const request = { GroupId: group, IpPermissions: ssh22('203.0.113.7/32'), DryRun: true };
    expect((await errorOf(() => ec2.send(new AuthorizeSecurityGroupIngressCommand(request)))).name).toBe(
      'DryRunOperation',
    );
    sandbox.control.deny(['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress']);
    try {
      for (const command of [
        new AuthorizeSecurityGroupIngressCommand(request),
        new RevokeSecurityGroupIngressCommand(request),
        new AuthorizeSecurityGroupIngressCommand({ ...request, DryRun: false }),
      ])
        expect((await errorOf(() => ec2.send(command))).name).toBe('UnauthorizedOperation');
    } finally {
      sandbox.control.allow(['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress']);
    }
    expect(await firstContact(await endpointOf('ops-box'))).toBe('ECONNRESET');
  });
});
