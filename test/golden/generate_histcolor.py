#!/usr/bin/python3
"""Golden fixtures for pixelarray's histograms and colour functions, computed by OpenCV 4.6.

Run with Debian's python3, which has numpy, cv2 (OpenCV 4.6) and skimage:

    /usr/bin/python3 test/golden/generate_histcolor.py

Writes test/golden/fixtures/histcolor/manifest.json and the .npy files it names (in_*.npy inputs,
h_*.npy float32 histogram inputs, x*.npy expected outputs), in the format of
test/golden/fixtures/manifest.json (see test/golden/README.md). Every old .npy in that folder is
deleted first. Covers calcHist, normalizeHist, compareHist, cvtColor and inRange.

Rules kept throughout:
- every expected value comes from a cv2 call (the `ref` string of its case);
- each reference runs twice on fresh copies of its inputs: identical results, inputs untouched;
- images are H×W×C uint8 (2-D means H×W×1); histograms are float32 1-D arrays (C order);
- pixelarray takes a number bound of inRange as every channel, where cv2 takes a Python number as
  Scalar(v, 0, 0, 0): those cases call cv2 with the number repeated per channel.
"""
import os
import sys

import cv2
import numpy as np
import skimage
import skimage.data

from golden_common import Fixtures, as2, channels_of, clear_fixtures, folder_size, photos, run_twice

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures', 'histcolor')

EXACT = {'kind': 'exact'}
MAXABS1 = {'kind': 'maxabs', 'value': 1}
REL = {'kind': 'rel', 'value': 1e-6, 'abs': 1e-9}

fx = Fixtures(OUT)
inputs, add_input, save_expect = fx.inputs, fx.add_input, fx.save_expect
cases = []

if cv2.__version__ != '4.6.0':
    print(f'warning: made for OpenCV 4.6.0; running with OpenCV {cv2.__version__}', file=sys.stderr)

clear_fixtures(OUT)


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

def add_hist(name, arr, note):
    """Registers a float32 histogram input; returns its {"$f32": file} argument."""
    fname = f'h_{name}.npy'
    fx.register(fname, np.ascontiguousarray(arr, dtype=np.float32).ravel(), note)
    return {'$f32': fname}


def arr_of(ref):
    """The stored array behind an {"$img"} / {"$f32"} argument (a fresh copy)."""
    return inputs[ref.get('$img') or ref['$f32']].copy()


def case(call, args, fn, arrays, ref, tol=EXACT, tag=''):
    """fn(*arrays) -> expected (uint8 image, float32 array or Python float)."""
    n = len(cases) + 1
    cid = f'{n:04d}_{call}' + (f'_{tag}' if tag else '')
    out = run_twice(fn, arrays)
    if isinstance(out, float):
        assert np.isfinite(out), (cid, out)
        expect = out
    else:
        out = np.ascontiguousarray(out)
        if out.dtype == np.float32:
            out = out.ravel()
        else:
            assert out.dtype == np.uint8 and out.ndim in (2, 3), (out.dtype, out.shape)
        expect = save_expect(out, f'x{n:04d}.npy')
    cases.append({'id': cid, 'call': call, 'args': args, 'expect': expect, 'ref': ref, 'tol': tol})


# --------------------------------------------------------------------------------------------
# inputs
# --------------------------------------------------------------------------------------------

chelsea, coffee, astronaut, camera = photos()
rng = np.random.default_rng(20240612)


def noise(shape):
    return rng.integers(0, 256, size=shape, dtype=np.uint8)


CH = add_input('chelsea_48x64', chelsea[110:158, 200:264], 'skimage.data.chelsea()[110:158, 200:264]')
CO = add_input('coffee_61x97', coffee[150:211, 260:357], 'skimage.data.coffee()[150:211, 260:357]')
AS = add_input('astronaut_37x45', astronaut[180:217, 220:265], 'skimage.data.astronaut()[180:217, 220:265]')
AS2 = add_input('astronaut_20x33', astronaut[60:80, 300:333], 'skimage.data.astronaut()[60:80, 300:333]')
CAM = add_input('camera_61x97', camera[120:181, 200:297], 'skimage.data.camera()[120:181, 200:297] (2-D)')
rgba = np.dstack([coffee[40:77, 100:153], camera[300:337, 100:153]])
RGBA = add_input('rgba_37x53', rgba, 'skimage.data.coffee()[40:77, 100:153] with alpha skimage.data.camera()[300:337, 100:153]')
# every byte value once (16×16), and every value of two channels (256×256 pairs would be big: 64×64 noise)
RAMP = add_input('ramp_16x16', np.arange(256, dtype=np.uint8).reshape(16, 16), 'np.arange(256).reshape(16, 16) (2-D)')
ramp3 = np.dstack([np.arange(256, dtype=np.uint8).reshape(16, 16),
                   np.arange(256, dtype=np.uint8)[::-1].reshape(16, 16),
                   (np.arange(256) * 7 % 256).astype(np.uint8).reshape(16, 16)])
