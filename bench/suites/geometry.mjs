// Copies and geometry: clone, roll, transpose, flip, rot90, crop, paste. Case format: see
// arithmetic.mjs. pixelarray's flip / transpose / rot90 / crop return O(1) views, so the rows
// that compare with peers time the view *materialised* into a reused output
// (`clone(view, { out })`); the "view only" rows at the end show the O(1) cost alone.

/** Reusable jimp working copy whose bitmap is restored (untimed) before every run. */
function jimpWork(ctx) {
  const base = ctx.jimpA;
  const work = base.clone();
  const { width, height } = base.bitmap;
  const reset = () => { work.bitmap = { data: Buffer.from(base.bitmap.data), width, height }; };
  return { work, reset };
}

function copyCase() {
  return {
    name: 'copy (clone) — reference',
    family: 'geometry',
    note: 'a plain contiguous copy: the memory-bandwidth floor for the rows below',
    make(ctx) {
      const { lib, A } = ctx;
      const out = lib.zerosLike(A);
      const systems = { pixelarray: { mode: 'reuse', run: () => lib.clone(A, { out }), output: () => out } };
      const cleanup = [];
      if (ctx.cv) {
        const dst = ctx.emptyMat(A.shape), cvA = ctx.cvA;
        systems.opencv = { mode: 'reuse', run: () => cvA.copyTo(dst), output: () => dst };
        cleanup.push(() => dst.delete());
      }
      if (ctx.imagejs) {
        let res;
        const ia = ctx.ijA;
        systems.imagejs = { mode: 'alloc', run: () => { res = ia.clone(); }, output: () => res };
      }
      if (ctx.jimp) {
        let res;
        const ja = ctx.jimpA;
        systems.jimp = { mode: 'alloc', run: () => { res = ja.clone(); }, output: () => res };
      }
      if (ctx.ndarray) {
        const nd = ctx.toNd(lib.zerosLike(A)), na = ctx.ndA, ops = ctx.ndarray.ops;
        systems.ndarray = { mode: 'reuse', run: () => ops.assign(nd, na), output: () => nd };
      }
      return { systems, cleanup: () => cleanup.forEach((f) => f()) };
    },
  };
}

/** np.roll(A, shift, axis). opencv.js has no roll: composed from two ROI copies. */
function rollCase(axis, shift) {
  return {
    name: axis === 1 ? `roll ${shift} columns (axis 1)` : `roll ${shift} rows (axis 0)`,
    family: 'geometry',
    make(ctx) {
      const { lib, A } = ctx;
      const [h, w] = A.shape;
      const out = lib.zerosLike(A);
      const systems = { pixelarray: { mode: 'reuse', run: () => lib.roll(A, shift, axis, { out }), output: () => out } };
      const cleanup = [];
      if (ctx.cv) {
        const cv = ctx.cv, dst = ctx.emptyMat(A.shape), cvA = ctx.cvA;
        // out[s:] = a[:n−s]; out[:s] = a[n−s:] along the axis, as ROI copies.
        const n = axis === 1 ? w : h, s = shift;
        const rect = (from, len) => (axis === 1 ? new cv.Rect(from, 0, len, h) : new cv.Rect(0, from, w, len));
        const piece = (srcFrom, dstFrom, len) => {
          const src = cvA.roi(rect(srcFrom, len)), to = dst.roi(rect(dstFrom, len));
          src.copyTo(to);
          src.delete(); to.delete();
        };
        systems.opencv = {
          mode: 'reuse',
          run: () => { piece(0, s, n - s); piece(n - s, 0, s); },
          output: () => dst,
          note: 'no cv.roll; composed of 2 roi.copyTo',
          composed: true,
        };
        cleanup.push(() => dst.delete());
      }
      if (ctx.ndarray) {
        const nd = ctx.toNd(lib.zerosLike(A)), na = ctx.ndA, ops = ctx.ndarray.ops, s = shift;
        const pairs = axis === 1
          ? [[nd.lo(null, s), na.hi(null, w - s)], [nd.hi(null, s), na.lo(null, w - s)]]
          : [[nd.lo(s), na.hi(h - s)], [nd.hi(s), na.lo(h - s)]];
        systems.ndarray = {
          mode: 'reuse',
          run: () => { ops.assign(pairs[0][0], pairs[0][1]); ops.assign(pairs[1][0], pairs[1][1]); },
          output: () => nd,
        };
      }
      return { systems, cleanup: () => cleanup.forEach((f) => f()) };
    },
  };
}

