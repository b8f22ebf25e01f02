// Unit tests for pixelarray/pillow's filter: spec validation, views, out, inputs untouched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clone } from '../../src/index.ts';
import { filter, GaussianBlur, Kernel, MedianFilter, RankFilter, UnsharpMask, ModeFilter } from '../../src/pillow/index.ts';
import { layouts, pixels, randomImage } from '../helpers.ts';

const SPECS = ['BLUR', 'SMOOTH', 'EMBOSS', GaussianBlur(1.3), { filter: 'BoxBlur', radius: 2.5 }, UnsharpMask(),
  MedianFilter(3), RankFilter(5, 3), ModeFilter(4), Kernel(3, [1, 2, 1, 0, 0, 0, -1, -2, -1], 1, 128)] as const;

test('filter: every layout gives the same bytes, inputs untouched', () => {
  for (const c of [1, 2, 3, 4]) {
    const a = randomImage(9, 11, c, c);
    for (const spec of SPECS) {
      const expect = pixels(filter(a, spec as never));
      for (const [name, v] of Object.entries(layouts(a))) {
        const before = pixels(v);
        assert.deepEqual(pixels(filter(v, spec as never)), expect, `${JSON.stringify(spec)} on ${name}`);
        assert.deepEqual(pixels(v), before);
      }
    }
  }
});

test('filter: out is filled and returned', () => {
  const a = randomImage(6, 7, 3);
  const out = clone(a);
  assert.equal(filter(a, 'SMOOTH', { out }), out);
  assert.deepEqual(pixels(out), pixels(filter(a, 'SMOOTH')));
});

test('filter: the frame is copied unfiltered and small images come back unchanged', () => {
  const a = randomImage(6, 7, 1, 5);
  const r = filter(a, 'FIND_EDGES');
  for (let x = 0; x < 7; x++) { assert.equal(r.get(0, x), a.get(0, x)); assert.equal(r.get(5, x), a.get(5, x)); }
  const tiny = randomImage(4, 4, 3);
  assert.deepEqual(pixels(filter(tiny, 'BLUR')), pixels(tiny));
});

test('filter: named errors', () => {
  const a = randomImage(5, 5, 3);
  assert.throws(() => filter(a, 'NOPE' as never), /spec: expected one of/);
  assert.throws(() => filter(a, { filter: 'GaussianBlur', radius: 2, sigma: 1 } as never), /spec: unknown option 'sigma'/);
  assert.throws(() => filter(a, { filter: 'MedianFilter', size: 4 }), /size: expected an odd integer/);
  assert.throws(() => RankFilter(3, 9), /rank: expected an integer in 0..8/);
  assert.throws(() => GaussianBlur(-1), /radius: expected a number ≥ 0/);
  assert.throws(() => GaussianBlur([1, 2] as never), TypeError);
  assert.throws(() => Kernel(3, [1, 2]), /kernel: expected 9 coefficients/);
  assert.throws(() => Kernel(7, new Array(49).fill(1)), /size: expected 3, 5/);
  assert.throws(() => Kernel(3, [1, -1, 0, 0, 0, 0, 0, 0, 0]), /scale: expected a nonzero number/);
  assert.throws(() => filter(a, 'BLUR', { out: randomImage(5, 4, 3) }), /options.out/);
  assert.throws(() => filter(a, 'BLUR', { bogus: 1 } as never), /options: unknown option 'bogus'/);
  assert.throws(() => filter(null as never, 'BLUR'), TypeError);
});

test('filter: spec constructors give plain objects with Pillow defaults', () => {
  assert.deepEqual(GaussianBlur(3), { filter: 'GaussianBlur', radius: 3 });
  assert.deepEqual(UnsharpMask(), { filter: 'UnsharpMask', radius: 2, percent: 150, threshold: 3 });
  assert.deepEqual(Kernel(3, [1, 1, 1, 1, 1, 1, 1, 1, 1]).scale, 9);
});
