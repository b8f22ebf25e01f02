#!/usr/bin/python3
"""Golden fixtures for pixelarray's threshold & statistics family, computed by OpenCV 4.6.

Run with Debian's python3 (numpy, cv2 4.6, skimage):

    /usr/bin/python3 test/golden/generate_threshold.py

Writes test/golden/fixtures/threshold/manifest.json and the .npy files it names (after deleting
the old ones): image results (threshold, adaptiveThreshold, equalizeHist, clahe, lut) and numeric
results golden.test.ts can compare (otsuThreshold, triangleThreshold, countNonZero, mean). The
object results (meanStdDev, minMaxLoc) go to test/golden/fixtures-json/threshold.json, whose
`$img` arguments name files of the same fixture folder; test/imgproc/stats.test.ts runs them.

Every expected output is a reference call (its `ref` string), run twice on fresh copies of its
inputs (identical results, inputs untouched). Single-channel images go to cv2 as 2-D arrays.
"""
import json
import os

import cv2
import numpy as np
import skimage
import skimage.data

from golden_common import Fixtures, as2, clear_fixtures, folder_size, run_twice

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures', 'threshold')
JSON_OUT = os.path.join(HERE, 'fixtures-json', 'threshold.json')

EXACT = {'kind': 'exact'}

TYPES = {'binary': cv2.THRESH_BINARY, 'binary_inv': cv2.THRESH_BINARY_INV, 'trunc': cv2.THRESH_TRUNC,
         'tozero': cv2.THRESH_TOZERO, 'tozero_inv': cv2.THRESH_TOZERO_INV}
METHODS = {'otsu': cv2.THRESH_OTSU, 'triangle': cv2.THRESH_TRIANGLE}
ADAPTIVE = {'mean': cv2.ADAPTIVE_THRESH_MEAN_C, 'gaussian': cv2.ADAPTIVE_THRESH_GAUSSIAN_C}

fx = Fixtures(OUT)
inputs, add_input, img = fx.inputs, fx.add_input, fx.img
cases = []
json_cases = []


def case(call, image, rest, fn, ref, tol=EXACT, tag='', extra_imgs=()):
    """One case: `call(image, *rest)` must equal `fn(image array, *extra arrays)`."""
    n = len(cases) + 1
    r = run_twice(fn, [img(image)] + [img(e) for e in extra_imgs])
    if isinstance(r, np.ndarray) and r.dtype == np.uint8 and r.ndim >= 2:
        expect = fx.save_image(r, f'x{n:04d}.npy')
    else:
        expect = r if isinstance(r, float) else [float(v) for v in np.asarray(r).ravel()]
    cases.append({'id': f'{n:04d}_{call}' + (f'_{tag}' if tag else ''), 'call': call,
                  'args': [image, *rest], 'expect': expect, 'ref': ref, 'tol': tol})


def json_case(call, image, rest, fn, ref, extra_imgs=()):
    """A case with an object result, stored in fixtures-json/threshold.json."""
    a = [img(image)] + [img(e) for e in extra_imgs]
    r0, r1 = fn(*[x.copy() for x in a]), fn(*[x.copy() for x in a])
    assert json.dumps(r0) == json.dumps(r1)
    json_cases.append({'id': f'{len(json_cases) + 1:04d}_{call}', 'call': call, 'args': [image, *rest],
                       'expect': r0, 'ref': ref})


