/**
 * The fast parser (daemon/src/mediation/shell/fast-parse.ts) against mvdan/sh: wherever it answers,
 * its tree is the one mvdan/sh builds (deepStrictEqual, and the same fields in the same order), and
 * it never answers where mvdan/sh reports an error. Checked on every shell command of the corpora,
 * on generated strings of tricky characters, on generated commands in and around the subset, and
 * on edge cases; floors on how many take the fast path keep it from silently falling out of use.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fastParse } from '../../daemon/src/mediation/shell/fast-parse.js';
import { parseBash, parseWithMvdan } from '../../daemon/src/mediation/shell/parser.js';
import { shellJoin } from '../../daemon/src/protocol/shell-quote.js';
import { CORPORA, fillPlaceholders, readJsonl } from '../helpers/corpora.js';
import { readCases } from '../helpers/adversarial.js';

/** The property, for one input; true when the fast path answered. */
function agreesWithMvdan(input: string): boolean {
  const fast = fastParse(input);
  if (fast === undefined) return false;
  const reference = parseWithMvdan(input);
  const shown = JSON.stringify(input);
  if (!reference.ok)
    assert.fail(`the fast path accepts ${shown}, which mvdan/sh rejects: ${reference.error}`);
  assert.deepStrictEqual(fast, reference.file, shown);
  // The analyser walks fields in order (walkNodes): the order must match too.
  assert.equal(JSON.stringify(fast), JSON.stringify(reference.file), `field order differs for ${shown}`);
  return true;
}

function shellCorpora(): Record<string, string[]> {
  const oracle = JSON.parse(readFileSync(join(CORPORA, 'bash-oracle.json'), 'utf8')) as {
    verdicts: Record<string, string>;
  };
  const tldr = readJsonl<{ command: string }>('benign-commands/tldr_examples_sample3000.jsonl');
  const argvs = [
    ...readJsonl<{ argv: string[] }>('codex-command-safety/codex_is_known_safe_cases.jsonl'),
    ...readJsonl<{ argv: string[] }>('codex-command-safety/codex_is_dangerous_cases.jsonl'),
  ].map((c) => shellJoin(c.argv));
  // The policy's examples: argv lists and command strings.
  const policyExamples = readFileSync(join(CORPORA, 'codex-command-safety', 'example.codexpolicy'), 'utf8')
    .split('\n')
    .map((line) => line.trim().replace(/,$/, ''))
    .filter((line) => line.startsWith('[') || line.startsWith('"'))
    .map((line) => JSON.parse(line) as string[] | string)
    .map((example) => (Array.isArray(example) ? shellJoin(example) : example));
  return {
    'bash-oracle': Object.keys(oracle.verdicts),
    'mvdan-sh filetests': readJsonl<{ inputs: string[] }>(
      'shell-parser-tests/mvdan-sh_filetests_inputs.jsonl',
    ).flatMap((c) => c.inputs),
    'mvdan-sh error cases': readJsonl<{ input: string }>('shell-parser-tests/mvdan-sh_error_cases.jsonl').map(
      (c) => c.input,
    ),
    'tree-sitter-bash': readJsonl<{ input: string }>('shell-parser-tests/tree-sitter-bash_corpus.jsonl').map(
      (c) => c.input,
    ),
    tldr: tldr.map((c) => fillPlaceholders(c.command)),
    'tldr, placeholders kept': tldr.map((c) => c.command),
    codex: [
      ...argvs,
      ...readJsonl<{ script: string }>('codex-command-safety/codex_plain_script_parse_cases.jsonl').map(
        (c) => c.script,
      ),
      ...policyExamples,
    ],
    'adversarial attacks': readCases('attacks').map((c) => c.command),
    'adversarial ordinary': readCases('ordinary').map((c) => c.command),
    'adversarial review': readCases('review').map((c) => c.command),
  };
}

