import { tooManyArguments } from '../../core/errors.ts';
// NumPy's legacy random generator, `np.random.RandomState` (what `np.random.seed(s)` seeds and
// Keras draws from): MT19937 with NumPy's seeding and the exact derivations of `random_sample`,
// `uniform`, `randint`/`choice` and `permutation` of NumPy 1.24's legacy code. Sources of each
// rule (facts, re-derived here): numpy/random/src/mt19937/mt19937.c (`mt19937_seed`, `mt19937_gen`),
// numpy/random/src/distributions/distributions.c (`random_interval`, `random_bounded_uint64_fill`
// with the masked rejection the legacy API uses), numpy/random/mtrand.pyx (`uniform`, `choice`,
// `shuffle`, `permutation`).

const N = 624, M = 397;
const MATRIX_A = 0x9908b0df, UPPER = 0x80000000, LOWER = 0x7fffffff;

/** A seeded stream of NumPy's legacy draws. Seeding follows `np.random.seed(seed)` for 0 ≤ seed < 2^32. */
export class RandomState {
  readonly #mt = new Uint32Array(N);
  #pos = N;

  constructor(seed: number) {
    if (arguments.length > 1) throw tooManyArguments('RandomState', ['seed'], arguments.length);
    this.seed(seed);
  }

  /** `np.random.seed(seed)`: Knuth's initialisation of the 624 words from one 32-bit seed. */
  seed(seed: number): void {
    if (arguments.length > 1) throw tooManyArguments('RandomState.seed', ['seed'], arguments.length);
    if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`seed: expected an integer in 0..4294967295 (NumPy's legacy seed range), got ${String(seed)}`);
    }
    const mt = this.#mt;
    let s = seed >>> 0;
    for (let i = 0; i < N; i++) {
      mt[i] = s;
      // s = 1812433253 * (s ^ (s >>> 30)) + i + 1, modulo 2^32 (Math.imul keeps the low 32 bits).
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + i + 1) >>> 0;
    }
    this.#pos = N;
  }

  /** The next 32-bit output of MT19937 (`genrand_int32`). */
  nextUint32(): number {
    if (arguments.length > 0) throw tooManyArguments('RandomState.nextUint32', [], arguments.length);
    const mt = this.#mt;
    if (this.#pos >= N) {
      let i = 0;
      for (; i < N - M; i++) {
        const y = (mt[i] & UPPER) | (mt[i + 1] & LOWER);
        mt[i] = mt[i + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; i < N - 1; i++) {
        const y = (mt[i] & UPPER) | (mt[i + 1] & LOWER);
        mt[i] = mt[i + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.#pos = 0;
    }
    let y = mt[this.#pos++];
    y ^= y >>> 11;
    y = (y ^ ((y << 7) & 0x9d2c5680)) >>> 0;
    y = (y ^ ((y << 15) & 0xefc60000)) >>> 0;
    return (y ^ (y >>> 18)) >>> 0;
  }

  /** `random_sample()`: 53 random bits in [0, 1), `(a >> 5) · 2^26 + (b >> 6)` over 2^53. */
  random(): number {
    if (arguments.length > 0) throw tooManyArguments('RandomState.random', [], arguments.length);
    const a = this.nextUint32() >>> 5, b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** `uniform(low, high)`: `low + (high − low) · random_sample()`. */
  uniform(low: number, high: number): number {
    if (arguments.length > 2) throw tooManyArguments('RandomState.uniform', ['low', 'high'], arguments.length);
    const range = high - low;
    return low + range * this.random();
  }

  /**
   * A uniform integer in 0..max (inclusive) by masked rejection: the smallest all-ones mask
   * covering `max`, 32-bit draws (`random_interval`, and `randint` for ranges below 2^32).
   */
  interval(max: number): number {
    if (arguments.length > 1) throw tooManyArguments('RandomState.interval', ['max'], arguments.length);
    if (max === 0) return 0;
    if (max > 0xffffffff) throw new RangeError(`interval: ranges of 2^32 or more are not supported, got ${max}`);
    let mask = max;
    mask |= mask >>> 1; mask |= mask >>> 2; mask |= mask >>> 4; mask |= mask >>> 8; mask |= mask >>> 16;
    mask >>>= 0;
    let v: number;
    do v = (this.nextUint32() & mask) >>> 0; while (v > max);
    return v;
  }

  /** `randint(low, high)`: an integer in low..high−1. */
  randint(low: number, high: number): number {
    if (arguments.length > 2) throw tooManyArguments('RandomState.randint', ['low', 'high'], arguments.length);
    return low + this.interval(high - low - 1);
  }

  /** `choice(a)` for a 1-D sequence, with replacement and no weights: `a[randint(0, len(a))]`. */
  choice<T>(a: readonly T[]): T {
    if (arguments.length > 1) throw tooManyArguments('RandomState.choice', ['a'], arguments.length);
    return a[this.randint(0, a.length)];
  }

  /** `permutation(n)`: `arange(n)` shuffled by Fisher–Yates from the end, `j = random_interval(i)`. */
  permutation(n: number): Int32Array {
    if (arguments.length > 1) throw tooManyArguments('RandomState.permutation', ['n'], arguments.length);
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i >= 1; i--) {
      const j = this.interval(i);
      const t = p[i]; p[i] = p[j]; p[j] = t;
    }
    return p;
  }
}
