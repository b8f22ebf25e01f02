// Resize and warpAffine kernels, the core's fixed point exactly (src/imgproc/resize.ts, warp.ts).
// Every coefficient and offset table is computed on the JS side by the core's own functions; the
// kernels only gather, multiply and round. Source images are packed (row step = width · c) and
// the JS side always allocates something after them, so a vector read that runs a few bytes past
// the last pixel stays inside the memory (those bytes always get weight 0 or are discarded).

// ---------------------------------------------------------------------------------------------
// INTER_AREA (and INTER_LINEAR) exact ½ on both axes: `(a + b + c + d + 2) >> 2` per channel.

const ONE8 = i8x16.splat(1);

/**
 * The rounded 2×2 mean of the bytes at p/q (top/bottom row) and p + c/q + c, 16 lanes at once:
 * with P = ⌊(a + c)/2⌋, Q = ⌊(b + d)/2⌋ and their lost low bits p, q (both pairs vertical),
 * `(a + b + c + d + 2) >> 2 = ⌈(P + Q + (p & q)) / 2⌉`, all in bytes (the core's identity).
 */
@inline function mean4(a: v128, c: v128, b: v128, d: v128): v128 {
  const ac = v128.xor(a, c), bd = v128.xor(b, d);
  const P = i8x16.sub(i8x16.avgr_u(a, c), v128.and(ac, ONE8));
  const Q = i8x16.sub(i8x16.avgr_u(b, d), v128.and(bd, ONE8));
  return i8x16.avgr_u(P, i8x16.add(Q, v128.and(v128.and(ac, bd), ONE8)));
}

/** mean4 of the 16 source elements from p (top row) and q (bottom row), with their neighbours c bytes on. */
@inline function mean4At(p: usize, q: usize, c: usize): v128 {
  return mean4(v128.load(p), v128.load(q), v128.load(p + c), v128.load(q + c));
}

