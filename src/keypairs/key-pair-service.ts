import {
  CreateKeyPairCommand,
  DeleteKeyPairCommand,
  ImportKeyPairCommand,
  type EC2Client,
  type TagSpecification,
} from '@aws-sdk/client-ec2';
import type { ResolvedAccount } from '../aws/account-types';
import { toAwsAppError } from '../aws/aws-errors';
import { withEc2Client } from '../aws/with-aws-client';
import { AppError } from '../ipc/app-error';
import type { CreateOutcome, PublicKeySource } from '../ipc/contracts/keypairs';
import {
  computeFingerprints,
  decodePrivateKey,
  encodePrivateKey,
  generatePrivateKey,
  publicKeyToOpenSSH,
} from '../keys';
import { assertUsableName, keyPairExists, nameProblem, type NameProblem } from './key-pair-names';
import { PendingPrivateKeys, type PendingPrivateKey } from './pending-private-keys';
import { assertImportable, resolvePublicKey } from './public-key-source';
import { fileErrorCodes } from '../fs/file-errors';
import { keyPairErrorCodes } from './keypair-errors';
import { KeyFiles, type KeyFileCaller } from '../keys/key-files';

export interface Tag {
  key: string;
  value: string;
}

export interface CreateRequest {
  region: string;
  name: string;
  method: 'local' | 'aws';
  keyType: 'rsa' | 'ed25519';
  bits?: 2048 | 3072 | 4096;
  format: 'openssh' | 'pem' | 'ppk';
  path: string;
  passphrase?: string;
  overwrite?: boolean;
  tags: Tag[];
}

export interface KeyPairRef {
  region: string;
  name: string;
  id: string;
  type: string;
  fingerprint: string;
}

function tagSpecifications(tags: Tag[]): TagSpecification[] | undefined {
  for (const tag of tags) {
    if (!tag.key || tag.key.toLowerCase().startsWith('aws:')) {
      throw new AppError(
        keyPairErrorCodes.tagInvalid,
        `Tag key "${tag.key}" is not allowed: keys must be non-empty and cannot start with "aws:".`,
        { key: tag.key },
      );
    }
  }
  return tags.length
    ? [{ ResourceType: 'key-pair', Tags: tags.map((tag) => ({ Key: tag.key, Value: tag.value })) }]
    : undefined;
}

/**
 * Creates, imports and deletes key pairs. The rule it exists for: no key pair may exist in AWS
 * whose private key was never saved — so a local key is written before its public half is imported,
 * and an AWS-created key is written before success is reported, or kept pending until it is.
 */
export class KeyPairService {
  private readonly pending = new PendingPrivateKeys();

  constructor(private readonly keyFiles: KeyFiles = new KeyFiles()) {}

  private withClient<T>(
    account: ResolvedAccount,
    region: string,
    run: (client: EC2Client) => Promise<T>,
    operation: string,
  ): Promise<T> {
    return withEc2Client(account, region, operation, run);
  }

  async checkName(
    account: ResolvedAccount,
    region: string,
    name: string,
  ): Promise<{ valid: boolean; problem: NameProblem | null }> {
    const problem = nameProblem(name);
    if (problem) return { valid: false, problem };
    const taken = await this.withClient(
      account,
      region,
      (client) => keyPairExists(client, name),
      'DescribeKeyPairs',
    );
    return taken ? { valid: false, problem: 'duplicate' } : { valid: true, problem: null };
  }

  async create(
    account: ResolvedAccount,
    request: CreateRequest,
    caller: KeyFileCaller,
  ): Promise<CreateOutcome> {
    if (request.method === 'aws' && request.format === 'openssh') {
      throw new AppError(
        keyPairErrorCodes.formatUnavailable,
        'AWS returns new keys as PEM or PPK; choose one of those, or generate the key on this computer.',
      );
    }
    await this.keyFiles.checkTarget(request.path, { overwrite: request.overwrite ?? false, caller });
    return request.method === 'local'
      ? this.createLocally(account, request, caller)
      : this.createInAws(account, request, caller);
  }

