// loadFont's argument checks and its refusal of bad bytes (a typed FontError, never a crash or a
// hang), cmap lookups, and text() with a TrueType font on 1-, 3- and 4-channel images.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fromData, zeros } from '../../src/index.ts';
import { FontError, loadFont, text } from '../../src/pillow/index.ts';

const dir = fileURLToPath(new URL('../golden/fixtures-pillow/truetype/', import.meta.url));
const dejavu = new Uint8Array(fs.readFileSync(dir + 'DejaVuSans-subset.ttf'));
const tiny = new Uint8Array(fs.readFileSync(dir + 'Tiny-test.ttf'));

test('loadFont checks its arguments', () => {
  assert.throws(() => loadFont([1, 2] as never, 12), { name: 'TypeError', message: /^bytes: expected a Uint8Array/ });
  assert.throws(() => loadFont(dejavu, 0), { name: 'RangeError', message: /^size: expected an integer in 1\.\.16384/ });
  assert.throws(() => loadFont(dejavu, 12.5), { name: 'RangeError' });
  assert.throws(() => (loadFont as (...a: unknown[]) => unknown)(dejavu, 12, 0), { name: 'TypeError', message: 'loadFont: takes at most 2 arguments (bytes, size), got 3' });
  const f = loadFont(dejavu, 12);
  assert.throws(() => (f.getLength as (...a: unknown[]) => unknown)('a', 1), { name: 'TypeError', message: /^getLength: takes at most 1/ });
  assert.throws(() => f.glyphIndex(-1), { name: 'RangeError' });
  assert.throws(() => text(zeros(4, 4, 1), [0, 0], 'a', { font: {} as never }), { name: 'TypeError', message: /^options\.font: expected a font from loadFont/ });
});

test('loadFont refuses other formats by name', () => {
  const withTag = (tag: string): Uint8Array => { const b = dejavu.slice(); b.set([...tag].map((ch) => ch.charCodeAt(0)), 0); return b; };
  assert.throws(() => loadFont(withTag('OTTO'), 12), (e: unknown) => e instanceof FontError && /CFF outlines \(OTTO\)/.test(e.message));
  assert.throws(() => loadFont(withTag('ttcf'), 12), (e: unknown) => e instanceof FontError && /collection/.test(e.message));
  assert.throws(() => loadFont(withTag('wOFF'), 12), (e: unknown) => e instanceof FontError && /WOFF/.test(e.message));
  assert.throws(() => loadFont(new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13]), 12), { name: 'FontError', message: /^TrueType: not a TrueType font/ });
  assert.throws(() => loadFont(new Uint8Array(0), 12), { name: 'FontError', message: /too short/ });
});

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('truncated and corrupted fonts throw FontError, nothing else, and do not hang', () => {
  const img = zeros(40, 200, 1);
  const tryFont = (bytes: Uint8Array): void => {
    try {
      const f = loadFont(bytes, 24);
      text(img, [2, 2], 'Hello, World! Café Ångström', { font: f, fill: 255 });
      f.getLength('AVATAR');
    } catch (e) {
      if (!(e instanceof FontError)) throw e;
    }
  };
  for (const n of [0, 4, 11, 12, 20, 100, 400, 1000, dejavu.length >> 1, dejavu.length - 1]) {
    assert.throws(() => loadFont(dejavu.subarray(0, n), 24), FontError, `${n} bytes`);
  }
  const random = rng(12);
  const t0 = Date.now();
  for (let i = 0; i < 300; i++) {
    const b = (i % 2 ? dejavu : tiny).slice();
    for (let k = 1 + Math.floor(random() * 4); k > 0; k--) b[Math.floor(random() * b.length)] = Math.floor(random() * 256);
    tryFont(b);
  }
  assert.ok(Date.now() - t0 < 20000, 'the corrupted fonts took too long');
});

