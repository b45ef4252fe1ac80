/**
 * Property-based tests (fast-check) over the protocol and the shell analyser: whatever arrives,
 * nothing crashes or hangs, every malformed input gets an error (and an action that cannot be
 * judged a deny), and the daemon keeps serving. Runs are seeded by fast-check and print the seed
 * and the shrunk counterexample when they fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import WebSocket from 'ws';
import { analyseShell } from '../../daemon/src/mediation/shell/analyse.js';
import type { ServerMessage } from '../../daemon/src/protocol/index.js';
import { createPackJudge } from '../helpers/pack.js';
import { startTestDaemon, tempDir } from '../helpers/env.js';

const WORKSPACE = '/work/project';
const HOME = '/home/dev';

/** Shell-looking text: words, operators, quotes, expansions, in any order. */
const shellish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'ls',
        'rm',
        '-rf',
        '~',
        '/',
        'git',
        'push',
        'curl',
        'sh',
        'bash',
        '-c',
        'eval',
        'sudo',
        'xargs',
      ),
      fc.constantFrom('|', '||', '&&', ';', '&', '>', '>>', '<', '<<EOF', '2>&1', '(', ')', '{', '}', '\n'),
      fc.constantFrom('"', "'", '`', '$(', '${', '$', '\\', '*', '?', '[', ']', '#', '!', '=', '$((', "$'"),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(' '));

test('the shell analyser returns an answer for any text, never throws', () => {
  fc.assert(
    fc.property(
      fc.oneof(shellish, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 80 })),
      (command) => {
        const effects = analyseShell(command, { cwd: WORKSPACE, home: HOME, workspace: WORKSPACE });
        assert.ok(Array.isArray(effects.programs));
      },
    ),
    { numRuns: 1500 },
  );
});

test('any command string gets a decision from the default pack, and unparseable ones are not allowed silently', () => {
  const state = tempDir();
  try {
    const pack = createPackJudge({ home: HOME, workspace: WORKSPACE, stateDir: state.dir });
    fc.assert(
      fc.property(shellish, (command) => {
        const judgement = pack.shell(command);
        assert.ok(['allow', 'deny', 'modify', 'step_up', 'defer'].includes(judgement.decision.decision));
        assert.ok(judgement.decision.rule.length > 0 && judgement.decision.reason.length > 0);
      }),
      { numRuns: 600 },
    );
  } finally {
    state.cleanup();
  }
});

/** An action-shaped value: known tools and operations, parameters of any kind. */
const actionish = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.record({
    tool: fc.constantFrom('shell', 'fs', 'net', 'mcp', 'x'),
    operation: fc.constantFrom('exec', 'read', 'write', 'delete', 'request', 'call', 'x'),
    parameters: fc.dictionary(
      fc.constantFrom('command', 'cwd', 'path', 'url', 'method', 'server', 'tool', 'arguments', 'content'),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.integer(),
        fc.constant(null),
        fc.constant('/etc/passwd'),
        shellish,
      ),
    ),
  }),
);

/** Frames a client might send: JSON of any shape, message-like objects with wrong fields, non-JSON. */
const frame = fc.oneof(
  fc
    .record({ type: fc.constant('submit'), id: fc.string({ minLength: 1, maxLength: 8 }), action: actionish })
    .map((m) => JSON.stringify(m)),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 100 }),
  fc
    .record(
      {
        type: fc.constantFrom(
          'submit',
          'outcome',
          'status',
          'context',
          'approve',
          'propose_rule',
          'grants',
          'revoke',
          'sessions',
          'receipts',
          'hello',
          'nope',
        ),
        id: fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(undefined)),
        action: actionish,
        receiptId: fc.string({ maxLength: 10 }),
        request: fc.string({ maxLength: 20 }),
        limit: fc.oneof(fc.integer(), fc.double()),
      },
      { requiredKeys: ['type'] },
    )
    .map((m) => JSON.stringify(m)),
);

test('the daemon answers every frame without an internal error, and keeps serving', async () => {
  const t = await startTestDaemon({ deferTimeoutMs: 200 });
  const socket = new WebSocket(`ws://127.0.0.1:${t.daemon.port}`, {
    headers: { authorization: `Bearer ${t.daemon.token}` },
  });
  try {
    const replies: ServerMessage[] = [];
    const waiting = new Map<string, () => void>();
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      replies.push(message);
      if (message.type === 'status') waiting.get(message.id)?.();
    });
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'hello', protocol: 1, client: { name: 'fuzzer' }, session: 'fuzz' }));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(frame, async (text) => {
        // The frame, then a status probe: its answer proves the frame was handled and the
        // connection (and the daemon) survived it.
        const probe = `probe-${n++}`;
        const answered = new Promise<void>((resolve) => waiting.set(probe, resolve));
        socket.send(text);
        socket.send(JSON.stringify({ type: 'status', id: probe }));
        await answered;
      }),
      { numRuns: 400 },
    );
    const internal = replies.filter((m) => m.type === 'error' && m.code === 'internal');
    assert.deepEqual(internal, [], 'no frame caused an internal error');
    assert.ok(replies.some((m) => m.type === 'error' && m.code === 'bad_json'));
    assert.ok(replies.some((m) => m.type === 'decision' && m.verdict === 'deny'));
    // A fresh client still gets served.
    const agent = await t.client();
    assert.equal((await agent.status()).type, 'status');
  } finally {
    socket.terminate();
    await t.close();
  }
});
