/**
 * How Codex (0.171 and later) decides to run a user hook: only when `config.toml` holds, under
 * `[hooks.state."<hooks file>:<event>:<group>:<handler>"]`, a `trusted_hash` equal to the hash of
 * the hook's definition; an untrusted hook is skipped without a word. This module computes that key
 * and hash as Codex does (codex-rs hooks: `hook_key`, `command_hook_hash`) and edits the trust
 * tables in `config.toml` as text, so the user's comments and layout stay as they were. Pure.
 */
import { createHash } from 'node:crypto';
import type { Result } from '../protocol/index.js';

/** One command handler of a Codex hooks.json group. */
export interface CodexHookHandler {
  type?: string;
  command?: string;
  timeout?: number;
  async?: boolean;
  statusMessage?: string;
  additionalContextLimit?: number;
}

export interface CodexHookGroup {
  matcher?: string;
  hooks?: CodexHookHandler[];
}

/** `PreToolUse` → `pre_tool_use`, as the key and hash spell event names. */
export function codexEventLabel(event: string): string {
  return event.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase();
}

/** Where Codex keeps a hook's trust: the hooks file's real path, the event, the group and handler indexes. */
export function codexHookKey(realHooksFile: string, event: string, group: number, handler: number): string {
  return `${realHooksFile}:${codexEventLabel(event)}:${group}:${handler}`;
}

function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] != null)
        .map((key) => [key, sortedJson((value as Record<string, unknown>)[key])]),
    );
  return value;
}

