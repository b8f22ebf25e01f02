// Huffman decoding of sequential (baseline / extended) scans, after libjpeg-turbo's jdhuff.c: the
// derived tables (jpeg_make_d_derived_tbl) with a 9-bit lookahead, the bit reader that stops at a
// marker and then feeds zero bits (jpeg_fill_bit_buffer), and decode_mcu, which parses but does not
// store the AC values of a component whose scaled IDCT reads only the DC (libjpeg-turbo's ac_needed).
import { DecodeError } from '../errors.ts';

/** jpeg_natural_order: zigzag index → natural (row-major) index, with 16 extra entries of 63 so a corrupt run cannot index past the block (as in jutils.c). */
export const NATURAL_ORDER: Int32Array = /* @__PURE__ */ Int32Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
  28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
  54, 47, 55, 62, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
]);

/** Bits of the lookahead tables (libjpeg uses 8; more only makes more codes take the fast path). */
const LOOKAHEAD = 10;
const LOOKAHEAD_MASK = (1 << LOOKAHEAD) - 1;

/** A Huffman table as the DHT segment gives it: code counts for lengths 1..16 and the symbols. */
export interface HuffmanSpec {
  bits: Uint8Array; // 17 entries, [0] unused
  values: Uint8Array;
}

/**
 * jpeg_make_d_derived_tbl's result: lookahead entries `(length << 8) | symbol` and the canonical-code
 * limits; besides, `fast`: for each LOOKAHEAD-bit window whose code and the value bits after it fit
 * in the window, `(value << 16) | (run << 5) | (code length + size)` (the sign-extended coefficient
 * or DC difference, its zero run), else 0. An AC table's EOB is there as its bare code length
 * (value 0, run 0); ZRL is not in `fast`. `skip` (AC tables, built by skipTable when first
 * needed) serves blocks whose AC values are not needed.
 */
export interface DerivedTable {
  lookup: Int32Array;
  fast: Int32Array;
  skip: Int32Array | null;
  maxcode: Int32Array;
  valoffset: Int32Array;
  values: Uint8Array;
}

/** Builds the decoding tables; refuses an over-subscribed code set and (for DC) symbols above 15, as libjpeg does. */
export function deriveTable(spec: HuffmanSpec, isDC: boolean, name: string): DerivedTable {
  const sizes: number[] = [];
  for (let l = 1; l <= 16; l++) for (let i = 0; i < spec.bits[l]; i++) sizes.push(l);
  const n = sizes.length;
  const codes = new Int32Array(n);
  let code = 0, si = sizes[0] ?? 1, p = 0;
  while (p < n) {
    while (p < n && sizes[p] === si) codes[p++] = code++;
    if (code >= 1 << si) throw new DecodeError('jpeg', `bad Huffman table ${name}: its code lengths over-subscribe the code space`);
    code <<= 1;
    si++;
  }
  const maxcode = new Int32Array(18), valoffset = new Int32Array(18);
  p = 0;
  for (let l = 1; l <= 16; l++) {
    if (spec.bits[l]) {
      valoffset[l] = p - codes[p];
      p += spec.bits[l];
      maxcode[l] = codes[p - 1];
    } else {
      maxcode[l] = -1;
    }
  }
  maxcode[17] = 0x7fffffff;
  const lookup = new Int32Array(1 << LOOKAHEAD);
  const fast = new Int32Array(1 << LOOKAHEAD);
  p = 0;
  for (let l = 1; l <= LOOKAHEAD; l++) {
    for (let i = 0; i < spec.bits[l]; i++, p++) {
      const base = codes[p] << (LOOKAHEAD - l), sym = spec.values[p];
      const run = isDC ? 0 : sym >> 4, size = isDC ? sym : sym & 15;
      const inFast = l + size <= LOOKAHEAD && (isDC || size !== 0 || sym === 0);
      for (let k = 0; k < 1 << (LOOKAHEAD - l); k++) {
        lookup[base + k] = (l << 8) | sym;
        if (inFast) {
          const value = size === 0 ? 0 : extend((k >> (LOOKAHEAD - l - size)) & ((1 << size) - 1), size);
          fast[base + k] = (value << 16) | (run << 5) | (l + size);
        }
      }
    }
  }
  if (isDC) {
    for (let i = 0; i < n; i++) {
      if (spec.values[i] > 15) throw new DecodeError('jpeg', `bad Huffman table ${name}: DC symbol ${spec.values[i]} (at most 15)`);
    }
  }
  return { lookup, fast, skip: null, maxcode, valoffset, values: spec.values };
}

