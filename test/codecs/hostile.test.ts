// Hostile input: decompression bombs, lying headers, truncation, garbage and random mutations must
// end in a DecodeError (or a correct decode) — never another error type, a crash or a hang.
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeImage, decodeJpeg, decodePng, DecodeError } from '../../src/codecs/index.ts';
import { inflatedSize, type PngInfo } from '../../src/codecs/png-header.ts';
import { PixelArray } from '../../src/core/pixelarray.ts';
import { buildPng, fixture, ihdr, noise, PNG_SIG, pngChunk, suiteFile } from '../fixtures/codecs/helpers.ts';

function isDecodeError(format: 'png' | 'jpeg' | 'unknown', pattern?: RegExp) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof DecodeError, `expected DecodeError, got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    assert.equal(err.format, format);
    if (pattern) assert.match(err.message, pattern);
    return true;
  };
}

/** A PNG whose IHDR claims 2^31-1 × 1 RGBA, with a few bytes of real zlib data. */
const HUGE_ROW_PNG = buildPng(ihdr(2 ** 31 - 1, 1, 6, 8), new Uint8Array(10));

test('decodePng refuses the 2^31-1 × 1 header before allocating, even with maxPixels: Infinity', () => {
  assert.throws(() => decodePng(HUGE_ROW_PNG), isDecodeError('png', /2147483647×1 = 2147483647 pixels, more than maxPixels = 178956970/));
  assert.throws(() => decodePng(HUGE_ROW_PNG, { maxPixels: Infinity }), isDecodeError('png', /needs 8589934589 bytes in one buffer, more than the 2147483647/));
  assert.throws(() => decodeImage(HUGE_ROW_PNG, { maxPixels: Infinity }), isDecodeError('png'));
  // Narrow enough for the pixel limit, too much data for one buffer (pngjs' 32-bit row arithmetic broke here).
  const wide16 = buildPng(ihdr(400_000_000, 1, 6, 16), new Uint8Array(10));
  assert.throws(() => decodePng(wide16, { maxPixels: Infinity }), isDecodeError('png', /in one buffer/));
});

test('zero, over-limit and over-2^31 PNG dimensions are refused from the header', () => {
  assert.throws(() => decodePng(buildPng(ihdr(0, 5, 0), new Uint8Array(5))), isDecodeError('png', /0×5; width and height must be at least 1/));
  assert.throws(() => decodePng(buildPng(ihdr(5, 0, 0), new Uint8Array(0))), isDecodeError('png', /5×0/));
  assert.throws(() => decodePng(buildPng(ihdr(2 ** 31, 1, 0), new Uint8Array(2))), isDecodeError('png', /at most 2\^31-1/));
  const big = buildPng(ihdr(20000, 20000, 2), new Uint8Array(100));
  assert.throws(() => decodePng(big), isDecodeError('png', /20000×20000 = 400000000 pixels, more than maxPixels = 178956970/));
  assert.throws(() => decodePng(buildPng(ihdr(100, 100, 0), new Uint8Array(10100)), { maxPixels: 9999 }), isDecodeError('png', /100×100/));
});

test('PNG zlib bombs are stopped at the size the header implies; the rest is ignored with a warning, as libpng does', () => {
  // ~50 MB of zeros deflate to ~50 KB; a 1×1 image needs 2 bytes.
  const zeros = new Uint8Array(50_000_000);
  for (const interlace of [0, 1]) {
    const started = performance.now();
    const warnings: string[] = [];
    const img = decodePng(buildPng(ihdr(1, 1, 0, 8, interlace), zeros), { onWarning: (m) => warnings.push(m) });
    assert.deepEqual([...img.shape], [1, 1, 1]);
    assert.equal(img.data[img.offset], 0);
    assert.deepEqual(warnings, ['PNG: image data continues past the last row (ignored, as libpng does)']);
    assert.ok(performance.now() - started < 2000, 'stopped quickly');
  }
});

test('short PNG image data is refused, never padded with uninitialised memory', () => {
  // 3×3 gray needs 3 × (1 + 3) = 12 bytes.
  assert.throws(() => decodePng(buildPng(ihdr(3, 3, 0), new Uint8Array(11).fill(7))), isDecodeError('png', /truncated image data: 11 of the 12 bytes/));
  assert.throws(() => decodePng(buildPng(ihdr(3, 3, 0, 8, 1), new Uint8Array(14))), isDecodeError('png', /14 of the 15 bytes/));
  assert.deepEqual(decodePng(buildPng(ihdr(3, 3, 0, 8, 1), new Uint8Array(15))).shape, [3, 3, 1]);
});

test('PNG structure errors: chunk lengths, CRCs, order, missing pieces', () => {
  const raw = new Uint8Array(2); // 1×1 gray
  const parts = (...p: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(p.reduce((s, x) => s + x.length, 0));
    let at = 0;
    for (const x of p) { out.set(x, at); at += x.length; }
    return out;
  };
  const idat = buildPng(ihdr(1, 1, 0), raw).subarray(8 + 25, -12); // the IDAT chunk
  const cases: Array<[Uint8Array, RegExp]> = [
    [parts(PNG_SIG, ihdr(1, 1, 0), Uint8Array.of(0xff, 0xff, 0xff, 0xf0, 0x49, 0x44, 0x41, 0x54, 0, 0, 0, 0)), /claims 4294967280 bytes/],
    [parts(PNG_SIG, ihdr(1, 1, 0), idat), /no IEND/],
    [parts(PNG_SIG, ihdr(1, 1, 0), pngChunk('IEND')), /no IDAT/],
    [parts(PNG_SIG, pngChunk('gAMA', [0, 0, 0, 1]), ihdr(1, 1, 0), idat, pngChunk('IEND')), /first chunk is gAMA/],
    [parts(PNG_SIG, ihdr(1, 1, 0), ihdr(1, 1, 0), idat, pngChunk('IEND')), /more than one IHDR/],
    [parts(PNG_SIG, ihdr(1, 1, 3), idat, pngChunk('IEND')), /without a PLTE/],
    [parts(PNG_SIG, ihdr(1, 1, 0), pngChunk('tRNS', [0]), idat, pngChunk('IEND')), /tRNS chunk has 1 bytes/],
    [parts(PNG_SIG, ihdr(1, 1, 0), pngChunk('tEXt', [65, 0, 66], 0), idat, pngChunk('IEND')), /CRC mismatch in tEXt/],
    [parts(PNG_SIG, ihdr(1, 1, 0), pngChunk('ABCD', [1]), idat, pngChunk('IEND')), /unsupported critical chunk "ABCD"/],
    [parts(PNG_SIG, ihdr(1, 1, 0), pngChunk('a1cd', [1]), idat, pngChunk('IEND')), /invalid chunk type/],
    [parts(PNG_SIG, pngChunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0]), idat, pngChunk('IEND')), /IHDR chunk has 12 bytes/],
    [parts(PNG_SIG, pngChunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 2]), idat, pngChunk('IEND')), /interlace method 2/],
    [parts(PNG_SIG, pngChunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 1, 0, 0]), idat, pngChunk('IEND')), /compression method 1/],
    [parts(PNG_SIG, pngChunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 1, 0]), idat, pngChunk('IEND')), /filter method 1/],
    [parts(PNG_SIG, ihdr(2, 1, 0), pngChunk('IDAT', [1, 2, 3]), pngChunk('IEND')), /corrupt image data/],
  ];
  for (const [bytes, re] of cases) assert.throws(() => decodePng(bytes), isDecodeError('png', re), String(re));
  // An unknown ancillary chunk is skipped.
  assert.deepEqual(decodePng(parts(PNG_SIG, ihdr(1, 1, 0), pngChunk('zzZz', [1, 2]), idat, pngChunk('IEND'))).shape, [1, 1, 1]);
  // An IDAT after another chunk is not image data (libpng: "Too many IDATs found", Pillow stops at
  // the other chunk): ignored with a warning when the first run is complete, else the image is truncated.
  const warnings: string[] = [];
  const spare = parts(PNG_SIG, ihdr(1, 1, 0), idat, pngChunk('tEXt', [65, 0, 66]), idat, pngChunk('IEND'));
  assert.deepEqual(decodePng(spare, { onWarning: (m) => warnings.push(m) }).shape, [1, 1, 1]);
  assert.deepEqual(warnings, ['PNG: 1 IDAT chunk(s) after the image data ignored, as libpng does']);
  const half = buildPng(ihdr(1, 2, 0), new Uint8Array(2)).subarray(8 + 25, -12);
  assert.throws(() => decodePng(parts(PNG_SIG, ihdr(1, 2, 0), half, pngChunk('tEXt', [65, 0, 66]), half, pngChunk('IEND'))),
    isDecodeError('png', /truncated image data: 2 of the 4 bytes/));
});

test('empty input, garbage and other formats are DecodeErrors naming the format', () => {
  assert.throws(() => decodePng(new Uint8Array(0)), isDecodeError('png', /^PNG: empty input$/));
  assert.throws(() => decodeJpeg(new Uint8Array(0)), isDecodeError('jpeg', /^JPEG: empty input$/));
  assert.throws(() => decodeImage(new Uint8Array(0)), isDecodeError('unknown', /empty input/));
  assert.throws(() => decodePng(noise(1000)), isDecodeError('png', /^PNG: bad signature/));
  assert.throws(() => decodeJpeg(noise(1000)), isDecodeError('jpeg', /^JPEG: missing SOI/));
  assert.throws(() => decodeImage(noise(1000)), isDecodeError('unknown', /unrecognised format \(first bytes [0-9a-f ]+\)/));
  const gif = Uint8Array.from([...'GIF89a'].map((c) => c.charCodeAt(0)));
  assert.throws(() => decodeImage(gif), isDecodeError('unknown', /GIF files are not supported/));
  const err = (() => { try { decodeImage(gif); } catch (e) { return e; } })() as DecodeError;
  assert.ok(err instanceof Error && err.name === 'DecodeError');
});

test('every prefix of a PNG is refused; every prefix of a JPEG is refused unless allowTruncated', () => {
  const png = suiteFile('basn3p02.png');
  for (let n = 0; n < png.length; n++) assert.throws(() => decodePng(png.subarray(0, n)), isDecodeError('png'), `PNG prefix ${n}`);
  const jpeg = fixture('gray.jpg');
  for (let n = 0; n < jpeg.length; n++) {
    const prefix = jpeg.subarray(0, n);
    assert.throws(() => decodeJpeg(prefix), isDecodeError('jpeg'), `JPEG prefix ${n}`);
    try {
      const a = decodeJpeg(prefix, { allowTruncated: true });
      assert.deepEqual(a.shape, [40, 56, 1]);
    } catch (e) {
      isDecodeError('jpeg')(e);
    }
  }
});

/** A copy of `jpeg` with the SOF0 segment's fields changed. */
function patchSof(jpeg: Uint8Array, patch: (sof: Uint8Array) => void): Uint8Array {
  const out = jpeg.slice();
  for (let i = 2; i < out.length - 1; i++) {
    if (out[i] === 0xff && out[i + 1] === 0xc0) { patch(out.subarray(i)); return out; }
  }
  throw new Error('no SOF0');
}

test('JPEG size limits are enforced from SOF before the decoder allocates', () => {
  const jpeg = fixture('color444.jpg');
  const huge = patchSof(jpeg, (s) => { s[5] = 0xff; s[6] = 0xff; s[7] = 0xff; s[8] = 0xff; });
  assert.throws(() => decodeJpeg(huge), isDecodeError('jpeg', /65535×65535 = 4294836225 pixels, more than maxPixels/));
  // With no pixel cap, a ~1.6 KB file still cannot claim 12 million 8×8 blocks: the decoder would allocate them all.
  const started = performance.now();
  assert.throws(() => decodeJpeg(huge, { maxPixels: Infinity }), isDecodeError('jpeg', /bytes of image data for a 65535×65535 frame/));
  assert.ok(performance.now() - started < 1000);
  // Cut short and accepted as such, it is still refused before a buffer past 2^31 − 1 bytes.
  assert.throws(() => decodeJpeg(huge.subarray(0, huge.length - 10), { maxPixels: Infinity, allowTruncated: true }),
    isDecodeError('jpeg', /65535×65535; decoding it needs \d+ bytes in one buffer/));
  const zero = patchSof(jpeg, (s) => { s[7] = 0; s[8] = 0; });
  assert.throws(() => decodeJpeg(zero), isDecodeError('jpeg', /width is 0/));
  const noHeight = patchSof(jpeg, (s) => { s[5] = 0; s[6] = 0; });
  assert.throws(() => decodeJpeg(noHeight), isDecodeError('jpeg', /DNL/));
});

test('unsupported JPEG variants are refused by name', () => {
  const jpeg = fixture('color444.jpg');
  const cases: Array<[(s: Uint8Array) => void, RegExp]> = [
    [(s) => { s[1] = 0xc3; }, /lossless \(SOF3\)/],
    [(s) => { s[1] = 0xc9; }, /arithmetic-coded \(SOF9\)/],
    [(s) => { s[4] = 12; }, /12-bit samples/],
    [(s) => { s[11] = 0x51; }, /invalid sampling factors 5×1/],
  ];
  for (const [patch, re] of cases) assert.throws(() => decodeJpeg(patchSof(jpeg, patch)), isDecodeError('jpeg', re), String(re));
});

test('a bit pattern that is no Huffman code is a DecodeError (libjpeg only warns and decodes garbage)', () => {
  const jpeg = fixture('color444.jpg').slice();
  // Escaped 0xFF bytes (FF 00) are all one-bits, which no JPEG Huffman code is.
  const from = Math.floor(jpeg.length * 0.6);
  for (let i = from; i < from + 40; i += 2) { jpeg[i] = 0xff; jpeg[i + 1] = 0x00; }
  assert.throws(() => decodeJpeg(jpeg), isDecodeError('jpeg', /^JPEG: corrupt data: bad Huffman code/));
});

type Edit = { kind: 'set' | 'flip' | 'cut' | 'insert' | 'delete' | 'ff'; at: number; value: number };

function mutate(src: Uint8Array, edits: Edit[]): Uint8Array {
  let b = src.slice();
  for (const e of edits) {
    if (b.length === 0) break;
    const i = e.at % b.length;
    switch (e.kind) {
      case 'set': b[i] = e.value; break;
      case 'flip': b[i] ^= 1 << (e.value & 7); break;
      case 'ff': b[i] = 0xff; break;
      case 'cut': b = b.slice(0, i); break;
      case 'insert': { const c = new Uint8Array(b.length + 1); c.set(b.subarray(0, i)); c[i] = e.value; c.set(b.subarray(i), i + 1); b = c; break; }
      case 'delete': b = Uint8Array.from([...b.subarray(0, i), ...b.subarray(i + 1)]); break;
    }
  }
  return b;
}

const editArb = fc.record({
  kind: fc.constantFrom<Edit['kind']>('set', 'flip', 'cut', 'insert', 'delete', 'ff'),
  at: fc.nat(),
  value: fc.integer({ min: 0, max: 255 }),
});

function decodeOrDecodeError(bytes: Uint8Array, options: object): void {
  try {
    const a = decodeImage(bytes, options);
    assert.ok(a instanceof PixelArray);
    assert.equal(a.data.length, a.height * a.width * a.channels);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw new Error(`non-DecodeError ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, { cause: e });
  }
}

