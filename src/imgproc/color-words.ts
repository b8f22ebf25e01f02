// Word access for the 3-channel → 3-channel colour kernels (color-lab.ts, color-yuv.ts,
// color-hls.ts): four pixels are three little-endian words [a0 b0 c0 a1][b1 c1 a2 b2][c2 a3 b3 c3],
// read and written whole instead of twelve byte loads and stores. Each family keeps its own word
// loop (so that V8 inlines its pixel function); this file only holds what they share.
import { isWordAligned, LITTLE_ENDIAN } from '../core/packed.ts';

/** Pixels below this count go byte by byte (views cost more than they save). */
const MIN_PIXELS = 16;

/**
 * Int32 views over the first `n − n % 4` pixels of `s` from `si` and `d` from `di` (3 bytes per
 * pixel), or undefined when words do not apply (big-endian engine, unaligned, too few pixels).
 * Reading each group of three words before writing it keeps in-place conversions safe.
 */
export function wordViews3(s: Uint8Array, si: number, d: Uint8Array, di: number, n: number): [Int32Array, Int32Array] | undefined {
  if (!LITTLE_ENDIAN || n < MIN_PIXELS || !isWordAligned(s, si) || !isWordAligned(d, di)) return undefined;
  const words = (n >> 2) * 3;
  return [new Int32Array(s.buffer, s.byteOffset + si, words), new Int32Array(d.buffer, d.byteOffset + di, words)];
}

