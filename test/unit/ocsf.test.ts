import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestDaemon, shellAction } from '../helpers/env.js';
import { openReceiptStore } from '../../daemon/src/receipts/store.js';
import { OCSF_VERSION, toOcsf } from '../../daemon/src/receipts/ocsf.js';
import type { ApprovalRequest, ServerMessage, SignedReceipt } from '../../daemon/src/protocol/index.js';
import type { AarmClient } from '../../daemon/src/client/client.js';

/** Top-level attributes of an OCSF 1.5.0 API Activity event (base event, class, Security Control profile) used here. */
const API_ACTIVITY_ATTRIBUTES = new Set([
  'activity_id',
  'activity_name',
  'category_uid',
  'category_name',
  'class_uid',
  'class_name',
  'type_uid',
  'type_name',
  'time',
  'timezone_offset',
  'severity_id',
  'severity',
  'status_id',
  'status',
  'status_code',
  'status_detail',
  'duration',
  'message',
  'metadata',
  'actor',
  'api',
  'resources',
  'src_endpoint',
  'unmapped',
  // Security Control profile
  'action_id',
  'action',
  'disposition_id',
  'disposition',
  'risk_level_id',
  'risk_level',
  'policy',
]);
const METADATA_ATTRIBUTES = new Set([
  'version',
  'product',
  'uid',
  'correlation_uid',
  'sequence',
  'event_code',
  'log_name',
  'log_version',
  'original_time',
  'profiles',
]);

function nextRequest(approver: AarmClient): Promise<ApprovalRequest> {
  return new Promise((resolve) => {
    approver.onMessage((message: ServerMessage) => {
      if (message.type === 'approval_request') resolve(message);
    });
  });
}

/** An event as a SIEM reads it: parsed JSON. */
type Event = ReturnType<typeof JSON.parse>;

