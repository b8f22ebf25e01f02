#!/usr/bin/python3
"""Golden fixtures for pixelarray's shape and text drawing (circle, ellipse, polylines, fillPoly,
putText, getTextSize, and the 'aa' line type of line / rectangle), computed by OpenCV 4.6.

Run with Debian's python3 (numpy, cv2 4.6, skimage):

    /usr/bin/python3 test/golden/generate_shapes.py

Writes into test/golden/fixtures/shapes/ (after deleting every old .npy, manifest.json and
random.json there):

- manifest.json and the .npy files it names (format: test/golden/README.md). Drawing is in place:
  every case has "result": "arg0", so the golden runner compares the canvas after the call, on
  contiguous inputs and on strided views. Noise canvases with 1, 3 and 4 channels, a photo crop,
  tiny canvases.
- random.json: many more seeded random calls, each `[call, h, w, c, args, drawn, sha1]`: pixelarray's
  call and arguments (the image left out: a zero h×w×c canvas), the number of nonzero bytes and the
  first 16 hex digits of the SHA-1 of the canvas cv2 leaves. test/draw/shapes.test.ts checks them.
- text.json: getTextSize for every font, several scales and thicknesses and strings.

Every expected value comes from a cv2 call, run twice on fresh copies (identical results).
pixelarray takes a number colour as every channel, where cv2 takes a Python number as
Scalar(v, 0, 0, 0): those cases call cv2 with the number repeated per channel.
"""
import hashlib
import json
import os
import sys

import cv2
import numpy as np
import skimage
import skimage.data

from golden_common import Fixtures, as2, channels_of, clear_fixtures, folder_size

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures', 'shapes')
EXACT = {'kind': 'exact'}

if cv2.__version__ != '4.6.0':
    print(f'warning: made for OpenCV 4.6.0; running with OpenCV {cv2.__version__}', file=sys.stderr)

os.makedirs(OUT, exist_ok=True)
clear_fixtures(OUT, names=('manifest.json', 'random.json', 'text.json'))
fx = Fixtures(OUT)
inputs, add_input, save_expect = fx.inputs, fx.add_input, fx.save_expect
cases = []

LT = {4: 4, 8: 8, 'aa': cv2.LINE_AA}
FONTS = {'simplex': cv2.FONT_HERSHEY_SIMPLEX, 'plain': cv2.FONT_HERSHEY_PLAIN, 'duplex': cv2.FONT_HERSHEY_DUPLEX,
         'complex': cv2.FONT_HERSHEY_COMPLEX, 'triplex': cv2.FONT_HERSHEY_TRIPLEX,
         'complex_small': cv2.FONT_HERSHEY_COMPLEX_SMALL, 'script_simplex': cv2.FONT_HERSHEY_SCRIPT_SIMPLEX,
         'script_complex': cv2.FONT_HERSHEY_SCRIPT_COMPLEX}


def cv_color(color, c):
    if isinstance(color, (int, float)):
        return tuple([color] * min(c, 4))
    return tuple(color)


def cv_call(call, img, args, opts):
    """Runs cv2 for pixelarray's call(img, *args, opts) on a copy of img; returns the canvas."""
    out = as2(img).copy()
    c = channels_of(img)
    lt = LT[opts.get('lineType', 8)]
    sh = opts.get('shift', 0)
    t = opts.get('thickness', 1)
    if call == 'circle':
        center, radius, color = args
        r = cv2.circle(out, tuple(center), radius, cv_color(color, c), t, lt, sh)
    elif call == 'ellipse':
        center, axes, angle, a0, a1, color = args
        r = cv2.ellipse(out, tuple(center), tuple(axes), angle, a0, a1, cv_color(color, c), t, lt, sh)
    elif call == 'polylines':
        polys, closed, color = args
        r = cv2.polylines(out, [np.array(p, np.int32).reshape(-1, 1, 2) for p in polys], closed, cv_color(color, c), t, lt, sh)
    elif call == 'fillPoly':
        polys, color = args
        off = tuple(opts.get('offset', (0, 0)))
        r = cv2.fillPoly(out, [np.array(p, np.int32).reshape(-1, 1, 2) for p in polys], cv_color(color, c), lt, sh, off)
    elif call == 'line':
        p, q, color = args
        r = cv2.line(out, tuple(p), tuple(q), cv_color(color, c), t, lt)
    elif call == 'rectangle':
        p, q, color = args
        r = cv2.rectangle(out, tuple(p), tuple(q), cv_color(color, c), t, lt)
    elif call == 'putText':
        text, org, face, scale, color = args
        r = cv2.putText(out, text, tuple(org), FONTS[face] | (cv2.FONT_ITALIC if opts.get('italic') else 0), scale, cv_color(color, c), t, lt,
                        opts.get('bottomLeftOrigin', False))
    else:
        raise ValueError(call)
    assert r is out or np.shares_memory(r, out)
    return out


