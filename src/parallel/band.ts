// One row band of a pooled call, computed the same way on the calling thread and in the workers of
// pixelarray/parallel. A job names a core op and carries its (already validated) arguments, with
// every PixelArray encoded as a view of a SharedArrayBuffer; the band writes only its own output
// rows [y0, y1), so bands never touch each other's bytes.
import { clone, copyInto } from '../core/copy.ts';
import { hasContiguousRows, isContiguous, PixelArray, type Shape, type Stride } from '../core/pixelarray.ts';
import { calcHist } from '../imgproc/histogram.ts';
import { cvtColor, inRange } from '../imgproc/color.ts';
import { blur, emboss, filter2D, gaussianBlur, medianBlur } from '../imgproc/filters.ts';
import { resizeRows, type ResizeInterpolation } from '../imgproc/resize.ts';
import { warpAffineRows, type AffineMatrix, type WarpAffineOptions } from '../imgproc/warp.ts';
import {
  absdiff, addModulo, addSaturate, addWeighted, convertScaleAbs, multiplySaturate, subtractModulo, subtractSaturate,
} from '../ops/arithmetic.ts';
import { bitwiseAnd, bitwiseNot, bitwiseOr, bitwiseXor } from '../ops/bitwise.ts';
import { concat, merge } from '../ops/channels.ts';
import { roll } from '../ops/geometry.ts';

/** A PixelArray as a structured-cloneable view of shared memory. */
export interface SharedView {
  $pa: true;
  buffer: SharedArrayBuffer;
  byteOffset: number;
  length: number;
  shape: Shape;
  stride: Stride;
  offset: number;
}

/**
 * How a band is computed:
 * - `rows`: the core op on rows [y0, y1) of every image argument, written into those rows of out;
 * - `filter`: the core op on the input rows the band's windows reach (`top` above, `bottom` below),
 *   the band's rows of that result copied into out;
 * - `copy`: rows of a view (flip, transpose, rot90, clone) copied into out;
 * - `roll`, `concat0`, `hist`, `resize`, `warp`: see `runBand`.
 */
export type JobKind = 'rows' | 'filter' | 'copy' | 'roll' | 'concat0' | 'hist' | 'resize' | 'warp';

export interface Job {
  kind: JobKind;
  /** The core op (`rows`, `filter`). */
  op: string;
  /** Encoded arguments; for `rows` and `filter` the op's own, its options without `out`. */
  args: unknown[];
  /** Index of the options argument (`rows`: where `out` goes), or −1. */
  optIndex: number;
  /**
   * The whole output; null for `hist`. PixelArrays (and PixelArray
   * arguments) are used as they are: the calling thread's band needs no encoding.
   */
  out: SharedView | PixelArray | null;
  y0: number;
  y1: number;
  /** `filter`: input rows above and below an output row that its window may read. */
  top: number;
  bottom: number;
}

type AnyOp = (...args: any[]) => unknown;

const OPS: Record<string, AnyOp> = {
  addSaturate, subtractSaturate, addModulo, subtractModulo, absdiff, multiplySaturate, addWeighted, convertScaleAbs,
  bitwiseAnd, bitwiseOr, bitwiseXor, bitwiseNot, cvtColor, inRange, merge, concat,
  gaussianBlur, blur, medianBlur, filter2D, emboss,
};

/** An options bag: a plain object (not an array, a typed array or a PixelArray). */
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** Maps every PixelArray inside arrays and plain objects (options) through `f`. */
export function mapArrays(v: unknown, f: (a: PixelArray) => unknown): unknown {
  if (v instanceof PixelArray) return f(v);
  if (Array.isArray(v)) return v.map((x) => mapArrays(x, f));
  if (isPlainObject(v)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) o[k] = mapArrays(v[k], f);
    return o;
  }
  return v;
}

