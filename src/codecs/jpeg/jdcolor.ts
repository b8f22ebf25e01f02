// Colour conversion after libjpeg-turbo's jdcolor.c (ycc_rgb_convert with build_ycc_rgb_table's
// SCALEBITS 16 fixed-point tables, ycck_cmyk_convert) and, for CMYK files, Pillow 9.4's
// "CMYK;I" unpacking (Adobe inverted CMYK) followed by Convert.c cmyk2rgb.

const SCALEBITS = 16;
const ONE_HALF = 1 << (SCALEBITS - 1);
const fix = (x: number): number => Math.floor(x * (1 << SCALEBITS) + 0.5);

function table(f: (x: number) => number): Int32Array {
  const t = new Int32Array(256);
  for (let i = 0; i < 256; i++) t[i] = f(i - 128);
  return t;
}

/** Cr → R: nearest integer to 1.402·(Cr − 128). */
export const CR_R: Int32Array = /* @__PURE__ */ table((x) => (fix(1.402) * x + ONE_HALF) >> SCALEBITS);
/** Cb → B: nearest integer to 1.772·(Cb − 128). */
export const CB_B: Int32Array = /* @__PURE__ */ table((x) => (fix(1.772) * x + ONE_HALF) >> SCALEBITS);
/** Cr → G, scaled by 2^16. */
export const CR_G: Int32Array = /* @__PURE__ */ table((x) => -fix(0.71414) * x);
/** Cb → G, scaled by 2^16, plus ONE_HALF. */
export const CB_G: Int32Array = /* @__PURE__ */ table((x) => -fix(0.34414) * x + ONE_HALF);

const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

/**
 * ycc_rgb_convert of one row into interleaved RGB at `out[o..]`; `out` is a clamped view, so a store
 * is libjpeg's range_limit (every value stored is an integer).
 */
export function yccToRgbRow(
  y: Uint8Array, yAt: number, cb: Uint8Array, cbAt: number, cr: Uint8Array, crAt: number, width: number,
  out: Uint8ClampedArray, o: number,
): void {
  const crR = CR_R, cbB = CB_B, crG = CR_G, cbG = CB_G;
  for (let x = 0; x < width; x++, o += 3) {
    const Y = y[yAt + x], b = cb[cbAt + x], r = cr[crAt + x];
    out[o] = Y + crR[r];
    out[o + 1] = Y + ((cbG[b] + crG[r]) >> SCALEBITS);
    out[o + 2] = Y + cbB[b];
  }
}

/** Whether typed arrays are little-endian (every current platform), which the fused converters assume. */
export const LITTLE_ENDIAN: boolean = /* @__PURE__ */ new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** CLAMP[v + 384] is v limited to 0..255, for v in -384..639 (range_limit). */
const CLAMP: Uint8Array = /* @__PURE__ */ (() => {
  const t = new Uint8Array(1024);
  for (let i = 0; i < 1024; i++) t[i] = i < 384 ? 0 : i > 639 ? 255 : i - 384;
  return t;
})();

/** One RGB pixel of luma `Y` and chroma `b`, `r` as bytes at `row[p..]`. */
function putRgb(row: Uint8Array, p: number, Y: number, b: number, r: number): void {
  const c = CLAMP;
  Y += 384;
  row[p] = c[Y + CR_R[r]];
  row[p + 1] = c[Y + ((CB_G[b] + CR_G[r]) >> SCALEBITS)];
  row[p + 2] = c[Y + CB_B[b]];
}


/**
 * ycc_rgb_convert of one row of full-size components (4:4:4, and the reduced decodes whose DCT
 * scaling did the upsampling) into `bytes` at `o` (a multiple of 4; `words` views the same
 * buffer), four pixels as three little-endian words at a time: `yccToRgbRow`'s values.
 */
