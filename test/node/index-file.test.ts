import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { HashIndex, HistogramIndex } from '../../src/apps/index.ts';
import { loadIndex, saveIndex } from '../../src/node/index.ts';
import { fixtureImages } from '../apps/search-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'pixelarray-index-file-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('saveIndex / loadIndex round trip a HistogramIndex exactly', () => {
  const images = fixtureImages();
  const index = new HistogramIndex({ bins: 8, channels: [2, 1, 0], method: 'correl' });
  for (const [file, img] of images) index.add(file, img);
  const path = join(dir, 'hist.json');
  saveIndex(index, path);
  const back = loadIndex(path);
  assert.ok(back instanceof HistogramIndex);
  assert.deepEqual(back.toJSON(), index.toJSON());
  const q = images.get('rocket.png')!;
  assert.deepEqual(back.search(q), index.search(q));
  assert.deepEqual(readdirSync(dir), ['hist.json'], 'no temporary file left');
});

test('saveIndex / loadIndex round trip a HashIndex; saving replaces the file', () => {
  const index = new HashIndex({ size: 16 });
  for (const [file, img] of fixtureImages()) index.add(file, img);
  const path = join(dir, 'hash.json');
  writeFileSync(path, 'old');
  saveIndex(index, path);
  const back = loadIndex(path);
  assert.ok(back instanceof HashIndex);
  assert.equal(back.size, 16);
  assert.deepEqual(back.toJSON(), index.toJSON());
});

test('loadIndex says why a file is not an index; saveIndex checks its arguments', () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{ nope');
  assert.throws(() => loadIndex(bad), { message: new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not a pixelarray index file \\(`) });
  writeFileSync(bad, JSON.stringify({ type: 'something', version: 1 }));
  assert.throws(() => loadIndex(bad), { message: /not a pixelarray index file \(json\.type: expected 'pixelarray\.HistogramIndex', got "something"\)$/ });
  writeFileSync(bad, 'null');
  assert.throws(() => loadIndex(bad), { message: /not a pixelarray index file/ });
  assert.throws(() => loadIndex(join(dir, 'missing.json')), { code: 'ENOENT' });
  assert.throws(() => saveIndex({} as never, join(dir, 'x.json')), { name: 'TypeError', message: /^index: expected a HistogramIndex or a HashIndex/ });
  assert.throws(() => saveIndex(new HashIndex(), '' as never), { name: 'TypeError', message: /^path: expected a file path/ });
  assert.throws(() => saveIndex(new HashIndex(), join(dir, 'no', 'such', 'dir.json')), { code: 'ENOENT' });
  assert.ok(!readdirSync(dir).some((f) => f.endsWith('.tmp')), 'no temporary file left after a failure');
  assert.equal(readFileSync(join(dir, 'hash.json'), 'utf8').startsWith('{"type":"pixelarray.HashIndex"'), true);
});
