/**
 * Shell commands judged by what they do, not how they are spelled (AARM Action Mediation: resolve
 * meta-tools before policy sees the action). A command line is parsed with a real Bash parser and
 * walked as Bash would run it — lists, pipelines, subshells, substitutions, here-docs, functions,
 * `eval`, `bash -c`, wrappers — with every word expanded as Bash would (expand.ts). Each simple
 * command is judged through its program's model (programs/, model.ts) or, for programs aarm does
 * not model, by the shape of its arguments (generic.ts). Pure: no file system, no processes.
 *
 * INVARIANT: no path through the analysis ends in "harmless" because something was skipped:
 * whatever cannot be judged exactly is reported in `unknown`, so that policy never allows it
 * silently. Reads of paths only known at run time by programs that only read are the one
 * exception: they are kept as `?…` reads, which policy and the session judge (not as unknown).
 */
import { posix } from 'node:path';
import type { Effects } from '../../protocol/index.js';
import { SECRET_VARIABLE } from '../paths.js';
import { HIJACKING_VARIABLES } from './variables.js';
import { UNKNOWN_HOST, normaliseHost, parseUrlArgument } from './hosts.js';
import { globMatch } from '../../protocol/glob.js';
import { OP, nodeType, parseBash, syntaxTokens, walkNodes, type ShNode } from './parser.js';
import { ARITHMETIC_TESTS } from './operators.js';
import {
  evalArith,
  numericWord,
  expandString,
  expandWord,
  list,
  toInt,
  TooLarge,
  type Expander,
  type Field,
  type Output,
} from './expand.js';
import { newState, resolvePath, subshell, type State } from './state.js';
import { Scope, RISK_CLASSES, type RiskClass, type ShellCommand } from './scope.js';
import { createModelContext, exfiltrationStands, isPseudoFile, runCommand } from './run.js';

export { RISK_CLASSES, Scope, type RiskClass, type ShellCommand };
export type { Field, Output, State };

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
  /** analysis steps allowed (DEFAULT_BUDGET); past it: "too large to analyse" */
  budget?: number;
}

/** Longer command lines are not parsed at all: a step up, "too large to analyse". */
export const MAX_COMMAND_BYTES = 256 * 1024;
/**
 * Words, quotes, operators, expansions and pattern characters parsed for one command line, nested
 * scripts (`bash -c`, `eval`) included; past it the rest is not parsed: "too large to analyse". The
 * parser spends a few microseconds on each (a quarter megabyte of `a;` took a second): this keeps
 * any command line's parsing to tens of milliseconds, while everyday commands have tens (the
 * largest script in the corpora, 250).
 */
export const MAX_SYNTAX_TOKENS = 10_000;
/**
 * Simple commands judged for one command line (functions judged at each call, `bash -c`, `eval`,
 * wrappers and loops included); past it: "too large to analyse". Each costs tens of microseconds;
 * the largest everyday command in the corpora runs 12.
 */
export const MAX_SIMPLE_COMMANDS = 1_000;
/**
 * Analysis steps for one command line: one per statement, simple command, word and expansion, per
 * 16 characters of expanded text and per pattern match tried; past it: "too large to analyse".
 * Everyday commands take fewer than 300 (a brace sequence of 200 numbers, under 3,000).
 */
export const DEFAULT_BUDGET = 20_000;

export function analyseShell(command: string, options: AnalyseOptions): ShellEffects {
  const scope = new Scope(options.budget ?? DEFAULT_BUDGET);
  const bytes = Buffer.byteLength(command);
  if (bytes > MAX_COMMAND_BYTES) {
    scope.notUnderstood(
      `the command is too large to analyse (${bytes} bytes; the limit is ${MAX_COMMAND_BYTES})`,
    );
  } else {
    const analyser = new Analyser(options, scope);
    try {
      analyser.script(command, newState(options.cwd), []);
      // A function never called may still run (`trap`, an exported function in a child shell):
      // its body is judged as if it runs, in a directory we cannot know.
      for (const { fn, state, via } of analyser.defined) {
        if (fn.called) continue;
        fn.called = true;
        analyser.stmts([fn.body], { ...subshell(state), cwd: undefined, depth: state.depth + 1 }, via);
      }
      analyser.substitutionsNotYetSeen();
    } catch (error) {
      if (!(error instanceof TooLarge)) throw error;
      scope.notUnderstood(`the command is too large to analyse: ${error.message}`);
    }
  }
  return finish(scope);
}

