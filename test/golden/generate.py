#!/usr/bin/python3
"""Golden fixtures for pixelarray, computed by the real references (OpenCV, NumPy, Pillow).

Run with Debian's python3, which has numpy, cv2 (OpenCV 4.6), PIL (Pillow 9.4) and skimage:

    /usr/bin/python3 test/golden/generate.py

Writes test/golden/fixtures/manifest.json and the .npy files it names (in_*.npy inputs, x*.npy
expected outputs). Every old .npy in that folder is deleted first, so the folder always matches
this script. See test/golden/README.md for the manifest format.

Rules kept throughout:
- every expected output comes from a reference call (the `ref` string of its case); nothing is
  hand-computed where a reference exists. NumPy expressions stand in only where pixelarray's
  semantics are NumPy's (modulo arithmetic, split/concat/roll/transpose/rot90) or where the cv2
  call does not mean the same thing (a Python number given to cv2.add touches channel 0 only);
- each reference is run twice on fresh copies of its inputs and must give identical bytes, and
  must leave its inputs untouched;
- images are H×W×C uint8; single-channel images may be stored 2-D (H×W), meaning H×W×1.
"""
import os
import sys

import cv2
import numpy as np
import PIL
import skimage
import skimage.data
from PIL import Image

from golden_common import Fixtures, as2, as3, clear_fixtures, photos, run_twice

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures')

EXACT = {'kind': 'exact'}
MAXABS1 = {'kind': 'maxabs', 'value': 1}

fx = Fixtures(OUT, repeat_inputs=True)
inputs, add_input, img, save_expect = fx.inputs, fx.add_input, fx.img, fx.save_image
cases = []


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

def case(call, args, fn, arrays, ref, tol=EXACT, tag='', in_place=False):
    """Adds one case.

    call: pixelarray function name; args: the manifest args (JSON, with {"$img"} refs);
    fn(*arrays) -> the expected output (an array, or a list of arrays for split); arrays: the
    input arrays fn takes (copied before each run); ref: the Python expression, for humans.
    in_place: fn mutates arrays[0] and returns nothing; arg0 is compared after the call.
    """
    n = len(cases) + 1
    cid = f'{n:04d}_{call}' + (f'_{tag}' if tag else '')
    if in_place:
        results = []
        for _ in range(2):
            copies = [a.copy() for a in arrays]
            assert fn(*copies) is None
            for before, after in zip(arrays[1:], copies[1:]):
                assert np.array_equal(before, after), 'reference mutated an input other than arg0'
            results.append(copies[0])
        assert np.array_equal(results[0], results[1]), 'reference is not deterministic'
        out = results[0]
    else:
        out = run_twice(fn, arrays)
    if isinstance(out, (list, tuple)):
        files = []
        for k, part in enumerate(out):
            files.append(save_expect(part, f'x{n:04d}_{k}.npy'))
        expect = files
    else:
        expect = save_expect(out, f'x{n:04d}.npy')
    c = {'id': cid, 'call': call, 'args': args, 'expect': expect, 'ref': ref, 'tol': tol}
    if in_place:
        c['result'] = 'arg0'
    cases.append(c)


def cv_scalar(v):
    """A per-channel list as an OpenCV Scalar (4 values, missing ones 0)."""
    v = list(v)
    assert len(v) <= 4
    return tuple(v + [0] * (4 - len(v)))


def sat(x):
    return np.clip(x, 0, 255).astype(np.uint8)


if not (np.__version__.startswith('1.24') and cv2.__version__ == '4.6.0' and PIL.__version__ == '9.4.0'):
    print(f'warning: made for OpenCV 4.6.0, NumPy 1.24, Pillow 9.4.0; running with OpenCV {cv2.__version__}, '
          f'NumPy {np.__version__}, Pillow {PIL.__version__}', file=sys.stderr)
clear_fixtures(OUT)


# --------------------------------------------------------------------------------------------
# inputs: crops of real photos (skimage.data) and seeded noise
# --------------------------------------------------------------------------------------------

chelsea, coffee, astronaut, camera = photos()

rng = np.random.default_rng(20240611)


def noise(shape):
    return rng.integers(0, 256, size=shape, dtype=np.uint8)


