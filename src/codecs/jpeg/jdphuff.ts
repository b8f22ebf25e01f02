// Huffman decoding of progressive scans, after libjpeg-turbo's jdphuff.c: DC first / refine and AC
// first / refine with end-of-band runs (decode_mcu_DC_first, decode_mcu_AC_first,
// decode_mcu_DC_refine, decode_mcu_AC_refine), with the same handling of out-of-range runs (the
// extended natural-order table) and of refinement bits.
import { type BitReader, type DerivedTable, extend, NATURAL_ORDER, type WarningSink } from './jdhuff.ts';

/** Per-scan state that survives from block to block: the EOB run. */
export interface ProgressiveState {
  eobrun: number;
  /** Warned once per scan about a refinement symbol of size > 1. */
  warnedBadCode: boolean;
}

/** decode_mcu_DC_first for one block. */
export function decodeDcFirst(
  br: BitReader, dc: DerivedTable, coefs: Int16Array, at: number, dcPred: Int32Array, ci: number, al: number,
): void {
  let s = br.decode(dc);
  if (s !== 0) s = extend(br.getBits(s), s);
  const v = (s + dcPred[ci]) | 0;
  dcPred[ci] = v;
  coefs[at] = v << al;
}

/** decode_mcu_DC_refine for one block: one correction bit. */
export function decodeDcRefine(br: BitReader, coefs: Int16Array, at: number, al: number): void {
  if (br.getBits(1)) coefs[at] |= 1 << al;
}

/** decode_mcu_AC_first for one block of a band Ss..Se; returns the highest zigzag index written (0: none). */
export function decodeAcFirst(
  br: BitReader, ac: DerivedTable, coefs: Int16Array, at: number, ss: number, se: number, al: number, st: ProgressiveState,
): number {
  if (st.eobrun > 0) {
    st.eobrun--;
    return 0;
  }
  let last = 0;
  for (let k = ss; k <= se; k++) {
    const rs = br.decode(ac);
    const r = rs >> 4;
    const s = rs & 15;
    if (s !== 0) {
      k += r;
      coefs[at + NATURAL_ORDER[k]] = extend(br.getBits(s), s) * (1 << al);
      last = k;
    } else if (r === 15) {
      k += 15;
    } else {
      let run = 1 << r;
      if (r !== 0) run += br.getBits(r);
      st.eobrun = run - 1;
      break;
    }
  }
  return last;
}

/** Applies one correction bit to an already-nonzero coefficient (the shared step of decode_mcu_AC_refine). */
function refineNonzero(br: BitReader, coefs: Int16Array, i: number, p1: number): void {
  if (br.getBits(1)) {
    const c = coefs[i];
    if ((c & p1) === 0) coefs[i] = c >= 0 ? c + p1 : c - p1;
  }
}

/**
 * decode_mcu_AC_refine for one block of a band Ss..Se; returns the highest zigzag index at which it
 * made a coefficient nonzero (0: none).
 */
export function decodeAcRefine(
  br: BitReader, ac: DerivedTable, coefs: Int16Array, at: number, ss: number, se: number, al: number,
  st: ProgressiveState, warn: WarningSink,
): number {
  const p1 = 1 << al;
  let k = ss, last = 0;
  if (st.eobrun === 0) {
    for (; k <= se; k++) {
      const rs = br.decode(ac);
      let r = rs >> 4;
      let s = rs & 15;
      if (s !== 0) {
        if (s !== 1 && !st.warnedBadCode) {
          st.warnedBadCode = true;
          warn('Corrupt JPEG data: bad Huffman code');
        }
        s = br.getBits(1) ? p1 : -p1;
      } else if (r !== 15) {
        let run = 1 << r;
        if (r !== 0) run += br.getBits(r);
        st.eobrun = run;
        break;
      }
      do {
        const i = at + NATURAL_ORDER[k];
        if (coefs[i] !== 0) {
          refineNonzero(br, coefs, i, p1);
        } else if (--r < 0) {
          break;
        }
        k++;
      } while (k <= se);
      if (s !== 0) { coefs[at + NATURAL_ORDER[k]] = s; last = k; }
    }
  }
  if (st.eobrun > 0) {
    for (; k <= se; k++) {
      const i = at + NATURAL_ORDER[k];
      if (coefs[i] !== 0) refineNonzero(br, coefs, i, p1);
    }
    st.eobrun--;
  }
  return last;
}
