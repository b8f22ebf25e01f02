// Pillow 9.4's ImageDraw, in place: `ImageDraw.Draw(im).rectangle / ellipse / polygon / line /
// point / text` as functions of the image. The Python layer (ImageDraw.py: default ink, which of
// fill and outline is drawn, the masked wide polygon outline, the curve joints) and the coordinate
// handling of _imaging.c / path.c (PyPath_Flatten, then a C `(int)` cast) are reproduced here; the
// rasterisers of libImaging/Draw.c are in draw-raster.ts (pie slices for the joints in draw-arc.ts),
// ImageColor's strings in draw-color.ts, the default font in draw-font.ts.
import { checkInt, checkOptions, checkOptionKeys } from '../core/check.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, type PixelArray } from '../core/pixelarray.ts';
import {
  ImageRaster, MaskRaster, ellipse as rasterEllipse, fillPolygon, hline, line as rasterLine, point as rasterPoint,
  polygonEdges, toInt, wideLine, type Raster,
} from './draw-raster.ts';
import { pieslice as rasterPieslice } from './draw-arc.ts';
import { getcolor } from './draw-color.ts';
import { defaultFontMask, type FontMask } from './draw-font.ts';
import { glibcCos, glibcSin } from './libm.ts';
import { isTrueTypeFont, lineHeight, textMask, type TextMask, type TrueTypeFont } from './truetype.ts';

/**
 * A Pillow colour for `ImageDraw`: for L a number (clipped to 0..255) or `[v]`; for RGB and RGBA
 * `[r, g, b]`, `[r, g, b, a]` (each clipped to 0..255, alpha 255 when left out) or a number, which
 * Pillow reads as the packed ink `r | g << 8 | b << 16 | a << 24` (so `255` is red with alpha 0,
 * and `[v]` means the same as `v`). Integers only, as Pillow. Or an `ImageColor` string: a CSS
 * name (`'red'`), `'#rgb'`, `'#rgba'`, `'#rrggbb'`, `'#rrggbbaa'`, `'rgb(…)'`, `'rgba(…)'`,
 * `'hsl(…)'`, `'hsv(…)'`, converted to the mode as `ImageColor.getcolor` does (L: the ITU-R 601
 * luma, alpha dropped; RGB: alpha dropped).
 */
export type DrawColor = number | readonly number[] | string;

/** A point list as Pillow takes it: flat `[x0, y0, x1, y1, …]`, pairs `[[x0, y0], …]`, or a mix. */
export type DrawPoints = readonly (number | readonly [number, number])[];

/** Options of `rectangle`, `ellipse` and `polygon`. */
export interface ShapeOptions {
  /** Colour of the interior; not drawn when absent or null. */
  fill?: DrawColor | null;
  /**
   * Colour of the outline; when neither `fill` nor `outline` is given the outline is drawn in
   * Pillow's default ink (white for RGB and RGBA, 0 for L). Not drawn when it equals `fill`.
   */
  outline?: DrawColor | null;
  /** Outline width in pixels (default 1; 0 draws no outline). */
  width?: number;
}

/** Options of `line`. */
export interface LineOptions {
  /** Colour (default: Pillow's default ink, white for RGB and RGBA, 0 for L). */
  fill?: DrawColor | null;
  /** Width in pixels (default 0, drawn as 1). */
  width?: number;
  /** `'curve'` rounds the joints of lines wider than 4 pixels, as Pillow does; default none. */
  joint?: 'curve' | null;
}

/** Options of `point`. */
export interface PointOptions {
  /** Colour (default: Pillow's default ink). */
  fill?: DrawColor | null;
}

/** Options of `text`. */
export interface TextOptions {
  /** Colour (default: Pillow's default ink). */
  fill?: DrawColor | null;
  /** A TrueType font from `loadFont`; default (absent or null) Pillow's bitmap default font. */
  font?: TrueTypeFont | null;
  /** Extra pixels between the lines of a multiline string (default 4). */
  spacing?: number;
  /** Alignment of the lines of a multiline string: `'left'` (default), `'center'` or `'right'`. */
  align?: 'left' | 'center' | 'right';
}

