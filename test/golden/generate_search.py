#!/usr/bin/python3
"""Fixtures and expected rankings for `pixelarray search` / `pixelarray hash`, computed by OpenCV 4.6.

Run with Debian's python3, which has numpy, cv2 (OpenCV 4.6), PIL (Pillow 9.4) and skimage:

    /usr/bin/python3 test/golden/generate_search.py

Writes, under test/fixtures/search/:
- images/       the searched folder: small PNG crops of scikit-image's CC0 photos and variants of
                them (flipped, rotated, blurred, brighter, darker, cropped, noisy, resized), a
                grayscale and an RGBA image, a subfolder, one non-image file and one corrupt PNG;
- queries/      a query image that is not in the folder;
- expected.json what the OpenCV recipe ranks for a set of queries and options, plus each image's
                average hash (by our recipe through cv2, and by imagehash's recipe through Pillow)
                and the 4-bin recipe histograms.

The histogram recipe, exactly as the tutorial gives it (`--by hist`):

    img = cv2.imread(path)                                   # BGR, alpha dropped, gray repeated
    hist = np.concatenate([cv2.calcHist([img], [c], None, [bins], [0, 256]) for c in (0, 1, 2)])
    cv2.normalize(hist, hist)                                # L2 over the whole concatenation
    d = cv2.compareHist(query_hist, hist, method)            # the query is H1

sorted nearest first (ascending, except correl and intersect where higher is nearer), ties by
file name. The hashes (`--by ahash`, `--by dhash`, `--by phash`) are imagehash 4.3's
average_hash, dhash and phash of `Image.open(path)` (Pillow 9.4; imagehash is not packaged here, so
its three functions are written out below: convert('L'), resize with ANTIALIAS = LANCZOS, then
`> mean`, `right > left`, or the scipy.fftpack DCT's low corner `> median`), ranked by Hamming
distance, ties by file name. `hashes[f].ahashOpencv` keeps the OpenCV average-hash recipe
(averageHash's `{ recipe: 'opencv' }`): cv2.cvtColor(BGR2GRAY) (gray images as they are),
cv2.resize(size × size, INTER_AREA), bit = pixel > mean. Files that cv2.imread cannot read are left
out (the CLI reports and skips them).

Deterministic: the images are rebuilt from skimage.data with seeded noise; two runs give the same
files.
"""
import json
import os
import shutil
import sys

import cv2
import numpy as np
import PIL
import scipy.fftpack
import skimage
import skimage.data
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', 'fixtures', 'search'))
IMAGES = os.path.join(ROOT, 'images')
QUERIES = os.path.join(ROOT, 'queries')

if cv2.__version__ != '4.6.0':
    print(f'warning: made for OpenCV 4.6.0; running with OpenCV {cv2.__version__}', file=sys.stderr)

HIGHER_IS_NEARER = {'correl', 'intersect'}
METHODS = {
    'correl': cv2.HISTCMP_CORREL, 'chisqr': cv2.HISTCMP_CHISQR, 'intersect': cv2.HISTCMP_INTERSECT,
    'bhattacharyya': cv2.HISTCMP_BHATTACHARYYA, 'chisqr_alt': cv2.HISTCMP_CHISQR_ALT, 'kl_div': cv2.HISTCMP_KL_DIV,
}


# --------------------------------------------------------------------------------------------
# The fixture images (RGB / RGBA / gray numpy arrays, written as PNG)
# --------------------------------------------------------------------------------------------

def shrink(rgb, width):
    h, w = rgb.shape[:2]
    return cv2.resize(rgb, (width, max(1, round(h * width / w))), interpolation=cv2.INTER_AREA)


def brightness(rgb, beta):
    return np.clip(rgb.astype(np.int16) + beta, 0, 255).astype(np.uint8)


def noisy(rgb, sigma, seed):
    rng = np.random.default_rng(seed)
    return np.clip(rgb + rng.normal(0, sigma, rgb.shape), 0, 255).round().astype(np.uint8)


