import { createHash } from 'node:crypto';
import { DescribeInstanceAttributeCommand, ModifyInstanceAttributeCommand } from '@aws-sdk/client-ec2';
import type { ResolvedAccount } from '../../aws/account-types';
import { withEc2Client } from '../../aws/with-aws-client';
import { stepPhrase, type StepPhrase } from '../journal/step-texts';

/**
 * An instance's user data as EC2 keeps it (research §4): DescribeInstanceAttribute returns the
 * base64 of the raw bytes (absent: none); ModifyInstanceAttribute takes the raw bytes as a blob
 * and the SDK base64-encodes them, so nothing here is ever pre-encoded (a string would be encoded
 * a second time). An empty blob serializes as `UserData.Value=`, EC2's way to remove user data.
 */

export interface UserDataTarget {
  account: ResolvedAccount;
  region: string;
  instanceId: string;
}

/** User data as read: `base64` exactly as EC2 returned it, `null` when there is none. */
export interface UserDataValue {
  base64: string | null;
}

export function bytesOf(value: UserDataValue): Uint8Array {
  return value.base64 === null ? new Uint8Array() : new Uint8Array(Buffer.from(value.base64, 'base64'));
}

/** A short digest of raw bytes for the journal (never the bytes: user data may hold secrets). */
export function digestOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`;
}

/** How a value is named in results and errors: `none`, or its size and digest. */
export function describeValue(value: UserDataValue): string {
  if (value.base64 === null) return 'none';
  const bytes = bytesOf(value);
  return `${bytes.length} bytes, ${digestOf(bytes)}`;
}

/** {@link describeValue} as a phrase for the journal's sentences (journal/step-texts.ts). */
export function valuePhrase(value: UserDataValue): StepPhrase {
  if (value.base64 === null) return stepPhrase('userData.none');
  const bytes = bytesOf(value);
  return stepPhrase('userData.value', { bytes: String(bytes.length), digest: digestOf(bytes) });
}

/** Same bytes (none equals none; an empty value is none, as EC2 answers after a removal). */
export function sameValue(a: UserDataValue, b: UserDataValue): boolean {
  return (a.base64 || null) === (b.base64 || null);
}

export function readUserData(target: UserDataTarget, signal?: AbortSignal): Promise<UserDataValue> {
  return withEc2Client(target.account, target.region, 'DescribeInstanceAttribute', async (ec2) => {
    const answer = await ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: target.instanceId, Attribute: 'userData' }),
      signal ? { abortSignal: signal } : {},
    );
    const value = answer.UserData?.Value;
    return { base64: value ? value : null };
  });
}

/** Sets the raw bytes (an empty array removes the user data); EC2 takes it only while stopped. */
export function writeUserData(target: UserDataTarget, bytes: Uint8Array): Promise<void> {
  return withEc2Client(target.account, target.region, 'ModifyInstanceAttribute', async (ec2) => {
    await ec2.send(
      new ModifyInstanceAttributeCommand({ InstanceId: target.instanceId, UserData: { Value: bytes } }),
    );
  });
}