# 48×64 RGB pair (same shape, two different photos)
P3 = add_input('chelsea_48x64', chelsea[110:158, 200:264], 'skimage.data.chelsea()[110:158, 200:264]')
P3b = add_input('astronaut_48x64', astronaut[100:148, 190:254], 'skimage.data.astronaut()[100:148, 190:254]')
# 61×97 RGB pair (odd sizes)
Q3 = add_input('coffee_61x97', coffee[150:211, 260:357], 'skimage.data.coffee()[150:211, 260:357]')
Q3b = add_input('astronaut_61x97', astronaut[300:361, 140:237], 'skimage.data.astronaut()[300:361, 140:237]')
# 61×97 gray pair, stored 2-D
G1 = add_input('camera_61x97', camera[120:181, 200:297], 'skimage.data.camera()[120:181, 200:297] (2-D)')
G1b = add_input('camera2_61x97', camera[330:391, 260:357], 'skimage.data.camera()[330:391, 260:357] (2-D)')
# 48×64 RGBA pair: photo colours, alpha from another photo
R4 = add_input('rgba_48x64',
               np.dstack([coffee[200:248, 100:164], camera[200:248, 300:364]]),
               'dstack(coffee()[200:248, 100:164], camera()[200:248, 300:364])')
R4b = add_input('rgba2_48x64',
                np.dstack([chelsea[30:78, 300:364], camera[40:88, 40:104]]),
                'dstack(chelsea()[30:78, 300:364], camera()[40:88, 40:104])')
# 48×64 RGB noise pair (full range: exercises saturation in both directions)
N3 = add_input('noise_48x64x3', noise((48, 64, 3)), 'seeded uniform noise')
N3b = add_input('noise2_48x64x3', noise((48, 64, 3)), 'seeded uniform noise')
# every (a, b) byte pair: a[i, j] = i, b[i, j] = j (for rounding/saturation tables)
ii, jj = np.meshgrid(np.arange(256, dtype=np.uint8), np.arange(256, dtype=np.uint8), indexing='ij')
ALLA = add_input('all_rows_256x256', ii, 'a[i, j] = i (2-D)')
ALLB = add_input('all_cols_256x256', jj, 'b[i, j] = j (2-D)')
# tiny and odd shapes, 1, 3 and 4 channels (1-channel ones stored H×W×1)
TINY_SHAPES = [(1, 1), (1, 7), (7, 1), (3, 5), (13, 17)]
TINY = {}
for (h, w) in TINY_SHAPES:
    for c in (1, 3, 4):
        TINY[(h, w, c)] = (add_input(f't{h}x{w}x{c}', noise((h, w, c)), 'seeded uniform noise'),
                           add_input(f't{h}x{w}x{c}_b', noise((h, w, c)), 'seeded uniform noise'))

# masks (H×W×1): 0, 255 and other nonzero values
def make_mask(gray):
    """0 over the darker ~40% and the first 3 columns, 255 over the brightest ~30%, and the pixel's
    own (nonzero) gray value in between: zero, 255 and other nonzero values all occur."""
    lo, hi = np.percentile(gray, [40, 70])
    m = np.maximum(gray, 1).astype(np.uint8)
    m[gray <= lo] = 0
    m[gray > hi] = 255
    m[:, :3] = 0
    return m[:, :, None]


M48 = add_input('mask_48x64', make_mask(camera[260:308, 180:244]),
                'from camera()[260:308, 180:244]: 0, 255 and other nonzero values; H×W×1')
M61 = add_input('mask_61x97', make_mask(camera[40:101, 380:477]),
                'from camera()[40:101, 380:477]: 0, 255 and other nonzero values; H×W×1')
M13 = add_input('mask_13x17', make_mask(camera[250:263, 250:267]),
                'from camera()[250:263, 250:267]: 0, 255 and other nonzero values; H×W×1')

PAIRS = [  # (a, b, tag)
    (P3, P3b, 'photo48x64x3'),
    (Q3, Q3b, 'photo61x97x3'),
    (G1, G1b, 'gray61x97'),
    (R4, R4b, 'rgba48x64'),
    (N3, N3b, 'noise48x64x3'),
] + [(a, b, f't{h}x{w}x{c}') for (h, w, c), (a, b) in TINY.items()]


# --------------------------------------------------------------------------------------------
# arithmetic: addSaturate, subtractSaturate, addModulo, subtractModulo, absdiff
# --------------------------------------------------------------------------------------------

for a, b, tag in PAIRS:
    A, B = img(a), img(b)
    case('addSaturate', [a, b], lambda x, y: cv2.add(x, y), [A, B], 'cv2.add(a, b)', tag=tag)
    case('subtractSaturate', [a, b], lambda x, y: cv2.subtract(x, y), [A, B], 'cv2.subtract(a, b)', tag=tag)
    case('addModulo', [a, b], lambda x, y: x + y, [A, B], 'a + b (numpy uint8, wraps)', tag=tag)
    case('subtractModulo', [a, b], lambda x, y: x - y, [A, B], 'a - b (numpy uint8, wraps)', tag=tag)
    case('absdiff', [a, b], lambda x, y: cv2.absdiff(x, y), [A, B], 'cv2.absdiff(a, b)', tag=tag)