RAMP3 = add_input('ramp3_16x16', ramp3, 'channels arange(256), reversed, and 7·i mod 256, as 16×16×3')
TINY = {}
for shape in [(1, 1, 1), (1, 7, 3), (7, 1, 3), (3, 5, 4), (13, 17, 3), (5, 40, 3), (2, 65, 3), (9, 31, 1)]:
    name = 't' + 'x'.join(map(str, shape))
    arr = noise(shape)
    TINY[shape] = add_input(name, arr[:, :, 0] if shape[2] == 1 else arr, f'numpy.random.default_rng(20240612) noise {shape}' + (' (2-D)' if shape[2] == 1 else ''))
NOISE = add_input('noise_24x40', noise((24, 40, 3)), 'numpy.random.default_rng(20240612) noise (24, 40, 3)')


def mask_from(gray, thresh, note):
    m = np.where(gray > thresh, gray, 0).astype(np.uint8)  # 0 and assorted nonzero values
    return add_input(note, m, f'camera crop where > {thresh}, kept as is (0 elsewhere; nonzero values vary) (2-D)')


M_CH = mask_from(camera[200:248, 250:314], 100, 'mask_48x64')
M_CO = mask_from(camera[10:71, 10:107], 128, 'mask_61x97')
M_RGBA = mask_from(camera[400:437, 300:353], 60, 'mask_37x53')
M_ZERO = add_input('mask0_48x64', np.zeros((48, 64), np.uint8), 'all zero (2-D)')
M_T = mask_from(camera[0:13, 0:17] ^ noise((13, 17, 1))[:, :, 0], 127, 'mask_13x17')


# --------------------------------------------------------------------------------------------
# calcHist
# --------------------------------------------------------------------------------------------

def calc_case(a_ref, channels=None, bins=None, ranges=None, mask_ref=None, tag='', flat_ranges=False, bins_number=False):
    opts = {}
    ch = channels if channels is not None else [0]
    bn = bins if bins is not None else [256] * len(ch)
    rg = ranges if ranges is not None else [[0, 256]] * len(ch)
    if channels is not None:
        opts['channels'] = channels
    if bins is not None:
        opts['bins'] = bins[0] if bins_number else bins
    if ranges is not None:
        opts['ranges'] = [v for r in ranges for v in r] if flat_ranges else ranges
    if mask_ref is not None:
        opts['mask'] = mask_ref
    args = [a_ref] + ([opts] if opts else [])
    flat = [float(v) for r in rg for v in r]
    arrays = [arr_of(a_ref)] + ([arr_of(mask_ref)] if mask_ref is not None else [])

    def fn(a, m=None):
        return cv2.calcHist([a], list(ch), None if m is None else as2(m), list(bn), flat).astype(np.float32)
    ref = f'cv2.calcHist([a], {ch}, {"mask" if mask_ref is not None else "None"}, {bn}, {flat}).ravel()'
    case('calcHist', args, fn, arrays, ref, EXACT, tag)


calc_case(CH, tag='defaults')
calc_case(CAM, tag='gray_defaults')
calc_case(CO, [1], [256], [[0, 256]])
calc_case(CO, [2], [7], [[0, 256]], tag='7bins')
calc_case(CH, [0], [30], [[0, 256]], tag='30bins')
calc_case(AS, [1], [100], [[0, 256]], tag='100bins')
calc_case(CO, [0], [10], [[20, 200]], tag='range20_200')
calc_case(CO, [2], [13], [[0.5, 255.5]], tag='fractional_range')
calc_case(CH, [1], [9], [[-10, 300]], tag='wide_range')
calc_case(CH, [1], [1], [[0, 256]], tag='1bin')
calc_case(CAM, [0], [300], [[0, 256]], tag='more_bins_than_values')
for bins in (3, 7, 30, 100, 255, 256):
    for rng_ in ([0, 256], [0, 255], [1, 255], [0, 100.5], [17.25, 190]):
        calc_case(RAMP, [0], [bins], [rng_], tag=f'ramp_{bins}')
