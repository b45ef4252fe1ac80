/**
 * VS Code agent mode's hooks (GitHub Copilot Chat): a `PreToolUse` event becomes canonical actions;
 * the answer is Claude Code's envelope, `{"hookSpecificOutput": {"permissionDecision":
 * "allow|deny|ask", "permissionDecisionReason": …, "updatedInput": …}}`. An allow approves the call
 * without VS Code's own confirmation. VS Code's tools take camelCase inputs (`filePath`). Pure mapping.
 *
 * Read in microsoft/vscode-copilot-chat (commit 31acd00a, 2026-03-29):
 * src/extension/chat/vscode-node/chatHookService.ts builds the input (`timestamp`,
 * `hook_event_name`, `session_id`, `transcript_path`, `cwd` = the workspace folder, then the event's
 * `tool_name`, `tool_input`, `tool_use_id`, and for PostToolUse `tool_response`, a text). Copilot
 * Chat 0.38 (commit b7ced2c8) renamed the common fields from the camelCase `hookEventName` and
 * `sessionId` that 0.37 and VS Code's docs use: both are read.
 */
import type { DecisionMessage } from '../protocol/index.js';
import { shellQuote } from '../protocol/shell-quote.js';
import type { ConfineCommand } from './claude-code.js';
import { patchedFiles } from './codex.js';
import {
  absolute,
  callVerdict,
  toolCall,
  str,
  type CallParts,
  type MappedCall,
  type Submitted,
} from './tool-call.js';

/** What VS Code sends a hook on stdin (common fields camelCase before Copilot Chat 0.38, snake_case since). */
export interface VscodeHookInput {
  sessionId?: string;
  session_id?: string;
  cwd?: string;
  hookEventName?: string;
  hook_event_name?: string;
  tool_name?: string;
  tool_input?: Record<string, unknown>;
  tool_use_id?: string;
  prompt?: unknown;
  /** PostToolUse: the tool's result as text (VS Code runs PostToolUse only after a tool succeeded) */
  tool_response?: unknown;
  timestamp?: unknown;
  permission_mode?: unknown;
}

export const vscodeSession = (input: VscodeHookInput) => str(input.sessionId) ?? str(input.session_id);
export const vscodeEvent = (input: VscodeHookInput) => str(input.hookEventName) ?? str(input.hook_event_name);

/**
 * Is this VS Code's input, though it reached `aarm hook claude-code`? VS Code also runs the hooks in
 * Claude Code's settings files. Before Copilot Chat 0.38 its fields were camelCase; since then they
 * are Claude Code's names, but VS Code adds a `timestamp`, which Claude Code never sends, and no
 * `permission_mode`, which Claude Code does.
 */
export function isVscodeInput(raw: object): boolean {
  const input = raw as VscodeHookInput;
  if ('hookEventName' in raw && !('hook_event_name' in raw)) return true;
  return typeof input.timestamp === 'string' && !('permission_mode' in raw);
}

/** Bookkeeping with no effect outside the conversation. */
const INTERNAL_TOOLS = new Set(['manage_todo_list', 'think']);

