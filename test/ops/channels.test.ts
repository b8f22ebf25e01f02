import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PixelArray, concat, fromData, isContiguous, merge, split, zeros } from '../../src/index.ts';
import { layouts, pixels, randomImage, SHAPES } from '../helpers.ts';

const planeOf = (a: PixelArray, k: number) => pixels(a).filter((_, i) => i % a.shape[2] === k);

test('split returns one contiguous H×W×1 copy per channel, for every layout', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, h + w);
    for (const [layout, view] of Object.entries(layouts(a))) {
      const planes = split(view);
      assert.equal(planes.length, c);
      planes.forEach((p, k) => {
        assert.deepEqual(p.shape, [h, w, 1]);
        assert.ok(isContiguous(p));
        assert.notEqual(p.data, view.data);
        assert.deepEqual(pixels(p), planeOf(a, k), `${layout} channel ${k}`);
      });
    }
  }
});

test('merge interleaves planes (and multi-channel parts) back, for every layout', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, 2 * h + w);
    const planes = split(a);
    for (const [layout] of Object.entries(layouts(a))) {
      const views = planes.map((p) => layouts(p)[layout]);
      assert.deepEqual(pixels(merge(views)), pixels(a), `${layout} ${h}x${w}x${c}`);
    }
  }
  const rgb = randomImage(3, 3, 3), alpha = randomImage(3, 3, 1, 9);
  const rgba = merge([rgb, alpha]);
  assert.deepEqual(rgba.shape, [3, 3, 4]);
  assert.deepEqual(planeOf(rgba, 3), pixels(alpha));
});

test('split(a, { out }) writes the planes into the given arrays, whatever their layout', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, 3 * h + w);
    const expected = split(a).map(pixels);
    for (const [layout, view] of Object.entries(layouts(a))) {
      // Planes of every layout: contiguous, inside a bigger buffer at an odd offset, strided.
      for (const [planeLayout] of Object.entries(layouts(zeros(h, w, 1)))) {
        const out = Array.from({ length: c }, () => layouts(zeros(h, w, 1))[planeLayout]);
        const result = split(view, { out });
        result.forEach((p, k) => {
          assert.equal(p, out[k], 'returns the out arrays themselves');
          assert.deepEqual(pixels(p), expected[k], `${layout} into ${planeLayout}, channel ${k}`);
        });
      }
    }
  }
});

test('split(a, { out }) reads all of a before writing planes that share its memory', () => {
  const a = randomImage(5, 7, 3, 11);
  const expected = split(a).map(pixels);
  // The output planes are channels of a itself, rotated: plane k goes into channel k + 1.
  const channels = split(a, 3, 2);
  const out = channels.map((_, k) => channels[(k + 1) % 3]);
  const planes = split(a, { out });
  planes.forEach((p, k) => assert.deepEqual(pixels(p), expected[k], `channel ${k}`));
});

test('split(a, { out }) names what is wrong with out', () => {
  const a = randomImage(4, 6, 3);
  const planes = () => [zeros(4, 6, 1), zeros(4, 6, 1), zeros(4, 6, 1)];
  assert.throws(() => split(a, { out: planes().slice(0, 2) }), { name: 'TypeError', message: /^options\.out: expected an array of 3 PixelArrays \(one per channel\)/ });
  assert.throws(() => split(a, { out: zeros(4, 6, 1) as unknown as PixelArray[] }), { name: 'TypeError', message: /^options\.out:/ });
  assert.throws(() => split(a, { out: [zeros(4, 6, 1), zeros(4, 5, 1), zeros(4, 6, 1)] }), { name: 'RangeError', message: /^options\.out\[1\]: expected shape \[4, 6, 1\], got \[4, 5, 1\]$/ });
  assert.throws(() => split(a, { out: [zeros(4, 6, 1), null as unknown as PixelArray, zeros(4, 6, 1)] }), { name: 'TypeError', message: /^options\.out\[1\]: expected a PixelArray/ });
  assert.throws(() => split(a, null as unknown as number), { name: 'TypeError', message: /^sections:/ });
  assert.deepEqual(split(a, {}).map((p) => p.shape), [[4, 6, 1], [4, 6, 1], [4, 6, 1]]); // no out: new planes
});

