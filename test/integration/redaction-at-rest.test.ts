/**
 * Secrets an agent's action carries are digests everywhere aarm keeps them (issue 18, T9): not only
 * the action in its receipt, but the session's context log, what a human approved (still
 * verifiable: the signature covers the key's digest), and the reason a rule wrote from the action.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ApprovalRequest, ServerMessage } from '../../daemon/src/protocol/index.js';
import { runCli, shellAction, startTestDaemon, tempDir } from '../helpers/env.js';

const TOKEN = 'glpat-AbCdEfGhIjKlMnOpQrSt';
const KEY = 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';

test(
  'no secret of an action in the database in clear: context log, approved grant key, reasons; and the approval still verifies',
  { timeout: 30_000 },
  async () => {
    const temp = tempDir();
    const t = await startTestDaemon({ root: temp.dir });
    try {
      mkdirSync(t.workspace, { recursive: true });
      const approver = await t.approver();
      // The user's request, with a key in it, is context the session log keeps.
      const asking = await t.client({ session: 'request-with-a-key' });
      await asking.submit({
        ...shellAction('ls', t.workspace),
        context: { workspace: t.workspace, request: `list the files; my api key is ${KEY}` },
      });
      await asking.close();
      const agent = await t.client({ session: 'secrets-at-rest' });
      const asked = new Promise<ApprovalRequest>((resolve) =>
        approver.onMessage((m: ServerMessage) => m.type === 'approval_request' && resolve(m)),
      );
      // A force push (a step-up) whose URL carries a token: the human sees it and allows it.
      const pushing = agent.submit({
        ...shellAction(`git push --force https://oauth2:${TOKEN}@gitlab.com/team/app.git main`, t.workspace),
        identity: { agent: { name: 'test-agent' } },
      });
      const request = await asked;
      assert.ok(request.key.includes(TOKEN), 'the approver sees exactly what runs');
      await approver.approve(request.approvalId, 'allow');
      assert.equal((await pushing).verdict, 'allow');
      await agent.close();
      await approver.close();
      await t.close();

      const db = new Database(join(t.homeDir, 'receipts.db'), { readonly: true });
      const everything = [
        ...(db.prepare('select body from receipts').all() as Array<{ body: string }>),
        ...(db.prepare('select body from context_log').all() as Array<{ body: string }>),
      ]
        .map((row) => row.body)
        .join('\n');
      db.close();
      assert.ok(!everything.includes(TOKEN), 'the token is nowhere in clear');
      assert.ok(!everything.includes(KEY), 'the key in the request is nowhere in clear');
      assert.match(everything, /"keySha256":"[0-9a-f]{64}"/);

      const out = join(temp.dir, 'audit.jsonl');
      const exported = await runCli(['export', '--all', '--out', out], { env: { AARM_HOME: t.homeDir } });
      assert.equal(exported.code, 0, exported.stderr);
      const verified = await runCli(['verify', '--every-signature', out], { env: { AARM_HOME: t.homeDir } });
      assert.equal(verified.code, 0, verified.stderr);
      assert.match(verified.stdout, /approv/i, 'the approver signature is checked and named');
    } finally {
      temp.cleanup();
    }
  },
);
