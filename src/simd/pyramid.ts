// SIMD pyrDown and pyrUp: the core's functions (src/imgproc/pyramid.ts) with SIMD128 kernels
// (assembly/pyramid.ts) for every channel count and border the core accepts; the border tables
// (mapped rows and columns) come from the core's borderIndex. Bad options, empty images and tiny
// images go to the core.
import type { PixelArray, Shape } from '../core/pixelarray.ts';
import { borderIndex, type BorderMode } from '../imgproc/border.ts';
import { pyrDown as corePyrDown, pyrUp as corePyrUp, type PyrDownOptions, type PyrUpOptions } from '../imgproc/pyramid.ts';
import { planOrCore } from './dispatch.ts';
import { optionsOf } from './filters.ts';
import type { Plan } from './runtime.ts';

/** The borders cv2.pyrDown accepts (not 'constant'). */
const DOWN_BORDERS: readonly string[] = ['reflect101', 'replicate', 'reflect', 'wrap'];
/** Slack past the kernels' scratch rows (they compute whole vectors). */
const SLACK = 64;

/** The mapped index (the core's borderIndex) of each position `from` … `to` on an axis of `len`. */
function mappedIndices(from: number, to: number, len: number, border: BorderMode): Int32Array {
  const t = new Int32Array(to - from + 1);
  for (let p = from; p <= to; p++) t[p - from] = borderIndex(p, len, border);
  return t;
}

/** The plan of `pyrDown(a, options)` for an image of `shape`; null for bad options or an empty image. */
export function pyrDownPlan(shape: Shape, options?: PyrDownOptions): Plan | null {
  const o = optionsOf(options);
  if (!o) return null;
  const border = o.border === undefined ? 'reflect101' : o.border;
  if (typeof border !== 'string' || !DOWN_BORDERS.includes(border)) return null;
  const [h, w, c] = shape;
  if (h === 0 || w === 0) return null;
  const dh = (h + 1) >> 1, dw = (w + 1) >> 1;
  return {
    shape: [dh, dw, c],
    run(ws, src) {
      const mode = border as BorderMode;
      const rows = ws.putInt32(mappedIndices(-2, 2 * dh, h, mode)), cols = ws.putInt32(mappedIndices(-2, 2 * dw + 1, w, mode));
      const vbuf = ws.alloc(2 * (2 * dw + 4) * c + SLACK), rbuf = ws.alloc(2 * dw * c + SLACK), dst = ws.alloc(dh * dw * c);
      ws.k.pyrDownRows(src, w, c, dst, dw, dh, rows, cols, vbuf, rbuf);
      return dst;
    },
  };
}

/** The plan of `pyrUp(a, options)` for an image of `shape`; null for bad options or an empty image. */
export function pyrUpPlan(shape: Shape, options?: PyrUpOptions): Plan | null {
  const o = optionsOf(options);
  if (!o || (o.border !== undefined && o.border !== 'reflect101')) return null;
  const [h, w, c] = shape;
  if (h === 0 || w === 0) return null;
  return {
    shape: [2 * h, 2 * w, c],
    run(ws, src) {
      // The core's row mapping: reflect101 on the zero-inserted 2h rows.
      const map = new Int32Array(h + 2);
      for (let p = -1; p <= h; p++) map[p + 1] = borderIndex(2 * p, 2 * h, 'reflect101') >> 1;
      const rows = ws.putInt32(map);
      const sums = 2 * (w + 2) * c + SLACK, bytes = w * c + SLACK;
      const ebuf = ws.alloc(sums), obuf = ws.alloc(sums), eb = ws.alloc(bytes), ob = ws.alloc(bytes);
      const dst = ws.alloc(4 * h * w * c);
      ws.k.pyrUpRows(src, w, h, c, dst, rows, ebuf, obuf, eb, ob);
      return dst;
    },
  };
}

/** `cv2.pyrDown` (see the core's `pyrDown`): SIMD for every border and channel count it accepts. */
export function pyrDown(a: PixelArray, options?: PyrDownOptions): PixelArray {
  return planOrCore(corePyrDown, arguments, 2, (x) => pyrDownPlan(x.shape, options), options, ['border']);
}

/** `cv2.pyrUp` (see the core's `pyrUp`): SIMD for every channel count. */
export function pyrUp(a: PixelArray, options?: PyrUpOptions): PixelArray {
  return planOrCore(corePyrUp, arguments, 2, (x) => pyrUpPlan(x.shape, options), options, ['border']);
}
