// OpenCV's morphology on uint8, bit for bit: structuring elements, erode/dilate (min/max over the
// element) with OpenCV's border rules and iteration shortcut, and morphologyEx built from them.
import { checkInt, checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { finishOutput, startOutput } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, checkShape, PixelArray } from '../core/pixelarray.ts';
import { checkBorder, type BorderMode } from './border.ts';
import { borderValueBytes, makeBorderInto } from './make-border.ts';

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
  let rect = k.count === k.kw * k.kh;
  if (iterations > 1 && rect) {
    const bw = k.kw + (iterations - 1) * (k.kw - 1), bh = k.kh + (iterations - 1) * (k.kh - 1);
    if (bw > MAX_KSIZE || bh > MAX_KSIZE) {
      throw rangeError('options.iterations', `at most a ${MAX_KSIZE}-wide equivalent rectangle (${iterations} iterations of ${k.kw}×${k.kh} make ${bw}×${bh})`, iterations);
    }
    ax *= iterations; ay *= iterations;
    k = { kw: bw, kh: bh, values: [], on: new Uint8Array(bw * bh).fill(1), count: bw * bh };
    iterations = 1;
  }
  rect = k.count === k.kw * k.kh;
  // The border value in the image's own domain (the padded image is inverted for dilation after).
  const values = m.border !== 'constant' ? new Array<number>(c).fill(0)
    : m.borderValue === undefined ? new Array<number>(c).fill(isDilate ? 0 : 255)
      : borderValueBytes(m.borderValue, c, 'options.borderValue');
  const plan = planRuns(k);
  const [ph, pw] = checkShape([h + k.kh - 1, w + k.kw - 1, c], 'the image padded for the kernel');
  const padded = new PixelArray(new Uint8Array(ph * pw * c), [ph, pw, c]);
  let cur = a;
  for (let it = 0; it < iterations; it++) {
    makeBorderInto(cur, ay, ax, m.border, values, padded);
    if (isDilate) invert(padded.data);
    erodePadded(padded, dst, k, plan, rect, w, h, c);
    if (isDilate) invertRange(dst.data, dst.offset, h * w * c);
    cur = dst;
  }
  return finishOutput(dst, m.out);
}

