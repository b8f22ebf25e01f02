// cv2.threshold (with THRESH_OTSU / THRESH_TRIANGLE) and cv2.adaptiveThreshold on uint8, bit for
// bit with OpenCV 4.6: the same integer conversions of thresh/maxval (cvFloor, cvRound, saturate),
// the same special cases outside 0..254, the same histogram arithmetic in double, and for the
// adaptive Gaussian OpenCV's float32 separable filter.
import { checkFinite, checkInt, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { forEachRun, lutKernel } from '../core/iterate.ts';
import { roundHalfEven, saturateUint8 } from '../core/numeric.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { blur } from './box.ts';
import { borderTable, rowStart } from './filter-common.ts';
import { gaussianKernel } from './gaussian.ts';
import { byteHistogram } from './histogram.ts';

/** The fixed-threshold types of `cv2.threshold` (`THRESH_BINARY` …). */
export type ThresholdType = 'binary' | 'binary_inv' | 'trunc' | 'tozero' | 'tozero_inv';
/** How `threshold` may compute its threshold from the image (`THRESH_OTSU`, `THRESH_TRIANGLE`). */
export type ThresholdMethod = 'otsu' | 'triangle';

const TYPES: readonly ThresholdType[] = ['binary', 'binary_inv', 'trunc', 'tozero', 'tozero_inv'];
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const FLT_EPSILON = 1.1920928955078125e-7;

/** Options of `threshold`. */
export interface ThresholdOptions {
  /**
   * Compute the threshold from the image (single channel only) and ignore `thresh`:
   * `'otsu'` (`THRESH_OTSU`) or `'triangle'` (`THRESH_TRIANGLE`).
   */
  method?: ThresholdMethod;
  /** Write the result here (same shape as `a`) instead of allocating; returned. */
  out?: PixelArray;
}

/** `_mm_cvtsd_si32`: round half to even, `INT_MIN` when out of int range (x86's "integer indefinite"). */
function cvtsd2si(v: number): number {
  const r = roundHalfEven(v);
  return r >= INT_MIN && r <= INT_MAX ? r : INT_MIN;
}

/** OpenCV's `cvRound(double)` on x86-64 (SSE2). */
export function cvRound(v: number): number {
  return cvtsd2si(v);
}

/**
 * OpenCV's `cvFloor(double)` on x86-64 (SSE2): `i − (v < i)` with `i = cvtsd2si(v)`, in int32
 * arithmetic (so below −2^31 it wraps to INT_MAX, as cv2 does: `threshold(a, -1e10, …)` acts as a
 * threshold ≥ 255).
 */
export function cvFloor(v: number): number {
  const i = cvtsd2si(v);
  return v < i ? (i - 1) | 0 : i;
}

/** OpenCV's `cvCeil(double)` on x86-64 (SSE2): `i + (i < v)` with `i = cvtsd2si(v)`. */
export function cvCeil(v: number): number {
  const i = cvtsd2si(v);
  return i < v ? (i + 1) | 0 : i;
}

function saturate8(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

function checkType(type: unknown, name: string, allowed: readonly string[]): void {
  if (typeof type !== 'string' || !allowed.includes(type)) {
    throw (typeof type === 'string' ? rangeError : typeError)(name, `one of ${allowed.map((t) => `'${t}'`).join(', ')}`, type);
  }
}

function checkSingleChannel(a: PixelArray, what: string): void {
  if (a.shape[2] !== 1) {
    throw new RangeError(`a: expected a single-channel image (${what} requires 1 channel), got ${a.shape[2]} channels (shape [${a.shape.join(', ')}])`);
  }
}

/** Otsu's threshold of a histogram, OpenCV's `getThreshVal_Otsu` step by step in double. */
export function otsuOf(h: Int32Array, total: number): number {
  const scale = 1 / total;
  let mu = 0;
  for (let i = 0; i < 256; i++) mu += i * h[i];
  mu *= scale;
  let mu1 = 0, q1 = 0, maxSigma = 0, maxVal = 0;
  for (let i = 0; i < 256; i++) {
    const p = h[i] * scale;
    // As OpenCV: mu1 is multiplied by q1 even on the bins skipped below.
    mu1 *= q1;
    q1 += p;
    const q2 = 1 - q1;
    // std::min / std::max as OpenCV writes them (NaN compares false: empty images give 0).
    const lo = q2 < q1 ? q2 : q1, hi = q1 < q2 ? q2 : q1;
    if (lo < FLT_EPSILON || hi > 1 - FLT_EPSILON) continue;
    mu1 = (mu1 + i * p) / q1;
    const mu2 = (mu - q1 * mu1) / q2;
    const sigma = q1 * q2 * (mu1 - mu2) * (mu1 - mu2);
    if (sigma > maxSigma) { maxSigma = sigma; maxVal = i; }
  }
  return maxVal;
}

/** The triangle threshold of a histogram, OpenCV's `getThreshVal_Triangle_8u`. */
export function triangleOf(hist: Int32Array): number {
  const h = Int32Array.from(hist);
  const N = 256;
  let left = 0, right = 0, maxInd = 0, max = 0;
  for (let i = 0; i < N; i++) if (h[i] > 0) { left = i; break; }
  if (left > 0) left--;
  for (let i = N - 1; i > 0; i--) if (h[i] > 0) { right = i; break; }
  if (right < N - 1) right++;
  for (let i = 0; i < N; i++) if (h[i] > max) { max = h[i]; maxInd = i; }
  let flipped = false;
  if (maxInd - left < right - maxInd) {
    flipped = true;
    h.reverse();
    left = N - 1 - right;
    maxInd = N - 1 - maxInd;
  }
  let thresh = left, dist = 0;
  const a = max, b = left - maxInd;
  for (let i = left + 1; i <= maxInd; i++) {
    const t = a * i + b * h[i];
    if (t > dist) { dist = t; thresh = i; }
  }
  thresh--;
  return flipped ? N - 1 - thresh : thresh;
}

/**
 * The threshold `cv2.threshold(a, 0, 255, cv2.THRESH_OTSU)` returns (its retval): Otsu's method
 * on the 256-bin histogram of a single-channel image, an integer 0..255 (0 for an image of one
 * value or no pixels).
 */
export function otsuThreshold(a: PixelArray): number {
  if (arguments.length > 1) throw tooManyArguments('otsuThreshold', ['a'], arguments.length);
  assertPixelArray(a, 'a');
  checkSingleChannel(a, 'otsuThreshold');
  return otsuOf(byteHistogram(a), a.shape[0] * a.shape[1]);
}

/**
 * The threshold `cv2.threshold(a, 0, 255, cv2.THRESH_TRIANGLE)` returns (its retval): the
 * triangle method on the 256-bin histogram of a single-channel image (an integer, −1..256 as
 * OpenCV computes it; `threshold` handles values outside 0..254 as cv2 does).
 */
export function triangleThreshold(a: PixelArray): number {
  if (arguments.length > 1) throw tooManyArguments('triangleThreshold', ['a'], arguments.length);
  assertPixelArray(a, 'a');
  checkSingleChannel(a, 'triangleThreshold');
  return triangleOf(byteHistogram(a));
}

/** The 256-entry table of `cv2.threshold` for uint8 (the integer threshold and maxval rules). */
function thresholdTable(thresh: number, maxval: number, type: ThresholdType): Uint8Array {
  const t = cvFloor(thresh);
  const imax = saturate8(type === 'trunc' ? t : cvRound(maxval));
  const tab = new Uint8Array(256);
  if (t < 0 || t >= 255) {
    // OpenCV's special cases: a constant image, or a copy.
    const fill = type === 'binary' ? (t >= 255 ? 0 : imax)
      : type === 'binary_inv' ? (t >= 255 ? imax : 0)
      : (type === 'trunc' || type === 'tozero_inv') ? (t < 0 ? 0 : -1)
      : /* tozero */ t >= 255 ? 0 : -1;
    if (fill >= 0) tab.fill(fill);
    else for (let v = 0; v < 256; v++) tab[v] = v;
    return tab;
  }
  for (let v = 0; v < 256; v++) {
    const above = v > t;
    switch (type) {
      case 'binary': tab[v] = above ? imax : 0; break;
      case 'binary_inv': tab[v] = above ? 0 : imax; break;
      case 'trunc': tab[v] = above ? t : v; break;
      case 'tozero': tab[v] = above ? v : 0; break;
      default: tab[v] = above ? 0 : v;
    }
  }
  return tab;
}

/**
 * `cv2.threshold(a, thresh, maxval, type)[1]` on uint8, any channel count: `'binary'` gives
 * `v > t ? maxval : 0`, `'binary_inv'` `v > t ? 0 : maxval`, `'trunc'` `min(v, t)`, `'tozero'`
 * `v > t ? v : 0`, `'tozero_inv'` `v > t ? 0 : v`.
 *
 * As OpenCV for 8-bit images, `t = cvFloor(thresh)` and `maxval` is rounded half to even and
 * saturated to 0..255; for `t < 0` or `t ≥ 255` the result is OpenCV's constant image or copy
 * (e.g. `'trunc'` with a negative threshold gives zeros). Values beyond int range behave as on
 * x86 (cvFloor/cvRound give INT_MIN). With `method: 'otsu' | 'triangle'` (single channel only),
 * `thresh` is ignored and {@link otsuThreshold} / {@link triangleThreshold} is used.
 */
export function threshold(a: PixelArray, thresh: number, maxval: number, type: ThresholdType = 'binary',
  options?: ThresholdOptions): PixelArray {
  if (arguments.length > 5) throw tooManyArguments('threshold', ['a', 'thresh', 'maxval', 'type', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  checkType(type, 'type', TYPES);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['method', 'out']);
  checkFinite(maxval, 'maxval');
  let t: number;
  if (opts.method !== undefined) {
    checkType(opts.method, 'options.method', ['otsu', 'triangle']);
    checkSingleChannel(a, `options.method '${opts.method}'`);
    if (typeof thresh !== 'number') throw typeError('thresh', 'a number (ignored with options.method)', thresh);
    t = opts.method === 'otsu' ? otsuThreshold(a) : triangleThreshold(a);
  } else {
    t = checkFinite(thresh, 'thresh');
  }
  const out = checkOut(opts.out, a.shape);
  const dst = startOutput(a.shape, out, [a], true);
  if (a.size > 0) forEachRun(a, dst, lutKernel(thresholdTable(t, maxval, type), 1));
  return finishOutput(dst, out);
}

// ---------------------------------------------------------------------------------------------
// Adaptive threshold

/** Options of `adaptiveThreshold`. */
export interface AdaptiveThresholdOptions {
  /** Write the result here (same shape as `a`) instead of allocating; returned. */
  out?: PixelArray;
}

/**
 * `cv2.adaptiveThreshold(a, maxval, method, type, blockSize, C)` on a single-channel uint8 image,
 * bit for bit with OpenCV 4.6.
 *
 * The local mean `m` is `cv2.blur` (`'mean'`, `ADAPTIVE_THRESH_MEAN_C`) or, for `'gaussian'`
 * (`ADAPTIVE_THRESH_GAUSSIAN_C`), OpenCV 4.6's float32 `GaussianBlur` of the image converted to
 * float (sigma from blockSize, `0.3·((blockSize−1)·0.5 − 1) + 0.8`) rounded back to uint8; both over
 * `blockSize × blockSize` windows with BORDER_REPLICATE. Then `'binary'` gives
 * `maxval` where `v − m > −ceil(C)` and `'binary_inv'` where `v − m ≤ −floor(C)`, else 0 (OpenCV's
 * 768-entry table indexed by `v − m + 255`). `maxval` is rounded and saturated to 0..255; a
 * negative `maxval` gives zeros, as OpenCV. `blockSize` must be odd and > 1.
 */
export function adaptiveThreshold(a: PixelArray, maxval: number, method: 'mean' | 'gaussian',
  type: 'binary' | 'binary_inv', blockSize: number, C: number, options?: AdaptiveThresholdOptions): PixelArray {
  if (arguments.length > 7) throw tooManyArguments('adaptiveThreshold', ['a', 'maxval', 'method', 'type', 'blockSize', 'C', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  checkFinite(maxval, 'maxval');
  checkType(method, 'method', ['mean', 'gaussian']);
  checkType(type, 'type', ['binary', 'binary_inv']);
  checkInt(blockSize, 'blockSize', 3, (1 << 20) - 1);
  if (blockSize % 2 !== 1) throw rangeError('blockSize', 'an odd integer ≥ 3', blockSize);
  checkFinite(C, 'C');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['out']);
  checkSingleChannel(a, 'adaptiveThreshold');
  const out = checkOut(opts.out, a.shape);
  const dst = startOutput(a.shape, out, [a]);
  const [h, w] = a.shape;
  if (h === 0 || w === 0) return finishOutput(dst, out);
  if (maxval < 0) {
    dst.data.fill(0, dst.offset, dst.offset + h * w);
    return finishOutput(dst, out);
  }
  const src = withContiguousRows(a);
  const meanImg = method === 'mean'
    ? blur(src, blockSize, { border: 'replicate' })
    : gaussianMeanFloat(src, blockSize);
  const imax = saturate8(cvRound(maxval));
  const idelta = type === 'binary' ? cvCeil(C) : cvFloor(C);
  const neg = (-idelta) | 0;
  const tab = new Uint8Array(768);
  for (let i = 0; i < 768; i++) {
    const above = i - 255 > neg;
    tab[i] = (type === 'binary' ? above : !above) ? imax : 0;
  }
  const sd = src.data, md = meanImg.data, dd = dst.data;
  for (let y = 0; y < h; y++) {
    const so = rowStart(src, y), mo = meanImg.offset + y * w, o = dst.offset + y * w;
    for (let x = 0; x < w; x++) dd[o + x] = tab[sd[so + x] - md[mo + x] + 255];
  }
  return finishOutput(dst, out);
}

/**
 * OpenCV 4.6's `GaussianBlur` of a uint8 image converted to float32, `ksize × ksize`, sigma 0,
 * BORDER_REPLICATE, converted back with `saturate_cast<uchar>` (round half to even). The row pass
 * is RowVec_32f's FMA chain over the taps in order (SymmRowSmall for ≤ 5 taps, exact for the
 * dyadic small kernels); the column pass SymmColumnVec_32f's `k0·S0`, then FMAs of
 * `(S[k] + S[−k])·k_k`. Every step rounded to float32. Returns a contiguous `H×W×1` image.
 */
function gaussianMeanFloat(src: PixelArray, n: number): PixelArray {
  const [h, w] = src.shape;
  const k64 = gaussianKernel(n, 0);
  const k = new Float32Array(n);
  for (let i = 0; i < n; i++) k[i] = k64[i];
  const r = n >> 1, kc = k[r];
  const cols = borderTable(w, r, r, 'replicate');
  const rows = borderTable(h, r, r, 'replicate');
  const sd = src.data;
  const fr = Math.fround;
  // Each float32 step of OpenCV's chains is a store into a Float32Array (one rounding of the
  // float64 expression, as fround): the loops run tap by tap over a whole row, so the pixels'
  // chains are independent instead of one dependent chain per pixel.
  const padded = new Float64Array(w + 2 * r);
  // Row-filtered rows of padded row positions p (source row rows[p]), in a ring of n slots.
  const ring = new Float32Array(n * w);
  const held = new Int32Array(n).fill(-1);
  const slotOf = (p: number): number => {
    const slot = p % n, at = slot * w;
    if (held[slot] === p) return at;
    held[slot] = p;
    const so = rowStart(src, rows[p]);
    for (let q = 0; q < w + 2 * r; q++) padded[q] = sd[so + cols[q]];
    if (n <= 5) {
      // SymmRowSmallVec_32f: k_c·S0, then (S[−j] + S[j])·k_{c+j} added with FMA.
      for (let x = 0; x < w; x++) ring[at + x] = padded[x + r] * kc;
      for (let j = 1; j <= r; j++) {
        const kj = k[r + j];
        for (let x = 0; x < w; x++) ring[at + x] += fr(padded[x + r - j] + padded[x + r + j]) * kj;
      }
    } else {
      // RowVec_32f: FMAs over the taps in order, from 0; four pixels' chains side by side.
      let x = 0;
      for (; x + 4 <= w; x += 4) {
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let t = 0, j = x; t < n; t++, j++) {
          const kt = k[t];
          s0 = fr(s0 + padded[j] * kt); s1 = fr(s1 + padded[j + 1] * kt);
          s2 = fr(s2 + padded[j + 2] * kt); s3 = fr(s3 + padded[j + 3] * kt);
        }
        ring[at + x] = s0; ring[at + x + 1] = s1; ring[at + x + 2] = s2; ring[at + x + 3] = s3;
      }
      for (; x < w; x++) {
        let s0 = 0;
        for (let t = 0; t < n; t++) s0 = fr(s0 + padded[x + t] * k[t]);
        ring[at + x] = s0;
      }
    }
    return at;
  };
  const res = new Uint8Array(h * w);
  const up = new Int32Array(r + 1), dn = new Int32Array(r + 1);
  for (let y = 0; y < h; y++) {
    const c0 = slotOf(y + r), o = y * w;
    for (let j = 1; j <= r; j++) { up[j] = slotOf(y + r - j); dn[j] = slotOf(y + r + j); }
    // SymmColumnVec_32f: k_c·S0, then FMAs of (S[k] + S[−k])·k_k; four pixels side by side.
    let x = 0;
    for (; x + 4 <= w; x += 4) {
      const c = c0 + x;
      let s0 = fr(ring[c] * kc), s1 = fr(ring[c + 1] * kc), s2 = fr(ring[c + 2] * kc), s3 = fr(ring[c + 3] * kc);
      for (let j = 1; j <= r; j++) {
        const u = up[j] + x, d = dn[j] + x, kj = k[r + j];
        s0 = fr(s0 + fr(ring[d] + ring[u]) * kj); s1 = fr(s1 + fr(ring[d + 1] + ring[u + 1]) * kj);
        s2 = fr(s2 + fr(ring[d + 2] + ring[u + 2]) * kj); s3 = fr(s3 + fr(ring[d + 3] + ring[u + 3]) * kj);
      }
      res[o + x] = saturateUint8(s0); res[o + x + 1] = saturateUint8(s1);
      res[o + x + 2] = saturateUint8(s2); res[o + x + 3] = saturateUint8(s3);
    }
    for (; x < w; x++) {
      let s0 = fr(ring[c0 + x] * kc);
      for (let j = 1; j <= r; j++) s0 = fr(s0 + fr(ring[dn[j] + x] + ring[up[j] + x]) * k[r + j]);
      res[o + x] = saturateUint8(s0);
    }
  }
  return new PixelArray(res, [h, w, 1]);
}