/** Packed `[2·dh, 2·dw, c]` at s → packed `[dh, dw, c]` at d, c = 1, 3 or 4. */
export function resizeAreaHalf(s: usize, d: usize, dw: usize, dh: usize, c: usize): void {
  const n = dw * c, step = 2 * n;
  for (let y: usize = 0; y < dh; y++) {
    const r0 = s + 2 * y * step, r1 = r0 + step, o = d + y * n;
    let k: usize = 0;
    if (c == 1) {
      // Output element k: source elements 2k, 2k + 1.
      for (; k + 16 <= n; k += 16) {
        const v0 = mean4At(r0 + 2 * k, r1 + 2 * k, 1), v1 = mean4At(r0 + 2 * k + 16, r1 + 2 * k + 16, 1);
        v128.store(o + k, i8x16.shuffle(v0, v1, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30));
      }
    } else if (c == 4) {
      for (; k + 16 <= n; k += 16) {
        const v0 = mean4At(r0 + 2 * k, r1 + 2 * k, 4), v1 = mean4At(r0 + 2 * k + 16, r1 + 2 * k + 16, 4);
        v128.store(o + k, i8x16.shuffle(v0, v1, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27));
      }
    } else {
      // 8 output pixels (24 bytes) from 48 source bytes per row: the means at source element j
      // (relative to 2k) are needed for j = 6x + ch.
      for (; k + 24 <= n; k += 24) {
        const p = r0 + 2 * k, q = r1 + 2 * k;
        const v0 = mean4At(p, q, 3), v1 = mean4At(p + 16, q + 16, 3), v2 = mean4At(p + 32, q + 32, 3);
        v128.store(o + k, i8x16.shuffle(v0, v1, 0, 1, 2, 6, 7, 8, 12, 13, 14, 18, 19, 20, 24, 25, 26, 30));
        v128.store64_lane(o + k + 16, i8x16.shuffle(v1, v2, 15, 16, 20, 21, 22, 26, 27, 28, 0, 0, 0, 0, 0, 0, 0, 0), 0);
      }
    }
    for (; k < n; k++) {
      const x = k / c, p = 2 * x * c + k % c;
      const sum = <u32>load<u8>(r0 + p) + <u32>load<u8>(r0 + p + c) + <u32>load<u8>(r1 + p) + <u32>load<u8>(r1 + p + c);
      store<u8>(o + k, <u8>((sum + 2) >> 2));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// INTER_NEAREST: per output pixel the source pixel at xofs[x] of row yrows[y]; an output row
// whose source row is the previous one's is a copy of that row.

/**
 * Packed `[sh, sw, c]` at s → packed `[dh, dw, c]` at d (c = 1, 3 or 4), from the source byte
 * offsets `xofs[x]` and source rows `yrows[y]` (i32). d needs 4 bytes of slack after its end.
 */
export function resizeNearest(s: usize, sw: usize, c: usize, d: usize, dw: usize, dh: usize, xofs: usize, yrows: usize): void {
  const step = sw * c, n = dw * c;
  let prev: i32 = -1;
  for (let y: usize = 0; y < dh; y++) {
    const sy = load<i32>(yrows + 4 * y), o = d + y * n;
    if (sy == prev) { memory.copy(o, o - n, n); continue; }
    prev = sy;
    const r = s + <usize>sy * step;
    let x: usize = 0;
    if (c == 1) {
      for (; x + 8 <= dw; x += 8) {
        const ox = xofs + 4 * x;
        let v = v128.load8_lane(r + <usize>load<i32>(ox), i8x16.splat(0), 0);
        v = v128.load8_lane(r + <usize>load<i32>(ox, 4), v, 1);
        v = v128.load8_lane(r + <usize>load<i32>(ox, 8), v, 2);
        v = v128.load8_lane(r + <usize>load<i32>(ox, 12), v, 3);
        v = v128.load8_lane(r + <usize>load<i32>(ox, 16), v, 4);
        v = v128.load8_lane(r + <usize>load<i32>(ox, 20), v, 5);
        v = v128.load8_lane(r + <usize>load<i32>(ox, 24), v, 6);
        v = v128.load8_lane(r + <usize>load<i32>(ox, 28), v, 7);
        v128.store64_lane(o + x, v, 0);
      }
      for (; x < dw; x++) store<u8>(o + x, load<u8>(r + <usize>load<i32>(xofs + 4 * x)));
    } else {
      // Whole pixels as words; RGB's 4th byte lands on the next pixel, written after it.
      for (; x < dw; x++) store<u32>(o + x * c, load<u32>(r + <usize>load<i32>(xofs + 4 * x)));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// INTER_LINEAR (and INTER_AREA when enlarging): 11-bit weights, horizontal pass into int16 rows
// `(S0·a0 + S1·a1) >> 4`, vertical pass `(((b0·t0) >> 16) + ((b1·t1) >> 16) + 2) >> 2`.

/**
 * One source row at r, resized horizontally into the int16 row T: element k = x·c + ch is
 * `(S[xofs[x] + ch]·a0 + S[xofs[x] + c + ch]·a1) >> 4` with `xw[k] = a0 | a1 << 16`. Edge columns
 * have weights (2048, 0), so the neighbour they read (past the row's end) never counts.
 */
function horizontalRow(r: usize, c: usize, dw: usize, xofs: usize, xw: usize, T: usize): void {
  let x: usize = 0;
  if (c == 1) {
    for (; x + 8 <= dw; x += 8) {
      const ox = xofs + 4 * x;
      let v = v128.load16_lane(r + <usize>load<i32>(ox), i8x16.splat(0), 0);
      v = v128.load16_lane(r + <usize>load<i32>(ox, 4), v, 1);
      v = v128.load16_lane(r + <usize>load<i32>(ox, 8), v, 2);
      v = v128.load16_lane(r + <usize>load<i32>(ox, 12), v, 3);
      v = v128.load16_lane(r + <usize>load<i32>(ox, 16), v, 4);
      v = v128.load16_lane(r + <usize>load<i32>(ox, 20), v, 5);
      v = v128.load16_lane(r + <usize>load<i32>(ox, 24), v, 6);
      v = v128.load16_lane(r + <usize>load<i32>(ox, 28), v, 7);
      const w = xw + 4 * x;
      const d0 = i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(v), v128.load(w));
      const d1 = i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(v), v128.load(w, 16));
      v128.store(T + 2 * x, i16x8.narrow_i32x4_s(i32x4.shr_s(d0, 4), i32x4.shr_s(d1, 4)));
    }
  } else if (c == 3) {
    for (; x + 4 <= dw; x += 4) {
      const ox = xofs + 4 * x;
      const A = v128.load64_lane(r + <usize>load<i32>(ox, 4), v128.load64_zero(r + <usize>load<i32>(ox)), 1);
      const B = v128.load64_lane(r + <usize>load<i32>(ox, 12), v128.load64_zero(r + <usize>load<i32>(ox, 8)), 1);
      // (S0, S1) byte pairs per element: R0 G0 B0 R1 | G1 B1 R2 G2 | B2 R3 G3 B3 (pixel digits).
      const P = i8x16.shuffle(A, B, 0, 3, 1, 4, 2, 5, 8, 11, 9, 12, 10, 13, 16, 19, 17, 20);
      const Q = i8x16.shuffle(B, B, 2, 5, 8, 11, 9, 12, 10, 13, 0, 0, 0, 0, 0, 0, 0, 0);
      const w = xw + 12 * x;
      const d0 = i32x4.shr_s(i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(P), v128.load(w)), 4);
      const d1 = i32x4.shr_s(i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(P), v128.load(w, 16)), 4);
      const d2 = i32x4.shr_s(i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(Q), v128.load(w, 32)), 4);
      const t = T + 6 * x;
      v128.store(t, i16x8.narrow_i32x4_s(d0, d1));
      v128.store64_lane(t + 16, i16x8.narrow_i32x4_s(d2, d2), 0);
    }
  } else {
    for (; x + 2 <= dw; x += 2) {
      const ox = xofs + 4 * x;
      const A = v128.load64_lane(r + <usize>load<i32>(ox, 4), v128.load64_zero(r + <usize>load<i32>(ox)), 1);
      const P = i8x16.shuffle(A, A, 0, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15);
      const w = xw + 16 * x;
      const d0 = i32x4.shr_s(i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(P), v128.load(w)), 4);
      const d1 = i32x4.shr_s(i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(P), v128.load(w, 16)), 4);
      v128.store(T + 8 * x, i16x8.narrow_i32x4_s(d0, d1));
    }
  }
  for (; x < dw; x++) {
    const p = r + <usize>load<i32>(xofs + 4 * x);
    for (let ch: usize = 0; ch < c; ch++) {
      const k = x * c + ch, wt = load<u32>(xw + 4 * k);
      const v = (<i32>load<u8>(p + ch) * <i32>(wt & 0xffff) + <i32>load<u8>(p + c + ch) * <i32>(wt >>> 16)) >> 4;
      store<i16>(T + 2 * k, <i16>v);
    }
  }
}

