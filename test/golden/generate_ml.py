#!/usr/bin/python3
"""Golden fixtures for pixelarray's ML helpers: float32 tensors and Keras-style augmentation.

Run with Debian's python3, which has numpy, cv2 (OpenCV 4.6), PIL (Pillow 9.4), scipy and skimage:

    /usr/bin/python3 test/golden/generate_ml.py

Writes test/golden/fixtures/ml/:
- manifest.json: cases whose result is an image, in the format of test/golden/README.md (run by
  golden.test.ts with every other family): `enhanceBrightness` (Pillow's ImageEnhance.Brightness),
  `applyTransform` (the affine warp as cv2.warpAffine with WARP_INVERSE_MAP, then np.flip, then
  Pillow's brightness), `transformMatrix` (the matrix, plain float64 arithmetic) and `fromFloat32`
  (np.clip(np.rint(x * 255), 0, 255).astype(np.uint8)).
- tensors.json: cases whose result is a float32 tensor (`toFloat32`, `toBatch`), compared bit for
  bit by test/ml/tensor.test.ts: NumPy's float32 `img.astype(np.float32) / 255`, `* scale`,
  `/ divisor`, `(x - mean) / std` and np.stack.

Before writing, the script checks the formulas pixelarray documents against the references on
every byte value: Pillow's brightness is trunc(float32(float32(f) * v)) clipped, for 2,000 factors;
`x.astype(np.float32) / 255` is the correctly rounded float32 quotient; NumPy's cast of NaN to uint8
gives 0 here. It also prints how far Keras' own resampler (scipy.ndimage.affine_transform, order 1)
is from OpenCV's fixed-point bilinear on the same matrices (docs/ml.md quotes the numbers).
Deterministic: two runs give identical files.
"""
import math
import os

import cv2
import numpy as np
import PIL
import scipy
import scipy.ndimage
import skimage
import skimage.data
from PIL import Image, ImageEnhance

from golden_common import clear_fixtures, folder_size, manifest_text

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures', 'ml')
EXACT = {'kind': 'exact'}

inputs, notes, cases, tensor_cases = {}, {}, [], []
files = {}


def save(fname, arr):
    arr = np.ascontiguousarray(arr)
    assert fname not in files, fname
    files[fname] = arr
    return fname


def add_input(name, arr, note):
    arr = np.ascontiguousarray(arr)
    assert arr.dtype == np.uint8 and arr.ndim == 3, (name, arr.dtype, arr.shape)
    fname = f'in_{name}.npy'
    save(fname, arr)
    inputs[fname] = arr
    notes[fname] = note
    return {'$img': fname}


def img(ref):
    return inputs[ref['$img']]


MODES = {1: 'L', 2: 'LA', 3: 'RGB', 4: 'RGBA'}


def pil_brightness(a, factor):
    """ImageEnhance.Brightness(image).enhance(factor) on an H×W×C uint8 array."""
    c = a.shape[2]
    im = Image.fromarray(a[:, :, 0] if c == 1 else a, MODES[c])
    out = np.asarray(ImageEnhance.Brightness(im).enhance(factor))
    return out[:, :, None] if out.ndim == 2 else out


def brightness_formula(a, factor):
    """What pixelarray computes: trunc(float32(float32(f) * v)), clipped; the alpha of LA/RGBA kept."""
    t = (np.float32(factor) * a.astype(np.float32)).astype(np.float32)
    r = np.where(t <= 0, 0, np.where(t >= 255, 255, np.trunc(t))).astype(np.uint8)
    if a.shape[2] in (2, 4):
        r[:, :, -1] = a[:, :, -1]
    return r


def check_brightness_formula():
    ramp = np.arange(256, dtype=np.uint8).reshape(1, 256, 1)
    rng = np.random.default_rng(20240611)
    factors = list(rng.uniform(0, 3, 2000)) + [0, 1, 0.1, 0.3, 0.7, 1.1, 1.3, 255 / 254, 1e-9, 7.5]
    for f in factors:
        assert np.array_equal(pil_brightness(ramp, f), brightness_formula(ramp, f)), f
    print(f'Pillow brightness = trunc(float32(float32(f)·v)) on every byte for {len(factors)} factors')


