#!/usr/bin/python3
"""Native OpenCV (single-threaded) on the same photo and ops as `npm run bench`, for the
performance report: where pixelarray stands against compiled C++ rather than opencv.js. The rows of
bench/suites/pillow.mjs are timed with Pillow 9.4 itself instead (and the imagehash hashes with
Pillow + NumPy + SciPy): for those rows "native" means Pillow, and each is marked `"library":
"Pillow"` in the JSON and "[Pillow]" in the printout.

Run with Debian's python3 (apt-get install python3-opencv python3-numpy python3-pil python3-scipy):

    /usr/bin/python3 bench/native_opencv.py [--json bench/results/native.json]
    /usr/bin/python3 bench/native_opencv.py --filter emboss --json bench/results/native.json --update

Each op: warm-up, then the median of repeated calls (about 1 s per op), written into a
preallocated `dst` where OpenCV allows it, as the JS benchmark does with `{ out }`.
"""
import argparse
import datetime
import json
import os
import platform
import re
import statistics
import time

import cv2
import numpy as np
import PIL
import scipy.fftpack
from PIL import Image, ImageFilter, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
PHOTO = os.path.join(HERE, 'assets', 'photo-1080p.jpg')


def measure(fn, budget=1.0):
    for _ in range(5):
        fn()
    t = time.perf_counter()
    fn()
    one = max(time.perf_counter() - t, 1e-7)
    runs = int(min(400, max(15, budget / one)))
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000.0, runs


