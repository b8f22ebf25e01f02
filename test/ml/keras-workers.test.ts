// flowFromDirectory's nextAsync() with loading workers: the same bytes as next() for the same seed
// (random transforms drawn on the calling thread in Keras' order), overlapping calls, prefetching
// that guesses right and wrong, errors naming the file, close(), and options.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nextBatchGuess, type DirectoryBatch, type DirectoryIterator } from '../../src/node/keras.ts';
import { flowFromDirectory, ImageDataGenerator, imgToArray, loadImg, seedRandom, type Tensor3D } from '../../src/ml/index.node.ts';

const ROOT = fileURLToPath(new URL('../fixtures/keras-folders/', import.meta.url));
// Worker threads start from the TypeScript sources through tsx here: slow on a busy machine.
const START = 120_000;
const tmp = mkdtempSync(join(tmpdir(), 'pixelarray-keras-workers-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Every byte of a batch (images and labels), to compare batches exactly. */
function bytes(b: DirectoryBatch): Buffer {
  const parts = Array.isArray(b) ? [b[0].data, b[1] instanceof Float32Array ? b[1] : b[1].data] : [b.data];
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}

const AUGMENT = {
  rotationRange: 25, widthShiftRange: 0.2, heightShiftRange: 0.1, shearRange: 10, zoomRange: 0.3, channelShiftRange: 20,
  horizontalFlip: true, verticalFlip: true, brightnessRange: [0.7, 1.3] as [number, number], rescale: 1 / 255, fillMode: 'reflect' as const,
};

test('nextAsync on 2 workers: byte-identical to next() over 3 epochs, per class mode, colour mode and seed', async () => {
  const cases: Array<{ generator: ImageDataGenerator | null; options: Record<string, unknown> }> = [
    { generator: new ImageDataGenerator(AUGMENT), options: { targetSize: [20, 24], batchSize: 3, seed: 11 } },
    { generator: new ImageDataGenerator(AUGMENT), options: { targetSize: [17, 13], batchSize: 5, seed: 3, colorMode: 'grayscale', classMode: 'sparse', interpolation: 'bicubic' } },
    { generator: null, options: { targetSize: [9, 30], batchSize: 4, shuffle: false, colorMode: 'rgba', classMode: 'input' } },
    { generator: new ImageDataGenerator({ samplewiseCenter: true, samplewiseStdNormalization: true }), options: { targetSize: [12, 12], batchSize: 8, seed: 0, classMode: null } },
  ];
  for (const [k, c] of cases.entries()) {
    const sync = flowFromDirectory(c.generator, ROOT, c.options);
    const par = flowFromDirectory(c.generator, ROOT, { ...c.options, workers: 2, startTimeout: START });
    try {
      const batches = 3 * sync.length;
      for (let b = 0; b < batches; b++) {
        const want = bytes(sync.next().value);
        const got = bytes((await par.nextAsync()).value);
        assert.ok(want.equals(got), `case ${k}, batch ${b}`);
      }
    } finally {
      await par.close();
    }
  }
});

test('overlapping nextAsync calls, mixed with next() and reset(), and the shared stream without a seed', async () => {
  const gen = new ImageDataGenerator(AUGMENT);
  const opts = { targetSize: [16, 20] as [number, number], batchSize: 3 };
  // Without a seed every batch continues NumPy's global stream, shared by every iterator.
  seedRandom(2024);
  const sync = gen.flowFromDirectory(ROOT, opts);
  const want: Buffer[] = [];
  for (let b = 0; b < 9; b++) {
    if (b === 4) sync.reset();
    want.push(bytes(sync.next().value));
  }
  seedRandom(2024);
  const par = gen.flowFromDirectory(ROOT, { ...opts, workers: 2, startTimeout: START });
  try {
    const got: Promise<Buffer>[] = [];
    const take = () => got.push(par.nextAsync().then((r) => bytes(r.value)));
    // Three in flight at once, then a synchronous batch, a reset, and five more in flight.
    take(); take(); take();
    const third = par.next().value;
    par.reset();
    take(); take(); take(); take(); take();
    const all = await Promise.all(got);
    assert.deepEqual([...all.slice(0, 3), bytes(third), ...all.slice(3)].map((b, i) => b.equals(want[i])), new Array(9).fill(true));
    // for await: the same endless sequence, through nextAsync().
    seedRandom(7);
    const ref = gen.flowFromDirectory(ROOT, opts);
    const expected = [0, 1, 2, 3].map(() => bytes(ref.next().value));
    seedRandom(7);
    par.reset();
    const looped: Buffer[] = [];
    for await (const batch of par) {
      looped.push(bytes(batch));
      if (looped.length === 4) break;
    }
    assert.deepEqual(looped.map((b, i) => b.equals(expected[i])), [true, true, true, true]);
  } finally {
    await par.close();
  }
});

test('batches are loadImg → imgToArray → getRandomTransform → applyTransform → standardize, image by image, byte for byte', () => {
  class Shifted extends ImageDataGenerator {
    override applyTransform(x: Tensor3D, p: Parameters<ImageDataGenerator['applyTransform']>[1]): Tensor3D {
      const out = super.applyTransform(x, p);
      out.data[0] += 1; // overridden: must be called even for neutral parameters
      return out;
    }
  }
  const seen: Float32Array[] = [];
  const generators = [
    new ImageDataGenerator({ rescale: 1 / 255 }),
    new ImageDataGenerator(AUGMENT),
    new ImageDataGenerator({ horizontalFlip: true, rescale: 2 }),
    new ImageDataGenerator({ preprocessingFunction: (x) => { seen.push(x.data); x.data[1] = -1; return x; }, rescale: 0.5 }),
    new Shifted(),
  ];
  for (const [g, gen] of generators.entries()) {
    for (const colorMode of ['rgb', 'grayscale'] as const) {
      const options = { targetSize: [13, 17] as [number, number], batchSize: 3, seed: 21, colorMode, classMode: null };
      const it = gen.flowFromDirectory(ROOT, options);
      const ref = gen.flowFromDirectory(ROOT, options);
      for (let b = 0; b < 4; b++) {
        const got = it.next().value as { data: Float32Array };
        const indices = ref.nextIndices();
        const want = Array.from(indices, (j) => {
          const x = imgToArray(loadImg(join(ROOT, ref.filenames[j]), { targetSize: [13, 17], colorMode }));
          return gen.standardize(gen.applyTransform(x, gen.getRandomTransform(x.shape))).data;
        });
        const flat = new Float32Array(want.reduce((n, d) => n + d.length, 0));
        want.reduce((at, d) => (flat.set(d, at), at + d.length), 0);
        assert.ok(Buffer.from(got.data.buffer).equals(Buffer.from(flat.buffer)), `generator ${g} ${colorMode} batch ${b}`);
      }
    }
  }
  // The preprocessing function is given arrays of their own, not views of the batch.
  assert.ok(seen.length > 0 && seen.every((d) => d.byteOffset === 0 && d.buffer.byteLength === d.byteLength));
});

test('nextAsync without workers: next()\'s batches, made on this thread', async () => {
  const a = flowFromDirectory(new ImageDataGenerator(AUGMENT), ROOT, { targetSize: [10, 10], batchSize: 4, seed: 5 });
  const b = flowFromDirectory(new ImageDataGenerator(AUGMENT), ROOT, { targetSize: [10, 10], batchSize: 4, seed: 5, workers: 0 });
  assert.equal(b.workers, 0);
  for (let k = 0; k < 5; k++) assert.ok(bytes(a.next().value).equals(bytes((await b.nextAsync()).value)), `batch ${k}`);
});

test('nextBatchGuess predicts the next nextIndices() (within epochs, at shuffled and unshuffled epoch starts)', () => {
  for (const [batchSize, shuffle, seed] of [[3, true, 9], [4, true, 0], [8, false, null], [3, false, 1], [20, true, 4], [3, true, null]] as const) {
    const it = flowFromDirectory(null, ROOT, { targetSize: [4, 4], batchSize, shuffle, seed }) as DirectoryIterator;
    if (seed === null) seedRandom(99);
    let guess: Int32Array | null = null;
    let hits = 0, unknown = 0;
    for (let b = 0; b < 3 * it.length; b++) {
      const raw = it.nextIndices();
      if (guess !== null) {
        assert.deepEqual([...guess], [...raw], `batchSize ${batchSize} shuffle ${shuffle} seed ${seed}, batch ${b}`);
        hits++;
      } else if (b > 0) unknown++;
      guess = nextBatchGuess(raw, it.n, it.batchSize, it.shuffle, it.seed, it.totalBatchesSeen);
    }
    // Unknown only at the start of a shuffled epoch without a seed.
    assert.equal(unknown, shuffle && seed === null ? 2 : 0, `batchSize ${batchSize} shuffle ${shuffle} seed ${seed}`);
    assert.equal(hits + unknown, 3 * it.length - 1);
  }
});

test('a file that cannot be loaded rejects its batch with an error naming it; the iterator goes on', async () => {
  const dir = join(tmp, 'bad');
  cpSync(ROOT, dir, { recursive: true });
  const bad = join(dir, 'cup', 'k0_broken.png');
  writeFileSync(bad, Buffer.from('not a PNG at all'));
  for (const workers of [0, 1]) {
    const it = flowFromDirectory(null, dir, { targetSize: [8, 8], batchSize: 9, shuffle: false, workers, startTimeout: START });
    try {
      assert.equal(it.n, 9);
      await assert.rejects(it.nextAsync(), (e: Error) => {
        assert.ok(e.message.startsWith(`cannot load ${bad}: `), e.message);
        assert.match(e.message, /PNG|image/);
        return true;
      }, `workers ${workers}`);
      // The synchronous next() throws the decoder's own error.
      assert.throws(() => it.next(), { name: 'DecodeError' });
    } finally {
      await it.close();
    }
  }
  // Batches without the bad file load before and after the failure (cat/*, then cup/k0_broken.png, …).
  const it = flowFromDirectory(null, dir, { targetSize: [8, 8], batchSize: 3, shuffle: false, workers: 1, startTimeout: START });
  try {
    assert.equal(it.filenames[3].replaceAll('\\', '/'), 'cup/k0_broken.png');
    const shape = async () => ((await it.nextAsync()).value as [{ shape: number[] }])[0].shape;
    assert.deepEqual(await shape(), [3, 8, 8, 3]);
    await assert.rejects(it.nextAsync(), /k0_broken\.png/);
    assert.deepEqual(await shape(), [3, 8, 8, 3]);
  } finally {
    await it.close();
  }
});

test('close(): pending batches reject, later nextAsync() rejects, next() still works; idle workers do not hold the process', async () => {
  const it = flowFromDirectory(null, ROOT, { targetSize: [8, 8], batchSize: 2, workers: 1, startTimeout: START });
  const pending = assert.rejects(it.nextAsync(), /cannot load .*: the loading workers were closed/);
  await it.close();
  await pending;
  await assert.rejects(it.nextAsync(), /DirectoryIterator: nextAsync\(\) after close\(\)/);
  assert.deepEqual((it.next().value as [{ shape: number[] }])[0].shape, [2, 8, 8, 3]);
  await it.close(); // idempotent

  // A script that never calls close() (with a prefetched batch still loading) exits by itself.
  const src = resolve(import.meta.dirname, '../../src/ml/index.node.ts');
  const code = `import { flowFromDirectory } from ${JSON.stringify(src)};
    const it = flowFromDirectory(null, ${JSON.stringify(ROOT)}, { targetSize: [8, 8], batchSize: 3, seed: 1, workers: 2, startTimeout: ${START} });
    const b = await it.nextAsync();
    console.log(b.value[0].shape.join('x'));`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: START });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '3x8x8x3');
  assert.ok(performance.now() - t0 < START, 'exited by itself');
});

