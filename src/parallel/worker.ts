// A worker thread of pixelarray/parallel. It sleeps on its job word of the shared control block;
// the pool posts a job on the worker's port, then bumps the word. The worker computes the band,
// posts the reply (null, a histogram, or an error) and publishes the job's number in its done word.
// The word set to −1 means the pool is closing. Words per worker: JOB, DONE, PICKED (index.ts CTRL_WORDS).
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { runBand, type Job } from './band.ts';

interface Setup { control: SharedArrayBuffer; slot: number; port: MessagePort }

const { control, slot, port } = workerData as Setup;
const ctrl = new Int32Array(control);
const JOB = 3 * slot, DONE = 3 * slot + 1, PICKED = 3 * slot + 2;

// Job numbers start at 1: a job posted before this thread got here is seen at once.
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, JOB, seen);
  const seq = Atomics.load(ctrl, JOB);
  if (seq === seen) continue;
  seen = seq;
  if (seq < 0) break;
  // Tell the pool the job was seen: it waits a bounded time for this, then for DONE.
  Atomics.store(ctrl, PICKED, seq);
  Atomics.notify(ctrl, PICKED);
  // The job was queued on the port before its number was published: it is there to be read.
  let msg = receiveMessageOnPort(port);
  while (msg === undefined) msg = receiveMessageOnPort(port);
  let reply: { ok: true; result: Float64Array | null } | { ok: false; name: string; message: string; stack: string };
  try {
    reply = { ok: true, result: runBand(msg.message as Job) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { ok: false, name: err.name, message: err.message, stack: err.stack ?? '' };
  }
  port.postMessage(reply);
  Atomics.store(ctrl, DONE, seq);
  Atomics.notify(ctrl, DONE);
}
port.close();