// ---------------------------------------------------------------------------------------------
// arguments

function checkImage(img: unknown): PixelArray {
  assertPixelArray(img, 'img');
  const c = img.shape[2];
  if (c !== 1 && c !== 3 && c !== 4) {
    throw new RangeError(`img: expected 1, 3 or 4 channels (Pillow modes L, RGB, RGBA), got ${c}`);
  }
  return img;
}

/** A resolved ink: the bytes written (one per channel) and Pillow's `draw_ink` integer, compared by `ink != fill`. */
interface Ink {
  bytes: number[];
  key: number;
}

const clip8 = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 255 : v);

function colorInt(v: unknown, name: string): number {
  if (typeof v !== 'number') throw typeError(name, 'an integer', v);
  if (!Number.isSafeInteger(v)) throw rangeError(name, 'an integer', v);
  return v;
}

/** `getink` of _imaging.c for an 8-bit image of `c` channels. */
function inkOf(color: unknown, c: number, name: string): Ink {
  if (typeof color === 'string') {
    const vals = getcolor(color, c, name);
    color = c === 1 ? vals[0] : vals;
  }
  let v: number | null = null;
  if (typeof color === 'number') v = colorInt(color, name);
  else if (Array.isArray(color) && color.length === 1) v = colorInt(color[0], `${name}[0]`);
  if (v !== null) {
    if (c === 1) { const b = clip8(v); return { bytes: [b], key: b }; }
    const u = ((v % 2 ** 32) + 2 ** 32) % 2 ** 32;
    return { bytes: [u & 255, (u >>> 8) & 255, (u >>> 16) & 255, u >>> 24].slice(0, c), key: u | 0 };
  }
  if (!Array.isArray(color)) throw typeError(name, 'a number, an array of per-channel integers or a colour string', color);
  if (c === 1) throw new TypeError(`${name}: expected a number or [value] for an L image (color must be int or single-element tuple), got ${color.length} values`);
  if (color.length !== 3 && color.length !== 4) {
    throw new TypeError(`${name}: expected a number, [r, g, b] or [r, g, b, a] (color must be int, or tuple of one, three or four elements), got ${color.length} values`);
  }
  const vals = color.map((x, i) => clip8(colorInt(x, `${name}[${i}]`)));
  if (vals.length === 3) vals.push(255);
  const key = (vals[0] | vals[1] << 8 | vals[2] << 16 | vals[3] << 24) | 0;
  return { bytes: vals.slice(0, c), key };
}

/** `draw_ink(-1)`: white (255 with alpha 255) for RGB and RGBA; CLIP8(−1) = 0 for L. */
function defaultInk(c: number): Ink {
  return c === 1 ? { bytes: [0], key: 0 } : { bytes: [255, 255, 255, 255].slice(0, c), key: -1 };
}

function optionalInk(color: unknown, c: number, name: string): Ink | null {
  return color === undefined || color === null ? null : inkOf(color, c, name);
}

/** `ImageDraw._getink(ink, fill)`. */
function getInks(outline: unknown, fill: unknown, c: number, outlineName: string, fillName: string): [Ink | null, Ink | null] {
  const ink = optionalInk(outline, c, outlineName);
  const f = optionalInk(fill, c, fillName);
  if (ink === null && f === null) return [defaultInk(c), null];
  return [ink, f];
}

/** A coordinate as path.c stores it: Python ints go through a C `float`, floats stay doubles. */
function coord(v: unknown, name: string, pair: boolean): number {
  if (typeof v !== 'number') throw typeError(name, 'a number', v);
  if (!Number.isFinite(v)) throw rangeError(name, 'a finite number', v);
  return !pair && Number.isInteger(v) ? Math.fround(v) : v;
}

/**
 * `PyPath_Flatten` then `(int)` per coordinate: items are numbers or `[x, y]` pairs, the count of
 * numbers must be even. Returns the int32 coordinates `[x0, y0, x1, y1, …]`.
 */
