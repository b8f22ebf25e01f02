// Walks a JPEG's marker segments before the decoder (jpeg/) runs: finds the frame header (size,
// components) so limits can be enforced before any allocation, refuses what we do not decode
// (arithmetic coding, lossless, hierarchical), picks the colour transform libjpeg would, finds the Exif block, and tells a complete file
// from a truncated one. Every read is bounds-checked.
import { DecodeError } from './errors.ts';

export interface JpegComponent {
  id: number;
  /** Horizontal and vertical sampling factors (1..4). */
  h: number;
  v: number;
}

export interface JpegInfo {
  width: number;
  height: number;
  components: JpegComponent[];
  progressive: boolean;
  /** True when 3 components hold YCbCr (convert to RGB), false when they hold RGB — libjpeg's rule. */
  ycbcr: boolean;
  /** The TIFF structure of the first APP1 "Exif" segment, or null. */
  exif: Uint8Array | null;
  /** Bytes of entropy-coded data over all scans. */
  scanBytes: number;
  /** Restart interval in MCUs (DRI) in force at the last scan, 0 for none. */
  restartInterval: number;
  /** Null for a complete file, else what is missing (the file ends before EOI). */
  truncation: string | null;
  /**
   * Where usable data ends: just past EOI for a complete file; for a truncated one, the cut
   * point the decoder can resume from (see `jpeg.ts`).
   */
  end: number;
  /** For a file cut inside scan data: offset of the last restart marker in that scan, else -1. */
  lastRestartInCutScan: number;
  /** For a file cut inside scan data: offset of the SOS marker of that scan, else -1. */
  cutScanStart: number;
}

const SOF_UNSUPPORTED: Record<number, string> = {
  0xc3: 'lossless (SOF3)',
  0xc5: 'hierarchical (SOF5)', 0xc6: 'hierarchical progressive (SOF6)', 0xc7: 'hierarchical lossless (SOF7)',
  0xc9: 'arithmetic-coded (SOF9)', 0xca: 'arithmetic-coded progressive (SOF10)', 0xcb: 'arithmetic-coded lossless (SOF11)',
  0xcd: 'hierarchical arithmetic-coded (SOF13)', 0xce: 'hierarchical arithmetic-coded progressive (SOF14)',
  0xcf: 'hierarchical arithmetic-coded lossless (SOF15)',
};

/**
 * A progressive decode walks the frame's blocks once per scan, so a file of many tiny scans costs
 * scans × blocks time. Encoders write about 10 (libjpeg's progressive script); libjpeg-turbo's
 * fuzzers cap at 500. 256 leaves room for any real file.
 */
export const MAX_SCANS = 256;

function fail(message: string): never {
  throw new DecodeError('jpeg', message);
}

function hex(marker: number): string {
  return '0xFF' + marker.toString(16).toUpperCase().padStart(2, '0');
}

