// cv2.circle, cv2.ellipse, cv2.polylines and cv2.fillPoly: drawing in place, pixel for pixel as
// OpenCV 4.6 (modules/imgproc/src/drawing.cpp) draws on uint8 images. The rasterisers are in
// raster.ts; this module checks the arguments and picks OpenCV's code path for each call.
import { checkFinite, checkInt, checkOptions, checkOptionKeys } from '../core/check.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { roundHalfEven } from '../core/numeric.ts';
import { assertPixelArray, type PixelArray } from '../core/pixelarray.ts';
import {
  checkColor, checkLineType, checkPoint, MAX_COORD, MAX_THICKNESS, type Color, type LineType, type Point,
} from './draw.ts';
import {
  Canvas, circleOutline, collectPolyEdges, EdgeList, ellipseEx, fillCircle, fillEdgeCollection, polyLineEx,
} from './raster.ts';

/** Options of `circle` and `ellipse`. */
export interface ShapeOptions {
  /** Outline width in pixels, 0..32767 (0 draws as 1), or -1 (`cv2.FILLED`) to fill (default 1). */
  thickness?: number;
  /** 8 (default), 4 or 'aa' (`cv2.LINE_AA`, antialiased; 1, 3 or 4 channels). */
  lineType?: LineType;
  /** Fractional bits of the centre and radius / axes, 0..16 (default 0). */
  shift?: number;
}

/** Options of `polylines`. */
export interface PolylinesOptions {
  /** Line width in pixels, 0..32767 (0 draws as 1; default 1). */
  thickness?: number;
  /** 8 (default), 4 or 'aa'. */
  lineType?: LineType;
  /** Fractional bits of the vertices, 0..16 (default 0). */
  shift?: number;
}

/** Options of `fillPoly`. */
export interface FillPolyOptions {
  /** 8 (default), 4 or 'aa': the line type of the outline drawn with the fill. */
  lineType?: LineType;
  /** Fractional bits of the vertices, 0..16 (default 0). */
  shift?: number;
  /** `[dx, dy]` added to every vertex (in the same 1/2^shift pixel units as the vertices, as OpenCV; default [0, 0]). */
  offset?: Point;
}

/** A polygon: its vertices `[x, y]` (integers). */
export type Polygon = readonly Point[];

const XY_SHIFT = 16;

function checkShift(v: unknown): number {
  return v === undefined ? 0 : checkInt(v, 'options.shift', 0, XY_SHIFT);
}

function checkShapeThickness(v: unknown, filled: boolean): number {
  if (v === undefined) return 1;
  if (typeof v !== 'number') throw typeError('options.thickness', 'an integer', v);
  if (!Number.isInteger(v) || v > MAX_THICKNESS || (v < 0 && !(filled && v === -1))) {
    throw rangeError('options.thickness', `an integer in 0..${MAX_THICKNESS}${filled ? ' or -1 (filled)' : ''}`, v);
  }
  return v;
}

/**
 * The polygons as flat x, y arrays. Accepts a list of polygons (`[x, y][][]`) or one polygon
 * (`[x, y][]`, recognised by its first element being a point).
 */
function checkPolygons(polygons: unknown, name: string): number[][] {
  if (!Array.isArray(polygons)) throw typeError(name, 'an array of polygons ([x, y][][])', polygons);
  const single = polygons.length > 0 && Array.isArray(polygons[0]) && typeof polygons[0][0] === 'number';
  const list = single ? [polygons] : polygons;
  return list.map((poly: unknown, i: number) => {
    const label = single ? name : `${name}[${i}]`;
    if (!Array.isArray(poly)) throw typeError(label, 'an array of points [x, y]', poly);
    const flat = new Array<number>(poly.length * 2);
    poly.forEach((p: unknown, j: number) => {
      const [x, y] = checkPoint(p, `${label}[${j}]`);
      flat[2 * j] = x; flat[2 * j + 1] = y;
    });
    return flat;
  });
}

/**
 * `cv2.circle(img, center, radius, color, thickness, lineType, shift)`: draws a circle on `img` in
 * place and returns `img`; `thickness: -1` fills it. As OpenCV: thickness ≤ 1 with LINE_8 and no
 * shift is the midpoint circle (`Circle`); everything else is the polygon of `ellipse2Poly`
 * (`EllipseEx`), stroked by thick lines or filled. Centre and radius may carry `shift`
 * fractional bits; the circle may lie partly or wholly outside the image.
 */
export function circle(img: PixelArray, center: Point, radius: number, color: Color, options?: ShapeOptions): PixelArray {
  if (arguments.length > 5) throw tooManyArguments('circle', ['img', 'center', 'radius', 'color', 'options'], arguments.length);
  assertPixelArray(img, 'img');
  const [cx, cy] = checkPoint(center, 'center');
  const r = checkInt(radius, 'radius', 0, MAX_COORD);
  const col = checkColor(color, img.channels);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['thickness', 'lineType', 'shift']);
  const thickness = checkShapeThickness(opts.thickness, true);
  const lineType = checkLineType(opts.lineType, img.channels);
  const shift = checkShift(opts.shift);
  if (img.size === 0) return img;
  const cv = new Canvas(img, col);
  if (thickness > 1 || lineType !== 8 || shift > 0) {
    const up = 2 ** (XY_SHIFT - shift);
    ellipseEx(cv, cx * up, cy * up, r * up, r * up, 0, 0, 360, thickness, lineType);
  } else if (thickness < 0) fillCircle(cv, cx, cy, r);
  else circleOutline(cv, cx, cy, r);
  return img;
}

