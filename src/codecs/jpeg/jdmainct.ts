// The output pass, one iMCU row at a time, after libjpeg-turbo's jddctmgr.c (the IDCT for the
// output scale), jdmainct.c (context rows), jdsample.c (upsampling) and jdcolor.c (colour
// conversion). Each component's IDCT output goes into a small window of plane rows — the iMCU row
// plus one context row above and one below, which is all the fancy upsamplers look at — and the
// output rows are upsampled and converted from there straight into the output image. So besides
// the output (and the coefficients the caller keeps, all of them or one MCU row) a decode needs
// only O(width) memory.
//
// Two windows per component alternate: iMCU row r + 1 is IDCT'd before row r is emitted, because
// r's last output rows need r + 1's first plane row (its "below" context), and r + 1 needs r's
// last plane row as its "above" context. Rows of a window past the component's
// downsampled_height - 1 are never read: the upsamplers clamp to that row, as the whole-plane
// pass did (jdmainct.c's set_bottom_pointers replicates it).
import {
  cmykToRgbRow, interleaveRow, LITTLE_ENDIAN, yccH2v1FancyRow, yccH2v2FancyRow, yccToRgbRow, yccToRgbRowPacked,
} from './jdcolor.ts';
import { type Idct, idctDcOnly, idctIslow, idctIslowLeft, idctIslowQuarter, LEFT_LAST, QUARTER_LAST } from './jidctint.ts';
import { idct1x1, idct2x2, idct2x2Low, idct4x4, LOW2_LAST } from './jidctred.ts';
import { chooseUpsample, type Plane, reserveUpsampleScratch, type UpsampleMethod, upsampleRow } from './jdsample.ts';

export type ColorSpace = 'gray' | 'ycc' | 'rgb' | 'cmyk' | 'ycck';

/** What the output pass needs of a frame component. */
export interface OutputComponent {
  h: number;
  v: number;
  /** width_in_blocks / height_in_blocks: the blocks that carry image samples. */
  bw: number;
  bh: number;
  /** Blocks per row of the coefficient grid (padded to whole MCUs). */
  gw: number;
  /** Latched when the component's first scan starts; null (all-zero quantisation) if it never had one. */
  quant: Int32Array | null;
}

/** A component's part of the pass: its IDCT, upsampler and two alternating plane windows. */
interface Slot {
  comp: OutputComponent;
  /** DCT_scaled_size: 8 / 4 / 2 / 1 samples per block side. */
  ss: number;
  idct: Idct | null;
  stride: number;
  /** Plane rows per iMCU row (v × ss). */
  rows: number;
  /** downsampled_height at the output scale. */
  dh: number;
  method: UpsampleMethod;
  hx: number;
  vx: number;
  /** Window k holds plane rows (r·rows − 1) .. (r + 1)·rows of the iMCU rows r with r & 1 = k, row 0 first. */
  windows: [Uint8Array, Uint8Array];
  /** The windows as 32-bit words (for the fused converters, which need `stride` a multiple of 4). */
  windowWords: [Uint32Array, Uint32Array];
  planes: [Plane, Plane];
  /** This component's upsampled output row. */
  row: Uint8Array;
}

const ZERO_QUANT = new Int32Array(64);

/**
 * A component's DCT_scaled_size at scale 1/`reduce` (jpeg_core_output_dimensions): 8 / reduce,
 * doubled while the component's sampling still allows it, up to 8. At 1 the IDCT reads only the DC.
 */
export function scaledSize(h: number, v: number, maxH: number, maxV: number, reduce: number): number {
  const minSize = 8 / reduce;
  let ss = minSize;
  while (ss < 8 && (maxH * minSize) % (h * ss * 2) === 0 && (maxV * minSize) % (v * ss * 2) === 0) ss *= 2;
  return ss;
}

/**
 * The output pass for a frame: jpeg_core_output_dimensions' per-component DCT sizes, jinit_upsampler's
 * methods, the output image. Feed it iMCU rows 0, 1, … in order with `pushRow`, then `finish`.
 */
