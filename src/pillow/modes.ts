// Pillow image modes ↔ channel counts, and the argument checks the Pillow family shares.
import { checkInt } from '../core/check.ts';
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

/**
 * A Pillow color for an image of `c` channels (`Image.new(mode, size, color)`): an array gives one
 * value per channel (RGBA also takes 3, alpha 255); a number is clipped to 0..255 for L, and for
 * LA/RGB/RGBA is Pillow's packed ink `r | g << 8 | b << 16 | a << 24` (LA: L = byte 0, A = byte 3),
 * so `255` is red on RGB, as in Pillow.
 */
export function pillowColor(color: unknown, c: number, name: string): number[] {
  if (typeof color === 'number') {
    const v = checkInt(color, name, -(2 ** 53) + 1, 2 ** 53 - 1);
    if (c === 1) return [v <= 0 ? 0 : v >= 255 ? 255 : v];
    const u = ((v % 2 ** 32) + 2 ** 32) % 2 ** 32;
    const bytes = [u & 255, (u >>> 8) & 255, (u >>> 16) & 255, u >>> 24];
    return c === 2 ? [bytes[0], bytes[3]] : bytes.slice(0, c);
  }
  if (Array.isArray(color)) {
    if (!(color.length === c || (c === 4 && color.length === 3))) {
      throw new RangeError(`${name}: expected ${c === 4 ? '3 or 4' : c} values, got ${color.length}`);
    }
    const vals = color.map((v, i) => checkInt(v, `${name}[${i}]`, 0, 255));
    if (vals.length < c) vals.push(255);
    return vals;
  }
  throw typeError(name, 'a number or an array of per-channel values', color);
}
