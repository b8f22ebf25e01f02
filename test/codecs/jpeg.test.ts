import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeImage, decodeJpeg, DecodeError, encodeJpeg } from '../../src/codecs/index.ts';
import { readExifOrientation } from '../../src/codecs/exif.ts';
import { applyOrientation } from '../../src/codecs/orientation.ts';
import { fromData } from '../../src/core/create.ts';
import { isContiguous, PixelArray } from '../../src/core/pixelarray.ts';
import {
  elements, exifOrientationSegment, fixture, insertAfterSoi, jpegSegment, readNpy, removeSegments,
} from '../fixtures/codecs/helpers.ts';

/** Largest and mean absolute difference between two equally long byte arrays. */
function diff(a: Uint8Array, b: Uint8Array): { max: number; mean: number } {
  assert.equal(a.length, b.length);
  let max = 0, sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    if (d > max) max = d;
  }
  return { max, mean: sum / a.length };
}

test('baseline and progressive 4:4:4 colour JPEGs give exactly Pillow\'s pixels', () => {
  for (const name of ['color444', 'progressive']) {
    const a = decodeJpeg(fixture(`${name}.jpg`));
    const ref = readNpy(fixture(`${name}.pil.npy`));
    assert.deepEqual(a.shape, ref.shape);
    assert.ok(isContiguous(a));
    assert.equal(diff(a.data, ref.data).max, 0, name);
  }
});

test('grayscale JPEG decodes to 1 channel, exactly Pillow\'s pixels', () => {
  const a = decodeJpeg(fixture('gray.jpg'));
  const ref = readNpy(fixture('gray.pil.npy'));
  assert.deepEqual(a.shape, [...ref.shape, 1]);
  assert.equal(diff(a.data, ref.data).max, 0);
});

test('chroma-subsampled (4:2:0) JPEGs, with and without restart markers, give exactly Pillow\'s pixels (fancy upsampling)', () => {
  for (const name of ['color420', 'restart']) {
    const a = decodeJpeg(fixture(`${name}.jpg`));
    const ref = readNpy(fixture(`${name}.pil.npy`));
    assert.deepEqual(a.shape, ref.shape);
    assert.equal(diff(a.data, ref.data).max, 0, name);
  }
});

test('CMYK JPEG decodes to 3 channels (Pillow convert(\'RGB\') semantics; exact bytes in jpeg-golden.test.ts)', () => {
  const a = decodeJpeg(fixture('cmyk.jpg'));
  assert.equal(a.channels, 3);
  assert.ok(isContiguous(a));
});

test('a JPEG whose Adobe marker says RGB is not colour-converted (libjpeg rule)', () => {
  // The same scan data labelled "3 components, RGB": the decoded values are the stored Y, Cb, Cr.
  const jpeg = fixture('color444.jpg');
  // APP14 "Adobe": version (u16), flags0, flags1 (u16 each), transform 0 = RGB.
  const adobe = jpegSegment(0xee, [...Array.from('Adobe', (c) => c.charCodeAt(0)), 0, 100, 0, 0, 0, 0, 0]);
  const rgbLabelled = insertAfterSoi(removeSegments(jpeg, 0xe0), adobe);
  const raw = decodeJpeg(rgbLabelled).data;
  const rgb = decodeJpeg(jpeg).data;
  // Compare with RGB → YCbCr of the normal decode (not exact: that decode was rounded and clamped).
  let worst = 0, sum = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const [r, g, b] = [rgb[i], rgb[i + 1], rgb[i + 2]];
    const ycc = [0.299 * r + 0.587 * g + 0.114 * b, 128 - 0.168736 * r - 0.331264 * g + 0.5 * b, 128 + 0.5 * r - 0.418688 * g - 0.081312 * b];
    for (let k = 0; k < 3; k++) {
      const d = Math.abs(raw[i + k] - ycc[k]);
      worst = Math.max(worst, d);
      sum += d;
    }
  }
  assert.ok(worst <= 10 && sum / rgb.length < 1.5, `difference from YCbCr: max ${worst}, mean ${sum / rgb.length}`);
  // With a JFIF marker the same Adobe segment is overridden (JFIF implies YCbCr), as in libjpeg.
  assert.deepEqual(decodeJpeg(insertAfterSoi(jpeg, adobe)).data, rgb);
});

