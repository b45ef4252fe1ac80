/**
 * A fast parser for the everyday subset of Bash: it builds the very tree parseBash builds with
 * mvdan/sh (the same plain nodes, fields in the same order), in a few microseconds instead of tens,
 * and answers undefined for anything else, which mvdan/sh then parses (and reports the errors of).
 *
 * The subset: statements separated by `;` or newlines; `&&`, `||` lists and `|`, `|&` pipelines
 * (newlines allowed after each operator); simple commands of words and redirections; comments. A
 * word is made of unquoted literal text, single-quoted text and double-quoted text without `$`,
 * `` ` `` or `\`. Redirections: `<`, `>`, `>>`, `>|`, `<>`, `<&`, `>&`, `&>`, `&>>`, with a
 * file-descriptor number or `{name}` before them. Printable ASCII, spaces, tabs and newlines only.
 *
 * Outside it (undefined): `$`, backquotes and backslashes outside single quotes; `(`, `)` and `&`
 * alone (subshells, functions, extended globs, process substitution, background jobs); a `#` right
 * after a quote, a comment with a backslash in it; here-documents and here-strings; a first word
 * that is a reserved word or a declaration (`if`, `{`, `!`, `[[`, `export` …), that holds `=`
 * (assignments) or that mvdan/sh would read as an indexed assignment (`a[1]`); anything mvdan/sh
 * rejects.
 *
 * Each rule mirrors the lexer and parser of the mvdan/sh version compiled into mvdan-sh 0.10.1
 * (syntax/lexer.go and parser.go at commit b632912c), including what it does unlike Bash: a word
 * that has `[` after its first character is two literals (`a[1]` is `a` and `[1]`), and digits
 * right before `>` are a redirection's number even in the middle of a word (refused here). The
 * proof is test/unit/fast-parse.test.ts: on every shell command of the test corpora and thousands
 * of generated ones, the tree is deepStrictEqual to mvdan/sh's wherever this parser answers, and it
 * never answers where mvdan/sh reports an error.
 */
import type { ShNode } from 'mvdan-sh';
import { OP } from './operators.js';

/**
 * First words that mvdan/sh parses as something other than a plain command: reserved words,
 * declarations (DeclClause), `let`, `time`, `coproc`, test clauses. `in`, `else` … are plain
 * commands there, but a conservative list costs nothing.
 */
const NOT_A_PLAIN_COMMAND = new Set([
  '!',
  '{',
  '}',
  '[[',
  ']]',
  'case',
  'coproc',
  'do',
  'done',
  'elif',
  'else',
  'esac',
  'fi',
  'for',
  'function',
  'if',
  'in',
  'select',
  'then',
  'time',
  'until',
  'while',
  'declare',
  'local',
  'export',
  'readonly',
  'typeset',
  'nameref',
  'let',
  '@test',
]);

/** Before `<` or `>`, a literal that mvdan/sh takes for the redirection's file descriptor. */
const REDIRECT_NUMBER = /[0-9]+|\{[A-Za-z_][A-Za-z0-9_]*\}/y;
/**
 * Redirection operators, longest first as mvdan/sh's lexer reads them. `<<`, `<<<` (here-documents)
 * and `<(`, `>(` (process substitution) read here as `<` or `>` before a `<` or `(`, where no word
 * can start: refused.
 */
const REDIRECT_OPERATOR = /&>>|&>|>>|>&|>\||<>|<&|>|</y;
const REDIRECT_OP = new Map([
  ['&>>', OP.appAll],
  ['&>', OP.rdrAll],
  ['>>', OP.appOut],
  ['>&', OP.dplOut],
  ['>|', OP.clbOut],
  ['<>', OP.rdrInOut],
  ['<&', OP.dplIn],
  ['>', OP.rdrOut],
  ['<', OP.rdrIn],
]);

/** How unquoted text reads, by character code. */
const LITERAL = 0;
/** ends a literal token: blanks, newlines, operators, quotes */
const ENDS_TOKEN = 1;
/** expansions and escapes: outside the subset */
const OUTSIDE_SUBSET = 2;
const UNQUOTED = new Uint8Array(128);
for (const c of ' \t\n;&|()<>\'"') UNQUOTED[c.charCodeAt(0)] = ENDS_TOKEN;
for (const c of '$`\\') UNQUOTED[c.charCodeAt(0)] = OUTSIDE_SUBSET;

/**
 * Thrown to leave the parse: the input is outside the subset (or not Bash at all). One instance,
 * made once: an error's stack is taken when it is made, not when it is thrown.
 */
const OUTSIDE = new Error('outside the fast subset');

