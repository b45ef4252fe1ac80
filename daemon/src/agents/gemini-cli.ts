/**
 * Gemini CLI's hooks (google-gemini/gemini-cli, docs/hooks/reference.md; checked against the real
 * CLI 0.61.0 in test/agents/gemini-cli.agents.ts): a `BeforeTool` event becomes canonical actions; the answer is `{"decision": "deny", "reason": …}` (the reason goes to
 * the model as the tool's error), `{"decision": "ask"}` (Gemini CLI's own confirmation), or an allow
 * with `hookSpecificOutput.tool_input` (the whole input the tool then runs with: Gemini CLI builds
 * the call anew from it). An allow does not skip Gemini CLI's own confirmation. Pure mapping.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DecisionMessage } from '../protocol/index.js';
import type { ConfineCommand } from './claude-code.js';
import {
  absolute,
  callVerdict,
  toolCall,
  str,
  urlsIn,
  type CallParts,
  type MappedCall,
  type Submitted,
} from './tool-call.js';

/** What Gemini CLI sends a hook on stdin (the fields used; others are ignored). */
export interface GeminiHookInput {
  session_id?: string;
  cwd?: string;
  hook_event_name?: string;
  tool_name?: string;
  tool_input?: Record<string, unknown>;
  /** AfterTool: what the tool gave back (`llmContent`, `returnDisplay`, `error` when it failed) */
  tool_response?: unknown;
  prompt?: unknown;
}

/** JSON with object keys sorted: the same input always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * Gemini CLI's hooks name no tool call (its function call id stays inside), so BeforeTool and
 * AfterTool find each other by what the call runs: the tool's name and its whole input.
 */
export function geminiCallId(tool: string, toolInput: Record<string, unknown>): string {
  return `gemini-${createHash('sha256')
    .update(`${tool}\0${canonical(toolInput)}`)
    .digest('hex')
    .slice(0, 32)}`;
}

/**
 * Tools with no effect outside the conversation: plans, to-do lists, questions to the user; and the
 * output of the session's own background commands (Gemini CLI refuses any other process), each of
 * which was judged when it started.
 */
const INTERNAL_TOOLS = new Set([
  'write_todos',
  'ask_user',
  'enter_plan_mode',
  'exit_plan_mode',
  'update_topic',
  'complete_task',
  'list_background_processes',
  'read_background_output',
]);

/** The keys Gemini CLI's tools (of one version or another) take a path or folder in. */
const PATH_KEYS = ['file_path', 'absolute_path', 'dir_path', 'directory', 'path'];

/**
 * The actions a BeforeTool event stands for. `env.projectDir` is GEMINI_PROJECT_DIR (the
 * workspace; default the input's cwd), `env.home` the user's home (where save_memory writes).
 */
