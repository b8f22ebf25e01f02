// Worker thread of the loading pool (load-pool.ts): loads each file it is sent as Keras' `load_img`
// does (keras-load.ts) and sends the pixels back. Messages in: LoadRequest; out: { ready: true }
// once, then one LoadReply per request.
//
// The pixels are copied into the message, not transferred: transferring detaches the buffer, and
// the first detach in a thread makes V8 check every typed-array access of that thread for detached
// buffers from then on (its "detaching protector"), which made this worker's JPEG decoding 10–35%
// slower (measured; a plain typed-array loop runs 2× slower after one detach). The copy costs
// ~20 µs for a 224×224 RGB image.
import { parentPort } from 'node:worker_threads';
import { clone } from '../core/copy.ts';
import { isContiguous } from '../core/pixelarray.ts';
import { loadKerasImage } from './keras-load.ts';
import { describeFailure } from './read.ts';
import type { LoadReply, LoadRequest } from './load-pool.ts';

const port = parentPort!;

port.on('message', (msg: LoadRequest) => {
  let reply: LoadReply;
  try {
    const img = loadKerasImage(msg.path, msg.targetSize, msg.colorMode, msg.interpolation);
    const [h, w, c] = img.shape;
    // Exactly the image's bytes: a view is cloned with its whole buffer (decode, convert and resize
    // give contiguous arrays of their own, so this is a no-op but for unusual decoder outputs).
    const own = isContiguous(img) && img.offset === 0 && img.data.byteOffset === 0 && img.data.byteLength === h * w * c && img.data.buffer instanceof ArrayBuffer;
    const data = (own ? img : clone(img)).data;
    reply = { id: msg.id, ok: true, data, shape: [h, w, c] };
    port.postMessage(reply);
  } catch (err) {
    reply = { id: msg.id, ok: false, reason: describeFailure(err), name: err instanceof Error ? err.name : 'Error' };
    port.postMessage(reply);
  }
});

port.postMessage({ ready: true });
