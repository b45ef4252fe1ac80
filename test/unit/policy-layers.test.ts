/**
 * Policy layers and overrides: managed > user > workspace (tighten-only) > the default pack, and a
 * user's (or managed) override of a pack rule by id, with its reason, in the decision.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPolicySources } from '../../daemon/src/state/policy-files.js';
import { evaluate, lintPolicyText, loadPolicyText } from '../../daemon/src/policy/index.js';
import { effectsFor, prepareForPolicy } from '../../daemon/src/pipeline/prepare.js';
import { PACK_DIR, tempDir } from '../helpers/env.js';

const FORK_PUSH = 'git push --force origin fork-branch';

/** Policy folders in a temporary root, and a judge of shell commands with everything in force. */
function layers(files: { managed?: string; user?: string; workspace?: string }) {
  const temp = tempDir('aarm-layers-');
  const home = join(temp.dir, 'home');
  const workspace = join(temp.dir, 'project');
  const managedDir = join(temp.dir, 'managed');
  const userDir = join(temp.dir, 'user');
  for (const dir of [home, workspace, managedDir, userDir]) mkdirSync(dir, { recursive: true });
  if (files.managed) writeFileSync(join(managedDir, 'company.yaml'), files.managed);
  if (files.user) writeFileSync(join(userDir, 'mine.yaml'), files.user);
  if (files.workspace) {
    mkdirSync(join(workspace, '.aarm'));
    writeFileSync(join(workspace, '.aarm', 'policy.yaml'), files.workspace);
  }
  const sources = createPolicySources({
    home,
    stateDir: join(temp.dir, 'state'),
    packDir: PACK_DIR,
    managedDir,
    userDir,
    watch: false,
  });
  const prepare = prepareForPolicy(home);
  const effectsOf = effectsFor(home);
  const view = sources.forWorkspace(workspace);
  return {
    set: view.set,
    userFile: join(userDir, 'mine.yaml'),
    managedFile: join(managedDir, 'company.yaml'),
    judge(command: string) {
      const action = prepare({
        tool: 'shell',
        operation: 'exec',
        parameters: { command, cwd: workspace },
        context: { workspace },
        identity: { agent: { name: 'claude-code' } },
      });
      assert.ok(action.ok);
      return evaluate(view.set, {
        action: action.value,
        home,
        protectedPaths: view.protectedPaths,
        effectsOf,
      });
    },
    close() {
      sources.close();
      temp.cleanup();
    },
  };
}

const DISABLE_HISTORY_REWRITE = `aarm: 1
name: mine
overrides:
  - rule: history-rewrite
    disable: true
    reason: I force-push to my fork
`;

test('without an override, an allow never beats the pack step_up; `git push --force` is stepped up', () => {
  const t = layers({
    user: `aarm: 1
name: mine
rules:
  - id: fork-push
    match: { tool: shell }
    when: action.parameters.command.startsWith('git push --force origin fork-')
    decision: allow
`,
  });
  try {
    const decision = t.judge(FORK_PUSH);
    assert.equal(decision.decision, 'step_up');
    assert.equal(decision.rule, 'history-rewrite');
    assert.equal(decision.overrides, undefined);
  } finally {
    t.close();
  }
});

test('a user disable of a pack step_up lets `git push --force origin fork-branch` run, and the decision says which override and why', () => {
  const t = layers({ user: DISABLE_HISTORY_REWRITE });
  try {
    assert.deepEqual(t.set.problems, []);
    const decision = t.judge(FORK_PUSH);
    assert.equal(decision.decision, 'allow');
    assert.deepEqual(decision.overrides, [
      { rule: 'history-rewrite', kind: 'disable', reason: 'I force-push to my fork', source: t.userFile },
    ]);
    // An action the disabled rule would not have decided carries no override.
    assert.equal(t.judge('npm test').overrides, undefined);
    // Other pack rules still hold.
    assert.equal(t.judge('rm -rf ~').decision, 'deny');
  } finally {
    t.close();
  }
});

