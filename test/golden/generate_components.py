#!/usr/bin/python3
"""Golden fixtures for pixelarray's connectedComponents / connectedComponentsWithStats, computed by
OpenCV 4.6 (cv2.connectedComponentsWithStats(img, connectivity=c): ltype CV_32S, CCL_DEFAULT, i.e.
Spaghetti for 8-connectivity and Spaghetti4C for 4-connectivity).

Run with Debian's python3 (numpy, cv2 4.6, skimage):

    /usr/bin/python3 test/golden/generate_components.py

Writes test/golden/fixtures-json/components.json and the PNG inputs it names in
test/golden/fixtures/components/ (after deleting the old ones); test/imgproc/components.test.ts
runs them. The folder has no manifest.json: golden.test.ts does not read it.

Inputs, kept small:
- `{"$rows": [[...], ...]}`: a small image inline (any byte values; nonzero is foreground).
- `{"$mix32": {"h", "w", "seed", "density"}}`: a seeded random image, made again by the test:
  pixel i (row-major) is `v = fmix32((i * 0x9E3779B1 + seed) mod 2^32)` (MurmurHash3's finaliser),
  foreground with value `(v & 0xFF) | 1` when `(v >> 24) < density * 256`, else 0.
- `{"$png": "file"}`: a thresholded photo (8-bit gray PNG, 0/255) from skimage.data.
Expected results: count, and labels / stats / centroids inline for small cases, else the SHA-256
of their little-endian bytes (labels and stats int32, centroids float64 with NaN as
0x7FF8000000000000). `exhaustive` entries hash, for every binary image of a small size (pixel k of
image m is 255 when bit k of m is set, row-major), the concatenated count (int32), labels, stats
and centroids.

Every result is computed twice, with cv2.setNumThreads(1) (sequential Spaghetti) and with the
default thread count (OpenCV's parallel version whenever rows / threads >= 2), and must be identical
(labels, stats and centroids); the inputs must be left untouched.
"""
import hashlib
import json
import os

import cv2
import numpy as np
import skimage
import skimage.data

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures', 'components')
JSON_OUT = os.path.join(HERE, 'fixtures-json', 'components.json')
DEFAULT_THREADS = cv2.getNumThreads()

INLINE_PIXELS = 256      # labels inline up to this many pixels
INLINE_LABELS = 48       # stats / centroids inline up to this many labels


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


def canonical_centroids(c):
    c = np.asarray(c, dtype='<f8').copy()
    c[np.isnan(c)] = np.nan
    return c


def cv_once(img, conn):
    """cv2's (count, labels, stats, centroids) at the current thread count, checked against
    cv2.connectedComponents; the input is checked untouched."""
    a = img.copy()
    n, labels, stats, cent = cv2.connectedComponentsWithStats(a, connectivity=conn)
    n2, labels2 = cv2.connectedComponents(a, connectivity=conn)
    assert np.array_equal(a, img), 'reference mutated its input'
    assert n == n2 and np.array_equal(labels, labels2)
    assert labels.dtype == np.int32 and stats.dtype == np.int32 and cent.dtype == np.float64
    return int(n), labels, stats, canonical_centroids(cent)


def with_threads(threads, fn):
    """fn() with cv2.setNumThreads(threads) (switching thread pools is slow: done once per batch)."""
    cv2.setNumThreads(threads)
    try:
        return fn()
    finally:
        cv2.setNumThreads(DEFAULT_THREADS)


def same(r0, r1):
    (n0, l0, s0, c0), (n1, l1, s1, c1) = r0, r1
    return n0 == n1 and np.array_equal(l0, l1) and np.array_equal(s0, s1) and c0.tobytes() == c1.tobytes()


def sha(arr, dtype):
    return hashlib.sha256(np.ascontiguousarray(arr, dtype=dtype).tobytes()).hexdigest()


def centroid_json(c):
    return [[None if np.isnan(v) else float(v) for v in row] for row in c]


cases = []
png_files = []
pending = []  # (image, connectivity, result with the default threads): checked again with 1 thread


