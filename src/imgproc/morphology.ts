// OpenCV's morphology on uint8, bit for bit: structuring elements, erode/dilate (min/max over the
// element) with OpenCV's border rules and iteration shortcut, and morphologyEx built from them.
import { checkInt, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, checkShape, hasContiguousRows, PixelArray } from '../core/pixelarray.ts';
import { checkBorder, type BorderMode } from './border.ts';
import { borderValueBytes } from './make-border.ts';
import { borderTable } from './filter-common.ts';

/** The shapes of `getStructuringElement` (`cv2.MORPH_RECT`, `MORPH_CROSS`, `MORPH_ELLIPSE`). */
export type MorphShape = 'rect' | 'cross' | 'ellipse';
/** The operations of `morphologyEx` (`cv2.MORPH_*`). */
export type MorphOp = 'erode' | 'dilate' | 'open' | 'close' | 'gradient' | 'tophat' | 'blackhat' | 'hitmiss';

const SHAPES: readonly MorphShape[] = ['rect', 'cross', 'ellipse'];
const OPS: readonly MorphOp[] = ['erode', 'dilate', 'open', 'close', 'gradient', 'tophat', 'blackhat', 'hitmiss'];
const MAX_KSIZE = 1 << 16;

/** Options of `erode`, `dilate` and `morphologyEx`. */
export interface MorphOptions {
  /** `[x, y]` in the kernel (default `[-1, -1]`: the centre, `(kw >> 1, kh >> 1)`). */
  anchor?: readonly [number, number];
  /** How many times to apply the operation (default 1; 0 copies). */
  iterations?: number;
  /**
   * Border (default `'constant'` with OpenCV's morphology default value, which never wins: 255 for
   * erosion, 0 for dilation). `'wrap'` is refused, as OpenCV's filter engine refuses it.
   */
  border?: Exclude<BorderMode, 'wrap'>;
  /** For `border: 'constant'`: the value outside (a number, or one per channel); default as above. */
  borderValue?: number | readonly number[];
  /** Write the result here (same shape) instead of allocating; returned. */
  out?: PixelArray;
}

/**
 * `cv2.getStructuringElement(shape, (width, height), anchor)` as rows of 0/1 (`height` rows of
 * `width`). `'cross'` crosses at `anchor` (default `[-1, -1]`: the centre); `'ellipse'` is OpenCV's
 * digital ellipse: with `r = height >> 1`, `c = width >> 1`, row `i` holds the columns
 * `c − dx .. c + dx` (clipped) where `dx = cvRound(c · sqrt((r² − (i − r)²) / r²))`, rounded half
 * to even. A 1×1 element is always `[[1]]`.
 */
export function getStructuringElement(shape: MorphShape, ksize: readonly [number, number],
  anchor?: readonly [number, number]): number[][] {
  if (arguments.length > 3) throw tooManyArguments('getStructuringElement', ['shape', 'ksize', 'anchor'], arguments.length);
  if (typeof shape !== 'string' || !(SHAPES as readonly string[]).includes(shape)) {
    throw rangeError('shape', "'rect', 'cross' or 'ellipse'", shape);
  }
  if (!Array.isArray(ksize) || ksize.length !== 2) throw typeError('ksize', '[width, height]', ksize);
  const kw = checkInt(ksize[0], 'ksize[0]', 1, MAX_KSIZE), kh = checkInt(ksize[1], 'ksize[1]', 1, MAX_KSIZE);
  const [ax, ay] = checkAnchor(anchor, kw, kh, 'anchor');
  let s = shape;
  if (kw === 1 && kh === 1) s = 'rect';
  const r = kh >> 1, c = kw >> 1;
  const invR2 = r ? 1 / (r * r) : 0;
  const out: number[][] = [];
  for (let i = 0; i < kh; i++) {
    let j1 = 0, j2 = 0;
    if (s === 'rect' || (s === 'cross' && i === ay)) j2 = kw;
    else if (s === 'cross') { j1 = ax; j2 = ax + 1; }
    else {
      const dy = i - r;
      if (Math.abs(dy) <= r) {
        const dx = cvRound(c * Math.sqrt((r * r - dy * dy) * invR2));
        j1 = Math.max(c - dx, 0);
        j2 = Math.min(c + dx + 1, kw);
      }
    }
    const rowv = new Array<number>(kw).fill(0);
    for (let j = j1; j < j2; j++) rowv[j] = 1;
    out.push(rowv);
  }
  return out;
}

