import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PixelArray, clone, flip, fromData, getRotationMatrix2D, roll, warpAffine } from '../../src/index.ts';
import {
  applyTransform, augment, augmentBatch, enhanceBrightness, randomTransform, seededRandom, transformMatrix,
  type AugmentOptions, type FillMode,
} from '../../src/ml/index.ts';
import { layouts, pixels, randomImage } from '../helpers.ts';

const IMG = randomImage(23, 31, 3, 5); // not square, odd sizes: catches swapped width/height
const [H, W] = IMG.shape;
const CX = (W - 1) / 2, CY = (H - 1) / 2;
const BORDER: Record<FillMode, 'replicate' | 'constant' | 'reflect' | 'wrap'> = {
  nearest: 'replicate', constant: 'constant', reflect: 'reflect', wrap: 'wrap',
};

/** 3×3 product, for matrices written out by hand in the tests. */
function mul(a: number[][], b: number[][]): number[][] {
  return [0, 1, 2].map((i) => [0, 1, 2].map((j) => a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j]));
}
const about = (m: number[][]): number[][] =>
  mul(mul([[1, 0, CX], [0, 1, CY], [0, 0, 1]], m), [[1, 0, -CX], [0, 1, -CY], [0, 0, 1]]).slice(0, 2);

function assertClose(got: number[][], want: number[][], eps = 1e-12, msg?: string): void {
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 3; j++) {
      assert.ok(Math.abs(got[i][j] - want[i][j]) <= eps * Math.max(1, Math.abs(want[i][j])), `${msg ?? ''} [${i}][${j}]: ${got[i][j]} vs ${want[i][j]}`);
    }
  }
}

const rad = (deg: number): number => deg * (Math.PI / 180);

test('seededRandom: a fixed xoshiro128** sequence in [0, 1) with 53-bit doubles', () => {
  const r = seededRandom(42);
  const first = [r(), r(), r()];
  // Pinned: the sequence for a seed is part of the API (docs/ml.md).
  assert.deepEqual(first, [0.6606157208001621, 0.1117019639532224, 0.0791056456144914]);
  const s = seededRandom(0);
  let sum = 0, min = 1, max = 0;
  for (let i = 0; i < 20000; i++) {
    const v = s();
    sum += v; min = Math.min(min, v); max = Math.max(max, v);
    assert.ok(v >= 0 && v < 1);
  }
  assert.ok(Math.abs(sum / 20000 - 0.5) < 0.01 && min < 0.001 && max > 0.999);
  assert.notEqual(seededRandom(1)(), seededRandom(2)());
  assert.equal(seededRandom(0xffffffff)(), seededRandom(0xffffffff)());
  assert.throws(() => seededRandom(-1), { name: 'RangeError', message: /^seed: expected an integer in 0\.\.4294967295, got -1$/ });
  assert.throws(() => seededRandom(2 ** 32), { name: 'RangeError', message: /^seed:/ });
  assert.throws(() => seededRandom(1.5), { name: 'RangeError', message: /^seed:/ });
});

test('rotation only: the output is warpAffine with the matrix C·R(θ)·C⁻¹ built by hand', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const opts = { rotationRange: 40, seed };
    const p = randomTransform(IMG, opts);
    assert.ok(p.theta >= -40 && p.theta < 40 && p.theta !== 0);
    assert.deepEqual([p.tx, p.ty, p.shear, p.zx, p.zy, p.flipHorizontal, p.flipVertical, p.brightness], [0, 0, 0, 1, 1, false, false, null]);
    const c = Math.cos(rad(p.theta)), s = Math.sin(rad(p.theta));
    const hand = about([[c, -s, 0], [s, c, 0], [0, 0, 1]]);
    assertClose(p.matrix, hand);
    const got = augment(IMG, opts);
    assert.deepEqual(got.data, warpAffine(IMG, p.matrix, W, H, { border: 'replicate', inverseMap: true }).data);
    // The same rotation as cv2.getRotationMatrix2D(centre, θ, 1) (counter-clockwise), whose inverse it is.
    const fwd = getRotationMatrix2D([CX, CY], p.theta, 1);
    const back = mul([...p.matrix, [0, 0, 1]], [...fwd, [0, 0, 1]]);
    assertClose(back.slice(0, 2), [[1, 0, 0], [0, 1, 0]], 1e-12, 'inverse of getRotationMatrix2D');
  }
});

