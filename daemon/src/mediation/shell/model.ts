/**
 * Program models as data: for each program, which options take values and what those values are
 * (a file read, written or deleted, a command run, a URL contacted, code in another language …),
 * what its operands are, its subcommands, and examples that the test suite runs — in the spirit of
 * Codex's `define_program`. The hard ones add a small `custom` function. One file per family lives
 * in `programs/`; this module interprets a model against a command's arguments. Pure.
 *
 * A model refines the generic account of arguments (generic.ts); it never makes a program
 * effect-free by omission: an option or operand a model does not describe is judged by its shape.
 */
import type { Field, Output } from './expand.js';
import type { RiskClass } from './scope.js';

/** What an option's value or an operand is. */
export type Role =
  /** an opaque value: a name, a number, a pattern, a message */
  | 'value'
  /** a file or folder the program reads; `read-tree`: everything below it */
  | 'read'
  | 'read-tree'
  /** a file it writes (or creates); `write-tree`: everything below it; `write-into`: files inside a folder */
  | 'write'
  | 'write-tree'
  | 'write-into'
  /** a file or folder it deletes; `delete-tree`: with everything below it */
  | 'delete'
  | 'delete-tree'
  /** a program file it runs (a pager, an editor, a helper) */
  | 'exec'
  /** a shell command string it runs (`sh -c`) */
  | 'command'
  /** this operand and every one after it are a command it runs */
  | 'argv'
  /** a file of code in the program's own language that it runs */
  | 'script'
  /** the working directory of the program (`make -C`, `git -C`) */
  | 'cwd'
  /** a URL it contacts; `host`: a host name or address; `remote`: `host:path` or a local path */
  | 'url'
  | 'host'
  | 'remote'
  /** a native library it loads into itself */
  | 'library'
  /** judged by its shape, as for a program aarm does not model (paths, URLs, programs) */
  | 'generic'
  /** inline code in another language (`code:python`, `code:vim`, `code:sqlite`) */
  | `code:${string}`;

export interface OptionSpec {
  /** the option takes a value with this role; absent: a flag */
  takes?: Role;
  /** the value may only be attached (`--color=auto`, `-i.bak`), never the next argument */
  attached?: boolean;
  risk?: RiskClass | RiskClass[];
  /** using this option is not understood (it runs or loads something aarm cannot see), because … */
  unknown?: string;
  /** the option makes the program use the network */
  network?: boolean;
  /** a named mode, read by `operands` and `custom` through `call.has` */
  mode?: string;
}

/** `'-o|--output': 'write'` is short for `{ takes: 'write' }`; `'flag'` is a flag with no effect. */
export type OptionEntry = Role | 'flag' | OptionSpec;

export interface ModelExample {
  /** the command line; relative paths resolve against /w (the workspace), `~` is /h */
  cmd: string;
  reads?: string[];
  writes?: string[];
  deletes?: string[];
  executes?: string[];
  hosts?: string[];
  /** programs that must be among those that run (a nested command found) */
  runs?: string[];
  risks?: RiskClass[];
  network?: boolean;
  /** true: something is not understood; a string: a reason contains it; false: everything understood */
  unknown?: boolean | string;
  /** nothing beyond what is listed: no unknown, no risks, no network, no other writes or deletes */
  only?: boolean;
}

export interface ProgramEffects {
  network?: boolean;
  risks?: RiskClass[];
  /** every use of the program is not understood, because … */
  unknown?: string;
  /** code it runs besides its operands (`package scripts`, `crate build scripts`) */
  executes?: string;
  /** what it reads from standard input: shell commands, or code in a language */
  stdin?: 'commands' | `code:${string}`;
  /** data it sends out (an upload) */
  sends?: boolean;
  /** packages it fetches from the network and runs (`npx`), named by the first operand */
  fetchesAndRuns?: string;
}

