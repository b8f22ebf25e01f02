// Average hash (aHash) for near-duplicate detection, Hamming distances between hashes, and a small
// index of hashes searched by Hamming distance. See docs/search.md for the exact recipe and how it
// compares with Python's imagehash.average_hash.
import { checkInt, checkOptions } from '../core/check.ts';
import { rangeError, typeError } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { sliceAxis } from '../ops/channels.ts';
import { cvtColor } from '../imgproc/color.ts';
import { resize } from '../imgproc/resize.ts';
import { checkEntries, checkId, checkJsonHeader, compareIds, type SearchResult } from './common.ts';

export type { SearchResult };

/** The result of `averageHash`: `size × size` bits and imagehash's hexadecimal form of them. */
export interface AverageHash {
  /** Side of the grid: the hash has `size × size` bits. */
  readonly size: number;
  /** One byte per bit (0 or 1), row by row: 1 where that cell is brighter than the mean. */
  readonly bits: Uint8Array;
  /**
   * The bits as one hexadecimal number, first bit most significant, `ceil(size² / 4)` lowercase
   * digits (zero-padded in front): `str(imagehash.average_hash(...))`'s format.
   */
  readonly hex: string;
}

export interface AverageHashOptions {
  /** Side of the hash grid (the hash has `size²` bits), 2..256. Default 8 (64 bits). */
  size?: number;
}

/** Largest `size` accepted by `averageHash` (a 65,536-bit hash). */
const MAX_HASH_SIZE = 256;

/**
 * Average hash of an image: grayscale (`cvtColor(img, 'RGB2GRAY')` for 3- and 4-channel RGB(A)
 * images, alpha ignored; 1-channel images as they are; channel 0 of gray+alpha), resized to
 * `size × size` with `resize(…, { interpolation: 'area' })` (`cv2.INTER_AREA`), then bit `i` is 1
 * where cell `i` is strictly brighter than the mean of the cells. Bit for bit what
 * `cv2.resize(cv2.cvtColor(img, cv2.COLOR_RGB2GRAY), (size, size), interpolation=cv2.INTER_AREA)`
 * `> mean` gives.
 */
export function averageHash(img: PixelArray, options?: AverageHashOptions): AverageHash {
  assertPixelArray(img, 'img');
  const o = checkOptions(options);
  const size = o.size === undefined ? 8 : checkInt(o.size, 'options.size', 2, MAX_HASH_SIZE);
  const [h, w, c] = img.shape;
  if (h === 0 || w === 0) throw rangeError('img', 'a non-empty image', img);
  if (c > 4) throw new RangeError(`img: expected 1 to 4 channels (gray, gray+alpha, RGB, RGBA), got ${c}`);
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

/** imagehash's `_binary_array_to_hex`: the bits as one big number, first bit most significant. */
function bitsToHex(bits: Uint8Array): string {
  const n = bits.length, digits = Math.ceil(n / 4);
  // Leading zero bits so that the last digit holds the last four bits.
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

export interface HashIndexOptions {
  /** Hash grid side used for images added or searched (`averageHash`'s `size`). Default 8. */
  size?: number;
}

export interface HashSearchOptions {
  /** Return at most this many results (nearest first). Default: all. */
  top?: number;
}

/** The JSON form of a `HashIndex` (`toJSON()`; `HashIndex.fromJSON` reads it back). */
export interface HashIndexJSON {
  type: 'pixelarray.HashIndex';
  version: 1;
  size: number;
  /** `[id, hex]` pairs in insertion order. */
  entries: [string, string][];
}

/**
 * Average hashes of many images, searched by Hamming distance: the near-duplicates of a query are
 * the entries at a small distance (a few bits of 64). Ids are strings (e.g. file paths); adding an
 * id again replaces its hash.
 */
export class HashIndex {
  /** The hash grid side (`averageHash`'s `size`) of every entry. */
  readonly size: number;
  readonly #entries = new Map<string, string>();

  constructor(options?: HashIndexOptions) {
    const o = checkOptions(options);
    this.size = o.size === undefined ? 8 : checkInt(o.size, 'options.size', 2, MAX_HASH_SIZE);
  }

  /** Number of entries. */
  get count(): number { return this.#entries.size; }

  /** The ids, in insertion order. */
  ids(): string[] { return [...this.#entries.keys()]; }

  has(id: string): boolean { return this.#entries.has(id); }

  /** The stored hash of `id` (hex), or undefined. */
  get(id: string): string | undefined { return this.#entries.get(id); }

  /** Removes `id`; true when it was there. */
  delete(id: string): boolean { return this.#entries.delete(id); }

  /** Hashes `img` with this index's size and stores it under `id`. */
  add(id: string, img: PixelArray): this {
    checkId(id);
    assertPixelArray(img, 'img');
    this.#entries.set(id, averageHash(img, { size: this.size }).hex);
    return this;
  }

  /** Stores a precomputed hash (an `AverageHash` of this size, or its hex string) under `id`. */
  addHash(id: string, hash: AverageHash | string): this {
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
    const o = checkOptions(options);
    const top = o.top === undefined ? Infinity : checkInt(o.top, 'options.top', 0);
    const q = query instanceof PixelArray ? averageHash(query, { size: this.size }).hex : this.#hexOf(query, 'query');
    const out: SearchResult[] = [];
    for (const [id, hex] of this.#entries) out.push({ id, distance: hexDistance(q, hex) });
    out.sort((a, b) => a.distance - b.distance || compareIds(a.id, b.id));
    return top < out.length ? out.slice(0, top) : out;
  }

  toJSON(): HashIndexJSON {
    return { type: 'pixelarray.HashIndex', version: 1, size: this.size, entries: [...this.#entries] };
  }

  /** Rebuilds an index from `toJSON()`'s output (or that JSON parsed from a file). */
  static fromJSON(json: unknown): HashIndex {
    const j = checkJsonHeader(json, 'pixelarray.HashIndex') as Partial<HashIndexJSON>;
    const index = new HashIndex({ size: j.size });
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
