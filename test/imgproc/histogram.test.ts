import assert from 'node:assert/strict';
import { test } from 'node:test';
import path from 'node:path';
import * as core from '../../src/index.ts';
import { PixelArray, clone, fromData, zeros } from '../../src/index.ts';
import { calcHist, compareHist, normalizeHist, MAX_HIST_BINS, type CalcHistOptions } from '../../src/imgproc/histogram.ts';
import * as histogram from '../../src/imgproc/histogram.ts';
import { FIXTURES_DIR, loadCases, runCase } from '../golden/cases.ts';
import { fromDataAsView, layouts, pixels, randomImage, SHAPES } from '../helpers.ts';

const f32 = Math.fround;

/**
 * The definition, pixel by pixel (no lookup tables): bin floor(v·t − t·low) clamped, with
 * t = bins / (high − low) in float64 over float32 range ends, counted when low ≤ v < high.
 */
function naiveHist(a: PixelArray, o: CalcHistOptions = {}): Float32Array {
  const [h, w] = a.shape;
  const ch = o.channels ?? [0];
  const bins = typeof o.bins === 'number' ? ch.map(() => o.bins as number) : (o.bins ?? ch.map(() => 256)) as number[];
  const r = (o.ranges ?? ch.map(() => [0, 256])) as (number | number[])[];
  const ranges = typeof r[0] === 'number' ? ch.map((_, i) => [r[2 * i], r[2 * i + 1]] as number[]) : r as number[][];
  const total = bins.reduce((p, b) => p * b, 1);
  const out = new Float64Array(total);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (o.mask && o.mask.get(y, x) === 0) continue;
      let idx = 0, inside = true;
      for (let i = 0; i < ch.length; i++) {
        const v = a.get(y, x, ch[i]);
        const lo = f32(ranges[i][0]), hi = f32(ranges[i][1]);
        if (!(v >= lo && v < hi)) { inside = false; break; }
        const t = bins[i] / (hi - lo);
        const b = Math.min(bins[i] - 1, Math.max(0, Math.floor(v * t + -t * lo)));
        idx = idx * bins[i] + b;
      }
      if (inside) out[idx]++;
    }
  }
  return Float32Array.from(out);
}

function maskFor(h: number, w: number, seed: number): PixelArray {
  const m = randomImage(h, w, 1, seed);
  for (let i = 0; i < m.data.length; i++) m.data[i] = m.data[i] < 90 ? 0 : m.data[i];
  return m;
}

const OPTION_SETS: ((c: number) => CalcHistOptions)[] = [
  () => ({}),
  (c) => ({ channels: [c - 1], bins: [7] }),
  (c) => ({ channels: [c - 1], bins: [30], ranges: [[20, 200]] }),
  () => ({ bins: 13, ranges: [[0.5, 255.5]] }),
  (c) => ({ channels: [0, c - 1], bins: [8, 5], ranges: [[0, 256], [10, 250]] }),
  (c) => ({ channels: [c - 1, 0, Math.min(1, c - 1)], bins: [4, 3, 5], ranges: [0, 256, 30, 220, 0, 128] }),
  (c) => ({ channels: [0, c - 1, 0, c - 1], bins: 2 }),
];

test('calcHist matches the per-pixel definition on every shape, layout and option set', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, 5 + h * w);
    const mask = maskFor(h, w, 77 + c);
    for (const make of OPTION_SETS) {
      for (const withMask of [false, true]) {
        const o = { ...make(c), ...(withMask ? { mask } : {}) };
        const want = naiveHist(a, o);
        for (const [name, view] of Object.entries(layouts(a))) {
          for (const [mname, mview] of withMask ? Object.entries(layouts(mask)) : [['none', undefined] as const]) {
            const got = calcHist(view, { ...o, ...(mview ? { mask: mview } : {}) });
            assert.deepEqual(got, want, `${h}x${w}x${c} ${JSON.stringify({ ...o, mask: undefined })} a=${name} mask=${mname}`);
          }
        }
      }
    }
  }
});

