// pipeline(img): a chain of ops run with the image kept in wasm memory between them, so that it is
// copied in once and out once. A step whose arguments have a kernel runs as a Plan (the same one
// the per-call function uses); any other step materialises the image and runs the core function,
// whose validation then applies; the next kernel step copies it back in.
import { checkOutOption } from '../core/check.ts';
import { clone } from '../core/copy.ts';
import { tooManyArguments, typeError } from '../core/errors.ts';
import { assertPixelArray, PixelArray, type Shape } from '../core/pixelarray.ts';
// The core functions each step falls back to.
import {
  absdiff as coreAbsdiff, addModulo as coreAddModulo, addSaturate as coreAddSaturate, subtractModulo as coreSubtractModulo,
  subtractSaturate as coreSubtractSaturate, type Operand, type OutOptions,
} from '../ops/arithmetic.ts';
import { bitwiseAnd as coreBitwiseAnd, bitwiseNot as coreBitwiseNot, bitwiseOr as coreBitwiseOr, bitwiseXor as coreBitwiseXor } from '../ops/bitwise.ts';
import { flip as coreFlip, rot90 as coreRot90, transpose as coreTranspose } from '../ops/geometry.ts';
import { cvtColor as coreCvtColor, inRange as coreInRange, type ColorCode, type RangeBound } from '../imgproc/color.ts';
import { blur as coreBlur, type BlurOptions } from '../imgproc/box.ts';
import { emboss as coreEmboss } from '../imgproc/emboss.ts';
import { filter2D as coreFilter2D, type Filter2DOptions } from '../imgproc/filter2d.ts';
import { gaussianBlur as coreGaussianBlur, type GaussianBlurOptions } from '../imgproc/gaussian.ts';
import { medianBlur as coreMedianBlur } from '../imgproc/median.ts';
import { resize as coreResize, type ResizeOptions } from '../imgproc/resize.ts';
import { warpAffine as coreWarpAffine, type AffineMatrix, type WarpAffineOptions } from '../imgproc/warp.ts';
import { threshold as coreThreshold, type ThresholdOptions, type ThresholdType } from '../imgproc/threshold.ts';
import { dilate as coreDilate, erode as coreErode, morphologyEx as coreMorphologyEx, type MorphOp, type MorphOptions } from '../imgproc/morphology.ts';
import { laplacian as coreLaplacian, scharr as coreScharr, sobel as coreSobel, type LaplacianOptions, type ScharrOptions, type SobelOptions } from '../imgproc/edges.ts';
import { pyrDown as corePyrDown, pyrUp as corePyrUp, type PyrDownOptions, type PyrUpOptions } from '../imgproc/pyramid.ts';
// The plans of the per-call SIMD functions, reused as steps.
import { absdiff, addModulo, addSaturate, bitwiseAnd, bitwiseNotPlan, bitwiseOr, bitwiseXor, subtractModulo, subtractSaturate } from './elementwise.ts';
import { cvtColorPlan } from './color.ts';
import { inRangePlan } from './hsv.ts';
import { blurPlan, embossPlan, filter2DPlan, gaussianBlurPlan, medianBlurPlan } from './filters.ts';
import { mirrorPlan, transposedPlan } from './geometry.ts';
import { resizePlan, warpAffinePlan } from './resize.ts';
import { thresholdPlan } from './threshold.ts';
import { dilatePlan, erodePlan, morphologyExPlan } from './morphology.ts';
import { LAPLACIAN_KEYS, laplacianPlan, SCHARR_KEYS, scharrPlan, sobelPlan } from './edges.ts';
import { pyrDownPlan, pyrUpPlan } from './pyramid.ts';
import { activeKernels, ArenaFull, Workspace, type Plan } from './runtime.ts';

/** One recorded step: the core function and its arguments after the image, and its plan (if any). */
interface Step {
  readonly core: (a: PixelArray, ...args: never[]) => PixelArray;
  readonly args: readonly unknown[];
  readonly plan: (shape: Shape) => Plan | null;
}

const noPlan = (): null => null;

/** The options of erode, dilate and morphologyEx that their plans read. */
const MORPH_STEP_KEYS = ['anchor', 'iterations', 'border', 'borderValue'];

