import { createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CreateKeyPairCommand,
  DeleteKeyPairCommand,
  DescribeAvailabilityZonesCommand,
  DescribeKeyPairsCommand,
  DescribeRegionsCommand,
  ImportKeyPairCommand,
  waitUntilKeyPairExists,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectContractTarget, errorOf, type ContractTarget } from './test-support/contract-target';

const run = promisify(execFile);

/** EC2's created-key fingerprint: SHA-1 of the PKCS#8 DER, colon-hex. */
function sha1Pkcs8(key: KeyObject): string {
  const digest = createHash('sha1')
    .update(key.export({ type: 'pkcs8', format: 'der' }))
    .digest('hex');
  return digest.replace(/(..)(?!$)/g, '$1:');
}
let target: ContractTarget;
let dir: string;
const prefix = `kr-contract-${Date.now().toString(36)}`;

beforeAll(async () => {
  target = await connectContractTarget();
  dir = await mkdtemp(join(tmpdir(), 'kr-contract-keys-'));
});

afterAll(async () => {
  const { KeyPairs } = await target.ec2.send(
    new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: [`${prefix}*`] }] }),
  );
  for (const pair of KeyPairs ?? [])
    await target.ec2.send(new DeleteKeyPairCommand({ KeyPairId: pair.KeyPairId }));
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

/** ssh-keygen makes the key (a real peer), so the imported material is what users actually have. */
async function sshKeygen(type: 'rsa' | 'ed25519', name: string): Promise<{ pub: string; path: string }> {
  const path = join(dir, name);
  await run('ssh-keygen', [
    '-q',
    '-t',
    type,
    ...(type === 'rsa' ? ['-b', '2048'] : []),
    '-N',
    '',
    '-C',
    name,
    '-f',
    path,
  ]);
  return { pub: await readFile(`${path}.pub`, 'utf8'), path };
}

describe('STS and regions', () => {
  it('GetCallerIdentity names an account and an ARN', async () => {
    const identity = await target.sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toMatch(/^\d{12}$/);
    expect(identity.Arn).toMatch(new RegExp(`^arn:aws:(iam|sts)::${identity.Account}:`));
  });

  it('DescribeRegions lists the enabled regions, AllRegions adds opt-in ones', async () => {
    const enabled = await target.ec2.send(new DescribeRegionsCommand({}));
    expect(enabled.Regions?.map((region) => region.RegionName)).toContain(target.region);
    const all = await target.ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    expect(all.Regions?.length).toBeGreaterThan(enabled.Regions?.length ?? 0);
    expect(all.Regions?.some((region) => region.OptInStatus === 'not-opted-in')).toBe(true);
  });

  it('DescribeAvailabilityZones lists zones of the request region', async () => {
    const { AvailabilityZones } = await target.ec2.send(new DescribeAvailabilityZonesCommand({}));
    expect(AvailabilityZones?.length).toBeGreaterThan(1);
    for (const zone of AvailabilityZones ?? []) {
      expect(zone.RegionName).toBe(target.region);
      expect(zone.ZoneName?.startsWith(target.region)).toBe(true);
    }
  });
});

