// cv2.connectedComponents / cv2.connectedComponentsWithStats on single-channel uint8 images,
// label for label with OpenCV 4.6 (ltype CV_32S, ccltype CCL_DEFAULT).
//
// OpenCV's labels are fixed by its scan order alone: every algorithm it runs gives a new
// provisional label whenever a scan unit (a pixel, or a 2×2 block) has no already-labelled
// neighbour, unites equivalent labels keeping the smaller root, and finally renumbers the roots
// 1, 2, … in increasing order (`flattenL`). So a component's final label is the rank of the first
// scan unit that touches it. With 8-connectivity CCL_DEFAULT is Spaghetti, a block-based scan:
// units are the 2×2 blocks in raster order (all the foreground pixels of a block are 8-connected),
// so a component starting at row 1, column 0 comes before one starting at row 0, column 2. With
// 4-connectivity it is Spaghetti4C, a pixel raster scan. OpenCV's parallel versions label stripes
// of rows with provisional labels that grow with the row, then merge across stripes keeping the
// smaller root: the same order (checked against cv2 with 1 and 2 threads).
//
// Here: one scan with a union-find table over the same units (2×2 blocks for 8-connectivity,
// pixels for 4), the same smaller-root union and renumbering, then one pass writing the labels
// and, for `connectedComponentsWithStats`, the statistics. The centroid sums are exact integers
// (OpenCV sums in uint64), divided once by the area as OpenCV does, so centroids are bit-exact.
import { checkOptionKeys, checkOptions } from '../core/check.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';

/** Options of `connectedComponents` and `connectedComponentsWithStats`. */
export interface ConnectedComponentsOptions {
  /** 8 (default: diagonal neighbours touch) or 4 (only horizontal and vertical ones). */
  connectivity?: 4 | 8;
}

/** What `connectedComponents` returns. */
export interface ConnectedComponentsResult {
  /** Number of labels, background included (cv2's retval): the labels are `0 … count − 1`. */
  count: number;
  /** `height × width` labels, row-major; 0 is the background. */
  labels: Int32Array;
}

/** What `connectedComponentsWithStats` returns. */
export interface ConnectedComponentsStatsResult extends ConnectedComponentsResult {
  /**
   * `count × 5` integers, row `l` for label `l`: left, top, width, height (the bounding box) and
   * area in pixels (cv2's `CC_STAT_LEFT`, `CC_STAT_TOP`, `CC_STAT_WIDTH`, `CC_STAT_HEIGHT`,
   * `CC_STAT_AREA`). A label without pixels (the background of an image with no zero) has OpenCV's
   * row `[-1, 2147483647, 0, 0, 0]`.
   */
  stats: Int32Array;
  /** `count × 2` doubles, `[x, y]` for each label: the mean of its pixels' coordinates (NaN for no pixels). */
  centroids: Float64Array;
}

const INT_MAX = 2147483647;
/**
 * While 2·max(h, w)·(h·w) stays below this, the float64 coordinate sums (and the run sums
 * `(x0 + x1)·n`) are exact integers; larger images sum 20-bit halves.
 */
const EXACT_SUMS = 2 ** 53;

function checkConnectivity(options: unknown, fn: string): 4 | 8 {
  const opts = checkOptions(options as ConnectedComponentsOptions | undefined);
  checkOptionKeys(opts, ['connectivity']);
  const c = opts.connectivity;
  if (c === undefined) return 8;
  if (typeof c !== 'number') throw typeError('options.connectivity', '4 or 8', c);
  if (c !== 4 && c !== 8) throw rangeError('options.connectivity', `4 or 8 (${fn})`, c);
  return c;
}

function checkInput(a: unknown, fn: string): asserts a is PixelArray {
  assertPixelArray(a, 'a');
  if (a.shape[2] !== 1) {
    throw new RangeError(`a: expected a single-channel image (${fn} labels a binary mask: nonzero is foreground), ` +
      `got ${a.shape[2]} channels (shape [${a.shape.join(', ')}])`);
  }
}

/**
 * The image copied into a zero-padded buffer `(rows + 1) × pw` (`pw = cols + 2`): one zero row
 * above, one zero column on each side, and zero rows/columns below/right up to `rows × cols`
 * (even sizes for the block scan). Pixel `(y, x)` is at `(y + 1) · pw + x + 1`; values are kept
 * (nonzero = foreground).
 */
