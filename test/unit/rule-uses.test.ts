/** The daemon's count of an approved rule's uses (gate/rule-uses.ts): taken at judgement, kept or given back. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approvedRulesUsedBy, createRuleUses } from '../../daemon/src/gate/rule-uses.js';
import type { Decision } from '../../daemon/src/protocol/index.js';
import { join } from 'node:path';
import { openReceiptStore, type ReceiptStore } from '../../daemon/src/receipts/store.js';
import { generateSigningKey } from '../../daemon/src/receipts/keys.js';
import { tempDir } from '../helpers/env.js';

const decision = (over: Partial<Decision>): Decision => ({
  decision: 'allow',
  rule: 'approved-1',
  reason: 'approved',
  risk: 'low',
  layer: 'allow',
  policyHash: 'h',
  ...over,
});
const approved = (max_uses: number) => ({
  id: 'approved-1',
  approver: 'apr-1',
  approval: 'appr-1',
  receipt: 'rcpt-1',
  date: '2026-01-01T00:00:00Z',
  max_uses,
});

function counter(recorded: number | undefined) {
  let rebuilds = 0;
  const uses = createRuleUses({
    // only the count matters here: how the store counts is tested against a real one (integration)
    store: { approvedUses: () => recorded } as unknown as ReceiptStore,
    rebuild: () => rebuilds++,
    log: () => {},
  });
  return { uses, rebuilds: () => rebuilds };
}

test('a use is taken at judgement; the last one rebuilds the policy at once, and one not recorded as allowed is given back', () => {
  const { uses, rebuilds } = counter(1);
  assert.deepEqual(uses.usesOf(approved(2)), { used: 1 }, 'counted from the receipts');
  const taken = uses.take(decision({}))!;
  assert.deepEqual([uses.usesOf(approved(2)), rebuilds()], [{ used: 2 }, 1]);
  // Refused after all (another check, or no receipt): the use comes back, and so does the rule.
  taken.settle({
    decision: decision({ decision: 'deny', rule: 'builtin.session-binding' }),
    verdict: 'deny',
  });
  assert.deepEqual([uses.usesOf(approved(2)), rebuilds()], [{ used: 1 }, 2]);
  const kept = uses.take(decision({}))!;
  kept.settle({ decision: decision({}), verdict: 'allow' });
  kept.settle(undefined); // settled once only
  assert.deepEqual([uses.usesOf(approved(2)), rebuilds()], [{ used: 2 }, 3]);
});

test('what counts as a use: the rule decided, or its exception stood aside and another rule let it run', () => {
  const aside = decision({
    decision: 'modify',
    rule: 'net.upgrade-to-https',
    layer: 'modify',
    overrides: [
      { rule: 'exfiltration', kind: 'when', reason: 'approved', source: 'a.yaml', approved: 'approved-2' },
    ],
  });
  assert.deepEqual(approvedRulesUsedBy(aside), ['approved-2']);
  assert.deepEqual(approvedRulesUsedBy(decision({})), ['approved-1']);
  assert.deepEqual(approvedRulesUsedBy(decision({ decision: 'step_up', rule: 'approved-1' })), []);
  assert.deepEqual(approvedRulesUsedBy(decision({ rule: 'shell.in-workspace' })), []);
  // A rule without a maximum is not counted at all.
  const { uses } = counter(0);
  assert.equal(uses.take(decision({})), undefined);
});

test('uses that cannot be counted (the rule’s receipt is gone) are not zero', () => {
  const { uses } = counter(undefined);
  assert.match(
    JSON.stringify(uses.usesOf(approved(5))),
    /its receipt rcpt-1 is not in the receipt store, so its uses cannot be counted/,
  );
});

test('the receipt store counts the allowed actions of an approved rule after its own receipt', () => {
  const dir = tempDir();
  try {
    const key = generateSigningKey();
    const store = openReceiptStore(join(dir.dir, 'receipts.db'));
    let n = 0;
    const record = (d: Decision, verdict: 'allow' | 'deny') =>
      store.append(
        {
          kind: 'action',
          id: `rcpt-${++n}`,
          time: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
          session: 's',
          action: { tool: 'shell', operation: 'exec', parameters: { command: 'ls' } },
          identity: { human: { user: 'me' } },
          decision: d,
          verdict,
          approval: { status: 'not_required' },
          deferral: null,
        },
        key,
      );
    record(decision({}), 'allow'); // rcpt-1: before the rule was written (not counted)
    record(decision({ decision: 'step_up', rule: 'shell.cwd-outside-workspace' }), 'allow'); // rcpt-2: the approved one
    record(decision({}), 'allow'); // used
    record(decision({}), 'deny'); // refused for another reason: not a use
    record(
      decision({
        decision: 'modify',
        rule: 'net.upgrade-to-https',
        overrides: [{ rule: 'r', kind: 'when', reason: 'x', source: 'a.yaml', approved: 'approved-1' }],
      }),
      'allow',
    ); // its exception stood aside: used
    record(decision({ rule: 'approved-2' }), 'allow'); // another rule
    assert.equal(store.approvedUses('approved-1', 'rcpt-2'), 2);
    assert.equal(store.approvedUses('approved-1', undefined), 3, 'without a receipt: all of them');
    assert.equal(store.approvedUses('approved-1', 'rcpt-gone'), undefined);
    store.close();
  } finally {
    dir.cleanup();
  }
});
