// The decoder's driver, after libjpeg-turbo's jdapimin.c / jdmaster.c / jdinput.c / jdcoefct.c:
// reads the markers and decodes the scans; the output pass (jdmainct.ts: IDCT, upsampling, colour
// conversion) runs one iMCU row at a time.
//
// As libjpeg does (jdcoefct.c decompress_onepass vs. the full-image buffer), a single-scan file
// whose scan holds every component (baseline, sequential interleaved; and gray) is decoded MCU row
// by MCU row: each row's coefficients go through the output pass at once and the buffer is reused,
// so the decode needs the output image plus O(width). Any other file (progressive, or sequential
// with non-interleaved scans) keeps every component's whole coefficient array until the last scan,
// then runs the same row-wise output pass over it: coefficients + output, no full-size planes.
import { DecodeError } from '../errors.ts';
import { STD_AC_CHROMINANCE_BITS, STD_AC_CHROMINANCE_VALUES, STD_AC_LUMINANCE_BITS, STD_AC_LUMINANCE_VALUES,
  STD_DC_CHROMINANCE_BITS, STD_DC_CHROMINANCE_VALUES, STD_DC_LUMINANCE_BITS, STD_DC_LUMINANCE_VALUES } from './jstdhuff.ts';
import {
  BitReader, decodeMcuSequential, deriveTable, type DerivedTable, type HuffmanSpec, type McuPlan, type WarningSink,
} from './jdhuff.ts';
import {
  type FrameHeader, nextMarker, readDht, readDqt, readRestartMarker, readSegment, readSof, readSos, type ScanHeader, type Source,
} from './jdmarker.ts';
import { decodeAcFirst, decodeAcRefine, decodeDcFirst, decodeDcRefine, type ProgressiveState } from './jdphuff.ts';
import { type ColorSpace, OutputPass, scaledSize } from './jdmainct.ts';

function fail(message: string): never {
  throw new DecodeError('jpeg', message);
}

/** What `decodeJpegData` returns: interleaved pixels and what the caller needs besides. */
export interface DecodedJpeg {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
  /** The TIFF payload of the first APP1 "Exif" segment, or null. */
  exif: Uint8Array | null;
  /** True when the input ended before EOI (libjpeg's fake EOI was used). */
  truncated: boolean;
}

export interface DecodeParams {
  /** 1, 2, 4 or 8: libjpeg's scale_denom (scale_num 1). */
  reduce: number;
  maxPixels: number;
  warn: WarningSink;
  /** At most this many scans (a cheap-file DoS guard). */
  maxScans: number;
}

interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  /** width_in_blocks / height_in_blocks (what a non-interleaved scan covers). */
  bw: number;
  bh: number;
  /** The coefficient grid, padded to whole MCUs. */
  gw: number;
  gh: number;
  /** The whole coefficient grid (gw × gh blocks), or one MCU row of it (gw × v) when streaming. */
  coefs: Int16Array;
  /**
   * Per block of `coefs`: the highest zigzag index of a coefficient the scans wrote (0: DC only),
   * which lets the IDCT skip terms that are zero.
   */
  last: Uint8Array | null;
  quant: Int32Array | null;
  /** False when the output scale's IDCT of this component is 1×1: a sequential scan then stores only the DC. */
  acNeeded: boolean;
}

function stdSpec(bits: readonly number[], values: readonly number[]): HuffmanSpec {
  const v = new Uint8Array(256);
  v.set(values);
  return { bits: Uint8Array.from(bits), values: v };
}

const startsWith = (seg: Uint8Array, text: string): boolean =>
  seg.length >= text.length && Array.from(text).every((c, i) => seg[i] === c.charCodeAt(0));

/** Decodes a whole JPEG the way libjpeg-turbo does with its default settings. */
export function decodeJpegData(data: Uint8Array, params: DecodeParams): DecodedJpeg {
  // Whether a file is single-scan shows only at its end: a streamed decode gives up (null) when a
  // second scan follows, or a later APP0 / APP14 changes the colour space. Such files (rare, odd)
  // are decoded again keeping the whole coefficient arrays, which yields the same pixels as the
  // decoder always did. That decode repeats the first one's warnings in the same order up to the
  // point it gave up, so those are not passed on twice.
  let heard = 0;
  const streamed = decode(data, { ...params, warn: (m) => { heard++; params.warn(m); } }, true);
  if (streamed !== null) return streamed;
  let skip = heard;
  return decode(data, { ...params, warn: (m) => { if (skip > 0) skip--; else params.warn(m); } }, false)!;
}

