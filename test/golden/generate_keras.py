"""Golden fixtures for pixelarray/ml's ImageDataGenerator, computed by Keras itself
(keras_preprocessing 1.1.0, Debian's python3-keras-preprocessing, with NumPy 1.24 and SciPy 1.10):

- params: `ImageDataGenerator(**opts).get_random_transform(shape, seed)` for many option sets and
  seeds (every draw: rotation, the three kinds of shift range, shear, zoom, flips, channel shift,
  brightness), compared to 1e-12;
- images: `apply_transform(x, params)` on float32 crops of the skimage photos (1, 3 and 4 channels,
  every fill mode, both interpolation orders, shifts past the border, brightness and channel shift),
  compared within 1e-3 on the 0..255 scale;
- flow: the batches `ImageDataGenerator(...).flow(x, y, batch_size, shuffle, seed)` yields (labels
  and pixels) for the first batches of two epochs.

    /usr/bin/python3 test/golden/generate_keras.py      # writes test/golden/fixtures-keras/
"""
import json
import os

import numpy as np
import keras_preprocessing
from keras_preprocessing.image import ImageDataGenerator
import scipy

from golden_common import photos

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures-keras')

# (name, Keras keyword arguments, pixelarray's camelCase options)
OPTION_SETS = [
    ('rotation', dict(rotation_range=90), dict(rotationRange=90)),
    ('tutorial', dict(rotation_range=40, width_shift_range=0.2, height_shift_range=0.2, shear_range=0.2, zoom_range=0.2,
                      horizontal_flip=True, fill_mode='nearest'),
     dict(rotationRange=40, widthShiftRange=0.2, heightShiftRange=0.2, shearRange=0.2, zoomRange=0.2, horizontalFlip=True, fillMode='nearest')),
    ('pixels', dict(width_shift_range=5, height_shift_range=3), dict(widthShiftRange=5, heightShiftRange=3)),
    ('float_pixels', dict(width_shift_range=4.5, height_shift_range=2.5), dict(widthShiftRange=4.5, heightShiftRange=2.5)),
    ('lists', dict(width_shift_range=[-3, 0.5, 7], height_shift_range=[0.1, 0.2]), dict(widthShiftRange=[-3, 0.5, 7], heightShiftRange=[0.1, 0.2])),
    ('zoom_pair', dict(zoom_range=[0.5, 1.5], vertical_flip=True), dict(zoomRange=[0.5, 1.5], verticalFlip=True)),
    ('color', dict(channel_shift_range=50.0, brightness_range=[0.8, 1.2]), dict(channelShiftRange=50, brightnessRange=[0.8, 1.2])),
    ('everything', dict(rotation_range=20, width_shift_range=0.1, height_shift_range=0.15, shear_range=10, zoom_range=0.3,
                        channel_shift_range=20.0, brightness_range=[0.5, 1.5], horizontal_flip=True, vertical_flip=True, fill_mode='reflect'),
     dict(rotationRange=20, widthShiftRange=0.1, heightShiftRange=0.15, shearRange=10, zoomRange=0.3, channelShiftRange=20,
          brightnessRange=[0.5, 1.5], horizontalFlip=True, verticalFlip=True, fillMode='reflect')),
    ('none', dict(), dict()),
]
SEEDS = [0, 1, 7, 42, 123, 2024, 99999, 4294967295]


def jsonable(params):
    out = {}
    for k, v in params.items():
        key = {'flip_horizontal': 'flipHorizontal', 'flip_vertical': 'flipVertical',
               'channel_shift_intensity': 'channelShiftIntensity'}.get(k, k)
        out[key] = None if v is None else (bool(v) if k.startswith('flip') else float(v))
    return out


