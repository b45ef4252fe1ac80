/**
 * The user's request and the agent's own prompt, through the real hook commands (`aarm hook …`):
 * the prompt hook records the request (R2), a read the agent's user was only asked about taints the
 * session once it ran, a deferral says what it waited for, and a step-up with nobody to ask says how
 * to approve.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CLI, runCli, startTestDaemon, storedReceipts, type TestDaemon } from '../helpers/env.js';
import { promptHookCommand } from '../../daemon/src/cli/agents.js';
import type { ApprovalRequest } from '../../daemon/src/protocol/index.js';

let toolUses = 0;

/** A Claude Code hook event, as Claude Code sends it. */
const claudeEvent = (session: string, cwd: string, event: string, fields: Record<string, unknown>): string =>
  JSON.stringify({
    session_id: session,
    transcript_path: '/tmp/t.jsonl',
    cwd,
    hook_event_name: event,
    permission_mode: 'default',
    ...fields,
  });

interface ClaudeAnswer {
  hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string };
}

/** A Claude Code session driven through `aarm hook claude-code`, as Claude Code runs it. */
function claudeSession(t: TestDaemon, session: string) {
  const env = { AARM_HOME: t.homeDir, HOME: t.userHome, CLAUDE_PROJECT_DIR: t.workspace };
  const run = async (input: string) => {
    const result = await runCli(['hook', 'claude-code'], { env, input });
    assert.equal(result.code, 0, result.stderr);
    return result;
  };
  return {
    async tool(tool: string, toolInput: Record<string, unknown>) {
      const toolUseId = `toolu_${++toolUses}`;
      const result = await run(
        claudeEvent(session, t.workspace, 'PreToolUse', {
          tool_name: tool,
          tool_input: toolInput,
          tool_use_id: toolUseId,
        }),
      );
      return { toolUseId, answer: (JSON.parse(result.stdout) as ClaudeAnswer).hookSpecificOutput };
    },
    /** PostToolUse: the tool ran. */
    async ran(tool: string, toolInput: Record<string, unknown>, toolUseId: string) {
      await run(
        claudeEvent(session, t.workspace, 'PostToolUse', {
          tool_name: tool,
          tool_input: toolInput,
          tool_use_id: toolUseId,
          tool_response: { type: 'text', file: { content: 'read' } },
        }),
      );
    },
    async prompt(text: string) {
      return run(claudeEvent(session, t.workspace, 'UserPromptSubmit', { prompt: text }));
    },
  };
}

/** The context an approver is shown for the next step-up of `session` (`git push --force`). */
async function contextShown(t: TestDaemon, session: string) {
  const approver = await t.approver();
  const asked = new Promise<ApprovalRequest>((resolve) =>
    approver.onMessage((message) => {
      if (message.type === 'approval_request') resolve(message);
    }),
  );
  const agent = await t.client({ session });
  const decided = agent.submit({
    tool: 'shell',
    operation: 'exec',
    parameters: { command: 'git push --force origin main', cwd: t.workspace },
    context: { workspace: t.workspace },
    identity: { agent: { name: sessionAgent(session), adapter: 'hook' } },
  });
  // A decision without an approval request fails the test with its reason instead of hanging it.
  const request = await Promise.race([
    asked,
    decided.then((d): never => {
      throw new Error(`no approval request: ${d.decision.rule}: ${d.decision.reason}`);
    }),
  ]);
  await approver.approve(request.approvalId, 'deny');
  await decided;
  await agent.close();
  await approver.close();
  return request.context;
}
const sessionAgent = (session: string) =>
  session.startsWith('cline-')
    ? 'cline'
    : session.startsWith('cx')
      ? 'codex'
      : session.startsWith('exec')
        ? 'aarm-exec'
        : 'claude-code';

const ENV_FILE = { file_path: '.env' };
const FETCH = { url: 'https://docs.example.com/api', prompt: 'summarise' };

