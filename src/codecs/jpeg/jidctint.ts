// The accurate integer inverse DCT (JDCT_ISLOW, libjpeg-turbo's jidctint.c jpeg_idct_islow) and the
// post-IDCT range-limit table (jdmaster.c prepare_range_limit_table).
//
// Arithmetic is int32 (Math.imul and JavaScript's `>>`), as libjpeg-turbo's SIMD IDCTs effectively
// are: for any coefficients a real encoder produces every intermediate fits, and the results are
// those of the C code. Only absurd (corrupt) coefficient values wrap, where the C (64-bit) and SIMD
// (16-bit saturating) versions disagree among themselves anyway. Blocks known to be sparse (the
// entropy decoder reports the last coefficient it wrote) take idctDcOnly or idctIslowQuarter, which
// leave out terms that are zero and so give the same samples.

const CONST_BITS = 13;
const PASS1_BITS = 2;
const FIX_0_298631336 = 2446;
const FIX_0_390180644 = 3196;
const FIX_0_541196100 = 4433;
const FIX_0_765366865 = 6270;
const FIX_0_899976223 = 7373;
const FIX_1_175875602 = 9633;
const FIX_1_501321110 = 12299;
const FIX_1_847759065 = 15137;
const FIX_1_961570560 = 16069;
const FIX_2_053119869 = 16819;
const FIX_2_562915447 = 20995;
const FIX_3_072711026 = 25172;
/** Pass 1's and pass 2's rounding and descaling shifts. */
const SH1 = CONST_BITS - PASS1_BITS, R1 = 1 << (SH1 - 1);
const SH2 = CONST_BITS + PASS1_BITS + 3, R2 = 1 << (SH2 - 1);

/**
 * IDCT_range_limit indexed by `x & 1023` (RANGE_MASK): the IDCT output x, wrapped into -512..511,
 * plus 128 (CENTERJSAMPLE) and clamped to 0..255 — the table libjpeg builds so that wild values of
 * corrupt data wrap instead of indexing out of bounds.
 */
