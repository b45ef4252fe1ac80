/**
 * The clients' WebSocket (client/websocket.ts) against `ws`'s server (what the daemon runs) and
 * against raw TCP servers that break the protocol on purpose: every violation ends the connection
 * with an error that says what, and no message of a broken connection is delivered.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import {
  openWebSocket,
  type ClientWebSocket,
  type WebSocketOptions,
} from '../../daemon/src/client/websocket.js';
import { connect, DaemonUnavailableError } from '../../daemon/src/client/client.js';

interface Ended {
  code: number;
  reason: string;
  error?: Error;
}

/** Open a client socket and collect what it hears. */
function open(url: string, options: WebSocketOptions = {}) {
  const messages: string[] = [];
  const events: string[] = [];
  let opened!: () => void;
  let ended!: (end: Ended) => void;
  const result = {
    messages,
    events,
    opened: new Promise<void>((resolve) => (opened = resolve)),
    ended: new Promise<Ended>((resolve) => (ended = resolve)),
  };
  const socket: ClientWebSocket = openWebSocket(url, options, {
    onConnect: () => events.push('connect'),
    onOpen: () => {
      events.push('open');
      opened();
    },
    onMessage: (text) => messages.push(text),
    onClose: (code, reason, error) => ended({ code, reason, ...(error ? { error } : {}) }),
  });
  return { ...result, socket };
}

const accept = (key: string) =>
  createHash('sha1')
    .update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
    .digest('base64');

/** A frame as a server sends it (unmasked unless `mask`), with any header bits the test wants. */
function serverFrame(
  opcode: number,
  payload: Buffer | string,
  options: { fin?: boolean; rsv?: number; mask?: boolean; claimedLength?: number } = {},
): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const length = options.claimedLength ?? body.length;
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | opcode;
  const maskBit = options.mask ? 0x80 : 0;
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, maskBit | length]);
  else if (length < 0x10000) {
    header = Buffer.from([first, maskBit | 126, 0, 0]);
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = options.mask ? Buffer.from([1, 2, 3, 4]) : Buffer.alloc(0);
  const masked = options.mask ? Buffer.from(body.map((b, i) => b ^ mask[i & 3]!)) : body;
  return Buffer.concat([header, mask, masked]);
}

/** Frames a client sent, unmasked; each must be masked (RFC 6455 §5.1). */
function clientFrames(data: Buffer): Array<{ opcode: number; fin: boolean; payload: Buffer }> {
  const frames = [];
  let at = 0;
  while (at < data.length) {
    const fin = (data[at]! & 0x80) !== 0;
    const opcode = data[at]! & 0x0f;
    assert.equal(data[at + 1]! & 0x80, 0x80, 'a client frame is masked');
    let length = data[at + 1]! & 0x7f;
    at += 2;
    if (length === 126) {
      length = data.readUInt16BE(at);
      at += 2;
    } else if (length === 127) {
      length = Number(data.readBigUInt64BE(at));
      at += 8;
    }
    const mask = data.subarray(at, at + 4);
    at += 4;
    const payload = Buffer.from(data.subarray(at, at + length).map((b, i) => b ^ mask[i & 3]!));
    at += length;
    frames.push({ opcode, fin, payload });
  }
  return frames;
}

/**
 * A raw TCP server: reads the upgrade request, answers with `response(key)` (a correct 101 by
 * default), then lets `script` write what it wants. Resolves the bytes the client sent after the request.
 */
