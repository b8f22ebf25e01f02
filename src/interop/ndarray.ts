// scijs ndarray interop, zero-copy both ways. The core has no dependencies, so `toNdarray` takes
// the `ndarray` constructor from the caller: `toNdarray(img, ndarray)`.
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';

/** The fields pixelarray needs from a scijs `ndarray` (its public layout). */
export interface NdarrayLike {
  data: ArrayLike<number>;
  shape: number[];
  stride: number[];
  offset: number;
}

/** The scijs `ndarray` constructor: `ndarray(data, shape, stride, offset)`. */
export type NdarrayConstructor<T> = (data: Uint8Array, shape: number[], stride: number[], offset: number) => T;

/**
 * Wraps a PixelArray as a scijs `ndarray` sharing its memory: writes through either are seen by
 * both. Pass the `ndarray` package's default export.
 */
export function toNdarray<T>(a: PixelArray, ndarray: NdarrayConstructor<T>): T {
  if (arguments.length > 2) throw tooManyArguments('toNdarray', ['a', 'ndarray'], arguments.length);
  assertPixelArray(a, 'a');
  if (typeof ndarray !== 'function') throw typeError('ndarray', "the 'ndarray' package's constructor", ndarray);
  return ndarray(a.data, [...a.shape], [...a.stride], a.offset);
}

/**
 * Wraps a uint8 scijs `ndarray` (`H×W` or `H×W×C`, any strides) as a PixelArray sharing its
 * memory.
 */
export function fromNdarray(nd: NdarrayLike): PixelArray {
  if (arguments.length > 1) throw tooManyArguments('fromNdarray', ['nd'], arguments.length);
  if (nd === null || typeof nd !== 'object' || !Array.isArray(nd.shape) || !Array.isArray(nd.stride)) {
    throw typeError('nd', 'a scijs ndarray (data, shape, stride, offset)', nd);
  }
  const data = nd.data;
  if (!(data instanceof Uint8Array) && !(data instanceof Uint8ClampedArray)) {
    throw typeError('nd.data', 'a Uint8Array or Uint8ClampedArray (a uint8 ndarray)', data);
  }
  if (nd.shape.length === 2) return new PixelArray(data, [nd.shape[0], nd.shape[1], 1], [nd.stride[0], nd.stride[1], 1], nd.offset);
  if (nd.shape.length === 3) return new PixelArray(data, nd.shape, nd.stride, nd.offset);
  throw rangeError('nd.shape', '2 or 3 dimensions', nd.shape);
}
