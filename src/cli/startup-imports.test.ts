import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, nodeBundle } from '../../scripts/build-cli.mjs';

/**
 * Key commands must not pay for the AWS SDK, ssh2 or the practice sandbox's shell at start-up
 * (together most of a second): those load only when a command that needs them runs. A
 * require.cache hook cannot see this (the launcher runs the bundle outside require.cache), so the
 * guard is twofold: the bundle's import graph as esbuild resolved it, and the built CLI run for real
 * with a preloaded hook on Module._load, which every require of the bundle goes through.
 */
const heavy = /^(@aws-sdk\/|@smithy\/|ssh2($|\/)|just-bash($|\/))/;
// (`info` is not one: it reports the active account's mode, which loads the accounts stack.)
const keyCommands = ['convert', 'fingerprint', 'pubkey', 'generate'];

/** Packages reachable from the CLI entry, following static imports only, or dynamic ones too. */
function reachablePackages(metafile: Metafile, entry: string, dynamic: boolean): Set<string> {
  const seen = new Set([entry]);
  const packages = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const edge of metafile.inputs[file]?.imports ?? []) {
      if (!dynamic && edge.kind === 'dynamic-import') continue;
      if (edge.external) packages.add(edge.path);
      else if (!seen.has(edge.path)) {
        seen.add(edge.path);
        queue.push(edge.path);
      }
    }
  }
  return packages;
}

describe('CLI start-up loads no AWS SDK, ssh2 or just-bash for key commands', () => {
  it('the bundle imports them only through import() (esbuild metafile)', async () => {
    const { metafile } = await build({
      ...nodeBundle,
      entryPoints: ['src/cli/keyrescue.ts'],
      outdir: 'unused',
      write: false,
      metafile: true,
    });
    const atStart = [...reachablePackages(metafile, 'src/cli/keyrescue.ts', false)];
    expect(atStart.filter((name) => heavy.test(name))).toEqual([]);
    // The graph walk itself works: with import() followed, the AWS SDK and ssh2 are there.
    const all = [...reachablePackages(metafile, 'src/cli/keyrescue.ts', true)];
    expect(all).toEqual(expect.arrayContaining(['@aws-sdk/client-ec2', 'ssh2']));
  });

  describe('the built CLI, run with a hook on Module._load', () => {
    let dir: string;
    let cli: string;
    let key: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'keyrescue-startup-'));
      cli = await buildCli(join(dir, 'cli'));
      // The bundle's runtime dependencies resolve from this checkout, as from out/cli.
      await symlink(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
      key = join(dir, 'id_rsa');
      const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
        type: 'pkcs1',
        format: 'pem',
      });
      await writeFile(key, pem, { mode: 0o600 });
      await writeFile(
        join(dir, 'hook.cjs'),
        // Appends every module request (package names and node: built-ins) to the log.
        `const Module = require('node:module'); const { appendFileSync } = require('node:fs');
const load = Module._load;
Module._load = function (request, ...rest) { appendFileSync(${JSON.stringify(join(dir, 'loads.log'))}, request + '\\n'); return load.call(this, request, ...rest); };
`,
      );
    }, 60_000);
    afterAll(() => rm(dir, { recursive: true, force: true }));

    async function loadsOf(args: string[]): Promise<string[]> {
      const log = join(dir, 'loads.log');
      await writeFile(log, '');
      await promisify(execFile)(process.execPath, ['--require', join(dir, 'hook.cjs'), cli, ...args], {
        env: { ...process.env, KEYRESCUE_HOME: join(dir, 'home') },
      });
      return (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    }

    const argsOf = (command: string): string[] => {
      if (command === 'convert') return ['convert', key, '--to', 'ppk', '-o', join(dir, 'out.ppk')];
      if (command === 'generate') return ['generate', '--type', 'ed25519', '-o', join(dir, 'new_key')];
      return [command, key];
    };

    it.each(keyCommands)(
      '%s',
      async (command) => {
        const loads = await loadsOf(argsOf(command));
        // The hook sees the bundle's requires (it loads node:crypto for every key command).
        expect(loads).toContain('node:crypto');
        expect(loads.filter((name) => heavy.test(name))).toEqual([]);
      },
      30_000,
    );
  });
});