test('split(a, sections, axis) is np.split: equal parts or indices, as views', () => {
  const a = randomImage(6, 9, 3);
  const cols = split(a, 3, 1);
  assert.deepEqual(cols.map((p) => p.shape), [[6, 3, 3], [6, 3, 3], [6, 3, 3]]);
  assert.equal(cols[1].data, a.data); // views
  assert.deepEqual(pixels(concat(cols, 1)), pixels(a));
  const rows = split(a, [2, -1], 0);
  assert.deepEqual(rows.map((p) => p.shape[0]), [2, 3, 1]);
  assert.deepEqual(split(a, [4, 2, 100], 0).map((p) => p.shape[0]), [4, 0, 4, 0]); // Python slice rules
  assert.deepEqual(split(a, 3, 2).map((p) => p.shape), [[6, 9, 1], [6, 9, 1], [6, 9, 1]]);
  assert.deepEqual(split(a, 2).map((p) => p.shape), [[3, 9, 3], [3, 9, 3]]); // default axis 0
  assert.throws(() => split(a, 4, 1), { name: 'RangeError', message: /^sections: 4 parts do not divide axis 1 of length 9 equally$/ });
  assert.throws(() => split(a, 0, 1), { name: 'RangeError', message: /^sections:/ });
  assert.throws(() => split(a, 2, 3), { name: 'RangeError', message: /^axis: expected an integer in -3\.\.2, got 3$/ });
  assert.throws(() => split(a, [0], 2), { name: 'RangeError', message: /no channels/ });
  assert.throws(() => split(a, 'x' as unknown as number), { name: 'TypeError', message: /^sections:/ });
});

test('concat joins along each axis like np.concatenate', () => {
  const a = fromData([1, 2, 3, 4], 2, 1, 2), b = fromData([5, 6, 7, 8], 2, 1, 2);
  assert.deepEqual(pixels(concat([a, b])), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(pixels(concat([a, b], 1)), [1, 2, 5, 6, 3, 4, 7, 8]);
  assert.deepEqual(pixels(concat([a, b], 2)), [1, 2, 5, 6, 3, 4, 7, 8]);
  assert.deepEqual(concat([a, b], -1).shape, [2, 1, 4]);
  for (const [h, w, c] of SHAPES) {
    const x = randomImage(h, w, c, 1), y = randomImage(h, w, c, 2);
    for (const [layout, view] of Object.entries(layouts(y))) {
      const z = concat([x, view, x], 0);
      assert.deepEqual(pixels(z), [...pixels(x), ...pixels(y), ...pixels(x)], layout);
    }
  }
});

test('merge and concat validate their inputs', () => {
  assert.throws(() => merge([]), { name: 'TypeError', message: /^channels: expected a non-empty array of PixelArrays/ });
  assert.throws(() => merge([zeros(2, 2, 1), zeros(2, 3, 1)]), { name: 'RangeError', message: /^channels\[1\]: expected height 2 and width 2 like channels\[0\], got \[2, 3, 1\]$/ });
  assert.throws(() => merge([zeros(2, 2, 1), null as unknown as PixelArray]), { name: 'TypeError', message: /^channels\[1\]: expected a PixelArray, got null$/ });
  assert.throws(() => concat([zeros(2, 2, 1), zeros(2, 3, 1)], 0), { name: 'RangeError', message: /^arrays\[1\]: expected shape \[\*, 2, 1\] \(only axis 0 may differ\), got \[2, 3, 1\]$/ });
  assert.throws(() => concat([zeros(2, 2, 1)], 1.5), { name: 'RangeError', message: /^axis:/ });
  assert.throws(() => merge([zeros(2, 2, 1)], { out: zeros(2, 2, 3) }), { name: 'RangeError', message: /^options\.out:/ });
});
