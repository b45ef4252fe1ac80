/**
 * Claude Code's hook protocol: a PreToolUse event becomes a canonical action, the daemon's
 * decision becomes the hook's answer (allow, deny, ask; MODIFY → `updatedInput`). Pure mapping;
 * the CLI (`aarm hook claude-code`) and the daemon's HTTP hook endpoint share it.
 */
import { isAbsolute, join } from 'node:path';
import type { Action, Confinement, DecisionMessage } from '../protocol/index.js';
import { describeDecision } from '../protocol/wire.js';
import { BASH, shellJoin } from '../protocol/shell-quote.js';

/**
 * How the hook wraps an allowed Bash command so that it runs confined, as its decision says (the
 * `aarm confine … -- bash -c COMMAND` line; the CLI knows where aarm is). Absent: not offered.
 */
export type ConfineCommand = (command: string, confinement: Confinement, egressSocket?: string) => string;

/**
 * The wrapper line, for this Node and this aarm by absolute path (as the hooks are installed), in
 * the action's workspace: `aarm confine --network … --workspace … [--write DIR]… -- bash -c COMMAND`.
 */
export function confineCommandLine(node: string, cli: string, workspace: string): ConfineCommand {
  return (command, confinement, egressSocket) =>
    shellJoin([
      node,
      cli,
      'confine',
      '--network',
      confinement.network,
      ...(egressSocket !== undefined ? ['--egress', egressSocket] : []),
      ...(confinement.hosts ?? []).flatMap((host) => ['--host', host]),
      '--workspace',
      workspace,
      ...(confinement.writable ?? []).flatMap((folder) => ['--write', folder]),
      ...(confinement.unpinned ?? []).flatMap((name) => ['--unpin', name]),
      ...(confinement.unsetEnv ?? []).flatMap((name) => ['--unset', name]),
      '--',
      BASH,
      '-c',
      command,
    ]);
}

/** What Claude Code sends a hook on stdin (the fields we use; others are ignored). */
export interface HookInput {
  session_id?: string;
  cwd?: string;
  hook_event_name?: string;
  tool_name?: string;
  tool_input?: Record<string, unknown>;
  tool_use_id?: string;
  tool_response?: unknown;
  /** Claude Code's permission mode: default, plan, acceptEdits, bypassPermissions, dontAsk… */
  permission_mode?: string;
}

/**
 * Can Claude Code ask its user when the hook answers `ask`? Only in the modes where it prompts: with
 * --dangerously-skip-permissions (bypassPermissions) an `ask` is approved without anyone seeing it,
 * and an unknown or missing mode is not trusted to prompt either.
 */
export function claudeCodeCanAsk(input: HookInput): boolean {
  return input.permission_mode === 'default' || input.permission_mode === 'plan';
}

export interface HookOutput {
  hookSpecificOutput: {
    hookEventName: 'PreToolUse';
    permissionDecision: 'allow' | 'deny' | 'ask';
    permissionDecisionReason: string;
    updatedInput?: Record<string, unknown>;
  };
}

/** MCP tools as Claude Code and Codex name them: `mcp__<server>__<tool>`. */
export function mcpToolName(name: string): { server: string; tool: string } | undefined {
  const match = /^mcp__(.+?)__(.+)$/.exec(name);
  return match ? { server: match[1]!, tool: match[2]! } : undefined;
}

/**
 * Claude Code's own bookkeeping tools: no effect outside the conversation, nothing to judge. (Not
 * Skill or SlashCommand: a skill or command file can run shell commands (`!`cmd``) that reach no
 * Bash hook, so using one is judged as a tool call.)
 */
const INTERNAL_TOOLS = new Set([
  'TodoWrite',
  'TodoRead',
  'ExitPlanMode',
  'Task',
  'Agent',
  'BashOutput',
  'KillShell',
  'KillBash',
  'ListMcpResourcesTool',
]);

