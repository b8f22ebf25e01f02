// cv2.calcHist on packed uint8 pixels with uniform power-of-two bins over [0, 256): the bin of
// a value v of a dimension is v >> shift, and a pixel's flat index is the OR of its dimensions'
// bins, each moved to its place (pos bits up). Counts go into eight copies of the histogram
// (pixel j of each group of eight into copy j), so that runs of equal bins in smooth images do
// not wait on each other's increments; histFinish sums the copies into float32. One-dimensional
// histograms of large images are counted two pixels per increment instead (histPairs).
import { RGB_TO_WORDS } from './shuffles';

@inline function bump(at: u32): void {
  store<u32>(at, load<u32>(at) + 1);
}

/** Four pixels' bins of one dimension from 4-byte lanes: ((w >>> shift) & mask) << pos. */
@inline function dimBins(w: v128, shift: i32, mask: v128, pos: i32): v128 {
  return i32x4.shl(v128.and(i32x4.shr_u(w, shift), mask), pos);
}

/** Counts the four pixels of word lanes w (flat indices from `dims`) in the copies whose addresses are the lanes of `bases`. */
@inline function countWords(w: v128, dims: i32, s0: i32, m0: v128, p0: i32, s1: i32, m1: v128, p1: i32,
  s2: i32, m2: v128, p2: i32, s3: i32, m3: v128, p3: i32, bases: v128): void {
  let idx = dimBins(w, s0, m0, p0);
  if (dims > 1) {
    idx = v128.or(idx, v128.or(dimBins(w, s1, m1, p1), v128.or(dimBins(w, s2, m2, p2), dimBins(w, s3, m3, p3))));
  }
  const at = i32x4.add(i32x4.shl(idx, 2), bases);
  bump(i32x4.extract_lane(at, 0));
  bump(i32x4.extract_lane(at, 1));
  bump(i32x4.extract_lane(at, 2));
  bump(i32x4.extract_lane(at, 3));
}

/**
 * Adds the histogram of `pixels` packed c-byte pixels at s (c = 1, 3 or 4) to the eight copies at
 * `counts` (each `total` u32 counters, one after the other). params: four (shift, mask, pos)
 * int32 triples, one per dimension (unused ones with mask 0): a pixel read as a little-endian word
 * w (c = 3, 4) adds ((w >>> shift) & mask) << pos of every dimension to its index; for c = 1 (one
 * dimension) the bin is (v >> shift) & mask. Reads up to 4 bytes past the last pixel (the JS side
 * allocates them).
 */
