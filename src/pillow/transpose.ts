// Pillow Image.transpose (libImaging/Geometry.c: flips, quarter turns, transpose, transverse).
import { checkOptions, checkOut, checkOptionKeys } from '../core/check.ts';
import { clone } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { PixelArray, type Shape } from '../core/pixelarray.ts';
import { flip, rot90, transpose as swapAxes } from '../ops/geometry.ts';
import { checkPillowImage } from './modes.ts';

/** Pillow's `Image.Transpose` names, in the order of their numbers 0–6. */
export const TRANSPOSE_METHODS = ['FLIP_LEFT_RIGHT', 'FLIP_TOP_BOTTOM', 'ROTATE_90', 'ROTATE_180', 'ROTATE_270', 'TRANSPOSE', 'TRANSVERSE'] as const;

/** A `transpose` method: a name of `Image.Transpose` or its number 0–6. */
export type TransposeMethod = (typeof TRANSPOSE_METHODS)[number] | 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Options of `transpose` (Pillow). */
export interface TransposeOptions {
  /** Write the result here (its shape) instead of allocating; returned. */
  out?: PixelArray;
}

function methodIndex(method: unknown): number {
  if (typeof method === 'number') {
    if (Number.isInteger(method) && method >= 0 && method <= 6) return method;
    throw rangeError('method', 'a Transpose number 0..6 or name', method);
  }
  if (typeof method === 'string') {
    const i = (TRANSPOSE_METHODS as readonly string[]).indexOf(method);
    if (i >= 0) return i;
    throw rangeError('method', `one of ${TRANSPOSE_METHODS.join(', ')} (or 0..6)`, method);
  }
  throw typeError('method', 'a Transpose name or number 0..6', method);
}

/**
 * Pillow `Image.transpose(method)`: `'FLIP_LEFT_RIGHT'` (0), `'FLIP_TOP_BOTTOM'` (1), `'ROTATE_90'`
 * (2, counter-clockwise, as Pillow), `'ROTATE_180'` (3), `'ROTATE_270'` (4, clockwise),
 * `'TRANSPOSE'` (5, rows become columns: `out[y][x] = a[x][y]`), `'TRANSVERSE'` (6, the transpose
 * across the other diagonal: `out[y][x] = a[W−1−x][H−1−y]`). Whole pixels move, channels stay in
 * order. Unlike `rot90` and `flip` of the core, which return views, this returns a new contiguous
 * image (or fills `out`), as Pillow returns a new image.
 */
export function transpose(a: PixelArray, method: TransposeMethod, options?: TransposeOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('transpose', ['a', 'method', 'options'], arguments.length);
  checkPillowImage(a, 'a');
  const m = methodIndex(method);
  const o = checkOptions(options);
  checkOptionKeys(o, ['out']);
  let view: PixelArray;
  switch (m) {
    case 0: view = flip(a, 1); break;
    case 1: view = flip(a, 0); break;
    case 2: view = rot90(a, 1); break;
    case 3: view = rot90(a, 2); break;
    case 4: view = rot90(a, 3); break;
    case 5: view = swapAxes(a); break;
    default: view = rot90(swapAxes(a), 2); break;
  }
  const out = checkOut(o.out, view.shape as Shape);
  return clone(view, { out });
}
