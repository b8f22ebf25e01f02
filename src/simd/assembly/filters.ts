// Filter kernels: Gaussian and box blurs (separable, exact integer sums), the 5×5 median, integer
// 2-D correlation and Pillow's emboss. Addresses are byte addresses in the module's memory, laid
// out by the JS side (../filters.ts); tables of int32 come from it too (border maps, row
// addresses, weights), computed there exactly as the core computes them. Loads may read up to 15
// bytes past a row (the JS side leaves that slack); the last vector of a row is stored through
// a scratch line so that exactly the row's bytes are written, outside the loop over whole vectors
// (a partial store inside that loop makes V8's code for it about 3× slower).

const PARTIAL = memory.data(16, 16);

/** Stores the first min(n, 16) bytes of v at d. */
@inline function storeUpTo(d: usize, v: v128, n: usize): void {
  if (n >= 16) { v128.store(d, v); return; }
  v128.store(PARTIAL, v);
  memory.copy(d, PARTIAL, n);
}

/**
 * Copies the packed image src (h rows of w·c bytes) into dst extended by a border: padded row r is
 * source row rows[r] (−1: zeros), padded pixel p of it source pixel cols[p] (−1: zeros); the image
 * starts at padded pixel `before`.
 */
export function padImage(src: usize, dst: usize, w: usize, c: usize, rows: usize, nrows: usize, cols: usize,
  ncols: usize, before: usize): void {
  const len = w * c, plen = ncols * c;
  for (let r: usize = 0; r < nrows; r++) {
    const sr = load<i32>(rows + (r << 2));
    const d = dst + r * plen;
    if (sr < 0) memory.fill(d, 0, plen);
    else padRow(src + <usize>sr * len, d, w, c, cols, ncols, before);
  }
}

/** One row s of w pixels copied to d with its border pixels, mapped by cols as in padImage. */
@inline function padRow(s: usize, d: usize, w: usize, c: usize, cols: usize, ncols: usize, before: usize): void {
  memory.copy(d + before * c, s, w * c);
  for (let p: usize = 0; p < ncols; p++) {
    if (p == before) { p += w - 1; continue; }
    const q = load<i32>(cols + (p << 2));
    if (q < 0) memory.fill(d + p * c, 0, c);
    else memory.copy(d + p * c, s + <usize>q * c, c);
  }
}

/**
 * Separable filter with small non-negative integer weights, exact: the vertical sums
 * V = Σ_t ky[t]·row_t (ky bytes, one per source row; rowAddr[y + t] is the address of the row at
 * position y + t − top, borders already mapped) are 16-bit, then the horizontal sums
 * S = Σ_s kx[s]·V[i + s·c] (kx int32) and the result, by `mode`:
 *   0: (S + a) >> b, S 16-bit;  1: ((S + a)·b) >> 23 (OpenCV's box division), S 16-bit;
 *   2: (S + 2^15) >> 16, S 32-bit, Σ kx = 256, kx as ⌈kw/2⌉ vectors of weight pairs (see horizontalPairs).
 * vbuf holds ncols·c + c + 16 16-bit sums (the image from pixel `before`, cols mapping the border
 * pixels as in padImage); wbuf, mode 2 only, (ncols·c + 16)·4 bytes (the pairs of horizontalPairs).
 */