export function histPacked(s: usize, pixels: usize, c: i32, dims: i32, params: usize, counts: usize, total: usize): void {
  const copy = <i32>(total << 2), c0 = <i32>counts;
  const bases = i32x4(c0, c0 + copy, c0 + 2 * copy, c0 + 3 * copy);
  const bases2 = i32x4.add(bases, i32x4.splat(4 * copy)); // copies 4–7, for pixels 4–7 of each 8
  const s0 = load<i32>(params), p0 = load<i32>(params, 8);
  let i: usize = 0;
  if (c === 1) {
    const mask = i8x16.splat(<i8>load<i32>(params, 4));
    for (; i + 16 <= pixels; i += 16) {
      const x = v128.and(i8x16.shr_u(v128.load(s + i), s0), mask);
      const lo = i16x8.extend_low_i8x16_u(x), hi = i16x8.extend_high_i8x16_u(x);
      countWords(i32x4.extend_low_i16x8_u(lo), 1, 0, mask, 0, 0, mask, 0, 0, mask, 0, 0, mask, 0, bases);
      countWords(i32x4.extend_high_i16x8_u(lo), 1, 0, mask, 0, 0, mask, 0, 0, mask, 0, 0, mask, 0, bases2);
      countWords(i32x4.extend_low_i16x8_u(hi), 1, 0, mask, 0, 0, mask, 0, 0, mask, 0, 0, mask, 0, bases);
      countWords(i32x4.extend_high_i16x8_u(hi), 1, 0, mask, 0, 0, mask, 0, 0, mask, 0, 0, mask, 0, bases2);
    }
    const m = load<i32>(params, 4);
    for (; i < pixels; i++) bump(c0 + ((((<i32>load<u8>(s + i)) >> s0) & m) << 2));
    return;
  }
  const m0 = i32x4.splat(load<i32>(params, 4));
  const s1 = load<i32>(params, 12), m1 = i32x4.splat(load<i32>(params, 16)), p1 = load<i32>(params, 20);
  const s2 = load<i32>(params, 24), m2 = i32x4.splat(load<i32>(params, 28)), p2 = load<i32>(params, 32);
  const s3 = load<i32>(params, 36), m3 = i32x4.splat(load<i32>(params, 40)), p3 = load<i32>(params, 44);
  if (c === 3) {
    const spread = v128.load(RGB_TO_WORDS);
    for (; i + 16 <= pixels; i += 16) {
      const p = s + i * 3;
      countWords(i8x16.swizzle(v128.load(p), spread), dims, s0, m0, p0, s1, m1, p1, s2, m2, p2, s3, m3, p3, bases);
      countWords(i8x16.swizzle(v128.load(p, 12), spread), dims, s0, m0, p0, s1, m1, p1, s2, m2, p2, s3, m3, p3, bases2);
      countWords(i8x16.swizzle(v128.load(p, 24), spread), dims, s0, m0, p0, s1, m1, p1, s2, m2, p2, s3, m3, p3, bases);
      countWords(i8x16.swizzle(v128.load(p, 36), spread), dims, s0, m0, p0, s1, m1, p1, s2, m2, p2, s3, m3, p3, bases2);
    }
  } else {
    for (; i + 16 <= pixels; i += 16) {
      const p = s + i * 4;
      countWords(v128.load(p), dims, s0, m0, p0, s1, m1, p1, s2, m2, p2, s3, m3, p3, bases);
      countWords(v128.load(p, 16), dims, s0, m0, p0, s1, m1, p1, s2, m2, p2, s3, m3, p3, bases2);
      countWords(v128.load(p, 32), dims, s0, m0, p0, s1, m1, p1, s2, m2, p2, s3, m3, p3, bases);
      countWords(v128.load(p, 48), dims, s0, m0, p0, s1, m1, p1, s2, m2, p2, s3, m3, p3, bases2);
    }
  }
  // The last pixels one by one (a 3-byte pixel read as a word: its 4th byte is never used).
  const sm0 = load<u32>(params, 4), sm1 = load<u32>(params, 16), sm2 = load<u32>(params, 28), sm3 = load<u32>(params, 40);
  for (; i < pixels; i++) {
    const w = load<u32>(s + i * <usize>c);
    const idx = (((w >>> s0) & sm0) << p0) | (((w >>> s1) & sm1) << p1) | (((w >>> s2) & sm2) << p2) | (((w >>> s3) & sm3) << p3);
    bump(c0 + (idx << 2));
  }
}

/** out[i] = f32(sum of the eight copies' counter i), i < total (counts as in histPacked). */
export function histFinish(counts: usize, total: usize, out: usize): void {
  const copy = total << 2;
  let i: usize = 0;
  for (; i + 4 <= total; i += 4) {
    const at = counts + (i << 2);
    const sum4 = i32x4.add(i32x4.add(v128.load(at), v128.load(at + copy)), i32x4.add(v128.load(at + 2 * copy), v128.load(at + 3 * copy)));
    const at2 = at + 4 * copy;
    const sum = i32x4.add(sum4, i32x4.add(i32x4.add(v128.load(at2), v128.load(at2 + copy)), i32x4.add(v128.load(at2 + 2 * copy), v128.load(at2 + 3 * copy))));
    v128.store(out + (i << 2), f32x4.convert_i32x4_u(sum));
  }
  for (; i < total; i++) {
    const at = counts + (i << 2);
    let sum: u32 = 0;
    for (let j: usize = 0; j < 8; j++) sum += load<u32>(at + j * copy);
    store<f32>(out + (i << 2), <f32>sum);
  }
}

/** The bins of four pixels of one dimension from 4-byte lanes: (w >>> shift) & mask. */
@inline function wordBins(w: v128, shift: i32, mask: v128): v128 {
  return v128.and(i32x4.shr_u(w, shift), mask);
}

