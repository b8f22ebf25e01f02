#!/usr/bin/python3
"""Golden fixtures for pixelarray/search's imagehash-compatible hashes.

Run with Debian's python3 (numpy, PIL 9.4, scipy, skimage):

    /usr/bin/python3 test/golden/generate_imagehash.py

The `imagehash` package (4.3) is not installed here, so its three functions are written out below
from its source, unchanged in substance (image.convert('L').resize(..., Image.ANTIALIAS) — ANTIALIAS
is LANCZOS in Pillow 9.4 — then numpy / scipy.fftpack exactly as imagehash calls them), together
with ImageHash.__str__ (_binary_array_to_hex).

Writes test/golden/fixtures-pillow/imagehash/manifest.json and the input .npy files (after deleting
the old ones). Inputs: 60+ real photos of skimage.data (crops, Pillow-downscaled whole photos,
flips, rotations, gray and RGBA versions), each at most 64×64 to keep the fixtures small. Each case
records the hash hex and, for phash, how far the nearest DCT coefficient lies from the median
(`phash_margin`, relative): a bit can differ between SciPy's FFT-based DCT and a direct sum only
where that margin is at rounding level. test/apps/imagehash.test.ts checks every case.
"""
import json
import os
import warnings

import numpy
import numpy as np
import PIL
import scipy
import scipy.fftpack
import skimage.data
from PIL import Image

from golden_common import Fixtures, as2, clear_fixtures, folder_size, manifest_text

assert PIL.__version__ == '9.4.0', PIL.__version__
warnings.simplefilter('ignore', DeprecationWarning)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures-pillow', 'imagehash')
ANTIALIAS = Image.LANCZOS  # imagehash 4.3 uses Image.ANTIALIAS, an alias of LANCZOS in Pillow 9.4
MODES = {1: 'L', 2: 'LA', 3: 'RGB', 4: 'RGBA'}


# ---- imagehash 4.3, as published (https://github.com/JohannesBuchner/imagehash) -------------------
def _binary_array_to_hex(arr):
    bit_string = ''.join(str(b) for b in 1 * arr.flatten())
    width = int(numpy.ceil(len(bit_string) / 4))
    return '{:0>{width}x}'.format(int(bit_string, 2), width=width)


def average_hash(image, hash_size=8, mean=numpy.mean):
    if hash_size < 2:
        raise ValueError('Hash size must be greater than or equal to 2')
    image = image.convert('L').resize((hash_size, hash_size), ANTIALIAS)
    pixels = numpy.asarray(image)
    avg = mean(pixels)
    diff = pixels > avg
    return diff


def phash(image, hash_size=8, highfreq_factor=4):
    if hash_size < 2:
        raise ValueError('Hash size must be greater than or equal to 2')
    img_size = hash_size * highfreq_factor
    image = image.convert('L').resize((img_size, img_size), ANTIALIAS)
    pixels = numpy.asarray(image)
    dct = scipy.fftpack.dct(scipy.fftpack.dct(pixels, axis=0), axis=1)
    dctlowfreq = dct[:hash_size, :hash_size]
    med = numpy.median(dctlowfreq)
    diff = dctlowfreq > med
    margin = float(numpy.min(numpy.abs(dctlowfreq - med)) / max(1.0, float(numpy.max(numpy.abs(dctlowfreq)))))
    return diff, margin


def dhash(image, hash_size=8):
    if hash_size < 2:
        raise ValueError('Hash size must be greater than or equal to 2')
    image = image.convert('L').resize((hash_size + 1, hash_size), ANTIALIAS)
    pixels = numpy.asarray(image)
    diff = pixels[:, 1:] > pixels[:, :-1]
    return diff
# -------------------------------------------------------------------------------------------------


def pil(a):
    a = as2(a)
    return Image.fromarray(a, MODES[1 if a.ndim == 2 else a.shape[2]])


def small(a, w, h):
    """A whole photo brought down to w×h by Pillow (BOX), as a thumbnail would be."""
    return np.asarray(pil(a).resize((w, h), Image.BOX))