/** What the bit reader reports through `onWarning`. */
export type WarningSink = (message: string) => void;

/**
 * The entropy-coded data reader. Bytes FF 00 are a data FF; FF FF… are fill; FF xx stops reading
 * (`marker` = xx, `pos` just past it). Past a marker, or past the end of the input (where libjpeg's
 * memory source inserts a fake EOI), zero bits are supplied; `insufficient` tells the MCU loop that
 * some were consumed, after which libjpeg leaves the remaining blocks of the restart interval unset.
 */
export class BitReader {
  data: Uint8Array;
  pos: number;
  acc = 0;
  bits = 0;
  padBits = 0;
  marker = 0;
  /** True once the input ran out (libjpeg: "Premature end of JPEG file"). */
  hitEnd = false;
  insufficient = false;

  constructor(data: Uint8Array, pos: number) {
    this.data = data;
    this.pos = pos;
  }

  /** Tops the accumulator up to more than 24 bits. */
  fill(): void {
    const data = this.data, n = data.length;
    while (this.bits <= 24) {
      let c = 0;
      if (this.marker === 0) {
        if (this.pos >= n) {
          this.marker = 0xd9;
          this.hitEnd = true;
        } else {
          c = data[this.pos];
          if (c !== 0xff) {
            this.pos++;
          } else {
            let p = this.pos + 1;
            while (p < n && data[p] === 0xff) p++;
            if (p >= n) {
              this.pos = n;
              this.marker = 0xd9;
              this.hitEnd = true;
            } else if (data[p] === 0) {
              this.pos = p + 1;
            } else {
              this.marker = data[p];
              this.pos = p + 1;
            }
          }
        }
      }
      if (this.marker !== 0) {
        c = 0;
        this.padBits += 8;
      }
      this.acc = (this.acc << 8) | c;
      this.bits += 8;
    }
  }

  /**
   * The block decoders' refill, when fewer than 16 bits are buffered: whole bytes straight from the
   * data while no 0xFF comes, then `fill()` if that left at most 24 bits (stuffing, a marker, the
   * end of the data). The decoders keep the buffer in locals, stored here around the call.
   */
  refill(): void {
    if (this.marker === 0) {
      const data = this.data, n = data.length;
      let acc = this.acc, bits = this.bits, pos = this.pos;
      while (bits <= 24 && pos < n) {
        const c = data[pos];
        if (c === 0xff) break;
        acc = (acc << 8) | c;
        bits += 8;
        pos++;
      }
      this.acc = acc; this.bits = bits; this.pos = pos;
    }
    if (this.bits <= 24) this.fill();
  }

  /** `n` (0..16) raw bits as an unsigned number. */
  getBits(n: number): number {
    if (n === 0) return 0;
    if (this.bits < n) this.fill();
    this.bits -= n;
    return (this.acc >>> this.bits) & ((1 << n) - 1);
  }

  /** One Huffman symbol; a bit pattern matching no code is a DecodeError (libjpeg warns and returns 0). */
  decode(t: DerivedTable): number {
    if (this.bits < 16) this.fill();
    const e = t.lookup[(this.acc >>> (this.bits - LOOKAHEAD)) & LOOKAHEAD_MASK];
    if (e !== 0) {
      this.bits -= e >> 8;
      return e & 255;
    }
    let l = LOOKAHEAD + 1;
    let code = (this.acc >>> (this.bits - l)) & ((1 << l) - 1);
    const maxcode = t.maxcode;
    while (code > maxcode[l]) {
      l++;
      if (l > 16) throw new DecodeError('jpeg', 'corrupt data: bad Huffman code in the image data');
      code = (this.acc >>> (this.bits - l)) & ((1 << l) - 1);
    }
    this.bits -= l;
    return t.values[(code + t.valoffset[l]) & 255];
  }

  /** After an MCU: whether it consumed bits past the real data (libjpeg's insufficient_data). */
  checkInsufficient(): void {
    if (this.padBits > this.bits) this.insufficient = true;
  }

  /** Drops the buffered bits (at a restart marker). */
  reset(): void {
    this.acc = 0;
    this.bits = 0;
    this.padBits = 0;
  }
}

/** HUFF_EXTEND: the signed value of `s` received bits `x`. */
export function extend(x: number, s: number): number {
  return x < 1 << (s - 1) ? x + (-1 << s) + 1 : x;
}

