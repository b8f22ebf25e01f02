// RGB ↔ XYZ, RGB ↔ CIE L*a*b* and RGB ↔ CIE L*u*v* on uint8, bit for bit with OpenCV 4.6
// (modules/imgproc/src/color_lab.cpp). OpenCV's 8-bit paths for these codes are all integer, driven
// by tables it builds once with its own software floating point (softfloat: IEEE float32 / float64
// operations, its own cube root); the tables here are built the same way, operation by operation
// (Math.fround after each float32 step), so every output is exact (verified on all 2^24 inputs of
// each code, test/golden/generate_color.py):
//   XYZ:  12-bit fixed-point matrices (sRGB2XYZ_D65_i / XYZ2sRGB_D65_i), saturated.
//   Lab:  RGB2Lab_b — sRGB gamma table (×2040), 12-bit matrix scaled by the D65 white point, the
//         15-bit cube-root table LabCbrtTab_b; back, Lab2RGBinteger — LabToYF_b, abToXZ_b, a 14-bit
//         matrix and the 4096-entry inverse-gamma table.
//   Luv:  RGB2Luvinterpolate — trilinear interpolation (4-bit weights) in a 33³ int16 table of
//         L, u, v; back, Luv2RGBinteger — the LuToUp_b / LvToVp_b / LvToVpl_b tables and 64-bit
//         integer steps (exact here in float64: every intermediate stays below 2^53).
// Tables are built on first use of each family, not at import.

import { wordViews3 } from './color-words.ts';

/** A conversion over one run of `n` packed pixels: `src` from `si`, `dst` from `di`. */
type Kernel = (src: Uint8Array, si: number, dst: Uint8Array, di: number, n: number) => void;

const fround = Math.fround;

// ---------------------------------------------------------------------------------------------
// Constants (OpenCV stores them as raw float64 bits) and its software float helpers.

const scratch = /* @__PURE__ */ new DataView(new ArrayBuffer(8));

function f64(hex: string): number {
  scratch.setUint32(0, parseInt(hex.slice(0, 8), 16));
  scratch.setUint32(4, parseInt(hex.slice(8), 16));
  return scratch.getFloat64(0);
}

/** sRGB → XYZ (D65), rows X, Y, Z; columns R, G, B. */
const RGB2XYZ = /* @__PURE__ */ ['3fda65a14488c60d', '3fd6e297396d0918', '3fc71819d2391d58',
  '3fcb38cda6e75ff6', '3fe6e297396d0918', '3fb279aae6c8f755',
  '3f93cc4ac6cdaf4b', '3fbe836eb4e98138', '3fee68427418d691'].map(f64);
/** XYZ → sRGB, rows R, G, B; columns X, Y, Z. */
const XYZ2RGB = /* @__PURE__ */ ['4009ec804102ff8f', 'bff8982a9930be0e', 'bfdfe7ff583a53b9',
  'bfef042528ae74f3', '3ffe040f23897204', '3fa546d3f9e7b80b',
  '3fac7de5082cf52c', 'bfca1e14bdfd2631', '3ff0eabef06b3786'].map(f64);
/** The D65 white point X, Y, Z. */
const D65 = /* @__PURE__ */ ['3fee6a22b3892ee8', '3ff0000000000000', '3ff16b8950763a19'].map(f64);

/** cvRound: half to even. */
function cvRound(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}

/**
 * float32 a·b + c with one rounding (softfloat's mulAdd). a·b is exact in float64; the float64 sum
 * is rounded once more, which can only mislead when it lands exactly halfway between two float32
 * values: that case is decided by the sum's rounding error.
 */
function fma32(a: number, b: number, c: number): number {
  const p = a * b, s = p + c;
  const r = fround(s);
  if (r === s) return r;
  const bb = s - p, err = (p - (s - bb)) + (c - bb); // exact error of s (two-sum)
  if (err === 0) return r;
  const other = nextFloat32(r, s > r ? 1 : -1);
  if (s - r !== (other - r) / 2) return r; // not a tie: r is right
  return (err > 0) === (other > r) ? other : r;
}

const f32View = /* @__PURE__ */ new DataView(new ArrayBuffer(4));
function nextFloat32(x: number, dir: number): number {
  f32View.setFloat32(0, x);
  const bits = f32View.getInt32(0);
  const toward = (x >= 0) === (dir > 0) ? 1 : -1;
  f32View.setInt32(0, x === 0 ? (dir > 0 ? 1 : 0x80000001) : bits + toward);
  return f32View.getFloat32(0);
}

// softfloat's cbrt (Ken Turkowski's rational approximation in float64; the result's mantissa is
// truncated, not rounded, to 23 bits).
const CB = /* @__PURE__ */ ['4046a09e6653ba70', '406808f46c6116e0', '405dca97439cae14', '402add70d2827500',
  '3fc4f15f83f55d2d', '402d9e20660edb21', '4062ff15c0285815', '406510d06a8112ce', '4040fecbc9e2c375'].map(f64);

