// Pillow image modes ↔ channel counts, and the argument checks the Pillow family shares.
import { typeError } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';

/** The Pillow modes pixelarray maps onto channel counts: 1 `'L'`, 2 `'LA'`, 3 `'RGB'`, 4 `'RGBA'`. */
export type PillowMode = 'L' | 'LA' | 'RGB' | 'RGBA';

const MODES: readonly PillowMode[] = ['L', 'LA', 'RGB', 'RGBA'];

/** The Pillow mode of an image with `channels` channels (1 `'L'`, 2 `'LA'`, 3 `'RGB'`, 4 `'RGBA'`). */
export function modeOfChannels(channels: number): PillowMode {
  const m = MODES[channels - 1];
  if (m === undefined) {
    throw new RangeError(`channels: expected 1 (L), 2 (LA), 3 (RGB) or 4 (RGBA), got ${String(channels)}`);
  }
  return m;
}

/** The channel count of a Pillow mode: `'L'` 1, `'LA'` 2, `'RGB'` 3, `'RGBA'` 4. */
export function channelsOfMode(mode: unknown, name = 'mode'): number {
  const i = MODES.indexOf(mode as PillowMode);
  if (i < 0) {
    if (typeof mode !== 'string') throw typeError(name, "a mode 'L', 'LA', 'RGB' or 'RGBA'", mode);
    throw new RangeError(`${name}: expected 'L', 'LA', 'RGB' or 'RGBA', got ${JSON.stringify(mode)}`);
  }
  return i + 1;
}

/** Checks that `a` is a PixelArray that Pillow can hold (1 to 4 channels); returns its mode. */
export function checkPillowImage(a: unknown, name = 'a'): PillowMode {
  assertPixelArray(a, name);
  const c = a.shape[2];
  if (c < 1 || c > 4) {
    throw new RangeError(`${name}: expected 1 (L), 2 (LA), 3 (RGB) or 4 (RGBA) channels, got ${c}`);
  }
  return MODES[c - 1];
}

/** True when the image has an alpha channel (`'LA'`, `'RGBA'`), which Pillow premultiplies to resample. */
export function hasAlpha(a: PixelArray): boolean {
  return a.shape[2] === 2 || a.shape[2] === 4;
}
