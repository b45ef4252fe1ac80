import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalize } from '../../daemon/src/receipts/canonical.js';

test('numbers serialise as RFC 8785 §3.2.2.3 prescribes', () => {
  // Examples from RFC 8785 Appendix B.
  const cases: Array<[number, string]> = [
    [0, '0'],
    [-0, '0'],
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [333333333.33333329, '333333333.3333333'],
    [9007199254740992, '9007199254740992'],
    [-1.5e-300, '-1.5e-300'],
    [4.5, '4.5'],
  ];
  for (const [value, expected] of cases) assert.equal(canonicalize(value), expected, String(value));
});

test('object keys sort by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
  const input = {
    '\u20ac': 'Euro Sign',
    '\r': 'Carriage Return',
    '\ufb33': 'Hebrew Letter Dalet With Dagesh',
    '1': 'One',
    '\ud83d\ude00': 'Emoji: Grinning Face',
    '\u0080': 'Control',
    '\u00f6': 'Latin Small Letter O With Diaeresis',
  };
  assert.equal(
    canonicalize(input),
    '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
  );
});

test('the RFC 8785 §3.2.2 sample canonicalises byte for byte', () => {
  const input = {
    numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
    string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
    literals: [null, true, false],
  };
  assert.equal(
    canonicalize(input),
    '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
  );
});

test('undefined members are left out and nesting is canonical too', () => {
  assert.equal(
    canonicalize({ b: { d: 1, c: [{ z: 1, a: 2 }] }, a: undefined }),
    '{"b":{"c":[{"a":2,"z":1}],"d":1}}',
  );
});

test('values JSON cannot carry are refused', () => {
  assert.throws(() => canonicalize(Number.NaN), /cannot canonicalize/);
  assert.throws(() => canonicalize(Infinity), /cannot canonicalize/);
  assert.throws(() => canonicalize(10n), /cannot canonicalize/);
});

test('any depth canonicalises without overflowing the stack, and deep output equals shallow output', () => {
  // Mixed objects (keys out of order, an undefined member) and arrays (with a hole), 10,000 deep.
  let deep: unknown = 'leaf';
  for (let i = 0; i < 10_000; i++)
    deep = i % 2 ? { z: 1, a: deep, m: undefined } : [deep, undefined, -0, 'x\u2028'];
  const text = canonicalize(deep);
  // JSON.parse rebuilds the same value (undefined members dropped, holes as null): canonical again.
  assert.equal(canonicalize(JSON.parse(text)), text);
  // The stack-based writer gives exactly what recursion gives, at the depth where one hands over.
  // (keys already in order, so JSON.stringify is canonical too)
  let shallow: unknown = { a: true, b: [1, { c: 'é', d: null }] };
  for (let i = 0; i < 300; i++) shallow = { j: [i], k: shallow };
  assert.ok(canonicalize(shallow) === JSON.stringify(shallow));
});
