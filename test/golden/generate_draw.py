#!/usr/bin/python3
"""Golden fixtures for pixelarray's drawing functions (line, rectangle), computed by OpenCV 4.6.

Run with Debian's python3 (numpy, cv2 4.6, skimage):

    /usr/bin/python3 test/golden/generate_draw.py

Writes into test/golden/fixtures/draw/ (after deleting every old .npy, manifest.json and
random.json there):

- manifest.json and the .npy files it names, in the format of test/golden/fixtures/manifest.json
  (see test/golden/README.md). Drawing is in place: every case has "result": "arg0", so the golden
  runner compares the first argument (the canvas) after the call, on contiguous inputs and on
  strided views. These cases cover the channel counts (1, 2, 3, 4), colours, thicknesses, line
  types, clipping and the edge cases, on small noise canvases and a photo crop.
- random.json: many more seeded random calls (ends partly or far outside the image, random
  thickness and line type) stored compactly, one array per call: the call, the canvas size, the
  ends, thickness and line type, then the number of pixels and the SHA-1 (16 hex digits) of the
  H×W mask cv2 draws with colour 255 on a zero 1-channel canvas. Every write
  of these functions is the same colour, so that mask is the whole answer; test/draw/draw.test.ts
  checks it.

Rules kept throughout:
- every expected value comes from a cv2 call (the `ref` string of its case);
- each reference runs twice on fresh copies of its inputs: identical results;
- pixelarray takes a number colour as every channel, where cv2 takes a Python number as
  Scalar(v, 0, 0, 0): those cases call cv2 with the number repeated per channel; array colours go
  to cv2 unchanged (missing channels 0, extra entries ignored, non-integers rounded half to even,
  out-of-range values saturated).
"""
import hashlib
import json
import os
import sys

import cv2
import numpy as np
import skimage
import skimage.data

from golden_common import Fixtures, as2, channels_of, clear_fixtures, folder_size

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures', 'draw')

EXACT = {'kind': 'exact'}

fx = Fixtures(OUT)
inputs, add_input, save_expect = fx.inputs, fx.add_input, fx.save_expect
cases = []

if cv2.__version__ != '4.6.0':
    print(f'warning: made for OpenCV 4.6.0; running with OpenCV {cv2.__version__}', file=sys.stderr)

clear_fixtures(OUT, names=('manifest.json', 'random.json'))


def cv_color(color, c):
    """The cv2 Scalar for pixelarray's colour: a number means every channel."""
    if isinstance(color, (int, float)):
        return tuple([color] * min(c, 4))
    return tuple(color)


def draw(call, img, pt1, pt2, color, thickness, line_type):
    fn = cv2.line if call == 'line' else cv2.rectangle
    out = as2(img).copy()
    r = fn(out, tuple(pt1), tuple(pt2), cv_color(color, channels_of(img)), thickness, line_type)
    assert r is out or np.shares_memory(r, out)
    return out


def case(call, img_ref, pt1, pt2, color, thickness=None, line_type=None, tag=''):
    n = len(cases) + 1
    cid = f'{n:04d}_{call}' + (f'_{tag}' if tag else '')
    img = inputs[img_ref['$img']]
    t = 1 if thickness is None else thickness
    lt = 8 if line_type is None else line_type
    r0 = draw(call, img, pt1, pt2, color, t, lt)
    r1 = draw(call, img, pt1, pt2, color, t, lt)
    assert np.array_equal(r0, r1), 'reference is not deterministic'
    opts = {}
    if thickness is not None:
        opts['thickness'] = thickness
    if line_type is not None:
        opts['lineType'] = line_type
    args = [img_ref, list(pt1), list(pt2), color] + ([opts] if opts else [])
    expect = save_expect(r0, f'x{n:04d}.npy')
    ref = f'cv2.{call}(a, {tuple(pt1)}, {tuple(pt2)}, {cv_color(color, channels_of(img))}, {t}, {lt})'
    cases.append({'id': cid, 'call': call, 'args': args, 'expect': expect, 'ref': ref, 'tol': EXACT, 'result': 'arg0'})


# --------------------------------------------------------------------------------------------
# inputs: noise canvases (drawn pixels stand out, every channel differs) and a photo crop
# --------------------------------------------------------------------------------------------

