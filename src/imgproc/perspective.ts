// cv2.getPerspectiveTransform, cv2.getAffineTransform and cv2.warpPerspective on uint8 images,
// as OpenCV 4.6 computes them.
//
// OpenCV's arithmetic, reproduced here:
// - the transforms take their points as float32 (cv::Point2f), build OpenCV's 8×8 (perspective) or
//   6×6 (affine) linear system in float64 (the products −x·u of the perspective rows in float32)
//   and solve it by cv::solve(DECOMP_LU): Gaussian elimination with partial pivoting, the same
//   operations in the same order, so the doubles are OpenCV's;
// - warpPerspective inverts the 3×3 matrix (cv::invert's 3×3 cofactor formula) unless `inverseMap`,
//   then, per destination block of OpenCV's WarpPerspectiveInvoker (bw × bh pixels, bh = min(16, H),
//   bw = min(1024 / bh, W)), per pixel in float64: `W = W0 + M6·x1`, `W = W ? 32 / W : 0` (nearest:
//   `1 / W`), `X = saturate_cast<int>(clamp((X0 + M0·x1)·W))` with `X0 = M0·xBlock + M1·y + M2`
//   (likewise Y); the integer part `X >> 5` (saturated to int16) and the fraction `X & 31` feed
//   cv::remap's fixed-point tables (bilinear, bicubic, Lanczos-4; 15-bit weights).
import { checkInt, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { ROUNDING_MAGIC } from '../core/numeric.ts';
import { assertPixelArray, MAX_ELEMENTS, PixelArray, type Shape } from '../core/pixelarray.ts';
import { checkBorder, type BorderMode } from './border.ts';
import type { Dest, Source } from './resize.ts';
import {
  checkInterpolation, clampShort, finite, kernelTable, readBorderValue, remapBilinearRow, remapKernelRow,
  remapNearestRow, type WarpInterpolation,
} from './warp.ts';

/** A point `[x, y]`. */
export type Point2 = readonly [number, number] | readonly number[];

/** A 3×3 matrix: three rows of three numbers, or the nine numbers row by row. */
export type PerspectiveMatrix = readonly (readonly number[])[] | readonly number[] | Float64Array | Float32Array;

/** Options of `warpPerspective`. */
export interface WarpPerspectiveOptions {
  /**
   * `'bilinear'` (default, `cv2.INTER_LINEAR`), `'nearest'` (`cv2.INTER_NEAREST`), `'cubic'`
   * (`cv2.INTER_CUBIC`) or `'lanczos4'` (`cv2.INTER_LANCZOS4`).
   */
  interpolation?: WarpInterpolation;
  /** How pixels outside the source are made up; default `'constant'` (cv2.warpPerspective's default). */
  border?: BorderMode;
  /**
   * With `border: 'constant'`: a number for every channel, or one number per channel (default 0),
   * rounded half to even and clamped to 0..255 as OpenCV's `saturate_cast` does.
   */
  borderValue?: number | readonly number[];
  /** The matrix already maps destination to source (`cv2.WARP_INVERSE_MAP`): do not invert it. */
  inverseMap?: boolean;
  /** Write the result here (shape `[height, width, channels]`) instead of allocating; returned. */
  out?: PixelArray;
}

const fround = Math.fround;
const DBL_EPSILON = 2.220446049250313e-16;
const INTER_BITS = 5;
const INTER_TAB_SIZE = 1 << INTER_BITS;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const OPTION_KEYS = ['interpolation', 'border', 'borderValue', 'inverseMap', 'out'];

/** `n` points `[x, y]` as float32 pairs (cv::Point2f). */
function readPoints(v: unknown, n: number, name: string): Float64Array {
  const expected = `an array of ${n} points [x, y]`;
  if (!Array.isArray(v)) throw typeError(name, expected, v);
  if (v.length !== n) throw rangeError(name, expected, v);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const p: unknown = v[i];
    if (!Array.isArray(p) && !(p instanceof Float64Array) && !(p instanceof Float32Array)) {
      throw typeError(`${name}[${i}]`, 'a point [x, y] of 2 finite numbers', p);
    }
    if (p.length !== 2) throw rangeError(`${name}[${i}]`, 'a point [x, y] of 2 finite numbers', p);
    out[2 * i] = fround(finite(p[0], `${name}[${i}][0]`));
    out[2 * i + 1] = fround(finite(p[1], `${name}[${i}][1]`));
  }
  return out;
}