/** cvRound: round half to even (the FPU default), as OpenCV's saturate_cast<int>(double). */
function cvRound(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}

function checkAnchor(anchor: unknown, kw: number, kh: number, name: string): [number, number] {
  if (anchor === undefined) return [kw >> 1, kh >> 1];
  if (!Array.isArray(anchor) || anchor.length !== 2) throw typeError(name, '[x, y]', anchor);
  let x = checkInt(anchor[0], `${name}[0]`, -1, kw - 1), y = checkInt(anchor[1], `${name}[1]`, -1, kh - 1);
  if (x === -1) x = kw >> 1;
  if (y === -1) y = kh >> 1;
  return [x, y];
}

/** A validated kernel: its size and which elements are in it (nonzero). */
interface Kernel {
  kw: number;
  kh: number;
  values: number[][];
  on: Uint8Array;
  count: number;
}

function checkKernel(kernel: unknown, name = 'kernel'): Kernel {
  if (!Array.isArray(kernel) || kernel.length === 0) throw typeError(name, 'a non-empty array of rows (number[][])', kernel);
  const kh = kernel.length;
  if (!Array.isArray(kernel[0]) || kernel[0].length === 0) throw typeError(`${name}[0]`, 'a non-empty array of numbers', kernel[0]);
  const kw = kernel[0].length;
  if (kw > MAX_KSIZE || kh > MAX_KSIZE) throw rangeError(name, `at most ${MAX_KSIZE} rows and columns`, kernel);
  const on = new Uint8Array(kw * kh);
  let count = 0;
  for (let y = 0; y < kh; y++) {
    const row = kernel[y];
    if (!Array.isArray(row)) throw typeError(`${name}[${y}]`, 'an array of numbers', row);
    if (row.length !== kw) throw rangeError(`${name}[${y}]`, `${kw} numbers (as row 0)`, row);
    for (let x = 0; x < kw; x++) {
      const v = row[x];
      if (typeof v !== 'number') throw typeError(`${name}[${y}][${x}]`, 'a finite number', v);
      if (!Number.isFinite(v)) throw rangeError(`${name}[${y}][${x}]`, 'a finite number', v);
      if (v !== 0) { on[y * kw + x] = 1; count++; }
    }
  }
  return { kw, kh, values: kernel as number[][], on, count };
}

interface Morph {
  kernel: Kernel;
  anchor: [number, number];
  iterations: number;
  border: Exclude<BorderMode, 'wrap'>;
  borderValue: unknown;
  out: PixelArray | undefined;
}

const OPTION_KEYS = ['anchor', 'iterations', 'border', 'borderValue', 'out'];

function checkMorph(a: PixelArray, kernel: unknown, options: MorphOptions | undefined): Morph {
  assertPixelArray(a, 'a');
  const k = checkKernel(kernel);
  const opts = checkOptions(options);
  checkOptionKeys(opts, OPTION_KEYS);
  const anchor = checkAnchor(opts.anchor, k.kw, k.kh, 'options.anchor');
  const iterations = opts.iterations === undefined ? 1 : checkInt(opts.iterations, 'options.iterations', 0, 1 << 20);
  const border = checkBorder(opts.border, 'options.border', 'constant');
  if (border === 'wrap') {
    throw rangeError('options.border', "'constant', 'reflect101', 'replicate' or 'reflect' (OpenCV's morphology refuses BORDER_WRAP)", border);
  }
  if (opts.borderValue !== undefined) borderValueBytes(opts.borderValue, a.shape[2], 'options.borderValue');
  const out = checkOut(opts.out, a.shape);
  return { kernel: k, anchor, iterations, border, borderValue: opts.borderValue, out };
}