def photo_inputs(fx):
    d = skimage.data
    ims = {}

    def add(name, arr, note):
        ims[name] = fx.add_input(name, arr, note)

    rgb = {'astronaut': d.astronaut(), 'chelsea': d.chelsea(), 'coffee': d.coffee(), 'rocket': d.rocket(),
           'hubble': d.hubble_deep_field(), 'ihc': d.immunohistochemistry(), 'colorwheel': d.colorwheel(),
           'retina': d.retina()}
    gray = {'camera': d.camera(), 'brick': d.brick(), 'clock': d.clock(), 'coins': d.coins(), 'grass': d.grass(),
            'gravel': d.gravel(), 'moon': d.moon(), 'page': d.page(), 'text': d.text(), 'microaneurysms': d.microaneurysms()}
    for k, a in rgb.items():
        h, w = a.shape[:2]
        add(f'{k}_whole', small(a, 48, max(2, round(48 * h / w))), f'skimage.data.{k}() resized by Pillow BOX to width 48')
        y, x = h // 3, w // 3
        add(f'{k}_crop', a[y:y + 40, x:x + 56], f'skimage.data.{k}()[{y}:{y + 40}, {x}:{x + 56}]')
        add(f'{k}_crop_flip', a[y:y + 40, x:x + 56][:, ::-1], f'skimage.data.{k}()[{y}:{y + 40}, {x}:{x + 56}][:, ::-1]')
        add(f'{k}_crop_rot', np.rot90(a[y + 5:y + 37, x + 3:x + 27]), f'np.rot90(skimage.data.{k}()[{y + 5}:{y + 37}, {x + 3}:{x + 27}])')
    for k, a in gray.items():
        h, w = a.shape[:2]
        add(f'{k}_whole', small(a, 64, max(2, round(64 * h / w))), f'skimage.data.{k}() resized by Pillow BOX to width 64')
        y, x = h // 4, w // 4
        add(f'{k}_crop', a[y:y + 48, x:x + 40], f'skimage.data.{k}()[{y}:{y + 48}, {x}:{x + 40}]')
        add(f'{k}_crop_flip', a[y:y + 48, x:x + 40][::-1], f'skimage.data.{k}()[{y}:{y + 48}, {x}:{x + 40}][::-1]')
    logo = d.logo()
    add('logo_rgba', small(logo, 40, 40), 'skimage.data.logo() (RGBA) resized by Pillow BOX to 40x40')
    la = np.dstack([d.camera()[100:140, 200:236], d.moon()[300:340, 100:136]])
    add('camera_la', la, 'camera()[100:140, 200:236] with alpha moon()[300:340, 100:136]')
    add('chelsea_tiny', d.chelsea()[100:105, 200:207], 'skimage.data.chelsea()[100:105, 200:207] (upsampled by the hashes)')
    add('coffee_strip', d.coffee()[200:201, 100:164], 'skimage.data.coffee()[200:201, 100:164] (one row)')
    return ims


def main():
    clear_fixtures(OUT)
    fx = Fixtures(OUT)
    ims = photo_inputs(fx)
    cases = []
    for name, ref in ims.items():
        im = pil(fx.img(ref))
        variants = [('averageHash', {}, lambda: average_hash(im), 'imagehash.average_hash(im)'),
                    ('differenceHash', {}, lambda: dhash(im), 'imagehash.dhash(im)'),
                    ('perceptualHash', {}, lambda: phash(im), 'imagehash.phash(im)')]
        if len(cases) % 5 == 0:
            variants += [('averageHash', {'size': 16}, lambda: average_hash(im, 16), 'imagehash.average_hash(im, 16)'),
                         ('differenceHash', {'size': 5}, lambda: dhash(im, 5), 'imagehash.dhash(im, 5)'),
                         ('perceptualHash', {'size': 6, 'highfreqFactor': 2}, lambda: phash(im, 6, 2), 'imagehash.phash(im, 6, 2)'),
                         ('perceptualHash', {'size': 16}, lambda: phash(im, 16), 'imagehash.phash(im, 16)')]
        for call, opts, fn, r in variants:
            out = fn()
            margin = None
            if isinstance(out, tuple):
                out, margin = out
            c = {'id': f'{len(cases) + 1:04d}_{call}_{name}', 'call': call, 'input': ref['$img'], 'options': opts,
                 'hex': _binary_array_to_hex(out), 'ref': r.replace('(im', f'(Image.fromarray({name})', 1)}
            if margin is not None:
                c['phash_margin'] = margin
            cases.append(c)
    fx.write('pillow-imagehash', 'test/golden/generate_imagehash.py', [],
             {'reference': f'imagehash 4.3 algorithm (written out in the generator) on Pillow {PIL.__version__}, '
                           f'numpy {np.__version__}, scipy {scipy.__version__}'})
    # The hash cases are not image cases: a manifest of their own (same line-per-entry layout).
    m = json.load(open(os.path.join(OUT, 'manifest.json')))
    m['cases'] = cases
    with open(os.path.join(OUT, 'manifest.json'), 'w', encoding='utf-8') as f:
        f.write(manifest_text(m))
    print(f'{len(ims)} photos, {len(cases)} cases, smallest phash margin '
          f'{min(c["phash_margin"] for c in cases if "phash_margin" in c):.3g}, {folder_size(OUT) / 1024:.0f} KB')


if __name__ == '__main__':
    main()
