import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createPolicySet,
  evaluate,
  exampleProblems,
  loadPolicyText,
  type CompiledPolicyFile,
  type PolicyProblem,
} from '../../daemon/src/policy/index.js';
import { effectsFor, prepareForPolicy } from '../../daemon/src/pipeline/prepare.js';
import { judge } from '../../daemon/src/pipeline/judge.js';
import type { Action } from '../../daemon/src/protocol/index.js';

const HOME = '/home/dev';
const WS = '/home/dev/project';
const prepare = prepareForPolicy(HOME);
const effectsOf = effectsFor(HOME);

function load(text: string, source = 'test.aarm.yaml'): CompiledPolicyFile {
  const result = loadPolicyText(text, source);
  assert.ok(result.ok, `expected the policy to load: ${JSON.stringify(!result.ok && result.problems)}`);
  return result.file;
}

function problems(text: string): PolicyProblem[] {
  const result = loadPolicyText(text, 'bad.aarm.yaml');
  assert.equal(result.ok, false, 'expected the policy to be rejected');
  return result.problems;
}

function action(raw: unknown): Action {
  const prepared = prepare(raw);
  assert.ok(prepared.ok, !prepared.ok ? prepared.error : '');
  return prepared.value;
}

const shell = (command: string, cwd = WS) =>
  action({ tool: 'shell', operation: 'exec', parameters: { command, cwd }, context: { workspace: WS } });

/** The first protected path, when given, is the state directory (as the daemon passes it). */
function decide(files: CompiledPolicyFile[], a: Action, protectedPaths: string[] = []) {
  const stateDir = protectedPaths[0];
  return evaluate(createPolicySet(files), {
    action: a,
    home: HOME,
    protectedPaths,
    ...(stateDir ? { stateDir } : {}),
    effectsOf,
  });
}

test('a syntax error in YAML is reported with its line and column', () => {
  const [problem] = problems('aarm: 1\nname: x\nrules:\n  - id: a\n    decision: [allow\n');
  assert.equal(problem?.line, 6);
  assert.match(problem.message, /^yaml: /);
});

test('schema errors point at the offending key', () => {
  const found = problems(
    'aarm: 1\nname: x\nrules:\n  - id: a\n    decision: permit\n    reason: r\n    colour: red\n',
  );
  const decision = found.find((p) => p.message.includes('rules.0.decision'));
  assert.ok(decision, JSON.stringify(found));
  assert.equal(decision.line, 5);
  const unknown = found.find((p) => /unknown key `colour`/.test(p.message));
  assert.ok(unknown, JSON.stringify(found));
  assert.equal(unknown.line, 7);
});

test('a CEL error points at its column inside the condition, in plain, quoted and block strings', () => {
  const plain = problems(
    'aarm: 1\nname: x\nrules:\n  - id: a\n    when: action.tool == )\n    decision: deny\n    reason: r\n',
  )[0]!;
  // At the `)` itself, where a value should be (the library's parser stopped at `==`).
  assert.deepEqual([plain.line, plain.column, plain.code], [5, 26, 'cel']);
  assert.equal(
    plain.message,
    'condition: a value is missing after `==` at column 23; found `)` at column 26',
  );
  const quoted = problems(
    'aarm: 1\nname: x\nrules:\n  - id: a\n    when: "action.tool == )"\n    decision: deny\n    reason: r\n',
  )[0]!;
  assert.deepEqual([quoted.line, quoted.column], [5, 27]);
  const block = problems(
    'aarm: 1\nname: x\nrules:\n  - id: a\n    when: >-\n      action.tool == "shell" &&\n        action.tool == )\n    decision: deny\n    reason: r\n',
  )[0]!;
  assert.deepEqual([block.line, block.column], [7, 24]);
});

