// CommonJS works too (Node ≥ 20.19 can require() an ES module):
const { zeros, addSaturate } = require('pixelarray');

console.log(addSaturate(zeros(2, 3, 3), 300).get(0, 0, 0)); // 255: saturated, as cv2.add
