// cv2.findContours on single-channel uint8 images, contour for contour with OpenCV 4.6
// (modules/imgproc/src/contours.cpp: Suzuki–Abe border following, the C implementation that 4.6
// still runs), plus the contour functions of contours-shape.ts and drawContours of
// contours-draw.ts, re-exported from here.
//
// What OpenCV 4.6 does, and so what this does:
// - The image is copied into a buffer one pixel larger on every side (copyMakeBorder with zeros;
//   the input is left untouched and pixels on the image border belong to contours like any
//   other), binarised to 0/1 (nonzero is 1), and scanned in raster order over the original pixels.
// - A scan meets an outer border where a 0 is followed by an unvisited 1, a hole border where a
//   1 or a visited pixel not marked "right edge" is followed by a 0 (the contour then starts at
//   that foreground pixel, one to the left). 'external' keeps only outer borders whose last met
//   border pixel to the left (`lnbd`) is not positive.
// - From its start pixel a border is followed with OpenCV's chain code (steps 0..7: right,
//   up-right, up, … counter-clockwise on screen): the pixel before the start is the first nonzero
//   neighbour found turning clockwise from the left (outer border) or from the right (hole), and
//   each next pixel is the first nonzero neighbour found turning counter-clockwise from the pixel
//   it came from. So outer borders run counter-clockwise on screen, holes clockwise. Visited pixels
//   are marked `nbd` (`nbd | 0x80` where the search passed over a background right neighbour), so
//   that later scans do not start the same border again. 'none' writes every step's pixel; 'simple' only
//   those where the direction changes (the start pixel too is left out inside a straight run).
// - 'list' and 'external' mark with 2 and give every contour the image frame as parent. 'ccomp'
//   and 'tree' mark with nbd = 2, 3, …, 127, 3, 4, … (7 bits, wrapping) and find the parent of a
//   new border from the mark of `lnbd`: going through the contours with that mark (newest first)
//   whose bounding box holds `lnbd`, each one replaces the current choice unless the current
//   choice's border passes through `lnbd` as the last border a raster scan meets there (OpenCV's
//   icvTraceContour); then "a hole in an outer border or an outer border in a hole is its child,
//   otherwise its sibling". 'ccomp' puts every outer border at the top level.
// - New children go to the front of their parent's list, and the result lists the tree in
//   pre-order (cvTreeToNodeSeq): so contours come out bottom-up, each followed by its holes.
//
// The border follower works in one Int8Array (a reused scratch buffer, skipped over four pixels
// at a time where a row does not change) and writes points to a growable Int32Array: no
// allocation per pixel or per point.
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, type PixelArray } from '../core/pixelarray.ts';

export {
  contourArea, boundingRect, arcLength, approxPolyDP, moments, type Moments,
} from './contours-shape.ts';
export { drawContours, type DrawContoursOptions } from './contours-draw.ts';

/** A contour: its points `[x, y]` in order. */
export type Contour = [number, number][];

/** One hierarchy entry: `[next, previous, firstChild, parent]`, indices into the contours, -1 for none. */
export type HierarchyEntry = [number, number, number, number];

/** What `findContours` returns. */
export interface FindContoursResult {
  /** The contours, in OpenCV's order. */
  contours: Contour[];
  /** One entry per contour (cv2's `hierarchy[0]`); empty when there are no contours. */
  hierarchy: HierarchyEntry[];
}

/**
 * `cv2.RETR_EXTERNAL` (outer borders only), `RETR_LIST` (all borders, no nesting), `RETR_CCOMP`
 * (two levels: outer borders, and their holes as children) or `RETR_TREE` (the full nesting).
 */
export type RetrievalMode = 'external' | 'list' | 'ccomp' | 'tree';

/** `cv2.CHAIN_APPROX_NONE` (every border pixel) or `CHAIN_APPROX_SIMPLE` (only where the direction changes). */
export type ContourApproximation = 'none' | 'simple';

/** The contours as flat arrays, in output order (what `findContours` builds its result from). */
export interface FlatContours {
  /** x0, y0, x1, y1, … of every contour, one after the other. */
  points: Int32Array;
  /** Contour `k` is points `start[k]` (a point index) to `start[k + 1]` (exclusive); `count + 1` entries. */
  start: Int32Array;
  /** `count × 4` entries: next, previous, first child, parent (-1 for none). */
  hierarchy: Int32Array;
  /** Number of contours. */
  count: number;
}

