// Reading image files, and one-line descriptions of why a file could not be read.
import { readFileSync } from 'node:fs';
import { decodeImage, DecodeError, type ImageDecodeOptions } from '../codecs/index.ts';
import { typeError, tooManyArguments } from '../core/errors.ts';
import type { PixelArray } from '../core/pixelarray.ts';

/**
 * Reads and decodes a PNG or JPEG file (`decodeImage(readFileSync(path), options)`): RGB(A) or
 * gray `PixelArray`, JPEGs upright per EXIF. Throws the file system's error (ENOENT, EACCES,
 * EISDIR, …) or a `DecodeError`.
 */
export function readImage(path: string | URL, options?: ImageDecodeOptions): PixelArray {
  if (arguments.length > 2) throw tooManyArguments('readImage', ['path', 'options'], arguments.length);
  if (typeof path !== 'string' && !(path instanceof URL)) throw typeError('path', 'a file path (string or URL)', path);
  return decodeImage(readFileSync(path), options);
}

/**
 * Why a file could not be indexed, in one line: the decoder's message (`PNG: CRC mismatch …`,
 * `image: unrecognised format …`), or the file system's (`EACCES: permission denied`) without the
 * path it repeats.
 */
export function describeFailure(err: unknown): string {
  if (arguments.length > 1) throw tooManyArguments('describeFailure', ['err'], arguments.length);
  if (err instanceof DecodeError) return err.message;
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    // "EACCES: permission denied, open '/x/y.png'": the caller names the file already.
    if (typeof code === 'string') return `cannot read it: ${err.message.replace(/, \w+( '.*')?$/s, '')}`;
    return err.message;
  }
  return String(err);
}
