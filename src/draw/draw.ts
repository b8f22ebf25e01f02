// cv2.line and cv2.rectangle: drawing in place, pixel for pixel as OpenCV 4.6 draws on uint8
// images (the rasterisers are in raster.ts). See docs/drawing.md.
import { checkOptions, checkOptionKeys } from '../core/check.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { roundHalfEven } from '../core/numeric.ts';
import { assertPixelArray, type PixelArray } from '../core/pixelarray.ts';
import { Canvas, fillConvexPolyEx, LINE_AA, polyLineEx, thickLineEx } from './raster.ts';

/** A point `[x, y]`: integer column and row (may lie outside the image). */
export type Point = readonly [number, number];

/**
 * A colour: a number is every channel (a gray level); an array is OpenCV's `Scalar`, one value per
 * channel in the image's own order, missing channels 0, extra entries ignored.
 */
export type Color = number | readonly number[];

/** `cv2.LINE_4` (4-connected), `cv2.LINE_8` (8-connected) or `'aa'` (`cv2.LINE_AA`, antialiased). */
export type LineType = 4 | 8 | 'aa';

/** Options of `line`. */
export interface LineOptions {
  /** Line width in pixels, 1..32767 (default 1). */
  thickness?: number;
  /** 8 (default) or 4: the connectivity of one-pixel lines; 'aa': antialiased (`cv2.LINE_AA`). */
  lineType?: LineType;
}

/** Options of `rectangle`. */
export interface RectangleOptions {
  /** Border width in pixels, 1..32767, or -1 (`cv2.FILLED`) to fill the rectangle (default 1). */
  thickness?: number;
  /** 8 (default) or 4: the connectivity of one-pixel borders; 'aa': antialiased (`cv2.LINE_AA`). */
  lineType?: LineType;
}

/** OpenCV's limit on the thickness. */
export const MAX_THICKNESS = 32767;

/**
 * Largest |coordinate| accepted: 2^28. cv2 takes any int32, but beyond about 2^29 its 16.16
 * fixed-point polygon filler overflows 32-bit intermediates (thick lines come out wrong, and
 * near 2^31 it divides by zero), so there is no OpenCV result to match.
 */
export const MAX_COORD = 2 ** 28;

/** `[x, y]`: integers (cv2's binding refuses fractions too) within ±MAX_COORD. */
export function checkPoint(p: unknown, name: string): [number, number] {
  if (!Array.isArray(p) || p.length !== 2) throw typeError(name, 'a point [x, y]', p);
  const out: number[] = [];
  for (let i = 0; i < 2; i++) {
    const v = p[i], label = `${name}[${i}]`;
    if (typeof v !== 'number') throw typeError(label, 'an integer', v);
    if (!Number.isInteger(v) || Math.abs(v) > MAX_COORD) {
      throw rangeError(label, `an integer in -${MAX_COORD}..${MAX_COORD}`, v);
    }
    out.push(v);
  }
  return out as [number, number];
}

/** cv2's saturate_cast<uchar>: rounded half to even, clamped to 0..255. */
const toByte = (v: number): number => Math.min(255, Math.max(0, roundHalfEven(v)));

/** The colour as one byte per channel (see `Color`). */
export function checkColor(color: unknown, channels: number): Uint8Array {
  const out = new Uint8Array(channels);
  if (typeof color === 'number') {
    if (!Number.isFinite(color)) throw rangeError('color', 'a finite number', color);
    return out.fill(toByte(color));
  }
  if (!Array.isArray(color)) throw typeError('color', 'a number or an array of per-channel numbers', color);
  const max = Math.max(4, channels);
  if (color.length < 1 || color.length > max) {
    throw new RangeError(`color: expected 1 to ${max} values (one per channel), got ${color.length}`);
  }
  color.forEach((v, i) => {
    if (typeof v !== 'number') throw typeError(`color[${i}]`, 'a finite number', v);
    if (!Number.isFinite(v)) throw rangeError(`color[${i}]`, 'a finite number', v);
    if (i < channels) out[i] = toByte(v);
  });
  return out;
}