/**
 * cv::solve(A, b, x, DECOMP_LU) for an m×m system with one right-hand side (hal::LU64f: partial
 * pivoting, eliminate with `alpha = A[j][i] · (−1 / A[i][i])`, back-substitute dividing by the
 * pivot). `a` (row-major) and `b` are overwritten; returns false when a pivot is below 100·ε.
 */
function solveLU(a: Float64Array, b: Float64Array, m: number): boolean {
  const eps = DBL_EPSILON * 100;
  for (let i = 0; i < m; i++) {
    let k = i;
    for (let j = i + 1; j < m; j++) if (Math.abs(a[j * m + i]) > Math.abs(a[k * m + i])) k = j;
    if (Math.abs(a[k * m + i]) < eps) return false;
    if (k !== i) {
      for (let j = i; j < m; j++) {
        const t = a[i * m + j]; a[i * m + j] = a[k * m + j]; a[k * m + j] = t;
      }
      const t = b[i]; b[i] = b[k]; b[k] = t;
    }
    const d = -1 / a[i * m + i];
    for (let j = i + 1; j < m; j++) {
      const alpha = a[j * m + i] * d;
      for (let q = i + 1; q < m; q++) a[j * m + q] += alpha * a[i * m + q];
      b[j] += alpha * b[i];
    }
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i];
    for (let q = i + 1; q < m; q++) s -= a[i * m + q] * b[q];
    b[i] = s / a[i * m + i];
  }
  return true;
}

/**
 * `cv2.getPerspectiveTransform(src, dst)`: the 3×3 matrix mapping the four points `src` to the
 * four points `dst` (points `[x, y]`, taken as float32 like OpenCV's `Point2f`), solved in float64
 * by OpenCV's LU (DECOMP_LU, the default): the same doubles as OpenCV 4.6 (checked to the last bit
 * on the golden cases). `m[2][2]` is 1. Degenerate points (three collinear) give OpenCV's all-zero
 * solution, i.e. `[[0, 0, 0], [0, 0, 0], [0, 0, 1]]`.
 */
export function getPerspectiveTransform(src: readonly Point2[], dst: readonly Point2[]): number[][] {
  if (arguments.length > 2) throw tooManyArguments('getPerspectiveTransform', ['src', 'dst'], arguments.length);
  const s = readPoints(src, 4, 'src');
  const d = readPoints(dst, 4, 'dst');
  const a = new Float64Array(64), b = new Float64Array(8);
  for (let i = 0; i < 4; i++) {
    const x = s[2 * i], y = s[2 * i + 1], u = d[2 * i], v = d[2 * i + 1];
    const r = i * 8, q = (i + 4) * 8;
    a[r] = a[q + 3] = x;
    a[r + 1] = a[q + 4] = y;
    a[r + 2] = a[q + 5] = 1;
    // float32 products, as OpenCV's Point2f arithmetic.
    a[r + 6] = fround(-x * u);
    a[r + 7] = fround(-y * u);
    a[q + 6] = fround(-x * v);
    a[q + 7] = fround(-y * v);
    b[i] = u;
    b[i + 4] = v;
  }
  if (!solveLU(a, b, 8)) b.fill(0);
  return [[b[0], b[1], b[2]], [b[3], b[4], b[5]], [b[6], b[7], 1]];
}

/**
 * `cv2.getAffineTransform(src, dst)`: the 2×3 matrix mapping the three points `src` to the three
 * points `dst` (float32 points, float64 solve by OpenCV's LU): the same doubles as OpenCV 4.6.
 * Collinear points give all zeros, as OpenCV's failed solve does.
 */
