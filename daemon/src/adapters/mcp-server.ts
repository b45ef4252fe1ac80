/**
 * Which MCP server the proxy runs, from its command line alone: the package it starts (through
 * npx, uvx, node, python -m, or its own executable), never a substring of a name. Only the
 * reference filesystem, fetch and git servers, started in a way this reads completely, have their
 * tools judged as the file, network and git actions they are; anything else is `other`, and its
 * tools are `mcp/call` actions with all their arguments.
 *
 * INVARIANT: a reference package is recognised only where what runs is that package from the
 * default registry: a bare name or `name@version-or-range` (never `name@npm:other`, a git, file or
 * URL spec), no option that changes where it is installed from or what runs beside it
 * (`--registry`, `--index-url`, `--with`, `--python`…), and a script path only when it is the
 * package's own `bin` in the global or the working folder's `node_modules`.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export type McpServerKind = 'filesystem' | 'fetch' | 'git' | 'other';

export interface McpServer {
  /** the server's name in policy (`action.parameters.server`) and in the pin file's name */
  name: string;
  kind: McpServerKind;
  /** the package it was recognised by, e.g. `@modelcontextprotocol/server-filesystem` */
  package?: string;
}

/** The reference servers: package → kind, and the executables and Python modules they install. */
const PACKAGES: Record<string, Exclude<McpServerKind, 'other'>> = {
  '@modelcontextprotocol/server-filesystem': 'filesystem',
  'mcp-server-fetch': 'fetch',
  'mcp-server-git': 'git',
};
/** Which registry each is published to: `npx mcp-server-fetch` is some other npm package. */
const NPM_PACKAGES: Record<string, true> = { '@modelcontextprotocol/server-filesystem': true };
const PYTHON_PACKAGES: Record<string, true> = { 'mcp-server-fetch': true, 'mcp-server-git': true };
const EXECUTABLES: Record<string, string> = {
  'mcp-server-filesystem': '@modelcontextprotocol/server-filesystem',
  'mcp-server-fetch': 'mcp-server-fetch',
  'mcp-server-git': 'mcp-server-git',
};
const MODULES: Record<string, string> = {
  mcp_server_fetch: 'mcp-server-fetch',
  mcp_server_git: 'mcp-server-git',
};

/** Each reference server's own options: anything else on its command line is not understood. */
const SERVER_OPTIONS: Record<Exclude<McpServerKind, 'other'>, { flags: string[]; values: string[] }> = {
  filesystem: { flags: [], values: [] },
  fetch: { flags: ['--ignore-robots-txt'], values: ['--user-agent', '--proxy-url'] },
  git: { flags: ['-v', '--verbose'], values: ['-r', '--repository'] },
};

/** Launchers that run a package by name, with the options they take (value options take one word). */
type Ecosystem = 'npm' | 'python';
const LAUNCHERS: Record<
  string,
  { flags: string[]; values: string[]; packageOption?: string[]; ecosystem: Ecosystem }
> = {
  npx: {
    flags: ['-y', '--yes', '-q', '--quiet', '--prefer-offline', '--prefer-online', '--no-install'],
    // Not `--registry` or `--cache`: what they install is not the package of that name.
    values: [],
    packageOption: ['-p', '--package'],
    ecosystem: 'npm',
  },
  'npm exec': {
    flags: ['-y', '--yes', '-q', '--quiet'],
    values: [],
    packageOption: ['-p', '--package'],
    ecosystem: 'npm',
  },
  'pnpm dlx': { flags: ['-s', '--silent'], values: [], packageOption: ['--package'], ecosystem: 'npm' },
  bunx: { flags: ['--bun', '-b'], values: [], packageOption: ['-p', '--package'], ecosystem: 'npm' },
  'yarn dlx': { flags: ['-q', '--quiet'], values: [], packageOption: ['-p', '--package'], ecosystem: 'npm' },
  // Not `--python`, `--with`, `--index-url` or `--index`: another interpreter, packages beside it,
  // or another index all run other code under the reference server's name.
  uvx: {
    flags: ['-q', '--quiet', '--offline', '--refresh', '--isolated', '--no-cache'],
    values: [],
    packageOption: ['--from'],
    ecosystem: 'python',
  },
  'uv tool run': {
    flags: ['-q', '--quiet', '--offline', '--refresh', '--isolated', '--no-cache'],
    values: [],
    packageOption: ['--from'],
    ecosystem: 'python',
  },
  'pipx run': {
    flags: ['-q', '--quiet', '--no-cache'],
    values: [],
    packageOption: ['--spec'],
    ecosystem: 'python',
  },
};

/** A table's own entry: a command line may name `constructor` or `__proto__`. */
const own = <T>(table: Record<string, T>, key: string | undefined): T | undefined =>
  key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;

