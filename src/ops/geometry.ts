// np.roll, np.transpose, cv2.flip, np.rot90, Pillow's crop and paste. Everything that can be a
// view is one (O(1), shares memory); `clone` materialises it when a contiguous copy is wanted.
import { checkAxis, checkFinite, checkInt, checkOutOption } from '../core/check.ts';
import { contiguous, copyInto, finishOutput, startOutput } from '../core/copy.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { roundHalfEven } from '../core/numeric.ts';
import { assertPixelArray, PixelArray, type Shape, type Stride } from '../core/pixelarray.ts';
import type { OutOptions } from './arithmetic.ts';
import { sliceAxis } from './channels.ts';

const mod = (v: number, n: number): number => (n === 0 ? 0 : ((v % n) + n) % n);

function toList(v: unknown, name: string): number[] {
  if (typeof v === 'number') return [checkInt(v, name)];
  if (Array.isArray(v) && v.length > 0) return v.map((x, i) => checkInt(x, `${name}[${i}]`));
  throw typeError(name, 'an integer or a non-empty array of integers', v);
}

/**
 * `np.roll(a, shift, axis)`: elements shifted along `axis` wrap around to the other side.
 * `shift` and `axis` may be arrays (broadcast against each other; shifts on a repeated axis add
 * up); without `axis` the flattened array is rolled and the shape kept.
 */
export function roll(a: PixelArray, shift: number | readonly number[], axis?: number | readonly number[], options?: OutOptions): PixelArray {
  if (arguments.length > 4) throw tooManyArguments('roll', ['a', 'shift', 'axis', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const out = checkOutOption(options, a.shape);
  const shifts = toList(shift, 'shift');
  const dst = startOutput(a.shape, out, [a]);
  if (axis === undefined) {
    rollFlat(a, shifts.reduce((s, v) => s + v, 0), dst);
    return finishOutput(dst, out);
  }
  const axes = toList(axis, 'axis').map((v, i) => checkAxis(v, Array.isArray(axis) ? `axis[${i}]` : 'axis'));
  if (shifts.length !== axes.length && shifts.length !== 1 && axes.length !== 1) {
    throw new RangeError(`shift, axis: ${shifts.length} shifts and ${axes.length} axes cannot be broadcast together`);
  }
  const total = [0, 0, 0];
  for (let i = 0, n = Math.max(shifts.length, axes.length); i < n; i++) {
    total[axes[axes.length === 1 ? 0 : i]] += shifts[shifts.length === 1 ? 0 : i];
  }
  rollAxes(a, total.map((s, k) => mod(s, a.shape[k])), dst);
  return finishOutput(dst, out);
}

function rollFlat(a: PixelArray, shift: number, dst: PixelArray): void {
  const src = contiguous(a);
  const n = a.size, s = mod(shift, n);
  const flat = src.data.subarray(src.offset, src.offset + n);
  dst.data.set(flat.subarray(n - s), dst.offset);
  dst.data.set(flat.subarray(0, n - s), dst.offset + s);
}

// Each rolled axis splits into two blocks (out[s:] = in[:n−s], out[:s] = in[n−s:]); the result is
// at most 8 block copies, each on copyInto's fastest path for its layout (whole rows: memcpy).
function rollAxes(a: PixelArray, shifts: number[], dst: PixelArray): void {
  type Piece = [PixelArray, PixelArray];
  let pieces: Piece[] = [[a, dst]];
  for (const axis of [0, 1, 2] as const) {
    const s = shifts[axis];
    if (s === 0) continue;
    const n = a.shape[axis];
    pieces = pieces.flatMap(([src, out]): Piece[] => [
      [sliceAxis(src, axis, 0, n - s), sliceAxis(out, axis, s, n)],
      [sliceAxis(src, axis, n - s, n), sliceAxis(out, axis, 0, s)],
    ]);
  }
  for (const [src, out] of pieces) copyInto(src, out);
}

/** `np.transpose(a, axes)`: a view with the axes permuted (default swaps rows and columns). */
export function transpose(a: PixelArray, axes: readonly number[] = [1, 0, 2]): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('transpose', ['a', 'axes'], arguments.length);
  assertPixelArray(a, 'a');
  if (!Array.isArray(axes) || axes.length !== 3) throw typeError('axes', 'a permutation of [0, 1, 2]', axes);
  const perm = axes.map((v, i) => checkAxis(v, `axes[${i}]`));
  if (new Set(perm).size !== 3) throw rangeError('axes', 'a permutation of [0, 1, 2]', axes);
  return new PixelArray(a.data, perm.map((k) => a.shape[k]), perm.map((k) => a.stride[k]), a.offset);
}

/** Reverses the view along one axis: O(1), shares memory. */
function reverseAxis(a: PixelArray, axis: 0 | 1): PixelArray {
  const stride = [...a.stride] as Stride;
  const n = a.shape[axis];
  const offset = n > 0 ? a.offset + (n - 1) * a.stride[axis] : a.offset;
  stride[axis] = -stride[axis];
  return new PixelArray(a.data, a.shape, stride, offset);
}

/** `cv2.flip(a, axis)`: 0 flips top-bottom, 1 left-right, −1 both. A view (negative strides). */
export function flip(a: PixelArray, axis: 0 | 1 | -1): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('flip', ['a', 'axis'], arguments.length);
  assertPixelArray(a, 'a');
  if (axis === 0 || axis === 1) return reverseAxis(a, axis);
  if (axis === -1) return reverseAxis(reverseAxis(a, 0), 1);
  throw rangeError('axis', '0 (top-bottom), 1 (left-right) or -1 (both)', axis);
}

