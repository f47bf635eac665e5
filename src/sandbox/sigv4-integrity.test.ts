import { DescribeKeyPairsCommand, EC2Client, ImportKeyPairCommand } from '@aws-sdk/client-ec2';
import { DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index';
import { fixtureRsaLine } from '../inventory/test-support/sandbox-account';

// The sandbox checks SigV4 as AWS does: it hashes the body it received, and refuses a request
// signed more than 15 minutes away from its clock. Real SDK clients, plus requests the SDK signed
// and this test then altered on the wire.
let sandbox: RunningSandbox;
const clients: { destroy(): void }[] = [];
const minutes = (n: number) => n * 60_000;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'empty' });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await sandbox.stop();
});

function credentials() {
  return { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey };
}

/** Clients whose clock is `offsetMs` off; maxAttempts 1 so the sandbox's first answer is what we see. */
function skewedClients(offsetMs: number, maxAttempts = 1) {
  const common = {
    endpoint: sandbox.endpoint,
    region: 'us-east-1',
    credentials: credentials(),
    systemClockOffset: offsetMs,
    maxAttempts,
  };
  const made = { ec2: new EC2Client(common), sts: new STSClient(common), ssm: new SSMClient(common) };
  clients.push(made.ec2, made.sts, made.ssm);
  return made;
}

async function failure(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the request to be refused');
}

interface CapturedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Lets the real SDK sign a request (with its clock `offsetMs` off) and hands it back unsent. */
async function signedBySdk(command: ImportKeyPairCommand, offsetMs = 0): Promise<CapturedRequest> {
  let captured: CapturedRequest | undefined;
  const client = new EC2Client({
    endpoint: sandbox.endpoint,
    region: 'us-east-1',
    credentials: credentials(),
    systemClockOffset: offsetMs,
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { path: string; headers: Record<string, string>; body: string }) => {
        captured = { path: request.path, headers: { ...request.headers }, body: String(request.body) };
        throw new Error('captured, not sent');
      },
    },
  });
  await client.send(command).catch(() => undefined);
  client.destroy();
  if (!captured) throw new Error('the SDK did not build a request');
  return captured;
}

async function replay(request: CapturedRequest) {
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(
      ([name]) => !['host', 'content-length'].includes(name.toLowerCase()),
    ),
  );
  const response = await fetch(`${sandbox.endpoint}${request.path}`, {
    method: 'POST',
    headers,
    body: request.body,
  });
  return { status: response.status, text: await response.text() };
}

const importCommand = (name: string) =>
  new ImportKeyPairCommand({ KeyName: name, PublicKeyMaterial: new TextEncoder().encode(fixtureRsaLine) });

describe('SigV4: the body is hashed, not taken on trust', () => {
  it('an untouched SDK-signed request is accepted when replayed (the control case)', async () => {
    const result = await replay(await signedBySdk(importCommand('intact')));
    expect(result.status).toBe(200);
    expect(result.text).toContain('<keyName>intact</keyName>');
  });

  it('a body changed after signing is refused, even with x-amz-content-sha256 naming the old body', async () => {
    const signed = await signedBySdk(importCommand('honest'));
    const tampered = {
      ...signed,
      body: signed.body.replace('KeyName=honest', 'KeyName=forged'),
      headers: {
        ...signed.headers,
        // The attacker's claim: "the body still hashes to what was signed".
        'x-amz-content-sha256': createHash('sha256').update(signed.body).digest('hex'),
      },
    };
    expect(tampered.body).not.toBe(signed.body);
    const result = await replay(tampered);
    expect(result.status).toBe(401);
    expect(result.text).toContain('<Code>AuthFailure</Code>');
    const names = await new EC2Client({
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: credentials(),
    })
      .send(new DescribeKeyPairsCommand({}))
      .then((out) => out.KeyPairs?.map((pair) => pair.KeyName));
    expect(names).not.toContain('forged');
  });

  it('UNSIGNED-PAYLOAD does not switch the body check off', async () => {
    const signed = await signedBySdk(importCommand('unsigned'));
    const result = await replay({
      ...signed,
      body: signed.body.replace('KeyName=unsigned', 'KeyName=sneaky'),
      headers: { ...signed.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
    expect(result.status).toBe(401);
  });
});

describe('SigV4: requests signed more than 15 minutes away are refused as AWS refuses them', () => {
  for (const [label, offset, wording] of [
    [
      '20 minutes late',
      -minutes(20),
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    ],
    [
      '20 minutes early',
      minutes(20),
      /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
    ],
  ] as const) {
    it(`a client clock ${label}: EC2 RequestExpired, STS SignatureDoesNotMatch, SSM InvalidSignatureException`, async () => {
      const { ec2, sts, ssm } = skewedClients(offset);
      expect(await failure(() => ec2.send(new DescribeKeyPairsCommand({})))).toEqual({
        name: 'RequestExpired',
        message: 'Request has expired.',
        status: 400,
      });
      const stsError = await failure(() => sts.send(new GetCallerIdentityCommand({})));
      expect(stsError).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
      expect(stsError.message).toMatch(wording);
      const ssmError = await failure(() => ssm.send(new DescribeInstanceInformationCommand({})));
      expect(ssmError).toMatchObject({ name: 'InvalidSignatureException', status: 400 });
      expect(ssmError.message).toMatch(wording);
    });
  }

  it('14 minutes off is still accepted', async () => {
    const { ec2, sts } = skewedClients(-minutes(14));
    await expect(ec2.send(new DescribeKeyPairsCommand({}))).resolves.toBeDefined();
    await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Account: expect.any(String),
    });
  });

  it('the SDK recognises the refusal and corrects its clock from the Date header, as with AWS', async () => {
    const { ec2, sts } = skewedClients(-minutes(30));
    expect((await failure(() => ec2.send(new DescribeKeyPairsCommand({})))).name).toBe('RequestExpired');
    expect((await failure(() => sts.send(new GetCallerIdentityCommand({})))).name).toBe(
      'SignatureDoesNotMatch',
    );
    // The offset now comes from the sandbox's clock (Date has one-second resolution) ...
    expect(Math.abs(ec2.config.systemClockOffset ?? Number.NaN)).toBeLessThan(5_000);
    // ... so the next calls are signed with the right time and go through.
    await expect(ec2.send(new DescribeKeyPairsCommand({}))).resolves.toBeDefined();
    await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
  });

  it('a correctly signed but old request, replayed by hand, is RequestExpired', async () => {
    const old = await signedBySdk(importCommand('replayed-later'), -minutes(16));
    const result = await replay(old);
    expect(result.status).toBe(400);
    expect(result.text).toContain('<Code>RequestExpired</Code>');
  });
});