function finish(scope: Scope): ShellEffects {
  for (const [verb, paths] of [
    ['writes', scope.writes],
    ['deletes', scope.deletes],
    ['reads', scope.reads],
  ] as const) {
    for (const path of paths) {
      if (path.startsWith('?'))
        scope.unknown.add(`${verb} \`${path.slice(1)}\`, a path only known when the command runs`);
    }
  }
  // Traffic that never leaves the machine (a local dev server, `nc localhost`) is not exfiltration.
  if (scope.risks.has('exfiltration') && !exfiltrationStands(scope.hosts)) scope.risks.delete('exfiltration');
  // A pattern that matches nearly any name (`?*`, `[!.]*`, `[a-z]*`) deletes a folder's contents
  // as `*` does: judged as that too.
  for (const path of [...scope.deletes]) {
    const base = path.replace(/\/\*\*$/, '');
    const slash = base.lastIndexOf('/');
    const last = base.slice(slash + 1);
    if (slash < 0 || !/[*?[]/.test(last) || /[*?[]/.test(base.slice(0, slash))) continue;
    const matched = COMMON_NAMES.filter((name) => globMatch(name, last, { dotRule: true })).length;
    if (matched * 2 >= COMMON_NAMES.length) {
      const dir = base.slice(0, slash) || '';
      scope.deletes.add(`${dir}/*`);
      scope.deletes.add(`${dir}/**`);
    }
  }
  // `shopt -s dotglob`: `*` matches dot files too (`rm -rf *` reaches `.aarm`).
  if (scope.dotglob)
    for (const set of [scope.reads, scope.writes, scope.deletes])
      for (const path of [...set]) if (/\/[*?[]/.test(path)) set.add(path.replace(/\/(?=[*?[])/g, '/.'));
  const commands = scope.commands;
  return {
    commands,
    programs: [...new Set(commands.map((c) => c.program))],
    // Files named only at run time, read by programs that only read (see the INVARIANT above).
    reads: [...scope.reads, ...[...scope.unnamedReads].map((r) => `?${r}`)],
    writes: [...scope.writes],
    deletes: [...scope.deletes],
    hosts: [...scope.hosts],
    urls: [...scope.urls],
    network: scope.network,
    executes: [...scope.executes],
    risks: RISK_CLASSES.filter((r) => scope.risks.has(r)),
    unknown: [...scope.unknown],
    signals: [...scope.signals],
    packages: [...scope.packages],
  };
}

/** Names found at the top of projects and folders, to tell a pattern that matches nearly anything. */
const COMMON_NAMES = [
  'src',
  'lib',
  'test',
  'docs',
  'app',
  'bin',
  'a',
  'x',
  'Z',
  '1',
  'package.json',
  'README.md',
  'Makefile',
  'main.go',
  'setup.py',
  'node_modules',
  'Cargo.toml',
];

/** How a command's standard input is fed. */
export interface Stdin {
  /** what the previous pipeline stage, a here-doc or a redirected file provides */
  output: Output;
  /** an earlier pipeline stage used the network (`curl … | sh`) */
  fromNetwork: boolean;
}

export class Analyser implements Expander {
  readonly home: string;
  readonly maxDepth: number;
  /** functions defined, to judge the ones never called once the script is done */
  readonly defined: Array<{ fn: { body: ShNode; called: boolean }; state: State; via: string[] }> = [];
  /** every script parsed (the command, and nested `bash -c`, `eval` …), for substitutionsNotYetSeen */
  readonly parsed: Array<{ file: ShNode; state: State }> = [];
  readonly substituted = new WeakSet<object>();
  /** words, operators and expansions parsed so far (MAX_SYNTAX_TOKENS) */
  private tokens = 0;
  /** simple commands judged so far (MAX_SIMPLE_COMMANDS) */
  private simpleCommands = 0;

  constructor(
    readonly options: AnalyseOptions,
    readonly scope: Scope,
  ) {
    this.home = options.home;
    this.maxDepth = options.maxDepth ?? 8;
  }

  step(cost = 1): void {
    this.scope.budget -= cost;
    if (this.scope.budget < 0)
      throw new TooLarge(
        `it takes more than ${(this.options.budget ?? DEFAULT_BUDGET).toLocaleString('en')} steps (words, commands and expansions)`,
      );
  }

  script(source: string, state: State, via: string[], stdin?: Stdin): Output {
    if (state.depth > this.maxDepth) {
      this.scope.notUnderstood(`commands nested more than ${this.maxDepth} levels deep`);
      return UNKNOWN;
    }
    this.tokens += syntaxTokens(source, MAX_SYNTAX_TOKENS - this.tokens);
    if (this.tokens > MAX_SYNTAX_TOKENS)
      throw new TooLarge(
        `it has more than ${MAX_SYNTAX_TOKENS.toLocaleString('en')} words, operators and expansions`,
      );
    const parsed = parseBash(source);
    if (!parsed.ok) {
      this.scope.notUnderstood(`the command does not parse as Bash: ${parsed.error}`);
      return UNKNOWN;
    }
    // Only scripts that hold a substitution need the walk at the end.
    if (/\$\(|`|[<>]\(/.test(source)) this.parsed.push({ file: parsed.file, state });
    return this.stmts(list(parsed.file.Stmts), state, via, stdin);
  }

  /**
   * INVARIANT: every `$(…)`, `` `…` `` and `<(…)` in the command is analysed. Those in places the
   * analysis does not evaluate (`${X:-$(…)}` with X from the environment, array subscripts,
   * `case` patterns …) are analysed here, once the script is done, as commands that may run.
   */
  substitutionsNotYetSeen(): void {
    for (let i = 0; i < this.parsed.length; i++) {
      const { file, state } = this.parsed[i]!;
      walkNodes(file, (n) => {
        const type = nodeType(n);
        if ((type === 'CmdSubst' || type === 'ProcSubst') && !this.substituted.has(n.Stmts as object)) {
          this.substitute(list(n.Stmts), { ...subshell(state), depth: state.depth + 1 });
        }
        // `${x:-<(cmd)}`: the parser leaves a process substitution there as text; Bash runs it.
        if (type === 'Lit' && /[<>]\(/.test(n.Value as string))
          this.hiddenCode(n.Value as string, state, 'an expansion');
        return true;
      });
    }
  }

  /**
   * Text that Bash evaluates as arithmetic or as a variable name (`(( x ))` with x='a[$(…)]',
   * `printf -v 'a[$(…)]'`, `${x@P}`): the substitutions in it run. Judged as the word it is.
   */
  hiddenCode(text: string, state: State, where: string): void {
    if (!/\$\(|`|<\(|>\(/.test(text)) return;
    const parsed = parseBash(`: ${text}`);
    if (!parsed.ok) {
      this.scope.notUnderstood(`${where} evaluates \`${text}\`, which holds a command that aarm cannot read`);
      return;
    }
    walkNodes(parsed.file, (n) => {
      const type = nodeType(n);
      if (type === 'CmdSubst' || type === 'ProcSubst') {
        this.substitute(list(n.Stmts), { ...subshell(state), depth: state.depth + 1 });
        return false;
      }
      return true;
    });
  }

  otherShell(what: string): void {
    this.scope.notUnderstood(`${what}, read here as Bash`);
  }

  unknownArithmetic(what: string): void {
    this.scope.notUnderstood(
      `arithmetic over ${what}, a value only known when the command runs: Bash evaluates it as an expression, and a subscript in it (\`a[$(…)]\`) runs commands`,
    );
  }

  environment(name: string): void {
    if (SECRET_VARIABLE.test(name)) this.scope.reads.add(`env:${name}`);
  }

  /** Commands run by this very shell (`eval`, `source`): their assignments and `cd` hold after. */
  current(text: string, state: State, via: string[]): Output {
    const inner: State = { ...state, depth: state.depth + 1 };
    const output = this.script(text, inner, via);
    state.cwd = inner.cwd;
    return output;
  }

  substitute(stmts: ShNode[], state: State): { output: Output; network: boolean } {
    this.substituted.add(stmts);
    const before = this.scope.networkUses;
    const inner = { ...subshell(state), depth: state.depth + 1 };
    const output =
      inner.depth > this.maxDepth ? (this.tooDeep(), UNKNOWN) : this.stmts(stmts, inner, [], undefined);
    return { output, network: this.scope.networkUses > before };
  }

  nested(node: ShNode, state: State): void {
    walkNodes(node, (n) => {
      const type = nodeType(n);
      if (type === 'CmdSubst' || type === 'ProcSubst') {
        this.substitute(list(n.Stmts), state);
        return false;
      }
      return true;
    });
  }

  /** One more simple command judged: past MAX_SIMPLE_COMMANDS, too large to analyse. */
  private simpleCommand(): void {
    if (++this.simpleCommands > MAX_SIMPLE_COMMANDS)
      throw new TooLarge(`it runs more than ${MAX_SIMPLE_COMMANDS.toLocaleString('en')} simple commands`);
  }

  private tooDeep(): void {
    this.scope.notUnderstood(`commands nested more than ${this.maxDepth} levels deep`);
  }

  stmts(stmts: ShNode[], state: State, via: string[], stdin?: Stdin): Output {
    let output: Output = { kind: 'text', text: '' };
    for (const stmt of stmts) {
      const out = this.stmt(stmt, state, via, stdin);
      output = concat(output, out);
    }
    return output;
  }

  private stmt(stmt: ShNode, state: State, via: string[], stdin?: Stdin): Output {
    this.step();
    const redirected = this.redirects(list(stmt.Redirs), state);
    const input = redirected.stdin ?? stdin;
    const cmd = stmt.Cmd as ShNode | null;
    const before = this.scope.networkUses;
    let output: Output = { kind: 'text', text: '' };
    if (cmd) output = this.cmd(cmd, state, via, input, redirected.stdoutTo);
    // `$(< file)` is the file's content.
    else if (redirected.stdin)
      output = redirected.stdin.output.kind === 'text' ? redirected.stdin.output : UNKNOWN;
    // What was written to files by `>` is known for later parts of the command (write-then-run).
    const fromNetwork = this.scope.networkUses > before;
    for (const target of redirected.outputs) {
      const previous = state.disk.files.get(target.path);
      const text =
        output.kind !== 'text'
          ? undefined
          : target.append
            ? previous?.text === undefined
              ? undefined
              : previous.text + output.text
            : output.text;
      state.disk.files.set(target.path, { text, fromNetwork });
      if (fromNetwork) this.scope.downloaded.add(target.path);
    }
    return redirected.stdoutTo !== undefined ? { kind: 'text', text: '' } : output;
  }

  private cmd(
    cmd: ShNode,
    state: State,
    via: string[],
    stdin: Stdin | undefined,
    stdoutTo: string | undefined,
  ): Output {
    switch (nodeType(cmd)) {
      case 'CallExpr':
        return this.call(cmd, state, via, stdin, stdoutTo);
      case 'BinaryCmd': {
        const op = cmd.Op as number;
        if (op === OP.pipe || op === OP.pipeAll) {
          // Each stage runs in a subshell; what the left side prints is the right side's input.
          const before = this.scope.networkUses;
          const left = this.stmt(cmd.X as ShNode, subshell(state), via, stdin);
          const fromNetwork = this.scope.networkUses > before;
          return this.stmt(cmd.Y as ShNode, subshell(state), via, { output: left, fromNetwork });
        }
        const x = this.stmt(cmd.X as ShNode, state, via, stdin);
        const y = this.stmt(cmd.Y as ShNode, state, via, stdin);
        return concat(x, y);
      }
      case 'Subshell':
        return this.stmts(list(cmd.Stmts), subshell(state), via, stdin);
      case 'Block':
        return this.stmts(list(cmd.Stmts), state, via, stdin);
      case 'IfClause': {
        let clause: ShNode | null = cmd;
        while (clause) {
          this.stmts(list(clause.Cond), state, via);
          this.stmts(list(clause.Then), state, via);
          clause = (clause.Else as ShNode | null) ?? null;
        }
        return UNKNOWN;
      }
      case 'WhileClause':
        this.stmts(list(cmd.Cond), state, via, stdin);
        this.stmts(list(cmd.Do), state, via);
        return UNKNOWN;
      case 'ForClause':
        this.forClause(cmd, state, via);
        return UNKNOWN;
      case 'CaseClause':
        expandString(cmd.Word as ShNode, this, state);
        for (const item of list(cmd.Items)) this.stmts(list(item.Stmts), state, via);
        return UNKNOWN;
      case 'FuncDecl': {
        // The body is judged where the function is called, with what is known there; a function
        // never called is judged at the end, in a directory we cannot know (see script()).
        const name = (cmd.Name as { Value: string }).Value;
        const fn = { body: cmd.Body as ShNode, called: false };
        state.functions.set(name, fn);
        this.defined.push({ fn, state, via });
        if (name === 'command_not_found_handle')
          this.scope.notUnderstood(
            '`command_not_found_handle` runs instead of every command that is not found',
          );
        return { kind: 'text', text: '' };
      }
      case 'DeclClause':
        return this.declare(cmd, state, via);
      case 'TimeClause':
        return cmd.Stmt ? this.stmt(cmd.Stmt as ShNode, state, via, stdin) : { kind: 'text', text: '' };
      case 'CoprocClause':
        if (cmd.Stmt) this.stmt(cmd.Stmt as ShNode, subshell(state), via);
        return UNKNOWN;
      case 'TestClause':
        this.nested(cmd, state);
        // Operands of `-eq`, `-lt` … are arithmetic and `-v` takes a name: what they hold may run.
        walkNodes(cmd.X, (n) => {
          if (nodeType(n) === 'BinaryTest' && ARITHMETIC_TESTS.has(n.Op as number)) {
            for (const operand of [n.X, n.Y] as ShNode[])
              if (nodeType(operand) === 'Word') evalArith(operand, this, state);
            return false;
          }
          if (nodeType(n) !== 'Word') return true;
          const field = expandString(n, this, state);
          if (field.known) toInt(field.text, state, this);
          return false;
        });
        return { kind: 'text', text: '' };
      case 'ArithmCmd':
      case 'LetClause':
        this.arithmetic(cmd, state);
        return { kind: 'text', text: '' };
      default:
        this.scope.notUnderstood(`unsupported shell construct \`${nodeType(cmd)}\``);
        return UNKNOWN;
    }
  }

  private forClause(cmd: ShNode, state: State, via: string[]): void {
    const loop = cmd.Loop as ShNode;
    if (nodeType(loop) === 'WordIter') {
      const name = (loop.Name as { Value: string }).Value;
      const items = loop.InPos === undefined && list(loop.Items).length === 0 ? [] : list(loop.Items);
      const fields = items.flatMap((w) => expandWord(w, this, state));
      // The body runs once per value: judge it once per known value (a few), else with a value
      // that stands for all of them (a glob pattern when they are paths).
      if (fields.length > 0 && fields.length <= 8 && fields.every((f) => f.known)) {
        for (const f of fields) {
          state.vars.set(name, { text: f.text, pattern: f.glob });
          this.stmts(list(cmd.Do), state, via);
        }
        return;
      }
      const single = fields.length === 1 && fields[0]!.known ? fields[0]! : undefined;
      state.vars.set(name, single ? { text: single.text, pattern: single.glob } : { text: undefined });
      if (fields.length === 0 && list(loop.Items).length === 0) state.vars.set(name, { text: undefined });
    } else this.arithmetic(loop, state);
    this.stmts(list(cmd.Do), state, via);
  }

  private arithmetic(node: ShNode, state: State): void {
    // Substitutions inside run, and the values of the names it reads are arithmetic too;
    // assignments make their variables unknown.
    this.nested(node, state);
    for (const expr of [node.X, ...list(node.Exprs), node.Init, node.Cond, node.Post])
      if (expr && typeof expr === 'object') evalArith(expr as ShNode, this, state);
    walkNodes(node, (n) => {
      if (nodeType(n) === 'BinaryArithm' || nodeType(n) === 'UnaryArithm') {
        const target = n.X as ShNode | null;
        const first = target && nodeType(target) === 'Word' ? list(target.Parts)[0] : undefined;
        // what arithmetic assigns is an integer
        if (first && nodeType(first) === 'Lit')
          state.vars.set(first.Value as string, { text: undefined, numeric: true });
      }
      return true;
    });
  }

  private declare(cmd: ShNode, state: State, via: string[]): Output {
    this.simpleCommand();
    const variant = (cmd.Variant as { Value: string }).Value;
    let nameref = false;
    let integer = false;
    let assoc = false;
    for (const assign of list(cmd.Args)) {
      if (assign.Naked && assign.Value) {
        // `declare "$n=rm"`, `export $n=rm`: a word that expands to NAME=VALUE assigns it.
        const word = expandString(assign.Value as ShNode, this, state);
        const flag = word.text;
        if (/^-\w*n/.test(flag)) nameref = true;
        if (/^-\w*i/.test(flag)) integer = true;
        if (/^-\w*A/.test(flag)) assoc = true;
        if (!word.known)
          this.scope.notUnderstood(`\`${variant}\` gets \`${word.text}\`, only known when the command runs`);
        else if (!flag.startsWith('-') && !flag.startsWith('+')) this.assignText(flag, state);
        continue;
      }
      const name = (assign.Name as { Value: string } | null)?.Value;
      // `declare -A counts`: an associative array, empty (so no element of it holds code yet)
      if (name && assoc && !state.vars.get(name)?.assoc)
        state.vars.set(name, { text: undefined, array: [], numeric: true, assoc: true });
      this.assign(assign, state);
      if (name && integer) (state.integers ??= new Set()).add(name);
      if (nameref && name) {
        state.vars.set(name, { text: undefined });
        this.scope.notUnderstood(`\`${variant} -n ${name}\` makes \`${name}\` another name for a variable`);
      }
    }
    this.scope.commands.push({ program: variant, argv: [variant], via });
    return { kind: 'text', text: '' };
  }

  /** `NAME=VALUE` or `NAME` given as text (to `declare`, `export` …, or from an expansion). */
  assignText(text: string, state: State): void {
    const m = /^([A-Za-z_]\w*)(\[[^\]]*\])?(\+?=)?([\s\S]*)$/.exec(text);
    // A subscript is arithmetic: `declare 'a[$(cmd)]=1'` runs cmd.
    this.hiddenCode(text.split('=')[0]!, state, `\`${text}\``);
    if (!m) {
      this.scope.notUnderstood(`\`${text}\` is not a variable name that aarm can follow`);
      return;
    }
    const [, name, index, op, value] = m;
    if (index !== undefined || op === undefined) {
      if (index !== undefined || !state.vars.has(name!)) state.vars.set(name!, { text: undefined });
      return;
    }
    const field: Field = {
      text: value!,
      known: true,
      glob: false,
      many: false,
      network: false,
      decoded: false,
    };
    checkHijackingVariable(name!, field, this.scope);
    const previous = state.vars.get(name!);
    state.vars.set(name!, {
      text: op === '+=' ? (previous?.text === undefined ? undefined : previous.text + value) : value,
    });
  }

  assign(assign: ShNode, state: State): void {
    const name = (assign.Name as { Value: string } | null)?.Value;
    if (!name) return;
    if ((assign.Index || assign.Array) && /^(BASH_CMDS|BASH_ALIASES)$/.test(name))
      this.scope.notUnderstood(`\`${name}\` makes a command name run another program`);
    const previous = state.vars.get(name);
    if (assign.Array) {
      const elements: Array<string | undefined> = [];
      for (const elem of list((assign.Array as ShNode).Elems)) {
        for (const f of expandWord(elem.Value as ShNode, this, state))
          elements.push(f.known ? f.text : undefined);
      }
      const base = assign.Append ? (previous?.array ?? []) : [];
      state.vars.set(name, { text: elements[0], array: [...base, ...elements] });
      return;
    }
    if (assign.Index) {
      // an indexed array's subscript is arithmetic, an associative one's is text
      if (previous?.assoc) expandString(assign.Index as ShNode, this, state);
      else evalArith(assign.Index as ShNode, this, state);
      const numeric = assign.Value ? numericWord(assign.Value as ShNode, state) : false;
      expandString(assign.Value as ShNode, this, state);
      state.vars.set(name, {
        text: undefined,
        ...(previous?.assoc ? { assoc: true } : {}),
        ...(numeric && (previous === undefined || previous.numeric) ? { numeric: true } : {}),
      });
      return;
    }
    if (assign.Value) {
      const value = expandString(assign.Value as ShNode, this, state);
      checkHijackingVariable(name, value, this.scope);
      // `declare -i n; n='a[$(…)]'`: an integer variable evaluates what it is given.
      const numeric = numericWord(assign.Value as ShNode, state);
      if (state.integers?.has(name)) {
        if (value.known) toInt(value.text, state, this, true);
        else if (!numeric)
          this.unknownArithmetic(`\`${value.text}\` given to the integer variable \`${name}\``);
      }
      const text = !value.known
        ? undefined
        : assign.Append
          ? previous?.text === undefined
            ? undefined
            : previous.text + value.text
          : value.text;
      state.vars.set(name, {
        text,
        decoded: value.decoded,
        pattern: false,
        ...(text === undefined && (numeric || state.integers?.has(name)) ? { numeric: true } : {}),
      });
      if (name === 'GLOBIGNORE' && value.text !== '') this.scope.dotglob = true;
    } else if (!assign.Naked) {
      state.vars.set(name, { text: '' });
    }
  }

  private call(
    cmd: ShNode,
    state: State,
    via: string[],
    stdin: Stdin | undefined,
    stdoutTo: string | undefined,
  ): Output {
    const args = list(cmd.Args);
    if (args.length === 0) {
      this.simpleCommand();
      for (const assign of list(cmd.Assigns)) this.assign(assign, state);
      return { kind: 'text', text: '' };
    }
    // `NAME=value cmd`: the assignment is in the command's environment only.
    const env = { ...state, vars: new Map(state.vars) };
    for (const assign of list(cmd.Assigns)) this.assign(assign, env);
    const fields = args.flatMap((w) => expandWord(w, this, env));
    return this.command(fields, state, via, stdin, stdoutTo, env);
  }

  /** Run one expanded argv: builtins, shells, models, or the generic account. */
  command(
    fields: Field[],
    state: State,
    via: string[],
    stdin?: Stdin,
    stdoutTo?: string,
    env: State = state,
  ): Output {
    this.step();
    this.simpleCommand();
    const first = fields[0];
    if (first === undefined) return { kind: 'text', text: '' };
    if (!first.known) {
      this.scope.commands.push({ program: '?', argv: fields.map((f) => f.text), via });
      this.scope.notUnderstood(`the program name \`${first.text}\` is only known when the command runs`);
      if (first.network) this.scope.risk('download-and-execute');
      return UNKNOWN;
    }
    if (first.many) {
      // `c='rm -rf ~'; $c` with a known value was split already; a value only known at run time is
      // caught above. A known text that is a pattern (`./*`) runs whatever matches first.
      this.scope.notUnderstood(`the program name \`${first.text}\` may be several words`);
    }
    if (first.glob) this.scope.notUnderstood(`the program name \`${first.text}\` is a pattern`);
    const ctx = createModelContext(this, fields, state, env, via, stdin, stdoutTo);
    return runCommand(this, ctx, fields, state, via, stdin, env);
  }

  /** `<`, `>`, `>>`, here-docs: files read and written, and what feeds standard input. */
  private redirects(
    redirs: ShNode[],
    state: State,
  ): { stdin?: Stdin; stdoutTo?: string; outputs: Array<{ path: string; append: boolean }> } {
    const result: { stdin?: Stdin; stdoutTo?: string; outputs: Array<{ path: string; append: boolean }> } = {
      outputs: [],
    };
    for (const r of redirs) {
      const op = r.Op as number;
      if (op === OP.hdoc || op === OP.dashHdoc) {
        const body = r.Hdoc ? expandString(r.Hdoc as ShNode, this, state) : undefined;
        result.stdin = {
          output:
            body === undefined
              ? { kind: 'text', text: '' }
              : body.known
                ? { kind: 'text', text: body.text }
                : UNKNOWN,
          fromNetwork: body?.network ?? false,
        };
        continue;
      }
      const target = expandString(r.Word as ShNode, this, state);
      if (op === OP.wordHdoc) {
        result.stdin = {
          output: target.known
            ? { kind: 'text', text: `${target.text}\n` }
            : { kind: 'unknown', decoded: target.decoded },
          fromNetwork: target.network,
        };
        continue;
      }
      if ((op === OP.dplIn || op === OP.dplOut) && /^(\d+|-)$/.test(target.text)) continue;
      const path = target.known ? resolvePath(target.text, state, this.home) : `?${target.text}`;
      if (isPseudoFile(path)) {
        if (op === OP.rdrIn) result.stdin = { output: UNKNOWN, fromNetwork: false };
        continue;
      }
      const socket = /^\/dev\/(tcp|udp)\/([^/]+)\/(\d+)$/.exec(path);
      if (socket) {
        const ctx = createModelContext(this, [], state, state, [], undefined, undefined);
        ctx.host(socket[2]!);
        if (op !== OP.rdrIn) ctx.sends();
        if (op === OP.rdrIn || op === OP.rdrInOut) result.stdin = { output: UNKNOWN, fromNetwork: true };
        continue;
      }
      // `/dev/tcp/$H/80`: a socket to a host only known when it runs (the path stays unknown too).
      if (/^\?\/dev\/(tcp|udp)\//.test(path)) {
        const ctx = createModelContext(this, [], state, state, [], undefined, undefined);
        ctx.unknownHost();
        if (op !== OP.rdrIn) ctx.sends();
      }
      if (op === OP.rdrIn) {
        this.scope.reads.add(path);
        const file = state.disk.files.get(path);
        result.stdin = {
          output: file?.text !== undefined ? { kind: 'text', text: file.text } : UNKNOWN,
          fromNetwork: file?.fromNetwork ?? false,
        };
      } else if (op === OP.rdrInOut) {
        this.scope.reads.add(path);
        this.scope.writes.add(path);
      } else {
        this.scope.writes.add(path);
        const append = op === OP.appOut || op === OP.appAll;
        const toStdout = r.N === null || r.N === undefined || (r.N as { Value: string }).Value === '1';
        if (op !== OP.dplOut && toStdout) {
          result.stdoutTo = path;
          result.outputs.push({ path, append });
        } else if (op === OP.rdrAll || op === OP.appAll) {
          result.stdoutTo = path;
          result.outputs.push({ path, append });
        }
      }
    }
    return result;
  }
}

const UNKNOWN: Output = { kind: 'unknown', decoded: false };

/** `a; b` prints what a prints, then what b prints. */
function concat(a: Output, b: Output): Output {
  if (a.kind === 'text' && a.text === '') return b;
  if (b.kind === 'text' && b.text === '') return a;
  if (a.kind === 'text' && b.kind === 'text') return { kind: 'text', text: a.text + b.text };
  return {
    kind: 'unknown',
    decoded: (a.kind === 'unknown' && a.decoded) || (b.kind === 'unknown' && b.decoded),
  };
}

/** Variables that make later commands run other programs or load other code. */

function checkHijackingVariable(name: string, value: Field, scope: Scope): void {
  // A proxy carries every request: the proxy is contacted, whatever the URL says.
  if (/^(https?|all|ftp)_proxy$/i.test(name)) {
    const host = /^(?:[a-z][\w+.-]*:\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)/i.exec(value.text)?.[1];
    if (!value.known) {
      scope.notUnderstood(`\`${name}\` sends requests through a proxy only known when the command runs`);
      scope.hosts.add(UNKNOWN_HOST);
    } else if (host) scope.hosts.add(normaliseHost(host.replace(/^\[|\]$/g, '')));
    return;
  }
  if (name === 'PATH') {
    // Appending (`PATH=$PATH:…`) keeps the system's programs first; anything else can replace them.
    if (!/^\$\{?PATH\}?(:|$)/.test(value.text))
      scope.notUnderstood(`\`PATH=${value.text}\` changes which programs run`);
    return;
  }
  if (HIJACKING_VARIABLES.test(name))
    scope.notUnderstood(`\`${name}=\` changes which programs or code later commands run`);
  // A package manager's registry or index set for later commands (`npm_config_registry`,
  // `PIP_INDEX_URL`, `UV_INDEX_URL`, `YARN_NPM_REGISTRY_SERVER`): where they will go.
  if (/(registry|index_url|registry_server)$/i.test(name)) {
    const url = value.known ? parseUrlArgument(value.text) : undefined;
    scope.hosts.add(url ? normaliseHost(url.hostname) : UNKNOWN_HOST);
  }
}

export { posix };
