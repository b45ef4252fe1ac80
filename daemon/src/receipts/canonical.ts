/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the bytes receipts are signed over, so that any
 * language can rebuild them and verify a receipt offline.
 */

/** Below this depth a value is written by plain recursion (fast); deeper, with an explicit stack. */
const RECURSION_DEPTH = 256;

/** Canonical JSON of `value`. Throws on values JSON cannot carry (non-finite numbers, bigint, functions). */
export function canonicalize(value: unknown): string {
  return write(value, 0);
}

function write(value: unknown, depth: number): string {
  if (typeof value !== 'object' || value === null) return scalar(value);
  // A store written before the depth limit holds actions thousands of levels deep: never overflow.
  if (depth >= RECURSION_DEPTH) return writeWithStack(value);
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => (item === undefined ? 'null' : write(item, depth + 1))).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  return `{${sortedKeys(record)
    .map((key) => `${JSON.stringify(key)}:${write(record[key], depth + 1)}`)
    .join(',')}}`;
}

function scalar(value: unknown): string {
  switch (typeof value) {
    case 'string':
      // JSON.stringify escapes exactly as RFC 8785 §3.2.2.2 asks (short escapes, lowercase \u00xx).
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot canonicalize the number ${value}`);
      // ECMAScript's Number→string is the serialisation RFC 8785 §3.2.2.3 prescribes (and -0 → "0").
      return JSON.stringify(value);
    case 'object':
      return 'null';
    default:
      throw new TypeError(`cannot canonicalize a value of type ${typeof value}`);
  }
}

/** Default sort compares UTF-16 code units, which is the order RFC 8785 §3.2.3 requires. */
const sortedKeys = (record: Record<string, unknown>) =>
  Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();

/** Literal text on the work stack, as opposed to a value still to write. */
class Text {
  constructor(readonly text: string) {}
}

/** The same output as `write`, for any depth: work items are popped in the order they are written. */
function writeWithStack(root: object): string {
  const out: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Text) out.push(item.text);
    else if (typeof item !== 'object' || item === null) out.push(scalar(item));
    else if (Array.isArray(item)) {
      stack.push(new Text(']'));
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push(item[i] === undefined ? null : item[i]);
        if (i > 0) stack.push(new Text(','));
      }
      stack.push(new Text('['));
    } else {
      const record = item as Record<string, unknown>;
      const keys = sortedKeys(record);
      stack.push(new Text('}'));
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push(record[keys[i]!]);
        stack.push(new Text(`${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:`));
      }
      stack.push(new Text('{'));
    }
  }
  return out.join('');
}
