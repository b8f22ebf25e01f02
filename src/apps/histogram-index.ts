// Colour-histogram similarity search: the classic OpenCV recipe (one calcHist per colour channel,
// concatenated, L2-normalised with cv2.normalize, compared with cv2.compareHist), and an index of
// such histograms searched top-k. See docs/search.md.
import { checkInt, checkOptions, checkOptionKeys } from '../core/check.ts';
import { describe, rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { calcHist, compareHist, normalizeHist, type HistCompareMethod, type Histogram } from '../imgproc/histogram.ts';
import { checkEntries, checkId, checkJsonHeader, compareIds, type SearchResult } from './common.ts';

/** Options of `colorHistogram`. */
export interface ColorHistogramOptions {
  /** Bins per channel, 1..256, over `[0, 256)`. Default 4. */
  bins?: number;
  /**
   * The colour channels to count, in the order their histograms are concatenated: indices 0..2
   * of the image seen as colour (RGB for what the codecs return). Default `[0, 1, 2]`;
   * `[2, 1, 0]` gives the B, G, R order of the recipe run on `cv2.imread`'s BGR images.
   */
  channels?: readonly number[];
}

const MAX_BINS = 256;

/** The `compareHist` methods, and those for which a higher value means more similar. */
const METHODS: readonly HistCompareMethod[] = ['chisqr', 'chisqr_alt', 'correl', 'intersect', 'bhattacharyya', 'kl_div'];
const HIGHER_IS_NEARER: readonly HistCompareMethod[] = ['correl', 'intersect'];

/**
 * The recipe's colour histogram: for each of `channels`, `calcHist` with `bins` bins over
 * `[0, 256)`; the histograms concatenated in that order into one `Float32Array` of
 * `channels.length × bins` values; then `normalizeHist(…, { norm: 'l2' })` over the whole vector
 * (`cv2.normalize(hist, hist)` on the concatenation: Euclidean norm 1).
 *
 * The image is read as colour the way `cv2.imread` (IMREAD_COLOR) reads a file: a 4th (alpha)
 * channel is ignored, and a gray (or gray+alpha) image counts its gray channel for every colour
 * channel. Bit for bit the vector OpenCV computes on the same pixels.
 */
export function colorHistogram(img: PixelArray, options?: ColorHistogramOptions): Float32Array {
  if (arguments.length > 2) throw tooManyArguments('colorHistogram', ['img', 'options'], arguments.length);
  assertPixelArray(img, 'img');
  const o = checkOptions(options);
  checkOptionKeys(o, ['bins', 'channels']);
  const bins = checkBinsPerChannel(o.bins);
  const channels = checkColorChannels(o.channels);
  const [h, w, c] = img.shape;
  if (h === 0 || w === 0) throw rangeError('img', 'a non-empty image', img);
  if (c > 4) throw new RangeError(`img: expected 1 to 4 channels (gray, gray+alpha, RGB, RGBA), got ${c}`);
  const out = new Float32Array(channels.length * bins);
  const done = new Map<number, Float32Array>();
  channels.forEach((k, i) => {
    const ch = c >= 3 ? k : 0;
    let hist = done.get(ch);
    if (hist === undefined) {
      hist = calcHist(img, { channels: [ch], bins: [bins], ranges: [[0, 256]] });
      done.set(ch, hist);
    }
    out.set(hist, i * bins);
  });
  return normalizeHist(out, { norm: 'l2' });
}

function checkBinsPerChannel(v: unknown): number {
  return v === undefined ? 4 : checkInt(v, 'options.bins', 1, MAX_BINS);
}

function checkColorChannels(v: unknown): number[] {
  if (v === undefined) return [0, 1, 2];
  if (!Array.isArray(v) || v.length === 0) throw typeError('options.channels', 'a non-empty array of channel indices 0..2', v);
  if (v.length > 32) throw rangeError('options.channels', 'at most 32 channel indices', v);
  return v.map((k, i) => checkInt(k, `options.channels[${i}]`, 0, 2));
}

function checkMethod(v: unknown, name: string): HistCompareMethod {
  if (typeof v !== 'string' || !(METHODS as readonly string[]).includes(v)) {
    throw new RangeError(`${name}: expected one of ${METHODS.map((m) => `'${m}'`).join(', ')}, got ${describe(v)}`);
  }
  return v as HistCompareMethod;
}

/** True for the `compareHist` methods where a larger value means more similar (`correl`, `intersect`). */
export function higherIsNearer(method: HistCompareMethod): boolean {
  return HIGHER_IS_NEARER.includes(method);
}

/** Options of `new HistogramIndex(options)`. */
export interface HistogramIndexOptions {
  /** Bins per channel (`colorHistogram`'s `bins`). Default 4. */
  bins?: number;
  /** Colour channels, in concatenation order (`colorHistogram`'s `channels`). Default `[0, 1, 2]`. */
  channels?: readonly number[];
  /** The default `compareHist` method of `search`. Default `'chisqr'`. */
  method?: HistCompareMethod;
}

/** Options of `HistogramIndex.search`. */
export interface HistogramSearchOptions {
  /** Return at most this many results (nearest first). Default: all. */
  top?: number;
  /** The `compareHist` method; default the index's `method`. */
  method?: HistCompareMethod;
}

/** The JSON form of a `HistogramIndex` (`toJSON()`; `HistogramIndex.fromJSON` reads it back). */
export interface HistogramIndexJSON {
  type: 'pixelarray.HistogramIndex';
  version: 1;
  bins: number;
  channels: number[];
  method: HistCompareMethod;
  /** `[id, histogram values]` pairs in insertion order; the values are float32, written exactly. */
  entries: [string, number[]][];
}

/**
 * Colour histograms of many images (`colorHistogram` with this index's `bins` and `channels`),
 * searched top-k with `compareHist`. Ids are strings (e.g. file paths); adding an id again
 * replaces its histogram.
 *
 * A search result's `distance` is the `compareHist(query, entry, method)` value itself, the query
 * being the first histogram (this matters for the asymmetric `chisqr` and `kl_div`). For `chisqr`,
 * `chisqr_alt`, `bhattacharyya` and `kl_div` it is a distance (0 for identical histograms, smaller
 * is nearer); for `correl` (1 for identical histograms) and `intersect` (Σ min(a, b): for
 * identical histograms, the sum of the query's values) it is a similarity, and results are sorted
 * largest first.
 */
export class HistogramIndex {
  readonly bins: number;
  readonly channels: readonly number[];
  readonly method: HistCompareMethod;
  readonly #entries = new Map<string, Float32Array>();

  constructor(options?: HistogramIndexOptions) {
    if (arguments.length > 1) throw tooManyArguments('HistogramIndex', ['options'], arguments.length);
    const o = checkOptions(options);
    checkOptionKeys(o, ['bins', 'channels', 'method']);
    this.bins = checkBinsPerChannel(o.bins);
    this.channels = Object.freeze(checkColorChannels(o.channels));
    this.method = o.method === undefined ? 'chisqr' : checkMethod(o.method, 'options.method');
  }

  /** Length of every histogram: `channels.length × bins`. */
  get length(): number { return this.channels.length * this.bins; }

  /** Number of entries. */
  get count(): number { return this.#entries.size; }

  /** The ids, in insertion order. */
  ids(): string[] {
    if (arguments.length > 0) throw tooManyArguments('HistogramIndex.ids', [], arguments.length); return [...this.#entries.keys()]; }

  has(id: string): boolean {
    if (arguments.length > 1) throw tooManyArguments('HistogramIndex.has', ['id'], arguments.length); return this.#entries.has(id); }

  /** The stored histogram of `id` (the index's own array: do not modify it), or undefined. */
  get(id: string): Float32Array | undefined {
    if (arguments.length > 1) throw tooManyArguments('HistogramIndex.get', ['id'], arguments.length); return this.#entries.get(id); }

  /** Removes `id`; true when it was there. */
  delete(id: string): boolean {
    if (arguments.length > 1) throw tooManyArguments('HistogramIndex.delete', ['id'], arguments.length); return this.#entries.delete(id); }

  /** The histogram `colorHistogram(img, { bins, channels })` of this index. */
  histogram(img: PixelArray): Float32Array {
    if (arguments.length > 1) throw tooManyArguments('HistogramIndex.histogram', ['img'], arguments.length);
    return colorHistogram(img, { bins: this.bins, channels: this.channels });
  }

  /** Computes `img`'s histogram and stores it under `id`. */
  add(id: string, img: PixelArray): this {
    if (arguments.length > 2) throw tooManyArguments('HistogramIndex.add', ['id', 'img'], arguments.length);
    checkId(id);
    this.#entries.set(id, this.histogram(img));
    return this;
  }

  /**
   * Stores a precomputed histogram under `id`, as float32 (a copy). It must have `length` values;
   * it is stored as given, so compute it with `colorHistogram` and this index's options (or
   * `index.histogram(img)`) for results comparable with `add`.
   */
  addHistogram(id: string, hist: Histogram): this {
    if (arguments.length > 2) throw tooManyArguments('HistogramIndex.addHistogram', ['id', 'hist'], arguments.length);
    checkId(id);
    this.#entries.set(id, this.#checkHist(hist, 'hist'));
    return this;
  }

  /**
   * The entries nearest `query` (an image, whose histogram is computed with this index's options,
   * or a histogram of `length` values): `[{ id, distance }]`, nearest first (smallest distance, or
   * largest for `correl` and `intersect`); equal values in id order.
   */
  search(query: PixelArray | Histogram, options?: HistogramSearchOptions): SearchResult[] {
    if (arguments.length > 2) throw tooManyArguments('HistogramIndex.search', ['query', 'options'], arguments.length);
    const o = checkOptions(options);
    checkOptionKeys(o, ['top', 'method']);
    const top = o.top === undefined ? Infinity : checkInt(o.top, 'options.top', 0);
    const method = o.method === undefined ? this.method : checkMethod(o.method, 'options.method');
    const q = query instanceof PixelArray ? this.histogram(query) : this.#checkHist(query, 'query');
    const out: SearchResult[] = [];
    for (const [id, hist] of this.#entries) out.push({ id, distance: compareHist(q, hist, method) });
    const sign = higherIsNearer(method) ? -1 : 1;
    // NaN (never produced by compareHist on finite histograms) would sort last.
    out.sort((a, b) => sign * (a.distance - b.distance) || compareIds(a.id, b.id));
    return top < out.length ? out.slice(0, top) : out;
  }

  toJSON(): HistogramIndexJSON {
    const entries: [string, number[]][] = [];
    for (const [id, h] of this.#entries) entries.push([id, Array.from(h)]);
    return { type: 'pixelarray.HistogramIndex', version: 1, bins: this.bins, channels: [...this.channels], method: this.method, entries };
  }

  /** Rebuilds an index from `toJSON()`'s output (or that JSON parsed from a file). */
  static fromJSON(json: unknown): HistogramIndex {
    if (arguments.length > 1) throw tooManyArguments('HistogramIndex.fromJSON', ['json'], arguments.length);
    const j = checkJsonHeader(json, 'pixelarray.HistogramIndex') as Partial<HistogramIndexJSON>;
    const index = new HistogramIndex({ bins: j.bins, channels: j.channels, method: j.method });
    for (const [i, [id, values]] of checkEntries(j.entries).entries()) {
      if (!Array.isArray(values)) throw typeError(`json.entries[${i}][1]`, 'an array of numbers', values);
      index.addHistogram(id, values);
    }
    return index;
  }

  #checkHist(h: unknown, name: string): Float32Array {
    if (!(h instanceof Float32Array || h instanceof Float64Array || Array.isArray(h))) {
      throw typeError(name, 'a PixelArray or a histogram (Float32Array, Float64Array or array of numbers)', h);
    }
    if (h.length !== this.length) {
      throw new RangeError(`${name}: expected ${this.length} values (${this.channels.length} channels × ${this.bins} bins), got ${h.length}`);
    }
    const out = new Float32Array(h.length);
    for (let i = 0; i < h.length; i++) {
      const v = h[i];
      if (typeof v !== 'number') throw typeError(`${name}[${i}]`, 'a finite number', v);
      if (!Number.isFinite(v)) throw rangeError(`${name}[${i}]`, 'a finite number', v);
      out[i] = v;
    }
    return out;
  }
}
