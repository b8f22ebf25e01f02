// cv2.drawContours, pixel for pixel as OpenCV 4.6 (modules/imgproc/src/drawing.cpp: drawContours
// building CvSeq links, cvDrawContours walking them with cvNextTreeNode), on the rasterisers of
// src/draw/raster.ts that line, polylines and fillPoly use.
//
// Which contours are drawn: without a hierarchy (or with maxLevel 0) the contours
// `index … index` (one) or all of them, one after the other. With a hierarchy and index -1 the
// walk starts at contour 0 and follows the hierarchy's next / first-child links down to
// `maxLevel` levels (1: only contour 0 and its siblings); with an index, that contour and its
// descendants down to `maxLevel` levels below it (0: the contour alone). Each drawn contour is a
// closed polyline: segments p0→p1, …, pn−1→p0, each OpenCV's ThickLine with a round cap at its
// end only; with thickness -1 the polygons p0, p1, …, pn−1, p0 of all drawn contours go into one
// edge list filled with the even-odd rule (so holes drawn with their outer border stay empty),
// outlines included.
import { checkInt, checkOptionKeys, checkOptions } from '../core/check.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, type PixelArray } from '../core/pixelarray.ts';
import { checkColor, checkLineType, checkPoint, MAX_THICKNESS, type Color, type LineType, type Point } from '../draw/draw.ts';
import { Canvas, collectPolyEdges, EdgeList, fillEdgeCollection, thickLineEx } from '../draw/raster.ts';

/** Options of `drawContours`. */
export interface DrawContoursOptions {
  /** Line width in pixels, 0..32767 (0 draws as 1), or -1 (`cv2.FILLED`) to fill the contours (default 1). */
  thickness?: number;
  /** 8 (default), 4 or 'aa' (`cv2.LINE_AA`). */
  lineType?: LineType;
  /** findContours' hierarchy for the contours (`[next, previous, firstChild, parent]` each, -1 for none). */
  hierarchy?: readonly (readonly [number, number, number, number])[];
  /** How many levels of the hierarchy to draw (default 2147483647, all); see `drawContours`. */
  maxLevel?: number;
  /** `[dx, dy]` added to every point (default [0, 0]). */
  offset?: Point;
}

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

/**
 * `cv2.drawContours(img, contours, index, color, thickness, lineType, hierarchy, maxLevel, offset)`:
 * draws contours on `img` in place and returns `img`. `index` -1 draws all of them, otherwise
 * contour `index`. Each contour is drawn as a closed polyline of `thickness`; thickness -1 fills
 * the region they enclose (even-odd over all drawn contours: a hole drawn with its outer border
 * stays empty). With `hierarchy` (findContours' second result), `maxLevel` limits the nesting:
 * for `index` ≥ 0, 0 draws the contour alone, 1 adds its children, and so on; for `index` -1 the
 * contours reached from contour 0 through the hierarchy are drawn, 1 meaning the top level only
 * (OpenCV's own semantics). The pixels are OpenCV 4.6's: its ThickLine per segment (a round cap
 * at each segment's end) and its polygon filler.
 */
