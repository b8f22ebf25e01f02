// Pillow 9.4's default font, `ImageFont.load_default()`: the bitmap font embedded in Pillow's
// src/PIL/ImageFont.py (commented there "# courB08"; a PILfont made from X11's courB08.bdf, Adobe
// Courier Bold at 8 points, 100 dpi, 11 pixels high, 6 pixels wide; Latin-1 codes 32–126 and 161–255,
// the other codes empty). Re-packed here by test/golden/generate_pillow_draw.py (`--font`) from
// Debian's Pillow 9.4; the glyph pasting follows _imaging.c `_font_getmask` / libImaging Paste.c.
//
// Licences. Pillow (and the PIL font data in ImageFont.py): "Copyright © 1997-2011 by Secret Labs
// AB, Copyright © 1995-2011 by Fredrik Lundh, Copyright © 2010-2023 by Alex Clark and contributors",
// under the HPND licence: "Permission to use, copy, modify, and distribute this software and its
// associated documentation for any purpose and without fee is hereby granted, provided that the
// above copyright notice appears in all copies, and that both that copyright notice and this
// permission notice appear in supporting documentation, and that the name of Secret Labs AB or the
// author not be used in advertising or publicity pertaining to distribution of the software
// without specific, written prior permission." (Pillow's LICENSE file.)
// The glyphs come from courB08.bdf (shipped by Pillow 9.4 as Tests/images/courB08.bdf), whose notice
// reads: "Copyright 1984, 1987 Adobe Systems, Inc. Portions Copyright 1988 Digital Equipment
// Corporation. Adobe is a registered trademark of Adobe Systems, Inc. Permission to use these
// trademarks is hereby granted only in association with the images described in this file.
// Permission to use, copy, modify, and distribute this software and its documentation for any
// purpose and without fee is hereby granted, provided that the above copyright notices appear in
// all copies and that both those copyright notices and this permission notice appear in supporting
// documentation, and that the names of Adobe Systems and Digital Equipment Corporation not be used
// in advertising or publicity pertaining to distribution of the software without specific, written
// prior permission. Adobe Systems and Digital Equipment Corporation make no representations about
// the suitability of this software for any purpose. It is provided "as is" without express or
// implied warranty. ADOBE SYSTEMS AND DIGITAL EQUIPMENT CORPORATION DISCLAIM ALL WARRANTIES WITH
// REGARD TO THIS SOFTWARE, INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS, IN NO
// EVENT SHALL ADOBE SYSTEMS AND DIGITAL EQUIPMENT CORPORATION BE LIABLE FOR ANY SPECIAL, INDIRECT
// OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS,
// WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN
// CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE."

/** A rendered string: `width × height` bytes (row-major), nonzero where the glyphs are set. */
export interface FontMask {
  width: number;
  height: number;
  bits: Uint8Array;
}

/**
 * Per glyph (codes 32–126 then 161–255), 3 bytes little-endian: `dx0 + 1` (2 bits), `dy0 + 9`
 * (4 bits), `dx1` (3 bits), `dy1 + 5` (3 bits), `sy0 / 10` (1 bit), `sx0` (10 bits). Every glyph
 * advances 6 pixels; its source box is `sx0, sy0` and the size of its destination box
 * `(dx0, dy0)–(dx1, dy1)`, relative to the pen on the baseline.
 */
