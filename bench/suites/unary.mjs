// The `unary` case shared by the imgproc, edges, morphology and opencv-more suites: an op on one
// image with an `out` of shape `outShape` on both pixelarray and opencv.js. Case format: see
// arithmetic.mjs.
//
//   pa(lib, A, out)            pixelarray's call, writing into `out` (the timed run)
//   cv(cv, cvA, dst, state)    returns opencv.js's timed run, writing into `dst`; whatever it puts
//                              into `state` (Mats, CLAHE objects…) is deleted afterwards
//   cvCheck = false            opencv.js computes a comparable thing, not the same bytes: timed, not
//                              byte-checked (≈ in the table); `cvNote` says why
//   peers(ctx, systems, cleanup)  adds image-js / jimp entries to `systems`
//   input(ctx)                 the input PixelArray instead of the photo (ctx.A)
//   cvInput(ctx)               its cv.Mat, when the context owns one (e.g. ctx.cvGray): reused and
//                              not deleted; without it, an `input` is converted here and deleted after
//   unavailable                the op cannot run (pixelarray lacks the function): the row is
//                              skipped with this text as the reason

/** An op on one image (see the file comment). */
export function unary(name, family, { outShape = (s) => s, pa, cv, cvCheck, cvNote, peers, note, input, cvInput, unavailable }) {
  return {
    name,
    family,
    note,
    unavailable,
    make(ctx) {
      const { lib } = ctx;
      const A = input ? input(ctx) : ctx.A;
      const shape = outShape(A.shape);
      const out = lib.zeros(...shape);
      const systems = { pixelarray: { mode: 'reuse', run: () => pa(lib, A, out), output: () => out } };
      const cleanup = [];
      if (cv && ctx.cv) {
        const dst = ctx.emptyMat(shape);
        const owned = input && !cvInput; // converted here, so deleted here
        const cvA = !input ? ctx.cvA : cvInput ? cvInput(ctx) : ctx.toMat(A);
        const state = {};
        const run = cv(ctx.cv, cvA, dst, state);
        systems.opencv = { mode: 'reuse', run, output: () => dst, note: cvNote, check: cvCheck };
        cleanup.push(() => { dst.delete(); if (owned) cvA.delete(); for (const m of Object.values(state)) m.delete?.(); });
      }
      if (peers) peers(ctx, systems, cleanup);
      return { systems, cleanup: () => cleanup.forEach((f) => f()) };
    },
  };
}

/** `unavailable` text when the built library lacks the function `name`. */
export const missing = (lib, name) => (typeof lib?.[name] !== 'function' ? `pixelarray has no ${name} in dist/index.js` : undefined);