function invert(d: Uint8Array): void {
  for (let i = 0; i < d.length; i++) d[i] = 255 - d[i];
}
function invertRange(d: Uint8Array, o: number, n: number): void {
  for (let i = o; i < o + n; i++) d[i] = 255 - d[i];
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
 * The erosion of the padded image (contiguous, `(h + kh − 1) × (w + kw − 1)`) into the contiguous
 * dst: horizontal minima of each run length (van Herk/Gil-Werman for long runs), then for a full
 * rectangle a vertical van Herk/Gil-Werman pass, else the minimum over the runs of every row.
 */
function erodePadded(p: PixelArray, dst: PixelArray, k: Kernel, plan: Plan, rect: boolean, w: number, h: number, c: number): void {
  const [ph, pw] = p.shape;
  const plen = pw * c, len = w * c;
  const pd = p.data;
  const byLength = new Map<number, Uint8Array>();
  const g = new Uint8Array(plen), s = new Uint8Array(plen);
  for (const L of plan.lengths) {
    const hm = new Uint8Array(ph * plen);
    for (let y = 0; y < ph; y++) minRun(pd, y * plen, hm, y * plen, pw, c, L, g, s);
    byLength.set(L, hm);
  }
  const dd = dst.data, o = dst.offset;
  if (rect) {
    const hm = byLength.get(k.kw)!;
    minColumns(hm, plen, len, h, k.kh, dd, o);
    return;
  }
  dd.fill(255, o, o + h * len);
  for (let ky = 0; ky < k.kh; ky++) {
    const r = plan.runs[ky];
    for (let q = 0; q < r.length; q += 2) {
      const hm = byLength.get(r[q + 1])!;
      const shift = r[q] * c;
      for (let y = 0; y < h; y++) {
        const si = (y + ky) * plen + shift, di = o + y * len;
        for (let i = 0; i < len; i++) {
          const v = dd[di + i], d = hm[si + i] - v;
          dd[di + i] = v + (d & (d >> 31));
        }
      }
    }
  }
}

/**
 * out[e] = min of row[e], row[e + c], …, row[e + (L−1)c] for the pixels 0 .. n − L of one row of n
 * pixels (c channels interleaved). Long runs by van Herk/Gil-Werman: block prefix minima g and
 * suffix minima s, out = min(s[e], g[e + (L−1)c]).
 */
function minRun(src: Uint8Array, si: number, out: Uint8Array, oi: number, n: number, c: number, L: number,
  g: Uint8Array, s: Uint8Array): void {
  const m = (n - L + 1) * c;
  if (L === 1) { out.set(src.subarray(si, si + m), oi); return; }
  if (L === 2) {
    for (let e = 0; e < m; e++) { const d = src[si + e] - src[si + e + c]; out[oi + e] = src[si + e + c] + (d & (d >> 31)); }
    return;
  }
  if (L === 3) {
    for (let e = 0; e < m; e++) {
      const x = src[si + e], y = src[si + e + c], z = src[si + e + 2 * c];
      const d = x - y, xy = y + (d & (d >> 31)), d2 = xy - z;
      out[oi + e] = z + (d2 & (d2 >> 31));
    }
    return;
  }
  const total = n * c, block = L * c;
  for (let b = 0; b < total; b += block) {
    const end = Math.min(b + block, total);
    for (let e = b; e < b + c && e < end; e++) g[e] = src[si + e];
    for (let e = b + c; e < end; e++) { const d = src[si + e] - g[e - c]; g[e] = g[e - c] + (d & (d >> 31)); }
    const last = end - c;
    for (let e = last; e < end; e++) s[e] = src[si + e];
    for (let e = last - 1; e >= b; e--) { const d = src[si + e] - s[e + c]; s[e] = s[e + c] + (d & (d >> 31)); }
  }
  const reach = (L - 1) * c;
  for (let e = 0; e < m; e++) { const y = g[e + reach], d = s[e] - y; out[oi + e] = y + (d & (d >> 31)); }
}

/**
 * dst row y (len elements) = the minimum of rows y .. y + kh − 1 of hm (row stride plen), for the
 * h output rows: direct for short windows, else van Herk/Gil-Werman over whole rows.
 */
function minColumns(hm: Uint8Array, plen: number, len: number, h: number, kh: number, dd: Uint8Array, o: number): void {
  if (kh <= 3) {
    for (let y = 0; y < h; y++) {
      const di = o + y * len, a0 = y * plen;
      if (kh === 1) { dd.set(hm.subarray(a0, a0 + len), di); continue; }
      const a1 = a0 + plen, a2 = a1 + plen;
      if (kh === 2) {
        for (let i = 0; i < len; i++) { const y = hm[a1 + i], d = hm[a0 + i] - y; dd[di + i] = y + (d & (d >> 31)); }
        continue;
      }
      for (let i = 0; i < len; i++) {
        const y = hm[a1 + i], d = hm[a0 + i] - y, xy = y + (d & (d >> 31)), z = hm[a2 + i], d2 = xy - z;
        dd[di + i] = z + (d2 & (d2 >> 31));
      }
    }
    return;
  }
  const ph = h + kh - 1;
  const g = new Uint8Array(ph * len), s = new Uint8Array(ph * len);
  for (let b = 0; b < ph; b += kh) {
    const end = Math.min(b + kh, ph);
    for (let y = b; y < end; y++) {
      const gi = y * len, hi = y * plen;
      if (y === b) { g.set(hm.subarray(hi, hi + len), gi); continue; }
      for (let i = 0; i < len; i++) { const v = g[gi - len + i], d = hm[hi + i] - v; g[gi + i] = v + (d & (d >> 31)); }
    }
    for (let y = end - 1; y >= b; y--) {
      const si = y * len, hi = y * plen;
      if (y === end - 1) { s.set(hm.subarray(hi, hi + len), si); continue; }
      for (let i = 0; i < len; i++) { const v = s[si + len + i], d = hm[hi + i] - v; s[si + i] = v + (d & (d >> 31)); }
    }
  }
  for (let y = 0; y < h; y++) {
    const si = y * len, gi = (y + kh - 1) * len, di = o + y * len;
    for (let i = 0; i < len; i++) { const v = g[gi + i], d = s[si + i] - v; dd[di + i] = v + (d & (d >> 31)); }
  }
}
