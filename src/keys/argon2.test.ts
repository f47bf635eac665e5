import { describe, expect, it } from 'vitest';
import { lazyArgon2, loadNativeArgon2, loadWasmArgon2, type Argon2Input } from './argon2';
import type { Argon2Flavour } from './key-types';

const base = (flavour: Argon2Flavour, parallelism: number): Argon2Input => ({
  flavour,
  password: Buffer.from('correct horse battery staple — 正しい馬', 'utf8'),
  salt: Buffer.from('0123456789abcdef0123456789abcdef', 'hex'),
  memoryKiB: 256,
  passes: 3,
  parallelism,
  length: 80,
});

describe('Argon2 backends', () => {
  // Two independent implementations (Rust via N-API, C via WASM) must agree bit for bit; puttygen
  // cross-checks in ppk-peers.test.ts then tie both to PuTTY's own Argon2.
  for (const flavour of ['argon2id', 'argon2i', 'argon2d'] as const) {
    for (const parallelism of [1, 2, 4]) {
      it(`native and WASM agree: ${flavour}, parallelism ${parallelism}`, async () => {
        const [native, wasm] = await Promise.all([loadNativeArgon2(), loadWasmArgon2()]);
        const input = base(flavour, parallelism);
        const a = await native(input);
        const b = await wasm(input);
        expect(a.length).toBe(80);
        expect(a.equals(b)).toBe(true);
      });
    }
  }

  it('matches the RFC 9106 reference implementation (argon2id, t=2, m=64 KiB, p=1)', async () => {
    // phc-winner-argon2 `argon2 somesalt -id -t 2 -m 16 -p 1 -l 32` with password "password".
    const native = await loadNativeArgon2();
    const out = await native({
      flavour: 'argon2id',
      password: Buffer.from('password'),
      salt: Buffer.from('somesalt'),
      memoryKiB: 65536,
      passes: 2,
      parallelism: 1,
      length: 32,
    });
    expect(out.toString('hex')).toBe('09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7');
  });

  it('falls back when the preferred backend cannot load, and loads it only once', async () => {
    let attempts = 0;
    const fallback = await loadWasmArgon2();
    const kdf = lazyArgon2(
      async () => {
        attempts += 1;
        throw new Error('no prebuilt binary for this platform');
      },
      async () => fallback,
    );
    const input = base('argon2id', 1);
    const first = await kdf(input);
    const second = await kdf(input);
    expect(attempts).toBe(1);
    expect(first.equals(second)).toBe(true);
    expect(first.equals(await fallback(input))).toBe(true);
  });
});

describe('the WASM fallback runs off the main thread', () => {
  const heavy: Argon2Input = { ...base('argon2id', 1), memoryKiB: 65536, passes: 4 };

  it('the event loop ticks while it runs, and it gives the native result', async () => {
    const [native, wasm] = await Promise.all([loadNativeArgon2(), loadWasmArgon2()]);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const start = performance.now();
    const out = await wasm(heavy);
    const ms = performance.now() - start;
    clearInterval(timer);
    // On the main thread WASM would hold the loop for the whole computation: no tick at all.
    expect(ticks).toBeGreaterThan(Math.min(10, ms / 20));
    expect(out.equals(await native(heavy))).toBe(true);
  });

  it('an abort stops it promptly with keys.cancelled', async () => {
    const wasm = await loadWasmArgon2();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const start = performance.now();
    const outcome = await wasm({ ...heavy, passes: 40 }, controller.signal).catch((error: unknown) => error);
    expect(outcome).toMatchObject({ code: 'keys.cancelled' });
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
