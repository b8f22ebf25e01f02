#!/usr/bin/python3
"""Golden fixtures for pixelarray/pillow's ImageDraw functions (rectangle, ellipse, polygon, line,
point, text with the default font), drawn by Debian's Pillow 9.4.

    /usr/bin/python3 test/golden/generate_pillow_draw.py          # writes the fixtures
    /usr/bin/python3 test/golden/generate_pillow_draw.py --font   # prints the packed default font

Writes test/golden/fixtures-pillow/draw/ (after deleting the old files there):

- cases.json: one case per line, `{"id", "mode", "size": [w, h], "calls": [[fn, xy, options], ...],
  "expect": [file, k]}` (the canvas after the calls is the k-th h-row band of `file`), or `"sha1"`
  (of the canvas bytes, H×W×C row-major) for the seeded random cases, or `"raises"` (Pillow's
  exception type and message) for argument errors.
- MODE_WxH.png: the expected canvases of one mode and size stacked top to bottom (8-bit PNG of
  the mode, saved by Pillow).

Every canvas starts as the same pattern, `(7·x + 13·y + 50·c + 11) mod 256` (so writes of 0 show),
made by numpy here and by test/pillow/draw.test.ts there. A call `[fn, xy, options]` runs as
`ImageDraw.Draw(im).fn(xy, **options)` (for text, `fn(xy, options.text, ...)`); in `xy` a JSON
pair `[x, y]` inside the list becomes a Python tuple (Pillow takes tuples as pairs, not lists), a
colour list becomes a tuple. JSON numbers written as integers are Python ints, others floats; the
generator never writes an integral float, since pixelarray reads every integer as a Python int.
Each case is drawn twice (identical results).
"""
import hashlib
import io
import json
import math
import os
import random
import shutil
import sys
import warnings

import numpy as np
import PIL
from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures-pillow', 'draw')
MODES = {'L': 1, 'RGB': 3, 'RGBA': 4}