/** `@scope/name@1.2.3`, `name==1.0`, `name[extra]>=2` → the package name. */
export function packageName(spec: string): string {
  const scoped = spec.startsWith('@');
  const at = spec.indexOf('@', scoped ? 1 : 0);
  const npm = at > 0 ? spec.slice(0, at) : spec;
  return npm.split(/[=<>!~[\s;]/)[0]!;
}

/** A version, a range or a dist-tag: no `:` or `/`, so no `npm:`, `git+https://`, `file:` or `user/repo`. */
const NPM_VERSION = /^[\w.^~<>=*|+ -]+$/;
const PYTHON_VERSION = /^(@[\w.*+-]+|(===?|~=|!=|<=?|>=?)[\w.*+-]+(\s*,\s*(===?|~=|!=|<=?|>=?)[\w.*+-]+)*)$/;

/**
 * The reference package a spec names, when it is that package from the default registry: the
 * exact npm name, or the PyPI name in any spelling PyPI takes for it (`MCP_Server.Fetch`), bare or
 * with a version or range. Undefined for an alias (`name@npm:other`), a git, file or URL spec, an
 * extra (`name[x]`) or anything else.
 */
export function knownPackage(spec: string, ecosystem: Ecosystem): string | undefined {
  const name = packageName(spec);
  const version = spec.slice(name.length);
  if (ecosystem === 'npm')
    return own(NPM_PACKAGES, name) &&
      (version === '' || (version.startsWith('@') && NPM_VERSION.test(version.slice(1))))
      ? name
      : undefined;
  const python = name.toLowerCase().replace(/[-_.]+/g, '-');
  return own(PYTHON_PACKAGES, python) && (version.trim() === '' || PYTHON_VERSION.test(version.trim()))
    ? python
    : undefined;
}

/** The folders a node script of a reference package is verified in: the global and the local install. */
function installRoots(cwd: string): string[] {
  return [join(dirname(dirname(process.execPath)), 'lib', 'node_modules'), join(cwd, 'node_modules')];
}

/**
 * The npm reference package whose own `bin` `script` is (after links), installed in the global
 * `node_modules` or the working folder's; undefined for any other file, wherever it lies.
 */
function verifiedScript(script: string, cwd = process.cwd()): string | undefined {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  };
  const target = real(resolve(cwd, script));
  if (target === undefined) return undefined;
  for (const root of installRoots(cwd))
    for (const pkg of Object.keys(NPM_PACKAGES)) {
      const dir = join(root, pkg);
      let manifest: { name?: unknown; bin?: unknown };
      try {
        manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as typeof manifest;
      } catch {
        continue;
      }
      if (manifest.name !== pkg) continue;
      const bins =
        typeof manifest.bin === 'string'
          ? [manifest.bin]
          : typeof manifest.bin === 'object' && manifest.bin !== null
            ? Object.values(manifest.bin).filter((b): b is string => typeof b === 'string')
            : [];
      if (bins.some((bin) => real(resolve(dir, bin)) === target)) return pkg;
    }
  return undefined;
}

/** Split `--opt=value`; walk the options a program takes; undefined at one it does not take. */
function afterOptions(
  argv: string[],
  spec: { flags: string[]; values: string[]; packageOption?: string[] },
): { rest: string[]; packages: string[] } | undefined {
  const packages: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') return { rest: argv.slice(i + 1), packages };
    if (!word.startsWith('-')) break;
    const eq = word.indexOf('=');
    const [option, inline] = eq > 0 ? [word.slice(0, eq), word.slice(eq + 1)] : [word, undefined];
    if (spec.flags.includes(option) && inline === undefined) continue;
    const takesValue = spec.values.includes(option) || spec.packageOption?.includes(option);
    if (!takesValue) return undefined;
    const value = inline ?? argv[++i];
    if (value === undefined) return undefined;
    if (spec.packageOption?.includes(option)) packages.push(value);
  }
  return { rest: argv.slice(i), packages };
}

/**
 * The package and its arguments, as the command line starts it; undefined when this cannot tell.
 * `known` is the reference package it is, when it is one (see the INVARIANT above).
 */
