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
import { cmykToRgbRow, interleaveRow, yccToRgbRow } from './jdcolor.ts';
import { type Idct, idctIslow } from './jidctint.ts';
import { idct1x1, idct2x2, idct4x4 } from './jidctred.ts';
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
  planes: [Plane, Plane];
  /** This component's upsampled output row. */
  row: Uint8Array;
}

const ZERO_QUANT = new Int32Array(64);

/**
 * The output pass for a frame: jpeg_core_output_dimensions' per-component DCT sizes, jinit_upsampler's
 * methods, the output image. Feed it iMCU rows 0, 1, … in order with `pushRow`, then `finish`.
 */
export class OutputPass {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
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
      let ss = minSize;
      while (ss < 8 && (maxH * minSize) % (c.h * ss * 2) === 0 && (maxV * minSize) % (c.v * ss * 2) === 0) ss *= 2;
      const dw = Math.ceil(frameWidth * c.h * ss / (maxH * 8)), dh = Math.ceil(frameHeight * c.v * ss / (maxV * 8));
      const hIn = c.h * ss / minSize, vIn = c.v * ss / minSize;
      const method = chooseUpsample(hIn, vIn, maxH, maxV, fancy, dw);
      if (method === null) return `fractional sampling factors ${c.h}×${c.v} (of ${maxH}×${maxV}) are not supported`;
      const stride = c.bw * ss, rows = c.v * ss;
      const windows: [Uint8Array, Uint8Array] = [new Uint8Array((rows + 2) * stride), new Uint8Array((rows + 2) * stride)];
      slots.push({
        comp: c, ss, idct: ss === 8 ? idctIslow : ss === 4 ? idct4x4 : ss === 2 ? idct2x2 : null, stride, rows, dh,
        method, hx: maxH / hIn, vx: maxV / vIn, windows,
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
  pushRow(r: number, coefs: readonly Int16Array[], whole: boolean): void {
    if (r !== this.pushed) throw new Error(`internal: iMCU row ${r} pushed, expected ${this.pushed}`);
    const ws = this.ws;
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots[i], c = s.comp, ss = s.ss, stride = s.stride, idct = s.idct;
      const win = s.windows[r & 1], co = coefs[i], q = c.quant ?? ZERO_QUANT;
      const by0 = r * c.v, by1 = Math.min(by0 + c.v, c.bh);
      for (let by = by0; by < by1; by++) {
        const at = (whole ? by : by - by0) * c.gw * 64, o = (1 + (by - by0) * ss) * stride;
        if (idct !== null) for (let bx = 0; bx < c.bw; bx++) idct(co, at + bx * 64, q, win, o + bx * ss, stride, ws);
        else for (let bx = 0; bx < c.bw; bx++) idct1x1(co, at + bx * 64, q, win, o + bx);
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

  /** Upsamples and colour-converts the output rows of iMCU row `r` from the windows. */
  private emit(r: number): void {
    const slots = this.slots, n = slots.length, outW = this.width, channels = this.channels, space = this.space, out = this.data;
    const y0 = r * this.outRows, y1 = Math.min(y0 + this.outRows, this.height);
    const k = r & 1;
    // upsampleRow addresses a plane by output row: the window starts at plane row r·rows − 1, so
    // output row y is row y − y0 + vx of it, and its last valid row is dh − 1 − (r·rows − 1).
    for (const s of slots) s.planes[k].height = s.dh - (r * s.rows - 1);
    const s0 = slots[0];
    for (let y = y0; y < y1; y++) {
      // The first component is read in place when it is full size (the luma of every common layout).
      let first = s0.row, firstAt = 0;
      if (s0.method === 'fullsize') { first = s0.windows[k]; firstAt = (y - y0 + 1) * s0.stride; } else upsampleRow(s0.method, s0.planes[k], y - y0 + s0.vx, s0.hx, s0.vx, s0.row, outW);
      for (let i = 1; i < n; i++) {
        const s = slots[i];
        upsampleRow(s.method, s.planes[k], y - y0 + s.vx, s.hx, s.vx, s.row, outW);
      }
      const o = y * outW * channels;
      if (space === 'gray') out.set(first.subarray(firstAt, firstAt + outW), o);
      else if (space === 'ycc') yccToRgbRow(first, slots[1].row, slots[2].row, firstAt, outW, out, o);
      else if (space === 'rgb') interleaveRow(first, slots[1].row, slots[2].row, firstAt, outW, out, o);
      else cmykToRgbRow(first, slots[1].row, slots[2].row, slots[3].row, firstAt, outW, space === 'ycck', out, o);
    }
  }
}
