// pixelarray/parallel: every pooled op gives the bytes of the core op (random images of odd sizes,
// 1–4 channels, every layout, band counts that do not divide the height, `{ out }` in ordinary or
// shared memory, crops of the real photo), throws the core op's errors, and the pool shuts down
// cleanly. Pools use `minElements: 0` so that even tiny images are cut into bands.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as core from '../../src/index.ts';
import { clone, crop, PixelArray, zeros, type AffineMatrix } from '../../src/index.ts';
import { decodeImage } from '../../src/codecs/index.ts';
import { createPool, isShared, sharedZeros, toShared, type Pool } from '../../src/parallel/index.ts';
import { layouts, randomImage } from '../helpers.ts';

const pools = [2, 3, 4].map((threads) => createPool({ threads, minElements: 0 }));
const byDefault = createPool({ threads: 3 }); // the default threshold: small calls inline
after(() => Promise.all([...pools, byDefault].map((p) => p.close())));

type Result = PixelArray | PixelArray[] | Float32Array;

/** The core ops with the pool's signatures: flip / transpose / rot90 materialised like the pool's. */
const reference = {
  ...core,
  flip: (a: PixelArray, axis: 0 | 1 | -1, o?: { out?: PixelArray }) => core.clone(core.flip(a, axis), o),
  transpose: (a: PixelArray, axes?: number[], o?: { out?: PixelArray }) => core.clone(core.transpose(a, axes), o),
  rot90: (a: PixelArray, k?: number, o?: { out?: PixelArray }) => core.clone(core.rot90(a, k), o),
} as unknown as Pool;

/** Packed bytes of any result (views flattened), for byte equality. */
function bytes(r: Result): Uint8Array {
  if (r instanceof Float32Array) return new Uint8Array(r.buffer, r.byteOffset, r.byteLength);
  if (Array.isArray(r)) return Buffer.concat(r.map(bytes));
  return clone(r).data;
}

function assertSame(got: Result, want: Result, msg: string): void {
  if (!(want instanceof Float32Array) && !Array.isArray(want)) assert.deepEqual((got as PixelArray).shape, want.shape, msg);
  const g = bytes(got), w = bytes(want);
  assert.equal(g.length, w.length, msg);
  if (Buffer.compare(g, w) === 0) return;
  const i = g.findIndex((v, k) => v !== w[k]);
  assert.fail(`${msg}: first difference at byte ${i} (pooled ${g[i]}, core ${w[i]})`);
}

/** A shared-memory copy of `a` seen through a strided view (padded rows, odd offset). */
function sharedView(a: PixelArray): PixelArray {
  const [h, w, c] = a.shape;
  const rowStride = (w + 2) * c + 1;
  const buf = new Uint8Array(new SharedArrayBuffer(h * rowStride + 3)).fill(0x5a);
  const v = new PixelArray(buf, [h, w, c], [rowStride, c, 1], 3);
  clone(a, { out: v });
  return v;
}

/** The same pixels in every layout: ordinary memory (helpers' layouts) and shared memory. */
function allLayouts(a: PixelArray): [string, PixelArray][] {
  return [...Object.entries(layouts(a)), ['shared', toShared(a)], ['shared strided view', sharedView(a)]];
}

type Case = [string, (m: Pool, a: PixelArray, b: PixelArray, mask: PixelArray) => Result];

const M15: AffineMatrix = core.getRotationMatrix2D([7.5, 5], 15, 1.1);

