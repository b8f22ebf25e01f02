// connectedComponents / connectedComponentsWithStats against OpenCV 4.6
// (test/golden/fixtures-json/components.json, made by test/golden/generate_components.py), against
// an independent flood-fill definition of OpenCV's numbering, and their argument errors.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { PixelArray, clone, fromData, zeros } from '../../src/index.ts';
import { decodePng } from '../../src/codecs/index.ts';
import {
  connectedComponents, connectedComponentsWithStats, connectedComponentsWithStatsSplitSums,
  type ConnectedComponentsStatsResult,
} from '../../src/imgproc/components.ts';
import { FIXTURES_DIR } from '../golden/cases.ts';
import { fromDataAsView, layouts, randomImage } from '../helpers.ts';

const INT_MAX = 2147483647;
const JSON_FILE = path.join(FIXTURES_DIR, '..', 'fixtures-json', 'components.json');
const doc = JSON.parse(fs.readFileSync(JSON_FILE, 'utf8')) as {
  dir: string;
  exhaustive: { h: number; w: number; connectivity: 4 | 8; images: number; sha256: string }[];
  cases: {
    id: string; args: [Record<string, unknown>, { connectivity: 4 | 8 }]; shape: [number, number]; ref: string;
    expect: {
      count: number; labels?: number[][]; labelsSha256?: string; stats?: number[][]; statsSha256?: string;
      centroids?: (number | null)[][]; centroidsSha256?: string;
    };
  }[];
};
const DIR = path.join(FIXTURES_DIR, '..', doc.dir);

/** The generator's seeded image: MurmurHash3's fmix32 of `i · 0x9E3779B1 + seed`, pixel i row-major. */
function mix32(h: number, w: number, seed: number, density: number): Uint8Array {
  const out = new Uint8Array(h * w);
  const t = Math.round(density * 256);
  for (let i = 0; i < h * w; i++) {
    let v = (Math.imul(i, 0x9e3779b1) + seed) >>> 0;
    v ^= v >>> 16; v = Math.imul(v, 0x85ebca6b) >>> 0;
    v ^= v >>> 13; v = Math.imul(v, 0xc2b2ae35) >>> 0;
    v ^= v >>> 16;
    out[i] = (v >>> 24) < t ? (v & 0xff) | 1 : 0;
  }
  return out;
}

function inputOf(arg: Record<string, unknown>): { data: Uint8Array; h: number; w: number } {
  if (Array.isArray(arg.$rows)) {
    const rows = arg.$rows as number[][];
    return { data: Uint8Array.from(rows.flat()), h: rows.length, w: rows[0].length };
  }
  if (arg.$mix32) {
    const m = arg.$mix32 as { h: number; w: number; seed: number; density: number };
    return { data: mix32(m.h, m.w, m.seed, m.density), h: m.h, w: m.w };
  }
  const png = decodePng(new Uint8Array(fs.readFileSync(path.join(DIR, arg.$png as string))));
  assert.equal(png.shape[2], 1);
  return { data: clone(png).data, h: png.shape[0], w: png.shape[1] };
}

function sha256(a: Int32Array | Float64Array): string {
  let bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (a instanceof Float64Array) {
    // NaN as the generator writes it (0x7FF8000000000000, little-endian).
    bytes = bytes.slice();
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < a.length; i++) if (Number.isNaN(a[i])) view.setBigUint64(8 * i, 0x7ff8000000000000n, true);
  }
  return createHash('sha256').update(bytes).digest('hex');
}

function rowsOf(a: ArrayLike<number>, n: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.length; i += n) out.push(Array.from({ length: n }, (_, k) => a[i + k]));
  return out;
}