/**
 * `cv2.erode(a, kernel, anchor=anchor, iterations=iterations, borderType=border, borderValue=…)`:
 * each value becomes the minimum, in its channel, over the pixels under the nonzero elements of
 * `kernel` (rows of numbers) placed with `anchor` on it. As OpenCV: the default border is
 * `'constant'` with a value that never wins (255); `iterations` n > 1 with a kernel whose elements
 * are all nonzero is one pass of a `(kw + (n−1)(kw−1)) × (kh + (n−1)(kh−1))` rectangle anchored at
 * `n·anchor` (near the edges this can differ from n passes with the reflecting borders; pixelarray
 * does what OpenCV does), any other kernel is applied n times, the border made up anew each time;
 * a 1×1 kernel (even `[[0]]`) or `iterations: 0` copies. Any channel count.
 *
 * Deviation: a kernel with no nonzero element is refused (OpenCV reads uninitialised memory);
 * `borderValue` as a number means every channel (cv2: channel 0 only).
 */
export function erode(a: PixelArray, kernel: readonly (readonly number[])[], options?: MorphOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('erode', ['a', 'kernel', 'options'], arguments.length);
  const m = checkMorph(a, kernel, options);
  return morphOp(a, m, false);
}

/**
 * `cv2.dilate(a, kernel, …)`: the maximum over the nonzero elements of `kernel` (the same window
 * as `erode`, not reflected: OpenCV's dilation is the max filter over the element placed at
 * `anchor`). Default border `'constant'` with a value that never wins (0); options and
 * iterations as {@link erode}.
 */
export function dilate(a: PixelArray, kernel: readonly (readonly number[])[], options?: MorphOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('dilate', ['a', 'kernel', 'options'], arguments.length);
  const m = checkMorph(a, kernel, options);
  return morphOp(a, m, true);
}

/**
 * `cv2.morphologyEx(a, op, kernel, …)`: `'erode'`, `'dilate'`, `'open'` (erode then dilate),
 * `'close'` (dilate then erode), `'gradient'` (dilate − erode), `'tophat'` (a − open),
 * `'blackhat'` (close − a), differences saturated at 0; and `'hitmiss'` (1 channel only): kernel
 * elements 1 must be foreground, −1 background, 0 do not matter; the result is
 * `erode(a, k == 1) & erode(~a, k == −1)`, a missing part counting as 255 and a kernel with no
 * nonzero element copying `a`, exactly as OpenCV. Options as {@link erode}, each step with the
 * same anchor, iterations and border.
 */
export function morphologyEx(a: PixelArray, op: MorphOp, kernel: readonly (readonly number[])[], options?: MorphOptions): PixelArray {
  if (arguments.length > 4) throw tooManyArguments('morphologyEx', ['a', 'op', 'kernel', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  if (typeof op !== 'string' || !(OPS as readonly string[]).includes(op)) {
    throw rangeError('op', OPS.map((o) => `'${o}'`).join(', '), op);
  }
  if (op === 'hitmiss') {
    if (a.shape[2] !== 1) throw rangeError('a', "a 1-channel image for 'hitmiss' (as cv2)", a);
  }
  const m = checkMorph(a, kernel, options);
  const inner: Morph = { ...m, out: undefined };
  const out = m.out;
  switch (op) {
    case 'erode': return morphOp(a, m, false);
    case 'dilate': return morphOp(a, m, true);
    case 'open': return morphOp(morphOp(a, inner, false), m, true);
    case 'close': return morphOp(morphOp(a, inner, true), m, false);
    case 'gradient': return subtract(morphOp(a, inner, true), morphOp(a, inner, false), out, [a]);
    case 'tophat': return subtract(a, morphOp(morphOp(a, inner, false), inner, true), out, [a]);
    case 'blackhat': return subtract(morphOp(morphOp(a, inner, true), inner, false), a, out, [a]);
    case 'hitmiss': return hitmiss(a, checkKernel(kernel), inner, out);
  }
}

function hitmiss(a: PixelArray, k: Kernel, m: Morph, out: PixelArray | undefined): PixelArray {
  const dst = startOutput(a.shape, out, [a]);
  const n = a.size;
  if (k.count === 0 || n === 0) {
    copyView(a, dst);
    return finishOutput(dst, out);
  }
  const fg = k.values.map((r) => r.map((v) => (v === 1 ? 1 : 0)));
  const bg = k.values.map((r) => r.map((v) => (v === -1 ? 1 : 0)));
  const has = (kk: number[][]) => kk.some((r) => r.some((v) => v !== 0));
  const dd = dst.data, o = dst.offset;
  dd.fill(255, o, o + n);
  if (has(fg)) {
    const e1 = morphOp(a, { ...m, kernel: checkKernel(fg) }, false);
    for (let i = 0; i < n; i++) dd[o + i] &= e1.data[e1.offset + i];
  }
  if (has(bg)) {
    const inv = new PixelArray(new Uint8Array(n), a.shape);
    copyView(a, inv);
    for (let i = 0; i < n; i++) inv.data[i] = 255 - inv.data[i];
    const e2 = morphOp(inv, { ...m, kernel: checkKernel(bg) }, false);
    for (let i = 0; i < n; i++) dd[o + i] &= e2.data[e2.offset + i];
  }
  return finishOutput(dst, out);
}

/** Saturated `x − y` of two arrays of one shape (x, y contiguous results or any view). */
function subtract(x: PixelArray, y: PixelArray, out: PixelArray | undefined, inputs: PixelArray[]): PixelArray {
  const dst = startOutput(x.shape, out, inputs);
  const [h, w, c] = x.shape;
  const dd = dst.data;
  let i = dst.offset;
  for (let yy = 0; yy < h; yy++) {
    for (let xx = 0; xx < w; xx++) {
      const px = x.offset + yy * x.stride[0] + xx * x.stride[1], py = y.offset + yy * y.stride[0] + xx * y.stride[1];
      for (let k = 0; k < c; k++, i++) {
        const d = x.data[px + k * x.stride[2]] - y.data[py + k * y.stride[2]];
        dd[i] = d > 0 ? d : 0;
      }
    }
  }
  return finishOutput(dst, out);
}

/** Copies any view into the contiguous `dst` of the same shape. */
function copyView(a: PixelArray, dst: PixelArray): void {
  const [h, w, c] = a.shape;
  let i = dst.offset;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = a.offset + y * a.stride[0] + x * a.stride[1];
      for (let k = 0; k < c; k++) dst.data[i++] = a.data[p + k * a.stride[2]];
    }
  }
}

