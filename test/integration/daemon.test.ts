import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import WebSocket from 'ws';
import Database from 'better-sqlite3';
import { startTestDaemon, shellAction, storedReceipts } from '../helpers/env.js';
import { createDaemon } from '../../daemon/src/main/daemon.js';
import type { ActionReceipt, OutcomeReceipt } from '../../daemon/src/protocol/index.js';

function writeWorkspacePolicy(workspace: string, text: string) {
  mkdirSync(join(workspace, '.aarm'), { recursive: true });
  writeFileSync(join(workspace, '.aarm', 'policy.yaml'), text);
}

test('every decision type over a real WebSocket, each with a signed receipt', async () => {
  const t = await startTestDaemon({ deferTimeoutMs: 200 });
  try {
    writeWorkspacePolicy(
      t.workspace,
      `aarm: 1
name: project
rules:
  - { id: wait-for-context, match: { tool: shell }, when: "action.parameters.command == 'deploy'", decision: defer, reason: needs the original request }
`,
    );
    const client = await t.client({ session: 'sess-decisions' });
    const allow = await client.submit(shellAction('npm test', t.workspace));
    const deny = await client.submit(shellAction('rm -rf ~', t.workspace));
    const modify = await client.submit({
      tool: 'net',
      operation: 'request',
      parameters: { method: 'GET', url: 'http://example.com/doc' },
    });
    const stepUp = await client.submit(shellAction('git push --force', t.workspace));
    const defer = await client.submit(shellAction('deploy', t.workspace));

    assert.deepEqual(
      [allow, deny, modify, stepUp, defer].map((d) => [d.decision.decision, d.verdict]),
      [
        ['allow', 'allow'],
        ['deny', 'deny'],
        ['modify', 'allow'],
        ['step_up', 'deny'],
        ['defer', 'deny'],
      ],
    );
    assert.equal(deny.decision.rule, 'destroy-root-or-home');
    assert.equal(
      modify.decision.modifiedAction?.tool === 'net' && modify.decision.modifiedAction.parameters.url,
      'https://example.com/doc',
    );

    const all = storedReceipts(t.homeDir);
    const stored = all.filter((r): r is ActionReceipt => r.kind === 'action');
    assert.equal(stored.length, 5);
    assert.deepEqual(
      stored.map((r) => r.id),
      [allow, deny, modify, stepUp, defer].map((d) => d.receiptId),
    );
    assert.ok(stored.every((r) => r.session === 'sess-decisions' && r.decision.policyHash.length === 64));
    assert.deepEqual(
      stored.map((r) => r.seq),
      [1, 2, 3, 4, 5],
    );
    assert.equal(stored[1]!.prevHash.length, 64);
    assert.deepEqual(stored[2]!.decision.modifiedAction?.parameters, {
      method: 'GET',
      url: 'https://example.com/doc',
    });
    assert.deepEqual(
      stored[2]!.action?.parameters,
      { method: 'GET', url: 'http://example.com/doc' },
      'the receipt keeps the original too',
    );
    assert.equal(stored[3]!.approval.status, 'unavailable');
    assert.equal(stored[4]!.deferral?.resolution, 'pending');
    assert.match(
      stored[4]!.deferral!.reason,
      /^waiting up to 0.2 s for the user's request \(the context this needs\): needs the original request$/,
      'a deferral says what it waits for, and how long',
    );
    const resolution = all.at(-1);
    assert.ok(resolution?.kind === 'resolution', 'a follow-up receipt records how the deferral ended');
    assert.equal(resolution.receiptId, defer.receiptId);
    assert.equal(resolution.deferral.resolution, 'timeout');
    assert.equal(resolution.verdict, 'deny');
    assert.equal(stored[0]!.identity.agent?.name, 'test-agent');
    assert.ok(stored[0]!.identity.human?.user);
    // R6: the actions named no agent; the receipt says so, and the connection's client name stands in.
    assert.deepEqual(stored[0]!.identity.flags, [
      'the action names no agent; the connection’s client name is used',
    ]);
    const named = await client.submit({
      ...shellAction('ls', t.workspace),
      identity: {
        agent: { name: 'claude-code', version: '2.1' },
        delegation: ['planner'],
        flags: ['forged'],
      },
    });
    const namedReceipt = storedReceipts(t.homeDir).find((r) => r.id === named.receiptId);
    assert.ok(namedReceipt?.kind === 'action');
    assert.deepEqual(namedReceipt.identity.agent, { name: 'claude-code', version: '2.1' });
    assert.deepEqual(namedReceipt.identity.delegation, ['planner']);
    assert.equal(namedReceipt.identity.flags, undefined, 'an agent cannot write the daemon’s flags');
  } finally {
    await t.close();
  }
});