function flatten(xy: unknown, name: string): number[] {
  if (!Array.isArray(xy)) throw typeError(name, 'an array of numbers or of [x, y] pairs', xy);
  const out: number[] = [];
  for (let i = 0; i < xy.length; i++) {
    const item: unknown = xy[i];
    if (typeof item === 'number') out.push(coord(item, `${name}[${i}]`, false));
    else if (Array.isArray(item) && item.length === 2) {
      out.push(coord(item[0], `${name}[${i}][0]`, true), coord(item[1], `${name}[${i}][1]`, true));
    } else throw typeError(`${name}[${i}]`, 'a number or an [x, y] pair', item);
  }
  if (out.length % 2 !== 0) throw new RangeError(`${name}: expected an even number of coordinates (x, y pairs), got ${out.length}`);
  return out.map(toInt);
}

/** Exactly two points (a box): `[x0, y0, x1, y1]` or `[[x0, y0], [x1, y1]]`. */
function box(xy: unknown, name: string): number[] {
  const v = flatten(xy, name);
  if (v.length !== 4) {
    throw new RangeError(`${name}: expected exactly 2 points, [x0, y0, x1, y1] or [[x0, y0], [x1, y1]], got ${v.length / 2}`);
  }
  return v;
}

function widthOf(v: unknown, dflt: number): number {
  return v === undefined ? dflt : checkInt(v, 'options.width', -(2 ** 31), 2 ** 31 - 1);
}

function opts<T extends object>(options: T | undefined, keys: readonly string[]): Partial<T> {
  const o = checkOptions(options);
  checkOptionKeys(o, keys);
  return o;
}

// ---------------------------------------------------------------------------------------------
// rectangle

/** `ImagingDrawRectangle(fill = 1)`: rows y0..y1 (swapped if needed, clipped), each an hline x0..x1. */
function fillRectangle(r: Raster, x0: number, y0: number, x1: number, y1: number): void {
  if (y0 > y1) { const t = y0; y0 = y1; y1 = t; }
  if (y0 < 0) y0 = 0;
  else if (y0 >= r.height) return;
  if (y1 < 0) return;
  else if (y1 > r.height) y1 = r.height;
  for (let y = y0; y <= y1; y++) hline(r, x0, y, x1);
}

/**
 * `ImagingDrawRectangle(fill = 0, width)`: for i < width, hlines at y0 + i and y1 − i and vertical
 * lines at x1 − i and x0 + i from y0 + width towards y1 − width + 1 (end excluded), literally, so
 * a width beyond half the box paints outside it as Pillow does. Only the visible `i` are walked.
 */
function outlineRectangle(r: Raster, x0: number, y0: number, x1: number, y1: number, width: number): void {
  if (y0 > y1) { const t = y0; y0 = y1; y1 = t; }
  if (width === 0) width = 1;
  const range = (lo: number, hi: number): [number, number] => [Math.max(0, lo), Math.min(width, hi)];
  // hline at y0 + i visible for 0 ≤ y0 + i < height; at y1 − i for 0 ≤ y1 − i < height
  let [a, b] = range(-y0, r.height - y0);
  for (let i = a; i < b; i++) hline(r, x0, y0 + i, x1);
  [a, b] = range(y1 - r.height + 1, y1 + 1);
  for (let i = a; i < b; i++) hline(r, x0, y1 - i, x1);
  const ya = (y0 + width) | 0, yb = (y1 - width + 1) | 0;
  [a, b] = range(x1 - r.width + 1, x1 + 1);
  for (let i = a; i < b; i++) rasterLine(r, x1 - i, ya, x1 - i, yb);
  [a, b] = range(-x0, r.width - x0);
  for (let i = a; i < b; i++) rasterLine(r, x0 + i, ya, x0 + i, yb);
}