/**
 * A step's options: refuses `out` (the result goes where `run()` says); a plan is used only when
 * every key is one it reads (`keys`), so that the core validates anything else.
 */
function stepOptions(name: string, options: unknown, keys: readonly string[]): boolean {
  if (options === undefined) return true;
  if (options === null || typeof options !== 'object') return false;
  if (Object.hasOwn(options, 'out')) throw new TypeError(`${name}: a pipeline step takes no options.out (pass it to run())`);
  return Object.keys(options).every((k) => keys.includes(k));
}

/**
 * A chain of ops on one image, run by `run()`. Each method takes the arguments the function of
 * the same name takes after its image (without `options.out`), records the step and returns the
 * pipeline. Results are byte for byte those of calling the functions one after the other.
 */
export class Pipeline {
  private readonly steps: Step[] = [];

  constructor(private readonly input: PixelArray) {
    if (arguments.length > 1) throw tooManyArguments('Pipeline', ['input'], arguments.length);
    assertPixelArray(input, 'input');
  }

  private add(core: Step['core'], args: readonly unknown[], plan: Step['plan'] = noPlan): this {
    this.steps.push({ core, args, plan });
    return this;
  }

  /** `cvtColor(img, code)`. */
  cvtColor(code: ColorCode): this {
    if (arguments.length > 1) throw tooManyArguments('cvtColor', ['code'], arguments.length);
    return this.add(coreCvtColor, [code], (shape) => cvtColorPlan(shape, code));
  }

  /** `addSaturate(img, b)`. */
  addSaturate(b: Operand): this {
    if (arguments.length > 1) throw tooManyArguments('addSaturate', ['b'], arguments.length);
    return this.add(coreAddSaturate, [b], (shape) => addSaturate.plan(shape, b));
  }

  /** `subtractSaturate(img, b)`. */
  subtractSaturate(b: Operand): this {
    if (arguments.length > 1) throw tooManyArguments('subtractSaturate', ['b'], arguments.length);
    return this.add(coreSubtractSaturate, [b], (shape) => subtractSaturate.plan(shape, b));
  }

  /** `addModulo(img, b)`. */
  addModulo(b: Operand): this {
    if (arguments.length > 1) throw tooManyArguments('addModulo', ['b'], arguments.length);
    return this.add(coreAddModulo, [b], (shape) => addModulo.plan(shape, b));
  }

  /** `subtractModulo(img, b)`. */
  subtractModulo(b: Operand): this {
    if (arguments.length > 1) throw tooManyArguments('subtractModulo', ['b'], arguments.length);
    return this.add(coreSubtractModulo, [b], (shape) => subtractModulo.plan(shape, b));
  }

  /** `absdiff(img, b)`. */
  absdiff(b: Operand): this {
    if (arguments.length > 1) throw tooManyArguments('absdiff', ['b'], arguments.length);
    return this.add(coreAbsdiff, [b], (shape) => absdiff.plan(shape, b));
  }

  /** `bitwiseAnd(img, b, options)`; `options.mask` as there (a masked step runs in the core). */
  bitwiseAnd(b: Operand, options?: { mask?: PixelArray }): this {
    if (arguments.length > 2) throw tooManyArguments('bitwiseAnd', ['b', 'options'], arguments.length);
    if (options !== undefined) return this.add(coreBitwiseAnd, [b, options]);
    return this.add(coreBitwiseAnd, [b], (shape) => bitwiseAnd.plan(shape, b));
  }

  /** `bitwiseOr(img, b, options)`; `options.mask` as there (a masked step runs in the core). */
  bitwiseOr(b: Operand, options?: { mask?: PixelArray }): this {
    if (arguments.length > 2) throw tooManyArguments('bitwiseOr', ['b', 'options'], arguments.length);
    if (options !== undefined) return this.add(coreBitwiseOr, [b, options]);
    return this.add(coreBitwiseOr, [b], (shape) => bitwiseOr.plan(shape, b));
  }

  /** `bitwiseXor(img, b, options)`; `options.mask` as there (a masked step runs in the core). */
  bitwiseXor(b: Operand, options?: { mask?: PixelArray }): this {
    if (arguments.length > 2) throw tooManyArguments('bitwiseXor', ['b', 'options'], arguments.length);
    if (options !== undefined) return this.add(coreBitwiseXor, [b, options]);
    return this.add(coreBitwiseXor, [b], (shape) => bitwiseXor.plan(shape, b));
  }

