/**
 * Shared helpers for the inline-code scanners: a tokenizer for C-like, JavaScript, Python, Perl,
 * Ruby and PHP source that finds string literals (decoded), comments and the code inside
 * interpolations; bracket matching; call argument lists; literal evaluation of arguments; and a
 * small walker over call chains (`a.b(c).d(e)`) that the language scanners drive with a table of
 * call names. Everything here is linear in the length of the code and never throws on bad input:
 * unterminated literals run to the end of their line or of the code, unbalanced brackets are left
 * unmatched. No regular expression in this file backtracks over the code.
 *
 * Stable exports for other scanners: `lex`, `Token`, `Dialect`, `mask`, `brackets`, `listEnds`,
 * `splitArgs`, `Arg`, `Effects`, `Value`, `Walker`, `Language`, `Handler`, `Call`.
 */
import { SHELLS } from '../scope.js';
import { emptyCodeEffects, type CodeEffects } from './types.js';

// ---------------------------------------------------------------------------------------------
// Tokens

/** `c`: C-like quoting (`'…'`, `"…"`, `//`, `/* *\/`); `js` adds template literals and regular expressions. */
export type Dialect = 'c' | 'js' | 'python' | 'perl' | 'ruby' | 'php';

export type TokenKind = 'name' | 'string' | 'number' | 'punct' | 'regex' | 'command';

export interface Token {
  /**
   * `name`: identifier, with its sigil in Perl/Ruby/PHP (`$x`, `@x`) and `::` parts joined
   * (`File::Path::rmtree`); `string`: a string literal, symbol, word list or here-document;
   * `command`: a command literal (backticks, `qx//`, `%x()`); `regex`: a regular expression or
   * Perl `s///`, `tr///`; `punct`: operators and brackets (an interpolation opens with a `punct`
   * token of tag `interp`, e.g. `${`, and closes with `}`, the tokens of its code in between).
   */
  kind: TokenKind;
  /** source text of the token */
  text: string;
  /** strings, commands, regexes: the decoded contents (interpolated parts left out); else `text` */
  value: string;
  /** false for a string or command with interpolation (`f"{x}"`, `` `${x}` ``, `"#{x}"`, `"$x"`) */
  literal: boolean;
  start: number;
  end: number;
  /** a line break comes between the previous token and this one */
  nl: boolean;
  /**
   * strings: the quote or kind (`'`, `"`, `` ` ``, `'''`, `qw`, `heredoc`, `sym`, `<>` for Perl
   * `<FH>`), with the Python prefix first (`f"`, `rb'`); regexes: the operator (`/`, `m`, `s`,
   * `tr`, `qr`, `%r`); punct: `interp` for an interpolation opener; else empty
   */
  tag: string;
  /** regexes: the flags after the closing delimiter */
  flags: string;
  /** Perl `s///`, `tr///`: the source text of the replacement part */
  replacement: string;
  /**
   * Perl: code inside a string (`"@{[ … ]}"`, `"${\ … }"`), as text, for the scanner to scan
   * again. (Perl finds a string's end before it parses the code in it, so that code is not
   * tokenized in place as it is for the other languages.)
   */
  embedded: string[];
}

interface StrState {
  tok: Token;
  parts: string[];
  /** closing delimiter; '' for a here-document */
  close: string;
  /** opening bracket when the delimiters nest (`q{…{…}…}`), else '' */
  open: string;
  nest: number;
  /** Python triple quotes */
  triple: boolean;
  escapes: 'none' | 'raw' | 'quote' | 'full';
  interp: 'none' | 'js' | 'py' | 'ruby' | 'perl' | 'php';
  stopAtNewline: boolean;
  heredoc: { term: string; indent: boolean; php: boolean } | undefined;
  atLineStart: boolean;
  /** Python f-string: inside a format spec (`{x:>10}`) */
  fspec: boolean;
  /** JavaScript regex: inside a character class, where `/` does not close */
  klass: boolean;
  /** Perl `s///`, `tr///`: the replacement part still to scan */
  then: StrState | undefined;
  /** the token field this state fills */
  into: 'value' | 'replacement';
  /** start of the replacement part's source */
  partStart: number;
}

interface Frame {
  str: StrState;
  close: string;
  depth: number;
}

const PUNCT: Record<Dialect, string[]> = {
  c: [
    '>>=',
    '<<=',
    '...',
    '->',
    '==',
    '!=',
    '<=',
    '>=',
    '&&',
    '||',
    '++',
    '--',
    '+=',
    '-=',
    '*=',
    '/=',
    '%=',
  ],
  js: [
    '>>>=',
    '===',
    '!==',
    '**=',
    '...',
    '>>=',
    '<<=',
    '>>>',
    '&&=',
    '||=',
    '??=',
    '=>',
    '==',
    '!=',
    '<=',
    '>=',
    '&&',
    '||',
    '??',
    '?.',
    '++',
    '--',
    '+=',
    '-=',
    '*=',
    '/=',
    '%=',
    '&=',
    '|=',
    '^=',
    '<<',
    '>>',
    '**',
  ],
  python: [
    '**=',
    '//=',
    '>>=',
    '<<=',
    '...',
    '->',
    ':=',
    '==',
    '!=',
    '<=',
    '>=',
    '**',
    '//',
    '<<',
    '>>',
    '+=',
    '-=',
    '*=',
    '/=',
    '%=',
    '&=',
    '|=',
    '^=',
    '@=',
  ],
  perl: [
    '<=>',
    '**=',
    '||=',
    '&&=',
    '//=',
    '...',
    '<<=',
    '>>=',
    '=>',
    '->',
    '==',
    '!=',
    '<=',
    '>=',
    '&&',
    '||',
    '//',
    '++',
    '--',
    '+=',
    '-=',
    '*=',
    '/=',
    '.=',
    '%=',
    '=~',
    '!~',
    '..',
    '**',
    '<<',
    '>>',
    '::',
  ],
  ruby: [
    '<=>',
    '===',
    '**=',
    '||=',
    '&&=',
    '<<=',
    '>>=',
    '...',
    '=>',
    '->',
    '==',
    '!=',
    '<=',
    '>=',
    '&&',
    '||',
    '+=',
    '-=',
    '*=',
    '/=',
    '%=',
    '=~',
    '!~',
    '..',
    '**',
    '<<',
    '>>',
    '::',
    '&.',
  ],
  php: [
    '===',
    '!==',
    '<=>',
    '**=',
    '??=',
    '...',
    '?->',
    '<<=',
    '>>=',
    '=>',
    '->',
    '==',
    '!=',
    '<>',
    '<=',
    '>=',
    '&&',
    '||',
    '??',
    '++',
    '--',
    '+=',
    '-=',
    '*=',
    '/=',
    '.=',
    '%=',
    '**',
    '<<',
    '>>',
    '::',
  ],
};
/** characters that never begin a longer operator */
const SINGLE = new Set([...'()[]{},;'].map((c) => c.charCodeAt(0)));
/** per dialect, the characters that begin a longer operator */
const MULTI_START = Object.fromEntries(
  Object.entries(PUNCT).map(([d, list]) => [d, new Set(list.map((p) => p.charCodeAt(0)))]),
) as Record<Dialect, Set<number>>;
/** shared by every token without embedded code */
const NO_CODE: string[] = [];
const PUNCT_SETS = Object.fromEntries(Object.entries(PUNCT).map(([d, list]) => [d, new Set(list)])) as Record<
  Dialect,
  Set<string>
>;

