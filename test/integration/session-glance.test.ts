/**
 * "Session at a glance" over a real daemon's receipts: the counts by decision, verdict, risk and
 * rule, the approval waiting for a human and the deferral waiting for context, as an approver
 * lists and receives them (extension/src/session-glance.ts; the view itself is in test/e2e).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellAction, startTestDaemon, tempDir } from '../helpers/env.js';
import type { ApprovalRequest, ReceiptView, ServerMessage } from '../../daemon/src/protocol/index.js';
import { sessionGlance, sessionGlanceHtml } from '../../extension/src/session-glance.js';

/** Polls until `check` holds (the daemon's pushes arrive on their own time); fails after 10 s. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await check()); waited += 20) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a session at a glance: decisions by risk and rule, a pending approval and a deferral, live', async () => {
  // The workspace policy is there before the daemon starts: no race with its file watch.
  const root = tempDir();
  const workspace = join(root.dir, 'project');
  mkdirSync(join(workspace, '.aarm'), { recursive: true });
  writeFileSync(
    join(workspace, '.aarm', 'policy.yaml'),
    `aarm: 1
name: project
rules:
  - { id: wait-for-context, match: { tool: shell }, when: "action.parameters.command == 'deploy' && !session.hasRequest", decision: defer, reason: needs the original request }
`,
  );
  const t = await startTestDaemon({ root: root.dir });
  try {
    const approver = await t.approver();
    const live: ReceiptView[] = [];
    const pending: ApprovalRequest[] = [];
    approver.onMessage((message: ServerMessage) => {
      if (message.type === 'receipt') live.push(message.receipt);
      if (message.type === 'approval_request') pending.push(message);
      if (message.type === 'approval_resolved') pending.splice(0, pending.length);
    });
    const agent = await t.client({ session: 'glance' });
    const listed = async (session = 'glance') => {
      const answer = await approver.call({ type: 'receipts', session });
      assert.ok(answer.type === 'receipts');
      return answer.receipts;
    };
    const other = await t.client({ session: 'elsewhere' });
    await agent.submit(shellAction('npm test', t.workspace));
    await agent.submit(shellAction('ls', t.workspace));
    await agent.submit(shellAction('rm -rf ~', t.workspace));
    await other.submit(shellAction('rm -rf ~', t.workspace));
    // A session's actions are judged one at a time: first a deferral waits, then a step-up.
    const deploy = agent.submit(shellAction('deploy', t.workspace));
    let receipts: ReceiptView[] = [];
    await until(async () => (receipts = await listed()).length === 4);
    const deferred = sessionGlance('glance', receipts, pending);
    assert.equal(deferred.decisions, 4, 'npm test, ls, rm -rf ~ and the deferred deploy');
    assert.deepEqual(deferred.byVerdict, { allow: 2, deny: 1, ask: 0, deferred: 1 });
    assert.equal(deferred.byDecision.defer, 1);
    assert.equal(deferred.byRisk.critical, 1, 'rm -rf ~');
    assert.deepEqual(
      deferred.deferred.map((d) => [d.summary, d.rule, d.reason]),
      [
        [
          'deploy',
          'wait-for-context',
          "waiting up to 30 s for the user's request (the context this needs): needs the original request",
        ],
      ],
    );
    assert.deepEqual(
      deferred.rules.find((r) => r.rule === 'destroy-root-or-home'),
      { rule: 'destroy-root-or-home', decisions: 1, allowed: 0, denied: 1, risk: 'critical' },
    );
    assert.equal(deferred.broken, 0, 'every record listed checks out');
    assert.match(sessionGlanceHtml(deferred), /Deferred \(1\)/);

    // The request releases the deploy: its resolution receipt ends the deferral.
    await agent.setRequest('deploy the release');
    assert.equal((await deploy).verdict, 'allow');
    const push = agent.submit(shellAction('git push --force origin main', t.workspace));
    await until(() => pending.length === 1);
    const waiting = sessionGlance('glance', await listed(), pending);
    assert.equal(waiting.deferred.length, 0);
    assert.deepEqual(waiting.byVerdict, { allow: 3, deny: 1, ask: 0, deferred: 0 });
    assert.deepEqual(
      waiting.pending.map((p) => [p.summary, p.rule, p.risk]),
      [['git push --force origin main', 'history-rewrite', 'high']],
    );
    assert.equal(sessionGlance('elsewhere', await listed('elsewhere'), pending).pending.length, 0);
    const html = sessionGlanceHtml(waiting);
    assert.match(html, /Waiting for you \(1\)/);
    assert.match(html, /data-approval="appr_/);

    // Answered: nothing waits, and the receipts pushed live add up to the same as a fresh listing.
    await approver.approve(pending[0]!.approvalId, 'allow');
    assert.equal((await push).verdict, 'allow');
    const done = sessionGlance('glance', await listed(), []);
    assert.equal(done.decisions, 5);
    assert.deepEqual(done.byVerdict, { allow: 4, deny: 1, ask: 0, deferred: 0 });
    assert.equal(done.rules.find((r) => r.rule === 'history-rewrite')?.allowed, 1);
    await until(() => live.filter((v) => v.body.session === 'glance').length === done.decisions + 1);
    assert.deepEqual(sessionGlance('glance', live, []), done, 'live receipts of all sessions, filtered');
  } finally {
    await t.close();
    root.cleanup();
  }
});