def ops(a, b, mask):
    h, w = a.shape[:2]
    out = np.empty_like(a)
    planes = [np.empty((h, w), np.uint8) for _ in range(3)]
    gray = np.empty((h, w), np.uint8)
    gray2 = np.empty((h, w), np.uint8)
    gray_small = np.empty((540, 960), np.uint8)
    hsv = cv2.cvtColor(a, cv2.COLOR_RGB2HSV)
    small = np.empty((540, 960, 3), np.uint8)
    big = np.empty((1620, 2880, 3), np.uint8)
    odd = np.empty((768, 1366, 3), np.uint8)
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), 15, 1)
    h1 = cv2.calcHist([a], [0, 1, 2], None, [8, 8, 8], [0, 256, 0, 256, 0, 256])
    h2 = cv2.calcHist([b], [0, 1, 2], None, [8, 8, 8], [0, 256, 0, 256, 0, 256])
    emboss = np.array([[-1, 0, 0], [0, 1, 0], [0, 0, 0]], np.float32)
    # Pillow applies its kernels with the rows flipped: filter2D with the flipped kernel gives Pillow's
    # EMBOSS bytes inside the 1-pixel frame (Pillow copies the frame unfiltered).
    emboss_pillow = np.ascontiguousarray(emboss[::-1])
    canvas = a.copy()
    patch = np.ascontiguousarray(b[270:810, 480:1440])

    def paste():
        canvas[270:810, 480:1440] = patch

    # Issue 13 (bench/suites/edges.mjs, morphology.mjs, opencv-more.mjs). Every call below returns its
    # result (dst, or the canvas drawn on) so that a check can compare it with pixelarray's.
    g = cv2.cvtColor(a, cv2.COLOR_RGB2GRAY)
    gout = np.empty_like(g)
    gray_edges = np.empty((h, w), np.uint8)
    half = np.empty(((h + 1) // 2, (w + 1) // 2, 3), np.uint8)
    double = np.empty((2 * h, 2 * w, 3), np.uint8)
    bordered = np.empty((h + 32, w + 32, 3), np.uint8)
    rect = lambda kw, kh: cv2.getStructuringElement(cv2.MORPH_RECT, (kw, kh))
    ellipse5 = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    clahe = cv2.createCLAHE(2, (8, 8))
    quad_src = np.float32([[0, 0], [1919, 0], [1919, 1079], [0, 1079]])
    quad_dst = np.float32([[120, 60], [1800, 0], [1919, 1079], [0, 990]])
    keystone = cv2.getPerspectiveTransform(quad_src, quad_dst)
    text = 'pixelarray 0123456789 Hello, OpenCV!'
    canvases = [a.copy() for _ in range(3)]
    more = [
        ('sobel dx 3×3 delta 128', lambda: cv2.Sobel(a, -1, 1, 0, dst=out, ksize=3, delta=128)),
        ('sobel dx+dy 5×5', lambda: cv2.Sobel(a, -1, 1, 1, dst=out, ksize=5)),
        ('scharr dy delta 128', lambda: cv2.Scharr(a, -1, 0, 1, dst=out, scale=0.25, delta=128)),
        ('laplacian 3×3', lambda: cv2.Laplacian(a, -1, dst=out, ksize=3, delta=128)),
        ('canny 50/150 (max over channels)', lambda: cv2.Canny(a, 50, 150, edges=gray_edges)),
        ('canny 50/150 L2', lambda: cv2.Canny(a, 50, 150, edges=gray_edges, L2gradient=True)),
        ('erode rect 3×3', lambda: cv2.erode(a, rect(3, 3), dst=out)),
        ('dilate rect 3×3', lambda: cv2.dilate(a, rect(3, 3), dst=out)),
        ('erode rect 5×5', lambda: cv2.erode(a, rect(5, 5), dst=out)),
        ('erode rect 15×15', lambda: cv2.erode(a, rect(15, 15), dst=out)),
        ('erode ellipse 7×7', lambda: cv2.erode(a, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7)), dst=out)),
        ('dilate cross 5×5', lambda: cv2.dilate(a, cv2.getStructuringElement(cv2.MORPH_CROSS, (5, 5)), dst=out)),
        ('erode rect 3×3 ×3', lambda: cv2.erode(a, rect(3, 3), dst=out, iterations=3)),
        ('morphologyEx open ellipse 5×5', lambda: cv2.morphologyEx(a, cv2.MORPH_OPEN, ellipse5, dst=out)),
        ('morphologyEx gradient ellipse 5×5', lambda: cv2.morphologyEx(a, cv2.MORPH_GRADIENT, ellipse5, dst=out)),
        ('copyMakeBorder 16 px reflect101',
         lambda: cv2.copyMakeBorder(a, 16, 16, 16, 16, cv2.BORDER_REFLECT_101, dst=bordered)),
        ('pyrDown', lambda: cv2.pyrDown(a, dst=half)),
        ('pyrUp', lambda: cv2.pyrUp(a, dst=double)),
        ('threshold binary 127 (gray)', lambda: cv2.threshold(g, 127, 255, cv2.THRESH_BINARY, dst=gout)[1]),
        ('threshold Otsu (gray)', lambda: cv2.threshold(g, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU, dst=gout)[1]),
        ('adaptiveThreshold gaussian 11, C 2 (gray)',
         lambda: cv2.adaptiveThreshold(g, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 11, 2, dst=gout)),
        ('equalizeHist (gray)', lambda: cv2.equalizeHist(g, dst=gout)),
        ('clahe clip 2, 8×8 tiles (gray)', lambda: clahe.apply(g, dst=gout)),
        ('erode rect 5×5 (gray)', lambda: cv2.erode(g, rect(5, 5), dst=gout)),
        ('morphologyEx open rect 5×5 (gray)', lambda: cv2.morphologyEx(g, cv2.MORPH_OPEN, rect(5, 5), dst=gout)),
        ('warpPerspective bilinear (keystone)',
         lambda: cv2.warpPerspective(a, keystone, (w, h), dst=out, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)),
        ('resize cubic to 960×540 (½)', lambda: cv2.resize(a, (960, 540), dst=small, interpolation=cv2.INTER_CUBIC)),
        ('resize cubic to 2880×1620 (×1.5)', lambda: cv2.resize(a, (2880, 1620), dst=big, interpolation=cv2.INTER_CUBIC)),
        ('resize lanczos4 to 960×540 (½)', lambda: cv2.resize(a, (960, 540), dst=small, interpolation=cv2.INTER_LANCZOS4)),
        ('resize lanczos4 to 2880×1620 (×1.5)',
         lambda: cv2.resize(a, (2880, 1620), dst=big, interpolation=cv2.INTER_LANCZOS4)),
        ('cvtColor RGB2LAB', lambda: cv2.cvtColor(a, cv2.COLOR_RGB2Lab, dst=out)),
        ('cvtColor RGB2HLS', lambda: cv2.cvtColor(a, cv2.COLOR_RGB2HLS, dst=out)),
        ('cvtColor RGB2YCrCb', lambda: cv2.cvtColor(a, cv2.COLOR_RGB2YCrCb, dst=out)),
        ('circle filled r=400', lambda: cv2.circle(canvases[0], (960, 540), 400, (0, 0, 255), -1, cv2.LINE_8)),
        ('circle thickness 3 r=400', lambda: cv2.circle(canvases[1], (960, 540), 400, (255, 255, 0), 3, cv2.LINE_8)),
        ('putText simplex scale 2 thickness 2 (36 chars)',
         lambda: cv2.putText(canvases[2], text, (100, 540), cv2.FONT_HERSHEY_SIMPLEX, 2, (255, 255, 255), 2, cv2.LINE_8)),
    ]
    return [
        ('addSaturate image+image', lambda: cv2.add(a, b, dst=out)),
        ('subtractSaturate image−image', lambda: cv2.subtract(a, b, dst=out)),
        ('addModulo image+image', lambda: np.add(a, b, out=out)),
        ('subtractModulo image−image', lambda: np.subtract(a, b, out=out)),
        ('addSaturate image+50 (scalar)', lambda: cv2.add(a, (50, 50, 50, 0), dst=out)),
        ('absdiff image,image', lambda: cv2.absdiff(a, b, dst=out)),
        ('multiplySaturate image×image, scale 1/255', lambda: cv2.multiply(a, b, dst=out, scale=1 / 255)),
        ('addWeighted 0.7·a + 0.3·b + 5', lambda: cv2.addWeighted(a, 0.7, b, 0.3, 5, dst=out)),
        ('convertScaleAbs |1.3·a − 20|', lambda: cv2.convertScaleAbs(a, dst=out, alpha=1.3, beta=-20)),
        ('bitwiseAnd image&image', lambda: cv2.bitwise_and(a, b, dst=out)),
        ('bitwiseOr image|image', lambda: cv2.bitwise_or(a, b, dst=out)),
        ('bitwiseXor image^image', lambda: cv2.bitwise_xor(a, b, dst=out)),
        ('bitwiseNot ~image', lambda: cv2.bitwise_not(a, dst=out)),
        ('bitwiseAnd image&image with mask', lambda: cv2.bitwise_and(a, b, dst=out, mask=mask)),
        ('split → 3 planes', lambda: cv2.split(a)),
        ('merge 3 planes → RGB', lambda: cv2.merge(planes, dst=out)),
        ('concat [a; b] axis 0 (vertical, 2160×1920)', lambda: cv2.vconcat([a, b])),
        ('concat [a, b] axis 1 (horizontal, 1080×3840)', lambda: cv2.hconcat([a, b])),
        ('copy (clone) — reference', lambda: np.copyto(out, a)),
        ('roll 50 columns (axis 1)', lambda: np.roll(a, 50, 1)),
        ('roll 50 rows (axis 0)', lambda: np.roll(a, 50, 0)),
        ('transpose (materialised)', lambda: cv2.transpose(a)),
        ('flip horizontal (materialised)', lambda: cv2.flip(a, 1, dst=out)),
        ('flip vertical (materialised)', lambda: cv2.flip(a, 0, dst=out)),
        ('flip both (materialised)', lambda: cv2.flip(a, -1, dst=out)),
        ('rot90 counter-clockwise (materialised)', lambda: cv2.rotate(a, cv2.ROTATE_90_COUNTERCLOCKWISE)),
        ('crop 960×540 (copy)', lambda: a[270:810, 480:1440].copy()),
        ('paste 960×540 into 1080p', paste),
        ('gaussianBlur σ=3 (19×19)', lambda: cv2.GaussianBlur(a, (0, 0), 3, dst=out)),
        ('gaussianBlur 5×5 (σ 0 → [1 4 6 4 1]/16)', lambda: cv2.GaussianBlur(a, (5, 5), 0, dst=out)),
        ('emboss (Pillow EMBOSS)', lambda: cv2.filter2D(a, -1, emboss_pillow, dst=out, delta=128)),
        ('filter2D 3×3 [[-1,0,0],[0,1,0],[0,0,0]] + 128', lambda: cv2.filter2D(a, -1, emboss, dst=out, delta=128)),
        ('blur 5×5 (box)', lambda: cv2.blur(a, (5, 5), dst=out)),
        ('medianBlur 5×5', lambda: cv2.medianBlur(a, 5, dst=out)),
        ('calcHist 256 bins, each of 3 channels (3 calls)',
         lambda: [cv2.calcHist([a], [k], None, [256], [0, 256]) for k in range(3)]),
        ('calcHist 3-D 8×8×8', lambda: cv2.calcHist([a], [0, 1, 2], None, [8, 8, 8], [0, 256, 0, 256, 0, 256])),
        ('compareHist chisqr, 8×8×8 histograms', lambda: cv2.compareHist(h1, h2, cv2.HISTCMP_CHISQR)),
        ('cvtColor RGB2GRAY', lambda: cv2.cvtColor(a, cv2.COLOR_RGB2GRAY, dst=gray)),
        ('cvtColor RGB2HSV', lambda: cv2.cvtColor(a, cv2.COLOR_RGB2HSV, dst=out)),
        ('inRange HSV [0,50,50]..[30,255,255]', lambda: cv2.inRange(hsv, (0, 50, 50), (30, 255, 255), dst=gray)),
        ('resize bilinear to 960×540 (½)', lambda: cv2.resize(a, (960, 540), dst=small, interpolation=cv2.INTER_LINEAR)),
        ('resize bilinear to 2880×1620 (×1.5)', lambda: cv2.resize(a, (2880, 1620), dst=big, interpolation=cv2.INTER_LINEAR)),
        ('resize bilinear to 1366×768 (odd ratio)', lambda: cv2.resize(a, (1366, 768), dst=odd, interpolation=cv2.INTER_LINEAR)),
        ('resize area to 960×540 (½)', lambda: cv2.resize(a, (960, 540), dst=small, interpolation=cv2.INTER_AREA)),
        ('warpAffine rotate 15° about the centre, bilinear', lambda: cv2.warpAffine(a, rot, (w, h), dst=out)),
        ('chain RGB2GRAY → gaussianBlur σ=2 → resize ½ (simd: pipeline)',
         lambda: cv2.resize(cv2.GaussianBlur(cv2.cvtColor(a, cv2.COLOR_RGB2GRAY, dst=gray), (0, 0), 2, dst=gray2), (960, 540),
                            dst=gray_small, interpolation=cv2.INTER_LINEAR)),
    ] + more


