/**
 * Protections that no policy can switch off. They run before every rule (layer `forbidden`).
 * INVARIANT: nothing here reads policy; a workspace or user policy cannot reach these checks.
 */
import type { Action, Decision, Effects } from '../protocol/index.js';
import { globNames, globsOverlap, isWithin } from './cel.js';

export const SELF_PROTECTION_RULE = 'builtin.self-protection';
/** a change that may rewrite policy files as a side effect (`git checkout`, `rm -rf .` of a folder holding them) */
export const POLICY_CHANGE_RULE = 'builtin.policy-change';
export const INVALID_ACTION_RULE = 'builtin.invalid-action';
export const POLICY_ERROR_RULE = 'builtin.policy-error';
export const EVALUATION_ERROR_RULE = 'builtin.evaluation-error';
/** the receipt database failed its start-up check: nothing runs until a human deals with it */
export const CHAIN_BROKEN_RULE = 'builtin.chain-broken';
/** an action of a session that names another workspace or agent than the session's first (gate/session-binding.ts) */
export const SESSION_BINDING_RULE = 'builtin.session-binding';
export const DEFAULT_RULE = 'default';
export const CONFLICT_RULE = 'builtin.conflict';
/**
 * The `builtin.` rules policy evaluation gives (and so a replay of a draft gives again). Any other
 * `builtin.` rule in a receipt is the daemon's own refusal (pipeline/judge.ts `decidedByDaemon`).
 */
export const POLICY_BUILTIN_RULES: readonly string[] = [
  SELF_PROTECTION_RULE,
  POLICY_CHANGE_RULE,
  INVALID_ACTION_RULE,
  POLICY_ERROR_RULE,
  EVALUATION_ERROR_RULE,
  CONFLICT_RULE,
];

/** Paths an agent must never touch: the daemon's state directory and every policy file in force. */
export interface ProtectedPaths {
  /** absolute paths: policy files and folders in force (and AARM_HOME) */
  paths: readonly string[];
  /** AARM_HOME: keys, tokens, receipts; protected from reads too */
  stateDir?: string;
  home: string;
  /** names compare without case (macOS, Windows): `.AARM` is `.aarm` */
  caseInsensitive?: boolean;
  /** the daemon's own process: signals, tracing and `/proc` aimed at it are denied */
  daemon?: DaemonProcess;
  /**
   * Where `aarm install` keeps the copy of aarm the hooks start (its data directory; default
   * `~/.local/share/aarm`): an agent that rewrote it would answer its own hooks.
   */
  installDir?: string;
}

/** What identifies the running daemon to the actions that could stop or read it. */
export interface DaemonProcess {
  pid: number;
  /** its loopback port (0 while not yet listening) */
  port: number;
  /** its process name (`node`) and command line, for `killall` and `pkill -f` */
  name: string;
  commandLine: string;
}

/** Policy wherever it is: the `.aarm` folder and what it holds, and files named `*.aarm.yaml`. */
const POLICY_FOLDERS = ['**/.aarm', '**/.aarm/*.yaml', '**/.aarm/*.yml'];
const POLICY_FILE_NAMES = ['**/*.aarm.yaml', '**/*.aarm.yml'];

type Protection = Omit<Decision, 'policyHash'>;

