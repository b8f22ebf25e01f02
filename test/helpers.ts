// Shared test utilities: seeded random images, every kind of view over the same pixels, and a
// reader that flattens any view. Naive reference formulas live in the tests that use them.
import { PixelArray, clone, flip, fromData, transpose } from '../src/index.ts';

/** Deterministic pseudo-random bytes (xorshift32). */
export function randomBytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    out[i] = s & 255;
  }
  return out;
}

export function randomImage(h: number, w: number, c: number, seed = 1): PixelArray {
  return fromData(randomBytes(h * w * c, seed), h, w, c);
}

/** The elements of any view in row-major order. */
export function pixels(a: PixelArray): number[] {
  const [h, w, c] = a.shape;
  const out: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) out.push(a.get(y, x, k));
  return out;
}

/**
 * The same pixels as `a` in several memory layouts: contiguous, a crop inside a larger buffer
 * with an odd byte offset (rows contiguous, words unaligned), flipped twice (negative strides),
 * and transposed twice (strided). Ops must give identical results on all of them.
 */
export function layouts(a: PixelArray): Record<string, PixelArray> {
  const [h, w, c] = a.shape;
  const big = new Uint8Array((h + 2) * (w + 3) * c + 1).fill(77);
  const padded = new PixelArray(big, [h, w, c], [(w + 3) * c, c, 1], 1 + (w + 3) * c + 2 * c);
  clone(a, { out: padded });
  return {
    contiguous: clone(a),
    'crop view (unaligned rows)': padded,
    'double flip (negative strides)': flip(flip(clone(a), -1), -1),
    'double transpose (strided)': transpose(clone(transpose(a))),
  };
}

/** Shapes worth testing: tiny, odd, word-unaligned and ordinary. */
export const SHAPES: [number, number, number][] = [
  [1, 1, 1], [1, 7, 3], [7, 1, 3], [3, 5, 4], [13, 17, 3], [16, 16, 1], [9, 11, 2], [33, 65, 3], [5, 6, 5],
  // widths and heights that are multiples of 4 (and not) reach the packed RGB paths and their edges
  [8, 12, 3], [10, 16, 3], [16, 9, 3], [12, 4, 4],
];

/**
 * `fromData` that hands out a strided view (padded rows, odd offset, unaligned) holding the same
 * pixels: for running golden cases on views as well as on contiguous arrays.
 */
export function fromDataAsView(data: Uint8Array, h: number, w: number, c: number): PixelArray {
  const rowStride = (w + 1) * c + 3;
  const buf = new Uint8Array(h * rowStride + 5).fill(0xa5);
  const view = new PixelArray(buf, [h, w, c], [rowStride, c, 1], 5);
  clone(fromData(data, h, w, c), { out: view });
  return view;
}
