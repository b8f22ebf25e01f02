// Keras' `load_img` (keras_preprocessing 1.1.0 utils.py) without the argument checks: decode as
// Pillow opens the file, convert to the colour mode, resize with Pillow's filter. Shared by the
// calling thread (keras.ts) and the loading workers (load-worker.ts), so both give the same bytes.
import { readFileSync } from 'node:fs';
import { decodeImage } from '../codecs/index.ts';
import type { PixelArray } from '../core/pixelarray.ts';
import { convert } from '../pillow/convert.ts';
import { resize, type Resample } from '../pillow/resample.ts';

/** Keras' colour modes: Pillow's L, RGB and RGBA. */
export type KerasColorMode = 'grayscale' | 'rgb' | 'rgba';
/** Keras' interpolation names (Pillow's resampling filters). */
export type KerasInterpolation = 'nearest' | 'bilinear' | 'bicubic' | 'lanczos' | 'box' | 'hamming';

const PIL_MODE = { grayscale: 'L', rgb: 'RGB', rgba: 'RGBA' } as const;
/** Channels of each colour mode. */
export const CHANNELS = { grayscale: 1, rgb: 3, rgba: 4 } as const;

/**
 * The file at `path`, decoded (PNG or JPEG; EXIF orientation not applied, as `Image.open` does
 * not), converted to `colorMode` with Pillow's `convert` and, when its size differs from `target`
 * (`[height, width]`), resized with Pillow's `resize`. Arguments are assumed checked.
 */
export function loadKerasImage(path: string, target: readonly [number, number] | null, colorMode: KerasColorMode,
  interpolation: KerasInterpolation): PixelArray {
  const img = decodeImage(new Uint8Array(readFileSync(path)), { orientation: 'ignore' });
  let out = img.shape[2] === CHANNELS[colorMode] && !(img.shape[2] === 1 && colorMode !== 'grayscale') ? img : convert(img, PIL_MODE[colorMode]);
  if (target !== null && (out.shape[0] !== target[0] || out.shape[1] !== target[1])) {
    out = resize(out, [target[1], target[0]], { resample: interpolation as Resample });
  }
  return out;
}
