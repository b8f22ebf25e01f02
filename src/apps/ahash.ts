// Average hash (aHash; also dHash and pHash through HashIndex) for near-duplicate detection, Hamming distances between hashes, and a small
// index of hashes searched by Hamming distance. See docs/search.md for the exact recipe and how it
// compares with Python's imagehash.average_hash.
import { checkInt, checkOptions, checkOptionKeys } from '../core/check.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { sliceAxis } from '../ops/channels.ts';
import { cvtColor } from '../imgproc/color.ts';
import { resize } from '../imgproc/resize.ts';
import { checkEntries, checkId, checkJsonHeader, compareIds, type SearchResult } from './common.ts';
import { bitsToHex, differenceHash, imagehashAverage, MAX_HASH_SIZE, perceptualHash, type ImageHash } from './imagehash.ts';

export type { SearchResult };

/** The result of `averageHash`, `differenceHash` and `perceptualHash`. */
export type AverageHash = ImageHash;

/** Options of `averageHash`. */
export interface AverageHashOptions {
  /** Side of the hash grid (the hash has `size²` bits), 2..256. Default 8 (64 bits). */
  size?: number;
  /**
   * `'imagehash'` (default): `imagehash.average_hash`'s recipe (Pillow `convert('L')` and LANCZOS
   * resize). `'opencv'`: `cv2.cvtColor(RGB2GRAY)` and `cv2.resize(INTER_AREA)`.
   */
  recipe?: 'imagehash' | 'opencv';
}

/** The hashes a `HashIndex` can hold. */
export type HashKind = 'ahash' | 'dhash' | 'phash';
const HASH_KINDS: readonly HashKind[] = ['ahash', 'dhash', 'phash'];

/**
 * Average hash of an image. By default `str(imagehash.average_hash(image, hash_size=size))` of
 * imagehash 4.3, bit for bit: Pillow's `convert('L')` (channel count gives the mode: L, LA, RGB,
 * RGBA; alpha ignored), LANCZOS (`Image.ANTIALIAS`) resize to `size × size`, bit `i` set where
 * cell `i` is strictly brighter than the mean of the cells.
 *
 * With `{ recipe: 'opencv' }` the OpenCV recipe instead: `cvtColor(img, 'RGB2GRAY')` for 3- and
 * 4-channel images (alpha ignored; channel 0 of gray+alpha), `resize(…, { interpolation: 'area' })`,
 * `> mean`: what `cv2.resize(cv2.cvtColor(img, cv2.COLOR_RGB2GRAY), (size, size),
 * interpolation=cv2.INTER_AREA) > mean` gives.
 */
export function averageHash(img: PixelArray, options?: AverageHashOptions): AverageHash {
  if (arguments.length > 2) throw tooManyArguments('averageHash', ['img', 'options'], arguments.length);
  assertPixelArray(img, 'img');
  const o = checkOptions(options);
  checkOptionKeys(o, ['size', 'recipe']);
  const size = o.size === undefined ? 8 : checkInt(o.size, 'options.size', 2, MAX_HASH_SIZE);
  const recipe = o.recipe ?? 'imagehash';
  if (recipe !== 'imagehash' && recipe !== 'opencv') throw rangeError('options.recipe', "'imagehash' or 'opencv'", recipe);
  const [h, w, c] = img.shape;
  if (h === 0 || w === 0) throw rangeError('img', 'a non-empty image', img);
  if (c > 4) throw new RangeError(`img: expected 1 to 4 channels (gray, gray+alpha, RGB, RGBA), got ${c}`);
  if (recipe === 'imagehash') return imagehashAverage(img, size);
  const gray = c >= 3 ? cvtColor(img, 'RGB2GRAY') : c === 2 ? sliceAxis(img, 2, 0, 1) : img;
  const small = resize(gray, size, size, { interpolation: 'area' });
  // resize returns a new contiguous array: its data are the size² cells in order.
  const cells = small.data.subarray(small.offset, small.offset + size * size);
  let sum = 0;
  for (let i = 0; i < cells.length; i++) sum += cells[i];
  // v > sum / n, compared exactly in integers (n · v > sum).
  const n = cells.length;
  const bits = new Uint8Array(n);
  for (let i = 0; i < n; i++) bits[i] = cells[i] * n > sum ? 1 : 0;
  return { size, bits, hex: bitsToHex(bits) };
}

/** The hash of `kind` (`'ahash'`: `averageHash`, `'dhash'`: `differenceHash`, `'phash'`: `perceptualHash`) of `img`. */
export function hashImage(img: PixelArray, kind: HashKind, size: number, recipe: 'imagehash' | 'opencv' = 'imagehash'): AverageHash {
  if (arguments.length > 4) throw tooManyArguments('hashImage', ['img', 'kind', 'size', 'recipe'], arguments.length);
  if (kind === 'dhash') return differenceHash(img, { size });
  if (kind === 'phash') return perceptualHash(img, { size });
  return averageHash(img, { size, recipe });
}

