/**
 * Where policy comes from, and keeping it current: the built-in pack, the user's policies in
 * AARM_HOME, and each workspace's `.aarm/*.yaml` and `*.aarm.yaml`. Files are watched and the set
 * is rebuilt on change (hot reload). A file that cannot be read, parsed or whose examples fail
 * makes its set deny everything until it is fixed; the error says which file and where.
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  openSync,
  readSync,
  readdirSync,
  realpathSync,
  statSync,
  watch,
  type FSWatcher,
} from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { effectsFor, prepareForPolicy, type PolicyLookup, type PolicyView } from '../pipeline/prepare.js';
import { aarmHome, resolveHomeDir } from '../protocol/state-layout.js';
import type { Result } from '../protocol/index.js';
import type { FileView } from '../mediation/effects.js';
import { readSmallFile } from './files.js';
import {
  createPolicySet,
  exampleProblems,
  loadPolicyText,
  onlyTightening,
  type ApprovedSpec,
  type ApprovedUses,
  type CompiledPolicyFile,
  type LintContext,
  type PolicyProblem,
  type PolicyScope,
} from '../policy/index.js';

/** The folder of built-in packs, next to the bundle (`dist/../policies`) or the sources. */
export function builtinPackDir(): string {
  const candidates = [resolve(__dirname, '..', 'policies'), resolve(__dirname, '..', '..', '..', 'policies')];
  return candidates.find((dir) => existsSync(join(dir, 'default.aarm.yaml'))) ?? candidates[0]!;
}

/**
 * Where an administrator installs managed policy, which comes before the user's own: a folder only
 * root can write (a user could otherwise edit it as easily as their own policies).
 */
export function managedPolicyDir(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return '/Library/Application Support/aarm/policies';
  if (platform === 'win32') return join(process.env.ProgramData ?? 'C:\\ProgramData', 'aarm', 'policies');
  return '/etc/aarm/policies';
}

const isPolicyFileName = (name: string) => /\.ya?ml$/.test(name);
const isWorkspacePolicyName = (name: string) => /\.aarm\.ya?ml$/.test(name);

export interface PolicySourcesOptions {
  home: string;
  /** the AARM_HOME directory (always protected) */
  stateDir: string;
  /** built-in pack folder; omit to run without the default pack */
  packDir?: string;
  /** the managed policy folder (`managedPolicyDir()`); omit to run without */
  managedDir?: string;
  /** the user's own policy folder */
  userDir?: string;
  /** further files (e.g. `aarm check --policy`), the user's */
  extraFiles?: readonly string[];
  watch?: boolean;
  /** the uses of approved rules with `max_uses` (the daemon's count; absent: not counted) */
  usesOf?: (approved: ApprovedSpec) => ApprovedUses;
}

export interface PolicySources extends PolicyLookup {
  /** called after any watched policy file changed and the affected sets were rebuilt */
  onReload(listener: (changed: string) => void): void;
  /** rebuild the built-in and user policies now (the daemon wrote a user policy file) */
  reloadNow(): void;
  /** rebuild the sets in force from the files as loaded (an approved rule was used up): at once, no I/O */
  rebuild(): void;
  close(): void;
}

interface Group {
  files: CompiledPolicyFile[];
  problems: PolicyProblem[];
  paths: string[];
}

/** Resolve symbolic links in the longest existing prefix of an absolute path; the rest stays as given. */
export function resolveSymlinks(path: string): string {
  const rest: string[] = [];
  let current = path;
  for (;;) {
    try {
      const real = realpathSync.native(current);
      return rest.length === 0 ? real : posix.join(real, ...rest.reverse());
    } catch {
      const parent = posix.dirname(current);
      if (parent === current) return path;
      rest.push(posix.basename(current));
      current = parent;
    }
  }
}

/** The file system as mediation may see it: links, existence, case-insensitive folders. */
export function createFileView(): FileView {
  const caseCache = new Map<string, boolean>();
  return {
    realpath: resolveSymlinks,
    exists: (path) => existsSync(path),
    read: (path) => readSmallFile(path, 64 * 1024),
    caseInsensitive(dir) {
      let known = caseCache.get(dir);
      if (known === undefined) {
        known = isCaseInsensitive(dir);
        if (caseCache.size > 256) caseCache.clear();
        caseCache.set(dir, known);
      }
      return known;
    },
  };
}

