import { describe, expect, it } from 'vitest';
import { AppError } from '../../ipc/app-error';
import { recoveryErrorCodes } from '../recovery-errors';
import {
  chooseSshEndpoint,
  resolveSshEndpoint,
  sshEndpointText,
  type ChooseSshEndpointInput,
  type InstanceAddresses,
  type SshEndpoint,
  type SshEndpointLookup,
} from './ssh-target';

const all: InstanceAddresses = {
  publicIp: '54.1.2.3',
  publicDns: 'ec2-54-1-2-3.compute-1.amazonaws.com',
  privateIp: '10.0.0.5',
};
const none: InstanceAddresses = { publicIp: null, publicDns: null, privateIp: null };
const loopback = { host: '127.0.0.1', port: 40022 };

const table: [string, Omit<ChooseSshEndpointInput, 'instanceId'>, SshEndpoint][] = [
  ['public IP first', { addresses: all }, { host: '54.1.2.3', port: 22, source: 'publicIp' }],
  [
    'public DNS when there is no public IP',
    { addresses: { ...all, publicIp: null } },
    { host: 'ec2-54-1-2-3.compute-1.amazonaws.com', port: 22, source: 'publicDns' },
  ],
  [
    "EC2's empty strings count as absent",
    { addresses: { publicIp: '', publicDns: '  ', privateIp: '10.0.0.5' } },
    { host: '10.0.0.5', port: 22, source: 'privateIp' },
  ],
  [
    'the account lookup beats the instance addresses',
    { addresses: all, lookedUp: loopback },
    { ...loopback, source: 'endpointLookup' },
  ],
  [
    'a lookup that found nothing falls through',
    { addresses: all, lookedUp: null },
    { host: '54.1.2.3', port: 22, source: 'publicIp' },
  ],
  [
    "the user's host beats everything, port 22 by default",
    { addresses: all, lookedUp: loopback, override: { host: ' bastion.example.com ' } },
    { host: 'bastion.example.com', port: 22, source: 'override' },
  ],
  [
    "the user's host and port",
    { addresses: none, override: { host: '10.8.0.1', port: 2222 } },
    { host: '10.8.0.1', port: 2222, source: 'override' },
  ],
  [
    'a port alone applies to the chosen address',
    { addresses: all, override: { port: 2200 } },
    { host: '54.1.2.3', port: 2200, source: 'publicIp' },
  ],
  [
    'a remembered target beats the lookup and the addresses, with its own port',
    { addresses: all, lookedUp: loopback, remembered: { host: 'vpn.example.com', port: 2022 } },
    { host: 'vpn.example.com', port: 2022, source: 'remembered' },
  ],
  [
    "the user's host now beats the remembered one",
    { addresses: all, remembered: { host: 'vpn.example.com', port: 2022 }, override: { host: '10.8.0.1' } },
    { host: '10.8.0.1', port: 22, source: 'override' },
  ],
  [
    'a port given alone sets the remembered target aside',
    { addresses: all, remembered: { host: 'vpn.example.com', port: 2022 }, override: { port: 2200 } },
    { host: '54.1.2.3', port: 2200, source: 'publicIp' },
  ],
  [
    'a blank host is no override',
    { addresses: { ...none, privateIp: '10.0.0.9' }, override: { host: '' } },
    { host: '10.0.0.9', port: 22, source: 'privateIp' },
  ],
];

describe('chooseSshEndpoint', () => {
  it.each(table)('%s', (_name, input, expected) => {
    expect(chooseSshEndpoint({ instanceId: 'i-0abc', ...input })).toEqual(expected);
  });

  it('no address at all is sshNoAddress, naming the instance', () => {
    let caught: unknown;
    try {
      chooseSshEndpoint({ instanceId: 'i-0abc', addresses: none, override: { port: 2222 } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe(recoveryErrorCodes.sshNoAddress);
    expect((caught as AppError).details).toEqual({ instanceId: 'i-0abc' });
  });

  it('host:port text brackets IPv6 literals', () => {
    expect(sshEndpointText({ host: '10.0.0.1', port: 22 })).toBe('10.0.0.1:22');
    expect(sshEndpointText({ host: '2001:db8::1', port: 22 })).toBe('[2001:db8::1]:22');
  });
});

describe('resolveSshEndpoint', () => {
  // A fake lookup: the real one (src/app/recovery-network-ports.ts) is tested against the sandbox.
  function recordingLookup(answer: typeof loopback | null) {
    const asked: string[] = [];
    const lookup: SshEndpointLookup = {
      endpointOf: async (instanceId, region) => {
        asked.push(`${region}/${instanceId}`);
        return answer;
      },
    };
    return { asked, lookup };
  }

  it('asks the lookup with the instance and region, and uses its answer', async () => {
    const { asked, lookup } = recordingLookup(loopback);
    expect(
      await resolveSshEndpoint({ instanceId: 'i-0abc', region: 'us-east-1', addresses: all, lookup }),
    ).toEqual({ ...loopback, source: 'endpointLookup' });
    expect(asked).toEqual(['us-east-1/i-0abc']);
  });

  it('does not ask the lookup when the user gave a host', async () => {
    const { asked, lookup } = recordingLookup(loopback);
    const endpoint = await resolveSshEndpoint({
      instanceId: 'i-0abc',
      region: 'us-east-1',
      addresses: all,
      lookup,
      override: { host: '10.8.0.1' },
    });
    expect(endpoint.source).toBe('override');
    expect(asked).toEqual([]);
  });

  it('does not ask the lookup when a target is remembered for the instance', async () => {
    const { asked, lookup } = recordingLookup(loopback);
    const endpoint = await resolveSshEndpoint({
      instanceId: 'i-0abc',
      region: 'us-east-1',
      addresses: all,
      lookup,
      remembered: { host: 'vpn.example.com', port: 2022 },
    });
    expect(endpoint).toEqual({ host: 'vpn.example.com', port: 2022, source: 'remembered' });
    expect(asked).toEqual([]);
  });

  it('without a lookup, the instance addresses', async () => {
    expect(
      (await resolveSshEndpoint({ instanceId: 'i-0abc', region: 'us-east-1', addresses: all })).source,
    ).toBe('publicIp');
  });
});
