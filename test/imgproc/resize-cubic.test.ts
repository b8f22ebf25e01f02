import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as pa from '../../src/index.ts';

test('resize cubic/lanczos4: a constant image stays constant; views equal copies; out; inputs untouched', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 30 }),
    fc.integer({ min: 1, max: 30 }), fc.constantFrom(1, 3, 4), fc.integer({ min: 0, max: 255 }), fc.constantFrom('cubic', 'lanczos4'),
    (h, w, dh, dw, c, v, interpolation) => {
      const a = pa.full(h, w, c, v);
      const r = pa.resize(a, dw, dh, { interpolation: interpolation as 'cubic' });
      assert.ok(r.data.every((x) => Math.abs(x - v) <= 1));
    }), { numRuns: 100 });
  const big = pa.zeros(19, 23, 3);
  for (let i = 0; i < big.data.length; i++) big.data[i] = (i * 37) & 255;
  const before = Array.from(big.data);
  const view = pa.rot90(pa.crop(big, [1, 2, 20, 17]));
  for (const interpolation of ['cubic', 'lanczos4'] as const) {
    const r1 = pa.resize(view, 29, 11, { interpolation });
    const r2 = pa.resize(pa.clone(view), 29, 11, { interpolation });
    assert.deepEqual(Array.from(r1.data), Array.from(r2.data));
    const out = pa.zeros(11, 29, 3);
    assert.equal(pa.resize(view, 29, 11, { interpolation, out }), out);
    assert.deepEqual(Array.from(out.data), Array.from(r2.data));
  }
  assert.deepEqual(Array.from(big.data), before);
  assert.throws(() => pa.resize(big, 4, 4, { interpolation: 'cubic2' as never }), /options.interpolation/);
});
