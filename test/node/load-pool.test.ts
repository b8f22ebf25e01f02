// The loading pool behind DirectoryIterator.nextAsync(): results transferred back, a worker that
// does not start or that fails rejects every pending load naming its file, close() rejects the
// rest, and cancelled loads are never sent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadKerasImage } from '../../src/node/keras-load.ts';
import { LoadPool } from '../../src/node/load-pool.ts';

const ROOT = fileURLToPath(new URL('../fixtures/keras-folders/', import.meta.url));
const START = 120_000;

test('LoadPool: the bytes loadKerasImage gives, for every file, on 2 workers', async () => {
  const pool = new LoadPool(2, { startTimeout: START });
  try {
    const files = ['cat/c1.png', 'cat/c2.PNG', 'cat/sub/c3.png', 'cup/k1.png', 'cup/k2.jpg', 'cup/k3.png', 'space/a1.png', 'space/a2.png'];
    const modes = [['rgb', 'nearest'], ['grayscale', 'bilinear'], ['rgba', 'lanczos']] as const;
    const jobs = files.flatMap((f) => modes.map(([mode, filter]) => ({ f, mode, filter, job: pool.load(ROOT + f, [11, 7], mode, filter) })));
    // One cancelled load among them: its promise never settles, the others are unaffected.
    const dropped = pool.load(ROOT + files[0], null, 'rgb', 'nearest');
    dropped.cancel();
    let settled = false;
    void dropped.promise.finally(() => { settled = true; });
    for (const { f, mode, filter, job } of jobs) {
      const got = await job.promise;
      const want = loadKerasImage(ROOT + f, [11, 7], mode, filter);
      assert.deepEqual([...got.shape], [...want.shape], f);
      assert.deepEqual(Buffer.from(got.data), Buffer.from(want.data.subarray(want.offset, want.offset + want.size)), `${f} ${mode} ${filter}`);
    }
    const full = await pool.load(ROOT + 'cup/k2.jpg', null, 'rgb', 'nearest').promise;
    assert.deepEqual([...full.shape], [...loadKerasImage(ROOT + 'cup/k2.jpg', null, 'rgb', 'nearest').shape]);
    assert.equal(settled, false);
  } finally {
    await pool.close();
  }
});

test('LoadPool: a worker that does not start in time, one that fails and close() reject with errors naming the file', async () => {
  // Never says it is ready.
  const silent = new LoadPool(1, { startTimeout: 300, entry: 'setInterval(() => {}, 1000);' });
  await assert.rejects(silent.load('/x/a.png', null, 'rgb', 'nearest').promise,
    { message: /^cannot load \/x\/a\.png: pixelarray\/node: loading worker 1 did not start within 300 ms/ });
  assert.equal(silent.broken, true);
  await assert.rejects(silent.load('/x/b.png', null, 'rgb', 'nearest').promise, /^Error: cannot load \/x\/b\.png: .*did not start/);
  await silent.close();

  // Throws while starting.
  const failing = new LoadPool(2, { startTimeout: START, entry: 'throw new Error("boom");' });
  const both = [failing.load('/x/c.png', null, 'rgb', 'nearest').promise, failing.load('/x/d.png', null, 'rgb', 'nearest').promise];
  await assert.rejects(both[0], /^Error: cannot load \/x\/c\.png: pixelarray\/node: a loading worker failed: boom/);
  await assert.rejects(both[1], /cannot load \/x\/d\.png: .*boom/);
  await failing.close();

  // Closed with loads queued.
  const pool = new LoadPool(1, { startTimeout: START });
  const queued = pool.load(ROOT + 'cat/c1.png', null, 'rgb', 'nearest').promise;
  const closing = pool.close();
  await assert.rejects(queued, /cannot load .*c1\.png: the loading workers were closed/);
  await closing;
  assert.equal(pool.closed, true);
  await assert.rejects(pool.load(ROOT + 'cat/c1.png', null, 'rgb', 'nearest').promise, /the loading workers were closed/);
});
