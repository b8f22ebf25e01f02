// Channel ops (cv2.split / cv2.merge) and np.concatenate. Case format: see arithmetic.mjs.

/** np.concatenate([A, B], axis) with `out`; opencv.js vconcat/hconcat into a reused dst. */
function concatCase(axis) {
  const label = axis === 0 ? 'concat [a; b] axis 0 (vertical, 2160×1920)' : 'concat [a, b] axis 1 (horizontal, 1080×3840)';
  return {
    name: label,
    family: 'channels',
    make(ctx) {
      const { lib, A, B } = ctx;
      const [h, w, c] = A.shape;
      const shape = axis === 0 ? [2 * h, w, c] : [h, 2 * w, c];
      const out = lib.zeros(...shape);
      const systems = { pixelarray: { mode: 'reuse', run: () => lib.concat([A, B], axis, { out }), output: () => out } };
      const cleanup = [];
      if (ctx.cv) {
        const cv = ctx.cv, dst = ctx.emptyMat(shape), mv = new cv.MatVector();
        mv.push_back(ctx.cvA);
        mv.push_back(ctx.cvB);
        const fn = axis === 0 ? cv.vconcat : cv.hconcat;
        systems.opencv = { mode: 'reuse', run: () => fn(mv, dst), output: () => dst, };
        cleanup.push(() => { mv.delete(); dst.delete(); });
      }
      if (ctx.ndarray) {
        const ops = ctx.ndarray.ops, nd = ctx.toNd(lib.zeros(...shape)), na = ctx.ndA, nb = ctx.ndB;
        // Two assigns into the halves of the output.
        const first = axis === 0 ? nd.hi(h) : nd.hi(null, w);
        const second = axis === 0 ? nd.lo(h) : nd.lo(null, w);
        systems.ndarray = { mode: 'reuse', run: () => { ops.assign(first, na); ops.assign(second, nb); }, output: () => nd };
      }
      return { systems, cleanup: () => cleanup.forEach((f) => f()) };
    },
  };
}

export default function cases() {
  return [
    {
      name: 'split → 3 planes',
      family: 'channels',
      note: 'every system allocates the 3 planes on each run (pixelarray split has no out)',
      make(ctx) {
        const { lib, A } = ctx;
        let planes;
        const systems = { pixelarray: { mode: 'alloc', run: () => { planes = lib.split(A); }, output: () => planes } };
        const cleanup = [];
        if (ctx.cv) {
          const cv = ctx.cv, cvA = ctx.cvA;
          let mv = null;
          systems.opencv = {
            mode: 'alloc',
            // A fresh MatVector each run, so that OpenCV allocates its planes too; freeing the
            // previous run's planes is part of the cost (pixelarray pays it in GC).
            run: () => { if (mv) mv.delete(); mv = new cv.MatVector(); cv.split(cvA, mv); },
            output: () => [0, 1, 2].map((k) => { const m = mv.get(k); const bytes = ctx.matBytes(m); m.delete(); return bytes; }),
            note: 'new MatVector per run',
          };
          cleanup.push(() => { if (mv) mv.delete(); });
        }
        if (ctx.imagejs) {
          let res;
          const ia = ctx.ijA;
          systems.imagejs = { mode: 'alloc', run: () => { res = ia.split(); }, output: () => res };
        }
        if (ctx.ndarray) {
          const { ndarray, ops } = ctx.ndarray, na = ctx.ndA;
          const [h, w] = A.shape;
          const picks = [0, 1, 2].map((k) => na.pick(null, null, k));
          let res;
          systems.ndarray = {
            mode: 'alloc',
            run: () => {
              res = picks.map((p) => {
                const plane = ndarray(new Uint8Array(h * w), [h, w]);
                ops.assign(plane, p);
                return plane;
              });
            },
            output: () => res,
          };
        }
        return { systems, cleanup: () => cleanup.forEach((f) => f()) };
      },
    },
    {
      name: 'split → 3 planes (into reused planes)',
      family: 'channels',
      note: 'pixelarray split(a, { out }); opencv.js cv.split into a MatVector whose planes it reuses',
      make(ctx) {
        const { lib, A } = ctx;
        const [h, w] = A.shape;
        const out = [0, 1, 2].map(() => lib.zeros(h, w, 1));
        const systems = { pixelarray: { mode: 'reuse', run: () => lib.split(A, { out }), output: () => out } };
        const cleanup = [];
        if (ctx.cv) {
          const cv = ctx.cv, cvA = ctx.cvA, mv = new cv.MatVector();
          cv.split(cvA, mv); // allocates the planes once; later calls write into them
          systems.opencv = {
            mode: 'reuse',
            run: () => cv.split(cvA, mv),
            output: () => [0, 1, 2].map((k) => { const m = mv.get(k); const bytes = ctx.matBytes(m); m.delete(); return bytes; }),
          };
          cleanup.push(() => mv.delete());
        }
        if (ctx.ndarray) {
          const { ops } = ctx.ndarray, na = ctx.ndA;
          const picks = [0, 1, 2].map((k) => na.pick(null, null, k));
          const targets = out.map(() => ctx.toNd(lib.zeros(h, w, 1)).pick(null, null, 0));
          systems.ndarray = {
            mode: 'reuse',
            run: () => { for (let k = 0; k < 3; k++) ops.assign(targets[k], picks[k]); },
            output: () => targets,
          };
        }
        return { systems, cleanup: () => cleanup.forEach((f) => f()) };
      },
    },
    {
      name: 'merge 3 planes → RGB',
      family: 'channels',
      make(ctx) {
        const { lib, A } = ctx;
        const planes = lib.split(A);
        const out = lib.zerosLike(A);
        const systems = { pixelarray: { mode: 'reuse', run: () => lib.merge(planes, { out }), output: () => out } };
        const cleanup = [];
        if (ctx.cv) {
          const cv = ctx.cv, mv = new cv.MatVector(), dst = ctx.emptyMat(A.shape);
          cv.split(ctx.cvA, mv);
          systems.opencv = { mode: 'reuse', run: () => cv.merge(mv, dst), output: () => dst };
          cleanup.push(() => { mv.delete(); dst.delete(); });
        }
        if (ctx.imagejs) {
          const ijPlanes = ctx.ijA.split(), merge = ctx.imagejs.merge;
          let res;
          systems.imagejs = { mode: 'alloc', run: () => { res = merge(ijPlanes); }, output: () => res };
        }
        if (ctx.ndarray) {
          const { ops } = ctx.ndarray;
          const nd = ctx.toNd(lib.zerosLike(A));
          const targets = [0, 1, 2].map((k) => nd.pick(null, null, k));
          const sources = planes.map((p) => ctx.toNd(p).pick(null, null, 0));
          systems.ndarray = {
            mode: 'reuse',
            run: () => { for (let k = 0; k < 3; k++) ops.assign(targets[k], sources[k]); },
            output: () => nd,
          };
        }
        return { systems, cleanup: () => cleanup.forEach((f) => f()) };
      },
    },
    concatCase(0),
    concatCase(1),
  ];
}