def crop_frac(rgb, frac):
    h, w = rgb.shape[:2]
    ch, cw = round(h * frac), round(w * frac)
    y, x = (h - ch) // 2, (w - cw) // 2
    return np.ascontiguousarray(rgb[y:y + ch, x:x + cw])


def make_images():
    astronaut = shrink(skimage.data.astronaut(), 112)
    chelsea = shrink(skimage.data.chelsea(), 120)
    coffee = shrink(skimage.data.coffee(), 120)
    rocket = shrink(skimage.data.rocket(), 120)
    ihc = shrink(skimage.data.immunohistochemistry(), 96)
    hubble = shrink(skimage.data.hubble_deep_field(), 112)
    left, right, _ = skimage.data.stereo_motorcycle()
    moto_l, moto_r = shrink(left, 120), shrink(right, 120)
    camera = shrink(skimage.data.camera(), 96)              # 2-D: a grayscale PNG
    logo = shrink(skimage.data.logo(), 80)                   # RGBA
    imgs = {
        'astronaut.png': astronaut,
        'astronaut_flip.png': astronaut[:, ::-1],
        'astronaut_blur.png': cv2.GaussianBlur(astronaut, (5, 5), 1.5),
        'astronaut_bright.png': brightness(astronaut, 40),
        'chelsea.png': chelsea,
        'chelsea_crop.png': crop_frac(chelsea, 0.94),
        'chelsea_noise.png': noisy(chelsea, 10, 1),
        'coffee.png': coffee,
        'coffee_rot180.png': coffee[::-1, ::-1],
        'coffee_dark.png': brightness(coffee, -35),
        'rocket.png': rocket,
        'rocket_blur.png': cv2.GaussianBlur(rocket, (0, 0), 2.0),
        'rocket_small.png': shrink(rocket, 60),
        'immunohistochemistry.png': ihc,
        'immunohistochemistry_noise.png': noisy(ihc, 12, 2),
        'hubble.png': hubble,
        'motorcycle_left.png': moto_l,
        'motorcycle_right.png': moto_r,
        'camera.png': camera,
        'logo.png': logo,
        'more/astronaut_small.png': shrink(astronaut, 56),
        'more/chelsea_bright.png': brightness(chelsea, 30),
    }
    queries = {'astronaut_crop.png': crop_frac(astronaut, 0.8)}
    return imgs, queries


def write_png(path, arr):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    arr = np.ascontiguousarray(arr)
    if arr.ndim == 2:
        out = arr
    elif arr.shape[2] == 4:
        out = cv2.cvtColor(arr, cv2.COLOR_RGBA2BGRA)
    else:
        out = cv2.cvtColor(arr, cv2.COLOR_RGB2BGR)
    ok, buf = cv2.imencode('.png', out, [cv2.IMWRITE_PNG_COMPRESSION, 9])
    assert ok
    with open(path, 'wb') as f:
        f.write(buf.tobytes())