def cv_ref(call, args, opts):
    return f'cv2.{call}(a, {", ".join(json.dumps(a) for a in args)}, {json.dumps(opts)})'


def case(call, img_ref, args, opts=None, tag=''):
    opts = dict(opts or {})
    n = len(cases) + 1
    cid = f'{n:04d}_{call}' + (f'_{tag}' if tag else '')
    img = inputs[img_ref['$img']]
    r0 = cv_call(call, img, args, opts)
    r1 = cv_call(call, img, args, opts)
    assert np.array_equal(r0, r1), 'reference is not deterministic'
    expect = save_expect(r0, f'x{n:04d}.npy')
    cases.append({'id': cid, 'call': call, 'args': [img_ref] + list(args) + ([opts] if opts else []), 'expect': expect,
                  'ref': cv_ref(call, args, opts), 'tol': EXACT, 'result': 'arg0'})


rng = np.random.default_rng(20241207)


def noise(shape):
    return rng.integers(0, 256, size=shape, dtype=np.uint8)


C1 = add_input('noise_23x31x1', noise((23, 31)), 'numpy.random.default_rng(20241207) noise (23, 31) (2-D)')
C3 = add_input('noise_19x27x3', noise((19, 27, 3)), 'numpy.random.default_rng(20241207) noise (19, 27, 3)')
C4 = add_input('noise_13x17x4', noise((13, 17, 4)), 'numpy.random.default_rng(20241207) noise (13, 17, 4)')
T1 = add_input('noise_1x1x3', noise((1, 1, 3)), 'numpy.random.default_rng(20241207) noise (1, 1, 3)')
T2 = add_input('noise_1x7x1', noise((1, 7)), 'numpy.random.default_rng(20241207) noise (1, 7) (2-D)')
T3 = add_input('noise_7x1x4', noise((7, 1, 4)), 'numpy.random.default_rng(20241207) noise (7, 1, 4)')
T4 = add_input('noise_3x5x3', noise((3, 5, 3)), 'numpy.random.default_rng(20241207) noise (3, 5, 3)')
T5 = add_input('noise_13x17x1', noise((13, 17)), 'numpy.random.default_rng(20241207) noise (13, 17) (2-D)')
coffee = skimage.data.coffee()  # 400×600×3, CC0 (Rachel Michetti)
PHOTO = add_input('coffee_40x64', coffee[150:190, 260:324], 'skimage.data.coffee()[150:190, 260:324]')
GRAY = add_input('zeros_30x90x1', np.zeros((30, 90), np.uint8), 'numpy.zeros((30, 90), uint8) (2-D)')
CANV = [C1, C3, C4]

# ---------------- hand-picked: circle
for img in CANV:
    c = channels_of(inputs[img['$img']])
    col = [200, 30, 90, 250][:c]
    for (r, t, lt, sh) in [(0, 1, 8, 0), (1, 1, 8, 0), (5, 1, 8, 0), (9, 1, 4, 0), (9, 2, 8, 0), (7, -1, 8, 0),
                           (7, -1, 4, 0), (8, 3, 'aa', 0), (8, -1, 'aa', 0), (8, 1, 'aa', 0), (40, 1, 8, 2),
                           (40, -1, 8, 2), (37, 2, 'aa', 3), (15, 1, 8, 0), (15, 5, 4, 0)]:
        case('circle', img, [[15, 11], r, col], {'thickness': t, 'lineType': lt, 'shift': sh})
    case('circle', img, [[2, 3], 12, col], {'thickness': -1}, tag='clipped')
    case('circle', img, [[-5, 30], 14, col], {'thickness': 1}, tag='clipped')
    case('circle', img, [[28, -2], 10, col], {'thickness': 4, 'lineType': 'aa'}, tag='clipped')
    case('circle', img, [[-50, -50], 10, col], {'thickness': -1}, tag='outside')
    case('circle', img, [[15, 11], 100, col], {'thickness': -1}, tag='covers')