test('integer shifts are np.roll with wrap, and a shift with the fill elsewhere', () => {
  for (const [tx, ty] of [[3, -2], [-5, 4], [0, 7], [30, 0]]) {
    const wrapped = applyTransform(IMG, { tx, ty }, { fillMode: 'wrap' });
    // Keras' matrix samples input (x + tx, y + ty): the content moves left by tx and up by ty.
    assert.deepEqual(wrapped.data, roll(IMG, [-ty, -tx], [0, 1]).data, `wrap ${tx},${ty}`);
    for (const fillMode of ['nearest', 'constant'] as const) {
      const got = applyTransform(IMG, { tx, ty }, { fillMode, cval: [7, 8, 9] });
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          const sx = x + tx, sy = y + ty;
          const inside = sx >= 0 && sx < W && sy >= 0 && sy < H;
          for (let k = 0; k < 3; k++) {
            const want = inside ? IMG.get(sy, sx, k)
              : fillMode === 'constant' ? 7 + k : IMG.get(Math.min(H - 1, Math.max(0, sy)), Math.min(W - 1, Math.max(0, sx)), k);
            assert.equal(got.get(y, x, k), want, `${fillMode} ${tx},${ty} at ${y},${x},${k}`);
          }
        }
      }
    }
  }
});

test('shift ranges: fractions of the size below 1, pixels from 1, arrays pick an element and a sign', () => {
  const draws = (opts: AugmentOptions, n = 200) => {
    const r = seededRandom(9);
    return Array.from({ length: n }, () => randomTransform(IMG, opts, r));
  };
  for (const p of draws({ widthShiftRange: 0.25, heightShiftRange: 0.1 })) {
    assert.ok(Math.abs(p.tx) <= 0.25 * W && Math.abs(p.ty) <= 0.1 * H);
  }
  const big = draws({ widthShiftRange: 0.25 }).map((p) => Math.abs(p.tx));
  assert.ok(Math.max(...big) > 0.2 * W, 'fractions scale with the width');
  for (const p of draws({ widthShiftRange: 3 })) assert.ok(Math.abs(p.tx) <= 3 && p.ty === 0);
  const picked = new Set(draws({ widthShiftRange: [1, 2] }).map((p) => p.tx));
  assert.deepEqual([...picked].sort((a, b) => a - b), [-2, -1, 1, 2]);
  const fractions = new Set(draws({ heightShiftRange: [0.1, 0.2] }).map((p) => p.ty));
  assert.deepEqual([...fractions].sort((a, b) => a - b), [-0.2 * H, -0.1 * H, 0.1 * H, 0.2 * H]);
});

test('zoom, shear and their matrices', () => {
  const r = seededRandom(3);
  for (let i = 0; i < 50; i++) {
    const p = randomTransform(IMG, { zoomRange: 0.2 }, r);
    assert.ok(p.zx >= 0.8 && p.zx < 1.2 && p.zy >= 0.8 && p.zy < 1.2 && p.zx !== p.zy);
    assertClose(p.matrix, about([[p.zx, 0, 0], [0, p.zy, 0], [0, 0, 1]]));
    const q = randomTransform(IMG, { zoomRange: [0.5, 0.7] }, r);
    assert.ok(q.zx >= 0.5 && q.zx < 0.7 && q.zy >= 0.5 && q.zy < 0.7);
  }
  const sh = 12.5;
  assertClose(transformMatrix({ shear: sh }, IMG), about([[1, -Math.sin(rad(sh)), 0], [0, Math.cos(rad(sh)), 0], [0, 0, 1]]));
  // Everything together composes as Keras does: R · T · Sh · Z, about the centre.
  const p = { theta: 10, tx: 2, ty: -3, shear: 5, zx: 1.1, zy: 0.9 };
  const R = [[Math.cos(rad(10)), -Math.sin(rad(10)), 0], [Math.sin(rad(10)), Math.cos(rad(10)), 0], [0, 0, 1]];
  const T = [[1, 0, 2], [0, 1, -3], [0, 0, 1]];
  const S = [[1, -Math.sin(rad(5)), 0], [0, Math.cos(rad(5)), 0], [0, 0, 1]];
  const Z = [[1.1, 0, 0], [0, 0.9, 0], [0, 0, 1]];
  const m = transformMatrix(p, IMG);
  assertClose(m, about(mul(mul(mul(R, T), S), Z)));
  assert.deepEqual(applyTransform(IMG, p, { fillMode: 'reflect' }).data,
    warpAffine(IMG, m, W, H, { border: 'reflect', inverseMap: true }).data);
  assert.deepEqual(transformMatrix({}, IMG), [[1, 0, 0], [0, 1, 0]]);
});

