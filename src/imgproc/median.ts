// cv2.medianBlur on uint8: the exact median of each ksize × ksize window, the image extended by
// replicating its edge pixels (OpenCV's BORDER_REPLICATE, whatever its algorithm).
import { checkOutOption } from '../core/check.ts';
import { finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { rowStart } from './filter-common.ts';

/** Options of `medianBlur`. */
export interface MedianBlurOptions {
  /** Write the result here (same shape) instead of allocating; returned. */
  out?: PixelArray;
}

const MAX_KSIZE = (1 << 16) - 1;

/**
 * `cv2.medianBlur(a, ksize)`: each value becomes the median of the `ksize × ksize` window around
 * it in its channel, with the image extended by replicating its edges (OpenCV's
 * BORDER_REPLICATE). `ksize` is odd; 1 copies. Exact for every channel count (OpenCV itself
 * refuses 2 or more than 4 channels with ksize ≥ 7).
 */
export function medianBlur(a: PixelArray, ksize: number, options?: MedianBlurOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('medianBlur', ['a', 'ksize', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  if (typeof ksize !== 'number') throw typeError('ksize', 'an odd integer ≥ 1', ksize);
  if (!Number.isSafeInteger(ksize) || ksize < 1 || ksize % 2 === 0 || ksize > MAX_KSIZE) {
    throw rangeError('ksize', `an odd integer in 1..${MAX_KSIZE}`, ksize);
  }
  const out = checkOutOption(options, a.shape);
  const dst = startOutput(a.shape, out, [a]);
  if (a.size > 0) {
    const src = withContiguousRows(a);
    if (ksize === 1) copyRows(src, dst);
    else if (ksize === 3) median3(src, dst);
    else medianHistogram(src, dst, ksize);
  }
  return finishOutput(dst, out);
}

function copyRows(src: PixelArray, dst: PixelArray): void {
  const [h, w, c] = src.shape;
  const len = w * c;
  for (let y = 0; y < h; y++) dst.data.set(src.data.subarray(rowStart(src, y), rowStart(src, y) + len), dst.offset + y * len);
}

/**
 * 3 × 3: each column of three is sorted once (lo ≤ mid ≤ hi) and shared by the three windows that
 * contain it; the median of a window is med3(max of the los, med3 of the mids, min of the his).
 */
function median3(src: PixelArray, dst: PixelArray): void {
  const [h, w, c] = src.shape;
  const len = w * c;
  const sd = src.data, dd = dst.data;
  // Sorted columns for the row, with one replicated pixel on each side.
  const lo = new Uint8Array(len + 2 * c), mid = new Uint8Array(len + 2 * c), hi = new Uint8Array(len + 2 * c);
  for (let y = 0; y < h; y++) {
    const r0 = rowStart(src, y > 0 ? y - 1 : 0), r1 = rowStart(src, y), r2 = rowStart(src, y + 1 < h ? y + 1 : h - 1);
    sortColumns3(sd, r0, r1, r2, lo, mid, hi, c, len);
    for (let k = 0; k < c; k++) {
      lo[k] = lo[c + k]; mid[k] = mid[c + k]; hi[k] = hi[c + k];
      lo[len + c + k] = lo[len + k]; mid[len + c + k] = mid[len + k]; hi[len + c + k] = hi[len + k];
    }
    combine3(lo, mid, hi, dd, dst.offset + y * len, c, len);
  }
}

// Branch-free min/max of bytes: t = a − b; t &= t >> 31 (t = a − b when a < b, else 0); then
// min(a, b) = b + t and max(a, b) = a − t. Data-dependent branches would be mispredicted.

function sortColumns3(s: Uint8Array, r0: number, r1: number, r2: number, lo: Uint8Array, mid: Uint8Array, hi: Uint8Array,
  c: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const a = s[r0 + i], b = s[r1 + i], d = s[r2 + i];
    let t = a - b; t &= t >> 31;
    const mn = b + t, mx = a - t;
    let u = mx - d; u &= u >> 31;
    const m2 = d + u;
    hi[c + i] = mx - u;
    let v = mn - m2; v &= v >> 31;
    lo[c + i] = m2 + v;
    mid[c + i] = mn - v;
  }
}

function combine3(lo: Uint8Array, mid: Uint8Array, hi: Uint8Array, dd: Uint8Array, o: number, c: number, n: number): void {
  for (let i = 0, j = c; i < n; i++, j++) {
    let t: number;
    // max of the three los
    let a = lo[j - c];
    t = a - lo[j]; t &= t >> 31; a -= t;
    t = a - lo[j + c]; t &= t >> 31;
    const mx = a - t;
    // min of the three his
    a = hi[j - c];
    let b = hi[j];
    t = a - b; t &= t >> 31; a = b + t;
    b = hi[j + c];
    t = a - b; t &= t >> 31;
    const mn = b + t;
    // median of the three mids: max(min(a, b), min(max(a, b), d))
    a = mid[j - c]; b = mid[j];
    const d = mid[j + c];
    t = a - b; t &= t >> 31;
    const lo2 = b + t, hi2 = a - t;
    t = hi2 - d; t &= t >> 31;
    const m1 = d + t;
    t = lo2 - m1; t &= t >> 31;
    const md = lo2 - t;
    // median of (mx, md, mn)
    t = mx - md; t &= t >> 31;
    const p = md + t, q = mx - t;
    t = q - mn; t &= t >> 31;
    const r = mn + t;
    t = p - r; t &= t >> 31;
    dd[o + i] = p - t;
  }
}

/**
 * Huang's method: a histogram of the window, one channel at a time, slid along each row (one
 * column out, one in), the median tracked from the previous one with the count of values below it
 * (updated without branches: (v − m) >>> 31 is 1 when v < m).
 */
function medianHistogram(src: PixelArray, dst: PixelArray, k: number): void {
  const [h, w, c] = src.shape;
  const len = w * c;
  const sd = src.data, dd = dst.data;
  const r = k >> 1;
  const hist = new Int32Array(256);
  const rows = new Int32Array(k);
  // Column offsets of positions −r − 1 .. w − 1 + r, replicated at the edges.
  const colOff = new Int32Array(w + 2 * r + 1);
  for (let p = -r - 1; p < w + r; p++) colOff[p + r + 1] = (p < 0 ? 0 : p >= w ? w - 1 : p) * c;
  for (let y = 0; y < h; y++) {
    for (let t = 0; t < k; t++) {
      const yy = y - r + t;
      rows[t] = rowStart(src, yy < 0 ? 0 : yy >= h ? h - 1 : yy);
    }
    const o = dst.offset + y * len;
    for (let ch = 0; ch < c; ch++) {
      if (k === 5) row5(sd, dd, hist, colOff, rows[0] + ch, rows[1] + ch, rows[2] + ch, rows[3] + ch, rows[4] + ch, o + ch, w, c);
      else rowK(sd, dd, hist, colOff, rows, ch, k, o + ch, w, c);
    }
  }
}

/** One channel of one row, 5 × 5 (the rows unrolled). */
function row5(sd: Uint8Array, dd: Uint8Array, hist: Int32Array, colOff: Int32Array, r0: number, r1: number, r2: number,
  r3: number, r4: number, o: number, w: number, c: number): void {
  hist.fill(0);
  for (let p = 1; p <= 5; p++) {
    const co = colOff[p];
    hist[sd[r0 + co]]++; hist[sd[r1 + co]]++; hist[sd[r2 + co]]++; hist[sd[r3 + co]]++; hist[sd[r4 + co]]++;
  }
  let m = 0, below = 0;
  while (below + hist[m] < 13) { below += hist[m]; m++; }
  dd[o] = m;
  for (let x = 1, oo = o + c; x < w; x++, oo += c) {
    const out = colOff[x], inn = colOff[x + 5];
    const v0 = sd[r0 + out], v1 = sd[r1 + out], v2 = sd[r2 + out], v3 = sd[r3 + out], v4 = sd[r4 + out];
    const u0 = sd[r0 + inn], u1 = sd[r1 + inn], u2 = sd[r2 + inn], u3 = sd[r3 + inn], u4 = sd[r4 + inn];
    below += (((u0 - m) >>> 31) + ((u1 - m) >>> 31) + ((u2 - m) >>> 31) + ((u3 - m) >>> 31) + ((u4 - m) >>> 31)) -
      (((v0 - m) >>> 31) + ((v1 - m) >>> 31) + ((v2 - m) >>> 31) + ((v3 - m) >>> 31) + ((v4 - m) >>> 31));
    hist[v0]--; hist[u0]++; hist[v1]--; hist[u1]++; hist[v2]--; hist[u2]++; hist[v3]--; hist[u3]++; hist[v4]--; hist[u4]++;
    if (below >= 13) {
      do { m--; below -= hist[m]; } while (below >= 13);
    } else {
      while (below + hist[m] < 13) { below += hist[m]; m++; }
    }
    dd[oo] = m;
  }
}

/** One channel of one row, any odd k. */
function rowK(sd: Uint8Array, dd: Uint8Array, hist: Int32Array, colOff: Int32Array, rows: Int32Array, ch: number, k: number,
  o: number, w: number, c: number): void {
  const half = (k * k + 1) >> 1; // the median is the half-th smallest value
  hist.fill(0);
  for (let p = 1; p <= k; p++) {
    const co = colOff[p] + ch;
    for (let t = 0; t < k; t++) hist[sd[rows[t] + co]]++;
  }
  let m = 0, below = 0;
  while (below + hist[m] < half) { below += hist[m]; m++; }
  dd[o] = m;
  for (let x = 1, oo = o + c; x < w; x++, oo += c) {
    const out = colOff[x] + ch, inn = colOff[x + k] + ch;
    // Rows two at a time: loads and counts first, then the histogram (fewer stalls on one bin).
    let t = 0;
    for (; t + 1 < k; t += 2) {
      const ra = rows[t], rb = rows[t + 1];
      const v1 = sd[ra + out], v2 = sd[rb + out], u1 = sd[ra + inn], u2 = sd[rb + inn];
      below += ((u1 - m) >>> 31) + ((u2 - m) >>> 31) - ((v1 - m) >>> 31) - ((v2 - m) >>> 31);
      hist[v1]--; hist[u1]++; hist[v2]--; hist[u2]++;
    }
    {
      const rt = rows[t];
      const v = sd[rt + out], u = sd[rt + inn];
      below += ((u - m) >>> 31) - ((v - m) >>> 31);
      hist[v]--; hist[u]++;
    }
    if (below >= half) {
      do { m--; below -= hist[m]; } while (below >= half);
    } else {
      while (below + hist[m] < half) { below += hist[m]; m++; }
    }
    dd[oo] = m;
  }
}
