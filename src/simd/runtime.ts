// Loading the kernel module, and the arena its kernels work in.
//
// User arrays are never views on the module's memory: `memory.grow` detaches every view of the old
// buffer, after which reads silently give undefined. Instead each call lays out its buffers in one
// arena at the start of the module's memory, grows the memory (only here, before anything is
// written), copies the inputs in, runs the kernel and copies the result out. No view of the
// memory survives a call.
import { tooManyArguments } from '../core/errors.ts';
import { copyInto, overlaps, sameLayout } from '../core/copy.ts';
import { LITTLE_ENDIAN } from '../core/packed.ts';
import { isContiguous, PixelArray, type Shape } from '../core/pixelarray.ts';
import { KERNELS_WASM_BASE64 } from './wasm.ts';

/** The kernel module's exports (src/simd/assembly/index.ts); addresses and lengths in bytes. */
export interface Kernels {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  addSaturate(a: number, b: number, o: number, n: number): void;
  subtractSaturate(a: number, b: number, o: number, n: number): void;
  addModulo(a: number, b: number, o: number, n: number): void;
  subtractModulo(a: number, b: number, o: number, n: number): void;
  absdiff(a: number, b: number, o: number, n: number): void;
  bitwiseAnd(a: number, b: number, o: number, n: number): void;
  bitwiseOr(a: number, b: number, o: number, n: number): void;
  bitwiseXor(a: number, b: number, o: number, n: number): void;
  bitwiseNot(a: number, o: number, n: number): void;
  addSaturatePattern(a: number, p: number, o: number, n: number): void;
  subtractSaturatePattern(a: number, p: number, o: number, n: number): void;
  addModuloPattern(a: number, p: number, o: number, n: number): void;
  rgbToGray(s: number, d: number, pixels: number, channels: number, k0: number, k2: number): void;
  // filters (assembly/filters.ts)
  padImage(src: number, dst: number, w: number, c: number, rows: number, nrows: number, cols: number, ncols: number, before: number): void;
  separable(rowAddr: number, dst: number, h: number, w: number, c: number, ky: number, kh: number, kx: number, kw: number,
    before: number, cols: number, ncols: number, mode: number, a: number, b: number, vbuf: number, wbuf: number): void;
  median5(pad: number, dst: number, h: number, w: number, c: number, sorted: number, sortedStride: number): void;
  correlateRows(src: number, dst: number, h: number, w: number, c: number, rows: number, cols: number, ncols: number,
    before: number, ring: number, ringStride: number, kh: number, taps: number, ntaps: number, delta: number, work: number): void;
  emboss(src: number, dst: number, h: number, w: number, c: number): void;
  // channels, materialised geometry, HSV, inRange (channels.ts, geometry.ts, hsv.ts); ss/ds may be negative
  split3(s: number, p0: number, p1: number, p2: number, pixels: number): void;
  merge3(p0: number, p1: number, p2: number, d: number, pixels: number): void;
  split4(s: number, p0: number, p1: number, p2: number, p3: number, pixels: number): void;
  merge4(p0: number, p1: number, p2: number, p3: number, d: number, pixels: number): void;
  reversePixelRows(s: number, d: number, w: number, rows: number, c: number): void;
  transposePixels(s: number, ss: number, d: number, ds: number, rows: number, cols: number, c: number): void;
  rgbToHsv(s: number, d: number, pixels: number, channels: number, blueFirst: number): void;
  inRange(s: number, d: number, pixels: number, channels: number, bounds: number): void;
  // resize and warpAffine (assembly/resize.ts)
  resizeAreaHalf(s: number, d: number, dw: number, dh: number, c: number): void;
  resizeNearest(s: number, sw: number, c: number, d: number, dw: number, dh: number, xofs: number, yrows: number): void;
  resizeLinear(s: number, sw: number, c: number, d: number, dw: number, dh: number,
    xofs: number, xw: number, yrows: number, yw: number, rowA: number, rowB: number): void;
  warpAffineLinear(s: number, sw: number, sh: number, c: number, d: number, dw: number, dh: number,
    ad: number, bd: number, rows: number, cval: number): void;
  // threshold, morphology, Sobel (assembly/threshold.ts, morphology.ts)
  thresholdBytes(s: number, d: number, n: number, t: number, loMask: number, loConst: number, hiMask: number, hiConst: number): void;
  histogram256(s: number, n: number, hist: number, scratch: number): void;
  erodeRows(rowAddr: number, dst: number, h: number, w: number, c: number, groups: number, before: number, cols: number,
    ncols: number, value: number, vbuf: number): void;
  dilateRows(rowAddr: number, dst: number, h: number, w: number, c: number, groups: number, before: number, cols: number,
    ncols: number, value: number, vbuf: number): void;
  sobelRows(rowAddr: number, dst: number, h: number, w: number, c: number, tapsY: number, ntapsY: number, tapsX: number,
    ntapsX: number, before: number, cols: number, ncols: number, delta: number, int16Out: number, vbuf: number): void;
  // calcHist (assembly/histogram.ts)
  histPacked(s: number, pixels: number, c: number, dims: number, params: number, counts: number, total: number): void;
  histFinish(counts: number, total: number, out: number): void;
  histPairs(s: number, pixels: number, c: number, params: number, bits: number, pairs: number, counts: number): void;
  histFoldPairs(pairs: number, bits: number, counts: number): void;
  // pyrDown, pyrUp (assembly/pyramid.ts)
  pyrDownRows(s: number, w: number, c: number, d: number, dw: number, dh: number, rows: number, cols: number, vbuf: number, rbuf: number): void;
  pyrUpRows(s: number, w: number, h: number, c: number, d: number, rows: number, ebuf: number, obuf: number, eb: number, ob: number): void;
  // Scharr with scale 2^-k (assembly/derivatives.ts)
  int16ToUint8Shifted(s: number, d: number, n: number, k: number, delta: number): void;
}