test('flips equal flip(), each with probability ½; brightness equals enhanceBrightness', () => {
  let h = 0, v = 0;
  for (let seed = 0; seed < 200; seed++) {
    const opts = { horizontalFlip: true, verticalFlip: true, seed };
    const p = randomTransform(IMG, opts);
    h += Number(p.flipHorizontal); v += Number(p.flipVertical);
    let want: PixelArray = IMG;
    if (p.flipHorizontal) want = flip(want, 1);
    if (p.flipVertical) want = flip(want, 0);
    assert.deepEqual(augment(IMG, opts).data, clone(want).data);
  }
  assert.ok(h > 70 && h < 130 && v > 70 && v < 130, `${h} ${v}`);
  for (let seed = 0; seed < 20; seed++) {
    const opts = { brightnessRange: [0.5, 1.5] as [number, number], seed };
    const p = randomTransform(IMG, opts);
    assert.ok(p.brightness !== null && p.brightness >= 0.5 && p.brightness < 1.5);
    assert.deepEqual(augment(IMG, opts).data, enhanceBrightness(IMG, p.brightness).data);
  }
});

test('Pillow brightness rule on every byte; alpha kept on 2 and 4 channels', () => {
  const ramp = fromData(Uint8Array.from({ length: 256 }, (_, i) => i), 1, 256, 1);
  for (const f of [0, 0.3, 0.5, 1, 1.3, 2.75, -1]) {
    const got = enhanceBrightness(ramp, f).data;
    for (let v = 0; v < 256; v++) {
      const t = Math.fround(Math.fround(f) * v);
      assert.equal(got[v], t <= 0 ? 0 : t >= 255 ? 255 : Math.trunc(t), `f=${f} v=${v}`);
    }
  }
  for (const c of [2, 4]) {
    const a = randomImage(5, 6, c, 2);
    const b = enhanceBrightness(a, 1.6);
    for (let y = 0; y < 5; y++) for (let x = 0; x < 6; x++) assert.equal(b.get(y, x, c - 1), a.get(y, x, c - 1));
  }
  const rgb = randomImage(5, 6, 3, 2);
  assert.notDeepEqual(pixels(enhanceBrightness(rgb, 1.6)).filter((_, i) => i % 3 === 2), pixels(rgb).filter((_, i) => i % 3 === 2));
});

test('each fillMode is the OpenCV border Keras describes', () => {
  const p = { theta: 33, zx: 1.4, zy: 1.2 };
  const m = transformMatrix(p, IMG);
  for (const fillMode of ['nearest', 'constant', 'reflect', 'wrap'] as const) {
    for (const interpolation of ['bilinear', 'nearest'] as const) {
      const got = applyTransform(IMG, p, { fillMode, interpolation, cval: 99 });
      const want = warpAffine(IMG, m, W, H, { border: BORDER[fillMode], borderValue: 99, interpolation, inverseMap: true });
      assert.deepEqual(got.data, want.data, `${fillMode} ${interpolation}`);
    }
  }
  // reflect is abcd|dcba: one pixel past the left edge reads column 0
  const row = fromData([10, 20, 30, 40], 1, 4, 1);
  assert.deepEqual([...applyTransform(row, { tx: -2 }, { fillMode: 'reflect' }).data], [20, 10, 10, 20]);
  assert.deepEqual([...applyTransform(row, { tx: -2 }, { fillMode: 'nearest' }).data], [10, 10, 10, 20]);
  assert.deepEqual([...applyTransform(row, { tx: -2 }, { fillMode: 'wrap' }).data], [30, 40, 10, 20]);
  assert.deepEqual([...applyTransform(row, { tx: -2 }, { fillMode: 'constant', cval: 5 }).data], [5, 5, 10, 20]);
});

test('draws follow Keras\' order: rotation first, so adding a shift keeps θ', () => {
  const a = randomTransform(IMG, { rotationRange: 30, seed: 77 });
  const b = randomTransform(IMG, { rotationRange: 30, widthShiftRange: 0.2, zoomRange: 0.1, seed: 77 });
  assert.equal(a.theta, b.theta);
  // flips are always drawn (as Keras does), so switching them on does not move the brightness draw
  const c = randomTransform(IMG, { brightnessRange: [0, 2], seed: 5 });
  const d = randomTransform(IMG, { brightnessRange: [0, 2], horizontalFlip: true, seed: 5 });
  assert.equal(c.brightness, d.brightness);
});

