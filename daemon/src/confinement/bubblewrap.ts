/**
 * Confinement on Linux with bubblewrap (the I/O side of profile.ts): finding a trustworthy
 * `bwrap`, checking that it works here, planning a run from what exists on this machine, and
 * starting the command inside.
 */
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Confinement, Result } from '../protocol/index.js';
import {
  bubblewrapArguments,
  CACHES_IN_HOME,
  HIDDEN_IN_HOME,
  CONFIG_ENV,
  PINNED_IN_WORKSPACE,
  SELF_BOUND_IN_WORKSPACE,
  SOCKET_ENV,
  SSH_VISIBLE,
  STARTUP_IN_HOME,
  SYSTEM_SOCKETS,
  type ConfinementPlan,
} from './profile.js';

/** node:child_process, loaded when first used: a hook never spawns, and loading it costs it ~0.5 ms. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcess = () => require('node:child_process') as typeof import('node:child_process');

/**
 * Only a root-owned `bwrap` in a system folder: the agent sets the runner's PATH, and a `bwrap` of
 * its own on it would run the command unconfined while the receipt says confined.
 */
const BUBBLEWRAP_PATHS = ['/usr/bin/bwrap', '/bin/bwrap', '/usr/local/bin/bwrap'];

export function findBubblewrap(): string | undefined {
  for (const path of BUBBLEWRAP_PATHS) {
    try {
      const stat = statSync(path);
      if (stat.isFile() && stat.uid === 0 && (stat.mode & 0o022) === 0) return path;
    } catch {
      // not there
    }
  }
  return undefined;
}

export type Availability = { available: true; bubblewrap: string } | { available: false; reason: string };

let probed: Availability | undefined;

/**
 * For a runner about to start a command the daemon already decided to confine: bubblewrap is there
 * (the daemon probed namespaces when it started). No trial sandbox: one costs a process start on
 * every command. Should namespaces fail after all, bubblewrap itself refuses to start the command.
 */
export function bubblewrapForRunner(): Availability {
  if (probed) return probed;
  if (process.platform !== 'linux') return confinementAvailability();
  const bubblewrap = findBubblewrap();
  return bubblewrap ? { available: true, bubblewrap } : confinementAvailability();
}

/** Whether confinement works on this machine: bubblewrap is there and may create namespaces. */
export function confinementAvailability(): Availability {
  if (probed) return probed;
  if (process.platform !== 'linux')
    return (probed = {
      available: false,
      reason: `confinement needs Linux with bubblewrap (this is ${process.platform})`,
    });
  const bubblewrap = findBubblewrap();
  if (!bubblewrap)
    return (probed = {
      available: false,
      reason: 'bubblewrap is not installed (install the `bubblewrap` package: apt install bubblewrap)',
    });
  const trial = childProcess().spawnSync(
    bubblewrap,
    ['--unshare-all', '--die-with-parent', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', 'true'],
    { encoding: 'utf8', timeout: 10_000 },
  );
  if (trial.status !== 0)
    return (probed = {
      available: false,
      reason: `bubblewrap cannot create namespaces here (${(trial.stderr || trial.error?.message || `exit ${trial.status}`).trim()}); user namespaces may be off`,
    });
  return (probed = { available: true, bubblewrap });
}

const isWithin = (path: string, dir: string) =>
  path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** What exists at `path` (links followed), for hiding it: a folder, another file, or nothing. */
function kindOf(path: string): 'folder' | 'file' | undefined {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return undefined;
  }
}

export interface PlanInput {
  confinement: Confinement;
  home: string;
  /** AARM_HOME: tokens, keys, the database */
  stateDir: string;
  workspace: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** for `network: proxy`: the daemon's egress socket for this command */
  egressSocket?: string;
  /**
   * Folders bound read-write as they are, even inside the temp directory: what the human named for
   * the command (an MCP server's folders in its configuration), never a hidden place or a link.
   */
  shared?: readonly string[];
  /**
   * Files the command must read that the private temp directory would hide (aarm's egress bridge,
   * an MCP server's script where it lives under /tmp): shown read-only, never a hidden place.
   */
  visible?: readonly string[];
}