/** Ops on an H×W×C image `a`, another `b` and a mask. `c` selects what applies to the channel count. */
function cases(c: number): Case[] {
  const list: Case[] = [
    ['addSaturate image', (m, a, b) => m.addSaturate(a, b)],
    ['addSaturate scalar', (m, a) => m.addSaturate(a, 50)],
    ['addSaturate mixed scalar', (m, a) => m.addSaturate(a, Array.from({ length: c }, (_, k) => (k % 2 ? -30 : 40)))],
    ['subtractSaturate', (m, a, b) => m.subtractSaturate(a, b)],
    ['addModulo', (m, a, b) => m.addModulo(a, b)],
    ['subtractModulo scalar', (m, a) => m.subtractModulo(a, 300)],
    ['absdiff', (m, a, b) => m.absdiff(a, b)],
    ['multiplySaturate', (m, a, b) => m.multiplySaturate(a, b, 1 / 255)],
    ['multiplySaturate scalar', (m, a) => m.multiplySaturate(a, 1.7)],
    ['addWeighted', (m, a, b) => m.addWeighted(a, 0.7, b, 0.3, 5)],
    ['convertScaleAbs', (m, a) => m.convertScaleAbs(a, 1.3, -20)],
    ['bitwiseAnd', (m, a, b) => m.bitwiseAnd(a, b)],
    ['bitwiseOr scalar', (m, a) => m.bitwiseOr(a, 0x0f)],
    ['bitwiseXor masked', (m, a, b, mask) => m.bitwiseXor(a, b, { mask })],
    ['bitwiseNot', (m, a) => m.bitwiseNot(a)],
    ['bitwiseNot masked', (m, a, _b, mask) => m.bitwiseNot(a, { mask })],
    ['inRange scalars', (m, a) => m.inRange(a, 40, 200)],
    ['inRange images', (m, a, b) => m.inRange(a, m.bitwiseAnd(b, 0x3f), m.bitwiseOr(b, 0xc0))],
    ['split', (m, a) => m.split(a)],
    ['merge', (m, a, b) => m.merge([...core.split(a), ...core.split(b).slice(0, 1)])],
    ['concat rows', (m, a, b) => m.concat([a, b, a], 0)],
    ['concat columns', (m, a, b) => m.concat([a, b], 1)],
    ['concat channels', (m, a, b) => m.concat([a, b], -1)],
    ['clone', (m, a) => m.clone(a)],
    ['flip 0', (m, a) => m.flip(a, 0)],
    ['flip 1', (m, a) => m.flip(a, 1)],
    ['flip -1', (m, a) => m.flip(a, -1)],
    ['transpose', (m, a) => m.transpose(a)],
    ['transpose channels', (m, a) => m.transpose(a, [2, 0, 1])],
    ['rot90', (m, a) => m.rot90(a)],
    ['rot90 -1', (m, a) => m.rot90(a, -1)],
    ['roll rows', (m, a) => m.roll(a, 5, 0)],
    ['roll rows back', (m, a) => m.roll(a, -3, 0)],
    ['roll every axis', (m, a) => m.roll(a, [2, -7, 1], [0, 1, 2])],
    ['roll columns', (m, a) => m.roll(a, 50, 1)],
    ['roll flattened', (m, a) => m.roll(a, 1001)],
    ['gaussianBlur σ 1.5', (m, a) => m.gaussianBlur(a, 1.5)],
    ['gaussianBlur σ 3', (m, a) => m.gaussianBlur(a, 3)],
    ['gaussianBlur 5×5', (m, a) => m.gaussianBlur(a, 0, { ksize: 5 })],
    ['gaussianBlur 3×7 sigmaY', (m, a) => m.gaussianBlur(a, 1, { ksize: [3, 7], sigmaY: 2 })],
    ['gaussianBlur sigmaY only', (m, a) => m.gaussianBlur(a, 0.8, { sigmaY: 2.5 })],
    ['gaussianBlur constant', (m, a) => m.gaussianBlur(a, 2, { border: 'constant' })],
    ['gaussianBlur replicate', (m, a) => m.gaussianBlur(a, 2, { border: 'replicate' })],
    ['gaussianBlur reflect', (m, a) => m.gaussianBlur(a, 2, { border: 'reflect' })],
    ['gaussianBlur wrap (inline)', (m, a) => m.gaussianBlur(a, 2, { border: 'wrap' })],
    ['blur 5', (m, a) => m.blur(a, 5)],
    ['blur 2×4 constant', (m, a) => m.blur(a, [2, 4], { border: 'constant' })],
    ['blur 1×9 reflect', (m, a) => m.blur(a, [1, 9], { border: 'reflect' })],
    ['medianBlur 3', (m, a) => m.medianBlur(a, 3)],
    ['medianBlur 5', (m, a) => m.medianBlur(a, 5)],
    ['medianBlur 7', (m, a) => m.medianBlur(a, 7)],
    ['filter2D emboss + 128', (m, a) => m.filter2D(a, [[-1, 0, 0], [0, 1, 0], [0, 0, 0]], { delta: 128 })],
    ['filter2D 4×2 fractional', (m, a) => m.filter2D(a, [[0.25, -0.5], [1, 0.125], [0, 0.3], [-0.2, 0.1]], { delta: 3.5, border: 'replicate' })],
    ['filter2D 1×5 constant', (m, a) => m.filter2D(a, [[1, 2, 3, 2, 1]], { border: 'constant' })],
    ['emboss', (m, a) => m.emboss(a)],
    ['resize bilinear down', (m, a) => m.resize(a, Math.max(1, a.width >> 1), Math.max(1, a.height >> 1))],
    ['resize bilinear odd', (m, a) => m.resize(a, 2 * a.width + 3, Math.ceil(a.height * 1.37))],
    ['resize bilinear ×1.5', (m, a) => m.resize(a, Math.ceil(a.width * 1.5), Math.ceil(a.height * 1.5))],
    ['resize same size', (m, a) => m.resize(a, a.width, a.height)],
    ['resize nearest', (m, a) => m.resize(a, a.width + 7, Math.max(1, a.height - 3), { interpolation: 'nearest' })],
    ['resize area ×⅓', (m, a) => m.resize(a, Math.max(1, Math.floor(a.width / 3)), Math.max(1, Math.floor(a.height / 3)), { interpolation: 'area' })],
    ['resize area fractional', (m, a) => m.resize(a, Math.max(1, Math.floor(a.width * 0.7)), Math.max(1, Math.floor(a.height * 0.6)), { interpolation: 'area' })],
    ['resize area up', (m, a) => m.resize(a, a.width * 2 + 1, a.height + 5, { interpolation: 'area' })],
    ['warpAffine bilinear', (m, a) => m.warpAffine(a, M15, a.width + 4, a.height + 3)],
    ['warpAffine nearest reflect', (m, a) => m.warpAffine(a, M15, a.width, a.height, { interpolation: 'nearest', border: 'reflect' })],
    ['warpAffine replicate inverse', (m, a) => m.warpAffine(a, M15, a.width - 1 || 1, a.height, { border: 'replicate', inverseMap: true })],
    ['warpAffine constant value', (m, a) => m.warpAffine(a, [0.9, 0.2, 3, -0.1, 1.1, -2], a.width, a.height + 9, { borderValue: 77 })],
    ['calcHist 256', (m, a) => m.calcHist(a, { channels: [c - 1], bins: [256], ranges: [[0, 256]] })],
    ['calcHist masked', (m, a, _b, mask) => m.calcHist(a, { channels: [0], bins: [16], ranges: [[10, 250]], mask })],
  ];
  if (c === 3) {
    list.push(
      ['cvtColor RGB2GRAY', (m, a) => m.cvtColor(a, 'RGB2GRAY')],
      ['cvtColor RGB2HSV', (m, a) => m.cvtColor(a, 'RGB2HSV')],
      ['cvtColor RGB2RGBA', (m, a) => m.cvtColor(a, 'RGB2RGBA')],
      ['calcHist 8×8×8', (m, a, _b, mask) => m.calcHist(a, { channels: [0, 1, 2], bins: [8, 8, 8], ranges: [[0, 256], [0, 256], [0, 256]], mask })],
    );
  }
  if (c === 1) list.push(['cvtColor GRAY2RGB', (m, a) => m.cvtColor(a, 'GRAY2RGB')]);
  if (c === 4) list.push(['cvtColor RGBA2RGB', (m, a) => m.cvtColor(a, 'RGBA2RGB')], ['cvtColor RGBA2GRAY', (m, a) => m.cvtColor(a, 'RGB2GRAY')]);
  return list;
}