/** Differences of a result from a case's expectation (empty when it matches exactly). */
function mismatches(r: ConnectedComponentsStatsResult, e: (typeof doc.cases)[number]['expect'], w: number, withStats: boolean): string[] {
  const out: string[] = [];
  if (r.count !== e.count) return [`count ${r.count}, expected ${e.count}`];
  if (e.labels) {
    try { assert.deepEqual(rowsOf(r.labels, w), e.labels); } catch { out.push(`labels ${JSON.stringify(rowsOf(r.labels, w))}`); }
  } else if (sha256(r.labels) !== e.labelsSha256) out.push('labels hash differs');
  if (!withStats) return out;
  if (e.stats) {
    try { assert.deepEqual(rowsOf(r.stats, 5), e.stats); } catch { out.push(`stats ${JSON.stringify(rowsOf(r.stats, 5))}`); }
    const cen = rowsOf(r.centroids, 2).map((row) => row.map((v) => (Number.isNaN(v) ? null : v)));
    try { assert.deepEqual(cen, e.centroids); } catch { out.push(`centroids ${JSON.stringify(cen)}`); }
  } else {
    if (sha256(r.stats) !== e.statsSha256) out.push(`stats hash differs (first rows ${JSON.stringify(rowsOf(r.stats.subarray(0, 20), 5))})`);
    if (sha256(r.centroids) !== e.centroidsSha256) out.push('centroids hash differs');
  }
  return out;
}

test(`connectedComponents(WithStats) equal cv2 on ${doc.cases.length} golden cases, contiguous and strided`, () => {
  assert.ok(doc.cases.length >= 150);
  const failures: string[] = [];
  for (const c of doc.cases) {
    const { data, h, w } = inputOf(c.args[0]);
    assert.deepEqual([h, w], c.shape, c.id);
    const before = data.slice();
    for (const [name, a] of [['contiguous', fromData(data, h, w, 1)], ['strided', fromDataAsView(data, h, w, 1)]] as const) {
      const full = connectedComponentsWithStats(a, c.args[1]);
      for (const m of mismatches(full, c.expect, w, true)) failures.push(`${c.id} (${name}, ${c.ref}): ${m}`);
      const plain = connectedComponents(a, c.args[1]);
      assert.deepEqual(Object.keys(plain), ['count', 'labels']);
      for (const m of mismatches({ ...plain, stats: full.stats, centroids: full.centroids }, c.expect, w, false)) {
        failures.push(`${c.id} (${name}, connectedComponents): ${m}`);
      }
    }
    assert.deepEqual(data, before, `${c.id}: input mutated`);
  }
  assert.deepEqual(failures, []);
});

test('the golden cases cover the parallel path of cv2, thresholded photos, views and both connectivities', () => {
  const ids = doc.cases.map((c) => c.id).join(' ');
  for (const part of ['coffee_1920x1080_otsu_c8', 'coffee_1920x1080_otsu_c4', 'coins_otsu', 'mix1080x1920', 'mix1x1_', 'lines_']) {
    assert.ok(ids.includes(part), part);
  }
  assert.ok(doc.cases.some((c) => (c as { parallel?: boolean }).parallel));
});

for (const ex of doc.exhaustive) {
  test(`every binary ${ex.h}×${ex.w} image (${ex.images}), connectivity ${ex.connectivity}: cv2's labels, stats and centroids`, () => {
    const hash = createHash('sha256');
    const n = ex.h * ex.w;
    const count = new Int32Array(1);
    for (let m = 0; m < ex.images; m++) {
      const data = new Uint8Array(n);
      for (let k = 0; k < n; k++) data[k] = (m >> k) & 1 ? 255 : 0;
      const r = connectedComponentsWithStats(fromData(data, ex.h, ex.w, 1), { connectivity: ex.connectivity });
      count[0] = r.count;
      hash.update(new Uint8Array(count.buffer));
      hash.update(new Uint8Array(r.labels.buffer, r.labels.byteOffset, r.labels.byteLength));
      hash.update(new Uint8Array(r.stats.buffer, r.stats.byteOffset, r.stats.byteLength));
      const cen = new Uint8Array(r.centroids.buffer.slice(r.centroids.byteOffset, r.centroids.byteOffset + r.centroids.byteLength));
      const view = new DataView(cen.buffer);
      for (let i = 0; i < r.centroids.length; i++) if (Number.isNaN(r.centroids[i])) view.setBigUint64(8 * i, 0x7ff8000000000000n, true);
      hash.update(cen);
    }
    assert.equal(hash.digest('hex'), ex.sha256);
  });
}