/** libjpeg's colour space of the components (jdapimin.c default_decompress_parms). */
function colorSpace(comps: readonly Component[], sawJfif: boolean, adobe: number): ColorSpace {
  if (comps.length === 1) return 'gray';
  if (comps.length === 3) {
    if (sawJfif) return 'ycc';
    if (adobe >= 0) return adobe === 0 ? 'rgb' : 'ycc';
    return comps[0].id === 82 && comps[1].id === 71 && comps[2].id === 66 ? 'rgb' : 'ycc';
  }
  return adobe >= 0 && adobe !== 0 ? 'ycck' : 'cmyk';
}

/** One decode; `stream` allows the MCU-row path, and null means it turned out not to fit (see above). */
function decode(data: Uint8Array, params: DecodeParams, stream: boolean): DecodedJpeg | null {
  const src: Source = { data, pos: 0, warn: params.warn, hitEnd: false };
  if (data.length < 2 || data[0] !== 0xff || data[1] !== 0xd8) fail('missing SOI marker at the start; not a JPEG file');
  src.pos = 2;
  const qt: Array<Int32Array | null> = [null, null, null, null];
  const dcSpecs: Array<HuffmanSpec | null> = [null, null, null, null];
  const acSpecs: Array<HuffmanSpec | null> = [null, null, null, null];
  let frame: FrameHeader | null = null;
  let comps: Component[] = [];
  let mcusX = 0, mcusY = 0, maxH = 1, maxV = 1;
  let restartInterval = 0;
  let exif: Uint8Array | null = null;
  let sawJfif = false, adobe = -1;
  let scans = 0;
  let pending = 0; // a marker the entropy decoder stopped at
  let coefBits: Int32Array | null = null;
  // The streamed output pass and the colour space it was planned with, once the first scan began.
  let streaming: OutputPass | null = null, streamSpace: ColorSpace = 'gray';

  for (;;) {
    const marker = pending !== 0 ? pending : nextMarker(src);
    pending = 0;
    if (marker === 0xd9) break;
    if (marker === 0xd8) fail('second SOI marker');
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    const seg = readSegment(src, marker);
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2 || (marker >= 0xc3 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)) {
      if (frame !== null) fail('more than one frame header (SOF)');
      frame = readSof(marker, seg);
      maxH = Math.max(...frame.components.map((c) => c.h));
      maxV = Math.max(...frame.components.map((c) => c.v));
      mcusX = Math.ceil(frame.width / (8 * maxH));
      mcusY = Math.ceil(frame.height / (8 * maxV));
      const pixels = frame.width * frame.height;
      if (pixels > params.maxPixels) {
        fail(`image is ${frame.width}×${frame.height} = ${pixels} pixels, more than maxPixels = ${params.maxPixels}; pass a larger { maxPixels } to decode it`);
      }
      comps = frame.components.map((c) => {
        const gw = mcusX * c.h, gh = mcusY * c.v;
        return {
          ...c, gw, gh, quant: null, last: null, acNeeded: scaledSize(c.h, c.v, maxH, maxV, params.reduce) > 1,
          bw: Math.ceil(Math.ceil(frame!.width * c.h / maxH) / 8), bh: Math.ceil(Math.ceil(frame!.height * c.v / maxV) / 8),
          coefs: EMPTY, // allocated at the first scan, once it is known whether the file streams
        };
      });
      if (frame.progressive) coefBits = new Int32Array(comps.length * 64).fill(-1);
    } else if (marker === 0xc4) {
      readDht(seg, dcSpecs, acSpecs);
    } else if (marker === 0xdb) {
      readDqt(seg, qt);
    } else if (marker === 0xdd) {
      if (seg.length !== 2) fail(`DRI segment has ${seg.length} bytes, expected 2`);
      restartInterval = (seg[0] << 8) | seg[1];
    } else if (marker === 0xda) {
      if (frame === null) fail('image data (SOS) before the frame header (SOF)');
      if (streaming !== null) return null; // a second scan: the whole-array decode is needed
      if (++scans > params.maxScans) fail(`more than ${params.maxScans} scans`);
      const scan = readSos(seg, frame);
      let sink: ((row: number) => void) | null = null;
      if (scans === 1 && stream && !frame.progressive && scan.comps.length === comps.length) {
        streamSpace = colorSpace(comps, sawJfif, adobe);
        const pass = OutputPass.plan(frame.width, frame.height, comps, maxH, maxV, params.reduce, streamSpace);
        // Fractional sampling fails after the scans, as in the whole-array decode (libjpeg: at the output pass).
        if (typeof pass !== 'string') {
          streaming = pass;
          for (const c of comps) { c.coefs = new Int16Array(c.gw * c.v * 64); c.last = new Uint8Array(c.gw * c.v); }
          const rowCoefs = comps.map((c) => c.coefs), rowLast = comps.map((c) => c.last!);
          const dcOnly = comps.map((c) => !c.acNeeded);
          sink = (row) => {
            pass.pushRow(row, rowCoefs, false, rowLast);
            // The entropy decoders write only nonzero coefficients, and a skipped MCU (after the
            // data ran out) must read as zeros: clear the row for the next one. Of a component
            // whose AC is not stored, only the DCs were written.
            for (let i = 0; i < rowCoefs.length; i++) {
              const co = rowCoefs[i];
              if (dcOnly[i]) for (let at = 0; at < co.length; at += 64) co[at] = 0;
              else co.fill(0);
              rowLast[i].fill(0);
            }
          };
        }
      }
      if (sink === null && comps[0].coefs === EMPTY) {
        for (const c of comps) { c.coefs = new Int16Array(c.gw * c.gh * 64); c.last = new Uint8Array(c.gw * c.gh); }
      }
      pending = decodeScan(src, frame, comps, scan, restartInterval, qt, dcSpecs, acSpecs, mcusX, mcusY, coefBits, params.warn, sink);
      if (streaming !== null) streaming.finish();
    } else if (marker >= 0xe0 && marker <= 0xef) {
      if (marker === 0xe0 && seg.length >= 14 && startsWith(seg, 'JFIF\0')) sawJfif = true;
      if (marker === 0xe1 && exif === null && startsWith(seg, 'Exif\0')) exif = seg.subarray(6);
      if (marker === 0xee && seg.length >= 12 && startsWith(seg, 'Adobe')) adobe = seg[11];
    } else if (marker === 0xfe || marker === 0xdc) {
      // COM, DNL: skipped
    } else if (marker === 0xcc) {
      fail('arithmetic coding (DAC marker) is not supported');
    } else {
      fail(`unsupported marker 0x${marker.toString(16)}`);
    }
  }
  if (frame === null) fail('no frame header (SOF marker)');
  if (scans === 0) fail('no image data (SOS marker)');

  // The colour space is decided from the markers of the whole file, also those after the scan.
  const space = colorSpace(comps, sawJfif, adobe);
  let out = streaming;
  if (out !== null) {
    if (space !== streamSpace) return null;
  } else {
    const pass = OutputPass.plan(frame.width, frame.height, comps, maxH, maxV, params.reduce, space);
    if (typeof pass === 'string') fail(pass);
    const coefs = comps.map((c) => c.coefs), last = comps.map((c) => c.last!);
    for (let r = 0; r < mcusY; r++) pass.pushRow(r, coefs, true, last);
    pass.finish();
    out = pass;
  }
  return { width: out.width, height: out.height, channels: out.channels, data: out.data, exif, truncated: src.hitEnd };
}

