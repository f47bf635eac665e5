import { runKdfJob } from './kdf-worker';
import type { Argon2Flavour } from './key-types';

/** One Argon2 (version 0x13) computation, in PuTTY's terms. */
export interface Argon2Input {
  flavour: Argon2Flavour;
  password: Buffer;
  salt: Buffer;
  memoryKiB: number;
  passes: number;
  parallelism: number;
  length: number;
}

export type Argon2Backend = (input: Argon2Input, signal?: AbortSignal) => Promise<Buffer>;

/**
 * @node-rs/argon2: Rust, runs on libuv's thread pool (so the Electron main process never stalls on
 * a KDF) and is 3–4× faster than WASM. It ships prebuilt binaries per platform; where none loads,
 * the caller falls back to WASM.
 */
export async function loadNativeArgon2(): Promise<Argon2Backend> {
  const native = await import('@node-rs/argon2');
  // Values of the package's const enums (Algorithm, Version), which isolated modules cannot import.
  const algorithm = { argon2d: 0, argon2i: 1, argon2id: 2 } as const;
  const version0x13 = 1;
  return async (input) =>
    native.hashRaw(input.password, {
      algorithm: algorithm[input.flavour],
      version: version0x13,
      salt: input.salt,
      memoryCost: input.memoryKiB,
      timeCost: input.passes,
      parallelism: input.parallelism,
      outputLen: input.length,
    });
}

/**
 * hash-wasm: portable WebAssembly, the same results everywhere. It runs on the KDF worker thread
 * (a WASM Argon2 on the main thread would freeze it), so an abort terminates it at once.
 */
export async function loadWasmArgon2(): Promise<Argon2Backend> {
  return async (input, signal) => {
    const reply = await runKdfJob({ op: 'argon2', ...input }, signal);
    if (!reply.ok) throw new Error(`Argon2 (WASM) failed: ${reply.message ?? reply.reason}`);
    return Buffer.from(reply.bytes);
  };
}

/** A backend loaded on first use (most runs never touch an encrypted PPK v3 key), with a fallback. */
export function lazyArgon2(
  preferred: () => Promise<Argon2Backend>,
  fallback: () => Promise<Argon2Backend>,
): Argon2Backend {
  let backend: Promise<Argon2Backend> | undefined;
  return async (input, signal) => {
    backend ??= preferred().catch(fallback);
    return (await backend)(input, signal);
  };
}

export const argon2 = lazyArgon2(loadNativeArgon2, loadWasmArgon2);