function cbrt32(x: number): number {
  f32View.setFloat32(0, x);
  const v = f32View.getUint32(0);
  if ((v & 0x7fffffff) === 0) return 0;
  let ex = ((v >>> 23) & 255) - 127;
  let shx = ex % 3;
  if (shx >= 0) shx -= 3;
  ex = (ex - shx) / 3 - 1;
  const frac = v & 0x7fffff;
  scratch.setUint32(0, ((shx + 1023) << 20) | (frac >>> 3));
  scratch.setUint32(4, ((frac & 7) << 29) >>> 0);
  let fr = scratch.getFloat64(0);
  fr = ((((CB[0] * fr + CB[1]) * fr + CB[2]) * fr + CB[3]) * fr + CB[4]) /
    ((((CB[5] * fr + CB[6]) * fr + CB[7]) * fr + CB[8]) * fr + 1);
  scratch.setFloat64(0, fr);
  const mant = ((scratch.getUint32(0) & 0xfffff) << 3) | (scratch.getUint32(4) >>> 29);
  f32View.setUint32(0, ((v & 0x80000000) | ((ex + 127) << 23) | mant) >>> 0);
  return f32View.getFloat32(0);
}

// sRGB gamma in float64, rounded to float32 (applyGamma / applyInvGamma).
const G_THRESH = 809 / 20000, G_INV_THRESH = 7827 / 2500000, G_LOW = 323 / 25, G_POW = 12 / 5, G_SHIFT = 11 / 200;

function gamma(x: number): number {
  return fround(x <= G_THRESH ? x / G_LOW : Math.pow((x + G_SHIFT) / (1 + G_SHIFT), G_POW));
}

function invGamma(x: number): number {
  return fround(x <= G_INV_THRESH ? x * G_LOW : Math.pow(x, 1 / G_POW) * (1 + G_SHIFT) - G_SHIFT);
}

const L_THRESH = /* @__PURE__ */ fround(216 / 24389); // (6/29)^3
const L_SCALE = /* @__PURE__ */ fround(841 / 108);    // 7.787
const L_BIAS = /* @__PURE__ */ fround(16 / 116);

/** f(t) of CIE L*a*b* in float32: the cube root above (6/29)^3, the linear segment below. */
function labF(x: number): number {
  return x < L_THRESH ? fma32(x, L_SCALE, L_BIAS) : cbrt32(x);
}

// ---------------------------------------------------------------------------------------------
// Tables shared by Lab and Luv.

const LAB_BASE = 1 << 14, MIN_AB = -8145;

interface LabTables {
  /** sRGBGammaTab_b: round(2040 · gamma(i / 255)). */
  gamma: Uint16Array;
  /** LabCbrtTab_b: round(2^15 · f(i / 2040)), 3072 entries. */
  cbrt: Uint16Array;
  /** sRGBInvGammaTab_b: round(255 · invGamma(i / 4096)). */
  invGamma: Uint8Array;
  /** LabToYF_b: per L byte, y (0..2^14) and f(y) (·2^14). */
  y: Int32Array; ify: Int32Array;
  /** abToXZ_b: (f → x or z) for f from MIN_AB, ·2^14. */
  abToXZ: Int32Array;
}

let LAB: LabTables | undefined;

function labTables(): LabTables {
  if (LAB) return LAB;
  const gammaTab = new Uint16Array(256);
  for (let i = 0; i < 256; i++) gammaTab[i] = cvRound(fround(2040 * gamma(fround(i / 255))));
  const cbrtTab = new Uint16Array(256 * 3 / 2 * 8);
  const cbScale = fround(1 / 2040);
  for (let i = 0; i < cbrtTab.length; i++) cbrtTab[i] = cvRound(32768 * labF(fround(cbScale * i)));
  const inv = new Uint8Array(4096);
  for (let i = 0; i < 4096; i++) inv[i] = cvRound(fround(255 * invGamma(i / 4096)));
  const y = new Int32Array(256), ify = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    if (i <= 20) {
      y[i] = cvRound(fround(fround(i * LAB_BASE * 20 * 9) / (17 * 29 * 29 * 29)));
      ify[i] = cvRound(fround(LAB_BASE * fround(fround(16 / 116) + fround((i * 5) / (3 * 17 * 29)))));
    } else {
      const fy = fround(fround(fround(i * 100 * LAB_BASE) / (255 * 116)) + fround((16 * LAB_BASE) / 116));
      ify[i] = cvRound(fy);
      y[i] = cvRound(fround(fround(fround(fy * fy) * fy) / (LAB_BASE * LAB_BASE)));
    }
  }
  const abToXZ = new Int32Array(LAB_BASE * 9 / 4);
  const lowShift = Math.trunc(Math.trunc((LAB_BASE * 16) / 116) * 108 / 841);
  for (let i = MIN_AB; i < LAB_BASE * 9 / 4 + MIN_AB; i++) {
    abToXZ[i - MIN_AB] = i <= 3390
      ? Math.trunc((i * 108) / 841) - lowShift
      : Math.trunc(Math.trunc(Math.trunc((i * i) / LAB_BASE) * i) / LAB_BASE);
  }
  LAB = { gamma: gammaTab, cbrt: cbrtTab, invGamma: inv, y, ify, abToXZ };
  return LAB;
}

