#!/usr/bin/env node
// Writes the pictures in docs/images/ from the bundled photo with the built library
// (`npm run build` first): what the filters and colour ops do, at 320×180.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  blur, cvtColor, emboss, gaussianBlur, getRotationMatrix2D, inRange, medianBlur, resize, warpAffine,
} from '../dist/index.js';
import { decodeJpeg, encodePng } from '../dist/codecs/index.js';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'docs/images');
mkdirSync(out, { recursive: true });
const photo = resize(decodeJpeg(readFileSync(resolve(root, 'bench/assets/photo-1080p.jpg'))), 320, 180, { interpolation: 'area' });
const save = (name, img) => writeFileSync(resolve(out, name), encodePng(img));

save('photo.png', photo);
save('emboss.png', emboss(photo));
save('gaussian-blur-3.png', gaussianBlur(photo, 3));
save('box-blur-9.png', blur(photo, 9));
save('median-blur-7.png', medianBlur(photo, 7));
const mask = inRange(cvtColor(photo, 'RGB2HSV'), [5, 80, 60], [25, 255, 255]); // browns and oranges
save('inrange-mask.png', mask);
save('rotate-15.png', warpAffine(photo, getRotationMatrix2D([160, 90], 15, 1), 320, 180));
save('gray.png', cvtColor(photo, 'RGB2GRAY'));
console.log(`wrote the pictures to ${out}`);
