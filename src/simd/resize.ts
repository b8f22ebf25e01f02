// SIMD resize and warpAffine: the core's functions (src/imgproc/resize.ts, warp.ts) with SIMD128
// kernels for bilinear resize (and area resize where cv::resize runs the bilinear code or the
// exact ½ box), and for bilinear warpAffine with a constant border, on 1, 3 or 4 channels. The
// coefficient and offset tables are the core's own (linearCoefficients, columnDeltas); every other
// case goes to the core.
import { resize as coreResize, linearCoefficients, nearestIndices, resizePath, type ResizeOptions } from '../imgproc/resize.ts';
import {
  AB_SCALE, columnDeltas, cvRoundInt, INTER_TAB_SIZE, invertAffine, readBorderValue, readMatrix, warpAffine as coreWarpAffine,
  type AffineMatrix, type WarpAffineOptions,
} from '../imgproc/warp.ts';
import { MAX_ELEMENTS, type PixelArray, type Shape } from '../core/pixelarray.ts';
import { planOrCore } from './dispatch.ts';
import type { Plan } from './runtime.ts';

/** Bytes past an output a kernel may store into (RGB stores 16 bytes per 12). */
const STORE_SLACK = 16;

/** A target size the core accepts and whose result it can hold, or null. */
function targetShape(width: unknown, height: unknown, c: number): Shape | null {
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height)) return null;
  const dw = width as number, dh = height as number;
  if (dw < 1 || dh < 1 || dw * dh * c > MAX_ELEMENTS) return null;
  return [dh, dw, c];
}

/** `options[key]` of a plain options object (undefined when absent); null when options is not one. */
function optionValue(options: unknown, key: string): { value: unknown } | null {
  if (options === undefined) return { value: undefined };
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return null;
  return { value: (options as Record<string, unknown>)[key] };
}

/**
 * The plan of `resize(a, width, height, options)` for an input of `shape`, or null: kernels for
 * 1, 3 or 4 channels, `'nearest'`, and `'bilinear'` (the default) and `'area'` where cv::resize
 * runs its bilinear code (any bilinear size; area enlarging on an axis) or the exact ½ box.
 */
export function resizePlan(shape: Shape, width: unknown, height: unknown, options: unknown): Plan | null {
  const [sh, sw, c] = shape;
  const option = optionValue(options, 'interpolation');
  const interpolation = option?.value === undefined ? 'bilinear' : option.value;
  if (option === null || (interpolation !== 'bilinear' && interpolation !== 'area' && interpolation !== 'nearest')) return null;
  const out = targetShape(width, height, c);
  if (out === null || (c !== 1 && c !== 3 && c !== 4)) return null;
  const [dh, dw] = out;
  if (dw === sw && dh === sh) return null; // a copy: the core's
  const path = resizePath(sw, sh, dw, dh, interpolation);
  const n = dh * dw * c;
  if (path.kind === 'nearest') {
    return {
      shape: out,
      run(ws, src) {
        const xofs = nearestIndices(sw, dw);
        for (let x = 0; x < dw; x++) xofs[x] *= c;
        const pxofs = ws.putInt32(xofs), pyrows = ws.putInt32(nearestIndices(sh, dh));
        const dst = ws.alloc(n + STORE_SLACK);
        ws.k.resizeNearest(src, sw, c, dst, dw, dh, pxofs, pyrows);
        return dst;
      },
    };
  }
  if (path.kind === 'areaFast') {
    if (path.scaleX !== 2 || path.scaleY !== 2 || sw !== 2 * dw || sh !== 2 * dh) return null;
    return {
      shape: out,
      run(ws, src) {
        const dst = ws.alloc(n + STORE_SLACK);
        ws.k.resizeAreaHalf(src, dst, dw, dh, c);
        return dst;
      },
    };
  }
  if (path.kind !== 'linear' && path.kind !== 'linearArea') return null;
  const areaMode = path.kind === 'linearArea';
  return {
    shape: out,
    run(ws, src) {
      // The core's coefficients: per column the clamped source pixel and (a0, a1), per row the
      // source row (clamped here as the core clamps it) and (b0, b1).
      const xs = new Int32Array(dw), a0 = new Int32Array(dw), a1 = new Int32Array(dw);
      linearCoefficients(sw, dw, path.scaleX, path.invX, areaMode, true, xs, a0, a1);
      const ys = new Int32Array(dh), b0 = new Int32Array(dh), b1 = new Int32Array(dh);
      linearCoefficients(sh, dh, path.scaleY, path.invY, areaMode, false, ys, b0, b1);
      const xofs = new Int32Array(dw), xw = new Int32Array(dw * c);
      for (let x = 0; x < dw; x++) {
        xofs[x] = xs[x] * c;
        xw.fill(a0[x] | (a1[x] << 16), x * c, x * c + c);
      }
      const clampRow = (r: number): number => (r < 0 ? 0 : r >= sh ? sh - 1 : r);
      const yrows = new Int32Array(2 * dh), yw = new Int32Array(dh);
      for (let y = 0; y < dh; y++) {
        yrows[2 * y] = clampRow(ys[y]);
        yrows[2 * y + 1] = clampRow(ys[y] + 1);
        yw[y] = b0[y] | (b1[y] << 16);
      }
      const pxofs = ws.putInt32(xofs), pxw = ws.putInt32(xw), pyrows = ws.putInt32(yrows), pyw = ws.putInt32(yw);
      const rowA = ws.alloc(2 * dw * c), rowB = ws.alloc(2 * dw * c);
      const dst = ws.alloc(n + STORE_SLACK);
      ws.k.resizeLinear(src, sw, c, dst, dw, dh, pxofs, pxw, pyrows, pyw, rowA, rowB);
      return dst;
    },
  };
}

