// Entry point `pixelarray/codecs`: PNG and JPEG decoding/encoding. Kept out of the main entry
// because it depends on Node (zlib, Buffer) and on pngjs / jpeg-js.
export { DecodeError, DEFAULT_MAX_PIXELS, type DecodeOptions, type ImageFormat } from './errors.ts';
export { decodePng, encodePng, type PngDecodeOptions, type PngEncodeOptions } from './png.ts';
export { decodeJpeg, encodeJpeg, type JpegDecodeOptions, type JpegEncodeOptions } from './jpeg.ts';
export { decodeImage, type ImageDecodeOptions } from './image.ts';
