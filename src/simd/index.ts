// pixelarray/simd: the core's public API, with WebAssembly SIMD128 kernels where they pay.
// `await ready()` once; every function keeps the core's name, signature, errors and result
// bytes, and is the core itself until then, or wherever WebAssembly SIMD is unavailable.
export * from '../index.ts';
export { ready, simdEnabled } from './runtime.ts';
export {
  addSaturate, subtractSaturate, addModulo, subtractModulo, absdiff, bitwiseAnd, bitwiseOr, bitwiseXor, bitwiseNot,
} from './elementwise.ts';
export { cvtColor } from './color.ts';
export { gaussianBlur, blur, medianBlur, filter2D, emboss } from './filters.ts';
export { pipeline, Pipeline } from './pipeline.ts';
export { split, merge } from './channels.ts';
export { clone } from './geometry.ts';
export { inRange } from './hsv.ts';
export { resize, warpAffine } from './resize.ts';
export { threshold } from './threshold.ts';
export { erode, dilate, morphologyEx } from './morphology.ts';
export { sobel, scharr, laplacian } from './edges.ts';
export { calcHist } from './histogram.ts';
export { pyrDown, pyrUp } from './pyramid.ts';