test('unknown tools and operations, duplicate and reserved ids, and misplaced layers are errors', () => {
  const found = problems(`aarm: 1
name: x
rules:
  - { id: a, match: { tool: browser }, decision: deny, reason: r }
  - { id: b, match: { tool: fs, operation: exec }, decision: deny, reason: r }
  - { id: c, decision: allow, reason: r }
  - { id: c, decision: allow, reason: r }
  - { id: builtin.mine, decision: allow, reason: r }
  - { id: d, forbidden: true, decision: allow, reason: r }
  - { id: e, decision: modify, reason: r }
`).map((p) => `${p.line}: ${p.message}`);
  for (const expected of [
    /^4: unknown tool `browser`/,
    /^5: unknown operation `exec`/,
    /^7: duplicate rule id `c`/,
    /^8: rule id `builtin.mine`: the `builtin.` prefix is reserved/,
    /^9: a forbidden rule must have decision `deny`/,
    /^10: a `modify` rule needs `modify.set`/,
  ]) {
    assert.ok(
      found.some((p) => expected.test(p)),
      `${expected} in ${found.join(' | ')}`,
    );
  }
});

test('the AARM order: forbidden beats everything, deny beats step_up beats modify beats allow', () => {
  const allowAll = load(
    'aarm: 1\nname: loose\nrules:\n  - { id: yes, decision: allow, reason: anything goes }\n',
    'loose.yaml',
  );
  const strict = load(
    `aarm: 1
name: strict
rules:
  - { id: no-rm, match: { tool: shell }, when: "action.parameters.command.startsWith('rm')", forbidden: true, decision: deny, reason: no rm }
  - { id: ask-git, match: { tool: shell }, when: "action.parameters.command.startsWith('git')", decision: step_up, reason: ask }
  - { id: deny-curl, match: { tool: shell }, when: "action.parameters.command.startsWith('curl')", decision: deny, reason: no curl }
  - { id: later-defer, match: { tool: shell }, when: "action.parameters.command.startsWith('curl')", decision: defer, reason: wait }
`,
    'strict.yaml',
  );
  // The loose file comes first and allows everything; it still loses to every stricter layer.
  assert.equal(decide([allowAll, strict], shell('rm -rf build')).rule, 'no-rm');
  assert.equal(decide([allowAll, strict], shell('git push')).decision, 'step_up');
  assert.equal(
    decide([allowAll, strict], shell('curl x')).decision,
    'defer',
    'defer (layer 3) comes before a plain deny (layer 4)',
  );
  assert.equal(decide([allowAll, strict], shell('ls')).rule, 'yes');
});

test('no match falls to the strictest declared default, or deny when none is declared', () => {
  const a = load('aarm: 1\nname: a\ndefault: allow\n', 'a.yaml');
  const b = load('aarm: 1\nname: b\ndefault: step_up\n', 'b.yaml');
  const none = load('aarm: 1\nname: n\n', 'n.yaml');
  const both = decide([a, b], shell('ls'));
  assert.equal(both.decision, 'step_up');
  assert.equal(both.rule, 'default');
  assert.match(both.reason, /set by b\.yaml/);
  assert.equal(decide([none], shell('ls')).decision, 'deny');
});

test('a condition that fails at run time denies, naming the rule', () => {
  const file = load(
    'aarm: 1\nname: x\ndefault: allow\nrules:\n  - { id: typo, when: \'action.parameters.comand == "x"\', decision: deny, reason: r }\n',
  );
  const decision = decide([file], shell('ls'));
  assert.equal(decision.decision, 'deny');
  assert.equal(decision.rule, 'builtin.evaluation-error');
  assert.match(decision.reason, /rule `typo` could not be evaluated/);
  const notBool = load(
    "aarm: 1\nname: x\ndefault: allow\nrules:\n  - { id: num, when: '1 + 1', decision: allow, reason: r }\n",
  );
  assert.match(decide([notBool], shell('ls')).reason, /not true or false/);
});

