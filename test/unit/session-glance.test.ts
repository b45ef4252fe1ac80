import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ReceiptViewSchema,
  type Receipt,
  type ReceiptView,
  type Risk,
} from '../../daemon/src/protocol/index.js';
import { sessionGlance, sessionGlanceHtml } from '../../extension/src/session-glance.js';
import { copyRequest, markLongValues, receiptPageHtml } from '../../extension/src/receipt-page.js';

const HASH = 'ab'.repeat(32);
const SIG = 'Qx9_-'.repeat(17) + 'A';
let seq = 0;

/** A stored action receipt as an approver receives it (checked against the protocol's schema). */
function action(
  time: string,
  risk: Risk,
  options: { rule?: string; command?: string; verdict?: 'allow' | 'deny'; session?: string } = {},
): ReceiptView {
  seq++;
  const body = {
    v: 1,
    id: `rcpt_${seq}`,
    seq,
    time,
    session: options.session ?? 's1',
    sessionSeq: seq,
    prevHash: HASH,
    sessionPrevHash: HASH,
    keyId: 'ed25519:0123456789abcdef',
    kind: 'action',
    action: { tool: 'shell', operation: 'exec', parameters: { command: options.command ?? 'ls' } },
    identity: { agent: { name: 'agent' } },
    decision: {
      decision: options.verdict === 'deny' ? 'deny' : 'allow',
      rule: options.rule ?? 'read-only',
      reason: 'because',
      risk,
      layer: 'allow',
      policyHash: HASH,
    },
    verdict: options.verdict ?? 'allow',
    approval: { status: 'not_required' },
    deferral: null,
  } satisfies Receipt;
  return ReceiptViewSchema.parse({
    body,
    hash: HASH,
    sig: SIG,
    check: { signature: 'valid', chain: 'linked' },
  });
}

test('decisions over time: equal spans from the first decision to the last, each counted by risk', () => {
  const receipts = [
    action('2026-11-30T10:00:00.000Z', 'low'),
    action('2026-11-30T10:00:10.000Z', 'high', { verdict: 'deny', rule: 'no-push' }),
    action('2026-11-30T10:00:20.000Z', 'low'),
    action('2026-11-30T10:01:00.000Z', 'critical', { verdict: 'deny', rule: 'no-push' }),
    action('2026-11-30T10:00:05.000Z', 'low', { session: 'other' }),
  ];
  const glance = sessionGlance('s1', receipts, [], { buckets: 3 });
  assert.equal(glance.decisions, 4, 'only the session’s own');
  assert.deepEqual(
    glance.buckets.map((b) => [b.start.slice(11, 19), b.end.slice(11, 19), b.total, b.risks]),
    [
      ['10:00:00', '10:00:20', 2, { low: 1, medium: 0, high: 1, critical: 0 }],
      ['10:00:20', '10:00:40', 1, { low: 1, medium: 0, high: 0, critical: 0 }],
      ['10:00:40', '10:01:00', 1, { low: 0, medium: 0, high: 0, critical: 1 }],
    ],
  );
  assert.deepEqual(glance.rules, [
    { rule: 'no-push', decisions: 2, allowed: 0, denied: 2, risk: 'critical' },
    { rule: 'read-only', decisions: 2, allowed: 2, denied: 0, risk: 'low' },
  ]);
  assert.deepEqual([glance.first, glance.last], ['2026-11-30T10:00:00.000Z', '2026-11-30T10:01:00.000Z']);

  // Decisions in the same millisecond: one bar, not a division by zero.
  const burst = sessionGlance('s1', [action('2026-11-30T10:00:00.000Z', 'medium')], []);
  assert.deepEqual(
    burst.buckets.map((b) => b.total),
    [1],
  );
  assert.deepEqual(sessionGlance('s1', [], []).buckets, []);
});

test('the glance page draws one bar per span, says what each holds, and escapes what agents wrote', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const receipts = [
    action('2026-11-30T10:00:00.000Z', 'low', { command: hostile, rule: `rule-${hostile}` }),
    action('2026-11-30T10:00:30.000Z', 'critical', { verdict: 'deny' }),
  ];
  const html = sessionGlanceHtml(sessionGlance(`s1`, receipts, [], { buckets: 2 }));
  assert.ok(!html.includes('<img'), 'agent-written text is escaped');
  assert.equal(html.match(/<g><title>/g)?.length, 2);
  assert.match(html, /<title>10:00:00–10:00:15: 1 decision \(1 low\)<\/title>/);
  assert.match(html, /<rect class="bar risk-critical" x="11" y="0.00" width="8" height="60.00"\/>/);
  assert.match(html, /2 decisions · 10:00:00–10:00:30 — 1 allowed, 1 denied/);
  assert.match(html, /low 1 .*critical 1/);
  // A broken record is said plainly.
  const broken = { ...receipts[1]!, check: { signature: 'invalid', chain: 'linked' } } as const;
  assert.match(
    sessionGlanceHtml(sessionGlance('s1', [receipts[0]!, broken], [])),
    /1 record whose signature or chain check FAILED/,
  );
});

test('the receipt page cuts hashes, signatures and key ids to a copyable line, in cells only', () => {
  const view = action('2026-11-30T10:00:00.000Z', 'low');
  const html = receiptPageHtml(view);
  for (const value of [HASH, SIG, 'ed25519:0123456789abcdef'])
    assert.ok(
      html.includes(`<span class="long-value" role="button" tabindex="0" title="${value} (click to copy)"`),
      `${value} is marked`,
    );
  // The JSON of the record (in <pre>) and short values stay as they are.
  assert.ok(html.includes(`&#34;prevHash&#34;: &#34;${HASH}&#34;`));
  assert.ok(!html.includes('data-copy="rcpt_1"'));
  assert.equal(
    markLongValues(`<p>${HASH}</p><td>#3 ${HASH} and <code>x</code> ed25519:00ff00ff00ff00ff</td>`),
    `<p>${HASH}</p><td>#3 <span class="long-value" role="button" tabindex="0" title="${HASH} (click to copy)" aria-label="${HASH}, click to copy" data-copy="${HASH}">${HASH}</span> and <code>x</code> <span class="long-value" role="button" tabindex="0" title="ed25519:00ff00ff00ff00ff (click to copy)" aria-label="ed25519:00ff00ff00ff00ff, click to copy" data-copy="ed25519:00ff00ff00ff00ff">ed25519:00ff00ff00ff00ff</span></td>`,
  );
  // A path or a sentence is not a value to copy.
  assert.equal(
    markLongValues('<td>/home/dev/project/src/index.ts</td>'),
    '<td>/home/dev/project/src/index.ts</td>',
  );
  // What the page may ask to copy: one such value, nothing else.
  assert.equal(copyRequest({ copy: HASH }), HASH);
  assert.equal(copyRequest({ copy: 'rm -rf ~' }), undefined);
  assert.equal(copyRequest({ copy: 42 }), undefined);
  assert.equal(copyRequest(null), undefined);
});