export type Mapped =
  | { kind: 'action'; action: Omit<Action, 'session'> & { session?: string } }
  | { kind: 'internal' }
  | { kind: 'invalid'; error: string };

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The canonical action for a PreToolUse event. */
export function mapClaudeCodeTool(
  input: HookInput,
  env: { projectDir?: string; version?: string } = {},
): Mapped {
  const tool = input.tool_name;
  const toolInput = input.tool_input ?? {};
  const cwd = str(input.cwd);
  if (!tool) return { kind: 'invalid', error: 'the hook input has no `tool_name`' };
  if (!cwd) return { kind: 'invalid', error: 'the hook input has no `cwd`' };
  if (INTERNAL_TOOLS.has(tool)) return { kind: 'internal' };
  const workspace = env.projectDir ?? cwd;
  const common = {
    ...(input.session_id ? { session: input.session_id } : {}),
    context: { workspace, ...(input.tool_use_id ? { toolUseId: input.tool_use_id } : {}) },
    identity: {
      agent: { name: 'claude-code', ...(env.version ? { version: env.version } : {}), adapter: 'hook' },
    },
  };
  const path = (key: string) => {
    const value = str(toolInput[key]);
    return value === undefined ? undefined : isAbsolute(value) ? value : join(cwd, value);
  };
  const fs = (operation: 'read' | 'write', key: string, content?: string, override?: string): Mapped => {
    const target = override ?? path(key) ?? (operation === 'read' ? cwd : undefined);
    if (target === undefined) return { kind: 'invalid', error: `\`${tool}\` input has no \`${key}\`` };
    return {
      kind: 'action',
      action: {
        tool: 'fs',
        operation,
        parameters: { path: target, ...(content !== undefined ? { content } : {}) },
        ...common,
      },
    };
  };
  switch (tool) {
    case 'Bash': {
      const command = str(toolInput.command);
      if (!command) return { kind: 'invalid', error: '`Bash` input has no `command`' };
      return {
        kind: 'action',
        action: { tool: 'shell', operation: 'exec', parameters: { command, cwd }, ...common },
      };
    }
    case 'Read':
      return fs('read', 'file_path');
    case 'Glob':
    case 'Grep': {
      // They search everything below their folder.
      const folder = path('path') ?? cwd;
      return fs('read', 'path', undefined, `${folder.replace(/\/$/, '')}/**`);
    }
    case 'LS':
      return fs('read', 'path');
    case 'Write':
      return fs('write', 'file_path', typeof toolInput.content === 'string' ? toolInput.content : '');
    case 'Edit':
      return fs('write', 'file_path', typeof toolInput.new_string === 'string' ? toolInput.new_string : '');
    case 'MultiEdit': {
      const edits = Array.isArray(toolInput.edits)
        ? (toolInput.edits as Array<{ new_string?: unknown }>)
        : [];
      return fs(
        'write',
        'file_path',
        edits.map((e) => (typeof e.new_string === 'string' ? e.new_string : '')).join('\n'),
      );
    }
    case 'NotebookEdit':
      return fs(
        'write',
        'notebook_path',
        typeof toolInput.new_source === 'string' ? toolInput.new_source : '',
      );
    case 'WebFetch': {
      const url = str(toolInput.url);
      if (!url) return { kind: 'invalid', error: '`WebFetch` input has no `url`' };
      return {
        kind: 'action',
        action: { tool: 'net', operation: 'request', parameters: { method: 'GET', url }, ...common },
      };
    }
    default: {
      // MCP tools are named mcp__<server>__<tool>; anything else is an unknown tool, judged as one.
      const mcp = mcpToolName(tool);
      return {
        kind: 'action',
        action: {
          tool: 'mcp',
          operation: 'call',
          parameters: {
            server: mcp?.server ?? 'claude-code',
            tool: mcp?.tool ?? tool,
            arguments: toolInput,
          },
          ...common,
        },
      };
    }
  }
}

function networkWords(confinement: Confinement): string {
  if (confinement.network === 'none') return 'no network';
  if (confinement.network === 'open') return "the machine's network";
  return `network only to ${(confinement.hosts ?? []).join(', ')} through aarm's egress proxy`;
}

