// TrueType fonts for `text`: a small reader of the tables Pillow 9.4's FreeType path uses (head,
// hhea, OS/2, maxp, hmtx, loca, glyf with simple and composite glyphs, cmap formats 4 and 12, kern
// format 0), glyphs scaled as FreeType scales them at a pixel size (FT_Set_Pixel_Sizes, 16.16
// FT_MulFix), and the layout of Pillow's basic engine (_imagingft.c text_layout_fallback,
// font_getsize, font_render): advances rounded to whole pixels as hinting makes them, ascender and
// descender grid-fitted, Pillow's kerning (which adds whole pixels of FT_Get_Kerning to a 26.6
// pen, so a pair moves by 1/64 pixel per kerned pixel). Not reproduced: the TrueType bytecode
// hinter, which moves outline points to the pixel grid; outlines here are rendered unhinted.
// Browser-safe: bytes in, no Node built-ins.
import { checkInt } from '../core/check.ts';
import { typeError, tooManyArguments } from '../core/errors.ts';
import { controlBox, rasterize, type GlyphBitmap, type Outline } from './truetype-raster.ts';

/**
 * Thrown by `loadFont` (and, for a glyph whose data is corrupt, by `text`) for bytes that are not
 * a usable TrueType font: truncated or inconsistent tables, a CFF-flavoured OpenType font
 * (`OTTO`), a collection (`ttcf`), WOFF, no Unicode `cmap` of format 4 or 12. The message starts
 * with `'TrueType: '` and says which table or glyph is wrong. Bad arguments (not a Uint8Array, a
 * size that is not a positive integer) are TypeError / RangeError as everywhere else.
 */
export class FontError extends Error {
  constructor(message: string) {
    super(`TrueType: ${String(message)}`);
    this.name = 'FontError';
  }
}

/**
 * A TrueType font at one pixel size, from `loadFont`: what Pillow 9.4's `ImageFont.truetype(file,
 * size, layout_engine=ImageFont.Layout.BASIC)` gives. Pass it as `text(img, xy, str, { font })`.
 */
export interface TrueTypeFont {
  /** The size in pixels (FreeType's ppem), as given to `loadFont`. */
  readonly size: number;
  /** Pixels from the baseline up to the ascender line, `font.getmetrics()[0]`: the top of the text at `y`. */
  readonly ascent: number;
  /** Pixels from the baseline down to the descender line, `font.getmetrics()[1]` (positive). */
  readonly descent: number;
  /** Font design units per em (`head.unitsPerEm`). */
  readonly unitsPerEm: number;
  /** Number of glyphs in the font (`maxp.numGlyphs`), glyph 0 being `.notdef`. */
  readonly numGlyphs: number;
  /**
   * The advance of `text` in pixels, `font.getlength(text)` of Pillow's basic layout: whole-pixel
   * advances plus 1/64 pixel per kerned pixel (Pillow 9.4's kerning). Characters are Unicode code
   * points; one missing from the font takes the advance of `.notdef`.
   */
  getLength(text: string): number;
  /** The glyph index of a Unicode code point, 0 (`.notdef`) when the font has none (FreeType's `FT_Get_Char_Index`). */
  glyphIndex(codePoint: number): number;
}

// ---------------------------------------------------------------------------------------------
// FreeType's fixed-point arithmetic (ftcalc.c, 64-bit build)

/** `FT_MulFix`: a · b / 65536, rounded half away from zero. */
function mulFix(a: number, b: number): number {
  const c = Math.floor((Math.abs(a) * Math.abs(b) + 0x8000) / 65536);
  return (a < 0) !== (b < 0) ? -c : c;
}

/** `FT_DivFix`: a · 65536 / b, rounded. */
function divFix(a: number, b: number): number {
  const c = Math.floor((Math.abs(a) * 65536 + (Math.abs(b) >> 1)) / Math.abs(b));
  return (a < 0) !== (b < 0) ? -c : c;
}

/** `FT_MulDiv`: a · b / c, rounded. */
function mulDiv(a: number, b: number, c: number): number {
  const d = Math.floor((Math.abs(a) * Math.abs(b) + (Math.abs(c) >> 1)) / Math.abs(c));
  return (a < 0) !== (b < 0) !== (c < 0) ? -d : d;
}

