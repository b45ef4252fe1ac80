/**
 * Shared pieces of the scanners for Lua, R, Julia, Octave, Groovy, Tcl and the command languages:
 * an effects collector, a configurable tokenizer for C-like languages, argument splitting and
 * binding, literal evaluation (string concatenation) and a table-driven description of calls.
 * Every loop here is a single pass or is bounded, so scanning stays linear in the code's length.
 */
import { emptyCodeEffects, type CodeEffects } from './types.js';

/** How deep scanners follow code inside code (`load("…")`, `eval "…"`) before giving up. */
export const MAX_NESTING = 6;

const URL = /^(?:https?|ftp|ftps|sftp|scp|wss?|gopher|file):\/\//i;
export const isUrl = (s: string): boolean => URL.test(s) && !s.toLowerCase().startsWith('file:');

/** Collects effects, without duplicates. */
export class Effects {
  readonly out: CodeEffects = emptyCodeEffects();
  private readonly seen = new Set<string>();

  constructor(readonly depth = 0) {}

  private put(key: string, list: string[], value: string): void {
    const k = `${key}\0${value}`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    list.push(value);
  }
  shell(command: string): void {
    this.put('shell', this.out.shell, command);
  }
  argv(argv: string[]): void {
    if (argv.length === 0) return;
    const k = `argv\0${JSON.stringify(argv)}`;
    if (!this.seen.has(k)) {
      this.seen.add(k);
      this.out.argv.push(argv);
    }
    killTargets(argv, (s) => this.signal(s));
  }
  read(path: string): void {
    if (isUrl(path)) this.url(path);
    else if (path !== '') this.put('reads', this.out.reads, path);
  }
  write(path: string): void {
    if (isUrl(path)) {
      this.url(path);
      this.sends();
    } else if (path !== '') this.put('writes', this.out.writes, path);
  }
  delete(path: string): void {
    if (path !== '') this.put('deletes', this.out.deletes, path);
  }
  url(url: string): void {
    this.out.network = true;
    this.put('urls', this.out.urls, url);
  }
  host(host: string): void {
    this.out.network = true;
    if (host !== '') this.put('hosts', this.out.hosts, host);
  }
  net(): void {
    this.out.network = true;
  }
  sends(): void {
    this.out.network = true;
    this.out.sends = true;
  }
  signal(target: string): void {
    this.put('signals', this.out.signals, target);
  }
  /** a file of code it runs; a URL is code fetched from the network */
  load(path: string): void {
    if (isUrl(path)) {
      this.url(path);
      this.unknown(`runs code fetched from ${path}`);
    } else if (path !== '') this.put('loads', this.out.loads, path);
  }
  code(language: string, text: string): void {
    const k = `code\0${language}\0${text}`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.out.code.push({ language, text });
  }
  unknown(reason: string): void {
    this.put('unknown', this.out.unknown, reason);
  }
  merge(other: CodeEffects): void {
    for (const s of other.shell) this.shell(s);
    for (const a of other.argv) this.argv(a);
    for (const p of other.reads) this.put('reads', this.out.reads, p);
    for (const p of other.writes) this.write(p);
    for (const p of other.deletes) this.delete(p);
    for (const u of other.urls) this.url(u);
    for (const h of other.hosts) this.host(h);
    if (other.network) this.net();
    if (other.sends) this.sends();
    for (const s of other.signals) this.signal(s);
    for (const p of other.loads) this.put('loads', this.out.loads, p);
    for (const c of other.code) this.code(c.language, c.text);
    for (const u of other.unknown) this.unknown(u);
  }
  /** scan code found inside code (a literal passed to `eval`), or give up when nested too deeply */
  nested(scan: (code: string, depth: number) => CodeEffects, code: string): void {
    if (this.depth >= MAX_NESTING) this.unknown('nests code in code too deeply to judge');
    else this.merge(scan(code, this.depth + 1));
  }
}

/** `kill 123`, `pkill -f x`, `killall sshd` in an argv: the processes they signal */
function killTargets(argv: string[], signal: (s: string) => void): void {
  const program = (argv[0] ?? '').split('/').pop();
  if (program !== 'kill' && program !== 'pkill' && program !== 'killall') return;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-s' || a === '-n' || a === '-u' || a === '-g') i++;
    else if (a.startsWith('-')) continue;
    else if (program === 'kill') signal(/^\d+$/.test(a) ? `pid:${a}` : '?');
    else signal(`name:${a}`);
  }
}

/** Whitespace-separated words (the way Groovy's `"cmd".execute()` and Java's `exec(String)` split). */
export function splitWords(s: string): string[] {
  const words: string[] = [];
  let word = '';
  for (const ch of s) {
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f') {
      if (word) words.push(word);
      word = '';
    } else word += ch;
  }
  if (word) words.push(word);
  return words;
}

