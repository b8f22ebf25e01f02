// Worker thread of indexFolder: computes the feature of each file it is sent.
// Messages in: { i, path }; out: { i, feature } or { i, reason } (histograms are transferred).
import { parentPort, workerData } from 'node:worker_threads';
import { computeFeature, type FeatureConfig } from './features.ts';
import { describeFailure } from './read.ts';

const config = workerData as FeatureConfig;
const port = parentPort!;

port.on('message', (msg: { i: number; path: string }) => {
  try {
    const feature = computeFeature(msg.path, config);
    // Copied, not transferred: the first transfer (detach) of an ArrayBuffer makes V8 add a detach
    // check to every typed-array access in this thread, slowing the decoders by 10–35%; a feature
    // (a hash or a small histogram) costs microseconds to copy.
    port.postMessage({ i: msg.i, feature });
  } catch (err) {
    port.postMessage({ i: msg.i, reason: describeFailure(err) });
  }
});
