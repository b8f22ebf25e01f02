// Channel and geometry kernels: split and merge of 3- and 4-channel images, and the byte moves
// behind materialising flipped, transposed and rotated views (pixels reversed along rows, pixel
// blocks transposed). Pure data movement (byte shuffles), so every result is exact by
// construction. Addresses are byte addresses in the module's memory; row strides of the
// transpose may be negative (two's complement in a usize: address arithmetic wraps).

import { BYTES_4X4, high64, low64, PACK3, PLANE3, pick2, pick3, REVERSE16, REVERSE3, RGB_TO_WORDS, WORDS_TO_RGB, zipHigh32, zipLow32 } from './shuffles';

// ---------------------------------------------------------------------------------------------
// split / merge

/** `pixels` pixels of 3 bytes at s → three planes of one byte per pixel at p0, p1, p2. */
export function split3(s: usize, p0: usize, p1: usize, p2: usize, pixels: usize): void {
  const m = PLANE3;
  const a0 = v128.load(m), a1 = v128.load(m, 16), a2 = v128.load(m, 32), b0 = v128.load(m, 48), b1 = v128.load(m, 64);
  const b2 = v128.load(m, 80), c0 = v128.load(m, 96), c1 = v128.load(m, 112), c2 = v128.load(m, 128);
  let p: usize = 0;
  for (; p + 16 <= pixels; p += 16) {
    const q = s + p * 3;
    const v0 = v128.load(q), v1 = v128.load(q, 16), v2 = v128.load(q, 32);
    v128.store(p0 + p, pick3(v0, v1, v2, a0, a1, a2));
    v128.store(p1 + p, pick3(v0, v1, v2, b0, b1, b2));
    v128.store(p2 + p, pick3(v0, v1, v2, c0, c1, c2));
  }
  for (; p < pixels; p++) {
    const q = s + p * 3;
    store<u8>(p0 + p, load<u8>(q)); store<u8>(p1 + p, load<u8>(q, 1)); store<u8>(p2 + p, load<u8>(q, 2));
  }
}

/** Three planes at p0, p1, p2 → `pixels` pixels of 3 bytes at d. */
export function merge3(p0: usize, p1: usize, p2: usize, d: usize, pixels: usize): void {
  const m = PACK3;
  const a0 = v128.load(m), a1 = v128.load(m, 16), a2 = v128.load(m, 32), b0 = v128.load(m, 48), b1 = v128.load(m, 64);
  const b2 = v128.load(m, 80), c0 = v128.load(m, 96), c1 = v128.load(m, 112), c2 = v128.load(m, 128);
  let p: usize = 0;
  for (; p + 16 <= pixels; p += 16) {
    const r = v128.load(p0 + p), g = v128.load(p1 + p), b = v128.load(p2 + p);
    const q = d + p * 3;
    v128.store(q, pick3(r, g, b, a0, a1, a2));
    v128.store(q, pick3(r, g, b, b0, b1, b2), 16);
    v128.store(q, pick3(r, g, b, c0, c1, c2), 32);
  }
  for (; p < pixels; p++) {
    const q = d + p * 3;
    store<u8>(q, load<u8>(p0 + p)); store<u8>(q, load<u8>(p1 + p), 1); store<u8>(q, load<u8>(p2 + p), 2);
  }
}

