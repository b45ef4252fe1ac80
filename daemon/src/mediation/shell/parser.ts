/**
 * The Bash parser: mvdan/sh's `syntax` package (the parser behind shfmt), compiled to JavaScript
 * (mvdan-sh). Chosen over tree-sitter-bash and sh-syntax (mvdan/sh in WASM) by measurement on the
 * shared parser corpora — see BENCHMARKS.md: it accepts what Bash accepts and rejects what it
 * rejects far more often than tree-sitter, at the same speed, and synchronously.
 */
import { syntax, type ShNode, type ShParser } from 'mvdan-sh';

export type { ShNode };
/**
 * The node's type name (`CallExpr`, `Lit` …). Read from GopherJS's type tag: `syntax.NodeType`
 * converts the node back into a Go value first, which costs ~13 µs a call.
 */
export function nodeType(node: unknown): string {
  const tag = (node as { $type?: unknown } | null)?.$type;
  if (typeof tag === 'string') return tag.slice(tag.lastIndexOf('.') + 1).replace(/^\*/, '');
  return syntax.NodeType(node);
}
export const walkNodes = (node: unknown, visit: (node: ShNode) => boolean): void =>
  syntax.Walk(node, (n) => (n === null || n === undefined ? true : visit(n as ShNode)));

let parser: ShParser | undefined;

/** Operators, read off the parser itself so that they cannot drift from its version. */
export const OP = (() => {
  const p = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  const redirect = (src: string) =>
    (p.Parse(src, '') as unknown as { Stmts: Array<{ Redirs: Array<{ Op: number }> }> }).Stmts[0]!.Redirs[0]!
      .Op;
  const binary = (src: string) =>
    (p.Parse(src, '') as unknown as { Stmts: Array<{ Cmd: { Op: number } }> }).Stmts[0]!.Cmd.Op;
  return {
    rdrOut: redirect('a > x'),
    appOut: redirect('a >> x'),
    rdrIn: redirect('a < x'),
    rdrInOut: redirect('a <> x'),
    dplIn: redirect('a <& 0'),
    dplOut: redirect('a >& 1'),
    clbOut: redirect('a >| x'),
    hdoc: redirect('a << E\nE\n'),
    dashHdoc: redirect('a <<- E\nE\n'),
    wordHdoc: redirect('a <<< x'),
    rdrAll: redirect('a &> x'),
    appAll: redirect('a &>> x'),
    andAnd: binary('a && b'),
    orOr: binary('a || b'),
    pipe: binary('a | b'),
    pipeAll: binary('a |& b'),
  };
})();

/**
 * Parameter-expansion operators (`${X:-w}`, `${X%p}`, `${X,,}` …) by their code in the parsed tree,
 * read off the parser like OP.
 */
export const PARAM_OP: ReadonlyMap<number, string> = (() => {
  const p = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  const ops = ['+', ':+', '-', ':-', '?', ':?', '=', ':=', '%', '%%', '#', '##', '^', '^^', ',', ',,', '@'];
  const table = new Map<number, string>();
  for (const op of ops) {
    const file = p.Parse(`: \${X${op}${op === '@' ? 'Q' : 'y'}}`, '') as unknown as {
      Stmts: Array<{ Cmd: { Args: Array<{ Parts: Array<{ Exp: { Op: number } | null }> }> } }>;
    };
    const exp = file.Stmts[0]!.Cmd.Args[1]!.Parts[0]!.Exp;
    if (exp) table.set(exp.Op, op);
  }
  return table;
})();

/** Brace expansion is static: mvdan/sh splits a word's `{a,b}` and `{1..3}` into BraceExp parts. */
export const splitBraces = (word: ShNode): ShNode => syntax.SplitBraces(word) as ShNode;

export type ParseOutcome = { ok: true; file: ShNode } | { ok: false; error: string };

/** Parse a Bash script. Errors read like Bash's: `1:6: reached EOF without closing quote "`. */
export function parseBash(source: string): ParseOutcome {
  parser ??= syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  try {
    return { ok: true, file: parser.Parse(source, '') };
  } catch (error) {
    const goError = error as { Error?: () => string };
    const message = typeof goError.Error === 'function' ? goError.Error() : String(error);
    // A panic inside the parser leaves it in an unknown state: start the next parse afresh.
    if (typeof goError.Error !== 'function') parser = undefined;
    return { ok: false, error: message.replace(/^:?(?=\d+:\d+:)/, '') };
  }
}
