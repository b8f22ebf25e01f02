#!/usr/bin/python3
"""Golden fixtures for pixelarray's filters, computed by OpenCV 4.6 and Pillow.

Run with Debian's python3 (numpy, cv2 4.6, PIL 9.4, skimage):

    /usr/bin/python3 test/golden/generate_filters.py

Writes test/golden/fixtures/filters/manifest.json and the .npy files it names, after deleting every
old .npy and manifest.json in that folder, plus gaussian_kernels.json (OpenCV's 8-bit fixed-point
Gaussian kernels for a sweep of sizes and sigmas). The manifest has the format of
test/golden/fixtures/manifest.json (see test/golden/README.md); the lead's golden.test.ts runs every
case on contiguous inputs and on strided views.

Every expected output is a reference call (its `ref` string); each is run twice on fresh copies of
its inputs (identical bytes, inputs untouched). Single-channel images go to cv2 as 2-D arrays and to
Pillow in mode 'L'; 2 channels are Pillow 'LA', 3 'RGB', 4 'RGBA'.
"""
import json
import os

import cv2
import numpy as np
import PIL
import skimage
import skimage.data
from PIL import Image, ImageFilter

from golden_common import Fixtures, as2, as3, clear_fixtures, folder_size, photos, run_twice

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures', 'filters')

EXACT = {'kind': 'exact'}
MAXABS1 = {'kind': 'maxabs', 'value': 1}

BORDERS = {
    'reflect101': cv2.BORDER_REFLECT_101,
    'replicate': cv2.BORDER_REPLICATE,
    'reflect': cv2.BORDER_REFLECT,
    'constant': cv2.BORDER_CONSTANT,
    'wrap': cv2.BORDER_WRAP,
}

fx = Fixtures(OUT, repeat_inputs=True)
inputs, add_input, img, save_expect = fx.inputs, fx.add_input, fx.img, fx.save_image
cases = []


def case(call, image, rest, fn, ref, tol=EXACT, tag=''):
    """One case: `call(image, *rest)` must equal `fn(image array)` (a reference call)."""
    n = len(cases) + 1
    r = run_twice(fn, [img(image)])
    assert as3(r).shape == as3(img(image)).shape, (call, ref, r.shape)
    expect = save_expect(r, f'x{n:04d}.npy')
    cases.append({'id': f'{n:04d}_{call}' + (f'_{tag}' if tag else ''), 'call': call,
                  'args': [image, *rest], 'expect': expect, 'ref': ref, 'tol': tol})


# --------------------------------------------------------------------------------------------
# inputs: photo crops (scikit-image sample images) and seeded noise in tiny/odd shapes
# --------------------------------------------------------------------------------------------

def photo_inputs():
    chelsea, coffee = skimage.data.chelsea(), skimage.data.coffee()
    astro, camera = skimage.data.astronaut(), skimage.data.camera()
    p = {}
    p['rgb'] = add_input('chelsea_23x31', chelsea[100:123, 190:221], 'skimage.data.chelsea()[100:123, 190:221]')
    p['rgb2'] = add_input('coffee_29x37', coffee[150:179, 250:287], 'skimage.data.coffee()[150:179, 250:287]')
    p['rgb3'] = add_input('astronaut_40x56', astro[90:130, 200:256], 'skimage.data.astronaut()[90:130, 200:256]')
    p['gray'] = add_input('camera_27x35', camera[100:127, 220:255], 'skimage.data.camera()[100:127, 220:255] (2-D)')
    rgba = np.dstack([coffee[60:85, 300:333], camera[300:325, 100:133]])
    p['rgba'] = add_input('rgba_25x33', rgba, 'coffee()[60:85, 300:333] with alpha camera()[300:325, 100:133]')
    la = np.dstack([camera[200:219, 300:321], astro[10:29, 10:31, 0]])
    p['la'] = add_input('la_19x21', la, 'camera()[200:219, 300:321] with alpha astronaut()[10:29, 10:31, 0]')
    five = np.dstack([chelsea[50:67, 60:79], coffee[20:37, 40:59, :2]])
    p['five'] = add_input('five_17x19x5', five, 'chelsea()[50:67, 60:79] + coffee()[20:37, 40:59, :2] (5 channels)')
    return p


