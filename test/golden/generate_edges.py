#!/usr/bin/python3
"""Golden fixtures for pixelarray's edge family (sobel, scharr, laplacian, canny, convertScaleAbs
on int16/float32 gradients), computed by OpenCV 4.6.

Run with Debian's python3 (numpy, cv2 4.6, skimage):

    /usr/bin/python3 test/golden/generate_edges.py

Writes
- test/golden/fixtures/edges/: manifest.json + .npy for every case whose result is a uint8 image
  (ddepth -1 derivatives and Canny), run by golden.test.ts on contiguous and strided inputs;
- test/golden/fixtures-edges-depth/: cases.json + .npy (inputs are those of fixtures/edges/) for the int16 (CV_16S) and float32 (CV_32F)
  results (.npy of <i2 / <f4) and for cv2.convertScaleAbs of them (|u1), run by
  test/imgproc/edges.test.ts with its own .npy reader.
Both folders are cleared first. Every reference call runs twice on fresh copies of its input.
"""
import json
import os

import cv2
import numpy as np
import skimage.data

from golden_common import Fixtures, as2, as3, clear_fixtures, folder_size, run_twice, manifest_text

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures', 'edges')
OUT_DEPTH = os.path.join(HERE, 'fixtures-edges-depth')

EXACT = {'kind': 'exact'}
BORDERS = {
    'reflect101': cv2.BORDER_REFLECT_101,
    'replicate': cv2.BORDER_REPLICATE,
    'reflect': cv2.BORDER_REFLECT,
    'constant': cv2.BORDER_CONSTANT,
}  # BORDER_WRAP: the filter engine refuses it (columnBorderType != BORDER_WRAP)
DEPTHS = {'uint8': -1, 'int16': cv2.CV_16S, 'float32': cv2.CV_32F}

fx = Fixtures(OUT, repeat_inputs=True)
img = fx.img
cases = []
depth_cases = []
depth_inputs = {}


def add_input(name, arr, note):
    ref = fx.add_input(name, arr, note)
    depth_inputs[ref['$img']] = (np.ascontiguousarray(arr), note)
    return ref


def case(call, image, rest, fn, ref, tag=''):
    n = len(cases) + 1
    r = run_twice(fn, [img(image)])
    expect = fx.save_image(r, f'x{n:04d}.npy')
    cases.append({'id': f'{n:04d}_{call}' + (f'_{tag}' if tag else ''), 'call': call,
                  'args': [image, *rest], 'expect': expect, 'ref': ref, 'tol': EXACT})


def depth_case(call, image, rest, fn, ref, dtype, tol=EXACT, tag='', abs_of=None):
    """A non-uint8 result (dtype int16/float32) or, with `abs_of`, cv2.convertScaleAbs of one."""
    n = len(depth_cases) + 1
    r = run_twice(fn, [img(image)])
    if dtype == 'uint8':
        assert r.dtype == np.uint8
        store = r
    else:
        assert r.dtype == {'int16': np.int16, 'float32': np.float32}[dtype], (r.dtype, dtype)
        store = r
    fname = f'd{n:04d}.npy'
    np.save(os.path.join(OUT_DEPTH, fname), np.ascontiguousarray(as3(store)), allow_pickle=False)
    c = {'id': f'{n:04d}_{call}' + (f'_{tag}' if tag else ''), 'call': call, 'args': [image, *rest],
         'expect': fname, 'dtype': dtype, 'ref': ref, 'tol': tol}
    if abs_of is not None:
        c['convertScaleAbs'] = abs_of
    depth_cases.append(c)


def inputs():
    chelsea, coffee = skimage.data.chelsea(), skimage.data.coffee()
    astro, camera = skimage.data.astronaut(), skimage.data.camera()
    p = {}
    p['gray'] = add_input('camera_24x32', camera[60:84, 200:232], 'skimage.data.camera()[60:84, 200:232] (2-D)')
    p['gray40'] = add_input('camera_40x48', camera[60:100, 200:248], 'skimage.data.camera()[60:100, 200:248] (2-D)')
    p['gray64'] = add_input('camera_64x64', camera[180:244, 220:284], 'skimage.data.camera()[180:244, 220:284] (2-D)')
    p['rgb'] = add_input('chelsea_20x24', chelsea[80:100, 150:174], 'skimage.data.chelsea()[80:100, 150:174]')
    p['rgb32'] = add_input('chelsea_32x40', chelsea[80:112, 150:190], 'skimage.data.chelsea()[80:112, 150:190]')
    rgba = np.dstack([coffee[100:116, 300:320], camera[300:316, 100:120]])
    p['rgba'] = add_input('rgba_16x20', rgba, 'coffee()[100:116, 300:320] with alpha camera()[300:316, 100:120]')
    rng = np.random.default_rng(20241207)
    t = {}
    for (h, w) in [(1, 1), (1, 7), (7, 1), (3, 5), (13, 17)]:
        for c in (1, 3, 4):
            a = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
            t[(h, w, c)] = add_input(f'n{h}x{w}x{c}', a[:, :, 0] if c == 1 else a, f'seeded uniform noise {h}x{w}x{c}')
    return p, t


