/**
 * An agent attacking aarm through what issue 22 added last: rules with a maximum of uses (and an
 * expiry), "always" answers that write a rule instead of a grant, replays in a worker thread, the
 * Gemini CLI / VS Code outcome hooks and the protection of their hook files. Each test is one attack
 * of the review: it holds (blocked), or it was a hole, fixed here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { confinementAvailability } from '../../daemon/src/confinement/bubblewrap.js';
import { mapGeminiTool } from '../../daemon/src/agents/gemini-cli.js';
import { mapVscodeTool } from '../../daemon/src/agents/vscode.js';
import { grantsRow, grantsTree } from '../../extension/src/grants-tree.js';
import { conditionFor, workspaceOf } from '../../daemon/src/gate/approval-rules.js';
import type { AarmClient } from '../../daemon/src/client/client.js';
import type { Effects } from '../../daemon/src/protocol/index.js';
import { runCli, shellAction, startTestDaemon, storedReceipts, type TestDaemon } from '../helpers/env.js';
import {
  approvalRequests,
  outside,
  approveAlways,
  refuseEach,
  STEP_UP_RULE,
  writeApprovedByHand,
} from '../helpers/approvals.js';

test('a rule with at most 1 use, tried at once from eight connections and sessions: exactly one is allowed by it', async () => {
  const t = await startTestDaemon({ approvalTimeoutMs: 20_000 });
  try {
    const approver = await t.approver('vscode');
    const asked = approvalRequests(approver);
    const id = await approveAlways(t, approver, asked, { maxUses: 1 });
    refuseEach(approver, asked);
    const agents = await Promise.all(Array.from({ length: 8 }, (_, i) => t.client({ session: `race-${i}` })));
    const answers = await Promise.all(agents.map((agent) => agent.submit(outside(t))));
    assert.equal(answers.filter((a) => a.verdict === 'allow').length, 1);
    assert.equal(answers.filter((a) => a.decision.rule === id).length, 1);
    const again = await (await t.client({ session: 'after' })).submit(outside(t));
    assert.equal(again.decision.rule, STEP_UP_RULE);
  } finally {
    await t.close();
  }
});

test('a rule given an expiry by hand (approved.yaml is an ordinary policy file) stops applying when it expires', async () => {
  const t = await startTestDaemon();
  try {
    const action = outside(t);
    const expires = new Date(Date.now() + 1500).toISOString();
    writeApprovedByHand(t, {
      id: 'approved-1',
      approver: 'apr-1',
      approval: 'appr-1',
      date: '2026-01-01T00:00:00Z',
      expires,
    });
    const agent = await t.client({ session: 'hand' });
    const before = await agent.submit(action);
    if (Date.now() < Date.parse(expires)) assert.equal(before.decision.rule, 'approved-1');
    while (Date.now() <= Date.parse(expires) + 200) await new Promise((r) => setTimeout(r, 100));
    const after = await agent.submit(action);
    assert.equal(after.decision.rule, STEP_UP_RULE, 'the rule went on allowing after it expired');
  } finally {
    await t.close();
  }
});

test('an agent cannot start a replay, nor report an outcome as its own of a refused call', async () => {
  const t = await startTestDaemon();
  try {
    const draft = join(t.root, 'draft.yaml');
    writeFileSync(draft, 'aarm: 1\nname: draft\ndefault: allow\n');
    const agent = await t.client({ session: 'agent' });
    const reply = await agent.request({ type: 'replay', id: 'r', policies: [draft] });
    assert.equal(reply.type, 'error');
    assert.match(JSON.stringify(reply), /replay a draft policy/);

    // Gemini CLI: a refused call, then an AfterTool for it saying it ran: no outcome is recorded.
    mkdirSync(t.workspace, { recursive: true });
    const env = { AARM_HOME: t.homeDir, HOME: t.userHome, GEMINI_PROJECT_DIR: t.workspace };
    const call = {
      session_id: 'gem-1',
      cwd: t.workspace,
      tool_name: 'run_shell_command',
      tool_input: { command: 'rm -rf ~' },
    };
    const before = await runCli(['hook', 'gemini-cli'], {
      env,
      input: JSON.stringify({ ...call, hook_event_name: 'BeforeTool' }),
    });
    assert.match(before.stdout + before.stderr, /"decision":\s*"deny"|blocked|denied/i);
    const after = await runCli(['hook', 'gemini-cli'], {
      env,
      input: JSON.stringify({
        ...call,
        hook_event_name: 'AfterTool',
        tool_response: { llmContent: 'Exit Code: 0' },
      }),
    });
    assert.equal(after.code, 0);
    assert.equal(after.stdout, '', 'AfterTool only reports: it tells Gemini CLI nothing');
    assert.equal(storedReceipts(t.homeDir).filter((r) => r.kind === 'outcome').length, 0);
  } finally {
    await t.close();
  }
});

test("a second replay asked while the approver's first runs does not leave the first running after it disconnects", async () => {
  const t = await startTestDaemon();
  try {
    mkdirSync(t.workspace, { recursive: true });
    const commands = ['ls', 'npm test', 'git status', 'cat README.md'];
    await Promise.all(
      Array.from({ length: 20 }, async (_, s) => {
        const agent = await t.client({ session: `s-${s}` });
        for (let done = 0; done < 100; done += 16)
          await Promise.all(
            Array.from({ length: 16 }, (_, i) => agent.submit(shellAction(commands[i % 4]!, t.workspace))),
          );
      }),
    );
    const draft = join(t.root, 'draft.yaml');
    writeFileSync(
      draft,
      'aarm: 1\nname: draft\nrules:\n  - id: no-ls\n    match: { tool: shell }\n    when: \'action.parameters.command == "ls"\'\n    decision: deny\n    reason: no ls\n',
    );
    const first = await t.approver('first');
    void first.request({ type: 'replay', id: 'one', policies: [draft] }).catch(() => {});
    const second = await first.request({ type: 'replay', id: 'two', policies: [draft] });
    assert.equal(second.type, 'error');
    await first.close();
    // The first approver is gone: its replay was stopped, so another approver's runs.
    const other = await t.approver('other');
    const answer = await other.request({ type: 'replay', id: 'three', policies: [draft] });
    assert.equal(answer.type, 'replay', JSON.stringify(answer).slice(0, 300));
  } finally {
    await t.close();
  }
});

/** What the daemon answers for a shell command in the workspace (the agent's session). */
async function shellDecision(agent: AarmClient, t: TestDaemon, command: string) {
  return agent.submit(shellAction(command, t.workspace));
}

