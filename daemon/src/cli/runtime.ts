/**
 * What hooks and the service start must outlive the place aarm ran from: `npx aarm install` once
 * wrote a path in npx's cache into the agent's settings, and when npm cleaned it every tool call was
 * blocked. When aarm runs from such a place, `aarm install` copies what runs into the data
 * directory and points there instead; and it records what it wrote, so that `aarm uninstall`
 * leaves things as they were:
 *
 *   <data>/runtime/<version>-<digest>/  dist/ (launcher, lean and full bundles, shell, telemetry
 *                                       worker, egress bridge), policies/, node_modules/ (the
 *                                       daemon's better-sqlite3), package.json
 *   <data>/bin/aarm, bin/aarm-shell     launchers of the newest copy, with the Node that installed it
 *   <data>/installs.json                the files that may start a copy; what aarm created
 *
 * A copy is named by its content, so re-running install with the same aarm changes nothing, and
 * one with another aarm makes a new copy beside the old, which goes once nothing starts it.
 * The lean bundle's V8 code caches are written beside it (cli/launch.ts): the copy is the user's.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { launcherPath, runtimeDir, whereAarmRuns, aarmCommand } from '../client/aarm-command.js';
import { resolveDataDir } from '../protocol/state-layout.js';

export interface RuntimeOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  /** the CLI that runs (default: this process's) */
  cli?: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** What a hook, `aarm shell` and the daemon load from dist/ (not the language server or the extension). */
const DIST = [
  'aarm.js',
  'aarm-shell.js',
  'aarm-lean.js',
  'aarm-full.js',
  'telemetry-worker.js',
  'replay-worker.js',
  'aarm-egress-bridge.js',
];
/** The daemon's native module and what it loads at run time (not what builds it). */
const MODULES: Array<[string, string[] | undefined]> = [
  ['better-sqlite3', ['package.json', 'lib', 'build/Release/better_sqlite3.node']],
  ['bindings', undefined],
  ['file-uri-to-path', undefined],
];

interface Registry {
  /** files that may start a copy: hook settings, the Cline script, the service unit */
  uses: string[];
  /** files and folders aarm created: removed again when they are left empty */
  created: string[];
}

const registryFile = (options: RuntimeOptions) =>
  join(resolveDataDir(options.env, options.home), 'installs.json');

function readRegistry(options: RuntimeOptions): Registry {
  try {
    const data = JSON.parse(readFileSync(registryFile(options), 'utf8')) as Partial<Registry>;
    return { uses: data.uses ?? [], created: data.created ?? [] };
  } catch {
    return { uses: [], created: [] };
  }
}

function writeRegistry(options: RuntimeOptions, registry: Registry): void {
  const file = registryFile(options);
  const created = missingPaths(file);
  mkdirSync(dirname(file), { recursive: true });
  registry.created = [...new Set([...registry.created, ...created.slice(1)])];
  writeFileSync(file, `${JSON.stringify(registry, null, 2)}\n`);
}

/** `file` and the folders above it that do not exist yet, deepest first. */
export function missingPaths(file: string): string[] {
  const missing: string[] = [];
  for (let path = resolve(file); !existsSync(path) && dirname(path) !== path; path = dirname(path))
    missing.push(path);
  return missing;
}

/**
 * The CLI path hooks and the service should start: this one where it stays, else a copy in the
 * data directory (made now, with a warning that says so). `undefined` when the copy failed.
 */
export function stableCli(options: RuntimeOptions): string | undefined {
  const situation = { env: options.env, home: options.home, cwd: process.cwd() };
  const where = whereAarmRuns(options.cli, situation);
  if (where.place !== 'throw-away') return where.cli;
  let copy: string;
  try {
    copy = copyRuntime(where.root!, options);
  } catch (error) {
    options.err(
      `aarm: this aarm runs from ${where.why} (${where.root}), and copying it to a lasting place failed: ${(error as Error).message}. Nothing was changed; install aarm (\`npm install -g\`) and run this again.`,
    );
    return undefined;
  }
  writeLaunchers(copy, options);
  const cli = join(copy, 'dist', 'aarm.js');
  const daemon = aarmCommand('daemon', { place: 'copy', cli, root: copy }, situation);
  options.err(
    `aarm: this aarm runs from ${where.why}: ${where.root}. What it installs would stop working once that is gone, so it starts a copy instead: ${copy} (start the daemon with \`${daemon}\`). \`aarm uninstall\` removes the copy once nothing uses it.`,
  );
  return cli;
}

