/**
 * The Bash parser: mvdan/sh's `syntax` package (the parser behind shfmt), compiled to JavaScript
 * (mvdan-sh). Chosen over tree-sitter-bash and sh-syntax (mvdan/sh in WASM) by measurement on the
 * shared parser corpora — see BENCHMARKS.md: it accepts what Bash accepts and rejects what it
 * rejects far more often than tree-sitter, at the same speed, and synchronously.
 */
import { syntax, type ShNode, type ShParser } from 'mvdan-sh';
import type { Result } from '../../protocol/index.js';
import { fastParse } from './fast-parse.js';

export type { ShNode };
export { OP } from './operators.js';
/** The node's type name (`CallExpr`, `Lit` …) from its tag (`*syntax.CallExpr`); '' for a non-node. */
export function nodeType(node: unknown): string {
  const tag = (node as { $type?: unknown } | null)?.$type;
  return typeof tag === 'string' ? tag.slice(tag.lastIndexOf('.') + 1).replace(/^\*/, '') : '';
}
/** Visit every node below `node` (itself first); `visit` returns false to skip a node's children. */
export function walkNodes(node: unknown, visit: (node: ShNode) => boolean): void {
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) {
    for (const item of node) walkNodes(item, visit);
    return;
  }
  if (typeof node !== 'object' || !('$type' in node)) return;
  if (!visit(node as ShNode)) return;
  const fields = node as Record<string, unknown>;
  for (const key in fields) {
    const value = fields[key];
    if (value !== null && typeof value === 'object') walkNodes(value, visit);
  }
}

/**
 * The parsed tree as plain objects. The parser's wrappers re-wrap a node through reflection at
 * every field read (10–30 µs), so the tree is read once, from GopherJS's own values and the Go
 * type information next to them: pointers are nodes, interfaces hold pointers, slices are
 * `$array`/`$offset`/`$length`, strings are UTF-8 bytes. Positions and comments are left out.
 */
interface GoType {
  string: string;
  kind: number;
  elem?: GoType;
  fields?: Array<{ prop: string; name: string; exported: boolean; typ: GoType }>;
  nil?: unknown;
}
type GoValue = Record<string, unknown> & { constructor: GoType };
const GO_BOOL = 1;
const GO_INTERFACE = 20;
const GO_PTR = 22;
const GO_SLICE = 23;
const GO_STRING = 24;
const GO_STRUCT = 25;

function plainNode(pointer: GoValue): ShNode {
  const type = pointer.constructor;
  const out: Record<string, unknown> = { $type: type.string };
  for (const field of type.elem?.fields ?? []) {
    if (!field.exported || field.typ.kind === GO_STRUCT) continue; // positions
    if (field.typ.kind === GO_SLICE && field.typ.elem?.kind === GO_STRUCT) continue; // comments
    out[field.name] = plainValue(pointer[field.prop], field.typ);
  }
  return out as ShNode;
}

function plainValue(value: unknown, type: GoType): unknown {
  switch (type.kind) {
    case GO_STRING:
      // Go strings are bytes: decode UTF-8 as the wrappers would.
      return /[\x80-\xff]/.test(value as string)
        ? Buffer.from(value as string, 'latin1').toString('utf8')
        : value;
    case GO_PTR:
      return value === type.nil ? null : plainNode(value as GoValue);
    case GO_INTERFACE: {
      const held = value as GoValue | undefined;
      const concrete = held?.constructor;
      if (typeof concrete?.kind !== 'number') return null; // the nil interface
      return concrete.kind === GO_PTR ? plainNode(held!) : plainValue(held!.$val, concrete);
    }
    case GO_SLICE: {
      const slice = value as { $array: unknown[]; $offset: number; $length: number };
      const items: unknown[] = [];
      for (let i = 0; i < slice.$length; i++)
        items.push(plainValue(slice.$array[slice.$offset + i], type.elem!));
      return items;
    }
    case GO_BOOL:
    default:
      return value; // numbers: operators, flags
  }
}

function plainFile(wrapper: unknown): ShNode {
  const inner = (wrapper as { __internal_object__?: GoValue }).__internal_object__;
  if (inner === undefined || inner.constructor?.kind !== GO_PTR) throw new Error('unexpected parser output');
  return plainNode(inner);
}

let parser: ShParser | undefined;

/**
 * Parameter-expansion operators (`${X:-w}`, `${X%p}`, `${X,,}` …) by their code in the parsed tree,
 * read off the parser like OP.
 */
export const PARAM_OP: ReadonlyMap<number, string> = (() => {
  const p = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  const ops = ['+', ':+', '-', ':-', '?', ':?', '=', ':=', '%', '%%', '#', '##', '^', '^^', ',', ',,', '@'];
  const table = new Map<number, string>();
  for (const op of ops) {
    const file = p.Parse(`: \${X${op}${op === '@' ? 'Q' : 'y'}}`, '') as {
      Stmts: Array<{ Cmd: { Args: Array<{ Parts: Array<{ Exp: { Op: number } | null }> }> } }>;
    };
    const exp = file.Stmts[0]!.Cmd.Args[1]!.Parts[0]!.Exp;
    if (exp) table.set(exp.Op, op);
  }
  return table;
})();