export function separable(rowAddr: usize, dst: usize, h: usize, w: usize, c: usize, ky: usize, kh: usize, kx: usize,
  kw: usize, before: usize, cols: usize, ncols: usize, mode: i32, a: i32, b: i32, vbuf: usize, wbuf: usize): void {
  const len = w * c, plen = ncols * c;
  const vImage = vbuf + ((before * c) << 1);
  let symmetric = true; // an odd symmetric ky: rows t and kh−1−t share one product (verticalSymmetric)
  for (let t: usize = 0; t < kh >> 1; t++) symmetric = symmetric && load<u8>(ky + t) == load<u8>(ky + kh - 1 - t);
  for (let y: usize = 0; y < h; y++) {
    // Vertical: 16 bytes of every row at once, products widened to 16 bits.
    if (kh == 5) vertical5(rowAddr + (y << 2), ky, vImage, len);
    else if (symmetric && (kh & 1) == 1) verticalSymmetric(rowAddr + (y << 2), ky, kh, vImage, len);
    else for (let j: usize = 0; j < len; j += 16) {
      let lo = i16x8.splat(0), hi = i16x8.splat(0);
      for (let t: usize = 0; t < kh; t++) {
        const v = v128.load(<usize>load<i32>(rowAddr + ((y + t) << 2)) + j);
        const k = i8x16.splat(load<i8>(ky + t));
        lo = i16x8.add(lo, i16x8.extmul_low_i8x16_u(v, k));
        hi = i16x8.add(hi, i16x8.extmul_high_i8x16_u(v, k));
      }
      v128.store(vImage + (j << 1), lo);
      v128.store(vImage + (j << 1), hi, 16);
    }
    // Border pixels of the sums: the sums of the columns they stand for (a column map commutes
    // with the vertical pass), zeros for a constant border.
    for (let p: usize = 0; p < ncols; p++) {
      if (p == before) { p += w - 1; continue; }
      const q = load<i32>(cols + (p << 2));
      const d = vbuf + ((p * c) << 1);
      if (q < 0) memory.fill(d, 0, c << 1);
      else memory.copy(d, vImage + ((<usize>q * c) << 1), c << 1);
    }
    const o = dst + y * len;
    if (mode == 2) {
      horizontalPairs(vbuf, wbuf, plen, o, len, c, kx, (kw + 1) >> 1);
      continue;
    }
    if (kw == 5) {
      horizontal5(vbuf, o, len, c, kx, mode, a, b);
      continue;
    }
    let i: usize = 0;
    for (; i + 16 <= len; i += 16) v128.store(o + i, horizontal16(vbuf + (i << 1), c, kx, kw, mode, a, b));
    if (i < len) storeUpTo(o + i, horizontal16(vbuf + (i << 1), c, kx, kw, mode, a, b), len - i);
  }
}

/** 16 bytes of the horizontal pass (modes 0 and 1) of `separable`, from the sums at v. */
@inline function horizontal16(v: usize, c: usize, kx: usize, kw: usize, mode: i32, a: i32, b: i32): v128 {
  let lo = i16x8.splat(0), hi = i16x8.splat(0);
  for (let s: usize = 0; s < kw; s++) {
    const at = v + ((s * c) << 1);
    const k = i16x8.splat(<i16>load<i32>(kx + (s << 2)));
    lo = i16x8.add(lo, i16x8.mul(v128.load(at), k));
    hi = i16x8.add(hi, i16x8.mul(v128.load(at, 16), k));
  }
  return finish16(lo, hi, mode, a, b);
}

/** The bytes of 16 horizontal sums (16-bit, in lo and hi) by mode 0 or 1 of `separable`. */
@inline function finish16(lo: v128, hi: v128, mode: i32, a: i32, b: i32): v128 {
  if (mode == 0) {
    const half = i16x8.splat(<i16>a);
    return i8x16.narrow_i16x8_u(i16x8.shr_u(i16x8.add(lo, half), b), i16x8.shr_u(i16x8.add(hi, half), b));
  }
  return i8x16.narrow_i16x8_u(
    i16x8.narrow_i32x4_u(boxDivide(i32x4.extend_low_i16x8_u(lo), a, b), boxDivide(i32x4.extend_high_i16x8_u(lo), a, b)),
    i16x8.narrow_i32x4_u(boxDivide(i32x4.extend_low_i16x8_u(hi), a, b), boxDivide(i32x4.extend_high_i16x8_u(hi), a, b)));
}

/** The vertical pass of `separable` for 5 rows (addresses at rows[0..4]), unrolled. */
function vertical5(rows: usize, ky: usize, v: usize, len: usize): void {
  const r0 = <usize>load<i32>(rows), r1 = <usize>load<i32>(rows, 4), r2 = <usize>load<i32>(rows, 8);
  const r3 = <usize>load<i32>(rows, 12), r4 = <usize>load<i32>(rows, 16);
  const k0 = i8x16.splat(load<i8>(ky)), k1 = i8x16.splat(load<i8>(ky, 1)), k2 = i8x16.splat(load<i8>(ky, 2));
  const k3 = i8x16.splat(load<i8>(ky, 3)), k4 = i8x16.splat(load<i8>(ky, 4));
  for (let j: usize = 0; j < len; j += 16) {
    const a = v128.load(r0 + j), b = v128.load(r1 + j), d = v128.load(r2 + j), e = v128.load(r3 + j), f = v128.load(r4 + j);
    const lo = i16x8.add(i16x8.add(i16x8.add(i16x8.extmul_low_i8x16_u(a, k0), i16x8.extmul_low_i8x16_u(b, k1)),
      i16x8.add(i16x8.extmul_low_i8x16_u(d, k2), i16x8.extmul_low_i8x16_u(e, k3))), i16x8.extmul_low_i8x16_u(f, k4));
    const hi = i16x8.add(i16x8.add(i16x8.add(i16x8.extmul_high_i8x16_u(a, k0), i16x8.extmul_high_i8x16_u(b, k1)),
      i16x8.add(i16x8.extmul_high_i8x16_u(d, k2), i16x8.extmul_high_i8x16_u(e, k3))), i16x8.extmul_high_i8x16_u(f, k4));
    v128.store(v + (j << 1), lo);
    v128.store(v + (j << 1), hi, 16);
  }
}

