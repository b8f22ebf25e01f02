#!/usr/bin/python3
"""Golden fixtures for pixelarray's findContours, contourArea, boundingRect, arcLength,
approxPolyDP, moments and drawContours, computed by OpenCV 4.6.

Run with Debian's python3 (numpy, cv2 4.6, skimage):

    /usr/bin/python3 test/golden/generate_contours.py

Writes test/golden/fixtures-json/contours.json and the PNG inputs it names in
test/golden/fixtures/contours/ (after deleting the old ones); test/imgproc/contours.test.ts runs
them. The folder has no manifest.json: golden.test.ts does not read it.

Inputs (`input` of a case):
- `{"$rows": [[...], ...]}`: a small image inline (any byte values; nonzero is foreground).
- `{"$mix32": {"h", "w", "seed", "density"}}`: seeded noise, made again by the test: pixel i
  (row-major) is `v = fmix32((i * 0x9E3779B1 + seed) mod 2^32)` (MurmurHash3's finaliser),
  foreground with value `(v & 0xFF) | 1` when `(v >> 24) < density * 256`, else 0 (as in
  generate_components.py).
- `{"$png": "file"}`: an 8-bit gray PNG in fixtures/contours/ (thresholded photos from
  skimage.data, random blobs, shapes drawn with cv2.circle / cv2.rectangle / cv2.ellipse / cv2.line).

Serialisations (little-endian; `sha256` of the bytes when a result is too big to inline):
- contours: int32 `[count, then per contour: n, x0, y0, x1, y1, …]`; hierarchy: int32, 4 per contour.
- per-contour doubles (contourArea, arcLength, the 24 moments in cv2's key order): float64.
- boundingRect: int32, 4 per contour; approxPolyDP: int32 `[n, x0, y0, …]` per contour, for
  every (epsilon, closed) entry of the case in turn, all in one hash.
- drawContours: the canvas bytes (H×W×C, C order) after drawing.

Groups of cases:
- `find`: cv2.findContours(img, mode, method) for every input, 4 modes × 2 methods; the input is
  checked untouched.
- `shape`: for a contour set (`{"$find": {input, mode, method}}`: the contours findContours gives,
  or `{"$points": [...]}`: point lists given inline), contourArea (plain and oriented), arcLength
  (closed and open), boundingRect, moments, and approxPolyDP for several epsilons, closed and open.
- `draw`: cv2.drawContours(canvas, contours, index, color, thickness, lineType, hierarchy,
  maxLevel, offset) on a canvas `full(h, w, c, fill)`.
"""
import hashlib
import json
import os

import cv2
import numpy as np
import skimage
import skimage.data

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures', 'contours')
JSON_OUT = os.path.join(HERE, 'fixtures-json', 'contours.json')

MODES = {'external': cv2.RETR_EXTERNAL, 'list': cv2.RETR_LIST, 'ccomp': cv2.RETR_CCOMP, 'tree': cv2.RETR_TREE}
METHODS = {'none': cv2.CHAIN_APPROX_NONE, 'simple': cv2.CHAIN_APPROX_SIMPLE}
MOMENT_KEYS = ['m00', 'm10', 'm01', 'm20', 'm11', 'm02', 'm30', 'm21', 'm12', 'm03',
               'mu20', 'mu11', 'mu02', 'mu30', 'mu21', 'mu12', 'mu03',
               'nu20', 'nu11', 'nu02', 'nu30', 'nu21', 'nu12', 'nu03']
LINE_TYPES = {8: cv2.LINE_8, 4: cv2.LINE_4, 'aa': cv2.LINE_AA}
INT_MAX = 2147483647

INLINE_POINTS = 64       # contours (and their shape values) inline up to this many points in all
INLINE_CONTOURS = 6      # per-contour values inline up to this many contours
INLINE_APPROX_POINTS = 16  # approxPolyDP results inline up to this many input points