/**
 * Erosion (or dilation, through `~erode(~a)`, the border value inverted too) following OpenCV's
 * morphOp: shortcuts for 1×1 kernels and 0 iterations, one big rectangle for full kernels.
 */
function morphOp(a: PixelArray, m: Morph, isDilate: boolean): PixelArray {
  const [h, w, c] = a.shape;
  const dst = startOutput(a.shape, m.out, [a]);
  let k = m.kernel, [ax, ay] = m.anchor, iterations = m.iterations;
  if (iterations === 0 || k.kw * k.kh === 1 || a.size === 0) {
    copyView(a, dst);
    return finishOutput(dst, m.out);
  }
  if (k.count === 0) throw rangeError('kernel', 'at least one nonzero element', k.values);
  if (iterations > 1 && k.count === k.kw * k.kh) {
    const bw = k.kw + (iterations - 1) * (k.kw - 1), bh = k.kh + (iterations - 1) * (k.kh - 1);
    if (bw > MAX_KSIZE || bh > MAX_KSIZE) {
      throw rangeError('options.iterations', `at most a ${MAX_KSIZE}-wide equivalent rectangle (${iterations} iterations of ${k.kw}×${k.kh} make ${bw}×${bh})`, iterations);
    }
    ax *= iterations; ay *= iterations;
    k = { kw: bw, kh: bh, values: [], on: new Uint8Array(bw * bh).fill(1), count: bw * bh };
    iterations = 1;
  }
  // The border value in the image's own domain (rows are inverted after loading for dilation).
  const values = m.border !== 'constant' ? new Array<number>(c).fill(0)
    : m.borderValue === undefined ? new Array<number>(c).fill(isDilate ? 0 : 255)
      : borderValueBytes(m.borderValue, c, 'options.borderValue');
  checkShape([h + k.kh - 1, w + k.kw - 1, c], 'the image padded for the kernel');
  const rows = new MorphRows(a.shape, k, ax, ay, m.border, values, isDilate);
  // Each pass reads its source while writing its target: passes alternate between dst and a
  // scratch array so that the last one lands in dst.
  const scratch = iterations > 1 ? new PixelArray(new Uint8Array(h * w * c), a.shape) : dst;
  let cur = a;
  for (let it = 0; it < iterations; it++) {
    const target = (iterations - 1 - it) % 2 === 0 ? dst : scratch;
    rows.erode(cur, target);
    cur = target;
  }
  return finishOutput(dst, m.out);
}

