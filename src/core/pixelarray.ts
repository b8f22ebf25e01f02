import { rangeError, typeError, tooManyArguments } from './errors.ts';

/** `[height, width, channels]`. */
export type Shape = [number, number, number];
/** Element steps along `[rows, columns, channels]`; may be negative (views such as `flip`). */
export type Stride = [number, number, number];

/**
 * A uint8 image tensor of shape `[height, width, channels]` over a flat `Uint8Array`, with
 * NumPy-style `stride` (in elements) and `offset`: element `(y, x, c)` lives at
 * `data[offset + y * stride[0] + x * stride[1] + c * stride[2]]`.
 *
 * The field names are those of scijs `ndarray`, so `ndarray(a.data, a.shape, a.stride, a.offset)`
 * wraps it for free. Many operations (`crop`, `flip`, `transpose`, `rot90`) return views that share
 * `data` with their input; `clone` makes a contiguous copy.
 */
export class PixelArray {
  readonly data: Uint8Array;
  readonly shape: Shape;
  readonly stride: Stride;
  readonly offset: number;

  constructor(data: Uint8Array | Uint8ClampedArray, shape: readonly number[], stride?: readonly number[], offset = 0) {
    if (data instanceof Uint8ClampedArray) data = new Uint8Array(data.buffer, data.byteOffset, data.length);
    if (!(data instanceof Uint8Array)) throw typeError('data', 'a Uint8Array', data);
    const s = checkShape(shape, 'shape');
    const st: Stride = stride === undefined ? [s[1] * s[2], s[2], 1] : checkTriple(stride, 'stride', false);
    if (!Number.isSafeInteger(offset)) throw rangeError('offset', 'an integer', offset);
    // The lowest and highest element the view can touch must lie inside data.
    if (s[0] > 0 && s[1] > 0 && s[2] > 0) {
      let lo = offset, hi = offset;
      for (let k = 0; k < 3; k++) {
        const span = (s[k] - 1) * st[k];
        if (span < 0) lo += span; else hi += span;
      }
      if (lo < 0 || hi >= data.length) {
        throw new RangeError(
          `stride/offset: the view [${s.join(', ')}] with stride [${st.join(', ')}] and offset ${offset} ` +
          `reaches elements ${lo}..${hi}, outside data of length ${data.length}`);
      }
    }
    this.data = data;
    this.shape = s;
    this.stride = st;
    this.offset = offset;
  }

  get height(): number { return this.shape[0]; }
  get width(): number { return this.shape[1]; }
  get channels(): number { return this.shape[2]; }
  /** Number of elements: height × width × channels. */
  get size(): number { return this.shape[0] * this.shape[1] * this.shape[2]; }

  /** The element at row `y`, column `x`, channel `c`. */
  get(y: number, x: number, c = 0): number {
    return this.data[this.index(y, x, c)];
  }

  /** Writes one element in place; `value` must be an integer in 0..255. */
  set(y: number, x: number, c: number, value: number): void {
    if (!Number.isInteger(value) || value < 0 || value > 255) throw rangeError('value', 'an integer in 0..255', value);
    this.data[this.index(y, x, c)] = value;
  }

  private index(y: number, x: number, c: number): number {
    const [h, w, ch] = this.shape;
    if (!Number.isInteger(y) || y < 0 || y >= h) throw rangeError('y', `an integer in 0..${h - 1}`, y);
    if (!Number.isInteger(x) || x < 0 || x >= w) throw rangeError('x', `an integer in 0..${w - 1}`, x);
    if (!Number.isInteger(c) || c < 0 || c >= ch) throw rangeError('c', `an integer in 0..${ch - 1}`, c);
    return this.offset + y * this.stride[0] + x * this.stride[1] + c * this.stride[2];
  }

  toString(): string {
    return `PixelArray(${this.shape.join('×')})`;
  }
}

/** Largest number of elements one array may hold (the Uint8Array limit of 32-bit engines). */
export const MAX_ELEMENTS = 2 ** 31 - 1;

function checkTriple(v: readonly number[], name: string, nonNegative: boolean): Shape {
  if (!Array.isArray(v) || v.length !== 3) throw typeError(name, 'an array of 3 integers', v);
  for (let k = 0; k < 3; k++) {
    const n = v[k];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || (nonNegative && n < 0)) {
      throw rangeError(`${name}[${k}]`, nonNegative ? 'a non-negative integer' : 'an integer', n);
    }
  }
  return [v[0], v[1], v[2]];
}

/** Validates `[height, width, channels]`: non-negative integers, at least one channel. */
export function checkShape(shape: readonly number[], name = 'shape'): Shape {
  const s = checkTriple(shape, name, true);
  if (s[2] < 1) throw rangeError(`${name}[2]`, 'at least 1 channel', s[2]);
  if (s[0] * s[1] * s[2] > MAX_ELEMENTS) {
    throw rangeError(name, `at most ${MAX_ELEMENTS} elements`, `[${s.join(', ')}]`);
  }
  return s;
}

/** Throws unless `a` is a PixelArray. */
export function assertPixelArray(a: unknown, name: string): asserts a is PixelArray {
  if (!(a instanceof PixelArray)) throw typeError(name, 'a PixelArray', a);
}

/** True when the elements are laid out row-major with no gaps (the fast paths' precondition). */
export function isContiguous(a: PixelArray): boolean {
  if (arguments.length > 1) throw tooManyArguments('isContiguous', ['a'], arguments.length);
  assertPixelArray(a, 'a');
  const [h, w, c] = a.shape;
  // An empty array is C-contiguous whatever its strides, as in NumPy (`a.flags.c_contiguous`).
  if (h === 0 || w === 0 || c === 0) return true;
  const [s0, s1, s2] = a.stride;
  return (s2 === 1 || c <= 1) && (s1 === c || w <= 1) && (s0 === w * c || h <= 1);
}

/** True when each row is one contiguous run of `width × channels` elements (e.g. a crop view). */
export function hasContiguousRows(a: PixelArray): boolean {
  const [, w, c] = a.shape;
  return (a.stride[2] === 1 || c <= 1) && (a.stride[1] === c || w <= 1);
}
