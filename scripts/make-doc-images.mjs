#!/usr/bin/env node
// Writes the pictures in docs/images/ from the bundled photo with the built library
// (`npm run build` first; `npm run docs:images` does both): what the filters and colour ops do, at
// 320×180 (docs/filters.md, docs/histograms-color.md), and one picture per "More OpenCV" family
// (docs/opencv-more.md), each at most 100 KB.
//
//   node scripts/make-doc-images.mjs [--out <dir>]      (default docs/images)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  adaptiveThreshold, addWeighted, blur, canny, circle, clahe, concat, connectedComponentsWithStats,
  convertScaleAbs, copyMakeBorder, crop, cvtColor, ellipse, emboss, equalizeHist, fillPoly, full, gaussianBlur,
  getPerspectiveTransform, getRotationMatrix2D, getStructuringElement, getTextSize, inRange, laplacian, lut,
  medianBlur, morphologyEx, paste, polylines, putText, pyrDown, pyrUp, rectangle, resize, sobel, threshold, warpAffine,
  warpPerspective,
} from '../dist/index.js';
import { decodeJpeg, decodePng, encodePng } from '../dist/codecs/index.js';
import { loadFont, text } from '../dist/pillow/index.js';

const root = resolve(import.meta.dirname, '..');
export const DEFAULT_OUT = resolve(root, 'docs/images');
/** The pictures of docs/opencv-more.md must stay small: the repository carries them. */
export const MAX_BYTES = 100 * 1024;

/** A white strip 6 pixels wide (axis 1) or high (axis 0), `n` long, to go between pictures. */
const gap = (n, axis, channels) => (axis === 1 ? full(n, 6, channels, 255) : full(6, n, channels, 255));
/** Pictures side by side (axis 1) or stacked (axis 0), with white gaps. */
const row = (imgs, axis = 1) => concat(imgs.flatMap((im, i) => (i === 0 ? [im] : [gap(im.shape[axis === 1 ? 0 : 1], axis, im.shape[2]), im])), axis);

/** The pictures, by file name: the older ones first, then one per family of docs/opencv-more.md. */
export function pictures(photoJpeg) {
  const photo = resize(decodeJpeg(photoJpeg), 320, 180, { interpolation: 'area' });
  const gray = cvtColor(photo, 'RGB2GRAY');
  const older = {
    'photo.png': photo,
    'emboss.png': emboss(photo),
    'gaussian-blur-3.png': gaussianBlur(photo, 3),
    'box-blur-9.png': blur(photo, 9),
    'median-blur-7.png': medianBlur(photo, 7),
    'inrange-mask.png': inRange(cvtColor(photo, 'RGB2HSV'), [5, 80, 60], [25, 255, 255]), // browns and oranges
    'rotate-15.png': warpAffine(photo, getRotationMatrix2D([160, 90], 15, 1), 320, 180),
    'gray.png': gray,
  };
  return { ...older, ...morePictures(photo, gray), 'truetype-text.png': trueTypePicture() };
}

/**
 * docs/pillow.md's TrueType picture: pixelarray's `text` (left) beside Pillow 9.4's rendering of
 * the same font and call (right, the fixtures of test/golden/generate_pillow_truetype.py, cases 21
 * and 22), DejaVu Sans and NanumGothic at 32 pixels.
 */
function trueTypePicture() {
  const dir = resolve(root, 'test/golden/fixtures-pillow/truetype');
  const cases = JSON.parse(readFileSync(resolve(dir, 'cases.json'), 'utf8')).slice(-2);
  return row(cases.map((c) => {
    const [w, h] = c.canvas;
    const ours = full(h, w, 3, c.background);
    text(ours, c.xy, c.text, { ...c.options, font: loadFont(new Uint8Array(readFileSync(resolve(dir, c.font))), c.size) });
    return row([ours, decodePng(readFileSync(resolve(dir, `${c.id}.png`)))]);
  }), 0);
}

