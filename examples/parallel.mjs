import { zeros, gaussianBlur } from 'pixelarray';
import { createPool } from 'pixelarray/parallel';

const img = zeros(1080, 1920, 3);
const pool = createPool({ threads: 2 });   // default: os.availableParallelism()
const out = pool.gaussianBlur(img, 3);     // = gaussianBlur(img, 3), byte for byte, ~1.9× faster on 2 cores
console.log(out.shape, gaussianBlur(img, 3).shape);
pool.close();