/** The hash Codex stores as `trusted_hash`: sha256 of the handler's identity as sorted, compact JSON. */
export function codexHookHash(event: string, group: CodexHookGroup, handler: CodexHookHandler): string {
  const defaultTimeout = event === 'SessionEnd' || event === 'Interrupt' ? 1 : 600;
  const normalised: Record<string, unknown> = {
    type: 'command',
    command: handler.command,
    async: handler.async === true,
    timeout: Math.max(1, handler.timeout ?? defaultTimeout),
    statusMessage: handler.statusMessage,
    additionalContextLimit: handler.additionalContextLimit,
  };
  const identity: Record<string, unknown> = { event_name: codexEventLabel(event), hooks: [normalised] };
  if (group.matcher != null && event !== 'UserPromptSubmit' && event !== 'Stop')
    identity.matcher = group.matcher;
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(sortedJson(identity)), 'utf8')
    .digest('hex')}`;
}

const HEADER = /^\s*\[\s*hooks\s*\.\s*state\s*\.\s*("(?:[^"\\]|\\.)*"|'[^']*')\s*\]\s*(?:#.*)?$/;
const ANY_HEADER = /^\s*\[/;

/** The key of a `[hooks.state."KEY"]` header line, if the line is one. */
function stateHeaderKey(line: string): string | undefined {
  const match = HEADER.exec(line);
  if (!match) return undefined;
  const quoted = match[1]!;
  if (quoted.startsWith("'")) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}

/** A TOML basic string (JSON's escapes are all valid TOML escapes). */
const tomlString = (text: string) => JSON.stringify(text);

/** The trust entries `config.toml` holds, by key (only the `[hooks.state."KEY"]` table form is read). */
export function readCodexTrust(configText: string): Map<string, { trustedHash?: string; enabled?: boolean }> {
  const found = new Map<string, { trustedHash?: string; enabled?: boolean }>();
  let current: { trustedHash?: string; enabled?: boolean } | undefined;
  for (const line of configText.split('\n')) {
    const key = stateHeaderKey(line);
    if (key !== undefined) {
      current = {};
      found.set(key, current);
      continue;
    }
    if (ANY_HEADER.test(line)) {
      current = undefined;
      continue;
    }
    if (!current) continue;
    const hash = /^\s*trusted_hash\s*=\s*"([^"]*)"/.exec(line);
    if (hash) current.trustedHash = hash[1]!;
    const enabled = /^\s*enabled\s*=\s*(true|false)\b/.exec(line);
    if (enabled) current.enabled = enabled[1] === 'true';
  }
  return found;
}

export type TrustEdit = Result<{ text: string }>;

/**
 * Set (a hash) or remove (`undefined`) the trust entries for `changes`, and move entries whose hook
 * changed position (`moves`: old key → new key). Refuses when a key is written in a form this editor
 * does not read (an inline table, a dotted key), rather than leave two answers for one key.
 */
export function editCodexTrust(
  configText: string,
  changes: Map<string, string | undefined>,
  moves: Map<string, string> = new Map(),
): TrustEdit {
  const lines = configText === '' ? [] : configText.replace(/\n$/, '').split('\n');
  const keys = [...changes.keys(), ...moves.keys(), ...moves.values()];
  for (const line of lines)
    if (stateHeaderKey(line) === undefined && keys.some((key) => line.includes(key)))
      return {
        ok: false,
        error: `it names a hook's trust in a form aarm does not edit: \`${line.trim()}\``,
      };
  // Tables are [start, end) line ranges; a moved table takes its new key, a table a move lands on
  // or a removal names is dropped, a set changes the hash in place (or appends a table at the end).
  const targets = new Set(moves.values());
  const output: string[] = [];
  const pending = new Map([...changes].filter(([, hash]) => hash !== undefined));
  for (let i = 0; i < lines.length;) {
    const key = stateHeaderKey(lines[i]!);
    let end = i + 1;
    while (end < lines.length && !ANY_HEADER.test(lines[end]!)) end++;
    const body = lines.slice(i + 1, end);
    if (key === undefined) {
      output.push(...lines.slice(i, end));
    } else if (moves.has(key)) {
      output.push(`[hooks.state.${tomlString(moves.get(key)!)}]`, ...body);
    } else if (targets.has(key) || (changes.has(key) && changes.get(key) === undefined)) {
      // drop the table, and the comment aarm wrote above it
      while (output.length > 0 && output.at(-1)!.startsWith('# Added by `aarm install codex`')) output.pop();
      // (its comments stay; its keys would otherwise land in the table before it)
      output.push(...body.filter((line) => /^\s*(#.*)?$/.test(line)));
    } else if (pending.has(key)) {
      const hash = pending.get(key)!;
      pending.delete(key);
      // Installing is asking for the hook to run: an `enabled = false` beside it goes too.
      const kept = body.filter((line) => !/^\s*(trusted_hash|enabled)\s*=/.test(line));
      output.push(lines[i]!, `trusted_hash = ${tomlString(hash)}`, ...kept);
    } else {
      output.push(...lines.slice(i, end));
    }
    i = end;
  }
  for (const [key, hash] of pending) {
    if (output.length > 0 && output.at(-1)!.trim() !== '') output.push('');
    output.push(
      '# Added by `aarm install codex`: Codex runs a hook only when config.toml trusts its hash.',
      `[hooks.state.${tomlString(key)}]`,
      `trusted_hash = ${tomlString(hash!)}`,
    );
  }
  while (output.length > 0 && output.at(-1)!.trim() === '') output.pop();
  return { ok: true, text: output.length === 0 ? '' : `${output.join('\n')}\n` };
}

/** Is Codex's hook feature switched off in config.toml (`[features] hooks = false` or `codex_hooks = false`)? */
export function codexHooksSwitchedOff(configText: string): string | undefined {
  let table = '';
  for (const line of configText.split('\n')) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$/.exec(line);
    if (header) {
      table = header[1]!;
      continue;
    }
    const key = /^\s*((?:features\s*\.\s*)?(?:codex_hooks|hooks))\s*=\s*false\b/.exec(line);
    if (key && (table === 'features' || (table === '' && key[1]!.startsWith('features')))) return line.trim();
  }
  return undefined;
}
