#!/usr/bin/python3
"""Golden fixtures for pixelarray/pillow's resample family, computed by Pillow 9.4.

Run with Debian's python3 (numpy, PIL 9.4, skimage):

    /usr/bin/python3 test/golden/generate_pillow_resample.py

Writes test/golden/fixtures-pillow/resample/manifest.json and the .npy files it names (after deleting
the old ones), in the format of test/golden/README.md. test/pillow/golden-resample.test.ts runs every
case against src/pillow/index.ts on contiguous inputs and on strided views.

Images go to Pillow by channel count: 1 channel 'L' (2-D), 2 'LA', 3 'RGB', 4 'RGBA'
(Image.fromarray), and come back with np.asarray. Every expected output is a Pillow call (its `ref`),
run twice on fresh copies of the input (identical bytes, input untouched).
"""
import os

import numpy as np
import PIL
import skimage.data
from PIL import Image

from golden_common import Fixtures, as2, as3, clear_fixtures, folder_size, run_twice

assert PIL.__version__ == '9.4.0', PIL.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures-pillow', 'resample')
EXACT = {'kind': 'exact'}
MODES = {1: 'L', 2: 'LA', 3: 'RGB', 4: 'RGBA'}
R = Image.Resampling
FILTERS = {'nearest': R.NEAREST, 'box': R.BOX, 'bilinear': R.BILINEAR, 'hamming': R.HAMMING,
           'bicubic': R.BICUBIC, 'lanczos': R.LANCZOS}
T = Image.Transpose

fx = Fixtures(OUT)
cases = []


def pil(a):
    a = as2(a)
    c = 1 if a.ndim == 2 else a.shape[2]
    return Image.fromarray(a, MODES[c])


def back(im):
    return np.asarray(im)


def case(call, image, rest, fn, ref, tag=''):
    n = len(cases) + 1
    r = run_twice(lambda a: back(fn(pil(a))), [fx.img(image)])
    expect = fx.save_image(r, f'x{n:04d}.npy')
    cases.append({'id': f'{n:04d}_{call}' + (f'_{tag}' if tag else ''), 'call': call,
                  'args': [image, *rest], 'expect': expect, 'ref': ref, 'tol': EXACT})


def inputs():
    chelsea, coffee = skimage.data.chelsea(), skimage.data.coffee()
    astro, camera = skimage.data.astronaut(), skimage.data.camera()
    p = {}
    p[3] = fx.add_input('chelsea_48x64', chelsea[80:128, 160:224], 'skimage.data.chelsea()[80:128, 160:224]')
    p['rgb2'] = fx.add_input('astronaut_37x53', astro[40:77, 180:233], 'skimage.data.astronaut()[40:77, 180:233]')
    p[1] = fx.add_input('camera_50x61', camera[120:170, 200:261], 'skimage.data.camera()[120:170, 200:261] (2-D)')
    alpha = camera[300:340, 100:156].copy()
    alpha[:8, :] = 0      # fully transparent rows
    alpha[-6:, :] = 255   # fully opaque rows
    p[4] = fx.add_input('rgba_40x56', np.dstack([coffee[60:100, 300:356], alpha]),
                        'coffee()[60:100, 300:356] with alpha camera()[300:340, 100:156], rows 0..7 alpha 0, last 6 alpha 255')
    p[2] = fx.add_input('la_33x29', np.dstack([camera[200:233, 300:329], astro[10:43, 10:39, 0]]),
                        'camera()[200:233, 300:329] with alpha astronaut()[10:43, 10:39, 0]')
    p['small'] = fx.add_input('astronaut_20x30', astro[100:120, 220:250], 'skimage.data.astronaut()[100:120, 220:250]')
    rng = np.random.default_rng(20261207)
    t = {}
    for (h, w) in [(1, 1), (1, 7), (7, 1), (3, 5), (13, 17)]:
        for c in (1, 2, 3, 4):
            a = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
            t[(h, w, c)] = fx.add_input(f'n{h}x{w}x{c}', a[:, :, 0] if c == 1 else a, f'seeded uniform noise {h}x{w}x{c}')
    return p, t


def resize_case(image, size, opts, tag):
    o = dict(opts)
    resample = o.get('resample', 'bicubic')
    kw = {'resample': FILTERS[resample]}
    if 'box' in o:
        kw['box'] = tuple(o['box'])
    if 'reducingGap' in o:
        kw['reducing_gap'] = o['reducingGap']
    ref = f'im.resize({tuple(size)}, {", ".join(f"{k}={v!r}" for k, v in kw.items())})'
    case('resize', image, [list(size)] + ([o] if o else []), lambda im: im.resize(tuple(size), **kw), ref, tag)


