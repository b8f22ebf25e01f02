import { readFileSync, writeFileSync } from 'node:fs';
import { addSaturate, addModulo, roll, split, merge, crop, flip, clone } from 'pixelarray';
import { decodeImage, encodePng } from 'pixelarray/codecs';

const img = decodeImage(readFileSync('photo.jpg'));   // H×W×3 RGB, like Pillow
const brighter = addSaturate(img, 60);                 // cv2.add: clamps at 255
const wrapped = addModulo(img, 60);                    // NumPy uint8: wraps around
const shifted = roll(img, 50, 1);                      // np.roll along the columns
const [r, g, b] = split(img);
const bgr = merge([b, g, r]);                          // RGB → BGR
const face = crop(img, [20, 50, 150, 150]);            // Pillow box; a view, no copy
const mirrored = clone(flip(img, 1));                  // flip is a view; clone materialises it
writeFileSync('brighter.png', encodePng(brighter));
console.log(img.shape, wrapped.shape, shifted.shape, bgr.shape, face.shape, mirrored.shape);
