/** The approval page's limits for an "always" rule: when it ends, after how many uses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  approvalDetailsHtml,
  ruleLimitChoice,
  ruleLimits,
  ruleProposalPrompt,
} from '../../extension/src/present.js';
import { EMPTY_SESSION, type ApprovalRequest, type RuleProposal } from '../../daemon/src/protocol/index.js';

const request: ApprovalRequest = {
  type: 'approval_request',
  approvalId: 'ap1',
  session: 's1',
  action: {
    tool: 'shell',
    operation: 'exec',
    parameters: { command: 'ls -la', cwd: '/work/shared' },
    context: { workspace: '/work/p' },
  },
  decision: {
    decision: 'step_up',
    rule: 'shell.cwd-outside-workspace',
    reason: 'runs outside the workspace',
    risk: 'medium',
    layer: 'step_up',
    policyHash: 'abc',
  },
  effects: { reads: [], writes: [], deletes: [], hosts: [], risks: [], unknown: [] },
  context: { ...EMPTY_SESSION, id: 's1' },
  identity: { human: { user: 'dev' }, agent: { name: 'claude-code' } },
  key: 'ls -la',
  scopes: ['once', 'session', 'always'],
  expiresAt: '2026-11-25T12:00:00.000Z',
};
const proposal: RuleProposal = {
  type: 'rule_proposal',
  id: '1',
  approvalId: 'ap1',
  proposalId: 'prop-1',
  file: '/home/dev/.aarm/policies/approved.yaml',
  text: 'rules:\n  - id: approved-1\n    approved: { max_uses: 3 }\n',
  receipts: [],
  count: 0,
};

test('the page offers when the rule ends, with the choice it was proposed with selected', () => {
  const plain = approvalDetailsHtml(request, undefined, proposal);
  assert.match(plain, /<select id="rule-ends" data-limit="ends"><option value="" selected>never<\/option>/);
  assert.match(plain, /<option value="" selected>any number of<\/option>/);
  const limited = approvalDetailsHtml(request, undefined, proposal, { ends: '7d', uses: '3' });
  assert.match(limited, /<option value="7d" selected>in 7 days<\/option>/);
  assert.match(limited, /<option value="3" selected>3<\/option>/);
  assert.match(limited, /max_uses: 3/, 'the rule shown is the one proposed with the limit');
  assert.match(limited, /data-rule="add">Allow Always and Add This Rule</);
  assert.match(
    ruleProposalPrompt(proposal, true).detail,
    /instead of a grant.*or it ends \(the limit you chose\)/,
  );
  assert.doesNotMatch(ruleProposalPrompt(proposal).detail, /or it ends/);
  // No proposal yet (before "Always allow"): no limits either.
  assert.doesNotMatch(approvalDetailsHtml(request, undefined), /data-limit/);
});

test('only the choices the page offers are taken, and they become propose_rule limits', () => {
  assert.deepEqual(ruleLimitChoice('7d', '3'), { ends: '7d', uses: '3' });
  for (const [ends, uses] of [
    ['8d', ''],
    ['', '4'],
    ['', 3],
    ['__proto__', ''],
    [undefined, ''],
  ])
    assert.equal(ruleLimitChoice(ends, uses), undefined, `${String(ends)} ${String(uses)}`);
  const now = Date.parse('2026-11-30T12:00:00Z');
  assert.deepEqual(ruleLimits({ ends: '1d', uses: '10' }, now), {
    expires: '2026-12-01T12:00:00.000Z',
    maxUses: 10,
  });
  assert.deepEqual(ruleLimits({ ends: '', uses: '' }, now), {});
});