export function mapGeminiTool(
  input: GeminiHookInput,
  env: { projectDir?: string; home: string },
): MappedCall {
  const tool = input.tool_name;
  const toolInput = input.tool_input ?? {};
  const cwd = str(input.cwd);
  if (!tool) return { kind: 'invalid', error: 'the hook input has no `tool_name`' };
  if (!cwd) return { kind: 'invalid', error: 'the hook input has no `cwd`' };
  if (INTERNAL_TOOLS.has(tool)) return { kind: 'internal' };
  // Gemini CLI's versions name a tool's path differently (`directory`, then `dir_path`); aarm reads
  // the first it knows, the tool the one it knows: two different paths cannot both be judged.
  const paths = new Set(PATH_KEYS.map((key) => str(toolInput[key])).filter((v) => v !== undefined));
  if (paths.size > 1)
    return {
      kind: 'invalid',
      error: `\`${tool}\` input names several different paths (${[...paths].join(', ')})`,
    };
  const common = {
    ...(input.session_id ? { session: input.session_id } : {}),
    context: { workspace: env.projectDir ?? cwd },
    identity: { agent: { name: 'gemini-cli', adapter: 'hook' } },
  };
  // One action per call is how the outcome finds its receipt (a call of several reports none).
  const one = (action: Record<string, unknown>, more: CallParts = {}): MappedCall => ({
    kind: 'actions',
    actions: [
      {
        ...action,
        ...common,
        context: { ...common.context, toolUseId: geminiCallId(tool, toolInput) },
      } as Submitted,
    ],
    ...more,
  });
  const pathOf = (...keys: string[]) => {
    const value = keys.map((key) => str(toolInput[key])).find((v) => v !== undefined);
    return value === undefined ? undefined : absolute(cwd, value);
  };
  const fileKey = ['file_path', 'absolute_path', 'path'].find((key) => str(toolInput[key]) !== undefined);
  const write = (content: unknown): MappedCall => {
    const path = pathOf('file_path', 'absolute_path');
    if (!path) return { kind: 'invalid', error: `\`${tool}\` input has no \`file_path\`` };
    return one(
      {
        tool: 'fs',
        operation: 'write',
        parameters: { path, content: typeof content === 'string' ? content : '' },
      },
      {
        // Only a changed path can be said back, and only when the content stays what was judged.
        rewrite: (modified) =>
          modified.tool === 'fs' &&
          modified.parameters.content === (typeof content === 'string' ? content : '')
            ? { ...toolInput, [fileKey ?? 'file_path']: modified.parameters.path }
            : undefined,
      },
    );
  };
  const read = (path: string) => one({ tool: 'fs', operation: 'read', parameters: { path } });
  switch (tool) {
    case 'run_shell_command': {
      const command = str(toolInput.command);
      if (!command) return { kind: 'invalid', error: '`run_shell_command` input has no `command`' };
      const dir = pathOf('dir_path', 'directory') ?? cwd;
      return one(
        { tool: 'shell', operation: 'exec', parameters: { command, cwd: dir } },
        {
          shellKey: 'command',
          rewrite: (modified) =>
            modified.tool === 'shell' && modified.parameters.cwd === dir
              ? { ...toolInput, command: modified.parameters.command }
              : undefined,
        },
      );
    }
    case 'write_file':
      return write(toolInput.content);
    case 'replace':
      return write(toolInput.new_string);
    case 'save_memory':
      // It appends the fact to the user's global memory file, which every later session reads.
      return one({
        tool: 'fs',
        operation: 'write',
        parameters: {
          path: join(env.home, '.gemini', 'GEMINI.md'),
          content: typeof toolInput.fact === 'string' ? toolInput.fact : '',
        },
      });
    case 'read_file': {
      const path = pathOf('file_path', 'absolute_path');
      return path ? read(path) : { kind: 'invalid', error: '`read_file` input has no `file_path`' };
    }
    case 'list_directory':
      return read(pathOf('dir_path', 'path') ?? cwd);
    case 'glob':
    case 'grep_search':
    case 'search_file_content':
      // They search everything below their folder.
      return read(`${(pathOf('dir_path', 'path') ?? cwd).replace(/\/$/, '')}/**`);
    case 'read_many_files': {
      const patterns = [toolInput.include, toolInput.paths]
        .flatMap((list): unknown[] => (Array.isArray(list) ? list : []))
        .filter((p): p is string => typeof p === 'string' && p !== '');
      if (patterns.length === 0) return { kind: 'invalid', error: '`read_many_files` input names no file' };
      return {
        kind: 'actions',
        actions: patterns.map((p) => ({
          tool: 'fs',
          operation: 'read',
          parameters: { path: absolute(cwd, p) },
          ...common,
        })),
      };
    }
    case 'web_fetch': {
      // The URLs are inside the prompt (up to 20 of them); each is a request. With direct fetching
      // on (an experimental setting), Gemini CLI fetches `url` instead.
      const prompt = typeof toolInput.prompt === 'string' ? toolInput.prompt : undefined;
      const direct = str(toolInput.url);
      const urls = [...new Set([...(direct ? [direct] : []), ...urlsIn(prompt ?? '')])];
      if (urls.length === 0) return { kind: 'invalid', error: '`web_fetch` prompt names no http(s) URL' };
      return {
        kind: 'actions',
        actions: urls.map((url) => ({
          tool: 'net',
          operation: 'request',
          parameters: { method: 'GET', url },
          ...common,
        })),
        // (said back only for a call of one URL: wherever it is written)
        rewrite: (modified) =>
          modified.tool === 'net'
            ? {
                ...toolInput,
                ...(direct ? { url: modified.parameters.url } : {}),
                ...(prompt !== undefined
                  ? { prompt: prompt.split(urls[0]!).join(modified.parameters.url) }
                  : {}),
              }
            : undefined,
      };
    }
    default: {
      // MCP tools, google_web_search, skills and any tool aarm does not know: judged as a tool call.
      const call = toolCall(tool, toolInput, 'gemini-cli');
      return one(call.action, call.parts);
    }
  }
}

