import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { HashIndex, HistogramIndex } from '../../src/apps/index.ts';
import { indexFolder, loadIndex, saveIndex } from '../../src/node/index.ts';
import { EXPECTED, IMAGES_DIR } from '../apps/search-fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'pixelarray-folder-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A fresh copy of the fixture folder. */
function copyFixtures(name: string): string {
  const dir = join(tmp, name);
  cpSync(IMAGES_DIR, dir, { recursive: true });
  return dir;
}

const READABLE = Object.keys(EXPECTED.hashes).sort();
const SKIPPED = [
  { file: 'corrupt.png', reason: 'PNG: truncated IDAT chunk at offset 8237 (8192 bytes claimed)' },
  { file: 'notes.txt', reason: 'image: unrecognised format (first bytes 4e 6f 74 20 61 6e 20 69); expected PNG or JPEG' },
];

test('indexFolder: every readable image, sorted relative ids; unreadable files skipped with a reason', async () => {
  const progress: [number, number, string][] = [];
  const skips: string[] = [];
  const r = await indexFolder(IMAGES_DIR, {
    workers: 1, onProgress: (d, t, f) => progress.push([d, t, f]), onSkip: (f, why) => skips.push(`${f}: ${why}`),
  });
  assert.ok(r.index instanceof HistogramIndex);
  assert.deepEqual(r.index.ids(), READABLE);
  assert.deepEqual(r.skipped, SKIPPED);
  assert.deepEqual(skips, SKIPPED.map((s) => `${s.file}: ${s.reason}`));
  assert.equal(r.threads, 0);
  assert.equal(r.reused, 0);
  assert.equal(progress.length, READABLE.length + 2);
  assert.deepEqual(progress.map((p) => p[0]), progress.map((_, i) => i + 1));
  assert.ok(progress.every((p) => p[1] === READABLE.length + 2));
  assert.equal(r.index.bins, 4);
  assert.deepEqual(r.index.channels, [0, 1, 2]);
});

test('indexFolder: worker threads give exactly the single-thread index', async () => {
  for (const by of ['hist', 'ahash'] as const) {
    const one = await indexFolder(IMAGES_DIR, { by, workers: 1, bins: 8, channels: [2, 1, 0] });
    const progress: number[] = [];
    const two = await indexFolder(IMAGES_DIR, { by, workers: 2, bins: 8, channels: [2, 1, 0], onProgress: (d) => progress.push(d) });
    assert.equal(two.threads, 2, by);
    assert.deepEqual(two.index.toJSON(), one.index.toJSON(), by);
    assert.deepEqual(two.skipped, one.skipped, by);
    assert.deepEqual(progress, progress.map((_, i) => i + 1));
  }
  // By default, threads only for at least 32 files each: here the calling thread does the work.
  assert.equal((await indexFolder(IMAGES_DIR)).threads, 0);
  // At most one thread per file; one file is read on the calling thread.
  const dir = join(tmp, 'few');
  mkdirSync(dir);
  cpSync(join(IMAGES_DIR, 'rocket.png'), join(dir, 'a.png'));
  assert.equal((await indexFolder(dir, { workers: 4 })).threads, 0);
  cpSync(join(IMAGES_DIR, 'rocket.png'), join(dir, 'b.png'));
  cpSync(join(IMAGES_DIR, 'rocket.png'), join(dir, 'c.png'));
  const three = await indexFolder(dir, { workers: 4 });
  assert.equal(three.threads, 3);
  assert.equal(three.index.count, 3);
});

test('indexFolder by ahash: the recipe hashes of every image', async () => {
  const r = await indexFolder(IMAGES_DIR, { by: 'ahash' });
  assert.ok(r.index instanceof HashIndex);
  for (const file of READABLE) assert.equal(r.index.get(file), EXPECTED.hashes[file].ahash, file);
  const r16 = await indexFolder(IMAGES_DIR, { by: 'ahash', size: 16, workers: 1 });
  for (const file of READABLE) assert.equal(r16.index.get(file), EXPECTED.hashes[file].ahash16, file);
});

test('indexFolder: subfolders unless recursive is false; dot files, folder links skipped; broken links reported', async () => {
  const dir = copyFixtures('links');
  writeFileSync(join(dir, '.hidden.png'), readFileSync(join(IMAGES_DIR, 'rocket.png')));
  mkdirSync(join(dir, '.cache'));
  writeFileSync(join(dir, '.cache', 'x.png'), readFileSync(join(IMAGES_DIR, 'rocket.png')));
  symlinkSync(join(dir, 'rocket.png'), join(dir, 'rocket_link.png'));
  symlinkSync(join(dir, 'more'), join(dir, 'more_link'));
  symlinkSync(join(dir, 'nowhere.png'), join(dir, 'broken.png'));
  const r = await indexFolder(dir, { workers: 1 });
  assert.deepEqual(r.index.ids(), [...READABLE, 'rocket_link.png'].sort());
  assert.deepEqual(r.skipped.map((s) => s.file), ['broken.png', 'corrupt.png', 'notes.txt']);
  assert.equal(r.skipped[0].reason, 'cannot read it: ENOENT: no such file or directory');
  const flat = await indexFolder(dir, { workers: 1, recursive: false });
  assert.ok(!flat.index.ids().some((id) => id.startsWith('more/')));
  assert.equal(flat.index.count, READABLE.length + 1 - 2);
});

