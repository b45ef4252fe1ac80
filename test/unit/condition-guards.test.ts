/**
 * The quick tests that prove a condition false without running it (policy/cel.ts, `falseGuards`)
 * must never change a result: every condition of the default pack, evaluated with and without
 * them, over the effects of every command of the corpora and several sessions, gives the same
 * value or the same error. And they must take effect (a guard that never fires would pass that).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PROVEN_FALSE, compileExpression, type ConditionBindings } from '../../daemon/src/policy/cel.js';
import { deriveEffects } from '../../daemon/src/mediation/effects.js';
import { EMPTY_SESSION, type Action, type SessionSnapshot } from '../../daemon/src/protocol/index.js';
import { fillPlaceholders, readJsonl } from '../helpers/corpora.js';
import { readCases } from '../helpers/adversarial.js';
import { PACK_DIR } from '../helpers/env.js';

const HOME = '/home/dev';
const WS = '/home/dev/project';

type Rule = { id: string; when?: string; details?: string };
const rules = (parseYaml(readFileSync(join(PACK_DIR, 'default.aarm.yaml'), 'utf8')) as { rules: Rule[] })
  .rules;

function compiled(source: string, guards: boolean) {
  const result = compileExpression(source, { guards });
  assert.ok(result.ok, source);
  return result.evaluate;
}

const sessions: SessionSnapshot[] = [
  EMPTY_SESSION,
  {
    ...EMPTY_SESSION,
    identified: true,
    hasRequest: true,
    request: 'fix the build',
    dataClasses: ['secret', 'credential'],
    untrusted: true,
    secretInParameters: true,
    recentActions: 700,
  },
];

const commands = [
  // every other tldr example: the test's cost, not its reach, is what the other half would add
  ...readJsonl<{ command: string }>('benign-commands/tldr_examples_sample3000.jsonl')
    .filter((_, i) => i % 2 === 0)
    .map((t) => fillPlaceholders(t.command)),
  ...readCases('attacks').map((c) => c.command),
  ...readCases('ordinary').map((c) => c.command),
];

test('guards never change what a default-pack condition gives, over the corpora', () => {
  const pairs = rules
    .filter((r) => r.when !== undefined)
    .map((r) => ({ id: r.id, fast: compiled(r.when!, true), full: compiled(r.when!, false) }));
  let evaluations = 0;
  let provenFalse = 0;
  commands.forEach((command, index) => {
    const action = {
      tool: 'shell',
      operation: 'exec',
      parameters: { command, cwd: WS },
      context: { workspace: WS },
    } as Action;
    const effects = deriveEffects(action, { home: HOME });
    {
      const session = sessions[index % sessions.length]!;
      const bindings = (): ConditionBindings => ({ action, effects, session, workspace: WS, home: HOME });
      for (const { id, fast, full } of pairs) {
        const expected = full(bindings());
        const actual = fast(bindings());
        assert.deepEqual(actual, expected, `${id} on ${JSON.stringify(command)}`);
        evaluations++;
        if (actual === PROVEN_FALSE) provenFalse++;
      }
    }
  });
  console.log(`guards answered ${provenFalse} of ${evaluations} condition evaluations`);
  assert.ok(evaluations > 50_000, `${evaluations} evaluations compared`);
  // measured when written: about two in three evaluations answered by a guard
  assert.ok(provenFalse > evaluations / 2, `guards answered ${provenFalse} of ${evaluations}`);
});

test('guards cover the conjunct shapes they claim, and only on values of the right type', () => {
  const cases: Array<{ when: string; bindings: Partial<ConditionBindings>; guarded: boolean }> = [
    { when: "effects.hosts.exists(h, h == 'a')", bindings: { effects: { hosts: [] } }, guarded: true },
    { when: "'x' in effects.risks && 1 / 0 == 1", bindings: { effects: { risks: ['y'] } }, guarded: true },
    { when: 'effects.network && 1 / 0 == 1', bindings: { effects: { network: false } }, guarded: true },
    { when: '!session.hasRequest', bindings: { session: { hasRequest: true } }, guarded: true },
    { when: 'size(effects.unknown) > 0', bindings: { effects: { unknown: [] } }, guarded: true },
    { when: 'effects.unknown.size() > 0', bindings: { effects: { unknown: [] } }, guarded: true },
    // not a list: the condition runs (and gives its own answer or error)
    { when: "effects.hosts.exists(h, h == 'a')", bindings: { effects: {} }, guarded: false },
    { when: "'x' in effects.risks", bindings: { effects: { risks: { x: 1 } } }, guarded: false },
    { when: 'effects.network', bindings: { effects: { network: 'no' } }, guarded: false },
    // `||` is not a conjunction; `all` over nothing is true
    { when: 'effects.hosts.exists(h, true) || true', bindings: { effects: { hosts: [] } }, guarded: false },
    { when: 'effects.hosts.all(h, false)', bindings: { effects: { hosts: [] } }, guarded: false },
    // a local name that shadows nothing outside its loop is not a policy variable
    { when: "[['a']].exists(effects, effects.size() > 0)", bindings: {}, guarded: false },
  ];
  for (const { when, bindings, guarded } of cases) {
    const all = { action: {}, effects: {}, session: {}, workspace: '', home: '', ...bindings };
    const fast = compiled(when, true)(all);
    const full = compiled(when, false)(all);
    assert.equal(fast === PROVEN_FALSE, guarded, when);
    // where the guard proves nothing, both run the condition itself
    assert.deepEqual(
      { ok: fast.ok, value: fast.ok ? fast.value : undefined },
      { ok: full.ok, value: full.ok ? full.value : undefined },
      when,
    );
  }
});
