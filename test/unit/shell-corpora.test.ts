/**
 * The shell analyser against corpora written by others (test/fixtures/corpora, provenance in its
 * README): Bash's own verdicts on the parser corpora, the Codex command-safety cases, and the tldr
 * examples of everyday commands that must not be interrupted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBash } from '../../daemon/src/mediation/shell/parser.js';
import { analyseShell } from '../../daemon/src/mediation/shell/analyse.js';
import { shellJoin } from '../../daemon/src/protocol/shell-quote.js';
import { isWithin } from '../../daemon/src/protocol/paths.js';
import { CORPORA, fillPlaceholders, readJsonl } from '../helpers/corpora.js';
import { REPO } from '../helpers/env.js';
import { createPackJudge } from '../helpers/pack.js';

const HOME = '/home/dev';
const WS = '/home/dev/project';
const { shell: decide } = createPackJudge({ home: HOME, workspace: WS, stateDir: '/var/lib/aarm-test' });

test('parser corpora: never accept what Bash rejects; what Bash accepts and we do not is stepped up, never run silently', () => {
  const oracle = JSON.parse(readFileSync(join(CORPORA, 'bash-oracle.json'), 'utf8')) as {
    verdicts: Record<string, 'accepts' | 'rejects'>;
  };
  const acceptedButBashRejects: string[] = [];
  let rejectedButBashAccepts = 0;
  let agree = 0;
  for (const [input, bash] of Object.entries(oracle.verdicts)) {
    const ours = parseBash(input).ok ? 'accepts' : 'rejects';
    if (ours === bash) agree++;
    else if (ours === 'accepts') acceptedButBashRejects.push(input);
    else rejectedButBashAccepts++;
  }
  // (The one case there was, a backslash before CR LF, is refused since: parser.ts.)
  assert.deepEqual(acceptedButBashRejects, []);
  // Mostly `${…}` forms `bash -n` does not check (they fail only when run) and zsh/mksh syntax;
  // ten more are read otherwise by mvdan/sh than by Bash, and refused since (parser.ts
  // `readOtherwiseByBash`): a `#` right after a quote or a backquote, a backslash before CR LF.
  assert.ok(rejectedButBashAccepts <= 204, `more inputs rejected than measured: ${rejectedButBashAccepts}`);
  assert.ok(agree >= 909, `agreement fell to ${agree} of ${Object.keys(oracle.verdicts).length}`);
  const unparsed = decide('echo ${foo;}');
  assert.equal(unparsed.decision.rule, 'not-understood');
});

test('Codex plain-script cases: the same commands, in the same order, come out of our decomposition', () => {
  type Case = {
    script: string;
    expected?: string[][] | null;
    expected_single_command_prefix?: string[] | null;
  };
  let compared = 0;
  for (const c of readJsonl<Case>('codex-command-safety/codex_plain_script_parse_cases.jsonl')) {
    const effects = analyseShell(c.script, { cwd: WS, home: HOME, workspace: WS });
    // null: Codex gives up on these (substitution, redirects…); we analyse them (see the test below)
    const expected =
      c.expected ?? (c.expected_single_command_prefix ? [c.expected_single_command_prefix] : null);
    if (expected === null) continue;
    assert.deepEqual(
      effects.commands.map((cmd) => cmd.argv),
      expected,
      c.script,
    );
    compared++;
  }
  assert.ok(compared >= 10);
  const hidden = analyseShell('python3 <<< "$(rm -rf /)"', { cwd: WS, home: HOME, workspace: WS });
  assert.ok(hidden.deletes.includes('/'), 'a command hidden in a here-string substitution is still found');
});

test('Codex safety cases: every dangerous one is stopped; every difference is a documented, deliberate one', () => {
  const documented = JSON.parse(
    readFileSync(join(REPO, 'test', 'fixtures', 'codex-differences.json'), 'utf8'),
  ) as {
    differences: Array<{ argv: string[]; reason: string }>;
  };
  const found: string[] = [];
  for (const c of readJsonl<{ argv: string[]; expected: string }>(
    'codex-command-safety/codex_is_known_safe_cases.jsonl',
  )) {
    const allowed = decide(shellJoin(c.argv)).verdict === 'allow';
    if (c.expected.startsWith('safe') !== allowed) found.push(JSON.stringify(c.argv));
  }
  for (const c of readJsonl<{ argv: string[]; expected: string }>(
    'codex-command-safety/codex_is_dangerous_cases.jsonl',
  )) {
    const allowed = decide(shellJoin(c.argv)).verdict === 'allow';
    if ((c.expected === 'dangerous') === allowed) found.push(JSON.stringify(c.argv));
  }
  assert.deepEqual(found.sort(), documented.differences.map((d) => JSON.stringify(d.argv)).sort());
  assert.ok(documented.differences.every((d) => d.reason.length > 20));
  // Where Codex calls a command dangerous, the only one we let run is the plain `git reset`.
  const dangerousAllowed = readJsonl<{ argv: string[]; expected: string }>(
    'codex-command-safety/codex_is_dangerous_cases.jsonl',
  )
    .filter((c) => c.expected === 'dangerous' && decide(shellJoin(c.argv)).verdict === 'allow')
    .map((c) => c.argv.join(' '));
  assert.deepEqual(dangerousAllowed, ['git reset']);
});

test('tldr everyday commands: under 5% of those that stay inside the workspace are interrupted', () => {
  let inside = 0;
  let interrupted = 0;
  let all = 0;
  let allInterrupted = 0;
  for (const example of readJsonl<{ command: string }>('benign-commands/tldr_examples_sample3000.jsonl')) {
    const command = fillPlaceholders(example.command);
    if (/^<[^>]+>/.test(command)) continue; // key presses in interactive programs, not commands
    const stopped = decide(command).verdict !== 'allow';
    all++;
    if (stopped) allInterrupted++;
    const effects = analyseShell(command, { cwd: WS, home: HOME, workspace: WS });
    // Ordinary work inside the workspace: no risk class (no root, no cloud or cluster change, no
    // upload, no history rewrite …) and every write inside the workspace or /tmp.
    const staysInside =
      effects.risks.length === 0 &&
      [...effects.writes, ...effects.deletes].every(
        (p) => isWithin(p.replace(/\/\*\*$/, ''), WS) || isWithin(p, '/tmp'),
      );
    if (!staysInside) continue;
    inside++;
    if (stopped) interrupted++;
  }
  const share = interrupted / inside;
  console.log(
    `tldr: ${interrupted}/${inside} in-workspace commands interrupted (${(share * 100).toFixed(2)}%); all: ${allInterrupted}/${all}`,
  );
  assert.ok(inside > 2300, `only ${inside} commands stay inside the workspace`);
  assert.ok(share < 0.05, `${(share * 100).toFixed(2)}% interrupted`);
});

test('the corpora copies are the ones the README describes', () => {
  assert.match(readFileSync(join(CORPORA, 'README.md'), 'utf8'), /tldr-pages contributors/);
});
