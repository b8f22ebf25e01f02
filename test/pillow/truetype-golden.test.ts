// pixelarray/pillow's TrueType text against Pillow 9.4's renders of the same (subset) fonts, made by
// test/golden/generate_pillow_truetype.py. The layout numbers (ascent, descent, line lengths) must
// match exactly; the pixels are compared within bounds measured on these cases, since Pillow's
// glyphs are FreeType-hinted and pixelarray's are not (docs/pillow.md lists the numbers).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodePng } from '../../src/codecs/index.ts';
import { fromData } from '../../src/index.ts';
import { loadFont, text, type TrueTypeFont } from '../../src/pillow/index.ts';
import { renderGlyph } from '../../src/pillow/truetype.ts';
import { pixelsOf } from '../golden/cases.ts';

const dir = fileURLToPath(new URL('../golden/fixtures-pillow/truetype/', import.meta.url));

interface TrueTypeCase {
  id: string;
  font: string;
  size: number;
  mode: 'L' | 'RGB' | 'RGBA';
  canvas: [number, number];
  background: number | number[] | 'pattern';
  xy: [number, number];
  text: string;
  options: Record<string, unknown>;
  length: number[];
  metrics: [number, number];
}

const CHANNELS = { L: 1, RGB: 3, RGBA: 4 } as const;
const cases = JSON.parse(fs.readFileSync(dir + 'cases.json', 'utf8')) as TrueTypeCase[];
const fonts = new Map<string, TrueTypeFont>();
function font(c: TrueTypeCase): TrueTypeFont {
  const key = `${c.font}@${c.size}`;
  let f = fonts.get(key);
  if (!f) { f = loadFont(new Uint8Array(fs.readFileSync(dir + c.font)), c.size); fonts.set(key, f); }
  return f;
}

/** The generator's canvas: a flat colour, or `(7x + 13y + 50c + 11) mod 256`. */
function canvas(c: TrueTypeCase): Uint8Array {
  const [w, h] = c.canvas, ch = CHANNELS[c.mode];
  const data = new Uint8Array(h * w * ch);
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let k = 0; k < ch; k++, i++) {
        const bg = c.background;
        data[i] = bg === 'pattern' ? (7 * x + 13 * y + 50 * k + 11) % 256 : typeof bg === 'number' ? bg : bg[k];
      }
    }
  }
  return data;
}

function render(c: TrueTypeCase, dx = 0, size = c.size): Uint8Array {
  const [w, h] = c.canvas;
  const img = fromData(canvas(c), h, w, CHANNELS[c.mode]);
  const f = size === c.size ? font(c) : loadFont(new Uint8Array(fs.readFileSync(dir + c.font)), size);
  text(img, [c.xy[0] + dx, c.xy[1]], c.text, { ...c.options, font: f });
  return pixelsOf(img);
}

function expected(c: TrueTypeCase): Uint8Array {
  return pixelsOf(decodePng(new Uint8Array(fs.readFileSync(`${dir}${c.id}.png`))));
}

/** Mean absolute difference over the values the text touches in either image, the largest, and the share of those off by more than 64. */
function compare(got: Uint8Array, want: Uint8Array, bg: Uint8Array): { mean: number; max: number; off: number; inked: number } {
  let sum = 0, max = 0, off = 0, inked = 0;
  for (let i = 0; i < want.length; i++) {
    if (got[i] === bg[i] && want[i] === bg[i]) continue;
    inked++;
    const d = Math.abs(got[i] - want[i]);
    sum += d;
    if (d > max) max = d;
    if (d > 64) off++;
  }
  return { mean: inked ? sum / inked : 0, max, off: inked ? off / inked : 0, inked };
}

/**
 * Measured on these fixtures (mean absolute difference over the touched values, % of them off by
 * more than 64): the test allows 25 % more, plus 1. A 1-pixel shift or a size off by one gives at
 * least 2.5× these numbers (checked below).
 */