const LOW_AT_3Q = i16x8.splat(<i16>0xc000);

/**
 * `(b·t) >> 16` of 8 int16 lanes (0 ≤ b ≤ 2048, 0 ≤ t < 2^15), without widening: with the product
 * P = 2^16·H + L, q15mulr gives R = (P + 2^14) >> 15 = 2H + k (k = 2 exactly when L ≥ 0xC000, else
 * 0 or 1), so H = (R >> 1) − (L ≥ 0xC000).
 */
@inline function mulHigh(t: v128, b: v128): v128 {
  const R = i16x8.q15mulr_sat_s(t, b), L = i16x8.mul(t, b);
  return i16x8.add(i16x8.shr_u(R, 1), i16x8.ge_u(L, LOW_AT_3Q));
}

/** One output row of n bytes at o from the int16 rows T0, T1 and the weights b0, b1. */
function verticalRow(T0: usize, T1: usize, b0: i32, b1: i32, o: usize, n: usize): void {
  const B0 = i16x8.splat(<i16>b0), B1 = i16x8.splat(<i16>b1), two = i16x8.splat(2);
  let k: usize = 0;
  for (; k + 16 <= n; k += 16) {
    const lo = i16x8.shr_u(i16x8.add(i16x8.add(mulHigh(v128.load(T0 + 2 * k), B0), mulHigh(v128.load(T1 + 2 * k), B1)), two), 2);
    const hi = i16x8.shr_u(i16x8.add(i16x8.add(mulHigh(v128.load(T0 + 2 * k, 16), B0), mulHigh(v128.load(T1 + 2 * k, 16), B1)), two), 2);
    v128.store(o + k, i8x16.narrow_i16x8_u(lo, hi));
  }
  for (; k < n; k++) {
    const v = (((b0 * <i32>load<i16>(T0 + 2 * k)) >> 16) + ((b1 * <i32>load<i16>(T1 + 2 * k)) >> 16) + 2) >> 2;
    store<u8>(o + k, <u8>v);
  }
}