/** `pixels` pixels of 4 bytes at s → four planes at p0..p3. */
export function split4(s: usize, p0: usize, p1: usize, p2: usize, p3: usize, pixels: usize): void {
  const byChannel = v128.load(BYTES_4X4);
  let p: usize = 0;
  for (; p + 16 <= pixels; p += 16) {
    const q = s + p * 4;
    // Each vector (4 pixels) gathered by channel, [c0 ×4 | c1 ×4 | c2 ×4 | c3 ×4]; then a 4×4 transpose of words.
    const v0 = i8x16.swizzle(v128.load(q), byChannel), v1 = i8x16.swizzle(v128.load(q, 16), byChannel);
    const v2 = i8x16.swizzle(v128.load(q, 32), byChannel), v3 = i8x16.swizzle(v128.load(q, 48), byChannel);
    const t0 = zipLow32(v0, v1), t1 = zipHigh32(v0, v1), t2 = zipLow32(v2, v3), t3 = zipHigh32(v2, v3);
    v128.store(p0 + p, low64(t0, t2));
    v128.store(p1 + p, high64(t0, t2));
    v128.store(p2 + p, low64(t1, t3));
    v128.store(p3 + p, high64(t1, t3));
  }
  for (; p < pixels; p++) {
    const q = s + p * 4;
    store<u8>(p0 + p, load<u8>(q)); store<u8>(p1 + p, load<u8>(q, 1));
    store<u8>(p2 + p, load<u8>(q, 2)); store<u8>(p3 + p, load<u8>(q, 3));
  }
}

/** Four planes at p0..p3 → `pixels` pixels of 4 bytes at d. */
export function merge4(p0: usize, p1: usize, p2: usize, p3: usize, d: usize, pixels: usize): void {
  const byPixel = v128.load(BYTES_4X4);
  let p: usize = 0;
  for (; p + 16 <= pixels; p += 16) {
    const c0 = v128.load(p0 + p), c1 = v128.load(p1 + p), c2 = v128.load(p2 + p), c3 = v128.load(p3 + p);
    // The inverse of split4: a 4×4 transpose of words, then each vector's bytes back in pixel order.
    const t0 = zipLow32(c0, c1), t1 = zipHigh32(c0, c1), t2 = zipLow32(c2, c3), t3 = zipHigh32(c2, c3);
    const q = d + p * 4;
    v128.store(q, i8x16.swizzle(low64(t0, t2), byPixel));
    v128.store(q, i8x16.swizzle(high64(t0, t2), byPixel), 16);
    v128.store(q, i8x16.swizzle(low64(t1, t3), byPixel), 32);
    v128.store(q, i8x16.swizzle(high64(t1, t3), byPixel), 48);
  }
  for (; p < pixels; p++) {
    const q = d + p * 4;
    store<u8>(q, load<u8>(p0 + p)); store<u8>(q, load<u8>(p1 + p), 1);
    store<u8>(q, load<u8>(p2 + p), 2); store<u8>(q, load<u8>(p3 + p), 3);
  }
}


// ---------------------------------------------------------------------------------------------
// Mirrored rows: a left-right flip (each row reversed), or a 180° rotation (the whole image as one row).

/** `rows` rows of `w` pixels of `c` bytes at s (packed) → the same rows at d, each with its pixels in reverse order. */
export function reversePixelRows(s: usize, d: usize, w: usize, rows: usize, c: usize): void {
  const rowBytes = w * c;
  for (let y: usize = 0; y < rows; y++) reverseRow(s + y * rowBytes, d + y * rowBytes, w, c);
}