/** The rest of a code longer than LOOKAHEAD bits (jpeg_huff_decode): its symbol, with `br.bits` already past it. */
function decodeLong(br: BitReader, t: DerivedTable): number {
  let l = LOOKAHEAD + 1;
  const acc = br.acc, bits = br.bits, maxcode = t.maxcode;
  let code = (acc >>> (bits - l)) & ((1 << l) - 1);
  while (code > maxcode[l]) {
    l++;
    if (l > 16) throw new DecodeError('jpeg', 'corrupt data: bad Huffman code in the image data');
    code = (acc >>> (bits - l)) & ((1 << l) - 1);
  }
  br.bits = bits - l;
  return t.values[(code + t.valoffset[l]) & 255];
}

/**
 * An AC table's `skip`: for each LOOKAHEAD-bit window starting with a code whose value bits end
 * within 16 bits, `(advance << 5) | (code length + size)`, the advance being how far the code moves
 * the zigzag index (run + 1; 16 for ZRL; 64 for EOB and the other size-0 symbols, which end the
 * block as in decode_mcu); else 0. At a code's start at least 16 bits are buffered, so the storing
 * loop does not refill inside such a code either.
 */
function skipTable(t: DerivedTable): Int32Array {
  const skip = new Int32Array(1 << LOOKAHEAD), lookup = t.lookup;
  for (let w = 0; w < 1 << LOOKAHEAD; w++) {
    const e = lookup[w], l = e >> 8, rs = e & 255, size = rs & 15, run = rs >> 4;
    if (e !== 0 && l + size <= 16) skip[w] = ((size !== 0 ? run + 1 : run === 15 ? 16 : 64) << 5) | (l + size);
  }
  t.skip = skip;
  return skip;
}

/**
 * decode_mcu's AC loop for a block whose AC values are not needed (libjpeg-turbo's `ac_needed`
 * false: a component whose scaled IDCT is 1×1 reads only the DC): every code is parsed and its
 * value bits dropped, so the bits consumed, the refills and the errors are the storing loop's, but
 * nothing is extended or stored. Most codes take one lookup in `skip`.
 */
function skipAcSequential(br: BitReader, ac: DerivedTable): void {
  const skip = ac.skip ?? skipTable(ac), lookup = ac.lookup;
  let acc = br.acc, bits = br.bits, pos = br.pos;
  for (let k = 1; k < 64;) {
    if (bits < 16) { br.acc = acc; br.bits = bits; br.pos = pos; br.refill(); acc = br.acc; bits = br.bits; pos = br.pos; }
    const w = (acc >>> (bits - LOOKAHEAD)) & LOOKAHEAD_MASK;
    const e = skip[w];
    if (e !== 0) {
      bits -= e & 31;
      k += e >> 5;
      continue;
    }
    // The storing loop's way: a long code, or code and value over 16 bits.
    const l = lookup[w];
    let rs: number;
    if (l !== 0) {
      bits -= l >> 8;
      rs = l & 255;
    } else {
      br.acc = acc; br.bits = bits;
      rs = decodeLong(br, ac);
      bits = br.bits;
    }
    const r = rs >> 4, s = rs & 15;
    if (s !== 0) {
      if (bits < s) { br.acc = acc; br.bits = bits; br.pos = pos; br.fill(); acc = br.acc; bits = br.bits; pos = br.pos; }
      bits -= s;
      k += r + 1;
    } else {
      if (r !== 15) break;
      k += 16;
    }
  }
  br.acc = acc;
  br.bits = bits;
  br.pos = pos;
}

/**
 * The blocks of a sequential scan's MCU, in order: block b is component `comp[b]` (its DC
 * predictor), decoded with `dc[b]` / `ac[b]` into `coefs[b]` at block index
 * `base · rowStep[b] + mcol · colStep[b] + off[b]`, its last zigzag index stored in `last[b]`.
 */
export interface McuPlan {
  n: number;
  comp: Int32Array;
  dc: DerivedTable[];
  ac: DerivedTable[];
  coefs: Int16Array[];
  last: Uint8Array[];
  acNeeded: boolean[];
  rowStep: Int32Array;
  colStep: Int32Array;
  off: Int32Array;
}

/**
 * decode_mcu for one MCU of a sequential scan: per block the DC difference (added to the
 * component's `dcPred`), then the AC run/size pairs, into the block's coefficients (natural order,
 * JCOEF = int16 truncation). Only nonzero coefficients are written (and the DC always). The block's
 * `last` gets the zigzag index of the last coefficient written (0: only DC). A block whose
 * component's `acNeeded` is false has its AC codes only parsed (skipAcSequential), and `last` 0.
 *
 * The bit buffer lives in locals through the MCU (stored into `br` around `br.refill()`, which
 * appends whole bytes and leaves only a 0xFF byte (stuffing, a marker) or the end of the data to
 * `br.fill()`). Most codes take one lookup in `fast`, which gives the code and value bits' length,
 * the run and the value at once.
 */