def crops():
    chelsea, coffee, astronaut, camera = photos()
    rgb = chelsea[100:116, 150:174].astype(np.float32)          # 16×24×3
    gray = camera[200:213, 180:199, None].astype(np.float32)     # 13×19×1
    rgba = np.dstack([coffee[50:62, 300:315], camera[0:12, 0:15]]).astype(np.float32)  # 12×15×4
    tiny = astronaut[10:11, 20:23].astype(np.float32)            # 1×3×3
    return {'rgb': rgb, 'gray': gray, 'rgba': rgba, 'tiny': tiny}


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith('.npy') or f == 'keras.json':
            os.remove(os.path.join(OUT, f))
    doc = {'generator': 'test/golden/generate_keras.py', 'keras_preprocessing': keras_preprocessing.__version__,
           'numpy': np.__version__, 'scipy': scipy.__version__, 'params': [], 'images': [], 'flow': []}

    for name, kw, opts in OPTION_SETS:
        gen = ImageDataGenerator(**kw)
        for shape in [(24, 32, 3), (100, 60, 1)]:
            for seed in SEEDS:
                p = gen.get_random_transform(shape, seed=seed)
                doc['params'].append({'set': name, 'options': opts, 'shape': list(shape), 'seed': seed, 'expect': jsonable(p)})

    images = crops()
    for key, x in images.items():
        np.save(os.path.join(OUT, f'in_{key}.npy'), x)
    cases = [
        ('rotate', dict(), {'theta': 33.5}),
        ('shift_rows', dict(), {'tx': 3.25, 'ty': -2.5}),
        ('shear_zoom', dict(), {'shear': 12.0, 'zx': 0.8, 'zy': 1.3}),
        ('all_affine', dict(), {'theta': -71.0, 'tx': -4.0, 'ty': 6.5, 'shear': -20.0, 'zx': 1.4, 'zy': 0.7}),
        ('far_shift', dict(), {'tx': 40.0, 'ty': -55.0}),
        ('flips', dict(), {'flip_horizontal': True, 'flip_vertical': True}),
        ('channel_shift', dict(), {'channel_shift_intensity': 37.5}),
        ('brightness_dim', dict(), {'brightness': 0.63}),
        ('brightness_up', dict(), {'brightness': 1.37}),
    ]
    for mode in ['nearest', 'constant', 'reflect', 'wrap']:
        for order in [1, 0]:
            for cname, extra, params in cases:
                if order == 0 and cname not in ('rotate', 'all_affine', 'far_shift'):
                    continue
                gen = ImageDataGenerator(fill_mode=mode, cval=17.0, interpolation_order=order, **extra)
                for key, x in images.items():
                    if cname.startswith('brightness') and key == 'rgba' and mode != 'nearest':
                        continue
                    if mode != 'nearest' and cname in ('flips', 'channel_shift') or (order == 0 and key == 'tiny'):
                        continue
                    y = gen.apply_transform(x.copy(), dict(params))
                    y = np.ascontiguousarray(y, dtype=np.float32)
                    fname = f'x_{len(doc["images"]):03d}.npy'
                    np.save(os.path.join(OUT, fname), y)
                    camel = jsonable({k: params.get(k) for k in params})
                    doc['images'].append({'input': f'in_{key}.npy', 'options': {'fillMode': mode, 'cval': 17, 'interpolationOrder': order},
                                          'params': camel, 'expect': fname, 'case': cname})

    # flow: 5 images, labels, batches of 2, shuffled with a seed, through a random generator.
    x = np.stack([images['rgb'], images['rgb'][::-1], images['rgb'][:, ::-1], images['rgb'] * 0.5, images['rgb'] + 10]).astype(np.float32)
    np.save(os.path.join(OUT, 'in_flow.npy'), x)
    y = [10, 11, 12, 13, 14]
    for fname_opts, kw, opts, shuffle in [
        ('tutorial', dict(rotation_range=30, width_shift_range=0.1, horizontal_flip=True, rescale=1 / 255.), dict(rotationRange=30, widthShiftRange=0.1, horizontalFlip=True, rescale=1 / 255.), True),
        ('plain', dict(), dict(), False),
    ]:
        it = ImageDataGenerator(**kw).flow(x, y, batch_size=2, shuffle=shuffle, seed=5)
        batches = []
        for b in range(5):
            bx, by = next(it)
            fname = f'flow_{fname_opts}_{b}.npy'
            np.save(os.path.join(OUT, fname), np.ascontiguousarray(bx, dtype=np.float32))
            batches.append({'x': fname, 'y': [int(v) for v in by]})
        doc['flow'].append({'options': opts, 'shuffle': shuffle, 'batchSize': 2, 'seed': 5, 'input': 'in_flow.npy', 'labels': y, 'batches': batches})

    doc['directories'] = directory_fixtures()

    with open(os.path.join(OUT, 'keras.json'), 'w') as f:
        f.write('{\n' + ',\n'.join(
            f'  {json.dumps(k)}: ' + ('[\n' + ',\n'.join('    ' + json.dumps(c) for c in v) + '\n  ]' if isinstance(v, list) else json.dumps(v))
            for k, v in doc.items()) + '\n}\n')
    size = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"{len(doc['params'])} parameter cases, {len(doc['images'])} images, {len(doc['flow'])} flows, {len(doc['directories'])} directory flows; {size // 1024} KB")