const EMPTY = new Int16Array(0);

function tableFor(specs: Array<HuffmanSpec | null>, i: number, isDc: boolean, progressive: boolean): DerivedTable {
  let spec = specs[i];
  if (spec === null && !progressive && i < 2) {
    // jinit_huff_decoder's std_huff_tables: sequential scans fall back to the standard tables.
    spec = isDc
      ? (i === 0 ? stdSpec(STD_DC_LUMINANCE_BITS, STD_DC_LUMINANCE_VALUES) : stdSpec(STD_DC_CHROMINANCE_BITS, STD_DC_CHROMINANCE_VALUES))
      : (i === 0 ? stdSpec(STD_AC_LUMINANCE_BITS, STD_AC_LUMINANCE_VALUES) : stdSpec(STD_AC_CHROMINANCE_BITS, STD_AC_CHROMINANCE_VALUES));
    specs[i] = spec;
  }
  if (spec === null) fail(`scan uses ${isDc ? 'DC' : 'AC'} Huffman table ${i}, which is not defined (no DHT)`);
  return deriveTable(spec, isDc, `${isDc ? 'DC' : 'AC'} ${i}`);
}

/**
 * Decodes one scan; returns the marker that ended it. With a `sink` (a scan of every component of
 * a single-scan file) the components' `coefs` hold one MCU row, and `sink(r)` is called once iMCU
 * row r is complete; otherwise they hold the whole image.
 */