def mix32(h, w, seed, density):
    i = np.arange(h * w, dtype=np.uint64)
    v = (i * np.uint64(0x9E3779B1) + np.uint64(seed)) & np.uint64(0xFFFFFFFF)
    v ^= v >> np.uint64(16)
    v = (v * np.uint64(0x85EBCA6B)) & np.uint64(0xFFFFFFFF)
    v ^= v >> np.uint64(13)
    v = (v * np.uint64(0xC2B2AE35)) & np.uint64(0xFFFFFFFF)
    v ^= v >> np.uint64(16)
    fg = (v >> np.uint64(24)) < np.uint64(int(round(density * 256)))
    return np.where(fg, (v & np.uint64(0xFF)) | np.uint64(1), 0).astype(np.uint8).reshape(h, w)


def sha(b):
    return hashlib.sha256(b).hexdigest()


def contours_bytes(cs):
    parts = [np.array([len(cs)], '<i4')]
    for c in cs:
        c = np.asarray(c, np.int32).reshape(-1, 2)
        parts.append(np.array([len(c)], '<i4'))
        parts.append(c.astype('<i4').ravel())
    return np.concatenate(parts).tobytes()


def as_list(cs):
    return [np.asarray(c).reshape(-1, 2).tolist() for c in cs]


inputs = {}       # name -> (arg, image)
png_files = []
find_cases = []
shape_cases = []
draw_cases = []


def add_input(name, img, note=None, png=False):
    img = np.ascontiguousarray(img, dtype=np.uint8)
    assert img.ndim == 2 and name not in inputs
    if png:
        fname = f'in_{name}.png'
        ok, buf = cv2.imencode('.png', img, [cv2.IMWRITE_PNG_COMPRESSION, 9])
        assert ok
        back = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
        assert back.shape == img.shape and np.array_equal(back, img)
        with open(os.path.join(OUT, fname), 'wb') as f:
            f.write(buf.tobytes())
        png_files.append({'file': fname, 'note': note})
        arg = {'$png': fname}
    else:
        arg = {'$rows': img.tolist()}
    inputs[name] = (arg, img)
    return name


def add_mix(h, w, seed, density):
    name = f'mix{h}x{w}_s{seed}_d{density}'
    img = mix32(h, w, seed, density)
    assert name not in inputs
    inputs[name] = ({'$mix32': {'h': h, 'w': w, 'seed': seed, 'density': density}}, img)
    return name


def find(img, mode, method):
    a = img.copy()
    cs, hier = cv2.findContours(a, MODES[mode], METHODS[method])
    assert np.array_equal(a, img), 'findContours modified its input'
    cs2, hier2 = cv2.findContours(img.copy(), MODES[mode], METHODS[method])
    assert len(cs) == len(cs2) and all(np.array_equal(x, y) for x, y in zip(cs, cs2))
    for c in cs:
        assert c.dtype == np.int32 and c.ndim == 3 and c.shape[1:] == (1, 2)
    h = np.zeros((0, 4), np.int32) if hier is None else hier.reshape(-1, 4)
    assert len(h) == len(cs)
    return list(cs), h


def find_case(name, mode, method):
    arg, img = inputs[name]
    cs, h = find(img, mode, method)
    npts = sum(len(c) for c in cs)
    expect = {'count': len(cs), 'points': npts}
    if npts <= INLINE_POINTS:
        expect['contours'] = as_list(cs)
        expect['hierarchy'] = h.tolist()
    else:
        expect['contoursSha256'] = sha(contours_bytes(cs))
        expect['hierarchySha256'] = sha(h.astype('<i4').tobytes())
    find_cases.append({'id': f'f{len(find_cases) + 1:04d}_{name}_{mode}_{method}', 'input': name,
                       'mode': mode, 'method': method, 'expect': expect})


def values(name, arr, dtype, inline):
    arr = np.asarray(arr, dtype)
    return {name: arr.tolist()} if inline else {name + 'Sha256': sha(arr.astype(dtype).tobytes())}


EPSILONS = [0, 0.5, 1, 1.5, 2.5, 4, 10, 30]


