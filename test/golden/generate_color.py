#!/usr/bin/python3
"""Golden fixtures for pixelarray's more cvtColor codes (issue 13), computed by OpenCV 4.6.

Run with Debian's python3 (numpy, cv2 = OpenCV 4.6, skimage):

    /usr/bin/python3 test/golden/generate_color.py

Writes test/golden/fixtures-color/:
- manifest.json, in_*.npy, x*.npy: small cases in the format of test/golden/fixtures/manifest.json
  (see test/golden/README.md): photo crops, noise, RGBA, widths that leave every HLS row tail
  (OpenCV's RGB→HLS converts each row in vectors of 8 pixels and a scalar tail, which round
  differently), pixels where the two differ, and the inverse codes on cv2's own forward outputs;
- cube.json: every code on the full cube of 2^24 byte triples, as SHA-256 hashes (first 16 hex
  digits) of cv2's output in 32 chunks of 2^19 pixels, plus the whole output's hash. The cube is
  pixel i = (i >> 16, (i >> 8) & 255, i & 255), laid out 4096×4096 (4096-pixel rows: the vector
  path everywhere) or, for the `narrow` entries, 2^24×1 (1-pixel rows: the scalar path everywhere);
  4-channel entries add alpha (i · 2654435761 mod 2^32) >> 24, which every code ignores.
  The cube itself is not stored (48 MiB a code); test/imgproc/color-more.test.ts rebuilds it.

Rules kept throughout: every expected value comes from a cv2 call (the `ref` of its case); each
reference runs twice on fresh copies of its inputs (identical results, inputs untouched).
"""
import hashlib
import json
import os
import sys

import cv2
import numpy as np
import skimage
import skimage.data

from golden_common import Fixtures, as2, clear_fixtures, folder_size, photos, run_twice

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures-color')
EXACT = {'kind': 'exact'}

if cv2.__version__ != '4.6.0':
    print(f'warning: made for OpenCV 4.6.0; running with OpenCV {cv2.__version__}', file=sys.stderr)

clear_fixtures(OUT, names=('manifest.json', 'cube.json'))
fx = Fixtures(OUT)
inputs, add_input = fx.inputs, fx.add_input
cases = []

# pixelarray code -> cv2 constant name
FORWARD = {
    'RGB2LAB': 'RGB2Lab', 'BGR2LAB': 'BGR2Lab', 'RGB2LUV': 'RGB2Luv', 'BGR2LUV': 'BGR2Luv',
    'RGB2XYZ': 'RGB2XYZ', 'BGR2XYZ': 'BGR2XYZ', 'RGB2YCrCb': 'RGB2YCrCb', 'BGR2YCrCb': 'BGR2YCrCb',
    'RGB2YUV': 'RGB2YUV', 'BGR2YUV': 'BGR2YUV', 'RGB2HLS': 'RGB2HLS', 'BGR2HLS': 'BGR2HLS',
    'RGBA2GRAY': 'RGBA2GRAY',
}
INVERSE = {
    'LAB2RGB': 'Lab2RGB', 'LAB2BGR': 'Lab2BGR', 'LUV2RGB': 'Luv2RGB', 'LUV2BGR': 'Luv2BGR',
    'XYZ2RGB': 'XYZ2RGB', 'XYZ2BGR': 'XYZ2BGR', 'YCrCb2RGB': 'YCrCb2RGB', 'YCrCb2BGR': 'YCrCb2BGR',
    'YUV2RGB': 'YUV2RGB', 'YUV2BGR': 'YUV2BGR', 'HLS2RGB': 'HLS2RGB', 'HLS2BGR': 'HLS2BGR',
}
OTHER = {'GRAY2RGBA': 'GRAY2RGBA'}
CV = {**FORWARD, **INVERSE, **OTHER}


def cvt(a, code):
    return cv2.cvtColor(as2(a), getattr(cv2, 'COLOR_' + CV[code]))


