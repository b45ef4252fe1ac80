/**
 * The WebSocket transport: upgrade (admission, role from the token), frames ↔ gate, a hello
 * deadline against slow-loris, and a heartbeat that cuts peers which stopped answering pings.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE, MAX_FRAME_BYTES, frameText } from '../protocol/index.js';
import type { Caller, Link } from '../gate/caller.js';
import type { Gate } from '../gate/gate.js';
import type { Admission } from './admission.js';

export interface WebSocketTransport {
  /** Close every connection (going away); cut those that do not close within a second. */
  close(reason: string): Promise<void>;
  /** Cut every connection now (the daemon cannot go on). */
  terminateAll(): void;
}

export function attachWebSockets(
  server: Server,
  options: {
    gate: Gate;
    admission: Admission;
    slowClientMs: number;
    heartbeatMs: number;
    log: (line: string) => void;
  },
): WebSocketTransport {
  const { gate } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const sockets = new Map<WebSocket, { caller: Caller; alive: boolean }>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const admitted = options.admission.admit(req);
    if (!admitted.ok) return reject(socket, 403, `Forbidden: ${admitted.error}`);
    const role = admitted.role;
    if (role === undefined) return reject(socket, 401, 'Unauthorized: missing, wrong or reused credential');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const peer = {
        caller: gate.connect(webSocketLink(ws, options.log), role, {
          ...(req.socket.remotePort ? { peerPort: req.socket.remotePort } : {}),
        }),
        alive: true,
      };
      sockets.set(ws, peer);
      serve(ws, peer.caller, () => (peer.alive = true));
    });
  });

  const serve = (socket: WebSocket, caller: Caller, alive: () => void) => {
    // A connection that never says hello holds a socket for nothing: cut it.
    const helloTimer = setTimeout(() => {
      if (caller.hello === undefined) socket.close(CLOSE.helloRequired, 'no hello in time');
    }, options.slowClientMs);
    socket.on('pong', alive);
    socket.on('message', (data, isBinary) => {
      if (isBinary)
        gate.send(caller, {
          type: 'error',
          code: 'bad_message',
          message: 'binary frames are not accepted; send JSON text',
        });
      else gate.handle(caller, frameText(data));
    });
    socket.on('error', (error) => options.log(`connection error: ${error.message}`));
    socket.on('close', () => {
      clearTimeout(helloTimer);
      sockets.delete(socket);
      gate.disconnect(caller);
    });
  };

  const heartbeat = setInterval(() => {
    for (const [socket, peer] of sockets) {
      if (!peer.alive) {
        socket.terminate();
        continue;
      }
      peer.alive = false;
      socket.ping();
    }
  }, options.heartbeatMs);
  heartbeat.unref();

  return {
    terminateAll: () => {
      for (const socket of sockets.keys()) socket.terminate();
    },
    async close(reason) {
      clearInterval(heartbeat);
      for (const socket of sockets.keys()) socket.close(CLOSE.goingAway, reason);
      const deadline = setTimeout(() => {
        for (const socket of sockets.keys()) socket.terminate();
      }, 1000);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      clearTimeout(deadline);
    },
  };
}

/** What may wait unsent for one peer; a client that stops reading is cut, not buffered for. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

function webSocketLink(socket: WebSocket, log: (line: string) => void): Link {
  return {
    send: (message) => {
      if (socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        log(`a client read nothing while ${socket.bufferedAmount} bytes waited for it; it is cut off`);
        socket.terminate();
        return;
      }
      socket.send(JSON.stringify(message));
    },
    close: (code, reason) => socket.close(code, reason),
  };
}

function reject(socket: Duplex, status: number, text: string) {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}
