// cv2.blur (normalized box filter) on uint8, bit for bit: integer window sums by running sums,
// divided as OpenCV does for 8-bit images.
import { checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { rangeError, tooManyArguments } from '../core/errors.ts';
import { roundHalfEven } from '../core/numeric.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { checkBorder, type BorderMode } from './border.ts';
import { borderTable, checkKsize, rowStart } from './filter-common.ts';

/** Options of `blur`. */
export interface BlurOptions {
  /**
   * How pixels outside the image are made up (default `'reflect101'`). `'wrap'` is refused, as
   * cv2.blur refuses BORDER_WRAP.
   */
  border?: Exclude<BorderMode, 'wrap'>;
  /** Write the result here (same shape) instead of allocating; returned. */
  out?: PixelArray;
}

const MAX_KSIZE = (1 << 20) - 1;

/** OpenCV's ColumnSum<ushort, uchar> constants `[dd, ds]` for a window area n ≤ 256 (see `boxDivider`). */
export function boxFixedPoint(n: number): [dd: number, ds: number] {
  let scalef = 8388608 / n;
  let ds = Math.floor(scalef);
  scalef -= ds;
  let dd = n >> 1;
  if (scalef < 0.5) dd++;
  else ds++;
  return [dd, ds];
}

/**
 * OpenCV's division of a window sum `s` by the window area `n` for uint8. For n ≤ 256 (16-bit
 * sums, ColumnSum<ushort, uchar>) the fixed point `((s + dd) · ds) >> 23` with `ds ≈ 2^23 / n` and
 * `dd ≈ n / 2`. For larger windows (int sums, ColumnSum<int, uchar>) the vectorised loop computes
 * `cvRound(f32(s) · f32(1/n))` in float32 and the scalar tail of each row (its last `len % 8`
 * elements) `cvRound(s · (1/n))` in double; the two differ for a few sums of some areas (300, 600).
 */
export function boxDivider(n: number, simd = true): (s: number) => number {
  if (n === 1) return (s) => s;
  if (n <= 256) {
    const [dd, ds] = boxFixedPoint(n);
    return (s) => Math.floor(((s + dd) * ds) / 8388608);
  }
  const scale = 1 / n;
  if (!simd) return (s) => roundHalfEven(s * scale);
  const scale32 = Math.fround(scale);
  return (s) => roundHalfEven(Math.fround(s * scale32));
}

// Above this many possible sums, divide directly instead of through a lookup table.
const MAX_TABLE = 1 << 20;

/**
 * `cv2.blur(a, (kw, kh), borderType=border)`: the mean of each `kw × kh` window (anchor at the
 * centre, `(kw >> 1, kh >> 1)`; even sizes allowed), rounded as OpenCV rounds, bit for bit.
 * `ksize` is a number (square) or `[width, height]`.
 */
export function blur(a: PixelArray, ksize: number | readonly [number, number], options?: BlurOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('blur', ['a', 'ksize', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const [kw, kh] = checkKsize(ksize, 'ksize', { odd: false, allowZero: false });
  if (kw > MAX_KSIZE || kh > MAX_KSIZE) throw rangeError('ksize', `sides of at most ${MAX_KSIZE}`, ksize);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['border', 'out']);
  const border = checkBorder(opts.border);
  if (border === 'wrap') {
    throw rangeError('options.border', "'reflect101', 'replicate', 'reflect' or 'constant' (cv2.blur refuses BORDER_WRAP)", border);
  }
  const out = checkOut(opts.out, a.shape);
  const dst = startOutput(a.shape, out, [a]);
  if (a.size > 0) boxFilter(withContiguousRows(a), dst, kw, kh, border);
  return finishOutput(dst, out);
}

/** Box filter of the row-readable `src` into the contiguous `dst`. */
function boxFilter(src: PixelArray, dst: PixelArray, kw: number, kh: number, border: BorderMode): void {
  const [h, w, c] = src.shape;
  const len = w * c;
  const sd = src.data, dd = dst.data;
  if (kw === 1 && kh === 1) {
    for (let y = 0; y < h; y++) dd.set(sd.subarray(rowStart(src, y), rowStart(src, y) + len), dst.offset + y * len);
    return;
  }
  const ax = kw >> 1, ay = kh >> 1;
  const n = kw * kh;
  const divide = boxDivider(n), divideTail = boxDivider(n, false);
  const maxSum = 255 * n;
  const table = maxSum < MAX_TABLE ? new Uint8Array(maxSum + 1) : null;
  if (table) for (let s = 0; s <= maxSum; s++) table[s] = divide(s);
  // OpenCV's scalar tail: the last len % 8 elements of a row (they differ only when n > 256).
  const tail = n > 256 ? len & ~7 : len;

  if (maxSum <= 0xffff && table) {
    boxPairs(src, dst, kw, kh, border, table);
    return;
  }
  const rows = borderTable(h, ay, kh - 1 - ay, border);
  const cols = borderTable(w, ax, kw - 1 - ax, border);
  // Column sums (the window's rows added up, per element), with the horizontal border around.
  const pad = (ax * c + 1) & ~1;
  const words = (len + 3) >> 2;
  const col = kh <= 257 ? new Uint16Array(pad + 4 * words + (kw - 1 - ax) * c + 2) : new Int32Array(pad + len + (kw - 1 - ax) * c);
  const columns = col instanceof Uint16Array
    ? new LaneColumns(src, rows, kh, ay, col, pad)
    : new WideColumns(src, rows, kh, ay, col, pad);
  const sums = table ? null : new Int32Array(len);
  for (let y = 0; y < h; y++) {
    columns.row(y);
    for (let p = -ax; p < 0; p++) copyPixel(col, pad + p * c, cols[p + ax], pad, c);
    for (let p = w; p < w + kw - 1 - ax; p++) copyPixel(col, pad + p * c, cols[p + ax], pad, c);
    const o = dst.offset + y * len;
    if (table && c === 3) slide3(col, pad - ax * c, kw, w, table, dd, o);
    else if (table) slide(col, pad - ax * c, kw, c, w, table, dd, o);
    else {
      slideSums(col, pad - ax * c, kw, c, w, sums!);
      for (let i = 0; i < tail; i++) dd[o + i] = divide(sums![i]);
    }
    for (let i = tail; i < len; i++) {
      // Recomputed directly: the window sum of element i.
      let s = 0;
      for (let t = 0, j = pad - ax * c + i; t < kw; t++, j += c) s += col[j];
      dd[o + i] = divideTail(s);
    }
  }
}

function copyPixel(col: Uint16Array | Int32Array, at: number, srcCol: number, pad: number, c: number): void {
  for (let k = 0; k < c; k++) col[at + k] = srcCol < 0 ? 0 : col[pad + srcCol * c + k];
}

const M = 0x00ff00ff;

/**
 * Running column sums in 16-bit lanes (kh ≤ 257, so a sum of kh + 1 bytes fits): source rows are
 * copied to word-aligned slots, and each new row adds one row and removes another, four bytes per
 * step: the even bytes (0, 2) and odd bytes (1, 3) of a word as two lane pairs.
 */
class LaneColumns {
  private readonly ring: Uint8Array;
  private readonly ring32: Uint32Array;
  private readonly held: Int32Array;
  private readonly even: Int32Array;
  private readonly odd: Int32Array;
  private readonly col32: Uint32Array;
  private readonly words: number;
  private readonly len: number;
  constructor(private readonly src: PixelArray, private readonly rows: Int32Array, private readonly kh: number,
    private readonly ay: number, col: Uint16Array, private readonly pad: number) {
    this.len = src.shape[1] * src.shape[2];
    this.words = (this.len + 3) >> 2;
    const size = kh + 1;
    this.ring = new Uint8Array(size * 4 * this.words);
    this.ring32 = new Uint32Array(this.ring.buffer);
    this.held = new Int32Array(size).fill(-0x40000000);
    this.even = new Int32Array(this.words);
    this.odd = new Int32Array(this.words);
    this.col32 = new Uint32Array(col.buffer, 0, col.length >> 1);
  }

  /** Word offset of the slot holding window position p (a zero row for constant borders). */
  private slot(p: number): number {
    const size = this.kh + 1, lw = this.words;
    const slot = ((p % size) + size) % size;
    if (this.held[slot] !== p) {
      this.held[slot] = p;
      const r = this.rows[p + this.ay], at = slot * 4 * lw;
      if (r < 0) this.ring.fill(0, at, at + 4 * lw);
      else this.ring.set(this.src.data.subarray(rowStart(this.src, r), rowStart(this.src, r) + this.len), at);
    }
    return slot * lw;
  }

  row(y: number): void {
    const { even, odd, ring32, words } = this;
    if (y === 0) {
      even.fill(0); odd.fill(0);
      for (let p = -this.ay; p < this.kh - this.ay; p++) addLanes(ring32, this.slot(p), even, odd, words);
    } else {
      const pin = y - this.ay + this.kh - 1;
      const a = this.slot(pin), b = this.slot(y - this.ay - 1);
      swapLanes(ring32, a, b, even, odd, words);
    }
    interleave(even, odd, this.col32, this.pad >> 1, words);
  }
}

function addLanes(s: Uint32Array, a: number, even: Int32Array, odd: Int32Array, n: number): void {
  for (let q = 0; q < n; q++) {
    const w = s[a + q];
    even[q] += w & M;
    odd[q] += (w >>> 8) & M;
  }
}

function swapLanes(s: Uint32Array, a: number, b: number, even: Int32Array, odd: Int32Array, n: number): void {
  for (let q = 0; q < n; q++) {
    const wa = s[a + q], wb = s[b + q];
    even[q] = (even[q] + (wa & M)) - (wb & M);
    odd[q] = (odd[q] + ((wa >>> 8) & M)) - ((wb >>> 8) & M);
  }
}

/** Lane pairs (b0, b2) and (b1, b3) to element order (b0, b1), (b2, b3) through a 32-bit view. */
function interleave(even: Int32Array, odd: Int32Array, v: Uint32Array, vo: number, n: number): void {
  for (let q = 0; q < n; q++) {
    const e = even[q], o = odd[q];
    v[vo + 2 * q] = (e & 0xffff) | (o << 16);
    v[vo + 2 * q + 1] = (e >>> 16) | (o & 0xffff0000);
  }
}

/** Running column sums in 32-bit integers, for windows taller than 257 rows. */
class WideColumns {
  constructor(private readonly src: PixelArray, private readonly rows: Int32Array, private readonly kh: number,
    private readonly ay: number, private readonly col: Int32Array, private readonly pad: number) {}

  row(y: number): void {
    const { src, rows, kh, ay, col, pad } = this;
    const len = src.shape[1] * src.shape[2], sd = src.data;
    if (y === 0) {
      col.fill(0, pad, pad + len);
      for (let p = -ay; p < kh - ay; p++) {
        const r = rows[p + ay];
        if (r >= 0) addRow(sd, rowStart(src, r), col, pad, len);
      }
      return;
    }
    const rin = rows[y + kh - 1], rout = rows[y - 1];
    if (rin >= 0) addRow(sd, rowStart(src, rin), col, pad, len);
    if (rout >= 0) subRow(sd, rowStart(src, rout), col, pad, len);
  }
}

function addRow(s: Uint8Array, si: number, col: Int32Array, at: number, n: number): void {
  for (let i = 0; i < n; i++) col[at + i] += s[si + i];
}
function subRow(s: Uint8Array, si: number, col: Int32Array, at: number, n: number): void {
  for (let i = 0; i < n; i++) col[at + i] -= s[si + i];
}

/**
 * The sums of `kw` consecutive column sums along the row (neighbours c apart), one channel at a
 * time with the running sum in a register, divided through `table` into dd.
 */
function slide(col: Uint16Array | Int32Array, base: number, kw: number, c: number, w: number, table: Uint8Array,
  dd: Uint8Array, o: number): void {
  const span = kw * c;
  for (let ch = 0; ch < c; ch++) {
    let s = 0;
    const j0 = base + ch;
    for (let t = 0; t < span; t += c) s += col[j0 + t];
    dd[o + ch] = table[s];
    for (let x = 1, j = j0, oo = o + ch + c; x < w; x++, j += c, oo += c) {
      s += col[j + span] - col[j];
      dd[oo] = table[s];
    }
  }
}

/** `slide` for three channels, pixel by pixel with three running sums. */
function slide3(col: Uint16Array | Int32Array, base: number, kw: number, w: number, table: Uint8Array, dd: Uint8Array, o: number): void {
  const span = kw * 3;
  let s0 = 0, s1 = 0, s2 = 0;
  for (let t = 0; t < span; t += 3) { s0 += col[base + t]; s1 += col[base + t + 1]; s2 += col[base + t + 2]; }
  dd[o] = table[s0]; dd[o + 1] = table[s1]; dd[o + 2] = table[s2];
  for (let x = 1, j = base, oo = o + 3; x < w; x++, j += 3, oo += 3) {
    s0 += col[j + span] - col[j];
    s1 += col[j + span + 1] - col[j + 1];
    s2 += col[j + span + 2] - col[j + 2];
    dd[oo] = table[s0]; dd[oo + 1] = table[s1]; dd[oo + 2] = table[s2];
  }
}

function slideSums(col: Uint16Array | Int32Array, base: number, kw: number, c: number, w: number, sums: Int32Array): void {
  const span = kw * c;
  for (let ch = 0; ch < c; ch++) {
    let s = 0;
    const j0 = base + ch;
    for (let t = 0; t < span; t += c) s += col[j0 + t];
    sums[ch] = s;
    for (let x = 1, j = j0, i = ch + c; x < w; x++, j += c, i += c) {
      s += col[j + span] - col[j];
      sums[i] = s;
    }
  }
}

/**
 * Windows of at most 257 pixels (every sum fits 16 bits), two output rows at a time. Column sums
 * run in 16-bit lanes, four source bytes per step (even bytes 0, 2 and odd bytes 1, 3 of a word);
 * they are then laid out one element per word with the two rows as lanes, so that one running sum
 * along the row serves both rows.
 */
function boxPairs(src: PixelArray, dst: PixelArray, kw: number, kh: number, border: BorderMode, table: Uint8Array): void {
  const [h, w, c] = src.shape;
  const len = w * c;
  const sd = src.data, dd = dst.data;
  const ax = kw >> 1, ay = kh >> 1;
  const words = (len + 3) >> 2;
  // Rows for positions −ay − 1 .. h + kh − ay − 1 (the window before row 0, and the second row of
  // the last pair).
  const rows = borderTable(h, ay + 1, kh - ay, border);
  const cols = borderTable(w, ax, kw - 1 - ax, border);
  const size = kh + 2;
  const ring = new Uint8Array(size * 4 * words), ring32 = new Uint32Array(ring.buffer);
  const held = new Int32Array(size).fill(-0x40000000);
  const slot = (p: number): number => {
    const k = ((p % size) + size) % size;
    if (held[k] !== p) {
      held[k] = p;
      const r = rows[p + ay + 1], at = k * 4 * words;
      if (r < 0) ring.fill(0, at, at + 4 * words);
      else ring.set(sd.subarray(rowStart(src, r), rowStart(src, r) + len), at);
    }
    return k * words;
  };
  const even = new Int32Array(words), odd = new Int32Array(words);
  const pad = ax * c;
  const pairs = new Int32Array(pad + 4 * words + (kw - 1 - ax) * c);
  // Column sums of row −1's window: rows −ay − 1 .. kh − ay − 2.
  for (let p = -ay - 1; p < kh - ay - 1; p++) addLanes(ring32, slot(p), even, odd, words);
  for (let y = 0; y < h; y += 2) {
    const in0 = slot(y - ay + kh - 1), out0 = slot(y - ay - 1);
    const in1 = slot(y - ay + kh), out1 = slot(y - ay);
    pairColumns(ring32, in0, out0, in1, out1, even, odd, pairs, pad, words);
    for (let p = -ax; p < 0; p++) copyPixel(pairs, pad + p * c, cols[p + ax], pad, c);
    for (let p = w; p < w + kw - 1 - ax; p++) copyPixel(pairs, pad + p * c, cols[p + ax], pad, c);
    const o0 = dst.offset + y * len, o1 = y + 1 < h ? o0 + len : -1;
    if (c === 3) slidePairs3(pairs, kw, w, table, dd, o0, o1);
    else if (c === 1) slidePairs1(pairs, kw, w, table, dd, o0, o1);
    else if (c === 4) slidePairs4(pairs, kw, w, table, dd, o0, o1);
    else slidePairs(pairs, kw, c, w, table, dd, o0, o1);
  }
}

/**
 * Advances the lane column sums by two rows (in0/out0 for row y, in1/out1 for row y + 1) and writes
 * both rows' sums as one word per element: row y in the low lane, row y + 1 in the high lane.
 * Lanes may borrow from each other in between; the final sums are exact (arithmetic mod 2^32).
 */
function pairColumns(s: Uint32Array, in0: number, out0: number, in1: number, out1: number, even: Int32Array, odd: Int32Array,
  pairs: Int32Array, at: number, n: number): void {
  for (let q = 0; q < n; q++) {
    const a = s[in0 + q], b = s[out0 + q], a1 = s[in1 + q], b1 = s[out1 + q];
    const e0 = (even[q] + (a & M)) - (b & M), o0 = (odd[q] + ((a >>> 8) & M)) - ((b >>> 8) & M);
    const e1 = (e0 + (a1 & M)) - (b1 & M), o1 = (o0 + ((a1 >>> 8) & M)) - ((b1 >>> 8) & M);
    even[q] = e1; odd[q] = o1;
    const j = at + 4 * q;
    pairs[j] = (e0 & 0xffff) | (e1 << 16);
    pairs[j + 1] = (o0 & 0xffff) | (o1 << 16);
    pairs[j + 2] = (e0 >>> 16) | (e1 & 0xffff0000);
    pairs[j + 3] = (o0 >>> 16) | (o1 & 0xffff0000);
  }
}

/** Running window sums over the row pairs (neighbours c apart), divided through `table`. */
function slidePairs(col: Int32Array, kw: number, c: number, w: number, table: Uint8Array, dd: Uint8Array, o0: number, o1: number): void {
  const span = kw * c;
  for (let ch = 0; ch < c; ch++) {
    let s = 0;
    for (let t = 0; t < span; t += c) s = (s + col[ch + t]) | 0;
    for (let x = 0, j = ch, i = ch; x < w; x++, j += c, i += c) {
      if (x > 0) s = ((s + col[j + span - c]) - col[j - c]) | 0;
      dd[o0 + i] = table[s & 0xffff];
      if (o1 >= 0) dd[o1 + i] = table[s >>> 16];
    }
  }
}

function slidePairs3(col: Int32Array, kw: number, w: number, table: Uint8Array, dd: Uint8Array, o0: number, o1: number): void {
  const span = kw * 3;
  let s0 = 0, s1 = 0, s2 = 0;
  for (let t = 0; t < span; t += 3) { s0 = (s0 + col[t]) | 0; s1 = (s1 + col[t + 1]) | 0; s2 = (s2 + col[t + 2]) | 0; }
  if (o1 < 0) o1 = o0; // a last single row: the second row is computed and overwritten
  dd[o1] = table[s0 >>> 16]; dd[o1 + 1] = table[s1 >>> 16]; dd[o1 + 2] = table[s2 >>> 16];
  dd[o0] = table[s0 & 0xffff]; dd[o0 + 1] = table[s1 & 0xffff]; dd[o0 + 2] = table[s2 & 0xffff];
  for (let x = 1, j = 0, i = 3; x < w; x++, j += 3, i += 3) {
    s0 = ((s0 + col[j + span]) - col[j]) | 0;
    s1 = ((s1 + col[j + span + 1]) - col[j + 1]) | 0;
    s2 = ((s2 + col[j + span + 2]) - col[j + 2]) | 0;
    dd[o1 + i] = table[s0 >>> 16]; dd[o1 + i + 1] = table[s1 >>> 16]; dd[o1 + i + 2] = table[s2 >>> 16];
    dd[o0 + i] = table[s0 & 0xffff]; dd[o0 + i + 1] = table[s1 & 0xffff]; dd[o0 + i + 2] = table[s2 & 0xffff];
  }
}

function slidePairs1(col: Int32Array, kw: number, w: number, table: Uint8Array, dd: Uint8Array, o0: number, o1: number): void {
  let s = 0;
  for (let t = 0; t < kw; t++) s = (s + col[t]) | 0;
  if (o1 < 0) o1 = o0;
  dd[o1] = table[s >>> 16];
  dd[o0] = table[s & 0xffff];
  for (let x = 1; x < w; x++) {
    s = ((s + col[x - 1 + kw]) - col[x - 1]) | 0;
    dd[o1 + x] = table[s >>> 16];
    dd[o0 + x] = table[s & 0xffff];
  }
}

function slidePairs4(col: Int32Array, kw: number, w: number, table: Uint8Array, dd: Uint8Array, o0: number, o1: number): void {
  const span = kw * 4;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let t = 0; t < span; t += 4) {
    s0 = (s0 + col[t]) | 0; s1 = (s1 + col[t + 1]) | 0; s2 = (s2 + col[t + 2]) | 0; s3 = (s3 + col[t + 3]) | 0;
  }
  if (o1 < 0) o1 = o0;
  for (let x = 0, j = 0, i = 0; x < w; x++, j += 4, i += 4) {
    if (x > 0) {
      s0 = ((s0 + col[j + span - 4]) - col[j - 4]) | 0;
      s1 = ((s1 + col[j + span - 3]) - col[j - 3]) | 0;
      s2 = ((s2 + col[j + span - 2]) - col[j - 2]) | 0;
      s3 = ((s3 + col[j + span - 1]) - col[j - 1]) | 0;
    }
    dd[o1 + i] = table[s0 >>> 16]; dd[o1 + i + 1] = table[s1 >>> 16]; dd[o1 + i + 2] = table[s2 >>> 16]; dd[o1 + i + 3] = table[s3 >>> 16];
    dd[o0 + i] = table[s0 & 0xffff]; dd[o0 + i + 1] = table[s1 & 0xffff]; dd[o0 + i + 2] = table[s2 & 0xffff]; dd[o0 + i + 3] = table[s3 & 0xffff];
  }
}
