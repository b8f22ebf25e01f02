// Statistics and lookup tables on uint8 images, as OpenCV 4.6 computes them: cv2.LUT,
// cv2.countNonZero, cv2.mean, cv2.meanStdDev, cv2.minMaxLoc. Sums are exact integers (OpenCV sums
// 8-bit data in int blocks, then in double), scaled by the reciprocal of the count as OpenCV does.
import { checkMask, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { forEachRun, lutKernel } from '../core/iterate.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';

/** Options of `lut`. */
export interface LutOptions {
  /** Write the result here (same shape as `a`) instead of allocating; returned. */
  out?: PixelArray;
}

/** A 256-entry table, or one per channel. */
export type LutTable =
  | ArrayLike<number>
  | readonly ArrayLike<number>[]
  | PixelArray;

/**
 * `cv2.LUT(a, table)`: `out[y, x, c] = table[a[y, x, c]]`.
 *
 * `table` is one of: 256 integers 0..255 (an array or a typed array) used for every channel;
 * an array of `C` such tables (one per channel); a flat array of `256 × C` values laid out as
 * NumPy's `(256, C)` table (`table[v * C + c]`); or a PixelArray of shape `[256, 1, C]`,
 * `[1, 256, C]`, `[256, 1, 1]` or `[1, 256, 1]` (cv2's table shapes). Entries must be integers in
 * 0..255 (cv2 with a uint8 table); other depths of table are not supported.
 */
export function lut(a: PixelArray, table: LutTable, options?: LutOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('lut', ['a', 'table', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['out']);
  const c = a.shape[2];
  const tab = checkTable(table, c);
  const out = checkOut(opts.out, a.shape);
  const dst = startOutput(a.shape, out, [a], true);
  if (a.size > 0) forEachRun(a, dst, lutKernel(tab, c));
  return finishOutput(dst, out);
}

function tableEntry(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) throw rangeError(name, 'an integer in 0..255', v);
  return v;
}

function isArrayLikeOfNumbers(t: unknown): t is ArrayLike<number> {
  if (ArrayBuffer.isView(t)) return !(t instanceof DataView) && !(t instanceof BigInt64Array) && !(t instanceof BigUint64Array);
  return Array.isArray(t) && (t.length === 0 || typeof t[0] === 'number');
}

/** One 256-entry table per channel, concatenated (`lutKernel`'s layout). */
function checkTable(table: unknown, c: number): Uint8Array {
  const tab = new Uint8Array(256 * c);
  if (table instanceof PixelArray) {
    const [h, w, tc] = table.shape;
    if (!((h === 256 && w === 1) || (h === 1 && w === 256)) || (tc !== 1 && tc !== c)) {
      throw new RangeError(`table: expected a PixelArray of shape [256, 1, ${c === 1 ? 1 : `1 or ${c}`}] or [1, 256, …], got [${table.shape.join(', ')}]`);
    }
    for (let v = 0; v < 256; v++) {
      for (let ch = 0; ch < c; ch++) tab[ch * 256 + v] = h === 256 ? table.get(v, 0, tc === 1 ? 0 : ch) : table.get(0, v, tc === 1 ? 0 : ch);
    }
    return tab;
  }
  if (isArrayLikeOfNumbers(table)) {
    if (table.length === 256) {
      for (let v = 0; v < 256; v++) {
        const e = tableEntry(table[v], `table[${v}]`);
        for (let ch = 0; ch < c; ch++) tab[ch * 256 + v] = e;
      }
      return tab;
    }
    if (table.length === 256 * c) {
      for (let v = 0; v < 256; v++) {
        for (let ch = 0; ch < c; ch++) tab[ch * 256 + v] = tableEntry(table[v * c + ch], `table[${v * c + ch}]`);
      }
      return tab;
    }
    throw new RangeError(`table: expected 256 values${c > 1 ? ` or 256 × ${c} = ${256 * c}` : ''}, got ${table.length}`);
  }
  if (Array.isArray(table)) {
    if (table.length !== c) throw new RangeError(`table: expected ${c} per-channel tables (one per channel of a), got ${table.length}`);
    for (let ch = 0; ch < c; ch++) {
      const t = table[ch];
      if (!isArrayLikeOfNumbers(t)) throw typeError(`table[${ch}]`, 'an array of 256 integers', t);
      if (t.length !== 256) throw new RangeError(`table[${ch}]: expected 256 values, got ${t.length}`);
      for (let v = 0; v < 256; v++) tab[ch * 256 + v] = tableEntry(t[v], `table[${ch}][${v}]`);
    }
    return tab;
  }
  throw typeError('table', 'an array of 256 integers, an array of per-channel tables or a PixelArray', table);
}

function checkSingleChannel(a: PixelArray, fn: string): void {
  if (a.shape[2] !== 1) {
    throw new RangeError(`a: expected a single-channel image (${fn} requires 1 channel), got ${a.shape[2]} channels (shape [${a.shape.join(', ')}])`);
  }
}

/** The first element of row `y` of a row-contiguous view. */
function rowAt(a: PixelArray, y: number): number {
  return a.offset + y * a.stride[0];
}

/**
 * `cv2.countNonZero(a)`: the number of nonzero elements of a single-channel image (cv2 refuses
 * more channels, so does this).
 */
export function countNonZero(a: PixelArray): number {
  if (arguments.length > 1) throw tooManyArguments('countNonZero', ['a'], arguments.length);
  assertPixelArray(a, 'a');
  checkSingleChannel(a, 'countNonZero');
  const [h, w] = a.shape;
  if (h === 0 || w === 0) return 0;
  const src = withContiguousRows(a);
  const d = src.data;
  let zeros = 0;
  for (let y = 0; y < h; y++) {
    const s = rowAt(src, y), e = s + w;
    for (let i = s; i < e; i++) if (d[i] === 0) zeros++;
  }
  return h * w - zeros;
}

/** Options of `mean`, `meanStdDev` and `minMaxLoc`. */
export interface StatsOptions {
  /** An `H×W×1` mask: only pixels where it is nonzero count. */
  mask?: PixelArray;
}

/** Per-channel integer sums (and sums of squares) over the selected pixels, and their count. */
function sums(a: PixelArray, mask: PixelArray | undefined): { n: number; s: number[]; sq: number[] } {
  const [h, w, c] = a.shape;
  const s = new Float64Array(c), sq = new Float64Array(c);
  let n = 0;
  if (h > 0 && w > 0) {
    const src = withContiguousRows(a);
    const d = src.data;
    const m = mask ? withContiguousRows(mask) : undefined;
    // Row sums stay below 2^53 (255² · 2^31 < 2^47), so adding them in any order is exact.
    const rs = new Float64Array(c), rq = new Float64Array(c);
    for (let y = 0; y < h; y++) {
      const o = rowAt(src, y);
      if (!m) {
        if (c === 1) {
          let t = 0, q = 0;
          for (let i = o, e = o + w; i < e; i++) { const v = d[i]; t += v; q += v * v; }
          s[0] += t; sq[0] += q;
        } else {
          rs.fill(0); rq.fill(0);
          for (let i = o, e = o + w * c, ch = 0; i < e; i++) {
            const v = d[i]; rs[ch] += v; rq[ch] += v * v;
            if (++ch === c) ch = 0;
          }
          for (let ch = 0; ch < c; ch++) { s[ch] += rs[ch]; sq[ch] += rq[ch]; }
        }
        n += w;
      } else {
        const md = m.data, mo = rowAt(m, y);
        for (let x = 0; x < w; x++) {
          if (md[mo + x] === 0) continue;
          n++;
          const p = o + x * c;
          for (let ch = 0; ch < c; ch++) { const v = d[p + ch]; s[ch] += v; sq[ch] += v * v; }
        }
      }
    }
  }
  return { n, s: Array.from(s), sq: Array.from(sq) };
}

/**
 * `cv2.mean(a, mask)`: the mean of each channel over the pixels where `mask` is nonzero (all
 * pixels without a mask), as a `number[]` with one value per channel (cv2 pads its Scalar to 4
 * values; any channel count is accepted here). OpenCV computes `sum · (1 / count)` (not
 * `sum / count`), which this repeats to the last bit; with no selected pixel every mean is 0.
 */
export function mean(a: PixelArray, options?: StatsOptions): number[] {
  if (arguments.length > 2) throw tooManyArguments('mean', ['a', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['mask']);
  const mask = opts.mask === undefined ? undefined : checkMask(opts.mask, a);
  const { n, s } = sums(a, mask);
  const scale = n ? 1 / n : 0;
  return s.map((v) => v * scale);
}

/** What `meanStdDev` returns: one value per channel in each. */
export interface MeanStdDev {
  mean: number[];
  stddev: number[];
}

/**
 * `cv2.meanStdDev(a, mask=mask)`: per-channel mean and (population) standard deviation over the
 * selected pixels, as OpenCV computes them from exact integer sums `S` and `Q` (of squares) over
 * `n` pixels: `m = S · (1/n)`, `sd = sqrt(max(Q · (1/n) − m², 0))`. No selected pixel gives zeros.
 */
export function meanStdDev(a: PixelArray, options?: StatsOptions): MeanStdDev {
  if (arguments.length > 2) throw tooManyArguments('meanStdDev', ['a', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['mask']);
  const mask = opts.mask === undefined ? undefined : checkMask(opts.mask, a);
  const { n, s, sq } = sums(a, mask);
  const scale = n ? 1 / n : 0;
  const m = s.map((v) => v * scale);
  const sd = sq.map((q, k) => Math.sqrt(Math.max(q * scale - m[k] * m[k], 0)));
  return { mean: m, stddev: sd };
}

/** What `minMaxLoc` returns; locations are `[x, y]`. */
export interface MinMaxLoc {
  minVal: number;
  maxVal: number;
  minLoc: [number, number];
  maxLoc: [number, number];
}

/**
 * `cv2.minMaxLoc(a, mask)` on a single-channel image (as cv2 requires): the smallest and largest
 * value and the first location `[x, y]` of each in row-major order, among the pixels where `mask`
 * is nonzero. When no pixel is selected (all masked, or an empty image) OpenCV returns
 * `minVal = maxVal = 0` and both locations `[-1, -1]`; so does this.
 */
export function minMaxLoc(a: PixelArray, options?: StatsOptions): MinMaxLoc {
  if (arguments.length > 2) throw tooManyArguments('minMaxLoc', ['a', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['mask']);
  checkSingleChannel(a, 'minMaxLoc');
  const mask = opts.mask === undefined ? undefined : checkMask(opts.mask, a);
  const [h, w] = a.shape;
  let minV = 256, maxV = -1, minI = -1, maxI = -1;
  if (h > 0 && w > 0) {
    const src = withContiguousRows(a);
    const d = src.data;
    const m = mask ? withContiguousRows(mask) : undefined;
    for (let y = 0; y < h; y++) {
      const o = rowAt(src, y);
      if (m) {
        const md = m.data, mo = rowAt(m, y);
        for (let x = 0; x < w; x++) {
          if (md[mo + x] === 0) continue;
          const v = d[o + x];
          if (v < minV) { minV = v; minI = y * w + x; }
          if (v > maxV) { maxV = v; maxI = y * w + x; }
        }
      } else {
        for (let x = 0; x < w; x++) {
          const v = d[o + x];
          if (v < minV) { minV = v; minI = y * w + x; }
          if (v > maxV) { maxV = v; maxI = y * w + x; }
        }
      }
    }
  }
  if (minI < 0) return { minVal: 0, maxVal: 0, minLoc: [-1, -1], maxLoc: [-1, -1] };
  return { minVal: minV, maxVal: maxV, minLoc: [minI % w, Math.floor(minI / w)], maxLoc: [maxI % w, Math.floor(maxI / w)] };
}
