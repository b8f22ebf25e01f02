// imagehash-compatible hashes: the fixtures of test/golden/generate_imagehash.py (66 real photos and
// variants, imagehash 4.3's algorithm on Pillow 9.4 + SciPy), views, errors, inputs untouched.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { fromData } from '../../src/index.ts';
import { averageHash, differenceHash, hammingDistance, perceptualHash } from '../../src/apps/index.ts';
import { loadImage } from '../golden/cases.ts';
import { layouts, pixels, randomImage } from '../helpers.ts';

const dir = fileURLToPath(new URL('../golden/fixtures-pillow/imagehash/', import.meta.url));
interface HashCase { id: string; call: string; input: string; options: Record<string, number>; hex: string; ref: string }
const cases = (JSON.parse(fs.readFileSync(dir + 'manifest.json', 'utf8')) as { cases: HashCase[] }).cases;
const fns = { averageHash, differenceHash, perceptualHash } as Record<string, (a: unknown, o?: object) => { hex: string; bits: Uint8Array; size: number }>;

test(`imagehash fixtures: ${cases.length} hashes of ${new Set(cases.map((c) => c.input)).size} photos, contiguous and as views`, () => {
  const failures: string[] = [];
  for (const c of cases) {
    const { shape, data } = loadImage(c.input, dir);
    const img = fromData(data, shape[0], shape[1], shape[2]);
    for (const [kind, view] of Object.entries(layouts(img))) {
      const got = fns[c.call](view, c.options);
      if (got.hex !== c.hex) failures.push(`${c.id} (${c.ref}) ${kind}: got ${got.hex}, expected ${c.hex}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('every photo is hashed by the three functions, default and other sizes', () => {
  assert.ok(new Set(cases.map((c) => c.input)).size >= 50);
  for (const call of ['averageHash', 'differenceHash', 'perceptualHash']) {
    assert.ok(cases.some((c) => c.call === call && Object.keys(c.options).length === 0));
    assert.ok(cases.some((c) => c.call === call && Object.keys(c.options).length > 0));
  }
});

test('result shape: size, size² bits of 0/1, ceil(size²/4) hex digits', () => {
  const img = randomImage(20, 30, 3, 5);
  for (const [fn, size] of [[averageHash, 8], [differenceHash, 5], [perceptualHash, 6], [averageHash, 3]] as const) {
    const h = fn(img, { size });
    assert.equal(h.size, size);
    assert.equal(h.bits.length, size * size);
    assert.ok(h.bits.every((b) => b === 0 || b === 1));
    assert.equal(h.hex.length, Math.ceil((size * size) / 4));
    assert.match(h.hex, /^[0-9a-f]+$/);
  }
});

test('averageHash recipe option: imagehash by default, opencv on request (they differ on photos)', () => {
  const c = cases.find((k) => k.call === 'averageHash' && k.input.includes('astronaut_crop'))!;
  const { shape, data } = loadImage(c.input, dir);
  const img = fromData(data, shape[0], shape[1], shape[2]);
  assert.equal(averageHash(img).hex, averageHash(img, { recipe: 'imagehash' }).hex);
  assert.equal(averageHash(img).hex, c.hex);
  const cv = averageHash(img, { recipe: 'opencv' });
  assert.equal(cv.hex.length, 16);
  assert.throws(() => averageHash(img, { recipe: 'pillow' as never }), { name: 'RangeError', message: /options\.recipe/ });
});

test('inputs are left untouched', () => {
  const img = randomImage(17, 23, 4, 9);
  const before = pixels(img);
  averageHash(img); differenceHash(img); perceptualHash(img);
  assert.deepEqual(pixels(img), before);
});

test('errors name the argument', () => {
  const img = randomImage(8, 8, 3);
  assert.throws(() => differenceHash(img, { size: 1 }), { name: 'RangeError', message: /options\.size/ });
  assert.throws(() => perceptualHash(img, { size: 65 }), { name: 'RangeError', message: /options\.size/ });
  assert.throws(() => perceptualHash(img, { highfreqFactor: 0 }), { name: 'RangeError', message: /options\.highfreqFactor/ });
  assert.throws(() => perceptualHash(img, { hashSize: 8 } as never), { name: 'TypeError', message: /options: unknown option 'hashSize'/ });
  assert.throws(() => averageHash(img, { foo: 1 } as never), { name: 'TypeError', message: /options: unknown option 'foo'/ });
  assert.throws(() => differenceHash('img' as never), { name: 'TypeError', message: /^img: expected a PixelArray/ });
  assert.throws(() => perceptualHash(randomImage(3, 3, 5)), { name: 'RangeError', message: /img: expected 1 to 4 channels/ });
});

test('property: a hash is at distance 0 from itself, and hashes of a gray image equal those of its RGB copy', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 1e6 }), (h, w, seed) => {
    const g = randomImage(h, w, 1, seed);
    const rgb = fromData(Uint8Array.from(pixels(g).flatMap((v) => [v, v, v])), h, w, 3);
    for (const fn of [averageHash, differenceHash, perceptualHash]) {
      const a = fn(g), b = fn(rgb);
      assert.equal(a.hex, b.hex);
      assert.equal(hammingDistance(a, b), 0);
    }
  }), { numRuns: 40 });
});