test('cmap lookups: format 4, format 12 beyond the BMP, missing characters', () => {
  const f = loadFont(dejavu, 24);
  const ids = [...'Hello'].map((ch) => f.glyphIndex(ch.codePointAt(0)!));
  assert.ok(ids.every((g) => g > 0 && g < f.numGlyphs));
  assert.equal(ids[2], ids[3], 'l and l');
  assert.notEqual(ids[0], ids[1]);
  assert.equal(f.glyphIndex(0x2603), 0, 'a snowman is not in the subset');
  const t = loadFont(tiny, 24);
  assert.deepEqual([0x41, 0x42, 0x43, 0x44, 0x1f600, 0x45].map((c) => t.glyphIndex(c)), [1, 2, 3, 4, 5, 0]);
  assert.equal(t.numGlyphs, 6);
  assert.equal(t.unitsPerEm, 1000);
  assert.deepEqual([t.size, t.ascent, t.descent], [24, 20, 5]);
  // a missing character is drawn as .notdef, with its advance
  assert.equal(t.getLength('E'), t.getLength('A'));
  const a = zeros(30, 30, 1), b = zeros(30, 30, 1);
  text(a, [2, 2], 'E', { font: t, fill: 255 });
  text(b, [2, 2], '\u{10000}', { font: t, fill: 255 });
  assert.deepEqual(a.data, b.data);
  assert.ok(a.data.some((v) => v === 255), '.notdef has an outline');
});

test('text with a TrueType font: fills on L, RGB and RGBA, composites and the empty string', () => {
  const f = loadFont(tiny, 20);
  // L: full coverage takes the ink; RGB: each channel; outside the glyph nothing changes
  const l = fromData(new Uint8Array(30 * 30).fill(10), 30, 30, 1);
  text(l, [0, 0], 'A', { font: f, fill: 200 });
  assert.equal(l.data[10 * 30 + 5], 200);
  assert.equal(l.data[29 * 30 + 29], 10);
  const rgb = zeros(30, 30, 3);
  text(rgb, [0, 0], 'A', { font: f, fill: [10, 20, 30] });
  assert.deepEqual([...rgb.data.subarray((10 * 30 + 5) * 3, (10 * 30 + 5) * 3 + 3)], [10, 20, 30]);
  assert.equal(text(rgb, [0, 0], 'A', { font: f, fill: 'red' }), rgb);
  assert.deepEqual([...rgb.data.subarray((10 * 30 + 5) * 3, (10 * 30 + 5) * 3 + 3)], [255, 0, 0]);
  // RGBA on transparent: colour taken outright where any coverage, alpha blended
  const rgba = zeros(30, 30, 4);
  text(rgba, [0, 0], 'A', { font: f, fill: [0, 0, 255, 128] });
  const p = (10 * 30 + 5) * 4;
  assert.deepEqual([...rgba.data.subarray(p, p + 4)], [0, 0, 255, 128]);
  for (let i = 0; i < rgba.data.length; i += 4) {
    if (rgba.data[i + 3] > 0) assert.deepEqual([rgba.data[i], rgba.data[i + 1], rgba.data[i + 2]], [0, 0, 255]);
  }
  // the default ink: white on RGB, 0 on L
  const w = zeros(30, 30, 3);
  text(w, [0, 0], 'A', { font: f });
  assert.equal(w.data[(10 * 30 + 5) * 3], 255);
  // composites draw something; the empty string and spaces-only lines nothing
  for (const ch of ['C', 'D', '\u{1F600}']) {
    const im = zeros(40, 40, 1);
    text(im, [2, 2], ch, { font: f, fill: 255 });
    assert.ok(im.data.reduce((s, v) => s + v, 0) > 255 * 20, ch);
  }
  const empty = zeros(10, 10, 3);
  text(empty, [1, 1], '', { font: f, fill: 255 });
  text(empty, [1, 1], '\n', { font: f, fill: 255 });
  assert.ok(empty.data.every((v) => v === 0));
  // off the image: clipped, no throw
  text(zeros(5, 5, 1), [-100, -100], 'ABCD', { font: f, fill: 255 });
  text(zeros(5, 5, 1), [3, 3], 'ABCD', { font: f, fill: 255 });
});
