import { fromCanvas, toCanvas, cvtColor, gaussianBlur } from 'pixelarray';

const canvas = document.querySelector('canvas');
const img = cvtColor(fromCanvas(canvas), 'RGBA2RGB');  // H×W×3
toCanvas(gaussianBlur(img, 2), canvas);                 // resizes the canvas to the result