function startsWith(seg: Uint8Array, text: string): boolean {
  if (seg.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (seg[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Parses the marker structure. Throws DecodeError for anything we cannot decode correctly. */
export function readJpegInfo(bytes: Uint8Array): JpegInfo {
  const n = bytes.length;
  if (n === 0) fail('empty input');
  if (n < 2 || bytes[0] !== 0xff || bytes[1] !== 0xd8) fail('missing SOI marker at the start; not a JPEG file');

  let frame: JpegFrame | null = null;
  let exif: Uint8Array | null = null;
  let sawJfif = false;
  let adobeTransform = -1;
  let restartInterval = 0;
  let scans = 0;
  let scanBytes = 0;
  const huffman = { dc: new Set<number>(), ac: new Set<number>() };

  const finish = (end: number, truncation: string | null, lastRestart = -1, scanStart = -1): JpegInfo => {
    if (frame === null) fail(truncation ? `truncated before the frame header (${truncation})` : 'no frame header (SOF marker)');
    if (scans === 0) fail(truncation ? `truncated before any image data (${truncation})` : 'no image data (SOS marker)');
    return {
      ...frame, exif, restartInterval, truncation, end, scanBytes,
      ycbcr: frame.components.length === 3 && isYCbCr(frame.components, sawJfif, adobeTransform),
      lastRestartInCutScan: lastRestart, cutScanStart: scanStart,
    };
  };

  let pos = 2;
  for (;;) {
    const markerAt = pos;
    if (pos >= n) return finish(pos, 'the file ends before the EOI marker');
    if (bytes[pos] !== 0xff) {
      // libjpeg's next_marker skips extraneous bytes before a marker (the decoder warns about them).
      const ff = bytes.indexOf(0xff, pos);
      if (ff < 0) return finish(markerAt, 'the file ends before the EOI marker');
      pos = ff;
    }
    while (pos < n && bytes[pos] === 0xff) pos++; // fill bytes may precede a marker
    if (pos >= n) return finish(markerAt, 'the file ends inside a marker');
    const marker = bytes[pos++];

    if (marker === 0xd9) return finish(pos, null);
    if (marker === 0xd8) fail(`second SOI marker at offset ${markerAt}`);
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // standalone markers
    if (marker === 0x00) continue; // a stray FF 00 is skipped too (next_marker)

    if (pos + 2 > n) return finish(markerAt, `the file ends inside the ${hex(marker)} segment`);
    const length = (bytes[pos] << 8) | bytes[pos + 1];
    if (length < 2) fail(`${hex(marker)} segment at offset ${markerAt} has invalid length ${length}`);
    if (pos + length > n) return finish(markerAt, `the file ends inside the ${hex(marker)} segment`);
    const seg = bytes.subarray(pos + 2, pos + length);
    pos += length;

    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (frame !== null) fail('more than one frame header (SOF); multi-frame JPEGs are not supported');
      frame = parseFrame(marker, seg);
    } else if (marker === 0xc4) {
      parseHuffmanTables(seg, huffman);
    } else if (marker === 0xdb) {
      checkQuantTables(seg);
    } else if (marker === 0xdd) {
      if (seg.length !== 2) fail(`DRI segment has ${seg.length} bytes, expected 2`);
      restartInterval = (seg[0] << 8) | seg[1];
    } else if (marker === 0xda) {
      if (frame === null) fail('image data (SOS) before the frame header (SOF)');
      checkScanHeader(seg, frame, huffman);
      if (++scans > MAX_SCANS) fail(`more than ${MAX_SCANS} scans`);
      // Entropy-coded data runs to the next marker other than RSTn; 0xFF00 is an escaped 0xFF.
      let lastRestart = -1;
      const scanStart = pos;
      for (;;) {
        const ff = bytes.indexOf(0xff, pos);
        if (ff < 0 || ff + 1 >= n) {
          scanBytes += n - scanStart;
          return finish(n - (ff === n - 1 ? 1 : 0), 'the file ends inside the image data', lastRestart, markerAt);
        }
        const next = bytes[ff + 1];
        if (next === 0x00 || next === 0xff) { pos = ff + 1 + (next === 0x00 ? 1 : 0); continue; }
        if (next >= 0xd0 && next <= 0xd7) { lastRestart = ff; pos = ff + 2; continue; }
        pos = ff;
        break;
      }
      scanBytes += pos - scanStart;
    } else if (marker >= 0xe0 && marker <= 0xef) {
      if (marker === 0xe0 && startsWith(seg, 'JFIF\0')) sawJfif = true;
      if (marker === 0xe1 && exif === null && startsWith(seg, 'Exif\0')) exif = seg.subarray(6);
      if (marker === 0xee && startsWith(seg, 'Adobe') && seg.length >= 12) adobeTransform = seg[11];
    } else if (marker === 0xfe || marker === 0xdc) {
      // comment; DNL (ignored: the height must come from SOF)
    } else if (marker === 0xcc) {
      fail('arithmetic coding (DAC marker) is not supported');
    } else {
      fail(`unsupported marker ${hex(marker)} at offset ${markerAt}`);
    }
  }
}

type JpegFrame = Pick<JpegInfo, 'width' | 'height' | 'components' | 'progressive'>;

function parseFrame(marker: number, seg: Uint8Array): JpegFrame {
  if (marker in SOF_UNSUPPORTED) fail(`${SOF_UNSUPPORTED[marker]} JPEG is not supported (only baseline and progressive Huffman)`);
  if (seg.length < 6) fail(`frame header (SOF) of ${seg.length} bytes is too short`);
  const precision = seg[0];
  const height = (seg[1] << 8) | seg[2];
  const width = (seg[3] << 8) | seg[4];
  const count = seg[5];
  if (seg.length !== 6 + 3 * count) fail(`frame header (SOF) of ${seg.length} bytes does not match its ${count} components`);
  if (precision !== 8) fail(`${precision}-bit samples are not supported (only 8-bit)`);
  if (width === 0) fail('frame width is 0');
  if (height === 0) fail('frame height is 0 (height given by a DNL marker is not supported)');
  if (count !== 1 && count !== 3 && count !== 4) fail(`${count}-component JPEG is not supported (only 1, 3 or 4 components)`);
  const components: JpegComponent[] = [];
  for (let i = 0; i < count; i++) {
    const id = seg[6 + 3 * i], h = seg[7 + 3 * i] >> 4, v = seg[7 + 3 * i] & 15, table = seg[8 + 3 * i];
    if (h < 1 || h > 4 || v < 1 || v > 4) fail(`component ${id} has invalid sampling factors ${h}×${v}`);
    if (table > 3) fail(`component ${id} uses quantization table ${table} (must be 0..3)`);
    if (components.some((c) => c.id === id)) fail(`duplicate component id ${id}`);
    components.push({ id, h, v });
  }
  return { width, height, components, progressive: marker === 0xc2 };
}

function parseHuffmanTables(seg: Uint8Array, tables: { dc: Set<number>; ac: Set<number> }): void {
  let p = 0;
  while (p < seg.length) {
    if (p + 17 > seg.length) fail('truncated Huffman table (DHT)');
    const cls = seg[p] >> 4, id = seg[p] & 15;
    if (cls > 1 || id > 3) fail(`invalid Huffman table class/id 0x${seg[p].toString(16)}`);
    let count = 0;
    for (let i = 1; i <= 16; i++) count += seg[p + i];
    if (count > 256) fail(`Huffman table with ${count} codes (at most 256)`);
    p += 17 + count;
    if (p > seg.length) fail('truncated Huffman table (DHT)');
    (cls === 0 ? tables.dc : tables.ac).add(id);
  }
}

function checkQuantTables(seg: Uint8Array): void {
  let p = 0;
  while (p < seg.length) {
    const precision = seg[p] >> 4, id = seg[p] & 15;
    if (precision > 1 || id > 3) fail(`invalid quantization table spec 0x${seg[p].toString(16)}`);
    p += 1 + 64 * (precision + 1);
    if (p > seg.length) fail('truncated quantization table (DQT)');
  }
}

function checkScanHeader(
  seg: Uint8Array, frame: JpegFrame, tables: { dc: Set<number>; ac: Set<number> },
): void {
  const count = seg[0];
  if (count < 1 || count > 4 || seg.length !== 4 + 2 * count) fail(`malformed scan header (SOS) of ${seg.length} bytes`);
  const ss = seg[1 + 2 * count], se = seg[2 + 2 * count], approx = seg[3 + 2 * count];
  for (let i = 0; i < count; i++) {
    const id = seg[1 + 2 * i], dc = seg[2 + 2 * i] >> 4, ac = seg[2 + 2 * i] & 15;
    if (!frame.components.some((c) => c.id === id)) fail(`scan refers to component ${id}, which the frame does not have`);
    // Only scans that Huffman-decode DC / AC coefficients need those tables (DC refinement reads raw bits).
    const needsDc = ss === 0 && (!frame.progressive || approx >> 4 === 0);
    const needsAc = !frame.progressive || se > 0;
    // Sequential scans fall back to the standard tables 0 and 1 (libjpeg-turbo's std_huff_tables).
    const std = (t: number): boolean => !frame.progressive && t < 2;
    if (needsDc && !tables.dc.has(dc) && !std(dc)) fail(`scan uses DC Huffman table ${dc}, which is not defined`);
    if (needsAc && !tables.ac.has(ac) && !std(ac)) fail(`scan uses AC Huffman table ${ac}, which is not defined`);
  }
}

/** libjpeg's guess of a 3-component colour space (jdapimin.c default_decompress_parms). */
function isYCbCr(components: JpegComponent[], sawJfif: boolean, adobeTransform: number): boolean {
  if (sawJfif) return true;
  if (adobeTransform >= 0) return adobeTransform !== 0;
  const [a, b, c] = components.map((k) => k.id);
  return !(a === 0x52 && b === 0x47 && c === 0x42); // component ids 'R', 'G', 'B' mean RGB
}