calc_case(CH, [0], [256], [[0, 256]], M_CH, tag='mask')
calc_case(CO, [1], [7], [[0, 256]], M_CO, tag='mask_7bins')
calc_case(CH, [2], [16], [[0, 256]], M_ZERO, tag='mask_all_zero')
calc_case(CO, [0, 1], [8, 4], [[0, 256], [0, 256]], tag='2d')
calc_case(CO, [0, 1], [8, 4], [[0, 256], [0, 256]], M_CO, tag='2d_mask')
calc_case(CH, [2, 0], [30, 32], [[0, 180], [0, 256]], tag='2d_ranges', flat_ranges=True)
calc_case(RAMP3, [0, 1], [7, 5], [[0, 256], [10, 250]], tag='2d_ramp')
calc_case(CH, [0, 1, 2], [8, 8, 8], [[0, 256]] * 3, tag='3d')
calc_case(CH, [0, 1, 2], [8, 8, 8], [[0, 256]] * 3, M_CH, tag='3d_mask')
calc_case(AS, [2, 0, 2], [5, 3, 4], [[0, 256], [30, 220], [0, 128]], tag='3d_repeated_channel')
calc_case(RAMP3, [0, 1, 2], [7, 7, 7], [[0, 256], [0, 256], [0, 256]], tag='3d_ramp', bins_number=True)
calc_case(RGBA, [3], [16], [[0, 256]], tag='alpha')
calc_case(RGBA, [0, 1, 2, 3], [2, 3, 2, 3], [[0, 256]] * 4, tag='4d')
calc_case(RGBA, [3, 1, 0, 2], [2, 3, 2, 3], [[0, 256]] * 4, M_RGBA, tag='4d_mask')
calc_case(TINY[(1, 1, 1)])
calc_case(TINY[(1, 7, 3)], [2], [5], [[0, 256]])
calc_case(TINY[(7, 1, 3)], [1, 2], [3, 3], [[0, 256], [0, 256]])
calc_case(TINY[(3, 5, 4)], [3], [256], [[0, 256]])
calc_case(TINY[(13, 17, 3)], [0], [256], [[0, 256]], M_T, tag='mask')
calc_case(TINY[(13, 17, 3)], [0, 1, 2], [4, 4, 4], [[0, 256]] * 3, M_T, tag='3d_mask')

# --------------------------------------------------------------------------------------------
# normalizeHist
# --------------------------------------------------------------------------------------------

NORMS = {'l1': cv2.NORM_L1, 'l2': cv2.NORM_L2, 'inf': cv2.NORM_INF, 'minmax': cv2.NORM_MINMAX}
hc = cv2.calcHist([inputs[CH['$img']]], [0], None, [256], [0, 256])
HC = add_hist('chelsea_r256', hc, 'cv2.calcHist of in_chelsea_48x64.npy channel 0, 256 bins')
ha = cv2.calcHist([inputs[AS['$img']]], [0], None, [256], [0, 256])
HA = add_hist('astronaut_r256', ha, 'cv2.calcHist of in_astronaut_37x45.npy channel 0, 256 bins')
h3 = cv2.calcHist([inputs[CO['$img']]], [0, 1, 2], None, [8, 8, 8], [0, 256] * 3)
H3 = add_hist('coffee_rgb512', h3, 'cv2.calcHist of in_coffee_61x97.npy, 8×8×8 bins (flattened)')
h3b = cv2.calcHist([inputs[CH['$img']]], [0, 1, 2], None, [8, 8, 8], [0, 256] * 3)
H3B = add_hist('chelsea_rgb512', h3b, 'cv2.calcHist of in_chelsea_48x64.npy, 8×8×8 bins (flattened)')
HR = add_hist('random_61', (rng.random(61) * 1000).astype(np.float32), 'rng.random(61)·1000 as float32')
HR2 = add_hist('random_61b', (rng.random(61) * 1000).astype(np.float32), 'rng.random(61)·1000 as float32 (another draw)')
hs = (rng.standard_normal(30) * 50).astype(np.float32)
HS = add_hist('signed_30', hs, 'rng.standard_normal(30)·50 as float32 (negative values)')
HZ = add_hist('zeros_16', np.zeros(16, np.float32), 'zeros(16)')
HK = add_hist('const_9', np.full(9, 3.5, np.float32), 'full(9, 3.5)')
H1 = add_hist('one_1', np.array([7], np.float32), '[7]')
hsp = np.zeros(7, np.float32)
hsp[[1, 4]] = [3, 5]
HSP = add_hist('sparse_7', hsp, '[0, 3, 0, 0, 5, 0, 0]')
hsp2 = np.zeros(7, np.float32)
hsp2[[1, 2, 6]] = [1, 2, 4]
HSP2 = add_hist('sparse_7b', hsp2, '[0, 1, 2, 0, 0, 0, 4]')