/** Counts the pairs (a, b) of bin lanes as a | b << bits at pairs + 4·pair. */
@inline function countPairs(a: v128, b: v128, bits: i32, base: v128): void {
  const at = i32x4.add(i32x4.shl(v128.or(a, i32x4.shl(b, bits)), 2), base);
  bump(i32x4.extract_lane(at, 0));
  bump(i32x4.extract_lane(at, 1));
  bump(i32x4.extract_lane(at, 2));
  bump(i32x4.extract_lane(at, 3));
}

/**
 * One dimension of 2^bits bins over large images: adds pixels two at a time as one pair index
 * a | b << bits into `pairs` (2^(2·bits) u32, folded into counts by histFoldPairs), which halves
 * the increments; pixels i and i + 8 of each 16 are paired (neighbours repeat a pair more often in
 * smooth images). The last pixels go to counts (copy 0, as histPacked). params as histPacked's
 * (first triple only). Reads up to 4 bytes past the last pixel.
 */
export function histPairs(s: usize, pixels: usize, c: i32, params: usize, bits: i32, pairs: usize, counts: usize): void {
  const shift = load<i32>(params), m = load<u32>(params, 4), mask = i32x4.splat(m);
  const base = i32x4.splat(<i32>pairs);
  let i: usize = 0;
  if (c === 1) {
    const bmask = i8x16.splat(<i8>m);
    for (; i + 16 <= pixels; i += 16) {
      const x = v128.and(i8x16.shr_u(v128.load(s + i), shift), bmask);
      const lo = i16x8.extend_low_i8x16_u(x), hi = i16x8.extend_high_i8x16_u(x);
      countPairs(i32x4.extend_low_i16x8_u(lo), i32x4.extend_low_i16x8_u(hi), bits, base);
      countPairs(i32x4.extend_high_i16x8_u(lo), i32x4.extend_high_i16x8_u(hi), bits, base);
    }
    for (; i < pixels; i++) bump(<u32>counts + ((((<u32>load<u8>(s + i)) >> shift) & m) << 2));
    return;
  }
  if (c === 3) {
    const spread = v128.load(RGB_TO_WORDS);
    for (; i + 16 <= pixels; i += 16) {
      const p = s + i * 3;
      const w0 = wordBins(i8x16.swizzle(v128.load(p), spread), shift, mask);
      const w1 = wordBins(i8x16.swizzle(v128.load(p, 12), spread), shift, mask);
      const w2 = wordBins(i8x16.swizzle(v128.load(p, 24), spread), shift, mask);
      const w3 = wordBins(i8x16.swizzle(v128.load(p, 36), spread), shift, mask);
      countPairs(w0, w2, bits, base);
      countPairs(w1, w3, bits, base);
    }
  } else {
    for (; i + 16 <= pixels; i += 16) {
      const p = s + i * 4;
      countPairs(wordBins(v128.load(p), shift, mask), wordBins(v128.load(p, 32), shift, mask), bits, base);
      countPairs(wordBins(v128.load(p, 16), shift, mask), wordBins(v128.load(p, 48), shift, mask), bits, base);
    }
  }
  for (; i < pixels; i++) bump(<u32>counts + (((load<u32>(s + i * <usize>c) >>> shift) & m) << 2));
}

/** Adds the pair counts (2^bits × 2^bits, as histPairs) to counts: pair a | b << bits counted a once and b once. */
export function histFoldPairs(pairs: usize, bits: i32, counts: usize): void {
  const bins: usize = 1 << bits;
  for (let b: usize = 0; b < bins; b++) {
    const row = pairs + ((b << bits) << 2);
    let rowSum: u32 = 0;
    let a: usize = 0;
    if (bins >= 4) {
      let acc = i32x4.splat(0);
      for (; a < bins; a += 4) {
        const v = v128.load(row + (a << 2));
        v128.store(counts + (a << 2), i32x4.add(v128.load(counts + (a << 2)), v));
        acc = i32x4.add(acc, v);
      }
      rowSum = <u32>(i32x4.extract_lane(acc, 0) + i32x4.extract_lane(acc, 1) + i32x4.extract_lane(acc, 2) + i32x4.extract_lane(acc, 3));
    } else {
      for (; a < bins; a++) {
        const v = load<u32>(row + (a << 2));
        store<u32>(counts + (a << 2), load<u32>(counts + (a << 2)) + v);
        rowSum += v;
      }
    }
    store<u32>(counts + (b << 2), load<u32>(counts + (b << 2)) + rowSum);
  }
}
