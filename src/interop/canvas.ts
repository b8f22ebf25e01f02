// Canvas interop: read a 2D canvas into a PixelArray and draw one onto a canvas. Typed with
// minimal structural interfaces rather than the DOM lib, so the core compiles and runs anywhere;
// HTMLCanvasElement, OffscreenCanvas and their 2D contexts satisfy them as they are.
import { typeError, tooManyArguments } from '../core/errors.ts';
import { assertPixelArray, PixelArray } from '../core/pixelarray.ts';
import { toImageData, type ImageDataLike } from './imagedata.ts';

/** What the canvas helpers use of a 2D context (`CanvasRenderingContext2D`, `OffscreenCanvasRenderingContext2D`). */
export interface Canvas2DContextLike {
  /** The canvas the context draws on: its size is the size read and written. */
  readonly canvas: { width: number; height: number };
  getImageData(sx: number, sy: number, sw: number, sh: number): ImageDataLike;
  putImageData(imageData: ImageDataLike, dx: number, dy: number): void;
  /** Used, when present, where the platform has no global `ImageData` (e.g. node-canvas). */
  createImageData?(sw: number, sh: number): ImageDataLike;
}

/** What the canvas helpers use of a canvas (`HTMLCanvasElement`, `OffscreenCanvas`). */
export interface CanvasLike {
  width: number;
  height: number;
  getContext(contextId: '2d'): Canvas2DContextLike | null;
}

function context2d(canvas: CanvasLike | Canvas2DContextLike, name: string): Canvas2DContextLike {
  const target = canvas as Partial<CanvasLike & Canvas2DContextLike> | null;
  if (target !== null && typeof target === 'object') {
    if (typeof target.getImageData === 'function' && typeof target.putImageData === 'function' && target.canvas) {
      return target as Canvas2DContextLike;
    }
    if (typeof target.getContext === 'function') {
      const ctx = target.getContext('2d');
      // null when the canvas already has another kind of context (WebGL, bitmaprenderer).
      if (ctx === null || typeof ctx !== 'object') {
        throw new TypeError(
          `${name}: expected a canvas with a 2D context; getContext('2d') returned null (it already has another kind, e.g. WebGL)`);
      }
      return ctx;
    }
  }
  throw typeError(name, 'a canvas (HTMLCanvasElement, OffscreenCanvas) or its 2D context', canvas);
}

/**
 * The pixels of a 2D canvas (or of a 2D context's canvas) as a new `H×W×4` RGBA PixelArray, read
 * with `getImageData` in the canvas's colour space. The array owns a copy: later drawing does not
 * change it. Use `cvtColor(a, 'RGBA2RGB')` for 3 channels.
 *
 * Canvases store premultiplied alpha, so translucent pixels may come back slightly different from
 * what was drawn; opaque pixels are exact.
 */
export function fromCanvas(canvas: CanvasLike | Canvas2DContextLike): PixelArray {
  if (arguments.length > 1) throw tooManyArguments('fromCanvas', ['canvas'], arguments.length);
  const ctx = context2d(canvas, 'canvas');
  const { width, height } = ctx.canvas;
  // getImageData throws on a zero-sized rectangle; an empty canvas is an empty array.
  if (width === 0 || height === 0) return new PixelArray(new Uint8Array(0), [height, width, 4]);
  const { data } = ctx.getImageData(0, 0, width, height);
  return new PixelArray(data, [height, width, 4]);
}

/**
 * Draws `a` onto a canvas (or a 2D context's canvas) at its top-left corner, resizing the canvas to
 * `a`'s size first when it differs (which clears it). Gray and gray+alpha are expanded to RGBA, RGB
 * gets alpha 255 (as `toImageData`). Returns `canvas`. To draw at an offset without resizing, use
 * `ctx.putImageData(toImageData(a), x, y)`.
 */
export function toCanvas<T extends CanvasLike | Canvas2DContextLike>(a: PixelArray, canvas: T): T {
  if (arguments.length > 2) throw tooManyArguments('toCanvas', ['a', 'canvas'], arguments.length);
  assertPixelArray(a, 'a');
  const ctx = context2d(canvas, 'canvas');
  const [h, w, c] = a.shape;
  // Checked before the canvas is touched (toImageData checks too, but only after the resize).
  if (c > 4) throw new RangeError(`a: expected 1 to 4 channels for a canvas, got ${c}`);
  const surface = ctx.canvas;
  if (surface.width !== w) surface.width = w;
  if (surface.height !== h) surface.height = h;
  // ImageData cannot be empty: an empty image just leaves an empty canvas.
  if (w === 0 || h === 0) return canvas;
  let imageData = toImageData(a);
  if (typeof (globalThis as { ImageData?: unknown }).ImageData !== 'function' && typeof ctx.createImageData === 'function') {
    // Without a global ImageData, toImageData made a plain object; such a platform's putImageData
    // may want its own ImageData, so copy into one of those.
    const own = ctx.createImageData(w, h);
    own.data.set(imageData.data);
    imageData = own;
  }
  ctx.putImageData(imageData, 0, 0);
  return canvas;
}
