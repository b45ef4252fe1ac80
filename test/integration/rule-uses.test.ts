/**
 * "Always" rules with a maximum of uses (docs/approvals.md): the daemon counts the uses from the
 * signed receipts, takes one in the tick of the judgement, and leaves the rule out once used up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CLI, runCli, startTestDaemon, tempDir, type TestDaemon } from '../helpers/env.js';
import { terminal } from '../helpers/terminal.js';
import {
  approvalRequests,
  hoverOnRuleId,
  outside,
  approveAlways,
  refuseEach,
  STEP_UP_RULE,
  writeApprovedByHand,
} from '../helpers/approvals.js';

/** `aarm check` of the action against the policies (and the recorded uses) of this AARM_HOME. */
async function check(t: TestDaemon): Promise<string> {
  const result = await runCli(['check'], {
    env: { AARM_HOME: t.homeDir },
    input: `${JSON.stringify(outside(t))}\n`,
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('{'));
  assert.ok(line, `aarm check answered: ${result.stdout}${result.stderr}`);
  return (JSON.parse(line) as { rule: string }).rule;
}

async function listed(homeDir: string): Promise<string> {
  const result = await runCli(['grants', 'list'], { env: { AARM_HOME: homeDir } });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

test('a rule with at most 2 uses allows the action twice; the third try steps up again, and the list shows the count', async () => {
  const t = await startTestDaemon({ approvalTimeoutMs: 20_000 });
  try {
    const approver = await t.approver('vscode');
    const asked = approvalRequests(approver);
    const id = await approveAlways(t, approver, asked, { maxUses: 2 });
    const file = parse(readFileSync(join(t.homeDir, 'policies', 'approved.yaml'), 'utf8')) as {
      overrides: Array<{ approved: { max_uses: number } }>;
      rules: Array<{ approved: { max_uses: number } }>;
    };
    assert.deepEqual(
      [file.overrides[0]!.approved.max_uses, file.rules[0]!.approved.max_uses],
      [2, 2],
      'both entries carry the maximum',
    );
    assert.match(await listed(t.homeDir), new RegExp(`${id}  rule in .*, used 0 of 2$`, 'm'));
    assert.match(
      await hoverOnRuleId(t.homeDir, join(t.homeDir, 'policies', 'approved.yaml'), id),
      /at most 2 uses \(`aarm grants list` shows how many are used\)/,
      'the editor shows the maximum on hover',
    );

    const agent = await t.client({ session: 'later' });
    const first = await agent.submit(outside(t));
    assert.deepEqual([first.verdict, first.decision.rule], ['allow', id]);
    assert.match(await listed(t.homeDir), /, used 1 of 2$/m);
    assert.equal(await check(t), id, '`aarm check` agrees: one use left');
    const second = await agent.submit(outside(t));
    assert.deepEqual([second.verdict, second.decision.rule], ['allow', id]);
    const listing = await listed(t.homeDir);
    assert.match(listing, /, used 2 of 2 \(used up: it no longer applies\)$/m);
    assert.doesNotMatch(
      listing,
      /grant_/,
      'an "always" whose rule ends makes no grant that would outlive it',
    );
    const json = JSON.parse(
      (await runCli(['grants', 'list', '--json'], { env: { AARM_HOME: t.homeDir } })).stdout,
    ) as { rules: Array<{ id: string; uses: number; maxUses: number }> };
    assert.deepEqual(
      json.rules.map((r) => [r.id, r.uses, r.maxUses]),
      [[id, 2, 2]],
    );

    assert.equal(await check(t), STEP_UP_RULE, '`aarm check` counts the uses the receipts record');
    // Used up: the pack's step-up applies again, and the approver is asked (and refuses).
    refuseEach(approver, asked);
    const third = await agent.submit(outside(t));
    assert.deepEqual(
      [third.verdict, third.decision.decision, third.decision.rule],
      ['deny', 'step_up', STEP_UP_RULE],
    );

    const lint = await runCli(['policy', 'lint', join(t.homeDir, 'policies', 'approved.yaml')], {
      env: { AARM_HOME: t.homeDir },
    });
    assert.match(lint.stdout, /info: allows exactly one action: .*, at most 2 uses \(used 2 of 2\)/);
    assert.match(lint.stdout, /warning: this approval was used 2 of 2 times: it no longer applies/);
  } finally {
    await t.close();
  }
});

test('two actions judged together when one use is left: exactly one is allowed', async () => {
  const t = await startTestDaemon({ approvalTimeoutMs: 20_000 });
  try {
    const approver = await t.approver('vscode');
    const asked = approvalRequests(approver);
    const id = await approveAlways(t, approver, asked, { maxUses: 1 });
    // Two sessions (each has its own queue), sent without waiting for either answer.
    refuseEach(approver, asked);
    const [a, b] = [await t.client({ session: 'a' }), await t.client({ session: 'b' })];
    const answers = await Promise.all([a.submit(outside(t)), b.submit(outside(t))]);
    const decisions = answers.map((d) => [d.verdict, d.decision.rule]);
    assert.deepEqual(
      decisions.sort(),
      [
        ['allow', id],
        ['deny', STEP_UP_RULE],
      ],
      JSON.stringify(decisions),
    );
    assert.match(await listed(t.homeDir), /, used 1 of 1 \(used up/);
  } finally {
    await t.close();
  }
});

test('the count survives a restart: it is counted again from the receipts', async () => {
  const root = tempDir();
  try {
    let t = await startTestDaemon({ root: root.dir, approvalTimeoutMs: 20_000 });
    let approver = await t.approver('vscode');
    const id = await approveAlways(t, approver, approvalRequests(approver), { maxUses: 2 });
    const agent = await t.client({ session: 'later' });
    assert.deepEqual([(await agent.submit(outside(t))).decision.rule], [id]);
    await t.close();

    t = await startTestDaemon({ root: root.dir, approvalTimeoutMs: 20_000 });
    try {
      assert.match(await listed(t.homeDir), /, used 1 of 2$/m);
      approver = await t.approver('vscode');
      refuseEach(approver, approvalRequests(approver));
      const again = await t.client({ session: 'after-restart' });
      assert.deepEqual((await again.submit(outside(t))).decision.rule, id, 'the one use left');
      assert.equal((await again.submit(outside(t))).decision.rule, STEP_UP_RULE);
    } finally {
      await t.close();
    }
  } finally {
    root.cleanup();
  }
});

test('a rule with an expiry and a maximum of uses ends at whichever comes first', async () => {
  const t = await startTestDaemon({ approvalTimeoutMs: 20_000 });
  try {
    const approver = await t.approver('vscode');
    const asked = approvalRequests(approver);
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    const id = await approveAlways(t, approver, asked, { expires, maxUses: 1 });
    assert.match(await listed(t.homeDir), new RegExp(`until ${expires}, used 0 of 1$`, 'm'));
    refuseEach(approver, asked);
    const agent = await t.client({ session: 'later' });
    assert.equal((await agent.submit(outside(t))).decision.rule, id);
    assert.equal((await agent.submit(outside(t))).decision.rule, STEP_UP_RULE, 'used up before it expired');
  } finally {
    await t.close();
  }
});

test('a proposal refuses a maximum of uses that is not a whole number from 1', async () => {
  const t = await startTestDaemon({ approvalTimeoutMs: 20_000 });
  try {
    const approver = await t.approver('vscode');
    const asked = approvalRequests(approver);
    const agent = await t.client({ session: 's' });
    const decided = agent.submit(outside(t));
    const request = await asked.next();
    for (const maxUses of [0, -1, 1.5, '2', 1_000_000]) {
      const reply = await approver.request({
        type: 'propose_rule',
        id: `p${String(maxUses)}`,
        approvalId: request.approvalId,
        maxUses,
      });
      assert.equal(reply.type, 'error', `maxUses ${String(maxUses)}: ${JSON.stringify(reply)}`);
      assert.match(JSON.stringify(reply), /maxUses/);
    }
    await approver.approve(request.approvalId, 'deny');
    assert.equal((await decided).verdict, 'deny');
  } finally {
    await t.close();
  }
});

test('aarm approve: after w, l limits the rule ("3 uses"), the rule is shown again with it, and r writes it', async () => {
  const t = await startTestDaemon({ approvalTimeoutMs: 60_000 });
  let tty: ReturnType<typeof terminal> | undefined;
  try {
    tty = terminal(t.root, t.homeDir, [process.execPath, CLI, 'approve'], { columns: 160, rows: 70 });
    await tty.waitFor(/Register this terminal as an approver for this run\?/);
    tty.keys('y');
    await tty.waitFor(/this terminal approves with key/);
    const agent = await t.client({ session: 'rule' });
    const decided = agent.submit(outside(t));
    await tty.waitFor(/AARM approvals: 1 pending/);
    tty.keys('w');
    await tty.waitFor(/l limits the rule \(time, uses\)/);
    tty.keys('l');
    await tty.waitFor(/limit the rule:/);
    tty.keys('3 apples\r');
    await tty.waitFor(/not understood: `3 apples`/);
    for (let i = 0; i < 8; i++) tty.keys('\x7f');
    tty.keys('2d 3 uses\r');
    const shown = await tty.waitFor(
      /r also writes this rule into .*approved\.yaml \(until .*, at most 3 uses\):/,
    );
    assert.match(shown, /max_uses: 3/);
    assert.match(shown, /expires:/);
    tty.keys('r');
    assert.equal((await decided).verdict, 'allow');
    await tty.waitFor(/allowed always, and the rule goes into/);
    const file = parse(readFileSync(join(t.homeDir, 'policies', 'approved.yaml'), 'utf8')) as {
      rules: Array<{ approved: { max_uses: number; expires: string } }>;
    };
    assert.equal(file.rules[0]!.approved.max_uses, 3);
    const days = (Date.parse(file.rules[0]!.approved.expires) - Date.now()) / 86_400_000;
    assert.ok(days > 1.9 && days <= 2, `expires in ${days} days`);
    tty.keys('q');
    await tty.waitFor(/exit 0/);
  } finally {
    tty?.close();
    await t.close();
  }
});

test('a rule whose receipt is not in the receipt store (a store started again after a loss) counts as used up', async () => {
  const t = await startTestDaemon();
  try {
    const action = outside(t);
    let file = '';
    const write = (limit: Record<string, number>) => {
      file = writeApprovedByHand(t, {
        id: 'approved-1',
        approver: 'apr-1',
        approval: 'appr-1',
        receipt: 'rcpt-gone',
        date: '2026-01-01T00:00:00Z',
        ...limit,
      });
    };
    const agent = await t.client({ session: 'lost' });
    write({});
    assert.equal((await agent.submit(action)).decision.rule, 'approved-1', 'without a maximum it applies');
    write({ max_uses: 5 });
    const refused = await agent.submit(action);
    assert.deepEqual([refused.verdict, refused.decision.rule], ['deny', STEP_UP_RULE]);
    const lint = await runCli(['policy', 'lint', file], { env: { AARM_HOME: t.homeDir } });
    assert.match(
      lint.stdout,
      /warning: its receipt rcpt-gone is not in the receipt store, so its uses cannot be counted: it no longer applies/,
    );
  } finally {
    await t.close();
  }
});
