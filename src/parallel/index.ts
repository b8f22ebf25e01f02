// pixelarray/parallel (Node only): the core's heavier ops computed on row bands by worker threads
// over shared memory, with results byte-identical to the single-threaded ops. Opt-in: nothing here
// is loaded by the core entry point. See docs/parallel.md.
//
// A call is synchronous, like the core op it mirrors: the arguments are validated on the calling
// thread by the core op's own checks (a probe, see `validate`), the inputs are put in shared memory,
// each worker is handed a band of output rows and the calling thread computes the first band
// itself, then waits for the others with Atomics.wait (allowed on Node's main thread).
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { checkInt, checkOptionKeys, checkOptions } from '../core/check.ts';
import { clone, copyInto, overlaps } from '../core/copy.ts';
import { typeError, tooManyArguments } from '../core/errors.ts';
import { zeros } from '../core/create.ts';
import { roundHalfEven } from '../core/numeric.ts';
import { checkShape, hasContiguousRows, isContiguous, PixelArray, type Shape } from '../core/pixelarray.ts';
import { cvtColor, inRange, type ColorCode, type RangeBound } from '../imgproc/color.ts';
import {
  blur, emboss, filter2D, gaussianBlur, medianBlur, type BlurOptions, type EmbossOptions, type Filter2DOptions,
  type GaussianBlurOptions, type MedianBlurOptions,
} from '../imgproc/filters.ts';
import { calcHist, type CalcHistOptions } from '../imgproc/histogram.ts';
import { resize, type ResizeOptions } from '../imgproc/resize.ts';
import { warpAffine, type AffineMatrix, type WarpAffineOptions } from '../imgproc/warp.ts';
import {
  absdiff, addModulo, addSaturate, addWeighted, convertScaleAbs, multiplySaturate, subtractModulo, subtractSaturate,
  type Operand, type OutOptions,
} from '../ops/arithmetic.ts';
import { bitwiseAnd, bitwiseNot, bitwiseOr, bitwiseXor, type MaskOptions } from '../ops/bitwise.ts';
import { concat, merge, split, type SplitOptions } from '../ops/channels.ts';
import { flip, roll, rot90, transpose } from '../ops/geometry.ts';
import { encodeArgs, encodeView, HIST_EXACT_PIXELS, mapArrays, rows, runBand, type Job, type JobKind } from './band.ts';

/** Options of `createPool`. */
export interface PoolOptions {
  /**
   * Threads computing each call, the calling thread included (it computes one band itself while
   * `threads − 1` workers compute the others). Default `os.availableParallelism()`; 1 runs every
   * call inline.
   */
  threads?: number;
  /**
   * Calls whose input and output both have fewer elements than this run inline on the calling
   * thread (the single-threaded core op), where handing out bands costs more than it saves.
   * Default {@link DEFAULT_MIN_ELEMENTS}; 0 bands every call (tests).
   */
  minElements?: number;
  /**
   * Milliseconds a worker may take to pick up a job (to start, for the first one) before the call
   * throws and the pool is closed as broken. Default 10 000.
   */
  startTimeout?: number;
  /**
   * Milliseconds a worker may take to compute its band before the call throws and the pool is
   * closed as broken. Default 120 000; `Infinity` waits as long as it takes.
   */
  jobTimeout?: number;
}

/** Int32 words of the control block per worker: the job number, the done number, the picked-up number. */
export const CTRL_WORDS = 3;

/**
 * Default `minElements`: 2^19 elements (724×724 gray, about 420×420 RGB), where banding an
 * element-wise op or a 5×5 Gaussian starts to pay on two cores (measured: a call costs about
 * 0.07 ms more than the core op's for waking the workers and waiting for them).
 */
export const DEFAULT_MIN_ELEMENTS = 1 << 19;

/** Most threads a pool accepts. */
const MAX_THREADS = 256;

/** True when `a`'s pixels live in a SharedArrayBuffer (workers read and write them in place). */
export function isShared(a: PixelArray): boolean {
  if (arguments.length > 1) throw tooManyArguments('isShared', ['a'], arguments.length);
  return a instanceof PixelArray && a.data.buffer instanceof SharedArrayBuffer;
}

/** A zero-filled contiguous `height×width×channels` array in a new SharedArrayBuffer. */
export function sharedZeros(height: number, width: number, channels = 3): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('sharedZeros', ['height', 'width', 'channels'], arguments.length);
  const shape = checkShape([height, width, channels], '[height, width, channels]');
  return new PixelArray(new Uint8Array(new SharedArrayBuffer(shape[0] * shape[1] * shape[2])), shape);
}

