// The filter family: Gaussian, box and median blurs, 2-D correlation and Pillow's emboss.
export { gaussianBlur, type GaussianBlurOptions } from './gaussian.ts';
export { blur, type BlurOptions } from './box.ts';
export { medianBlur, type MedianBlurOptions } from './median.ts';
export { filter2D, type Filter2DOptions } from './filter2d.ts';
export { emboss, type EmbossOptions } from './emboss.ts';