/**
 * Compares every case on `a` (and the companions `b`, `mask`) with the core op: in every layout,
 * or (`quick`, for larger images) on `a` as given and a shared copy. The pools (2, 3, 4 threads)
 * take turns.
 */
function checkAll(label: string, a: PixelArray, b: PixelArray, mask: PixelArray, quick = false): void {
  const before = clone(a).data;
  const views: [string, PixelArray][] = quick ? [['as given', a], ['shared', toShared(a)]] : allLayouts(a);
  let turn = a.shape[0];
  for (const [name, f] of cases(a.shape[2])) {
    const want = f(reference, a, b, mask);
    for (const [layout, view] of views) {
      const pool = pools[turn++ % pools.length];
      assertSame(f(pool, view, b, mask), want, `${name} on ${label}, ${layout}, ${pool.threads} threads`);
    }
    assert.deepEqual(clone(a).data, before, `${name} modified its input`);
    turn++; // another pairing of layouts and pools for the next case
  }
}

test('every pooled op gives the core bytes on odd sizes, 1–4 channels and every layout', () => {
  const shapes: [number, number, number][] = [[2, 5, 3], [7, 13, 3], [13, 11, 1], [17, 9, 4], [23, 31, 3], [5, 6, 2], [1, 9, 3]];
  shapes.forEach(([h, w, c], i) => {
    const a = randomImage(h, w, c, 11 + i), b = randomImage(h, w, c, 99 + i);
    const mask = core.inRange(randomImage(h, w, 1, 5 + i), 0, 120);
    checkAll(`${h}×${w}×${c}`, a, b, mask);
  });
});

