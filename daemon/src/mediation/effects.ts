/**
 * The effects of any action, for policy (`effects.*`): shell commands through the analyser,
 * file and network actions directly. `analyseAction` is pure and deterministic (and cached by its
 * callers); `resolveEffects` then looks at the file system as the kernel will — symbolic links,
 * installed packages, case-insensitive names — which must be asked afresh each time.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Action, Effects } from '../protocol/index.js';
import { isWithin } from '../protocol/paths.js';
import { shellJoin, shellQuote } from '../protocol/shell-quote.js';
import { analyseShell } from './shell/analyse.js';
import { DEFAULT_HOSTS, UNKNOWN_HOST, normaliseHost } from './shell/hosts.js';
import { PERSISTENCE_PATH_CLASSES, SECRET_VARIABLE, pathClasses } from './paths.js';
import { configuredRegistryHosts } from './registries.js';

/** What the daemon (or `aarm check`) lets mediation see of the file system. */
export interface FileView {
  /** the path with symbolic links resolved in its longest existing prefix */
  realpath(path: string): string;
  exists(path: string): boolean;
  /** whether names in this folder compare without case (macOS, Windows) */
  caseInsensitive?(dir: string): boolean;
  /** a small settings file's text (package managers' registries), undefined when there is none */
  read?(path: string): string | undefined;
}