test('applyOrientation: the eight EXIF transforms on a 2×3 image', () => {
  // Two channels (v, 10·v) to check channels travel with their pixel.
  const values = [1, 2, 3, 4, 5, 6];
  const a = fromData(values.flatMap((v) => [v, 10 * v]), 2, 3, 2);
  const expected: Record<number, number[][]> = {
    1: [[1, 2, 3], [4, 5, 6]],
    2: [[3, 2, 1], [6, 5, 4]],
    3: [[6, 5, 4], [3, 2, 1]],
    4: [[4, 5, 6], [1, 2, 3]],
    5: [[1, 4], [2, 5], [3, 6]],
    6: [[4, 1], [5, 2], [6, 3]],
    7: [[6, 3], [5, 2], [4, 1]],
    8: [[3, 6], [2, 5], [1, 4]],
  };
  for (let o = 1 as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8; o <= 8; o++) {
    const rows = expected[o];
    const b = applyOrientation(a, o);
    assert.deepEqual(b.shape, [rows.length, rows[0].length, 2], `orientation ${o} shape`);
    assert.ok(isContiguous(b));
    assert.deepEqual(elements(b), rows.flat().flatMap((v) => [v, 10 * v]), `orientation ${o}`);
  }
  // A strided view gives the same result as its contiguous copy.
  const view = new PixelArray(a.data, [2, 3, 2], [-6, 2, 1], 6);
  const copy = fromData(elements(view), 2, 3, 2);
  for (let o = 1 as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8; o <= 8; o++) {
    assert.deepEqual(elements(applyOrientation(view, o)), elements(applyOrientation(copy, o)));
  }
});

test('EXIF orientation 1..8 is applied like cv2.imread (block colours of a 16×24 test card)', () => {
  const expected = JSON.parse(readFileSync(new URL('../fixtures/codecs/orientation.cv2.json', import.meta.url), 'utf8')) as
    Record<string, { shape: [number, number]; blocks: number[][][] }>;
  for (let o = 1; o <= 8; o++) {
    const jpeg = fixture(`orient${o}.jpg`);
    const a = decodeJpeg(jpeg);
    const { shape, blocks } = expected[o];
    assert.deepEqual(a.shape, [...shape, 3], `orientation ${o}`);
    for (let by = 0; by < blocks.length; by++) {
      for (let bx = 0; bx < blocks[0].length; bx++) {
        for (let k = 0; k < 3; k++) {
          const got = a.get(by * 8 + 4, bx * 8 + 4, k);
          assert.ok(Math.abs(got - blocks[by][bx][k]) <= 3, `orientation ${o}, block (${by}, ${bx}): ${got} vs cv2 ${blocks[by][bx][k]}`);
        }
      }
    }
    // 'ignore' keeps the stored 16×24 pixels.
    const stored = decodeJpeg(jpeg, { orientation: 'ignore' });
    assert.deepEqual(stored.shape, [16, 24, 3]);
    assert.deepEqual(elements(decodeJpeg(fixture('orient1.jpg'))), elements(stored));
  }
});

test('EXIF is read in both byte orders; rotation 6 turns the image 90° clockwise', () => {
  const jpeg = fixture('color444.jpg');
  const upright = decodeJpeg(jpeg);
  const [h, w] = upright.shape;
  for (const little of [true, false]) {
    const rotated = decodeJpeg(insertAfterSoi(jpeg, exifOrientationSegment(6, little)));
    assert.deepEqual(rotated.shape, [w, h, 3]);
    for (const [y, x] of [[0, 0], [5, 17], [w - 1, h - 1]]) {
      for (let k = 0; k < 3; k++) assert.equal(rotated.get(y, x, k), upright.get(h - 1 - x, y, k));
    }
  }
});

test('broken or out-of-range EXIF means no rotation, never an error', () => {
  const jpeg = fixture('color444.jpg');
  const upright = decodeJpeg(jpeg).data;
  const exif = exifOrientationSegment(9, true);
  assert.deepEqual(decodeJpeg(insertAfterSoi(jpeg, exif)).data, upright);
  const garbage = jpegSegment(0xe1, [...Array.from('Exif', (c) => c.charCodeAt(0)), 0, 0, 0x49, 0x49, 42, 0, 255, 255, 255, 255]);
  assert.deepEqual(decodeJpeg(insertAfterSoi(jpeg, garbage)).data, upright);
});