/** `cv2.resize` (see the core's `resize`), SIMD for nearest, bilinear and area (½ or enlarging) on 1, 3 or 4 channels. */
export function resize(a: PixelArray, width: number, height: number, options?: ResizeOptions): PixelArray {
  return planOrCore(coreResize, arguments, 4, (x) => resizePlan(x.shape, width, height, options), options, ['interpolation']);
}

/** Sources this wide or tall can tell a coordinate saturated to int16 from the raw one: the core's. */
const MAX_WARP_SOURCE = 32767;

/**
 * The plan of `warpAffine(a, matrix, width, height, options)` for an input of `shape`, or null:
 * a kernel for bilinear interpolation (the default) with a constant border (the default, any
 * `borderValue`), `inverseMap` or not, on 1, 3 or 4 channels.
 */
export function warpAffinePlan(shape: Shape, matrix: unknown, width: unknown, height: unknown, options: unknown): Plan | null {
  const [sh, sw, c] = shape;
  const interpolation = optionValue(options, 'interpolation'), border = optionValue(options, 'border');
  const inverseMap = optionValue(options, 'inverseMap'), borderValue = optionValue(options, 'borderValue');
  if (!interpolation || !border || !inverseMap || !borderValue) return null;
  if ((interpolation.value !== undefined && interpolation.value !== 'bilinear') || (border.value !== undefined && border.value !== 'constant')) return null;
  if (inverseMap.value !== undefined && typeof inverseMap.value !== 'boolean') return null;
  const out = targetShape(width, height, c);
  if (out === null || (c !== 1 && c !== 3 && c !== 4) || sw > MAX_WARP_SOURCE || sh > MAX_WARP_SOURCE) return null;
  let M: number[], cval: Uint8Array;
  try {
    M = readMatrix(matrix);
    cval = readBorderValue(borderValue.value, c);
  } catch {
    return null; // the core throws its own error
  }
  if (!inverseMap.value) M = invertAffine(M);
  const [dh, dw] = out;
  const cvalWord = cval[0] | (c >= 3 ? (cval[1] << 8) | (cval[2] << 16) : 0) | (c === 4 ? cval[3] << 24 : 0);
  return {
    shape: out,
    run(ws, src) {
      const [ad, bd] = columnDeltas(M, dw);
      // Per row the fixed-point origins, with the rounding of INTER_BITS added (as the core does).
      const round = AB_SCALE / INTER_TAB_SIZE / 2;
      const rows = new Int32Array(2 * dh);
      for (let y = 0; y < dh; y++) {
        rows[2 * y] = cvRoundInt((M[1] * y + M[2]) * AB_SCALE) + round;
        rows[2 * y + 1] = cvRoundInt((M[4] * y + M[5]) * AB_SCALE) + round;
      }
      const pad = ws.putInt32(ad), pbd = ws.putInt32(bd), prows = ws.putInt32(rows);
      const dst = ws.alloc(dh * dw * c + STORE_SLACK);
      ws.k.warpAffineLinear(src, sw, sh, c, dst, dw, dh, pad, pbd, prows, cvalWord);
      return dst;
    },
  };
}

/** `cv2.warpAffine` (see the core's `warpAffine`), SIMD for bilinear with a constant border on 1, 3 or 4 channels. */
export function warpAffine(a: PixelArray, matrix: AffineMatrix, width: number, height: number, options?: WarpAffineOptions): PixelArray {
  return planOrCore(coreWarpAffine, arguments, 5, (x) => warpAffinePlan(x.shape, matrix, width, height, options), options,
    ['interpolation', 'border', 'borderValue', 'inverseMap']);
}