def case(tag, arg, img, conn):
    img = np.ascontiguousarray(img, dtype=np.uint8)
    assert img.ndim == 2
    n, labels, stats, cent = cv_once(img, conn)
    pending.append((img, conn, (n, labels, stats, cent)))
    h, w = img.shape
    expect = {'count': n}
    if h * w <= INLINE_PIXELS:
        expect['labels'] = labels.tolist()
    else:
        expect['labelsSha256'] = sha(labels, '<i4')
    if n <= INLINE_LABELS:
        expect['stats'] = stats.tolist()
        expect['centroids'] = centroid_json(cent)
    else:
        expect['statsSha256'] = sha(stats, '<i4')
        expect['centroidsSha256'] = sha(cent, '<f8')
        expect['statsHead'] = stats[:4].tolist()
    parallel = DEFAULT_THREADS > 1 and h // DEFAULT_THREADS >= 2
    cases.append({'id': f'{len(cases) + 1:04d}_{tag}_c{conn}', 'args': [arg, {'connectivity': conn}],
                  'shape': [h, w], 'parallel': parallel,
                  'ref': f'cv2.connectedComponentsWithStats(a, connectivity={conn})', 'expect': expect})


def rows_case(tag, rows, conns=(8, 4)):
    img = np.array(rows, dtype=np.uint8).reshape(len(rows), -1)
    for conn in conns:
        case(tag, {'$rows': img.tolist()}, img, conn)


def mix_case(h, w, seed, density, conns=(8, 4)):
    img = mix32(h, w, seed, density)
    for conn in conns:
        case(f'mix{h}x{w}_d{density}', {'$mix32': {'h': h, 'w': w, 'seed': seed, 'density': density}}, img, conn)


def png_case(name, img, note, conns=(8, 4)):
    img = np.ascontiguousarray(img, dtype=np.uint8)
    fname = f'in_{name}.png'
    ok, buf = cv2.imencode('.png', img, [cv2.IMWRITE_PNG_COMPRESSION, 9])
    assert ok
    back = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    assert back.shape == img.shape and np.array_equal(back, img)
    with open(os.path.join(OUT, fname), 'wb') as f:
        f.write(buf.tobytes())
    png_files.append({'file': fname, 'note': note})
    for conn in conns:
        case(name, {'$png': fname}, img, conn)