/**
 * `ImageDraw.Draw(img).rectangle(xy, fill, outline, width)` (Pillow 9.4), in place; returns `img`.
 * `xy` is `[x0, y0, x1, y1]` or `[[x0, y0], [x1, y1]]`; both corners are inclusive. Coordinates are
 * truncated toward zero (C `(int)`). Pillow 9.4 does not reject `x1 < x0` or `y1 < y0`: rows are
 * swapped and each row is drawn between x0 and x1 in either order, so the box is normalised, except
 * for the outline's vertical sides, which are drawn from the corners as given. With neither `fill`
 * nor `outline` the outline is drawn in the default ink (white for RGB/RGBA, 0 for L); an outline
 * equal to `fill` is skipped (Pillow compares the packed inks, alpha included); `width` (default 1)
 * grows the outline inwards, and past the opposite side when it exceeds half the box, as in Pillow.
 */
export function rectangle(img: PixelArray, xy: DrawPoints, options?: ShapeOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('rectangle', ['img', 'xy', 'options'], arguments.length);
  const im = checkImage(img);
  const [x0, y0, x1, y1] = box(xy, 'xy');
  const o = opts(options, ['fill', 'outline', 'width']);
  const c = im.shape[2];
  const [ink, fill] = getInks(o.outline, o.fill, c, 'options.outline', 'options.fill');
  const width = widthOf(o.width, 1);
  if (fill) fillRectangle(new ImageRaster(im, fill.bytes), x0, y0, x1, y1);
  if (ink && (!fill || ink.key !== fill.key) && width !== 0) outlineRectangle(new ImageRaster(im, ink.bytes), x0, y0, x1, y1, width);
  return img;
}

// ---------------------------------------------------------------------------------------------
// ellipse

/** Largest `x1 − x0` and `y1 − y0` of an ellipse box: Pillow 9.4 squares them in a C int (46340² < 2³¹). */
const MAX_ELLIPSE_AXIS = 46340;

function checkEllipseBox(a: number, b: number, name: string, got: unknown): void {
  if ((a | 0) > MAX_ELLIPSE_AXIS || (b | 0) > MAX_ELLIPSE_AXIS) {
    throw rangeError(name, `a box with x1 − x0 and y1 − y0 at most ${MAX_ELLIPSE_AXIS} (beyond, Pillow 9.4 overflows int32 ` +
      'in its ellipse and runs for minutes)', got);
  }
}

/**
 * `ImageDraw.Draw(img).ellipse(xy, fill, outline, width)` (Pillow 9.4's quarter-based ellipse), in
 * place; returns `img`. `xy` is the inclusive bounding box, `[x0, y0, x1, y1]` or two pairs,
 * truncated toward zero; nothing is drawn when `x1 < x0` or `y1 < y0`. Defaults as `rectangle`.
 */
export function ellipse(img: PixelArray, xy: DrawPoints, options?: ShapeOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('ellipse', ['img', 'xy', 'options'], arguments.length);
  const im = checkImage(img);
  const [x0, y0, x1, y1] = box(xy, 'xy');
  checkEllipseBox(x1 - x0, y1 - y0, 'xy', xy);
  const o = opts(options, ['fill', 'outline', 'width']);
  const c = im.shape[2];
  const [ink, fill] = getInks(o.outline, o.fill, c, 'options.outline', 'options.fill');
  const width = widthOf(o.width, 1);
  if (fill) rasterEllipse(new ImageRaster(im, fill.bytes), x0, y0, x1, y1, true, 0);
  if (ink && (!fill || ink.key !== fill.key) && width !== 0) rasterEllipse(new ImageRaster(im, ink.bytes), x0, y0, x1, y1, false, width);
  return img;
}

// ---------------------------------------------------------------------------------------------
// polygon

/** `ImagingDrawPolygon(fill = 0, width)`: thin (Bresenham) or wide sides, closing side included. */
function outlinePolygon(r: Raster, v: readonly number[], width: number): void {
  const n = v.length / 2;
  let i: number;
  for (i = 0; i < n - 1; i++) {
    if (width === 1) rasterLine(r, v[2 * i], v[2 * i + 1], v[2 * i + 2], v[2 * i + 3]);
    else wideLine(r, v[2 * i], v[2 * i + 1], v[2 * i + 2], v[2 * i + 3], width);
  }
  if (width === 1) rasterLine(r, v[2 * i], v[2 * i + 1], v[0], v[1]);
  else wideLine(r, v[2 * i], v[2 * i + 1], v[0], v[1], width);
}