/** The share of each corpus on the fast path when the floors were set, less a margin. */
const FAST_FLOOR: Record<string, number> = {
  'bash-oracle': 0.07, // 84 of 1,113: the parser corpora are mostly the syntax the subset leaves out
  'mvdan-sh filetests': 0.1, // 71 of 672
  'mvdan-sh error cases': 0, // 3 of 351, errors in other dialects only
  'tree-sitter-bash': 0.12, // 13 of 100
  tldr: 0.97, // 2,934 of 3,000
  'tldr, placeholders kept': 0.97, // 2,926 of 3,000
  codex: 0.78, // 108 of 137
  'adversarial attacks': 0.75, // 691 of 901
  'adversarial ordinary': 0.88, // 509 of 571
  'adversarial review': 0.72, // 454 of 623 (the cases added since target mvdan/sh's reading)
};

test('every shell command of the corpora: the same tree as mvdan/sh, or no answer', () => {
  for (const [name, inputs] of Object.entries(shellCorpora())) {
    const fast = inputs.filter(agreesWithMvdan).length;
    console.log(
      `${name}: ${fast} of ${inputs.length} on the fast path (${((fast / inputs.length) * 100).toFixed(1)}%)`,
    );
    assert.ok(inputs.length > 0, `${name} is empty`);
    assert.ok(
      fast >= FAST_FLOOR[name]! * inputs.length,
      `${name}: only ${fast} of ${inputs.length} on the fast path`,
    );
  }
});