/** Scratch of verticalSymmetric: row address pairs and weight vectors of up to 127 row pairs. */
const PAIR_ROWS = memory.data(8 * 128, 16);
const PAIR_WEIGHTS = memory.data(16 * 128, 16);

/**
 * The vertical pass of `separable` for a symmetric ky of odd length kh (rows at rows[0..kh−1]):
 * rows t and kh−1−t added first, then one product per pair. In 16 bits without wrapping: every
 * term is non-negative and their total, the sum itself, fits (the JS side bounds it).
 */
function verticalSymmetric(rows: usize, ky: usize, kh: usize, v: usize, len: usize): void {
  const r = kh >> 1;
  const mid = <usize>load<i32>(rows + (r << 2)), km = i8x16.splat(load<i8>(ky + r));
  // Per pair: the two row addresses and the weight vector, read once per 16 bytes from L1.
  for (let t: usize = 0; t < r; t++) {
    store<u32>(PAIR_ROWS + (t << 3), load<u32>(rows + (t << 2)));
    store<u32>(PAIR_ROWS + (t << 3), load<u32>(rows + ((kh - 1 - t) << 2)), 4);
    v128.store(PAIR_WEIGHTS + (t << 4), i16x8.splat(<i16>load<u8>(ky + t)));
  }
  for (let j: usize = 0; j < len; j += 16) {
    const m = v128.load(mid + j);
    let lo = i16x8.extmul_low_i8x16_u(m, km), hi = i16x8.extmul_high_i8x16_u(m, km);
    for (let t: usize = 0; t < r; t++) {
      const a = v128.load(<usize>load<u32>(PAIR_ROWS + (t << 3)) + j), b = v128.load(<usize>load<u32>(PAIR_ROWS + (t << 3), 4) + j);
      const k = v128.load(PAIR_WEIGHTS + (t << 4));
      lo = i16x8.add(lo, i16x8.mul(i16x8.add(i16x8.extend_low_i8x16_u(a), i16x8.extend_low_i8x16_u(b)), k));
      hi = i16x8.add(hi, i16x8.mul(i16x8.add(i16x8.extend_high_i8x16_u(a), i16x8.extend_high_i8x16_u(b)), k));
    }
    v128.store(v + (j << 1), lo);
    v128.store(v + (j << 1), hi, 16);
  }
}

/** The horizontal pass of `separable` (modes 0 and 1) for 5 taps, unrolled. */
function horizontal5(v: usize, o: usize, len: usize, c: usize, kx: usize, mode: i32, a: i32, b: i32): void {
  const k0 = i16x8.splat(<i16>load<i32>(kx)), k1 = i16x8.splat(<i16>load<i32>(kx, 4)), k2 = i16x8.splat(<i16>load<i32>(kx, 8));
  const k3 = i16x8.splat(<i16>load<i32>(kx, 12)), k4 = i16x8.splat(<i16>load<i32>(kx, 16));
  const step = c << 1;
  let i: usize = 0;
  for (; i + 16 <= len; i += 16) v128.store(o + i, horizontal5at(v + (i << 1), step, k0, k1, k2, k3, k4, mode, a, b));
  if (i < len) storeUpTo(o + i, horizontal5at(v + (i << 1), step, k0, k1, k2, k3, k4, mode, a, b), len - i);
}

/** 16 bytes of `horizontal5`, from the sums at p0 (taps `step` bytes apart). */
@inline function horizontal5at(p0: usize, step: usize, k0: v128, k1: v128, k2: v128, k3: v128, k4: v128, mode: i32, a: i32,
  b: i32): v128 {
  const p1 = p0 + step, p2 = p1 + step, p3 = p2 + step, p4 = p3 + step;
  const lo = i16x8.add(i16x8.add(i16x8.add(i16x8.mul(v128.load(p0), k0), i16x8.mul(v128.load(p1), k1)),
    i16x8.add(i16x8.mul(v128.load(p2), k2), i16x8.mul(v128.load(p3), k3))), i16x8.mul(v128.load(p4), k4));
  const hi = i16x8.add(i16x8.add(i16x8.add(i16x8.mul(v128.load(p0, 16), k0), i16x8.mul(v128.load(p1, 16), k1)),
    i16x8.add(i16x8.mul(v128.load(p2, 16), k2), i16x8.mul(v128.load(p3, 16), k3))), i16x8.mul(v128.load(p4, 16), k4));
  return finish16(lo, hi, mode, a, b);
}