export function decodeMcuSequential(br: BitReader, p: McuPlan, base: number, mcol: number, dcPred: Int32Array): void {
  const order = NATURAL_ORDER;
  let acc = br.acc, bits = br.bits, pos = br.pos;
  for (let b = 0; b < p.n; b++) {
    const blk = base * p.rowStep[b] + mcol * p.colStep[b] + p.off[b], at = blk << 6;
    const coefs = p.coefs[b], dc = p.dc[b], ac = p.ac[b], ci = p.comp[b];
    // The DC difference.
    if (bits < 16) { br.acc = acc; br.bits = bits; br.pos = pos; br.refill(); acc = br.acc; bits = br.bits; pos = br.pos; }
    let f = dc.fast[(acc >>> (bits - LOOKAHEAD)) & LOOKAHEAD_MASK];
    let s: number;
    if (f !== 0) {
      bits -= f & 31;
      s = f >> 16;
    } else {
      const e = dc.lookup[(acc >>> (bits - LOOKAHEAD)) & LOOKAHEAD_MASK];
      if (e !== 0) {
        bits -= e >> 8;
        s = e & 255;
      } else {
        br.acc = acc; br.bits = bits;
        s = decodeLong(br, dc);
        bits = br.bits;
      }
      if (s !== 0) {
        if (bits < s) { br.acc = acc; br.bits = bits; br.pos = pos; br.fill(); acc = br.acc; bits = br.bits; pos = br.pos; }
        bits -= s;
        s = extend((acc >>> bits) & ((1 << s) - 1), s);
      }
    }
    const v = (s + dcPred[ci]) | 0;
    dcPred[ci] = v;
    coefs[at] = v;
    if (!p.acNeeded[b]) {
      br.acc = acc; br.bits = bits; br.pos = pos;
      skipAcSequential(br, ac);
      acc = br.acc; bits = br.bits; pos = br.pos;
      p.last[b][blk] = 0;
      continue;
    }
    // The AC coefficients.
    const fast = ac.fast, lookup = ac.lookup;
    let last = 0;
    for (let k = 1; k < 64; k++) {
      if (bits < 16) { br.acc = acc; br.bits = bits; br.pos = pos; br.refill(); acc = br.acc; bits = br.bits; pos = br.pos; }
      const w = (acc >>> (bits - LOOKAHEAD)) & LOOKAHEAD_MASK;
      f = fast[w];
      if ((f & ~31) !== 0) {
        bits -= f & 31;
        k += (f >> 5) & 15;
        coefs[at + order[k]] = f >> 16;
        last = k;
        continue;
      }
      if (f !== 0) {
        // EOB
        bits -= f;
        break;
      }
      const e = lookup[w];
      let rs: number;
      if (e !== 0) {
        bits -= e >> 8;
        rs = e & 255;
      } else {
        br.acc = acc; br.bits = bits;
        rs = decodeLong(br, ac);
        bits = br.bits;
      }
      const r = rs >> 4;
      s = rs & 15;
      if (s !== 0) {
        k += r;
        if (bits < s) { br.acc = acc; br.bits = bits; br.pos = pos; br.fill(); acc = br.acc; bits = br.bits; pos = br.pos; }
        bits -= s;
        coefs[at + order[k]] = extend((acc >>> bits) & ((1 << s) - 1), s);
        last = k;
      } else {
        if (r !== 15) break;
        k += 15;
      }
    }
    p.last[b][blk] = last;
  }
  br.acc = acc;
  br.bits = bits;
  br.pos = pos;
}

/** One block of component `ci` through decodeMcuSequential (at block index `at >> 6`); returns its last zigzag index. */
export function decodeBlockSequential(
  br: BitReader, dc: DerivedTable, ac: DerivedTable, coefs: Int16Array, at: number, dcPred: Int32Array, ci: number,
  acNeeded: boolean,
): number {
  const last = new Uint8Array((at >> 6) + 1), zero = Int32Array.of(0);
  decodeMcuSequential(br, {
    n: 1, comp: Int32Array.of(ci), dc: [dc], ac: [ac], coefs: [coefs], last: [last], acNeeded: [acNeeded],
    rowStep: zero, colStep: Int32Array.of(1), off: zero,
  }, 0, at >> 6, dcPred);
  return last[at >> 6];
}
