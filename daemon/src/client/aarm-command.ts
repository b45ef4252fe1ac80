/**
 * Where this aarm runs from, and the command line that runs aarm from where the user is. Messages
 * used to say `npx aarm daemon`, which works only inside a checkout; one function now names what
 * works: `aarm …` for a global install, `npx aarm …` inside the project that holds aarm, `node
 * /abs/dist/aarm.js …` outside it, and the launcher `aarm install` keeps when aarm ran from a
 * throw-away place. Only computed when a message needs it (never on a hook's way to an answer).
 */
import { accessSync, constants, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, relative, isAbsolute, resolve } from 'node:path';
import { resolveDataDir } from '../protocol/state-layout.js';
import { shellQuote } from '../protocol/shell-quote.js';

export type AarmPlace =
  /** the copy `aarm install` keeps in the data directory */
  | 'copy'
  /** the `aarm` on PATH */
  | 'global'
  /** npx's cache or a temporary folder: it may vanish at any time */
  | 'throw-away'
  /** a checkout, an unpacked package or a project's node_modules */
  | 'folder'
  /** not aarm's CLI at all (the SDK in an agent, the VS Code extension) */
  | 'other';

export interface WhereAarmRuns {
  place: AarmPlace;
  /**
   * the CLI to start: a global install's link as it is (it survives upgrades); anything else with
   * links resolved (`npx aarm` in a checkout starts it through a link in npx's cache)
   */
  cli: string;
  /** the package folder (holding dist/), links resolved */
  root?: string;
  /** for a throw-away place: what it is, in words */
  why?: string;
}

interface Situation {
  env: NodeJS.ProcessEnv;
  home: string;
  cwd: string;
}

const here = (): Situation => ({ env: process.env, home: homedir(), cwd: process.cwd() });

const isWithin = (path: string, dir: string) => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The folder of the copies `aarm install` keeps (`<data>/runtime/<version>-<digest>`). */
export const runtimeDir = (env: NodeJS.ProcessEnv, home: string) =>
  join(resolveDataDir(env, home), 'runtime');
/** The launchers that start the newest copy: `<data>/bin/aarm` and `<data>/bin/aarm-shell`. */
export const launcherPath = (env: NodeJS.ProcessEnv, home: string, name = 'aarm') =>
  join(resolveDataDir(env, home), 'bin', name);

/**
 * Is `path` (a package folder or a file in it) inside a git checkout below `top`? A checkout is
 * where someone chose to build aarm, temporary folder or not: it is run where it is (hooks into it
 * are blocked, never opened, if it goes).
 */
function inCheckout(path: string, top: string): boolean {
  for (let dir = path; dir !== top && isWithin(dir, top); dir = dirname(dir))
    if (existsSync(join(dir, '.git'))) return true;
  return false;
}

/** In npx's cache, as named or with links resolved (npx's link to a checkout goes with its cache). */
const isNpxCache = (path: string) =>
  path.split('/').includes('_npx') || realOrSelf(path).split('/').includes('_npx');

