import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir } from '../helpers/env.js';
import { openReceiptStore } from '../../daemon/src/receipts/store.js';
import { generateSigningKey } from '../../daemon/src/receipts/keys.js';
import { createApprovalWindow } from '../../daemon/src/gate/approval-window.js';
import {
  ReceiptSchema,
  ReceiptViewSchema,
  approvalStats,
  approvalStatsLine,
  stepUpAnswers,
  type Approval,
  type Receipt,
  type UnchainedReceipt,
} from '../../daemon/src/protocol/index.js';
import { sessionGlance, sessionGlanceHtml } from '../../extension/src/session-glance.js';

const HASH = 'ab'.repeat(32);
const START = Date.parse('2026-11-30T10:00:00.000Z');
let seq = 0;

/**
 * A step-up the human answered after `tookMs` (a stored action receipt, checked against the
 * receipt schema). `asked: false`: a receipt of an older aarm, which did not record when it asked.
 */
function stepUp(
  status: Approval['status'],
  options: {
    rule?: string;
    agent?: string;
    tookMs?: number;
    session?: string;
    asked?: boolean;
    approver?: string;
  } = {},
): Receipt {
  seq++;
  const asked = START + seq * 60_000;
  const answered = asked + (options.tookMs ?? 1000);
  const human = status === 'approved' || status === 'refused';
  return ReceiptSchema.parse({
    v: 1,
    id: `rcpt_${seq}`,
    seq,
    time: new Date(answered + 5).toISOString(),
    session: options.session ?? 's1',
    sessionSeq: seq,
    prevHash: HASH,
    sessionPrevHash: HASH,
    keyId: 'ed25519:0123456789abcdef',
    kind: 'action',
    action: { tool: 'shell', operation: 'exec', parameters: { command: 'git push' } },
    identity: { agent: { name: options.agent ?? 'claude-code' } },
    decision: {
      decision: 'step_up',
      rule: options.rule ?? 'push',
      reason: 'pushes',
      risk: 'high',
      layer: 'step_up',
      policyHash: HASH,
    },
    verdict: status === 'approved' ? 'allow' : 'deny',
    approval: {
      status,
      ...(human && options.approver !== '' ? { approver: options.approver ?? 'ann' } : {}),
      ...(status === 'not_required' ? {} : { time: new Date(answered).toISOString() }),
      ...(options.asked === false || status === 'not_required'
        ? {}
        : { asked: new Date(asked).toISOString() }),
    },
    deferral: null,
  });
}

test('approval stats: approvals, refusals and timeouts counted by agent and by rule, with the median time to decide', () => {
  const receipts = [
    stepUp('approved', { tookMs: 4000 }),
    stepUp('refused', { rule: 'rm', tookMs: 9000 }),
    stepUp('not_required', { rule: 'read' }),
    stepUp('timeout', { rule: 'rm', agent: 'codex', tookMs: 120_000 }),
    stepUp('approved', { agent: 'codex', tookMs: 3000 }),
    stepUp('granted', { rule: 'push' }),
  ];
  const stats = approvalStats(receipts);
  assert.deepEqual(
    [stats.asked, stats.approved, stats.refused, stats.timedOut, stats.approvalRate],
    [4, 2, 1, 1, 0.5],
    'a grant or a decision without a human is not a step-up put to a human',
  );
  assert.equal(stats.medianDecisionMs, 4000, 'median of 3 s, 4 s and 9 s: timeouts are not decisions');
  assert.deepEqual(
    stats.byRule.map((r) => [r.rule, r.asked, r.approved, r.refused, r.timedOut, r.medianDecisionMs]),
    [
      ['push', 2, 2, 0, 0, 3500],
      ['rm', 2, 0, 1, 1, 9000],
    ],
  );
  assert.deepEqual(
    stats.byAgent.map((a) => [a.agent, a.asked, a.approved, a.refused, a.timedOut]),
    [
      ['claude-code', 2, 1, 1, 0],
      ['codex', 2, 1, 0, 1],
    ],
  );
  assert.equal(stats.first, receipts[0]!.kind === 'action' ? receipts[0]!.approval.time : undefined);
  assert.equal(stats.quickRuns, 0);
});

