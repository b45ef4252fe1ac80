import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decidedByDaemon } from '../../daemon/src/pipeline/judge.js';

test("a replay tells the daemon's own refusals from policy's decisions by their rule", () => {
  // What the gate decides whatever policy says: a draft cannot change it.
  assert.equal(decidedByDaemon('builtin.session-binding'), true);
  assert.equal(decidedByDaemon('builtin.chain-broken'), true);
  // A refusal added later counts as the daemon's too: never shown as something a draft would allow.
  assert.equal(decidedByDaemon('builtin.some-new-refusal'), true);
  // What policy evaluation gives, which a replay judges again.
  for (const rule of [
    'builtin.self-protection',
    'builtin.policy-change',
    'builtin.invalid-action',
    'builtin.policy-error',
    'builtin.evaluation-error',
    'builtin.conflict',
    'default',
    'shell.in-workspace',
  ])
    assert.equal(decidedByDaemon(rule), false, rule);
});