def font_ts():
    """Pillow 9.4's default font (ImageFont.load_default), packed for src/pillow/draw-font.ts."""
    import base64
    import inspect
    import re
    import struct
    import PIL.ImageFont as IF
    src = inspect.getsource(IF.load_default)
    blobs = re.findall(r'b"""(.*?)"""', src, re.S)
    font = base64.b64decode(blobs[0])
    png = base64.b64decode(blobs[1])
    data = font[font.index(b'DATA\n') + 5:][:5120]
    bits = np.asarray(Image.open(io.BytesIO(png)).convert('L')) > 0
    glyphs = [struct.unpack('>10h', data[i * 20:i * 20 + 20]) for i in range(256)]
    codes = [i for i, g in enumerate(glyphs) if any(g)]
    assert codes == list(range(32, 127)) + list(range(161, 256))
    packed = bytearray()
    for i in codes:
        dx, dy, dx0, dy0, dx1, dy1, sx0, sy0, sx1, sy1 = glyphs[i]
        assert dx == 6 and dy == 0 and sx1 - sx0 == dx1 - dx0 and sy1 - sy0 == dy1 - dy0 and sy0 in (0, 10)
        v = (dx0 + 1) | (dy0 + 9) << 2 | dx1 << 6 | (dy1 + 5) << 9 | (sy0 // 10) << 12 | sx0 << 13
        packed += bytes([v & 255, (v >> 8) & 255, v >> 16])
    rows = np.packbits(bits, axis=1)  # most significant bit first, rows padded to whole bytes
    return {'metrics': base64.b64encode(bytes(packed)).decode(), 'bitmap': base64.b64encode(rows.tobytes()).decode(),
            'width': bits.shape[1], 'height': bits.shape[0], 'rowBytes': rows.shape[1]}


def background(mode, w, h):
    c = MODES[mode]
    y, x, k = np.meshgrid(np.arange(h), np.arange(w), np.arange(c), indexing='ij')
    a = ((7 * x + 13 * y + 50 * k + 11) % 256).astype(np.uint8)
    return Image.fromarray(a[:, :, 0] if c == 1 else a, mode)


def check_numbers(v):
    """No integral floats (pixelarray cannot tell 3.0 from 3), no NaN."""
    if isinstance(v, float):
        assert not v.is_integer() and not math.isnan(v), v
    elif isinstance(v, (list, tuple)):
        for e in v:
            check_numbers(e)
    elif isinstance(v, dict):
        for e in v.values():
            check_numbers(e)


def flat(v):
    return [e for p in v for e in (p if isinstance(p, (list, tuple)) else [p])]


def to_py_xy(xy):
    if not isinstance(xy, list):
        return xy
    return [tuple(p) if isinstance(p, list) else p for p in xy]


def to_py_opts(opts):
    return {k: tuple(v) if isinstance(v, list) else v for k, v in opts.items()}


def draw(mode, size, calls):
    im = background(mode, *size)
    d = ImageDraw.Draw(im)
    for fn, xy, opts in calls:
        o = to_py_opts(opts)
        if fn == 'text':
            s = o.pop('text')
            with warnings.catch_warnings():
                warnings.simplefilter('ignore', DeprecationWarning)
                d.text(tuple(xy), s, **o)
        else:
            getattr(d, fn)(to_py_xy(xy), **o)
    return im


cases = []
atlases = {}  # file name -> the expected canvases of one mode and size, stacked top to bottom


def case(mode, size, calls, store='png'):
    """Draws `calls` on a `size` canvas of `mode` (twice) and records the case."""
    for call in calls:
        check_numbers(call[1])
        check_numbers(call[2])
    ims = [draw(mode, size, calls) for _ in range(2)]
    a0, a1 = (np.asarray(im) for im in ims)
    assert np.array_equal(a0, a1), 'Pillow is not deterministic'
    cid = len(cases) + 1
    c = {'id': f'{cid:04d}', 'mode': mode, 'size': list(size), 'calls': calls}
    if store == 'png':
        name = f'{mode}_{size[0]}x{size[1]}.png'
        strip = atlases.setdefault(name, [])
        c['expect'] = [name, len(strip)]
        strip.append(a0)
    else:
        c['sha1'] = hashlib.sha1(np.ascontiguousarray(a0).tobytes()).hexdigest()
    cases.append(c)


def error_case(mode, size, call):
    try:
        draw(mode, size, [call])
    except Exception as e:  # noqa: BLE001 - recording what Pillow raises
        cases.append({'id': f'{len(cases) + 1:04d}', 'mode': mode, 'size': list(size), 'calls': [call],
                      'raises': f'{type(e).__name__}: {e}'})
        return
    raise AssertionError(f'Pillow did not raise for {call}')


def every_mode(size, calls):
    for mode in MODES:
        case(mode, size, calls)


# colours for each mode: a fill and an outline that differ
FILL = {'L': 200, 'RGB': [250, 40, 10], 'RGBA': [20, 240, 60, 128]}
OUTLINE = {'L': 90, 'RGB': [10, 20, 230], 'RGBA': [255, 255, 0, 30]}
S = (40, 30)


def rectangles():
    boxes = [
        [5, 4, 20, 15], [[3, 3], [3, 3]], [10, 5, 10, 20], [2, 9, 30, 9], [0, 0, 39, 29], [-5, -5, 50, 40],
        [20, 10, 5, 25], [30, 25, 8, 3], [8, 25, 30, 3], [1.5, 2.7, 17.9, 12.2], [-0.5, -1.7, 7.5, 6.99],
        [-3.2, 4.4, 10.6, -2.8], [35, 20, 60, 45], [-20, -20, -2, -1], [41, 5, 60, 10], [3, 31, 9, 35],
        [[6.5, 7.25], [22.75, 19.5]], [5, 4, [20, 15]],
    ]
    for b in boxes:
        for mode in MODES:
            case(mode, S, [['rectangle', b, {'fill': FILL[mode]}]])
            case(mode, S, [['rectangle', b, {'outline': OUTLINE[mode]}]])
            case(mode, S, [['rectangle', b, {}]])
    for w in [0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 20, -2]:
        for b in ([4, 3, 30, 24], [6, 5, 12, 9], [30, 24, 4, 3], [10, 20, 25, 2]):
            for mode in MODES:
                case(mode, S, [['rectangle', b, {'fill': FILL[mode], 'outline': OUTLINE[mode], 'width': w}]])
        case('RGB', S, [['rectangle', [4, 3, 30, 24], {'outline': 0x33aa11, 'width': w}]])
    # same fill and outline: the outline is skipped (visible when it would grow beyond the box)
    for mode in MODES:
        case(mode, S, [['rectangle', [6, 5, 12, 8], {'fill': FILL[mode], 'outline': FILL[mode], 'width': 6}]])
    case('RGB', S, [['rectangle', [6, 5, 12, 8], {'fill': [1, 2, 3], 'outline': [1, 2, 3, 0], 'width': 6}]])
    case('RGB', S, [['rectangle', [6, 5, 12, 8], {'fill': [1, 2, 3], 'outline': [1, 2, 3, 255], 'width': 6}]])
    # colours: packed numbers, 1-tuples, clipping
    for mode in MODES:
        for col in [255, 0x11223344, -2, 0, 300, -7, [77], [300, -5, 128], [1, 2, 3, 4], [9, 8, 7]]:
            if mode == 'L' and isinstance(col, list) and len(col) > 1:
                continue
            case(mode, S, [['rectangle', [3, 3, 12, 9], {'fill': col}]])
    # far-away and huge coordinates (C int conversion)
    for b in ([-1e12 - 0.5, 5, 10, 12], [3, 4, 1e12 + 0.5, 9], [5, 2, 9, 2 ** 31], [2 ** 31 - 1, 3, 8, 9], [-2 ** 31, 3, 8, 9],
              [16777217, 2, 8, 9], [[16777217, 2], [8, 9]], [-100000, -100000, 100000, 100000],
              [-100000.5, 5, 100000.5, 9]):
        case('L', S, [['rectangle', b, {'fill': 150}]])
        if all(abs(v) < 10 ** 6 for v in flat(b)):  # Pillow walks every step of a far-reaching side
            case('L', S, [['rectangle', b, {'outline': 150, 'width': 3}]])


def ellipses():
    boxes = [
        [5, 4, 20, 15], [0, 0, 39, 29], [3, 3, 3, 3], [3, 3, 4, 4], [3, 3, 5, 5], [3, 3, 4, 10], [3, 3, 10, 4],
        [2, 5, 2, 20], [2, 5, 30, 5], [10, 10, 13, 12], [1, 1, 36, 3], [1, 1, 3, 27], [-10, -8, 50, 40],
        [-30, -20, 25, 18], [20, 15, 80, 70], [-200, -150, 250, 180], [5.9, 4.2, 20.7, 15.01], [-0.5, -3.9, 9.5, 8.8],
        [20, 10, 5, 25], [20, 10, 25, 5], [[8, 6], [31, 23]], [0, 0, 38, 28], [7, 2, 33, 27], [2, 7, 37, 22],
        [35, 25, 60, 40], [-20, -20, -1, -1],
    ]
    for b in boxes:
        for mode in MODES:
            case(mode, S, [['ellipse', b, {'fill': FILL[mode]}]])
            case(mode, S, [['ellipse', b, {'outline': OUTLINE[mode]}]])
        case('RGB', S, [['ellipse', b, {}]])
    for w in [0, 1, 2, 3, 4, 5, 6, 7, 10, 16, 40, -1]:
        for b in ([2, 2, 37, 27], [5, 5, 14, 11], [3, 10, 36, 14], [10, 3, 14, 26]):
            for mode in MODES:
                case(mode, S, [['ellipse', b, {'fill': FILL[mode], 'outline': OUTLINE[mode], 'width': w}]])
            case('RGB', S, [['ellipse', b, {'outline': OUTLINE['RGB'], 'width': w}]])
    # circles of every small size
    for n in range(0, 24):
        case('L', S, [['ellipse', [2, 2, 2 + n, 2 + n], {'fill': 255}], ['ellipse', [16, 2, 16 + n, 2 + n], {'outline': 255}]])
    # large ellipses (grid deltas beyond 2^53 use BigInt in pixelarray)
    # (boxes wider or taller than 46340 overflow Pillow's int32 a*a and run for minutes: not drawn here)
    for b in ([-3000, -2000, 3040, 2030], [-20000, 10, 20040, 20], [10, -20000, 25, 20030], [-23000, -23000, 23040, 23030],
              [-9000, -9000, 9040, 9030], [-23150, 14, 23190, 16], [-5000, -20000, 5040, 20030]):
        case('L', S, [['ellipse', b, {'fill': 100}], ['ellipse', b, {'outline': 250, 'width': 3}]])


def polygons():
    polys = [
        [(5, 5), (30, 8), (15, 25)],
        [5, 5, 30, 8, 15, 25],
        [(2, 2), (37, 2), (37, 27), (2, 27)],
        [(2, 2), (37, 2), (37, 27), (2, 27), (2, 2)],
        [(20, 2), (24, 11), (35, 12), (26, 18), (30, 28), (20, 22), (10, 28), (14, 18), (5, 12), (16, 11)],  # star
        [(20, 2), (30, 27), (5, 10), (35, 10), (10, 27)],  # pentagram (self-intersecting)
        [(3, 3), (36, 26), (36, 3), (3, 26)],  # bow tie
        [(5, 5), (20, 5), (30, 5), (30, 20), (20, 20), (20, 10), (10, 10), (10, 25), (5, 25)],  # concave, collinear
        [(5, 5), (15, 5), (10, 5), (25, 5), (25, 20), (5, 20)],  # horizontal back-tracking
        [(10, 5), (30, 5), (20, 5), (20, 25)],
        [(3, 15), (20, 2), (37, 15), (20, 28)],  # diamond
        [(3, 3), (20, 3), (20, 3), (36, 20), (36, 20), (3, 26)],  # repeated vertices
        [(5, 5), (30, 20)],  # two points
        [(5, 5), (5, 5), (5, 5)],
        [(-10, -5), (50, 10), (20, 45)],  # partly outside
        [(-10, 15), (20, -10), (50, 15), (20, 40)],
        [(60, 5), (80, 10), (70, 20)],  # entirely outside
        [(2.5, 3.7), (30.2, 4.9), (36.8, 25.5), (7.1, 20.99)],
        [(-1.5, -0.7), (10.5, 14.2), (0.9, 22.6)],
        [(1, 1), (38, 2), (2, 3), (37, 5), (3, 7), (36, 9), (4, 11), (35, 14), (5, 17), (34, 20), (6, 23), (33, 28)],  # zig-zag
        [(20, 15), (21, 15), (21, 16), (20, 16)],  # tiny
        [(5, 25), (10, 5), (15, 25), (20, 5), (25, 25), (30, 5), (35, 25)],  # saw
        [(0, 0), (39, 29), (0, 29), (39, 0)],
        [(8, 2), (32, 2), (38, 15), (32, 27), (8, 27), (2, 15)],  # hexagon
        [(20, 2), (38, 28), (2, 28), (20, 2), (20, 14), (30, 24), (10, 24), (20, 14)],  # nested loop
    ]
    for p in polys:
        pj = [list(v) if isinstance(v, tuple) else v for v in p]
        for mode in MODES:
            case(mode, S, [['polygon', pj, {'fill': FILL[mode]}]])
            case(mode, S, [['polygon', pj, {'outline': OUTLINE[mode]}]])
            case(mode, S, [['polygon', pj, {'fill': FILL[mode], 'outline': OUTLINE[mode]}]])
        case('L', S, [['polygon', pj, {}]])
        for w in [2, 3, 4, 5, 7]:
            case('RGB', S, [['polygon', pj, {'fill': FILL['RGB'], 'outline': OUTLINE['RGB'], 'width': w}]])
            case('L', S, [['polygon', pj, {'outline': 255, 'width': w}]])
    for w in [0, -1, -3, 12]:
        case('RGBA', S, [['polygon', [[5, 5], [30, 8], [15, 25]], {'fill': FILL['RGBA'], 'outline': OUTLINE['RGBA'], 'width': w}]])
    for w in [2 ** 30 - 1, -2 ** 30 + 1, 1000, 100000]:
        case('L', S, [['polygon', [[5, 5], [30, 8], [15, 25]], {'outline': 200, 'width': w}]])
    case('L', S, [['polygon', [[5, 5], [30, 8], [15, 25]], {'fill': 100, 'outline': 100}]])
    case('L', S, [['polygon', [[5, 5], [30, 8], [15, 25]], {'fill': 100, 'outline': 100, 'width': 3}]])


def lines():
    segs = [
        [(2, 2), (37, 27)], [(2, 27), (37, 2)], [(5, 15), (35, 15)], [(20, 2), (20, 27)], [(35, 15), (5, 15)],
        [(20, 27), (20, 2)], [(3, 5), (36, 9)], [(3, 5), (9, 27)], [(36, 9), (3, 5)], [(9, 27), (3, 5)],
        [(10, 10), (10, 10)], [(-20, -5), (60, 40)], [(-100, 12), (200, 17)], [(5, -50), (25, 80)],
        [(2.7, 3.9), (30.2, 20.8)], [(-0.9, 5.5), (12.99, -0.2)], [(3, 3), (36, 4)], [(3, 3), (4, 26)],
        [(-1000000, -999990), (1000000, 1000010)], [(-3000000000.5, 10), (3000000000.5, 12)],
    ]
    for s in segs:
        sj = [list(v) for v in s]
        for w in [0, 1, 2, 3, 4, 5, 6, 7, 10, 15]:
            case('L', S, [['line', sj, {'fill': 255, 'width': w}]])
        for mode in MODES:
            case(mode, S, [['line', sj, {'fill': FILL[mode], 'width': 3}]])
        case('RGBA', S, [['line', sj, {}]])
    polylines = [
        [(3, 3), (20, 25), (36, 5)], [3, 3, 20, 25, 36, 5], [(3, 25), (10, 5), (20, 20), (30, 4), (36, 26)],
        [(5, 5), (34, 5), (34, 24), (5, 24), (5, 5)], [(20, 15)],
        [(5, 15), (20, 15), (35, 15)], [(5, 5), (20, 20), (35, 5), (20, 27)], [(30, 5), (10, 15), (30, 25)],
    ]
    for p in polylines:
        pj = [list(v) if isinstance(v, tuple) else v for v in p]
        for w in [0, 1, 2, 4, 5, 6, 8, 9, 12]:
            case('RGB', S, [['line', pj, {'fill': FILL['RGB'], 'width': w}]])
            case('RGB', S, [['line', pj, {'fill': FILL['RGB'], 'width': w, 'joint': 'curve'}]])
        for w in [5, 7, 10]:
            case('L', S, [['line', pj, {'width': w, 'joint': 'curve'}]])
            case('RGBA', S, [['line', pj, {'width': w, 'joint': 'curve'}]])
    for w in [5, 6, 9, 11, 14]:
        case('L', (60, 50), [['line', [[5, 45], [30, 5], [55, 45], [10, 20], [50, 20]], {'fill': 200, 'width': w, 'joint': 'curve'}]])
        case('L', (60, 50), [['line', [[5.5, 44.2], [30.7, 5.1], [54.9, 44.6]], {'fill': 200, 'width': w, 'joint': 'curve'}]])
    case('RGB', S, [['line', [2, 2, 37, 27], {'fill': 0xff00ff, 'width': -4}]])
    for w in [0, 1, 5, 9]:
        case('RGB', S, [['line', [], {'fill': FILL['RGB'], 'width': w}]])


def points():
    case('L', S, [['point', [[1, 1], [5, 5], [39, 29], [40, 30], [-1, 0], [0, -1], [20.9, 10.9], [-0.9, 3.5]], {'fill': 255}]])
    for mode in MODES:
        case(mode, S, [['point', [1, 2, 3, 4, 5, 6, 7.5, 8.5], {'fill': FILL[mode]}]])
        case(mode, S, [['point', [[10, 10], [11, 10], [12, 11]], {}]])
    case('RGB', S, [['point', [], {'fill': 255}]])


def texts():
    strings = ['Hello', 'pixelarray 0.1', 'ABCDEFGHIJKLM', 'nopqrstuvwxyz', '0123456789 !?', '{|}~ @#$%^&*()_+-=',
               'àéîõü ÆØß ¡¿ ©®', 'a\x00b', '\t\x01x', 'Wg', ' ', '', 'AV\nWg', 'line one\nsecond line\n3',
               'x\n\ny', '\n']
    for s in strings:
        for mode in MODES:
            case(mode, (80, 40), [['text', [2, 3], {'text': s, 'fill': FILL[mode]}]])
    for xy in ([0, 0], [-3, -4], [70, 35], [2.7, 3.9], [-2.5, -1.5], [-0.5, 10.99], [50, 12]):
        case('L', (80, 40), [['text', xy, {'text': 'Quick\nbrown fox', 'fill': 255}]])
        case('RGB', (80, 40), [['text', xy, {'text': 'jump', }]])
    for align in ('left', 'center', 'right'):
        for spacing in (4, 0, -3, 2.5, 10):
            case('L', (80, 60), [['text', [3, 2], {'text': 'a\nbbb\ncccccc\ndd', 'fill': 255, 'align': align, 'spacing': spacing}]])
    case('RGBA', (80, 40), [['text', [1, 1], {'text': 'RGBA', 'fill': [0, 0, 255, 100]}]])


def colour_strings():
    from PIL import ImageColor
    names = sorted(ImageColor.colormap)
    specs = ['#abc', '#abcd', '#AbCdEf', '#11223344', '#fff\n', 'rgb(1, 2,3)', 'rgb( 300 ,0 , 5 )', 'rgb(10%, 50%,100%)',
             'rgb(150%,0%,0%)', 'rgba(1,2,3,4)', 'rgba(9, 8, 7, 0)', 'hsl(120, 50%, 25%)', 'hsl(0,100%,50%)',
             'hsl(359.9, 33.3%, 80.5%)', 'hsl(200,0%,40%)', 'hsl(30, 100%, 150%)', 'hsl(720.25, 50%, 50%)',
             'hsl(45., 60.%, 70%)', 'hsv(90, 40%, 60%)', 'hsb(300.5, 100%, 100%)', 'hsv(400, 50%, 50%)',
             'HSV(10,10%,10%)', 'hsv(0, 0%, 100%)', 'hsv(359, 100%, 37%)', 'RED', 'Gray', 'LightGoldenRodYellow']
    for mode in MODES:
        for group in (names, specs):
            calls = [['point', [[i % 40, i // 40]], {'fill': col}] for i, col in enumerate(group)]
            case(mode, S, calls)
        case(mode, S, [['rectangle', [6, 5, 12, 8], {'fill': 'red', 'outline': '#ff0000', 'width': 6}]])
        case(mode, S, [['rectangle', [6, 5, 12, 8], {'fill': 'red', 'outline': '#ff000080', 'width': 6}]])
        case(mode, S, [['polygon', [[3, 3], [30, 10], [10, 25]], {'fill': 'hsl(200, 50%, 50%)', 'outline': 'navy'}]])
        case(mode, S, [['line', [[3, 3], [30, 10], [10, 25]], {'fill': 'rgba(10, 200, 30, 99)', 'width': 7, 'joint': 'curve'}]])
        case(mode, (80, 40), [['text', [2, 3], {'text': 'colour', 'fill': 'orange'}]])


def combined():
    for mode in MODES:
        calls = [
            ['rectangle', [2, 2, 37, 27], {'fill': FILL[mode], 'outline': OUTLINE[mode], 'width': 2}],
            ['ellipse', [6, 4, 33, 25], {'outline': OUTLINE[mode], 'width': 3}],
            ['polygon', [[20, 5], [33, 24], [7, 24]], {'fill': OUTLINE[mode]}],
            ['line', [[0, 0], [39, 29], [0, 29]], {'fill': FILL[mode], 'width': 2}],
            ['point', [[1, 28], [38, 1]], {}],
            ['text', [5, 8], {'text': 'Pil', 'fill': FILL[mode]}],
        ]
        case(mode, S, calls)


def randoms(n):
    """Seeded random calls, checked by SHA-1 of the canvas."""
    rng = random.Random(20240611)

    def coord(lo, hi):
        v = round(rng.uniform(lo, hi), 2)
        return int(round(v)) if rng.random() < 0.6 else (v if not float(v).is_integer() else v + 0.25)

    def color(mode):
        if rng.random() < 0.2:
            return rng.randrange(0, 2 ** 32) if mode != 'L' else rng.randrange(-10, 300)
        c = MODES[mode]
        if c == 1:
            return rng.randrange(256)
        return [rng.randrange(256) for _ in range(rng.choice([3, 4]))]

    for i in range(n):
        mode = rng.choice(list(MODES))
        size = (rng.randint(1, 48), rng.randint(1, 40))
        w, h = size
        calls = []
        for _ in range(rng.randint(1, 3)):
            fn = rng.choice(['rectangle', 'ellipse', 'polygon', 'polygon', 'line', 'line', 'point'])
            if fn in ('rectangle', 'ellipse'):
                xy = [coord(-10, w + 10), coord(-10, h + 10), coord(-10, w + 10), coord(-10, h + 10)]
                if fn == 'ellipse' or rng.random() < 0.7:
                    xy = [min(xy[0], xy[2]), min(xy[1], xy[3]), max(xy[0], xy[2]), max(xy[1], xy[3])]
                o = {}
                r = rng.random()
                if r < 0.4:
                    o['fill'] = color(mode)
                if r > 0.25:
                    o['outline'] = color(mode)
                o['width'] = rng.choice([0, 1, 1, 1, 2, 3, 4, 5, 6, 8, 11])
            elif fn == 'polygon':
                xy = [[coord(-8, w + 8), coord(-8, h + 8)] for _ in range(rng.randint(2, 9))]
                o = {}
                r = rng.random()
                if r < 0.6:
                    o['fill'] = color(mode)
                if r > 0.4:
                    o['outline'] = color(mode)
                    o['width'] = rng.choice([1, 1, 1, 2, 3, 4, 5])
            elif fn == 'line':
                xy = [[coord(-8, w + 8), coord(-8, h + 8)] for _ in range(rng.randint(1, 6))]
                o = {'fill': color(mode), 'width': rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 9, 12])}
                if rng.random() < 0.3:
                    o['joint'] = 'curve'
            else:
                xy = [[coord(-3, w + 3), coord(-3, h + 3)] for _ in range(rng.randint(1, 12))]
                o = {'fill': color(mode)}
            calls.append([fn, xy, o])
        case(mode, size, calls, store='sha1')


def errors():
    e = error_case
    e('L', S, ['rectangle', [1, 2, 3], {'fill': 1}])
    e('L', S, ['rectangle', [1, 2, 3, 4, 5, 6], {'fill': 1}])
    e('L', S, ['rectangle', [[1, 2]], {'fill': 1}])
    e('L', S, ['ellipse', [1, 2, 3, 4, 5, 6], {'fill': 1}])
    e('L', S, ['polygon', [[1, 2]], {'fill': 1}])
    e('L', S, ['polygon', [1, 2, 3], {'fill': 1}])
    e('L', S, ['line', [1, 2, 3], {'fill': 1}])
    e('L', S, ['point', [1, 2, 3], {'fill': 1}])
    e('L', S, ['rectangle', [1, 2, 3, 4], {'fill': [1, 2]}])
    e('L', S, ['rectangle', [1, 2, 3, 4], {'fill': [1, 2, 3]}])
    e('RGB', S, ['rectangle', [1, 2, 3, 4], {'fill': [1, 2]}])
    e('RGB', S, ['rectangle', [1, 2, 3, 4], {'fill': [1, 2, 3, 4, 5]}])
    e('RGB', S, ['rectangle', [1, 2, 3, 4], {'fill': 1.5}])
    e('RGBA', S, ['rectangle', [1, 2, 3, 4], {'fill': [1, 2, 3.5]}])
    e('L', S, ['line', [1, 2, 3, 4], {'fill': 1, 'width': 2.5}])
    e('L', S, ['rectangle', [1, 2, 3, 4], {'outline': 1, 'width': 2.5}])
    e('L', S, ['rectangle', [1, 2, 3, [4, 5, 6]], {'fill': 1}])
    e('L', S, ['line', [], {'fill': 1, 'width': 5, 'joint': 'curve'}])
    e('L', S, ['polygon', [[0, 0], [30, 20], [0, 25]], {'outline': 1, 'width': 2 ** 30 + 1}])
    e('L', S, ['polygon', [[0, 0], [30, 20], [0, 25]], {'outline': 1, 'width': -2 ** 30}])
    e('L', S, ['rectangle', [0, 0, 3, 3], {'outline': 1, 'width': 2 ** 31}])
    for mode in MODES:
        e(mode, S, ['rectangle', [1, 2, 3, 4], {'fill': 'reddish'}])
        e(mode, S, ['point', [1, 2], {'fill': 'rgb(1, 2)'}])
        e(mode, S, ['point', [1, 2], {'fill': '#12345'}])
        e(mode, S, ['point', [1, 2], {'fill': '#' + 'a' * 100}])
        e(mode, S, ['point', [1, 2], {'fill': 'hsl(1, 2, 3)'}])


def main():
    if '--font' in sys.argv:
        print(json.dumps(font_ts(), indent=1))
        return
    if PIL.__version__ != '9.4.0':
        print(f'warning: Pillow {PIL.__version__}, the fixtures are meant for 9.4.0', file=sys.stderr)
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    rectangles()
    ellipses()
    polygons()
    lines()
    points()
    texts()
    colour_strings()
    combined()
    randoms(1000)
    errors()
    for name, strip in atlases.items():
        a = np.concatenate(strip, axis=0)
        Image.fromarray(a, name.split('_')[0]).save(os.path.join(OUT, name), optimize=True)
    with open(os.path.join(OUT, 'cases.json'), 'w') as f:
        f.write('{"generator": "test/golden/generate_pillow_draw.py", "pillow": "%s", "numpy": "%s",\n'
                % (PIL.__version__, np.__version__))
        f.write(' "background": "(7*x + 13*y + 50*c + 11) %% 256",\n "cases": [\n')
        f.write(',\n'.join(json.dumps(c, separators=(',', ':'), ensure_ascii=False) for c in cases))
        f.write('\n]}\n')
    png = sum(1 for c in cases if 'expect' in c)
    sha = sum(1 for c in cases if 'sha1' in c)
    err = sum(1 for c in cases if 'raises' in c)
    size = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f'{len(cases)} cases ({png} PNG, {sha} SHA-1, {err} errors), {size / 1024:.0f} KiB in {OUT}')


if __name__ == '__main__':
    main()