def brightness_cases(ramp, rgb, gray, la, rgba):
    for f in [0.0, 0.1, 0.25, 0.3, 1 / 3, 0.5, 0.7, 0.9, 0.99, 1.0, 1.01, 1.1, 1.3, 1.5, 2.0, 2.5, 3.7, 100.0,
              -0.5, 0.123456789, 1.23456789]:
        expect = pil_brightness(img(ramp), f)
        fname = save(f'brightness_ramp_{len(cases):03d}.npy', expect)
        cases.append({'id': f'b{len(cases):03d}_enhanceBrightness_ramp_{f:g}', 'call': 'enhanceBrightness',
                      'args': [ramp, f], 'expect': fname,
                      'ref': f"ImageEnhance.Brightness(Image.fromarray(a, 'L')).enhance({f!r})", 'tol': EXACT})
    for ref, mode, f in [(rgb, 'RGB', 1.37), (rgb, 'RGB', 0.61), (gray, 'L', 1.8), (la, 'LA', 1.45), (rgba, 'RGBA', 0.55),
                         (rgba, 'RGBA', 2.2)]:
        expect = pil_brightness(img(ref), f)
        fname = save(f'brightness_{mode}_{len(cases):03d}.npy', expect)
        cases.append({'id': f'b{len(cases):03d}_enhanceBrightness_{mode}_{f:g}', 'call': 'enhanceBrightness',
                      'args': [ref, f], 'expect': fname,
                      'ref': f"ImageEnhance.Brightness(Image.fromarray(a, '{mode}')).enhance({f!r})", 'tol': EXACT})


# ---------------------------------------------------------------------------------------------
# Augmentation: the matrix exactly as src/augment/augment.ts builds it (same operations, same order)

def cos_sin(deg):
    rad = deg * (math.pi / 180)  # np.deg2rad, and what getRotationMatrix2D computes
    return math.cos(rad), math.sin(rad)


def mul(a, b):
    rows = [[a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j] for j in range(3)] for i in range(2)]
    return rows + [[0.0, 0.0, 1.0]]


def transform_matrix(p, h, w):
    """Keras' apply_affine_transform matrix in (x, y), output → input, about the pixel centre."""
    factors = []
    if p.get('theta', 0) != 0:
        c, s = cos_sin(p['theta'])
        factors.append([[c, -s, 0], [s, c, 0], [0, 0, 1]])
    if p.get('tx', 0) != 0 or p.get('ty', 0) != 0:
        factors.append([[1, 0, p.get('tx', 0)], [0, 1, p.get('ty', 0)], [0, 0, 1]])
    if p.get('shear', 0) != 0:
        c, s = cos_sin(p['shear'])
        factors.append([[1, -s, 0], [0, c, 0], [0, 0, 1]])
    if p.get('zx', 1) != 1 or p.get('zy', 1) != 1:
        factors.append([[p.get('zx', 1), 0, 0], [0, p.get('zy', 1), 0], [0, 0, 1]])
    if not factors:
        return None
    m = factors[0]
    for f in factors[1:]:
        m = mul(m, f)
    ox, oy = w / 2 - 0.5, h / 2 - 0.5
    c = mul(mul([[1, 0, ox], [0, 1, oy], [0, 0, 1]], m), [[1, 0, -ox], [0, 1, -oy], [0, 0, 1]])
    return [c[0], c[1]]


CV_BORDER = {'nearest': cv2.BORDER_REPLICATE, 'constant': cv2.BORDER_CONSTANT, 'reflect': cv2.BORDER_REFLECT,
             'wrap': cv2.BORDER_WRAP}
CV_INTER = {'bilinear': cv2.INTER_LINEAR, 'nearest': cv2.INTER_NEAREST}
scipy_stats = []