async function rawServer(
  script: (socket: Socket, afterRequest: Buffer) => void,
  response: (key: string) => string = (key) =>
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept(key)}\r\n\r\n`,
): Promise<{
  url: string;
  server: Server;
  received: () => Buffer;
  request: () => string;
  /** the first connection's end, seen from the server: what the client sent has all arrived */
  gone: Promise<void>;
}> {
  let received = Buffer.alloc(0);
  let request = '';
  let gone!: () => void;
  const goneSeen = new Promise<void>((resolve) => (gone = resolve));
  const server = createServer((socket) => {
    socket.once('close', () => gone());
    let buffered = Buffer.alloc(0);
    let upgraded = false;
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      if (upgraded) {
        received = Buffer.concat([received, chunk]);
        return;
      }
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      upgraded = true;
      request = buffered.subarray(0, end).toString('latin1');
      received = buffered.subarray(end + 4);
      const key = /sec-websocket-key: (\S+)/i.exec(request)?.[1] ?? '';
      socket.write(response(key));
      script(socket, received);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    received: () => received,
    request: () => request,
    gone: goneSeen,
  };
}

/** Each violation: what the server does after a correct handshake, and what the client must say. */
const violations: Array<[string, (socket: Socket) => void, RegExp, number?]> = [
  ['a masked frame', (s) => s.write(serverFrame(1, 'hi', { mask: true })), /masked/],
  ['reserved bits', (s) => s.write(serverFrame(1, 'hi', { rsv: 4 })), /reserved bits/],
  ['an unknown data opcode', (s) => s.write(serverFrame(3, 'hi')), /unknown opcode 3/],
  ['an unknown control opcode', (s) => s.write(serverFrame(0xb, 'hi')), /unknown opcode 11/],
  ['a binary message', (s) => s.write(serverFrame(2, 'hi')), /binary/, 1003],
  ['invalid UTF-8', (s) => s.write(serverFrame(1, Buffer.from([0xc3, 0x28]))), /UTF-8/, 1007],
  ['a continuation with nothing to continue', (s) => s.write(serverFrame(0, 'x')), /continuation/],
  [
    'a new message inside a fragmented one',
    (s) => s.write(Buffer.concat([serverFrame(1, 'a', { fin: false }), serverFrame(1, 'b')])),
    /began before the last one was finished/,
  ],
  [
    'a fragmented control frame',
    (s) => s.write(serverFrame(9, 'x', { fin: false })),
    /control frame is fragmented/,
  ],
  ['a control frame over 125 bytes', (s) => s.write(serverFrame(9, 'x'.repeat(126))), /longer than 125/],
  [
    'a 64-bit length with its top bit set',
    (s) => s.write(Buffer.from([0x81, 127, 0x80, 0, 0, 0, 0, 0, 0, 1])),
    /top bit/,
  ],
  [
    'an oversized message, refused from its header alone',
    (s) => s.write(serverFrame(1, '', { claimedLength: 5000 })),
    /larger than 1024 bytes/,
    1009,
  ],
  [
    'an oversized fragmented message',
    (s) =>
      s.write(
        Buffer.concat([serverFrame(1, 'x'.repeat(1000), { fin: false }), serverFrame(0, 'y'.repeat(100))]),
      ),
    /larger than 1024 bytes/,
    1009,
  ],
  ['a one-byte close payload', (s) => s.write(serverFrame(8, Buffer.from([3]))), /one-byte payload/],
  ['an invalid close code', (s) => s.write(serverFrame(8, Buffer.from([0x03, 0xed]))), /invalid code 1005/],
  ['garbage', (s) => s.write(Buffer.from('this is not a frame at all')), /reserved bits|masked|opcode/],
];

for (const [name, misbehave, why, code = 1002] of violations)
  test(`websocket client: ${name} fails the connection, saying so, and nothing is delivered`, async () => {
    const { url, server, received, gone } = await rawServer((socket) => misbehave(socket));
    try {
      const client = open(url, { maxMessageBytes: 1024 });
      const ended = await client.ended;
      await gone;
      assert.equal(ended.code, 1006);
      assert.match(ended.error?.message ?? '', why);
      assert.deepEqual(client.messages, []);
      assert.equal(client.socket.state, 'closed');
      // the client says why in a close frame before it cuts the connection (if the cut lets it through)
      const close = clientFrames(received()).find((frame) => frame.opcode === 8);
      if (close) assert.equal(close.payload.readUInt16BE(0), code);
    } finally {
      server.close();
    }
  });

const badHandshakes: Array<[string, (key: string) => string, RegExp]> = [
  [
    'a wrong Sec-WebSocket-Accept',
    () =>
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAA\r\n\r\n',
    /wrong Sec-WebSocket-Accept/,
  ],
  [
    'a refusal',
    () => 'HTTP/1.1 401 Unauthorized: no\r\nContent-Length: 0\r\n\r\n',
    /^HTTP 401 Unauthorized: no$/,
  ],
  [
    'no Upgrade header',
    (key) =>
      `HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept(key)}\r\n\r\n`,
    /does not upgrade to websocket/,
  ],
  [
    'an extension nobody offered',
    (key) =>
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept(key)}\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n`,
    /extension/,
  ],
  [
    'a subprotocol nobody asked for',
    (key) =>
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept(key)}\r\nSec-WebSocket-Protocol: chat\r\n\r\n`,
    /subprotocol/,
  ],
  ['garbage instead of HTTP', () => 'SSH-2.0-OpenSSH_9.6\r\n\r\n', /not an HTTP response/],
  [
    'an endless header',
    () => `HTTP/1.1 101 Switching Protocols\r\nX: ${'x'.repeat(20_000)}`,
    /longer than 16384/,
  ],
];

for (const [name, response, why] of badHandshakes)
  test(`websocket client: a handshake with ${name} fails before anything opens`, async () => {
    let opened = false;
    const { url, server } = await rawServer(() => {}, response);
    try {
      const client = open(url);
      void client.opened.then(() => (opened = true));
      const ended = await client.ended;
      assert.match(ended.error?.message ?? '', why);
      assert.equal(opened, false);
    } finally {
      server.close();
    }
  });

test('websocket client: a server that accepts TCP and says nothing fails the handshake in time', async () => {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const client = open(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      handshakeTimeoutMs: 50,
    });
    assert.match((await client.ended).error?.message ?? '', /no WebSocket handshake within 0.05 s/);
  } finally {
    server.close();
  }
});

test('websocket client: nothing listening is an error, not a hang', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  const ended = await open(`ws://127.0.0.1:${port}`).ended;
  assert.match(ended.error?.message ?? '', /ECONNREFUSED/);
});

