import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  absdiff, addModulo, addSaturate, addWeighted, clone, convertScaleAbs, full, multiplySaturate,
  subtractModulo, subtractSaturate, zeros, PixelArray,
} from '../../src/index.ts';
import { layouts, pixels, randomImage, SHAPES } from '../helpers.ts';

const f32 = Math.fround;
const clamp = (v: number) => Math.min(255, Math.max(0, v));
const rne = (x: number) => { const r = Math.round(x); return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r; };

// Naive per-element definitions, straight from the OpenCV / NumPy documentation.
const references: [string, (a: PixelArray, b: PixelArray) => PixelArray, (x: number, y: number) => number][] = [
  ['addSaturate', addSaturate, (x, y) => clamp(x + y)],
  ['subtractSaturate', subtractSaturate, (x, y) => clamp(x - y)],
  ['addModulo', addModulo, (x, y) => (x + y) % 256],
  ['subtractModulo', subtractModulo, (x, y) => (x - y + 256) % 256],
  ['absdiff', absdiff, (x, y) => Math.abs(x - y)],
  ['multiplySaturate', (a, b) => multiplySaturate(a, b, 0.37), (x, y) => clamp(rne(f32(f32(x * f32(0.37)) * y)))],
  ['addWeighted', (a, b) => addWeighted(a, 0.7, b, 0.3, 5), (x, y) => clamp(rne(f32(x * f32(0.7) + f32(y * f32(0.3) + 5))))],
];

test('image ⊕ image matches the per-element definition on every shape and layout', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, 11 + h), b = randomImage(h, w, c, 97 + w);
    const pa = pixels(a), pb = pixels(b);
    for (const [name, op, ref] of references) {
      const want = pa.map((x, i) => ref(x, pb[i]));
      for (const [la, va] of Object.entries(layouts(a))) {
        for (const [lb, vb] of Object.entries(layouts(b))) {
          assert.deepEqual(pixels(op(va, vb)), want, `${name} ${h}x${w}x${c} a=${la} b=${lb}`);
        }
      }
    }
  }
});

test('every pair of bytes: the packed kernels agree with the definitions', () => {
  // All 65536 (x, y) pairs, at an aligned and an unaligned offset.
  const xs = new Uint8Array(65536), ys = new Uint8Array(65536);
  for (let i = 0; i < 65536; i++) { xs[i] = i >> 8; ys[i] = i & 255; }
  const a = { aligned: fromPairs(xs), shifted: fromPairs(xs, 3) }, b = fromPairs(ys, 1);
  for (const [name, op, ref] of references.slice(0, 5)) {
    for (const [kind, va] of Object.entries(a)) {
      const got = clone(op(va, b)).data;
      for (let i = 0; i < 65536; i++) {
        if (got[i] !== ref(xs[i], ys[i])) assert.fail(`${name} (${kind}) ${xs[i]}, ${ys[i]}: got ${got[i]}`);
      }
    }
  }
});

function fromPairs(values: Uint8Array, shift = 0): PixelArray {
  const buf = new Uint8Array(values.length + shift);
  buf.set(values, shift);
  return new PixelArray(buf, [256, 256, 1], [256, 1, 1], shift);
}

test('the tutorial example: 200 + 100 saturates to 255 and wraps to 44', () => {
  const a = full(1, 1, 1, 200), b = full(1, 1, 1, 100);
  assert.equal(addSaturate(a, b).get(0, 0), 255);
  assert.equal(addModulo(a, b).get(0, 0), 44);
  assert.equal(subtractSaturate(b, a).get(0, 0), 0);
  assert.equal(subtractModulo(b, a).get(0, 0), 156);
});

test('scalar operands: a number is every channel, an array one value per channel', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, 5 * h + c);
    const pa = pixels(a);
    const per = Array.from({ length: c }, (_, k) => [30, -20, 300, 0, 7][k % 5]);
    const cases: [string, (v: PixelArray) => PixelArray, (x: number, k: number) => number][] = [
      ['add 60', (v) => addSaturate(v, 60), (x) => clamp(x + 60)],
      ['add -60', (v) => addSaturate(v, -60), (x) => clamp(x - 60)],
      ['add mixed', (v) => addSaturate(v, per), (x, k) => clamp(x + per[k])],
      ['subtract mixed', (v) => subtractSaturate(v, per), (x, k) => clamp(x - per[k])],
      ['subtract 1000', (v) => subtractSaturate(v, 1000), () => 0],
      ['addModulo mixed', (v) => addModulo(v, per), (x, k) => (((x + per[k]) % 256) + 256) % 256],
      ['subtractModulo 300', (v) => subtractModulo(v, 300), (x) => (((x - 300) % 256) + 256) % 256],
      ['absdiff 100', (v) => absdiff(v, 100), (x) => Math.abs(x - 100)],
      ['multiply 1.5', (v) => multiplySaturate(v, 1.5), (x) => clamp(rne(x * 1.5))],
      ['multiply [0.7]·0.3', (v) => multiplySaturate(v, [0.7], 0.3), (x) => clamp(rne(x * 0.3 * 0.7))],
      ['[v] broadcasts', (v) => addSaturate(v, [9]), (x) => clamp(x + 9)],
    ];
    for (const [name, op, ref] of cases) {
      const want = pa.map((x, i) => ref(x, i % c));
      for (const [layout, view] of Object.entries(layouts(a))) {
        assert.deepEqual(pixels(op(view)), want, `${name} on ${h}x${w}x${c} ${layout}`);
      }
    }
  }
});

