// Shared by the pixelarray/simd tests: the kernels are loaded once, every SIMD call is compared
// with the core's call on equal fresh inputs (bytes, shape, errors, inputs left untouched), and a
// call reports whether a kernel ran, so that a test can insist that it did (or did not).
import assert from 'node:assert/strict';
import { PixelArray, clone } from '../../src/index.ts';
import { ready } from '../../src/simd/index.ts';
import { workspaceCount } from '../../src/simd/runtime.ts';
import { layouts, randomImage } from '../helpers.ts';

/** The elements of any view, packed row-major (a fast stand-in for helpers' `pixels`). */
const pixels = (a: PixelArray): Buffer => Buffer.from(clone(a).data);

/** Loads the kernels; fails the test when this engine has no WebAssembly SIMD (Node 20 has it). */
export async function loadKernels(): Promise<void> {
  assert.equal(await ready(), true, 'WebAssembly SIMD kernels did not load');
}

type AnyFn = (...args: any[]) => unknown;

function snapshot(args: unknown[]): unknown[] {
  return args.map((x) => (x instanceof PixelArray ? pixels(x) : Array.isArray(x) && x[0] instanceof PixelArray ? x.map(pixels) : x));
}

function describeResult(r: unknown): unknown {
  if (r instanceof PixelArray) return { shape: r.shape, pixels: pixels(r) };
  if (Array.isArray(r)) return r.map(describeResult);
  return r;
}

/**
 * Calls `simdFn(...makeArgs())` and `coreFn(...makeArgs())` (two fresh, equal argument lists) and
 * asserts the same outcome: equal results, or errors of the same class and message; inputs not
 * mutated (except an `out` the call writes). Returns true when the SIMD call ran a kernel.
 */
export function assertSameAsCore(simdFn: AnyFn, coreFn: AnyFn, makeArgs: () => unknown[], label: string): boolean {
  const coreArgs = makeArgs();
  let expected: unknown, expectedError: unknown;
  try { expected = coreFn(...coreArgs); } catch (e) { expectedError = e; }
  const simdArgs = makeArgs();
  const before = snapshot(simdArgs);
  const runs = workspaceCount();
  let got: unknown, gotError: unknown;
  try { got = simdFn(...simdArgs); } catch (e) { gotError = e; }
  const usedKernel = workspaceCount() > runs;
  if (expectedError !== undefined) {
    assert.ok(gotError !== undefined, `${label}: the core threw ${String(expectedError)}, SIMD returned`);
    assert.equal((gotError as Error).constructor, (expectedError as Error).constructor, `${label}: error class`);
    assert.equal((gotError as Error).message, (expectedError as Error).message, `${label}: error message`);
    return usedKernel;
  }
  if (gotError !== undefined) throw gotError;
  assert.deepEqual(describeResult(got), describeResult(expected), `${label}: result`);
  // Inputs stay as they were, except an out array (the last argument's `out`) that is written.
  const out = (simdArgs[simdArgs.length - 1] as { out?: unknown } | undefined)?.out;
  simdArgs.forEach((x, i) => {
    const sharesOut = out instanceof PixelArray && x instanceof PixelArray && x.data.buffer === out.data.buffer;
    if (x instanceof PixelArray && !sharesOut && got !== x) assert.deepEqual(pixels(x), before[i], `${label}: argument ${i} was mutated`);
  });
  return usedKernel;
}

/** Image shapes for kernels: above the 4096-byte threshold, with widths that leave vector tails. */
export const KERNEL_SHAPES: [number, number, number][] = [
  [40, 41, 3], [64, 64, 1], [33, 50, 4], [17, 301, 3], [70, 67, 1], [31, 37, 4], [5, 1000, 3], [100, 43, 2],
];

/** The layouts of test/helpers.ts (contiguous, unaligned crop, negative strides, transposed). */
export function imageIn(layout: string, h: number, w: number, c: number, seed: number): PixelArray {
  return layouts(randomImage(h, w, c, seed))[layout];
}

export const LAYOUTS = Object.keys(layouts(randomImage(2, 2, 1)));

/** A fresh output array of `shape` in a strided layout (rows padded, odd offset). */
export function stridedOut(shape: readonly number[]): PixelArray {
  const [h, w, c] = shape;
  const data = new Uint8Array((w * c + 7) * h + 3).fill(9);
  return new PixelArray(data, [h, w, c], [w * c + 7, c, 1], 3);
}

export { clone };
