// The perceptual hashes of Python's `imagehash` package (4.3): average_hash, dhash and phash, on
// Pillow's convert('L') and LANCZOS (ANTIALIAS) resize, bit for bit (see pixelarray/pillow).
import { checkInt, checkOptions, checkOptionKeys } from '../core/check.ts';
import { rangeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { convert } from '../pillow/convert.ts';
import { resize } from '../pillow/resample.ts';

/** A perceptual hash: `size × size` bits and imagehash's hexadecimal form of them. */
export interface ImageHash {
  /** Side of the grid: the hash has `size × size` bits. */
  readonly size: number;
  /** One byte per bit (0 or 1), row by row. */
  readonly bits: Uint8Array;
  /**
   * The bits as one hexadecimal number, first bit most significant, `ceil(size² / 4)` lowercase
   * digits (zero-padded in front): `str(imagehash.*_hash(...))`'s format.
   */
  readonly hex: string;
}

/** Options of `differenceHash`. */
export interface DifferenceHashOptions {
  /** Side of the hash grid (`hash_size`), 2..256. Default 8 (64 bits). */
  size?: number;
}

/** Options of `perceptualHash`. */
export interface PerceptualHashOptions {
  /** Side of the hash grid (`hash_size`), 2..64. Default 8 (64 bits). */
  size?: number;
  /** imagehash's `highfreq_factor`: the DCT runs on `size · highfreqFactor` pixels square. Default 4. */
  highfreqFactor?: number;
}

/** Largest grid side of the hashes (a 65,536-bit hash). */
export const MAX_HASH_SIZE = 256;

/** imagehash's `_binary_array_to_hex`: the bits as one big number, first bit most significant. */
export function bitsToHex(bits: Uint8Array): string {
  const n = bits.length, digits = Math.ceil(n / 4);
  const pad = digits * 4 - n;
  let out = '';
  for (let d = 0; d < digits; d++) {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const i = d * 4 + k - pad;
      v = (v << 1) | (i >= 0 ? bits[i] : 0);
    }
    out += v.toString(16);
  }
  return out;
}

function checkImage(img: unknown): PixelArray {
  assertPixelArray(img, 'img');
  const [h, w, c] = img.shape;
  if (h === 0 || w === 0) throw rangeError('img', 'a non-empty image', img);
  if (c > 4) throw new RangeError(`img: expected 1 to 4 channels (L, LA, RGB, RGBA), got ${c}`);
  return img;
}

/** `image.convert('L').resize((w, h), Image.ANTIALIAS)` as contiguous bytes (h rows of w). */
export function grayThumb(img: PixelArray, w: number, h: number): Uint8Array {
  const gray = img.shape[2] === 1 ? img : convert(img, 'L');
  const small = resize(gray, [w, h], { resample: 'lanczos' });
  return small.data.subarray(small.offset, small.offset + w * h);
}

/**
 * `imagehash.average_hash(image, hash_size=size)`: Pillow's `convert('L')`, LANCZOS resize to
 * `size × size`, bit set where the cell is strictly above the (float) mean of the cells. Used by
 * `averageHash` (the default recipe).
 */
export function imagehashAverage(img: PixelArray, size: number): ImageHash {
  checkImage(img);
  const cells = grayThumb(img, size, size);
  let sum = 0;
  for (let i = 0; i < cells.length; i++) sum += cells[i];
  // v > sum / n, exactly in integers (n · v > sum): the mean of ≤ 65,536 bytes is exact enough in
  // float64 that the two never disagree.
  const n = cells.length;
  const bits = new Uint8Array(n);
  for (let i = 0; i < n; i++) bits[i] = cells[i] * n > sum ? 1 : 0;
  return { size, bits, hex: bitsToHex(bits) };
}

/**
 * Difference hash, `str(imagehash.dhash(image, hash_size=size))`: Pillow's `convert('L')`, LANCZOS
 * resize to `(size + 1) × size` (width × height), bit set where a pixel is strictly brighter than
 * its left neighbour (`pixels[:, 1:] > pixels[:, :-1]`), row by row.
 */