// ---------------------------------------------------------------------------------------------
// RGB ↔ XYZ: 12-bit fixed point, (Σ c·v + 2^11) >> 12, saturated.
//
// A 3×3 matrix on bytes is one flat table of 9 × 256 products, row-major (entry k·256 + v is
// m[k]·v), with the rounding constant folded into each row's first column: a row is three loads.

const XYZ_I = [1689, 1465, 739, 871, 2929, 296, 79, 488, 3892];
const XYZ2RGB_I = [13273, -6296, -2042, -3970, 7684, 170, 228, -836, 4331];

function productTable(m: readonly number[], bytes: ArrayLike<number>, half: number): Int32Array {
  const t = new Int32Array(9 * 256);
  for (let k = 0; k < 9; k++) {
    for (let v = 0; v < 256; v++) t[k * 256 + v] = m[k] * bytes[v] + (k % 3 === 0 ? half : 0);
  }
  return t;
}

/** Saturation to a byte of −1024..1535: `CLAMP[CLAMP0 + v]`. */
const CLAMP = /* @__PURE__ */ Uint8Array.from({ length: 2560 }, (_, i) => (i < 1024 ? 0 : i > 1279 ? 255 : i - 1024));
const CLAMP0 = 1024;

const IDENTITY = /* @__PURE__ */ Uint8Array.from({ length: 256 }, (_, v) => v);
let XYZ_TABLE: Int32Array | undefined;
let RGB_FROM_XYZ_TABLE: Int32Array | undefined;

/** RGB (`bidx` 2) or BGR (`bidx` 0), `scn` channels → X, Y, Z. */
export function rgb2xyz(scn: number, bidx: number): Kernel {
  return (s, si, d, di, n) => rgb2xyzLoop(s, si, d, di, n, scn, bidx, (XYZ_TABLE ??= productTable(XYZ_I, IDENTITY, 1 << 11)));
}

// The loops are module-level functions taking every parameter (no closure over them): a kernel is
// made per call, and V8 then keeps one optimised loop for all of them. Three-channel runs go four
// pixels (three words) at a time, the rest byte by byte.
function rgb2xyzLoop(s: Uint8Array, si: number, d: Uint8Array, di: number, n: number, scn: number, bidx: number,
  t: Int32Array): void {
  let k = 0;
  const words = scn === 3 ? wordViews3(s, si, d, di, n) : undefined;
  if (words) {
    const [sw, dw] = words;
    const bgr = bidx === 0;
    for (let j = 0; j < sw.length; j += 3) {
      const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
      const a0 = w0 & 255, b0 = (w0 >> 8) & 255, c0 = (w0 >> 16) & 255, a1 = w0 >>> 24;
      const b1 = w1 & 255, c1 = (w1 >> 8) & 255, a2 = (w1 >> 16) & 255, b2 = w1 >>> 24;
      const c2 = w2 & 255, a3 = (w2 >> 8) & 255, b3 = (w2 >> 16) & 255, c3 = w2 >>> 24;
      const p0 = bgr ? xyzPixel(c0, b0, a0, t) : xyzPixel(a0, b0, c0, t);
      const p1 = bgr ? xyzPixel(c1, b1, a1, t) : xyzPixel(a1, b1, c1, t);
      const p2 = bgr ? xyzPixel(c2, b2, a2, t) : xyzPixel(a2, b2, c2, t);
      const p3 = bgr ? xyzPixel(c3, b3, a3, t) : xyzPixel(a3, b3, c3, t);
      dw[j] = p0 | (p1 << 24); dw[j + 1] = (p1 >>> 8) | (p2 << 16); dw[j + 2] = (p2 >>> 16) | (p3 << 8);
    }
    k = (sw.length / 3) << 2;
    si += 3 * k;
    di += 3 * k;
  }
  const ridx = bidx ^ 2;
  for (; k < n; k++, si += scn, di += 3) {
    const p = xyzPixel(s[si + ridx], s[si + 1], s[si + bidx], t);
    d[di] = p & 255; d[di + 1] = (p >> 8) & 255; d[di + 2] = p >> 16;
  }
}

/** X | Y << 8 | Z << 16 of one RGB pixel (each saturated: Z exceeds 255 near white). */
function xyzPixel(r: number, g: number, b: number, t: Int32Array): number {
  let x = (t[r] + t[256 + g] + t[512 + b]) >> 12;
  let y = (t[768 + r] + t[1024 + g] + t[1280 + b]) >> 12;
  let z = (t[1536 + r] + t[1792 + g] + t[2048 + b]) >> 12;
  if (x > 255) x = 255;
  if (y > 255) y = 255;
  if (z > 255) z = 255;
  return x | (y << 8) | (z << 16);
}

