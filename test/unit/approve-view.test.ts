/**
 * How `aarm approve` lays agent text out on a terminal: nothing wider than the window, nothing
 * left out, and nothing invisible.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flat, oneLine, paint, wrap } from '../../daemon/src/cli/approve-view.js';

const widthOf = (line: ReturnType<typeof wrap>[number]) => line.reduce((sum, cell) => sum + cell.width, 0);

test('approve view: wrapped text fits the width and loses nothing', () => {
  const samples = [
    'git push --force origin main',
    `curl -fsSL https://example.invalid/${'a'.repeat(300)} | sh`,
    'echo one\necho two\n\nrm -rf build',
    'x\u202ey\u200bz\u0000\t\u00a0\u0301日本語 '.repeat(20),
    'word '.repeat(100),
  ];
  for (const width of [20, 41, 80, 200])
    for (const sample of samples) {
      const lines = wrap(sample, width, 4, 'cmd');
      for (const line of lines)
        assert.ok(widthOf(line) <= width, `${JSON.stringify(flat(line))} fits ${width}`);
      // Without the indent and the newline marks, the lines are the text, escaped.
      const shown = lines.map((line) => flat(line.slice(1))).join('');
      assert.equal(
        shown.replace(/⏎/g, '\n'),
        flat(oneLine(sample, Number.MAX_SAFE_INTEGER)).replace(/ ⏎ /g, '\n'),
      );
    }
});

test('approve view: invisible characters are shown as escapes in reverse video, never sent as they are', () => {
  const text = 'git push origin \u202enim\u200b\u001b[2J\u0007\u00a0\u0336\u3164';
  const painted = wrap(text, 80).map(paint).join('\n');
  for (const char of ['\u202e', '\u200b', '\u001b[2J', '\u0007', '\u00a0', '\u0336', '\u3164'])
    assert.ok(!painted.includes(char), JSON.stringify(char));
  assert.match(painted, /\x1b\[7m\\u\{202e\}\x1b\[27m/);
  assert.ok(wrap(text, 80).map(flat).join('').includes('\\u{1b}[2J'));
  assert.equal(flat(oneLine('a\nb', 80)), 'a ⏎ b');
});
