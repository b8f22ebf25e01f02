// flowFromDirectory and loadImg against Keras' flow_from_directory / load_img on the class folders
// of test/fixtures/keras-folders (made by test/golden/generate_keras.py): class indices, file
// order, labels per class mode, and the batches' pixels (Pillow's decode, convert and resize).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ImageDataGenerator, flowFromDirectory, loadImg, imgToArray } from '../../src/ml/index.node.ts';
import { readNpy } from '../golden/cases.ts';

const DIR = new URL('../golden/fixtures-keras/', import.meta.url);
const ROOT = fileURLToPath(new URL('../fixtures/keras-folders/', import.meta.url));
const doc = JSON.parse(readFileSync(new URL('keras.json', DIR), 'utf8'));

for (const [i, c] of (doc.directories as Array<Record<string, any>>).entries()) {
  test(`flowFromDirectory ${i} (${JSON.stringify(c.options)}): Keras' classes, files, labels and batches`, () => {
    const it = new ImageDataGenerator(c.generator).flowFromDirectory(ROOT, c.options);
    assert.deepEqual(it.classIndices, c.classIndices);
    assert.deepEqual(it.filenames.map((f) => f.replaceAll('\\', '/')), c.filenames);
    assert.deepEqual([...it.classes], c.classes);
    for (const b of c.batches) {
      const out = it.next().value;
      const [bx, by] = c.options.classMode === null ? [out, null] : out as [any, any];
      const e = readNpy(new URL(b.x, DIR).pathname);
      assert.deepEqual(bx.shape, e.shape);
      let worst = 0;
      for (let k = 0; k < e.data.length; k++) worst = Math.max(worst, Math.abs(bx.data[k] - (e.data as Float32Array)[k]));
      const scale = c.generator.rescale ?? 1;
      assert.ok(worst <= 1e-3 * scale + 1e-7, `${b.x}: max |Δ| ${worst}`);
      if (by !== null) {
        const labels = by.data instanceof Float32Array
          ? Array.from({ length: by.shape[0] }, (_, r) => Array.from(by.data.subarray(r * by.shape[1], (r + 1) * by.shape[1])))
          : Array.from(by);
        assert.deepEqual(labels, b.y);
      }
    }
  });
}

test('flowFromDirectory(dir, options), as API.md writes it: a default generator\'s batches; the generator-first form too', () => {
  const options = { targetSize: [12, 10] as [number, number], batchSize: 3, seed: 7 };
  const method = new ImageDataGenerator().flowFromDirectory(ROOT, options);
  const plain = flowFromDirectory(ROOT, options);
  const first = flowFromDirectory(null, ROOT, options);
  assert.deepEqual(plain.filenames, method.filenames);
  assert.deepEqual(plain.classIndices, method.classIndices);
  for (let b = 0; b < 4; b++) {
    const [mx, my] = method.next().value as [any, any];
    for (const it of [plain, first]) {
      const [x, y] = it.next().value as [any, any];
      assert.deepEqual(x.shape, mx.shape);
      assert.deepEqual(Buffer.from(x.data.buffer), Buffer.from(mx.data.buffer));
      assert.deepEqual(Array.from(y.data), Array.from(my.data));
    }
  }
  assert.throws(() => (flowFromDirectory as (...a: unknown[]) => unknown)(ROOT, options, 3), /at most 2 arguments/);
  assert.throws(() => flowFromDirectory({} as never, ROOT), TypeError);
});

test('loadImg / imgToArray: colour modes, target sizes, named errors', () => {
  const img = loadImg(`${ROOT}cup/k3.png`, { targetSize: [10, 12], colorMode: 'grayscale', interpolation: 'bilinear' });
  assert.deepEqual([...img.shape], [10, 12, 1]);
  const x = imgToArray(loadImg(`${ROOT}cat/c1.png`));
  assert.deepEqual(x.shape, [48, 64, 3]);
  assert.ok(x.data.every((v) => Number.isInteger(v) && v >= 0 && v <= 255));
  assert.throws(() => loadImg(`${ROOT}cat/c1.png`, { colorMode: 'cmyk' as never }), /options.colorMode: expected one of 'grayscale', 'rgb', 'rgba'/);
  assert.throws(() => loadImg(`${ROOT}cat/c1.png`, { target_size: [1, 2] } as never), /unknown option 'target_size'/);
  assert.throws(() => loadImg(42 as never), /path: expected a file path/);
  assert.throws(() => new ImageDataGenerator().flowFromDirectory(ROOT, { classMode: 'raw' as never }), /options.classMode/);
});