export function differenceHash(img: PixelArray, options?: DifferenceHashOptions): ImageHash {
  if (arguments.length > 2) throw tooManyArguments('differenceHash', ['img', 'options'], arguments.length);
  checkImage(img);
  const o = checkOptions(options);
  checkOptionKeys(o, ['size']);
  const size = o.size === undefined ? 8 : checkInt(o.size, 'options.size', 2, MAX_HASH_SIZE);
  const w = size + 1;
  const px = grayThumb(img, w, size);
  const bits = new Uint8Array(size * size);
  for (let y = 0, i = 0; y < size; y++) {
    for (let x = 0; x < size; x++, i++) bits[i] = px[y * w + x + 1] > px[y * w + x] ? 1 : 0;
  }
  return { size, bits, hex: bitsToHex(bits) };
}

/**
 * Sets to exactly 0 the values that are rounding noise (≤ 1e-11 of the largest): where the exact DCT
 * is 0 (a constant column, an image of identical rows), SciPy's FFT gives exact zeros, direct sums
 * give ±1e-13 noise, and the median comparison would turn that noise into bits.
 */
function snapZeros(v: Float64Array): void {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  const eps = max * 1e-11;
  for (let i = 0; i < v.length; i++) if (Math.abs(v[i]) <= eps) v[i] = 0;
}

/**
 * Perceptual hash, `str(imagehash.phash(image, hash_size=size, highfreq_factor=highfreqFactor))`:
 * Pillow's `convert('L')`, LANCZOS resize to `N × N` with `N = size · highfreqFactor`, the 2-D DCT
 * `scipy.fftpack.dct(dct(pixels, axis=0), axis=1)` (type II, unnormalised: `2 Σ x[n] cos(π k (2n+1) / 2N)`)
 * in float64, its low-frequency `size × size` corner, bit set where a coefficient is strictly above
 * the median of the corner.
 *
 * Deviation: SciPy computes the DCT through an FFT, this by direct sums; the two agree to about
 * 1e-12 relative, so a bit can differ only where a coefficient is within rounding of the median,
 * i.e. where two coefficients of the corner are equal in exact arithmetic but not in SciPy's. Exact
 * zeros (images of identical rows or columns) are kept exact (values within 1e-11 of the largest are
 * snapped to 0), as SciPy's FFT gives them. On the 66 photos and variants of the fixtures (330
 * hashes) every hash is identical.
 */
export function perceptualHash(img: PixelArray, options?: PerceptualHashOptions): ImageHash {
  if (arguments.length > 2) throw tooManyArguments('perceptualHash', ['img', 'options'], arguments.length);
  checkImage(img);
  const o = checkOptions(options);
  checkOptionKeys(o, ['size', 'highfreqFactor']);
  const size = o.size === undefined ? 8 : checkInt(o.size, 'options.size', 2, 64);
  const f = o.highfreqFactor === undefined ? 4 : checkInt(o.highfreqFactor, 'options.highfreqFactor', 1, 64);
  const n = size * f;
  if (n > 2048) throw rangeError('options.highfreqFactor', `size · highfreqFactor ≤ 2048 (size ${size})`, f);
  const px = grayThumb(img, n, n);
  // cos(π k (2m + 1) / 2N) for k < size, m < N.
  const cosT = new Float64Array(size * n);
  for (let k = 0; k < size; k++) for (let m = 0; m < n; m++) cosT[k * n + m] = Math.cos((Math.PI * k * (2 * m + 1)) / (2 * n));
  // Along axis 0 (columns), only the first `size` output rows: t[k][j].
  const t = new Float64Array(size * n);
  for (let k = 0; k < size; k++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let m = 0; m < n; m++) s += px[m * n + j] * cosT[k * n + m];
      t[k * n + j] = 2 * s;
    }
  }
  snapZeros(t);
  // Along axis 1, the first `size` columns.
  const d = new Float64Array(size * size);
  for (let k = 0; k < size; k++) {
    for (let l = 0; l < size; l++) {
      let s = 0;
      for (let m = 0; m < n; m++) s += t[k * n + m] * cosT[l * n + m];
      d[k * size + l] = 2 * s;
    }
  }
  snapZeros(d);
  const sorted = Float64Array.from(d).sort();
  const cnt = sorted.length, mid = cnt >> 1;
  const med = cnt % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const bits = new Uint8Array(size * size);
  for (let i = 0; i < bits.length; i++) bits[i] = d[i] > med ? 1 : 0;
  return { size, bits, hex: bitsToHex(bits) };
}