/** The actions a PreToolUse event stands for; the workspace is the input's cwd (VS Code's folder). */
export function mapVscodeTool(input: VscodeHookInput): MappedCall {
  const tool = input.tool_name;
  const toolInput = input.tool_input ?? {};
  const cwd = str(input.cwd);
  if (!tool) return { kind: 'invalid', error: 'the hook input has no `tool_name`' };
  if (!cwd) return { kind: 'invalid', error: 'the hook input has no `cwd`' };
  if (INTERNAL_TOOLS.has(tool)) return { kind: 'internal' };
  const session = vscodeSession(input);
  const common = {
    ...(session ? { session } : {}),
    context: { workspace: cwd, ...(input.tool_use_id ? { toolUseId: input.tool_use_id } : {}) },
    identity: { agent: { name: 'vscode', adapter: 'hook' } },
  };
  const all = (actions: Array<Record<string, unknown>>, more: CallParts = {}): MappedCall => ({
    kind: 'actions',
    actions: actions.map((action) => ({ ...action, ...common }) as Submitted),
    ...more,
  });
  const pathOf = (key: string) => {
    const value = str(toolInput[key]);
    return value === undefined ? undefined : absolute(cwd, value);
  };
  const read = (path: string) => all([{ tool: 'fs', operation: 'read', parameters: { path } }]);
  const write = (key: string, content: unknown): MappedCall => {
    const path = pathOf(key);
    if (!path) return { kind: 'invalid', error: `\`${tool}\` input has no \`${key}\`` };
    // (edit_notebook_file's newCode may be a list of lines)
    const text =
      typeof content === 'string'
        ? content
        : Array.isArray(content)
          ? content.filter((line) => typeof line === 'string').join('\n')
          : '';
    return all([{ tool: 'fs', operation: 'write', parameters: { path, content: text } }], {
      // Only a changed path can be said back, and only when the content stays what was judged.
      rewrite: (modified) =>
        modified.tool === 'fs' && modified.parameters.content === text
          ? { ...toolInput, [key]: modified.parameters.path }
          : undefined,
    });
  };
  const fetch = (key: 'urls' | 'url'): MappedCall => {
    const urls = key === 'urls' && Array.isArray(toolInput.urls) ? toolInput.urls : [toolInput[key]];
    const valid = urls.filter((url): url is string => typeof url === 'string' && url !== '');
    if (valid.length === 0) return { kind: 'invalid', error: `\`${tool}\` input names no URL` };
    return all(
      valid.map((url) => ({ tool: 'net', operation: 'request', parameters: { method: 'GET', url } })),
      {
        // (said back only for a call of one URL)
        rewrite: (modified) =>
          modified.tool === 'net'
            ? { ...toolInput, [key]: key === 'urls' ? [modified.parameters.url] : modified.parameters.url }
            : undefined,
      },
    );
  };
  switch (tool) {
    case 'run_in_terminal': {
      const command = str(toolInput.command);
      if (!command) return { kind: 'invalid', error: '`run_in_terminal` input has no `command`' };
      // The command is typed into a terminal, where a CR is Enter and other control characters are
      // keys (Ctrl-U erases the line, Ctrl-C, escape sequences): `echo x\rrm -rf ~` runs rm.
      if (/[\0-\x08\x0b-\x1f\x7f]/.test(command))
        return {
          kind: 'invalid',
          error:
            '`run_in_terminal` command has a control character: typed into a terminal it acts as a key (a CR is Enter)',
        };
      // The terminal is an interactive shell: history expansion (on by default in bash and zsh)
      // rewrites the line before it is read, whatever the quotes (`echo '$(x)' "!#:1"` runs x).
      if (/(?<!\$\{?)![^\s=(]|^\s*\^/m.test(command))
        return {
          kind: 'invalid',
          error:
            '`run_in_terminal` command has a `!` or a leading `^` that the interactive terminal takes for history expansion (write `!` followed by a space, or no `!`)',
        };
      return all([{ tool: 'shell', operation: 'exec', parameters: { command, cwd } }], {
        shellKey: 'command',
        rewrite: (modified) =>
          modified.tool === 'shell' && modified.parameters.cwd === cwd
            ? { ...toolInput, command: modified.parameters.command }
            : undefined,
        // The terminal persists between calls: a `cd` in an earlier one would make this command run
        // elsewhere than where it was judged. It runs from the judged folder, all of it or none: in
        // a group, so that `a; b` or `a || b` cannot go on elsewhere when the `cd` fails (the blank
        // line ends a trailing `\` or comment before the group closes).
        pin: (input) =>
          typeof input.command === 'string'
            ? { ...input, command: `cd ${shellQuote(cwd)} && {\n${input.command}\n\n}` }
            : input,
      });
    }
    case 'create_file':
      return write('filePath', toolInput.content);
    case 'replace_string_in_file':
      return write('filePath', toolInput.newString);
    case 'insert_edit_into_file':
      return write('filePath', toolInput.code);
    case 'edit_notebook_file':
      return write('filePath', toolInput.newCode);
    case 'create_directory':
      return write('dirPath', '');
    case 'multi_replace_string_in_file': {
      const edits = Array.isArray(toolInput.replacements)
        ? (toolInput.replacements as Array<Record<string, unknown>>)
        : [];
      const writes = edits.map((edit) => ({ path: str(edit?.filePath), content: edit?.newString }));
      if (writes.length === 0 || writes.some((w) => w.path === undefined))
        return {
          kind: 'invalid',
          error: '`multi_replace_string_in_file` has a replacement with no `filePath`',
        };
      return all(
        writes.map((w) => ({
          tool: 'fs',
          operation: 'write',
          parameters: {
            path: absolute(cwd, w.path!),
            content: typeof w.content === 'string' ? w.content : '',
          },
        })),
      );
    }
    case 'apply_patch': {
      const patch = str(toolInput.input);
      const files = patch ? patchedFiles(patch, cwd) : { error: '`apply_patch` input has no `input`' };
      if ('error' in files) return { kind: 'invalid', error: files.error };
      if (files.length === 0) return { kind: 'invalid', error: 'the patch names no file' };
      return all(
        files.map((file) => ({
          tool: 'fs',
          operation: file.deleted ? 'delete' : 'write',
          parameters: { path: file.path, ...(file.deleted ? {} : { content: patch }) },
        })),
      );
    }
    case 'read_file':
    case 'view_image':
      return pathOf('filePath')
        ? read(pathOf('filePath')!)
        : { kind: 'invalid', error: `\`${tool}\` input has no \`filePath\`` };
    case 'list_dir':
      return read(pathOf('path') ?? cwd);
    case 'file_search':
    case 'grep_search':
    case 'semantic_search':
      // They search the whole workspace.
      return read(`${cwd.replace(/\/$/, '')}/**`);
    case 'fetch_webpage':
      return fetch('urls');
    case 'open_simple_browser':
      return fetch('url');
    default: {
      // MCP tools (mcp_<server>_<tool>), tasks, tests, extensions and any tool aarm does not know:
      // judged as a tool call.
      const call = toolCall(tool, toolInput, 'vscode');
      return all([call.action], call.parts);
    }
  }
}

export interface VscodeHookOutput {
  hookSpecificOutput: {
    hookEventName: 'PreToolUse';
    permissionDecision: 'allow' | 'deny' | 'ask';
    permissionDecisionReason: string;
    updatedInput?: Record<string, unknown>;
  };
}

/** VS Code's answer for the daemon's decision on (one of) the call's actions. */
export function vscodeAnswer(
  call: Extract<MappedCall, { kind: 'actions' }>,
  input: VscodeHookInput,
  reply: DecisionMessage,
  confine?: ConfineCommand,
): VscodeHookOutput {
  const verdict = callVerdict(call, input.tool_input ?? {}, reply, confine);
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: verdict.decision,
      permissionDecisionReason: verdict.reason,
      ...(verdict.updatedInput ? { updatedInput: verdict.updatedInput } : {}),
    },
  };
}
