// SIMD filters: the core's gaussianBlur, blur, medianBlur, filter2D and emboss
// (src/imgproc/*.ts) with SIMD128 kernels (assembly/filters.ts) for their common cases: Gaussian
// and box kernels up to 255 taps a side, the 5×5 median, integer correlation kernels whose sums
// stay below 2^15, and Pillow's emboss. The kernels compute the same exact integers as the core
// (its fixed-point Gaussian weights, its box divider, its border maps are the core's own helpers);
// every other case goes to the core.
import { roundHalfEven } from '../core/numeric.ts';
import type { PixelArray, Shape } from '../core/pixelarray.ts';
import { BORDER_MODES, type BorderMode } from '../imgproc/border.ts';
import { blur as coreBlur, boxFixedPoint, type BlurOptions } from '../imgproc/box.ts';
import { emboss as coreEmboss, type EmbossOptions } from '../imgproc/emboss.ts';
import { borderTable } from '../imgproc/filter-common.ts';
import { filter2D as coreFilter2D, type Filter2DOptions } from '../imgproc/filter2d.ts';
import { gaussianBlur as coreGaussianBlur, gaussianKernelFixed, type GaussianBlurOptions } from '../imgproc/gaussian.ts';
import { medianBlur as coreMedianBlur, type MedianBlurOptions } from '../imgproc/median.ts';
import { reduceKernel } from '../imgproc/separable.ts';
import { planOrCore } from './dispatch.ts';
import type { Plan, Workspace } from './runtime.ts';

/** Kernel sides above this go to the core (the kernels take byte weights, and such blurs are rare). */
const MAX_SIDE = 255;
/** Bytes a kernel may read past the end of a row or buffer (one vector). */
const SLACK = 16;

/** An int32 table as the bytes `Workspace.putBytes` writes. */
export const int32Bytes = (values: ArrayLike<number>): Uint8Array => new Uint8Array(Int32Array.from(values).buffer);

/** The options object a plan reads, or null when it is not a plain object (the core then decides). */
export function optionsOf(options: unknown): Record<string, unknown> | null {
  if (options === undefined) return {};
  return typeof options === 'object' && options !== null && !Array.isArray(options) ? options as Record<string, unknown> : null;
}

/** `options.border` when valid (default reflect101), else null. */
function borderOf(o: Record<string, unknown>): BorderMode | null {
  const b = o.border;
  if (b === undefined) return 'reflect101';
  return typeof b === 'string' && (BORDER_MODES as readonly string[]).includes(b) ? b as BorderMode : null;
}

/** A kernel size as the core reads it (a number or [width, height]) → [width, height], or null. */
function sidesOf(ksize: unknown, ok: (v: number) => boolean): [number, number] | null {
  const list = typeof ksize === 'number' ? [ksize, ksize] : Array.isArray(ksize) && ksize.length === 2 ? ksize : null;
  if (!list || !list.every((v) => typeof v === 'number' && Number.isSafeInteger(v) && ok(v))) return null;
  return [list[0] as number, list[1] as number];
}

/**
 * The separable kernel over the packed image at `src` of `shape`: `ky` (byte weights, `top` rows
 * above the anchor) down, `kx` across (`left` pixels before the anchor), then `mode`'s rounding
 * (see `separable` in assembly/filters.ts). Returns the output's address.
 */
function runSeparable(ws: Workspace, src: number, shape: Shape, ky: ArrayLike<number>, top: number,
  kx: Int32Array, left: number, border: BorderMode, mode: number, a: number, b: number): number {
  const [h, w, c] = shape;
  const len = w * c, kh = ky.length, kw = kx.length, ncols = w + kw - 1;
  const rowMap = borderTable(h, top, kh - 1 - top, border);
  const zero = ws.alloc(len + SLACK);
  ws.heap().fill(0, zero, zero + len + SLACK);
  const rowAddr = ws.putBytes(int32Bytes(Array.from(rowMap, (r) => (r < 0 ? zero : src + r * len))));
  const cols = ws.putBytes(int32Bytes(borderTable(w, left, kw - 1 - left, border)));
  const pky = ws.putBytes(ky);
  const pkx = ws.putBytes(int32Bytes(mode === 2 ? weightPairs(kx) : kx));
  const vbuf = ws.alloc(2 * (ncols * c + c + SLACK));
  const wbuf = mode === 2 ? ws.alloc(4 * (ncols * c + SLACK)) : 0;
  const dst = ws.alloc(h * len);
  ws.k.separable(rowAddr, dst, h, w, c, pky, kh, pkx, kw, left, cols, ncols, mode, a, b, vbuf, wbuf);
  return dst;
}