// ---------------------------------------------------------------------------------------------
// An independent definition: flood fill, numbering components in OpenCV's scan order (the first
// 2×2 block, in block raster order, for 8-connectivity; the first pixel in raster order for 4).

function neighbours(connectivity: 4 | 8): [number, number][] {
  const n: [number, number][] = [[-1, 0], [1, 0], [0, -1], [0, 1]];
  return connectivity === 8 ? [...n, [-1, -1], [-1, 1], [1, -1], [1, 1]] : n;
}

function floodLabels(a: PixelArray, connectivity: 4 | 8): { count: number; labels: Int32Array } {
  const [h, w] = a.shape;
  const labels = new Int32Array(h * w);
  const fg = (y: number, x: number) => a.get(y, x) !== 0;
  let next = 1;
  const fill = (y0: number, x0: number) => {
    if (!fg(y0, x0) || labels[y0 * w + x0] !== 0) return;
    const l = next++;
    const stack = [[y0, x0]];
    labels[y0 * w + x0] = l;
    while (stack.length) {
      const [y, x] = stack.pop()!;
      for (const [dy, dx] of neighbours(connectivity)) {
        const yy = y + dy, xx = x + dx;
        if (yy >= 0 && yy < h && xx >= 0 && xx < w && fg(yy, xx) && labels[yy * w + xx] === 0) {
          labels[yy * w + xx] = l;
          stack.push([yy, xx]);
        }
      }
    }
  };
  if (connectivity === 8) {
    for (let by = 0; by < h; by += 2) {
      for (let bx = 0; bx < w; bx += 2) {
        for (const [y, x] of [[by, bx], [by, bx + 1], [by + 1, bx], [by + 1, bx + 1]]) if (y < h && x < w) fill(y, x);
      }
    }
  } else {
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) fill(y, x);
  }
  return { count: next, labels };
}

/** cv2's statistics from labels, pixel by pixel. */
function naiveStats(labels: Int32Array, h: number, w: number, count: number): { stats: number[][]; centroids: number[][] } {
  const stats: number[][] = [], centroids: number[][] = [];
  for (let l = 0; l < count; l++) {
    let left = INT_MAX, top = INT_MAX, right = -1, bottom = -1, area = 0, sx = 0, sy = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (labels[y * w + x] !== l) continue;
        left = Math.min(left, x); right = Math.max(right, x); top = Math.min(top, y); bottom = Math.max(bottom, y);
        area++; sx += x; sy += y;
      }
    }
    stats.push(area ? [left, top, right - left + 1, bottom - top + 1, area] : [-1, INT_MAX, 0, 0, 0]);
    centroids.push(area ? [sx / area, sy / area] : [NaN, NaN]);
  }
  return { stats, centroids };
}

/** Binary-ish images: a random mask with a random density, nonzero values varied. */
const binaryImage = (maxSide = 24) => fc
  .tuple(fc.integer({ min: 1, max: maxSide }), fc.integer({ min: 1, max: maxSide }), fc.integer({ min: 0, max: 256 }))
  .chain(([h, w, t]) => fc.uint8Array({ minLength: h * w, maxLength: h * w })
    .map((d) => fromData(d.map((v) => (v < t ? v | 1 : 0)), h, w, 1)));
const connectivity = fc.constantFrom<4 | 8>(4, 8);

test('labels equal the flood-fill definition of OpenCV\'s numbering; stats and centroids the pixel-by-pixel ones', () => {
  fc.assert(fc.property(binaryImage(), connectivity, (a, c) => {
    const r = connectedComponentsWithStats(a, { connectivity: c });
    const ref = floodLabels(a, c);
    assert.equal(r.count, ref.count);
    assert.deepEqual(r.labels, ref.labels);
    const [h, w] = a.shape;
    const s = naiveStats(r.labels, h, w, r.count);
    assert.deepEqual(rowsOf(r.stats, 5), s.stats);
    assert.deepEqual(rowsOf(r.centroids, 2), s.centroids);
  }), { numRuns: 400 });
});

