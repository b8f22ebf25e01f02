import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { PixelArray, clone, fromData } from '../../src/index.ts';
import { fromBatch, fromFloat32, toBatch, toFloat32, type Float32Tensor } from '../../src/ml/index.ts';
import { FIXTURES_DIR, materialize, readNpy } from '../golden/cases.ts';
import { layouts, pixels, randomImage, SHAPES } from '../helpers.ts';

const ML_DIR = path.join(FIXTURES_DIR, 'ml');
const ALL_BYTES = fromData(Uint8Array.from({ length: 256 }, (_, i) => i), 1, 256, 1);

/** Bitwise equality of float32 arrays (so −0 ≠ 0 and NaN = NaN): the first index that differs, or −1. */
function firstBitDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length), ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return i;
  return -1;
}

interface TensorCase { id: string; call: 'toFloat32' | 'toBatch'; args: unknown[]; expect: string; ref: string }

test('toFloat32 and toBatch equal NumPy float32 bit for bit (test/golden/fixtures/ml/tensors.json)', () => {
  const cases = (JSON.parse(fs.readFileSync(path.join(ML_DIR, 'tensors.json'), 'utf8')) as { cases: TensorCase[] }).cases;
  assert.ok(cases.length >= 20);
  const fns = { toFloat32, toBatch } as unknown as Record<string, (...a: unknown[]) => Float32Tensor>;
  const failures: string[] = [];
  for (const c of cases) {
    const expect = readNpy(path.join(ML_DIR, c.expect));
    const got = fns[c.call](...(materialize(c.args, fromData, ML_DIR) as unknown[]));
    const i = firstBitDifference(got.data, expect.data as Float32Array);
    if (got.shape.join() !== expect.shape.join()) failures.push(`${c.id}: shape ${got.shape} != ${expect.shape}`);
    else if (i >= 0) failures.push(`${c.id} (${c.ref}): value ${i} is ${got.data[i]}, NumPy ${expect.data[i]}`);
  }
  assert.deepEqual(failures, []);
});

test('toFloat32 is x / 255 correctly rounded to float32 on every byte; scale and divisor are float32 ops', () => {
  const t = toFloat32(ALL_BYTES);
  assert.deepEqual(t.shape, [1, 256, 1]);
  for (let v = 0; v < 256; v++) assert.equal(t.data[v], Math.fround(v / 255));
  const s = toFloat32(ALL_BYTES, { scale: 1 / 255 });
  let differ = 0;
  for (let v = 0; v < 256; v++) {
    assert.equal(s.data[v], Math.fround(v * Math.fround(1 / 255)));
    if (s.data[v] !== t.data[v]) differ++;
  }
  assert.equal(differ, 126, 'x / 255 and x * (1/255) differ on 126 bytes, as in NumPy');
  const d = toFloat32(ALL_BYTES, { divisor: 127.5, mean: 1 });
  assert.equal(d.data[0], -1);
  assert.equal(d.data[255], 1);
});

test('every layout gives the same tensor; the input is untouched', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, 11);
    const before = pixels(a);
    const want = toFloat32(a, { mean: [0.1, 0.2, 0.3, 0.4, 0.5].slice(0, c), std: 0.5 });
    for (const [name, view] of Object.entries(layouts(a))) {
      const got = toFloat32(view, { mean: [0.1, 0.2, 0.3, 0.4, 0.5].slice(0, c), std: 0.5 });
      assert.equal(firstBitDifference(got.data, want.data), -1, `${name} ${h}x${w}x${c}`);
    }
    assert.deepEqual(pixels(a), before);
  }
});

test('per-channel mean/std: (x / 255 − mean) / std in float32, channel by channel', () => {
  const a = randomImage(5, 7, 3, 4);
  const mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225];
  const t = toFloat32(a, { mean, std });
  const f = Math.fround;
  for (let i = 0; i < t.data.length; i++) {
    const ch = i % 3;
    assert.equal(t.data[i], f(f(f(a.data[i] / 255) - f(mean[ch])) / f(std[ch])));
  }
});

