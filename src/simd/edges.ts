// SIMD Sobel: the core's `sobel` (src/imgproc/edges.ts) with a SIMD128 kernel
// (assembly/morphology.ts) for apertures 1, 3 and 5, where OpenCV's kernels (the core's
// derivKernel) keep every sum within 16 bits: uint8 results with scale 1 and an integer delta,
// and int16 results with scale 1 (OpenCV's integer path, delta rounded). Every other depth,
// scale or delta and aperture 7 go to the core.
//
// Scharr (uint8 results) runs on the same kernel: its sums (≤ 255 · 2 · 16) fit 16 bits; scale 1
// with an integer delta is Sobel's path, scale 2^−k (the bench's 0.25) the exact int16 sums then
// int16ToUint8Shifted. Laplacian ksize 1 and 3 (uint8, scale 1, integer delta) is filter2D's
// integer kernel with OpenCV's 3×3 Laplacian kernels (the core's sums are exact integers there).
import { roundHalfEven } from '../core/numeric.ts';
import { PixelArray, type Shape } from '../core/pixelarray.ts';
import { borderTable } from '../imgproc/filter-common.ts';
import {
  derivKernel, laplacian as coreLaplacian, scharr as coreScharr, sobel as coreSobel, type GradientArray, type LaplacianOptions,
  type ScharrOptions, type SobelOptions,
} from '../imgproc/edges.ts';
import { callCore, MIN_KERNEL_BYTES, planOrCore, plainOut } from './dispatch.ts';
import { filter2DPlan, int32Bytes, optionsOf } from './filters.ts';
import { activeKernels, ArenaFull, Workspace, type Plan } from './runtime.ts';

/** Bytes a kernel may read past the end of a row or buffer (one vector). */
const SLACK = 16;
/** The options the plans read (and `out`, which the dispatch reads). */
const SOBEL_KEYS = ['ksize', 'scale', 'delta', 'border', 'ddepth'];

/** One Sobel filter as the kernel runs it. */
interface SobelSpec {
  readonly kx: Int32Array;
  readonly ky: Int32Array;
  readonly border: 'reflect101' | 'replicate' | 'reflect' | 'constant';
  /** Added to the sums: saturated to 16 bits for uint8 results (the same bytes), exact for int16 ones. */
  readonly delta: number;
  readonly int16: boolean;
}

/**
 * `sobel(a, dx, dy, options)` as the kernel runs it, read as the core reads its arguments; null
 * for anything the core would refuse and everything the kernel does not compute exactly.
 */
function sobelSpec(dx: unknown, dy: unknown, options: unknown): SobelSpec | null {
  const o = optionsOf(options);
  if (!o || !Object.keys(o).every((k) => k === 'out' || SOBEL_KEYS.includes(k))) return null;
  const ksize = o.ksize === undefined ? 3 : o.ksize;
  const ddepth = o.ddepth === undefined ? 'uint8' : o.ddepth;
  const border = o.border === undefined ? 'reflect101' : o.border;
  const delta = o.delta === undefined ? 0 : o.delta;
  if ((ksize !== 1 && ksize !== 3 && ksize !== 5) || (ddepth !== 'uint8' && ddepth !== 'int16') || (o.scale !== undefined && o.scale !== 1)) return null;
  if (border !== 'reflect101' && border !== 'replicate' && border !== 'reflect' && border !== 'constant') return null;
  if (typeof delta !== 'number' || !Number.isFinite(delta) || (ddepth === 'int16' && o.out !== undefined)) return null;
  if (!Number.isSafeInteger(dx) || !Number.isSafeInteger(dy)) return null;
  const ox = dx as number, oy = dy as number;
  // cv::Sobel's checks (the core's derivKernels): some derivative, each order below its kernel's size.
  const sizeX = ksize === 1 && ox > 0 ? 3 : ksize, sizeY = ksize === 1 && oy > 0 ? 3 : ksize;
  if (ox < 0 || oy < 0 || ox + oy === 0 || ox >= sizeX || oy >= sizeY) return null;
  const kx = derivKernel(ox, ksize), ky = derivKernel(oy, ksize);
  const weight = (k: Int32Array): number => k.reduce((s, v) => s + Math.abs(v), 0);
  const bound = 255 * weight(kx) * weight(ky);
  if (ddepth === 'uint8') {
    // The core's exact path (scale 1, fround(delta) an integer): clamp(S + delta) to bytes, which a
    // delta saturated to 16 bits leaves unchanged (|S| < 2^15 − 255 here).
    const d = Math.fround(delta);
    if (!Number.isInteger(d) || bound > 32767 - 255) return null;
    return { kx, ky, border, delta: Math.max(-32768, Math.min(32767, d)), int16: false };
  }
  // OpenCV's integer path for int16 (scale 1): S + cvRound(delta), here only where it never saturates.
  const d = roundHalfEven(delta);
  return bound + Math.abs(d) <= 32767 ? { kx, ky, border, delta: d, int16: true } : null;
}

