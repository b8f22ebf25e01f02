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
import { roundHalfEven, saturateUint8 } from '../core/numeric.ts';
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

/** A separable kernel pair: `kx` along the row, `ky` down the columns (odd lengths). */
export type KernelPair = readonly [Int32Array, Int32Array];

/**
 * Streams the exact correlation sums `S[y, x, ch] = Σ_t ky[t] Σ_s kx[s] · a[y + t − ry, x + s − rx, ch]`
 * (pixels outside mapped by `border`, zero for constant) row by row: `emit(sums, y)` gets, for
 * output row y, one Int32Array of W·C sums per kernel pair (buffers reused between rows). The
 * source rows are held border-padded in a small ring (as OpenCV's filter engine does), so the
 * temporaries are a few rows that stay in cache instead of an H×W×C Int32 image.
 */
export function separableSumRows(a: PixelArray, pairs: readonly KernelPair[], border: BorderMode,
  emit: (sums: readonly Int32Array[], y: number) => void): void {
  const [h, w, c] = a.shape;
  const len = w * c;
  if (h === 0 || len === 0) return;
  let rx = 0, ry = 0;
  for (const [kx, ky] of pairs) { rx = Math.max(rx, kx.length >> 1); ry = Math.max(ry, ky.length >> 1); }
  const kh = 2 * ry + 1, plen = len + 2 * rx * c;
  const rows = borderTable(h, ry, ry, border);
  const cols = borderTable(w, rx, rx, border);
  const ring = new Uint8Array(kh * plen);
  const held = new Int32Array(kh).fill(-0x40000000);
  const slots = new Int32Array(kh);
  const column = new Int32Array(plen);
  const sums = pairs.map(() => new Int32Array(len));
  for (let y = 0; y < h; y++) {
    for (let t = 0; t < kh; t++) {
      const p = y - ry + t, slot = (p + ry) % kh;
      if (held[slot] !== p) { held[slot] = p; loadPaddedRow(a, rows[p + ry], cols, rx, ring, slot * plen); }
      slots[t] = slot * plen;
    }
    for (let q = 0; q < pairs.length; q++) {
      const [kx, ky] = pairs[q];
      const dy = ry - (ky.length >> 1), dx = (rx - (kx.length >> 1)) * c;
      // Vertical taps over the padded width, then horizontal taps into the sums.
      verticalPass(ring, slots, dy, ky, column, dx, len + (kx.length - 1) * c);
      horizontalPass(column, dx, kx, c, sums[q], len);
    }
    emit(sums, y);
  }
}

/** Source row `r` (−1: the constant border, zeros) with `rx` border pixels each side, into `ring` at `at`. */
function loadPaddedRow(a: PixelArray, r: number, cols: Int32Array, rx: number, ring: Uint8Array, at: number): void {
  const [, w, c] = a.shape;
  const plen = (w + 2 * rx) * c;
  if (r < 0) { ring.fill(0, at, at + plen); return; }
  const sd = a.data, base = at + rx * c;
  if (hasContiguousRows(a)) {
    const s = a.offset + r * a.stride[0];
    ring.set(sd.subarray(s, s + w * c), base);
  } else {
    const [s0, s1, s2] = a.stride;
    for (let x = 0, o = base; x < w; x++) {
      const b = a.offset + r * s0 + x * s1;
      for (let k = 0; k < c; k++) ring[o++] = sd[b + k * s2];
    }
  }
  // Border pixels: whole pixels copied from the mapped columns (zeros for constant).
  for (let q = 0; q < rx; q++) {
    const left = cols[q], right = cols[w + rx + q];
    for (let k = 0; k < c; k++) {
      ring[at + q * c + k] = left < 0 ? 0 : ring[base + left * c + k];
      ring[at + (w + rx + q) * c + k] = right < 0 ? 0 : ring[base + right * c + k];
    }
  }
}

