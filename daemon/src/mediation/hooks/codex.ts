/**
 * OpenAI Codex CLI's PreToolUse hook (the same envelope as Claude Code's). Codex acts only on
 * `deny` (allow, ask and updatedInput are not supported there and would fail open), so the hook
 * answers deny or nothing: with nothing, Codex's own approval rules decide.
 */
import { isAbsolute, join } from 'node:path';
import { describeDecision, type Action, type DecisionMessage } from '../../protocol/index.js';
import { mcpToolName, type HookInput } from './claude-code.js';
import { shellJoin } from '../../adapters/shell-quote.js';

type Submitted = Omit<Action, 'session'> & { session?: string };

/** The actions a Codex tool call stands for: a shell command, the files an apply_patch touches, an MCP call. */
export function mapCodexTool(input: HookInput): Submitted[] | { error: string } {
  const cwd = typeof input.cwd === 'string' ? input.cwd : undefined;
  if (!cwd || !input.tool_name) return { error: 'the hook input has no `cwd` or `tool_name`' };
  const common = {
    ...(input.session_id ? { session: input.session_id } : {}),
    context: { workspace: cwd, ...(input.tool_use_id ? { toolUseId: input.tool_use_id } : {}) },
    identity: { agent: { name: 'codex', adapter: 'hook' } },
  };
  const toolInput = input.tool_input ?? {};
  // An argv array is quoted as the shell would need it (`["bash","-lc","rm -rf ~"]` is one -c string).
  const command =
    typeof toolInput.command === 'string'
      ? toolInput.command
      : Array.isArray(toolInput.command)
        ? shellJoin(toolInput.command.map(String))
        : undefined;
  if (input.tool_name === 'apply_patch' && command) {
    // *** Add File: / *** Update File: / *** Delete File: / *** Move to: lines name what the patch touches.
    const actions: Submitted[] = [];
    for (const match of command.matchAll(
      /^\*\*\* (Add|Update|Delete) File: (.+)$|^\*\*\* Move to: (.+)$/gm,
    )) {
      const file = (match[2] ?? match[3])!.trim();
      const path = isAbsolute(file) ? file : join(cwd, file);
      actions.push({
        tool: 'fs',
        operation: match[1] === 'Delete' ? 'delete' : 'write',
        parameters: { path, ...(match[1] === 'Delete' ? {} : { content: command }) },
        ...common,
      });
    }
    return actions.length > 0 ? actions : { error: 'the patch names no file' };
  }
  if (input.tool_name === 'Bash' || input.tool_name === 'shell' || input.tool_name === 'exec_command') {
    if (!command) return { error: '`Bash` input has no `command`' };
    return [{ tool: 'shell', operation: 'exec', parameters: { command, cwd }, ...common }];
  }
  const mcp = mcpToolName(input.tool_name);
  return [
    {
      tool: 'mcp',
      operation: 'call',
      parameters: {
        server: mcp?.server ?? 'codex',
        tool: mcp?.tool ?? input.tool_name,
        arguments: toolInput,
      },
      ...common,
    },
  ];
}

export function codexAnswer(reply: DecisionMessage): Record<string, unknown> | undefined {
  // Codex cannot take a modified call: a MODIFY is refused rather than run unmodified.
  if (reply.verdict === 'allow' && !reply.decision.modifiedAction) return undefined;
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: 'deny',
      permissionDecisionReason: `aarm: ${describeDecision(reply)}`,
    },
  };
}
