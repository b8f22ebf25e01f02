// Image processing: filters, histograms, colour conversion, resampling. Case format: see
// arithmetic.mjs. Extra fields used here:
//   system.check = false  the peer computes a comparable thing, not the same bytes (other kernel,
//                         weights or rounding): it is timed but not byte-checked (≈ in the table);
//                         its note says why.
//   system.preset         overrides of the timing preset (bench/harness.mjs) for that system alone,
//                         which is then timed on its own rather than interleaved. Used to cap the
//                         runs of the pure-JS peers taking 0.3–30 s per call; only the slow* fields
//                         are overridden, so pixelarray and opencv.js are timed as everywhere else.
//   op.unavailable        the op cannot run (pixelarray lacks the function): skipped with a note.
// The `unary` helper (an op on one image with an `out` on both sides) is in unary.mjs.

import { jimpWork, SLOW_CAP, VERY_SLOW_CAP } from '../peers.mjs';
import { unary } from './unary.mjs';

const EMBOSS_KERNEL = [[-1, 0, 0], [0, 1, 0], [0, 0, 0]];

/** The bytes of histograms (Float32Array, Uint32Array, number[] or a CV_32F Mat), as float32. */
function f32Bytes(hists) {
  const parts = hists.map((h) => (typeof h?.isContinuous === 'function' ? Float32Array.from(h.data32F) : Float32Array.from(h)));
  const all = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  return new Uint8Array(all.buffer);
}

/** A float64 result as 8 bytes, for the byte check. */
const f64Bytes = (v) => new Uint8Array(Float64Array.of(v).buffer);

// ---------------------------------------------------------------------------------------------
// Filters

function gaussianCases() {
  return [
    unary('gaussianBlur σ=3 (19×19)', 'filters', {
      pa: (lib, A, out) => lib.gaussianBlur(A, 3, { out }),
      cv: (cv, src, dst, st) => {
        st.size = new cv.Size(0, 0);
        return () => cv.GaussianBlur(src, dst, st.size, 3, 3, cv.BORDER_DEFAULT);
      },
      peers(ctx, systems) {
        if (ctx.imagejs) {
          const ia = ctx.ijA;
          let res;
          systems.imagejs = {
            mode: 'alloc', check: false, preset: SLOW_CAP,
            run: () => { res = ia.gaussianBlur({ sigma: 3, size: 19 }); }, output: () => res,
            note: 'gaussianBlur({ sigma, size: 19 }): float64 kernel, rounded once — not OpenCV\'s 8-bit fixed point, ' +
              'so comparable work but not bit-identical (not byte-checked)',
          };
        }
        if (ctx.jimp) {
          const { work, reset } = jimpWork(ctx);
          systems.jimp = {
            mode: 'in place', check: false, setup: reset, preset: VERY_SLOW_CAP,
            run: () => work.gaussian(3), output: () => work,
            note: 'gaussian(3): a direct 2-D 17×17 float Gaussian, not separable, not bit-identical (not byte-checked); ' +
              'so slow (~27 s per call) that it is timed with 1 warm-up + 1 run',
          };
        }
      },
    }),
    unary('gaussianBlur 5×5 (σ 0 → [1 4 6 4 1]/16)', 'filters', {
      pa: (lib, A, out) => lib.gaussianBlur(A, 0, { ksize: 5, out }),
      cv: (cv, src, dst, st) => {
        st.size = new cv.Size(5, 5);
        return () => cv.GaussianBlur(src, dst, st.size, 0, 0, cv.BORDER_DEFAULT);
      },
      peers(ctx, systems) {
        if (ctx.imagejs) {
          const ia = ctx.ijA;
          let res;
          systems.imagejs = {
            mode: 'alloc', check: false, preset: SLOW_CAP,
            run: () => { res = ia.gaussianBlur({ sigma: 0, size: 5 }); }, output: () => res,
            note: 'gaussianBlur({ sigma: 0, size: 5 }): exp kernel with σ 1.1 in float64, not OpenCV\'s fixed [1 4 6 4 1]/16 ' +
              '(not byte-checked)',
          };
        }
        if (ctx.jimp) {
          const { work, reset } = jimpWork(ctx);
          systems.jimp = {
            mode: 'in place', check: false, setup: reset, preset: SLOW_CAP,
            run: () => work.blur(1), output: () => work,
            note: 'blur(1): two passes of a 3-wide box per axis ([1 2 3 2 1]/9, σ ≈ 1.15), an approximate Gaussian ' +
              '(not byte-checked)',
          };
        }
      },
    }),
  ];
}