test('modify rewrites parameters, keeps both versions, and the result is judged again', () => {
  const file = load(`aarm: 1
name: m
default: allow
rules:
  - id: dry-run
    match: { tool: shell }
    when: "action.parameters.command.startsWith('terraform apply')"
    decision: modify
    modify: { set: { command: "action.parameters.command.replace('apply', 'plan')" } }
    reason: plan instead of apply
  - id: into-danger
    match: { tool: shell }
    when: "action.parameters.command == 'safe'"
    decision: modify
    modify: { set: { command: "'dangerous'" } }
    reason: r
  - { id: no-danger, match: { tool: shell }, when: "action.parameters.command == 'dangerous'", decision: deny, reason: never }
`);
  const decision = decide([file], shell('terraform apply -auto-approve'));
  assert.equal(decision.decision, 'modify');
  assert.deepEqual(decision.modifications, [
    {
      path: 'parameters.command',
      before: 'terraform apply -auto-approve',
      after: 'terraform plan -auto-approve',
    },
  ]);
  assert.equal(
    decision.modifiedAction?.tool === 'shell' && decision.modifiedAction.parameters.command,
    'terraform plan -auto-approve',
  );
  const blocked = decide([file], shell('safe'));
  assert.equal(blocked.decision, 'deny', 'a modification cannot produce an action the policy denies');
  assert.equal(blocked.rule, 'no-danger');
});

test('built-in self-protection cannot be switched off by any policy', () => {
  const allowAll = load(
    'aarm: 1\nname: loose\ndefault: allow\nrules:\n  - { id: yes, decision: allow, reason: r }\n',
  );
  const state = '/home/dev/.local/state/aarm';
  const cases = [
    action({ tool: 'fs', operation: 'write', parameters: { path: `${state}/token`, content: 'x' } }),
    action({
      tool: 'fs',
      operation: 'delete',
      parameters: { path: '.aarm/policy.yaml' },
      context: { workspace: WS },
    }),
    action({
      tool: 'fs',
      operation: 'write',
      parameters: { path: 'team.aarm.yaml', content: 'x' },
      context: { workspace: WS },
    }),
    shell('cat ~/.local/state/aarm/keys/*'),
    shell('sqlite3 $HOME/.local/state/aarm/receipts.db "delete from receipts"'),
    shell('rm -rf .aarm/'),
    action({
      tool: 'mcp',
      operation: 'call',
      parameters: { server: 'fs', tool: 'write_file', arguments: { path: `${state}/policies/x.yaml` } },
    }),
  ];
  for (const a of cases) {
    const decision = decide([allowAll], a, [state]);
    assert.equal(decision.rule, 'builtin.self-protection', JSON.stringify(a.parameters));
    assert.equal(decision.decision, 'deny');
  }
  assert.equal(
    decide([allowAll], shell('ls ~/.local/state'), [state]).decision,
    'allow',
    'a parent folder is not protected',
  );
  // Reading a policy file changes nothing: only the state directory is protected from reads.
  const read = action({
    tool: 'fs',
    operation: 'read',
    parameters: { path: '.aarm/policy.yaml' },
    context: { workspace: WS },
  });
  assert.equal(decide([allowAll], read, [state]).decision, 'allow');
});

test('a broken policy in the set denies everything and says which file and where', () => {
  const good = load('aarm: 1\nname: g\ndefault: allow\n');
  const set = createPolicySet(
    [good],
    [{ source: '/w/.aarm/p.yaml', line: 3, column: 7, severity: 'error', message: 'bad' }],
  );
  const decision = evaluate(set, { action: shell('ls'), home: HOME, protectedPaths: [], effectsOf });
  assert.equal(decision.rule, 'builtin.policy-error');
  assert.match(decision.reason, /\/w\/\.aarm\/p\.yaml:3:7: bad/);
});