# OpenCV's minmax scaling fuses multiply and add where its build dispatches AVX2 (this one does):
# probe that, so the fixtures claim exactness only where the rule is known.
probe = (np.arange(1, 200, dtype=np.float32) * np.float32(1.37)).astype(np.float32)
pmin, pmax = float(probe.min()), float(probe.max())
pscale = float(np.float32(255.0 / (pmax - pmin)))
pshift = float(np.float32(np.float32(0.0) - np.float32(pmin * pscale)))
fused = (probe.astype(np.float64) * pscale + pshift).astype(np.float32)
MINMAX_FUSED = np.array_equal(cv2.normalize(probe, None, 0, 255, cv2.NORM_MINMAX).ravel(), fused)
if not MINMAX_FUSED:
    print('warning: cv2.normalize NORM_MINMAX is not fused on this build; minmax cases get rel 1e-6', file=sys.stderr)


def norm_case(h_ref, norm, alpha, beta, tag=''):
    opts = {'norm': norm, 'alpha': alpha, 'beta': beta}

    def fn(h):
        return cv2.normalize(h, None, alpha, beta, NORMS[norm]).astype(np.float32)
    tol = EXACT if norm != 'minmax' or MINMAX_FUSED else REL
    case('normalizeHist', [h_ref, opts], fn, [arr_of(h_ref)],
         f'cv2.normalize(h, None, {alpha}, {beta}, cv2.NORM_{norm.upper()}).ravel()', tol, tag)


for h in (HC, H3, HR, HS):
    norm_case(h, 'l1', 1, 0)
    norm_case(h, 'l2', 1, 0)
    norm_case(h, 'inf', 1, 0)
    norm_case(h, 'minmax', 0, 255)
    norm_case(h, 'minmax', 0, 1)
norm_case(HC, 'l1', 100, 0)
norm_case(HC, 'l2', 2.5, 0)
norm_case(HR, 'inf', 255, 0)
norm_case(HR, 'minmax', 255, 0, 'reversed')
norm_case(HS, 'minmax', -1, 1)
norm_case(HS, 'minmax', 0.3, 17.75)
norm_case(HZ, 'l2', 1, 0, 'zero_norm')
norm_case(HZ, 'minmax', 0, 255, 'zero_range')
norm_case(HK, 'minmax', 10, 20, 'constant')
norm_case(H1, 'l1', 1, 0)
norm_case(HSP, 'l2', 1, 0)

# --------------------------------------------------------------------------------------------
# compareHist
# --------------------------------------------------------------------------------------------

METHODS = {'correl': cv2.HISTCMP_CORREL, 'chisqr': cv2.HISTCMP_CHISQR, 'intersect': cv2.HISTCMP_INTERSECT,
           'bhattacharyya': cv2.HISTCMP_BHATTACHARYYA, 'chisqr_alt': cv2.HISTCMP_CHISQR_ALT, 'kl_div': cv2.HISTCMP_KL_DIV}
hcn = cv2.normalize(hc, None, 1, 0, cv2.NORM_L1)
HCN = add_hist('chelsea_r256_l1', hcn, 'in h_chelsea_r256.npy normalized to L1 = 1 by cv2.normalize')
han = cv2.normalize(ha, None, 1, 0, cv2.NORM_L1)
HAN = add_hist('astronaut_r256_l1', han, 'h_astronaut_r256.npy normalized to L1 = 1 by cv2.normalize')
h3n = cv2.normalize(h3, None, 0, 1, cv2.NORM_MINMAX)
H3N = add_hist('coffee_rgb512_minmax', h3n, 'h_coffee_rgb512.npy normalized to 0..1 by cv2.normalize')
h3bn = cv2.normalize(h3b, None, 0, 1, cv2.NORM_MINMAX)
H3BN = add_hist('chelsea_rgb512_minmax', h3bn, 'h_chelsea_rgb512.npy normalized to 0..1 by cv2.normalize')
pairs = [(HC, HC, 'same'), (HC, HA, 'photos'), (HCN, HAN, 'photos_l1'), (HCN, HCN, 'same_l1'), (H3, H3B, 'rgb512'),
         (H3N, H3BN, 'rgb512_minmax'), (HR, HR2, 'random61'), (HSP, HSP2, 'sparse7'), (HSP2, HSP, 'sparse7_swapped'),
         (H1, H1, 'one'), (HK, HK, 'constant')]
