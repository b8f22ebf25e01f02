// cv2.putText and cv2.getTextSize with OpenCV's Hershey fonts, pixel for pixel as OpenCV 4.6
// (modules/imgproc/src/drawing.cpp). The glyph data is its own module (hershey-data.ts), decoded on
// first use: importing neither function leaves it out of a bundle.
import { checkFinite, checkInt, checkOptions, checkOptionKeys } from '../core/check.ts';
import { rangeError, typeError, tooManyArguments } from '../core/errors.ts';
import { roundHalfEven } from '../core/numeric.ts';
import { assertPixelArray, type PixelArray } from '../core/pixelarray.ts';
import { checkColor, checkLineType, checkPoint, MAX_THICKNESS, type Color, type LineType, type Point } from './draw.ts';
import { FONT_TABLES, GLYPHS } from './hershey-data.ts';
import { Canvas, polyLineEx } from './raster.ts';

/** The Hershey fonts: `cv2.FONT_HERSHEY_SIMPLEX` … `cv2.FONT_HERSHEY_SCRIPT_COMPLEX`. */
export type FontFace = 'simplex' | 'plain' | 'duplex' | 'complex' | 'triplex' | 'complex_small'
  | 'script_simplex' | 'script_complex';

/** Options of `putText`. */
export interface PutTextOptions {
  /** Stroke width in pixels, 0..32767 (0 draws as 1; default 1). */
  thickness?: number;
  /** 8 (default), 4 or 'aa' (`cv2.LINE_AA`). */
  lineType?: LineType;
  /** `org` is the bottom-left corner with y growing upwards (the text drawn upside down), as cv2. */
  bottomLeftOrigin?: boolean;
  /** `cv2.FONT_ITALIC`: the italic glyphs of 'plain', 'complex', 'triplex', 'complex_small' (others unchanged). */
  italic?: boolean;
}

export interface TextSizeOptions {
  /** `cv2.FONT_ITALIC` (see `PutTextOptions.italic`). */
  italic?: boolean;
}

/** What `cv2.getTextSize` returns: `((width, height), baseline)`. */
export interface TextSize {
  width: number;
  height: number;
  baseline: number;
}

const FACES: readonly FontFace[] = ['simplex', 'plain', 'duplex', 'complex', 'triplex', 'complex_small',
  'script_simplex', 'script_complex'];

/** OpenCV's getFontData: the table of a font (and its italic variant). */
const TABLE_OF: Record<FontFace, [string, string]> = {
  simplex: ['HersheySimplex', 'HersheySimplex'],
  plain: ['HersheyPlain', 'HersheyPlainItalic'],
  duplex: ['HersheyDuplex', 'HersheyDuplex'],
  complex: ['HersheyComplex', 'HersheyComplexItalic'],
  triplex: ['HersheyTriplex', 'HersheyTriplexItalic'],
  complex_small: ['HersheyComplexSmall', 'HersheyComplexSmallItalic'],
  script_simplex: ['HersheyScriptSimplex', 'HersheyScriptSimplex'],
  script_complex: ['HersheyScriptComplex', 'HersheyScriptComplex'],
};

interface Font { header: number; glyphs: Int32Array }
let glyphList: string[] | null = null;
const fonts = new Map<string, Font>();

function glyph(i: number): string {
  if (glyphList === null) glyphList = GLYPHS.split('\n');
  return glyphList[i];
}

function font(face: FontFace, italic: boolean): Font {
  const name = TABLE_OF[face][italic ? 1 : 0];
  let f = fonts.get(name);
  if (f === undefined) {
    const [header, codes] = FONT_TABLES[name];
    const glyphs = new Int32Array(codes.length / 3);
    for (let i = 0; i < glyphs.length; i++) glyphs[i] = parseInt(codes.slice(3 * i, 3 * i + 3), 36);
    f = { header, glyphs };
    fonts.set(name, f);
  }
  return f;
}

function checkFace(v: unknown): FontFace {
  if (typeof v !== 'string') throw typeError('fontFace', `one of ${FACES.map((f) => `'${f}'`).join(', ')}`, v);
  if (!(FACES as readonly string[]).includes(v)) throw rangeError('fontFace', `one of ${FACES.map((f) => `'${f}'`).join(', ')}`, v);
  return v as FontFace;
}

function checkScale(v: unknown): number {
  checkFinite(v, 'fontScale');
  if (Math.abs(v as number) > 1000) throw rangeError('fontScale', 'a number within ±1000', v);
  return v as number;
}

function checkBool(v: unknown, name: string): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw typeError(name, 'a boolean', v);
  return v;
}

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * The glyph index of each character, as OpenCV's `readCheck` reads the UTF-8 bytes: printable
 * ASCII as is; with 'complex' (not italic) Cyrillic А..я, ё, Ё and the rest of U+0400..U+045F
 * that the table has; any other multi-byte character one '?' ('complex') or one '?' per byte.
 */