// The smallest module using a SIMD128 instruction (a function returning i8x16.splat(0)): a
// validator without SIMD support refuses it.
const SIMD_PROBE = /* @__PURE__ */ new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11,
]);

let kernels: Kernels | null = null;
let arenaStart = 0;
let loading: Promise<boolean> | null = null;

/** The loaded kernels, or null: the core then does everything. */
export function activeKernels(): Kernels | null {
  return kernels;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

async function load(): Promise<boolean> {
  try {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function' || !WebAssembly.validate(SIMD_PROBE)) {
      return false;
    }
    const module = await WebAssembly.compile(decodeBase64(KERNELS_WASM_BASE64));
    const instance = await WebAssembly.instantiate(module, {});
    const exports = instance.exports as unknown as Kernels;
    arenaStart = (exports.heapBase() + 63) & ~63;
    kernels = exports;
    return true;
  } catch {
    // No WebAssembly, no SIMD, or compilation refused (a Content-Security-Policy without
    // 'wasm-unsafe-eval'): every function stays the pure-TypeScript core.
    return false;
  }
}

/**
 * Loads the WebAssembly SIMD kernels; resolves to `true` when they are in use, `false` when this
 * engine has no WebAssembly SIMD or refuses to compile it (e.g. a Content-Security-Policy without
 * `'wasm-unsafe-eval'`). Never rejects. Until it resolves, and whenever it resolves to `false`,
 * every function of `pixelarray/simd` runs the pure-TypeScript core, with the same results.
 * Calling it again returns the same promise.
 */
export function ready(): Promise<boolean> {
  if (arguments.length > 0) throw tooManyArguments('ready', [], arguments.length);
  loading ??= load();
  return loading;
}

/** True once `ready()` has loaded the SIMD kernels (false before, and where they are unavailable). */
export function simdEnabled(): boolean {
  if (arguments.length > 0) throw tooManyArguments('simdEnabled', [], arguments.length);
  return kernels !== null;
}

const WASM_PAGE = 65536;
/** The arena never grows past this (wasm32 addresses 4 GiB; V8 allows 2–4 GiB): beyond, the core runs. */
const MAX_ARENA = 2 ** 31;