export interface GeminiHookOutput {
  decision: 'allow' | 'deny' | 'ask';
  reason: string;
  systemMessage?: string;
  hookSpecificOutput?: { hookEventName: 'BeforeTool'; tool_input: Record<string, unknown> };
}

/** Gemini CLI's answer for the daemon's decision on (one of) the call's actions. */
export function geminiAnswer(
  call: Extract<MappedCall, { kind: 'actions' }>,
  input: GeminiHookInput,
  reply: DecisionMessage,
  confine?: ConfineCommand,
): GeminiHookOutput {
  const verdict = callVerdict(call, input.tool_input ?? {}, reply, confine);
  return {
    decision: verdict.decision,
    reason: verdict.reason,
    // The reason goes to the model; the user sees refusals too.
    ...(verdict.decision !== 'allow' ? { systemMessage: verdict.reason } : {}),
    ...(verdict.updatedInput
      ? { hookSpecificOutput: { hookEventName: 'BeforeTool', tool_input: verdict.updatedInput } }
      : {}),
  };
}

/**
 * AfterTool: the ids under which the call's BeforeTool may have submitted it, and whether it failed.
 * AfterTool carries the input the tool ran with: for a command aarm confined that is aarm's
 * `confine … -- bash -c COMMAND` line, so the command the model asked for is tried too.
 */
export function geminiOutcome(input: GeminiHookInput): { ids: string[]; failure?: string } | undefined {
  const tool = input.tool_name;
  const toolInput = input.tool_input;
  if (!tool || !toolInput || !input.session_id) return undefined;
  const ids = [geminiCallId(tool, toolInput)];
  const asked = typeof toolInput.command === 'string' ? confinedCommand(toolInput.command) : undefined;
  if (asked !== undefined) ids.push(geminiCallId(tool, { ...toolInput, command: asked }));
  const failure = geminiToolFailed(input.tool_response);
  return { ids, ...(failure ? { failure } : {}) };
}

/** The command inside aarm's own `… confine … -- bash -c 'COMMAND'` line (see confineCommandLine). */
function confinedCommand(line: string): string | undefined {
  const match = / confine .* -- bash -c ('(?:[^']|'\\'')*'|[A-Za-z0-9_@%+=:,./-]+)$/.exec(line);
  if (!match) return undefined;
  const quoted = match[1]!;
  return quoted.startsWith("'") ? quoted.slice(1, -1).replace(/'\\''/g, "'") : quoted;
}

/**
 * Why the tool call failed, if it did: Gemini CLI sets `error` when a tool fails; a shell command
 * that exits non-zero is no error to it, only an `Exit Code: N` line after its output.
 */
export function geminiToolFailed(response: unknown): string | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const r = response as { error?: unknown; llmContent?: unknown };
  if (r.error) {
    const message = (r.error as { message?: unknown }).message;
    return typeof message === 'string' && message !== '' ? message : 'the tool reported an error';
  }
  const text = typeof r.llmContent === 'string' ? r.llmContent : '';
  const code = [...text.matchAll(/^Exit Code: (-?\d+)$/gm)].at(-1)?.[1];
  if (code !== undefined && code !== '0') return `exit code ${code}`;
  if (/^Signal: /m.test(text)) return `killed by ${/^Signal: (.*)$/m.exec(text)![1]}`;
  return undefined;
}