/** Why `path` may vanish at any time, if it may. */
export function throwAwayReason(path: string): string | undefined {
  const real = realOrSelf(path);
  if (isNpxCache(path)) return "npx's cache, which npm cleans when it likes";
  if (/\/(?:pnpm\/dlx|\.pnpm-dlx|dlx-[^/]*|bunx-[^/]*)\//.test(real))
    return "a package runner's cache, which is cleaned when it likes";
  const temps = ['/tmp', '/var/tmp', '/dev/shm', '/private/tmp', '/private/var/folders', tmpdir()];
  for (const temp of new Set(temps.map(realOrSelf)))
    if (isWithin(real, temp) && existsSync(temp) && !inCheckout(real, temp))
      return `a temporary folder (${temp})`;
  return undefined;
}

/**
 * A folder of installed programs, not one npm puts on PATH for a while: `npx` and `npm run` add
 * `node_modules/.bin` folders (npx's own in its cache), whose `aarm` is no global install.
 */
const isInstalledBin = (dir: string) =>
  !/(^|\/)node_modules\/\.bin\/?$/.test(dir) && !dir.split('/').includes('_npx');

export function findOnPathIn(
  name: string,
  env: NodeJS.ProcessEnv,
  dirFits: (dir: string) => boolean = () => true,
): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir || !dirFits(dir)) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Where the aarm CLI `cli` (default: this process's) lives. */
export function whereAarmRuns(cli = process.argv[1] ?? '', situation: Situation = here()): WhereAarmRuns {
  const started = resolve(cli);
  const real = realOrSelf(started);
  if (!/^aarm(-shell)?\.js$/.test(basename(real)) || basename(dirname(real)) !== 'dist')
    return { place: 'other', cli: started };
  const root = dirname(dirname(real));
  const copies = runtimeDir(situation.env, situation.home);
  // named as the data directory names it (a home reached through a link keeps its link), as
  // `aarm install` wrote it and looks for it
  if (isWithin(root, realOrSelf(copies)))
    return {
      place: 'copy',
      cli: join(copies, relative(realOrSelf(copies), real)),
      root: join(copies, relative(realOrSelf(copies), root)),
    };
  const why = throwAwayReason(root);
  if (why !== undefined) return { place: 'throw-away', cli: real, root, why };
  const onPath = findOnPathIn('aarm', situation.env, isInstalledBin);
  if (onPath !== undefined && realOrSelf(onPath) === real) return { place: 'global', cli: onPath, root };
  return { place: 'folder', cli: real, root };
}

/** `~/…` for a plain path in the home folder (the shell expands it), else the path quoted. */
function showPath(path: string, homeAsGiven: string): string {
  const home = resolve(homeAsGiven);
  if (isWithin(path, home) && path !== home && /^[\w./@+-]+$/.test(path.slice(home.length)))
    return `~${path.slice(home.length)}`;
  return shellQuote(path);
}

/** The package npx was asked for, from the manifest npx writes beside its cache entry. */
function npxSpec(root: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(root, '..', '..', 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    const spec = manifest.dependencies?.aarm;
    if (spec && /[:/]/.test(spec)) return spec;
  } catch {
    // no manifest: npx of the registry's package
  }
  return 'aarm';
}

/**
 * The command line that runs `aarm ARGS` from where the user is, e.g. `aarm daemon`,
 * `npx aarm daemon`, `node /src/aarm/dist/aarm.js daemon`, `~/.local/share/aarm/bin/aarm daemon`.
 */
export function aarmCommand(
  args: string,
  where: WhereAarmRuns = whereAarmRuns(),
  situation: Situation = here(),
): string {
  const { env, home, cwd } = situation;
  const launcher = launcherPath(env, home);
  const withLauncher = existsSync(launcher) ? `${showPath(launcher, home)} ${args}` : undefined;
  switch (where.place) {
    case 'global':
      return `aarm ${args}`;
    case 'copy':
      return withLauncher ?? `node ${showPath(where.cli, home)} ${args}`;
    case 'throw-away':
      if (withLauncher !== undefined) return withLauncher;
      // npx finds its cache's aarm again; a checkout in a temporary folder is run where it is
      return isNpxCache(where.root!)
        ? `npx ${npxSpec(where.root!)} ${args}`
        : folderCommand(where.root!, args, cwd, home);
    case 'folder':
      return folderCommand(where.root!, args, cwd, home);
    default:
      if (withLauncher) return withLauncher;
      return findOnPathIn('aarm', env) ? `aarm ${args}` : `npx aarm ${args}`;
  }
}

/** A checkout or an unpacked package: npx finds aarm in the project that holds it, else its path. */
function folderCommand(root: string, args: string, cwd: string, home: string): string {
  const project = basename(dirname(root)) === 'node_modules' ? dirname(dirname(root)) : root;
  if (isWithin(realOrSelf(cwd), project)) return `npx aarm ${args}`;
  return `node ${showPath(join(root, 'dist', 'aarm.js'), home)} ${args}`;
}

/** The absolute path of an `aarm-shell` that works from here, for an agent's SHELL. */
export function aarmShellPath(where: WhereAarmRuns = whereAarmRuns(), situation: Situation = here()): string {
  const launcher = launcherPath(situation.env, situation.home, 'aarm-shell');
  if (where.place === 'global')
    return findOnPathIn('aarm-shell', situation.env) ?? join(where.root!, 'dist', 'aarm-shell.js');
  if (where.root !== undefined && (where.place === 'folder' || !existsSync(launcher)))
    return join(where.root, 'dist', 'aarm-shell.js');
  return launcher;
}