test('larger random images: bands of many rows, the word-packed paths', () => {
  for (const [h, w, c] of [[67, 101, 3], [80, 64, 4], [91, 77, 1]] as const) {
    const a = randomImage(h, w, c, h), b = randomImage(h, w, c, w);
    checkAll(`${h}×${w}×${c}`, a, b, core.inRange(core.split(b)[0], 0, 140), true);
  }
});

// The real photo (bench/assets, scikit-image's "coffee", CC0), decoded once.
const PHOTO = decodeImage(readFileSync(fileURLToPath(new URL('../../bench/assets/photo-1080p.jpg', import.meta.url))));

test('crops of the real photo (views into the 1080p image) and the whole photo', () => {
  const boxes: [number, number, number, number][] = [[101, 57, 434, 328], [1500, 901, 1777, 1080]];
  for (const [l, u, r, d] of boxes) {
    const a = crop(PHOTO, [l, u, r, d]), b = crop(PHOTO, [l + 13, u - 11, r + 13, d - 11]);
    const mask = core.inRange(core.cvtColor(a, 'RGB2GRAY'), 0, 110);
    checkAll(`photo crop ${[l, u, r, d].join(',')}`, a, b, mask, true);
  }
  // The whole photo through the default pool (above its threshold) and one banded pool.
  const big = PHOTO, mirrored = core.clone(core.flip(PHOTO, 1)), shared = toShared(PHOTO);
  const mask = core.inRange(core.split(big)[0], 128, 255);
  for (const [name, f] of cases(3)) {
    if (!/gaussianBlur σ 3|medianBlur 5|filter2D emboss|resize bilinear (down|odd)|resize area ×|warpAffine bilinear|calcHist 8|addWeighted|^split|rot90$|roll rows$|cvtColor RGB2HSV/.test(name)) continue;
    const want = f(reference, big, mirrored, mask);
    assertSame(f(byDefault, big, mirrored, mask), want, `${name} on the 1080p photo, default pool`);
    assertSame(f(pools[0], shared, mirrored, mask), want, `${name} on the 1080p photo in shared memory`);
  }
});

