import { DescribeKeyPairsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { AppError } from '../ipc/app-error';
import { keyPairErrorCodes } from './keypair-errors';

export type NameProblem = 'empty' | 'tooLong' | 'notAscii' | 'edgeSpaces' | 'duplicate';

/** AWS's rules for a key pair name: 1–255 printable ASCII characters, no leading or trailing space. */
export function nameProblem(name: string): Exclude<NameProblem, 'duplicate'> | null {
  if (name.length === 0) return 'empty';
  if (name.length > 255) return 'tooLong';
  if (!/^[\x20-\x7e]+$/.test(name)) return 'notAscii';
  if (name.trim() !== name) return 'edgeSpaces';
  return null;
}

const problemText: Record<NameProblem, string> = {
  empty: 'A key pair needs a name.',
  tooLong: 'A key pair name can have at most 255 characters.',
  notAscii: 'A key pair name can use only ASCII letters, digits, spaces and punctuation.',
  edgeSpaces: 'A key pair name cannot start or end with a space.',
  duplicate:
    'A key pair with this name already exists in this region. Pick another name, or delete the old key pair first.',
};

/** Whether the region already has a key pair of this name (DescribeKeyPairs by name). */
export async function keyPairExists(client: EC2Client, name: string): Promise<boolean> {
  try {
    const result = await client.send(new DescribeKeyPairsCommand({ KeyNames: [name] }));
    return (result.KeyPairs ?? []).some((keyPair) => keyPair.KeyName === name);
  } catch (error) {
    if ((error as { name?: string }).name === 'InvalidKeyPair.NotFound') return false;
    throw error;
  }
}

/** Throws `keypairs.nameInvalid` / `keypairs.nameTaken` so nothing is sent to AWS with a bad name. */
export async function assertUsableName(client: EC2Client, name: string, region: string): Promise<void> {
  const problem = nameProblem(name);
  if (problem)
    throw new AppError(keyPairErrorCodes.nameInvalid, problemText[problem], {
      name: name.slice(0, 255),
      problem,
    });
  if (await keyPairExists(client, name)) {
    throw new AppError(
      keyPairErrorCodes.nameTaken,
      `A key pair named ${name} already exists in ${region}. Pick another name, or delete the old key pair first.`,
      {
        name,
        region,
      },
    );
  }
}

export function describeNameProblem(problem: NameProblem): string {
  return problemText[problem];
}
