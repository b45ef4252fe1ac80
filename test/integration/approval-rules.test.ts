/**
 * "Always" as a rule in the user's policy (docs/approvals.md): the daemon proposes the narrowest
 * rule, with the past actions it would have allowed, and writes it only on a signed "always".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runCli, shellAction, startTestDaemon, tempDir } from '../helpers/env.js';
import type { AarmClient } from '../../daemon/src/client/client.js';
import type { ServerMessage } from '../../daemon/src/protocol/index.js';
import { nextRequest, hoverOnRuleId } from '../helpers/approvals.js';

/** `aarm check` of one shell command against the policies of this AARM_HOME. */
async function check(homeDir: string, command: string, cwd: string, workspace: string) {
  const action = { ...shellAction(command, cwd, workspace), identity: { agent: { name: 'test' } } };
  const result = await runCli(['check'], {
    env: { AARM_HOME: homeDir },
    input: `${JSON.stringify(action)}\n`,
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('{'));
  assert.ok(line, `aarm check answered: ${result.stdout}${result.stderr}`);
  return JSON.parse(line) as { decision: string; rule: string };
}

test('an "always" answer writes a rule for exactly that action: it allows it again, nothing wider, and is listed and revoked with the grants', async () => {
  const t = await startTestDaemon({ approvalTimeoutMs: 20_000 });
  try {
    const other = join(t.root, 'other-project');
    const shared = join(t.root, 'shared');
    for (const dir of [t.workspace, other, shared, join(t.root, 'elsewhere')])
      mkdirSync(dir, { recursive: true });
    // A command run outside the workspace: the pack steps it up (medium risk, so "always" is offered).
    const copy = 'ls -la';
    const agent = await t.client({ session: 'before' });
    // Two earlier tries of the same action (no approver then), and one of another.
    const past = [
      await agent.submit(shellAction(copy, shared, t.workspace)),
      await agent.submit(shellAction(copy, shared, t.workspace)),
    ];
    const elsewhere = await agent.submit(shellAction('ls -l', shared, t.workspace));
    assert.deepEqual(
      [...past, elsewhere].map((d) => [d.decision.decision, d.decision.rule]),
      Array(3).fill(['step_up', 'shell.cwd-outside-workspace']),
    );

    const approver = await t.approver('vscode');
    const asked = nextRequest(approver);
    const decided = agent.submit(shellAction(copy, shared, t.workspace));
    const request = await asked;
    const proposal = await approver.proposeRule(request.approvalId);
    assert.equal(proposal.count, 2, 'the two earlier tries of the same action, not the other one');
    assert.deepEqual(
      proposal.receipts,
      past.map((d) => d.receiptId),
    );
    assert.equal(proposal.file, join(t.homeDir, 'policies', 'approved.yaml'));
    assert.match(proposal.text, /rule: shell.cwd-outside-workspace/);
    assert.ok(proposal.text.includes(copy));
    await approver.approveWithRule(request.approvalId, proposal);
    const approved = await decided;
    assert.equal(approved.verdict, 'allow');

    // The file: an exception of the pack rule and an allow, both with their provenance.
    const file = parse(readFileSync(proposal.file, 'utf8')) as {
      overrides: Array<{ rule: string; approved: Record<string, string> }>;
      rules: Array<{ id: string; decision: string; approved: Record<string, string> }>;
    };
    assert.equal(file.overrides.length, 1);
    assert.equal(file.rules.length, 1);
    const [override] = file.overrides;
    const [allow] = file.rules;
    assert.equal(override!.rule, 'shell.cwd-outside-workspace');
    assert.equal(allow!.decision, 'allow');
    const keyId = (await approver.approvers())[0]!.keyId;
    for (const entry of [override!, allow!]) {
      assert.equal(entry.approved.id, allow!.id);
      assert.equal(entry.approved.approver, keyId);
      assert.equal(entry.approved.approval, request.approvalId);
      assert.equal(entry.approved.receipt, approved.receiptId);
      assert.match(entry.approved.date ?? '', /^\d{4}-\d\d-\d\dT/);
    }
    const lint = await runCli(['policy', 'lint', proposal.file], { env: { AARM_HOME: t.homeDir } });
    assert.equal(lint.code, 0, lint.stdout + lint.stderr);
    assert.match(
      lint.stdout,
      new RegExp(
        `info: allows exactly one action: approved "always" by approver key ${keyId} \\(approval ${request.approvalId}, receipt ${approved.receiptId}\\)`,
      ),
    );
    const hover = await hoverOnRuleId(t.homeDir, proposal.file, allow!.id);
    assert.match(
      hover,
      new RegExp(`receipt ${approved.receiptId}`),
      'the editor shows the provenance on hover',
    );

    // No agent can write the file itself: it is the user's policy, protected like aarm's own files.
    const tamper = await agent.submit(shellAction(`echo '# x' >> ${proposal.file}`, t.workspace));
    assert.equal(tamper.verdict, 'deny');

    // The same action again, in a new session: allowed by the rule, no step-up.
    const again = await (await t.client({ session: 'after' })).submit(shellAction(copy, shared, t.workspace));
    assert.deepEqual(
      [again.verdict, again.decision.decision, again.decision.rule],
      ['allow', 'allow', allow!.id],
    );
    assert.deepEqual(
      [(await check(t.homeDir, copy, shared, t.workspace)).decision],
      ['allow'],
      '`aarm check` agrees',
    );
    // Nothing wider: another argument, another folder, another workspace still step up.
    for (const [command, cwd, workspace] of [
      ['ls -l', shared, t.workspace],
      ['ls -la .', shared, t.workspace],
      [copy, join(t.root, 'elsewhere'), t.workspace],
      [copy, shared, other],
    ] as const) {
      const decision = await check(t.homeDir, command, cwd, workspace);
      assert.deepEqual(
        [decision.decision, decision.rule],
        ['step_up', 'shell.cwd-outside-workspace'],
        `${command} in ${cwd}`,
      );
    }

    // `aarm grants` lists the rule beside the grant, and revoking it takes it out of the file.
    const listed = await runCli(['grants', 'list'], { env: { AARM_HOME: t.homeDir } });
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(
      listed.stdout,
      new RegExp(`${allow!.id}  rule in ${proposal.file.replace(/[/.]/g, '\\$&')}`),
    );
    assert.match(listed.stdout, /shell\.cwd-outside-workspace/);
    const revoked = await runCli(['grants', 'revoke', allow!.id], { env: { AARM_HOME: t.homeDir } });
    assert.equal(revoked.code, 0, revoked.stderr);
    const after = parse(readFileSync(proposal.file, 'utf8')) as { overrides?: unknown[]; rules?: unknown[] };
    assert.deepEqual([after.overrides ?? [], after.rules ?? []], [[], []]);
    assert.equal((await check(t.homeDir, copy, shared, t.workspace)).decision, 'step_up');
    assert.deepEqual(
      await approver.grantsAndRules(),
      { grants: [], rules: [] },
      'the rule is gone, and the answer made no grant that would still allow the action',
    );
  } finally {
    await t.close();
  }
});

test('a rule is written only with a signed "always" from a registered approver key, never from an agent', async () => {
  const t = await startTestDaemon({ approvalTimeoutMs: 20_000 });
  try {
    mkdirSync(join(t.root, 'shared'), { recursive: true });
    mkdirSync(t.workspace, { recursive: true });
    const shared = join(t.root, 'shared');
    const approver = await t.approver('vscode');
    const agent = await t.client({ session: 's' });
    const asked = nextRequest(approver);
    const decided = agent.submit(shellAction('ls', shared, t.workspace));
    const request = await asked;
    const proposal = await approver.proposeRule(request.approvalId);

    // An agent connection may neither ask for a proposal nor confirm one.
    const byAgent = await agent.call({ type: 'propose_rule', approvalId: request.approvalId });
    assert.equal(byAgent.type === 'error' && byAgent.code, 'forbidden');
    const agentConfirms = await agent.call({
      type: 'approve',
      approvalId: request.approvalId,
      answer: 'allow',
      scope: 'always',
      rule: { proposalId: proposal.proposalId, signature: 'x' },
    });
    assert.equal(agentConfirms.type === 'error' && agentConfirms.code, 'forbidden');
    // Unsigned: refused, and nothing answered.
    const unsigned = await approver.call({
      type: 'approve',
      approvalId: request.approvalId,
      answer: 'allow',
      scope: 'always',
      rule: { proposalId: proposal.proposalId, signature: 'x' },
    });
    assert.equal(unsigned.type === 'error' && unsigned.code, 'unsigned_approval');
    // A rule with a refusal, or with a scope other than always: refused.
    const withDeny = await approver.call({
      type: 'approve',
      approvalId: request.approvalId,
      answer: 'deny',
      rule: { proposalId: proposal.proposalId, signature: 'x' },
    });
    assert.equal(withDeny.type === 'error' && withDeny.code, 'no_rule');
    assert.equal(existsSync(proposal.file), false, 'nothing written');
    // The approval is still pending: a real answer settles it.
    await approver.approve(request.approvalId, 'deny');
    assert.equal((await decided).verdict, 'deny');
    assert.equal(existsSync(proposal.file), false);
  } finally {
    await t.close();
  }
});

test('an approved rule past its expiry no longer applies, and lint says so', async () => {
  const root = tempDir();
  try {
    const homeDir = join(root.dir, 'aarm-home');
    const workspace = join(root.dir, 'project');
    const shared = join(root.dir, 'shared');
    mkdirSync(join(homeDir, 'policies'), { recursive: true });
    const file = join(homeDir, 'policies', 'approved.yaml');
    const condition = `action.tool == "shell" && workspace == ${JSON.stringify(workspace)} && action.parameters == {"command": "ls", "cwd": ${JSON.stringify(shared)}}`;
    const write = (expires: string) =>
      writeFileSync(
        file,
        stringify({
          aarm: 1,
          name: 'approved',
          overrides: [
            {
              rule: 'shell.cwd-outside-workspace',
              when: `!(${condition})`,
              reason: 'approved',
              approved: {
                id: 'approved-1',
                approver: 'apr-1',
                approval: 'appr-1',
                date: '2026-01-01T00:00:00Z',
                expires,
              },
            },
          ],
          rules: [
            {
              id: 'approved-1',
              when: condition,
              decision: 'allow',
              reason: 'approved',
              approved: {
                id: 'approved-1',
                approver: 'apr-1',
                approval: 'appr-1',
                date: '2026-01-01T00:00:00Z',
                expires,
              },
            },
          ],
        }),
      );
    write('2999-01-01T00:00:00Z');
    assert.equal((await check(homeDir, 'ls', shared, workspace)).decision, 'allow');
    write('2000-01-01T00:00:00Z');
    const expired = await check(homeDir, 'ls', shared, workspace);
    assert.deepEqual([expired.decision, expired.rule], ['step_up', 'shell.cwd-outside-workspace']);
    const lint = await runCli(['policy', 'lint', file], { env: { AARM_HOME: homeDir } });
    assert.match(lint.stdout + lint.stderr, /warning: this approval expired at 2000-01-01T00:00:00Z/);
  } finally {
    root.cleanup();
  }
});

/**
 * What the editor's Grants view does, over a real connection: it lists again each time the daemon
 * says `grants_changed`. Resolves once such a listing satisfies `holds` (never on a timer).
 */
function grantsView(approver: AarmClient) {
  let listing = approver.grantsAndRules();
  const waiting: Array<() => void> = [];
  approver.onMessage((message: ServerMessage) => {
    if (message.type !== 'grants_changed') return;
    listing = approver.grantsAndRules();
    for (const wake of waiting.splice(0)) wake();
  });
  return async (holds: (shown: Awaited<typeof listing>) => boolean) => {
    for (;;) {
      const woken = new Promise<void>((resolve) => waiting.push(resolve));
      const shown = await listing;
      if (holds(shown)) return shown;
      await woken;
    }
  };
}

test(
  'the Grants view lists a rule as it is written (the answer makes no grant beside it), and revoking it through the daemon asks again; `aarm grants list --json` has one shape',
  {
    timeout: 120_000,
  },
  async () => {
    const t = await startTestDaemon({ approvalTimeoutMs: 20_000 });
    try {
      const shared = join(t.root, 'shared');
      for (const dir of [t.workspace, shared]) mkdirSync(dir, { recursive: true });
      const listJson = async () => {
        const listed = await runCli(['grants', 'list', '--json'], { env: { AARM_HOME: t.homeDir } });
        assert.equal(listed.code, 0, listed.stderr);
        return JSON.parse(listed.stdout) as { grants: Array<{ id: string }>; rules: Array<{ id: string }> };
      };
      assert.deepEqual(await listJson(), { grants: [], rules: [] }, 'the same shape when there is nothing');

      const approver = await t.approver('vscode');
      // Another approver connection, as the editor's view: it never asks except when told.
      const view = grantsView(await t.approver('view'));
      const agent = await t.client({ session: 's' });
      const asked = nextRequest(approver);
      const decided = agent.submit(shellAction('ls -la', shared, t.workspace));
      const request = await asked;
      await approver.approveWithRule(request.approvalId, await approver.proposeRule(request.approvalId));
      assert.equal((await decided).verdict, 'allow');

      // The rule is the whole of "always": no grant beside it, which would outlive its revocation,
      // its expiry and its maximum uses.
      const written = await view((shown) => shown.rules.length === 1);
      assert.deepEqual(written.grants, []);
      const [rule] = written.rules;
      assert.deepEqual(
        [rule!.rule, rule!.file, rule!.approval],
        ['shell.cwd-outside-workspace', join(t.homeDir, 'policies', 'approved.yaml'), request.approvalId],
      );
      const json = await listJson();
      assert.deepEqual(Object.keys(json), ['grants', 'rules']);
      assert.deepEqual([json.grants.map((g) => g.id), json.rules.map((r) => r.id)], [[], [rule!.id]]);
      assert.equal((await agent.submit(shellAction('ls -la', shared, t.workspace))).decision.rule, rule!.id);

      // Revoke on the rule, as the view does it: the daemon takes it out of the file and says so.
      await approver.revoke(rule!.id);
      await view((shown) => shown.rules.length === 0);
      assert.ok(!readFileSync(rule!.file, 'utf8').includes(rule!.id), 'the rule is out of the file');

      // Now the action steps up again: a human is asked.
      const askedAgain = nextRequest(approver);
      const again = agent.submit(shellAction('ls -la', shared, t.workspace));
      assert.equal((await askedAgain).decision.rule, 'shell.cwd-outside-workspace');
      await approver.approve((await askedAgain).approvalId, 'deny');
      assert.equal((await again).verdict, 'deny');
      assert.deepEqual(await listJson(), { grants: [], rules: [] });
    } finally {
      await t.close();
    }
  },
);
