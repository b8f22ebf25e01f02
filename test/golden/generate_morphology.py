#!/usr/bin/python3
"""Golden fixtures for pixelarray's morphology, borders and pyramids, computed by OpenCV 4.6.

Run with Debian's python3 (numpy, cv2 4.6, skimage):

    /usr/bin/python3 test/golden/generate_morphology.py

Writes test/golden/fixtures/morphology/manifest.json and the .npy files it names (erode, dilate,
morphologyEx, copyMakeBorder, pyrDown, pyrUp; run by golden.test.ts on contiguous inputs and on
strided views), after deleting every old .npy and manifest.json there, and
test/golden/fixtures-json/morphology.json (cv2.getStructuringElement for a sweep of shapes, sizes
and anchors; read by test/imgproc/morphology.test.ts).

Every expected output is a reference call (its `ref` string), run twice on fresh copies of its
inputs (identical bytes, inputs untouched). 1-channel images go to cv2 as 2-D arrays. Kernels go to
cv2 as uint8 (int8 for hitmiss, whose -1 elements mean background).
"""
import json
import os

import cv2
import numpy as np
import skimage
import skimage.data

from golden_common import Fixtures, as2, clear_fixtures, folder_size, run_twice

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures', 'morphology')
JSON_OUT = os.path.join(HERE, 'fixtures-json', 'morphology.json')

EXACT = {'kind': 'exact'}
BORDERS = {
    'reflect101': cv2.BORDER_REFLECT_101,
    'replicate': cv2.BORDER_REPLICATE,
    'reflect': cv2.BORDER_REFLECT,
    'constant': cv2.BORDER_CONSTANT,
    'wrap': cv2.BORDER_WRAP,
}
SHAPES = {'rect': cv2.MORPH_RECT, 'cross': cv2.MORPH_CROSS, 'ellipse': cv2.MORPH_ELLIPSE}
OPS = {'erode': cv2.MORPH_ERODE, 'dilate': cv2.MORPH_DILATE, 'open': cv2.MORPH_OPEN, 'close': cv2.MORPH_CLOSE,
       'gradient': cv2.MORPH_GRADIENT, 'tophat': cv2.MORPH_TOPHAT, 'blackhat': cv2.MORPH_BLACKHAT,
       'hitmiss': cv2.MORPH_HITMISS}

fx = Fixtures(OUT, repeat_inputs=True)
inputs, add_input, img, save_expect = fx.inputs, fx.add_input, fx.img, fx.save_image
cases = []


def case(call, image, rest, fn, ref, tag=''):
    """One case: `call(image, *rest)` must equal `fn(image array)` (a reference call)."""
    n = len(cases) + 1
    r = run_twice(fn, [img(image)])
    expect = save_expect(r, f'x{n:04d}.npy')
    cases.append({'id': f'{n:04d}_{call}' + (f'_{tag}' if tag else ''), 'call': call,
                  'args': [image, *rest], 'expect': expect, 'ref': ref, 'tol': EXACT})


def scalar(v, c):
    """pixelarray's border value (a number = every channel, or per channel) as a cv2 Scalar."""
    return tuple([v] * c) if isinstance(v, (int, float)) else tuple(v)


def photo_inputs():
    chelsea, coffee = skimage.data.chelsea(), skimage.data.coffee()
    astro, camera = skimage.data.astronaut(), skimage.data.camera()
    p = {}
    p['rgb'] = add_input('chelsea_17x23', chelsea[100:117, 190:213], 'skimage.data.chelsea()[100:117, 190:213]')
    p['rgb2'] = add_input('astronaut_40x56', astro[90:130, 200:256], 'skimage.data.astronaut()[90:130, 200:256]')
    p['gray'] = add_input('camera_27x35', camera[100:127, 220:255], 'skimage.data.camera()[100:127, 220:255] (2-D)')
    rgba = np.dstack([coffee[60:85, 300:333], camera[300:325, 100:133]])
    p['rgba'] = add_input('rgba_25x33', rgba, 'coffee()[60:85, 300:333] with alpha camera()[300:325, 100:133]')
    la = np.dstack([camera[200:219, 300:321], astro[10:29, 10:31, 0]])
    p['la'] = add_input('la_19x21', la, 'camera()[200:219, 300:321] with alpha astronaut()[10:29, 10:31, 0]')
    binary = np.where(camera[180:212, 200:240] > 100, 255, 0).astype(np.uint8)
    p['bin'] = add_input('binary_32x40', binary, 'where(camera()[180:212, 200:240] > 100, 255, 0) (2-D)')
    return p


