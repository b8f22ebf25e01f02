#!/usr/bin/env node
// Packs the package, installs the tarball into an empty project in a temporary folder and imports
// the entry points there (ESM import and CommonJS require), as a user's project would, then runs
// the installed `pixelarray` command (npx pixelarray hash / search).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'pixelarray-pack-'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', dir], root).trim().split('\n').pop();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'smoke', version: '1.0.0', private: true, type: 'module' }));
  run('npm', ['install', '--silent', '--no-audit', '--no-fund', join(dir, tarball)], dir);
  writeFileSync(join(dir, 'smoke.mjs'), `
    import { fromData, addSaturate, addModulo, roll, split, merge, crop, flip } from 'pixelarray';
    import { decodeImage, encodePng, DecodeError } from 'pixelarray/codecs';
    const img = fromData(new Uint8Array([200, 10, 20, 30, 40, 50]), 1, 2, 3);
    if (addSaturate(img, 100).get(0, 0, 0) !== 255 || addModulo(img, 100).get(0, 0, 0) !== 44) throw new Error('arithmetic');
    const back = decodeImage(encodePng(merge(split(roll(flip(crop(img, [0, 0, 2, 1]), 1), 1, 1)))));
    if (back.shape.join() !== '1,2,3' || back.get(0, 0, 0) !== 200) throw new Error('round trip');
    if (typeof DecodeError !== 'function') throw new Error('DecodeError');
    const { createPool, toShared } = await import('pixelarray/parallel');
    const pool = createPool({ threads: 2, minElements: 0 }); // its worker loads dist/parallel/worker.js
    const photo = fromData(new Uint8Array(40 * 30 * 3).map((_, k) => (k * 7) & 255), 40, 30, 3);
    const blurred = (await import('pixelarray')).gaussianBlur(photo, 2);
    if (pool.gaussianBlur(toShared(photo), 2).data.join() !== blurred.data.join()) throw new Error('pixelarray/parallel');
    await pool.close();
    const { averageHash, HistogramIndex } = await import('pixelarray/search');
    const { toFloat32, augment } = await import('pixelarray/ml');
    if (toFloat32(img).data[0] !== Math.fround(200 / 255) || augment(img, { seed: 1 }).shape.join() !== '1,2,3') throw new Error('pixelarray/ml');
    const { readImage, indexFolder, saveIndex, loadIndex } = await import('pixelarray/node');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync('photos', { recursive: true });
    for (let i = 0; i < 3; i++) {
      // Mostly red, green or blue: three clearly different colour histograms.
      const px = new Uint8Array(16 * 16 * 3).map((_, k) => (k % 3 === i ? 200 : 20) + (k % 37));
      writeFileSync('photos/p' + i + '.png', encodePng(fromData(px, 16, 16, 3)));
    }
    writeFileSync('photos/readme.txt', 'not an image');
    const { index, skipped } = await indexFolder('photos', { workers: 2 });
    if (!(index instanceof HistogramIndex) || index.count !== 3 || skipped.length !== 1) throw new Error('indexFolder');
    saveIndex(index, 'photos.index.json');
    if (loadIndex('photos.index.json').search(readImage('photos/p1.png'))[0].id !== 'p1.png') throw new Error('search');
    if (averageHash(readImage('photos/p0.png')).hex.length !== 16) throw new Error('averageHash');
    console.log('ESM import of pixelarray, pixelarray/codecs, /ml, /search, /parallel and /node: ok');
  `);
  writeFileSync(join(dir, 'smoke.cjs'), `
    const { zeros } = require('pixelarray');
    const { encodePng } = require('pixelarray/codecs');
    const { readImage } = require('pixelarray/node');
    if (typeof require('pixelarray/parallel').createPool !== 'function') throw new Error('pixelarray/parallel');
    if (encodePng(zeros(2, 2, 3)).length < 8) throw new Error('encode');
    if (typeof readImage !== 'function') throw new Error('pixelarray/node');
    if (typeof require('pixelarray/ml').toFloat32 !== 'function') throw new Error('pixelarray/ml');
    if (typeof require('pixelarray/search').averageHash !== 'function') throw new Error('pixelarray/search');
    console.log('CommonJS require of pixelarray, pixelarray/codecs and pixelarray/node: ok');
  `);
  process.stdout.write(run('node', ['smoke.mjs'], dir));
  process.stdout.write(run('node', ['smoke.cjs'], dir));
  // The installed command: npx finds it in node_modules/.bin (no download).
  const hashes = run('npx', ['--no-install', 'pixelarray', 'hash', 'photos/p0.png', 'photos/p1.png'], dir);
  if (!/^[0-9a-f]{16} {2}photos\/p0\.png\n[0-9a-f]{16} {2}photos\/p1\.png\n$/.test(hashes)) throw new Error(`pixelarray hash printed ${JSON.stringify(hashes)}`);
  const found = JSON.parse(execFileSync('npx', ['--no-install', 'pixelarray', 'search', 'photos', 'photos/p2.png', '--json'],
    { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  if (found.length !== 3 || found[0].file !== 'p2.png' || found[0].distance !== 0) throw new Error(`pixelarray search printed ${JSON.stringify(found)}`);
  console.log('npx pixelarray hash / search: ok');
  console.log(`pack smoke test passed (${tarball})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
