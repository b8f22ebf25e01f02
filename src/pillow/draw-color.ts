// Pillow 9.4's colour strings for ImageDraw (`ImageColor.getcolor(color, mode)`, PIL/ImageColor.py):
// the 148 CSS / X11 names, `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb(r, g, b)`, `rgb(r%, g%, b%)`,
// `rgba(r, g, b, a)`, `hsl(h, s%, l%)`, `hsv(h, s%, v%)` / `hsb(…)`, case-insensitive, with
// Python's float arithmetic (colorsys) for hsl/hsv, then converted to the image mode as getcolor does.
import { rangeError } from '../core/errors.ts';

/** `ImageColor.colormap`, resolved: each name followed by its 6 hex digits, space-separated. */
const NAMES =
  'alicebluef0f8ff antiquewhitefaebd7 aqua00ffff aquamarine7fffd4 azuref0ffff beigef5f5dc ' +
  'bisqueffe4c4 black000000 blanchedalmondffebcd blue0000ff blueviolet8a2be2 browna52a2a ' +
  'burlywooddeb887 cadetblue5f9ea0 chartreuse7fff00 chocolated2691e coralff7f50 ' +
  'cornflowerblue6495ed cornsilkfff8dc crimsondc143c cyan00ffff darkblue00008b darkcyan008b8b ' +
  'darkgoldenrodb8860b darkgraya9a9a9 darkgreen006400 darkgreya9a9a9 darkkhakibdb76b ' +
  'darkmagenta8b008b darkolivegreen556b2f darkorangeff8c00 darkorchid9932cc darkred8b0000 ' +
  'darksalmone9967a darkseagreen8fbc8f darkslateblue483d8b darkslategray2f4f4f darkslategrey2f4f4f ' +
  'darkturquoise00ced1 darkviolet9400d3 deeppinkff1493 deepskyblue00bfff dimgray696969 ' +
  'dimgrey696969 dodgerblue1e90ff firebrickb22222 floralwhitefffaf0 forestgreen228b22 fuchsiaff00ff ' +
  'gainsborodcdcdc ghostwhitef8f8ff goldffd700 goldenroddaa520 gray808080 green008000 ' +
  'greenyellowadff2f grey808080 honeydewf0fff0 hotpinkff69b4 indianredcd5c5c indigo4b0082 ' +
  'ivoryfffff0 khakif0e68c lavendere6e6fa lavenderblushfff0f5 lawngreen7cfc00 lemonchiffonfffacd ' +
  'lightblueadd8e6 lightcoralf08080 lightcyane0ffff lightgoldenrodyellowfafad2 lightgrayd3d3d3 ' +
  'lightgreen90ee90 lightgreyd3d3d3 lightpinkffb6c1 lightsalmonffa07a lightseagreen20b2aa ' +
  'lightskyblue87cefa lightslategray778899 lightslategrey778899 lightsteelblueb0c4de ' +
  'lightyellowffffe0 lime00ff00 limegreen32cd32 linenfaf0e6 magentaff00ff maroon800000 ' +
  'mediumaquamarine66cdaa mediumblue0000cd mediumorchidba55d3 mediumpurple9370db ' +
  'mediumseagreen3cb371 mediumslateblue7b68ee mediumspringgreen00fa9a mediumturquoise48d1cc ' +
  'mediumvioletredc71585 midnightblue191970 mintcreamf5fffa mistyroseffe4e1 moccasinffe4b5 ' +
  'navajowhiteffdead navy000080 oldlacefdf5e6 olive808000 olivedrab6b8e23 orangeffa500 ' +
  'orangeredff4500 orchidda70d6 palegoldenrodeee8aa palegreen98fb98 paleturquoiseafeeee ' +
  'palevioletreddb7093 papayawhipffefd5 peachpuffffdab9 perucd853f pinkffc0cb plumdda0dd ' +
  'powderblueb0e0e6 purple800080 rebeccapurple663399 redff0000 rosybrownbc8f8f royalblue4169e1 ' +
  'saddlebrown8b4513 salmonfa8072 sandybrownf4a460 seagreen2e8b57 seashellfff5ee siennaa0522d ' +
  'silverc0c0c0 skyblue87ceeb slateblue6a5acd slategray708090 slategrey708090 snowfffafa ' +
  'springgreen00ff7f steelblue4682b4 tand2b48c teal008080 thistled8bfd8 tomatoff6347 ' +
  'turquoise40e0d0 violetee82ee wheatf5deb3 whiteffffff whitesmokef5f5f5 yellowffff00 ' +
  'yellowgreen9acd32';

let names: Map<string, [number, number, number]> | null = null;

function colormap(): Map<string, [number, number, number]> {
  if (names) return names;
  names = new Map();
  for (const entry of NAMES.split(' ')) {
    const hex = entry.slice(-6);
    names.set(entry.slice(0, -6), [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)]);
  }
  return names;
}

const ONE_THIRD = 1.0 / 3.0, ONE_SIXTH = 1.0 / 6.0, TWO_THIRD = 2.0 / 3.0;

/** Python's float `x % 1.0`. */
function mod1(x: number): number {
  const m = x % 1.0;
  return m !== 0 && m < 0 ? m + 1.0 : m === 0 ? 0 : m;
}