export function checkSelfProtection(
  action: Action,
  effects: Effects,
  protectedPaths: ProtectedPaths,
): Protection | undefined {
  const fold = protectedPaths.caseInsensitive ? (s: string) => s.toLowerCase() : (s: string) => s;
  const stateDir = protectedPaths.stateDir === undefined ? undefined : fold(protectedPaths.stateDir);
  const policyPaths = protectedPaths.paths.map(fold).filter((p) => p !== stateDir);
  const administration = findAdministration(effects);
  if (administration) return deny(administration);
  const request = findRequestGiven(effects);
  if (request)
    return {
      decision: 'deny',
      rule: SELF_PROTECTION_RULE,
      reason: `\`${request}\` gives the session's request, which is the user's to give (their prompt), not an agent's`,
      risk: 'critical',
      layer: 'forbidden',
    };
  const attack = protectedPaths.daemon ? findDaemonTarget(effects, protectedPaths.daemon) : undefined;
  if (attack) return denyDaemon(attack);
  const paths = (list: string[]) => list.filter((p) => p.startsWith('/')).map(fold);
  if (stateDir !== undefined) {
    for (const path of [
      ...paths(effects.reads),
      ...paths(effects.writes),
      ...paths(effects.deletes),
      ...paths(effects.executes),
    ])
      if (touches(path, stateDir)) return deny(path.replace(/\/\*\*$/, ''));
  }
  // The copy the hooks start is aarm itself (T1): writing or deleting it is never the agent's.
  const installDir = fold(protectedPaths.installDir ?? `${protectedPaths.home}/.local/share/aarm`);
  // (A delete of a folder that holds it, such as the home, is left to the rules that judge that.)
  for (const path of paths(effects.writes))
    if (touches(path, installDir)) return denyInstall(path.replace(/\/\*\*$/, ''));
  for (const path of paths(effects.deletes))
    if (isWithin(path.replace(/\/\*\*$/, ''), installDir)) return denyInstall(path.replace(/\/\*\*$/, ''));
  let sideEffect: string | undefined;
  for (const path of [...paths(effects.writes), ...paths(effects.deletes)]) {
    const recursive = path.endsWith('/**');
    const base = recursive ? path.slice(0, -3) : path;
    // Writing or deleting a policy file or folder itself (or a policy file in it), however spelled.
    if (policyPaths.some((p) => touchesPolicy(base, p))) return deny(base);
    // Policy anywhere: any path that can reach the `.aarm` folder (`.aar[m]`, `.aarm/*`); a glob
    // that names `*.aarm.yaml` files, not one listing other files (`data/*`: the policy files in
    // force are in policyPaths above).
    if (POLICY_FOLDERS.some((name) => globsOverlap(base, name, { dotRuleA: true }))) return deny(base);
    if (
      POLICY_FILE_NAMES.some((name) =>
        /[*?[]/.test(base) ? globNames(base, name) : globsOverlap(base, name),
      )
    )
      return deny(base);
    // Rewriting everything below a folder that holds policy files: a human decides.
    if (recursive && sideEffect === undefined && policyPaths.some((p) => reaches(path, p))) sideEffect = base;
  }
  const mention = findProtectedMention(action, effects, protectedPaths, stateDir, policyPaths, fold);
  if (mention) return deny(mention);
  if (sideEffect !== undefined) {
    return {
      decision: 'step_up',
      rule: POLICY_CHANGE_RULE,
      reason: `the action may rewrite everything in \`${sideEffect}\`, which holds aarm policy files in force; a human must look`,
      risk: 'high',
      layer: 'step_up',
    };
  }
  return undefined;
}

/**
 * T1/T7: the agent runs as the same user, so it could stop the daemon (and squat its port), trace
 * it or read its memory, where the tokens are. Whatever aims at the daemon's process is denied:
 * by pid (`kill`, `gdb -p`, `strace -p`, `gcore`), by name (`killall node`), by command line
 * (`pkill -f aarm`), by port (`fuser -k PORT/tcp`), or through `/proc/PID/…`.
 */
function findDaemonTarget(effects: Effects, daemon: DaemonProcess): string | undefined {
  for (const signal of effects.signals) {
    const pid = signal.startsWith('pid:') ? pidOf(signal.slice(4)) : undefined;
    // `kill 04242`, `kill +4242`, `kill -- -4242` (its process group) all reach it.
    if (pid !== undefined && Math.abs(pid) === daemon.pid) return `process ${daemon.pid}`;
    if (signal === 'all' || pid === 0 || pid === -1) return 'every process of the user';
    if (signal.startsWith('name:') && nameMayMatch(signal.slice(5), daemon.name))
      return `processes named like \`${signal.slice(5)}\``;
    if (signal.startsWith('pattern:') && patternMayMatch(signal.slice(8), daemon.commandLine))
      return `processes matching \`${signal.slice(8)}\``;
  }
  for (const path of [...effects.reads, ...effects.writes, ...effects.deletes])
    if (procPathOf(path, daemon.pid)) return path;
  if (daemon.port > 0)
    for (const command of effects.commands) {
      const argv = command.argv.slice(1);
      const portArgument = argv.some((a) => new RegExp(`(^|[:=\\s])${daemon.port}(/(tcp|udp))?$`).test(a));
      if (portArgument && (effects.signals.length > 0 || effects.risks.includes('process-control')))
        return `the process on port ${daemon.port}`;
    }
  return undefined;
}

/** A pid as `kill` reads it: decimal with optional sign, zeros and blanks. */
function pidOf(text: string): number | undefined {
  const trimmed = text.trim();
  return /^[+-]?\d{1,12}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** Whether a `/proc/X/…` path can name the daemon's entry: its pid, or a glob that matches it. */
function procPathOf(path: string, pid: number): boolean {
  const match = /^\/proc\/([^/]+)(\/|$)/.exec(path);
  if (!match) return false;
  const segment = match[1]!;
  if (pidOf(segment) === pid) return true;
  if (!/[*?[]/.test(segment)) return false;
  // A shell glob over one name: `*`, `?`, `[…]`; anything else literal.
  const source = segment
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  try {
    return new RegExp(`^${source}$`).test(String(pid));
  } catch {
    return true;
  }
}

/**
 * Whether a process name a command targets can be the daemon's. `killall` wants the exact name,
 * `pkill` a regular expression found anywhere in it: a name is taken as the wider of the two.
 */
function nameMayMatch(name: string, daemonName: string): boolean {
  const base = name.replace(/^.*\//, '');
  if (base === daemonName || base === 'aarm') return true;
  return patternMayMatch(base, daemonName) || patternMayMatch(base, 'aarm');
}

/**
 * Whether a regular expression (`pkill -f PATTERN`, a `pkill` name) could match `text`. Simple
 * patterns are tried as written, without case; one with groups, alternation or escapes is given
 * the benefit of no doubt (it may match).
 */
function patternMayMatch(pattern: string, text: string): boolean {
  if (pattern.length > 200 || /[()|{}\\]/.test(pattern)) return true;
  try {
    return new RegExp(pattern, 'i').test(text);
  } catch {
    return true;
  }
}

function denyDaemon(target: string): Protection {
  return {
    decision: 'deny',
    rule: SELF_PROTECTION_RULE,
    reason: `the action aims at ${target}, which is (or includes) the aarm daemon; agents may not stop, trace or read it`,
    risk: 'critical',
    layer: 'forbidden',
  };
}

function denyInstall(hit: string): Protection {
  return {
    decision: 'deny',
    rule: SELF_PROTECTION_RULE,
    reason: `the action changes \`${hit}\`, which holds the copy of aarm that its hooks start; agents may not change aarm`,
    risk: 'critical',
    layer: 'forbidden',
  };
}

function deny(hit: string): Protection {
  return {
    decision: 'deny',
    rule: SELF_PROTECTION_RULE,
    reason: `the action touches \`${hit}\`, which holds aarm's own policy, keys or receipts; agents may not read or change it`,
    risk: 'critical',
    layer: 'forbidden',
  };
}

/** Whether a path, glob or `dir/**` can reach `target` or anything below it (Bash dot rules apply). */
function touches(path: string, target: string): boolean {
  if (isWithin(path, target)) return true;
  if (!/[*?[]/.test(path) && !/[*?[]/.test(target)) return false;
  return (
    globsOverlap(path, target, { dotRuleA: true }) || globsOverlap(path, `${target}/**`, { dotRuleA: true })
  );
}

/** Whether a recursive `dir/**` write covers a policy file, or a policy folder or what it holds. */
function reaches(path: string, policy: string): boolean {
  if (isWithin(policy, path.slice(0, -3))) return true;
  if (!/[*?[]/.test(path)) return false;
  if (globsOverlap(path, policy, { dotRuleA: true })) return true;
  // a folder of policy files: reaching its policy files (not, say, a cache folder inside it)
  return (
    !/\.ya?ml$/.test(policy) &&
    [`${policy}/*.yaml`, `${policy}/*.yml`].some((p) => globsOverlap(path, p, { dotRuleA: true }))
  );
}

/** A policy file, or a folder of them: the folder itself and the policy files in it. */
function touchesPolicy(path: string, policy: string): boolean {
  if (/\.ya?ml$/.test(policy))
    return path === policy || (/[*?[]/.test(path) && globsOverlap(path, policy, { dotRuleA: true }));
  if (path === policy) return true;
  const inside = [`${policy}/*.yaml`, `${policy}/*.yml`];
  if (isWithin(path, policy)) return inside.some((p) => globsOverlap(path, p, { dotRuleA: true }));
  return /[*?[]/.test(path) && [policy, ...inside].some((p) => globsOverlap(path, p, { dotRuleA: true }));
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

/** The arguments of an `aarm` command (run as `aarm …` or `node …/aarm.js …`), or undefined. */
function aarmArguments(command: Effects['commands'][number]): string[] | undefined {
  if (command.program === 'aarm') return command.argv.slice(1);
  return ['node', 'nodejs'].includes(command.program) && /(^|\/)aarm(\.js)?$/.test(command.argv[1] ?? '')
    ? command.argv.slice(2)
    : undefined;
}

/**
 * The session's request is the user's (R2): an agent giving one (`aarm exec --request`) would
 * unlock what waits for it, such as the network after secrets were read.
 */
function findRequestGiven(effects: Effects): string | undefined {
  for (const command of effects.commands) {
    const aarmArgs = aarmArguments(command);
    if (aarmArgs?.[0] === 'exec' && givesRequest(aarmArgs.slice(1))) return `aarm ${aarmArgs.join(' ')}`;
  }
  return undefined;
}

/** Whether `aarm exec` options (before its `--`) give the session's request. */
function givesRequest(options: readonly string[]): boolean {
  const end = options.indexOf('--');
  return (end === -1 ? options : options.slice(0, end)).some(
    (o) => o === '--request' || o.startsWith('--request='),
  );
}

/** An agent running `aarm grants revoke`, `aarm keys rotate`, `aarm daemon` … changes aarm itself. */
function findAdministration(effects: Effects): string | undefined {
  for (const command of effects.commands) {
    const aarmArgs = aarmArguments(command);
    const sub = aarmArgs?.[0];
    if (aarmArgs !== undefined && (sub === undefined || !AGENT_SUBCOMMANDS.has(sub)))
      return `aarm ${aarmArgs.join(' ')}`.trim();
  }
  return undefined;
}

/**
 * A second net over the text of the action: any string that names the state directory (or
 * AARM_HOME) is refused, for every tool. Policy files named in the arguments of an MCP tool, or
 * of a shell command aarm could not fully understand, are refused too.
 */
function findProtectedMention(
  action: Action,
  effects: Effects,
  protectedPaths: ProtectedPaths,
  stateDir: string | undefined,
  policyPaths: string[],
  fold: (s: string) => string,
): string | undefined {
  if (action.tool === 'fs') return undefined; // its one path was judged above
  const forms = (p: string) => {
    const out = [p];
    const home = fold(protectedPaths.home);
    if (home !== '' && isWithin(p, home) && p !== home) {
      const relative = p.slice(home.length);
      out.push(`~${relative}`, `$HOME${relative}`, `\${HOME}${relative}`);
    }
    return out;
  };
  const stateNeedles = stateDir === undefined ? [] : forms(stateDir);
  const checkPolicy = action.tool !== 'shell' || effects.unknown.length > 0;
  const policyNeedles = checkPolicy ? policyPaths.flatMap(forms) : [];
  const texts = [...stringsIn(action.parameters), ...effects.commands.flatMap((c) => c.argv)];
  for (const raw of texts) {
    const text = fold(raw);
    for (const needle of stateNeedles) if (text.includes(needle)) return needle;
    if (/\bAARM_HOME\b/i.test(raw)) return '$AARM_HOME';
    if (!checkPolicy) continue;
    for (const needle of policyNeedles) if (text.includes(needle)) return needle;
    const name = policyMention(text);
    if (name) return name;
  }
  return undefined;
}

/** `.aarm` as a path component, or a `*.aarm.yaml` file name, found in linear time. */
export function policyMention(text: string): string | undefined {
  for (let i = text.indexOf('.aarm'); i >= 0; i = text.indexOf('.aarm', i + 1)) {
    const before = i === 0 ? '' : text[i - 1]!;
    const after = text.slice(i + 5, i + 11);
    if (/^\.ya?ml(?![\w.-])/.test(after))
      return `${text.slice(Math.max(0, i - 40), i).replace(/^.*[\s'"=:]/, '')}.aarm${after.startsWith('.yml') ? '.yml' : '.yaml'}`;
    if (!/[\w.-]/.test(before) && (after === '' || after.startsWith('/') || !/^[\w.-]/.test(after)))
      return '.aarm';
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
