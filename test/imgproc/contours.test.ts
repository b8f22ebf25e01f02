// findContours, contourArea, boundingRect, arcLength, approxPolyDP, moments and drawContours
// against OpenCV 4.6 (test/golden/fixtures-json/contours.json, made by
// test/golden/generate_contours.py), property tests, and their argument errors.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { PixelArray, clone, fromData, full, zeros } from '../../src/index.ts';
import { decodePng } from '../../src/codecs/index.ts';
import {
  approxPolyDP, arcLength, boundingRect, contourArea, drawContours, findContours, findContoursFlat, moments,
  type Contour, type FindContoursResult, type HierarchyEntry, type RetrievalMode, type ContourApproximation,
} from '../../src/imgproc/contours.ts';
import { FIXTURES_DIR } from '../golden/cases.ts';
import { fromDataAsView, layouts } from '../helpers.ts';

type Input = { $rows: number[][] } | { $mix32: { h: number; w: number; seed: number; density: number } } | { $png: string };
type Source = { $find: { input: string; mode: RetrievalMode; method: ContourApproximation } } | { $points: [number, number][][] };
interface FindCase {
  id: string; input: string; mode: RetrievalMode; method: ContourApproximation;
  expect: { count: number; points: number; contours?: Contour[]; hierarchy?: HierarchyEntry[]; contoursSha256?: string; hierarchySha256?: string };
}
interface ShapeCase {
  id: string; contours: Source;
  expect: Record<string, unknown> & {
    count: number; approx: { epsilon: number; closed: boolean; points?: Contour[] }[]; approxSha256?: string;
  };
}
interface DrawCase {
  id: string; contours: Source; canvas: { shape: [number, number, number]; fill: number | number[] };
  args: { index: number; color: number | number[]; thickness: number; lineType: 4 | 8 | 'aa'; hierarchy: boolean; maxLevel: number | null; offset: [number, number] };
  expect: { sha256: string; changed: number };
}

const JSON_FILE = path.join(FIXTURES_DIR, '..', 'fixtures-json', 'contours.json');
const doc = JSON.parse(fs.readFileSync(JSON_FILE, 'utf8')) as {
  dir: string; inputs: Record<string, Input>; find: FindCase[]; shape: ShapeCase[]; draw: DrawCase[];
};
const DIR = path.join(FIXTURES_DIR, '..', doc.dir);
const MOMENT_KEYS = ['m00', 'm10', 'm01', 'm20', 'm11', 'm02', 'm30', 'm21', 'm12', 'm03',
  'mu20', 'mu11', 'mu02', 'mu30', 'mu21', 'mu12', 'mu03', 'nu20', 'nu11', 'nu02', 'nu30', 'nu21', 'nu12', 'nu03'] as const;
const MODES: RetrievalMode[] = ['external', 'list', 'ccomp', 'tree'];

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

const inputCache = new Map<string, { data: Uint8Array; h: number; w: number }>();
function inputOf(name: string): { data: Uint8Array; h: number; w: number } {
  let r = inputCache.get(name);
  if (r !== undefined) return r;
  const arg = doc.inputs[name];
  if ('$rows' in arg) {
    r = { data: Uint8Array.from(arg.$rows.flat()), h: arg.$rows.length, w: arg.$rows[0].length };
  } else if ('$mix32' in arg) {
    const m = arg.$mix32;
    r = { data: mix32(m.h, m.w, m.seed, m.density), h: m.h, w: m.w };
  } else {
    const png = decodePng(new Uint8Array(fs.readFileSync(path.join(DIR, arg.$png))));
    assert.equal(png.shape[2], 1);
    r = { data: clone(png).data, h: png.shape[0], w: png.shape[1] };
  }
  inputCache.set(name, r);
  return r;
}

const imageOf = (name: string): PixelArray => { const { data, h, w } = inputOf(name); return fromData(data.slice(), h, w, 1); };

function sha256(...arrays: (Int32Array | Float64Array | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const a of arrays) hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return hash.digest('hex');
}

/** int32 `[n, x0, y0, …]` per contour (the generator's serialisation, without the leading count). */
function contourInts(cs: readonly (readonly (readonly [number, number])[])[]): Int32Array {
  const out = new Int32Array(cs.reduce((s, c) => s + 1 + 2 * c.length, 0));
  let k = 0;
  for (const c of cs) {
    out[k++] = c.length;
    for (const [x, y] of c) { out[k++] = x; out[k++] = y; }
  }
  return out;
}