# Scalars. A number means every channel in pixelarray; cv2.add(img, 5) would add to channel 0 only
# (a Python number becomes Scalar(5, 0, 0, 0)), so number cases are NumPy, and checked against
# cv2 with the number repeated in a Scalar. A per-channel list is an OpenCV Scalar.
def scalar_cases(a, tag, numbers, lists):
    A = as3(img(a))
    ch = A.shape[2]
    for v in numbers:
        def add_num(x, v=v):
            r = sat(as3(x).astype(np.int64) + v)
            assert np.array_equal(as3(cv2.add(x, (v,) * 4)), r)
            return r
        def sub_num(x, v=v):
            r = sat(as3(x).astype(np.int64) - v)
            assert np.array_equal(as3(cv2.subtract(x, (v,) * 4)), r)
            return r
        case('addSaturate', [a, v], add_num, [A], f'np.clip(a.astype(int) + {v}, 0, 255)', tag=f'{tag}_num')
        case('subtractSaturate', [a, v], sub_num, [A], f'np.clip(a.astype(int) - {v}, 0, 255)', tag=f'{tag}_num')
        case('addModulo', [a, v], lambda x, v=v: ((as3(x).astype(np.int64) + v) % 256).astype(np.uint8), [A],
             f'((a.astype(int) + {v}) % 256).astype(uint8)', tag=f'{tag}_num')
        case('subtractModulo', [a, v], lambda x, v=v: ((as3(x).astype(np.int64) - v) % 256).astype(np.uint8), [A],
             f'((a.astype(int) - {v}) % 256).astype(uint8)', tag=f'{tag}_num')
    for v in lists:
        assert len(v) == ch
        s = cv_scalar(v)
        def add_list(x, v=v, s=s):
            r = cv2.add(x, s)
            assert np.array_equal(as3(r), sat(as3(x).astype(np.int64) + np.array(v)))
            return r
        def sub_list(x, v=v, s=s):
            r = cv2.subtract(x, s)
            assert np.array_equal(as3(r), sat(as3(x).astype(np.int64) - np.array(v)))
            return r
        case('addSaturate', [a, v], add_list, [A], f'cv2.add(a, {s})', tag=f'{tag}_list')
        case('subtractSaturate', [a, v], sub_list, [A], f'cv2.subtract(a, {s})', tag=f'{tag}_list')
        case('addModulo', [a, v], lambda x, v=v: ((as3(x).astype(np.int64) + np.array(v)) % 256).astype(np.uint8),
             [A], f'((a.astype(int) + {v}) % 256).astype(uint8)', tag=f'{tag}_list')
        case('subtractModulo', [a, v], lambda x, v=v: ((as3(x).astype(np.int64) - np.array(v)) % 256).astype(np.uint8),
             [A], f'((a.astype(int) - {v}) % 256).astype(uint8)', tag=f'{tag}_list')


scalar_cases(P3, 'photo48x64x3', [50, 200, -30], [[10, -20, 300]])
scalar_cases(TINY[(13, 17, 3)][0], 't13x17x3', [255, 0, -255], [[0, 255, 128]])
scalar_cases(N3, 'noise48x64x3', [128], [[-1, 1, 254]])
scalar_cases(G1, 'gray61x97', [40, -40], [[40]])
scalar_cases(R4, 'rgba48x64', [77], [[5, 6, 7, 8], [-100, 0, 100, 255]])
scalar_cases(TINY[(1, 7, 4)][0], 't1x7x4', [100], [[1, 2, 3, -4]])
scalar_cases(TINY[(7, 1, 3)][0], 't7x1x3', [-100], [[255, -255, 0]])

# absdiff with a scalar operand: cv2.absdiff with a Scalar (number: repeated in every channel)
for a, v, tag in [(P3, 100, 'photo48x64x3_num'), (P3, [10, -20, 300], 'photo48x64x3_list'),
                  (G1, 128, 'gray61x97_num'), (R4, [0, 64, 128, 255], 'rgba48x64_list')]:
    s = (v,) * 4 if isinstance(v, int) else cv_scalar(v)
    case('absdiff', [a, v], lambda x, s=s: cv2.absdiff(x, s), [img(a)], f'cv2.absdiff(a, {s})', tag=tag)


# --------------------------------------------------------------------------------------------
# multiplySaturate, addWeighted, convertScaleAbs
# --------------------------------------------------------------------------------------------

SCALES = [1, 1 / 255, 0.5, 2.5, 0.1]
for a, b, tag in [(P3, P3b, 'photo48x64x3'), (N3, N3b, 'noise48x64x3'), (G1, G1b, 'gray61x97'),
                  (R4, R4b, 'rgba48x64'), (ALLA, ALLB, 'allpairs')]:
    for s in SCALES:
        if tag == 'allpairs' and s in (1, 2.5):
            continue   # every (a, b) byte pair: the table that catches float rounding slips
        if tag in ('gray61x97', 'rgba48x64') and s not in (1, 0.1):
            continue
        case('multiplySaturate', [a, b, s], lambda x, y, s=s: cv2.multiply(x, y, scale=s), [img(a), img(b)],
             f'cv2.multiply(a, b, scale={s!r})', tag=tag)
