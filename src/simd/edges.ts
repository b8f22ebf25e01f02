// SIMD Sobel: the core's `sobel` (src/imgproc/edges.ts) with a SIMD128 kernel
// (assembly/morphology.ts) for apertures 1, 3 and 5, where OpenCV's kernels (the core's
// derivKernel) keep every sum within 16 bits: uint8 results with scale 1 and an integer delta,
// and int16 results with scale 1 (OpenCV's integer path, delta rounded). Every other depth,
// scale or delta, aperture 7 and Scharr go to the core.
import { roundHalfEven } from '../core/numeric.ts';
import { PixelArray, type Shape } from '../core/pixelarray.ts';
import { borderTable } from '../imgproc/filter-common.ts';
import { derivKernel, sobel as coreSobel, type GradientArray, type SobelOptions } from '../imgproc/edges.ts';
import { callCore, MIN_KERNEL_BYTES, planOrCore, plainOut } from './dispatch.ts';
import { int32Bytes, optionsOf } from './filters.ts';
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
