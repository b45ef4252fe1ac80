/**
 * The daemon's one port on loopback: WebSocket upgrades for every client, and POSTs of Claude
 * Code's HTTP hooks. Slow-loris: headers must arrive within `slowClientMs`, a whole request within 3×.
 */
import { createServer } from 'node:http';
import type { Gate } from '../gate/gate.js';
import { createAdmission, type Credentials } from './admission.js';
import { HOOK_PATH, createHookTransport } from './http-hooks.js';
import { attachWebSockets } from './websocket.js';

export interface Listener {
  port: number;
  /** Stop accepting; `drain` runs once no new caller can arrive, then every connection is closed. */
  close(reason: string, drain: () => Promise<void>): Promise<void>;
  /** The daemon cannot go on: cut every WebSocket, deny every open hook request (settles when they are sent). */
  cutOff(reason: string): Promise<void>;
}

export async function listen(options: {
  gate: Gate;
  credentials: Credentials;
  port: number;
  slowClientMs: number;
  heartbeatMs: number;
  newSession: () => string;
  /** this aarm's CLI by absolute path (Claude Code's confined Bash commands are wrapped in it) */
  cliPath: string;
  log: (line: string) => void;
}): Promise<Listener> {
  const { slowClientMs } = options;
  const admission = createAdmission(options.credentials);
  const hooks = createHookTransport({
    gate: options.gate,
    admission,
    newSession: options.newSession,
    cliPath: options.cliPath,
  });
  const server = createServer(
    {
      headersTimeout: slowClientMs,
      requestTimeout: slowClientMs * 3,
      connectionsCheckingInterval: Math.min(1000, slowClientMs),
    },
    (req, res) => {
      if (req.method === 'POST' && req.url === HOOK_PATH) return hooks.handle(req, res);
      res
        .writeHead(req.url === HOOK_PATH ? 405 : 426, { 'content-type': 'text/plain' })
        .end(`aarm daemon: connect with a WebSocket, or POST a Claude Code hook to ${HOOK_PATH}\n`);
    },
  );
  const sockets = attachWebSockets(server, { ...options, admission });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    async close(reason, drain) {
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await drain();
      await sockets.close(reason);
      server.closeAllConnections();
      await serverClosed;
    },
    async cutOff(reason) {
      sockets.terminateAll();
      await hooks.denyOpen(reason);
    },
  };
}