export function getAffineTransform(src: readonly Point2[], dst: readonly Point2[]): number[][] {
  if (arguments.length > 2) throw tooManyArguments('getAffineTransform', ['src', 'dst'], arguments.length);
  const s = readPoints(src, 3, 'src');
  const d = readPoints(dst, 3, 'dst');
  const a = new Float64Array(36), b = new Float64Array(6);
  for (let i = 0; i < 3; i++) {
    const j = i * 12, k = i * 12 + 6;
    a[j] = a[k + 3] = s[2 * i];
    a[j + 1] = a[k + 4] = s[2 * i + 1];
    a[j + 2] = a[k + 5] = 1;
    b[2 * i] = d[2 * i];
    b[2 * i + 1] = d[2 * i + 1];
  }
  if (!solveLU(a, b, 6)) b.fill(0);
  return [[b[0], b[1], b[2]], [b[3], b[4], b[5]]];
}

/** The nine numbers of a 3×3 matrix, row by row. */
function readMatrix3(m: unknown): number[] {
  const expected = 'a 3×3 matrix (three rows of 3 numbers) or 9 numbers';
  if (Array.isArray(m) && m.length === 3 && (Array.isArray(m[0]) || Array.isArray(m[1]) || Array.isArray(m[2]))) {
    const out: number[] = [];
    for (let i = 0; i < 3; i++) {
      const row: unknown = m[i];
      if (!Array.isArray(row) && !(row instanceof Float64Array) && !(row instanceof Float32Array)) {
        throw typeError(`matrix[${i}]`, 'a row of 3 numbers', row);
      }
      if (row.length !== 3) throw rangeError(`matrix[${i}]`, 'a row of 3 numbers', row);
      for (let j = 0; j < 3; j++) out.push(finite((row as ArrayLike<unknown>)[j], `matrix[${i}][${j}]`));
    }
    return out;
  }
  if (Array.isArray(m) || m instanceof Float64Array || m instanceof Float32Array) {
    if (m.length !== 9) throw rangeError('matrix', expected, m);
    const out: number[] = [];
    for (let k = 0; k < 9; k++) out.push(finite((m as ArrayLike<unknown>)[k], `matrix[${k}]`));
    return out;
  }
  throw typeError('matrix', expected, m);
}

/** cv::invert(DECOMP_LU) of a 3×3 float64 matrix: the cofactor formula; singular → all zeros. */
export function invert3x3(m: readonly number[]): number[] {
  let d = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
  if (d === 0) return [0, 0, 0, 0, 0, 0, 0, 0, 0];
  d = 1 / d;
  return [
    (m[4] * m[8] - m[5] * m[7]) * d,
    (m[2] * m[7] - m[1] * m[8]) * d,
    (m[1] * m[5] - m[2] * m[4]) * d,
    (m[5] * m[6] - m[3] * m[8]) * d,
    (m[0] * m[8] - m[2] * m[6]) * d,
    (m[2] * m[3] - m[0] * m[5]) * d,
    (m[3] * m[7] - m[4] * m[6]) * d,
    (m[1] * m[6] - m[0] * m[7]) * d,
    (m[0] * m[4] - m[1] * m[3]) * d,
  ];
}

/**
 * `cv2.warpPerspective(a, matrix, (width, height), flags, borderMode, borderValue)` on uint8
 * images, bit-exact with OpenCV 4.6. `matrix` (3×3) maps source to destination coordinates; it is
 * inverted as OpenCV does unless `inverseMap` (`cv2.WARP_INVERSE_MAP`). Interpolation `'bilinear'`
 * (default), `'nearest'`, `'cubic'` or `'lanczos4'`; border `'constant'` (default, `borderValue` 0),
 * `'replicate'`, `'reflect'`, `'reflect101'` or `'wrap'`. Any channel count. A number as
 * `borderValue` means every channel (cv2 reads a Python number as `Scalar(v, 0, 0, 0)`).
 */