def noise_inputs():
    rng = np.random.default_rng(20240613)
    t = {}
    for (h, w) in [(1, 1), (1, 7), (7, 1), (3, 5), (13, 17)]:
        for c in (1, 3, 4):
            a = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
            a = a[:, :, 0] if c == 1 else a
            t[(h, w, c)] = add_input(f'n{h}x{w}x{c}', a, f'seeded uniform noise {h}x{w}x{c} (default_rng(20240613))')
    b = (rng.integers(0, 2, (13, 17)) * 255).astype(np.uint8)
    t['bin'] = add_input('bin13x17', b, 'seeded 0/255 noise 13x17')
    return t


def se(shape, w, h, anchor=(-1, -1)):
    return cv2.getStructuringElement(SHAPES[shape], (w, h), anchor=anchor).tolist()


def short(kw):
    """The keyword arguments of a ref string, defaults left out (border named as in pixelarray)."""
    names = {v: k for k, v in BORDERS.items()}
    out = {}
    if kw['anchor'] != (-1, -1):
        out['anchor'] = kw['anchor']
    if kw['iterations'] != 1:
        out['iterations'] = kw['iterations']
    if kw['borderType'] != cv2.BORDER_CONSTANT:
        out['borderType'] = names[kw['borderType']]
    if 'borderValue' in kw:
        out['borderValue'] = kw['borderValue']
    return out


def morph(call, image, kernel, opts, tag):
    """erode/dilate through cv2 with pixelarray's options (anchor, iterations, border, borderValue)."""
    k = np.array(kernel, np.uint8)
    c = 1 if img(image).ndim == 2 else img(image).shape[2]
    anchor = tuple(opts.get('anchor', (-1, -1)))
    it = opts.get('iterations', 1)
    b = BORDERS[opts.get('border', 'constant')]
    kw = {'anchor': anchor, 'iterations': it, 'borderType': b}
    if 'borderValue' in opts:
        kw['borderValue'] = scalar(opts['borderValue'], c)
    f = cv2.erode if call == 'erode' else cv2.dilate
    ref = f'cv2.{call}(a, np.uint8(kernel)' + ''.join(f', {k_}={v}' for k_, v in short(kw).items()) + ')'
    case(call, image, [kernel] + ([opts] if opts else []), lambda a: f(as2(a), k, **kw), ref, tag)


def morph_ex(image, op, kernel, opts, tag):
    k = np.array(kernel, np.int8 if op == 'hitmiss' else np.uint8)
    c = 1 if img(image).ndim == 2 else img(image).shape[2]
    kw = {'anchor': tuple(opts.get('anchor', (-1, -1))), 'iterations': opts.get('iterations', 1),
          'borderType': BORDERS[opts.get('border', 'constant')]}
    if 'borderValue' in opts:
        kw['borderValue'] = scalar(opts['borderValue'], c)
    ref = f'cv2.morphologyEx(a, cv2.MORPH_{op.upper()}, np.{k.dtype}(kernel)' + \
        ''.join(f', {k_}={v}' for k_, v in short(kw).items()) + ')'
    case('morphologyEx', image, [op, kernel] + ([opts] if opts else []),
         lambda a: cv2.morphologyEx(as2(a), OPS[op], k, **kw), ref, f'{op}_{tag}')


