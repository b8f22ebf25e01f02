// cv2.GaussianBlur on uint8, bit for bit: OpenCV's bit-exact kernel (softdouble arithmetic, then
// 8-bit fixed point by error diffusion, summing to exactly 256) and its fixed-point separable
// filter, whose result is the exact integer sum Σ ky·Σ kx·p rounded once: (s + 2^15) >> 16.
import { checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { roundHalfEven } from '../core/numeric.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { checkBorder, type BorderMode } from './border.ts';
import { borderTable, checkKsize, rowStart } from './filter-common.ts';
import { reduceKernel, separableExact } from './separable.ts';

/** Options of `gaussianBlur`. */
export interface GaussianBlurOptions {
  /**
   * Kernel size: an odd number (square) or `[width, height]`; 0 or absent derives a side from its
   * sigma as OpenCV does for 8-bit images: `round(6σ + 1) | 1`.
   */
  ksize?: number | readonly [number, number];
  /** Standard deviation along y; 0 or absent means `sigma`. */
  sigmaY?: number;
  /** How pixels outside the image are made up (default `'reflect101'`, OpenCV's default). */
  border?: BorderMode;
  /** Write the result here (same shape) instead of allocating; returned. */
  out?: PixelArray;
}

/** Largest kernel side accepted (far beyond any useful blur; keeps sizes in int range). */
const MAX_KSIZE = (1 << 20) - 1;
const DBL_EPSILON = 2.220446049250313e-16;

// ---------------------------------------------------------------------------------------------
// Kernels

/** The exact value of a finite double as `m · 2^e` (m a BigInt). */
function exactParts(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = -1074;
  if (biased !== 0) { m |= 1n << 52n; e = biased - 1075; }
  return [hi >>> 31 ? -m : m, e];
}

/** `a·b + c` with a single rounding (IEEE fused multiply-add, as softfloat's `mulAdd`). */
export function fusedMultiplyAdd(a: number, b: number, c: number): number {
  const [ma, ea] = exactParts(a), [mb, eb] = exactParts(b), [mc, ec] = exactParts(c);
  const mp = ma * mb, ep = ea + eb;
  const e = Math.min(ep, ec);
  const total = (mp << BigInt(ep - e)) + (mc << BigInt(ec - e));
  // Number(bigint) rounds to nearest, ties to even; scaling by a power of two is then exact
  // (in two steps, so that no factor underflows) while the result is a normal number.
  const half = Math.trunc(e / 2);
  return Number(total) * 2 ** half * 2 ** (e - half);
}

/** A double from its IEEE bits (high and low 32-bit words). */
function fromBits(hi: number, lo: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, hi >>> 0);
  view.setUint32(4, lo >>> 0);
  return view.getFloat64(0);
}

