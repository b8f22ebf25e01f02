#!/usr/bin/python3
"""Golden fixtures for pixelarray/pillow's ImageFilter, ImageOps, ImageEnhance and ImageChops
functions, computed by Pillow 9.4.

Run with Debian's python3 (numpy, PIL 9.4, skimage):

    /usr/bin/python3 test/golden/generate_pillow_filters.py

Writes test/golden/fixtures-pillow/filters/manifest.json and the .npy files it names, after
deleting every old .npy and manifest.json there. The manifest has the format of
test/golden/README.md; filter specs are plain JSON objects (`{"filter": "GaussianBlur", "radius": 3}`).
test/pillow/golden-filters.test.ts runs every case on contiguous inputs and on strided views.

Arrays go to Pillow by channel count: 1 = 'L' (2-D), 2 = 'LA', 3 = 'RGB', 4 = 'RGBA'. Each
reference is run twice on fresh copies of its inputs (identical bytes, inputs untouched).
"""
import os

import numpy as np
import PIL
from PIL import Image, ImageChops, ImageEnhance, ImageFilter, ImageOps

from golden_common import Fixtures, as3, clear_fixtures, folder_size, photos, run_twice

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures-pillow', 'filters')
EXACT = {'kind': 'exact'}
MODES = {1: 'L', 2: 'LA', 3: 'RGB', 4: 'RGBA'}

fx = Fixtures(OUT, repeat_inputs=True)
add_input, img = fx.add_input, fx.img
cases = []


def pil(a):
    a = as3(a)
    c = a.shape[2]
    return Image.fromarray(a[:, :, 0] if c == 1 else a, MODES[c])


def arr(im):
    return as3(np.asarray(im))


def case(call, images, rest, fn, ref, tag='', opts=None):
    """`call(*images, *rest[, opts])` must equal `fn(*image arrays)` (a reference call on Pillow images)."""
    args = [*images, *rest] + ([opts] if opts is not None else [])
    case_args(call, args, images, fn, ref, tag)


def case_args(call, args, images, fn, ref, tag=''):
    """`call(*args)` must equal `fn(*images as Pillow images)`; `images` are the {"$img"} references
    the reference uses, in its order (some may sit inside an options object in `args`)."""
    n = len(cases) + 1
    r = run_twice(lambda *xs: arr(fn(*[pil(x) for x in xs])), [img(i) for i in images])
    expect = fx.save_image(r, f'x{n:04d}.npy')
    cases.append({'id': f'{n:04d}_{call}' + (f'_{tag}' if tag else ''), 'call': call,
                  'args': args, 'expect': expect, 'ref': ref, 'tol': EXACT})