test('fuzz: random mutations of valid PNGs decode or throw DecodeError', { timeout: 20000 }, () => {
  const sources = ['basn3p04.png', 'basi0g16.png', 'tbrn2c08.png', 'basn6a08.png', 'basi3p02.png'].map(suiteFile);
  fc.assert(fc.property(fc.nat(sources.length - 1), fc.array(editArb, { minLength: 1, maxLength: 4 }), (k, edits) => {
    decodeOrDecodeError(mutate(sources[k], edits), {});
  }), { numRuns: 2000, seed: 1 });
});

/** Recomputes the CRC of every complete chunk, so mutations get past the CRC check into the decoder. */
function repairCrcs(png: Uint8Array): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let pos = 8; pos + 12 <= png.length;) {
    const length = view.getUint32(pos);
    if (pos + 12 + length > png.length) break;
    view.setUint32(pos + 8 + length, crc32(png.subarray(pos + 4, pos + 8 + length)));
    pos += 12 + length;
  }
  return png;
}

test('fuzz: mutated PNGs with repaired CRCs decode or throw DecodeError', { timeout: 20000 }, () => {
  const sources = ['basn3p04.png', 'basi0g16.png', 'tbrn2c08.png', 'basn6a08.png', 'basi3p02.png', 'tbbn0g04.png'].map(suiteFile);
  fc.assert(fc.property(fc.nat(sources.length - 1), fc.array(editArb, { minLength: 1, maxLength: 4 }), (k, edits) => {
    decodeOrDecodeError(repairCrcs(mutate(sources[k], edits)), {});
  }), { numRuns: 3000, seed: 4 });
});