@inline function boxDivide(s: v128, dd: i32, ds: i32): v128 {
  return i32x4.shr_u(i32x4.mul(i32x4.add(s, i32x4.splat(dd)), i32x4.splat(ds)), 23);
}

/**
 * Mode 2 of `separable`: S = Σ_s kx[s]·V[i + s·c] exactly in 32-bit lanes, two taps per
 * i32x4.dot_i16x8_s, then (S + 2^15) >> 16. The sums, offset to signed 16 bits (V − 2^15), are
 * laid out in wbuf as pairs (V[x], V[x + c]), so that one load of pairs at x + s·c and one dot
 * with the weights (kx[s], kx[s + 1]) give taps s and s + 1 of four outputs in order; kpairs holds
 * those weights as ⌈kw/2⌉ vectors (the last pair of an odd kernel has weight 0 in its odd lanes).
 * The offset costs Σ kx[s]·2^15 = 2^23 (the weights sum to 256), added back with the rounding.
 */
function horizontalPairs(vbuf: usize, wbuf: usize, plen: usize, o: usize, len: usize, c: usize, kpairs: usize,
  npairs: usize): void {
  const flip = i16x8.splat(-32768);
  for (let j: usize = 0; j < plen; j += 8) {
    const x = v128.xor(v128.load(vbuf + (j << 1)), flip), y = v128.xor(v128.load(vbuf + ((j + c) << 1)), flip);
    v128.store(wbuf + (j << 2), i16x8.shuffle(x, y, 0, 8, 1, 9, 2, 10, 3, 11));
    v128.store(wbuf + (j << 2), i16x8.shuffle(x, y, 4, 12, 5, 13, 6, 14, 7, 15), 16);
  }
  const bias = i32x4.splat((1 << 23) + (1 << 15));
  const step = c << 3; // two taps of pairs
  let i: usize = 0;
  for (; i + 16 <= len; i += 16) v128.store(o + i, pairs16(wbuf + (i << 2), step, kpairs, npairs, bias));
  if (i < len) storeUpTo(o + i, pairs16(wbuf + (i << 2), step, kpairs, npairs, bias), len - i);
}

/** 16 bytes of `horizontalPairs`, from the pairs at w. */
@inline function pairs16(w: usize, step: usize, kpairs: usize, npairs: usize, bias: v128): v128 {
  let q0 = bias, q1 = bias, q2 = bias, q3 = bias;
  for (let p: usize = 0; p < npairs; p++) {
    const k = v128.load(kpairs + (p << 4)), at = w + p * step;
    q0 = i32x4.add(q0, i32x4.dot_i16x8_s(v128.load(at), k));
    q1 = i32x4.add(q1, i32x4.dot_i16x8_s(v128.load(at, 16), k));
    q2 = i32x4.add(q2, i32x4.dot_i16x8_s(v128.load(at, 32), k));
    q3 = i32x4.add(q3, i32x4.dot_i16x8_s(v128.load(at, 48), k));
  }
  return i8x16.narrow_i16x8_u(
    i16x8.narrow_i32x4_u(i32x4.shr_u(q0, 16), i32x4.shr_u(q1, 16)),
    i16x8.narrow_i32x4_u(i32x4.shr_u(q2, 16), i32x4.shr_u(q3, 16)));
}

/**
 * 5×5 median of the padded image pad (h + 4 rows of (w + 4)·c bytes, border replicated): per
 * output row, each column of five is sorted once into the five rows of `sorted` (`sortedStride`
 * bytes apart), then each window's median is selected from its five sorted columns by a
 * 79-comparator network (min/max of bytes, 16 at a time). Any exact median gives the same bytes.
 * The stores of a row may go 15 bytes past it (dst needs that slack).
 */