test('readExifOrientation: valid, wrong type/count, truncated, unknown byte order', () => {
  const payload = (segment: Uint8Array): Uint8Array => segment.subarray(10); // skip FF E1, length, "Exif\0\0"
  for (let o = 1; o <= 8; o++) {
    assert.equal(readExifOrientation(payload(exifOrientationSegment(o, true))), o);
    assert.equal(readExifOrientation(payload(exifOrientationSegment(o, false))), o);
  }
  const tiff = payload(exifOrientationSegment(6, true));
  const badType = tiff.slice(); badType[12] = 2; // ASCII
  assert.equal(readExifOrientation(badType), 1);
  const badCount = tiff.slice(); badCount[14] = 2;
  assert.equal(readExifOrientation(badCount), 1);
  assert.equal(readExifOrientation(tiff.subarray(0, 15)), 1);
  const badOrder = tiff.slice(); badOrder[0] = 0x58;
  assert.equal(readExifOrientation(badOrder), 1);
  assert.equal(readExifOrientation(new Uint8Array(0)), 1);
});

test('truncated JPEG: refused by default, decoded with allowTruncated', () => {
  const jpeg = fixture('color444.jpg');
  const full = decodeJpeg(jpeg);
  // Only EOI missing: same pixels.
  const noEoi = jpeg.subarray(0, jpeg.length - 2);
  assert.throws(() => decodeJpeg(noEoi), (e: unknown) => e instanceof DecodeError && /truncated/.test(e.message) && /allowTruncated/.test(e.message));
  assert.deepEqual(decodeJpeg(noEoi, { allowTruncated: true }).data, full.data);
  // Cut in the middle of the scan: the first MCU row is complete and identical.
  const half = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
  assert.throws(() => decodeJpeg(half), DecodeError);
  const partial = decodeJpeg(half, { allowTruncated: true });
  assert.deepEqual(partial.shape, full.shape);
  const rowBytes = full.width * 3;
  assert.deepEqual(partial.data.subarray(0, 8 * rowBytes), full.data.subarray(0, 8 * rowBytes));
});

test('truncated JPEG with restart markers: complete intervals decode, the rest is flat gray', () => {
  const jpeg = fixture('restart.jpg');
  const full = decodeJpeg(jpeg);
  const partial = decodeJpeg(jpeg.subarray(0, Math.floor(jpeg.length * 0.7)), { allowTruncated: true });
  const rowBytes = full.width * 3;
  // 4:2:0 with fancy upsampling: row 15 already blends in chroma of the next MCU row, so only rows
  // 0..14 are independent of what follows (libjpeg's behaviour).
  assert.deepEqual(partial.data.subarray(0, 15 * rowBytes), full.data.subarray(0, 15 * rowBytes));
  const lastRow = partial.data.subarray((partial.height - 1) * rowBytes);
  assert.ok(lastRow.every((v) => v === 128), 'missing blocks are gray');
});

test('truncated progressive JPEG decodes with allowTruncated', () => {
  const jpeg = fixture('progressive.jpg');
  const partial = decodeJpeg(jpeg.subarray(0, Math.floor(jpeg.length * 0.5)), { allowTruncated: true });
  assert.deepEqual(partial.shape, [48, 64, 3]);
});

test('decodeJpeg option checks', () => {
  const jpeg = fixture('gray.jpg');
  assert.throws(() => decodeJpeg(jpeg, { orientation: 'auto' as 'apply' }), (e: unknown) => e instanceof RangeError && /options\.orientation/.test(e.message));
  assert.throws(() => decodeJpeg(jpeg, { allowTruncated: 1 as unknown as boolean }), (e: unknown) => e instanceof TypeError && /options\.allowTruncated/.test(e.message));
  assert.throws(() => decodeJpeg(jpeg, { maxPixels: 56 * 40 - 1 }), (e: unknown) => e instanceof DecodeError && /56×40/.test(e.message));
  assert.equal(decodeJpeg(jpeg, { maxPixels: 56 * 40 }).width, 56);
  assert.throws(() => decodeJpeg(new ArrayBuffer(4) as unknown as Uint8Array), (e: unknown) => e instanceof TypeError && /^bytes/.test(e.message));
});

function flatBlocks(h: number, w: number, channels: number): PixelArray {
  const colours = [[200, 40, 40, 255], [40, 180, 60, 128], [50, 60, 220, 0], [230, 230, 40, 77]];
  const data = new Uint8Array(h * w * channels);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const c = colours[(y >= h / 2 ? 2 : 0) + (x >= w / 2 ? 1 : 0)];
      for (let k = 0; k < channels; k++) data[(y * w + x) * channels + k] = channels === 1 ? c[1] : c[k];
    }
  }
  return fromData(data, h, w, channels);
}