test('{ out }: ordinary, shared, strided shared, and overlapping its input', () => {
  const a = randomImage(29, 37, 3, 4), b = randomImage(29, 37, 3, 5);
  const ops: [string, (m: Pool, a: PixelArray, out: PixelArray) => PixelArray, [number, number, number]][] = [
    ['addSaturate', (m, x, out) => m.addSaturate(x, b, { out }), [29, 37, 3]],
    ['cvtColor RGB2GRAY', (m, x, out) => m.cvtColor(x, 'RGB2GRAY', { out }), [29, 37, 1]],
    ['gaussianBlur', (m, x, out) => m.gaussianBlur(x, 2, { out }), [29, 37, 3]],
    ['medianBlur', (m, x, out) => m.medianBlur(x, 5, { out }), [29, 37, 3]],
    ['transpose', (m, x, out) => m.transpose(x, undefined, { out }), [37, 29, 3]],
    ['roll flattened', (m, x, out) => m.roll(x, 77, undefined, { out }), [29, 37, 3]],
    ['resize', (m, x, out) => m.resize(x, 40, 23, { out }), [23, 40, 3]],
    ['warpAffine', (m, x, out) => m.warpAffine(x, M15, 37, 29, { out }), [29, 37, 3]],
    ['concat', (m, x, out) => m.concat([x, b], 0, { out }), [58, 37, 3]],
    ['bitwiseAnd masked', (m, x, out) => m.bitwiseAnd(x, b, { mask: core.inRange(core.split(b)[1], 0, 99), out }), [29, 37, 3]],
  ];
  for (const [name, f, shape] of ops) {
    const [oh, ow, oc] = shape;
    const outs: [string, () => PixelArray][] = [
      ['ordinary', () => core.full(oh, ow, oc, 9)],
      ['shared', () => { const o = sharedZeros(oh, ow, oc); o.data.fill(9); return o; }],
      ['shared strided', () => sharedView(core.full(oh, ow, oc, 9))],
    ];
    for (const [kind, make] of outs) {
      const want = f(reference, a, make());
      for (const pool of pools) {
        const out = make();
        const got = f(pool, a, out);
        assert.equal(got, out, `${name}: returns out (${kind})`);
        assertSame(got, want, `${name} into ${kind} out, ${pool.threads} threads`);
      }
    }
  }
  // In place: out is the input itself (shared), or overlaps it shifted by a row.
  for (const pool of pools) {
    const s = toShared(a);
    const want = core.gaussianBlur(a, 2);
    assertSame(pool.gaussianBlur(s, 2, { out: s }), want, 'gaussianBlur in place');
    const t = toShared(a);
    assertSame(pool.addSaturate(t, 7, { out: t }), core.addSaturate(a, 7), 'addSaturate in place');
    const big = sharedZeros(30, 37, 3);
    const top = new PixelArray(big.data, [29, 37, 3]), low = new PixelArray(big.data, [29, 37, 3], undefined, 37 * 3);
    clone(a, { out: top });
    assertSame(pool.blur(top, 3, { out: low }), core.blur(a, 3), 'blur into an overlapping view');
  }
});

test('empty and one-row images', () => {
  for (const pool of pools) {
    for (const shape of [[4, 0, 3], [0, 5, 3], [1, 8, 3]] as const) {
      const a = zeros(shape[0], shape[1], shape[2]), b = zeros(shape[0], shape[1], shape[2]);
      assertSame(pool.addSaturate(a, b), core.addSaturate(a, b), `addSaturate ${shape}`);
      assertSame(pool.gaussianBlur(a, 1), core.gaussianBlur(a, 1), `gaussianBlur ${shape}`);
      assertSame(pool.flip(a, -1), core.clone(core.flip(a, -1)), `flip ${shape}`);
      assertSame(pool.calcHist(a), core.calcHist(a), `calcHist ${shape}`);
    }
  }
});

