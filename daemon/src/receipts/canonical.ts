/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the bytes receipts are signed over, so that any
 * language can rebuild them and verify a receipt offline.
 */

/** Canonical JSON of `value`. Throws on values JSON cannot carry (non-finite numbers, bigint, functions). */
export function canonicalize(value: unknown): string {
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
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalize(item))).join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, which is the order RFC 8785 §3.2.3 requires.
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalize(record[key])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`cannot canonicalize a value of type ${typeof value}`);
  }
}
