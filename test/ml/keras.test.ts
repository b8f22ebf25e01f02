// pixelarray/ml's ImageDataGenerator against Keras (keras_preprocessing 1.1.0) on the fixtures of
// test/golden/generate_keras.py: random parameters to 1e-12, transformed images within 1e-3 on
// the 0..255 scale, flow batches (order, labels, pixels).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ImageDataGenerator, RandomState, seedRandom, type KerasTransformParams } from '../../src/ml/index.ts';
import { readNpy } from '../golden/cases.ts';

const DIR = new URL('../golden/fixtures-keras/', import.meta.url);
const doc = JSON.parse(readFileSync(new URL('keras.json', DIR), 'utf8'));
const npy = (f: string) => readNpy(new URL(f, DIR).pathname);
const tensor = (f: string) => {
  const n = npy(f);
  return { data: n.data as Float32Array, shape: n.shape as [number, number, number] };
};

function maxDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test(`getRandomTransform: Keras' parameters to 1e-12 (${doc.params.length} option sets × shapes × seeds)`, () => {
  const failures: string[] = [];
  for (const c of doc.params) {
    const got = new ImageDataGenerator(c.options).getRandomTransform(c.shape, c.seed) as unknown as Record<string, unknown>;
    for (const [k, e] of Object.entries(c.expect as Record<string, unknown>)) {
      const g = got[k];
      const ok = e === null ? g === null : typeof e === 'boolean' ? g === e : Math.abs((g as number) - (e as number)) <= 1e-12 * Math.max(1, Math.abs(e as number));
      if (!ok) failures.push(`${c.set} ${c.shape} seed ${c.seed}: ${k} = ${String(g)}, Keras ${String(e)}`);
    }
  }
  assert.deepEqual(failures, []);
});

test(`applyTransform: Keras' images within 1e-3 (${doc.images.length} cases: 1/3/4 channels, 4 fill modes, orders 0 and 1)`, (t) => {
  const failures: string[] = [];
  let worst = 0;
  for (const c of doc.images) {
    const x = tensor(c.input);
    const before = x.data.slice();
    const got = new ImageDataGenerator(c.options).applyTransform(x, c.params as Partial<KerasTransformParams>);
    assert.deepEqual(x.data, before, 'input untouched');
    const e = npy(c.expect);
    assert.deepEqual(got.shape, e.shape);
    const d = maxDiff(got.data, e.data as Float32Array);
    worst = Math.max(worst, d);
    if (!(d <= 1e-3)) failures.push(`${c.case} ${c.input} ${JSON.stringify(c.options)}: max |Δ| ${d}`);
  }
  t.diagnostic(`largest difference ${worst}`);
  assert.deepEqual(failures, []);
});

test('flow: the batches of Keras (indices, labels and pixels) for the same seed, over two epochs', () => {
  for (const f of doc.flow) {
    const x = npy(f.input);
    const it = new ImageDataGenerator(f.options).flow({ data: x.data as Float32Array, shape: x.shape as [number, number, number, number] },
      f.labels, { batchSize: f.batchSize, shuffle: f.shuffle, seed: f.seed });
    assert.equal(it.length, 3);
    for (const b of f.batches) {
      const [bx, by] = it.next().value as [{ data: Float32Array; shape: number[] }, number[]];
      assert.deepEqual(by, b.y);
      const e = npy(b.x);
      assert.deepEqual(bx.shape, e.shape);
      assert.ok(maxDiff(bx.data, e.data as Float32Array) <= 1e-3 * (f.options.rescale ? 1 / 255 : 1) + 1e-7, `batch ${b.x}`);
    }
  }
});

test('RandomState is NumPy\'s legacy MT19937: seeding range, draws, and named errors', () => {
  const r = new RandomState(42);
  assert.equal(r.random(), 0.3745401188473625);
  assert.equal(r.uniform(-90, 90), 81.12857515378491);
  assert.throws(() => new RandomState(-1), /seed: expected an integer in 0..4294967295/);
  assert.throws(() => new RandomState(2 ** 32), /seed/);
  seedRandom(3);
  const g = new ImageDataGenerator({ rotationRange: 10 });
  const a = g.getRandomTransform([4, 4, 3]);
  seedRandom(3);
  assert.deepEqual(g.getRandomTransform([4, 4, 3]), a, 'seedRandom is np.random.seed');
});

test('ImageDataGenerator refuses what Keras refuses, naming the option', () => {
  assert.throws(() => new ImageDataGenerator({ fillMode: 'mirror' as never }), /options.fillMode: expected one of 'nearest', 'constant', 'reflect', 'wrap'/);
  assert.throws(() => new ImageDataGenerator({ rotation_range: 5 } as never), /unknown or unsupported option "rotation_range"/);
  assert.throws(() => new ImageDataGenerator({ zoomRange: [1, 2, 3] as never }), /options.zoomRange: expected a pair/);
  assert.throws(() => new ImageDataGenerator({ brightnessRange: 0.5 as never }), /options.brightnessRange/);
  assert.throws(() => new ImageDataGenerator({ rotationRange: NaN }), /options.rotationRange: expected a finite number/);
  const g = new ImageDataGenerator();
  assert.throws(() => g.applyTransform({ data: new Float32Array(5), shape: [2, 2, 1] }, {}), /x: expected 4 values for shape \[2, 2, 1\], got 5/);
  assert.throws(() => g.applyTransform({ data: new Uint8Array(4), shape: [2, 2, 1] } as never, {}), /x.data: expected a Float32Array/);
  assert.throws(() => g.flow({ data: new Float32Array(12), shape: [3, 2, 2, 1] }, [1, 2]), /y: expected 3 labels/);
  assert.throws(() => g.flow({ data: new Float32Array(12), shape: [3, 2, 2, 1] }, null, { batchSize: 0 }), /options.batchSize/);
});