test('multiplySaturate rounds half to even like cv2.multiply', () => {
  const a = full(1, 4, 1, 1), b = clone(a);
  b.data.set([1, 3, 5, 7]);
  // 1·k·0.5 = 0.5, 1.5, 2.5, 3.5 → 0, 2, 2, 4
  assert.deepEqual(pixels(multiplySaturate(a, b, 0.5)), [0, 2, 2, 4]);
});

test('convertScaleAbs takes |a·alpha + beta| with rounding and saturation', () => {
  const a = clone(zeros(1, 5, 1));
  a.data.set([0, 10, 100, 200, 255]);
  assert.deepEqual(pixels(convertScaleAbs(a, -1.5, 20)), [20, 5, 130, 255, 255]);
  assert.deepEqual(pixels(convertScaleAbs(a)), [0, 10, 100, 200, 255]);
});

test('{ out } is written and returned; in-place over an input works', () => {
  const a = randomImage(9, 7, 3, 3), b = randomImage(9, 7, 3, 4);
  const want = pixels(addSaturate(a, b));
  const out = zeros(9, 7, 3);
  assert.equal(addSaturate(a, b, { out }), out);
  assert.deepEqual(pixels(out), want);
  const inPlace = clone(a);
  addSaturate(inPlace, b, { out: inPlace });
  assert.deepEqual(pixels(inPlace), want);
});

test('inputs are never mutated', () => {
  const a = randomImage(8, 8, 3, 1), b = randomImage(8, 8, 3, 2);
  const before = [pixels(a), pixels(b)];
  for (const op of [addSaturate, subtractSaturate, addModulo, subtractModulo, absdiff]) op(a, b);
  multiplySaturate(a, b, 2); addWeighted(a, 0.5, b, 0.5, 1); convertScaleAbs(a, 2, 3);
  assert.deepEqual([pixels(a), pixels(b)], before);
});

test('bad arguments throw named TypeError / RangeError', () => {
  const a = zeros(2, 3, 3);
  assert.throws(() => addSaturate(a, zeros(3, 2, 3)), { name: 'RangeError', message: /^b: expected the shape of a, \[2, 3, 3\], got \[3, 2, 3\]$/ });
  assert.throws(() => addSaturate(a, zeros(2, 3, 1)), { name: 'RangeError', message: /^b:/ });
  assert.throws(() => addSaturate(a, [1, 2]), { name: 'RangeError', message: /^b: expected 1 or 3 values \(one per channel\), got 2$/ });
  assert.throws(() => addSaturate(a, NaN), { name: 'RangeError', message: /^b: expected an integer, got NaN$/ });
  assert.throws(() => addModulo(a, 1.5), { name: 'RangeError', message: /^b: expected an integer/ });
  assert.throws(() => addSaturate(a, [1, 'x', 3] as unknown as number[]), { name: 'TypeError', message: /^b\[1\]:/ });
  assert.throws(() => addSaturate(a, '5' as unknown as number), { name: 'TypeError', message: /^b: expected a PixelArray, a number/ });
  assert.throws(() => addSaturate(null as unknown as PixelArray, 1), { name: 'TypeError', message: /^a: expected a PixelArray, got null$/ });
  assert.throws(() => multiplySaturate(a, a, Infinity), { name: 'RangeError', message: /^scale: expected a finite number/ });
  assert.throws(() => addWeighted(a, NaN, a, 1, 0), { name: 'RangeError', message: /^alpha:/ });
  assert.throws(() => convertScaleAbs(a, 1, NaN), { name: 'RangeError', message: /^beta:/ });
  assert.throws(() => addSaturate(a, a, { out: zeros(1, 1, 3) }), { name: 'RangeError', message: /^options\.out:/ });
  assert.throws(() => addSaturate(a, a, 5 as unknown as object), { name: 'TypeError', message: /^options: expected an options object/ });
});

test('large images (the pair-table and word-lookup paths) give the per-element results', () => {
  const a = randomImage(211, 307, 3, 5), b = randomImage(211, 307, 3, 6); // 194,331 elements
  const pa = pixels(a), pb = pixels(b);
  for (const [name, op, ref] of references.slice(5)) {
    const want = pa.map((x, i) => ref(x, pb[i]));
    for (const [layout, view] of Object.entries(layouts(a))) assert.deepEqual(pixels(op(view, b)), want, `${name} ${layout}`);
  }
  const lutWant = pa.map((x) => clamp(rne(Math.abs(f32(f32(x * f32(1.3)) + f32(-20))))));
  for (const [layout, view] of Object.entries(layouts(a))) assert.deepEqual(pixels(convertScaleAbs(view, 1.3, -20)), lutWant, layout);
});
