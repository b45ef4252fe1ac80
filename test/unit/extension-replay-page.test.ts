import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replayPageHtml } from '../../extension/src/replay-page.js';

test('the replay page lists each change with its receipts, and what agents named is only text', () => {
  const html = replayPageHtml(
    'draft.yaml',
    {
      replayed: 3,
      sessions: 1,
      unchanged: 1,
      changes: [
        {
          now: 'step_up',
          rule: 'ask-pushes',
          count: 1,
          receipts: [
            {
              id: 'rcpt_1',
              session: '<img src=x onerror=alert(1)>',
              time: '2026-11-30T17:00:00.000Z',
              was: 'allow',
              wasRule: 'shell.in-workspace',
            },
          ],
        },
      ],
    },
    'vscode-resource:',
  );
  assert.match(html, /Replayed 3 actions of 1 session: 2 would change, 1 unchanged\./);
  assert.match(html, /Would now ask: 1 <span class="rule">\(rule <code>ask-pushes<\/code>\)/);
  assert.match(html, /<td><code>rcpt_1<\/code><\/td><td>allow \(<code>shell\.in-workspace<\/code>\)<\/td>/);
  assert.ok(!html.includes('<img'), 'a session id is escaped');
  assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;/);
  assert.match(html, /default-src 'none'/);
  assert.ok(!html.includes('<script'), 'the page runs nothing');
});

test("the replay page lists the daemon's own refusals apart, as not replayed", () => {
  const html = replayPageHtml(
    'draft.yaml',
    {
      replayed: 2,
      sessions: 1,
      unchanged: 2,
      changes: [],
      daemonDecided: [
        {
          rule: 'builtin.session-binding',
          count: 1,
          receipts: [{ id: 'rcpt_9', session: 's1', time: '2026-11-30T17:00:00.000Z', was: 'deny' }],
        },
      ],
    },
    'x',
  );
  assert.match(
    html,
    /Replayed 2 actions of 1 session: 0 would change, 2 unchanged\. 1 more action decided by the daemon, not policy: not replayed\./,
  );
  assert.match(
    html,
    /Decided by the daemon, not policy \(not replayed\): 1 <span class="rule">\(rule <code>builtin\.session-binding<\/code>\)/,
  );
  assert.match(html, /<td><code>rcpt_9<\/code><\/td><td>deny<\/td>/);
  assert.ok(!html.includes('Would now'), 'nothing of it shows as changed');
});

test('the replay page of no recorded actions says there is nothing to replay', () => {
  const html = replayPageHtml('draft.yaml', { replayed: 0, sessions: 0, unchanged: 0, changes: [] }, 'x');
  assert.match(html, /Nothing to replay: no actions recorded in the last 100 sessions\./);
});
