/**
 * One action in, one judgement out: validate, normalise, decide, and say what will be enforced.
 * Shared by the daemon and `aarm check`, so a replay decides exactly as the live daemon does.
 */
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import {
  nestedDeeperThan,
  tooDeepMessage,
  MAX_ACTION_BYTES,
  MAX_CONFINED_WRITABLE,
  hostOfEndpoint,
  type Action,
  type Approval,
  type Decision,
  type Deferral,
  type Effects,
  type SecretBinding,
  type SessionSnapshot,
  type Verdict,
} from '../protocol/index.js';
import {
  EVALUATION_ERROR_RULE,
  INVALID_ACTION_RULE,
  POLICY_BUILTIN_RULES,
  evaluate,
  type DaemonProcess,
} from '../policy/index.js';
import { effectsFor, prepareForPolicy, type PolicyLookup } from './prepare.js';
import { egressHosts, runsGit, usesGitRemotes } from './egress-hosts.js';
import { GIT_REMOTE_HOST_PREFIX } from '../mediation/shell/hosts.js';

export interface Judgement {
  /** the valid, normalised action; undefined when the input was not a valid action */
  action: Action | undefined;
  invalid?: { error: string; sha256: string; bytes: number };
  decision: Decision;
  verdict: Verdict;
  approval: Approval;
  deferral: Deferral | null;
  /** what the action does, as policy saw it */
  effects?: Effects;
}

export interface JudgeDeps {
  policies: PolicyLookup;
  home: string;
  /** resolve symbolic links (the daemon and `aarm check` do; tests of pure policy need not) */
  realpath?: (path: string) => string;
  effectsOf?: (action: Action) => Effects;
  /** whether names in a folder compare without case (self-protection folds case there) */
  caseInsensitive?: (dir: string) => boolean;
  /** the session the action belongs to, as accumulated so far (R2) */
  sessionOf?: (action: Action) => SessionSnapshot;
  /** shell commands that may run are confined (the daemon found bubblewrap and was not told not to) */
  confine?: boolean;
  /** why not, when the daemon does not confine (for `confine:` rules' reasons) */
  unconfinedBecause?: string;
  /**
   * The remotes of the git repository at `cwd` (state/git-remotes.ts gitRemoteHosts): each as
   * `host:port`, each name it defines as `?remote:NAME`, and `?` when its configuration sends git
   * elsewhere. Policy sees their hosts among what a `git push` or `git fetch` contacts, and a
   * confined one may reach the endpoints.
   */
  gitRemotes?: (cwd: string) => readonly string[];
  /** the running daemon's process, which actions may not signal, trace or read */
  daemon?: () => DaemonProcess | undefined;
  /** where the copy of aarm the hooks start is kept (its data directory), which no action may change */
  installDir?: string;
}

/** `rawText` is the action as it arrived, for its size and digest. */
export function judge(raw: unknown, rawText: string, deps: JudgeDeps): Judgement {
  const bytes = Buffer.byteLength(rawText);
  const prepared =
    bytes > MAX_ACTION_BYTES
      ? { ok: false as const, error: `the action is ${bytes} bytes; the limit is ${MAX_ACTION_BYTES}` }
      : nestedDeeperThan(raw)
        ? { ok: false as const, error: tooDeepMessage('the action') }
        : prepareForPolicy(deps.home, deps.realpath)(raw);
  if (!prepared.ok) return judgeInvalid(prepared.error, rawText, deps);
  const action = prepared.value;
  try {
    return judgeValid(action, deps);
  } catch (error) {
    // INVARIANT: whatever breaks inside analysis or evaluation, the answer is a deny, with a receipt.
    const judgement = judgeInvalid(
      `the action could not be judged: ${(error as Error).message}`,
      rawText,
      deps,
    );
    return {
      ...judgement,
      action,
      decision: {
        ...judgement.decision,
        rule: EVALUATION_ERROR_RULE,
        reason: `the action could not be judged, so it is denied: ${(error as Error).message}`,
      },
    };
  }
}