/** X, Y, Z → RGB (`bidx` 2) or BGR (`bidx` 0). */
export function xyz2rgb(bidx: number): Kernel {
  return (s, si, d, di, n) => xyz2rgbLoop(s, si, d, di, n, bidx,
    (RGB_FROM_XYZ_TABLE ??= productTable(XYZ2RGB_I, IDENTITY, 1 << 11)));
}

function xyz2rgbLoop(s: Uint8Array, si: number, d: Uint8Array, di: number, n: number, bidx: number, t: Int32Array): void {
  let k = 0;
  const bgr = bidx === 0;
  const words = wordViews3(s, si, d, di, n);
  if (words) {
    const [sw, dw] = words;
    for (let j = 0; j < sw.length; j += 3) {
      const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
      const p0 = rgbFromXyz(w0 & 255, (w0 >> 8) & 255, (w0 >> 16) & 255, t, bgr);
      const p1 = rgbFromXyz(w0 >>> 24, w1 & 255, (w1 >> 8) & 255, t, bgr);
      const p2 = rgbFromXyz((w1 >> 16) & 255, w1 >>> 24, w2 & 255, t, bgr);
      const p3 = rgbFromXyz((w2 >> 8) & 255, (w2 >> 16) & 255, w2 >>> 24, t, bgr);
      dw[j] = p0 | (p1 << 24); dw[j + 1] = (p1 >>> 8) | (p2 << 16); dw[j + 2] = (p2 >>> 16) | (p3 << 8);
    }
    k = (sw.length / 3) << 2;
    si += 3 * k;
    di += 3 * k;
  }
  for (; k < n; k++, si += 3, di += 3) {
    const p = rgbFromXyz(s[si], s[si + 1], s[si + 2], t, bgr);
    d[di] = p & 255; d[di + 1] = (p >> 8) & 255; d[di + 2] = p >> 16;
  }
}

/** R | G << 8 | B << 16 (B first when `bgr`) of one XYZ pixel, saturated. */
function rgbFromXyz(x: number, y: number, z: number, t: Int32Array, bgr: boolean): number {
  const clamp = CLAMP;
  const r = clamp[CLAMP0 + ((t[x] + t[256 + y] + t[512 + z]) >> 12)];
  const g = clamp[CLAMP0 + ((t[768 + x] + t[1024 + y] + t[1280 + z]) >> 12)];
  const b = clamp[CLAMP0 + ((t[1536 + x] + t[1792 + y] + t[2048 + z]) >> 12)];
  return bgr ? b | (g << 8) | (r << 16) : r | (g << 8) | (b << 16);
}

// ---------------------------------------------------------------------------------------------
// RGB → Lab (RGB2Lab_b):
//   R', G', B' = gamma table; X = LabCbrtTab_b[(Σ c·v + 2^11) >> 12] (likewise Y, Z), with
//   c = round(2^12 · M / white point);
//   L = (296·fY − 1336934 + 2^14) >> 15, a = (500·(fX − fY) + 2^22 + 2^14) >> 15,
//   b = (200·(fY − fZ) + 2^22 + 2^14) >> 15, saturated.

let RGB2LAB_TABLE: Int32Array | undefined;

function rgb2labTable(): Int32Array {
  if (RGB2LAB_TABLE) return RGB2LAB_TABLE;
  const c: number[] = [];
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) c.push(cvRound((4096 * RGB2XYZ[row * 3 + col]) / D65[row]));
  }
  RGB2LAB_TABLE = productTable(c, labTables().gamma, 1 << 11);
  return RGB2LAB_TABLE;
}

const L_SCALE_I = 296, L_SHIFT_I = -1336934 + (1 << 14), AB_SHIFT = (128 << 15) + (1 << 14);

/** RGB (`bidx` 2) or BGR (`bidx` 0), `scn` channels → L, a, b. */
export function rgb2lab(scn: number, bidx: number): Kernel {
  return (s, si, d, di, n) => rgb2labLoop(s, si, d, di, n, scn, bidx, rgb2labTable(), labTables().cbrt);
}

