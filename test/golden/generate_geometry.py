#!/usr/bin/python3
"""Golden fixtures for pixelarray's resampling: resize, warpAffine, getRotationMatrix2D.

Run with Debian's python3, which has numpy, cv2 (OpenCV 4.6) and skimage:

    /usr/bin/python3 test/golden/generate_geometry.py

Writes test/golden/fixtures/resampling/manifest.json and the .npy files it names (in_*.npy inputs,
x*.npy expected outputs), in the manifest format of test/golden/README.md. Every old .npy there is
deleted first, so the folder always matches this script; two runs give identical files.

Every expected output is a cv2 call (`ref`), run twice on fresh copies of its inputs (same bytes,
inputs untouched). pixelarray's conventions differ from the cv2 call in two documented places, and
the cases say so in `ref`:
- a number as `borderValue` means every channel (cv2 turns a Python number into Scalar(v, 0, 0, 0));
  the reference passes the value repeated (per-channel lists are passed padded to 4);
- cv2.resize INTER_AREA refuses more than 4 channels when the factor is not an integer; pixelarray
  resizes such images as cv2 would each group of up to 4 channels: the reference does exactly that.
"""
import os
import sys

import cv2
import numpy as np
import skimage
import skimage.data

from golden_common import Fixtures, as2, as3, clear_fixtures, folder_size, photos, run_twice

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures', 'resampling')
EXACT = {'kind': 'exact'}

INTER = {'bilinear': cv2.INTER_LINEAR, 'nearest': cv2.INTER_NEAREST, 'area': cv2.INTER_AREA}
BORDER = {'constant': cv2.BORDER_CONSTANT, 'replicate': cv2.BORDER_REPLICATE, 'reflect': cv2.BORDER_REFLECT,
          'reflect101': cv2.BORDER_REFLECT_101, 'wrap': cv2.BORDER_WRAP}
CV_NAME = {'bilinear': 'INTER_LINEAR', 'nearest': 'INTER_NEAREST', 'area': 'INTER_AREA',
           'constant': 'BORDER_CONSTANT', 'replicate': 'BORDER_REPLICATE', 'reflect': 'BORDER_REFLECT',
           'reflect101': 'BORDER_REFLECT_101', 'wrap': 'BORDER_WRAP'}

fx = Fixtures(OUT)
inputs, add_input, save_expect = fx.inputs, fx.add_input, fx.save_image
cases = []


def img(ref):
    return inputs[ref['$img']]


def add_case(call, args, expect, ref, tol=EXACT, tag=''):
    n = len(cases) + 1
    cases.append({'id': f'r{n:03d}_{call}' + (f'_{tag}' if tag else ''), 'call': call, 'args': args,
                  'expect': expect, 'ref': ref, 'tol': tol})
    return n


def shape_tag(a):
    h, w, c = as3(a).shape
    return f'{h}x{w}x{c}'


# ------------------------------------------------------------------------------------------------
# resize
# ------------------------------------------------------------------------------------------------

def cv_resize(a, w, h, interp):
    """cv2.resize; more than 4 channels with a fractional INTER_AREA go 4 channels at a time."""
    a3 = as3(a)
    c = a3.shape[2]

    def one(x):
        return as3(cv2.resize(as2(x), (w, h), interpolation=INTER[interp]))
    sw, sh = a3.shape[1], a3.shape[0]
    fractional_area = interp == 'area' and w <= sw and h <= sh and not (sw % w == 0 and sh % h == 0)
    if c > 4 and fractional_area:
        return np.concatenate([one(np.ascontiguousarray(a3[:, :, k:k + 4])) for k in range(0, c, 4)], axis=2)
    return one(a3)


def resize_case(src, w, h, interp=None, note=''):
    a = img(src)
    it = interp or 'bilinear'
    out = run_twice(lambda x: cv_resize(x, w, h, it), [a])
    args = [src, w, h] if interp is None else [src, w, h, {'interpolation': interp}]
    n = len(cases) + 1
    expect = save_expect(out, f'x{n:03d}.npy')
    ref = f'cv2.resize(a, ({w}, {h}), interpolation=cv2.{CV_NAME[it]})' + (f' [{note}]' if note else '')
    add_case('resize', args, expect, ref, tag=f'{it}_{shape_tag(a)}_to_{h}x{w}')


# ------------------------------------------------------------------------------------------------
# warpAffine
# ------------------------------------------------------------------------------------------------