def warp(a, m, opts):
    h, w, c = a.shape
    cval = opts.get('cval', 0)
    values = [cval] * c if not isinstance(cval, list) else (cval * c if len(cval) == 1 else cval)
    values = (values + [0] * 4)[:4]
    src = a[:, :, 0] if c == 1 else a
    out = cv2.warpAffine(src, np.array(m, np.float64), (w, h),
                         flags=CV_INTER[opts.get('interpolation', 'bilinear')] | cv2.WARP_INVERSE_MAP,
                         borderMode=CV_BORDER[opts.get('fillMode', 'nearest')], borderValue=values)
    return out[:, :, None] if out.ndim == 2 else out


def keras_scipy(a, m, opts):
    """Keras' resampler: scipy.ndimage.affine_transform per channel in (row, col), order 1."""
    order = 1 if opts.get('interpolation', 'bilinear') == 'bilinear' else 0
    mode = opts.get('fillMode', 'nearest')
    cval = opts.get('cval', 0)
    mat = np.array([[m[1][1], m[1][0]], [m[0][1], m[0][0]]])
    offset = [m[1][2], m[0][2]]
    chans = []
    for k in range(a.shape[2]):
        cv = cval[0 if len(cval) == 1 else k] if isinstance(cval, list) else cval
        chans.append(scipy.ndimage.affine_transform(a[:, :, k].astype(np.float64), mat, offset, order=order,
                                                    mode=mode, cval=cv))
    return np.clip(np.rint(np.stack(chans, axis=2)), 0, 255).astype(np.uint8)


def apply_case(ref, params, opts, tag):
    a = img(ref)
    h, w, c = a.shape
    m = transform_matrix(params, h, w)
    x = a.copy()
    if m is not None:
        x = warp(a, m, opts)
        k = keras_scipy(a, m, opts)
        d = np.abs(x.astype(int) - k.astype(int))
        scipy_stats.append((tag, opts.get('fillMode', 'nearest'), int(d.max()), float(d.mean()), float((d > 1).mean())))
    if params.get('flipHorizontal'):
        x = np.flip(x, 1)
    if params.get('flipVertical'):
        x = np.flip(x, 0)
    if params.get('brightness') is not None:
        x = pil_brightness(np.ascontiguousarray(x), params['brightness'])
    assert np.array_equal(a, img(ref)), 'input modified'
    n = len(cases)
    fname = save(f'apply_{n:03d}.npy', x)
    steps = []
    if m is not None:
        steps.append(f"cv2.warpAffine(a, M, (w, h), flags={'INTER_LINEAR' if opts.get('interpolation', 'bilinear') == 'bilinear' else 'INTER_NEAREST'}"
                     f"|WARP_INVERSE_MAP, borderMode={opts.get('fillMode', 'nearest')}, borderValue=cval)")
    if params.get('flipHorizontal'):
        steps.append('np.flip(_, 1)')
    if params.get('flipVertical'):
        steps.append('np.flip(_, 0)')
    if params.get('brightness') is not None:
        steps.append(f"ImageEnhance.Brightness(_).enhance({params['brightness']!r})")
    cases.append({'id': f'a{n:03d}_applyTransform_{tag}', 'call': 'applyTransform', 'args': [ref, params, opts],
                  'expect': fname, 'ref': ' → '.join(steps) or 'a.copy()', 'tol': EXACT})
    if m is not None:
        cases.append({'id': f'm{n:03d}_transformMatrix_{tag}', 'call': 'transformMatrix', 'args': [params, [h, w, c]],
                      'expect': m, 'ref': 'C · R(theta) · T(tx, ty) · Sh(shear) · Z(zx, zy) · C⁻¹ in float64', 'tol': EXACT})


