import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { clone, cvtColor, fromData, full, merge, PixelArray, resize, zeros } from '../../src/index.ts';
import { averageHash, differenceHash, hammingDistance, HashIndex, perceptualHash } from '../../src/apps/index.ts';
import { layouts, randomImage } from '../helpers.ts';
import { EXPECTED, fixtureImages } from './search-fixtures.ts';

/** imagehash's `_binary_array_to_hex`, with BigInt: the bit string read as one binary number. */
function refHex(bits: ArrayLike<number>): string {
  const s = Array.from(bits, (b) => (b ? '1' : '0')).join('');
  return BigInt('0b' + s).toString(16).padStart(Math.ceil(s.length / 4), '0');
}

/** The OpenCV recipe step by step: gray, INTER_AREA to size × size, bit where the cell > mean. */
function refHash(img: PixelArray, size: number): number[] {
  const gray = img.shape[2] >= 3 ? cvtColor(img, 'RGB2GRAY') : img;
  const small = resize(gray, size, size, { interpolation: 'area' });
  const cells: number[] = [];
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) cells.push(small.get(y, x, 0));
  const mean = cells.reduce((a, b) => a + b, 0) / cells.length;
  return cells.map((v) => (v > mean ? 1 : 0));
}

test('averageHash matches imagehash (default) and the OpenCV recipe on every fixture photo, sizes 8 and 16', () => {
  const images = fixtureImages();
  assert.equal(images.size, Object.keys(EXPECTED.hashes).length);
  for (const [file, img] of images) {
    const want = EXPECTED.hashes[file];
    assert.equal(averageHash(img).hex, want.ahash, file);
    assert.equal(averageHash(img).hex, want.imagehash, file);
    assert.equal(averageHash(img, { size: 16 }).hex, want.ahash16, file);
    assert.equal(averageHash(img, { recipe: 'opencv' }).hex, want.ahashOpencv, file);
    assert.equal(averageHash(img, { size: 16, recipe: 'opencv' }).hex, want.ahashOpencv16, file);
    assert.equal(differenceHash(img).hex, want.dhash, file);
    assert.equal(perceptualHash(img).hex, want.phash, file);
  }
});

test('averageHash: bits, hex and size agree with each other and with the step-by-step recipe', () => {
  for (const size of [2, 3, 5, 8, 9, 13]) {
    const img = randomImage(37, 29, 3, size);
    const h = averageHash(img, { size, recipe: 'opencv' });
    assert.equal(h.size, size);
    assert.equal(h.bits.length, size * size);
    assert.deepEqual(Array.from(h.bits), refHash(img, size));
    assert.equal(h.hex, refHex(h.bits), `size ${size}`);
    assert.equal(h.hex.length, Math.ceil(size * size / 4));
  }
  // 9 bits: the first hex digit holds only the first bit.
  const bits = new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 1]);
  assert.equal(refHex(bits), '101');
});

test('averageHash: the same hash on every layout, gray is gray, alpha is ignored', () => {
  const img = randomImage(40, 52, 3, 5);
  const want = averageHash(img).hex;
  for (const [name, view] of Object.entries(layouts(img))) assert.equal(averageHash(view).hex, want, name);
  const gray = cvtColor(img, 'RGB2GRAY');
  assert.equal(averageHash(gray).hex, averageHash(cvtColor(gray, 'GRAY2RGB')).hex);
  const alpha = randomImage(40, 52, 1, 9);
  assert.equal(averageHash(merge([gray, alpha])).hex, averageHash(gray).hex, 'gray + alpha: the gray channel');
  assert.equal(averageHash(merge([...[0, 1, 2].map((k) => clone(sliceChannel(img, k))), alpha])).hex, want, 'RGBA: alpha ignored');
  // Smaller than the grid: INTER_AREA enlarges.
  const tiny = randomImage(3, 5, 3, 2);
  assert.deepEqual(Array.from(averageHash(tiny, { recipe: 'opencv' }).bits), refHash(tiny, 8));
  for (const [name, view] of Object.entries(layouts(img))) assert.equal(averageHash(view, { recipe: 'opencv' }).hex, averageHash(img, { recipe: 'opencv' }).hex, name);
});

