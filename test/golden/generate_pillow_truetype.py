#!/usr/bin/python3
"""Reference renders for pixelarray/pillow's TrueType text (`loadFont` + `text`), drawn by Debian's
Pillow 9.4 (FreeType 2.12, basic layout engine) from small subsets of two Debian fonts.

    /usr/bin/python3 test/golden/generate_pillow_truetype.py

Needs python3-pil, python3-fonttools, fonts-dejavu-core and fonts-nanum. Writes
test/golden/fixtures-pillow/truetype/ (after deleting the old files there):

- DejaVuSans-subset.ttf, NanumGothic-subset.ttf: the glyphs of the test strings (plus .notdef,
  outline kept), with their hinting and `kern` table, cut by fontTools' subsetter from
  /usr/share/fonts/truetype/{dejavu/DejaVuSans.ttf, nanum/NanumGothic.ttf}. DejaVu fonts are
  under the Bitstream Vera licence and NanumGothic under the SIL Open Font License 1.1; both
  allow redistributing modified copies (the subsets keep the fonts' own names table, which
  carries the copyright and licence notices).
- cases.json: one case per line, `{"id", "font", "size", "mode", "canvas": [w, h], "background",
  "xy", "text", "options", "length", "metrics"}`; `length` is Pillow's `font.getlength(text)` per
  line and `metrics` `font.getmetrics()`; the expected canvas is `<id>.png` (8-bit, the mode's
  channels).
- Tiny-test.ttf: six glyphs drawn by tiny_font() below, for what the subsets lack (cmap format
  12, transformed and point-matched components, a contour of control points only).
- glyphs.json: every glyph of the three fonts at 12, 24 and 48 pixels rendered by FreeType itself
  (freetype-py, python3-freetype) *without* hinting (FT_LOAD_NO_HINTING | FT_LOAD_RENDER):
  `[font, size, glyph, bitmap_left, bitmap_top, width, rows, advance.x, sha1 of the rows]`,
  which pixelarray's unhinted rasteriser must match bit for bit.
- The canvases start as a flat `background` colour, or (background "pattern") as
  `(7·x + 13·y + 50·c + 11) mod 256`, as in generate_pillow_draw.py.

Pillow's rendering is FreeType's hinted one; pixelarray's is unhinted, so test/pillow/truetype.test.ts
compares within measured bounds rather than exactly (the metrics and lengths are exact).
"""
import hashlib
import json
import os
import shutil
import sys

import numpy as np
import PIL
from PIL import Image, ImageDraw, ImageFont
from fontTools import subset
from fontTools.ttLib import TTFont

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures-pillow', 'truetype')
SOURCES = {
    'DejaVuSans-subset.ttf': '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    'NanumGothic-subset.ttf': '/usr/share/fonts/truetype/nanum/NanumGothic.ttf',
}
MODES = {'L': 1, 'RGB': 3, 'RGBA': 4}

LATIN = 'Hello, World! 0123456789'
PANGRAM = 'The quick brown fox jumps over the lazy dog.'
KERNING = 'AVATAR To WAVE, Typography'
PUNCT = '#$%&*()[]{}<>?!@^~"\'/\\|;:_+=-'
ACCENTS = 'Café Ångström naïve'
KOREAN = '안녕하세요'
KOREAN2 = '안녕하세요, 세계! 123'
DOC_LATIN = 'Hello, pixelarray!'
DOC_KOREAN = '안녕하세요, 세계!'