test('property: same seed, same output; inputs never mutated; every layout alike', () => {
  const opts = fc.record({
    rotationRange: fc.integer({ min: 0, max: 180 }),
    widthShiftRange: fc.constantFrom(0, 0.2, 3, [1, 2]),
    heightShiftRange: fc.constantFrom(0, 0.15, 2),
    shearRange: fc.constantFrom(0, 10),
    zoomRange: fc.constantFrom(0, 0.3, [0.8, 1.5] as [number, number]),
    brightnessRange: fc.constantFrom(undefined, [0.5, 1.5] as [number, number]),
    horizontalFlip: fc.boolean(),
    verticalFlip: fc.boolean(),
    fillMode: fc.constantFrom<FillMode>('nearest', 'constant', 'reflect', 'wrap'),
    interpolation: fc.constantFrom<'bilinear' | 'nearest'>('bilinear', 'nearest'),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
  }, { requiredKeys: ['seed'] });
  fc.assert(fc.property(opts, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }),
    (o, h, w, c) => {
      const a = randomImage(h, w, c, o.seed + 1);
      const clean = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as AugmentOptions;
      const want = augment(a, clean);
      for (const view of Object.values(layouts(a))) {
        const before = pixels(view);
        assert.deepEqual(pixels(augment(view, clean)), pixels(want));
        assert.deepEqual(pixels(view), before);
      }
      const [first] = augmentBatch([a], clean);
      assert.deepEqual(pixels(first), pixels(want));
    }), { numRuns: 120 });
});

test('augmentBatch: one seeded sequence over the images, in batches', () => {
  const imgs = [randomImage(9, 11, 3, 1), randomImage(6, 4, 1, 2), randomImage(9, 11, 3, 3), randomImage(5, 5, 4, 4), randomImage(9, 11, 3, 5)];
  const opts: AugmentOptions = { rotationRange: 25, zoomRange: 0.2, horizontalFlip: true, brightnessRange: [0.7, 1.3], seed: 2024 };
  const got = [...augmentBatch(imgs, opts)];
  assert.equal(got.length, 5);
  assert.deepEqual(got.map((g) => g.shape), imgs.map((a) => a.shape));
  assert.deepEqual(got[0].data, augment(imgs[0], opts).data);
  // The k-th image uses the k-th draw of one seededRandom(seed).
  const r = seededRandom(2024);
  imgs.forEach((a, k) => {
    const { seed: _, ...rest } = opts;
    assert.deepEqual(got[k].data, augment(a, { ...rest, random: r }).data, `image ${k}`);
  });
  const again = [...augmentBatch(imgs, opts)];
  again.forEach((g, k) => assert.deepEqual(g.data, got[k].data));
  const batches = [...augmentBatch(imgs, { ...opts, batchSize: 2 })];
  assert.deepEqual(batches.map((b) => b.length), [2, 2, 1]);
  assert.deepEqual(batches.flat().map((g) => [...g.data]), got.map((g) => [...g.data]));
  // any iterable, consumed lazily
  const gen = augmentBatch(new Set(imgs.slice(0, 2)), { seed: 1 });
  assert.equal(typeof gen.next, 'function');
  assert.equal([...gen].length, 2);
});

test('no geometric change means no resampling; out, empty images and a copy when nothing changes', () => {
  const none = applyTransform(IMG, {});
  assert.deepEqual(none.data, IMG.data);
  assert.notEqual(none.data, IMG.data, 'a copy, never the input');
  const out = randomImage(H, W, 3, 99);
  assert.equal(augment(IMG, { rotationRange: 10, seed: 4, out }), out);
  assert.deepEqual(out.data, augment(IMG, { rotationRange: 10, seed: 4 }).data);
  const out2 = Object.values(layouts(randomImage(H, W, 3, 98)))[3];
  assert.equal(applyTransform(IMG, { theta: 5, flipHorizontal: true, brightness: 1.1 }, { out: out2 }), out2);
  assert.deepEqual(pixels(out2), pixels(applyTransform(IMG, { theta: 5, flipHorizontal: true, brightness: 1.1 })));
  const empty = new PixelArray(new Uint8Array(0), [0, 5, 3]);
  assert.deepEqual(augment(empty, { rotationRange: 30, horizontalFlip: true, seed: 1 }).shape, [0, 5, 3]);
});