def directory_fixtures():
    """A small class-folder set (crops of the skimage photos as PNG and JPEG, a nested folder, an
    upper-case extension, a file Keras skips) and what flow_from_directory makes of it."""
    from PIL import Image
    root = os.path.join(HERE, '..', 'fixtures', 'keras-folders')
    import shutil
    shutil.rmtree(root, ignore_errors=True)
    chelsea, coffee, astronaut, camera = photos()
    rng = np.random.default_rng(5)
    layout = {
        'cat': [('c1.png', chelsea[40:88, 100:164]), ('c2.PNG', chelsea[120:150, 200:240]), ('sub/c3.png', chelsea[0:37, 0:53])],
        'cup': [('k1.png', coffee[100:160, 200:280]), ('k2.jpg', coffee[0:40, 0:60]), ('k3.png', np.dstack([coffee[200:230, 300:340], camera[0:30, 0:40]]))],
        'space': [('a1.png', astronaut[0:50, 0:50]), ('a2.png', camera[100:140, 100:150])],
    }
    for cls, files in layout.items():
        for name, px in files:
            p = os.path.join(root, cls, name)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            mode = {2: 'L', 3: 'RGB', 4: 'RGBA'}[px.ndim if px.ndim == 2 else px.shape[2] if px.shape[2] != 3 else 3] if px.ndim == 3 else 'L'
            im = Image.fromarray(np.ascontiguousarray(px), mode)
            if name.endswith('.jpg'):
                im.save(p, quality=90)
            else:
                im.save(p)
    with open(os.path.join(root, 'cup', 'notes.txt'), 'w') as f:
        f.write('not an image: Keras skips it\n')
    cases = []
    for i, (kw, opts) in enumerate([
        (dict(target_size=(20, 24), class_mode='categorical', batch_size=3, seed=11),
         dict(targetSize=[20, 24], classMode='categorical', batchSize=3, seed=11)),
        (dict(target_size=(16, 16), color_mode='grayscale', class_mode='sparse', batch_size=4, seed=3, interpolation='bilinear'),
         dict(targetSize=[16, 16], colorMode='grayscale', classMode='sparse', batchSize=4, seed=3, interpolation='bilinear')),
        (dict(target_size=(18, 22), color_mode='rgba', class_mode='binary', classes=['space', 'cat'], batch_size=2, shuffle=False, interpolation='bicubic'),
         dict(targetSize=[18, 22], colorMode='rgba', classMode='binary', classes=['space', 'cat'], batchSize=2, shuffle=False, interpolation='bicubic')),
        (dict(target_size=(20, 20), class_mode=None, batch_size=5, seed=8, interpolation='lanczos'),
         dict(targetSize=[20, 20], classMode=None, batchSize=5, seed=8, interpolation='lanczos')),
    ]):
        gen_kw = dict(rotation_range=15, horizontal_flip=True, rescale=1 / 255.) if i % 2 == 0 else dict()
        gen_opts = dict(rotationRange=15, horizontalFlip=True, rescale=1 / 255.) if i % 2 == 0 else dict()
        it = ImageDataGenerator(**gen_kw).flow_from_directory(root, **kw)
        batches = []
        for b in range(3):
            out = next(it)
            bx, by = (out, None) if kw['class_mode'] is None else out
            fname = f'dir_{i}_{b}.npy'
            np.save(os.path.join(OUT, fname), np.ascontiguousarray(bx, dtype=np.float32))
            batches.append({'x': fname, 'y': None if by is None else np.asarray(by, dtype=np.float64).tolist()})
        cases.append({'generator': gen_opts, 'options': opts, 'classIndices': it.class_indices, 'filenames': [f.replace(os.sep, '/') for f in it.filenames],
                      'classes': [int(c) for c in it.classes], 'batches': batches})
    return cases


if __name__ == '__main__':
    main()
