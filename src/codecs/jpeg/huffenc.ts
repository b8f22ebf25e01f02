// Sequential Huffman entropy encoding (after libjpeg-turbo's jchuff.c): derived code tables
// (jpeg_make_c_derived_tbl), one block's DC difference and AC run-lengths (encode_one_block, with
// ZRL and EOB), byte stuffing (0xFF → 0xFF 0x00) and the final flush that pads with 1 bits.

/** A derived encoding table: code and length (0 = no code) per symbol 0..255. */
export interface EncodeTable {
  code: Int32Array;
  size: Int32Array;
}

/** Canonical Huffman codes of a table given as `bits` (counts by length, index 1..16) and `values` (symbols in code order). */
export function deriveEncodeTable(bits: readonly number[], values: readonly number[]): EncodeTable {
  const code = new Int32Array(256), size = new Int32Array(256);
  let k = 0, c = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len]; i++) {
      const sym = values[k++];
      code[sym] = c++;
      size[sym] = len;
    }
    c <<= 1;
  }
  return { code, size };
}

/** Appends entropy-coded data to a growing byte buffer. */
export class HuffmanWriter {
  buf: Uint8Array;
  pos: number;
  /** Pending bits: the low `nbits` bits of `acc` (fewer than 8 between calls). */
  private acc = 0;
  private nbits = 0;

  constructor(initial: Uint8Array, pos: number) {
    this.buf = initial;
    this.pos = pos;
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** Writes `len` (≤ 24) bits of `value`, stuffing a zero byte after each 0xFF. */
  private put(value: number, len: number): void {
    let acc = (this.acc << len) | value;
    let n = this.nbits + len;
    const buf = this.buf;
    let pos = this.pos;
    while (n >= 8) {
      n -= 8;
      const byte = (acc >>> n) & 0xff;
      buf[pos++] = byte;
      if (byte === 0xff) buf[pos++] = 0;
    }
    acc &= (1 << n) - 1;
    this.acc = acc;
    this.nbits = n;
    this.pos = pos;
  }

  /**
   * Codes one block: `zz` holds the 64 quantised coefficients in zigzag order, `lastDc` the previous
   * DC value of the component. The caller reserves room first (see `reserve`).
   */
  encodeBlock(zz: Int32Array, lastDc: number, dc: EncodeTable, ac: EncodeTable): void {
    // The bit writer is inlined: `acc` holds `n` pending bits; after each flush loop n < 8, so a
    // code (≤ 16 bits) or a magnitude (≤ 11 bits) always fits in 32 bits.
    const buf = this.buf;
    let acc = this.acc, n = this.nbits, pos = this.pos;
    let temp = zz[0] - lastDc;
    let temp2 = temp;
    if (temp < 0) { temp = -temp; temp2--; }
    let nbits = temp === 0 ? 0 : 32 - Math.clz32(temp);
    acc = (acc << dc.size[nbits]) | dc.code[nbits];
    n += dc.size[nbits];
    if (nbits !== 0) {
      while (n >= 8) { n -= 8; const b = (acc >>> n) & 0xff; buf[pos++] = b; if (b === 0xff) buf[pos++] = 0; }
      acc = (acc << nbits) | (temp2 & ((1 << nbits) - 1));
      n += nbits;
    }
    while (n >= 8) { n -= 8; const b = (acc >>> n) & 0xff; buf[pos++] = b; if (b === 0xff) buf[pos++] = 0; }

    const acCode = ac.code, acSize = ac.size;
    let run = 0;
    for (let k = 1; k < 64; k++) {
      temp = zz[k];
      if (temp === 0) { run++; continue; }
      while (run > 15) {
        acc = (acc << acSize[0xf0]) | acCode[0xf0];
        n += acSize[0xf0];
        while (n >= 8) { n -= 8; const b = (acc >>> n) & 0xff; buf[pos++] = b; if (b === 0xff) buf[pos++] = 0; }
        run -= 16;
      }
      temp2 = temp;
      if (temp < 0) { temp = -temp; temp2--; }
      nbits = 32 - Math.clz32(temp);
      const sym = (run << 4) + nbits;
      const len = acSize[sym];
      if (n + len + nbits <= 32) {
        // Code and magnitude bits together.
        acc = (((acc << len) | acCode[sym]) << nbits) | (temp2 & ((1 << nbits) - 1));
        n += len + nbits;
      } else {
        acc = (acc << len) | acCode[sym];
        n += len;
        while (n >= 8) { n -= 8; const b = (acc >>> n) & 0xff; buf[pos++] = b; if (b === 0xff) buf[pos++] = 0; }
        acc = (acc << nbits) | (temp2 & ((1 << nbits) - 1));
        n += nbits;
      }
      while (n >= 8) { n -= 8; const b = (acc >>> n) & 0xff; buf[pos++] = b; if (b === 0xff) buf[pos++] = 0; }
      run = 0;
    }
    if (run > 0) {
      acc = (acc << acSize[0]) | acCode[0];
      n += acSize[0];
      while (n >= 8) { n -= 8; const b = (acc >>> n) & 0xff; buf[pos++] = b; if (b === 0xff) buf[pos++] = 0; }
    }
    this.acc = acc & ((1 << n) - 1);
    this.nbits = n;
    this.pos = pos;
  }

  /** A block whose AC coefficients are all zero and whose DC equals the previous one (jccoefct.c's dummy blocks). */
  encodeDummyBlock(dc: EncodeTable, ac: EncodeTable): void {
    this.put(dc.code[0], dc.size[0]);
    this.put(ac.code[0], ac.size[0]);
  }

  /** Pads the last partial byte with 1 bits (jchuff.c flush_bits). */
  flush(): void {
    this.reserve(2);
    if (this.nbits > 0) this.put((1 << (8 - this.nbits)) - 1, 8 - this.nbits);
  }

  /** Writes raw bytes (markers), outside the bit stream. */
  bytes(data: ArrayLike<number>): void {
    this.reserve(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }
}