export function yccToRgbRowPacked(
  y: Uint8Array, yAt: number, cb: Uint8Array, cbAt: number, cr: Uint8Array, crAt: number, width: number,
  words: Uint32Array, bytes: Uint8Array, o: number,
): void {
  const crR = CR_R, cbB = CB_B, crG = CR_G, cbG = CB_G, cl = CLAMP;
  let x = 0, q = o >> 2;
  for (; x + 3 < width; x += 4, q += 3) {
    let Y = y[yAt + x], b = cb[cbAt + x], r = cr[crAt + x];
    let r0 = Y + crR[r], g0 = Y + ((cbG[b] + crG[r]) >> SCALEBITS), b0 = Y + cbB[b];
    if (((r0 | g0 | b0) & ~255) !== 0) { r0 = cl[r0 + 384]; g0 = cl[g0 + 384]; b0 = cl[b0 + 384]; }
    Y = y[yAt + x + 1]; b = cb[cbAt + x + 1]; r = cr[crAt + x + 1];
    let r1 = Y + crR[r], g1 = Y + ((cbG[b] + crG[r]) >> SCALEBITS), b1 = Y + cbB[b];
    if (((r1 | g1 | b1) & ~255) !== 0) { r1 = cl[r1 + 384]; g1 = cl[g1 + 384]; b1 = cl[b1 + 384]; }
    Y = y[yAt + x + 2]; b = cb[cbAt + x + 2]; r = cr[crAt + x + 2];
    let r2 = Y + crR[r], g2 = Y + ((cbG[b] + crG[r]) >> SCALEBITS), b2 = Y + cbB[b];
    if (((r2 | g2 | b2) & ~255) !== 0) { r2 = cl[r2 + 384]; g2 = cl[g2 + 384]; b2 = cl[b2 + 384]; }
    Y = y[yAt + x + 3]; b = cb[cbAt + x + 3]; r = cr[crAt + x + 3];
    let r3 = Y + crR[r], g3 = Y + ((cbG[b] + crG[r]) >> SCALEBITS), b3 = Y + cbB[b];
    if (((r3 | g3 | b3) & ~255) !== 0) { r3 = cl[r3 + 384]; g3 = cl[g3 + 384]; b3 = cl[b3 + 384]; }
    words[q] = r0 | (g0 << 8) | (b0 << 16) | (r1 << 24);
    words[q + 1] = g1 | (b1 << 8) | (r2 << 16) | (g2 << 24);
    words[q + 2] = b2 | (r3 << 8) | (g3 << 16) | (b3 << 24);
  }
  for (let p = q * 4; x < width; x++, p += 3) putRgb(bytes, p, y[yAt + x], cb[cbAt + x], cr[crAt + x]);
}

/*
 * The fused converters below produce output pixels 2i and 2i + 1 from chroma column i and its
 * neighbours i − 1 (L) and i + 1 (R), the edge columns standing in for the missing neighbours, as
 * libjpeg's fancy upsamplers compute them; the main loop takes two columns (four pixels, twelve
 * bytes = three little-endian words) per step, the last one or two columns go byte by byte. A
 * pixel is clamped (CLAMP) only when one of its values is out of 0..255.
 */

/**
 * One output row of a 4:2:0 file: h2v2_fancy_upsample of both chroma components (plane rows `near`
 * and `far`, `w` samples, at offsets into `cb` / `cr`) fused with ycc_rgb_convert, `width` pixels
 * (2w − 1 or 2w) into `bytes` at `o` (a multiple of 4; `words` views the same buffer). Luma row
 * at `y[yAt..]`, `yAt` a multiple of 4, `y32` viewing `y` (read four samples at a time). The same
 * arithmetic as jdsample.ts's upsampler followed by `yccToRgbRow`, without the intermediate rows.
 * Little-endian byte order only (see LITTLE_ENDIAN).
 */
