// Filter kernels: Gaussian and box blurs (separable, exact integer sums), the 5×5 median, integer
// 2-D correlation and Pillow's emboss. Addresses are byte addresses in the module's memory, laid
// out by the JS side (../filters.ts); tables of int32 come from it too (border maps, row
// addresses, weights), computed there exactly as the core computes them. Loads may read up to 15
// bytes past a row (the JS side leaves that slack); the last vector of a row is stored through
// a scratch line so that exactly the row's bytes are written.

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
    if (sr < 0) { memory.fill(d, 0, plen); continue; }
    const s = src + <usize>sr * len;
    memory.copy(d + before * c, s, len);
    for (let p: usize = 0; p < ncols; p++) {
      if (p == before) { p += w - 1; continue; }
      const q = load<i32>(cols + (p << 2));
      if (q < 0) memory.fill(d + p * c, 0, c);
      else memory.copy(d + p * c, s + <usize>q * c, c);
    }
  }
}

/**
 * Separable filter with small non-negative integer weights, exact: the vertical sums
 * V = Σ_t ky[t]·row_t (ky bytes, one per source row; rowAddr[y + t] is the address of the row at
 * position y + t − top, borders already mapped) are 16-bit, then the horizontal sums
 * S = Σ_s kx[s]·V[i + s·c] (kx int32) and the result, by `mode`:
 *   0: (S + a) >> b, S 16-bit;  1: ((S + a)·b) >> 23 (OpenCV's box division), S 16-bit;
 *   2: (S + 2^15) >> 16 with S in float32 (exact below 2^24), kx symmetric, as float32 weights.
 * vbuf holds ncols·c + 16 16-bit sums (the image from pixel `before`, cols mapping the border
 * pixels as in padImage); fbuf, mode 2 only, as many float32.
 */
export function separable(rowAddr: usize, dst: usize, h: usize, w: usize, c: usize, ky: usize, kh: usize, kx: usize,
  kw: usize, before: usize, cols: usize, ncols: usize, mode: i32, a: i32, b: i32, vbuf: usize, fbuf: usize): void {
  const len = w * c, plen = ncols * c;
  const vImage = vbuf + ((before * c) << 1);
  for (let y: usize = 0; y < h; y++) {
    // Vertical: 16 bytes of every row at once, products widened to 16 bits.
    if (kh == 5) vertical5(rowAddr + (y << 2), ky, vImage, len);
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
      horizontalFloat(vbuf, fbuf, plen, o, len, c, kx, kw);
      continue;
    }
    if (kw == 5) {
      horizontal5(vbuf, o, len, c, kx, mode, a, b);
      continue;
    }
    for (let i: usize = 0; i < len; i += 16) {
      let lo = i16x8.splat(0), hi = i16x8.splat(0);
      for (let s: usize = 0; s < kw; s++) {
        const at = vbuf + ((i + s * c) << 1);
        const k = i16x8.splat(<i16>load<i32>(kx + (s << 2)));
        lo = i16x8.add(lo, i16x8.mul(v128.load(at), k));
        hi = i16x8.add(hi, i16x8.mul(v128.load(at, 16), k));
      }
      storeUpTo(o + i, finish16(lo, hi, mode, a, b), len - i);
    }
  }
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

/** The horizontal pass of `separable` (modes 0 and 1) for 5 taps, unrolled. */
function horizontal5(v: usize, o: usize, len: usize, c: usize, kx: usize, mode: i32, a: i32, b: i32): void {
  const k0 = i16x8.splat(<i16>load<i32>(kx)), k1 = i16x8.splat(<i16>load<i32>(kx, 4)), k2 = i16x8.splat(<i16>load<i32>(kx, 8));
  const k3 = i16x8.splat(<i16>load<i32>(kx, 12)), k4 = i16x8.splat(<i16>load<i32>(kx, 16));
  const step = c << 1;
  for (let i: usize = 0; i < len; i += 16) {
    const p0 = v + (i << 1), p1 = p0 + step, p2 = p1 + step, p3 = p2 + step, p4 = p3 + step;
    const lo = i16x8.add(i16x8.add(i16x8.add(i16x8.mul(v128.load(p0), k0), i16x8.mul(v128.load(p1), k1)),
      i16x8.add(i16x8.mul(v128.load(p2), k2), i16x8.mul(v128.load(p3), k3))), i16x8.mul(v128.load(p4), k4));
    const hi = i16x8.add(i16x8.add(i16x8.add(i16x8.mul(v128.load(p0, 16), k0), i16x8.mul(v128.load(p1, 16), k1)),
      i16x8.add(i16x8.mul(v128.load(p2, 16), k2), i16x8.mul(v128.load(p3, 16), k3))), i16x8.mul(v128.load(p4, 16), k4));
    storeUpTo(o + i, finish16(lo, hi, mode, a, b), len - i);
  }
}