for h1, h2, tag in pairs:
    for name, code in METHODS.items():
        def fn(a, b, code=code):
            return float(cv2.compareHist(a, b, code))
        case('compareHist', [h1, h2, name], fn, [arr_of(h1), arr_of(h2)], f'cv2.compareHist(h1, h2, cv2.HISTCMP_{name.upper()})', REL, tag)
# Negative values (not histograms, but valid float32 arrays): the methods that stay finite
# (bhattacharyya and kl_div take square roots and logarithms of products and ratios).
HSR = add_hist('signed_30_rev', hs[::-1], 'h_signed_30.npy reversed')
for name in ('correl', 'chisqr', 'intersect', 'chisqr_alt'):
    def fn(a, b, code=METHODS[name]):
        return float(cv2.compareHist(a, b, code))
    case('compareHist', [HS, HSR, name], fn, [arr_of(HS), arr_of(HSR)], f'cv2.compareHist(h1, h2, cv2.HISTCMP_{name.upper()})', REL, 'signed')

# --------------------------------------------------------------------------------------------
# cvtColor
# --------------------------------------------------------------------------------------------

# OpenCV's 8-bit HSV→RGB truncates inside its vector blocks and rounds in each row's tail; the
# blocks are 32 pixels where AVX2 is dispatched (pixelarray reproduces that). Probe it: a row of
# 32 pixels is truncated on such builds, a row of 31 rounded.
probe_px = np.array([[[1, 153, 25]]], np.uint8)  # a value where truncation and rounding differ
t32 = cv2.cvtColor(np.repeat(probe_px, 32, 1), cv2.COLOR_HSV2RGB)[0, 0]
t31 = cv2.cvtColor(np.repeat(probe_px, 31, 1), cv2.COLOR_HSV2RGB)[0, 0]
t64 = cv2.cvtColor(np.repeat(probe_px, 64, 1), cv2.COLOR_HSV2RGB)[0, 0]
HSV_BLOCK32 = not np.array_equal(t32, t31) and np.array_equal(t32, t64)
if not HSV_BLOCK32:
    print('warning: this OpenCV build does not use 32-pixel HSV→RGB blocks; those cases get maxabs 1', file=sys.stderr)

CODES = {name: getattr(cv2, 'COLOR_' + name) for name in
         ['RGB2GRAY', 'BGR2GRAY', 'RGB2BGR', 'BGR2RGB', 'RGB2HSV', 'BGR2HSV', 'HSV2RGB', 'HSV2BGR', 'GRAY2RGB', 'RGB2RGBA', 'RGBA2RGB']}


def cvt_case(a_ref, code, tag=''):
    tol = MAXABS1 if code.startswith('HSV2') and not HSV_BLOCK32 else EXACT

    def fn(a):
        return cv2.cvtColor(as2(a), CODES[code])
    case('cvtColor', [a_ref, code], fn, [arr_of(a_ref)], f'cv2.cvtColor(a, cv2.COLOR_{code})', tol, tag)


for a in (CH, CO, AS, NOISE, TINY[(1, 7, 3)], TINY[(7, 1, 3)], TINY[(13, 17, 3)], TINY[(5, 40, 3)], TINY[(2, 65, 3)], RAMP3):
    for code in ('RGB2GRAY', 'BGR2GRAY', 'RGB2BGR', 'BGR2RGB', 'RGB2HSV', 'BGR2HSV', 'RGB2RGBA'):
        cvt_case(a, code)
for a in (RGBA, TINY[(3, 5, 4)]):
    for code in ('RGB2GRAY', 'BGR2GRAY', 'RGB2BGR', 'BGR2RGB', 'RGB2HSV', 'BGR2HSV', 'RGB2RGBA', 'RGBA2RGB'):
        cvt_case(a, code, 'rgba')
cvt_case(CO, 'RGBA2RGB', '3ch_copy')
for a in (CAM, RAMP, TINY[(1, 1, 1)], TINY[(9, 31, 1)]):
    cvt_case(a, 'GRAY2RGB')