/**
 * `ImageDraw.Draw(img).polygon(xy, fill, outline, width)` (Pillow 9.4), in place; returns `img`.
 * `xy` holds at least 2 points (flat or pairs), truncated toward zero. The interior is Pillow's
 * scanline fill (even-odd; self-intersecting polygons alternate); a `width`-1 outline is Bresenham
 * lines, a wider one is sides `2·width − 1` wide kept only where they fall inside the filled
 * polygon, so the outline grows inwards (as Pillow does through its mode-"1" masks).
 */
export function polygon(img: PixelArray, xy: DrawPoints, options?: ShapeOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('polygon', ['img', 'xy', 'options'], arguments.length);
  const im = checkImage(img);
  const v = flatten(xy, 'xy');
  if (v.length < 4) throw new RangeError(`xy: expected at least 2 points, got ${v.length / 2}`);
  const o = opts(options, ['fill', 'outline', 'width']);
  const c = im.shape[2];
  const [ink, fill] = getInks(o.outline, o.fill, c, 'options.outline', 'options.fill');
  const width = widthOf(o.width, 1);
  if (ink && (!fill || ink.key !== fill.key) && width !== 1 && width !== 0 && Math.abs(2 * width - 1) > 2 ** 31 - 1) {
    // ImageDraw.polygon passes `width * 2 - 1` to a C int: Python raises OverflowError
    throw rangeError('options.width', 'a width with 2·width − 1 within a C int (|width| < 2³⁰)', width);
  }
  if (fill) fillPolygon(new ImageRaster(im, fill.bytes), polygonEdges(v));
  if (ink && (!fill || ink.key !== fill.key) && width !== 0) {
    const raster = new ImageRaster(im, ink.bytes);
    if (width === 1) outlinePolygon(raster, v, 1);
    else {
      const [h, w] = im.shape;
      const inside = new MaskRaster(w, h);
      fillPolygon(inside, polygonEdges(v));
      const band = new MaskRaster(w, h);
      outlinePolygon(band, v, (2 * width - 1) | 0);
      const m = inside.bits, s = band.bits;
      for (let y = band.top; y <= band.bottom; y++) {
        for (let x = band.left, p = y * w + x; x <= band.right; x++, p++) {
          if (!(m[p] && s[p])) continue;
          let e = x;
          while (e < band.right && m[p + 1] && s[p + 1]) { e++; p++; }
          raster.span(y, x, e);
          x = e;
        }
      }
    }
  }
  return img;
}

// ---------------------------------------------------------------------------------------------
// line and point

/** ImageDraw.line's `joint == "curve"` code: a pie slice at every inner vertex, and for width > 8 a 3-pixel gap filler. */
function curveJoints(r: Raster, pts: readonly [number, number][], width: number, filled: boolean): void {
  for (let i = 1; i < pts.length - 1; i++) {
    const p = pts[i];
    const angles = [[pts[i - 1], p], [p, pts[i + 1]]].map(([s, e]) => pyMod(degrees(Math.atan2(e[0] - s[0], s[1] - e[1])), 360));
    if (angles[0] === angles[1]) continue;
    const coordAtAngle = (q: [number, number], angle: number): [number, number] => {
      angle -= 90;
      const distance = width / 2 - 1;
      const step = (v: number, d: number): number => v + (d > 0 ? Math.floor(d) : Math.ceil(d));
      return [step(q[0], distance * glibcCos(radians(angle))), step(q[1], distance * glibcSin(radians(angle)))];
    };
    const flipped = (angles[1] > angles[0] && angles[1] - 180 > angles[0]) || (angles[1] < angles[0] && angles[1] + 180 > angles[0]);
    const coords = [p[0] - width / 2 + 1, p[1] - width / 2 + 1, p[0] + width / 2 - 1, p[1] + width / 2 - 1].map((v) => toInt(v));
    const [start, end] = flipped ? [angles[1] + 90, angles[0] + 90] : [angles[0] - 90, angles[1] - 90];
    // self.pieslice(coords, start - 90, end - 90, fill): filled when the line has a fill colour,
    // otherwise (fill=None) Pillow's _getink gives the default ink as the outline, width 1
    rasterPieslice(r, coords[0], coords[1], coords[2], coords[3], Math.fround(start - 90), Math.fround(end - 90), filled, 1);
    if (width > 8) {
      const gap = flipped
        ? [coordAtAngle(p, angles[0] + 90), p, coordAtAngle(p, angles[1] + 90)]
        : [coordAtAngle(p, angles[0] - 90), p, coordAtAngle(p, angles[1] - 90)];
      // self.line(gap_coords, fill, width=3): pairs, so stored as doubles
      const g = gap.flat().map(toInt);
      for (let k = 0; k < 2; k++) wideLine(r, g[2 * k], g[2 * k + 1], g[2 * k + 2], g[2 * k + 3], 3);
    }
  }
}

