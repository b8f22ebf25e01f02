#!/usr/bin/python3
"""Golden fixtures for warpPerspective, and resize / warpAffine with INTER_CUBIC and INTER_LANCZOS4
(test/golden/fixtures/perspective/), and the matrices of getPerspectiveTransform /
getAffineTransform (test/golden/fixtures-json/perspective.json, checked by
test/imgproc/perspective.test.ts). Run with Debian's /usr/bin/python3 (cv2 4.6).
A number as borderValue means every channel in pixelarray: the reference passes it repeated."""
import json
import os

import cv2
import numpy as np

from golden_common import Fixtures, as2, as3, clear_fixtures, folder_size, photos, run_twice

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures', 'perspective')
JSON_OUT = os.path.join(HERE, 'fixtures-json', 'perspective.json')
EXACT = {'kind': 'exact'}
INTER = {'bilinear': cv2.INTER_LINEAR, 'nearest': cv2.INTER_NEAREST, 'cubic': cv2.INTER_CUBIC, 'lanczos4': cv2.INTER_LANCZOS4}
BORDER = {'constant': cv2.BORDER_CONSTANT, 'replicate': cv2.BORDER_REPLICATE, 'reflect': cv2.BORDER_REFLECT,
          'reflect101': cv2.BORDER_REFLECT_101, 'wrap': cv2.BORDER_WRAP}

fx = Fixtures(OUT)
cases = []


def add(call, args, out, ref, tag):
    n = len(cases) + 1
    expect = fx.save_image(out, f'x{n:03d}.npy')
    cases.append({'id': f'p{n:03d}_{call}_{tag}', 'call': call, 'args': args, 'expect': expect, 'ref': ref, 'tol': EXACT})


def bvals(bv, c):
    return tuple(((bv if isinstance(bv, list) else [bv] * c) + [0] * 4)[:4])