def noise_inputs():
    rng = np.random.default_rng(20240612)
    t = {}
    for (h, w) in [(1, 1), (1, 9), (9, 1), (2, 3), (3, 5), (4, 4), (13, 17)]:
        for c in (1, 3, 4):
            a = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
            a = a[:, :, 0] if c == 1 else a
            t[(h, w, c)] = add_input(f'n{h}x{w}x{c}', a, f'seeded uniform noise {h}x{w}x{c}')
    return t


def tie_input(h, w, c):
    """Seeded 230/231 noise whose 20×15 window sums (reflect101) hit, both in the first len & ~7
    elements of some row and in the last len % 8, a sum where float32 and double division by 300
    round differently (found by trying seeds in order; the search only selects the input)."""
    n = 300
    s_all = np.arange(0, 255 * n + 1)
    f64 = np.round(s_all * (1.0 / n))
    f32 = np.round((s_all.astype(np.float32) * np.float32(1.0 / n)).astype(np.float32))
    special = set(s_all[f64 != f32].tolist())
    for seed in range(1000):
        a = (230 + np.random.default_rng(seed).integers(0, 2, (h, w, c))).astype(np.uint8)
        p = cv2.copyMakeBorder(a if c > 1 else a[:, :, 0], 7, 7, 10, 9, cv2.BORDER_REFLECT_101).astype(np.int64)
        p = p if p.ndim == 3 else p[:, :, None]
        s = np.zeros((h, w, c), np.int64)
        for dy in range(15):
            for dx in range(20):
                s += p[dy:dy + h, dx:dx + w]
        rows = s.reshape(h, w * c)
        cut = (w * c) & ~7
        if any(v in special for v in rows[:, cut:].ravel()) and any(v in special for v in rows[:, :cut].ravel()):
            a = a[:, :, 0] if c == 1 else a
            return add_input(f'ties{h}x{w}x{c}', a, f'230 + numpy.random.default_rng({seed}).integers(0, 2, ({h}, {w}, {c}))')
    raise RuntimeError('no seed found')


def cv_border(border):
    return BORDERS[border]