const degrees = (x: number): number => x * (180 / Math.PI);
const radians = (x: number): number => x * (Math.PI / 180);

/** Python's float `x % y` for y > 0. */
function pyMod(x: number, y: number): number {
  const m = x % y;
  return m !== 0 && m < 0 ? m + y : m === 0 ? 0 : m;
}

/**
 * `ImageDraw.Draw(img).line(xy, fill, width, joint)` (Pillow 9.4), in place; returns `img`. `xy` is
 * a point list (flat or pairs), truncated toward zero. Width ≤ 1 gives Bresenham segments plus the
 * last point; wider segments are drawn one by one as 4-sided polygons (no joins, no caps) unless
 * `joint: 'curve'`, which adds Pillow's pie-slice joints when `width > 4`.
 */
export function line(img: PixelArray, xy: DrawPoints, options?: LineOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('line', ['img', 'xy', 'options'], arguments.length);
  const im = checkImage(img);
  const v = flatten(xy, 'xy');
  const o = opts(options, ['fill', 'width', 'joint']);
  const c = im.shape[2];
  const ink = optionalInk(o.fill, c, 'options.fill') ?? defaultInk(c);
  const width = widthOf(o.width, 0);
  const joint = o.joint ?? null;
  if (joint !== null && joint !== 'curve') throw rangeError('options.joint', "'curve' or null", joint);
  let joints: [number, number][] | null = null;
  if (joint === 'curve' && width > 4) {
    if (v.length === 0) throw rangeError('xy', "at least one point with joint: 'curve' (Pillow 9.4 raises IndexError)", xy);
    checkEllipseBox(width, width, 'options.width', width);
    joints = pythonPoints(xy);
  }
  const r = new ImageRaster(im, ink.bytes);
  const n = v.length / 2;
  if (width <= 1) {
    for (let i = 0; i < n - 1; i++) rasterLine(r, v[2 * i], v[2 * i + 1], v[2 * i + 2], v[2 * i + 3]);
    if (n >= 2) rasterPoint(r, v[2 * n - 2], v[2 * n - 1]);
  } else {
    for (let i = 0; i < n - 1; i++) wideLine(r, v[2 * i], v[2 * i + 1], v[2 * i + 2], v[2 * i + 3], width);
  }
  if (joints) curveJoints(r, joints, width, o.fill !== undefined && o.fill !== null);
  return img;
}

/** The points as ImageDraw.line's joint code sees them (Python values, before any C conversion). */
function pythonPoints(xy: DrawPoints): [number, number][] {
  if (xy.length === 0) return [];
  if (!Array.isArray(xy[0])) {
    const out: [number, number][] = [];
    for (let i = 0; i < xy.length; i += 2) {
      const a = xy[i], b = xy[i + 1];
      if (typeof a !== 'number' || typeof b !== 'number') {
        throw typeError('xy', 'a flat list of numbers (joint: \'curve\' takes flat numbers or pairs, not a mix)', xy);
      }
      out.push([a, b]);
    }
    return out;
  }
  return xy.map((p, i) => {
    if (!Array.isArray(p)) throw typeError(`xy[${i}]`, 'an [x, y] pair (joint: \'curve\' takes flat numbers or pairs, not a mix)', p);
    return [p[0], p[1]] as [number, number];
  });
}