test('labels form a partition into connected, mutually non-adjacent components; areas sum to H×W', () => {
  fc.assert(fc.property(binaryImage(40), connectivity, (a, c) => {
    const [h, w] = a.shape;
    const { count, labels, stats } = connectedComponentsWithStats(a, { connectivity: c });
    const seen = new Uint8Array(count);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const l = labels[y * w + x];
        assert.ok(l >= 0 && l < count);
        assert.equal(l === 0, a.get(y, x) === 0);
        seen[l] = 1;
        // Adjacent foreground pixels share a label.
        if (l === 0) continue;
        for (const [dy, dx] of neighbours(c)) {
          const yy = y + dy, xx = x + dx;
          if (yy >= 0 && yy < h && xx >= 0 && xx < w && labels[yy * w + xx] !== 0) assert.equal(labels[yy * w + xx], l);
        }
      }
    }
    for (let l = 1; l < count; l++) assert.equal(seen[l], 1, `label ${l} unused`);
    // Each label is connected: a flood fill from its first pixel reaches all its pixels.
    for (let l = 1; l < count; l++) {
      const first = labels.indexOf(l);
      const reached = new Set([first]);
      const stack = [first];
      while (stack.length) {
        const i = stack.pop()!, y = Math.floor(i / w), x = i % w;
        for (const [dy, dx] of neighbours(c)) {
          const yy = y + dy, xx = x + dx, j = yy * w + xx;
          if (yy >= 0 && yy < h && xx >= 0 && xx < w && labels[j] === l && !reached.has(j)) { reached.add(j); stack.push(j); }
        }
      }
      assert.equal(reached.size, stats[5 * l + 4]);
    }
    let total = 0;
    for (let l = 0; l < count; l++) total += stats[5 * l + 4];
    assert.equal(total, h * w);
  }), { numRuns: 300 });
});

test('every 8-component is a union of 4-components, and 4-labels refine 8-labels', () => {
  fc.assert(fc.property(binaryImage(32), (a) => {
    const r8 = connectedComponents(a), r4 = connectedComponents(a, { connectivity: 4 });
    assert.ok(r4.count >= r8.count);
    const map = new Map<number, number>();
    for (let i = 0; i < r4.labels.length; i++) {
      const m = map.get(r4.labels[i]);
      if (m === undefined) map.set(r4.labels[i], r8.labels[i]);
      else assert.equal(m, r8.labels[i]);
    }
  }));
});

test('views (crops, negative strides, transposed copies) give the result of a contiguous copy; inputs are never mutated', () => {
  fc.assert(fc.property(binaryImage(30), connectivity, (a, c) => {
    const expect = connectedComponentsWithStats(clone(a), { connectivity: c });
    for (const [name, v] of Object.entries(layouts(a))) {
      const bytes = v.data.slice();
      const r = connectedComponentsWithStats(v, { connectivity: c });
      assert.deepEqual(r, expect, name);
      assert.deepEqual(connectedComponents(v, { connectivity: c }), { count: expect.count, labels: expect.labels }, name);
      assert.deepEqual(v.data, bytes, `${name}: input mutated`);
    }
  }), { numRuns: 150 });
});

test('a column view of an RGB image (stride 3) labels that channel', () => {
  const rgb = randomImage(23, 31, 3, 5);
  const channel1 = new PixelArray(rgb.data, [23, 31, 1], [31 * 3, 3, 1], 1);
  const copy = clone(channel1);
  for (let i = 0; i < copy.data.length; i++) copy.data[i] = copy.data[i] < 100 ? 0 : copy.data[i];
  const view = new PixelArray(Uint8Array.from(rgb.data, (v) => (v < 100 ? 0 : v)), [23, 31, 1], [31 * 3, 3, 1], 1);
  for (const c of [4, 8] as const) assert.deepEqual(connectedComponentsWithStats(view, { connectivity: c }), connectedComponentsWithStats(copy, { connectivity: c }));
});