/** A PixelArray over shared memory as a SharedView. */
export function encodeView(a: PixelArray): SharedView {
  const d = a.data;
  if (!(d.buffer instanceof SharedArrayBuffer)) throw new Error('pixelarray/parallel: internal error, an array is not in shared memory');
  return { $pa: true, buffer: d.buffer, byteOffset: d.byteOffset, length: d.length, shape: a.shape, stride: a.stride, offset: a.offset };
}

export function decodeView(v: SharedView): PixelArray {
  return new PixelArray(new Uint8Array(v.buffer, v.byteOffset, v.length), v.shape, v.stride, v.offset);
}

export const encodeArgs = (args: unknown[]): unknown[] => mapArrays(args, encodeView) as unknown[];

function decodeArgs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeArgs);
  if (isPlainObject(v)) {
    if (v.$pa === true) return decodeView(v as unknown as SharedView);
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) o[k] = decodeArgs(v[k]);
    return o;
  }
  return v;
}

/** Rows [y0, y1) of `a`, a view. */
export function rows(a: PixelArray, y0: number, y1: number): PixelArray {
  return new PixelArray(a.data, [y1 - y0, a.shape[1], a.shape[2]], a.stride, a.offset + y0 * a.stride[0]);
}

// V8 copies to or from shared memory (TypedArray set, copyWithin) word by word only when both
// addresses are equal modulo 8, and byte by byte otherwise, about 8× slower (3.5 vs 28 GB/s
// measured). Copies between shared and ordinary memory are therefore laid out at equal phases.

/**
 * `a` in ordinary memory, each row at the byte phase (address mod 8) of its row in `a`, so that
 * copying it is a word copy; `a` itself when it is not in shared memory.
 */
export function local(a: PixelArray): PixelArray {
  if (!(a.data.buffer instanceof SharedArrayBuffer) || a.size === 0) return a;
  if (!hasContiguousRows(a)) return clone(a); // element by element anyway
  const [h, w, c] = a.shape;
  const len = w * c, s0 = a.stride[0], from = a.data.byteOffset + a.offset;
  const phase = from & 7;
  if (isContiguous(a)) {
    const buf = new Uint8Array(phase + a.size);
    buf.set(a.data.subarray(a.offset, a.offset + a.size), phase);
    return new PixelArray(buf, a.shape, undefined, phase);
  }
  const step = len + ((s0 - len) & 7); // ≥ len and ≡ s0 (mod 8): every row keeps its phase
  const buf = new Uint8Array(phase + (h - 1) * step + len);
  for (let y = 0, s = a.offset; y < h; y++, s += s0) buf.set(a.data.subarray(s, s + len), phase + y * step);
  return new PixelArray(buf, a.shape, [step, c, 1], phase);
}

/**
 * A contiguous ordinary-memory array of `shape` whose row `skip` starts at the byte phase of
 * `band`'s first row, so that copying rows `skip..` into `band` is a word copy.
 */
function resultLike(shape: Shape, band: PixelArray, skip: number): PixelArray {
  const rowLen = shape[1] * shape[2];
  const phase = (band.data.byteOffset + band.offset - skip * rowLen) & 7;
  return new PixelArray(new Uint8Array(phase + shape[0] * rowLen), shape, undefined, phase);
}

// calcHist counts in int32 and returns float32: a band of at most 2^24 pixels has exact float32
// counts, and their float64 sum rounded once to float32 is then the whole image's result.
export const HIST_EXACT_PIXELS = 1 << 24;