for a, b, tag in [(P3, P3b, 'photo48x64x3_default'), (TINY[(13, 17, 3)][0], TINY[(13, 17, 3)][1], 't13x17x3'),
                  (TINY[(1, 7, 1)][0], TINY[(1, 7, 1)][1], 't1x7x1')]:
    case('multiplySaturate', [a, b], lambda x, y: cv2.multiply(x, y), [img(a), img(b)], 'cv2.multiply(a, b)', tag=tag)
# Scalar operand: cv2.multiply with a Scalar (number: repeated in every channel). Note: with a
# Scalar, OpenCV computes in float64, (a * scale) * b, rounding half to even; image×image is float32.
for a, v, s, tag in [(P3, [2, 3, 0.5], 1, 'photo48x64x3_list'), (P3, [2, 3, 0.5], 0.1, 'photo48x64x3_list'),
                     (N3, [0.7, 1.1, 1 / 3], 1, 'noise48x64x3_list'), (N3, [0.7, 1.1, 1 / 3], 2.5, 'noise48x64x3_list'),
                     (P3, 2, 1, 'photo48x64x3_num'), (G1, 0.5, 1, 'gray61x97_num'),
                     (R4, [1.5, 0.25, 4, 1], 1, 'rgba48x64_list')]:
    sc = (v,) * 4 if not isinstance(v, list) else cv_scalar(v)
    args = [a, v] if s == 1 else [a, v, s]
    ref = f'cv2.multiply(a, {sc})' if s == 1 else f'cv2.multiply(a, {sc}, scale={s!r})'
    fn = (lambda x, sc=sc: cv2.multiply(x, sc)) if s == 1 else (lambda x, sc=sc, s=s: cv2.multiply(x, sc, scale=s))
    case('multiplySaturate', args, fn, [img(a)], ref, tag=tag)

for a, b, tag in [(P3, P3b, 'photo48x64x3'), (G1, G1b, 'gray61x97'), (R4, R4b, 'rgba48x64'),
                  (N3, N3b, 'noise48x64x3'), (TINY[(3, 5, 3)][0], TINY[(3, 5, 3)][1], 't3x5x3')]:
    for al, be, ga in [(0.7, 0.3, 0), (0.5, 0.5, 10), (1.5, -0.5, 20), (0.25, 0.25, -5.5)]:
        if tag in ('rgba48x64', 'noise48x64x3') and ga in (0, 10):
            continue
        case('addWeighted', [a, al, b, be, ga], lambda x, y, al=al, be=be, ga=ga: cv2.addWeighted(x, al, y, be, ga),
             [img(a), img(b)], f'cv2.addWeighted(a, {al}, b, {be}, {ga})', tol=MAXABS1, tag=tag)

for a, tag in [(P3, 'photo48x64x3'), (G1, 'gray61x97'), (R4, 'rgba48x64'), (N3, 'noise48x64x3'),
               (TINY[(7, 1, 4)][0], 't7x1x4'), (TINY[(13, 17, 3)][0], 't13x17x3')]:
    for al, be in [(1.5, -20), (-1, 0), (0.5, 10.25), (-2.5, 100), (3, -300)]:
        if tag in ('rgba48x64', 'noise48x64x3') and (al, be) not in ((1.5, -20), (-2.5, 100)):
            continue
        case('convertScaleAbs', [a, al, be], lambda x, al=al, be=be: cv2.convertScaleAbs(x, alpha=al, beta=be),
             [img(a)], f'cv2.convertScaleAbs(a, alpha={al}, beta={be})', tol=MAXABS1, tag=tag)
for a, tag in [(P3, 'photo48x64x3'), (G1, 'gray61x97')]:
    case('convertScaleAbs', [a], lambda x: cv2.convertScaleAbs(x), [img(a)], 'cv2.convertScaleAbs(a)',
         tol=MAXABS1, tag=f'{tag}_default')
    case('convertScaleAbs', [a, 1.2], lambda x: cv2.convertScaleAbs(x, alpha=1.2), [img(a)],
         'cv2.convertScaleAbs(a, alpha=1.2)', tol=MAXABS1, tag=f'{tag}_alphaonly')


# --------------------------------------------------------------------------------------------
# bitwise: bitwiseAnd/Or/Xor/Not, with and without mask (where the mask is 0 the output is 0:
# cv2 clears a newly allocated destination before a masked operation)
# --------------------------------------------------------------------------------------------