rng = np.random.default_rng(20240613)


def noise(shape):
    return rng.integers(0, 256, size=shape, dtype=np.uint8)


C1 = add_input('noise_23x31x1', noise((23, 31)), 'numpy.random.default_rng(20240613) noise (23, 31) (2-D)')
C2 = add_input('noise_17x19x2', noise((17, 19, 2)), 'numpy.random.default_rng(20240613) noise (17, 19, 2)')
C3 = add_input('noise_23x31x3', noise((23, 31, 3)), 'numpy.random.default_rng(20240613) noise (23, 31, 3)')
C4 = add_input('noise_23x31x4', noise((23, 31, 4)), 'numpy.random.default_rng(20240613) noise (23, 31, 4)')
BIG = add_input('noise_40x57x3', noise((40, 57, 3)), 'numpy.random.default_rng(20240613) noise (40, 57, 3)')
T1 = add_input('noise_1x1x3', noise((1, 1, 3)), 'numpy.random.default_rng(20240613) noise (1, 1, 3)')
T2 = add_input('noise_1x7x1', noise((1, 7)), 'numpy.random.default_rng(20240613) noise (1, 7) (2-D)')
T3 = add_input('noise_7x1x4', noise((7, 1, 4)), 'numpy.random.default_rng(20240613) noise (7, 1, 4)')
coffee = skimage.data.coffee()  # 400×600×3, CC0 (Rachel Michetti)
PHOTO = add_input('coffee_61x97', coffee[150:211, 260:357], 'skimage.data.coffee()[150:211, 260:357]')
CANVASES = [C1, C2, C3, C4]

# --------------------------------------------------------------------------------------------
# hand-picked cases
# --------------------------------------------------------------------------------------------

RED = [255, 0, 0]
for img in CANVASES:
    c = channels_of(inputs[img['$img']])
    col = [200, 30, 90, 250][:c]
    full = img in (C1, C3)  # the geometry in full on gray and RGB; 2 and 4 channels get a sample
    # one-pixel lines in every octant, both connectivities
    for lt in (8, 4):
        for (p, q) in [((2, 3), (25, 9)), ((25, 9), (2, 3)), ((4, 2), (9, 20)), ((9, 20), (4, 2)),
                       ((3, 18), (27, 5)), ((27, 5), (3, 18)), ((15, 1), (5, 21)), ((0, 0), (30, 22))][:8 if full else 2]:
            case('line', img, p, q, col, 1, lt)
    # horizontal, vertical, a point, reversed ends
    case('line', img, (3, 5), (27, 5), col)
    case('line', img, (7, 2), (7, 20), col)
    case('line', img, (11, 11), (11, 11), col, tag='point')
    case('line', img, (11, 11), (11, 11), col, 5, tag='point_thick')
    case('line', img, (11, 11), (11, 11), col, 2, tag='point_thick2')
    # thick lines: every thickness the brief names, several slopes
    for t in (2, 3, 5, 10):
        for (p, q) in [((2, 3), (25, 9)), ((4, 2), (9, 20)), ((27, 5), (3, 18)), ((5, 11), (25, 11)), ((14, 1), (14, 20))][:5 if full else 1]:
            case('line', img, p, q, col, t)
        if full:
            case('line', img, (2, 3), (25, 9), col, t, 4, tag='line4')
    # clipping: ends outside on every side, and a line entirely outside
    case('line', img, (-10, -7), (40, 30), col, tag='through')
    case('line', img, (-5, 12), (12, -5), col, tag='corner')
    case('line', img, (-10, 30), (50, -9), col, 3, tag='through_thick')
    case('line', img, (-20, -20), (-3, 40), col, tag='outside')
    case('line', img, (-4, -20), (-4, 40), col, 5, tag='outside_thick_reaching_in')
    case('line', img, (-1000000, 7), (1000000, 15), col, tag='far')
    case('line', img, (-1000000, 7), (1000000, 15), col, 4, tag='far_thick')
    # rectangles: outline, thick, filled, reversed corners, degenerate, clipped
    case('rectangle', img, (3, 4), (20, 15), col)
    case('rectangle', img, (20, 15), (3, 4), col, tag='reversed')
    case('rectangle', img, (20, 4), (3, 15), col, 2, tag='reversed_x')
    for t in (2, 3, 5, 10) if full else (5,):
        case('rectangle', img, (5, 4), (24, 17), col, t)
    case('rectangle', img, (5, 4), (24, 17), col, -1, tag='filled')
    case('rectangle', img, (24, 17), (5, 4), col, -1, tag='filled_reversed')
    case('rectangle', img, (-5, -3), (40, 30), col, -1, tag='filled_covers')
    case('rectangle', img, (-5, -3), (10, 8), col, 3, tag='clipped')
    case('rectangle', img, (8, 9), (8, 9), col, tag='point')
    case('rectangle', img, (8, 9), (8, 9), col, 4, tag='point_thick')
    case('rectangle', img, (8, 9), (8, 9), col, -1, tag='point_filled')
    case('rectangle', img, (4, 9), (22, 9), col, 3, tag='flat')
    case('rectangle', img, (-40, -30), (-10, -2), col, 5, tag='outside')
    case('rectangle', img, (-100000, -100000), (100000, 100000), col, 7, tag='around')
    case('rectangle', img, (3, 4), (20, 15), col, 1, 4, tag='line4')
    case('rectangle', img, (3, 4), (20, 15), col, -1, 4, tag='filled_line4')