test('an override can narrow a pack rule with a further condition, or give it another decision', () => {
  const narrowed = layers({
    user: `aarm: 1
name: mine
overrides:
  - rule: history-rewrite
    when: "!action.parameters.command.startsWith('git push --force origin fork-')"
    reason: my fork only
`,
  });
  try {
    const fork = narrowed.judge(FORK_PUSH);
    assert.equal(fork.decision, 'allow');
    assert.deepEqual(fork.overrides?.[0]?.kind, 'when');
    const main = narrowed.judge('git push --force origin main');
    assert.equal(main.decision, 'step_up');
    assert.equal(main.rule, 'history-rewrite');
  } finally {
    narrowed.close();
  }
  const allowed = layers({
    user: `aarm: 1
name: mine
overrides:
  - rule: history-rewrite
    decision: allow
    reason: I rewrite history on purpose
`,
  });
  try {
    const decision = allowed.judge('git push --force origin main');
    assert.equal(decision.decision, 'allow');
    assert.equal(decision.rule, 'history-rewrite');
    assert.match(
      decision.reason,
      /^I rewrite history on purpose \(allowed by an override of `history-rewrite`/,
    );
    assert.deepEqual(decision.overrides?.[0]?.kind, 'decision');
  } finally {
    allowed.close();
  }
  // Another decision with a `when`: changed only where the `when` holds; elsewhere the rule
  // decides as before (it is not dropped there).
  const onlyFork = layers({
    user: `aarm: 1
name: mine
overrides:
  - rule: history-rewrite
    decision: allow
    when: "action.parameters.command.startsWith('git push --force origin fork-')"
    reason: my fork only
`,
  });
  try {
    const fork = onlyFork.judge(FORK_PUSH);
    assert.equal(fork.decision, 'allow');
    assert.equal(fork.rule, 'history-rewrite');
    const main = onlyFork.judge('git push --force origin main');
    assert.equal(main.decision, 'step_up');
    assert.equal(main.rule, 'history-rewrite');
    assert.equal(main.overrides, undefined, 'the override did not change this decision');
  } finally {
    onlyFork.close();
  }
});

test('a workspace policy cannot override: the override is dropped with a warning, and lint calls it an error', () => {
  const workspacePolicy = `aarm: 1
name: repo
overrides:
  - rule: history-rewrite
    disable: true
    reason: trust me
`;
  const t = layers({ workspace: workspacePolicy });
  try {
    assert.equal(t.judge(FORK_PUSH).decision, 'step_up');
    const warning = t.set.problems.find((p) => p.code === 'workspace-override');
    assert.equal(warning?.severity, 'warning');
    assert.equal(warning?.line, 4);
  } finally {
    t.close();
  }
  const home = '/home/dev';
  const lint = lintPolicyText(workspacePolicy, '/work/repo/.aarm/policy.yaml', {
    prepare: prepareForPolicy(home),
    effectsOf: effectsFor(home),
    home,
  });
  assert.deepEqual(
    lint.map((p) => [p.line, p.severity, p.code]),
    [[3, 'error', 'workspace-override']],
  );
});

test('managed beats user: a managed override comes first, and a locked managed rule cannot be overridden', () => {
  const t = layers({
    managed: `aarm: 1
name: company
rules:
  - id: no-deploy
    match: { tool: shell }
    when: action.parameters.command.startsWith('deploy')
    decision: deny
    reason: deployments go through CI
    locked: true
overrides:
  - rule: history-rewrite
    decision: deny
    reason: history is never rewritten here
`,
    user: `aarm: 1
name: mine
overrides:
  - rule: history-rewrite
    disable: true
    reason: I force-push to my fork
  - rule: no-deploy
    disable: true
    reason: I deploy by hand
`,
  });
  try {
    const push = t.judge(FORK_PUSH);
    assert.equal(push.decision, 'deny');
    assert.equal(push.rule, 'history-rewrite');
    assert.deepEqual(push.overrides, [
      {
        rule: 'history-rewrite',
        kind: 'decision',
        reason: 'history is never rewritten here',
        source: t.managedFile,
      },
    ]);
    assert.equal(t.judge('deploy now').rule, 'no-deploy');
    const refused = t.set.problems.map((p) => [p.source, p.line, p.severity, p.code]);
    assert.deepEqual(refused, [
      [t.userFile, 4, 'warning', 'override-superseded'],
      [t.userFile, 7, 'warning', 'override-locked'],
    ]);
  } finally {
    t.close();
  }
});

test('within a layer the files take turns by precedence: managed, then user, then the pack', () => {
  const rule = (id: string) => `aarm: 1
name: ${id}
rules:
  - id: ${id}
    match: { tool: shell }
    when: "'history-rewrite' in effects.risks"
    decision: step_up
    reason: asked by ${id}
`;
  const t = layers({ managed: rule('managed-ask'), user: rule('user-ask') });
  try {
    assert.equal(t.judge(FORK_PUSH).rule, 'managed-ask');
  } finally {
    t.close();
  }
  const u = layers({ user: rule('user-ask') });
  try {
    assert.equal(u.judge(FORK_PUSH).rule, 'user-ask');
  } finally {
    u.close();
  }
});

test('overrides that cannot apply: an unknown rule is a warning, a built-in protection an error, a change is required', () => {
  const t = layers({
    user: `aarm: 1
name: mine
overrides:
  - rule: histroy-rewrite
    disable: true
    reason: typo
`,
  });
  try {
    const [problem] = t.set.problems;
    assert.equal(problem?.code, 'override-unknown-rule');
    assert.equal(problem?.severity, 'warning');
    assert.equal(t.judge(FORK_PUSH).decision, 'step_up');
  } finally {
    t.close();
  }
  const loaded = loadPolicyText(
    `aarm: 1
name: mine
overrides:
  - rule: builtin.self-protection
    disable: true
    reason: no
  - rule: secrets
    reason: nothing to change
  - rule: secrets
    disable: true
    decision: allow
    reason: both
`,
    'mine.yaml',
  );
  assert.equal(loaded.ok, false);
  assert.deepEqual(
    loaded.problems.map((p) => [p.line, p.code]),
    [
      [4, 'override-builtin'],
      [7, 'invalid-override'],
      [10, 'invalid-override'],
    ],
  );
});
