// sobel, scharr, laplacian (and convertScaleAbs on their int16/float32 results): golden cases made
// by test/golden/generate_edges.py with OpenCV 4.6, plus errors, views, out and properties.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import * as pa from '../../src/index.ts';
import { clone, convertScaleAbs, fromData, laplacian, PixelArray, scharr, sobel } from '../../src/index.ts';
import { derivKernel } from '../../src/imgproc/edges.ts';
import { FIXTURES_DIR, loadCases, materialize, runCase } from '../golden/cases.ts';
import { fromDataAsView, layouts, pixels, randomImage } from '../helpers.ts';

const EDGES_DIR = path.join(FIXTURES_DIR, 'edges');
const DEPTH_DIR = fileURLToPath(new URL('../golden/fixtures-edges-depth/', import.meta.url));

// ------------------------------------------------------------------------------------------
// The uint8 golden cases (golden.test.ts runs them too; here so that this file stands alone).

test('edges golden cases (uint8 results): contiguous and strided inputs', () => {
  const failures: string[] = [];
  const cases = loadCases(EDGES_DIR).filter((c) => c.call !== 'canny');
  assert.ok(cases.length > 150);
  for (const c of cases) {
    const m1 = runCase(c, pa as never, EDGES_DIR);
    if (m1) failures.push(`${c.id} (${c.ref}): ${m1}`);
    const m2 = runCase(c, { ...pa, fromData: fromDataAsView } as never, EDGES_DIR);
    if (m2) failures.push(`${c.id} (${c.ref}) on a strided view: ${m2}`);
  }
  assert.deepEqual(failures, []);
});

// ------------------------------------------------------------------------------------------
// int16 / float32 results: own loader (.npy of <i2, <f4 or |u1).

interface DepthCase {
  id: string; call: string; args: unknown[]; expect: string; dtype: 'int16' | 'float32' | 'uint8'; ref: string;
  tol: { kind: 'exact' } | { kind: 'maxabs'; value: number } | { kind: 'rel'; value: number; abs: number };
  convertScaleAbs?: { alpha: number; beta: number };
}

function readTypedNpy(file: string): { shape: number[]; data: Int16Array | Float32Array | Uint8Array } {
  const buf = fs.readFileSync(file);
  assert.equal(buf.toString('latin1', 1, 6), 'NUMPY');
  const headerLen = buf.readUInt16LE(8);
  const header = buf.toString('latin1', 10, 10 + headerLen);
  const descr = /'descr':\s*'([^']+)'/.exec(header)![1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)![1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const body = buf.subarray(10 + headerLen);
  const copy = new ArrayBuffer(body.length);
  new Uint8Array(copy).set(body);
  const data = descr === '<i2' ? new Int16Array(copy) : descr === '<f4' ? new Float32Array(copy) : descr === '|u1' ? new Uint8Array(copy) : null;
  if (!data) throw new Error(`${file}: dtype ${descr}`);
  return { shape, data };
}

function depthCases(): DepthCase[] {
  return (JSON.parse(fs.readFileSync(path.join(DEPTH_DIR, 'cases.json'), 'utf8')) as { cases: DepthCase[] }).cases;
}

