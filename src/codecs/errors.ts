// The one error type decoders throw for bad input, plus the argument checks the codecs share.
import { checkInt } from '../core/check.ts';
import { rangeError, typeError } from '../core/errors.ts';

/** Which decoder refused the input; `'unknown'` when `decodeImage` could not tell the format. */
export type ImageFormat = 'png' | 'jpeg' | 'unknown';

const FORMAT_LABEL: Record<ImageFormat, string> = { png: 'PNG', jpeg: 'JPEG', unknown: 'image' };

/**
 * Thrown for every corrupt, truncated, unsupported or too-large input. The message starts with the
 * format (`'PNG: '`, `'JPEG: '`) and says what is wrong. Bad *arguments* (not a Uint8Array, a
 * malformed option) are still TypeError / RangeError, as everywhere else in the library.
 */
export class DecodeError extends Error {
  readonly format: ImageFormat;

  constructor(format: ImageFormat, message: string, options?: { cause?: unknown }) {
    super(`${FORMAT_LABEL[format]}: ${message}`, options);
    this.name = 'DecodeError';
    this.format = format;
  }
}

/** The encoded input: any Uint8Array (a Node Buffer is one). */
export function checkBytes(bytes: unknown): Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw typeError('bytes', 'a Uint8Array', bytes);
  return bytes;
}

/**
 * Default cap on width × height for every decoder: 178,956,970 pixels, the size above which Pillow
 * refuses a file by default (`DecompressionBombError` beyond 2 × `Image.MAX_IMAGE_PIXELS`). It is
 * checked against the header before the decoder allocates anything large.
 */
export const DEFAULT_MAX_PIXELS = 2 * 89_478_485;

/**
 * Largest buffer a decoder allocates, whatever `maxPixels` allows (2^31 − 1 bytes): past it the
 * file is refused with a DecodeError rather than failing inside the JavaScript engine.
 */
export const MAX_DECODE_BYTES = 2 ** 31 - 1;

/** Throws the DecodeError for a decode that would need more than MAX_DECODE_BYTES in one buffer. */
export function enforceDecodeBytes(format: ImageFormat, width: number, height: number, bytes: number): void {
  if (bytes > MAX_DECODE_BYTES) {
    throw new DecodeError(format,
      `image is ${width}×${height}; decoding it needs ${bytes} bytes in one buffer, more than the ` +
      `${MAX_DECODE_BYTES} bytes this decoder allocates`);
  }
}

/** Options every decoder accepts. */
export interface DecodeOptions {
  /** Refuse images with more than this many pixels (width × height); default 178,956,970 (Pillow's limit). `Infinity` disables the cap. */
  maxPixels?: number;
}

/** Reads `options.maxPixels`: a positive integer or Infinity. */
export function checkMaxPixels(options: { maxPixels?: unknown }): number {
  const v = options.maxPixels;
  if (v === undefined) return DEFAULT_MAX_PIXELS;
  if (v === Infinity) return Infinity;
  if (typeof v !== 'number') throw typeError('options.maxPixels', 'a positive integer or Infinity', v);
  return checkInt(v, 'options.maxPixels', 1);
}

/** Throws the size DecodeError when `width × height` exceeds the caller's limit. */
export function enforceMaxPixels(format: ImageFormat, width: number, height: number, maxPixels: number): void {
  const pixels = width * height;
  if (pixels > maxPixels) {
    throw new DecodeError(format,
      `image is ${width}×${height} = ${pixels} pixels, more than maxPixels = ${maxPixels}; ` +
      'pass a larger { maxPixels } to decode it');
  }
}

/** Reads a boolean option (undefined → `fallback`). */
export function checkBoolean(v: unknown, name: string, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw typeError(name, 'a boolean', v);
  return v;
}

/** Reads one of a fixed set of string values (undefined → the first). */
export function checkChoice<T extends string>(v: unknown, name: string, choices: readonly T[]): T {
  if (v === undefined) return choices[0];
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
    throw rangeError(name, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, v);
  }
  return v as T;
}

/** `options.onWarning`: a function or undefined. */
export function checkWarningHandler(v: unknown, name = 'options.onWarning'): ((message: string) => void) | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'function') throw typeError(name, 'a function (message: string) => void', v);
  return v as (message: string) => void;
}
