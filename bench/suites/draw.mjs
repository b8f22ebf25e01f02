// Drawing in place on the 1080p photo: cv2.rectangle / cv2.line against opencv.js's cv.rectangle /
// cv.line. Case format: see arithmetic.mjs. Drawing the same shape again gives the same bytes, so
// each system draws on its own copy of the photo, run after run, and the copies are compared.

/** One drawing call: pixelarray `pa(lib, img)`, opencv.js `cv(cv, mat)`. */
export function drawCase(name, { pa, cv, note, family = 'draw', unavailable }) {
  return {
    name,
    family,
    unavailable,
    note,
    make(ctx) {
      const { lib, A } = ctx;
      const img = lib.clone(A);
      const systems = { pixelarray: { mode: 'in place', run: () => pa(lib, img), output: () => img } };
      const cleanup = [];
      if (ctx.cv) {
        const mat = ctx.toMat(A);
        cleanup.push(() => mat.delete());
        systems.opencv = { mode: 'in place', run: () => cv(ctx.cv, mat), output: () => mat };
      }
      return { systems, cleanup: () => cleanup.forEach((f) => f()) };
    },
  };
}

const RED = [255, 0, 0], GREEN = [0, 255, 0];
const scalar = (cv, [r, g, b]) => new cv.Scalar(r, g, b, 0);

export default function cases(lib) {
  if (typeof lib.rectangle !== 'function') {
    return [{ name: 'rectangle / line', family: 'draw', unavailable: 'not in this build of pixelarray' }];
  }
  return [
    drawCase('rectangle thickness 5 (1720×880 box)', {
      pa: (lib, img) => lib.rectangle(img, [100, 100], [1819, 979], RED, { thickness: 5 }),
      cv: (cv, mat) => cv.rectangle(mat, new cv.Point(100, 100), new cv.Point(1819, 979), scalar(cv, RED), 5, cv.LINE_8),
    }),
    drawCase('rectangle filled (800×500 box)', {
      pa: (lib, img) => lib.rectangle(img, [560, 290], [1359, 789], GREEN, { thickness: -1 }),
      cv: (cv, mat) => cv.rectangle(mat, new cv.Point(560, 290), new cv.Point(1359, 789), scalar(cv, GREEN), -1, cv.LINE_8),
    }),
    drawCase('line thickness 1 (corner to corner)', {
      pa: (lib, img) => lib.line(img, [0, 0], [1919, 1079], GREEN),
      cv: (cv, mat) => cv.line(mat, new cv.Point(0, 0), new cv.Point(1919, 1079), scalar(cv, GREEN), 1, cv.LINE_8),
    }),
    drawCase('line thickness 5 (clipped, ends outside)', {
      pa: (lib, img) => lib.line(img, [-200, 1200], [2100, -150], RED, { thickness: 5 }),
      cv: (cv, mat) => cv.line(mat, new cv.Point(-200, 1200), new cv.Point(2100, -150), scalar(cv, RED), 5, cv.LINE_8),
    }),
  ];
}