test('receipts of every kind and decision, made by a real daemon, map to consistent OCSF API Activity events', async () => {
  const t = await startTestDaemon({ deferTimeoutMs: 200 });
  try {
    mkdirSync(join(t.workspace, '.aarm'), { recursive: true });
    writeFileSync(
      join(t.workspace, '.aarm', 'policy.yaml'),
      `aarm: 1
name: project
rules:
  - { id: wait-for-context, match: { tool: shell }, when: "action.parameters.command == 'deploy'", decision: defer, reason: needs the original request }
`,
    );
    const secretContent = 'API_TOKEN=sk-live-0123456789abcdef';
    const secretHeader = 'Bearer tok-ocsf-9f8e7d6c5b4a';
    const secretBody = 'password=correct-horse-battery-staple';

    const agent = await t.client({ session: 'ocsf-unit' });
    const allowed = await agent.submit(shellAction('npm test', t.workspace));
    await agent.reportOutcome(allowed.receiptId, { status: 'error', exitCode: 2, durationMs: 12.4 });
    const denied = await agent.submit(shellAction('rm -rf ~', t.workspace));
    const modified = await agent.submit({
      tool: 'net',
      operation: 'request',
      parameters: { method: 'GET', url: 'http://example.com/doc' },
    });
    const written = await agent.submit({
      tool: 'fs',
      operation: 'write',
      parameters: { path: join(t.workspace, 'config.txt'), content: secretContent },
      context: { workspace: t.workspace },
    });
    const posted = await agent.submit({
      tool: 'net',
      operation: 'request',
      parameters: {
        method: 'POST',
        url: 'https://api.example.com/items',
        headers: { Authorization: secretHeader, Accept: 'application/json' },
        body: secretBody,
      },
    });
    const unavailable = await agent.submit(shellAction('git push --force', t.workspace));
    const delegated = await agent.submit(shellAction('git push --force', t.workspace), { agentCanAsk: true });
    const deferred = await agent.submit(shellAction('deploy', t.workspace));
    const approver = await t.approver('vscode');
    const asked = nextRequest(approver);
    const approvedP = agent.submit(shellAction('git push --force', t.workspace));
    await approver.approve((await asked).approvalId, 'allow');
    const approved = await approvedP;

    const store = openReceiptStore(join(t.homeDir, 'receipts.db'), { readonly: true });
    let records: SignedReceipt[];
    try {
      records = [...store.list({ session: 'ocsf-unit' })];
    } finally {
      store.close();
    }
    const before = JSON.stringify(records);
    const mapped = records.map((r) => toOcsf(r, { version: '9.9.9-test' }));
    assert.equal(JSON.stringify(records), before, 'toOcsf does not touch its input');
    assert.deepEqual(
      records.map((r) => toOcsf(r, { version: '9.9.9-test' })),
      mapped,
      'the same receipt maps to the same event',
    );
    const events: Event[] = JSON.parse(JSON.stringify(mapped));
    assert.equal(events.length, records.length, 'one event per receipt');
    assert.deepEqual(
      records.map((r) => r.body.kind),
      ['action', 'outcome', ...Array(7).fill('action'), 'resolution', 'action'],
    );

    for (const [i, event] of events.entries()) {
      const record = records[i]!;
      for (const key of Object.keys(event)) assert.ok(API_ACTIVITY_ATTRIBUTES.has(key), `attribute ${key}`);
      for (const key of Object.keys(event.metadata))
        assert.ok(METADATA_ATTRIBUTES.has(key), `metadata.${key}`);
      assert.equal(event.class_uid, 6003);
      assert.equal(event.category_uid, 6);
      assert.equal(event.class_name, 'API Activity');
      assert.equal(event.type_uid, event.class_uid * 100 + event.activity_id);
      assert.equal(event.type_name, `API Activity: ${event.activity_name}`);
      assert.equal(event.time, Date.parse(record.body.time));
      assert.ok(Number.isInteger(event.time));
      assert.equal(event.metadata.version, OCSF_VERSION);
      assert.deepEqual(event.metadata.product, {
        name: 'AARM for coding agents',
        vendor_name: 'AARM',
        version: '9.9.9-test',
      });
      assert.equal(event.metadata.uid, record.body.id);
      assert.equal(event.metadata.correlation_uid, 'ocsf-unit');
      assert.equal(event.metadata.sequence, record.body.seq);
      assert.equal(event.actor.session.uid, 'ocsf-unit');
      assert.equal(typeof event.api.operation, 'string');
      assert.ok(event.src_endpoint, 'API Activity requires a source endpoint');
      assert.equal(event.unmapped.receipt.hash, record.hash);
      // A receipt of the daemon's group commit carries its group proof instead of its own signature.
      assert.equal(record.sig, '');
      assert.deepEqual(event.unmapped.receipt.proof, record.proof);
      assert.equal(event.unmapped.receipt.proof.group.type, 'aarm.receipt-group');
      assert.equal('sig' in event.unmapped.receipt, false);
      assert.equal(event.unmapped.receipt.prevHash, record.body.prevHash);
      assert.equal(event.unmapped.receipt.keyId, record.body.keyId);
      assert.ok([0, 1, 2, 3, 4, 5].includes(event.severity_id));
      assert.ok([0, 1, 2].includes(event.status_id));
    }

    const byId = (id: string) => events.find((e) => e.metadata.uid === id)!;
    const summary = (e: Event) => [e.activity_id, e.action_id, e.disposition_id, e.disposition, e.status_id];

    const allow = byId(allowed.receiptId);
    assert.deepEqual(summary(allow), [99, 1, 1, 'Allowed', 1]);
    assert.equal(allow.activity_name, 'Exec');
    assert.equal(allow.actor.app_name, 'test-agent');
    assert.ok(allow.actor.user.name, 'the human the agent works for');
    assert.deepEqual(allow.resources, [{ type: 'command', name: 'npm test' }]);
    assert.equal(allow.api.request.uid, allowed.receiptId);
    assert.equal(allow.api.request.data.parameters.command, 'npm test');
    assert.deepEqual(allow.metadata.profiles, ['security_control']);

    const outcome = events[1]!;
    assert.equal(outcome.activity_name, 'Outcome');
    assert.equal(outcome.api.request.uid, allowed.receiptId, 'the outcome points at its action');
    assert.equal(outcome.unmapped.receiptId, allowed.receiptId);
    assert.deepEqual([outcome.status_id, outcome.status_code, outcome.duration], [2, '2', 12]);
    assert.equal(outcome.disposition_id, undefined, 'an outcome is no control decision');
    assert.equal(outcome.severity_id, 1);

    const deny = byId(denied.receiptId);
    assert.deepEqual(summary(deny), [99, 2, 2, 'Blocked', 2]);
    assert.equal(deny.policy.name, 'destroy-root-or-home');
    assert.equal(deny.policy.version, deny.unmapped.decision.policyHash);
    assert.equal(deny.unmapped.verdict, 'deny');
    assert.equal(deny.severity_id, 5, 'critical risk is critical severity');
    assert.equal(deny.risk_level, 'Critical');
    assert.match(deny.message, /^deny: shell exec: .+ \[rule destroy-root-or-home\]$/);

    const modify = byId(modified.receiptId);
    assert.deepEqual(summary(modify), [2, 4, 1, 'Allowed', 1], 'GET is a read; the rewritten request ran');
    assert.equal(modify.unmapped.decision.modifiedAction.parameters.url, 'https://example.com/doc');

    const write = byId(written.receiptId);
    assert.deepEqual([write.activity_id, write.activity_name], [3, 'Update']);
    assert.deepEqual(write.resources, [{ type: 'file', name: join(t.workspace, 'config.txt') }]);
    assert.equal(byId(posted.receiptId).activity_id, 1, 'POST creates');

    assert.deepEqual(summary(byId(unavailable.receiptId)), [99, 2, 2, 'Blocked', 2]);
    assert.equal(byId(unavailable.receiptId).unmapped.approval.status, 'unavailable');
    assert.deepEqual(summary(byId(delegated.receiptId)), [99, 3, 99, 'Delegated', 0]);

    const held = byId(deferred.receiptId);
    assert.deepEqual(summary(held), [99, 0, 14, 'Delayed', 0]);
    assert.equal(held.unmapped.deferral.resolution, 'pending');
    const resolution = events.find((e) => e.metadata.event_code === 'resolution')!;
    assert.deepEqual(summary(resolution), [99, 2, 2, 'Blocked', 2], 'timed out: denied');
    assert.equal(resolution.api.request.uid, deferred.receiptId);
    assert.equal(resolution.unmapped.deferral.resolution, 'timeout');

    const human = byId(approved.receiptId);
    assert.deepEqual(summary(human), [99, 1, 8, 'Approved', 1]);
    assert.match(human.unmapped.approval.approver, / via vscode \(apr-[0-9a-f-]+\)$/);
    assert.equal(human.severity_id, 4, 'history rewrite is high risk');

    // T9: what the receipt redacts stays redacted; the event carries only the digests.
    const text = JSON.stringify(events);
    for (const secret of [secretContent, secretHeader, secretBody])
      assert.equal(text.includes(secret), false, `${secret} is not in the events`);
    const write_ = byId(written.receiptId).api.request.data.parameters;
    assert.match(write_.content, /^\[redacted sha256:[0-9a-f]{64} \d+ bytes\]$/);
    const post = byId(posted.receiptId).api.request.data.parameters;
    assert.match(post.headers.Authorization, /^\[redacted sha256:/);
    assert.equal(post.headers.Accept, 'application/json');
    assert.match(post.body, /^\[redacted sha256:/);
  } finally {
    await t.close();
  }
});