/**
 * Packed `[sh, sw, c]` at s → packed `[dh, dw, c]` at d (c = 1, 3 or 4). Per output column x:
 * `xofs[x]` (source byte offset, i32) and per element `xw` (a0 | a1 << 16); per output row y:
 * `yrows[2y]`, `yrows[2y + 1]` (the two clamped source rows) and `yw[y]` (b0 | b1 << 16).
 * rowA and rowB: two int16 scratch rows of dw·c elements, each holding a resized source row.
 */
export function resizeLinear(s: usize, sw: usize, c: usize, d: usize, dw: usize, dh: usize,
  xofs: usize, xw: usize, yrows: usize, yw: usize, rowA: usize, rowB: usize): void {
  const step = sw * c, n = dw * c;
  let tagA: i32 = -1, tagB: i32 = -1;
  for (let y: usize = 0; y < dh; y++) {
    const r0 = load<i32>(yrows + 8 * y), r1 = load<i32>(yrows + 8 * y, 4);
    const wt = load<u32>(yw + 4 * y);
    const b0 = <i32>(wt & 0xffff), b1 = <i32>(wt >>> 16);
    // The rows already resized are kept: (r0, r1) move down by at most one row between outputs.
    let t0: usize, t1: usize;
    if (tagA == r0) t0 = rowA;
    else if (tagB == r0) t0 = rowB;
    else if (tagA == r1 && b1 != 0) { horizontalRow(s + <usize>r0 * step, c, dw, xofs, xw, rowB); tagB = r0; t0 = rowB; }
    else { horizontalRow(s + <usize>r0 * step, c, dw, xofs, xw, rowA); tagA = r0; t0 = rowA; }
    if (b1 == 0) t1 = t0; // its weight is 0: the second row is not even resized
    else if (tagA == r1) t1 = rowA;
    else if (tagB == r1) t1 = rowB;
    else if (t0 == rowA) { horizontalRow(s + <usize>r1 * step, c, dw, xofs, xw, rowB); tagB = r1; t1 = rowB; }
    else { horizontalRow(s + <usize>r1 * step, c, dw, xofs, xw, rowA); tagA = r1; t1 = rowA; }
    verticalRow(t0, t1, b0, b1, d + y * n, n);
  }
}

// ---------------------------------------------------------------------------------------------
// warpAffine, INTER_LINEAR, constant border. X = (X0 + ad[x]) >> 5 has 5 fractional bits (likewise
// Y); pixel (X >> 5, Y >> 5), weights (32 − ax, ax) × (32 − ay, ay). OpenCV's 15-bit table holds
// those products × 32 (its (0, 0) entry (32767, 0, 0, 1) rounds the same), so every pixel is
// `(Σ tap·w + 512) >> 10`, a tap outside the source taking the border value.

/** One output pixel of c ≤ 4 channels at o, scalar, any position; cval: the border pixel, packed. */
function warpPixel(s: usize, step: usize, sw: i32, sh: i32, c: usize, X: i32, Y: i32, cval: u32, o: usize): void {
  const sx = X >> 5, sy = Y >> 5, ax = X & 31, ay = Y & 31;
  const w00 = (32 - ax) * (32 - ay), w01 = ax * (32 - ay), w10 = (32 - ax) * ay, w11 = ax * ay;
  if (<u32>sx < <u32>(sw - 1) && <u32>sy < <u32>(sh - 1)) {
    const p = s + <usize>sy * step + <usize>sx * c;
    for (let ch: usize = 0; ch < c; ch++) {
      const q = p + ch;
      const v = <i32>load<u8>(q) * w00 + <i32>load<u8>(q + c) * w01 + <i32>load<u8>(q + step) * w10 + <i32>load<u8>(q + step + c) * w11;
      store<u8>(o + ch, <u8>((v + 512) >> 10));
    }
    return;
  }
  if (sx >= sw || sx < -1 || sy >= sh || sy < -1) {
    for (let ch: usize = 0; ch < c; ch++) store<u8>(o + ch, <u8>(cval >>> (8 * <u32>ch)));
    return;
  }
  const x0in = sx >= 0, x1in = sx + 1 < sw, y0in = sy >= 0, y1in = sy + 1 < sh;
  const p = s + <usize>sy * step + <usize>sx * c; // only read where the tap is inside
  for (let ch: usize = 0; ch < c; ch++) {
    const cv = <i32>((cval >>> (8 * <u32>ch)) & 0xff), q = p + ch;
    const v0 = x0in && y0in ? <i32>load<u8>(q) : cv;
    const v1 = x1in && y0in ? <i32>load<u8>(q + c) : cv;
    const v2 = x0in && y1in ? <i32>load<u8>(q + step) : cv;
    const v3 = x1in && y1in ? <i32>load<u8>(q + step + c) : cv;
    store<u8>(o + ch, <u8>((v0 * w00 + v1 * w01 + v2 * w10 + v3 * w11 + 512) >> 10));
  }
}

