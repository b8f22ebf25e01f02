// Marker reading after libjpeg-turbo's jdmarker.c: next_marker (extraneous bytes before a marker
// are skipped with libjpeg's warning), the DQT / DHT / DRI / SOF / SOS segment readers, APP0 JFIF and
// APP14 Adobe detection, and read_restart_marker with jpeg_resync_to_restart's recovery.
import { DecodeError } from '../errors.ts';
import type { HuffmanSpec, WarningSink } from './jdhuff.ts';
import { NATURAL_ORDER } from './jdhuff.ts';

function fail(message: string): never {
  throw new DecodeError('jpeg', message);
}

const hex2 = (m: number): string => '0x' + m.toString(16).padStart(2, '0');

/** The byte source: data and read position (libjpeg's memory source: a fake EOI past the end). */
export interface Source {
  data: Uint8Array;
  pos: number;
  warn: WarningSink;
  /** Set when the input ended where more was expected. */
  hitEnd: boolean;
}

/**
 * next_marker: skips to the next FF xx (xx ≠ 0, not fill), warning about the bytes skipped;
 * returns xx, or 0xD9 (EOI) when the input ends.
 */
export function nextMarker(src: Source): number {
  const d = src.data, n = d.length;
  let discarded = 0;
  for (;;) {
    while (src.pos < n && d[src.pos] !== 0xff) { src.pos++; discarded++; }
    while (src.pos < n && d[src.pos] === 0xff) src.pos++;
    if (src.pos >= n) {
      src.hitEnd = true;
      if (discarded) src.warn(`Corrupt JPEG data: ${discarded} extraneous bytes before marker 0xd9`);
      src.warn('Premature end of JPEG file');
      return 0xd9;
    }
    const c = d[src.pos++];
    if (c !== 0) {
      if (discarded) src.warn(`Corrupt JPEG data: ${discarded} extraneous bytes before marker ${hex2(c)}`);
      return c;
    }
    discarded += 2;
  }
}

/** The payload of a variable-length segment whose length field is at `src.pos`. */
export function readSegment(src: Source, marker: number): Uint8Array {
  const d = src.data;
  if (src.pos + 2 > d.length) fail(`the file ends inside the ${hex2(marker)} segment`);
  const length = (d[src.pos] << 8) | d[src.pos + 1];
  if (length < 2) fail(`${hex2(marker)} segment has invalid length ${length}`);
  if (src.pos + length > d.length) fail(`the file ends inside the ${hex2(marker)} segment`);
  const seg = d.subarray(src.pos + 2, src.pos + length);
  src.pos += length;
  return seg;
}

/** get_dqt: tables stored in natural order, as libjpeg's 16-bit multipliers see them. */
export function readDqt(seg: Uint8Array, tables: Array<Int32Array | null>): void {
  let p = 0;
  while (p < seg.length) {
    const prec = seg[p] >> 4, id = seg[p] & 15;
    if (id > 3) fail(`quantization table index ${id} (DQT; at most 3)`);
    if (prec > 1) fail(`quantization table precision ${prec} (DQT)`);
    p++;
    const t = new Int32Array(64);
    for (let k = 0; k < 64; k++) {
      let v: number;
      if (prec) {
        if (p + 2 > seg.length) fail('truncated quantization table (DQT)');
        v = (seg[p] << 8) | seg[p + 1];
        p += 2;
      } else {
        if (p >= seg.length) fail('truncated quantization table (DQT)');
        v = seg[p++];
      }
      // ISLOW_MULT_TYPE is a 16-bit signed multiplier.
      t[NATURAL_ORDER[k]] = (v << 16) >> 16;
    }
    tables[id] = t;
  }
}

/** get_dht. `dc`/`ac` slots 0..3. */
export function readDht(seg: Uint8Array, dc: Array<HuffmanSpec | null>, ac: Array<HuffmanSpec | null>): void {
  let p = 0;
  while (p < seg.length) {
    if (p + 17 > seg.length) fail('truncated Huffman table (DHT)');
    let index = seg[p];
    const bits = new Uint8Array(17);
    let count = 0;
    for (let i = 1; i <= 16; i++) { bits[i] = seg[p + i]; count += bits[i]; }
    p += 17;
    if (count > 256 || p + count > seg.length) fail(`Huffman table with ${count} codes (DHT; at most 256 and what the segment holds)`);
    const values = new Uint8Array(256);
    values.set(seg.subarray(p, p + count));
    p += count;
    const isAc = (index & 0x10) !== 0;
    if (isAc) index -= 0x10;
    if (index < 0 || index > 3) fail(`Huffman table index ${seg[p - count - 17]} (DHT)`);
    (isAc ? ac : dc)[index] = { bits, values };
  }
}

export interface FrameComponent {
  id: number;
  h: number;
  v: number;
  tq: number;
}

export interface FrameHeader {
  progressive: boolean;
  width: number;
  height: number;
  components: FrameComponent[];
}

