// cv2.Sobel, cv2.Scharr and cv2.Laplacian on uint8 images, bit for bit with OpenCV 4.6.
//
// Every Sobel/Scharr/Laplacian kernel OpenCV builds for 8-bit input has small integer taps
// (getDerivKernels), so the filter itself is an exact integer sum S = Σ ky · Σ kx · p, computed
// here in Int32 (|S| ≤ 255 · 64 · 64 for ksize 7). What differs between the output depths is only
// how OpenCV turns S into the result:
// - `ddepth: 'int16'` with an integer `scale` (kernels stay integer): OpenCV's bit-exact integer
//   path, `saturate_cast<short>(S · scale + cvRound(delta))`;
// - otherwise float32: `S · scale + delta`, then `saturate_cast` (round half to even, clamp) for
//   uint8/int16, or the float32 value itself.
// OpenCV evaluates the float path as float32 multiply-adds in an order that depends on the SIMD
// width and on the position in the row; here it is computed exactly and rounded once, which gives
// the same bytes whenever the intermediate values are exactly representable (any integer or dyadic
// scale such as 2, 0.5, 0.25, 1/16 and delta such as 3, −5.25, 128).
import { checkFinite, checkInt, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { roundHalfEven } from '../core/numeric.ts';
import { assertPixelArray, hasContiguousRows, PixelArray } from '../core/pixelarray.ts';
import { checkBorder, type BorderMode } from './border.ts';
import { borderTable } from './filter-common.ts';

/** The depth of a derivative's result: cv2's `ddepth` −1 (uint8), `CV_16S`, `CV_32F`. */
export type DerivDepth = 'uint8' | 'int16' | 'float32';

/**
 * A non-uint8 result (`ddepth: 'int16'` or `'float32'`): a contiguous `H×W×C` array of signed
 * gradients, as cv2 returns for `CV_16S` / `CV_32F`. `convertScaleAbs` accepts it.
 */
export interface GradientArray<T extends Int16Array | Float32Array = Int16Array | Float32Array> {
  data: T;
  shape: [number, number, number];
}

/** Options shared by `sobel`, `scharr` and `laplacian`. */
export interface DerivOptions {
  /** Factor applied to the derivative (cv2 `scale`, default 1). */
  scale?: number;
  /** Added to the scaled result (cv2 `delta`, default 0). */
  delta?: number;
  /** How pixels outside the image are made up (default `'reflect101'`, OpenCV's BORDER_DEFAULT). */
  border?: BorderMode;
  /** Output depth (default `'uint8'`, cv2 `ddepth=-1`: saturated). */
  ddepth?: DerivDepth;
  /** Write a uint8 result here (same shape) instead of allocating; only with `ddepth: 'uint8'`. */
  out?: PixelArray;
}

/** Options of `sobel`. */
export interface SobelOptions extends DerivOptions {
  /** Aperture: 1 (3×1 / 1×3 kernel, no smoothing), 3, 5, 7, or −1 (Scharr, cv2 FILTER_SCHARR). Default 3. */
  ksize?: number;
}

/** Options of `scharr`. */
export type ScharrOptions = DerivOptions;

/** Options of `laplacian`. */
export interface LaplacianOptions extends DerivOptions {
  /** Aperture: 1 (`[[0,1,0],[1,-4,1],[0,1,0]]`, the default), 3 (`[[2,0,2],[0,-8,0],[2,0,2]]`), 5 or 7. */
  ksize?: number;
}

const DERIV_KEYS = ['scale', 'delta', 'border', 'ddepth', 'out'];
const DEPTHS: readonly DerivDepth[] = ['uint8', 'int16', 'float32'];

/**
 * One 1-D kernel of cv::getDerivKernels (normalize = false): derivative `order` with aperture
 * `ksize` (1, 3, 5, 7, or −1 for Scharr). ksize 1 means [1] for order 0 and a 3-tap kernel
 * otherwise; larger ones are binomial smoothing convolved `order` times with [−1, 1].
 */
export function derivKernel(order: number, ksize: number): Int32Array {
  if (ksize === -1) return Int32Array.from(order === 0 ? [3, 10, 3] : [-1, 0, 1]);
  const n = ksize === 1 && order > 0 ? 3 : ksize;
  if (n === 1) return Int32Array.of(1);
  if (n === 3) return Int32Array.from(order === 0 ? [1, 2, 1] : order === 1 ? [-1, 0, 1] : [1, -2, 1]);
  // getSobelKernels: n − order − 1 smoothing passes, then `order` differencing passes.
  const k = new Int32Array(n + 1);
  k[0] = 1;
  for (let i = 0; i < n - order - 1; i++) {
    let old = k[0];
    for (let j = 1; j <= n; j++) { const nv = k[j] + k[j - 1]; k[j - 1] = old; old = nv; }
  }
  for (let i = 0; i < order; i++) {
    let old = -k[0];
    for (let j = 1; j <= n; j++) { const nv = k[j - 1] - k[j]; k[j - 1] = old; old = nv; }
  }
  return k.subarray(0, n).slice();
}

/** Copies source row `r` of any view into `dst` (w·c elements, from `at`). */
function loadRow(a: PixelArray, r: number, dst: Int32Array, at: number): void {
  const [, w, c] = a.shape;
  const sd = a.data;
  if (hasContiguousRows(a)) {
    const s = a.offset + r * a.stride[0];
    for (let i = 0, n = w * c; i < n; i++) dst[at + i] = sd[s + i];
    return;
  }
  const [s0, s1, s2] = a.stride;
  let o = at;
  for (let x = 0; x < w; x++) {
    const b = a.offset + r * s0 + x * s1;
    for (let k = 0; k < c; k++) dst[o++] = sd[b + k * s2];
  }
}

/**
 * The exact correlation sums `S[y, x, ch] = Σ_t ky[t] Σ_s kx[s] · a[y + t − ry, x + s − rx, ch]`
 * (pixels outside mapped by `border`, zero for constant), row-major `H×W×C` in an Int32Array.
 */
export function separableSums(a: PixelArray, kx: Int32Array, ky: Int32Array, border: BorderMode): Int32Array {
  const [h, w, c] = a.shape;
  const len = w * c;
  const out = new Int32Array(h * len);
  if (h === 0 || len === 0) return out;
  const rx = kx.length >> 1, ry = ky.length >> 1, kh = ky.length, kw = kx.length;
  const rows = borderTable(h, ry, ry, border);
  const cols = borderTable(w, rx, rx, border);
  const pad = new Int32Array((w + 2 * rx) * c);
  // Ring of horizontally filtered rows, one slot per vertical tap.
  const ring = new Int32Array(kh * len);
  const held = new Int32Array(kh).fill(-0x40000000);
  const zero = new Int32Array(len);
  const slots = new Int32Array(kh);
  const rowOf = (p: number): number => {
    const slot = (p + ry) % kh;
    if (held[slot] !== p) {
      held[slot] = p;
      const r = rows[p + ry];
      const base = slot * len;
      if (r < 0) { ring.set(zero, base); return base; }
      loadRow(a, r, pad, rx * c);
      // Border pixels: whole pixels copied from the mapped columns (zeros for constant).
      for (let q = 0; q < rx; q++) {
        const left = cols[q], right = cols[w + rx + q];
        for (let k = 0; k < c; k++) {
          pad[q * c + k] = left < 0 ? 0 : pad[(left + rx) * c + k];
          pad[(w + rx + q) * c + k] = right < 0 ? 0 : pad[(right + rx) * c + k];
        }
      }
      horizontal(pad, kx, kw, c, ring, base, len);
    }
    return slot * len;
  };
  for (let y = 0; y < h; y++) {
    for (let t = 0; t < kh; t++) slots[t] = rowOf(y - ry + t);
    const o = y * len;
    if (kh === 1) {
      const s0 = slots[0], k0 = ky[0];
      for (let i = 0; i < len; i++) out[o + i] = k0 * ring[s0 + i];
    } else if (kh === 3) {
      const s0 = slots[0], s1 = slots[1], s2 = slots[2], k0 = ky[0], k1 = ky[1], k2 = ky[2];
      for (let i = 0; i < len; i++) out[o + i] = k0 * ring[s0 + i] + k1 * ring[s1 + i] + k2 * ring[s2 + i];
    } else {
      for (let i = 0; i < len; i++) out[o + i] = 0;
      for (let t = 0; t < kh; t++) {
        const st = slots[t], kt = ky[t];
        if (kt === 0) continue;
        for (let i = 0; i < len; i++) out[o + i] += kt * ring[st + i];
      }
    }
  }
  return out;
}

/** `dst[base + i] = Σ_s k[s] · pad[i + s·c]` for i < len. */
function horizontal(pad: Int32Array, k: Int32Array, kw: number, c: number, dst: Int32Array, base: number, len: number): void {
  if (kw === 1) {
    const k0 = k[0];
    for (let i = 0; i < len; i++) dst[base + i] = k0 * pad[i];
  } else if (kw === 3) {
    const k0 = k[0], k1 = k[1], k2 = k[2], c2 = 2 * c;
    for (let i = 0; i < len; i++) dst[base + i] = k0 * pad[i] + k1 * pad[i + c] + k2 * pad[i + c2];
  } else {
    for (let i = 0; i < len; i++) {
      let s = 0;
      for (let t = 0, j = i; t < kw; t++, j += c) s += k[t] * pad[j];
      dst[base + i] = s;
    }
  }
}

const fround = Math.fround;

/** `S · scale + delta` along the float32 path, as a float32 (cv2 CV_32F). */
function castFloat32(S: Int32Array, scale: number, delta: number, dst: Float32Array): void {
  for (let i = 0, n = S.length; i < n; i++) dst[i] = S[i] * scale + delta;
}

/** `S · scale + delta` along the float32 path, rounded half to even and saturated to int16. */
function castInt16(S: Int32Array, scale: number, delta: number, dst: Int16Array): void {
  const n = S.length;
  if (scale === 1 && Number.isInteger(delta)) {
    for (let i = 0; i < n; i++) { const v = S[i] + delta; dst[i] = v < -32768 ? -32768 : v > 32767 ? 32767 : v; }
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = roundHalfEven(fround(S[i] * scale + delta));
    dst[i] = v < -32768 ? -32768 : v > 32767 ? 32767 : v;
  }
}

/** `S · scale + delta` along the float32 path, rounded half to even and saturated to uint8. */
function castUint8(S: Int32Array, scale: number, delta: number, dst: Uint8Array, at: number): void {
  const n = S.length;
  if (scale === 1 && Number.isInteger(delta)) {
    for (let i = 0; i < n; i++) { const v = S[i] + delta; dst[at + i] = v < 0 ? 0 : v > 255 ? 255 : v; }
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = roundHalfEven(fround(S[i] * scale + delta));
    dst[at + i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
}

interface Common {
  scale: number;
  delta: number;
  border: BorderMode;
  ddepth: DerivDepth;
  out: PixelArray | undefined;
}

function checkCommon(a: PixelArray, opts: Partial<DerivOptions>, extra: readonly string[]): Common {
  checkOptionKeys(opts, [...extra, ...DERIV_KEYS]);
  const scale = opts.scale === undefined ? 1 : checkFinite(opts.scale, 'options.scale');
  const delta = opts.delta === undefined ? 0 : checkFinite(opts.delta, 'options.delta');
  const border = checkBorder(opts.border);
  if (border === 'wrap') {
    throw rangeError('options.border', "'reflect101', 'replicate', 'reflect' or 'constant' (OpenCV's filter engine refuses BORDER_WRAP)", border);
  }
  const ddepth = opts.ddepth === undefined ? 'uint8' : opts.ddepth;
  if (typeof ddepth !== 'string' || !(DEPTHS as readonly string[]).includes(ddepth)) {
    throw rangeError('options.ddepth', "'uint8', 'int16' or 'float32'", ddepth);
  }
  if (opts.out !== undefined && ddepth !== 'uint8') {
    throw typeError('options.out', "no out with ddepth 'int16' or 'float32' (a new { data, shape } is returned)", opts.out);
  }
  const out = checkOut(opts.out, a.shape);
  return { scale, delta, border, ddepth, out };
}

/** Wraps the sums `S` into the requested result, along the path OpenCV takes for `integer`. */
function finish(a: PixelArray, S: Int32Array, o: Common, integerPath: boolean): PixelArray | GradientArray {
  const shape: [number, number, number] = [a.shape[0], a.shape[1], a.shape[2]];
  if (o.ddepth === 'uint8') {
    const dst = startOutput(a.shape, o.out, [a]);
    castUint8(S, fround(o.scale), fround(o.delta), dst.data, dst.offset);
    return finishOutput(dst, o.out);
  }
  if (o.ddepth === 'int16') {
    const data = new Int16Array(S.length);
    if (integerPath) {
      // The bit-exact integer filter: kernels scaled by an integer, delta rounded to an integer.
      const d = roundHalfEven(o.delta), sc = o.scale;
      for (let i = 0; i < S.length; i++) {
        const v = S[i] * sc + d;
        data[i] = v < -32768 ? -32768 : v > 32767 ? 32767 : v;
      }
    } else castInt16(S, fround(o.scale), fround(o.delta), data);
    return { data, shape };
  }
  const data = new Float32Array(S.length);
  castFloat32(S, fround(o.scale), fround(o.delta), data);
  return { data, shape };
}

function checkOrder(v: unknown, name: string): number {
  return checkInt(v, name, 0, 6);
}

function checkSobelKsize(v: unknown): number {
  if (v === undefined) return 3;
  if (typeof v !== 'number') throw typeError('options.ksize', '-1, 1, 3, 5 or 7', v);
  if (v !== -1 && v !== 1 && v !== 3 && v !== 5 && v !== 7) throw rangeError('options.ksize', '-1, 1, 3, 5 or 7', v);
  return v;
}

/** The kernels and integer-ness for a first/second… derivative, with cv::Sobel's argument checks. */
function derivKernels(dx: number, dy: number, ksize: number, scharr: boolean): [Int32Array, Int32Array] {
  if (dx + dy === 0) throw rangeError('dx + dy', 'at least 1 (some derivative)', `dx = ${dx}, dy = ${dy}`);
  if (ksize === -1 || scharr) {
    if (dx > 1 || dy > 1 || dx + dy !== 1) {
      throw rangeError('dx, dy', 'dx = 1, dy = 0 or dx = 0, dy = 1 (Scharr)', `dx = ${dx}, dy = ${dy}`);
    }
    return [derivKernel(dx, -1), derivKernel(dy, -1)];
  }
  const kx = ksize === 1 && dx > 0 ? 3 : ksize, ky = ksize === 1 && dy > 0 ? 3 : ksize;
  if (dx >= kx) throw rangeError('dx', `less than the kernel size ${kx}`, dx);
  if (dy >= ky) throw rangeError('dy', `less than the kernel size ${ky}`, dy);
  return [derivKernel(dx, ksize), derivKernel(dy, ksize)];
}

/**
 * `cv2.Sobel(a, ddepth, dx, dy, ksize=ksize, scale=scale, delta=delta, borderType=border)`: the
 * `dx`-th derivative along x and `dy`-th along y with OpenCV's separable Sobel kernels
 * (cv::getDerivKernels; ksize −1 is Scharr). Channels are filtered independently.
 *
 * `ddepth: 'uint8'` (default, cv2 −1) returns a saturated PixelArray (negative gradients clip to 0:
 * use `'int16'` and `convertScaleAbs` for magnitudes); `'int16'` and `'float32'` return
 * `{ data, shape }`. Exact on every integer or dyadic `scale`/`delta`; with other values OpenCV's
 * float32 multiply-add order (SIMD width dependent) can differ from this single rounding by one
 * unit (uint8/int16) or a few float32 ulps, on a small fraction of elements.
 */
export function sobel(a: PixelArray, dx: number, dy: number, options?: SobelOptions & { ddepth?: 'uint8' }): PixelArray;
export function sobel(a: PixelArray, dx: number, dy: number, options: SobelOptions & { ddepth: 'int16' }): GradientArray<Int16Array>;
export function sobel(a: PixelArray, dx: number, dy: number, options: SobelOptions & { ddepth: 'float32' }): GradientArray<Float32Array>;
export function sobel(a: PixelArray, dx: number, dy: number, options?: SobelOptions): PixelArray | GradientArray;
export function sobel(a: PixelArray, dx: number, dy: number, options?: SobelOptions): PixelArray | GradientArray {
  if (arguments.length > 4) throw tooManyArguments('sobel', ['a', 'dx', 'dy', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const ox = checkOrder(dx, 'dx'), oy = checkOrder(dy, 'dy');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['ksize', 'scale', 'delta', 'border', 'ddepth', 'out']);
  const ksize = checkSobelKsize(opts.ksize);
  const o = checkCommon(a, opts, ['ksize']);
  const [kx, ky] = derivKernels(ox, oy, ksize, false);
  return finish(a, separableSums(a, kx, ky, o.border), o, Number.isInteger(o.scale));
}

/**
 * `cv2.Scharr(a, ddepth, dx, dy, scale=scale, delta=delta, borderType=border)`: the 3×3 Scharr
 * derivative ([3, 10, 3] smoothing, [−1, 0, 1] derivative), `dx + dy = 1`. Same depths and
 * rounding as {@link sobel}.
 */
export function scharr(a: PixelArray, dx: number, dy: number, options?: ScharrOptions & { ddepth?: 'uint8' }): PixelArray;
export function scharr(a: PixelArray, dx: number, dy: number, options: ScharrOptions & { ddepth: 'int16' }): GradientArray<Int16Array>;
export function scharr(a: PixelArray, dx: number, dy: number, options: ScharrOptions & { ddepth: 'float32' }): GradientArray<Float32Array>;
export function scharr(a: PixelArray, dx: number, dy: number, options?: ScharrOptions): PixelArray | GradientArray;
export function scharr(a: PixelArray, dx: number, dy: number, options?: ScharrOptions): PixelArray | GradientArray {
  if (arguments.length > 4) throw tooManyArguments('scharr', ['a', 'dx', 'dy', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const ox = checkInt(dx, 'dx', 0, 1), oy = checkInt(dy, 'dy', 0, 1);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['scale', 'delta', 'border', 'ddepth', 'out']);
  const o = checkCommon(a, opts, []);
  const [kx, ky] = derivKernels(ox, oy, -1, true);
  return finish(a, separableSums(a, kx, ky, o.border), o, Number.isInteger(o.scale));
}

/**
 * `cv2.Laplacian(a, ddepth, ksize=ksize, scale=scale, delta=delta, borderType=border)`:
 * ∂²/∂x² + ∂²/∂y². ksize 1 and 3 are OpenCV's 3×3 kernels applied by filter2D in float32 (so
 * `'int16'` also rounds through float32); ksize 5 and 7 add the Sobel second derivatives and then
 * convert with `scale`/`delta` as `Mat::convertTo` does (one fused float32 multiply-add, as on an
 * AVX2 machine, rounded half to even).
 */
export function laplacian(a: PixelArray, options?: LaplacianOptions & { ddepth?: 'uint8' }): PixelArray;
export function laplacian(a: PixelArray, options: LaplacianOptions & { ddepth: 'int16' }): GradientArray<Int16Array>;
export function laplacian(a: PixelArray, options: LaplacianOptions & { ddepth: 'float32' }): GradientArray<Float32Array>;
export function laplacian(a: PixelArray, options?: LaplacianOptions): PixelArray | GradientArray;
export function laplacian(a: PixelArray, options?: LaplacianOptions): PixelArray | GradientArray {
  if (arguments.length > 2) throw tooManyArguments('laplacian', ['a', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['ksize', 'scale', 'delta', 'border', 'ddepth', 'out']);
  const ksize = opts.ksize === undefined ? 1 : opts.ksize;
  if (typeof ksize !== 'number') throw typeError('options.ksize', '1, 3, 5 or 7', ksize);
  if (ksize !== 1 && ksize !== 3 && ksize !== 5 && ksize !== 7) throw rangeError('options.ksize', '1, 3, 5 or 7', ksize);
  const o = checkCommon(a, opts, ['ksize']);
  // Both 3×3 kernels are Sobel's d²/dx² + d²/dy² with ksize 1 and 3 ([[2,0,2],[0,-8,0],[2,0,2]] =
  // [1,-2,1]⊗[1,2,1] + its transpose), so one integer engine serves every ksize.
  const d2 = derivKernel(2, ksize), sm = derivKernel(0, ksize);
  const S = separableSums(a, d2, sm, o.border);
  const Sy = separableSums(a, sm, d2, o.border);
  for (let i = 0; i < S.length; i++) S[i] += Sy[i];
  if (ksize <= 3) return finish(a, S, o, false);
  return convertLike(a, S, o);
}

/** `Mat::convertTo(dst, ddepth, scale, delta)` of the exact integer Laplacian sums. */
function convertLike(a: PixelArray, S: Int32Array, o: Common): PixelArray | GradientArray {
  const shape: [number, number, number] = [a.shape[0], a.shape[1], a.shape[2]];
  const noScale = Math.abs(o.scale - 1) < 2.220446049250313e-16 && Math.abs(o.delta) < 2.220446049250313e-16;
  const sc = fround(o.scale), de = fround(o.delta);
  // One fused float32 multiply-add (s·sc is exact in float64, so one fround is one rounding).
  const value = (s: number): number => (noScale ? s : fround(s * sc + de));
  if (o.ddepth === 'float32') {
    const data = new Float32Array(S.length);
    for (let i = 0; i < S.length; i++) data[i] = value(S[i]);
    return { data, shape };
  }
  const lo = o.ddepth === 'uint8' ? 0 : -32768, hi = o.ddepth === 'uint8' ? 255 : 32767;
  const cast = (s: number): number => { const v = roundHalfEven(value(s)); return v < lo ? lo : v > hi ? hi : v; };
  if (o.ddepth === 'int16') {
    const data = new Int16Array(S.length);
    for (let i = 0; i < S.length; i++) data[i] = cast(S[i]);
    return { data, shape };
  }
  const dst = startOutput(a.shape, o.out, [a]);
  const dd = dst.data;
  for (let i = 0, at = dst.offset; i < S.length; i++) dd[at + i] = cast(S[i]);
  return finishOutput(dst, o.out);
}