function hlsV(m1: number, m2: number, hue: number): number {
  hue = mod1(hue);
  if (hue < ONE_SIXTH) return m1 + (m2 - m1) * hue * 6.0;
  if (hue < 0.5) return m2;
  if (hue < TWO_THIRD) return m1 + (m2 - m1) * (TWO_THIRD - hue) * 6.0;
  return m1;
}

/** `colorsys.hls_to_rgb`. */
function hlsToRgb(h: number, l: number, s: number): number[] {
  if (s === 0.0) return [l, l, l];
  const m2 = l <= 0.5 ? l * (1.0 + s) : l + s - (l * s);
  const m1 = 2.0 * l - m2;
  return [hlsV(m1, m2, h + ONE_THIRD), hlsV(m1, m2, h), hlsV(m1, m2, h - ONE_THIRD)];
}

/** `colorsys.hsv_to_rgb`. */
function hsvToRgb(h: number, s: number, v: number): number[] {
  if (s === 0.0) return [v, v, v];
  let i = Math.trunc(h * 6.0);
  const f = (h * 6.0) - i;
  const p = v * (1.0 - s), q = v * (1.0 - s * f), t = v * (1.0 - s * (1.0 - f));
  i = ((i % 6) + 6) % 6;
  return [[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]][i];
}

/** Python's `int(x * 255 + 0.5)` for the hsl/hsv channels. */
const to255 = (x: number): number => Math.trunc(x * 255 + 0.5);

// Python's `$` (without MULTILINE) also matches before one final newline.
const END = '\\n?$';
const INT = '(\\d+)';
const NUM = '(\\d+\\.?\\d*)';
const SP = '\\s*';
const RGB = new RegExp(`^rgb\\(${SP}${INT}${SP},${SP}${INT}${SP},${SP}${INT}${SP}\\)${END}`);
const RGB_PCT = new RegExp(`^rgb\\(${SP}${INT}%${SP},${SP}${INT}%${SP},${SP}${INT}%${SP}\\)${END}`);
const HSL = new RegExp(`^hsl\\(${SP}${NUM}${SP},${SP}${NUM}%${SP},${SP}${NUM}%${SP}\\)${END}`);
const HSV = new RegExp(`^hs[bv]\\(${SP}${NUM}${SP},${SP}${NUM}%${SP},${SP}${NUM}%${SP}\\)${END}`);
const RGBA = new RegExp(`^rgba\\(${SP}${INT}${SP},${SP}${INT}${SP},${SP}${INT}${SP},${SP}${INT}${SP}\\)${END}`);

function int(s: string, name: string, color: string): number {
  const v = Number(s);
  if (!Number.isSafeInteger(v)) throw rangeError(name, 'a colour with components below 2⁵³', color);
  return v;
}

/** `ImageColor.getrgb(color)`: 3 or 4 integers (not clipped: `rgb(300, 0, 0)` gives 300). */
export function getrgb(color: string, name: string): number[] {
  if (color.length > 100) throw rangeError(name, 'a colour string of at most 100 characters (color specifier is too long)', color);
  const c = color.toLowerCase();
  const named = colormap().get(c);
  if (named) return [...named];
  const hex = /^#([a-f0-9]+)\n?$/.exec(c);
  if (hex) {
    const d = hex[1];
    if (d.length === 3 || d.length === 4) return [...d].map((ch) => parseInt(ch + ch, 16));
    if (d.length === 6 || d.length === 8) return (d.match(/../g) as string[]).map((p) => parseInt(p, 16));
  }
  let m = RGB.exec(c);
  if (m) return [1, 2, 3].map((k) => int(m![k], name, color));
  m = RGB_PCT.exec(c);
  if (m) return [1, 2, 3].map((k) => Math.trunc((int(m![k], name, color) * 255) / 100.0 + 0.5));
  m = HSL.exec(c);
  if (m) return hlsToRgb(Number(m[1]) / 360.0, Number(m[3]) / 100.0, Number(m[2]) / 100.0).map(to255);
  m = HSV.exec(c);
  if (m) return hsvToRgb(Number(m[1]) / 360.0, Number(m[2]) / 100.0, Number(m[3]) / 100.0).map(to255);
  m = RGBA.exec(c);
  if (m) return [1, 2, 3, 4].map((k) => int(m![k], name, color));
  throw rangeError(name, 'a colour name, #rgb, #rrggbb, #rrggbbaa, rgb(), rgba(), hsl() or hsv() (unknown color specifier)', color);
}

/**
 * `ImageColor.getcolor(color, mode)` for L (`(r·19595 + g·38470 + b·7471 + 0x8000) >> 16`, alpha
 * dropped), RGB (alpha dropped) and RGBA (alpha 255 unless given): the values Pillow then hands to
 * `draw_ink`, which clips them to 0..255.
 */
export function getcolor(color: string, channels: number, name: string): number[] {
  let rgb = getrgb(color, name);
  let alpha = 255;
  if (rgb.length === 4) { alpha = rgb[3]; rgb = rgb.slice(0, 3); }
  if (channels === 1) {
    const [r, g, b] = rgb;
    return [Math.floor((r * 19595 + g * 38470 + b * 7471 + 0x8000) / 65536)];
  }
  return channels === 4 ? [...rgb, alpha] : rgb;
}