def main():
    clear_fixtures(OUT)
    p, t = inputs()
    names = list(FILTERS)

    # resize: every filter on every mode, down and up, odd ratios
    for c in (1, 2, 3, 4):
        for f in names:
            resize_case(p[c], (23, 17), {'resample': f}, f'c{c}_{f}_down')
            resize_case(p[c], (41, 9), {'resample': f}, f'c{c}_{f}_mixed')
    for f in names:
        resize_case(p['rgb2'], (45, 29), {'resample': f}, f'rgb_{f}_up')
        resize_case(p['rgb2'], (5, 4), {'resample': f}, f'rgb_{f}_tiny')
        resize_case(p[3], (64, 9), {'resample': f}, f'rgb_{f}_vonly_h')   # vertical pass only
        resize_case(p[1], (13, 50), {'resample': f}, f'gray_{f}_honly')   # horizontal pass only
    resize_case(p[3], (33, 24), {}, 'default_bicubic')
    # numbers for the filters
    for num, f in [(0, 'nearest'), (1, 'lanczos'), (2, 'bilinear'), (3, 'bicubic'), (4, 'box'), (5, 'hamming')]:
        n = len(cases) + 1
        kw = {'resample': FILTERS[f]}
        r = run_twice(lambda a: back(pil(a).resize((19, 11), **kw)), [fx.img(p[3])])
        cases.append({'id': f'{n:04d}_resize_num{num}', 'call': 'resize', 'args': [p[3], [19, 11], {'resample': num}],
                      'expect': fx.save_image(r, f'x{n:04d}.npy'), 'ref': f'im.resize((19, 11), resample={num})', 'tol': EXACT})
    # tiny and odd inputs
    for (h, w, c), im in t.items():
        for f in ('nearest', 'bilinear', 'bicubic', 'lanczos'):
            resize_case(im, (5, 3), {'resample': f}, f'n{h}x{w}x{c}_{f}')
        resize_case(im, (w + 4, h + 3), {'resample': 'hamming'}, f'n{h}x{w}x{c}_up')
        resize_case(im, (w, h), {}, f'n{h}x{w}x{c}_same')
    # box
    boxes = [(5.5, 3.25, 40.75, 30.5), (0, 0, 20, 10), (10, 7, 43, 31), (12.3, 0.7, 12.9, 20.1), (1, 2, 64, 48)]
    for c in (1, 3, 4):
        for i, b in enumerate(boxes):
            for f in ('nearest', 'bilinear', 'bicubic', 'lanczos', 'box'):
                b2 = b if c == 3 else (b[0], b[1], min(b[2], 56 if c == 4 else 61), min(b[3], 40 if c == 4 else 48))
                resize_case(p[c], (11, 9), {'resample': f, 'box': list(b2)}, f'c{c}_box{i}_{f}')
    resize_case(p[3], (33, 24), {'box': [10, 7, 43, 31]}, 'box_crop')   # integer box of exactly the size: a crop
    resize_case(p[4], (33, 24), {'box': [10, 7, 43, 31]}, 'box_crop_rgba')
    resize_case(p[4], (33, 24), {'resample': 'nearest', 'box': [10, 7, 43, 31]}, 'box_crop_rgba_nearest')
    # reducing_gap
    for c in (1, 2, 3, 4):
        for gap in (1.0, 1.5, 2.0, 3.0):
            for f in ('bicubic', 'lanczos', 'box', 'bilinear'):
                resize_case(p[c], (11, 7), {'resample': f, 'reducingGap': gap}, f'c{c}_gap{gap}_{f}')
    resize_case(p[3], (9, 20), {'reducingGap': 1.0, 'box': [3.5, 2, 60, 45.5]}, 'gap_box')
    resize_case(p[3], (7, 5), {'resample': 'nearest', 'reducingGap': 2.0}, 'gap_nearest')
    resize_case(p[1], (13, 48), {'reducingGap': 2.0}, 'gap_one_axis')

    # reduce
    for c in (1, 2, 3, 4):
        for fct in (2, 3, 4, 5, 7, [2, 3], [1, 3], [3, 1], [6, 4]):
            f2 = tuple(fct) if isinstance(fct, list) else fct
            case('reduce', p[c], [fct], lambda im, f2=f2: im.reduce(f2), f'im.reduce({f2!r})', f'c{c}_{fct}')
    for c in (1, 3, 4):
        case('reduce', p[c], [3, {'box': [5, 4, 38, 29]}], lambda im: im.reduce(3, box=(5, 4, 38, 29)),
             'im.reduce(3, box=(5, 4, 38, 29))', f'c{c}_box')
        case('reduce', p[c], [1, {'box': [5, 4, 38, 29]}], lambda im: im.reduce(1, box=(5, 4, 38, 29)),
             'im.reduce(1, box=(5, 4, 38, 29))', f'c{c}_box_f1')
    for (h, w, c), im in t.items():
        case('reduce', im, [[2, 3]], lambda i: i.reduce((2, 3)), 'im.reduce((2, 3))', f'n{h}x{w}x{c}')

    # thumbnail (in place in Pillow: the reference copies first)
    def thumb(image, size, opts, tag):
        kw = {}
        if 'resample' in opts:
            kw['resample'] = FILTERS[opts['resample']]
        if 'reducingGap' in opts:
            kw['reducing_gap'] = opts['reducingGap']

        def fn(im):
            im = im.copy()
            im.thumbnail(size, **kw)
            return im
        case('thumbnail', image, [list(size)] + ([opts] if opts else []), fn,
             f'im.thumbnail({size!r}, {", ".join(f"{k}={v!r}" for k, v in kw.items())})', tag)

    for c in (1, 2, 3, 4):
        thumb(p[c], (16, 16), {}, f'c{c}_16')
        thumb(p[c], (30, 7), {'resample': 'lanczos'}, f'c{c}_30x7')
    thumb(p[3], (100, 100), {}, 'no_enlarge')
    thumb(p[3], (64, 10), {'reducingGap': None}, 'nogap')
    thumb(p[3], (21, 100), {'resample': 'nearest'}, 'nearest')
    thumb(p['rgb2'], (10, 3), {'resample': 'box', 'reducingGap': 3.0}, 'gap3')
    thumb(p[1], (7, 7), {'resample': 'hamming', 'reducingGap': 1.0}, 'gap1')
    thumb(t[(13, 17, 3)], (5, 1), {}, 'tiny')
    thumb(t[(1, 7, 3)], (3, 3), {}, 'thin')

    # transpose
    methods = ['FLIP_LEFT_RIGHT', 'FLIP_TOP_BOTTOM', 'ROTATE_90', 'ROTATE_180', 'ROTATE_270', 'TRANSPOSE', 'TRANSVERSE']
    for i, m in enumerate(methods):
        case('transpose', p['small'], [m], lambda im, m=m: im.transpose(getattr(T, m)), f'im.transpose(Image.Transpose.{m})', f'rgb_{m}')
        for c in (1, 2, 3, 4):
            case('transpose', t[(13, 17, c)], [m], lambda im, m=m: im.transpose(getattr(T, m)), f'im.transpose(Image.Transpose.{m})', f'n13x17x{c}_{m}')
        case('transpose', t[(3, 5, 3)], [i], lambda im, m=m: im.transpose(getattr(T, m)), f'im.transpose({i})', f'n3x5_{i}')
        case('transpose', t[(1, 7, 4)], [m], lambda im, m=m: im.transpose(getattr(T, m)), f'im.transpose(Image.Transpose.{m})', f'n1x7_{m}')

    # convert
    for c in (1, 2, 3, 4):
        for mode in ('L', 'LA', 'RGB', 'RGBA'):
            if (c, mode) in ((3, 'L'), (4, 'L'), (4, 'LA'), (4, 'RGB'), (2, 'RGBA'), (2, 'L')):
                case('convert', p[c], [mode], lambda im, mode=mode: im.convert(mode), f'im.convert({mode!r})', f'c{c}_{mode}')
            case('convert', t[(13, 17, c)], [mode], lambda im, mode=mode: im.convert(mode), f'im.convert({mode!r})', f'n13x17x{c}_{mode}')

    fx.write('pillow-resample', 'test/golden/generate_pillow_resample.py', cases,
             {'reference': f'Pillow {PIL.__version__}, numpy {np.__version__}'})
    print(f'{len(cases)} cases, {folder_size(OUT) / 1024:.0f} KB in {OUT}')


if __name__ == '__main__':
    main()
