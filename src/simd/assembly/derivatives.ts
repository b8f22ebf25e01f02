// The uint8 conversion of derivative sums scaled by 2^−k (cv2.Scharr / Sobel with scale 0.5,
// 0.25, …): OpenCV's saturate_cast<uchar>(float(S · 2^−k + delta)), which for |S| < 2^14, k ≤ 8
// and an integer |delta| ≤ 2^15 is exact in float32, so it is S / 2^k + delta rounded half to
// even (ties going to the even one of q + delta, q = floor(S / 2^k)), saturated.

/**
 * n int16 sums at s (2-byte aligned) → n bytes at d: sat(roundHalfEven(S / 2^k + delta)), 1 ≤ k ≤ 8,
 * |S| < 2^14, delta within int16 (the JS side clamps it: the result saturates the same).
 */
export function int16ToUint8Shifted(s: usize, d: usize, n: usize, k: i32, delta: i32): void {
  // roundHalfEven(v / 2^k + delta) = ((v + 2^(k−1) − 1 + (((v >> k) + delta) & 1)) >> k) + delta.
  const half: i32 = (1 << (k - 1)) - 1;
  const bias = i16x8.splat(<i16>half), one = i16x8.splat(<i16>1), dv = i16x8.splat(<i16>delta);
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) {
    const a = v128.load(s + (i << 1)), b = v128.load(s + (i << 1), 16);
    const ra = i16x8.shr_s(i16x8.add(i16x8.add(a, bias), v128.and(i16x8.add(i16x8.shr_s(a, k), dv), one)), k);
    const rb = i16x8.shr_s(i16x8.add(i16x8.add(b, bias), v128.and(i16x8.add(i16x8.shr_s(b, k), dv), one)), k);
    v128.store(d + i, i8x16.narrow_i16x8_u(i16x8.add_sat_s(ra, dv), i16x8.add_sat_s(rb, dv)));
  }
  for (; i < n; i++) {
    const v = <i32>load<i16>(s + (i << 1));
    const r = ((v + half + (((v >> k) + delta) & 1)) >> k) + delta;
    store<u8>(d + i, <u8>(r < 0 ? 0 : r > 255 ? 255 : r));
  }
}
