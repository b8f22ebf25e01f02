#!/usr/bin/python3
"""Golden fixtures for pixelarray/pillow's rotate, computed by Pillow 9.4.

Run with Debian's python3 (numpy, PIL 9.4, skimage):

    /usr/bin/python3 test/golden/generate_pillow_rotate.py

Writes test/golden/fixtures-pillow/rotate/manifest.json and the .npy files it names (after deleting
the old ones), in the format of test/golden/README.md. test/pillow/rotate.test.ts runs every case
against src/pillow/index.ts on contiguous inputs and on strided views.

Images go to Pillow by channel count: 1 channel 'L' (2-D), 2 'LA', 3 'RGB', 4 'RGBA'
(Image.fromarray), and come back with np.asarray. Every expected output is a Pillow call (its `ref`),
run twice on fresh copies of the input (identical bytes, input untouched).

The cases cover Image.rotate's fast paths (angle % 360 of 0, 180, and 90 / 270 when square or
expanded), every engine of Geometry.c it reaches (nearest: ImagingScaleAffine, the 16.16 fixed
point loop, the float loop beyond ±32768; bilinear and bicubic: ImagingGenericTransform, LA/RGBA
premultiplied), expand, center, translate and fillcolor.
"""
import os

import numpy as np
import PIL
import skimage.data
from PIL import Image

from golden_common import Fixtures, as2, clear_fixtures, folder_size, run_twice

assert PIL.__version__ == '9.4.0', PIL.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures-pillow', 'rotate')
EXACT = {'kind': 'exact'}
MODES = {1: 'L', 2: 'LA', 3: 'RGB', 4: 'RGBA'}
R = Image.Resampling
FILTERS = {'nearest': R.NEAREST, 'bilinear': R.BILINEAR, 'bicubic': R.BICUBIC}

fx = Fixtures(OUT)
cases = []


def pil(a):
    a = as2(a)
    c = 1 if a.ndim == 2 else a.shape[2]
    return Image.fromarray(a, MODES[c])


def rotate_case(image, angle, opts, tag):
    """A case `rotate(image, angle, opts)`: opts in pixelarray's camelCase names; `resample` a name
    (or Pillow's number, passed on as is)."""
    kw = {}
    for k, v in opts.items():
        if k == 'resample':
            kw['resample'] = FILTERS[v.lower()] if isinstance(v, str) else v
        elif k in ('center', 'translate'):
            kw[k] = tuple(v)
        elif k == 'fillcolor':
            kw[k] = tuple(v) if isinstance(v, list) else v
        else:
            kw[k] = v
    n = len(cases) + 1
    r = run_twice(lambda a: np.asarray(pil(a).rotate(angle, **kw)), [fx.img(image)])
    expect = fx.save_image(r, f'x{n:04d}.npy')
    ref = f'im.rotate({angle!r}' + ''.join(f', {k}={v!r}' for k, v in kw.items()) + ')'
    cases.append({'id': f'{n:04d}_rotate_{tag}', 'call': 'rotate', 'args': [image, angle] + ([opts] if opts else []),
                  'expect': expect, 'ref': ref, 'tol': EXACT})


def inputs():
    chelsea, coffee = skimage.data.chelsea(), skimage.data.coffee()
    astro, camera = skimage.data.astronaut(), skimage.data.camera()
    p = {}
    p['photo'] = fx.add_input('chelsea_48x64', chelsea[80:128, 160:224], 'skimage.data.chelsea()[80:128, 160:224]')
    p[1] = fx.add_input('camera_17x23', camera[140:157, 220:243], 'skimage.data.camera()[140:157, 220:243] (2-D)')
    p[3] = fx.add_input('astronaut_17x23', astro[90:107, 200:223], 'skimage.data.astronaut()[90:107, 200:223]')
    alpha = camera[300:317, 100:123].copy()
    alpha[:3, :] = 0      # fully transparent rows
    alpha[-3:, :] = 255   # fully opaque rows
    p[4] = fx.add_input('rgba_17x23', np.dstack([coffee[60:77, 300:323], alpha]),
                        'coffee()[60:77, 300:323] with alpha camera()[300:317, 100:123], rows 0..2 alpha 0, last 3 alpha 255')
    p[2] = fx.add_input('la_17x23', np.dstack([camera[200:217, 300:323], astro[10:27, 10:33, 0]]),
                        'camera()[200:217, 300:323] with alpha astronaut()[10:27, 10:33, 0]')
    p['square'] = fx.add_input('astronaut_16x16', astro[120:136, 240:256], 'skimage.data.astronaut()[120:136, 240:256]')
    rng = np.random.default_rng(20261208)
    t = {}
    for (h, w, c) in [(1, 1, 3), (1, 7, 1), (7, 1, 4), (2, 3, 2), (6, 9, 3)]:
        a = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
        t[(h, w, c)] = fx.add_input(f'n{h}x{w}x{c}', a[:, :, 0] if c == 1 else a, f'seeded uniform noise {h}x{w}x{c}')
    return p, t


