import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { writeFileAtomic } from '../fs/atomic-write';
import { AppError } from '../ipc/app-error';
import { describeInput } from '../ipc/user-input';
import { ensurePrivateDir } from '../fs/private-dir';
import { awsErrorCodes } from './aws-errors';

const fileSchema = z.object({
  endpoints: z.record(z.string().check(z.maxLength(300)), z.string().check(z.maxLength(2000))),
});

/** Checks an endpoint override is an http(s) URL with nothing that could carry a secret. */
export function validateEndpointUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError(
      awsErrorCodes.endpointInvalid,
      `The endpoint ${describeInput(url)} is not a URL. Use a form like https://ec2.example.com or http://localhost:4566.`,
      {},
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError(
      awsErrorCodes.endpointInvalid,
      `The endpoint must start with http:// or https://.`,
      {},
    );
  }
  if (parsed.username || parsed.password) {
    throw new AppError(
      awsErrorCodes.endpointInvalid,
      `The endpoint must not contain a user name or password.`,
      {},
    );
  }
  return parsed.toString().replace(/\/$/, '');
}

/**
 * The user's endpoint override per account (LocalStack, a VPC endpoint, any EC2-compatible service),
 * kept in `accounts.json` in the user-data folder. A profile's own `endpoint_url` applies otherwise.
 */
export class EndpointOverrides {
  private cache: Record<string, string> | undefined;

  constructor(private readonly userDataDir: string) {}

  private get path(): string {
    return join(this.userDataDir, 'accounts.json');
  }

  async all(): Promise<Record<string, string>> {
    if (this.cache) return this.cache;
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await fs.readFile(this.path, 'utf8')));
      this.cache = parsed.success ? parsed.data.endpoints : {};
    } catch {
      this.cache = {};
    }
    return this.cache;
  }

  async get(accountId: string): Promise<string | undefined> {
    return (await this.all())[accountId];
  }

  async set(accountId: string, endpoint: string | null): Promise<void> {
    const next = { ...(await this.all()) };
    if (endpoint === null) delete next[accountId];
    else next[accountId] = validateEndpointUrl(endpoint);
    await ensurePrivateDir(this.userDataDir);
    await writeFileAtomic(this.path, `${JSON.stringify({ endpoints: next }, null, 2)}\n`, {
      overwrite: true,
      mode: 0o600,
    });
    this.cache = next;
  }
}
