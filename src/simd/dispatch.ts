// How a pixelarray/simd function decides between its kernel and the core: the kernel runs only
// on the plain, valid case it was written for; everything else (other argument forms, bad
// arguments, tiny images, no SIMD, an arena that cannot grow) is the core's own function called
// with the caller's own arguments, so that validation, errors and results are the core's by
// construction.
import { checkOutOption } from '../core/check.ts';
import { PixelArray, type Shape } from '../core/pixelarray.ts';
import { activeKernels, runPlan, type Plan } from './runtime.ts';

/** Below this many input bytes the copies in and out cost more than a kernel saves. */
export const MIN_KERNEL_BYTES = 4096;

/** Calls the core's `fn` with exactly the caller's arguments. */
export function callCore<F extends (...args: never[]) => unknown>(fn: F, args: IArguments): ReturnType<F> {
  return (fn as unknown as (...a: unknown[]) => ReturnType<F>)(...(args as unknown as unknown[]));
}

/** True when two shapes are equal. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

/**
 * `options.out` when `options` is absent or has no keys but `out` and `optionKeys` (which the plan
 * reads itself), checked as the core checks it (same errors); `false` for anything else, which
 * the core then handles.
 */
export function plainOut(options: unknown, shape: Shape, optionKeys: readonly string[] = []): PixelArray | undefined | false {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return false;
  for (const key of Object.keys(options)) if (key !== 'out' && !optionKeys.includes(key)) return false;
  const out = (options as { out?: unknown }).out;
  return out === undefined ? undefined : checkOutOption({ out } as { out?: PixelArray }, shape);
}

/**
 * The body of every per-call SIMD function: when the kernels are loaded, the call has at most
 * `arity` arguments, its first is a large enough PixelArray and `makePlan` accepts the rest
 * (returning null otherwise), runs the plan (copy in, kernels, copy out into `options.out` or a
 * new array); in every other case calls `coreFn` with the same arguments.
 */
export function planOrCore<F extends (...args: never[]) => PixelArray>(coreFn: F, args: IArguments, arity: number,
  makePlan: (a: PixelArray) => Plan | null, options: unknown, optionKeys?: readonly string[]): PixelArray {
  const k = activeKernels();
  const a = args[0];
  if (k !== null && args.length <= arity && a instanceof PixelArray && a.size >= MIN_KERNEL_BYTES) {
    const plan = makePlan(a);
    const out = plan ? plainOut(options, plan.shape, optionKeys) : false;
    if (plan && out !== false) {
      const r = runPlan(k, a, plan, out);
      if (r) return r;
    }
  }
  return callCore(coreFn, args);
}

/** Per-channel integers from a number or a list of 1 or `channels` safe integers; null otherwise. */
export function integerChannels(b: unknown, channels: number): number[] | null {
  const list = typeof b === 'number' ? [b] : Array.isArray(b) ? b : null;
  if (list === null || (list.length !== 1 && list.length !== channels)) return null;
  if (!list.every((v) => Number.isSafeInteger(v))) return null;
  return list.length === 1 ? new Array<number>(channels).fill(list[0] as number) : (list as number[]);
}