test('fuzz: random image streams under every valid IHDR decode or throw DecodeError', { timeout: 20000 }, () => {
  const combos: Array<[number, number]> = [
    [0, 1], [0, 2], [0, 4], [0, 8], [0, 16], [2, 8], [2, 16], [3, 1], [3, 2], [3, 4], [3, 8], [4, 8], [4, 16], [6, 8], [6, 16],
  ];
  const plte = pngChunk('PLTE', noise(3 * 4, 5)); // 4 entries: higher indices are out of range
  fc.assert(fc.property(
    fc.nat(combos.length - 1), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.boolean(),
    fc.uint8Array({ maxLength: 400 }), fc.boolean(), fc.boolean(),
    (k, w, h, interlaced, bytes, withTrns, exactSize) => {
      const [colorType, depth] = combos[k];
      let raw = bytes;
      if (exactSize) {
        // Exactly the size the header implies, so most cases get through to the unfiltering.
        const info = { width: w, height: h, colorType, bitDepth: depth, interlaced } as PngInfo;
        raw = new Uint8Array(inflatedSize(info));
        for (let i = 0; i < raw.length; i++) raw[i] = bytes.length ? bytes[i % bytes.length] % 5 : 0;
      }
      const extra = colorType === 3 ? [plte] : [];
      if (withTrns && colorType !== 4 && colorType !== 6) extra.push(pngChunk('tRNS', colorType === 2 ? [0, 1, 0, 2, 0, 3] : [0, 1]));
      decodeOrDecodeError(buildPng(ihdr(w, h, colorType, depth, interlaced ? 1 : 0), raw, extra), {});
    }), { numRuns: 3000, seed: 5 });
});