# at the coordinate limit pixelarray accepts (±2^28; cv2 walks every row above the image, ~1 s a call)
L = 2**28
case('line', C1, (-L, -L), (L, L), 255, 7, tag='limit')
case('line', C1, (L, -L + 30), (-L, L), 255, 2, tag='limit')
case('line', C1, (3, -L), (20, L), 255, 3, tag='limit')
case('line', C3, (-L, L), (L, -L), 255, tag='limit')
case('rectangle', C1, (-L, -L), (10, 12), 255, 4, tag='limit')
case('rectangle', C1, (-L, 3), (L, L), 255, -1, tag='limit')

# colours: a number is every channel; arrays are Scalars (short, long, fractional, out of range)
case('line', C3, (1, 1), (29, 20), 200, tag='number_color')
case('line', C4, (1, 1), (29, 20), 77, 3, tag='number_color')
case('line', C1, (1, 1), (29, 20), 200, tag='number_color')
case('line', C3, (1, 1), (29, 20), [9], tag='color_len1')
case('line', C3, (1, 1), (29, 20), [9, 200], tag='color_len2')
case('line', C3, (1, 1), (29, 20), [9, 200, 31, 250], tag='color_len4')
case('line', C1, (1, 1), (29, 20), [9, 200, 31], tag='color_extra')
case('line', C2, (1, 1), (29, 20), [9, 200, 31, 4], tag='color_extra')
case('line', C4, (1, 1), (29, 20), [12.5, 13.5, 254.5, 0.5], tag='color_round')
case('line', C4, (1, 1), (29, 20), [300, -5, 255.49, -0.5], tag='color_saturate')
case('rectangle', C4, (2, 2), (20, 20), [1, 2, 3], -1, tag='color_missing_alpha')
case('rectangle', C3, (2, 2), (20, 20), 255.5, 2, tag='number_round')

# tiny canvases
for img in (T1, T2, T3):
    case('line', img, (0, 0), (0, 0), 255)
    case('line', img, (-3, -3), (5, 5), [10, 20, 30, 40])
    case('line', img, (-3, 0), (5, 0), 99, 3)
    case('rectangle', img, (0, 0), (0, 0), 255, -1)
    case('rectangle', img, (-1, -1), (1, 1), [1, 2, 3, 4])
    case('rectangle', img, (-2, -2), (7, 7), 200, 2)

# the photo, as in the tutorial: a box, a cross, thick diagonals
case('rectangle', PHOTO, (20, 10), (70, 45), RED, 2, tag='photo')
case('rectangle', PHOTO, (30, 20), (60, 40), [0, 255, 0], -1, tag='photo_filled')
case('line', PHOTO, (0, 0), (96, 60), [255, 255, 0], 5, tag='photo_diagonal')
case('line', PHOTO, (96, 3), (2, 57), [0, 0, 255], 10, tag='photo_diagonal')
case('line', BIG, (3, 37), (50, 2), [255, 255, 255], 13, tag='big')
case('line', BIG, (28, 20), (28, 20), [255, 255, 255], 21, tag='big_dot')
case('rectangle', BIG, (8, 6), (48, 33), [0, 0, 0], 9, tag='big')