function filter2DCases() {
  const cvFilter = (cv, src, dst, st) => {
    st.kernel = cv.matFromArray(3, 3, cv.CV_32F, EMBOSS_KERNEL.flat());
    st.anchor = new cv.Point(-1, -1);
    return () => cv.filter2D(src, dst, -1, st.kernel, st.anchor, 128, cv.BORDER_DEFAULT);
  };
  return [
    unary('emboss (Pillow EMBOSS)', 'filters', {
      pa: (lib, A, out) => lib.emboss(A, { out }),
      cv: cvFilter,
      cvCheck: false,
      cvNote: 'no peer has Pillow\'s EMBOSS; cv.filter2D with the same 3×3 kernel and delta 128 is the same amount of ' +
        'work but correlates without Pillow\'s row flip and filters the 1-pixel frame (not byte-checked)',
    }),
    unary('filter2D 3×3 [[-1,0,0],[0,1,0],[0,0,0]] + 128', 'filters', {
      pa: (lib, A, out) => lib.filter2D(A, EMBOSS_KERNEL, { delta: 128, out }),
      cv: cvFilter,
    }),
    unary('blur 5×5 (box)', 'filters', {
      pa: (lib, A, out) => lib.blur(A, 5, { out }),
      cv: (cv, src, dst, st) => {
        st.size = new cv.Size(5, 5);
        st.anchor = new cv.Point(-1, -1);
        return () => cv.blur(src, dst, st.size, st.anchor, cv.BORDER_DEFAULT);
      },
      peers(ctx, systems) {
        if (ctx.imagejs) {
          const ia = ctx.ijA;
          let res;
          systems.imagejs = {
            mode: 'alloc', preset: SLOW_CAP,
            run: () => { res = ia.blur({ width: 5, height: 5 }); }, output: () => res,
            note: 'blur({ width: 5, height: 5 }): float64 separable box, reflect101 border',
          };
        }
      },
    }),
    unary('medianBlur 5×5', 'filters', {
      pa: (lib, A, out) => lib.medianBlur(A, 5, { out }),
      cv: (cv, src, dst) => () => cv.medianBlur(src, dst, 5),
      peers(ctx, systems) {
        if (ctx.imagejs) {
          const ia = ctx.ijA;
          let res;
          systems.imagejs = {
            mode: 'alloc', preset: SLOW_CAP,
            run: () => { res = ia.medianFilter({ cellSize: 5, borderType: 'replicate' }); }, output: () => res,
            note: 'medianFilter({ cellSize: 5, borderType: \'replicate\' }) (OpenCV\'s border); ~3 s per call, so 1 warm-up + 3 runs',
          };
        }
      },
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Histograms

const RANGE = [0, 256];

function histogramCases() {
  return [
    {
      name: 'calcHist 256 bins, each of 3 channels (3 calls)',
      family: 'histograms',
      note: 'pixelarray: calcHist(a, { channels: [k], bins: [256], ranges: [[0, 256]] }) for k = 0, 1, 2 (a new Float32Array each)',
      make(ctx) {
        const { lib, A } = ctx;
        let hists;
        const opts = [0, 1, 2].map((k) => ({ channels: [k], bins: [256], ranges: [RANGE] }));
        const systems = {
          pixelarray: { mode: 'alloc', run: () => { hists = opts.map((o) => lib.calcHist(A, o)); }, output: () => f32Bytes(hists) },
        };
        const cleanup = [];
        if (ctx.cv) {
          const cv = ctx.cv, mv = new cv.MatVector(), mask = new cv.Mat();
          const out = [0, 1, 2].map(() => new cv.Mat());
          mv.push_back(ctx.cvA);
          systems.opencv = {
            mode: 'reuse',
            run: () => { for (let k = 0; k < 3; k++) cv.calcHist(mv, [k], mask, out[k], [256], RANGE); },
            output: () => f32Bytes(out),
            note: 'cv.calcHist(MatVector [src], [k], empty mask, hist, [256], [0, 256]) into 3 reused hist Mats',
          };
          cleanup.push(() => { mv.delete(); mask.delete(); out.forEach((m) => m.delete()); });
        }
        if (ctx.imagejs) {
          const ia = ctx.ijA;
          let res;
          systems.imagejs = {
            mode: 'alloc',
            run: () => { res = [0, 1, 2].map((k) => ia.histogram({ channel: k })); }, output: () => f32Bytes(res),
            note: 'histogram({ channel: k }) → Uint32Array (compared as float32 counts)',
          };
        }
        return { systems, cleanup: () => cleanup.forEach((f) => f()) };
      },
    },
    {
      name: 'calcHist 3-D 8×8×8',
      family: 'histograms',
      make(ctx) {
        const { lib, A } = ctx;
        let hist;
        const opts = { channels: [0, 1, 2], bins: [8, 8, 8], ranges: [RANGE, RANGE, RANGE] };
        const systems = { pixelarray: { mode: 'alloc', run: () => { hist = lib.calcHist(A, opts); }, output: () => f32Bytes([hist]) } };
        const cleanup = [];
        if (ctx.cv) {
          const cv = ctx.cv, mv = new cv.MatVector(), mask = new cv.Mat(), out = new cv.Mat();
          mv.push_back(ctx.cvA);
          systems.opencv = {
            mode: 'reuse',
            run: () => cv.calcHist(mv, [0, 1, 2], mask, out, [8, 8, 8], [...RANGE, ...RANGE, ...RANGE]),
            output: () => f32Bytes([out]),
          };
          cleanup.push(() => { mv.delete(); mask.delete(); out.delete(); });
        }
        return { systems, cleanup: () => cleanup.forEach((f) => f()) };
      },
    },
    {
      name: 'compareHist chisqr, 8×8×8 histograms',
      family: 'histograms',
      note: 'histograms of the left and right halves of the photo, computed untimed',
      make(ctx) {
        const { lib, A } = ctx;
        const [h, w] = A.shape, half = w >> 1;
        const opts = { channels: [0, 1, 2], bins: [8, 8, 8], ranges: [RANGE, RANGE, RANGE] };
        const h1 = lib.calcHist(lib.crop(A, [0, 0, half, h]), opts);
        const h2 = lib.calcHist(lib.crop(A, [half, 0, w, h]), opts);
        let v;
        const systems = { pixelarray: { mode: 'alloc', run: () => { v = lib.compareHist(h1, h2, 'chisqr'); }, output: () => f64Bytes(v) } };
        const cleanup = [];
        if (ctx.cv) {
          const cv = ctx.cv, mask = new cv.Mat();
          const hist = (x) => {
            const roi = ctx.cvA.roi(new cv.Rect(x, 0, half, h)), mv = new cv.MatVector(), m = new cv.Mat();
            mv.push_back(roi);
            cv.calcHist(mv, [0, 1, 2], mask, m, [8, 8, 8], [...RANGE, ...RANGE, ...RANGE]);
            mv.delete(); roi.delete();
            return m;
          };
          const H1 = hist(0), H2 = hist(half);
          let cvV;
          systems.opencv = {
            mode: 'alloc',
            run: () => { cvV = cv.compareHist(H1, H2, cv.HISTCMP_CHISQR); }, output: () => f64Bytes(cvV),
            note: 'cv.compareHist(H1, H2, HISTCMP_CHISQR) on cv.calcHist Mats; the check compares the float64 result',
          };
          cleanup.push(() => { mask.delete(); H1.delete(); H2.delete(); });
        }
        return { systems, cleanup: () => cleanup.forEach((f) => f()) };
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Colour

function colorCases() {
  return [
    unary('cvtColor RGB2GRAY', 'color', {
      outShape: ([h, w]) => [h, w, 1],
      pa: (lib, A, out) => lib.cvtColor(A, 'RGB2GRAY', { out }),
      cv: (cv, src, dst) => () => cv.cvtColor(src, dst, cv.COLOR_RGB2GRAY),
      peers(ctx, systems) {
        if (ctx.imagejs) {
          const [h, w] = ctx.A.shape;
          const ia = ctx.ijA, res = ctx.toImagejs(ctx.lib.zeros(h, w, 1));
          systems.imagejs = {
            mode: 'reuse', check: false,
            run: () => ia.grey({ algorithm: 'luma601', out: res }), output: () => res,
            note: 'grey({ algorithm: \'luma601\', out }): OpenCV\'s weights but truncated, not rounded (not byte-checked)',
          };
        }
        if (ctx.jimp) {
          const { work, reset } = jimpWork(ctx);
          systems.jimp = {
            mode: 'in place', check: false, setup: reset,
            run: () => work.greyscale(), output: () => work,
            note: 'greyscale(): BT.709 weights (0.2126, 0.7152, 0.0722), RGBA out (not byte-checked)',
          };
        }
      },
    }),
    unary('cvtColor RGB2HSV', 'color', {
      pa: (lib, A, out) => lib.cvtColor(A, 'RGB2HSV', { out }),
      cv: (cv, src, dst) => () => cv.cvtColor(src, dst, cv.COLOR_RGB2HSV),
    }),
    unary('inRange HSV [0,50,50]..[30,255,255]', 'color', {
      note: 'input: the photo converted to HSV (untimed); output H×W×1',
      input: (ctx) => ctx.lib.cvtColor(ctx.A, 'RGB2HSV'),
      outShape: ([h, w]) => [h, w, 1],
      pa: (lib, A, out) => lib.inRange(A, [0, 50, 50], [30, 255, 255], { out }),
      cv: (cv, src, dst, st) => {
        st.lo = cv.matFromArray(3, 1, cv.CV_64F, [0, 50, 50]);
        st.hi = cv.matFromArray(3, 1, cv.CV_64F, [30, 255, 255]);
        return () => cv.inRange(src, st.lo, st.hi, dst);
      },
      cvNote: 'bounds as 3×1 CV_64F Mats (OpenCV\'s scalar form)',
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Resampling (resize / warpAffine may not be exported yet: such rows are skipped)

const CV_INTER = { bilinear: 'INTER_LINEAR', area: 'INTER_AREA' };

function resizeCase(lib, width, height, interpolation, label) {
  const name = `resize ${interpolation} to ${width}×${height}${label ? ` (${label})` : ''}`;
  if (typeof lib.resize !== 'function') return { name, family: 'resampling', unavailable: 'pixelarray has no resize in dist/index.js yet' };
  return unary(name, 'resampling', {
    note: interpolation === 'bilinear' && width * 2 === 1920 && height * 2 === 1080
      ? 'exact ×½ bilinear: OpenCV (and pixelarray) compute it as a 2×2 area average' : undefined,
    outShape: ([, , c]) => [height, width, c],
    pa: (L, A, out) => L.resize(A, width, height, { interpolation, out }),
    cv: (cv, src, dst, st) => {
      st.size = new cv.Size(width, height);
      const flag = cv[CV_INTER[interpolation]];
      return () => cv.resize(src, dst, st.size, 0, 0, flag);
    },
    peers(ctx, systems) {
      if (interpolation !== 'bilinear') return;
      if (ctx.imagejs) {
        const ia = ctx.ijA;
        let res;
        systems.imagejs = {
          mode: 'alloc', check: false, preset: SLOW_CAP,
          run: () => { res = ia.resize({ width, height, interpolationType: 'bilinear' }); }, output: () => res,
          note: 'resize({ width, height, interpolationType: \'bilinear\' }): float64 bilinear through its generic transform, ' +
            'another pixel-centre convention (not byte-checked)',
        };
      }
      if (ctx.jimp) {
        const { work, reset } = jimpWork(ctx);
        systems.jimp = {
          mode: 'alloc', check: false, setup: reset, preset: SLOW_CAP,
          run: () => work.resize({ w: width, h: height, mode: 'bilinearInterpolation' }), output: () => work,
          note: 'resize({ w, h, mode: ResizeStrategy.BILINEAR }): float bilinear, RGBA (not byte-checked)',
        };
      }
    },
  });
}

function warpCase(lib) {
  const name = 'warpAffine rotate 15° about the centre, bilinear';
  if (typeof lib.warpAffine !== 'function' || typeof lib.getRotationMatrix2D !== 'function') {
    return { name, family: 'resampling', unavailable: 'pixelarray has no warpAffine / getRotationMatrix2D in dist/index.js yet' };
  }
  let M; // pixelarray's matrix, computed on the first (untimed, identity-check) run
  return unary(name, 'resampling', {
    note: 'getRotationMatrix2D([960, 540], 15, 1), output 1920×1080, constant border 0',
    pa: (L, A, out) => {
      const [h, w] = A.shape;
      M ??= L.getRotationMatrix2D([w / 2, h / 2], 15, 1);
      return L.warpAffine(A, M, w, h, { interpolation: 'bilinear', border: 'constant', borderValue: 0, out });
    },
    cv: (cv, src, dst, st) => {
      st.M = cv.getRotationMatrix2D(new cv.Point(src.cols / 2, src.rows / 2), 15, 1);
      st.size = new cv.Size(src.cols, src.rows);
      st.value = new cv.Scalar(0, 0, 0, 0);
      return () => cv.warpAffine(src, dst, st.M, st.size, cv.INTER_LINEAR, cv.BORDER_CONSTANT, st.value);
    },
    peers(ctx, systems) {
      if (ctx.imagejs) {
        const [h, w] = ctx.A.shape;
        const M = ctx.lib.getRotationMatrix2D([w / 2, h / 2], 15, 1);
        const ia = ctx.ijA;
        let res;
        systems.imagejs = {
          mode: 'alloc', check: false,
          // transform() appends a row to the matrix it is given: pass a fresh copy each time.
          run: () => {
            res = ia.transform(M.map((r) => [...r]), { width: w, height: h, interpolationType: 'bilinear', borderType: 'constant', borderValue: 0 });
          },
          output: () => res,
          note: 'transform(M, { bilinear, constant 0 }): float64 bilinear per pixel (not byte-checked)',
        };
      }
    },
  });
}

/** `lib` is the built library (dist/index.js): functions it lacks make their rows unavailable. */
export default function cases(lib) {
  return [
    ...gaussianCases(),
    ...filter2DCases(),
    ...histogramCases(),
    ...colorCases(),
    resizeCase(lib, 960, 540, 'bilinear', '½'),
    resizeCase(lib, 2880, 1620, 'bilinear', '×1.5'),
    resizeCase(lib, 1366, 768, 'bilinear', 'odd ratio'),
    resizeCase(lib, 960, 540, 'area', '½'),
    warpCase(lib),
  ];
}
