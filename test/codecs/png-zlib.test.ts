// The PNG decoder over both zlibs (Node's native one and fflate, the browser's) gives the same
// pixels; what libpng and Pillow tolerate after the image data is tolerated; a decode's peak
// memory stays close to the decoded image.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { decodePng as decodeNode } from '../../src/codecs/bound-node.ts';
import { decodePng as decodeBrowser, encodePng as encodeBrowser } from '../../src/codecs/bound-browser.ts';
import { encodePng, DecodeError } from '../../src/codecs/index.ts';
import { randomImage } from '../helpers.ts';
import { buildPng, ihdr, pngChunk, suiteFile } from '../fixtures/codecs/helpers.ts';

const SUITE = readdirSync(new URL('../fixtures/pngsuite/', import.meta.url)).filter((f) => f.endsWith('.png')).sort();
const PNG_SIG = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

function outcome(decode: (b: Uint8Array) => { shape: readonly number[]; data: Uint8Array; offset: number }, bytes: Uint8Array): string {
  try {
    const a = decode(bytes);
    const n = a.shape[0] * a.shape[1] * a.shape[2];
    return `${a.shape.join('×')} ${Buffer.from(a.data.subarray(a.offset, a.offset + n)).toString('base64')}`;
  } catch (err) {
    assert.ok(err instanceof DecodeError, `${String(err)}`);
    return `DecodeError ${err.message}`;
  }
}

test('every PngSuite file gives the same pixels (or the same DecodeError) through Node zlib and fflate', () => {
  assert.ok(SUITE.length >= 170);
  for (const name of SUITE) {
    const bytes = suiteFile(name);
    assert.equal(outcome(decodeBrowser, bytes), outcome(decodeNode, bytes), name);
  }
});

test('encodePng round-trips through both zlibs, any layout and channel count', () => {
  for (const c of [1, 2, 3, 4]) {
    const img = randomImage(13, 17, c, c);
    for (const file of [encodePng(img), encodeBrowser(img), encodePng(img, { compressionLevel: 0 })]) {
      for (const decode of [decodeNode, decodeBrowser]) {
        const back = decode(file);
        assert.deepEqual([...back.shape], [13, 17, c]);
        assert.deepEqual(back.data.subarray(back.offset, back.offset + 13 * 17 * c), img.data);
      }
    }
  }
  assert.throws(() => encodePng(randomImage(2, 2, 3), { level: 9 } as never), /options: unknown option 'level'/);
});

test('data after the zlib stream, spare IDATs and a broken checksum after the last row decode, with a warning where libpng warns', () => {
  const raw = new Uint8Array([0, 10, 20, 30, 0, 40, 50, 60]); // 3×2 gray, filter 0
  const z = deflateSync(raw);
  const expectPixels = [10, 20, 30, 40, 50, 60];
  const cases: Array<[string, Uint8Array, string[]]> = [
    ['bytes after the stream in the same IDAT', concat(PNG_SIG, ihdr(3, 2, 0), pngChunk('IDAT', [...z, 1, 2, 3]), pngChunk('IEND')), []],
    ['a spare IDAT right after the stream', concat(PNG_SIG, ihdr(3, 2, 0), pngChunk('IDAT', [...z]), pngChunk('IDAT', [9, 9, 9]), pngChunk('IEND')), []],
    ['an Adler-32 mismatch', concat(PNG_SIG, ihdr(3, 2, 0), pngChunk('IDAT', [...z.subarray(0, -1), z[z.length - 1] ^ 1]), pngChunk('IEND')), []],
    ['a stream with more rows than the image', buildPng(ihdr(3, 2, 0), new Uint8Array(12)), ['PNG: image data continues past the last row (ignored, as libpng does)']],
  ];
  for (const [what, bytes, warnings] of cases) {
    for (const decode of [decodeNode, decodeBrowser]) {
      const heard: string[] = [];
      const img = decode(bytes, { onWarning: (m: string) => heard.push(m) });
      if (what !== 'a stream with more rows than the image') assert.deepEqual([...img.data.subarray(img.offset, img.offset + 6)], expectPixels, what);
      assert.deepEqual(heard, warnings, what);
    }
  }
  assert.throws(() => decodeNode(cases[0][1], { onWarning: 5 } as never), /options.onWarning: expected a function/);
  assert.throws(() => decodeNode(cases[0][1], { maxPixel: 5 } as never), /options: unknown option 'maxPixel'/);
});

test('a decode needs little more memory than the decoded image (child process, maxRSS)', { timeout: 60000 }, () => {
  // 3000×3000 RGBA of zeros (36 MB decoded, 35 KB of file) and 16-bit RGB (27 MB decoded).
  const script = `
    import { deflateSync } from 'node:zlib';
    import { decodePng } from './src/codecs/bound-node.ts';
    import { buildPng, ihdr } from './test/fixtures/codecs/helpers.ts';
    const [w, h, ct, depth] = process.argv.slice(-4).map(Number);
    const bpp = ({ 0: 1, 2: 3, 6: 4 })[ct] * depth / 8;
    const file = buildPng(ihdr(w, h, ct, depth), new Uint8Array(h * (1 + w * bpp)));
    globalThis.gc();
    const before = Math.max(process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    const img = decodePng(file);
    const peak = process.resourceUsage().maxRSS * 1024;
    console.log(JSON.stringify({ size: img.data.length, extra: peak - before }));`;
  for (const args of [['3000', '3000', '6', '8'], ['3000', '3000', '2', '16']]) {
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script, ...args],
      { cwd: new URL('../..', import.meta.url), encoding: 'utf8', timeout: 50000 });
    assert.equal(child.status, 0, child.stderr);
    const { size, extra } = JSON.parse(child.stdout.trim().split('\n').pop()!);
    assert.ok(extra < 1.5 * size, `${args.join(' ')}: peak grew by ${extra} bytes for a ${size}-byte image`);
  }
});
