import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli, shellAction, startTestDaemon, storedReceipts, tempDir } from '../helpers/env.js';
import { QUICK_APPROVAL_MS, type StatusResult } from '../../daemon/src/protocol/index.js';
import { sessionGlance, sessionGlanceHtml } from '../../extension/src/session-glance.js';
import { nextRequest } from '../helpers/approvals.js';

async function statusJson(homeDir: string, root: string): Promise<NonNullable<StatusResult['approvals']>> {
  const status = await runCli(['status', '--json'], {
    env: { AARM_HOME: homeDir, HOME: join(root, 'home') },
  });
  assert.equal(status.code, 0, status.stderr);
  const approvals = (JSON.parse(status.stdout) as StatusResult).approvals;
  assert.ok(approvals, status.stdout);
  return approvals;
}

test(
  'approval quality: aarm status counts a real approver’s answers by rule and agent, and still after a restart',
  { timeout: 60_000 },
  async () => {
    const temp = tempDir();
    let t = await startTestDaemon({ root: temp.dir, approvalTimeoutMs: 1000 });
    try {
      const before = await statusJson(t.homeDir, temp.dir);
      assert.equal(before.asked, 0);
      assert.equal(before.window, 'the last 10000 receipts');

      const approver = await t.approver('vscode');
      const agent = await t.client({ session: 'quality' });
      // Three force-pushes approved as soon as they are asked, one `sudo` refused, one left to time out.
      for (let i = 0; i < 3; i++) {
        const asked = nextRequest(approver);
        const pending = agent.submit(shellAction('git push --force origin main', t.workspace));
        await approver.approve((await asked).approvalId, 'allow');
        assert.equal((await pending).verdict, 'allow');
      }
      const afterApprovals = await statusJson(t.homeDir, temp.dir);
      assert.deepEqual(
        [afterApprovals.asked, afterApprovals.approved, afterApprovals.refused, afterApprovals.timedOut],
        [3, 3, 0, 0],
        'the stats move as approvals are given',
      );

      let asked = nextRequest(approver);
      const refused = agent.submit(shellAction('sudo make install', t.workspace));
      await approver.approve((await asked).approvalId, 'deny', 'once', 'not here');
      assert.equal((await refused).verdict, 'deny');
      asked = nextRequest(approver);
      const timedOut = agent.submit(shellAction('sudo make install', t.workspace));
      await asked;
      assert.equal((await timedOut).verdict, 'deny');

      // Every answer's receipt says when the approvers were asked, so the time to decide is known.
      const answers = storedReceipts(t.homeDir).flatMap((r) =>
        r.kind === 'action' && r.approval.status !== 'not_required' ? [r.approval] : [],
      );
      assert.equal(answers.length, 5);
      const took = answers.map((a) => Date.parse(a.time!) - Date.parse(a.asked!));
      assert.ok(took.every((ms) => ms >= 0));

      const stats = await statusJson(t.homeDir, temp.dir);
      assert.deepEqual(
        [stats.asked, stats.approved, stats.refused, stats.timedOut, stats.approvalRate],
        [5, 3, 1, 1, 0.6],
      );
      const byRule = Object.fromEntries(
        stats.byRule.map((r) => [r.rule, [r.approved, r.refused, r.timedOut]]),
      );
      assert.deepEqual(byRule, { 'history-rewrite': [3, 0, 0], 'privilege-escalation': [0, 1, 1] });
      assert.deepEqual(
        stats.byAgent.map((a) => [a.agent, a.asked]),
        [['test-agent', 5]],
      );
      assert.equal(typeof stats.medianDecisionMs, 'number');
      // The three approvals in a row are a rubber-stamp run when each took under 2 s (on a machine
      // this loaded, one may not have: the count follows the receipts either way).
      const quick = took.slice(0, 3).every((ms) => ms < QUICK_APPROVAL_MS);
      assert.equal(stats.byRule[0]!.quickRuns, quick ? 1 : 0);

      const text = await runCli(['status'], { env: { AARM_HOME: t.homeDir, HOME: join(temp.dir, 'home') } });
      assert.match(
        text.stdout,
        /^approvals \(the last 10000 receipts\): 5 asked: 3 approved, 1 refused, 1 timed out; median \d+\.\d s to decide/m,
      );

      // The editor's Session at a Glance, over the receipts as an approver lists them.
      const listed = await approver.call({ type: 'receipts', session: 'quality' });
      assert.ok(listed.type === 'receipts');
      const html = sessionGlanceHtml(sessionGlance('quality', listed.receipts, []));
      const section = html.slice(html.indexOf('<h2>Approvals</h2>'));
      assert.match(
        section,
        /^<h2>Approvals<\/h2>\n<p class="approvals-summary">5 asked: 3 approved, 1 refused, 1 timed out/,
      );
      assert.match(
        section,
        /<tr><td><code>history-rewrite<\/code><\/td><td class="n">3<\/td><td class="n">3<\/td>/,
      );

      // A restarted daemon reads the counts back from its receipts.
      await t.close();
      t = await startTestDaemon({ root: temp.dir });
      const restarted = await statusJson(t.homeDir, temp.dir);
      assert.deepEqual(
        [restarted.asked, restarted.approved, restarted.refused, restarted.timedOut, restarted.quickRuns],
        [5, 3, 1, 1, stats.quickRuns],
      );
    } finally {
      await t.close();
      temp.cleanup();
    }
  },
);
