import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapCodexTool, patchedFiles } from '../../daemon/src/agents/codex.js';
import {
  claudeCodeAnswer,
  claudeCodeCanAsk,
  confineCommandLine,
  mapClaudeCodeTool,
} from '../../daemon/src/agents/claude-code.js';

test('codex hook: the workspace is where Codex runs, not the directory the model chose for the command', () => {
  const actions = mapCodexTool(
    { cwd: '/home/me', tool_name: 'Bash', tool_input: { command: 'echo x > victim/data' } },
    '/home/me/project',
  );
  assert.ok(Array.isArray(actions));
  assert.deepEqual(actions[0]?.context?.workspace, '/home/me/project');
  assert.deepEqual((actions[0]?.parameters as { cwd: string }).cwd, '/home/me');
});

test('codex hook: a patch is read as Codex reads it; a header aarm cannot read is an error, not a smaller patch', () => {
  const patch = [
    '*** Begin Patch',
    '*** Add File: ok.txt',
    '+fine',
    '  *** Add File: /home/me/.bashrc  ',
    '+evil',
    '*** Update File: a\u2028b.txt',
    '*** Move to: /etc/x',
    '*** Delete File: gone.txt',
    '*** End of File',
    '*** End Patch',
  ].join('\r\n');
  assert.deepEqual(patchedFiles(patch, '/w'), [
    { path: '/w/ok.txt', deleted: false },
    { path: '/home/me/.bashrc', deleted: false },
    { path: '/w/a\u2028b.txt', deleted: false },
    { path: '/etc/x', deleted: false },
    { path: '/w/gone.txt', deleted: true },
  ]);
  assert.match(
    (patchedFiles('*** Begin Patch\n***Add File:x\n*** End Patch', '/w') as { error: string }).error,
    /a header aarm cannot read/,
  );
});

test('codex hook: a patch handed to the shell tool is judged as the files it writes, besides the command', () => {
  const command =
    "apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: /home/me/.bashrc\n+evil\n*** End Patch\nEOF";
  const actions = mapCodexTool({ cwd: '/w', tool_name: 'Bash', tool_input: { command } }, '/w');
  assert.ok(Array.isArray(actions));
  assert.deepEqual(
    actions.map((a) => [a.tool, a.operation, (a.parameters as { path?: string }).path]),
    [
      ['shell', 'exec', undefined],
      ['fs', 'write', '/home/me/.bashrc'],
    ],
  );
});

test("claude code hook: a step-up is handed to Claude Code's own prompt only in modes where it prompts", () => {
  assert.equal(claudeCodeCanAsk({ permission_mode: 'default' }), true);
  assert.equal(claudeCodeCanAsk({ permission_mode: 'plan' }), true);
  for (const mode of ['bypassPermissions', 'acceptEdits', 'dontAsk', undefined])
    assert.equal(claudeCodeCanAsk({ ...(mode ? { permission_mode: mode } : {}) }), false, String(mode));
});

test('claude code hook: skills and slash commands (which can run shell commands of their own) are judged', () => {
  for (const tool of ['Skill', 'SlashCommand']) {
    const mapped = mapClaudeCodeTool({ cwd: '/w', tool_name: tool, tool_input: { skill: 'deploy' } });
    assert.equal(mapped.kind, 'action', tool);
  }
  assert.equal(mapClaudeCodeTool({ cwd: '/w', tool_name: 'TodoWrite', tool_input: {} }).kind, 'internal');
});

test('Claude Code: an allowed Bash command the decision confines is wrapped; one that cannot be wrapped is refused', () => {
  const input = { tool_name: 'Bash', tool_input: { command: 'make test', timeout: 5 }, cwd: '/w' };
  const reply = {
    type: 'decision' as const,
    id: '1',
    receiptId: 'r',
    verdict: 'allow' as const,
    decision: {
      decision: 'allow' as const,
      rule: 'r',
      reason: 'ok',
      risk: 'low' as const,
      layer: 'allow' as const,
      policyHash: 'h',
      confinement: { profile: 'workspace' as const, network: 'none' as const },
    },
  };
  const wrap = confineCommandLine('/usr/bin/node', '/opt/aarm/dist/aarm.js', '/w');
  const answer = claudeCodeAnswer(input, reply, wrap).hookSpecificOutput;
  assert.equal(answer.permissionDecision, 'allow');
  assert.deepEqual(answer.updatedInput, {
    command:
      "/usr/bin/node /opt/aarm/dist/aarm.js confine --network none --workspace /w -- bash -c 'make test'",
    timeout: 5,
  });
  assert.match(answer.permissionDecisionReason, /runs confined.*no network/);
  // The folders its judged effects write go with it (an approved `rm -rf ~/old` needs its folder).
  const writes = claudeCodeAnswer(
    input,
    {
      ...reply,
      decision: { ...reply.decision, confinement: { ...reply.decision.confinement, writable: ['/home/u'] } },
    },
    wrap,
  );
  assert.match(
    String(writes.hookSpecificOutput.updatedInput?.command),
    / --workspace \/w --write \/home\/u -- bash -c /,
  );
  // Without a way to wrap it (no CLI to point at), a confined command is refused, not run unconfined.
  assert.equal(claudeCodeAnswer(input, reply).hookSpecificOutput.permissionDecision, 'deny');
  // Other tools are not commands: unchanged.
  const read = claudeCodeAnswer({ tool_name: 'Read', tool_input: { file_path: '/w/a' } }, reply, wrap);
  assert.equal(read.hookSpecificOutput.permissionDecision, 'allow');
  assert.equal(read.hookSpecificOutput.updatedInput, undefined);
});
