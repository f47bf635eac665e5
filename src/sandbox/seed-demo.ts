import { join } from 'node:path';
import type { RunInstancesRequest } from '@aws-sdk/client-ec2';
import { writeFileAtomic } from '../fs/atomic-write';
import { createKeyMaterial } from './key-material';
import type { ActionContext, SandboxEngine } from './engine';
import { newResourceId } from './ids';
import { amiIdFor } from './images';
import { launchInstances } from './instance-launch';
import { advanceTransitions } from './lifecycle';
import type { KeyPairRecord } from './model';
import { ensurePrivateDir } from '../fs/private-dir';
import { generateSandboxKey, importedFingerprint, publicLine } from './sandbox-keys';

/** Name of the demo key pair whose private key is "lost": it exists only as EC2's public key. */
export const lostKeyName = 'legacy-app-key';

function contextFor(engine: SandboxEngine, region: string): ActionContext {
  const rs = engine.store.state.regions[region];
  if (!rs) throw new Error(`Region ${region} is not in the sandbox state.`);
  return {
    engine,
    state: engine.store.state,
    region,
    rs,
    requestId: 'seed',
    nowIso: new Date(engine.clock.now()).toISOString(),
  };
}

function keyPairRecord(
  ctx: ActionContext,
  name: string,
  type: 'rsa' | 'ed25519',
  publicKey: string,
  fingerprint: string,
): KeyPairRecord {
  const record: KeyPairRecord = {
    keyPairId: newResourceId('key'),
    keyName: name,
    keyType: type,
    fingerprint,
    publicKey,
    createTime: ctx.nowIso,
    tags: [],
  };
  ctx.rs.keyPairs.push(record);
  return record;
}

/** A key pair EC2 "created": its private key goes to the practice keys folder (unless lost). */
async function createdKeyPair(
  ctx: ActionContext,
  name: string,
  type: 'rsa' | 'ed25519',
  keysDir: string | undefined,
): Promise<void> {
  const material = await createKeyMaterial(type, 'pem', name);
  keyPairRecord(ctx, name, type, material.publicKeyLine, material.fingerprint);
  if (keysDir)
    await writeFileAtomic(join(keysDir, `${name}.pem`), material.keyMaterial, {
      mode: 0o600,
      ownerOnly: true,
      overwrite: true,
    });
}

/** A key pair the user "imported" from a key made on their laptop (private key kept in OpenSSH form). */
async function importedKeyPair(
  ctx: ActionContext,
  name: string,
  type: 'rsa' | 'ed25519',
  keysDir: string | undefined,
): Promise<void> {
  const key = generateSandboxKey(type, `${name}@laptop`);
  const fingerprint = importedFingerprint({ type, bits: 0, publicBlob: key.publicBlob });
  keyPairRecord(ctx, name, type, publicLine(key.publicBlob), fingerprint);
  if (keysDir) {
    await writeFileAtomic(join(keysDir, name), key.opensshPrivate, {
      mode: 0o600,
      ownerOnly: true,
      overwrite: true,
    });
  }
}

async function launch(
  ctx: ActionContext,
  name: string,
  os: string,
  request: Partial<RunInstancesRequest>,
): Promise<string> {
  const [instance] = await launchInstances(ctx, {
    ImageId: amiIdFor(ctx.region, os),
    MinCount: 1,
    MaxCount: 1,
    InstanceType: 't3.micro',
    ...request,
    TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
  });
  if (!instance) throw new Error(`seed: ${name} did not launch`);
  return instance.instanceId;
}

function addSecurityGroup(ctx: ActionContext, name: string, description: string, cidrs: string[]): string {
  const groupId = newResourceId('sg');
  ctx.rs.securityGroups.push({
    groupId,
    groupName: name,
    description,
    ingress: cidrs.map((cidr) => ({
      ruleId: newResourceId('sgr'),
      protocol: 'tcp',
      fromPort: 22,
      toPort: 22,
      cidrs: [cidr],
    })),
  });
  return groupId;
}

/**
 * The `demo` practice account. us-east-1: key pairs created (RSA, Ed25519) and imported (RSA), one
 * whose private key is lost; instances on every OS image — the lost-key AL2023 web app, an
 * SSM-managed Ubuntu box whose port 22 is closed to this computer, an Instance Connect bastion on a Xen type, a stopped Debian worker, a
 * Windows server. eu-west-1: an imported Ed25519 key and one Ubuntu instance. Private keys that
 * are not lost are written to `keysDir` (mode 0600); the lost one is never written anywhere.
 */
export async function applyDemoSeed(engine: SandboxEngine, keysDir: string | undefined): Promise<void> {
  if (keysDir) await ensurePrivateDir(keysDir);
  const east = contextFor(engine, 'us-east-1');
  await createdKeyPair(east, 'practice-rsa', 'rsa', keysDir);
  await createdKeyPair(east, 'practice-ed25519', 'ed25519', keysDir);
  await importedKeyPair(east, 'laptop-rsa', 'rsa', keysDir);
  await createdKeyPair(east, lostKeyName, 'rsa', undefined);
  const webSsh = addSecurityGroup(east, 'web-ssh', 'SSH from the office range', ['203.0.113.0/24']);
  const bastionSsh = addSecurityGroup(east, 'bastion-ssh', 'SSH from anywhere (bastion)', ['0.0.0.0/0']);
  await launch(east, 'legacy-app', 'al2023', { KeyName: lostKeyName, SecurityGroupIds: [webSsh] });
  // Port 22 is open only to another network: this computer reaches ops-box through SSM, or after
  // a temporary ingress rule for its own address.
  const opsSsh = addSecurityGroup(east, 'ops-ssh', 'SSH from the old office VPN', ['198.51.100.0/24']);
  await launch(east, 'ops-box', 'ubuntu-24.04', {
    KeyName: 'practice-ed25519',
    InstanceType: 't3.small',
    SecurityGroupIds: [opsSsh],
    IamInstanceProfile: { Name: 'AmazonSSMRoleForInstancesQuickSetup' },
  });
  await launch(east, 'bastion', 'al2023', {
    KeyName: 'practice-rsa',
    InstanceType: 't2.micro',
    SecurityGroupIds: [bastionSsh],
  });
  const worker = await launch(east, 'debian-worker', 'debian-12', { KeyName: 'laptop-rsa' });
  await launch(east, 'windows-reporting', 'windows-2022', {
    KeyName: 'practice-rsa',
    InstanceType: 't3.medium',
    IamInstanceProfile: { Name: 'AmazonSSMRoleForInstancesQuickSetup' },
  });
  const west = contextFor(engine, 'eu-west-1');
  await importedKeyPair(west, 'eu-deploy', 'ed25519', keysDir);
  await launch(west, 'eu-api', 'ubuntu-24.04', { KeyName: 'eu-deploy' });
  // Boot everything once (first boot installs the key pair), then stop the worker.
  await advanceTransitions(engine);
  const stopped = east.rs.instances.find((instance) => instance.instanceId === worker);
  if (stopped) {
    stopped.state = 'stopping';
    stopped.stateSince = engine.clock.now();
    stopped.stateTransitionReason = `User initiated (${east.nowIso.slice(0, 19).replace('T', ' ')} GMT)`;
  }
  await advanceTransitions(engine);
}