test('encodeJpeg round-trips flat colours within ±3 and keeps the size', () => {
  const a = flatBlocks(32, 48, 3);
  const jpeg = encodeJpeg(a);
  assert.deepEqual(Array.from(jpeg.subarray(0, 2)), [0xff, 0xd8]);
  assert.equal(jpeg.byteOffset, 0);
  assert.equal(jpeg.buffer.byteLength, jpeg.length);
  const b = decodeJpeg(jpeg);
  assert.deepEqual(b.shape, [32, 48, 3]);
  for (const [y, x] of [[4, 4], [4, 40], [28, 4], [28, 40]]) {
    for (let k = 0; k < 3; k++) assert.ok(Math.abs(b.get(y, x, k) - a.get(y, x, k)) <= 3);
  }
  assert.ok(decodeImage(jpeg).shape[2] === 3);
});

test('encodeJpeg: 4 channels drop alpha, 1 channel gives a gray file; any view; subsampling as Pillow names it', () => {
  const rgba = flatBlocks(16, 16, 4);
  const rgbView = new PixelArray(rgba.data, [16, 16, 3], [64, 4, 1], 0);
  assert.deepEqual(encodeJpeg(rgba), encodeJpeg(rgbView));
  assert.deepEqual(encodeJpeg(rgbView), encodeJpeg(fromData(elements(rgbView), 16, 16, 3)));
  assert.deepEqual(encodeJpeg(rgbView), encodeJpeg(rgbView, { subsampling: '4:2:0' }), 'default 4:2:0');
  assert.notDeepEqual(encodeJpeg(rgbView, { subsampling: '4:4:4' }), encodeJpeg(rgbView));
  assert.throws(() => encodeJpeg(rgbView, { subsampling: '4:1:1' as never }), { name: 'RangeError', message: /^options\.subsampling: expected one of '4:2:0', '4:2:2', '4:4:4'/ });
  assert.throws(() => encodeJpeg(rgbView, { qualty: 5 } as never), { name: 'TypeError', message: /^options: unknown option 'qualty'/ });
  const grayImage = flatBlocks(16, 16, 1);
  const gray = decodeJpeg(encodeJpeg(grayImage));
  assert.equal(gray.channels, 1);
  for (let i = 0; i < gray.data.length; i++) assert.ok(Math.abs(gray.data[i] - grayImage.data[i]) <= 1);
});

test('encodeJpeg quality: 1..100, default 90; lower quality, smaller file', () => {
  const a = fromData(Array.from({ length: 32 * 32 * 3 }, (_, i) => (i * 37) % 256), 32, 32, 3);
  assert.deepEqual(encodeJpeg(a), encodeJpeg(a, { quality: 90 }));
  assert.ok(encodeJpeg(a, { quality: 10 }).length < encodeJpeg(a, { quality: 95 }).length);
  for (const q of [0, 101, 50.5, NaN]) {
    assert.throws(() => encodeJpeg(a, { quality: q }), (e: unknown) => e instanceof RangeError && /options\.quality/.test(e.message));
  }
  assert.throws(() => encodeJpeg(a, { quality: '90' as unknown as number }), TypeError);
  assert.throws(() => encodeJpeg(fromData(new Uint8Array(8), 2, 2, 2)), (e: unknown) => e instanceof RangeError && /^a: /.test(e.message));
  assert.throws(() => encodeJpeg(new PixelArray(new Uint8Array(0), [0, 4, 3])), RangeError);
});

test('decodeImage picks JPEG by FF D8 FF and passes the JPEG options', () => {
  const jpeg = fixture('orient6.jpg');
  assert.deepEqual(decodeImage(jpeg).shape, [24, 16, 3]);
  assert.deepEqual(decodeImage(jpeg, { orientation: 'ignore' }).shape, [16, 24, 3]);
  const cut = jpeg.subarray(0, jpeg.length - 2);
  assert.throws(() => decodeImage(cut), DecodeError);
  assert.deepEqual(decodeImage(cut, { allowTruncated: true }).shape, [24, 16, 3]);
});

test('a JPEG cut inside its image data warns as libjpeg does, sequential or progressive', () => {
  for (const name of ['pil_astro_q90_420.jpg', 'pil_astro_prog_420.jpg']) {
    const bytes = readFileSync(new URL(`../golden/fixtures-jpeg/${name}`, import.meta.url));
    const heard: string[] = [];
    decodeJpeg(bytes.subarray(0, bytes.length >> 1), { allowTruncated: true, onWarning: (m) => heard.push(m) });
    assert.deepEqual(heard, ['Premature end of JPEG file', 'Corrupt JPEG data: premature end of data segment'], name);
    const whole: string[] = [];
    decodeJpeg(bytes, { onWarning: (m) => whole.push(m) });
    assert.deepEqual(whole, [], `${name} complete`);
  }
});