def exhaustive(h, w, conn):
    """Every binary h×w image, hashed together; the same with 1 thread and the default count."""
    k = np.arange(h * w)
    imgs = [(((m >> k) & 1) * 255).astype(np.uint8).reshape(h, w) for m in range(1 << (h * w))]

    def digest():
        d = hashlib.sha256()
        for img in imgs:
            n, labels, stats, cent = cv_once(img, conn)
            d.update(np.int32(n).tobytes())
            d.update(labels.astype('<i4').tobytes())
            d.update(stats.astype('<i4').tobytes())
            d.update(cent.astype('<f8').tobytes())
        return d.hexdigest()
    hexdigest = digest()
    assert with_threads(1, digest) == hexdigest, 'sequential and parallel cv2 differ'
    return {'h': h, 'w': w, 'connectivity': conn, 'images': 1 << (h * w), 'sha256': hexdigest}


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith('.png'):
            os.remove(os.path.join(OUT, f))

    # Hand-made: block order (a component starting in row 1 of a 2×2 block comes before one in
    # row 0 of the next block), diagonal contacts, U shapes merging late, values other than 255.
    rows_case('block_order', [[0, 0, 1], [1, 0, 0]])
    rows_case('block_order4', [[0, 0, 0, 1], [0, 1, 0, 0]])
    rows_case('diagonals', [[1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0]])
    rows_case('u_shapes', [[1, 0, 1, 0, 1, 0, 1], [1, 0, 1, 0, 1, 0, 1], [1, 1, 1, 0, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0],
                           [7, 0, 0, 200, 0, 0, 1], [7, 7, 7, 7, 7, 7, 1]])
    rows_case('spiral', [[1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 1], [1, 1, 1, 1, 0, 1], [1, 0, 0, 1, 0, 1],
                         [1, 0, 0, 0, 0, 1], [1, 1, 1, 1, 1, 1]])
    rows_case('single_fg', [[9]])
    rows_case('single_bg', [[0]])
    rows_case('all_fg', [[1, 2, 3], [4, 5, 6]])
    rows_case('all_bg', [[0, 0, 0, 0, 0]] * 3)
    rows_case('checker', [[(x + y) % 2 for x in range(9)] for y in range(7)])
    rows_case('row', [[1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1]])
    rows_case('column', [[v] for v in [1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1]])

    # Seeded random images: tiny to larger than OpenCV's parallel threshold, densities around the
    # site-percolation thresholds (0.41 for 8-connectivity, 0.59 for 4) where components are large
    # and tangled.
    seed = 1
    for (h, w) in [(1, 1), (1, 2), (2, 1), (2, 2), (1, 64), (64, 1), (2, 63), (63, 2), (3, 3), (5, 7), (7, 5),
                   (4, 4), (16, 16), (15, 17)]:
        for density in (0.3, 0.5, 0.7):
            mix_case(h, w, seed, density)
            seed += 1
    for (h, w) in [(37, 53), (53, 37), (200, 300), (301, 199)]:
        for density in (0.0, 0.2, 0.41, 0.5, 0.59, 0.8, 1.0):
            mix_case(h, w, seed, density)
            seed += 1
    for (h, w, density) in [(601, 799, 0.41), (601, 799, 0.59), (1080, 1920, 0.45), (2, 2049, 0.5), (2049, 3, 0.5)]:
        mix_case(h, w, seed, density)
        seed += 1

    # Thin lines (cv2.line, 1 pixel wide: 8-connected but not 4-connected).
    rng = np.random.default_rng(20240617)
    for k, (h, w) in enumerate([(20, 31), (64, 48), (120, 90)]):
        img = np.zeros((h, w), np.uint8)
        for _ in range(6 + 4 * k):
            p = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            q = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            cv2.line(img, p, q, 255, 1)
        png_case(f'lines_{h}x{w}', img, f'cv2.line × {6 + 4 * k} on zeros ({h}, {w}), default_rng(20240617)')

    # Thresholded photos (scikit-image's data).
    coins = skimage.data.coins()
    for t in (80, 120, 160):
        png_case(f'coins_gt{t}', (coins > t).astype(np.uint8) * 255, f'(skimage.data.coins() > {t}) * 255')
    _, otsu = cv2.threshold(coins, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    png_case('coins_otsu', otsu, 'cv2.threshold(skimage.data.coins(), 0, 255, THRESH_BINARY | THRESH_OTSU)[1]')
    camera = skimage.data.camera()
    png_case('camera_gt100', (camera > 100).astype(np.uint8) * 255, '(skimage.data.camera() > 100) * 255')
    coffee = cv2.cvtColor(cv2.resize(skimage.data.coffee(), (1920, 1080), interpolation=cv2.INTER_LINEAR),
                          cv2.COLOR_RGB2GRAY)
    _, big = cv2.threshold(coffee, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    png_case('coffee_1920x1080_otsu', big,
             'cv2.threshold(cv2.cvtColor(cv2.resize(skimage.data.coffee(), (1920, 1080)), RGB2GRAY), 0, 255, '
             'THRESH_BINARY | THRESH_OTSU)[1]')

    def sequential():
        for img, conn, r in pending:
            assert same(cv_once(img, conn), r), 'sequential and parallel cv2 differ'
    with_threads(1, sequential)

    ex = [exhaustive(h, w, conn) for (h, w) in [(4, 4), (3, 5), (5, 3), (2, 7), (7, 2), (1, 10), (10, 1)]
          for conn in (8, 4)]

    doc = {'generator': f'test/golden/generate_components.py: OpenCV {cv2.__version__} '
                        f'({DEFAULT_THREADS} threads and 1), NumPy {np.__version__}, scikit-image {skimage.__version__}',
           'dir': 'fixtures/components', 'inputs': png_files}
    os.makedirs(os.path.dirname(JSON_OUT), exist_ok=True)
    with open(JSON_OUT, 'w', encoding='utf-8') as f:
        f.write('{\n')
        for k, v in doc.items():
            f.write(f'{json.dumps(k)}: {json.dumps(v)},\n')
        f.write('"exhaustive": [\n' + ',\n'.join('  ' + json.dumps(e) for e in ex) + '\n],\n')
        f.write('"cases": [\n' + ',\n'.join('  ' + json.dumps(c) for c in cases) + '\n]\n}\n')
    with open(JSON_OUT, encoding='utf-8') as f:
        json.load(f)
    size = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT)) + os.path.getsize(JSON_OUT)
    print(f'{len(cases)} cases + {len(ex)} exhaustive sets ({sum(e["images"] for e in ex)} images), '
          f'{len(png_files)} PNG inputs, {size / 1024:.0f} KiB')


if __name__ == '__main__':
    main()