const pixRound = (v: number): number => Math.floor((v + 32) / 64) * 64;
const pixFloor = (v: number): number => Math.floor(v / 64) * 64;
const pixCeil = (v: number): number => Math.ceil(v / 64) * 64;
/** _imagingft.c `PIXEL(x)`: 26.6 to the nearest whole pixel, halves up. */
const pixel = (v: number): number => Math.floor((v + 32) / 64);

// ---------------------------------------------------------------------------------------------
// table reading

interface Table {
  offset: number;
  length: number;
}

class FontData {
  readonly view: DataView;
  readonly tables = new Map<string, Table>();

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Throws unless `len` bytes at `off` lie inside `[lo, hi)`. */
  need(off: number, len: number, lo: number, hi: number, what: string): void {
    if (off < lo || len < 0 || off + len > hi) throw new FontError(`${what} is truncated or points outside its table`);
  }

  u8(o: number): number { return this.view.getUint8(o); }
  u16(o: number): number { return this.view.getUint16(o); }
  i16(o: number): number { return this.view.getInt16(o); }
  u32(o: number): number { return this.view.getUint32(o); }

  /** A table's record, its bytes checked to be present (at least `minLength` of them). */
  table(tag: string, minLength: number): Table {
    const t = this.tables.get(tag);
    if (!t) throw new FontError(`the required '${tag.trim()}' table is missing`);
    if (t.length < minLength) throw new FontError(`the '${tag.trim()}' table is ${t.length} bytes, expected at least ${minLength}`);
    return t;
  }
}

const tagAt = (d: FontData, o: number): string => String.fromCharCode(d.u8(o), d.u8(o + 1), d.u8(o + 2), d.u8(o + 3));

function readDirectory(d: FontData): void {
  const n = d.bytes.length;
  if (n < 12) throw new FontError(`the file is ${n} bytes, too short for a font header`);
  const version = d.u32(0);
  const tag = tagAt(d, 0);
  if (tag === 'OTTO') throw new FontError('this is an OpenType font with CFF outlines (OTTO); only TrueType (glyf) outlines are supported');
  if (tag === 'ttcf') throw new FontError('this is a TrueType collection (ttcf); pass the bytes of one font');
  if (tag === 'wOFF' || tag === 'wOF2') throw new FontError(`this is a ${tag === 'wOFF' ? 'WOFF' : 'WOFF2'} file; decompress it to TrueType first`);
  if (version !== 0x00010000 && tag !== 'true') {
    throw new FontError(`not a TrueType font (sfnt version 0x${version.toString(16).padStart(8, '0')}, expected 0x00010000 or 'true')`);
  }
  const numTables = d.u16(4);
  d.need(12, numTables * 16, 0, n, 'the table directory');
  for (let i = 0; i < numTables; i++) {
    const r = 12 + 16 * i;
    const t = tagAt(d, r);
    const offset = d.u32(r + 8), length = d.u32(r + 12);
    if (offset + length > n) throw new FontError(`the '${t.trim()}' table (${length} bytes at ${offset}) runs past the end of the ${n}-byte file`);
    if (!d.tables.has(t)) d.tables.set(t, { offset, length });
  }
  if (d.tables.has('CFF ') || d.tables.has('CFF2')) throw new FontError('this font has CFF outlines; only TrueType (glyf) outlines are supported');
}

/** A cmap subtable lookup: code point → glyph index (0 when unmapped). */
type CharMap = (cp: number) => number;

function cmapFormat4(d: FontData, o: number, end: number): CharMap {
  d.need(o, 14, o, end, "the 'cmap' format 4 subtable");
  const segX2 = d.u16(o + 6);
  if (segX2 === 0 || segX2 % 2 !== 0) throw new FontError(`the 'cmap' format 4 subtable has segCountX2 ${segX2}, expected an even number > 0`);
  const ends = o + 14, starts = ends + segX2 + 2, deltas = starts + segX2, ranges = deltas + segX2;
  d.need(ends, 4 * segX2 + 2, o, end, "the 'cmap' format 4 segments");
  const segs = segX2 / 2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    let lo = 0, hi = segs - 1;
    while (lo < hi) { // first segment whose endCode ≥ cp
      const mid = (lo + hi) >> 1;
      if (d.u16(ends + 2 * mid) < cp) lo = mid + 1; else hi = mid;
    }
    if (d.u16(ends + 2 * lo) < cp || d.u16(starts + 2 * lo) > cp) return 0;
    const delta = d.u16(deltas + 2 * lo), rangeAt = ranges + 2 * lo, range = d.u16(rangeAt);
    if (range === 0) return (cp + delta) & 0xffff;
    const at = rangeAt + range + 2 * (cp - d.u16(starts + 2 * lo));
    if (at + 2 > end) return 0;
    const g = d.u16(at);
    return g === 0 ? 0 : (g + delta) & 0xffff;
  };
}