export function yccH2v2FancyRow(
  y: Uint8Array, y32: Uint32Array, yAt: number, cb: Uint8Array, cr: Uint8Array, near: number, far: number, w: number, width: number,
  words: Uint32Array, bytes: Uint8Array, o: number,
): void {
  const crR = CR_R, cbB = CB_B, crG = CR_G, cbG = CB_G, cl = CLAMP;
  // Column sums 3·near + far of chroma columns i − 1 (L), i (C); the left edge repeats.
  let bC = cb[near] * 3 + cb[far], rC = cr[near] * 3 + cr[far];
  let bL = bC, rL = rC;
  let yi = yAt, q = o >> 2, i = 1;
  for (; i + 1 < w; i += 2) {
    const bR = cb[near + i] * 3 + cb[far + i], rR = cr[near + i] * 3 + cr[far + i];
    const bRR = cb[near + i + 1] * 3 + cb[far + i + 1], rRR = cr[near + i + 1] * 3 + cr[far + i + 1];
    let b = (bC * 3 + bL + 8) >> 4, r = (rC * 3 + rL + 8) >> 4;
    const yw = y32[yi >> 2];
    let Y = yw & 255;
    let r0 = Y + crR[r], g0 = Y + ((cbG[b] + crG[r]) >> SCALEBITS), b0 = Y + cbB[b];
    if (((r0 | g0 | b0) & ~255) !== 0) { r0 = cl[r0 + 384]; g0 = cl[g0 + 384]; b0 = cl[b0 + 384]; }
    b = (bC * 3 + bR + 7) >> 4;
    r = (rC * 3 + rR + 7) >> 4;
    Y = (yw >> 8) & 255;
    let r1 = Y + crR[r], g1 = Y + ((cbG[b] + crG[r]) >> SCALEBITS), b1 = Y + cbB[b];
    if (((r1 | g1 | b1) & ~255) !== 0) { r1 = cl[r1 + 384]; g1 = cl[g1 + 384]; b1 = cl[b1 + 384]; }
    b = (bR * 3 + bC + 8) >> 4;
    r = (rR * 3 + rC + 8) >> 4;
    Y = (yw >> 16) & 255;
    let r2 = Y + crR[r], g2 = Y + ((cbG[b] + crG[r]) >> SCALEBITS), b2 = Y + cbB[b];
    if (((r2 | g2 | b2) & ~255) !== 0) { r2 = cl[r2 + 384]; g2 = cl[g2 + 384]; b2 = cl[b2 + 384]; }
    b = (bR * 3 + bRR + 7) >> 4;
    r = (rR * 3 + rRR + 7) >> 4;
    Y = yw >>> 24;
    let r3 = Y + crR[r], g3 = Y + ((cbG[b] + crG[r]) >> SCALEBITS), b3 = Y + cbB[b];
    if (((r3 | g3 | b3) & ~255) !== 0) { r3 = cl[r3 + 384]; g3 = cl[g3 + 384]; b3 = cl[b3 + 384]; }
    words[q] = r0 | (g0 << 8) | (b0 << 16) | (r1 << 24);
    words[q + 1] = g1 | (b1 << 8) | (r2 << 16) | (g2 << 24);
    words[q + 2] = b2 | (r3 << 8) | (g3 << 16) | (b3 << 24);
    q += 3;
    yi += 4;
    bL = bR; bC = bRR; rL = rR; rC = rRR;
  }
  let p = q * 4;
  if (i < w) {
    // Column w − 2 (C) with its right neighbour w − 1.
    const bR = cb[near + i] * 3 + cb[far + i], rR = cr[near + i] * 3 + cr[far + i];
    putRgb(bytes, p, y[yi], (bC * 3 + bL + 8) >> 4, (rC * 3 + rL + 8) >> 4);
    putRgb(bytes, p + 3, y[yi + 1], (bC * 3 + bR + 7) >> 4, (rC * 3 + rR + 7) >> 4);
    p += 6;
    yi += 2;
    bL = bC; bC = bR; rL = rC; rC = rR;
  }
  // The last column, its own right neighbour.
  putRgb(bytes, p, y[yi], (bC * 3 + bL + 8) >> 4, (rC * 3 + rL + 8) >> 4);
  if (2 * w - 1 < width) putRgb(bytes, p + 3, y[yi + 1], (bC * 4 + 7) >> 4, (rC * 4 + 7) >> 4);
}

/**
 * One output row of a 4:2:2 file: h2v1_fancy_upsample of both chroma rows (at `cbAt` / `crAt`, `w`
 * samples) fused with ycc_rgb_convert, `width` pixels (2w − 1 or 2w) into `bytes` at `o`, as above.
 */