/** Both calls must throw, with the same error class and message. */
function sameError(f: () => unknown, g: () => unknown, label: string): void {
  const err = (h: () => unknown): Error => {
    try { h(); } catch (e) { return e as Error; }
    assert.fail(`${label}: did not throw`);
  };
  const want = err(f), got = err(g);
  assert.equal(got.constructor, want.constructor, `${label}: ${got.name} instead of ${want.name}`);
  assert.equal(got.message, want.message, label);
  assert.ok(want instanceof TypeError || want instanceof RangeError, `${label}: ${want.name}`);
}

test('bad arguments throw the core op\'s TypeError / RangeError, before any work', () => {
  const a = randomImage(40, 30, 3, 1), b = randomImage(40, 30, 3, 2), g = randomImage(40, 30, 1, 3);
  const small = zeros(2, 2, 3);
  const bad = (v: unknown) => v as never;
  const calls: [string, (m: Pool) => unknown][] = [
    ['a not an array', (m) => m.addSaturate(bad(5), b)],
    ['b a string', (m) => m.addSaturate(a, bad('x'))],
    ['b of another shape', (m) => m.subtractSaturate(a, small)],
    ['out of another shape', (m) => m.addModulo(a, b, { out: small })],
    ['options not an object', (m) => m.absdiff(a, b, bad(5))],
    ['scale NaN', (m) => m.multiplySaturate(a, b, NaN)],
    ['addWeighted b', (m) => m.addWeighted(a, 0.5, bad('x'), 0.5)],
    ['convertScaleAbs alpha', (m) => m.convertScaleAbs(a, bad('2'))],
    ['mask of 3 channels', (m) => m.bitwiseAnd(a, b, { mask: a })],
    ['bitwise scalar 300', (m) => m.bitwiseOr(a, 300)],
    ['bitwiseNot out', (m) => m.bitwiseNot(a, { out: g })],
    ['cvtColor code', (m) => m.cvtColor(a, bad('NOPE'))],
    ['cvtColor channels', (m) => m.cvtColor(g, 'RGB2HSV')],
    ['inRange bounds', (m) => m.inRange(a, [1, 2], [3, 4, 5])],
    ['merge sizes', (m) => m.merge([g, zeros(40, 29, 1)])],
    ['merge empty', (m) => m.merge([])],
    ['concat shapes', (m) => m.concat([a, g], 0)],
    ['concat axis', (m) => m.concat([a, b], 3)],
    ['flip axis', (m) => m.flip(a, bad(2))],
    ['transpose axes', (m) => m.transpose(a, [0, 0, 1])],
    ['rot90 k', (m) => m.rot90(a, 1.5)],
    ['clone out', (m) => m.clone(a, { out: small })],
    ['flip out', (m) => m.flip(a, 0, { out: zeros(30, 40, 3) })],
    ['roll shift', (m) => m.roll(a, 1.5, 0)],
    ['roll axis', (m) => m.roll(a, 1, 5)],
    ['roll broadcast', (m) => m.roll(a, [1, 2, 3], [0, 1])],
    ['gaussian sigma', (m) => m.gaussianBlur(a, -1)],
    ['gaussian sigma 0', (m) => m.gaussianBlur(a, 0)],
    ['gaussian ksize', (m) => m.gaussianBlur(a, 1, { ksize: 4 })],
    ['gaussian border', (m) => m.gaussianBlur(a, 1, { border: bad('nope') })],
    ['gaussian sigma type', (m) => m.gaussianBlur(a, bad('1'))],
    ['blur ksize', (m) => m.blur(a, 0)],
    ['blur wrap', (m) => m.blur(a, 3, { border: bad('wrap') })],
    ['median even', (m) => m.medianBlur(a, 4)],
    ['filter2D ragged', (m) => m.filter2D(a, [[1, 2], [3]])],
    ['filter2D wrap', (m) => m.filter2D(a, [[1]], { border: 'wrap' })],
    ['filter2D delta', (m) => m.filter2D(a, [[1]], { delta: Infinity })],
    ['emboss out', (m) => m.emboss(a, { out: small })],
    ['resize width', (m) => m.resize(a, 0, 5)],
    ['resize interpolation', (m) => m.resize(a, 10, 10, { interpolation: bad('cubic2') })],
    ['resize out', (m) => m.resize(a, 10, 10, { out: small })],
    ['resize empty', (m) => m.resize(zeros(0, 5, 3), 10, 10)],
    ['warp matrix', (m) => m.warpAffine(a, [[1, 0, 0]], 10, 10)],
    ['warp border', (m) => m.warpAffine(a, M15, 10, 10, { border: bad('x') })],
    ['warp borderValue', (m) => m.warpAffine(a, M15, 10, 10, { borderValue: [1, 2] })],
    ['calcHist channels', (m) => m.calcHist(a, { channels: [5] })],
    ['calcHist bins', (m) => m.calcHist(a, { bins: [0] })],
    ['calcHist mask', (m) => m.calcHist(a, { mask: a })],
  ];
  for (const [label, call] of calls) {
    for (const pool of [...pools, byDefault]) sameError(() => call(reference), () => call(pool), `${label} (${pool.threads} threads)`);
  }
});