export class OutputPass {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
  /** `data` as a clamped array: the colour converters' range limit. */
  private readonly clamped: Uint8ClampedArray;
  /** `data` as 32-bit words, for the packed colour converters (prepareWords). */
  private words: Uint32Array | null = null;
  /** Their row buffer (words and bytes) for an output row not starting at a multiple of 4 bytes. */
  private rowWords: Uint32Array | null = null;
  private rowBytes: Uint8Array | null = null;
  private readonly space: ColorSpace;
  private readonly slots: Slot[];
  /** Output rows per iMCU row (max_v_samp_factor × min_DCT_scaled_size). */
  private readonly outRows: number;
  private readonly ws = new Int32Array(64);
  private pushed = 0;

  private constructor(width: number, height: number, space: ColorSpace, slots: Slot[], outRows: number) {
    this.width = width;
    this.height = height;
    this.space = space;
    this.channels = space === 'gray' ? 1 : 3;
    this.slots = slots;
    this.outRows = outRows;
    this.data = new Uint8Array(width * height * this.channels);
    this.clamped = new Uint8ClampedArray(this.data.buffer, this.data.byteOffset, this.data.length);
  }

  /**
   * Plans the pass and allocates the output; returns the error message instead when a component's
   * sampling ratio is not integral (JERR_FRACT_SAMPLE_NOTIMPL), so the caller can raise it when
   * libjpeg would (at the output pass, after the scans).
   */
  static plan(
    frameWidth: number, frameHeight: number, comps: readonly OutputComponent[], maxH: number, maxV: number,
    reduce: number, space: ColorSpace,
  ): OutputPass | string {
    const minSize = 8 / reduce;
    const outW = Math.ceil(frameWidth / reduce), outH = Math.ceil(frameHeight / reduce);
    const fancy = minSize > 1;
    const slots: Slot[] = [];
    for (const c of comps) {
      const ss = scaledSize(c.h, c.v, maxH, maxV, reduce);
      const dw = Math.ceil(frameWidth * c.h * ss / (maxH * 8)), dh = Math.ceil(frameHeight * c.v * ss / (maxV * 8));
      const hIn = c.h * ss / minSize, vIn = c.v * ss / minSize;
      const method = chooseUpsample(hIn, vIn, maxH, maxV, fancy, dw);
      if (method === null) return `fractional sampling factors ${c.h}×${c.v} (of ${maxH}×${maxV}) are not supported`;
      const stride = c.bw * ss, rows = c.v * ss;
      const windows: [Uint8Array, Uint8Array] = [new Uint8Array((rows + 2) * stride), new Uint8Array((rows + 2) * stride)];
      slots.push({
        comp: c, ss, idct: ss === 8 ? idctIslow : ss === 4 ? idct4x4 : ss === 2 ? idct2x2 : null, stride, rows, dh,
        method, hx: maxH / hIn, vx: maxV / vIn, windows,
        windowWords: [new Uint32Array(windows[0].buffer, 0, windows[0].length >> 2), new Uint32Array(windows[1].buffer, 0, windows[1].length >> 2)],
        planes: [{ data: windows[0], stride, width: dw, height: dh }, { data: windows[1], stride, width: dw, height: dh }],
        row: new Uint8Array(outW),
      });
    }
    reserveUpsampleScratch(2 * Math.max(...slots.map((s) => s.planes[0].width)) + 2);
    return new OutputPass(outW, outH, space, slots, maxV * minSize);
  }