function judgeValid(action: Action, deps: JudgeDeps): Judgement {
  const view = deps.policies.forWorkspace(action.context?.workspace);
  // `.git/config` is read once per judgement: policy and the egress grant see the same remotes
  // (a command racing to rewrite it between two reads once got a host policy never saw).
  const remoteCache = new Map<string, readonly string[]>();
  const remotes = (a: Action): readonly string[] => {
    const cwd = a.tool === 'shell' && typeof a.parameters.cwd === 'string' ? a.parameters.cwd : undefined;
    if (cwd === undefined || !deps.gitRemotes) return [];
    let found = remoteCache.get(cwd);
    if (found === undefined) remoteCache.set(cwd, (found = deps.gitRemotes(cwd)));
    return found;
  };
  const derive = withGitRemotes(deps.effectsOf ?? effectsFor(deps.home), remotes);
  // Derived once: policy and the receipt see the same effects. (A modified action is another action.)
  let derived: Effects | undefined;
  const effectsOf = (a: Action) => (a === action ? (derived ??= derive(a)) : derive(a));
  const decision = evaluate(view.set, {
    action,
    home: deps.home,
    protectedPaths: view.protectedPaths,
    stateDir: view.stateDir,
    ...(deps.installDir ? { installDir: deps.installDir } : {}),
    ...(deps.caseInsensitive?.(action.context?.workspace ?? deps.home) ? { caseInsensitive: true } : {}),
    effectsOf,
    ...(deps.sessionOf ? { session: deps.sessionOf(action) } : {}),
    ...(deps.daemon?.() ? { daemon: deps.daemon()! } : {}),
    confinement: {
      available: deps.confine === true,
      ...(deps.unconfinedBecause ? { reason: deps.unconfinedBecause } : {}),
    },
  });
  const effects = effectsOf(action);
  return {
    action,
    decision: withConfinement(decision, action, effectsOf, deps, remotes, view.set.secrets),
    effects,
    ...enforce(decision),
  };
}

/**
 * A shell command that may run (now or once a human allows it) runs confined when the daemon
 * confines: with network only when what runs uses it (the modified command, after a MODIFY).
 */
function withConfinement(
  decision: Decision,
  action: Action,
  effectsOf: (action: Action) => Effects,
  deps: JudgeDeps,
  remotes: (action: Action) => readonly string[],
  secrets: readonly SecretBinding[],
): Decision {
  if (!deps.confine || decision.decision === 'deny') return decision;
  const runs = decision.modifiedAction ?? action;
  if (runs.tool !== 'shell') return decision;
  const ranEffects = effectsOf(runs);
  const network = ranEffects.network || ranEffects.hosts.length > 0 || ranEffects.urls.length > 0;
  // The network only through the egress proxy, to the hosts it was judged for; none when no host is known.
  const hosts = network ? egressHosts(ranEffects, () => remotes(runs)) : [];
  const writable = writableFolders(ranEffects, runs.context?.workspace);
  const unpinned = writesGitConfig(ranEffects) ? (['.git/config', '.gitmodules'] as const) : undefined;
  // A secret the user's policy binds to hosts is the proxy's to use, whatever its name.
  const bound = secrets.map((s) => s.name);
  const unsetEnv = [...new Set(bound)].sort().slice(0, 64);
  return {
    ...decision,
    confinement: {
      profile: 'workspace',
      network: hosts.length > 0 ? 'proxy' : 'none',
      ...(hosts.length > 0 ? { hosts } : {}),
      ...(writable.length > 0 ? { writable } : {}),
      ...(unpinned ? { unpinned: [...unpinned] } : {}),
      ...(unsetEnv.length > 0 ? { unsetEnv } : {}),
    },
  };
}

/**
 * A git command that talks to a remote by name contacts the hosts `.git/config` gives it: they are
 * among its effects' hosts, so policy judges them (a remote set to a loopback service or to an
 * unknown host is seen as such), and only then may a confined one reach them.
 */
function withGitRemotes(
  derive: (action: Action) => Effects,
  remotes: (action: Action) => readonly string[],
): (action: Action) => Effects {
  return (action) => {
    const effects = derive(action);
    if (action.tool !== 'shell' || !usesGitRemotes(effects)) return effects;
    const found = remotes(action);
    const hosts = found.filter((e) => !e.startsWith(GIT_REMOTE_HOST_PREFIX)).map(hostOfEndpoint);
    if (hosts.length === 0) return effects;
    // A remote given by name (`?remote:origin`) is one of these when .git/config defines it; a
    // name it does not define (git's `remotes/NAME` files, another config file) stays unknown.
    const defined = new Set(found.filter((e) => e.startsWith(GIT_REMOTE_HOST_PREFIX)));
    const kept = effects.hosts.filter(
      (host) => !host.startsWith(GIT_REMOTE_HOST_PREFIX) || !defined.has(host),
    );
    return { ...effects, hosts: [...new Set([...kept, ...hosts])] };
  };
}

