/**
 * Faults and tampering: the daemon killed with SIGKILL under load, and the receipt database edited
 * behind its back. What a user must be able to rely on: every decision an agent saw has its receipt,
 * and a changed database is noticed at start-up — and then nothing runs until a human deals with it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import Database from 'better-sqlite3';
import { connect } from '../../daemon/src/client/client.js';
import type { DecisionMessage } from '../../daemon/src/protocol/index.js';
import { CLI, runCli, shellAction, startTestDaemon, storedReceipts, tempDir } from '../helpers/env.js';

/** A daemon with a few sessions of receipts, closed cleanly (so its head checkpoint is written). */
async function filledHome(): Promise<{ root: string; home: string; cleanup(): void }> {
  const dir = tempDir();
  const t = await startTestDaemon({ root: dir.dir });
  mkdirSync(t.workspace, { recursive: true });
  for (const session of ['a', 'b']) {
    const agent = await t.client({ session });
    for (const command of ['ls', 'npm test', 'git status'])
      await agent.submit(shellAction(command, t.workspace));
  }
  await t.close();
  return { root: dir.dir, home: t.homeDir, cleanup: dir.cleanup };
}

/** Edit the database as an attacker with write access would: triggers dropped first. */
function tamper(home: string, edit: (db: Database.Database) => void): void {
  const db = new Database(join(home, 'receipts.db'));
  db.exec('DROP TRIGGER receipts_no_update; DROP TRIGGER receipts_no_delete;');
  edit(db);
  db.close();
}

const cases: Array<[string, (db: Database.Database) => void, RegExp, boolean]> = [
  [
    'a field edited in place',
    (db) => db.exec(`UPDATE receipts SET body = replace(body, '"npm test"', '"npm tost"') WHERE seq = 2`),
    /record 2 does not hash to its stored hash/,
    true,
  ],
  [
    'a record edited and its hash recomputed',
    (db) => {
      const row = db.prepare('SELECT body FROM receipts WHERE seq = 2').get() as { body: string };
      const body = row.body.replace('"npm test"', '"npm tost"');
      const hash = createHash('sha256').update(body).digest('hex');
      db.prepare('UPDATE receipts SET body = ?, hash = ? WHERE seq = 2').run(body, hash);
    },
    /record 3 does not link to the record before it/,
    true,
  ],
  [
    'a record deleted',
    (db) => db.exec('DELETE FROM receipts WHERE seq = 3'),
    /expected record 3 but found 4/,
    true,
  ],
  [
    'two records reordered',
    (db) => {
      const rows = db
        .prepare('SELECT seq, body, sig, hash FROM receipts WHERE seq IN (2, 3)')
        .all() as Array<{
        seq: number;
        body: string;
        sig: string;
        hash: string;
      }>;
      const [two, three] = rows as [(typeof rows)[0], (typeof rows)[0]];
      db.exec('DELETE FROM receipts WHERE seq IN (2, 3)');
      const insert = db.prepare(
        "INSERT INTO receipts (seq, id, session, session_seq, kind, time, body, sig, hash, key_id) VALUES (?, ?, 'x', ?, 'action', '', ?, ?, ?, '')",
      );
      insert.run(2, 'r3', 102, three.body, three.sig, three.hash);
      insert.run(3, 'r2', 103, two.body, two.sig, two.hash);
    },
    /expected record 2 but found 3/,
    true,
  ],
  [
    'the tail cut off',
    (db) => db.exec('DELETE FROM receipts WHERE seq > 4'),
    /the chain ends at record 4 but the daemon had written 6: the tail was cut/,
    false,
  ],
];

for (const [what, edit, expected, verifyCatchesIt] of cases) {
  test(`tampering is reported at start-up and everything is denied: ${what}`, async () => {
    const filled = await filledHome();
    try {
      tamper(filled.home, edit);
      const t = await startTestDaemon({ root: filled.root });
      try {
        const agent = await t.client({ session: 'after' });
        const status = await agent.status();
        assert.equal(status.chain.ok, false);
        assert.match(!status.chain.ok ? status.chain.error : '', expected);
        const reply = await agent.submit(shellAction('ls', t.workspace));
        assert.equal(reply.verdict, 'deny');
        assert.equal(reply.decision.rule, 'builtin.chain-broken');
        const shown = await runCli(['status'], { env: { AARM_HOME: t.homeDir } });
        assert.match(shown.stdout, /RECEIPT CHAIN BROKEN/);
      } finally {
        await t.close();
      }
      // The offline check agrees (a cut tail leaves a shorter chain that is valid on its own).
      const bundle = join(filled.root, 'all.jsonl');
      assert.equal(
        (await runCli(['export', '--all', '--out', bundle], { env: { AARM_HOME: filled.home } })).code,
        0,
      );
      const verified = await runCli(['verify', bundle], { env: { AARM_HOME: filled.home } });
      assert.equal(verified.code, verifyCatchesIt ? 1 : 0, verified.stdout + verified.stderr);
    } finally {
      filled.cleanup();
    }
  });
}

