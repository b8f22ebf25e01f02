// pixelarray: the public surface. Re-exports only; nothing runs at import.
export { PixelArray, isContiguous, type Shape, type Stride } from './core/pixelarray.ts';
export { zeros, full, zerosLike, fullLike, fromData } from './core/create.ts';
export { clone } from './core/copy.ts';
export {
  addSaturate, subtractSaturate, addModulo, subtractModulo, absdiff, multiplySaturate, addWeighted,
  convertScaleAbs, type Operand, type OutOptions,
} from './ops/arithmetic.ts';
export { bitwiseAnd, bitwiseOr, bitwiseXor, bitwiseNot, type MaskOptions } from './ops/bitwise.ts';
export { split, merge, concat, type SplitOptions } from './ops/channels.ts';
export { roll, transpose, flip, rot90, crop, paste, type Box } from './ops/geometry.ts';
export { toNdarray, fromNdarray, type NdarrayLike, type NdarrayConstructor } from './interop/ndarray.ts';
export { fromImageData, toImageData, type ImageDataLike } from './interop/imagedata.ts';
export { fromCanvas, toCanvas, type CanvasLike, type Canvas2DContextLike } from './interop/canvas.ts';
export {
  calcHist, normalizeHist, compareHist, MAX_HIST_BINS, type CalcHistOptions, type NormalizeHistOptions,
  type HistNorm, type HistCompareMethod, type Histogram,
} from './imgproc/histogram.ts';
export { cvtColor, inRange, type ColorCode, type RangeBound } from './imgproc/color.ts';
export {
  gaussianBlur, blur, medianBlur, filter2D, emboss, type GaussianBlurOptions, type BlurOptions,
  type MedianBlurOptions, type Filter2DOptions, type EmbossOptions,
} from './imgproc/filters.ts';
export type { BorderMode } from './imgproc/border.ts';
export { resize, type ResizeInterpolation, type ResizeOptions } from './imgproc/resize.ts';
export {
  warpAffine, getRotationMatrix2D, type AffineMatrix, type WarpAffineOptions, type WarpInterpolation,
} from './imgproc/warp.ts';
export {
  line, rectangle, MAX_THICKNESS, MAX_COORD, type Point, type Color, type LineType, type LineOptions, type RectangleOptions,
} from './draw/draw.ts';
// Similar-image search (average hash, histogram index): the 'pixelarray/search' entry point (src/apps/index.ts).
// Tensors and augmentation: the 'pixelarray/ml' entry point (src/ml/index.ts).

// --- More OpenCV (issue 13): one block per family, each re-exporting its module. ---
// family: threshold, equalizeHist, clahe, lut, stats
export {
  threshold, otsuThreshold, triangleThreshold, adaptiveThreshold, type ThresholdType, type ThresholdMethod,
  type ThresholdOptions, type AdaptiveThresholdOptions,
} from './imgproc/threshold.ts';
export { equalizeHist, clahe, type EqualizeHistOptions, type ClaheOptions } from './imgproc/equalize.ts';
export {
  lut, countNonZero, mean, meanStdDev, minMaxLoc, type LutOptions, type LutTable, type StatsOptions,
  type MeanStdDev, type MinMaxLoc,
} from './imgproc/stats.ts';
// family: morphology, copyMakeBorder, pyramids, sobel/scharr/laplacian, canny
export {
  getStructuringElement, erode, dilate, morphologyEx, type MorphShape, type MorphOp, type MorphOptions,
} from './imgproc/morphology.ts';
export { copyMakeBorder, type CopyMakeBorderOptions } from './imgproc/make-border.ts';
export { pyrDown, pyrUp, type PyrDownOptions, type PyrUpOptions } from './imgproc/pyramid.ts';
export {
  sobel, scharr, laplacian, type DerivDepth, type GradientArray, type DerivOptions, type SobelOptions,
  type ScharrOptions, type LaplacianOptions,
} from './imgproc/edges.ts';
export { canny, type CannyOptions } from './imgproc/canny.ts';
// family: perspective, cubic/lanczos4, more cvtColor codes
export {
  getPerspectiveTransform, getAffineTransform, warpPerspective, type PerspectiveMatrix, type Point2,
  type WarpPerspectiveOptions,
} from './imgproc/perspective.ts';
// family: drawing shapes and Hershey text
export {
  circle, ellipse, polylines, fillPoly, type ShapeOptions, type PolylinesOptions, type FillPolyOptions, type Polygon,
} from './draw/shapes.ts';
export { putText, getTextSize, type FontFace, type PutTextOptions, type TextSize } from './draw/text.ts';
// family: connected components
export {
  connectedComponents, connectedComponentsWithStats, type ConnectedComponentsOptions, type ConnectedComponentsResult,
  type ConnectedComponentsStatsResult,
} from './imgproc/components.ts';
// family: contours
export {
  findContours, drawContours, contourArea, boundingRect, arcLength, approxPolyDP, moments,
  type FindContoursResult, type Contour, type HierarchyEntry, type RetrievalMode, type ContourApproximation,
  type Moments, type DrawContoursOptions,
} from './imgproc/contours.ts';
