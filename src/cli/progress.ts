// A one-line progress bar for a terminal (the CLI draws it only when stderr is a TTY).

/** The part of a writable stream the bar needs. */
export interface BarStream {
  write(text: string): unknown;
  columns?: number;
}

const CLEAR_LINE = '\r\x1b[2K';

export class ProgressBar {
  readonly #stream: BarStream;
  readonly #label: string;
  readonly #start = Date.now();
  #last = 0;
  #shown = false;

  constructor(stream: BarStream, label: string) {
    this.#stream = stream;
    this.#label = label;
  }

  /** Redraws the bar (at most every 80 ms, and always for the last item). */
  update(done: number, total: number): void {
    const now = Date.now();
    if (done < total && now - this.#last < 80) return;
    this.#last = now;
    const width = Math.max(10, Math.min(40, (this.#stream.columns ?? 80) - this.#label.length - 40));
    const frac = total > 0 ? done / total : 1;
    const full = Math.round(frac * width);
    const secs = (now - this.#start) / 1000;
    // No rate before the first item (it would read "0/s"), nor within the first millisecond.
    const rate = done > 0 && secs > 0 ? ` ${(done / secs).toFixed(0)}/s` : '';
    this.#stream.write(`${CLEAR_LINE}${this.#label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${done}/${total}${rate}`);
    this.#shown = true;
  }

  /** Erases the bar (before other output, and at the end). */
  clear(): void {
    if (this.#shown) this.#stream.write(CLEAR_LINE);
    this.#shown = false;
    this.#last = 0;
  }
}