test('claude-code: a .env read only asked for does not taint the session; once PostToolUse says it ran, the network waits for the request, and the deny says so', async () => {
  const t = await startTestDaemon({ deferTimeoutMs: 1000 });
  try {
    mkdirSync(t.workspace, { recursive: true });
    writeFileSync(join(t.workspace, '.env'), 'API_TOKEN=sk-live-0123456789abcdef\n');

    // Asked, never confirmed (the user said no at Claude Code's prompt): nothing was read.
    const unconfirmed = claudeSession(t, 'cc-asked');
    const read = await unconfirmed.tool('Read', ENV_FILE);
    assert.equal(read.answer.permissionDecision, 'ask', read.answer.permissionDecisionReason);
    const fetch = await unconfirmed.tool('WebFetch', FETCH);
    assert.equal(fetch.answer.permissionDecision, 'allow', fetch.answer.permissionDecisionReason);
    assert.ok(
      !storedReceipts(t.homeDir).some((r) => r.session === 'cc-asked' && r.kind === 'resolution'),
      'nothing was deferred',
    );

    // Asked, and PostToolUse reports it ran: now the session has read secrets.
    const confirmed = claudeSession(t, 'cc-confirmed');
    const read2 = await confirmed.tool('Read', ENV_FILE);
    assert.equal(read2.answer.permissionDecision, 'ask');
    await confirmed.ran('Read', ENV_FILE, read2.toolUseId);
    const fetch2 = await confirmed.tool('WebFetch', FETCH);
    assert.equal(fetch2.answer.permissionDecision, 'deny');
    assert.match(
      fetch2.answer.permissionDecisionReason,
      /^aarm: deny \(defer\) by rule egress-after-secrets-needs-request: this session read secrets .*\. Denied: it waited 1 s for the user's request, and none came/,
    );
    // Claude Code reports outcomes from a background process: the next call may reach aarm first.
    // Whichever comes first, the read that ran taints the call.
    const racing = claudeSession(t, 'cc-racing');
    const read3 = await racing.tool('Read', ENV_FILE);
    const [fetch3] = await Promise.all([
      racing.tool('WebFetch', FETCH),
      racing.ran('Read', ENV_FILE, read3.toolUseId),
    ]);
    assert.equal(fetch3.answer.permissionDecision, 'deny');
    assert.match(fetch3.answer.permissionDecisionReason, /by rule egress-after-secrets-needs-request/);

    const held = storedReceipts(t.homeDir).find(
      (r) => r.session === 'cc-confirmed' && r.kind === 'action' && r.deferral?.resolution === 'pending',
    );
    assert.ok(held?.kind === 'action');
    assert.match(held.deferral!.reason, /^waiting up to 1 s for the user's request/);
  } finally {
    await t.close();
  }
});

test("claude-code UserPromptSubmit: the user's prompt is the session's request, so a confirmed .env read does not hold the network; later prompts are kept beside it", async () => {
  const t = await startTestDaemon({ deferTimeoutMs: 60_000 });
  try {
    mkdirSync(t.workspace, { recursive: true });
    writeFileSync(join(t.workspace, '.env'), 'API_TOKEN=sk-live-0123456789abcdef\n');
    const session = claudeSession(t, 'cc-prompted');
    const recorded = await session.prompt('add the docs link to the README');
    assert.equal(recorded.stdout, '', 'nothing is added to the conversation');
    assert.equal(recorded.stderr, '');

    const read = await session.tool('Read', ENV_FILE);
    await session.ran('Read', ENV_FILE, read.toolUseId);
    // Judged against the request at once (a host off the allowlist after secrets: the user decides),
    // not held for a request that already came.
    const fetch = await session.tool('WebFetch', FETCH);
    assert.equal(fetch.answer.permissionDecision, 'ask');
    assert.match(fetch.answer.permissionDecisionReason, /^aarm: step_up by rule egress-after-secrets: /);
    assert.ok(
      !storedReceipts(t.homeDir).some((r) => r.session === 'cc-prompted' && r.kind === 'resolution'),
      'nothing was deferred',
    );

    await session.prompt('also fix the typo in the title');
    await session.prompt('also fix the typo in the title'); // the same prompt again is not a change
    const context = await contextShown(t, 'cc-prompted');
    assert.equal(context.request, 'add the docs link to the README', 'the first request is kept');
    assert.deepEqual(context.laterRequests, ['also fix the typo in the title']);
  } finally {
    await t.close();
  }
});

test('codex, cline, HTTP and aarm exec --request record the request too; every prompt hook lets the prompt go on when aarm is down', async () => {
  const t = await startTestDaemon();
  try {
    mkdirSync(t.workspace, { recursive: true });
    const env = { AARM_HOME: t.homeDir, HOME: t.userHome };
    const codex = await runCli(['hook', 'codex'], {
      env,
      cwd: t.workspace,
      input: JSON.stringify({
        session_id: 'cx-1',
        turn_id: 'turn-1',
        cwd: t.workspace,
        hook_event_name: 'UserPromptSubmit',
        model: 'gpt-5',
        prompt: 'rename the config loader',
      }),
    });
    assert.deepEqual([codex.code, codex.stdout, codex.stderr], [0, '', '']);
    assert.equal((await contextShown(t, 'cx-1')).request, 'rename the config loader');

    const cline = await runCli(['hook', 'cline'], {
      env,
      input: JSON.stringify({
        clineVersion: '3.40',
        hookName: 'UserPromptSubmit',
        taskId: 'task9',
        workspaceRoots: [t.workspace],
        userPromptSubmit: { prompt: 'write the changelog', attachments: [] },
      }),
    });
    assert.equal(cline.code, 0, cline.stderr);
    assert.deepEqual(JSON.parse(cline.stdout), { cancel: false });
    assert.equal((await contextShown(t, 'cline-task9')).request, 'write the changelog');

    // A script through `aarm exec --request`.
    const exec = await runCli(['exec', '--session', 'exec-1', '--request', 'build the docs', '--', 'true'], {
      env,
      cwd: t.workspace,
    });
    assert.equal(exec.code, 0, exec.stderr);
    assert.equal((await contextShown(t, 'exec-1')).request, 'build the docs');

    // Claude Code's HTTP hook (the daemon answers it itself): the same.
    const http = await fetch(`http://127.0.0.1:${t.daemon.port}/v1/hooks/claude-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.daemon.token}` },
      body: claudeEvent('cc-http', t.workspace, 'UserPromptSubmit', { prompt: 'bump the version' }),
    });
    assert.equal(http.status, 200);
    assert.deepEqual(await http.json(), {});
    assert.equal((await contextShown(t, 'cc-http')).request, 'bump the version');
  } finally {
    await t.close();
  }

  // The daemon is not running: the prompt is not blocked (exit 0), and the user is told.
  const nowhere = { AARM_HOME: join(t.root, 'nowhere') };
  const claude = await runCli(['hook', 'claude-code'], {
    env: nowhere,
    input: claudeEvent('cc-down', '/tmp', 'UserPromptSubmit', { prompt: 'hello' }),
  });
  assert.equal(claude.code, 0);
  assert.match(
    JSON.parse(claude.stdout).systemMessage,
    /^aarm: your prompt was not recorded as the session's request \(.*daemon is not running/,
  );
  assert.match(claude.stderr, /your prompt was not recorded/);
  const cline = await runCli(['hook', 'cline'], {
    env: nowhere,
    input: JSON.stringify({
      hookName: 'UserPromptSubmit',
      taskId: 't',
      workspaceRoots: ['/tmp'],
      userPromptSubmit: { prompt: 'hello' },
    }),
  });
  assert.equal(cline.code, 0);
  assert.deepEqual(JSON.parse(cline.stdout), { cancel: false });

  // As installed, when aarm itself cannot start: the prompt still goes on.
  for (const agent of ['claude-code', 'cline']) {
    const command = promptHookCommand(agent, undefined, `${CLI}.gone`);
    const shell = spawn('/bin/sh', ['-c', command], { env: { ...process.env, ...nowhere } });
    let stdout = '';
    let stderr = '';
    shell.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    shell.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    shell.stdin.end('{}');
    const code = await new Promise((resolve) => shell.once('close', resolve));
    assert.equal(code, 0, `${agent}: a failing prompt hook does not drop the prompt`);
    assert.match(stderr, /the prompt hook failed .*your prompt was not recorded/);
    assert.equal(stdout.trim(), agent === 'cline' ? '{"cancel":false}' : '');
  }
});