def inputs():
    chelsea, coffee, astro, camera = photos()
    p = {}
    p['rgb'] = add_input('chelsea_16x22', chelsea[110:126, 200:222], 'skimage.data.chelsea()[110:126, 200:222]')
    p['rgb2'] = add_input('coffee_16x22', coffee[160:176, 260:282], 'skimage.data.coffee()[160:176, 260:282]')
    p['gray'] = add_input('camera_18x23', camera[100:118, 220:243], 'skimage.data.camera()[100:118, 220:243] (2-D)')
    p['gray2'] = add_input('camera_16x22', camera[200:216, 250:272], 'skimage.data.camera()[200:216, 250:272] (2-D)')
    rgba = np.dstack([coffee[60:74, 300:318], camera[300:314, 100:118]])
    p['rgba'] = add_input('rgba_14x18', rgba, 'coffee()[60:74, 300:318] with alpha camera()[300:314, 100:118]')
    la = np.dstack([camera[200:213, 300:317], astro[10:23, 10:27, 0]])
    p['la'] = add_input('la_13x17', la, 'camera()[200:213, 300:317] with alpha astronaut()[10:23, 10:27, 0]')
    p['post'] = add_input('chelsea_post_18x22', chelsea[50:68, 60:82] & 0xC0, 'chelsea()[50:68, 60:82] & 0xC0 (repeated values, for ModeFilter)')
    p['postg'] = add_input('camera_post_18x22', camera[50:68, 60:82] & 0xE0, 'camera()[50:68, 60:82] & 0xE0 (2-D)')
    p['low'] = add_input('chelsea_low_16x20', (chelsea[150:166, 250:270] // 3 + 60).astype(np.uint8),
                         'chelsea()[150:166, 250:270] // 3 + 60 (low contrast, for autocontrast/equalize)')
    p['mask'] = add_input('mask_16x22', np.where(camera[200:216, 250:272] > 100, camera[200:216, 250:272], 0).astype(np.uint8),
                          'camera()[200:216, 250:272] where > 100, else 0 (2-D, for masks)')
    rng = np.random.default_rng(20241207)
    t = {}
    for (h, w) in [(1, 1), (1, 7), (7, 1), (3, 5), (5, 6), (13, 17)]:
        for c in (1, 3, 4):
            a = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
            t[(h, w, c)] = add_input(f't{h}x{w}x{c}', a[:, :, 0] if c == 1 else a, f'seeded uniform noise {h}x{w}x{c}')
            b = rng.integers(0, 256, (h, w, c), dtype=np.uint8)
            t[(h, w, c, 'b')] = add_input(f't{h}x{w}x{c}_b', b[:, :, 0] if c == 1 else b, f'seeded uniform noise {h}x{w}x{c} (second)')
    p['rgb_b'] = add_input('astronaut_16x22', astro[300:316, 300:322], 'skimage.data.astronaut()[300:316, 300:322]')
    p['gray_b'] = add_input('camera_16x22_b', camera[50:66, 400:422], 'skimage.data.camera()[50:66, 400:422] (2-D)')
    rgba2 = np.dstack([chelsea[0:14, 0:18], camera[0:14, 0:18]])
    p['rgba_b'] = add_input('rgba_14x18_b', rgba2, 'chelsea()[0:14, 0:18] with alpha camera()[0:14, 0:18]')
    la2 = np.dstack([camera[400:413, 0:17], chelsea[0:13, 0:17, 1]])
    p['la_b'] = add_input('la_13x17_b', la2, 'camera()[400:413, 0:17] with alpha chelsea()[0:13, 0:17, 1]')
    p['mask_rgba'] = add_input('mask_14x18', camera[200:214, 250:268], 'camera()[200:214, 250:268] (2-D)')
    p['mask_la'] = add_input('mask_13x17', camera[200:213, 240:257], 'camera()[200:213, 240:257] (2-D)')
    return p, t


NAMES = ['BLUR', 'CONTOUR', 'DETAIL', 'EDGE_ENHANCE', 'EDGE_ENHANCE_MORE', 'EMBOSS', 'FIND_EDGES',
         'SHARPEN', 'SMOOTH', 'SMOOTH_MORE']


def spec_filter(spec):
    """The ImageFilter object a JSON spec stands for."""
    if isinstance(spec, str):
        return getattr(ImageFilter, spec)
    kind = spec['filter']
    args = {k: v for k, v in spec.items() if k != 'filter'}
    if kind == 'Kernel':
        return ImageFilter.Kernel(tuple(args['size']), args['kernel'], args.get('scale'), args.get('offset', 0))
    return getattr(ImageFilter, kind)(**args)


def filter_cases(p, t):
    def f(image, spec, tag):
        flt = spec_filter(spec)
        case('filter', [image], [spec], lambda im: im.filter(flt), f'im.filter(ImageFilter.{spec if isinstance(spec, str) else spec})', tag)

    for name in NAMES:
        for key in ('rgb', 'gray', 'rgba', 'la'):
            f(p[key], name, f'{name}_{key}')
    for name in ('BLUR', 'SMOOTH', 'SHARPEN', 'EMBOSS'):
        for shape in [(1, 1, 1), (1, 7, 3), (7, 1, 4), (3, 5, 3), (5, 6, 4), (13, 17, 1)]:
            f(t[shape], name, f'{name}_t{shape[0]}x{shape[1]}x{shape[2]}')
    f(p['rgb'], {'filter': 'Kernel', 'size': [3, 3], 'kernel': [0.5, -1.25, 0.3, 2, 1.7, -0.1, 0, 0.9, -2.2], 'scale': 1.3, 'offset': 7.5}, 'kernel3_float')
    f(p['gray'], {'filter': 'Kernel', 'size': [3, 3], 'kernel': [1, 2, 3, 4, 5, 6, 7, 8, 9]}, 'kernel3_default_scale')
    f(p['rgba'], {'filter': 'Kernel', 'size': [5, 5], 'kernel': list(range(-12, 13)), 'scale': 7, 'offset': 128}, 'kernel5')
    f(p['la'], {'filter': 'Kernel', 'size': [5, 5], 'kernel': [(i % 7) / 3 - 0.9 for i in range(25)], 'scale': -2.5, 'offset': -3}, 'kernel5_negscale')
    f(p['rgb2'], {'filter': 'Kernel', 'size': [3, 3], 'kernel': [0.1] * 9, 'scale': 0.9, 'offset': 0}, 'kernel3_tenths')

    for r in (0, 0.5, 1, 1.7, 2, 3, 5.5, 12, 60):
        f(p['rgb'], {'filter': 'GaussianBlur', 'radius': r}, f'gauss{r}_rgb')
    for r in (0.8, 2, 4):
        f(p['gray'], {'filter': 'GaussianBlur', 'radius': r}, f'gauss{r}_gray')
        f(p['rgba'], {'filter': 'GaussianBlur', 'radius': r}, f'gauss{r}_rgba')
        f(p['la'], {'filter': 'GaussianBlur', 'radius': r}, f'gauss{r}_la')
    f(p['rgb2'], {'filter': 'GaussianBlur', 'radius': 2.6}, 'gauss2.6_rgb2')
    for shape in [(1, 1, 3), (1, 7, 1), (7, 1, 3), (3, 5, 4), (13, 17, 3)]:
        f(t[shape], {'filter': 'GaussianBlur', 'radius': 1.5}, f'gauss_t{shape[0]}x{shape[1]}x{shape[2]}')
        f(t[shape], {'filter': 'BoxBlur', 'radius': 2.5}, f'box_t{shape[0]}x{shape[1]}x{shape[2]}')
    for r in (0, 0.3, 1, 1.5, 2, 7, 30):
        f(p['rgb2'], {'filter': 'BoxBlur', 'radius': r}, f'box{r}_rgb')
    f(p['gray'], {'filter': 'BoxBlur', 'radius': 3.25}, 'box3.25_gray')
    f(p['rgba'], {'filter': 'BoxBlur', 'radius': 1.2}, 'box1.2_rgba')
    f(p['la'], {'filter': 'BoxBlur', 'radius': 4}, 'box4_la')

    for (r, pc, th) in [(2, 150, 3), (1, 50, 0), (3, 300, 10), (0.7, 120, 1), (2.5, -80, 2)]:
        f(p['rgb'], {'filter': 'UnsharpMask', 'radius': r, 'percent': pc, 'threshold': th}, f'unsharp_{r}_{pc}_{th}')
    f(p['gray'], {'filter': 'UnsharpMask'}, 'unsharp_defaults_gray')
    f(p['rgba'], {'filter': 'UnsharpMask', 'radius': 1.5, 'percent': 200, 'threshold': 4}, 'unsharp_rgba')
    f(p['la'], {'filter': 'UnsharpMask', 'radius': 3, 'percent': 90, 'threshold': 0}, 'unsharp_la')
    f(t[(13, 17, 4)], {'filter': 'UnsharpMask', 'radius': 5, 'percent': 150, 'threshold': 3}, 'unsharp_t13x17x4')

    for key in ('rgb', 'gray', 'rgba', 'la'):
        f(p[key], {'filter': 'MedianFilter', 'size': 3}, f'median3_{key}')
    f(p['rgb2'], {'filter': 'MedianFilter', 'size': 5}, 'median5')
    f(p['rgb2'], {'filter': 'MinFilter', 'size': 3}, 'min3')
    f(p['rgba'], {'filter': 'MaxFilter', 'size': 5}, 'max5')
    f(p['gray'], {'filter': 'MinFilter'}, 'min_default')
    f(p['la'], {'filter': 'MaxFilter'}, 'max_default_la')
    f(p['rgb'], {'filter': 'RankFilter', 'size': 3, 'rank': 2}, 'rank3_2')
    f(p['gray'], {'filter': 'RankFilter', 'size': 5, 'rank': 20}, 'rank5_20')
    f(p['rgb'], {'filter': 'RankFilter', 'size': 1, 'rank': 0}, 'rank1')
    for shape in [(1, 1, 1), (1, 7, 3), (7, 1, 4), (3, 5, 3)]:
        f(t[shape], {'filter': 'RankFilter', 'size': 7, 'rank': 30}, f'rank7_t{shape[0]}x{shape[1]}x{shape[2]}')
        f(t[shape], {'filter': 'ModeFilter', 'size': 3}, f'mode3_t{shape[0]}x{shape[1]}x{shape[2]}')
    for size in (3, 4, 5, 1):
        f(p['post'], {'filter': 'ModeFilter', 'size': size}, f'mode{size}')
    f(p['postg'], {'filter': 'ModeFilter'}, 'mode_default_gray')
    f(p['gray'], {'filter': 'ModeFilter', 'size': 7}, 'mode7_gray')


def exif(im, o):
    e = im.getexif()
    e[0x0112] = o
    return ImageOps.exif_transpose(im)


def tup(v):
    return tuple(v) if isinstance(v, list) else v


def imageops_cases(p, t):
    # autocontrast: options as in the pixelarray call, translated to Pillow's keywords
    def ac(image, opts, tag, mask=None):
        o = dict(opts)
        images = [image] + ([mask] if mask else [])
        if mask:
            o['mask'] = mask
        kw = {'cutoff': tup(opts.get('cutoff', 0)), 'ignore': opts.get('ignore'), 'preserve_tone': opts.get('preserveTone', False)}
        fn = (lambda im, m: ImageOps.autocontrast(im, mask=m, **kw)) if mask else (lambda im: ImageOps.autocontrast(im, **kw))
        case_args('autocontrast', [image] + ([o] if o else []), images, fn, f'ImageOps.autocontrast(im, {kw}, mask={bool(mask)})', tag)

    ac(p['low'], {}, 'defaults_rgb')
    ac(p['gray'], {}, 'defaults_gray')
    ac(p['low'], {'cutoff': 2}, 'cutoff2')
    ac(p['rgb'], {'cutoff': [1, 5]}, 'cutoff1_5')
    ac(p['gray'], {'cutoff': 2.5}, 'cutoff2.5')
    ac(p['rgb2'], {'cutoff': [0.3, 7.7]}, 'cutoff_floats')
    ac(p['rgb'], {'cutoff': 60}, 'cutoff60')
    ac(p['mask'], {'ignore': 0}, 'ignore0')
    ac(p['rgb'], {'ignore': [0, 255, 17], 'cutoff': 1}, 'ignore_list')
    ac(p['gray'], {'ignore': -1}, 'ignore_neg')
    ac(p['low'], {'preserveTone': True}, 'preserve_rgb')
    ac(p['rgb2'], {'preserveTone': True, 'cutoff': 3}, 'preserve_cutoff')
    ac(p['gray2'], {}, 'mask_gray', mask=p['mask'])
    ac(p['rgb_b'], {'cutoff': 1, 'preserveTone': True}, 'mask_rgb_preserve', mask=p['mask'])
    for shape in [(1, 1, 1), (1, 7, 3), (3, 5, 3), (13, 17, 1)]:
        ac(t[shape], {'cutoff': 10}, f't{shape[0]}x{shape[1]}x{shape[2]}')

    for key in ('rgb', 'gray', 'low', 'rgb2'):
        case('equalize', [p[key]], [], ImageOps.equalize, 'ImageOps.equalize(im)', key)
    case_args('equalize', [p['gray2'], {'mask': p['mask']}], [p['gray2'], p['mask']], lambda im, m: ImageOps.equalize(im, m), 'ImageOps.equalize(im, mask)', 'mask_gray')
    case_args('equalize', [p['rgb_b'], {'mask': p['mask']}], [p['rgb_b'], p['mask']], lambda im, m: ImageOps.equalize(im, m), 'ImageOps.equalize(im, mask)', 'mask_rgb')
    for shape in [(1, 1, 1), (1, 7, 3), (13, 17, 3)]:
        case('equalize', [t[shape]], [], ImageOps.equalize, 'ImageOps.equalize(im)', f't{shape[0]}x{shape[1]}x{shape[2]}')

    for bits in (0, 1, 3, 8):
        case('posterize', [p['rgb']], [bits], lambda im, b=bits: ImageOps.posterize(im, b), f'ImageOps.posterize(im, {bits})', f'bits{bits}')
    case('posterize', [p['gray']], [2], lambda im: ImageOps.posterize(im, 2), 'ImageOps.posterize(im, 2)', 'gray')
    case('solarize', [p['rgb']], [], ImageOps.solarize, 'ImageOps.solarize(im)', 'default')
    for th in (64, 200.5, 0, 256):
        case('solarize', [p['gray']], [th], lambda im, v=th: ImageOps.solarize(im, v), f'ImageOps.solarize(im, {th})', f'th{th}')
    for key in ('rgb', 'gray'):
        case('invert', [p[key]], [], ImageOps.invert, 'ImageOps.invert(im)', key)
    for key in ('rgb', 'gray', 'rgba', 'la'):
        case('grayscale', [p[key]], [], ImageOps.grayscale, 'ImageOps.grayscale(im)', key)
        case('mirror', [p[key]], [], ImageOps.mirror, 'ImageOps.mirror(im)', key)
        case('flip', [p[key]], [], ImageOps.flip, 'ImageOps.flip(im)', key)
    for o in range(1, 9):
        case('exifTranspose', [t[(3, 5, 3)]], [], lambda im, v=o: exif(im, v), f'im.getexif()[0x0112] = {o}; ImageOps.exif_transpose(im)', f'o{o}', opts={'orientation': o})
        case('exifTranspose', [p['rgba']], [], lambda im, v=o: exif(im, v), f'im.getexif()[0x0112] = {o}; ImageOps.exif_transpose(im)', f'o{o}_rgba', opts={'orientation': o})
    case('exifTranspose', [p['la']], [], ImageOps.exif_transpose, 'ImageOps.exif_transpose(im) (no EXIF)', 'none')

    def ex(image, border, fill, tag):
        case('expand', [image], [border, fill], lambda im: ImageOps.expand(im, tup(border), tup(fill)), f'ImageOps.expand(im, {border}, {fill})', tag)
    ex(p['rgb'], 3, 0, 'b3')
    ex(p['rgb'], [2, 5], [10, 20, 30], 'b2_5_tuple')
    ex(p['rgb'], [1, 2, 3, 4], 255, 'packed_red')
    ex(p['rgb'], [1, 0, 0, 2], 0x00ff8040, 'packed')
    ex(p['gray'], 2, 300, 'gray_clip')
    ex(p['gray'], [0, 3, 1, 0], -5, 'gray_negative')
    ex(p['rgba'], 2, [1, 2, 3], 'rgba_3values')
    ex(p['rgba'], [1, 2], 0x80ff0040, 'rgba_packed')
    ex(p['la'], 1, [200, 100], 'la_tuple')
    ex(p['la'], 2, 0x7f0000c0, 'la_packed')
    ex(p['rgb'], [-2, 1], [9, 8, 7], 'negative')
    ex(t[(1, 1, 3)], [4, 0], [5, 6, 7], 't1x1x3')

    for (size, m) in [([10, 10], None), ([15, 8], 'bilinear'), ([7, 19], 'lanczos'), ([28, 20], 'nearest'), ([40, 40], None)]:
        opts = {'method': m} if m else None
        meth = {None: Image.Resampling.BICUBIC, 'bilinear': Image.Resampling.BILINEAR, 'lanczos': Image.Resampling.LANCZOS, 'nearest': Image.Resampling.NEAREST}[m]
        case('contain', [p['rgb']], [size], lambda im, s=size, me=meth: ImageOps.contain(im, tuple(s), me), f'ImageOps.contain(im, {size}, {m})', f'{size[0]}x{size[1]}', opts)
        case('fit', [p['rgb']], [size], lambda im, s=size, me=meth: ImageOps.fit(im, tuple(s), me), f'ImageOps.fit(im, {size}, {m})', f'{size[0]}x{size[1]}', opts)
        case('pad', [p['rgb']], [size], lambda im, s=size, me=meth: ImageOps.pad(im, tuple(s), me), f'ImageOps.pad(im, {size}, {m})', f'{size[0]}x{size[1]}', opts)
    case('fit', [p['rgba']], [[9, 12]], lambda im: ImageOps.fit(im, (9, 12), bleed=0.1, centering=(0.2, 0.9)), 'ImageOps.fit(im, (9, 12), bleed=0.1, centering=(0.2, 0.9))', 'bleed', {'bleed': 0.1, 'centering': [0.2, 0.9]})
    case('fit', [p['gray']], [[11, 5]], lambda im: ImageOps.fit(im, (11, 5), bleed=0.7, centering=(1.5, 0)), 'ImageOps.fit(im, (11, 5), bleed=0.7, centering=(1.5, 0))', 'out_of_range', {'bleed': 0.7, 'centering': [1.5, 0]})
    case('pad', [p['rgba']], [[30, 10]], lambda im: ImageOps.pad(im, (30, 10), color=(10, 200, 30, 128), centering=(0.1, 0)), 'ImageOps.pad(im, (30, 10), color=(10, 200, 30, 128), centering=(0.1, 0))', 'rgba_color', {'color': [10, 200, 30, 128], 'centering': [0.1, 0]})
    case('pad', [p['gray']], [[12, 30]], lambda im: ImageOps.pad(im, (12, 30), color=77, centering=(0, 1.4)), 'ImageOps.pad(im, (12, 30), color=77, centering=(0, 1.4))', 'gray_color', {'color': 77, 'centering': [0, 1.4]})
    case('pad', [p['la']], [[16, 16]], lambda im: ImageOps.pad(im, (16, 16), Image.Resampling.BOX), 'ImageOps.pad(im, (16, 16), BOX)', 'la_box', {'method': 'box'})


def enhance_cases(p, t):
    classes = {'enhanceBrightness': ImageEnhance.Brightness, 'enhanceContrast': ImageEnhance.Contrast,
               'enhanceColor': ImageEnhance.Color, 'enhanceSharpness': ImageEnhance.Sharpness}
    for call, cls in classes.items():
        name = cls.__name__
        for f in (0, 0.5, 1.7, -0.5):
            case(call, [p['rgb']], [f], lambda im, k=cls, v=f: k(im).enhance(v), f'ImageEnhance.{name}(im).enhance({f})', f'rgb_{f}')
        for key in ('gray', 'rgba', 'la'):
            for f in (0, 0.6, 2.2):
                case(call, [p[key]], [f], lambda im, k=cls, v=f: k(im).enhance(v), f'ImageEnhance.{name}(im).enhance({f})', f'{key}_{f}')
        for shape in [(1, 1, 3), (1, 7, 4), (3, 5, 1), (13, 17, 3)]:
            case(call, [t[shape]], [1.4], lambda im, k=cls: k(im).enhance(1.4), f'ImageEnhance.{name}(im).enhance(1.4)', f't{shape[0]}x{shape[1]}x{shape[2]}')


def chops_cases(p, t):
    pairs = [('rgb', p['rgb'], p['rgb_b']), ('gray', p['gray2'], p['gray_b']), ('rgba', p['rgba'], p['rgba_b']), ('la', p['la'], p['la_b'])]
    for shape in [(1, 1, 1), (1, 7, 3), (3, 5, 4)]:
        pairs.append((f't{shape[0]}x{shape[1]}x{shape[2]}', t[shape], t[shape + ('b',)]))
    ops = {'screen': ImageChops.screen, 'multiply': ImageChops.multiply, 'difference': ImageChops.difference,
           'lighter': ImageChops.lighter, 'darker': ImageChops.darker, 'add': ImageChops.add, 'subtract': ImageChops.subtract,
           'addModulo': ImageChops.add_modulo, 'subtractModulo': ImageChops.subtract_modulo,
           'softLight': ImageChops.soft_light, 'hardLight': ImageChops.hard_light, 'overlay': ImageChops.overlay}
    for call, fn in ops.items():
        for tag, a, b in pairs:
            case(call, [a, b], [], fn, f'ImageChops.{fn.__name__}(a, b)', tag)
    for (sc, off) in [(2.0, 10), (0.7, -30), (-1.5, 100), (3, 0), (1, -255)]:
        case('add', [p['rgb'], p['rgb_b']], [sc, off], lambda a, b, s=sc, o=off: ImageChops.add(a, b, s, o), f'ImageChops.add(a, b, {sc}, {off})', f's{sc}_o{off}')
        case('subtract', [p['rgb'], p['rgb_b']], [sc, off], lambda a, b, s=sc, o=off: ImageChops.subtract(a, b, s, o), f'ImageChops.subtract(a, b, {sc}, {off})', f's{sc}_o{off}')
    case('difference', [p['rgb'], t[(13, 17, 3)]], [], ImageChops.difference, 'ImageChops.difference(a, b) (sizes differ)', 'sizes')
    case('add', [t[(13, 17, 3)], p['rgb']], [1.3, 4], lambda a, b: ImageChops.add(a, b, 1.3, 4), 'ImageChops.add(a, b, 1.3, 4) (sizes differ)', 'sizes')

    for al in (0, 1, 0.3, 0.5, 0.1, 1.7, -0.6):
        case('blend', [p['rgb'], p['rgb_b']], [al], lambda a, b, v=al: Image.blend(a, b, v), f'Image.blend(a, b, {al})', f'rgb_{al}')
    for tag, a, b in pairs[1:]:
        case('blend', [a, b], [0.37], lambda x, y: Image.blend(x, y, 0.37), 'Image.blend(a, b, 0.37)', tag)
        case('blend', [a, b], [2.5], lambda x, y: Image.blend(x, y, 2.5), 'Image.blend(a, b, 2.5)', tag + '_extrapolate')

    case('composite', [p['rgb'], p['rgb_b'], p['mask']], [], Image.composite, 'Image.composite(a, b, mask L)', 'rgb')
    case('composite', [p['gray2'], p['gray_b'], p['mask']], [], Image.composite, 'Image.composite(a, b, mask L)', 'gray')
    case('composite', [p['rgba'], p['rgba_b'], p['mask_rgba']], [], Image.composite, 'Image.composite(a, b, mask L)', 'rgba')
    case('composite', [p['la'], p['la_b'], p['mask_la']], [], Image.composite, 'Image.composite(a, b, mask L)', 'la')
    case('composite', [p['rgba_b'], p['rgba'], p['rgba']], [], Image.composite, 'Image.composite(a, b, mask RGBA)', 'mask_rgba')
    case('composite', [p['la_b'], p['la'], p['la']], [], Image.composite, 'Image.composite(a, b, mask LA)', 'mask_la')
    case('composite', [t[(3, 5, 3)], t[(3, 5, 3, 'b')], t[(3, 5, 1)]], [], Image.composite, 'Image.composite(a, b, mask L)', 't3x5')


def main():
    clear_fixtures(OUT)
    p, t = inputs()
    filter_cases(p, t)
    imageops_cases(p, t)
    enhance_cases(p, t)
    chops_cases(p, t)
    fx.write('pillow-filters', 'test/golden/generate_pillow_filters.py', cases,
             {'versions': {'Pillow': PIL.__version__, 'numpy': np.__version__}})
    print(f'{len(cases)} cases, {folder_size(OUT) / 1024:.0f} KB in {OUT}')


if __name__ == '__main__':
    main()
