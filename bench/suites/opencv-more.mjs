// More OpenCV (issue 13): threshold / Otsu / adaptiveThreshold, equalizeHist, CLAHE, morphology on
// the gray photo, warpPerspective, cubic and Lanczos-4 resize, more cvtColor codes, circle and
// putText, against opencv.js and (where it has the op) image-js. Case format: see arithmetic.mjs;
// `unary` is in unary.mjs, `drawCase` in draw.mjs. The sobel / canny / erode / morphologyEx /
// pyrDown rows of the same issue are in edges.mjs and morphology.mjs.
//
// The single-channel rows run on the photo converted to gray once (ctx.gray, ctx.cvGray,
// ctx.ijGray: made lazily by bench/run.mjs), not per op.
import { drawCase } from './draw.mjs';
import { SLOW_CAP } from '../peers.mjs';
import { missing, unary } from './unary.mjs';

const gray = { input: (ctx) => ctx.gray, cvInput: (ctx) => ctx.cvGray };

/** image-js returns a Mask of 0/1 bytes: compared (untimed) as 0/255, pixelarray's encoding. */
const maskBytes = (m) => m.getRawImage().data.map((v) => (v ? 255 : 0));

/**
 * An image-js threshold into a reused Mask (the first, untimed, call allocates it). `opts` are
 * image-js's threshold options.
 */
function imagejsThreshold(opts, note) {
  return (ctx, systems) => {
    if (!ctx.imagejs) return;
    const ig = ctx.ijGray;
    const mask = ig.threshold(opts);
    systems.imagejs = { mode: 'reuse', run: () => ig.threshold({ ...opts, out: mask }), output: () => maskBytes(mask), note };
  };
}

// ---------------------------------------------------------------------------------------------
// Threshold, histogram equalization