# HSV → RGB on real HSV images (from cv2 itself) and on noise (H up to 255, beyond 179)
for src_ref, name in ((CH, 'chelsea_48x64'), (CO, 'coffee_61x97'), (AS2, 'astronaut_20x33')):
    hsv = cv2.cvtColor(inputs[src_ref['$img']], cv2.COLOR_RGB2HSV)
    ref_ = add_input(f'hsv_{name}', hsv, f'cv2.cvtColor(in_{name}.npy, cv2.COLOR_RGB2HSV)')
    cvt_case(ref_, 'HSV2RGB')
    cvt_case(ref_, 'HSV2BGR')
for a in (NOISE, TINY[(1, 7, 3)], TINY[(13, 17, 3)], TINY[(5, 40, 3)], TINY[(2, 65, 3)], RAMP3):
    cvt_case(a, 'HSV2RGB', 'noise')
    cvt_case(a, 'HSV2BGR', 'noise')

# --------------------------------------------------------------------------------------------
# inRange
# --------------------------------------------------------------------------------------------

def inrange_case(a_ref, lower, upper, tag='', lower_img=None, upper_img=None):
    c = channels_of(inputs[a_ref['$img']])
    lo = lower_img if lower_img is not None else lower
    hi = upper_img if upper_img is not None else upper
    arrays = [arr_of(a_ref)] + ([arr_of(lower_img)] if lower_img is not None else []) + ([arr_of(upper_img)] if upper_img is not None else [])

    def cvb(v):  # pixelarray's number means every channel
        return tuple(float(x) for x in ([v] * c if isinstance(v, (int, float)) else v))

    def fn(a, *imgs):
        it = iter(imgs)
        l = as2(next(it)) if lower_img is not None else cvb(lower)
        u = as2(next(it)) if upper_img is not None else cvb(upper)
        return cv2.inRange(as2(a), l, u)
    ref = f'cv2.inRange(a, {"lower" if lower_img is not None else cvb(lower)}, {"upper" if upper_img is not None else cvb(upper)})'
    case('inRange', [a_ref, lo, hi], fn, arrays, ref, EXACT, tag)


HSV_CO = {'$img': 'in_hsv_coffee_61x97.npy'}
HSV_CH = {'$img': 'in_hsv_chelsea_48x64.npy'}
inrange_case(HSV_CO, [100, 50, 50], [130, 255, 255], 'blue')
inrange_case(HSV_CO, [0, 0, 0], [25, 255, 200], 'brown')
inrange_case(HSV_CH, [10, 60, 40], [40, 200, 255])
inrange_case(CH, 100, 200, 'number_bounds')
inrange_case(CO, [50.5, 60.5, 70.5], [120.5, 130.5, 141.5], 'half_bounds')
inrange_case(CO, [-20, 40, 0], [300, 180, 1000], 'out_of_range_bounds')
inrange_case(CO, [0, 200, 0], [255, 100, 255], 'empty_channel')
inrange_case(CO, [0, 0, 0], [255, 255, 255], 'everything')
inrange_case(CAM, 50, 120, 'gray')
inrange_case(CAM, [50.5], [119.5], 'gray_half')
inrange_case(RGBA, [20, 20, 20, 100], [200, 220, 240, 255], 'rgba')
inrange_case(TINY[(1, 1, 1)], 0, 255)
inrange_case(TINY[(1, 7, 3)], [30, 0, 0], [200, 255, 128])
inrange_case(TINY[(3, 5, 4)], 64, 192)
lo_img = add_input('lower_61x97', np.clip(inputs[CO['$img']].astype(int) - 30, 0, 255).astype(np.uint8) ^ noise((61, 97, 3)) & 7,
                   'clip(in_coffee_61x97 − 30) xor (noise & 7)')
hi_img = add_input('upper_61x97', np.clip(inputs[CO['$img']].astype(int) + 10, 0, 255).astype(np.uint8),
                   'clip(in_coffee_61x97 + 10)')
inrange_case(CO, None, None, 'image_bounds', lower_img=lo_img, upper_img=hi_img)

# --------------------------------------------------------------------------------------------
# write
# --------------------------------------------------------------------------------------------

fx.write('histcolor', f'test/golden/generate_histcolor.py: OpenCV {cv2.__version__}, NumPy {np.__version__}, '
         f'scikit-image {skimage.__version__} (photos); HSV2RGB 32-pixel blocks: {HSV_BLOCK32}, '
         f'minmax fused: {MINMAX_FUSED}', cases)
size = folder_size(OUT)
print(f'{len(cases)} cases, {len(inputs)} inputs, {size} bytes written to {OUT}')
