// Pillow 9.4 (issue 12): pixelarray/pillow's resize (bicubic, Lanczos), GaussianBlur, UnsharpMask
// and ImageOps.autocontrast, and pixelarray/search's imagehash-compatible hashes, against jimp and
// image-js where they have a comparable op. Case format: see arithmetic.mjs; `check: false` and
// `preset` as in imgproc.mjs. No peer computes Pillow's bytes, so every peer row is ≈ (timed, not
// byte-checked) and its note says what it computes instead. bench/native_opencv.py times Pillow
// itself under the same op names (the report's "native" column for these rows).
//
// The pixelarray side calls the pillow and search entry points, not `ctx.lib` (the core): each case
// has `simd: false`, so bench/run.mjs does not add a "simd" column that would only time the same
// code again.
import * as pillow from '../../dist/pillow/index.js';
import * as search from '../../dist/apps/index.js';
import { jimpWork, SLOW_CAP } from '../peers.mjs';

const FAMILY = 'pillow';

/**
 * A Pillow op on the photo: pixelarray `pa(A, out)` writing into `out` (of shape `outShape`), and
 * `peers(ctx, systems)` adding the jimp / image-js entries.
 */
function pillowCase(name, { outShape = (s) => s, pa, peers, note }) {
  return {
    name,
    family: FAMILY,
    note,
    simd: false,
    make(ctx) {
      const { A } = ctx;
      const out = ctx.lib.zeros(...outShape(A.shape));
      const systems = { pixelarray: { mode: 'reuse', run: () => pa(A, out), output: () => out } };
      peers?.(ctx, systems);
      return { systems };
    },
  };
}

function resizeCase(resample, width, height, label) {
  const peers = resample !== 'bicubic' ? undefined : (ctx, systems) => {
    if (ctx.jimp) {
      const { work, reset } = jimpWork(ctx);
      systems.jimp = {
        mode: 'alloc', check: false, setup: reset, preset: SLOW_CAP,
        run: () => work.resize({ w: width, h: height, mode: 'bicubicInterpolation' }), output: () => work,
        note: 'resize({ w, h, mode: ResizeStrategy.BICUBIC }): 4×4-point bicubic interpolation at any scale ' +
          '(no support widening when shrinking, unlike Pillow\'s convolution), RGBA (not byte-checked)',
      };
    }
    if (ctx.imagejs) {
      const ia = ctx.ijA;
      let res;
      systems.imagejs = {
        mode: 'alloc', check: false, preset: SLOW_CAP,
        run: () => { res = ia.resize({ width, height, interpolationType: 'bicubic' }); }, output: () => res,
        note: 'resize({ width, height, interpolationType: \'bicubic\' }): float64 4×4-point bicubic per pixel ' +
          'through its generic transform, no support widening when shrinking (not byte-checked)',
      };
    }
  };
  return pillowCase(`Pillow resize ${resample} to ${width}×${height} (${label})`, {
    note: resample === 'lanczos' ? 'neither jimp nor image-js has a Lanczos resize' : undefined,
    outShape: ([, , c]) => [height, width, c],
    pa: (A, out) => pillow.resize(A, [width, height], { resample, out }),
    peers,
  });
}

/** A hash of the photo: the timed call allocates its result (a few bytes), as imagehash does. */
function hashCase(name, hash, peers) {
  return {
    name,
    family: FAMILY,
    simd: false,
    make(ctx) {
      const { A } = ctx;
      let h;
      const systems = { pixelarray: { mode: 'alloc', run: () => { h = hash(A); }, output: () => h.bits } };
      peers?.(ctx, systems);
      return { systems };
    },
  };
}

export default function cases() {
  return [
    resizeCase('bicubic', 960, 540, '½'),
    resizeCase('bicubic', 2880, 1620, '×1.5'),
    resizeCase('lanczos', 960, 540, '½'),
    resizeCase('lanczos', 2880, 1620, '×1.5'),
    pillowCase('Pillow GaussianBlur(3)', {
      pa: (A, out) => pillow.filter(A, pillow.GaussianBlur(3), { out }),
      peers(ctx, systems) {
        if (ctx.jimp) {
          const { work, reset } = jimpWork(ctx);
          systems.jimp = {
            mode: 'in place', check: false, setup: reset, preset: SLOW_CAP,
            run: () => work.blur(3), output: () => work,
            note: 'blur(3): two passes of a radius-3 box per axis, an approximate Gaussian; jimp\'s gaussian(3) ' +
              '(a direct 2-D kernel) takes ~27 s per call, so the faster approximation stands in (not byte-checked)',
          };
        }
        if (ctx.imagejs) {
          const ia = ctx.ijA;
          let res;
          systems.imagejs = {
            mode: 'alloc', check: false, preset: SLOW_CAP,
            run: () => { res = ia.gaussianBlur({ sigma: 3, size: 19 }); }, output: () => res,
            note: 'gaussianBlur({ sigma: 3, size: 19 }): a true separable Gaussian in float64, where Pillow runs ' +
              'three extended box blurs in 8.24 fixed point (not byte-checked)',
          };
        }
      },
    }),
    pillowCase('Pillow UnsharpMask(2, 150, 3)', {
      note: 'ImageFilter.UnsharpMask() defaults; neither jimp nor image-js has an unsharp mask',
      pa: (A, out) => pillow.filter(A, pillow.UnsharpMask(2, 150, 3), { out }),
    }),
    pillowCase('Pillow ImageOps.autocontrast', {
      note: 'cutoff 0: per channel, a table stretching [min, max] to [0, 255]',
      pa: (A, out) => pillow.autocontrast(A, { out }),
      peers(ctx, systems) {
        if (ctx.jimp) {
          const { work, reset } = jimpWork(ctx);
          systems.jimp = {
            mode: 'in place', check: false, setup: reset,
            run: () => work.normalize(), output: () => work,
            note: 'normalize(): the same per-channel min–max stretch, computed per pixel in float ' +
              '((v − min) · 255 / (max − min)), RGBA (not byte-checked)',
          };
        }
        if (ctx.imagejs) {
          const ia = ctx.ijA;
          let res;
          systems.imagejs = {
            mode: 'alloc', check: false,
            run: () => { res = ia.increaseContrast(); }, output: () => res,
            note: 'increaseContrast(): the same per-channel min–max stretch through level() (not byte-checked)',
          };
        }
      },
    }),
    hashCase('averageHash (imagehash average_hash, 8×8)', (A) => search.averageHash(A)),
    hashCase('differenceHash (imagehash dhash, 8×8)', (A) => search.differenceHash(A)),
    hashCase('perceptualHash (imagehash phash, 8×8)', (A) => search.perceptualHash(A), (ctx, systems) => {
      if (!ctx.jimp) return;
      const image = ctx.jimpA;
      let hash;
      systems.jimp = {
        mode: 'alloc', check: false,
        run: () => { hash = image.pHash(); }, output: () => hash,
        note: 'pHash(): another DCT hash (a clone shrunk to 32×32 by jimp\'s default area-averaging resize, ' +
          'greyscale, the 8×8 DCT corner against its mean instead of the median), not imagehash\'s bits (not byte-checked)',
      };
    }),
  ];
}