# (font, size, mode, canvas, background, xy, text, options)
CASES = [
    ('DejaVuSans-subset.ttf', 12, 'L', (190, 20), 0, (3, 2), LATIN, {'fill': 255}),
    ('DejaVuSans-subset.ttf', 24, 'L', (370, 36), 0, (4, 3), LATIN, {'fill': 255}),
    ('DejaVuSans-subset.ttf', 48, 'L', (730, 64), 0, (5, 2), LATIN, {'fill': 255}),
    ('DejaVuSans-subset.ttf', 24, 'RGB', (600, 36), [20, 40, 80], (6, 4), PANGRAM, {'fill': [255, 200, 0]}),
    ('DejaVuSans-subset.ttf', 12, 'RGB', (300, 20), [255, 255, 255], (2, 3), PANGRAM, {'fill': [0, 0, 0]}),
    ('DejaVuSans-subset.ttf', 24, 'RGBA', (400, 36), [255, 255, 255, 255], (4, 4), KERNING, {'fill': [0, 0, 255, 128]}),
    ('DejaVuSans-subset.ttf', 48, 'RGBA', (720, 64), [0, 0, 0, 0], (3, 1), KERNING, {'fill': [200, 30, 60, 255]}),
    ('DejaVuSans-subset.ttf', 24, 'L', (420, 36), 30, (4, 4), PUNCT, {'fill': 220}),
    ('DejaVuSans-subset.ttf', 24, 'RGB', (300, 40), 'pattern', (5, 6), ACCENTS, {'fill': [255, 255, 255]}),
    ('DejaVuSans-subset.ttf', 24, 'L', (110, 36), 0, (4, 4), 'A\u2603B\u4e00', {'fill': 255}),
    ('DejaVuSans-subset.ttf', 24, 'L', (230, 100), 0, (6, 4), 'Line one\nLine two, longer\nend', {'fill': 255, 'align': 'center'}),
    ('DejaVuSans-subset.ttf', 24, 'L', (230, 100), 0, (6.75, 4.5), 'Line one\nend', {'fill': 255, 'align': 'right', 'spacing': 7}),
    ('DejaVuSans-subset.ttf', 24, 'L', (200, 36), 0, (10.5, 7.25), 'Hello, World!', {'fill': 255}),
    ('DejaVuSans-subset.ttf', 24, 'RGBA', (150, 30), 'pattern', (-9, -6), 'Hello, World!', {'fill': [10, 250, 10, 200]}),
    ('DejaVuSans-subset.ttf', 24, 'L', (20, 20), 0, (4, 4), '', {'fill': 255}),
    ('NanumGothic-subset.ttf', 12, 'L', (80, 20), 0, (3, 2), KOREAN, {'fill': 255}),
    ('NanumGothic-subset.ttf', 24, 'L', (140, 36), 0, (4, 3), KOREAN, {'fill': 255}),
    ('NanumGothic-subset.ttf', 48, 'L', (260, 64), 0, (5, 2), KOREAN, {'fill': 255}),
    ('NanumGothic-subset.ttf', 24, 'RGB', (300, 36), [250, 245, 230], (4, 4), KOREAN2, {'fill': [30, 30, 120]}),
    ('NanumGothic-subset.ttf', 24, 'RGBA', (300, 36), [0, 0, 0, 0], (4, 4), KOREAN2, {'fill': [255, 255, 255, 255]}),
    # the picture of docs/pillow.md (scripts/make-doc-images.mjs puts pixelarray's beside it)
    ('DejaVuSans-subset.ttf', 32, 'RGB', (320, 48), [255, 255, 255], (8, 6), DOC_LATIN, {'fill': [20, 20, 20]}),
    ('NanumGothic-subset.ttf', 32, 'RGB', (320, 48), [255, 255, 255], (8, 6), DOC_KOREAN, {'fill': [20, 20, 20]}),
]