/** Rounds a buffer length up so that every buffer starts on a 64-byte line. */
const lineUp = (n: number): number => (n + 63) & ~63;

/** Thrown by `Workspace.alloc` when the arena would exceed `MAX_ARENA`; callers fall back to the core. */
export class ArenaFull extends Error {}

let workspaces = 0;
/** How many workspaces have been opened (i.e. kernel-backed calls made), for tests. */
export function workspaceCount(): number { return workspaces; }

/**
 * The buffers of one call (or one pipeline run): a bump allocator over the module's memory from
 * its static data on. Addresses stay valid for the whole call; byte views do not (`alloc` may grow
 * the memory, which detaches them), so `heap()` is taken afresh after any `alloc`, used at once
 * and never kept.
 */
export class Workspace {
  private end = arenaStart;
  constructor(readonly k: Kernels) { workspaces++; }

  /** A fresh buffer of `bytes` bytes (contents unspecified), 64-byte aligned. */
  alloc(bytes: number): number {
    const at = this.end;
    const end = at + lineUp(bytes);
    if (end > MAX_ARENA) throw new ArenaFull(`pixelarray/simd: a call needs more than ${MAX_ARENA} bytes of arena`);
    const have = this.k.memory.buffer.byteLength;
    if (end > have) {
      try { this.k.memory.grow(Math.ceil((end - have) / WASM_PAGE)); } catch { throw new ArenaFull('pixelarray/simd: the engine refused to grow the arena'); }
    }
    this.end = end;
    return at;
  }

  /** A byte view of the whole memory, valid until the next `alloc`. */
  heap(): Uint8Array {
    return new Uint8Array(this.k.memory.buffer);
  }

  /** Copies `a` into a new buffer, packed (rows of width × channels bytes, one after the other). */
  put(a: PixelArray): number {
    const at = this.alloc(a.size);
    const heap = this.heap();
    if (isContiguous(a)) heap.set(a.data.subarray(a.offset, a.offset + a.size), at);
    else copyInto(a, new PixelArray(heap, a.shape, undefined, at));
    return at;
  }

  /** Writes `bytes` into a new buffer (a kernel's small parameter table). */
  putBytes(bytes: ArrayLike<number>): number {
    const at = this.alloc(bytes.length);
    this.heap().set(bytes, at);
    return at;
  }

  /** Writes `values` as little-endian int32 into a new buffer (a kernel's table of offsets or weights). */
  putInt32(values: Int32Array): number {
    const at = this.alloc(values.length * 4);
    if (LITTLE_ENDIAN) {
      this.heap().set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), at);
    } else {
      const view = new DataView(this.k.memory.buffer);
      for (let i = 0; i < values.length; i++) view.setInt32(at + 4 * i, values[i], true);
    }
    return at;
  }

  /** The packed image at `at`, copied out: into `out` (any layout) when given, else a new array. */
  take(at: number, shape: Shape, out: PixelArray | undefined): PixelArray {
    const heap = this.heap();
    const n = shape[0] * shape[1] * shape[2];
    if (!out) return new PixelArray(heap.slice(at, at + n), [shape[0], shape[1], shape[2]]);
    if (isContiguous(out)) out.data.set(heap.subarray(at, at + n), out.offset);
    else copyInto(new PixelArray(heap, shape, undefined, at), out);
    return out;
  }
}

/**
 * What a SIMD op does with a packed input already in the arena: its output shape, and `run`,
 * which allocates its output (and any scratch) in the workspace, runs the kernels and returns the
 * output's address. Built by each op's `...Plan` function for its plain case only (null
 * otherwise), and shared by the per-call functions and `pipeline`.
 */
export interface Plan {
  readonly shape: Shape;
  run(ws: Workspace, src: number): number;
  /** Present when each output pixel depends only on the same input pixel: see `Streaming`. */
  readonly streaming?: Streaming;
}

/**
 * A pixel-wise plan, run chunk by chunk: chunks of the input (and of `extraInputs`, images of the
 * input's shape) are copied into fixed buffers that stay in cache, the kernel runs on them and the
 * chunk of the result is copied out. Used for contiguous arrays: the whole-image copies would
 * go through main memory three times, which costs more than the element-wise kernels themselves.
 */