function thresholdCases(lib) {
  return [
    unary('threshold binary 127 (gray)', 'threshold', {
      ...gray,
      unavailable: missing(lib, 'threshold'),
      pa: (l, A, out) => l.threshold(A, 127, 255, 'binary', { out }),
      cv: (cv, src, dst) => () => cv.threshold(src, dst, 127, 255, cv.THRESH_BINARY),
      peers: imagejsThreshold({ threshold: 127 / 255 },
        'threshold({ threshold: 127 / 255, out }) → a 1-bit Mask (0/1 bytes), compared as 0/255'),
    }),
    unary('threshold Otsu (gray)', 'threshold', {
      ...gray,
      unavailable: missing(lib, 'threshold'),
      pa: (l, A, out) => l.threshold(A, 0, 255, 'binary', { method: 'otsu', out }),
      cv: (cv, src, dst) => () => cv.threshold(src, dst, 0, 255, cv.THRESH_BINARY | cv.THRESH_OTSU),
      peers: imagejsThreshold({ algorithm: 'otsu' },
        'threshold({ algorithm: \'otsu\', out }): histogram, Otsu level, 1-bit Mask (compared as 0/255)'),
    }),
    unary('adaptiveThreshold gaussian 11, C 2 (gray)', 'threshold', {
      ...gray,
      unavailable: missing(lib, 'adaptiveThreshold'),
      pa: (l, A, out) => l.adaptiveThreshold(A, 255, 'gaussian', 'binary', 11, 2, { out }),
      cv: (cv, src, dst) => () => cv.adaptiveThreshold(src, dst, 255, cv.ADAPTIVE_THRESH_GAUSSIAN_C, cv.THRESH_BINARY, 11, 2),
    }),
    unary('equalizeHist (gray)', 'equalize', {
      ...gray,
      unavailable: missing(lib, 'equalizeHist'),
      pa: (l, A, out) => l.equalizeHist(A, { out }),
      cv: (cv, src, dst) => () => cv.equalizeHist(src, dst),
    }),
    unary('clahe clip 2, 8×8 tiles (gray)', 'equalize', {
      ...gray,
      unavailable: missing(lib, 'clahe'),
      pa: (l, A, out) => l.clahe(A, { clipLimit: 2, tileGridSize: [8, 8], out }),
      cv: (cv, src, dst, st) => {
        st.clahe = new cv.CLAHE(2, new cv.Size(8, 8));
        return () => st.clahe.apply(src, dst);
      },
      cvNote: 'new cv.CLAHE(2, Size(8, 8)), created once; .apply(src, dst) timed',
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Morphology on the gray photo (image-js only erodes / opens single-channel images)

const ONES_5 = Array.from({ length: 5 }, () => [1, 1, 1, 1, 1]);

function grayMorphCase(lib, label, call, paCall) {
  return unary(`${label} rect 5×5 (gray)`, 'morphology', {
    ...gray,
    unavailable: missing(lib, paCall),
    note: 'MORPH_RECT element, default border (constant, never winning)',
    pa: (l, A, out) => (paCall === 'erode' ? l.erode(A, ONES_5, { out }) : l.morphologyEx(A, 'open', ONES_5, { out })),
    cv: (cv, src, dst, st) => {
      st.kernel = cv.matFromArray(5, 5, cv.CV_8U, ONES_5.flat());
      st.anchor = new cv.Point(-1, -1);
      st.value = cv.morphologyDefaultBorderValue();
      return paCall === 'erode'
        ? () => cv.erode(src, dst, st.kernel, st.anchor, 1, cv.BORDER_CONSTANT, st.value)
        : () => cv.morphologyEx(src, dst, cv.MORPH_OPEN, st.kernel, st.anchor, 1, cv.BORDER_CONSTANT, st.value);
    },
    peers(ctx, systems) {
      if (!ctx.imagejs) return;
      const ig = ctx.ijGray;
      let res;
      systems.imagejs = {
        mode: 'alloc',
        run: () => { res = ig[call]({ kernel: ONES_5 }); }, output: () => res,
        note: `${call}({ kernel: 5×5 ones }): separable min/max, pixels outside the image skipped (OpenCV's default border)`,
      };
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Resampling: warpPerspective, cubic and Lanczos-4 resize

// A keystone: the photo's corners moved inwards (source → destination, pixel coordinates).
const QUAD_SRC = [[0, 0], [1919, 0], [1919, 1079], [0, 1079]];
const QUAD_DST = [[120, 60], [1800, 0], [1919, 1079], [0, 990]];

function warpPerspectiveCase(lib) {
  let M; // pixelarray's matrix, computed once; opencv.js gets the same doubles
  const matrix = (l) => (M ??= l.getPerspectiveTransform(QUAD_SRC, QUAD_DST));
  return unary('warpPerspective bilinear (keystone)', 'perspective', {
    unavailable: missing(lib, 'warpPerspective') ?? missing(lib, 'getPerspectiveTransform'),
    note: `getPerspectiveTransform(corners → ${JSON.stringify(QUAD_DST)}), output 1920×1080, constant border 0`,
    pa: (l, A, out) => l.warpPerspective(A, matrix(l), A.shape[1], A.shape[0], { interpolation: 'bilinear', out }),
    cv: (cv, src, dst, st) => {
      st.M = cv.matFromArray(3, 3, cv.CV_64F, matrix(lib).flat());
      st.size = new cv.Size(src.cols, src.rows);
      st.value = new cv.Scalar(0, 0, 0, 0);
      return () => cv.warpPerspective(src, dst, st.M, st.size, cv.INTER_LINEAR, cv.BORDER_CONSTANT, st.value);
    },
    cvNote: 'the 3×3 matrix of pixelarray\'s getPerspectiveTransform as a CV_64F Mat',
  });
}

const CV_INTER = { cubic: 'INTER_CUBIC', lanczos4: 'INTER_LANCZOS4' };
// pixelarray follows native x86 OpenCV 4.6, whose cubic vertical pass runs in float32 SIMD
// (VResizeCubicVec_32s8u) on the first 8·⌊width·c / 8⌋ bytes of each row; opencv.js (wasm) takes the
// integer path everywhere, so about 0.2% of the bytes differ by 1.
const CUBIC_NOTE = 'bytes identical to native cv2 4.6 (x86: float32 SIMD vertical pass); opencv.js (wasm) uses the ' +
  'integer vertical pass on every element, so ~0.2% of bytes differ by ±1 — same work, different bytes (not byte-checked)';

function resizeCase(lib, width, height, interpolation, label) {
  return unary(`resize ${interpolation} to ${width}×${height} (${label})`, 'resampling', {
    unavailable: missing(lib, 'resize'),
    outShape: ([, , c]) => [height, width, c],
    pa: (l, A, out) => l.resize(A, width, height, { interpolation, out }),
    cv: (cv, src, dst, st) => {
      st.size = new cv.Size(width, height);
      const flag = cv[CV_INTER[interpolation]];
      return () => cv.resize(src, dst, st.size, 0, 0, flag);
    },
    ...(interpolation === 'cubic' ? { cvCheck: false, cvNote: CUBIC_NOTE } : {}),
    peers(ctx, systems) {
      if (interpolation !== 'cubic' || !ctx.imagejs) return;
      const ia = ctx.ijA;
      let res;
      systems.imagejs = {
        mode: 'alloc', check: false, preset: SLOW_CAP,
        run: () => { res = ia.resize({ width, height, interpolationType: 'bicubic' }); }, output: () => res,
        note: 'resize({ width, height, interpolationType: \'bicubic\' }): float64 bicubic per pixel through its generic ' +
          'transform, another kernel and pixel-centre convention — same work, different bytes (not byte-checked)',
      };
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Colour

/** The first spelling of a code that this build's cvtColor accepts (probed on a 1×1 image), or null. */
function colorCode(lib, spellings) {
  for (const code of spellings) {
    try { lib.cvtColor(lib.zeros(1, 1, 3), code); return code; } catch { /* not this spelling */ }
  }
  return null;
}

function colorCase(lib, label, spellings, cvCode) {
  const code = typeof lib.cvtColor === 'function' ? colorCode(lib, spellings) : null;
  return unary(`cvtColor ${label}`, 'color', {
    unavailable: code ? undefined : `pixelarray's cvtColor has no ${spellings.join(' / ')} in dist/index.js yet`,
    pa: (l, A, out) => l.cvtColor(A, code, { out }),
    cv: (cv, src, dst) => () => cv.cvtColor(src, dst, cv[cvCode]),
  });
}

// ---------------------------------------------------------------------------------------------
// Drawing (in place on a copy of the photo; see draw.mjs)

const BLUE = [0, 0, 255], YELLOW = [255, 255, 0], WHITE = [255, 255, 255];
const scalar = (cv, [r, g, b]) => new cv.Scalar(r, g, b, 0);
const TEXT = 'pixelarray 0123456789 Hello, OpenCV!';

function drawCases(lib) {
  return [
    drawCase('circle filled r=400', {
      family: 'draw',
      unavailable: missing(lib, 'circle'),
      pa: (l, img) => l.circle(img, [960, 540], 400, BLUE, { thickness: -1 }),
      cv: (cv, mat) => cv.circle(mat, new cv.Point(960, 540), 400, scalar(cv, BLUE), -1, cv.LINE_8),
    }),
    drawCase('circle thickness 3 r=400', {
      family: 'draw',
      unavailable: missing(lib, 'circle'),
      pa: (l, img) => l.circle(img, [960, 540], 400, YELLOW, { thickness: 3 }),
      cv: (cv, mat) => cv.circle(mat, new cv.Point(960, 540), 400, scalar(cv, YELLOW), 3, cv.LINE_8),
    }),
    drawCase('putText simplex scale 2 thickness 2 (36 chars)', {
      family: 'draw',
      unavailable: missing(lib, 'putText'),
      note: `'${TEXT}' at (100, 540), LINE_8`,
      pa: (l, img) => l.putText(img, TEXT, [100, 540], 'simplex', 2, WHITE, { thickness: 2 }),
      cv: (cv, mat) => cv.putText(mat, TEXT, new cv.Point(100, 540), cv.FONT_HERSHEY_SIMPLEX, 2, scalar(cv, WHITE), 2, cv.LINE_8, false),
    }),
  ];
}

/** `lib` is the built library (dist/index.js): functions it lacks make their rows unavailable. */
export default function cases(lib) {
  return [
    ...thresholdCases(lib),
    grayMorphCase(lib, 'erode', 'erode', 'erode'),
    grayMorphCase(lib, 'morphologyEx open', 'open', 'morphologyEx'),
    warpPerspectiveCase(lib),
    resizeCase(lib, 960, 540, 'cubic', '½'),
    resizeCase(lib, 2880, 1620, 'cubic', '×1.5'),
    resizeCase(lib, 960, 540, 'lanczos4', '½'),
    resizeCase(lib, 2880, 1620, 'lanczos4', '×1.5'),
    colorCase(lib, 'RGB2LAB', ['RGB2LAB', 'RGB2Lab'], 'COLOR_RGB2Lab'),
    colorCase(lib, 'RGB2HLS', ['RGB2HLS'], 'COLOR_RGB2HLS'),
    colorCase(lib, 'RGB2YCrCb', ['RGB2YCrCb', 'RGB2YCRCB'], 'COLOR_RGB2YCrCb'),
    ...drawCases(lib),
  ];
}
