// A pool of worker threads that load image files as Keras' `load_img` does (keras-load.ts), for
// `DirectoryIterator.nextAsync()`. Each worker decodes, converts and resizes the files it is sent
// and posts the pixels back (copied, not transferred: see load-worker.ts); results arrive as
// promises, in any order.
//
// Workers never keep the process alive while they have nothing to do (they are unref'ed when the
// pool is idle and ref'ed while a load is pending), a worker that does not start within
// `startTimeout` breaks the pool with an error saying so, and a worker that dies rejects every
// pending load, each naming its file. The worker module is located as pixelarray/parallel does:
// load-worker.js next to this module in dist/, load-worker.ts through tsx when run from the sources.
import { Worker } from 'node:worker_threads';
import { PixelArray } from '../core/pixelarray.ts';
import type { KerasColorMode, KerasInterpolation } from './keras-load.ts';

/** A file to load, as sent to a worker. */
export interface LoadRequest {
  id: number;
  path: string;
  targetSize: [number, number] | null;
  colorMode: KerasColorMode;
  interpolation: KerasInterpolation;
}

/** A worker's answer to a LoadRequest. */
export type LoadReply =
  | { id: number; ok: true; data: Uint8Array | Uint8ClampedArray; shape: [number, number, number] }
  | { id: number; ok: false; reason: string; name: string };

/** Options of a LoadPool. */
export interface LoadPoolOptions {
  /** Milliseconds a worker may take to start before the pool fails (Infinity: no limit). Default 10 000. */
  startTimeout?: number;
  /** @internal The worker script (tests): a module URL, or code run with `eval`. */
  entry?: URL | string;
}

/** A pending load: its result, and a way to say it is no longer wanted. */
export interface LoadJob {
  readonly promise: Promise<PixelArray>;
  /** Drops the load: a queued one is never sent, a running one's result is discarded. Its promise then never settles. */
  cancel(): void;
}

interface Job {
  req: LoadRequest;
  resolve: (img: PixelArray) => void;
  reject: (err: Error) => void;
  state: 'queued' | 'posted' | 'cancelled' | 'settled';
}

interface Slot {
  worker: Worker;
  ready: boolean;
  inflight: Map<number, Job>;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Files sent ahead to each worker. Deep, so that a worker does not wait for the calling thread:
 * that thread only sends more when its event loop runs, and it may be busy for tens of
 * milliseconds building a batch (32 images × about 1 ms of conversion, more with transforms).
 */
const IN_FLIGHT = 16;

/** Longest `close()` waits for the workers to exit, in ms. */
const CLOSE_WAIT = 5_000;

/** The default `startTimeout`, as pixelarray/parallel's. */
export const DEFAULT_START_TIMEOUT = 10_000;

/** Worker threads loading image files (see the module comment). */
export class LoadPool {
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  readonly #startTimeout: number;
  /** Loads not settled or cancelled, plus cancelled ones still running in a worker. */
  #pending = 0;
  #nextId = 0;
  #closed = false;
  #failure: Error | null = null;
  #exited: Promise<void> | null = null;
  #referenced = true;

  constructor(size: number, options: LoadPoolOptions = {}) {
    this.#startTimeout = options.startTimeout ?? DEFAULT_START_TIMEOUT;
    const entry = options.entry ?? workerEntry();
    for (let i = 0; i < size; i++) this.#slots.push(this.#start(entry, i));
    this.#refresh();
  }

  /** Worker threads of the pool. */
  get size(): number { return this.#slots.length; }

  /** True once a worker failed (or did not start): every later load rejects; make a new pool. */
  get broken(): boolean { return this.#failure !== null; }

  /** True after `close()`. */
  get closed(): boolean { return this.#closed; }

  /** Loads `path` on a worker: the bytes `loadKerasImage(path, targetSize, colorMode, interpolation)` gives. */
  load(path: string, targetSize: [number, number] | null, colorMode: KerasColorMode, interpolation: KerasInterpolation): LoadJob {
    const req: LoadRequest = { id: this.#nextId++, path, targetSize, colorMode, interpolation };
    let job!: Job;
    const promise = new Promise<PixelArray>((resolve, reject) => { job = { req, resolve, reject, state: 'queued' }; });
    const unusable = this.#closed ? new Error('the loading workers were closed') : this.#failure;
    if (unusable !== null) {
      job.state = 'settled';
      job.reject(fileError(path, unusable.message, unusable));
    } else {
      this.#pending++;
      this.#queue.push(job);
      this.#pump();
      this.#refresh();
    }
    return {
      promise,
      cancel: () => {
        if (job.state === 'queued') {
          job.state = 'cancelled';
          this.#pending--;
          const at = this.#queue.indexOf(job);
          if (at >= 0) this.#queue.splice(at, 1);
          this.#refresh();
        } else if (job.state === 'posted') {
          job.state = 'cancelled'; // still counted in #pending until its worker answers
        }
      },
    };
  }

  /**
   * Stops the workers; pending loads reject. Idempotent; the promise resolves once the workers
   * have exited (at most 5 s; no need to await it).
   */
  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#rejectAll(new Error('the loading workers were closed'));
      const exits = Promise.all(this.#slots.map((s) => {
        if (s.timer !== null) clearTimeout(s.timer);
        s.worker.ref();
        return s.worker.terminate().catch(() => 0);
      }));
      // A terminated worker's 'exit' does not keep the event loop alive, even referenced (seen on
      // Node 20: about one `await close()` in ten was left pending while Node quit). A referenced
      // timer does; it normally never fires (the workers exit within ~50 ms), and bounds the wait.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const bound = new Promise<void>((resolve) => { timer = setTimeout(resolve, CLOSE_WAIT); });
      this.#exited = Promise.race([exits, bound]).then(() => clearTimeout(timer));
    }
    return this.#exited as Promise<void>;
  }