def case(a_ref, code, tag=''):
    n = len(cases) + 1
    cid = f'{n:04d}_cvtColor_{code}' + (f'_{tag}' if tag else '')
    out = run_twice(lambda a: cvt(a, code), [fx.img(a_ref)])
    expect = fx.save_image(out, f'x{n:04d}.npy')
    cases.append({'id': cid, 'call': 'cvtColor', 'args': [a_ref, code], 'expect': expect,
                  'ref': f'cv2.cvtColor(a, cv2.COLOR_{CV[code]})', 'tol': EXACT})


# --------------------------------------------------------------------------------------------
# small cases
# --------------------------------------------------------------------------------------------

chelsea, coffee, astronaut, camera = photos()
rng = np.random.default_rng(20261208)


def noise(shape):
    return rng.integers(0, 256, size=shape, dtype=np.uint8)


CH = add_input('chelsea_24x32', chelsea[120:144, 210:242], 'skimage.data.chelsea()[120:144, 210:242]')
CO = add_input('coffee_21x37', coffee[160:181, 270:307], 'skimage.data.coffee()[160:181, 270:307]')
AS = add_input('astronaut_19x27', astronaut[190:209, 230:257], 'skimage.data.astronaut()[190:209, 230:257]')
RGBA = add_input('rgba_13x29', np.dstack([coffee[50:63, 110:139], camera[310:323, 110:139]]),
                 'skimage.data.coffee()[50:63, 110:139] with alpha skimage.data.camera()[310:323, 110:139]')
GRAY = add_input('camera_11x23', camera[130:141, 210:233], 'skimage.data.camera()[130:141, 210:233] (2-D)')
NOISE = add_input('noise_16x24', noise((16, 24, 3)), 'numpy.random.default_rng(20261208) noise (16, 24, 3)')
TINY = {}
for shape in [(1, 1, 3), (1, 7, 3), (7, 1, 3), (3, 5, 4), (5, 13, 3), (2, 33, 3), (1, 1, 1), (3, 9, 1)]:
    name = 't' + 'x'.join(map(str, shape))
    arr = noise(shape)
    TINY[shape] = add_input(name, arr[:, :, 0] if shape[2] == 1 else arr,
                            f'numpy.random.default_rng(20261208) noise {shape}' + (' (2-D)' if shape[2] == 1 else ''))

# Colours whose vector and scalar RGB→HLS results differ (found on the full cube): rows of them at
# widths that leave tails of 0..7 pixels, so each position is checked on both paths.
i = np.arange(1 << 24, dtype=np.uint32)
cube = np.stack([(i >> 16) & 255, (i >> 8) & 255, i & 255], -1).astype(np.uint8)
wide_hls = cv2.cvtColor(cube.reshape(4096, 4096, 3), cv2.COLOR_RGB2HLS).reshape(-1, 3)
narrow_hls = cv2.cvtColor(cube.reshape(1 << 24, 1, 3), cv2.COLOR_RGB2HLS).reshape(-1, 3)
sensitive = cube[np.nonzero((wide_hls != narrow_hls).any(1))[0]]
print(f'{len(sensitive)} colours where OpenCV\'s vector and scalar RGB→HLS differ', file=sys.stderr)
HLS_TAIL = []
for width in (7, 8, 9, 12, 15, 21, 30):
    pick = sensitive[rng.integers(0, len(sensitive), size=(2, width))]
    HLS_TAIL.append(add_input(f'hls_tail_2x{width}', pick,
                              f'2×{width} colours drawn (rng) from those where OpenCV\'s vector and scalar RGB→HLS differ'))

for code in FORWARD:
    for a in (CH, CO, NOISE, TINY[(1, 1, 3)], TINY[(1, 7, 3)], TINY[(7, 1, 3)], TINY[(5, 13, 3)], TINY[(2, 33, 3)]):
        case(a, code)
    for a in (RGBA, TINY[(3, 5, 4)]):
        case(a, code, 'rgba')
for code in ('RGB2HLS', 'BGR2HLS'):
    for a in HLS_TAIL:
        case(a, code, 'tails')