/** A small seeded generator (mulberry32), so that every run checks the same strings. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('generated strings of tricky characters: the same tree as mvdan/sh, or no answer', () => {
  const next = random(1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const tricky = [...' \t\n;&|<>\'"\\$`(){}#=~*?[]!', ...'029-/.@+%,:', 'é', '\r', '\0'];
  let fast = 0;
  const count = 5000;
  for (let n = 0; n < count; n++) {
    let input = '';
    const length = 1 + Math.floor(next() * 24);
    for (let k = 0; k < length; k++) input += next() < 0.4 ? pick(['a', 'b', 'if', 'x']) : pick(tricky);
    if (agreesWithMvdan(input)) fast++;
  }
  console.log(`${fast} of ${count} on the fast path`); // 796 when set
  assert.ok(
    fast > count * 0.14,
    `only ${fast} of ${count} on the fast path: the generator no longer reaches it`,
  );
});

test('generated commands in and around the subset: the same tree as mvdan/sh, or no answer', () => {
  const next = random(2);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  // Words and joins of the subset, and near misses: keywords, assignments, comments, expansions.
  const words = [
    ...['a', 'ls', '-rf', '~/x', '*.ts', '[', 'a[1]', '[a]b', '2', '12', '{fd}', '{1}', '{a,b}', '!x', 'a#b'],
    ...["'q q'", "''", '"d d"', '""', `"a'b"`, `'a"b'`, "'$x \\ `'", "a'b'c", '"x"y', '--k=v', '@', '%'],
  ];
  const nearMissWords = [
    'if',
    '{',
    '}',
    '!',
    '[[',
    'x=1',
    'a=b',
    "'a'#",
    '"$x"',
    '*(a)',
    'export',
    'in',
    'é',
  ];
  const joins = [
    ...[' ', ' ', ' ', '', ';', '; ', ' ;', '&&', ' && ', '||', ' || ', '|', ' | ', '|&', ' |& ', '\n'],
    ...[' \n ', '&&\n', '|\n', '>', ' > ', '>>', '<', '2>&1', ' 2>/dev/null ', '&>', '&>>', '>&', '<&'],
    ...['>|', '<>', '\t', ' #c\n', ' # x y;z\n', '\n#c\n'],
  ];
  const nearMissJoins = ['&', ';;', ';&', '<<', '<<<', '(', ')', '#', '\\', '$', '\r\n', '\n;'];
  const word = () => (next() < 0.08 ? pick(nearMissWords) : pick(words));
  const join = () => (next() < 0.08 ? pick(nearMissJoins) : pick(joins));
  let fast = 0;
  const count = 6000;
  for (let n = 0; n < count; n++) {
    let input = next() < 0.1 ? join() : '';
    const length = 1 + Math.floor(next() * 10);
    for (let k = 0; k < length; k++) input += word() + (next() < 0.5 ? ' ' : join());
    if (agreesWithMvdan(input)) fast++;
  }
  console.log(`${fast} of ${count} on the fast path`); // 2,290 when set
  assert.ok(
    fast > count * 0.34,
    `only ${fast} of ${count} on the fast path: the generator no longer reaches it`,
  );
});

test('long commands, across the 1 KiB blocks mvdan/sh reads its input in: the same tree', () => {
  const next = random(3);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const words = ['a', 'git', "'q q'", "''", '"d d"', '""', '~/x', '*.ts', 'a[1]', '--k=v', "a'b'c", '"x"y'];
  const joins = [
    ...[' ', ' ', ' ', '; c ', ';c ', '\nc ', ' && c ', '||c ', ' | c ', '|&c ', ' # note\nc '],
    ...[' 2>&1 ', '&>', ' < '],
  ];
  for (let n = 0; n < 300; n++) {
    let input = 'c';
    const length = 900 + Math.floor(next() * 2400);
    while (input.length < length) input += pick(joins) + pick(words);
    assert.ok(agreesWithMvdan(input), `not on the fast path: ${JSON.stringify(input.slice(0, 80))}…`);
  }
});

test('edge cases: what the fast path takes, and what it leaves to mvdan/sh', () => {
  const taken = [
    ...['', ' \t', '\n\n', 'a', 'a;', 'a ; ', 'a; b', 'a;b', 'a\n\n  b\n', 'a && b || c', 'a || b && c'],
    ...['a | b |& c', 'a && b | c', 'a &&\n\n b', 'a |\n b', '> x', '2>&1', 'a 2>/dev/null', 'a &>>log'],
    ...['a >|x <>y <&0 >&2', '{fd}>x a', 'a b>c', 'echo a[1][2] [x[y]', '[ -f x ]', 'echo \'\' ""'],
    ...["awk '{print $1}'", "grep 'a\\.b'", 'a#b', '~/x *.ts ?', '!x', 'echo if then { } !', 'a x=1'],
    ...['echo "it\'s" \'say "hi"\'', 'a\'b\'"c"d', 'a|b&&c||d;e'],
    // comments, where a token starts
    ...['a # c', '# only', 'a;#c', 'a &&#c\n b', 'a |\n# c\n\n b', '#!/bin/sh\nls # list', 'a # $x `b` (c)'],
  ];
  const leftToMvdan = [
    // errors mvdan/sh reports
    ...['a;;b', 'a; ;', ';', 'a |', 'a &&', '&& a', '| a', "'a", '"a', 'a >', 'a >2>x', 'x[1]', 'a;&b'],
    ...['a > #c', 'a && # c'],
    // valid, outside the subset
    ...['a &', "a'b'#c", 'a # c\\\nb', 'x=1 a', 'a[1]=x', 'if true; then a; fi', '{ a; }', '! a', '[[ a ]]'],
    ...['export A=1', 'time a', 'a $x', 'a `b`', 'a \\; b', 'a <<E\nE\n', 'a <<< x', 'a <(b)', 'a >(b)'],
    ...['(a)', 'f() { a; }', 'echo é', 'a\r\n', "x'a'2>f", 'echo "$x"', 'a\tb\0', 'echo *(a)'],
  ];
  for (const input of taken)
    assert.ok(agreesWithMvdan(input), `not on the fast path: ${JSON.stringify(input)}`);
  for (const input of leftToMvdan) {
    assert.equal(fastParse(input), undefined, `on the fast path: ${JSON.stringify(input)}`);
    // parseBash answers as mvdan/sh does, its error messages included.
    assert.deepStrictEqual(parseBash(input), parseWithMvdan(input));
  }
  // mvdan/sh's reading, not Bash's: `a[1]` is two literals.
  const file = fastParse('echo a[1]')!;
  const args = (file.Stmts as Array<{ Cmd: { Args: Array<{ Parts: unknown[] }> } }>)[0]!.Cmd.Args[1]!.Parts;
  assert.deepStrictEqual(args, [
    { $type: '*syntax.Lit', Value: 'a' },
    { $type: '*syntax.Lit', Value: '[1]' },
  ]);
});
