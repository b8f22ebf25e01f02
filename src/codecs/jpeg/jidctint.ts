// The accurate integer inverse DCT (JDCT_ISLOW, libjpeg-turbo's jidctint.c jpeg_idct_islow) and the
// post-IDCT range-limit table (jdmaster.c prepare_range_limit_table).
//
// Arithmetic is int32 (JavaScript's `>>`), as libjpeg-turbo's SIMD IDCTs effectively are: for any
// coefficients a real encoder produces every intermediate fits, and the results are those of the C
// code. Only absurd (corrupt) coefficient values wrap, where the C (64-bit) and SIMD (16-bit
// saturating) versions disagree among themselves anyway.

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

/** jpeg_idct_islow: 8×8 output. `ws` is a 64-entry workspace. */
export function idctIslow(coefs: Int16Array, at: number, q: Int32Array, out: Uint8Array, outAt: number, stride: number, ws: Int32Array): void {
  const rl = RANGE_LIMIT;
  // Pass 1: columns, results scaled up by 2^PASS1_BITS.
  for (let c = 0; c < 8; c++) {
    const i = at + c;
    if (coefs[i + 8] === 0 && coefs[i + 16] === 0 && coefs[i + 24] === 0 && coefs[i + 32] === 0 &&
      coefs[i + 40] === 0 && coefs[i + 48] === 0 && coefs[i + 56] === 0) {
      const dc = (coefs[i] * q[c]) << PASS1_BITS;
      ws[c] = dc; ws[c + 8] = dc; ws[c + 16] = dc; ws[c + 24] = dc;
      ws[c + 32] = dc; ws[c + 40] = dc; ws[c + 48] = dc; ws[c + 56] = dc;
      continue;
    }
    let z2 = coefs[i + 16] * q[c + 16];
    let z3 = coefs[i + 48] * q[c + 48];
    let z1 = (z2 + z3) * FIX_0_541196100;
    let tmp2 = z1 - z3 * FIX_1_847759065;
    let tmp3 = z1 + z2 * FIX_0_765366865;
    z2 = coefs[i] * q[c];
    z3 = coefs[i + 32] * q[c + 32];
    let tmp0 = (z2 + z3) << CONST_BITS;
    let tmp1 = (z2 - z3) << CONST_BITS;
    const tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;

    tmp0 = coefs[i + 56] * q[c + 56];
    tmp1 = coefs[i + 40] * q[c + 40];
    tmp2 = coefs[i + 24] * q[c + 24];
    tmp3 = coefs[i + 8] * q[c + 8];
    z1 = tmp0 + tmp3;
    z2 = tmp1 + tmp2;
    z3 = tmp0 + tmp2;
    let z4 = tmp1 + tmp3;
    const z5 = (z3 + z4) * FIX_1_175875602;
    tmp0 *= FIX_0_298631336;
    tmp1 *= FIX_2_053119869;
    tmp2 *= FIX_3_072711026;
    tmp3 *= FIX_1_501321110;
    z1 *= -FIX_0_899976223;
    z2 *= -FIX_2_562915447;
    z3 = z3 * -FIX_1_961570560 + z5;
    z4 = z4 * -FIX_0_390180644 + z5;
    tmp0 += z1 + z3;
    tmp1 += z2 + z4;
    tmp2 += z2 + z3;
    tmp3 += z1 + z4;
    const r = 1 << (CONST_BITS - PASS1_BITS - 1), sh = CONST_BITS - PASS1_BITS;
    ws[c] = (tmp10 + tmp3 + r) >> sh;
    ws[c + 56] = (tmp10 - tmp3 + r) >> sh;
    ws[c + 8] = (tmp11 + tmp2 + r) >> sh;
    ws[c + 48] = (tmp11 - tmp2 + r) >> sh;
    ws[c + 16] = (tmp12 + tmp1 + r) >> sh;
    ws[c + 40] = (tmp12 - tmp1 + r) >> sh;
    ws[c + 24] = (tmp13 + tmp0 + r) >> sh;
    ws[c + 32] = (tmp13 - tmp0 + r) >> sh;
  }
  // Pass 2: rows, descaled by 2^(3 + PASS1_BITS) and range-limited.
  const r2 = 1 << (CONST_BITS + PASS1_BITS + 2), sh2 = CONST_BITS + PASS1_BITS + 3;
  for (let row = 0, w = 0, o = outAt; row < 8; row++, w += 8, o += stride) {
    if (ws[w + 1] === 0 && ws[w + 2] === 0 && ws[w + 3] === 0 && ws[w + 4] === 0 &&
      ws[w + 5] === 0 && ws[w + 6] === 0 && ws[w + 7] === 0) {
      const v = rl[((ws[w] + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
      out[o] = v; out[o + 1] = v; out[o + 2] = v; out[o + 3] = v;
      out[o + 4] = v; out[o + 5] = v; out[o + 6] = v; out[o + 7] = v;
      continue;
    }
    let z2 = ws[w + 2];
    let z3 = ws[w + 6];
    let z1 = (z2 + z3) * FIX_0_541196100;
    let tmp2 = z1 - z3 * FIX_1_847759065;
    let tmp3 = z1 + z2 * FIX_0_765366865;
    let tmp0 = (ws[w] + ws[w + 4]) << CONST_BITS;
    let tmp1 = (ws[w] - ws[w + 4]) << CONST_BITS;
    const tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3, tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;

    tmp0 = ws[w + 7];
    tmp1 = ws[w + 5];
    tmp2 = ws[w + 3];
    tmp3 = ws[w + 1];
    z1 = tmp0 + tmp3;
    z2 = tmp1 + tmp2;
    z3 = tmp0 + tmp2;
    let z4 = tmp1 + tmp3;
    const z5 = (z3 + z4) * FIX_1_175875602;
    tmp0 *= FIX_0_298631336;
    tmp1 *= FIX_2_053119869;
    tmp2 *= FIX_3_072711026;
    tmp3 *= FIX_1_501321110;
    z1 *= -FIX_0_899976223;
    z2 *= -FIX_2_562915447;
    z3 = z3 * -FIX_1_961570560 + z5;
    z4 = z4 * -FIX_0_390180644 + z5;
    tmp0 += z1 + z3;
    tmp1 += z2 + z4;
    tmp2 += z2 + z3;
    tmp3 += z1 + z4;
    out[o] = rl[((tmp10 + tmp3 + r2) >> sh2) & 1023];
    out[o + 7] = rl[((tmp10 - tmp3 + r2) >> sh2) & 1023];
    out[o + 1] = rl[((tmp11 + tmp2 + r2) >> sh2) & 1023];
    out[o + 6] = rl[((tmp11 - tmp2 + r2) >> sh2) & 1023];
    out[o + 2] = rl[((tmp12 + tmp1 + r2) >> sh2) & 1023];
    out[o + 5] = rl[((tmp12 - tmp1 + r2) >> sh2) & 1023];
    out[o + 3] = rl[((tmp13 + tmp0 + r2) >> sh2) & 1023];
    out[o + 4] = rl[((tmp13 - tmp0 + r2) >> sh2) & 1023];
  }
}