def warp_case(src, M, w, h, opts=None, tag=''):
    opts = dict(opts or {})
    a = img(src)
    c = as3(a).shape[2]
    interp = opts.get('interpolation', 'bilinear')
    border = opts.get('border', 'constant')
    bv = opts.get('borderValue', 0)
    flags = INTER[interp] | (cv2.WARP_INVERSE_MAP if opts.get('inverseMap') else 0)
    if isinstance(bv, list):
        per = bv if len(bv) == c else bv * c
        assert c <= 4 or len(set(per)) == 1
        cv_bv = tuple((per + [0] * 4)[:4])
    else:
        cv_bv = (bv, bv, bv, bv)  # pixelarray: a number means every channel
    Mn = np.array(M, dtype=np.float64).reshape(2, 3)

    def fn(x):
        return as3(cv2.warpAffine(as2(x), Mn, (w, h), flags=flags, borderMode=BORDER[border], borderValue=cv_bv))
    out = run_twice(fn, [a])
    args = [src, M, w, h] + ([opts] if opts else [])
    n = len(cases) + 1
    expect = save_expect(out, f'x{n:03d}.npy')
    ref = (f'cv2.warpAffine(a, M, ({w}, {h}), flags=cv2.{CV_NAME[interp]}'
           + (' | cv2.WARP_INVERSE_MAP' if opts.get('inverseMap') else '')
           + f', borderMode=cv2.{CV_NAME[border]}, borderValue={cv_bv})')
    add_case('warpAffine', args, expect, ref, tag=tag or f'{interp}_{border}_{shape_tag(a)}')


def rot(center, angle, scale):
    M = cv2.getRotationMatrix2D(center, angle, scale)
    add_case('getRotationMatrix2D', [list(center), angle, scale], M.tolist(),
             f'cv2.getRotationMatrix2D({center}, {angle}, {scale})', tag=f'{angle}deg')
    return M.tolist()


# ------------------------------------------------------------------------------------------------
# inputs
# ------------------------------------------------------------------------------------------------

