// Element-wise arithmetic and bitwise ops on two 1080p RGB images (or an image and a scalar).
//
// Every op returns a list of cases `{ name, family, note, make(ctx) }`. `make` prepares inputs and
// outputs (untimed) and returns one entry per system that computes the same thing:
//   { run, output, setup?, mode, note? }
// `run` is the timed call; `output()` gives the result for the pre-timing identity check;
// `setup` runs untimed before every `run`; `mode` says whether the output is reused ('reuse'),
// allocated on every run ('alloc'), written in place ('in place') or a view ('view').
// `cleanup` (optional, on the returned object) frees wasm memory afterwards.

/** A two-image op: pixelarray `(a, b, out)`, opencv.js `(cvA, cvB, dst)`, optional others. */
function binary(name, family, { pa, cv, imagejs, ndarray, note, cvNote, imagejsNote, ndNote }) {
  return {
    name,
    family,
    note,
    make(ctx) {
      const { lib, A, B } = ctx;
      const out = lib.zerosLike(A);
      const systems = { pixelarray: { mode: 'reuse', run: () => pa(lib, A, B, out), output: () => out } };
      const cleanup = [];
      if (cv && ctx.cv) {
        const dst = ctx.emptyMat(A.shape);
        cleanup.push(() => dst.delete());
        const cvA = ctx.cvA, cvB = ctx.cvB;
        systems.opencv = { mode: 'reuse', run: () => cv(ctx.cv, cvA, cvB, dst, ctx), output: () => dst, note: cvNote };
      }
      if (imagejs && ctx.imagejs) {
        let res;
        const ia = ctx.ijA, ib = ctx.ijB;
        systems.imagejs = { mode: 'alloc', run: () => { res = imagejs(ia, ib); }, output: () => res, note: imagejsNote };
      }
      if (ndarray && ctx.ndarray) {
        const ndOut = ctx.toNd(lib.zerosLike(A));
        const na = ctx.ndA, nb = ctx.ndB, ops = ctx.ndarray.ops;
        systems.ndarray = { mode: 'reuse', run: () => ndarray(ops, ndOut, na, nb), output: () => ndOut, note: ndNote };
      }
      return { systems, cleanup: () => cleanup.forEach((f) => f()) };
    },
  };
}

const MODULO_NOTE = 'OpenCV has no wrapping uint8 add (NumPy semantics); ndarray-ops wraps because Uint8Array stores truncate';

