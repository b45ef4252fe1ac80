import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grantsRow, grantsTree, ruleLine, type GrantsNode } from '../../extension/src/grants-tree.js';
import type { ApprovedRule, Grant } from '../../daemon/src/protocol/index.js';

const grant = (id: string, extra: Partial<Grant> = {}): Grant => ({
  id,
  created: '2026-11-30T17:00:00.000Z',
  scope: 'session',
  session: 'sess-1',
  rule: 'git.push',
  key: 'shell git push origin feature/x',
  approver: 'me via vscode (apr-1)',
  ...extra,
});

const rule = (id: string, extra: Partial<ApprovedRule> = {}): ApprovedRule => ({
  id,
  rule: 'shell.cwd-outside-workspace',
  action: 'shell/exec `ls -la` in /home/me/notes (workspace /home/me/project)',
  workspace: '/home/me/project',
  file: '/home/me/.aarm/policies/approved.yaml',
  approver: 'apr-1',
  approval: 'appr-1',
  receipt: 'rcpt-1',
  date: '2026-11-30T17:00:00.000Z',
  ...extra,
});

const now = new Date('2026-11-30T18:00:00.000Z');
const time = (iso: string) => `<${iso}>`;
const row = (node: GrantsNode) =>
  grantsRow(node, { now, time, approverNames: new Map([['apr-1', 'vscode']]) });

test('the Grants view groups the live grants and the rules in your policy, each where a user looks for it', () => {
  const tree = grantsTree(
    [grant('grant-1'), grant('grant-2', { revoked: { time: '2026-11-30T17:30:00Z', by: 'me' } })],
    [rule('approved-a'), rule('approved-b')],
  );
  assert.deepEqual(
    tree.map((node) => [row(node).label, row(node).description, row(node).expanded]),
    [
      ['Grants', '1 · kept by the daemon', true],
      ['Rules in your policy', '2 · approved.yaml', true],
    ],
    'a revoked grant is not listed',
  );
  const [grants, rules] = tree as Array<Extract<GrantsNode, { kind: 'group' }>>;
  assert.deepEqual(
    grants!.items.map((n) => [row(n).id, row(n).contextValue]),
    [['grant:grant-1', 'aarm.grant']],
  );
  assert.deepEqual(
    rules!.items.map((n) => [row(n).id, row(n).contextValue]),
    [
      ['rule:approved-a', 'aarm.rule'],
      ['rule:approved-b', 'aarm.rule'],
    ],
  );
  // Only the groups that hold something; nothing at all leaves the view to its welcome text.
  assert.deepEqual(
    grantsTree([], [rule('approved-a')]).map((n) => row(n).label),
    ['Rules in your policy'],
  );
  assert.deepEqual(grantsTree([grant('g', { revoked: { time: 't', by: 'me' } })], []), []);
});

test('a rule row says what it allows, the rule it stands aside from, who approved it and when, and until when', () => {
  const shown = row({ kind: 'rule', rule: rule('approved-a', { expires: '2026-12-01T00:00:00.000Z' }) });
  assert.equal(shown.label, 'shell/exec `ls -la` in /home/me/notes');
  assert.equal(
    shown.description,
    'in /home/me/project · instead of shell.cwd-outside-workspace · by vscode (apr-1) · <2026-11-30T17:00:00.000Z> · until <2026-12-01T00:00:00.000Z>',
  );
  assert.equal(shown.icon, 'law');
  const tooltip = shown.tooltip.split('\n');
  assert.ok(tooltip.includes('File: /home/me/.aarm/policies/approved.yaml'), shown.tooltip);
  assert.ok(tooltip.includes('Receipt: rcpt-1'), shown.tooltip);
  assert.ok(
    tooltip.includes('Approved by vscode (apr-1) at <2026-11-30T17:00:00.000Z> (approval appr-1)'),
    shown.tooltip,
  );

  // A key the view does not know is named by its id; no expiry is said as such.
  const unknownKey = grantsRow(
    { kind: 'rule', rule: rule('approved-b', { approver: 'apr-9' }) },
    { now, time },
  );
  assert.match(unknownKey.description, / · by apr-9 · .* · no expiry$/);
});

test('an expired rule is marked as no longer applying, and a count of uses is shown where the daemon gives one', () => {
  const expired = row({ kind: 'rule', rule: rule('approved-a', { expires: '2026-11-30T17:30:00.000Z' }) });
  assert.match(expired.description, /^EXPIRED, no longer applies · in \/home\/me\/project · instead of /);
  assert.equal(expired.color, 'disabledForeground');
  assert.match(expired.tooltip, /Expired <2026-11-30T17:30:00.000Z>: it no longer applies\./);

  const counted = row({
    kind: 'rule',
    rule: { ...rule('approved-a'), uses: 2, maxUses: 5 } as ApprovedRule,
  });
  assert.match(counted.description, / · used 2 of 5$/);
  assert.doesNotMatch(row({ kind: 'rule', rule: rule('approved-a') }).description, /used/);
});

test('what an agent wrote reaches the Grants view only as text', () => {
  const hidden = 'shell/exec `ls\u202e -la\nrm -rf ~` in /tmp';
  const shown = row({ kind: 'rule', rule: rule('approved-a', { action: hidden }) });
  assert.ok(!shown.label.includes('\u202e') && !shown.label.includes('\n'), shown.label);
  assert.match(shown.label, /U\+202E/);
  const untrusted = row({ kind: 'grant', grant: grant('grant-1', { untrusted: true }) });
  assert.match(untrusted.description, /^UNTRUSTED, covers nothing · session sess-1 · rule git\.push$/);
  assert.equal(untrusted.icon, 'warning');
});

test('Open finds the rule in approved.yaml: its allow rule, else the first line naming it', () => {
  const text = [
    'aarm: 1',
    'name: approved',
    'overrides:',
    '  - rule: shell.cwd-outside-workspace',
    '    approved: { id: approved-a, approver: apr-1 }',
    'rules:',
    '  - id: approved-b',
    '  - id: approved-a',
    '    decision: allow',
  ].join('\n');
  assert.equal(ruleLine(text, 'approved-a'), 7);
  assert.equal(ruleLine(text.replace('  - id: approved-a', '  - id: other'), 'approved-a'), 4);
  assert.equal(ruleLine(text, 'approved-zz'), 0);
});