test('an untouched database passes the start-up check, restart after restart', async () => {
  const filled = await filledHome();
  try {
    for (let run = 0; run < 2; run++) {
      const t = await startTestDaemon({ root: filled.root });
      try {
        const agent = await t.client({ session: `again-${run}` });
        const status = await agent.status();
        assert.deepEqual(status.chain, { ok: true, records: 6 + run });
        assert.equal((await agent.submit(shellAction('ls', t.workspace))).verdict, 'allow');
      } finally {
        await t.close();
      }
    }
  } finally {
    filled.cleanup();
  }
});

test('kill -9 under load: every decision the agent saw has its receipt, and the chain verifies', async () => {
  const dir = tempDir();
  const home = join(dir.dir, 'aarm-home');
  const workspace = join(dir.dir, 'project');
  mkdirSync(workspace, { recursive: true });
  const start = () => {
    const child = spawn(process.execPath, [CLI, 'daemon'], {
      env: { ...process.env, AARM_HOME: home, HOME: join(dir.dir, 'home') },
      stdio: 'ignore',
    });
    return child;
  };
  /** Until this daemon process has written its daemon.json (a killed one leaves its own behind). */
  const waitForDaemon = async (pid: number | undefined) => {
    for (let i = 0; i < 400; i++) {
      try {
        if ((JSON.parse(readFileSync(join(home, 'daemon.json'), 'utf8')) as { pid: number }).pid === pid)
          return;
      } catch {
        // not yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the daemon did not start');
  };
  let daemon = start();
  try {
    await waitForDaemon(daemon.pid);
    const agent = await connect({ homeDir: home, client: { name: 'load' }, session: 'load' });
    const seen: DecisionMessage[] = [];
    const inFlight: Array<Promise<unknown>> = [];
    // Paced, ten at a time: a burst sent at once is judged and committed as one group, and the
    // kill must land while decisions are still being made.
    const producer = (async () => {
      for (let i = 0; i < 400; i++) {
        inFlight.push(
          agent.submit(shellAction(`echo ${i}`, workspace)).then(
            (reply) => seen.push(reply),
            () => undefined, // cut off by the kill: the agent saw no decision, so nothing ran
          ),
        );
        if (i % 10 === 9) await new Promise((r) => setTimeout(r, 3));
      }
    })();
    while (seen.length < 50) await new Promise((r) => setTimeout(r, 2));
    daemon.kill('SIGKILL');
    await producer;
    await Promise.all(inFlight);
    await agent.close().catch(() => {});
    assert.ok(seen.length >= 50 && seen.length < 400, `${seen.length} decisions before the kill`);

    // The lock and daemon.json of the killed daemon must not stop the next one.
    daemon = start();
    await waitForDaemon(daemon.pid);
    const stored = new Set(storedReceipts(home).map((r) => r.id));
    const missing = seen.filter((reply) => !stored.has(reply.receiptId));
    assert.deepEqual(missing, [], 'every decision the agent saw is in the database');
    const status = await runCli(['status', '--json'], { env: { AARM_HOME: home } });
    assert.equal((JSON.parse(status.stdout) as { chain: { ok: boolean } }).chain.ok, true, status.stdout);
    const bundle = join(dir.dir, 'all.jsonl');
    assert.equal((await runCli(['export', '--all', '--out', bundle], { env: { AARM_HOME: home } })).code, 0);
    const verified = await runCli(['verify', bundle], { env: { AARM_HOME: home } });
    assert.equal(verified.code, 0, verified.stderr);
  } finally {
    daemon.kill('SIGKILL');
    dir.cleanup();
  }
});

/** Ways SQLite can refuse a group of receipts, each set off by a record whose text says `sabotage`. */
const refusals: Array<[string, string, RegExp]> = [
  [
    'the COMMIT is refused (a deferred foreign key)',
    `CREATE TABLE trap_parent (id INTEGER PRIMARY KEY);
     CREATE TABLE trap (p INTEGER REFERENCES trap_parent (id) DEFERRABLE INITIALLY DEFERRED);
     CREATE TRIGGER trap_receipts AFTER INSERT ON receipts WHEN NEW.body LIKE '%sabotage%'
       BEGIN INSERT INTO trap VALUES (1); END;`,
    /STOPPING: the receipt database could not be written \(FOREIGN KEY constraint failed\)/,
  ],
  [
    'the whole transaction is rolled back mid-group (as by SQLITE_FULL or an I/O error)',
    `CREATE TRIGGER trap_receipts AFTER INSERT ON receipts WHEN NEW.body LIKE '%sabotage%'
       BEGIN SELECT RAISE(ROLLBACK, 'disk full'); END;`,
    /STOPPING: the receipt database could not be written \(SQLite rolled back the open transaction/,
  ],
];

for (const [what, trap, logged] of refusals) {
  test(`receipts the database refuses are never answered, and the daemon stops: ${what}`, async () => {
    const filled = await filledHome();
    const workspace = join(filled.root, 'project');
    const raw = new Database(join(filled.home, 'receipts.db'));
    raw.exec(trap);
    raw.close();
    const daemon = spawn(process.execPath, [CLI, 'daemon'], {
      env: { ...process.env, AARM_HOME: filled.home, HOME: join(filled.root, 'home') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    daemon.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const exited = new Promise<number | null>((resolve) => daemon.once('exit', resolve));
    try {
      while (!log.includes('listening on')) await new Promise((r) => setTimeout(r, 20));
      const agent = await connect({ homeDir: filled.home, client: { name: 'agent' }, session: 'c' });
      const before = await agent.submit(shellAction('ls', workspace));
      // In flight together: another agent's `ls`, the sabotage, and a Claude Code HTTP hook whose
      // command is sabotaged too (so it is surely open when the daemon stops).
      const other = await connect({ homeDir: filled.home, client: { name: 'other' }, session: 'd' });
      const info = JSON.parse(readFileSync(join(filled.home, 'daemon.json'), 'utf8')) as { port: number };
      const token = readFileSync(join(filled.home, 'token'), 'utf8').trim();
      const hook = fetch(`http://127.0.0.1:${info.port}/v1/hooks/claude-code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          session_id: 'cc',
          cwd: workspace,
          hook_event_name: 'PreToolUse',
          tool_name: 'Bash',
          tool_input: { command: 'echo sabotage from the hook' },
          tool_use_id: 'toolu_1',
        }),
      })
        .then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }))
        .catch((error: unknown) => {
          throw new Error(
            `the hook got no answer (${String((error as Error).cause ?? error)}); the daemon's log:\n${log}`,
          );
        });
      hook.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
      const [otherLs] = await Promise.allSettled([other.submit(shellAction('ls', workspace))]);
      // The hook was answered, and with a deny: Claude Code would go ahead on a cut connection.
      const answered = await hook;
      assert.equal(answered.status, 200);
      const output = answered.json.hookSpecificOutput as
        { permissionDecision: string; permissionDecisionReason: string } | undefined;
      assert.equal(output?.permissionDecision, 'deny');
      assert.match(
        output.permissionDecisionReason,
        /the daemon stopped: the receipt database could not be written/,
      );
      // the agent's next action finds no daemon: its adapter fails closed
      await assert.rejects(agent.submit(shellAction('echo after', workspace)));
      assert.equal(await exited, 1, 'the daemon exits with an error');
      assert.match(log, logged);
      // Every decision anyone saw has its receipt; the sabotage has none.
      const stored = storedReceipts(filled.home);
      const ids = stored.map((r) => r.id);
      assert.ok(ids.includes(before.receiptId), 'what was answered before is stored');
      if (otherLs.status === 'fulfilled') assert.ok(ids.includes(otherLs.value.receiptId));
      assert.ok(!stored.some((r) => JSON.stringify(r).includes('sabotage')));
      // What is stored still verifies, and the next daemon starts on it.
      const bundle = join(filled.root, 'all.jsonl');
      const env = { env: { AARM_HOME: filled.home } };
      assert.equal((await runCli(['export', '--all', '--out', bundle], env)).code, 0);
      const verified = await runCli(['verify', '--every-signature', bundle], env);
      assert.equal(verified.code, 0, verified.stderr);
    } finally {
      daemon.kill('SIGKILL');
      filled.cleanup();
    }
  });
}

test('slow clients are cut: headers that never end, a WebSocket that never says hello', async () => {
  const t = await startTestDaemon({ slowClientMs: 300 });
  try {
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const socket = createConnection(t.daemon.port, '127.0.0.1', () => {
        socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      });
      socket.on('error', () => {});
      socket.resume(); // read what the daemon answers (a 408), so its end is seen
      socket.on('close', () => resolve(Date.now() - started));
      setTimeout(() => reject(new Error('the slow connection was never cut')), 10_000).unref();
    });
    assert.ok(closedAfter < 5000, `cut after ${closedAfter} ms`);

    const code = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${t.daemon.port}`, {
        headers: { authorization: `Bearer ${t.daemon.token}` },
      });
      socket.on('close', (closeCode) => resolve(closeCode));
      setTimeout(() => {
        socket.terminate();
        reject(new Error('the silent connection was never cut'));
      }, 10_000).unref();
    });
    assert.equal(code, 4001, 'closed with "hello required"');

    // The daemon keeps serving everyone else.
    const agent = await t.client();
    assert.equal((await agent.status()).type, 'status');
  } finally {
    await t.close();
  }
});