def inputs_all():
    chelsea, coffee = skimage.data.chelsea(), skimage.data.coffee()
    astro, camera = skimage.data.astronaut(), skimage.data.camera()
    p = {}
    p['cam'] = add_input('camera_64x64', camera[100:164, 200:264], 'skimage.data.camera()[100:164, 200:264] (2-D)')
    p['cam2'] = add_input('camera_37x53', camera[300:337, 50:103], 'skimage.data.camera()[300:337, 50:103] (2-D)')
    p['cat'] = add_input('chelsea_gray_48x61', cv2.cvtColor(chelsea[80:128, 150:211], cv2.COLOR_RGB2GRAY),
                         'cv2.cvtColor(skimage.data.chelsea()[80:128, 150:211], COLOR_RGB2GRAY)')
    p['dark'] = add_input('coffee_dark_40x48', coffee[0:40, 0:48, 2] // 3,
                          'skimage.data.coffee()[0:40, 0:48, 2] // 3 (2-D)')
    p['rgb'] = add_input('astronaut_32x40', astro[100:132, 200:240], 'skimage.data.astronaut()[100:132, 200:240]')
    p['rgba'] = add_input('rgba_21x27', np.dstack([coffee[60:81, 300:327], camera[300:321, 100:127]]),
                          'coffee()[60:81, 300:327] with alpha camera()[300:321, 100:127]')
    mask = camera[200:264, 300:364].copy()
    mask[mask < 100] = 0
    p['mask'] = add_input('mask_64x64', mask, 'camera()[200:264, 300:364] with values < 100 set to 0 (2-D)')
    p['mask0'] = add_input('mask0_64x64', np.zeros((64, 64), np.uint8), 'zeros (64, 64)')
    m3 = (camera[10:42, 10:50] > 120).astype(np.uint8) * 7
    p['mask_rgb'] = add_input('mask_32x40', m3, '(camera()[10:42, 10:50] > 120) * 7 (2-D)')
    p['small'] = add_input('camera_24x32', camera[120:144, 260:292], 'skimage.data.camera()[120:144, 260:292] (2-D)')
    p['mid'] = add_input('camera_40x44', camera[330:370, 180:224], 'skimage.data.camera()[330:370, 180:224] (2-D)')
    p['flat'] = add_input('flat_9x11', np.full((9, 11), 77, np.uint8), 'full (9, 11) of 77')
    p['two'] = add_input('two_8x8', np.where(np.arange(64).reshape(8, 8) % 3 == 0, 10, 200).astype(np.uint8),
                         'values 10 and 200 (8x8)')
    rng = np.random.default_rng(20240613)
    t = {}
    for (h, w) in [(1, 1), (1, 7), (7, 1), (3, 5), (13, 17)]:
        for c in (1, 3, 4):
            a = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
            a = a[:, :, 0] if c == 1 else a
            t[(h, w, c)] = add_input(f't{h}x{w}x{c}', a, f'seeded uniform noise {h}x{w}x{c} (default_rng(20240613))')
    return p, t


