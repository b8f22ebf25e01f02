// Colour kernels. RGB/BGR → gray is OpenCV's fixed point: Y = (x0·k0 + G·19235 + x2·k2 + 2^14) >> 15
// with (k0, k2) = (9798, 3735) for RGB and (3735, 9798) for BGR, exactly as the TS core computes.

const G2Y: i32 = 19235;
const Y_HALF: i32 = 1 << 14;

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
    for (; p + 16 <= pixels; p += 16) {
      const q = s + p * 3;
      const v0 = v128.load(q), v1 = v128.load(q, 16), v2 = v128.load(q, 32);
      // Pixels 0–7 are bytes 0–23 (v0, v1); pixels 8–15 bytes 24–47 (v1 from byte 8, v2).
      const y0 = gray8(i8x16.shuffle(v0, v1, 0, 1, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16, 18, 19, 21, 22),
        i8x16.shuffle(v0, v1, 2, 2, 5, 5, 8, 8, 11, 11, 14, 14, 17, 17, 20, 20, 23, 23), kA, kB);
      const y1 = gray8(i8x16.shuffle(v1, v2, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 23, 24, 26, 27, 29, 30),
        i8x16.shuffle(v1, v2, 10, 10, 13, 13, 16, 16, 19, 19, 22, 22, 25, 25, 28, 28, 31, 31), kA, kB);
      v128.store(d + p, i8x16.narrow_i16x8_u(y0, y1));
    }
  } else {
    for (; p + 16 <= pixels; p += 16) {
      const q = s + p * 4;
      const v0 = v128.load(q), v1 = v128.load(q, 16), v2 = v128.load(q, 32), v3 = v128.load(q, 48);
      const y0 = gray8(i8x16.shuffle(v0, v1, 0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21, 24, 25, 28, 29),
        i8x16.shuffle(v0, v1, 2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23, 26, 27, 30, 31), kA, kB);
      const y1 = gray8(i8x16.shuffle(v2, v3, 0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21, 24, 25, 28, 29),
        i8x16.shuffle(v2, v3, 2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23, 26, 27, 30, 31), kA, kB);
      v128.store(d + p, i8x16.narrow_i16x8_u(y0, y1));
    }
  }
  for (; p < pixels; p++) {
    const q = s + p * channels;
    const y = (<i32>load<u8>(q) * k0 + <i32>load<u8>(q, 1) * G2Y + <i32>load<u8>(q, 2) * k2 + Y_HALF) >> 15;
    store<u8>(d + p, <u8>y);
  }
}