export function median5(pad: usize, dst: usize, h: usize, w: usize, c: usize, sorted: usize, sortedStride: usize): void {
  const len = w * c, plen = (w + 4) * c;
  const s0 = sorted, s1 = s0 + sortedStride, s2 = s1 + sortedStride, s3 = s2 + sortedStride, s4 = s3 + sortedStride;
  for (let y: usize = 0; y < h; y++) {
    const r = pad + y * plen;
    for (let j: usize = 0; j < plen; j += 16) {
      let a = v128.load(r + j), b = v128.load(r + plen + j), d = v128.load(r + 2 * plen + j);
      let e = v128.load(r + 3 * plen + j), f = v128.load(r + 4 * plen + j), t: v128;
      t = i8x16.min_u(a, b); b = i8x16.max_u(a, b); a = t;
      t = i8x16.min_u(e, f); f = i8x16.max_u(e, f); e = t;
      t = i8x16.min_u(d, f); f = i8x16.max_u(d, f); d = t;
      t = i8x16.min_u(d, e); e = i8x16.max_u(d, e); d = t;
      t = i8x16.min_u(b, f); f = i8x16.max_u(b, f); b = t;
      t = i8x16.min_u(a, e); e = i8x16.max_u(a, e); a = t;
      t = i8x16.min_u(a, d); d = i8x16.max_u(a, d); a = t;
      t = i8x16.min_u(b, e); e = i8x16.max_u(b, e); b = t;
      t = i8x16.min_u(b, d); d = i8x16.max_u(b, d); b = t;
      v128.store(s0 + j, a); v128.store(s1 + j, b); v128.store(s2 + j, d); v128.store(s3 + j, e); v128.store(s4 + j, f);
    }
    const o = dst + y * len;
    // Whole vectors, the last one past the row: into the next row (written after) or dst's slack.
    for (let i: usize = 0; i < len; i += 16) v128.store(o + i, median25(s0 + i, s1 + i, s2 + i, s3 + i, s4 + i, c));
  }
}