/** JavaScript words after which `/` starts a regular expression */
const JS_REGEX_AFTER = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);
/** Ruby words after which `/` starts a regular expression */
const RUBY_REGEX_AFTER = new Set([
  'if',
  'unless',
  'while',
  'until',
  'and',
  'or',
  'not',
  'return',
  'when',
  'then',
  'else',
  'elsif',
  'do',
  'puts',
  'print',
  'p',
]);
const PY_PREFIXES = new Set(['r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);
const PERL_QUOTE_OPS = new Set(['q', 'qq', 'qw', 'qx', 'm', 'qr', 's', 'tr', 'y']);
const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
}
function isIdPart(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Split a source into tokens. Linear; never throws. */
export function lex(code: string, dialect: Dialect): Token[] {
  const lexer = new Lexer(code, dialect);
  try {
    return lexer.run();
  } catch {
    // not expected; the tokens so far and a marker that the rest was not read
    return lexer.partial();
  }
}

class Lexer {
  private readonly toks: Token[] = [];
  private readonly n: number;
  private pos = 0;
  private nl = false;
  private frames: Frame[] = [];
  private heredocs: StrState[] = [];
  private stop = false;
  /** PHP: outside `<?php … ?>` */
  private html = false;

  constructor(
    private readonly src: string,
    private readonly d: Dialect,
  ) {
    this.n = src.length;
    if (d === 'php') this.html = phpStartsInHtml(src);
  }

  partial(): Token[] {
    const end = this.n;
    this.toks.push({
      kind: 'punct',
      text: '',
      value: '',
      literal: false,
      start: end,
      end,
      nl: true,
      tag: 'error',
      flags: '',
      replacement: '',
      embedded: NO_CODE,
    });
    return this.toks;
  }

  run(): Token[] {
    if (this.src.startsWith('#!')) this.skipLine();
    while (this.pos < this.n && !this.stop) this.step();
    // a here-document whose body never came is empty
    for (const st of this.heredocs) st.tok.value = '';
    return this.toks;
  }

  // -- helpers ------------------------------------------------------------------------------

  private code(i: number): number {
    return i < this.n ? this.src.charCodeAt(i) : -1;
  }
  private ch(i: number): string {
    return i < this.n ? this.src[i]! : '';
  }
  private push(kind: TokenKind, start: number, end: number, tag = ''): Token {
    const text = this.src.slice(start, end);
    const tok: Token = {
      kind,
      text,
      value: text,
      literal: true,
      start,
      end,
      nl: this.nl,
      tag,
      flags: '',
      replacement: '',
      embedded: NO_CODE,
    };
    this.nl = false;
    this.toks.push(tok);
    return tok;
  }
  private last(): Token | undefined {
    return this.toks[this.toks.length - 1];
  }
  private skipLine(): void {
    const e = this.src.indexOf('\n', this.pos);
    this.pos = e < 0 ? this.n : e;
  }
  private atLineStart(): boolean {
    return this.pos === 0 || this.src[this.pos - 1] === '\n';
  }
  /** `/` may start a regular expression here (and `<<` a here-document, `%` a Ruby literal) */
  private regexAllowed(): boolean {
    const t = this.last();
    if (!t) return true;
    if (t.kind === 'punct') return !(t.text === ')' || t.text === ']' || t.text === '}');
    if (t.kind !== 'name') return false;
    if (this.d === 'js') return JS_REGEX_AFTER.has(t.text);
    // Perl barewords are list operators (`split /,/`); variables are operands
    if (this.d === 'perl') return !/^[$@%&*]/.test(t.text);
    if (this.d === 'ruby') {
      if (RUBY_REGEX_AFTER.has(t.text)) return true;
      if (/^[$@A-Z]/.test(t.text)) return false;
      // `foo /x/` is a call with a literal; `foo / x` and `foo/x` divide
      const next = this.code(this.pos + 1);
      return t.end < this.pos && next !== -1 && !isSpace(next) && next !== 61;
    }
    return false;
  }

  // -- code ----------------------------------------------------------------------------------

  private step(): void {
    if (this.html) {
      const open = this.src.indexOf('<?', this.pos);
      if (open < 0) {
        this.pos = this.n;
        return;
      }
      this.pos = open + 2;
      if (this.src.slice(this.pos, this.pos + 3).toLowerCase() === 'php') this.pos += 3;
      else if (this.src[this.pos] === '=') this.pos += 1;
      this.html = false;
      return;
    }
    const c = this.code(this.pos);
    const d = this.d;
    if (c === 10) {
      this.nl = true;
      this.pos++;
      if (this.heredocs.length > 0 && this.frames.length === 0) this.scanStr(this.heredocs.shift()!);
      return;
    }
    if (isSpace(c)) {
      this.pos++;
      return;
    }
    if (c === 92 && this.code(this.pos + 1) === 10 && d !== 'perl') {
      // line continuation
      this.pos += 2;
      return;
    }
    if (this.atLineStart() && this.lineStart()) return;
    if (d === 'php' && c === 63 && this.src[this.pos + 1] === '>') {
      // back to inline text; `?>` ends a statement
      this.push('punct', this.pos, this.pos).text = ';';
      this.pos += 2;
      this.html = true;
      return;
    }
    if (this.comment(c)) return;
    const frame = this.frames[this.frames.length - 1];
    if (frame) {
      const s = this.ch(this.pos);
      if (frame.depth === 0 && s === frame.close) {
        this.push('punct', this.pos, this.pos + 1);
        this.pos++;
        this.frames.pop();
        this.scanStr(frame.str);
        return;
      }
      if (frame.depth === 0 && s === ':' && frame.str.interp === 'py' && this.ch(this.pos + 1) !== '=') {
        // f"{x:>10}": the rest of the field is a format spec
        this.push('punct', this.pos, this.pos).text = '}';
        this.frames.pop();
        this.pos++;
        frame.str.fspec = true;
        this.scanStr(frame.str);
        return;
      }
      if (s === '(' || s === '[' || s === '{') frame.depth++;
      else if ((s === ')' || s === ']' || s === '}') && frame.depth > 0) frame.depth--;
    }
    if (this.stringStart(c)) return;
    if (isDigit(c) || (c === 46 && isDigit(this.code(this.pos + 1)))) return this.number();
    if (this.nameStart(c)) return;
    this.punct();
  }

  /** constructs that only start at the beginning of a line */
  private lineStart(): boolean {
    const src = this.src;
    const p = this.pos;
    if (
      (this.d === 'perl' || this.d === 'ruby') &&
      (src.startsWith('__END__', p) || src.startsWith('__DATA__', p))
    ) {
      const after = this.code(p + (src.startsWith('__END__', p) ? 7 : 8));
      if (after === -1 || isSpace(after)) {
        this.stop = true;
        return true;
      }
    }
    if (this.d === 'perl' && src[p] === '=' && isIdStart(this.code(p + 1))) {
      // POD runs to a `=cut` line
      const cut = findLine(src, p, '=cut');
      this.pos = cut < 0 ? this.n : cut;
      this.skipLine();
      return true;
    }
    if (this.d === 'ruby' && src.startsWith('=begin', p)) {
      const end = findLine(src, p, '=end');
      this.pos = end < 0 ? this.n : end;
      this.skipLine();
      return true;
    }
    return false;
  }

  private comment(c: number): boolean {
    const d = this.d;
    const next = this.code(this.pos + 1);
    if ((d === 'c' || d === 'js' || d === 'php') && c === 47 && next === 47) return this.lineComment();
    if ((d === 'c' || d === 'js' || d === 'php') && c === 47 && next === 42) {
      const e = this.src.indexOf('*/', this.pos + 2);
      const end = e < 0 ? this.n : e + 2;
      if (this.src.slice(this.pos, end).includes('\n')) this.nl = true;
      this.pos = end;
      return true;
    }
    if (c !== 35) return false;
    if (d === 'python') {
      // inside an f-string field `#` is not a comment
      const frame = this.frames[this.frames.length - 1];
      if (frame?.str.interp === 'py') return false;
      return this.lineComment();
    }
    if (d === 'ruby') return this.lineComment();
    if (d === 'php') return next === 91 ? false : this.lineComment();
    return d === 'perl' ? this.lineComment() : false;
  }

  private lineComment(): boolean {
    if (this.d === 'php') {
      // a PHP line comment also ends at `?>`
      const e = this.src.indexOf('\n', this.pos);
      const end = e < 0 ? this.n : e;
      const q = this.src.slice(this.pos, end).indexOf('?>');
      this.pos = q >= 0 ? this.pos + q : end;
      return true;
    }
    this.skipLine();
    return true;
  }

  private number(): void {
    const start = this.pos;
    let dot = false;
    while (this.pos < this.n) {
      const c = this.code(this.pos);
      if (isIdPart(c)) this.pos++;
      else if (c === 46 && !dot && isDigit(this.code(this.pos + 1))) {
        dot = true;
        this.pos++;
      } else break;
    }
    this.push('number', start, this.pos);
  }

  private nameStart(c: number): boolean {
    const d = this.d;
    const start = this.pos;
    let p = this.pos;
    if (d === 'perl' && (c === 36 || c === 64)) {
      // $x @x $::x $#x $$ref $1 $_ $& $^W; a sigil before `{` is a punct (`${…}`, `@{…}`)
      p++;
      if (c === 36 && this.src[p] === '#' && (isIdStart(this.code(p + 1)) || this.src[p + 1] === '$')) p++;
      while (this.src[p] === '$' && (isIdStart(this.code(p + 1)) || this.src[p + 1] === '$')) p++;
      if (isIdStart(this.code(p)) || (this.src[p] === ':' && this.src[p + 1] === ':'))
        p = this.ident(p, true);
      else if (isDigit(this.code(p))) while (isDigit(this.code(p))) p++;
      else if (c === 36 && this.src[p] === '^' && isIdStart(this.code(p + 1))) p += 2;
      else if (
        c === 36 &&
        p === start + 1 &&
        p < this.n &&
        '&`\'+!@/\\,;.<>[]()$"|?:-~=%0'.includes(this.src[p]!)
      )
        p++;
      this.pos = p;
      this.push(p === start + 1 ? 'punct' : 'name', start, p);
      return true;
    }
    if (d === 'php' && c === 36) {
      p++;
      while (this.src[p] === '$') p++;
      if (isIdStart(this.code(p))) {
        p = this.ident(p, false);
        this.pos = p;
        this.push('name', start, p);
        return true;
      }
      this.pos = p;
      this.push('punct', start, p);
      return true;
    }
    if (d === 'ruby' && (c === 36 || c === 64)) {
      p++;
      if (c === 64 && this.src[p] === '@') p++;
      if (isIdStart(this.code(p))) p = this.ident(p, false);
      else if (c === 36 && p < this.n && !isSpace(this.code(p))) p++;
      this.pos = p;
      this.push('name', start, p);
      return true;
    }
    if (d === 'ruby' && c === 58 && this.rubySymbol()) return true;
    if (d === 'php' && c === 92 && isIdStart(this.code(p + 1))) p++;
    else if (
      (d === 'perl' || d === 'ruby' || d === 'php') &&
      c === 58 &&
      this.src[p + 1] === ':' &&
      isIdStart(this.code(p + 2))
    )
      p += 2;
    else if (!(isIdStart(c) || (d === 'js' && (c === 36 || (c === 35 && isIdStart(this.code(p + 1)))))))
      return false;
    if (c === 35) p++;
    p = this.ident(p, d === 'perl' || d === 'ruby' || d === 'php');
    if (
      d === 'ruby' &&
      (this.src[p] === '?' || this.src[p] === '!') &&
      this.src[p + 1] !== '=' &&
      !isIdPart(this.code(p + 1))
    )
      p++;
    const word = this.src.slice(start, p);
    if (
      d === 'python' &&
      PY_PREFIXES.has(word.toLowerCase()) &&
      (this.src[p] === '"' || this.src[p] === "'")
    ) {
      this.pos = p;
      this.pythonString(start, word.toLowerCase());
      return true;
    }
    if (d === 'perl' && PERL_QUOTE_OPS.has(word) && this.perlQuote(start, p, word)) return true;
    this.pos = p;
    this.push('name', start, p);
    return true;
  }

  /** an identifier from p, with `::` parts (and PHP `\` namespace parts) when `joined` */
  private ident(p: number, joined: boolean): number {
    const d = this.d;
    for (;;) {
      while (isIdPart(this.code(p)) || (d === 'js' && this.code(p) === 36)) p++;
      if (joined && this.src[p] === ':' && this.src[p + 1] === ':' && isIdStart(this.code(p + 2))) p += 2;
      else if (d === 'php' && this.src[p] === '\\' && isIdStart(this.code(p + 1))) p++;
      else return p;
    }
  }

  private punct(): void {
    const src = this.src;
    const p = this.pos;
    const c0 = src.charCodeAt(p);
    if (SINGLE.has(c0) || !MULTI_START[this.d].has(c0)) {
      this.pos++;
      this.push('punct', p, p + 1);
      return;
    }
    const set = PUNCT_SETS[this.d];
    for (const len of [4, 3, 2]) {
      const s = src.slice(p, p + len);
      if (s.length === len && set.has(s)) {
        // `a?.5:1` is a conditional, not optional chaining
        if (s === '?.' && isDigit(this.code(p + 2))) break;
        this.pos += len;
        this.push('punct', p, p + len);
        return;
      }
    }
    this.pos++;
    this.push('punct', p, p + 1);
  }

  // -- strings -------------------------------------------------------------------------------

  private newState(tok: Token, close: string, partial: Partial<StrState> = {}): StrState {
    const st: StrState = {
      tok,
      parts: [],
      close,
      open: '',
      nest: 0,
      triple: false,
      escapes: 'full',
      interp: 'none',
      stopAtNewline: false,
      heredoc: undefined,
      atLineStart: false,
      fspec: false,
      klass: false,
      then: undefined,
      into: 'value',
      partStart: 0,
    };
    return Object.assign(st, partial);
  }

  private stringStart(c: number): boolean {
    const d = this.d;
    const p = this.pos;
    const s = this.src[p]!;
    if (d === 'python') {
      if (s === '"' || s === "'") {
        this.pythonString(p, '');
        return true;
      }
      return false;
    }
    if (s === '"' || s === "'") {
      const tok = this.push('string', p, p + 1, s);
      this.pos++;
      const interp =
        s === "'" ? 'none' : d === 'ruby' ? 'ruby' : d === 'perl' ? 'perl' : d === 'php' ? 'php' : 'none';
      const escapes = s === "'" && d !== 'js' && d !== 'c' ? 'quote' : 'full';
      this.scanStr(this.newState(tok, s, { interp, escapes, stopAtNewline: d === 'js' || d === 'c' }));
      return true;
    }
    if (s === '`' && d !== 'c') {
      const tok = this.push(d === 'js' ? 'string' : 'command', p, p + 1, '`');
      this.pos++;
      const interp = d === 'js' ? 'js' : d === 'ruby' ? 'ruby' : d === 'perl' ? 'perl' : 'php';
      this.scanStr(this.newState(tok, '`', { interp }));
      return true;
    }
    if (c === 47 && (d === 'js' || d === 'perl' || d === 'ruby') && this.regexAllowed()) {
      this.regex(p, '/', '/', d === 'ruby' ? 'ruby' : d === 'perl' ? 'perl' : 'none');
      return true;
    }
    if (c === 60 && (d === 'perl' || d === 'ruby' || d === 'php')) return this.heredocStart();
    if (c === 37 && d === 'ruby') return this.rubyPercent();
    if (c === 63 && d === 'ruby' && this.regexAllowed()) {
      // ?a character literal
      const n1 = this.code(p + 1);
      if (n1 !== -1 && !isSpace(n1) && !isIdPart(this.code(p + 2)) && n1 !== 92) {
        const tok = this.push('string', p, p + 2, '?');
        tok.value = this.src[p + 1]!;
        this.pos += 2;
        return true;
      }
    }
    return false;
  }

  private pythonString(start: number, prefix: string): void {
    const q = this.src[this.pos]!;
    const triple = this.src.startsWith(q + q + q, this.pos);
    const tok = this.push('string', start, start, prefix + (triple ? q + q + q : q));
    this.pos += triple ? 3 : 1;
    const raw = prefix.includes('r');
    const fmt = prefix.includes('f') || prefix.includes('t');
    this.scanStr(
      this.newState(tok, q, {
        triple,
        escapes: raw ? 'raw' : 'full',
        interp: fmt ? 'py' : 'none',
        stopAtNewline: !triple,
      }),
    );
  }

  private regex(start: number, open: string, close: string, interp: StrState['interp'], tag = '/'): void {
    const tok = this.push('regex', start, start, tag);
    this.pos = start + 1;
    this.scanStr(
      this.newState(tok, close, {
        open: open === close ? '' : open,
        escapes: 'raw',
        interp,
        stopAtNewline: this.d === 'js',
      }),
    );
  }

  /** Perl `q qq qw qx m qr s tr y` with any delimiter */
  private perlQuote(start: number, p: number, op: string): boolean {
    const prev = this.last();
    if (prev && (prev.text === '->' || prev.text === 'sub' || prev.text === '&')) return false;
    // `-s $file` is a file test
    if (prev && prev.text === '-' && prev.end === start) return false;
    let q = p;
    while (this.code(q) === 32 || this.code(q) === 9) q++;
    const delim = this.src[q];
    if (delim === undefined || isIdPart(this.code(q)) || isSpace(this.code(q))) return false;
    if ('=,;)}]>'.includes(delim) || (q > p && delim === '#')) return false;
    if (delim === '=' || (this.src[q] === '=' && this.src[q + 1] === '>')) return false;
    const close = PAIRS[delim] ?? delim;
    const open = close === delim ? '' : delim;
    const kind: TokenKind =
      op === 'qx'
        ? 'command'
        : op === 'm' || op === 'qr' || op === 's' || op === 'tr' || op === 'y'
          ? 'regex'
          : 'string';
    const tok = this.push(kind, start, start, op === 'q' || op === 'qq' ? delim : op);
    this.pos = q + 1;
    const single = delim === "'";
    const interp: StrState['interp'] =
      op === 'q' || op === 'qw' || op === 'tr' || op === 'y' || single ? 'none' : 'perl';
    const escapes: StrState['escapes'] = kind === 'regex' ? 'raw' : interp === 'none' ? 'quote' : 'full';
    const state = this.newState(tok, close, { open, escapes, interp });
    if (op === 's' || op === 'tr' || op === 'y') {
      // the replacement part: same delimiter, or a new pair after a bracketed pattern
      state.then = this.newState(tok, open ? '' : close, {
        open: '',
        escapes: 'raw',
        interp: op === 's' && !single ? 'perl' : 'none',
        into: 'replacement',
      });
    }
    this.scanStr(state);
    return true;
  }

  private rubySymbol(): boolean {
    const p = this.pos;
    const prev = this.last();
    const next = this.code(p + 1);
    // `a ? b : c` and `key: v` are not symbols; `::` is handled by names
    if (prev && prev.end === p && (prev.kind === 'name' || prev.kind === 'number')) return false;
    if (this.src[p + 1] === ':') return false;
    if (next === 34 || next === 39) {
      const tok = this.push('string', p, p + 2, 'sym');
      this.pos = p + 2;
      const q = this.src[p + 1]!;
      this.scanStr(
        this.newState(tok, q, { interp: q === '"' ? 'ruby' : 'none', escapes: q === '"' ? 'full' : 'quote' }),
      );
      return true;
    }
    if (!isIdStart(next)) return false;
    let e = this.ident(p + 1, false);
    if (this.src[e] === '?' || this.src[e] === '!' || this.src[e] === '=') {
      if (this.src[e + 1] !== '=' && this.src[e + 1] !== '>') e++;
    }
    const tok = this.push('string', p, e, 'sym');
    tok.value = this.src.slice(p + 1, e);
    this.pos = e;
    return true;
  }

  /** Ruby `%w() %q() %Q() %() %x() %r() %i() %s()` */
  private rubyPercent(): boolean {
    const p = this.pos;
    let q = p + 1;
    let kind = this.src[q] ?? '';
    if ('qQwWiIxrs'.includes(kind) && kind !== '') q++;
    else kind = 'Q';
    const delim = this.src[q];
    if (delim === undefined || isIdPart(this.code(q)) || isSpace(this.code(q)) || delim === '=') return false;
    // `x % 2` divides; `puts %w(a b)` and `f %(x)` are literals
    if (!this.regexAllowed()) return false;
    const close = PAIRS[delim] ?? delim;
    const open = close === delim ? '' : delim;
    const interp = 'QWIxr'.includes(kind) ? 'ruby' : 'none';
    const tokKind: TokenKind = kind === 'x' ? 'command' : kind === 'r' ? 'regex' : 'string';
    const tag =
      kind === 'w' || kind === 'W' || kind === 'i' || kind === 'I'
        ? 'qw'
        : kind === 's'
          ? 'sym'
          : kind === 'r'
            ? '%r'
            : '%' + kind;
    const tok = this.push(tokKind, p, p, tag);
    this.pos = q + 1;
    this.scanStr(
      this.newState(tok, close, {
        open,
        interp,
        escapes: interp === 'none' ? 'quote' : kind === 'r' ? 'raw' : 'full',
      }),
    );
    return true;
  }

  /** `<<EOS` (Ruby, Perl), `<<<EOT` (PHP), Perl `<FH>` */
  private heredocStart(): boolean {
    const src = this.src;
    const p = this.pos;
    const d = this.d;
    if (d === 'php') {
      if (!src.startsWith('<<<', p)) return false;
      let q = p + 3;
      while (src[q] === ' ' || src[q] === '\t') q++;
      const quote = src[q] === '"' || src[q] === "'" ? src[q]! : '';
      if (quote) q++;
      const idStart = q;
      while (isIdPart(this.code(q))) q++;
      if (q === idStart) return false;
      const term = src.slice(idStart, q);
      if (quote && src[q] === quote) q++;
      const lineEnd = src.indexOf('\n', q);
      const tok = this.push('string', p, p, 'heredoc');
      this.pos = lineEnd < 0 ? this.n : lineEnd + 1;
      this.scanStr(
        this.newState(tok, '', {
          heredoc: { term, indent: true, php: true },
          atLineStart: true,
          interp: quote === "'" ? 'none' : 'php',
          escapes: quote === "'" ? 'none' : 'full',
        }),
      );
      return true;
    }
    if (d === 'perl' && src[p + 1] !== '<' && this.regexAllowed()) {
      // <STDIN> <$fh> <> <*.txt>
      const close = findNear(src, '>', p + 1, 256);
      if (close > 0 && !src.slice(p + 1, close).includes(' ')) {
        const tok = this.push('string', p, close + 1, '<>');
        tok.value = src.slice(p + 1, close);
        this.pos = close + 1;
        return true;
      }
      return false;
    }
    if (!src.startsWith('<<', p) || src[p + 2] === '<' || src[p + 2] === '=') return false;
    let q = p + 2;
    let indent = false;
    if (src[q] === '~' || (d === 'ruby' && src[q] === '-')) {
      indent = true;
      q++;
    }
    const quote = src[q] === '"' || src[q] === "'" || src[q] === '`' ? src[q]! : '';
    if (quote) q++;
    const idStart = q;
    while (isIdPart(this.code(q))) q++;
    if (q === idStart) return false;
    if (quote && src[q] !== quote) return false;
    // `a << b` shifts; `print <<EOF`, `foo(<<~EOS)` start here-documents
    if (!this.regexAllowed() && !(this.last()?.kind === 'name' && !/^[$@%]/.test(this.last()!.text)))
      return false;
    if (d === 'ruby' && !indent && !quote && !/[A-Z]/.test(src[idStart]!)) return false;
    const term = src.slice(idStart, q);
    if (quote) q++;
    const tok = this.push(quote === '`' ? 'command' : 'string', p, q, 'heredoc');
    this.pos = q;
    this.heredocs.push(
      this.newState(tok, '', {
        heredoc: { term, indent, php: false },
        atLineStart: true,
        interp: quote === "'" ? 'none' : d === 'ruby' ? 'ruby' : 'perl',
        escapes: quote === "'" ? 'none' : 'full',
      }),
    );
    return true;
  }

  /** Scan string contents from `pos` until the closing delimiter or an interpolation. */
  private scanStr(st: StrState): void {
    const src = this.src;
    const n = this.n;
    let lit = this.pos;
    for (;;) {
      const p = this.pos;
      if (st.heredoc && st.atLineStart) {
        st.atLineStart = false;
        const e = src.indexOf('\n', p);
        const lineEnd = e < 0 ? n : e;
        let line = src.slice(p, lineEnd);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        const h = st.heredoc;
        if (h.php) {
          const t = line.trimStart();
          if (t.startsWith(h.term) && !isIdPart(t.charCodeAt(h.term.length))) {
            if (p > lit) st.parts.push(src.slice(lit, p));
            this.pos = p + (line.length - t.length) + h.term.length;
            return this.finish(st, true);
          }
        } else if ((h.indent ? line.trim() : line) === h.term) {
          if (p > lit) st.parts.push(src.slice(lit, p));
          this.pos = lineEnd;
          return this.finish(st, true);
        }
      }
      if (p >= n) {
        if (n > lit) st.parts.push(src.slice(lit, n));
        return this.finish(st, false);
      }
      const c = src[p]!;
      if (st.fspec) {
        // Python format spec: `{` opens a nested field, `}` ends the spec
        if (c === '{') {
          this.pos = p + 1;
          return this.openInterp(st, p, '}', '{');
        }
        if (c === '}') {
          st.fspec = false;
          this.pos = p + 1;
          lit = this.pos;
          continue;
        }
        if (c === st.close && (!st.triple || src.startsWith(c + c + c, p))) {
          st.fspec = false;
          continue;
        }
        this.pos = p + 1;
        lit = this.pos;
        continue;
      }
      if (c === '\n') {
        if (st.stopAtNewline) {
          if (p > lit) st.parts.push(src.slice(lit, p));
          return this.finish(st, false);
        }
        if (st.heredoc) {
          this.pos = p + 1;
          st.atLineStart = true;
          continue;
        }
      }
      if (this.d === 'js' && st.tok.kind === 'regex') {
        if (c === '[') st.klass = true;
        else if (c === ']') st.klass = false;
        else if (c === '/' && st.klass) {
          this.pos = p + 1;
          continue;
        }
      }
      if (st.close !== '' && c === st.close && st.nest === 0) {
        if (!st.triple) {
          if (p > lit) st.parts.push(src.slice(lit, p));
          this.pos = p + 1;
          return this.finish(st, true);
        }
        if (src.startsWith(c + c + c, p)) {
          if (p > lit) st.parts.push(src.slice(lit, p));
          this.pos = p + 3;
          return this.finish(st, true);
        }
      }
      if (st.open !== '') {
        if (c === st.open) st.nest++;
        else if (c === st.close) st.nest--;
      }
      if (c === '\\' && st.escapes !== 'none') {
        if (p > lit) st.parts.push(src.slice(lit, p));
        this.pos = this.escape(st, p);
        lit = this.pos;
        continue;
      }
      if (st.interp !== 'none' && this.interpolation(st, p, lit)) {
        if (this.frames[this.frames.length - 1]?.str === st) return;
        lit = this.pos;
        continue;
      }
      this.pos = p + 1;
    }
  }

  /** One escape sequence at p (a backslash); returns the position after it. */
  private escape(st: StrState, p: number): number {
    const src = this.src;
    const next = src[p + 1];
    if (next === undefined) return p + 1;
    if (st.escapes === 'raw') {
      // the backslash stays; the next character does not close the literal
      st.parts.push('\\' + next);
      return p + 2;
    }
    if (st.escapes === 'quote') {
      if (next === '\\' || next === st.close || (st.open !== '' && next === st.open)) {
        st.parts.push(next);
        return p + 2;
      }
      st.parts.push('\\');
      return p + 1;
    }
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
    if (next === '\n') return p + 2;
    if (next === '\r' && src[p + 2] === '\n') return p + 3;
    if (next === 'x') {
      if (src[p + 2] === '{') {
        const e = findNear(src, '}', p + 3, 12);
        if (e > 0) {
          st.parts.push(String.fromCodePoint(parseInt(src.slice(p + 3, e), 16) || 0));
          return e + 1;
        }
      }
      let q = p + 2;
      while (q < p + 4 && isHex(this.code(q))) q++;
      if (q > p + 2) {
        st.parts.push(String.fromCharCode(parseInt(src.slice(p + 2, q), 16)));
        return q;
      }
    }
    if (next === 'u' || next === 'U') {
      if (src[p + 2] === '{') {
        const e = findNear(src, '}', p + 3, 12);
        if (e > 0) {
          const cp = parseInt(src.slice(p + 3, e), 16);
          st.parts.push(cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '?');
          return e + 1;
        }
      }
      const len = next === 'u' ? 4 : 8;
      let q = p + 2;
      while (q < p + 2 + len && isHex(this.code(q))) q++;
      if (q === p + 2 + len) {
        const cp = parseInt(src.slice(p + 2, q), 16);
        st.parts.push(cp <= 0x10ffff ? String.fromCodePoint(cp) : '?');
        return q;
      }
    }
    if (next >= '0' && next <= '7' && this.d !== 'js') {
      let q = p + 1;
      while (q < p + 4 && src[q]! >= '0' && src[q]! <= '7') q++;
      st.parts.push(String.fromCharCode(parseInt(src.slice(p + 1, q), 8)));
      return q;
    }
    const s = simple[next];
    if (s !== undefined) st.parts.push(s);
    else if (this.d === 'python' && !'\\\'"'.includes(next)) st.parts.push('\\' + next);
    else st.parts.push(next);
    return p + 2;
  }

  /** Interpolation at p, if any: marks the string non-literal, opens a frame for embedded code. */
  private interpolation(st: StrState, p: number, lit: number): boolean {
    const src = this.src;
    const c = src[p]!;
    const next = src[p + 1] ?? '';
    switch (st.interp) {
      case 'js':
        if (c === '$' && next === '{') {
          if (p > lit) st.parts.push(src.slice(lit, p));
          this.pos = p + 2;
          this.openInterp(st, p, '}', '${');
          return true;
        }
        return false;
      case 'py':
        if (c === '{' || c === '}') {
          if (p > lit) st.parts.push(src.slice(lit, p));
          if (next === c) {
            st.parts.push(c);
            this.pos = p + 2;
            return true;
          }
          this.pos = p + 1;
          if (c === '}') return true;
          this.openInterp(st, p, '}', '{');
          return true;
        }
        return false;
      case 'ruby':
        if (c !== '#') return false;
        if (next === '{') {
          if (p > lit) st.parts.push(src.slice(lit, p));
          this.pos = p + 2;
          this.openInterp(st, p, '}', '#{');
          return true;
        }
        if (next === '@' || next === '$') {
          let q = p + 2;
          if (src[q] === '@') q++;
          if (!isIdStart(this.code(q))) return false;
          if (p > lit) st.parts.push(src.slice(lit, p));
          this.pos = this.ident(q, false);
          st.tok.literal = false;
          return true;
        }
        return false;
      case 'perl': {
        if (c !== '$' && c !== '@') return false;
        if (next === '{') {
          if (p > lit) st.parts.push(src.slice(lit, p));
          this.pos = this.perlBlock(st, p + 1);
          st.tok.literal = false;
          return true;
        }
        let q = p + 1;
        if (c === '$' && (next === '$' || next === '#')) q++;
        if (isIdStart(this.code(q)) || (next === ':' && src[p + 2] === ':')) {
          if (p > lit) st.parts.push(src.slice(lit, p));
          q = this.ident(q, true);
          // a subscript: `$h{key}`, `$a[1]`, `$r->{k}`
          for (let rounds = 0; rounds < 8; rounds++) {
            const arrow = src.startsWith('->', q) && (src[q + 2] === '[' || src[q + 2] === '{') ? 2 : 0;
            const open = src[q + arrow];
            if (open !== '[' && open !== '{') break;
            const e = findNear(src, open === '[' ? ']' : '}', q + arrow, 200);
            if (e < 0) break;
            q = e + 1;
          }
          this.pos = q;
          st.tok.literal = false;
          return true;
        }
        if (c === '$' && next !== '' && (isDigit(this.code(p + 1)) || "&`'+!@/\\,;.".includes(next))) {
          // in a pattern `$` is mostly an anchor
          if (st.tok.kind === 'regex') return false;
          if (p > lit) st.parts.push(src.slice(lit, p));
          this.pos = p + 2;
          st.tok.literal = false;
          return true;
        }
        return false;
      }
      case 'php': {
        if (c === '{' && next === '$') {
          if (p > lit) st.parts.push(src.slice(lit, p));
          this.pos = p + 1;
          this.openInterp(st, p, '}', '{');
          return true;
        }
        if (c !== '$') return false;
        if (next === '{') {
          if (p > lit) st.parts.push(src.slice(lit, p));
          this.pos = p + 2;
          this.openInterp(st, p, '}', '${');
          return true;
        }
        if (!isIdStart(this.code(p + 1))) return false;
        if (p > lit) st.parts.push(src.slice(lit, p));
        let q = this.ident(p + 1, false);
        if (src[q] === '[') {
          const e = findNear(src, ']', q, 200);
          if (e > 0) q = e + 1;
        } else if (src.startsWith('->', q) && isIdStart(this.code(q + 2))) q = this.ident(q + 2, false);
        this.pos = q;
        st.tok.literal = false;
        return true;
      }
      default:
        return false;
    }
  }

  /** Perl `${ … }` / `@{ … }` in a string, `{` at p: keeps the code for a later scan; returns the position after it */
  private perlBlock(st: StrState, p: number): number {
    const src = this.src;
    let depth = 0;
    let q = p;
    for (; q < this.n; q++) {
      const c = src[q]!;
      if (c === '\\') {
        q++;
        continue;
      }
      if ((c === st.close && st.open === '' && st.close !== '') || (c === '\n' && st.heredoc)) break;
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    if (src[q] !== '}') return q;
    const body = src.slice(p + 1, q);
    if (st.tok.embedded === NO_CODE) st.tok.embedded = [];
    st.tok.embedded.push(st.close === '' ? body : body.split('\\' + st.close).join(st.close));
    return q + 1;
  }

  private openInterp(st: StrState, at: number, close: string, text: string): void {
    st.tok.literal = false;
    const t = this.push('punct', at, this.pos, 'interp');
    t.text = text;
    this.frames.push({ str: st, close, depth: 0 });
  }

  private finish(st: StrState, closed: boolean): void {
    const tok = st.tok;
    const text = st.parts.join('');
    if (st.into === 'replacement')
      tok.replacement = this.src.slice(st.partStart, closed ? this.pos - 1 : this.pos);
    else tok.value = text;
    if (st.then && closed) {
      // Perl s{…}{…} / s/…/…/: the replacement part
      const next = st.then;
      st.then = undefined;
      if (next.close === '') {
        let q = this.pos;
        while (q < this.n && isSpace(this.code(q))) q++;
        const delim = this.src[q];
        if (delim === undefined) return this.finish(next, false);
        next.close = PAIRS[delim] ?? delim;
        next.open = next.close === delim ? '' : delim;
        this.pos = q + 1;
      }
      next.partStart = this.pos;
      return this.scanStr(next);
    }
    if (tok.kind === 'regex') {
      let q = this.pos;
      while (q < this.n && isIdPart(this.code(q)) && !isDigit(this.code(q))) q++;
      tok.flags = this.src.slice(this.pos, q);
      this.pos = q;
    }
    // a Ruby or Perl here-document's body comes after its line: the token stays the marker
    if (st.heredoc && !st.heredoc.php) return;
    tok.end = this.pos;
    tok.text = this.src.slice(tok.start, tok.end);
  }
}

/** The first `ch` in src from `from` on the same line and within `limit` characters, or -1. */
function findNear(src: string, ch: string, from: number, limit: number): number {
  const end = Math.min(src.length, from + limit);
  for (let i = from; i < end; i++) {
    const c = src[i];
    if (c === ch) return i;
    if (c === '\n') return -1;
  }
  return -1;
}

/** Position of the line that starts with `word` at or after p, or -1. */
function findLine(src: string, p: number, word: string): number {
  let i = src.indexOf('\n' + word, p);
  while (i >= 0) {
    const after = src.charCodeAt(i + 1 + word.length);
    if (Number.isNaN(after) || isSpace(after)) return i + 1;
    i = src.indexOf('\n' + word, i + 1);
  }
  return -1;
}

/** A PHP text starts outside code when it opens with `<?`, a `#!` line or text before `<?php`. */
function phpStartsInHtml(src: string): boolean {
  const body = src.startsWith('#!') ? src.slice(src.indexOf('\n') + 1) : src;
  const t = body.trimStart();
  if (t.startsWith('<?')) return true;
  const tag = body.indexOf('<?php');
  return tag >= 0 && !body.slice(0, tag).includes(';');
}

/**
 * The code with every string's contents, every comment and all inline text blanked to spaces
 * (line breaks kept), so that offsets still match. Quote characters stay.
 */
export function mask(code: string, tokens: readonly Token[]): string {
  const out: string[] = [];
  let at = 0;
  const blank = (to: number) => {
    for (let i = at; i < to; i++) out.push(code[i] === '\n' ? '\n' : ' ');
  };
  for (const t of tokens) {
    if (t.start < at) continue;
    blank(t.start);
    if (t.kind === 'string' || t.kind === 'command' || t.kind === 'regex') {
      at = t.start;
      const len = t.end - t.start;
      for (let i = 0; i < len; i++) {
        const c = code[t.start + i]!;
        out.push(i === 0 || i === len - 1 || c === '\n' ? c : ' ');
      }
    } else out.push(code.slice(t.start, t.end));
    at = Math.max(at, t.end);
  }
  blank(code.length);
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Brackets, statement lists, argument lists

/** `(`, `[`, `{` or an interpolation opener (`${`, `#{`) */
export function isOpener(t: Token | undefined): boolean {
  return (
    t !== undefined &&
    t.kind === 'punct' &&
    (t.tag === 'interp' || t.text === '(' || t.text === '[' || t.text === '{')
  );
}
export function isCloser(t: Token | undefined): boolean {
  return (
    t !== undefined &&
    t.kind === 'punct' &&
    t.tag !== 'interp' &&
    (t.text === ')' || t.text === ']' || t.text === '}')
  );
}
const OPENER_OF: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** For each bracket token the index of its partner; -1 when unmatched. Linear. */
export function brackets(tokens: readonly Token[]): Int32Array {
  const match = new Int32Array(tokens.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isOpener(t)) stack.push(i);
    else if (isCloser(t)) {
      const want = OPENER_OF[t.text]!;
      // skip at most a few openers left open; a stray closer matches nothing
      for (let k = stack.length - 1; k >= 0 && k >= stack.length - 4; k--) {
        if (tokens[stack[k]!]!.text.endsWith(want)) {
          match[stack[k]!] = i;
          match[i] = stack[k]!;
          stack.length = k;
          break;
        }
      }
    }
  }
  return match;
}

/**
 * For each token, the end of the list it belongs to: the first later token at the same bracket
 * depth for which `stops` holds, the closing bracket of the enclosing group, or the end. Perl and
 * Ruby calls without parentheses take their arguments up to there. Linear.
 */
export function listEnds(tokens: readonly Token[], stops: (i: number) => boolean): Int32Array {
  const n = tokens.length;
  const ends = new Int32Array(n).fill(n);
  const pending: number[] = [];
  const frames: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (isCloser(t) && frames.length > 0) {
      const base = frames.pop()!;
      while (pending.length > base) ends[pending.pop()!] = i;
    } else if (stops(i)) {
      const base = frames[frames.length - 1] ?? 0;
      while (pending.length > base) ends[pending.pop()!] = i;
    }
    pending.push(i);
    if (isOpener(t)) frames.push(pending.length);
  }
  return ends;
}

/** One argument of a call: tokens [start, end), and its keyword (`mode=`, `in:`, `PeerAddr =>`) or '' */
export interface Arg {
  start: number;
  end: number;
  key: string;
}

/**
 * The arguments between tokens `from` and `to` (exclusive): split at commas outside brackets. An
 * argument that starts with a name or string and one of `keywordSeps` is a keyword argument.
 */
export function splitArgs(
  tokens: readonly Token[],
  match: Int32Array,
  from: number,
  to: number,
  keywordSeps: readonly string[],
): Arg[] {
  const args: Arg[] = [];
  let s = from;
  let i = from;
  while (i < to) {
    const t = tokens[i]!;
    if (isOpener(t)) {
      // an opener never closed runs to the end: so does this argument
      if (match[i]! < i) break;
      i = Math.min(match[i]! + 1, to);
      continue;
    }
    if (t.kind === 'punct' && t.text === ',') {
      addArg(args, tokens, s, i, keywordSeps);
      s = i + 1;
    }
    i++;
  }
  addArg(args, tokens, s, to, keywordSeps);
  return args;
}
function addArg(
  args: Arg[],
  tokens: readonly Token[],
  s: number,
  e: number,
  keywordSeps: readonly string[],
): void {
  if (s >= e) return;
  const first = tokens[s]!;
  const sep = tokens[s + 1];
  if (
    e > s + 2 &&
    (first.kind === 'name' || (first.kind === 'string' && first.literal)) &&
    sep?.kind === 'punct' &&
    keywordSeps.includes(sep.text)
  )
    args.push({ start: s + 2, end: e, key: first.kind === 'name' ? first.text : first.value });
  else args.push({ start: s, end: e, key: '' });
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * What a scanner knows of an expression: a literal string, number or list; a reference to a
 * module, class or function by its canonical name (`os.system`, `child_process.exec`; a method on
 * an object is `cls#name`, on something unknown `#name`); or an object made by a known call (`path`
 * for a file path object, with the path in `arg`). `undefined`: not known.
 */
export type Value =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'list'; v: Array<Value | undefined> }
  | { t: 'ref'; name: string; self: Value | undefined }
  | { t: 'obj'; cls: string; arg: string | undefined };

export const str = (v: string): Value => ({ t: 'str', v });
export const ref = (name: string, self?: Value): Value => ({ t: 'ref', name, self });
export const obj = (cls: string, arg: string | undefined): Value => ({ t: 'obj', cls, arg });

/** a path from a literal string or a path object */
export function pathOf(v: Value | undefined): string | undefined {
  if (v?.t === 'str') return v.v;
  if (v?.t === 'obj' && v.cls === 'path') return v.arg;
  return undefined;
}

/** `a/b` as a path join does it: an absolute second part replaces the first */
export function joinPath(a: string, b: string): string {
  if (b.startsWith('/') || a === '') return b;
  return a.endsWith('/') ? a + b : `${a}/${b}`;
}

/** literal strings of a list (all of them), or undefined */
export function stringsOf(v: Value | undefined): string[] | undefined {
  if (v?.t !== 'list') return undefined;
  const out: string[] = [];
  for (const e of v.v) {
    if (e?.t === 'str') out.push(e.v);
    else if (e?.t === 'num') out.push(String(e.v));
    else if (e?.t === 'obj' && e.cls === 'path' && e.arg !== undefined) out.push(e.arg);
    else return undefined;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Effects

/** What inline code may start to get a shell: the shells, and what hands one out over a socket. */
const SHELLISH = new Set([
  ...SHELLS,
  'busybox',
  'pwsh',
  'powershell',
  'cmd',
  'cmd.exe',
  'nc',
  'ncat',
  'socat',
]);

export const RUNTIME_COMMAND = 'runs a command built at run time';

/** Collects what code does; de-duplicates; `result()` gives the contract's `CodeEffects`. */
export class Effects {
  private readonly lists = {
    shell: new Set<string>(),
    reads: new Set<string>(),
    writes: new Set<string>(),
    deletes: new Set<string>(),
    urls: new Set<string>(),
    hosts: new Set<string>(),
    signals: new Set<string>(),
    loads: new Set<string>(),
    unknown: new Set<string>(),
  };
  private readonly argvs = new Map<string, string[]>();
  private readonly codes = new Map<string, { language: string; text: string }>();
  network = false;
  sends = false;
  /** a raw socket was opened */
  socket = false;
  /** a descriptor was duplicated onto standard input or output (`dup2(s.fileno(), 0)`) */
  dup = false;
  /** a shell, or a command not known until run time, was started */
  shellish = false;

  shell(command: string | undefined): void {
    this.shellish = true;
    if (command === undefined) this.unknown(RUNTIME_COMMAND);
    else this.lists.shell.add(command.trim());
  }
  argv(argv: readonly string[] | undefined): void {
    if (argv === undefined || argv.length === 0) {
      this.shellish = true;
      this.unknown(RUNTIME_COMMAND);
      return;
    }
    const program = argv[0]!.split('/').pop() ?? '';
    if (SHELLISH.has(program)) this.shellish = true;
    this.argvs.set(JSON.stringify(argv), [...argv]);
  }
  read(path: string | undefined): void {
    this.lists.reads.add(path ?? '?');
  }
  write(path: string | undefined): void {
    if (path === undefined) this.unknown('writes a file named at run time');
    else this.lists.writes.add(path);
  }
  delete(path: string | undefined): void {
    if (path === undefined) this.unknown('deletes a file named at run time');
    else this.lists.deletes.add(path);
  }
  url(url: string | undefined): void {
    this.network = true;
    if (url !== undefined) this.lists.urls.add(url);
  }
  host(host: string | undefined): void {
    this.network = true;
    if (host !== undefined && host !== '') this.lists.hosts.add(host);
  }
  /** a process id (number or literal string), or undefined when not a literal */
  signal(pid: string | number | undefined): void {
    const text = pid === undefined ? '' : String(pid).trim();
    this.lists.signals.add(/^-?\d+$/.test(text) ? `pid:${text}` : '?');
  }
  load(path: string | undefined): void {
    if (path === undefined) this.unknown('loads code from a file named at run time');
    else this.lists.loads.add(path);
  }
  code(language: string, text: string): void {
    this.codes.set(`${language}\n${text}`, { language, text });
  }
  unknown(why: string): void {
    this.lists.unknown.add(why);
  }
  merge(o: Effects): void {
    for (const k of Object.keys(this.lists) as Array<keyof Effects['lists']>)
      for (const v of o.lists[k]) this.lists[k].add(v);
    for (const [k, v] of o.argvs) this.argvs.set(k, v);
    for (const [k, v] of o.codes) this.codes.set(k, v);
    this.network ||= o.network;
    this.sends ||= o.sends;
    this.socket ||= o.socket;
    this.dup ||= o.dup;
    this.shellish ||= o.shellish;
  }
  result(): CodeEffects {
    if (this.socket && (this.dup || this.shellish)) this.unknown('connects a shell to the network');
    const out = emptyCodeEffects();
    const l = this.lists;
    out.shell = [...l.shell];
    out.argv = [...this.argvs.values()];
    out.reads = [...l.reads];
    out.writes = [...l.writes];
    out.deletes = [...l.deletes];
    out.urls = [...l.urls];
    out.hosts = [...l.hosts];
    out.network = this.network;
    out.sends = this.sends;
    out.signals = [...l.signals];
    out.loads = [...l.loads];
    out.code = [...this.codes.values()];
    out.unknown = [...l.unknown];
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Calls and the chain walker

/** What a call does, given its arguments; returns the call's value when known. */
export type Handler = ((c: Call) => Value | undefined) & { pure?: true };

/** marks a handler that only computes a value (`Path("x")`, `os.path.join`): passing it around is harmless */
export function pure(h: (c: Call) => Value | undefined): Handler {
  return Object.assign(h, { pure: true as const });
}
export const harmless: Handler = pure(() => undefined);

export interface Language {
  dialect: Dialect;
  /** tokens that reach a member: `.`, `?.`, `->`, `::`, `&.` */
  member: ReadonlySet<string>;
  /** operators that concatenate strings: `+`, `.` */
  concat: ReadonlySet<string>;
  /** adjacent string literals concatenate (`"a" "b"`) */
  juxtapose: boolean;
  /** separators of a keyword argument after its name: `=`, `:`, `=>` */
  keyword: readonly string[];
  /** reserved words: never the start of a call chain */
  keywords: ReadonlySet<string>;
  /** words whose next name is declared, not used (`def`, `function`, `sub`) */
  declares: ReadonlySet<string>;
  /** calls without parentheses (`system "ls"`) */
  parenless: boolean;
  /** built-in function names, never taken from a `from m import *` */
  builtins?: ReadonlySet<string>;
  /** canonical call name → handler */
  calls: Readonly<Record<string, Handler>>;
  /** canonical form of a name (`builtins.open` → `open`) */
  canon(name: string): string;
  /** a handler for names not in `calls` (every call into a network module …) */
  fallback(name: string): Handler | undefined;
  /** why a call of `name` cannot be judged (a module that can act, call not modelled), else undefined */
  unmodelled(name: string): string | undefined;
  /** the language's own reading of a chain's first token, or undefined for the default */
  root?(w: Walker, i: number, live: boolean): Primary | undefined;
  /** `v[key]` */
  index?(w: Walker, v: Value | undefined, key: Value | undefined, live: boolean): Value | undefined;
  /** a member is reached (`x.__dict__`) */
  onMember?(w: Walker, v: Value | undefined, name: string, live: boolean): void;
  /** where a call without parentheses stops taking arguments */
  stops?: (tokens: readonly Token[], i: number) => boolean;
  /** scan code of the same language (a literal passed to `eval`) one level deeper */
  rescan(code: string, depth: number): Effects;
}

export interface Primary {
  v: Value | undefined;
  next: number;
}

/** what a name is bound to: a value, the value of tokens [start, end), a value computed when needed */
export type Bound = Value | [number, number] | (() => Value | undefined) | undefined;

interface Binding {
  stores: number;
  values: Array<Value | undefined | (() => Value | undefined)>;
  ranges: Array<[number, number]>;
  busy: boolean;
  memo: { v: Value | undefined } | undefined;
}

const MAX_NESTING = 48;
/** arguments of one call taken apart; the rest is one (not literal) argument */
const MAX_ARGS = 256;
/** elements of a bare `a, b, …` taken as a literal tuple */
const MAX_TUPLE = 16;
/** how deep `eval("…eval('…')…")` is followed */
export const MAX_DEPTH = 3;
const ASSIGN = new Set([
  '=',
  '+=',
  '-=',
  '*=',
  '/=',
  '.=',
  '%=',
  '**=',
  '//=',
  '||=',
  '&&=',
  '??=',
  '|=',
  '&=',
  '^=',
  '<<=',
  '>>=',
  ':=',
]);
/** punctuation that can begin the arguments of a call without parentheses */
/** a module's descriptive data (`requests.__version__`), harmless to pass around */
const METADATA = /[.:](__(version|file|name|doc|author|license)__|VERSION|version)$/;
const ARG_PUNCT = new Set(['[', '{', '-', '\\', '$', '@', '%', '&', '*', '!', '::', '~', '+']);

/** One call site, as a handler sees it. */
export class Call {
  constructor(
    readonly w: Walker,
    /** where effects go: the scan's, or a scratch one while only a value is wanted */
    readonly fx: Effects,
    readonly live: boolean,
    /** canonical name of what is called */
    readonly name: string,
    /** the object a method is called on */
    readonly self: Value | undefined,
    readonly args: Arg[],
    /** token index of the call */
    readonly at: number,
  ) {}
  /** the last part of the name: `system` for `os.system`, `read_text` for `path#read_text` */
  get method(): string {
    const n = this.name;
    return n.slice(Math.max(n.lastIndexOf('.'), n.lastIndexOf('#'), n.lastIndexOf(':')) + 1);
  }
  /** the k-th positional argument */
  pos(k: number): Arg | undefined {
    let n = 0;
    for (const a of this.args) if (a.key === '' && n++ === k) return a;
    return undefined;
  }
  /** positional arguments from the k-th on */
  rest(k: number): Arg[] {
    return this.args.filter((a) => a.key === '').slice(k);
  }
  kw(...names: string[]): Arg | undefined {
    return this.args.find((a) => a.key !== '' && names.includes(a.key));
  }
  /** the k-th positional argument, else the keyword argument */
  arg(k: number, ...names: string[]): Arg | undefined {
    return this.pos(k) ?? (names.length > 0 ? this.kw(...names) : undefined);
  }
  val(a: Arg | undefined): Value | undefined {
    return a === undefined ? undefined : this.w.val(a.start, a.end);
  }
  /** a literal string (or number) argument */
  str(a: Arg | undefined): string | undefined {
    const v = this.val(a);
    return v?.t === 'str' ? v.v : v?.t === 'num' ? String(v.v) : undefined;
  }
  path(a: Arg | undefined): string | undefined {
    return pathOf(this.val(a));
  }
  /** each path an argument names: one, or each element of a list */
  paths(a: Arg | undefined): Array<string | undefined> {
    const v = this.val(a);
    return v?.t === 'list' ? v.v.map(pathOf) : [pathOf(v)];
  }
  /** the source tokens of an argument */
  tokens(a: Arg | undefined): Token[] {
    return a === undefined ? [] : this.w.tokens.slice(a.start, a.end);
  }
  /** scan a literal piece of code of the same language, as if it were here */
  nested(code: string): void {
    if (!this.live) return;
    if (this.w.depth >= MAX_DEPTH) this.fx.unknown('runs code nested too deeply to follow');
    else this.fx.merge(this.w.lang.rescan(code, this.w.depth + 1));
  }
}

/**
 * Walks a token list: each call chain (`a.b(c).d[e](f)`) is followed from its first name, and each
 * call is looked up in the language's table. Values are evaluated lazily and memoised, nesting is
 * bounded, so the walk is linear in the number of tokens.
 */
export class Walker {
  readonly fx = new Effects();
  /** effects of calls evaluated only for their value land here and are dropped */
  private readonly scratch = new Effects();
  readonly match: Int32Array;
  readonly depthOf: Int32Array;
  private readonly sepAfter: Int32Array;
  /** where each token's statement-level list ends, for languages with `stops` */
  readonly ends: Int32Array | undefined;
  /** tokens that never start a chain (import statements …) */
  readonly skip: Uint8Array;
  private readonly bindings = new Map<string, Binding>();
  /** modules whose names are all imported (`from os import *`, `include FileUtils`) */
  readonly stars: string[] = [];
  /** modules the code imports, by canonical name */
  readonly modules = new Set<string>();
  private readonly chainMemo = new Map<number, Primary>();
  private readonly valMemo = new Map<number, Value | undefined>();
  /** right-hand sides of single assignments: start → end; a chain that is all of one is an alias, not a use */
  private readonly aliases = new Map<number, number>();
  private nesting = 0;
  private readonly handlers = new Map<string, Handler | null>();

  constructor(
    readonly tokens: Token[],
    readonly lang: Language,
    /** how deep in `eval` of a literal this scan is */
    readonly depth: number,
  ) {
    this.match = brackets(tokens);
    this.depthOf = new Int32Array(tokens.length);
    let d = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (isCloser(t) && d > 0) d--;
      this.depthOf[i] = d;
      if (isOpener(t)) d++;
    }
    this.skip = new Uint8Array(tokens.length);
    // for each token, the next comma at its depth, or the closer of its group (backwards, one pass)
    this.sepAfter = new Int32Array(tokens.length);
    const nearest: number[] = [];
    for (let i = tokens.length - 1; i >= 0; i--) {
      const t = tokens[i]!;
      const dd = this.depthOf[i]!;
      if (isCloser(t)) nearest[dd + 1] = i;
      if (t.kind === 'punct' && t.text === ',') nearest[dd] = i;
      this.sepAfter[i] = t.kind === 'punct' && t.text === ',' ? i : (nearest[dd] ?? tokens.length);
      if (isOpener(t)) nearest[dd + 1] = tokens.length;
    }
    const stops = lang.stops;
    this.ends = stops ? listEnds(tokens, (i) => stops(tokens, i)) : undefined;
  }

  /**
   * The arguments between tokens `from` and `to`, as `splitArgs` finds them, but jumping from comma
   * to comma; past `MAX_ARGS` the rest is one empty argument, whose value is not known.
   */
  args(from: number, to: number, takesRest?: (i: number) => boolean, max = MAX_ARGS): Arg[] {
    const args: Arg[] = [];
    let i = from;
    while (i < to) {
      if (args.length >= max) {
        // the rest counts as one argument whose value is not known
        args.push({ start: to, end: to, key: '' });
        break;
      }
      const k = takesRest?.(i) ? to : this.sepAfter[i]!;
      if (k >= to || k < i || this.tokens[k]?.text !== ',') {
        addArg(args, this.tokens, i, to, this.lang.keyword);
        break;
      }
      addArg(args, this.tokens, i, k, this.lang.keyword);
      i = k + 1;
    }
    return args;
  }

  /** the index of the bracket closing the one at i (the end when unmatched) */
  close(i: number): number {
    const m = this.match[i]!;
    return m > i ? m : this.tokens.length;
  }

  // -- bindings -----------------------------------------------------------------------------

  /** `name` is bound here: to a known value, to the value of tokens [start, end), or to something unknown */
  store(name: string, what?: Bound): void {
    let b = this.bindings.get(name);
    if (!b) {
      b = { stores: 0, values: [], ranges: [], busy: false, memo: undefined };
      this.bindings.set(name, b);
    }
    b.stores++;
    if (Array.isArray(what)) {
      b.ranges.push(what);
      this.aliases.set(what[0], what[1]);
    } else b.values.push(what);
  }
  bound(name: string): boolean {
    return this.bindings.has(name);
  }
  /** an argument taken by a wrapper (`util.promisify(cp.exec)`): a function there is not passed on */
  consume(a: Arg | undefined): void {
    if (a) this.aliases.set(a.start, a.end);
  }

  /** the value of a name where it is used */
  resolve(name: string): Value | undefined {
    const b = this.bindings.get(name);
    if (b) {
      if (b.memo) return b.memo.v;
      if (b.busy) return undefined;
      b.busy = true;
      const found = [
        ...b.values.map((x) => (typeof x === 'function' ? x() : x)),
        ...b.ranges.map(([s, e]) => this.val(s, e)),
      ];
      // a name bound more than once is taken to hold any module or function it may hold (fail closed)
      const v = b.stores === 1 ? found[0] : found.find((x) => x?.t === 'ref' || x?.t === 'obj');
      b.busy = false;
      b.memo = { v };
      return v;
    }
    if (!this.lang.builtins?.has(name))
      for (const m of this.stars) {
        const full = this.lang.canon(`${m}.${name}`);
        if (this.callable(full)) return ref(full);
      }
    return ref(this.lang.canon(name));
  }

  // -- walking ------------------------------------------------------------------------------

  run(): Effects {
    const toks = this.tokens;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.tag === 'error') this.fx.unknown('could not be read to the end');
      if (t.kind === 'command' && this.skip[i] === 0) this.fx.shell(t.literal ? t.value : undefined);
      if (this.startsChain(i)) this.chain(i, true);
    }
    return this.fx;
  }

  /** an operand ends at this token, so a following `(` or `[` calls or indexes it */
  private operandEnd(t: Token | undefined): boolean {
    if (!t) return false;
    if (t.kind === 'name') return !this.lang.keywords.has(t.text);
    if (t.kind === 'punct') return isCloser(t);
    return true;
  }

  startsChain(i: number): boolean {
    const toks = this.tokens;
    const t = toks[i]!;
    if (this.skip[i] !== 0) return false;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    const lang = this.lang;
    if (prev?.kind === 'punct' && lang.member.has(prev.text)) return false;
    if (t.kind === 'name') {
      if (lang.keywords.has(t.text)) return false;
      if (prev?.kind === 'name' && lang.declares.has(prev.text)) return false;
      // an assignment target, a keyword argument's or a hash key's name
      if (next?.kind === 'punct' && (ASSIGN.has(next.text) || next.text === '=>')) return false;
      if (next?.text === ':' && next.start === t.end && (!prev || ['{', ',', '('].includes(prev.text)))
        return false;
      return true;
    }
    if (t.kind === 'string' || t.kind === 'number' || t.text === '(' || t.text === '[') {
      // a literal or a bracket starts a chain only when something is reached on it
      if (t.kind === 'punct' && this.operandEnd(prev)) return false;
      const after = toks[t.kind === 'punct' ? this.close(i) + 1 : this.afterString(i)];
      return after?.kind === 'punct' && lang.member.has(after.text);
    }
    return false;
  }

  /** the token after a string and the interpolations inside it */
  afterString(i: number): number {
    const s = this.tokens[i]!;
    let j = i + 1;
    while (this.tokens[j]?.tag === 'interp' && this.tokens[j]!.start < s.end) j = this.close(j) + 1;
    return j;
  }

  /** a chain from token i: live records effects; otherwise only its value (memoised) */
  chain(i: number, live: boolean): Primary {
    if (!live) {
      const m = this.chainMemo.get(i);
      if (m) return m;
    }
    if (this.nesting > MAX_NESTING) return { v: undefined, next: i + 1 };
    this.nesting++;
    try {
      const r = this.walk(i, live);
      if (!live) this.chainMemo.set(i, r);
      return r;
    } finally {
      this.nesting--;
    }
  }

  private walk(i: number, live: boolean): Primary {
    const toks = this.tokens;
    const lang = this.lang;
    let { v, next: j } = this.primary(i, live);
    let called = false;
    /** v was reached as a member (a method), not named at the start */
    let reached = false;
    for (;;) {
      const t = toks[j];
      if (!t) break;
      // a line break ends a Python statement (outside brackets) and mostly a Ruby one
      const newLine =
        t.nl && ((lang.dialect === 'python' && this.depthOf[j] === 0) || lang.dialect === 'ruby');
      if (t.kind === 'punct' && lang.member.has(t.text) && !(newLine && lang.dialect === 'python')) {
        const m = toks[j + 1];
        if (m?.kind === 'name') {
          // Perl `A->new->post`, Ruby `x.y.z`: a method reached without parentheses is called
          if (lang.parenless && reached && !called && v?.t === 'ref' && this.callable(v.name))
            v = this.call(v, [], j, live);
          v = this.member(v, m.text, live);
          j += 2;
          called = false;
          reached = true;
          continue;
        }
        if (m?.text === '(' || m?.text === '[') {
          j++;
          continue;
        }
        break;
      }
      if (t.kind === 'punct' && t.text === '(' && !newLine) {
        const close = this.close(j);
        v = this.call(v, this.args(j + 1, close), j, live);
        j = close + 1;
        called = true;
        reached = false;
        continue;
      }
      if (t.kind === 'punct' && t.text === '[' && !newLine) {
        const close = this.close(j);
        const key = this.val(j + 1, close);
        v = lang.index ? lang.index(this, v, key, live) : undefined;
        j = close + 1;
        called = false;
        continue;
      }
      if (lang.dialect === 'js' && t.kind === 'string' && t.tag === '`' && v?.t === 'ref') {
        // a tagged template: Bun's $`…`, zx
        const end = this.afterString(j);
        v = this.call(v, [{ start: j, end: j + 1, key: '' }], j, live);
        j = end;
        called = true;
        continue;
      }
      break;
    }
    if (lang.parenless && this.ends && v?.t === 'ref' && !called && this.callable(v.name)) {
      // `system "ls"`, `unlink $f`, `File.read "x"`, a bare `fork`
      const end = this.startsArg(j) ? Math.max(j, this.ends[j]!) : j;
      v = this.call(v, this.listOperands(j, end), j, live);
      j = end;
      called = true;
    }
    if (live && !called && v?.t === 'ref' && this.aliases.get(i) !== j) {
      const h = this.handler(v.name);
      if (h && !h.pure && !METADATA.test(v.name)) this.fx.unknown(`passes \`${display(v.name)}\` as a value`);
    }
    return { v, next: j };
  }

  /** arguments of a call without parentheses; a list operator among them takes the rest (`system "a", f "b", "c"`) */
  private listOperands(from: number, to: number): Arg[] {
    return this.args(from, to, (i) => {
      const t = this.tokens[i]!;
      const next = this.tokens[i + 1]?.text;
      if (t.kind !== 'name' || this.lang.keywords.has(t.text) || next === '(' || next === '=>') return false;
      const v = this.resolve(t.text);
      return v?.t === 'ref' && this.callable(v.name);
    });
  }

  private startsArg(j: number): boolean {
    const t = this.tokens[j];
    if (!t || this.lang.stops?.(this.tokens, j)) return false;
    if (t.kind === 'punct') return ARG_PUNCT.has(t.text) || t.tag === 'interp';
    return !(t.kind === 'name' && this.lang.keywords.has(t.text) && !PARENLESS_ARG_WORDS.has(t.text));
  }

  primary(i: number, live: boolean): Primary {
    const own = this.lang.root?.(this, i, live);
    if (own) return own;
    const t = this.tokens[i]!;
    switch (t.kind) {
      case 'name':
        return { v: this.resolve(t.text), next: i + 1 };
      case 'string':
        if (!t.literal) return { v: undefined, next: this.afterString(i) };
        if (t.tag === 'qw') return { v: { t: 'list', v: words(t.value).map(str) }, next: i + 1 };
        return { v: str(t.value), next: i + 1 };
      case 'number': {
        const n = Number(t.text.replace(/_/g, ''));
        return { v: Number.isFinite(n) ? { t: 'num', v: n } : undefined, next: i + 1 };
      }
      case 'command':
        return { v: undefined, next: this.afterString(i) };
      case 'regex':
        return { v: undefined, next: i + 1 };
      case 'punct':
        break;
    }
    if (t.text === '(' || t.text === '[') {
      const c = this.close(i);
      return { v: t.text === '(' ? this.val(i + 1, c) : this.list(i + 1, c), next: c + 1 };
    }
    return { v: undefined, next: i + 1 };
  }

  /** a list literal's elements between tokens start and end */
  list(start: number, end: number): Value {
    return { t: 'list', v: this.args(start, end).map((a) => this.val(a.start, a.end)) };
  }

  member(v: Value | undefined, name: string, live: boolean): Value {
    this.lang.onMember?.(this, v, name, live);
    // an absurdly long chain is not a module path
    if (v === undefined || (v.t === 'ref' && v.name.length > 200)) return ref(`#${name}`);
    switch (v.t) {
      case 'ref':
        return v.name.includes('#') || v.self ? ref(`#${name}`) : ref(this.lang.canon(`${v.name}.${name}`));
      case 'obj':
        return ref(this.lang.canon(`${v.cls}#${name}`), v);
      case 'str':
        return ref(`str#${name}`, v);
      case 'list':
        return ref(`list#${name}`, v);
      default:
        return ref(`#${name}`);
    }
  }

  /** the handler for a canonical name: its own, its module's, or the one for any receiver (`#name`) */
  handler(name: string): Handler | undefined {
    const cached = this.handlers.get(name);
    if (cached !== undefined) return cached ?? undefined;
    const calls = this.lang.calls;
    let h = Object.hasOwn(calls, name) ? calls[name] : this.lang.fallback(name);
    const hash = name.indexOf('#');
    if (!h && hash > 0 && Object.hasOwn(calls, name.slice(hash))) h = calls[name.slice(hash)];
    this.handlers.set(name, h ?? null);
    return h;
  }
  callable(name: string): boolean {
    return (
      this.handler(name) !== undefined || (!name.includes('#') && this.lang.unmodelled(name) !== undefined)
    );
  }

  call(v: Value | undefined, args: Arg[], at: number, live: boolean): Value | undefined {
    if (v?.t !== 'ref') return undefined;
    const h = this.handler(v.name);
    if (h) return h(new Call(this, live ? this.fx : this.scratch, live, v.name, v.self, args, at));
    if (live && !v.name.includes('#')) {
      const why = this.lang.unmodelled(v.name);
      if (why) this.fx.unknown(why);
    }
    return undefined;
  }

  /** the value of tokens [start, end): literals joined by concatenation, a path join, a chain */
  val(start: number, end: number): Value | undefined {
    if (start >= end) return undefined;
    if (end === start + 1) {
      // a lone literal, the most common argument: no need to remember it
      const t = this.tokens[start]!;
      if (t.kind === 'string' && t.literal && t.tag !== 'qw') return str(t.value);
      if (t.kind === 'number') return this.primary(start, false).v;
    }
    const key = start * (this.tokens.length + 1) + end;
    if (this.valMemo.has(key)) return this.valMemo.get(key);
    if (this.nesting > MAX_NESTING) return undefined;
    this.nesting++;
    let v: Value | undefined;
    try {
      v = this.evaluate(start, end);
    } finally {
      this.nesting--;
    }
    this.valMemo.set(key, v);
    return v;
  }

  private evaluate(start: number, end: number): Value | undefined {
    const toks = this.tokens;
    const parts = this.args(start, end, undefined, MAX_TUPLE + 1);
    // `a, b` is a tuple or list; a long bare run of commas is not a literal worth following
    if (parts.length > MAX_TUPLE) return undefined;
    if (parts.length > 1 || toks[end - 1]?.text === ',')
      return { t: 'list', v: parts.map((p) => this.val(p.start, p.end)) };
    let acc: Value | undefined;
    let op = '';
    let i = start;
    while (i < end) {
      // `new X(…)`, `await f(…)`: the value of the call
      while (
        toks[i]?.kind === 'name' &&
        (toks[i]!.text === 'new' || toks[i]!.text === 'await') &&
        i + 1 < end
      )
        i++;
      const t = toks[i]!;
      let term: Primary;
      if (
        t.kind === 'punct' &&
        t.text === '-' &&
        toks[i + 1]?.kind === 'number' &&
        op === '' &&
        i === start
      ) {
        const n = Number(toks[i + 1]!.text);
        term = { v: Number.isFinite(n) ? { t: 'num', v: -n } : undefined, next: i + 2 };
      } else if (
        t.kind === 'name'
          ? !this.lang.keywords.has(t.text)
          : t.kind !== 'punct' || t.text === '(' || t.text === '['
      )
        term = this.chain(i, false);
      else return undefined;
      if (term.next > end || term.next <= i) return undefined;
      acc = op === '' ? term.v : combine(acc, op, term.v);
      i = term.next;
      if (i >= end) break;
      const o = toks[i]!;
      if (o.kind === 'punct' && (this.lang.concat.has(o.text) || o.text === '/')) {
        op = o.text;
        i++;
        continue;
      }
      if (this.lang.juxtapose && o.kind === 'string' && acc?.t === 'str') {
        op = '+';
        continue;
      }
      return undefined;
    }
    return acc;
  }
}

/** Perl words that may begin an argument though reserved: `open my $fh, …` */
const PARENLESS_ARG_WORDS = new Set(['my', 'our', 'local', 'not', 'defined', 'sub', 'do']);

function combine(a: Value | undefined, op: string, b: Value | undefined): Value | undefined {
  if (!a || !b) return undefined;
  if (op === '/') {
    // pathlib: Path("a") / "b"
    if (a.t === 'obj' && a.cls === 'path') {
      const right = pathOf(b);
      return obj('path', a.arg === undefined || right === undefined ? undefined : joinPath(a.arg, right));
    }
    return undefined;
  }
  if (a.t === 'str' && (b.t === 'str' || b.t === 'num')) return str(a.v + String(b.v));
  if (a.t === 'num' && b.t === 'str') return str(String(a.v) + b.v);
  if (a.t === 'list' && b.t === 'list') return { t: 'list', v: [...a.v, ...b.v] };
  return undefined;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

/** a name as a user reads it: `os.system`, `read_text`, `Path.read_text` */
export function display(name: string): string {
  return name.replace(/^[^#]*#/, (m) => (m === '#' ? '' : m.slice(0, -1) + '.')).replace(/^str\./, '');
}

// ---------------------------------------------------------------------------------------------
// Handler builders shared by the language tables

/** argument position: `0`, or `'1+'` for the second and every later positional argument */
export type Slot = number | `${number}+`;

function slotArgs(c: Call, slot: Slot, kw: readonly string[]): Arg[] {
  if (typeof slot === 'number') {
    const a = c.arg(slot, ...kw);
    return a ? [a] : [];
  }
  return c.rest(Number.parseInt(slot, 10));
}

/** each path named at a slot: literal, path object, elements of a list */
export function slotPaths(c: Call, slot: Slot, ...kw: string[]): Array<string | undefined> {
  return slotArgs(c, slot, kw).flatMap((a) => c.paths(a));
}

/** the call reads / writes / deletes the file at a slot (`dflt` when the argument is absent) */
export function files(
  kind: 'read' | 'write' | 'delete',
  slot: Slot,
  kw: string[] = [],
  dflt?: string,
): Handler {
  return (c) => {
    const paths = slotPaths(c, slot, ...kw);
    if (paths.length === 0 && dflt !== undefined) paths.push(dflt);
    for (const p of paths) c.fx[kind](p);
    return undefined;
  };
}
/** a copy: reads the source, writes the destination */
export function copies(src: Slot, dst: number, srcKw: string[] = [], dstKw: string[] = []): Handler {
  return (c) => {
    for (const p of slotPaths(c, src, ...srcKw)) c.fx.read(p);
    c.fx.write(c.path(c.arg(dst, ...dstKw)));
    return undefined;
  };
}
/** a link, hard or symbolic: later writes through it reach the target, so both count as written */
export function links(target: Slot, link: number): Handler {
  return (c) => {
    for (const p of slotPaths(c, target)) c.fx.write(p);
    c.fx.write(c.path(c.arg(link)));
    return undefined;
  };
}
/** a move or rename: the source is read and deleted, the destination written */
export function moves(src: Slot, dst: number, srcKw: string[] = [], dstKw: string[] = []): Handler {
  return (c) => {
    for (const p of slotPaths(c, src, ...srcKw)) {
      c.fx.read(p);
      c.fx.delete(p);
    }
    c.fx.write(c.path(c.arg(dst, ...dstKw)));
    return undefined;
  };
}
/** the call runs its argument at a slot through a shell */
export function shellAt(slot: number, ...kw: string[]): Handler {
  return (c) => {
    c.fx.shell(c.str(c.arg(slot, ...kw)));
    return undefined;
  };
}
/** the call cannot be judged */
export function unknownCall(why: string): Handler {
  return (c) => {
    if (c.live) c.fx.unknown(why);
    return undefined;
  };
}
/** the call uses the network (`send`: and sends data) */
export function net(send = false): Handler {
  return (c) => {
    c.fx.url(undefined);
    if (send) c.fx.sends = true;
    for (const a of c.args) {
      const s = c.str(a);
      if (s !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(s)) c.fx.url(s);
    }
    return undefined;
  };
}
/** runs all handlers; the value is the last one's */
export function all(...hs: Handler[]): Handler {
  return (c) => {
    let v: Value | undefined;
    for (const h of hs) v = h(c);
    return v;
  };
}
/** a literal URL (`scheme://…`) */
export function isUrl(s: string | undefined): boolean {
  return s !== undefined && /^[a-z][a-z0-9+.-]*:\/\/./i.test(s);
}