def shape_case(tag, source, cs):
    cs = [np.asarray(c, np.int32).reshape(-1, 1, 2) for c in cs]
    inline = len(cs) <= INLINE_CONTOURS and sum(len(c) for c in cs) <= INLINE_POINTS
    expect = {'count': len(cs)}
    expect.update(values('area', [cv2.contourArea(c) for c in cs], '<f8', inline))
    expect.update(values('areaOriented', [cv2.contourArea(c, True) for c in cs], '<f8', inline))
    expect.update(values('arcClosed', [cv2.arcLength(c, True) for c in cs], '<f8', inline))
    expect.update(values('arcOpen', [cv2.arcLength(c, False) for c in cs], '<f8', inline))
    expect.update(values('rect', [list(cv2.boundingRect(c)) if len(c) else [0, 0, 0, 0] for c in cs], '<i4', inline))
    moms = []
    for c in cs:
        m = cv2.moments(c)
        assert list(m.keys()) == MOMENT_KEYS
        moms.append([m[k] for k in MOMENT_KEYS])
    expect.update(values('moments', np.array(moms, '<f8').reshape(-1, 24), '<f8', inline))
    approx, blob = [], b''
    for eps in EPSILONS:
        for closed in (True, False):
            out = []
            for c in cs:
                a = cv2.approxPolyDP(c, eps, closed)
                out.append(np.zeros((0, 2), np.int32) if a is None else a.reshape(-1, 2))
            approx.append({'epsilon': eps, 'closed': closed, 'points': as_list(out)})
            blob += contours_bytes(out)[4:]
    if inline and sum(len(c) for c in cs) <= INLINE_APPROX_POINTS:
        expect['approx'] = approx
    else:
        expect['approx'] = [{'epsilon': e['epsilon'], 'closed': e['closed']} for e in approx]
        expect['approxSha256'] = sha(blob)
    shape_cases.append({'id': f's{len(shape_cases) + 1:04d}_{tag}', 'contours': source, 'expect': expect})


def shape_from_find(name, mode, method):
    cs, _ = find(inputs[name][1], mode, method)
    shape_case(f'{name}_{mode}_{method}', {'$find': {'input': name, 'mode': mode, 'method': method}}, cs)


def shape_from_points(tag, cs):
    shape_case(tag, {'$points': [np.asarray(c).reshape(-1, 2).tolist() for c in cs]}, cs)


def draw_case(tag, name, mode, method, canvas, color, index, thickness=1, line_type=8, hierarchy=False,
              max_level=None, offset=(0, 0)):
    cs, h = find(inputs[name][1], mode, method)
    (ch, cw, cc), fill = canvas
    img = np.full((ch, cw, cc), fill, np.uint8) if np.ndim(fill) == 0 else \
        np.ascontiguousarray(np.broadcast_to(np.array(fill, np.uint8)[:cc], (ch, cw, cc)))
    before = img.copy()
    kw = {}
    if hierarchy:
        kw['hierarchy'] = h.reshape(1, -1, 4)
    if max_level is not None:
        kw['maxLevel'] = max_level
    tgt = img.reshape(ch, cw) if cc == 1 else img
    cv2.drawContours(tgt, cs, index, color, thickness, LINE_TYPES[line_type], offset=tuple(offset), **kw)
    args = {'index': index, 'color': color, 'thickness': thickness, 'lineType': line_type,
            'hierarchy': hierarchy, 'maxLevel': max_level, 'offset': list(offset)}
    draw_cases.append({'id': f'd{len(draw_cases) + 1:04d}_{tag}',
                       'contours': {'$find': {'input': name, 'mode': mode, 'method': method}},
                       'canvas': {'shape': [ch, cw, cc], 'fill': fill}, 'args': args,
                       'expect': {'sha256': sha(img.tobytes()), 'changed': int(np.any(img != before, axis=2).sum())}})


