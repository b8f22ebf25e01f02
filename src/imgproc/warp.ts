// cv2.warpAffine and cv2.getRotationMatrix2D on uint8 images, bit for bit with OpenCV 4.6.
//
// OpenCV's arithmetic, reproduced here (see docs/resampling.md for the full rules):
// - the 2×3 matrix maps source to destination, so it is inverted first (in float64, OpenCV's
//   formula) unless `inverseMap` (cv2.WARP_INVERSE_MAP) says it already maps destination to source;
// - source coordinates are fixed point with 10 fractional bits (AB_BITS): per column
//   `cvRound(M[0]·x·1024)`, per row `cvRound((M[1]·y + M[2])·1024)` plus a rounding delta
//   (512 for nearest, 16 for bilinear), summed as int32;
// - nearest takes `sum >> 10`; bilinear `sum >> 5`, i.e. 5 fractional bits (INTER_BITS): the
//   integer part `>> 5` (saturated to int16) and a 32×32 table of 15-bit weights
//   (INTER_REMAP_COEF_BITS) indexed by the fractions, then `(Σ v·w + 16384) >> 15`;
// - taps outside the source come from the border mode: 'constant' (the default) mixes the border
//   value into the weighted sum tap by tap, the others pick a source pixel (cv::borderInterpolate).
import { checkInt, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { roundHalfEven } from '../core/numeric.ts';
import { assertPixelArray, MAX_ELEMENTS, PixelArray, type Shape } from '../core/pixelarray.ts';
import { borderIndex, checkBorder, type BorderMode } from './border.ts';
import { cubicCoefficients, gatherPixels, lanczos4Coefficients, makeGather, sinCos, type Dest, type Source } from './resize.ts';

/**
 * How `warpAffine` and `warpPerspective` sample: `cv2.INTER_LINEAR`, `cv2.INTER_NEAREST`,
 * `cv2.INTER_CUBIC` or `cv2.INTER_LANCZOS4`.
 */
export type WarpInterpolation = 'bilinear' | 'nearest' | 'cubic' | 'lanczos4';

export const WARP_INTERPOLATIONS: readonly WarpInterpolation[] = ['bilinear', 'nearest', 'cubic', 'lanczos4'];

/** A 2×3 affine matrix: two rows of three numbers, or the six numbers row by row. */
export type AffineMatrix = readonly (readonly number[])[] | readonly number[] | Float64Array | Float32Array;

/** Options of `warpAffine`. */
export interface WarpAffineOptions {
  /**
   * `'bilinear'` (default, `cv2.INTER_LINEAR`), `'nearest'` (`cv2.INTER_NEAREST`), `'cubic'`
   * (`cv2.INTER_CUBIC`, 4×4 taps) or `'lanczos4'` (`cv2.INTER_LANCZOS4`, 8×8 taps).
   */
  interpolation?: WarpInterpolation;
  /** How pixels outside the source are made up; default `'constant'` (cv2.warpAffine's default). */
  border?: BorderMode;
  /**
   * With `border: 'constant'`: a number for every channel, or one number per channel (default 0).
   * Each is rounded half to even and clamped to 0..255, as OpenCV's `saturate_cast` does.
   */
  borderValue?: number | readonly number[];
  /** The matrix already maps destination to source (`cv2.WARP_INVERSE_MAP`): do not invert it. */
  inverseMap?: boolean;
  /** Write the result here (shape `[height, width, channels]`) instead of allocating; returned. */
  out?: PixelArray;
}

const AB_BITS = 10;
/** Fixed-point scale of the source coordinates (AB_BITS = 10 fractional bits). */
export const AB_SCALE = 1 << AB_BITS;
const INTER_BITS = 5;
/** Sub-pixel positions per axis of the remap tables (INTER_BITS = 5). */
export const INTER_TAB_SIZE = 1 << INTER_BITS;
const COEF_BITS = 15; // INTER_REMAP_COEF_BITS
const COEF_SCALE = 1 << COEF_BITS;
const COEF_DELTA = 1 << (COEF_BITS - 1);

const fround = Math.fround;

/**
 * `cv2.getRotationMatrix2D(center, angle, scale)`: the 2×3 matrix that rotates by `angle` degrees
 * (counter-clockwise, y pointing down) and scales about `center`, in float64 as OpenCV computes it
 * (`center` goes through float32 first, as OpenCV's `Point2f` does).
 */
export function getRotationMatrix2D(center: readonly [number, number] | readonly number[], angle: number, scale = 1): number[][] {
  if (arguments.length > 3) throw tooManyArguments('getRotationMatrix2D', ['center', 'angle', 'scale'], arguments.length);
  if (!Array.isArray(center) || center.length !== 2) throw typeError('center', 'an array [x, y] of 2 finite numbers', center);
  const cx = fround(finite(center[0], 'center[0]'));
  const cy = fround(finite(center[1], 'center[1]'));
  const rad = finite(angle, 'angle') * (Math.PI / 180);
  const s = finite(scale, 'scale');
  const [sin, cos] = sinCos(rad);
  const alpha = cos * s;
  const beta = sin * s;
  return [
    [alpha, beta, (1 - alpha) * cx - beta * cy],
    [-beta, alpha, beta * cx + (1 - alpha) * cy],
  ];
}

export function finite(v: unknown, name: string): number {
  if (typeof v !== 'number') throw typeError(name, 'a finite number', v);
  if (!Number.isFinite(v)) throw rangeError(name, 'a finite number', v);
  return v;
}

/** The six numbers of a 2×3 matrix, row by row. */
export function readMatrix(m: unknown): number[] {
  const expected = 'a 2×3 matrix (two rows of 3 numbers) or 6 numbers';
  if (Array.isArray(m) && m.length === 2 && (Array.isArray(m[0]) || Array.isArray(m[1]))) {
    const out: number[] = [];
    for (let i = 0; i < 2; i++) {
      const row: unknown = m[i];
      if (!Array.isArray(row)) throw typeError(`matrix[${i}]`, 'a row of 3 numbers', row);
      if (row.length !== 3) throw rangeError(`matrix[${i}]`, 'a row of 3 numbers', row);
      for (let j = 0; j < 3; j++) out.push(finite(row[j], `matrix[${i}][${j}]`));
    }
    return out;
  }
  if (Array.isArray(m) || m instanceof Float64Array || m instanceof Float32Array) {
    if (m.length !== 6) throw rangeError('matrix', expected, m);
    const out: number[] = [];
    for (let k = 0; k < 6; k++) out.push(finite((m as ArrayLike<unknown>)[k], `matrix[${k}]`));
    return out;
  }
  throw typeError('matrix', expected, m);
}

/** cv::warpAffine's inversion (float64, a singular matrix becomes all zeros). */
export function invertAffine(M: number[]): number[] {
  let D = M[0] * M[4] - M[1] * M[3];
  D = D !== 0 ? 1 / D : 0;
  const a11 = M[4] * D, a22 = M[0] * D;
  const m0 = a11, m1 = M[1] * -D, m3 = M[3] * -D, m4 = a22;
  const b1 = -m0 * M[2] - m1 * M[5];
  const b2 = -m3 * M[2] - m4 * M[5];
  return [m0, m1, b1, m3, m4, b2];
}

/** Per-channel border values, saturate_cast to bytes. */
export function readBorderValue(v: unknown, c: number): Uint8Array {
  const name = 'options.borderValue';
  const cval = new Uint8Array(c);
  if (v === undefined) return cval;
  const byte = (x: unknown, label: string): number => {
    const r = roundHalfEven(finite(x, label));
    return r < 0 ? 0 : r > 255 ? 255 : r;
  };
  if (typeof v === 'number') return cval.fill(byte(v, name));
  if (Array.isArray(v)) {
    if (v.length !== c && v.length !== 1) {
      throw new RangeError(`${name}: expected 1 or ${c} values (one per channel), got ${v.length}`);
    }
    for (let k = 0; k < c; k++) cval[k] = byte(v[v.length === 1 ? 0 : k], `${name}[${v.length === 1 ? 0 : k}]`);
    return cval;
  }
  throw typeError(name, 'a number or an array of one number per channel', v);
}

export function checkInterpolation(v: unknown): WarpInterpolation {
  if (v === undefined) return 'bilinear';
  if (typeof v !== 'string' || !(WARP_INTERPOLATIONS as readonly string[]).includes(v)) {
    throw rangeError('options.interpolation', `one of ${WARP_INTERPOLATIONS.map((m) => `'${m}'`).join(', ')}`, v);
  }
  return v as WarpInterpolation;
}

/** cvRound of a double into an int, as `saturate_cast<int>(double)` does on x86 (out of range: INT_MIN). */
export function cvRoundInt(v: number): number {
  const r = roundHalfEven(v);
  return r >= -2147483648 && r <= 2147483647 ? r : -2147483648;
}

/**
 * `cv2.warpAffine(a, matrix, (width, height), flags, borderMode, borderValue)` on uint8 images,
 * bit-exact with OpenCV 4.6. `matrix` maps source to destination coordinates (it is inverted, as
 * OpenCV does, unless `inverseMap`). Bilinear, nearest, bicubic or Lanczos-4; every border mode of `border.ts`,
 * `'constant'` by default with `borderValue` 0.
 */
export function warpAffine(a: PixelArray, matrix: AffineMatrix, width: number, height: number,
  options?: WarpAffineOptions): PixelArray {
  if (arguments.length > 5) throw tooManyArguments('warpAffine', ['a', 'matrix', 'width', 'height', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  let M = readMatrix(matrix);
  const dw = checkInt(width, 'width', 1);
  const dh = checkInt(height, 'height', 1);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['interpolation', 'border', 'borderValue', 'inverseMap', 'out']);
  const interpolation = checkInterpolation(opts.interpolation);
  const border = checkBorder(opts.border, 'options.border', 'constant');
  const [sh, sw, c] = a.shape;
  const cval = readBorderValue(opts.borderValue, c);
  if (opts.inverseMap !== undefined && typeof opts.inverseMap !== 'boolean') {
    throw typeError('options.inverseMap', 'a boolean', opts.inverseMap);
  }
  if (sh === 0 || sw === 0) throw rangeError('a', 'a non-empty image', a);
  if (dw * dh * c > MAX_ELEMENTS) {
    throw rangeError('width, height', `a result of at most ${MAX_ELEMENTS} elements`, `${width}×${height}×${c}`);
  }
  const shape: Shape = [dh, dw, c];
  const out = checkOut(opts.out, shape);
  if (!opts.inverseMap) M = invertAffine(M);
  const dst = startOutput(shape, out, [a]);
  warpRows(a, M, interpolation, border, cval, dst, 0, dh);
  return finishOutput(dst, out);
}

/**
 * Rows `[y0, y1)` of `warpAffine(a, matrix, width, height, options)` (its `out` ignored), written
 * into those rows of `dst`, the contiguous `[height, width, c]` result (its other rows are not
 * touched). Arguments must be valid. Internal, for the row bands of pixelarray/parallel: every
 * output row is computed from its own fixed-point row offsets, exactly as in the whole-image call.
 */
export function warpAffineRows(a: PixelArray, matrix: AffineMatrix, options: WarpAffineOptions | undefined, dst: PixelArray,
  y0: number, y1: number): void {
  const opts = options ?? {};
  let M = readMatrix(matrix);
  if (!opts.inverseMap) M = invertAffine(M);
  const cval = readBorderValue(opts.borderValue, a.shape[2]);
  warpRows(a, M, checkInterpolation(opts.interpolation), checkBorder(opts.border, 'options.border', 'constant'), cval, dst, y0, y1);
}

function warpRows(a: PixelArray, M: number[], interpolation: WarpInterpolation, border: BorderMode, cval: Uint8Array,
  dst: PixelArray, y0: number, y1: number): void {
  const [sh, sw, c] = a.shape;
  const s = withContiguousRows(a);
  const src: Source = { data: s.data, base: s.offset, step: s.stride[0], h: sh, w: sw, c };
  const d: Dest = { data: dst.data, base: dst.offset, h: dst.shape[0], w: dst.shape[1], y0, y1 };
  if (interpolation === 'nearest') warpNearest(src, d, M, border, cval);
  else if (interpolation === 'bilinear') warpBilinear(src, d, M, border, cval);
  else warpKernel(src, d, M, interpolation, border, cval);
}

/** Fixed-point column offsets `cvRound(M[0]·x·1024)` and `cvRound(M[3]·x·1024)`. */
export function columnDeltas(M: number[], dw: number): [Int32Array, Int32Array] {
  const ad = new Int32Array(dw), bd = new Int32Array(dw);
  for (let x = 0; x < dw; x++) {
    ad[x] = cvRoundInt(M[0] * x * AB_SCALE);
    bd[x] = cvRoundInt(M[3] * x * AB_SCALE);
  }
  return [ad, bd];
}

export const clampShort = (v: number): number => (v < -32768 ? -32768 : v > 32767 ? 32767 : v);

/**
 * A source index on an axis of length `len` for a border mode other than constant: the index
 * itself when inside, else cv::borderInterpolate's (reflections first brought within one period,
 * so far-away coordinates cost no more than near ones).
 */
export function borderAt(p: number, len: number, mode: BorderMode): number {
  if (p >= 0 && p < len) return p;
  if (mode === 'reflect' || (mode === 'reflect101' && len > 1)) {
    const period = mode === 'reflect' ? 2 * len : 2 * len - 2;
    p = ((p % period) + period) % period;
  }
  return borderIndex(p, len, mode);
}

// ---------------------------------------------------------------------------------------------
// Nearest

function warpNearest(src: Source, dst: Dest, M: number[], border: BorderMode, cval: Uint8Array): void {
  const { data: S, base, step, h: sh, w: sw, c } = src;
  const { data: D, w: dw } = dst;
  const [ad, bd] = columnDeltas(M, dw);
  const round = AB_SCALE / 2;
  const rowLen = dw * c;
  const constant = border === 'constant';
  // Per row: the source offset of each output pixel (−1: the border value), then one gather.
  const offs = new Int32Array(dw);
  const g = makeGather(S, D, c, cval);
  for (let y = dst.y0; y < dst.y1; y++) {
    const X0 = cvRoundInt((M[1] * y + M[2]) * AB_SCALE) + round;
    const Y0 = cvRoundInt((M[4] * y + M[5]) * AB_SCALE) + round;
    for (let x = 0; x < dw; x++) {
      const sx = clampShort((X0 + ad[x]) >> AB_BITS);
      const sy = clampShort((Y0 + bd[x]) >> AB_BITS);
      if (sx >= 0 && sx < sw && sy >= 0 && sy < sh) offs[x] = base + sy * step + sx * c;
      else if (constant) offs[x] = -1;
      else if (border === 'replicate') {
        offs[x] = base + (sy < 0 ? 0 : sy >= sh ? sh - 1 : sy) * step + (sx < 0 ? 0 : sx >= sw ? sw - 1 : sx) * c;
      } else {
        offs[x] = base + borderAt(sy, sh, border) * step + borderAt(sx, sw, border) * c;
      }
    }
    gatherPixels(g, 0, offs, dw, dst.base + y * rowLen, false);
  }
}

// ---------------------------------------------------------------------------------------------
// Bilinear

let weightTable: Int32Array | null = null;

/**
 * initInterTab2D(INTER_LINEAR, fixpt): for each of the 32×32 sub-pixel positions, the four 15-bit
 * weights `saturate_cast<short>(wy·wx·32768)` (float32 products), with OpenCV's correction when they
 * do not sum to 32768 (it only happens at (0, 0), where 32768 saturates to 32767: the correction
 * scans a 2×2 window from index (1, 1) that reaches into the next, still zero, entry, and so adds
 * the missing 1 to the bottom-right weight: (32767, 0, 0, 1)).
 */
function bilinearWeights(): Int32Array {
  if (weightTable) return weightTable;
  const tab1 = new Float32Array(2 * INTER_TAB_SIZE);
  const step = fround(1 / INTER_TAB_SIZE);
  for (let i = 0; i < INTER_TAB_SIZE; i++) {
    const x = fround(i * step);
    tab1[2 * i] = fround(1 - x);
    tab1[2 * i + 1] = x;
  }
  const n = INTER_TAB_SIZE * INTER_TAB_SIZE;
  // int16 like OpenCV's table, with room for the correction's overreach past the last entry.
  const itab = new Int16Array(n * 4 + 8);
  for (let i = 0; i < INTER_TAB_SIZE; i++) {
    for (let j = 0; j < INTER_TAB_SIZE; j++) {
      const e = (i * INTER_TAB_SIZE + j) * 4;
      let isum = 0;
      for (let k1 = 0; k1 < 2; k1++) {
        const vy = tab1[2 * i + k1];
        for (let k2 = 0; k2 < 2; k2++) {
          const v = fround(vy * tab1[2 * j + k2]);
          const iv = Math.max(-32768, Math.min(32767, roundHalfEven(fround(v * COEF_SCALE))));
          itab[e + k1 * 2 + k2] = iv;
          isum += iv;
        }
      }
      if (isum !== COEF_SCALE) {
        const diff = isum - COEF_SCALE;
        let Mk1 = 1, Mk2 = 1, mk1 = 1, mk2 = 1;
        for (let k1 = 1; k1 < 3; k1++) {
          for (let k2 = 1; k2 < 3; k2++) {
            if (itab[e + k1 * 2 + k2] < itab[e + mk1 * 2 + mk2]) { mk1 = k1; mk2 = k2; }
            else if (itab[e + k1 * 2 + k2] > itab[e + Mk1 * 2 + Mk2]) { Mk1 = k1; Mk2 = k2; }
          }
        }
        if (diff < 0) itab[e + Mk1 * 2 + Mk2] = itab[e + Mk1 * 2 + Mk2] - diff;
        else itab[e + mk1 * 2 + mk2] = itab[e + mk1 * 2 + mk2] - diff;
      }
    }
  }
  weightTable = Int32Array.from(itab.subarray(0, n * 4));
  return weightTable;
}

function warpBilinear(src: Source, dst: Dest, M: number[], border: BorderMode, cval: Uint8Array): void {
  const { data: S, base, step, h: sh, w: sw, c } = src;
  const { data: D, w: dw } = dst;
  const W = bilinearWeights();
  const [ad, bd] = columnDeltas(M, dw);
  // Per column, interleaved: the fixed-point x and y offsets.
  const delta = new Int32Array(2 * dw);
  for (let x = 0; x < dw; x++) { delta[2 * x] = ad[x]; delta[2 * x + 1] = bd[x]; }
  const round = AB_SCALE / INTER_TAB_SIZE / 2;
  // Only sources wider or taller than int16 can tell a saturated coordinate from the raw one.
  const huge = sw > 32768 || sh > 32768;
  // RGB reads each tap pair as two unaligned 32-bit words, whose last byte lies one byte past the
  // pixel pair: rows with no byte after their last pixel in the buffer take the byte path.
  const rowSafe = (r: number): boolean => base + r * step + sw * c < S.length;
  // (Only the row highest in memory can lack that byte; with a zero row step, every row is it.)
  let syLo = c === 3 && !rowSafe(0) ? 1 : 0;
  let syHi = c === 3 && !rowSafe(sh - 1) ? sh - 2 : sh - 1; // fast when syLo ≤ sy < syHi
  if (c === 3 && step === 0 && syLo === 1) { syLo = sh; syHi = 0; }
  const view = new DataView(S.buffer, S.byteOffset, S.byteLength);
  const rowLen = dw * c;
  for (let y = dst.y0; y < dst.y1; y++) {
    const X0 = cvRoundInt((M[1] * y + M[2]) * AB_SCALE) + round;
    const Y0 = cvRoundInt((M[4] * y + M[5]) * AB_SCALE) + round;
    const o = dst.base + y * rowLen;
    if (huge) warpRowGeneric(src, X0, Y0, delta, 0, dw, W, border, cval, D, o, true);
    else if (c === 3) warpRow3(src, view, X0, Y0, delta, 0, dw, syLo, syHi, W, border, cval, D, o);
    else if (c === 4) warpRow4(src, view, X0, Y0, delta, 0, dw, W, border, cval, D, o);
    else warpRowGeneric(src, X0, Y0, delta, 0, dw, W, border, cval, D, o, false);
  }
}

// The inner loops. Coordinates: X = (X0 + adelta) >> 5 has 5 fractional bits; the pixel is
// X >> 5 and the sub-pixel position X & 31 (likewise Y). OpenCV's 15-bit weights are the products
// (32 − ay, ay) × (32 − ax, ax) × 32 (its (0, 0) entry (32767, 0, 0, 1) gives the same results as
// (32768, 0, 0, 0): the 1 never outweighs the rounding), so inside the image a pixel is
// `((top·(32 − ay) + bottom·ay + 512) >> 10` with top/bottom the horizontal blends in 5-bit
// weights, computed for two channels at once in 16-bit lanes (each at most 255·32).

/** RGB: taps read as little-endian words (R, G, B, next byte); R and B share one multiply. */
function warpRow3(src: Source, view: DataView, X0: number, Y0: number, delta: Int32Array, xs: number, xe: number,
  syLo: number, syHi: number, W: Int32Array, border: BorderMode, cval: Uint8Array, D: Uint8Array, o: number): void {
  const { base, step, h: sh, w: sw } = src;
  const imul = Math.imul;
  const w1 = sw - 1, h1 = sh - 1;
  const constant = border === 'constant';
  const c0 = cval[0], c1 = cval[1], c2 = cval[2];
  for (let x = xs, j = 2 * xs; x < xe; x++, j += 2, o += 3) {
    const X = (X0 + delta[j]) >> 5;
    const Y = (Y0 + delta[j + 1]) >> 5;
    const sx = X >> 5, sy = Y >> 5;
    if (sx >= 0 && sx < w1 && sy >= syLo && sy < syHi) {
      const p = base + sy * step + sx * 3, q = p + step;
      const ax = X & 31, ay = Y & 31, bx = 32 - ax, by = 32 - ay;
      const t0 = view.getUint32(p, true), t1 = view.getUint32(p + 3, true);
      const b0 = view.getUint32(q, true), b1 = view.getUint32(q + 3, true);
      const tRB = imul(t0 & 0xff00ff, bx) + imul(t1 & 0xff00ff, ax);
      const bRB = imul(b0 & 0xff00ff, bx) + imul(b1 & 0xff00ff, ax);
      const tG = imul((t0 >>> 8) & 0xff, bx) + imul((t1 >>> 8) & 0xff, ax);
      const bG = imul((b0 >>> 8) & 0xff, bx) + imul((b1 >>> 8) & 0xff, ax);
      D[o] = (imul(tRB & 0xffff, by) + imul(bRB & 0xffff, ay) + 512) >> 10;
      D[o + 1] = (imul(tG, by) + imul(bG, ay) + 512) >> 10;
      D[o + 2] = (imul(tRB >>> 16, by) + imul(bRB >>> 16, ay) + 512) >> 10;
    } else if (constant && (sx >= sw || sx < -1 || sy >= sh || sy < -1)) {
      D[o] = c0; D[o + 1] = c1; D[o + 2] = c2;
    } else {
      const wi = (((Y & 31) << 5) | (X & 31)) << 2;
      if (sx >= 0 && sx < w1 && sy >= 0 && sy < h1) insideTable(src, sx, sy, W, wi, D, o);
      else borderBilinear(src, clampShort(sx), clampShort(sy), W, wi, border, cval, D, o);
    }
  }
}

/** RGBA: each tap is one aligned-or-not word; (R, B) and (G, A) share multiplies. */
function warpRow4(src: Source, view: DataView, X0: number, Y0: number, delta: Int32Array, xs: number, xe: number,
  W: Int32Array, border: BorderMode, cval: Uint8Array, D: Uint8Array, o: number): void {
  const { base, step, h: sh, w: sw } = src;
  const imul = Math.imul;
  const w1 = sw - 1, h1 = sh - 1;
  const constant = border === 'constant';
  const c0 = cval[0], c1 = cval[1], c2 = cval[2], c3 = cval[3];
  for (let x = xs, j = 2 * xs; x < xe; x++, j += 2, o += 4) {
    const X = (X0 + delta[j]) >> 5;
    const Y = (Y0 + delta[j + 1]) >> 5;
    const sx = X >> 5, sy = Y >> 5;
    if (sx >= 0 && sx < w1 && sy >= 0 && sy < h1) {
      const p = base + sy * step + sx * 4, q = p + step;
      const ax = X & 31, ay = Y & 31, bx = 32 - ax, by = 32 - ay;
      const t0 = view.getUint32(p, true), t1 = view.getUint32(p + 4, true);
      const b0 = view.getUint32(q, true), b1 = view.getUint32(q + 4, true);
      const tRB = imul(t0 & 0xff00ff, bx) + imul(t1 & 0xff00ff, ax);
      const bRB = imul(b0 & 0xff00ff, bx) + imul(b1 & 0xff00ff, ax);
      const tGA = imul((t0 >>> 8) & 0xff00ff, bx) + imul((t1 >>> 8) & 0xff00ff, ax);
      const bGA = imul((b0 >>> 8) & 0xff00ff, bx) + imul((b1 >>> 8) & 0xff00ff, ax);
      D[o] = (imul(tRB & 0xffff, by) + imul(bRB & 0xffff, ay) + 512) >> 10;
      D[o + 1] = (imul(tGA & 0xffff, by) + imul(bGA & 0xffff, ay) + 512) >> 10;
      D[o + 2] = (imul(tRB >>> 16, by) + imul(bRB >>> 16, ay) + 512) >> 10;
      D[o + 3] = (imul(tGA >>> 16, by) + imul(bGA >>> 16, ay) + 512) >> 10;
    } else if (constant && (sx >= sw || sx < -1 || sy >= sh || sy < -1)) {
      D[o] = c0; D[o + 1] = c1; D[o + 2] = c2; D[o + 3] = c3;
    } else {
      borderBilinear(src, clampShort(sx), clampShort(sy), W, (((Y & 31) << 5) | (X & 31)) << 2, border, cval, D, o);
    }
  }
}

/** Any channel count (and sources too large for int16 coordinates): OpenCV's weight table. */
function warpRowGeneric(src: Source, X0: number, Y0: number, delta: Int32Array, xs: number, xe: number, W: Int32Array,
  border: BorderMode, cval: Uint8Array, D: Uint8Array, o: number, huge: boolean): void {
  const { data: S, base, step, h: sh, w: sw, c } = src;
  const imul = Math.imul;
  const w1 = sw - 1, h1 = sh - 1;
  for (let x = xs, j = 2 * xs; x < xe; x++, j += 2, o += c) {
    const X = (X0 + delta[j]) >> 5;
    const Y = (Y0 + delta[j + 1]) >> 5;
    let sx = X >> 5, sy = Y >> 5;
    if (huge) { sx = clampShort(sx); sy = clampShort(sy); }
    const wi = (((Y & 31) << 5) | (X & 31)) << 2;
    if (sx >= 0 && sx < w1 && sy >= 0 && sy < h1) {
      const p = base + sy * step + sx * c;
      const a0 = W[wi], a1 = W[wi + 1], a2 = W[wi + 2], a3 = W[wi + 3];
      if (c === 1) {
        D[o] = (imul(S[p], a0) + imul(S[p + 1], a1) + imul(S[p + step], a2) + imul(S[p + step + 1], a3) + COEF_DELTA) >> COEF_BITS;
      } else {
        for (let ch = 0; ch < c; ch++) {
          const q = p + ch;
          D[o + ch] = (imul(S[q], a0) + imul(S[q + c], a1) + imul(S[q + step], a2) + imul(S[q + step + c], a3) + COEF_DELTA) >> COEF_BITS;
        }
      }
    } else {
      borderBilinear(src, clampShort(sx), clampShort(sy), W, wi, border, cval, D, o);
    }
  }
}

/** A pixel whose four taps are inside, through the weight table (byte loads). */
function insideTable(src: Source, sx: number, sy: number, W: Int32Array, wi: number, D: Uint8Array, o: number): void {
  const { data: S, base, step, c } = src;
  const p = base + sy * step + sx * c;
  const a0 = W[wi], a1 = W[wi + 1], a2 = W[wi + 2], a3 = W[wi + 3];
  if (c === 3) {
    // RGB unrolled: the four taps' rows read once.
    const q = p + step;
    D[o] = (S[p] * a0 + S[p + 3] * a1 + S[q] * a2 + S[q + 3] * a3 + COEF_DELTA) >> COEF_BITS;
    D[o + 1] = (S[p + 1] * a0 + S[p + 4] * a1 + S[q + 1] * a2 + S[q + 4] * a3 + COEF_DELTA) >> COEF_BITS;
    D[o + 2] = (S[p + 2] * a0 + S[p + 5] * a1 + S[q + 2] * a2 + S[q + 5] * a3 + COEF_DELTA) >> COEF_BITS;
    return;
  }
  for (let ch = 0; ch < c; ch++) {
    const q = p + ch;
    D[o + ch] = (S[q] * a0 + S[q + c] * a1 + S[q + step] * a2 + S[q + step + c] * a3 + COEF_DELTA) >> COEF_BITS;
  }
}

/** One output pixel whose taps are not all inside the source (remapBilinear's outlier branch). */
function borderBilinear(src: Source, sx: number, sy: number, W: Int32Array, wi: number, border: BorderMode,
  cval: Uint8Array, D: Uint8Array, o: number): void {
  const { data: S, base, step, h: sh, w: sw, c } = src;
  if (border === 'constant' && (sx >= sw || sx + 1 < 0 || sy >= sh || sy + 1 < 0)) {
    for (let ch = 0; ch < c; ch++) D[o + ch] = cval[ch];
    return;
  }
  let x0: number, x1: number, y0: number, y1: number;
  if (border === 'constant') {
    x0 = sx >= 0 && sx < sw ? sx : -1;
    x1 = sx + 1 >= 0 && sx + 1 < sw ? sx + 1 : -1;
    y0 = sy >= 0 && sy < sh ? sy : -1;
    y1 = sy + 1 >= 0 && sy + 1 < sh ? sy + 1 : -1;
  } else if (border === 'replicate') {
    x0 = sx < 0 ? 0 : sx >= sw ? sw - 1 : sx;
    x1 = sx + 1 < 0 ? 0 : sx + 1 >= sw ? sw - 1 : sx + 1;
    y0 = sy < 0 ? 0 : sy >= sh ? sh - 1 : sy;
    y1 = sy + 1 < 0 ? 0 : sy + 1 >= sh ? sh - 1 : sy + 1;
  } else {
    x0 = borderAt(sx, sw, border);
    x1 = borderAt(sx + 1, sw, border);
    y0 = borderAt(sy, sh, border);
    y1 = borderAt(sy + 1, sh, border);
  }
  const a0 = W[wi], a1 = W[wi + 1], a2 = W[wi + 2], a3 = W[wi + 3];
  // −1 marks a tap outside (constant border only): it takes the border value.
  const p00 = x0 >= 0 && y0 >= 0 ? base + y0 * step + x0 * c : -1;
  const p01 = x1 >= 0 && y0 >= 0 ? base + y0 * step + x1 * c : -1;
  const p10 = x0 >= 0 && y1 >= 0 ? base + y1 * step + x0 * c : -1;
  const p11 = x1 >= 0 && y1 >= 0 ? base + y1 * step + x1 * c : -1;
  for (let ch = 0; ch < c; ch++) {
    const cv = cval[ch];
    const v0 = p00 >= 0 ? S[p00 + ch] : cv;
    const v1 = p01 >= 0 ? S[p01 + ch] : cv;
    const v2 = p10 >= 0 ? S[p10 + ch] : cv;
    const v3 = p11 >= 0 ? S[p11 + ch] : cv;
    D[o + ch] = (v0 * a0 + v1 * a1 + v2 * a2 + v3 * a3 + COEF_DELTA) >> COEF_BITS;
  }
}

// ---------------------------------------------------------------------------------------------
// Bicubic and Lanczos-4 (cv::remapBicubic, cv::remapLanczos4 on 8u), and per-pixel remap rows
// shared with warpPerspective.

const kernelTables: (Int32Array | null)[] = [null, null];

/**
 * initInterTab2D(INTER_CUBIC | INTER_LANCZOS4, fixpt): for each of the 32×32 sub-pixel positions
 * the ksize×ksize weights `saturate_cast<short>(wy·wx·32768)` (float32 products of the 1-D float32
 * weights), then, when they do not sum to 32768, the difference taken from the largest (too small
 * a sum) or the smallest (too large) of the four central weights.
 */
export function kernelTable(ksize: 4 | 8): Int32Array {
  const slot = ksize === 4 ? 0 : 1;
  const cached = kernelTables[slot];
  if (cached) return cached;
  const tab1 = new Float32Array(ksize * INTER_TAB_SIZE);
  const scale = fround(1 / INTER_TAB_SIZE);
  for (let i = 0; i < INTER_TAB_SIZE; i++) {
    const x = fround(i * scale);
    if (ksize === 4) cubicCoefficients(x, tab1, i * ksize);
    else lanczos4Coefficients(x, tab1, i * ksize);
  }
  const kk = ksize * ksize;
  const itab = new Int16Array(INTER_TAB_SIZE * INTER_TAB_SIZE * kk);
  const k2 = ksize / 2;
  for (let i = 0; i < INTER_TAB_SIZE; i++) {
    for (let j = 0; j < INTER_TAB_SIZE; j++) {
      const e = (i * INTER_TAB_SIZE + j) * kk;
      let isum = 0;
      for (let a = 0; a < ksize; a++) {
        const vy = tab1[i * ksize + a];
        for (let b = 0; b < ksize; b++) {
          const v = fround(vy * tab1[j * ksize + b]);
          const iv = Math.max(-32768, Math.min(32767, roundHalfEven(fround(v * COEF_SCALE))));
          itab[e + a * ksize + b] = iv;
          isum += iv;
        }
      }
      if (isum !== COEF_SCALE) {
        const diff = isum - COEF_SCALE;
        let Mk1 = k2, Mk2 = k2, mk1 = k2, mk2 = k2;
        for (let a = k2; a < k2 + 2; a++) {
          for (let b = k2; b < k2 + 2; b++) {
            if (itab[e + a * ksize + b] < itab[e + mk1 * ksize + mk2]) { mk1 = a; mk2 = b; }
            else if (itab[e + a * ksize + b] > itab[e + Mk1 * ksize + Mk2]) { Mk1 = a; Mk2 = b; }
          }
        }
        if (diff < 0) itab[e + Mk1 * ksize + Mk2] = itab[e + Mk1 * ksize + Mk2] - diff;
        else itab[e + mk1 * ksize + mk2] = itab[e + mk1 * ksize + mk2] - diff;
      }
    }
  }
  const t = Int32Array.from(itab);
  kernelTables[slot] = t;
  return t;
}

/**
 * One row of cv::remap with INTER_CUBIC (ksize 4) or INTER_LANCZOS4 (ksize 8) on 8u: pixel i has
 * the integer source position `(xy[2i], xy[2i + 1])` (already saturated to int16) and the table
 * index `fa[i]` (5 + 5 fractional bits). Taps start `ksize/2 − 1` before the position; inside the
 * source the sum is `Σ S·w`, else the taps come from the border mode, a constant border adding
 * `cval·32768 + Σ (S − cval)·w` over the taps inside; then `(sum + 16384) >> 15`, saturated.
 */
export function remapKernelRow(src: Source, xy: Int32Array, fa: Int32Array, n: number, ksize: 4 | 8, tab: Int32Array,
  border: BorderMode, cval: Uint8Array, D: Uint8Array, o: number, xo: Int32Array, yo: Int32Array): void {
  const { data: S, base, step, h: sh, w: sw, c } = src;
  const imul = Math.imul;
  const half = ksize / 2 - 1;
  const width1 = Math.max(sw - ksize + 1, 0), height1 = Math.max(sh - ksize + 1, 0);
  const kk = ksize * ksize;
  const constant = border === 'constant';
  for (let i = 0; i < n; i++, o += c) {
    const sx = xy[2 * i] - half, sy = xy[2 * i + 1] - half;
    const w = fa[i] * kk;
    if (sx >= 0 && sx < width1 && sy >= 0 && sy < height1) {
      const p = base + sy * step + sx * c;
      for (let ch = 0; ch < c; ch++) {
        let sum = 0;
        for (let r = 0, q = p + ch, wr = w; r < ksize; r++, q += step, wr += ksize) {
          for (let t = 0, qt = q; t < ksize; t++, qt += c) sum = (sum + imul(S[qt], tab[wr + t])) | 0;
        }
        const v = (sum + COEF_DELTA) >> COEF_BITS;
        D[o + ch] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
      continue;
    }
    if (constant && (sx >= sw || sx + ksize <= 0 || sy >= sh || sy + ksize <= 0)) {
      for (let ch = 0; ch < c; ch++) D[o + ch] = cval[ch];
      continue;
    }
    for (let t = 0; t < ksize; t++) {
      const bx = constant ? borderIndex(sx + t, sw, 'constant') : borderAt(sx + t, sw, border);
      const by = constant ? borderIndex(sy + t, sh, 'constant') : borderAt(sy + t, sh, border);
      xo[t] = bx < 0 ? -1 : bx * c;
      yo[t] = by < 0 ? -1 : base + by * step;
    }
    for (let ch = 0; ch < c; ch++) {
      const cv = cval[ch];
      let sum = cv * COEF_SCALE;
      for (let r = 0, wr = w; r < ksize; r++, wr += ksize) {
        const row = yo[r];
        if (row < 0) continue;
        for (let t = 0; t < ksize; t++) {
          if (xo[t] >= 0) sum = (sum + imul(S[row + xo[t] + ch] - cv, tab[wr + t])) | 0;
        }
      }
      const v = (sum + COEF_DELTA) >> COEF_BITS;
      D[o + ch] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
}

/**
 * One row of cv::remap with INTER_LINEAR on 8u from integer positions `xy` and table indices
 * `fa` (remapBilinear: the 15-bit weight table, border taps as in warpAffine).
 */
export function remapBilinearRow(src: Source, xy: Int32Array, fa: Int32Array, n: number, border: BorderMode,
  cval: Uint8Array, D: Uint8Array, o: number): void {
  const W = bilinearWeights();
  const w1 = src.w - 1, h1 = src.h - 1, c = src.c;
  for (let i = 0; i < n; i++, o += c) {
    const sx = xy[2 * i], sy = xy[2 * i + 1];
    if (sx >= 0 && sx < w1 && sy >= 0 && sy < h1) insideTable(src, sx, sy, W, fa[i] << 2, D, o);
    else borderBilinear(src, sx, sy, W, fa[i] << 2, border, cval, D, o);
  }
}

/**
 * One row of cv::remap with INTER_NEAREST on 8u (remapNearest): the pixel at `xy` (saturated to
 * int16), or outside the source the border value (constant) or the pixel the border mode names.
 */
export function remapNearestRow(src: Source, xy: Int32Array, n: number, border: BorderMode, cval: Uint8Array,
  D: Uint8Array, o: number): void {
  const { data: S, base, step, h: sh, w: sw, c } = src;
  for (let i = 0; i < n; i++, o += c) {
    let sx = xy[2 * i], sy = xy[2 * i + 1];
    if (!(sx >= 0 && sx < sw && sy >= 0 && sy < sh)) {
      if (border === 'constant') {
        for (let ch = 0; ch < c; ch++) D[o + ch] = cval[ch];
        continue;
      }
      if (border === 'replicate') {
        sx = sx < 0 ? 0 : sx >= sw ? sw - 1 : sx;
        sy = sy < 0 ? 0 : sy >= sh ? sh - 1 : sy;
      } else {
        sx = borderAt(sx, sw, border);
        sy = borderAt(sy, sh, border);
      }
    }
    const p = base + sy * step + sx * c;
    for (let ch = 0; ch < c; ch++) D[o + ch] = S[p + ch];
  }
}

/** warpAffine with INTER_CUBIC / INTER_LANCZOS4: the bilinear coordinates, the kernel remap. */
function warpKernel(src: Source, dst: Dest, M: number[], interpolation: 'cubic' | 'lanczos4', border: BorderMode,
  cval: Uint8Array): void {
  const dw = dst.w, c = src.c;
  const [ad, bd] = columnDeltas(M, dw);
  const round = AB_SCALE / INTER_TAB_SIZE / 2;
  const ksize = interpolation === 'cubic' ? 4 : 8;
  const tab = kernelTable(ksize);
  const xy = new Int32Array(2 * dw), fa = new Int32Array(dw);
  const xo = new Int32Array(ksize), yo = new Int32Array(ksize);
  const rowLen = dw * c;
  for (let y = dst.y0; y < dst.y1; y++) {
    const X0 = cvRoundInt((M[1] * y + M[2]) * AB_SCALE) + round;
    const Y0 = cvRoundInt((M[4] * y + M[5]) * AB_SCALE) + round;
    for (let x = 0; x < dw; x++) {
      const X = (X0 + ad[x]) >> (AB_BITS - INTER_BITS);
      const Y = (Y0 + bd[x]) >> (AB_BITS - INTER_BITS);
      xy[2 * x] = clampShort(X >> INTER_BITS);
      xy[2 * x + 1] = clampShort(Y >> INTER_BITS);
      fa[x] = ((Y & (INTER_TAB_SIZE - 1)) << INTER_BITS) | (X & (INTER_TAB_SIZE - 1));
    }
    remapKernelRow(src, xy, fa, dw, ksize, tab, border, cval, dst.data, dst.base + y * rowLen, xo, yo);
  }
}