test('calcHist on large images (the packed word paths) matches the definition', () => {
  for (const [h, w, c] of [[37, 101, 3], [64, 64, 1], [33, 70, 4], [40, 97, 3]] as const) {
    const a = randomImage(h, w, c, 3 * h + w);
    for (let ch = 0; ch < c; ch++) {
      for (const view of Object.values(layouts(a))) {
        assert.deepEqual(calcHist(view, { channels: [ch] }), naiveHist(a, { channels: [ch] }), `${h}x${w}x${c} ch ${ch}`);
      }
    }
    // an odd byte offset (no word path) too
    const buf = new Uint8Array(a.size + 3);
    const shifted = new PixelArray(buf, a.shape, undefined, 3);
    clone(a, { out: shifted });
    assert.deepEqual(calcHist(shifted, { channels: [c - 1] }), naiveHist(a, { channels: [c - 1] }));
  }
});

test('calcHist counts sum to the number of unmasked pixels over the full range', () => {
  for (const [h, w, c] of SHAPES) {
    const a = randomImage(h, w, c, h + 2 * w), mask = maskFor(h, w, c);
    const selected = pixels(mask).filter((v) => v !== 0).length;
    for (const bins of [1, 3, 7, 30, 256]) {
      const sum = (x: Float32Array) => x.reduce((s, v) => s + v, 0);
      assert.equal(sum(calcHist(a, { channels: [c - 1], bins: [bins] })), h * w);
      assert.equal(sum(calcHist(a, { channels: [0, c - 1], bins: [bins, 3], mask })), selected);
    }
  }
});

test('calcHist: bins that do not divide the range put edge values where OpenCV does', () => {
  const ramp = fromData(Uint8Array.from({ length: 256 }, (_, i) => i), 16, 16, 1);
  // 7 bins over [0, 256): v·7/256 — 36 → 0.98 (bin 0), 37 → 1.01 (bin 1); 255 → 6.97 (bin 6)
  const h7 = calcHist(ramp, { bins: [7] });
  assert.deepEqual(Array.from(h7), [37, 37, 36, 37, 36, 37, 36]); // cv2.calcHist says the same
  // the upper end is exclusive: [0, 255) leaves 255 out; [1, 255) also 0
  assert.equal(calcHist(ramp, { bins: [5], ranges: [[0, 255]] }).reduce((s, v) => s + v, 0), 255);
  assert.equal(calcHist(ramp, { bins: [5], ranges: [[1, 255]] }).reduce((s, v) => s + v, 0), 254);
  // ranges wider than the bytes: bins past 255 stay empty
  assert.deepEqual(Array.from(calcHist(ramp, { bins: [2], ranges: [[0, 512]] })), [256, 0]);
  // the flat cv2 form of ranges is the same as pairs
  const a = randomImage(9, 11, 3, 4);
  assert.deepEqual(calcHist(a, { channels: [0, 2], bins: [4, 6], ranges: [0, 256, 10, 200] }),
    calcHist(a, { channels: [0, 2], bins: [4, 6], ranges: [[0, 256], [10, 200]] }));
});

test('calcHist: a 3-D histogram is flattened in C order (last channel fastest)', () => {
  const a = fromData(Uint8Array.from([0, 0, 255, 255, 0, 0]), 1, 2, 3);
  const h = calcHist(a, { channels: [0, 1, 2], bins: [2, 2, 2] });
  assert.equal(h.length, 8);
  assert.equal(h[0 * 4 + 0 * 2 + 1], 1); // (0, 0, 255)
  assert.equal(h[1 * 4 + 0 * 2 + 0], 1); // (255, 0, 0)
  assert.equal(h.reduce((s, v) => s + v, 0), 2);
});