function cmapFormat12(d: FontData, o: number, end: number): CharMap {
  d.need(o, 16, o, end, "the 'cmap' format 12 subtable");
  const groups = d.u32(o + 12);
  d.need(o + 16, groups * 12, o, end, "the 'cmap' format 12 groups");
  return (cp) => {
    let lo = 0, hi = groups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1, g = o + 16 + 12 * mid;
      if (cp < d.u32(g)) hi = mid - 1;
      else if (cp > d.u32(g + 4)) lo = mid + 1;
      else return d.u32(g + 8) + (cp - d.u32(g));
    }
    return 0;
  };
}

/**
 * FreeType's default charmap (`find_unicode_charmap`): the last UCS-4 subtable (3, 10) or (0, 4),
 * else the last Unicode one ((0, *) or (3, 1)); here among those of format 4 or 12.
 */
function readCmap(d: FontData): CharMap {
  const t = d.table('cmap', 4), end = t.offset + t.length;
  const n = d.u16(t.offset + 2);
  d.need(t.offset + 4, n * 8, t.offset, end, "the 'cmap' encoding records");
  const unicode: { wide: boolean; at: number; format: number }[] = [];
  for (let i = 0; i < n; i++) {
    const r = t.offset + 4 + 8 * i;
    const platform = d.u16(r), encoding = d.u16(r + 2), at = t.offset + d.u32(r + 4);
    if (!(platform === 0 && encoding !== 5) && !(platform === 3 && (encoding === 1 || encoding === 10))) continue;
    d.need(at, 2, t.offset, end, "a 'cmap' subtable");
    const format = d.u16(at);
    if (format !== 4 && format !== 12) continue;
    unicode.push({ wide: (platform === 3 && encoding === 10) || (platform === 0 && encoding === 4), at, format });
  }
  const pick = [...unicode].reverse().find((s) => s.wide) ?? unicode[unicode.length - 1];
  if (!pick) throw new FontError("no Unicode 'cmap' subtable of format 4 or 12 (platform 0, or 3 with encoding 1 or 10)");
  return pick.format === 4 ? cmapFormat4(d, pick.at, end) : cmapFormat12(d, pick.at, end);
}

/**
 * The `kern` table as FreeType reads it (ttkern.c): version-0 subtables of format 0 that are
 * horizontal and not minimum values; a pair's values add up over subtables, or the later one
 * replaces the sum when its coverage has the override bit. Keyed `left · 65536 + right`.
 */
function readKern(d: FontData): Map<number, number> | null {
  const t = d.tables.get('kern');
  if (!t || t.length < 4 || d.u16(t.offset) !== 0) return null;
  const end = t.offset + t.length;
  const pairs = new Map<number, number>();
  let usable = false;
  let p = t.offset + 4;
  for (let i = d.u16(t.offset + 2); i > 0 && p + 6 <= end; i--) {
    const length = d.u16(p + 2), coverage = d.u16(p + 4);
    const next = Math.min(p + length, end);
    if (length > 14 && (coverage >> 8) === 0 && (coverage & 3) === 1 && p + 14 <= next) {
      usable = true;
      const count = Math.min(d.u16(p + 6), Math.floor((next - p - 14) / 6));
      const override = (coverage & 8) !== 0;
      const seen = new Set<number>();
      for (let k = 0, q = p + 14; k < count; k++, q += 6) {
        const key = d.u16(q) * 65536 + d.u16(q + 2);
        if (seen.has(key)) continue; // a duplicate pair: a binary search finds one of them
        seen.add(key);
        const v = d.i16(q + 4);
        pairs.set(key, override ? v : (pairs.get(key) ?? 0) + v);
      }
    }
    if (length === 0) break;
    p += length;
  }
  return usable ? pairs : null;
}

