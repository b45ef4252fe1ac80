import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  codexHooksSwitchedOff,
  codexEventLabel,
  codexHookHash,
  codexHookKey,
  editCodexTrust,
  readCodexTrust,
} from '../../daemon/src/cli/codex-trust.js';

test('codex trust: the hash Codex 0.171 stores, for a hook Codex itself listed', () => {
  // `codex app-server` hooks/list reported this currentHash for this hooks.json entry
  assert.equal(
    codexHookHash('PreToolUse', { matcher: 'Bash' }, { type: 'command', command: 'echo hi', timeout: 30 }),
    'sha256:65f88c378f287741bd683c759c7306a773bbb410594d61f7a39b723f8ab8eb45',
  );
  // what the hash covers: the command, the timeout (600 when absent), async, the matcher
  const base = codexHookHash('PreToolUse', { matcher: '*' }, { type: 'command', command: 'x' });
  assert.equal(
    base,
    codexHookHash('PreToolUse', { matcher: '*' }, { type: 'command', command: 'x', timeout: 600 }),
  );
  assert.notEqual(
    base,
    codexHookHash('PreToolUse', { matcher: '*' }, { type: 'command', command: 'x', timeout: 60 }),
  );
  assert.notEqual(base, codexHookHash('PreToolUse', { matcher: 'Bash' }, { type: 'command', command: 'x' }));
  assert.notEqual(base, codexHookHash('PostToolUse', { matcher: '*' }, { type: 'command', command: 'x' }));
  // the matcher is not part of a UserPromptSubmit hook's identity
  assert.equal(
    codexHookHash('UserPromptSubmit', { matcher: '*' }, { command: 'x' }),
    codexHookHash('UserPromptSubmit', {}, { command: 'x' }),
  );
  assert.equal(codexEventLabel('PostToolUse'), 'post_tool_use');
  assert.equal(
    codexHookKey('/h/.codex/hooks.json', 'PreToolUse', 1, 0),
    '/h/.codex/hooks.json:pre_tool_use:1:0',
  );
});

const KEY = '/h/.codex/hooks.json:pre_tool_use:0:0';

test('codex trust: entries are added, updated in place, and removed, and nothing else in the file changes', () => {
  const user = `# my settings\nmodel = "o3"\n\n[projects."/w"]\ntrust_level = "trusted" # keep\n`;
  const added = editCodexTrust(user, new Map([[KEY, 'sha256:aa']]));
  assert.ok(added.ok);
  assert.ok(added.text.startsWith(user));
  assert.deepEqual(readCodexTrust(added.text).get(KEY), { trustedHash: 'sha256:aa' });

  // installing again asks for the hook to run: an `enabled = false` beside it goes
  const updated = editCodexTrust(
    added.text.replace('sha256:aa"', 'sha256:aa"\nenabled = false'),
    new Map([[KEY, 'sha256:bb']]),
  );
  assert.ok(updated.ok);
  assert.deepEqual(readCodexTrust(updated.text).get(KEY), { trustedHash: 'sha256:bb' });
  assert.equal(updated.text.match(/hooks\.state/g)?.length, 1);

  const again = editCodexTrust(updated.text, new Map([[KEY, 'sha256:bb']]));
  assert.ok(again.ok);
  assert.equal(again.text, updated.text, 'idempotent');

  const removed = editCodexTrust(updated.text, new Map([[KEY, undefined]]));
  assert.ok(removed.ok);
  assert.equal(removed.text, user, 'removing restores the file, comment and all');
});

test('codex trust: when a hook moves up, its trust moves with it; a stale entry where it lands is dropped', () => {
  const other1 = '/h/.codex/hooks.json:pre_tool_use:1:0';
  const other2 = '/h/.codex/hooks.json:pre_tool_use:2:0';
  const text = [
    `[hooks.state."${KEY}"]`,
    'trusted_hash = "sha256:aarm"',
    `[hooks.state."${other1}"]`,
    'trusted_hash = "sha256:one"',
    `[hooks.state."${other2}"]`,
    'trusted_hash = "sha256:two"',
    'enabled = false',
    '',
  ].join('\n');
  const edit = editCodexTrust(
    text,
    new Map([[KEY, undefined]]),
    new Map([
      [other1, KEY],
      [other2, other1],
    ]),
  );
  assert.ok(edit.ok);
  const trust = readCodexTrust(edit.text);
  assert.deepEqual(trust.get(KEY), { trustedHash: 'sha256:one' });
  assert.deepEqual(trust.get(other1), { trustedHash: 'sha256:two', enabled: false });
  assert.equal(trust.has(other2), false);
});

test('codex trust: a key written as an inline table or a dotted key is not edited (two answers for one key would break config.toml)', () => {
  for (const text of [
    `[hooks.state]\n"${KEY}" = { trusted_hash = "sha256:old" }\n`,
    `hooks.state."${KEY}".trusted_hash = "sha256:old"\n`,
  ]) {
    const edit = editCodexTrust(text, new Map([[KEY, 'sha256:new']]));
    assert.equal(edit.ok, false);
    assert.match(!edit.ok ? edit.error : '', /a form aarm does not edit/);
  }
  // literal-string keys are read
  assert.deepEqual(readCodexTrust(`[hooks.state.'${KEY}']\ntrusted_hash = "sha256:x"\n`).get(KEY), {
    trustedHash: 'sha256:x',
  });
});

test('codex trust: the hook feature switched off in config.toml is found, in either spelling', () => {
  assert.equal(codexHooksSwitchedOff('[features]\ncodex_hooks = false\n'), 'codex_hooks = false');
  assert.equal(codexHooksSwitchedOff('features.hooks = false\n[other]\n'), 'features.hooks = false');
  assert.equal(codexHooksSwitchedOff('[features]\nhooks = true\n[x]\nhooks = false\n'), undefined);
});