def main():
    clear_fixtures(OUT)
    p, t = inputs()
    names = list(FILTERS)

    # Every mode, every filter, with and without expand, over angles that reach each path.
    # (expand changes nothing at 0 and 180: those stay fast paths; at 1e-3 it grows the image by a
    # pixel or two.) LA and RGBA, which only add the premultiplication, take fewer angles.
    angles = {1: [0, 90, 180, 270, -45, 30.5, 359.9, 1e-3, 123.4, -200.75], 2: [90, -45, 30.5, 359.9, 1e-3, -200.75]}
    angles[3], angles[4] = angles[1], angles[2]
    expanded = {1: [90, 270, -45, 30.5, 359.9, 1e-3, 123.4, -200.75], 2: [90, -45]}
    expanded[3], expanded[4] = expanded[1], expanded[2]
    for c in (1, 2, 3, 4):
        for a in angles[c]:
            for f in names:
                rotate_case(p[c], a, {'resample': f}, f'c{c}_{a}_{f}')
                if a in expanded[c]:
                    rotate_case(p[c], a, {'resample': f, 'expand': True}, f'c{c}_{a}_{f}_expand')

    # A 48×64 photo crop.
    for a, f, e in [(30.5, 'bicubic', False), (-12.25, 'bilinear', True), (-45, 'nearest', False), (1e-3, 'bilinear', False),
                    (90, 'bicubic', False)]:
        rotate_case(p['photo'], a, {'resample': f, **({'expand': True} if e else {})}, f'photo_{a}_{f}' + ('_expand' if e else ''))
    rotate_case(p['photo'], 17, {}, 'photo_default')

    # Square: 90 and 270 are transposes with or without expand; 45 expands.
    for a in (90, 270, -90, 450, 45):
        for f in ('nearest', 'bicubic'):
            rotate_case(p['square'], a, {'resample': f}, f'square_{a}_{f}')
    rotate_case(p['square'], 45, {'resample': 'bilinear', 'expand': True}, 'square_45_expand')

    # Angles near the special ones, tiny, huge and negative (Python's %, round(…, 15)).
    for a in (1e-20, -1e-20, 360, -360, 720.25, 1e9 + 0.5, 89.99999999, 180.0000001, 269.9999, -0.0001, 1e-9, 33.333333333):
        for f in names:
            rotate_case(p[1], a, {'resample': f}, f'edge_{a}_{f}')

    # center (no fast path then, even at 0 / 90 / 180) and translate.
    for ctr in ([0, 0], [5.5, 3.25], [-3, 40]):
        for a in (0, 90, 180, 30):
            for f in names:
                rotate_case(p[3], a, {'resample': f, 'center': ctr}, f'center{ctr}_{a}_{f}')
    for f in names:   # pixel centres map onto pixel centres
        rotate_case(p[1], 90, {'resample': f, 'center': [11.5, 8.5]}, f'center[11.5, 8.5]_90_{f}')
        rotate_case(p[1], -90, {'resample': f, 'center': [30, -7], 'expand': True}, f'center[30, -7]_-90_{f}_expand')
    for tr in ([3, -2], [0.5, 0.25], [-2.5, 7], [1000, 0], [0, 0]):
        for a in (0, 45, 180):
            for f in names:
                rotate_case(p[1], a, {'resample': f, 'translate': tr}, f'translate{tr}_{a}_{f}')
    # Output corners beyond ±32768: the float loop of ImagingTransformAffine (all fill here).
    rotate_case(p[3], 10, {'translate': [40000, 3], 'fillcolor': [1, 2, 3]}, 'translate_float_loop')
    rotate_case(p[3], 10, {'translate': [-32770, 0]}, 'translate_float_loop_neg')
    rotate_case(p[3], 0, {'translate': [40000, 3]}, 'translate_far_scale')
    for f in names:
        rotate_case(p[3], 25, {'resample': f, 'center': [2, 3], 'translate': [4, -1], 'expand': True}, f'center_translate_expand_{f}')
        rotate_case(p[4], 205, {'resample': f, 'center': [20, 1.5], 'translate': [-3.5, 2], 'fillcolor': [9, 99, 199, 99]},
                    f'rgba_center_translate_fill_{f}')

    # fillcolor: per-channel arrays, RGBA with 3 values, Pillow's packed numbers, L clipping.
    fills = {1: [128, 300, -5, [77]], 2: [[200, 100], 0x80000040, 7], 3: [[10, 20, 30], 255, 0x00ff00, -1],
             4: [[10, 20, 30, 128], [250, 5, 60], 0x80402010, 255, [0, 0, 0, 0], [255, 255, 255, 255]]}
    for c, fl in fills.items():
        for i, fc in enumerate(fl):
            for f in ('nearest', 'bilinear'):
                rotate_case(p[c], 35, {'resample': f, 'fillcolor': fc}, f'c{c}_fill{i}_{f}')
            rotate_case(p[c], 300, {'resample': 'bicubic', 'fillcolor': fc, 'expand': True}, f'c{c}_fill{i}_expand')
    rotate_case(p[3], 180, {'fillcolor': [1, 2, 3]}, 'fill_fast_path')   # fast path: nothing to fill

    # Pillow's numbers and upper-case names for resample.
    for r, name in ((0, 'num0'), (2, 'num2'), (3, 'num3'), ('BICUBIC', 'upper')):
        rotate_case(p[3], 20, {'resample': r}, f'resample_{name}')

    # Tiny and thin images, noise.
    for (h, w, c), im in t.items():
        for a in (45, 90, 10):
            for f in names:
                for e in (False, True):
                    rotate_case(im, a, {'resample': f, **({'expand': True} if e else {})},
                                f'n{h}x{w}x{c}_{a}_{f}' + ('_expand' if e else ''))

    fx.write('pillow-rotate', 'test/golden/generate_pillow_rotate.py', cases,
             {'reference': f'Pillow {PIL.__version__}, numpy {np.__version__}'})
    print(f'{len(cases)} cases, {folder_size(OUT) / 1024:.0f} KB in {OUT}')


if __name__ == '__main__':
    main()