// ---------------------------------------------------------------------------------------------
// glyphs

/** A glyph scaled to the font's size: outline (26.6), hinted advance, bitmap and pixel control box. */
interface Glyph {
  advance: number;
  bitmap: GlyphBitmap;
  /** FT_Glyph_Get_CBox(FT_GLYPH_BBOX_PIXELS): `[xMin, yMin, xMax, yMax]` in whole pixels. */
  box: [number, number, number, number];
}

/** Points of a glyph under construction (26.6, y up), before packing into an Outline. */
interface Points {
  xs: number[];
  ys: number[];
  on: number[];
  ends: number[];
  /** Design-unit advance (`hmtx`, or a component's with USE_MY_METRICS). */
  advanceUnits: number;
}

const ARG_1_AND_2_ARE_WORDS = 0x1, ARGS_ARE_XY_VALUES = 0x2, ROUND_XY_TO_GRID = 0x4, WE_HAVE_A_SCALE = 0x8;
const MORE_COMPONENTS = 0x20, WE_HAVE_AN_X_AND_Y_SCALE = 0x40, WE_HAVE_A_TWO_BY_TWO = 0x80, USE_MY_METRICS = 0x200;
const SCALED_COMPONENT_OFFSET = 0x800;
/** Deepest nesting of composite glyphs followed (a cycle in the font stops here with a FontError). */
const MAX_COMPONENT_DEPTH = 16;
const MAX_SIZE = 16384;

const fontBrand = new WeakSet<object>();

class Font implements TrueTypeFont {
  readonly size: number;
  readonly ascent: number;
  readonly descent: number;
  readonly unitsPerEm: number;
  readonly numGlyphs: number;
  /** 26.6 size metrics: FT_Size_Metrics.ascender / descender (grid-fitted). */
  readonly ascender26: number;
  private readonly data: FontData;
  private readonly scale: number;
  private readonly cmap: CharMap;
  private readonly kern: Map<number, number> | null;
  private readonly loca: Uint32Array;
  private readonly glyf: Table;
  private readonly hmtx: Table;
  private readonly numHMetrics: number;
  private readonly glyphs = new Map<number, Glyph>();

  constructor(bytes: Uint8Array, size: number) {
    const d = new FontData(bytes);
    this.data = d;
    readDirectory(d);
    const head = d.table('head', 54);
    if (d.u32(head.offset + 12) !== 0x5f0f3cf5) throw new FontError(`the 'head' table has magic 0x${d.u32(head.offset + 12).toString(16)}, expected 0x5f0f3cf5`);
    this.unitsPerEm = d.u16(head.offset + 18);
    if (this.unitsPerEm < 16 || this.unitsPerEm > 16384) throw new FontError(`head.unitsPerEm is ${this.unitsPerEm}, expected 16..16384`);
    const locFormat = d.i16(head.offset + 50);
    if (locFormat !== 0 && locFormat !== 1) throw new FontError(`head.indexToLocFormat is ${locFormat}, expected 0 or 1`);
    const hhea = d.table('hhea', 36);
    this.numGlyphs = d.u16(d.table('maxp', 6).offset + 4);
    if (this.numGlyphs === 0) throw new FontError('maxp.numGlyphs is 0');
    this.numHMetrics = d.u16(hhea.offset + 34);
    if (this.numHMetrics === 0 || this.numHMetrics > this.numGlyphs) {
      throw new FontError(`hhea.numberOfHMetrics is ${this.numHMetrics}, expected 1..${this.numGlyphs} (maxp.numGlyphs)`);
    }
    this.hmtx = d.table('hmtx', 4 * this.numHMetrics);
    this.glyf = d.table('glyf', 0);
    const locaEntries = this.numGlyphs + 1;
    const loca = d.table('loca', locaEntries * (locFormat === 0 ? 2 : 4));
    this.loca = new Uint32Array(locaEntries);
    for (let i = 0; i < locaEntries; i++) {
      const v = locFormat === 0 ? d.u16(loca.offset + 2 * i) * 2 : d.u32(loca.offset + 4 * i);
      if (v > this.glyf.length || (i > 0 && v < this.loca[i - 1])) {
        throw new FontError(`'loca' entry ${i} is ${v}: the offsets must rise and stay inside the ${this.glyf.length}-byte 'glyf' table`);
      }
      this.loca[i] = v;
    }
    this.cmap = readCmap(d);
    this.kern = readKern(d);
    // sfobjs.c: hhea's ascender and descender, or OS/2's typographic, or its Windows ones
    let asc = d.i16(hhea.offset + 4), desc = d.i16(hhea.offset + 6);
    const os2 = d.tables.get('OS/2');
    if (asc === 0 && desc === 0 && os2 && os2.length >= 78 && d.u16(os2.offset) !== 0xffff) {
      asc = d.i16(os2.offset + 68); desc = d.i16(os2.offset + 70);
      if (asc === 0 && desc === 0) { asc = d.u16(os2.offset + 74); desc = -d.u16(os2.offset + 76); }
    }
    this.size = size;
    this.scale = divFix(size * 64, this.unitsPerEm);
    this.ascender26 = pixCeil(mulFix(asc, this.scale));
    this.ascent = pixel(this.ascender26);
    this.descent = -pixel(pixFloor(mulFix(desc, this.scale)));
    fontBrand.add(this);
  }