function rgb2labLoop(s: Uint8Array, si: number, d: Uint8Array, di: number, n: number, scn: number, bidx: number,
  t: Int32Array, cbrt: Uint16Array): void {
  let k = 0;
  const words = scn === 3 ? wordViews3(s, si, d, di, n) : undefined;
  if (words) {
    const [sw, dw] = words;
    const bgr = bidx === 0;
    for (let j = 0; j < sw.length; j += 3) {
      const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
      const a0 = w0 & 255, b0 = (w0 >> 8) & 255, c0 = (w0 >> 16) & 255, a1 = w0 >>> 24;
      const b1 = w1 & 255, c1 = (w1 >> 8) & 255, a2 = (w1 >> 16) & 255, b2 = w1 >>> 24;
      const c2 = w2 & 255, a3 = (w2 >> 8) & 255, b3 = (w2 >> 16) & 255, c3 = w2 >>> 24;
      const p0 = bgr ? labPixel(c0, b0, a0, t, cbrt) : labPixel(a0, b0, c0, t, cbrt);
      const p1 = bgr ? labPixel(c1, b1, a1, t, cbrt) : labPixel(a1, b1, c1, t, cbrt);
      const p2 = bgr ? labPixel(c2, b2, a2, t, cbrt) : labPixel(a2, b2, c2, t, cbrt);
      const p3 = bgr ? labPixel(c3, b3, a3, t, cbrt) : labPixel(a3, b3, c3, t, cbrt);
      dw[j] = p0 | (p1 << 24); dw[j + 1] = (p1 >>> 8) | (p2 << 16); dw[j + 2] = (p2 >>> 16) | (p3 << 8);
    }
    k = (sw.length / 3) << 2;
    si += 3 * k;
    di += 3 * k;
  }
  const ridx = bidx ^ 2;
  for (; k < n; k++, si += scn, di += 3) {
    const p = labPixel(s[si + ridx], s[si + 1], s[si + bidx], t, cbrt);
    d[di] = p & 255; d[di + 1] = (p >> 8) & 255; d[di + 2] = p >> 16;
  }
}

/** L | a << 8 | b << 16 of one RGB pixel. */
function labPixel(r: number, g: number, b: number, t: Int32Array, cbrt: Uint16Array): number {
  const clamp = CLAMP;
  const fx = cbrt[(t[r] + t[256 + g] + t[512 + b]) >> 12];
  const fy = cbrt[(t[768 + r] + t[1024 + g] + t[1280 + b]) >> 12];
  const fz = cbrt[(t[1536 + r] + t[1792 + g] + t[2048 + b]) >> 12];
  return clamp[CLAMP0 + ((L_SCALE_I * fy + L_SHIFT_I) >> 15)] |
    (clamp[CLAMP0 + ((500 * (fx - fy) + AB_SHIFT) >> 15)] << 8) |
    (clamp[CLAMP0 + ((200 * (fy - fz) + AB_SHIFT) >> 15)] << 16);
}

// ---------------------------------------------------------------------------------------------
// Lab → RGB (Lab2RGBinteger):
//   y, ify = LabToYF_b[L]; adiv = ((5·a·53687 + 2^7) >> 13) − 4194, bdiv = ((b·41943 + 2^4) >> 9) − 10484;
//   x = abToXZ_b[ify + adiv], z = abToXZ_b[ify − bdiv];
//   R = invGamma[clamp((Σ c·(x, y, z) + 2^13) >> 14, 0, 4095)] with c = round(2^12 · M · white point).

interface Lab2RgbTables { adiv: Int32Array; bdiv: Int32Array; k: Int32Array }
let LAB2RGB_TABLES: Lab2RgbTables | undefined;

function lab2rgbTables(): Lab2RgbTables {
  if (LAB2RGB_TABLES) return LAB2RGB_TABLES;
  const adiv = new Int32Array(256), bdiv = new Int32Array(256);
  for (let v = 0; v < 256; v++) {
    adiv[v] = ((5 * v * 53687 + (1 << 7)) >> 13) - Math.trunc((128 * LAB_BASE) / 500) - MIN_AB;
    bdiv[v] = ((v * 41943 + (1 << 4)) >> 9) - Math.trunc((128 * LAB_BASE) / 200) + 1 + MIN_AB;
  }
  const k = new Int32Array(9);
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) k[row * 3 + col] = cvRound(4096 * XYZ2RGB[row * 3 + col] * D65[col]);
  }
  LAB2RGB_TABLES = { adiv, bdiv, k };
  return LAB2RGB_TABLES;
}

/** L, a, b → RGB (`bidx` 2) or BGR (`bidx` 0). */
export function lab2rgb(bidx: number): Kernel {
  return (s, si, d, di, n) => lab2rgbLoop(s, si, d, di, n, bidx, labTables(), lab2rgbTables());
}

function lab2rgbLoop(s: Uint8Array, si: number, d: Uint8Array, di: number, n: number, bidx: number,
  lt: LabTables, t: Lab2RgbTables): void {
  // Tables in locals, passed down: V8 does not hoist property loads out of loops.
  const fyt = lt.ify, yt = lt.y, xz = lt.abToXZ, ig = lt.invGamma, adiv = t.adiv, bdiv = t.bdiv, k = t.k;
  let p = 0;
  const bgr = bidx === 0;
  const words = wordViews3(s, si, d, di, n);
  if (words) {
    const [sw, dw] = words;
    for (let j = 0; j < sw.length; j += 3) {
      const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
      const p0 = rgbFromLab(w0 & 255, (w0 >> 8) & 255, (w0 >> 16) & 255, fyt, yt, xz, ig, adiv, bdiv, k, bgr);
      const p1 = rgbFromLab(w0 >>> 24, w1 & 255, (w1 >> 8) & 255, fyt, yt, xz, ig, adiv, bdiv, k, bgr);
      const p2 = rgbFromLab((w1 >> 16) & 255, w1 >>> 24, w2 & 255, fyt, yt, xz, ig, adiv, bdiv, k, bgr);
      const p3 = rgbFromLab((w2 >> 8) & 255, (w2 >> 16) & 255, w2 >>> 24, fyt, yt, xz, ig, adiv, bdiv, k, bgr);
      dw[j] = p0 | (p1 << 24); dw[j + 1] = (p1 >>> 8) | (p2 << 16); dw[j + 2] = (p2 >>> 16) | (p3 << 8);
    }
    p = (sw.length / 3) << 2;
    si += 3 * p;
    di += 3 * p;
  }
  for (; p < n; p++, si += 3, di += 3) {
    const v = rgbFromLab(s[si], s[si + 1], s[si + 2], fyt, yt, xz, ig, adiv, bdiv, k, bgr);
    d[di] = v & 255; d[di + 1] = (v >> 8) & 255; d[di + 2] = v >> 16;
  }
}

