/**
 * Golden tests of the policy linter: each file in test/fixtures/policies has the diagnostics it
 * must produce next to it (`*.expected`, `file:line:col: severity: message [code]`). Regenerate
 * after a deliberate change with `UPDATE_GOLDEN=1 npm run test:unit`, and read the diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintPolicyText } from '../../daemon/src/policy/index.js';
import { effectsFor, prepareForPolicy } from '../../daemon/src/pipeline/prepare.js';
import { PACK_DIR, REPO } from '../helpers/env.js';

const HOME = '/home/dev';
const context = { prepare: prepareForPolicy(HOME), effectsOf: effectsFor(HOME), home: HOME };
const DIR = join(REPO, 'test', 'fixtures', 'policies');

const lint = (file: string, scope?: 'pack') =>
  lintPolicyText(readFileSync(file, 'utf8'), file.replace(`${DIR}/`, ''), {
    ...context,
    ...(scope ? { scope } : {}),
  })
    .map(
      (p) => `${p.source}:${p.line}:${p.column}: ${p.severity}: ${p.message}${p.code ? ` [${p.code}]` : ''}`,
    )
    .join('\n');

for (const name of readdirSync(DIR).filter((f) => f.endsWith('.yaml'))) {
  test(`golden: ${name}`, () => {
    const actual = lint(join(DIR, name));
    const expectedFile = join(DIR, name.replace(/\.ya?ml$/, '.expected'));
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedFile, actual === '' ? '' : `${actual}\n`);
    assert.ok(existsSync(expectedFile), `${expectedFile} is missing`);
    assert.equal(actual, readFileSync(expectedFile, 'utf8').trimEnd());
    if (name.startsWith('valid-')) assert.equal(actual, '', 'a valid policy lints clean');
    else assert.notEqual(actual, '', 'a broken policy has diagnostics');
  });
}

test('the built-in packs lint clean: no errors and no warnings', () => {
  for (const name of readdirSync(PACK_DIR).filter((f) => f.endsWith('.yaml')))
    assert.equal(lint(join(PACK_DIR, name), 'pack'), '', name);
});

test('problems carry exact ranges and quick fixes where the intent is clear', () => {
  const text = readFileSync(join(DIR, 'broken-schema.aarm.yaml'), 'utf8');
  const problems = lintPolicyText(text, 'x.aarm.yaml', context);
  const typo = problems.find((p) => p.code === 'unknown-key')!;
  assert.deepEqual([typo.line, typo.column, typo.endLine, typo.endColumn], [5, 5, 5, 13]);
  assert.equal(typo.fix?.title, 'Rename to `decision`');
  assert.deepEqual(typo.fix?.edits, [{ line: 5, column: 5, endLine: 5, endColumn: 13, newText: 'decision' }]);
  const stepUp = problems.find((p) => p.message.includes('`step-up`'))!;
  assert.equal(stepUp.fix?.edits[0]?.newText, 'step_up');
  assert.equal(
    problems.find((p) => p.message.includes('`permit`'))?.fix,
    undefined,
    'no fix when the intent is not clear',
  );
  const missing = lintPolicyText(
    'aarm: 1\nname: x\nrules:\n  - id: a\n    decision: deny\n',
    'x.aarm.yaml',
    context,
  )[0]!;
  assert.equal(missing.code, 'missing-reason');
  assert.deepEqual(missing.fix?.edits, [
    { line: 5, column: 19, endLine: 5, endColumn: 19, newText: '\n    reason: TODO say why this is refused' },
  ]);
});

test('the JSON Schema in policies/ is the one the code derives', async () => {
  const { policyJsonSchema } = await import('../../daemon/src/policy/json-schema.js');
  const committed = JSON.parse(readFileSync(join(PACK_DIR, 'aarm-policy.schema.json'), 'utf8')) as unknown;
  assert.deepEqual(
    committed,
    policyJsonSchema(),
    'run `npx aarm policy schema > policies/aarm-policy.schema.json`',
  );
});

test('odd YAML does not crash the linter; CRLF files get the right columns; MODIFY rules do not shadow each other', () => {
  const bomb = [
    'aarm: 1',
    'name: x',
    'a: &a [1,1,1,1,1,1,1,1,1,1]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    '',
  ].join('\n');
  const [problem] = lintPolicyText(bomb, 'bomb.aarm.yaml', context);
  assert.equal(problem?.code, 'yaml');
  const crlf =
    'aarm: 1\r\nname: x\r\nrules:\r\n  - id: a\r\n    when: |\r\n      true &&\r\n      action.parameters.comand == "x"\r\n    decision: deny\r\n    reason: r\r\n';
  const field = lintPolicyText(crlf, 'crlf.aarm.yaml', context).find((p) => p.code === 'unknown-field')!;
  assert.deepEqual([field.line, field.column], [7, 25]);
  const modify = (id: string) =>
    `  - { id: ${id}, match: { tool: shell }, decision: modify, modify: { set: { command: "'x'" } }, reason: r }\n`;
  const twoModify = `aarm: 1\nname: m\nrules:\n${modify('m1')}${modify('m2')}`;
  assert.ok(!lintPolicyText(twoModify, 'm.aarm.yaml', context).some((p) => p.code === 'shadowed'));
});