test('createPool options, isShared / sharedZeros / toShared, close', async () => {
  assert.throws(() => createPool({ threads: 0 }), { name: 'RangeError', message: /^options\.threads: expected an integer in 1\.\.256, got 0$/ });
  assert.throws(() => createPool({ threads: 1.5 }), { name: 'RangeError', message: /^options\.threads:/ });
  assert.throws(() => createPool({ minElements: -1 }), { name: 'RangeError', message: /^options\.minElements:/ });
  assert.throws(() => createPool(5 as never), { name: 'TypeError', message: /^options:/ });
  assert.throws(() => sharedZeros(-1, 2), { name: 'RangeError' });
  assert.throws(() => toShared(5 as never), { name: 'TypeError', message: /^a: expected a PixelArray/ });

  const a = randomImage(9, 8, 3, 1);
  assert.equal(isShared(a), false);
  const s = toShared(core.flip(a, -1));
  assert.ok(isShared(s) && core.isContiguous(s));
  assertSame(s, core.flip(a, -1), 'toShared copies the pixels');
  assert.deepEqual([...sharedZeros(2, 3, 1).data], [0, 0, 0, 0, 0, 0]);

  // Results are ordinary arrays, also when computed from shared inputs.
  assert.equal(isShared(pools[1].gaussianBlur(s, 1)), false);

  // threads: 1 has no workers and computes inline.
  const solo = createPool({ threads: 1, minElements: 0 });
  assert.equal(solo.threads, 1);
  assertSame(solo.medianBlur(a, 3), core.medianBlur(a, 3), 'threads: 1');
  await solo.close();

  const p = createPool({ threads: 2, minElements: 0 });
  assertSame(p.emboss(a), core.emboss(a), 'a fresh pool, first call');
  assert.equal(p.closed, false);
  const closing = p.close();
  assert.equal(p.close(), closing, 'close is idempotent');
  await closing;
  assert.equal(p.closed, true);
  assert.throws(() => p.emboss(a), { message: /the pool is closed/ });
  assert.throws(() => p.split(a, 3), { message: /the pool is closed/ });

  const dispose = (Symbol as { dispose?: symbol }).dispose;
  if (dispose) {
    const q = createPool({ threads: 2 }) as Pool & Record<symbol, () => void>;
    q[dispose]();
    assert.equal(q.closed, true);
  }
});

test('a pool that is never closed does not keep the process alive', () => {
  const index = new URL('../../src/parallel/index.ts', import.meta.url).href;
  const lib = new URL('../../src/index.ts', import.meta.url).href;
  const script = `
    import { createPool } from ${JSON.stringify(index)};
    import { zeros } from ${JSON.stringify(lib)};
    const pool = createPool({ threads: 3, minElements: 0 });
    const out = pool.gaussianBlur(zeros(50, 40, 3), 2);
    console.log('done', out.shape.join('x'));
  `;
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'done 50x40x3');
  assert.ok(performance.now() - t < 30000);
});
