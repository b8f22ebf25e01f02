// Pillow Image.reduce (libImaging/Reduce.c): integer box averages over factor × factor cells.
import { checkInt, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { clone, contiguous, finishOutput, startOutput } from '../core/copy.ts';
import { typeError, tooManyArguments } from '../core/errors.ts';
import { PixelArray, type Shape } from '../core/pixelarray.ts';
import { premultiply, unpremultiplyInPlace } from './convert.ts';
import { checkPillowImage, hasAlpha } from './modes.ts';

/** Options of `reduce` (Pillow). */
export interface ReduceOptions {
  /** The integer region `[left, upper, right, lower]` of `a` to reduce (default: all of it). */
  box?: readonly [number, number, number, number];
  /** Write the result here instead of allocating; returned. */
  out?: PixelArray;
}

/**
 * Reduce.c's `division_UINT32(n, 8)`: `(uint32)(f32(2^32) / f32(256·n))`, the multiplier that
 * turns a sum of `n` bytes (plus `n / 2`) into their rounded mean by `(s · m) >> 24` (mod 2^32).
 */
function multiplier(n: number): number {
  return Math.trunc(Math.fround(4294967296 / Math.fround(256 * n)));
}

/**
 * ImagingReduce on a contiguous image: output `ceil(bw / fx) × ceil(bh / fy)`; each cell, those of
 * the last column and row holding only the remaining `bw % fx` columns / `bh % fy` rows (Reduce.c's
 * `ImagingReduceCorners`), is `((sum + ⌊n/2⌋) · division_UINT32(n)) >> 24` over its `n` pixels. The
 * specialised 1×2, 2×2, 3×3, 4×4, 5×5… loops of Reduce.c compute that same value.
 */
export function reduceInto(src: PixelArray, fx: number, fy: number, box: readonly number[], dst: PixelArray): void {
  const c = src.shape[2];
  const [x0, y0, x1, y1] = box;
  const bw = x1 - x0, bh = y1 - y0;
  const ow = Math.ceil(bw / fx), oh = Math.ceil(bh / fy);
  const s = src.data, d = dst.data;
  const rowLen = src.shape[1] * c;
  const sums = new Uint32Array(ow * c);
  let di = dst.offset;
  for (let oy = 0; oy < oh; oy++) {
    const ya = y0 + oy * fy, yb = Math.min(ya + fy, y1);
    sums.fill(0);
    for (let y = ya; y < yb; y++) {
      let si = src.offset + y * rowLen + x0 * c;
      for (let ox = 0; ox < ow; ox++) {
        const n = Math.min(fx, bw - ox * fx);
        const base = ox * c;
        for (let k = 0; k < n; k++) {
          for (let ch = 0; ch < c; ch++) sums[base + ch] += s[si + ch];
          si += c;
        }
      }
    }
    const rows = yb - ya;
    for (let ox = 0; ox < ow; ox++) {
      const n = Math.min(fx, bw - ox * fx) * rows;
      const m = multiplier(n), amend = n >> 1;
      for (let ch = 0; ch < c; ch++) d[di++] = Math.imul(sums[ox * c + ch] + amend, m) >>> 24;
    }
  }
}

function checkFactor(factor: unknown): [number, number] {
  if (typeof factor === 'number') {
    const f = checkInt(factor, 'factor', 1);
    return [f, f];
  }
  if (Array.isArray(factor) && factor.length === 2) {
    return [checkInt(factor[0], 'factor[0]', 1), checkInt(factor[1], 'factor[1]', 1)];
  }
  throw typeError('factor', 'an integer ≥ 1 or [fx, fy]', factor);
}

function checkIntBox(box: unknown, w: number, h: number): [number, number, number, number] {
  if (box === undefined) return [0, 0, w, h];
  if (!Array.isArray(box) || box.length !== 4) throw typeError('options.box', 'an array [left, upper, right, lower]', box);
  const b = [checkInt(box[0], 'options.box[0]', 0, w), checkInt(box[1], 'options.box[1]', 0, h),
    checkInt(box[2], 'options.box[2]', 0, w), checkInt(box[3], 'options.box[3]', 0, h)] as [number, number, number, number];
  if (b[2] <= b[0] || b[3] <= b[1]) throw new RangeError(`options.box: expected a non-empty box (right > left, lower > upper), got [${b.join(', ')}]`);
  return b;
}

/**
 * Pillow `Image.reduce(factor, box)`: each output pixel is the rounded integer mean of a
 * `fx × fy` cell (`factor` a number or `[fx, fy]`); when the size is not a multiple of the factor
 * the result is rounded up and the last column / row averages the remaining pixels only. LA and
 * RGBA are premultiplied first ('La', 'RGBa') and unpremultiplied after, as Image.reduce does.
 * Bit for bit Pillow 9.4.
 */
export function reduce(a: PixelArray, factor: number | readonly [number, number], options?: ReduceOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('reduce', ['a', 'factor', 'options'], arguments.length);
  checkPillowImage(a, 'a');
  const [fx, fy] = checkFactor(factor);
  const o = checkOptions(options);
  checkOptionKeys(o, ['box', 'out']);
  const [h, w, c] = a.shape;
  const box = checkIntBox(o.box, w, h);
  const shape: Shape = [Math.ceil((box[3] - box[1]) / fy), Math.ceil((box[2] - box[0]) / fx), c];
  const out = checkOut(o.out, shape);
  const full = box[0] === 0 && box[1] === 0 && box[2] === w && box[3] === h;
  if (fx === 1 && fy === 1 && full) return clone(a, { out });
  return reduceImage(a, fx, fy, box, out);
}

/** Image.reduce after its checks (also the first step of `resize` with `reducingGap`). */
export function reduceImage(a: PixelArray, fx: number, fy: number, box: readonly number[], out?: PixelArray): PixelArray {
  const c = a.shape[2];
  const shape: Shape = [Math.ceil((box[3] - box[1]) / fy), Math.ceil((box[2] - box[0]) / fx), c];
  const alpha = hasAlpha(a);
  const src = alpha ? premultiply(a) : contiguous(a);
  // With alpha the result is unpremultiplied in place: compute into a fresh array, copy to out.
  const dst = alpha ? new PixelArray(new Uint8Array(shape[0] * shape[1] * c), shape) : startOutput(shape, out, [a]);
  reduceInto(src, fx, fy, box, dst);
  if (alpha) unpremultiplyInPlace(dst);
  return finishOutput(dst, out);
}
