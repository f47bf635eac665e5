import { readFile } from 'node:fs/promises';
import * as z from 'zod/mini';
import { writeFileAtomic } from '../src/fs/atomic-write';

/** A rectangle in screen coordinates (same shape as Electron's `Rectangle`). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is remembered between runs. */
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** What the window is opened with: a size, and a position only when it is known to be visible. */
export interface InitialWindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export const defaultWindowSize = { width: 1180, height: 780 } as const;
export const minimumWindowSize = { width: 860, height: 560 } as const;
/** How much of the window (e.g. its title bar) must lie on a display for a saved position to be reused. */
const minimumVisible = { width: 120, height: 48 } as const;

const finite = z.number().check(z.int(), z.gte(-100_000), z.lte(100_000));
const savedStateSchema = z.object({
  bounds: z.object({ x: finite, y: finite, width: finite.check(z.gte(1)), height: finite.check(z.gte(1)) }),
  maximized: z.boolean(),
});

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Turns a saved state (anything read from disk) into safe window options for the displays attached
 * now: a malformed file gives the defaults; the size is kept within the minimum and the largest work
 * area; the position is kept only if enough of the window would be on some display — so a window
 * last shown on an unplugged monitor opens centred on a present one instead of off-screen.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[]): InitialWindowState {
  const parsed = savedStateSchema.safeParse(saved);
  const largest = workAreas.reduce<Rect | undefined>(
    (best, area) => (!best || area.width * area.height > best.width * best.height ? area : best),
    undefined,
  );
  const maxWidth = Math.max(minimumWindowSize.width, largest?.width ?? defaultWindowSize.width);
  const maxHeight = Math.max(minimumWindowSize.height, largest?.height ?? defaultWindowSize.height);
  const clampSize = (width: number, height: number) => ({
    width: Math.min(Math.max(width, minimumWindowSize.width), maxWidth),
    height: Math.min(Math.max(height, minimumWindowSize.height), maxHeight),
  });
  if (!parsed.success)
    return { ...clampSize(defaultWindowSize.width, defaultWindowSize.height), maximized: false };
  const { bounds, maximized } = parsed.data;
  const size = clampSize(bounds.width, bounds.height);
  const placed: Rect = { x: bounds.x, y: bounds.y, ...size };
  const visible = workAreas.some((area) => {
    const shared = overlap(placed, area);
    return (
      shared.width >= minimumVisible.width && shared.height >= minimumVisible.height && bounds.y >= area.y
    );
  });
  return visible ? { ...size, x: bounds.x, y: bounds.y, maximized } : { ...size, maximized };
}

/** Reads the saved state file; a missing or unreadable file is simply "nothing saved". */
export async function readWindowState(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Saves the state atomically, so a crash mid-write never leaves a half-written file. */
export async function writeWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`, { overwrite: true });
}