for code, fwd in (('LAB2RGB', 'RGB2LAB'), ('LUV2RGB', 'RGB2LUV'), ('XYZ2RGB', 'RGB2XYZ'), ('YCrCb2RGB', 'RGB2YCrCb'),
                  ('YUV2RGB', 'RGB2YUV'), ('HLS2RGB', 'RGB2HLS')):
    bgr = code.replace('RGB', 'BGR')
    space = code.split('2')[0].lower()
    for src, name in ((CH, 'chelsea_24x32'), (AS, 'astronaut_19x27')):
        ref = add_input(f'{space}_{name}', cvt(fx.img(src), fwd), f'cv2.cvtColor(in_{name}.npy, cv2.COLOR_{CV[fwd]})')
        case(ref, code)
        case(ref, bgr)
    for a in (NOISE, TINY[(1, 7, 3)], TINY[(2, 33, 3)]):
        case(a, code, 'noise')
        case(a, bgr, 'noise')
for a in (GRAY, TINY[(1, 1, 1)], TINY[(3, 9, 1)]):
    case(a, 'GRAY2RGBA')

# --------------------------------------------------------------------------------------------
# the full cube, as chunk hashes
# --------------------------------------------------------------------------------------------

CHUNKS = 32
alpha = ((i.astype(np.uint64) * 2654435761) % (1 << 32) >> 24).astype(np.uint8)
cube4 = np.concatenate([cube, alpha[:, None]], -1)


def digest(b):
    return hashlib.sha256(b).hexdigest()


def cube_entry(code, channels, width):
    src = cube if channels == 3 else cube4
    img = src.reshape(4096, 4096, channels) if width == 4096 else src.reshape(1 << 24, 1, channels)
    out = cvt(img, code)
    again = cvt(img.copy(), code)
    assert np.array_equal(out, again), code
    flat = np.ascontiguousarray(out).reshape(1 << 24, -1)
    step = (1 << 24) // CHUNKS
    return {'code': code, 'channels': channels, 'width': width, 'ref': f'cv2.cvtColor(cube, cv2.COLOR_{CV[code]})',
            'sha256': digest(flat.tobytes()),
            'chunks': [digest(flat[k * step:(k + 1) * step].tobytes())[:16] for k in range(CHUNKS)]}


entries = []
for code in FORWARD:
    entries.append(cube_entry(code, 3, 4096))
    entries.append(cube_entry(code, 4, 4096))
for code in INVERSE:
    entries.append(cube_entry(code, 3, 4096))
for code in ('RGB2HLS', 'BGR2HLS'):
    entries.append(cube_entry(code, 3, 1))
    entries.append(cube_entry(code, 4, 1))

cube_doc = {
    'generator': f'test/golden/generate_color.py: OpenCV {cv2.__version__}, NumPy {np.__version__}',
    'cube': 'pixel i (0 <= i < 2^24) = (i >> 16, (i >> 8) & 255, i & 255) [, alpha ((i * 2654435761) mod 2^32) >> 24]; '
            'width 4096: a 4096x4096 image; width 1: a 2^24x1 image',
    'chunks': f'{CHUNKS} chunks of 2^19 pixels (pixel order), each the first 16 hex digits of the SHA-256 of cv2\'s output bytes',
    'entries': entries,
}
with open(os.path.join(OUT, 'cube.json'), 'w', encoding='utf-8') as f:
    f.write('{\n' + ',\n'.join(f'{json.dumps(k)}: {json.dumps(v)}' for k, v in cube_doc.items() if k != 'entries'))
    f.write(',\n"entries": [\n' + ',\n'.join('  ' + json.dumps(e) for e in entries) + '\n]\n}\n')

fx.write('color', f'test/golden/generate_color.py: OpenCV {cv2.__version__}, NumPy {np.__version__}, '
         f'scikit-image {skimage.__version__} (photos)', cases)
print(f'{len(cases)} cases, {len(inputs)} inputs, {len(entries)} cube entries, {folder_size(OUT)} bytes written to {OUT}')