# ---------------- ellipse
for img in CANV:
    c = channels_of(inputs[img['$img']])
    col = [10, 220, 130, 77][:c]
    for (ax, ang, a0, a1, t, lt, sh) in [((12, 6), 0, 0, 360, 1, 8, 0), ((12, 6), 30, 0, 360, 1, 4, 0),
                                         ((12, 6), 45, 0, 270, 2, 8, 0), ((12, 6), 45, 0, 270, -1, 8, 0),
                                         ((10, 8), -20, 90, -90, -1, 4, 0), ((14, 5), 110, 10, 200, 3, 'aa', 0),
                                         ((14, 5), 110, 10, 200, -1, 'aa', 0), ((40, 20), 15.6, -30.5, 400, 1, 8, 2),
                                         ((0, 7), 0, 0, 360, 1, 8, 0), ((0, 0), 0, 0, 360, 3, 8, 0),
                                         ((9, 9), 400, 720, 10, 1, 8, 0), ((2, 1), 0, 0, 360, -1, 8, 0)]:
        case('ellipse', img, [[15, 11], list(ax), ang, a0, a1, col], {'thickness': t, 'lineType': lt, 'shift': sh})
# ---------------- polylines / fillPoly
STAR = [[15, 1], [19, 9], [29, 10], [21, 15], [25, 22], [15, 17], [5, 22], [9, 15], [1, 10], [11, 9]]
TRI = [[3, 3], [27, 6], [12, 20]]
for img in CANV:
    c = channels_of(inputs[img['$img']])
    col = [40, 90, 250, 128][:c]
    for closed in (True, False):
        for (t, lt) in [(1, 8), (1, 4), (3, 8), (2, 'aa'), (1, 'aa')]:
            case('polylines', img, [[STAR], closed, col], {'thickness': t, 'lineType': lt})
    case('polylines', img, [[TRI, [[-5, 20], [40, 2]]], True, col], {'thickness': 2, 'shift': 0}, tag='two')
    case('polylines', img, [[[[x * 4 + 1, y * 4 + 2] for x, y in TRI]], True, col], {'thickness': 1, 'shift': 2}, tag='shift')
    for lt in (8, 4, 'aa'):
        case('fillPoly', img, [[STAR], col], {'lineType': lt})
        case('fillPoly', img, [[TRI, [[8, 5], [20, 8], [14, 16]]], col], {'lineType': lt}, tag='hole')
    case('fillPoly', img, [[[[x * 8 + 3, y * 8 + 5] for x, y in STAR]], col], {'shift': 3}, tag='shift')
    case('fillPoly', img, [[STAR], col], {'offset': [-6, 4]}, tag='offset')
    case('fillPoly', img, [[[[-10, -5], [40, 3], [20, 40]]], col], {}, tag='clipped')
    case('fillPoly', img, [[[[5, 5], [25, 18], [25, 5], [5, 18]]], col], {}, tag='bowtie')
# ---------------- 'aa' line and rectangle
for img in (C1, C3):
    c = channels_of(inputs[img['$img']])
    col = [250, 250, 0, 200][:c]
    for (p, q, t) in [((2, 3), (25, 9), 1), ((4, 2), (9, 20), 1), ((27, 5), (3, 18), 1), ((3, 5), (27, 5), 1),
                      ((-10, -7), (40, 30), 1), ((2, 3), (25, 9), 3), ((27, 5), (3, 18), 6), ((11, 11), (11, 11), 5)]:
        case('line', img, [list(p), list(q), col], {'thickness': t, 'lineType': 'aa'})
    case('rectangle', img, [[3, 4], [20, 15], col], {'thickness': 2, 'lineType': 'aa'})
    case('rectangle', img, [[3, 4], [20, 15], col], {'thickness': -1, 'lineType': 'aa'})