test('augmentation refuses bad options with named errors', () => {
  const bad: [AugmentOptions, RegExp, string][] = [
    [{ rotationRange: -1 }, /^options\.rotationRange: expected a finite number ≥ 0, got -1$/, 'RangeError'],
    [{ rotationRange: NaN }, /^options\.rotationRange:/, 'RangeError'],
    [{ widthShiftRange: -0.1 }, /^options\.widthShiftRange:/, 'RangeError'],
    [{ heightShiftRange: [] }, /^options\.heightShiftRange:/, 'RangeError'],
    [{ heightShiftRange: [0.1, NaN] }, /^options\.heightShiftRange\[1\]:/, 'RangeError'],
    [{ shearRange: Infinity }, /^options\.shearRange:/, 'RangeError'],
    [{ zoomRange: 1 }, /^options\.zoomRange: expected a number in \[0, 1\)/, 'RangeError'],
    [{ zoomRange: [0, 2] }, /^options\.zoomRange\[0\]: expected a zoom > 0/, 'RangeError'],
    [{ zoomRange: [1.2, 0.8] }, /^options\.zoomRange: expected lower ≤ upper/, 'RangeError'],
    [{ brightnessRange: [-0.1, 1] }, /^options\.brightnessRange\[0\]:/, 'RangeError'],
    [{ brightnessRange: 1.2 as never }, /^options\.brightnessRange: expected an array \[lower, upper\]/, 'TypeError'],
    [{ fillMode: 'mirror' as never }, /^options\.fillMode: expected one of 'nearest', 'constant', 'reflect', 'wrap', got "mirror"$/, 'RangeError'],
    [{ interpolation: 'bicubic' as never }, /^options\.interpolation:/, 'RangeError'],
    [{ cval: [1, 2] }, /^options\.cval: expected 1 or 3 values/, 'RangeError'],
    [{ cval: NaN }, /^options\.cval:/, 'RangeError'],
    [{ horizontalFlip: 1 as never }, /^options\.horizontalFlip: expected a boolean/, 'TypeError'],
    [{ seed: -3 }, /^options\.seed:/, 'RangeError'],
    [{ seed: 1, random: Math.random }, /^options\.seed, options\.random:/, 'TypeError'],
    [{ random: 4 as never }, /^options\.random:/, 'TypeError'],
    [{ rotation_range: 10 } as never, /^options\.rotation_range: unknown option \(did you mean 'rotationRange'\?\)/, 'TypeError'],
    [{ out: randomImage(2, 2, 3) }, /^options\.out: expected shape \[23, 31, 3\]/, 'RangeError'],
  ];
  for (const [opts, message, name] of bad) {
    assert.throws(() => augment(IMG, opts), { name, message }, JSON.stringify(opts));
  }
  assert.throws(() => augment({} as PixelArray), { name: 'TypeError', message: /^img:/ });
  assert.throws(() => applyTransform(IMG, { theta: NaN }), { name: 'RangeError', message: /^params\.theta:/ });
  assert.throws(() => applyTransform(IMG, null as never), { name: 'TypeError', message: /^params:/ });
  assert.throws(() => applyTransform(IMG, { flipHorizontal: 'yes' as never }), { name: 'TypeError', message: /^params\.flipHorizontal:/ });
  assert.throws(() => randomTransform([5] as never), { name: 'TypeError', message: /^shape:/ });
  assert.throws(() => randomTransform(IMG, {}, 3 as never), { name: 'TypeError', message: /^random:/ });
  assert.throws(() => augmentBatch(5 as never), { name: 'TypeError', message: /^images:/ });
  assert.throws(() => augmentBatch([IMG], { batchSize: 0 }), { name: 'RangeError', message: /^options\.batchSize:/ });
  assert.throws(() => augmentBatch([IMG], { out: IMG } as never), { name: 'TypeError', message: /^options\.out: unknown option/ });
  assert.throws(() => augmentBatch([IMG], { fillMode: 'x' as never }), { name: 'RangeError', message: /^options\.fillMode:/ }, 'checked at the call');
  assert.throws(() => [...augmentBatch([IMG, 'x' as never], { seed: 1 })], { name: 'TypeError', message: /^images\[1\]:/ });
  assert.throws(() => enhanceBrightness(IMG, NaN), { name: 'RangeError', message: /^factor:/ });
});