function glyphIndices(text: string, f: Font, cyrillic: boolean): number[] {
  const bytes = encoder.encode(text);
  const at = (i: number): number => (i < bytes.length ? bytes[i] : 0);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    let c = bytes[i];
    let left = 32, right = 127;
    if (c >= 0x80 && cyrillic) {
      if (c === 0xd0 && at(i + 1) >= 0x90 && at(i + 1) <= 0xbf) {
        c = bytes[++i] - 17; left = 127; right = 175;
      } else if (c === 0xd1 && at(i + 1) >= 0x80 && at(i + 1) <= 0x8f) {
        c = bytes[++i] + 47; left = 175; right = 191;
      } else {
        if (c >= 0xc0 && at(i + 1) !== 0) i++;
        if (c >= 0xe0 && at(i + 1) !== 0) i++;
        if (c >= 0xf0 && at(i + 1) !== 0) i++;
        if (c >= 0xf8 && at(i + 1) !== 0) i++;
        if (c >= 0xfc && at(i + 1) !== 0) i++;
        c = 63;
      }
    }
    if (c >= right || c < left) c = 63;
    out.push(f.glyphs[c - 32]);
  }
  return out;
}

/**
 * `cv2.putText(img, text, org, fontFace, fontScale, color, thickness, lineType, bottomLeftOrigin)`:
 * draws `text` in a Hershey font in place and returns `img`. `org` is the left end of the
 * baseline. Each glyph's strokes are open polylines in 16.16 fixed point, scaled by
 * `round(fontScale · 65536)`, drawn like `polylines` with `thickness` and `lineType`. Characters are
 * read as OpenCV reads UTF-8 bytes: outside printable ASCII (and Cyrillic for 'complex') they are
 * '?'.
 */
export function putText(img: PixelArray, text: string, org: Point, fontFace: FontFace, fontScale: number, color: Color,
  options?: PutTextOptions): PixelArray {
  if (arguments.length > 7) throw tooManyArguments('putText', ['img', 'text', 'org', 'fontFace', 'fontScale', 'color', 'options'], arguments.length);
  assertPixelArray(img, 'img');
  if (typeof text !== 'string') throw typeError('text', 'a string', text);
  const [ox, oy] = checkPoint(org, 'org');
  const face = checkFace(fontFace);
  const scale = checkScale(fontScale);
  const col = checkColor(color, img.channels);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['thickness', 'lineType', 'bottomLeftOrigin', 'italic']);
  const thickness = opts.thickness === undefined ? 1 : checkInt(opts.thickness, 'options.thickness', 0, MAX_THICKNESS);
  const lineType = checkLineType(opts.lineType, img.channels);
  const bottomLeft = checkBool(opts.bottomLeftOrigin, 'options.bottomLeftOrigin');
  const italic = checkBool(opts.italic, 'options.italic');
  if (text.length === 0 || img.size === 0) return img;
  const f = font(face, italic);
  const cv = new Canvas(img, col);
  const baseLine = -(f.header & 15);
  const hscale = roundHalfEven(scale * 65536);
  const vscale = bottomLeft ? -hscale : hscale;
  let viewX = ox * 65536;
  const viewY = oy * 65536 + baseLine * vscale;
  const pts: number[] = [];
  for (const g of glyphIndices(text, f, face === 'complex' && !italic)) {
    const s = glyph(g);
    const dx = (s.charCodeAt(1) - 82) * hscale;
    viewX -= (s.charCodeAt(0) - 82) * hscale;
    pts.length = 0;
    for (let i = 2; ; ) {
      if (i >= s.length || s.charCodeAt(i) === 32) {
        if (pts.length > 2) polyLineEx(cv, pts, false, thickness, lineType, 16);
        if (i++ >= s.length) break;
        pts.length = 0;
      } else {
        pts.push((s.charCodeAt(i) - 82) * hscale + viewX, (s.charCodeAt(i + 1) - 82) * vscale + viewY);
        i += 2;
      }
    }
    viewX += dx;
  }
  return img;
}

/**
 * `cv2.getTextSize(text, fontFace, fontScale, thickness)` → `{ width, height, baseline }`: the
 * advance width of the glyphs plus `thickness`, the cap height plus the descent plus
 * ⌊(thickness + 1) / 2⌋, and the descent plus thickness / 2 — each scaled and rounded (half to even)
 * as OpenCV does.
 */
export function getTextSize(text: string, fontFace: FontFace, fontScale: number, thickness: number,
  options?: TextSizeOptions): TextSize {
  if (arguments.length > 5) throw tooManyArguments('getTextSize', ['text', 'fontFace', 'fontScale', 'thickness', 'options'], arguments.length);
  if (typeof text !== 'string') throw typeError('text', 'a string', text);
  const face = checkFace(fontFace);
  const scale = checkScale(fontScale);
  const t = checkInt(thickness, 'thickness', -MAX_THICKNESS, MAX_THICKNESS);
  const opts = checkOptions(options);
  checkOptionKeys(opts, ['italic']);
  const italic = checkBool(opts.italic, 'options.italic');
  const f = font(face, italic);
  const baseLine = f.header & 15, capLine = (f.header >> 4) & 15;
  const height = roundHalfEven((capLine + baseLine) * scale + Math.trunc((t + 1) / 2));
  let viewX = 0;
  for (const g of glyphIndices(text, f, face === 'complex' && !italic)) {
    const s = glyph(g);
    viewX += (s.charCodeAt(1) - s.charCodeAt(0)) * scale;
  }
  return { width: roundHalfEven(viewX + t), height, baseline: roundHalfEven(baseLine * scale + t * 0.5) };
}