# ---------------- colours, tiny canvases, the photo
case('circle', C3, [[15, 11], 8, 200], {'thickness': 2}, tag='number_color')
case('fillPoly', C4, [[TRI], [12.5, 300, -4, 0.5]], {}, tag='color_round')
case('polylines', C1, [[TRI], True, [99, 1, 2]], {}, tag='color_extra')
for img in (T1, T2, T3, T4, T5):
    case('circle', img, [[0, 0], 3, 255], {'thickness': -1})
    case('circle', img, [[2, 1], 2, [10, 20, 30, 40]], {'thickness': 1, 'lineType': 'aa'})
    case('ellipse', img, [[1, 1], [4, 2], 30, 0, 360, 99], {'thickness': -1})
    case('fillPoly', img, [[[[-1, -1], [6, 0], [3, 9]]], 200], {})
    case('polylines', img, [[[[-1, -1], [6, 0], [3, 9]]], True, 77], {'thickness': 2, 'lineType': 'aa'})
case('circle', PHOTO, [[32, 20], 15, [255, 0, 0]], {'thickness': 3, 'lineType': 'aa'}, tag='photo')
case('ellipse', PHOTO, [[32, 20], [25, 10], 20, 0, 300, [0, 255, 0]], {'thickness': -1, 'lineType': 'aa'}, tag='photo')
case('fillPoly', PHOTO, [[[[2 * x, 2 * y - 5] for x, y in STAR]], [0, 0, 255]], {'lineType': 'aa'}, tag='photo')
# ---------------- text (a few stored images; many more in random.json)
for i, face in enumerate(FONTS):
    case('putText', GRAY, ['Ag5?', [2, 24], face, 0.7, 255], {'thickness': 1 + i % 2, 'lineType': [8, 'aa', 4][i % 3]})
case('putText', C3, ['Hi', [0, 20], 'simplex', 0.8, [255, 0, 0]], {'bottomLeftOrigin': True}, tag='bottomleft')

# ---------------- random cases: random.json
SHAPES = [(1, 1), (1, 9), (9, 1), (5, 7), (23, 31), (31, 23), (40, 57), (64, 64)]
random_cases = []


def rand_lt():
    return [4, 8, 8, 'aa'][int(rng.integers(0, 4))]


