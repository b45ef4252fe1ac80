/**
 * The gate without a socket: callers are plain links that collect what they are sent, time and
 * ids come from a fixed clock, and the store is a real SQLite file. What a transport would see.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROTOCOL_VERSION, type Role, type ServerMessage } from '../../daemon/src/protocol/index.js';
import { createGate, type Gate } from '../../daemon/src/gate/gate.js';
import type { ReplayDraft } from '../../daemon/src/gate/context.js';
import type { Caller } from '../../daemon/src/gate/caller.js';
import { makeClock } from '../../daemon/src/gate/clock.js';
import { createGroupCommit } from '../../daemon/src/gate/commit.js';
import { openReceiptStore, type ReceiptStore } from '../../daemon/src/receipts/store.js';
import {
  generateSigningKey,
  publicKeyOf,
  sha256Hex,
  verifyWithNodeCrypto,
} from '../../daemon/src/receipts/keys.js';
import { createApproverRegistry } from '../../daemon/src/gate/approver-keys.js';
import { approverSigner, newApproverSeed, approvalTextFor } from '../../daemon/src/client/approver-key.js';
import { type ApprovalRequest } from '../../daemon/src/protocol/index.js';

/** the registered approver's key */
const signer = approverSigner(newApproverSeed());
/** An approver's answer, signed over exactly the request (or by another key). */
function answer(request: ApprovalRequest, id: string, by = signer, scope = 'once') {
  const signature = by.sign(
    approvalTextFor({
      approvalId: request.approvalId,
      session: request.session,
      key: request.key,
      answer: 'allow',
      scope,
    }),
  );
  return JSON.stringify({
    type: 'approve',
    id,
    approvalId: request.approvalId,
    answer: 'allow',
    scope,
    keyId: by.keyId,
    signature,
  });
}
import { createPolicySources } from '../../daemon/src/state/policy-files.js';
import { PACK_DIR, shellAction, tempDir } from '../helpers/env.js';

const T0 = Date.parse('2026-01-02T03:04:05.000Z');

interface World {
  gate: Gate;
  store: ReceiptStore;
  workspace: string;
  /** a caller that said hello; `inbox` is everything it was sent, `committedWhenSent` whether the store had no open writes each time */
  caller(
    role: Role,
    session?: string,
  ): Promise<{ caller: Caller; inbox: ServerMessage[]; committedWhenSent: boolean[] }>;
  next(inbox: ServerMessage[], type: ServerMessage['type']): Promise<ServerMessage>;
  close(): Promise<void>;
}