BITWISE = [('bitwiseAnd', cv2.bitwise_and, 'cv2.bitwise_and'), ('bitwiseOr', cv2.bitwise_or, 'cv2.bitwise_or'),
           ('bitwiseXor', cv2.bitwise_xor, 'cv2.bitwise_xor')]
for a, b, tag in [(P3, P3b, 'photo48x64x3'), (G1, G1b, 'gray61x97'), (R4, R4b, 'rgba48x64'),
                  (TINY[(1, 1, 1)][0], TINY[(1, 1, 1)][1], 't1x1x1'),
                  (TINY[(13, 17, 3)][0], TINY[(13, 17, 3)][1], 't13x17x3'),
                  (TINY[(1, 7, 4)][0], TINY[(1, 7, 4)][1], 't1x7x4')]:
    for call, f, ref in BITWISE:
        case(call, [a, b], lambda x, y, f=f: f(x, y), [img(a), img(b)], f'{ref}(a, b)', tag=tag)
    case('bitwiseNot', [a], lambda x: cv2.bitwise_not(x), [img(a)], 'cv2.bitwise_not(a)', tag=tag)
for a, b, m, tag in [(P3, P3b, M48, 'photo48x64x3'), (R4, R4b, M48, 'rgba48x64'), (G1, G1b, M61, 'gray61x97'),
                     (Q3, Q3b, M61, 'photo61x97x3'),
                     (TINY[(13, 17, 1)][0], TINY[(13, 17, 1)][1], M13, 't13x17x1'),
                     (TINY[(13, 17, 4)][0], TINY[(13, 17, 4)][1], M13, 't13x17x4')]:
    for call, f, ref in BITWISE:
        case(call, [a, b, {'mask': m}], lambda x, y, mm, f=f: f(x, y, mask=mm), [img(a), img(b), img(m)],
             f'{ref}(a, b, mask=mask)', tag=f'{tag}_mask')
    case('bitwiseNot', [a, {'mask': m}], lambda x, mm: cv2.bitwise_not(x, mask=mm), [img(a), img(m)],
         'cv2.bitwise_not(a, mask=mask)', tag=f'{tag}_mask')


# --------------------------------------------------------------------------------------------
# channels and stacking: split, merge, concat
# --------------------------------------------------------------------------------------------

for a, tag in [(P3, 'photo48x64x3'), (Q3, 'photo61x97x3'), (R4, 'rgba48x64'), (G1, 'gray61x97'),
               (TINY[(1, 1, 3)][0], 't1x1x3'), (TINY[(7, 1, 4)][0], 't7x1x4'), (TINY[(1, 7, 1)][0], 't1x7x1')]:
    case('split', [a], lambda x: [as3(p) for p in cv2.split(x)], [img(a)], 'cv2.split(a) (each H×W×1)', tag=tag)

# np.split(a, sections, axis) on the H×W×C array (48×64×3 photo, 61×97×3, 48×64×4, 13×17×4)
for a, sec, axis, tag in [
        (P3, 4, 0, 'photo48x64x3'), (P3, 2, 1, 'photo48x64x3'), (P3, 3, 2, 'photo48x64x3'),
        (P3, 1, 0, 'photo48x64x3'), (R4, 2, 2, 'rgba48x64'), (R4, 4, 2, 'rgba48x64'),
        (TINY[(13, 17, 3)][0], 13, 0, 't13x17x3'), (TINY[(13, 17, 3)][0], 17, 1, 't13x17x3'),
        (P3, [10, 30], 0, 'photo48x64x3'), (P3, [5, 20, 60], 1, 'photo48x64x3'), (P3, [1], 2, 'photo48x64x3'),
        (R4, [1, 3], 2, 'rgba48x64'), (G1, [0, 61], 0, 'gray61x97_edges'),
        (G1, [20, 200], 1, 'gray61x97_beyond'), (G1, [40, 10], 1, 'gray61x97_decreasing'),
        (G1, [], 0, 'gray61x97_empty_list'), (Q3, [30], 0, 'photo61x97x3'),
        (TINY[(13, 17, 4)][0], [3, 3, 8], 0, 't13x17x4_repeated')]:
    ref = f'np.split(a, {sec}, axis={axis})'
    case('split', [a, sec, axis], lambda x, sec=sec, axis=axis: np.split(as3(x), sec, axis=axis), [img(a)], ref,
         tag=f'{tag}_axis{axis}')

# merge: lists of H×W×1 inputs (channels of the photos, stored 2-D as cv2.split gives them)
def channels_of(a, name):
    x = as3(inputs[a['$img']])
    return [add_input(f'ch_{name}_{k}', x[:, :, k], f'channel {k} of {a["$img"]} (2-D)') for k in range(x.shape[2])]


