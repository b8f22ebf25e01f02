/**
 * Entry point `pixelarray/codecs`: PNG and JPEG decoding and encoding. In Node, PNG goes through
 * Node's native zlib; bundlers and browsers that honour the `browser` export condition get
 * `index.browser.ts`, the same functions over fflate (pure JavaScript), with the same pixels.
 *
 * @packageDocumentation
 */
export { DecodeError, DEFAULT_MAX_PIXELS, type DecodeOptions, type ImageFormat } from './errors.ts';
export { decodePng, encodePng, decodeImage } from './bound-node.ts';
export type { PngDecodeOptions, PngEncodeOptions } from './png.ts';
export type { ImageDecodeOptions } from './image.ts';
export { decodeJpeg, encodeJpeg, type JpegDecodeOptions, type JpegEncodeOptions, type JpegSubsampling } from './jpeg.ts';