def coord(n, sh):
    r = rng.random()
    if r < 0.4:
        v = int(rng.integers(0, n))
    elif r < 0.95:
        v = int(rng.integers(-(n // 2) - 3, n + n // 2 + 3))
    else:
        v = int(rng.integers(-300, 300))
    return v * (1 << sh) + int(rng.integers(0, 1 << sh))


def add_random(call, h, w, c, args, opts):
    canvas = np.zeros((h, w, c), np.uint8)
    out = cv_call(call, canvas, args, opts)
    again = cv_call(call, canvas, args, opts)
    assert np.array_equal(out, again)
    out = np.ascontiguousarray(out.reshape(h, w, c))
    random_cases.append([call, h, w, c, list(args) + [opts], int((out > 0).sum()),
                         hashlib.sha1(out.tobytes()).hexdigest()[:16]])


for i in range(700):
    h, w = SHAPES[int(rng.integers(0, len(SHAPES)))]
    c = [1, 1, 3, 4][int(rng.integers(0, 4))]
    col = 255 if c == 1 else [int(v) for v in rng.integers(1, 256, size=c)]
    kind = ['circle', 'circle', 'ellipse', 'ellipse', 'polylines', 'fillPoly', 'fillPoly', 'line'][i % 8]
    lt = rand_lt()
    sh = int(rng.choice([0, 0, 0, 1, 2, 4, 8]))
    if kind == 'circle':
        t = int(rng.choice([-1, -1, 1, 1, 2, 3, 4, 5, 7, 10]))
        r = int(rng.integers(0, 61)) * (1 << sh) + int(rng.integers(0, 1 << sh))
        add_random('circle', h, w, c, [[coord(w, sh), coord(h, sh)], r, col], {'thickness': t, 'lineType': lt, 'shift': sh})
    elif kind == 'ellipse':
        t = int(rng.choice([-1, -1, 1, 1, 2, 3, 5, 10]))
        axes = [int(rng.integers(0, 61)) << sh, int(rng.integers(0, 61)) << sh]
        ang = float(rng.choice([0, 0, int(rng.integers(-400, 400)), round(float(rng.uniform(-360, 360)), 2)]))
        a0 = float(int(rng.integers(-400, 400))) if rng.random() < 0.7 else 0.0
        a1 = float(int(rng.integers(-400, 400))) if rng.random() < 0.7 else 360.0
        add_random('ellipse', h, w, c, [[coord(w, sh), coord(h, sh)], axes, ang, a0, a1, col],
                   {'thickness': t, 'lineType': lt, 'shift': sh})
    elif kind == 'polylines':
        t = int(rng.choice([1, 1, 2, 3, 4, 6, 10]))
        polys = [[[coord(w, sh), coord(h, sh)] for _ in range(int(rng.integers(1, 7)))] for _ in range(int(rng.integers(1, 3)))]
        add_random('polylines', h, w, c, [polys, bool(rng.random() < 0.5), col], {'thickness': t, 'lineType': lt, 'shift': sh})
    elif kind == 'fillPoly':
        polys = [[[coord(w, sh), coord(h, sh)] for _ in range(int(rng.integers(1, 9)))] for _ in range(int(rng.integers(1, 4)))]
        opts = {'lineType': lt, 'shift': sh}
        if rng.random() < 0.2:
            opts['offset'] = [int(rng.integers(-10, 10)), int(rng.integers(-10, 10))]
        add_random('fillPoly', h, w, c, [polys, col], opts)
    else:
        t = int(rng.choice([1, 1, 2, 3, 5, 9]))
        add_random('line', h, w, c, [[coord(w, 0), coord(h, 0)], [coord(w, 0), coord(h, 0)], col], {'thickness': t, 'lineType': 'aa'})

TEXTS = ['Hello, World!', 'pixelarray 0123456789', '~!@#$%^&*()_+{}|:"<>?`-=[]\\;\',./', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
         'abcdefghijklmnopqrstuvwxyz', 'gjpqy Q', ' ', '\u00e9t\u00e9 \u20ac', '\u041f\u0440\u0438\u0432\u0435\u0442 \u0451\u0401']
for face in FONTS:
    for k in range(14):
        text = TEXTS[int(rng.integers(0, len(TEXTS)))]
        scale = float(rng.choice([0.3, 0.5, 0.75, 1.0, 1.3, 2.0]))
        t = int(rng.choice([1, 1, 2, 3]))
        lt = rand_lt()
        h, w = 48, 200
        c = [1, 3][k % 2]
        col = 255 if c == 1 else [255, 128, 64]
        org = [int(rng.integers(-10, 20)), int(rng.integers(10, 45))]
        opts = {'thickness': t, 'lineType': lt}
        if k == 13:
            opts['bottomLeftOrigin'] = True
        if k in (11, 12):
            opts['italic'] = True
        add_random('putText', h, w, c, [text, org, face, scale, col], opts)

text_sizes = []
for face, fid in FONTS.items():
    for text in TEXTS + ['', 'a']:
        for scale in (0.4, 1.0, 1.7, 3.0):
            for t in (1, 4):
                (w, h), base = cv2.getTextSize(text, fid, scale, t)
                text_sizes.append([text, face, scale, t, w, h, base])
        (w, h), base = cv2.getTextSize(text, fid | cv2.FONT_ITALIC, 1.3, 2)
        text_sizes.append([text, face + ' italic', 1.3, 2, w, h, base])

generator = f'test/golden/generate_shapes.py: OpenCV {cv2.__version__}, NumPy {np.__version__}, scikit-image {skimage.__version__} (photo)'
fx.write('shapes', generator, cases)
rtext = ('{\n"generator": ' + json.dumps(generator) + ',\n'
         '"format": "[call, h, w, c, pixelarray arguments after the image, nonzero bytes, first 16 hex digits of the SHA-1 of the canvas]",\n'
         '"canvas": "numpy.zeros((h, w, c), uint8) (2-D when c = 1) drawn on by the cv2 call",\n"cases": [\n')
rtext += ',\n'.join('  ' + json.dumps(c, ensure_ascii=True) for c in random_cases) + '\n]\n}\n'
json.loads(rtext)
with open(os.path.join(OUT, 'random.json'), 'w', encoding='utf-8') as f:
    f.write(rtext)
ttext = ('{\n"generator": ' + json.dumps(generator) + ',\n"format": "[text, fontFace, fontScale, thickness, width, height, baseline] from cv2.getTextSize",\n"cases": [\n')
ttext += ',\n'.join('  ' + json.dumps(c, ensure_ascii=True) for c in text_sizes) + '\n]\n}\n'
with open(os.path.join(OUT, 'text.json'), 'w', encoding='utf-8') as f:
    f.write(ttext)
print(f'{len(cases)} cases, {len(random_cases)} random, {len(text_sizes)} text sizes, {len(inputs)} inputs, {folder_size(OUT)} bytes written to {OUT}')
