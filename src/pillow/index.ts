// pixelarray/pillow: Pillow 9.4's semantics under Pillow's names (functions, not methods).
// Re-exports only; nothing runs at import.

// family: resample (resize, reduce, thumbnail, rotate, transpose, convert)
export { resize, thumbnail, RESAMPLE_FILTERS, type Resample, type ResampleName, type ResizeOptions, type ThumbnailOptions } from './resample.ts';
export { reduce, type ReduceOptions } from './reduce.ts';
export { rotate, type RotateOptions, type RotateResample } from './rotate.ts';
export { transpose, TRANSPOSE_METHODS, type TransposeMethod, type TransposeOptions } from './transpose.ts';
export { convert, type ConvertOptions } from './convert.ts';
export type { PillowMode } from './modes.ts';
// family: ImageFilter, ImageOps, ImageEnhance, ImageChops
export {
  filter, GaussianBlur, BoxBlur, UnsharpMask, RankFilter, MedianFilter, MinFilter, MaxFilter, ModeFilter, Kernel,
  type FilterSpec, type FilterOptions, type BuiltinFilterName, type GaussianBlurSpec, type BoxBlurSpec, type UnsharpMaskSpec,
  type RankFilterSpec, type MedianFilterSpec, type MinFilterSpec, type MaxFilterSpec, type ModeFilterSpec, type KernelSpec,
} from './filter.ts';
export {
  autocontrast, equalize, posterize, solarize, invert, grayscale, mirror, flip, exifTranspose, expand, contain, pad, fit,
  type ImageOpsOptions, type AutocontrastOptions, type EqualizeOptions, type ExifTransposeOptions, type ContainOptions,
  type PadOptions, type FitOptions,
} from './imageops.ts';
export { enhanceBrightness, enhanceContrast, enhanceColor, enhanceSharpness, type EnhanceOptions } from './enhance.ts';
export {
  blend, composite, screen, multiply, difference, lighter, darker, add, subtract, addModulo, subtractModulo,
  softLight, hardLight, overlay, type ChopsOptions,
} from './chops.ts';
// family: ImageDraw and text
export {
  rectangle, ellipse, polygon, line, point, text,
  type DrawColor, type DrawPoints, type ShapeOptions, type LineOptions, type PointOptions, type TextOptions,
} from './draw.ts';
export { loadFont, FontError, type TrueTypeFont } from './truetype.ts';