test('calcHist rejects bad arguments with errors naming the option', () => {
  const a = randomImage(4, 5, 3, 1);
  const bad: [unknown, string, RegExp][] = [
    [{ channels: [3] }, 'RangeError', /^options\.channels\[0\]: expected an integer in 0\.\.2, got 3$/],
    [{ channels: [-1] }, 'RangeError', /^options\.channels\[0\]: /],
    [{ channels: [0.5] }, 'RangeError', /^options\.channels\[0\]: expected an integer/],
    [{ channels: [] }, 'RangeError', /^options\.channels: expected 1 to 32 channel indices/],
    [{ channels: 0 }, 'TypeError', /^options\.channels: expected an array/],
    [{ channels: [0, 1], bins: [8] }, 'RangeError', /^options\.bins: expected 2 bin counts \(one per entry of options\.channels\), got 1$/],
    [{ bins: [0] }, 'RangeError', /^options\.bins\[0\]: expected an integer in 1\.\./],
    [{ bins: 2.5 }, 'RangeError', /^options\.bins: expected an integer/],
    [{ bins: '8' }, 'TypeError', /^options\.bins: expected a number or an array/],
    [{ channels: [0, 1, 2], bins: [512, 512, 512] }, 'RangeError', new RegExp(`^options\\.bins: expected at most ${MAX_HIST_BINS} bins`)],
    [{ ranges: [[10, 10]] }, 'RangeError', /^options\.ranges\[0\]: expected \[low, high\] with low < high, got \[10, 10\]$/],
    [{ ranges: [[200, 100]] }, 'RangeError', /^options\.ranges\[0\]: /],
    [{ ranges: [[0, Infinity]] }, 'RangeError', /^options\.ranges\[0\]\[1\]: expected a finite number/],
    [{ ranges: [[0, 256], [0, 256]] }, 'RangeError', /^options\.ranges: expected 1 \[low, high\] pair \(one per entry of options\.channels\), got 2$/],
    [{ ranges: [0, 256, 0] }, 'RangeError', /^options\.ranges: expected 1 \[low, high\] pair .*got 3 numbers$/],
    [{ ranges: [[0]] }, 'TypeError', /^options\.ranges\[0\]: expected a \[low, high\] pair/],
    [{ ranges: 'all' }, 'TypeError', /^options\.ranges: /],
    [{ mask: zeros(4, 4, 1) }, 'RangeError', /^options\.mask: expected a mask of shape \[4, 5, 1\], got \[4, 4, 1\]$/],
    [{ mask: zeros(4, 5, 3) }, 'RangeError', /^options\.mask: /],
    [{ mask: new Uint8Array(20) }, 'TypeError', /^options\.mask: expected a PixelArray/],
    [[0], 'TypeError', /^options: expected an options object/],
  ];
  for (const [o, name, message] of bad) {
    assert.throws(() => calcHist(a, o as CalcHistOptions), { name, message }, JSON.stringify(o));
  }
  assert.throws(() => calcHist(new Uint8Array(3) as never), { name: 'TypeError', message: /^a: expected a PixelArray/ });
});

test('calcHist never modifies its inputs', () => {
  const a = randomImage(13, 17, 3, 9), mask = maskFor(13, 17, 2);
  const before = clone(a).data.slice(), mbefore = mask.data.slice();
  calcHist(a, { channels: [0, 1, 2], bins: [4, 4, 4], mask });
  calcHist(a, { channels: [1], mask });
  assert.deepEqual(a.data, before);
  assert.deepEqual(mask.data, mbefore);
});

test('calcHist on empty images gives an all-zero histogram', () => {
  assert.deepEqual(Array.from(calcHist(zeros(0, 5, 3), { bins: [4] })), [0, 0, 0, 0]);
  assert.deepEqual(Array.from(calcHist(zeros(3, 0, 1), { channels: [0], bins: 2, mask: zeros(3, 0, 1) })), [0, 0]);
});

// ---------------------------------------------------------------------------------------------

function randomFloats(n: number, seed: number, signed = false): Float32Array {
  const bytes = randomImage(1, n * 2, 1, seed).data;
  return Float32Array.from({ length: n }, (_, i) => (bytes[2 * i] * 256 + bytes[2 * i + 1]) / 7 * (signed && i % 3 === 0 ? -1 : 1));
}

test('normalizeHist reaches the requested norm, and minmax the requested range', () => {
  for (const n of [1, 3, 4, 5, 64, 255, 512]) {
    const h = randomFloats(n, n);
    const l1 = normalizeHist(h, { norm: 'l1', alpha: 3 });
    assert.ok(Math.abs(l1.reduce((s, v) => s + Math.abs(v), 0) - 3) < 1e-4, `l1 ${n}`);
    const l2 = normalizeHist(h);
    assert.ok(Math.abs(Math.sqrt(l2.reduce((s, v) => s + v * v, 0)) - 1) < 1e-5, `l2 ${n}`);
    const inf = normalizeHist(h, { norm: 'inf', alpha: 255 });
    assert.ok(Math.abs(Math.max(...inf.map(Math.abs)) - 255) < 1e-4, `inf ${n}`);
    if (n > 1 && Math.min(...h) !== Math.max(...h)) {
      const mm = normalizeHist(h, { norm: 'minmax', alpha: 10, beta: -2 });
      assert.ok(Math.abs(Math.min(...mm) + 2) < 1e-5 && Math.abs(Math.max(...mm) - 10) < 1e-5, `minmax ${n}`);
    }
  }
});

