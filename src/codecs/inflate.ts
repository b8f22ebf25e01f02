// Inflate (RFC 1950 zlib framing around RFC 1951 deflate) in plain TypeScript, for the PNG decoder
// in browsers and for Node's streaming path. It decodes into one fixed 128 KB window and hands the
// output on piece by piece, so a decode allocates nothing per chunk and never holds more than the
// window beyond what its consumer keeps (fflate's streaming mode made ~3× the image in garbage).
// Like libpng it stops at the last byte the caller needs: what follows, the Adler-32 check
// included, is never looked at, except to notice that the stream goes on (`overflow`).

/** What a bounded inflate produced: `length` bytes handed on (at most the `expected` asked for). */
export interface InflateOutcome {
  length: number;
  /** The stream went on past `expected` bytes of output. */
  overflow: boolean;
  /** Why the stream stopped before `expected` bytes (broken or cut short), or null. */
  corrupt: string | null;
}

const WINDOW = 32768; // deflate's largest distance
const BUFFER = 4 * WINDOW;
const MAX_MATCH = 258;
const PRIMARY_BITS = 10; // codes up to this long decode with one table lookup; longer ones bit by bit
const PRIMARY_MASK = (1 << PRIMARY_BITS) - 1;

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
  4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Thrown inside the inflater only; `at` is the window position of the last good output byte. */
class StreamError {
  constructor(readonly message: string, readonly at: number) {}
}

/**
 * A canonical Huffman code: `table` maps the next PRIMARY_BITS input bits to `symbol << 4 | length`
 * (0: the code is longer, or there is none), `count`/`symbols` drive the bit-by-bit decode (puff's).
 */
class Huffman {
  readonly table = new Int32Array(1 << PRIMARY_BITS);
  readonly count = new Uint16Array(16);
  readonly symbols = new Uint16Array(288);
  private readonly offsets = new Uint16Array(16);

  /**
   * Builds the code for `lengths[from .. from + n)`. Returns an error message or null. Like zlib,
   * an over-subscribed code is refused, and an incomplete one too, except a lone one-bit code
   * (`complete` false allows it: literal/length and distance codes).
   */
  build(lengths: Uint8Array, from: number, n: number, requireComplete: boolean): string | null {
    const { table, count, symbols, offsets } = this;
    count.fill(0);
    for (let s = 0; s < n; s++) count[lengths[from + s]]++;
    count[0] = 0;
    let left = 1, max = 0;
    for (let len = 1; len < 16; len++) {
      left = (left << 1) - count[len];
      if (left < 0) return 'over-subscribed Huffman code';
      if (count[len] !== 0) max = len;
    }
    if (max !== 0 && left > 0 && (requireComplete || max !== 1)) return 'incomplete Huffman code';
    offsets[1] = 0;
    for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len] + count[len];
    for (let s = 0; s < n; s++) {
      const len = lengths[from + s];
      if (len !== 0) symbols[offsets[len]++] = s;
    }
    table.fill(0);
    let code = 0, k = 0;
    for (let len = 1; len <= PRIMARY_BITS; len++) {
      for (let c = count[len]; c > 0; c--, k++, code++) {
        let reversed = 0;
        for (let b = 0; b < len; b++) reversed |= ((code >> b) & 1) << (len - 1 - b);
        const entry = (symbols[k] << 4) | len;
        for (let i = reversed; i < table.length; i += 1 << len) table[i] = entry;
      }
      code <<= 1;
    }
    return null;
  }

  /** Decodes one symbol from the low bits of `bits` (at least 15 valid): `symbol << 4 | length`, or −1. */
  slow(bits: number): number {
    const { count, symbols } = this;
    let code = 0, first = 0, index = 0;
    for (let len = 1; len < 16; len++) {
      code |= (bits >>> (len - 1)) & 1;
      const c = count[len];
      if (code - c < first) return (symbols[index + code - first] << 4) | len;
      index += c;
      first = (first + c) << 1;
      code <<= 1;
    }
    return -1;
  }
}

let fixedCodes: [Huffman, Huffman] | null = null;

