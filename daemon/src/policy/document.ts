/**
 * Positions in a policy file: from a path in the YAML document (`rules.3.when`) to a range in the
 * text, including a position inside a condition string, so that problems point at the exact spot.
 */
import {
  LineCounter,
  YAMLParseError,
  isMap,
  isNode,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Scalar,
} from 'yaml';
import type { PolicyProblem, TextEdit } from './types.js';

export type Path = ReadonlyArray<string | number>;

export interface PolicyDocument {
  text: string;
  source: string;
  doc: Document;
  /** 1-based line and column of a byte offset */
  position(offset: number): { line: number; column: number };
  /** offsets of the value at `path` (or of its nearest ancestor that exists) */
  valueRange(path: Path): { start: number; end: number };
  /** offsets of the key at the end of `path` (a key that exists), else of the value */
  keyRange(path: Path): { start: number; end: number };
  /** where character `index` of the string value at `path` stands in the text */
  offsetInString(path: Path, index: number): number;
  problem(
    range: { start: number; end: number },
    severity: PolicyProblem['severity'],
    code: string,
    message: string,
    fix?: { title: string; edits: Array<{ start: number; end: number; newText: string }> },
  ): PolicyProblem;
}

export function openPolicyDocument(text: string, source: string): PolicyDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    // The library's own duplicate-key check compares every pair of keys: 16,000 keys in a
    // repository's file took seconds. Ours is one pass with a set.
    uniqueKeys: false,
    keepSourceTokens: true,
  });
  doc.errors.push(...duplicateKeys(doc));
  const position = (offset: number) => {
    const pos = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: pos.line, column: pos.col };
  };
  const nodeAt = (path: Path) => doc.getIn(path, true);

  const valueRange = (path: Path) => {
    for (let length = path.length; length >= 0; length--) {
      const node = nodeAt(path.slice(0, length));
      if (isNode(node) && node.range) return { start: node.range[0], end: node.range[1] };
      if (length > 0) {
        const key = keyNode(path.slice(0, length));
        if (key) return key;
      }
    }
    return { start: 0, end: 0 };
  };
  const keyNode = (path: Path) => {
    const parent = nodeAt(path.slice(0, -1)) as { items?: Array<{ key?: unknown }> } | undefined;
    const pair = parent?.items?.find(
      (item) => isScalar(item.key) && item.key.value === path[path.length - 1],
    );
    const key = pair?.key as Scalar | undefined;
    return key?.range ? { start: key.range[0], end: key.range[1] } : undefined;
  };

  const toEdit = (edit: { start: number; end: number; newText: string }): TextEdit => {
    const start = position(edit.start);
    const end = position(edit.end);
    return {
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      newText: edit.newText,
    };
  };

  return {
    text,
    source,
    doc,
    position,
    valueRange,
    keyRange: (path) => keyNode(path) ?? valueRange(path),
    offsetInString(path, index) {
      const node = nodeAt(path);
      if (!isScalar(node) || !node.range) return valueRange(path).start;
      const start = node.range[0];
      switch (node.type) {
        case 'QUOTE_DOUBLE':
        case 'QUOTE_SINGLE':
          return start + 1 + index;
        case 'BLOCK_FOLDED':
        case 'BLOCK_LITERAL': {
          // The value is the block's lines less the block's indentation, joined by one character.
          const lines = text.slice(start, node.range[1]).split('\n').slice(1);
          const first = lines.find((line) => line.trim() !== '') ?? '';
          const indent = first.length - first.trimStart().length;
          let offset = start + text.slice(start).indexOf('\n') + 1;
          let remaining = index;
          for (const line of lines) {
            // A CR before the newline (CRLF files) is not part of the value.
            const content = Math.max(0, line.replace(/\r$/, '').length - indent);
            if (remaining <= content) return offset + indent + remaining;
            remaining -= content + 1;
            offset += line.length + 1;
          }
          return start;
        }
        default:
          return start + index;
      }
    },
    problem(range, severity, code, message, fix) {
      const start = position(range.start);
      const end = position(Math.max(range.end, range.start + 1));
      return {
        source,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        severity,
        code,
        message,
        ...(fix ? { fix: { title: fix.title, edits: fix.edits.map(toEdit) } } : {}),
      };
    },
  };
}

/** Keys given twice in one mapping, anywhere in the document, in linear time. */
function duplicateKeys(doc: Document): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isSeq(node)) stack.push(...node.items);
    else if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : JSON.stringify(pair.key);
        if (seen.has(key)) {
          const [start, end] = isNode(pair.key) && pair.key.range ? pair.key.range : [0, 1];
          errors.push(new YAMLParseError([start, end], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else seen.add(key);
        stack.push(pair.value);
      }
    }
  }
  return errors;
}