const MODES: Record<string, number> = { external: 0, list: 1, ccomp: 2, tree: 3 };

/** Chain code steps 0..7 (x right, y down): right, up-right, up, up-left, left, down-left, down, down-right. */
const CODE_DX = new Int32Array([1, 1, 0, -1, -1, -1, 0, 1]);
const CODE_DY = new Int32Array([0, -1, -1, -1, 0, 1, 1, 1]);

function checkInput(a: unknown): asserts a is PixelArray {
  assertPixelArray(a, 'a');
  if (a.shape[2] !== 1) {
    throw new RangeError(`a: expected a single-channel image (findContours traces a binary mask: nonzero is ` +
      `foreground), got ${a.shape[2]} channels (shape [${a.shape.join(', ')}])`);
  }
}

function checkMode(mode: unknown): number {
  if (typeof mode !== 'string') throw typeError('mode', "'external', 'list', 'ccomp' or 'tree'", mode);
  if (!Object.hasOwn(MODES, mode)) {
    throw rangeError('mode', "'external', 'list', 'ccomp' or 'tree' (cv2.RETR_FLOODFILL is not supported)", mode);
  }
  return MODES[mode];
}

function checkMethod(method: unknown): boolean {
  if (typeof method !== 'string') throw typeError('method', "'none' or 'simple'", method);
  if (method === 'none') return false;
  if (method === 'simple') return true;
  throw rangeError('method', "'none' or 'simple' (the TC89 approximations are not supported)", method);
}

/**
 * `cv2.findContours(a, mode, method)` (OpenCV 4.6): the borders of the foreground (nonzero pixels)
 * of a single-channel image, as `{ contours, hierarchy }`: the same contours in the same order,
 * each starting at the same pixel and running in the same direction, and the same
 * `[next, previous, firstChild, parent]` links (-1 for none) as cv2 returns. Outer borders run
 * counter-clockwise on screen (negative `contourArea(c, true)`), holes clockwise; 8-connected
 * foreground, 4-connected background. Pixels on the image border are ordinary pixels (OpenCV 4.x
 * pads the image; it does not clear a frame), and `a` is not modified. Any view works.
 *
 * @example
 * const { contours, hierarchy } = findContours(threshold(gray, 127, 255), 'tree', 'simple');
 */
export function findContours(a: PixelArray, mode: RetrievalMode, method: ContourApproximation): FindContoursResult {
  if (arguments.length > 3) throw tooManyArguments('findContours', ['a', 'mode', 'method'], arguments.length);
  checkInput(a);
  const m = checkMode(mode);
  const simple = checkMethod(method);
  const flat = traceContours(a, m, simple);
  const { points, start, hierarchy: hier, count } = flat;
  const contours: Contour[] = new Array(count);
  const hierarchy: HierarchyEntry[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const n = start[k + 1] - start[k];
    const c: Contour = new Array(n);
    for (let i = 0, j = 2 * start[k]; i < n; i++, j += 2) c[i] = [points[j], points[j + 1]];
    contours[k] = c;
    hierarchy[k] = [hier[4 * k], hier[4 * k + 1], hier[4 * k + 2], hier[4 * k + 3]];
  }
  return { contours, hierarchy };
}

/**
 * `findContours` without building the point arrays: the same result as flat typed arrays. `mode`
 * is 0..3 ('external', 'list', 'ccomp', 'tree'), `simple` chooses CHAIN_APPROX_SIMPLE. Not
 * exported from the package root (used by tests and benchmarks).
 */
export function findContoursFlat(a: PixelArray, mode: RetrievalMode, method: ContourApproximation): FlatContours {
  if (arguments.length > 3) throw tooManyArguments('findContoursFlat', ['a', 'mode', 'method'], arguments.length);
  checkInput(a);
  return traceContours(a, checkMode(mode), checkMethod(method));
}

/** A reused work buffer: fresh memory costs page faults on every call (≈ 1 ms for a 1080p image). */
let scratch: Int32Array | null = null;
/** Buffers up to this many bytes (a 4K image) are kept between calls. */
const SCRATCH_KEEP = 1 << 24;