/**
 * The line type as OpenCV's number: 4, 8 or 16 (`LINE_AA`, spelled `'aa'`). Antialiasing needs 1,
 * 3 or 4 channels (`channels`), as OpenCV's LineAA does.
 */
export function checkLineType(v: unknown, channels = 1, name = 'options.lineType'): 4 | 8 | 16 {
  if (v === undefined) return 8;
  if (v === 4 || v === 8) return v;
  if (v === 'aa') {
    if (channels !== 1 && channels !== 3 && channels !== 4) {
      throw new RangeError(`${name}: 'aa' needs an image of 1, 3 or 4 channels, got ${channels}`);
    }
    return LINE_AA;
  }
  if (v === 16) throw rangeError(name, "4, 8 or 'aa' (write LINE_AA, 16, as 'aa')", v);
  throw rangeError(name, "4 (LINE_4), 8 (LINE_8) or 'aa' (LINE_AA)", v);
}

export function checkThickness(v: unknown, filled: boolean): number {
  if (v === undefined) return 1;
  if (typeof v !== 'number') throw typeError('options.thickness', 'an integer', v);
  if (!Number.isInteger(v) || v > MAX_THICKNESS || (v < 1 && !(filled && v === -1))) {
    throw rangeError('options.thickness', `an integer in 1..${MAX_THICKNESS}${filled ? ' or -1 (filled)' : ''}`, v);
  }
  return v;
}

/**
 * `cv2.line(img, pt1, pt2, color, thickness, lineType)`: draws a segment on `img` in place and
 * returns `img`. Ends may lie outside the image (the segment is clipped); `pt1 = pt2` draws a dot
 * (a disc when thick). Any view works: crops, flips, transposes.
 */
export function line(img: PixelArray, pt1: Point, pt2: Point, color: Color, options?: LineOptions): PixelArray {
  if (arguments.length > 5) throw tooManyArguments('line', ['img', 'pt1', 'pt2', 'color', 'options'], arguments.length);
  assertPixelArray(img, 'img');
  const [x0, y0] = checkPoint(pt1, 'pt1');
  const [x1, y1] = checkPoint(pt2, 'pt2');
  const col = checkColor(color, img.channels);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['thickness', 'lineType']);
  const thickness = checkThickness(opts.thickness, false);
  const lineType = checkLineType(opts.lineType, img.channels);
  if (img.size === 0) return img;
  thickLineEx(new Canvas(img, col), x0, y0, x1, y1, thickness, lineType, 3, 0);
  return img;
}

/**
 * `cv2.rectangle(img, pt1, pt2, color, thickness, lineType)`: draws the rectangle with opposite
 * corners `pt1` and `pt2` (both inclusive, in any order) on `img` in place and returns `img`;
 * `thickness: -1` fills it.
 */
export function rectangle(img: PixelArray, pt1: Point, pt2: Point, color: Color, options?: RectangleOptions): PixelArray {
  if (arguments.length > 5) throw tooManyArguments('rectangle', ['img', 'pt1', 'pt2', 'color', 'options'], arguments.length);
  assertPixelArray(img, 'img');
  const [x0, y0] = checkPoint(pt1, 'pt1');
  const [x1, y1] = checkPoint(pt2, 'pt2');
  const col = checkColor(color, img.channels);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['thickness', 'lineType']);
  const thickness = checkThickness(opts.thickness, true);
  const lineType = checkLineType(opts.lineType, img.channels);
  if (img.size === 0) return img;
  const corners = [x0, y0, x1, y0, x1, y1, x0, y1];
  const cv = new Canvas(img, col);
  if (thickness <= 0) fillConvexPolyEx(cv, corners, lineType, 0);
  else polyLineEx(cv, corners, true, thickness, lineType, 0);
  return img;
}
