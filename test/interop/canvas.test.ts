import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  flip, fromCanvas, fromData, toCanvas, zeros, type Canvas2DContextLike, type CanvasLike, type ImageDataLike,
  type PixelArray,
} from '../../src/index.ts';
import { pixels, randomImage } from '../helpers.ts';

// A canvas with the semantics the helpers rely on: resizing clears it, getImageData returns a
// copy, putImageData writes RGBA at an offset. Node has no canvas; the real one is exercised by
// test/browser/e2e.test.ts in Chromium.
class FakeContext implements Canvas2DContextLike {
  created = 0;
  constructor(readonly canvas: FakeCanvas) {}
  getImageData(sx: number, sy: number, sw: number, sh: number): ImageDataLike {
    if (sw === 0 || sh === 0) throw new RangeError('IndexSizeError');
    const data = new Uint8ClampedArray(sw * sh * 4);
    for (let y = 0; y < sh; y++) {
      const from = ((sy + y) * this.canvas.width + sx) * 4;
      data.set(this.canvas.pixels.subarray(from, from + sw * 4), y * sw * 4);
    }
    return { width: sw, height: sh, data };
  }
  putImageData(imageData: ImageDataLike, dx: number, dy: number): void {
    const { width, height, data } = imageData;
    for (let y = 0; y < height; y++) {
      this.canvas.pixels.set(data.subarray(y * width * 4, (y + 1) * width * 4), ((dy + y) * this.canvas.width + dx) * 4);
    }
  }
}