// OpenCV's softfloat `exp` (core/src/softfloat.cpp, f64_exp): a table of 2^(i/64) and a degree-5
// polynomial, every step an IEEE double operation. It is not correctly rounded (it can differ from
// Math.exp by a few ulps), and the kernel values, hence the fixed-point kernels, depend on it.
const EXP_TAB_BITS = [
  0x3ff00000, 0x00000000, 0x3ff02c9a, 0x3e778061, 0x3ff059b0, 0xd3158574, 0x3ff08745, 0x18759bc8,
  0x3ff0b558, 0x6cf9890f, 0x3ff0e3ec, 0x32d3d1a2, 0x3ff11301, 0xd0125b51, 0x3ff1429a, 0xaea92de0,
  0x3ff172b8, 0x3c7d517b, 0x3ff1a35b, 0xeb6fcb75, 0x3ff1d487, 0x3168b9aa, 0x3ff2063b, 0x88628cd6,
  0x3ff2387a, 0x6e756238, 0x3ff26b45, 0x65e27cdd, 0x3ff29e9d, 0xf51fdee1, 0x3ff2d285, 0xa6e4030b,
  0x3ff306fe, 0x0a31b715, 0x3ff33c08, 0xb26416ff, 0x3ff371a7, 0x373aa9cb, 0x3ff3a7db, 0x34e59ff7,
  0x3ff3dea6, 0x4c123422, 0x3ff4160a, 0x21f72e2a, 0x3ff44e08, 0x6061892d, 0x3ff486a2, 0xb5c13cd0,
  0x3ff4bfda, 0xd5362a27, 0x3ff4f9b2, 0x769d2ca7, 0x3ff5342b, 0x569d4f82, 0x3ff56f47, 0x36b527da,
  0x3ff5ab07, 0xdd485429, 0x3ff5e76f, 0x15ad2148, 0x3ff6247e, 0xb03a5585, 0x3ff66238, 0x82552225,
  0x3ff6a09e, 0x667f3bcd, 0x3ff6dfb2, 0x3c651a2f, 0x3ff71f75, 0xe8ec5f74, 0x3ff75feb, 0x564267c9,
  0x3ff7a114, 0x73eb0187, 0x3ff7e2f3, 0x36cf4e62, 0x3ff82589, 0x994cce13, 0x3ff868d9, 0x9b4492ed,
  0x3ff8ace5, 0x422aa0db, 0x3ff8f1ae, 0x99157736, 0x3ff93737, 0xb0cdc5e5, 0x3ff97d82, 0x9fde4e50,
  0x3ff9c491, 0x82a3f090, 0x3ffa0c66, 0x7b5de565, 0x3ffa5503, 0xb23e255d, 0x3ffa9e6b, 0x5579fdbf,
  0x3ffae89f, 0x995ad3ad, 0x3ffb33a2, 0xb84f15fb, 0x3ffb7f76, 0xf2fb5e47, 0x3ffbcc1e, 0x904bc1d2,
  0x3ffc199b, 0xdd85529c, 0x3ffc67f1, 0x2e57d14b, 0x3ffcb720, 0xdcef9069, 0x3ffd072d, 0x4a07897c,
  0x3ffd5818, 0xdcfba487, 0x3ffda9e6, 0x03db3285, 0x3ffdfc97, 0x337b9b5f, 0x3ffe502e, 0xe78b3ff6,
  0x3ffea4af, 0xa2a490da, 0x3ffefa1b, 0xee615a27, 0x3fff5076, 0x5b6e4540, 0x3fffa7c1, 0x819e90d8,
];
const EXP_TAB = /* @__PURE__ */ (() => {
  const tab = new Float64Array(64);
  for (let i = 0; i < 64; i++) tab[i] = fromBits(EXP_TAB_BITS[2 * i], EXP_TAB_BITS[2 * i + 1]);
  return tab;
})();
const EXPPOLY_A0 = fromBits(0x3f83ce0f, 0x3e46f431);
const EXP_PRESCALE = fromBits(0x3ff71547, 0x652b82fe) * 64;
const EXP_POSTSCALE = 1 / 64;
const EXP_MAX_VAL = 3000 * 64;
const P5 = 1 / EXPPOLY_A0;
const P4 = fromBits(0x3fe62e42, 0xfefa39f1) / EXPPOLY_A0;
const P3 = fromBits(0x3fcebfbd, 0xff82a45a) / EXPPOLY_A0;
const P2 = fromBits(0x3fac6b08, 0xd81fec75) / EXPPOLY_A0;
const P1 = fromBits(0x3f83b2a7, 0x2b4f3cd3) / EXPPOLY_A0;
const P0 = fromBits(0x3f55e7aa, 0x1566c2a4) / EXPPOLY_A0;

/** `cv::exp(softdouble)`, bit for bit (finite arguments). */
export function softExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x === -Infinity) return 0;
  // |x| ≥ 2^11 (biased exponent above 1023 + 10) is clamped.
  let x0 = Math.abs(x) >= 2048 ? (x < 0 ? -EXP_MAX_VAL : EXP_MAX_VAL) : x * EXP_PRESCALE;
  const r = roundHalfEven(x0);
  const val0 = r;
  let t = (val0 >> 6) + 1023;
  t = t < 0 ? 0 : t > 2047 ? 2047 : t;
  const scale = t === 0 ? 0 : t === 2047 ? Infinity : 2 ** (t - 1023);
  x0 = (x0 - r) * EXP_POSTSCALE;
  const poly = ((((P0 * x0 + P1) * x0 + P2) * x0 + P3) * x0 + P4) * x0 + P5;
  return scale * EXPPOLY_A0 * EXP_TAB[val0 & 63] * poly;
}

// OpenCV's fixed tables for sigma ≤ 0 (getGaussianKernelBitExact).
const SMALL_KERNELS: Record<number, readonly number[]> = {
  1: [1],
  3: [0.25, 0.5, 0.25],
  5: [0.0625, 0.25, 0.375, 0.25, 0.0625],
  7: [0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125],
  9: [4 / 256, 13 / 256, 30 / 256, 51 / 256, 60 / 256, 51 / 256, 30 / 256, 13 / 256, 4 / 256],
};

/**
 * `cv2.getGaussianKernel(n, sigma, cv2.CV_64F)`: OpenCV 4.6's bit-exact kernel (odd `n`), in
 * IEEE double arithmetic step by step as its softdouble code: fixed tables for n ≤ 9 when
 * sigma ≤ 0, otherwise `exp(-x²/(2σ²))` normalised by its sum, σ = 0.15·n + 0.35 when sigma ≤ 0.
 */
