// The cvtColor codes of issue 13 (LAB, LUV, XYZ, YCrCb, YUV, HLS from and to RGB / BGR, RGBA2GRAY,
// GRAY2RGBA) against OpenCV 4.6: small golden cases (test/golden/fixtures-color, made by
// test/golden/generate_color.py) on contiguous and strided inputs, and every code on the full cube
// of 2^24 byte triples through cv2's chunk hashes in fixtures-color/cube.json. By default a few
// chunks of each code run; PIXELARRAY_COLOR_CUBE=1 runs all 32 (the whole cube, about half a minute).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as core from '../../src/index.ts';
import { PixelArray, clone, fromData, zeros } from '../../src/index.ts';
import { cvtColor, type ColorCode } from '../../src/imgproc/color.ts';
import { loadCases, runCase } from '../golden/cases.ts';
import { fromDataAsView, layouts, pixels, randomImage } from '../helpers.ts';

const DIR = fileURLToPath(new URL('../golden/fixtures-color/', import.meta.url));

const FORWARD = ['RGB2LAB', 'BGR2LAB', 'RGB2LUV', 'BGR2LUV', 'RGB2XYZ', 'BGR2XYZ', 'RGB2YCrCb', 'BGR2YCrCb',
  'RGB2YUV', 'BGR2YUV', 'RGB2HLS', 'BGR2HLS'] as const satisfies readonly ColorCode[];
const INVERSE = ['LAB2RGB', 'LAB2BGR', 'LUV2RGB', 'LUV2BGR', 'XYZ2RGB', 'XYZ2BGR', 'YCrCb2RGB', 'YCrCb2BGR',
  'YUV2RGB', 'YUV2BGR', 'HLS2RGB', 'HLS2BGR'] as const satisfies readonly ColorCode[];

test('more cvtColor codes: the golden cases of generate_color.py, contiguous and strided', () => {
  const cases = loadCases(DIR);
  assert.ok(cases.length >= 200, `${cases.length} cases`);
  const failures: string[] = [];
  for (const c of cases) {
    const contiguous = runCase(c, core as never, DIR);
    if (contiguous) failures.push(`${c.id} (${c.ref}): ${contiguous}`);
    const strided = runCase(c, { ...core, fromData: fromDataAsView } as never, DIR);
    if (strided) failures.push(`${c.id} (${c.ref}) on a strided view: ${strided}`);
  }
  assert.deepEqual(failures, []);
});

// ---------------------------------------------------------------------------------------------
// The full cube, chunk by chunk.

interface CubeEntry { code: ColorCode; channels: 3 | 4; width: 4096 | 1; ref: string; sha256: string; chunks: string[] }
const CUBE = JSON.parse(fs.readFileSync(`${DIR}cube.json`, 'utf8')) as { entries: CubeEntry[] };
const CHUNK = 1 << 19;
const ALL_CHUNKS = process.env.PIXELARRAY_COLOR_CUBE === '1';

/** Pixels [k·2^19, (k + 1)·2^19) of the cube, `channels` bytes each (alpha as in generate_color.py). */
function cubeChunk(k: number, channels: number): Uint8Array {
  const out = new Uint8Array(CHUNK * channels);
  for (let p = 0, i = k * CHUNK, o = 0; p < CHUNK; p++, i++, o += channels) {
    out[o] = i >> 16; out[o + 1] = (i >> 8) & 255; out[o + 2] = i & 255;
    if (channels === 4) out[o + 3] = Math.imul(i, 2654435761) >>> 24;
  }
  return out;
}

test('more cvtColor codes: every code on the cube of all 2^24 colours matches cv2 (chunk hashes)', () => {
  assert.equal(CUBE.entries.length, 42);
  const chunks = ALL_CHUNKS ? Array.from({ length: 32 }, (_, k) => k) : [0, 13, 22, 31];
  const inputs = new Map<string, Uint8Array>();
  const failures: string[] = [];
  for (const e of CUBE.entries) {
    for (const k of chunks) {
      const key = `${k}/${e.channels}`;
      let src = inputs.get(key);
      if (!src) inputs.set(key, (src = cubeChunk(k, e.channels)));
      const a = e.width === 4096 ? fromData(src, CHUNK / 4096, 4096, e.channels) : fromData(src, CHUNK, 1, e.channels);
      const got = createHash('sha256').update(cvtColor(a, e.code).data).digest('hex').slice(0, 16);
      if (got !== e.chunks[k]) failures.push(`${e.code} (${e.channels} channels, width ${e.width}) chunk ${k}: ${e.ref}`);
    }
  }
  assert.deepEqual(failures, []);
});