test('approval stats: three quick approvals in a row are a rubber-stamp run; a refusal or a slow one ends it', () => {
  const quick = (rule = 'push') => stepUp('approved', { rule, tookMs: 800 });
  const receipts = [
    quick(),
    quick(),
    stepUp('refused', { tookMs: 500 }),
    quick(),
    quick(),
    quick(),
    quick(),
    stepUp('approved', { tookMs: 2000 }),
    quick(),
    quick(),
    quick(),
  ];
  const stats = approvalStats(receipts);
  assert.deepEqual([stats.quickRuns, stats.longestQuickRun], [2, 4]);
  // Each rule's own sequence: three quick ones of `push` with another rule's in between still count.
  const mixed = approvalStats([quick('a'), quick('b'), quick('a'), quick('b'), quick('a')]);
  assert.deepEqual(
    mixed.byRule.map((r) => [r.rule, r.quickRuns]),
    [
      ['a', 1],
      ['b', 0],
    ],
  );
  assert.equal(mixed.quickRuns, 1, 'five in a row over all rules: one run');
});

test('approval stats: advice — nearly always approved quickly is noise, refused as often as approved catches problems', () => {
  const noisy = Array.from({ length: 6 }, () => stepUp('approved', { rule: 'npm-install', tookMs: 900 }));
  const careful = [
    ...Array.from({ length: 3 }, () => stepUp('refused', { rule: 'rm-rf', tookMs: 6000 })),
    ...Array.from({ length: 3 }, () => stepUp('approved', { rule: 'rm-rf', tookMs: 7000 })),
  ];
  const slowButAlways = Array.from({ length: 6 }, () =>
    stepUp('approved', { rule: 'deploy', tookMs: 30_000 }),
  );
  const few = [stepUp('approved', { rule: 'curl', tookMs: 100 })];
  const stats = approvalStats([...noisy, ...careful, ...slowButAlways, ...few]);
  const advice = Object.fromEntries(stats.byRule.map((r) => [r.rule, r.advice ?? 'none']));
  assert.deepEqual(advice, { 'npm-install': 'noise', 'rm-rf': 'catches', deploy: 'none', curl: 'none' });
  assert.match(approvalStatsLine(stats), /consider a rule for npm-install/);
});

test('approval stats: receipts of an older aarm (no ask time) are counted, with no time to decide; the daemon’s own refusals are not', () => {
  const receipts = [
    stepUp('approved', { asked: false }),
    stepUp('approved', { asked: false }),
    stepUp('approved', { asked: false }),
    stepUp('refused', { approver: '' }),
  ];
  const stats = approvalStats(receipts);
  assert.deepEqual([stats.asked, stats.approved, stats.refused], [3, 3, 0]);
  assert.equal(stats.medianDecisionMs, null);
  assert.equal(stats.quickRuns, 0, 'an approval of unknown time is never counted as quick');
  assert.equal(approvalStatsLine(approvalStats([])), 'no step-up put to a human');
});

test('approval stats: a deferred action’s step-up (its resolution receipt) takes the agent of its session', () => {
  const action = stepUp('not_required', { agent: 'codex', session: 'deferred-one' });
  seq++;
  const resolution = ReceiptSchema.parse({
    v: 1,
    id: `rcpt_${seq}`,
    seq,
    time: '2026-11-30T12:00:03.000Z',
    session: 'deferred-one',
    sessionSeq: seq,
    prevHash: HASH,
    sessionPrevHash: HASH,
    keyId: 'ed25519:0123456789abcdef',
    kind: 'resolution',
    receiptId: action.id,
    decision: {
      decision: 'step_up',
      rule: 'push',
      reason: 'pushes',
      risk: 'high',
      layer: 'step_up',
      policyHash: HASH,
    },
    verdict: 'allow',
    approval: {
      status: 'approved',
      approver: 'ann',
      asked: '2026-11-30T12:00:00.000Z',
      time: '2026-11-30T12:00:02.500Z',
    },
    deferral: { reason: 'waits for the task', resolution: 'resolved' },
  });
  // newest first, as pages arrive: taken in chain order all the same
  const [answer] = stepUpAnswers([resolution, action]);
  assert.deepEqual(answer && [answer.agent, answer.rule, answer.status, answer.decisionMs], [
    'codex',
    'push',
    'approved',
    2500,
  ]);
});

