/**
 * One list of policy problems wherever you look (`aarm policy lint`, `aarm check --policy`, the
 * language server); `aarm check` fails on a broken user or workspace policy; and an override of a
 * pack rule is kept, signed, in the receipt of the decision it changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { CLI, runCli, shellAction, startTestDaemon, storedReceipts, tempDir } from '../helpers/env.js';

interface Diagnostic {
  range: { start: { line: number; character: number } };
  severity: number;
  code?: string;
  message: string;
}

const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info' };

/** Many problems of different kinds, in one file. */
const BROKEN = `aarm: 1
name: draft
colour: blue
rules:
  - id: a
    decision: permit
    reason: r
  - id: b
    match: { tool: shell }
    when: action.parameters.comand == 'make'
    decision: deny
    reason: r
  - id: c
    match: { tool: shell }
    when: action.parameters.command.startsWith('git push
    decision: deny
    reason: r
  - id: d
    decision: step_up
`;

/** Loads, but its allow never wins, and it overrides a pack rule. */
const LOADS = `aarm: 1
name: mine
rules:
  - id: fork-push
    match: { tool: shell }
    when: action.parameters.command.startsWith('git push --force origin fork-')
    decision: allow
overrides:
  - rule: secrets
    decision: deny
    reason: no secrets at all
`;

/** The language server's diagnostics for each file, as `file:line:col: severity: message [code]`. */
async function lspLists(env: NodeJS.ProcessEnv, files: Array<{ path: string; text: string }>) {
  const server = spawn(process.execPath, [CLI, 'lsp', '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const connection = createMessageConnection(
    new StreamMessageReader(server.stdout),
    new StreamMessageWriter(server.stdin),
  );
  const published = new Map<string, Diagnostic[]>();
  const waiters: Array<() => void> = [];
  connection.onNotification(
    'textDocument/publishDiagnostics',
    (params: { uri: string; diagnostics: Diagnostic[] }) => {
      published.set(params.uri, params.diagnostics);
      waiters.splice(0).forEach((wake) => wake());
    },
  );
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await connection.sendNotification('initialized', {});
    const lists: string[][] = [];
    for (const { path, text } of files) {
      const uri = pathToFileURL(path).href;
      const arrived = new Promise<void>((resolve) => waiters.push(resolve));
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'aarm-policy', version: 1, text },
      });
      await arrived;
      lists.push(
        published
          .get(uri)!
          .map(
            (d) =>
              `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY[d.severity]}: ${d.message}${d.code ? ` [${d.code}]` : ''}`,
          ),
      );
    }
    // Hover on the override's rule id says what it changes and why.
    const hover = (await connection.sendRequest('textDocument/hover', {
      textDocument: { uri: pathToFileURL(files[1]!.path).href },
      position: { line: 8, character: 12 },
    })) as { contents: { value: string } } | null;
    return { lists, hover: hover?.contents.value ?? '' };
  } finally {
    connection.dispose();
    server.kill();
  }
}

test('aarm policy lint, aarm check --policy and the language server list the same problems, in the same order', async () => {
  const temp = tempDir('aarm-surfaces-');
  try {
    const env = { AARM_HOME: join(temp.dir, 'aarm-home') };
    const files = [
      { path: join(temp.dir, 'draft.yaml'), text: BROKEN },
      { path: join(temp.dir, 'mine.yaml'), text: LOADS },
    ];
    for (const f of files) writeFileSync(f.path, f.text);
    const lsp = await lspLists(env, files);
    for (const [i, { path }] of files.entries()) {
      const lint = await runCli(['policy', 'lint', path], { env });
      const lintList = lint.stdout.trim().split(/\n(?=\/)/);
      const check = await runCli(['check', '--policy', path], { env });
      if (i === 0) assert.equal(check.code, 1, check.stderr);
      // check lists every file in force; this file's lines are lint's.
      const checkList = check.stderr
        .trim()
        .split(/\n(?=\/|aarm check:)/)
        .filter((l) => l.startsWith(`${path}:`));
      assert.deepEqual(checkList, lintList, `${path}: check --policy and lint`);
      assert.deepEqual(lsp.lists[i], lintList, `${path}: the language server and lint`);
    }
    // Every kind of problem of the broken file is there in one run, by position.
    const codes = (await runCli(['policy', 'lint', files[0]!.path], { env })).stdout
      .trim()
      .split(/\n(?=\/)/)
      .map((l) => /^[^:]+:(\d+):\d+: (\w+): .*\[([\w-]+)\]$/s.exec(l)!.slice(1).join(' '));
    assert.deepEqual(codes, [
      '3 error unknown-key',
      '6 error schema',
      '10 error unknown-field',
      '15 error cel',
      '19 error missing-reason',
    ]);
    assert.match(lsp.lists[1]!.join('\n'), /`fork-push` never wins: .* decided first by `history-rewrite`/);
    assert.match(
      lsp.lists[1]!.join('\n'),
      /info: overrides `secrets` of the default pack .*Reason: no secrets at all \[override\]/,
    );
    assert.match(lsp.hover, /overrides `secrets` of the default pack/);
  } finally {
    temp.cleanup();
  }
});