function sliceChannel(a: PixelArray, k: number): PixelArray {
  return new PixelArray(a.data, [a.shape[0], a.shape[1], 1], a.stride, a.offset + k * a.stride[2]);
}

test('averageHash: a flat image has no bit set; mean ties are not "above"', () => {
  assert.equal(averageHash(full(10, 10, 3, 77)).hex, '0000000000000000');
  // Left half 0, right half 255: mean 127.5, the right half is above.
  const half = zeros(8, 8, 1);
  for (let y = 0; y < 8; y++) for (let x = 4; x < 8; x++) half.set(y, x, 0, 255);
  assert.equal(averageHash(half).hex, '0f0f0f0f0f0f0f0f');
});

test('averageHash refuses bad arguments', () => {
  const img = zeros(4, 4, 3);
  assert.throws(() => averageHash({} as PixelArray), { name: 'TypeError', message: /^img: expected a PixelArray/ });
  assert.throws(() => averageHash(img, { size: 1 }), { name: 'RangeError', message: /^options\.size: expected an integer in 2\.\.256, got 1$/ });
  assert.throws(() => averageHash(img, { size: 8.5 }), { name: 'RangeError', message: /^options\.size:/ });
  assert.throws(() => averageHash(img, { size: '8' as unknown as number }), { name: 'TypeError', message: /^options\.size:/ });
  assert.throws(() => averageHash(zeros(0, 4, 3)), { name: 'RangeError', message: /^img: expected a non-empty image/ });
  assert.throws(() => averageHash(zeros(4, 4, 5)), { name: 'RangeError', message: /^img: expected 1 to 4 channels/ });
  assert.throws(() => averageHash(img, 8 as never), { name: 'TypeError', message: /^options: expected an options object/ });
});

test('hammingDistance counts differing bits, from hashes or hex strings', () => {
  const a = averageHash(randomImage(30, 30, 3, 1)), b = averageHash(randomImage(30, 30, 3, 2));
  let want = 0;
  for (let i = 0; i < 64; i++) want += a.bits[i] !== b.bits[i] ? 1 : 0;
  assert.equal(hammingDistance(a, b), want);
  assert.equal(hammingDistance(a.hex, b.hex), want);
  assert.equal(hammingDistance(a, b.hex.toUpperCase()), want);
  assert.equal(hammingDistance(b, a), want);
  assert.equal(hammingDistance(a, a), 0);
  assert.equal(hammingDistance('0', 'f'), 4);
  assert.equal(hammingDistance('ffffffffffffffff', '0000000000000000'), 64);
  // The fixture variants: the recipes' Hamming distances (imagehash: 0 bits; OpenCV: 2).
  const h = EXPECTED.hashes;
  assert.equal(hammingDistance(h['astronaut.png'].ahash, h['astronaut_blur.png'].ahash), 0);
  assert.equal(hammingDistance(h['astronaut.png'].ahashOpencv, h['astronaut_blur.png'].ahashOpencv), 2);
});

test('hammingDistance equals the bit count for random bit strings (property)', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(
    fc.uint8Array({ minLength: n, maxLength: n, min: 0, max: 1 }), fc.uint8Array({ minLength: n, maxLength: n, min: 0, max: 1 }))),
  ([x, y]) => {
    let want = 0;
    for (let i = 0; i < x.length; i++) want += x[i] ^ y[i];
    assert.equal(hammingDistance(refHex(x), refHex(y)), want);
  }));
});