/** A contiguous copy of `a` in a new SharedArrayBuffer (`clone`, in shared memory). */
export function toShared(a: PixelArray): PixelArray {
  if (arguments.length > 1) throw tooManyArguments('toShared', ['a'], arguments.length);
  if (!(a instanceof PixelArray)) throw typeError('a', 'a PixelArray', a);
  const out = sharedZeros(...a.shape);
  copyInto(a, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Validation: the core op's own checks, on stand-ins

/** Thrown by a stand-in when the core op first reads pixels: every argument check has passed. */
const CHECKED: unique symbol = Symbol('pixelarray/parallel: arguments checked');

/** An object that passes for a PixelArray of that layout but throws CHECKED when its pixels are read. */
function standIn({ shape, stride, offset }: Pick<PixelArray, 'shape' | 'stride' | 'offset'>): PixelArray {
  return Object.create(PixelArray.prototype, {
    data: { get() { throw CHECKED; } },
    shape: { value: shape },
    stride: { value: stride },
    offset: { value: offset },
  }) as PixelArray;
}

/**
 * Runs the core op's argument checks: the op is called with every PixelArray replaced by a
 * stand-in, so it throws exactly the TypeError / RangeError it would throw on the real call, or
 * stops with CHECKED where it starts reading pixels, after its checks. Given the options' index
 * and the result's shape, a call without `out` gets a stand-in one, so that the op does not
 * allocate its result before it stops (a 6 MB allocation costs about 0.5 ms).
 */
function validate(op: (...args: never[]) => unknown, args: unknown[], optIndex = -1, outShape?: Shape): void {
  const probe = mapArrays(args, standIn) as unknown[];
  const o = args[optIndex] as Record<string, unknown> | undefined;
  if (outShape !== undefined && (o === undefined || (Object.getPrototypeOf(o) === Object.prototype && o.out === undefined))) {
    const [, w, c] = outShape;
    probe[optIndex] = { ...(probe[optIndex] as object | undefined), out: standIn({ shape: outShape, stride: [w * c, c, 1], offset: 0 }) };
  }
  try {
    (op as (...args: unknown[]) => unknown)(...probe);
  } catch (e) {
    if (e !== CHECKED) throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// The pool

interface Slot { worker: Worker; port: MessagePort }

/** A pooled call, after validation. */
interface Plan {
  kind: JobKind;
  op?: string;
  args: unknown[];
  /** Where the options are in `args` (`out` is taken out of them here), or −1. */
  optIndex?: number;
  /** The output's shape; null for `hist`. */
  outShape: Shape | null;
  /** Rows to split into bands (default: the output's height). */
  rows?: number;
  /** The band writer needs a contiguous output (resize, warp, the flattened roll). */
  contiguousOut?: boolean;
  /** The op keeps `out`'s values somewhere (a mask): scratch starts as a copy of `out`, or zeros. */
  keepsOut?: boolean;
  /** Image arguments must have contiguous rows (`'rows'`) or be contiguous (`'all'`) in shared memory. */
  inputLayout?: 'rows' | 'all';
  top?: number;
  bottom?: number;
}

/**
 * Worker threads that compute the core ops on row bands. Each method has the signature, the
 * checks, the errors and the result bytes of the core op of the same name; `flip`, `transpose` and
 * `rot90` return materialised copies (`clone(flip(a, axis), { out })`), not views. Results are
 * ordinary arrays (see docs/parallel.md for shared memory and `{ out }`).
 */
export class Pool {
  readonly #slots: Slot[];
  readonly #ctrl: Int32Array;
  readonly #threads: number;
  readonly #minElements: number;
  #seq = 0;
  #closed = false;
  #broken = false;
  /** Why the pool broke (a worker's start error, a timeout), for the next call's message. */
  #brokenReason = '';
  readonly #startTimeout: number;
  readonly #jobTimeout: number;
  #exited: Promise<void> | null = null;
  /** Shared scratch for inputs not already in shared memory, and for outputs computed before copying. */
  #inArena: SharedArrayBuffer | null = null;
  #outArena: SharedArrayBuffer | null = null;

  /** @internal Use {@link createPool}. */
  constructor(threads: number, minElements: number, startTimeout = 10_000, jobTimeout = 120_000) {
    if (arguments.length > 4) throw tooManyArguments('Pool', ['threads', 'minElements', 'startTimeout', 'jobTimeout'], arguments.length);
    this.#threads = threads;
    this.#minElements = minElements;
    this.#startTimeout = startTimeout;
    this.#jobTimeout = jobTimeout;
    const workers = threads - 1;
    this.#ctrl = new Int32Array(new SharedArrayBuffer(4 * CTRL_WORDS * Math.max(1, workers)));
    const entry = workerEntry();
    this.#slots = [];
    for (let slot = 0; slot < workers; slot++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(entry, {
        eval: typeof entry === 'string',
        workerData: { control: this.#ctrl.buffer, slot, port: port2 },
        transferList: [port2],
        // Workers inherit the process's flags, but `--input-type` (from `node --input-type=module
        // -e …`) stops a worker that starts from a file: it is only for the main script.
        execArgv: process.execArgv.filter((f) => !f.startsWith('--input-type')),
      });
      // A forgotten pool must not keep the process alive; the port is only read synchronously.
      worker.unref();
      port1.unref();
      // A worker can only die from a fatal error (out of memory): the next call then throws
      // instead of waiting for it. (Band errors are caught in the worker and rethrown here.)
      worker.on('error', (e) => { this.#brokenReason ||= `a worker failed: ${e instanceof Error ? e.message : String(e)}`; });
      worker.on('exit', () => { if (!this.#closed) this.#broken = true; });
      this.#slots.push({ worker, port: port1 });
    }
  }

  /** Threads computing each call (the calling thread included). */
  get threads(): number { return this.#threads; }

  /** True after `close()`. */
  get closed(): boolean { return this.#closed; }

  /**
   * Stops the workers. Idempotent; the returned promise resolves when they have exited (no need
   * to await it: they are unref'ed). Calls after `close()` throw.
   */
  close(): Promise<void> {
    if (arguments.length > 0) throw tooManyArguments('Pool.close', [], arguments.length);
    if (!this.#closed) {
      this.#closed = true;
      this.#inArena = this.#outArena = null;
      this.#slots.forEach((_, i) => { Atomics.store(this.#ctrl, CTRL_WORDS * i, -1); Atomics.notify(this.#ctrl, CTRL_WORDS * i); });
      this.#exited = Promise.all(this.#slots.map(({ worker, port }) => {
        port.close();
        return worker.terminate().catch(() => 0);
      })).then(() => undefined);
    }
    return this.#exited as Promise<void>;
  }

  // ---- element-wise ops: bands of rows of every image argument --------------------------------

  /** `addSaturate` (cv2.add) on row bands. */
  addSaturate(a: PixelArray, b: Operand, options?: OutOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.addSaturate', ['a', 'b', 'options'], arguments.length);
    return this.#rows(addSaturate, 'addSaturate', [a, b, options], 2);
  }

  /** `subtractSaturate` (cv2.subtract) on row bands. */
  subtractSaturate(a: PixelArray, b: Operand, options?: OutOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.subtractSaturate', ['a', 'b', 'options'], arguments.length);
    return this.#rows(subtractSaturate, 'subtractSaturate', [a, b, options], 2);
  }

  /** `addModulo` (NumPy uint8 `a + b`) on row bands. */
  addModulo(a: PixelArray, b: Operand, options?: OutOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.addModulo', ['a', 'b', 'options'], arguments.length);
    return this.#rows(addModulo, 'addModulo', [a, b, options], 2);
  }

  /** `subtractModulo` (NumPy uint8 `a − b`) on row bands. */
  subtractModulo(a: PixelArray, b: Operand, options?: OutOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.subtractModulo', ['a', 'b', 'options'], arguments.length);
    return this.#rows(subtractModulo, 'subtractModulo', [a, b, options], 2);
  }

  /** `absdiff` (cv2.absdiff) on row bands. */
  absdiff(a: PixelArray, b: Operand, options?: OutOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.absdiff', ['a', 'b', 'options'], arguments.length);
    return this.#rows(absdiff, 'absdiff', [a, b, options], 2);
  }

  /** `multiplySaturate` (cv2.multiply) on row bands. */
  multiplySaturate(a: PixelArray, b: Operand, scale = 1, options?: OutOptions): PixelArray {
    if (arguments.length > 4) throw tooManyArguments('Pool.multiplySaturate', ['a', 'b', 'scale', 'options'], arguments.length);
    return this.#rows(multiplySaturate, 'multiplySaturate', [a, b, scale, options], 3);
  }

  /** `addWeighted` (cv2.addWeighted) on row bands. */
  addWeighted(a: PixelArray, alpha: number, b: PixelArray, beta: number, gamma = 0, options?: OutOptions): PixelArray {
    if (arguments.length > 6) throw tooManyArguments('Pool.addWeighted', ['a', 'alpha', 'b', 'beta', 'gamma', 'options'], arguments.length);
    return this.#rows(addWeighted, 'addWeighted', [a, alpha, b, beta, gamma, options], 5);
  }

  /** `convertScaleAbs` (cv2.convertScaleAbs) on row bands. */
  convertScaleAbs(a: PixelArray, alpha = 1, beta = 0, options?: OutOptions): PixelArray {
    if (arguments.length > 4) throw tooManyArguments('Pool.convertScaleAbs', ['a', 'alpha', 'beta', 'options'], arguments.length);
    return this.#rows(convertScaleAbs, 'convertScaleAbs', [a, alpha, beta, options], 3);
  }

  /** `bitwiseAnd` (cv2.bitwise_and, with its optional mask) on row bands. */
  bitwiseAnd(a: PixelArray, b: Operand, options?: MaskOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.bitwiseAnd', ['a', 'b', 'options'], arguments.length);
    return this.#rows(bitwiseAnd, 'bitwiseAnd', [a, b, options], 2);
  }

  /** `bitwiseOr` on row bands. */
  bitwiseOr(a: PixelArray, b: Operand, options?: MaskOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.bitwiseOr', ['a', 'b', 'options'], arguments.length);
    return this.#rows(bitwiseOr, 'bitwiseOr', [a, b, options], 2);
  }

  /** `bitwiseXor` on row bands. */
  bitwiseXor(a: PixelArray, b: Operand, options?: MaskOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.bitwiseXor', ['a', 'b', 'options'], arguments.length);
    return this.#rows(bitwiseXor, 'bitwiseXor', [a, b, options], 2);
  }

  /** `bitwiseNot` on row bands. */
  bitwiseNot(a: PixelArray, options?: MaskOptions): PixelArray {
    if (arguments.length > 2) throw tooManyArguments('Pool.bitwiseNot', ['a', 'options'], arguments.length);
    return this.#rows(bitwiseNot, 'bitwiseNot', [a, options], 1);
  }

  /** `cvtColor` (cv2.cvtColor) on row bands. */
  cvtColor(a: PixelArray, code: ColorCode, options?: OutOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.cvtColor', ['a', 'code', 'options'], arguments.length);
    // The output's channel count, from the same code on one pixel (only once the checks passed).
    return this.#rows(cvtColor, 'cvtColor', [a, code, options], 2, () => cvtColor(zeros(1, 1, a.shape[2]), code).shape[2]);
  }

  /** `inRange` (cv2.inRange) on row bands. */
  inRange(a: PixelArray, lower: RangeBound, upper: RangeBound, options?: OutOptions): PixelArray {
    if (arguments.length > 4) throw tooManyArguments('Pool.inRange', ['a', 'lower', 'upper', 'options'], arguments.length);
    return this.#rows(inRange, 'inRange', [a, lower, upper, options], 3, 1);
  }

  /** `merge` (cv2.merge) on row bands. */
  merge(channels: readonly PixelArray[], options?: OutOptions): PixelArray {
    if (arguments.length > 2) throw tooManyArguments('Pool.merge', ['channels', 'options'], arguments.length);
    const list = Array.isArray(channels) && channels.every((p) => p instanceof PixelArray) ? channels : null;
    if (list === null || list.length === 0) return merge(channels, options);
    const [h, w] = list[0].shape;
    const c = list.reduce((s, p) => s + p.shape[2], 0);
    if (!this.#worth(h * w * c, h)) return merge(channels, options);
    validate(merge, [channels, options], 1, [h, w, c]);
    return this.#run({ kind: 'rows', op: 'merge', args: [list, options], optIndex: 1, outShape: [h, w, c] }) as PixelArray;
  }

  /**
   * `split` (cv2.split / np.split), inline: its cost is allocating and filling the planes, and
   * workers would have to fill shared scratch that is then copied again (measured slower).
   */
  split(a: PixelArray, options?: SplitOptions): PixelArray[];
  split(a: PixelArray, sections: number | readonly number[], axis?: number): PixelArray[];
  split(a: PixelArray, sections?: number | readonly number[] | SplitOptions, axis: number = 0): PixelArray[] {
    if (arguments.length > 3) throw tooManyArguments('Pool.split', ['a', 'sections', 'axis'], arguments.length);
    if (this.#closed) throw new Error('pixelarray/parallel: the pool is closed');
    return split(a, sections as number | readonly number[], axis);
  }

  /** `concat` (np.concatenate) on row bands. */
  concat(arrays: readonly PixelArray[], axis: number = 0, options?: OutOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.concat', ['arrays', 'axis', 'options'], arguments.length);
    const list = Array.isArray(arrays) && arrays.length > 0 && arrays.every((p) => p instanceof PixelArray) ? arrays : null;
    const size = list ? list.reduce((s, p) => s + p.size, 0) : 0;
    // Joining rows or columns of arrays with contiguous rows is a memcpy per row: inline.
    const copies = list !== null && (axis === 0 || axis === 1 || axis === -3 || axis === -2) && list.every(hasContiguousRows);
    if (list === null || !this.#worth(size, 2) || copies) return concat(arrays, axis, options);
    validate(concat, [arrays, axis, options]);
    const ax = axis < 0 ? axis + 3 : axis;
    const shape = [...list[0].shape] as Shape;
    shape[ax] = list.reduce((s, p) => s + p.shape[ax], 0);
    if (ax === 0) return this.#run({ kind: 'concat0', args: [list, options], optIndex: 1, outShape: shape }) as PixelArray;
    return this.#run({ kind: 'rows', op: 'concat', args: [list, ax, options], optIndex: 2, outShape: shape }) as PixelArray;
  }

  // ---- copies of views, roll ------------------------------------------------------------------

  /** `clone(a, { out })`: a contiguous copy (into `out`), on row bands. */
  clone(a: PixelArray, options?: { out?: PixelArray }): PixelArray {
    if (arguments.length > 2) throw tooManyArguments('Pool.clone', ['a', 'options'], arguments.length);
    return this.#copy(a, () => a, options);
  }

  /** `clone(flip(a, axis), { out })`: the flipped pixels as a new array (or in `out`). */
  flip(a: PixelArray, axis: 0 | 1 | -1, options?: OutOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.flip', ['a', 'axis', 'options'], arguments.length);
    return this.#copy(a, () => flip(a, axis), options);
  }

  /** `clone(transpose(a, axes), { out })`: the transposed pixels as a new array (or in `out`). */
  transpose(a: PixelArray, axes: readonly number[] = [1, 0, 2], options?: OutOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.transpose', ['a', 'axes', 'options'], arguments.length);
    return this.#copy(a, () => transpose(a, axes), options);
  }

  /** `clone(rot90(a, k), { out })`: the rotated pixels as a new array (or in `out`). */
  rot90(a: PixelArray, k = 1, options?: OutOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.rot90', ['a', 'k', 'options'], arguments.length);
    return this.#copy(a, () => rot90(a, k), options);
  }

  /** `roll` (np.roll) on row bands. */
  roll(a: PixelArray, shift: number | readonly number[], axis?: number | readonly number[], options?: OutOptions): PixelArray {
    if (arguments.length > 4) throw tooManyArguments('Pool.roll', ['a', 'shift', 'axis', 'options'], arguments.length);
    if (!(a instanceof PixelArray) || !this.#worth(a.size, a.shape[0])) return roll(a, shift, axis, options);
    validate(roll, [a, shift, axis, options], 3, a.shape);
    const shifts = typeof shift === 'number' ? [shift] : [...shift];
    const mod = (v: number, n: number): number => (n === 0 ? 0 : ((v % n) + n) % n);
    if (axis === undefined) {
      // The flattened roll is two memcpys of a contiguous array: inline unless it must be gathered.
      if (isContiguous(a)) return roll(a, shift, axis, options);
      const total = shifts.reduce((s, v) => s + v, 0);
      return this.#run({
        kind: 'roll', args: [a, null, mod(total, a.size), options], optIndex: 3, outShape: a.shape,
        contiguousOut: true, inputLayout: 'all',
      }) as PixelArray;
    }
    // np.roll's broadcasting of shifts against axes, as the core op does.
    const axes = (typeof axis === 'number' ? [axis] : [...axis]).map((v) => (v < 0 ? v + 3 : v));
    const total = [0, 0, 0];
    for (let i = 0, n = Math.max(shifts.length, axes.length); i < n; i++) {
      total[axes[axes.length === 1 ? 0 : i]] += shifts[shifts.length === 1 ? 0 : i];
    }
    const reduced = total.map((s, k) => mod(s, a.shape[k]));
    // Rolling rows or columns of an array with contiguous rows is a memcpy per row piece: inline.
    if (reduced[2] === 0 && hasContiguousRows(a)) return roll(a, shift, axis, options);
    return this.#run({ kind: 'roll', args: [a, reduced, 0, options], optIndex: 3, outShape: a.shape }) as PixelArray;
  }

  // ---- filters: bands of input rows widened by the kernel's reach ----------------------------

  /**
   * `gaussianBlur` (cv2.GaussianBlur) on row bands. `border: 'wrap'` runs inline (a band's
   * wrapped rows come from the far side of the image).
   */
  gaussianBlur(a: PixelArray, sigma: number, options?: GaussianBlurOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.gaussianBlur', ['a', 'sigma', 'options'], arguments.length);
    if (!(a instanceof PixelArray) || !this.#worth(a.size, a.shape[0]) || options?.border === 'wrap') {
      return gaussianBlur(a, sigma, options);
    }
    validate(gaussianBlur, [a, sigma, options], 2, a.shape);
    // The kernel height: options.ksize, else OpenCV's rule for 8-bit images, round(6σ + 1) | 1,
    // with σ = sigmaY (or sigma). One row of margin: extra rows never change a band's result.
    const k = options?.ksize;
    let kh = typeof k === 'number' ? k : Array.isArray(k) ? k[1] : 0;
    if (kh === 0) kh = roundHalfEven((options?.sigmaY ? options.sigmaY : sigma) * 6 + 1) | 1;
    return this.#filter('gaussianBlur', [a, sigma, options], 2, (kh >> 1) + 1, (kh >> 1) + 1);
  }

  /** `blur` (cv2.blur) on row bands. */
  blur(a: PixelArray, ksize: number | readonly [number, number], options?: BlurOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.blur', ['a', 'ksize', 'options'], arguments.length);
    if (!(a instanceof PixelArray) || !this.#worth(a.size, a.shape[0])) return blur(a, ksize, options);
    validate(blur, [a, ksize, options], 2, a.shape);
    const kh = typeof ksize === 'number' ? ksize : ksize[1];
    return this.#filter('blur', [a, ksize, options], 2, (kh >> 1) + 1, kh - (kh >> 1));
  }

  /** `medianBlur` (cv2.medianBlur) on row bands. */
  medianBlur(a: PixelArray, ksize: number, options?: MedianBlurOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.medianBlur', ['a', 'ksize', 'options'], arguments.length);
    if (!(a instanceof PixelArray) || !this.#worth(a.size, a.shape[0])) return medianBlur(a, ksize, options);
    validate(medianBlur, [a, ksize, options], 2, a.shape);
    return this.#filter('medianBlur', [a, ksize, options], 2, (ksize >> 1) + 1, (ksize >> 1) + 1);
  }

  /** `filter2D` (cv2.filter2D) on row bands; `border: 'wrap'` runs inline. */
  filter2D(a: PixelArray, kernel: readonly (readonly number[])[], options?: Filter2DOptions): PixelArray {
    if (arguments.length > 3) throw tooManyArguments('Pool.filter2D', ['a', 'kernel', 'options'], arguments.length);
    if (!(a instanceof PixelArray) || !this.#worth(a.size, a.shape[0]) || options?.border === 'wrap') {
      return filter2D(a, kernel, options);
    }
    validate(filter2D, [a, kernel, options], 2, a.shape);
    const kh = kernel.length;
    return this.#filter('filter2D', [a, kernel, options], 2, (kh >> 1) + 1, kh - (kh >> 1));
  }

  /** `emboss` (Pillow's EMBOSS) on row bands. */
  emboss(a: PixelArray, options?: EmbossOptions): PixelArray {
    if (arguments.length > 2) throw tooManyArguments('Pool.emboss', ['a', 'options'], arguments.length);
    if (!(a instanceof PixelArray) || !this.#worth(a.size, a.shape[0])) return emboss(a, options);
    validate(emboss, [a, options], 1, a.shape);
    return this.#filter('emboss', [a, options], 1, 2, 2);
  }

  // ---- resampling: output rows computed as in the whole-image op ------------------------------

  /** `resize` (cv2.resize) on bands of output rows. */
  resize(a: PixelArray, width: number, height: number, options?: ResizeOptions): PixelArray {
    if (arguments.length > 4) throw tooManyArguments('Pool.resize', ['a', 'width', 'height', 'options'], arguments.length);
    const outSize = Number.isSafeInteger(width) && Number.isSafeInteger(height) && a instanceof PixelArray ? width * height * a.shape[2] : 0;
    if (!(a instanceof PixelArray) || !this.#worth(Math.max(a.size, outSize), height)) return resize(a, width, height, options);
    validate(resize, [a, width, height, options], 3, [height, width, a.shape[2]]);
    return this.#run({
      kind: 'resize', args: [a, width, height, options?.interpolation ?? 'bilinear', options], optIndex: 4,
      outShape: [height, width, a.shape[2]], contiguousOut: true, inputLayout: 'rows',
    }) as PixelArray;
  }

  /** `warpAffine` (cv2.warpAffine) on bands of output rows. */
  warpAffine(a: PixelArray, matrix: AffineMatrix, width: number, height: number, options?: WarpAffineOptions): PixelArray {
    if (arguments.length > 5) throw tooManyArguments('Pool.warpAffine', ['a', 'matrix', 'width', 'height', 'options'], arguments.length);
    const outSize = Number.isSafeInteger(width) && Number.isSafeInteger(height) && a instanceof PixelArray ? width * height * a.shape[2] : 0;
    if (!(a instanceof PixelArray) || !this.#worth(Math.max(a.size, outSize), height)) {
      return warpAffine(a, matrix, width, height, options);
    }
    validate(warpAffine, [a, matrix, width, height, options], 4, [height, width, a.shape[2]]);
    return this.#run({
      kind: 'warp', args: [a, matrix, options], optIndex: 2,
      outShape: [height, width, a.shape[2]], contiguousOut: true, inputLayout: 'rows',
    }) as PixelArray;
  }

  // ---- histograms: per-band counts, summed ---------------------------------------------------

  /** `calcHist` (cv2.calcHist) on row bands: the bands' counts are summed (exactly, see band.ts). */
  calcHist(a: PixelArray, options?: CalcHistOptions): Float32Array {
    if (arguments.length > 2) throw tooManyArguments('Pool.calcHist', ['a', 'options'], arguments.length);
    // Counting fewer channels than the image has costs less than copying all of them into shared
    // memory: such calls on ordinary arrays run inline (measured: 3 one-channel calls on 1080p RGB
    // took 6.8 ms banded with the copies, 5.0 ms inline).
    const counted = Array.isArray(options?.channels) ? options.channels.length : 1;
    const copyCostsMore = a instanceof PixelArray && !isShared(a) && counted < a.shape[2];
    if (!(a instanceof PixelArray) || !this.#worth(a.size, a.shape[0]) || a.shape[1] > HIST_EXACT_PIXELS || copyCostsMore) {
      return calcHist(a, options);
    }
    validate(calcHist, [a, options]);
    return this.#run({ kind: 'hist', args: [a, options], outShape: null, rows: a.shape[0] }) as Float32Array;
  }

  // ---- machinery ------------------------------------------------------------------------------

  /** Throws after close(); true when a call of this size is worth banding. */
  #worth(elements: number, rows: number): boolean {
    if (this.#closed) throw new Error('pixelarray/parallel: the pool is closed');
    if (this.#broken) {
      throw new Error(`pixelarray/parallel: a worker thread of the pool has stopped${this.#brokenReason ? ` (${this.#brokenReason})` : ''}; create a new pool`);
    }
    return this.#slots.length > 0 && elements >= this.#minElements && rows >= 2;
  }

  /** An element-wise op; the result has `channels` channels (default: those of `a`; a function: known once the checks passed). */
  #rows(op: (...args: never[]) => PixelArray, name: string, args: unknown[], optIndex: number,
    channels?: number | (() => number)): PixelArray {
    const a = args[0];
    if (!(a instanceof PixelArray) || !this.#worth(a.size, a.shape[0])) return (op as (...args: unknown[]) => PixelArray)(...args);
    const [h, w, c] = a.shape;
    validate(op, args, optIndex, typeof channels === 'function' ? undefined : [h, w, channels ?? c]);
    const outShape: Shape = [h, w, typeof channels === 'function' ? channels() : channels ?? c];
    const keepsOut = (args[optIndex] as MaskOptions | undefined)?.mask !== undefined;
    return this.#run({ kind: 'rows', op: name, args, optIndex, outShape, keepsOut }) as PixelArray;
  }

  #filter(op: string, args: unknown[], optIndex: number, top: number, bottom: number): PixelArray {
    return this.#run({ kind: 'filter', op, args, optIndex, outShape: (args[0] as PixelArray).shape, top, bottom }) as PixelArray;
  }

  #copy(a: PixelArray, view: () => PixelArray, options?: { out?: PixelArray }): PixelArray {
    if (!(a instanceof PixelArray)) return clone(view(), options);
    const v = view(); // the view op's own checks (O(1), no pixels read)
    // A view whose rows are contiguous (a crop, a vertical flip) is copied by one memcpy per row:
    // memory-bound, inline. Flips along rows, transposes and rotations are banded.
    if (!this.#worth(v.size, v.shape[0]) || hasContiguousRows(v)) return clone(v, options);
    validate(clone, [v, options], 1, v.shape);
    return this.#run({ kind: 'copy', args: [v, options], optIndex: 1, outShape: v.shape }) as PixelArray;
  }

  /**
   * Runs a validated call on bands. Band 0 is computed on this thread from the arguments as given,
   * into the final result; the workers read shared copies of the rows they need (element-wise
   * ops: their own rows, filters: those and the kernel's reach, other ops: the whole input) and
   * write shared scratch, whose rows are then copied into the result. An `out` in shared memory
   * that no input overlaps is written directly by every band.
   */
  #run(plan: Plan): PixelArray | Float32Array {
    const args = [...plan.args];
    const optIndex = plan.optIndex ?? -1;
    let userOut: PixelArray | undefined;
    if (optIndex >= 0 && args[optIndex] !== undefined) {
      const { out, ...rest } = checkOptions(args[optIndex] as OutOptions);
      userOut = out;
      args[optIndex] = rest;
    }
    const inputs: PixelArray[] = [];
    mapArrays(args, (a) => inputs.push(a));
    const shape = plan.outShape;
    const height = plan.rows ?? (shape === null ? 0 : shape[0]); // rows to cut into bands
    const bands = Math.max(1, Math.min(this.#threads, height));
    const bound = (i: number): number => Math.round((i * height) / bands);
    const split1 = bound(1); // band 0 is rows [0, split1)

    // The first input row the workers read: bands of rows read their own rows (filters: and the
    // kernel's reach); the other ops may read any row.
    const local = plan.kind === 'rows' || plan.kind === 'hist';
    const from = local ? split1 : plan.kind === 'filter' ? Math.max(0, split1 - (plan.top ?? 0)) : 0;
    const { shared, compacted } = this.#shareInputs(inputs, plan.inputLayout, from);
    const workerArgs = mapArrays(args, (a) => shared.get(a)) as unknown[];
    const mainArgs = mapArrays(args, (a) => (compacted.has(a) ? shared.get(a) : a)) as unknown[];

    // Where the workers write (shared) and where band 0 writes (the result).
    let workerOut: PixelArray | null = null, mainOut: PixelArray | null = null;
    if (shape !== null) {
      const s = shape;
      const overlapping = userOut !== undefined && inputs.some((a) => overlaps(a, userOut));
      const writable = userOut !== undefined && !overlapping && (!plan.contiguousOut || isContiguous(userOut));
      if (writable && isShared(userOut!)) {
        workerOut = mainOut = userOut!;
      } else {
        const scratch = this.#scratch(s, userOut);
        workerOut = scratch;
        // An `out` that overlaps an input is written last, from scratch, once every band is done.
        mainOut = writable ? userOut! : userOut === undefined ? new PixelArray(new Uint8Array(s[0] * s[1] * s[2]), s) : scratch;
        // Masked ops keep out's pixels where the mask is 0 (zeros in a new result).
        if (plan.keepsOut) {
          if (userOut === undefined) scratch.data.fill(0);
          else copyInto(userOut, scratch);
        }
      }
    }

    const job: Job = {
      kind: plan.kind, op: plan.op ?? '', args: encodeArgs(workerArgs), optIndex,
      out: workerOut === null ? null : encodeView(workerOut),
      y0: 0, y1: 0, top: plan.top ?? 0, bottom: plan.bottom ?? 0,
    };
    const results = this.#dispatch(job, { ...job, args: mainArgs, out: mainOut, y0: 0, y1: split1 }, bound, bands);

    if (plan.kind === 'hist') {
      const sum = results[0] as Float64Array;
      for (let i = 1; i < results.length; i++) {
        const r = results[i] as Float64Array;
        for (let k = 0; k < sum.length; k++) sum[k] += r[k];
      }
      return Float32Array.from(sum);
    }
    const result = mainOut as PixelArray;
    if (result !== workerOut) copyRows(workerOut as PixelArray, result, split1, height);
    if (userOut !== undefined && result !== userOut) copyInto(result, userOut);
    return userOut ?? result;
  }

  /**
   * Posts bands 1.. to the workers, computes band 0 (`main`) here, waits for the workers and
   * returns every band's result in order. Throws the first band error after all bands finished.
   */
  #dispatch(job: Job, main: Job, bound: (i: number) => number, bands: number): (Float64Array | null)[] {
    const seq = ++this.#seq;
    for (let i = 1; i < bands; i++) {
      const slot = i - 1;
      this.#slots[slot].port.postMessage({ ...job, y0: bound(i), y1: bound(i + 1) });
      Atomics.store(this.#ctrl, CTRL_WORDS * slot, seq);
      Atomics.notify(this.#ctrl, CTRL_WORDS * slot);
    }
    const results: (Float64Array | null)[] = [];
    let failure: unknown = null;
    try {
      results.push(runBand(main));
    } catch (e) {
      failure = e;
    }
    for (let i = 1; i < bands; i++) {
      const slot = i - 1, base = CTRL_WORDS * slot;
      // Bounded waits: a worker that never started (or died) must not block this thread forever,
      // and while this thread waits, no 'exit' or 'error' event of the worker can be delivered.
      const stall = !this.#waitFor(base + 2, seq, this.#startTimeout) ? `did not pick up its job within ${this.#startTimeout} ms`
        : !this.#waitFor(base + 1, seq, this.#jobTimeout) ? `did not finish its band within ${this.#jobTimeout} ms` : null;
      if (stall !== null) {
        const reason = `worker ${slot + 1} ${stall}${this.#brokenReason ? `; ${this.#brokenReason}` : ''}`;
        this.#broken = true;
        this.#brokenReason = reason;
        void this.close();
        throw new Error(`pixelarray/parallel: ${reason}. The pool is closed; create a new one ` +
          '(or pass larger startTimeout/jobTimeout to createPool)');
      }
      const reply = receiveMessageOnPort(this.#slots[slot].port)?.message as
        { ok: true; result: Float64Array | null } | { ok: false; name: string; message: string; stack: string } | undefined;
      if (reply?.ok) results.push(reply.result);
      else if (failure === null) {
        failure = new Error(`pixelarray/parallel: a worker failed on rows ${bound(i)}..${bound(i + 1) - 1}: ` +
          (reply ? `${reply.name}: ${reply.message}` : 'no reply'), { cause: reply?.stack });
      }
    }
    if (failure !== null) throw failure;
    return results;
  }

  /** Waits until control word `index` holds `seq`, for at most `timeout` ms; false when it did not. */
  #waitFor(index: number, seq: number, timeout: number): boolean {
    const deadline = performance.now() + timeout;
    for (let v = Atomics.load(this.#ctrl, index); v !== seq; v = Atomics.load(this.#ctrl, index)) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.#ctrl, index, v, left);
    }
    return true;
  }

  /**
   * Shared-memory versions of the image arguments, for the workers: those already in a
   * SharedArrayBuffer (with the layout the op needs) as they are, the others copied into the
   * pool's input scratch. A copy keeps the view's layout (one memcpy of the bytes it spans, from
   * row `from` on: the workers read no row above) unless the op needs another layout (`compacted`:
   * a contiguous copy, which band 0 then uses too).
   */
  #shareInputs(inputs: PixelArray[], layout: 'rows' | 'all' | undefined, from: number):
    { shared: Map<PixelArray, PixelArray>; compacted: Set<PixelArray> } {
    const fits = (a: PixelArray): boolean => layout === undefined || (layout === 'rows' ? hasContiguousRows(a) : isContiguous(a));
    const todo: { a: PixelArray; span: [number, number] | null; compact: boolean }[] = [];
    const shared = new Map<PixelArray, PixelArray>(), compacted = new Set<PixelArray>();
    for (const a of inputs) {
      if (shared.has(a)) continue;
      shared.set(a, a);
      if (isShared(a) && fits(a)) continue;
      const compact = !fits(a);
      if (compact) compacted.add(a);
      todo.push({ a, span: compact ? null : span(a), compact });
    }
    if (todo.length === 0) return { shared, compacted };
    const align = (n: number): number => (n + 7) & ~7;
    const bytes = (t: (typeof todo)[number]): number => (t.compact ? t.a.size : t.span === null ? 0 : t.span[1] - t.span[0] + 1);
    const total = todo.reduce((s, t) => s + align(bytes(t)) + 8, 0);
    if (this.#inArena === null || this.#inArena.byteLength < total) this.#inArena = grow(this.#inArena, total);
    let at = 0;
    for (const t of todo) {
      const { a } = t;
      const n = bytes(t);
      let copy: PixelArray;
      if (t.compact) {
        copy = new PixelArray(new Uint8Array(this.#inArena, at, n), a.shape);
        copyInto(a, copy);
      } else {
        // At the byte phase of the source, so that the copy is a word copy (see band.ts).
        const lo = t.span === null ? a.offset : t.span[0];
        at += (a.data.byteOffset + lo) & 7;
        const data = new Uint8Array(this.#inArena, at, n);
        const needed = from > 0 && from < a.shape[0] ? span(rows(a, from, a.shape[0])) : t.span;
        if (needed !== null) data.set(a.data.subarray(needed[0], needed[1] + 1), needed[0] - lo);
        copy = new PixelArray(data, a.shape, a.stride, a.offset - lo);
      }
      shared.set(a, copy);
      at = align(at + n);
    }
    return { shared, compacted };
  }

  /**
   * A contiguous array of `shape` in the pool's output scratch (overwritten by the next call), at
   * the byte phase of `like` when that is contiguous (the result is copied there: a word copy).
   */
  #scratch(shape: Shape, like?: PixelArray): PixelArray {
    const n = shape[0] * shape[1] * shape[2];
    if (this.#outArena === null || this.#outArena.byteLength < n + 8) this.#outArena = grow(this.#outArena, n + 8);
    const at = like !== undefined && isContiguous(like) ? (like.data.byteOffset + like.offset) & 7 : 0;
    return new PixelArray(new Uint8Array(this.#outArena, at, n), shape);
  }
}

/**
 * The worker module: dist/parallel/worker.js. When this module runs from its TypeScript source
 * (tests under `node --import tsx`), Node 20 does not apply tsx's hooks to workers: the worker then
 * starts from a small script that registers tsx in its own thread before importing worker.ts.
 */
function workerEntry(): URL | string {
  if (!import.meta.url.endsWith('.ts')) return new URL('./worker.js', import.meta.url);
  const worker = new URL('./worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); });`;
}

/** The element range `[lo, hi]` of `a.data` a non-empty view touches, or null. */
function span(a: PixelArray): [number, number] | null {
  if (a.size === 0) return null;
  let lo = a.offset, hi = a.offset;
  for (let k = 0; k < 3; k++) {
    const d = (a.shape[k] - 1) * a.stride[k];
    if (d < 0) lo += d; else hi += d;
  }
  return [lo, hi];
}

/** Copies rows [y0, y1) of `src` into the same rows of `dst`. */
function copyRows(src: PixelArray, dst: PixelArray, y0: number, y1: number): void {
  if (y1 > y0) copyInto(rows(src, y0, y1), rows(dst, y0, y1));
}

/**
 * A SharedArrayBuffer of at least `bytes`, a quarter larger than the old one so that slowly growing
 * calls do not reallocate each time. Scratch is reused rather than allocated per call: the first
 * touch of fresh shared memory costs page faults (about 4–7 ms for 6 MB, measured), far more than
 * a copy.
 */
function grow(old: SharedArrayBuffer | null, bytes: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Math.max(bytes, old === null ? 0 : Math.floor(old.byteLength * 1.25)));
}

/**
 * Starts a pool of `threads − 1` worker threads (see {@link PoolOptions}). The workers sleep
 * between calls and are unref'ed: a forgotten pool does not keep the process alive. `close()` stops
 * them.
 */
export function createPool(options?: PoolOptions): Pool {
  if (arguments.length > 1) throw tooManyArguments('createPool', ['options'], arguments.length);
  const opts = checkOptions(options);
  const threads = opts.threads === undefined ? Math.min(availableParallelism(), MAX_THREADS) : checkInt(opts.threads, 'options.threads', 1, MAX_THREADS);
  const minElements = opts.minElements === undefined ? DEFAULT_MIN_ELEMENTS : checkInt(opts.minElements, 'options.minElements', 0);
  const ms = (v: unknown, name: string, fallback: number): number => {
    if (v === undefined) return fallback;
    if (v === Infinity) return Infinity;
    return checkInt(v, name, 1);
  };
  checkOptionKeys(opts, ['threads', 'minElements', 'startTimeout', 'jobTimeout']);
  return new Pool(threads, minElements, ms(opts.startTimeout, 'options.startTimeout', 10_000), ms(opts.jobTimeout, 'options.jobTimeout', 120_000));
}

// `using pool = createPool()` (explicit resource management) where the runtime has Symbol.dispose.
const dispose = (Symbol as { dispose?: symbol }).dispose;
if (typeof dispose === 'symbol') {
  Object.defineProperty(Pool.prototype, dispose, {
    value(this: Pool) { void this.close(); },
    configurable: true,
    writable: true,
  });
}
