// SIMD morphology: the core's erode, dilate and morphologyEx (src/imgproc/morphology.ts) with a
// SIMD128 min / max kernel (assembly/morphology.ts) for any structuring element up to 255 a side,
// every border but wrap, any anchor, iterations and channel count; morphologyEx's compositions
// (open, close, gradient, top-hat, black-hat) stay in the arena. As the core (OpenCV's morphOp):
// a full rectangle iterated n times is one pass of the equivalent larger rectangle, any other
// element n passes, the border made anew each time. Copies (a 1×1 element, 0 iterations) and
// hit-or-miss go to the core.
import type { PixelArray, Shape } from '../core/pixelarray.ts';
import { borderTable } from '../imgproc/filter-common.ts';
import { borderValueBytes } from '../imgproc/make-border.ts';
import {
  dilate as coreDilate, erode as coreErode, morphologyEx as coreMorphologyEx, type MorphOp, type MorphOptions,
} from '../imgproc/morphology.ts';
import { planOrCore } from './dispatch.ts';
import { int32Bytes, optionsOf } from './filters.ts';
import type { Plan, Workspace } from './runtime.ts';

/** Element sides (after the iteration shortcut) above this go to the core. */
const MAX_SIDE = 255;
/** Bytes a kernel may read past the end of a row or buffer (one vector). */
const SLACK = 16;
/** The options the plans read (and `out`, which the dispatch reads). */
const MORPH_KEYS = ['anchor', 'iterations', 'border', 'borderValue'];

/** One min / max filter as the kernel runs it: the element's size, anchor, rows grouped by their columns. */
interface Pass {
  readonly kw: number;
  readonly kh: number;
  readonly ax: number;
  readonly ay: number;
  /** The int32 groups table of erodeRows / dilateRows: [count, (nrows, rows…, ncols, columns…)…]. */
  readonly groups: Uint8Array;
  /** How many times the pass runs (1 for full rectangles, which fold their iterations into the size). */
  readonly iterations: number;
  readonly border: 'constant' | 'reflect101' | 'replicate' | 'reflect';
  /** The constant border's bytes per channel, or undefined for OpenCV's default (a value that never wins). */
  readonly borderValue: number[] | undefined;
}

const isInt = (v: unknown, lo: number, hi: number): v is number => Number.isSafeInteger(v) && (v as number) >= lo && (v as number) <= hi;

/**
 * The pass of `erode` / `dilate(a, kernel, options)` for `channels` channels, read as the core
 * reads its arguments; null for anything the core would refuse, copies (1×1 elements, 0
 * iterations) and elements above 255 a side.
 */
