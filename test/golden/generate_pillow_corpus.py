"""What Pillow 9.4 makes of every PNG and JPEG in Pillow's own Tests/images (a corpus nobody here
wrote): for each file, the shape and SHA-256 of the pixels pixelarray should return, or the fact that
Pillow refuses it. Writes test/fixtures/pillow-corpus/outcomes.json and copies the files that the
tolerance tests need (small, from the Pillow repository, under Pillow's licence: the MIT-CMU licence
of python-pillow/Pillow, see LICENSE-Pillow.txt there).

    /usr/bin/python3 test/golden/generate_pillow_corpus.py <path to a Pillow checkout or git dir>

A git directory (such as the mirror `fetch` brings) is read with `git show`; nothing is written
outside test/fixtures/pillow-corpus/.

What "the pixels pixelarray should return" means, per format (docs/codecs.md):
- PNG: the file's channels, compared as Pillow's `convert('RGBA')` (gray g → g,g,g,255 ...).
- JPEG: Pillow's pixels in mode L (1 component) or RGB (3 components; CMYK/YCCK through
  `convert('RGB')`), with the EXIF orientation NOT applied (pixelarray is called with
  `{ orientation: 'ignore' }`), i.e. the stored pixels.
"""
import hashlib
import io
import json
import os
import subprocess
import sys

import numpy as np
import PIL
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'fixtures', 'pillow-corpus')

# Files committed beside the outcomes: the ones issue 18 names, which Pillow and libjpeg/libpng read
# although they are malformed (data after the zlib stream, a spare IDAT, junk before a marker).
KEEP = [
    'padded_idat.png', 'hopper_idat_after_image_end.png',
    'jpeg_ff00_header.jpg', 'junk_jpeg_header.jpg', 'photoshop-200dpi-broken.jpg',
    'truncated_app14.jpg', 'hopper_bad_exif.jpg',
]


def list_files(src):
    """Every PNG/JPEG under Tests/images (subfolders too), as paths relative to it."""
    if os.path.isdir(os.path.join(src, 'Tests', 'images')):
        root = os.path.join(src, 'Tests', 'images')
        names = sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs
                       if f.lower().endswith(('.png', '.jpg', '.jpeg')))
        return names, lambda n: open(os.path.join(root, n), 'rb').read()
    out = subprocess.run(['git', '--git-dir', src, 'ls-tree', '-r', '--name-only', 'HEAD', 'Tests/images/'],
                         check=True, capture_output=True, text=True).stdout.split('\n')
    names = sorted(p[len('Tests/images/'):] for p in out if p.lower().endswith(('.png', '.jpg', '.jpeg')))
    return names, lambda n: subprocess.run(['git', '--git-dir', src, 'show', f'HEAD:Tests/images/{n}'],
                                           check=True, capture_output=True).stdout


def pillow_outcome(data):
    try:
        im = Image.open(io.BytesIO(data))
        im.load()
        fmt = im.format
        if fmt == 'PNG' and im.mode == 'I':
            # 16-bit gray: Pillow returns 32-bit values; pixelarray keeps the high byte (docs/codecs.md)
            # and, as libpng, makes the samples equal to the tRNS key transparent.
            v = np.asarray(im).astype(np.int64)
            g = (v >> 8).astype(np.uint8)
            t = im.info.get('transparency')
            alpha = np.where(v == t, 0, 255).astype(np.uint8) if isinstance(t, int) else np.full_like(g, 255)
            px = np.dstack([g, g, g, alpha])
        elif fmt == 'PNG':
            px = np.asarray(im.convert('RGBA'))
        elif fmt == 'JPEG':
            px = np.asarray(im.convert('L' if im.mode == 'L' else 'RGB'))
        else:
            return {'format': fmt, 'pillow': 'other format'}
        px = np.ascontiguousarray(px)
        if px.ndim == 2:
            px = px[:, :, None]
        return {'format': fmt, 'mode': im.mode, 'shape': list(px.shape),
                'sha256': hashlib.sha256(px.tobytes()).hexdigest()}
    except Exception as e:  # noqa: BLE001 - what Pillow refuses, whatever the reason
        return {'pillow': 'refused', 'error': f'{type(e).__name__}: {e}'[:200]}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    names, read = list_files(sys.argv[1])
    os.makedirs(OUT, exist_ok=True)
    outcomes = {}
    for n in names:
        data = read(n)
        o = pillow_outcome(data)
        o['bytes'] = len(data)
        o['file_sha256'] = hashlib.sha256(data).hexdigest()
        outcomes[n] = o
        if n in KEEP:
            with open(os.path.join(OUT, n), 'wb') as f:
                f.write(data)
    doc = {'generator': 'test/golden/generate_pillow_corpus.py', 'pillow': PIL.__version__,
           'numpy': np.__version__, 'source': 'python-pillow/Pillow Tests/images', 'kept': KEEP, 'files': outcomes}
    with open(os.path.join(OUT, 'outcomes.json'), 'w') as f:
        f.write('{\n' + ',\n'.join(f'  {json.dumps(k)}: {json.dumps(v)}' for k, v in doc.items() if k != 'files'))
        f.write(',\n  "files": {\n' + ',\n'.join(f'    {json.dumps(k)}: {json.dumps(v)}' for k, v in outcomes.items()) + '\n  }\n}\n')
    print(f'{len(outcomes)} files, {sum(1 for o in outcomes.values() if o.get("pillow") == "refused")} refused by Pillow')


if __name__ == '__main__':
    main()