/** Computes one band. Returns the band's histogram (float64 sums) for `hist`, otherwise null. */
export function runBand(job: Job): Float64Array | null {
  const { y0, y1 } = job;
  const args = decodeArgs(job.args) as unknown[];
  const target = decodeArgs(job.out) as PixelArray;
  switch (job.kind) {
    case 'rows': {
      const sliced = mapArrays(args, (a) => rows(a, y0, y1)) as unknown[];
      const i = job.optIndex;
      sliced[i] = { ...(sliced[i] as object | undefined), out: rows(target, y0, y1) };
      OPS[job.op](...sliced);
      return null;
    }
    case 'filter': {
      // Output rows [y0, y1) read input rows [y0 − top, y1 − 1 + bottom] (clipped to the image):
      // filtering just those rows gives the same band, because inside it no window reaches past
      // them, and at the image's own edges the sub-image has the same edges. The filter runs on
      // an ordinary-memory copy of those rows, into an ordinary result, exactly as a
      // single-threaded call (see `local`); only the band's rows are copied into shared memory.
      const a = args[0] as PixelArray;
      const lo = Math.max(0, y0 - job.top), hi = Math.min(a.shape[0], y1 + job.bottom);
      const band = rows(target, y0, y1);
      const res = resultLike([hi - lo, a.shape[1], target.shape[2]], band, y0 - lo);
      const rest = args.slice(1);
      rest[job.optIndex - 1] = { ...(rest[job.optIndex - 1] as object | undefined), out: res };
      OPS[job.op](local(rows(a, lo, hi)), ...rest);
      copyInto(rows(res, y0 - lo, y1 - lo), band);
      return null;
    }
    case 'copy':
      copyInto(rows(args[0] as PixelArray, y0, y1), rows(target, y0, y1));
      return null;
    case 'roll':
      rollBand(args[0] as PixelArray, args[1] as number[] | null, args[2] as number, target, y0, y1);
      return null;
    case 'concat0': {
      let at = 0;
      for (const a of args[0] as PixelArray[]) {
        const lo = Math.max(y0, at), hi = Math.min(y1, at + a.shape[0]);
        if (hi > lo) copyInto(rows(a, lo - at, hi - at), rows(target, lo, hi));
        at += a.shape[0];
      }
      return null;
    }
    case 'hist': {
      const a = args[0] as PixelArray;
      const opts = (args[1] ?? {}) as { mask?: PixelArray };
      const step = Math.max(1, Math.floor(HIST_EXACT_PIXELS / Math.max(1, a.shape[1])));
      let sum: Float64Array | null = null;
      for (let y = y0; y < y1; y += step) {
        const e = Math.min(y1, y + step);
        const h = calcHist(rows(a, y, e), { ...opts, mask: opts.mask && rows(opts.mask, y, e) });
        sum ??= new Float64Array(h.length);
        for (let k = 0; k < h.length; k++) sum[k] += h[k];
      }
      return sum;
    }
    case 'resize':
      resizeRows(args[0] as PixelArray, args[1] as number, args[2] as number, args[3] as ResizeInterpolation, target, y0, y1);
      return null;
    case 'warp':
      warpAffineRows(args[0] as PixelArray, args[1] as AffineMatrix, args[2] as WarpAffineOptions | undefined, target, y0, y1);
      return null;
  }
}

/**
 * Rows [y0, y1) of `roll`. `shifts` (per axis, already reduced modulo the shape): output row y is
 * input row (y − s0) mod h rolled along columns and channels, so the band is at most two runs of
 * consecutive input rows. `shifts` null: the flattened roll by `flat` of a contiguous `a` into a
 * contiguous out, at most two runs of elements.
 */
function rollBand(a: PixelArray, shifts: number[] | null, flat: number, out: PixelArray, y0: number, y1: number): void {
  const [h, w, c] = a.shape;
  if (shifts === null) {
    const n = h * w * c, end = y1 * w * c;
    for (let i = y0 * w * c; i < end;) {
      const from = (((i - flat) % n) + n) % n;
      const len = Math.min(end - i, n - from);
      out.data.set(a.data.subarray(a.offset + from, a.offset + from + len), out.offset + i);
      i += len;
    }
    return;
  }
  const [s0, s1, s2] = shifts;
  for (let y = y0; y < y1;) {
    const from = (y - s0 + h) % h;
    const n = Math.min(y1 - y, h - from);
    roll(rows(a, from, from + n), [s1, s2], [1, 2], { out: rows(out, y, y + n) });
    y += n;
  }
}
