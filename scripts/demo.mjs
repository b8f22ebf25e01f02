#!/usr/bin/env node
// npm run demo: the Python image tutorial (NumPy, OpenCV, Pillow), reproduced step by step with
// pixelarray on the bundled photo. Writes one PNG per result and docs/gallery/index.html, which
// shows every result beside the code that made it.
//
//   node scripts/demo.mjs [--out <dir>]      (after `npm run build`: it runs the built dist/)
//
// The code on the page is each step's own `run` function, read back with Function.prototype.toString,
// so the page cannot drift from what runs. Each `run` receives the results of the steps before it
// (`photo`, `other`, …) and returns named results: PixelArrays become PNGs, strings are printed.
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  adaptiveThreshold, addModulo, addSaturate, bitwiseAnd, calcHist, clone, compareHist, concat,
  connectedComponentsWithStats, crop, cvtColor, emboss, flip, fromData, full, gaussianBlur, getStructuringElement,
  inRange, line, lut, merge, morphologyEx, normalizeHist, paste, PixelArray, putText, rectangle, resize, roll, rot90,
  split, transpose,
} from '../dist/index.js';
import { decodeJpeg, decodePng, encodePng } from '../dist/codecs/index.js';
import * as pillow from '../dist/pillow/index.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
export const DEFAULT_OUT = join(ROOT, 'docs', 'gallery');
const INPUTS = {
  photoJpeg: join(ROOT, 'bench', 'assets', 'photo-1080p.jpg'),
  otherJpeg: join(ROOT, 'docs', 'gallery', 'source', 'chelsea-400.jpg'),
  coinsPng: join(ROOT, 'docs', 'gallery', 'source', 'coins.png'),
};