/** The plain tree of `source`, identical to `parseBash(source).file`; undefined outside the subset. */
export function fastParse(source: string): ShNode | undefined {
  // One scan up front, so that the parser below meets printable ASCII, tabs and newlines only.
  if (!/^[\t\n\x20-\x7e]*$/.test(source)) return undefined;
  try {
    return new FastParser(source).file();
  } catch {
    // OUTSIDE, or a bug here: either way mvdan/sh parses it.
    return undefined;
  }
}

const lit = (value: string): ShNode => ({ $type: '*syntax.Lit', Value: value });

const stmt = (cmd: ShNode | null, redirs: ShNode[] = []): ShNode => ({
  $type: '*syntax.Stmt',
  Cmd: cmd,
  Negated: false,
  Background: false,
  Coprocess: false,
  Redirs: redirs,
});

const binary = (op: number, x: ShNode, y: ShNode): ShNode =>
  stmt({ $type: '*syntax.BinaryCmd', Op: op, X: x, Y: y });

class FastParser {
  private i = 0;

  constructor(private readonly src: string) {}

  private outside(): never {
    throw OUTSIDE;
  }

  /**
   * Blanks, and a comment after them: every caller stands where a token starts (after a blank, an
   * operator, a newline or the start), where `#` starts a comment for Bash and mvdan/sh alike.
   */
  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.i];
      if (c === ' ' || c === '\t') this.i++;
      else if (c === '#') this.skipComment();
      else return;
    }
  }

  /** After `&&`, `||`, `|` and between statements, newlines are as good as blanks. */
  private skipBlanksAndNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.src[this.i] !== '\n') return;
      this.i++;
    }
  }

  /** Up to the end of the line, which mvdan/sh leaves out of the tree. */
  private skipComment(): void {
    let end = this.src.indexOf('\n', this.i);
    if (end < 0) end = this.src.length;
    // mvdan/sh ends a comment at a backslash-newline and reads the next line on as the same one.
    if (this.src.slice(this.i, end).includes('\\')) this.outside();
    this.i = end;
  }

  file(): ShNode {
    const stmts: ShNode[] = [];
    const n = this.src.length;
    // Statements must be separated by `;` or a newline (mvdan/sh's stmts loop).
    let separated = true;
    this.skipBlanks();
    for (;;) {
      if (this.src[this.i] === '\n') {
        this.skipBlanksAndNewlines();
        separated = true;
      }
      if (this.i >= n) break;
      if (!separated) this.outside();
      stmts.push(this.andOr());
      separated = false;
      if (this.src[this.i] === ';') {
        // `;;`, `;&`, `;;&` belong to case clauses.
        if (this.src[this.i + 1] === ';' || this.src[this.i + 1] === '&') this.outside();
        this.i++;
        this.skipBlanks();
        separated = true;
      }
    }
    return { $type: '*syntax.File', Name: '', Stmts: stmts };
  }

  /** `a && b || c`: pipelines joined left to right, `((a && b) || c)`. */
  private andOr(): ShNode {
    let left = this.pipeline();
    for (;;) {
      const c = this.src[this.i];
      if ((c !== '&' && c !== '|') || this.src[this.i + 1] !== c) return left;
      this.i += 2;
      this.skipBlanksAndNewlines();
      left = binary(c === '&' ? OP.andAnd : OP.orOr, left, this.pipeline());
    }
  }

  /** `a | b |& c`: commands joined left to right, `((a | b) |& c)`. */
  private pipeline(): ShNode {
    let left = this.command();
    while (this.src[this.i] === '|' && this.src[this.i + 1] !== '|') {
      const all = this.src[this.i + 1] === '&';
      this.i += all ? 2 : 1;
      this.skipBlanksAndNewlines();
      left = binary(all ? OP.pipeAll : OP.pipe, left, this.command());
    }
    return left;
  }

  /** Words and redirections up to an operator that ends the command; blanks after it skipped. */
  private command(): ShNode {
    const src = this.src;
    const args: ShNode[] = [];
    const redirs: ShNode[] = [];
    for (;;) {
      this.skipBlanks();
      const c = src[this.i];
      if (c === undefined || c === '\n' || c === ';' || c === '|') break;
      if (c === '&' && src[this.i + 1] === '&') break;
      // `2>&1`, `{fd}>x`: the number is the redirection's, not a word. `&` alone (a background job)
      // is refused there; `(`, `)` (subshells, functions) are no word, refused in word().
      let number = '';
      if ((c >= '0' && c <= '9') || c === '{') {
        REDIRECT_NUMBER.lastIndex = this.i;
        if (REDIRECT_NUMBER.test(src)) number = src.slice(this.i, REDIRECT_NUMBER.lastIndex);
      }
      const afterNumber = src[this.i + number.length];
      if (afterNumber === '<' || afterNumber === '>' || (number === '' && c === '&')) {
        this.i += number.length;
        redirs.push(this.redirect(number === '' ? null : lit(number)));
        continue;
      }
      const start = this.i;
      const word = this.word();
      if (args.length === 0) this.checkFirstWord(word, src.slice(start, this.i));
      args.push(word);
    }
    if (args.length === 0 && redirs.length === 0) this.outside(); // mvdan/sh: not a valid start
    return stmt(args.length > 0 ? { $type: '*syntax.CallExpr', Assigns: [], Args: args } : null, redirs);
  }

  /**
   * A first word that mvdan/sh reads as a keyword, a declaration or an assignment. `=` anywhere
   * and two literals in a row (`a[1]`, split at `[`) are refused, a superset of its hasValidIdent.
   */
  private checkFirstWord(word: ShNode, text: string): void {
    const parts = word.Parts as ShNode[];
    const first = parts[0]!;
    if (text.includes('=')) this.outside();
    if (first.$type !== '*syntax.Lit') return;
    if (NOT_A_PLAIN_COMMAND.has(first.Value as string) || parts[1]?.$type === '*syntax.Lit') this.outside();
  }

  /** A redirection from its operator on (its number, if any, already read), with its word. */
  private redirect(number: ShNode | null): ShNode {
    REDIRECT_OPERATOR.lastIndex = this.i;
    if (!REDIRECT_OPERATOR.test(this.src)) this.outside(); // `&` alone
    const op = REDIRECT_OP.get(this.src.slice(this.i, REDIRECT_OPERATOR.lastIndex))!;
    this.i = REDIRECT_OPERATOR.lastIndex;
    this.skipBlanks();
    return { $type: '*syntax.Redirect', Op: op, N: number, Word: this.word(), Hdoc: null };
  }

  /**
   * One word: literal, single- and double-quoted parts with no blank between them. Literal text is
   * read as mvdan/sh's advanceLitNone reads it, one literal per token.
   */
  private word(): ShNode {
    const src = this.src;
    const parts: ShNode[] = [];
    for (;;) {
      const c = src.charCodeAt(this.i);
      if (c === 0x27 /* ' */) {
        // Everything up to the next `'` is literal, `$` and `\` included.
        const end = src.indexOf("'", this.i + 1);
        if (end < 0) this.outside(); // unclosed
        parts.push({ $type: '*syntax.SglQuoted', Dollar: false, Value: src.slice(this.i + 1, end) });
        this.i = end + 1;
      } else if (c === 0x22 /* " */) {
        const end = src.indexOf('"', this.i + 1);
        if (end < 0) this.outside();
        const value = src.slice(this.i + 1, end);
        // Without `$`, `` ` `` and `\` the text is one literal.
        if (/[$`\\]/.test(value)) this.outside();
        parts.push({ $type: '*syntax.DblQuoted', Dollar: false, Parts: value === '' ? [] : [lit(value)] });
        this.i = end + 1;
      } else if (c < 128 && UNQUOTED[c] === LITERAL) {
        // mvdan/sh starts a comment even right after a quote: `a'b'#c` is `ab` and a comment to
        // it, where Bash reads one word `ab#c`. Refused. (After a blank, skipBlanks took it.)
        if (c === 0x23 /* # */) this.outside();
        parts.push(lit(this.literal()));
      } else if (c < 128 && UNQUOTED[c] === OUTSIDE_SUBSET) {
        this.outside();
      } else break; // blank, operator or the end
    }
    if (parts.length === 0) this.outside(); // an operator where a word must be
    return { $type: '*syntax.Word', Parts: parts };
  }

  /** One literal token of unquoted text. */
  private literal(): string {
    const src = this.src;
    const start = this.i;
    const splitsAtBracket = src.charCodeAt(start) !== 0x5b; /* [ */
    for (let i = start + 1; ; i++) {
      const c = src.charCodeAt(i);
      const kind = c < 128 ? UNQUOTED[c] : ENDS_TOKEN; // NaN at the end
      if (kind === OUTSIDE_SUBSET) this.outside();
      if (kind === ENDS_TOKEN) {
        // Digits right before `<`/`>` would be a redirection's number, ending the word early.
        if (c === 0x3c /* < */ || c === 0x3e /* > */) {
          REDIRECT_NUMBER.lastIndex = start;
          if (REDIRECT_NUMBER.test(src) && REDIRECT_NUMBER.lastIndex === i) this.outside();
        }
        this.i = i;
        return src.slice(start, i);
      }
      // `a[1]`: a `[` after the first character ends the literal (mvdan/sh: an array index may follow).
      if (c === 0x5b && splitsAtBracket) {
        this.i = i;
        return src.slice(start, i);
      }
    }
  }
}