def augment_cases(rgb, gray, rgba, checker):
    apply_case(rgb, {'theta': 17.5}, {}, 'rotate_nearest_fill')
    apply_case(rgb, {'theta': -33}, {'fillMode': 'constant', 'cval': 40}, 'rotate_constant')
    apply_case(rgb, {'theta': 71.25}, {'fillMode': 'constant', 'cval': [255, 0, 128]}, 'rotate_cval_per_channel')
    apply_case(rgb, {'tx': 5, 'ty': -3}, {'fillMode': 'wrap'}, 'integer_shift_wrap')
    apply_case(rgb, {'tx': -7, 'ty': 4}, {'fillMode': 'constant', 'cval': 9}, 'integer_shift_constant')
    apply_case(rgb, {'tx': 2.5, 'ty': 1.25}, {'fillMode': 'reflect'}, 'fractional_shift_reflect')
    apply_case(rgb, {'zx': 1.3, 'zy': 0.8}, {}, 'zoom')
    apply_case(rgb, {'shear': 20}, {'fillMode': 'constant'}, 'shear')
    apply_case(rgb, {'theta': 12, 'tx': -4.2, 'ty': 3.3, 'shear': 8, 'zx': 0.9, 'zy': 1.1, 'flipHorizontal': True,
                     'brightness': 1.3}, {'fillMode': 'reflect'}, 'everything_reflect')
    apply_case(rgb, {'theta': -95, 'tx': 10.5, 'zx': 1.2, 'zy': 1.2, 'flipVertical': True, 'brightness': 0.6},
               {'fillMode': 'wrap', 'interpolation': 'nearest'}, 'everything_wrap_nearest')
    apply_case(rgb, {'flipHorizontal': True, 'flipVertical': True, 'brightness': 1.2}, {}, 'flips_brightness_no_warp')
    apply_case(rgb, {}, {}, 'identity')
    apply_case(gray, {'theta': 45, 'zx': 0.7, 'zy': 0.7}, {'fillMode': 'constant', 'cval': 255}, 'gray_rotate_zoom')
    apply_case(gray, {'theta': 30, 'flipHorizontal': True}, {'interpolation': 'nearest'}, 'gray_nearest')
    apply_case(rgba, {'theta': -20, 'brightness': 1.7}, {'fillMode': 'constant', 'cval': [10, 20, 30, 0]}, 'rgba_alpha_kept')
    apply_case(checker, {'theta': 90}, {}, 'checker_rot90')
    apply_case(checker, {'theta': 180, 'tx': 0.5}, {'fillMode': 'reflect'}, 'checker_rot180_half_shift')


# ---------------------------------------------------------------------------------------------
# Tensors

def float_file(name, arr):
    arr = np.ascontiguousarray(arr)
    assert arr.dtype == np.float32, arr.dtype
    return save(name, arr)


def tensor_case(call, args, expect, ref):
    n = len(tensor_cases)
    tensor_cases.append({'id': f't{n:03d}_{call}', 'call': call, 'args': args,
                         'expect': float_file(f't{n:03d}.npy', expect), 'ref': ref})


def check_division():
    x = np.arange(256)
    numpy_div = x.astype(np.float32) / 255
    exact = np.array([np.float32(v / 255) for v in range(256)], np.float32)  # float64 quotient, rounded once more
    assert np.array_equal(numpy_div.view(np.uint32), exact.view(np.uint32))
    mult = x.astype(np.float32) * (1 / 255)
    assert mult.dtype == np.float32
    print(f'x/255 in float32 equals round-to-float32(x/255 in float64) on all bytes; '
          f'x * (1/255) differs on {(mult != numpy_div).sum()} of 256')