export function yccH2v1FancyRow(
  y: Uint8Array, y32: Uint32Array, yAt: number, cb: Uint8Array, cbAt: number, cr: Uint8Array, crAt: number, w: number, width: number,
  words: Uint32Array, bytes: Uint8Array, o: number,
): void {
  const crR = CR_R, cbB = CB_B, crG = CR_G, cbG = CB_G, cl = CLAMP;
  let bC = cb[cbAt], rC = cr[crAt];
  let bL = bC, rL = rC;
  let yi = yAt, q = o >> 2, i = 1;
  for (; i + 1 < w; i += 2) {
    const bR = cb[cbAt + i], rR = cr[crAt + i], bRR = cb[cbAt + i + 1], rRR = cr[crAt + i + 1];
    let b = (bC * 3 + bL + 1) >> 2, r = (rC * 3 + rL + 1) >> 2;
    const yw = y32[yi >> 2];
    let Y = yw & 255;
    let r0 = Y + crR[r], g0 = Y + ((cbG[b] + crG[r]) >> SCALEBITS), b0 = Y + cbB[b];
    if (((r0 | g0 | b0) & ~255) !== 0) { r0 = cl[r0 + 384]; g0 = cl[g0 + 384]; b0 = cl[b0 + 384]; }
    b = (bC * 3 + bR + 2) >> 2;
    r = (rC * 3 + rR + 2) >> 2;
    Y = (yw >> 8) & 255;
    let r1 = Y + crR[r], g1 = Y + ((cbG[b] + crG[r]) >> SCALEBITS), b1 = Y + cbB[b];
    if (((r1 | g1 | b1) & ~255) !== 0) { r1 = cl[r1 + 384]; g1 = cl[g1 + 384]; b1 = cl[b1 + 384]; }
    b = (bR * 3 + bC + 1) >> 2;
    r = (rR * 3 + rC + 1) >> 2;
    Y = (yw >> 16) & 255;
    let r2 = Y + crR[r], g2 = Y + ((cbG[b] + crG[r]) >> SCALEBITS), b2 = Y + cbB[b];
    if (((r2 | g2 | b2) & ~255) !== 0) { r2 = cl[r2 + 384]; g2 = cl[g2 + 384]; b2 = cl[b2 + 384]; }
    b = (bR * 3 + bRR + 2) >> 2;
    r = (rR * 3 + rRR + 2) >> 2;
    Y = yw >>> 24;
    let r3 = Y + crR[r], g3 = Y + ((cbG[b] + crG[r]) >> SCALEBITS), b3 = Y + cbB[b];
    if (((r3 | g3 | b3) & ~255) !== 0) { r3 = cl[r3 + 384]; g3 = cl[g3 + 384]; b3 = cl[b3 + 384]; }
    words[q] = r0 | (g0 << 8) | (b0 << 16) | (r1 << 24);
    words[q + 1] = g1 | (b1 << 8) | (r2 << 16) | (g2 << 24);
    words[q + 2] = b2 | (r3 << 8) | (g3 << 16) | (b3 << 24);
    q += 3;
    yi += 4;
    bL = bR; bC = bRR; rL = rR; rC = rRR;
  }
  let p = q * 4;
  if (i < w) {
    const bR = cb[cbAt + i], rR = cr[crAt + i];
    putRgb(bytes, p, y[yi], (bC * 3 + bL + 1) >> 2, (rC * 3 + rL + 1) >> 2);
    putRgb(bytes, p + 3, y[yi + 1], (bC * 3 + bR + 2) >> 2, (rC * 3 + rR + 2) >> 2);
    p += 6;
    yi += 2;
    bL = bC; bC = bR; rL = rC; rC = rR;
  }
  putRgb(bytes, p, y[yi], (bC * 3 + bL + 1) >> 2, (rC * 3 + rL + 1) >> 2);
  if (2 * w - 1 < width) putRgb(bytes, p + 3, y[yi + 1], bC, rC);
}

/** Three planes copied into interleaved RGB (rgb_rgb_convert: a file whose components are R, G, B). */
export function interleaveRow(
  a: Uint8Array, aAt: number, b: Uint8Array, bAt: number, c: Uint8Array, cAt: number, width: number, out: Uint8Array, o: number,
): void {
  for (let x = 0; x < width; x++, o += 3) {
    out[o] = a[aAt + x]; out[o + 1] = b[bAt + x]; out[o + 2] = c[cAt + x];
  }
}

/**
 * Four components to RGB as Pillow 9.4 gives `Image.open(f).convert('RGB')`: YCCK → CMYK first when
 * `ycck` (jdcolor.c ycck_cmyk_convert), then Pillow's inversion of Adobe CMYK and cmyk2rgb
 * (`nk = 255 − k`, `r = nk − (c·nk)/255` with its MULDIV255 rounding).
 */
export function cmykToRgbRow(
  c0: Uint8Array, c1: Uint8Array, c2: Uint8Array, c3: Uint8Array, at0: number, width: number, ycck: boolean,
  out: Uint8Array, o: number,
): void {
  for (let x = 0; x < width; x++, o += 3) {
    let c = c0[at0 + x], m = c1[x], yy = c2[x];
    const k = c3[x];
    if (ycck) {
      const Y = c, b = m, r = yy;
      c = 255 - clamp(Y + CR_R[r]);
      m = 255 - clamp(Y + ((CB_G[b] + CR_G[r]) >> SCALEBITS));
      yy = 255 - clamp(Y + CB_B[b]);
    }
    // Pillow: "CMYK;I" stores 255 − v; cmyk2rgb then uses nk = 255 − (255 − k) = k.
    const nk = k;
    let t = (255 - c) * nk + 128;
    out[o] = clamp(nk - (((t >> 8) + t) >> 8));
    t = (255 - m) * nk + 128;
    out[o + 1] = clamp(nk - (((t >> 8) + t) >> 8));
    t = (255 - yy) * nk + 128;
    out[o + 2] = clamp(nk - (((t >> 8) + t) >> 8));
  }
}
