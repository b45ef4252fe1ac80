/** Gemini CLI's and VS Code's tool calls as the canonical actions aarm judges. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiCallId, geminiOutcome, mapGeminiTool } from '../../daemon/src/agents/gemini-cli.js';
import { confineCommandLine } from '../../daemon/src/agents/claude-code.js';
import { mapVscodeTool } from '../../daemon/src/agents/vscode.js';
import type { MappedCall } from '../../daemon/src/agents/tool-call.js';

const W = '/home/u/project';

/** tool/operation and the parameters that matter, per action. */
function actions(call: MappedCall) {
  assert.equal(call.kind, 'actions', JSON.stringify(call));
  if (call.kind !== 'actions') return [];
  return call.actions.map((a) => {
    const p = a.parameters as Record<string, string | undefined>;
    return `${a.tool}/${a.operation} ${p.command ?? p.path ?? p.url ?? `${p.server}:${p.tool}`}`;
  });
}

const gemini = (tool: string, input: Record<string, unknown>) =>
  mapGeminiTool({ session_id: 's', cwd: W, tool_name: tool, tool_input: input }, { home: '/home/u' });
const vscode = (tool: string, input: Record<string, unknown>) =>
  mapVscodeTool({ sessionId: 's', cwd: W, tool_name: tool, tool_input: input });

test('gemini-cli: shell, files, searches, fetches, memory, MCP and unknown tools', () => {
  assert.deepEqual(actions(gemini('run_shell_command', { command: 'ls', dir_path: 'src' })), [
    'shell/exec ls',
  ]);
  const shell = gemini('run_shell_command', { command: 'ls', dir_path: 'src' });
  assert.equal(
    shell.kind === 'actions' && (shell.actions[0]!.parameters as { cwd?: string }).cwd,
    `${W}/src`,
  );
  assert.deepEqual(actions(gemini('read_file', { file_path: 'a.ts' })), [`fs/read ${W}/a.ts`]);
  assert.deepEqual(actions(gemini('write_file', { file_path: '/etc/x', content: 'y' })), ['fs/write /etc/x']);
  assert.deepEqual(actions(gemini('replace', { file_path: 'b.ts', old_string: 'a', new_string: 'b' })), [
    `fs/write ${W}/b.ts`,
  ]);
  assert.deepEqual(actions(gemini('grep_search', { pattern: 'x', dir_path: '/srv/' })), ['fs/read /srv/**']);
  assert.deepEqual(actions(gemini('glob', { pattern: '*.ts' })), [`fs/read ${W}/**`]);
  assert.deepEqual(actions(gemini('read_many_files', { include: ['docs/*.md', '/home/u/.ssh/id_rsa'] })), [
    `fs/read ${W}/docs/*.md`,
    'fs/read /home/u/.ssh/id_rsa',
  ]);
  assert.deepEqual(actions(gemini('save_memory', { fact: 'always push' })), [
    'fs/write /home/u/.gemini/GEMINI.md',
  ]);
  assert.deepEqual(
    actions(gemini('web_fetch', { prompt: 'compare https://a.example/x and http://b.example' })),
    ['net/request https://a.example/x', 'net/request http://b.example'],
  );
  assert.deepEqual(actions(gemini('mcp_github_create_issue', { title: 't' })), [
    'mcp/call github:create_issue',
  ]);
  assert.deepEqual(actions(gemini('mcp__github__create_issue', {})), ['mcp/call github:create_issue']);
  assert.deepEqual(actions(gemini('google_web_search', { query: 'q' })), [
    'mcp/call gemini-cli:google_web_search',
  ]);
  assert.deepEqual(gemini('write_todos', { todos: [] }), { kind: 'internal' });
  assert.deepEqual(gemini('read_background_output', { pid: 42 }), { kind: 'internal' });
  assert.equal(gemini('web_fetch', { prompt: 'the docs' }).kind, 'invalid');
  assert.equal(gemini('read_file', {}).kind, 'invalid');
  assert.equal(mapGeminiTool({ tool_name: 'read_file' }, { home: '/h' }).kind, 'invalid', 'no cwd');
});

