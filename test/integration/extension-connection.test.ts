/**
 * The extension's approver connection (extension/src/connection.ts) against a real daemon: it
 * finds the daemon through AARM_HOME, is an approver, and comes back by itself after a restart.
 * The VS Code side is tested in a real VS Code (test/e2e).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellAction, startTestDaemon, tempDir } from '../helpers/env.js';
import type { ServerMessage } from '../../daemon/src/protocol/index.js';
import { ApproverConnection, type ConnectionState } from '../../extension/src/connection.js';
import { createDaemon } from '../../daemon/src/main/daemon.js';

/** The connection's first state (now or later) of this kind, or that satisfies `wanted`. */
function until(
  connection: ApproverConnection,
  wanted: ConnectionState['kind'] | ((state: ConnectionState) => boolean),
): Promise<ConnectionState> {
  const matches = typeof wanted === 'string' ? (state: ConnectionState) => state.kind === wanted : wanted;
  return new Promise((resolve) => {
    if (matches(connection.state)) return resolve(connection.state);
    const subscription = connection.onState((state) => {
      if (!matches(state)) return;
      subscription.dispose();
      resolve(state);
    });
  });
}

/** Waiting to try again after a failed attempt. */
const retrying = (state: ConnectionState) => state.kind === 'connecting' && state.attempt >= 1;

test('the extension connects as an approver, and reconnects when the daemon restarts', async () => {
  const t = await startTestDaemon();
  let restarted: Awaited<ReturnType<typeof createDaemon>> | undefined;
  const connection = new ApproverConnection(
    () => t.homeDir,
    'vscode-test',
    () => Promise.resolve(),
    () => {},
  );
  try {
    connection.start();
    const state = await until(connection, 'connected');
    assert.ok(state.kind === 'connected' && state.welcome.role === 'approver');
    const status = await connection.status();
    assert.equal(status.approvers, 1);

    await t.daemon.close();
    const lost = await until(connection, 'connecting');
    assert.equal(lost.kind, 'connecting');
    await assert.rejects(connection.status(), /not connected/);

    restarted = await createDaemon({ homeDir: t.homeDir, port: 0, userHome: t.userHome, packDir: null });
    await until(connection, 'connected');
    assert.equal((await connection.status()).approvers, 1);
  } finally {
    connection.dispose();
    await restarted?.close();
    await t.close();
  }
});

test('the extension will not act as an approver with an agent token, and says why it cannot connect', async () => {
  const t = await startTestDaemon();
  const lines: string[] = [];
  const connection = new ApproverConnection(
    () => t.homeDir,
    'vscode-test',
    () => Promise.resolve(),
    (l) => lines.push(l),
  );
  try {
    // An approver-token that is really the agents' token (a mix-up, or an agent's trick).
    writeFileSync(join(t.homeDir, 'approver-token'), t.daemon.token);
    connection.start();
    await until(connection, retrying);
    assert.match(lines.join('\n'), /made this an agent connection/);
  } finally {
    connection.dispose();
    await t.close();
  }

  const empty = tempDir();
  const missing = new ApproverConnection(
    () => empty.dir,
    'vscode-test',
    () => Promise.resolve(),
    () => {},
  );
  try {
    missing.start();
    const state = await until(missing, retrying);
    assert.ok(state.kind === 'connecting' && /no aarm daemon is running/.test(state.lastError ?? ''));
  } finally {
    missing.dispose();
    empty.cleanup();
  }
});

test('the extension sees the step-ups that were already waiting when it connects', async () => {
  const t = await startTestDaemon();
  const connection = new ApproverConnection(
    () => t.homeDir,
    'vscode-test',
    () => Promise.resolve(),
    () => {},
  );
  try {
    mkdirSync(t.workspace, { recursive: true });
    // Another approver is there, so the step-up waits for an answer.
    const other = await t.approver();
    const agent = await t.client({ session: 'waiting' });
    const decision = agent.submit(shellAction('git push --force origin main', t.workspace));
    const request = await new Promise<ServerMessage>((resolve) =>
      other.onMessage((m) => m.type === 'approval_request' && resolve(m)),
    );
    const seen = new Promise<ServerMessage>((resolve) =>
      connection.onMessage((m) => m.type === 'approval_request' && resolve(m)),
    );
    connection.start();
    const shown = await seen;
    assert.equal(
      shown.type === 'approval_request' && shown.approvalId,
      request.type === 'approval_request' && request.approvalId,
    );
    await other.approve(shown.type === 'approval_request' ? shown.approvalId : '', 'deny');
    assert.equal((await decision).verdict, 'deny');
  } finally {
    connection.dispose();
    await t.close();
  }
});
