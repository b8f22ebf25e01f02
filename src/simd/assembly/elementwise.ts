// Element-wise kernels over n bytes: a, b and o are byte addresses in the module's memory (the
// arena the JS side lays out; see ../runtime.ts). 16 bytes per step, then a scalar tail, so
// every length is exact. Saturation and wrapping are the SIMD instructions' own uint8 rules,
// which are OpenCV's saturate_cast and NumPy's modulo arithmetic.

@inline function satAdd(x: u32, y: u32): u8 { const s = x + y; return <u8>(s > 255 ? 255 : s); }
@inline function satSub(x: u32, y: u32): u8 { return <u8>(x > y ? x - y : 0); }

export function addSaturate(a: usize, b: usize, o: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) v128.store(o + i, i8x16.add_sat_u(v128.load(a + i), v128.load(b + i)));
  for (; i < n; i++) store<u8>(o + i, satAdd(load<u8>(a + i), load<u8>(b + i)));
}

export function subtractSaturate(a: usize, b: usize, o: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) v128.store(o + i, i8x16.sub_sat_u(v128.load(a + i), v128.load(b + i)));
  for (; i < n; i++) store<u8>(o + i, satSub(load<u8>(a + i), load<u8>(b + i)));
}

export function addModulo(a: usize, b: usize, o: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) v128.store(o + i, i8x16.add(v128.load(a + i), v128.load(b + i)));
  for (; i < n; i++) store<u8>(o + i, load<u8>(a + i) + load<u8>(b + i));
}

export function subtractModulo(a: usize, b: usize, o: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) v128.store(o + i, i8x16.sub(v128.load(a + i), v128.load(b + i)));
  for (; i < n; i++) store<u8>(o + i, load<u8>(a + i) - load<u8>(b + i));
}

export function absdiff(a: usize, b: usize, o: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) {
    const x = v128.load(a + i), y = v128.load(b + i);
    v128.store(o + i, v128.or(i8x16.sub_sat_u(x, y), i8x16.sub_sat_u(y, x)));
  }
  for (; i < n; i++) {
    const x = <u32>load<u8>(a + i), y = <u32>load<u8>(b + i);
    store<u8>(o + i, <u8>(x > y ? x - y : y - x));
  }
}

export function bitwiseAnd(a: usize, b: usize, o: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) v128.store(o + i, v128.and(v128.load(a + i), v128.load(b + i)));
  for (; i < n; i++) store<u8>(o + i, load<u8>(a + i) & load<u8>(b + i));
}

export function bitwiseOr(a: usize, b: usize, o: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) v128.store(o + i, v128.or(v128.load(a + i), v128.load(b + i)));
  for (; i < n; i++) store<u8>(o + i, load<u8>(a + i) | load<u8>(b + i));
}

export function bitwiseXor(a: usize, b: usize, o: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) v128.store(o + i, v128.xor(v128.load(a + i), v128.load(b + i)));
  for (; i < n; i++) store<u8>(o + i, load<u8>(a + i) ^ load<u8>(b + i));
}

export function bitwiseNot(a: usize, o: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) v128.store(o + i, v128.not(v128.load(a + i)));
  for (; i < n; i++) store<u8>(o + i, ~load<u8>(a + i));
}

// Per-channel scalars: `p` holds 48 bytes, the channel values repeated (48 is a multiple of 1, 2,
// 3 and 4 channels and of 16), so vector k uses pattern vector k mod 3 and byte i uses p[i mod 48].

export function addSaturatePattern(a: usize, p: usize, o: usize, n: usize): void {
  const p0 = v128.load(p), p1 = v128.load(p, 16), p2 = v128.load(p, 32);
  let i: usize = 0;
  for (; i + 48 <= n; i += 48) {
    v128.store(o + i, i8x16.add_sat_u(v128.load(a + i), p0));
    v128.store(o + i, i8x16.add_sat_u(v128.load(a + i, 16), p1), 16);
    v128.store(o + i, i8x16.add_sat_u(v128.load(a + i, 32), p2), 32);
  }
  for (; i < n; i++) store<u8>(o + i, satAdd(load<u8>(a + i), load<u8>(p + i % 48)));
}

export function subtractSaturatePattern(a: usize, p: usize, o: usize, n: usize): void {
  const p0 = v128.load(p), p1 = v128.load(p, 16), p2 = v128.load(p, 32);
  let i: usize = 0;
  for (; i + 48 <= n; i += 48) {
    v128.store(o + i, i8x16.sub_sat_u(v128.load(a + i), p0));
    v128.store(o + i, i8x16.sub_sat_u(v128.load(a + i, 16), p1), 16);
    v128.store(o + i, i8x16.sub_sat_u(v128.load(a + i, 32), p2), 32);
  }
  for (; i < n; i++) store<u8>(o + i, satSub(load<u8>(a + i), load<u8>(p + i % 48)));
}

export function addModuloPattern(a: usize, p: usize, o: usize, n: usize): void {
  const p0 = v128.load(p), p1 = v128.load(p, 16), p2 = v128.load(p, 32);
  let i: usize = 0;
  for (; i + 48 <= n; i += 48) {
    v128.store(o + i, i8x16.add(v128.load(a + i), p0));
    v128.store(o + i, i8x16.add(v128.load(a + i, 16), p1), 16);
    v128.store(o + i, i8x16.add(v128.load(a + i, 32), p2), 32);
  }
  for (; i < n; i++) store<u8>(o + i, load<u8>(a + i) + load<u8>(p + i % 48));
}