def tensor_cases_all(ramp1, ramp3, crops):
    x1 = img(ramp1).astype(np.float32)
    tensor_case('toFloat32', [ramp1], x1 / 255, 'a.astype(np.float32) / 255')
    for s in [1 / 255, 1 / 127.5, 2 / 255, 0.1, 1 / 3, 0.5, 1.0, 255.0, 1e-3, -1 / 255, 3.0e-39]:
        r = x1 * s
        assert r.dtype == np.float32 and np.array_equal(r, x1 * np.float32(s))
        tensor_case('toFloat32', [ramp1, {'scale': s}], r, f'a.astype(np.float32) * {s!r}')
    for d in [127.5, 255, 3, 65535, 0.7, -2]:
        r = x1 / np.float32(d)
        tensor_case('toFloat32', [ramp1, {'divisor': d}], r, f'a.astype(np.float32) / np.float32({d!r})')
    x3 = img(ramp3).astype(np.float32)
    mean, std = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
    r = (x3 / 255 - np.array(mean, np.float32)) / np.array(std, np.float32)
    tensor_case('toFloat32', [ramp3, {'mean': mean, 'std': std}], r,
                f'(a.astype(np.float32) / 255 - np.float32({mean})) / np.float32({std})  # torchvision Normalize')
    r = x3 / np.float32(127.5) - np.float32(1)
    tensor_case('toFloat32', [ramp3, {'divisor': 127.5, 'mean': 1}], r, 'a.astype(np.float32) / 127.5 - 1')
    r = (x3 * np.float32(1 / 255) - np.float32(0.5)) / np.float32(0.25)
    tensor_case('toFloat32', [ramp3, {'scale': 1 / 255, 'mean': [0.5], 'std': 0.25}], r,
                '(a.astype(np.float32) * (1/255) - 0.5) / 0.25')
    r = x3 - np.array([123.68, 116.779, 103.939], np.float32)
    tensor_case('toFloat32', [ramp3, {'scale': 1, 'mean': [123.68, 116.779, 103.939]}], r,
                'a.astype(np.float32) - [123.68, 116.779, 103.939]  # Caffe-style mean')
    stacked = np.stack([img(c).astype(np.float32) / 255 for c in crops])
    tensor_case('toBatch', [crops], stacked, 'np.stack([a.astype(np.float32) / 255 for a in images])')
    stacked = np.stack([img(c).astype(np.float32) * np.float32(1 / 127.5) for c in crops])
    tensor_case('toBatch', [crops, {'scale': 1 / 127.5}], stacked, 'np.stack([a.astype(np.float32) * (1/127.5) ...])')


