import { checkScalar } from './check.ts';
import { rangeError, typeError, tooManyArguments } from './errors.ts';
import { assertPixelArray, checkShape, PixelArray } from './pixelarray.ts';

/** A new contiguous `height×width×channels` array of zeros. */
export function zeros(height: number, width: number, channels = 3): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('zeros', ['height', 'width', 'channels'], arguments.length);
  const shape = checkShape([height, width, channels], '[height, width, channels]');
  return new PixelArray(new Uint8Array(shape[0] * shape[1] * shape[2]), shape);
}

/** A new contiguous array filled with `value` (a number, or one number per channel). */
export function full(height: number, width: number, channels: number, value: number | readonly number[]): PixelArray {
  if (arguments.length > 4) throw tooManyArguments('full', ['height', 'width', 'channels', 'value'], arguments.length);
  const a = zeros(height, width, channels);
  fillValue(a.data, checkScalar(value, a.shape[2], 'value', 0, 255));
  return a;
}

/** A new array of zeros with the shape of `a`. */
export function zerosLike(a: PixelArray): PixelArray {
  if (arguments.length > 1) throw tooManyArguments('zerosLike', ['a'], arguments.length);
  assertPixelArray(a, 'a');
  return zeros(a.shape[0], a.shape[1], a.shape[2]);
}

/** A new array with the shape of `a`, filled with `value`. */
export function fullLike(a: PixelArray, value: number | readonly number[]): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('fullLike', ['a', 'value'], arguments.length);
  assertPixelArray(a, 'a');
  return full(a.shape[0], a.shape[1], a.shape[2], value);
}

/**
 * Wraps row-major `H×W×C` pixels. A `Uint8Array` (or `Uint8ClampedArray`, e.g. `ImageData.data`)
 * is wrapped without copying, like `np.frombuffer`; a plain array of numbers is copied.
 */
export function fromData(
  data: Uint8Array | Uint8ClampedArray | ArrayLike<number>, height: number, width: number, channels = 3,
): PixelArray {
  if (arguments.length > 4) throw tooManyArguments('fromData', ['data', 'height', 'width', 'channels'], arguments.length);
  const shape = checkShape([height, width, channels], '[height, width, channels]');
  let bytes: Uint8Array;
  if (data instanceof Uint8Array) bytes = data;
  else if (data instanceof Uint8ClampedArray) bytes = new Uint8Array(data.buffer, data.byteOffset, data.length);
  else if (Array.isArray(data)) {
    bytes = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (!Number.isInteger(v) || v < 0 || v > 255) throw rangeError(`data[${i}]`, 'an integer in 0..255', v);
      bytes[i] = v;
    }
  } else throw typeError('data', 'a Uint8Array, Uint8ClampedArray or array of numbers', data);
  const n = shape[0] * shape[1] * shape[2];
  if (bytes.length !== n) {
    throw new RangeError(`data: expected ${n} elements for ${shape.join('×')}, got ${bytes.length}`);
  }
  return new PixelArray(bytes, shape);
}

/** Fills a contiguous buffer with a repeating per-channel pattern. */
export function fillValue(data: Uint8Array, values: readonly number[]): void {
  const c = values.length;
  if (values.every((v) => v === values[0])) { data.fill(values[0]); return; }
  const n = Math.min(c, data.length);
  for (let k = 0; k < n; k++) data[k] = values[k];
  // Doubling copies: log2(n) calls instead of a per-element loop.
  for (let filled = n; filled < data.length; filled *= 2) {
    data.copyWithin(filled, 0, Math.min(filled, data.length - filled));
  }
}