  getLength(text: string): number {
    if (arguments.length > 1) throw tooManyArguments('getLength', ['text'], arguments.length);
    if (typeof text !== 'string') throw typeError('text', 'a string', text);
    const { advances } = this.layout(text);
    let sum = 0;
    for (const a of advances) sum += a;
    return sum / 64;
  }

  glyphIndex(codePoint: number): number {
    if (arguments.length > 1) throw tooManyArguments('glyphIndex', ['codePoint'], arguments.length);
    checkInt(codePoint, 'codePoint', 0, 0x10ffff);
    return this.charIndex(codePoint);
  }

  /** FT_Get_Char_Index: indices past the last glyph count as missing. */
  private charIndex(cp: number): number {
    const g = this.cmap(cp);
    return g < this.numGlyphs ? g : 0;
  }

  /** `text_layout_fallback`: glyph indices and 26.6 advances, with Pillow 9.4's kerning. */
  layout(text: string): { ids: number[]; advances: number[] } {
    const ids: number[] = [], advances: number[] = [];
    let last = 0;
    for (const ch of text) {
      const g = this.charIndex(ch.codePointAt(0)!);
      if (this.kern && last && g) {
        const k = this.kern.get(last * 65536 + g);
        // FT_Get_Kerning(FT_KERNING_DEFAULT) in 26.6, which Pillow adds as PIXEL(delta) to a 26.6 advance
        if (k) advances[advances.length - 1] += pixel(this.kerning26(k));
      }
      ids.push(g);
      advances.push(this.glyph(g).advance);
      last = g;
    }
    return { ids, advances };
  }

  /** FT_Get_Kerning's scaling: design units → 26.6, damped below 25 ppem, rounded to whole pixels. */
  private kerning26(units: number): number {
    let v = mulFix(units, this.scale);
    if (this.size < 25) v = mulDiv(v, this.size, 25);
    return pixRound(v);
  }

  /** The glyph scaled, rendered and measured (cached: the font object has one size). */
  glyph(id: number): Glyph {
    let g = this.glyphs.get(id);
    if (g) return g;
    const p = this.loadPoints(id, 0);
    const lsbShift = this.originShift(id);
    const outline: Outline = {
      xs: Int32Array.from(p.xs, (x) => x - lsbShift), ys: Int32Array.from(p.ys),
      onCurve: Uint8Array.from(p.on), contourEnds: Int32Array.from(p.ends),
    };
    const [x0, y0, x1, y1] = controlBox(outline);
    g = {
      advance: pixRound(mulFix(p.advanceUnits, this.scale)),
      bitmap: rasterize(outline),
      box: [Math.floor(x0 / 64), Math.floor(y0 / 64), Math.ceil(x1 / 64), Math.ceil(y1 / 64)],
    };
    this.glyphs.set(id, g);
    return g;
  }

  private advanceUnits(id: number): number {
    const i = Math.min(id, this.numHMetrics - 1);
    return this.data.u16(this.hmtx.offset + 4 * i);
  }