def write_fixtures():
    for d in (IMAGES, QUERIES):
        if os.path.isdir(d):
            shutil.rmtree(d)
    imgs, queries = make_images()
    for name, arr in imgs.items():
        write_png(os.path.join(IMAGES, name), arr)
    for name, arr in queries.items():
        write_png(os.path.join(QUERIES, name), arr)
    with open(os.path.join(IMAGES, 'notes.txt'), 'w') as f:
        f.write('Not an image: the search command reports this file and skips it.\n')
    # A PNG cut in the middle of its image data: cv2.imread and pixelarray both refuse it.
    with open(os.path.join(IMAGES, 'astronaut.png'), 'rb') as f:
        whole = f.read()
    with open(os.path.join(IMAGES, 'corrupt.png'), 'wb') as f:
        f.write(whole[:len(whole) // 2])


# --------------------------------------------------------------------------------------------
# The recipes
# --------------------------------------------------------------------------------------------

def list_files(folder):
    """Every file under folder (recursively, sorted by relative path, dot files skipped)."""
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith('.')]
        for name in filenames:
            if not name.startswith('.'):
                out.append(os.path.relpath(os.path.join(dirpath, name), folder).replace(os.sep, '/'))
    return sorted(out)


def recipe_hist(img, bins):
    hist = np.concatenate([cv2.calcHist([img], [c], None, [bins], [0, 256]) for c in (0, 1, 2)])
    cv2.normalize(hist, hist)
    return hist


def recipe_ahash(img, size):
    gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    small = cv2.resize(gray, (size, size), interpolation=cv2.INTER_AREA)
    return small > small.mean()


def imagehash_average(path, size):
    """imagehash.average_hash(Image.open(path), size), reproduced (imagehash is not packaged)."""
    im = Image.open(path).convert('L').resize((size, size), Image.LANCZOS)  # ANTIALIAS
    pixels = np.asarray(im)
    return pixels > pixels.mean()


def imagehash_dhash(path, size):
    """imagehash.dhash(Image.open(path), size), reproduced."""
    pixels = np.asarray(Image.open(path).convert('L').resize((size + 1, size), Image.LANCZOS))
    return pixels[:, 1:] > pixels[:, :-1]


def imagehash_phash(path, size, highfreq_factor=4):
    """imagehash.phash(Image.open(path), size), reproduced."""
    n = size * highfreq_factor
    pixels = np.asarray(Image.open(path).convert('L').resize((n, n), Image.LANCZOS))
    dct = scipy.fftpack.dct(scipy.fftpack.dct(pixels, axis=0), axis=1)[:size, :size]
    return dct > np.median(dct)


HASHES = {'ahash': imagehash_average, 'dhash': imagehash_dhash, 'phash': imagehash_phash}


def to_hex(bits):
    """imagehash's str(hash): the bits row by row, first bit most significant."""
    s = ''.join('1' if b else '0' for b in bits.flatten())
    return format(int(s, 2), 'x').zfill((len(s) + 3) // 4)


def hamming(a, b):
    return int(np.count_nonzero(a != b))


def rank(pairs, higher_is_nearer=False):
    if higher_is_nearer:
        return sorted(pairs, key=lambda p: (-p[1], p[0]))
    return sorted(pairs, key=lambda p: (p[1], p[0]))


def main():
    write_fixtures()
    files = list_files(IMAGES)
    images, unreadable = {}, []
    for f in files:
        img = cv2.imread(os.path.join(IMAGES, f))   # IMREAD_COLOR: BGR, 3 channels
        if img is None:
            unreadable.append(f)
        else:
            images[f] = img
    assert unreadable == ['corrupt.png', 'notes.txt'], unreadable

    def query_image(q):
        img = cv2.imread(os.path.join(ROOT, q))
        assert img is not None, q
        return img

    cases = []

    def hist_case(query, bins=4, method='chisqr', top=5):
        qh = recipe_hist(query_image(query), bins)
        pairs = [(f, float(cv2.compareHist(qh, recipe_hist(img, bins), METHODS[method]))) for f, img in images.items()]
        ranking = rank(pairs, method in HIGHER_IS_NEARER)
        args = ['--by', 'hist', '--bins', str(bins), '--method', method, '--top', str(top)]
        cases.append({'query': query, 'args': args, 'by': 'hist', 'bins': bins, 'method': method, 'top': top,
                      'ranking': [{'file': f, 'distance': d} for f, d in ranking]})

    def ahash_case(query, size=8, top=5, by='ahash'):
        fn = HASHES[by]
        qb = fn(os.path.join(ROOT, query), size)
        pairs = [(f, hamming(qb, fn(os.path.join(IMAGES, f), size))) for f in images]
        ranking = rank(pairs)
        args = ['--by', by, '--size', str(size), '--top', str(top)]
        cases.append({'query': query, 'args': args, 'by': by, 'size': size, 'top': top,
                      'ranking': [{'file': f, 'distance': d} for f, d in ranking]})

    for q in ['astronaut.png', 'chelsea.png', 'coffee.png', 'rocket.png', 'motorcycle_left.png',
              'camera.png', 'logo.png', 'immunohistochemistry.png']:
        hist_case('images/' + q)
    hist_case('queries/astronaut_crop.png')
    hist_case('images/astronaut_bright.png', bins=8)
    hist_case('images/coffee.png', bins=16, method='correl', top=7)
    hist_case('images/chelsea.png', bins=16, method='intersect')
    hist_case('images/rocket.png', bins=32, method='bhattacharyya')
    hist_case('images/hubble.png', bins=8, method='chisqr_alt')
    hist_case('images/chelsea_noise.png', bins=8, method='kl_div')
    hist_case('images/astronaut.png', bins=256, top=25)
    for q in ['astronaut.png', 'chelsea.png', 'coffee.png', 'rocket.png', 'motorcycle_left.png',
              'immunohistochemistry.png']:
        ahash_case('images/' + q)
    ahash_case('queries/astronaut_crop.png')
    ahash_case('images/coffee.png', size=16, top=25)
    for by in ('dhash', 'phash'):
        for q in ['astronaut.png', 'chelsea.png', 'rocket.png', 'motorcycle_left.png']:
            ahash_case('images/' + q, by=by)
        ahash_case('queries/astronaut_crop.png', by=by)
    ahash_case('images/chelsea.png', size=16, top=25, by='dhash')

    # Near duplicates by average hash: every resized / blurred / brightened / noisy / slightly
    # cropped variant lies within NEAR bits of its original, and nothing else does.
    NEAR = 12
    groups = {
        'astronaut.png': ['astronaut_blur.png', 'astronaut_bright.png', 'more/astronaut_small.png'],
        'chelsea.png': ['chelsea_crop.png', 'chelsea_noise.png', 'more/chelsea_bright.png'],
        'coffee.png': ['coffee_dark.png'],
        'rocket.png': ['rocket_blur.png', 'rocket_small.png'],
        'immunohistochemistry.png': ['immunohistochemistry_noise.png'],
        'motorcycle_left.png': ['motorcycle_right.png'],
    }
    hashes = {f: imagehash_average(os.path.join(IMAGES, f), 8) for f in images}
    near = {}
    for base, variants in groups.items():
        found = sorted(f for f in images if f != base and hamming(hashes[base], hashes[f]) <= NEAR)
        assert found == sorted(variants), (base, found)
        near[base] = found

    hash_table = {}
    for f, img in images.items():
        cv = recipe_ahash(img, 8)
        path = os.path.join(IMAGES, f)
        pil = imagehash_average(path, 8)
        hash_table[f] = {'ahash': to_hex(pil), 'ahash16': to_hex(imagehash_average(path, 16)),
                         'dhash': to_hex(imagehash_dhash(path, 8)), 'phash': to_hex(imagehash_phash(path, 8)),
                         'ahashOpencv': to_hex(cv), 'ahashOpencv16': to_hex(recipe_ahash(img, 16)),
                         'imagehash': to_hex(pil), 'bitsDiffer': hamming(cv, pil)}

    histograms = {f: [float(v) for v in recipe_hist(img, 4).ravel()] for f, img in images.items()}

    out = {
        'generator': 'test/golden/generate_search.py',
        'versions': {'opencv': cv2.__version__, 'numpy': np.__version__, 'pillow': PIL.__version__,
                     'skimage': skimage.__version__},
        'folder': 'images',
        'unreadable': unreadable,
        'nearDuplicates': {'maxBits': NEAR, 'groups': near},
        'cases': cases,
        'hashes': hash_table,
        'histograms4': histograms,
    }
    with open(os.path.join(ROOT, 'expected.json'), 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    total = sum(os.path.getsize(os.path.join(d, n)) for d, _, ns in os.walk(ROOT) for n in ns)
    print(f'{len(images)} images, {len(cases)} cases, {total} bytes under {os.path.relpath(ROOT)}')


if __name__ == '__main__':
    main()
