// The `keyrescue` executable. It loads the CLI bundle through V8's code cache, so a run skips
// compiling the bundle (about 15 ms of start-up, which a quick command feels). Node ≥ 22.1 does this
// itself (module.enableCompileCache); on older Node the same is done with vm.Script's cachedData.
// The cache lives in the user's own KeyRescue folder, never a shared temp folder: cached code is
// code, and another user must not be able to plant it. Kept tiny and free of app code.
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { ensurePrivateDirSync } from '../fs/private-dir';
import { cliUserDataDir } from './user-data-dir';

type ModuleWithCompileCache = typeof Module & { enableCompileCache?: (directory?: string) => unknown };

/** Where a bundle's cache lives: one file per bundle build and Node version (V8 rejects others). */
function compileCachePath(bundle: string, directory = join(cliUserDataDir(), 'compile-cache')): string {
  const { size, mtimeMs } = statSync(bundle);
  const id = `${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}`.replace(/[^\w.-]/g, '_');
  return join(directory, `cli-${id}.bin`);
}

/** Writes the cache atomically, and drops this Node's caches of earlier builds (V8 rejects them). */
function replaceCache(path: string, data: Buffer): void {
  const directory = dirname(path);
  ensurePrivateDirSync(dirname(directory));
  ensurePrivateDirSync(directory);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, data, { mode: 0o600 });
  renameSync(temp, path);
  const sameNode = basename(path).replace(/-\d+-\d+\.bin$/, '-');
  for (const name of readdirSync(directory)) {
    if (name !== basename(path) && name.startsWith(sameNode) && name.endsWith('.bin'))
      rmSync(join(directory, name), { force: true });
  }
}

/** Runs a CommonJS bundle as the main program, reading and refreshing its V8 code cache. */
function runWithCodeCache(bundle: string, report?: (state: 'hit' | 'miss' | 'rejected') => void): void {
  const source = readFileSync(bundle, 'utf8').replace(/^#!.*/, '');
  let cachePath: string | undefined;
  let cachedData: Buffer | undefined;
  try {
    cachePath = compileCachePath(bundle);
    cachedData = readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const state = !cachedData ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
  report?.(state);
  if (state !== 'hit' && cachePath) {
    const path = cachePath;
    // Made at exit, so it also holds the functions this run compiled lazily. A cache is only ever a
    // speed-up: failing to write one changes nothing else.
    process.once('exit', () => {
      try {
        replaceCache(path, script.createCachedData());
      } catch {
        // read-only folder or full disk: run uncached next time too
      }
    });
  }
  const module = { exports: {}, filename: bundle, id: '.', loaded: false };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}

export function launch(bundle: string): void {
  const nodeModule = Module as ModuleWithCompileCache;
  if (process.env.KEYRESCUE_COMPILE_CACHE === 'off') {
    createRequire(bundle)(bundle);
  } else if (typeof nodeModule.enableCompileCache === 'function') {
    // Node creates a missing cache folder world-readable (0755): make it, and ~/.keyrescue, first.
    const directory = join(cliUserDataDir(), 'compile-cache');
    try {
      ensurePrivateDirSync(cliUserDataDir());
      ensurePrivateDirSync(directory);
      nodeModule.enableCompileCache(directory);
    } catch {
      // A read-only home only costs the speed-up.
    }
    createRequire(bundle)(bundle);
  } else {
    const debug = process.env.KEYRESCUE_COMPILE_CACHE === 'debug';
    runWithCodeCache(
      bundle,
      debug ? (state) => process.stderr.write(`compile cache: ${state}\n`) : undefined,
    );
  }
}