function copyRuntime(root: string, options: RuntimeOptions): string {
  const dist = join(root, 'dist');
  for (const name of ['aarm.js', 'aarm-lean.js', 'aarm-full.js'])
    if (!existsSync(join(dist, name))) throw new Error(`${join(dist, name)} is missing`);
  const files = DIST.filter((name) => existsSync(join(dist, name)));
  const digest = createHash('sha256');
  for (const name of files)
    digest
      .update(name)
      .update('\0')
      .update(readFileSync(join(dist, name)));
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string })
    .version;
  const target = join(
    runtimeDir(options.env, options.home),
    `${version ?? '0'}-${digest.digest('hex').slice(0, 12)}`,
  );
  if (existsSync(join(target, 'dist', 'aarm.js'))) return target;

  const created = missingPaths(dirname(target));
  // Built whole beside the target, then renamed: a half copy is never started.
  const temporary = `${dirname(target)}/.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  try {
    mkdirSync(join(temporary, 'dist'), { recursive: true });
    for (const name of files) cpSync(join(dist, name), join(temporary, 'dist', name));
    for (const name of ['aarm.js', 'aarm-shell.js'])
      if (files.includes(name)) chmodSync(join(temporary, 'dist', name), 0o755);
    if (existsSync(join(root, 'policies')))
      cpSync(join(root, 'policies'), join(temporary, 'policies'), { recursive: true, dereference: true });
    // Its own package.json: a "type": "module" further up must not make the bundles ES modules.
    writeFileSync(
      join(temporary, 'package.json'),
      `${JSON.stringify({ name: 'aarm', version, private: true, type: 'commonjs' }, null, 2)}\n`,
    );
    const requireFrom = createRequire(join(root, 'package.json'));
    for (const [name, parts] of MODULES) {
      let from: string;
      try {
        from = dirname(requireFrom.resolve(`${name}/package.json`));
      } catch {
        continue; // without it the daemon cannot run from this copy; the hooks need none of these
      }
      for (const part of parts ?? ['.'])
        if (existsSync(join(from, part)))
          cpSync(join(from, part), join(temporary, 'node_modules', name, part), {
            recursive: true,
            dereference: true,
          });
    }
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    if (existsSync(join(target, 'dist', 'aarm.js'))) return target; // another install made it meanwhile
    throw error;
  }
  const registry = readRegistry(options);
  registry.created = [...new Set([...registry.created, ...created])];
  writeRegistry(options, registry);
  return target;
}

/** `<data>/bin/aarm` and `aarm-shell`: this Node and the copy, for people and for SHELL. */
function writeLaunchers(copy: string, options: RuntimeOptions): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const launcher = launcherPath(options.env, options.home);
  const created = missingPaths(dirname(launcher));
  mkdirSync(dirname(launcher), { recursive: true });
  for (const [name, script] of [
    ['aarm', 'aarm.js'],
    ['aarm-shell', 'aarm-shell.js'],
  ] as const) {
    const text = `#!/bin/sh\n# Written by \`aarm install\`: aarm from ${copy}. \`aarm uninstall\` removes it once nothing uses that copy.\nexec ${quote(process.execPath)} ${quote(join(copy, 'dist', script))} "$@"\n`;
    const file = launcherPath(options.env, options.home, name);
    writeFileSync(file, text, { mode: 0o755 });
    chmodSync(file, 0o755);
  }
  const registry = readRegistry(options);
  registry.created = [...new Set([...registry.created, ...created])];
  writeRegistry(options, registry);
  return launcher;
}

/** After install wrote `file`: remember it if it starts a copy, and what of it aarm created. */
export function recordInstall(options: RuntimeOptions, file: string, created: readonly string[]): void {
  const registry = readRegistry(options);
  const before = JSON.stringify(registry);
  if (!registry.uses.includes(file) && startsCopy(readText(file), options)) registry.uses.push(file);
  registry.created = [...new Set([...registry.created, ...created])];
  if (JSON.stringify(registry) !== before) writeRegistry(options, registry);
  collectCopies(options);
}

