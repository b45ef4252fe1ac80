/**
 * What the Gemini CLI and VS Code hooks share: a tool call stands for one or more canonical actions,
 * and the daemon's decisions on them become one verdict for the call (allow, deny, ask), with the
 * tool's input rewritten when a decision modifies or confines the action. Pure; the CLI
 * (`aarm hook gemini-cli|vscode`) speaks each agent's own answer format around it.
 */
import { isAbsolute, join } from 'node:path';
import type { Action, DecisionMessage } from '../protocol/index.js';
import { describeDecision } from '../protocol/wire.js';
import type { ConfineCommand } from './claude-code.js';

export type Submitted = Omit<Action, 'session'> & { session?: string };

/** How the call's own input says a modified action back (absent: it cannot, and is refused). */
export type Rewrite = (modified: Action) => Record<string, unknown> | undefined;

export type MappedCall =
  | {
      kind: 'actions';
      actions: Submitted[];
      /** the input key holding the shell command, for a call that runs one (it can be confined) */
      shellKey?: string;
      rewrite?: Rewrite;
      pin?: Pin;
    }
  | { kind: 'internal' }
  | { kind: 'invalid'; error: string };

/**
 * What an allowed call's input becomes, so that it runs as judged: VS Code's terminal keeps the
 * folder an earlier call moved to, and its command is judged in the folder the hook names.
 */
export type Pin = (input: Record<string, unknown>) => Record<string, unknown>;

/** What a mapping adds to its actions. */
export type CallParts = { shellKey?: string; rewrite?: Rewrite; pin?: Pin };

export interface CallVerdict {
  decision: 'allow' | 'deny' | 'ask';
  reason: string;
  updatedInput?: Record<string, unknown>;
}

export const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** A path from the tool's input, absolute (relative ones are the agent's working directory's). */
export const absolute = (cwd: string, value: string): string =>
  isAbsolute(value) ? value : join(cwd, value);

/** MCP tools as Claude Code and older Gemini CLIs name them (`mcp__server__tool`) or newer ones and VS Code do (`mcp_server_tool`). */
export function mcpName(name: string): { server: string; tool: string } | undefined {
  const match = /^mcp__(.+?)__(.+)$/.exec(name) ?? /^mcp_([^_]+)_(.+)$/.exec(name);
  return match ? { server: match[1]!, tool: match[2]! } : undefined;
}

/**
 * A tool aarm has no model for (an MCP tool, or any tool it does not know): judged as a tool call on
 * the server its name gives, else on the agent's own (`agentServer`); a modified call says its
 * arguments back as the tool's input.
 */
export function toolCall(
  tool: string,
  toolInput: Record<string, unknown>,
  agentServer: string,
): { action: Record<string, unknown>; parts: CallParts } {
  const mcp = mcpName(tool);
  return {
    action: {
      tool: 'mcp',
      operation: 'call',
      parameters: { server: mcp?.server ?? agentServer, tool: mcp?.tool ?? tool, arguments: toolInput },
    },
    parts: {
      rewrite: (modified) => (modified.tool === 'mcp' ? { ...modified.parameters.arguments } : undefined),
    },
  };
}

/**
 * The URLs a text names (Gemini's web_fetch takes them inside its prompt), as written. Gemini CLI
 * fetches each whitespace-separated word with "://" that parses as an http(s) URL, whole and in any
 * case (`HTTPS://…`); a URL inside brackets or quotes is read too (never fewer than it fetches).
 */
export function urlsIn(text: string): string[] {
  const words = text.split(/\s+/).filter((word) => word.includes('://') && isHttpUrl(word));
  return [...new Set([...(text.match(/https?:\/\/[^\s<>"'`)\]]+/gi) ?? []), ...words])];
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/**
 * The verdict for one action's decision. A modification the call's input cannot say back, or a
 * shell command that must run confined and cannot be wrapped, is refused, never run as it was
 * (only shell commands are confined, as for Claude Code).
 */
export function callVerdict(
  call: Extract<MappedCall, { kind: 'actions' }>,
  toolInput: Record<string, unknown>,
  reply: DecisionMessage,
  confine?: ConfineCommand,
): CallVerdict {
  const reason = `aarm: ${describeDecision(reply)}`;
  if (reply.verdict !== 'allow') return { decision: reply.verdict === 'ask' ? 'ask' : 'deny', reason };
  const { modifiedAction, confinement } = reply.decision;
  let input: Record<string, unknown> | undefined;
  if (modifiedAction) {
    input = call.actions.length === 1 ? call.rewrite?.(modifiedAction) : undefined;
    if (!input)
      return {
        decision: 'deny',
        reason: `${reason} The change cannot be said in this tool's input, so it is refused.`,
      };
  }
  if (confinement && call.shellKey) {
    const command = (input ?? toolInput)[call.shellKey];
    if (typeof command !== 'string' || !confine)
      return {
        decision: 'deny',
        reason: `${reason} It must run confined, and this hook cannot wrap it, so it is refused.`,
      };
    input = { ...(input ?? toolInput), [call.shellKey]: confine(command, confinement, reply.egress?.socket) };
    return {
      decision: 'allow',
      reason: `${reason} It runs confined: aarm's state and your secrets hidden, only the workspace and temp writable.`,
      updatedInput: call.pin ? call.pin(input) : input,
    };
  }
  const said = call.pin ? call.pin(input ?? toolInput) : input;
  return { decision: 'allow', reason, ...(said ? { updatedInput: said } : {}) };
}
