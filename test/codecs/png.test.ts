import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { decodeImage, decodePng, DecodeError, DEFAULT_MAX_PIXELS, encodePng } from '../../src/codecs/index.ts';
import { fromData } from '../../src/core/create.ts';
import { isContiguous, PixelArray } from '../../src/core/pixelarray.ts';
import {
  buildPng, elements, fixture, ihdr, noise, pngChunk, readNpy, suiteFile, toRgba,
} from '../fixtures/codecs/helpers.ts';

const SUITE = readdirSync(new URL('../fixtures/pngsuite/', import.meta.url)).filter((f) => f.endsWith('.png')).sort();
const VALID = SUITE.filter((f) => !f.startsWith('x'));
const CORRUPT = SUITE.filter((f) => f.startsWith('x'));

/** Chunk types of a PNG, in order. */
function chunkTypes(png: Uint8Array): string[] {
  const types: string[] = [];
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let pos = 8; pos + 8 <= png.length;) {
    const length = view.getUint32(pos);
    types.push(String.fromCharCode(...png.subarray(pos + 4, pos + 8)));
    pos += 12 + length;
  }
  return types;
}

/** The channel count the contract promises for a file, from its IHDR colour type and tRNS. */
function expectedChannels(png: Uint8Array): number {
  const colorType = png[25];
  const trns = chunkTypes(png).includes('tRNS');
  return { 0: trns ? 2 : 1, 2: trns ? 4 : 3, 3: trns ? 4 : 3, 4: 2, 6: 4 }[colorType]!;
}

test('the PngSuite copy is complete (160 valid, 14 corrupt files)', () => {
  assert.equal(VALID.length, 160);
  assert.equal(CORRUPT.length, 14);
});

test('every valid PngSuite file decodes to the pixels Pillow gives, with the promised channels', async (t) => {
  for (const name of VALID) {
    await t.test(name, () => {
      const bytes = suiteFile(name);
      const a = decodePng(bytes);
      assert.ok(isContiguous(a), 'contiguous');
      assert.equal(a.channels, expectedChannels(bytes), 'channel count');
      const expected = readNpy(suiteFile(`expected/${name.replace('.png', '.npy.gz')}`), true);
      assert.deepEqual([a.height, a.width, 4], expected.shape);
      const got = toRgba(a);
      const firstBad = got.findIndex((v, i) => v !== expected.data[i]);
      if (firstBad >= 0) {
        const px = firstBad >> 2;
        assert.fail(`pixel (${Math.floor(px / a.width)}, ${px % a.width}): got ${got.subarray(px * 4, px * 4 + 4)}, ` +
          `Pillow ${expected.data.subarray(px * 4, px * 4 + 4)}`);
      }
    });
  }
});

test('every corrupt PngSuite file (x*.png) is refused with DecodeError', async (t) => {
  for (const name of CORRUPT) {
    await t.test(name, () => {
      assert.throws(() => decodePng(suiteFile(name)), (err: unknown) => {
        assert.ok(err instanceof DecodeError, `got ${String(err)}`);
        assert.equal(err.name, 'DecodeError');
        assert.equal(err.format, 'png');
        assert.match(err.message, /^PNG: \S/);
        return true;
      });
    });
  }
});

test('corrupt PngSuite files get a message naming the problem', () => {
  const cases: Record<string, RegExp> = {
    'xc1n0g08.png': /colour type 1/, 'xc9n2c08.png': /colour type 9/,
    'xd0n2c08.png': /bit depth 0/, 'xd3n2c08.png': /bit depth 3/, 'xd9n2c08.png': /bit depth 99/,
    'xcsn0g01.png': /CRC mismatch in IDAT/, 'xhdn0g08.png': /CRC mismatch in IHDR/,
    'xdtn0g01.png': /no IDAT/, 'xs1n0g01.png': /signature/, 'xcrn0g04.png': /signature/, 'xlfn0g04.png': /signature/,
  };
  for (const [name, re] of Object.entries(cases)) assert.throws(() => decodePng(suiteFile(name)), re, name);
});

test('16-bit samples keep their high byte, as Pillow (not round(v / 257) as pngjs)', () => {
  for (const name of ['rgba16', 'rgb16']) {
    const a = decodePng(fixture(`${name}.png`));
    assert.equal(a.channels, name === 'rgba16' ? 4 : 3);
    const expected = readNpy(fixture(`${name}.pil.npy`));
    assert.deepEqual([a.height, a.width, 4], expected.shape);
    assert.deepEqual(toRgba(a), expected.data, name);
  }
});

test('gray and RGB with a tRNS colour key get an alpha channel; the key colour is kept', () => {
  // 2×1 gray 8-bit, key 7: pixels 7 (transparent) and 9 (opaque).
  const gray = decodePng(buildPng(ihdr(2, 1, 0, 8), Uint8Array.from([0, 7, 9]), [pngChunk('tRNS', [0, 7])]));
  assert.deepEqual(gray.shape, [1, 2, 2]);
  assert.deepEqual(elements(gray), [7, 0, 9, 255]);
  const rgb = decodePng(buildPng(ihdr(2, 1, 2, 8), Uint8Array.from([0, 1, 2, 3, 1, 2, 4]), [pngChunk('tRNS', [0, 1, 0, 2, 0, 3])]));
  assert.deepEqual(rgb.shape, [1, 2, 4]);
  assert.deepEqual(elements(rgb), [1, 2, 3, 0, 1, 2, 4, 255]);
});