/** The fixed literal/length and distance codes of RFC 1951 3.2.6, built on first use. */
function fixed(): [Huffman, Huffman] {
  if (fixedCodes === null) {
    // 32 distance codes make the fixed code complete; 30 and 31 are refused when decoded.
    const lengths = new Uint8Array(288 + 32);
    lengths.fill(8, 0, 144); lengths.fill(9, 144, 256); lengths.fill(7, 256, 280); lengths.fill(8, 280, 288);
    lengths.fill(5, 288);
    const lit = new Huffman(), dist = new Huffman();
    lit.build(lengths, 0, 288, false);
    dist.build(lengths, 288, 32, false);
    fixedCodes = [lit, dist];
  }
  return fixedCodes;
}

class Inflater {
  // Input: the parts in order, read without concatenating them.
  private partIndex = 0;
  private input: Uint8Array;
  private at = 0;
  private bits = 0;
  private bitCount = 0;
  /** Zero bytes fed to the bit buffer after the input ran out: reading one of them means truncation. */
  private phantom = 0;
  // Output: a window whose first WINDOW bytes (after the first flush) are history for back-references.
  private readonly buf = new Uint8Array(BUFFER);
  private pos = 0;
  /** Window position up to which output has been handed on. */
  private flushed = 0;
  /** Window position at which the output reaches `expected` bytes. */
  private limit: number;
  emitted = 0;
  overflow = false;

  private readonly lit = new Huffman();
  private readonly dist = new Huffman();
  private readonly codeLengths = new Huffman();
  private readonly lengths = new Uint8Array(286 + 30);

  constructor(private readonly parts: readonly Uint8Array[], expected: number, private readonly sink: (piece: Uint8Array) => void) {
    this.input = parts.length > 0 ? parts[0] : new Uint8Array(0);
    this.limit = expected;
  }

  run(): void {
    this.header();
    let last = 0;
    while (last === 0) {
      last = this.take(1);
      const type = this.take(2);
      if (type === 0) this.stored();
      else if (type === 1) { const [lit, dist] = fixed(); this.codes(lit, dist); }
      else if (type === 2) { this.dynamic(); this.codes(this.lit, this.dist); }
      else throw new StreamError('invalid block type', this.pos);
      if (this.overflow) return;
    }
    this.hand(this.pos);
  }

  /** Hands on the output up to window position `end` (never past `expected`). */
  hand(end: number): void {
    const stop = Math.min(end, this.limit);
    if (stop > this.flushed) {
      this.sink(this.buf.subarray(this.flushed, stop));
      this.emitted += stop - this.flushed;
      this.flushed = stop;
    }
  }

  /** Hands on the output so far and keeps the last WINDOW bytes as history; returns the new position. */
  private flush(pos: number): number {
    this.hand(pos);
    const shift = pos - WINDOW;
    this.buf.copyWithin(0, shift, pos);
    this.flushed -= shift;
    this.limit -= shift;
    return WINDOW;
  }

  /** Moves to the next non-empty part; leaves `at` at the end when there is none. */
  private advance(): void {
    while (this.at >= this.input.length && this.partIndex + 1 < this.parts.length) {
      this.input = this.parts[++this.partIndex];
      this.at = 0;
    }
  }

  /** Fills the bit buffer to more than 24 bits, with zeros (counted) past the input's end. */
  private refill(): void {
    while (this.bitCount <= 24) {
      if (this.at >= this.input.length) this.advance();
      if (this.at < this.input.length) this.bits |= this.input[this.at++] << this.bitCount;
      else this.phantom++;
      this.bitCount += 8;
    }
  }

  /** Reads `n` ≤ 16 bits. */
  private take(n: number): number {
    if (this.bitCount < n) this.refill();
    const v = this.bits & ((1 << n) - 1);
    this.bits >>>= n;
    this.bitCount -= n;
    if (this.phantom * 8 > this.bitCount) throw new StreamError('the stream ends early', this.pos);
    return v;
  }

  private decode(code: Huffman): number {
    if (this.bitCount < 15) this.refill();
    let e = code.table[this.bits & PRIMARY_MASK];
    if (e === 0) e = code.slow(this.bits);
    if (e < 0) throw new StreamError('invalid Huffman code', this.pos);
    this.take(e & 15);
    return e >>> 4;
  }

