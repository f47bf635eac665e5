import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

const run = promisify(execFile);

// Regression: host keys used to be read back with KeyObject.export({format:'jwk'}) right after
// generateKeyPairSync. On Node 20 that deadlocks when a GC lands inside the export (the export holds
// the key's lock while allocating; the GC destroys the keygen job, which takes the same lock). A
// 1 MB young generation makes GCs frequent enough that the old code hung within seconds here.
it(
  'generating thousands of host keys under constant GC pressure finishes',
  { timeout: 120_000 },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyrescue-hostkeys-'));
    try {
      const script = join(dir, 'loop.cjs');
      const { outputFiles } = await build({
        stdin: {
          contents: `import { generateEd25519HostKey } from './src/sandbox/os/host-keys';
          let last = '';
          for (let i = 0; i < 20000; i += 1) last = generateEd25519HostKey('host').publicKey;
          console.log(last.split(' ')[0]);`,
          resolveDir: process.cwd(),
          loader: 'ts',
        },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        write: false,
        logLevel: 'silent',
      });
      await writeFile(script, outputFiles[0]?.text ?? '');
      const { stdout } = await run(process.execPath, ['--max-semi-space-size=1', script], {
        timeout: 90_000,
      });
      expect(stdout).toBe('ssh-ed25519\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);
