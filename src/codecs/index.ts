/**
 * Entry point `pixelarray/codecs`: PNG and JPEG decoding and encoding. **Node only**: every
 * function here (`decodePng`, `encodePng`, `decodeJpeg`, `encodeJpeg`, `decodeImage`) and the
 * module itself need Node's `zlib` and `Buffer` (through pngjs) and jpeg-js, so a browser bundle of
 * this entry fails to build. It is kept out of the main entry, which runs anywhere.
 *
 * In a browser, let the browser decode and encode: `createImageBitmap(blob)` drawn on a canvas,
 * then `fromCanvas(canvas)`; `toCanvas(img, canvas)`, then `canvas.toBlob()` (or
 * `OffscreenCanvas.convertToBlob()`). See docs/browser.md.
 *
 * @packageDocumentation
 */
export { DecodeError, DEFAULT_MAX_PIXELS, type DecodeOptions, type ImageFormat } from './errors.ts';
export { decodePng, encodePng, type PngDecodeOptions, type PngEncodeOptions } from './png.ts';
export { decodeJpeg, encodeJpeg, type JpegDecodeOptions, type JpegEncodeOptions } from './jpeg.ts';
export { decodeImage, type ImageDecodeOptions } from './image.ts';