test('hammingDistance refuses hashes of different lengths and non-hex strings', () => {
  const a = averageHash(randomImage(9, 9, 3, 1)), b16 = averageHash(randomImage(9, 9, 3, 1), { size: 16 });
  assert.throws(() => hammingDistance(a, b16), { name: 'RangeError', message: /^b: expected a hash of size 8 \(the size of a\), got size 16$/ });
  assert.throws(() => hammingDistance(a.hex, 'abc'), { name: 'RangeError', message: /^b: expected a hash of 16 hex digits \(the length of a\), got 3$/ });
  assert.throws(() => hammingDistance('xyz', 'abc'), { name: 'RangeError', message: /^a: expected a hash or a string of hexadecimal digits, got "xyz"$/ });
  assert.throws(() => hammingDistance('', ''), { name: 'RangeError', message: /^a:/ });
  assert.throws(() => hammingDistance(a, 42 as never), { name: 'TypeError', message: /^b: expected an AverageHash or a hexadecimal string, got 42$/ });
});

test('HashIndex: search by Hamming distance, nearest first, ties by id; top; replace; delete', () => {
  const images = fixtureImages();
  const index = new HashIndex();
  for (const [file, img] of images) index.add(file, img);
  assert.equal(index.count, images.size);
  assert.equal(index.size, 8);
  const hits = index.search(images.get('astronaut.png')!, { top: 4 });
  const want = EXPECTED.cases.find((k) => k.by === 'ahash' && k.size === 8 && k.query === 'images/astronaut.png')!;
  assert.deepEqual(hits, want.ranking.slice(0, 4).map((r) => ({ id: r.file, distance: r.distance })));
  assert.deepEqual(hits, [
    { id: 'astronaut.png', distance: 0 }, { id: 'astronaut_blur.png', distance: 0 },
    { id: 'astronaut_bright.png', distance: 0 }, { id: 'more/astronaut_small.png', distance: 0 },
  ]);
  // dHash and pHash indexes rank by their own hashes.
  for (const hash of ['dhash', 'phash'] as const) {
    const other = new HashIndex({ hash });
    for (const [file, img] of images) other.add(file, img);
    assert.equal(other.get('rocket.png'), EXPECTED.hashes['rocket.png'][hash]);
    const c = EXPECTED.cases.find((k) => k.by === hash && k.size === 8 && k.query === 'images/rocket.png')!;
    assert.deepEqual(other.search(images.get('rocket.png')!).map((r) => [r.id, r.distance]), c.ranking.map((r) => [r.file, r.distance]));
  }
  // The OpenCV recipe on request; an old JSON file (no hash / recipe) loads as such.
  const cv = new HashIndex({ recipe: 'opencv' }).add('a', images.get('astronaut.png')!);
  assert.equal(cv.get('a'), EXPECTED.hashes['astronaut.png'].ahashOpencv);
  const legacy = HashIndex.fromJSON({ type: 'pixelarray.HashIndex', version: 1, size: 8, entries: [] });
  assert.equal(legacy.recipe, 'opencv');
  assert.throws(() => new HashIndex({ hash: 'phash', recipe: 'opencv' }), { name: 'RangeError', message: /^options\.recipe/ });
  assert.throws(() => new HashIndex({ hash: 'xhash' as never }), { name: 'RangeError', message: /^options\.hash/ });
  // The same from the hash or its hex.
  assert.deepEqual(index.search(averageHash(images.get('astronaut.png')!), { top: 4 }), hits);
  assert.deepEqual(index.search(EXPECTED.hashes['astronaut.png'].ahash, { top: 4 }), hits);
  assert.equal(index.search(images.get('astronaut.png')!).length, images.size);
  assert.deepEqual(index.search(images.get('astronaut.png')!, { top: 0 }), []);
  index.addHash('astronaut.png', 'ffffffffffffffff');
  assert.equal(index.get('astronaut.png'), 'ffffffffffffffff');
  assert.equal(index.count, images.size);
  assert.ok(index.delete('astronaut.png'));
  assert.ok(!index.has('astronaut.png'));
  assert.ok(!index.delete('astronaut.png'));
});

