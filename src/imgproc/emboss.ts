// Pillow's ImageFilter.EMBOSS, bit for bit.
import { checkOutOption } from '../core/check.ts';
import { finishOutput, startOutput, withContiguousRows } from '../core/copy.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { clampedDifference, differenceScratch, rowStart } from './filter-common.ts';
import { tooManyArguments } from '../core/errors.ts';

/** Options of `emboss`. */
export interface EmbossOptions {
  /** Write the result here (same shape) instead of allocating; returned. */
  out?: PixelArray;
}

/**
 * Pillow's `image.filter(ImageFilter.EMBOSS)`: the 3×3 kernel `[[-1, 0, 0], [0, 1, 0], [0, 0, 0]]`
 * with scale 1 and offset 128, which Pillow's Filter3x3 applies with the kernel's rows reversed,
 * so that `out(y, x) = clamp(128 + a(y, x) − a(y + 1, x − 1))` (its float sum plus 0.5, truncated,
 * is exact for this integer kernel). The one-pixel frame is copied unfiltered, and an image
 * smaller than 3×3 is returned unchanged (a copy). Every channel is filtered, alpha included, as
 * Pillow does for L, LA, RGB and RGBA; other channel counts follow the same rule.
 */
export function emboss(a: PixelArray, options?: EmbossOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('emboss', ['a', 'options'], arguments.length);
  assertPixelArray(a, 'a');
  const out = checkOutOption(options, a.shape);
  const dst = startOutput(a.shape, out, [a]);
  if (a.size > 0) embossRows(withContiguousRows(a), dst);
  return finishOutput(dst, out);
}

function embossRows(src: PixelArray, dst: PixelArray): void {
  const [h, w, c] = src.shape;
  const len = w * c;
  const sd = src.data, dd = dst.data;
  const filtered = h >= 3 && w >= 3;
  const scratch = differenceScratch(filtered ? len - 2 * c : 0);
  for (let y = 0; y < h; y++) {
    const s = rowStart(src, y), o = dst.offset + y * len;
    if (!filtered || y === 0 || y === h - 1) {
      dd.set(sd.subarray(s, s + len), o);
      continue;
    }
    const below = rowStart(src, y + 1) - c; // a(y + 1, x − 1) for the element at x
    for (let k = 0; k < c; k++) {
      dd[o + k] = sd[s + k];
      dd[o + len - c + k] = sd[s + len - c + k];
    }
    clampedDifference(sd, s + c, below + c, dd, o + c, 128, scratch);
  }
}
