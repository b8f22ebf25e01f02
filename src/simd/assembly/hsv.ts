// RGB → HSV and inRange kernels.
//
// HSV is OpenCV's 8-bit integer algorithm as the TS core computes it (src/imgproc/color.ts):
//   v = max, diff = v − min, s = (diff·sdiv[v] + 2^11) >> 12,
//   h = (g − b | b − r + 2·diff | r − g + 4·diff)·hdiv[diff] + 2^11 >> 12 (by which of r, g is v),
//   h += 180 when negative; sdiv[i] = round(255·2^12 / i), hdiv[i] = round(180·2^12 / (6i)).
// SIMD has no table gather, so the table entries are computed: a float32 division rounded to the
// nearest integer (ties to even) gives round(K / i) exactly for these K and i ≤ 255 — the float32
// quotient (K < 2^20) is within K·2^-24/i < 1/(2i) of the exact one, and a quotient that is not a
// tie is at least 1/(2i) away from one (test/simd/channels.test.ts covers every (v, diff) pair). i = 0
// gives +∞, saturated to 2^31 − 1, but then the factor it multiplies (diff, or the h numerator) is 0.
import { BYTES_4X4, high64, low64, PACK3, PLANE3, pick3, zipHigh32, zipLow32 } from './shuffles';

/** 255·2^12 and 180·2^12 / 6: sdiv[i] = round(S_SCALE / i), hdiv[i] = round(H_SCALE / i). */
const S_SCALE: f32 = 1044480;
const H_SCALE: f32 = 122880;

/**
 * The kernel's vector constants, loaded once before its loop (V8 rebuilds a constant vector at
 * every use inside a loop; a loaded one stays in a register): S_SCALE and H_SCALE as float32
 * lanes (the bits of 1044480 and 122880), then 2^11 and 180 as i32 lanes.
 */
const CONSTANTS = memory.data<u32>([
  0x497f0000, 0x497f0000, 0x497f0000, 0x497f0000, 0x47f00000, 0x47f00000, 0x47f00000, 0x47f00000,
  2048, 2048, 2048, 2048, 180, 180, 180, 180,
], 16);

/** round(scale / i) for the four i32 lanes of i (0..255), as the core's division tables hold it. */
@inline function divTable4(scale: v128, i: v128): v128 {
  return i32x4.trunc_sat_f32x4_s(f32x4.nearest(f32x4.div(scale, f32x4.convert_i32x4_s(i))));
}

/** (x·k + 2^11) >> 12 for four i32 lanes (`half`: 2^11 in every lane). */
@inline function fixed12(x: v128, k: v128, half: v128): v128 {
  return i32x4.shr_s(i32x4.add(i32x4.mul(x, k), half), 12);
}

/** H of four pixels from their numerators hn, and diff (i32 lanes). */
@inline function hue4(hn: v128, diff: v128, hScale: v128, half: v128, h180: v128): v128 {
  const h = fixed12(hn, divTable4(hScale, diff), half);
  return i32x4.add(h, v128.and(i32x4.shr_s(h, 31), h180));
}

/** S of four pixels from diff and v (i32 lanes). */
@inline function saturation4(diff: v128, v: v128, sScale: v128, half: v128): v128 {
  return fixed12(diff, divTable4(sScale, v), half);
}

/** The H numerators of 8 pixels (i16 lanes of r, g, b, v, diff): by whether v is r, else g, else b. */
@inline function hueNumerator8(r: v128, g: v128, b: v128, v: v128, diff: v128): v128 {
  const fromR = i16x8.sub(g, b);
  const fromG = i16x8.add(i16x8.sub(b, r), i16x8.shl(diff, 1));
  const fromB = i16x8.add(i16x8.sub(r, g), i16x8.shl(diff, 2));
  return v128.bitselect(fromR, v128.bitselect(fromG, fromB, i16x8.eq(v, g)), i16x8.eq(v, r));
}