/**
 * Shell-like words of a command line: whitespace separates, '…' and "…" quote (a backslash escapes
 * inside "…" and outside quotes). `literal` is false when a word holds a `$` expansion or a
 * backquote, which only the running program can resolve.
 */
export function shellWords(s: string): { words: string[]; literal: boolean } {
  const words: string[] = [];
  let literal = true;
  let word = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === "'") {
      const end = s.indexOf("'", i + 1);
      word += s.slice(i + 1, end < 0 ? s.length : end);
      i = end < 0 ? s.length : end;
    } else if (ch === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length) i++;
        else if (s[i] === '$' || s[i] === '`') literal = false;
        word += s[i];
        i++;
      }
    } else if (ch === '\\' && i + 1 < s.length) {
      word += s[++i];
    } else {
      if (ch === '$' || ch === '`') literal = false;
      word += ch;
    }
  }
  if (inWord) words.push(word);
  return { words, literal };
}

/** `sprintf("%s …", …)` with only `%s`/`%d`/`%%` and literal arguments. */
export function formatLiteral(format: string, values: string[]): string | null {
  let out = '';
  let next = 0;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const spec = format[++i];
    if (spec === '%') out += '%';
    else if (spec === 's' || spec === 'd' || spec === 'i') {
      const v = values[next++];
      if (v === undefined) return null;
      out += v;
    } else return null;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A tokenizer for the C-like languages

export interface Tok {
  k: 'id' | 'str' | 'num' | 'op' | 'cmd' | 're';
  /** the identifier, operator or number; for strings and commands the raw text */
  t: string;
  /** a string's value; undefined when it interpolates code (`"$x"`) */
  v: string | undefined;
  /** a Julia command literal's words; undefined when it interpolates */
  argv?: string[] | undefined;
  /** a line break comes before this token */
  nl: boolean;
  /** whitespace or a comment comes before this token */
  sp: boolean;
  /** this bracket opens code interpolated into a string (`"${…}"`), not a call */
  interp?: boolean;
}

export interface LexOptions {
  /** line comment openers */
  line: string[];
  /** block comment delimiters */
  block: Array<[string, string]>;
  /** block comments nest (Julia `#= … =#`) */
  nestBlock?: boolean;
  /** characters that open strings with backslash escapes */
  quotes: string;
  /** `"""…"""` and `'''…'''` strings */
  triple?: boolean;
  /** a quote character whose strings have no escapes and double the quote instead (Octave `'`) */
  doubled?: string;
  /** `"$x"`, `"$(…)"` (Julia) or `"${…}"` (Groovy, Kotlin) make a string depend on code */
  interp?: 'julia' | 'groovy';
  /** `'` right after an operand is an operator (transpose), not a string */
  transpose?: boolean;
  /** characters allowed in identifiers besides letters, digits and `_` */
  identChars?: string;
  /** multi-character operators, longest first */
  ops: string[];
  /** Lua `[[…]]`, `[==[…]==]` strings and `--[[…]]` comments */
  luaLong?: boolean;
  /** `\ddd` is decimal (Lua), not octal */
  decimalEscapes?: boolean;
  /** what a backquote opens: a Julia command, an R quoted name */
  backtick?: 'cmd' | 'ident';
  /** R raw strings `r"(…)"` */
  rString?: boolean;
  /** Octave/MATLAB command syntax (`delete foo.txt`) for these names at the start of a statement */
  commandSyntax?: ReadonlySet<string>;
  /** `/…/` is a regular expression where an operand may start (awk) */
  regex?: boolean;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isIdStart = (c: string | undefined) =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c >= '\u0080');
const isSpace = (c: string | undefined) =>
  c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v';

const MAX_INTERP_DEPTH = 16;

/** Tokenizes `src`; never throws, whatever the input. */
export function lex(src: string, opts: LexOptions): Tok[] {
  return new Lexer(src, opts).run();
}

class Lexer {
  private pos = 0;
  private readonly toks: Tok[] = [];
  private nl = false;
  private sp = false;
  private depth = 0;
  private stmtStart = true;

  constructor(
    private readonly src: string,
    private readonly o: LexOptions,
    private readonly interpDepth = 0,
  ) {}

  private isIdChar(c: string | undefined): boolean {
    return isIdStart(c) || isDigit(c) || (c !== undefined && (this.o.identChars ?? '').includes(c));
  }

  private push(k: Tok['k'], t: string, v: string | undefined, argv?: string[]): void {
    const tok: Tok = { k, t, v, nl: this.nl, sp: this.sp };
    if (argv) tok.argv = argv;
    this.toks.push(tok);
    this.nl = false;
    this.sp = false;
  }

  /** Tokens until the end, or until an unmatched `close` (for `$(…)` in strings); `pos` ends after it. */
  run(close?: string): Tok[] {
    const s = this.src;
    while (this.pos < s.length) {
      const start = this.pos;
      this.step(close);
      if (close !== undefined && this.pos < 0) {
        this.pos = -this.pos;
        break;
      }
      if (this.pos === start) this.pos++; // never stall on odd input
    }
    return this.toks;
  }

  private step(close: string | undefined): void {
    const s = this.src;
    const o = this.o;
    const c = s[this.pos]!;
    if (c === '\n') {
      this.nl = this.sp = true;
      this.pos++;
      if (this.depth === 0) this.stmtStart = true;
      return;
    }
    if (isSpace(c)) {
      this.sp = true;
      this.pos++;
      return;
    }
    if (this.comment()) return;
    const wasStart = this.stmtStart;
    this.stmtStart = false;
    const prev = this.toks.at(-1);
    // strings
    if (o.luaLong && c === '[') {
      const level = this.longOpen(this.pos);
      if (level >= 0) {
        const body = this.longBody(this.pos + level + 2, level);
        this.push('str', body, body.replace(/^\r?\n/, ''));
        return;
      }
    }
    if (o.rString && (c === 'r' || c === 'R') && (s[this.pos + 1] === '"' || s[this.pos + 1] === "'")) {
      if (this.rawR()) return;
    }
    if (c === "'" && o.transpose && prev && !this.sp && operand(prev)) {
      this.push('op', "'", undefined);
      this.pos++;
      return;
    }
    if (o.doubled === c) {
      this.doubledString(c);
      return;
    }
    if (o.quotes.includes(c)) {
      this.string(c);
      return;
    }
    if (c === '/' && o.regex && !(prev && operand(prev))) {
      let i = this.pos + 1;
      let inClass = false;
      while (i < s.length && s[i] !== '\n' && (inClass || s[i] !== '/')) {
        if (s[i] === '\\') i++;
        else if (s[i] === '[') inClass = true;
        else if (s[i] === ']') inClass = false;
        i++;
      }
      this.push('re', s.slice(this.pos, i + 1), undefined);
      this.pos = Math.min(s.length, i + 1);
      return;
    }
    if (c === '`' && o.backtick) {
      if (o.backtick === 'cmd') this.command();
      else {
        const end = s.indexOf('`', this.pos + 1);
        const stop = end < 0 ? s.length : end;
        this.push('id', s.slice(this.pos + 1, stop), undefined);
        this.pos = stop + 1;
      }
      return;
    }
    // numbers
    if (isDigit(c) || (c === '.' && isDigit(s[this.pos + 1]))) {
      let e = this.pos + 1;
      while (e < s.length && (this.isIdChar(s[e]) || (s[e] === '.' && s[e + 1] !== '.'))) {
        if ((s[e] === 'e' || s[e] === 'E') && (s[e + 1] === '-' || s[e + 1] === '+')) e++;
        e++;
      }
      this.push('num', s.slice(this.pos, e), undefined);
      this.pos = e;
      return;
    }
    // identifiers (and Octave command syntax)
    if (isIdStart(c) || (o.identChars?.includes(c) && this.isIdChar(s[this.pos + 1]))) {
      let e = this.pos + 1;
      while (e < s.length && this.isIdChar(s[e])) e++;
      const name = s.slice(this.pos, e);
      // a prefixed string: Julia raw"…", Groovy/Kotlin have none that matter
      if (o.interp === 'julia' && s[e] === '"') {
        this.pos = e;
        this.string('"', name === 'raw');
        return;
      }
      this.push('id', name, undefined);
      this.pos = e;
      if (wasStart && o.commandSyntax?.has(name)) this.commandWords();
      return;
    }
    // operators and brackets
    if (close !== undefined && this.depth === 0 && c === close) {
      this.pos = -(this.pos + 1);
      return;
    }
    if (c === '(' || c === '[' || c === '{') this.depth++;
    if (c === ')' || c === ']' || c === '}') this.depth = Math.max(0, this.depth - 1);
    if ((c === ';' || c === ',') && this.depth === 0) this.stmtStart = true;
    for (const op of o.ops) {
      if (s.startsWith(op, this.pos)) {
        this.push('op', op, undefined);
        this.pos += op.length;
        return;
      }
    }
    this.push('op', c, undefined);
    this.pos++;
  }

  private comment(): boolean {
    const s = this.src;
    const o = this.o;
    if (o.luaLong && s.startsWith('--[', this.pos)) {
      const level = this.longOpen(this.pos + 2);
      if (level >= 0) {
        this.longBody(this.pos + 2 + level + 2, level);
        this.sp = true;
        return true;
      }
    }
    for (const [open, closeWith] of o.block) {
      if (!s.startsWith(open, this.pos)) continue;
      let depth = 1;
      let i = this.pos + open.length;
      while (i < s.length && depth > 0) {
        if (s.startsWith(closeWith, i)) {
          depth--;
          i += closeWith.length;
        } else if (o.nestBlock && s.startsWith(open, i)) {
          depth++;
          i += open.length;
        } else {
          if (s[i] === '\n') this.nl = true;
          i++;
        }
      }
      this.pos = i;
      this.sp = true;
      return true;
    }
    for (const open of o.line) {
      if (!s.startsWith(open, this.pos)) continue;
      const end = s.indexOf('\n', this.pos);
      this.pos = end < 0 ? s.length : end;
      this.sp = true;
      return true;
    }
    return false;
  }

  /** the level of a Lua long bracket `[==[` at `at`, or -1 */
  private longOpen(at: number): number {
    const s = this.src;
    if (s[at] !== '[') return -1;
    let i = at + 1;
    while (s[i] === '=') i++;
    return s[i] === '[' ? i - at - 1 : -1;
  }

  private longBody(from: number, level: number): string {
    const s = this.src;
    const closer = `]${'='.repeat(level)}]`;
    const end = s.indexOf(closer, from);
    const stop = end < 0 ? s.length : end;
    this.pos = end < 0 ? s.length : end + closer.length;
    return s.slice(from, stop);
  }

  /** R raw strings: r"(…)", r"[…]", r"{…}", with dashes: r"--(…)--" */
  private rawR(): boolean {
    const s = this.src;
    const q = s[this.pos + 1]!;
    let i = this.pos + 2;
    let dashes = '';
    while (s[i] === '-') {
      dashes += '-';
      i++;
    }
    const open = s[i];
    const closeCh = open === '(' ? ')' : open === '[' ? ']' : open === '{' ? '}' : undefined;
    if (!closeCh) return false;
    const closer = `${closeCh}${dashes}${q}`;
    const end = s.indexOf(closer, i + 1);
    const stop = end < 0 ? s.length : end;
    const body = s.slice(i + 1, stop);
    this.pos = end < 0 ? s.length : end + closer.length;
    this.push('str', body, body);
    return true;
  }

  private doubledString(q: string): void {
    const s = this.src;
    let i = this.pos + 1;
    let v = '';
    while (i < s.length) {
      if (s[i] === q) {
        if (s[i + 1] === q) {
          v += q;
          i += 2;
          continue;
        }
        break;
      }
      if (s[i] === '\n') break; // Octave strings end at the line
      v += s[i];
      i++;
    }
    this.push('str', s.slice(this.pos, i + 1), v);
    this.pos = i + 1;
  }

  private string(q: string, raw = false): void {
    const s = this.src;
    const o = this.o;
    const triple = o.triple === true && s.startsWith(q + q + q, this.pos);
    const closer = triple ? q + q + q : q;
    let i = this.pos + closer.length;
    let v: string | undefined = '';
    const inner: Tok[][] = [];
    while (i < s.length && !s.startsWith(closer, i)) {
      const ch = s[i]!;
      if (ch === '\\' && i + 1 < s.length) {
        if (raw) {
          v += s[i + 1] === q ? q : ch + s[i + 1];
          i += 2;
          continue;
        }
        const [text, len] = escape(s, i, o.decimalEscapes === true);
        v += text;
        i += len;
        continue;
      }
      if (ch === '$' && o.interp && q === '"' && !raw) {
        const next = s[i + 1];
        const opener = o.interp === 'julia' ? '(' : '{';
        if (next === opener) {
          v = undefined;
          i = this.interpolation(i + 2, opener === '(' ? ')' : '}', inner);
          continue;
        }
        if (isIdStart(next)) v = undefined;
      }
      if (v !== undefined) v += ch;
      i++;
    }
    this.push('str', s.slice(this.pos, i + closer.length), v);
    this.pos = Math.min(s.length, i + closer.length);
    this.splice(inner);
  }

  /** code interpolated into a string runs too: it follows the string as a parenthesized group */
  private splice(inner: Tok[][]): void {
    for (const toks of inner) {
      this.push('op', '(', undefined);
      this.toks.at(-1)!.interp = true;
      for (const t of toks) this.toks.push(t);
      this.push('op', ')', undefined);
    }
  }

  /** the code of `$(…)` / `${…}` from `from`, tokenized; returns the index after its closer */
  private interpolation(from: number, closeCh: string, into: Tok[][]): number {
    if (this.interpDepth >= MAX_INTERP_DEPTH) {
      const end = this.src.indexOf(closeCh, from);
      return end < 0 ? this.src.length : end + 1;
    }
    const sub = new Lexer(this.src, this.o, this.interpDepth + 1);
    sub.pos = from;
    sub.stmtStart = false;
    into.push(sub.run(closeCh));
    return Math.max(sub.pos, from);
  }

  /** a Julia command literal `…` or ```…```: its words, or undefined when it interpolates */
  private command(): void {
    const s = this.src;
    const triple = s.startsWith('```', this.pos);
    const closer = triple ? '```' : '`';
    let i = this.pos + closer.length;
    const words: string[] = [];
    let word = '';
    let inWord = false;
    let literal = true;
    const inner: Tok[][] = [];
    const dollar = (at: number): number => {
      literal = false;
      if (s[at + 1] === '(') return this.interpolation(at + 2, ')', inner);
      return at + 1;
    };
    while (i < s.length && !s.startsWith(closer, i)) {
      const ch = s[i]!;
      if (isSpace(ch)) {
        if (inWord) words.push(word);
        word = '';
        inWord = false;
        i++;
        continue;
      }
      inWord = true;
      if (ch === "'") {
        const end = s.indexOf("'", i + 1);
        const stop = end < 0 ? s.length : end;
        word += s.slice(i + 1, stop);
        i = stop + 1;
      } else if (ch === '"') {
        i++;
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) i++;
          else if (s[i] === '$') {
            i = dollar(i);
            continue;
          }
          word += s[i];
          i++;
        }
        i++;
      } else if (ch === '\\' && i + 1 < s.length) {
        word += s[i + 1];
        i += 2;
      } else if (ch === '$') i = dollar(i);
      else {
        word += ch;
        i++;
      }
    }
    if (inWord) words.push(word);
    const end = Math.min(s.length, i + closer.length);
    this.push('cmd', s.slice(this.pos, end), undefined, literal ? words : undefined);
    this.pos = end;
    this.splice(inner);
  }

  /**
   * MATLAB command syntax: `name word word` at the start of a statement, when the next word is not
   * an assignment, a call or a binary operator. Emitted as `name('word', 'word')`.
   */
  private commandWords(): void {
    const s = this.src;
    let i = this.pos;
    if (s[i] !== ' ' && s[i] !== '\t') return;
    while (s[i] === ' ' || s[i] === '\t') i++;
    const c = s[i];
    if (c === undefined || c === '\n' || c === '\r' || c === ';' || c === ',' || c === '(' || c === '=')
      return;
    if ('+-*/\\^<>&|~.:'.includes(c) && (s[i + 1] === ' ' || s[i + 1] === '=' || c === s[i + 1])) return;
    this.push('op', '(', undefined);
    let first = true;
    while (i < s.length) {
      while (s[i] === ' ' || s[i] === '\t') i++;
      const ch = s[i];
      if (ch === undefined || ch === '\n' || ch === ';' || ch === ',' || ch === '%' || ch === '#') break;
      let word = '';
      if (ch === "'") {
        i++;
        while (i < s.length && s[i] !== '\n') {
          if (s[i] === "'") {
            if (s[i + 1] !== "'") break;
            i++;
          }
          word += s[i];
          i++;
        }
        i++;
      } else {
        while (i < s.length && !isSpace(s[i]) && s[i] !== ';' && s[i] !== ',') word += s[i++];
      }
      if (!first) this.push('op', ',', undefined);
      this.push('str', word, word);
      first = false;
    }
    this.push('op', ')', undefined);
    this.pos = i;
  }
}

