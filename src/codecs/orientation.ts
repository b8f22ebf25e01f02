// The eight EXIF orientations as pixel remaps, producing a new contiguous array. Written here
// rather than borrowed from ops so the codecs depend on core only.
import { fromData } from '../core/create.ts';
import type { PixelArray } from '../core/pixelarray.ts';
import type { Orientation } from './exif.ts';

/**
 * Turns an image stored with EXIF orientation `o` into its upright form (what viewers, Pillow's
 * `ImageOps.exif_transpose` and `cv2.imread` show): 1 copy, 2 flip left-right, 3 rotate 180°,
 * 4 flip top-bottom, 5 transpose, 6 rotate 90° clockwise, 7 transverse, 8 rotate 90° counter-clockwise.
 * Orientations 5..8 swap width and height. Works on any view.
 */
export function applyOrientation(a: PixelArray, o: Orientation): PixelArray {
  const [h, w, c] = a.shape;
  const [sy, sx, sc] = a.stride;
  const swap = o >= 5;
  const outH = swap ? w : h, outW = swap ? h : w;
  // Output pixel (y, x) reads input element base + y * dy + x * dx (then + k * sc per channel).
  const lastRow = (h - 1) * sy, lastCol = (w - 1) * sx;
  let base: number, dy: number, dx: number;
  switch (o) {
    case 1: base = 0; dy = sy; dx = sx; break; //             in(y, x)
    case 2: base = lastCol; dy = sy; dx = -sx; break; //      in(y, W-1-x)
    case 3: base = lastRow + lastCol; dy = -sy; dx = -sx; break; // in(H-1-y, W-1-x)
    case 4: base = lastRow; dy = -sy; dx = sx; break; //      in(H-1-y, x)
    case 5: base = 0; dy = sx; dx = sy; break; //             in(x, y)
    case 6: base = lastRow; dy = sx; dx = -sy; break; //      in(H-1-x, y)
    case 7: base = lastRow + lastCol; dy = -sx; dx = -sy; break; // in(H-1-x, W-1-y)
    case 8: base = lastCol; dy = -sx; dx = sy; break; //      in(x, W-1-y)
  }
  const out = new Uint8Array(h * w * c);
  const src = a.data;
  let p = 0;
  if (h > 0 && w > 0) {
    for (let y = 0; y < outH; y++) {
      let q = a.offset + base + y * dy;
      for (let x = 0; x < outW; x++, q += dx) {
        for (let k = 0; k < c; k++) out[p++] = src[q + k * sc];
      }
    }
  }
  return fromData(out, outH, outW, c);
}
