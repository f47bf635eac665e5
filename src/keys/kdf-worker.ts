import { keyError, keyErrorCodes } from './key-errors';

/**
 * Runs a key derivation on a worker thread, so a slow one (bcrypt is pure JavaScript; OpenSSL's
 * PKCS#8 decryption runs PBKDF2 or scrypt synchronously) never freezes the Electron main process
 * or the CLI, and aborting it ends it at once: the thread is terminated.
 */
export type KdfJob =
  | { op: 'bcrypt'; pass: Uint8Array; salt: Uint8Array; rounds: number; length: number }
  | { op: 'pkcs8'; der: Uint8Array; passphrase: string }
  | {
      op: 'argon2';
      flavour: 'argon2id' | 'argon2i' | 'argon2d';
      password: Uint8Array;
      salt: Uint8Array;
      passes: number;
      parallelism: number;
      memoryKiB: number;
      length: number;
    };

// A self-contained script (eval), so it needs no separate bundle entry: bcrypt-pbkdf is required
// by the absolute path the main thread resolved, which works from source, the CLI and Electron.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
async function run(job) {
  if (job.op === 'argon2') {
    const wasm = require(workerData.hashWasmPath);
    const bytes = await wasm[job.flavour]({
      password: job.password, salt: job.salt, iterations: job.passes, parallelism: job.parallelism,
      memorySize: job.memoryKiB, hashLength: job.length, outputType: 'binary',
    });
    return { ok: true, bytes };
  }
  if (job.op === 'bcrypt') {
    const bcrypt = require(workerData.bcryptPath);
    const out = new Uint8Array(job.length);
    const rc = bcrypt.pbkdf(job.pass, job.pass.length, job.salt, job.salt.length, out, job.length, job.rounds);
    return rc === 0 ? { ok: true, bytes: out } : { ok: false, reason: 'bcrypt' };
  }
  const { createPrivateKey } = require('node:crypto');
  try {
    const key = createPrivateKey({ key: Buffer.from(job.der), format: 'der', type: 'pkcs8', passphrase: job.passphrase });
    return { ok: true, bytes: new Uint8Array(key.export({ type: 'pkcs8', format: 'der' })) };
  } catch {
    return { ok: false, reason: 'decrypt' };
  }
}
run(workerData.job).then(
  (reply) => parentPort.postMessage(reply),
  (error) => parentPort.postMessage({ ok: false, reason: 'crash', message: String(error && error.message) }),
);
`;

type Reply =
  { ok: true; bytes: Uint8Array } | { ok: false; reason: 'bcrypt' | 'decrypt' | 'crash'; message?: string };

/** The cancellation every KDF reports, with its own code, naming the file. */
export function cancelledError(source?: string) {
  return keyError(keyErrorCodes.cancelled, source, 'loading the key was cancelled.');
}

/** Runs one job; rejects with `keys.cancelled` as soon as `signal` aborts. */
export async function runKdfJob(job: KdfJob, signal?: AbortSignal, source?: string): Promise<Reply> {
  if (signal?.aborted) throw cancelledError(source);
  // Loaded on the first derivation: worker_threads costs every other command's start-up ~3 ms.
  const { Worker } = await import('node:worker_threads');
  if (signal?.aborted) throw cancelledError(source);
  return new Promise<Reply>((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: {
        job,
        bcryptPath: require.resolve('bcrypt-pbkdf'),
        hashWasmPath: require.resolve('hash-wasm'),
      },
    });
    const onAbort = () => {
      void worker.terminate();
      reject(cancelledError(source));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    worker.once('message', (reply: Reply) => {
      done();
      void worker.terminate();
      resolve(reply);
    });
    worker.once('error', (error) => {
      done();
      reject(error);
    });
  });
}
