// Colour kernels. RGB/BGR → gray is OpenCV's fixed point: Y = (x0·k0 + G·19235 + x2·k2 + 2^14) >> 15
// with (k0, k2) = (9798, 3735) for RGB and (3735, 9798) for BGR, exactly as the TS core computes.

const G2Y: i32 = 19235;
const Y_HALF: i32 = 1 << 14;

/** Y of 16 pixels from their three channel vectors x0, G, x2; kA = (k0, G2Y) and kB = (k2, 2^14) as i16 pairs. */
@inline function gray16(x0: v128, g: v128, x2: v128, kA: v128, kB: v128): v128 {
  const ones = i8x16.splat(1);
  // Pairs (x0, G) and (x2, 1) as 16-bit lanes, so one dot product gives x0·k0 + G·G2Y (and x2·k2 + 2^14).
  const a0 = i8x16.shuffle(x0, g, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
  const a1 = i8x16.shuffle(x0, g, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const b0 = i8x16.shuffle(x2, ones, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
  const b1 = i8x16.shuffle(x2, ones, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const y0 = i32x4.shr_u(i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(a0), kA), i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(b0), kB)), 15);
  const y1 = i32x4.shr_u(i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(a0), kA), i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(b0), kB)), 15);
  const y2 = i32x4.shr_u(i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(a1), kA), i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(b1), kB)), 15);
  const y3 = i32x4.shr_u(i32x4.add(i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(a1), kA), i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(b1), kB)), 15);
  return i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_u(y0, y1), i16x8.narrow_i32x4_u(y2, y3));
}

/** `pixels` pixels of `channels` (3 or 4) bytes at s → one gray byte each at d. */
export function rgbToGray(s: usize, d: usize, pixels: usize, channels: usize, k0: i32, k2: i32): void {
  const kA = i32x4.splat(k0 | (G2Y << 16)), kB = i32x4.splat(k2 | (Y_HALF << 16));
  let p: usize = 0;
  if (channels == 3) {
    for (; p + 16 <= pixels; p += 16) {
      const q = s + p * 3;
      const v0 = v128.load(q), v1 = v128.load(q, 16), v2 = v128.load(q, 32);
      const x0 = i8x16.shuffle(i8x16.shuffle(v0, v1, 0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 0, 0, 0, 0, 0), v2,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 17, 20, 23, 26, 29);
      const g = i8x16.shuffle(i8x16.shuffle(v0, v1, 1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31, 0, 0, 0, 0, 0), v2,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 18, 21, 24, 27, 30);
      const x2 = i8x16.shuffle(i8x16.shuffle(v0, v1, 2, 5, 8, 11, 14, 17, 20, 23, 26, 29, 0, 0, 0, 0, 0, 0), v2,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 19, 22, 25, 28, 31);
      v128.store(d + p, gray16(x0, g, x2, kA, kB));
    }
  } else {
    for (; p + 16 <= pixels; p += 16) {
      const q = s + p * 4;
      const v0 = v128.load(q), v1 = v128.load(q, 16), v2 = v128.load(q, 32), v3 = v128.load(q, 48);
      const x0 = i8x16.shuffle(i8x16.shuffle(v0, v1, 0, 4, 8, 12, 16, 20, 24, 28, 0, 0, 0, 0, 0, 0, 0, 0),
        i8x16.shuffle(v2, v3, 0, 4, 8, 12, 16, 20, 24, 28, 0, 0, 0, 0, 0, 0, 0, 0), 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
      const g = i8x16.shuffle(i8x16.shuffle(v0, v1, 1, 5, 9, 13, 17, 21, 25, 29, 0, 0, 0, 0, 0, 0, 0, 0),
        i8x16.shuffle(v2, v3, 1, 5, 9, 13, 17, 21, 25, 29, 0, 0, 0, 0, 0, 0, 0, 0), 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
      const x2 = i8x16.shuffle(i8x16.shuffle(v0, v1, 2, 6, 10, 14, 18, 22, 26, 30, 0, 0, 0, 0, 0, 0, 0, 0),
        i8x16.shuffle(v2, v3, 2, 6, 10, 14, 18, 22, 26, 30, 0, 0, 0, 0, 0, 0, 0, 0), 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
      v128.store(d + p, gray16(x0, g, x2, kA, kB));
    }
  }
  for (; p < pixels; p++) {
    const q = s + p * channels;
    const y = (<i32>load<u8>(q) * k0 + <i32>load<u8>(q, 1) * G2Y + <i32>load<u8>(q, 2) * k2 + Y_HALF) >> 15;
    store<u8>(d + p, <u8>y);
  }
}