/** The HSV of 16 pixels given as planes r, g, b, stored as 48 interleaved bytes at o (k0..k8: the PACK3 masks). */
@inline function hsv16(r: v128, g: v128, b: v128, o: usize, c: usize, k0: v128, k1: v128, k2: v128, k3: v128, k4: v128, k5: v128, k6: v128, k7: v128, k8: v128): void {
  const v = i8x16.max_u(i8x16.max_u(r, g), b);
  const diff = i8x16.sub(v, i8x16.min_u(i8x16.min_u(r, g), b));
  const rl = i16x8.extend_low_i8x16_u(r), gl = i16x8.extend_low_i8x16_u(g), bl = i16x8.extend_low_i8x16_u(b);
  const vl = i16x8.extend_low_i8x16_u(v), dl = i16x8.extend_low_i8x16_u(diff);
  const rh = i16x8.extend_high_i8x16_u(r), gh = i16x8.extend_high_i8x16_u(g), bh = i16x8.extend_high_i8x16_u(b);
  const vh = i16x8.extend_high_i8x16_u(v), dh = i16x8.extend_high_i8x16_u(diff);
  const hnl = hueNumerator8(rl, gl, bl, vl, dl), hnh = hueNumerator8(rh, gh, bh, vh, dh);
  const sScale = v128.load(c), hScale = v128.load(c, 16), half = v128.load(c, 32), h180 = v128.load(c, 48);
  const d0 = i32x4.extend_low_i16x8_u(dl), d1 = i32x4.extend_high_i16x8_u(dl);
  const d2 = i32x4.extend_low_i16x8_u(dh), d3 = i32x4.extend_high_i16x8_u(dh);
  const h = i8x16.narrow_i16x8_u(
    i16x8.narrow_i32x4_s(hue4(i32x4.extend_low_i16x8_s(hnl), d0, hScale, half, h180), hue4(i32x4.extend_high_i16x8_s(hnl), d1, hScale, half, h180)),
    i16x8.narrow_i32x4_s(hue4(i32x4.extend_low_i16x8_s(hnh), d2, hScale, half, h180), hue4(i32x4.extend_high_i16x8_s(hnh), d3, hScale, half, h180)));
  const s = i8x16.narrow_i16x8_u(
    i16x8.narrow_i32x4_s(saturation4(d0, i32x4.extend_low_i16x8_u(vl), sScale, half), saturation4(d1, i32x4.extend_high_i16x8_u(vl), sScale, half)),
    i16x8.narrow_i32x4_s(saturation4(d2, i32x4.extend_low_i16x8_u(vh), sScale, half), saturation4(d3, i32x4.extend_high_i16x8_u(vh), sScale, half)));
  v128.store(o, pick3(h, s, v, k0, k1, k2));
  v128.store(o, pick3(h, s, v, k3, k4, k5), 16);
  v128.store(o, pick3(h, s, v, k6, k7, k8), 32);
}

/**
 * `pixels` pixels of `channels` (3 or 4) bytes at s → HSV pixels of 3 bytes at d. `blueFirst`:
 * BGR input (blue is byte 0), else RGB. In place (s = d, 3 channels) is safe: each block is read before it is written.
 */
export function rgbToHsv(s: usize, d: usize, pixels: usize, channels: usize, blueFirst: bool): void {
  const km = PACK3;
  const k0 = v128.load(km), k1 = v128.load(km, 16), k2 = v128.load(km, 32), k3 = v128.load(km, 48), k4 = v128.load(km, 64);
  const k5 = v128.load(km, 80), k6 = v128.load(km, 96), k7 = v128.load(km, 112), k8 = v128.load(km, 128);
  let p: usize = 0;
  if (channels == 3) {
    const m = PLANE3;
    const a0 = v128.load(m), a1 = v128.load(m, 16), a2 = v128.load(m, 32), b0 = v128.load(m, 48), b1 = v128.load(m, 64);
    const b2 = v128.load(m, 80), c0 = v128.load(m, 96), c1 = v128.load(m, 112), c2 = v128.load(m, 128);
    for (; p + 16 <= pixels; p += 16) {
      const q = s + p * 3;
      const v0 = v128.load(q), v1 = v128.load(q, 16), v2 = v128.load(q, 32);
      const x0 = pick3(v0, v1, v2, a0, a1, a2), g = pick3(v0, v1, v2, b0, b1, b2), x2 = pick3(v0, v1, v2, c0, c1, c2);
      if (blueFirst) hsv16(x2, g, x0, d + p * 3, CONSTANTS, k0, k1, k2, k3, k4, k5, k6, k7, k8);
      else hsv16(x0, g, x2, d + p * 3, CONSTANTS, k0, k1, k2, k3, k4, k5, k6, k7, k8);
    }
  } else {
    const byChannel = v128.load(BYTES_4X4);
    for (; p + 16 <= pixels; p += 16) {
      const q = s + p * 4;
      const v0 = i8x16.swizzle(v128.load(q), byChannel), v1 = i8x16.swizzle(v128.load(q, 16), byChannel);
      const v2 = i8x16.swizzle(v128.load(q, 32), byChannel), v3 = i8x16.swizzle(v128.load(q, 48), byChannel);
      const t0 = zipLow32(v0, v1), t1 = zipHigh32(v0, v1), t2 = zipLow32(v2, v3), t3 = zipHigh32(v2, v3);
      const x0 = low64(t0, t2), g = high64(t0, t2), x2 = low64(t1, t3);
      if (blueFirst) hsv16(x2, g, x0, d + p * 3, CONSTANTS, k0, k1, k2, k3, k4, k5, k6, k7, k8);
      else hsv16(x0, g, x2, d + p * 3, CONSTANTS, k0, k1, k2, k3, k4, k5, k6, k7, k8);
    }
  }
  for (; p < pixels; p++) {
    const q = s + p * channels;
    const x0 = <i32>load<u8>(q), g = <i32>load<u8>(q, 1), x2 = <i32>load<u8>(q, 2);
    const r = blueFirst ? x2 : x0, b = blueFirst ? x0 : x2;
    const v = max(max(r, g), b), diff = v - min(min(r, g), b);
    const hn = v == r ? g - b : v == g ? b - r + 2 * diff : r - g + 4 * diff;
    let h = diff == 0 ? 0 : (hn * <i32>nearest(H_SCALE / <f32>diff) + 2048) >> 12;
    if (h < 0) h += 180;
    const sat = v == 0 ? 0 : (diff * <i32>nearest(S_SCALE / <f32>v) + 2048) >> 12;
    const o = d + p * 3;
    store<u8>(o, <u8>h); store<u8>(o, <u8>sat, 1); store<u8>(o, <u8>v, 2);
  }
}

