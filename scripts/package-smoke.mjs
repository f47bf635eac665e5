// Offline packaging smoke (research/electron-anchors.md §5). Packs the built app with the real
// electron-builder and the real configuration (electron-builder.smoke.yml extends electron-builder.yml)
// into a plain Linux folder, using a stub instead of the Electron binary that cannot be downloaded
// here, then lists app.asar and checks that it holds the built app and nothing else of ours: no
// sources, tests, source maps, e2e files or dev configuration.
//   node scripts/package-smoke.mjs            (after `npm run build`; `npm run dist:smoke` does both)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** Files the packaged app cannot run without. */
export const requiredEntries = [
  '/package.json',
  '/out/main/index.cjs',
  '/out/preload/index.cjs',
  '/out/renderer/index.html',
  '/out/cli/keyrescue.cjs',
  '/out/cli/keyrescue-main.cjs',
];
const allowedTopLevel = new Set(['/package.json', '/out', '/node_modules']);
const allowedOutFolders = new Set(['main', 'preload', 'renderer', 'cli']);
const testFile = /\.(test|spec)\.[cm]?[jt]sx?$/;
const developmentPackages = new Set([
  'electron',
  'electron-builder',
  'vitest',
  'typescript',
  '@playwright',
  'playwright-core',
  'vite',
  'eslint',
  'esbuild',
]);

/**
 * What is wrong with an asar file list (entries as `@electron/asar` lists them: `/out/main/index.cjs`).
 * Our own files (everything outside node_modules) must be exactly the build output plus package.json;
 * nowhere, dependencies included, may there be tests, source maps or TypeScript sources, and no
 * development tool may be packed as a runtime dependency.
 */
export function findAsarProblems(entries) {
  const problems = [];
  const present = new Set(entries.map((entry) => entry.replaceAll('\\', '/')));
  for (const required of requiredEntries) {
    if (!present.has(required)) problems.push(`missing ${required}`);
  }
  for (const entry of present) {
    const [, top = '', second = ''] = entry.split('/');
    if (!allowedTopLevel.has(`/${top}`)) {
      problems.push(`unexpected file outside out/ and node_modules/: ${entry}`);
      continue;
    }
    if (top === 'node_modules' && developmentPackages.has(second))
      problems.push(`a development package is packed: ${entry}`);
    if (top === 'out' && second !== '' && !allowedOutFolders.has(second))
      problems.push(`unexpected folder in out/: ${entry}`);
    if (testFile.test(entry)) problems.push(`test file packed: ${entry}`);
    if (entry.endsWith('.map')) problems.push(`source map packed: ${entry}`);
    if (/\.(ts|tsx|mts|cts)$/.test(entry)) problems.push(`TypeScript source packed: ${entry}`);
  }
  return [...new Set(problems)].sort();
}

function run(command, args, cwd) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

/** Builds out/ when part of it is missing, so the smoke always packs a complete build. */
export async function ensureBuilt(projectDir) {
  const missing = requiredEntries.filter(
    (entry) => entry !== '/package.json' && !existsSync(join(projectDir, entry)),
  );
  if (missing.length > 0) await run(process.execPath, ['scripts/build.mjs'], projectDir);
}

/** Packs the app with a stub Electron and returns the asar's file list and any problems found. */
export async function runPackageSmoke(projectDir = process.cwd()) {
  await ensureBuilt(projectDir);
  const stubDir = join(projectDir, 'dist', 'smoke-electron-stub');
  const outputDir = join(projectDir, 'dist', 'smoke');
  await rm(outputDir, { recursive: true, force: true });
  await mkdir(stubDir, { recursive: true });
  // electron-builder copies this folder as "Electron" and renames `electron` to the executable name.
  await writeFile(join(stubDir, 'electron'), '#!/bin/sh\necho "stub Electron for the packaging smoke"\n');
  await chmod(join(stubDir, 'electron'), 0o755);
  const cli = require.resolve('electron-builder/cli.js', { paths: [projectDir] });
  const log = await run(
    process.execPath,
    [cli, '--config', 'electron-builder.smoke.yml', '--linux', 'dir', '--x64', '--publish', 'never'],
    projectDir,
  );
  const asarPath = join(outputDir, 'linux-unpacked', 'resources', 'app.asar');
  if (!existsSync(asarPath))
    throw new Error(`electron-builder finished but ${asarPath} does not exist:\n${log.slice(-4000)}`);
  const asar = require('@electron/asar');
  const entries = asar.listPackage(asarPath, { isPack: false });
  return { asarPath, entries, problems: findAsarProblems(entries), log };
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const { asarPath, entries, problems } = await runPackageSmoke();
  const own = entries.filter((entry) => !entry.startsWith('/node_modules/'));
  console.log(`${asarPath}: ${entries.length} entries, ${own.length} of them ours:\n  ${own.join('\n  ')}`);
  if (problems.length > 0) {
    console.error(`Packaging smoke FAILED:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('Packaging smoke passed.');
}
