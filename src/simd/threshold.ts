// SIMD threshold: the core's `threshold` (src/imgproc/threshold.ts) with a SIMD128 kernel for
// every fixed type, and for Otsu / triangle once the core has computed the threshold from the
// image. The kernel's five parameters are read off the core's own 256-entry table (the core's
// threshold of the ramp 0..255), so every special case of OpenCV's integer rules is the core's.
import { PixelArray, type Shape } from '../core/pixelarray.ts';
import {
  otsuOf, threshold as coreThreshold, triangleOf, type ThresholdOptions, type ThresholdType,
} from '../imgproc/threshold.ts';
import { planOrCore } from './dispatch.ts';
import type { Plan, Workspace } from './runtime.ts';

/** The kernel's parameters: [t, loMask, loConst, hiMask, hiConst] (see thresholdBytes in assembly/threshold.ts). */
type ThresholdParams = readonly [number, number, number, number, number];

let ramp: PixelArray | null = null;
/** The 256 values 0..255 as a 1×256×1 image: its threshold is the core's table. */
const rampImage = (): PixelArray => (ramp ??= new PixelArray(Uint8Array.from({ length: 256 }, (_, i) => i), [1, 256, 1]));

/**
 * The kernel's parameters for a 256-entry table made of a part below a split and a part above,
 * each one constant or the identity; null for any other table.
 */
function paramsOfTable(table: Uint8Array): ThresholdParams | null {
  let constUpTo = 1, idUpTo = 0, constFrom = 255, idFrom = 256;
  while (constUpTo < 256 && table[constUpTo] === table[0]) constUpTo++;
  while (idUpTo < 256 && table[idUpTo] === idUpTo) idUpTo++;
  while (constFrom > 0 && table[constFrom - 1] === table[255]) constFrom--;
  while (idFrom > 0 && table[idFrom - 1] === idFrom - 1) idFrom--;
  // Parts as [mask, constant]: a constant, or the identity.
  const lows: [number, [number, number]][] = [[constUpTo, [0, table[0]]], [idUpTo, [255, 0]]];
  const highs: [number, [number, number]][] = [[constFrom, [0, table[255]]], [idFrom, [255, 0]]];
  for (const [lowEnd, low] of lows) {
    for (const [highStart, high] of highs) {
      if (highStart > lowEnd) continue;
      // Values below highStart take the low part: v > highStart − 1. No low part: the high one everywhere.
      return highStart === 0 ? [0, ...high, ...high] : [highStart - 1, ...low, ...high];
    }
  }
  return null;
}

const paramsCache = new Map<string, ThresholdParams | null>();

/** The kernel's parameters for `threshold(·, thresh, maxval, type)` from the core's table; null when the core refuses. */
function thresholdParams(thresh: number, maxval: number, type: unknown): ThresholdParams | null {
  const key = `${thresh} ${maxval} ${String(type)}`;
  let params = paramsCache.get(key);
  if (params === undefined) {
    try {
      params = paramsOfTable(coreThreshold(rampImage(), thresh, maxval, type as ThresholdType | undefined).data);
    } catch {
      params = null;
    }
    if (paramsCache.size > 256) paramsCache.clear();
    paramsCache.set(key, params);
  }
  return params;
}

/** A pixel-wise plan running the threshold kernel with `params` on images of `shape`. */
function bytesPlan(shape: Shape, params: ThresholdParams): Plan {
  const [h, w, c] = shape;
  return {
    shape,
    run(ws, src) {
      const dst = ws.alloc(h * w * c);
      ws.k.thresholdBytes(src, dst, h * w * c, ...params);
      return dst;
    },
    streaming: {
      pixelIn: c, pixelOut: c, extraInputs: [],
      prepare: (ws) => (ins, dst, pixels) => ws.k.thresholdBytes(ins[0], dst, pixels * c, ...params),
    },
  };
}

/** `options.method` when the options hold nothing else the plan does not read ('otsu', 'triangle', undefined), else false. */
function methodOf(options: unknown): 'otsu' | 'triangle' | undefined | false {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return false;
  const m = (options as { method?: unknown }).method;
  return m === undefined || m === 'otsu' || m === 'triangle' ? m : false;
}

/**
 * The threshold `method` computes from the packed single-channel image at `src` (in the arena):
 * the histogram by the kernel, the threshold by the core's own Otsu / triangle code.
 */
function thresholdInArena(ws: Workspace, src: number, shape: Shape, method: 'otsu' | 'triangle'): number {
  const pixels = shape[0] * shape[1];
  const hist = ws.alloc(1024), scratch = ws.alloc(4096);
  ws.k.histogram256(src, pixels, hist, scratch);
  const counts = new Int32Array(ws.k.memory.buffer.slice(hist, hist + 1024));
  return method === 'otsu' ? otsuOf(counts, pixels) : triangleOf(counts);
}

/**
 * The plan of `threshold(a, thresh, maxval, type, options)` for an input of `shape`: every type,
 * any channel count; with `options.method` (single channel) the threshold is computed by the
 * core's Otsu / triangle code from the histogram the kernel counts when the plan runs. Null for arguments the core would refuse.
 */
export function thresholdPlan(shape: Shape, thresh: unknown, maxval: unknown, type?: unknown, options?: unknown): Plan | null {
  const method = methodOf(options);
  if (method === false || typeof thresh !== 'number' || typeof maxval !== 'number' || !Number.isFinite(maxval)) return null;
  if (method === undefined) {
    const params = Number.isFinite(thresh) ? thresholdParams(thresh, maxval, type) : null;
    return params && bytesPlan(shape, params);
  }
  // The table for some threshold validates type and maxval as the core will.
  if (shape[2] !== 1 || !thresholdParams(0, maxval, type)) return null;
  return {
    shape,
    run(ws, src) {
      const params = thresholdParams(thresholdInArena(ws, src, shape, method), maxval, type)!;
      return bytesPlan(shape, params).run(ws, src);
    },
  };
}

/**
 * `cv2.threshold` (see the core's `threshold`), SIMD for every type; with `options.method`, the
 * histogram by a kernel and the threshold by the core's Otsu / triangle code.
 */
export function threshold(a: PixelArray, thresh: number, maxval: number, type?: ThresholdType, options?: ThresholdOptions): PixelArray {
  return planOrCore(coreThreshold, arguments, 5, (x) => thresholdPlan(x.shape, thresh, maxval, type, options), options, ['method']);
}
