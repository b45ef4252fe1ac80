/** Arithmetic operators by their code in the parsed tree, read off the parser (like OP). Pure. */
import { syntax } from 'mvdan-sh';

const tables = (() => {
  const p = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  const node = (src: string) =>
    (
      p.Parse(`: $((${src}))`, '') as {
        Stmts: Array<{ Cmd: { Args: Array<{ Parts: Array<{ X: { Op: number } }> }> } }>;
      }
    ).Stmts[0]!.Cmd.Args[1]!.Parts[0]!.X.Op;
  const binary = new Map<number, string>();
  for (const op of [
    '+',
    '-',
    '*',
    '/',
    '%',
    '**',
    '<<',
    '>>',
    '&',
    '|',
    '^',
    '<',
    '>',
    '<=',
    '>=',
    '==',
    '!=',
    '&&',
    '||',
    '=',
    '+=',
    '-=',
    '*=',
    '/=',
    '%=',
    '<<=',
    '>>=',
    '&=',
    '|=',
    '^=',
  ])
    binary.set(node(`a ${op} 1`), op);
  const unary = new Map<number, string>();
  for (const op of ['++', '--', '-', '+', '!', '~']) unary.set(node(`${op}a`), op);
  return { binary, unary };
})();

export function arithOp(code: number, unary: boolean): string | undefined {
  return (unary ? tables.unary : tables.binary).get(code);
}