def blobs(rng, h, w, n_on, n_off, r_max):
    """Random discs on, then discs off (holes), then smaller discs on again (islands in holes)."""
    img = np.zeros((h, w), np.uint8)
    for _ in range(n_on):
        cv2.circle(img, (int(rng.integers(0, w)), int(rng.integers(0, h))), int(rng.integers(2, r_max)), 255, -1)
    for _ in range(n_off):
        cv2.circle(img, (int(rng.integers(0, w)), int(rng.integers(0, h))), int(rng.integers(1, r_max // 2 + 2)), 0, -1)
    for _ in range(n_off // 2):
        cv2.circle(img, (int(rng.integers(0, w)), int(rng.integers(0, h))), int(rng.integers(1, r_max // 4 + 2)), 255, -1)
    return img


def smooth_noise(rng, h, w, sigma, t):
    """Gaussian-blurred white noise above a threshold: blobs with holes and nested holes."""
    noise = rng.random((h, w)).astype(np.float32)
    g = cv2.GaussianBlur(noise, (0, 0), sigma)
    g = (g - g.min()) / (g.max() - g.min())
    return (g > t).astype(np.uint8) * 255


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith('.png'):
            os.remove(os.path.join(OUT, f))
    rng = np.random.default_rng(20240621)

    # Hand-made images.
    small = {
        'single_pixel': [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
        'single_fg': [[255]],
        'single_bg': [[0]],
        'all_fg': [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]],
        'all_bg': [[0] * 5] * 4,
        'row': [[1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1]],
        'column': [[v] for v in [1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1]],
        'diagonal_pair': [[1, 0], [0, 1]],
        'anti_diagonal': [[0, 0, 1], [0, 1, 0], [1, 0, 0]],
        'hline': [[0] * 7, [0, 1, 1, 1, 1, 1, 0], [0] * 7],
        'vline': [[0, 0, 0], [0, 1, 0], [0, 1, 0], [0, 1, 0], [0, 0, 0]],
        'plus': [[0, 1, 0], [1, 1, 1], [0, 1, 0]],
        'x_shape': [[1, 0, 0, 0, 1], [0, 1, 0, 1, 0], [0, 0, 1, 0, 0], [0, 1, 0, 1, 0], [1, 0, 0, 0, 1]],
        'ring': [[1, 1, 1], [1, 0, 1], [1, 1, 1]],
        'ring_border': [[1, 1, 1, 1], [1, 0, 0, 1], [1, 0, 0, 1], [1, 1, 1, 1]],
        'diamond_ring': [[0, 0, 1, 0, 0], [0, 1, 0, 1, 0], [1, 0, 0, 0, 1], [0, 1, 0, 1, 0], [0, 0, 1, 0, 0]],
        'nested': [[1] * 9, [1] + [0] * 7 + [1], [1, 0, 1, 1, 1, 1, 1, 0, 1], [1, 0, 1, 0, 0, 0, 1, 0, 1],
                   [1, 0, 1, 0, 7, 0, 1, 0, 1], [1, 0, 1, 0, 0, 0, 1, 0, 1], [1, 0, 1, 1, 1, 1, 1, 0, 1],
                   [1] + [0] * 7 + [1], [1] * 9],
        'two_holes': [[1] * 7, [1, 0, 1, 1, 1, 0, 1], [1, 0, 1, 1, 1, 0, 1], [1] * 7],
        'touching_holes': [[1, 1, 1, 1, 1], [1, 0, 1, 1, 1], [1, 1, 0, 1, 1], [1, 1, 1, 0, 1], [1, 1, 1, 1, 1]],
        'holes_diag': [[1, 1, 1, 1], [1, 0, 1, 1], [1, 1, 0, 1], [1, 1, 1, 1]],
        'spiral': [[1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 1], [1, 1, 1, 1, 0, 1], [1, 0, 0, 1, 0, 1],
                   [1, 0, 0, 0, 0, 1], [1, 1, 1, 1, 1, 1]],
        'u_shapes': [[1, 0, 1, 0, 1, 0, 1], [1, 0, 1, 0, 1, 0, 1], [1, 1, 1, 0, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0],
                     [7, 0, 0, 200, 0, 0, 1], [7, 7, 7, 7, 7, 7, 1]],
        'checker': [[(x + y) % 2 for x in range(9)] for y in range(7)],
        'checker_inv': [[(x + y + 1) % 2 for x in range(8)] for y in range(6)],
        'comb': [[1, 1, 1, 1, 1, 1, 1], [1, 0, 1, 0, 1, 0, 1], [1, 0, 1, 0, 1, 0, 1]],
        'island_in_hole': [[1, 1, 1, 1, 1, 1, 1], [1, 0, 0, 0, 0, 0, 1], [1, 0, 1, 0, 1, 0, 1], [1, 0, 0, 0, 0, 0, 1],
                           [1, 1, 1, 1, 1, 1, 1]],
        'stairs': [[1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0], [1, 1, 1, 1]],
    }
    small_names = [add_input(k, np.array(v, np.uint8)) for k, v in small.items()]

    # Seeded noise: tiny to large; 8-connected clusters with many holes; more than 126 contours
    # (OpenCV's 7-bit border marks wrap and the parent search has to trace candidate borders).
    mix_names = []
    seed = 1
    for (h, w) in [(1, 1), (1, 5), (5, 1), (2, 2), (3, 3), (4, 7), (7, 4), (8, 8), (13, 11), (16, 16), (31, 29)]:
        for density in (0.3, 0.5, 0.7):
            mix_names.append(add_mix(h, w, seed, density))
            seed += 1
    for (h, w, density) in [(64, 48, 0.4), (64, 48, 0.6), (100, 150, 0.3), (150, 100, 0.5), (200, 300, 0.3),
                            (200, 300, 0.45), (200, 300, 0.7), (301, 199, 0.55)]:
        mix_names.append(add_mix(h, w, seed, density))
        seed += 1

    # Random blobs with holes and islands, smoothed noise (nested holes), thin lines, shapes.
    png_names = []
    for k, (h, w) in enumerate([(40, 60), (90, 70), (120, 160), (240, 320)]):
        n_on = 4 + 4 * k
        png_names.append(add_input(f'blobs_{h}x{w}', blobs(rng, h, w, n_on, 2 * n_on, max(6, min(h, w) // 4)),
                                   f'random cv2.circle discs (on, off, on) on zeros ({h}, {w}), default_rng(20240621)', True))
    for k, (h, w, sigma, t) in enumerate([(80, 100, 3, 0.5), (160, 200, 4, 0.45), (256, 256, 2.5, 0.55)]):
        png_names.append(add_input(f'smooth_{h}x{w}', smooth_noise(rng, h, w, sigma, t),
                                   f'GaussianBlur(noise, sigma={sigma}) normalised > {t}, default_rng(20240621)', True))
    for k, (h, w) in enumerate([(20, 31), (64, 48), (120, 90)]):
        img = np.zeros((h, w), np.uint8)
        for _ in range(6 + 4 * k):
            p = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            q = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            cv2.line(img, p, q, 255, 1, [cv2.LINE_8, cv2.LINE_4][k % 2])
        png_names.append(add_input(f'lines_{h}x{w}', img, f'cv2.line × {6 + 4 * k} on zeros ({h}, {w})', True))
    img = np.zeros((200, 200), np.uint8)
    for r in range(95, 0, -6):
        cv2.circle(img, (100, 100), r, 255 if (r // 6) % 2 == 1 else 0, -1)
    png_names.append(add_input('rings_200', img, 'concentric filled cv2.circle, radii 95, 89, … alternating 255/0', True))
    img = np.zeros((120, 160), np.uint8)
    cv2.rectangle(img, (5, 5), (150, 110), 255, -1)
    cv2.rectangle(img, (15, 15), (70, 60), 0, -1)
    cv2.rectangle(img, (25, 25), (50, 45), 255, 2)
    cv2.circle(img, (110, 60), 30, 0, -1)
    cv2.circle(img, (110, 60), 20, 255, 3)
    cv2.circle(img, (110, 60), 5, 255, -1)
    cv2.ellipse(img, (40, 90), (25, 10), 30, 0, 360, 0, -1)
    cv2.rectangle(img, (0, 0), (159, 119), 255, 1)
    cv2.circle(img, (0, 119), 12, 255, -1)
    png_names.append(add_input('shapes_120x160', img, 'cv2.rectangle / circle / ellipse, nested, touching the border', True))
    coins = skimage.data.coins()
    for t in (80, 120, 160):
        png_names.append(add_input(f'coins_gt{t}', (coins > t).astype(np.uint8) * 255, f'(skimage.data.coins() > {t}) * 255', True))
    _, otsu = cv2.threshold(coins, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    png_names.append(add_input('coins_otsu', otsu, 'cv2.threshold(skimage.data.coins(), 0, 255, THRESH_BINARY | THRESH_OTSU)[1]', True))
    adapt = cv2.adaptiveThreshold(coins, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 11, 2)
    png_names.append(add_input('coins_adaptive', adapt, 'cv2.adaptiveThreshold(coins, 255, MEAN_C, BINARY, 11, 2)', True))
    coffee = cv2.cvtColor(cv2.resize(skimage.data.coffee(), (1920, 1080), interpolation=cv2.INTER_LINEAR),
                          cv2.COLOR_RGB2GRAY)
    _, big = cv2.threshold(coffee, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    png_names.append(add_input('coffee_1920x1080_otsu', big,
                               'cv2.threshold(cv2.cvtColor(cv2.resize(skimage.data.coffee(), (1920, 1080)), RGB2GRAY), 0, 255, '
                               'THRESH_BINARY | THRESH_OTSU)[1]', True))

    for name in small_names + mix_names + png_names:
        for mode in MODES:
            for method in METHODS:
                find_case(name, mode, method)

    # Contour functions on findContours' contours ...
    for name in small_names:
        shape_from_find(name, 'list', 'none')
    for name in small_names[::3]:
        shape_from_find(name, 'tree', 'simple')
    for name in ['mix31x29_s32_d0.5', 'mix64x48_s34_d0.4', 'mix200x300_s38_d0.3']:
        shape_from_find(name, 'tree', 'none')
        shape_from_find(name, 'ccomp', 'simple')
    for name in png_names:
        shape_from_find(name, 'tree', 'none' if 'coffee' not in name else 'simple')
    shape_from_find('coins_otsu', 'external', 'simple')
    # ... and on given point lists: polygons, repeated points, collinear runs, big coordinates
    # (approxPolyDP's int32 products wrap), self-intersections, both directions.
    shape_from_points('empty', [[]])
    shape_from_points('tiny', [[[3, 4]], [[0, 0], [5, 0]], [[0, 0], [0, 0]], [[1, 1], [4, 1], [1, 1]], [[0, 0], [3, 0], [3, 3]]])
    shape_from_points('squares', [[[0, 0], [10, 0], [10, 10], [0, 10]], [[0, 0], [0, 10], [10, 10], [10, 0]],
                                  [[2, 2], [2, 8], [8, 8], [8, 2], [2, 2]]])
    shape_from_points('collinear', [[[0, 0], [1, 0], [2, 0], [3, 0], [4, 0], [4, 1], [4, 2], [3, 2], [2, 2], [1, 2], [0, 2], [0, 1]],
                                    [[0, 0], [1, 1], [2, 2], [3, 3], [4, 4], [5, 5]], [[0, 0], [5, 1], [10, 2], [15, 3], [20, 4]]])
    shape_from_points('bowtie', [[[0, 0], [10, 10], [10, 0], [0, 10]], [[0, 0], [20, 0], [0, 5], [20, 5], [0, 10]]])
    t = np.linspace(0, 2 * np.pi, 60, endpoint=False)
    star = np.stack([100 + (40 + 25 * np.cos(5 * t)) * np.cos(t), 100 + (40 + 25 * np.cos(5 * t)) * np.sin(t)], 1)
    shape_from_points('star', [np.round(star).astype(np.int32), np.round(star[::-1]).astype(np.int32)])
    for k, scale in enumerate([4, 60, 3000, 10 ** 6, 2 ** 28, 2 ** 30 - 1]):
        cs = [rng.integers(-scale, scale + 1, (int(rng.integers(1, 16)), 2)) for _ in range(6)]
        shape_from_points(f'random_scale{scale}', cs)
    walk = np.cumsum(rng.integers(-1, 2, (400, 2)), axis=0) + 50
    shape_from_points('random_walk', [walk, walk[:50], walk[::-1]])

    # drawContours: thickness 1 / 3 / -1 (and 0, 2, 7), line types, index -1 and specific ones,
    # hierarchy with maxLevel 0, 1, 2 and all, offsets, 1 / 3 / 4-channel canvases.
    for name, mode, method in [('nested', 'tree', 'none'), ('island_in_hole', 'tree', 'simple'), ('spiral', 'list', 'none')]:
        hh, ww = inputs[name][1].shape
        for thickness in (1, -1, 2):
            draw_case(f'{name}_t{thickness}', name, mode, method, ((hh, ww, 1), 0), 255, -1, thickness)
    for name, mode, method in [('blobs_120x160', 'tree', 'simple'), ('shapes_120x160', 'tree', 'none'),
                               ('rings_200', 'ccomp', 'simple'), ('smooth_160x200', 'tree', 'simple'),
                               ('coins_otsu', 'external', 'simple'), ('lines_64x48', 'list', 'none')]:
        cs, hier = find(inputs[name][1], mode, method)
        n = len(cs)
        hh, ww = inputs[name][1].shape
        canvas = ((hh, ww, 3), [10, 20, 30])
        col = [200, 100, 50]
        tops = [i for i in range(n) if hier[i][3] == -1] if n else []
        nested = [i for i in range(n) if hier[i][2] != -1]
        picks = sorted(set([0, n - 1] + tops[:1] + nested[:2])) if n else []
        for thickness in (1, 3, -1, 0, 7):
            for line_type in (8, 4, 'aa'):
                draw_case(f'{name}_all_t{thickness}_l{line_type}', name, mode, method, canvas, col, -1, thickness, line_type)
        for idx in picks:
            draw_case(f'{name}_i{idx}_t3', name, mode, method, canvas, col, idx, 3)
            for thickness in (1, -1):
                draw_case(f'{name}_i{idx}_t{thickness}', name, mode, method, canvas, col, idx, thickness)
                for max_level in (0, 1, None):
                    draw_case(f'{name}_i{idx}_t{thickness}_h{max_level}', name, mode, method, canvas, col, idx, thickness,
                              8, True, max_level)
        for max_level in (0, 1, 2, None):
            for thickness in (1, -1):
                draw_case(f'{name}_all_t{thickness}_h{max_level}', name, mode, method, canvas, col, -1, thickness, 8,
                          True, max_level)
        for off in [(3, -2), (-7, 5)]:
            for thickness in (1, -1, 4):
                draw_case(f'{name}_all_t{thickness}_off{off[0]}_{off[1]}', name, mode, method, canvas, col, -1,
                          thickness, 8, False, None, off)
        draw_case(f'{name}_gray_aa', name, mode, method, ((hh, ww, 1), 40), 180, -1, 2, 'aa')
        draw_case(f'{name}_rgba', name, mode, method, ((hh, ww, 4), [1, 2, 3, 4]), [9, 250, 128, 77], -1, 2, 8)
    for max_level in (1, None):
        draw_case(f'coffee_all_t1_h{max_level}', 'coffee_1920x1080_otsu', 'tree', 'simple', ((1080, 1920, 3), 0),
                  [0, 255, 0], -1, 1, 8, True, max_level)
    draw_case('coffee_all_fill', 'coffee_1920x1080_otsu', 'tree', 'simple', ((1080, 1920, 1), 0), 255, -1, -1)

    doc = {'generator': f'test/golden/generate_contours.py: OpenCV {cv2.__version__}, NumPy {np.__version__}, '
                        f'scikit-image {skimage.__version__}',
           'dir': 'fixtures/contours', 'pngs': png_files,
           'inputs': {k: v[0] for k, v in inputs.items()}}
    os.makedirs(os.path.dirname(JSON_OUT), exist_ok=True)
    with open(JSON_OUT, 'w', encoding='utf-8') as f:
        f.write('{\n')
        for k in ('generator', 'dir', 'pngs'):
            f.write(f'{json.dumps(k)}: {json.dumps(doc[k])},\n')
        f.write('"inputs": {\n' + ',\n'.join(f'  {json.dumps(k)}: {json.dumps(v)}' for k, v in doc['inputs'].items()) + '\n},\n')
        for key, group in (('find', find_cases), ('shape', shape_cases), ('draw', draw_cases)):
            f.write(f'"{key}": [\n' + ',\n'.join('  ' + json.dumps(c) for c in group) + '\n]' +
                    (',\n' if key != 'draw' else '\n'))
        f.write('}\n')
    with open(JSON_OUT, encoding='utf-8') as f:
        json.load(f)
    size = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f'{len(find_cases)} find, {len(shape_cases)} shape, {len(draw_cases)} draw cases; '
          f'{len(png_files)} PNG inputs ({size / 1024:.0f} KiB), JSON {os.path.getsize(JSON_OUT) / 1024:.0f} KiB')


if __name__ == '__main__':
    main()
