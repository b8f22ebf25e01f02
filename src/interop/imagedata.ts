// Canvas ImageData interop. ImageData is always RGBA, row-major, contiguous.
import { contiguous } from '../core/copy.ts';
import { typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';

/** What `toImageData` returns: a real `ImageData` where the platform has one, else the same fields. */
export interface ImageDataLike {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** Wraps canvas `ImageData` (or any `{ width, height, data }` RGBA) as `H×W×4`, sharing its memory. */
export function fromImageData(imageData: ImageDataLike): PixelArray {
  if (arguments.length > 1) throw tooManyArguments('fromImageData', ['imageData'], arguments.length);
  if (imageData === null || typeof imageData !== 'object' || !(imageData.data instanceof Uint8ClampedArray || (imageData.data as unknown) instanceof Uint8Array)) {
    throw typeError('imageData', 'an ImageData (or { width, height, data: Uint8ClampedArray })', imageData);
  }
  const { width, height, data } = imageData;
  if (data.length !== width * height * 4) {
    throw new RangeError(`imageData: expected ${width * height * 4} bytes for ${width}×${height} RGBA, got ${data.length}`);
  }
  return new PixelArray(data, [height, width, 4]);
}

/**
 * RGBA pixels for a canvas: gray (1 channel) and gray+alpha (2) are expanded, RGB (3) gets alpha
 * 255, RGBA (4) is copied. Returns `new ImageData(...)` when the platform has `ImageData`
 * (browsers), otherwise a plain `{ width, height, data, colorSpace }` object.
 */
export function toImageData(a: PixelArray): ImageDataLike {
  if (arguments.length > 1) throw tooManyArguments('toImageData', ['a'], arguments.length);
  assertPixelArray(a, 'a');
  const [h, w, c] = a.shape;
  if (c > 4) throw new RangeError(`a: expected 1 to 4 channels for ImageData, got ${c}`);
  const src = contiguous(a);
  const s = src.data, o = src.offset;
  const rgba = new Uint8ClampedArray(h * w * 4);
  for (let p = 0, n = h * w; p < n; p++) {
    const i = o + p * c, j = p * 4;
    if (c >= 3) { rgba[j] = s[i]; rgba[j + 1] = s[i + 1]; rgba[j + 2] = s[i + 2]; }
    else { rgba[j] = rgba[j + 1] = rgba[j + 2] = s[i]; }
    rgba[j + 3] = c === 4 ? s[i + 3] : c === 2 ? s[i + 1] : 255;
  }
  const ImageDataCtor = (globalThis as { ImageData?: new (data: Uint8ClampedArray, w: number, h: number) => ImageDataLike }).ImageData;
  return ImageDataCtor ? new ImageDataCtor(rgba, w, h) : { width: w, height: h, data: rgba, colorSpace: 'srgb' } as ImageDataLike;
}