export interface CommandSpec {
  summary?: string;
  options?: Record<string, OptionEntry>;
  /** roles of the operands in order; `role...` repeats (at most once); default: every operand `generic` */
  operands?: string[] | ((call: Call) => string[]);
  /** options end at the first operand (wrappers: `nice -n 5 cmd -x`) */
  optionsFirst?: boolean;
  /** subcommands by name (`'remote|rm'` for aliases); `'*'` for any other */
  subcommands?: Record<string, CommandSpec>;
  effects?: ProgramEffects;
  /** the program only reads: arguments judged by shape are reads, never writes */
  readonly?: boolean;
  /** the hard part, by hand (like Codex's `sed_command.rs`) */
  custom?: (call: Call) => void;
  /** rewrite the arguments before parsing (old-style `tar xzf f`, `ps aux`) */
  rewrite?: (args: Field[]) => Field[];
}

export interface ProgramSpec extends CommandSpec {
  /** the program and other names it is installed as */
  names: string[];
  summary: string;
  /** commands that show the model's account, run by the test suite */
  examples: ModelExample[];
}

/** What a model's `custom` and `operands` see of one call. */
export interface Call {
  program: string;
  /** the subcommand path, e.g. `remote add` */
  sub: string;
  /** every argument after the program name */
  args: Field[];
  operands: Field[];
  /** whether any of these options (any alias) was given */
  has(...names: string[]): boolean;
  /** the values of these options (any alias), in order */
  values(...names: string[]): Field[];
  /** the engine: apply a role, record effects, run nested commands */
  ctx: ModelContext;
}

/** What the engine offers a model. */
export interface ModelContext {
  program: string;
  home: string;
  /** the action's workspace, when it names one */
  workspace: string | undefined;
  cwd: string | undefined;
  /** where standard output goes, when redirected to a file */
  stdoutTo: string | undefined;
  /** what standard input provides, when known (a pipe from `echo`, `git ls-files` …) */
  stdin: Output | undefined;
  /** facts remembered for later parts of the same command (`git remote add x URL` → x is URL) */
  facts: Map<string, string>;
  apply(role: Role, field: Field): void;
  /** judge `fields[index]` by its shape; returns how many fields it took (a nested command takes the rest) */
  genericAt(fields: Field[], index: number, readonly: boolean): number;
  path(text: string): string;
  read(path: string): void;
  write(path: string): void;
  remove(path: string): void;
  contact(field: Field): boolean;
  host(text: string): void;
  /** the program contacts a host aarm cannot name (`?`), or the host of a git remote given by name */
  unknownHost(remoteName?: string): void;
  network(): void;
  /** the program sends data out (an upload, a POST, a socket): exfiltration unless to loopback */
  sends(): void;
  risk(risk: RiskClass): void;
  unknown(reason: string): void;
  executes(what: string): void;
  /** run a command (argv) as a nested command, e.g. the command of a wrapper */
  run(argv: Field[], via: string): void;
  /** run a shell command string */
  runScript(text: string, via: string): void;
  /** code in another language */
  code(language: string, text: string): void;
  /** the program runs a file of code (shell commands unless a language is given) */
  runsFile(file: Field, language?: 'commands' | `code:${string}`): void;
  /** the program reads commands or code from standard input */
  runsStdin(language: 'commands' | `code:${string}`): void;
  setCwd(dir: Field | undefined): void;
  signal(target: string): void;
  /** a package fetched and run (`npm:cowsay`) */
  fetchesAndRuns(pkg: string): void;
  /** a file this command downloaded (`curl -o x.sh`), to catch running it later in the command */
  downloaded(path: string): void;
  /** someone else's code fetched into `tree` (`dir/**`) from `source` (`git clone URL`): running it later is remote code */
  fetched(tree: string, source: string): void;
  /** whether this command wrote or downloaded the file earlier (for modules loaded by inline code) */
  wasWritten(path: string): boolean;
  /** a file this program writes with this content (`tee x.sh` of its standard input) */
  written(path: string, content: Output | undefined): void;
  /** `cp`, `install`, `mv` of a file: a copy of a program runs as that program later in the command */
  copied(source: Field, destination: string): void;
  /** `ln -s target link`: later paths through the link reach the target (which is touched now) */
  linked(target: Field, link: string): void;
}

