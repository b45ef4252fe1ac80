// Minimal types for mvdan-sh (mvdan/sh's syntax package compiled to JavaScript with GopherJS).
// Field names follow https://pkg.go.dev/mvdan.cc/sh/v3/syntax; nodes are loosely typed here and
// narrowed in parser.ts by `syntax.NodeType`.
declare module 'mvdan-sh' {
  export interface ShNode {
    Pos(): { Line(): number; Col(): number; Offset(): number };
    End(): { Offset(): number };
    [field: string]: unknown;
  }
  export interface ShParser {
    Parse(src: string, name: string): ShNode;
  }
  export const syntax: {
    NewParser(...options: unknown[]): ShParser;
    KeepComments(keep: boolean): unknown;
    Variant(lang: unknown): unknown;
    LangBash: unknown;
    NodeType(node: unknown): string;
    Walk(node: unknown, visit: (node: unknown) => boolean): void;
    SplitBraces(word: unknown): unknown;
  };
}