  /** `bitwiseNot(img)`. */
  bitwiseNot(): this {
    if (arguments.length > 0) throw tooManyArguments('bitwiseNot', [], arguments.length);
    return this.add(coreBitwiseNot, [], (shape) => bitwiseNotPlan(shape));
  }

  /** `gaussianBlur(img, sigma, options)` (options without `out`). */
  gaussianBlur(sigma: number, options?: Omit<GaussianBlurOptions, 'out'>): this {
    if (arguments.length > 2) throw tooManyArguments('gaussianBlur', ['sigma', 'options'], arguments.length);
    const plain = stepOptions('gaussianBlur', options, ['ksize', 'sigmaY', 'border']);
    return this.add(coreGaussianBlur, [sigma, options], (shape) => (plain ? gaussianBlurPlan(shape, sigma, options) : null));
  }

  /** `blur(img, ksize, options)` (options without `out`). */
  blur(ksize: number | readonly [number, number], options?: Omit<BlurOptions, 'out'>): this {
    if (arguments.length > 2) throw tooManyArguments('blur', ['ksize', 'options'], arguments.length);
    const plain = stepOptions('blur', options, ['border']);
    return this.add(coreBlur, [ksize, options], (shape) => (plain ? blurPlan(shape, ksize, options) : null));
  }

  /** `medianBlur(img, ksize)`. */
  medianBlur(ksize: number): this {
    if (arguments.length > 1) throw tooManyArguments('medianBlur', ['ksize'], arguments.length);
    return this.add(coreMedianBlur, [ksize], (shape) => medianBlurPlan(shape, ksize));
  }

  /** `filter2D(img, kernel, options)` (options without `out`). */
  filter2D(kernel: readonly (readonly number[])[], options?: Omit<Filter2DOptions, 'out'>): this {
    if (arguments.length > 2) throw tooManyArguments('filter2D', ['kernel', 'options'], arguments.length);
    const plain = stepOptions('filter2D', options, ['delta', 'border']);
    return this.add(coreFilter2D, [kernel, options], (shape) => (plain ? filter2DPlan(shape, kernel, options) : null));
  }

  /** `emboss(img)`. */
  emboss(): this {
    if (arguments.length > 0) throw tooManyArguments('emboss', [], arguments.length);
    return this.add(coreEmboss, [], (shape) => embossPlan(shape));
  }

  /** `resize(img, width, height, options)` (options without `out`). */
  resize(width: number, height: number, options?: Omit<ResizeOptions, 'out'>): this {
    if (arguments.length > 3) throw tooManyArguments('resize', ['width', 'height', 'options'], arguments.length);
    const plain = stepOptions('resize', options, ['interpolation']);
    return this.add(coreResize, [width, height, options], (shape) => (plain ? resizePlan(shape, width, height, options) : null));
  }

  /** `warpAffine(img, matrix, width, height, options)` (options without `out`). */
  warpAffine(matrix: AffineMatrix, width: number, height: number, options?: Omit<WarpAffineOptions, 'out'>): this {
    if (arguments.length > 4) throw tooManyArguments('warpAffine', ['matrix', 'width', 'height', 'options'], arguments.length);
    const plain = stepOptions('warpAffine', options, ['interpolation', 'border', 'borderValue', 'inverseMap']);
    return this.add(coreWarpAffine, [matrix, width, height, options],
      (shape) => (plain ? warpAffinePlan(shape, matrix, width, height, options) : null));
  }

  /** `inRange(img, lower, upper)`. */
  inRange(lower: RangeBound, upper: RangeBound): this {
    if (arguments.length > 2) throw tooManyArguments('inRange', ['lower', 'upper'], arguments.length);
    return this.add(coreInRange, [lower, upper], (shape) => inRangePlan(shape, lower, upper));
  }

  /** `threshold(img, thresh, maxval, type, options)` (options without `out`). */
  threshold(thresh: number, maxval: number, type?: ThresholdType, options?: Omit<ThresholdOptions, 'out'>): this {
    if (arguments.length > 4) throw tooManyArguments('threshold', ['thresh', 'maxval', 'type', 'options'], arguments.length);
    const plain = stepOptions('threshold', options, ['method']);
    return this.add(coreThreshold, [thresh, maxval, type, options], (shape) => (plain ? thresholdPlan(shape, thresh, maxval, type, options) : null));
  }

