/**
 * OpenAI Codex CLI's PreToolUse hook (the same envelope as Claude Code's). Codex 0.171 acts on
 * `deny` (with a reason: a deny without one fails open), and on `allow` only together with an
 * `updatedInput` (the input the tool then runs with); a bare allow or `ask` is ignored. So the hook
 * answers deny, a rewrite, or nothing: with nothing, Codex's own approval rules decide.
 */
import { isAbsolute, join } from 'node:path';
import type { Action, DecisionMessage } from '../protocol/index.js';
import { describeDecision } from '../protocol/wire.js';
import { mcpToolName, type HookInput } from './claude-code.js';
import { shellJoin } from '../protocol/shell-quote.js';

type Submitted = Omit<Action, 'session'> & { session?: string };

/**
 * The files a Codex patch touches. Codex's parser accepts header lines with leading or trailing
 * blanks, so these are read the same way, line by line (only \n and \r\n end a line: a U+2028 in a
 * path is part of the path). A patch whose headers cannot all be read is an error, not a smaller patch.
 */
export function patchedFiles(
  patch: string,
  cwd: string,
): Array<{ path: string; deleted: boolean }> | { error: string } {
  const files: Array<{ path: string; deleted: boolean }> = [];
  for (const line of patch.split(/\r?\n/)) {
    if (
      !/^\s*\*\*\*/.test(line) ||
      /^\s*\*\*\*\s*(Begin|End)\s+Patch\s*$/.test(line) ||
      /^\s*\*\*\*\s*End of File\s*$/.test(line)
    )
      continue;
    const header = /^\s*\*\*\* (Add|Update|Delete) File: (.+)$|^\s*\*\*\* Move to: (.+)$/s.exec(line);
    const file = header && (header[2] ?? header[3])!.trim();
    if (!header || !file)
      return { error: `the patch has a header aarm cannot read: \`${line.trim().slice(0, 120)}\`` };
    files.push({ path: isAbsolute(file) ? file : join(cwd, file), deleted: header[1] === 'Delete' });
  }
  return files;
}

/**
 * The actions a Codex tool call stands for: a shell command, the files an apply_patch touches, an
 * MCP call. `sessionDir` is where Codex runs (the hook's own working directory): the workspace.
 * The hook input's `cwd` is the directory the model chose for this command (`workdir`), so it says
 * where the command runs, never what the workspace is.
 */
export function mapCodexTool(input: HookInput, sessionDir: string): Submitted[] | { error: string } {
  const cwd = typeof input.cwd === 'string' ? input.cwd : undefined;
  if (!cwd || !input.tool_name) return { error: 'the hook input has no `cwd` or `tool_name`' };
  const common = {
    ...(input.session_id ? { session: input.session_id } : {}),
    context: { workspace: sessionDir, ...(input.tool_use_id ? { toolUseId: input.tool_use_id } : {}) },
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
  // A patch is judged as the files it writes and deletes: through the apply_patch tool, or handed to
  // the shell tool (`apply_patch <<'EOF' … EOF`), which Codex intercepts and applies itself.
  const patch =
    command !== undefined && (input.tool_name === 'apply_patch' || /\*\*\*\s*Begin\s+Patch/.test(command));
  const writes: Submitted[] = [];
  if (patch) {
    const files = patchedFiles(command, cwd);
    if ('error' in files) return files;
    if (files.length === 0) return { error: 'the patch names no file' };
    for (const file of files)
      writes.push({
        tool: 'fs',
        operation: file.deleted ? 'delete' : 'write',
        parameters: { path: file.path, ...(file.deleted ? {} : { content: command }) },
        ...common,
      });
    if (input.tool_name === 'apply_patch') return writes;
  }
  if (input.tool_name === 'Bash' || input.tool_name === 'shell' || input.tool_name === 'exec_command') {
    if (!command) return { error: '`Bash` input has no `command`' };
    return [{ tool: 'shell', operation: 'exec', parameters: { command, cwd }, ...common }, ...writes];
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

export function codexAnswer(input: HookInput, reply: DecisionMessage): Record<string, unknown> | undefined {
  const modified = reply.decision.modifiedAction;
  if (reply.verdict === 'allow' && !modified) return undefined;
  if (reply.verdict === 'allow' && modified) {
    const updatedInput = codexUpdatedInput(input, modified);
    if (updatedInput)
      return {
        hookSpecificOutput: {
          hookEventName: 'PreToolUse',
          permissionDecision: 'allow',
          permissionDecisionReason: `aarm: ${describeDecision(reply)}`,
          updatedInput,
        },
      };
    // A rewrite the tool's input cannot carry is refused rather than run unmodified.
  }
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: 'deny',
      permissionDecisionReason: `aarm: ${describeDecision(reply)}`,
    },
  };
}

/** A MODIFY in the tool's own input: a shell command in the same directory, or an MCP call's arguments. */
function codexUpdatedInput(input: HookInput, modified: Action): Record<string, unknown> | undefined {
  const original = input.tool_input ?? {};
  if (modified.tool === 'shell' && input.tool_name === 'Bash' && typeof original.command === 'string')
    return modified.parameters.cwd === input.cwd
      ? { ...original, command: modified.parameters.command }
      : undefined;
  if (modified.tool === 'mcp' && mcpToolName(input.tool_name ?? ''))
    return { ...modified.parameters.arguments };
  return undefined;
}