/** 1 when `k[i] = k[n − 1 − i]` for all i, −1 when `k[i] = −k[n − 1 − i]` (so a zero centre), else 0. */
function symmetry(k: Int32Array): number {
  let sym = true, anti = true;
  for (let i = 0, j = k.length - 1; i <= j; i++, j--) {
    if (k[i] !== k[j]) sym = false;
    if (k[i] !== -k[j]) anti = false;
  }
  return sym ? 1 : anti ? -1 : 0;
}

/** `col[from + i] = Σ_t ky[t] · ring[slots[dy + t] + from + i]` for i < n. */
function verticalPass(ring: Uint8Array, slots: Int32Array, dy: number, ky: Int32Array, col: Int32Array, from: number, n: number): void {
  const end = from + n;
  if (ky.length === 1) {
    const s0 = slots[dy], k0 = ky[0];
    for (let i = from; i < end; i++) col[i] = k0 * ring[s0 + i];
  } else if (ky.length === 3) {
    const s0 = slots[dy], s1 = slots[dy + 1], s2 = slots[dy + 2], k0 = ky[0], k1 = ky[1];
    // Every derivative kernel is symmetric (even order) or antisymmetric (odd order, zero centre).
    if (symmetry(ky) < 0) for (let i = from; i < end; i++) col[i] = k0 * (ring[s0 + i] - ring[s2 + i]);
    else if (symmetry(ky) > 0) for (let i = from; i < end; i++) col[i] = k0 * (ring[s0 + i] + ring[s2 + i]) + k1 * ring[s1 + i];
    else { const k2 = ky[2]; for (let i = from; i < end; i++) col[i] = k0 * ring[s0 + i] + k1 * ring[s1 + i] + k2 * ring[s2 + i]; }
  } else if (ky.length === 5) {
    const s0 = slots[dy], s1 = slots[dy + 1], s2 = slots[dy + 2], s3 = slots[dy + 3], s4 = slots[dy + 4];
    const k0 = ky[0], k1 = ky[1], k2 = ky[2], k3 = ky[3], k4 = ky[4];
    if (symmetry(ky) < 0) {
      for (let i = from; i < end; i++) col[i] = k0 * (ring[s0 + i] - ring[s4 + i]) + k1 * (ring[s1 + i] - ring[s3 + i]);
    } else if (symmetry(ky) > 0) {
      for (let i = from; i < end; i++) col[i] = k0 * (ring[s0 + i] + ring[s4 + i]) + k1 * (ring[s1 + i] + ring[s3 + i]) + k2 * ring[s2 + i];
    } else {
      for (let i = from; i < end; i++) {
        col[i] = k0 * ring[s0 + i] + k1 * ring[s1 + i] + k2 * ring[s2 + i] + k3 * ring[s3 + i] + k4 * ring[s4 + i];
      }
    }
  } else {
    col.fill(0, from, end);
    for (let t = 0; t < ky.length; t++) {
      const st = slots[dy + t], kt = ky[t];
      if (kt !== 0) for (let i = from; i < end; i++) col[i] += kt * ring[st + i];
    }
  }
}