def main():
    clear_fixtures(OUT)
    p = photo_inputs()
    t = noise_inputs()

    # ---------------------------------------------------------------------------------------
    # gaussianBlur
    def gauss(image, sigma, opts, ksize=(0, 0), sigma_y=0, border='reflect101', tag=''):
        b = cv_border(border)
        fn = lambda a: cv2.GaussianBlur(as2(a), ksize, sigma, sigmaY=sigma_y, borderType=b)
        ref = f'cv2.GaussianBlur(a, {ksize}, {sigma}, sigmaY={sigma_y}, borderType={border})'
        case('gaussianBlur', image, [sigma] + ([opts] if opts is not None else []), fn, ref, tag=tag)

    for s in (0.3, 0.5, 0.8, 1, 1.2, 1.5, 2, 2.5, 3, 4.2):
        gauss(p['rgb3'], s, None, tag=f'sigma{s}')
    for k in (1, 3, 5, 7, 9, 11, 15):
        gauss(p['rgb'], 0, {'ksize': k}, ksize=(k, k), tag=f'k{k}')
    gauss(p['rgb2'], 1.1, {'ksize': [3, 7]}, ksize=(3, 7), tag='k3x7')
    gauss(p['rgb2'], 0, {'ksize': [9, 1]}, ksize=(9, 1), tag='k9x1')
    gauss(p['rgb2'], 2, {'ksize': [0, 5]}, ksize=(0, 5), tag='k0x5')
    gauss(p['rgb2'], 1.3, {'ksize': 9, 'sigmaY': 2.7}, ksize=(9, 9), sigma_y=2.7, tag='sigmaY')
    gauss(p['rgb2'], 0.9, {'sigmaY': 3.1}, sigma_y=3.1, tag='sigmaY_auto')
    gauss(p['gray'], 1.7, {'ksize': 5}, ksize=(5, 5), tag='k5_sigma1.7')
    gauss(p['gray'], 6, {'ksize': 3}, ksize=(3, 3), tag='flat3')
    for border in BORDERS:
        gauss(p['rgb'], 1.4, {'border': border}, border=border, tag=border)
        gauss(p['gray'], 0, {'ksize': 5, 'border': border}, ksize=(5, 5), border=border, tag=f'gray_{border}')
        gauss(p['rgba'], 2.2, {'border': border}, border=border, tag=f'rgba_{border}')
    # OpenCV's fixed kernels, run on 16-bit lanes (fused for RGB): mixed sizes, borders, channels
    for k in ([3, 5], [5, 3], [1, 5], [5, 1], [1, 3], [3, 1]):
        gauss(p['rgb'], 0, {'ksize': k}, ksize=tuple(k), tag=f'k{k[0]}x{k[1]}')
    for key in ('rgb2', 'gray', 'rgba', 'la', 'five'):
        for k in (3, 5):
            gauss(p[key], 0, {'ksize': k, 'border': 'reflect'}, ksize=(k, k), border='reflect', tag=f'{key}_k{k}')
    for key in ('rgb', 'gray', 'rgba'):
        gauss(p[key], 0.6, {'ksize': 3}, ksize=(3, 3), tag=f'{key}_k3_sigma0.6')
    gauss(p['la'], 1.5, None, tag='2ch')
    gauss(p['five'], 1.5, {'border': 'replicate'}, border='replicate', tag='5ch')
    # images smaller than the kernel, 1-pixel rows and columns
    for (h, w, c), ref in t.items():
        for border in BORDERS:
            if c == 3 or (h, w) in ((1, 9), (2, 3)):
                gauss(ref, 2, {'border': border}, border=border, tag=f'tiny{h}x{w}x{c}_{border}')
                for k in (3, 5):
                    gauss(ref, 0, {'ksize': k, 'border': border}, ksize=(k, k), border=border,
                          tag=f'tiny{h}x{w}x{c}_k{k}_{border}')
                gauss(ref, 0.3, {'border': border}, border=border, tag=f'tiny{h}x{w}x{c}_sigma0.3_{border}')

    # ---------------------------------------------------------------------------------------
    # blur (box filter, normalized)
    def box(image, ksize, border='reflect101', tag=''):
        kw, kh = (ksize, ksize) if isinstance(ksize, int) else ksize
        b = cv_border(border)
        fn = lambda a: cv2.blur(as2(a), (kw, kh), borderType=b)
        opts = [{'border': border}] if border != 'reflect101' else []
        case('blur', image, [ksize] + opts, fn, f'cv2.blur(a, ({kw}, {kh}), borderType={border})', tag=tag)

    # power-of-two areas: OpenCV's rounding term is n/2 + 1 there (a blur of zeros by (2, 1) is 1)
    box(add_input('zeros_4x7', np.zeros((4, 7), np.uint8), 'numpy.zeros((4, 7)) (2-D)'), [2, 1], tag='zeros_k2x1')
    for k in (1, 2, 3, 4, 5, 7, 8, [2, 1], [1, 2], [7, 3], [3, 7], [4, 6], [1, 5], [9, 1], 15, 16, 17, [20, 15], [31, 9]):
        box(p['rgb3'], k, tag=f'k{k}'.replace(' ', ''))
    for border in ('reflect101', 'replicate', 'reflect', 'constant'):
        box(p['rgb'], 5, border, tag=border)
        box(p['gray'], [6, 3], border, tag=f'gray_{border}')
        box(p['rgba'], 4, border, tag=f'rgba_{border}')
        box(p['rgb2'], 17, border, tag=f'k17_{border}')
    # Areas above 256 divide in float32 in OpenCV's vector loop but in double in the scalar tail
    # of each row (its last len % 8 elements); for area 300 the two disagree on 32 sums. These
    # inputs (values 230/231) put such sums both in the vector part and in the tail.
    for (h, w, c) in ((16, 21, 1), (16, 7, 3)):
        box(tie_input(h, w, c), [20, 15], tag=f'tail{h}x{w}x{c}')
    # windows taller than 257 rows (32-bit column sums) and areas above 256 (int division)
    box(t[(13, 17, 3)], [3, 301], tag='k3x301')
    box(t[(13, 17, 1)], [2, 200], 'constant', tag='k2x200')
    box(p['la'], 3, tag='2ch')
    box(p['five'], 5, 'replicate', tag='5ch')
    for (h, w, c), ref in t.items():
        for border in ('reflect101', 'replicate', 'reflect', 'constant'):
            if c == 3 or (h, w) in ((1, 9), (9, 1)):
                box(ref, 5, border, tag=f'tiny{h}x{w}x{c}_{border}')

    # ---------------------------------------------------------------------------------------
    # medianBlur (cv2: BORDER_REPLICATE; sorting networks for 3 and 5, histograms above)
    def median(image, k, tag=''):
        case('medianBlur', image, [k], lambda a: cv2.medianBlur(as2(a), k), f'cv2.medianBlur(a, {k})', tag=tag)

    for k in (1, 3, 5, 7, 9, 15, 21):
        median(p['rgb3'], k, tag=f'k{k}')
        median(p['gray'], k, tag=f'gray_k{k}')
    for k in (3, 5, 7):
        median(p['rgba'], k, tag=f'rgba_k{k}')
    median(p['la'], 3, tag='2ch_k3')
    median(p['la'], 5, tag='2ch_k5')
    for (h, w, c), ref in t.items():
        for k in (3, 5, 7):
            median(ref, k, tag=f'tiny{h}x{w}x{c}_k{k}')

    # ---------------------------------------------------------------------------------------
    # filter2D (OpenCV accumulates in float32; integer kernels are exact, others within 1)
    def f2d(image, kernel, delta=0, border='reflect101', tol=MAXABS1, tag=''):
        k = np.array(kernel, dtype=np.float64)
        b = cv_border(border)
        fn = lambda a: cv2.filter2D(as2(a), -1, k, delta=delta, borderType=b)
        opts = {}
        if delta != 0:
            opts['delta'] = delta
        if border != 'reflect101':
            opts['border'] = border
        case('filter2D', image, [kernel] + ([opts] if opts else []), fn,
             f'cv2.filter2D(a, -1, np.array({kernel}), delta={delta}, borderType={border})', tol, tag)

    emboss_k = [[-1, 0, 0], [0, 1, 0], [0, 0, 0]]
    sharpen = [[0, -1, 0], [-1, 5, -1], [0, -1, 0]]
    f2d(p['rgb3'], emboss_k, 128, tol=EXACT, tag='emboss')
    f2d(p['rgb3'], sharpen, tol=EXACT, tag='sharpen')
    f2d(p['rgb3'], [[1]], tol=EXACT, tag='identity')
    f2d(p['rgb3'], [[2]], -30, tol=EXACT, tag='scale2')
    f2d(p['rgb3'], [[1, 2, 1], [2, 4, 2], [1, 2, 1]], -900, tol=EXACT, tag='int_delta')
    f2d(p['rgb3'], [[0.04] * 5] * 5, tag='box5')
    f2d(p['rgb3'], [[1 / 9] * 3] * 3, 0.5, tag='box3_delta')
    f2d(p['rgb3'], [[1, 2, 0], [0, -2, 1], [0.5, 0, -1], [0, 0, 0.25]], 10, tag='asym4x3')
    f2d(p['rgb3'], [[0.25, 0.25], [0.25, 0.25]], tag='even2x2')
    f2d(p['rgb3'], [[1, 0, -1, 2]], tag='row1x4')
    f2d(p['rgb3'], [[0.3], [0.5], [0.2]], tag='col3x1')
    f2d(p['rgb3'], [[-0.7, 1.3, 0.1], [2.9, -1.1, 0.35], [0.05, -0.3, 0.6]], 3.25, tag='floats')
    for border in ('reflect101', 'replicate', 'reflect', 'constant'):
        f2d(p['rgb'], sharpen, border=border, tol=EXACT, tag=f'sharpen_{border}')
        f2d(p['gray'], [[0.1, 0.2, 0.1], [0.05, 0.1, 0.05], [0.1, 0.2, 0.1], [0.02, 0.03, 0.05]], border=border,
            tag=f'gray_{border}')
        f2d(p['rgba'], [[1, -1], [-1, 1]], 100, border=border, tol=EXACT, tag=f'rgba_{border}')
    f2d(p['la'], sharpen, tol=EXACT, tag='2ch')
    f2d(p['five'], sharpen, 7, 'replicate', tol=EXACT, tag='5ch')
    # kernels of 130 taps or more: OpenCV filters through the DFT (and then accepts 'wrap')
    rng = np.random.default_rng(7)
    big = (rng.integers(-4, 9, (11, 13)) / 60).round(4).tolist()
    for border in BORDERS:
        f2d(p['rgb3'], big, 20, border=border, tag=f'dft11x13_{border}')
    f2d(p['gray'], [[1 / 144] * 12] * 12, border='wrap', tag='dft12x12_wrap')
    for (h, w, c), ref in t.items():
        for border in ('reflect101', 'replicate', 'reflect', 'constant'):
            if c == 3 or (h, w) in ((1, 9), (9, 1)):
                f2d(ref, [[1, 2, 1], [0, 3, 0], [-1, -2, -1], [0, 1, 0], [1, 1, 1]], -50, border, EXACT,
                    tag=f'tiny{h}x{w}x{c}_{border}')

    # ---------------------------------------------------------------------------------------
    # emboss (Pillow ImageFilter.EMBOSS)
    modes = {1: 'L', 2: 'LA', 3: 'RGB', 4: 'RGBA'}

    def emboss(image, tag=''):
        a = img(image)
        mode = modes[as3(a).shape[2]]

        def fn(x):
            return np.asarray(Image.fromarray(as2(x), mode).filter(ImageFilter.EMBOSS))
        case('emboss', image, [], fn, f"Image.fromarray(a, '{mode}').filter(ImageFilter.EMBOSS)", tag=tag)

    for key in ('rgb', 'rgb3', 'gray', 'rgba', 'la'):
        emboss(p[key], tag=key)
    for (h, w, c), ref in t.items():
        emboss(ref, tag=f'tiny{h}x{w}x{c}')

    # ---------------------------------------------------------------------------------------
    fx.write('pixelarray filters', f'test/golden/generate_filters.py: OpenCV {cv2.__version__}, NumPy {np.__version__}, '
             f'Pillow {PIL.__version__}, scikit-image {skimage.__version__} (photos)', cases)

    # Fixed-point Gaussian kernels: cv2.getGaussianKernel (softdouble values) turned into OpenCV's
    # ufixedpoint16 kernels by its error diffusion (IEEE double steps, round half to even).
    kernels = []
    for n in list(range(1, 42, 2)) + [63, 101]:
        for s in (0, 0.1, 0.3, 0.5, 0.8, 1, 1.2, 1.5, 1.7, 2, 2.5, 3, 3.3, 4, 5, 7.5, 10, 1 / 3, 0.7071, 6.28):
            k = cv2.getGaussianKernel(n, s, cv2.CV_64F).ravel().tolist()
            fixed, err, total = [0] * n, 0.0, 0
            for i in range(n // 2):
                adj = k[i] * 256 + err
                v = round(adj)   # Python rounds half to even, as cvRound
                err = adj - v
                fixed[i] = fixed[n - 1 - i] = v
                total += v
            fixed[n // 2] = 256 - 2 * total
            entry = {'n': n, 'sigma': s, 'fixed': fixed}
            if n <= 9:
                entry['kernel'] = [float.hex(v) for v in k]
            kernels.append(entry)
    with open(os.path.join(OUT, 'gaussian_kernels.json'), 'w') as f:
        f.write('[\n' + ',\n'.join(json.dumps(k) for k in kernels) + '\n]\n')

    size = folder_size(OUT)
    print(f'{len(cases)} cases, {len(inputs)} inputs, {size / 1024:.0f} KiB in {OUT}')


if __name__ == '__main__':
    main()