/** The median of five sorted columns (rows a..e of the sorted buffers, columns c bytes apart). */
@inline function median25(a: usize, b: usize, d: usize, e: usize, f: usize, c: usize): v128 {
  // p(5·column + rank): rank-th smallest of column `column`.
  let p0 = v128.load(a), p1 = v128.load(b), p2 = v128.load(d), p3 = v128.load(e), p4 = v128.load(f);
  let p5 = v128.load(a + c), p6 = v128.load(b + c), p7 = v128.load(d + c), p8 = v128.load(e + c), p9 = v128.load(f + c);
  const c2 = c << 1, c3 = c2 + c, c4 = c2 << 1;
  let p10 = v128.load(a + c2), p11 = v128.load(b + c2), p12 = v128.load(d + c2), p13 = v128.load(e + c2), p14 = v128.load(f + c2);
  let p15 = v128.load(a + c3), p16 = v128.load(b + c3), p17 = v128.load(d + c3), p18 = v128.load(e + c3), p19 = v128.load(f + c3);
  let p20 = v128.load(a + c4), p21 = v128.load(b + c4), p22 = v128.load(d + c4), p23 = v128.load(e + c4), p24 = v128.load(f + c4);
  let t: v128;
  t = i8x16.min_u(p4, p5); p5 = i8x16.max_u(p4, p5); p4 = t;
  t = i8x16.min_u(p14, p15); p15 = i8x16.max_u(p14, p15); p14 = t;
  t = i8x16.min_u(p5, p7); p7 = i8x16.max_u(p5, p7); p5 = t;
  t = i8x16.min_u(p8, p10); p10 = i8x16.max_u(p8, p10); p8 = t;
  t = i8x16.min_u(p9, p11); p11 = i8x16.max_u(p9, p11); p9 = t;
  t = i8x16.min_u(p12, p14); p14 = i8x16.max_u(p12, p14); p12 = t;
  t = i8x16.min_u(p5, p6); p6 = i8x16.max_u(p5, p6); p5 = t;
  t = i8x16.min_u(p9, p10); p10 = i8x16.max_u(p9, p10); p9 = t;
  t = i8x16.min_u(p13, p14); p14 = i8x16.max_u(p13, p14); p13 = t;
  t = i8x16.min_u(p0, p4); p4 = i8x16.max_u(p0, p4); p0 = t;
  t = i8x16.min_u(p1, p5); p5 = i8x16.max_u(p1, p5); p1 = t;
  t = i8x16.min_u(p2, p6); p6 = i8x16.max_u(p2, p6); p2 = t;
  t = i8x16.min_u(p8, p12); p12 = i8x16.max_u(p8, p12); p8 = t;
  t = i8x16.min_u(p10, p14); p14 = i8x16.max_u(p10, p14); p10 = t;
  t = i8x16.min_u(p11, p15); p15 = i8x16.max_u(p11, p15); p11 = t;
  t = i8x16.min_u(p16, p20); p20 = i8x16.max_u(p16, p20); p16 = t;
  t = i8x16.min_u(p17, p21); p21 = i8x16.max_u(p17, p21); p17 = t;
  t = i8x16.min_u(p18, p22); p22 = i8x16.max_u(p18, p22); p18 = t;
  t = i8x16.min_u(p19, p23); p23 = i8x16.max_u(p19, p23); p19 = t;
  t = i8x16.min_u(p2, p4); p4 = i8x16.max_u(p2, p4); p2 = t;
  t = i8x16.min_u(p3, p5); p5 = i8x16.max_u(p3, p5); p3 = t;
  t = i8x16.min_u(p10, p12); p12 = i8x16.max_u(p10, p12); p10 = t;
  t = i8x16.min_u(p11, p13); p13 = i8x16.max_u(p11, p13); p11 = t;
  t = i8x16.min_u(p18, p20); p20 = i8x16.max_u(p18, p20); p18 = t;
  t = i8x16.min_u(p19, p21); p21 = i8x16.max_u(p19, p21); p19 = t;
  t = i8x16.min_u(p1, p2); p2 = i8x16.max_u(p1, p2); p1 = t;
  t = i8x16.min_u(p3, p4); p4 = i8x16.max_u(p3, p4); p3 = t;
  t = i8x16.min_u(p5, p6); p6 = i8x16.max_u(p5, p6); p5 = t;
  t = i8x16.min_u(p9, p10); p10 = i8x16.max_u(p9, p10); p9 = t;
  t = i8x16.min_u(p11, p12); p12 = i8x16.max_u(p11, p12); p11 = t;
  t = i8x16.min_u(p13, p14); p14 = i8x16.max_u(p13, p14); p13 = t;
  t = i8x16.min_u(p17, p18); p18 = i8x16.max_u(p17, p18); p17 = t;
  t = i8x16.min_u(p19, p20); p20 = i8x16.max_u(p19, p20); p19 = t;
  t = i8x16.min_u(p0, p8); p8 = i8x16.max_u(p0, p8); p0 = t;
  t = i8x16.min_u(p1, p9); p9 = i8x16.max_u(p1, p9); p1 = t;
  t = i8x16.min_u(p2, p10); p10 = i8x16.max_u(p2, p10); p2 = t;
  t = i8x16.min_u(p3, p11); p11 = i8x16.max_u(p3, p11); p3 = t;
  t = i8x16.min_u(p4, p12); p12 = i8x16.max_u(p4, p12); p4 = t;
  t = i8x16.min_u(p5, p13); p13 = i8x16.max_u(p5, p13); p5 = t;
  t = i8x16.min_u(p6, p14); p14 = i8x16.max_u(p6, p14); p6 = t;
  t = i8x16.min_u(p7, p15); p15 = i8x16.max_u(p7, p15); p7 = t;
  t = i8x16.min_u(p4, p8); p8 = i8x16.max_u(p4, p8); p4 = t;
  t = i8x16.min_u(p5, p9); p9 = i8x16.max_u(p5, p9); p5 = t;
  t = i8x16.min_u(p6, p10); p10 = i8x16.max_u(p6, p10); p6 = t;
  t = i8x16.min_u(p7, p11); p11 = i8x16.max_u(p7, p11); p7 = t;
  t = i8x16.min_u(p20, p24); p24 = i8x16.max_u(p20, p24); p20 = t;
  t = i8x16.min_u(p2, p4); p4 = i8x16.max_u(p2, p4); p2 = t;
  t = i8x16.min_u(p3, p5); p5 = i8x16.max_u(p3, p5); p3 = t;
  t = i8x16.min_u(p6, p8); p8 = i8x16.max_u(p6, p8); p6 = t;
  t = i8x16.min_u(p7, p9); p9 = i8x16.max_u(p7, p9); p7 = t;
  t = i8x16.min_u(p10, p12); p12 = i8x16.max_u(p10, p12); p10 = t;
  t = i8x16.min_u(p11, p13); p13 = i8x16.max_u(p11, p13); p11 = t;
  t = i8x16.min_u(p22, p24); p24 = i8x16.max_u(p22, p24); p22 = t;
  t = i8x16.min_u(p3, p4); p4 = i8x16.max_u(p3, p4); p3 = t;
  t = i8x16.min_u(p5, p6); p6 = i8x16.max_u(p5, p6); p5 = t;
  t = i8x16.min_u(p7, p8); p8 = i8x16.max_u(p7, p8); p7 = t;
  t = i8x16.min_u(p9, p10); p10 = i8x16.max_u(p9, p10); p9 = t;
  t = i8x16.min_u(p11, p12); p12 = i8x16.max_u(p11, p12); p11 = t;
  t = i8x16.min_u(p21, p22); p22 = i8x16.max_u(p21, p22); p21 = t;
  t = i8x16.min_u(p23, p24); p24 = i8x16.max_u(p23, p24); p23 = t;
  t = i8x16.min_u(p3, p19); p19 = i8x16.max_u(p3, p19); p3 = t;
  t = i8x16.min_u(p4, p20); p20 = i8x16.max_u(p4, p20); p4 = t;
  t = i8x16.min_u(p5, p21); p21 = i8x16.max_u(p5, p21); p5 = t;
  t = i8x16.min_u(p6, p22); p22 = i8x16.max_u(p6, p22); p6 = t;
  t = i8x16.min_u(p7, p23); p23 = i8x16.max_u(p7, p23); p7 = t;
  t = i8x16.min_u(p8, p24); p24 = i8x16.max_u(p8, p24); p8 = t;
  t = i8x16.min_u(p8, p16); p16 = i8x16.max_u(p8, p16); p8 = t;
  t = i8x16.min_u(p9, p17); p17 = i8x16.max_u(p9, p17); p9 = t;
  t = i8x16.min_u(p10, p18); p18 = i8x16.max_u(p10, p18); p10 = t;
  t = i8x16.min_u(p11, p19); p19 = i8x16.max_u(p11, p19); p11 = t;
  t = i8x16.min_u(p12, p20); p20 = i8x16.max_u(p12, p20); p12 = t;
  t = i8x16.min_u(p13, p21); p21 = i8x16.max_u(p13, p21); p13 = t;
  t = i8x16.min_u(p6, p10); p10 = i8x16.max_u(p6, p10); p6 = t;
  t = i8x16.min_u(p7, p11); p11 = i8x16.max_u(p7, p11); p7 = t;
  t = i8x16.min_u(p12, p16); p16 = i8x16.max_u(p12, p16); p12 = t;
  t = i8x16.min_u(p13, p17); p17 = i8x16.max_u(p13, p17); p13 = t;
  t = i8x16.min_u(p10, p12); p12 = i8x16.max_u(p10, p12); p10 = t;
  t = i8x16.min_u(p11, p13); p13 = i8x16.max_u(p11, p13); p11 = t;
  t = i8x16.min_u(p11, p12); p12 = i8x16.max_u(p11, p12); p11 = t;
  return p12;
}