export interface Streaming {
  /** Input bytes per pixel (every input) and output bytes per pixel. */
  readonly pixelIn: number;
  readonly pixelOut: number;
  readonly extraInputs: readonly PixelArray[];
  /** Allocates any constant the kernel needs and returns the chunk kernel (addresses, pixel count). */
  prepare(ws: Workspace): (inputs: readonly number[], dst: number, pixels: number) => void;
}

/** Bytes per chunk of the largest pixel: a multiple of 48 (the pattern kernels' period, see elementwise.ts) and of 1–4 channels. */
const CHUNK_BYTES = 48 * 2048;

/**
 * The chunked run shared by every pixel-wise plan (`Streaming` here, `MultiPlan.chunked` in
 * channels.ts): chunks of the contiguous `inputs` (`pixelIns[i]` bytes per pixel) go into fixed
 * arena buffers, `kernel` runs on them, and the chunks of its outputs are copied into the
 * contiguous `results` (`pixelOuts[i]` bytes per pixel). Whole pixels per chunk, the same number
 * for every array; for pixels of 1–4 bytes (and every divisor of 48) the largest is CHUNK_BYTES.
 */
export function streamPixels(ws: Workspace, inputs: readonly PixelArray[], pixelIns: readonly number[],
  results: readonly PixelArray[], pixelOuts: readonly number[],
  kernel: (ins: readonly number[], outs: readonly number[], pixels: number) => void): void {
  const pixels = inputs[0].shape[0] * inputs[0].shape[1];
  const chunk = Math.max(1, Math.floor(CHUNK_BYTES / Math.max(...pixelIns, ...pixelOuts)));
  const ins = pixelIns.map((b) => ws.alloc(chunk * b));
  const outs = pixelOuts.map((b) => ws.alloc(chunk * b));
  const heap = ws.heap(); // no alloc below: the view stays valid
  for (let p = 0; p < pixels; p += chunk) {
    const n = Math.min(chunk, pixels - p);
    for (let i = 0; i < inputs.length; i++) {
      const a = inputs[i], b = pixelIns[i], from = a.offset + p * b;
      heap.set(a.data.subarray(from, from + n * b), ins[i]);
    }
    kernel(ins, outs, n);
    for (let i = 0; i < results.length; i++) {
      const r = results[i], b = pixelOuts[i];
      r.data.set(heap.subarray(outs[i], outs[i] + n * b), r.offset + p * b);
    }
  }
}

/**
 * True when `streamPixels` may run: every array contiguous, and each given output either separate
 * from every input or exactly one of them (chunk p is read before it is written, so writing over
 * an input of the same layout is safe).
 */
export function canStreamInto(inputs: readonly PixelArray[], outs: readonly (PixelArray | undefined)[]): boolean {
  if (!inputs.every((x) => isContiguous(x))) return false;
  return outs.every((o) => !o || (isContiguous(o) && inputs.every((x) => !overlaps(x, o) || sameLayout(x, o))));
}

/**
 * One call: `a` copied in, `plan` run, the result copied out (into `out` when given). Null when
 * the arena cannot hold it; the caller then runs the core.
 */
export function runPlan(k: Kernels, a: PixelArray, plan: Plan, out: PixelArray | undefined): PixelArray | null {
  const ws = new Workspace(k);
  try {
    const st = plan.streaming;
    if (st && canStreamInto([a, ...st.extraInputs], [out])) {
      const result = out ?? new PixelArray(new Uint8Array(a.shape[0] * a.shape[1] * st.pixelOut), plan.shape);
      const kernel = st.prepare(ws);
      streamPixels(ws, [a, ...st.extraInputs], [a, ...st.extraInputs].map(() => st.pixelIn), [result], [st.pixelOut],
        (ins, outs, pixels) => kernel(ins, outs[0], pixels));
      return result;
    }
    return ws.take(plan.run(ws, ws.put(a)), plan.shape, out);
  } catch (e) {
    if (e instanceof ArenaFull) return null;
    throw e;
  }
}