  private leftBearing(id: number): number {
    const d = this.data, h = this.hmtx;
    if (id < this.numHMetrics) return d.i16(h.offset + 4 * id + 2);
    const at = h.offset + 4 * this.numHMetrics + 2 * (id - this.numHMetrics);
    return at + 2 <= h.offset + h.length ? d.i16(at) : 0;
  }

  /** The glyph's origin (phantom point 1, `xMin − lsb`) moved to 0, rounded as the hinted loader does. */
  private originShift(id: number): number {
    const start = this.glyf.offset + this.loca[id];
    if (this.loca[id + 1] - this.loca[id] < 10) return 0;
    return pixRound(mulFix(this.data.i16(start + 2) - this.leftBearing(id), this.scale));
  }

  /** The scaled points of glyph `id` (simple or composite), as TT_Load_Glyph assembles them. */
  private loadPoints(id: number, depth: number): Points {
    const d = this.data;
    if (id >= this.numGlyphs) throw new FontError(`a composite glyph refers to glyph ${id}, past maxp.numGlyphs ${this.numGlyphs}`);
    const start = this.glyf.offset + this.loca[id], end = this.glyf.offset + this.loca[id + 1];
    const pts: Points = { xs: [], ys: [], on: [], ends: [], advanceUnits: this.advanceUnits(id) };
    if (end === start) return pts; // no outline (a space)
    const what = `glyph ${id}`;
    d.need(start, 10, start, end, what);
    const contours = d.i16(start);
    if (contours >= 0) this.simpleGlyph(start, end, contours, pts, what);
    else this.compositeGlyph(start, end, depth, pts, what);
    return pts;
  }

  private simpleGlyph(start: number, end: number, contours: number, pts: Points, what: string): void {
    const d = this.data;
    let p = start + 10;
    d.need(p, 2 * contours + 2, start, end, what);
    let n = 0;
    for (let c = 0; c < contours; c++) {
      const e = d.u16(p + 2 * c);
      if (e + 1 < n) throw new FontError(`${what}: contour end points must not decrease (${e} after ${n - 1})`);
      n = e + 1;
      pts.ends.push(e);
    }
    p += 2 * contours;
    p += 2 + d.u16(p); // instructions, not run
    const flags = new Uint8Array(n);
    for (let i = 0; i < n;) {
      d.need(p, 1, start, end, `${what} flags`);
      const f = d.u8(p++);
      flags[i++] = f;
      if (f & 8) {
        d.need(p, 1, start, end, `${what} flags`);
        for (let r = d.u8(p++); r > 0; r--) {
          if (i >= n) throw new FontError(`${what}: a flag repeats past the last point`);
          flags[i++] = f;
        }
      }
    }
    const read = (shortBit: number, sameBit: number, out: number[], scale: number): void => {
      let v = 0;
      for (let i = 0; i < n; i++) {
        const f = flags[i];
        if (f & shortBit) {
          d.need(p, 1, start, end, `${what} coordinates`);
          const b = d.u8(p++);
          v += f & sameBit ? b : -b;
        } else if (!(f & sameBit)) {
          d.need(p, 2, start, end, `${what} coordinates`);
          v += d.i16(p); p += 2;
        }
        out.push(mulFix(v, scale));
      }
    };
    read(2, 16, pts.xs, this.scale);
    read(4, 32, pts.ys, this.scale);
    for (let i = 0; i < n; i++) pts.on.push(flags[i] & 1);
  }

