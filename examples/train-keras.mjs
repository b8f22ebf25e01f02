// Trains a tiny classifier with TensorFlow.js on a folder of class subfolders, fed by Keras'
// ImageDataGenerator semantics (pixelarray/ml): the same augmented batches as Python for a seed.
//   node examples/train-keras.mjs [folder]      (default: the bundled test/fixtures/keras-folders)
import * as tf from '@tensorflow/tfjs';
import { ImageDataGenerator } from 'pixelarray/ml';

const folder = process.argv[2] ?? new URL('../test/fixtures/keras-folders/', import.meta.url).pathname;
const datagen = new ImageDataGenerator({ rotationRange: 20, horizontalFlip: true, rescale: 1 / 255 });
const train = datagen.flowFromDirectory(folder, { targetSize: [32, 32], classMode: 'categorical', batchSize: 4, seed: 42 });
const classes = Object.keys(train.classIndices);

const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 4, kernelSize: 3, activation: 'relu' }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: classes.length, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

for (let step = 0; step < 2 * train.length; step++) {
  const [x, y] = train.next().value;                       // x: [4, 32, 32, 3] float32, y: one-hot
  const xs = tf.tensor4d(x.data, x.shape), ys = tf.tensor2d(y.data, y.shape);
  const [loss] = await model.trainOnBatch(xs, ys);
  console.log(`step ${step}: loss ${loss.toFixed(4)}`);
  tf.dispose([xs, ys]);
}
console.log(`trained on ${train.n} images of ${classes.length} classes: ${classes.join(', ')}`);
