import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changesPrograms, disclosedFor, shownText } from '../../daemon/src/gate/disclosed.js';

test('a shown text is cut at a character boundary, says how much there is, and masks secrets', () => {
  const text = `${'é'.repeat(10)}`; // 20 bytes
  const cut = shownText(text, 5);
  assert.equal(cut.text, 'éé', 'no character is split');
  assert.deepEqual(
    { ...cut, text: undefined },
    { text: undefined, bytes: 20, shownBytes: 4, cut: true, masked: 0 },
  );
  assert.equal(shownText(text, 20).cut, false);

  const masked = shownText('export GH=ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789\necho ok\n', 1024);
  assert.match(masked.text, /^export GH=\[redacted sha256:[0-9a-f]{64} 40 bytes\]\necho ok\n$/);
  assert.equal(masked.masked, 1);
});

test('the environment: a secret-named value is only a digest; program-changing variables are marked', () => {
  const disclosed = disclosedFor({
    tool: 'shell',
    operation: 'exec',
    parameters: {
      command: 'make',
      cwd: '/w',
      env: { PATH: '/tmp/evil:/usr/bin', DB_PASSWORD: 'hunter2hunter2', CC: 'gcc' },
    },
  });
  const env = Object.fromEntries((disclosed?.env ?? []).map((e) => [e.name, e]));
  assert.equal(env.PATH?.changesPrograms, true);
  assert.equal(env.PATH?.value.text, '/tmp/evil:/usr/bin');
  assert.equal(env.CC?.changesPrograms, true);
  assert.equal(env.DB_PASSWORD?.secret, true);
  assert.ok(!env.DB_PASSWORD?.value.text.includes('hunter2'));
  assert.ok(
    ['GIT_DIR', 'GIT_SSH_COMMAND', 'LD_PRELOAD', 'NODE_OPTIONS', 'PYTHONPATH'].every(changesPrograms),
  );
  assert.ok(!['LANG', 'TERM', 'CI'].some(changesPrograms));
  // Nothing to disclose: reads, and writes with no content.
  assert.equal(disclosedFor({ tool: 'fs', operation: 'read', parameters: { path: '/w/a' } }), undefined);
});
