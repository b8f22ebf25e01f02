"""Plumbing shared by the golden generators (generate*.py): the fixture store (input images, expected
outputs de-duplicated by content), clearing a fixture folder, and the manifest format (one input and
one case per line, so that regenerating shows small diffs). See README.md beside this file."""
import hashlib
import json
import os

import numpy as np
import skimage.data


def as3(a):
    """The H×W×C view pixelarray sees (a 2-D array is H×W×1)."""
    return a if a.ndim == 3 else a[:, :, None]


def as2(a):
    """Single-channel images as 2-D (what cv2 and Pillow mode 'L' expect)."""
    return a[:, :, 0] if a.ndim == 3 and a.shape[2] == 1 else a


def channels_of(a):
    """Channel count of an image (2-D: 1)."""
    return 1 if a.ndim == 2 else a.shape[2]


def checked_image(a):
    """`a` as a contiguous uint8 image (2-D or H×W×C), the only kind of expected output an image case has."""
    a = np.asarray(a)
    assert a.dtype == np.uint8, a.dtype
    assert a.ndim in (2, 3), a.shape
    return np.ascontiguousarray(a)


def run_twice(fn, arrays):
    """fn(*copies of arrays), twice: checks that the reference leaves its inputs untouched and gives
    the same result both times (an array, a list of arrays, or a float); returns it."""
    results = []
    for _ in range(2):
        copies = [a.copy() for a in arrays]
        r = fn(*copies)
        for before, after in zip(arrays, copies):
            assert np.array_equal(before, after), 'reference mutated an input'
        results.append(r if isinstance(r, (list, tuple, float)) else np.asarray(r))
    r0, r1 = results
    if isinstance(r0, float):
        assert r0 == r1 or (np.isnan(r0) and np.isnan(r1)), 'reference is not deterministic'
    elif isinstance(r0, (list, tuple)):
        assert len(r0) == len(r1) and all(x.shape == y.shape and np.array_equal(x, y) for x, y in zip(r0, r1))
    else:
        assert r0.shape == r1.shape and np.array_equal(r0, r1), 'reference is not deterministic'
    return r0


def photos():
    """The real photos the inputs are cut from (scikit-image's data): chelsea 300×451×3 (CC0, Stefan
    van der Walt), coffee 400×600×3 (CC0, Rachel Michetti), astronaut 512×512×3 (public domain,
    NASA), camera 512×512 gray (CC0, Lav Varshney)."""
    return skimage.data.chelsea(), skimage.data.coffee(), skimage.data.astronaut(), skimage.data.camera()


def content_key(arr):
    """Identity of a stored array: dtype, shape and bytes, a 2-D uint8 image being H×W×1 (as
    pixelarray sees it)."""
    a = np.ascontiguousarray(arr)
    if a.dtype == np.uint8 and a.ndim == 2:
        a = a[:, :, None]
    return (a.dtype.str, a.shape, hashlib.sha256(a.tobytes()).hexdigest())


def clear_fixtures(out, suffixes=('.npy',), names=('manifest.json',)):
    """Creates `out` and deletes the files a generator writes there, so that stale cases go away."""
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        if f.endswith(tuple(suffixes)) or f in names:
            os.remove(os.path.join(out, f))


def manifest_text(obj):
    """`obj` as JSON with each input and each case on a line of its own; its other keys (before
    'inputs' and 'cases') first, in order. Checked to read back equal."""
    lines = ['{']
    lines += [f'{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},' for k, v in obj.items() if k not in ('inputs', 'cases')]
    lines.append('"inputs": {')
    items = list(obj['inputs'].items())
    lines += [f'  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}' + (',' if i < len(items) - 1 else '')
              for i, (k, v) in enumerate(items)]
    lines += ['},', '"cases": [']
    cases = obj['cases']
    lines += ['  ' + json.dumps(c, ensure_ascii=False) + (',' if i < len(cases) - 1 else '') for i, c in enumerate(cases)]
    lines += [']', '}']
    text = '\n'.join(lines) + '\n'
    assert json.loads(text) == obj
    return text


def folder_size(out):
    return sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))


class Fixtures:
    """The arrays of one fixture folder: input images (`in_<name>.npy`, each registered once, or
    again with the same pixels when `repeat_inputs`) and expected outputs, each stored once: an
    output whose content is already stored (an input, an earlier output) names that file."""

    def __init__(self, out, repeat_inputs=False):
        self.out = out
        self.repeat_inputs = repeat_inputs
        self.inputs = {}      # file name -> array (as stored)
        self.notes = {}       # file name -> provenance
        self.by_content = {}  # content_key -> the file that holds that content

    def add_input(self, name, arr, note):
        """Registers an input image; returns its {"$img": file} argument."""
        arr = np.ascontiguousarray(arr)
        assert arr.dtype == np.uint8 and arr.ndim in (2, 3), (name, arr.dtype, arr.shape)
        fname = f'in_{name}.npy'
        if fname in self.inputs:
            assert self.repeat_inputs, f'{fname} registered twice'
            assert np.array_equal(self.inputs[fname], arr), f'{fname} registered twice with different data'
        else:
            self.register(fname, arr, note)
        return {'$img': fname}

    def register(self, fname, arr, note):
        """Adds an input array of any kind (e.g. a float32 histogram) under `fname`, once."""
        assert fname not in self.inputs, f'{fname} registered twice'
        self.inputs[fname] = arr
        self.notes[fname] = note
        self.by_content.setdefault(content_key(arr), fname)

    def save_image(self, arr, fname):
        """`save_expect` for an expected uint8 image (checked to be one)."""
        return self.save_expect(checked_image(arr), fname)

    def img(self, ref):
        """The stored array behind an {"$img": file} argument (a fresh copy)."""
        return self.inputs[ref['$img']].copy()

    def save_expect(self, arr, fname):
        """Saves an expected output unless the same content is stored already; returns the file name."""
        arr = np.ascontiguousarray(arr)
        key = content_key(arr)
        if key in self.by_content:
            return self.by_content[key]
        np.save(os.path.join(self.out, fname), arr, allow_pickle=False)
        self.by_content[key] = fname
        return fname

    def write(self, set_name, generator, cases, extra=None):
        """Writes the inputs and manifest.json ({set, generator, **extra, inputs, cases})."""
        for fname, arr in sorted(self.inputs.items()):
            np.save(os.path.join(self.out, fname), arr, allow_pickle=False)
        manifest = {'set': set_name, 'generator': generator, **(extra or {}),
                    'inputs': {k: self.notes[k] for k in sorted(self.notes)}, 'cases': cases}
        with open(os.path.join(self.out, 'manifest.json'), 'w', encoding='utf-8') as f:
            f.write(manifest_text(manifest))
