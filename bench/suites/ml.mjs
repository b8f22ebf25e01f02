// Tensors for ML and augmentation on the 1080p photo. Case format: see arithmetic.mjs.
// Float results are compared as their bytes (Float32Array → Uint8Array over the same memory).
//
// Peers that compute the same bits: ndarray-ops `divs` (float64 x / 255 stored into a
// Float32Array: rounded once more to float32, which equals the float32 quotient for every byte),
// opencv.js `convertTo(CV_32F, 1/255)` (float32 x · float32(1/255): Keras' rescale, toFloat32's
// `{ scale: 1/255 }`) and `convertTo(CV_8U, 255)` (float32 product, rounded half to even,
// saturated: fromFloat32), and `warpAffine(..., INTER_LINEAR | WARP_INVERSE_MAP, BORDER_REPLICATE)`
// with the augmentation's matrix.

import * as ml from '../../dist/ml/index.js';

const bytesOfFloats = (f) => new Uint8Array(f.buffer, f.byteOffset, f.byteLength);

/** An augmentation's fixed parameters: rotation, shift and zoom (what one random draw looks like). */
const PARAMS = { theta: 12.5, tx: 38.4, ty: -21.6, shear: 0, zx: 1.08, zy: 0.94 };

function toFloatCase(lib, name, options, { ndarray, opencvScale, note }) {
  return {
    name,
    family: 'ml',
    note,
    make(ctx) {
      const { A } = ctx;
      const n = A.size;
      const out = new Float32Array(n);
      const systems = {
        pixelarray: { mode: 'reuse', run: () => lib.toFloat32(A, { ...options, out }), output: () => bytesOfFloats(out) },
      };
      const cleanup = [];
      if (ndarray && ctx.ndarray) {
        const nd = ctx.ndarray.ndarray(new Float32Array(n), [...A.shape]);
        const na = ctx.ndA, ops = ctx.ndarray.ops;
        systems.ndarray = {
          mode: 'reuse', run: () => ops.divs(nd, na, 255), output: () => bytesOfFloats(nd.data),
          note: 'ops.divs(out, a, 255) into a Float32Array: the float64 quotient rounded to float32 (the same bits)',
        };
      }
      if (opencvScale !== undefined && ctx.cv) {
        const cv = ctx.cv;
        const dst = new cv.Mat();
        const src = ctx.cvA;
        systems.opencv = {
          mode: 'reuse', run: () => src.convertTo(dst, cv.CV_32F, opencvScale), output: () => new Uint8Array(dst.data.slice(0, n * 4)),
          note: `convertTo(dst, CV_32F, ${opencvScale === 1 / 255 ? '1/255' : opencvScale})`,
        };
        cleanup.push(() => dst.delete());
      }
      return { systems, cleanup: () => cleanup.forEach((f) => f()) };
    },
  };
}

function toBatchCase(lib) {
  return {
    name: 'toBatch 4 × 1080p → [4, 1080, 1920, 3] float32 ÷255',
    family: 'ml',
    make(ctx) {
      const { A, B } = ctx;
      const images = [A, B, A, B];
      const size = A.size;
      const out = new Float32Array(4 * size);
      const systems = {
        pixelarray: { mode: 'reuse', run: () => lib.toBatch(images, { out }), output: () => bytesOfFloats(out) },
      };
      if (ctx.ndarray) {
        const data = new Float32Array(4 * size);
        const slots = [0, 1, 2, 3].map((i) => ctx.ndarray.ndarray(data.subarray(i * size, (i + 1) * size), [...A.shape]));
        const srcs = [ctx.ndA, ctx.ndB, ctx.ndA, ctx.ndB], ops = ctx.ndarray.ops;
        systems.ndarray = {
          mode: 'reuse', run: () => { for (let i = 0; i < 4; i++) ops.divs(slots[i], srcs[i], 255); }, output: () => bytesOfFloats(data),
          note: 'ops.divs into four views of one Float32Array',
        };
      }
      return { systems };
    },
  };
}

