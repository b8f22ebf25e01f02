// CRC-32 (ISO 3309, as PNG chunks use it) in pure TypeScript, so that the PNG reader runs without
// Node's zlib. One 256-entry table, built on first use.
let table: Int32Array | null = null;

function makeTable(): Int32Array {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
}

/** CRC-32 of `bytes` (unsigned), continuing from `crc` (the CRC of the bytes before, default none). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  const t = table ?? (table = makeTable());
  let c = ~crc;
  for (let i = 0, n = bytes.length; i < n; i++) c = t[(c ^ bytes[i]) & 255] ^ (c >>> 8);
  return ~c >>> 0;
}