function contoursSha(cs: Contour[]): string { return sha256(Int32Array.of(cs.length), contourInts(cs)); }
function hierarchySha(h: HierarchyEntry[]): string { return sha256(Int32Array.from(h.flat())); }

/** Differences of a result from a find case's expectation (empty when it matches). */
function findMismatches(r: FindContoursResult, e: FindCase['expect']): string[] {
  const out: string[] = [];
  if (r.contours.length !== e.count) out.push(`count ${r.contours.length}, expected ${e.count}`);
  const npts = r.contours.reduce((s, c) => s + c.length, 0);
  if (npts !== e.points) out.push(`${npts} points, expected ${e.points}`);
  if (e.contours !== undefined) {
    e.contours.forEach((c, k) => {
      if (JSON.stringify(r.contours[k]) !== JSON.stringify(c)) out.push(`contour ${k}: ${JSON.stringify(r.contours[k])}, expected ${JSON.stringify(c)}`);
    });
    if (JSON.stringify(r.hierarchy) !== JSON.stringify(e.hierarchy)) out.push(`hierarchy ${JSON.stringify(r.hierarchy)}, expected ${JSON.stringify(e.hierarchy)}`);
  } else {
    if (contoursSha(r.contours) !== e.contoursSha256) out.push('contours differ (sha256)');
    if (hierarchySha(r.hierarchy) !== e.hierarchySha256) out.push('hierarchy differs (sha256)');
  }
  return out;
}

test('findContours: every golden case, exact (contiguous and strided views)', () => {
  assert.ok(doc.find.length >= 600, `${doc.find.length} cases`);
  const failures: string[] = [];
  for (const c of doc.find) {
    const { data, h, w } = inputOf(c.input);
    for (const [label, a] of [['contiguous', fromData(data.slice(), h, w, 1)], ['view', fromDataAsView(data, h, w, 1)]] as const) {
      const before = clone(a).data;
      const r = findContours(a, c.mode, c.method);
      const bad = findMismatches(r, c.expect);
      if (bad.length) failures.push(`${c.id} (${label}): ${bad.slice(0, 3).join('; ')}`);
      assert.deepEqual(clone(a).data, before, `${c.id}: input modified`);
    }
  }
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${doc.find.length} cases differ`);
});

test('findContoursFlat: the same contours as findContours', () => {
  for (const name of ['coins_otsu', 'mix200x300_s38_d0.3', 'nested']) {
    for (const mode of MODES) {
      const a = imageOf(name);
      const r = findContours(a, mode, 'simple');
      const f = findContoursFlat(a, mode, 'simple');
      assert.equal(f.count, r.contours.length);
      assert.deepEqual(Array.from(f.hierarchy), r.hierarchy.flat());
      const pts: number[] = [];
      r.contours.forEach((c, k) => {
        assert.equal(f.start[k + 1] - f.start[k], c.length);
        for (const p of c) pts.push(p[0], p[1]);
      });
      assert.deepEqual(Array.from(f.points), pts);
    }
  }
});

function contoursOf(src: Source): Contour[] {
  if ('$points' in src) return src.$points;
  return findContours(imageOf(src.$find.input), src.$find.mode, src.$find.method).contours;
}

/** Differences of the contour functions from a shape case (empty when all match bit for bit). */
function shapeMismatches(cs: Contour[], e: ShapeCase['expect']): string[] {
  const out: string[] = [];
  if (cs.length !== e.count) return [`count ${cs.length}, expected ${e.count}`];
  const doubles: Record<string, number[]> = {
    area: cs.map((c) => contourArea(c)),
    areaOriented: cs.map((c) => contourArea(c, true)),
    arcClosed: cs.map((c) => arcLength(c, true)),
    arcOpen: cs.map((c) => arcLength(c, false)),
  };
  const rects = cs.map((c) => boundingRect(c));
  const moms = cs.map((c) => {
    const m = moments(c);
    assert.deepEqual(Object.keys(m), MOMENT_KEYS);
    return MOMENT_KEYS.map((k) => m[k]);
  });
  const same = (a: number[], b: number[]): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  for (const [k, v] of Object.entries(doubles)) {
    if (k in e) { if (!same(v, e[k] as number[])) out.push(`${k} ${JSON.stringify(v)}, expected ${JSON.stringify(e[k])}`); }
    else if (sha256(Float64Array.from(v)) !== e[`${k}Sha256`]) out.push(`${k} differs (sha256)`);
  }
  if ('rect' in e) { if (JSON.stringify(rects) !== JSON.stringify(e.rect)) out.push(`rect ${JSON.stringify(rects)}, expected ${JSON.stringify(e.rect)}`); }
  else if (sha256(Int32Array.from(rects.flat())) !== e.rectSha256) out.push('rect differs (sha256)');
  if ('moments' in e) {
    const em = e.moments as number[][];
    moms.forEach((m, k) => { if (!same(m, em[k])) out.push(`moments ${k}: ${JSON.stringify(m)}, expected ${JSON.stringify(em[k])}`); });
  } else if (sha256(Float64Array.from(moms.flat())) !== e.momentsSha256) out.push('moments differ (sha256)');
  const parts: Int32Array[] = [];
  for (const { epsilon, closed, points } of e.approx) {
    const r = cs.map((c) => approxPolyDP(c, epsilon, closed));
    if (points !== undefined && JSON.stringify(r) !== JSON.stringify(points)) {
      out.push(`approxPolyDP(ε ${epsilon}, closed ${closed}) ${JSON.stringify(r)}, expected ${JSON.stringify(points)}`);
    }
    parts.push(contourInts(r));
  }
  if (e.approxSha256 !== undefined && sha256(...parts) !== e.approxSha256) out.push('approxPolyDP differs (sha256)');
  return out;
}

test('contourArea, arcLength, boundingRect, moments, approxPolyDP: every golden case, bit for bit', () => {
  assert.ok(doc.shape.length >= 60, `${doc.shape.length} cases`);
  const failures: string[] = [];
  let contours = 0;
  for (const c of doc.shape) {
    const cs = contoursOf(c.contours);
    contours += cs.length;
    const bad = shapeMismatches(cs, c.expect);
    if (bad.length) failures.push(`${c.id}: ${bad.slice(0, 3).join('; ')}`);
  }
  assert.ok(contours > 3000, `${contours} contours`);
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${doc.shape.length} cases differ`);
});