  /** TT_Process_Composite_Component for each component: transform, then offset (or point matching). */
  private compositeGlyph(start: number, end: number, depth: number, pts: Points, what: string): void {
    if (depth >= MAX_COMPONENT_DEPTH) throw new FontError(`${what}: composite glyphs nested deeper than ${MAX_COMPONENT_DEPTH} (a cycle?)`);
    const d = this.data;
    let p = start + 10;
    let flags: number;
    do {
      d.need(p, 4, start, end, `${what} component`);
      flags = d.u16(p);
      const child = d.u16(p + 2);
      p += 4;
      let arg1: number, arg2: number;
      const xyValues = (flags & ARGS_ARE_XY_VALUES) !== 0;
      if (flags & ARG_1_AND_2_ARE_WORDS) {
        d.need(p, 4, start, end, `${what} component`);
        arg1 = xyValues ? d.i16(p) : d.u16(p); arg2 = xyValues ? d.i16(p + 2) : d.u16(p + 2); p += 4;
      } else {
        d.need(p, 2, start, end, `${what} component`);
        arg1 = d.u8(p); arg2 = d.u8(p + 1); p += 2;
        if (xyValues) { arg1 = (arg1 << 24) >> 24; arg2 = (arg2 << 24) >> 24; }
      }
      // 2×2 matrix in 16.16 (F2Dot14 · 4): x' = xx·x + xy·y, y' = yx·x + yy·y
      let xx = 0x10000, xy = 0, yx = 0, yy = 0x10000;
      const scaled = (flags & (WE_HAVE_A_SCALE | WE_HAVE_AN_X_AND_Y_SCALE | WE_HAVE_A_TWO_BY_TWO)) !== 0;
      if (flags & WE_HAVE_A_SCALE) {
        d.need(p, 2, start, end, `${what} component`);
        xx = yy = d.i16(p) * 4; p += 2;
      } else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) {
        d.need(p, 4, start, end, `${what} component`);
        xx = d.i16(p) * 4; yy = d.i16(p + 2) * 4; p += 4;
      } else if (flags & WE_HAVE_A_TWO_BY_TWO) {
        d.need(p, 8, start, end, `${what} component`);
        xx = d.i16(p) * 4; yx = d.i16(p + 2) * 4; xy = d.i16(p + 4) * 4; yy = d.i16(p + 6) * 4; p += 8;
      }
      const sub = this.loadPoints(child, depth + 1);
      const base = pts.xs.length;
      for (let i = 0; i < sub.xs.length; i++) {
        const x = sub.xs[i], y = sub.ys[i];
        pts.xs.push(scaled ? mulFix(x, xx) + mulFix(y, xy) : x);
        pts.ys.push(scaled ? mulFix(x, yx) + mulFix(y, yy) : y);
        pts.on.push(sub.on[i]);
      }
      for (const e of sub.ends) pts.ends.push(e + base);
      if (flags & USE_MY_METRICS) pts.advanceUnits = sub.advanceUnits;
      let ox: number, oy: number;
      if (xyValues) {
        ox = arg1; oy = arg2;
        if (scaled && (flags & SCALED_COMPONENT_OFFSET)) {
          ox = mulFix(ox, Math.round(Math.hypot(xx, xy))); oy = mulFix(oy, Math.round(Math.hypot(yy, yx)));
        }
        ox = mulFix(ox, this.scale); oy = mulFix(oy, this.scale);
        // hinted loading rounds the vertical offset (the v40 interpreter leaves x alone)
        if (flags & ROUND_XY_TO_GRID) oy = pixRound(oy);
      } else {
        const k = arg1, l = arg2 + base;
        if (k >= base || l >= pts.xs.length) throw new FontError(`${what}: a component matches points ${arg1} and ${arg2}, which do not exist`);
        ox = pts.xs[k] - pts.xs[l]; oy = pts.ys[k] - pts.ys[l];
      }
      if (ox || oy) {
        for (let i = base; i < pts.xs.length; i++) { pts.xs[i] += ox; pts.ys[i] += oy; }
      }
    } while (flags & MORE_COMPONENTS);
  }
}

/**
 * `ImageFont.truetype(bytes, size, layout_engine=ImageFont.Layout.BASIC)` (Pillow 9.4): reads a
 * TrueType font (`.ttf`, glyf outlines) for `text(img, xy, str, { font })` at `size` pixels per em.
 * The whole file is read and checked up front (table directory, head, hhea, maxp, hmtx, loca,
 * cmap, kern); a glyph's outline is read when first drawn. Throws a `FontError` for bytes that
 * are not a usable TrueType font (CFF-flavoured OpenType, collections and WOFF included). See
 * `TrueTypeFont` for the fields of the result, and docs/pillow.md for how close the rendering is
 * to Pillow's (FreeType's hinting is not reproduced; layout and metrics are).
 */
export function loadFont(bytes: Uint8Array, size: number): TrueTypeFont {
  if (arguments.length > 2) throw tooManyArguments('loadFont', ['bytes', 'size'], arguments.length);
  if (!(bytes instanceof Uint8Array)) throw typeError('bytes', 'a Uint8Array (the bytes of a .ttf file)', bytes);
  checkInt(size, 'size', 1, MAX_SIZE);
  return new Font(bytes, size);
}

