/**
 * Confinement on Linux with bubblewrap (the I/O side of profile.ts): finding a trustworthy
 * `bwrap`, checking that it works here, planning a run from what exists on this machine, and
 * starting the command inside.
 */
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import type { Confinement, Result } from '../protocol/index.js';
import {
  bubblewrapArguments,
  CACHES_IN_HOME,
  HIDDEN_IN_HOME,
  SOCKET_ENV,
  SSH_VISIBLE,
  SYSTEM_SOCKETS,
  TEMP_SOCKET_NAMES,
  type ConfinementPlan,
} from './profile.js';

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
  const trial = spawnSync(
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
}

/** The run's mounts, from what exists now. Fails when the workspace itself would be hidden. */
export function planConfinement(input: PlanInput): Result<{ plan: ConfinementPlan }> {
  const workspace = realOrSelf(resolve(input.workspace));
  const cwd = realOrSelf(resolve(input.cwd));
  const home = realOrSelf(input.home);
  const tempDir = realOrSelf(tmpdir());
  // With the network, the ssh agent stays reachable (it signs; it never hands out a key).
  const agent = input.confinement.network === 'open' ? input.env.SSH_AUTH_SOCK : undefined;
  const agentPaths = agent ? [resolve(agent), dirname(resolve(agent)), realOrSelf(agent)] : [];
  const candidates = [
    input.stateDir,
    ...HIDDEN_IN_HOME.map((p) => join(input.home, p)),
    ...sshPrivate(join(input.home, '.ssh')),
    ...SOCKET_ENV.map((name) => input.env[name]).filter(
      (p): p is string => p !== undefined && p.startsWith('/'),
    ),
    ...SYSTEM_SOCKETS,
    input.env.XDG_RUNTIME_DIR ?? `/run/user/${process.getuid?.() ?? 0}`,
    ...tempSockets(tempDir),
  ].filter((p) => !agentPaths.includes(resolve(p)));
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
  if (workspace === '/' || workspace === home)
    return {
      ok: false,
      error: `the workspace may not be ${workspace === '/' ? '/' : 'the home folder'} when confined`,
    };
  const caches = CACHES_IN_HOME.map((p) => join(home, p)).filter((p) => kindOf(p) === 'folder');
  // What the decision lets it write: the folder, or its nearest existing ancestor (a `mkdir -p`).
  const writable = new Set<string>();
  for (const folder of input.confinement.writable ?? []) {
    let existing = resolve(folder);
    while (kindOf(existing) !== 'folder' && existing !== '/') existing = dirname(existing);
    if (existing !== '/') writable.add(realOrSelf(existing));
  }
  return {
    ok: true,
    plan: {
      confinement: input.confinement,
      workspace,
      cwd,
      tempDir,
      caches,
      writable: [...writable].sort(),
      revealed: agent && isSocket(resolve(agent)) ? [resolve(agent)] : [],
      // Shallow first: a folder's tmpfs must not cover a file hidden inside it after the fact.
      hidden: [...hidden]
        .map(([path, kind]) => ({ path, kind }))
        .sort((a, b) => a.path.length - b.path.length),
    },
  };
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

/** Sockets and socket folders at the top of the temp directory (agents, editors, multiplexers). */
function tempSockets(tempDir: string): string[] {
  try {
    return readdirSync(tempDir)
      .filter((name) => TEMP_SOCKET_NAMES.test(name) || isSocket(join(tempDir, name)))
      .map((name) => join(tempDir, name));
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

/** Start `argv` confined; the caller waits for it like any child. */
export function spawnConfined(
  bubblewrap: string,
  plan: ConfinementPlan,
  argv: string[],
  options: { env: Record<string, string>; stdio: StdioOptions },
): ChildProcess {
  return spawn(bubblewrap, [...bubblewrapArguments(plan), '--', ...argv], {
    env: options.env,
    stdio: options.stdio,
  });
}
