// Byte shuffles shared by the kernels (not exported from the module), as swizzle masks in static
// memory. V8 compiles a constant i8x16.shuffle or swizzle mask by rebuilding the constant (four
// instructions) at every use, inside loops too; a mask loaded from memory once, before a loop,
// stays in a register. So each kernel loads the masks it needs before its loop, and a 2- or
// 3-input shuffle is one swizzle per input (lanes from the other inputs are 0x80 → 0) OR-ed
// together: measured 3× faster than i8x16.shuffle for merge3 on a 1080p image. Shuffles that V8
// recognises as single instructions (unpack-low/high of words, quad words) stay i32x4/i64x2.shuffle.

const X: u8 = 0x80;

/**
 * Planes of 16 packed 3-byte pixels in vectors v0 v1 v2: mask 3k + j takes channel k's bytes
 * from vector j, so plane k = pick3(v0, v1, v2, masks 3k, 3k + 1, 3k + 2).
 */
export const PLANE3 = memory.data<u8>([
  0, 3, 6, 9, 12, 15, X, X, X, X, X, X, X, X, X, X,
  X, X, X, X, X, X, 2, 5, 8, 11, 14, X, X, X, X, X,
  X, X, X, X, X, X, X, X, X, X, X, 1, 4, 7, 10, 13,
  1, 4, 7, 10, 13, X, X, X, X, X, X, X, X, X, X, X,
  X, X, X, X, X, 0, 3, 6, 9, 12, 15, X, X, X, X, X,
  X, X, X, X, X, X, X, X, X, X, X, 2, 5, 8, 11, 14,
  2, 5, 8, 11, 14, X, X, X, X, X, X, X, X, X, X, X,
  X, X, X, X, X, 1, 4, 7, 10, 13, X, X, X, X, X, X,
  X, X, X, X, X, X, X, X, X, X, 0, 3, 6, 9, 12, 15,
], 16);

/**
 * The inverse: packed vector k of 16 3-byte pixels from planes a b c is
 * pick3(a, b, c, masks 3k, 3k + 1, 3k + 2).
 */
export const PACK3 = memory.data<u8>([
  0, X, X, 1, X, X, 2, X, X, 3, X, X, 4, X, X, 5,
  X, 0, X, X, 1, X, X, 2, X, X, 3, X, X, 4, X, X,
  X, X, 0, X, X, 1, X, X, 2, X, X, 3, X, X, 4, X,
  X, X, 6, X, X, 7, X, X, 8, X, X, 9, X, X, 10, X,
  5, X, X, 6, X, X, 7, X, X, 8, X, X, 9, X, X, 10,
  X, 5, X, X, 6, X, X, 7, X, X, 8, X, X, 9, X, X,
  X, 11, X, X, 12, X, X, 13, X, X, 14, X, X, 15, X, X,
  X, X, 11, X, X, 12, X, X, 13, X, X, 14, X, X, 15, X,
  10, X, X, 11, X, X, 12, X, X, 13, X, X, 14, X, X, 15,
], 16);

/**
 * 16 packed 3-byte pixels v0 v1 v2 in reverse pixel order: vector 0 = pick2(v1, v2, masks 0, 1),
 * vector 1 = pick3(v0, v1, v2, masks 2, 3, 4), vector 2 = pick2(v0, v1, masks 5, 6).
 */
export const REVERSE3 = memory.data<u8>([
  X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, 14,
  13, 14, 15, 10, 11, 12, 7, 8, 9, 4, 5, 6, 1, 2, 3, X,
  X, X, X, X, X, X, X, X, X, X, X, X, X, X, 15, X,
  15, X, 11, 12, 13, 8, 9, 10, 5, 6, 7, 2, 3, 4, X, 0,
  X, 0, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
  X, 12, 13, 14, 9, 10, 11, 6, 7, 8, 3, 4, 5, 0, 1, 2,
  1, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
], 16);

/** The 4×4 byte transpose: four 4-byte pixels → [channel 0 ×4 | 1 ×4 | 2 ×4 | 3 ×4], and back (its own inverse). */
export const BYTES_4X4 = memory.data<u8>([0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15], 16);
/** The 16 bytes in reverse order. */
export const REVERSE16 = memory.data<u8>([15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], 16);
/** Four 3-byte pixels spread into 4-byte lanes (the 4th byte 0). */
export const RGB_TO_WORDS = memory.data<u8>([0, 1, 2, X, 3, 4, 5, X, 6, 7, 8, X, 9, 10, 11, X], 16);
/** The inverse: four 4-byte lanes → 12 bytes of 3-byte pixels, then zeros. */
export const WORDS_TO_RGB = memory.data<u8>([0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, X, X, X, X], 16);

/** The bytes that masks m0, m1 pick from v0, v1. */
@inline export function pick2(v0: v128, v1: v128, m0: v128, m1: v128): v128 {
  return v128.or(i8x16.swizzle(v0, m0), i8x16.swizzle(v1, m1));
}

/** The bytes that masks m0, m1, m2 pick from v0, v1, v2. */
@inline export function pick3(v0: v128, v1: v128, v2: v128, m0: v128, m1: v128, m2: v128): v128 {
  return v128.or(v128.or(i8x16.swizzle(v0, m0), i8x16.swizzle(v1, m1)), i8x16.swizzle(v2, m2));
}

/** Word lanes [a0 b0 a1 b1] (unpack-low). */
@inline export function zipLow32(a: v128, b: v128): v128 { return i32x4.shuffle(a, b, 0, 4, 1, 5); }
/** Word lanes [a2 b2 a3 b3] (unpack-high). */
@inline export function zipHigh32(a: v128, b: v128): v128 { return i32x4.shuffle(a, b, 2, 6, 3, 7); }
/** Quad-word lanes [a0 b0]. */
@inline export function low64(a: v128, b: v128): v128 { return i64x2.shuffle(a, b, 0, 2); }
/** Quad-word lanes [a1 b1]. */
@inline export function high64(a: v128, b: v128): v128 { return i64x2.shuffle(a, b, 1, 3); }