export const RANGE_LIMIT: Uint8Array = /* @__PURE__ */ (() => {
  const t = new Uint8Array(1024);
  for (let i = 0; i < 1024; i++) {
    const v = (i < 512 ? i : i - 1024) + 128;
    t[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return t;
})();

/** An IDCT: block of 64 coefficients at `at` (natural order), dequantized by `q`, written as an N×N tile at `outAt` with row `stride`. */
export type Idct = (coefs: Int16Array, at: number, q: Int32Array, out: Uint8Array, outAt: number, stride: number, ws: Int32Array) => void;

/**
 * jpeg_idct_islow: 8×8 output. `ws` is a 64-entry workspace. A column whose AC terms are zero and a
 * row whose AC terms are zero take libjpeg's shortcuts (the same values, and the same ones as the C
 * code for wild coefficients too). Products are `Math.imul`: int32 wrapping, which gives what
 * exact arithmetic followed by the int32 shifts gives.
 */
export function idctIslow(coefs: Int16Array, at: number, q: Int32Array, out: Uint8Array, outAt: number, stride: number, ws: Int32Array): void {
  const rl = RANGE_LIMIT, mul = Math.imul;
  // Pass 1: columns, results scaled up by 2^PASS1_BITS. `cols`: the columns with a nonzero result.
  let cols = 0;
  for (let c = 0; c < 8; c++) {
    const i = at + c;
    const d0 = coefs[i], d1 = coefs[i + 8], d2 = coefs[i + 16], d3 = coefs[i + 24];
    const d4 = coefs[i + 32], d5 = coefs[i + 40], d6 = coefs[i + 48], d7 = coefs[i + 56];
    if ((d1 | d2 | d3 | d4 | d5 | d6 | d7) === 0) {
      const dc = (d0 * q[c]) << PASS1_BITS;
      if (dc !== 0) cols |= 1 << c;
      ws[c] = dc; ws[c + 8] = dc; ws[c + 16] = dc; ws[c + 24] = dc;
      ws[c + 32] = dc; ws[c + 40] = dc; ws[c + 48] = dc; ws[c + 56] = dc;
      continue;
    }
    cols |= 1 << c;
    let z2 = mul(d2, q[c + 16]);
    let z3 = mul(d6, q[c + 48]);
    let z1 = mul(z2 + z3, FIX_0_541196100);
    let tmp2 = z1 - mul(z3, FIX_1_847759065);
    let tmp3 = z1 + mul(z2, FIX_0_765366865);
    z2 = mul(d0, q[c]);
    z3 = mul(d4, q[c + 32]);
    let tmp0 = (z2 + z3) << CONST_BITS;
    let tmp1 = (z2 - z3) << CONST_BITS;
    const tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;

    tmp0 = mul(d7, q[c + 56]);
    tmp1 = mul(d5, q[c + 40]);
    tmp2 = mul(d3, q[c + 24]);
    tmp3 = mul(d1, q[c + 8]);
    z1 = tmp0 + tmp3;
    z2 = tmp1 + tmp2;
    z3 = tmp0 + tmp2;
    let z4 = tmp1 + tmp3;
    const z5 = mul(z3 + z4, FIX_1_175875602);
    tmp0 = mul(tmp0, FIX_0_298631336);
    tmp1 = mul(tmp1, FIX_2_053119869);
    tmp2 = mul(tmp2, FIX_3_072711026);
    tmp3 = mul(tmp3, FIX_1_501321110);
    z1 = mul(z1, -FIX_0_899976223);
    z2 = mul(z2, -FIX_2_562915447);
    z3 = mul(z3, -FIX_1_961570560) + z5;
    z4 = mul(z4, -FIX_0_390180644) + z5;
    tmp0 += z1 + z3;
    tmp1 += z2 + z4;
    tmp2 += z2 + z3;
    tmp3 += z1 + z4;
    ws[c] = (tmp10 + tmp3 + R1) >> SH1;
    ws[c + 56] = (tmp10 - tmp3 + R1) >> SH1;
    ws[c + 8] = (tmp11 + tmp2 + R1) >> SH1;
    ws[c + 48] = (tmp11 - tmp2 + R1) >> SH1;
    ws[c + 16] = (tmp12 + tmp1 + R1) >> SH1;
    ws[c + 40] = (tmp12 - tmp1 + R1) >> SH1;
    ws[c + 24] = (tmp13 + tmp0 + R1) >> SH1;
    ws[c + 32] = (tmp13 - tmp0 + R1) >> SH1;
  }
  // Pass 2: rows, descaled by 2^(3 + PASS1_BITS) and range-limited; without the zero terms when
  // columns 4..7 are all zero (the same values).
  if (cols < 16) {
    for (let row = 0, w = 0, o = outAt; row < 8; row++, w += 8, o += stride) {
      const w0 = ws[w], w1 = ws[w + 1], w2 = ws[w + 2], w3 = ws[w + 3];
      if ((w1 | w2 | w3) === 0) {
        const v = rl[((w0 + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
        out[o] = v; out[o + 1] = v; out[o + 2] = v; out[o + 3] = v;
        out[o + 4] = v; out[o + 5] = v; out[o + 6] = v; out[o + 7] = v;
        continue;
      }
      const z1 = mul(w2, FIX_0_541196100);
      const tmp3e = z1 + mul(w2, FIX_0_765366865);
      const tmp0e = w0 << CONST_BITS;
      const tmp10 = tmp0e + tmp3e, tmp13 = tmp0e - tmp3e, tmp11 = tmp0e + z1, tmp12 = tmp0e - z1;
      const z5 = mul(w3 + w1, FIX_1_175875602);
      const y1 = mul(w1, -FIX_0_899976223), y2 = mul(w3, -FIX_2_562915447);
      const y3 = mul(w3, -FIX_1_961570560) + z5, y4 = mul(w1, -FIX_0_390180644) + z5;
      const tmp0 = y1 + y3, tmp1 = y2 + y4;
      const tmp2 = mul(w3, FIX_3_072711026) + y2 + y3, tmp3 = mul(w1, FIX_1_501321110) + y1 + y4;
      out[o] = rl[((tmp10 + tmp3 + R2) >> SH2) & 1023];
      out[o + 7] = rl[((tmp10 - tmp3 + R2) >> SH2) & 1023];
      out[o + 1] = rl[((tmp11 + tmp2 + R2) >> SH2) & 1023];
      out[o + 6] = rl[((tmp11 - tmp2 + R2) >> SH2) & 1023];
      out[o + 2] = rl[((tmp12 + tmp1 + R2) >> SH2) & 1023];
      out[o + 5] = rl[((tmp12 - tmp1 + R2) >> SH2) & 1023];
      out[o + 3] = rl[((tmp13 + tmp0 + R2) >> SH2) & 1023];
      out[o + 4] = rl[((tmp13 - tmp0 + R2) >> SH2) & 1023];
    }
    return;
  }
  for (let row = 0, w = 0, o = outAt; row < 8; row++, w += 8, o += stride) {
    const w0 = ws[w], w1 = ws[w + 1], w2 = ws[w + 2], w3 = ws[w + 3], w4 = ws[w + 4], w5 = ws[w + 5], w6 = ws[w + 6], w7 = ws[w + 7];
    if ((w1 | w2 | w3 | w4 | w5 | w6 | w7) === 0) {
      const v = rl[((w0 + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
      out[o] = v; out[o + 1] = v; out[o + 2] = v; out[o + 3] = v;
      out[o + 4] = v; out[o + 5] = v; out[o + 6] = v; out[o + 7] = v;
      continue;
    }
    let z1 = mul(w2 + w6, FIX_0_541196100);
    let tmp2 = z1 - mul(w6, FIX_1_847759065);
    let tmp3 = z1 + mul(w2, FIX_0_765366865);
    let tmp0 = (w0 + w4) << CONST_BITS;
    let tmp1 = (w0 - w4) << CONST_BITS;
    const tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;

    z1 = w7 + w1;
    let z2 = w5 + w3;
    let z3 = w7 + w3;
    let z4 = w5 + w1;
    const z5 = mul(z3 + z4, FIX_1_175875602);
    tmp0 = mul(w7, FIX_0_298631336);
    tmp1 = mul(w5, FIX_2_053119869);
    tmp2 = mul(w3, FIX_3_072711026);
    tmp3 = mul(w1, FIX_1_501321110);
    z1 = mul(z1, -FIX_0_899976223);
    z2 = mul(z2, -FIX_2_562915447);
    z3 = mul(z3, -FIX_1_961570560) + z5;
    z4 = mul(z4, -FIX_0_390180644) + z5;
    tmp0 += z1 + z3;
    tmp1 += z2 + z4;
    tmp2 += z2 + z3;
    tmp3 += z1 + z4;
    out[o] = rl[((tmp10 + tmp3 + R2) >> SH2) & 1023];
    out[o + 7] = rl[((tmp10 - tmp3 + R2) >> SH2) & 1023];
    out[o + 1] = rl[((tmp11 + tmp2 + R2) >> SH2) & 1023];
    out[o + 6] = rl[((tmp11 - tmp2 + R2) >> SH2) & 1023];
    out[o + 2] = rl[((tmp12 + tmp1 + R2) >> SH2) & 1023];
    out[o + 5] = rl[((tmp12 - tmp1 + R2) >> SH2) & 1023];
    out[o + 3] = rl[((tmp13 + tmp0 + R2) >> SH2) & 1023];
    out[o + 4] = rl[((tmp13 - tmp0 + R2) >> SH2) & 1023];
  }
}

/** The zigzag index up to which a block's coefficients all lie in its top-left 4×4 quarter. */
export const QUARTER_LAST = 9;

/**
 * jpeg_idct_islow of a block whose nonzero coefficients all lie in rows 0..3 and columns 0..3 (the
 * last one at zigzag index ≤ QUARTER_LAST): the same arithmetic with the zero terms left out, so
 * the same samples. Columns 4..7 take the all-zero shortcut; the row shortcut is tested on the
 * terms that can be nonzero.
 */
export function idctIslowQuarter(coefs: Int16Array, at: number, q: Int32Array, out: Uint8Array, outAt: number, stride: number, ws: Int32Array): void {
  const rl = RANGE_LIMIT, mul = Math.imul;
  for (let c = 0; c < 4; c++) {
    const i = at + c;
    const d0 = coefs[i], d1 = coefs[i + 8], d2 = coefs[i + 16], d3 = coefs[i + 24];
    if ((d1 | d2 | d3) === 0) {
      const dc = (d0 * q[c]) << PASS1_BITS;
      ws[c] = dc; ws[c + 8] = dc; ws[c + 16] = dc; ws[c + 24] = dc;
      ws[c + 32] = dc; ws[c + 40] = dc; ws[c + 48] = dc; ws[c + 56] = dc;
      continue;
    }
    // Even part with z3 = d4 = d6 = 0.
    const z2 = mul(d2, q[c + 16]);
    const z1 = mul(z2, FIX_0_541196100);
    const tmp3e = z1 + mul(z2, FIX_0_765366865);
    const tmp0e = mul(d0, q[c]) << CONST_BITS;
    const tmp10 = tmp0e + tmp3e, tmp13 = tmp0e - tmp3e, tmp11 = tmp0e + z1, tmp12 = tmp0e - z1;
    // Odd part with d5 = d7 = 0.
    const t2 = mul(d3, q[c + 24]), t3 = mul(d1, q[c + 8]);
    const z5 = mul(t2 + t3, FIX_1_175875602);
    const y1 = mul(t3, -FIX_0_899976223), y2 = mul(t2, -FIX_2_562915447);
    const y3 = mul(t2, -FIX_1_961570560) + z5, y4 = mul(t3, -FIX_0_390180644) + z5;
    const tmp0 = y1 + y3, tmp1 = y2 + y4;
    const tmp2 = mul(t2, FIX_3_072711026) + y2 + y3, tmp3 = mul(t3, FIX_1_501321110) + y1 + y4;
    ws[c] = (tmp10 + tmp3 + R1) >> SH1;
    ws[c + 56] = (tmp10 - tmp3 + R1) >> SH1;
    ws[c + 8] = (tmp11 + tmp2 + R1) >> SH1;
    ws[c + 48] = (tmp11 - tmp2 + R1) >> SH1;
    ws[c + 16] = (tmp12 + tmp1 + R1) >> SH1;
    ws[c + 40] = (tmp12 - tmp1 + R1) >> SH1;
    ws[c + 24] = (tmp13 + tmp0 + R1) >> SH1;
    ws[c + 32] = (tmp13 - tmp0 + R1) >> SH1;
  }
  for (let row = 0, w = 0, o = outAt; row < 8; row++, w += 8, o += stride) {
    const w0 = ws[w], w1 = ws[w + 1], w2 = ws[w + 2], w3 = ws[w + 3];
    if ((w1 | w2 | w3) === 0) {
      const v = rl[((w0 + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
      out[o] = v; out[o + 1] = v; out[o + 2] = v; out[o + 3] = v;
      out[o + 4] = v; out[o + 5] = v; out[o + 6] = v; out[o + 7] = v;
      continue;
    }
    const z1 = mul(w2, FIX_0_541196100);
    const tmp3e = z1 + mul(w2, FIX_0_765366865);
    const tmp0e = w0 << CONST_BITS;
    const tmp10 = tmp0e + tmp3e, tmp13 = tmp0e - tmp3e, tmp11 = tmp0e + z1, tmp12 = tmp0e - z1;
    const z5 = mul(w3 + w1, FIX_1_175875602);
    const y1 = mul(w1, -FIX_0_899976223), y2 = mul(w3, -FIX_2_562915447);
    const y3 = mul(w3, -FIX_1_961570560) + z5, y4 = mul(w1, -FIX_0_390180644) + z5;
    const tmp0 = y1 + y3, tmp1 = y2 + y4;
    const tmp2 = mul(w3, FIX_3_072711026) + y2 + y3, tmp3 = mul(w1, FIX_1_501321110) + y1 + y4;
    out[o] = rl[((tmp10 + tmp3 + R2) >> SH2) & 1023];
    out[o + 7] = rl[((tmp10 - tmp3 + R2) >> SH2) & 1023];
    out[o + 1] = rl[((tmp11 + tmp2 + R2) >> SH2) & 1023];
    out[o + 6] = rl[((tmp11 - tmp2 + R2) >> SH2) & 1023];
    out[o + 2] = rl[((tmp12 + tmp1 + R2) >> SH2) & 1023];
    out[o + 5] = rl[((tmp12 - tmp1 + R2) >> SH2) & 1023];
    out[o + 3] = rl[((tmp13 + tmp0 + R2) >> SH2) & 1023];
    out[o + 4] = rl[((tmp13 - tmp0 + R2) >> SH2) & 1023];
  }
}

/**
 * jpeg_idct_islow (and jpeg_idct_4x4 / 2x2) of a block whose 63 AC coefficients are zero, given its
 * dequantized DC `dc`: both passes take their all-zero shortcut, so every sample is the same,
 * range_limit[(dc · 2^PASS1_BITS + 2^(PASS1_BITS+2)) >> (PASS1_BITS + 3)], written as a `size`² tile.
 */
export function idctDcOnly(dc: number, out: Uint8Array, outAt: number, stride: number, size: number): void {
  const v = RANGE_LIMIT[(((dc << PASS1_BITS) + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
  if (size === 8) {
    for (let row = 0, o = outAt; row < 8; row++, o += stride) {
      out[o] = v; out[o + 1] = v; out[o + 2] = v; out[o + 3] = v;
      out[o + 4] = v; out[o + 5] = v; out[o + 6] = v; out[o + 7] = v;
    }
  } else if (size === 4) {
    for (let row = 0, o = outAt; row < 4; row++, o += stride) { out[o] = v; out[o + 1] = v; out[o + 2] = v; out[o + 3] = v; }
  } else if (size === 2) {
    out[outAt] = v; out[outAt + 1] = v; out[outAt + stride] = v; out[outAt + stride + 1] = v;
  } else {
    for (let row = 0, o = outAt; row < size; row++, o += stride) out.fill(v, o, o + size);
  }
}

/** The zigzag index up to which a block's coefficients all lie in its columns 0..3. */
export const LEFT_LAST = 13;

/**
 * jpeg_idct_islow of a block whose nonzero coefficients all lie in columns 0..3 (the last one at
 * zigzag index ≤ LEFT_LAST): pass 1 over those columns only (the others are all zero, their
 * workspace values zero) and pass 2 without the zero terms, so the same samples.
 */
export function idctIslowLeft(coefs: Int16Array, at: number, q: Int32Array, out: Uint8Array, outAt: number, stride: number, ws: Int32Array): void {
  const rl = RANGE_LIMIT, mul = Math.imul;
  for (let c = 0; c < 4; c++) {
    const i = at + c;
    const d0 = coefs[i], d1 = coefs[i + 8], d2 = coefs[i + 16], d3 = coefs[i + 24];
    const d4 = coefs[i + 32], d5 = coefs[i + 40], d6 = coefs[i + 48], d7 = coefs[i + 56];
    if ((d1 | d2 | d3 | d4 | d5 | d6 | d7) === 0) {
      const dc = (d0 * q[c]) << PASS1_BITS;
      ws[c] = dc; ws[c + 8] = dc; ws[c + 16] = dc; ws[c + 24] = dc;
      ws[c + 32] = dc; ws[c + 40] = dc; ws[c + 48] = dc; ws[c + 56] = dc;
      continue;
    }
    let z2 = mul(d2, q[c + 16]);
    let z3 = mul(d6, q[c + 48]);
    let z1 = mul(z2 + z3, FIX_0_541196100);
    let tmp2 = z1 - mul(z3, FIX_1_847759065);
    let tmp3 = z1 + mul(z2, FIX_0_765366865);
    z2 = mul(d0, q[c]);
    z3 = mul(d4, q[c + 32]);
    let tmp0 = (z2 + z3) << CONST_BITS;
    let tmp1 = (z2 - z3) << CONST_BITS;
    const tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;

    tmp0 = mul(d7, q[c + 56]);
    tmp1 = mul(d5, q[c + 40]);
    tmp2 = mul(d3, q[c + 24]);
    tmp3 = mul(d1, q[c + 8]);
    z1 = tmp0 + tmp3;
    z2 = tmp1 + tmp2;
    z3 = tmp0 + tmp2;
    let z4 = tmp1 + tmp3;
    const z5 = mul(z3 + z4, FIX_1_175875602);
    tmp0 = mul(tmp0, FIX_0_298631336);
    tmp1 = mul(tmp1, FIX_2_053119869);
    tmp2 = mul(tmp2, FIX_3_072711026);
    tmp3 = mul(tmp3, FIX_1_501321110);
    z1 = mul(z1, -FIX_0_899976223);
    z2 = mul(z2, -FIX_2_562915447);
    z3 = mul(z3, -FIX_1_961570560) + z5;
    z4 = mul(z4, -FIX_0_390180644) + z5;
    tmp0 += z1 + z3;
    tmp1 += z2 + z4;
    tmp2 += z2 + z3;
    tmp3 += z1 + z4;
    ws[c] = (tmp10 + tmp3 + R1) >> SH1;
    ws[c + 56] = (tmp10 - tmp3 + R1) >> SH1;
    ws[c + 8] = (tmp11 + tmp2 + R1) >> SH1;
    ws[c + 48] = (tmp11 - tmp2 + R1) >> SH1;
    ws[c + 16] = (tmp12 + tmp1 + R1) >> SH1;
    ws[c + 40] = (tmp12 - tmp1 + R1) >> SH1;
    ws[c + 24] = (tmp13 + tmp0 + R1) >> SH1;
    ws[c + 32] = (tmp13 - tmp0 + R1) >> SH1;
  }
  for (let row = 0, w = 0, o = outAt; row < 8; row++, w += 8, o += stride) {
    const w0 = ws[w], w1 = ws[w + 1], w2 = ws[w + 2], w3 = ws[w + 3];
    if ((w1 | w2 | w3) === 0) {
      const v = rl[((w0 + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
      out[o] = v; out[o + 1] = v; out[o + 2] = v; out[o + 3] = v;
      out[o + 4] = v; out[o + 5] = v; out[o + 6] = v; out[o + 7] = v;
      continue;
    }
    const z1 = mul(w2, FIX_0_541196100);
    const tmp3e = z1 + mul(w2, FIX_0_765366865);
    const tmp0e = w0 << CONST_BITS;
    const tmp10 = tmp0e + tmp3e, tmp13 = tmp0e - tmp3e, tmp11 = tmp0e + z1, tmp12 = tmp0e - z1;
    const z5 = mul(w3 + w1, FIX_1_175875602);
    const y1 = mul(w1, -FIX_0_899976223), y2 = mul(w3, -FIX_2_562915447);
    const y3 = mul(w3, -FIX_1_961570560) + z5, y4 = mul(w1, -FIX_0_390180644) + z5;
    const tmp0 = y1 + y3, tmp1 = y2 + y4;
    const tmp2 = mul(w3, FIX_3_072711026) + y2 + y3, tmp3 = mul(w1, FIX_1_501321110) + y1 + y4;
    out[o] = rl[((tmp10 + tmp3 + R2) >> SH2) & 1023];
    out[o + 7] = rl[((tmp10 - tmp3 + R2) >> SH2) & 1023];
    out[o + 1] = rl[((tmp11 + tmp2 + R2) >> SH2) & 1023];
    out[o + 6] = rl[((tmp11 - tmp2 + R2) >> SH2) & 1023];
    out[o + 2] = rl[((tmp12 + tmp1 + R2) >> SH2) & 1023];
    out[o + 5] = rl[((tmp12 - tmp1 + R2) >> SH2) & 1023];
    out[o + 3] = rl[((tmp13 + tmp0 + R2) >> SH2) & 1023];
    out[o + 4] = rl[((tmp13 - tmp0 + R2) >> SH2) & 1023];
  }
}