# ---- imagehash 4.3's hashes (not installed here), as test/golden/generate_imagehash.py writes them --
# image.convert('L').resize(..., Image.ANTIALIAS) (LANCZOS in Pillow 9.4), then NumPy / scipy.fftpack
# as imagehash calls them; the bits, without the hex string.
def average_hash(image, hash_size=8):
    pixels = np.asarray(image.convert('L').resize((hash_size, hash_size), Image.LANCZOS))
    return pixels > np.mean(pixels)


def dhash(image, hash_size=8):
    pixels = np.asarray(image.convert('L').resize((hash_size + 1, hash_size), Image.LANCZOS))
    return pixels[:, 1:] > pixels[:, :-1]


def phash(image, hash_size=8, highfreq_factor=4):
    img_size = hash_size * highfreq_factor
    pixels = np.asarray(image.convert('L').resize((img_size, img_size), Image.LANCZOS))
    dct = scipy.fftpack.dct(scipy.fftpack.dct(pixels, axis=0), axis=1)
    low = dct[:hash_size, :hash_size]
    return low > np.median(low)


def pillow_ops(a):
    """The rows of bench/suites/pillow.mjs, same names, timed with Pillow. Pillow has no `dst`: every
    call allocates its result (pixelarray's side writes into a preallocated `out`)."""
    im = Image.fromarray(a)
    return [
        ('Pillow resize bicubic to 960×540 (½)', lambda: im.resize((960, 540), Image.BICUBIC)),
        ('Pillow resize bicubic to 2880×1620 (×1.5)', lambda: im.resize((2880, 1620), Image.BICUBIC)),
        ('Pillow resize lanczos to 960×540 (½)', lambda: im.resize((960, 540), Image.LANCZOS)),
        ('Pillow resize lanczos to 2880×1620 (×1.5)', lambda: im.resize((2880, 1620), Image.LANCZOS)),
        ('Pillow GaussianBlur(3)', lambda: im.filter(ImageFilter.GaussianBlur(3))),
        ('Pillow UnsharpMask(2, 150, 3)', lambda: im.filter(ImageFilter.UnsharpMask())),
        ('Pillow ImageOps.autocontrast', lambda: ImageOps.autocontrast(im)),
        ('averageHash (imagehash average_hash, 8×8)', lambda: average_hash(im)),
        ('differenceHash (imagehash dhash, 8×8)', lambda: dhash(im)),
        ('perceptualHash (imagehash phash, 8×8)', lambda: phash(im)),
    ]