test('toFloat32 writes into out and returns it', () => {
  const a = randomImage(3, 4, 3);
  const out = new Float32Array(36).fill(-7);
  const t = toFloat32(a, { out });
  assert.equal(t.data, out);
  assert.equal(firstBitDifference(out, toFloat32(a).data), -1);
});

test('toBatch is np.stack of the images (NHWC) and accepts views', () => {
  const imgs = [randomImage(4, 6, 3, 1), randomImage(4, 6, 3, 2), randomImage(4, 6, 3, 3)];
  const views = imgs.map((a) => Object.values(layouts(a))[1]);
  const b = toBatch(views, { scale: 2 });
  assert.deepEqual(b.shape, [3, 4, 6, 3]);
  assert.equal(b.data.length, 3 * 72);
  imgs.forEach((a, i) => {
    assert.equal(firstBitDifference(b.data.subarray(i * 72, (i + 1) * 72), toFloat32(a, { scale: 2 }).data), -1);
  });
  const out = new Float32Array(216);
  assert.equal(toBatch(imgs, { out }).data, out);
  // what tf.tensor4d(data, shape) needs: data.length equals the product of the shape
  assert.equal(b.shape.reduce((p, d) => p * d, 1), b.data.length);
});

test('fromFloat32 is np.clip(np.rint(x * 255), 0, 255): halves to even, NaN 0, infinities clamp', () => {
  const x = Float32Array.from([0.5, 1.5, 2.5, 3.5, 254.5, 255.5, -0.5, NaN, Infinity, -Infinity, -0, 1e30]);
  assert.deepEqual([...fromFloat32(x, [1, 12, 1], { scale: 1 }).data], [0, 2, 2, 4, 254, 255, 0, 0, 255, 0, 0, 255]);
  const y = Float32Array.from([0, 1, 0.5, 1.5 / 255, 2.5 / 255, -1, 2]);
  const got = fromFloat32(y, [1, 7, 1]).data;
  for (let i = 0; i < y.length; i++) {
    const p = Math.fround(y[i] * 255);
    const r = Math.round(p) - p === 0.5 && Math.round(p) % 2 === 1 ? Math.round(p) - 1 : Math.round(p);
    assert.equal(got[i], Math.min(255, Math.max(0, r)), `x = ${y[i]}`);
  }
});

test('toFloat32 → fromFloat32 is the identity on every byte, with or without normalisation', () => {
  for (const opts of [{}, { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }, { mean: 0.5, std: 0.5 }]) {
    const a = fromData(Uint8Array.from({ length: 768 }, (_, i) => Math.floor(i / 3)), 1, 256, 3);
    const t = toFloat32(a, opts);
    assert.deepEqual(fromFloat32(t.data, t.shape, opts).data, a.data, JSON.stringify(opts));
  }
  const k = toFloat32(ALL_BYTES, { scale: 1 });
  assert.deepEqual(fromFloat32(k.data, k.shape, { scale: 1 }).data, ALL_BYTES.data);
});

test('property: round trips through tensors and batches, any layout, inputs untouched', () => {
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 1e9 }),
    fc.constantFrom<object>({}, { mean: 0.45, std: 0.226 }, { divisor: 127.5, mean: 1 }),
    (h, w, c, seed, opts) => {
      const a = randomImage(h, w, c, seed);
      const view = Object.values(layouts(a))[seed % 4];
      const before = pixels(view);
      const t = toFloat32(view, opts);
      const back = fromFloat32(t.data, t.shape, 'divisor' in opts ? { scale: 127.5, mean: 1 } : opts);
      assert.deepEqual(pixels(back), before);
      const batch = toBatch([view, a], opts);
      const [b0, b1] = fromBatch(batch.data, batch.shape, 'divisor' in opts ? { scale: 127.5, mean: 1 } : opts);
      assert.deepEqual(pixels(b0), before);
      assert.deepEqual(pixels(b1), pixels(a));
      assert.deepEqual(pixels(view), before);
    }), { numRuns: 150 });
});