/** (offset, weight) int32 pairs of a kernel's nonzero taps. */
const taps = (k: Int32Array): number[] => Array.from(k).flatMap((v, i) => (v === 0 ? [] : [i, v]));

/** Runs `spec` on the packed image at `src` of `shape`; returns the result's address (bytes, or int16). */
function runSobel(ws: Workspace, src: number, shape: Shape, spec: SobelSpec): number {
  const [h, w, c] = shape;
  const len = w * c, rx = spec.kx.length >> 1, ry = spec.ky.length >> 1, ncols = w + 2 * rx;
  const zero = ws.alloc(len + SLACK);
  ws.heap().fill(0, zero, zero + len + SLACK);
  const rowAddr = ws.putBytes(int32Bytes(Array.from(borderTable(h, ry, ry, spec.border), (r) => (r < 0 ? zero : src + r * len))));
  const cols = ws.putBytes(int32Bytes(borderTable(w, rx, rx, spec.border)));
  const tx = taps(spec.kx), ty = taps(spec.ky);
  const tapsX = ws.putBytes(int32Bytes(tx)), tapsY = ws.putBytes(int32Bytes(ty));
  const vbuf = ws.alloc(2 * (ncols * c + 2 * SLACK));
  const dst = ws.alloc((spec.int16 ? 2 : 1) * h * len);
  ws.k.sobelRows(rowAddr, dst, h, w, c, tapsY, ty.length / 2, tapsX, tx.length / 2, rx, cols, ncols, spec.delta, spec.int16 ? 1 : 0, vbuf);
  return dst;
}

/**
 * The plan of `sobel(a, dx, dy, options)` with a uint8 result for an input of `shape`
 * (apertures 1, 3, 5, scale 1, an integer delta); null where the core runs.
 */
export function sobelPlan(shape: Shape, dx: unknown, dy: unknown, options?: unknown): Plan | null {
  const spec = sobelSpec(dx, dy, options);
  return spec && !spec.int16 ? { shape, run: (ws, src) => runSobel(ws, src, shape, spec) } : null;
}

/** The int16 result of `sobel` by the kernel, or null where the core runs (see `sobelSpec`). */
function sobelInt16(args: IArguments, a: unknown, dx: unknown, dy: unknown, options: unknown): GradientArray<Int16Array> | null {
  const k = activeKernels();
  if (k === null || args.length > 4 || !(a instanceof PixelArray) || a.size < MIN_KERNEL_BYTES) return null;
  const spec = sobelSpec(dx, dy, options);
  if (!spec?.int16 || plainOut(options, a.shape, SOBEL_KEYS) !== undefined) return null;
  const ws = new Workspace(k);
  try {
    const at = runSobel(ws, ws.put(a), a.shape, spec);
    return { data: new Int16Array(k.memory.buffer.slice(at, at + 2 * a.size)), shape: [a.shape[0], a.shape[1], a.shape[2]] };
  } catch (e) {
    if (e instanceof ArenaFull) return null;
    throw e;
  }
}

