import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// A sandboxed preload can `require` only `electron` and gets no Node globals, so everything it
// imports must bundle into one file that runs without them. This bundles main/preload.ts the way
// scripts/build.mjs does and runs it in an empty V8 context; `electron` is a hand-written stand-in
// because no Electron binary can run here.
async function bundlePreload(): Promise<string> {
  const result = await build({
    entryPoints: ['main/preload.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('the preload bundle', () => {
  it('requires nothing but electron, needs no Node globals, and exposes window.api', async () => {
    const code = await bundlePreload();
    const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]));
    expect([...required]).toEqual(['electron']);

    const exposed: Array<[string, Record<string, (...args: unknown[]) => unknown>]> = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (name: string, api: Record<string, (...args: unknown[]) => unknown>) =>
          exposed.push([name, api]),
      },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => ({ ok: true, value: args }),
        on: () => undefined,
        removeListener: () => undefined,
      },
      webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
    };
    const module = { exports: {} };
    runInNewContext(`(function () {\n${code}\n})()`, {
      module,
      exports: module.exports,
      require: (name: string) => {
        if (name === 'electron') return electron;
        throw new Error(`a sandboxed preload cannot require ${name}`);
      },
    });
    expect(exposed.map(([name, api]) => [name, Object.keys(api)])).toEqual([
      ['api', ['invoke', 'on']],
      ['keyrescueFiles', ['pathForFile']],
    ]);
    const invoke = exposed[0]?.[1].invoke as (channel: string, input: unknown) => Promise<unknown>;
    expect(await invoke('app:info', {})).toEqual({ ok: true, value: ['keyrescue:invoke', 'app:info', {}] });
    expect(await invoke('fs:readFile', {})).toMatchObject({
      ok: false,
      error: { code: 'ipc.unknownChannel' },
    });
  });

  it('carries channel and event names only, not the zod schemas (main validates every payload)', async () => {
    const code = await bundlePreload();
    expect(code).not.toMatch(/zod|ZodError|safeParse/i);
    // The contract's schemas made it 88 KB; names and the two guards fit in a few KB.
    expect(code.length).toBeLessThan(8 * 1024);
  });
});
