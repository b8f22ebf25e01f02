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

/** ycc_rgb_convert of one row into interleaved RGB at `out[o..]`. */
export function yccToRgbRow(y: Uint8Array, cb: Uint8Array, cr: Uint8Array, yAt: number, width: number, out: Uint8Array, o: number): void {
  for (let x = 0; x < width; x++, o += 3) {
    const Y = y[yAt + x], b = cb[x], r = cr[x];
    out[o] = clamp(Y + CR_R[r]);
    out[o + 1] = clamp(Y + ((CB_G[b] + CR_G[r]) >> SCALEBITS));
    out[o + 2] = clamp(Y + CB_B[b]);
  }
}

/** Three planes copied into interleaved RGB (rgb_rgb_convert: a file whose components are R, G, B). */
export function interleaveRow(a: Uint8Array, b: Uint8Array, c: Uint8Array, aAt: number, width: number, out: Uint8Array, o: number): void {
  for (let x = 0; x < width; x++, o += 3) {
    out[o] = a[aAt + x]; out[o + 1] = b[x]; out[o + 2] = c[x];
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