function reverseRow(s: usize, d: usize, w: usize, c: usize): void {
  // Output pixels x.. come from source pixels w − 1 − x, w − 2 − x, …: 16 at a time from the end.
  let x: usize = 0;
  if (c == 3) {
    const m = REVERSE3;
    const m0 = v128.load(m), m1 = v128.load(m, 16), m2 = v128.load(m, 32), m3 = v128.load(m, 48);
    const m4 = v128.load(m, 64), m5 = v128.load(m, 80), m6 = v128.load(m, 96);
    for (; x + 16 <= w; x += 16) {
      const q = s + (w - 16 - x) * 3, o = d + x * 3;
      const v0 = v128.load(q), v1 = v128.load(q, 16), v2 = v128.load(q, 32);
      v128.store(o, pick2(v1, v2, m0, m1));
      v128.store(o, pick3(v0, v1, v2, m2, m3, m4), 16);
      v128.store(o, pick2(v0, v1, m5, m6), 32);
    }
  } else if (c == 4) {
    for (; x + 4 <= w; x += 4) { const v = v128.load(s + (w - 4 - x) * 4); v128.store(d + x * 4, i32x4.shuffle(v, v, 3, 2, 1, 0)); }
  } else if (c == 1) {
    const reversed = v128.load(REVERSE16);
    for (; x + 16 <= w; x += 16) v128.store(d + x, i8x16.swizzle(v128.load(s + w - 16 - x), reversed));
  } else if (c == 2) {
    for (; x + 8 <= w; x += 8) { const v = v128.load(s + (w - 8 - x) * 2); v128.store(d + x * 2, i16x8.shuffle(v, v, 7, 6, 5, 4, 3, 2, 1, 0)); }
  }
  for (; x < w; x++) {
    const q = s + (w - 1 - x) * c, o = d + x * c;
    for (let k: usize = 0; k < c; k++) store<u8>(o + k, load<u8>(q + k));
  }
}

// ---------------------------------------------------------------------------------------------
// Transposes: dst pixel (y, x) = src pixel (x, y), for `rows` src rows (dst columns) of `cols`
// pixels (dst rows). Src row x starts at s + x·ss, dst row y at d + y·ds; either step may be
// negative, which turns the transpose into a rotation (or an anti-transpose). Blocks of 16×16
// bytes (c = 1) or 4×4 pixels (c = 3, 4) in tiles of TILE dst rows, so that the dst lines being
// filled stay in the L1 cache; the strips left over at the edges pixel by pixel.

const TILE: usize = 64;

/** c = 3 blocks read 16 bytes per 12-byte run: up to 4 bytes past the src buffer (the JS side allocates the dst after it). */
export function transposePixels(s: usize, ss: usize, d: usize, ds: usize, rows: usize, cols: usize, c: usize): void {
  const block: usize = c == 1 ? 16 : c == 3 || c == 4 ? 4 : 0;
  if (block == 0) { transposeScalar(s, ss, d, ds, 0, rows, 0, cols, c); return; }
  const rowsB = rows - rows % block, colsB = cols - cols % block;
  const spread = v128.load(RGB_TO_WORDS), pack = v128.load(WORDS_TO_RGB);
  for (let yt: usize = 0; yt < colsB; yt += TILE) {
    const yEnd = min(colsB, yt + TILE);
    for (let x: usize = 0; x < rowsB; x += block) {
      const src = s + x * ss, dst = d + x * c;
      if (c == 1) for (let y = yt; y < yEnd; y += 16) transpose16x16(src + y, ss, dst + y * ds, ds);
      else if (c == 3) for (let y = yt; y < yEnd; y += 4) transpose4x4rgb(src + y * 3, ss, dst + y * ds, ds, spread, pack);
      else for (let y = yt; y < yEnd; y += 4) transpose4x4rgba(src + y * 4, ss, dst + y * ds, ds);
    }
  }
  transposeScalar(s, ss, d, ds, rowsB, rows, 0, cols, c);
  transposeScalar(s, ss, d, ds, 0, rowsB, colsB, cols, c);
}

/** The pixels of src rows x0..x1 − 1, columns y0..y1 − 1, one at a time. */
function transposeScalar(s: usize, ss: usize, d: usize, ds: usize, x0: usize, x1: usize, y0: usize, y1: usize, c: usize): void {
  for (let x = x0; x < x1; x++) {
    const src = s + x * ss, dst = d + x * c;
    for (let y = y0; y < y1; y++) {
      const q = src + y * c, o = dst + y * ds;
      for (let k: usize = 0; k < c; k++) store<u8>(o + k, load<u8>(q + k));
    }
  }
}

