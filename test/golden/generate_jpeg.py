"""JPEG decoding golden cases: small JPEGs written by Pillow 9.4 and OpenCV 4.6 (crops of the skimage
photos and odd sizes; qualities, subsamplings 4:4:4 / 4:2:2 / 4:2:0, progressive, optimised, restart
intervals, grayscale, CMYK), each stored with what the references decode from it: Pillow's
`Image.open` (CMYK: `.convert('RGB')`), cv2.imread (IMREAD_UNCHANGED, BGR → RGB) and the reduced
decodes cv2.IMREAD_REDUCED_COLOR_2/4/8 (gray: IMREAD_REDUCED_GRAYSCALE_*). Run with /usr/bin/python3.
Writes test/golden/fixtures-jpeg/{manifest.json, *.jpg, *.npy}; jpeg-golden.test.ts checks them."""
import io
import json
import os
import sys

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
from golden_common import clear_fixtures, photos  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), 'fixtures-jpeg')
clear_fixtures(OUT, suffixes=('.npy', '.jpg'))
chelsea, coffee, astronaut, camera = photos()
cases = []


def save_npy(name, a):
    np.save(os.path.join(OUT, name), np.ascontiguousarray(a))


def add(name, data):
    path = os.path.join(OUT, name + '.jpg')
    with open(path, 'wb') as f:
        f.write(data)
    case = {'file': name + '.jpg', 'expect': {}}
    im = Image.open(io.BytesIO(data))
    pil = np.asarray(im.convert('RGB') if im.mode == 'CMYK' else im)
    save_npy(name + '.pil.npy', pil)
    case['expect']['pil'] = name + '.pil.npy'
    if im.mode != 'CMYK':
        gray = im.mode == 'L'
        buf = np.frombuffer(data, np.uint8)
        c = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
        if not gray:
            c = cv2.cvtColor(c, cv2.COLOR_BGR2RGB)
        if not np.array_equal(c, pil):
            print('note: cv2 and Pillow differ on', name)
            save_npy(name + '.cv2.npy', c)
            case['expect']['cv2'] = name + '.cv2.npy'
        for r, fc, fg in ((2, cv2.IMREAD_REDUCED_COLOR_2, cv2.IMREAD_REDUCED_GRAYSCALE_2),
                          (4, cv2.IMREAD_REDUCED_COLOR_4, cv2.IMREAD_REDUCED_GRAYSCALE_4),
                          (8, cv2.IMREAD_REDUCED_COLOR_8, cv2.IMREAD_REDUCED_GRAYSCALE_8)):
            d = cv2.imdecode(buf, fg if gray else fc)
            if not gray:
                d = cv2.cvtColor(d, cv2.COLOR_BGR2RGB)
            save_npy(f'{name}.r{r}.npy', d)
            case['expect'][f'reduce{r}'] = f'{name}.r{r}.npy'
    cases.append(case)


def pil_jpeg(a, **kw):
    b = io.BytesIO()
    Image.fromarray(a).save(b, 'JPEG', **kw)
    return b.getvalue()


def cv_jpeg(a, params):
    ok, enc = cv2.imencode('.jpg', a if a.ndim == 2 else cv2.cvtColor(a, cv2.COLOR_RGB2BGR), params)
    assert ok
    return enc.tobytes()


crops = {'chelsea': chelsea[100:148, 200:264], 'coffee': coffee[150:198, 300:364], 'astro': astronaut[60:108, 200:264]}
for cname, a in crops.items():
    for q in (50, 75, 90, 100):
        for sub, sname in ((0, '444'), (1, '422'), (2, '420')):
            add(f'pil_{cname}_q{q}_{sname}', pil_jpeg(a, quality=q, subsampling=sub))
    add(f'pil_{cname}_prog_420', pil_jpeg(a, quality=80, subsampling=2, progressive=True))
    add(f'pil_{cname}_prog_444', pil_jpeg(a, quality=95, subsampling=0, progressive=True))
    add(f'pil_{cname}_opt_422', pil_jpeg(a, quality=85, subsampling=1, optimize=True))
for (h, w) in ((1, 1), (3, 7), (13, 17), (9, 33), (7, 1), (1, 7), (3, 5), (17, 13), (2, 2), (33, 47)):
    a = np.ascontiguousarray(coffee[200:200 + h, 250:250 + w])
    for sub, sname in ((0, '444'), (1, '422'), (2, '420')):
        add(f'pil_odd{h}x{w}_{sname}', pil_jpeg(a, quality=85, subsampling=sub))
    add(f'pil_odd{h}x{w}_prog', pil_jpeg(a, quality=85, subsampling=2, progressive=True))
    add(f'pil_gray{h}x{w}', pil_jpeg(np.ascontiguousarray(camera[100:100 + h, 100:100 + w]), quality=85))
g = camera[200:248, 150:214]
for q in (50, 90):
    add(f'pil_gray_q{q}', pil_jpeg(g, quality=q))
add('pil_gray_prog', pil_jpeg(g, quality=80, progressive=True))
a = crops['chelsea']
for rst in (1, 3, 7):
    add(f'cv_rst{rst}', cv_jpeg(a, [cv2.IMWRITE_JPEG_QUALITY, 80, cv2.IMWRITE_JPEG_RST_INTERVAL, rst]))
add('cv_prog', cv_jpeg(a, [cv2.IMWRITE_JPEG_QUALITY, 70, cv2.IMWRITE_JPEG_PROGRESSIVE, 1]))
add('cv_prog_rst', cv_jpeg(a, [cv2.IMWRITE_JPEG_QUALITY, 70, cv2.IMWRITE_JPEG_PROGRESSIVE, 1, cv2.IMWRITE_JPEG_RST_INTERVAL, 2]))
add('cv_gray_rst', cv_jpeg(g, [cv2.IMWRITE_JPEG_QUALITY, 90, cv2.IMWRITE_JPEG_RST_INTERVAL, 2]))
add('cv_odd_13x17', cv_jpeg(np.ascontiguousarray(coffee[10:23, 10:27]), [cv2.IMWRITE_JPEG_QUALITY, 60]))
cmyk = Image.fromarray(crops['coffee']).convert('CMYK')
b = io.BytesIO()
cmyk.save(b, 'JPEG', quality=90)
add('pil_cmyk', b.getvalue())

with open(os.path.join(OUT, 'manifest.json'), 'w') as f:
    f.write('{"generator": "generate_jpeg.py", "cases": [\n' + ',\n'.join(json.dumps(c) for c in cases) + '\n]}\n')
print(len(cases), 'cases')