export type ParseOutcome = Result<{ file: ShNode }>;

/** Parse a Bash script. Errors read like Bash's: `1:6: reached EOF without closing quote "`. */
export function parseBash(source: string): ParseOutcome {
  // Everyday commands: the same tree, read in a few microseconds (fast-parse.ts).
  const fast = fastParse(source);
  return fast !== undefined ? { ok: true, file: fast } : parseWithMvdan(source);
}

/** mvdan/sh alone: the reference the fast parser (fast-parse.ts) is tested against. */
export function parseWithMvdan(source: string): ParseOutcome {
  // Comments kept (and left out of the plain tree): where they are is checked against Bash's rules.
  parser ??= syntax.NewParser(syntax.KeepComments(true), syntax.Variant(syntax.LangBash));
  // `\` CR LF: a line continuation to this parser, a quoted CR and the end of the line to Bash.
  if (source.includes('\\\r\n'))
    return {
      ok: false,
      error: 'a backslash before CR LF: Bash ends the line there, where this parser joins it to the next',
    };
  try {
    const parsed = parser.Parse(source, '');
    const misread = MAYBE_MISREAD.test(source) ? readOtherwiseByBash(parsed, source) : undefined;
    if (misread !== undefined) return { ok: false, error: misread };
    return { ok: true, file: plainFile(parsed) };
  } catch (error) {
    const goError = error as { Error?: () => string };
    const message = typeof goError.Error === 'function' ? goError.Error() : String(error);
    // A panic inside the parser leaves it in an unknown state: start the next parse afresh.
    if (typeof goError.Error !== 'function') parser = undefined;
    return { ok: false, error: message.replace(/^:?(?=\d+:\d+:)/, '') };
  }
}

/**
 * Text where this parser may read what Bash does not (readOtherwiseByBash finds nothing elsewhere):
 * a `#` right after something that does not start a word, or followed on its line by a backslash
 * at the end; a descriptor number or `{name}` right after something that does not start a word;
 * a here-document. Walking the parsed tree costs hundreds of microseconds (the parser's wrappers),
 * so it is walked only then: not for the everyday `2>&1` or `# comment`.
 */