/** Glyph `id` of a `loadFont` font rendered unhinted: FreeType's glyph slot after FT_LOAD_NO_HINTING | FT_LOAD_RENDER. */
export function renderGlyph(font: TrueTypeFont, id: number): GlyphBitmap {
  return (font as Font).glyph(id).bitmap;
}

/** Whether `v` is a font made by `loadFont`. */
export function isTrueTypeFont(v: unknown): v is TrueTypeFont {
  return typeof v === 'object' && v !== null && fontBrand.has(v);
}

/** A rendered line of text: the mask Pillow's `getmask2` makes and where `draw_bitmap` puts it. */
export interface TextMask {
  width: number;
  height: number;
  /** `width × height` coverage bytes, row-major. */
  pixels: Uint8Array;
  /** Offset of the mask from `(int(x), int(y))`: `getmask2`'s offset. */
  dx: number;
  dy: number;
}

/**
 * `FreeTypeFont.getmask2(text, 'L', anchor='la', start)`: font_getsize, then font_render into a
 * mask of `ceil(size + start)` pixels, glyphs combined by maximum. `startX`/`startY` are the
 * fractional parts of the position (`math.modf`), which font_render reads as C floats.
 */
export function textMask(font: TrueTypeFont, text: string, startX: number, startY: number): TextMask {
  const f = font as Font;
  const { ids, advances } = f.layout(text);
  if (ids.length === 0) return { width: 0, height: 0, pixels: new Uint8Array(0), dx: 0, dy: 0 };
  // font_getsize: box of the pen line and the glyphs' pixel boxes
  let position = 0, xMin = 0, xMax = 0, yMin = 0, yMax = 0;
  for (let i = 0; i < ids.length; i++) {
    const px = pixel(position);
    position += advances[i];
    xMax = Math.max(xMax, pixel(position));
    const [bx0, by0, bx1, by1] = f.glyph(ids[i]).box;
    xMax = Math.max(xMax, bx1 + px); xMin = Math.min(xMin, bx0 + px);
    yMax = Math.max(yMax, by1); yMin = Math.min(yMin, by0);
  }
  const width = Math.ceil(xMax - xMin + startX), height = Math.ceil(yMax - yMin + startY);
  const dx = xMin, dy = f.ascent - yMax;
  const pixels = new Uint8Array(Math.max(width, 0) * Math.max(height, 0));
  // font_render, first pass: the bitmaps' left-most and top-most pixels
  let renderXMin = 0, renderYMax = 0;
  for (let i = 0, x = 0; i < ids.length; i++) {
    const b = f.glyph(ids[i]).bitmap;
    renderYMax = Math.max(renderYMax, b.top);
    renderXMin = Math.min(renderXMin, b.left + pixel(x));
    x += advances[i];
  }
  const fx = Math.fround(startX), fy = Math.fround(startY);
  let x = Math.trunc(Math.fround(Math.fround(-renderXMin + fx) * 64));
  const y = Math.trunc(Math.fround(Math.fround(-renderYMax - fy) * 64));
  for (let i = 0; i < ids.length; i++) {
    const b = f.glyph(ids[i]).bitmap;
    const xx = pixel(x) + b.left;
    let yy = -(pixel(y) + b.top);
    const k0 = Math.max(0, -xx), k1 = Math.min(b.width, width - xx);
    for (let r = 0; r < b.rows; r++, yy++) {
      if (yy < 0 || yy >= height) continue;
      const src = r * b.width, dst = yy * width + xx;
      for (let k = k0; k < k1; k++) {
        const v = b.pixels[src + k];
        if (pixels[dst + k] < v) pixels[dst + k] = v;
      }
    }
    x += advances[i];
  }
  return { width: Math.max(width, 0), height: Math.max(height, 0), pixels, dx, dy };
}

/**
 * `ImageDraw.textsize("A", font)[1]`, the line height `multiline_text` adds `spacing` to: the
 * ascender minus the lowest pixel of "A" (or the baseline).
 */
export function lineHeight(font: TrueTypeFont): number {
  const f = font as Font;
  const { ids } = f.layout('A');
  let yMin = 0;
  for (const id of ids) yMin = Math.min(yMin, f.glyph(id).box[1]);
  return f.ascent - yMin;
}