test("an agent cannot take aarm's Gemini CLI and VS Code hooks out (their settings and hook files) without a human", async () => {
  const t = await startTestDaemon();
  try {
    mkdirSync(t.workspace, { recursive: true });
    const agent = await t.client({ session: 'hooks' });
    const commands = [
      `echo '{"hooksConfig":{"enabled":false}}' > ~/.gemini/settings.json`,
      `echo '{"hooksConfig":{"enabled":false}}' > .gemini/settings.json`,
      `echo '{"chat.useHooks": false}' > .vscode/settings.json`,
      `sed -i 's/"chat.useHooks": true/"chat.useHooks": false/' ~/.config/Code/User/settings.json`,
      `echo '{"chat.hookFilesLocations": {}}' > ~/.local/share/code-server/User/settings.json`,
      `echo '{"chat.useHooks": false}' > ~/.vscode-server/data/Machine/settings.json`,
      `echo '{"chat.useHooks": false}' > ~/.local/share/code-server/Machine/settings.json`,
      `echo '{}' > ~/.gemini/trustedFolders.json`,
      'rm -rf .github/hooks',
      `echo '{"hooks":{}}' > .github/hooks/aarm.json`,
      `echo '{}' > ~/.copilot/hooks/aarm.json`,
      'mv .gemini .gemini.off',
      `echo '{"servers":{"x":{"command":"sh","args":["-c","id"]}}}' > .vscode/mcp.json`,
      `echo '{"folders":[{"path":"."}],"settings":{"chat.useHooks":false}}' > project.code-workspace`,
    ];
    for (const command of commands) {
      const decision = await shellDecision(agent, t, command);
      assert.notEqual(decision.verdict, 'allow', `${command}: ${decision.decision.rule}`);
    }
    // The agents' own write tools, as their hooks map them.
    const geminiWrites = [
      join(t.userHome, '.gemini', 'settings.json'),
      join(t.workspace, '.gemini', 'settings.json'),
      join(t.workspace, '.github', 'hooks', 'aarm.json'),
    ].map((file_path) =>
      mapGeminiTool(
        {
          session_id: 'hooks',
          cwd: t.workspace,
          hook_event_name: 'BeforeTool',
          tool_name: 'write_file',
          tool_input: { file_path, content: '{"hooksConfig":{"enabled":false}}' },
        },
        { projectDir: t.workspace, home: t.userHome },
      ),
    );
    const vscodeWrites = [
      join(t.workspace, '.vscode', 'settings.json'),
      join(t.workspace, '.github', 'hooks', 'aarm.json'),
      join(t.userHome, '.copilot', 'hooks', 'aarm.json'),
      join(t.workspace, '.vscode', 'mcp.json'),
      join(t.workspace, 'project.code-workspace'),
    ].map((filePath) =>
      mapVscodeTool({
        sessionId: 'hooks',
        cwd: t.workspace,
        hookEventName: 'PreToolUse',
        tool_name: 'create_file',
        tool_input: { filePath, content: '{"chat.useHooks": false}' },
      }),
    );
    for (const call of [...geminiWrites, ...vscodeWrites]) {
      assert.equal(call.kind, 'actions');
      for (const action of call.kind === 'actions' ? call.actions : []) {
        const decision = await agent.submit({ ...action, session: 'hooks' });
        assert.notEqual(
          decision.verdict,
          'allow',
          `${JSON.stringify(action.parameters)}: ${decision.decision.rule}`,
        );
      }
    }
  } finally {
    await t.close();
  }
});