test("gemini-cli: AfterTool finds its BeforeTool's action by tool and input, also once aarm confined the command", () => {
  const asked = `echo 'it''s' "$HOME" > out.txt`;
  const before = gemini('run_shell_command', { command: asked, dir_path: 'src' });
  assert.equal(before.kind, 'actions');
  const id = before.kind === 'actions' ? before.actions[0]!.context?.toolUseId : undefined;
  assert.equal(
    id,
    geminiCallId('run_shell_command', { dir_path: 'src', command: asked }),
    'key order does not matter',
  );
  const after = (toolInput: Record<string, unknown>, toolResponse: unknown) =>
    geminiOutcome({
      session_id: 's',
      cwd: W,
      hook_event_name: 'AfterTool',
      tool_name: 'run_shell_command',
      tool_input: toolInput,
      tool_response: toolResponse,
    });
  assert.deepEqual(after({ command: asked, dir_path: 'src' }, { llmContent: 'Output: (empty)' }), {
    ids: [id],
  });
  const confined = confineCommandLine(
    '/usr/bin/node',
    '/opt/aarm/aarm.js',
    W,
  )(asked, {
    profile: 'workspace',
    network: 'none',
  });
  const outcome = after(
    { command: confined, dir_path: 'src' },
    { llmContent: 'Output: x\nExit Code: 1\nProcess Group PGID: 7' },
  );
  assert.equal(outcome?.ids[1], id, 'the command as asked, out of the confine line');
  assert.equal(outcome?.failure, 'exit code 1');
  assert.equal(
    after({ command: 'x' }, { llmContent: '', error: { message: 'spawn failed', type: 'x' } })?.failure,
    'spawn failed',
  );
  assert.notEqual(
    geminiCallId('read_file', { file_path: 'a' }),
    geminiCallId('read_file', { file_path: 'b' }),
  );
  // A call of several actions names none (one outcome could not say which of them it is).
  const many = gemini('read_many_files', { include: ['a', 'b'] });
  assert.equal(many.kind === 'actions' && many.actions.some((a) => a.context?.toolUseId), false);
});

test('vscode: terminal, edits, patches, fetches, MCP and unknown tools', () => {
  assert.deepEqual(actions(vscode('run_in_terminal', { command: 'npm test', isBackground: false })), [
    'shell/exec npm test',
  ]);
  assert.deepEqual(actions(vscode('create_file', { filePath: 'a.ts', content: 'x' })), [
    `fs/write ${W}/a.ts`,
  ]);
  assert.deepEqual(
    actions(
      vscode('multi_replace_string_in_file', {
        replacements: [
          { filePath: 'a.ts', oldString: 'a', newString: 'b' },
          { filePath: '/etc/hosts', oldString: 'a', newString: 'b' },
        ],
      }),
    ),
    [`fs/write ${W}/a.ts`, 'fs/write /etc/hosts'],
  );
  assert.deepEqual(
    actions(
      vscode('apply_patch', {
        input: '*** Begin Patch\n*** Delete File: old.ts\n*** Add File: new.ts\n+x\n*** End Patch',
      }),
    ),
    [`fs/delete ${W}/old.ts`, `fs/write ${W}/new.ts`],
  );
  assert.deepEqual(actions(vscode('read_file', { filePath: '/etc/passwd', startLine: 1 })), [
    'fs/read /etc/passwd',
  ]);
  assert.deepEqual(actions(vscode('semantic_search', { query: 'q' })), [`fs/read ${W}/**`]);
  assert.deepEqual(actions(vscode('fetch_webpage', { urls: ['https://a.example', 'https://b.example'] })), [
    'net/request https://a.example',
    'net/request https://b.example',
  ]);
  assert.deepEqual(actions(vscode('mcp_playwright_browser_navigate', { url: 'x' })), [
    'mcp/call playwright:browser_navigate',
  ]);
  assert.deepEqual(actions(vscode('run_vscode_command', { commandId: 'x' })), [
    'mcp/call vscode:run_vscode_command',
  ]);
  assert.deepEqual(vscode('manage_todo_list', {}), { kind: 'internal' });
  assert.equal(
    vscode('multi_replace_string_in_file', { replacements: [{ oldString: 'a' }] }).kind,
    'invalid',
  );
  assert.equal(
    vscode('apply_patch', { input: '*** Begin Patch\n*** Frobnicate: x\n*** End Patch' }).kind,
    'invalid',
  );
});
