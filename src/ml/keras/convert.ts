// Keras' `img_to_array`: a uint8 image as float32 values, unscaled (0..255), HWC.
import { assertPixelArray, type PixelArray } from '../../core/pixelarray.ts';
import type { Tensor3D } from '../tensor.ts';
import { tooManyArguments } from '../../core/errors.ts';

/**
 * `img_to_array(img)`: the pixels of `img` (any view) as a float32 `{ data, shape: [h, w, c] }`,
 * values unchanged (`np.asarray(img, dtype='float32')`; no rescaling: that is `rescale`'s job).
 */
export function imgToArray(img: PixelArray): Tensor3D {
  if (arguments.length > 1) throw tooManyArguments('imgToArray', ['img'], arguments.length);
  assertPixelArray(img, 'img');
  const [h, w, c] = img.shape;
  const [sy, sx, sc] = img.stride;
  const src = img.data, out = new Float32Array(h * w * c);
  let o = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0, p = img.offset + y * sy; x < w; x++, p += sx) {
      for (let k = 0, q = p; k < c; k++, q += sc) out[o++] = src[q];
    }
  }
  return { data: out, shape: [h, w, c] };
}