function runDepthCase(c: DepthCase, make: (data: Uint8Array, h: number, w: number, c: number) => PixelArray): { worst: number; bad: number; msg: string | null } {
  const args = (c.args[0] as { $i16?: string }).$i16 ? c.args : materialize(c.args, make, EDGES_DIR) as unknown[];
  const fns = { sobel, scharr, laplacian } as Record<string, (...a: unknown[]) => unknown>;
  let got: unknown;
  const raw = (c.args[0] as { $i16?: string }).$i16;
  if (raw) {
    const x = readTypedNpy(path.join(DEPTH_DIR, raw));
    const shape: [number, number, number] = [x.shape[0], x.shape[1], x.shape[2] ?? 1];
    got = convertScaleAbs({ data: x.data as Int16Array, shape }, c.args[1] as number, c.args[2] as number);
  } else if (c.convertScaleAbs) {
    const g = sobel(...(args as [PixelArray, number, number, pa.SobelOptions]));
    got = convertScaleAbs(g, c.convertScaleAbs.alpha, c.convertScaleAbs.beta);
  } else got = fns[c.call](...args);
  const e = readTypedNpy(path.join(DEPTH_DIR, c.expect));
  const g = got as { data: ArrayLike<number>; shape: number[] };
  const gd = got instanceof PixelArray ? pixels(got) : Array.from(g.data);
  if (c.dtype === 'int16') assert.ok(g.data instanceof Int16Array, `${c.id}: expected an Int16Array`);
  if (c.dtype === 'float32') assert.ok(g.data instanceof Float32Array, `${c.id}: expected a Float32Array`);
  if (c.dtype === 'uint8') assert.ok(got instanceof PixelArray, `${c.id}: expected a PixelArray`);
  const eShape = e.shape.length === 2 ? [...e.shape, 1] : e.shape;
  if (g.shape.join() !== eShape.join()) return { worst: Infinity, bad: -1, msg: `shape ${g.shape} != ${eShape}` };
  let worst = 0, bad = 0, first = -1;
  for (let i = 0; i < gd.length; i++) {
    const d = Math.abs(gd[i] - e.data[i]);
    const limit = c.tol.kind === 'exact' ? 0 : c.tol.kind === 'maxabs' ? c.tol.value : c.tol.abs + c.tol.value * Math.abs(e.data[i]);
    if (d > 0) { bad++; worst = Math.max(worst, d); }
    if (!(d <= limit) && first < 0) first = i;
  }
  return { worst, bad, msg: first < 0 ? null : `${bad} values differ, max ${worst}; first beyond tolerance at ${first}: got ${gd[first]}, expected ${e.data[first]}` };
}

test('edges golden cases (int16 / float32 results, convertScaleAbs of them)', () => {
  const failures: string[] = [];
  const cases = depthCases();
  assert.ok(cases.length > 30);
  for (const c of cases) {
    for (const [layout, make] of [['contiguous', fromData], ['strided', fromDataAsView]] as const) {
      const r = runDepthCase(c, make);
      if (r.msg) failures.push(`${c.id} (${c.ref}) ${layout}: ${r.msg}`);
    }
  }
  assert.deepEqual(failures, []);
});

// ------------------------------------------------------------------------------------------
// Kernels, errors, views, out, inputs untouched.

test('derivKernel matches cv2.getDerivKernels', () => {
  assert.deepEqual(Array.from(derivKernel(0, 5)), [1, 4, 6, 4, 1]);
  assert.deepEqual(Array.from(derivKernel(1, 5)), [-1, -2, 0, 2, 1]);
  assert.deepEqual(Array.from(derivKernel(2, 5)), [1, 0, -2, 0, 1]);
  assert.deepEqual(Array.from(derivKernel(1, 7)), [-1, -4, -5, 0, 5, 4, 1]);
  assert.deepEqual(Array.from(derivKernel(2, 7)), [1, 2, -1, -4, -1, 2, 1]);
  assert.deepEqual(Array.from(derivKernel(3, 7)), [-1, 0, 3, 0, -3, 0, 1]);
  assert.deepEqual(Array.from(derivKernel(0, 1)), [1]);
  assert.deepEqual(Array.from(derivKernel(1, 1)), [-1, 0, 1]);
  assert.deepEqual(Array.from(derivKernel(2, 1)), [1, -2, 1]);
  assert.deepEqual(Array.from(derivKernel(0, -1)), [3, 10, 3]);
});