class FakeCanvas implements CanvasLike {
  pixels: Uint8ClampedArray;
  ctx = new FakeContext(this);
  kind: '2d' | 'webgl' = '2d';
  #w: number; #h: number;
  constructor(w: number, h: number) { this.#w = w; this.#h = h; this.pixels = new Uint8ClampedArray(w * h * 4); }
  get width() { return this.#w; }
  set width(v: number) { this.#w = v; this.pixels = new Uint8ClampedArray(v * this.#h * 4); }
  get height() { return this.#h; }
  set height(v: number) { this.#h = v; this.pixels = new Uint8ClampedArray(this.#w * v * 4); }
  getContext(id: '2d') { return id === '2d' && this.kind === '2d' ? this.ctx : null; }
}

/** A context with createImageData that records use of it, as node-canvas offers. */
class OwnImageDataContext extends FakeContext {
  createImageData(sw: number, sh: number): ImageDataLike {
    this.created++;
    return { width: sw, height: sh, data: new Uint8ClampedArray(sw * sh * 4) };
  }
}

const rgba = (a: PixelArray): number[] => {
  const out: number[] = [];
  const [h, w, c] = a.shape;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const v = (k: number) => a.get(y, x, k);
    if (c === 1) out.push(v(0), v(0), v(0), 255);
    else if (c === 2) out.push(v(0), v(0), v(0), v(1));
    else out.push(v(0), v(1), v(2), c === 4 ? v(3) : 255);
  }
  return out;
};

test('toCanvas resizes the canvas and draws 1 to 4 channels as RGBA; fromCanvas reads them back', () => {
  for (const c of [1, 2, 3, 4]) {
    const a = randomImage(5, 7, c, c);
    const canvas = new FakeCanvas(2, 2);
    assert.equal(toCanvas(a, canvas), canvas);
    assert.equal(canvas.width, 7); assert.equal(canvas.height, 5);
    assert.deepEqual([...canvas.pixels], rgba(a), `${c} channels`);
    const back = fromCanvas(canvas);
    assert.deepEqual(back.shape, [5, 7, 4]);
    assert.deepEqual(pixels(back), rgba(a));
  }
});

test('toCanvas takes views and 2D contexts; fromCanvas copies', () => {
  const a = randomImage(4, 6, 3, 9);
  const canvas = new FakeCanvas(6, 4);
  assert.equal(toCanvas(flip(a, -1), canvas.ctx), canvas.ctx);
  assert.deepEqual([...canvas.pixels], rgba(flip(a, -1)));
  const read = fromCanvas(canvas.ctx);
  assert.deepEqual(pixels(read), rgba(flip(a, -1)));
  canvas.pixels.fill(0);
  assert.deepEqual(pixels(read), rgba(flip(a, -1)), 'drawing later does not change the array');
  assert.deepEqual(pixels(a), pixels(randomImage(4, 6, 3, 9)), 'the input is not mutated');
});

test('toCanvas keeps a canvas of the right size (no clearing) and handles empty images', () => {
  const canvas = new FakeCanvas(3, 2);
  const before = canvas.pixels;
  toCanvas(zeros(2, 3, 3), canvas);
  assert.equal(canvas.pixels, before, 'not resized');
  toCanvas(zeros(0, 3, 3), canvas);
  assert.equal(canvas.height, 0);
  assert.deepEqual(fromCanvas(canvas).shape, [0, 3, 4]);
});

test('toCanvas uses the context\'s own ImageData only where the platform has no global ImageData', () => {
  const canvas = new FakeCanvas(1, 1);
  canvas.ctx = new OwnImageDataContext(canvas);
  const a = fromData([1, 2, 3, 4, 5, 6], 1, 2, 3);
  const g = globalThis as { ImageData?: unknown };
  assert.equal(g.ImageData, undefined, 'Node has no ImageData');
  toCanvas(a, canvas);
  assert.equal(canvas.ctx.created, 1);
  assert.deepEqual([...canvas.pixels], [1, 2, 3, 255, 4, 5, 6, 255]);
  g.ImageData = class { constructor(readonly data: Uint8ClampedArray, readonly width: number, readonly height: number) {} };
  try {
    toCanvas(a, canvas);
    assert.equal(canvas.ctx.created, 1, 'a platform ImageData is put directly');
    assert.deepEqual([...canvas.pixels], [1, 2, 3, 255, 4, 5, 6, 255]);
  } finally {
    delete g.ImageData;
  }
});

test('canvas errors name the argument', () => {
  const canvas = new FakeCanvas(2, 2);
  for (const bad of [null, undefined, 3, {}, { getContext: 1 }, new Uint8ClampedArray(4)]) {
    assert.throws(() => fromCanvas(bad as never), { name: 'TypeError', message: /^canvas: expected a canvas \(HTMLCanvasElement, OffscreenCanvas\) or its 2D context, got / });
    assert.throws(() => toCanvas(zeros(1, 1, 3), bad as never), { name: 'TypeError', message: /^canvas: expected a canvas/ });
  }
  canvas.kind = 'webgl';
  assert.throws(() => fromCanvas(canvas), { name: 'TypeError', message: /^canvas: expected a canvas with a 2D context; getContext\('2d'\) returned null/ });
  canvas.kind = '2d';
  assert.throws(() => toCanvas(null as never, canvas), { name: 'TypeError', message: /^a: expected a PixelArray, got null$/ });
  assert.throws(() => toCanvas(zeros(1, 1, 5), canvas), { name: 'RangeError', message: /^a: expected 1 to 4 channels for a canvas, got 5$/ });
  assert.equal(canvas.width, 2, 'a refused call leaves the canvas alone');
});

// Type-level: the DOM's canvases and contexts satisfy the structural interfaces (checked by
// `npm run typecheck`; never called here).
export function domTypesAreAccepted(el: HTMLCanvasElement, off: OffscreenCanvas, a: PixelArray): PixelArray[] {
  const ctx = el.getContext('2d')!;
  const offCtx = off.getContext('2d')!;
  const sameEl: HTMLCanvasElement = toCanvas(a, el);
  const sameCtx: CanvasRenderingContext2D = toCanvas(a, ctx);
  toCanvas(a, off); toCanvas(a, offCtx);
  void sameEl; void sameCtx;
  return [fromCanvas(el), fromCanvas(ctx), fromCanvas(off), fromCanvas(offCtx)];
}