def main():
    clear_fixtures(OUT)
    p = photo_inputs()
    t = noise_inputs()

    kernels = {
        'rect3': se('rect', 3, 3), 'rect5': se('rect', 5, 5), 'rect7x3': se('rect', 7, 3), 'rect1x5': se('rect', 1, 5),
        'rect4x4': se('rect', 4, 4), 'rect2x1': se('rect', 2, 1), 'cross5': se('cross', 5, 5), 'cross3': se('cross', 3, 3),
        'ellipse7': se('ellipse', 7, 7), 'ellipse9x5': se('ellipse', 9, 5), 'ellipse4x6': se('ellipse', 4, 6),
        'custom': [[0, 1, 1, 0, 1], [1, 0, 0, 0, 0], [0, 0, 1, 1, 1], [1, 0, 1, 0, 0]],
        'diag': [[1, 0, 0], [0, 0, 0], [0, 0, 1]],
        'one': [[1]],
        'zero1': [[0]],
    }

    # ---------------------------------------------------------------------------------------
    # erode / dilate: every kernel on the photos, borders, values, anchors, iterations, shapes
    for call in ('erode', 'dilate'):
        for name, k in kernels.items():
            morph(call, p['rgb'], k, {}, name)
        morph(call, p['gray'], kernels['ellipse7'], {}, 'gray_ellipse7')
        morph(call, p['gray'], kernels['rect5'], {}, 'gray_rect5')
        morph(call, p['rgba'], kernels['cross5'], {}, 'rgba_cross5')
        morph(call, p['rgba'], kernels['rect3'], {}, 'rgba_rect3')
        morph(call, p['la'], kernels['ellipse9x5'], {}, 'la_ellipse9x5')
        morph(call, p['gray'], se('ellipse', 15, 11), {}, 'gray_ellipse15x11')
        morph(call, p['gray'], se('rect', 9, 13), {}, 'gray_rect9x13')
        morph(call, t[(13, 17, 3)], se('ellipse', 15, 11), {}, 'n13x17x3_ellipse15x11')
        for border in ('reflect101', 'replicate', 'reflect', 'constant'):
            morph(call, t[(13, 17, 3)], kernels['ellipse7'], {'border': border}, f'n13x17x3_ellipse7_{border}')
            morph(call, p['gray'], kernels['rect5'], {'border': border}, f'gray_rect5_{border}')
            morph(call, t[(13, 17, 4)], kernels['custom'], {'border': border}, f'n13x17x4_custom_{border}')
        morph(call, p['rgb'], kernels['rect5'], {'border': 'constant', 'borderValue': 128}, 'rect5_value128')
        morph(call, p['rgb'], kernels['ellipse7'], {'border': 'constant', 'borderValue': [0, 128, 255]}, 'ellipse7_value3')
        morph(call, t[(13, 17, 4)], kernels['rect3'], {'border': 'constant', 'borderValue': [10, 300, -5, 77.5]}, 'n13x17x4_rect3_value_sat')
        morph(call, p['gray'], kernels['cross5'], {'border': 'constant', 'borderValue': 200}, 'gray_cross5_value200')
        for anchor in ([0, 0], [4, 3], [1, 2], [-1, 0]):
            morph(call, p['rgb'], kernels['custom'], {'anchor': anchor}, f'custom_anchor{anchor[0]}_{anchor[1]}')
            morph(call, p['gray'], kernels['rect7x3'], {'anchor': anchor[:1] + [min(anchor[1], 2)]},
                  f'gray_rect7x3_anchor{anchor[0]}_{min(anchor[1], 2)}')
        for it in (0, 2, 3):
            morph(call, p['rgb'], kernels['rect3'], {'iterations': it}, f'rect3_it{it}')
            morph(call, p['rgb'], kernels['ellipse7'], {'iterations': it}, f'ellipse7_it{it}')
            morph(call, p['gray'], kernels['cross3'], {'iterations': it, 'border': 'reflect'}, f'gray_cross3_it{it}_reflect')
        morph(call, p['rgb'], kernels['rect4x4'], {'iterations': 2, 'border': 'replicate'}, 'rect4x4_it2_replicate')
        morph(call, p['gray'], kernels['rect3'], {'iterations': 3, 'border': 'constant', 'borderValue': 100}, 'gray_rect3_it3_value100')
        morph(call, p['gray'], kernels['ellipse4x6'], {'iterations': 2, 'border': 'constant', 'borderValue': 100},
              'gray_ellipse4x6_it2_value100')
        morph(call, p['rgb'], kernels['rect3'], {'iterations': 2, 'anchor': [0, 2]}, 'rect3_it2_anchor0_2')
        # the one-big-rectangle shortcut differs from repeated passes with reflecting borders
        morph(call, p['gray'], kernels['rect3'], {'iterations': 3, 'border': 'reflect101'}, 'gray_rect3_it3_reflect101')
        morph(call, p['rgb'], kernels['rect7x3'], {'iterations': 2, 'border': 'reflect', 'anchor': [1, 0]}, 'rect7x3_it2_reflect_anchor1_0')
        for (h, w, c), image in ((k_, v) for k_, v in t.items() if k_ != 'bin'):
            morph(call, image, kernels['rect3'], {}, f'n{h}x{w}x{c}_rect3')
            morph(call, image, kernels['ellipse9x5'], {'border': 'reflect101'}, f'n{h}x{w}x{c}_ellipse9x5_reflect101')
            if h < 13:
                morph(call, image, kernels['custom'], {'border': 'reflect'}, f'n{h}x{w}x{c}_custom_reflect')

    # ---------------------------------------------------------------------------------------
    # morphologyEx: every op
    for op in ('erode', 'dilate', 'open', 'close', 'gradient', 'tophat', 'blackhat'):
        morph_ex(p['rgb'], op, kernels['ellipse7'], {}, 'ellipse7')
        morph_ex(p['gray'], op, kernels['rect5'], {'border': 'reflect101'}, 'gray_rect5_reflect101')
        morph_ex(t[(13, 17, 4)], op, kernels['custom'], {'anchor': [0, 0], 'iterations': 2}, 'n13x17x4_custom_anchor_it2')
        morph_ex(p['rgb'], op, kernels['rect3'], {'iterations': 2, 'border': 'constant', 'borderValue': 90}, 'rect3_it2_value90')
        morph_ex(t[(13, 17, 3)], op, kernels['cross3'], {'border': 'replicate'}, 'n13x17x3_cross3_replicate')
        morph_ex(t[(3, 5, 1)], op, kernels['ellipse9x5'], {}, 'n3x5x1_ellipse9x5')
    hit = {
        'corner': [[0, 1, 0], [-1, 1, 1], [-1, -1, 0]],
        'isolated': [[-1, -1, -1], [-1, 1, -1], [-1, -1, -1]],
        'ones': [[1, 1], [1, 1]],
        'bg': [[-1, 0, -1]],
        'zeros': [[0, 0], [0, 0]],
        'two': [[2, 0], [0, 2]],
        'mixed2': [[2, 1, -1], [0, 1, 0]],
        'onebyone': [[1]],
    }
    for name, k in hit.items():
        morph_ex(p['bin'], 'hitmiss', k, {}, f'bin_{name}')
        morph_ex(t['bin'], 'hitmiss', k, {}, f'n13x17_{name}')
    morph_ex(p['gray'], 'hitmiss', hit['corner'], {}, 'gray_corner')
    morph_ex(p['bin'], 'hitmiss', hit['corner'], {'border': 'reflect101'}, 'bin_corner_reflect101')
    morph_ex(p['bin'], 'hitmiss', hit['corner'], {'border': 'constant', 'borderValue': 0}, 'bin_corner_value0')
    morph_ex(p['bin'], 'hitmiss', hit['corner'], {'anchor': [0, 0], 'iterations': 2}, 'bin_corner_anchor_it2')
    morph_ex(p['bin'], 'hitmiss', hit['ones'], {'iterations': 2}, 'bin_ones_it2')
    morph_ex(t[(1, 7, 1)], 'hitmiss', hit['corner'], {}, 'n1x7_corner')

    # ---------------------------------------------------------------------------------------
    # copyMakeBorder: every border, sizes beyond the image, per-channel and saturated values
    def cmb(image, top, bottom, left, right, border, value=None, tag=''):
        c = 1 if img(image).ndim == 2 else img(image).shape[2]
        v = scalar(value if value is not None else 0, c)
        b = BORDERS[border]
        fn = lambda a: cv2.copyMakeBorder(as2(a), top, bottom, left, right, b, value=v)
        ref = f'cv2.copyMakeBorder(a, {top}, {bottom}, {left}, {right}, {border}, value={v})'
        rest = [top, bottom, left, right, border] + ([value] if value is not None else [])
        case('copyMakeBorder', image, rest, fn, ref, tag)

    for border in BORDERS:
        cmb(p['rgb'], 3, 5, 7, 2, border, tag=f'rgb_{border}')
        cmb(p['gray'], 0, 4, 9, 0, border, tag=f'gray_{border}')
        cmb(t[(13, 17, 4)], 6, 1, 0, 3, border, tag=f'n13x17x4_{border}')
        cmb(p['la'], 2, 2, 2, 2, border, tag=f'la_{border}')
        cmb(t[(3, 5, 1)], 11, 13, 17, 12, border, tag=f'n3x5x1_wide_{border}')
        cmb(t[(1, 7, 1)], 9, 4, 20, 15, border, tag=f'n1x7x1_wide_{border}')
        cmb(p['rgb'], 0, 0, 0, 0, border, tag=f'rgb_none_{border}')
        for (h, w, c) in [(1, 1, 1), (1, 7, 3), (7, 1, 4), (3, 5, 4)]:
            image = t[(h, w, c)]
            cmb(image, 2, 3, 4, 9, border, tag=f'n{h}x{w}x{c}_{border}')
    cmb(p['rgb'], 3, 4, 5, 6, 'constant', [10, 200, 77], tag='rgb_value3')
    cmb(p['rgb'], 3, 4, 5, 6, 'constant', 128, tag='rgb_value128')
    cmb(p['rgba'], 2, 1, 2, 1, 'constant', [300, -3, 2.5, 3.5], tag='rgba_value_sat')
    cmb(p['gray'], 1, 2, 3, 4, 'constant', 254.5, tag='gray_value254.5')
    cmb(t[(1, 1, 3)], 4, 4, 4, 4, 'constant', [1, 2, 3], tag='n1x1x3_value3')
    cmb(p['rgb'], 1, 1, 1, 1, 'reflect', [9, 9, 9], tag='rgb_reflect_value_ignored')

    # ---------------------------------------------------------------------------------------
    # pyrDown / pyrUp
    for border in ('reflect101', 'replicate', 'reflect', 'wrap'):
        b = BORDERS[border]
        opts = [{'border': border}] if border != 'reflect101' else []
        for name in ('rgb', 'rgb2', 'gray', 'rgba', 'la'):
            case('pyrDown', p[name], opts, lambda a, b=b: cv2.pyrDown(as2(a), borderType=b),
                 f'cv2.pyrDown(a, borderType={border})', f'{name}_{border}')
        for (h, w, c), image in ((k_, v) for k_, v in t.items() if k_ != 'bin'):
            case('pyrDown', image, opts, lambda a, b=b: cv2.pyrDown(as2(a), borderType=b),
                 f'cv2.pyrDown(a, borderType={border})', f'n{h}x{w}x{c}_{border}')
    even = add_input('chelsea_8x12', skimage.data.chelsea()[60:68, 300:312], 'skimage.data.chelsea()[60:68, 300:312]')
    case('pyrDown', even, [], lambda a: cv2.pyrDown(a), 'cv2.pyrDown(a)', 'even_8x12')
    for name in ('rgb', 'gray', 'la'):
        case('pyrUp', p[name], [], lambda a: cv2.pyrUp(as2(a)), 'cv2.pyrUp(a)', name)
    case('pyrUp', even, [{'border': 'reflect101'}], lambda a: cv2.pyrUp(a), 'cv2.pyrUp(a)', 'even_8x12')
    for (h, w, c), image in ((k_, v) for k_, v in t.items() if k_ != 'bin'):
        case('pyrUp', image, [], lambda a: cv2.pyrUp(as2(a)), 'cv2.pyrUp(a)', f'n{h}x{w}x{c}')

    fx.write('pixelarray morphology, borders, pyramids',
             f'test/golden/generate_morphology.py: OpenCV {cv2.__version__}, NumPy {np.__version__}, '
             f'scikit-image {skimage.__version__} (photos)', cases)

    # ---------------------------------------------------------------------------------------
    # getStructuringElement: every shape for sizes 1..13 × 1..13, some larger ellipses, anchors
    elements = []
    sizes = [(w, h) for w in range(1, 14) for h in range(1, 14)] + \
        [(15, 15), (17, 9), (21, 21), (25, 13), (31, 31), (40, 22), (45, 23)]
    for shape in SHAPES:
        for (w, h) in sizes:
            elements.append({'shape': shape, 'ksize': [w, h], 'expect': se(shape, w, h)})
    for (w, h) in [(5, 5), (5, 4), (7, 3), (1, 6), (6, 1), (9, 9)]:
        for anchor in [(0, 0), (w - 1, h - 1), (w // 3, h - 1), (-1, 0), (0, -1)]:
            for shape in SHAPES:
                elements.append({'shape': shape, 'ksize': [w, h], 'anchor': list(anchor),
                                 'expect': se(shape, w, h, anchor)})
    os.makedirs(os.path.dirname(JSON_OUT), exist_ok=True)
    doc = {'generator': f'test/golden/generate_morphology.py: OpenCV {cv2.__version__}',
           'ref': 'cv2.getStructuringElement(MORPH_<shape>, (w, h), anchor)', 'cases': elements}
    text = '{\n' + f'"generator": {json.dumps(doc["generator"])},\n"ref": {json.dumps(doc["ref"])},\n"cases": [\n' + \
        ',\n'.join(json.dumps(e, separators=(',', ':')) for e in elements) + '\n]\n}\n'
    assert json.loads(text) == doc
    with open(JSON_OUT, 'w', encoding='utf-8') as f:
        f.write(text)

    size = folder_size(OUT)
    print(f'{len(cases)} cases, {len(inputs)} inputs, {size / 1024:.0f} KiB in {OUT}; '
          f'{len(elements)} structuring elements, {os.path.getsize(JSON_OUT) / 1024:.0f} KiB in {JSON_OUT}')


if __name__ == '__main__':
    main()