/** `ImageDraw.Draw(img).point(xy, fill)`: one pixel per point (truncated toward zero), in place; returns `img`. */
export function point(img: PixelArray, xy: DrawPoints, options?: PointOptions): PixelArray {
  if (arguments.length > 3) throw tooManyArguments('point', ['img', 'xy', 'options'], arguments.length);
  const im = checkImage(img);
  const v = flatten(xy, 'xy');
  const o = opts(options, ['fill']);
  const c = im.shape[2];
  const ink = optionalInk(o.fill, c, 'options.fill') ?? defaultInk(c);
  const r = new ImageRaster(im, ink.bytes);
  for (let i = 0; i < v.length; i += 2) rasterPoint(r, v[i], v[i + 1]);
  return img;
}

// ---------------------------------------------------------------------------------------------
// text

/** `ImagingFill2` with a mode "1" mask at `(x0, y0)`: ink wherever the mask is set, clipped. */
function fillMask(r: Raster, mask: FontMask, x0: number, y0: number): void {
  const { width, height, bits } = mask;
  for (let y = 0; y < height; y++) {
    const ty = y0 + y;
    if (ty < 0 || ty >= r.height) continue;
    for (let x = 0; x < width; x++) {
      if (!bits[y * width + x]) continue;
      let e = x;
      while (e + 1 < width && bits[y * width + e + 1]) e++;
      const a = Math.max(x0 + x, 0), b = Math.min(x0 + e, r.width - 1);
      if (a <= b) r.span(ty, a, b);
      x = e;
    }
  }
}

/**
 * `ImagingFill2` with a mode "L" mask (Paste.c `fill_mask_L`) at `(x0, y0)`, clipped: each channel
 * becomes `BLEND(m, out, ink) = (out·(255 − m) + ink·m) / 255` (rounded as Pillow's DIV255). For
 * RGBA the colour channels of a pixel with alpha 0 take the ink outright wherever `m > 0`, and
 * alpha blends like the others.
 */
function fillMaskL(img: PixelArray, ink: readonly number[], mask: TextMask, x0: number, y0: number): void {
  const { data, stride, offset, shape } = img;
  const [h, w, c] = shape;
  const { width, height, pixels } = mask;
  const xa = Math.max(0, x0), xb = Math.min(w, x0 + width);
  const ya = Math.max(0, y0), yb = Math.min(h, y0 + height);
  const s1 = stride[1], s2 = stride[2];
  for (let y = ya; y < yb; y++) {
    let m = (y - y0) * width + (xa - x0);
    for (let x = xa, p = offset + y * stride[0] + x * s1; x < xb; x++, m++, p += s1) {
      const a = pixels[m];
      if (a === 0) continue; // BLEND with 0 leaves the pixel as it is
      const colourMask = c === 4 && data[p + 3 * s2] === 0 ? 255 : a;
      for (let k = 0; k < c; k++) {
        const q = p + k * s2;
        const cm = k === 3 ? a : colourMask;
        const t = data[q] * (255 - cm) + ink[k] * cm + 128;
        data[q] = ((t >> 8) + t) >> 8;
      }
    }
  }
}