def main():
    clear_fixtures(OUT)
    chelsea, coffee, astronaut, camera = photos()
    rng = np.random.default_rng(20261207)
    srcs = {
        'cat': fx.add_input('chelsea_40x48', chelsea[100:140, 180:228], 'skimage.data.chelsea()[100:140, 180:228]'),
        'cam': fx.add_input('camera_31x45', camera[90:121, 230:275], 'skimage.data.camera()[90:121, 230:275] (2-D)'),
        'rgba': fx.add_input('rgba_24x30', np.dstack([coffee[40:64, 300:330], camera[10:34, 100:130]]),
                             'coffee()[40:64, 300:330] + camera()[10:34, 100:130] as alpha'),
    }
    for h, w in [(1, 1), (1, 7), (7, 1), (3, 5), (13, 17)]:
        for c in (1, 3, 4):
            srcs[f't{h}x{w}x{c}'] = fx.add_input(f't{h}x{w}x{c}', rng.integers(0, 256, (h, w, c), dtype=np.uint8),
                                                 'numpy.random.default_rng(20261207) uniform')

    def img(k):
        return fx.inputs[srcs[k]['$img']]

    # resize: cubic and lanczos4, up, down, odd ratios, tiny shapes.
    for k, sizes in [('cat', [(96, 80), (20, 17), (33, 29), (48, 40), (130, 7)]), ('cam', [(90, 62), (16, 11), (45, 60)]),
                     ('rgba', [(61, 47), (13, 9)]), ('t1x1x3', [(5, 4)]), ('t1x7x1', [(3, 4)]), ('t7x1x4', [(2, 9)]),
                     ('t3x5x3', [(11, 7)]), ('t13x17x4', [(8, 5), (40, 27)]), ('t13x17x1', [(17, 13 * 3)])]:
        a = img(k)
        for (w, h) in sizes:
            for it in ('cubic', 'lanczos4'):
                out = run_twice(lambda x: as3(cv2.resize(as2(x), (w, h), interpolation=INTER[it])), [a])
                add('resize', [srcs[k], w, h, {'interpolation': it}], out,
                    f'cv2.resize(a, ({w}, {h}), interpolation={INTER[it]})', f'{it}_{k}_{h}x{w}')

    mats = []

    def warp(call, k, M, w, h, it, border, bv):
        a = img(k)
        c = as3(a).shape[2]
        Mn = np.array(M, dtype=np.float64)
        f = cv2.warpAffine if call == 'warpAffine' else cv2.warpPerspective
        out = run_twice(lambda x: as3(f(as2(x), Mn, (w, h), flags=INTER[it], borderMode=BORDER[border],
                                        borderValue=bvals(bv, c))), [a])
        opts = {'interpolation': it, 'border': border}
        if bv != 0:
            opts['borderValue'] = bv
        add(call, [srcs[k], M, w, h, opts], out,
            f'cv2.{call}(a, M, ({w}, {h}), flags={INTER[it]}, borderMode={BORDER[border]}, borderValue={bvals(bv, c)})',
            f'{it}_{border}_{k}')

    n = 0
    for k in ['cat', 'cam', 'rgba', 't13x17x3', 't3x5x1', 't1x7x4', 't1x1x3', 't7x1x1']:
        h0, w0 = as3(img(k)).shape[:2]
        for it in INTER:
            for border in BORDER:
                n += 1
                if k.startswith('t') and (n % 3):
                    continue
                dw, dh = int(rng.integers(5, 50)), int(rng.integers(5, 40))
                src = (np.float32([[0, 0], [w0, 0], [w0, h0], [0, h0]]) + rng.normal(0, 2, (4, 2))).astype(np.float32)
                dst = (np.float32([[0, 0], [dw, 0], [dw, dh], [0, dh]]) + rng.normal(0, dw / 5 + 1, (4, 2))).astype(np.float32)
                P = cv2.getPerspectiveTransform(src, dst)
                A = cv2.getAffineTransform(src[:3], dst[:3])
                mats.append({'fn': 'getPerspectiveTransform', 'src': src.tolist(), 'dst': dst.tolist(), 'expect': P.tolist()})
                mats.append({'fn': 'getAffineTransform', 'src': src[:3].tolist(), 'dst': dst[:3].tolist(), 'expect': A.tolist()})
                bv = [int(v) for v in rng.integers(0, 256, as3(img(k)).shape[2])] if n % 2 else 0
                warp('warpPerspective', k, P.tolist(), dw, dh, it, border, bv)
                if it in ('cubic', 'lanczos4') and n % 2 == 0:
                    warp('warpAffine', k, A.tolist(), dw, dh, it, border, bv)
    # Wide destinations: several WarpPerspectiveInvoker blocks per row.
    a = img('cam')
    for it in INTER:
        P = [[0.9, 0.15, 2.5], [-0.1, 1.1, -3.25], [0.0011, -0.0007, 1.0]]
        warp('warpPerspective', 'cam', P, 150, 9, it, 'reflect101', 0)
        warp('warpPerspective', 'cam', P, 300, 3, it, 'constant', 77)
    # Degenerate points.
    for src, dst in [([[0, 0], [1, 1], [2, 2], [3, 3]], [[0, 0], [1, 0], [1, 1], [0, 1]]),
                     ([[1.5, 2.25], [10, 3], [9, 12], [0.5, 11]], [[0, 0], [20, 0], [20, 20], [0, 20]])]:
        s, d = np.float32(src), np.float32(dst)
        mats.append({'fn': 'getPerspectiveTransform', 'src': s.tolist(), 'dst': d.tolist(),
                     'expect': cv2.getPerspectiveTransform(s, d).tolist()})
        mats.append({'fn': 'getAffineTransform', 'src': s[:3].tolist(), 'dst': d[:3].tolist(),
                     'expect': cv2.getAffineTransform(s[:3], d[:3]).tolist()})
    fx.write('perspective', 'test/golden/generate_perspective.py', cases,
             {'versions': {'cv2': cv2.__version__, 'numpy': np.__version__}})
    os.makedirs(os.path.dirname(JSON_OUT), exist_ok=True)
    with open(JSON_OUT, 'w', encoding='utf-8') as f:
        json.dump({'generator': 'test/golden/generate_perspective.py', 'cv2': cv2.__version__, 'cases': mats}, f)
        f.write('\n')
    print(len(cases), 'cases,', len(mats), 'matrices,', folder_size(OUT) // 1024, 'KB')


if __name__ == '__main__':
    main()
