/**
 * Protections that no policy can switch off. They run before every rule (layer `forbidden`).
 * INVARIANT: nothing here reads policy; a workspace or user policy cannot reach these checks.
 */
import type { Action, Decision, Effects } from '../protocol/index.js';
import { globMatch, isWithin } from './cel.js';

export const SELF_PROTECTION_RULE = 'builtin.self-protection';
export const INVALID_ACTION_RULE = 'builtin.invalid-action';
export const POLICY_ERROR_RULE = 'builtin.policy-error';
export const EVALUATION_ERROR_RULE = 'builtin.evaluation-error';
/** the receipt database failed its start-up check: nothing runs until a human deals with it */
export const CHAIN_BROKEN_RULE = 'builtin.chain-broken';
export const DEFAULT_RULE = 'default';
export const CONFLICT_RULE = 'builtin.conflict';

/** Paths an agent must never touch: the daemon's state directory and every policy file in force. */
export interface ProtectedPaths {
  /** absolute paths: AARM_HOME, policy files and folders */
  paths: readonly string[];
  /** AARM_HOME: keys, tokens, receipts; protected even from reads of a folder that holds it */
  stateDir?: string;
  home: string;
}

/** Names that are policy files wherever they are (workspace policy: `.aarm/`, `*.aarm.yaml`). */
const POLICY_NAME = /(^|\/)\.aarm(\/|$)|\.aarm\.ya?ml$/;
/** The same, mentioned anywhere in a command or argument: `.aarm` as a path component, or `*.aarm.yaml`. */
const POLICY_MENTION = /(?:^|[^\w.-])\.aarm(?:\/|$|[^\w.-])|[\w./~$-]*\.aarm\.ya?ml\b/;

export function checkSelfProtection(
  action: Action,
  effects: Effects,
  protectedPaths: ProtectedPaths,
): Omit<Decision, 'policyHash'> | undefined {
  const hit =
    findAdministration(effects) ??
    findProtectedPath(effects, protectedPaths) ??
    findProtectedReference(action, protectedPaths) ??
    // Arguments as the shell will see them (quotes removed, `~` and variables expanded) catch
    // spellings the raw text hides: `cat ~/.local/state/aa""rm/token`, an unmodelled `sqlite3 DB`.
    findProtectedReference(
      {
        tool: 'mcp',
        operation: 'call',
        parameters: { server: '', tool: '', arguments: { argv: effects.commands.flatMap((c) => c.argv) } },
      },
      protectedPaths,
    );
  if (hit === undefined) return undefined;
  return {
    decision: 'deny',
    rule: SELF_PROTECTION_RULE,
    reason: `the action touches \`${hit}\`, which holds aarm's own policy, keys or receipts; agents may not read or change it`,
    risk: 'critical',
    layer: 'forbidden',
  };
}

/** `aarm` commands an agent may run: acting through aarm, never administering it. */
const AGENT_SUBCOMMANDS = new Set([
  'exec',
  'shell',
  'check',
  'status',
  'policy',
  'help',
  '--help',
  '-h',
  '--version',
]);

/** An agent running `aarm grants revoke`, `aarm keys rotate`, `aarm daemon` … changes aarm itself. */
function findAdministration(effects: Effects): string | undefined {
  for (const command of effects.commands) {
    const aarmArgs =
      command.program === 'aarm'
        ? command.argv.slice(1)
        : ['node', 'nodejs'].includes(command.program) && /(^|\/)aarm(\.js)?$/.test(command.argv[1] ?? '')
          ? command.argv.slice(2)
          : undefined;
    const sub = aarmArgs?.[0];
    if (aarmArgs !== undefined && (sub === undefined || !AGENT_SUBCOMMANDS.has(sub)))
      return `aarm ${aarmArgs.join(' ')}`.trim();
  }
  return undefined;
}

/** Any file the action reads, writes or deletes (as mediation resolved it) that is protected. */
function findProtectedPath(effects: Effects, protectedPaths: ProtectedPaths): string | undefined {
  const touched = (path: string, write: boolean): string | undefined => {
    const recursive = path.endsWith('/**');
    const dir = recursive ? path.slice(0, -3) : path;
    if (
      POLICY_NAME.test(dir) ||
      protectedPaths.paths.some((p) => isWithin(dir, p) || globReaches(dir, p, false))
    )
      return dir;
    if (!recursive) return undefined;
    // Everything below `dir` is touched. Copying or archiving a folder that holds the state directory
    // (`tar c ~/.local`) carries off the keys and token; deleting or rewriting one that holds policy
    // files takes those too. Reading a workspace that holds `.aarm/` is ordinary work.
    const reached = write ? protectedPaths.paths : protectedPaths.stateDir ? [protectedPaths.stateDir] : [];
    return reached.some((p) => isWithin(p, dir) || globReaches(dir, p, true)) ? dir : undefined;
  };
  for (const path of effects.reads) {
    const hit = touched(path, false);
    if (hit) return hit;
  }
  for (const path of [...effects.writes, ...effects.deletes]) {
    const hit = touched(path, true);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * A glob (`~/.local/state/a?rm/token`) touches what it can expand to. It reaches into a protected
 * path when its first segments can match that path; with `ancestors`, also when it can match a
 * folder holding one (for recursive use). As in Bash, `*` does not match a leading dot.
 */
function globReaches(pattern: string, protectedPath: string, ancestors: boolean): boolean {
  if (!/[*?[]/.test(pattern)) return false;
  const patternParts = pattern.split('/');
  const pathParts = protectedPath.split('/');
  const matches = (parts: string[], glob: string[]) =>
    parts.every((part, index) => {
      const segment = glob[index]!;
      if (part.startsWith('.') && !segment.startsWith('.') && /[*?[]/.test(segment)) return false;
      return globMatch(part, segment);
    });
  if (patternParts.length >= pathParts.length)
    return matches(pathParts, patternParts.slice(0, pathParts.length));
  return ancestors && matches(pathParts.slice(0, patternParts.length), patternParts);
}

function findProtectedReference(action: Action, protectedPaths: ProtectedPaths): string | undefined {
  if (action.tool === 'fs') {
    const path = action.parameters.path;
    if (POLICY_NAME.test(path)) return path;
    return protectedPaths.paths.find((p) => isWithin(path, p)) !== undefined ? path : undefined;
  }
  // Shell commands, URLs and MCP arguments: any string that names a protected path. Until the
  // shell analyser resolves what a command touches, a mention is enough to refuse (fail closed).
  const needles = protectedPaths.paths.flatMap((p) => {
    const forms = [p];
    if (protectedPaths.home !== '' && isWithin(p, protectedPaths.home) && p !== protectedPaths.home) {
      const relative = p.slice(protectedPaths.home.length);
      forms.push(`~${relative}`, `$HOME${relative}`, `\${HOME}${relative}`);
    }
    return forms;
  });
  for (const text of stringsIn(action.parameters)) {
    for (const needle of needles) if (text.includes(needle)) return needle;
    const policyName = POLICY_MENTION.exec(text);
    if (policyName) return policyName[0].replace(/^[^\w.~/$]+/, '');
    if (/\bAARM_HOME\b/.test(text)) return '$AARM_HOME';
  }
  return undefined;
}

function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      yield key;
      yield* stringsIn(item);
    }
  }
}
