import { zeros } from 'pixelarray';
import { toFloat32, toBatch, fromFloat32 } from 'pixelarray/ml';

const img = zeros(4, 6, 3);
const x = toFloat32(img);                       // exactly img.astype(np.float32) / 255, shape [h, w, c]
const batch = toBatch([img, img], { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
const back = fromFloat32(x.data, x.shape);      // np.clip(np.rint(x * 255), 0, 255).astype(np.uint8)
console.log(x.shape, batch.shape, back.shape);  // [4, 6, 3] [2, 4, 6, 3] [4, 6, 3]