// Lane k of an i32x4 in every lane (shuffle lanes must be constants).
@inline function lane0(v: v128): v128 { return i32x4.shuffle(v, v, 0, 0, 0, 0); }
@inline function lane1(v: v128): v128 { return i32x4.shuffle(v, v, 1, 1, 1, 1); }
@inline function lane2(v: v128): v128 { return i32x4.shuffle(v, v, 2, 2, 2, 2); }
@inline function lane3(v: v128): v128 { return i32x4.shuffle(v, v, 3, 3, 3, 3); }

/**
 * The channel sums (i32 lanes, c = 3 or 4) of the pixel whose top-left tap is at p: its two tap
 * pairs (8 bytes per row) against the weights (w00 | w01 << 16) and (w10 | w11 << 16).
 */
@inline function tapSums(p: usize, step: usize, wTop: v128, wBot: v128, c: usize): v128 {
  const v = v128.load64_lane(p + step, v128.load64_zero(p), 1);
  // (tap, right tap) pairs per channel, zero-extended to int16 (swizzle indices ≥ 16 give 0).
  const top = c == 4 ? i8x16.swizzle(v, v128(0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1))
    : i8x16.swizzle(v, v128(0, -1, 3, -1, 1, -1, 4, -1, 2, -1, 5, -1, -1, -1, -1, -1));
  const bot = c == 4 ? i8x16.swizzle(v, v128(8, -1, 12, -1, 9, -1, 13, -1, 10, -1, 14, -1, 11, -1, 15, -1))
    : i8x16.swizzle(v, v128(8, -1, 11, -1, 9, -1, 12, -1, 10, -1, 13, -1, -1, -1, -1, -1));
  return i32x4.add(i32x4.dot_i16x8_s(top, wTop), i32x4.dot_i16x8_s(bot, wBot));
}

/**
 * Packed `[sh, sw, c]` at s → packed `[dh, dw, c]` at d (c = 1, 3 or 4; sw, sh < 32767). Per
 * column: `ad[x]`, `bd[x]` (i32, cvRound(M·x·1024)); per row: `rows[2y]`, `rows[2y + 1]` (X0 and Y0
 * with the rounding 16 added); cval: the border pixel's bytes, packed little-endian. d needs 16
 * bytes of slack after its end (RGB stores 16 bytes per 12).
 */