/** The 12-bit index of the inverse-gamma table: (k · (x, y, z) + 2^13) >> 14, clamped to 0..4095. */
function gammaIndex(v: number): number {
  v = (v + 8192) >> 14;
  return v < 0 ? 0 : v > 4095 ? 4095 : v;
}

/** R | G << 8 | B << 16 (B first when `bgr`) of one Lab pixel. */
function rgbFromLab(L: number, a: number, bb: number, fyt: Int32Array, yt: Int32Array, xz: Int32Array, ig: Uint8Array,
  adiv: Int32Array, bdiv: Int32Array, k: Int32Array, bgr: boolean): number {
  const fy = fyt[L], y = yt[L];
  const x = xz[fy + adiv[a]], z = xz[fy - bdiv[bb]];
  const r = ig[gammaIndex(k[0] * x + k[1] * y + k[2] * z)];
  const g = ig[gammaIndex(k[3] * x + k[4] * y + k[5] * z)];
  const b = ig[gammaIndex(k[6] * x + k[7] * y + k[8] * z)];
  return bgr ? b | (g << 8) | (r << 16) : r | (g << 8) | (b << 16);
}

// ---------------------------------------------------------------------------------------------
// Luv. un, vn: the white point's u′, v′ (·13 folded in as OpenCV does), in float32.

const U_LOW = -134, U_RANGE = 354, V_LOW = -140, V_RANGE = 262;

function whiteUV(): [number, number] {
  let dd = fround(D65[0] + D65[1] * 15 + D65[2] * 3);
  dd = fround(1 / dd);
  return [fround(fround(dd * 52) * fround(D65[0])), fround(fround(dd * 117) * fround(D65[1]))];
}

const LUT_DIM = 33;
let RGB2LUV_LUT: Int16Array | undefined;

/**
 * RGB2LuvLUT_s16: L, u, v at the 33³ grid points (i/32 per channel), scaled to 0..2^14, laid out
 * as [b][g][r][channel] (OpenCV's first axis is blue).
 */
function rgb2luvLut(): Int16Array {
  if (RGB2LUV_LUT) return RGB2LUV_LUT;
  const [un, vn] = whiteUV();
  const c = RGB2XYZ.map(fround);
  const eps = fround(2 ** -23), f9of4 = fround(9 / 4);
  const lin = Float64Array.from({ length: LUT_DIM }, (_, i) => gamma(fround(i / 32)));
  const lut = new Int16Array(LUT_DIM ** 3 * 3);
  for (let bi = 0; bi < LUT_DIM; bi++) {
    for (let gi = 0; gi < LUT_DIM; gi++) {
      for (let ri = 0; ri < LUT_DIM; ri++) {
        const B = lin[bi], G = lin[gi], R = lin[ri];
        // X = B·cB + G·cG + R·cR (OpenCV's order), each step in float32
        const X = fround(fround(fround(B * c[2]) + fround(G * c[1])) + fround(R * c[0]));
        const Y = fround(fround(fround(B * c[5]) + fround(G * c[4])) + fround(R * c[3]));
        const Z = fround(fround(fround(B * c[8]) + fround(G * c[7])) + fround(R * c[6]));
        let L = Y < L_THRESH ? fma32(Y, L_SCALE, L_BIAS) : cbrt32(Y);
        L = fround(fround(L * 116) - 16);
        let den = fround(fround(X + fround(15 * Y)) + fround(3 * Z));
        if (!(den > eps)) den = eps;
        const dd = fround(52 / den);
        const u = fround(L * fround(fround(X * dd) - un));
        const v = fround(L * fround(fround(fround(f9of4 * Y) * dd) - vn));
        const o = ((bi * LUT_DIM + gi) * LUT_DIM + ri) * 3;
        lut[o] = cvRound(fround(fround(LAB_BASE * L) / 100));
        lut[o + 1] = cvRound(fround(fround(LAB_BASE * fround(u - U_LOW)) / U_RANGE));
        lut[o + 2] = cvRound(fround(fround(LAB_BASE * fround(v - V_LOW)) / V_RANGE));
      }
    }
  }
  RGB2LUV_LUT = lut;
  return lut;
}

