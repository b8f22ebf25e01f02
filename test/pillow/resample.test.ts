// pixelarray/pillow resize / reduce / thumbnail: thumbnail properties, views, out, untouched inputs, errors.
// Bit-exactness with Pillow is in golden-resample.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { reduce, resize, thumbnail } from '../../src/pillow/index.ts';
import { thumbnailSize } from '../../src/pillow/resample.ts';
import { layouts, pixels, randomImage } from '../helpers.ts';

test('thumbnail keeps the aspect ratio as Pillow rounds it and never enlarges (property)', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }),
    (w, h, mw, mh) => {
      const s = thumbnailSize(w, h, mw, mh);
      if (s === null) { assert.ok(mw >= w && mh >= h); return; }
      const [x, y] = s;
      assert.ok(x >= 1 && y >= 1);
      assert.ok(x <= Math.max(mw, 1) && y <= Math.max(mh, 1), `${x}x${y} within ${mw}x${mh}`);
      assert.ok(x <= w && y <= h, 'never enlarges');
      // One side is the box's; the other is within one pixel of the exact ratio.
      assert.ok(x === mw || y === mh);
      // (Both may hold when a side is clamped to 1 pixel: then one of them suffices.)
      assert.ok((x === mw && Math.abs(y - (mw * h) / w) <= 1) || (y === mh && Math.abs(x - (mh * w) / h) <= 1), `${x}x${y}`);
    }), { numRuns: 500 });
  const a = randomImage(30, 50, 3, 1);
  assert.deepEqual(thumbnail(a, [100, 100]).shape, [30, 50, 3]);
  assert.deepEqual(pixels(thumbnail(a, [100, 100])), pixels(a));
  assert.deepEqual(thumbnail(a, [10, 10]).shape, [6, 10, 3]);
});

test('resize / reduce / thumbnail: same bytes on every layout, out, inputs untouched', () => {
  for (const c of [1, 2, 3, 4]) {
    const a = randomImage(13, 17, c, c);
    const before = pixels(a);
    const calls: [string, (x: typeof a, o?: object) => ReturnType<typeof resize>][] = [
      ['resize bicubic', (x, o) => resize(x, [7, 5], o)],
      ['resize lanczos box', (x, o) => resize(x, [9, 4], { resample: 'lanczos', box: [1.5, 2, 15, 12.25], ...o })],
      ['resize nearest', (x, o) => resize(x, [30, 3], { resample: 0, ...o })],
      ['resize gap', (x, o) => resize(x, [3, 2], { reducingGap: 1, ...o })],
      ['reduce', (x, o) => reduce(x, [3, 2], o)],
      ['thumbnail', (x, o) => thumbnail(x, [8, 8], o)],
    ];
    for (const [name, f] of calls) {
      const want = f(a);
      for (const [lay, view] of Object.entries(layouts(a))) assert.deepEqual(pixels(f(view)), pixels(want), `${name} ${lay} c${c}`);
      const out = randomImage(...(want.shape as [number, number, number]), 3);
      assert.equal(f(a, { out }), out);
      assert.deepEqual(pixels(out), pixels(want), `${name} out`);
    }
    assert.deepEqual(pixels(a), before);
  }
});

test('resize: same size and no box is a copy; an integer box of the size is a crop (L, RGB)', () => {
  const a = randomImage(10, 12, 3, 7);
  const same = resize(a, [12, 10]);
  assert.notEqual(same.data, a.data);
  assert.deepEqual(pixels(same), pixels(a));
  const crop = resize(a, [4, 3], { box: [2, 5, 6, 8], resample: 'lanczos' });
  for (let y = 0; y < 3; y++) for (let x = 0; x < 4; x++) assert.equal(crop.get(y, x, 1), a.get(y + 5, x + 2, 1));
});

test('reduce by 1 on the whole image is a copy; a constant image stays constant', () => {
  const a = randomImage(5, 6, 3, 8);
  assert.deepEqual(pixels(reduce(a, 1)), pixels(a));
  const flat = resize(reduce(randomImage(1, 1, 1, 3), 1), [9, 9]);
  assert.ok(pixels(reduce(flat, [4, 2])).every((v) => v === flat.get(0, 0, 0)));
});

test('errors name the argument', () => {
  const a = randomImage(8, 8, 3);
  assert.throws(() => resize(a, [0, 4]), { name: 'RangeError', message: /^size\[0\] \(width\)/ });
  assert.throws(() => resize(a, 4 as never), { name: 'TypeError', message: /^size: expected an array/ });
  assert.throws(() => resize(a, [4, 4], { resample: 'cubic' as never }), { name: 'RangeError', message: /^options\.resample/ });
  assert.throws(() => resize(a, [4, 4], { resample: 6 as never }), { name: 'RangeError', message: /^options\.resample/ });
  assert.throws(() => resize(a, [4, 4], { reducingGap: 0.5 }), { name: 'RangeError', message: /^options\.reducingGap/ });
  assert.throws(() => resize(a, [4, 4], { box: [-1, 0, 4, 4] }), { name: 'RangeError', message: /^options\.box.*negative/ });
  assert.throws(() => resize(a, [4, 4], { box: [0, 0, 9, 4] }), { name: 'RangeError', message: /^options\.box.*exceed/ });
  assert.throws(() => resize(a, [4, 4], { box: [3, 0, 2, 4] }), { name: 'RangeError', message: /^options\.box.*empty/ });
  assert.throws(() => resize(a, [4, 4], { filter: 'box' } as never), { name: 'TypeError', message: /^options: unknown option 'filter'/ });
  assert.throws(() => resize(a, [4, 4], { out: randomImage(4, 4, 1) }), { name: 'RangeError', message: /^options\.out/ });
  assert.throws(() => reduce(a, 0), { name: 'RangeError', message: /^factor/ });
  assert.throws(() => reduce(a, [2, 1.5] as never), { name: 'RangeError', message: /^factor\[1\]/ });
  assert.throws(() => reduce(a, 2, { box: [0, 0, 9, 8] }), { name: 'RangeError', message: /^options\.box\[2\]/ });
  assert.throws(() => reduce(a, 2, { box: [4, 0, 4, 8] }), { name: 'RangeError', message: /^options\.box: expected a non-empty box/ });
  assert.throws(() => thumbnail(a, [0, 5]), { name: 'RangeError', message: /^size\[0\]/ });
  assert.throws(() => thumbnail(a, [5, 5], { box: [0, 0, 1, 1] } as never), { name: 'TypeError', message: /^options: unknown option 'box'/ });
  assert.throws(() => resize('x' as never, [2, 2]), { name: 'TypeError', message: /^a: expected a PixelArray/ });
});