test('normalizeHist: a zero norm or range gives zeros / alpha, as cv2.normalize does', () => {
  assert.deepEqual(Array.from(normalizeHist(new Float32Array(4))), [0, 0, 0, 0]);
  assert.deepEqual(Array.from(normalizeHist([5, 5, 5], { norm: 'minmax', alpha: 2, beta: 9 })), [2, 2, 2]);
  assert.deepEqual(normalizeHist([]), new Float32Array(0));
});

test('normalizeHist accepts number arrays and Float64Arrays (as float32), returns a new array', () => {
  const h = randomFloats(33, 5, true);
  const asNumbers = Array.from(h), as64 = Float64Array.from(h), copy = h.slice();
  for (const norm of ['l1', 'l2', 'inf', 'minmax'] as const) {
    const want = normalizeHist(h, { norm, alpha: 2, beta: 7 });
    assert.notEqual(want, h);
    assert.deepEqual(normalizeHist(asNumbers, { norm, alpha: 2, beta: 7 }), want);
    assert.deepEqual(normalizeHist(as64, { norm, alpha: 2, beta: 7 }), want);
  }
  assert.deepEqual(h, copy);
});

test('normalizeHist rejects bad arguments', () => {
  const h = new Float32Array([1, 2, 3]);
  assert.throws(() => normalizeHist(h, { norm: 'L2' as never }), { name: 'RangeError', message: /^options\.norm: expected one of 'l1', 'l2', 'inf', 'minmax', got "L2"$/ });
  assert.throws(() => normalizeHist(h, { alpha: NaN }), { name: 'RangeError', message: /^options\.alpha: expected a finite number, got NaN$/ });
  assert.throws(() => normalizeHist(h, { beta: '1' as never }), { name: 'TypeError', message: /^options\.beta: / });
  assert.throws(() => normalizeHist(new Uint8Array(3) as never), { name: 'TypeError', message: /^h: expected a Float32Array/ });
  assert.throws(() => normalizeHist([1, 'x'] as never), { name: 'TypeError', message: /^h\[1\]: expected a number/ });
});

test('compareHist(h, h) gives each method\'s identity value', () => {
  for (const n of [1, 2, 5, 8, 64, 255, 256, 512]) {
    const h = randomFloats(n, 3 * n);
    const sum = h.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(compareHist(h, h, 'correl') - 1) < 1e-12 || n === 1, `correl ${n}`);
    assert.equal(compareHist(h, h, 'chisqr'), 0);
    assert.equal(compareHist(h, h, 'chisqr_alt'), 0);
    assert.ok(Math.abs(compareHist(h, h, 'intersect') - sum) <= 1e-9 * sum, `intersect ${n}`);
    assert.ok(compareHist(h, h, 'bhattacharyya') < 1e-6, `bhattacharyya ${n}`);
    assert.ok(Math.abs(compareHist(h, h, 'kl_div')) < 1e-9, `kl_div ${n}`);
  }
  // a constant histogram has no variance: cv2 returns 1 for correl
  assert.equal(compareHist([2, 2, 2], [5, 1, 3], 'correl'), 1);
});

test('compareHist: the definitions on small hand-checked cases', () => {
  const a = [1, 0, 3, 4], b = [2, 2, 0, 4];
  assert.equal(compareHist(a, b, 'intersect'), 0 + 0 + 0 + 4 + 1);
  assert.equal(compareHist(a, b, 'chisqr'), (1 * 1) / 1 + (3 * 3) / 3); // bins with a = 0 are skipped
  assert.equal(compareHist(a, b, 'chisqr_alt'), 2 * (1 / 3 + 4 / 2 + 9 / 3));
  const kl = 1 * Math.log(1 / 2) + 3 * Math.log(3 / 1e-10) + 4 * Math.log(1);
  assert.ok(Math.abs(compareHist(a, b, 'kl_div') - kl) < 1e-12 * Math.abs(kl));
  const bc = (Math.sqrt(2) + 0 + 0 + 4) / Math.sqrt(8 * 8);
  assert.ok(Math.abs(compareHist(a, b, 'bhattacharyya') - Math.sqrt(1 - bc)) < 1e-15);
});