  /** Generate here, save, then import only the public key. A failed import leaves a saved, unused key file. */
  private async createLocally(
    account: ResolvedAccount,
    request: CreateRequest,
    caller: KeyFileCaller,
  ): Promise<CreateOutcome> {
    const tags = tagSpecifications(request.tags);
    return this.withClient(
      account,
      request.region,
      async (client) => {
        await assertUsableName(client, request.name, request.region);
        const key = await generatePrivateKey({
          type: request.keyType,
          bits: request.bits,
          comment: request.name,
        });
        const format = request.format === 'ppk' ? 'ppk3' : request.format;
        const text = await encodePrivateKey(key, {
          format,
          ...(request.passphrase ? { passphrase: request.passphrase } : {}),
        });
        await this.keyFiles.writePrivateKey(request.path, text, {
          overwrite: request.overwrite ?? false,
          caller,
        });
        let result;
        try {
          result = await client.send(
            new ImportKeyPairCommand({
              KeyName: request.name,
              PublicKeyMaterial: Buffer.from(publicKeyToOpenSSH(key, request.name)),
              TagSpecifications: tags,
            }),
          );
        } catch (error) {
          const cause = toAwsAppError(error, {
            account: account.id,
            profile: account.profile,
            region: request.region,
            operation: 'ImportKeyPair',
          });
          throw new AppError(
            keyPairErrorCodes.importFailedKeySaved,
            `The new key was saved to ${request.path}, but AWS did not import it: ${cause.message}`,
            {
              ...cause.details,
              path: request.path,
            },
          );
        }
        return {
          status: 'saved',
          keyPair: {
            region: request.region,
            name: request.name,
            id: result.KeyPairId ?? '',
            type: request.keyType,
            fingerprint: result.KeyFingerprint ?? computeFingerprints(key.publicKey).awsImported,
          },
          path: request.path,
          pendingId: null,
          saveError: null,
        };
      },
      'ImportKeyPair',
    );
  }

  /** CreateKeyPair, then write the key AWS returns once; on a failed write keep it pending. */
  private async createInAws(
    account: ResolvedAccount,
    request: CreateRequest,
    caller: KeyFileCaller,
  ): Promise<CreateOutcome> {
    const tags = tagSpecifications(request.tags);
    const format = request.format === 'ppk' ? 'ppk' : 'pem';
    const created = await this.withClient(
      account,
      request.region,
      async (client) => {
        await assertUsableName(client, request.name, request.region);
        return client.send(
          new CreateKeyPairCommand({
            KeyName: request.name,
            KeyType: request.keyType,
            KeyFormat: format,
            TagSpecifications: tags,
          }),
        );
      },
      'CreateKeyPair',
    );
    const entry: PendingPrivateKey = {
      account,
      region: request.region,
      name: request.name,
      keyPairId: created.KeyPairId ?? '',
      type: request.keyType,
      fingerprint: created.KeyFingerprint ?? '',
      material: created.KeyMaterial ?? '',
      format,
    };
    try {
      // A passphrase means re-encoding AWS's plain key locally (same format family) before saving.
      if (request.passphrase) {
        const key = await decodePrivateKey(entry.material, {
          source: `the key AWS created (${request.name})`,
        });
        entry.material = await encodePrivateKey(key, {
          format: format === 'ppk' ? 'ppk3' : 'pem',
          passphrase: request.passphrase,
        });
      }
    } catch (error) {
      return this.unsaved(entry, error, request.path);
    }
    return this.save(entry, request.path, { overwrite: request.overwrite ?? false, caller });
  }

  private async save(
    entry: PendingPrivateKey,
    path: string,
    options: { overwrite: boolean; caller: KeyFileCaller },
    pendingId?: string,
  ): Promise<CreateOutcome> {
    try {
      if (!entry.material)
        throw new AppError(
          keyPairErrorCodes.noKeyMaterial,
          `AWS returned no private key for ${entry.name}.`,
          {
            name: entry.name,
          },
        );
      await this.keyFiles.writePrivateKey(path, entry.material, options);
    } catch (error) {
      return this.unsaved(entry, error, path, pendingId);
    }
    if (pendingId) this.pending.remove(pendingId);
    return { status: 'saved', keyPair: refOf(entry), path, pendingId: null, saveError: null };
  }

