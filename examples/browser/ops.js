// The operations the page offers. Each is a pure function of an H×W×3 RGB PixelArray and one
// number, with no DOM, so the end-to-end test runs this very module in Node and checks that
// Chromium drew exactly the same pixels.
import {
  addSaturate, bitwiseAnd, bitwiseNot, bitwiseOr, calcHist, cvtColor, emboss, full, gaussianBlur, inRange, resize, roll,
} from 'pixelarray';

/**
 * @typedef {import('pixelarray').PixelArray} PixelArray
 * @typedef {{ label: string, min: number, max: number, step: number, value: number }} Param
 * @typedef {{ id: string, label: string, param?: Param, run: (img: PixelArray, value: number) => PixelArray }} Operation
 */

/** @type {Operation[]} */
export const OPERATIONS = [
  {
    id: 'roll',
    label: 'Roll (np.roll)',
    param: { label: 'Shift (px)', min: -600, max: 600, step: 10, value: 150 },
    run: (img, shift) => roll(img, shift, 1),
  },
  {
    id: 'add',
    label: 'Saturating add (cv2.add)',
    param: { label: 'Add', min: -255, max: 255, step: 5, value: 60 },
    run: (img, value) => addSaturate(img, value),
  },
  {
    id: 'emboss',
    label: 'Emboss (Pillow)',
    run: (img) => emboss(img),
  },
  {
    id: 'blur',
    label: 'Gaussian blur',
    param: { label: 'Sigma', min: 0.5, max: 10, step: 0.5, value: 3 },
    run: (img, sigma) => gaussianBlur(img, sigma),
  },
  {
    id: 'resize',
    label: 'Resize (bilinear)',
    param: { label: 'Scale (%)', min: 10, max: 200, step: 5, value: 50 },
    run: (img, percent) => resize(img, scaled(img.width, percent), scaled(img.height, percent)),
  },
  {
    id: 'hsv-mask',
    label: 'HSV mask (inRange)',
    param: { label: 'Hue (0–179)', min: 0, max: 179, step: 1, value: 0 },
    run: hsvMask,
  },
  {
    id: 'histogram',
    label: 'Histogram plot (calcHist)',
    run: histogramPlot,
  },
];

const scaled = (size, percent) => Math.max(1, Math.round((size * percent) / 100));

/**
 * Keeps the colour of pixels whose hue lies within ±5 of `hue` (saturated, not too dark) and
 * turns the rest gray. OpenCV's hue is 0..179 and circular, so a window crossing 0 or 179 wraps
 * (the default, 0, picks the reds on both ends).
 */
function hsvMask(img, hue) {
  const hsv = cvtColor(img, 'RGB2HSV');
  const lo = hue - 5, hi = hue + 5;
  let mask = inRange(hsv, [Math.max(lo, 0), 80, 40], [Math.min(hi, 179), 255, 255]);
  if (lo < 0) mask = bitwiseOr(mask, inRange(hsv, [lo + 180, 80, 40], [179, 255, 255]));
  if (hi > 179) mask = bitwiseOr(mask, inRange(hsv, [0, 80, 40], [hi - 180, 255, 255]));
  const gray = cvtColor(cvtColor(img, 'RGB2GRAY'), 'GRAY2RGB');
  // cv2.bitwise_and(img, img, mask=m) keeps the masked pixels and zeroes the others.
  return bitwiseOr(bitwiseAnd(img, img, { mask }), bitwiseAnd(gray, gray, { mask: bitwiseNot(mask) }));
}

/** The R, G and B histograms drawn over each other, 2 px per bin: overlaps mix (R+G = yellow). */
function histogramPlot(img) {
  const W = 512, H = 256, BACKGROUND = 24;
  const hists = [0, 1, 2].map((c) => calcHist(img, { channels: [c] }));
  let max = 1;
  for (const h of hists) for (const v of h) max = Math.max(max, v);
  const plot = full(H, W, 3, BACKGROUND); // contiguous: element (y, x, c) is data[(y·W + x)·3 + c]
  for (let c = 0; c < 3; c++) {
    for (let x = 0; x < W; x++) {
      const bar = Math.round((hists[c][x >> 1] / max) * (H - 1));
      for (let y = H - bar; y < H; y++) plot.data[(y * W + x) * 3 + c] = 255;
    }
  }
  return plot;
}