test('aarm check exits 1, saying why, when a user policy or the policy of a workspace the actions name is broken', async () => {
  const temp = tempDir('aarm-check-broken-');
  try {
    const home = join(temp.dir, 'aarm-home');
    const env = { AARM_HOME: home };
    const workspace = join(temp.dir, 'project');
    mkdirSync(join(workspace, '.aarm'), { recursive: true });
    const input = `${JSON.stringify(shellAction('npm test', workspace))}\n`;
    // (Without the pack: these are about the user's and the workspace's files.)
    const clean = await runCli(['check', '--no-default-pack'], { env, input });
    assert.equal(clean.code, 0, clean.stderr);

    writeFileSync(
      join(workspace, '.aarm', 'policy.yaml'),
      'aarm: 1\nname: repo\nrules:\n  - { id: x, decision: deny }\n',
    );
    const brokenWorkspace = await runCli(['check', '--no-default-pack'], { env, input });
    assert.equal(brokenWorkspace.code, 1);
    assert.match(brokenWorkspace.stderr, /\.aarm\/policy\.yaml:4:\d+: error: a `deny` rule needs a `reason`/);
    assert.match(
      brokenWorkspace.stderr,
      /aarm check: 1 policy file\(s\) with errors .*makes the daemon deny every action/,
    );
    assert.equal(JSON.parse(brokenWorkspace.stdout).rule, 'builtin.policy-error');

    writeFileSync(join(workspace, '.aarm', 'policy.yaml'), 'aarm: 1\nname: repo\n');
    mkdirSync(join(home, 'policies'), { recursive: true });
    writeFileSync(
      join(home, 'policies', 'mine.yaml'),
      'aarm: 1\nname: mine\nrules:\n  - { id: y, when: "a ==", decision: allow }\n',
    );
    const brokenUser = await runCli(['check', '--no-default-pack'], { env, input });
    assert.equal(brokenUser.code, 1);
    assert.match(brokenUser.stderr, /mine\.yaml:4:\d+: error: condition: the condition ends after `==`/);
  } finally {
    temp.cleanup();
  }
});

test('a decision an override changed records it in the receipt, signed with the rest', async () => {
  const temp = tempDir('aarm-override-receipt-');
  mkdirSync(join(temp.dir, 'aarm-home', 'policies'), { recursive: true });
  const userPolicy = join(temp.dir, 'aarm-home', 'policies', 'mine.yaml');
  writeFileSync(
    userPolicy,
    'aarm: 1\nname: mine\noverrides:\n  - rule: history-rewrite\n    disable: true\n    reason: I force-push to my fork\n',
  );
  const t = await startTestDaemon({ root: temp.dir });
  try {
    mkdirSync(t.workspace, { recursive: true });
    const client = await t.client({ identity: { agent: { name: 'claude-code' } } });
    const answer = await client.submit(shellAction('git push --force origin fork-branch', t.workspace));
    assert.equal(answer.decision.decision, 'allow');
    const receipt = storedReceipts(t.homeDir).find((r) => r.kind === 'action');
    assert.ok(receipt?.kind === 'action');
    assert.deepEqual(receipt.decision.overrides, [
      { rule: 'history-rewrite', kind: 'disable', reason: 'I force-push to my fork', source: userPolicy },
    ]);
  } finally {
    await t.close();
  }
  try {
    const env = { AARM_HOME: join(temp.dir, 'aarm-home') };
    const out = join(temp.dir, 'all.jsonl');
    const exported = await runCli(['export', '--all', '--out', out], { env });
    assert.equal(exported.code, 0, exported.stderr);
    const verified = await runCli(['verify', out], { env });
    assert.equal(verified.code, 0, verified.stderr);
    // Changing the recorded reason breaks verification.
    const { readFileSync } = await import('node:fs');
    const edited = readFileSync(out, 'utf8').replace('I force-push to my fork', 'I force-push anywhere');
    writeFileSync(out, edited);
    const tampered = await runCli(['verify', out], { env });
    assert.notEqual(tampered.code, 0);
  } finally {
    temp.cleanup();
  }
});