/** For each kernel row, its runs of nonzero elements as (start column, length). */
interface Plan {
  runs: Int32Array[]; // per kernel row: [x0, len, x0, len, …]
  lengths: number[]; // the distinct run lengths
}

function planRuns(k: Kernel): Plan {
  const runs: Int32Array[] = [];
  const lengths = new Set<number>();
  for (let y = 0; y < k.kh; y++) {
    const r: number[] = [];
    for (let x = 0; x < k.kw;) {
      if (!k.on[y * k.kw + x]) { x++; continue; }
      let e = x;
      while (e < k.kw && k.on[y * k.kw + e]) e++;
      r.push(x, e - x);
      lengths.add(e - x);
      x = e;
    }
    runs.push(Int32Array.from(r));
  }
  return { runs, lengths: [...lengths].sort((p, q) => p - q) };
}

/**
 * One erosion pass, streamed: each border-padded source row is made once into a row buffer
 * (inverted for dilation, so that dilation is ~erode(~a)), its horizontal minima for each run
 * length of the kernel go into small rings of rows, and each output row is the minimum over the
 * kernel's runs (a full rectangle taller than 3 rows: van Herk/Gil-Werman down the columns in
 * blocks of kh rows). The temporaries are a few rows, not padded copies of the image; every
 * minimum is taken on four bytes at once (SWAR, {@link min4}) in word-aligned row slots.
 */
class MorphRows {
  readonly h: number; readonly w: number; readonly c: number;
  readonly k: Kernel; readonly plan: Plan;
  readonly rowMap: Int32Array; readonly colMap: Int32Array;
  readonly values: readonly number[]; readonly invert: boolean;
  readonly left: number;
  /** Words per row slot: the padded row, plus slack read (never used) by the shifted minima. */
  readonly slotWords: number;
  readonly padded: Uint8Array; readonly padded32: Int32Array;
  readonly outRow: Uint8Array; readonly outRow32: Int32Array;
  /** Per distinct run length (plan.lengths order): ring rows of horizontal minima, as words. */
  readonly rings: Int32Array[];
  readonly blockVertical: boolean;

  constructor(shape: readonly [number, number, number], k: Kernel, ax: number, ay: number,
    border: Exclude<BorderMode, 'wrap'>, values: readonly number[], invert: boolean) {
    const [h, w, c] = shape;
    this.h = h; this.w = w; this.c = c; this.k = k; this.plan = planRuns(k);
    this.rowMap = borderTable(h, ay, k.kh - 1 - ay, border);
    this.colMap = borderTable(w, ax, k.kw - 1 - ax, border);
    this.values = values; this.invert = invert; this.left = ax;
    this.slotWords = (((w + 2 * k.kw) * c) >> 2) + 4;
    this.padded = new Uint8Array(4 * this.slotWords); this.padded32 = new Int32Array(this.padded.buffer);
    this.outRow = new Uint8Array(4 * this.slotWords); this.outRow32 = new Int32Array(this.outRow.buffer);
    this.blockVertical = k.count === k.kw * k.kh && k.kh > 3;
    // The block form keeps two blocks of kh rows (the current suffix minima, the next raw rows).
    const slots = this.blockVertical ? 2 * k.kh : k.kh;
    this.rings = this.plan.lengths.map(() => new Int32Array(slots * this.slotWords));
  }

  /** Padded row p (source row p − ay, border-mapped) into `padded`, inverted for dilation. */
  loadRow(src: PixelArray, p: number): void {
    const { w, c, padded, colMap, left } = this;
    const r = this.rowMap[p];
    const n = colMap.length * c;
    if (r < 0) {
      for (let i = 0; i < n; i += c) for (let ch = 0; ch < c; ch++) padded[i + ch] = this.values[ch];
    } else {
      const sd = src.data, base = left * c;
      if (hasContiguousRows(src)) {
        const st = src.offset + r * src.stride[0];
        padded.set(sd.subarray(st, st + w * c), base);
      } else {
        const [s0, s1, s2] = src.stride;
        for (let x = 0, o = base; x < w; x++) {
          const b = src.offset + r * s0 + x * s1;
          for (let ch = 0; ch < c; ch++) padded[o++] = sd[b + ch * s2];
        }
      }
      for (let q = 0; q < colMap.length; q++) {
        if (q >= left && q < left + w) { q = left + w - 1; continue; }
        const col = colMap[q];
        for (let ch = 0; ch < c; ch++) padded[q * c + ch] = col < 0 ? this.values[ch] : padded[base + col * c + ch];
      }
    }
    if (this.invert) { const p32 = this.padded32; for (let i = 0, m = (n + 3) >> 2; i < m; i++) p32[i] = ~p32[i]; }
  }