test('websocket client: fragments make one message, pings between them are answered, frames split anywhere', async () => {
  const text = 'héllo wörld ✓ '.repeat(20);
  const bytes = Buffer.from(text);
  const { url, server, received, gone } = await rawServer((socket) => {
    const wire = Buffer.concat([
      serverFrame(1, bytes.subarray(0, 7), { fin: false }), // cuts a multi-byte character
      serverFrame(9, 'ping!'),
      serverFrame(0, bytes.subarray(7, 200), { fin: false }),
      serverFrame(0, bytes.subarray(200)),
      serverFrame(1, 'x'.repeat(70_000)), // a 64-bit length
      serverFrame(1, 'y'.repeat(300)), // a 16-bit length
      serverFrame(8, Buffer.concat([Buffer.from([0x03, 0xe8]), Buffer.from('bye')])),
    ]);
    // a byte at a time for the first frames: every header and payload boundary is crossed
    for (let i = 0; i < 40; i++) socket.write(wire.subarray(i, i + 1));
    socket.write(wire.subarray(40));
  });
  try {
    const client = open(url);
    const ended = await client.ended;
    assert.deepEqual(ended, { code: 1000, reason: 'bye' });
    assert.deepEqual(client.messages, [text, 'x'.repeat(70_000), 'y'.repeat(300)]);
    await gone;
    const frames = clientFrames(received());
    assert.deepEqual(
      frames.map((f) => [f.opcode, f.payload.toString('latin1')]),
      [
        [0xa, 'ping!'],
        [8, '\u0003\u00e8'],
      ],
      'a pong with the ping’s payload, then the close echoed',
    );
  } finally {
    server.close();
  }
});

test('websocket client: a close or a lost connection in the middle of a message delivers nothing of it', async () => {
  for (const end of [
    (s: Socket) =>
      s.end(
        Buffer.concat([serverFrame(1, 'half', { fin: false }), serverFrame(8, Buffer.from([0x03, 0xe9]))]),
      ),
    (s: Socket) => s.end(serverFrame(1, 'a message cut short').subarray(0, 8)),
  ]) {
    const { url, server } = await rawServer(end);
    try {
      const client = open(url);
      const ended = await client.ended;
      assert.ok(ended.code === 1001 || ended.code === 1006, `code ${ended.code}`);
      assert.deepEqual(client.messages, []);
    } finally {
      server.close();
    }
  }
});