/** Per byte v: the grid cell (v >> 3, times its stride) and the interpolation weight 2·(v & 7) of 16. */
const CELL = /* @__PURE__ */ Uint8Array.from({ length: 256 }, (_, v) => v >> 3);
const FRAC = /* @__PURE__ */ Uint8Array.from({ length: 256 }, (_, v) => (v & 7) << 1);

/**
 * RGB (`bidx` 2) or BGR (`bidx` 0), `scn` channels → L, u, v: trilinear interpolation in the
 * table with weights w = Π (16 − f or f) (total 2^12), (Σ w·T + 2^11) >> 12, then >> 6, saturated.
 */
export function rgb2luv(scn: number, bidx: number): Kernel {
  return (s, si, d, di, n) => rgb2luvLoop(s, si, d, di, n, scn, bidx, rgb2luvLut());
}

function rgb2luvLoop(s: Uint8Array, si: number, d: Uint8Array, di: number, n: number, scn: number, bidx: number,
  lut: Int16Array): void {
  let k = 0;
  const words = scn === 3 ? wordViews3(s, si, d, di, n) : undefined;
  if (words) {
    const [sw, dw] = words;
    const bgr = bidx === 0;
    for (let j = 0; j < sw.length; j += 3) {
      const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
      const a0 = w0 & 255, b0 = (w0 >> 8) & 255, c0 = (w0 >> 16) & 255, a1 = w0 >>> 24;
      const b1 = w1 & 255, c1 = (w1 >> 8) & 255, a2 = (w1 >> 16) & 255, b2 = w1 >>> 24;
      const c2 = w2 & 255, a3 = (w2 >> 8) & 255, b3 = (w2 >> 16) & 255, c3 = w2 >>> 24;
      const p0 = bgr ? luvPixel(c0, b0, a0, lut) : luvPixel(a0, b0, c0, lut);
      const p1 = bgr ? luvPixel(c1, b1, a1, lut) : luvPixel(a1, b1, c1, lut);
      const p2 = bgr ? luvPixel(c2, b2, a2, lut) : luvPixel(a2, b2, c2, lut);
      const p3 = bgr ? luvPixel(c3, b3, a3, lut) : luvPixel(a3, b3, c3, lut);
      dw[j] = p0 | (p1 << 24); dw[j + 1] = (p1 >>> 8) | (p2 << 16); dw[j + 2] = (p2 >>> 16) | (p3 << 8);
    }
    k = (sw.length / 3) << 2;
    si += 3 * k;
    di += 3 * k;
  }
  const ridx = bidx ^ 2;
  for (; k < n; k++, si += scn, di += 3) {
    const p = luvPixel(s[si + ridx], s[si + 1], s[si + bidx], lut);
    d[di] = p & 255; d[di + 1] = (p >> 8) & 255; d[di + 2] = p >> 16;
  }
}

const SB = LUT_DIM * LUT_DIM * 3, SG = LUT_DIM * 3, SR = 3;