/** The walk-through. `python` is the tutorial's line, for comparison (not run). */
export const steps = [
  {
    id: 'load',
    title: 'Open the photo and make it smaller',
    python: "img = cv2.resize(np.asarray(Image.open('photo-1080p.jpg')), (400, 225), interpolation=cv2.INTER_AREA)",
    note: 'The bundled 1920×1080 photo (scikit-image\'s CC0 "coffee"), decoded to RGB like Pillow, then shrunk with OpenCV\'s area averaging so the gallery stays small. Every later step starts from <code>photo</code>.',
    run: ({ photoJpeg, otherJpeg }) => {
      const photo = resize(decodeJpeg(photoJpeg), 400, 225, { interpolation: 'area' });
      const other = crop(decodeJpeg(otherJpeg), [0, 20, 400, 245]); // a second photo (16:9), for step 15
      return { photo, other };
    },
  },
  {
    id: 'flip',
    title: 'Flip top to bottom',
    python: 'np.flipud(img)   # or cv2.flip(img, 0), im.transpose(Image.FLIP_TOP_BOTTOM)',
    note: '<code>flip</code> returns a view with a negative row stride: no pixel is copied.',
    run: ({ photo }) => {
      const upsideDown = flip(photo, 0);
      return { upsideDown };
    },
  },
  {
    id: 'transpose',
    title: 'Transpose',
    python: 'img.transpose(1, 0, 2)   # np.transpose: rows become columns',
    note: 'Also a view: the row and column strides swap.',
    run: ({ photo }) => {
      const transposed = transpose(photo);
      return { transposed };
    },
  },
  {
    id: 'crop',
    title: 'Crop',
    python: 'im.crop((110, 0, 290, 150))   # img[0:150, 110:290]',
    note: 'A Pillow box: left, upper, right, lower (right and lower excluded). Inside the image it is a view.',
    run: ({ photo }) => {
      const cup = crop(photo, [110, 0, 290, 150]);
      return { cup };
    },
  },
  {
    id: 'resize',
    title: 'Resize: nearest neighbour and bilinear',
    python: 'cv2.resize(spoon, (240, 210), interpolation=cv2.INTER_NEAREST)   # and cv2.INTER_LINEAR',
    note: 'A 40×35 patch of the spoon blown up six times; the same pixels as <code>cv2.resize</code>.',
    run: ({ photo }) => {
      const spoon = crop(photo, [215, 140, 255, 175]);
      const nearest = resize(spoon, 240, 210, { interpolation: 'nearest' });
      const bilinear = resize(spoon, 240, 210);
      return { nearest, bilinear };
    },
  },
  {
    id: 'paste',
    title: 'Paste a rotated crop back',
    python: "region = im.crop(box).transpose(Image.ROTATE_180); im.paste(region, box)",
    note: 'The Pillow tutorial\'s first example: cut out a region, turn it half a turn, paste it where it was.',
    run: ({ photo }) => {
      const box = [110, 10, 290, 120];
      const region = rot90(crop(photo, box), 2);
      const pasted = paste(clone(photo), region, [box[0], box[1]]); // paste writes in place
      return { pasted };
    },
  },
  {
    id: 'roll',
    title: 'Roll by 50 columns',
    python: 'np.roll(img, 50, axis=1)',
    note: 'Columns shifted right; the 50 that fall off the right edge come back on the left.',
    run: ({ photo }) => {
      const rolled = roll(photo, 50, 1);
      return { rolled };
    },
  },
  {
    id: 'bgr',
    title: 'RGB to BGR by splitting and merging channels',
    python: "r, g, b = im.split(); im = Image.merge('RGB', (b, g, r))",
    note: 'The red saucer turns blue: the same bytes, read in the other channel order.',
    run: ({ photo }) => {
      const [r, g, b] = split(photo);
      const bgr = merge([b, g, r]);
      return { bgr };
    },
  },
  {
    id: 'emboss',
    title: 'Emboss',
    python: 'im.filter(ImageFilter.EMBOSS)',
    note: 'Pillow\'s 3×3 emboss kernel with its offset of 128, bit for bit.',
    run: ({ photo }) => {
      const embossed = emboss(photo);
      return { embossed };
    },
  },
  {
    id: 'blur',
    title: 'Gaussian blur, radius (σ) 3',
    python: 'cv2.GaussianBlur(img, (0, 0), 3)',
    note: 'OpenCV\'s kernel size for σ = 3 (19×19) and its 8-bit fixed-point arithmetic.',
    run: ({ photo }) => {
      const blurred = gaussianBlur(photo, 3);
      return { blurred };
    },
  },
  {
    id: 'rectangle',
    title: 'Draw rectangles and a line',
    python: 'cv2.rectangle(img, (108, 2), (282, 152), (255, 0, 0), 3)',
    note: 'Drawn in place on a copy, pixel for pixel as <code>cv2.rectangle</code> and <code>cv2.line</code> draw them.',
    run: ({ photo }) => {
      const boxed = clone(photo);
      rectangle(boxed, [108, 2], [282, 152], [255, 0, 0], { thickness: 3 });      // the cup
      rectangle(boxed, [212, 125], [272, 198], [255, 255, 0], { thickness: 2 });  // the spoon
      line(boxed, [282, 152], [360, 210], [255, 255, 0], { thickness: 2 });
      rectangle(boxed, [350, 205], [370, 215], [255, 255, 0], { thickness: -1 }); // filled
      return { boxed };
    },
  },
  {
    id: 'add',
    title: 'Saturating versus modulo addition',
    python: 'cv2.add(np.uint8([200]), np.uint8([100]))  # 255;   np.uint8([200]) + np.uint8([100])  # 44',
    note: 'OpenCV clamps at 255; NumPy\'s uint8 wraps around (300 − 256 = 44). On the photo, +100 washes it out with <code>addSaturate</code> and scrambles the bright parts with <code>addModulo</code>.',
    run: ({ photo }) => {
      const pixel = fromData(Uint8Array.of(200), 1, 1, 1);
      const log = `addSaturate: 200 + 100 = ${addSaturate(pixel, 100).get(0, 0)}\n` +
        `addModulo:   200 + 100 = ${addModulo(pixel, 100).get(0, 0)}`;
      const saturated = addSaturate(photo, 100);
      const wrapped = addModulo(photo, 100);
      return { log, saturated, wrapped };
    },
  },
  {
    id: 'mask',
    title: 'A colour mask with inRange on HSV',
    python: 'mask = cv2.inRange(cv2.cvtColor(img, cv2.COLOR_RGB2HSV), (0, 150, 60), (6, 255, 255))',
    note: 'Strong reds (hue 0–6 of OpenCV\'s 0–180): the saucer and the cup. The mask is 255 where the pixel is in range; <code>bitwiseAnd</code> with it keeps those pixels.',
    run: ({ photo }) => {
      const hsv = cvtColor(photo, 'RGB2HSV');
      const mask = inRange(hsv, [0, 150, 60], [6, 255, 255]);
      const reds = bitwiseAnd(photo, photo, { mask });
      return { mask, reds };
    },
  },
  {
    id: 'histograms',
    title: 'Per-channel histograms, plotted with line and rectangle',
    python: "hist = cv2.calcHist([img], [c], None, [256], [0, 256]); cv2.normalize(hist, hist, 0, 190, cv2.NORM_MINMAX)",
    note: 'One 256-bin histogram per channel, each scaled to its own peak, drawn as a polyline on a 512×200 canvas.',
    run: ({ photo }) => {
      const [W, H] = [512, 200];
      const plot = full(H, W, 3, 255);
      for (let x = 64; x < W; x += 64) line(plot, [x, 0], [x, H - 1], 225); // a grid line every 32 levels
      const colors = [[220, 40, 40], [40, 160, 40], [40, 70, 220]];
      for (const c of [0, 1, 2]) {
        const hist = calcHist(photo, { channels: [c], bins: [256], ranges: [[0, 256]] });
        const heights = normalizeHist(hist, { norm: 'minmax', alpha: 0, beta: H - 10 });
        for (let v = 1; v < 256; v++) {
          const y0 = H - 1 - Math.round(heights[v - 1]), y1 = H - 1 - Math.round(heights[v]);
          line(plot, [2 * v - 2, y0], [2 * v, y1], colors[c], { thickness: 2 });
        }
      }
      rectangle(plot, [0, 0], [W - 1, H - 1], 0); // frame
      return { histograms: plot };
    },
  },
  {
    id: 'similar',
    title: 'Similarity search: rank variants by histogram distance',
    python: "h = cv2.normalize(cv2.calcHist([im], [0, 1, 2], None, [8, 8, 8], [0, 256] * 3), None).flatten(); cv2.compareHist(q, h, cv2.HISTCMP_CHISQR)",
    note: 'An 8×8×8 colour histogram per image (L2-normalised, as <code>cv2.normalize</code> does by default), compared with the photo\'s by chi-square: smaller is more alike. A mirror image has exactly the same colours; blurring and brightening move them a little and a lot; another photo is far away. The sheet shows the query first, then the variants nearest first, each over a bar as long as the logarithm of its distance.',
    run: ({ photo, other }) => {
      const variants = {
        flipped: flip(photo, 1),
        blurred: gaussianBlur(photo, 3),
        brightened: addSaturate(photo, 40),
        'another photo': other,
      };
      const describe = (img) => normalizeHist(calcHist(img, {
        channels: [0, 1, 2], bins: [8, 8, 8], ranges: [[0, 256], [0, 256], [0, 256]],
      }));
      const query = describe(photo);
      const ranked = Object.entries(variants)
        .map(([name, img]) => ({ name, img, distance: compareHist(query, describe(img), 'chisqr') }))
        .sort((a, b) => a.distance - b.distance);
      const log = ranked.map((r, i) => `${i + 1}. ${r.name.padEnd(14)} chi-square ${r.distance.toFixed(4)}`).join('\n');

      // A contact sheet: 120×90 thumbnails, the query first, each over a bar of its distance (log scale).
      const scale = 116 / Math.log1p(Math.max(...ranked.map((r) => r.distance)));
      const tile = (img, distance) => {
        const bar = full(14, 120, 3, 255);
        const length = Math.round(Math.log1p(distance) * scale);
        if (length > 0) rectangle(bar, [2, 3], [1 + length, 10], [200, 40, 40], { thickness: -1 });
        return concat([resize(img, 120, 90, { interpolation: 'area' }), bar], 0);
      };
      const gap = full(104, 6, 3, 255);
      const tiles = [tile(photo, 0), ...ranked.map((r) => tile(r.img, r.distance))];
      const sheet = concat(tiles.flatMap((t, i) => (i === 0 ? [t] : [gap, t])), 1);
      return { log, sheet };
    },
  },
  {
    id: 'coins',
    title: 'Count the coins: threshold, morphology, connected components',
    python: "bw = cv2.adaptiveThreshold(coins, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 51, -12); bw = cv2.morphologyEx(cv2.morphologyEx(bw, cv2.MORPH_CLOSE, e5), cv2.MORPH_OPEN, e7); n, labels, stats, centroids = cv2.connectedComponentsWithStats(bw)",
    note: 'scikit-image\'s "coins" photo (384×303, gray). Its background is lit unevenly, so a single Otsu threshold takes the bright top-left corner for coins too; <code>adaptiveThreshold</code> compares each pixel with the mean of its 51×51 neighbourhood instead (foreground: more than 12 above it). A 5×5 elliptic close fills small dark marks inside the coins, and a 7×7 open removes the specks around them (and cuts the one bridge the close makes between two coins); <code>connectedComponentsWithStats</code> labels what is left and gives each component its bounding box and area. Components of fewer than 400 pixels, or touching the edge of the picture (coins cut off, corners of the background), are not counted. The boxes and numbers (in label order: OpenCV\'s scan order) are drawn with <code>rectangle</code> and <code>putText</code>, on the photo reduced to 64 grey levels with <code>lut</code> to keep the PNG small.',
    run: ({ coinsPng }) => {
      const coins = decodePng(coinsPng); // 303×384×1
      const [H, W] = coins.shape;
      const bw = adaptiveThreshold(coins, 255, 'mean', 'binary', 51, -12);
      const ellipse = (n) => getStructuringElement('ellipse', [n, n]);
      const cleaned = morphologyEx(morphologyEx(bw, 'close', ellipse(5)), 'open', ellipse(7));
      const { count, stats } = connectedComponentsWithStats(cleaned);
      const counted = cvtColor(lut(coins, Array.from({ length: 256 }, (_, v) => v & 0xfc)), 'GRAY2RGB');
      let found = 0;
      for (let label = 1; label < count; label++) {
        const [x, y, w, h, area] = stats.subarray(5 * label, 5 * label + 5);
        if (area < 400 || x === 0 || y === 0 || x + w === W || y + h === H) continue;
        found++;
        rectangle(counted, [x, y], [x + w - 1, y + h - 1], [255, 40, 40], { thickness: 2 });
        putText(counted, String(found), [x + 3, y + 15], 'simplex', 0.45, [255, 255, 0], { lineType: 'aa' });
      }
      const log = `${count - 1} components, ${found} coins (the others touch the edge or have under 400 pixels)`;
      return { log, cleaned, counted };
    },
  },
  {
    id: 'pillow-resize',
    title: 'Pillow: resize to 300×200',
    python: 'im.resize((300, 200))   # Pillow\'s default filter for RGB: Image.BICUBIC',
    note: 'From here on, <code>pillow.*</code> is <code>pixelarray/pillow</code>: Pillow 9.4\'s functions, bit for bit. Pillow\'s bicubic is a convolution whose support widens with the reduction (here 4/3 horizontally, 9/8 vertically), not OpenCV\'s fixed 4×4 interpolation; the aspect ratio changes, as in the call.',
    run: ({ photo }) => {
      const resized = pillow.resize(photo, [300, 200]);
      const log = `resize: ${photo.shape[1]}×${photo.shape[0]} → ${resized.shape[1]}×${resized.shape[0]}, bicubic`;
      return { log, resized };
    },
  },
  {
    id: 'pillow-transpose',
    title: 'Pillow: transpose(6), TRANSVERSE',
    python: 'im.transpose(Image.Transpose.TRANSVERSE)   # 6',
    note: 'The transpose across the other diagonal: the bottom-right pixel comes to the top left. Unlike the core\'s views, Pillow\'s <code>transpose</code> returns a new image.',
    run: ({ photo }) => {
      const transversed = pillow.transpose(photo, 6);
      const [h, w] = photo.shape;
      const rgb = (img, y, x) => [0, 1, 2].map((c) => img.get(y, x, c)).join(', ');
      const corner = rgb(transversed, 0, 0) === rgb(photo, h - 1, w - 1);
      const log = `transpose(6): ${w}×${h} → ${transversed.shape[1]}×${transversed.shape[0]}; ` +
        `top-left pixel = the photo's bottom-right: ${corner}`;
      return { log, transversed };
    },
  },
  {
    id: 'pillow-blur',
    title: 'Pillow: GaussianBlur(3)',
    python: 'im.filter(ImageFilter.GaussianBlur(3))',
    note: 'Pillow\'s Gaussian is three extended box blurs per axis in 8.24 fixed point, so its bytes differ from <code>cv2.GaussianBlur</code>\'s in step 10 (printed: how many, and by how much at most).',
    run: ({ photo, blurred }) => {
      const pillowBlurred = pillow.filter(photo, pillow.GaussianBlur(3));
      let differ = 0, most = 0;
      for (let i = 0; i < pillowBlurred.data.length; i++) {
        const d = Math.abs(pillowBlurred.data[i] - blurred.data[i]);
        if (d) differ++;
        most = Math.max(most, d);
      }
      const log = `GaussianBlur(3): ${differ} of ${pillowBlurred.data.length} bytes differ from cv2.GaussianBlur σ 3, by at most ${most}`;
      return { log, pillowBlurred };
    },
  },
  {
    id: 'pillow-draw',
    title: 'Pillow: ImageDraw rectangle and text',
    python: "draw = ImageDraw.Draw(im); draw.rectangle((108, 2, 282, 152)); draw.text((112, 6), 'coffee cup')",
    note: 'Both in place on a copy, with Pillow\'s defaults: a 1-pixel outline in the default ink (white for RGB), and the default bitmap font (the 11-pixel Courier of <code>ImageFont.load_default()</code>) in white.',
    run: ({ photo }) => {
      const drawn = clone(photo);
      pillow.rectangle(drawn, [108, 2, 282, 152]);
      pillow.text(drawn, [112, 6], 'coffee cup');
      const white = (x, y) => [0, 1, 2].every((c) => drawn.get(y, x, c) === 255);
      let inked = 0;
      for (let y = 6; y < 17; y++) for (let x = 112; x < 172; x++) if (white(x, y)) inked++;
      const log = `rectangle: outline white at the corners: ${white(108, 2) && white(282, 152)}\n` +
        `text: ${inked} white pixels in the 60×11 box of 'coffee cup'`;
      return { log, drawn };
    },
  },
];