/**
 * The horizontal weights of `separable`'s mode 2: taps 2p and 2p + 1 as the 16-bit halves (low,
 * high) of an int32, each repeated in the four lanes of a vector; 0 after the last tap.
 */
function weightPairs(kx: ArrayLike<number>): Int32Array {
  const pairs = new Int32Array(4 * ((kx.length + 1) >> 1));
  for (let p = 0; p < pairs.length / 4; p++) pairs.fill((kx[2 * p] as number) | ((kx[2 * p + 1] ?? 0) << 16), 4 * p, 4 * p + 4);
  return pairs;
}

/**
 * The packed image at `src` of `shape` copied into a new buffer extended by `top`/`bottom` rows
 * and `left`/`right` pixels of `border` (plus read slack). Returns its address.
 */
function padded(ws: Workspace, src: number, shape: Shape, top: number, bottom: number, left: number, right: number,
  border: BorderMode): number {
  const [h, w, c] = shape;
  const nrows = h + top + bottom, ncols = w + left + right;
  const rows = ws.putBytes(int32Bytes(borderTable(h, top, bottom, border)));
  const cols = ws.putBytes(int32Bytes(borderTable(w, left, right, border)));
  const pad = ws.alloc(nrows * ncols * c + 2 * SLACK);
  ws.k.padImage(src, pad, w, c, rows, nrows, cols, ncols, left);
  return pad;
}

/** A plan running `body` (which returns the output's address) on an input of `shape`. */
const samePlan = (shape: Shape, body: (ws: Workspace, src: number) => number): Plan => ({ shape, run: body });

// ---------------------------------------------------------------------------------------------
// gaussianBlur

const checkedSigma = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

/** The core's kernel side for 8-bit images when ksize is 0 (gaussian.ts), or 0 when too large here. */
const autoSide = (sigma: number): number => {
  const k = roundHalfEven(sigma * 3 * 2 + 1);
  return k > MAX_SIDE ? 0 : k | 1;
};

/**
 * The plan of `gaussianBlur(a, sigma, options)` for an input of `shape`: the core's fixed-point
 * kernels, summed exactly in 16-bit lanes when their reduced weights total at most 2^8
 * (out = (S + 2^(b−1)) >> b), else with 32-bit horizontal sums (out = (S + 2^15) >> 16).
 * Null for invalid arguments and sides above 255.
 */