export interface EffectsOptions {
  home: string;
  fs?: FileView;
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

const PACKAGE_HOSTS = new Set(Object.values(DEFAULT_HOSTS).flat());

export function deriveEffects(action: Action, options: EffectsOptions): Effects {
  return resolveEffects(action, analyseAction(action, options.home), options);
}

/** What an action does, from its text alone (pure; callers may cache it by the action). */
export function analyseAction(action: Action, home: string): Effects {
  switch (action.tool) {
    case 'shell': {
      const workspace = action.context?.workspace;
      // Variables the command runs with are judged as if exported first (`LD_PRELOAD`, `NODE_OPTIONS`…).
      const env = Object.entries(action.parameters.env ?? {});
      const command =
        env.length === 0
          ? action.parameters.command
          : `export ${env.map(([name, value]) => `${shellQuote(name)}=${shellQuote(value)}`).join(' ')}; ${action.parameters.command}`;
      const analysed = analyseShell(command, {
        cwd: action.parameters.cwd,
        home,
        ...(workspace ? { workspace } : {}),
      });
      return { ...analysed, sensitive: [] };
    }
    case 'fs': {
      const effects = empty();
      const key = action.operation === 'read' ? 'reads' : action.operation === 'write' ? 'writes' : 'deletes';
      effects[key].push(action.parameters.path);
      return effects;
    }
    case 'net': {
      const effects = empty();
      const url = new URL(action.parameters.url);
      effects.network = true;
      effects.urls.push(url.href);
      effects.hosts.push(normaliseHost(url.hostname));
      if (!SAFE_METHODS.includes(action.parameters.method) || action.parameters.body !== undefined)
        effects.risks.push('exfiltration');
      return effects;
    }
    case 'mcp':
      return empty();
  }
}

/**
 * The effects as the kernel will see them, with sensitive classes: paths through symbolic links
 * are also their targets, packages a command would fetch are not fetched when installed, the
 * environment counts as a secret only when it can leave the machine.
 */
export function resolveEffects(action: Action, analysed: Effects, options: EffectsOptions): Effects {
  const effects: Effects = {
    ...analysed,
    reads: analysed.reads,
    writes: analysed.writes,
    deletes: analysed.deletes,
    executes: analysed.executes,
    risks: [...analysed.risks],
  };
  const fs = options.fs;
  if (fs && action.tool === 'shell') {
    effects.reads = withTargets(analysed.reads, fs);
    effects.writes = withTargets(analysed.writes, fs);
    effects.deletes = withTargets(analysed.deletes, fs);
    effects.executes = withTargets(analysed.executes, fs);
    const remote = analysed.packages.filter((p) => !installedLocally(p, action, fs));
    if (remote.length === 0 && analysed.packages.length > 0) {
      effects.packages = [];
      if (!analysed.risks.includes('download-and-execute'))
        effects.risks = effects.risks.filter((r) => r !== 'remote-code');
      // The fetch was the only network use: nothing else names a host (beyond where packages come
      // from) or a URL, or is unknown.
      if (
        effects.hosts.every((h) => h === UNKNOWN_HOST || PACKAGE_HOSTS.has(h)) &&
        effects.urls.length === 0 &&
        effects.unknown.length === 0
      ) {
        effects.network = false;
        effects.hosts = [];
      }
    } else effects.packages = remote;
    // The registries the project's and the user's settings name are among the hosts contacted.
    if (effects.network && fs.read) {
      const programs = analysed.commands.map((c) => c.program);
      const configured = configuredRegistryHosts(programs, action.parameters.cwd, options.home, (path) =>
        fs.read?.(path),
      );
      const added = configured.filter((h) => !effects.hosts.includes(h));
      if (added.length > 0) effects.hosts = [...effects.hosts, ...added];
    }
  }
  // `env | grep`, `printenv HOME`: the agent's own environment, a secret only when it leaves —
  // or when a variable named like a secret is asked for by name.
  const secretVariable = (p: string) => p.startsWith('env:') && SECRET_VARIABLE.test(p.slice(4));
  if (!effects.network)
    effects.reads = effects.reads.filter((p) => !p.startsWith('env:') || secretVariable(p));
  const caseInsensitive = fs?.caseInsensitive?.(action.context?.workspace ?? options.home) ?? false;
  const sensitive = new Set<string>();
  for (const path of [...effects.reads, ...effects.writes, ...effects.deletes])
    for (const c of pathClasses(path, options.home, caseInsensitive)) sensitive.add(c);
  if (effects.reads.some(secretVariable)) sensitive.add('environment');
  effects.sensitive = [...sensitive];
  // Deleting a repository's object store or refs destroys its history.
  if (
    !effects.risks.includes('destructive') &&
    effects.deletes.some((p) => /\/\.git(\/(objects|refs|logs)(\/.*)?|\/\*\*)?$/.test(p))
  )
    effects.risks.push('destructive');
  // Changing what runs later is persistence, whichever tool writes it. A write to a path may put a
  // folder or a link there (`ln -s stage .claude`, `mv stage/.claude .`): what is below it changes too.
  // A tree unpacked or copied over the workspace from an archive, a patch or another folder (`tar
  // xf`, `unzip`, `cp -r x/. .`, `git apply`) may carry the agents' settings, git hooks or CI
  // files: persistence as well. (Not a checkout rewritten from its own history: `git switch`.)
  const workspace = action.context?.workspace;
  const changed = [...effects.writes, ...effects.deletes].flatMap((path) =>
    path.endsWith('/**') || path.startsWith('?') ? [path] : [path, `${path}/**`],
  );
  const fromElsewhere = (tree: string) =>
    effects.reads.some(
      (read) =>
        !read.startsWith('env:') &&
        read !== tree &&
        !(read.endsWith('/**') && isWithin(tree.slice(0, -3), read.slice(0, -3))),
    );
  const persists = (path: string) =>
    pathClasses(path, options.home, caseInsensitive).some((c) => PERSISTENCE_PATH_CLASSES.includes(c)) ||
    (workspace !== undefined &&
      path.endsWith('/**') &&
      effects.writes.includes(path) &&
      isWithin(workspace, path.slice(0, -3)) &&
      fromElsewhere(path));
  if (!effects.risks.includes('persistence') && changed.some(persists)) effects.risks.push('persistence');
  return effects;
}

/** Each path, and where it really leads when a symbolic link is on the way. */
function withTargets(paths: string[], fs: FileView): string[] {
  if (paths.length === 0) return paths;
  const out = new Set(paths);
  for (const path of paths) {
    if (!path.startsWith('/')) continue;
    const recursive = path.endsWith('/**');
    const base = recursive ? path.slice(0, -3) : path;
    // Resolve the part before any wildcard; the rest stays as written.
    const wildcard = base.search(/[*?[]/);
    const literal = wildcard < 0 ? base : base.slice(0, base.lastIndexOf('/', wildcard));
    if (literal === '') continue;
    const real = fs.realpath(literal);
    if (real !== literal) out.add(real + base.slice(literal.length) + (recursive ? '/**' : ''));
  }
  return [...out];
}

/** `npx:tsc` runs node_modules/.bin/tsc when the project has it, from the command's folder up. */
function installedLocally(pkg: string, action: Action, fs: FileView): boolean {
  // `tsc@latest` and `eslint@npm:other` are fetched whatever the project has
  const bin = /^npx:(?:@[^/]+\/)?([^@\s]+)$/.exec(pkg)?.[1];
  if (bin === undefined || action.tool !== 'shell') return false;
  let dir = action.parameters.cwd;
  for (let guard = 0; guard < 64; guard++) {
    if (fs.exists(posix.join(dir, 'node_modules', '.bin', bin))) return true;
    const parent = posix.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
  return false;
}

function empty(): Effects {
  return {
    reads: [],
    writes: [],
    deletes: [],
    hosts: [],
    urls: [],
    network: false,
    programs: [],
    commands: [],
    executes: [],
    risks: [],
    sensitive: [],
    unknown: [],
    signals: [],
    packages: [],
  };
}

/**
 * The kind of action a standing approval covers: the program and subcommand of a shell command
 * (`git push`), the operation and path of a file action, the method and host of a request, the
 * server and tool of an MCP call.
 */
/**
 * What a standing grant ("for this session", "always") covers: no wider than what the human saw.
 * The exact program and arguments, and the effects the approval showed (files, hosts, risks,
 * sensitive classes, signals, code run) — never a prefix of the text. A command of more than one
 * program is covered only as exactly that text in that folder (by digest). A file action covers
 * that path; a request that method, URL and body; an MCP call that tool with those arguments.
 */
export function actionKey(action: Action, effects: Effects): string {
  const seen = [
    ['reads', effects.reads],
    ['writes', effects.writes],
    ['deletes', effects.deletes],
    ['hosts', effects.hosts],
    ['risks', effects.risks],
    ['sensitive', effects.sensitive],
    ['signals', effects.signals],
    ['runs', effects.executes],
    ['packages', effects.packages],
  ]
    .filter(([, values]) => values!.length > 0)
    .map(([name, values]) => `${name as string} ${JSON.stringify([...new Set(values as string[])].sort())}`);
  const qualified = (base: string) => [base, ...seen].join(' · ');
  switch (action.tool) {
    case 'shell': {
      const commands = effects.commands.filter((c) => !['cd', 'export'].includes(c.program));
      const [only] = commands;
      const env = action.parameters.env ?? {};
      if (
        commands.length !== 1 ||
        only === undefined ||
        effects.unknown.length > 0 ||
        Object.keys(env).length > 0
      )
        return qualified(
          `shell exactly ${digestOf([action.parameters.command, action.parameters.cwd, env])} (\`${action.parameters.command.slice(0, 80)}\`${action.parameters.command.length > 80 ? '…' : ''} in ${action.parameters.cwd})`,
        );
      // Quoted as a shell would (unambiguous): `git push --force origin main`.
      // The folder too: `docker compose down -v` in dev/ is not the same action in prod/.
      return qualified(`${shellJoin([only.program, ...only.argv.slice(1)])} in ${action.parameters.cwd}`);
    }
    case 'fs':
      // What is written matters as much as where (`.bashrc`, a CI workflow).
      return qualified(
        `fs/${action.operation} ${action.parameters.path}${action.parameters.content !== undefined ? ` content ${digestOf([action.parameters.content])}` : ''}`,
      );
    case 'net':
      return qualified(
        `net ${action.parameters.method} ${action.parameters.url}${
          action.parameters.body !== undefined || action.parameters.headers !== undefined
            ? ` body and headers ${digestOf([action.parameters.body ?? null, action.parameters.headers ?? null])}`
            : ''
        }`,
      );
    case 'mcp':
      return qualified(
        `mcp ${JSON.stringify([action.parameters.server, action.parameters.tool])} arguments ${digestOf([action.parameters.arguments ?? null])}`,
      );
  }
}

/** SHA-256 of the values' JSON: a grant for one text must not be forgeable for another (no short, weak hash). */
function digestOf(values: unknown[]): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(values)).digest('hex')}`;
}