/** An Int32Array of exactly `n` words, over the reused scratch buffer when it is small enough (contents undefined). */
function scratchWords(n: number): Int32Array {
  if (4 * n > SCRATCH_KEEP) return new Int32Array(n);
  if (scratch === null || scratch.length < n) scratch = new Int32Array(Math.max(n, 1 << 14));
  return scratch.subarray(0, n);
}

/** Int32Array `a` grown to hold at least `need` elements (doubling). */
function grow(a: Int32Array, need: number): Int32Array {
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

/** Per-contour records during the scan (struct of arrays, grown together). */
class ContourTable {
  cap = 64;
  /** First point (a point index) in the point buffer. */
  start: Int32Array = new Int32Array(64);
  /** Parent contour, -1 for the image frame. */
  parent: Int32Array = new Int32Array(64);
  isHole: Int32Array = new Int32Array(64);
  /** Index in the padded buffer of the pixel the border was traced from. */
  origin: Int32Array = new Int32Array(64);
  /** Bounding box in padded coordinates, as OpenCV's icvFetchContourEx computes it. */
  rx: Int32Array = new Int32Array(64);
  ry: Int32Array = new Int32Array(64);
  rw: Int32Array = new Int32Array(64);
  rh: Int32Array = new Int32Array(64);
  /** Next (older) contour with the same mark value. */
  sameMark: Int32Array = new Int32Array(64);
  /** Tree links: next / previous sibling, first child (-1 for none). */
  hNext: Int32Array = new Int32Array(64);
  hPrev: Int32Array = new Int32Array(64);
  vNext: Int32Array = new Int32Array(64);

  ensure(n: number): void {
    if (n < this.cap) return;
    const cap = this.cap * 2;
    for (const k of ['start', 'parent', 'isHole', 'origin', 'rx', 'ry', 'rw', 'rh', 'sameMark', 'hNext', 'hPrev', 'vNext'] as const) {
      const b = new Int32Array(cap);
      b.set(this[k]);
      this[k] = b;
    }
    this.cap = cap;
  }
}

/**
 * OpenCV's icvTraceContour (4.6): follows the border traced from `i0` (reading only) and says
 * whether it passes through `stop` as the last border a raster scan meets there.
 */
function borderPassesThrough(img: Int8Array, i0: number, stop: number, isHole: number, deltas: Int32Array): boolean {
  let s = isHole ? 0 : 4;
  const sEnd = s;
  let i1: number;
  do {
    s = (s - 1) & 7;
    i1 = i0 + deltas[s];
  } while (img[i1] === 0 && s !== sEnd);
  let i3 = i0;
  if (s === sEnd) return i3 === stop;
  for (;;) {
    let i4 = i3;
    while (s < 15) {
      i4 = i3 + deltas[++s];
      if (img[i4] !== 0) break;
    }
    if (i3 === stop) {
      if ((img[i3] & 0x80) === 0) return true; // the only border through this pixel
      // the last border met by a raster scan: no nonzero pixel between this step's direction and
      // direction 0 (searching clockwise)
      let t = s;
      for (;;) {
        t = (t - 1) & 7;
        if (img[i3 + deltas[t]] !== 0) break;
        if (t === 0) return true;
      }
    }
    if (i4 === i0 && i3 === i1) break;
    i3 = i4;
    s = (s + 4) & 7;
  }
  return false;
}

/** The scan and border following; `mode` 0..3 as cv2's RETR_* values. */
function traceContours(a: PixelArray, mode: number, simple: boolean): FlatContours {
  const [h, w] = a.shape;
  if (h === 0 || w === 0) {
    return { points: new Int32Array(0), start: new Int32Array(1), hierarchy: new Int32Array(0), count: 0 };
  }
  const W = w + 2;
  // the padded 0/1 image, in a buffer of whole 32-bit words (read four pixels at a time below)
  const words = scratchWords(((h + 2) * W + 3) >> 2);
  const img = new Int8Array(words.buffer, 0, (h + 2) * W);
  {
    // zero the padding (a reused buffer holds an earlier image): the top row, the left / right
    // columns, the bottom row and the bytes after it
    img.fill(0, 0, W + 1);
    for (let y = 1; y <= h; y++) { img[y * W + w + 1] = 0; img[(y + 1) * W] = 0; }
    new Uint8Array(words.buffer, 0, words.length * 4).fill(0, (h + 1) * W);
    const d = a.data, s0 = a.stride[0], s1 = a.stride[1];
    if (s1 === 1) {
      const bytes = new Uint8Array(words.buffer);
      for (let y = 0; y < h; y++) {
        const src = a.offset + y * s0;
        bytes.set(d.subarray(src, src + w), (y + 1) * W + 1);
      }
      // every byte to 0 or 1, a word at a time
      for (let i = 0; i < words.length; i++) {
        let v = words[i];
        v |= v >>> 4;
        v |= v >>> 2;
        v |= v >>> 1;
        words[i] = v & 0x01010101;
      }
    } else {
      for (let y = 0; y < h; y++) {
        const dst = (y + 1) * W + 1;
        for (let x = 0, src = a.offset + y * s0; x < w; x++, src += s1) img[dst + x] = d[src] !== 0 ? 1 : 0;
      }
    }
  }
  const deltas = new Int32Array(16);
  for (let k = 0; k < 16; k++) deltas[k] = CODE_DX[k & 7] + CODE_DY[k & 7] * W;

  const hierarchic = mode >= 2;
  const t = new ContourTable();
  const markHead = new Int32Array(128).fill(-1);
  let frameChild = -1;
  let nc = 0;
  let pts: Int32Array = new Int32Array(4096);
  let np = 0; // ints used in pts
  let nbd = 2;

  for (let y = 1; y <= h; y++) {
    const row = y * W;
    let prev = 0;
    let lnbdX = 0;
    const rowEnd = row + w; // index of the last pixel of the row
    for (let x = 1; x <= w; x++) {
      let i = row + x;
      if (img[i] === prev) {
        // skip the run of `prev`: bytes up to a word boundary, then whole words of 0s or 1s
        do i++; while (i <= rowEnd && (i & 3) !== 0 && img[i] === prev);
        if ((i & 3) === 0 && (prev === 0 || prev === 1) && i <= rowEnd) {
          const pattern = prev === 0 ? 0 : 0x01010101;
          let k = i >> 2;
          const kEnd = (rowEnd + 1) >> 2;
          while (k < kEnd && words[k] === pattern) k++;
          i = k << 2;
        }
        while (i <= rowEnd && img[i] === prev) i++;
        if (i > rowEnd) break;
        x = i - row;
      }
      const p = img[i];
      let isHole = 0;
      let skip = false;
      if (!(prev === 0 && p === 1)) {
        if (p !== 0 || prev < 1) skip = true; // neither an outer border nor a hole border starts here
        else {
          if ((prev & -2) !== 0) lnbdX = x - 1;
          isHole = 1;
        }
      }
      if (!skip && mode === 0 && (isHole === 1 || img[row + lnbdX] > 0)) skip = true;
      let parent = -1;
      if (!skip && !(mode <= 1 || (isHole === 0 && mode === 2) || lnbdX <= 0)) {
        // the parent, from the contours marked like lnbd whose bounding box holds it
        const lval = img[row + lnbdX] & 0x7f;
        let par = -2;
        for (let cur = markHead[lval]; cur !== -1; cur = t.sameMark[cur]) {
          if (((lnbdX - t.rx[cur]) >>> 0) < t.rw[cur] && ((y - t.ry[cur]) >>> 0) < t.rh[cur]) {
            if (par !== -2 && borderPassesThrough(img, t.origin[par], row + lnbdX, t.isHole[par], deltas)) break;
            par = cur;
          }
        }
        if (par === -2) throw new Error('findContours: internal error (no contour holds the last border pixel)');
        if (t.isHole[par] === isHole) par = t.parent[par];
        if ((par === -1 ? 1 : t.isHole[par]) === isHole) throw new Error('findContours: internal error (parent of the same kind)');
        parent = par;
      }
      if (skip) {
        prev = p;
        if ((prev & -2) !== 0) lnbdX = x;
        continue;
      }

      lnbdX = x - isHole;
      const i0 = row + x - isHole;
      let mark = 2;
      if (hierarchic) {
        mark = nbd;
        nbd = (nbd + 1) & 127;
        if (nbd === 0) nbd = 3;
      }
      const markRight = mark - 128; // (mark | 0x80) as a signed byte

      // follow the border (icvFetchContour / icvFetchContourEx)
      t.ensure(nc + 1);
      let px = x - isHole, py = y;
      let rx0 = px, rx1 = px, ry0 = py, ry1 = py;
      t.start[nc] = np >> 1;
      let s = isHole ? 0 : 4;
      let sEnd = s;
      let i1: number;
      do {
        s = (s - 1) & 7;
        i1 = i0 + deltas[s];
      } while (img[i1] === 0 && s !== sEnd);
      if (s === sEnd) { // a single pixel
        img[i0] = markRight;
        if (np + 2 > pts.length) pts = grow(pts, np + 2);
        pts[np++] = px - 1; pts[np++] = py - 1;
      } else {
        let i3 = i0, i4 = i0;
        let prevS = s ^ 4;
        for (;;) {
          sEnd = s;
          while (s < 15) {
            i4 = i3 + deltas[++s];
            if (img[i4] !== 0) break;
          }
          s &= 7;
          if (((s - 1) >>> 0) < sEnd) img[i3] = markRight;
          else if (img[i3] === 1) img[i3] = mark;
          if (s !== prevS) {
            if (px < rx0) rx0 = px; else if (px > rx1) rx1 = px;
            if (py < ry0) ry0 = py; else if (py > ry1) ry1 = py;
            if (simple) {
              if (np + 2 > pts.length) pts = grow(pts, np + 2);
              pts[np++] = px - 1; pts[np++] = py - 1;
            }
          }
          if (!simple) {
            if (np + 2 > pts.length) pts = grow(pts, np + 2);
            pts[np++] = px - 1; pts[np++] = py - 1;
          }
          prevS = s;
          px += CODE_DX[s];
          py += CODE_DY[s];
          if (i4 === i0 && i3 === i1) break;
          i3 = i4;
          s = (s + 4) & 7;
        }
      }
      t.rx[nc] = rx0; t.ry[nc] = ry0; t.rw[nc] = rx1 - rx0 + 1; t.rh[nc] = ry1 - ry0 + 1;
      t.origin[nc] = i0;
      t.isHole[nc] = isHole;
      t.parent[nc] = parent;
      if (hierarchic) {
        t.sameMark[nc] = markHead[mark];
        markHead[mark] = nc;
      }
      // cvInsertNodeIntoTree: at the front of the parent's children
      const head = parent === -1 ? frameChild : t.vNext[parent];
      t.hNext[nc] = head;
      t.hPrev[nc] = -1;
      t.vNext[nc] = -1;
      if (head !== -1) t.hPrev[head] = nc;
      if (parent === -1) frameChild = nc; else t.vNext[parent] = nc;
      nc++;
      prev = img[row + x];
    }
  }

  // cvTreeToNodeSeq: pre-order from the frame's first child
  const order = new Int32Array(nc);
  const pos = new Int32Array(nc);
  let k = 0;
  for (let node = frameChild; node !== -1;) {
    pos[node] = k;
    order[k++] = node;
    if (t.vNext[node] !== -1) node = t.vNext[node];
    else {
      while (node !== -1 && t.hNext[node] === -1) node = t.parent[node];
      if (node !== -1) node = t.hNext[node];
    }
  }
  const start = new Int32Array(nc + 1);
  const points = new Int32Array(np);
  const hierarchy = new Int32Array(4 * nc);
  const total = np >> 1;
  let q = 0;
  const link = (c: number): number => (c === -1 ? -1 : pos[c]);
  for (let j = 0; j < nc; j++) {
    const c = order[j];
    const s0 = t.start[c], s1 = c + 1 < nc ? t.start[c + 1] : total;
    start[j] = q;
    points.set(pts.subarray(2 * s0, 2 * s1), 2 * q);
    q += s1 - s0;
    hierarchy[4 * j] = link(t.hNext[c]);
    hierarchy[4 * j + 1] = link(t.hPrev[c]);
    hierarchy[4 * j + 2] = link(t.vNext[c]);
    hierarchy[4 * j + 3] = link(t.parent[c]);
  }
  start[nc] = q;
  return { points, start, hierarchy, count: nc };
}