/** The hook's answer for the daemon's decision. */
export function claudeCodeAnswer(
  input: HookInput,
  reply: DecisionMessage,
  confine?: ConfineCommand,
): HookOutput {
  const { decision } = reply;
  const modifiedInput =
    reply.verdict === 'allow' && decision.modifiedAction
      ? updatedToolInput(input, decision.modifiedAction)
      : undefined;
  // A modification the tool's own input cannot express is refused, never run unmodified.
  const inexpressible =
    reply.verdict === 'allow' && decision.modifiedAction !== undefined && modifiedInput === undefined;
  // A Bash command the decision confines runs inside `aarm confine`; one that cannot be wrapped is
  // refused, never run with the user's full rights.
  const confinement = reply.verdict === 'allow' ? decision.confinement : undefined;
  const command = (modifiedInput ?? input.tool_input)?.command;
  const confined =
    confinement && input.tool_name === 'Bash' && typeof command === 'string' && confine
      ? {
          ...(modifiedInput ?? input.tool_input),
          command: confine(command, confinement, reply.egress?.socket),
        }
      : undefined;
  const unconfinable = confinement !== undefined && confined === undefined && input.tool_name === 'Bash';
  const updatedInput = confined ?? modifiedInput;
  const reason = `aarm: ${describeDecision(reply)}${
    confined
      ? ` It runs confined: aarm's state and your secrets hidden, only the workspace and temp writable, ${networkWords(confinement!)}.`
      : unconfinable
        ? ' It must run confined, and this hook cannot wrap it, so it is refused.'
        : ''
  }`;
  const permissionDecision =
    inexpressible || unconfinable
      ? 'deny'
      : reply.verdict === 'allow'
        ? 'allow'
        : reply.verdict === 'ask'
          ? 'ask'
          : 'deny';
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision,
      permissionDecisionReason: reason,
      ...(updatedInput ? { updatedInput } : {}),
    },
  };
}

/** A PreToolUse answer that refuses the call (anything that is not an allow, in Claude Code's terms). */
export function claudeCodeRefusal(reason: string): HookOutput {
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: 'deny',
      permissionDecisionReason: `aarm: ${reason}`,
    },
  };
}

/** A MODIFY decision, spoken back in the tool's own input fields. */
function updatedToolInput(input: HookInput, modified: Action): Record<string, unknown> | undefined {
  const original = input.tool_input ?? {};
  const cwd = typeof input.cwd === 'string' ? input.cwd : undefined;
  switch (modified.tool) {
    case 'shell':
      return modified.parameters.cwd === cwd
        ? { ...original, command: modified.parameters.command }
        : undefined;
    case 'net':
      return { ...original, url: modified.parameters.url };
    case 'fs': {
      // Only a changed path can be said back, and only to tools that take one file.
      const key =
        input.tool_name === 'NotebookEdit'
          ? 'notebook_path'
          : ['Read', 'Write', 'Edit', 'MultiEdit'].includes(input.tool_name ?? '')
            ? 'file_path'
            : undefined;
      const mappedContent =
        input.tool_name === 'Write'
          ? original.content
          : input.tool_name === 'Edit'
            ? original.new_string
            : undefined;
      if (
        key === undefined ||
        (modified.parameters.content !== undefined && modified.parameters.content !== mappedContent)
      )
        return undefined;
      return { ...original, [key]: modified.parameters.path };
    }
    case 'mcp':
      return { ...modified.parameters.arguments };
  }
}

/** Whether a PostToolUse response reports a failure (the tool's own error fields). */
export function toolFailed(response: unknown): string | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const r = response as Record<string, unknown>;
  if (r.is_error === true || r.isError === true)
    return typeof r.error === 'string' ? r.error : 'the tool reported an error';
  if (typeof r.error === 'string' && r.error !== '') return r.error;
  if (r.interrupted === true) return 'interrupted';
  return undefined;
}