export function warpAffineLinear(s: usize, sw: i32, sh: i32, c: usize, d: usize, dw: usize, dh: usize,
  ad: usize, bd: usize, rows: usize, cval: u32): void {
  const step = <usize>sw * c;
  const lastX = i32x4.splat(sw - 1), lastY = i32x4.splat(sh - 1);
  const m31 = i32x4.splat(31), w32 = i32x4.splat(32), half = i32x4.splat(512);
  const stepV = i32x4.splat(<i32>step), cV = i32x4.splat(<i32>c);
  // Fully outside: sx ∉ [−1, sw) or sy ∉ [−1, sh), i.e. (sx + 1) ≥ sw + 1 unsigned.
  const outX = i32x4.splat(sw + 1), outY = i32x4.splat(sh + 1), one = i32x4.splat(1);
  const cvalV = c == 4 ? i32x4.splat(cval) : c == 3 ? i8x16.swizzle(i32x4.splat(cval), v128(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0)) : i8x16.splat(<i8>cval);
  for (let y: usize = 0; y < dh; y++) {
    const X0 = load<i32>(rows + 8 * y), Y0 = load<i32>(rows + 8 * y, 4);
    const X0v = i32x4.splat(X0), Y0v = i32x4.splat(Y0);
    const o = d + y * dw * c;
    let x: usize = 0;
    for (; x + 4 <= dw; x += 4) {
      const X = i32x4.shr_s(i32x4.add(X0v, v128.load(ad + 4 * x)), 5);
      const Y = i32x4.shr_s(i32x4.add(Y0v, v128.load(bd + 4 * x)), 5);
      const sx = i32x4.shr_s(X, 5), sy = i32x4.shr_s(Y, 5);
      const at = o + x * c;
      if (!i32x4.all_true(v128.and(i32x4.lt_u(sx, lastX), i32x4.lt_u(sy, lastY)))) {
        const outside = v128.or(i32x4.ge_u(i32x4.add(sx, one), outX), i32x4.ge_u(i32x4.add(sy, one), outY));
        if (i32x4.all_true(outside)) {
          // Four border pixels (4·c ≤ 16 bytes).
          if (c == 1) v128.store32_lane(at, cvalV, 0);
          else if (c == 3) { v128.store64_lane(at, cvalV, 0); v128.store32_lane(at + 8, cvalV, 2); }
          else v128.store(at, cvalV);
        } else {
          for (let k: usize = 0; k < 4; k++) {
            warpPixel(s, step, sw, sh, c, (X0 + load<i32>(ad + 4 * (x + k))) >> 5, (Y0 + load<i32>(bd + 4 * (x + k))) >> 5, cval, at + k * c);
          }
        }
        continue;
      }
      const ax = v128.and(X, m31), ay = v128.and(Y, m31);
      // (32 − ax) | ax << 16, times (32 − ay) and ay: no carry between the 16-bit halves (≤ 1024).
      const wx = i32x4.add(i32x4.sub(i32x4.shl(ax, 16), ax), w32);
      const wTop = i32x4.mul(wx, i32x4.sub(w32, ay)), wBot = i32x4.mul(wx, ay);
      const P = i32x4.add(i32x4.mul(sy, stepV), i32x4.mul(sx, cV));
      if (c == 1) {
        // Per pixel, 16-bit lanes: (top pair), (bottom pair); weights (wTop_k, wBot_k) interleaved.
        const p0 = s + <usize>i32x4.extract_lane(P, 0), p1 = s + <usize>i32x4.extract_lane(P, 1);
        const p2 = s + <usize>i32x4.extract_lane(P, 2), p3 = s + <usize>i32x4.extract_lane(P, 3);
        let v = v128.load16_lane(p0, i8x16.splat(0), 0);
        v = v128.load16_lane(p0 + step, v, 1);
        v = v128.load16_lane(p1, v, 2);
        v = v128.load16_lane(p1 + step, v, 3);
        v = v128.load16_lane(p2, v, 4);
        v = v128.load16_lane(p2 + step, v, 5);
        v = v128.load16_lane(p3, v, 6);
        v = v128.load16_lane(p3 + step, v, 7);
        const d01 = i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(v), i8x16.shuffle(wTop, wBot, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23));
        const d23 = i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(v), i8x16.shuffle(wTop, wBot, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31));
        const sum = i32x4.add(i8x16.shuffle(d01, d23, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27),
          i8x16.shuffle(d01, d23, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31));
        const r = i32x4.shr_s(i32x4.add(sum, half), 10);
        const r16 = i16x8.narrow_i32x4_s(r, r);
        const b = i8x16.narrow_i16x8_u(r16, r16);
        v128.store32_lane(at, b, 0);
        continue;
      }
      const s0 = tapSums(s + <usize>i32x4.extract_lane(P, 0), step, lane0(wTop), lane0(wBot), c);
      const s1 = tapSums(s + <usize>i32x4.extract_lane(P, 1), step, lane1(wTop), lane1(wBot), c);
      const s2 = tapSums(s + <usize>i32x4.extract_lane(P, 2), step, lane2(wTop), lane2(wBot), c);
      const s3 = tapSums(s + <usize>i32x4.extract_lane(P, 3), step, lane3(wTop), lane3(wBot), c);
      const n01 = i16x8.narrow_i32x4_s(i32x4.shr_s(i32x4.add(s0, half), 10), i32x4.shr_s(i32x4.add(s1, half), 10));
      const n23 = i16x8.narrow_i32x4_s(i32x4.shr_s(i32x4.add(s2, half), 10), i32x4.shr_s(i32x4.add(s3, half), 10));
      const b = i8x16.narrow_i16x8_u(n01, n23);
      if (c == 4) v128.store(at, b);
      else v128.store(at, i8x16.swizzle(b, v128(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, -1, -1, -1, -1)));
    }
    for (; x < dw; x++) {
      warpPixel(s, step, sw, sh, c, (X0 + load<i32>(ad + 4 * x)) >> 5, (Y0 + load<i32>(bd + 4 * x)) >> 5, cval, o + x * c);
    }
  }
}