const SOF_UNSUPPORTED: Record<number, string> = {
  0xc3: 'lossless (SOF3)', 0xc5: 'hierarchical (SOF5)', 0xc6: 'hierarchical progressive (SOF6)',
  0xc7: 'hierarchical lossless (SOF7)', 0xc9: 'arithmetic-coded (SOF9)', 0xca: 'arithmetic-coded progressive (SOF10)',
  0xcb: 'arithmetic-coded lossless (SOF11)', 0xcd: 'hierarchical arithmetic-coded (SOF13)',
  0xce: 'hierarchical arithmetic-coded progressive (SOF14)', 0xcf: 'hierarchical arithmetic-coded lossless (SOF15)',
};

/** get_sof for SOF0/1/2; other SOFn are refused by name. */
export function readSof(marker: number, seg: Uint8Array): FrameHeader {
  if (marker in SOF_UNSUPPORTED) fail(`${SOF_UNSUPPORTED[marker]} JPEG is not supported (only baseline and progressive Huffman)`);
  if (seg.length < 6) fail(`frame header (SOF) of ${seg.length} bytes is too short`);
  const precision = seg[0];
  const height = (seg[1] << 8) | seg[2], width = (seg[3] << 8) | seg[4], count = seg[5];
  if (seg.length !== 6 + 3 * count) fail(`frame header (SOF) of ${seg.length} bytes does not match its ${count} components`);
  if (precision !== 8) fail(`${precision}-bit samples are not supported (only 8-bit)`);
  if (width === 0) fail('frame width is 0');
  if (height === 0) fail('frame height is 0 (height given by a DNL marker is not supported)');
  if (count !== 1 && count !== 3 && count !== 4) fail(`${count}-component JPEG is not supported (only 1, 3 or 4 components)`);
  const components: FrameComponent[] = [];
  for (let i = 0; i < count; i++) {
    const id = seg[6 + 3 * i], hv = seg[7 + 3 * i], tq = seg[8 + 3 * i];
    const h = hv >> 4, v = hv & 15;
    if (h < 1 || h > 4 || v < 1 || v > 4) fail(`invalid sampling factors ${h}×${v} for component ${id}`);
    if (tq > 3) fail(`component ${id} uses quantization table ${tq} (at most 3)`);
    components.push({ id, h, v, tq });
  }
  return { progressive: marker === 0xc2, width, height, components };
}

export interface ScanHeader {
  /** Indices into the frame's components, and their DC / AC table numbers. */
  comps: number[];
  dc: number[];
  ac: number[];
  ss: number;
  se: number;
  ah: number;
  al: number;
}

/** get_sos. */
export function readSos(seg: Uint8Array, frame: FrameHeader): ScanHeader {
  const n = seg[0];
  if (seg.length !== 4 + 2 * n || n < 1 || n > 4) fail(`malformed scan header (SOS) of ${seg.length} bytes`);
  const comps: number[] = [], dc: number[] = [], ac: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = seg[1 + 2 * i], t = seg[2 + 2 * i];
    const ci = frame.components.findIndex((c) => c.id === id);
    if (ci < 0 || comps.includes(ci)) fail(`scan refers to component ${id}, which the frame does not have (or twice)`);
    comps.push(ci);
    dc.push(t >> 4);
    ac.push(t & 15);
    if ((t >> 4) > 3 || (t & 15) > 3) fail(`scan uses Huffman table ${t >> 4}/${t & 15} (at most 3)`);
  }
  const ss = seg[1 + 2 * n], se = seg[2 + 2 * n], a = seg[3 + 2 * n];
  return { comps, dc, ac, ss, se, ah: a >> 4, al: a & 15 };
}

/**
 * read_restart_marker + jpeg_resync_to_restart: `marker` is the one the bit reader stopped at (0 if
 * none yet). Returns true when the expected RSTn was consumed (or a stray marker discarded) and
 * decoding resumes; false when the marker is left for later (the next segment is treated as empty).
 */
export function readRestartMarker(src: Source, marker: number, expected: number): { ok: boolean; marker: number } {
  let m = marker === 0 ? nextMarker(src) : marker;
  if (m === 0xd0 + expected) return { ok: true, marker: 0 };
  src.warn(`Corrupt JPEG data: found marker ${hex2(m)} instead of RST${expected}`);
  for (;;) {
    let action: number;
    if (m < 0xc0) action = 2;
    else if (m < 0xd0 || m > 0xd7) action = 3;
    else if (m === 0xd0 + ((expected + 1) & 7) || m === 0xd0 + ((expected + 2) & 7)) action = 3;
    else if (m === 0xd0 + ((expected - 1) & 7) || m === 0xd0 + ((expected - 2) & 7)) action = 2;
    else action = 1;
    if (action === 1) return { ok: true, marker: 0 };
    if (action === 3) return { ok: false, marker: m };
    m = nextMarker(src);
  }
}