test('outcomes are recorded against the action receipt, once, by the connection that submitted it', async () => {
  const t = await startTestDaemon();
  try {
    const agent = await t.client();
    const other = await t.client();
    const allowed = await agent.submit(shellAction('make', t.workspace));
    const denied = await agent.submit(shellAction('rm -rf /', t.workspace));
    await assert.rejects(
      other.reportOutcome(allowed.receiptId, { status: 'success', exitCode: 0 }),
      /unknown_receipt|not an allowed action of this connection/,
    );
    await assert.rejects(
      agent.reportOutcome(denied.receiptId, { status: 'success' }),
      /not an allowed action of this connection/,
    );
    await agent.reportOutcome(allowed.receiptId, { status: 'error', exitCode: 2, durationMs: 12 });
    await assert.rejects(
      agent.reportOutcome(allowed.receiptId, { status: 'success' }),
      /outcome_already_reported/,
    );
    const outcome = storedReceipts(t.homeDir).find((r): r is OutcomeReceipt => r.kind === 'outcome');
    assert.equal(outcome?.receiptId, allowed.receiptId);
    assert.deepEqual(outcome?.outcome, { status: 'error', exitCode: 2, durationMs: 12 });
  } finally {
    await t.close();
  }
});

test('bad input gets a clear error, a deny receipt where an action was involved, and the daemon keeps serving', async () => {
  const t = await startTestDaemon();
  try {
    const client = await t.client();
    const replies = [
      await client.request({ id: 'x1', type: 'launch' }),
      await client.request({ id: 'x2', type: 'submit' }),
    ];
    assert.equal(replies[0]!.type, 'error');
    assert.match((replies[0] as { message: string }).message, /type/);
    assert.match((replies[1] as { message: string }).message, /denied, receipt rcpt_/);

    const unknownTool = await client.request({
      id: 'x3',
      type: 'submit',
      action: { tool: 'teleport', operation: 'go', parameters: {} },
    });
    assert.equal(unknownTool.type, 'decision');
    assert.match(
      (unknownTool as { decision: { reason: string } }).decision.reason,
      /unknown tool `teleport`/,
    );
    const missing = await client.submit({ tool: 'fs', operation: 'write', parameters: {} } as never);
    assert.equal(missing.verdict, 'deny');
    assert.match(missing.decision.reason, /parameters\.path/);
    const tooBig = await client.submit({
      tool: 'fs',
      operation: 'write',
      parameters: { path: join(t.workspace, 'x'), content: 'a'.repeat(1_100_000) },
    });
    assert.equal(tooBig.decision.rule, 'builtin.invalid-action');
    assert.match(tooBig.decision.reason, /the limit is/);

    // Malformed JSON on a raw socket.
    const raw = new WebSocket(`ws://127.0.0.1:${t.daemon.port}`, {
      headers: { authorization: `Bearer ${t.daemon.token}` },
    });
    await once(raw, 'open');
    raw.send('{"type": "hello", ');
    const [data] = (await once(raw, 'message')) as [Buffer];
    assert.match(data.toString(), /"code":"bad_json"/);
    raw.send(Buffer.from([1, 2, 3]), { binary: true });
    const [binary] = (await once(raw, 'message')) as [Buffer];
    assert.match(binary.toString(), /binary frames are not accepted/);
    raw.send(JSON.stringify({ type: 'submit', id: 'a', action: {} }));
    const [early] = (await once(raw, 'message')) as [Buffer];
    assert.match(early.toString(), /hello_required/);
    const [code] = (await once(raw, 'close')) as [number];
    assert.equal(code, 4001);

    // An oversized frame closes that connection (1009) and nothing else.
    const big = new WebSocket(`ws://127.0.0.1:${t.daemon.port}`, {
      headers: { authorization: `Bearer ${t.daemon.token}` },
    });
    await once(big, 'open');
    big.on('error', () => {});
    big.send('x'.repeat(5 * 1024 * 1024));
    const [bigCode] = (await once(big, 'close')) as [number];
    assert.equal(bigCode, 1009);

    const stillServing = await client.submit(shellAction('npm test', t.workspace));
    assert.equal(stillServing.verdict, 'allow');
    const denials = (storedReceipts(t.homeDir) as ActionReceipt[]).filter(
      (r) => r.decision.rule === 'builtin.invalid-action',
    );
    assert.equal(
      denials.length,
      4,
      'the malformed submit, the unknown tool, the missing field and the oversized action',
    );
    assert.ok(denials.every((r) => r.verdict === 'deny' && r.invalid?.sha256.length === 64));
    assert.equal(denials[3]!.action, null, 'an invalid action is not stored, only its digest');
  } finally {
    await t.close();
  }
});

