// SIMD split and merge: the core's functions (src/ops/channels.ts) with SIMD128 byte-shuffle
// kernels for 3- and 4-channel images (split into planes, planes merged). Every other form —
// np.split sections, multi-channel merge inputs, other channel counts — goes to the core.
//
// `split` has several outputs and `merge` several inputs, which the single-input, single-output
// `Plan` does not describe: a `MultiPlan` takes the addresses of several packed inputs and
// returns the addresses of several packed outputs, and `runMultiPlan` copies in and out.
import { merge as coreMerge, split as coreSplit, type SplitOptions } from '../ops/channels.ts';
import type { OutOptions } from '../ops/arithmetic.ts';
import { PixelArray, type Shape } from '../core/pixelarray.ts';
import { callCore, MIN_KERNEL_BYTES, plainOut } from './dispatch.ts';
import { activeKernels, ArenaFull, canStreamInto, streamPixels, Workspace, type Kernels } from './runtime.ts';

/**
 * A plan over several packed inputs already in the arena: the shapes of its outputs, and `run`,
 * which allocates the outputs in the workspace, runs the kernels and returns their addresses (in
 * the order of `shapes`).
 */
export interface MultiPlan {
  readonly shapes: readonly Shape[];
  run(ws: Workspace, srcs: readonly number[]): number[];
  /**
   * Present for pixel-wise plans: bytes per pixel of each input and each output, and the kernel
   * on `pixels` pixels of chunk buffers, so that contiguous arrays stream through the arena in
   * cache-sized chunks (as `Streaming` does for single-input plans).
   */
  readonly chunked?: {
    readonly pixelIns: readonly number[];
    readonly pixelOuts: readonly number[];
    kernel(k: Kernels, ins: readonly number[], outs: readonly number[], pixels: number): void;
  };
}

/** The chunked run (runtime.ts `streamPixels`) when every array allows it; null otherwise. */
function runChunked(ws: Workspace, inputs: readonly PixelArray[], plan: MultiPlan,
  outs: readonly (PixelArray | undefined)[]): PixelArray[] | null {
  const ch = plan.chunked!;
  if (!canStreamInto(inputs, outs)) return null;
  const pixels = plan.shapes[0][0] * plan.shapes[0][1];
  const results = plan.shapes.map((shape, i) => outs[i] ?? new PixelArray(new Uint8Array(pixels * ch.pixelOuts[i]), shape));
  streamPixels(ws, inputs, ch.pixelIns, results, ch.pixelOuts, (ins, dsts, n) => ch.kernel(ws.k, ins, dsts, n));
  return results;
}

/**
 * One call of a `MultiPlan`: `inputs` copied in, the plan run, output k copied out (into
 * `outs[k]` when given, in order). Null when the arena cannot hold it; the caller then runs the core.
 */
export function runMultiPlan(k: Kernels, inputs: readonly PixelArray[], plan: MultiPlan,
  outs: readonly (PixelArray | undefined)[]): PixelArray[] | null {
  const ws = new Workspace(k);
  try {
    const streamed = plan.chunked ? runChunked(ws, inputs, plan, outs) : null;
    if (streamed) return streamed;
    const srcs = inputs.map((a) => ws.put(a));
    const results = plan.run(ws, srcs);
    return results.map((at, i) => ws.take(at, plan.shapes[i], outs[i]));
  } catch (e) {
    if (e instanceof ArenaFull) return null;
    throw e;
  }
}

/** The split kernel for 3 or 4 planes. */
function splitKernel(k: Kernels, src: number, planes: readonly number[], pixels: number): void {
  if (planes.length === 3) k.split3(src, planes[0], planes[1], planes[2], pixels);
  else k.split4(src, planes[0], planes[1], planes[2], planes[3], pixels);
}

/** The merge kernel for 3 or 4 planes. */
function mergeKernel(k: Kernels, planes: readonly number[], dst: number, pixels: number): void {
  if (planes.length === 3) k.merge3(planes[0], planes[1], planes[2], dst, pixels);
  else k.merge4(planes[0], planes[1], planes[2], planes[3], dst, pixels);
}

