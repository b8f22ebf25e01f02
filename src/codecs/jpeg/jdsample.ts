// Chroma upsampling as libjpeg-turbo 2.1 picks it with its defaults (jdsample.c jinit_upsampler,
// do_fancy_upsampling TRUE; the merged upsampler of jdmerge.c is only used when fancy upsampling is
// off, so never here): fullsize copy; h2v1_fancy_upsample (component wider than 2 samples, scaled DCT
// size > 1) else h2v1_upsample; h1v2_fancy_upsample; h2v2_fancy_upsample (wider than 2) else
// h2v2_upsample; int_upsample (plain replication) for every other integral ratio.
//
// Each function produces one output row of a component at the output width, from the component's
// decoded plane. Rows above the first and below the last (`downsampled_height - 1`) are the edge rows
// themselves, as libjpeg's context-row pointers (jdmainct.c) make them.

/** A component's decoded samples: `width × height` valid of a `stride`-wide plane. */
export interface Plane {
  data: Uint8Array;
  stride: number;
  /** downsampled_width / downsampled_height at the output scale. */
  width: number;
  height: number;
}

export type UpsampleMethod = 'fullsize' | 'h2v1_fancy' | 'h2v1' | 'h1v2_fancy' | 'h2v2_fancy' | 'h2v2' | 'int';

/** jinit_upsampler's choice for one component; null when the ratio is not integral (JERR_FRACT_SAMPLE_NOTIMPL). */
export function chooseUpsample(hIn: number, vIn: number, hOut: number, vOut: number, fancy: boolean, width: number): UpsampleMethod | null {
  if (hIn === hOut && vIn === vOut) return 'fullsize';
  if (hIn * 2 === hOut && vIn === vOut) return fancy && width > 2 ? 'h2v1_fancy' : 'h2v1';
  if (hIn === hOut && vIn * 2 === vOut && fancy) return 'h1v2_fancy';
  if (hIn * 2 === hOut && vIn * 2 === vOut) return fancy && width > 2 ? 'h2v2_fancy' : 'h2v2';
  if (hOut % hIn === 0 && vOut % vIn === 0) return 'int';
  return null;
}

/**
 * Writes output row `y` (`outWidth` samples) of component plane `p` into `dst`, upsampled by
 * `method` with integral expansion factors `hx`, `vx` (2, 2 for the h2v2 family).
 */
export function upsampleRow(method: UpsampleMethod, p: Plane, y: number, hx: number, vx: number, dst: Uint8Array, outWidth: number): void {
  const src = p.data, stride = p.stride, last = p.height - 1;
  switch (method) {
    case 'fullsize': {
      const o = y * stride;
      for (let x = 0; x < outWidth; x++) dst[x] = src[o + x];
      return;
    }
    case 'h2v1':
    case 'h2v2':
    case 'int': {
      const o = Math.floor(y / vx) * stride;
      if (hx === 1) {
        for (let x = 0; x < outWidth; x++) dst[x] = src[o + x];
      } else if (hx === 2) {
        for (let x = 0; x < outWidth; x++) dst[x] = src[o + (x >> 1)];
      } else {
        for (let x = 0, i = 0, k = 0; x < outWidth; x++) {
          dst[x] = src[o + i];
          if (++k === hx) { k = 0; i++; }
        }
      }
      return;
    }
    case 'h2v1_fancy': {
      const o = y * stride, w = p.width;
      const tmp = fancyRow;
      let v = src[o];
      tmp[0] = v;
      tmp[1] = (v * 3 + src[o + 1] + 2) >> 2;
      let t = 2;
      for (let i = 1; i < w - 1; i++) {
        v = src[o + i] * 3;
        tmp[t++] = (v + src[o + i - 1] + 1) >> 2;
        tmp[t++] = (v + src[o + i + 1] + 2) >> 2;
      }
      v = src[o + w - 1];
      tmp[t++] = (v * 3 + src[o + w - 2] + 1) >> 2;
      tmp[t] = v;
      for (let x = 0; x < outWidth; x++) dst[x] = tmp[x];
      return;
    }
    case 'h1v2_fancy': {
      const j = y >> 1, near = j * stride;
      const far = (y & 1) === 0 ? Math.max(j - 1, 0) * stride : Math.min(j + 1, last) * stride;
      const bias = (y & 1) === 0 ? 1 : 2;
      for (let x = 0; x < outWidth; x++) dst[x] = (src[near + x] * 3 + src[far + x] + bias) >> 2;
      return;
    }
    case 'h2v2_fancy': {
      const j = y >> 1, near = j * stride, w = p.width;
      const far = (y & 1) === 0 ? Math.max(j - 1, 0) * stride : Math.min(j + 1, last) * stride;
      const tmp = fancyRow;
      let thiscol = src[near] * 3 + src[far];
      let nextcol = src[near + 1] * 3 + src[far + 1];
      tmp[0] = (thiscol * 4 + 8) >> 4;
      tmp[1] = (thiscol * 3 + nextcol + 7) >> 4;
      let lastcol = thiscol;
      thiscol = nextcol;
      let t = 2;
      for (let i = 2; i < w; i++) {
        nextcol = src[near + i] * 3 + src[far + i];
        tmp[t++] = (thiscol * 3 + lastcol + 8) >> 4;
        tmp[t++] = (thiscol * 3 + nextcol + 7) >> 4;
        lastcol = thiscol;
        thiscol = nextcol;
      }
      tmp[t++] = (thiscol * 3 + lastcol + 8) >> 4;
      tmp[t] = (thiscol * 4 + 7) >> 4;
      for (let x = 0; x < outWidth; x++) dst[x] = tmp[x];
    }
  }
}

let fancyRow = new Uint8Array(0);

/** Makes the shared scratch row of the fancy upsamplers at least `n` samples long. */
export function reserveUpsampleScratch(n: number): void {
  if (fancyRow.length < n) fancyRow = new Uint8Array(n);
}
