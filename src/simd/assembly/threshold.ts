// cv2.threshold on uint8: every table the core builds (thresholdTable in src/imgproc/threshold.ts)
// has two parts, values ≤ t and values > t, each either one constant or the identity, so a table
// is five bytes (see ../threshold.ts, which derives them from the core's own table) and a vector
// is one compare and a select.

/**
 * n bytes at s → d: v > t ? (v & hiMask) | hiConst : (v & loMask) | loConst (each mask 0 or 255,
 * its constant 0 when the mask is 255). t ≤ 255; t = 255 selects the low part everywhere.
 */
export function thresholdBytes(s: usize, d: usize, n: usize, t: i32, loMask: i32, loConst: i32, hiMask: i32, hiConst: i32): void {
  const tv = i8x16.splat(<i8>t), lm = i8x16.splat(<i8>loMask), lc = i8x16.splat(<i8>loConst);
  const hm = i8x16.splat(<i8>hiMask), hc = i8x16.splat(<i8>hiConst);
  let i: usize = 0;
  for (; i + 64 <= n; i += 64) {
    const a = v128.load(s + i), b = v128.load(s + i, 16), e = v128.load(s + i, 32), f = v128.load(s + i, 48);
    v128.store(d + i, pick(a, tv, lm, lc, hm, hc));
    v128.store(d + i, pick(b, tv, lm, lc, hm, hc), 16);
    v128.store(d + i, pick(e, tv, lm, lc, hm, hc), 32);
    v128.store(d + i, pick(f, tv, lm, lc, hm, hc), 48);
  }
  for (; i + 16 <= n; i += 16) v128.store(d + i, pick(v128.load(s + i), tv, lm, lc, hm, hc));
  for (; i < n; i++) {
    const v = <i32>load<u8>(s + i);
    store<u8>(d + i, <u8>(v > t ? (v & hiMask) | hiConst : (v & loMask) | loConst));
  }
}

@inline function pick(v: v128, tv: v128, lm: v128, lc: v128, hm: v128, hc: v128): v128 {
  return v128.bitselect(v128.or(v128.and(v, hm), hc), v128.or(v128.and(v, lm), lc), i8x16.gt_u(v, tv));
}

/**
 * The 256-bin histogram of n bytes at s into hist (256 int32), counted in four interleaved
 * histograms (scratch: 4 × 256 int32) so that repeated values do not wait on one counter.
 */
export function histogram256(s: usize, n: usize, hist: usize, scratch: usize): void {
  memory.fill(scratch, 0, 4096);
  let i: usize = 0;
  for (; i + 4 <= n; i += 4) {
    const v = load<u32>(s + i);
    const a = scratch + ((v & 255) << 2), b = scratch + 1024 + (((v >> 8) & 255) << 2);
    const e = scratch + 2048 + (((v >> 16) & 255) << 2), f = scratch + 3072 + ((v >> 24) << 2);
    store<u32>(a, load<u32>(a) + 1);
    store<u32>(b, load<u32>(b) + 1);
    store<u32>(e, load<u32>(e) + 1);
    store<u32>(f, load<u32>(f) + 1);
  }
  for (; i < n; i++) {
    const a = scratch + (<usize>load<u8>(s + i) << 2);
    store<u32>(a, load<u32>(a) + 1);
  }
  for (let k: usize = 0; k < 1024; k += 16) {
    const at = scratch + k;
    v128.store(hist + k, i32x4.add(i32x4.add(v128.load(at), v128.load(at, 1024)), i32x4.add(v128.load(at, 2048), v128.load(at, 3072))));
  }
}