test('session at a glance: an Approvals section with the per-rule table and a note where prompts look like noise', () => {
  const views = [
    ...Array.from({ length: 5 }, () =>
      stepUp('approved', { rule: 'npm-install', tookMs: 700, session: 'g' }),
    ),
    ...Array.from({ length: 5 }, () => stepUp('refused', { rule: 'rm-rf', tookMs: 8100, session: 'g' })),
    stepUp('timeout', { rule: 'rm-rf', session: 'g' }),
    stepUp('approved', { rule: 'other-session', session: 'h' }),
  ].map((body) =>
    ReceiptViewSchema.parse({ body, hash: HASH, sig: '', check: { signature: 'valid', chain: 'linked' } }),
  );
  const glance = sessionGlance('g', views, []);
  assert.deepEqual(
    glance.approvals.byRule.map((r) => [r.rule, r.asked, r.approved, r.refused, r.timedOut]),
    [
      ['rm-rf', 6, 0, 5, 1],
      ['npm-install', 5, 5, 0, 0],
    ],
  );
  const html = sessionGlanceHtml(glance);
  const section = html.slice(html.indexOf('<h2>Approvals</h2>'));
  assert.ok(html.includes('<h2>Approvals</h2>'), html);
  assert.match(section, /11 asked: 5 approved, 5 refused, 1 timed out, median 4\.4 s to decide\./);
  assert.match(section, /1 run of 3 or more approvals in a row, each in under 2 s \(longest 5\)/);
  assert.match(section, /<code>npm-install<\/code>.*consider a rule/);
  assert.match(section, /<code>rm-rf<\/code>.*the rule catches real problems/);
  assert.doesNotMatch(section, /other-session/);

  const quiet = sessionGlanceHtml(sessionGlance('h', views.slice(0, 0), []));
  assert.match(quiet, /No step-up was put to a human in this session\./);
});

test('the daemon’s window: the step-ups of the newest N receipts, read from the store at the first status and added as they come', () => {
  const temp = tempDir();
  const store = openReceiptStore(join(temp.dir, 'receipts.db'));
  try {
    const key = generateSigningKey();
    store.addKey(key);
    const append = (receipt: Receipt) => {
      const {
        v: _v,
        seq: _s,
        sessionSeq: _ss,
        prevHash: _p,
        sessionPrevHash: _sp,
        keyId: _k,
        ...rest
      } = receipt;
      const stored = store.append(rest as UnchainedReceipt, key);
      store.commit();
      return stored.body;
    };
    append(stepUp('refused', { rule: 'old' }));
    const window = createApprovalWindow(store, () => {}, 3);
    // Committed before the first status, which reads the store: counted once, not twice.
    window.add(append(stepUp('approved', { rule: 'push' })));
    assert.deepEqual([window.stats().asked, window.stats().window], [2, 'the last 3 receipts']);
    window.add(append(stepUp('approved', { rule: 'push' })));
    window.add(append(stepUp('not_required', { rule: 'read' })));
    // Four receipts now: the first (the refusal of `old`) is out of the window.
    const stats = window.stats();
    assert.deepEqual([stats.asked, stats.approved, stats.refused], [2, 2, 0]);
    assert.deepEqual(
      stats.byRule.map((r) => r.rule),
      ['push'],
    );
  } finally {
    store.close();
    temp.cleanup();
  }
});