def tiny_font(dst):
    """A 6-glyph font made here (public domain): cmap format 12 with a non-BMP character, a
    composite with a 2×2 transform and one placed by point matching, a contour starting on a
    control point."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib.tables._g_l_y_f import GlyphComponent, Glyph
    fb = FontBuilder(1000, isTTF=True)
    order = ['.notdef', 'square', 'ring', 'turned', 'matched', 'blob']
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({0x41: 'square', 0x42: 'ring', 0x43: 'turned', 0x44: 'matched', 0x1F600: 'blob'})
    def draw(f):
        pen = TTGlyphPen(None)
        f(pen)
        return pen.glyph()
    def box(pen, x0, y0, x1, y1):
        pen.moveTo((x0, y0)); pen.lineTo((x0, y1)); pen.lineTo((x1, y1)); pen.lineTo((x1, y0)); pen.closePath()
    def ring(pen):
        pen.moveTo((100, 350)); pen.qCurveTo((100, 650), (400, 650)); pen.qCurveTo((700, 650), (700, 350))
        pen.qCurveTo((700, 50), (400, 50)); pen.qCurveTo((100, 50), (100, 350)); pen.closePath()
        pen.moveTo((250, 350)); pen.qCurveTo((250, 180), (400, 180)); pen.qCurveTo((550, 180), (550, 350))
        pen.qCurveTo((550, 520), (400, 520)); pen.qCurveTo((250, 520), (250, 350)); pen.closePath()
    def blob(pen):
        pen.qCurveTo((100, 0), (700, 0), (750, 400), (400, 720), (50, 500), None)  # all off-curve points
        pen.closePath()
    glyphs = {'.notdef': draw(lambda p: box(p, 50, 0, 450, 700)), 'square': draw(lambda p: box(p, 80, 0, 520, 600)),
              'ring': draw(ring), 'blob': draw(blob)}
    turned = Glyph(); turned.numberOfContours = -1
    c = GlyphComponent(); c.glyphName = 'ring'; c.x, c.y = 60, 40; c.flags = 0  # no ROUND_XY_TO_GRID: FreeType rounds only when hinting
    c.transform = [[0.8, 0.3], [-0.25, 0.9]]
    turned.components = [c]
    matched = Glyph(); matched.numberOfContours = -1
    c1 = GlyphComponent(); c1.glyphName = 'square'; c1.x, c1.y = 0, 0; c1.flags = 0x4
    c2 = GlyphComponent(); c2.glyphName = 'square'; c2.firstPt, c2.secondPt = 2, 0; c2.flags = 0  # its point 0 on point 2 of the first
    matched.components = [c1, c2]
    glyphs['turned'] = turned
    glyphs['matched'] = matched
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({n: (800, 50) for n in order})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    fb.setupNameTable({'familyName': 'PixelarrayTiny', 'styleName': 'Regular'})
    fb.setupPost()
    fb.setupMaxp()
    glyf = fb.font['glyf']
    for n in order:
        glyf[n].recalcBounds(glyf)
    fb.font['hmtx'].metrics.update({n: (800, glyf[n].xMin if hasattr(glyf[n], 'xMin') else 0) for n in order})
    fb.save(dst)


def subset_font(src, dst, text):
    options = subset.Options()
    options.notdef_outline = True  # FreeType draws .notdef for a missing character
    options.layout_features = []
    options.legacy_kern = True  # Pillow's basic layout kerns with the 'kern' table only
    options.drop_tables += ['GSUB', 'GPOS', 'GDEF', 'MATH', 'FFTM', 'TSI0', 'TSI1', 'TSI2', 'TSI3', 'TSI5', 'gasp']
    options.name_IDs = ['*']  # keep the copyright and licence records
    options.glyph_names = False
    font = subset.load_font(src, options)
    sub = subset.Subsetter(options)
    sub.populate(text=text)
    sub.subset(font)
    subset.save_font(font, dst, options)


def background(mode, w, h, bg):
    c = MODES[mode]
    if bg == 'pattern':
        y, x, k = np.meshgrid(np.arange(h), np.arange(w), np.arange(c), indexing='ij')
        a = ((7 * x + 13 * y + 50 * k + 11) % 256).astype(np.uint8)
        return Image.fromarray(a[:, :, 0] if c == 1 else a, mode)
    return Image.new(mode, (w, h), bg if isinstance(bg, int) else tuple(bg))


def unhinted_glyphs():
    import freetype
    assert freetype.version() == (2, 12, 1), freetype.version()
    out = []
    for name in [*SOURCES, 'Tiny-test.ttf']:
        face = freetype.Face(os.path.join(OUT, name))
        for size in (12, 24, 48):
            face.set_pixel_sizes(0, size)
            for gid in range(face.num_glyphs):
                face.load_glyph(gid, freetype.FT_LOAD_NO_HINTING | freetype.FT_LOAD_RENDER)
                slot, bm = face.glyph, face.glyph.bitmap
                buf = bytes(bm.buffer)
                rows = b''.join(buf[y * bm.pitch:y * bm.pitch + bm.width] for y in range(bm.rows))
                out.append([name, size, gid, slot.bitmap_left, slot.bitmap_top, bm.width, bm.rows, slot.advance.x,
                            hashlib.sha1(rows).hexdigest()])
    return out


def main():
    assert PIL.__version__ == '9.4.0', PIL.__version__
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    for name, src in SOURCES.items():
        text = ''.join(c[6] for c in CASES if c[0] == name).replace('\n', '')
        text = text.replace('\u2603', '').replace('\u4e00', '')  # kept out: they test .notdef
        subset_font(src, os.path.join(OUT, name), text)
    tiny_font(os.path.join(OUT, 'Tiny-test.ttf'))
    dejavu = TTFont(os.path.join(OUT, 'DejaVuSans-subset.ttf'))
    glyf = dejavu['glyf']
    assert any(glyf[g].isComposite() for g in dejavu.getGlyphOrder()), 'no composite glyph in the DejaVu subset'
    assert 'kern' in dejavu, 'the DejaVu subset lost its kern table'
    lines = []
    for i, (fname, size, mode, canvas, bg, xy, text, options) in enumerate(CASES):
        font = ImageFont.truetype(os.path.join(OUT, fname), size, layout_engine=ImageFont.Layout.BASIC)
        im = background(mode, *canvas, bg)
        o = {k: tuple(v) if isinstance(v, list) else v for k, v in options.items()}
        ImageDraw.Draw(im).text(xy, text, font=font, **o)
        cid = f'{i + 1:02d}'
        im.save(os.path.join(OUT, f'{cid}.png'))
        lines.append(json.dumps({
            'id': cid, 'font': fname, 'size': size, 'mode': mode, 'canvas': list(canvas), 'background': bg,
            'xy': list(xy), 'text': text, 'options': options,
            'length': [font.getlength(line) for line in text.split('\n')], 'metrics': list(font.getmetrics()),
        }, ensure_ascii=False))
    glyphs = unhinted_glyphs()
    with open(os.path.join(OUT, 'glyphs.json'), 'w', encoding='utf-8') as f:
        f.write('[\n' + ',\n'.join(json.dumps(g) for g in glyphs) + '\n]\n')
    with open(os.path.join(OUT, 'cases.json'), 'w', encoding='utf-8') as f:
        f.write('[\n' + ',\n'.join(lines) + '\n]\n')
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    print(f'{len(CASES)} cases, {total} bytes in {os.path.relpath(OUT)}', file=sys.stderr)


if __name__ == '__main__':
    main()
