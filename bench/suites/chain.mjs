// A chain of ops on the photo, the case `pixelarray/simd`'s `pipeline` is for: RGB→gray, a
// Gaussian blur σ=2 and a bilinear resize to ½. The core runs the three calls; the simd column
// runs them as one `pipeline(img)…run({ out })` (one copy into wasm memory, one out); opencv.js
// chains three calls on Mats. Case format: see arithmetic.mjs.

/** RGB→gray → gaussianBlur σ=2 → resize to ½, with `lib`'s pipeline when it has one. */
function chainCase() {
  return {
    name: 'chain RGB2GRAY → gaussianBlur σ=2 → resize ½ (simd: pipeline)',
    family: 'chain',
    note: 'pixelarray: three calls; simd: pipeline(A).cvtColor(…).gaussianBlur(2).resize(960, 540).run({ out })',
    make(ctx) {
      const { lib, A } = ctx;
      const [h, w] = A.shape;
      const out = lib.zeros(h >> 1, w >> 1, 1);
      const run = typeof lib.pipeline === 'function'
        ? () => lib.pipeline(A).cvtColor('RGB2GRAY').gaussianBlur(2).resize(w >> 1, h >> 1).run({ out })
        : () => lib.resize(lib.gaussianBlur(lib.cvtColor(A, 'RGB2GRAY'), 2), w >> 1, h >> 1, { out });
      const systems = { pixelarray: { mode: 'reuse', run, output: () => out } };
      const cleanup = [];
      if (ctx.cv) {
        const cv = ctx.cv, src = ctx.cvA;
        const gray = new cv.Mat(), blurred = new cv.Mat(), dst = ctx.emptyMat([h >> 1, w >> 1, 1]);
        const zero = new cv.Size(0, 0), half = new cv.Size(w >> 1, h >> 1);
        systems.opencv = {
          mode: 'reuse',
          run: () => {
            cv.cvtColor(src, gray, cv.COLOR_RGB2GRAY);
            cv.GaussianBlur(gray, blurred, zero, 2, 2, cv.BORDER_DEFAULT);
            cv.resize(blurred, dst, half, 0, 0, cv.INTER_LINEAR);
          },
          output: () => dst,
        };
        cleanup.push(() => { gray.delete(); blurred.delete(); dst.delete(); });
      }
      return { systems, cleanup: () => cleanup.forEach((f) => f()) };
    },
  };
}

export default function cases() {
  return [chainCase()];
}
