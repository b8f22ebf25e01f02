// The zlib operations the PNG codec needs, behind one small interface so that the same decoder runs
// on Node's native zlib (fast) and, in browsers, on our own inflate with fflate's deflate (pure
// JavaScript): zlib-node.ts and zlib-browser.ts. Both give the same bytes; test/codecs/png-zlib.test.ts checks it.

/** What an inflate produced: the first `length` bytes of `data` (at most the `expected` asked for). */
export interface Inflated {
  data: Uint8Array;
  length: number;
  /** The stream went on past `expected` bytes of output (more image data than the image needs). */
  overflow: boolean;
}

export interface Zlib {
  /**
   * Inflates the zlib stream held by `parts` (in order) into at most `expected` bytes, stopping as
   * soon as they are there: bytes after the stream's end, a spare part, or an Adler-32 mismatch
   * after the last needed byte are not errors (libpng and Pillow stop reading there too). A stream
   * that breaks or ends early gives fewer bytes; `corrupt` then says why.
   */
  inflate(parts: readonly Uint8Array[], expected: number): Inflated & { corrupt: string | null };
  /**
   * Like `inflate`, but hands the output to `sink` piece by piece (each piece valid only during the
   * call) instead of keeping it, so that a caller that consumes rows as they come needs no buffer
   * for the whole stream.
   */
  inflateStream(parts: readonly Uint8Array[], expected: number, sink: (piece: Uint8Array) => void): Omit<Inflated, 'data'> & { corrupt: string | null };
  /** Compresses `data` as a zlib stream at `level` 0..9. */
  deflate(data: Uint8Array, level: number): Uint8Array;
}