function passOf(kernel: unknown, options: unknown, channels: number): Pass | null {
  const o = optionsOf(options);
  if (!o || !Object.keys(o).every((k) => k === 'out' || MORPH_KEYS.includes(k))) return null;
  if (!Array.isArray(kernel) || kernel.length === 0 || !Array.isArray(kernel[0])) return null;
  let kh = kernel.length, kw = (kernel[0] as unknown[]).length;
  if (kw === 0 || kw > MAX_SIDE || kh > MAX_SIDE) return null;
  const on: boolean[][] = [];
  let count = 0;
  for (const row of kernel as unknown[]) {
    if (!Array.isArray(row) || row.length !== kw || !row.every((v) => typeof v === 'number' && Number.isFinite(v))) return null;
    on.push((row as number[]).map((v) => v !== 0));
    count += on[on.length - 1].filter(Boolean).length;
  }
  const iterationsOption = o.iterations === undefined ? 1 : o.iterations;
  if (!isInt(iterationsOption, 1, 1 << 20) || count === 0 || kw * kh === 1) return null;
  let iterations = iterationsOption;
  const anchor = o.anchor === undefined ? [-1, -1] : o.anchor;
  if (!Array.isArray(anchor) || anchor.length !== 2 || !isInt(anchor[0], -1, kw - 1) || !isInt(anchor[1], -1, kh - 1)) return null;
  let ax = anchor[0] === -1 ? kw >> 1 : anchor[0], ay = anchor[1] === -1 ? kh >> 1 : anchor[1];
  const border = o.border === undefined ? 'constant' : o.border;
  if (border !== 'constant' && border !== 'reflect101' && border !== 'replicate' && border !== 'reflect') return null;
  let borderValue: number[] | undefined;
  if (o.borderValue !== undefined) {
    try { borderValue = borderValueBytes(o.borderValue, channels, 'options.borderValue'); } catch { return null; }
  }
  if (count === kw * kh) {
    if (iterations > 1) {
      // OpenCV's shortcut: n passes of a full rectangle are one pass of a larger one.
      kw += (iterations - 1) * (kw - 1); kh += (iterations - 1) * (kh - 1);
      ax *= iterations; ay *= iterations; iterations = 1;
      if (kw > MAX_SIDE || kh > MAX_SIDE) return null;
    }
    const all = Array.from({ length: kw }, (_, x) => x);
    return { kw, kh, ax, ay, groups: groupsTable([[Array.from({ length: kh }, (_, y) => y), all]]), iterations, border, borderValue };
  }
  // Kernel rows with the same columns share one vertical pass.
  const byColumns = new Map<string, [number[], number[]]>();
  on.forEach((row, y) => {
    const xs = row.flatMap((v, x) => (v ? [x] : []));
    if (xs.length === 0) return;
    const key = xs.join(',');
    const group = byColumns.get(key);
    if (group) group[0].push(y);
    else byColumns.set(key, [[y], xs]);
  });
  return { kw, kh, ax, ay, groups: groupsTable([...byColumns.values()]), iterations, border, borderValue };
}

/** The kernel's int32 groups table from [rows, columns] pairs. */
function groupsTable(groups: [number[], number[]][]): Uint8Array {
  return int32Bytes([groups.length, ...groups.flatMap(([rows, xs]) => [rows.length, ...rows, xs.length, ...xs])]);
}

/** The packed `pixels`-long pattern of per-channel `values`, plus slack, for a constant border row. */
function patternBytes(values: readonly number[], bytes: number): Uint8Array {
  const c = values.length;
  return Uint8Array.from({ length: bytes }, (_, i) => values[i % c]);
}

/** Runs `pass` (min or max) on the packed image at `src` of `shape`; returns the result's address. */
function runPass(ws: Workspace, src: number, shape: Shape, pass: Pass, isMax: boolean): number {
  const [h, w, c] = shape;
  const len = w * c, ncols = w + pass.kw - 1;
  const values = pass.border !== 'constant' ? new Array<number>(c).fill(0)
    : pass.borderValue ?? new Array<number>(c).fill(isMax ? 0 : 255);
  const rowMap = borderTable(h, pass.ay, pass.kh - 1 - pass.ay, pass.border);
  const valueRow = ws.putBytes(patternBytes(values, len + SLACK));
  const cols = ws.putBytes(int32Bytes(borderTable(w, pass.ax, pass.kw - 1 - pass.ax, pass.border)));
  const groups = ws.putBytes(pass.groups);
  const vbuf = ws.alloc(ncols * c + 2 * SLACK);
  const rowAddrs = (from: number): Uint8Array => int32Bytes(Array.from(rowMap, (r) => (r < 0 ? valueRow : from + r * len)));
  // Two outputs in turn when the pass iterates; a kernel reads its own output rows past their end.
  const outs = [ws.alloc(h * len + SLACK), pass.iterations > 1 ? ws.alloc(h * len + SLACK) : 0];
  let from = src;
  for (let it = 0; it < pass.iterations; it++) {
    const rowAddr = ws.putBytes(rowAddrs(from));
    const dst = outs[it & 1];
    ws.k[isMax ? 'dilateRows' : 'erodeRows'](rowAddr, dst, h, w, c, groups, pass.ax, cols, ncols, valueRow, vbuf);
    from = dst;
  }
  return from;
}