/** The source of a step's `run`, as shown on the page: the function body, dedented. */
export function codeOf(step) {
  const lines = step.run.toString().split('\n').slice(1, -1);
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Runs every step; writes the PNGs and index.html into `out`. Returns what it wrote. */
export function runDemo({ out = DEFAULT_OUT, log = () => {} } = {}) {
  mkdirSync(out, { recursive: true });
  // Old results go (only the files this script writes: NN-*.png and index.html).
  for (const f of readdirSync(out)) if (/^\d\d-.*\.png$/.test(f) || f === 'index.html') rmSync(join(out, f));
  const ctx = Object.fromEntries(Object.entries(INPUTS).map(([k, file]) => [k, readFileSync(file)]));
  const sections = [];
  const written = [];
  steps.forEach((step, i) => {
    const t0 = performance.now();
    const result = step.run(ctx);
    const ms = performance.now() - t0;
    const figures = [];
    const texts = [];
    for (const [name, value] of Object.entries(result)) {
      ctx[name] = value;
      if (typeof value === 'string') { texts.push(value); continue; }
      if (!(value instanceof PixelArray)) throw new Error(`step ${step.id}: result ${name} is neither an image nor text`);
      const file = `${String(i + 1).padStart(2, '0')}-${step.id}-${name.replace(/[^a-zA-Z0-9]+/g, '-')}.png`;
      writeFileSync(join(out, file), encodePng(value, { compressionLevel: 9 }));
      written.push(file);
      const [h, w, c] = value.shape;
      figures.push({ file, name, caption: `${name} · ${w}×${h}×${c}` });
    }
    log(`${String(i + 1).padStart(2)}. ${step.title}: ${figures.map((f) => f.file).join(', ') || '(text)'} (${ms.toFixed(1)} ms)`);
    for (const t of texts) for (const l of t.split('\n')) log(`      ${l}`); // what the step printed, e.g. the coin count
    sections.push(section(step, i + 1, figures, texts));
  });
  writeFileSync(join(out, 'index.html'), page(sections));
  written.push('index.html');
  return written;
}

function section(step, n, figures, texts) {
  const imgs = figures.map((f) => `      <figure><img src="${f.file}" alt="${escapeHtml(f.name)}" loading="lazy"><figcaption>${escapeHtml(f.caption)}</figcaption></figure>`);
  const outputs = texts.map((t) => `      <pre class="output">${escapeHtml(t)}</pre>`);
  return `  <section id="${step.id}">
    <h2>${n}. ${escapeHtml(step.title)}</h2>
    <p>${step.note}</p>
    <div class="row">
      <div class="code">
        <pre><code>${escapeHtml(codeOf(step))}</code></pre>
        <p class="python">Python: <code>${escapeHtml(step.python)}</code></p>
      </div>
      <div class="results">
${[...outputs, ...imgs].join('\n')}
      </div>
    </div>
  </section>`;
}

function page(sections) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pixelarray: the Python image tutorial, reproduced</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1em 2em; color: #222; }
  h1 { margin-bottom: 0.2em; }
  section { border-top: 1px solid #ddd; padding: 0.5em 0 1em; }
  h2 { font-size: 1.15em; margin: 0.6em 0 0.2em; }
  .row { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
  .code { flex: 1 1 420px; min-width: 0; }
  .results { flex: 1 1 420px; display: flex; flex-wrap: wrap; gap: 0.8em; align-items: flex-start; }
  pre { background: #f6f8fa; padding: 0.7em 0.9em; overflow-x: auto; font-size: 13px; margin: 0; border-radius: 4px; }
  pre.output { background: #fffbe6; }
  .python { color: #666; font-size: 13px; margin: 0.4em 0 0; }
  .python code { background: none; }
  figure { margin: 0; }
  figure img { display: block; max-width: 100%; image-rendering: auto; border: 1px solid #eee; }
  figcaption { font-size: 12px; color: #666; }
</style>
</head>
<body>
<h1>The Python image tutorial, reproduced with pixelarray</h1>
<p>Each step of the usual NumPy / OpenCV / Pillow walk-through, run on the photo bundled with the
repository. Left: the code that ran (the step's own function in <code>scripts/demo.mjs</code>, read
back from the script, so it cannot drift) and the Python it stands for; right: what it produced.
The names it uses come from <code>import { … } from 'pixelarray'</code>,
<code>import { decodeJpeg, decodePng } from 'pixelarray/codecs'</code> and, for the Pillow steps,
<code>import * as pillow from 'pixelarray/pillow'</code>; <code>photo</code> and <code>other</code>
are the results of step 1. Regenerate with <code>npm run demo</code>. Every result is bit for bit what
OpenCV 4.6, NumPy and Pillow compute (see the golden tests).</p>
<p>Photos: scikit-image's sample images "coffee" (Rachel Michetti) and "chelsea" (Stefan van der
Walt), both CC0, and "coins" (Greek coins from Pompeii, Brooklyn Museum Collection; no known
copyright restrictions).</p>
${sections.join('\n')}
</body>
</html>
`;
}

function parseArgs(argv) {
  let out = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && i + 1 < argv.length) out = resolve(argv[++i]);
    else if (argv[i].startsWith('--out=')) out = resolve(argv[i].slice(6));
    else if (argv[i] === '--help' || argv[i] === '-h') {
      process.stdout.write('usage: node scripts/demo.mjs [--out <dir>]   (default docs/gallery; build first)\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]} (try --help)`);
  }
  return { out };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { out } = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const files = runDemo({ out, log: (s) => console.log(s) });
  const bytes = files.reduce((n, f) => n + statSync(join(out, f)).size, 0);
  console.log(`wrote ${files.length} files (${(bytes / 1024).toFixed(0)} KiB) to ${relative(process.cwd(), out) || '.'} ` +
    `in ${((performance.now() - t0) / 1000).toFixed(1)} s; open ${relative(process.cwd(), join(out, 'index.html'))}`);
}
