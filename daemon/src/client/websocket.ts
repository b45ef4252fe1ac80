/**
 * The clients' WebSocket (RFC 6455) over node:net: the opening handshake, masked text frames out,
 * text messages in (whole or fragmented), ping → pong and the closing handshake. No extensions,
 * no subprotocol, no binary messages: the daemon speaks JSON text. It replaces the `ws` package on
 * the client side because a hook process, started for every tool call, paid ~7 ms to load what
 * `ws` loads (http, https, tls, zlib, streams); the daemon's server side keeps `ws`.
 *
 * Fails closed: whatever breaks the protocol (a bad handshake, a masked or reserved frame, an
 * oversized or invalid message, a lost connection) ends the connection with `onClose` saying why,
 * and nothing after it is delivered. Callers treat an end before an answer as no answer.
 */
import { isUtf8 } from 'node:buffer';
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';

/** The largest message taken from the daemon (a whole message, fragments summed): `ws`'s default. */
export const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;
/** The response to the upgrade request, headers included, may not be longer. */
const MAX_HANDSHAKE_BYTES = 16 * 1024;
const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Close codes (RFC 6455 §7.4.1) this client sends. */
export const CLOSE_CODE = {
  normal: 1000,
  protocolError: 1002,
  unsupportedData: 1003,
  /** no close frame came: the connection was lost, or ended by this side without a handshake */
  abnormal: 1006,
  invalidData: 1007,
  tooBig: 1009,
} as const;

const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface WebSocketEvents {
  /** connected, the upgrade request (and first message) written: until the answer, time is free */
  onConnect?(): void;
  /** the handshake succeeded: `send` may be used */
  onOpen(): void;
  /** a whole text message */
  onMessage(text: string): void;
  /**
   * Once, last: the code and reason of the peer's close frame, or `abnormal` (1006) when none came.
   * `error` says what went wrong when the connection failed rather than closed.
   */
  onClose(code: number, reason: string, error?: Error): void;
}

export interface WebSocketOptions {
  /** extra request headers (Authorization) */
  headers?: Record<string, string>;
  /** how long the TCP connect and the upgrade may take */
  handshakeTimeoutMs?: number;
  /** how long to wait for the peer's close frame after sending ours, before cutting the connection */
  closeTimeoutMs?: number;
  /** the largest message accepted from the peer */
  maxMessageBytes?: number;
  /**
   * A first text message, written with the upgrade request (one write, one round trip fewer).
   * Only for what may go to whoever answers the upgrade: a 101 proves nothing about who it is.
   */
  firstMessage?: string;
}

export type WebSocketState = 'connecting' | 'open' | 'closing' | 'closed';

export interface ClientWebSocket {
  readonly state: WebSocketState;
  /** send a text message; ignored once closing (the close tells the caller) */
  send(text: string): void;
  /** start the closing handshake; `onClose` follows once the peer answered (or did not in time) */
  close(code?: number, reason?: string): void;
  /** end the connection now, without a handshake */
  terminate(): void;
}

/** A protocol violation by the peer, with the close code that answers it. */
class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Received bytes not yet parsed, kept as chunks: a big message is copied once, not on every read. */
class Incoming {
  private chunks: Buffer[] = [];
  size = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  /** The first `n` bytes (n ≤ size), contiguous, left in place. */
  peek(n: number): Buffer {
    if (this.chunks[0]!.length < n) {
      // join only the chunks that hold those bytes
      let count = 0;
      for (let bytes = 0; bytes < n; count++) bytes += this.chunks[count]!.length;
      this.chunks.splice(0, count, Buffer.concat(this.chunks.slice(0, count)));
    }
    return this.chunks[0]!;
  }

  /** The first `n` bytes (n ≤ size), removed. */
  take(n: number): Buffer {
    this.size -= n;
    const first = this.chunks[0];
    if (first === undefined || n === 0) return Buffer.alloc(0);
    if (first.length === n) return this.chunks.shift()!;
    if (first.length > n) {
      this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const chunk = this.chunks[0]!;
      const part = Math.min(chunk.length, n - at);
      chunk.copy(out, at, 0, part);
      at += part;
      if (part === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(part);
    }
    return out;
  }
}

/** A frame from this client: FIN set, masked with a fresh key (RFC 6455 §5.3). */
export function clientFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const headerLength = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + 4 + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) frame[1] = 0x80 | length;
  else if (length < 0x10000) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  const mask = randomFillSync(frame, headerLength, 4).subarray(headerLength, headerLength + 4);
  const start = headerLength + 4;
  for (let i = 0; i < length; i++) frame[start + i] = payload[i]! ^ mask[i & 3]!;
  return frame;
}

