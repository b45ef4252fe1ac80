/**
 * Messages from the daemon are parsed against their schemas on every client, not cast: an answer a
 * client cannot read fails the request it answers (fail closed) instead of being taken at its word.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseServerMessage } from '../../daemon/src/protocol/index.js';
import { readServerMessage } from '../../daemon/src/protocol/read-message.js';
import { REPO } from '../helpers/env.js';
import { connect } from '../../daemon/src/client/client.js';

const decision = {
  type: 'decision',
  id: '1',
  receiptId: 'rcpt_1',
  verdict: 'allow',
  decision: { decision: 'allow', rule: 'r', reason: 'ok', risk: 'low', layer: 'allow', policyHash: 'h' },
};

test('server messages: each kind is checked against its schema', () => {
  assert.equal(parseServerMessage(JSON.stringify(decision)).ok, true);
  for (const [bad, why] of [
    [{ ...decision, verdict: 'maybe' }, /verdict/],
    [{ ...decision, decision: { ...decision.decision, decision: 'probably' } }, /decision\.decision/],
    [{ type: 'status', id: '1', version: '0.1.0' }, /protocol|pid|message/],
    [{ type: 'party' }, /type/],
  ] as const) {
    const parsed = parseServerMessage(JSON.stringify(bad));
    assert.equal(parsed.ok, false);
    assert.match(!parsed.ok ? parsed.error : '', /the daemon sent a message this client cannot read/);
    assert.match(!parsed.ok ? parsed.error : '', why);
  }
  assert.match((parseServerMessage('{') as { error: string }).error, /not JSON/);
});

test('client: an answer it cannot read fails the request (never an allow)', async () => {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const message = JSON.parse((data as Buffer).toString('utf8')) as { type: string; id?: string };
      if (message.type === 'hello')
        socket.send(
          JSON.stringify({
            type: 'welcome',
            protocol: 1,
            daemon: { version: 'x' },
            role: 'agent',
            session: 's',
          }),
        );
      // an allow without its decision: a cast would have let `verdict: allow` through
      else
        socket.send(JSON.stringify({ type: 'decision', id: message.id, receiptId: 'r', verdict: 'allow' }));
    });
  });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const client = await connect({ url: `ws://127.0.0.1:${port}`, token: 't', timeoutMs: 5000 });
  try {
    await assert.rejects(
      client.submit({ tool: 'shell', operation: 'exec', parameters: { command: 'ls', cwd: '/w' } }),
      /the daemon sent a message this client cannot read \(decision: /,
    );
  } finally {
    await client.close();
    server.close();
  }
});

test('client: call() gives each request its id and returns error answers; onClose says why the connection ended', async () => {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const message = JSON.parse((data as Buffer).toString('utf8')) as { type: string; id?: string };
      if (message.type === 'hello')
        return socket.send(
          JSON.stringify({
            type: 'welcome',
            protocol: 1,
            daemon: { version: 'x' },
            role: 'approver',
            session: 's',
          }),
        );
      socket.send(JSON.stringify({ type: 'error', id: message.id, code: 'forbidden', message: 'no' }));
      socket.close(1001, 'going away');
    });
  });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const client = await connect({ url: `ws://127.0.0.1:${port}`, token: 't' });
  try {
    assert.equal(client.welcome.role, 'approver');
    const closed = new Promise<string>((resolve) => client.onClose(resolve));
    const answer = await client.call({ type: 'grants' });
    assert.deepEqual(answer, { type: 'error', id: 'c1', code: 'forbidden', message: 'no' });
    assert.match(await closed, /the daemon closed the connection \(1001: going away\)/);
    await assert.rejects(client.call({ type: 'status' }), /closed the connection/);
  } finally {
    await client.close();
    server.close();
  }
});

test('the lean client’s check (JSON Schema, no zod) is derived from the zod schemas and agrees with them', async () => {
  const { serverMessageJsonSchema } = await import('../../scripts/server-message-schema.js');
  const committed = JSON.parse(
    readFileSync(join(REPO, 'daemon', 'src', 'protocol', 'server-message.schema.json'), 'utf8'),
  ) as unknown;
  assert.deepEqual(
    committed,
    serverMessageJsonSchema(),
    'run `node --import tsx scripts/server-message-schema.ts > daemon/src/protocol/server-message.schema.json` and prettier',
  );
  const welcome = { type: 'welcome', protocol: 1, daemon: { version: '0.1.0' }, role: 'agent', session: 's' };
  const status = JSON.parse(
    JSON.stringify({
      type: 'status',
      id: '1',
      version: '0.1.0',
      protocol: 1,
      pid: 1,
      port: 1,
      uptimeS: 1,
      home: '/h',
      sessions: 0,
      pendingApprovals: 0,
      deferred: 0,
      receipts: 0,
      policy: { hash: 'h', files: [], errors: [] },
    }),
  ) as Record<string, unknown>;
  const confined = {
    ...decision,
    decision: {
      ...decision.decision,
      confinement: { profile: 'workspace', network: 'proxy', hosts: ['a.example:443'], unsetEnv: ['X'] },
    },
    egress: { socket: '/s/egress/x.sock' },
  };
  const candidates: unknown[] = [
    decision,
    confined,
    welcome,
    status,
    { type: 'ack', id: '1', receiptId: 'r' },
    { type: 'error', id: '1', code: 'bad_message', message: 'm' },
  ];
  for (const message of [decision, confined, welcome, { type: 'ack', id: '1', receiptId: 'r' }])
    assert.ok(readServerMessage(JSON.stringify(message)).ok, JSON.stringify(message));
  // Each message, then each with one field dropped, one field of the wrong type, one field added.
  const variants: unknown[] = [];
  for (const message of candidates) {
    variants.push(message);
    for (const key of Object.keys(message as object)) {
      const { [key]: _dropped, ...rest } = message as Record<string, unknown>;
      variants.push(rest);
      variants.push({ ...(message as object), [key]: 12345 });
      variants.push({ ...(message as object), [key]: 'not-what-it-is' });
    }
    variants.push({ ...(message as object), surprise: true });
    variants.push({ ...(message as object), decision: { ...decision.decision, risk: 'extreme' } });
  }
  const disagreements = variants.filter((variant) => {
    const text = JSON.stringify(variant);
    return parseServerMessage(text).ok !== readServerMessage(text).ok;
  });
  assert.deepEqual(disagreements, []);
  assert.ok(variants.length > 80);
  const bad = readServerMessage(JSON.stringify({ ...decision, verdict: 'maybe' }));
  assert.match(!bad.ok ? bad.error : '', /the daemon sent a message this client cannot read \(verdict: /);
});

test('the check fails closed on a rule it does not know, completes as zod does, and refuses deep nesting', async () => {
  const { checkJson } = await import('../../daemon/src/protocol/json-check.js');
  // A rule it cannot check (a future refine, `z.never`, a tuple) is a rule it refuses everything by.
  assert.match(checkJson({ type: 'object', not: {} }, {}) ?? '', /a rule this client cannot check \(not\)/);
  assert.match(checkJson({ anyOf: [] }, 1) ?? '', /nothing is allowed/);
  assert.match(
    checkJson({ type: 'string', pattern: '\\:' }, 'a') ?? '',
    /does not match/,
    'an invalid pattern fails',
  );
  // Defaults filled and undeclared fields dropped from a plain object, kept out of a strict one.
  const plain = { a: 1, extra: true } as Record<string, unknown>;
  assert.equal(
    checkJson({ type: 'object', properties: { a: { type: 'number' }, s: { default: ['x'] } } }, plain),
    undefined,
  );
  assert.deepEqual(plain, { a: 1, s: ['x'] });
  assert.match(
    checkJson({ type: 'object', properties: { a: {} }, additionalProperties: false }, { a: 1, extra: 1 }) ??
      '',
    /extra: not a field/,
  );
  // An answer to a request carries its id; a broadcast that smuggles one is not an answer.
  const broadcast = readServerMessage(
    JSON.stringify({ type: 'approval_resolved', id: 'c1', approvalId: 'a', status: 'approved' }),
  );
  assert.ok(broadcast.ok);
  assert.equal('id' in broadcast.value, false);
  const deep = `${'['.repeat(20_000)}"x"${']'.repeat(20_000)}`;
  const nested = readServerMessage(
    JSON.stringify({ ...decision, decision: { ...decision.decision, modifiedAction: 'DEEP' } }).replace(
      '"DEEP"',
      deep,
    ),
  );
  assert.match(!nested.ok ? nested.error : '', /nested too deep/);
});
