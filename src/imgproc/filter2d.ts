// cv2.filter2D on uint8 (ddepth -1): correlation with an arbitrary kernel, computed as OpenCV's
// 8-bit path does: the kernel in float32, a float32 sum started at delta and grown by one fused
// multiply-add per nonzero coefficient in row-major order, rounded half to even and saturated.
import { checkFinite, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { ROUNDING_MAGIC, saturateUint8 } from '../core/numeric.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { checkBorder, type BorderMode } from './border.ts';
import { borderTable, clampedDifference, differenceScratch, rowStart } from './filter-common.ts';

/** Options of `filter2D`. */
export interface Filter2DOptions {
  /** Added to every sum before rounding (default 0). */
  delta?: number;
  /**
   * How pixels outside the image are made up (default `'reflect101'`). `'wrap'` is accepted only
   * for kernels of 130 coefficients or more, as cv2.filter2D, which filters those through the DFT.
   */
  border?: BorderMode;
  /** Write the result here (same shape) instead of allocating; returned. */
  out?: PixelArray;
}

/** Kernels with at least this many coefficients are filtered through the DFT by OpenCV (8-bit). */
export const DFT_MIN_AREA = 130;
const MAX_KERNEL_SIDE = 1 << 16;

const FLT_MAX = 3.4028234663852886e38;

/** A finite number that stays finite in float32 (OpenCV converts kernel and delta to float). */
function checkFloat32(v: unknown, name: string): number {
  checkFinite(v, name);
  if (Math.abs(v as number) > FLT_MAX) throw rangeError(name, 'a finite float32 number (|v| ≤ 3.4e38)', v);
  return v as number;
}

/** Validates a kernel: a non-empty rectangular `number[][]` of finite numbers. */
export function checkKernel(kernel: unknown, name = 'kernel'): number[][] {
  const what = 'a non-empty rectangular array of rows of finite numbers (number[][])';
  if (!Array.isArray(kernel)) throw typeError(name, what, kernel);
  if (kernel.length === 0 || kernel.length > MAX_KERNEL_SIDE) throw rangeError(name, what, kernel);
  let width = -1;
  kernel.forEach((row: unknown, j) => {
    if (!Array.isArray(row)) throw typeError(`${name}[${j}]`, 'an array of finite numbers', row);
    if (width < 0) width = row.length;
    if (row.length === 0 || row.length > MAX_KERNEL_SIDE) throw rangeError(`${name}[${j}]`, 'a non-empty array of finite numbers', row);
    if (row.length !== width) {
      throw new RangeError(`${name}: expected a rectangular array (rows of equal length), got row 0 of length ${width} and row ${j} of length ${row.length}`);
    }
    row.forEach((v: unknown, i) => checkFloat32(v, `${name}[${j}][${i}]`));
  });
  return kernel as number[][];
}

/**
 * `cv2.filter2D(a, -1, kernel, delta=delta, borderType=border)`: for each pixel and channel,
 * `Σ kernel[j][i] · a[y + j − ay][x + i − ax] + delta` with the anchor at the kernel's centre
 * `(ax, ay) = (kw >> 1, kh >> 1)` (correlation, as OpenCV: the kernel is not flipped), rounded half
 * to even and saturated to 0..255.
 *
 * The sum is computed exactly as OpenCV 4.6's 8-bit loop on x86 does it (float32, fused
 * multiply-adds from delta over the nonzero coefficients in row-major order), so results are bit
 * for bit. Exceptions: kernels of 130 coefficients or more, which OpenCV filters through a float32
 * DFT (rounding there can differ by 1), and kernels mixing coefficients so different in magnitude
 * that a float64 sum is inexact (a double rounding, at most 1).
 */
export function filter2D(a: PixelArray, kernel: readonly (readonly number[])[], options?: Filter2DOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('filter2D', ['a', 'kernel', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const k = checkKernel(kernel);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['delta', 'border', 'out']);
  const delta = opts.delta === undefined ? 0 : checkFloat32(opts.delta, 'options.delta');
  const border = checkBorder(opts.border);
  const kh = k.length, kw = k[0].length;
  if (border === 'wrap' && kw * kh < DFT_MIN_AREA) {
    throw rangeError('options.border',
      `'reflect101', 'replicate', 'reflect' or 'constant' for a kernel of fewer than ${DFT_MIN_AREA} coefficients ` +
      `(cv2.filter2D refuses BORDER_WRAP there; it accepts it only on its DFT path, ${kw}×${kh} here)`, border);
  }
  const out = checkOut(opts.out, a.shape);
  const dst = startOutput(a.shape, out, [a]);
  if (a.size > 0) correlate(withContiguousRows(a), dst, k, Math.fround(delta), border);
  return finishOutput(dst, out);
}

/** One nonzero coefficient: its float32 value, its kernel row and column. */
interface Tap { k: number; row: number; col: number }

function correlate(src: PixelArray, dst: PixelArray, kernel: number[][], delta32: number, border: BorderMode): void {
  const [h, w, c] = src.shape;
  const len = w * c;
  const kh = kernel.length, kw = kernel[0].length;
  const ax = kw >> 1, ay = kh >> 1;
  const taps: Tap[] = [];
  for (let j = 0; j < kh; j++) {
    for (let i = 0; i < kw; i++) {
      const k32 = Math.fround(kernel[j][i]);
      if (k32 !== 0) taps.push({ k: k32, row: j, col: i });
    }
  }
  const dd = dst.data;
  if (taps.length === 0) {
    dd.fill(saturateUint8(delta32), dst.offset, dst.offset + h * len);
    return;
  }
  // Kernel rows that have taps, and a ring of their source rows extended by the border.
  const rows = borderTable(h, ay, kh - 1 - ay, border);
  const cols = borderTable(w, ax, kw - 1 - ax, border);
  const plen = (w + kw - 1) * c;
  const ring = new Uint8Array(kh * plen);
  const ringRow = new Int32Array(kh).fill(-0x40000000); // the position each slot holds (none yet)
  const acc = new Float32Array(len);
  let bound = Math.abs(delta32);
  for (const t of taps) bound += 255 * Math.abs(t.k);
  const integer = Number.isInteger(delta32) && taps.every((t) => Number.isInteger(t.k)) && bound < 2 ** 24;
  const iacc = new Int32Array(integer ? len : 0);
  const offs = new Int32Array(taps.length);
  const ks = new Float64Array(taps.length);
  for (let t = 0; t < taps.length; t++) ks[t] = taps[t].k;
  const iks = Int32Array.from(ks); // the integer path's coefficients, as int32 (integer multiplies)
  // One +1 and one −1 tap with a delta in 0..255 (Pillow's EMBOSS and its kin): 4 bytes per step.
  const plus = taps.length === 2 && integer && delta32 >= 0 && delta32 <= 255 ? ks.indexOf(1) : -1;
  const difference = plus >= 0 && ks[1 - plus] === -1 ? differenceScratch(len) : null;

  for (let y = 0; y < h; y++) {
    for (let t = 0; t < taps.length; t++) {
      const p = y - ay + taps[t].row; // source position of this tap's row
      const slot = (p + ay) % kh;
      if (ringRow[slot] !== p) {
        ringRow[slot] = p;
        fillPaddedRow(src, rows[p + ay], cols, ax, ring, slot * plen, w, c, plen);
      }
      offs[t] = slot * plen + taps[t].col * c;
    }
    if (difference) clampedDifference(ring, offs[plus], offs[1 - plus], dd, dst.offset + y * len, delta32, difference);
    else if (integer) integerSum(ring, offs, iks, taps.length, delta32 | 0, iacc, dd, dst.offset + y * len, len);
    else {
      accumulate(ring, offs, ks, taps.length, delta32, acc, len);
      finish(acc, dd, dst.offset + y * len, len);
    }
  }
}

/**
 * Integer coefficients and delta whose sums stay below 2^24 in magnitude: every float32 partial sum
 * is then an exact integer, so OpenCV's result is the integer sum, saturated. Up to four taps are
 * summed and stored in one pass.
 */
function integerSum(buf: Uint8Array, offs: Int32Array, ks: Int32Array, nz: number, delta: number, acc: Int32Array,
  dd: Uint8Array, o: number, n: number): void {
  if (nz === 1) {
    const o0 = offs[0], k0 = ks[0];
    for (let i = 0; i < n; i++) { const v = delta + k0 * buf[o0 + i]; dd[o + i] = v < 0 ? 0 : v > 255 ? 255 : v; }
    return;
  }
  if (nz === 2) {
    const o0 = offs[0], o1 = offs[1], k0 = ks[0], k1 = ks[1];
    for (let i = 0; i < n; i++) { const v = delta + k0 * buf[o0 + i] + k1 * buf[o1 + i]; dd[o + i] = v < 0 ? 0 : v > 255 ? 255 : v; }
    return;
  }
  if (nz === 3) {
    const o0 = offs[0], o1 = offs[1], o2 = offs[2], k0 = ks[0], k1 = ks[1], k2 = ks[2];
    for (let i = 0; i < n; i++) {
      const v = delta + k0 * buf[o0 + i] + k1 * buf[o1 + i] + k2 * buf[o2 + i];
      dd[o + i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
    return;
  }
  let t: number;
  {
    const o0 = offs[0], o1 = offs[1], o2 = offs[2], o3 = offs[3], k0 = ks[0], k1 = ks[1], k2 = ks[2], k3 = ks[3];
    for (let i = 0; i < n; i++) acc[i] = delta + k0 * buf[o0 + i] + k1 * buf[o1 + i] + k2 * buf[o2 + i] + k3 * buf[o3 + i];
    t = 4;
  }
  for (; t + 4 <= nz; t += 4) {
    const o0 = offs[t], o1 = offs[t + 1], o2 = offs[t + 2], o3 = offs[t + 3], k0 = ks[t], k1 = ks[t + 1], k2 = ks[t + 2], k3 = ks[t + 3];
    for (let i = 0; i < n; i++) acc[i] += k0 * buf[o0 + i] + k1 * buf[o1 + i] + k2 * buf[o2 + i] + k3 * buf[o3 + i];
  }
  for (; t < nz; t++) {
    const o0 = offs[t], k0 = ks[t];
    for (let i = 0; i < n; i++) acc[i] += k0 * buf[o0 + i];
  }
  for (let i = 0; i < n; i++) { const v = acc[i]; dd[o + i] = v < 0 ? 0 : v > 255 ? 255 : v; }
}

/**
 * Source row `r` (−1: zeros) extended by the border (`cols` maps padded pixel p, the image starting
 * at pixel `ax`, to a source column or −1), into ring[at ..].
 */
function fillPaddedRow(src: PixelArray, r: number, cols: Int32Array, ax: number, ring: Uint8Array, at: number,
  w: number, c: number, plen: number): void {
  if (r < 0) { ring.fill(0, at, at + plen); return; }
  const s = rowStart(src, r), sd = src.data;
  ring.set(sd.subarray(s, s + w * c), at + ax * c);
  for (let p = 0; p < cols.length; p++) {
    if (p === ax) p += w;
    if (p >= cols.length) break;
    const q = cols[p], d = at + p * c;
    if (q < 0) for (let k = 0; k < c; k++) ring[d + k] = 0;
    else for (let k = 0; k < c; k++) ring[d + k] = sd[s + q * c + k];
  }
}

/**
 * acc = the float32 fused multiply-add chain from delta over the taps. A float64 `s + k·x` is
 * exact here (k a float32, x a byte), so storing it into the Float32Array is the single rounding
 * of a fused multiply-add. Taps are taken up to four per pass.
 */
function accumulate(buf: Uint8Array, offs: Int32Array, ks: Float64Array, nz: number, delta: number, acc: Float32Array, n: number): void {
  let t: number;
  const fr = Math.fround;
  if (nz >= 4) {
    const o0 = offs[0], o1 = offs[1], o2 = offs[2], o3 = offs[3], k0 = ks[0], k1 = ks[1], k2 = ks[2], k3 = ks[3];
    for (let i = 0; i < n; i++) acc[i] = fr(fr(fr(delta + k0 * buf[o0 + i]) + k1 * buf[o1 + i]) + k2 * buf[o2 + i]) + k3 * buf[o3 + i];
    t = 4;
  } else if (nz === 3) {
    const o0 = offs[0], o1 = offs[1], o2 = offs[2], k0 = ks[0], k1 = ks[1], k2 = ks[2];
    for (let i = 0; i < n; i++) acc[i] = fr(fr(delta + k0 * buf[o0 + i]) + k1 * buf[o1 + i]) + k2 * buf[o2 + i];
    t = 3;
  } else if (nz === 2) {
    const o0 = offs[0], o1 = offs[1], k0 = ks[0], k1 = ks[1];
    for (let i = 0; i < n; i++) acc[i] = fr(delta + k0 * buf[o0 + i]) + k1 * buf[o1 + i];
    t = 2;
  } else {
    const o0 = offs[0], k0 = ks[0];
    for (let i = 0; i < n; i++) acc[i] = delta + k0 * buf[o0 + i];
    t = 1;
  }
  for (; t + 4 <= nz; t += 4) {
    const o0 = offs[t], o1 = offs[t + 1], o2 = offs[t + 2], o3 = offs[t + 3];
    const k0 = ks[t], k1 = ks[t + 1], k2 = ks[t + 2], k3 = ks[t + 3];
    for (let i = 0; i < n; i++) acc[i] = fr(fr(fr(acc[i] + k0 * buf[o0 + i]) + k1 * buf[o1 + i]) + k2 * buf[o2 + i]) + k3 * buf[o3 + i];
  }
  for (; t < nz; t++) {
    const o0 = offs[t], k0 = ks[t];
    for (let i = 0; i < n; i++) acc[i] += k0 * buf[o0 + i];
  }
}

function finish(acc: Float32Array, dd: Uint8Array, o: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = acc[i];
    // Saturate first (any value beyond the byte range ends there whatever the rounding).
    dd[o + i] = v <= 0 ? 0 : v >= 255 ? 255 : (v + ROUNDING_MAGIC) - ROUNDING_MAGIC;
  }
}