/** One picture per family of docs/opencv-more.md (the code the page quotes). */
function morePictures(photo, gray) {
  const out = {};

  // Thresholds: Otsu's global threshold, and the adaptive Gaussian one (11×11, C = 2).
  out['threshold-otsu.png'] = threshold(gray, 0, 255, 'binary', { method: 'otsu' });
  out['adaptive-threshold.png'] = adaptiveThreshold(gray, 255, 'gaussian', 'binary', 11, 2);

  // Equalisation: equalizeHist (left) and CLAHE with clip limit 2 on 8×8 tiles (right).
  out['equalize-clahe.png'] = row([equalizeHist(gray), clahe(gray, { clipLimit: 2, tileGridSize: [8, 8] })]);

  // Lookup table: posterise to 4 levels per channel (v → 85·⌊v / 64⌋).
  out['lut-posterize.png'] = lut(photo, Array.from({ length: 256 }, (_, v) => 85 * (v >> 6)));

  // Morphology: the gradient (dilate − erode) with a 5×5 ellipse.
  out['morphology-gradient.png'] = morphologyEx(gray, 'gradient', getStructuringElement('ellipse', [5, 5]));

  // copyMakeBorder: a thumbnail framed 16 pixels deep by each border mode.
  const thumb = resize(photo, 96, 54, { interpolation: 'area' });
  out['copy-make-border.png'] = row(['reflect101', 'replicate', 'reflect', 'wrap', 'constant']
    .map((mode) => copyMakeBorder(thumb, 16, 16, 16, 16, mode, [40, 90, 200])));

  // Pyramids: pyrDown twice (right: 160×90, 80×45), then pyrUp twice back to 320×180 (left).
  const down1 = pyrDown(photo), down2 = pyrDown(down1);
  const pyramid = full(180, 486, 3, 255);
  paste(pyramid, pyrUp(pyrUp(down2)), [0, 0]);
  paste(pyramid, down1, [326, 0]);
  paste(pyramid, down2, [326, 96]);
  out['pyramid.png'] = pyramid;

  // Derivatives: |∂/∂x| and |∂/∂y| (int16 Sobel, convertScaleAbs) averaged (left); |Laplacian| (right).
  const gx = convertScaleAbs(sobel(gray, 1, 0, { ddepth: 'int16' }));
  const gy = convertScaleAbs(sobel(gray, 0, 1, { ddepth: 'int16' }));
  const lap = convertScaleAbs(laplacian(gray, { ksize: 3, ddepth: 'int16' }));
  out['sobel-laplacian.png'] = row([addWeighted(gx, 0.5, gy, 0.5, 0), lap]);

  // Canny: hysteresis thresholds 60 and 150, aperture 3, L1 gradient.
  out['canny.png'] = canny(gray, 60, 150);

  // Perspective: a keystone (the top edge pulled in), bicubic; and the spoon enlarged 4× by each
  // interpolation of resize: nearest, bilinear, cubic, lanczos4.
  const corners = [[0, 0], [319, 0], [319, 179], [0, 179]];
  const keystone = getPerspectiveTransform(corners, [[60, 20], [260, 20], [319, 179], [0, 179]]);
  out['warp-perspective.png'] = warpPerspective(photo, keystone, 320, 180, { interpolation: 'cubic', borderValue: 255 });
  const spoon = crop(photo, [172, 112, 212, 140]);
  out['resize-interpolations.png'] = row(['nearest', 'bilinear', 'cubic', 'lanczos4']
    .map((interpolation) => resize(spoon, 160, 112, { interpolation })));

  // Shapes and Hershey text, drawn in place on the blurred photo.
  const canvas = gaussianBlur(photo, 2);
  circle(canvas, [155, 60], 48, [255, 255, 0], { thickness: 2, lineType: 'aa' });
  ellipse(canvas, [190, 128], [70, 32], -15, 0, 360, [0, 255, 255], { thickness: 2, lineType: 'aa' });
  ellipse(canvas, [282, 40], [26, 26], 0, 0, 270, [255, 120, 0], { thickness: -1, lineType: 'aa' });
  polylines(canvas, [[12, 150], [40, 112], [68, 150], [96, 112]], false, [255, 255, 255], { thickness: 3, lineType: 'aa' });
  fillPoly(canvas, [[[262, 150], [276, 120], [290, 150]], [[294, 150], [308, 120], [316, 150]]], [255, 60, 60], { lineType: 'aa' });
  const label = 'putText: Hershey simplex';
  const size = getTextSize(label, 'simplex', 0.55, 1);
  rectangle(canvas, [8, 8], [8 + size.width + 8, 8 + size.height + size.baseline + 6], [0, 0, 0], { thickness: -1 });
  putText(canvas, label, [12, 12 + size.height], 'simplex', 0.55, [255, 255, 255], { lineType: 'aa' });
  putText(canvas, 'espresso', [14, 172], 'script_simplex', 0.9, [255, 230, 160], { thickness: 2, lineType: 'aa' });
  out['shapes-text.png'] = canvas;

  // Connected components: what is brighter than its 25×25 neighbourhood by more than 8 (the cup's
  // rim, the highlights on the spoon and the saucer), opened by a 3×3 ellipse, labelled with
  // 8-connectivity; each label its own colour, and boxes from `stats` around the components of 150
  // pixels or more.
  const bright = adaptiveThreshold(gray, 255, 'mean', 'binary', 25, -8);
  const blobs = morphologyEx(bright, 'open', getStructuringElement('ellipse', [3, 3]));
  const { count, labels, stats } = connectedComponentsWithStats(blobs);
  const colored = full(180, 320, 3, 255);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l !== 0) colored.data.set([(l * 97) % 200 + 40, (l * 57) % 200 + 40, (l * 151) % 200 + 40], 3 * i);
  }
  for (let l = 1; l < count; l++) {
    const [x, y, w, h, area] = stats.subarray(5 * l, 5 * l + 5);
    if (area >= 150) rectangle(colored, [x, y], [x + w - 1, y + h - 1], 0);
  }
  out['connected-components.png'] = colored;
  return out;
}

