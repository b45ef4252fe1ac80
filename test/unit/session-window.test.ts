/**
 * The session's "actions in the last minute" (`session.recentActions`, what a rate-limit rule reads):
 * counted right at the window's edges, through a clock set back, and over thousands of actions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSessionManager } from '../../daemon/src/gate/sessions.js';

test('recentActions counts the actions of the last 60 seconds', () => {
  let clock = Date.parse('2026-11-26T10:00:00.000Z');
  const sessions = createSessionManager({ home: '/home/u', now: () => new Date(clock) });
  const act = (n: number) => {
    for (let i = 0; i < n; i++)
      sessions.recordAction('s', {
        action: undefined,
        effects: undefined,
        receiptId: `r${clock}-${i}`,
        decision: 'deny',
        verdict: 'deny',
      });
  };
  const recent = () => sessions.snapshot('s', undefined).recentActions;

  act(5000); // a busy burst at 10:00:00
  assert.equal(recent(), 5000);
  clock += 30_000;
  act(10);
  assert.equal(recent(), 5010);
  clock += 30_000; // 10:01:00: the burst is exactly 60 s old, still in the window
  assert.equal(recent(), 5010);
  clock += 1;
  assert.equal(recent(), 10, 'the burst has left the window');
  clock += 30_000;
  assert.equal(recent(), 0);
  // A clock set back never lowers the count: the new actions are ordered at the latest time seen, and
  // from a point in the past every action still held is "recent" (a rate limit errs toward denying).
  clock -= 3_600_000;
  act(3);
  assert.equal(recent(), 5013);
  clock += 3_600_000;
  assert.equal(recent(), 0, 'back to the real time, the minute has passed for all of them');
  assert.equal(sessions.snapshot('s', undefined).actions, 5013);
});