function startedPackage(argv: string[]): { pkg: string; args: string[]; known?: string } | undefined {
  const [program, ...rest] = argv;
  if (program === undefined) return undefined;
  const name = basename(program).replace(/\.(cmd|exe)$/i, '');
  const executable = own(EXECUTABLES, name);
  if (executable) {
    // On the PATH by its bare name; a path only when it is the installed package's own bin.
    const known = program === name ? executable : verifiedScript(program);
    return { pkg: executable, args: rest, ...(known === executable ? { known } : {}) };
  }
  const twoWords = `${name} ${rest[0] ?? ''}`;
  const threeWords = `${twoWords} ${rest[1] ?? ''}`;
  const one = own(LAUNCHERS, name);
  const two = name === 'npm' && rest[0] === 'x' ? LAUNCHERS['npm exec'] : own(LAUNCHERS, twoWords);
  const three = own(LAUNCHERS, threeWords);
  const launcher = one
    ? { spec: one, words: rest }
    : two
      ? { spec: two, words: rest.slice(1) }
      : three
        ? { spec: three, words: rest.slice(2) }
        : undefined;
  if (launcher) {
    const read = afterOptions(launcher.words, launcher.spec);
    if (!read || read.packages.length > 1 || read.rest.length === 0) return undefined;
    const [command, ...args] = read.rest;
    // `--from PKG CMD` / `-p PKG CMD`: the package is named apart from the command it runs.
    const spec = read.packages[0] ?? command!;
    const known = knownPackage(spec, launcher.spec.ecosystem);
    if (read.packages.length === 1 && (known === undefined || own(EXECUTABLES, command) !== known))
      return { pkg: packageName(spec), args };
    return { pkg: packageName(spec), args, ...(known ? { known } : {}) };
  }
  if (/^node(js)?$/.test(name)) {
    const [script, ...args] = rest;
    if (script === undefined || script.startsWith('-')) return undefined;
    // The script inside a package's own folder: node_modules/@scope/name/… or node_modules/.bin/EXE
    // (resolved first: `node_modules/@scope/name/../../x` is not that package).
    const parts = resolve(script).split(/[\\/]+/);
    const at = parts.lastIndexOf('node_modules');
    if (at < 0) return undefined;
    const [first, second] = [parts[at + 1], parts[at + 2]];
    const pkg =
      first === '.bin'
        ? own(EXECUTABLES, second)
        : first?.startsWith('@') && second
          ? `${first}/${second}`
          : first;
    if (!pkg) return undefined;
    // Recognised only as the installed package's own bin: any file under any `node_modules` is not.
    const known = verifiedScript(script);
    return { pkg, args, ...(known === pkg ? { known } : {}) };
  }
  const module = rest[0] === '-m' ? own(MODULES, rest[1]) : undefined;
  if (/^python(\d+(\.\d+)*)?$/.test(name) && module)
    return { pkg: module, args: rest.slice(2), known: module };
  return undefined;
}

/** Whether the reference server's own arguments are all ones it takes (a folder list for filesystem). */
function argumentsUnderstood(kind: Exclude<McpServerKind, 'other'>, args: string[]): boolean {
  if (kind === 'filesystem') return args.every((a) => !a.startsWith('-'));
  const read = afterOptions(args, SERVER_OPTIONS[kind]);
  return read !== undefined && read.rest.length === 0;
}

/** A reference server's default name: `server-filesystem`, `mcp-server-fetch`, `mcp-server-git`. */
const shortName = (pkg: string) => pkg.split('/').at(-1)!;
const RESERVED_NAMES = new Set(Object.keys(PACKAGES).map(shortName));

/**
 * `npx -y @modelcontextprotocol/server-filesystem /dir` → `server-filesystem` (the name before v2
 * too); any other package by its full name (`@evil/server-filesystem`), so that no other server
 * shares a reference server's name, which pins and policy rules key on.
 */
export function defaultServerName(argv: string[]): string {
  const { started, kind } = recognise(argv);
  if (kind !== 'other') return shortName(started!.known!);
  let name: string;
  if (started) name = started.pkg;
  else {
    const named = argv.find((a) => /server-|mcp/.test(a) && !a.startsWith('-'));
    const base = (named ?? argv[0] ?? 'mcp').split('/').filter(Boolean);
    // `…/NAME/dist/index.js` → NAME
    while (base.length > 1 && /^(index\.[cm]?[jt]s|dist|build|lib)$/.test(base.at(-1)!)) base.pop();
    name = (base.at(-1) ?? 'mcp').replace(/@[\d.]+$/, '');
  }
  return RESERVED_NAMES.has(name) ? `unverified-${name}` : name;
}

/** The server the command line starts; `name` is how policy names it (default from the command). */
export function identifyMcpServer(argv: string[], name?: string): McpServer {
  const serverName = name ?? defaultServerName(argv);
  const { started, kind } = recognise(argv);
  if (kind === 'other')
    return { name: serverName, kind: 'other', ...(started ? { package: started.pkg } : {}) };
  return { name: serverName, kind, package: started!.known! };
}

function recognise(argv: string[]): { started: ReturnType<typeof startedPackage>; kind: McpServerKind } {
  const started = startedPackage(argv);
  const kind = own(PACKAGES, started?.known);
  return { started, kind: started && kind && argumentsUnderstood(kind, started.args) ? kind : 'other' };
}
