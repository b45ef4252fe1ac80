/**
 * Cline's PreToolUse hook: an executable `PreToolUse` in `.clinerules/hooks/` gets
 * `{preToolUse: {toolName, parameters}, workspaceRoots, taskId, …}` and answers
 * `{cancel, errorMessage}`. Cline blocks on a non-zero exit or bad output, so failing closed is
 * natural. It cannot rewrite a tool call or ask its user, so MODIFY and ask become a refusal.
 */
import { isAbsolute, join } from 'node:path';
import type { Action, DecisionMessage } from '../protocol/index.js';
import { describeDecision } from '../protocol/wire.js';

export interface ClineHookInput {
  clineVersion?: string;
  hookName?: string;
  taskId?: string;
  workspaceRoots?: string[];
  preToolUse?: { toolName?: string; parameters?: Record<string, unknown> };
  postToolUse?: { toolName?: string; parameters?: Record<string, unknown>; success?: boolean };
  /** the UserPromptSubmit hook's: the user's prompt (a new task, feedback, a resumed task) */
  userPromptSubmit?: { prompt?: string };
}

type Submitted = Omit<Action, 'session'> & { session?: string };

export function mapClineTool(input: ClineHookInput): Submitted | { error: string } | { internal: true } {
  const workspace = input.workspaceRoots?.[0];
  const tool = input.preToolUse?.toolName;
  const params = input.preToolUse?.parameters ?? {};
  if (!workspace || !tool)
    return { error: 'the hook input has no `workspaceRoots` or `preToolUse.toolName`' };
  const common = {
    ...(input.taskId ? { session: `cline-${input.taskId}` } : {}),
    context: { workspace },
    identity: {
      agent: {
        name: 'cline',
        ...(input.clineVersion ? { version: input.clineVersion } : {}),
        adapter: 'hook',
      },
    },
  };
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const path = (v: unknown) => {
    const p = str(v);
    return p === undefined ? workspace : isAbsolute(p) ? p : join(workspace, p);
  };
  switch (tool) {
    case 'execute_command': {
      const command = str(params.command);
      if (!command) return { error: '`execute_command` has no `command`' };
      return { tool: 'shell', operation: 'exec', parameters: { command, cwd: workspace }, ...common };
    }
    case 'read_file':
    case 'list_files':
    case 'search_files':
    case 'list_code_definition_names':
      return { tool: 'fs', operation: 'read', parameters: { path: path(params.path) }, ...common };
    case 'write_to_file':
    case 'replace_in_file':
    case 'new_rule':
      return {
        tool: 'fs',
        operation: 'write',
        parameters: { path: path(params.path), content: str(params.content) ?? str(params.diff) ?? '' },
        ...common,
      };
    case 'use_mcp_tool': {
      let args: Record<string, unknown> = {};
      try {
        args =
          typeof params.arguments === 'string'
            ? (JSON.parse(params.arguments) as Record<string, unknown>)
            : ((params.arguments as Record<string, unknown>) ?? {});
      } catch {
        args = { raw: params.arguments };
      }
      return {
        tool: 'mcp',
        operation: 'call',
        parameters: {
          server: str(params.server_name) ?? 'unknown',
          tool: str(params.tool_name) ?? 'unknown',
          arguments: args,
        },
        ...common,
      };
    }
    case 'ask_followup_question':
    case 'attempt_completion':
    case 'plan_mode_respond':
    case 'new_task':
    case 'condense':
      return { internal: true };
    default:
      return {
        tool: 'mcp',
        operation: 'call',
        parameters: { server: 'cline', tool, arguments: params },
        ...common,
      };
  }
}

export function clineAnswer(reply: DecisionMessage): { cancel: boolean; errorMessage?: string } {
  if (reply.verdict === 'allow' && !reply.decision.modifiedAction) return { cancel: false };
  const { decision } = reply;
  const why = decision.modifiedAction
    ? 'the policy would modify this call, which Cline hooks cannot do'
    : decision.reason;
  return {
    cancel: true,
    errorMessage: `aarm: ${describeDecision(reply, why)}`,
  };
}
