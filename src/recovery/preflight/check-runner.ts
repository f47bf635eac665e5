import type { EC2Client } from '@aws-sdk/client-ec2';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import { isAccessDeniedError } from '../../aws/aws-errors';
import { isAppError } from '../../ipc/app-error';
import type { Finding } from '../../ipc/contracts/recovery';
import { finding } from './finding-texts';
import type { PreflightFacts } from './preflight-facts';

/** What a check knows about the request. */
export interface PreflightRequest {
  instanceId: string;
  region: string;
  /** This computer's public address (IPv4 or IPv6), or null when unknown. */
  egressAddress: string | null;
  /** The caller's login user, overriding the image's default. */
  user: string | null;
}

export interface PreflightClients {
  ec2: EC2Client;
  ssm: SSMClient;
  sts: STSClient;
}

export interface CheckContext {
  request: PreflightRequest;
  /** For error messages that must stop the whole preflight (credentials that do not work). */
  account: { id: string; profile?: string };
  clients: PreflightClients;
  /** Facts found by earlier phases (the instance, for the checks that need it). */
  facts: PreflightFacts;
}

export interface CheckOutcome {
  findings: Finding[];
  facts: Partial<PreflightFacts>;
}

/** One read-only check: a small module with its own id and failure handling. */
export interface PreflightCheck {
  id: string;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

/**
 * A check started, finished, or failed — threw, so it could not run (the UI's live checklist, the
 * CLI's progress). `findings` are what it produced (finished and failed: a failed check leaves its
 * `unknown` finding); `error` is why a check failed with an AppError that stops the preflight.
 */
export interface PreflightProgress {
  check: string;
  status: 'started' | 'finished' | 'failed';
  findings?: Finding[];
  error?: { code: string; message: string };
}

/** An AWS call of a check failed: which call, and AWS's error name (never its message). */
export class CheckCallError extends Error {
  override readonly name = 'CheckCallError';
  constructor(
    readonly operation: string,
    readonly awsCode: string,
    readonly denied: boolean,
  ) {
    super(`${operation} failed: ${awsCode}`);
  }
}

/** Runs one AWS call, naming it in the error so a failed check says which call failed. */
export async function awsCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const name = (error as { name?: string } | null)?.name ?? 'Error';
    throw new CheckCallError(operation, name.slice(0, 100), isAccessDeniedError(error));
  }
}

/** The `unknown` finding a failed call leaves: denied, or failed with AWS's error name. */
export function failureFinding(id: string, error: unknown): Finding {
  if (error instanceof CheckCallError) {
    return error.denied
      ? finding(id, 'unknown', 'checkDenied', { operation: error.operation })
      : finding(id, 'unknown', 'checkFailed', { operation: error.operation, awsCode: error.awsCode });
  }
  return finding(id, 'unknown', 'checkFailed', { operation: id, awsCode: 'InternalError' });
}

/**
 * Runs a check with progress around it. A failure stays the check's own: its finding is `unknown`
 * and the rest of the preflight goes on.
 */
export async function runCheck(
  check: PreflightCheck,
  ctx: CheckContext,
  onProgress: (progress: PreflightProgress) => void,
): Promise<CheckOutcome> {
  onProgress({ check: check.id, status: 'started' });
  let outcome: CheckOutcome;
  try {
    outcome = await check.run(ctx);
  } catch (error) {
    // An AppError means nothing else can work (credentials rejected, endpoint unreachable).
    if (isAppError(error)) {
      const reason = { code: error.code, message: error.message };
      onProgress({ check: check.id, status: 'failed', findings: [], error: reason });
      throw error;
    }
    const findings = [failureFinding(check.id, error)];
    onProgress({ check: check.id, status: 'failed', findings });
    return { findings, facts: {} };
  }
  onProgress({ check: check.id, status: 'finished', findings: outcome.findings });
  return outcome;
}