# Rows where native OpenCV does the same amount of work as pixelarray but not the same bytes.
COMPARABLE = {'emboss (Pillow EMBOSS)': "cv2.filter2D with Pillow's EMBOSS kernel (rows flipped), delta 128; "
                                       'Pillow copies the 1-pixel frame, OpenCV filters it'}


def all_ops(a, b, mask):
    return ops(a, b, mask) + pillow_ops(a)


def machine_info():
    cpu = platform.processor() or platform.machine()
    try:
        with open('/proc/cpuinfo') as f:
            m = re.search(r'^model name\s*:\s*(.+)$', f.read(), re.M)
            if m:
                cpu = m.group(1).strip()
    except OSError:
        pass
    return {'cpuModel': cpu, 'logicalCores': os.cpu_count(), 'platform': f'{platform.system().lower()} {platform.release()}',
            'arch': platform.machine(), 'python': platform.python_version(), 'numpy': np.__version__,
            'pillow': PIL.__version__, 'scipy': scipy.__version__,
            'date': datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds')}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--json', help='also write the results to this file')
    parser.add_argument('--filter', help='only ops whose name matches this regex (case-insensitive)')
    parser.add_argument('--update', action='store_true',
                        help='with --json: merge into the existing file (replace same-named ops, keep the others)')
    args = parser.parse_args()
    cv2.setNumThreads(1)  # Pillow's filters and resize are single-threaded too
    a = cv2.cvtColor(cv2.imread(PHOTO, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    b = np.ascontiguousarray(a[:, ::-1])
    mask = np.where(a[:, :, 0] > 127, 255, 0).astype(np.uint8)
    results = []
    selected = re.compile(args.filter, re.I) if args.filter else None
    print(f'native OpenCV {cv2.__version__}, 1 thread; Pillow {PIL.__version__} for the [Pillow] rows — '
          f'{os.path.relpath(PHOTO)} {a.shape[1]}×{a.shape[0]}×3; '
          f'{platform.processor() or platform.machine()}, python {platform.python_version()}')
    pillow_names = {name for name, _ in pillow_ops(a)}
    for name, fn in all_ops(a, b, mask):
        if selected and not selected.search(name):
            continue
        ms, runs = measure(fn)
        row = {'op': name, 'medianMs': ms, 'runs': runs}
        if name in COMPARABLE:
            row.update({'comparable': True, 'note': COMPARABLE[name]})
        if name in pillow_names:
            row.update({'library': 'Pillow', 'note': f'native = Pillow {PIL.__version__}, not OpenCV'})
        results.append(row)
        print(f'{name:<50} {ms:9.3f} ms{"  [Pillow]" if name in pillow_names else ""}')
    if args.json:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        doc = {'schema': 'pixelarray-native-opencv/1', 'opencv': cv2.__version__, 'pillow': PIL.__version__, 'threads': 1,
               'machine': machine_info(), 'results': results}
        if args.update and os.path.exists(args.json):
            with open(args.json) as f:
                old = json.load(f)
            fresh = {r['op'] for r in results}
            order = [name for name, _ in all_ops(a, b, mask)]
            merged = [r for r in old.get('results', []) if r['op'] not in fresh] + results
            merged.sort(key=lambda r: order.index(r['op']) if r['op'] in order else len(order))
            doc['results'] = merged
            doc['updated'] = sorted(fresh)
        with open(args.json, 'w') as f:
            json.dump(doc, f, indent=2)


if __name__ == '__main__':
    main()