test('websocket client: the first message goes with the request, masked; headers are sent as given', async () => {
  const { url, server, received, request, gone } = await rawServer((socket) =>
    socket.write(serverFrame(1, 'welcome')),
  );
  try {
    const client = open(`${url}/path?x=1`, {
      firstMessage: '{"type":"hello"}',
      headers: { authorization: 'Bearer t' },
      closeTimeoutMs: 50,
    });
    await client.opened;
    while (client.messages.length === 0) await new Promise((resolve) => setImmediate(resolve));
    client.socket.send('second');
    client.socket.close(1000, 'done');
    assert.deepEqual(
      client.events,
      ['connect', 'open'],
      'told when the request is out, then when it is answered',
    );
    assert.match(request(), /^GET \/path\?x=1 HTTP\/1\.1\r\n/);
    assert.match(request(), /\r\nauthorization: Bearer t(\r\n|$)/);
    assert.match(request(), /\r\nSec-WebSocket-Version: 13(\r\n|$)/);
    assert.doesNotMatch(request(), /Sec-WebSocket-Extensions/);
    // the server never answers the close: the client gives up on its own
    const ended = await client.ended;
    assert.equal(ended.code, 1006);
    assert.match(ended.error?.message ?? '', /did not answer the close/);
    await gone;
    assert.deepEqual(
      clientFrames(received()).map((f) => [f.opcode, f.payload.toString('latin1')]),
      [
        [1, '{"type":"hello"}'],
        [1, 'second'],
        [8, '\u0003\u00e8done'],
      ],
    );
  } finally {
    server.close();
  }
});

test('websocket client: against ws’s server (the daemon’s), both ways, big and small, and a clean close', async () => {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const closes: Array<[number, string]> = [];
  server.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      assert.equal(isBinary, false);
      const text = (data as Buffer).toString('utf8');
      if (text === 'fragments') {
        socket.send('part one, ', { fin: false });
        socket.send('part two', { fin: true });
      } else socket.send(`echo:${text}`);
    });
    socket.on('close', (code, reason) => closes.push([code, reason.toString()]));
    socket.ping('are you there');
  });
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const client = open(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      firstMessage: 'first',
    });
    await client.opened;
    const big = 'z'.repeat(200_000);
    client.socket.send(big);
    client.socket.send('fragments');
    client.socket.send('ünïcödé');
    while (client.messages.length < 4) await new Promise((resolve) => setImmediate(resolve));
    client.socket.close(1000, 'finished');
    assert.deepEqual(await client.ended, { code: 1000, reason: 'finished' });
    assert.deepEqual(client.messages, ['echo:first', `echo:${big}`, 'part one, part two', 'echo:ünïcödé']);
    while (closes.length === 0) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(closes, [[1000, 'finished']]);
  } finally {
    server.close();
  }
});

test('client: a protocol violation before the welcome or while a decision is awaited fails, never allows', async () => {
  // before the welcome: connect() refuses
  const before = await rawServer((socket) => socket.write(serverFrame(1, 'x', { mask: true })));
  try {
    await assert.rejects(
      connect({ url: before.url, token: 't', timeoutMs: 5000 }),
      (error: Error) =>
        error instanceof DaemonUnavailableError && /cannot reach the aarm daemon.*masked/.test(error.message),
    );
  } finally {
    before.server.close();
  }
  // after it: the submit waiting for its decision fails
  const welcome = JSON.stringify({
    type: 'welcome',
    protocol: 1,
    daemon: { version: 'x' },
    role: 'agent',
    session: 's',
  });
  const after = await rawServer((socket) => {
    socket.write(serverFrame(1, welcome));
    socket.on('data', () => socket.write(serverFrame(1, Buffer.from([0xff, 0xfe]))));
  });
  try {
    const client = await connect({ url: after.url, token: 't', timeoutMs: 5000 });
    await assert.rejects(
      client.submit({ tool: 'shell', operation: 'exec', parameters: { command: 'ls', cwd: '/w' } }),
      /the connection to the daemon failed: a text message is not valid UTF-8/,
    );
    await client.close();
  } finally {
    after.server.close();
  }
});