CH_P3 = channels_of(P3, 'chelsea_48x64')
CH_R4 = channels_of(R4, 'rgba_48x64')
CH_T = channels_of(TINY[(13, 17, 3)][0], 't13x17x3')
CH_T1 = channels_of(TINY[(1, 1, 4)][0], 't1x1x4')
for lst, tag in [(CH_P3, 'photo48x64_3'), (CH_R4, 'rgba48x64_4'), (CH_T, 't13x17_3'), (CH_T1, 't1x1_4'),
                 ([CH_P3[2], CH_P3[1], CH_P3[0]], 'photo48x64_reversed'), ([CH_P3[0]], 'photo48x64_1'),
                 ([CH_P3[0], CH_R4[3]], 'mixed48x64_2'), ([G1, G1b, G1], 'gray61x97_3')]:
    case('merge', [lst], lambda *xs: cv2.merge(list(xs)), [img(r) for r in lst], 'cv2.merge(channels)', tag=tag)
# cv2.merge also takes multi-channel inputs (channels are concatenated)
case('merge', [[P3, CH_R4[3]]], lambda x, y: cv2.merge([x, y]), [img(P3), img(CH_R4[3])],
     'cv2.merge([rgb, alpha]) (a 3-channel input)', tag='rgb_plus_alpha')

for lst, axis, tag in [
        ([P3, P3b], 0, 'photo48x64x3'), ([P3, P3b], 1, 'photo48x64x3'), ([P3, P3b], 2, 'photo48x64x3'),
        ([P3, P3b, P3], None, 'photo48x64x3_default'),
        ([TINY[(3, 5, 3)][0], TINY[(3, 5, 3)][1], TINY[(3, 5, 3)][0]], 1, 't3x5x3_three'),
        ([G1, G1b], 2, 'gray61x97'), ([G1, Q3], 2, 'gray_plus_rgb'),
        ([TINY[(13, 17, 4)][0], TINY[(13, 17, 4)][1]], 1, 't13x17x4'), ([P3], 0, 'single'),
        ([TINY[(1, 7, 3)][0], TINY[(1, 7, 3)][1], TINY[(1, 7, 3)][0]], 0, 't1x7x3'),
        ([TINY[(7, 1, 1)][0], TINY[(7, 1, 1)][1]], 1, 't7x1x1'),
        ([TINY[(1, 1, 1)][0], TINY[(1, 1, 3)][0]], 2, 't1x1_1_3'),
        ([TINY[(3, 5, 4)][0], TINY[(3, 5, 4)][1]], 0, 't3x5x4')]:
    args = [lst] if axis is None else [lst, axis]
    ax = 0 if axis is None else axis
    ref = 'np.concatenate(arrays)' if axis is None else f'np.concatenate(arrays, axis={axis})'
    case('concat', args, lambda *xs, ax=ax: np.concatenate([as3(x) for x in xs], axis=ax), [img(r) for r in lst],
         ref, tag=tag)
# different sizes along the joined axis
W17 = add_input('chelsea_48x17', chelsea[200:248, 10:27], 'skimage.data.chelsea()[200:248, 10:27]')
H5 = add_input('coffee_5x64', coffee[10:15, 300:364], 'skimage.data.coffee()[10:15, 300:364]')
case('concat', [[P3, W17], 1], lambda x, y: np.concatenate([x, y], axis=1), [img(P3), img(W17)],
     'np.concatenate(arrays, axis=1)', tag='widths64_17')
case('concat', [[H5, P3, H5], 0], lambda x, y, z: np.concatenate([x, y, z], axis=0), [img(H5), img(P3), img(H5)],
     'np.concatenate(arrays, axis=0)', tag='heights5_48_5')


# --------------------------------------------------------------------------------------------
# geometry: roll, transpose, flip, rot90, crop, paste
# --------------------------------------------------------------------------------------------

# np.roll on the H×W×C array. Lists of axes may repeat an axis (the shifts add up); a number shift
# with a list of axes, or a list of shifts with one axis, broadcast as NumPy does.
ROLLS = [(P3, s, ax, 'photo48x64x3') for s, ax in [
    (50, 1), (-7, 0), (213, 1), (-481, 0), (1, 2), (-2, 2), (5, None), (-1000, None),
    ([3, -7], [0, 1]), ([160, 9, 1], [0, 1, 2]), ([2, 3], [1, 1]), (0, 0), (64, 1), (48, 0)]] + [
    (TINY[(13, 17, 3)][0], s, ax, 't13x17x3') for s, ax in [
    (4, 2), (-3, 2), ([-5, 12, 7], [0, 0, 1]), (3, [0, 1]), ([1, 2], 1), (-226, None), (17, 1)]] + [
    (Q3, [17, -30], [0, 1], 'photo61x97x3'), (Q3, 1, None, 'photo61x97x3'), (G1, 10, 1, 'gray61x97'),
    (G1, 3, 2, 'gray61x97'), (G1, -7, None, 'gray61x97'), (R4, [1, -1], [2, 0], 'rgba48x64'),
    (R4, 9, None, 'rgba48x64'),
    (TINY[(1, 1, 3)][0], [5, 5, 1], [0, 1, 2], 't1x1x3'), (TINY[(1, 7, 3)][0], 3, 1, 't1x7x3'),
    (TINY[(7, 1, 4)][0], -3, 0, 't7x1x4'), (TINY[(3, 5, 1)][0], 4, None, 't3x5x1'),
    (TINY[(13, 17, 4)][0], [2, 3, -1], [1, 1, 2], 't13x17x4')]