/** 4 src rows × 4 RGBA pixels → 4 dst rows × 4 pixels: a 4×4 transpose of words. */
@inline function transpose4x4rgba(s: usize, ss: usize, d: usize, ds: usize): void {
  const r0 = v128.load(s), r1 = v128.load(s + ss), r2 = v128.load(s + 2 * ss), r3 = v128.load(s + 3 * ss);
  const t0 = zipLow32(r0, r1), t1 = zipHigh32(r0, r1), t2 = zipLow32(r2, r3), t3 = zipHigh32(r2, r3);
  v128.store(d, low64(t0, t2));
  v128.store(d + ds, high64(t0, t2));
  v128.store(d + 2 * ds, low64(t1, t3));
  v128.store(d + 3 * ds, high64(t1, t3));
}

/**
 * 4 src rows × 4 RGB pixels (12 of the 16 bytes loaded) → 4 dst rows of 12 bytes: each row's
 * pixels spread into 4-byte lanes (mask `spread`), the 4×4 word transpose, packed back (`pack`)
 * and stored as 8 + 4 bytes.
 */
@inline function transpose4x4rgb(s: usize, ss: usize, d: usize, ds: usize, spread: v128, pack: v128): void {
  const r0 = i8x16.swizzle(v128.load(s), spread), r1 = i8x16.swizzle(v128.load(s + ss), spread);
  const r2 = i8x16.swizzle(v128.load(s + 2 * ss), spread), r3 = i8x16.swizzle(v128.load(s + 3 * ss), spread);
  const t0 = zipLow32(r0, r1), t1 = zipHigh32(r0, r1), t2 = zipLow32(r2, r3), t3 = zipHigh32(r2, r3);
  const o0 = i8x16.swizzle(low64(t0, t2), pack), o1 = i8x16.swizzle(high64(t0, t2), pack);
  const o2 = i8x16.swizzle(low64(t1, t3), pack), o3 = i8x16.swizzle(high64(t1, t3), pack);
  v128.store64_lane(d, o0, 0); v128.store32_lane(d, o0, 2, 8);
  v128.store64_lane(d + ds, o1, 0); v128.store32_lane(d + ds, o1, 2, 8);
  v128.store64_lane(d + 2 * ds, o2, 0); v128.store32_lane(d + 2 * ds, o2, 2, 8);
  v128.store64_lane(d + 3 * ds, o3, 0); v128.store32_lane(d + 3 * ds, o3, 2, 8);
}

/**
 * 16 src rows × 16 bytes → 16 dst rows × 16 bytes. Four rounds of interleaving rows i and i + 8:
 * each round rotates the 8-bit element index (row bits, column bits) left by one bit, so four
 * rounds swap the row and column bits.
 */