/**
 * After uninstall took aarm out of `file`: a file aarm created that holds nothing more (`isEmpty`)
 * goes, with the folders aarm created for it; then copies nothing starts any more.
 */
export function recordUninstall(
  options: RuntimeOptions,
  file: string,
  isEmpty: (text: string) => boolean,
): void {
  const registry = readRegistry(options);
  if (registry.created.includes(file) && existsSync(file) && isEmpty(readText(file))) {
    rmSync(file);
    options.out(`removed ${file} (aarm created it, and nothing else is in it)`);
  }
  registry.created = removeEmptyCreated(registry.created, dirname(file));
  registry.created = registry.created.filter((path) => path !== file || existsSync(path));
  if (existsSync(registryFile(options))) writeRegistry(options, registry);
  collectCopies(options);
}

/** Remove the folders aarm created at and above `dir` that are empty; what is left of the list. */
function removeEmptyCreated(created: string[], dir: string): string[] {
  for (let path = dir; created.includes(path); path = dirname(path)) {
    try {
      rmdirSync(path); // only when empty
    } catch {
      break;
    }
    created = created.filter((p) => p !== path);
  }
  return created;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function copies(options: RuntimeOptions): string[] {
  const dir = runtimeDir(options.env, options.home);
  try {
    return readdirSync(dir)
      .filter((name) => !name.startsWith('.'))
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** Does this text (a settings file, a script, a unit) name a copy? JSON escapes are allowed for. */
const names = (text: string, copy: string) =>
  [copy, realOrSelf(copy)].some(
    (path) => text.includes(`${path}/`) || text.includes(`${JSON.stringify(path).slice(1, -1)}/`),
  );

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function startsCopy(text: string, options: RuntimeOptions): boolean {
  return copies(options).some((copy) => names(text, copy));
}

/**
 * Remove the copies no recorded file starts any more, the launchers once no copy is left (or
 * point them at a copy still in use), and the data directory once nothing is in it.
 */
export function collectCopies(options: RuntimeOptions): void {
  const registry = readRegistry(options);
  const texts = registry.uses.filter(existsSync).map(readText);
  registry.uses = registry.uses.filter((file) => existsSync(file) && startsCopy(readText(file), options));
  registry.created = registry.created.filter((path) => existsSync(path));
  const all = copies(options);
  const used = all.filter((copy) => texts.some((text) => names(text, copy)));
  for (const copy of all)
    if (!used.includes(copy)) {
      rmSync(copy, { recursive: true, force: true });
      options.out(`removed ${copy} (no agent or service starts this copy of aarm any more)`);
    }
  const launcher = launcherPath(options.env, options.home);
  if (existsSync(launcher)) {
    const current = used.find((copy) => names(readText(launcher), copy));
    if (used.length === 0) {
      for (const name of ['aarm', 'aarm-shell'])
        rmSync(launcherPath(options.env, options.home, name), { force: true });
      options.out(`removed ${launcher} and ${launcher}-shell`);
    } else if (current === undefined) writeLaunchers(used.at(-1)!, { ...options, out: () => {} });
  }
  // What is left of aarm's own folders, and of the registry itself once it records nothing.
  registry.created = removeEmptyCreated(registry.created, dirname(launcher));
  registry.created = removeEmptyCreated(registry.created, runtimeDir(options.env, options.home));
  const file = registryFile(options);
  if (registry.uses.length > 0 || registry.created.some((path) => !isDataDirOrAbove(path, options))) {
    if (existsSync(file) || registry.uses.length > 0) writeRegistry(options, registry);
    return;
  }
  rmSync(file, { force: true });
  removeEmptyCreated(registry.created, resolveDataDir(options.env, options.home));
}

/** The data directory itself or a folder above it (made only to hold it). */
function isDataDirOrAbove(path: string, options: RuntimeOptions): boolean {
  const data = resolveDataDir(options.env, options.home);
  return data === path || data.startsWith(`${path}/`);
}
