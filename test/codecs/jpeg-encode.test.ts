// Golden JPEG encodes: encodeJpegData must write exactly the files of test/golden/fixtures-jpeg-encode
// (Pillow 9.4 / libjpeg-turbo `Image.save(f, 'JPEG', quality=q, subsampling=s)`, made by
// generate_jpeg_encode.py). Every byte is compared — SOI, APP0 JFIF (version 1.01, density unit 0,
// 1:1), DQT, SOF0, DHT, SOS, the entropy-coded data and EOI: no byte is exempt. Then our decoder
// reads the files back close to the inputs, and encoding is deterministic.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeJpeg } from '../../src/codecs/index.ts';
import { encodeJpegData, type JpegSubsampling } from '../../src/codecs/jpeg/encoder.ts';

const DIR = new URL('../golden/fixtures-jpeg-encode/', import.meta.url);
interface Input { width: number; height: number; channels: 1 | 3; note: string }
interface Case { input: string; quality: number | null; subsampling: JpegSubsampling | null; file: string }
const manifest = JSON.parse(readFileSync(new URL('manifest.json', DIR), 'utf8')) as
  { inputs: Record<string, Input>; cases: Case[] };
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, DIR)));

/** Pillow's defaults: quality -1 is libjpeg's 75; no subsampling argument is 4:2:0 for RGB, 1×1 for L. */
function encodeCase(c: Case, pixels: Uint8Array): Uint8Array {
  const inp = manifest.inputs[c.input];
  return encodeJpegData(pixels, inp.width, inp.height, inp.channels,
    { quality: c.quality ?? 75, subsampling: c.subsampling ?? undefined });
}

/** Name of the marker segment (or 'entropy-coded data') holding byte `at` of a JPEG file. */
function segmentAt(jpeg: Uint8Array, at: number): string {
  let p = 2;
  if (at < 2) return 'SOI';
  while (p + 4 <= jpeg.length) {
    const marker = jpeg[p + 1];
    if (marker === 0xd9) return 'EOI';
    const end = p + 2 + ((jpeg[p + 2] << 8) | jpeg[p + 3]);
    const name = `marker 0x${marker.toString(16)} at ${p}`;
    if (at < end) return name;
    if (marker === 0xda) return at < jpeg.length - 2 ? 'entropy-coded data' : 'EOI';
    p = end;
  }
  return 'past the end';
}

test('every golden encode is byte-identical to Pillow 9.4 (whole file: headers, tables, entropy-coded data)', () => {
  const failures: string[] = [];
  for (const c of manifest.cases) {
    const ref = load(c.file);
    const got = encodeCase(c, load(c.input));
    let first = -1;
    for (let i = 0; i < Math.max(ref.length, got.length); i++) {
      if (got[i] !== ref[i]) { first = i; break; }
    }
    if (first >= 0) {
      failures.push(`${c.file}: ${got.length} vs ${ref.length} bytes, first difference at ${first} (${segmentAt(ref, first)})`);
    }
  }
  assert.ok(manifest.cases.length >= 160, `only ${manifest.cases.length} cases`);
  assert.deepEqual(failures, [], `${failures.length} of ${manifest.cases.length} encodes differ from Pillow`);
});

test('the fixtures cover the qualities, subsamplings, gray, odd sizes and Pillow\'s defaults', () => {
  const qualities = new Set(manifest.cases.map((c) => c.quality));
  for (const q of [1, 10, 50, 75, 90, 95, 100, null]) assert.ok(qualities.has(q), `quality ${q}`);
  const sub = new Set(manifest.cases.map((c) => c.subsampling));
  for (const s of ['4:4:4', '4:2:2', '4:2:0', null]) assert.ok(sub.has(s as JpegSubsampling | null), `subsampling ${s}`);
  const inputs = Object.values(manifest.inputs);
  assert.ok(inputs.some((i) => i.channels === 1) && inputs.some((i) => i.width === 1 && i.height === 1));
  assert.ok(inputs.some((i) => i.width % 16 !== 0 && i.height % 16 !== 0 && i.height % 2 === 1));
  assert.ok(inputs.some((i) => i.height % 16 !== 0 && i.height % 2 === 0), 'an even height that is not MCU-aligned');
});

/** Largest mean |decoded − input| per quality for the photo crops (measured: about half of these). */
const ROUND_TRIP_MEAN: Record<number, number> = { 1: 30, 10: 15, 50: 8, 75: 6, 90: 5, 95: 4, 100: 3 };