export function gaussianBlurPlan(shape: Shape, sigma: unknown, options?: unknown): Plan | null {
  const o = optionsOf(options);
  const sx = checkedSigma(sigma);
  if (!o || sx === null) return null;
  let sy = o.sigmaY === undefined ? 0 : checkedSigma(o.sigmaY);
  if (sy === null) return null;
  if (sy <= 0) sy = sx;
  const border = borderOf(o);
  const sides = o.ksize === undefined ? [0, 0] : sidesOf(o.ksize, (v) => v >= 0 && (v === 0 || v % 2 === 1));
  if (!border || !sides) return null;
  let [kw, kh] = sides;
  if (kw === 0 || kh === 0) {
    if (sx <= 0) return null;
    if (kw === 0) kw = autoSide(sx);
    if (kh === 0) kh = autoSide(sy);
  }
  if (kw === 0 || kh === 0 || kw > MAX_SIDE || kh > MAX_SIDE || (kw === 1 && kh === 1)) return null;
  // As the core: the y kernel is the x kernel when sizes and sigmas agree.
  const kx = gaussianKernelFixed(kw, sx);
  const ky = kh === kw && Math.abs(sx - sy) < Number.EPSILON ? kx : gaussianKernelFixed(kh, sy);
  const X = reduceKernel(kx), Y = reduceKernel(ky);
  const shift = X.bits + Y.bits;
  // The kernels take byte weights (the core's are never negative, and reach 256 only beside zeros).
  const bytes = (k: ArrayLike<number>): boolean => Array.prototype.every.call(k, (v: number) => v >= 0 && v <= 255);
  if (shift <= 8) {
    // Every partial sum ≤ 255 · 2^shift fits 16 bits.
    if (!bytes(X.w) || !bytes(Y.w)) return null;
    return samePlan(shape, (ws, src) => runSeparable(ws, src, shape, Y.w, kh >> 1, Int32Array.from(X.w), kw >> 1, border,
      0, shift > 0 ? 1 << (shift - 1) : 0, shift));
  }
  // Column sums ≤ 255 · 256 fit 16 bits; the horizontal sums, 32-bit, take 16-bit weights. The
  // kernel adds back the signed offset of its 16-bit sums as 2^15 · 256 (see horizontalPairs).
  const total = (k: ArrayLike<number>): number => { let t = 0; for (let i = 0; i < k.length; i++) t += k[i] as number; return t; };
  if (!bytes(ky) || !bytes(kx) || total(kx) !== 256 || total(ky) !== 256) return null;
  return samePlan(shape, (ws, src) => runSeparable(ws, src, shape, ky, kh >> 1, Int32Array.from(kx), kw >> 1, border, 2, 0, 0));
}

/** `cv2.GaussianBlur` (see the core's `gaussianBlur`), SIMD for kernel sides up to 255. */
export function gaussianBlur(a: PixelArray, sigma: number, options?: GaussianBlurOptions): PixelArray {
  return planOrCore(coreGaussianBlur, arguments, 3, (x) => gaussianBlurPlan(x.shape, sigma, options), options,
    ['ksize', 'sigmaY', 'border']);
}

// ---------------------------------------------------------------------------------------------
// blur

/**
 * The plan of `blur(a, ksize, options)` for an input of `shape`: window sums in 16-bit lanes and
 * OpenCV's fixed-point division, for areas 2..256 (16-bit sums in OpenCV too). Null otherwise.
 */
export function blurPlan(shape: Shape, ksize: unknown, options?: unknown): Plan | null {
  const o = optionsOf(options);
  const sides = sidesOf(ksize, (v) => v >= 1 && v <= MAX_SIDE);
  const border = o && borderOf(o);
  if (!sides || !border || border === 'wrap') return null;
  const [kw, kh] = sides;
  const n = kw * kh;
  // OpenCV's fixed-point division (the core's boxDivider for these areas): ((s + dd) · ds) >> 23.
  const params = n > 1 && n <= 256 ? boxFixedPoint(n) : null;
  if (!params) return null;
  return samePlan(shape, (ws, src) => runSeparable(ws, src, shape, new Uint8Array(kh).fill(1), kh >> 1,
    new Int32Array(kw).fill(1), kw >> 1, border, 1, params[0], params[1]));
}

/** `cv2.blur` (see the core's `blur`), SIMD for window areas up to 256. */
export function blur(a: PixelArray, ksize: number | readonly [number, number], options?: BlurOptions): PixelArray {
  return planOrCore(coreBlur, arguments, 3, (x) => blurPlan(x.shape, ksize, options), options, ['border']);
}

// ---------------------------------------------------------------------------------------------
// medianBlur

/** The plan of `medianBlur(a, 5)` for an input of `shape` (replicated border); null for other sizes. */
export function medianBlurPlan(shape: Shape, ksize: unknown): Plan | null {
  if (ksize !== 5) return null;
  const [h, w, c] = shape;
  return samePlan(shape, (ws, src) => {
    const pad = padded(ws, src, shape, 2, 2, 2, 2, 'replicate');
    const sortedStride = (w + 4) * c + 2 * SLACK;
    const sorted = ws.alloc(5 * sortedStride);
    const dst = ws.alloc(h * w * c + SLACK);
    ws.k.median5(pad, dst, h, w, c, sorted, sortedStride);
    return dst;
  });
}

