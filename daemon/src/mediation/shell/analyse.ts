/**
 * Shell commands judged by what they do, not how they are spelled (AARM Action Mediation: resolve
 * meta-tools before policy sees the action). A command line is parsed with a real Bash parser and
 * decomposed into every simple command that will run — through pipelines, lists, subshells,
 * command and process substitution, here-docs, functions, `eval`, `bash -c`, and wrappers such as
 * `env`, `sudo`, `timeout`, `xargs` and `find -exec` — and each is run through a model of its
 * program to derive its effects: files read, written and deleted, hosts contacted, code executed,
 * and risk classes. Anything that cannot be fully understood is reported in `unknown`, so that
 * policy never allows it silently. Pure: no file system, no processes.
 */
import { posix } from 'node:path';
import { ownValue, type Effects } from '../../protocol/index.js';
import { isWithin } from '../../protocol/paths.js';
import { OP, nodeType, parseBash, walkNodes, type ShNode } from './parser.js';
import { normaliseHost } from './hosts.js';
import { PROGRAMS, WRAPPERS, type ProgramContext } from './programs.js';

export const RISK_CLASSES = [
  'destructive',
  'exfiltration',
  'download-and-execute',
  'persistence',
  'privilege-escalation',
  'history-rewrite',
] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

/** One simple command that will run, after wrappers are resolved. */
export interface ShellCommand {
  program: string;
  argv: string[];
  /** the wrappers it runs under, outermost first (`sudo`, `env`, `bash -c` …) */
  via: string[];
}

/** What a command line does, as far as it can be known before it runs (see protocol/effects.ts). */
export type ShellEffects = Omit<Effects, 'sensitive' | 'risks' | 'commands'> & {
  commands: ShellCommand[];
  risks: RiskClass[];
};

export interface AnalyseOptions {
  cwd: string;
  home: string;
  workspace?: string;
  /** nesting limit for `bash -c`, `eval` and substitutions */
  maxDepth?: number;
}

/** A word after expansion as far as it can be done statically. */
export interface Resolved {
  text: string;
  /** false when some part comes from a run-time expansion we cannot know */
  known: boolean;
  glob: boolean;
  /** effects of command/process substitutions inside the word (they run too) */
  inner: Scope | undefined;
}

/** Where effects are collected; nested scopes (substitutions, `bash -c`) merge into their parent. */
export class Scope {
  readonly commands: ShellCommand[] = [];
  readonly reads = new Set<string>();
  readonly writes = new Set<string>();
  readonly deletes = new Set<string>();
  readonly hosts = new Set<string>();
  readonly urls = new Set<string>();
  readonly executes = new Set<string>();
  readonly risks = new Set<RiskClass>();
  readonly unknown = new Set<string>();
  network = false;
  /** files a network download wrote, to catch `curl -o x.sh … && bash x.sh` */
  readonly downloaded = new Set<string>();

  merge(other: Scope): void {
    this.commands.push(...other.commands);
    for (const key of [
      'reads',
      'writes',
      'deletes',
      'hosts',
      'urls',
      'executes',
      'risks',
      'unknown',
      'downloaded',
    ] as const) {
      for (const value of other[key] as Set<string>) (this[key] as Set<string>).add(value);
    }
    this.network ||= other.network;
  }
}

export interface State {
  cwd: string | undefined;
  vars: Map<string, string | undefined>;
  functions: Set<string>;
  depth: number;
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'yash', 'busybox-sh', 'fish']);