/** `dst[i] = Σ_s k[s] · col[from + i + s·c]` for i < len. */
function horizontalPass(col: Int32Array, from: number, k: Int32Array, c: number, dst: Int32Array, len: number): void {
  if (k.length === 1) {
    const k0 = k[0];
    for (let i = 0; i < len; i++) dst[i] = k0 * col[from + i];
  } else if (k.length === 3) {
    const k0 = k[0], k1 = k[1], j1 = from + c, j2 = from + 2 * c;
    if (symmetry(k) < 0) for (let i = 0; i < len; i++) dst[i] = k0 * (col[from + i] - col[j2 + i]);
    else if (symmetry(k) > 0) for (let i = 0; i < len; i++) dst[i] = k0 * (col[from + i] + col[j2 + i]) + k1 * col[j1 + i];
    else { const k2 = k[2]; for (let i = 0; i < len; i++) dst[i] = k0 * col[from + i] + k1 * col[j1 + i] + k2 * col[j2 + i]; }
  } else if (k.length === 5) {
    const k0 = k[0], k1 = k[1], k2 = k[2], k3 = k[3], k4 = k[4];
    const j1 = from + c, j2 = from + 2 * c, j3 = from + 3 * c, j4 = from + 4 * c;
    if (symmetry(k) < 0) {
      for (let i = 0; i < len; i++) dst[i] = k0 * (col[from + i] - col[j4 + i]) + k1 * (col[j1 + i] - col[j3 + i]);
    } else if (symmetry(k) > 0) {
      for (let i = 0; i < len; i++) dst[i] = k0 * (col[from + i] + col[j4 + i]) + k1 * (col[j1 + i] + col[j3 + i]) + k2 * col[j2 + i];
    } else {
      for (let i = 0; i < len; i++) {
        dst[i] = k0 * col[from + i] + k1 * col[j1 + i] + k2 * col[j2 + i] + k3 * col[j3 + i] + k4 * col[j4 + i];
      }
    }
  } else {
    for (let i = 0; i < len; i++) {
      let s = 0;
      for (let t = 0, j = from + i; t < k.length; t++, j += c) s += k[t] * col[j];
      dst[i] = s;
    }
  }
}

const fround = Math.fround;

/** `S · scale + delta` along the float32 path, as a float32 (cv2 CV_32F), n values into dst at `at`. */
function castFloat32(S: Int32Array, n: number, scale: number, delta: number, dst: Float32Array, at: number): void {
  for (let i = 0; i < n; i++) dst[at + i] = S[i] * scale + delta;
}

/** `S · scale + delta` along the float32 path, rounded half to even and saturated to int16. */
export function castInt16(S: Int32Array, n: number, scale: number, delta: number, dst: Int16Array | Int32Array, at: number): void {
  if (scale === 1 && Number.isInteger(delta)) {
    for (let i = 0; i < n; i++) { const v = S[i] + delta; dst[at + i] = v < -32768 ? -32768 : v > 32767 ? 32767 : v; }
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = roundHalfEven(fround(S[i] * scale + delta));
    dst[at + i] = v < -32768 ? -32768 : v > 32767 ? 32767 : v;
  }
}