/** The run's mounts, from what exists now. Fails when the workspace itself would be hidden. */
export function planConfinement(input: PlanInput): Result<{ plan: ConfinementPlan }> {
  const workspace = realOrSelf(resolve(input.workspace));
  const cwd = realOrSelf(resolve(input.cwd));
  const home = realOrSelf(input.home);
  // /tmp whatever TMPDIR says (the environment sets TMPDIR=/tmp inside): a TMPDIR elsewhere once
  // left the real /tmp, its sockets and multiplexers, in sight.
  const systemTemp = realOrSelf('/tmp');
  const homes = [...new Set([input.home, accountHome()])];
  const candidates = [
    input.stateDir,
    // The home as HOME names it and as the password database does: whoever set HOME for the
    // runner does not get to move what is hidden.
    ...homes.flatMap((h) => HIDDEN_IN_HOME.map((p) => join(h, p))),
    ...homes.flatMap((h) => sshPrivate(join(h, '.ssh'))),
    // Configuration moved by the environment: hiding the variable does not hide the file.
    ...CONFIG_ENV.flatMap(([name, below]) => {
      const value = input.env[name];
      return value?.startsWith('/') ? below.map((p) => join(value, p)) : [];
    }),
    ...SOCKET_ENV.map((name) => input.env[name]?.replace(/^unix:\/\//, '')).filter(
      (p): p is string => p !== undefined && p.startsWith('/'),
    ),
    ...SYSTEM_SOCKETS,
    input.env.XDG_RUNTIME_DIR ?? `/run/user/${process.getuid?.() ?? 0}`,
  ];
  const hidden = new Map<string, 'folder' | 'file'>();
  for (const candidate of candidates) {
    // As named and with links resolved: bubblewrap mounts over the target of a link.
    for (const path of new Set([resolve(candidate), realOrSelf(resolve(candidate))])) {
      const kind = kindOf(path);
      if (kind) hidden.set(path, kind);
    }
  }
  for (const path of hidden.keys()) {
    if (isWithin(workspace, path))
      return { ok: false, error: `the workspace ${workspace} is inside ${path}, which confinement hides` };
  }
  if (workspace === '/' || isWithin(home, workspace))
    return {
      ok: false,
      error: `the workspace may not be ${workspace === '/' ? '/' : 'the home folder or above it'} when confined`,
    };
  const caches = CACHES_IN_HOME.map((p) => join(home, p)).filter((p) => kindOf(p) === 'folder');
  // The temp directory is the command's own already: a write judged there needs nothing more.
  const writable = [
    ...new Set([
      ...writableFolders(
        input.confinement.writable ?? [],
        [...hidden.keys(), systemTemp],
        [home, ...homes],
        true,
      ),
      // What a long-running server is given: never the home itself (nothing is swept after it).
      ...writableFolders(
        (input.shared ?? []).filter((p) => resolve(p) !== systemTemp),
        [...hidden.keys()],
        [home, ...homes],
        false,
      ),
    ]),
  ].sort();
  // Everything on the way from a writable folder down to a hidden place is mounted read-only:
  // a mount point cannot be renamed, so `mv ~/.ssh ~/.s2` cannot move a key out from under its
  // hiding place; and the shell's start-up files stay as they are.
  const pinned = new Set<string>();
  for (const folder of [...writable, workspace]) {
    for (const path of hidden.keys())
      if (path !== folder && isWithin(path, folder))
        pinned.add(join(folder, path.slice(folder.length + 1).split(sep)[0]!));
    if (homes.some((h) => realOrSelf(h) === folder))
      for (const name of STARTUP_IN_HOME) if (kindOf(join(folder, name))) pinned.add(join(folder, name));
  }
  const unpinned = new Set<string>(input.confinement.unpinned ?? []);
  for (const name of PINNED_IN_WORKSPACE)
    if (!unpinned.has(name) && kindOf(join(workspace, name))) pinned.add(join(workspace, name));
  const selfBound = SELF_BOUND_IN_WORKSPACE.map((name) => join(workspace, name)).filter(
    (path) => kindOf(path) === 'folder' && realOrSelf(path) === path,
  );
  // With the network, the ssh agent's socket is shown again (it signs; it never hands out a key),
  // and only a socket: a variable pointing at a key or a folder shows nothing.
  const agent = input.confinement.network !== 'none' ? input.env.SSH_AUTH_SOCK : undefined;
  const revealed =
    agent?.startsWith('/') && isSocket(agent) && !isWithin(resolve(agent), resolve(input.stateDir))
      ? [resolve(agent)]
      : [];
  const hiddenPaths = [...hidden.keys()];
  const readable = [
    ...new Set(
      (input.visible ?? [])
        .map((path) => realOrSelf(resolve(path)))
        .filter(
          (path) =>
            path !== systemTemp &&
            isWithin(path, systemTemp) &&
            kindOf(path) !== undefined &&
            !hiddenPaths.some((h) => isWithin(path, h) || isWithin(h, path)),
        ),
    ),
  ].sort();
  const egress: Result<{ socket?: string }> =
    input.confinement.network === 'proxy' ? egressSocketIn(input.stateDir, input.egressSocket) : { ok: true };
  if (!egress.ok) return egress;
  return {
    ok: true,
    plan: {
      confinement: input.confinement,
      workspace,
      cwd,
      // The command's /tmp is its own (one per user, kept between commands): the system's holds
      // other programs' sockets and caches they run later.
      tempDir: privateTemp(systemTemp),
      tempMount: systemTemp,
      caches,
      readable,
      writable,
      pinned: [...pinned].filter((p) => !hidden.has(p)).sort(),
      selfBound,
      writableHomes: writable.filter((folder) => homes.some((h) => realOrSelf(h) === folder)),
      revealed,
      ...(egress.socket ? { egressSocket: egress.socket } : {}),
      // Shallow first: a folder's tmpfs must not cover a file hidden inside it after the fact.
      hidden: [...hidden]
        .map(([path, kind]) => ({ path, kind }))
        .sort((a, b) => a.path.length - b.path.length),
    },
  };
}

/**
 * The egress socket a `proxy` decision needs: one the daemon made, a socket directly in the state
 * directory's `egress/` folder (the only thing of the state directory shown inside).
 */
function egressSocketIn(stateDir: string, socket: string | undefined): Result<{ socket?: string }> {
  if (socket === undefined)
    return {
      ok: false,
      error:
        "the decision allows the network only through the daemon's egress proxy, and no proxy socket was given",
    };
  const dir = join(realOrSelf(resolve(stateDir)), 'egress');
  const named = join(realOrSelf(dirname(resolve(socket))), basename(socket));
  if (
    !/^[0-9a-f]{24}\.sock$/.test(named.slice(dir.length + 1)) ||
    !named.startsWith(`${dir}${sep}`) ||
    !isSocket(named)
  )
    return { ok: false, error: `${socket} is not one of the daemon's egress proxy sockets` };
  return { ok: true, socket: named };
}

/**
 * The folders a decision lets the command write, as they are now: only a folder that exists and is
 * not reached through a link (one planted in /tmp turned `/tmp/x/notes.txt` into `/`), never a
 * kernel file system, `/`, or a hidden place or a folder inside one.
 */
function writableFolders(
  wanted: readonly string[],
  excluded: readonly string[],
  homes: readonly string[],
  allowHome: boolean,
): string[] {
  const folders = new Set<string>();
  for (const folder of wanted) {
    const named = resolve(folder);
    if (kindOf(named) !== 'folder' || realOrSelf(named) !== named) continue;
    if (named === '/' || SYSTEM_FOLDERS.test(named)) continue;
    if (excluded.some((h) => isWithin(named, h))) continue;
    // Above the home folder (`/home`) is never the command's to write; the home itself only for a
    // write the analyser saw (its start-up files pinned, or removed after if it creates them).
    if (homes.some((h) => isWithin(h, named) && (h !== named || !allowHome))) continue;
    folders.add(named);
  }
  return [...folders].sort();
}

/** The system's own folders: never writable for a command, whatever it was judged to write (`/root` is a home). */
const SYSTEM_FOLDERS =
  /^\/(proc|sys|dev|run|etc|usr|bin|sbin|lib|lib32|lib64|libx32|boot|var\/lib|var\/spool|var\/log)(\/|$)/;

/** This user's own temp folder, made private (0700) and kept between commands. */
function privateTemp(systemTemp: string): string {
  const dir = join(systemTemp, `aarm-confined-${process.getuid?.() ?? 'user'}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  // A folder someone else made, or a link at that name, is not ours to use.
  if (!stat.isDirectory() || (typeof process.getuid === 'function' && stat.uid !== process.getuid()))
    throw new Error(`${dir} is not this user's own folder`);
  chmodSync(dir, 0o700);
  return dir;
}

/** The user's home from the password database (HOME is the runner's environment). */
function accountHome(): string {
  try {
    return userInfo().homedir;
  } catch {
    return homedir();
  }
}

/** What in `~/.ssh` is not `SSH_VISIBLE`: keys and folders of them. */
function sshPrivate(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => !SSH_VISIBLE.test(name))
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

function isSocket(path: string): boolean {
  try {
    return lstatSync(path).isSocket();
  } catch {
    return false;
  }
}

/**
 * What an MCP server's command line needs to be readable: each existing absolute file on it with
 * its package (up to the `node_modules` it sits in, or the nearest folder with a `package.json`),
 * so that its imports resolve where the private temp directory would hide them.
 */
export function packagesOf(argv: readonly string[]): string[] {
  const found: string[] = [];
  for (const arg of argv) {
    if (!arg.startsWith('/') || kindOf(arg) !== 'file') continue;
    const modules = arg.indexOf('/node_modules/');
    if (modules > 0) {
      found.push(arg.slice(0, modules + '/node_modules'.length));
      continue;
    }
    let dir = dirname(arg);
    while (dir !== '/' && kindOf(join(dir, 'package.json')) !== 'file') dir = dirname(dir);
    found.push(dir === '/' ? arg : dir);
  }
  return found;
}

/** Start `argv` confined; the caller waits for it like any child. */
export function spawnConfined(
  bubblewrap: string,
  plan: ConfinementPlan,
  argv: string[],
  options: { env: Record<string, string>; stdio: StdioOptions },
): ChildProcess {
  return childProcess().spawn(bubblewrap, [...bubblewrapArguments(plan), '--', ...argv], {
    env: options.env,
    stdio: options.stdio,
  });
}