/** The files that must stay under MAX_BYTES (the pictures of docs/opencv-more.md). */
export const SMALL = [
  'threshold-otsu.png', 'adaptive-threshold.png', 'equalize-clahe.png', 'lut-posterize.png', 'morphology-gradient.png',
  'copy-make-border.png', 'pyramid.png', 'sobel-laplacian.png', 'canny.png', 'warp-perspective.png',
  'resize-interpolations.png', 'shapes-text.png', 'connected-components.png',
];

/** Writes every picture into `out`; returns `[name, bytes]` for each. */
export function makeDocImages(out = DEFAULT_OUT) {
  mkdirSync(out, { recursive: true });
  const written = [];
  for (const [name, img] of Object.entries(pictures(readFileSync(resolve(root, 'bench/assets/photo-1080p.jpg'))))) {
    const small = SMALL.includes(name);
    const png = small ? encodePng(img, { compressionLevel: 9 }) : encodePng(img);
    if (small && png.length > MAX_BYTES) throw new Error(`${name}: ${png.length} bytes, more than ${MAX_BYTES}`);
    writeFileSync(resolve(out, name), png);
    written.push([name, png.length]);
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  let out = DEFAULT_OUT;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out' && i + 1 < args.length) out = resolve(args[++i]);
    else if (args[i].startsWith('--out=')) out = resolve(args[i].slice(6));
    else throw new Error(`unknown argument ${args[i]} (usage: node scripts/make-doc-images.mjs [--out <dir>])`);
  }
  const written = makeDocImages(out);
  for (const [name, bytes] of written) console.log(`${name.padEnd(28)} ${(bytes / 1024).toFixed(1).padStart(6)} KiB`);
  console.log(`wrote ${written.length} pictures to ${relative(process.cwd(), out) || '.'}`);
}