/** `S · scale + delta` along the float32 path, rounded half to even and saturated to uint8. */
function castUint8(S: Int32Array, n: number, scale: number, delta: number, dst: Uint8Array, at: number): void {
  if (scale === 1 && Number.isInteger(delta)) {
    for (let i = 0; i < n; i++) { const v = S[i] + delta; dst[at + i] = v < 0 ? 0 : v > 255 ? 255 : v; }
    return;
  }
  for (let i = 0; i < n; i++) dst[at + i] = saturateUint8(fround(S[i] * scale + delta));
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

/**
 * How the sums become the result: `'integer'` OpenCV's bit-exact integer filter (int16 with an
 * integer scale), `'float'` its float32 path, `'convert'` Mat::convertTo of the sums (Laplacian 5, 7).
 */
type Conversion = 'integer' | 'float' | 'convert';

/** Largest |sum| for which the float32 conversion to uint8 is tabulated (a 64 KiB table at most). */
const TABLE_BOUND = 1 << 15;

/** The largest |Σ pairs| of uint8 input: 255 · Σ|kx| · Σ|ky| summed over the pairs. */
function sumBound(pairs: readonly KernelPair[]): number {
  let b = 0;
  for (const [kx, ky] of pairs) {
    let sx = 0, sy = 0;
    for (const v of kx) sx += Math.abs(v);
    for (const v of ky) sy += Math.abs(v);
    b += 255 * sx * sy;
  }
  return b;
}

/**
 * Filters `a` with the sum of the separable kernel pairs and converts each row of sums into the
 * requested depth as it is made (see {@link separableSumRows}).
 */
function derivative(a: PixelArray, pairs: readonly KernelPair[], o: Common, conversion: Conversion): PixelArray | GradientArray {
  const shape: [number, number, number] = [a.shape[0], a.shape[1], a.shape[2]];
  const len = shape[1] * shape[2];
  let write: (S: Int32Array, at: number) => void;
  let result: () => PixelArray | GradientArray;
  const sc = fround(o.scale), de = fround(o.delta);
  if (conversion === 'convert') {
    const noScale = Math.abs(o.scale - 1) < 2.220446049250313e-16 && Math.abs(o.delta) < 2.220446049250313e-16;
    // One fused float32 multiply-add (s·sc is exact in float64, so one fround is one rounding).
    const value = (s: number): number => (noScale ? s : fround(s * sc + de));
    if (o.ddepth === 'float32') {
      const data = new Float32Array(a.size);
      write = (S, at) => { for (let i = 0; i < len; i++) data[at + i] = value(S[i]); };
      result = () => ({ data, shape });
    } else {
      const lo = o.ddepth === 'uint8' ? 0 : -32768, hi = o.ddepth === 'uint8' ? 255 : 32767;
      const cast = (s: number): number => { const v = roundHalfEven(value(s)); return v < lo ? lo : v > hi ? hi : v; };
      if (o.ddepth === 'int16') {
        const data = new Int16Array(a.size);
        write = (S, at) => { for (let i = 0; i < len; i++) data[at + i] = cast(S[i]); };
        result = () => ({ data, shape });
      } else {
        const dst = startOutput(a.shape, o.out, [a]);
        const dd = dst.data;
        write = (S, at) => { for (let i = 0; i < len; i++) dd[dst.offset + at + i] = cast(S[i]); };
        result = () => finishOutput(dst, o.out);
      }
    }
  } else if (o.ddepth === 'uint8') {
    const dst = startOutput(a.shape, o.out, [a]);
    const bound = sumBound(pairs);
    if ((sc !== 1 || !Number.isInteger(de)) && bound <= TABLE_BOUND) {
      // The float32 multiply-add, rounding and saturation of every possible sum, looked up.
      const table = new Uint8Array(2 * bound + 1);
      const ramp = Int32Array.from({ length: 2 * bound + 1 }, (_, i) => i - bound);
      castUint8(ramp, ramp.length, sc, de, table, 0);
      write = (S, at) => { const dd = dst.data, o0 = dst.offset + at; for (let i = 0; i < len; i++) dd[o0 + i] = table[S[i] + bound]; };
    } else write = (S, at) => castUint8(S, len, sc, de, dst.data, dst.offset + at);
    result = () => finishOutput(dst, o.out);
  } else if (o.ddepth === 'int16') {
    const data = new Int16Array(a.size);
    if (conversion === 'integer') {
      // The bit-exact integer filter: kernels scaled by an integer, delta rounded to an integer.
      const d = roundHalfEven(o.delta), k = o.scale;
      write = (S, at) => {
        for (let i = 0; i < len; i++) { const v = S[i] * k + d; data[at + i] = v < -32768 ? -32768 : v > 32767 ? 32767 : v; }
      };
    } else write = (S, at) => castInt16(S, len, sc, de, data, at);
    result = () => ({ data, shape });
  } else {
    const data = new Float32Array(a.size);
    write = (S, at) => castFloat32(S, len, sc, de, data, at);
    result = () => ({ data, shape });
  }
  separableSumRows(a, pairs, o.border, (sums, y) => {
    const S = sums[0];
    for (let q = 1; q < sums.length; q++) { const T = sums[q]; for (let i = 0; i < len; i++) S[i] += T[i]; }
    write(S, y * len);
  });
  return result();
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
  return derivative(a, [[kx, ky]], o, Number.isInteger(o.scale) ? 'integer' : 'float');
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
  return derivative(a, [[kx, ky]], o, Number.isInteger(o.scale) ? 'integer' : 'float');
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
  return derivative(a, [[d2, sm], [sm, d2]], o, ksize <= 3 ? 'float' : 'convert');
}