export default function cases() {
  return [
    binary('addSaturate image+image', 'arithmetic', {
      pa: (lib, a, b, out) => lib.addSaturate(a, b, { out }),
      cv: (cv, a, b, dst) => cv.add(a, b, dst),
      imagejs: (a, b) => a.add(b),
    }),
    binary('subtractSaturate image−image', 'arithmetic', {
      pa: (lib, a, b, out) => lib.subtractSaturate(a, b, { out }),
      cv: (cv, a, b, dst) => cv.subtract(a, b, dst),
      imagejs: (a, b) => a.subtract(b),
    }),
    binary('addModulo image+image', 'arithmetic', {
      pa: (lib, a, b, out) => lib.addModulo(a, b, { out }),
      ndarray: (ops, out, a, b) => ops.add(out, a, b),
      note: MODULO_NOTE,
    }),
    binary('subtractModulo image−image', 'arithmetic', {
      pa: (lib, a, b, out) => lib.subtractModulo(a, b, { out }),
      ndarray: (ops, out, a, b) => ops.sub(out, a, b),
      note: MODULO_NOTE,
    }),
    {
      name: 'addSaturate image+50 (scalar)',
      family: 'arithmetic',
      note: 'opencv.js: cv.add with a constant Mat filled with (50,50,50)',
      make(ctx) {
        const { lib, A } = ctx;
        const out = lib.zerosLike(A);
        const systems = { pixelarray: { mode: 'reuse', run: () => lib.addSaturate(A, 50, { out }), output: () => out } };
        let cleanup = () => {};
        if (ctx.cv) {
          const cv = ctx.cv, [h, w] = A.shape;
          const k = new cv.Mat(h, w, cv.CV_8UC3, [50, 50, 50, 0]);
          const dst = ctx.emptyMat(A.shape), cvA = ctx.cvA;
          systems.opencv = { mode: 'reuse', run: () => cv.add(cvA, k, dst), output: () => dst };
          cleanup = () => { k.delete(); dst.delete(); };
        }
        return { systems, cleanup };
      },
    },
    binary('absdiff image,image', 'arithmetic', {
      pa: (lib, a, b, out) => lib.absdiff(a, b, { out }),
      cv: (cv, a, b, dst) => cv.absdiff(a, b, dst),
      imagejs: (a, b) => a.subtract(b, { absolute: true }),
      imagejsNote: 'subtract({ absolute: true })',
    }),
    binary('multiplySaturate image×image, scale 1/255', 'arithmetic', {
      pa: (lib, a, b, out) => lib.multiplySaturate(a, b, 1 / 255, { out }),
      cv: (cv, a, b, dst) => cv.multiply(a, b, dst, 1 / 255),
    }),
    binary('addWeighted 0.7·a + 0.3·b + 5', 'arithmetic', {
      pa: (lib, a, b, out) => lib.addWeighted(a, 0.7, b, 0.3, 5, { out }),
      cv: (cv, a, b, dst) => cv.addWeighted(a, 0.7, b, 0.3, 5, dst),
      cvNote: 'the wasm build has no SIMD, so opencv.js runs OpenCV\'s scalar loop, round(f32(f32(a·α) + f32(b·β)) + γ) ' +
        'without fma; pixelarray matches native OpenCV\'s vectorised fma loop, so ±1 differences on a few bytes are expected',
    }),
    {
      name: 'convertScaleAbs |1.3·a − 20|',
      family: 'arithmetic',
      make(ctx) {
        const { lib, A } = ctx;
        const out = lib.zerosLike(A);
        const systems = { pixelarray: { mode: 'reuse', run: () => lib.convertScaleAbs(A, 1.3, -20, { out }), output: () => out } };
        let cleanup = () => {};
        if (ctx.cv) {
          const cv = ctx.cv, dst = ctx.emptyMat(A.shape), cvA = ctx.cvA;
          systems.opencv = { mode: 'reuse', run: () => cv.convertScaleAbs(cvA, dst, 1.3, -20), output: () => dst };
          cleanup = () => dst.delete();
        }
        return { systems, cleanup };
      },
    },

    // Bitwise.
    binary('bitwiseAnd image&image', 'bitwise', {
      pa: (lib, a, b, out) => lib.bitwiseAnd(a, b, { out }),
      cv: (cv, a, b, dst) => cv.bitwise_and(a, b, dst),
      ndarray: (ops, out, a, b) => ops.band(out, a, b),
    }),
    binary('bitwiseOr image|image', 'bitwise', {
      pa: (lib, a, b, out) => lib.bitwiseOr(a, b, { out }),
      cv: (cv, a, b, dst) => cv.bitwise_or(a, b, dst),
      ndarray: (ops, out, a, b) => ops.bor(out, a, b),
    }),
    binary('bitwiseXor image^image', 'bitwise', {
      pa: (lib, a, b, out) => lib.bitwiseXor(a, b, { out }),
      cv: (cv, a, b, dst) => cv.bitwise_xor(a, b, dst),
      ndarray: (ops, out, a, b) => ops.bxor(out, a, b),
    }),
    {
      name: 'bitwiseNot ~image',
      family: 'bitwise',
      make(ctx) {
        const { lib, A } = ctx;
        const out = lib.zerosLike(A);
        const systems = { pixelarray: { mode: 'reuse', run: () => lib.bitwiseNot(A, { out }), output: () => out } };
        const cleanup = [];
        if (ctx.cv) {
          const cv = ctx.cv, dst = ctx.emptyMat(A.shape), cvA = ctx.cvA;
          systems.opencv = { mode: 'reuse', run: () => cv.bitwise_not(cvA, dst), output: () => dst };
          cleanup.push(() => dst.delete());
        }
        if (ctx.imagejs) {
          const ia = ctx.ijA, res = ctx.toImagejs(lib.zerosLike(A));
          systems.imagejs = { mode: 'reuse', run: () => ia.invert({ out: res }), output: () => res };
        }
        if (ctx.jimp) {
          const base = ctx.jimpA, work = base.clone();
          systems.jimp = {
            mode: 'in place',
            setup: () => { work.bitmap.data.set(base.bitmap.data); },
            run: () => work.invert(),
            output: () => work,
          };
        }
        if (ctx.ndarray) {
          const ndOut = ctx.toNd(lib.zerosLike(A)), na = ctx.ndA, ops = ctx.ndarray.ops;
          systems.ndarray = { mode: 'reuse', run: () => ops.bnot(ndOut, na), output: () => ndOut };
        }
        return { systems, cleanup: () => cleanup.forEach((f) => f()) };
      },
    },
    {
      name: 'bitwiseAnd image&image with mask',
      family: 'bitwise',
      note: 'mask H×W×1 = first channel > 127 (irregular, from the photo); unmasked pixels keep out/dst',
      make(ctx) {
        const { lib, A, B, mask } = ctx;
        const out = lib.zerosLike(A);
        const systems = { pixelarray: { mode: 'reuse', run: () => lib.bitwiseAnd(A, B, { mask, out }), output: () => out } };
        let cleanup = () => {};
        if (ctx.cv) {
          const cv = ctx.cv, [h, w] = A.shape;
          const dst = cv.Mat.zeros(h, w, cv.CV_8UC3), cvA = ctx.cvA, cvB = ctx.cvB, cvMask = ctx.cvMask;
          systems.opencv = { mode: 'reuse', run: () => cv.bitwise_and(cvA, cvB, dst, cvMask), output: () => dst };
          cleanup = () => dst.delete();
        }
        return { systems, cleanup };
      },
    },
  ];
}