function padded(a: PixelArray, rows: number, cols: number): Uint8Array {
  const [h, w] = a.shape;
  const pw = cols + 2;
  const buf = new Uint8Array((rows + 1) * pw);
  const d = a.data, s0 = a.stride[0], s1 = a.stride[1];
  for (let y = 0; y < h; y++) {
    const src = a.offset + y * s0, dst = (y + 1) * pw + 1;
    if (s1 === 1) {
      buf.set(d.subarray(src, src + w), dst);
    } else {
      for (let x = 0, i = src; x < w; x++, i += s1) buf[dst + x] = d[i];
    }
  }
  return buf;
}

// Union-find over provisional labels, as OpenCV's: a root is its own parent, every other node
// points to a smaller label, and a union keeps the smaller root.

function findRoot(P: Int32Array, i: number): number {
  let root = i;
  while (P[root] < root) root = P[root];
  return root;
}

function setRoot(P: Int32Array, i: number, root: number): void {
  while (P[i] < i) {
    const j = P[i];
    P[i] = root;
    i = j;
  }
  P[i] = root;
}

/** OpenCV's `set_union`: unites the trees of `i` and `j`, compressing both paths; returns the root. */
function union(P: Int32Array, i: number, j: number): number {
  let root = findRoot(P, i);
  if (i !== j) {
    const rootj = findRoot(P, j);
    if (root > rootj) root = rootj;
    setRoot(P, j, root);
  }
  setRoot(P, i, root);
  return root;
}

/** OpenCV's `flattenL`: the final label of every provisional one (roots numbered 1, 2, … in order); returns the count. */
function flatten(P: Int32Array, length: number): number {
  let k = 1;
  for (let i = 1; i < length; i++) {
    if (P[i] < i) P[i] = P[P[i]];
    else P[i] = k++;
  }
  return k;
}

/**
 * 8-connectivity: provisional labels per 2×2 block in block raster order (OpenCV's BBDT /
 * Spaghetti unit). Returns the block labels (already final after `flatten`: `P[blk[b]]`), `P` and
 * the count.
 */
function scanBlocks(bin: Uint8Array, h: number, w: number): { blk: Int32Array; P: Int32Array; count: number } {
  const bw = (w + 1) >> 1, bh = (h + 1) >> 1;
  const pw = 2 * bw + 2;
  const blk = new Int32Array(bw * bh);
  const P = new Int32Array(bw * bh + 1);
  let n = 1;
  for (let by = 0; by < bh; by++) {
    const r0 = (2 * by + 1) * pw + 1, r1 = r0 + pw, ru = r0 - pw;
    const bRow = by * bw, bUp = bRow - bw;
    // The left block's right column (the padding left of column 0 is zero).
    let l0 = 0, l1 = 0;
    for (let bx = 0; bx < bw; bx++) {
      const i = 2 * bx;
      const pa = bin[r0 + i], pb = bin[r0 + i + 1], pc = bin[r1 + i], pd = bin[r1 + i + 1];
      if ((pa | pb | pc | pd) === 0) { l0 = l1 = 0; continue; } // blk is zero-filled
      // The row above: ul | u0 u1 | ur over the up-left, up and up-right blocks.
      const ul = bin[ru + i - 1], u0 = bin[ru + i], u1 = bin[ru + i + 1], ur = bin[ru + i + 2];
      let lab = 0;
      // The block above: its bottom row touches our top row (both two pixels wide, so any pixel
      // of one is 8-adjacent to any of the other).
      const up = (pa | pb) !== 0 && (u0 | u1) !== 0;
      if (up) lab = blk[bUp + bx];
      // Up-left, through the corner pixels; already one with the block above when u0 is set.
      const upLeft = pa !== 0 && ul !== 0;
      if (upLeft && u0 === 0) {
        const l = blk[bUp + bx - 1];
        lab = lab === 0 || lab === l ? l : union(P, lab, l);
      }
      // Up-right, through our top-right pixel; already one with the block above when u1 is set.
      if (pb !== 0 && ur !== 0 && u1 === 0) {
        const l = blk[bUp + bx + 1];
        lab = lab === 0 || lab === l ? l : union(P, lab, l);
      }
      // Left: its right column touches our left column. Already one with the block above when
      // its top-right pixel l0 touches u0 and we joined the block above, and with the up-left
      // block when l0 touches ul and we joined that one.
      if ((pa | pc) !== 0 && (l0 | l1) !== 0 && !(l0 !== 0 && ((up && u0 !== 0) || upLeft))) {
        const l = blk[bRow + bx - 1];
        lab = lab === 0 || lab === l ? l : union(P, lab, l);
      }
      if (lab === 0) {
        lab = n;
        P[n] = n;
        n++;
      }
      blk[bRow + bx] = lab;
      l0 = pb; l1 = pd;
    }
  }
  return { blk, P, count: flatten(P, n) };
}

