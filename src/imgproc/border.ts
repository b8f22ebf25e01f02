// OpenCV's border modes (cv::borderInterpolate), shared by filters and warps.
import { rangeError } from '../core/errors.ts';

/** How pixels outside the image are made up. */
export type BorderMode = 'reflect101' | 'replicate' | 'reflect' | 'constant' | 'wrap';

export const BORDER_MODES: readonly BorderMode[] = ['reflect101', 'replicate', 'reflect', 'constant', 'wrap'];

/** Validates a border mode option (default `reflect101`, OpenCV's BORDER_DEFAULT). */
export function checkBorder(border: unknown, name = 'options.border', fallback: BorderMode = 'reflect101'): BorderMode {
  if (border === undefined) return fallback;
  if (typeof border !== 'string' || !(BORDER_MODES as readonly string[]).includes(border)) {
    throw rangeError(name, `one of ${BORDER_MODES.map((m) => `'${m}'`).join(', ')}`, border);
  }
  return border as BorderMode;
}

/**
 * The source index that stands for index `p` on an axis of length `len` (cv::borderInterpolate),
 * or −1 for `constant` (use the border value):
 * reflect101 `gfedcb|abcdefgh|gfedcba`, replicate `aaaaaa|abcdefgh|hhhhhhh`,
 * reflect `fedcba|abcdefgh|hgfedcb`, wrap `cdefgh|abcdefgh|abcdefg`.
 */
export function borderIndex(p: number, len: number, mode: BorderMode): number {
  if (p >= 0 && p < len) return p;
  switch (mode) {
    case 'constant': return -1;
    case 'replicate': return p < 0 ? 0 : len - 1;
    case 'wrap': return ((p % len) + len) % len;
    case 'reflect':
    case 'reflect101': {
      if (len === 1) return 0;
      const delta = mode === 'reflect101' ? 1 : 0;
      // Bounce between the edges until inside (several bounces when p is far outside).
      do {
        if (p < 0) p = -p - 1 + delta;
        else p = len - 1 - (p - len) - delta;
      } while (p < 0 || p >= len);
      return p;
    }
  }
}
