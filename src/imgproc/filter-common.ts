// Shared plumbing of the filters: option checks, row starts, border tables.
import { rangeError, typeError } from '../core/errors.ts';
import type { PixelArray } from '../core/pixelarray.ts';
import { borderIndex, type BorderMode } from './border.ts';

/** Start of row `y` of a row-readable array. */
export function rowStart(a: PixelArray, y: number): number {
  return a.offset + y * a.stride[0];
}

/**
 * A kernel size: a number (square) or `[width, height]`, as OpenCV's `Size`. Each side must be an
 * integer ≥ `min`; with `odd`, also odd (0 allowed when `allowZero`). Returns `[width, height]`.
 */
export function checkKsize(ksize: unknown, name: string, opts: { odd: boolean; allowZero: boolean }): [number, number] {
  const what = opts.odd
    ? (opts.allowZero ? 'an odd integer ≥ 1, or 0' : 'an odd integer ≥ 1')
    : 'an integer ≥ 1';
  const one = (v: unknown, label: string): number => {
    if (typeof v !== 'number') throw typeError(label, what, v);
    if (!Number.isSafeInteger(v) || v < 0 || (v === 0 && !opts.allowZero) || (opts.odd && v !== 0 && v % 2 === 0)) {
      throw rangeError(label, what, v);
    }
    return v;
  };
  if (typeof ksize === 'number') {
    const k = one(ksize, name);
    return [k, k];
  }
  if (Array.isArray(ksize)) {
    if (ksize.length !== 2) {
      throw rangeError(name, `a number or [width, height] (${what} each)`, ksize);
    }
    return [one(ksize[0], `${name}[0]`), one(ksize[1], `${name}[1]`)];
  }
  throw typeError(name, `a number or [width, height] (${what} each)`, ksize);
}

/**
 * For positions `-before .. len - 1 + after` on an axis of length `len`, the source index that
 * stands there (cv::borderInterpolate), or −1 for `constant` (zero). Index `p` is at `p + before`.
 */
export function borderTable(len: number, before: number, after: number, mode: BorderMode): Int32Array {
  const t = new Int32Array(before + len + after);
  for (let p = -before; p < len + after; p++) t[p + before] = borderIndex(p, len, mode);
  return t;
}
