/**
 * `aarm approve` and `aarm pending` against a real daemon, driven as a human would: keys typed
 * into a real pseudo-terminal (tmux), the screen read back as the human sees it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { ApprovalRequest } from '../../daemon/src/protocol/index.js';
import { CLI, runCli, shellAction, startTestDaemon, storedReceipts } from '../helpers/env.js';
import { quote, terminal } from '../helpers/terminal.js';

async function pendingRequests(homeDir: string): Promise<ApprovalRequest[]> {
  const listed = await runCli(['pending', '--json'], { env: { AARM_HOME: homeDir } });
  assert.equal(listed.code, 0, listed.stderr);
  return JSON.parse(listed.stdout) as ApprovalRequest[];
}

test('aarm approve: a human allows one step-up and denies another from a terminal; the receipt names the terminal’s own key, which is gone when it quits', async () => {
  const t = await startTestDaemon();
  let tty: ReturnType<typeof terminal> | undefined;
  try {
    mkdirSync(t.workspace, { recursive: true });
    // The human's terminal is open first: a step-up with no approver connected is denied at once.
    tty = terminal(t.root, t.homeDir, [process.execPath, CLI, 'approve']);
    const asking = await tty.waitFor(
      /Register this terminal as an approver for this run\? Key id (apr-[\w-]+)/,
    );
    const keyId = /Key id (apr-[\w-]+)/.exec(asking)![1]!;
    // Until the human says yes, the key approves nothing and is not saved anywhere.
    tty.keys('y');
    await tty.waitFor(/this terminal approves with key/);
    const listedKeys = await runCli(['approvers', 'list', '--json'], { env: { AARM_HOME: t.homeDir } });
    assert.deepEqual(
      (JSON.parse(listedKeys.stdout) as Array<{ keyId: string; status: string; ephemeral?: boolean }>).map(
        (k) => [k.keyId, k.status, k.ephemeral],
      ),
      [[keyId, 'registered', true]],
    );

    const agent = await t.client({
      session: 'terminal-approval',
      identity: { agent: { name: 'claude-code' } },
    });
    const push = agent.submit(shellAction('git push --force origin main', t.workspace));
    let pending: ApprovalRequest[] = [];
    while (pending.length < 1) pending = await pendingRequests(t.homeDir);
    // Another session (a session's actions wait their turn). A bidi override: the screen must show
    // it, not let it reorder what the human reads.
    const other = await t.client({ session: 'terminal-approval-2', identity: { agent: { name: 'codex' } } });
    const hidden = other.submit(shellAction('git push --force origin \u202enim', t.workspace));
    // Two step-ups wait; `aarm pending --json` lists them for scripts, whole.
    while (pending.length < 2) pending = await pendingRequests(t.homeDir);
    assert.deepEqual(
      pending.map((r) => r.action.parameters),
      [
        { command: 'git push --force origin main', cwd: t.workspace },
        { command: 'git push --force origin \u202enim', cwd: t.workspace },
      ],
    );
    assert.equal(pending[0]!.decision.rule, 'history-rewrite');
    assert.deepEqual(pending[0]!.scopes, ['once', 'session'], 'a high risk is never allowed always');
    const lines = await runCli(['pending'], { env: { AARM_HOME: t.homeDir } });
    assert.equal(lines.code, 0, lines.stderr);
    const rows = lines.stdout.trim().split('\n');
    assert.equal(rows.length, 2);
    assert.match(
      rows[0]!,
      /\thigh\thistory-rewrite\tclaude-code\tterminal-approval\t\d+s\tgit push --force origin main$/,
    );
    assert.match(
      rows[1]!,
      /git push --force origin \\u\{202e\}nim$/,
      'the hidden character is shown as an escape',
    );

    const ready = await tty.waitFor(/AARM approvals: 2 pending/);
    assert.match(ready, /claude-code asks to run:\n\s+git push --force origin main\n/);
    assert.match(ready, /HIGH risk, rule history-rewrite: rewrites history/);
    assert.match(ready, /a allow once {2}s allow for this session {2}d deny {2}n note {2}q quit/);
    assert.doesNotMatch(ready, /always allow/, 'only the scopes the request offers');

    // Allow the first once: a asks, y confirms.
    tty.keys('a');
    await tty.waitFor(/Allow once: git push --force origin main\ny allows it/);
    tty.keys('y');
    const allowed = await push;
    assert.equal(allowed.verdict, 'allow', allowed.decision.reason);

    // The second shows its hidden character as an escape; deny it with a note.
    const second = await tty.waitFor(/AARM approvals: 1 pending/);
    assert.match(second, /git push --force origin \\u\{202e\}nim/);
    tty.keys('n');
    tty.keys('-l', 'not that branch');
    tty.keys('Enter');
    await tty.waitFor(/note kept/);
    tty.keys('d');
    const denied = await hidden;
    assert.equal(denied.verdict, 'deny');
    await tty.waitFor(/AARM approvals: 0 pending/);

    const receipts = storedReceipts(t.homeDir).filter((r) => r.kind === 'action');
    const approvalOf = (command: string) =>
      receipts.find(
        (r) => r.kind === 'action' && (r.action?.parameters as { command?: string }).command === command,
      );
    const allowReceipt = approvalOf('git push --force origin main');
    assert.ok(allowReceipt && allowReceipt.kind === 'action');
    assert.equal(allowReceipt.approval.status, 'approved');
    assert.equal(allowReceipt.approval.approverKey?.keyId, keyId, 'signed by the terminal’s key');
    assert.match(
      allowReceipt.approval.approver ?? '',
      new RegExp(`via aarm approve on /dev/pts/\\d+ \\(${keyId}\\)`),
    );
    const denyReceipt = approvalOf('git push --force origin \u202enim');
    assert.ok(denyReceipt && denyReceipt.kind === 'action');
    assert.equal(denyReceipt.approval.note, 'not that branch');

    // q quits; the daemon forgets the terminal's key, and none was ever saved.
    tty.keys('q');
    await tty.waitFor(/exit 0/);
    const after = await runCli(['approvers', 'list', '--json'], { env: { AARM_HOME: t.homeDir } });
    assert.deepEqual(JSON.parse(after.stdout), []);
    assert.equal(existsSync(join(t.homeDir, 'approvers.json')), false);
    // The approval's signature still checks after the key is gone: the receipt holds its public key.
    const bundle = join(t.root, 'all.jsonl');
    const exported = await runCli(['export', '--all', '--out', bundle], { env: { AARM_HOME: t.homeDir } });
    assert.equal(exported.code, 0, exported.stderr);
    const verified = await runCli(['verify', bundle], { env: { AARM_HOME: t.homeDir } });
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(
      verified.stdout,
      new RegExp(`signed by approver key\\(s\\) ${keyId}, every signature holds`),
    );
  } finally {
    tty?.close();
    await t.close();
  }
});

test('aarm approve offers no allow for an action it cannot show whole, and a key the human declined only denies', async () => {
  const t = await startTestDaemon();
  let tty: ReturnType<typeof terminal> | undefined;
  try {
    mkdirSync(t.workspace, { recursive: true });
    tty = terminal(t.root, t.homeDir, [process.execPath, CLI, 'approve'], { columns: 80, rows: 24 });
    await tty.waitFor(/\[y\/N\]/);
    tty.keys('y');
    await tty.waitFor(/this terminal approves with key/);
    const agent = await t.client({ session: 'too-long' });
    const long = `git push --force origin main ${'x'.repeat(4000)}`;
    const decision = agent.submit(shellAction(long, t.workspace));
    const screen = await tty.waitFor(/AARM approvals: 1 pending/);
    assert.match(screen, /enlarge the window to allow this \(d denies\)/);
    assert.doesNotMatch(screen, /a allow once/);
    tty.keys('a');
    await tty.waitFor(/the whole action is not on the screen/);
    // A bigger window shows it all: then it can be allowed (here it is denied).
    tty.resize(200, 70);
    await tty.waitFor(/a allow once/);
    tty.keys('d');
    assert.equal((await decision).verdict, 'deny');
    tty.keys('q');
    await tty.waitFor(/exit 0/);
    tty.close();

    // Declined at the start: the key is never confirmed, allow is refused, deny still works.
    tty = terminal(t.root, t.homeDir, [process.execPath, CLI, 'approve']);
    await tty.waitFor(/\[y\/N\]/);
    tty.keys('n');
    await tty.waitFor(/NOT an approver: deny only/);
    const second = agent.submit(shellAction('git push --force origin main', t.workspace));
    await tty.waitFor(/AARM approvals: 1 pending/);
    tty.keys('a');
    await tty.waitFor(/not an approver in this run/);
    tty.keys('d');
    assert.equal((await second).verdict, 'deny');
  } finally {
    tty?.close();
    await t.close();
  }
});

test('aarm approve and aarm pending refuse under a coding agent, and approve without a terminal', async () => {
  const t = await startTestDaemon();
  let tty: ReturnType<typeof terminal> | undefined;
  try {
    // A process named as an agent program (`claude`) above the command, as when the agent runs it.
    const bin = join(t.root, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync('/bin/sh', join(bin, 'claude'));
    const underAgent = (args: string[]) =>
      [
        join(bin, 'claude'),
        '-c',
        `${[process.execPath, CLI, ...args].map(quote).join(' ')}; exit $?`,
      ] as const;
    const [agentProgram, ...agentArgs] = underAgent(['pending', '--json']);
    const { spawnSync } = await import('node:child_process');
    const pending = spawnSync(agentProgram, agentArgs, {
      env: { ...process.env, AARM_HOME: t.homeDir },
      encoding: 'utf8',
    });
    assert.equal(pending.status, 1);
    assert.match(
      pending.stderr,
      /aarm pending: this terminal runs under a coding agent \(claude \(pid \d+\)\); only a human approves/,
    );
    assert.equal(pending.stdout, '');

    // In a real terminal, too.
    tty = terminal(t.root, t.homeDir, [...underAgent(['approve'])]);
    const refused = await tty.waitFor(/exit \d+/);
    assert.match(refused, /aarm approve: this terminal runs under a coding agent/);
    assert.match(refused, /exit 1/);

    // Without a terminal (a script, an agent's tool): refused before anything is registered.
    const scripted = await runCli(['approve'], { env: { AARM_HOME: t.homeDir } });
    assert.equal(scripted.code, 1);
    assert.match(scripted.stderr, /aarm approve: needs an interactive terminal/);
    const keys = await runCli(['approvers', 'list', '--json'], { env: { AARM_HOME: t.homeDir } });
    assert.deepEqual(JSON.parse(keys.stdout), []);
  } finally {
    tty?.close();
    await t.close();
  }
});

test('aarm approve: a request nobody answers leaves the list when it times out, denied', async () => {
  const t = await startTestDaemon({ approvalTimeoutMs: 2000 });
  let tty: ReturnType<typeof terminal> | undefined;
  try {
    mkdirSync(t.workspace, { recursive: true });
    tty = terminal(t.root, t.homeDir, [process.execPath, CLI, 'approve']);
    await tty.waitFor(/\[y\/N\]/);
    tty.keys('y');
    await tty.waitFor(/this terminal approves with key/);
    const agent = await t.client({ session: 'unanswered' });
    const decision = agent.submit(shellAction('git push --force origin main', t.workspace));
    await tty.waitFor(/AARM approvals: 1 pending/);
    const denied = await decision;
    assert.equal(denied.verdict, 'deny');
    const after = await tty.waitFor(/AARM approvals: 0 pending/);
    assert.match(after, /Nothing waits for an answer/);
  } finally {
    tty?.close();
    await t.close();
  }
});

test('aarm approve: w shows the rule "always" would write, whole, and r writes it signed by the terminal\'s key', async () => {
  const t = await startTestDaemon({ approvalTimeoutMs: 60_000 });
  let tty: ReturnType<typeof terminal> | undefined;
  try {
    const shared = join(t.root, 'shared');
    mkdirSync(t.workspace, { recursive: true });
    mkdirSync(shared, { recursive: true });
    tty = terminal(t.root, t.homeDir, [process.execPath, CLI, 'approve'], { columns: 160, rows: 70 });
    const asking = await tty.waitFor(
      /Register this terminal as an approver for this run\? Key id (apr-[\w-]+)/,
    );
    const keyId = /Key id (apr-[\w-]+)/.exec(asking)![1]!;
    tty.keys('y');
    await tty.waitFor(/this terminal approves with key/);
    const agent = await t.client({ session: 'rule', identity: { agent: { name: 'claude-code' } } });
    const listing = agent.submit(shellAction('ls -la', shared, t.workspace));
    await tty.waitFor(/AARM approvals: 1 pending/);
    tty.keys('w');
    const shown = await tty.waitFor(/y allows it \(a grant\); r allows it and writes the rule/);
    assert.match(shown, /r also writes this rule into .*approved\.yaml:/);
    assert.match(shown, /rule: shell\.cwd-outside-workspace/);
    assert.match(shown, /it would have allowed 0 earlier action\(s\)/);
    tty.keys('r');
    assert.equal((await listing).verdict, 'allow');
    await tty.waitFor(/allowed always, and the rule goes into/);
    const file = readFileSync(join(t.homeDir, 'policies', 'approved.yaml'), 'utf8');
    assert.match(file, new RegExp(`approver: ${keyId}`));
    tty.keys('q');
    await tty.waitFor(/exit 0/);
  } finally {
    tty?.close();
    await t.close();
  }
});
