// pixelarray/ml: float32 tensors for ML frameworks and Keras-style augmentation. A separate entry
// point (browser-safe, no dependencies) so that the core bundle stays small for those who don't
// need it; it builds on the core's warpAffine, flip and arithmetic.
export {
  toFloat32, toBatch, fromFloat32, fromBatch, type Float32Tensor, type Tensor3D, type Tensor4D,
  type ToFloat32Options, type FromFloat32Options,
} from './tensor.ts';
export {
  augment, augmentBatch, randomTransform, applyTransform, transformMatrix, FILL_MODES, type AugmentOptions,
  type AugmentBatchOptions, type TransformOptions, type TransformParams, type RandomTransform, type FillMode,
  type ShiftRange,
} from '../augment/augment.ts';
export { enhanceBrightness } from '../augment/brightness.ts';
export { seededRandom, type RandomSource } from '../augment/random.ts';
export {
  ImageDataGenerator, type ImageDataGeneratorOptions, type KerasTransformParams, type KerasShiftRange,
} from './keras/image-data-generator.ts';
export { seedRandom } from './keras/common.ts';
export { RandomState } from './keras/random-state.ts';
export { ArrayIterator, type FlowOptions, type FlowImages, type Labels } from './keras/iterator.ts';
export { imgToArray } from './keras/convert.ts';
