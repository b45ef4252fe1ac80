/**
 * Confinement on Linux with bubblewrap (the I/O side of profile.ts): finding a trustworthy
 * `bwrap`, checking that it works here, planning a run from what exists on this machine, and
 * starting the command inside.
 */
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import type { Confinement, Result } from '../protocol/index.js';
import {
  bubblewrapArguments,
  CACHES_IN_HOME,
  HIDDEN_IN_HOME,
  SOCKET_ENV,
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
  const candidates = [
    input.stateDir,
    ...HIDDEN_IN_HOME.map((p) => join(input.home, p)),
    ...SOCKET_ENV.map((name) => input.env[name]).filter(
      (p): p is string => p !== undefined && p.startsWith('/'),
    ),
    ...SYSTEM_SOCKETS,
    input.env.XDG_RUNTIME_DIR ?? `/run/user/${process.getuid?.() ?? 0}`,
    ...tempSockets(tempDir),
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
  if (workspace === '/' || workspace === home)
    return {
      ok: false,
      error: `the workspace may not be ${workspace === '/' ? '/' : 'the home folder'} when confined`,
    };
  const caches = CACHES_IN_HOME.map((p) => join(home, p)).filter((p) => kindOf(p) === 'folder');
  return {
    ok: true,
    plan: {
      confinement: input.confinement,
      workspace,
      cwd,
      tempDir,
      caches,
      // Shallow first: a folder's tmpfs must not cover a file hidden inside it after the fact.
      hidden: [...hidden]
        .map(([path, kind]) => ({ path, kind }))
        .sort((a, b) => a.path.length - b.path.length),
    },
  };
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
