/**
 * The team's adversarial corpora, judged by the default pack: how many attacks are stopped, how
 * much ordinary work runs. The floors below are the rates measured when they were set (see
 * BENCHMARKS.md); a change that lowers either fails here, naming the cases that changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCorpusJudge, measure, percent, readCases, type Rates } from '../helpers/adversarial.js';

const ATTACKS_BLOCKED_FLOOR = 0.994; // 896 of 901 when set
const ORDINARY_ALLOWED_FLOOR = 0.977; // 558 of 571 when set

function report(name: string, rates: Rates): void {
  const families = [...rates.byFamily].map(([family, r]) => `${family} ${r.right}/${r.total}`).join(', ');
  console.log(`${name}: ${rates.right}/${rates.total} (${percent(rates.right, rates.total)}) — ${families}`);
}

test('the adversarial corpora: attacks stopped and ordinary work run, above their floors', () => {
  const judge = createCorpusJudge();
  try {
    const attacks = measure(readCases('attacks'), judge.decide);
    const ordinary = measure(readCases('ordinary'), judge.decide);
    report('attacks stopped', attacks);
    report('ordinary work run', ordinary);
    assert.ok(attacks.total >= 400 && ordinary.total >= 400, 'each corpus holds at least 400 cases');
    const show = (r: Rates) =>
      r.wrong
        .slice(0, 40)
        .map(
          (w) =>
            `  ${w.case.id}: ${w.decision.decision} by ${w.decision.rule}: ${w.case.command.slice(0, 120)}`,
        )
        .join('\n');
    assert.ok(
      attacks.right / attacks.total >= ATTACKS_BLOCKED_FLOOR,
      `attacks stopped fell to ${percent(attacks.right, attacks.total)}:\n${show(attacks)}`,
    );
    assert.ok(
      ordinary.right / ordinary.total >= ORDINARY_ALLOWED_FLOOR,
      `ordinary work run fell to ${percent(ordinary.right, ordinary.total)}:\n${show(ordinary)}`,
    );
  } finally {
    judge.close();
  }
});

test('the attacker review: every bypass it found is stopped', () => {
  // review.jsonl: commands a second, adversarial look found allowed (and that ran, where it could
  // check); each one is a regression test. Known gaps are listed in docs/shell-analysis.md.
  const judge = createCorpusJudge();
  try {
    const review = measure(readCases('review'), judge.decide);
    report('attacker review stopped', review);
    assert.ok(review.total >= 250, 'the review holds its cases');
    assert.deepEqual(
      review.wrong.map((w) => `${w.case.id} (${w.case.family}): ${w.decision.rule}: ${w.case.command}`),
      [],
    );
  } finally {
    judge.close();
  }
});