test('inline examples are checked at load: a wrong expectation is an error on its line', () => {
  const file = load(`aarm: 1
name: ex
rules:
  - { id: no-curl, match: { tool: shell }, when: "action.parameters.command.contains('curl')", decision: deny, reason: r }
examples:
  - { action: { tool: shell, operation: exec, parameters: { command: curl x, cwd: /w } }, decision: deny, rule: no-curl }
  - { name: wrong, action: { tool: shell, operation: exec, parameters: { command: ls, cwd: /w } }, decision: allow }
  - { name: invalid, action: { tool: shell }, decision: deny }
`);
  const found = exampleProblems(file, { prepare, effectsOf, home: HOME });
  assert.equal(found.length, 2);
  assert.equal(found[0]?.line, 7);
  assert.match(found[0].message, /wrong: expected allow, got deny by `default`/);
  assert.match(found[1]!.message, /invalid: expected deny, got invalid action/);
});

test('the same action, policy and environment always give the same decision', () => {
  const file = load(
    'aarm: 1\nname: d\ndefault: step_up\nrules:\n  - { id: a, match: { tool: shell }, when: "isWithin(action.parameters.cwd, workspace)", decision: allow, reason: r }\n',
  );
  const first = decide([file], shell('ls'));
  for (let i = 0; i < 50; i++) assert.deepEqual(decide([file], shell('ls')), first);
});

test('two rules that would rewrite an action differently defer it (an equal-priority conflict); agreeing ones modify', () => {
  const rule = (id: string, to: string) =>
    `  - { id: ${id}, match: { tool: shell }, decision: modify, modify: { set: { command: "'${to}'" } }, reason: r }\n`;
  const conflicting = load(
    `aarm: 1\nname: c\ndefault: allow\nrules:\n${rule('a', 'make plan')}${rule('b', 'make check')}`,
  );
  const conflict = decide([conflicting], shell('make deploy'));
  assert.equal(conflict.decision, 'defer');
  assert.equal(conflict.rule, 'builtin.conflict');
  assert.match(conflict.reason, /rules `a` and `b` would change this action in different ways/);
  const agreeing = load(
    `aarm: 1\nname: c\ndefault: allow\nrules:\n${rule('a', 'make plan')}${rule('b', 'make plan')}`,
  );
  assert.equal(decide([agreeing], shell('make deploy')).decision, 'modify');
});

test('`session.identified` says whether the action names its agent, even without a session', () => {
  const file = load(
    "aarm: 1\nname: i\ndefault: allow\nrules:\n  - { id: who, when: '!session.identified', decision: deny, reason: say who you are }\n",
  );
  assert.equal(decide([file], shell('ls')).rule, 'who');
  const named = action({ ...shellRaw('ls'), identity: { agent: { name: 'claude-code' } } });
  assert.equal(decide([file], named).decision, 'allow');
});

function shellRaw(command: string) {
  return { tool: 'shell', operation: 'exec', parameters: { command, cwd: WS }, context: { workspace: WS } };
}

test('conditions have a budget: a costly one denies and says so, and `|| true` does not hide it', () => {
  const list = `[${Array.from({ length: 300 }, (_, i) => i).join(',')}]`;
  const nested = `${list}.all(a, ${list}.all(b, ${list}.all(c, true)))`;
  for (const when of [nested, `${nested} || true`, `!(${nested})`]) {
    const file = load(
      `aarm: 1\nname: x\ndefault: allow\nrules:\n  - { id: costly, when: ${JSON.stringify(when)}, decision: deny, reason: r }\n`,
    );
    const decision = decide([file], shell('ls'));
    assert.equal(decision.rule, 'builtin.evaluation-error', when.slice(-12));
    assert.equal(decision.decision, 'deny');
    assert.match(decision.reason, /rule `costly` could not be evaluated.*conditions took more/);
  }
  // A rule costly only on a huge action still decides small ones, and the budget is per decision.
  // (the matcher is linear in path and pattern, so it is charged for their product)
  const grow = load(
    `aarm: 1\nname: x\ndefault: allow\nrules:\n  - { id: glob, when: "globMatch(action.parameters.command, '${'*a'.repeat(60)}b')", decision: deny, reason: r }\n`,
  );
  assert.equal(decide([grow], shell(`echo ${'a'.repeat(200_000)}`)).rule, 'builtin.evaluation-error');
  assert.equal(decide([grow], shell(`echo ${'a'.repeat(60)}b`)).decision, 'deny');
  assert.equal(decide([grow], shell('echo a')).decision, 'allow');
});