/** L | u << 8 | v << 16 of one RGB pixel. */
function luvPixel(r: number, g: number, b: number, lut: Int16Array): number {
  const fb = FRAC[b], fg = FRAC[g], fr = FRAC[r];
  const o = CELL[b] * SB + CELL[g] * SG + CELL[r] * SR;
  const ub = 16 - fb, ug = 16 - fg, ur = 16 - fr;
  // weights of the 8 corners (b, g, r offsets 0/1)
  const w000 = ub * ug * ur, w001 = ub * ug * fr, w010 = ub * fg * ur, w011 = ub * fg * fr;
  const w100 = fb * ug * ur, w101 = fb * ug * fr, w110 = fb * fg * ur, w111 = fb * fg * fr;
  const o001 = o + SR, o010 = o + SG, o011 = o + SG + SR;
  const o100 = o + SB, o101 = o + SB + SR, o110 = o + SB + SG, o111 = o + SB + SG + SR;
  let p = 0;
  for (let ch = 0; ch < 3; ch++) {
    const sum = w000 * lut[o + ch] + w001 * lut[o001 + ch] + w010 * lut[o010 + ch] + w011 * lut[o011 + ch] +
      w100 * lut[o100 + ch] + w101 * lut[o101 + ch] + w110 * lut[o110 + ch] + w111 * lut[o111 + ch];
    const v = (sum + 2048) >> 12;
    p |= (v < 0 ? 0 : v >= 16384 ? 255 : v >> 6) << (ch << 3);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Luv → RGB (Luv2RGBinteger).

interface Luv2RgbTables { up: Int32Array; vp: Int32Array; vpl: Float64Array; k: Int32Array }
let LUV2RGB_TABLES: Luv2RgbTables | undefined;

function luv2rgbTables(): Luv2RgbTables {
  if (LUV2RGB_TABLES) return LUV2RGB_TABLES;
  const [un, vn] = whiteUV();
  const up = new Int32Array(65536), vp = new Int32Array(65536), vpl = new Float64Array(65536);
  for (let LL = 0; LL < 256; LL++) {
    const L = fround(fround(LL * 100) / 255);
    for (let uu = 0; uu < 256; uu++) {
      const u = fround(fround(fround(uu * U_RANGE) / 255) + U_LOW);
      up[LL * 256 + uu] = cvRound(fround(16 * fround(9 * fround(u + fround(L * un)))));
    }
    for (let vv = 0; vv < 256; vv++) {
      const v = fround(fround(fround(vv * V_RANGE) / 255) + V_LOW);
      let q = fround(0.25 / fround(v + fround(L * vn)));
      if (q > 0.25) q = 0.25;
      if (q < -0.25) q = -0.25;
      const ivp = cvRound(fround(q * (LAB_BASE * 1024)));
      vp[LL * 256 + vv] = ivp;
      vpl[LL * 256 + vv] = 12 * 13 * 100 * (LAB_BASE / 1024) * (ivp * LL);
    }
  }
  const k = new Int32Array(9);
  for (let i = 0; i < 9; i++) k[i] = cvRound(4096 * XYZ2RGB[i]);
  LUV2RGB_TABLES = { up, vp, vpl, k };
  return LUV2RGB_TABLES;
}

/**
 * L, u, v → RGB (`bidx` 2) or BGR (`bidx` 0). With y = LabToYF_b[L], up, vp, vpl from the tables:
 * xv = up·vp; x = trunc(y·trunc(xv / 2^14) / 2^14) (y·… does not wrap at 32 bits in OpenCV 4.6's build:
 * checked on all 2^24 inputs);
 * zm = int32(trunc(y·(trunc((vpl − 85·xv) / 2^14) − 5·255·2^14) / 2^14)); z = trunc(zm / 256) + trunc(zm / 65536);
 * x, z clamped to 0..2^15, then the 14-bit matrix and the inverse-gamma table as for Lab.
 */
export function luv2rgb(bidx: number): Kernel {
  return (s, si, d, di, n) => luv2rgbLoop(s, si, d, di, n, bidx, labTables(), luv2rgbTables());
}

function luv2rgbLoop(s: Uint8Array, si: number, d: Uint8Array, di: number, n: number, bidx: number,
  lt: LabTables, t: Luv2RgbTables): void {
  let k = 0;
  const bgr = bidx === 0;
  const words = wordViews3(s, si, d, di, n);
  if (words) {
    const [sw, dw] = words;
    for (let j = 0; j < sw.length; j += 3) {
      const w0 = sw[j], w1 = sw[j + 1], w2 = sw[j + 2];
      const p0 = rgbFromLuv(w0 & 255, (w0 >> 8) & 255, (w0 >> 16) & 255, lt, t, bgr);
      const p1 = rgbFromLuv(w0 >>> 24, w1 & 255, (w1 >> 8) & 255, lt, t, bgr);
      const p2 = rgbFromLuv((w1 >> 16) & 255, w1 >>> 24, w2 & 255, lt, t, bgr);
      const p3 = rgbFromLuv((w2 >> 8) & 255, (w2 >> 16) & 255, w2 >>> 24, lt, t, bgr);
      dw[j] = p0 | (p1 << 24); dw[j + 1] = (p1 >>> 8) | (p2 << 16); dw[j + 2] = (p2 >>> 16) | (p3 << 8);
    }
    k = (sw.length / 3) << 2;
    si += 3 * k;
    di += 3 * k;
  }
  for (; k < n; k++, si += 3, di += 3) {
    const p = rgbFromLuv(s[si], s[si + 1], s[si + 2], lt, t, bgr);
    d[di] = p & 255; d[di + 1] = (p >> 8) & 255; d[di + 2] = p >> 16;
  }
}

/** R | G << 8 | B << 16 (B first when `bgr`) of one Luv pixel. */
function rgbFromLuv(LL: number, uu: number, vv: number, lt: LabTables, t: Luv2RgbTables, bgr: boolean): number {
  const iv = (LL << 8) | vv, y = lt.y[LL], k = t.k, ig = lt.invGamma;
  const xv = t.up[(LL << 8) | uu] * t.vp[iv]; // |xv| < 2^38: exact, as every step below (< 2^53)
  let x = Math.trunc((y * Math.trunc(xv / 16384)) / 16384);
  const zp = Math.trunc((t.vpl[iv] - xv * 85) / 16384);
  const zm = Math.trunc((y * (zp - 5 * 255 * 16384)) / 16384) | 0;
  let z = Math.trunc(zm / 256) + Math.trunc(zm / 65536);
  x = x < 0 ? 0 : x > 32768 ? 32768 : x;
  z = z < 0 ? 0 : z > 32768 ? 32768 : z;
  const r = ig[gammaIndex(k[0] * x + k[1] * y + k[2] * z)];
  const g = ig[gammaIndex(k[3] * x + k[4] * y + k[5] * z)];
  const b = ig[gammaIndex(k[6] * x + k[7] * y + k[8] * z)];
  return bgr ? b | (g << 8) | (r << 16) : r | (g << 8) | (b << 16);
}