def main():
    clear_fixtures(OUT)
    p, t = inputs_all()
    gray = [p['cam'], p['cam2'], p['cat'], p['dark']]
    tiny1 = [t[(h, w, 1)] for (h, w) in [(1, 1), (1, 7), (7, 1), (3, 5), (13, 17)]]

    # threshold: every type, thresholds and maxvals at and beyond the uint8 edges
    def thr(image, th, mv, ty, tag, method=None):
        flag = TYPES[ty] | (METHODS[method] if method else 0)
        fn = lambda a: cv2.threshold(as2(a), th, mv, flag)[1]
        ref = f'cv2.threshold(a, {th}, {mv}, THRESH_{ty.upper()}' + (f' | THRESH_{method.upper()}' if method else '') + ')[1]'
        rest = [th, mv, ty] + ([{'method': method}] if method else [])
        case('threshold', image, rest, fn, ref, tag=tag)

    for ty in TYPES:
        for th in (0, 127, 127.7, -0.5, -1, 254, 254.9, 255, 300, 1e10, -1e10):
            thr(p['small'], th, 255, ty, f'{ty}_t{th}')
        for mv in (200.5, 201.5, 128.4, -5, 300, 1e10):
            thr(t[(13, 17, 1)], 100, mv, ty, f'{ty}_m{mv}')
        thr(p['cam'], 99.5, 255, ty, f'{ty}_photo64')
        thr(p['rgb'], 90, 250, ty, f'{ty}_rgb')
        thr(p['rgba'], 140.2, 33, ty, f'{ty}_rgba')
        for ref in (t[(1, 1, 3)], t[(7, 1, 4)], t[(13, 17, 3)]):
            thr(ref, 128, 255, ty, f'{ty}_tiny')
        for method in METHODS:
            for g in ([p['cam2'], p['dark']] if ty == 'binary' else [p['small']]) + [p['flat'], p['two']] + tiny1[:3]:
                thr(g, 0, 255, ty, f'{ty}_{method}', method=method)

    # otsu / triangle values
    for method, flag in METHODS.items():
        call = 'otsuThreshold' if method == 'otsu' else 'triangleThreshold'
        for g in gray + [p['flat'], p['two']] + tiny1:
            case(call, g, [], lambda a, flag=flag: float(cv2.threshold(as2(a), 0, 255, cv2.THRESH_BINARY | flag)[0]),
                 f'cv2.threshold(a, 0, 255, THRESH_BINARY | THRESH_{method.upper()})[0]')

    # adaptiveThreshold
    for method, m in ADAPTIVE.items():
        for ty in ('binary', 'binary_inv'):
            for bs in (3, 5, 7, 9, 11, 15, 21, 31):
                for C in ((0, 2.5, -3) if ty == 'binary' else (-2.5,)):
                    image = p['mid'] if bs % 4 == 1 else p['small']
                    fn = lambda a, m=m, ty=ty, bs=bs, C=C: cv2.adaptiveThreshold(as2(a), 255, m, TYPES[ty], bs, C)
                    case('adaptiveThreshold', image, [255, method, ty, bs, C], fn,
                         f'cv2.adaptiveThreshold(a, 255, ADAPTIVE_THRESH_{method.upper()}_C, THRESH_{ty.upper()}, {bs}, {C})',
                         tag=f'{method}_{ty}_b{bs}_C{C}')
            for mv, bs, C in ((200.5, 5, 1), (-1, 5, 1), (300, 7, -1)):
                fn = lambda a, m=m, ty=ty, bs=bs, C=C, mv=mv: cv2.adaptiveThreshold(as2(a), mv, m, TYPES[ty], bs, C)
                case('adaptiveThreshold', p['cam2'], [mv, method, ty, bs, C], fn,
                     f'cv2.adaptiveThreshold(a, {mv}, {method}, {ty}, {bs}, {C})', tag=f'{method}_{ty}_m{mv}')
            for g in tiny1:
                for bs in (3, 11):
                    fn = lambda a, m=m, ty=ty, bs=bs: cv2.adaptiveThreshold(as2(a), 255, m, TYPES[ty], bs, 1.5)
                    case('adaptiveThreshold', g, [255, method, ty, bs, 1.5], fn,
                         f'cv2.adaptiveThreshold(a, 255, {method}, {ty}, {bs}, 1.5)', tag=f'{method}_{ty}_tiny_b{bs}')

    # equalizeHist
    for g in gray + [p['flat'], p['two'], p['mask']] + tiny1:
        case('equalizeHist', g, [], lambda a: cv2.equalizeHist(as2(a)), 'cv2.equalizeHist(a)')

    # clahe
    def cl(image, clip, grid, tag=''):
        def fn(a):
            return cv2.createCLAHE(clipLimit=clip, tileGridSize=tuple(grid)).apply(as2(a))
        opts = {}
        if clip is not None:
            opts['clipLimit'] = clip
        if grid is not None:
            opts['tileGridSize'] = list(grid)
        if clip is None:
            clip = 40.0
        if grid is None:
            grid = (8, 8)
        case('clahe', image, [opts] if opts else [], fn, f'cv2.createCLAHE({clip}, {tuple(grid)}).apply(a)', tag=tag)

    for g in (p['cam'], p['cat']):
        cl(g, None, None)
        for clip in (0, 2, 100):
            cl(g, clip, (8, 8), f'clip{clip}')
        for grid in ((3, 5), (1, 1), (16, 16), (64, 1)):
            cl(g, 2, grid, f'grid{grid[0]}x{grid[1]}')
    for g in (p['cam2'], p['dark'], p['mid'], p['small']):
        cl(g, None, None)
        cl(g, 0.5, (3, 4), 'clip0.5_g3x4')
    for g in tiny1 + [p['flat'], p['two']]:
        cl(g, None, None)
        cl(g, 3, (2, 3), 'g2x3')

    # lut
    rng = np.random.default_rng(7)
    tab = rng.integers(0, 256, 256, dtype=np.uint8)
    tabs = rng.integers(0, 256, (4, 256), dtype=np.uint8)
    for image in [p['small'], p['rgb'], p['rgba'], t[(3, 5, 3)], t[(1, 7, 4)]]:
        a = img(image)
        c = 1 if a.ndim == 2 else a.shape[2]
        case('lut', image, [tab.tolist()], lambda a: cv2.LUT(a, tab), 'cv2.LUT(a, tab)')
        if c > 1:
            per = tabs[:c]
            cvtab = np.ascontiguousarray(per.T.reshape(256, 1, c))
            case('lut', image, [per.tolist()], lambda a, cvtab=cvtab: cv2.LUT(a, cvtab), 'cv2.LUT(a, per-channel (256, 1, C))',
                 tag='perchannel')
            case('lut', image, [per.T.ravel().tolist()], lambda a, cvtab=cvtab: cv2.LUT(a, cvtab),
                 'cv2.LUT(a, flat 256 x C table)', tag='flat256xC')

    # countNonZero (1 channel)
    for g in gray + [p['mask'], p['mask0'], p['mask_rgb'], p['two']] + tiny1:
        case('countNonZero', g, [], lambda a: float(cv2.countNonZero(as2(a))), 'cv2.countNonZero(a)')

    # mean (per channel, with and without mask)
    def mean_case(image, mask=None):
        a = img(image)
        c = 1 if a.ndim == 2 else a.shape[2]
        if mask is None:
            fn = lambda a: np.array(cv2.mean(a)[:c])
            case('mean', image, [], fn, 'cv2.mean(a)')
        else:
            fn = lambda a, m: np.array(cv2.mean(a, mask=m)[:c])
            case('mean', image, [{'mask': mask}], fn, 'cv2.mean(a, mask=m)', extra_imgs=[mask])

    for image in gray + [p['rgb'], p['rgba'], p['flat']] + list(t.values()):
        mean_case(image)
    for image in (p['cam'], p['mask']):
        mean_case(image, p['mask'])
        mean_case(image, p['mask0'])
    mean_case(p['rgb'], p['mask_rgb'])

    # meanStdDev and minMaxLoc: object results, in fixtures-json
    def msd(image, mask=None):
        a = img(image)
        c = 1 if a.ndim == 2 else a.shape[2]

        def fn(a, m=None):
            mu, sd = cv2.meanStdDev(a, mask=m)
            return {'mean': [float(v) for v in mu.ravel()[:c]], 'stddev': [float(v) for v in sd.ravel()[:c]]}
        if mask is None:
            json_case('meanStdDev', image, [], fn, 'cv2.meanStdDev(a)')
        else:
            json_case('meanStdDev', image, [{'mask': mask}], fn, 'cv2.meanStdDev(a, mask=m)', extra_imgs=[mask])

    def mml(image, mask=None):
        def fn(a, m=None):
            mn, mx, lmn, lmx = cv2.minMaxLoc(as2(a), m)
            return {'minVal': float(mn), 'maxVal': float(mx), 'minLoc': list(lmn), 'maxLoc': list(lmx)}
        if mask is None:
            json_case('minMaxLoc', image, [], fn, 'cv2.minMaxLoc(a)')
        else:
            json_case('minMaxLoc', image, [{'mask': mask}], fn, 'cv2.minMaxLoc(a, m)', extra_imgs=[mask])

    for image in gray + [p['rgb'], p['rgba'], p['flat']] + list(t.values()):
        msd(image)
    for image in (p['cam'], p['mask']):
        msd(image, p['mask'])
        msd(image, p['mask0'])
    msd(p['rgb'], p['mask_rgb'])
    for image in gray + [p['flat'], p['two'], p['mask']] + tiny1:
        mml(image)
    for image in (p['cam'], p['mask']):
        mml(image, p['mask'])
        mml(image, p['mask0'])

    fx.write('pixelarray threshold & statistics',
             f'test/golden/generate_threshold.py: OpenCV {cv2.__version__}, NumPy {np.__version__}, '
             f'scikit-image {skimage.__version__} (photos)', cases)
    os.makedirs(os.path.dirname(JSON_OUT), exist_ok=True)
    with open(JSON_OUT, 'w', encoding='utf-8') as f:
        f.write('{"generator": "test/golden/generate_threshold.py: OpenCV %s", "dir": "fixtures/threshold",\n"cases": [\n' % cv2.__version__)
        f.write(',\n'.join(json.dumps(c) for c in json_cases))
        f.write('\n]}\n')
    size = folder_size(OUT)
    print(f'{len(cases)} cases + {len(json_cases)} json cases, {len(inputs)} inputs, {size / 1024:.0f} KiB in {OUT}')


if __name__ == '__main__':
    main()