function operand(t: Tok): boolean {
  return (
    t.k === 'id' || t.k === 'num' || t.k === 'str' || t.t === ')' || t.t === ']' || t.t === '}' || t.t === "'"
  );
}

/** a backslash escape at `i`: its text and length */
export function escape(s: string, i: number, decimal: boolean): [string, number] {
  const c = s[i + 1]!;
  const simple: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    a: '\x07',
    b: '\b',
    f: '\f',
    v: '\v',
    e: '\x1b',
    '0': '\0',
  };
  if (c === 'x') {
    let j = i + 2;
    while (j < i + 4 && /[0-9a-fA-F]/.test(s[j] ?? '')) j++;
    return j > i + 2 ? [String.fromCharCode(parseInt(s.slice(i + 2, j), 16)), j - i] : ['x', 2];
  }
  if (c === 'u') {
    if (s[i + 2] === '{') {
      const end = s.indexOf('}', i + 3);
      const code = end > 0 && end < i + 12 ? parseInt(s.slice(i + 3, end), 16) : NaN;
      if (Number.isFinite(code) && code <= 0x10ffff) return [String.fromCodePoint(code), end - i + 1];
      return ['u', 2];
    }
    let j = i + 2;
    while (j < i + 6 && /[0-9a-fA-F]/.test(s[j] ?? '')) j++;
    return j > i + 2 ? [String.fromCharCode(parseInt(s.slice(i + 2, j), 16)), j - i] : ['u', 2];
  }
  if (isDigit(c)) {
    let j = i + 1;
    const digits = decimal ? '0123456789' : '01234567';
    while (j < i + 4 && digits.includes(s[j] ?? 'x')) j++;
    if (j > i + 1)
      return [String.fromCharCode(parseInt(s.slice(i + 1, j), decimal ? 10 : 8) & 0xffff), j - i];
  }
  if (c === 'z' && decimal) {
    let j = i + 2;
    while (isSpace(s[j])) j++;
    return ['', j - i];
  }
  if (c === '\n') return ['', 2];
  return [simple[c] ?? c, 2];
}