/**
 * `cv2.ellipse(img, center, axes, angle, startAngle, endAngle, color, thickness, lineType, shift)`:
 * draws the arc from `startAngle` to `endAngle` (degrees, clockwise in image coordinates) of the
 * ellipse with half-axes `axes = [a, b]` rotated by `angle`, in place, and returns `img`.
 * `thickness: -1` fills it (a pie slice when the arc is less than a full turn). The angles are
 * rounded to whole degrees, as OpenCV does; the polygon comes from `ellipse2Poly`.
 */
export function ellipse(img: PixelArray, center: Point, axes: readonly [number, number], angle: number,
  startAngle: number, endAngle: number, color: Color, options?: ShapeOptions): PixelArray {
  if (arguments.length > 8) throw tooManyArguments('ellipse', ['img', 'center', 'axes', 'angle', 'startAngle', 'endAngle', 'color', 'options'], arguments.length);
  assertPixelArray(img, 'img');
  const [cx, cy] = checkPoint(center, 'center');
  if (!Array.isArray(axes) || axes.length !== 2) throw typeError('axes', 'half-axes [a, b]', axes);
  const ax = checkInt(axes[0], 'axes[0]', 0, MAX_COORD), ay = checkInt(axes[1], 'axes[1]', 0, MAX_COORD);
  const angles = [angle, startAngle, endAngle].map((v, i) => {
    const label = ['angle', 'startAngle', 'endAngle'][i];
    checkFinite(v, label);
    if (Math.abs(v) > 1e9) throw rangeError(label, 'a number of degrees within ±1e9', v);
    return roundHalfEven(v);
  });
  const col = checkColor(color, img.channels);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['thickness', 'lineType', 'shift']);
  const thickness = checkShapeThickness(opts.thickness, true);
  const lineType = checkLineType(opts.lineType, img.channels);
  const shift = checkShift(opts.shift);
  if (img.size === 0) return img;
  const up = 2 ** (XY_SHIFT - shift);
  ellipseEx(new Canvas(img, col), cx * up, cy * up, ax * up, ay * up, angles[0], angles[1], angles[2], thickness, lineType);
  return img;
}

/**
 * `cv2.polylines(img, polygons, isClosed, color, thickness, lineType, shift)`: draws each polygon's
 * segments (and, when `isClosed`, the last-to-first one) in place and returns `img`. `polygons` is
 * a list of polygons `[x, y][][]` or a single polygon `[x, y][]`; vertices may carry `shift`
 * fractional bits.
 */
export function polylines(img: PixelArray, polygons: readonly Polygon[] | Polygon, isClosed: boolean, color: Color,
  options?: PolylinesOptions): PixelArray {
  if (arguments.length > 5) throw tooManyArguments('polylines', ['img', 'polygons', 'isClosed', 'color', 'options'], arguments.length);
  assertPixelArray(img, 'img');
  const polys = checkPolygons(polygons, 'polygons');
  if (typeof isClosed !== 'boolean') throw typeError('isClosed', 'a boolean', isClosed);
  const col = checkColor(color, img.channels);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['thickness', 'lineType', 'shift']);
  const thickness = checkShapeThickness(opts.thickness, false);
  const lineType = checkLineType(opts.lineType, img.channels);
  const shift = checkShift(opts.shift);
  if (img.size === 0) return img;
  const cv = new Canvas(img, col);
  for (const v of polys) polyLineEx(cv, v, isClosed, thickness, lineType, shift);
  return img;
}

/**
 * `cv2.fillPoly(img, polygons, color, lineType, shift, offset)`: fills the region the polygons
 * enclose (even-odd rule: overlaps of two polygons and self-intersections are holes), outline
 * included, in place, and returns `img`. The outline is drawn first (antialiased with 'aa'), then
 * the inner spans `[⌈xl⌉, ⌊xr⌋]` of the 16.16 edges, as OpenCV 4.6's CollectPolyEdges and
 * FillEdgeCollection do (4.7+ clip and round the edges differently).
 */
export function fillPoly(img: PixelArray, polygons: readonly Polygon[] | Polygon, color: Color,
  options?: FillPolyOptions): PixelArray {
  if (arguments.length > 4) throw tooManyArguments('fillPoly', ['img', 'polygons', 'color', 'options'], arguments.length);
  assertPixelArray(img, 'img');
  const polys = checkPolygons(polygons, 'polygons');
  const col = checkColor(color, img.channels);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['lineType', 'shift', 'offset']);
  const lineType = checkLineType(opts.lineType, img.channels);
  const shift = checkShift(opts.shift);
  const [ox, oy] = opts.offset === undefined ? [0, 0] : checkPoint(opts.offset, 'options.offset');
  if (img.size === 0) return img;
  const cv = new Canvas(img, col);
  const edges = new EdgeList();
  for (const v of polys) if (v.length > 0) collectPolyEdges(cv, v, edges, lineType, shift, ox, oy);
  fillEdgeCollection(cv, edges);
  return img;
}