export function gaussianKernel(n: number, sigma: number): Float64Array {
  if (sigma <= 0 && SMALL_KERNELS[n]) return Float64Array.from(SMALL_KERNELS[n]);
  const sigmaX = sigma > 0 ? sigma : fusedMultiplyAdd(n, 0.15, 0.35);
  const scale2X = -0.125 / (sigmaX * sigmaX);
  const n2 = (n - 1) >> 1;
  const values = new Float64Array(n2);
  let sum = 0;
  for (let i = 0, x = 1 - n; i < n2; i++, x += 2) {
    const t = softExp((x * x) * scale2X);
    values[i] = t;
    sum += t;
  }
  sum *= 2;
  sum += 1;
  const mul1 = 1 / sum;
  const result = new Float64Array(n);
  for (let i = 0; i < n2; i++) {
    const t = values[i] * mul1;
    result[i] = t;
    result[n - 1 - i] = t;
  }
  result[n2] = mul1;
  return result;
}

/**
 * The 8-bit fixed-point kernel OpenCV's uint8 GaussianBlur uses (ufixedpoint16 raw values,
 * units of 1/256): error diffusion from the outside in, `v = cvRound(k·256 + err)`, and the
 * centre set so that the kernel sums to exactly 256.
 */
export function gaussianKernelFixed(n: number, sigma: number): Int32Array {
  const k = gaussianKernel(n, sigma);
  const out = new Int32Array(n);
  const n2 = n >> 1;
  let err = 0, sum = 0;
  for (let i = 0; i < n2; i++) {
    const adj = k[i] * 256 + err;
    const v = roundHalfEven(adj);
    err = adj - v;
    out[i] = v;
    out[n - 1 - i] = v;
    sum += v;
  }
  out[n2] = 256 - 2 * sum;
  return out;
}

/** OpenCV's kernel side for 8-bit images when ksize is 0: `cvRound(σ·3·2 + 1) | 1`. */
function autoKsize(sigma: number, name: string): number {
  const k = roundHalfEven(sigma * 3 * 2 + 1);
  if (k > MAX_KSIZE) throw rangeError(name, `a sigma giving a kernel of at most ${MAX_KSIZE} (6σ + 1)`, sigma);
  return k | 1;
}