def from_float_cases():
    rng = np.random.default_rng(7)
    special = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, np.inf, -np.inf, np.nan, 1e-10, -1e-10, 0.999, 1.001, 3.0e38]
    ties = [(k + 0.5) / 255 for k in range(0, 255, 3)]  # x·255 lands on or near a half
    values = np.array(special + ties + list(rng.uniform(-0.2, 1.2, 400)), np.float32)
    values = values[: (len(values) // 6) * 6].reshape(-1, 2, 3)
    with np.errstate(invalid='ignore'):
        expect = np.clip(np.rint(values * 255), 0, 255).astype(np.uint8)
    assert expect.reshape(-1)[special.index(np.nan)] == 0, 'NaN casts to 0 here'
    f = float_file('in_floats.npy', values)
    n = len(cases)
    cases.append({'id': f'f{n:03d}_fromFloat32', 'call': 'fromFloat32', 'args': [{'$f32': f}, list(values.shape)],
                  'expect': save(f'from_{n:03d}.npy', expect), 'ref': 'np.clip(np.rint(x * 255), 0, 255).astype(np.uint8) (NaN → 0)',
                  'tol': EXACT})
    bytes_ = np.array(list(rng.uniform(-3, 258, 294)) + [0.5, 1.5, 2.5, 253.5, 254.5, 255.5], np.float32).reshape(-1, 3, 2)
    expect = np.clip(np.rint(bytes_ * np.float32(1)), 0, 255).astype(np.uint8)
    f = float_file('in_floats_bytes.npy', bytes_)
    n = len(cases)
    cases.append({'id': f'f{n:03d}_fromFloat32_scale1', 'call': 'fromFloat32', 'args': [{'$f32': f}, list(bytes_.shape), {'scale': 1}],
                  'expect': save(f'from_{n:03d}.npy', expect), 'ref': 'np.clip(np.rint(x), 0, 255).astype(np.uint8)', 'tol': EXACT})
    mean, std = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
    norm = np.array(rng.uniform(-2.5, 2.7, 240), np.float32).reshape(8, 10, 3)
    expect = np.clip(np.rint((norm * np.array(std, np.float32) + np.array(mean, np.float32)) * np.float32(255)), 0, 255).astype(np.uint8)
    f = float_file('in_floats_normalised.npy', norm)
    n = len(cases)
    cases.append({'id': f'f{n:03d}_fromFloat32_denormalise', 'call': 'fromFloat32',
                  'args': [{'$f32': f}, list(norm.shape), {'mean': mean, 'std': std}], 'expect': save(f'from_{n:03d}.npy', expect),
                  'ref': 'np.clip(np.rint((x * np.float32(std) + np.float32(mean)) * 255), 0, 255).astype(np.uint8)', 'tol': EXACT})


# ---------------------------------------------------------------------------------------------

def main():
    clear_fixtures(OUT, suffixes=('.npy', '.json'))
    check_brightness_formula()
    check_division()

    chelsea, coffee, camera = skimage.data.chelsea(), skimage.data.coffee(), skimage.data.camera()
    ramp1 = add_input('ramp_1x256x1', np.arange(256, dtype=np.uint8).reshape(1, 256, 1), 'every byte 0..255, 1×256×1')
    ramp3 = add_input('ramp_1x256x3', np.repeat(np.arange(256, dtype=np.uint8), 3).reshape(1, 256, 3),
                      'every byte 0..255 in each of 3 channels, 1×256×3')
    rgb = add_input('chelsea_37x53', chelsea[100:137, 180:233], 'skimage.data.chelsea()[100:137, 180:233]')
    gray = add_input('camera_31x45', camera[90:121, 230:275, None], 'skimage.data.camera()[90:121, 230:275] (1 channel)')
    la = add_input('la_20x26', np.dstack([camera[400:420, 60:86], skimage.data.astronaut()[20:40, 300:326, 1]]),
                   'camera()[400:420, 60:86] with astronaut()[20:40, 300:326, 1] as alpha (2 channels)')
    rgba = add_input('rgba_30x42', np.dstack([coffee[40:70, 300:342], camera[10:40, 100:142]]),
                     'coffee()[40:70, 300:342] with camera()[10:40, 100:142] as alpha')
    checker = add_input('checker_16x20x3', np.repeat(((np.indices((16, 20)).sum(0) % 2) * 255).astype(np.uint8)[:, :, None], 3, 2),
                        '16×20 0/255 checkerboard, 3 channels')
    crops = [add_input(f'coffee_6x7_{k}', coffee[200 + 9 * k:206 + 9 * k, 300:307], f'skimage.data.coffee()[{200 + 9 * k}:{206 + 9 * k}, 300:307]')
             for k in range(3)]

    brightness_cases(ramp1, rgb, gray, la, rgba)
    augment_cases(rgb, gray, rgba, checker)
    from_float_cases()
    tensor_cases_all(ramp1, ramp3, crops)

    print('Keras resampler (scipy order 1/0, rounded) vs OpenCV fixed point, geometry only:')
    for tag, mode, mx, mean, frac in scipy_stats:
        print(f'  {tag:28s} {mode:9s} max |diff| {mx:3d}, mean {mean:.3f}, values off by > 1: {100 * frac:.2f}%')
    write()


def write():
    for fname, arr in sorted(files.items()):
        np.save(os.path.join(OUT, fname), arr, allow_pickle=False)
    generator = (f'test/golden/generate_ml.py: OpenCV {cv2.__version__}, NumPy {np.__version__}, Pillow {PIL.__version__}, '
                 f'SciPy {scipy.__version__}, scikit-image {skimage.__version__} (photos)')
    used = {k: notes[k] for k in sorted(notes)}
    for name, set_name, cs in [('manifest.json', 'pixelarray ml: brightness, augmentation, fromFloat32', cases),
                               ('tensors.json', 'pixelarray ml: float32 tensors (run by test/ml/tensor.test.ts)', tensor_cases)]:
        obj = {'set': set_name, 'generator': generator, 'inputs': used, 'cases': cs}
        with open(os.path.join(OUT, name), 'w', encoding='utf-8') as f:
            f.write(manifest_text(obj))
    size = folder_size(OUT)
    print(f'{len(cases)} image cases, {len(tensor_cases)} tensor cases, {len(inputs)} inputs, {size / 1024:.0f} KiB written to {OUT}')


if __name__ == '__main__':
    main()