/** The plan of one erosion (`isMax` false) or dilation by `pass` of an input of `shape`. */
const passPlan = (shape: Shape, pass: Pass, isMax: boolean): Plan => ({ shape, run: (ws, src) => runPass(ws, src, shape, pass, isMax) });

/** The plan of `erode(a, kernel, options)` for an input of `shape`; null where the core runs. */
export function erodePlan(shape: Shape, kernel: unknown, options?: unknown): Plan | null {
  const pass = passOf(kernel, options, shape[2]);
  return pass && passPlan(shape, pass, false);
}

/** The plan of `dilate(a, kernel, options)` for an input of `shape`; null where the core runs. */
export function dilatePlan(shape: Shape, kernel: unknown, options?: unknown): Plan | null {
  const pass = passOf(kernel, options, shape[2]);
  return pass && passPlan(shape, pass, true);
}

/** The saturated difference of two packed images of n bytes, in a new buffer. */
function difference(ws: Workspace, a: number, b: number, n: number): number {
  const dst = ws.alloc(n);
  ws.k.subtractSaturate(a, b, dst, n);
  return dst;
}

/**
 * The plan of `morphologyEx(a, op, kernel, options)` for an input of `shape`: erode, dilate,
 * open, close, gradient, tophat and blackhat from the same passes, differences saturated;
 * null for hit-or-miss and where the core runs.
 */
export function morphologyExPlan(shape: Shape, op: unknown, kernel: unknown, options?: unknown): Plan | null {
  const pass = passOf(kernel, options, shape[2]);
  if (!pass) return null;
  const n = shape[0] * shape[1] * shape[2];
  const erode = (ws: Workspace, at: number): number => runPass(ws, at, shape, pass, false);
  const dilate = (ws: Workspace, at: number): number => runPass(ws, at, shape, pass, true);
  const steps: Partial<Record<MorphOp, (ws: Workspace, src: number) => number>> = {
    erode,
    dilate,
    open: (ws, src) => dilate(ws, erode(ws, src)),
    close: (ws, src) => erode(ws, dilate(ws, src)),
    gradient: (ws, src) => difference(ws, dilate(ws, src), erode(ws, src), n),
    tophat: (ws, src) => difference(ws, src, dilate(ws, erode(ws, src)), n),
    blackhat: (ws, src) => difference(ws, erode(ws, dilate(ws, src)), src, n),
  };
  const run = typeof op === 'string' && Object.hasOwn(steps, op) ? steps[op as MorphOp] : undefined;
  return run ? { shape, run } : null;
}

/** `cv2.erode` (see the core's `erode`), SIMD for elements up to 255 a side. */
export function erode(a: PixelArray, kernel: readonly (readonly number[])[], options?: MorphOptions): PixelArray {
  return planOrCore(coreErode, arguments, 3, (x) => erodePlan(x.shape, kernel, options), options, MORPH_KEYS);
}

/** `cv2.dilate` (see the core's `dilate`), SIMD for elements up to 255 a side. */
export function dilate(a: PixelArray, kernel: readonly (readonly number[])[], options?: MorphOptions): PixelArray {
  return planOrCore(coreDilate, arguments, 3, (x) => dilatePlan(x.shape, kernel, options), options, MORPH_KEYS);
}

/** `cv2.morphologyEx` (see the core's `morphologyEx`), SIMD for every op but hit-or-miss. */
export function morphologyEx(a: PixelArray, op: MorphOp, kernel: readonly (readonly number[])[], options?: MorphOptions): PixelArray {
  return planOrCore(coreMorphologyEx, arguments, 4, (x) => morphologyExPlan(x.shape, op, kernel, options), options, MORPH_KEYS);
}