test('HashIndex: toJSON / fromJSON round trip, through a JSON string too', () => {
  const index = new HashIndex({ size: 4 });
  index.add('b', randomImage(20, 20, 3, 1)).add('a', randomImage(20, 20, 3, 2)).addHash('c', 'F0F0');
  const json = index.toJSON();
  assert.deepEqual(json, { type: 'pixelarray.HashIndex', version: 1, size: 4, hash: 'ahash', recipe: 'imagehash', entries: index.ids().map((id) => [id, index.get(id)!]) });
  assert.equal(json.entries[2][1], 'f0f0', 'stored lowercase');
  const back = HashIndex.fromJSON(JSON.parse(JSON.stringify(index)));
  assert.equal(back.recipe, 'imagehash');
  assert.deepEqual(back.ids(), ['b', 'a', 'c']);
  assert.deepEqual(back.search('0000'), index.search('0000'));
});

test('HashIndex refuses bad ids, hashes of another size and bad JSON', () => {
  const index = new HashIndex();
  assert.throws(() => new HashIndex({ size: 300 }), { name: 'RangeError', message: /^options\.size:/ });
  assert.throws(() => index.add(1 as never, zeros(2, 2, 3)), { name: 'TypeError', message: /^id: expected a string, got 1$/ });
  assert.throws(() => index.add('x', null as never), { name: 'TypeError', message: /^img: expected a PixelArray/ });
  assert.throws(() => index.addHash('x', 'abc'), { name: 'RangeError', message: /^hash: expected a hash of size 8 \(16 hex digits\), got 3 digits$/ });
  assert.throws(() => index.addHash('x', averageHash(zeros(4, 4, 3), { size: 4 })), { name: 'RangeError', message: /^hash: expected a hash of size 8 \(16 hex digits\), got size 4$/ });
  assert.throws(() => index.search('abc'), { name: 'RangeError', message: /^query: expected a hash of size 8/ });
  assert.throws(() => index.search('0'.repeat(16), { top: -1 }), { name: 'RangeError', message: /^options\.top:/ });
  assert.throws(() => HashIndex.fromJSON(null), { name: 'TypeError', message: /^json: expected a pixelarray\.HashIndex JSON object/ });
  assert.throws(() => HashIndex.fromJSON({ type: 'pixelarray.HistogramIndex', version: 1 }), { name: 'RangeError', message: /^json\.type: expected 'pixelarray\.HashIndex', got "pixelarray\.HistogramIndex"$/ });
  assert.throws(() => HashIndex.fromJSON({ type: 'pixelarray.HashIndex', version: 2, size: 8, entries: [] }), { name: 'RangeError', message: /^json\.version: expected 1, got 2$/ });
  assert.throws(() => HashIndex.fromJSON({ type: 'pixelarray.HashIndex', version: 1, size: 8, entries: [['a']] }), { name: 'TypeError', message: /^json\.entries\[0\]: expected an \[id, value\] pair/ });
  assert.throws(() => HashIndex.fromJSON({ type: 'pixelarray.HashIndex', version: 1, size: 8, entries: [['a', 5]] }), { name: 'TypeError', message: /^json\.entries\[0\]\[1\]: expected a hex string, got 5$/ });
  assert.throws(() => HashIndex.fromJSON({ type: 'pixelarray.HashIndex', version: 1, size: 8, entries: [['a', 'zz']] }), { name: 'RangeError', message: /^hash: expected a hash or a string of hexadecimal digits/ });
});

test('averageHash on a fromData image from a plain list (no shared state between calls)', () => {
  const img = fromData(Array.from({ length: 4 * 4 * 3 }, (_, i) => (i * 37) % 256), 4, 4, 3);
  assert.equal(averageHash(img).hex, averageHash(clone(img)).hex);
});