/** The plan of `split(a)` for an image of `shape`: its 3 or 4 planes; null for other channel counts. */
export function splitPlan(shape: Shape): MultiPlan | null {
  const [h, w, c] = shape;
  if (c !== 3 && c !== 4) return null;
  const n = h * w;
  return {
    shapes: Array.from({ length: c }, (): Shape => [h, w, 1]),
    run(ws, [src]) {
      const planes = Array.from({ length: c }, () => ws.alloc(n));
      splitKernel(ws.k, src, planes, n);
      return planes;
    },
    chunked: { pixelIns: [c], pixelOuts: new Array<number>(c).fill(1), kernel: (kk, [src], planes, pixels) => splitKernel(kk, src, planes, pixels) },
  };
}

/** The plan of `merge(planes)` for 3 or 4 planes of `h×w×1`; null otherwise. */
export function mergePlan(planeShapes: readonly Shape[]): MultiPlan | null {
  const c = planeShapes.length;
  if (c !== 3 && c !== 4) return null;
  const [h, w] = planeShapes[0];
  if (!planeShapes.every((s) => s[0] === h && s[1] === w && s[2] === 1)) return null;
  const n = h * w;
  return {
    shapes: [[h, w, c]],
    run(ws, p) {
      const dst = ws.alloc(n * c);
      mergeKernel(ws.k, p, dst, n);
      return [dst];
    },
    chunked: { pixelIns: new Array<number>(c).fill(1), pixelOuts: [c], kernel: (kk, p, [dst], pixels) => mergeKernel(kk, p, dst, pixels) },
  };
}

/**
 * `split(a, options)`'s `options.out` when the call is the plain `split(a)` or `split(a, { out })`
 * with one `h×w×1` PixelArray per channel (undefined: fresh planes); false for anything else,
 * which the core then handles (np.split sections, other keys, bad planes and their errors).
 */
function plainPlanes(options: unknown, shape: Shape): (PixelArray | undefined)[] | false {
  if (options === undefined) return [];
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return false;
  const keys = Object.keys(options);
  if (keys.some((key) => key !== 'out')) return false;
  const out = (options as SplitOptions).out;
  if (out === undefined) return [];
  const [h, w, c] = shape;
  if (!Array.isArray(out) || out.length !== c) return false;
  const ok = out.every((p) => p instanceof PixelArray && p.shape[0] === h && p.shape[1] === w && p.shape[2] === 1);
  return ok ? [...out] : false;
}

/**
 * `cv2.split` / `np.split` (see the core's `split`): SIMD for `split(a)` and `split(a, { out })`
 * of a 3- or 4-channel image; `np.split` sections (views) are the core's.
 */
export function split(a: PixelArray, options?: SplitOptions): PixelArray[];
export function split(a: PixelArray, sections: number | readonly number[], axis?: number): PixelArray[];
export function split(a: PixelArray, sections?: number | readonly number[] | SplitOptions): PixelArray[] {
  const k = activeKernels();
  if (k !== null && arguments.length <= 2 && a instanceof PixelArray && a.size >= MIN_KERNEL_BYTES) {
    const plan = splitPlan(a.shape);
    const outs = plan ? plainPlanes(sections, a.shape) : false;
    if (plan && outs !== false) {
      const r = runMultiPlan(k, [a], plan, outs);
      if (r) return r;
    }
  }
  return callCore(coreSplit as (a: PixelArray, sections?: unknown, axis?: number) => PixelArray[], arguments);
}

/** `cv2.merge` (see the core's `merge`): SIMD for 3 or 4 `H×W×1` planes. */
export function merge(channels: readonly PixelArray[], options?: OutOptions): PixelArray {
  const k = activeKernels();
  if (k !== null && arguments.length <= 2 && Array.isArray(channels) && channels.every((p) => p instanceof PixelArray)) {
    const plan = mergePlan(channels.map((p) => p.shape));
    if (plan && plan.shapes[0][0] * plan.shapes[0][1] * plan.shapes[0][2] >= MIN_KERNEL_BYTES) {
      const out = plainOut(options, plan.shapes[0]);
      if (out !== false) {
        const r = runMultiPlan(k, channels, plan, [out]);
        if (r) return r[0];
      }
    }
  }
  return callCore(coreMerge, arguments);
}