  private unsaved(entry: PendingPrivateKey, error: unknown, path: string, pendingId?: string): CreateOutcome {
    const id = pendingId ?? this.pending.add(entry);
    const saveError =
      error instanceof AppError
        ? { code: error.code, message: error.message.slice(0, 1000), path }
        : { code: fileErrorCodes.writeFailed, message: `Could not write ${path}.`, path };
    return { status: 'unsaved', keyPair: refOf(entry), path: null, pendingId: id, saveError };
  }

  /** Another attempt to save a pending AWS-created key (another folder, or after freeing space). */
  async retrySave(
    pendingId: string,
    path: string,
    overwrite: boolean,
    caller: KeyFileCaller,
  ): Promise<CreateOutcome> {
    const entry = this.requirePending(pendingId);
    try {
      await this.keyFiles.checkTarget(path, { overwrite, caller });
    } catch (error) {
      return this.unsaved(entry, error, path, pendingId);
    }
    return this.save(entry, path, { overwrite, caller }, pendingId);
  }

  /** Deletes the key pair whose key could not be saved, then forgets the key. */
  async discardPending(pendingId: string): Promise<{ deleted: boolean }> {
    const entry = this.requirePending(pendingId);
    await this.withClient(
      entry.account,
      entry.region,
      (client) => client.send(new DeleteKeyPairCommand({ KeyPairId: entry.keyPairId })),
      'DeleteKeyPair',
    );
    this.pending.remove(pendingId);
    return { deleted: true };
  }

  /** Which key pair a pending key belongs to (no key material), or undefined once it is gone. */
  pendingKeyPair(pendingId: string): { region: string; name: string } | undefined {
    const entry = this.pending.get(pendingId);
    return entry ? { region: entry.region, name: entry.name } : undefined;
  }

  /** Whether any AWS-created key is still waiting to be saved (the app warns before quitting). */
  pendingCount(): number {
    return this.pending.all().length;
  }

  private requirePending(pendingId: string): PendingPrivateKey {
    const entry = this.pending.get(pendingId);
    if (!entry)
      throw new AppError(
        keyPairErrorCodes.pendingUnknown,
        'That unsaved key is no longer held; it was saved or its key pair deleted already.',
        {},
      );
    return entry;
  }

  async previewPublicKey(source: PublicKeySource, passphrase?: string) {
    const { publicKey, fromPrivateKey } = await resolvePublicKey(source, passphrase);
    const fingerprints = computeFingerprints(publicKey);
    return {
      type: publicKey.type,
      bits: publicKey.bits,
      comment: publicKey.comment || null,
      sha256: fingerprints.sha256,
      awsImported: fingerprints.awsImported,
      fromPrivateKey,
    };
  }

  async importPublicKey(
    account: ResolvedAccount,
    request: { region: string; name: string; source: PublicKeySource; passphrase?: string; tags: Tag[] },
  ): Promise<KeyPairRef> {
    const { publicKey } = await resolvePublicKey(request.source, request.passphrase);
    assertImportable(publicKey, request.source.kind === 'file' ? request.source.path : 'The pasted key');
    const tags = tagSpecifications(request.tags);
    return this.withClient(
      account,
      request.region,
      async (client) => {
        await assertUsableName(client, request.name, request.region);
        const result = await client.send(
          new ImportKeyPairCommand({
            KeyName: request.name,
            PublicKeyMaterial: Buffer.from(publicKeyToOpenSSH(publicKey, request.name)),
            TagSpecifications: tags,
          }),
        );
        return {
          region: request.region,
          name: request.name,
          id: result.KeyPairId ?? '',
          type: publicKey.type,
          fingerprint: result.KeyFingerprint ?? computeFingerprints(publicKey).awsImported,
        };
      },
      'ImportKeyPair',
    );
  }
}

function refOf(entry: PendingPrivateKey): KeyPairRef {
  return {
    region: entry.region,
    name: entry.name,
    id: entry.keyPairId,
    type: entry.type,
    fingerprint: entry.fingerprint,
  };
}
