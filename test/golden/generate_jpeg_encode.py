"""JPEG encoding golden cases: small RGB and gray images (odd sizes, seeded noise, saturated colours,
crops of the skimage photos) and what Pillow 9.4 (libjpeg-turbo) writes for them with
`Image.save(f, 'JPEG', quality=q, subsampling=s)` (Pillow's defaults otherwise: no optimize, not
progressive, no dpi, standard Huffman tables). Run with /usr/bin/python3 (Debian's python3-pil).

Writes test/golden/fixtures-jpeg-encode/{manifest.json, in_*.raw, *.jpg}: each input as raw H×W×C
bytes, each case as Pillow's complete file; jpeg-encode.test.ts checks that encodeJpegData writes
the same bytes. Deterministic: two runs give byte-identical files."""
import io
import json
import os
import sys

import numpy as np
import PIL
from PIL import Image, features

sys.path.insert(0, os.path.dirname(__file__))
from golden_common import folder_size, photos  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), 'fixtures-jpeg-encode')
os.makedirs(OUT, exist_ok=True)
for f in os.listdir(OUT):
    if f.endswith(('.raw', '.jpg')) or f == 'manifest.json':
        os.remove(os.path.join(OUT, f))

if PIL.__version__ != '9.4.0':
    print(f'warning: Pillow {PIL.__version__}, the fixtures were made with 9.4.0', file=sys.stderr)

chelsea, coffee, astronaut, camera = photos()
rng = np.random.default_rng(20240607)
inputs = {}
cases = []


def add_input(name, a, note):
    a = np.ascontiguousarray(a, dtype=np.uint8)
    if a.ndim == 2:
        a = a[:, :, None]
    fname = f'in_{name}.raw'
    with open(os.path.join(OUT, fname), 'wb') as f:
        f.write(a.tobytes())
    inputs[fname] = {'height': a.shape[0], 'width': a.shape[1], 'channels': a.shape[2], 'note': note}
    return fname, a


def pillow_jpeg(a, **kw):
    im = Image.fromarray(a[:, :, 0] if a.shape[2] == 1 else a, 'L' if a.shape[2] == 1 else 'RGB')
    out = []
    for _ in range(2):  # Pillow must be deterministic too
        b = io.BytesIO()
        im.save(b, 'JPEG', **kw)
        out.append(b.getvalue())
    assert out[0] == out[1], 'Pillow is not deterministic'
    return out[0]


SUBSAMPLING = {'4:4:4': 0, '4:2:2': 1, '4:2:0': 2}


def add_case(fname, a, quality, subsampling):
    """quality / subsampling None: Pillow's default (libjpeg's 75; 4:2:0 for RGB, 1×1 for L)."""
    kw = {}
    if quality is not None:
        kw['quality'] = quality
    if subsampling is not None:
        kw['subsampling'] = SUBSAMPLING[subsampling]
    data = pillow_jpeg(a, **kw)
    stem = fname[3:-4]
    out = f'{stem}_q{quality if quality is not None else "default"}_{(subsampling or "default").replace(":", "")}.jpg'
    with open(os.path.join(OUT, out), 'wb') as f:
        f.write(data)
    cases.append({'input': fname, 'quality': quality, 'subsampling': subsampling, 'pillow': kw, 'file': out})


QUALITIES = [1, 10, 50, 75, 90, 95, 100]

# Saturated and neutral colours (the ends of the YCbCr tables), a gradient and a checkerboard.
yy, xx = np.mgrid[0:16, 0:16]
grad = np.stack([xx * 17, yy * 17, ((xx + yy) % 2) * 255], axis=2).astype(np.uint8)
grad[0:4, 0:4] = (255, 0, 0)
grad[0:4, 4:8] = (0, 0, 255)
grad[4:8, 0:4] = (255, 255, 255)
grad[4:8, 4:8] = (0, 0, 0)

small_rgb = [
    add_input('rgb_1x1', np.array([[[200, 30, 90]]]), 'one pixel'),
    add_input('rgb_7x5', rng.integers(0, 256, (5, 7, 3)), 'seeded uniform noise, 7 wide × 5 high'),
    add_input('rgb_16x16', grad, 'gradient, checkerboard blue, saturated red / blue / white / black squares'),
    add_input('rgb_17x33', np.clip(astronaut[100:133, 200:217].astype(int) + rng.integers(-40, 41, (33, 17, 3)), 0, 255),
              'astronaut[100:133, 200:217] plus seeded noise ±40, 17 wide × 33 high'),
    add_input('rgb_30x22', chelsea[120:142, 200:230], 'chelsea[120:142, 200:230], 30 wide × 22 high (even, not MCU-aligned)'),
]
for fname, a in small_rgb:
    for q in QUALITIES:
        for s in SUBSAMPLING:
            add_case(fname, a, q, s)

photo64 = add_input('photo_64x48', astronaut[140:188, 180:244], 'astronaut[140:188, 180:244], 64 wide × 48 high')
for q in QUALITIES:
    for s in SUBSAMPLING:
        add_case(*photo64, q, s)
add_case(*photo64, None, None)  # Pillow's defaults: quality 75, 4:2:0

photo100 = add_input('photo_100x75', coffee[150:225, 250:350], 'coffee[150:225, 250:350], 100 wide × 75 high')
for q in QUALITIES:
    add_case(*photo100, q, '4:2:0')
add_case(*photo100, 90, '4:4:4')
add_case(*photo100, 90, '4:2:2')
add_case(*photo100, 100, '4:4:4')

gray = [
    add_input('gray_1x1', np.array([[77]]), 'one pixel'),
    add_input('gray_7x5', rng.integers(0, 256, (5, 7)), 'seeded uniform noise, 7 wide × 5 high'),
    add_input('gray_17x33', camera[200:233, 300:317], 'camera[200:233, 300:317], 17 wide × 33 high'),
    add_input('gray_64x48', camera[60:108, 200:264], 'camera[60:108, 200:264], 64 wide × 48 high'),
]
for fname, a in gray:
    for q in QUALITIES:
        add_case(fname, a, q, None)
# Mode 'L' with an explicit subsampling: Pillow writes the factors into SOF (same coded pixels).
for s in SUBSAMPLING:
    add_case(*gray[2], 75, s)
add_case(*gray[3], None, None)

manifest = {
    'set': 'jpeg-encode',
    'generator': {'Pillow': PIL.__version__, 'libjpeg': features.version('jpg'), 'numpy': np.__version__},
    'inputs': inputs,
    'cases': cases,
}
lines = ['{']
lines += [f'{json.dumps(k)}: {json.dumps(v)},' for k, v in manifest.items() if k not in ('inputs', 'cases')]
lines.append('"inputs": {')
items = list(inputs.items())
lines += [f'  {json.dumps(k)}: {json.dumps(v)}' + (',' if i < len(items) - 1 else '') for i, (k, v) in enumerate(items)]
lines += ['},', '"cases": [']
lines += ['  ' + json.dumps(c) + (',' if i < len(cases) - 1 else '') for i, c in enumerate(cases)]
lines += [']', '}']
text = '\n'.join(lines) + '\n'
assert json.loads(text) == manifest
with open(os.path.join(OUT, 'manifest.json'), 'w', encoding='utf-8') as f:
    f.write(text)
print(f'{len(cases)} cases, {len(inputs)} inputs, {folder_size(OUT)} bytes in {OUT}')
