// Packed 32-bit helpers: word-alignment tests shared by the word-at-a-time kernels, and packed
// copies for the layouts views produce most (mirrored rows, transposes). They assume little-endian
// words, as on every mainstream engine, and fall back otherwise.
import { copyStrided } from './copy.ts';
import { PixelArray } from './pixelarray.ts';

/** Bytes to handle one at a time before `arr[start]` sits on a 4-byte boundary (at most `n`). */
export function headToAlign(arr: Uint8Array, start: number, n: number): number {
  return Math.min(n, (4 - ((arr.byteOffset + start) & 3)) & 3);
}

/** True when `data[start]` sits on a 4-byte boundary of its buffer (a word view can start there). */
export function isWordAligned(data: Uint8Array, start: number): boolean {
  return ((data.byteOffset + start) & 3) === 0;
}

/** True on little-endian engines (all mainstream ones); the packed paths assume it. */
export const LITTLE_ENDIAN = /* @__PURE__ */ (() => new Uint8Array(new Uint32Array([1]).buffer)[0] === 1)();

/**
 * `dst[di…]` = the `w` pixels of `c` bytes stored at `src[lo…]`, in reverse pixel order. RGB
 * works on four pixels (three words) at a time: 3 loads, 3 stores and a byte shuffle.
 */
export function reversePixels(src: Uint8Array, lo: number, dst: Uint8Array, di: number, w: number, c: number): void {
  let x = 0; // dst pixels written so far
  const dstAligned = ((dst.byteOffset + di) & 3) === 0;
  if (c === 3 && LITTLE_ENDIAN && dstAligned && ((src.byteOffset + lo + 3 * w) & 3) === 0 && w >= 4) {
    const groups = w >> 2, r = w & 3;
    const sw = new Int32Array(src.buffer, src.byteOffset + lo + 3 * r, 3 * groups);
    const dw = new Int32Array(dst.buffer, dst.byteOffset + di, 3 * groups);
    // Memory group [p0 p1 p2 p3] = [r0 g0 b0 r1][g1 b1 r2 g2][b2 r3 g3 b3] → [p3 p2 p1 p0].
    for (let k = 0, j = 3 * (groups - 1); k < 3 * groups; k += 3, j -= 3) {
      const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
      dw[k] = (w2 >>> 8) | ((w1 & 0xff0000) << 8);
      dw[k + 1] = (w1 >>> 24) | ((w2 & 0xff) << 8) | ((w0 >>> 24) << 16) | ((w1 & 0xff) << 24);
      dw[k + 2] = ((w1 >>> 8) & 0xff) | (w0 << 8);
    }
    x = groups << 2;
  } else if (c === 4 && dstAligned && ((src.byteOffset + lo) & 3) === 0) {
    const sw = new Int32Array(src.buffer, src.byteOffset + lo, w);
    const dw = new Int32Array(dst.buffer, dst.byteOffset + di, w);
    for (let k = 0; k < w; k++) dw[k] = sw[w - 1 - k];
    return;
  }
  for (; x < w; x++) {
    const s = lo + (w - 1 - x) * c, d = di + x * c;
    for (let k = 0; k < c; k++) dst[d + k] = src[s + k];
  }
}

/**
 * Copies an RGB view whose rows step ±3 bytes in memory (a transpose, or rot90) into `dst` with
 * contiguous RGB pixels, 4×4 pixels at a time: 12 word loads, byte shuffles, 12 word stores —
 * instead of 48 byte moves. Returns false (nothing copied) when the layout does not allow it.
 */