test('sobel/scharr/laplacian refuse bad arguments with named errors', () => {
  const a = randomImage(5, 6, 1);
  assert.throws(() => sobel(null as never, 1, 0), { name: 'TypeError', message: /^a:/ });
  assert.throws(() => sobel(a, 0, 0), { name: 'RangeError', message: /dx \+ dy/ });
  assert.throws(() => sobel(a, 1.5, 0), { name: 'RangeError', message: /^dx:/ });
  assert.throws(() => sobel(a, '1' as never, 0), { name: 'TypeError', message: /^dx:/ });
  assert.throws(() => sobel(a, 3, 0), { name: 'RangeError', message: /^dx:.*kernel size 3/ });
  assert.throws(() => sobel(a, 0, 5, { ksize: 5 }), { name: 'RangeError', message: /^dy:/ });
  assert.throws(() => sobel(a, 1, 0, { ksize: 4 }), { name: 'RangeError', message: /^options\.ksize:/ });
  assert.throws(() => sobel(a, 1, 1, { ksize: -1 }), { name: 'RangeError', message: /Scharr/ });
  assert.throws(() => sobel(a, 1, 0, { scale: NaN }), { name: 'RangeError', message: /^options\.scale:/ });
  assert.throws(() => sobel(a, 1, 0, { delta: 'x' as never }), { name: 'TypeError', message: /^options\.delta:/ });
  assert.throws(() => sobel(a, 1, 0, { border: 'wrap' }), { name: 'RangeError', message: /^options\.border:.*WRAP/ });
  assert.throws(() => sobel(a, 1, 0, { ddepth: 'int8' as never }), { name: 'RangeError', message: /^options\.ddepth:/ });
  assert.throws(() => sobel(a, 1, 0, { ksize: 3, foo: 1 } as never), { name: 'TypeError', message: /unknown option 'foo'/ });
  assert.throws(() => sobel(a, 1, 0, { ddepth: 'int16', out: clone(a) } as never), { name: 'TypeError', message: /^options\.out:/ });
  assert.throws(() => sobel(a, 1, 0, { out: randomImage(5, 5, 1) }), { name: 'RangeError', message: /^options\.out:/ });
  assert.throws(() => scharr(a, 1, 1), { name: 'RangeError', message: /Scharr/ });
  assert.throws(() => scharr(a, 2, 0), { name: 'RangeError', message: /^dx:/ });
  assert.throws(() => scharr(a, 1, 0, { ksize: 3 } as never), { name: 'TypeError', message: /unknown option 'ksize'/ });
  assert.throws(() => laplacian(a, { ksize: 9 }), { name: 'RangeError', message: /^options\.ksize:/ });
  assert.throws(() => laplacian(a, { ksize: '3' as never }), { name: 'TypeError', message: /^options\.ksize:/ });
  assert.throws(() => laplacian(a, 3 as never), { name: 'TypeError', message: /^options:/ });
});

test('convertScaleAbs accepts int16/float32 gradients and refuses malformed ones', () => {
  const g = { data: Int16Array.from([-300, -5, 0, 7, 128, 1000]), shape: [1, 6, 1] as [number, number, number] };
  assert.deepEqual(pixels(convertScaleAbs(g)), [255, 5, 0, 7, 128, 255]);
  assert.deepEqual(pixels(convertScaleAbs(g, 0.5, 0)), [150, 2, 0, 4, 64, 255]);
  const f = { data: Float32Array.from([-2.5, 2.5, 3.5, NaN, -Infinity, 0.49]), shape: [2, 3, 1] as [number, number, number] };
  assert.deepEqual(pixels(convertScaleAbs(f)), [2, 2, 4, 0, 255, 0]);
  const out = pa.zeros(2, 3, 1);
  assert.equal(convertScaleAbs(f, 1, 0, { out }), out);
  assert.deepEqual(pixels(out), [2, 2, 4, 0, 255, 0]);
  assert.throws(() => convertScaleAbs({ data: new Int16Array(5), shape: [1, 6, 1] }), { name: 'RangeError', message: /^a\.data:/ });
  assert.throws(() => convertScaleAbs({ data: new Int16Array(6), shape: [1, 6] } as never), { name: 'TypeError', message: /^a\.shape:/ });
  assert.throws(() => convertScaleAbs({ data: [1, 2], shape: [1, 2, 1] } as never), { name: 'TypeError', message: /^a:/ });
  assert.throws(() => convertScaleAbs(g, NaN), { name: 'RangeError', message: /^alpha:/ });
});

