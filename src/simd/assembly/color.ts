// Colour kernels. RGB/BGR → gray is OpenCV's fixed point: Y = (x0·k0 + G·19235 + x2·k2 + 2^14) >> 15
// with (k0, k2) = (9798, 3735) for RGB and (3735, 9798) for BGR, exactly as the TS core computes.

const G2Y: i32 = 19235;
const Y_HALF: i32 = 1 << 14;
const X: u8 = 0x80; // a swizzle lane that gives 0

/**
 * Swizzle masks (pairs: lanes from the first vector, from the second) for 16 packed RGB pixels
 * v0 v1 v2: (x0, G) pairs and (x2, x2) pairs of pixels 0–7 from v0 v1, then of pixels 8–15 from v1 v2.
 */
const GRAY3 = memory.data<u8>([
  0, 1, 3, 4, 6, 7, 9, 10, 12, 13, 15, X, X, X, X, X,
  X, X, X, X, X, X, X, X, X, X, X, 0, 2, 3, 5, 6,
  2, 2, 5, 5, 8, 8, 11, 11, 14, 14, X, X, X, X, X, X,
  X, X, X, X, X, X, X, X, X, X, 1, 1, 4, 4, 7, 7,
  8, 9, 11, 12, 14, 15, X, X, X, X, X, X, X, X, X, X,
  X, X, X, X, X, X, 1, 2, 4, 5, 7, 8, 10, 11, 13, 14,
  10, 10, 13, 13, X, X, X, X, X, X, X, X, X, X, X, X,
  X, X, X, X, 0, 0, 3, 3, 6, 6, 9, 9, 12, 12, 15, 15,
], 16);

/** The same for 4-byte pixels, per pair of vectors: (x0, G) pairs, then (x2, alpha) pairs. */
const GRAY4 = memory.data<u8>([
  0, 1, 4, 5, 8, 9, 12, 13, X, X, X, X, X, X, X, X,
  X, X, X, X, X, X, X, X, 0, 1, 4, 5, 8, 9, 12, 13,
  2, 3, 6, 7, 10, 11, 14, 15, X, X, X, X, X, X, X, X,
  X, X, X, X, X, X, X, X, 2, 3, 6, 7, 10, 11, 14, 15,
], 16);

/** Two-input byte shuffle as two swizzles with masks loaded before the loop (see shuffles.ts for why). */
@inline function pick2(a: v128, b: v128, ma: v128, mb: v128): v128 {
  return v128.or(i8x16.swizzle(a, ma), i8x16.swizzle(b, mb));
}

/**
 * Y of 8 pixels: `pairs` holds (x0, G) byte pairs and `thirds` (x2, any) pairs, so that one dot
 * product of their 16-bit lanes with (k0, G2Y) and (k2, 0) gives each pixel's sum.
 */
@inline function gray8(pairs: v128, thirds: v128, kA: v128, kB: v128): v128 {
  const half = i32x4.splat(Y_HALF);
  const lo = i32x4.add(i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(pairs), kA), i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(thirds), kB)), half);
  const hi = i32x4.add(i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(pairs), kA), i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(thirds), kB)), half);
  return i16x8.narrow_i32x4_u(i32x4.shr_u(lo, 15), i32x4.shr_u(hi, 15));
}

/** `pixels` pixels of `channels` (3 or 4) bytes at s → one gray byte each at d. */
export function rgbToGray(s: usize, d: usize, pixels: usize, channels: usize, k0: i32, k2: i32): void {
  const kA = i32x4.splat(k0 | (G2Y << 16)), kB = i32x4.splat(k2);
  let p: usize = 0;
  if (channels == 3) {
    const m0 = v128.load(GRAY3), m1 = v128.load(GRAY3, 16), m2 = v128.load(GRAY3, 32), m3 = v128.load(GRAY3, 48);
    const m4 = v128.load(GRAY3, 64), m5 = v128.load(GRAY3, 80), m6 = v128.load(GRAY3, 96), m7 = v128.load(GRAY3, 112);
    for (; p + 16 <= pixels; p += 16) {
      const q = s + p * 3;
      const v0 = v128.load(q), v1 = v128.load(q, 16), v2 = v128.load(q, 32);
      // Pixels 0–7 are bytes 0–23 (v0, v1); pixels 8–15 bytes 24–47 (v1 from byte 8, v2).
      const y0 = gray8(pick2(v0, v1, m0, m1), pick2(v0, v1, m2, m3), kA, kB);
      const y1 = gray8(pick2(v1, v2, m4, m5), pick2(v1, v2, m6, m7), kA, kB);
      v128.store(d + p, i8x16.narrow_i16x8_u(y0, y1));
    }
  } else {
    const m0 = v128.load(GRAY4), m1 = v128.load(GRAY4, 16), m2 = v128.load(GRAY4, 32), m3 = v128.load(GRAY4, 48);
    for (; p + 16 <= pixels; p += 16) {
      const q = s + p * 4;
      const v0 = v128.load(q), v1 = v128.load(q, 16), v2 = v128.load(q, 32), v3 = v128.load(q, 48);
      const y0 = gray8(pick2(v0, v1, m0, m1), pick2(v0, v1, m2, m3), kA, kB);
      const y1 = gray8(pick2(v2, v3, m0, m1), pick2(v2, v3, m2, m3), kA, kB);
      v128.store(d + p, i8x16.narrow_i16x8_u(y0, y1));
    }
  }
  for (; p < pixels; p++) {
    const q = s + p * channels;
    const y = (<i32>load<u8>(q) * k0 + <i32>load<u8>(q, 1) * G2Y + <i32>load<u8>(q, 2) * k2 + Y_HALF) >> 15;
    store<u8>(d + p, <u8>y);
  }
}