const MAYBE_MISREAD = /[^ \t\n;&|(]#|#[^\n]*\\\r?\n|[^ \t\n;&|(0-9]\d+[<>]|[^ \t\n;&|(]\{\w+\}[<>]|<</;

/**
 * What may come right before a comment or a redirection's descriptor, for Bash: a word's start
 * (not `)`: after `$(…)` the word goes on, after a subshell it does not; refused either way).
 */
const WORD_START = ' \t\n;&|(';

/**
 * Where this mvdan/sh version reads `source` otherwise than Bash does, in three places:
 * - a `#` right after a quote or an expansion is a comment to it (`echo ''#; rm -rf ~`: for Bash
 *   the `#` is part of a word, and `rm` runs);
 * - a backslash ending a comment's line continues the comment onto the next line (Bash ends the
 *   comment at the newline and runs that line);
 * - a number or `{name}` right after a quote names the descriptor of a redirection (`cat x''9>f`:
 *   for Bash the word is `x9`, and standard output goes to f).
 * In Bash a comment or a descriptor starts only where a word could, and a comment ends at the
 * newline. Anything else is refused (fail closed: not understood).
 */
type Spanned = { Pos(): { Offset(): number }; End(): { Offset(): number } };

function readOtherwiseByBash(parsed: unknown, source: string): string | undefined {
  const bytes = Buffer.from(source, 'utf8');
  const before = (offset: number) => (offset === 0 ? ' ' : String.fromCharCode(bytes[offset - 1]!));
  let found: string | undefined;
  syntax.Walk(parsed, (node) => {
    if (found !== undefined || node === null) return found === undefined;
    const type = syntax.NodeType(node);
    if (type === 'Comment') {
      const comment = node as { Hash: { Offset(): number }; Text: string };
      const offset = comment.Hash.Offset();
      if (!WORD_START.includes(before(offset)))
        found = `a \`#\` right after \`${before(offset)}\` (byte ${offset}) is part of a word for Bash, not a comment`;
      else if (comment.Text.includes('\n'))
        found = `a comment ending in a backslash (byte ${offset}): Bash ends it at the newline and runs the next line`;
    } else if (type === 'Redirect') {
      const redirect = node as {
        N: { Value: string; ValuePos: { Offset(): number } } | null;
        Word: Spanned | null;
        Hdoc: Spanned | null;
      };
      const number = redirect.N;
      const offset = number?.ValuePos.Offset();
      if (number && offset !== undefined && !WORD_START.includes(before(offset)))
        found = `\`${number.Value}\` right after \`${before(offset)}\` (byte ${offset}) is part of a word for Bash, not a redirection's descriptor`;
      // An unquoted here-document: Bash joins a line ending in a backslash to the next before it
      // compares it with the delimiter (`EO\` + `F` ends it), where this parser reads on.
      const text = (span: Spanned | null) =>
        span ? bytes.subarray(span.Pos().Offset(), span.End().Offset()).toString('utf8') : '';
      // (from the delimiter on: the parser's document starts after a continuation it swallowed)
      const body = (word: Spanned | null, hdoc: Spanned) =>
        bytes
          .subarray(word ? word.End().Offset() : hdoc.Pos().Offset(), hdoc.End().Offset())
          .toString('utf8');
      if (
        found === undefined &&
        redirect.Hdoc &&
        !/['"\\]/.test(text(redirect.Word)) &&
        /\\\r?\n/.test(body(redirect.Word, redirect.Hdoc))
      )
        found = `a line of the here-document \`${text(redirect.Word)}\` ends in a backslash: Bash joins it to the next line before it looks for the end, so the document may end elsewhere`;
    }
    return true;
  });
  return found;
}

/**
 * How much parsing `source` costs, read cheaply before it is parsed: its words, quotes, operators,
 * expansions and pattern characters, not counting what is inside single quotes or the body of a
 * quoted here-document (text the parser reads in one piece). The parser spends a few microseconds on each, so that a
 * command line of a quarter megabyte made of nothing but `a;` or `$x` would hold the daemon for a
 * second; past `limit` the count stops. An estimate, exact enough to bound the parser's work: what
 * it gets wrong only makes one parse slower or one huge command step up.
 */
export function syntaxTokens(source: string, limit: number): number {
  let count = 0;
  let wide = 0;
  let inWord = false;
  /** what closes each context opened: `"`, `` ` `` or `)` (a `$(`, `(` or `$((`) */
  const open: string[] = [];
  const heredocs: Array<{ delimiter: string; tabs: boolean; quoted: boolean }> = [];
  const n = source.length;
  let i = 0;
  const word = () => {
    if (!inWord) count++;
    inWord = true;
  };
  while (i < n && count <= limit) {
    const c = source[i]!;
    if (open.at(-1) === '"') {
      if (c === '\\') i += 2;
      else if (c === '"') {
        open.pop();
        i++;
      } else if (c === '`') {
        count++;
        open.push('`');
        inWord = false;
        i++;
      } else if (c === '$') {
        count++;
        if (source[i + 1] === '(') {
          open.push(')');
          inWord = false;
          i++;
        }
        i++;
      } else i++;
      continue;
    }
    switch (c) {
      case '\\':
        word();
        i += 2;
        continue;
      case "'": {
        count++;
        inWord = true;
        const end = source.indexOf("'", i + 1);
        i = end < 0 ? n : end + 1;
        continue;
      }
      case '"':
        count++;
        inWord = true;
        open.push('"');
        i++;
        continue;
      case '`':
        count++;
        if (open.at(-1) === '`') {
          open.pop();
          inWord = true;
        } else {
          open.push('`');
          inWord = false;
        }
        i++;
        continue;
      case '$':
        count++;
        if (source[i + 1] === '(') {
          open.push(')');
          inWord = false;
          i += 2;
        } else {
          inWord = true;
          i++;
        }
        continue;
      case ' ':
      case '\t':
        inWord = false;
        i++;
        continue;
      case '#':
        if (inWord) break;
        while (i < n && source[i] !== '\n') i++;
        continue;
      case '\n':
        count++;
        inWord = false;
        i++;
        // Here-document bodies start on the next line.
        for (const doc of heredocs.splice(0)) {
          while (i < n) {
            let lineEnd = source.indexOf('\n', i);
            if (lineEnd < 0) lineEnd = n;
            const line = source.slice(i, lineEnd);
            i = lineEnd + 1;
            if ((doc.tabs ? line.replace(/^\t+/, '') : line) === doc.delimiter) break;
            if (!doc.quoted) for (const ch of line) if (ch === '$' || ch === '`') count++;
          }
        }
        continue;
      case '(':
        count++;
        inWord = false;
        open.push(')');
        i++;
        continue;
      case ')':
        count++;
        inWord = true;
        if (open.at(-1) === ')') open.pop();
        i++;
        continue;
      case '<':
        count++;
        inWord = false;
        if (source[i + 1] === '<' && source[i + 2] !== '<') {
          // `<<EOF`, `<<-'EOF'`: the body that follows the line.
          i += 2;
          const tabs = source[i] === '-';
          if (tabs) i++;
          while (source[i] === ' ' || source[i] === '\t') i++;
          const start = i;
          while (i < n && !/[\s;&|()<>]/.test(source[i]!)) i++;
          const spelled = source.slice(start, i);
          heredocs.push({ delimiter: spelled.replace(/['"\\]/g, ''), tabs, quoted: /['"\\]/.test(spelled) });
          continue;
        }
        i++;
        continue;
      case ';':
      case '&':
      case '|':
      case '>':
        count++;
        inWord = false;
        i++;
        continue;
      // Patterns and extended patterns (`*(…)`, `@(…)`): the parser looks at each.
      case '*':
      case '?':
      case '@':
      case '+':
      case '!':
        count++;
        inWord = true;
        i++;
        continue;
    }
    word();
    // Characters outside ASCII cost the parser more in a word (one step per four).
    if (c > '\x7f' && ++wide % 4 === 0) count++;
    i++;
  }
  return count;
}
