// SIMD arithmetic and bitwise ops: the core's functions (src/ops/arithmetic.ts, bitwise.ts) with
// a SIMD128 kernel for image-and-image and image-and-integers operands. Masks, float scalars and
// everything unusual go to the core (see dispatch.ts).
import {
  absdiff as coreAbsdiff, addModulo as coreAddModulo, addSaturate as coreAddSaturate,
  subtractModulo as coreSubtractModulo, subtractSaturate as coreSubtractSaturate, type Operand, type OutOptions,
} from '../ops/arithmetic.ts';
import {
  bitwiseAnd as coreBitwiseAnd, bitwiseNot as coreBitwiseNot, bitwiseOr as coreBitwiseOr,
  bitwiseXor as coreBitwiseXor, type MaskOptions,
} from '../ops/bitwise.ts';
import { PixelArray, type Shape } from '../core/pixelarray.ts';
import { integerChannels, planOrCore, sameShape } from './dispatch.ts';
import type { Plan } from './runtime.ts';

type BinaryKernel = 'addSaturate' | 'subtractSaturate' | 'addModulo' | 'subtractModulo' | 'absdiff' |
  'bitwiseAnd' | 'bitwiseOr' | 'bitwiseXor';
type PatternKernel = 'addSaturatePattern' | 'subtractSaturatePattern' | 'addModuloPattern';

/** Which kernel computes `op(a, b)` for a non-image `b`, with which channel bytes; null: the core. */
type ScalarRule = (values: number[]) => [PatternKernel, number[]] | null;

/** The kernel for a saturating scalar: all values one sign, as bytes (|v| clamped to 255). */
function saturating(sign: 1 | -1): ScalarRule {
  return (values) => {
    const signed = values.map((v) => sign * v);
    if (signed.every((v) => v >= 0)) return ['addSaturatePattern', signed.map((v) => Math.min(v, 255))];
    if (signed.every((v) => v <= 0)) return ['subtractSaturatePattern', signed.map((v) => Math.min(-v, 255))];
    return null;
  };
}

const mod256 = (v: number): number => ((v % 256) + 256) % 256;

/** `kernel(src, b)`: b an image of the same shape (copied in when the plan runs) or per-channel bytes. */
function binaryPlan(shape: Shape, b: Operand, kernel: BinaryKernel, scalar: ScalarRule | undefined): Plan | null {
  const n = shape[0] * shape[1] * shape[2];
  if (b instanceof PixelArray) {
    if (!sameShape(b.shape, shape)) return null;
    const c = shape[2];
    return {
      shape,
      run(ws, src) {
        const pb = ws.put(b), dst = ws.alloc(n);
        ws.k[kernel](src, pb, dst, n);
        return dst;
      },
      streaming: {
        pixelIn: c, pixelOut: c, extraInputs: [b],
        prepare: (ws) => (ins, dst, pixels) => ws.k[kernel](ins[0], ins[1], dst, pixels * c),
      },
    };
  }
  // The pattern kernels repeat 48 bytes, which holds whole pixels only when the channel count divides 48.
  const values = scalar && 48 % shape[2] === 0 ? integerChannels(b, shape[2]) : null;
  const rule = values && scalar!(values);
  if (!rule) return null;
  const [patternKernel, bytes] = rule;
  // 48 bytes: a multiple of 1–4 channels and of the kernel's 16-byte vectors.
  const pattern = Array.from({ length: 48 }, (_, i) => bytes[i % shape[2]]);
  const c = shape[2];
  return {
    shape,
    run(ws, src) {
      const pp = ws.putBytes(pattern), dst = ws.alloc(n);
      ws.k[patternKernel](src, pp, dst, n);
      return dst;
    },
    streaming: {
      pixelIn: c, pixelOut: c, extraInputs: [],
      prepare(ws) {
        const pp = ws.putBytes(pattern);
        return (ins, dst, pixels) => ws.k[patternKernel](ins[0], pp, dst, pixels * c);
      },
    },
  };
}

/** An op `(a, b, options)`: its kernel on the plain case, the core otherwise; `plan` for pipelines. */
function elementwise<O extends OutOptions>(coreFn: (a: PixelArray, b: Operand, options?: O) => PixelArray,
  kernel: BinaryKernel, scalar?: ScalarRule) {
  const plan = (shape: Shape, b: Operand): Plan | null => binaryPlan(shape, b, kernel, scalar);
  const fn = function (a: PixelArray, b: Operand, options?: O): PixelArray {
    return planOrCore(coreFn, arguments, 3, (x) => plan(x.shape, b), options);
  };
  return Object.assign(fn, { plan });
}

/** `cv2.add` (see the core's `addSaturate`), SIMD for images and integer scalars. */
export const addSaturate = /* @__PURE__ */ elementwise(coreAddSaturate, 'addSaturate', saturating(1));
/** `cv2.subtract` (see the core's `subtractSaturate`), SIMD for images and integer scalars. */
export const subtractSaturate = /* @__PURE__ */ elementwise(coreSubtractSaturate, 'subtractSaturate', saturating(-1));
/** NumPy uint8 `a + b` (see the core's `addModulo`), SIMD for images and integer scalars. */
export const addModulo = /* @__PURE__ */ elementwise(coreAddModulo, 'addModulo', (v) => ['addModuloPattern', v.map(mod256)]);
/** NumPy uint8 `a - b` (see the core's `subtractModulo`), SIMD for images and integer scalars. */
export const subtractModulo = /* @__PURE__ */ elementwise(coreSubtractModulo, 'subtractModulo',
  (v) => ['addModuloPattern', v.map((x) => mod256(-x))]);
/** `cv2.absdiff` (see the core's `absdiff`), SIMD for two images. */
export const absdiff = /* @__PURE__ */ elementwise(coreAbsdiff, 'absdiff');
/** `cv2.bitwise_and` (see the core's `bitwiseAnd`), SIMD for two images without a mask. */
export const bitwiseAnd = /* @__PURE__ */ elementwise<MaskOptions>(coreBitwiseAnd, 'bitwiseAnd');
/** `cv2.bitwise_or` (see the core's `bitwiseOr`), SIMD for two images without a mask. */
export const bitwiseOr = /* @__PURE__ */ elementwise<MaskOptions>(coreBitwiseOr, 'bitwiseOr');
/** `cv2.bitwise_xor` (see the core's `bitwiseXor`), SIMD for two images without a mask. */
export const bitwiseXor = /* @__PURE__ */ elementwise<MaskOptions>(coreBitwiseXor, 'bitwiseXor');

/** The plan of `bitwiseNot` on an image of `shape`. */
export function bitwiseNotPlan(shape: Shape): Plan {
  const n = shape[0] * shape[1] * shape[2];
  const c = shape[2];
  return {
    shape,
    run(ws, src) {
      const dst = ws.alloc(n);
      ws.k.bitwiseNot(src, dst, n);
      return dst;
    },
    streaming: { pixelIn: c, pixelOut: c, extraInputs: [], prepare: (ws) => (ins, dst, pixels) => ws.k.bitwiseNot(ins[0], dst, pixels * c) },
  };
}

/** `cv2.bitwise_not` (see the core's `bitwiseNot`), SIMD without a mask. */
export function bitwiseNot(a: PixelArray, options?: MaskOptions): PixelArray {
  return planOrCore(coreBitwiseNot, arguments, 2, (x) => bitwiseNotPlan(x.shape), options);
}