  /**
   * Horizontal minima of padded row p, for every run length L, into ring slot `slot`: windows
   * doubled in place (minima of 2, 4, … pixels) up to the largest power of two P ≤ L, then
   * min(m_P[e], m_P[e + (L − P)·c]).
   */
  makeRow(src: PixelArray, p: number, slot: number): void {
    this.loadRow(src, p);
    const { c, slotWords } = this;
    const n = (((this.w + this.k.kw - 1) * c) >> 2) + 1;
    const lengths = this.plan.lengths;
    for (let q = 0; q < lengths.length; q++) {
      const L = lengths[q], ring = this.rings[q], at = slot * slotWords, p32 = this.padded32;
      if (L === 1) { ring.set(p32.subarray(0, slotWords), at); continue; }
      minShifted(ring, at, p32, 0, p32, 0, c, n);
      let P = 2;
      for (; 2 * P <= L; P *= 2) minShifted(ring, at, ring, at, ring, at, P * c, n);
      if (L > P) minShifted(ring, at, ring, at, ring, at, (L - P) * c, n);
    }
  }

  erode(src: PixelArray, dst: PixelArray): void {
    if (this.blockVertical) this.erodeBlocks(src, dst);
    else this.erodeRuns(src, dst);
  }

  /** The finished output row y from `outRow` (inverted back for dilation) into dst. */
  storeRow(dst: PixelArray, y: number): void {
    const len = this.w * this.c;
    if (this.invert) { const o32 = this.outRow32; for (let i = 0, m = (len + 3) >> 2; i < m; i++) o32[i] = ~o32[i]; }
    dst.data.set(this.outRow.subarray(0, len), dst.offset + y * len);
  }

  /** Any kernel: output row y is the minimum over the runs (ky, x0, L) of ring row y + ky, shifted x0. */
  erodeRuns(src: PixelArray, dst: PixelArray): void {
    const { h, w, c, k, plan, rings, slotWords, outRow32 } = this;
    const kh = k.kh, n = ((w * c) >> 2) + 1;
    const ringOf = new Map(plan.lengths.map((L, q) => [L, rings[q]]));
    // The runs as (ring, kernel row, byte shift), one unshifted run first when there is one: the
    // first two runs are combined without copying the first.
    const runs: { ring: Int32Array; ky: number; shift: number }[] = [];
    for (let ky = 0; ky < kh; ky++) {
      const r = plan.runs[ky];
      for (let q = 0; q < r.length; q += 2) runs.push({ ring: ringOf.get(r[q + 1])!, ky, shift: r[q] * c });
    }
    const aligned = runs.findIndex((r) => r.shift === 0);
    if (aligned > 0) runs.unshift(...runs.splice(aligned, 1));
    for (let p = 0; p < kh - 1; p++) this.makeRow(src, p, p);
    for (let y = 0; y < h; y++) {
      this.makeRow(src, y + kh - 1, (y + kh - 1) % kh);
      const r0 = runs[0], base0 = ((y + r0.ky) % kh) * slotWords;
      if (runs.length === 1) copyShifted(outRow32, r0.ring, base0, r0.shift, n);
      else if (r0.shift === 0) {
        const r1 = runs[1];
        minShifted(outRow32, 0, r0.ring, base0, r1.ring, ((y + r1.ky) % kh) * slotWords, r1.shift, n);
      } else copyShifted(outRow32, r0.ring, base0, r0.shift, n);
      for (let q = r0.shift === 0 ? 2 : 1; q < runs.length; q++) {
        const r = runs[q];
        minShifted(outRow32, 0, outRow32, 0, r.ring, ((y + r.ky) % kh) * slotWords, r.shift, n);
      }
      this.storeRow(dst, y);
    }
  }