def sobel_fn(dx, dy, ksize, scale, delta, border, ddepth):
    return lambda a: cv2.Sobel(as2(a), DEPTHS[ddepth], dx, dy, ksize=ksize, scale=scale, delta=delta,
                               borderType=BORDERS[border])


def sobel_opts(ksize, scale, delta, border, ddepth):
    o = {}
    if ksize != 3: o['ksize'] = ksize
    if scale != 1: o['scale'] = scale
    if delta != 0: o['delta'] = delta
    if border != 'reflect101': o['border'] = border
    if ddepth != 'uint8': o['ddepth'] = ddepth
    return o


def sobel_ref(dx, dy, ksize, scale, delta, border, ddepth):
    return (f'cv2.Sobel(a, {DEPTHS[ddepth]}, {dx}, {dy}, ksize={ksize}, scale={scale}, delta={delta}, '
            f'borderType={border})')


def main():
    clear_fixtures(OUT)
    clear_fixtures(OUT_DEPTH, names=('cases.json',))
    p, t = inputs()
    tiny = list(t.values())

    # ---------------------------------------------------------------- sobel, uint8 results
    def sobel(image, dx, dy, ksize=3, scale=1, delta=0, border='reflect101', ddepth='uint8', tag=''):
        args = [dx, dy] + ([sobel_opts(ksize, scale, delta, border, ddepth)] if sobel_opts(ksize, scale, delta, border, ddepth) else [])
        fn = sobel_fn(dx, dy, ksize, scale, delta, border, ddepth)
        ref = sobel_ref(dx, dy, ksize, scale, delta, border, ddepth)
        if ddepth == 'uint8':
            case('sobel', image, args, fn, ref, tag=tag)
        else:
            depth_case('sobel', image, args, fn, ref, ddepth, tag=tag)

    orders = {1: [(1, 0), (0, 1), (1, 1), (2, 0), (0, 2), (2, 1)], 3: [(1, 0), (0, 1), (1, 1), (2, 0), (0, 2), (2, 1)],
              5: [(1, 0), (0, 1), (2, 2), (3, 0), (0, 4)], 7: [(1, 0), (0, 1), (2, 1), (5, 0), (3, 3)],
              -1: [(1, 0), (0, 1)]}
    for ks, ords in orders.items():
        for dx, dy in ords:
            sobel(p['gray'], dx, dy, ks, delta=128, tag=f'k{ks}_d{dx}{dy}')
    for ks in (1, 3, 5, 7, -1):
        sobel(p['rgb'], 1, 0, ks, tag=f'rgb_k{ks}')
        sobel(p['rgba'], 0, 1, ks, scale=0.5, delta=64, tag=f'rgba_k{ks}')
    for border in BORDERS:
        sobel(p['gray'], 1, 0, 3, delta=100, border=border, tag=f'{border}')
        sobel(p['rgb'], 0, 1, 5, scale=0.25, delta=128, border=border, tag=f'rgb_k5_{border}')
        sobel(t[(3, 5, 4)], 1, 1, 3, scale=2, delta=128, border=border, tag=f'n3x5x4_{border}')
        sobel(t[(13, 17, 1)], 2, 0, 7, scale=1 / 64, delta=128, border=border, tag=f'n13x17_k7_{border}')
    for scale, delta in [(2, 0), (0.5, 3), (0.125, 0.5), (1 / 16, 100.25), (4, -5.25), (-1, 255), (1, 127.5), (3, 1)]:
        sobel(p['gray'], 1, 0, 3, scale=scale, delta=delta, tag=f'scale{scale}_delta{delta}')
        sobel(p['gray'], 0, 1, 5, scale=scale, delta=delta, tag=f'k5_scale{scale}_delta{delta}')
    for i, image in enumerate(tiny):
        sobel(image, 1, 0, 3, delta=128, tag=f'tiny{i}_dx')
    for i, image in enumerate(tiny[::2]):
        sobel(image, 0, 1, 1, delta=128, tag=f'tiny{i}_k1_dy')
        sobel(image, 1, 1, 5, scale=0.125, delta=128, border='replicate', tag=f'tiny{i}_k5')
        sobel(image, 0, 1, -1, scale=0.25, delta=128, border='constant', tag=f'tiny{i}_scharr')

    # ---------------------------------------------------------------- scharr, uint8
    def scharr(image, dx, dy, scale=1, delta=0, border='reflect101', ddepth='uint8', tag=''):
        o = sobel_opts(3, scale, delta, border, ddepth)
        args = [dx, dy] + ([o] if o else [])
        fn = lambda a: cv2.Scharr(as2(a), DEPTHS[ddepth], dx, dy, scale=scale, delta=delta, borderType=BORDERS[border])
        ref = f'cv2.Scharr(a, {DEPTHS[ddepth]}, {dx}, {dy}, scale={scale}, delta={delta}, borderType={border})'
        if ddepth == 'uint8':
            case('scharr', image, args, fn, ref, tag=tag)
        else:
            depth_case('scharr', image, args, fn, ref, ddepth, tag=tag)

    for dx, dy in [(1, 0), (0, 1)]:
        scharr(p['gray'], dx, dy, delta=128, tag=f'd{dx}{dy}')
        scharr(p['rgb'], dx, dy, scale=0.25, delta=128, tag=f'rgb_d{dx}{dy}')
        scharr(p['rgba'], dx, dy, scale=0.125, delta=64.5, border='reflect', tag=f'rgba_d{dx}{dy}')
    for border in BORDERS:
        scharr(p['gray'], 0, 1, scale=0.5, delta=10, border=border, tag=border)
    for i, image in enumerate(tiny[::2]):
        scharr(image, 1, 0, scale=0.0625, delta=128, tag=f'tiny{i}')

    # ---------------------------------------------------------------- laplacian, uint8
    def laplacian(image, ksize=1, scale=1, delta=0, border='reflect101', ddepth='uint8', tag=''):
        o = sobel_opts(3, scale, delta, border, ddepth)
        if ksize != 1: o['ksize'] = ksize
        args = [o] if o else []
        fn = lambda a: cv2.Laplacian(as2(a), DEPTHS[ddepth], ksize=ksize, scale=scale, delta=delta, borderType=BORDERS[border])
        ref = f'cv2.Laplacian(a, {DEPTHS[ddepth]}, ksize={ksize}, scale={scale}, delta={delta}, borderType={border})'
        if ddepth == 'uint8':
            case('laplacian', image, args, fn, ref, tag=tag)
        else:
            depth_case('laplacian', image, args, fn, ref, ddepth, tag=tag)

    for ks in (1, 3, 5, 7):
        laplacian(p['gray'], ks, tag=f'k{ks}')
        laplacian(p['gray'], ks, delta=128, scale=0.25 if ks < 7 else 1 / 64, tag=f'k{ks}_delta')
        laplacian(p['rgb'], ks, delta=100, tag=f'rgb_k{ks}')
        laplacian(p['rgba'], ks, scale=2, delta=7, tag=f'rgba_k{ks}')
        for border in (BORDERS if ks in (1, 5) else ()):
            laplacian(p['rgb'], ks, scale=0.5, delta=128, border=border, tag=f'rgb_k{ks}_{border}')
    # seeded noise where convertTo's fused multiply-add and a product-then-sum differ (found by
    # trying seeds in order; the search only selects the input)
    laplacian(add_input('lapfma3x5x4', np.random.default_rng(5).integers(0, 256, (3, 5, 4), dtype=np.uint8),
                        'numpy.random.default_rng(5).integers(0, 256, (3, 5, 4))'), 5, scale=1.3, delta=0.3, tag='fused')
    for i, image in enumerate(tiny):
        laplacian(image, 1, delta=128, tag=f'tiny{i}_k1')
        laplacian(image, 5, scale=0.125, delta=128, tag=f'tiny{i}_k5')
    for i, image in enumerate(tiny[::3]):
        laplacian(image, 3, scale=0.5, delta=128, border='replicate', tag=f'tiny{i}_k3')
        laplacian(image, 7, scale=1 / 256, delta=128, border='constant', tag=f'tiny{i}_k7')

    # ---------------------------------------------------------------- canny
    def canny(image, t1, t2, aperture=3, L2=False, tag=''):
        o = {}
        if aperture != 3: o['apertureSize'] = aperture
        if L2: o['L2gradient'] = True
        fn = lambda a: cv2.Canny(as2(a), t1, t2, apertureSize=aperture, L2gradient=L2)
        ref = f'cv2.Canny(a, {t1}, {t2}, apertureSize={aperture}, L2gradient={L2})'
        case('canny', image, [t1, t2] + ([o] if o else []), fn, ref, tag=tag)

    for t1, t2 in [(50, 150), (100, 250)]:
        canny(p['gray64'], t1, t2, tag=f'gray64_{t1}_{t2}')
        canny(p['gray64'], t1, t2, L2=True, tag=f'gray64_{t1}_{t2}_L2')
    for image, name in [(p['gray40'], 'gray40'), (p['rgb32'], 'rgb32')]:
        for t1, t2 in [(50, 150), (20, 60), (200, 80), (0, 0), (10.7, 30.2)]:
            canny(image, t1, t2, tag=f'{name}_{t1}_{t2}')
            canny(image, t1, t2, L2=True, tag=f'{name}_{t1}_{t2}_L2')
        for ap in (5, 7):
            for t1, t2 in [(150, 450), (1000, 3000)]:
                canny(image, t1, t2, ap, tag=f'{name}_a{ap}_{t1}_{t2}')
                canny(image, t1, t2, ap, L2=True, tag=f'{name}_a{ap}_{t1}_{t2}_L2')
    canny(p['rgba'], 50, 150, tag='rgba')
    canny(p['rgba'], 30, 90, 5, True, tag='rgba_a5_L2')
    for i, image in enumerate(tiny):
        canny(image, 30, 100, tag=f'tiny{i}')
    for i, image in enumerate(tiny[::2]):
        canny(image, 50, 200, 5, True, tag=f'tiny{i}_a5_L2')

    # ---------------------------------------------------------------- int16 / float32 results
    for image, nm in [(p['gray'], 'gray'), (p['rgb'], 'rgb')]:
        for ddepth in ('int16', 'float32'):
            sobel(image, 1, 0, 3, ddepth=ddepth, tag=f'{nm}_{ddepth}')
            if nm == 'gray':
                sobel(image, 0, 1, 7, scale=0.5, delta=-3.25, border='replicate', ddepth=ddepth, tag=f'{nm}_{ddepth}_k7')
            scharr(image, 0, 1, delta=2.5, ddepth=ddepth, tag=f'{nm}_{ddepth}')
            laplacian(image, 3, scale=2, delta=1.5, ddepth=ddepth, tag=f'{nm}_{ddepth}_k3')
            if nm == 'gray':
                laplacian(image, 5, scale=0.25, delta=-1.5, border='constant', ddepth=ddepth, tag=f'{nm}_{ddepth}_k5')
    for ddepth in ('int16', 'float32'):
        sobel(p['gray'], 2, 1, 5, scale=3, delta=0.5, ddepth=ddepth, tag=f'gray_{ddepth}_int_scale_delta0.5')
        sobel(p['gray'], 1, 1, 3, delta=1.5, ddepth=ddepth, tag=f'gray_{ddepth}_delta1.5')
        sobel(p['gray'], 0, 1, 7, scale=64, ddepth=ddepth, tag=f'gray_{ddepth}_saturating')
        laplacian(p['gray'], 7, ddepth=ddepth, tag=f'gray_{ddepth}_k7')
        laplacian(p['gray'], 1, delta=-0.5, ddepth=ddepth, tag=f'gray_{ddepth}_k1')
        sobel(t[(3, 5, 4)], 1, 0, 5, scale=0.25, ddepth=ddepth, tag=f'n3x5x4_{ddepth}')
        laplacian(t[(1, 7, 3)], 5, scale=0.5, delta=1, ddepth=ddepth, tag=f'n1x7x3_{ddepth}_k5')
        laplacian(t[(7, 1, 1)], 7, scale=0.25, delta=3, ddepth=ddepth, tag=f'n7x1x1_{ddepth}_k7')
    for dx, dy in [(1, 0), (0, 1)]:
        sobel(p['gray40'], dx, dy, 7, scale=1 / 16, border='replicate', ddepth='int16', tag=f'gray40_k7_canny_d{dx}{dy}')
    # convertScaleAbs of int16 arrays where a fused multiply-add and a product-then-sum differ
    # (|-629·0.3 + 0.2| is 188 fused, 189 otherwise), short (scalar loop) and long (SIMD loop)
    for n in (3, 40):
        arr = np.resize(np.array([-629, -609, -589, 100, -7], np.int16), n)[None, :]
        fname = f'i16_{n}.npy'
        np.save(os.path.join(OUT_DEPTH, fname), arr, allow_pickle=False)
        r = run_twice(lambda x: cv2.convertScaleAbs(x, alpha=0.3, beta=0.2), [arr])
        m = len(depth_cases) + 1
        np.save(os.path.join(OUT_DEPTH, f'd{m:04d}.npy'), as3(r), allow_pickle=False)
        depth_cases.append({'id': f'{m:04d}_convertScaleAbs_int16_{n}', 'call': 'convertScaleAbs', 'args': [{'$i16': fname}, 0.3, 0.2],
                            'expect': f'd{m:04d}.npy', 'dtype': 'uint8', 'ref': f'cv2.convertScaleAbs(a, alpha=0.3, beta=0.2)', 'tol': EXACT})
    # convertScaleAbs of the gradients (cv2.convertScaleAbs on CV_16S / CV_32F)
    for ddepth in ('int16', 'float32'):
        for (dx, dy, ks, sc, de, alpha, beta, image, nm) in [
                (1, 0, 3, 1, 0, 1, 0, p['gray'], 'gray'), (0, 1, 5, 1, 0, 0.25, 0, p['rgb'], 'rgb'),
                (1, 1, 3, 1, 0, 2, -3, p['gray'], 'gray'), (1, 0, -1, 1, 0, 0.5, 0.5, p['rgb'], 'rgb'),
                (0, 1, 3, 1, 0, 0.3, 1.7, p['gray'], 'gray'), (1, 0, 3, 0.5, 0, 0.7, 0, t[(3, 5, 1)], 'n3x5x1'),
                (0, 1, 3, 1, 0, 0.3, 0.2, t[(1, 7, 1)], 'n1x7x1')]:
            g = sobel_fn(dx, dy, ks, sc, de, 'reflect101', ddepth)
            fn = lambda a, g=g, alpha=alpha, beta=beta: cv2.convertScaleAbs(g(a), alpha=alpha, beta=beta)
            ref = f'cv2.convertScaleAbs({sobel_ref(dx, dy, ks, sc, de, "reflect101", ddepth)}, alpha={alpha}, beta={beta})'
            depth_case('convertScaleAbs', image, [dx, dy, sobel_opts(ks, sc, de, 'reflect101', ddepth)], fn, ref, 'uint8',
                       tag=f'{nm}_{ddepth}_{alpha}_{beta}', abs_of={'alpha': alpha, 'beta': beta})
    # non-dyadic scale / delta: OpenCV's float32 multiply-add order differs from one rounding
    for ddepth in ('uint8', 'int16', 'float32'):
        tol = {'kind': 'maxabs', 'value': 1} if ddepth != 'float32' else {'kind': 'rel', 'value': 2e-6, 'abs': 1e-4}
        for (dx, dy, ks) in [(1, 0, 3), (0, 1, 3), (1, 0, 5)]:
            o = sobel_opts(ks, 0.3, 0.7, 'reflect101', ddepth)
            depth_case('sobel', p['gray'], [dx, dy, o], sobel_fn(dx, dy, ks, 0.3, 0.7, 'reflect101', ddepth),
                       sobel_ref(dx, dy, ks, 0.3, 0.7, 'reflect101', ddepth), ddepth, tol=tol,
                       tag=f'nondyadic_{ddepth}_d{dx}{dy}_k{ks}')

    fx.write('edges', 'test/golden/generate_edges.py', cases,
             extra={'versions': {'cv2': cv2.__version__, 'numpy': np.__version__}})
    manifest = {'set': 'edges-depth', 'generator': 'test/golden/generate_edges.py',
                'versions': {'cv2': cv2.__version__, 'numpy': np.__version__},
                'inputs': {k: 'in ../fixtures/edges/: ' + v[1] for k, v in sorted(depth_inputs.items())}, 'cases': depth_cases}
    with open(os.path.join(OUT_DEPTH, 'cases.json'), 'w', encoding='utf-8') as f:
        f.write(manifest_text(manifest))
    print(f'{len(cases)} image cases, {folder_size(OUT)} bytes in {OUT}')
    print(f'{len(depth_cases)} depth cases, {folder_size(OUT_DEPTH)} bytes in {OUT_DEPTH}')


if __name__ == '__main__':
    main()