test('fuzz: random mutations of valid JPEGs decode or throw DecodeError, with and without allowTruncated', { timeout: 20000 }, () => {
  const sources = ['color444.jpg', 'progressive.jpg', 'restart.jpg', 'gray.jpg', 'orient6.jpg'].map(fixture);
  fc.assert(fc.property(fc.nat(sources.length - 1), fc.array(editArb, { minLength: 1, maxLength: 4 }), fc.boolean(), (k, edits, allowTruncated) => {
    decodeOrDecodeError(mutate(sources[k], edits), { allowTruncated });
  }), { numRuns: 3000, seed: 2 });
});

test('fuzz: arbitrary bytes behind a PNG or JPEG signature', { timeout: 20000 }, () => {
  const heads = [PNG_SIG, Uint8Array.of(0xff, 0xd8, 0xff), new Uint8Array(0)];
  fc.assert(fc.property(fc.nat(2), fc.uint8Array({ maxLength: 200 }), (k, tail) => {
    const bytes = new Uint8Array(heads[k].length + tail.length);
    bytes.set(heads[k]);
    bytes.set(tail, heads[k].length);
    decodeOrDecodeError(bytes, { allowTruncated: true });
  }), { numRuns: 2000, seed: 3 });
});

test('a JPEG with more than 256 scans is refused before decoding', () => {
  const jpeg = fixture('progressive.jpg');
  // Repeat the file's last scan (its SOS segment and data) until there are 300 scans.
  let lastSos = -1;
  for (let i = 2; i < jpeg.length - 1; i++) if (jpeg[i] === 0xff && jpeg[i + 1] === 0xda) lastSos = i;
  const scan = jpeg.subarray(lastSos, jpeg.length - 2);
  const parts = [jpeg.subarray(0, lastSos), ...Array.from({ length: 300 }, () => scan), Uint8Array.of(0xff, 0xd9)];
  const bytes = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) { bytes.set(p, at); at += p.length; }
  assert.throws(() => decodeJpeg(bytes), isDecodeError('jpeg', /more than 256 scans/));
});
