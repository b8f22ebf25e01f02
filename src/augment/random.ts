// A seeded pseudo-random generator whose sequence is the same on every platform and engine: only
// 32-bit integer operations (Math.imul, shifts), no floating-point maths until the final scaling.
import { checkInt } from '../core/check.ts';
import { tooManyArguments } from '../core/errors.ts';

/** A source of uniform random numbers in [0, 1), like `Math.random`. */
export type RandomSource = () => number;

/** splitmix32's finaliser (a bijection of 32-bit words): spreads the seed over the state. */
function mix32(z: number): number {
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A deterministic `RandomSource` for `seed` (an integer 0..2³²−1, NumPy's seed range):
 * xoshiro128** (Blackman and Vigna) with its 128-bit state filled by splitmix32 from the seed;
 * each number takes two 32-bit outputs, 27 + 26 bits, into a double in [0, 1) with 53 random bits
 * (how NumPy makes its doubles). The sequence for a given seed is part of the API: it will not
 * change between versions.
 */
export function seededRandom(seed: number): RandomSource {
  if (arguments.length > 1) throw tooManyArguments('seededRandom', ['seed'], arguments.length);
  checkInt(seed, 'seed', 0, 0xffffffff);
  let x = seed >>> 0;
  const next = (): number => { x = (x + 0x9e3779b9) >>> 0; return mix32(x); };
  // Four consecutive outputs of a bijection are distinct, so the state is never all zero.
  let s0 = next(), s1 = next(), s2 = next(), s3 = next();
  const u32 = (): number => {
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
    s3 = rotl(s3, 11);
    return r;
  };
  return () => ((u32() >>> 5) * 67108864 + (u32() >>> 6)) / 9007199254740992;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A seed for when none is given: from `Math.random`, so not reproducible (as Keras without a seed). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x100000000);
}