function world(
  options: { approvalTimeoutMs?: number; deferTimeoutMs?: number; replay?: ReplayDraft } = {},
): World {
  const temp = tempDir('aarm-gate-');
  const workspace = join(temp.dir, 'project');
  mkdirSync(join(workspace, '.aarm'), { recursive: true });
  mkdirSync(join(temp.dir, 'state'));
  writeFileSync(
    join(workspace, '.aarm', 'policy.yaml'),
    `aarm: 1
name: project
rules:
  - { id: wait-for-context, match: { tool: shell }, when: "action.parameters.command == 'deploy' && !session.hasRequest", decision: defer, reason: needs the original request }
`,
  );
  const policies = createPolicySources({
    home: join(temp.dir, 'home'),
    stateDir: join(temp.dir, 'state'),
    packDir: PACK_DIR,
    watch: false,
  });
  let store: ReceiptStore | undefined;
  const failures: string[] = [];
  const commits = createGroupCommit({
    target: () => store,
    onFailure: (r) => failures.push(r),
    log: () => {},
  });
  const liveStore = (store = openReceiptStore(join(temp.dir, 'state', 'receipts.db'), {
    onUncommitted: () => setImmediate(commits.commitNow),
  }));
  const key = generateSigningKey();
  liveStore.addKey(key);
  let n = 0;
  const gate = createGate({
    clock: makeClock(
      () => T0,
      () => String(++n),
    ),
    log: () => {},
    human: { user: 'dev', git: 'dev@example.com' },
    userHome: join(temp.dir, 'home'),
    store: liveStore,
    signingKey: key,
    chain: { ok: true, records: 0, headSeq: 0, ms: 0 },
    commits,
    judgeDeps: { policies, home: join(temp.dir, 'home') },
    policyStatus: () => ({ hash: 'h', files: [], errors: [] }),
    approvalTimeoutMs: options.approvalTimeoutMs ?? 5_000,
    deferTimeoutMs: options.deferTimeoutMs ?? 5_000,
    saveCheckpoint: () => {},
    ...(options.replay ? { replay: options.replay } : {}),
    trustedKeys: [publicKeyOf(key)],
    approverKeys: createApproverRegistry({
      registered: [
        {
          keyId: signer.keyId,
          name: 'unit-key',
          publicKey: signer.publicKey,
          status: 'registered',
          requested: 'then',
        },
      ],
      save: () => {},
      clock: makeClock(
        () => T0,
        () => 'x',
      ),
      verify: verifyWithNodeCrypto,
      sha256Hex,
    }),
  });
  const waiters = new Set<() => void>();
  return {
    gate,
    store: liveStore,
    workspace,
    async caller(role, session) {
      const inbox: ServerMessage[] = [];
      const committedWhenSent: boolean[] = [];
      const caller = gate.connect(
        {
          send: (message) => {
            committedWhenSent.push(!liveStore.uncommitted());
            inbox.push(message);
            for (const wake of [...waiters]) wake();
          },
          close: () => {},
        },
        role,
      );
      gate.handle(
        caller,
        JSON.stringify({
          type: 'hello',
          protocol: PROTOCOL_VERSION,
          client: { name: 'unit' },
          ...(session ? { session } : {}),
        }),
      );
      await this.next(inbox, 'welcome');
      return { caller, inbox, committedWhenSent };
    },
    next: (inbox, type) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${type} message; got ${JSON.stringify(inbox)}`)),
          4000,
        );
        const look = () => {
          const index = inbox.findIndex((m) => m.type === type);
          if (index < 0) return;
          waiters.delete(look);
          clearTimeout(timer);
          resolve(inbox.splice(index, 1)[0]!);
        };
        waiters.add(look);
        look();
      }),
    async close() {
      await gate.drain('test over');
      policies.close();
      liveStore.close();
      assert.deepEqual(failures, []);
      temp.cleanup();
    },
  };
}

const submit = (id: string, action: object) => JSON.stringify({ type: 'submit', id, action });

test("gate: an approver's replay is answered when it is done, agents meanwhile; it is stopped when its approver disconnects", async () => {
  const running: Array<{ cancel: AbortSignal; finish: (answer: Awaited<ReturnType<ReplayDraft>>) => void }> =
    [];
  const w = world({
    replay: (_request, cancel) => new Promise((finish) => running.push({ cancel, finish })),
  });
  try {
    const approver = await w.caller('approver');
    const replay = (id: string) => JSON.stringify({ type: 'replay', id, policies: ['/draft.yaml'] });
    w.gate.handle(approver.caller, replay('r1'));
    const agent = await w.caller('agent', 'sess-meanwhile');
    w.gate.handle(agent.caller, submit('a1', shellAction('npm test', w.workspace)));
    await w.next(agent.inbox, 'decision');
    assert.deepEqual(
      approver.inbox.filter((m) => m.type === 'replay'),
      [],
      'the replay is still running',
    );
    const report = { replayed: 0, sessions: 0, unchanged: 0, changes: [], daemonDecided: [] };
    running[0]!.finish({ ok: true, report });
    assert.deepEqual(await w.next(approver.inbox, 'replay'), { type: 'replay', id: 'r1', ...report });

    w.gate.handle(approver.caller, replay('r2'));
    assert.equal(running[1]!.cancel.aborted, false);
    w.gate.disconnect(approver.caller);
    assert.equal(running[1]!.cancel.aborted, true, 'nobody waits for it any more');
  } finally {
    await w.close();
  }
});

test('gate: an allowed action is answered only after its receipt is committed, with the injected time and id', async () => {
  const w = world();
  try {
    const agent = await w.caller('agent', 'sess-one');
    w.gate.handle(agent.caller, submit('a1', shellAction('npm test', w.workspace)));
    const decision = await w.next(agent.inbox, 'decision');
    assert.equal(decision.type === 'decision' && decision.verdict, 'allow');
    assert.ok(
      agent.committedWhenSent.every(Boolean),
      'nothing left the gate before its writes were committed',
    );
    const [receipt] = [...w.store.list({ session: 'sess-one' })];
    assert.equal(receipt!.body.time, '2026-01-02T03:04:05.000Z');
    assert.equal(decision.type === 'decision' && decision.receiptId, receipt!.body.id);
    assert.match(receipt!.body.id, /^rcpt_\d+$/);
  } finally {
    await w.close();
  }
});

test('gate: a malformed submit and a wrong-role request are both answered and both kept in the record', async () => {
  const w = world();
  try {
    const agent = await w.caller('agent', 'sess-bad');
    w.gate.handle(agent.caller, '{"type":"submit","id":"x1"}');
    const error = await w.next(agent.inbox, 'error');
    assert.match(error.type === 'error' ? error.message : '', /denied, receipt rcpt_/);
    w.gate.handle(
      agent.caller,
      JSON.stringify({ type: 'approve', id: 'x2', approvalId: 'appr_1', answer: 'allow' }),
    );
    const forbidden = await w.next(agent.inbox, 'error');
    assert.equal(forbidden.type === 'error' && forbidden.code, 'forbidden');
    w.gate.handle(agent.caller, 'not json');
    assert.equal((await w.next(agent.inbox, 'error')).type, 'error');
    const rules = [...w.store.list({ session: 'sess-bad' })].map((r) =>
      r.body.kind === 'action' ? r.body.decision.rule : r.body.kind,
    );
    assert.deepEqual(rules, ['builtin.invalid-action', 'builtin.role-violation']);
  } finally {
    await w.close();
  }
});

test('gate: a step-up waits for the approver, who sees the request and whose answer the agent gets', async () => {
  const w = world();
  try {
    const approver = await w.caller('approver');
    const agent = await w.caller('agent', 'sess-up');
    w.gate.handle(agent.caller, submit('s1', shellAction('git push --force', w.workspace)));
    const request = await w.next(approver.inbox, 'approval_request');
    assert.equal(agent.inbox.filter((m) => m.type === 'decision').length, 0, 'the agent waits');
    assert.equal(request.type === 'approval_request' && request.session, 'sess-up');
    assert.ok(request.type === 'approval_request');
    // The approver credential alone allows nothing: an unsigned allow, and one signed by an unknown key, are refused.
    w.gate.handle(
      approver.caller,
      JSON.stringify({ type: 'approve', id: 'p0', approvalId: request.approvalId, answer: 'allow' }),
    );
    const unsigned = await w.next(approver.inbox, 'error');
    assert.equal(unsigned.type === 'error' && unsigned.code, 'unsigned_approval');
    w.gate.handle(approver.caller, answer(request, 'p1', approverSigner(newApproverSeed())));
    const stranger = await w.next(approver.inbox, 'error');
    assert.equal(stranger.type === 'error' && stranger.code, 'unknown_approver');
    w.gate.handle(approver.caller, answer(request, 'p2'));
    const decision = await w.next(agent.inbox, 'decision');
    assert.equal(decision.type === 'decision' && decision.verdict, 'allow');
    const [receipt] = [...w.store.list({ session: 'sess-up' })];
    assert.ok(receipt!.body.kind === 'action');
    assert.equal(receipt!.body.approval.approver, `dev via unit-key (${signer.keyId})`);
    assert.equal(receipt!.body.approval.approverKey?.keyId, signer.keyId);
    assert.ok(receipt!.body.approval.signature, 'the receipt keeps the approver’s signature');
  } finally {
    await w.close();
  }
});

test('gate: with no approver a step-up the agent cannot ask about is denied, one it can is handed back', async () => {
  const w = world();
  try {
    const agent = await w.caller('agent', 'sess-none');
    w.gate.handle(agent.caller, submit('n1', shellAction('git push --force', w.workspace)));
    const denied = await w.next(agent.inbox, 'decision');
    assert.equal(denied.type === 'decision' && denied.verdict, 'deny');
    w.gate.handle(
      agent.caller,
      JSON.stringify({
        type: 'submit',
        id: 'n2',
        action: shellAction('git push --force', w.workspace),
        agentCanAsk: true,
      }),
    );
    const asked = await w.next(agent.inbox, 'decision');
    assert.equal(asked.type === 'decision' && asked.verdict, 'ask');
  } finally {
    await w.close();
  }
});

test('gate: a deferred action is released by the context that arrives, with a resolution receipt', async () => {
  const w = world();
  try {
    const agent = await w.caller('agent', 'sess-defer');
    w.gate.handle(agent.caller, submit('d1', shellAction('deploy', w.workspace)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(agent.inbox.length, 0, 'held while the context is missing');
    w.gate.handle(
      agent.caller,
      JSON.stringify({ type: 'context', id: 'c1', request: 'please deploy the site' }),
    );
    await w.next(agent.inbox, 'ack');
    const decision = await w.next(agent.inbox, 'decision');
    assert.equal(decision.type === 'decision' && decision.decision.decision === 'defer', false);
    const kinds = [...w.store.list({ session: 'sess-defer' })].map((r) => r.body.kind);
    assert.deepEqual(kinds, ['action', 'resolution']);
  } finally {
    await w.close();
  }
});

test('gate: shutting down refuses the pending approval and answers the held agent with a deny', async () => {
  const w = world();
  const approver = await w.caller('approver');
  const agent = await w.caller('agent', 'sess-stop');
  w.gate.handle(agent.caller, submit('h1', shellAction('git push --force', w.workspace)));
  await w.next(approver.inbox, 'approval_request');
  await w.gate.drain('unit test');
  const decision = await w.next(agent.inbox, 'decision');
  assert.equal(decision.type === 'decision' && decision.verdict, 'deny');
  await w.close();
});

test('gate: a terminal’s ephemeral key is confirmed and answers only from its own connection, and is gone when that closes', async () => {
  const w = world();
  try {
    const terminal = await w.caller('approver');
    const other = await w.caller('approver');
    const agent = await w.caller('agent', 'sess-terminal');
    const key = approverSigner(newApproverSeed());
    const send = (caller: Caller, message: object) => w.gate.handle(caller, JSON.stringify(message));
    send(terminal.caller, {
      type: 'register_approver',
      id: 'r1',
      ...key.registration('tty'),
      ephemeral: true,
    });
    const registered = await w.next(terminal.inbox, 'approver_registration');
    assert.deepEqual(
      registered.type === 'approver_registration' && [registered.status, registered.confirmWith],
      ['pending', undefined],
    );
    // Another connection (another terminal, a script that read the approver token) cannot confirm it…
    send(other.caller, { type: 'confirm_approver', id: 'c1', keyId: key.keyId });
    const refused = await w.next(other.inbox, 'error');
    assert.match(
      refused.type === 'error' ? refused.message : '',
      /confirmed there, by answering its question/,
    );
    // …its own can.
    send(terminal.caller, { type: 'confirm_approver', id: 'c2', keyId: key.keyId });
    await w.next(terminal.inbox, 'approvers');
    w.gate.handle(agent.caller, submit('t1', shellAction('git push --force', w.workspace)));
    const request = await w.next(terminal.inbox, 'approval_request');
    assert.ok(request.type === 'approval_request');
    // A signature by the key, sent from another connection, allows nothing.
    w.gate.handle(other.caller, answer(request, 'a1', key));
    const elsewhere = await w.next(other.inbox, 'error');
    assert.equal(elsewhere.type === 'error' && elsewhere.code, 'unknown_approver');
    w.gate.handle(terminal.caller, answer(request, 'a2', key));
    const decision = await w.next(agent.inbox, 'decision');
    assert.equal(decision.type === 'decision' && decision.verdict, 'allow');
    assert.ok(w.gate.approverKeys.list().some((k) => k.keyId === key.keyId && k.ephemeral));
    w.gate.disconnect(terminal.caller);
    assert.ok(
      !w.gate.approverKeys.list().some((k) => k.keyId === key.keyId),
      'forgotten with its connection',
    );
  } finally {
    await w.close();
  }
});

test('approver registry: an ephemeral key is never saved; a lasting one is', () => {
  const saved: string[][] = [];
  const registry = createApproverRegistry({
    registered: [],
    save: (keys) => saved.push(keys.map((k) => k.keyId)),
    clock: makeClock(
      () => T0,
      () => 'x',
    ),
    verify: verifyWithNodeCrypto,
    sha256Hex,
  });
  const owner = {};
  const terminal = approverSigner(newApproverSeed());
  const editor = approverSigner(newApproverSeed());
  assert.equal(registry.register({ ...terminal.registration('tty'), ephemeral: true }, owner).ok, true);
  assert.equal(
    registry.register({ ...terminal.registration('tty'), ephemeral: true }, {}).ok,
    false,
    'not re-registered by another',
  );
  assert.equal(registry.register({ ...terminal.registration('tty') }, owner).ok, false, 'not made lasting');
  assert.equal(
    registry.register({ ...terminal.registration('tty'), ephemeral: true }).ok,
    false,
    'no owner, no ephemeral key',
  );
  assert.equal(registry.confirm(terminal.keyId, owner).ok, true);
  assert.equal(registry.register(editor.registration('vscode')).ok, true);
  assert.equal(registry.confirm(editor.keyId).ok, true);
  assert.deepEqual(saved, [[editor.keyId]]);
  registry.forget(owner);
  assert.deepEqual(
    registry.list().map((k) => k.keyId),
    [editor.keyId],
  );
});