def main():
    if cv2.__version__ != '4.6.0':
        print(f'warning: made for OpenCV 4.6.0, running {cv2.__version__}', file=sys.stderr)
    clear_fixtures(OUT)

    chelsea, coffee, astronaut, camera = photos()
    rng = np.random.default_rng(20240612)

    def noise(shape):
        return rng.integers(0, 256, size=shape, dtype=np.uint8)

    cat = add_input('chelsea_48x64', chelsea[100:148, 180:244], 'skimage.data.chelsea()[100:148, 180:244]')
    cup = add_input('coffee_37x53', coffee[160:197, 270:323], 'skimage.data.coffee()[160:197, 270:323]')
    astro = add_input('astronaut_36x60', astronaut[120:156, 200:260], 'skimage.data.astronaut()[120:156, 200:260]')
    cam = add_input('camera_31x45', camera[90:121, 230:275], 'skimage.data.camera()[90:121, 230:275] (2-D)')
    cam_even = add_input('camera_40x48', camera[300:340, 200:248], 'skimage.data.camera()[300:340, 200:248] (2-D)')
    rgba = add_input('rgba_30x42', np.dstack([coffee[40:70, 300:342], camera[10:40, 100:142]]),
                     'coffee()[40:70, 300:342] with camera()[10:40, 100:142] as alpha')
    two = add_input('la_20x26', np.dstack([camera[400:420, 60:86], astronaut[20:40, 300:326, 1]]),
                    'camera()[400:420, 60:86] with astronaut()[20:40, 300:326, 1] (2 channels)')
    five = add_input('five_18x22x5', np.dstack([chelsea[30:48, 300:322], coffee[200:218, 100:122, :2]]),
                     'chelsea()[30:48, 300:322] + coffee()[200:218, 100:122, :2] (5 channels)')
    p13 = add_input('noise_13x17x3', noise((13, 17, 3)), 'seeded uniform noise 13×17×3')
    t11 = add_input('noise_1x1x3', noise((1, 1, 3)), 'seeded uniform noise 1×1×3')
    t17 = add_input('noise_1x7x3', noise((1, 7, 3)), 'seeded uniform noise 1×7×3')
    t71 = add_input('noise_7x1', noise((7, 1)), 'seeded uniform noise 7×1 (2-D)')
    t23 = add_input('noise_2x3x4', noise((2, 3, 4)), 'seeded uniform noise 2×3×4')
    # Extremes: a black/white checkerboard catches rounding differences (every ½ tie).
    checker = add_input('checker_16x20x3', (((np.indices((16, 20)).sum(axis=0) % 2) * 255)[:, :, None]
                                            .repeat(3, axis=2)).astype(np.uint8), '16×20 0/255 checkerboard, 3 channels')

    # -------------------------------------------------------------------------------- resize
    for interp in (None, 'nearest', 'area'):
        resize_case(cat, 40, 30, interp)       # fractional downscale
        resize_case(cat, 91, 70, interp)       # fractional upscale
        resize_case(cat, 32, 24, interp)       # exact 2× (INTER_LINEAR runs the area code)
        resize_case(cup, 19, 13, interp)       # odd sizes down
        resize_case(cup, 80, 41, interp)       # odd sizes up
        resize_case(cam, 30, 20, interp)       # gray
        resize_case(cam, 67, 47, interp)       # gray, ×1.5 (rounded)
        resize_case(rgba, 14, 10, interp)      # RGBA, exact 3× down
        resize_case(rgba, 55, 19, interp)      # RGBA, up in x, down in y
        resize_case(two, 13, 31, interp)       # 2 channels, down in x, up in y
        resize_case(five, 11, 9, interp)       # 5 channels, exact 2×
        resize_case(five, 15, 13, interp, note='more than 4 channels: cv2 4 at a time for INTER_AREA' if interp == 'area' else '')
        resize_case(five, 31, 40, interp)      # 5 channels, up
        resize_case(p13, 5, 7, interp)
        resize_case(t11, 5, 3, interp)         # from 1×1
        resize_case(t17, 3, 4, interp)         # from 1×7
        resize_case(t71, 4, 2, interp)         # from 7×1
        resize_case(astro, 1, 1, interp)       # to 1×1
        resize_case(astro, 60, 1, interp)      # to one row
        resize_case(astro, 1, 36, interp)      # to one column
        resize_case(checker, 30, 24, interp)   # ×1.5 of 0/255 ties
        resize_case(checker, 7, 5, interp)
    resize_case(cat, 64, 48)                      # same size: a copy
    resize_case(cam_even, 16, 10, 'area')         # integer factors 3×4 (float rounding of the box mean)
    resize_case(cam_even, 12, 10)                 # bilinear, integer factor 4 (not 2: no area switch)
    resize_case(cam_even, 144, 120)               # bilinear ×3 (every third weight zero)
    resize_case(cam_even, 24, 20, 'area')         # 2× gray, (sum + 2) >> 2
    resize_case(two, 13, 10, 'area')              # 2× with 2 channels: half to even
    resize_case(t23, 6, 4)                        # ×2 up
    resize_case(t23, 9, 6, 'area')                # area ×3 up

    # -------------------------------------------------------------------------------- rotation matrices
    m15 = rot((32.0, 24.0), 15, 1.0)
    m90 = rot((30.0, 18.0), 90, 1.0)
    m30 = rot((26.5, 18.25), -30, 0.8)
    m45 = rot((0.0, 0.0), 45, 1.3)
    m200 = rot((12.3, 7.7), 200.0, 0.5)
    rot((100.0, 80.0), -63, 1.0)                 # an angle where a naive Math.cos is off by one ulp

    # -------------------------------------------------------------------------------- warpAffine
    shift = [[1.0, 0.0, 3.25], [0.0, 1.0, -2.5]]
    shear = [[1.1, 0.25, -4.0], [-0.15, 0.9, 3.0]]
    zoom = [[2.5, 0.0, -10.0], [0.0, 1.75, -5.0]]
    for interp in ('bilinear', 'nearest'):
        for border in ('constant', 'replicate', 'reflect', 'reflect101', 'wrap'):
            warp_case(cat, m15, 64, 48, {'interpolation': interp, 'border': border})
        warp_case(cup, m30, 53, 37, {'interpolation': interp, 'border': 'reflect101'})
        warp_case(cam, shear, 45, 31, {'interpolation': interp})
        warp_case(rgba, m90, 42, 30, {'interpolation': interp, 'borderValue': [10, 200, 30, 255]})
        warp_case(two, zoom, 26, 20, {'interpolation': interp, 'border': 'wrap'})
        warp_case(five, shift, 22, 18, {'interpolation': interp, 'border': 'replicate'})
        warp_case(five, m200, 22, 18, {'interpolation': interp, 'borderValue': 77})
        warp_case(p13, m45, 20, 20, {'interpolation': interp, 'border': 'reflect'})
        warp_case(t11, shift, 4, 3, {'interpolation': interp, 'borderValue': [1, 2, 3]})
        warp_case(t11, shift, 4, 3, {'interpolation': interp, 'border': 'replicate'})
        warp_case(t17, m30, 9, 4, {'interpolation': interp, 'border': 'reflect101'})
        warp_case(t71, shear, 3, 9, {'interpolation': interp, 'border': 'wrap'})
        warp_case(astro, shift, 60, 36, {'interpolation': interp, 'inverseMap': True}, tag=f'{interp}_inverse_map')
        warp_case(checker, [[0.75, 0.1, 1.5], [0.05, 0.8, 0.25]], 20, 16, {'interpolation': interp})
    warp_case(cat, m15, 64, 48)                                       # all defaults
    warp_case(astro, m45, 70, 50, {'borderValue': 255.6}, tag='border_value_rounds')
    warp_case(astro, [[1.0, 0.0, 1000.0], [0.0, 1.0, 0.0]], 60, 36, {'borderValue': [5, 6, 7]}, tag='far_outside')
    warp_case(astro, [[1.0, 0.0, -70000.5], [0.0, 1.0, 3.0]], 60, 36, {'border': 'reflect'}, tag='far_reflect')
    warp_case(cup, [[0.0, 0.0, 3.0], [0.0, 0.0, 4.0]], 10, 8, tag='singular')
    warp_case(cam, zoom, 90, 62, {'border': 'reflect101'}, tag='zoom_larger_output')
    warp_case(cat, [1.0, 0.2, -3.0, 0.1, 0.9, 2.0], 50, 40, tag='flat_matrix')

    write()


def write():
    fx.write('pixelarray resampling', f'test/golden/generate_geometry.py: OpenCV {cv2.__version__}, '
             f'NumPy {np.__version__}, scikit-image {skimage.__version__} (photos)', cases)
    size = folder_size(OUT)
    print(f'{len(cases)} cases, {len(inputs)} inputs, {size / 1024:.0f} KiB written to {OUT}')


if __name__ == '__main__':
    main()