const METRICS =
  'YQoAzioADmUASc0ARW0BSQsCTKsCCmMDCs0DCi0ECYUETQkFIq8FVQUG4qoGSu0GSWsHiQsIScsISWsJiQsKScsKSWsLSQsMSasM' +
  'SUsN1uoN1S4ODYkOEQcPTokPTQsQia0QjGsRTEsSTQsTTKsTTGsUTCsVTesVjIsWDWsXTOsXjKsYTIsZTEsajAsbTesbTIscTU0d' +
  'jOsdTcseTGsfjCsgjAshjOshjcsijIsjTWskCg0lCW0lCu0lSUMmqe8mCqMnkQsoSMsoUYspiSsqUesqSYsrkS8sSOssiastCW8u' +
  'iOsuicsvUIswUEsxUQsyUK8ykW8zkSs0kes0ias1kGs2UEs3kAs4kes4kK85UYs6Si07z6w7Cc07UUU80u48SS09ics9TYk+iSs/' +
  'y+4/SQ1ADqFAiQtBSsdBkEtCUSdDVcVDyWtEDUFFCcNFTUtGCuVGCkVHC6FHkO9Hic1I1oRJIs9JCiVKSodKkAtLiOtLiMtMiKtN' +
  'UY9OgCtPgAtQgOtQgMtRhKtSgItTjGtUTU9VQOtVQKtWQGtXRCtYAetYAWtZAetZBWtaTOtagKtbQYtcQStdQctdQWteRQtfTalf' +
  'jEtggCthgAtigOtihBsAgPsATNsBjJsChXsDhTsEhfsEhbsFiXsGgTsHUPsHUb8IRVsJRfsJRZsKSTsLhdsLhZsMhVsNiRsORdsO' +
  'hHsPRVsQRfsQRZsRRTsSSdsSTXkTTR0UhLsUhJsVhHsWiFsXhD8YSB8ZiN8Z';

/** The glyph sheet, 798×20 pixels, 1 bit each, rows of 100 bytes, most significant bit first. */
const BITMAP =
  'dUThzMIj/i4xzhvu+52z/HOPPn/f/u7+f28x7u+d8f/3768+f/HJ/nOHHOO3wYfDz7Z3ze7zHbvX33+fG5Do530zjf/nPYj72f1m' +
  '2YMHAxAQINFDD95AhCiElfGkEI1UTpAIIHVPqwkvIgA783s7G972BgaeRxvbbDG2zDNGG3W29ts2tmyp5nvQ3ALZjY22bMAAwMfb' +
  '23s7ww2bVPNrNawRpyVISFsECIJJVNqgqWyJEiAIIFEgBId2IQoASUDaQiFSApsIEFB3+fGTNvwAWzBjW9ge9gzzNMUew289h8wz' +
  'hht1tvbbxjYoqMPGyPYBeew9/+z3ntjFW9t7MPfNjnxjZjWBvIV/YLd2BBdBvojaoyY2kSFDAAAAA8MNsAAAfgAf6AAAAHEfAAAA' +
  'YV4j4zkgAFswztt+M5+2BmVPm8NsMfbNs8Yfbbe28OY2OPjBjMjAANm97YZs2YbwxVvbezA7DY488U3kwefnGZCkGwAWQAnw2aBw' +
  'beveozx48eHHjzH//7P/7M93Oc7am3fv3AFPfsMwIACbMYP8ezbGIwwFTZvbbbG2zbNm1W22NtpmNjhx4ZvEwAD9t2z2PNmG4MVb' +
  'c8958wfEKbnPtYHgiP5It82AFUAAAPygD9hYqWYcOHDhQ5t2yyy8zMzbLe973Fs2bNhj46vjMAAAmzN7Gntm9kAAZP3+d9/4/v7n' +
  'v/Xk7x3vzxwQUzPfxMAAAbBsBgzZhvDAAAMDAANgAAABgDWBvZAZMEgAAAiAPgCAoAAAvRL8lChQo+Kb3PPPMMzN863ve9guNmzY' +
  'AVs4ASAAAQ7/7hvOY5wAAAYAAAAAAAAAAAAAAAAGAAAAAAAAAMLAAAPgPg/43+bf8AAHh4ABwAAABwA1gZPgPZAwAAAHAAAAgKAA' +
  'AAg4Jz58+fNnwATDDDbMzAPt73vYADZs2AFeAADAAAEAAAAAAAAAAAADgAAAAAAAAAAAAAAAAAAAAAAAAADjwAAAAAAAAAAGAAAA' +
  'AAAAAAAAAAAAGwAQAAHwAAAAAAAAAAGwAAAAAAA2bNm3dsAY223+zN4Dbe97cAA2bNgABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAHAAAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAd+/fuA7gAf//gf/gB2c5zgAAHDhw' +
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACgLg4QIQ0oY25BCKIEIU0aQQjVECQECCgTgoAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEeaCEKSAJW7IhQBCFAGJCIVIAHCCBQAI' +
  'YAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
  '7gG3wAAADhj+AAA4AABywAAAAd/YAAA7AHu4AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAG3Ntm4445MBZtznbcccMfsc5ztg/27dm3dtsAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABszeZzTTTPObu3vfzDDDNtt73vZNtmzZs2' +
  'bbAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
  'bHuOzzzz20wAv//gwwwzbbe972BzZs2bNmygAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAGwwABtttt+8AzGMPMMM/223ve3Ag2bNj5R44AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA4MAAf///gbAAe94P//wHN3Oc4AAHz58Ac' +
  'YMAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
  'AHgAAAAAAH4AAAAAAAAAAAAAAAAAAAAAGPPAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAHgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