// ---------------------------------------------------------------------------------------------
// Layouts, out, in place.

test('more cvtColor codes: every layout and the byte-by-byte paths give the same pixels', () => {
  for (const [h, w] of [[3, 70], [5, 33], [2, 31], [9, 8], [1, 1]]) {
    const rgb = randomImage(h, w, 3, h * 97 + w), rgba = randomImage(h, w, 4, h + w);
    for (const code of [...FORWARD, ...INVERSE]) {
      const want = pixels(cvtColor(rgb, code));
      for (const [name, view] of Object.entries(layouts(rgb))) {
        assert.deepEqual(pixels(cvtColor(view, code)), want, `${code} ${h}x${w} ${name}`);
      }
      // an odd byte offset: no word access anywhere
      const shifted = new PixelArray(new Uint8Array(h * w * 3 + 1), [h, w, 3], undefined, 1);
      clone(rgb, { out: shifted });
      assert.deepEqual(pixels(cvtColor(shifted, code)), want, `${code} ${h}x${w} unaligned`);
    }
    for (const code of FORWARD) {
      // a 4th channel is ignored
      const rgbOf = core.merge(core.split(rgba).slice(0, 3));
      assert.deepEqual(pixels(cvtColor(rgba, code)), pixels(cvtColor(rgbOf, code)), `${code} ${h}x${w} rgba`);
    }
  }
});

test('RGB2HLS converts each row in blocks of 8 pixels and a tail, following the view', () => {
  // Colours where OpenCV's vector code and its scalar row tail disagree (found on the full cube):
  // (255, 211, 244) → H 157 in a block, 158 in the tail; (116, 116, 190) → S 92, 93.
  const cases: [number[], number, number, number][] = [[[255, 211, 244], 0, 157, 158], [[116, 116, 190], 2, 92, 93]];
  for (const [px, ch, inBlock, inTail] of cases) {
    for (const width of [1, 7, 8, 9, 15, 16, 17, 31]) {
      const a = core.full(3, width, 3, px);
      const out = cvtColor(a, 'RGB2HLS'), bgr = cvtColor(core.full(3, width, 3, [...px].reverse()), 'BGR2HLS');
      for (let x = 0; x < width; x++) {
        const want = x < width - (width % 8) ? inBlock : inTail;
        assert.equal(out.get(2, x, ch), want, `${px} width ${width} x ${x}`);
        assert.equal(bgr.get(0, x, ch), want);
      }
      // a transposed view converts its own rows, not memory's
      const t = core.transpose(clone(core.transpose(a)));
      assert.deepEqual(pixels(cvtColor(t, 'RGB2HLS')), pixels(out));
    }
  }
});

test('more cvtColor codes write into out, in place too, and leave the input alone', () => {
  const a = randomImage(11, 37, 3, 4);
  const before = a.data.slice();
  for (const code of [...FORWARD, ...INVERSE]) {
    const want = pixels(cvtColor(a, code));
    assert.deepEqual(a.data, before, code);
    const out = zeros(11, 37, 3);
    assert.equal(cvtColor(a, code, { out }), out);
    assert.deepEqual(pixels(out), want, `${code} out`);
    const inPlace = clone(a);
    assert.equal(cvtColor(inPlace, code, { out: inPlace }), inPlace);
    assert.deepEqual(pixels(inPlace), want, `${code} in place`);
    const strided = layouts(zeros(11, 37, 3))['double transpose (strided)'];
    cvtColor(a, code, { out: strided });
    assert.deepEqual(pixels(strided), want, `${code} strided out`);
  }
});

// ---------------------------------------------------------------------------------------------
// RGBA2GRAY, GRAY2RGBA, channel rules, options.