function transposeCase() {
  return {
    name: 'transpose (materialised)',
    family: 'geometry',
    make(ctx) {
      const { lib, A } = ctx;
      const [h, w, c] = A.shape;
      const out = lib.zeros(w, h, c);
      const systems = { pixelarray: { mode: 'reuse', run: () => lib.clone(lib.transpose(A), { out }), output: () => out } };
      const cleanup = [];
      if (ctx.cv) {
        const cv = ctx.cv, dst = ctx.emptyMat([w, h, c]), cvA = ctx.cvA;
        systems.opencv = { mode: 'reuse', run: () => cv.transpose(cvA, dst), output: () => dst };
        cleanup.push(() => dst.delete());
      }
      if (ctx.ndarray) {
        const nd = ctx.toNd(lib.zeros(w, h, c)), view = ctx.ndA.transpose(1, 0, 2), ops = ctx.ndarray.ops;
        systems.ndarray = { mode: 'reuse', run: () => ops.assign(nd, view), output: () => nd };
      }
      return { systems, cleanup: () => cleanup.forEach((f) => f()) };
    },
  };
}

const FLIPS = {
  1: { label: 'flip horizontal (materialised)', ij: 'horizontal', jimp: { horizontal: true, vertical: false }, nd: [null, -1] },
  0: { label: 'flip vertical (materialised)', ij: 'vertical', jimp: { horizontal: false, vertical: true }, nd: [-1, null] },
  [-1]: { label: 'flip both (materialised)', ij: 'both', jimp: { horizontal: true, vertical: true }, nd: [-1, -1] },
};

function flipCase(code) {
  const f = FLIPS[code];
  return {
    name: f.label,
    family: 'geometry',
    make(ctx) {
      const { lib, A } = ctx;
      const out = lib.zerosLike(A);
      const systems = { pixelarray: { mode: 'reuse', run: () => lib.clone(lib.flip(A, code), { out }), output: () => out } };
      const cleanup = [];
      if (ctx.cv) {
        const cv = ctx.cv, dst = ctx.emptyMat(A.shape), cvA = ctx.cvA;
        systems.opencv = { mode: 'reuse', run: () => cv.flip(cvA, dst, code), output: () => dst };
        cleanup.push(() => dst.delete());
      }
      if (ctx.imagejs) {
        const ia = ctx.ijA, res = ctx.toImagejs(lib.zerosLike(A));
        systems.imagejs = { mode: 'reuse', run: () => ia.flip({ axis: f.ij, out: res }), output: () => res };
      }
      if (ctx.jimp) {
        const { work, reset } = jimpWork(ctx);
        systems.jimp = { mode: 'alloc', setup: reset, run: () => work.flip(f.jimp), output: () => work };
      }
      if (ctx.ndarray) {
        const nd = ctx.toNd(lib.zerosLike(A)), view = ctx.ndA.step(...f.nd), ops = ctx.ndarray.ops;
        systems.ndarray = { mode: 'reuse', run: () => ops.assign(nd, view), output: () => nd };
      }
      return { systems, cleanup: () => cleanup.forEach((fn) => fn()) };
    },
  };
}

function rot90Case() {
  return {
    name: 'rot90 counter-clockwise (materialised)',
    family: 'geometry',
    make(ctx) {
      const { lib, A } = ctx;
      const [h, w, c] = A.shape;
      const out = lib.zeros(w, h, c);
      const systems = { pixelarray: { mode: 'reuse', run: () => lib.clone(lib.rot90(A, 1), { out }), output: () => out } };
      const cleanup = [];
      if (ctx.cv) {
        const cv = ctx.cv, dst = ctx.emptyMat([w, h, c]), cvA = ctx.cvA;
        systems.opencv = { mode: 'reuse', run: () => cv.rotate(cvA, dst, cv.ROTATE_90_COUNTERCLOCKWISE), output: () => dst };
        cleanup.push(() => dst.delete());
      }
      if (ctx.imagejs) {
        let res;
        const ia = ctx.ijA;
        systems.imagejs = { mode: 'alloc', run: () => { res = ia.rotate(-90); }, output: () => res };
      }
      if (ctx.jimp) {
        const { work, reset } = jimpWork(ctx);
        systems.jimp = { mode: 'alloc', setup: reset, run: () => work.rotate(90), output: () => work };
      }
      if (ctx.ndarray) {
        const nd = ctx.toNd(lib.zeros(w, h, c)), view = ctx.ndA.step(null, -1).transpose(1, 0, 2), ops = ctx.ndarray.ops;
        systems.ndarray = { mode: 'reuse', run: () => ops.assign(nd, view), output: () => nd };
      }
      return { systems, cleanup: () => cleanup.forEach((f) => f()) };
    },
  };
}

/** The centred half-size box [left, upper, right, lower] (960×540 on 1080p). */
function centreBox([h, w]) {
  const left = Math.floor(w / 4), upper = Math.floor(h / 4);
  return [left, upper, left + Math.floor(w / 2), upper + Math.floor(h / 2)];
}

