import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// electron-builder's own configuration loader and schema validator (app-builder-lib, the library
// behind the `electron-builder` CLI, checking against the scheme.json it ships) — the same code a
// real `npm run dist` runs first, used offline, so a config the packager would reject fails here.
const projectDir = resolve(__dirname, '..');
const requireFromBuilder = createRequire(
  createRequire(import.meta.url).resolve('electron-builder/package.json'),
);
const { getConfig, validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config') as {
  getConfig(
    projectDir: string,
    configPath: string | null,
    configFromOptions: object | null,
  ): Promise<Record<string, unknown>>;
  validateConfiguration(config: object, debugLogger: object): Promise<void>;
};
const { DebugLogger } = requireFromBuilder('builder-util') as {
  DebugLogger: new (enabled: boolean) => object;
};

async function loadAndValidate(dir: string, file: string): Promise<Record<string, unknown>> {
  const config = await getConfig(dir, join(dir, file), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  let config: Record<string, unknown>;
  beforeAll(async () => {
    config = await loadAndValidate(projectDir, 'electron-builder.yml');
  });

  it('passes electron-builder’s schema', () => {
    expect(config.appId).toBe('app.keyrescue.desktop');
    expect(config.productName).toBe('KeyRescue');
  });

  it('flips every hardening fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs only the build output into an asar, from assets/ resources into dist/', () => {
    expect(config.asar).toBe(true);
    expect(config.directories).toEqual({ buildResources: 'assets', output: 'dist' });
    // electron-builder's loader normalises the list into one file set.
    expect(config.files).toEqual([
      {
        filter: [
          'out/**/*',
          'package.json',
          '!**/*.map',
          '!**/*.{test,spec}.{js,cjs,mjs,ts,tsx}',
          '!**/node_modules/**/*.{ts,tsx,mts,cts}',
        ],
      },
    ]);
  });

  it('targets Windows nsis + portable, macOS dmg for both architectures, Linux AppImage + deb', () => {
    const targets = (platform: string) =>
      ((config[platform] as { target: { target: string; arch: string[] }[] }).target ?? []).map(
        (t) => `${t.target}:${t.arch.join('+')}`,
      );
    expect(targets('win')).toEqual(['nsis:x64+arm64', 'portable:x64']);
    expect(targets('mac')).toEqual(['dmg:x64+arm64']);
    expect(targets('linux')).toEqual(['AppImage:x64', 'deb:x64']);
    expect(config.mac).toMatchObject({ category: 'public.app-category.utilities', icon: 'icon.icns' });
    expect(config.linux).toMatchObject({
      category: 'Utility',
      maintainer: 'KeyRescue team <team@keyrescue.app>',
      icon: 'icons',
    });
    expect(config.win).toMatchObject({ icon: 'icon.ico' });
  });

  it('gives the two Windows .exe targets different file names', () => {
    expect((config.nsis as { artifactName: string }).artifactName).not.toBe(
      (config.portable as { artifactName: string }).artifactName,
    );
  });
});

describe('electron-builder.smoke.yml', () => {
  it('extends the real configuration and only swaps what cannot run offline', async () => {
    const smoke = await loadAndValidate(projectDir, 'electron-builder.smoke.yml');
    expect(smoke.appId).toBe('app.keyrescue.desktop');
    expect(smoke.electronFuses).toBeNull();
    expect(smoke.electronDist).toBe('dist/smoke-electron-stub');
    expect(smoke.npmRebuild).toBe(false);
    expect(smoke.files).toEqual([
      { filter: expect.arrayContaining(['out/**/*', 'package.json', '!**/*.map']) },
    ]);
    expect(smoke.directories).toEqual({ buildResources: 'assets', output: 'dist/smoke' });
  });
});

describe('a deliberately broken copy', () => {
  let dir: string;
  let original: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-builder-config-'));
    original = await readFile(join(projectDir, 'electron-builder.yml'), 'utf8');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is accepted unchanged (so the failures below are caused by the edits alone)', async () => {
    await writeFile(join(dir, 'electron-builder.yml'), original);
    await expect(loadAndValidate(dir, 'electron-builder.yml')).resolves.toMatchObject({
      appId: 'app.keyrescue.desktop',
    });
  });

  it.each([
    ['an unknown top-level option', (text: string) => `${text}\nnotAnOption: true\n`, /notAnOption/],
    [
      'a misspelt fuse',
      (text: string) => text.replace('  runAsNode: false', '  runAsNod: false'),
      /electronFuses/,
    ],
    [
      'a fuse that is not a boolean',
      (text: string) => text.replace('  onlyLoadAppFromAsar: true', '  onlyLoadAppFromAsar: sometimes'),
      /onlyLoadAppFromAsar/,
    ],
    ['asar given as a list', (text: string) => text.replace('asar: true', 'asar: [yes]'), /asar/],
  ])('fails the schema with %s', async (_name, edit, mentions) => {
    const broken = edit(original);
    expect(broken).not.toBe(original);
    await writeFile(join(dir, 'electron-builder.yml'), broken);
    const failure = loadAndValidate(dir, 'electron-builder.yml');
    await expect(failure).rejects.toThrow(/Invalid configuration object/);
    await expect(failure).rejects.toThrow(mentions);
  });
});
