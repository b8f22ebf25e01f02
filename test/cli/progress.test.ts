import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProgressBar } from '../../src/cli/progress.ts';

test('ProgressBar draws one line, redraws at most every 80 ms (always the last item), and clears it', () => {
  const out: string[] = [];
  const bar = new ProgressBar({ write: (s: string) => out.push(s), columns: 80 }, 'indexing');
  bar.clear();
  assert.equal(out.length, 0, 'nothing to clear before the first draw');
  bar.update(1, 4);
  bar.update(2, 4); // within 80 ms: skipped
  bar.update(4, 4); // the last: always drawn
  assert.equal(out.length, 2);
  // eslint-disable-next-line no-control-regex -- the progress bar's ANSI escape is what is tested
  assert.match(out[0], /^\r\x1b\[2Kindexing \[#{8}\.{24}\] 1\/4( \d+\/s)?$/);
  // eslint-disable-next-line no-control-regex
  assert.match(out[1], /^\r\x1b\[2Kindexing \[#{32}\] 4\/4( \d+\/s)?$/);
  assert.ok(!out.some((s) => s.includes('\n')), 'never a new line');
  bar.clear();
  assert.equal(out[2], '\r\x1b[2K');
  bar.clear();
  assert.equal(out.length, 3, 'cleared once');
  // Narrow terminals: the bar shrinks to 10 cells.
  const narrow: string[] = [];
  new ProgressBar({ write: (s: string) => narrow.push(s), columns: 20 }, 'indexing').update(0, 0);
  assert.match(narrow[0], /\[#{10}\] 0\/0/);
});