function fromFloatCase(lib) {
  return {
    name: 'fromFloat32 ×255, rint, clip → uint8',
    family: 'ml',
    make(ctx) {
      const { A } = ctx;
      const t = lib.toFloat32(A);
      const out = lib.zerosLike(A);
      const systems = { pixelarray: { mode: 'reuse', run: () => lib.fromFloat32(t.data, t.shape, { out }), output: () => out } };
      const cleanup = [];
      if (ctx.cv) {
        const cv = ctx.cv;
        const [h, w] = A.shape;
        const src = new cv.Mat(h, w, cv.CV_32FC3);
        src.data32F.set(t.data);
        const dst = ctx.emptyMat(A.shape);
        systems.opencv = { mode: 'reuse', run: () => src.convertTo(dst, cv.CV_8U, 255), output: () => dst, note: 'convertTo(dst, CV_8U, 255)' };
        cleanup.push(() => { src.delete(); dst.delete(); });
      }
      return { systems, cleanup: () => cleanup.forEach((f) => f()) };
    },
  };
}

function applyTransformCase(lib) {
  return {
    name: 'applyTransform rotate 12.5° + shift + zoom, bilinear, fill nearest',
    family: 'ml',
    note: 'the matrix of transformMatrix(params); OpenCV gets it with WARP_INVERSE_MAP and BORDER_REPLICATE',
    make(ctx) {
      const { A } = ctx;
      const out = lib.zerosLike(A);
      const systems = { pixelarray: { mode: 'reuse', run: () => lib.applyTransform(A, PARAMS, { out }), output: () => out } };
      const cleanup = [];
      if (ctx.cv) {
        const cv = ctx.cv;
        const m = lib.transformMatrix(PARAMS, A);
        const M = cv.matFromArray(2, 3, cv.CV_64F, m.flat());
        const size = new cv.Size(A.shape[1], A.shape[0]);
        const dst = ctx.emptyMat(A.shape);
        const src = ctx.cvA, value = new cv.Scalar(0, 0, 0, 0);
        systems.opencv = {
          mode: 'reuse',
          run: () => cv.warpAffine(src, dst, M, size, cv.INTER_LINEAR | cv.WARP_INVERSE_MAP, cv.BORDER_REPLICATE, value),
          output: () => dst,
          note: 'warpAffine(src, dst, M, size, INTER_LINEAR | WARP_INVERSE_MAP, BORDER_REPLICATE)',
        };
        cleanup.push(() => { M.delete(); dst.delete(); });
      }
      return { systems, cleanup: () => cleanup.forEach((f) => f()) };
    },
  };
}

function augmentCase(lib) {
  const opts = {
    rotationRange: 20, widthShiftRange: 0.1, heightShiftRange: 0.1, zoomRange: 0.15, horizontalFlip: true,
    brightnessRange: [0.7, 1.3], fillMode: 'reflect', seed: 7,
  };
  return {
    name: 'augment (seeded: rotation, shifts, zoom, flip, brightness)',
    family: 'ml',
    note: 'one full random draw and its warp, flip and Pillow brightness; no peer has the same pipeline',
    make(ctx) {
      const out = lib.zerosLike(ctx.A);
      return { systems: { pixelarray: { mode: 'reuse', run: () => lib.augment(ctx.A, { ...opts, out }), output: () => out } } };
    },
  };
}

/** `core` is the built library (dist/index.js); the ML functions come from its 'pixelarray/ml' entry. */
export default function cases(core) {
  const lib = { ...core, ...ml };
  if (typeof lib.toFloat32 !== 'function' || typeof lib.augment !== 'function') {
    return [{ name: 'toFloat32 / augment', family: 'ml', unavailable: 'pixelarray has no toFloat32 / augment in dist/ml/index.js yet' }];
  }
  return [
    toFloatCase(lib, 'toFloat32 ÷255 → float32 HWC', {}, { ndarray: true }),
    toFloatCase(lib, 'toFloat32 ×(1/255) (Keras rescale) → float32 HWC', { scale: 1 / 255 }, { opencvScale: 1 / 255 }),
    toFloatCase(lib, 'toFloat32 ImageNet mean/std → float32 HWC', { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }, {
      note: '(x / 255 − mean) / std per channel in float32, through one table per channel',
    }),
    toBatchCase(lib),
    fromFloatCase(lib),
    applyTransformCase(lib),
    augmentCase(lib),
  ];
}
