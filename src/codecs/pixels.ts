// Small pixel-layout helpers the encoders need. Kept here (not in ops) so the codecs depend on core only.
import { contiguous } from '../core/copy.ts';
import type { PixelArray } from '../core/pixelarray.ts';

/** The elements of any view as one row-major `H×W×C` buffer (the underlying bytes when already contiguous). */
export function gatherPixels(a: PixelArray): Uint8Array {
  const packed = contiguous(a);
  return packed.data.subarray(packed.offset, packed.offset + packed.size);
}

/**
 * Row-major bytes for the JPEG encoder: gray or RGB as they are (the underlying bytes when already
 * contiguous); RGBA without its alpha, as Pillow's `convert('RGB')` before a JPEG save.
 */
export function gatherColor(a: PixelArray): Uint8Array {
  const [h, w, c] = a.shape;
  if (c !== 4) return gatherPixels(a);
  const [sy, sx, sc] = a.stride;
  const src = a.data;
  const out = new Uint8Array(h * w * 3);
  let o = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0, p = a.offset + y * sy; x < w; x++, p += sx) {
      out[o++] = src[p]; out[o++] = src[p + sc]; out[o++] = src[p + 2 * sc];
    }
  }
  return out;
}

/**
 * A Uint8Array that owns its whole ArrayBuffer. Node hands out small Buffers as slices of a shared
 * pool; returning one would let `result.buffer` expose unrelated memory, so those are copied.
 */
export function ownBytes(buf: Uint8Array): Uint8Array {
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength) {
    return new Uint8Array(buf.buffer, 0, buf.length);
  }
  return new Uint8Array(buf);
}
