// canny: golden cases made by test/golden/generate_edges.py with cv2.Canny (OpenCV 4.6), plus
// errors, views, out and properties of the hysteresis.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import * as pa from '../../src/index.ts';
import { canny, clone, fromData, PixelArray, sobel, zeros } from '../../src/index.ts';
import { FIXTURES_DIR, loadCases, runCase } from '../golden/cases.ts';
import { fromDataAsView, layouts, pixels, randomImage } from '../helpers.ts';

const EDGES_DIR = path.join(FIXTURES_DIR, 'edges');

test('canny golden cases: contiguous and strided inputs', () => {
  const cases = loadCases(EDGES_DIR).filter((c) => c.call === 'canny');
  assert.ok(cases.length > 60);
  const failures: string[] = [];
  for (const c of cases) {
    const m1 = runCase(c, pa as never, EDGES_DIR);
    if (m1) failures.push(`${c.id} (${c.ref}): ${m1}`);
    const m2 = runCase(c, { ...pa, fromData: fromDataAsView } as never, EDGES_DIR);
    if (m2) failures.push(`${c.id} (${c.ref}) on a strided view: ${m2}`);
  }
  assert.deepEqual(failures, []);
});

test('canny refuses bad arguments with named errors', () => {
  const a = randomImage(6, 7, 1);
  assert.throws(() => canny({} as never, 1, 2), { name: 'TypeError', message: /^a:/ });
  assert.throws(() => canny(a, NaN, 2), { name: 'RangeError', message: /^threshold1:/ });
  assert.throws(() => canny(a, 1, '2' as never), { name: 'TypeError', message: /^threshold2:/ });
  assert.throws(() => canny(a, 1, 2, { apertureSize: 4 }), { name: 'RangeError', message: /^options\.apertureSize:/ });
  assert.throws(() => canny(a, 1, 2, { apertureSize: -1 }), { name: 'RangeError', message: /^options\.apertureSize:/ });
  assert.throws(() => canny(a, 1, 2, { L2gradient: 1 as never }), { name: 'TypeError', message: /^options\.L2gradient:/ });
  assert.throws(() => canny(a, 1, 2, { L2: true } as never), { name: 'TypeError', message: /unknown option 'L2'/ });
  assert.throws(() => canny(a, 1, 2, { out: zeros(6, 7, 3) }), { name: 'RangeError', message: /^options\.out:/ });
});

test('canny: views give the same map, out is filled, inputs untouched, H×W×1 of 0/255', () => {
  for (const [h, w, c] of [[1, 1, 1], [9, 1, 3], [20, 23, 1], [17, 12, 3], [8, 9, 4]] as const) {
    const a = randomImage(h, w, c, 7 * h + w);
    const before = pixels(a);
    const want = canny(a, 100, 300);
    assert.deepEqual(want.shape, [h, w, 1]);
    assert.ok(pixels(want).every((v) => v === 0 || v === 255));
    for (const [name, v] of Object.entries(layouts(a))) {
      assert.deepEqual(pixels(canny(v, 100, 300, { L2gradient: true })), pixels(canny(a, 100, 300, { L2gradient: true })), name);
      assert.deepEqual(pixels(canny(v, 100, 300)), pixels(want), name);
      assert.deepEqual(pixels(v), before, `${name} untouched`);
      const out = layouts(zeros(h, w, 1))[name];
      assert.equal(canny(v, 100, 300, { out }), out);
      assert.deepEqual(pixels(out), pixels(want), `${name} out`);
    }
  }
  const gray = randomImage(10, 10, 1, 3);
  const want = pixels(canny(gray, 50, 100));
  const same = clone(gray);
  canny(same, 50, 100, { out: same });
  assert.deepEqual(pixels(same), want);
});

test('canny on a step edge marks one line next to the step', () => {
  const data = new Uint8Array(8 * 10);
  for (let y = 0; y < 8; y++) for (let x = 5; x < 10; x++) data[y * 10 + x] = 200;
  const e = canny(fromData(data, 8, 10, 1), 100, 200);
  for (let y = 0; y < 8; y++) {
    const row = pixels(e).slice(y * 10, y * 10 + 10);
    assert.equal(row.filter((v) => v === 255).length, 1, `row ${y}: ${row}`);
  }
});

/** The magnitude OpenCV thresholds (|dx| + |dy|, max over channels) at every pixel. */
function magnitudes(a: PixelArray): number[] {
  const gx = sobel(a, 1, 0, { border: 'replicate', ddepth: 'int16' }).data;
  const gy = sobel(a, 0, 1, { border: 'replicate', ddepth: 'int16' }).data;
  const c = a.shape[2];
  const out: number[] = [];
  for (let i = 0; i < gx.length; i += c) {
    let m = 0;
    for (let k = 0; k < c; k++) m = Math.max(m, Math.abs(gx[i + k]) + Math.abs(gy[i + k]));
    out.push(m);
  }
  return out;
}

test('property: threshold order does not matter; edges exceed the low threshold; a higher high threshold only removes edges', () => {
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 14 }), fc.constantFrom(1, 3),
    fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 400 }),
    fc.integer({ min: 1, max: 1 << 30 }),
    (h, w, c, t1, t2, more, seed) => {
      const a = randomImage(h, w, c, seed);
      const e = pixels(canny(a, t1, t2));
      assert.deepEqual(pixels(canny(a, t2, t1)), e);
      const low = Math.min(t1, t2), high = Math.max(t1, t2);
      const mag = magnitudes(a);
      e.forEach((v, i) => { if (v) assert.ok(mag[i] > low, `edge at ${i} with magnitude ${mag[i]} ≤ ${low}`); });
      const fewer = pixels(canny(a, low, high + more));
      fewer.forEach((v, i) => { if (v) assert.equal(e[i], 255, `edge at ${i} appeared with a higher threshold`); });
      // With both thresholds above every magnitude, nothing is an edge.
      assert.ok(pixels(canny(a, 1e6, 1e6)).every((v) => v === 0));
    }), { numRuns: 120 });
});
