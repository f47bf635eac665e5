import { createHash } from 'node:crypto';
import {
  DeleteParameter$,
  GetParameter$,
  PutParameter$,
  type DeleteParameterRequest,
  type DeleteParameterResult,
  type GetParameterRequest,
  type GetParameterResult,
  type PutParameterRequest,
  type PutParameterResult,
} from '@aws-sdk/client-ssm';
import { apiError } from './api-error';
import { defineAction, required, type ActionContext, type ActionDefinition } from './engine';
import type { SsmParameterRecord } from './model';

const maxValueBytes = 4096;

function parameters(ctx: ActionContext): SsmParameterRecord[] {
  ctx.rs.parameters ??= [];
  return ctx.rs.parameters;
}

function validName(name: string): string {
  if (name.length > 2048 || !/^\/?[a-zA-Z0-9_.\-/]+$/.test(name) || name.split('/').length > 16) {
    throw apiError(
      'ValidationException',
      `Parameter name: can't be prefixed with "aws" or "ssm" (case-insensitive) and must use only a-zA-Z0-9_.-/`,
    );
  }
  return name;
}

function arnOf(ctx: ActionContext, name: string): string {
  return `arn:aws:ssm:${ctx.region}:${ctx.state.accountId}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
}

/** What GetParameter returns for a SecureString without decryption: KMS ciphertext, never the value. */
function ciphertextOf(record: SsmParameterRecord): string {
  const digest = createHash('sha256').update(`${record.name}\0${record.version}\0${record.value}`).digest();
  return `AQICAH${digest.toString('base64')}`;
}

const putParameter = defineAction<PutParameterRequest, PutParameterResult>(PutParameter$, (ctx, input) => {
  const name = validName(required(input.Name, 'Name'));
  const value = required(input.Value, 'Value');
  if (Buffer.byteLength(value) > maxValueBytes)
    throw apiError('ParameterMaxVersionLimitExceeded', 'Standard parameters are limited to 4 KB.');
  const type = input.Type ?? 'String';
  if (type !== 'String' && type !== 'StringList' && type !== 'SecureString')
    throw apiError('UnsupportedParameterType', `Parameter type ${String(type)} is not supported.`);
  const list = parameters(ctx);
  const existing = list.find((record) => record.name === name);
  if (existing && !input.Overwrite)
    throw apiError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
  const record: SsmParameterRecord = {
    name,
    type,
    value,
    version: (existing?.version ?? 0) + 1,
    lastModified: ctx.nowIso,
    ...(input.Description ? { description: input.Description } : {}),
  };
  if (existing) list.splice(list.indexOf(existing), 1, record);
  else list.push(record);
  return { Version: record.version, Tier: 'Standard' };
});

const getParameter = defineAction<GetParameterRequest, GetParameterResult>(
  GetParameter$,
  (ctx, input) => {
    const name = required(input.Name, 'Name');
    const record = parameters(ctx).find((candidate) => candidate.name === name);
    if (!record) throw apiError('ParameterNotFound', '');
    const decrypted = record.type !== 'SecureString' || input.WithDecryption === true;
    return {
      Parameter: {
        Name: record.name,
        Type: record.type,
        Value: decrypted ? record.value : ciphertextOf(record),
        Version: record.version,
        LastModifiedDate: new Date(record.lastModified),
        ARN: arnOf(ctx, record.name),
        DataType: 'text',
      },
    };
  },
  { readOnly: true },
);

const deleteParameter = defineAction<DeleteParameterRequest, DeleteParameterResult>(
  DeleteParameter$,
  (ctx, input) => {
    const name = required(input.Name, 'Name');
    const list = parameters(ctx);
    const index = list.findIndex((record) => record.name === name);
    if (index < 0) throw apiError('ParameterNotFound', '');
    list.splice(index, 1);
    return {};
  },
);

/** Parameter Store: Put/Get/DeleteParameter (SecureString comes back as ciphertext unless decrypted). */
export const ssmParameterActions: Record<string, ActionDefinition> = {
  PutParameter: putParameter,
  GetParameter: getParameter,
  DeleteParameter: deleteParameter,
};