const SHEET_W = 798, SHEET_H = 20, ROW_BYTES = 100;
/** The font's `baseline` (−min dy0) and `ysize` (max dy1 − min dy0), as `_font_new` computes them. */
const BASELINE = 9, YSIZE = 11, ADVANCE = 6;

interface Glyph { dx0: number; dy0: number; dx1: number; dy1: number; sx0: number; sy0: number }

let glyphs: (Glyph | null)[] | null = null;
let sheet: Uint8Array | null = null;

function decodeBase64(s: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lookup = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) lookup[alphabet.charCodeAt(i)] = i;
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor(clean.length * 3 / 4));
  let acc = 0, n = 0, o = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | lookup[clean.charCodeAt(i)];
    n += 6;
    if (n >= 8) { n -= 8; out[o++] = (acc >> n) & 255; }
  }
  return out;
}

function load(): [(Glyph | null)[], Uint8Array] {
  if (glyphs && sheet) return [glyphs, sheet];
  const m = decodeBase64(METRICS);
  const g: (Glyph | null)[] = new Array<Glyph | null>(256).fill(null);
  let k = 0;
  for (let code = 0; code < 256; code++) {
    if (code < 32 || (code > 126 && code < 161)) continue;
    const v = m[k] | m[k + 1] << 8 | m[k + 2] << 16;
    k += 3;
    g[code] = {
      dx0: (v & 3) - 1, dy0: ((v >> 2) & 15) - 9, dx1: (v >> 6) & 7, dy1: ((v >> 9) & 7) - 5,
      sy0: ((v >> 12) & 1) * 10, sx0: v >> 13,
    };
  }
  const b = decodeBase64(BITMAP);
  const s = new Uint8Array(SHEET_W * SHEET_H);
  for (let y = 0; y < SHEET_H; y++) {
    for (let x = 0; x < SHEET_W; x++) s[y * SHEET_W + x] = (b[y * ROW_BYTES + (x >> 3)] >> (7 - (x & 7))) & 1;
  }
  glyphs = g;
  sheet = s;
  return [g, s];
}

/**
 * `ImageFont.load_default().getmask(text)` (`_font_getmask`): a mask `6·n × 11` for `n` Latin-1
 * characters (codes 0–31 and 127–160 have no glyph and no advance), each glyph's box pasted (not
 * OR-ed: a later glyph's blank pixels overwrite an earlier glyph's ink) at the pen position, clipped;
 * the text ends at its first NUL, as the C string does.
 */
export function defaultFontMask(text: string): FontMask {
  const [g, s] = load();
  const nul = text.indexOf('\0');
  if (nul >= 0) text = text.slice(0, nul); // a C string: the text ends at the first NUL
  let width = 0;
  for (let i = 0; i < text.length; i++) if (g[text.charCodeAt(i)]) width += ADVANCE;
  const bits = new Uint8Array(width * YSIZE);
  let x = 0;
  for (let i = 0; i < text.length; i++) {
    const glyph = g[text.charCodeAt(i)];
    if (!glyph) continue;
    const { dx0, dy0, dx1, dy1, sx0, sy0 } = glyph;
    for (let yy = dy0; yy < dy1; yy++) {
      const ty = yy + BASELINE;
      if (ty < 0 || ty >= YSIZE) continue;
      for (let xx = dx0; xx < dx1; xx++) {
        const tx = x + xx;
        if (tx < 0 || tx >= width) continue;
        bits[ty * width + tx] = s[(sy0 + yy - dy0) * SHEET_W + sx0 + xx - dx0];
      }
    }
    x += ADVANCE;
  }
  return { width, height: YSIZE, bits };
}