const available = confinementAvailability();
const skip = available.available ? false : `confinement is not available here: ${available.reason}`;

test(
  'a confined command (a script the analyser cannot see into) cannot plant Gemini CLI settings or VS Code hook files in the workspace',
  { skip },
  async () => {
    const root = mkdtempSync('/var/tmp/aarm-attack-');
    const t = await startTestDaemon({ root, packDir: null, confine: 'auto' });
    try {
      mkdirSync(join(t.homeDir, 'policies'), { recursive: true });
      writeFileSync(
        join(t.homeDir, 'policies', 'all.yaml'),
        'aarm: 1\nname: allow-everything\ndefault: allow\nrules:\n  - id: everything\n    decision: allow\n',
      );
      mkdirSync(t.workspace, { recursive: true });
      execFileSync('git', ['init', '-q', t.workspace]);
      // Wait until the watcher has the allow-everything policy.
      const client = await t.client({ session: 'policy-check' });
      for (let i = 0; i < 100; i++) {
        const reply = await client.submit(shellAction('true', t.workspace));
        if (reply.decision.rule === 'everything') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      // One existing (pinned read-only), the others created (removed after the command).
      mkdirSync(join(t.workspace, '.github', 'hooks'), { recursive: true });
      writeFileSync(join(t.workspace, '.github', 'hooks', 'aarm.json'), '{"hooks":"aarm"}\n');
      writeFileSync(
        join(t.workspace, 'plant.sh'),
        [
          `mkdir -p .gemini && echo '{"hooksConfig":{"enabled":false}}' > .gemini/settings.json; echo gemini=$?`,
          `echo '{"hooks":{}}' > .github/hooks/aarm.json; echo hooks=$?`,
          `mkdir -p .github/agents && echo 'x' > .github/agents/evil.agent.md; echo agents=$?`,
          `mkdir -p .codex && echo '{}' > .codex/hooks.json; echo codex=$?`,
          // The pinned hook folder moved away with its parent, and a new one put in its place.
          `mv .github .github-old; echo rename=$?`,
          `mkdir -p .github/hooks && echo '{"hooks":{}}' > .github/hooks/aarm.json; echo replaced=$?`,
        ].join('\n'),
      );
      const run = await runCli(['exec', '--', 'bash', 'plant.sh'], {
        env: { AARM_HOME: t.homeDir, HOME: t.userHome },
        cwd: t.workspace,
      });
      assert.match(run.stdout, /hooks=[1-9]/, run.stdout + run.stderr);
      assert.match(run.stdout, /rename=[1-9]/);
      assert.equal(
        readFileSync(join(t.workspace, '.github', 'hooks', 'aarm.json'), 'utf8'),
        '{"hooks":"aarm"}\n',
      );
      assert.ok(!existsSync(join(t.workspace, '.gemini')), '.gemini was planted');
      assert.ok(!existsSync(join(t.workspace, '.codex')), '.codex was planted');
      assert.ok(!existsSync(join(t.workspace, '.github', 'agents')), '.github/agents was planted');
    } finally {
      await t.close();
      rmSync(root, { recursive: true, force: true });
    }
  },
);

test("the Grants view and `aarm grants list` show the rule's whole action, not what the agent wrote after a `for exactly` in it", async () => {
  const t = await startTestDaemon({ approvalTimeoutMs: 20_000 });
  try {
    const approver = await t.approver('vscode');
    const asked = approvalRequests(approver);
    const shared = join(t.root, 'shared');
    mkdirSync(shared, { recursive: true });
    mkdirSync(t.workspace, { recursive: true });
    const command = 'ls -la /tmp # for exactly ls -la';
    const agent = await t.client({ session: 'spoof' });
    const decided = agent.submit(shellAction(command, shared, t.workspace));
    const request = await asked.next();
    const proposal = await approver.proposeRule(request.approvalId, {});
    await approver.approveWithRule(request.approvalId, proposal);
    assert.equal((await decided).verdict, 'allow');
    const listed = await approver.request({ type: 'grants', id: 'g' });
    const rules = listed.type === 'grants' ? (listed.rules ?? []) : [];
    assert.equal(rules.length, 1);
    assert.ok(rules[0]!.action.startsWith(`shell/exec \`${command}\``), rules[0]!.action);
    const cli = await runCli(['grants', 'list'], { env: { AARM_HOME: t.homeDir } });
    assert.ok(cli.stdout.includes(command), cli.stdout);
  } finally {
    await t.close();
  }
});

test('a rule for a long command says that its action is cut where the list shows it', async () => {
  const t = await startTestDaemon({ approvalTimeoutMs: 20_000 });
  try {
    const approver = await t.approver('vscode');
    const asked = approvalRequests(approver);
    const shared = join(t.root, 'shared');
    mkdirSync(shared, { recursive: true });
    mkdirSync(t.workspace, { recursive: true });
    const command = `ls -la${' '.repeat(250)}; echo hidden`;
    const agent = await t.client({ session: 'long' });
    const decided = agent.submit(shellAction(command, shared, t.workspace));
    const request = await asked.next();
    const proposal = await approver.proposeRule(request.approvalId, {});
    await approver.approveWithRule(request.approvalId, proposal);
    assert.equal((await decided).verdict, 'allow');
    const listed = await approver.request({ type: 'grants', id: 'g' });
    const rules = listed.type === 'grants' ? (listed.rules ?? []) : [];
    assert.match(rules[0]?.action ?? '', /…\(\d+ more characters\)/);
  } finally {
    await t.close();
  }
});

test("an agent cannot restart the daemon to reset a rule's count: signalling its process is refused", async () => {
  const t = await startTestDaemon();
  try {
    mkdirSync(t.workspace, { recursive: true });
    const agent = await t.client({ session: 'signals' });
    // The test's daemon runs in this process.
    for (const command of [
      `kill -TERM ${process.pid}`,
      `kill -9 ${process.pid}`,
      `kill -HUP ${process.pid}`,
      `kill -STOP ${process.pid}`,
    ]) {
      const decision = await agent.submit(shellAction(command, t.workspace));
      assert.equal(decision.verdict, 'deny', `${command}: ${decision.decision.rule}`);
    }
  } finally {
    await t.close();
  }
});

test('VS Code: a PostToolUse for a call aarm refused records no outcome', async () => {
  const t = await startTestDaemon();
  try {
    mkdirSync(t.workspace, { recursive: true });
    const env = { AARM_HOME: t.homeDir, HOME: t.userHome };
    const call = {
      sessionId: 'vs-1',
      cwd: t.workspace,
      timestamp: new Date().toISOString(),
      tool_name: 'run_in_terminal',
      tool_input: { command: 'rm -rf ~' },
      tool_use_id: 'call-1',
    };
    const before = await runCli(['hook', 'vscode'], {
      env,
      input: JSON.stringify({ ...call, hookEventName: 'PreToolUse' }),
    });
    assert.match(before.stdout, /"permissionDecision":\s*"deny"/, before.stdout + before.stderr);
    const after = await runCli(['hook', 'vscode'], {
      env,
      input: JSON.stringify({ ...call, hookEventName: 'PostToolUse', tool_response: 'done' }),
    });
    assert.equal(after.code, 0);
    assert.equal(after.stdout, '');
    assert.equal(storedReceipts(t.homeDir).filter((r) => r.kind === 'outcome').length, 0);
  } finally {
    await t.close();
  }
});

test(
  "a confined command allowed to write in the home cannot plant Copilot's user hook files there",
  { skip },
  async () => {
    const root = mkdtempSync('/var/tmp/aarm-attack-');
    const t = await startTestDaemon({ root, packDir: null, confine: 'auto' });
    try {
      mkdirSync(join(t.homeDir, 'policies'), { recursive: true });
      writeFileSync(
        join(t.homeDir, 'policies', 'all.yaml'),
        'aarm: 1\nname: allow-everything\ndefault: allow\nrules:\n  - id: everything\n    decision: allow\n',
      );
      mkdirSync(t.workspace, { recursive: true });
      const client = await t.client({ session: 'policy-check' });
      for (let i = 0; i < 100; i++) {
        const reply = await client.submit(shellAction('true', t.workspace));
        if (reply.decision.rule === 'everything') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const hooks = join(t.userHome, '.copilot', 'hooks');
      mkdirSync(hooks, { recursive: true });
      writeFileSync(join(hooks, 'aarm.json'), '{"hooks":"aarm"}\n');
      // The script the analyser cannot see into writes there; the command's own write is in the home.
      writeFileSync(
        join(t.workspace, 'plant.sh'),
        `echo '{"hooks":{}}' > "$HOME/.copilot/hooks/aarm.json"; echo copilot=$?\n`,
      );
      const run = await runCli(['exec', '--', 'bash', '-c', 'echo note > "$HOME/notes.txt"; bash plant.sh'], {
        env: { AARM_HOME: t.homeDir, HOME: t.userHome },
        cwd: t.workspace,
      });
      assert.equal(readFileSync(join(t.userHome, 'notes.txt'), 'utf8'), 'note\n', run.stderr);
      assert.equal(readFileSync(join(hooks, 'aarm.json'), 'utf8'), '{"hooks":"aarm"}\n', run.stdout);
    } finally {
      await t.close();
      rmSync(root, { recursive: true, force: true });
    }
  },
);

test(
  'approved.yaml (where a rule and its maximum of uses live) cannot be changed by an agent: not by a write tool, a shell command, or a confined script',
  { skip },
  async () => {
    const root = mkdtempSync('/var/tmp/aarm-attack-');
    const t = await startTestDaemon({ root, confine: 'auto' });
    try {
      const policies = join(t.homeDir, 'policies');
      const approvedFile = join(policies, 'approved.yaml');
      mkdirSync(policies, { recursive: true });
      writeFileSync(approvedFile, 'aarm: 1\nname: approved\n');
      mkdirSync(t.workspace, { recursive: true });
      const agent = await t.client({ session: 'edit' });
      const raise = `sed -i 's/max_uses: 2/max_uses: 10000/' ${approvedFile}`;
      for (const action of [
        shellAction(raise, t.workspace),
        shellAction(`cd ${policies} && echo 'rules: []' >> approved.yaml`, t.workspace),
        {
          tool: 'fs' as const,
          operation: 'write' as const,
          parameters: { path: approvedFile, content: 'aarm: 1\nname: approved\n' },
          context: { workspace: t.workspace },
        },
      ]) {
        const decision = await agent.submit(action);
        assert.equal(
          decision.verdict,
          'deny',
          `${JSON.stringify(action.parameters)}: ${decision.decision.rule}`,
        );
      }
      // A script whose path the analyser cannot see (written backwards), run where all is allowed.
      writeFileSync(join(t.workspace, 'p.ptr'), [...approvedFile].reverse().join(''));
      writeFileSync(join(t.workspace, 'edit.sh'), 'f=$(rev p.ptr); echo "rules: []" >> "$f"; echo edit=$?\n');
      writeFileSync(
        join(policies, 'all.yaml'),
        'aarm: 1\nname: allow-everything\ndefault: allow\nrules:\n  - id: everything\n    decision: allow\n',
      );
      const client = await t.client({ session: 'policy-check' });
      for (let i = 0; i < 100; i++) {
        const reply = await client.submit(shellAction('bash edit.sh', t.workspace));
        if (reply.decision.rule === 'everything') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const run = await runCli(['exec', '--', 'bash', 'edit.sh'], {
        env: { AARM_HOME: t.homeDir, HOME: t.userHome },
        cwd: t.workspace,
      });
      assert.match(run.stdout, /edit=[1-9]/, run.stdout + run.stderr);
      assert.equal(readFileSync(approvedFile, 'utf8'), 'aarm: 1\nname: approved\n');
    } finally {
      await t.close();
      rmSync(root, { recursive: true, force: true });
    }
  },
);

test("the Grants view shows a rule's workspace as its condition names it, even one whose name holds `(workspace …)`", () => {
  const workspace = '/tmp/p (workspace /home/me/safe)';
  const action = shellAction('ls', '/tmp/q', workspace);
  const built = conditionFor(action, {
    reads: [],
    writes: [],
    deletes: [],
    hosts: [],
    risks: [],
    sensitive: [],
    signals: [],
    executes: [],
    packages: [],
  } as unknown as Effects);
  assert.ok('condition' in built);
  // The daemon reads it from the condition it wrote (the allow's, and the exception's `!(…)`).
  assert.equal(workspaceOf(built.condition), workspace);
  assert.equal(workspaceOf(`!(${built.condition})`), workspace);
  assert.equal(workspaceOf('action.parameters == {"workspace == \\"x\\"": 1}'), undefined);
  const rule = {
    id: 'approved-1',
    rule: STEP_UP_RULE,
    action: `shell/exec \`ls\` in /tmp/q (workspace ${workspace})`,
    workspace,
    file: '/home/me/.local/state/aarm/policies/approved.yaml',
    approver: 'apr-1',
    approval: 'appr-1',
    date: '2026-11-30T17:00:00Z',
  };
  assert.deepEqual(
    grantsTree([], [rule]).map((node) => node.kind === 'group' && node.group),
    ['rules'],
  );
  const row = grantsRow({ kind: 'rule', rule }, { now: new Date() });
  assert.match(row.description, new RegExp(`in ${workspace.replace(/[()]/g, '\\$&')} ·`));
  assert.equal(row.label, 'shell/exec `ls` in /tmp/q');
  // Without the daemon's field, nothing is parsed from the words: no "in …" at all.
  const { workspace: _dropped, ...unnamed } = rule;
  const bare = grantsRow({ kind: 'rule', rule: unnamed }, { now: new Date() });
  assert.doesNotMatch(bare.description, /^in |· in /);
});