/** Merges `a.b.c` (and the given separators) into one identifier token. */
export function joinQualified(toks: Tok[], seps: readonly string[]): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const last = out.at(-1);
    const next = toks[i + 1];
    if (
      t.k === 'op' &&
      seps.includes(t.t) &&
      last?.k === 'id' &&
      next?.k === 'id' &&
      !(t.t === ':' && next.nl)
    ) {
      out[out.length - 1] = { ...last, t: `${last.t}${t.t}${next.t}` };
      i++;
      continue;
    }
    out.push(t);
  }
  return out;
}

/** For each bracket, the index of its partner; an unclosed opener's partner is the end. */
export function matchBrackets(toks: readonly Tok[]): Int32Array {
  const match = new Int32Array(toks.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k !== 'op') continue;
    if (t.t === '(' || t.t === '[' || t.t === '{') stack.push(i);
    else if (t.t === ')' || t.t === ']' || t.t === '}') {
      const open = stack.pop();
      if (open !== undefined) {
        match[open] = i;
        match[i] = open;
      }
    }
  }
  for (const open of stack) match[open] = toks.length;
  return match;
}

/** An argument: tokens [s, e), and its name when passed by name (`file = "x"`, `url: "x"`). */
export interface Arg {
  s: number;
  e: number;
  name?: string;
}