export function transposeRgbBlocks(src: PixelArray, dst: PixelArray): boolean {
  const [h, w] = src.shape;
  const [s0, s1, s2] = src.stride, [d0, d1, d2] = dst.stride;
  const sBase = src.data.byteOffset + src.offset, dBase = dst.data.byteOffset + dst.offset;
  if (!LITTLE_ENDIAN || (s0 !== 3 && s0 !== -3) || s2 !== 1 || d1 !== 3 || d2 !== 1 || h < 4 || w < 4 ||
    (s1 & 3) !== 0 || (d0 & 3) !== 0 || (dBase & 3) !== 0) return false;
  // With s0 = −3 the four view rows of a block sit in memory last-first.
  const reversed = s0 < 0;
  const h4 = h & ~3, w4 = w & ~3;
  const firstRowOfBlock = reversed ? 3 : 0; // view row whose pixel comes first in memory
  if (((sBase + firstRowOfBlock * s0) & 3) !== 0) return false;
  // Word views over the whole buffers: a byte address A is word A >> 2 (all block runs are aligned).
  const sw = new Int32Array(src.data.buffer, 0, src.data.buffer.byteLength >> 2);
  const dw = new Int32Array(dst.data.buffer, 0, dst.data.buffer.byteLength >> 2);
  const sRow = s1 >> 2, dRow = d0 >> 2; // word steps: next view column in src, next view row in dst
  // The next block down the view starts four view rows (4·s0 bytes, ±3 words) further in memory.
  const sStep = (4 * s0) >> 2;
  // Memory pixel k of a run goes to view row y + k (y + 3 − k when reversed): dst row of pixel 0, and the step.
  const firstRow = firstRowOfBlock * dRow, rowStep = reversed ? -dRow : dRow;
  const TILE = 64; // pixels; measured best among 16..128 on 1080p
  // The inner loop walks down the view (along memory rows: 4 sequential reads) and writes 4×4
  // blocks into 4 dst rows; measured 13% faster than walking along the view rows.
  for (let tx = 0; tx < w4; tx += TILE) {
    const xEnd = Math.min(w4, tx + TILE);
    for (let ty = 0; ty < h4; ty += TILE) {
      const yEnd = Math.min(h4, ty + TILE);
      for (let x = tx; x < xEnd; x += 4) {
        // Word index of the first block's first memory pixel, and of its dst pixel in view row ty.
        let s = (sBase + (ty + firstRowOfBlock) * s0 + x * s1) >> 2;
        let d = (dBase + ty * d0 + x * 3) >> 2;
        for (let y = ty; y < yEnd; y += 4, s += sStep, d += 4 * dRow) {
          // Four view columns = four memory runs of 4 pixels (3 words each): a, b, c, e.
          const sb = s + sRow, sc = sb + sRow, se = sc + sRow;
          const a0 = sw[s], a1 = sw[s + 1], a2 = sw[s + 2];
          const b0 = sw[sb], b1 = sw[sb + 1], b2 = sw[sb + 2];
          const c0 = sw[sc], c1 = sw[sc + 1], c2 = sw[sc + 2];
          const e0 = sw[se], e1 = sw[se + 1], e2 = sw[se + 2];
          // Memory pixel k of a run: 0 = w0, 1 = w0>>>24 | w1<<8, 2 = w1>>>16 | w2<<16, 3 = w2>>>8.
          // Its dst row gets the four runs' pixel k packed into 3 words. Written out (no helper
          // call): V8 would not inline four calls of this size.
          const r0 = d + firstRow, r1 = r0 + rowStep, r2 = r1 + rowStep, r3 = r2 + rowStep;
          dw[r0] = (a0 & 0xffffff) | (b0 << 24);
          dw[r0 + 1] = ((b0 >>> 8) & 0xffff) | (c0 << 16);
          dw[r0 + 2] = ((c0 >>> 16) & 0xff) | (e0 << 8);
          let pb = (b0 >>> 24) | (b1 << 8), pc = (c0 >>> 24) | (c1 << 8);
          dw[r1] = (a0 >>> 24) | ((a1 & 0xffff) << 8) | (b0 & 0xff000000);
          dw[r1 + 1] = ((pb >>> 8) & 0xffff) | (pc << 16);
          dw[r1 + 2] = ((pc >>> 16) & 0xff) | (((e0 >>> 24) | (e1 << 8)) << 8);
          pb = (b1 >>> 16) | (b2 << 16); pc = (c1 >>> 16) | (c2 << 16);
          dw[r2] = (((a1 >>> 16) | (a2 << 16)) & 0xffffff) | (pb << 24);
          dw[r2 + 1] = ((pb >>> 8) & 0xffff) | (pc << 16);
          dw[r2 + 2] = ((pc >>> 16) & 0xff) | (((e1 >>> 16) | (e2 << 16)) << 8);
          dw[r3] = (a2 >>> 8) | ((b2 & 0xff00) << 16);
          dw[r3 + 1] = (b2 >>> 16) | ((c2 & 0xffff00) << 8);
          dw[r3 + 2] = (c2 >>> 24) | (e2 & 0xffffff00);
        }
      }
    }
  }
  // The strips the 4×4 blocks did not cover.
  const view = (a: PixelArray, y0: number, y1: number, x0: number, x1: number) =>
    new PixelArray(a.data, [y1 - y0, x1 - x0, 3], a.stride, a.offset + y0 * a.stride[0] + x0 * a.stride[1]);
  if (w4 < w) copyStrided(view(src, 0, h, w4, w), view(dst, 0, h, w4, w));
  if (h4 < h) copyStrided(view(src, h4, h, 0, w4), view(dst, h4, h, 0, w4));
  return true;
}