// ---------------------------------------------------------------------------------------------
// inRange with per-channel bounds

/**
 * `pixels` pixels of `channels` (1, 3 or 4) bytes at s → one byte each at d: 255 when every
 * channel k lies in bounds[k]..bounds[4 + k] (inclusive), else 0. A channel whose range is empty
 * is given as 255..0 (no byte is ≥ 255 and ≤ 0 at once).
 */
export function inRange(s: usize, d: usize, pixels: usize, channels: usize, bounds: usize): void {
  const lo0 = i8x16.splat(load<u8>(bounds)), lo1 = i8x16.splat(load<u8>(bounds, 1)), lo2 = i8x16.splat(load<u8>(bounds, 2));
  const lo3 = i8x16.splat(load<u8>(bounds, 3)), hi0 = i8x16.splat(load<u8>(bounds, 4)), hi1 = i8x16.splat(load<u8>(bounds, 5));
  const hi2 = i8x16.splat(load<u8>(bounds, 6)), hi3 = i8x16.splat(load<u8>(bounds, 7));
  let p: usize = 0;
  if (channels == 1) {
    for (; p + 16 <= pixels; p += 16) v128.store(d + p, within(v128.load(s + p), lo0, hi0));
  } else if (channels == 3) {
    const m = PLANE3;
    const a0 = v128.load(m), a1 = v128.load(m, 16), a2 = v128.load(m, 32), b0 = v128.load(m, 48), b1 = v128.load(m, 64);
    const b2 = v128.load(m, 80), c0 = v128.load(m, 96), c1 = v128.load(m, 112), c2 = v128.load(m, 128);
    for (; p + 16 <= pixels; p += 16) {
      const q = s + p * 3;
      const v0 = v128.load(q), v1 = v128.load(q, 16), v2 = v128.load(q, 32);
      v128.store(d + p, v128.and(v128.and(within(pick3(v0, v1, v2, a0, a1, a2), lo0, hi0), within(pick3(v0, v1, v2, b0, b1, b2), lo1, hi1)),
        within(pick3(v0, v1, v2, c0, c1, c2), lo2, hi2)));
    }
  } else if (channels == 4) {
    const byChannel = v128.load(BYTES_4X4);
    for (; p + 16 <= pixels; p += 16) {
      const q = s + p * 4;
      const v0 = i8x16.swizzle(v128.load(q), byChannel), v1 = i8x16.swizzle(v128.load(q, 16), byChannel);
      const v2 = i8x16.swizzle(v128.load(q, 32), byChannel), v3 = i8x16.swizzle(v128.load(q, 48), byChannel);
      const t0 = zipLow32(v0, v1), t1 = zipHigh32(v0, v1), t2 = zipLow32(v2, v3), t3 = zipHigh32(v2, v3);
      v128.store(d + p, v128.and(
        v128.and(within(low64(t0, t2), lo0, hi0), within(high64(t0, t2), lo1, hi1)),
        v128.and(within(low64(t1, t3), lo2, hi2), within(high64(t1, t3), lo3, hi3))));
    }
  }
  for (; p < pixels; p++) {
    const q = s + p * channels;
    let inside = true;
    for (let k: usize = 0; k < channels; k++) {
      const x = load<u8>(q + k);
      inside = inside && x >= load<u8>(bounds + k) && x <= load<u8>(bounds + 4 + k);
    }
    store<u8>(d + p, inside ? 255 : 0);
  }
}

/** 255 in the lanes of x within lo..hi, else 0. */
@inline function within(x: v128, lo: v128, hi: v128): v128 {
  return v128.and(i8x16.ge_u(x, lo), i8x16.le_u(x, hi));
}
