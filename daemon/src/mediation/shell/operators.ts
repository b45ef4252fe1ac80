/**
 * The parser's operator codes (redirections, `&&`, `||`, pipes) as they appear in the parsed tree,
 * read off the parser itself so that they cannot drift from its version. A module of its own so
 * that both the parser and the fast parser (fast-parse.ts) can use them without importing each
 * other.
 */
import { syntax } from 'mvdan-sh';

export const OP = (() => {
  const p = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  const redirect = (src: string) =>
    (p.Parse(src, '') as { Stmts: Array<{ Redirs: Array<{ Op: number }> }> }).Stmts[0]!.Redirs[0]!.Op;
  const binary = (src: string) =>
    (p.Parse(src, '') as { Stmts: Array<{ Cmd: { Op: number } }> }).Stmts[0]!.Cmd.Op;
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

/** The codes of `[[ … ]]`'s arithmetic comparisons (`-eq`, `-ne`, `-lt`, `-le`, `-gt`, `-ge`): their operands are arithmetic. */
export const ARITHMETIC_TESTS: ReadonlySet<number> = (() => {
  const p = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  return new Set(
    ['-eq', '-ne', '-lt', '-le', '-gt', '-ge'].map(
      (op) =>
        (p.Parse(`[[ a ${op} b ]]`, '') as { Stmts: Array<{ Cmd: { X: { Op: number } } }> }).Stmts[0]!.Cmd.X
          .Op,
    ),
  );
})();