/** `np.rot90(a, k)`: rotates by 90° counter-clockwise `k` times (negative: clockwise). A view. */
export function rot90(a: PixelArray, k = 1): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('rot90', ['a', 'k'], arguments.length);
  assertPixelArray(a, 'a');
  switch (mod(checkInt(k, 'k'), 4)) {
    case 0: return new PixelArray(a.data, a.shape, a.stride, a.offset);
    case 1: return transpose(reverseAxis(a, 1));
    case 2: return reverseAxis(reverseAxis(a, 0), 1);
    default: return reverseAxis(transpose(a), 1);
  }
}

/** A Pillow box `[left, upper, right, lower]` (right and lower exclusive). */
export type Box = readonly [number, number, number, number];

/**
 * Pillow `Image.crop(box)`. Inside the image the result is a view sharing memory; where the box
 * reaches outside, a new array with zeros there, as Pillow does. Coordinates are rounded like
 * Pillow (half to even).
 */
export function crop(a: PixelArray, box: Box, options?: OutOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('crop', ['a', 'box', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  if (!Array.isArray(box) || box.length !== 4) throw typeError('box', 'an array [left, upper, right, lower]', box);
  const names = ['left', 'upper', 'right', 'lower'];
  const [left, upper, right, lower] = box.map((v, i) => roundHalfEven(checkFinite(v, `box[${i}] (${names[i]})`)));
  if (right < left) throw rangeError('box', `right ≥ left`, box);
  if (lower < upper) throw rangeError('box', `lower ≥ upper`, box);
  const [h, w, c] = a.shape;
  const shape: Shape = [lower - upper, right - left, c];
  const out = checkOutOption(options, shape);
  const inside = left >= 0 && upper >= 0 && right <= w && lower <= h;
  if (inside && !out) return sliceAxis(sliceAxis(a, 0, upper, lower), 1, left, right);
  const dst = startOutput(shape, out, [a]);
  if (!inside) dst.data.fill(0, dst.offset, dst.offset + dst.size);
  // The part of the box that lies on the image.
  const x0 = Math.max(0, left), y0 = Math.max(0, upper), x1 = Math.min(w, right), y1 = Math.min(h, lower);
  if (x1 > x0 && y1 > y0) {
    const part = sliceAxis(sliceAxis(a, 0, y0, y1), 1, x0, x1);
    copyInto(part, sliceAxis(sliceAxis(dst, 0, y0 - upper, y1 - upper), 1, x0 - left, x1 - left));
  }
  return finishOutput(dst, out);
}

/**
 * Pillow `Image.paste(src, (x, y))`, in place: writes `src` into `dst` with its top-left corner at
 * `[x, y]`, clipped at the borders. Returns `dst`.
 */
export function paste(dst: PixelArray, src: PixelArray, position: readonly [number, number] = [0, 0]): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('paste', ['dst', 'src', 'position'], arguments.length);
  assertPixelArray(dst, 'dst');
  assertPixelArray(src, 'src');
  if (!Array.isArray(position) || position.length !== 2) throw typeError('position', 'an array [x, y]', position);
  const x = checkInt(position[0], 'position[0] (x)'), y = checkInt(position[1], 'position[1] (y)');
  if (src.shape[2] !== dst.shape[2]) {
    throw new RangeError(`src: expected ${dst.shape[2]} channels like dst, got ${src.shape[2]}`);
  }
  const [h, w] = dst.shape, [sh, sw] = src.shape;
  const x0 = Math.max(0, x), y0 = Math.max(0, y), x1 = Math.min(w, x + sw), y1 = Math.min(h, y + sh);
  if (x1 > x0 && y1 > y0) {
    const part = sliceAxis(sliceAxis(src, 0, y0 - y, y1 - y), 1, x0 - x, x1 - x);
    copyInto(part, sliceAxis(sliceAxis(dst, 0, y0, y1), 1, x0, x1));
  }
  return dst;
}