  private header(): void {
    const cmf = this.take(8), flg = this.take(8);
    if ((cmf & 15) !== 8) throw new StreamError('not a zlib deflate stream (compression method)', 0);
    if (cmf >> 4 > 7) throw new StreamError('invalid zlib window size', 0);
    if (((cmf << 8) | flg) % 31 !== 0) throw new StreamError('incorrect zlib header check', 0);
    if (flg & 32) throw new StreamError('a preset dictionary, which PNG does not allow', 0);
  }

  private stored(): void {
    this.take(this.bitCount & 7);
    let n = this.take(16);
    if ((n ^ 0xffff) !== this.take(16)) throw new StreamError('invalid stored block lengths', this.pos);
    const buf = this.buf;
    let pos = this.pos;
    // Whole bytes still in the bit buffer come first.
    while (n > 0 && this.bitCount >= 8) {
      if (pos === BUFFER) pos = this.flush(pos);
      buf[pos++] = this.bits & 255;
      this.bits >>>= 8; this.bitCount -= 8; n--;
      if (this.phantom * 8 > this.bitCount) throw new StreamError('the stream ends early', pos - 1);
    }
    while (n > 0) {
      if (this.at >= this.input.length) this.advance();
      if (this.at >= this.input.length) throw new StreamError('the stream ends early', pos);
      if (pos === BUFFER) pos = this.flush(pos);
      const k = Math.min(n, this.input.length - this.at, BUFFER - pos);
      buf.set(this.input.subarray(this.at, this.at + k), pos);
      this.at += k; pos += k; n -= k;
      if (pos > this.limit) break;
    }
    this.pos = pos;
    if (pos > this.limit) this.stop();
  }

  /** Output went past `expected`: hand on the rest of what was asked for and stop. */
  private stop(): void {
    this.overflow = true;
    this.hand(this.limit);
  }

  private dynamic(): void {
    const nlit = this.take(5) + 257, ndist = this.take(5) + 1, nclen = this.take(4) + 4;
    if (nlit > 286 || ndist > 30) throw new StreamError('too many length or distance symbols', this.pos);
    const lengths = this.lengths;
    lengths.fill(0, 0, 19);
    for (let i = 0; i < nclen; i++) lengths[CODE_LENGTH_ORDER[i]] = this.take(3);
    let err = this.codeLengths.build(lengths, 0, 19, true);
    if (err !== null) throw new StreamError(`invalid code lengths set (${err})`, this.pos);
    const total = nlit + ndist;
    for (let i = 0; i < total;) {
      const sym = this.decode(this.codeLengths);
      if (sym < 16) { lengths[i++] = sym; continue; }
      let value = 0, repeat: number;
      if (sym === 16) {
        if (i === 0) throw new StreamError('a repeated code length with no first length', this.pos);
        value = lengths[i - 1];
        repeat = 3 + this.take(2);
      } else if (sym === 17) repeat = 3 + this.take(3);
      else repeat = 11 + this.take(7);
      if (i + repeat > total) throw new StreamError('too many code lengths', this.pos);
      while (repeat-- > 0) lengths[i++] = value;
    }
    if (lengths[256] === 0) throw new StreamError('no end-of-block code', this.pos);
    err = this.lit.build(lengths, 0, nlit, false);
    if (err !== null) throw new StreamError(`invalid literal/length code (${err})`, this.pos);
    err = this.dist.build(lengths, nlit, ndist, false);
    if (err !== null) throw new StreamError(`invalid distance code (${err})`, this.pos);
  }