test('only local, authenticated, non-browser clients get in; protocol versions must match', async () => {
  const t = await startTestDaemon();
  try {
    const url = `ws://127.0.0.1:${t.daemon.port}`;
    const status = (options: WebSocket.ClientOptions) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, options);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => {});
      });
    assert.equal(await status({}), 401, 'no token');
    assert.equal(await status({ headers: { authorization: 'Bearer wrong' } }), 401, 'wrong token');
    assert.equal(
      await status({
        headers: { authorization: `Bearer ${t.daemon.token}` },
        origin: 'https://evil.example',
      }),
      403,
      'browser origin',
    );
    assert.equal(
      await status({ headers: { authorization: `Bearer ${t.daemon.token}`, host: 'evil.example' } }),
      403,
      'DNS rebinding host',
    );
    assert.equal(await status({ headers: { authorization: `Bearer ${t.daemon.token}` } }), 101);
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${t.daemon.token}` } });
    await once(ws, 'open');
    ws.send(JSON.stringify({ type: 'hello', protocol: 99, client: { name: 'future' } }));
    const [reply] = (await once(ws, 'message')) as [Buffer];
    assert.match(reply.toString(), /protocol_mismatch.*speaks protocol 1/);
    const [code] = (await once(ws, 'close')) as [number];
    assert.equal(code, 4000);
  } finally {
    await t.close();
  }
});

test('state files are user-only, and a second daemon on the same AARM_HOME is refused', async () => {
  const t = await startTestDaemon();
  try {
    for (const file of ['token', 'receipts.db', 'daemon.json']) {
      assert.equal(statSync(join(t.homeDir, file)).mode & 0o777, 0o600, file);
    }
    assert.equal(statSync(t.homeDir).mode & 0o777, 0o700);
    await assert.rejects(
      createDaemon({ homeDir: t.homeDir, userHome: t.userHome, port: 0 }),
      /already running/,
    );
  } finally {
    await t.close();
  }
  assert.equal(existsSync(join(t.homeDir, 'daemon.json')), false, 'graceful shutdown removes daemon.json');
});

test('the database refuses UPDATE and DELETE on receipts', async () => {
  const t = await startTestDaemon();
  try {
    const client = await t.client();
    await client.submit(shellAction('ls', t.workspace));
    const db = new Database(join(t.homeDir, 'receipts.db'));
    try {
      assert.throws(() => db.prepare("UPDATE receipts SET body = '{}'").run(), /append-only/);
      assert.throws(() => db.prepare('DELETE FROM receipts').run(), /append-only/);
      assert.throws(() => db.prepare('DELETE FROM keys').run(), /append-only/);
    } finally {
      db.close();
    }
  } finally {
    await t.close();
  }
});

test('policy hot reload: a workspace policy takes effect, a broken one denies everything, a fix restores it', async () => {
  const t = await startTestDaemon();
  try {
    mkdirSync(t.workspace, { recursive: true });
    const client = await t.client();
    const reloaded = () => new Promise<void>((resolve) => t.daemon.policies.onReload(() => resolve()));
    assert.equal((await client.submit(shellAction('make deploy', t.workspace))).verdict, 'allow');

    let next = reloaded();
    writeWorkspacePolicy(
      t.workspace,
      'aarm: 1\nname: p\nrules:\n  - { id: no-deploy, match: { tool: shell }, when: "action.parameters.command.contains(\'deploy\')", decision: deny, reason: deploys go through CI }\n',
    );
    await next;
    const denied = await client.submit(shellAction('make deploy', t.workspace));
    assert.equal(denied.decision.rule, 'no-deploy');
    assert.equal(denied.decision.reason, 'deploys go through CI');

    next = reloaded();
    writeFileSync(
      join(t.workspace, '.aarm', 'policy.yaml'),
      'aarm: 1\nname: p\nrules:\n  - { id: x, decision: nope }\n',
    );
    await next;
    const broken = await client.submit(shellAction('ls', t.workspace));
    assert.equal(broken.decision.rule, 'builtin.policy-error');
    assert.match(broken.decision.reason, /policy\.yaml:4:\d+: .*decision/);
    const status = await client.status();
    assert.deepEqual(status.policy.errors, [], 'the broken file is in that workspace only');

    next = reloaded();
    writeFileSync(join(t.workspace, '.aarm', 'policy.yaml'), 'aarm: 1\nname: p\n');
    await next;
    assert.equal((await client.submit(shellAction('make deploy', t.workspace))).verdict, 'allow');
  } finally {
    await t.close();
  }
});

test('an unreadable user policy fails closed with a reason, and the daemon keeps answering', async () => {
  const t = await startTestDaemon();
  try {
    const client = await t.client();
    const next = new Promise<void>((resolve) => t.daemon.policies.onReload(() => resolve()));
    mkdirSync(join(t.homeDir, 'policies', 'dir.yaml'));
    await next;
    const reply = await client.submit(shellAction('ls', t.workspace));
    assert.equal(reply.decision.rule, 'builtin.policy-error');
    assert.match(reply.decision.reason, /dir\.yaml:1:1: cannot read policy/);
    assert.equal((await client.status()).policy.errors.length, 1);
  } finally {
    await t.close();
  }
});

test('a restart keeps the receipt chain: new receipts continue it', async () => {
  const t = await startTestDaemon();
  const { root } = t;
  const first = await t.client({ session: 'long' });
  await first.submit(shellAction('ls', t.workspace));
  await first.close();
  await t.daemon.close();
  const again = await startTestDaemon({ root });
  try {
    const client = await again.client({ session: 'long' });
    await client.submit(shellAction('pwd', again.workspace));
    const all = storedReceipts(again.homeDir);
    assert.deepEqual(
      all.map((r) => [r.seq, r.sessionSeq]),
      [
        [1, 1],
        [2, 2],
      ],
    );
    const token = readFileSync(join(again.homeDir, 'token'), 'utf8').trim();
    assert.equal(token, again.daemon.token, 'the token survives restarts');
  } finally {
    await again.close();
  }
});