export function warpPerspective(a: PixelArray, matrix: PerspectiveMatrix, width: number, height: number,
  options?: WarpPerspectiveOptions): PixelArray {
  if (arguments.length > 5) throw tooManyArguments('warpPerspective', ['a', 'matrix', 'width', 'height', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  let M = readMatrix3(matrix);
  const dw = checkInt(width, 'width', 1);
  const dh = checkInt(height, 'height', 1);
  const opts = checkOptions(options);
  checkOptionKeys(opts, OPTION_KEYS);
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
  if (!opts.inverseMap) M = invert3x3(M);
  const dst = startOutput(shape, out, [a]);
  const s = withContiguousRows(a);
  const source: Source = { data: s.data, base: s.offset, step: s.stride[0], h: sh, w: sw, c };
  const d: Dest = { data: dst.data, base: dst.offset, h: dh, w: dw, y0: 0, y1: dh };
  warpPerspectiveRows(source, d, M, interpolation, border, cval);
  return finishOutput(dst, out);
}

function warpPerspectiveRows(src: Source, dst: Dest, M: number[], interpolation: WarpInterpolation, border: BorderMode,
  cval: Uint8Array): void {
  const dw = dst.w, dh = dst.h, c = src.c;
  // WarpPerspectiveInvoker's blocks: X0, Y0, W0 are computed at each block's first column
  // (bw0 = min(1024 / min(16, dh), dw); the block height only groups rows and does not change values).
  const bw0 = Math.min(Math.floor(1024 / Math.min(16, dh)), dw);
  const xy = new Int32Array(2 * dw), fa = new Int32Array(dw);
  const ksize = interpolation === 'cubic' ? 4 : 8;
  const tab = interpolation === 'cubic' || interpolation === 'lanczos4' ? kernelTable(ksize) : null;
  const xo = new Int32Array(8), yo = new Int32Array(8);
  const nearest = interpolation === 'nearest';
  const scale = nearest ? 1 : INTER_TAB_SIZE;
  const rowLen = dw * c;
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = M;
  for (let y = dst.y0; y < dst.y1; y++) {
    for (let xb = 0; xb < dw; xb += bw0) {
      const bw = Math.min(bw0, dw - xb);
      const X0 = m0 * xb + m1 * y + m2;
      const Y0 = m3 * xb + m4 * y + m5;
      const W0 = m6 * xb + m7 * y + m8;
      for (let x1 = 0, x = xb; x1 < bw; x1++, x++) {
        let W = W0 + m6 * x1;
        W = W ? scale / W : 0;
        const fX = Math.max(INT_MIN, Math.min(INT_MAX, (X0 + m0 * x1) * W));
        const fY = Math.max(INT_MIN, Math.min(INT_MAX, (Y0 + m3 * x1) * W));
        const X = roundInt(fX), Y = roundInt(fY);
        if (nearest) {
          xy[2 * x] = clampShort(X);
          xy[2 * x + 1] = clampShort(Y);
        } else {
          xy[2 * x] = clampShort(X >> INTER_BITS);
          xy[2 * x + 1] = clampShort(Y >> INTER_BITS);
          fa[x] = ((Y & (INTER_TAB_SIZE - 1)) << INTER_BITS) | (X & (INTER_TAB_SIZE - 1));
        }
      }
    }
    const o = dst.base + y * rowLen;
    if (nearest) remapNearestRow(src, xy, dw, border, cval, dst.data, o);
    else if (tab === null) remapBilinearRow(src, xy, fa, dw, border, cval, dst.data, o);
    else remapKernelRow(src, xy, fa, dw, ksize, tab, border, cval, dst.data, o, xo, yo);
  }
}

/**
 * saturate_cast<int>(double) of a value already clamped to the int range: round half to even
 * (cvRound, by the 1.5 · 2^52 addition: exact below 2^51); NaN (an infinite numerator times W = 0)
 * becomes INT_MIN as x86's cvtsd2si gives.
 */
function roundInt(v: number): number {
  if (v !== v) return INT_MIN;
  return ((v + ROUNDING_MAGIC) - ROUNDING_MAGIC) | 0;
}