function cropCase() {
  return {
    name: 'crop 960×540 (copy)',
    family: 'geometry',
    note: 'pixelarray: clone(crop(a, box), { out })',
    make(ctx) {
      const { lib, A } = ctx;
      const box = centreBox(A.shape);
      const [l, u, r, b] = box, cw = r - l, ch = b - u, c = A.shape[2];
      const out = lib.zeros(ch, cw, c);
      const systems = { pixelarray: { mode: 'reuse', run: () => lib.clone(lib.crop(A, box), { out }), output: () => out } };
      const cleanup = [];
      if (ctx.cv) {
        const cv = ctx.cv, dst = ctx.emptyMat([ch, cw, c]), cvA = ctx.cvA, rect = new cv.Rect(l, u, cw, ch);
        systems.opencv = {
          mode: 'reuse',
          run: () => { const roi = cvA.roi(rect); roi.copyTo(dst); roi.delete(); },
          output: () => dst,
        };
        cleanup.push(() => dst.delete());
      }
      if (ctx.imagejs) {
        let res;
        const ia = ctx.ijA;
        systems.imagejs = { mode: 'alloc', run: () => { res = ia.crop({ origin: { column: l, row: u }, width: cw, height: ch }); }, output: () => res };
      }
      if (ctx.jimp) {
        const { work, reset } = jimpWork(ctx);
        systems.jimp = { mode: 'alloc', setup: reset, run: () => work.crop({ x: l, y: u, w: cw, h: ch }), output: () => work };
      }
      if (ctx.ndarray) {
        const nd = ctx.toNd(lib.zeros(ch, cw, c)), view = ctx.ndA.lo(u, l).hi(ch, cw), ops = ctx.ndarray.ops;
        systems.ndarray = { mode: 'reuse', run: () => ops.assign(nd, view), output: () => nd };
      }
      return { systems, cleanup: () => cleanup.forEach((f) => f()) };
    },
  };
}

function pasteCase() {
  return {
    name: 'paste 960×540 into 1080p',
    family: 'geometry',
    note: 'src = 960×540 crop of b, pasted at the centre, in place',
    make(ctx) {
      const { lib, A, B } = ctx;
      const [l, u, r, b] = centreBox(A.shape);
      const cw = r - l, ch = b - u;
      const src = lib.clone(lib.crop(B, [l, u, r, b]));
      const work = lib.clone(A);
      const systems = { pixelarray: { mode: 'in place', run: () => lib.paste(work, src, [l, u]), output: () => work } };
      const cleanup = [];
      if (ctx.cv) {
        const cv = ctx.cv, cvWork = ctx.toMat(A), cvSrc = ctx.toMat(src), rect = new cv.Rect(l, u, cw, ch);
        systems.opencv = {
          mode: 'in place',
          run: () => { const roi = cvWork.roi(rect); cvSrc.copyTo(roi); roi.delete(); },
          output: () => cvWork,
        };
        cleanup.push(() => { cvWork.delete(); cvSrc.delete(); });
      }
      if (ctx.imagejs) {
        const ijWork = ctx.toImagejs(A), ijSrc = ctx.toImagejs(src), origin = { column: l, row: u };
        systems.imagejs = { mode: 'in place', run: () => ijSrc.copyTo(ijWork, { origin, out: ijWork }), output: () => ijWork };
      }
      if (ctx.jimp) {
        const jWork = ctx.toJimp(A), jSrc = ctx.toJimp(src);
        systems.jimp = { mode: 'in place', run: () => jWork.blit({ src: jSrc, x: l, y: u }), output: () => jWork, note: 'blit alpha-blends; with opaque src that is a copy' };
      }
      if (ctx.ndarray) {
        const ndWork = ctx.toNd(lib.clone(A)), target = ndWork.lo(u, l).hi(ch, cw), ndSrc = ctx.toNd(src), ops = ctx.ndarray.ops;
        systems.ndarray = { mode: 'in place', run: () => ops.assign(target, ndSrc), output: () => ndWork };
      }
      return { systems, cleanup: () => cleanup.forEach((f) => f()) };
    },
  };
}

/** pixelarray-only rows: the O(1) cost of the views themselves (nothing is copied). */
function viewCase(name, make) {
  return {
    name,
    family: 'views',
    note: 'O(1) view, no pixels touched; no peer equivalent',
    make(ctx) {
      const f = make(ctx.lib, ctx.A);
      // The view is kept in a variable the closure writes, so that the call is not optimised away.
      let sink = null;
      return { systems: { pixelarray: { mode: 'view', run: () => { sink = f(); }, output: null } }, cleanup: () => sink };
    },
  };
}

export default function cases() {
  return [
    copyCase(),
    rollCase(1, 50),
    rollCase(0, 50),
    transposeCase(),
    flipCase(1),
    flipCase(0),
    flipCase(-1),
    rot90Case(),
    cropCase(),
    pasteCase(),
    viewCase('flip horizontal — view only', (lib, A) => () => lib.flip(A, 1)),
    viewCase('transpose — view only', (lib, A) => () => lib.transpose(A)),
    viewCase('rot90 — view only', (lib, A) => () => lib.rot90(A, 1)),
    viewCase('crop 960×540 — view only', (lib, A) => { const box = centreBox(A.shape); return () => lib.crop(A, box); }),
  ];
}