describe('CreateKeyPair', () => {
  it('RSA pem returns PKCS#1 material whose SHA-1 PKCS#8 fingerprint EC2 shows', async () => {
    const created = await target.ec2.send(new CreateKeyPairCommand({ KeyName: `${prefix}-rsa` }));
    expect(created.KeyMaterial).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    // Checked with node:crypto and openssl, never the app's src/keys (the sandbox is its peer).
    const key = createPrivateKey(created.KeyMaterial ?? '');
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(created.KeyFingerprint).toBe(sha1Pkcs8(key));
    expect(created.KeyPairId).toMatch(/^key-[0-9a-f]{17}$/);
    // openssl computes the same SHA-1 over the PKCS#8 DER (independent peer).
    const pemPath = join(dir, 'created-rsa.pem');
    await writeFile(pemPath, created.KeyMaterial ?? '', { mode: 0o600 });
    const { stdout } = await run('sh', [
      '-c',
      `openssl pkcs8 -topk8 -nocrypt -in '${pemPath}' -outform DER | openssl sha1 -c`,
    ]);
    expect(stdout.trim().split(' ').pop()).toBe(created.KeyFingerprint);
  });

  it('Ed25519 pem returns an OpenSSH private key; ppk returns a real PuTTY file', async () => {
    const ed = await target.ec2.send(
      new CreateKeyPairCommand({ KeyName: `${prefix}-ed`, KeyType: 'ed25519' }),
    );
    expect(ed.KeyMaterial).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    const edPath = join(dir, 'created-ed');
    await writeFile(edPath, ed.KeyMaterial ?? '', { mode: 0o600 });
    const { stdout: edPub } = await run('ssh-keygen', ['-y', '-f', edPath]);
    const { stdout: edPrint } = await run('sh', ['-c', `ssh-keygen -l -f '${edPath}'`]);
    expect(`${edPrint.split(' ')[1]?.replace('SHA256:', '')}=`).toBe(ed.KeyFingerprint);
    expect(edPub.startsWith('ssh-ed25519 ')).toBe(true);

    const ppk = await target.ec2.send(
      new CreateKeyPairCommand({ KeyName: `${prefix}-ppk`, KeyFormat: 'ppk' }),
    );
    expect(ppk.KeyMaterial).toMatch(/^PuTTY-User-Key-File-2: ssh-rsa\r?\n/);
    const ppkPath = join(dir, 'created.ppk');
    await writeFile(ppkPath, ppk.KeyMaterial ?? '', { mode: 0o600 });
    await run('puttygen', [ppkPath, '-O', 'private-openssh', '-o', `${ppkPath}.pem`]);
    expect(sha1Pkcs8(createPrivateKey(await readFile(`${ppkPath}.pem`, 'utf8')))).toBe(ppk.KeyFingerprint);
  });

  it('a second key pair with the same name is InvalidKeyPair.Duplicate', async () => {
    await target.ec2.send(new CreateKeyPairCommand({ KeyName: `${prefix}-dup`, KeyType: 'ed25519' }));
    const error = await errorOf(() =>
      target.ec2.send(new CreateKeyPairCommand({ KeyName: `${prefix}-dup`, KeyType: 'ed25519' })),
    );
    expect(error.name).toBe('InvalidKeyPair.Duplicate');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('DryRun answers DryRunOperation (412) and creates nothing', async () => {
    const error = await errorOf(() =>
      target.ec2.send(new CreateKeyPairCommand({ KeyName: `${prefix}-dry`, DryRun: true })),
    );
    expect(error.name).toBe('DryRunOperation');
    expect(error.$metadata?.httpStatusCode).toBe(412);
    const missing = await errorOf(() =>
      target.ec2.send(new DescribeKeyPairsCommand({ KeyNames: [`${prefix}-dry`] })),
    );
    expect(missing.name).toBe('InvalidKeyPair.NotFound');
  });
});

describe('ImportKeyPair', () => {
  it('Ed25519 OpenSSH line: fingerprint is the padded base64 SHA-256 (ssh-keygen -l plus "=")', async () => {
    const { pub, path } = await sshKeygen('ed25519', 'imp-ed');
    const imported = await target.ec2.send(
      new ImportKeyPairCommand({ KeyName: `${prefix}-imp-ed`, PublicKeyMaterial: Buffer.from(pub) }),
    );
    const { stdout } = await run('ssh-keygen', ['-l', '-f', `${path}.pub`]);
    expect(imported.KeyFingerprint).toBe(`${stdout.split(' ')[1]?.replace('SHA256:', '')}=`);
  });

  it('RSA as OpenSSH line, RFC 4716 and base64 DER all give the MD5-of-SPKI fingerprint', async () => {
    const { pub, path } = await sshKeygen('rsa', 'imp-rsa');
    const { stdout: md5 } = await run('sh', [
      '-c',
      `ssh-keygen -e -m PKCS8 -f '${path}.pub' | openssl pkey -pubin -outform DER | openssl md5 -c`,
    ]);
    const expected = md5.trim().split(' ').pop();
    const { stdout: rfc4716 } = await run('ssh-keygen', ['-e', '-f', `${path}.pub`]);
    const { stdout: der } = await run('sh', [
      '-c',
      `ssh-keygen -e -m PKCS8 -f '${path}.pub' | openssl pkey -pubin -outform DER | base64 -w0`,
    ]);
    const forms = { line: pub, rfc4716, der };
    for (const [form, material] of Object.entries(forms)) {
      const imported = await target.ec2.send(
        new ImportKeyPairCommand({
          KeyName: `${prefix}-imp-${form}`,
          PublicKeyMaterial: Buffer.from(material),
        }),
      );
      expect(imported.KeyFingerprint, form).toBe(expected);
    }
  });

  it('rejects material that is not a public key with InvalidKey.Format', async () => {
    const error = await errorOf(() =>
      target.ec2.send(
        new ImportKeyPairCommand({
          KeyName: `${prefix}-bad`,
          PublicKeyMaterial: Buffer.from('ssh-rsa not-base64!'),
        }),
      ),
    );
    expect(error.name).toBe('InvalidKey.Format');
  });
});

describe('DescribeKeyPairs and DeleteKeyPair', () => {
  it('filters, ids, IncludePublicKey, waiter, delete by id and by name', async () => {
    const { pub } = await sshKeygen('ed25519', 'desc');
    const imported = await target.ec2.send(
      new ImportKeyPairCommand({
        KeyName: `${prefix}-desc`,
        PublicKeyMaterial: Buffer.from(pub),
        TagSpecifications: [{ ResourceType: 'key-pair', Tags: [{ Key: 'team', Value: 'contract' }] }],
      }),
    );
    await waitUntilKeyPairExists({ client: target.ec2, maxWaitTime: 30 }, { KeyNames: [`${prefix}-desc`] });
    const byTag = await target.ec2.send(
      new DescribeKeyPairsCommand({
        Filters: [{ Name: 'tag:team', Values: ['contract'] }],
        IncludePublicKey: true,
      }),
    );
    expect(byTag.KeyPairs?.map((pair) => pair.KeyName)).toEqual([`${prefix}-desc`]);
    const [pair] = byTag.KeyPairs ?? [];
    expect(pair?.KeyType).toBe('ed25519');
    expect(pair?.PublicKey?.split(' ').slice(0, 2).join(' ')).toBe(pub.split(' ').slice(0, 2).join(' '));
    expect(pair?.CreateTime).toBeInstanceOf(Date);
    const byId = await target.ec2.send(
      new DescribeKeyPairsCommand({ KeyPairIds: [imported.KeyPairId ?? ''] }),
    );
    expect(byId.KeyPairs?.[0]?.PublicKey).toBeUndefined();
    const byFingerprint = await target.ec2.send(
      new DescribeKeyPairsCommand({
        Filters: [{ Name: 'fingerprint', Values: [imported.KeyFingerprint ?? ''] }],
      }),
    );
    expect(byFingerprint.KeyPairs?.map((p) => p.KeyPairId)).toEqual([imported.KeyPairId]);

    await target.ec2.send(new DeleteKeyPairCommand({ KeyPairId: imported.KeyPairId }));
    const gone = await errorOf(() =>
      target.ec2.send(new DescribeKeyPairsCommand({ KeyNames: [`${prefix}-desc`] })),
    );
    expect(gone.name).toBe('InvalidKeyPair.NotFound');
    await target.ec2.send(new CreateKeyPairCommand({ KeyName: `${prefix}-byname`, KeyType: 'ed25519' }));
    await target.ec2.send(new DeleteKeyPairCommand({ KeyName: `${prefix}-byname` }));
    const unknownFilter = await errorOf(() =>
      target.ec2.send(new DescribeKeyPairsCommand({ Filters: [{ Name: 'no-such-filter', Values: ['x'] }] })),
    );
    expect(unknownFilter.name).toBe('InvalidParameterValue');
  });
});