/** Whether `dir` (or its nearest ancestor with a letter in its name) is found under another case. */
function isCaseInsensitive(dir: string): boolean {
  let current = dir;
  for (let guard = 0; guard < 64; guard++) {
    const base = posix.basename(current);
    const swapped = [...base]
      .map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()))
      .join('');
    if (swapped !== base) {
      try {
        const a = statSync(current);
        const b = statSync(posix.join(posix.dirname(current), swapped));
        return a.ino === b.ino && a.dev === b.dev;
      } catch {
        return false;
      }
    }
    const parent = posix.dirname(current);
    if (parent === current) return process.platform === 'darwin' || process.platform === 'win32';
    current = parent;
  }
  return false;
}

/** A policy file larger than this is refused: policy is read on the daemon's one thread. */
export const MAX_POLICY_BYTES = 256 * 1024;

/**
 * What a repository's policy may cost the daemon, which reads it on its one thread when an action
 * first comes from that workspace (or the files change): files of at most 64 KiB (three times the
 * default pack), at most 16 of them, compiled and their examples checked within 350 ms together.
 * Past any of these the workspace's policy is broken, so its actions are denied (fail closed), and
 * every other workspace is still answered.
 */
export const WORKSPACE_POLICY_LIMITS = { bytes: 64 * 1024, files: 16, milliseconds: 350 } as const;

/**
 * A policy file's text, read as untrusted input (a repository controls its `.aarm/`): a regular
 * file only — a workspace's not through a link (`.aarm/p.yaml -> /dev/zero` once stalled the daemon)
 * — and at most `MAX_POLICY_BYTES`.
 */
function readPolicyText(file: string, workspace: boolean): Result<{ text: string }> {
  const limit = workspace ? WORKSPACE_POLICY_LIMITS.bytes : MAX_POLICY_BYTES;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (workspace ? constants.O_NOFOLLOW : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      error:
        code === 'ENOENT'
          ? 'file not found'
          : code === 'ELOOP'
            ? 'a workspace policy file may not be a symbolic link'
            : (error as Error).message,
    };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, error: 'not a regular file' };
    const kind = workspace ? 'a workspace policy file' : 'a policy file';
    if (stat.size > limit)
      return { ok: false, error: `${stat.size} bytes; ${kind} may have at most ${limit}` };
    const buffer = Buffer.alloc(limit + 1);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    if (length > limit)
      return { ok: false, error: `more than ${limit} bytes; ${kind} may have at most ${limit}` };
    return { ok: true, text: buffer.subarray(0, length).toString('utf8') };
  } finally {
    closeSync(fd);
  }
}

export function loadPolicyFile(
  file: string,
  home: string,
  scope: PolicyScope = 'user',
  deadline?: number,
  options: { examples?: boolean } = {},
): { file?: CompiledPolicyFile; problems: PolicyProblem[] } {
  const workspace = scope === 'workspace';
  const read = readPolicyText(file, workspace);
  if (!read.ok)
    return {
      problems: [
        { source: file, line: 1, column: 1, severity: 'error', message: `cannot read policy: ${read.error}` },
      ],
    };
  const text = read.text;
  const budget = deadline === undefined ? {} : { deadline };
  const loaded = loadPolicyText(text, file, { ...budget, scope });
  if (!loaded.ok) return { problems: loaded.problems };
  if (options.examples === false) return { file: loaded.file, problems: loaded.problems };
  const failures = exampleProblems(
    loaded.file,
    { prepare: prepareForPolicy(home), effectsOf: effectsFor(home), home },
    budget,
  );
  if (failures.length > 0) return { problems: [...loaded.problems, ...failures] };
  return { file: loaded.file, problems: loaded.problems };
}