test('round trip: decodeJpeg reads the encodes back with the right shape, close to the input', () => {
  for (const c of manifest.cases) {
    const inp = manifest.inputs[c.input];
    const pixels = load(c.input);
    const img = decodeJpeg(encodeCase(c, pixels));
    assert.deepEqual(img.shape, [inp.height, inp.width, inp.channels], c.file);
    if (!/photo|30x22|gray_17|gray_64/.test(c.input)) continue; // noise and checkerboards: no useful bound
    let sum = 0, max = 0;
    for (let i = 0; i < pixels.length; i++) {
      const e = Math.abs(img.data[i] - pixels[i]);
      sum += e;
      if (e > max) max = e;
    }
    const mean = sum / pixels.length;
    const q = c.quality ?? 75;
    assert.ok(mean <= ROUND_TRIP_MEAN[q], `${c.file}: mean error ${mean.toFixed(2)}`);
    // Without chroma subsampling, quality 100 (all divisors 1) is nearly lossless.
    if (q === 100 && (inp.channels === 1 || c.subsampling === '4:4:4')) {
      assert.ok(max <= (inp.channels === 1 ? 1 : 4), `${c.file}: max error ${max}`);
    }
  }
});

test('round trip of sizes spanning many MCUs, 1-pixel strips and every subsampling', () => {
  for (const [w, h] of [[257, 129], [1, 300], [300, 1], [33, 17]]) {
    // A smooth gradient with a little texture: JPEG's easy case, so the error bound is tight.
    const rgb = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 3;
        rgb[i] = (x * 255 / Math.max(1, w - 1)) | 0;
        rgb[i + 1] = (y * 255 / Math.max(1, h - 1)) | 0;
        rgb[i + 2] = 128 + (((x * 7 + y * 3) % 16) - 8);
      }
    }
    for (const subsampling of ['4:4:4', '4:2:2', '4:2:0'] as const) {
      const img = decodeJpeg(encodeJpegData(rgb, w, h, 3, { quality: 90, subsampling }));
      assert.deepEqual(img.shape, [h, w, 3]);
      let sum = 0;
      for (let i = 0; i < rgb.length; i++) sum += Math.abs(img.data[i] - rgb[i]);
      assert.ok(sum / rgb.length < 4, `${w}×${h} ${subsampling}: mean error ${(sum / rgb.length).toFixed(2)}`);
    }
    const gray = rgb.filter((_, i) => i % 3 === 1);
    const g = decodeJpeg(encodeJpegData(gray, w, h, 1, { quality: 90 }));
    assert.deepEqual(g.shape, [h, w, 1]);
    let sum = 0;
    for (let i = 0; i < gray.length; i++) sum += Math.abs(g.data[i] - gray[i]);
    assert.ok(sum / gray.length < 3, `${w}×${h} gray: mean error ${(sum / gray.length).toFixed(2)}`);
  }
});

test('encoding is deterministic, leaves the input untouched and returns a fresh, tight array', () => {
  const c = manifest.cases.find((x) => x.file.startsWith('photo_100x75_q90_420'))!;
  const pixels = load(c.input);
  const before = pixels.slice();
  const a = encodeCase(c, pixels);
  assert.deepEqual(pixels, before);
  assert.equal(a.byteLength, a.buffer.byteLength, 'the result owns exactly its bytes');
  a.fill(0);
  const b = encodeCase(c, pixels);
  const d = encodeCase(c, pixels);
  assert.deepEqual(b, d);
  assert.deepEqual(b, load(c.file));
  // Trailing bytes after the pixels are ignored.
  const inp = manifest.inputs[c.input];
  const padded = new Uint8Array(pixels.length + 5);
  padded.set(pixels);
  assert.deepEqual(encodeJpegData(padded, inp.width, inp.height, 3, { quality: 90, subsampling: '4:2:0' }), b);
});

test('quality outside 1..100 behaves as libjpeg\'s jpeg_quality_scaling clamps it (0 → 1, 101 → 100)', () => {
  const px = load('in_photo_64x48.raw');
  assert.deepEqual(encodeJpegData(px, 64, 48, 3, { quality: 0 }), encodeJpegData(px, 64, 48, 3, { quality: 1 }));
  assert.deepEqual(encodeJpegData(px, 64, 48, 3, { quality: 101 }), encodeJpegData(px, 64, 48, 3, { quality: 100 }));
});

test('invalid arguments throw RangeError', () => {
  const px = new Uint8Array(4 * 4 * 3);
  assert.throws(() => encodeJpegData(px, 0, 4, 3, { quality: 75 }), RangeError);
  assert.throws(() => encodeJpegData(px, 4, 65536, 3, { quality: 75 }), RangeError);
  assert.throws(() => encodeJpegData(px, 4.5, 4, 3, { quality: 75 }), RangeError);
  assert.throws(() => encodeJpegData(px, 4, 4, 4 as never, { quality: 75 }), RangeError);
  assert.throws(() => encodeJpegData(px, 5, 4, 3, { quality: 75 }), RangeError, 'too few bytes');
  assert.throws(() => encodeJpegData(px, 4, 4, 3, { quality: 75.5 }), RangeError);
  assert.throws(() => encodeJpegData(px, 4, 4, 3, { quality: 75, subsampling: '4:1:1' as never }), RangeError);
});