function checkSigma(v: unknown, name: string): number {
  if (typeof v !== 'number') throw typeError(name, 'a finite number ≥ 0', v);
  if (!Number.isFinite(v) || v < 0) throw rangeError(name, 'a finite number ≥ 0', v);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Filtering

/**
 * `cv2.GaussianBlur(a, ksize, sigma, sigmaY, borderType)` on uint8, bit for bit.
 *
 * `sigma` is the standard deviation along x; with `ksize` absent or 0 it must be > 0 and sets the
 * kernel size (`round(6σ + 1) | 1`); with a `ksize` and sigma 0, OpenCV's kernel for that size is
 * used (its fixed tables up to 9, else σ = 0.15·ksize + 0.35). `sigmaY` defaults to `sigma`.
 */
export function gaussianBlur(a: PixelArray, sigma: number, options?: GaussianBlurOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('gaussianBlur', ['a', 'sigma', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['ksize', 'sigmaY', 'border', 'out']);
  const sx = checkSigma(sigma, 'sigma');
  let sy = opts.sigmaY === undefined ? 0 : checkSigma(opts.sigmaY, 'options.sigmaY');
  if (sy <= 0) sy = sx;
  let [kw, kh] = opts.ksize === undefined ? [0, 0] : checkKsize(opts.ksize, 'options.ksize', { odd: true, allowZero: true });
  if (kw > MAX_KSIZE || kh > MAX_KSIZE) throw rangeError('options.ksize', `sides of at most ${MAX_KSIZE}`, opts.ksize);
  const border = checkBorder(opts.border);
  const out = checkOut(opts.out, a.shape);
  if (kw === 0 || kh === 0) {
    if (sx <= 0) {
      throw rangeError('sigma', 'a positive number when options.ksize is 0 or absent (it sets the kernel size)', sigma);
    }
    if (kw === 0) kw = autoKsize(sx, 'sigma');
    if (kh === 0) kh = autoKsize(sy, opts.sigmaY === undefined || opts.sigmaY === 0 ? 'sigma' : 'options.sigmaY');
  }
  const kx = gaussianKernelFixed(kw, sx);
  const ky = kh === kw && Math.abs(sx - sy) < DBL_EPSILON ? kx : gaussianKernelFixed(kh, sy);

  const dst = startOutput(a.shape, out, [a]);
  if (a.size > 0) {
    // Small kernels (OpenCV's fixed 3 and 5 tables above all) run on 16-bit lanes; larger ones
    // on two rows packed per float64 (measured faster from 5 taps of arbitrary weights on).
    const src = withContiguousRows(a);
    if (useLanes(kx, ky)) separableExact(src, dst, kx, ky, border);
    else separableFixed(src, dst, kx, ky, border);
  }
  return finishOutput(dst, out);
}

function useLanes(kx: Int32Array, ky: Int32Array): boolean {
  const bx = reduceKernel(kx).binomial, by = reduceKernel(ky).binomial;
  return (bx > 0 && by > 0) || (kx.length <= 3 && ky.length <= 3);
}

// Two rows are filtered at once, packed in one float64 as `row0 + 2^24 · row1`: every partial sum
// is an exact integer below 2^24 per lane (255 · 256 · 256), so the lanes never interfere and
// the packed sums stay exact (below 2^48).
const LANE = 16777216;
const INV_LANE = 1 / LANE;

/**
 * Exact separable filter with integer kernels `kx`, `ky` (symmetric, each summing to 256), from
 * the row-readable `src` into the contiguous `dst`: `dst = (Σ ky·Σ kx·src + 2^15) >> 16`.
 */
export function separableFixed(src: PixelArray, dst: PixelArray, kx: Int32Array, ky: Int32Array, border: BorderMode): void {
  const [h, w, c] = src.shape;
  const len = w * c;
  const sd = src.data, dd = dst.data;
  if (kx.length === 1 && ky.length === 1) {
    for (let y = 0; y < h; y++) dd.set(sd.subarray(rowStart(src, y), rowStart(src, y) + len), dst.offset + y * len);
    return;
  }
  const rx = kx.length >> 1, ry = ky.length >> 1, kh = ky.length;
  // Source rows for positions -ry .. h + ry (one extra for the second lane), -1 = zeros.
  const rows = borderTable(h, ry, ry + 1, border);
  const cols = borderTable(w, rx, rx, border);
  const zero = new Uint8Array(len);
  const rowAt = (p: number): number => rows[p + ry];

  // Ring of packed rows P(j) = R(j) + 2^24 R(j + 1), j = y - ry .. y + ry.
  const ring = new Float64Array(kh * len);
  const slot = (j: number): number => (((j + ry) % kh) * len);
  const pad = rx * c;
  const vrow = new Float64Array(len + 2 * pad);
  const acc = new Float64Array(len);
  // Pair offsets and coefficients, reused by the vertical pass.
  const vlo = new Int32Array(ry), vhi = new Int32Array(ry), vk = new Float64Array(ry);
  const hlo = new Int32Array(rx), hhi = new Int32Array(rx), hk = new Float64Array(rx);
  for (let t = 0; t < rx; t++) {
    hlo[t] = pad - (rx - t) * c;
    hhi[t] = pad + (rx - t) * c;
    hk[t] = kx[t];
  }
  for (let t = 0; t < ry; t++) vk[t] = ky[t];

  let next = -ry;
  for (let y = 0; y < h; y += 2) {
    for (; next <= y + ry; next++) {
      const r0 = rowAt(next), r1 = rowAt(next + 1);
      packRows(r0 < 0 ? zero : sd, r0 < 0 ? 0 : rowStart(src, r0), r1 < 0 ? zero : sd, r1 < 0 ? 0 : rowStart(src, r1),
        ring, slot(next), len);
    }
    // Vertical pass into the middle of vrow.
    for (let t = 0; t < ry; t++) {
      vlo[t] = slot(y - ry + t);
      vhi[t] = slot(y + ry - t);
    }
    symmetricSum(ring, slot(y), ky[ry], vlo, vhi, vk, ry, vrow, pad, len);
    // Horizontal border: whole pixels copied from the mapped columns (zeros for constant).
    for (let p = -rx; p < 0; p++) fillPixel(vrow, pad + p * c, cols[p + rx], pad, c);
    for (let p = w; p < w + rx; p++) fillPixel(vrow, pad + p * c, cols[p + rx], pad, c);
    symmetricSum(vrow, pad, kx[rx], hlo, hhi, hk, rx, acc, 0, len);
    unpackRows(acc, dd, dst.offset + y * len, y + 1 < h ? dst.offset + (y + 1) * len : -1, len);
  }
}

function fillPixel(v: Float64Array, at: number, col: number, pad: number, c: number): void {
  for (let k = 0; k < c; k++) v[at + k] = col < 0 ? 0 : v[pad + col * c + k];
}

function packRows(a: Uint8Array, ai: number, b: Uint8Array, bi: number, ring: Float64Array, ri: number, n: number): void {
  for (let i = 0; i < n; i++) ring[ri + i] = a[ai + i] + LANE * b[bi + i];
}

function unpackRows(acc: Float64Array, dd: Uint8Array, d0: number, d1: number, n: number): void {
  if (d1 < 0) {
    for (let i = 0; i < n; i++) {
      const s = acc[i];
      dd[d0 + i] = ((s - Math.floor(s * INV_LANE) * LANE) + 32768) >> 16;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const s = acc[i];
    const hi = Math.floor(s * INV_LANE);
    dd[d0 + i] = ((s - hi * LANE) + 32768) >> 16;
    dd[d1 + i] = (hi + 32768) >> 16;
  }
}

/**
 * `dst[d + i] = kc·buf[c + i] + Σ_t k[t]·(buf[lo[t] + i] + buf[hi[t] + i])` for i < n, with the
 * pairs taken three at a time (fewer passes over dst).
 */
function symmetricSum(buf: Float64Array, c: number, kc: number, lo: Int32Array, hi: Int32Array, k: Float64Array,
  pairs: number, dst: Float64Array, d: number, n: number): void {
  let t = 0;
  if (pairs >= 3) { first3(buf, c, kc, lo[0], hi[0], k[0], lo[1], hi[1], k[1], lo[2], hi[2], k[2], dst, d, n); t = 3; }
  else if (pairs === 2) { first2(buf, c, kc, lo[0], hi[0], k[0], lo[1], hi[1], k[1], dst, d, n); t = 2; }
  else if (pairs === 1) { first1(buf, c, kc, lo[0], hi[0], k[0], dst, d, n); t = 1; }
  else { for (let i = 0; i < n; i++) dst[d + i] = kc * buf[c + i]; }
  for (; t + 3 <= pairs; t += 3) add3(buf, lo[t], hi[t], k[t], lo[t + 1], hi[t + 1], k[t + 1], lo[t + 2], hi[t + 2], k[t + 2], dst, d, n);
  if (pairs - t === 2) add2(buf, lo[t], hi[t], k[t], lo[t + 1], hi[t + 1], k[t + 1], dst, d, n);
  else if (pairs - t === 1) add1(buf, lo[t], hi[t], k[t], dst, d, n);
}

function first1(b: Float64Array, c: number, kc: number, a0: number, b0: number, k0: number,
  dst: Float64Array, d: number, n: number): void {
  for (let i = 0; i < n; i++) dst[d + i] = kc * b[c + i] + k0 * (b[a0 + i] + b[b0 + i]);
}
function first2(b: Float64Array, c: number, kc: number, a0: number, b0: number, k0: number, a1: number, b1: number, k1: number,
  dst: Float64Array, d: number, n: number): void {
  for (let i = 0; i < n; i++) dst[d + i] = kc * b[c + i] + k0 * (b[a0 + i] + b[b0 + i]) + k1 * (b[a1 + i] + b[b1 + i]);
}
function first3(b: Float64Array, c: number, kc: number, a0: number, b0: number, k0: number, a1: number, b1: number, k1: number,
  a2: number, b2: number, k2: number, dst: Float64Array, d: number, n: number): void {
  for (let i = 0; i < n; i++) {
    dst[d + i] = kc * b[c + i] + k0 * (b[a0 + i] + b[b0 + i]) + k1 * (b[a1 + i] + b[b1 + i]) + k2 * (b[a2 + i] + b[b2 + i]);
  }
}
function add1(b: Float64Array, a0: number, b0: number, k0: number, dst: Float64Array, d: number, n: number): void {
  for (let i = 0; i < n; i++) dst[d + i] += k0 * (b[a0 + i] + b[b0 + i]);
}
function add2(b: Float64Array, a0: number, b0: number, k0: number, a1: number, b1: number, k1: number,
  dst: Float64Array, d: number, n: number): void {
  for (let i = 0; i < n; i++) dst[d + i] += k0 * (b[a0 + i] + b[b0 + i]) + k1 * (b[a1 + i] + b[b1 + i]);
}
function add3(b: Float64Array, a0: number, b0: number, k0: number, a1: number, b1: number, k1: number,
  a2: number, b2: number, k2: number, dst: Float64Array, d: number, n: number): void {
  for (let i = 0; i < n; i++) dst[d + i] += k0 * (b[a0 + i] + b[b0 + i]) + k1 * (b[a1 + i] + b[b1 + i]) + k2 * (b[a2 + i] + b[b2 + i]);
}
