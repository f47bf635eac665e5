import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshEndpointTag } from '../sandbox';
import { awsCheckIpUrl } from '../recovery/network/egress-address';
import { resolveSshEndpoint } from '../recovery/paths/ssh-target';
import { startDemoAccount, type DemoAccount } from '../recovery/paths/test-support/demo-account';
import {
  egressAddressFor,
  practiceSshEndpointLookup,
  practiceSshEndpointTag,
  sshEndpointLookupFor,
} from './recovery-network-ports';

// The practice account's answers to the recovery engine's network ports, over HTTP with the real SDK.
let demo: DemoAccount;

beforeAll(async () => {
  demo = await startDemoAccount();
});
afterAll(async () => demo.stop());

describe('recovery network ports', () => {
  it("the practice lookup reads each instance's loopback endpoint tag; a stopped one has none", async () => {
    expect(practiceSshEndpointTag).toBe(sshEndpointTag);
    const lookup = sshEndpointLookupFor(demo.account);
    expect(lookup).toBeDefined();
    const opsBox = await demo.instance('ops-box');
    expect(await lookup?.endpointOf(opsBox.InstanceId ?? '', demo.region)).toEqual(
      await demo.endpoint('ops-box'),
    );
    const worker = await demo.instance('debian-worker');
    expect(worker.State?.Name).toBe('stopped');
    expect(await lookup?.endpointOf(worker.InstanceId ?? '', demo.region)).toBeNull();
    // What the SSH paths connect to: the loopback endpoint, not the instance's simulated public IP.
    expect(opsBox.PublicIpAddress).toBeTruthy();
    const endpoint = await resolveSshEndpoint({
      instanceId: opsBox.InstanceId ?? '',
      region: demo.region,
      addresses: { publicIp: opsBox.PublicIpAddress ?? null, publicDns: null, privateIp: null },
      ...(lookup ? { lookup } : {}),
    });
    expect(endpoint).toEqual({ ...(await demo.endpoint('ops-box')), source: 'endpointLookup' });
  });

  it('a tag that is not a loopback address is ignored', async () => {
    const bastion = await demo.instance('bastion');
    const record = demo.sandbox.control.state.regions[demo.region]?.instances.find(
      (instance) => instance.instanceId === bastion.InstanceId,
    );
    const tag = record?.tags.find((candidate) => candidate.Key === sshEndpointTag);
    const original = tag?.Value ?? '';
    try {
      // Set on the state directly: the API would let a user write any tag, which is the point.
      for (const value of ['10.0.0.1:22', '127.0.0.1:0', '127.0.0.1:99999', '127.0.0.1', 'x']) {
        if (tag) tag.Value = value;
        expect(
          await practiceSshEndpointLookup(demo.account).endpointOf(bastion.InstanceId ?? '', demo.region),
          value,
        ).toBeNull();
      }
    } finally {
      if (tag) tag.Value = original;
    }
  });

  it("this computer's address: the sandbox's /checkip for practice, AWS's checkip otherwise", async () => {
    const practice = egressAddressFor(demo.account);
    expect(practice.url).toBe(`${demo.sandbox.endpoint}/checkip`);
    expect(await practice.publicAddress()).toBe('203.0.113.7');
    const { endpoint: sandboxEndpoint, ...practiceAccount } = demo.account;
    const real = { ...practiceAccount, id: 'profile:dev', kind: 'profile' as const, mode: 'aws' as const };
    expect(egressAddressFor(real).url).toBe(awsCheckIpUrl);
    expect(sshEndpointLookupFor(real)).toBeUndefined();
    expect(
      sshEndpointLookupFor({ ...real, endpoint: 'https://ec2.us-east-1.amazonaws.com' }),
    ).toBeUndefined();
    // An endpoint account on this computer (`keyrescue sandbox`) reads the tag like the practice account.
    const local = sshEndpointLookupFor({ ...real, endpoint: sandboxEndpoint ?? '' });
    const opsBox = await demo.instance('ops-box');
    expect(await local?.endpointOf(opsBox.InstanceId ?? '', demo.region)).toEqual(
      await demo.endpoint('ops-box'),
    );
  });
});