/**
 * `ImageDraw.Draw(img).text(xy, text, fill, font, spacing=4, align='left')` (Pillow 9.4), in place;
 * returns `img`. The position is the top-left corner (anchor 'la'); Pillow truncates it toward zero
 * (`int(x)`) and passes the fraction to the renderer. A string with `\n` is drawn as Pillow's
 * `multiline_text`: lines `lineHeight + spacing` pixels apart, aligned left, centred or right
 * within the widest line.
 *
 * Without `font`, Pillow's default font (`ImageFont.load_default()`, the embedded bitmap Courier
 * Bold 8 of Pillow 9.4), bit-exact: characters must be Latin-1 (others throw, as Pillow's encoder
 * does), lines are 11 + spacing pixels apart. With a `font` from `loadFont`, Pillow's TrueType
 * path with the basic layout engine: the ascender line at `y` (so the baseline at
 * `int(y) + font.ascent`), whole-pixel advances, Pillow's kerning, glyphs anti-aliased and blended
 * with the fill as Pillow's "L" mask is; line height `font.ascent` minus the lowest row of "A".
 * Any Unicode text; characters missing from the font are drawn as its `.notdef` glyph. The glyphs
 * themselves are unhinted, so they differ slightly from FreeType's hinted ones (docs/pillow.md).
 */
export function text(img: PixelArray, xy: readonly [number, number], str: string, options?: TextOptions): PixelArray {
  if (arguments.length > 4) throw tooManyArguments('text', ['img', 'xy', 'text', 'options'], arguments.length);
  const im = checkImage(img);
  if (!Array.isArray(xy) || xy.length !== 2) throw typeError('xy', 'an [x, y] pair', xy);
  const x = xy[0], y = xy[1];
  for (const [k, v] of [[0, x], [1, y]] as const) {
    if (typeof v !== 'number') throw typeError(`xy[${k}]`, 'a number', v);
    if (!Number.isFinite(v)) throw rangeError(`xy[${k}]`, 'a finite number', v);
  }
  if (typeof str !== 'string') throw typeError('text', 'a string', str);
  const o = opts(options, ['fill', 'font', 'spacing', 'align']);
  const font = o.font ?? null;
  if (font !== null && !isTrueTypeFont(font)) throw typeError('options.font', 'a font from loadFont, or null for the default font', font);
  const c = im.shape[2];
  const ink = optionalInk(o.fill, c, 'options.fill') ?? defaultInk(c);
  const spacing = o.spacing === undefined ? 4 : checkSpacing(o.spacing);
  const align = o.align ?? 'left';
  if (align !== 'left' && align !== 'center' && align !== 'right') throw rangeError('options.align', "'left', 'center' or 'right'", align);
  if (font === null) {
    for (let i = 0; i < str.length; i++) {
      if (str.charCodeAt(i) > 255) {
        throw rangeError('text', `Latin-1 characters (Pillow's default font encodes text as Latin-1; position ${i} is U+${str.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')})`, str);
      }
    }
  }
  const r = font === null ? new ImageRaster(im, ink.bytes) : null;
  const draw = (s: string, px: number, py: number): void => {
    if (font === null) {
      fillMask(r!, defaultFontMask(s), pyInt(px), pyInt(py));
    } else {
      const m = textMask(font, s, px - pyInt(px), py - pyInt(py));
      fillMaskL(im, ink.bytes, m, pyInt(px) + m.dx, pyInt(py) + m.dy);
    }
  };
  if (!str.includes('\n')) { draw(str, x, y); return img; }
  // multiline_text: line spacing = textsize("A")[1] + spacing; widths by textlength
  const lines = str.split('\n');
  const lineSpacing = (font === null ? defaultFontMask('A').height : lineHeight(font)) + spacing;
  const widths = lines.map((l) => (font === null ? defaultFontMask(l).width : font.getLength(l)));
  const maxWidth = Math.max(...widths);
  let top = y;
  lines.forEach((l, idx) => {
    let left = x;
    const diff = maxWidth - widths[idx];
    if (align === 'center') left += diff / 2.0;
    else if (align === 'right') left += diff;
    draw(l, left, top);
    top += lineSpacing;
  });
  return img;
}

function checkSpacing(v: unknown): number {
  if (typeof v !== 'number') throw typeError('options.spacing', 'a number', v);
  if (!Number.isFinite(v)) throw rangeError('options.spacing', 'a finite number', v);
  return v;
}

/** Python's `int(x)` of a float: truncation toward zero. */
function pyInt(v: number): number {
  return Math.trunc(v);
}