/** git subcommands that write the repository's configuration (`push -u`, `remote add`, `checkout -b` with tracking…). */
const GIT_CONFIG_WRITERS = new Set([
  'config',
  'remote',
  'push',
  'branch',
  'checkout',
  'switch',
  'submodule',
  'clone',
  'init',
  'lfs',
  'maintenance',
  'worktree',
  'pull',
  'fetch',
]);

/**
 * Whether a git command that writes `.git/config` runs: only then is it writable inside. An opaque
 * script cannot set `core.fsmonitor` or `core.hooksPath` for the human's next `git`; a judged
 * `git config core.fsmonitor …` is one the analyser flags and policy decides.
 */
const writesGitConfig = (effects: Effects): boolean => runsGit(effects, GIT_CONFIG_WRITERS);

/**
 * The folders a command's judged writes and deletes need, outside its workspace: a `dir/**` is the
 * folder, a file its folder (a delete or an editor's rename needs the folder). Never `/`; at most
 * MAX_CONFINED_WRITABLE. What the analyser did not see stays read-only: that is the second wall.
 */
function writableFolders(effects: Effects, workspace: string | undefined): string[] {
  const folders = new Set<string>();
  const wanted = [
    ...effects.writes.map((path) => ({ path, deleted: false })),
    ...effects.deletes.map((path) => ({ path, deleted: true })),
  ];
  for (const { path, deleted } of wanted) {
    if (!path.startsWith('/') || (path.includes('*') && !path.endsWith('/**'))) continue;
    // Deleting a folder (or a file) changes the folder that holds it.
    const target = path.endsWith('/**') ? path.slice(0, -3) : path;
    const folder = deleted || !path.endsWith('/**') ? dirname(target) : target;
    if (folder === '/' || folder === '' || (workspace && isWithinPath(folder, workspace))) continue;
    folders.add(folder);
  }
  // A folder inside another one listed adds nothing.
  const sorted = [...folders].sort();
  return sorted
    .filter((folder) => !sorted.some((other) => other !== folder && isWithinPath(folder, other)))
    .slice(0, MAX_CONFINED_WRITABLE);
}

const isWithinPath = (path: string, dir: string) =>
  path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

/**
 * Whether a recorded decision was the daemon's own, not policy's (gate/submit.ts: a session bound
 * to another workspace or agent, a broken receipt chain): every `builtin.` rule that policy
 * evaluation does not give. Whatever new refusal the daemon adds counts here too, so a replay never
 * shows it as changed by a draft.
 */
export function decidedByDaemon(rule: string): boolean {
  return rule.startsWith('builtin.') && !POLICY_BUILTIN_RULES.includes(rule);
}

/** The judgement on input that is not a valid action: denied, with a digest of what was sent. */
export function judgeInvalid(error: string, rawText: string, deps: JudgeDeps): Judgement {
  const { set } = deps.policies.forWorkspace(undefined);
  return {
    action: undefined,
    invalid: {
      error,
      sha256: createHash('sha256').update(rawText).digest('hex'),
      bytes: Buffer.byteLength(rawText),
    },
    decision: {
      decision: 'deny',
      rule: INVALID_ACTION_RULE,
      reason: `not a valid action: ${error}`,
      risk: 'high',
      layer: 'forbidden',
      policyHash: set.hash,
    },
    verdict: 'deny',
    approval: { status: 'not_required' },
    deferral: null,
  };
}

/**
 * From policy decision to what happens. STEP_UP needs a human and DEFER needs the deferral
 * service; where neither can answer, the action is denied (R4: never allow by timeout or absence).
 */
function enforce(decision: Decision): Pick<Judgement, 'verdict' | 'approval' | 'deferral'> {
  switch (decision.decision) {
    case 'allow':
    case 'modify':
      return { verdict: 'allow', approval: { status: 'not_required' }, deferral: null };
    case 'deny':
      return { verdict: 'deny', approval: { status: 'not_required' }, deferral: null };
    case 'step_up':
      return {
        verdict: 'deny',
        approval: { status: 'unavailable', note: 'needs human approval and no approver is connected' },
        deferral: null,
      };
    case 'defer':
      return {
        verdict: 'deny',
        approval: { status: 'not_required' },
        deferral: { reason: decision.reason, resolution: 'unavailable' },
      };
  }
}
