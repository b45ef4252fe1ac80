// Minimal types for mvdan-sh (mvdan/sh's syntax package compiled to JavaScript with GopherJS).
// Field names follow https://pkg.go.dev/mvdan.cc/sh/v3/syntax; nodes are loosely typed here and
// narrowed in parser.ts by their type names. parser.ts copies the parser's output into plain
// objects (`ShNode`: the node's exported fields, without positions).
declare module 'mvdan-sh' {
  export interface ShNode {
    $type: string;
    [field: string]: unknown;
  }
  export interface ShParser {
    Parse(src: string, name: string): unknown;
  }
  export const syntax: {
    NewParser(...options: unknown[]): ShParser;
    KeepComments(keep: boolean): unknown;
    Variant(lang: unknown): unknown;
    LangBash: unknown;
    NodeType(node: unknown): string;
    Walk(node: unknown, visit: (node: unknown) => boolean): void;
  };
}