for a, shift, axis, tag in ROLLS:
    args = [a, shift] if axis is None else [a, shift, axis]
    ax = tuple(axis) if isinstance(axis, list) else axis
    sh = tuple(shift) if isinstance(shift, list) else shift
    ref = f'np.roll(a, {shift})' if axis is None else f'np.roll(a, {shift}, axis={ax})'
    case('roll', args, lambda x, sh=sh, ax=ax: np.roll(as3(x), sh, axis=ax), [img(a)], ref, tag=tag)

for a, tag in [(P3, 'photo48x64x3'), (G1, 'gray61x97'), (R4, 'rgba48x64'),
               (TINY[(1, 7, 3)][0], 't1x7x3'), (TINY[(7, 1, 1)][0], 't7x1x1'), (TINY[(13, 17, 4)][0], 't13x17x4')]:
    case('transpose', [a], lambda x: np.transpose(as3(x), (1, 0, 2)), [img(a)], 'np.transpose(a, (1, 0, 2))',
         tag=f'{tag}_default')
    for axes in ([0, 1, 2], [1, 0, 2]):
        case('transpose', [a, axes], lambda x, axes=axes: np.transpose(as3(x), axes), [img(a)],
             f'np.transpose(a, {tuple(axes)})', tag=tag)

for a, tag in [(P3, 'photo48x64x3'), (G1, 'gray61x97'), (R4, 'rgba48x64'),
               (TINY[(1, 1, 4)][0], 't1x1x4'), (TINY[(1, 7, 1)][0], 't1x7x1'), (TINY[(7, 1, 3)][0], 't7x1x3'),
               (TINY[(13, 17, 4)][0], 't13x17x4')]:
    for code in (0, 1, -1):
        def flip(x, code=code):
            r = as3(cv2.flip(x, code))
            assert np.array_equal(r, np.flip(as3(x), {0: 0, 1: 1, -1: (0, 1)}[code]))
            return r
        case('flip', [a, code], flip, [img(a)], f'cv2.flip(a, {code})', tag=tag)

for a, tag in [(P3, 'photo48x64x3'), (G1, 'gray61x97'), (R4, 'rgba48x64'), (TINY[(1, 7, 4)][0], 't1x7x4'),
               (TINY[(3, 5, 1)][0], 't3x5x1'), (TINY[(13, 17, 3)][0], 't13x17x3')]:
    for k in (-1, 0, 1, 2, 3, 5, -6):
        if tag in ('photo48x64x3', 'rgba48x64') and k not in (1, 2, -1):
            continue
        case('rot90', [a, k], lambda x, k=k: np.rot90(as3(x), k), [img(a)], f'np.rot90(a, {k})', tag=tag)
    case('rot90', [a], lambda x: np.rot90(as3(x)), [img(a)], 'np.rot90(a)', tag=f'{tag}_default')


# Pillow: mode 'L' for 1 channel, 'RGB' for 3, 'RGBA' for 4
def to_pil(x):
    x = as3(x)
    mode = {1: 'L', 3: 'RGB', 4: 'RGBA'}[x.shape[2]]
    return Image.fromarray(as2(x) if x.shape[2] == 1 else x, mode)


def from_pil(im, channels):
    r = np.asarray(im)
    return r.reshape(r.shape[0], r.shape[1], channels)   # also keeps zero-size shapes 3-D


def pil_crop(x, box):
    return from_pil(to_pil(x).crop(tuple(box)), as3(x).shape[2])