  /** `erode(img, kernel, options)` (options without `out`). */
  erode(kernel: readonly (readonly number[])[], options?: Omit<MorphOptions, 'out'>): this {
    if (arguments.length > 2) throw tooManyArguments('erode', ['kernel', 'options'], arguments.length);
    const plain = stepOptions('erode', options, MORPH_STEP_KEYS);
    return this.add(coreErode, [kernel, options], (shape) => (plain ? erodePlan(shape, kernel, options) : null));
  }

  /** `dilate(img, kernel, options)` (options without `out`). */
  dilate(kernel: readonly (readonly number[])[], options?: Omit<MorphOptions, 'out'>): this {
    if (arguments.length > 2) throw tooManyArguments('dilate', ['kernel', 'options'], arguments.length);
    const plain = stepOptions('dilate', options, MORPH_STEP_KEYS);
    return this.add(coreDilate, [kernel, options], (shape) => (plain ? dilatePlan(shape, kernel, options) : null));
  }

  /** `morphologyEx(img, op, kernel, options)` (options without `out`). */
  morphologyEx(op: MorphOp, kernel: readonly (readonly number[])[], options?: Omit<MorphOptions, 'out'>): this {
    if (arguments.length > 3) throw tooManyArguments('morphologyEx', ['op', 'kernel', 'options'], arguments.length);
    const plain = stepOptions('morphologyEx', options, MORPH_STEP_KEYS);
    return this.add(coreMorphologyEx, [op, kernel, options], (shape) => (plain ? morphologyExPlan(shape, op, kernel, options) : null));
  }

  /** `sobel(img, dx, dy, options)` with a uint8 result (options without `out`; no other `ddepth`). */
  sobel(dx: number, dy: number, options?: Omit<SobelOptions, 'out' | 'ddepth'> & { ddepth?: 'uint8' }): this {
    if (arguments.length > 3) throw tooManyArguments('sobel', ['dx', 'dy', 'options'], arguments.length);
    const plain = stepOptions('sobel', options, ['ksize', 'scale', 'delta', 'border', 'ddepth']);
    return this.add(coreSobel as Step['core'], [dx, dy, options], (shape) => (plain ? sobelPlan(shape, dx, dy, options) : null));
  }

  /** `scharr(img, dx, dy, options)` with a uint8 result (options without `out`). */
  scharr(dx: number, dy: number, options?: Omit<ScharrOptions, 'out' | 'ddepth'> & { ddepth?: 'uint8' }): this {
    if (arguments.length > 3) throw tooManyArguments('scharr', ['dx', 'dy', 'options'], arguments.length);
    const plain = stepOptions('scharr', options, SCHARR_KEYS);
    return this.add(coreScharr as Step['core'], [dx, dy, options], (shape) => (plain ? scharrPlan(shape, dx, dy, options) : null));
  }

  /** `laplacian(img, options)` with a uint8 result (options without `out`). */
  laplacian(options?: Omit<LaplacianOptions, 'out' | 'ddepth'> & { ddepth?: 'uint8' }): this {
    if (arguments.length > 1) throw tooManyArguments('laplacian', ['options'], arguments.length);
    const plain = stepOptions('laplacian', options, LAPLACIAN_KEYS);
    return this.add(coreLaplacian as Step['core'], [options], (shape) => (plain ? laplacianPlan(shape, options) : null));
  }

  /** `pyrDown(img, options)` (options without `out`). */
  pyrDown(options?: Omit<PyrDownOptions, 'out'>): this {
    if (arguments.length > 1) throw tooManyArguments('pyrDown', ['options'], arguments.length);
    const plain = stepOptions('pyrDown', options, ['border']);
    return this.add(corePyrDown, [options], (shape) => (plain ? pyrDownPlan(shape, options) : null));
  }

  /** `pyrUp(img, options)` (options without `out`). */
  pyrUp(options?: Omit<PyrUpOptions, 'out'>): this {
    if (arguments.length > 1) throw tooManyArguments('pyrUp', ['options'], arguments.length);
    const plain = stepOptions('pyrUp', options, ['border']);
    return this.add(corePyrUp, [options], (shape) => (plain ? pyrUpPlan(shape, options) : null));
  }

