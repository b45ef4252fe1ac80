/**
 * What the analyser knows about the shell while it walks a command line: variables, the working
 * directory, functions, shell options, and what earlier parts of the same command left on disk
 * (files written with known text, copies of programs, symbolic links). Pure values.
 */
import { posix } from 'node:path';
import type { ShNode } from './parser.js';

/** A variable's value as far as it is known. */
export interface VarValue {
  /** undefined: set, but only known when the command runs */
  text: string | undefined;
  /** the value is one path matching `text` as a glob (a `for f in *.jpg` loop variable) */
  pattern?: boolean;
  /** the value came out of a decoding or transforming program (obfuscation) */
  decoded?: boolean;
  /** an indexed array; undefined elements are unknown */
  array?: Array<string | undefined>;
  /** an integer only known at run time (`((i++))`, `n=$((n+1))`), or an array of them: arithmetic over it runs nothing */
  numeric?: boolean;
  /** an associative array (`declare -A`): its subscripts are text, not arithmetic */
  assoc?: boolean;
  /** `unset X`: known to be unset (so `${X:-w}` is `w`) */
  unset?: boolean;
}

/** A file an earlier part of this command line wrote. */
export interface WrittenFile {
  /** its content, when known statically (`echo … > x.sh`, here-docs) */
  text: string | undefined;
  fromNetwork: boolean;
  /** someone else's code fetched from a repository (`git clone URL`): running it is remote code */
  fetched?: string;
  /** what the program that wrote it had read: files this command wrote, or downloads */
  derived?: Provenance;
}

/** What a program had read when it wrote a file (`gcc a.c -o a` after `printf … > a.c`). */
export interface Provenance {
  /** content this command made up (a here-doc, `echo … >`, inline code's writes) */
  readWritten: boolean;
  readDownloaded: boolean;
  /** the repository of fetched code it read */
  fetched?: string | undefined;
}

/** Whether a file holds content this command made up, rather than the project's or a download's. */
export function authored(file: WrittenFile): boolean {
  if (file.text !== undefined) return true;
  if (file.derived) return file.derived.readWritten;
  return !file.fromNetwork && file.fetched === undefined;
}

/** Facts about files that earlier parts of this command line created. Shared by every subshell. */
export interface Disk {
  /** files written (paths, or `dir/**` for a tree) */
  files: Map<string, WrittenFile>;
  /** copies and links of programs: `cp /bin/rm ./x` → `./x` runs `rm` */
  programs: Map<string, string>;
  /** symbolic links created: path → where it points */
  links: Map<string, string>;
  /** other facts a program model remembers (`git remote add x URL`) */
  facts: Map<string, string>;
}

export interface State {
  cwd: string | undefined;
  vars: Map<string, VarValue>;
  /** functions defined so far; their bodies are judged where they are called */
  functions: Map<string, { body: ShNode; called: boolean }>;
  depth: number;
  disk: Disk;
  /** variables declared integer (`declare -i`): what is assigned to them is arithmetic */
  integers?: Set<string>;
}

export function newState(cwd: string): State {
  return {
    cwd,
    vars: new Map(),
    functions: new Map(),
    depth: 0,
    disk: { files: new Map(), programs: new Map(), links: new Map(), facts: new Map() },
  };
}

/** A subshell or a pipeline stage: its variables and directory do not leak out; the disk does. */
export function subshell(state: State): State {
  return { ...state, vars: new Map(state.vars), functions: new Map(state.functions) };
}

/** `HOME` as the command sees it: reassigned in the command (`HOME=/x; cd ~`), or the user's. */
export function homeOf(state: State, home: string): string | undefined {
  const value = state.vars.get('HOME');
  if (value === undefined) return home;
  return value.text;
}

/**
 * An absolute, normalised path for an argument: `~` expanded, relative paths against the current
 * directory (unknown → `?` prefix), links created earlier in this command followed.
 */
export function resolvePath(text: string, state: State, home: string): string {
  let value = text;
  if (value === '~' || value.startsWith('~/')) {
    const h = homeOf(state, home);
    if (h === undefined) return `?${value}`;
    value = h + value.slice(1);
  }
  if (value.startsWith('?')) return value;
  if (!value.startsWith('/')) {
    if (state.cwd === undefined) return `?/${value}`;
    value = posix.join(state.cwd, value);
  }
  let normal = posix.normalize(value);
  if (normal.length > 1 && normal.endsWith('/')) normal = normal.slice(0, -1);
  return followLinks(procAlias(normal, state), state.disk.links);
}

/**
 * `/proc/PID/root/x` is `/x` (a process's root folder); `/proc/self/cwd/x` is `x` in this
 * command's directory; another process's `cwd` is anywhere.
 */
function procAlias(path: string, state: State): string {
  if (!path.startsWith('/proc/')) return path;
  const root = /^\/proc\/[^/]+\/root(\/.*)?$/.exec(path);
  if (root) return root[1] ?? '/';
  const cwd = /^\/proc\/([^/]+)\/cwd(\/.*)?$/.exec(path);
  if (cwd) {
    if ((cwd[1] === 'self' || cwd[1] === 'thread-self') && state.cwd !== undefined)
      return posix.join(state.cwd, cwd[2] ?? '');
    return `/**${cwd[2] ?? ''}`;
  }
  return path;
}

/** Replace the longest prefix that is a link created in this command by where it points. */
function followLinks(path: string, links: Map<string, string>): string {
  if (links.size === 0) return path;
  for (let guard = 0; guard < 16; guard++) {
    let replaced = false;
    for (const [link, target] of links) {
      if (path === link || path.startsWith(`${link}/`)) {
        path = posix.normalize(target + path.slice(link.length));
        replaced = true;
        break;
      }
    }
    if (!replaced) return path;
  }
  return path;
}