/** A model compiled for quick lookups. */
export interface CompiledCommand {
  spec: CommandSpec;
  /** option name (every alias) → its entry and canonical name */
  options: Map<string, { entry: OptionSpec; canonical: string }>;
  /** long options, for GNU-style unique prefixes (`--comp` for `--compress-program`) */
  longs: string[];
  /** whether some option runs, writes, deletes, loads or contacts: then an argument only known at
   * run time may be that option, and is not understood */
  dangerous: boolean;
  subcommands: Map<string, CompiledCommand> | undefined;
  fallback: CompiledCommand | undefined;
  /** the language of scripts, inherited by subcommands (`deno run -`) */
  inheritedStdin: 'commands' | `code:${string}` | undefined;
  operandRoles: { prefix: Role[]; repeat: Role | undefined; suffix: Role[] } | undefined;
}

const INERT_ROLES = new Set<string>(['value', 'read', 'read-tree', 'cwd']);

export function optionSpec(entry: OptionEntry): OptionSpec {
  if (typeof entry === 'string') return entry === 'flag' ? {} : { takes: entry };
  return entry;
}

export function compileCommand(spec: CommandSpec, inherited?: CompiledCommand): CompiledCommand {
  const options = new Map(inherited?.options ?? []);
  for (const [key, entry] of Object.entries(spec.options ?? {})) {
    const names = key.split('|');
    const canonical = names[0]!;
    for (const name of names) options.set(name, { entry: optionSpec(entry), canonical });
  }
  const longs = [...options.keys()].filter((n) => n.startsWith('--'));
  const dangerous = [...options.values()].some(
    ({ entry }) =>
      entry.risk !== undefined ||
      entry.unknown !== undefined ||
      entry.network === true ||
      (entry.takes !== undefined && !INERT_ROLES.has(entry.takes)),
  );
  const operandRoles = Array.isArray(spec.operands) ? parseRoles(spec.operands) : undefined;
  // A wrapper's options end where its command starts: `nice -n 5 rm -rf x` (rm's -rf are rm's).
  const wraps = operandRoles !== undefined && [...operandRoles.prefix, operandRoles.repeat].includes('argv');
  const compiled: CompiledCommand = {
    spec: wraps && spec.optionsFirst === undefined ? { ...spec, optionsFirst: true } : spec,
    options,
    longs,
    dangerous,
    subcommands: undefined,
    fallback: undefined,
    operandRoles,
    inheritedStdin: spec.effects?.stdin ?? inherited?.inheritedStdin,
  };
  if (spec.subcommands) {
    compiled.subcommands = new Map();
    for (const [key, sub] of Object.entries(spec.subcommands)) {
      const child = compileCommand(sub, compiled);
      if (key === '*') compiled.fallback = child;
      else for (const name of key.split('|')) compiled.subcommands.set(name, child);
    }
  }
  return compiled;
}

/** `['value', 'read...', 'write']` → prefix, repeated role, suffix. */
export function parseRoles(roles: readonly string[]): CompiledCommand['operandRoles'] {
  const prefix: Role[] = [];
  const suffix: Role[] = [];
  let repeat: Role | undefined;
  for (const role of roles) {
    if (role.endsWith('...')) repeat = role.slice(0, -3) as Role;
    else if (repeat === undefined) prefix.push(role as Role);
    else suffix.push(role as Role);
  }
  return { prefix, repeat, suffix };
}

/** The role of each operand, by position. */
export function assignRoles(roles: NonNullable<CompiledCommand['operandRoles']>, count: number): Role[] {
  const out: Role[] = [];
  const { prefix, repeat, suffix } = roles;
  const middle = Math.max(0, count - prefix.length - suffix.length);
  for (let i = 0; i < count; i++) {
    if (i < prefix.length) out.push(prefix[i]!);
    else if (i < prefix.length + middle) out.push(repeat ?? 'generic');
    else out.push(suffix[i - prefix.length - middle] ?? repeat ?? 'generic');
  }
  return out;
}

export function definePrograms(specs: ProgramSpec[]): ProgramSpec[] {
  return specs;
}