  /** `flip(img, axis)`, materialised (the result of `run()` is always a new array or `out`). */
  flip(axis: 0 | 1 | -1): this {
    if (arguments.length > 1) throw tooManyArguments('flip', ['axis'], arguments.length);
    return this.add(coreFlip, [axis], (shape) => (axis === 1 ? mirrorPlan(shape, false, true) : axis === -1 ? mirrorPlan(shape, true, true) : null));
  }

  /** `transpose(img, axes)`, materialised; a kernel for the default axes [1, 0, 2]. */
  transpose(axes?: readonly number[]): this {
    if (arguments.length > 1) throw tooManyArguments('transpose', ['axes'], arguments.length);
    const swap = axes === undefined || (Array.isArray(axes) && axes.length === 3 && axes[0] === 1 && axes[1] === 0 && axes[2] === 2);
    return this.add(coreTranspose, axes === undefined ? [] : [axes], (shape) => (swap ? transposedPlan(shape, false, false) : null));
  }

  /** `rot90(img, k)` (counter-clockwise, as NumPy), materialised. */
  rot90(k = 1): this {
    if (arguments.length > 1) throw tooManyArguments('rot90', ['k'], arguments.length);
    const turns = Number.isSafeInteger(k) ? ((k % 4) + 4) % 4 : -1;
    return this.add(coreRot90, [k], (shape) => (turns === 1 ? transposedPlan(shape, true, false) : turns === 3 ? transposedPlan(shape, false, true)
      : turns === 2 ? mirrorPlan(shape, true, true) : null));
  }

  /**
   * Any function taking the image first: `fn(img, ...args)`, run by the core (no kernel), e.g.
   * `.apply(threshold, 127, 255, 'binary')`.
   */
  apply<A extends unknown[]>(fn: (a: PixelArray, ...args: A) => PixelArray, ...args: A): this {
    if (typeof fn !== 'function') throw typeError('fn', 'a function taking the image first and returning a PixelArray', fn);
    return this.add(fn as unknown as Step['core'], args);
  }

  /**
   * Runs the steps; returns the result (into `options.out` when given). With the kernels loaded,
   * the image is copied into wasm memory once, kept there across kernel steps, and copied out once.
   */
  run(options?: OutOptions): PixelArray {
    if (arguments.length > 1) throw tooManyArguments('run', ['options'], arguments.length);
    const k = activeKernels();
    let result: PixelArray | null = null;
    if (k !== null) {
      try {
        result = this.runInArena(new Workspace(k));
      } catch (e) {
        if (!(e instanceof ArenaFull)) throw e;
      }
    }
    result ??= this.steps.reduce((img, s) => checkResult(s.core(img, ...(s.args as never[]))), this.input);
    const out = checkOutOption(options, result.shape);
    if (!out) return result === this.input ? clone(result) : result;
    clone(result, { out });
    return out;
  }

  /** The steps with the image in the arena (`at`, `shape`) or, after a core step, in `image`. */
  private runInArena(ws: Workspace): PixelArray {
    let image: PixelArray | null = this.input;
    let at = -1;
    let shape: Shape = this.input.shape;
    for (const step of this.steps) {
      const plan = step.plan(image ? image.shape : shape);
      if (plan) {
        if (image) { at = ws.put(image); image = null; }
        at = plan.run(ws, at);
        shape = plan.shape;
      } else {
        if (!image) image = ws.take(at, shape, undefined);
        image = checkResult(step.core(image, ...(step.args as never[])));
      }
    }
    return image ?? ws.take(at, shape, undefined);
  }
}

function checkResult(r: unknown): PixelArray {
  if (!(r instanceof PixelArray)) throw typeError('pipeline step', 'a function returning a PixelArray', r);
  return r;
}

/**
 * Starts a chain of ops on `img` that keeps the image in wasm memory between kernel steps:
 * `pipeline(img).cvtColor('RGB2GRAY').addSaturate(20).run()`. The result equals the calls one
 * after the other, byte for byte; without the kernels it is exactly those calls.
 */
export function pipeline(img: PixelArray): Pipeline {
  if (arguments.length > 1) throw tooManyArguments('pipeline', ['img'], arguments.length);
  return new Pipeline(img);
}