const MEASURED: Record<string, [number, number]> = {
  '01': [18.7, 5.5], '02': [20.8, 11.6], '03': [9.0, 5.2], '04': [13.4, 5.6], '05': [25.3, 12.3],
  '06': [19.4, 9.6], '07': [3.0, 1.1], '08': [17.5, 9.3], '09': [12.8, 4.8], '10': [18.8, 10.5],
  '11': [21.7, 13.9], '12': [24.4, 16.2], '13': [19.0, 11.8], '14': [8.2, 2.4], '15': [0, 0],
  '16': [39.3, 23.9], '17': [41.3, 25.3], '18': [28.4, 15.0], '19': [24.5, 12.8], '20': [40.0, 17.5],
  '21': [19.9, 11.4], '22': [25.2, 14.8],
};
const within = (id: string, m: { mean: number; off: number }): boolean =>
  m.mean <= MEASURED[id][0] * 1.25 + 1 && 100 * m.off <= MEASURED[id][1] * 1.25 + 1;

test('the metrics and line lengths are exactly Pillow\'s (basic layout, kerning included)', () => {
  for (const c of cases) {
    const f = font(c);
    assert.deepEqual([f.ascent, f.descent], c.metrics, `${c.id}: getmetrics`);
    assert.deepEqual(c.text.split('\n').map((l) => f.getLength(l)), c.length, `${c.id}: getlength`);
  }
});

test('the rendered text is within the measured difference from Pillow\'s, per case', () => {
  assert.equal(cases.length, Object.keys(MEASURED).length);
  for (const c of cases) {
    const got = render(c), want = expected(c);
    const m = compare(got, want, canvas(c));
    assert.ok(within(c.id, m), `${c.id} (${c.font} ${c.size}px ${c.mode} ${JSON.stringify(c.text)}): mean ${m.mean.toFixed(2)}, ` +
      `${(100 * m.off).toFixed(2)} % off by > 64; measured ${MEASURED[c.id].join(', ')}`);
    if (c.text === '') assert.deepEqual(got, want, 'the empty string draws nothing');
    else assert.ok(m.inked > 300, `${c.id}: the text touches ${m.inked} values`);
  }
});

test('the bounds catch a 1-pixel shift and a wrong size', () => {
  for (const id of ['02', '07', '12', '17', '20']) {
    const c = cases.find((k) => k.id === id)!;
    const want = expected(c), bg = canvas(c);
    for (const [dx, size] of [[1, c.size], [-1, c.size], [0, c.size + 1], [0, c.size - 1]]) {
      const m = compare(render(c, dx, size), want, bg);
      assert.ok(!within(id, m), `${id} shifted by ${dx} at ${size}px passes: mean ${m.mean.toFixed(2)}`);
      assert.ok(m.mean > 2.5 * MEASURED[id][0], `${id} shifted by ${dx} at ${size}px: mean ${m.mean.toFixed(2)}`);
    }
  }
});

test('every glyph of the fixture fonts matches FreeType 2.12\'s unhinted rendering bit for bit', () => {
  const glyphs = JSON.parse(fs.readFileSync(dir + 'glyphs.json', 'utf8')) as [string, number, number, number, number, number, number, number, string][];
  assert.ok(glyphs.length > 250, `${glyphs.length} glyphs`);
  const loaded = new Map<string, TrueTypeFont>();
  for (const [file, size, id, left, top, width, rows, , sha1] of glyphs) {
    const key = `${file}@${size}`;
    let f = loaded.get(key);
    if (!f) { f = loadFont(new Uint8Array(fs.readFileSync(dir + file)), size); loaded.set(key, f); }
    const b = renderGlyph(f, id);
    assert.deepEqual([b.left, b.top, b.width, b.rows], [left, top, width, rows], `${file} ${size}px glyph ${id}: box`);
    assert.equal(createHash('sha1').update(b.pixels).digest('hex'), sha1, `${file} ${size}px glyph ${id}: coverage`);
  }
});