test('compareHist rejects bad arguments and never modifies its inputs', () => {
  const h1 = new Float32Array([1, 2, 3]), h2 = new Float32Array([3, 2, 1]);
  assert.throws(() => compareHist(h1, new Float32Array(2), 'correl'), { name: 'RangeError', message: /^h2: expected 3 values \(the length of h1\), got 2$/ });
  assert.throws(() => compareHist(h1, h2, 'emd' as never), { name: 'RangeError', message: /^method: expected one of 'correl', 'chisqr', 'intersect', 'bhattacharyya', 'chisqr_alt', 'kl_div', got "emd"$/ });
  assert.throws(() => compareHist(h1, h2, 0 as never), { name: 'RangeError', message: /^method: / });
  assert.throws(() => compareHist([], [], 'correl'), { name: 'RangeError', message: /^h1: expected at least 1 value/ });
  assert.throws(() => compareHist('abc' as never, h2, 'correl'), { name: 'TypeError', message: /^h1: / });
  for (const m of ['correl', 'chisqr', 'intersect', 'bhattacharyya', 'chisqr_alt', 'kl_div'] as const) compareHist(h1, h2, m);
  assert.deepEqual(Array.from(h1), [1, 2, 3]);
  assert.deepEqual(Array.from(h2), [3, 2, 1]);
});

// ---------------------------------------------------------------------------------------------

const DIR = path.join(FIXTURES_DIR, 'histcolor');
const lib = { ...core, ...histogram } as never;

for (const call of ['calcHist', 'normalizeHist', 'compareHist']) {
  test(`golden ${call}: OpenCV 4.6 results, bit for bit, on contiguous and strided inputs`, () => {
    const failures: string[] = [];
    const cases = loadCases(DIR).filter((c) => c.call === call);
    assert.ok(cases.length > 0);
    for (const c of cases) {
      // Exact, whatever tolerance the manifest allows (Math.log may differ from glibc's by an ulp).
      const strict = { ...c, tol: c.args[2] === 'kl_div' ? { kind: 'rel' as const, value: 1e-15 } : { kind: 'exact' as const } };
      const m1 = runCase(strict, lib, DIR);
      if (m1) failures.push(`${c.id} (${c.ref}): ${m1}`);
      const m2 = runCase(strict, { ...(lib as object), fromData: fromDataAsView } as never, DIR);
      if (m2) failures.push(`${c.id} (${c.ref}) strided: ${m2}`);
    }
    assert.deepEqual(failures, []);
  });
}

test('calcHist on images past the pair-table size (every channel of 1, 3 and 4) matches the definition', () => {
  for (const [h, w, c] of [[260, 257, 3], [300, 230, 1], [257, 260, 4]] as const) {
    const a = randomImage(h, w, c, h * c);
    // smooth regions too: equal neighbours are the pair table's hard case
    for (let i = 0; i < a.data.length / 3; i++) a.data[i] = (i >> 9) & 255;
    for (let ch = 0; ch < c; ch++) {
      assert.deepEqual(calcHist(a, { channels: [ch] }), naiveHist(a, { channels: [ch] }), `${h}x${w}x${c} ch ${ch}`);
      assert.deepEqual(calcHist(a, { channels: [ch], bins: [7], ranges: [[3, 250]] }), naiveHist(a, { channels: [ch], bins: [7], ranges: [[3, 250]] }));
    }
    // twice in a row: the shared scratch tables are left clean
    assert.deepEqual(calcHist(a, { channels: [c - 1] }), naiveHist(a, { channels: [c - 1] }));
    // several dimensions (tables merged per byte, pair tables), repeated channels, partial ranges
    for (const o of [
      { channels: [0, 1, 2].map((k) => k % c), bins: [8, 8, 8] },
      { channels: [c - 1, 0], bins: [30, 32], ranges: [[0, 180], [0, 256]] },
      { channels: [c - 1, 0, c - 1], bins: [5, 3, 4], ranges: [[0, 256], [30, 220], [0, 128]] },
    ]) {
      assert.deepEqual(calcHist(a, o), naiveHist(a, o), `${h}x${w}x${c} ${JSON.stringify(o)}`);
    }
    // a 0/255 disc mask with a few other nonzero values: the mask is scanned a word at a time
    const mask = zeros(h, w, 1);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) mask.data[y * w + x] = (x - w / 2) ** 2 + (y - h / 2) ** 2 < (h / 3) ** 2 ? 255 : (x * y) % 97 === 0 ? 3 : 0;
    for (const o of [{ channels: [c - 1] }, { channels: [0, c - 1], bins: [4, 6] }]) {
      assert.deepEqual(calcHist(a, { ...o, mask }), naiveHist(a, { ...o, mask }), `${h}x${w}x${c} masked ${JSON.stringify(o)}`);
    }
  }
});
