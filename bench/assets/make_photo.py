#!/usr/bin/python3
"""Makes bench/assets/photo-1080p.jpg, the benchmark photo (run with Debian's python3):

    /usr/bin/python3 bench/assets/make_photo.py

Source: skimage.data.coffee() (600×400 RGB), "Coffee cup", photograph by Rachel Michetti,
courtesy of Pikolo Espresso Bar; scikit-image states: "No copyright restrictions. CC0 by the
photographer (Rachel Michetti)." See LICENSE-photo.txt.

Steps: centre-crop to exactly 16:9 (592×333, the largest 16k×9k box), upscale with cv2.resize
INTER_CUBIC to exactly 1920×1080, save as baseline JPEG quality 92 (Pillow defaults otherwise:
4:2:0 subsampling). Deterministic: the same bytes on every run with the same libraries.
"""
import os

import cv2
import numpy as np
import skimage.data
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
W, H = 1920, 1080

src = skimage.data.coffee()                  # 400×600×3 uint8, RGB
h, w = src.shape[:2]
k = min(w // 16, h // 9)                     # largest exact 16:9 box: 16k × 9k (k = 37: 592×333)
cw, ch = 16 * k, 9 * k
assert cw * 9 == ch * 16 and cw <= w and ch <= h
y0, x0 = (h - ch) // 2, (w - cw) // 2
crop = np.ascontiguousarray(src[y0:y0 + ch, x0:x0 + cw])
big = cv2.resize(crop, (W, H), interpolation=cv2.INTER_CUBIC)   # channel order is irrelevant here
assert big.shape == (H, W, 3) and big.dtype == np.uint8

out = os.path.join(HERE, 'photo-1080p.jpg')
Image.fromarray(big, 'RGB').save(out, format='JPEG', quality=92)
print(f'{out}: {W}×{H}, {os.path.getsize(out)} bytes (crop x={x0}..{x0 + cw}, y={y0}..{y0 + ch} of coffee())')
