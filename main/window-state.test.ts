import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultWindowSize,
  minimumWindowSize,
  readWindowState,
  restoreWindowState,
  writeWindowState,
} from './window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('restoreWindowState', () => {
  it('reuses a saved position and size that fit on a display', () => {
    expect(
      restoreWindowState({ bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: false }, [laptop]),
    ).toEqual({
      x: 100,
      y: 80,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('keeps the maximised flag', () => {
    expect(
      restoreWindowState({ bounds: { x: 10, y: 10, width: 1000, height: 700 }, maximized: true }, [laptop])
        .maximized,
    ).toBe(true);
  });

  it('drops the position of a window left on a monitor that is no longer attached', () => {
    const saved = { bounds: { x: 2000, y: 200, width: 1200, height: 800 }, maximized: false };
    expect(restoreWindowState(saved, [laptop, rightMonitor])).toEqual({
      x: 2000,
      y: 200,
      width: 1200,
      height: 800,
      maximized: false,
    });
    expect(restoreWindowState(saved, [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('drops a position whose title bar is above the top of the screen or barely on it', () => {
    expect(
      restoreWindowState({ bounds: { x: 100, y: -300, width: 1000, height: 700 }, maximized: false }, [
        laptop,
      ]),
    ).not.toHaveProperty('x');
    expect(
      restoreWindowState({ bounds: { x: 1400, y: 100, width: 1000, height: 700 }, maximized: false }, [
        laptop,
      ]),
    ).not.toHaveProperty('x');
  });

  it('clamps the size between the minimum and the largest work area', () => {
    expect(
      restoreWindowState({ bounds: { x: 0, y: 0, width: 5000, height: 4000 }, maximized: false }, [laptop]),
    ).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 875,
      maximized: false,
    });
    expect(
      restoreWindowState({ bounds: { x: 0, y: 0, width: 200, height: 100 }, maximized: false }, [laptop]),
    ).toEqual({
      x: 0,
      y: 0,
      ...minimumWindowSize,
      maximized: false,
    });
  });

  it.each([
    ['nothing saved', undefined],
    ['not an object', 'garbage'],
    ['missing fields', { bounds: { x: 1, y: 2 } }],
    ['non-integer numbers', { bounds: { x: 0.5, y: 0, width: 900, height: 700 }, maximized: false }],
    ['absurd coordinates', { bounds: { x: 1e12, y: 0, width: 900, height: 700 }, maximized: false }],
  ])('falls back to the default size for %s', (_name, saved) => {
    expect(restoreWindowState(saved, [laptop])).toEqual({ ...defaultWindowSize, maximized: false });
  });

  it('never opens larger than a small screen', () => {
    const small = { x: 0, y: 0, width: 1024, height: 700 };
    expect(restoreWindowState(undefined, [small])).toEqual({ width: 1024, height: 700, maximized: false });
  });
});

describe('window state file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyrescue-window-state-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through an atomically written JSON file, replacing the previous one', async () => {
    const file = join(dir, 'window-state.json');
    await writeWindowState(file, { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false });
    await writeWindowState(file, { bounds: { x: 5, y: 6, width: 1100, height: 720 }, maximized: true });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      bounds: { x: 5, y: 6, width: 1100, height: 720 },
      maximized: true,
    });
    expect(await readWindowState(file)).toEqual({
      bounds: { x: 5, y: 6, width: 1100, height: 720 },
      maximized: true,
    });
  });

  it('reads a missing or corrupt file as nothing saved', async () => {
    expect(await readWindowState(join(dir, 'missing.json'))).toBeUndefined();
    await writeFile(join(dir, 'corrupt.json'), '{"bounds": ');
    expect(await readWindowState(join(dir, 'corrupt.json'))).toBeUndefined();
  });
});
