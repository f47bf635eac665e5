import {
  CreateKeyPair$,
  DeleteKeyPair$,
  DescribeKeyPairs$,
  ImportKeyPair$,
  type CreateKeyPairRequest,
  type KeyPair,
  type DeleteKeyPairRequest,
  type DeleteKeyPairResult,
  type DescribeKeyPairsRequest,
  type DescribeKeyPairsResult,
  type ImportKeyPairRequest,
  type ImportKeyPairResult,
} from '@aws-sdk/client-ec2';
import { apiError } from './api-error';
import { defineAction, required, type ActionContext, type ActionDefinition } from './engine';
import { applyFilters } from './filters';
import { newResourceId } from './ids';
import { createKeyMaterial, importPublicKeyMaterial } from './key-material';
import type { KeyPairRecord } from './model';
import { tagOutput, tagsFor } from './tags';

function checkKeyName(name: string | undefined): string {
  const keyName = required(name, 'KeyName');
  if (keyName.length > 255 || !/^[\x20-\x7e]+$/.test(keyName)) {
    throw apiError(
      'InvalidParameterValue',
      `Value (${keyName}) for parameter keyName is invalid. Expected: ASCII, at most 255 characters.`,
    );
  }
  return keyName;
}

function checkDuplicate(ctx: ActionContext, keyName: string): void {
  if (ctx.rs.keyPairs.some((pair) => pair.keyName === keyName)) {
    throw apiError('InvalidKeyPair.Duplicate', `The keypair '${keyName}' already exists.`);
  }
}

/** Finds a key pair by name; InvalidKeyPair.NotFound otherwise. */
export function findKeyPair(ctx: ActionContext, keyName: string): KeyPairRecord {
  const pair = ctx.rs.keyPairs.find((candidate) => candidate.keyName === keyName);
  if (!pair) throw apiError('InvalidKeyPair.NotFound', `The key pair '${keyName}' does not exist`);
  return pair;
}

const describeKeyPairs = defineAction<DescribeKeyPairsRequest, DescribeKeyPairsResult>(
  DescribeKeyPairs$,
  (ctx, input) => {
    let pairs = ctx.rs.keyPairs;
    if (input.KeyNames?.length) {
      for (const name of input.KeyNames) findKeyPair(ctx, name);
      pairs = pairs.filter((pair) => input.KeyNames?.includes(pair.keyName));
    }
    if (input.KeyPairIds?.length) {
      for (const id of input.KeyPairIds) {
        if (!ctx.rs.keyPairs.some((pair) => pair.keyPairId === id)) {
          throw apiError('InvalidKeyPair.NotFound', `The key pair '${id}' does not exist`);
        }
      }
      pairs = pairs.filter((pair) => input.KeyPairIds?.includes(pair.keyPairId));
    }
    pairs = applyFilters(
      pairs,
      input.Filters,
      {
        'key-name': (pair) => [pair.keyName],
        'key-pair-id': (pair) => [pair.keyPairId],
        fingerprint: (pair) => [pair.fingerprint],
        'key-type': (pair) => [pair.keyType],
      },
      (pair) => pair.tags,
    );
    return {
      KeyPairs: pairs.map((pair) => ({
        KeyPairId: pair.keyPairId,
        KeyType: pair.keyType,
        KeyName: pair.keyName,
        KeyFingerprint: pair.fingerprint,
        CreateTime: new Date(pair.createTime),
        Tags: tagOutput(pair.tags),
        PublicKey: input.IncludePublicKey ? `${pair.publicKey} ${pair.keyName}` : undefined,
      })),
    };
  },
  { readOnly: true },
);

const createKeyPair = defineAction<CreateKeyPairRequest, KeyPair>(CreateKeyPair$, async (ctx, input) => {
  const keyName = checkKeyName(input.KeyName);
  checkDuplicate(ctx, keyName);
  const keyType = input.KeyType ?? 'rsa';
  if (keyType !== 'rsa' && keyType !== 'ed25519')
    throw apiError('InvalidParameterValue', `Invalid key type '${keyType}'.`);
  const format = input.KeyFormat ?? 'pem';
  if (format !== 'pem' && format !== 'ppk')
    throw apiError('InvalidParameterValue', `Invalid key format '${format}'.`);
  const material = await createKeyMaterial(keyType, format, keyName);
  const record: KeyPairRecord = {
    keyPairId: newResourceId('key'),
    keyName,
    keyType,
    fingerprint: material.fingerprint,
    publicKey: material.publicKeyLine,
    createTime: ctx.nowIso,
    tags: tagsFor(input.TagSpecifications, 'key-pair'),
  };
  checkDuplicate(ctx, keyName);
  ctx.rs.keyPairs.push(record);
  return {
    KeyName: keyName,
    KeyFingerprint: record.fingerprint,
    KeyMaterial: material.keyMaterial,
    KeyPairId: record.keyPairId,
    Tags: tagOutput(record.tags),
  };
});

const importKeyPair = defineAction<ImportKeyPairRequest, ImportKeyPairResult>(
  ImportKeyPair$,
  (ctx, input) => {
    const keyName = checkKeyName(input.KeyName);
    const material = importPublicKeyMaterial(required(input.PublicKeyMaterial, 'PublicKeyMaterial'));
    checkDuplicate(ctx, keyName);
    const record: KeyPairRecord = {
      keyPairId: newResourceId('key'),
      keyName,
      keyType: material.keyType,
      fingerprint: material.fingerprint,
      publicKey: material.publicKeyLine,
      createTime: ctx.nowIso,
      tags: tagsFor(input.TagSpecifications, 'key-pair'),
    };
    ctx.rs.keyPairs.push(record);
    return {
      KeyName: keyName,
      KeyFingerprint: record.fingerprint,
      KeyPairId: record.keyPairId,
      Tags: tagOutput(record.tags),
    };
  },
);

const deleteKeyPair = defineAction<DeleteKeyPairRequest, DeleteKeyPairResult>(
  DeleteKeyPair$,
  (ctx, input) => {
    if (!input.KeyName && !input.KeyPairId)
      throw apiError('MissingParameter', 'The request must contain the parameter KeyName or KeyPairId');
    const index = ctx.rs.keyPairs.findIndex((pair) =>
      input.KeyPairId ? pair.keyPairId === input.KeyPairId : pair.keyName === input.KeyName,
    );
    // EC2 answers success for a key pair that does not exist (the delete is idempotent).
    if (index < 0) return { Return: true };
    const [removed] = ctx.rs.keyPairs.splice(index, 1);
    return { Return: true, KeyPairId: removed?.keyPairId };
  },
);

/** EC2 key pair actions. */
export const keyPairActions: Record<string, ActionDefinition> = {
  DescribeKeyPairs: describeKeyPairs,
  CreateKeyPair: createKeyPair,
  ImportKeyPair: importKeyPair,
  DeleteKeyPair: deleteKeyPair,
};