export function analyseShell(command: string, options: AnalyseOptions): ShellEffects {
  const scope = new Scope();
  const analyser = new Analyser(options);
  analyser.script(command, scope, { cwd: options.cwd, vars: new Map(), functions: new Set(), depth: 0 }, []);
  // A file named only at run time, or a glob reaching into the home directory, could be anything.
  for (const [verb, paths] of [
    ['reads', scope.reads],
    ['writes', scope.writes],
    ['deletes', scope.deletes],
  ] as const) {
    for (const path of paths) {
      if (path.startsWith('?'))
        scope.unknown.add(`${verb} \`${path.slice(1)}\`, a path only known when the command runs`);
      else if (
        verb === 'reads' &&
        /[*?[]/.test(path.replace(/\/\*\*$/, '')) &&
        isWithin(path, options.home) &&
        !(options.workspace && isWithin(path, options.workspace))
      ) {
        scope.unknown.add(
          `reads \`${path}\`: a pattern in the home directory, whose matches are only known when the command runs`,
        );
      }
    }
  }
  const commands = scope.commands;
  return {
    commands,
    programs: [...new Set(commands.map((c) => c.program))],
    reads: [...scope.reads],
    writes: [...scope.writes],
    deletes: [...scope.deletes],
    hosts: [...scope.hosts],
    urls: [...scope.urls],
    network: scope.network,
    executes: [...scope.executes],
    risks: RISK_CLASSES.filter((r) => scope.risks.has(r)),
    unknown: [...scope.unknown],
  };
}

/** How a command's standard input is fed, for `curl … | sh` and `bash <<EOF`. */
export interface Stdin {
  /** text of a here-doc or here-string, when known */
  text?: string;
  /** an earlier pipeline stage used the network */
  fromNetwork?: boolean;
}

class Analyser {
  private readonly maxDepth: number;
  constructor(private readonly options: AnalyseOptions) {
    this.maxDepth = options.maxDepth ?? 8;
  }

  script(source: string, scope: Scope, state: State, via: string[]): void {
    if (state.depth > this.maxDepth) {
      scope.unknown.add(`commands nested more than ${this.maxDepth} levels deep`);
      return;
    }
    const parsed = parseBash(source);
    if (!parsed.ok) {
      scope.unknown.add(`the command does not parse as Bash: ${parsed.error}`);
      return;
    }
    this.stmts(list(parsed.file.Stmts), scope, state, via);
  }

  private stmts(stmts: ShNode[], scope: Scope, state: State, via: string[], stdin?: Stdin): void {
    for (const stmt of stmts) this.stmt(stmt, scope, state, via, stdin);
  }

  private stmt(stmt: ShNode, scope: Scope, state: State, via: string[], stdin?: Stdin): void {
    const redirected = this.redirects(list(stmt.Redirs), scope, state);
    const input = redirected.stdin ?? stdin;
    const cmd = stmt.Cmd as ShNode | null;
    if (cmd === null || cmd === undefined) return;
    const local = scope;
    switch (nodeType(cmd)) {
      case 'CallExpr':
        this.call(cmd, local, state, via, input, redirected.stdoutTo);
        return;
      case 'BinaryCmd': {
        const op = cmd.Op as number;
        if (op === OP.pipe || op === OP.pipeAll) {
          // Each stage runs in a subshell; what the left side produces is the right side's input.
          const left = new Scope();
          this.stmt(cmd.X as ShNode, left, { ...state, vars: new Map(state.vars) }, via, input);
          local.merge(left);
          this.stmt(cmd.Y as ShNode, local, { ...state, vars: new Map(state.vars) }, via, {
            fromNetwork: left.network,
          });
        } else {
          this.stmt(cmd.X as ShNode, local, state, via, input);
          this.stmt(cmd.Y as ShNode, local, state, via, input);
        }
        return;
      }
      case 'Subshell':
        this.stmts(list(cmd.Stmts), local, { ...state, vars: new Map(state.vars) }, via, input);
        return;
      case 'Block':
        this.stmts(list(cmd.Stmts), local, state, via, input);
        return;
      case 'IfClause': {
        let clause: ShNode | null = cmd;
        while (clause) {
          this.stmts(list(clause.Cond), local, state, via);
          this.stmts(list(clause.Then), local, state, via);
          clause = (clause.Else as ShNode | null) ?? null;
        }
        return;
      }
      case 'WhileClause':
        this.stmts(list(cmd.Cond), local, state, via);
        this.stmts(list(cmd.Do), local, state, via);
        return;
      case 'ForClause': {
        const loop = cmd.Loop as ShNode;
        if (nodeType(loop) === 'WordIter') {
          const items = list(loop.Items).map((w) => this.word(w, local, state));
          const name = (loop.Name as { Value: string }).Value;
          const single =
            items.length === 1 && items[0]!.known && !items[0]!.glob ? items[0]!.text : undefined;
          state.vars.set(name, single);
        } else {
          this.nested(loop, local, state);
        }
        this.stmts(list(cmd.Do), local, state, via);
        return;
      }
      case 'CaseClause':
        this.word(cmd.Word as ShNode, local, state);
        for (const item of list(cmd.Items)) this.stmts(list(item.Stmts), local, state, via);
        return;
      case 'FuncDecl': {
        // The body runs whenever the function is called, from wherever it is called: judge it as if
        // it runs, in a working directory we cannot know.
        state.functions.add((cmd.Name as { Value: string }).Value);
        this.stmt(cmd.Body as ShNode, local, { ...state, cwd: undefined, vars: new Map(state.vars) }, via);
        return;
      }
      case 'DeclClause': {
        const variant = (cmd.Variant as { Value: string }).Value;
        for (const assign of list(cmd.Args)) this.assign(assign, local, state);
        local.commands.push({ program: variant, argv: [variant], via });
        return;
      }
      case 'TimeClause':
      case 'CoprocClause':
        if (cmd.Stmt) this.stmt(cmd.Stmt as ShNode, local, state, via, input);
        return;
      case 'TestClause':
      case 'ArithmCmd':
      case 'LetClause':
        this.nested(cmd, local, state);
        return;
      default:
        local.unknown.add(`unsupported shell construct \`${nodeType(cmd)}\``);
    }
  }

  /** Substitutions hidden inside a node we do not model (arithmetic, `[[ ]]`): they still run. */
  private nested(node: ShNode, scope: Scope, state: State): void {
    walkNodes(node, (n) => {
      const type = nodeType(n);
      if (type === 'CmdSubst' || type === 'ProcSubst') {
        this.stmts(list(n.Stmts), scope, { ...state, depth: state.depth + 1 }, []);
        return false;
      }
      return true;
    });
  }

  private assign(assign: ShNode, scope: Scope, state: State): void {
    const name = (assign.Name as { Value: string } | null)?.Value;
    if (!name) return;
    if (assign.Value) {
      const value = this.word(assign.Value as ShNode, scope, state);
      checkHijackingVariable(name, value, scope);
      state.vars.set(name, value.known && !value.glob ? value.text : undefined);
    } else if (assign.Array) {
      this.nested(assign.Array as ShNode, scope, state);
      state.vars.set(name, undefined);
    } else if (!assign.Naked) {
      state.vars.set(name, '');
    }
  }

  private call(
    cmd: ShNode,
    scope: Scope,
    state: State,
    via: string[],
    stdin: Stdin | undefined,
    stdoutTo: string | undefined,
  ): void {
    const args = list(cmd.Args);
    if (args.length === 0) {
      for (const assign of list(cmd.Assigns)) this.assign(assign, scope, state);
      return;
    }
    // `NAME=value cmd`: the assignment is in the command's environment only.
    const env = new Map(state.vars);
    for (const assign of list(cmd.Assigns)) this.assign(assign, scope, { ...state, vars: env });
    const words = args.map((w) => this.word(w, scope, { ...state, vars: env }));
    this.command(words, scope, state, via, stdin, stdoutTo);
  }

  /** Run one resolved argv: resolve wrappers, then apply the program's model. */
  command(
    words: Resolved[],
    scope: Scope,
    state: State,
    via: string[],
    stdin?: Stdin,
    stdoutTo?: string,
  ): void {
    const first = words[0];
    if (first === undefined) return;
    if (!first.known) {
      scope.commands.push({ program: '?', argv: words.map((w) => w.text), via });
      scope.unknown.add(`the program name \`${first.text}\` is only known when the command runs`);
      return;
    }
    const spelled = first.text;
    const program = programName(spelled);
    const argv = [program, ...words.slice(1).map((w) => w.text)];
    scope.commands.push({ program, argv, via });
    if (spelled.includes('/')) scope.executes.add(this.path(spelled, state));
    // INVARIANT: a function named like a program is judged as that program too; the function may be
    // gone (`unset -f`, a subshell) by the time the name runs.

    const ctx = this.context(words, scope, state, via, stdin, stdoutTo);
    const wrapper = ownValue(WRAPPERS, program);
    if (wrapper) {
      const cwd = state.cwd;
      wrapper(ctx);
      // Only cd, pushd and popd move the shell itself; `env -C dir cmd` moves just cmd.
      if (!['cd', 'pushd', 'popd'].includes(program)) state.cwd = cwd;
      return;
    }
    if (SHELLS.has(program)) {
      this.shell(ctx);
      return;
    }
    // `python3.12` and `pip3.11` share their family's model.
    const model = ownValue(PROGRAMS, program) ?? ownValue(PROGRAMS, program.replace(/[\d.]+$/, ''));
    // `git -C dir`, `make -C dir` move only their own working directory.
    const cwd = state.cwd;
    model?.(ctx);
    state.cwd = cwd;
  }

  private shell(ctx: ProgramContext): void {
    const { args, scope, state } = ctx;
    let i = 0;
    let commandString: Resolved | undefined;
    let readsStdin = true;
    while (i < args.length) {
      const arg = args[i]!;
      if (arg.text === '--' || arg.text === '-') {
        i++;
        break;
      }
      if (/^[-+][a-zA-Z]+$/.test(arg.text)) {
        if (arg.text.startsWith('-') && arg.text.includes('c')) {
          commandString = args[i + 1];
          i += 2;
          readsStdin = false;
          break;
        }
        if (/^-[a-zA-Z]*[oO]$/.test(arg.text)) i++; // `-o option` takes a value
        i++;
        continue;
      }
      if (arg.text.startsWith('--')) {
        i++;
        continue;
      }
      break;
    }
    const via = [...ctx.via, ctx.program];
    if (commandString !== undefined) {
      if (!commandString.known) {
        scope.unknown.add(`\`${ctx.program} -c\` runs a string that is only known when the command runs`);
        if (commandString.inner?.network) scope.risks.add('download-and-execute');
        return;
      }
      this.script(
        commandString.text,
        scope,
        { ...state, vars: new Map(state.vars), depth: state.depth + 1 },
        via,
      );
      return;
    }
    const scriptFile = args[i];
    if (scriptFile !== undefined && readsStdin) {
      this.runsFile(scriptFile, ctx);
      return;
    }
    this.runsStdin(ctx, (text) =>
      this.script(text, scope, { ...state, vars: new Map(state.vars), depth: state.depth + 1 }, via),
    );
  }

  /** A shell or interpreter runs code from a file argument. */
  runsFile(file: Resolved, ctx: ProgramContext): void {
    const { scope } = ctx;
    if (file.inner?.network) scope.risks.add('download-and-execute');
    if (!file.known) {
      scope.unknown.add(`\`${ctx.program}\` runs a file whose name is only known when the command runs`);
      return;
    }
    const path = this.path(file.text, ctx.state);
    scope.executes.add(path);
    scope.reads.add(path);
    if (scope.downloaded.has(path) || scope.downloaded.has('?downloaded'))
      scope.risks.add('download-and-execute');
  }

  /** A shell or interpreter runs code from its standard input. */
  runsStdin(ctx: ProgramContext, analyseText?: (text: string) => void): void {
    const { scope, stdin } = ctx;
    if (stdin?.fromNetwork) {
      scope.risks.add('download-and-execute');
      scope.unknown.add(`\`${ctx.program}\` runs code downloaded from the network`);
    } else if (stdin?.text !== undefined) {
      if (analyseText) analyseText(stdin.text);
      else ctx.inlineCode(stdin.text);
    } else if (stdin !== undefined) {
      scope.unknown.add(
        `\`${ctx.program}\` runs code from its standard input, which is only known when the command runs`,
      );
    }
  }

  private context(
    words: Resolved[],
    scope: Scope,
    state: State,
    via: string[],
    stdin: Stdin | undefined,
    stdoutTo: string | undefined,
  ): ProgramContext {
    const program = programName(words[0]!.text);
    const ctx: ProgramContext = {
      program,
      args: words.slice(1),
      scope,
      state,
      via,
      stdin,
      stdoutTo,
      home: this.options.home,
      path: (text) => this.path(text, state),
      run: (argv, viaName, nestedStdin) =>
        this.command(
          argv,
          scope,
          { ...state, depth: state.depth + 1 },
          [...via, viaName],
          nestedStdin ?? stdin,
        ),
      runScript: (text, viaName) =>
        this.script(text, scope, { ...state, vars: new Map(state.vars), depth: state.depth + 1 }, [
          ...via,
          viaName,
        ]),
      runsFile: (file) => this.runsFile(file, ctx),
      runsStdin: (analyseText) => this.runsStdin(ctx, analyseText),
      inlineCode: (code, language = program) => inlineCode(code, language, scope),
      setCwd: (dir) => {
        state.cwd = dir === undefined ? undefined : this.path(dir, state);
      },
    };
    return ctx;
  }

  /** Resolve a path argument against the current directory and home; unknown parts keep a `?`. */
  path(text: string, state: State): string {
    let value = text;
    if (value === '~' || value.startsWith('~/')) value = homeOf(state, this.options.home) + value.slice(1);
    if (value.startsWith('?')) return value;
    if (!value.startsWith('/')) {
      if (state.cwd === undefined) return `?/${value}`;
      value = posix.join(state.cwd, value);
    }
    const normal = posix.normalize(value);
    return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
  }

  private redirects(redirs: ShNode[], scope: Scope, state: State): { stdin?: Stdin; stdoutTo?: string } {
    const result: { stdin?: Stdin; stdoutTo?: string } = {};
    for (const r of redirs) {
      const op = r.Op as number;
      if (op === OP.hdoc || op === OP.dashHdoc) {
        const body = r.Hdoc
          ? this.word(r.Hdoc as ShNode, scope, state)
          : { text: '', known: true, glob: false, inner: undefined };
        result.stdin = body.known ? { text: body.text } : {};
        continue;
      }
      const target = this.word(r.Word as ShNode, scope, state);
      if (op === OP.wordHdoc) {
        result.stdin = target.known ? { text: `${target.text}\n` } : {};
        continue;
      }
      if ((op === OP.dplIn || op === OP.dplOut) && /^(\d+|-)$/.test(target.text)) continue;
      const path = target.known ? this.path(target.text, state) : `?${target.text}`;
      if (path === '/dev/null' || /^\/dev\/(stdout|stderr|stdin|fd\/\d+|tty)$/.test(path)) continue;
      const tcp = /^\/dev\/(tcp|udp)\/([^/]+)\/(\d+)$/.exec(path);
      if (tcp) {
        scope.network = true;
        scope.hosts.add(normaliseHost(tcp[2]!));
        scope.risks.add('exfiltration');
        continue;
      }
      if (op === OP.rdrIn) {
        scope.reads.add(path);
        result.stdin = {};
      } else if (op === OP.rdrInOut) {
        scope.reads.add(path);
        scope.writes.add(path);
      } else {
        scope.writes.add(path);
        if (
          op === OP.rdrOut ||
          op === OP.clbOut ||
          op === OP.appOut ||
          op === OP.rdrAll ||
          op === OP.appAll ||
          op === OP.dplOut
        ) {
          if (r.N === null || r.N === undefined || (r.N as { Value: string }).Value === '1')
            result.stdoutTo = path;
        }
      }
    }
    return result;
  }

  /** Expand a word statically. Substitutions inside it are analysed as commands that run. */
  word(word: ShNode | null | undefined, scope: Scope, state: State): Resolved {
    const out: Resolved = { text: '', known: true, glob: false, inner: undefined };
    if (!word) return out;
    const parts = list(word.Parts);
    parts.forEach((part, index) => this.part(part, out, scope, state, index === 0, false));
    return out;
  }

  private part(
    part: ShNode,
    out: Resolved,
    scope: Scope,
    state: State,
    first: boolean,
    quoted: boolean,
  ): void {
    switch (nodeType(part)) {
      case 'Lit': {
        let value = part.Value as string;
        if (!quoted) {
          if (first && (value === '~' || value.startsWith('~/')))
            value = homeOf(state, this.options.home) + value.slice(1);
          else if (first && /^~[\w.-]+/.test(value)) {
            out.known = false;
          }
          if (/[*?[]/.test(value.replace(/\\./g, ''))) out.glob = true;
          value = value.replace(/\\\n/g, '').replace(/\\(.)/g, '$1');
        } else {
          value = value.replace(/\\\n/g, '').replace(/\\([$`"\\])/g, '$1');
        }
        out.text += value;
        return;
      }
      case 'SglQuoted':
        out.text += part.Dollar ? decodeAnsiC(part.Value as string) : (part.Value as string);
        return;
      case 'DblQuoted':
        for (const inner of list(part.Parts)) this.part(inner, out, scope, state, false, true);
        return;
      case 'ParamExp': {
        const name = (part.Param as { Value: string } | null)?.Value ?? '';
        const simple =
          !part.Excl &&
          !part.Length &&
          !part.Width &&
          !part.Index &&
          !part.Slice &&
          !part.Repl &&
          !part.Names;
        let value: string | undefined;
        if (simple) {
          if (name === 'HOME') value = homeOf(state, this.options.home);
          else if (name === 'PWD') value = state.cwd;
          else if (state.vars.has(name)) value = state.vars.get(name);
        }
        const exp = part.Exp as ShNode | null;
        if (exp) {
          const fallback = this.word(exp.Word as ShNode, scope, state);
          if (value === undefined || value === '') {
            value = fallback.known ? fallback.text : undefined;
            if (fallback.inner) out.inner = mergeInto(out.inner, fallback.inner);
          }
        }
        if (value === undefined) {
          out.known = false;
          out.text += `\${${name}}`;
        } else out.text += value;
        return;
      }
      case 'CmdSubst':
      case 'ProcSubst': {
        const inner = new Scope();
        this.stmts(
          list(part.Stmts),
          inner,
          { ...state, vars: new Map(state.vars), depth: state.depth + 1 },
          [],
        );
        scope.merge(inner);
        out.inner = mergeInto(out.inner, inner);
        if (nodeType(part) === 'ProcSubst') out.text += '/dev/fd/63';
        else {
          out.known = false;
          out.text += '$(…)';
        }
        return;
      }
      case 'ArithmExp': {
        const inner = new Scope();
        this.nested(part, inner, state);
        scope.merge(inner);
        out.known = false;
        out.text += '$((…))';
        return;
      }
      case 'ExtGlob':
        out.glob = true;
        out.text += `${String((part.Op as number) ?? '')}(${(part.Pattern as { Value: string }).Value})`;
        return;
      default:
        out.known = false;
        out.text += `?${nodeType(part)}`;
    }
  }
}

/** Variables that make later commands run other programs or load other code. */
const HIJACKING_VARIABLES =
  /^(LD_PRELOAD|LD_LIBRARY_PATH|LD_AUDIT|DYLD_\w+|BASH_ENV|ENV|PROMPT_COMMAND|PS4|SHELLOPTS|BASHOPTS|IFS|NODE_OPTIONS|NODE_PATH|PYTHONSTARTUP|PYTHONPATH|PYTHONHOME|PERL5OPT|PERL5LIB|PERLLIB|RUBYOPT|RUBYLIB|GIT_SSH|GIT_SSH_COMMAND|GIT_EXTERNAL_DIFF|GIT_PAGER|GIT_EDITOR|GIT_ASKPASS|GIT_EXEC_PATH|GIT_CONFIG_\w+|GIT_PROXY_COMMAND|SSH_ASKPASS|PAGER|MANPAGER|EDITOR|VISUAL|LESSOPEN|LESSCLOSE|BROWSER|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|CARGO_\w*RUNNER|RUSTC_WRAPPER|RUSTC|CC|CXX|MAKEFLAGS|npm_config_script_shell)$/;

function checkHijackingVariable(name: string, value: Resolved, scope: Scope): void {
  if (name === 'PATH') {
    // Appending (`PATH=$PATH:…`) keeps the system's programs first; anything else can replace them.
    if (!value.text.startsWith('${PATH}'))
      scope.unknown.add(`\`PATH=${value.text}\` changes which programs run`);
    return;
  }
  if (HIJACKING_VARIABLES.test(name))
    scope.unknown.add(`\`${name}=\` changes which programs or code later commands run`);
}

/** `HOME` as the command sees it: reassigned in the command (`HOME=/x; cd ~`), or the user's. */
function homeOf(state: State, home: string): string {
  if (!state.vars.has('HOME')) return home;
  return state.vars.get('HOME') ?? '?HOME';
}

function mergeInto(target: Scope | undefined, source: Scope): Scope {
  const scope = target ?? new Scope();
  scope.merge(source);
  return scope;
}

function list(value: unknown): ShNode[] {
  return Array.isArray(value) ? (value as ShNode[]) : [];
}

/** `/usr/bin/rm`, `./rm` → `rm`; `python3.12` stays (models match it by prefix). */
export function programName(spelled: string): string {
  const base = spelled.includes('/') ? posix.basename(spelled) : spelled;
  return base;
}

/** Bash's $'…' escapes. */
export function decodeAnsiC(value: string): string {
  return value.replace(
    /\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/g,
    (_m, esc: string) => {
      const kind = esc[0]!;
      if (kind === 'x' || kind === 'u' || kind === 'U') {
        const code = parseInt(esc.slice(1), 16);
        // An invalid code point must not stop the analysis (Bash prints a replacement too).
        return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
      }
      if (/[0-7]/.test(kind)) return String.fromCharCode(parseInt(esc, 8));
      if (kind === 'c') return String.fromCharCode(esc.charCodeAt(1) & 31);
      const simple: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        a: '\x07',
        b: '\b',
        e: '\x1b',
        E: '\x1b',
        f: '\f',
        v: '\v',
        '\\': '\\',
        "'": "'",
        '"': '"',
        '?': '?',
      };
      return simple[kind] ?? `\\${kind}`;
    },
  );
}

/**
 * Inline code for an interpreter (`python -c`, `node -e`, `perl -e` …). We do not parse other
 * languages; we look for what would make the code's effects invisible to us — running commands,
 * using the network, writing or deleting files — and report it as not understood.
 */
export function inlineCode(code: string, program: string, scope: Scope): void {
  const language = program.replace(/[\d.]+$/, '');
  scope.executes.add(`inline:${language}`);
  const checks: Array<[RegExp, string]> = [
    [
      /\b(os\.system|os\.popen|os\.exec\w*|subprocess|pty\.spawn|commands\.getoutput|child_process|execSync|spawnSync|exec\s*\(|system\s*\(|popen|`[^`]*`|qx[{(/]|Deno\.run|Deno\.Command|Bun\.spawn|\bIO\.popen|Kernel\.exec|shell_exec|passthru|proc_open|eval\s*\(|__import__)/,
      'runs other commands',
    ],
    [
      /\b(urllib|requests\.|http\.client|httpx|socket|fetch\s*\(|https?\.(get|request)|XMLHttpRequest|Net::HTTP|LWP|IO::Socket|curl_|net\.connect|WebSocket|ftplib|smtplib)\b/,
      'uses the network',
    ],
    [
      /\b(open\s*\([^)]*['"][wax+]|write_text|write_bytes|writeFile|appendFile|createWriteStream|unlink|rmtree|rmdir|remove\s*\(|os\.rename|shutil\.(move|copy)|fs\.(rm|rename|copy|write)|File\.(write|delete)|FileUtils|truncate)\b/,
      'writes or deletes files',
    ],
  ];
  for (const [pattern, what] of checks) {
    if (pattern.test(code))
      scope.unknown.add(`inline ${language} code ${what}, which cannot be judged from outside`);
  }
}