test('string functions cost what they read and return: replace is linear and as CEL specifies', () => {
  const cases: Array<[string, boolean]> = [
    ["'abc'.replace('', 'x') == 'xaxbxcx'", true],
    ["'aaa'.replace('a', 'b', 2) == 'bba'", true],
    ["'aaa'.replace('a', 'b', 0) == 'aaa'", true],
    ["'aaa'.replace('a', 'b', -1) == 'bbb'", true],
    ["'a.b.c'.replace('.', '/') == 'a/b/c'", true],
    ["'héllo'.replace('', '-', 2) == '-h-éllo'", true],
    ["'a.b'.split('.').join('/') == 'a/b'", true],
  ];
  for (const [when, expected] of cases) {
    const file = load(
      `aarm: 1\nname: x\ndefault: allow\nrules:\n  - { id: s, when: ${JSON.stringify(when)}, decision: deny, reason: r }\n`,
    );
    assert.equal(decide([file], shell('ls')).decision, expected ? 'deny' : 'allow', when);
  }
  // Growing a 200 KB command by itself at every character would be 40 GB: refused, not attempted.
  const square = load(
    'aarm: 1\nname: x\ndefault: allow\nrules:\n  - { id: sq, when: "action.parameters.command.replace(\'\', action.parameters.command).size() == 0", decision: deny, reason: r }\n',
  );
  const started = performance.now();
  const decision = decide([square], shell(`echo ${'a'.repeat(200_000)}`));
  assert.equal(decision.rule, 'builtin.evaluation-error');
  assert.match(decision.reason, /conditions took more than/);
  assert.ok(performance.now() - started < 5000, 'refused before the work, not after');
});

test('an expression longer than 4096 characters is an error at its rule', () => {
  const long = `action.tool == 'shell'${" && action.tool == 'shell'".repeat(200)}`;
  const found = problems(
    `aarm: 1\nname: x\nrules:\n  - { id: long, when: ${JSON.stringify(long)}, decision: deny, reason: r }\n`,
  );
  assert.match(found.map((p) => p.message).join('\n'), /at most 4096 characters \(this one has \d+\)/);
});

test('inline examples not reached before a deadline fail, so a file cannot hold its reader', () => {
  const file = load(
    'aarm: 1\nname: x\ndefault: allow\nexamples:\n  - { action: { tool: shell, operation: exec, parameters: { command: ls, cwd: /tmp } }, decision: allow }\n',
  );
  const context = { prepare, effectsOf, home: HOME };
  assert.deepEqual(exampleProblems(file, context), []);
  const late = exampleProblems(file, context, { deadline: performance.now() - 1 });
  assert.equal(late.length, 1);
  assert.match(late[0]!.message, /not checked: the examples took longer than their budget/);
});

test('through the pipeline, a modified command is judged by its own effects, not the original’s', () => {
  // A rewrite into a command that uses the network meets the network rule (the judge once handed
  // the original's effects back for any action, the modified one included).
  const file = load(`aarm: 1
name: m
default: allow
rules:
  - id: into-network
    match: { tool: shell }
    when: "action.parameters.command == 'echo safe'"
    decision: modify
    modify: { set: { command: "'curl https://example.com/x'" } }
    reason: r
  - { id: no-network, match: { tool: shell }, when: "effects.network", decision: deny, reason: no network }
`);
  const set = createPolicySet([file]);
  const raw = {
    tool: 'shell',
    operation: 'exec',
    parameters: { command: 'echo safe', cwd: WS },
    context: { workspace: WS },
  };
  const judgement = judge(raw, JSON.stringify(raw), {
    policies: { forWorkspace: () => ({ set, protectedPaths: [], stateDir: '/home/dev/.local/state/aarm' }) },
    home: HOME,
  });
  assert.equal(judgement.decision.decision, 'deny');
  assert.match(judgement.decision.reason, /no network/);
});
