// SIMD cvtColor: the core's function (src/imgproc/color.ts) with SIMD128 kernels for the codes
// that have one; every other code goes to the core.
import { cvtColor as coreCvtColor, type ColorCode } from '../imgproc/color.ts';
import type { OutOptions } from '../ops/arithmetic.ts';
import type { PixelArray, Shape } from '../core/pixelarray.ts';
import { planOrCore } from './dispatch.ts';
import { hsvPlan } from './hsv.ts';
import type { Plan } from './runtime.ts';

// OpenCV's gray weights in 15-bit fixed point (the core's R2Y, B2Y): (first, third) channel.
const GRAY_WEIGHTS: Partial<Record<string, readonly [number, number]>> = {
  RGB2GRAY: [9798, 3735], RGBA2GRAY: [9798, 3735], BGR2GRAY: [3735, 9798],
};

/** The plan of `cvtColor(a, code)` for an input of `shape`, or null when `code` has no kernel. */
export function cvtColorPlan(shape: Shape, code: unknown): Plan | null {
  const [h, w, c] = shape;
  const weights = typeof code === 'string' && Object.hasOwn(GRAY_WEIGHTS, code) ? GRAY_WEIGHTS[code] : undefined;
  if (!weights) return hsvPlan(shape, code);
  if (c !== 3 && c !== 4) return null;
  return {
    shape: [h, w, 1],
    run(ws, src) {
      const dst = ws.alloc(h * w);
      ws.k.rgbToGray(src, dst, h * w, c, weights[0], weights[1]);
      return dst;
    },
    streaming: {
      pixelIn: c, pixelOut: 1, extraInputs: [],
      prepare: (ws) => (ins, dst, pixels) => ws.k.rgbToGray(ins[0], dst, pixels, c, weights[0], weights[1]),
    },
  };
}

/** `cv2.cvtColor` (see the core's `cvtColor`), SIMD for RGB/BGR/RGBA → gray and RGB/BGR → HSV. */
export function cvtColor(a: PixelArray, code: ColorCode, options?: OutOptions): PixelArray {
  return planOrCore(coreCvtColor, arguments, 3, (x) => cvtColorPlan(x.shape, code), options);
}
