/**
 * The Bash parser: mvdan/sh's `syntax` package (the parser behind shfmt), compiled to JavaScript
 * (mvdan-sh). Chosen over tree-sitter-bash and sh-syntax (mvdan/sh in WASM) by measurement on the
 * shared parser corpora — see BENCHMARKS.md: it accepts what Bash accepts and rejects what it
 * rejects far more often than tree-sitter, at the same speed, and synchronously.
 */
import { syntax, type ShNode, type ShParser } from 'mvdan-sh';
import type { Result } from '../../protocol/index.js';

export type { ShNode };
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

/** Operators, read off the parser itself so that they cannot drift from its version. */
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
  parser ??= syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  try {
    return { ok: true, file: plainFile(parser.Parse(source, '')) };
  } catch (error) {
    const goError = error as { Error?: () => string };
    const message = typeof goError.Error === 'function' ? goError.Error() : String(error);
    // A panic inside the parser leaves it in an unknown state: start the next parse afresh.
    if (typeof goError.Error !== 'function') parser = undefined;
    return { ok: false, error: message.replace(/^:?(?=\d+:\d+:)/, '') };
  }
}