/**
 * 4-connectivity: provisional labels per pixel in raster order (OpenCV's SAUF / Spaghetti4C
 * unit), written into `labels`; returns `P` and the count.
 */
function scanPixels(a: PixelArray, labels: Int32Array): { P: Int32Array; count: number } {
  const [h, w] = a.shape;
  const d = a.data, s0 = a.stride[0], s1 = a.stride[1];
  // New labels are pairwise non-adjacent pixels (their upper and left neighbours are background).
  const P = new Int32Array(Math.floor((h * w + 1) / 2) + 1);
  let n = 1;
  for (let y = 0; y < h; y++) {
    const o = y * w, ou = o - w;
    let left = 0; // the provisional label of the pixel on the left (0: background)
    for (let x = 0, i = a.offset + y * s0; x < w; x++, i += s1) {
      if (d[i] === 0) { left = 0; continue; } // labels is zero-filled
      const up = y > 0 ? labels[ou + x] : 0;
      let lab: number;
      if (up !== 0) lab = left === 0 || left === up ? up : union(P, left, up);
      else if (left !== 0) lab = left;
      else {
        lab = n;
        P[n] = n;
        n++;
      }
      labels[o + x] = lab;
      left = lab;
    }
  }
  return { P, count: flatten(P, n) };
}

/** Labels the image; `withStats` also fills the statistics. */
function label(a: PixelArray, connectivity: 4 | 8, withStats: boolean, splitSums = false): ConnectedComponentsStatsResult {
  const [h, w] = a.shape;
  const labels = new Int32Array(h * w);
  let count = 1;
  if (h > 0 && w > 0) {
    if (connectivity === 8) {
      const bw = (w + 1) >> 1;
      const bin = padded(a, 2 * ((h + 1) >> 1), 2 * bw);
      const { blk, P, count: k } = scanBlocks(bin, h, w);
      count = k;
      // Each foreground pixel gets its block's final label (the padding is zero, so pixels past
      // the last row or column are never written).
      const pw = 2 * bw + 2, bh = (h + 1) >> 1;
      for (let by = 0; by < bh; by++) {
        const r0 = (2 * by + 1) * pw + 1, r1 = r0 + pw, o0 = 2 * by * w, o1 = o0 + w, bRow = by * bw;
        for (let bx = 0; bx < bw; bx++) {
          const b = blk[bRow + bx];
          if (b === 0) continue;
          const l = P[b], i = 2 * bx;
          if (bin[r0 + i] !== 0) labels[o0 + i] = l;
          if (bin[r0 + i + 1] !== 0) labels[o0 + i + 1] = l;
          if (bin[r1 + i] !== 0) labels[o1 + i] = l;
          if (bin[r1 + i + 1] !== 0) labels[o1 + i + 1] = l;
        }
      }
    } else {
      const { P, count: k } = scanPixels(a, labels);
      count = k;
      for (let i = 0; i < labels.length; i++) labels[i] = P[labels[i]];
    }
  }
  if (!withStats) return { count, labels, stats: new Int32Array(0), centroids: new Float64Array(0) };
  const { stats, centroids } = statistics(labels, h, w, count, splitSums || 2 * w * h * Math.max(w, h) >= EXACT_SUMS);
  return { count, labels, stats, centroids };
}

/**
 * OpenCV's CCStatsOp over every pixel (background included): bounding box, area, and the
 * centroid as the exact integer coordinate sums divided by the area (a uint64 sum converted to
 * double in OpenCV; here float64 sums, exact below 2^53, or split into 20-bit halves when the
 * image is so large that they could exceed it).
 */