  #start(entry: URL | string, index: number): Slot {
    const worker = new Worker(entry, {
      eval: typeof entry === 'string',
      // Workers inherit the process's flags, but `--input-type` (from `node --input-type=module
      // -e …`) stops a worker that starts from a file: it is only for the main script.
      execArgv: process.execArgv.filter((f) => !f.startsWith('--input-type')),
    });
    const slot: Slot = { worker, ready: false, inflight: new Map(), timer: null };
    if (Number.isFinite(this.#startTimeout)) {
      slot.timer = setTimeout(() => {
        slot.timer = null;
        if (!slot.ready) {
          this.#fail(new Error(`pixelarray/node: loading worker ${index + 1} did not start within ${this.#startTimeout} ms ` +
            '(pass a larger startTimeout, or workers: 0 to load on the calling thread)'));
        }
      }, this.#startTimeout);
      // The timer alone must not keep the process alive (a pending load refs the worker, which does).
      slot.timer.unref();
    }
    worker.on('message', (msg: LoadReply | { ready: true }) => {
      if ('ready' in msg) {
        slot.ready = true;
        if (slot.timer !== null) clearTimeout(slot.timer);
        slot.timer = null;
      } else {
        const job = slot.inflight.get(msg.id);
        if (job === undefined) return;
        slot.inflight.delete(msg.id);
        this.#pending--;
        if (job.state === 'posted') {
          job.state = 'settled';
          if (msg.ok) job.resolve(new PixelArray(msg.data, msg.shape));
          else job.reject(fileError(job.req.path, msg.reason));
        }
      }
      this.#pump();
      this.#refresh();
    });
    worker.on('error', (e) => {
      this.#fail(new Error(`pixelarray/node: a loading worker failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e }));
    });
    worker.on('exit', (code) => {
      if (!this.#closed) this.#fail(new Error(`pixelarray/node: a loading worker exited (code ${code})`));
    });
    return slot;
  }

  /** Sends queued loads to the ready workers with the fewest in flight. */
  #pump(): void {
    if (this.#closed || this.#failure !== null) return;
    while (this.#queue.length > 0) {
      let best: Slot | null = null;
      for (const s of this.#slots) if (s.ready && s.inflight.size < IN_FLIGHT && (best === null || s.inflight.size < best.inflight.size)) best = s;
      if (best === null) return;
      const job = this.#queue.shift()!;
      job.state = 'posted';
      best.inflight.set(job.req.id, job);
      best.worker.postMessage(job.req);
    }
  }

  /** Keeps the process alive exactly while a load is pending. */
  #refresh(): void {
    const busy = this.#pending > 0 && !this.#closed && this.#failure === null;
    if (busy === this.#referenced) return;
    this.#referenced = busy;
    for (const s of this.#slots) {
      if (busy) s.worker.ref(); else s.worker.unref();
    }
  }

  /** The pool is unusable: every pending load rejects with `err`, naming its file; the workers stop. */
  #fail(err: Error): void {
    if (this.#closed || this.#failure !== null) return;
    this.#failure = err;
    this.#rejectAll(err);
    for (const s of this.#slots) {
      if (s.timer !== null) clearTimeout(s.timer);
      void s.worker.terminate().catch(() => 0);
    }
    this.#refresh();
  }

  #rejectAll(err: Error): void {
    const jobs = [...this.#queue, ...this.#slots.flatMap((s) => [...s.inflight.values()])];
    this.#queue.length = 0;
    for (const s of this.#slots) s.inflight.clear();
    this.#pending = 0;
    for (const job of jobs) {
      if (job.state === 'queued' || job.state === 'posted') {
        job.state = 'settled';
        job.reject(fileError(job.req.path, err.message, err));
      }
    }
  }
}

/** `cannot load <path>: <reason>`: the error of a load, naming its file. */
function fileError(path: string, reason: string, cause?: Error): Error {
  return new Error(`cannot load ${path}: ${reason}`, cause === undefined ? undefined : { cause });
}

/**
 * The worker module: dist/node/load-worker.js. When this module runs from its TypeScript source
 * (tests under `node --import tsx`), Node 20 does not apply tsx's hooks to workers: the worker then
 * starts from a small script that registers tsx in its own thread before importing load-worker.ts
 * (as pixelarray/parallel's workers do).
 */
function workerEntry(): URL | string {
  if (!import.meta.url.endsWith('.ts')) return new URL('./load-worker.js', import.meta.url);
  const worker = new URL('./load-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); });`;
}