test('palettes expand to RGB, or RGBA with tRNS', () => {
  const plte = pngChunk('PLTE', [10, 20, 30, 40, 50, 60]);
  const raw = Uint8Array.from([0, 1, 0]);
  assert.deepEqual(elements(decodePng(buildPng(ihdr(2, 1, 3, 8), raw, [plte]))), [40, 50, 60, 10, 20, 30]);
  const withAlpha = decodePng(buildPng(ihdr(2, 1, 3, 8), raw, [plte, pngChunk('tRNS', [128])]));
  assert.deepEqual(elements(withAlpha), [40, 50, 60, 255, 10, 20, 30, 128]);
});

test('bytes after IEND are ignored, as Pillow does', () => {
  const png = suiteFile('basn2c08.png');
  const padded = new Uint8Array(png.length + 5);
  padded.set(png);
  assert.deepEqual(decodePng(padded).data, decodePng(png).data);
});

test('a Node Buffer is accepted; the result does not share its memory', () => {
  const bytes = Buffer.from(suiteFile('basn6a08.png'));
  const a = decodePng(bytes);
  assert.deepEqual(a.shape, [32, 32, 4]);
  assert.notEqual(a.data.buffer, bytes.buffer);
  assert.ok(!Buffer.isBuffer(a.data), 'plain Uint8Array, not a Buffer');
});

test('a Uint8Array view into a larger buffer decodes from its own bytes only', () => {
  const png = suiteFile('basn0g04.png');
  const big = new Uint8Array(png.length + 20).fill(0xee);
  big.set(png, 7);
  assert.deepEqual(decodePng(big.subarray(7, 7 + png.length)).data, decodePng(png).data);
});

test('bytes must be a Uint8Array: anything else is a TypeError naming bytes', () => {
  const png = suiteFile('basn0g08.png');
  for (const bad of [png.buffer, Array.from(png), 'x', null, undefined, new Uint16Array(4)]) {
    assert.throws(() => decodePng(bad as unknown as Uint8Array), (e: unknown) => e instanceof TypeError && /^bytes: /.test(e.message));
    assert.throws(() => decodeImage(bad as unknown as Uint8Array), TypeError);
  }
});

test('maxPixels: default 178956970 (Pillow\'s DecompressionBombError limit), checked from the header; the message names the sizes', () => {
  assert.equal(DEFAULT_MAX_PIXELS, 178956970);
  const png = suiteFile('basn0g08.png'); // 32×32
  assert.equal(decodePng(png, { maxPixels: 1024 }).width, 32);
  assert.throws(() => decodePng(png, { maxPixels: 1023 }),
    (e: unknown) => e instanceof DecodeError && /32×32 = 1024 pixels/.test(e.message) && /maxPixels = 1023/.test(e.message));
  assert.equal(decodePng(png, { maxPixels: Infinity }).width, 32);
  for (const bad of [0, -1, 1.5, NaN]) assert.throws(() => decodePng(png, { maxPixels: bad }), /options\.maxPixels/);
  assert.throws(() => decodePng(png, { maxPixels: '10' as unknown as number }), TypeError);
  assert.throws(() => decodePng(png, 5 as unknown as object), TypeError);
});

function randomImage(h: number, w: number, c: number, seed: number): PixelArray {
  return fromData(noise(h * w * c, seed), h, w, c);
}

test('encodePng round-trips 1, 2, 3 and 4 channels exactly', () => {
  for (const c of [1, 2, 3, 4]) {
    const a = randomImage(7, 11, c, c);
    const png = encodePng(a);
    assert.deepEqual(Array.from(png.subarray(0, 8)), [137, 80, 78, 71, 13, 10, 26, 10]);
    assert.equal(png[24], 8, 'bit depth 8');
    assert.equal(png[25], { 1: 0, 2: 4, 3: 2, 4: 6 }[c], 'colour type');
    const b = decodePng(png);
    assert.deepEqual(b.shape, a.shape);
    assert.deepEqual(b.data, a.data);
  }
});

test('encodePng takes any view (strided, negative strides, offset)', () => {
  const base = randomImage(6, 8, 4, 9);
  // Every other column, rows flipped, channels 2,1,0 (BGR of the RGBA data).
  const view = new PixelArray(base.data, [6, 4, 3], [-32, 8, -1], 5 * 32 + 2);
  const b = decodePng(encodePng(view));
  assert.deepEqual(b.shape, [6, 4, 3]);
  assert.deepEqual(elements(b), elements(view));
});

test('encodePng compressionLevel 0..9, output owns its buffer', () => {
  const a = randomImage(16, 16, 3, 4);
  for (const level of [0, 1, 9]) {
    const png = encodePng(a, { compressionLevel: level });
    assert.equal(png.byteOffset, 0);
    assert.equal(png.buffer.byteLength, png.length);
    assert.deepEqual(decodePng(png).data, a.data);
  }
  assert.throws(() => encodePng(a, { compressionLevel: 10 }), (e: unknown) => e instanceof RangeError && /options\.compressionLevel/.test(e.message));
  assert.throws(() => encodePng(a, { compressionLevel: 2.5 }), RangeError);
});

test('encodePng refuses what PNG cannot hold', () => {
  assert.throws(() => encodePng(randomImage(2, 2, 5, 1)), (e: unknown) => e instanceof RangeError && /^a: /.test(e.message));
  assert.throws(() => encodePng(new PixelArray(new Uint8Array(0), [0, 3, 3])), RangeError);
  assert.throws(() => encodePng({} as PixelArray), TypeError);
});

test('decodeImage picks PNG by its signature', () => {
  const png = suiteFile('basn3p08.png');
  assert.deepEqual(decodeImage(png).data, decodePng(png).data);
  assert.throws(() => decodeImage(png, { maxPixels: 10 }), DecodeError);
  assert.throws(() => decodeImage(png, { orientation: 'sideways' as 'apply' }), /options\.orientation/);
});
