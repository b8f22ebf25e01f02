// SIMD RGB/BGR → HSV (a `cvtColor` plan, see color.ts) and `inRange` with number bounds: the core's
// functions (src/imgproc/color.ts) with SIMD128 kernels for their plain cases; bounds that are
// images, 2-channel images and everything unusual go to the core.
import { inRange as coreInRange, type RangeBound } from '../imgproc/color.ts';
import type { OutOptions } from '../ops/arithmetic.ts';
import { roundHalfEven } from '../core/numeric.ts';
import type { PixelArray, Shape } from '../core/pixelarray.ts';
import { planOrCore } from './dispatch.ts';
import type { Plan } from './runtime.ts';

/** The plan of `cvtColor(a, code)` for RGB2HSV / BGR2HSV on 3 or 4 channels; null for anything else. */
export function hsvPlan(shape: Shape, code: unknown): Plan | null {
  const [h, w, c] = shape;
  if ((code !== 'RGB2HSV' && code !== 'BGR2HSV') || (c !== 3 && c !== 4)) return null;
  const blueFirst = code === 'BGR2HSV' ? 1 : 0;
  return {
    shape: [h, w, 3],
    run(ws, src) {
      const dst = ws.alloc(h * w * 3);
      ws.k.rgbToHsv(src, dst, h * w, c, blueFirst);
      return dst;
    },
  };
}

/**
 * A number bound of `inRange` as the core reads it (a finite number, or 1 or `channels` finite
 * numbers, rounded half to even); null for image bounds and anything the core would reject.
 */
function numberBound(b: unknown, channels: number): number[] | null {
  const list = typeof b === 'number' ? [b] : Array.isArray(b) ? b : null;
  if (list === null || (list.length !== 1 && list.length !== channels)) return null;
  if (!list.every((v) => typeof v === 'number' && Number.isFinite(v))) return null;
  const values = (list as number[]).map(roundHalfEven);
  return values.length === 1 ? new Array<number>(channels).fill(values[0]) : values;
}

/** The plan of `inRange(a, lower, upper)` for number bounds on 1, 3 or 4 channels; null otherwise. */
export function inRangePlan(shape: Shape, lower: unknown, upper: unknown): Plan | null {
  const [h, w, c] = shape;
  if (c !== 1 && c !== 3 && c !== 4) return null;
  const lo = numberBound(lower, c), hi = numberBound(upper, c);
  if (!lo || !hi) return null;
  // Bytes lo[0..3], hi[0..3] clamped to 0..255 as the core's tables are; an empty range is 255..0.
  const bounds = new Array<number>(8).fill(0);
  for (let k = 0; k < c; k++) {
    const from = Math.max(0, lo[k]), to = Math.min(255, hi[k]);
    [bounds[k], bounds[4 + k]] = from <= to ? [from, to] : [255, 0];
  }
  return {
    shape: [h, w, 1],
    run(ws, src) {
      const table = ws.putBytes(bounds), dst = ws.alloc(h * w);
      ws.k.inRange(src, dst, h * w, c, table);
      return dst;
    },
  };
}

/** `cv2.inRange` (see the core's `inRange`), SIMD for number bounds on 1, 3 or 4 channels. */
export function inRange(a: PixelArray, lower: RangeBound, upper: RangeBound, options?: OutOptions): PixelArray {
  return planOrCore(coreInRange, arguments, 4, (x) => inRangePlan(x.shape, lower, upper), options);
}
