// pixelarray/pillow transpose and convert: composition laws (property tests), views, out, errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { convert, transpose } from '../../src/pillow/index.ts';
import { layouts, pixels, randomImage } from '../helpers.ts';

const shapeArb = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 1e6 }));

test('transpose laws: ROTATE_90⁴ = id, TRANSPOSE = ROTATE_90∘FLIP_LEFT_RIGHT, TRANSVERSE = ROTATE_90∘FLIP_TOP_BOTTOM, flips are involutions, TRANSVERSE = ROTATE_180∘TRANSPOSE', () => {
  fc.assert(fc.property(shapeArb, ([h, w, c, seed]) => {
    const a = randomImage(h, w, c, seed);
    const p = pixels(a);
    let r = a;
    for (let i = 0; i < 4; i++) r = transpose(r, 'ROTATE_90');
    assert.deepEqual(pixels(r), p);
    assert.deepEqual(pixels(transpose(transpose(a, 'FLIP_LEFT_RIGHT'), 0)), p);
    assert.deepEqual(pixels(transpose(transpose(a, 'FLIP_TOP_BOTTOM'), 1)), p);
    assert.deepEqual(pixels(transpose(transpose(a, 'FLIP_LEFT_RIGHT'), 'ROTATE_90')), pixels(transpose(a, 'TRANSPOSE')));
    assert.deepEqual(pixels(transpose(transpose(a, 'FLIP_TOP_BOTTOM'), 'ROTATE_90')), pixels(transpose(a, 'TRANSVERSE')));
    assert.deepEqual(pixels(transpose(transpose(a, 'TRANSPOSE'), 'ROTATE_180')), pixels(transpose(a, 'TRANSVERSE')));
    assert.deepEqual(pixels(transpose(transpose(a, 'ROTATE_90'), 'ROTATE_180')), pixels(transpose(a, 'ROTATE_270')));
    // ROTATE_90 is counter-clockwise: the top-right pixel goes to the top-left.
    const r90 = transpose(a, 2);
    assert.deepEqual(r90.shape, [w, h, c]);
    assert.equal(r90.get(0, 0, 0), a.get(0, w - 1, 0));
  }), { numRuns: 60 });
});

test('transpose: same bytes on every layout, out, input untouched, errors', () => {
  const a = randomImage(7, 11, 3, 4);
  const before = pixels(a);
  for (const m of [0, 1, 2, 3, 4, 5, 6] as const) {
    const want = pixels(transpose(a, m));
    for (const [name, view] of Object.entries(layouts(a))) assert.deepEqual(pixels(transpose(view, m)), want, `${m} ${name}`);
    const out = randomImage(...(transpose(a, m).shape as [number, number, number]), 9);
    assert.equal(transpose(a, m, { out }), out);
    assert.deepEqual(pixels(out), want);
  }
  assert.deepEqual(pixels(a), before);
  assert.throws(() => transpose(a, 7 as never), { name: 'RangeError', message: /^method:/ });
  assert.throws(() => transpose(a, 'ROTATE_45' as never), { name: 'RangeError', message: /^method:/ });
  assert.throws(() => transpose(a, null as never), { name: 'TypeError', message: /^method:/ });
  assert.throws(() => transpose(a, 0, { foo: 1 } as never), { name: 'TypeError', message: /^options: unknown option 'foo'/ });
  assert.throws(() => transpose(randomImage(2, 2, 5), 0), { name: 'RangeError', message: /^a: expected 1 \(L\)/ });
  assert.throws(() => transpose(a, 2, { out: randomImage(7, 11, 3) }), { name: 'RangeError', message: /^options\.out/ });
});

test('convert: Pillow formulas on every pair of modes (property), layouts, errors', () => {
  const modes = ['L', 'LA', 'RGB', 'RGBA'] as const;
  fc.assert(fc.property(shapeArb, fc.integer({ min: 0, max: 3 }), ([h, w, c, seed], m) => {
    const a = randomImage(h, w, c, seed);
    const r = convert(a, modes[m]);
    assert.deepEqual(r.shape, [h, w, m + 1]);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const px = [0, 1, 2, 3].slice(0, c).map((k) => a.get(y, x, k));
        const l = c >= 3 ? (px[0] * 19595 + px[1] * 38470 + px[2] * 7471 + 0x8000) >> 16 : px[0];
        const alpha = c === 2 ? px[1] : c === 4 ? px[3] : 255;
        const rgb = c >= 3 ? px.slice(0, 3) : [l, l, l];
        const want = m === 0 ? [l] : m === 1 ? [l, alpha] : m === 2 ? rgb : [...rgb, alpha];
        assert.deepEqual([0, 1, 2, 3].slice(0, m + 1).map((k) => r.get(y, x, k)), want);
      }
    }
  }), { numRuns: 60 });
  const a = randomImage(6, 5, 4, 2);
  for (const [name, view] of Object.entries(layouts(a))) assert.deepEqual(pixels(convert(view, 'LA')), pixels(convert(a, 'LA')), name);
  assert.throws(() => convert(a, 'CMYK' as never), { name: 'RangeError', message: /^mode: expected 'L', 'LA', 'RGB' or 'RGBA', got "CMYK"$/ });
  assert.throws(() => convert(a, 3 as never), { name: 'TypeError', message: /^mode:/ });
  assert.throws(() => convert(a, 'L', { out: randomImage(6, 5, 2) }), { name: 'RangeError', message: /^options\.out/ });
});