  /**
   * A full rectangle, kh > 3: van Herk/Gil-Werman down the columns. Output row y (rows y .. y + kh − 1
   * of minima) is min(suffix of its block of kh rows at y, prefix of the next block up to y + kh − 1);
   * the ring holds the current block's suffix minima and the next block's rows as they come.
   */
  erodeBlocks(src: PixelArray, dst: PixelArray): void {
    const { h, w, c, k, slotWords, outRow32 } = this;
    const kh = k.kh, n = ((w * c) >> 2) + 1, ph = h + kh - 1;
    const ring = this.rings[0];
    let cur = 0, next = kh; // first slots of the two blocks
    const suffix = (block: number, start: number): void => {
      const last = Math.min(start + kh, ph) - 1;
      for (let j = last - 1; j >= start; j--) {
        const a0 = (block + j - start) * slotWords;
        minShifted(ring, a0, ring, a0, ring, a0 + slotWords, 0, n);
      }
    };
    for (let j = 0; j < kh && j < ph; j++) this.makeRow(src, j, cur + j);
    suffix(cur, 0);
    for (let b = 0; b < h; b += kh) {
      // The running prefix of the next block lives in its last slot, which is filled only at the end.
      const pre = (next + kh - 1) * slotWords;
      for (let y = b; y < b + kh && y < h; y++) {
        const si = (cur + y - b) * slotWords;
        if (y === b) outRow32.set(ring.subarray(si, si + n));
        else {
          const slot = next + y - b - 1;
          this.makeRow(src, y + kh - 1, slot);
          const ri = slot * slotWords;
          if (y === b + 1) ring.copyWithin(pre, ri, ri + n);
          else minShifted(ring, pre, ring, pre, ring, ri, 0, n);
          minShifted(outRow32, 0, ring, pre, ring, si, 0, n);
        }
        this.storeRow(dst, y);
      }
      if (b + kh >= h) break;
      // The next block's last row, then its suffix minima; the blocks swap.
      const lastRow = b + 2 * kh - 1;
      if (lastRow < ph) this.makeRow(src, lastRow, next + kh - 1);
      suffix(next, b + kh);
      const t = cur; cur = next; next = t;
    }
  }
}

const HIGH = 0x80808080 | 0, LOW7 = 0x7f7f7f7f;

/**
 * The bytewise unsigned minimum of two words: per byte, x ≥ y from the high bits and a
 * borrow-free subtraction of the low seven bits, spread to a 0xff mask.
 */
function min4(x: number, y: number): number {
  const t = (x | HIGH) - (y & LOW7);
  const ge = ((x & ~y) | (~(x ^ y) & t)) & HIGH;
  const m = (ge - (ge >>> 7)) | ge;
  return (y & m) | (x & ~m);
}

/**
 * `d[di + q] = min4(a[ai + q], the word at byte 4·(bi + q) + shift of b)`, q < n: shifted words
 * assembled from two aligned ones (little-endian byte order, as every mainstream engine and the
 * word paths of separable.ts). In place (d = a = b, equal offsets) is safe: the words read are at
 * or after the one written.
 */
function minShifted(d: Int32Array, di: number, a: Int32Array, ai: number, b: Int32Array, bi: number, shift: number, n: number): void {
  const qs = bi + (shift >> 2), bits = (shift & 3) * 8;
  if (bits === 0) {
    for (let q = 0; q < n; q++) d[di + q] = min4(a[ai + q], b[qs + q]);
  } else {
    // The high word of one step is the low word of the next: carried, not read again.
    const back = 32 - bits;
    let lo = b[qs];
    for (let q = 0; q < n; q++) { const hi = b[qs + q + 1]; d[di + q] = min4(a[ai + q], (lo >>> bits) | (hi << back)); lo = hi; }
  }
}

/** `d[q] = the word at byte 4·(si + q) + shift of s`, q < n. */
function copyShifted(d: Int32Array, s: Int32Array, si: number, shift: number, n: number): void {
  const qs = si + (shift >> 2), bits = (shift & 3) * 8;
  if (bits === 0) { d.set(s.subarray(qs, qs + n)); return; }
  const back = 32 - bits;
  let lo = s[qs];
  for (let q = 0; q < n; q++) { const hi = s[qs + q + 1]; d[q] = (lo >>> bits) | (hi << back); lo = hi; }
}