@inline function boxDivide(s: v128, dd: i32, ds: i32): v128 {
  return i32x4.shr_u(i32x4.mul(i32x4.add(s, i32x4.splat(dd)), i32x4.splat(ds)), 23);
}

/** Mode 2 of `separable`: the sums as float32, then the symmetric float32 horizontal pass and (S + 2^15) >> 16. */
function horizontalFloat(vbuf: usize, fbuf: usize, plen: usize, o: usize, len: usize, c: usize, kx: usize, kw: usize): void {
  for (let j: usize = 0; j < plen; j += 8) {
    const v = v128.load(vbuf + (j << 1));
    v128.store(fbuf + (j << 2), f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(v)));
    v128.store(fbuf + (j << 2), f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(v)), 16);
  }
  const r = kw >> 1;
  const kc = f32x4.splat(load<f32>(kx + (r << 2)));
  const half = i32x4.splat(1 << 15);
  for (let i: usize = 0; i < len; i += 16) {
    let q0: v128, q1: v128, q2: v128, q3: v128;
    {
      const at = fbuf + ((i + r * c) << 2);
      q0 = f32x4.mul(v128.load(at), kc); q1 = f32x4.mul(v128.load(at, 16), kc);
      q2 = f32x4.mul(v128.load(at, 32), kc); q3 = f32x4.mul(v128.load(at, 48), kc);
    }
    for (let s: usize = 0; s < r; s++) {
      const k = f32x4.splat(load<f32>(kx + (s << 2)));
      const l = fbuf + ((i + s * c) << 2), u = fbuf + ((i + (kw - 1 - s) * c) << 2);
      q0 = f32x4.add(q0, f32x4.mul(f32x4.add(v128.load(l), v128.load(u)), k));
      q1 = f32x4.add(q1, f32x4.mul(f32x4.add(v128.load(l, 16), v128.load(u, 16)), k));
      q2 = f32x4.add(q2, f32x4.mul(f32x4.add(v128.load(l, 32), v128.load(u, 32)), k));
      q3 = f32x4.add(q3, f32x4.mul(f32x4.add(v128.load(l, 48), v128.load(u, 48)), k));
    }
    const res = i8x16.narrow_i16x8_u(
      i16x8.narrow_i32x4_u(round16(q0, half), round16(q1, half)),
      i16x8.narrow_i32x4_u(round16(q2, half), round16(q3, half)));
    storeUpTo(o + i, res, len - i);
  }
}

@inline function round16(s: v128, half: v128): v128 {
  return i32x4.shr_u(i32x4.add(i32x4.trunc_sat_f32x4_u(s), half), 16);
}

/**
 * 5×5 median of the padded image pad (h + 4 rows of (w + 4)·c bytes, border replicated): per
 * output row, each column of five is sorted once into the five rows of `sorted` (`sortedStride`
 * bytes apart), then each window's median is selected from its five sorted columns by a
 * 79-comparator network (min/max of bytes, 16 at a time). Any exact median gives the same bytes.
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
    for (let i: usize = 0; i < len; i += 16) {
      storeUpTo(o + i, median25(s0 + i, s1 + i, s2 + i, s3 + i, s4 + i, c), len - i);
    }
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
 * Integer correlation: dst = sat(delta + Σ k·pad[…]) over `ntaps` taps (int32 pairs: byte offset
 * from the window's top-left in pad, coefficient), in 16-bit lanes: the JS side accepts only
 * sums bounded below 2^15, where the core's float32 sums are exact integers too.
 */
export function correlateInt16(pad: usize, dst: usize, h: usize, w: usize, c: usize, plen: usize, taps: usize, ntaps: usize,
  delta: i32): void {
  const len = w * c;
  const d0 = i16x8.splat(<i16>delta);
  for (let y: usize = 0; y < h; y++) {
    const r = pad + y * plen, o = dst + y * len;
    for (let i: usize = 0; i < len; i += 16) {
      let lo = d0, hi = d0;
      for (let t: usize = 0; t < ntaps; t++) {
        const v = v128.load(r + <usize>load<i32>(taps + (t << 3)) + i);
        const k = i16x8.splat(<i16>load<i32>(taps + (t << 3), 4));
        lo = i16x8.add(lo, i16x8.mul(i16x8.extend_low_i8x16_u(v), k));
        hi = i16x8.add(hi, i16x8.mul(i16x8.extend_high_i8x16_u(v), k));
      }
      storeUpTo(o + i, i8x16.narrow_i16x8_u(lo, hi), len - i);
    }
  }
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
    for (let i: usize = 0; i < n; i += 16) {
      const x = v128.load(a + i), z = v128.load(b + i);
      storeUpTo(o + i, i8x16.sub_sat_u(i8x16.add_sat_u(mid, i8x16.sub_sat_u(x, z)), i8x16.sub_sat_u(z, x)), n - i);
    }
  }
}