test('a step-up with no approver connected says how to approve, in every hook', async () => {
  const t = await startTestDaemon();
  const HOW =
    /no approver is connected.*open VS Code with the AARM extension, or run `aarm approve` in another terminal/;
  try {
    mkdirSync(t.workspace, { recursive: true });
    const env = { AARM_HOME: t.homeDir, HOME: t.userHome, CLAUDE_PROJECT_DIR: t.workspace };
    const push = { command: 'git push --force origin main' };

    // Claude Code asks its user itself, and says the other ways.
    const claude = claudeSession(t, 'cc-push');
    const asked = await claude.tool('Bash', push);
    assert.equal(asked.answer.permissionDecision, 'ask');
    assert.match(
      asked.answer.permissionDecisionReason,
      /^aarm: step_up by rule history-rewrite: .*you are asked here/,
    );
    assert.match(asked.answer.permissionDecisionReason, HOW);

    // Where the agent cannot ask: a deny that says so.
    const bypass = await runCli(['hook', 'claude-code'], {
      env,
      input: claudeEvent('cc-push-bypass', t.workspace, 'PreToolUse', {
        permission_mode: 'bypassPermissions',
        tool_name: 'Bash',
        tool_input: push,
        tool_use_id: 'toolu_bypass',
      }),
    });
    const refused = (JSON.parse(bypass.stdout) as ClaudeAnswer).hookSpecificOutput;
    assert.equal(refused.permissionDecision, 'deny');
    assert.match(refused.permissionDecisionReason, /^aarm: deny \(step_up\) by rule history-rewrite: /);
    assert.match(refused.permissionDecisionReason, HOW);

    const codex = await runCli(['hook', 'codex'], {
      env,
      cwd: t.workspace,
      input: JSON.stringify({
        session_id: 'cx-push',
        cwd: t.workspace,
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: push,
        tool_use_id: 'c-push',
      }),
    });
    const codexAnswer = JSON.parse(codex.stdout) as ClaudeAnswer;
    assert.equal(codexAnswer.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(codexAnswer.hookSpecificOutput.permissionDecisionReason, HOW);

    const cline = await runCli(['hook', 'cline'], {
      env,
      input: JSON.stringify({
        hookName: 'PreToolUse',
        taskId: 'push',
        workspaceRoots: [t.workspace],
        preToolUse: { toolName: 'execute_command', parameters: { command: push.command } },
      }),
    });
    const clineAnswer = JSON.parse(cline.stdout) as { cancel: boolean; errorMessage: string };
    assert.equal(clineAnswer.cancel, true);
    assert.match(clineAnswer.errorMessage, HOW);
  } finally {
    await t.close();
  }
});