function checkKind(v: unknown, name: string): HashKind {
  if (v === undefined) return 'ahash';
  if (!(HASH_KINDS as readonly unknown[]).includes(v)) throw rangeError(name, "'ahash', 'dhash' or 'phash'", v);
  return v as HashKind;
}

/** Set bits in each hexadecimal digit's value. */
const POPCOUNT4 = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];
const HEX = /^[0-9a-fA-F]+$/;

/** A hash argument as lowercase hex digits, with its grid size when known. */
function hexOf(v: unknown, name: string): { hex: string; size?: number } {
  if (typeof v === 'string') {
    if (!HEX.test(v)) throw rangeError(name, 'a hash or a string of hexadecimal digits', v);
    return { hex: v.toLowerCase() };
  }
  if (v !== null && typeof v === 'object' && typeof (v as AverageHash).hex === 'string') {
    const { hex, size } = v as AverageHash;
    if (!HEX.test(hex)) throw rangeError(`${name}.hex`, 'a string of hexadecimal digits', hex);
    return { hex: hex.toLowerCase(), size };
  }
  throw typeError(name, 'an AverageHash or a hexadecimal string', v);
}

/**
 * Number of bits in which two hashes differ: `AverageHash` objects (from `averageHash`) or their
 * hex strings, of the same length (and the same `size` when both are objects). Hex digits are
 * compared case-insensitively; the padding bits of the first digit are zero in both and never
 * count. `imagehash`'s `h1 - h2`.
 */
export function hammingDistance(a: AverageHash | string, b: AverageHash | string): number {
  if (arguments.length > 2) throw tooManyArguments('hammingDistance', ['a', 'b'], arguments.length);
  const x = hexOf(a, 'a'), y = hexOf(b, 'b');
  if (x.size !== undefined && y.size !== undefined && x.size !== y.size) {
    throw new RangeError(`b: expected a hash of size ${x.size} (the size of a), got size ${y.size}`);
  }
  if (x.hex.length !== y.hex.length) {
    throw new RangeError(`b: expected a hash of ${x.hex.length} hex digits (the length of a), got ${y.hex.length}`);
  }
  return hexDistance(x.hex, y.hex);
}

/** Hamming distance of two lowercase hex strings of the same length (unchecked). */
function hexDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += POPCOUNT4[parseInt(a[i], 16) ^ parseInt(b[i], 16)];
  return d;
}

// ---------------------------------------------------------------------------------------------
// HashIndex

/** Options of `new HashIndex(options)`. */
export interface HashIndexOptions {
  /** Hash grid side used for images added or searched (the hash's `size`). Default 8 (`phash`: at most 64). */
  size?: number;
  /** Which hash images get: `'ahash'` (default, `averageHash`), `'dhash'` (`differenceHash`) or `'phash'` (`perceptualHash`). */
  hash?: HashKind;
  /** `hash: 'ahash'` only: `averageHash`'s recipe, `'imagehash'` (default) or `'opencv'`. */
  recipe?: 'imagehash' | 'opencv';
}

/** Options of `HashIndex.search`. */
export interface HashSearchOptions {
  /** Return at most this many results (nearest first). Default: all. */
  top?: number;
}

/** The JSON form of a `HashIndex` (`toJSON()`; `HashIndex.fromJSON` reads it back). */
export interface HashIndexJSON {
  type: 'pixelarray.HashIndex';
  version: 1;
  size: number;
  /**
   * The hash kind and, for `'ahash'`, its recipe. Both absent in files written before dHash and
   * pHash, whose average hashes were made by the OpenCV recipe: such files load as
   * `{ hash: 'ahash', recipe: 'opencv' }`.
   */
  hash?: HashKind;
  recipe?: 'imagehash' | 'opencv';
  /** `[id, hex]` pairs in insertion order. */
  entries: [string, string][];
}

/**
 * Perceptual hashes (average by default, or difference or DCT hashes: `{ hash }`) of many images,
 * searched by Hamming distance: the near-duplicates of a query are
 * the entries at a small distance (a few bits of 64). Ids are strings (e.g. file paths); adding an
 * id again replaces its hash.
 */
export class HashIndex {
  /** The hash grid side of every entry. */
  readonly size: number;
  /** The hash images are given: `'ahash'`, `'dhash'` or `'phash'`. */
  readonly hash: HashKind;
  /** The `averageHash` recipe of an `'ahash'` index (`'imagehash'` for the other kinds). */
  readonly recipe: 'imagehash' | 'opencv';
  readonly #entries = new Map<string, string>();