test('indexFolder cache: unchanged files are reused, changed / new / vanished ones handled', async () => {
  const dir = copyFixtures('cached');
  const cache = join(tmp, 'cached.index.json');
  const first = await indexFolder(dir, { cache, workers: 1 });
  assert.equal(first.reused, 0);
  const saved = JSON.parse(readFileSync(cache, 'utf8'));
  assert.equal(saved.type, 'pixelarray.FolderIndex');
  assert.deepEqual(Object.keys(saved.stamps).sort(), READABLE, 'skipped files are not recorded (retried next time)');
  assert.deepEqual(loadIndex(cache).toJSON(), first.index.toJSON(), 'loadIndex reads a cache file');

  let count = 0;
  const second = await indexFolder(dir, { cache, onProgress: () => count++ });
  assert.equal(second.reused, READABLE.length);
  assert.equal(count, 2, 'only the two unreadable files are read again');
  assert.deepEqual(second.index.toJSON(), first.index.toJSON());

  // A changed file (new content, new time), a new file and a removed one.
  writeFileSync(join(dir, 'coffee.png'), readFileSync(join(IMAGES_DIR, 'rocket.png')));
  utimesSync(join(dir, 'coffee.png'), new Date(2001, 1, 1), new Date(2001, 1, 1));
  cpSync(join(IMAGES_DIR, 'hubble.png'), join(dir, 'new.png'));
  rmSync(join(dir, 'logo.png'));
  const third = await indexFolder(dir, { cache, workers: 1 });
  assert.equal(third.reused, READABLE.length - 2);
  assert.ok(third.index.has('new.png') && !third.index.has('logo.png'));
  assert.deepEqual(third.index.get('coffee.png'), third.index.get('rocket.png'));

  // Other settings: rebuilt (and the cache rewritten with them).
  const other = await indexFolder(dir, { cache, bins: 8, workers: 1 });
  assert.equal(other.reused, 0);
  assert.equal((loadIndex(cache) as HistogramIndex).bins, 8);
  const hashed = await indexFolder(dir, { cache, by: 'ahash', workers: 1 });
  assert.equal(hashed.reused, 0);
  assert.equal((await indexFolder(dir, { cache, by: 'ahash', workers: 1 })).reused, READABLE.length);
});

test('indexFolder cache: a cache file inside the folder is not indexed', async () => {
  const dir = copyFixtures('inside');
  const cache = join(dir, 'index.json');
  await indexFolder(dir, { cache, workers: 1 });
  const again = await indexFolder(dir, { cache, workers: 1 });
  assert.equal(again.reused, READABLE.length);
  assert.deepEqual(again.skipped.map((s) => s.file), ['corrupt.png', 'notes.txt']);
});

test('indexFolder cache: a file that is not an indexFolder cache is an error and is left alone', async () => {
  const notIndex = join(tmp, 'precious.json');
  writeFileSync(notIndex, '{"mine": true}');
  await assert.rejects(indexFolder(IMAGES_DIR, { cache: notIndex }), { message: /precious\.json: not a pixelarray index file/ });
  assert.equal(readFileSync(notIndex, 'utf8'), '{"mine": true}');
  const plain = join(tmp, 'plain.json');
  saveIndex(new HistogramIndex(), plain);
  await assert.rejects(indexFolder(IMAGES_DIR, { cache: plain }), { message: /plain\.json: a saved index, not an indexFolder cache file; refusing to overwrite it$/ });
});

test('indexFolder refuses a missing folder, a file and bad options', async () => {
  await assert.rejects(indexFolder(join(tmp, 'missing')), { code: 'ENOENT' });
  await assert.rejects(indexFolder(join(IMAGES_DIR, 'rocket.png')), { message: /rocket\.png: not a folder$/ });
  await assert.rejects(indexFolder('' as never), { name: 'TypeError', message: /^folder: expected a folder path/ });
  await assert.rejects(indexFolder(IMAGES_DIR, { by: 'xhash' as never }), { name: 'RangeError', message: /^options\.by: expected 'hist', 'ahash', 'dhash' or 'phash', got "xhash"$/ });
  await assert.rejects(indexFolder(IMAGES_DIR, { bins: 0 }), { name: 'RangeError', message: /^options\.bins:/ });
  await assert.rejects(indexFolder(IMAGES_DIR, { workers: 0 }), { name: 'RangeError', message: /^options\.workers: expected an integer in 1\.\.1024, got 0$/ });
  await assert.rejects(indexFolder(IMAGES_DIR, { onProgress: 5 as never }), { name: 'TypeError', message: /^options\.onProgress: expected a function/ });
  await assert.rejects(indexFolder(IMAGES_DIR, { recursive: 'yes' as never }), { name: 'TypeError', message: /^options\.recursive: expected a boolean/ });
});

test('indexFolder: an error thrown by onProgress stops the run, worker threads included', async () => {
  const boom = () => { throw new Error('stop here'); };
  await assert.rejects(indexFolder(IMAGES_DIR, { workers: 2, onProgress: boom }), { message: 'stop here' });
  await assert.rejects(indexFolder(IMAGES_DIR, { workers: 1, onProgress: boom }), { message: 'stop here' });
});