  /** The hot loop: literals and back-references until the end-of-block code. */
  private codes(lit: Huffman, dist: Huffman): void {
    const buf = this.buf, litTable = lit.table, distTable = dist.table;
    let pos = this.pos, bits = this.bits, bitCount = this.bitCount;
    let input = this.input, at = this.at, limit = this.limit;
    let phantomBits = this.phantom * 8; // nonzero once the input has run out
    for (;;) {
      if (pos > BUFFER - MAX_MATCH) { pos = this.flush(pos); limit = this.limit; }
      const start = pos;
      if (bitCount <= 24) {
        if (at + 4 <= input.length) {
          // Room for whole bytes without the bounds checks of the slow refill.
          while (bitCount <= 24) { bits |= input[at++] << bitCount; bitCount += 8; }
        } else {
          this.at = at; this.bits = bits; this.bitCount = bitCount;
          this.refill();
          input = this.input; at = this.at; bits = this.bits; bitCount = this.bitCount;
          phantomBits = this.phantom * 8;
        }
      }
      let e = litTable[bits & PRIMARY_MASK];
      if (e === 0 && (e = lit.slow(bits)) < 0) throw new StreamError('invalid literal/length code', start);
      let n = e & 15;
      bits >>>= n; bitCount -= n;
      let sym = e >>> 4;
      if (sym < 256) {
        buf[pos++] = sym;
      } else if (sym === 256) {
        if (phantomBits > bitCount) throw new StreamError('the stream ends early', start);
        break;
      } else {
        sym -= 257;
        if (sym >= 29) throw new StreamError('invalid literal/length code', start);
        let length = LENGTH_BASE[sym];
        n = LENGTH_EXTRA[sym];
        if (n !== 0) { length += bits & ((1 << n) - 1); bits >>>= n; bitCount -= n; }
        // A distance needs up to 15 + 13 bits: at least 28 in the buffer.
        if (bitCount < 28) {
          if (at + 4 <= input.length) {
            while (bitCount <= 24) { bits |= input[at++] << bitCount; bitCount += 8; }
          } else {
            this.at = at; this.bits = bits; this.bitCount = bitCount;
            this.refill();
            input = this.input; at = this.at; bits = this.bits; bitCount = this.bitCount;
            phantomBits = this.phantom * 8;
          }
        }
        e = distTable[bits & PRIMARY_MASK];
        if (e === 0 && (e = dist.slow(bits)) < 0) throw new StreamError('invalid distance code', start);
        n = e & 15;
        bits >>>= n; bitCount -= n;
        sym = e >>> 4;
        if (sym >= 30) throw new StreamError('invalid distance code', start);
        let distance = DIST_BASE[sym];
        n = DIST_EXTRA[sym];
        if (n !== 0) { distance += bits & ((1 << n) - 1); bits >>>= n; bitCount -= n; }
        if (distance > pos) throw new StreamError('invalid distance too far back', start);
        if (length > 24 && distance >= length) {
          // A long copy that does not overlap itself: one memmove.
          buf.copyWithin(pos, pos - distance, pos - distance + length);
          pos += length;
        } else if (length > 24 && distance === 1) {
          buf.fill(buf[pos - 1], pos, pos + length);
          pos += length;
        } else {
          let from = pos - distance;
          const end = pos + length;
          while (pos < end) buf[pos++] = buf[from++];
        }
      }
      // Bits read past the input's end mean the symbol was made up of padding.
      if (phantomBits > bitCount) throw new StreamError('the stream ends early', start);
      if (pos > limit) {
        this.pos = pos;
        this.stop();
        break;
      }
    }
    this.pos = pos; this.bits = bits; this.bitCount = bitCount; this.at = at;
  }
}

/**
 * Inflates the zlib stream held by `parts` (in order), handing its first `expected` bytes to `sink`
 * piece by piece (each piece valid only during the call), and stops there. Bytes after the stream,
 * further parts and the Adler-32 check are not looked at once `expected` bytes are out; a stream
 * that breaks or ends before gives fewer bytes, and `corrupt` says why.
 */
export function inflateInto(parts: readonly Uint8Array[], expected: number, sink: (piece: Uint8Array) => void): InflateOutcome {
  const inflater = new Inflater(parts, expected, sink);
  let corrupt: string | null = null;
  try {
    inflater.run();
  } catch (err) {
    if (!(err instanceof StreamError)) throw err;
    inflater.hand(err.at);
    if (inflater.emitted < expected) corrupt = err.message;
  }
  if (corrupt === null && inflater.emitted < expected) corrupt = 'the stream ends before the image data does';
  return { length: inflater.emitted, overflow: inflater.overflow, corrupt };
}
