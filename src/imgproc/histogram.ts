// Histograms: cv2.calcHist on uint8 images, cv2.normalize on float32 histograms, cv2.compareHist.
// Bit for bit with OpenCV 4.6: the same bin lookup tables, the same float32/float64 arithmetic and
// the same summation order. See docs/histograms-color.md for the exact rules.
import { checkFinite, checkInt, checkMask, checkOptions, checkOptionKeys } from '../core/check.ts';
import { describe, rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { LITTLE_ENDIAN } from '../core/packed.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';

/** Largest number of bins a histogram may have (the product of `bins`): 2^24, e.g. 256 × 256 × 256. */
export const MAX_HIST_BINS = 1 << 24;
/** Largest number of dimensions (OpenCV's `CV_MAX_DIM`). */
const MAX_DIMS = 32;

/** Options of `calcHist`. */
export interface CalcHistOptions {
  /** The channels to count, one histogram dimension each. Default `[0]`. */
  channels?: readonly number[];
  /** Bins per dimension (a number applies to every dimension). Default 256 each. */
  bins?: number | readonly number[];
  /**
   * `[low, high]` per dimension, `high` exclusive: `[[0, 256]]` counts every byte. A flat list
   * `[low0, high0, low1, high1, …]` (cv2's form) is accepted too. Default `[0, 256]` each.
   */
  ranges?: readonly (readonly number[])[] | readonly number[];
  /** An `H×W×1` mask: only pixels where it is nonzero are counted. */
  mask?: PixelArray;
}

// Table entries for values outside a dimension's range: negative enough that a sum of table
// entries containing one stays negative (in-range entries are below MAX_HIST_BINS = 2^24), and
// small enough that a few of them add up without leaving int32.
const OUT = -(2 ** 28);

/**
 * `cv2.calcHist([a], channels, mask, bins, ranges)` with uniform bins: a `Float32Array` of
 * `bins[0] × bins[1] × …` counts in C order (the last channel varies fastest).
 *
 * A value `v` of dimension `i` falls in bin `floor(v·t + (−t·low))` clamped to `0..bins−1`, where
 * `t = bins / (high − low)` in float64 with `low`, `high` rounded to float32, and counts only when
 * `low ≤ v < high` — OpenCV's per-byte lookup table, so edge values land in the same bins even when
 * the bins do not divide the range.
 */
export function calcHist(a: PixelArray, options?: CalcHistOptions): Float32Array {
  if (arguments.length > 2) throw tooManyArguments('calcHist', ['a', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const o = checkOptions(options);
  checkOptionKeys(o, ['channels', 'bins', 'ranges', 'mask']);
  const c = a.shape[2];
  const channels = checkChannels(o.channels, c);
  const dims = channels.length;
  const bins = checkBins(o.bins, dims);
  const ranges = checkRanges(o.ranges, dims);
  let total = 1;
  for (const b of bins) total *= b;
  if (total > MAX_HIST_BINS) {
    throw new RangeError(`options.bins: expected at most ${MAX_HIST_BINS} bins in all, got ${bins.join(' × ')} = ${total}`);
  }
  const mask = o.mask === undefined ? undefined : checkMask(o.mask, a);

  // One table per dimension: the offset of each byte value's bin in the flat histogram, or OUT.
  const tabs: Int32Array[] = [];
  for (let i = 0, step = total; i < dims; i++) {
    step /= bins[i];
    tabs.push(binTable(bins[i], ranges[i][0], ranges[i][1], step));
  }
  // Integer counts (at most 2^31 − 1 pixels), converted to float32 at the end as OpenCV does.
  const hist = new Int32Array(total);
  const [h, w] = a.shape;
  if (h > 0 && w > 0) {
    if (dims === 1) count1(a, channels[0], mask, tabs[0], hist);
    else countN(a, channels, mask, tabs, hist);
  }
  return Float32Array.from(hist);
}

let identityTable: Int32Array | undefined;

/**
 * The 256 integer counts of channel `ch`'s byte values (the counting engine of calcHist, for the
 * ops that need a plain histogram: Otsu, triangle, equalizeHist).
 */
export function byteHistogram(a: PixelArray, ch = 0): Int32Array {
  const hist = new Int32Array(256);
  identityTable ??= Int32Array.from({ length: 256 }, (_, v) => v);
  if (a.shape[0] > 0 && a.shape[1] > 0) count1(a, ch, undefined, identityTable, hist);
  return hist;
}

/** OpenCV's `calcHistLookupTables_8u` for uniform bins. */
function binTable(size: number, low: number, high: number, step: number): Int32Array {
  const t = size / (high - low), b = -t * low;
  const tab = new Int32Array(256);
  for (let v = 0; v < 256; v++) {
    if (v >= low && v < high) {
      let idx = Math.floor(v * t + b);
      idx = idx < 0 ? 0 : idx > size - 1 ? size - 1 : idx;
      tab[v] = idx * step;
    } else tab[v] = OUT;
  }
  return tab;
}

// Scratch counters for one dimension: eight interleaved 256-entry sub-histograms, so that runs of
// equal values do not wait on each other's increments, and a table of value pairs for large
// images (one increment per two pixels, then folded: measured 1.35× faster on a 1080p photo).
// Module-level constants, read through locals in the loops: V8 knows their lengths and drops the
// bounds checks. Safe to share: the counting loops call no user code. tables().pairs is zeroed memory
// that costs nothing until a first large histogram uses it.
// Scratch tables, allocated on the first call that needs them (nothing is allocated at import).
let scratch: { counts: Int32Array; pairs: Int32Array } | undefined;
function tables(): NonNullable<typeof scratch> {
  return scratch ??= {
    counts: new Int32Array(8 * 256), pairs: new Int32Array(65536),
  };
}
const PAIRS_MIN = 1 << 16;

/** One dimension: count the 256 byte values, then fold them through the bin table. */
function count1(a: PixelArray, ch: number, mask: PixelArray | undefined, tab: Int32Array, hist: Int32Array): void {
  const [h, w, c] = a.shape;
  const [s0, s1, s2] = a.stride;
  const data = a.data;
  tables().counts.fill(0);
  const start = a.offset + ch * s2;
  if (mask === undefined) {
    // Packed pixels (channels in order, next to each other) can be read as whole words.
    const packed = (s2 === 1 || c === 1) && s1 === c;
    if (s0 === w * s1 || h === 1) countRun(data, start, s1, packed ? c : 0, ch, h * w);
    else for (let y = 0; y < h; y++) countRun(data, start + y * s0, s1, packed ? c : 0, ch, w);
  } else {
    // Masks are mostly runs of selected and unselected pixels: find the runs, count each run
    // with the unmasked kernels.
    const packed = (s2 === 1 || c === 1) && s1 === c;
    const md = mask.data, [m0, m1] = mask.stride;
    // Packed masks are scanned a word (4 pixels) at a time where it is all 0 or all 255.
    const mw = m1 === 1 && LITTLE_ENDIAN && (md.byteOffset & 3) === 0 ? new Int32Array(md.buffer, md.byteOffset, md.length >> 2) : null;
    for (let y = 0; y < h; y++) {
      const mrow = mask.offset + y * m0, row = start + y * s0;
      let x = 0;
      while (x < w) {
        let m = mrow + x * m1;
        for (;;) {
          if (mw !== null && (m & 3) === 0 && x + 4 <= w && mw[m >> 2] === 0) { x += 4; m += 4; continue; }
          if (x < w && md[m] === 0) { x++; m += m1; continue; }
          break;
        }
        const x0 = x;
        for (;;) {
          if (mw !== null && (m & 3) === 0 && x + 4 <= w && mw[m >> 2] === -1) { x += 4; m += 4; continue; }
          if (x < w && md[m] !== 0) { x++; m += m1; continue; }
          break;
        }
        if (x > x0) countRun(data, row + x0 * s1, s1, packed ? c : 0, ch, x - x0);
      }
    }
  }
  for (let v = 0; v < 256; v++) {
    let n = 0;
    for (let k = v; k < 2048; k += 256) n += tables().counts[k];
    if (n !== 0 && tab[v] >= 0) hist[tab[v]] += n;
  }
}

/** Adds the pair counts to the first sub-histogram: pair `x | y << 8` counted x once and y once. */
function foldPairs(): void {
  const P = tables().pairs, C = tables().counts;
  for (let y = 0; y < 256; y++) {
    let row = 0;
    for (let x = 0, i = y << 8; x < 256; x++, i++) {
      const n = P[i];
      C[x] += n;
      row += n;
    }
    C[y] += row;
  }
  P.fill(0);
}

/**
 * Counts `n` pixels' values at `data[p], data[p + step], …`: channel `ch` of packed `c`-channel
 * pixels (`c` 0 when not packed). Whole words when packed and word-aligned (3 words hold 4 RGB
 * pixels), else bytes.
 */
function countRun(data: Uint8Array, p: number, step: number, c: number, ch: number, n: number): void {
  let k = 0;
  if (LITTLE_ENDIAN && c !== 0 && n >= 16 && ((data.byteOffset + p - ch) & 3) === 0) {
    const byteStart = data.byteOffset + p - ch;
    if (c === 3) k = n >= PAIRS_MIN ? countWords3(new Int32Array(data.buffer, byteStart, (n >> 3) * 6), ch) : 0;
    else if (c === 1) k = countWords1(new Int32Array(data.buffer, byteStart, n >> 2));
    else if (c === 4) k = countWords4(new Int32Array(data.buffer, byteStart, n), ch);
    p += k * step;
  }
  const step8 = 8 * step, C = tables().counts;
  for (; k + 8 <= n; k += 8, p += step8) {
    C[data[p]]++;
    C[256 + data[p + step]]++;
    C[512 + data[p + 2 * step]]++;
    C[768 + data[p + 3 * step]]++;
    C[1024 + data[p + 4 * step]]++;
    C[1280 + data[p + 5 * step]]++;
    C[1536 + data[p + 6 * step]]++;
    C[1792 + data[p + 7 * step]]++;
  }
  for (; k < n; k++, p += step) C[data[p]]++;
}

/**
 * RGB words [r0 g0 b0 r1][g1 b1 r2 g2][b2 r3 g3 b3] of a large image (at least PAIRS_MIN pixels;
 * smaller ones are counted byte by byte): pixels 0 and 2, 1 and 3 of each group of four as one
 * 16-bit index into the pair table (pairing next-but-one pixels repeats indices less often than
 * next neighbours in smooth images: 1.2× faster), then folded. One small function per channel:
 * each loop gets its own optimized code.
 */
function countWords3(w: Int32Array, ch: number): number {
  const j = ch === 0 ? pairs3ch0(w) : ch === 1 ? pairs3ch1(w) : pairs3ch2(w);
  foldPairs();
  return (j / 6) * 8;
}

// The pair loops: two groups of four pixels (6 words) per iteration.
function pairs3ch0(w: Int32Array): number {
  const P = tables().pairs, n = w.length - 5;
  let j = 0;
  for (; j < n; j += 6) {
    const a = w[j], d = w[j + 3];
    P[(a & 255) | ((w[j + 1] >>> 8) & 0xff00)]++; P[(a >>> 24) | (w[j + 2] & 0xff00)]++;
    P[(d & 255) | ((w[j + 4] >>> 8) & 0xff00)]++; P[(d >>> 24) | (w[j + 5] & 0xff00)]++;
  }
  return j;
}

function pairs3ch1(w: Int32Array): number {
  const P = tables().pairs, n = w.length - 5;
  let j = 0;
  for (; j < n; j += 6) {
    const b = w[j + 1], e = w[j + 4];
    P[((w[j] >>> 8) & 255) | ((b >>> 16) & 0xff00)]++; P[(b & 255) | ((w[j + 2] >>> 8) & 0xff00)]++;
    P[((w[j + 3] >>> 8) & 255) | ((e >>> 16) & 0xff00)]++; P[(e & 255) | ((w[j + 5] >>> 8) & 0xff00)]++;
  }
  return j;
}

function pairs3ch2(w: Int32Array): number {
  const P = tables().pairs, n = w.length - 5;
  let j = 0;
  for (; j < n; j += 6) {
    const c = w[j + 2], f = w[j + 5];
    P[((w[j] >>> 16) & 255) | ((c & 255) << 8)]++; P[((w[j + 1] >>> 8) & 255) | ((c >>> 16) & 0xff00)]++;
    P[((w[j + 3] >>> 16) & 255) | ((f & 255) << 8)]++; P[((w[j + 4] >>> 8) & 255) | ((f >>> 16) & 0xff00)]++;
  }
  return j;
}

/** Gray words: four values per word, two words per iteration. */
function countWords1(w: Int32Array): number {
  const n = w.length - 1;
  let j = 0;
  if (w.length * 4 >= PAIRS_MIN) {
    const P = tables().pairs;
    for (; j < n; j += 2) {
      const a = w[j], b = w[j + 1];
      P[a & 0xffff]++; P[a >>> 16]++; P[b & 0xffff]++; P[b >>> 16]++;
    }
    foldPairs();
    return j * 4;
  }
  const C = tables().counts;
  for (; j < n; j += 2) {
    const a = w[j], b = w[j + 1];
    C[a & 255]++; C[256 + ((a >> 8) & 255)]++; C[512 + ((a >> 16) & 255)]++; C[768 + (a >>> 24)]++;
    C[1024 + (b & 255)]++; C[1280 + ((b >> 8) & 255)]++; C[1536 + ((b >> 16) & 255)]++; C[1792 + (b >>> 24)]++;
  }
  return j * 4;
}

/** RGBA words: one pixel per word. */
function countWords4(w: Int32Array, ch: number): number {
  const n = w.length - 3, shift = 8 * ch;
  let j = 0;
  if (w.length >= PAIRS_MIN) {
    const P = tables().pairs;
    for (; j < n; j += 4) {
      P[((w[j] >>> shift) & 255) | (((w[j + 1] >>> shift) & 255) << 8)]++;
      P[((w[j + 2] >>> shift) & 255) | (((w[j + 3] >>> shift) & 255) << 8)]++;
    }
    foldPairs();
    return j;
  }
  const C = tables().counts;
  for (; j < n; j += 4) {
    C[(w[j] >>> shift) & 255]++;
    C[256 + ((w[j + 1] >>> shift) & 255)]++;
    C[512 + ((w[j + 2] >>> shift) & 255)]++;
    C[768 + ((w[j + 3] >>> shift) & 255)]++;
  }
  return j;
}

/**
 * Two or more dimensions: per pixel, the sum of the tables' offsets (negative when out of range).
 * Over packed 3- or 4-channel pixels the tables are first merged per byte position (a channel
 * used by no dimension adds 0, one used twice adds both), so any number of dimensions costs the
 * same, reading whole words where aligned.
 */
function countN(a: PixelArray, channels: number[], mask: PixelArray | undefined, tabs: Int32Array[], counts: Int32Array): void {
  const [h, w, c] = a.shape;
  const [s0, s1, s2] = a.stride;
  if (mask === undefined && (c === 3 || c === 4) && s2 === 1 && s1 === c) {
    const pos = Array.from({ length: c }, () => new Int32Array(256));
    for (let i = 0; i < channels.length; i++) {
      const t = pos[channels[i]], u = tabs[i];
      for (let v = 0; v < 256; v++) t[v] = t[v] < 0 || u[v] < 0 ? OUT : t[v] + u[v];
    }
    const whole = s0 === w * c || h === 1;
    const rows = whole ? 1 : h, n = whole ? h * w : w;
    const total = counts.length;
    // Four copies of a small histogram, one per pixel of a group of four: neighbouring pixels
    // usually share a bin, and their increments would otherwise wait on each other. Large RGB
    // images count word-aligned runs through the pair tables (countRGBWords), into copies kept
    // in its scratch at RGB_COUNTS; what remains of a row goes through countPacked.
    const viaPairs = c === 3 && LITTLE_ENDIAN && n >= PAIRS_MIN && total <= RGB_MAX_BINS;
    const copies = viaPairs || total <= 1 << 16 ? 4 : 1;
    const into = viaPairs ? rgbTables(pos[0], pos[1], pos[2]) : copies === 1 ? counts : new Int32Array(4 * total);
    const base = viaPairs ? RGB_COUNTS : 0;
    if (viaPairs) into.fill(0, base, base + 4 * total);
    for (let y = 0; y < rows; y++) {
      let p = a.offset + y * s0, k = 0;
      if (viaPairs && ((a.data.byteOffset + p) & 3) === 0) {
        k = (n >> 4) << 4; // sixteen pixels (12 words) per iteration
        countRGBWords(new Int32Array(a.data.buffer, a.data.byteOffset + p, (k >> 2) * 3), into, total);
        p += 3 * k;
      }
      if (viaPairs) countPacked(a.data, p, n - k, c, pos, counts, 0);
      else countPacked(a.data, p, n, c, pos, into, copies === 1 ? 0 : total);
    }
    if (copies !== 1) {
      for (let i = 0, k = base; i < total; i++, k++) counts[i] += into[k] + into[k + total] + into[k + 2 * total] + into[k + 3 * total];
    }
    return;
  }
  const data = a.data;
  const dims = channels.length;
  const md = mask?.data, m0 = mask?.stride[0] ?? 0, m1 = mask?.stride[1] ?? 0, mo = mask?.offset ?? 0;
  const offs = channels.map((ch) => ch * s2);
  for (let y = 0; y < h; y++) {
    let p = a.offset + y * s0, m = mo + y * m0;
    for (let x = 0; x < w; x++, p += s1, m += m1) {
      if (md !== undefined && md[m] === 0) continue;
      let idx = 0;
      for (let i = 0; i < dims && idx >= 0; i++) idx += tabs[i][data[p + offs[i]]];
      if (idx >= 0) counts[idx]++;
    }
  }
}

/**
 * `n` packed pixels of `c` (3 or 4) bytes from `data[p]`; `pos[k]` is the table of byte k. Pixel
 * k of each group of four counts into the copy of the histogram at `k·copy` (`copy` 0: one copy).
 */
function countPacked(data: Uint8Array, p: number, n: number, c: number, pos: Int32Array[], counts: Int32Array, copy: number): void {
  let k = 0;
  const t0 = pos[0], t1 = pos[1], t2 = pos[2], t3 = c === 4 ? pos[3] : pos[2];
  if (LITTLE_ENDIAN && n >= 4 && ((data.byteOffset + p) & 3) === 0) {
    if (c === 3) {
      countWordsN3(new Int32Array(data.buffer, data.byteOffset + p, (n >> 2) * 3), t0, t1, t2, counts, copy);
      k = (n >> 2) << 2;
      p += k * 3;
    } else {
      countWordsN4(new Int32Array(data.buffer, data.byteOffset + p, n), t0, t1, t2, t3, counts, copy);
      return;
    }
  }
  for (; k < n; k++, p += c) {
    const idx = t0[data[p]] + t1[data[p + 1]] + t2[data[p + 2]] + (c === 4 ? t3[data[p + 3]] : 0);
    if (idx >= 0) counts[idx]++;
  }
}

// Large RGB histograms of fewer than 2^16 bins (8×8×8, 32×32×32, a 180×256 hue-saturation
// histogram of two channels, …; more bins go through countWordsN3): one scratch array
// holds three tables of byte pairs, the four copies of the histogram and the key of the tables, so
// that the counting loop touches two typed arrays only (the image's words and this one): 1.5×
// faster than tables of byte pairs beside the byte tables on an 8×8×8 histogram of a 1080p photo.
// For words [r0 g0 b0 r1][g1 b1 r2 g2][b2 r3 g3 b3], with t0, t1, t2 the tables of bytes 0, 1, 2:
//   LO[x | y << 8] = t0[x] + t1[y]            bytes r g of a pixel:   r0 g0, r2 g2
//   MID[x | y << 8] = t2[x] | t0[y] << 16     b of a pixel, r of the next (two 16-bit halves): b0 r1, b2 r3
//   HI[x | y << 8] = t1[x] + t2[y]            bytes g b of a pixel:   g1 b1, g3 b3
// so a pixel is the sum of two entries. Out-of-range values are RGB_OUT (2^16 − 1) in each half
// or entry: a sum containing one is at least 2^16 − 1 ≥ the number of bins, and is dropped.
const RGB_MAX_BINS = 0xffff;
const RGB_OUT = 0xffff;
const RGB_MID = 1 << 16, RGB_HI = 2 << 16, RGB_COUNTS = 3 << 16, RGB_KEY = RGB_COUNTS + 4 * RGB_MAX_BINS;
let rgbScratch: Int32Array | undefined;

/** The scratch array with its pair tables filled for `t0`, `t1`, `t2` (kept from the last call when they are the same). */
function rgbTables(t0: Int32Array, t1: Int32Array, t2: Int32Array): Int32Array {
  // The key starts as −1s, which no bin table holds (entries are OUT or offsets ≥ 0).
  const T = rgbScratch ??= new Int32Array(RGB_KEY + 768).fill(-1, RGB_KEY);
  let same = true;
  for (let v = 0; v < 256 && same; v++) same = T[RGB_KEY + v] === t0[v] && T[RGB_KEY + 256 + v] === t1[v] && T[RGB_KEY + 512 + v] === t2[v];
  if (same) return T;
  T.set(t0, RGB_KEY); T.set(t1, RGB_KEY + 256); T.set(t2, RGB_KEY + 512);
  const h0 = t0.map((v) => (v < 0 ? RGB_OUT : v)), h1 = t1.map((v) => (v < 0 ? RGB_OUT : v)), h2 = t2.map((v) => (v < 0 ? RGB_OUT : v));
  for (let y = 0; y < 256; y++) {
    const row = y << 8, g = h1[y], r = h0[y] << 16, b = h2[y];
    for (let x = 0; x < 256; x++) {
      T[row | x] = Math.min(h0[x] + g, RGB_OUT);
      T[RGB_MID + (row | x)] = h2[x] | r;
      T[RGB_HI + (row | x)] = Math.min(h1[x] + b, RGB_OUT);
    }
  }
  return T;
}

/**
 * Sixteen pixels (12 words) per iteration, pixel k of each group of four into copy k of the
 * histogram: neighbouring pixels usually share a bin, and their increments would otherwise wait
 * on each other. `w.length` is a multiple of 12.
 */
function countRGBWords(w: Int32Array, T: Int32Array, total: number): void {
  const o0 = RGB_COUNTS, o1 = o0 + total, o2 = o1 + total, o3 = o2 + total, n = w.length - 11;
  for (let j = 0; j < n; j = (j + 12) | 0) {
    let a = w[j], b = w[(j + 1) | 0], c = w[(j + 2) | 0];
    let m = T[RGB_MID + (a >>> 16)], m2 = T[RGB_MID + (c & 0xffff)];
    let i0 = T[a & 0xffff] + (m & 0xffff), i1 = (m >>> 16) + T[RGB_HI + (b & 0xffff)];
    let i2 = T[b >>> 16] + (m2 & 0xffff), i3 = (m2 >>> 16) + T[RGB_HI + (c >>> 16)];
    if (i0 < total) T[o0 + i0]++;
    if (i1 < total) T[o1 + i1]++;
    if (i2 < total) T[o2 + i2]++;
    if (i3 < total) T[o3 + i3]++;
    a = w[(j + 3) | 0]; b = w[(j + 4) | 0]; c = w[(j + 5) | 0];
    m = T[RGB_MID + (a >>> 16)]; m2 = T[RGB_MID + (c & 0xffff)];
    i0 = T[a & 0xffff] + (m & 0xffff); i1 = (m >>> 16) + T[RGB_HI + (b & 0xffff)];
    i2 = T[b >>> 16] + (m2 & 0xffff); i3 = (m2 >>> 16) + T[RGB_HI + (c >>> 16)];
    if (i0 < total) T[o0 + i0]++;
    if (i1 < total) T[o1 + i1]++;
    if (i2 < total) T[o2 + i2]++;
    if (i3 < total) T[o3 + i3]++;
    a = w[(j + 6) | 0]; b = w[(j + 7) | 0]; c = w[(j + 8) | 0];
    m = T[RGB_MID + (a >>> 16)]; m2 = T[RGB_MID + (c & 0xffff)];
    i0 = T[a & 0xffff] + (m & 0xffff); i1 = (m >>> 16) + T[RGB_HI + (b & 0xffff)];
    i2 = T[b >>> 16] + (m2 & 0xffff); i3 = (m2 >>> 16) + T[RGB_HI + (c >>> 16)];
    if (i0 < total) T[o0 + i0]++;
    if (i1 < total) T[o1 + i1]++;
    if (i2 < total) T[o2 + i2]++;
    if (i3 < total) T[o3 + i3]++;
    a = w[(j + 9) | 0]; b = w[(j + 10) | 0]; c = w[(j + 11) | 0];
    m = T[RGB_MID + (a >>> 16)]; m2 = T[RGB_MID + (c & 0xffff)];
    i0 = T[a & 0xffff] + (m & 0xffff); i1 = (m >>> 16) + T[RGB_HI + (b & 0xffff)];
    i2 = T[b >>> 16] + (m2 & 0xffff); i3 = (m2 >>> 16) + T[RGB_HI + (c >>> 16)];
    if (i0 < total) T[o0 + i0]++;
    if (i1 < total) T[o1 + i1]++;
    if (i2 < total) T[o2 + i2]++;
    if (i3 < total) T[o3 + i3]++;
  }
}

/** RGB words [r0 g0 b0 r1][g1 b1 r2 g2][b2 r3 g3 b3]: four pixels per iteration. */
function countWordsN3(sw: Int32Array, t0: Int32Array, t1: Int32Array, t2: Int32Array, counts: Int32Array, copy: number): void {
  const c1 = copy, c2 = 2 * copy, c3 = 3 * copy;
  for (let j = 0; j < sw.length; j += 3) {
    const a = sw[j], b = sw[j + 1], c = sw[j + 2];
    const i0 = t0[a & 255] + t1[(a >> 8) & 255] + t2[(a >> 16) & 255];
    const i1 = t0[a >>> 24] + t1[b & 255] + t2[(b >> 8) & 255];
    const i2 = t0[(b >> 16) & 255] + t1[b >>> 24] + t2[c & 255];
    const i3 = t0[(c >> 8) & 255] + t1[(c >> 16) & 255] + t2[c >>> 24];
    if (i0 >= 0) counts[i0]++;
    if (i1 >= 0) counts[c1 + i1]++;
    if (i2 >= 0) counts[c2 + i2]++;
    if (i3 >= 0) counts[c3 + i3]++;
  }
}

/** RGBA words: one pixel per word. */
function countWordsN4(sw: Int32Array, t0: Int32Array, t1: Int32Array, t2: Int32Array, t3: Int32Array, counts: Int32Array, copy: number): void {
  const last = 3 * copy;
  for (let j = 0, o = 0; j < sw.length; j++, o = o === last ? 0 : o + copy) {
    const v = sw[j], idx = t0[v & 255] + t1[(v >> 8) & 255] + t2[(v >> 16) & 255] + t3[v >>> 24];
    if (idx >= 0) counts[o + idx]++;
  }
}

function checkChannels(v: unknown, c: number): number[] {
  if (v === undefined) return [0].map((ch) => checkInt(ch, 'options.channels[0]', 0, c - 1));
  if (!Array.isArray(v)) throw typeError('options.channels', 'an array of channel indices', v);
  if (v.length < 1 || v.length > MAX_DIMS) {
    throw rangeError('options.channels', `1 to ${MAX_DIMS} channel indices`, v);
  }
  return v.map((ch, i) => checkInt(ch, `options.channels[${i}]`, 0, c - 1));
}

function checkBins(v: unknown, dims: number): number[] {
  if (v === undefined) return new Array<number>(dims).fill(256);
  if (typeof v === 'number') {
    const b = checkInt(v, 'options.bins', 1, MAX_HIST_BINS);
    return new Array<number>(dims).fill(b);
  }
  if (!Array.isArray(v)) throw typeError('options.bins', 'a number or an array of bin counts', v);
  if (v.length !== dims) {
    throw new RangeError(`options.bins: expected ${dims} bin count${dims === 1 ? '' : 's'} (one per entry of options.channels), got ${v.length}`);
  }
  return v.map((b, i) => checkInt(b, `options.bins[${i}]`, 1, MAX_HIST_BINS));
}

function checkRanges(v: unknown, dims: number): [number, number][] {
  if (v === undefined) return Array.from({ length: dims }, () => [0, 256] as [number, number]);
  if (!Array.isArray(v)) throw typeError('options.ranges', 'an array of [low, high] pairs', v);
  let pairs: unknown[];
  if (v.length > 0 && v.every((x) => typeof x === 'number')) {
    // cv2's flat form [low0, high0, low1, high1, …].
    if (v.length !== 2 * dims) {
      throw new RangeError(`options.ranges: expected ${dims} [low, high] pair${dims === 1 ? '' : 's'} (one per entry of options.channels), got ${v.length} numbers`);
    }
    pairs = Array.from({ length: dims }, (_, i) => [v[2 * i], v[2 * i + 1]]);
  } else {
    if (v.length !== dims) {
      throw new RangeError(`options.ranges: expected ${dims} [low, high] pair${dims === 1 ? '' : 's'} (one per entry of options.channels), got ${v.length}`);
    }
    pairs = v;
  }
  return pairs.map((p, i) => {
    const name = `options.ranges[${i}]`;
    if (!Array.isArray(p) || p.length !== 2) throw typeError(name, 'a [low, high] pair', p);
    // OpenCV keeps ranges as float32.
    const low = Math.fround(checkFinite(p[0], `${name}[0]`)), high = Math.fround(checkFinite(p[1], `${name}[1]`));
    if (!(low < high)) throw rangeError(name, '[low, high] with low < high', p);
    return [low, high];
  });
}

// ---------------------------------------------------------------------------------------------
// normalizeHist

/** A histogram: what `calcHist` returns, or any array of numbers (read as float32, like cv2). */
export type Histogram = Float32Array | Float64Array | readonly number[];

/** The norm of `normalizeHist`: `'l1'`, `'l2'`, `'inf'` or `'minmax'` (cv2's `NORM_*`). */
export type HistNorm = 'l1' | 'l2' | 'inf' | 'minmax';

/** Options of `normalizeHist`. */
export interface NormalizeHistOptions {
  /** `'l2'` (default), `'l1'`, `'inf'` scale so that the norm is `alpha`; `'minmax'` maps onto `[alpha, beta]`. */
  norm?: HistNorm;
  /** Target norm, or one end of the `'minmax'` range. Default 1. */
  alpha?: number;
  /** The other end of the `'minmax'` range (unused by the other norms). Default 0. */
  beta?: number;
}

const NORMS: readonly HistNorm[] = ['l1', 'l2', 'inf', 'minmax'];
const DBL_EPSILON = 2.220446049250313e-16;
const FLT_EPSILON = 1.1920928955078125e-7;

/**
 * `cv2.normalize(h, None, alpha, beta, norm_type)` on a float32 histogram; returns a new
 * `Float32Array`. `'l1'`, `'l2'`, `'inf'`: `scale = alpha / norm` in float64 (0 when the norm is
 * below DBL_EPSILON), each value `f32(v · f32(scale))`. `'minmax'`: `scale = f32((max(α,β) − min(α,β)) /
 * (vmax − vmin))`, `shift = f32(f32(min(α,β)) − f32(vmin · scale))`, each value `fma(v, scale, shift)`
 * rounded once to float32.
 */
export function normalizeHist(h: Histogram, options?: NormalizeHistOptions): Float32Array {
  if (arguments.length > 2) throw tooManyArguments('normalizeHist', ['h', 'options'], arguments.length);
  const src = toFloat32(h, 'h');
  const o = checkOptions(options);
  checkOptionKeys(o, ['norm', 'alpha', 'beta']);
  const norm = o.norm ?? 'l2';
  if (typeof norm !== 'string' || !NORMS.includes(norm)) {
    throw new RangeError(`options.norm: expected one of ${NORMS.map((n) => `'${n}'`).join(', ')}, got ${describe(norm)}`);
  }
  const alpha = o.alpha === undefined ? 1 : checkFinite(o.alpha, 'options.alpha');
  const beta = o.beta === undefined ? 0 : checkFinite(o.beta, 'options.beta');
  const n = src.length;
  const dst = new Float32Array(n);
  if (n === 0) return dst;
  if (norm === 'minmax') {
    const dmin = Math.min(alpha, beta), dmax = Math.max(alpha, beta);
    let smin = src[0], smax = src[0];
    for (let i = 1; i < n; i++) {
      const v = src[i];
      if (v < smin) smin = v;
      if (v > smax) smax = v;
    }
    const scale = Math.fround((dmax - dmin) * (smax - smin > DBL_EPSILON ? 1 / (smax - smin) : 0));
    const shift = Math.fround(Math.fround(dmin) - Math.fround(smin * scale));
    for (let i = 0; i < n; i++) dst[i] = fma32(src[i], scale, shift);
    return dst;
  }
  const value = norm === 'l1' ? normL1(src) : norm === 'l2' ? Math.sqrt(normL2Sqr(src)) : normInf(src);
  const scale = Math.fround(value > DBL_EPSILON ? alpha / value : 0);
  for (let i = 0; i < n; i++) dst[i] = src[i] * scale;
  return dst;
}

// OpenCV's norms of a float32 array: float64 sums, unrolled by four.
function normL1(a: Float32Array): number {
  let s = 0, i = 0;
  const n = a.length;
  for (; i + 4 <= n; i += 4) s += Math.abs(a[i]) + Math.abs(a[i + 1]) + Math.abs(a[i + 2]) + Math.abs(a[i + 3]);
  for (; i < n; i++) s += Math.abs(a[i]);
  return s;
}

function normL2Sqr(a: Float32Array): number {
  let s = 0, i = 0;
  const n = a.length;
  for (; i + 4 <= n; i += 4) {
    const v0 = a[i], v1 = a[i + 1], v2 = a[i + 2], v3 = a[i + 3];
    s += v0 * v0 + v1 * v1 + v2 * v2 + v3 * v3;
  }
  for (; i < n; i++) s += a[i] * a[i];
  return s;
}

function normInf(a: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m) m = v;
  }
  return m;
}

const F32 = /* @__PURE__ */ new Float32Array(2);
const U32 = /* @__PURE__ */ new Uint32Array(F32.buffer);

/**
 * `fma(x, a, b)` for float32 values, rounded once to float32. `x·a` is exact in float64; the sum
 * is rounded to float64 and then to float32, which can only go wrong when it lands exactly on a
 * float32 midpoint — then the sign of the float64 sum's error decides.
 */
function fma32(x: number, a: number, b: number): number {
  const p = x * a;
  const s = p + b;
  const r = Math.fround(s);
  if (r === s || !Number.isFinite(r)) return r;
  // TwoSum: the exact error of s = p + b.
  const bv = s - p, err = (p - (s - bv)) + (b - bv);
  if (err === 0) return r;
  // The float32 neighbour of r on the other side of s.
  F32[0] = r;
  const up = s > r;
  U32[0] = r === 0 ? (s > 0 ? 1 : 0x80000001) : U32[0] + ((r > 0) === up ? 1 : -1);
  const other = F32[0];
  if (s - r !== other - s) return r; // not a midpoint: r is the correct rounding
  return (err > 0) === (other > r) ? other : r;
}

// ---------------------------------------------------------------------------------------------
// compareHist

/** The method of `compareHist` (cv2's `HISTCMP_*`). */
export type HistCompareMethod = 'correl' | 'chisqr' | 'intersect' | 'bhattacharyya' | 'chisqr_alt' | 'kl_div';

const METHODS: readonly HistCompareMethod[] = ['correl', 'chisqr', 'intersect', 'bhattacharyya', 'chisqr_alt', 'kl_div'];

/**
 * `cv2.compareHist(h1, h2, method)`: both histograms read as float32, the same length. Float64
 * accumulation in OpenCV's order (blocks of four values in two float64 lanes, then the rest):
 * - `'correl'`: Σ(a−ā)(b−b̄) / √(Σ(a−ā)² Σ(b−b̄)²) from the plain sums; 1 when the denominator is ~0.
 * - `'chisqr'`: Σ (a−b)²/a over a ≠ 0 (a − b in float32); `'chisqr_alt'`: 2 Σ (a−b)²/(a+b).
 * - `'intersect'`: Σ min(a, b).
 * - `'bhattacharyya'`: √max(0, 1 − Σ√(ab) / √(Σa Σb)) (1/√(Σa Σb) taken as 1 when Σa Σb ≤ FLT_EPSILON).
 * - `'kl_div'`: Σ a·ln(a/b) over a ≠ 0, with b = 1e-10 where b is 0.
 */
export function compareHist(h1: Histogram, h2: Histogram, method: HistCompareMethod): number {
  if (arguments.length > 3) throw tooManyArguments('compareHist', ['h1', 'h2', 'method'], arguments.length);
  const a = toFloat32(h1, 'h1'), b = toFloat32(h2, 'h2');
  if (a.length === 0) throw new RangeError('h1: expected at least 1 value, got an empty histogram');
  if (b.length !== a.length) throw new RangeError(`h2: expected ${a.length} values (the length of h1), got ${b.length}`);
  if (typeof method !== 'string' || !METHODS.includes(method)) {
    throw new RangeError(`method: expected one of ${METHODS.map((m) => `'${m}'`).join(', ')}, got ${describe(method)}`);
  }
  const n = a.length;
  const blocks = n - (n & 3);
  switch (method) {
    case 'chisqr': return chiSquare(a, b, n);
    case 'chisqr_alt': return chiSquareAlt(a, b, n) * 2;
    case 'correl': {
      let s12a = 0, s12b = 0, s11a = 0, s11b = 0, s22a = 0, s22b = 0, s1a = 0, s1b = 0, s2a = 0, s2b = 0;
      for (let j = 0; j < blocks; j += 4) {
        for (let half = 0; half < 4; half += 2) {
          const x0 = a[j + half], y0 = b[j + half], x1 = a[j + half + 1], y1 = b[j + half + 1];
          s12a += x0 * y0; s11a += x0 * x0; s22a += y0 * y0; s1a += x0; s2a += y0;
          s12b += x1 * y1; s11b += x1 * x1; s22b += y1 * y1; s1b += x1; s2b += y1;
        }
      }
      let s12 = s12a + s12b, s11 = s11a + s11b, s22 = s22a + s22b, s1 = s1a + s1b, s2 = s2a + s2b;
      for (let j = blocks; j < n; j++) {
        const x = a[j], y = b[j];
        s12 += x * y; s1 += x; s11 += x * x; s2 += y; s22 += y * y;
      }
      const scale = 1 / n;
      const num = s12 - s1 * s2 * scale;
      const denom2 = (s11 - s1 * s1 * scale) * (s22 - s2 * s2 * scale);
      return Math.abs(denom2) > DBL_EPSILON ? num / Math.sqrt(denom2) : 1;
    }
    case 'intersect': {
      // min(x, y) as std::min(h1[j], h2[j]) computes it: y < x ? y : x.
      let la = 0, lb = 0;
      for (let j = 0; j < blocks; j += 4) {
        const x0 = a[j], y0 = b[j], x1 = a[j + 1], y1 = b[j + 1], x2 = a[j + 2], y2 = b[j + 2], x3 = a[j + 3], y3 = b[j + 3];
        la += (y0 < x0 ? y0 : x0) + (y2 < x2 ? y2 : x2);
        lb += (y1 < x1 ? y1 : x1) + (y3 < x3 ? y3 : x3);
      }
      let result = la + lb;
      for (let j = blocks; j < n; j++) {
        const x = a[j], y = b[j];
        result += y < x ? y : x;
      }
      return result;
    }
    case 'bhattacharyya': {
      let s1a = 0, s1b = 0, s2a = 0, s2b = 0, ra = 0, rb = 0;
      for (let j = 0; j < blocks; j += 4) {
        for (let half = 0; half < 4; half += 2) {
          const x0 = a[j + half], y0 = b[j + half], x1 = a[j + half + 1], y1 = b[j + half + 1];
          s1a += x0; s2a += y0; ra += Math.sqrt(x0 * y0);
          s1b += x1; s2b += y1; rb += Math.sqrt(x1 * y1);
        }
      }
      let s1 = s1a + s1b, s2 = s2a + s2b, result = ra + rb;
      for (let j = blocks; j < n; j++) {
        const x = a[j], y = b[j];
        result += Math.sqrt(x * y); s1 += x; s2 += y;
      }
      s1 *= s2;
      s1 = Math.abs(s1) > FLT_EPSILON ? 1 / Math.sqrt(s1) : 1;
      return Math.sqrt(Math.max(1 - result * s1, 0));
    }
    case 'kl_div': {
      let result = 0;
      for (let j = 0; j < n; j++) {
        const p = a[j];
        let q = b[j];
        if (Math.abs(p) <= DBL_EPSILON) continue;
        if (Math.abs(q) <= DBL_EPSILON) q = 1e-10;
        result += p * Math.log(p / q);
      }
      return result;
    }
  }
}

// One small loop per method: a shared loop testing the method per bin ran at half the speed.

/** Σ (a − b)²/a over a ≠ 0, a − b in float32 (OpenCV's CV_COMP_CHISQR on float histograms). */
function chiSquare(a: Float32Array, b: Float32Array, n: number): number {
  let result = 0;
  for (let j = 0; j < n; j++) {
    const x = a[j], d = Math.fround(x - b[j]);
    if (Math.abs(x) > DBL_EPSILON) result += (d * d) / x;
  }
  return result;
}

/** Σ (a − b)²/(a + b) over a + b ≠ 0, both in float32 (CV_COMP_CHISQR_ALT, before its factor 2). */
function chiSquareAlt(a: Float32Array, b: Float32Array, n: number): number {
  let result = 0;
  for (let j = 0; j < n; j++) {
    const x = a[j], y = b[j], d = Math.fround(x - y), den = Math.fround(x + y);
    if (Math.abs(den) > DBL_EPSILON) result += (d * d) / den;
  }
  return result;
}

/** A histogram argument as float32 values (a Float32Array is used as it is, never modified). */
function toFloat32(h: unknown, name: string): Float32Array {
  if (h instanceof Float32Array) return h;
  if (h instanceof Float64Array || Array.isArray(h)) {
    const out = new Float32Array(h.length);
    for (let i = 0; i < h.length; i++) {
      const v = h[i];
      if (typeof v !== 'number') throw typeError(`${name}[${i}]`, 'a number', v);
      out[i] = v;
    }
    return out;
  }
  throw typeError(name, 'a Float32Array (as calcHist returns), a Float64Array or an array of numbers', h);
}