/**
 * Integer correlation: dst = sat(delta + Σ k·x) over `ntaps` taps (int32 triples: window row,
 * byte offset in the padded row, coefficient), in 16-bit lanes: the JS side accepts only sums
 * bounded below 2^15, where the core's float32 sums are exact integers too. The kh padded rows a
 * window spans live in a ring (`ring`, slots `ringStride` bytes apart): padded row r (source row
 * rows[r], −1: zeros; pixels mapped by cols as in padImage) is made once, when the first output
 * row needing it comes, so the padded image never goes through main memory. `work` holds
 * ntaps·16 + w·c·2 + 32 bytes: each tap's coefficient vector, then the partial sums of a row. The
 * stores of a row may go 15 bytes past it (dst needs that slack).
 */
export function correlateRows(src: usize, dst: usize, h: usize, w: usize, c: usize, rows: usize, cols: usize, ncols: usize,
  before: usize, ring: usize, ringStride: usize, kh: usize, taps: usize, ntaps: usize, delta: i32, work: usize): void {
  const len = w * c, plen = ncols * c;
  const d0 = i16x8.splat(<i16>delta);
  const kvec = work, acc = work + (ntaps << 4);
  for (let t: usize = 0; t < ntaps; t++) v128.store(kvec + (t << 4), i16x8.splat(<i16>load<i32>(taps + t * 12, 8)));
  // Two taps, +1 and −1, and a byte delta: the byte path below.
  const k0 = ntaps == 2 ? load<i32>(taps, 8) : 0, k1 = ntaps == 2 ? load<i32>(taps, 20) : 0;
  const difference = ntaps == 2 && k0 + k1 == 0 && (k0 == 1 || k0 == -1) && delta >= 0 && delta <= 255;
  const plusTap: usize = k0 == 1 ? 0 : 1;
  const d8 = i8x16.splat(<i8>delta);
  let next: usize = 0; // the next padded row to make
  for (let y: usize = 0; y < h; y++) {
    for (; next < y + kh; next++) {
      const sr = load<i32>(rows + (next << 2));
      const d = ring + (next % kh) * ringStride;
      if (sr < 0) memory.fill(d, 0, plen);
      else padRow(src + <usize>sr * len, d, w, c, cols, ncols, before);
    }
    const o = dst + y * len;
    if (difference) {
      // x − z + delta, 0 ≤ delta ≤ 255: one of the two saturated differences is zero, so byte
      // arithmetic with saturation gives the exact clamped sum.
      const plus = tapAddress(taps, plusTap, y, kh, ring, ringStride), minus = tapAddress(taps, 1 - plusTap, y, kh, ring, ringStride);
      let i: usize = 0;
      for (; i + 16 <= len; i += 16) v128.store(o + i, embossBytes(plus + i, minus + i, d8));
      if (i < len) storeUpTo(o + i, embossBytes(plus + i, minus + i, d8), len - i);
      continue;
    }
    // Up to four taps at a time in locals, over the whole row; between groups the 16-bit sums
    // wait in acc (len·2 bytes).
    for (let t: usize = 0; t < ntaps; t += 4) {
      const n = min<usize>(ntaps - t, 4);
      const a0 = tapAddress(taps, t, y, kh, ring, ringStride), k0 = v128.load(kvec + (t << 4));
      const a1 = n > 1 ? tapAddress(taps, t + 1, y, kh, ring, ringStride) : a0, k1 = n > 1 ? v128.load(kvec + (t << 4), 16) : i16x8.splat(0);
      const a2 = n > 2 ? tapAddress(taps, t + 2, y, kh, ring, ringStride) : a0, k2 = n > 2 ? v128.load(kvec + (t << 4), 32) : i16x8.splat(0);
      const a3 = n > 3 ? tapAddress(taps, t + 3, y, kh, ring, ringStride) : a0, k3 = n > 3 ? v128.load(kvec + (t << 4), 48) : i16x8.splat(0);
      const first = t == 0, last = t + 4 >= ntaps;
      for (let i: usize = 0; i < len; i += 16) {
        let lo = d0, hi = d0;
        if (!first) { lo = v128.load(acc + (i << 1)); hi = v128.load(acc + (i << 1), 16); }
        const v0 = v128.load(a0 + i);
        lo = i16x8.add(lo, i16x8.mul(i16x8.extend_low_i8x16_u(v0), k0));
        hi = i16x8.add(hi, i16x8.mul(i16x8.extend_high_i8x16_u(v0), k0));
        if (n > 1) {
          const v1 = v128.load(a1 + i);
          lo = i16x8.add(lo, i16x8.mul(i16x8.extend_low_i8x16_u(v1), k1));
          hi = i16x8.add(hi, i16x8.mul(i16x8.extend_high_i8x16_u(v1), k1));
          if (n > 2) {
            const v2 = v128.load(a2 + i);
            lo = i16x8.add(lo, i16x8.mul(i16x8.extend_low_i8x16_u(v2), k2));
            hi = i16x8.add(hi, i16x8.mul(i16x8.extend_high_i8x16_u(v2), k2));
            if (n > 3) {
              const v3 = v128.load(a3 + i);
              lo = i16x8.add(lo, i16x8.mul(i16x8.extend_low_i8x16_u(v3), k3));
              hi = i16x8.add(hi, i16x8.mul(i16x8.extend_high_i8x16_u(v3), k3));
            }
          }
        }
        if (last) v128.store(o + i, i8x16.narrow_i16x8_u(lo, hi)); // past the row: the next row's bytes, or dst's slack
        else { v128.store(acc + (i << 1), lo); v128.store(acc + (i << 1), hi, 16); }
      }
    }
  }
}