for a, tag in [(Q3, 'photo61x97x3'), (G1, 'gray61x97'), (R4, 'rgba48x64')]:
    h, w = as3(inputs[a['$img']]).shape[:2]
    boxes = [
        ([20, 10, 50, 40], 'inside'), ([0, 0, w, h], 'whole'), ([w - 10, h - 5, w, h], 'corner_br'),
        ([0, 0, 1, 1], 'one_pixel'), ([5, 6, 6, 7], 'one_pixel_inside'),
        ([-10, -5, 30, 20], 'outside_tl'), ([w - 8, 3, w + 12, 15], 'outside_right'),
        ([4, h - 6, 20, h + 9], 'outside_bottom'), ([-3, -4, w + 5, h + 6], 'around'),
        ([w + 5, h + 5, w + 15, h + 12], 'entirely_outside'), ([-20, -20, -5, -2], 'entirely_outside_tl'),
        ([5, 5, 5, 9], 'zero_width'), ([5, 5, 9, 5], 'zero_height'), ([3, 3, 3, 3], 'zero_area'),
    ]
    for box, btag in boxes:
        case('crop', [a, box], lambda x, box=box: pil_crop(x, box), [img(a)], f'Image.crop({tuple(box)})',
             tag=f'{tag}_{btag}')
for (h, w, c) in [(1, 1, 3), (1, 7, 1), (7, 1, 4), (13, 17, 4)]:
    a = TINY[(h, w, c)][0]
    for box, btag in [([0, 0, w, h], 'whole'), ([-1, -1, w + 1, h + 1], 'around'), ([w - 1, h - 1, w, h], 'last')]:
        case('crop', [a, box], lambda x, box=box: pil_crop(x, box), [img(a)], f'Image.crop({tuple(box)})',
             tag=f't{h}x{w}x{c}_{btag}')


def pil_paste(dst, src, pos):
    """Image.paste(src, pos) into dst, written back into the numpy array dst (in place)."""
    c = as3(dst).shape[2]
    im = to_pil(dst)
    im.paste(to_pil(src), tuple(pos))
    as3(dst)[...] = from_pil(im, c)


SRC3 = add_input('astronaut_20x30', astronaut[200:220, 250:280], 'skimage.data.astronaut()[200:220, 250:280]')
SRC3big = add_input('coffee_56x72', coffee[100:156, 100:172], 'skimage.data.coffee()[100:156, 100:172]')
SRC1 = add_input('camera_20x30', camera[50:70, 60:90], 'skimage.data.camera()[50:70, 60:90] (2-D)')
SRC4 = add_input('rgba_20x30', np.dstack([chelsea[20:40, 20:50], camera[400:420, 400:430]]),
                 'dstack(chelsea()[20:40, 20:50], camera()[400:420, 400:430])')
for dst, src, tag in [(P3, SRC3, 'photo48x64x3'), (G1, SRC1, 'gray61x97'), (R4, SRC4, 'rgba48x64')]:
    h, w = as3(inputs[dst['$img']]).shape[:2]
    for pos, ptag in [([10, 20], 'inside'), ([0, 0], 'origin'), ([w - 30, h - 20], 'touching_br'),
                      ([-7, 5], 'clip_left'), ([5, -9], 'clip_top'), ([w - 11, 4], 'clip_right'),
                      ([3, h - 6], 'clip_bottom'), ([-15, -9], 'clip_tl'), ([w - 4, h - 3], 'clip_br'),
                      ([w, 0], 'outside_right'), ([-30, -20], 'outside_tl'), ([200, 300], 'outside_far')]:
        if tag != 'gray61x97' and ptag in ('origin', 'clip_tl', 'outside_far', 'touching_br'):
            continue
        case('paste', [dst, src, pos], lambda d, s, pos=pos: pil_paste(d, s, pos), [img(dst), img(src)],
             f'Image.paste(src, {tuple(pos)}) (in place)', tag=f'{tag}_{ptag}', in_place=True)
for pos, ptag in [([-5, -3], 'src_larger'), ([-20, -6], 'src_larger_shifted')]:
    case('paste', [P3, SRC3big, pos], lambda d, s, pos=pos: pil_paste(d, s, pos), [img(P3), img(SRC3big)],
         f'Image.paste(src, {tuple(pos)}) (in place)', tag=f'photo48x64x3_{ptag}', in_place=True)
for (h, w, c) in [(1, 1, 3), (1, 7, 1), (13, 17, 4)]:
    d, s = TINY[(h, w, c)]
    for pos in ([0, 0], [2, -3], [-1, 0]):
        case('paste', [d, s, pos], lambda dd, ss, pos=pos: pil_paste(dd, ss, pos), [img(d), img(s)],
             f'Image.paste(src, {tuple(pos)}) (in place)', tag=f't{h}x{w}x{c}', in_place=True)


# --------------------------------------------------------------------------------------------
# (later issues: new sections go here, above the writer)
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# write
# --------------------------------------------------------------------------------------------

def main_write():
    fx.write('pixelarray', f'test/golden/generate.py: OpenCV {cv2.__version__}, NumPy {np.__version__}, '
             f'Pillow {PIL.__version__}, scikit-image {skimage.__version__} (photos)', cases)


main_write()
print(f'{len(cases)} cases, {len(inputs)} inputs written to {OUT}')