test('options: workers, prefetch, startTimeout are checked and named', () => {
  const make = (o: Record<string, unknown>) => () => flowFromDirectory(null, ROOT, o);
  assert.throws(make({ workers: -1 }), /options\.workers: expected an integer in 0\.\.256, got -1/);
  assert.throws(make({ workers: 1.5 }), /options\.workers/);
  assert.throws(make({ workers: '2' }), /options\.workers: expected an integer/);
  assert.throws(make({ prefetch: 'yes' }), /options\.prefetch: expected a boolean/);
  assert.throws(make({ startTimeout: 0 }), /options\.startTimeout: expected an integer/);
  assert.throws(make({ threads: 2 }), /unknown option 'threads'/);
  const it = flowFromDirectory(null, ROOT, { workers: 3, prefetch: false, startTimeout: Infinity });
  assert.equal(it.workers, 3);
  assert.equal(it.prefetch, false);
  assert.throws(() => (it.close as (...a: unknown[]) => unknown)(1), { name: 'TypeError', message: 'DirectoryIterator.close: takes at most 0 arguments (), got 1' });
  return assert.rejects((it.nextAsync as (...a: unknown[]) => Promise<unknown>)(1), { name: 'TypeError', message: 'DirectoryIterator.nextAsync: takes at most 0 arguments (), got 1' });
});
