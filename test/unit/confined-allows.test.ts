/**
 * Confinement as a decision (issue 19): the default pack's `confine:` rule turns some "not
 * understood" step-ups into confined allows where the daemon confines, and leaves them step-ups
 * where it cannot. Replayed over the shared everyday commands (how many asks it saves) and the
 * team's attacks (none of them may get through this way).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCases } from '../helpers/adversarial.js';
import { fillPlaceholders, readJsonl } from '../helpers/corpora.js';
import { createPackJudge } from '../helpers/pack.js';

const where = { home: '/home/dev', workspace: '/home/dev/project', stateDir: '/var/lib/aarm-test' };
const confining = createPackJudge({ ...where, confine: true });
const plain = createPackJudge(where);

const everyday = [
  ...readJsonl<{ command: string }>('benign-commands/tldr_examples_sample3000.jsonl')
    .map((e) => fillPlaceholders(e.command))
    .filter((c) => !/^<[^>]+>/.test(c)),
  ...readCases('ordinary').map((c) => c.command),
];

test('the everyday set: step-ups that became confined allows are counted, and nothing else changed', () => {
  let stepUps = 0;
  const becameConfined: string[] = [];
  for (const command of everyday) {
    const before = plain.shell(command);
    const after = confining.shell(command);
    if (before.decision.decision === 'step_up') stepUps++;
    if (before.decision.decision === after.decision.decision) continue;
    // The only difference confinement may make: a step-up of the confine rule runs, confined.
    assert.equal(before.decision.rule, 'shell.confine-unknown-command', command);
    assert.equal(before.decision.decision, 'step_up', command);
    assert.match(before.decision.reason, /it would run confined, and confinement is not available here/);
    assert.equal(after.decision.decision, 'modify', command);
    assert.equal(after.verdict, 'allow', command);
    assert.deepEqual(after.decision.confinement, { profile: 'workspace', network: 'none' }, command);
    becameConfined.push(command);
  }
  console.log(
    `everyday set: ${everyday.length} commands, ${stepUps} stepped up without confinement; ${becameConfined.length} of them run confined instead: ${becameConfined.join(' | ')}`,
  );
  assert.ok(becameConfined.length > 0, 'the confine rule turns no step-up into a confined allow');
});

test('the team’s attacks: none gets through as a confined allow', () => {
  const confinedAttacks = readCases('attacks')
    .filter((c) => c.expect === 'block')
    .filter(
      (c) => confining.shell(c.command).verdict === 'allow' && plain.shell(c.command).verdict !== 'allow',
    )
    .map((c) => c.command);
  assert.deepEqual(confinedAttacks, []);
});

test('a confine rule on a command the daemon cannot confine, or on a file write, decides its `unconfined` instead', () => {
  const unknownCommand = 'docker compose frobnicate';
  const off = plain.shell(unknownCommand);
  assert.equal(off.decision.rule, 'shell.confine-unknown-command');
  assert.equal(off.decision.decision, 'step_up');
  assert.match(off.decision.reason, /confinement is not available here \(not configured\)/);
  assert.equal(off.decision.confinement, undefined);
});