/** `cv2.medianBlur` (see the core's `medianBlur`), SIMD for ksize 5. */
export function medianBlur(a: PixelArray, ksize: number, options?: MedianBlurOptions): PixelArray {
  return planOrCore(coreMedianBlur, arguments, 3, (x) => medianBlurPlan(x.shape, ksize), options);
}

// ---------------------------------------------------------------------------------------------
// filter2D

/** Kernel sides above this go to the core. */
const MAX_CORRELATION_SIDE = 31;

/**
 * The plan of `filter2D(a, kernel, options)` for an input of `shape`: kernels whose float32
 * coefficients and delta are integers with |delta| + 255·Σ|k| < 2^15, where the core's float32
 * sums are the exact integer sums, computed in 16-bit lanes and saturated. Null otherwise
 * (fractional kernels, wrap borders, sides above 31, invalid arguments).
 */
export function filter2DPlan(shape: Shape, kernel: unknown, options?: unknown): Plan | null {
  const o = optionsOf(options);
  const border = o && borderOf(o);
  if (!border || border === 'wrap' || !Array.isArray(kernel) || kernel.length === 0 || kernel.length > MAX_CORRELATION_SIDE) return null;
  const delta = o!.delta === undefined ? 0 : o!.delta;
  if (typeof delta !== 'number' || !Number.isInteger(Math.fround(delta))) return null;
  const kh = kernel.length, kw = Array.isArray(kernel[0]) ? (kernel[0] as unknown[]).length : 0;
  if (kw === 0 || kw > MAX_CORRELATION_SIDE) return null;
  const [h, w, c] = shape;
  const taps: number[] = [];
  let bound = Math.abs(Math.fround(delta));
  for (let j = 0; j < kh; j++) {
    const row: unknown = kernel[j];
    if (!Array.isArray(row) || row.length !== kw) return null;
    for (let i = 0; i < kw; i++) {
      const v: unknown = row[i];
      if (typeof v !== 'number') return null;
      const k32 = Math.fround(v);
      if (!Number.isInteger(k32)) return null;
      if (k32 !== 0) { taps.push(j, i * c, k32); bound += 255 * Math.abs(k32); }
    }
  }
  if (taps.length === 0 || bound >= 32768) return null;
  const ay = kh >> 1, ax = kw >> 1, ncols = w + kw - 1, ntaps = taps.length / 3;
  return samePlan(shape, (ws, src) => {
    const rows = ws.putBytes(int32Bytes(borderTable(h, ay, kh - 1 - ay, border)));
    const cols = ws.putBytes(int32Bytes(borderTable(w, ax, kw - 1 - ax, border)));
    const ptaps = ws.putBytes(int32Bytes(taps));
    const ringStride = ncols * c + SLACK;
    const ring = ws.alloc(kh * ringStride);
    const work = ws.alloc(ntaps * 16 + 2 * (w * c + SLACK));
    const dst = ws.alloc(h * w * c + SLACK);
    ws.k.correlateRows(src, dst, h, w, c, rows, cols, ncols, ax, ring, ringStride, kh, ptaps, ntaps, Math.fround(delta), work);
    return dst;
  });
}

/** `cv2.filter2D` (see the core's `filter2D`), SIMD for small integer kernels. */
export function filter2D(a: PixelArray, kernel: readonly (readonly number[])[], options?: Filter2DOptions): PixelArray {
  return planOrCore(coreFilter2D, arguments, 3, (x) => filter2DPlan(x.shape, kernel, options), options, ['delta', 'border']);
}

// ---------------------------------------------------------------------------------------------
// emboss

/** The plan of `emboss(a)` for an input of `shape` (at least 3 × 3; smaller ones are copies the core makes). */
export function embossPlan(shape: Shape): Plan | null {
  const [h, w, c] = shape;
  if (h < 3 || w < 3) return null;
  return samePlan(shape, (ws, src) => {
    const dst = ws.alloc(h * w * c);
    ws.k.emboss(src, dst, h, w, c);
    return dst;
  });
}

/** Pillow's `ImageFilter.EMBOSS` (see the core's `emboss`), SIMD. */
export function emboss(a: PixelArray, options?: EmbossOptions): PixelArray {
  return planOrCore(coreEmboss, arguments, 2, (x) => embossPlan(x.shape), options);
}
