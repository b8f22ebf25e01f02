#!/usr/bin/env node
// Packs the package, installs the tarball into an empty project in a temporary folder and imports
// both entry points there (ESM import and CommonJS require), as a user's project would.
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
    console.log('ESM import of pixelarray and pixelarray/codecs: ok');
  `);
  writeFileSync(join(dir, 'smoke.cjs'), `
    const { zeros } = require('pixelarray');
    const { encodePng } = require('pixelarray/codecs');
    if (encodePng(zeros(2, 2, 3)).length < 8) throw new Error('encode');
    console.log('CommonJS require of pixelarray and pixelarray/codecs: ok');
  `);
  process.stdout.write(run('node', ['smoke.mjs'], dir));
  process.stdout.write(run('node', ['smoke.cjs'], dir));
  console.log(`pack smoke test passed (${tarball})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
