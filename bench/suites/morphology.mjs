// Morphology, borders and pyramids (issue 13), against opencv.js. Case format: see arithmetic.mjs;
// `unary` (an op on the photo with an `out` on both sides) is in unary.mjs.
import { unary } from './unary.mjs';

/** A structuring element as pixelarray's rows and as an opencv.js CV_8U Mat (made in `st`). */
function element(lib, cv, st, shape, w, h) {
  const rows = lib.getStructuringElement(shape, [w, h]);
  if (cv) st.kernel = cv.matFromArray(h, w, cv.CV_8U, rows.flat());
  return rows;
}

const CV_SHAPES = { rect: 'MORPH_RECT', cross: 'MORPH_CROSS', ellipse: 'MORPH_ELLIPSE' };

function morphCase(lib, call, shape, w, h, iterations = 1) {
  const label = `${call} ${shape} ${w}×${h}${iterations > 1 ? ` ×${iterations}` : ''}`;
  const missing = typeof lib?.[call] !== 'function';
  let rows;
  return unary(label, 'morphology', {
    unavailable: missing ? `pixelarray has no ${call}` : undefined,
    pa: (l, A, out) => {
      rows ??= l.getStructuringElement(shape, [w, h]);
      return l[call](A, rows, { iterations, out });
    },
    cv: (cv, src, dst, st) => {
      element(lib, cv, st, shape, w, h);
      st.anchor = new cv.Point(-1, -1);
      st.value = cv.morphologyDefaultBorderValue();
      return () => cv[call](src, dst, st.kernel, st.anchor, iterations, cv.BORDER_CONSTANT, st.value);
    },
    note: `${CV_SHAPES[shape]} element, default border (constant, never winning)`,
  });
}

function morphExCase(lib, op) {
  let rows;
  return unary(`morphologyEx ${op} ellipse 5×5`, 'morphology', {
    unavailable: typeof lib?.morphologyEx !== 'function' ? 'pixelarray has no morphologyEx' : undefined,
    pa: (l, A, out) => {
      rows ??= l.getStructuringElement('ellipse', [5, 5]);
      return l.morphologyEx(A, op, rows, { out });
    },
    cv: (cv, src, dst, st) => {
      element(lib, cv, st, 'ellipse', 5, 5);
      st.anchor = new cv.Point(-1, -1);
      st.value = cv.morphologyDefaultBorderValue();
      const code = cv[`MORPH_${op.toUpperCase()}`];
      return () => cv.morphologyEx(src, dst, code, st.kernel, st.anchor, 1, cv.BORDER_CONSTANT, st.value);
    },
  });
}

/** `lib` is the built library (dist/index.js): functions it lacks make their rows unavailable. */
export default function cases(lib) {
  return [
    morphCase(lib, 'erode', 'rect', 3, 3),
    morphCase(lib, 'dilate', 'rect', 3, 3),
    morphCase(lib, 'erode', 'rect', 5, 5),
    morphCase(lib, 'erode', 'rect', 15, 15),
    morphCase(lib, 'erode', 'ellipse', 7, 7),
    morphCase(lib, 'dilate', 'cross', 5, 5),
    morphCase(lib, 'erode', 'rect', 3, 3, 3),
    morphExCase(lib, 'open'),
    morphExCase(lib, 'gradient'),
    unary('copyMakeBorder 16 px reflect101', 'borders', {
      unavailable: typeof lib?.copyMakeBorder !== 'function' ? 'pixelarray has no copyMakeBorder' : undefined,
      outShape: ([h, w, c]) => [h + 32, w + 32, c],
      pa: (l, A, out) => l.copyMakeBorder(A, 16, 16, 16, 16, 'reflect101', undefined, { out }),
      cv: (cv, src, dst, st) => {
        st.value = new cv.Scalar(0, 0, 0, 0);
        return () => cv.copyMakeBorder(src, dst, 16, 16, 16, 16, cv.BORDER_REFLECT_101, st.value);
      },
    }),
    unary('pyrDown', 'pyramids', {
      unavailable: typeof lib?.pyrDown !== 'function' ? 'pixelarray has no pyrDown' : undefined,
      outShape: ([h, w, c]) => [(h + 1) >> 1, (w + 1) >> 1, c],
      pa: (l, A, out) => l.pyrDown(A, { out }),
      cv: (cv, src, dst, st) => {
        st.size = new cv.Size(0, 0);
        return () => cv.pyrDown(src, dst, st.size, cv.BORDER_DEFAULT);
      },
    }),
    unary('pyrUp', 'pyramids', {
      unavailable: typeof lib?.pyrUp !== 'function' ? 'pixelarray has no pyrUp' : undefined,
      outShape: ([h, w, c]) => [2 * h, 2 * w, c],
      pa: (l, A, out) => l.pyrUp(A, { out }),
      cv: (cv, src, dst, st) => {
        st.size = new cv.Size(0, 0);
        return () => cv.pyrUp(src, dst, st.size, cv.BORDER_DEFAULT);
      },
    }),
  ];
}