/**
 * `cv2.Sobel` (see the core's `sobel`), SIMD for apertures 1, 3 and 5 with scale 1: uint8 results
 * with an integer delta, int16 results.
 */
export function sobel(a: PixelArray, dx: number, dy: number, options?: SobelOptions & { ddepth?: 'uint8' }): PixelArray;
export function sobel(a: PixelArray, dx: number, dy: number, options: SobelOptions & { ddepth: 'int16' }): GradientArray<Int16Array>;
export function sobel(a: PixelArray, dx: number, dy: number, options: SobelOptions & { ddepth: 'float32' }): GradientArray<Float32Array>;
export function sobel(a: PixelArray, dx: number, dy: number, options?: SobelOptions): PixelArray | GradientArray;
export function sobel(a: PixelArray, dx: number, dy: number, options?: SobelOptions): PixelArray | GradientArray {
  if (options?.ddepth === 'int16') return sobelInt16(arguments, a, dx, dy, options) ?? callCore(coreSobel, arguments);
  if (options?.ddepth === 'float32') return callCore(coreSobel, arguments);
  return planOrCore(coreSobel as (...x: never[]) => PixelArray, arguments, 4, (x) => sobelPlan(x.shape, dx, dy, options), options, SOBEL_KEYS);
}

// ---------------------------------------------------------------------------------------------
// scharr, laplacian

/** The options the Scharr and Laplacian plans read (and `out`). */
export const SCHARR_KEYS = ['scale', 'delta', 'border', 'ddepth'];
export const LAPLACIAN_KEYS = ['ksize', ...SCHARR_KEYS];

/** k when `scale` is 2^−k with 1 ≤ k ≤ 8; 0 otherwise. */
function scaleShift(scale: unknown): number {
  for (let k = 1; k <= 8; k++) if (scale === 2 ** -k) return k;
  return 0;
}

/**
 * The plan of `scharr(a, dx, dy, options)` with a uint8 result for an input of `shape`: scale 1
 * or 2^−k (k ≤ 8) and an integer delta (float32), where the core's result is exactly
 * sat(round-half-even(S / 2^k) + delta); null where the core runs.
 */
export function scharrPlan(shape: Shape, dx: unknown, dy: unknown, options?: unknown): Plan | null {
  const o = optionsOf(options);
  if (!o || !Object.keys(o).every((k) => k === 'out' || SCHARR_KEYS.includes(k))) return null;
  if (o.ddepth !== undefined && o.ddepth !== 'uint8') return null;
  if ((dx !== 0 && dx !== 1) || (dy !== 0 && dy !== 1) || dx + dy !== 1) return null;
  const border = o.border === undefined ? 'reflect101' : o.border;
  if (border !== 'reflect101' && border !== 'replicate' && border !== 'reflect' && border !== 'constant') return null;
  const shift = o.scale === undefined || o.scale === 1 ? 0 : scaleShift(o.scale);
  if (shift === 0 && o.scale !== undefined && o.scale !== 1) return null;
  const delta = Math.fround(o.delta === undefined ? 0 : typeof o.delta === 'number' ? o.delta : Number.NaN);
  if (!Number.isInteger(delta) || (shift > 0 && Math.abs(delta) > 32768)) return null;
  const kx = derivKernel(dx, -1), ky = derivKernel(dy, -1);
  // Sums within ±255 · 2 · 16 = ±8160, so a delta clamped to 16 bits gives the same bytes.
  const d16 = Math.max(-32768, Math.min(32767, delta));
  if (shift === 0) {
    const spec: SobelSpec = { kx, ky, border, delta: d16, int16: false };
    return { shape, run: (ws, src) => runSobel(ws, src, shape, spec) };
  }
  const spec: SobelSpec = { kx, ky, border, delta: 0, int16: true };
  return {
    shape,
    run(ws, src) {
      const sums = runSobel(ws, src, shape, spec);
      const n = shape[0] * shape[1] * shape[2], dst = ws.alloc(n);
      ws.k.int16ToUint8Shifted(sums, dst, n, shift, d16);
      return dst;
    },
  };
}