/** The code of a language, tokenized, with what scanners need to read calls in it. */
export class Code {
  readonly match: Int32Array;
  constructor(
    readonly toks: Tok[],
    /** `=` (R, Julia, Lua tables) or `:` (Groovy) introduce a named argument */
    readonly named: readonly string[],
  ) {
    this.match = matchBrackets(toks);
  }

  is(i: number, k: Tok['k'], t?: string): boolean {
    const tok = this.toks[i];
    return tok !== undefined && tok.k === k && (t === undefined || tok.t === t);
  }
  op(i: number, t: string): boolean {
    return this.is(i, 'op', t);
  }
  /** the end (exclusive) of the bracket group opening at `i` */
  close(i: number): number {
    const m = this.match[i] ?? -1;
    return m < 0 ? i + 1 : Math.min(m, this.toks.length);
  }

  /** the arguments between the brackets opening at `open`, split at depth-0 `,` and `;` */
  args(open: number): Arg[] {
    return this.split(open + 1, this.close(open));
  }

  split(s: number, e: number): Arg[] {
    const args: Arg[] = [];
    let start = s;
    for (let i = s; i <= e; i++) {
      if (i === e || this.op(i, ',') || this.op(i, ';')) {
        if (i > start) args.push(this.argAt(start, i));
        start = i + 1;
        continue;
      }
      const t = this.toks[i];
      if (t?.k === 'op' && (t.t === '(' || t.t === '[' || t.t === '{')) {
        const m = this.match[i]!;
        if (m > i) i = Math.min(m, e) - (m >= e ? 1 : 0);
      }
    }
    return args;
  }