function decodeScan(
  src: Source, frame: FrameHeader, comps: Component[], scan: ScanHeader, restartInterval: number,
  qt: Array<Int32Array | null>, dcSpecs: Array<HuffmanSpec | null>, acSpecs: Array<HuffmanSpec | null>,
  mcusX: number, mcusY: number, coefBits: Int32Array | null, warn: WarningSink,
  sink: ((row: number) => void) | null,
): number {
  const n = scan.comps.length;
  const progressive = frame.progressive;
  const { ss, se, ah, al } = scan;
  // latch_quant_tables
  for (const ci of scan.comps) {
    const c = comps[ci];
    if (c.quant === null) {
      const t = qt[c.tq];
      if (t === null) fail(`component ${c.id} uses quantization table ${c.tq}, which is not defined (no DQT)`);
      c.quant = t;
    }
  }
  let kind: 'seq' | 'dcFirst' | 'dcRefine' | 'acFirst' | 'acRefine' = 'seq';
  if (progressive) {
    let bad = false;
    if (ss === 0) { if (se !== 0) bad = true; } else if (ss > se || se > 63 || n !== 1) bad = true;
    if (ah !== 0 && al !== ah - 1) bad = true;
    if (al > 13) bad = true;
    if (bad) fail(`invalid progressive scan parameters Ss=${ss} Se=${se} Ah=${ah} Al=${al}`);
    for (const ci of scan.comps) {
      const cb = coefBits!;
      if (ss !== 0 && cb[ci * 64] < 0) warn(`Corrupt JPEG data: progression (AC before DC) for component ${ci}`);
      for (let k = ss; k <= se; k++) {
        const expected = cb[ci * 64 + k] < 0 ? 0 : cb[ci * 64 + k];
        if (ah !== expected) warn(`Corrupt JPEG data: inconsistent progression sequence for component ${ci} coefficient ${k}`);
        cb[ci * 64 + k] = al;
      }
    }
    kind = ss === 0 ? (ah === 0 ? 'dcFirst' : 'dcRefine') : (ah === 0 ? 'acFirst' : 'acRefine');
  } else if (ss !== 0 || se !== 63 || ah !== 0 || al !== 0) {
    warn('Invalid SOS parameters for sequential JPEG');
  }
  const dcT = scan.comps.map((_, i) => (kind === 'seq' || kind === 'dcFirst' ? tableFor(dcSpecs, scan.dc[i], true, progressive) : null));
  const acT = scan.comps.map((_, i) => (kind === 'seq' || kind === 'acFirst' || kind === 'acRefine' ? tableFor(acSpecs, scan.ac[i], false, progressive) : null));

  // The MCU layout: one block for a one-component scan, else every component's h×v blocks.
  const blocksInMcu = n === 1 ? 1 : scan.comps.reduce((s, ci) => s + comps[ci].h * comps[ci].v, 0);
  if (blocksInMcu > 10) fail(`an MCU of ${blocksInMcu} blocks (sampling factors too large; at most 10)`);
  const single = n === 1 ? comps[scan.comps[0]] : null;
  const mx = single ? single.bw : mcusX, my = single ? single.bh : mcusY;
  const total = mx * my;

  const br = new BitReader(src.data, src.pos);
  const dcPred = new Int32Array(n);
  const st: ProgressiveState = { eobrun: 0, warnedBadCode: false };
  let restartsToGo = restartInterval, nextRestart = 0;

  const seq = kind === 'seq';
  // Decodes one block of a progressive scan; returns the highest zigzag index it wrote a coefficient at (0: none or DC).
  const decodeBlock = (i: number, coefs: Int16Array, at: number): number => {
    switch (kind) {
      case 'seq': throw new Error('internal: sequential blocks go through decodeMcuSequential');
      case 'dcFirst': decodeDcFirst(br, dcT[i]!, coefs, at, dcPred, i, al); return 0;
      case 'dcRefine': decodeDcRefine(br, coefs, at, al); return 0;
      case 'acFirst': return decodeAcFirst(br, acT[i]!, coefs, at, ss, se, al, st);
      case 'acRefine': return decodeAcRefine(br, acT[i]!, coefs, at, ss, se, al, st, warn);
    }
  };
  // The MCU's blocks for the sequential loop: per block its component index, tables, coefficient
  // and last-index arrays, and its block index as base·rowStep + mcol·colStep + off. A
  // one-component scan's MCU is one block; streamed, the frame has this one component, its iMCU
  // row being v block rows (base = mrow mod v).
  const plan: McuPlan = {
    n: blocksInMcu, comp: new Int32Array(blocksInMcu), dc: [], ac: [], coefs: [], last: [], acNeeded: [],
    rowStep: new Int32Array(blocksInMcu), colStep: new Int32Array(blocksInMcu), off: new Int32Array(blocksInMcu),
  };
  if (seq) {
    for (let i = 0, b = 0; i < n; i++) {
      const c = comps[scan.comps[i]];
      const [bv, bh] = n === 1 ? [1, 1] : [c.v, c.h];
      for (let v = 0; v < bv; v++) {
        for (let h = 0; h < bh; h++, b++) {
          plan.comp[b] = i; plan.off[b] = v * c.gw + h; plan.rowStep[b] = n === 1 ? c.gw : c.v * c.gw; plan.colStep[b] = n === 1 ? 1 : c.h;
          plan.dc.push(dcT[i]!); plan.ac.push(acT[i]!); plan.coefs.push(c.coefs); plan.last.push(c.last!); plan.acNeeded.push(c.acNeeded);
        }
      }
    }
  }

  for (let m = 0; m < total; m++) {
    if (restartInterval !== 0) {
      if (restartsToGo === 0) {
        // process_restart
        br.reset();
        src.pos = br.pos;
        const r = readRestartMarker(src, br.marker, nextRestart);
        br.pos = src.pos;
        br.marker = r.marker;
        if (r.ok || br.marker === 0) br.insufficient = false;
        nextRestart = (nextRestart + 1) & 7;
        dcPred.fill(0);
        st.eobrun = 0;
        restartsToGo = restartInterval;
      }
      restartsToGo--;
    }
    const mrow = (m / mx) | 0, mcol = m - mrow * mx;
    // Once the data ran out (insufficient), the remaining MCUs keep what they hold: zeros, or
    // what earlier scans of a multi-scan file gave them.
    if (!br.insufficient) {
      if (seq) {
        decodeMcuSequential(br, plan, sink === null ? mrow : single ? mrow % single.v : 0, mcol, dcPred);
      } else if (single) {
        const at = ((sink !== null ? mrow % single.v : mrow) * single.gw + mcol) * 64;
        const sl = single.last!;
        const last = decodeBlock(0, single.coefs, at);
        if (last > sl[at >> 6]) sl[at >> 6] = last;
      } else {
        const base = sink !== null ? 0 : mrow;
        for (let i = 0; i < n; i++) {
          const c = comps[scan.comps[i]], cl = c.last!;
          for (let v = 0; v < c.v; v++) {
            const row = (base * c.v + v) * c.gw + mcol * c.h;
            for (let h = 0; h < c.h; h++) {
              const last = decodeBlock(i, c.coefs, (row + h) * 64);
              if (last > cl[row + h]) cl[row + h] = last;
            }
          }
        }
      }
      br.checkInsufficient();
    }
    if (sink !== null && mcol === mx - 1) {
      if (!single) sink(mrow);
      else if (mrow % single.v === single.v - 1 || mrow === my - 1) sink((mrow / single.v) | 0);
    }
  }
  // libjpeg's memory source warns when the input runs out (and supplies a fake EOI), then the
  // entropy decoder when it needed bits past that marker or past any other one.
  if (br.hitEnd && !src.hitEnd) warn('Premature end of JPEG file');
  if (br.insufficient) warn('Corrupt JPEG data: premature end of data segment');
  src.pos = br.pos;
  if (br.hitEnd) src.hitEnd = true;
  return br.marker;
}