@inline function transpose16x16(s: usize, ss: usize, d: usize, ds: usize): void {
  const x0 = v128.load(s + 0 * ss), x1 = v128.load(s + 1 * ss), x2 = v128.load(s + 2 * ss), x3 = v128.load(s + 3 * ss), x4 = v128.load(s + 4 * ss), x5 = v128.load(s + 5 * ss), x6 = v128.load(s + 6 * ss), x7 = v128.load(s + 7 * ss), x8 = v128.load(s + 8 * ss), x9 = v128.load(s + 9 * ss), x10 = v128.load(s + 10 * ss), x11 = v128.load(s + 11 * ss), x12 = v128.load(s + 12 * ss), x13 = v128.load(s + 13 * ss), x14 = v128.load(s + 14 * ss), x15 = v128.load(s + 15 * ss);
  const a0 = i8x16.shuffle(x0, x8, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), a1 = i8x16.shuffle(x0, x8, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const a2 = i8x16.shuffle(x1, x9, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), a3 = i8x16.shuffle(x1, x9, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const a4 = i8x16.shuffle(x2, x10, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), a5 = i8x16.shuffle(x2, x10, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const a6 = i8x16.shuffle(x3, x11, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), a7 = i8x16.shuffle(x3, x11, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const a8 = i8x16.shuffle(x4, x12, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), a9 = i8x16.shuffle(x4, x12, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const a10 = i8x16.shuffle(x5, x13, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), a11 = i8x16.shuffle(x5, x13, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const a12 = i8x16.shuffle(x6, x14, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), a13 = i8x16.shuffle(x6, x14, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const a14 = i8x16.shuffle(x7, x15, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), a15 = i8x16.shuffle(x7, x15, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const b0 = i8x16.shuffle(a0, a8, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), b1 = i8x16.shuffle(a0, a8, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const b2 = i8x16.shuffle(a1, a9, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), b3 = i8x16.shuffle(a1, a9, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const b4 = i8x16.shuffle(a2, a10, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), b5 = i8x16.shuffle(a2, a10, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const b6 = i8x16.shuffle(a3, a11, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), b7 = i8x16.shuffle(a3, a11, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const b8 = i8x16.shuffle(a4, a12, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), b9 = i8x16.shuffle(a4, a12, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const b10 = i8x16.shuffle(a5, a13, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), b11 = i8x16.shuffle(a5, a13, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const b12 = i8x16.shuffle(a6, a14, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), b13 = i8x16.shuffle(a6, a14, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const b14 = i8x16.shuffle(a7, a15, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), b15 = i8x16.shuffle(a7, a15, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const c0 = i8x16.shuffle(b0, b8, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), c1 = i8x16.shuffle(b0, b8, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const c2 = i8x16.shuffle(b1, b9, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), c3 = i8x16.shuffle(b1, b9, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const c4 = i8x16.shuffle(b2, b10, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), c5 = i8x16.shuffle(b2, b10, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const c6 = i8x16.shuffle(b3, b11, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), c7 = i8x16.shuffle(b3, b11, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const c8 = i8x16.shuffle(b4, b12, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), c9 = i8x16.shuffle(b4, b12, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const c10 = i8x16.shuffle(b5, b13, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), c11 = i8x16.shuffle(b5, b13, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const c12 = i8x16.shuffle(b6, b14, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), c13 = i8x16.shuffle(b6, b14, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const c14 = i8x16.shuffle(b7, b15, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), c15 = i8x16.shuffle(b7, b15, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const e0 = i8x16.shuffle(c0, c8, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), e1 = i8x16.shuffle(c0, c8, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const e2 = i8x16.shuffle(c1, c9, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), e3 = i8x16.shuffle(c1, c9, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const e4 = i8x16.shuffle(c2, c10, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), e5 = i8x16.shuffle(c2, c10, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const e6 = i8x16.shuffle(c3, c11, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), e7 = i8x16.shuffle(c3, c11, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const e8 = i8x16.shuffle(c4, c12, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), e9 = i8x16.shuffle(c4, c12, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const e10 = i8x16.shuffle(c5, c13, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), e11 = i8x16.shuffle(c5, c13, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const e12 = i8x16.shuffle(c6, c14, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), e13 = i8x16.shuffle(c6, c14, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const e14 = i8x16.shuffle(c7, c15, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), e15 = i8x16.shuffle(c7, c15, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  v128.store(d + 0 * ds, e0);
  v128.store(d + 1 * ds, e1);
  v128.store(d + 2 * ds, e2);
  v128.store(d + 3 * ds, e3);
  v128.store(d + 4 * ds, e4);
  v128.store(d + 5 * ds, e5);
  v128.store(d + 6 * ds, e6);
  v128.store(d + 7 * ds, e7);
  v128.store(d + 8 * ds, e8);
  v128.store(d + 9 * ds, e9);
  v128.store(d + 10 * ds, e10);
  v128.store(d + 11 * ds, e11);
  v128.store(d + 12 * ds, e12);
  v128.store(d + 13 * ds, e13);
  v128.store(d + 14 * ds, e14);
  v128.store(d + 15 * ds, e15);

}