function listPolicyFiles(dir: string, accept: (name: string) => boolean): string[] {
  try {
    return readdirSync(dir)
      .filter(accept)
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** A workspace's files (a repository's) only tighten (`onlyTightening`). */
function loadGroup(entries: Array<{ path: string; scope: PolicyScope }>, home: string): Group {
  const files = entries.map((e) => e.path);
  const workspace = entries.some((e) => e.scope === 'workspace');
  const group: Group = { files: [], problems: [], paths: files };
  const deadline = workspace ? performance.now() + WORKSPACE_POLICY_LIMITS.milliseconds : undefined;
  if (workspace && files.length > WORKSPACE_POLICY_LIMITS.files) {
    group.problems.push({
      source: files[0]!,
      line: 1,
      column: 1,
      severity: 'error',
      message: `the workspace has ${files.length} policy files; at most ${WORKSPACE_POLICY_LIMITS.files} are read`,
    });
    return group;
  }
  for (const { path, scope } of entries) {
    const loaded = loadPolicyFile(path, home, scope, deadline);
    group.problems.push(...loaded.problems);
    if (!loaded.file) continue;
    const kept = workspace ? onlyTightening(loaded.file) : { file: loaded.file, problems: [] };
    group.files.push(kept.file);
    group.problems.push(...kept.problems);
  }
  return group;
}

/** A workspace's policy files: `.aarm/*.yaml` and `*.aarm.yaml` at its root. */
export function workspacePolicyFiles(workspace: string): string[] {
  return [
    ...listPolicyFiles(join(workspace, '.aarm'), isPolicyFileName),
    ...listPolicyFiles(workspace, isWorkspacePolicyName),
  ];
}

/** The pack's, managed and the user's policy files (and `extraFiles`, the user's), each with its scope. */
export function basePolicyFiles(
  options: Pick<PolicySourcesOptions, 'packDir' | 'managedDir' | 'userDir' | 'extraFiles'>,
): Array<{ path: string; scope: PolicyScope }> {
  const list = (dir: string | undefined, scope: PolicyScope) =>
    dir ? listPolicyFiles(dir, isPolicyFileName).map((path) => ({ path, scope })) : [];
  return [
    ...list(options.managedDir, 'managed'),
    ...list(options.userDir, 'user'),
    ...(options.extraFiles ?? []).map((f) => ({ path: resolve(f), scope: 'user' as const })),
    ...list(options.packDir, 'pack'),
  ];
}

/**
 * The policy files in force besides the one being linted, compiled, for the linter (overrides and
 * their targets, allows that can never win). Compiled again only when a file changed.
 */
export function policyLayersReader(
  options: Pick<PolicySourcesOptions, 'packDir' | 'managedDir' | 'userDir' | 'extraFiles' | 'home'>,
): (source: string) => CompiledPolicyFile[] {
  const cache = new Map<string, { stamp: string; file: CompiledPolicyFile | undefined }>();
  return (source) =>
    basePolicyFiles(options).flatMap(({ path, scope }) => {
      if (path === resolve(source)) return [];
      let stamp: string;
      try {
        const stat = statSync(path);
        stamp = `${stat.mtimeMs}:${stat.size}:${scope}`;
      } catch {
        return [];
      }
      let entry = cache.get(path);
      if (entry?.stamp !== stamp) {
        // Its examples are its own file's business (linted there): here it is only context.
        entry = {
          stamp,
          file: loadPolicyFile(path, options.home, scope, undefined, { examples: false }).file,
        };
        cache.set(path, entry);
      }
      return entry.file ? [entry.file] : [];
    });
}

/**
 * What the linter needs to lint a file as it stands among the policies in force: its kind by
 * where it sits, and the other files (managed, the user's, the pack). One context for `aarm policy
 * lint`, `aarm check` and the language server, so that all three list the same problems.
 */
export function policyLintContext(
  home: string,
  dirs: { packDir?: string; managedDir?: string; userDir?: string } = {
    packDir: builtinPackDir(),
    managedDir: managedPolicyDir(),
    userDir: aarmHome(resolveHomeDir()).policiesDir,
  },
): LintContext {
  return {
    home,
    prepare: prepareForPolicy(home),
    effectsOf: effectsFor(home),
    scopeOf: policyScopeByPath(dirs),
    layers: policyLayersReader({ ...dirs, home }),
  };
}

/** The kind of policy a file is, by where it sits; undefined: anywhere else (a workspace's, or a draft). */
export function policyScopeByPath(
  options: Pick<PolicySourcesOptions, 'packDir' | 'managedDir' | 'userDir'>,
): (source: string) => PolicyScope | undefined {
  return (source) => {
    const path = resolve(source);
    if (options.packDir && isWithinDir(path, options.packDir)) return 'pack';
    if (options.managedDir && isWithinDir(path, options.managedDir)) return 'managed';
    if (options.userDir && isWithinDir(path, options.userDir)) return 'user';
    return undefined;
  };
}

const isWithinDir = (path: string, dir: string) =>
  path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

export function createPolicySources(options: PolicySourcesOptions): PolicySources {
  const watchers: FSWatcher[] = [];
  const listeners: Array<(changed: string) => void> = [];
  const workspaceGroups = new Map<string, { group: Group; watchers: FSWatcher[] }>();
  const sets = new Map<string, PolicyView>();
  const timers = new Map<string, NodeJS.Timeout>();
  let closed = false;

  const baseFiles = () => basePolicyFiles(options);
  let base = loadGroup(baseFiles(), options.home);

  const notify = (changed: string) => {
    for (const listener of listeners) listener(changed);
  };
  // Editors save in bursts (write, rename, chmod): rebuild once the burst is over.
  const debounce = (key: string, action: () => void) => {
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        if (!closed) action();
      }, 30),
    );
  };
  const safeWatch = (dir: string, onEvent: (name: string) => void, into: FSWatcher[]) => {
    if (!options.watch || !existsSync(dir)) return;
    try {
      const watcher = watch(dir, (_event, name) => onEvent(name ?? ''));
      watcher.on('error', () => watcher.close());
      into.push(watcher);
    } catch {
      // a folder we cannot watch still works; it just will not hot-reload
    }
  };

  const reloadBase = () => {
    base = loadGroup(baseFiles(), options.home);
    sets.clear();
    notify('base');
  };
  for (const dir of [options.packDir, options.managedDir, options.userDir]) {
    if (dir) safeWatch(dir, (name) => isPolicyFileName(name) && debounce('base', reloadBase), watchers);
  }
  for (const file of options.extraFiles ?? [])
    safeWatch(resolve(file, '..'), () => debounce('base', reloadBase), watchers);

  const loadWorkspace = (workspace: string) => {
    const previous = workspaceGroups.get(workspace);
    for (const w of previous?.watchers ?? []) w.close();
    const entry = {
      group: loadGroup(
        workspacePolicyFiles(workspace).map((path) => ({ path, scope: 'workspace' as const })),
        options.home,
      ),
      watchers: [] as FSWatcher[],
    };
    const reload = () =>
      debounce(`ws:${workspace}`, () => {
        loadWorkspace(workspace);
        sets.delete(workspace);
        notify(workspace);
      });
    safeWatch(
      workspace,
      (name) => (name === '.aarm' || isWorkspacePolicyName(name)) && reload(),
      entry.watchers,
    );
    safeWatch(join(workspace, '.aarm'), (name) => isPolicyFileName(name) && reload(), entry.watchers);
    workspaceGroups.set(workspace, entry);
    // Bound the number of watched workspaces; the oldest is simply reloaded when it comes back.
    if (workspaceGroups.size > 64) {
      const [oldest] = workspaceGroups.keys();
      if (oldest !== undefined && oldest !== workspace) {
        for (const w of workspaceGroups.get(oldest)?.watchers ?? []) w.close();
        workspaceGroups.delete(oldest);
        sets.delete(oldest);
      }
    }
    return entry.group;
  };

  return {
    forWorkspace(workspace) {
      const key = workspace ?? '';
      const cached = sets.get(key);
      if (cached) return cached;
      const ws =
        workspace === undefined
          ? undefined
          : (workspaceGroups.get(workspace)?.group ?? loadWorkspace(workspace));
      const files = [...base.files, ...(ws?.files ?? [])];
      const problems = [...base.problems, ...(ws?.problems ?? [])];
      // Policy in force, and the folders that hold it (a folder only when it holds policy).
      const wsPaths = ws?.paths ?? [];
      const named = [
        options.stateDir,
        ...(options.packDir ? [options.packDir] : []),
        ...(options.managedDir ? [options.managedDir] : []),
        ...(options.userDir ? [options.userDir] : []),
        ...base.paths,
        ...wsPaths,
        ...(workspace && wsPaths.some((p) => p.startsWith(join(workspace, '.aarm') + '/'))
          ? [join(workspace, '.aarm')]
          : []),
      ];
      // Each as named and with its links resolved: actions' paths are compared resolved, so a
      // `.aarm` that is a link to `cfg/` protects `cfg/` too.
      const protectedPaths = [...new Set([...named, ...named.map(resolveSymlinks)])];
      // A workspace's `default:` only tightens the default of the pack and the user's policies.
      const set = createPolicySet(files, problems, {
        workspaceSources: new Set((ws?.files ?? []).map((f) => f.source)),
        ...(options.usesOf ? { usesOf: options.usesOf } : {}),
      });
      const view = { set, protectedPaths, stateDir: options.stateDir };
      sets.set(key, view);
      return view;
    },
    onReload(listener) {
      listeners.push(listener);
    },
    reloadNow() {
      clearTimeout(timers.get('base'));
      timers.delete('base');
      reloadBase();
    },
    rebuild() {
      sets.clear();
    },
    close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      for (const w of watchers) w.close();
      for (const entry of workspaceGroups.values()) for (const w of entry.watchers) w.close();
    },
  };
}