test('every layout gives the same bytes; out is used; inputs are untouched', () => {
  for (const [h, w, c] of [[1, 1, 1], [7, 1, 3], [13, 17, 4], [9, 11, 3], [6, 40, 1]] as const) {
    const a = randomImage(h, w, c, h * 31 + w);
    const before = pixels(a);
    const want = [
      pixels(sobel(a, 1, 0, { delta: 128 })),
      Array.from(sobel(a, 1, 2, { ksize: 5, ddepth: 'int16' }).data),
      Array.from(scharr(a, 0, 1, { ddepth: 'float32', border: 'constant' }).data),
      pixels(laplacian(a, { ksize: 3, delta: 128, scale: 0.5 })),
      Array.from(laplacian(a, { ksize: 7, ddepth: 'int16' }).data),
    ];
    for (const [name, v] of Object.entries(layouts(a))) {
      const got = [
        pixels(sobel(v, 1, 0, { delta: 128 })),
        Array.from(sobel(v, 1, 2, { ksize: 5, ddepth: 'int16' }).data),
        Array.from(scharr(v, 0, 1, { ddepth: 'float32', border: 'constant' }).data),
        pixels(laplacian(v, { ksize: 3, delta: 128, scale: 0.5 })),
        Array.from(laplacian(v, { ksize: 7, ddepth: 'int16' }).data),
      ];
      assert.deepEqual(got, want, `${name} ${h}x${w}x${c}`);
      assert.deepEqual(pixels(v), before, `${name} untouched`);
      // out: any layout of the right shape, returned and filled.
      const out = layouts(pa.zeros(h, w, c))[name];
      assert.equal(sobel(v, 1, 0, { delta: 128, out }), out);
      assert.deepEqual(pixels(out), want[0], `${name} out`);
    }
  }
});

test('out may alias the input (the result is as if the input were read first)', () => {
  const a = randomImage(9, 10, 3, 5);
  const want = pixels(laplacian(a, { delta: 128 }));
  const b = clone(a);
  assert.equal(laplacian(b, { delta: 128, out: b }), b);
  assert.deepEqual(pixels(b), want);
});

// ------------------------------------------------------------------------------------------
// Properties against naive formulas.

function naiveSobel(a: PixelArray, kx: number[], ky: number[], border: 'replicate' | 'constant'): number[] {
  const [h, w, c] = a.shape, rx = kx.length >> 1, ry = ky.length >> 1;
  const px = (y: number, x: number, k: number): number => {
    if (border === 'constant' && (y < 0 || y >= h || x < 0 || x >= w)) return 0;
    return a.get(Math.min(h - 1, Math.max(0, y)), Math.min(w - 1, Math.max(0, x)), k);
  };
  const out: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) {
    let s = 0;
    for (let t = 0; t < ky.length; t++) for (let q = 0; q < kx.length; q++) s += ky[t] * kx[q] * px(y + t - ry, x + q - rx, k);
    out.push(s);
  }
  return out;
}

test('property: int16 sobel equals the naive 2-D correlation (replicate / constant)', () => {
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom(1, 3, 4),
    fc.constantFrom(1, 3, 5, 7), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }),
    fc.constantFrom('replicate' as const, 'constant' as const), fc.integer({ min: 1, max: 1 << 30 }),
    (h, w, c, ksize, dx, dy, border, seed) => {
      const kmax = ksize === 1 ? 3 : ksize;
      fc.pre(dx + dy > 0 && dx < kmax && dy < kmax);
      const a = randomImage(h, w, c, seed);
      const got = sobel(a, dx, dy, { ksize, border, ddepth: 'int16' });
      const want = naiveSobel(a, Array.from(derivKernel(dx, ksize)), Array.from(derivKernel(dy, ksize)), border)
        .map((v) => Math.max(-32768, Math.min(32767, v)));
      assert.deepEqual(Array.from(got.data), want);
    }), { numRuns: 150 });
});

test('property: uint8 = saturate(int16 + delta); laplacian = d²/dx² + d²/dy²', () => {
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(1, 3),
    fc.constantFrom(1, 3, 5, 7), fc.integer({ min: -300, max: 300 }), fc.integer({ min: 1, max: 1 << 30 }),
    (h, w, c, ksize, delta, seed) => {
      const a = randomImage(h, w, c, seed);
      const s16 = sobel(a, 1, 0, { ksize, ddepth: 'int16' }).data;
      assert.deepEqual(pixels(sobel(a, 1, 0, { ksize, delta })), Array.from(s16, (v) => Math.max(0, Math.min(255, v + delta))));
      const lap = laplacian(a, { ksize, ddepth: 'float32' }).data;
      const xx = sobel(a, 2, 0, { ksize, ddepth: 'float32' }).data, yy = sobel(a, 0, 2, { ksize, ddepth: 'float32' }).data;
      assert.deepEqual(Array.from(lap), Array.from(xx, (v, i) => v + yy[i]));
    }), { numRuns: 100 });
});
