// Reads the Orientation tag (0x0112) from IFD0 of an Exif TIFF structure. Broken or missing Exif
// means "no orientation" rather than an error: like OpenCV and browsers, a damaged metadata block
// must not make a readable image undecodable.

/** EXIF orientation: 1 = as stored, 2..8 = the flips and rotations of `orientation.ts`. */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const ORIENTATION_TAG = 0x0112;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;

/**
 * `tiff` is the APP1 payload after its "Exif\0\0" prefix: a TIFF header ("II*\0" little-endian or
 * "MM\0*" big-endian, then the IFD0 offset) followed by the IFDs. Returns 1 when there is no valid
 * Orientation tag.
 */
export function readExifOrientation(tiff: Uint8Array): Orientation {
  if (tiff.length < 8) return 1;
  let little: boolean;
  if (tiff[0] === 0x49 && tiff[1] === 0x49) little = true;
  else if (tiff[0] === 0x4d && tiff[1] === 0x4d) little = false;
  else return 1;
  const u16 = (at: number): number => little ? tiff[at] | (tiff[at + 1] << 8) : (tiff[at] << 8) | tiff[at + 1];
  const u32 = (at: number): number => little
    ? (tiff[at] | (tiff[at + 1] << 8) | (tiff[at + 2] << 16) | (tiff[at + 3] << 24)) >>> 0
    : ((tiff[at] << 24) | (tiff[at + 1] << 16) | (tiff[at + 2] << 8) | tiff[at + 3]) >>> 0;
  if (u16(2) !== 42) return 1;

  const ifd = u32(4);
  if (ifd < 8 || ifd + 2 > tiff.length) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + 12 * i;
    if (entry + 12 > tiff.length) return 1;
    if (u16(entry) !== ORIENTATION_TAG) continue;
    const type = u16(entry + 2);
    if (u32(entry + 4) !== 1) return 1;
    // A single SHORT or LONG value sits left-justified in the 4-byte value field.
    const value = type === TYPE_SHORT ? u16(entry + 8) : type === TYPE_LONG ? u32(entry + 8) : 0;
    return value >= 1 && value <= 8 ? (value as Orientation) : 1;
  }
  return 1;
}