  private argAt(s: number, e: number): Arg {
    const t = this.toks[s];
    const eq = this.toks[s + 1];
    if (e - s > 2 && (t?.k === 'id' || t?.k === 'str') && eq?.k === 'op' && this.named.includes(eq.t)) {
      return { s: s + 2, e, name: t.k === 'str' ? (t.v ?? t.t) : t.t };
    }
    return { s, e };
  }

  /** does the range hold only one bracket group opening at `s`? */
  group(s: number, e: number, open: string): boolean {
    return this.op(s, open) && this.match[s] === e - 1;
  }
  /** does the range hold only a call `name(…)`, name at `s`? */
  call(s: number, e: number): string | undefined {
    const t = this.toks[s];
    return t?.k === 'id' && this.group(s + 1, e, '(') ? t.t : undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Literal evaluation

export interface EvalRules {
  /** infix operators that join strings (`..`, `*`, `+`) */
  concat: readonly string[];
  /** functions whose result is a string built from literal arguments */
  fns?: Readonly<Record<string, (args: string[], named: ReadonlyMap<string, string>) => string | null>>;
  /** functions that build a vector of strings (`c`, `list`, `listOf`) */
  lists?: readonly string[];
  /** bracket openers of list literals (`[` in Julia and Groovy, `{` in Lua and Octave) */
  listOpen?: string;
  /** `['a' 'b']` concatenates (Octave) */
  bracketConcat?: boolean;
}

const MAX_EVAL_DEPTH = 24;

/** Evaluates arguments that are literals, or concatenations of literals; anything else is null. */
export class Evaluator {
  constructor(
    readonly code: Code,
    readonly rules: EvalRules,
  ) {}

  str(a: Arg): string | null {
    return this.evalStr(a.s, a.e, 0);
  }
  list(a: Arg): string[] | null {
    return this.evalList(a.s, a.e, 0);
  }

  evalList(s: number, e: number, depth: number): string[] | null {
    const c = this.code;
    if (s >= e || depth > MAX_EVAL_DEPTH) return null;
    const open = this.rules.listOpen;
    let items: Arg[] | undefined;
    if (open && c.group(s, e, open)) items = c.args(s);
    const fn = c.call(s, e);
    if (fn !== undefined && this.rules.lists?.includes(fn)) items = c.args(s + 1);
    if (items) {
      const out: string[] = [];
      for (const item of items) {
        const v = this.evalList(item.s, item.e, depth + 1);
        if (v === null) return null;
        out.push(...v);
      }
      return out;
    }
    const v = this.evalStr(s, e, depth);
    return v === null ? null : [v];
  }

  evalStr(s: number, e: number, depth: number): string | null {
    const c = this.code;
    e = Math.min(e, c.toks.length);
    if (s >= e || depth > MAX_EVAL_DEPTH) return null;
    // split at the concatenation operators at depth 0
    let out = '';
    let start = s;
    for (let i = s; i <= e; i++) {
      if (i < e && !(c.toks[i]!.k === 'op' && this.rules.concat.includes(c.toks[i]!.t))) {
        const t = c.toks[i]!;
        if (t.k === 'op' && (t.t === '(' || t.t === '[' || t.t === '{')) i = Math.min(c.close(i), e - 1);
        continue;
      }
      const part = this.primary(start, i, depth);
      if (part === null) return null;
      out += part;
      start = i + 1;
    }
    return out;
  }

  private primary(s: number, e: number, depth: number): string | null {
    const c = this.code;
    if (e - s === 1) {
      const t = c.toks[s]!;
      if (t.k === 'str') return t.v ?? null;
      if (t.k === 'num') return t.t;
      return null;
    }
    if (c.group(s, e, '(')) return this.evalStr(s + 1, e - 1, depth + 1);
    if (this.rules.bracketConcat && c.group(s, e, '[')) {
      const parts = this.listItems(s, depth);
      return parts === null ? null : parts.join('');
    }
    const fn = c.call(s, e);
    const impl = fn === undefined ? undefined : this.rules.fns?.[fn];
    if (!impl) return null;
    const values: string[] = [];
    const named = new Map<string, string>();
    for (const a of c.args(s + 1)) {
      const list = this.evalList(a.s, a.e, depth + 1);
      if (list === null) return null;
      if (a.name !== undefined) named.set(a.name, list.join(''));
      else values.push(...list);
    }
    return impl(values, named);
  }

  /** `['a' 'b']`: items separated by spaces, not commas */
  private listItems(s: number, depth: number): string[] | null {
    const c = this.code;
    const out: string[] = [];
    const end = c.close(s);
    for (let i = s + 1; i < end;) {
      const t = c.toks[i]!;
      if (t.k === 'op' && (t.t === ',' || t.t === ';')) {
        i++;
        continue;
      }
      let stop = i + 1;
      if (t.k === 'op' && (t.t === '(' || t.t === '[' || t.t === '{')) stop = c.close(i) + 1;
      else if (t.k === 'id' && c.op(i + 1, '(')) stop = c.close(i + 1) + 1;
      stop = Math.min(stop, end);
      const v = this.evalStr(i, stop, depth + 1);
      if (v === null) return null;
      out.push(v);
      i = stop;
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Call tables

/**
 * What a call does, by the names of its parameters. `args` lists the parameters in order
 * (`...` takes the remaining positional arguments); each effect names the parameters it uses.
 */
export interface Spec {
  args?: string;
  /** runs these parameters, joined by spaces, through a shell */
  shell?: string;
  /** runs these parameters (strings or lists, in order) as an argument vector */
  argv?: string;
  /** runs this string split on whitespace as an argument vector (Java's `exec(String)`) */
  split?: string;
  read?: string;
  write?: string;
  delete?: string;
  /** `path mode`: opens a file, for writing when the mode has `w`, `a` or `+` */
  open?: string;
  load?: string;
  url?: string;
  /** a host, and `port` the parameter with its port */
  host?: string;
  port?: string;
  signal?: string;
  /** code in the same language, scanned when literal */
  code?: string;
  /** with `code`: code in this other language, reported for the caller */
  language?: string;
  /** these parameters, when present, carry data out (a request body) */
  body?: string;
  net?: boolean;
  sends?: boolean;
  /** always unknown, for this reason */
  unknown?: string;
}

/** Applies a call's spec to its arguments. `rescan` scans a literal of the same language. */
export function applySpec(
  fx: Effects,
  name: string,
  spec: Spec,
  args: Arg[],
  ev: Evaluator,
  rescan?: (code: string, depth: number) => CodeEffects,
): void {
  const bound = bind((spec.args ?? '').split(' ').filter(Boolean), args);
  const get = (params: string | undefined): Arg[] =>
    params === undefined ? [] : params.split(' ').flatMap((p) => bound.get(p) ?? []);
  const lists = (params: string | undefined, each: (v: string | null) => void) => {
    for (const a of get(params)) {
      const v = ev.list(a);
      if (v === null) each(null);
      else v.forEach(each);
    }
  };
  if (spec.unknown) fx.unknown(`${spec.unknown} (${name})`);
  if (spec.net) fx.net();
  if (spec.sends) fx.sends();
  if (get(spec.body).length > 0) fx.sends();
  const dynamic = `runs a command only known at run time (${name})`;
  if (spec.shell) {
    const parts = get(spec.shell).map((a) => ev.list(a));
    if (parts.length > 0) {
      if (parts.some((p) => p === null)) fx.unknown(dynamic);
      else fx.shell(parts.flatMap((p) => p!).join(' '));
    }
  }
  if (spec.argv) {
    const parts = get(spec.argv).map((a) => ev.list(a));
    if (parts.length > 0) {
      if (parts.some((p) => p === null)) fx.unknown(dynamic);
      else fx.argv(parts.flatMap((p) => p!));
    }
  }
  for (const a of get(spec.split)) {
    const v = ev.list(a);
    if (v === null) fx.unknown(dynamic);
    else fx.argv(v.length === 1 ? splitWords(v[0]!) : v);
  }
  lists(spec.read, (v) => fx.read(v ?? '?'));
  lists(spec.write, (v) =>
    v === null ? fx.unknown(`writes a file only known at run time (${name})`) : fx.write(v),
  );
  lists(spec.delete, (v) =>
    v === null ? fx.unknown(`deletes a file only known at run time (${name})`) : fx.delete(v),
  );
  lists(spec.load, (v) =>
    v === null ? fx.unknown(`loads code only known at run time (${name})`) : fx.load(v),
  );
  lists(spec.url, (v) => (v === null ? fx.net() : fx.url(v)));
  for (const a of get(spec.host)) {
    const host = ev.str(a);
    const portArg = get(spec.port)[0];
    const port = portArg ? ev.str(portArg) : null;
    if (host === null) fx.net();
    else fx.host(port ? `${host}:${port}` : host);
  }
  lists(spec.signal, (v) => fx.signal(v !== null && /^\d+$/.test(v) ? `pid:${v}` : '?'));
  for (const a of get(spec.code)) {
    const v = ev.str(a);
    if (spec.language) {
      if (v === null) fx.unknown(`runs ${spec.language} code built at run time (${name})`);
      else fx.code(spec.language, v);
    } else if (v === null || !rescan) fx.unknown(`evaluates code built at run time (${name})`);
    else fx.nested(rescan, v);
  }
  if (spec.open) {
    const [pathParam, modeParam] = spec.open.split(' ');
    const path = bound.get(pathParam ?? '')?.[0];
    const modeArg = bound.get(modeParam ?? '')?.[0];
    if (path) {
      const mode = modeArg ? ev.str(modeArg) : 'r';
      openFile(fx, name, ev.str(path), mode);
    }
  }
}

/** A file opened with `mode` (null: not a literal): a read, or a write for `w`, `a`, `+`. */
export function openFile(fx: Effects, name: string, path: string | null, mode: string | null): void {
  const writes = mode === null || /[wWaA+x]/.test(mode);
  if (!writes) fx.read(path ?? '?');
  else if (path === null) fx.unknown(`writes a file only known at run time (${name})`);
  else fx.write(path);
}

/** Binds arguments to parameters: by name first, then positionally in order; `...` takes the rest. */
export function bind(formals: readonly string[], args: readonly Arg[]): Map<string, Arg[]> {
  const bound = new Map<string, Arg[]>();
  const add = (p: string, a: Arg) => bound.set(p, [...(bound.get(p) ?? []), a]);
  const positional: Arg[] = [];
  for (const a of args) {
    if (a.name !== undefined && formals.includes(a.name)) add(a.name, a);
    else if (a.name === undefined) positional.push(a);
  }
  let next = 0;
  for (const p of formals) {
    if (next >= positional.length) break;
    if (p === '...') {
      while (next < positional.length) add(p, positional[next++]!);
    } else if (!bound.has(p)) add(p, positional[next++]!);
  }
  return bound;
}