  constructor(options?: HashIndexOptions) {
    if (arguments.length > 1) throw tooManyArguments('HashIndex', ['options'], arguments.length);
    const o = checkOptions(options);
    checkOptionKeys(o, ['size', 'hash', 'recipe']);
    this.hash = checkKind(o.hash, 'options.hash');
    const recipe = o.recipe ?? 'imagehash';
    if (recipe !== 'imagehash' && (recipe !== 'opencv' || this.hash !== 'ahash')) {
      throw rangeError('options.recipe', this.hash === 'ahash' ? "'imagehash' or 'opencv'" : `'imagehash' (the only recipe of ${this.hash})`, recipe);
    }
    this.recipe = recipe;
    this.size = o.size === undefined ? 8 : checkInt(o.size, 'options.size', 2, this.hash === 'phash' ? 64 : MAX_HASH_SIZE);
  }

  /** Number of entries. */
  get count(): number { return this.#entries.size; }

  /** The ids, in insertion order. */
  ids(): string[] {
    if (arguments.length > 0) throw tooManyArguments('HashIndex.ids', [], arguments.length); return [...this.#entries.keys()]; }

  has(id: string): boolean {
    if (arguments.length > 1) throw tooManyArguments('HashIndex.has', ['id'], arguments.length); return this.#entries.has(id); }

  /** The stored hash of `id` (hex), or undefined. */
  get(id: string): string | undefined {
    if (arguments.length > 1) throw tooManyArguments('HashIndex.get', ['id'], arguments.length); return this.#entries.get(id); }

  /** Removes `id`; true when it was there. */
  delete(id: string): boolean {
    if (arguments.length > 1) throw tooManyArguments('HashIndex.delete', ['id'], arguments.length); return this.#entries.delete(id); }

  /** Hashes `img` with this index's hash and size and stores it under `id`. */
  add(id: string, img: PixelArray): this {
    if (arguments.length > 2) throw tooManyArguments('HashIndex.add', ['id', 'img'], arguments.length);
    checkId(id);
    assertPixelArray(img, 'img');
    this.#entries.set(id, hashImage(img, this.hash, this.size, this.recipe).hex);
    return this;
  }

  /** Stores a precomputed hash (of this index's kind and size, or its hex string) under `id`. */
  addHash(id: string, hash: AverageHash | string): this {
    if (arguments.length > 2) throw tooManyArguments('HashIndex.addHash', ['id', 'hash'], arguments.length);
    checkId(id);
    this.#entries.set(id, this.#hexOf(hash, 'hash'));
    return this;
  }

  /**
   * The entries nearest `query` (an image, which is hashed with this index's size, or a hash):
   * `[{ id, distance }]` with `distance` the Hamming distance in bits, smallest first; equal
   * distances in id order.
   */
  search(query: PixelArray | AverageHash | string, options?: HashSearchOptions): SearchResult[] {
    if (arguments.length > 2) throw tooManyArguments('HashIndex.search', ['query', 'options'], arguments.length);
    const o = checkOptions(options);
    checkOptionKeys(o, ['top']);
    const top = o.top === undefined ? Infinity : checkInt(o.top, 'options.top', 0);
    const q = query instanceof PixelArray ? hashImage(query, this.hash, this.size, this.recipe).hex : this.#hexOf(query, 'query');
    const out: SearchResult[] = [];
    for (const [id, hex] of this.#entries) out.push({ id, distance: hexDistance(q, hex) });
    out.sort((a, b) => a.distance - b.distance || compareIds(a.id, b.id));
    return top < out.length ? out.slice(0, top) : out;
  }

  toJSON(): HashIndexJSON {
    return { type: 'pixelarray.HashIndex', version: 1, size: this.size, hash: this.hash, recipe: this.recipe, entries: [...this.#entries] };
  }

  /** Rebuilds an index from `toJSON()`'s output (or that JSON parsed from a file). */
  static fromJSON(json: unknown): HashIndex {
    if (arguments.length > 1) throw tooManyArguments('HashIndex.fromJSON', ['json'], arguments.length);
    const j = checkJsonHeader(json, 'pixelarray.HashIndex') as Partial<HashIndexJSON>;
    // Files from before dHash / pHash hold OpenCV-recipe average hashes.
    const legacy = j.hash === undefined && j.recipe === undefined;
    const index = new HashIndex({ size: j.size, hash: checkKind(j.hash, 'json.hash'), recipe: legacy ? 'opencv' : j.recipe });
    for (const [i, e] of checkEntries(j.entries).entries()) {
      if (typeof e[1] !== 'string') throw typeError(`json.entries[${i}][1]`, 'a hex string', e[1]);
      index.addHash(e[0] as string, e[1]);
    }
    return index;
  }

  #hexOf(hash: unknown, name: string): string {
    const { hex, size } = hexOf(hash, name);
    const digits = Math.ceil(this.size * this.size / 4);
    if ((size !== undefined && size !== this.size) || hex.length !== digits) {
      throw new RangeError(`${name}: expected a hash of size ${this.size} (${digits} hex digits), got ${size !== undefined ? `size ${size}` : `${hex.length} digits`}`);
    }
    return hex;
  }
}