/** A close frame's payload: the code, then the reason cut to fit a control frame (125 bytes). */
function closePayload(code: number, reason: string): Buffer {
  const text = Buffer.from(reason, 'utf8').subarray(0, 123);
  const payload = Buffer.allocUnsafe(2 + text.length);
  payload.writeUInt16BE(code, 0);
  text.copy(payload, 2);
  return payload;
}

/** The codes a peer may put in a close frame (RFC 6455 §7.4; 1005 and 1006 are never sent). */
function validCloseCode(code: number): boolean {
  return (
    (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
    (code >= 3000 && code <= 4999)
  );
}

/**
 * Open a WebSocket to `url` (ws://host:port/path). Events arrive through `events`; `onClose` is
 * called exactly once, whatever happens, and nothing after it.
 */
export function openWebSocket(
  url: string,
  options: WebSocketOptions,
  events: WebSocketEvents,
): ClientWebSocket {
  const maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  let state: WebSocketState = 'connecting';
  let closeSent = false;
  let closeTimer: NodeJS.Timeout | undefined;

  let target: URL;
  try {
    target = new URL(url);
    if (target.protocol !== 'ws:') throw new Error(`only ws:// is supported, not ${target.protocol}`);
  } catch (error) {
    const failed: ClientWebSocket = { state: 'closed', send() {}, close() {}, terminate() {} };
    queueMicrotask(() =>
      events.onClose(
        CLOSE_CODE.abnormal,
        '',
        new Error(`bad WebSocket URL \`${url}\`: ${(error as Error).message}`),
      ),
    );
    return failed;
  }
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(target.port || 80);
  const key = randomBytes(16).toString('base64');
  const expectedAccept = createHash('sha1')
    .update(key + ACCEPT_GUID)
    .digest('base64');

  const headerLines = Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}`);
  if (headerLines.some((line) => /[\r\n]/.test(line))) throw new Error('a request header has a line break');
  const request = [
    `GET ${target.pathname}${target.search} HTTP/1.1`,
    `Host: ${target.host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${key}`,
    'Sec-WebSocket-Version: 13',
    ...headerLines,
    '',
    '',
  ].join('\r\n');
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 5000;
  const socket: Socket = netConnect({ host, port, noDelay: true });
  const handshakeTimer = setTimeout(
    () => fail(new Error(`no WebSocket handshake within ${handshakeTimeoutMs / 1000} s`)),
    handshakeTimeoutMs,
  );
  // One write: the first message travels with the request, in the same segment.
  socket.write(
    options.firstMessage === undefined
      ? request
      : Buffer.concat([
          Buffer.from(request, 'latin1'),
          clientFrame(OPCODE.text, Buffer.from(options.firstMessage, 'utf8')),
        ]),
  );

  const incoming = new Incoming();
  /** the fragments of a message not yet finished */
  let fragments: Buffer[] | undefined;
  let fragmentBytes = 0;

  /** Report the end once; cut the socket (after a last frame, if one is owed). */
  const finish = (code: number, reason: string, error?: Error) => {
    if (state === 'closed') return;
    state = 'closed';
    clearTimeout(handshakeTimer);
    clearTimeout(closeTimer);
    socket.destroy();
    events.onClose(code, reason, error);
  };

  /** Fail the connection (RFC 6455 §7.1.7): say why in a close frame if open, then cut it. */
  function fail(error: Error, code: number = CLOSE_CODE.protocolError) {
    if (state === 'closed') return;
    if (state !== 'connecting' && !closeSent && !socket.destroyed) {
      closeSent = true;
      socket.write(clientFrame(OPCODE.close, closePayload(code, error.message)));
    }
    finish(CLOSE_CODE.abnormal, '', error);
  }

  const handshake = (): void => {
    const text = incoming.peek(incoming.size).toString('latin1');
    const end = text.indexOf('\r\n\r\n');
    if (end < 0) {
      if (incoming.size > MAX_HANDSHAKE_BYTES)
        throw new ProtocolError(
          CLOSE_CODE.protocolError,
          `the handshake response is longer than ${MAX_HANDSHAKE_BYTES} bytes`,
        );
      return;
    }
    const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
    incoming.take(end + 4);
    const status = /^HTTP\/1\.1 (\d{3})(?: (.*))?$/.exec(statusLine);
    if (!status)
      throw new ProtocolError(
        CLOSE_CODE.protocolError,
        `not an HTTP response: ${JSON.stringify(statusLine.slice(0, 80))}`,
      );
    if (status[1] !== '101')
      throw new ProtocolError(CLOSE_CODE.protocolError, `HTTP ${status[1]} ${status[2] ?? ''}`.trim());
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0)
        throw new ProtocolError(CLOSE_CODE.protocolError, `a malformed header in the handshake response`);
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    if (headers.get('upgrade')?.toLowerCase() !== 'websocket')
      throw new ProtocolError(
        CLOSE_CODE.protocolError,
        'the handshake response does not upgrade to websocket',
      );
    if (
      !(headers.get('connection') ?? '')
        .toLowerCase()
        .split(/\s*,\s*/)
        .includes('upgrade')
    )
      throw new ProtocolError(CLOSE_CODE.protocolError, 'the handshake response lacks `Connection: Upgrade`');
    if (headers.get('sec-websocket-accept') !== expectedAccept)
      throw new ProtocolError(
        CLOSE_CODE.protocolError,
        'the handshake response has a wrong Sec-WebSocket-Accept',
      );
    // Nothing was offered or asked for: an extension or subprotocol imposed would change the frames.
    if (headers.has('sec-websocket-extensions'))
      throw new ProtocolError(CLOSE_CODE.protocolError, 'the server chose an extension none was offered');
    if (headers.has('sec-websocket-protocol'))
      throw new ProtocolError(CLOSE_CODE.protocolError, 'the server chose a subprotocol none was asked for');
    clearTimeout(handshakeTimer);
    state = 'open';
    events.onOpen();
  };

  /** Parse and act on every whole frame received, until the connection ends. */
  const frames = (): void => {
    while (state === 'open' || state === 'closing') {
      if (incoming.size < 2) return;
      const head = incoming.peek(Math.min(incoming.size, 10));
      const fin = (head[0]! & 0x80) !== 0;
      const opcode = head[0]! & 0x0f;
      if ((head[0]! & 0x70) !== 0)
        throw new ProtocolError(
          CLOSE_CODE.protocolError,
          'a frame has reserved bits set (no extension was agreed)',
        );
      if ((head[1]! & 0x80) !== 0)
        throw new ProtocolError(CLOSE_CODE.protocolError, 'a frame from the server is masked');
      let length = head[1]! & 0x7f;
      let headerLength = 2;
      if (length === 126) {
        if (incoming.size < 4) return;
        length = head.readUInt16BE(2);
        headerLength = 4;
      } else if (length === 127) {
        if (incoming.size < 10) return;
        const high = head.readUInt32BE(2);
        if (high & 0x80000000)
          throw new ProtocolError(CLOSE_CODE.protocolError, 'a frame length has its top bit set');
        length = high * 2 ** 32 + head.readUInt32BE(6);
        headerLength = 10;
      }
      const control = opcode >= 0x8;
      if (control) {
        if (opcode !== OPCODE.close && opcode !== OPCODE.ping && opcode !== OPCODE.pong)
          throw new ProtocolError(CLOSE_CODE.protocolError, `a frame has the unknown opcode ${opcode}`);
        if (!fin) throw new ProtocolError(CLOSE_CODE.protocolError, 'a control frame is fragmented');
        if (length > 125)
          throw new ProtocolError(CLOSE_CODE.protocolError, 'a control frame is longer than 125 bytes');
      } else {
        if (opcode > OPCODE.binary)
          throw new ProtocolError(CLOSE_CODE.protocolError, `a frame has the unknown opcode ${opcode}`);
        if (opcode === OPCODE.binary)
          throw new ProtocolError(
            CLOSE_CODE.unsupportedData,
            'the server sent a binary message; the daemon speaks JSON text',
          );
        if (opcode === OPCODE.continuation && fragments === undefined)
          throw new ProtocolError(
            CLOSE_CODE.protocolError,
            'a continuation frame came with no message to continue',
          );
        if (opcode === OPCODE.text && fragments !== undefined)
          throw new ProtocolError(
            CLOSE_CODE.protocolError,
            'a new message began before the last one was finished',
          );
        // Refused before it is buffered: an endless message must not fill memory first.
        if (fragmentBytes + length > maxMessageBytes)
          throw new ProtocolError(
            CLOSE_CODE.tooBig,
            `a message from the server is larger than ${maxMessageBytes} bytes`,
          );
      }
      if (incoming.size < headerLength + length) return;
      incoming.take(headerLength);
      const payload = incoming.take(length);
      if (control) onControl(opcode, payload);
      else onData(fin, payload);
    }
  };

  const onData = (fin: boolean, payload: Buffer) => {
    if (!fin || fragments !== undefined) {
      fragments ??= [];
      fragments.push(payload);
      fragmentBytes += payload.length;
      if (!fin) return;
      payload = Buffer.concat(fragments, fragmentBytes);
      fragments = undefined;
      fragmentBytes = 0;
    }
    if (!isUtf8(payload))
      throw new ProtocolError(CLOSE_CODE.invalidData, 'a text message is not valid UTF-8');
    // Once this side asked to close, what still arrives is delivered: it may be an answer.
    events.onMessage(payload.toString('utf8'));
  };

  const onControl = (opcode: number, payload: Buffer) => {
    if (opcode === OPCODE.ping) {
      if (!closeSent) socket.write(clientFrame(OPCODE.pong, payload));
      return;
    }
    if (opcode === OPCODE.pong) return;
    // close
    if (payload.length === 1)
      throw new ProtocolError(CLOSE_CODE.protocolError, 'a close frame has a one-byte payload');
    const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
    if (payload.length >= 2 && !validCloseCode(code))
      throw new ProtocolError(CLOSE_CODE.protocolError, `a close frame has the invalid code ${code}`);
    const reasonBytes = payload.subarray(2);
    if (!isUtf8(reasonBytes))
      throw new ProtocolError(CLOSE_CODE.invalidData, 'a close reason is not valid UTF-8');
    // The answer to a close is a close (RFC 6455 §5.5.1); after both, nothing more can come: done.
    if (!closeSent) {
      closeSent = true;
      socket.end(clientFrame(OPCODE.close, payload.length >= 2 ? payload.subarray(0, 2) : Buffer.alloc(0)));
    }
    const reason = reasonBytes.toString('utf8');
    if (state === 'closed') return;
    state = 'closed';
    clearTimeout(closeTimer);
    // Our close frame (if owed) goes out before the socket is cut.
    if (socket.writableEnded && !socket.writableFinished) socket.once('finish', () => socket.destroy());
    else socket.destroy();
    events.onClose(code, reason);
  };

  // Registered after the write: it runs once the request has been flushed to the socket.
  socket.once('connect', () => {
    if (state === 'connecting') events.onConnect?.();
  });
  socket.on('data', (chunk: Buffer) => {
    if (state === 'closed') return;
    incoming.push(chunk);
    try {
      if (state === 'connecting') handshake();
      frames();
    } catch (error) {
      fail(error as Error, error instanceof ProtocolError ? error.code : CLOSE_CODE.protocolError);
    }
  });
  socket.on('error', (error) => fail(error));
  socket.on('close', () =>
    finish(
      CLOSE_CODE.abnormal,
      '',
      state === 'connecting' ? new Error('the connection closed before the WebSocket handshake') : undefined,
    ),
  );

  return {
    get state() {
      return state;
    },
    send(text) {
      if (state === 'connecting') throw new Error('the WebSocket is not open yet');
      if (state !== 'open' || closeSent) return;
      socket.write(clientFrame(OPCODE.text, Buffer.from(text, 'utf8')));
    },
    close(code = CLOSE_CODE.normal, reason = '') {
      if (state === 'connecting') return fail(new Error('the connection was closed before it opened'));
      if (state !== 'open') return;
      state = 'closing';
      closeSent = true;
      socket.write(clientFrame(OPCODE.close, closePayload(code, reason)));
      closeTimer = setTimeout(
        () => finish(CLOSE_CODE.abnormal, '', new Error('the peer did not answer the close in time')),
        options.closeTimeoutMs ?? 5000,
      );
    },
    terminate() {
      finish(CLOSE_CODE.abnormal, '');
    },
  };
}