test('RGBA2GRAY is RGB2GRAY (3 or 4 channels); GRAY2RGBA repeats gray with alpha 255', () => {
  for (const c of [3, 4]) {
    const a = randomImage(7, 29, c, c);
    assert.deepEqual(pixels(cvtColor(a, 'RGBA2GRAY')), pixels(cvtColor(a, 'RGB2GRAY')));
  }
  const g = randomImage(5, 31, 1, 9);
  const want = pixels(g).flatMap((v) => [v, v, v, 255]);
  for (const [name, view] of Object.entries(layouts(g))) assert.deepEqual(pixels(cvtColor(view, 'GRAY2RGBA')), want, name);
  const shifted = new PixelArray(new Uint8Array(5 * 31 * 4 + 1), [5, 31, 4], undefined, 1);
  cvtColor(g, 'GRAY2RGBA', { out: shifted });
  assert.deepEqual(pixels(shifted), want);
  assert.deepEqual(cvtColor(zeros(0, 3, 1), 'GRAY2RGBA').shape, [0, 3, 4]);
  assert.deepEqual(cvtColor(zeros(2, 0, 3), 'RGB2LAB').shape, [2, 0, 3]);
  assert.deepEqual(cvtColor(zeros(0, 0, 3), 'HLS2BGR').shape, [0, 0, 3]);
});

test('more cvtColor codes: channel counts as cv2, named errors, unknown options refused', () => {
  const g = randomImage(2, 3, 1, 1), rgba = randomImage(2, 3, 4, 1), rgb = randomImage(2, 3, 3, 1);
  for (const code of FORWARD) {
    assert.throws(() => cvtColor(g, code), { name: 'RangeError', message: new RegExp(`^a: expected 3 or 4 channels for '${code}', got 1 \\(a 1-channel image is gray`) });
    assert.deepEqual(cvtColor(rgba, code).shape, [2, 3, 3]);
  }
  for (const code of INVERSE) {
    assert.throws(() => cvtColor(rgba, code), { name: 'RangeError', message: new RegExp(`^a: expected 3 channels for '${code}', got 4$`) });
  }
  assert.throws(() => cvtColor(rgb, 'GRAY2RGBA'), { name: 'RangeError', message: /^a: expected 1 channel for 'GRAY2RGBA', got 3$/ });
  assert.throws(() => cvtColor(g, 'RGBA2GRAY'), { name: 'RangeError', message: /^a: expected 3 or 4 channels for 'RGBA2GRAY', got 1/ });
  assert.throws(() => cvtColor(rgb, 'RGB2Lab' as never), { name: 'RangeError', message: /^code: expected one of .*'RGB2LAB'.*, got "RGB2Lab"$/ });
  assert.throws(() => cvtColor(rgb, 'RGB2LAB', { out: zeros(2, 3, 3), dst: 1 } as never), { name: 'TypeError', message: /^options: unknown option 'dst' \(expected one of 'out'\)$/ });
  assert.throws(() => cvtColor(rgb, 'LAB2RGB', { out: zeros(2, 3, 4) }), { name: 'RangeError', message: /^options\.out: expected shape \[2, 3, 3\], got \[2, 3, 4\]$/ });
});

test('colour round trips come back close (gray exactly through YCrCb)', () => {
  const a = randomImage(24, 40, 3, 77);
  const worst = (code: ColorCode, back: ColorCode) => {
    const pa = pixels(a), pb = pixels(cvtColor(cvtColor(a, code), back));
    return pa.reduce((m, v, i) => Math.max(m, Math.abs(v - pb[i])), 0);
  };
  // (YUV is left out: its V and U leave 0..255 for saturated colours, and saturate)
  for (const [code, back, limit] of [['RGB2YCrCb', 'YCrCb2RGB', 2], ['RGB2LAB', 'LAB2RGB', 20], ['RGB2HLS', 'HLS2RGB', 8],
    ['BGR2LUV', 'LUV2BGR', 24], ['RGB2XYZ', 'XYZ2RGB', 24]] as const) {
    const w = worst(code, back);
    assert.ok(w <= limit, `${code} → ${back}: worst ${w} > ${limit}`);
  }
  const gray = cvtColor(randomImage(6, 20, 1, 5), 'GRAY2RGB');
  assert.deepEqual(pixels(cvtColor(cvtColor(gray, 'RGB2YCrCb'), 'YCrCb2RGB')), pixels(gray));
});
