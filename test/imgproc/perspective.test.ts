import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as pa from '../../src/index.ts';

const fixtures = JSON.parse(readFileSync(new URL('../golden/fixtures-json/perspective.json', import.meta.url), 'utf8'));

test('getPerspectiveTransform / getAffineTransform: the doubles of cv2 4.6, bit for bit', () => {
  assert.ok(fixtures.cases.length > 100);
  for (const k of fixtures.cases) {
    const got = k.fn === 'getPerspectiveTransform' ? pa.getPerspectiveTransform(k.src, k.dst) : pa.getAffineTransform(k.src, k.dst);
    assert.deepEqual(got, k.expect, `${k.fn}(${JSON.stringify(k.src)}, ${JSON.stringify(k.dst)})`);
  }
});

function noise(h: number, w: number, c: number, seed = 1): pa.PixelArray {
  const d = new Uint8Array(h * w * c);
  let s = seed;
  for (let i = 0; i < d.length; i++) { s = (s * 1103515245 + 12345) >>> 0; d[i] = s >>> 24; }
  return pa.fromData(d, h, w, c);
}
const P = [[0.9, 0.1, 2], [-0.05, 1.1, -1], [0.001, -0.002, 1]];

test('warpPerspective: identity is a copy for every interpolation', () => {
  const a = noise(9, 11, 3);
  for (const interpolation of ['nearest', 'bilinear', 'cubic', 'lanczos4'] as const) {
    const r = pa.warpPerspective(a, [[1, 0, 0], [0, 1, 0], [0, 0, 1]], 11, 9, { interpolation });
    assert.deepEqual(Array.from(r.data), Array.from(a.data), interpolation);
  }
});

test('warpPerspective: views, out, inputs untouched, inverseMap', () => {
  const big = noise(20, 24, 4, 7);
  const view = pa.flip(pa.crop(big, [3, 1, 21, 17]), 1);
  const copy = pa.clone(view);
  const before = Array.from(big.data);
  for (const interpolation of ['nearest', 'bilinear', 'cubic', 'lanczos4'] as const) {
    const r1 = pa.warpPerspective(view, P, 15, 13, { interpolation, border: 'reflect' });
    const r2 = pa.warpPerspective(copy, P, 15, 13, { interpolation, border: 'reflect' });
    assert.deepEqual(Array.from(r1.data), Array.from(r2.data));
    const out = pa.zeros(13, 15, 4);
    assert.equal(pa.warpPerspective(copy, P, 15, 13, { interpolation, border: 'reflect', out }), out);
    assert.deepEqual(Array.from(out.data), Array.from(r2.data));
  }
  assert.deepEqual(Array.from(big.data), before);
  const inv = pa.warpPerspective(copy, P, 10, 10, { inverseMap: true });
  assert.equal(inv.shape[0], 10);
});

test('warpPerspective: named errors', () => {
  const a = noise(4, 4, 1);
  assert.throws(() => pa.warpPerspective(a, [[1, 0], [0, 1]] as never, 4, 4), { name: 'RangeError', message: /^matrix: expected a 3×3 matrix/ });
  assert.throws(() => pa.warpPerspective(a, [1, 2, 3] as never, 4, 4), RangeError);
  assert.throws(() => pa.warpPerspective(a, P, 0, 4), /width/);
  assert.throws(() => pa.warpPerspective(a, P, 4, 4, { interpolation: 'area' as never }), /options.interpolation/);
  assert.throws(() => pa.warpPerspective(a, P, 4, 4, { border: 'x' as never }), /options.border/);
  assert.throws(() => pa.warpPerspective(a, P, 4, 4, { bogus: 1 } as never), TypeError);
  assert.throws(() => pa.warpPerspective(a, P, 4, 4, { out: pa.zeros(3, 4, 1) }), /out/);
  assert.throws(() => pa.getPerspectiveTransform([[0, 0]], [[0, 0]]), /src/);
  assert.throws(() => pa.getAffineTransform([[0, 0], [1, 0], [0, NaN]], [[0, 0], [1, 0], [0, 1]]), /src\[2\]\[1\]/);
});

test('warpAffine cubic/lanczos4 equals warpPerspective with the same affine matrix rows? (only bilinear coords differ) — identity copies', () => {
  const a = noise(7, 9, 1, 3);
  for (const interpolation of ['cubic', 'lanczos4'] as const) {
    const r = pa.warpAffine(a, [[1, 0, 0], [0, 1, 0]], 9, 7, { interpolation });
    assert.deepEqual(Array.from(r.data), Array.from(a.data));
  }
});