  /**
   * IDCTs iMCU row `r` (the next one) of every component into its window, then emits the output
   * rows of row r − 1, whose context is now complete. `coefs[i]` holds component i's coefficient
   * grid: the whole image (`whole`), or just this iMCU row's v block rows.
   */
  pushRow(r: number, coefs: readonly Int16Array[], whole: boolean, last: readonly Uint8Array[] | null): void {
    if (r !== this.pushed) throw new Error(`internal: iMCU row ${r} pushed, expected ${this.pushed}`);
    const ws = this.ws;
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots[i], c = s.comp, ss = s.ss, stride = s.stride, idct = s.idct;
      const win = s.windows[r & 1], co = coefs[i], q = c.quant ?? ZERO_QUANT, lk = last === null ? null : last[i];
      const by0 = r * c.v, by1 = Math.min(by0 + c.v, c.bh);
      for (let by = by0; by < by1; by++) {
        const at = (whole ? by : by - by0) * c.gw * 64, o = (1 + (by - by0) * ss) * stride;
        if (idct === null) {
          for (let bx = 0; bx < c.bw; bx++) idct1x1(co, at + bx * 64, q, win, o + bx);
        } else if (lk === null) {
          for (let bx = 0; bx < c.bw; bx++) idct(co, at + bx * 64, q, win, o + bx * ss, stride, ws);
        } else if (ss === 2) {
          // The 2×2 IDCT (the chroma of 4:2:0 at 1/8, every component at 1/4): a flat block, or one
          // whose coefficients are among 0, 1, 8, 9 (most of them), without the zero terms.
          for (let bx = 0, b = at >> 6; bx < c.bw; bx++, b++) {
            const l = lk[b];
            if (l === 0) idctDcOnly(co[b << 6] * q[0], win, o + bx * 2, stride, 2);
            else if (l <= LOW2_LAST) idct2x2Low(co, b << 6, q, win, o + bx * 2, stride);
            else idct2x2(co, b << 6, q, win, o + bx * 2, stride, ws);
          }
        } else {
          // A block whose AC coefficients are all zero is flat: the IDCT's value, without the IDCT;
          // one whose coefficients lie in the top-left quarter or the left half leaves out the zero terms.
          const quarter = ss === 8 ? QUARTER_LAST : 0, left = ss === 8 ? LEFT_LAST : 0;
          for (let bx = 0, b = at >> 6; bx < c.bw; bx++, b++) {
            const l = lk[b];
            if (l === 0) idctDcOnly(co[b << 6] * q[0], win, o + bx * ss, stride, ss);
            else if (l <= quarter) idctIslowQuarter(co, b << 6, q, win, o + bx * ss, stride, ws);
            else if (l <= left) idctIslowLeft(co, b << 6, q, win, o + bx * ss, stride, ws);
            else idct(co, b << 6, q, win, o + bx * ss, stride, ws);
          }
        }
      }
      // Context rows. Above the image's first row is that row itself (the upsamplers' clamp).
      if (r === 0) win.copyWithin(0, stride, 2 * stride);
      else {
        const prev = s.windows[(r - 1) & 1];
        prev.set(win.subarray(stride, 2 * stride), (s.rows + 1) * stride);
        win.set(prev.subarray(s.rows * stride, (s.rows + 1) * stride), 0);
      }
    }
    this.pushed = r + 1;
    if (r > 0) this.emit(r - 1);
  }

  /** Emits the last iMCU row's output rows (its "below" context is the clamp). */
  finish(): void {
    if (this.pushed > 0) this.emit(this.pushed - 1);
  }

  /** Makes `words` and the row buffer of the packed converters. */
  private prepareWords(): void {
    if (this.words !== null) return;
    const out = this.data;
    this.words = new Uint32Array(out.buffer, out.byteOffset, out.length >> 2);
    this.rowWords = new Uint32Array(Math.ceil(this.width * 3 / 4) + 3);
    this.rowBytes = new Uint8Array(this.rowWords.buffer);
  }

  /** Upsamples and colour-converts the output rows of iMCU row `r` from the windows. */
  private emit(r: number): void {
    const slots = this.slots, n = slots.length, outW = this.width, channels = this.channels, space = this.space, out = this.data;
    const y0 = r * this.outRows, y1 = Math.min(y0 + this.outRows, this.height);
    const k = r & 1;
    // upsampleRow addresses a plane by output row: the window starts at plane row r·rows − 1, so
    // output row y is row y − y0 + vx of it, and its last valid row is dh − 1 − (r·rows − 1).
    for (const s of slots) s.planes[k].height = s.dh - (r * s.rows - 1);
    const s0 = slots[0];
    // 4:2:0 and 4:2:2 colour, the common layouts: upsampling fused with the colour conversion.
    if (LITTLE_ENDIAN && space === 'ycc' && s0.method === 'fullsize' && (s0.stride & 3) === 0 && (slots[1].method === 'h2v2_fancy' || slots[1].method === 'h2v1_fancy') &&
      slots[2].method === slots[1].method && slots[2].stride === slots[1].stride && slots[2].dh === slots[1].dh) {
      const yWin = s0.windows[k], yWords = s0.windowWords[k], yStride = s0.stride, cbWin = slots[1].windows[k], crWin = slots[2].windows[k];
      const p = slots[1].planes[k], cStride = p.stride, w = p.width, last = p.height - 1;
      this.prepareWords();
      const words = this.words!, rowWords = this.rowWords!, rowBytes = this.rowBytes!;
      const h2v2 = slots[1].method === 'h2v2_fancy';
      for (let y = y0; y < y1; y++) {
        const yAt = (y - y0 + 1) * yStride, o = y * outW * 3;
        // In place when the row starts on a word (always when the width is a multiple of 4).
        const direct = (o & 3) === 0;
        const ws = direct ? words : rowWords, bs = direct ? out : rowBytes, at = direct ? o : 0;
        if (h2v2) {
          const yy = y - y0 + 2, j = yy >> 1;
          const far = (yy & 1) === 0 ? Math.max(j - 1, 0) : Math.min(j + 1, last);
          yccH2v2FancyRow(yWin, yWords, yAt, cbWin, crWin, j * cStride, far * cStride, w, outW, ws, bs, at);
        } else {
          const c = (y - y0 + 1) * cStride;
          yccH2v1FancyRow(yWin, yWords, yAt, cbWin, c, crWin, c, w, outW, ws, bs, at);
        }
        if (!direct) out.set(rowBytes.subarray(0, outW * 3), o);
      }
      return;
    }
    const packed = LITTLE_ENDIAN && space === 'ycc';
    if (packed) this.prepareWords();
    const arrays: Uint8Array[] = [], offsets: number[] = [];
    for (let y = y0; y < y1; y++) {
      // A full-size component is read in place (the luma of every common layout, all of 4:4:4).
      for (let i = 0; i < n; i++) {
        const s = slots[i];
        if (s.method === 'fullsize') { arrays[i] = s.windows[k]; offsets[i] = (y - y0 + 1) * s.stride; } else {
          upsampleRow(s.method, s.planes[k], y - y0 + s.vx, s.hx, s.vx, s.row, outW);
          arrays[i] = s.row;
          offsets[i] = 0;
        }
      }
      const o = y * outW * channels;
      if (space === 'gray') out.set(arrays[0].subarray(offsets[0], offsets[0] + outW), o);
      else if (packed) {
        const direct = (o & 3) === 0;
        yccToRgbRowPacked(arrays[0], offsets[0], arrays[1], offsets[1], arrays[2], offsets[2], outW,
          direct ? this.words! : this.rowWords!, direct ? out : this.rowBytes!, direct ? o : 0);
        if (!direct) out.set(this.rowBytes!.subarray(0, outW * 3), o);
      } else if (space === 'ycc') yccToRgbRow(arrays[0], offsets[0], arrays[1], offsets[1], arrays[2], offsets[2], outW, this.clamped, o);
      else if (space === 'rgb') interleaveRow(arrays[0], offsets[0], arrays[1], offsets[1], arrays[2], offsets[2], outW, out, o);
      else {
        for (let i = 1; i < 4; i++) {
          if (offsets[i] !== 0) { slots[i].row.set(arrays[i].subarray(offsets[i], offsets[i] + outW)); arrays[i] = slots[i].row; }
        }
        cmykToRgbRow(arrays[0], arrays[1], arrays[2], arrays[3], offsets[0], outW, space === 'ycck', out, o);
      }
    }
  }
}