function drawOnce(c: DrawCase, cs: Contour[], hierarchy: HierarchyEntry[], canvas: PixelArray): PixelArray {
  const o: Record<string, unknown> = { thickness: c.args.thickness, lineType: c.args.lineType, offset: c.args.offset };
  if (c.args.hierarchy) o.hierarchy = hierarchy;
  if (c.args.maxLevel !== null) o.maxLevel = c.args.maxLevel;
  const r = drawContours(canvas, cs, c.args.index, c.args.color, o);
  assert.equal(r, canvas);
  return canvas;
}

test('drawContours: every golden case, pixel for pixel (contiguous canvas and strided view)', () => {
  assert.ok(doc.draw.length >= 300, `${doc.draw.length} cases`);
  const failures: string[] = [];
  const found = new Map<string, FindContoursResult>();
  for (const c of doc.draw) {
    if (!('$find' in c.contours)) throw new Error('draw cases take findContours contours');
    const { input, mode, method } = c.contours.$find;
    const key = `${input}/${mode}/${method}`;
    let r = found.get(key);
    if (r === undefined) { r = findContours(imageOf(input), mode, method); found.set(key, r); }
    const [h, w, ch] = c.canvas.shape;
    const img = drawOnce(c, r.contours, r.hierarchy, full(h, w, ch, c.canvas.fill));
    const sha = sha256(img.data);
    if (sha !== c.expect.sha256) {
      const base = full(h, w, ch, c.canvas.fill);
      let changed = 0;
      for (let i = 0; i < h * w; i++) {
        let diff = false;
        for (let k = 0; k < ch; k++) diff ||= img.data[i * ch + k] !== base.data[i * ch + k];
        if (diff) changed++;
      }
      failures.push(`${c.id}: ${changed} pixels changed, expected ${c.expect.changed}`);
    }
    if (h * w <= 100_000) {
      const view = fromDataAsView(full(h, w, ch, c.canvas.fill).data, h, w, ch);
      drawOnce(c, r.contours, r.hierarchy, view);
      if (sha256(clone(view).data) !== c.expect.sha256) failures.push(`${c.id}: differs on a strided view`);
    }
  }
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${doc.draw.length} cases differ`);
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const arbImage = fc.record({
  h: fc.integer({ min: 1, max: 24 }), w: fc.integer({ min: 1, max: 24 }),
  seed: fc.integer({ min: 0, max: 0xffffffff }), density: fc.double({ min: 0, max: 1, noNaN: true }),
}).map(({ h, w, seed, density }) => ({ h, w, data: mix32(h, w, seed, density) }));

const key = (c: Contour): string => JSON.stringify(c);

test('findContours properties: border pixels, same contours in every mode, simple ⊂ none, hierarchy links', () => {
  fc.assert(fc.property(arbImage, ({ h, w, data }) => {
    const a = fromData(data, h, w, 1);
    const fg = (x: number, y: number): boolean => x >= 0 && x < w && y >= 0 && y < h && data[y * w + x] !== 0;
    const tree = findContours(a, 'tree', 'none');
    // every point is a foreground pixel with a 4-neighbour in the background (or outside)
    for (const c of tree.contours) {
      for (const [x, y] of c) {
        assert.ok(fg(x, y), `(${x}, ${y}) is background`);
        assert.ok(!fg(x - 1, y) || !fg(x + 1, y) || !fg(x, y - 1) || !fg(x, y + 1), `(${x}, ${y}) is interior`);
      }
      // consecutive points are 8-neighbours (the chain closes on the start)
      for (let i = 0; i < c.length; i++) {
        const [x0, y0] = c[i], [x1, y1] = c[(i + 1) % c.length];
        assert.ok(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) <= 1 && (c.length === 1 || x0 !== x1 || y0 !== y1));
      }
    }
    // 'list' and 'ccomp' find the same contours as 'tree'
    const sorted = (r: FindContoursResult): string[] => r.contours.map(key).sort();
    for (const mode of ['list', 'ccomp'] as const) assert.deepEqual(sorted(findContours(a, mode, 'none')), sorted(tree));
    // 'external' gives tree's top-level contours, in the same order
    const ext = findContours(a, 'external', 'none');
    assert.deepEqual(ext.contours, tree.contours.filter((_, k) => tree.hierarchy[k][3] === -1));
    for (const mode of MODES) {
      const none = findContours(a, mode, 'none'), simple = findContours(a, mode, 'simple');
      assert.equal(simple.contours.length, none.contours.length);
      assert.deepEqual(simple.hierarchy, none.hierarchy);
      // 'simple' keeps exactly the points where the chain turns
      none.contours.forEach((c, k) => {
        const n = c.length;
        const dir = (i: number, j: number): string => `${c[j][0] - c[i][0]},${c[j][1] - c[i][1]}`;
        const kept = n === 1 ? c : c.filter((_, i) => dir((i + n - 1) % n, i) !== dir(i, (i + 1) % n));
        assert.deepEqual(simple.contours[k], kept);
      });
      checkHierarchy(none, mode);
    }
  }), { numRuns: 300 });
});

/** Links are mutually consistent; 'list' / 'external' are flat, 'ccomp' two levels; outer borders and holes alternate. */
function checkHierarchy(r: FindContoursResult, mode: RetrievalMode): void {
  const hs = r.hierarchy, n = hs.length;
  assert.equal(n, r.contours.length);
  let roots = 0;
  hs.forEach(([next, prev, child, parent], k) => {
    if (next !== -1) { assert.equal(hs[next][1], k); assert.equal(hs[next][3], parent); }
    if (prev !== -1) assert.equal(hs[prev][0], k);
    if (child !== -1) { assert.equal(hs[child][3], k); assert.equal(hs[child][1], -1); }
    if (prev === -1 && parent === -1) roots++;
    if (parent !== -1) {
      assert.ok(parent < k, 'a parent comes before its children');
      // a hole's area is ≥ 0 (clockwise), an outer border's ≤ 0
      const sign = (c: Contour): number => Math.sign(contourArea(c, true));
      assert.ok(sign(r.contours[k]) * sign(r.contours[parent]) <= 0);
    }
    if (mode === 'list' || mode === 'external') { assert.equal(child, -1); assert.equal(parent, -1); }
    if (mode === 'ccomp' && parent !== -1) assert.equal(hs[parent][3], -1);
  });
  assert.equal(roots, n === 0 ? 0 : 1);
}

test('findContours: the same result on every memory layout; the input is not modified', () => {
  for (const name of ['nested', 'coins_otsu', 'mix64x48_s34_d0.4', 'lines_64x48']) {
    const a = imageOf(name);
    const before = clone(a).data;
    for (const mode of MODES) {
      const ref = findContours(a, mode, 'simple');
      for (const [label, v] of Object.entries(layouts(a))) assert.deepEqual(findContours(v, mode, 'simple'), ref, `${name} ${mode} ${label}`);
    }
    assert.deepEqual(a.data, before);
  }
  const empty = findContours(zeros(0, 5, 1), 'tree', 'none');
  assert.deepEqual(empty, { contours: [], hierarchy: [] });
  assert.deepEqual(findContours(zeros(4, 4, 1), 'list', 'simple'), { contours: [], hierarchy: [] });
});

test('contour function properties: boundingRect holds the points, area and m00 agree, arcLength, approxPolyDP subsets', () => {
  const arbContour = fc.array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 })), { maxLength: 40 });
  fc.assert(fc.property(arbContour, fc.double({ min: 0, max: 50, noNaN: true }), (c, eps) => {
    const [x, y, w, h] = boundingRect(c);
    if (c.length === 0) assert.deepEqual([x, y, w, h], [0, 0, 0, 0]);
    for (const [px, py] of c) assert.ok(px >= x && px < x + w && py >= y && py < y + h);
    if (c.length > 0) {
      assert.ok(c.some((p) => p[0] === x) && c.some((p) => p[0] === x + w - 1));
      assert.ok(c.some((p) => p[1] === y) && c.some((p) => p[1] === y + h - 1));
    }
    assert.equal(contourArea(c), Math.abs(contourArea(c, true)));
    assert.equal(contourArea([...c].reverse(), true), -contourArea(c, true) || 0);
    const m = moments(c);
    if (m.m00 !== 0) assert.equal(m.m00, contourArea(c));
    assert.ok(arcLength(c, true) >= arcLength(c, false));
    for (const closed of [true, false]) {
      const r = approxPolyDP(c, eps, closed);
      const set = new Set(c.map(key as (p: unknown) => string));
      for (const p of r) assert.ok(set.has(JSON.stringify(p)));
      assert.ok(r.length <= c.length);
      if (c.length > 0 && !closed && (c[0][0] !== c[c.length - 1][0] || c[0][1] !== c[c.length - 1][1])) {
        assert.deepEqual(r[0], c[0]);
        assert.deepEqual(r[r.length - 1], c[c.length - 1]);
      }
    }
  }), { numRuns: 500 });
});

test("drawContours: thickness 1 draws exactly the points of 'none' contours; filling all tree contours covers them", () => {
  fc.assert(fc.property(arbImage, ({ h, w, data }) => {
    const a = fromData(data, h, w, 1);
    const { contours, hierarchy } = findContours(a, 'tree', 'none');
    const img = drawContours(zeros(h, w, 1), contours, -1, 255);
    const want = new Uint8Array(h * w);
    for (const c of contours) for (const [x, y] of c) want[y * w + x] = 255;
    assert.deepEqual(img.data, want);
    // index k alone, with and without its hierarchy at maxLevel 0
    if (contours.length > 0) {
      const k = contours.length >> 1;
      const one = drawContours(zeros(h, w, 1), contours, k, 255);
      const oneH = drawContours(zeros(h, w, 1), contours, k, 255, { hierarchy, maxLevel: 0 });
      assert.deepEqual(one.data, oneH.data);
      for (const [x, y] of contours[k]) assert.equal(one.data[y * w + x], 255);
    }
    const filled = drawContours(zeros(h, w, 1), contours, -1, 255, { thickness: -1 });
    for (let i = 0; i < h * w; i++) if (want[i]) assert.equal(filled.data[i], 255);
  }), { numRuns: 200 });
});

// ---------------------------------------------------------------------------------------------
// Argument errors
// ---------------------------------------------------------------------------------------------

test('findContours: argument errors name the argument', () => {
  const a = zeros(4, 4, 1);
  assert.throws(() => findContours(zeros(4, 4, 3), 'tree', 'none'), (e: Error) => e instanceof RangeError && /^a: .*single-channel/.test(e.message));
  assert.throws(() => findContours({} as never, 'tree', 'none'), (e: Error) => e instanceof TypeError && /^a: /.test(e.message));
  assert.throws(() => findContours(a, 'floodfill' as never, 'none'), (e: Error) => e instanceof RangeError && /^mode: /.test(e.message));
  assert.throws(() => findContours(a, 'toString' as never, 'none'), (e: Error) => e instanceof RangeError && /^mode: /.test(e.message));
  assert.throws(() => findContours(a, 3 as never, 'none'), (e: Error) => e instanceof TypeError && /^mode: /.test(e.message));
  assert.throws(() => findContours(a, 'tree', 'tc89_l1' as never), (e: Error) => e instanceof RangeError && /^method: /.test(e.message));
  assert.throws(() => findContours(a, 'tree', undefined as never), (e: Error) => e instanceof TypeError && /^method: /.test(e.message));
  assert.throws(() => (findContours as (...args: unknown[]) => unknown)(a, 'tree', 'none', [0, 0]),
    (e: Error) => e instanceof TypeError && /findContours: takes at most 3 arguments/.test(e.message));
});

test('contour functions: argument errors name the argument', () => {
  const sq: [number, number][] = [[0, 0], [4, 0], [4, 4], [0, 4]];
  for (const fn of [(c: never) => contourArea(c), (c: never) => boundingRect(c), (c: never) => arcLength(c, true),
    (c: never) => approxPolyDP(c, 1, true), (c: never) => moments(c)]) {
    assert.throws(() => fn(5 as never), (e: Error) => e instanceof TypeError && /^c: expected a contour/.test(e.message));
    assert.throws(() => fn([[0, 0], [1]] as never), (e: Error) => e instanceof TypeError && /^c\[1\]: expected a point/.test(e.message));
    assert.throws(() => fn([[0, 0.5]] as never), (e: Error) => e instanceof RangeError && /^c\[0\]\[1\]: expected an integer/.test(e.message));
    assert.throws(() => fn([[2 ** 30, 0]] as never), (e: Error) => e instanceof RangeError && /^c\[0\]\[0\]: /.test(e.message));
    assert.throws(() => fn([['1', 0]] as never), (e: Error) => e instanceof TypeError && /^c\[0\]\[0\]: /.test(e.message));
  }
  assert.throws(() => contourArea(sq, 1 as never), (e: Error) => e instanceof TypeError && /^oriented: /.test(e.message));
  assert.throws(() => arcLength(sq, undefined as never), (e: Error) => e instanceof TypeError && /^closed: /.test(e.message));
  assert.throws(() => approxPolyDP(sq, -1, true), (e: Error) => e instanceof RangeError && /^epsilon: /.test(e.message));
  assert.throws(() => approxPolyDP(sq, 1e30, true), (e: Error) => e instanceof RangeError && /^epsilon: /.test(e.message));
  assert.throws(() => approxPolyDP(sq, NaN, true), (e: Error) => e instanceof RangeError && /^epsilon: /.test(e.message));
  assert.throws(() => approxPolyDP(sq, 1, 'yes' as never), (e: Error) => e instanceof TypeError && /^closed: /.test(e.message));
  assert.throws(() => (contourArea as (...args: unknown[]) => unknown)(sq, false, 1), (e: Error) => e instanceof TypeError && /contourArea: takes at most 2/.test(e.message));
  assert.throws(() => (moments as (...args: unknown[]) => unknown)(sq, true), (e: Error) => e instanceof TypeError && /moments: takes at most 1/.test(e.message));
  assert.throws(() => (boundingRect as (...args: unknown[]) => unknown)(sq, 1), (e: Error) => e instanceof TypeError && /boundingRect: takes at most 1/.test(e.message));
  // the defaults and the trivial cases
  assert.equal(contourArea(sq), 16);
  assert.equal(contourArea(sq, true), 16);
  assert.equal(contourArea([]), 0);
  assert.equal(arcLength([[1, 1]], true), 0);
  assert.deepEqual(approxPolyDP([], 1, true), []);
  assert.equal(moments([]).m00, 0);
});

test('drawContours: argument errors name the argument', () => {
  const img = zeros(10, 10, 3);
  const cs: [number, number][][] = [[[1, 1], [5, 1], [5, 5]], [[7, 7]]];
  const h: [number, number, number, number][] = [[1, -1, -1, -1], [-1, 0, -1, -1]];
  assert.throws(() => drawContours({} as never, cs, -1, 255), (e: Error) => e instanceof TypeError && /^img: /.test(e.message));
  assert.throws(() => drawContours(img, 5 as never, -1, 255), (e: Error) => e instanceof TypeError && /^contours: /.test(e.message));
  assert.throws(() => drawContours(img, [[[1, 1.5]]], -1, 255), (e: Error) => e instanceof RangeError && /^contours\[0\]\[0\]\[1\]: /.test(e.message));
  assert.throws(() => drawContours(img, [5 as never], -1, 255), (e: Error) => e instanceof TypeError && /^contours\[0\]: /.test(e.message));
  assert.throws(() => drawContours(img, cs, 2, 255), (e: Error) => e instanceof RangeError && /^index: /.test(e.message));
  assert.throws(() => drawContours(img, cs, -2, 255), (e: Error) => e instanceof RangeError && /^index: /.test(e.message));
  assert.throws(() => drawContours(img, cs, 0.5, 255), (e: Error) => e instanceof RangeError && /^index: /.test(e.message));
  assert.throws(() => drawContours(img, cs, '0' as never, 255), (e: Error) => e instanceof TypeError && /^index: /.test(e.message));
  assert.throws(() => drawContours(img, cs, -1, 'red' as never), (e: Error) => e instanceof TypeError && /^color: /.test(e.message));
  assert.throws(() => drawContours(img, cs, -1, 255, { thickness: -2 }), (e: Error) => e instanceof RangeError && /^options\.thickness: /.test(e.message));
  assert.throws(() => drawContours(img, cs, -1, 255, { thickness: 40000 }), (e: Error) => e instanceof RangeError && /^options\.thickness: /.test(e.message));
  assert.throws(() => drawContours(img, cs, -1, 255, { lineType: 16 as never }), (e: Error) => e instanceof RangeError && /^options\.lineType: /.test(e.message));
  assert.throws(() => drawContours(img, cs, -1, 255, { maxLevel: 1.5 }), (e: Error) => e instanceof RangeError && /^options\.maxLevel: /.test(e.message));
  assert.throws(() => drawContours(img, cs, -1, 255, { hierarchy: h.slice(1) }), (e: Error) => e instanceof RangeError && /^options\.hierarchy: .*one entry per contour/.test(e.message));
  assert.throws(() => drawContours(img, cs, -1, 255, { hierarchy: [[1, -1, -1, -1], [5, 0, -1, -1]] }),
    (e: Error) => e instanceof RangeError && /^options\.hierarchy\[1\]\[0\]: /.test(e.message));
  assert.throws(() => drawContours(img, cs, -1, 255, { hierarchy: [[1, -1, -1, -1], [0, 0, -1, -1]] }),
    (e: Error) => e instanceof RangeError && /^options\.hierarchy: .*cycle/.test(e.message));
  assert.throws(() => drawContours(img, cs, -1, 255, { offset: [0.5, 0] }), (e: Error) => e instanceof RangeError && /^options\.offset\[0\]: /.test(e.message));
  assert.throws(() => drawContours(img, cs, -1, 255, { thikness: 2 } as never), (e: Error) => e instanceof TypeError && /unknown option 'thikness'/.test(e.message));
  assert.throws(() => drawContours(img, [[], [[1, 1]]], -1, 255), (e: Error) => e instanceof RangeError && /^contours\[0\]: /.test(e.message));
  assert.throws(() => (drawContours as (...args: unknown[]) => unknown)(img, cs, -1, 255, {}, 1),
    (e: Error) => e instanceof TypeError && /drawContours: takes at most 5/.test(e.message));
  // an empty contour that is not drawn is no error (as in cv2); no contours draw nothing
  drawContours(img, [[], [[1, 1]]], 1, 255);
  assert.equal(img.get(1, 1, 0), 255);
  assert.equal(drawContours(img, [], -1, 0), img);
  // the return value is the image, drawn in place
  const gray = zeros(6, 6, 1);
  assert.equal(drawContours(gray, [[[0, 0], [5, 5]]], 0, 9, { thickness: 1 }), gray);
  assert.equal(gray.get(3, 3), 9);
});