# random calls with images stored (a few per channel count)
for i in range(32):
    img = [C1, C2, C3, C4][i % 4]
    c = channels_of(inputs[img['$img']])
    h, w = inputs[img['$img']].shape[:2]
    call = 'line' if i % 3 else 'rectangle'
    pts = [(int(rng.integers(-w // 2, w + w // 2)), int(rng.integers(-h // 2, h + h // 2))) for _ in range(2)]
    t = int(rng.choice([1, 1, 2, 3, 4, 5, 7, 10] + ([-1] if call == 'rectangle' else [])))
    lt = int(rng.choice([4, 8]))
    col = [int(v) for v in rng.integers(0, 256, size=int(rng.integers(1, 5)))]
    case(call, img, pts[0], pts[1], col, t, lt, tag=f'random{i}')

# --------------------------------------------------------------------------------------------
# random.json: many seeded calls, stored as the hash of the mask cv2 draws
# --------------------------------------------------------------------------------------------

SHAPES = [(1, 1), (1, 9), (9, 1), (5, 7), (23, 31), (31, 23), (40, 57), (64, 64), (17, 100)]


def coord(n):
    r = rng.random()
    if r < 0.25:
        return int(rng.integers(0, n))                         # inside
    if r < 0.85:
        return int(rng.integers(-(n // 2) - 3, n + n // 2 + 3))  # near, often outside
    if r < 0.97:
        v = int(rng.integers(100, 2_000_000))                   # far outside
        return v if rng.random() < 0.5 else -v
    return int(rng.choice([-65536, 65535, -1000000, 1000000]))


random_cases = []
for i in range(2400):
    h, w = SHAPES[int(rng.integers(0, len(SHAPES)))]
    call = 'line' if rng.random() < 0.6 else 'rectangle'
    p1 = [coord(w), coord(h)]
    p2 = [coord(w), coord(h)] if rng.random() < 0.95 else list(p1)
    if rng.random() < 0.15:  # horizontal or vertical (pixelarray fills those thick segments as boxes)
        k = int(rng.integers(0, 2))
        p2[k] = p1[k]
    t = int(rng.choice([1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 20, 33] + ([-1, -1] if call == 'rectangle' else [])))
    lt = int(rng.choice([4, 8]))
    canvas = np.zeros((h, w), np.uint8)
    fn = cv2.line if call == 'line' else cv2.rectangle
    fn(canvas, tuple(p1), tuple(p2), 255, t, lt)
    again = np.zeros((h, w), np.uint8)
    fn(again, tuple(p1), tuple(p2), 255, t, lt)
    assert np.array_equal(canvas, again)
    assert set(np.unique(canvas)) <= {0, 255}
    random_cases.append([call, h, w, p1[0], p1[1], p2[0], p2[1], t, lt, int((canvas > 0).sum()),
                         hashlib.sha1(canvas.tobytes()).hexdigest()[:16]])

# --------------------------------------------------------------------------------------------
# write
# --------------------------------------------------------------------------------------------

generator = f'test/golden/generate_draw.py: OpenCV {cv2.__version__}, NumPy {np.__version__}, scikit-image {skimage.__version__} (photo)'
fx.write('draw', generator, cases)

rtext = ('{\n"generator": ' + json.dumps(generator) + ',\n'
         '"format": "[call, h, w, x1, y1, x2, y2, thickness, lineType, drawn pixels, first 16 hex digits of the SHA-1 of the mask]",\n'
         '"mask": "cv2.<call>(np.zeros((h, w), np.uint8), (x1, y1), (x2, y2), 255, thickness, lineType)",\n"cases": [\n')
rtext += ',\n'.join('  ' + json.dumps(c) for c in random_cases) + '\n]\n}\n'
json.loads(rtext)
with open(os.path.join(OUT, 'random.json'), 'w', encoding='utf-8') as f:
    f.write(rtext)
size = folder_size(OUT)
print(f'{len(cases)} cases, {len(random_cases)} random masks, {len(inputs)} inputs, {size} bytes written to {OUT}')