function statistics(labels: Int32Array, h: number, w: number, count: number, split: boolean):
  { stats: Int32Array; centroids: Float64Array } {
  const left = new Int32Array(count).fill(INT_MAX), top = new Int32Array(count).fill(INT_MAX);
  const right = new Int32Array(count).fill(-1), bottom = new Int32Array(count).fill(-1);
  const area = new Float64Array(count);
  const sx = new Float64Array(count), sy = new Float64Array(count);
  const sxHi = split ? new Float64Array(count) : sx, syHi = split ? new Float64Array(count) : sy;
  for (let y = 0; y < h; y++) {
    const o = y * w;
    // Runs of one label: [x0, x) of label l.
    for (let x = 0; x < w;) {
      const l = labels[o + x], x0 = x;
      while (++x < w && labels[o + x] === l);
      const n = x - x0;
      if (x0 < left[l]) left[l] = x0;
      if (x - 1 > right[l]) right[l] = x - 1;
      if (top[l] === INT_MAX) top[l] = y;
      bottom[l] = y;
      area[l] += n;
      if (split) {
        for (let i = x0; i < x; i++) { sx[l] += i & 0xfffff; sxHi[l] += i >>> 20; }
        sy[l] += (y & 0xfffff) * n; syHi[l] += (y >>> 20) * n;
      } else {
        // x0 + … + (x − 1), exact: below 2^53 (see EXACT_SUMS).
        sx[l] += (x0 + x - 1) * n / 2;
        sy[l] += y * n;
      }
    }
  }
  const stats = new Int32Array(count * 5);
  const centroids = new Float64Array(count * 2);
  for (let l = 0; l < count; l++) {
    const n = area[l];
    if (n > 0) {
      stats.set([left[l], top[l], right[l] - left[l] + 1, bottom[l] - top[l] + 1, n], l * 5);
      const X = split ? exactSum(sxHi[l], sx[l]) : sx[l];
      const Y = split ? exactSum(syHi[l], sy[l]) : sy[l];
      centroids[2 * l] = X / n;
      centroids[2 * l + 1] = Y / n;
    } else {
      // OpenCV's row for a label without pixels (left −1, top never lowered, no size).
      stats.set([-1, INT_MAX, 0, 0, 0], l * 5);
      centroids[2 * l] = NaN;
      centroids[2 * l + 1] = NaN;
    }
  }
  return { stats, centroids };
}

/** `hi · 2^20 + lo` rounded once to the nearest double (as OpenCV's uint64 → double). */
function exactSum(hi: number, lo: number): number {
  return Number(BigInt(hi) * 1048576n + BigInt(lo));
}

/**
 * `cv2.connectedComponents(a, connectivity=c)` (ltype CV_32S, CCL_DEFAULT): labels the connected
 * regions of nonzero pixels of a single-channel image, 0 being the background, with exactly
 * OpenCV 4.6's numbering.
 *
 * `count` includes the background (cv2's retval), so the labels are `0 … count − 1`. Labels are
 * numbered in OpenCV's scan order: with `connectivity: 8` (default) by the first 2×2 block (block
 * rows of two image rows, in raster order) holding a pixel of the component, as OpenCV's
 * block-based Spaghetti/BBDT scan does; with `connectivity: 4` by the first pixel in raster
 * order. An image with no rows or columns gives `count` 1 and no labels (cv2 crashes on it).
 */
export function connectedComponents(a: PixelArray, options?: ConnectedComponentsOptions): ConnectedComponentsResult {
  if (arguments.length > 2) throw tooManyArguments('connectedComponents', ['a', 'options'], arguments.length);
  checkInput(a, 'connectedComponents');
  const connectivity = checkConnectivity(options, 'connectedComponents');
  const { count, labels } = label(a, connectivity, false);
  return { count, labels };
}

/**
 * `cv2.connectedComponentsWithStats(a, connectivity=c)` (ltype CV_32S, CCL_DEFAULT): the labels of
 * {@link connectedComponents}, plus per label (background included) its bounding box and area
 * (`stats`, `count × 5`: left, top, width, height, area) and its centroid (`centroids`,
 * `count × 2`: x, y), bit-exact with OpenCV 4.6. A label with no pixels (only the background can
 * have none, when every pixel is nonzero) gets OpenCV's `[-1, 2147483647, 0, 0, 0]` and NaN
 * centroids.
 */
export function connectedComponentsWithStats(a: PixelArray, options?: ConnectedComponentsOptions): ConnectedComponentsStatsResult {
  if (arguments.length > 2) throw tooManyArguments('connectedComponentsWithStats', ['a', 'options'], arguments.length);
  checkInput(a, 'connectedComponentsWithStats');
  const connectivity = checkConnectivity(options, 'connectedComponentsWithStats');
  return label(a, connectivity, true);
}

/** For tests: the labelling with the split (large-image) centroid sums forced on. */
export function connectedComponentsWithStatsSplitSums(a: PixelArray, connectivity: 4 | 8): ConnectedComponentsStatsResult {
  return label(a, connectivity, true, true);
}
