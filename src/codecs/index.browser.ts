/**
 * Entry point `pixelarray/codecs` for browsers (the `browser` export condition): the functions of
 * index.ts with PNG over fflate instead of Node's zlib; no Node built-in is imported.
 *
 * @packageDocumentation
 */
export { DecodeError, DEFAULT_MAX_PIXELS, type DecodeOptions, type ImageFormat } from './errors.ts';
export { decodePng, encodePng, decodeImage } from './bound-browser.ts';
export type { PngDecodeOptions, PngEncodeOptions } from './png.ts';
export type { ImageDecodeOptions } from './image.ts';
export { decodeJpeg, encodeJpeg, type JpegDecodeOptions, type JpegEncodeOptions, type JpegSubsampling } from './jpeg.ts';