/**
 * `cv2.Scharr` (see the core's `scharr`), SIMD for uint8 results with scale 1 or 2^−k and an
 * integer delta.
 */
export function scharr(a: PixelArray, dx: number, dy: number, options?: ScharrOptions & { ddepth?: 'uint8' }): PixelArray;
export function scharr(a: PixelArray, dx: number, dy: number, options: ScharrOptions & { ddepth: 'int16' }): GradientArray<Int16Array>;
export function scharr(a: PixelArray, dx: number, dy: number, options: ScharrOptions & { ddepth: 'float32' }): GradientArray<Float32Array>;
export function scharr(a: PixelArray, dx: number, dy: number, options?: ScharrOptions): PixelArray | GradientArray;
export function scharr(a: PixelArray, dx: number, dy: number, options?: ScharrOptions): PixelArray | GradientArray {
  if (options?.ddepth === 'int16' || options?.ddepth === 'float32') return callCore(coreScharr, arguments);
  return planOrCore(coreScharr as (...x: never[]) => PixelArray, arguments, 4, (x) => scharrPlan(x.shape, dx, dy, options), options, SCHARR_KEYS);
}

/** OpenCV's 3×3 Laplacian kernels, ksize 1 and 3. */
const LAPLACIAN_1 = [[0, 1, 0], [1, -4, 1], [0, 1, 0]], LAPLACIAN_3 = [[2, 0, 2], [0, -8, 0], [2, 0, 2]];

/**
 * The plan of `laplacian(a, options)` with a uint8 result for an input of `shape`: ksize 1 or 3,
 * scale 1, an integer delta (float32), through filter2D's plan; null where the core runs.
 */
export function laplacianPlan(shape: Shape, options?: unknown): Plan | null {
  const o = optionsOf(options);
  if (!o || !Object.keys(o).every((k) => k === 'out' || LAPLACIAN_KEYS.includes(k))) return null;
  if ((o.ddepth !== undefined && o.ddepth !== 'uint8') || (o.scale !== undefined && o.scale !== 1)) return null;
  const kernel = o.ksize === undefined || o.ksize === 1 ? LAPLACIAN_1 : o.ksize === 3 ? LAPLACIAN_3 : null;
  // filter2DPlan checks the delta (an integer in float32, small enough) and the border (not wrap).
  return kernel ? filter2DPlan(shape, kernel, { delta: o.delta, border: o.border }) : null;
}

/** `cv2.Laplacian` (see the core's `laplacian`), SIMD for ksize 1 and 3, uint8 results, scale 1, integer delta. */
export function laplacian(a: PixelArray, options?: LaplacianOptions & { ddepth?: 'uint8' }): PixelArray;
export function laplacian(a: PixelArray, options: LaplacianOptions & { ddepth: 'int16' }): GradientArray<Int16Array>;
export function laplacian(a: PixelArray, options: LaplacianOptions & { ddepth: 'float32' }): GradientArray<Float32Array>;
export function laplacian(a: PixelArray, options?: LaplacianOptions): PixelArray | GradientArray;
export function laplacian(a: PixelArray, options?: LaplacianOptions): PixelArray | GradientArray {
  if (options?.ddepth === 'int16' || options?.ddepth === 'float32') return callCore(coreLaplacian, arguments);
  return planOrCore(coreLaplacian as (...x: never[]) => PixelArray, arguments, 2, (x) => laplacianPlan(x.shape, options), options, LAPLACIAN_KEYS);
}