export function drawContours(img: PixelArray, contours: readonly (readonly Point[])[], index: number, color: Color,
  options?: DrawContoursOptions): PixelArray {
  if (arguments.length > 5) throw tooManyArguments('drawContours', ['img', 'contours', 'index', 'color', 'options'], arguments.length);
  assertPixelArray(img, 'img');
  if (!Array.isArray(contours)) throw typeError('contours', 'an array of contours ([x, y][][])', contours);
  const n = contours.length;
  const polys: Int32Array[] = contours.map((c: unknown, i: number) => {
    if (!Array.isArray(c)) throw typeError(`contours[${i}]`, 'a contour: an array of points [x, y]', c);
    const v = new Int32Array(2 * c.length);
    c.forEach((p: unknown, j: number) => {
      const [x, y] = checkPoint(p, `contours[${i}][${j}]`);
      v[2 * j] = x; v[2 * j + 1] = y;
    });
    return v;
  });
  if (typeof index !== 'number') throw typeError('index', 'an integer (-1 for all contours)', index);
  if (!Number.isInteger(index) || index < -1 || index >= Math.max(n, 1)) {
    throw rangeError('index', n === 0 ? '-1 or 0 (there are no contours)' : `-1 (all contours) or a contour index in 0..${n - 1}`, index);
  }
  const col = checkColor(color, img.channels);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['thickness', 'lineType', 'hierarchy', 'maxLevel', 'offset']);
  let thickness = 1;
  if (opts.thickness !== undefined) {
    const th = opts.thickness;
    if (typeof th !== 'number') throw typeError('options.thickness', 'an integer', th);
    if (!Number.isInteger(th) || th > MAX_THICKNESS || th < -1) {
      throw rangeError('options.thickness', `an integer in 0..${MAX_THICKNESS} or -1 (filled)`, th);
    }
    thickness = th;
  }
  const lineType = checkLineType(opts.lineType, img.channels);
  const maxLevel = opts.maxLevel === undefined ? INT_MAX : checkInt(opts.maxLevel, 'options.maxLevel', INT_MIN, INT_MAX);
  const [ox, oy] = opts.offset === undefined ? [0, 0] : checkPoint(opts.offset, 'options.offset');
  const hier = opts.hierarchy === undefined ? null : checkHierarchy(opts.hierarchy, n);
  if (n === 0) return img;

  // drawContours: the CvSeq links (-1 for a null pointer); `made` says a sequence has its points
  const hNext = new Int32Array(n).fill(-1), vNext = new Int32Array(n).fill(-1), vPrev = new Int32Array(n).fill(-1);
  const made = new Uint8Array(n);
  let first = 0, last = n;
  if (index >= 0) { first = index; last = index + 1; }
  for (let i = first; i < last; i++) made[i] = polys[i].length > 0 ? 1 : 0;
  const guard = { left: 64 * n + 1024 };
  if (hier === null || maxLevel === 0) {
    for (let i = first; i < last; i++) hNext[i] = i < last - 1 ? i + 1 : -1;
  } else if (last - first === n) {
    for (let i = first; i < last; i++) {
      hNext[i] = hier[4 * i];
      vNext[i] = hier[4 * i + 2];
      vPrev[i] = hier[4 * i + 3];
    }
  } else {
    const child = hier[4 * first + 2];
    if (child >= 0) {
      addChildren(child, hier, polys, made, hNext, vNext, vPrev, guard);
      vNext[first] = child;
    }
  }

  // cvDrawContours
  let level = Math.min(Math.max(index >= 0 ? -maxLevel : maxLevel, INT_MIN + 2), INT_MAX - 1);
  if (level < 0) {
    hNext[first] = -1;
    level = -level + 1;
  }
  if (img.size === 0) return img;
  const cv = new Canvas(img, col);
  const edges = thickness < 0 ? new EdgeList() : null;
  let node = first, depth = 0;
  while (node !== -1) {
    if (--guard.left < 0) throw new RangeError('options.hierarchy: its links form a cycle');
    const cur = node;
    if (vNext[node] !== -1 && depth + 1 < level) {
      node = vNext[node];
      depth++;
    } else {
      while (node !== -1 && hNext[node] === -1) {
        node = vPrev[node];
        if (--depth < 0) { node = -1; break; }
      }
      node = node !== -1 && level !== 0 ? hNext[node] : -1;
    }
    if (!made[cur]) throw rangeError(`contours[${cur}]`, 'a contour of at least one point', contours[cur]);
    drawOne(cv, polys[cur], ox, oy, thickness, lineType, edges);
  }
  if (edges !== null) fillEdgeCollection(cv, edges);
  return img;
}

/** The hierarchy as `n × 4` int32 (entries -1 … n − 1). */
function checkHierarchy(h: unknown, n: number): Int32Array {
  if (!Array.isArray(h)) throw typeError('options.hierarchy', 'an array of [next, previous, firstChild, parent]', h);
  if (h.length !== n) throw new RangeError(`options.hierarchy: expected one entry per contour (${n}), got ${h.length}`);
  const out = new Int32Array(4 * n);
  h.forEach((e: unknown, i: number) => {
    if (!Array.isArray(e) || e.length !== 4) throw typeError(`options.hierarchy[${i}]`, '[next, previous, firstChild, parent]', e);
    for (let k = 0; k < 4; k++) out[4 * i + k] = checkInt(e[k], `options.hierarchy[${i}][${k}]`, -1, n - 1);
  });
  return out;
}

/** drawContours' addChildContour: links the children of a contour (and theirs) from the hierarchy. */
function addChildren(i: number, hier: Int32Array, polys: Int32Array[], made: Uint8Array,
  hNext: Int32Array, vNext: Int32Array, vPrev: Int32Array, guard: { left: number }): void {
  for (; i >= 0; i = hier[4 * i]) {
    if (--guard.left < 0) throw new RangeError('options.hierarchy: its links form a cycle');
    made[i] = polys[i].length > 0 ? 1 : 0;
    hNext[i] = hier[4 * i];
    vNext[i] = hier[4 * i + 2];
    vPrev[i] = hier[4 * i + 3];
    if (vNext[i] >= 0) addChildren(vNext[i], hier, polys, made, hNext, vNext, vPrev, guard);
  }
}

/** One contour: closed thick polyline (cvDrawContours' ThickLine calls), or its edges for the fill. */
function drawOne(cv: Canvas, v: Int32Array, ox: number, oy: number, thickness: number, lineType: number,
  edges: EdgeList | null): void {
  const n = v.length >> 1;
  if (edges !== null) {
    const pts = new Array<number>(2 * n + 2);
    for (let i = 0; i < 2 * n; i += 2) { pts[i] = v[i] + ox; pts[i + 1] = v[i + 1] + oy; }
    pts[2 * n] = pts[0]; pts[2 * n + 1] = pts[1];
    collectPolyEdges(cv, pts, edges, lineType, 0);
    return;
  }
  let x0 = v[0] + ox, y0 = v[1] + oy;
  for (let i = 1; i <= n; i++) {
    const j = i === n ? 0 : 2 * i;
    const x1 = v[j] + ox, y1 = v[j + 1] + oy;
    thickLineEx(cv, x0, y0, x1, y1, thickness, lineType, 2, 0);
    x0 = x1; y0 = y1;
  }
}