/** The address of tap t's window pixel for output row y (tap triples as in correlateRows). */
@inline function tapAddress(taps: usize, t: usize, y: usize, kh: usize, ring: usize, ringStride: usize): usize {
  const r = y + <usize>load<i32>(taps + t * 12);
  return ring + (r % kh) * ringStride + <usize>load<i32>(taps + t * 12, 4);
}

/**
 * Pillow's EMBOSS on a packed image of h ≥ 3 rows of w ≥ 3 pixels: the frame copied, inside
 * clamp(128 + a(y, x) − a(y + 1, x − 1)), with saturating byte arithmetic (one of the two
 * saturated differences is zero).
 */
export function emboss(src: usize, dst: usize, h: usize, w: usize, c: usize): void {
  const len = w * c, n = len - 2 * c;
  const mid = i8x16.splat(<i8>-128); // 128 as a byte
  memory.copy(dst, src, h * len);
  for (let y: usize = 1; y + 1 < h; y++) {
    const a = src + y * len + c, b = src + (y + 1) * len, o = dst + y * len + c;
    let i: usize = 0;
    for (; i + 16 <= n; i += 16) v128.store(o + i, embossBytes(a + i, b + i, mid));
    if (i < n) storeUpTo(o + i, embossBytes(a + i, b + i, mid), n - i);
  }
}

/** sat(d + x − z) for the 16 bytes x at a, z at b and a byte d (one of the two saturated differences is zero). */
@inline function embossBytes(a: usize, b: usize, d: v128): v128 {
  const x = v128.load(a), z = v128.load(b);
  return i8x16.sub_sat_u(i8x16.add_sat_u(d, i8x16.sub_sat_u(x, z)), i8x16.sub_sat_u(z, x));
}
