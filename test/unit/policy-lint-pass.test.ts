/**
 * Lint in one pass: every problem of a file in one run, by position (a schema error in one rule
 * hides nothing of the others); condition errors in plain words at the real token; and, among the
 * policies in force, overrides and allows that can never win.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintPolicyText, loadPolicyText, type LintContext } from '../../daemon/src/policy/index.js';
import { compileExpression } from '../../daemon/src/policy/cel.js';
import { effectsFor, prepareForPolicy } from '../../daemon/src/pipeline/prepare.js';
import { PACK_DIR } from '../helpers/env.js';

const HOME = '/home/dev';
const context: LintContext = { prepare: prepareForPolicy(HOME), effectsOf: effectsFor(HOME), home: HOME };
const pack = loadPolicyText(
  readFileSync(join(PACK_DIR, 'default.aarm.yaml'), 'utf8'),
  join(PACK_DIR, 'default.aarm.yaml'),
  {
    scope: 'pack',
  },
);
assert.ok(pack.ok);
const inForce: LintContext = { ...context, scope: 'user', layers: () => [pack.file] };

const line = (p: { line: number; column: number; severity: string; code?: string }) =>
  `${p.line}:${p.column} ${p.severity} ${p.code}`;

test('every problem of a file in one run, sorted by position: schema, fields, conditions, shadowing', () => {
  const text = `aarm: 1
name: many
colour: red
rules:
  - id: a
    decision: permit
    reason: r
  - id: b
    match: { tool: shell }
    when: action.parameters.comand == 'x'
    decision: deny
    reason: r
  - id: c
    match: { tool: shell }
    when: action.parameters.command.startsWith('git push
    decision: deny
    reason: r
  - id: d
    decision: deny
  - id: e
    match: { tool: shell }
    decision: step_up
    reason: r
  - id: f
    match: { tool: shell }
    when: "'x' in effects.risks"
    decision: step_up
    reason: r
`;
  const problems = lintPolicyText(text, 'many.yaml', { ...context, scope: 'user' });
  assert.deepEqual(problems.map(line), [
    '3:1 error unknown-key',
    '6:15 error schema',
    '10:29 error unknown-field',
    '15:48 error cel',
    '19:15 error missing-reason',
    '24:9 warning shadowed',
  ]);
  assert.match(problems[3]!.message, /^condition: unterminated string starting at column 48/);
  // The loader (the daemon, `aarm check`) reports the same errors, not just the first.
  const loaded = loadPolicyText(text, 'many.yaml');
  assert.equal(loaded.ok, false);
  assert.deepEqual(
    loaded.problems.map(line),
    problems.filter((p) => p.code !== 'unknown-field' && p.code !== 'shadowed').map(line),
  );
});

test('condition errors say what is wrong, in plain words, at the real column', () => {
  const cases: Array<[string, number, RegExp]> = [
    ["action.parameters.command.startsWith('git push", 37, /^unterminated string starting at column 38/],
    ['effects.risks.exists(r, r == "x"', 20, /^the `\(` at column 21 is never closed \(`\)` missing\)/],
    [
      "'a' in effects.risks &&",
      21,
      /^the condition ends after `&&` at column 22: a value is missing after it/,
    ],
    [
      'effects.network effects.hosts',
      16,
      /^`effects` at column 17 follows `network` with no operator between them/,
    ],
    ["action.tool = 'shell'", 12, /^unexpected character `=` at column 13; to compare, write `==`/],
    ['size(effects.hosts) > 0)', 23, /^`\)` at column 24 has no matching opening bracket/],
    ["hostOf(action.parameters.url,, 'x')", 29, /^an argument is missing between the two commas/],
    ['effects.hosts.', 13, /^a field or method name is missing after the `\.` at column 14/],
    ['[1, 2', 0, /^the `\[` at column 1 is never closed/],
  ];
  for (const [source, offset, message] of cases) {
    const compiled = compileExpression(source);
    assert.equal(compiled.ok, false, source);
    if (compiled.ok) continue;
    assert.equal(compiled.offset, offset, source);
    assert.match(compiled.error, message, source);
  }
  // Valid conditions are untouched.
  for (const source of [
    "r'^a(b' == 'x'",
    "'''a\nb''' != ''",
    '{"a": [1, 2,]}.size() > 0',
    'a.b(c, d)[0] ? 1 : -2',
  ])
    assert.equal(compileExpression(source).ok, true, source);
});

test('in a YAML block, the column is the one in the file', () => {
  const problems = lintPolicyText(
    `aarm: 1
name: x
rules:
  - id: a
    when: >-
      'a' in effects.risks &&
        effects.hosts.exists(h, h == "x)
    decision: deny
    reason: r
`,
    'x.yaml',
    context,
  );
  assert.deepEqual(problems.map(line), ['7:38 error cel']);
  assert.match(problems[0]!.message, /unterminated string starting at column 38/);
});

test('an allow that a pack step_up always decides first is a warning, with the exact override that lets it through', () => {
  const allow = `aarm: 1
name: mine
rules:
  - id: fork-push
    match: { tool: shell }
    when: action.parameters.command.startsWith('git push --force origin fork-')
    decision: allow
`;
  const [warning, ...rest] = lintPolicyText(allow, '/home/dev/.local/state/aarm/policies/mine.yaml', inForce);
  assert.deepEqual(rest, []);
  assert.equal(warning?.code, 'allow-never-wins');
  assert.equal(warning?.severity, 'warning');
  assert.deepEqual([warning?.line, warning?.column], [4, 9]);
  assert.match(warning!.message, /is decided first by `history-rewrite` \(step_up/);
  const yaml = warning!.message.slice(warning!.message.indexOf('overrides:'));
  // The quick fix adds exactly that at the end of the file.
  assert.deepEqual(warning?.fix?.edits, [
    { line: 8, column: 1, endLine: 8, endColumn: 1, newText: `${yaml}\n` },
  ]);
  // The suggested override, pasted in, makes the warning go away and leaves only its info.
  const fixed = `${allow}${yaml.replace('lets `fork-push` through', 'I force-push to my fork')}\n`;
  const after = lintPolicyText(fixed, '/home/dev/.local/state/aarm/policies/mine.yaml', inForce);
  assert.deepEqual(after.map(line), ['9:11 info override']);
  assert.match(
    after[0]!.message,
    /^overrides `history-rewrite` of the default pack \(step_up: .*\): it applies only where .*Reason: I force-push to my fork$/,
  );
});

test('the examples of an allow, decided otherwise with the pack in force, make the warning too', () => {
  const problems = lintPolicyText(
    `aarm: 1
name: mine
rules:
  - id: reset
    match: { tool: shell }
    when: action.parameters.command.matches('^git reset --hard')
    decision: allow
examples:
  - action: { tool: shell, operation: exec, parameters: { command: git reset --hard HEAD~1, cwd: /home/dev/p }, context: { workspace: /home/dev/p }, identity: { agent: { name: a } } }
    decision: allow
`,
    'mine.yaml',
    inForce,
  );
  assert.deepEqual(problems.map(line), ['4:9 warning allow-never-wins']);
  assert.match(problems[0]!.message, /what it allows \(example `example 1`\)/);
});

test('a pack rule that a user policy overrides shows as info on the rule when the pack is linted', () => {
  const user = loadPolicyText(
    'aarm: 1\nname: mine\noverrides:\n  - { rule: history-rewrite, disable: true, reason: I force-push to my fork }\n',
    '/u/mine.yaml',
    { scope: 'user' },
  );
  assert.ok(user.ok);
  const problems = lintPolicyText(
    readFileSync(join(PACK_DIR, 'default.aarm.yaml'), 'utf8'),
    pack.file.source,
    {
      ...context,
      scope: 'pack',
      layers: () => [user.file],
    },
  );
  // (The pack's examples are not what this test is about: under a loaded machine, one can run past
  // its evaluation budget.)
  const shown = problems.filter((p) => p.code !== 'example');
  const packText = readFileSync(join(PACK_DIR, 'default.aarm.yaml'), 'utf8').split('\n');
  const ruleLine = packText.indexOf('  - id: history-rewrite') + 1;
  assert.deepEqual(shown.map(line), [`${ruleLine}:9 info overridden`]);
  assert.equal(
    shown[0]!.message,
    '`history-rewrite` is overridden by /u/mine.yaml: switched off. Reason: I force-push to my fork',
  );
});

test('`locked` outside a managed policy is a lint error', () => {
  const problems = lintPolicyText(
    'aarm: 1\nname: mine\noverrides:\n  - { rule: secrets, decision: deny, reason: r, locked: true }\n',
    'mine.yaml',
    { ...context, scope: 'user' },
  );
  assert.deepEqual(problems.map(line), ['4:49 error locked-outside-managed']);
});