test('the split (20-bit halves) centroid sums for huge images give the plain sums\' results', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const a = fromData(mix32(40 + seed, 70 - seed, seed, 0.5), 40 + seed, 70 - seed, 1);
    for (const c of [4, 8] as const) assert.deepEqual(connectedComponentsWithStatsSplitSums(a, c), connectedComponentsWithStats(a, { connectivity: c }));
  }
});

test('edge cases: all background, all foreground (cv2\'s empty background row), empty images', () => {
  const bg = connectedComponentsWithStats(zeros(3, 4, 1));
  assert.equal(bg.count, 1);
  assert.deepEqual([...bg.stats], [0, 0, 4, 3, 12]);
  assert.deepEqual([...bg.centroids], [1.5, 1]);
  const fg = connectedComponentsWithStats(fromData(new Uint8Array(12).fill(1), 3, 4, 1));
  assert.equal(fg.count, 2);
  assert.deepEqual([...fg.labels], new Array(12).fill(1));
  assert.deepEqual([...fg.stats], [-1, INT_MAX, 0, 0, 0, 0, 0, 4, 3, 12]);
  assert.deepEqual([...fg.centroids], [NaN, NaN, 1.5, 1]);
  // cv2 crashes on an empty image; here it is all background, with no pixels.
  for (const [h, w] of [[0, 5], [5, 0], [0, 0]]) {
    for (const c of [4, 8] as const) {
      const r = connectedComponentsWithStats(zeros(h, w, 1), { connectivity: c });
      assert.equal(r.count, 1);
      assert.equal(r.labels.length, 0);
      assert.deepEqual([...r.stats], [-1, INT_MAX, 0, 0, 0]);
      assert.deepEqual([...r.centroids], [NaN, NaN]);
      assert.deepEqual(connectedComponents(zeros(h, w, 1), { connectivity: c }), { count: 1, labels: new Int32Array(0) });
    }
  }
});

test('errors name the argument', () => {
  const a = zeros(4, 4, 1);
  for (const fn of [connectedComponents, connectedComponentsWithStats]) {
    // cv2 asserts `I.channels() == 1`.
    assert.throws(() => fn(zeros(4, 4, 3)), { name: 'RangeError', message: /^a: expected a single-channel image .*got 3 channels/ });
    assert.throws(() => fn(zeros(4, 4, 2)), { name: 'RangeError', message: /^a: expected a single-channel image/ });
    assert.throws(() => fn(new Uint8Array(16) as never), { name: 'TypeError', message: /^a: expected a PixelArray, got Uint8Array/ });
    assert.throws(() => fn(undefined as never), { name: 'TypeError', message: /^a: expected a PixelArray/ });
    // cv2 asserts `connectivity == 8 || connectivity == 4`.
    for (const c of [6, 0, 1, -8, 8.5, NaN]) {
      assert.throws(() => fn(a, { connectivity: c as never }), { name: 'RangeError', message: /^options\.connectivity: expected 4 or 8/ });
    }
    assert.throws(() => fn(a, { connectivity: '8' as never }), { name: 'TypeError', message: /^options\.connectivity: expected 4 or 8, got "8"/ });
    assert.throws(() => fn(a, { conectivity: 4 } as never), { name: 'TypeError', message: /^options: unknown option 'conectivity' \(expected one of 'connectivity'\)/ });
    assert.throws(() => fn(a, { ltype: 'CV_16U' } as never), { name: 'TypeError', message: /unknown option 'ltype'/ });
    assert.throws(() => fn(a, null as never), { name: 'TypeError', message: /^options: expected an options object/ });
    assert.throws(() => fn(a, 8 as never), { name: 'TypeError', message: /^options: expected an options object/ });
    assert.throws(() => (fn as (...args: unknown[]) => unknown)(a, {}, 1), { name: 'TypeError', message: new RegExp(`^${fn.name}: takes at most 2 arguments \\(a, options\\), got 3`) });
    // Explicit defaults are accepted.
    assert.equal(fn(a, { connectivity: undefined }).count, 1);
    assert.equal(fn(a, {}).count, 1);
  }
});