test('fromFloat32 writes into out of any layout', () => {
  const a = randomImage(4, 5, 3, 9);
  const t = toFloat32(a);
  const target = Object.values(layouts(randomImage(4, 5, 3, 1)))[3];
  assert.equal(fromFloat32(t.data, t.shape, { out: target }), target);
  assert.deepEqual(pixels(target), pixels(a));
  const contiguousOut = clone(randomImage(4, 5, 3, 2));
  assert.equal(fromFloat32(t.data, t.shape, { out: contiguousOut }), contiguousOut);
  assert.deepEqual(contiguousOut.data, a.data);
});

test('tensor functions refuse bad arguments with named errors', () => {
  const a = randomImage(2, 3, 3);
  assert.throws(() => toFloat32(a, { scale: 2, divisor: 3 }), { name: 'TypeError', message: /^options\.scale, options\.divisor:/ });
  assert.throws(() => toFloat32(a, { divisor: 0 }), { name: 'RangeError', message: /^options\.divisor: expected a non-zero number, got 0$/ });
  assert.throws(() => toFloat32(a, { scale: NaN }), { name: 'RangeError', message: /^options\.scale:/ });
  assert.throws(() => toFloat32(a, { scale: 1e39 }), { name: 'RangeError', message: /^options\.scale: expected a number within float32 range/ });
  assert.throws(() => toFloat32(a, { std: [1, 0, 1] }), { name: 'RangeError', message: /^options\.std\[1\]: expected a non-zero number/ });
  assert.throws(() => toFloat32(a, { mean: [1, 2] }), { name: 'RangeError', message: /^options\.mean: expected 1 or 3 values/ });
  assert.throws(() => toFloat32(a, { mean: '0.5' as never }), { name: 'TypeError', message: /^options\.mean:/ });
  assert.throws(() => toFloat32(a, { out: new Float32Array(5) }), { name: 'RangeError', message: /^options\.out: expected a Float32Array of length 18/ });
  assert.throws(() => toFloat32(a, { out: new Float64Array(18) as never }), { name: 'TypeError', message: /^options\.out:/ });
  assert.throws(() => toFloat32(new Uint8Array(3) as never), { name: 'TypeError', message: /^img: expected a PixelArray/ });
  assert.throws(() => toBatch([]), { name: 'RangeError', message: /^images: expected at least one image/ });
  assert.throws(() => toBatch(a as never), { name: 'TypeError', message: /^images:/ });
  assert.throws(() => toBatch([a, a, randomImage(3, 2, 3)]), {
    name: 'RangeError', message: /^images\[2\]: expected the shape of images\[0\], \[2, 3, 3\], got \[3, 2, 3\]$/,
  });
  assert.throws(() => toBatch([a, {} as PixelArray]), { name: 'TypeError', message: /^images\[1\]: expected a PixelArray/ });
  assert.throws(() => fromFloat32([0.5] as never, [1, 1, 1]), { name: 'TypeError', message: /^data: expected a Float32Array/ });
  assert.throws(() => fromFloat32(new Float32Array(6), [2, 3, 2]), { name: 'RangeError', message: /^data: expected 12 values for shape \[2, 3, 2\], got 6$/ });
  assert.throws(() => fromFloat32(new Float32Array(6), [2, 3]), { name: 'TypeError', message: /^shape:/ });
  assert.throws(() => fromFloat32(new Float32Array(6), [2, 3, 1], { out: randomImage(3, 2, 1) }), { name: 'RangeError', message: /^options\.out:/ });
  assert.throws(() => fromBatch(new Float32Array(6), [2, 3, 1]), { name: 'TypeError', message: /^shape:/ });
  assert.throws(() => fromBatch(new Float32Array(5), [2, 1, 3, 1]), { name: 'RangeError', message: /^data: expected 6 values/ });
});
