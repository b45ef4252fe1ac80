/**
 * The daemon: a WebSocket server on loopback that judges every submitted action, enforces the
 * decision and records a signed, chained receipt (R1, R4, R5). `createDaemon` wires everything
 * once; `close` shuts it down in order (stop accepting, close sockets, close the database).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { userInfo } from 'node:os';
import type { Duplex } from 'node:stream';
import { unlinkSync } from 'node:fs';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CLOSE,
  ClientMessageSchema,
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  frameText,
  describeIssues,
  type Hello,
  type Identity,
  type ServerMessage,
  type SignedReceipt,
} from '../protocol/index.js';
import { redactAction } from '../receipts/redact.js';
import { openReceiptStore, type ReceiptStore } from '../receipts/store.js';
import type { SigningKey } from '../receipts/keys.js';
import {
  acquireLock,
  aarmHome,
  ensureHome,
  loadOrCreateKeys,
  readOrCreateToken,
  tokensEqual,
  writePrivateFile,
  type AarmHome,
  type DaemonInfo,
} from './home.js';
import { judge, judgeInvalid, type Judgement } from './judge.js';
import {
  builtinPackDir,
  createPolicySources,
  effectsFor,
  resolveSymlinks,
  type PolicySources,
} from './policy-files.js';

export const DAEMON_VERSION = '0.1.0';

export interface DaemonOptions {
  /** AARM_HOME */
  homeDir: string;
  /** 0 picks a free port */
  port?: number;
  /** the user's home directory, for `~` in actions */
  userHome: string;
  /** built-in pack folder; null runs without it */
  packDir?: string | null;
  heartbeatMs?: number;
  watchPolicies?: boolean;
  log?: (line: string) => void;
}

export interface Daemon {
  port: number;
  home: AarmHome;
  token: string;
  policies: PolicySources;
  /** called with every receipt as it is stored */
  onReceipt(listener: (receipt: SignedReceipt) => void): void;
  close(reason?: string): Promise<void>;
}

interface Connection {
  socket: WebSocket;
  id: string;
  alive: boolean;
  hello: Hello | undefined;
  session: string;
  /** receipts of this connection's allowed actions that still await an outcome */
  awaitingOutcome: Set<string>;
}

export class DaemonAlreadyRunning extends Error {
  constructor(readonly pid: number) {
    super(`another aarm daemon (pid ${pid}) is already running for this AARM_HOME`);
  }
}

export async function createDaemon(options: DaemonOptions): Promise<Daemon> {
  const log = options.log ?? (() => {});
  const home = aarmHome(options.homeDir);
  ensureHome(home);
  const lock = acquireLock(home);
  if (!lock.ok) throw new DaemonAlreadyRunning(lock.pid);

  let store: ReceiptStore | undefined;
  let policies: PolicySources | undefined;
  try {
    const token = readOrCreateToken(home);
    const keys = loadOrCreateKeys(home);
    const signingKey: SigningKey = keys.at(-1)!;
    store = openReceiptStore(home.database);
    for (const key of keys) store.addKey(key);
    const packDir = options.packDir === null ? undefined : (options.packDir ?? builtinPackDir());
    policies = createPolicySources({
      home: options.userHome,
      stateDir: home.dir,
      ...(packDir ? { packDir } : {}),
      userDir: home.policiesDir,
      watch: options.watchPolicies ?? true,
    });
    policies.onReload((changed) =>
      log(`policy reloaded (${changed === 'base' ? 'built-in and user policies' : changed})`),
    );
    const started = Date.now();
    const osUser = safeUserName();
    const receiptListeners: Array<(receipt: SignedReceipt) => void> = [];
    const connections = new Set<Connection>();
    const liveStore = store;
    const livePolicies = policies;
    const judgeDeps = {
      policies: livePolicies,
      home: options.userHome,
      realpath: resolveSymlinks,
      effectsOf: effectsFor(options.userHome),
    };

    const record = (connection: Connection, judgement: Judgement, identity: Identity): SignedReceipt => {
      const { modifiedAction, ...decision } = judgement.decision;
      const receipt = liveStore.append(
        {
          kind: 'action',
          id: `rcpt_${randomUUID()}`,
          time: new Date().toISOString(),
          session: judgement.action?.session ?? connection.session,
          action: judgement.action ? redactAction(judgement.action) : null,
          ...(judgement.invalid ? { invalid: judgement.invalid } : {}),
          identity,
          decision: modifiedAction ? { ...decision, modifiedAction: redactAction(modifiedAction) } : decision,
          verdict: judgement.verdict,
          approval: judgement.approval,
          deferral: judgement.deferral,
        },
        signingKey,
      );
      for (const listener of receiptListeners) listener(receipt);
      return receipt;
    };

    const send = (connection: Connection, message: ServerMessage) => {
      if (connection.socket.readyState === connection.socket.OPEN)
        connection.socket.send(JSON.stringify(message));
    };

    const identityFor = (connection: Connection, claimed: Identity | undefined): Identity => ({
      ...claimed,
      // The token proves the client runs as this OS user; whatever the agent claims, that is the human.
      human: { ...claimed?.human, user: osUser },
      agent: claimed?.agent ?? {
        name: connection.hello?.client.name ?? 'unknown',
        ...(connection.hello?.client.version ? { version: connection.hello.client.version } : {}),
        adapter: 'websocket',
      },
    });

    const handleSubmit = (connection: Connection, id: string, raw: unknown, rawText: string) => {
      const judgement = judge(raw, rawText, judgeDeps);
      const claimed = judgement.action?.identity;
      let receipt: SignedReceipt;
      try {
        receipt = record(connection, judgement, identityFor(connection, claimed));
      } catch (error) {
        // INVARIANT: no receipt, no action. A decision that cannot be recorded is a deny.
        log(`error: could not store a receipt: ${(error as Error).message}`);
        send(connection, {
          type: 'decision',
          id,
          receiptId: '',
          verdict: 'deny',
          decision: {
            ...judgement.decision,
            decision: 'deny',
            rule: 'builtin.receipt-error',
            reason: `the receipt could not be stored, so the action is denied: ${(error as Error).message}`,
          },
        });
        return;
      }
      if (judgement.verdict === 'allow') connection.awaitingOutcome.add(receipt.body.id);
      send(connection, {
        type: 'decision',
        id,
        receiptId: receipt.body.id,
        verdict: judgement.verdict,
        decision: judgement.decision,
      });
    };

    const handleMessage = (connection: Connection, text: string) => {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (error) {
        send(connection, {
          type: 'error',
          code: 'bad_json',
          message: `message is not JSON: ${(error as Error).message}`,
        });
        return;
      }
      const rawId =
        typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
          ? (raw as { id: string }).id
          : undefined;
      const parsed = ClientMessageSchema.safeParse(raw);
      if (!parsed.success) {
        const problem = describeIssues(parsed.error);
        if (connection.hello && (raw as { type?: unknown } | null)?.type === 'submit') {
          // A submit we cannot read still leaves a trace: denied, with a receipt.
          const judgement = judgeInvalid(`malformed submit message: ${problem}`, text, judgeDeps);
          const receipt = record(connection, judgement, identityFor(connection, undefined));
          send(connection, {
            type: 'error',
            ...(rawId ? { id: rawId } : {}),
            code: 'bad_message',
            message: `${problem} (denied, receipt ${receipt.body.id})`,
          });
          return;
        }
        send(connection, {
          type: 'error',
          ...(rawId ? { id: rawId } : {}),
          code: 'bad_message',
          message: problem,
        });
        return;
      }
      const message = parsed.data;
      if (connection.hello === undefined) {
        if (message.type !== 'hello') {
          send(connection, {
            type: 'error',
            code: 'hello_required',
            message: 'the first message must be `hello`',
          });
          connection.socket.close(CLOSE.helloRequired, 'hello required');
          return;
        }
        if (message.protocol !== PROTOCOL_VERSION) {
          send(connection, {
            type: 'error',
            code: 'protocol_mismatch',
            message: `this daemon speaks protocol ${PROTOCOL_VERSION}, the client ${message.protocol}`,
          });
          connection.socket.close(CLOSE.protocolMismatch, 'protocol mismatch');
          return;
        }
        connection.hello = message;
        if (message.session) connection.session = message.session;
        send(connection, {
          type: 'welcome',
          protocol: PROTOCOL_VERSION,
          daemon: { version: DAEMON_VERSION },
          role: 'agent',
          session: connection.session,
        });
        return;
      }
      switch (message.type) {
        case 'hello':
          send(connection, { type: 'error', code: 'bad_message', message: '`hello` was already received' });
          return;
        case 'submit':
          handleSubmit(connection, message.id, message.action, JSON.stringify(message.action) ?? '');
          return;
        case 'outcome': {
          if (!connection.awaitingOutcome.has(message.receiptId)) {
            const known = liveStore.findAction(message.receiptId) !== undefined;
            send(connection, {
              type: 'error',
              id: message.id,
              code:
                known && liveStore.hasOutcome(message.receiptId)
                  ? 'outcome_already_reported'
                  : 'unknown_receipt',
              message: known
                ? `receipt \`${message.receiptId}\` is not an allowed action of this connection awaiting its outcome`
                : `no receipt \`${message.receiptId}\``,
            });
            return;
          }
          connection.awaitingOutcome.delete(message.receiptId);
          const receipt = liveStore.append(
            {
              kind: 'outcome',
              id: `rcpt_${randomUUID()}`,
              time: new Date().toISOString(),
              session: liveStore.findAction(message.receiptId)?.session ?? connection.session,
              receiptId: message.receiptId,
              outcome: message.outcome,
            },
            signingKey,
          );
          for (const listener of receiptListeners) listener(receipt);
          send(connection, { type: 'ack', id: message.id, receiptId: receipt.body.id });
          return;
        }
        case 'status': {
          const { set } = livePolicies.forWorkspace(undefined);
          send(connection, {
            type: 'status',
            id: message.id,
            version: DAEMON_VERSION,
            protocol: PROTOCOL_VERSION,
            pid: process.pid,
            uptimeMs: Date.now() - started,
            receipts: liveStore.count(),
            policy: {
              hash: set.hash,
              files: set.files.map((f) => f.source),
              errors: set.problems
                .filter((p) => p.severity === 'error')
                .map((p) => `${p.source}:${p.line}:${p.column}: ${p.message}`),
            },
          });
          return;
        }
      }
    };

    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
    const server = createServer((_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain' }).end('aarm daemon: connect with a WebSocket\n');
    });
    const reject = (socket: Duplex, status: number, text: string) => {
      socket.end(
        `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
      );
    };
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      // INVARIANT: a web page must never reach the daemon (cross-site WebSocket hijacking, DNS rebinding).
      if (req.headers.origin !== undefined)
        return reject(socket, 403, 'Forbidden: browser origins are not accepted');
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(host))
        return reject(socket, 403, 'Forbidden: unexpected Host');
      const auth = req.headers.authorization ?? '';
      const given = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '';
      if (!tokensEqual(token, given)) return reject(socket, 401, 'Unauthorized: missing or wrong token');
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    });
    wss.on('connection', (socket: WebSocket) => {
      const connection: Connection = {
        socket,
        id: randomUUID(),
        alive: true,
        hello: undefined,
        session: `sess_${randomUUID()}`,
        awaitingOutcome: new Set(),
      };
      connections.add(connection);
      socket.on('pong', () => {
        connection.alive = true;
      });
      socket.on('message', (data, isBinary) => {
        if (isBinary) {
          send(connection, {
            type: 'error',
            code: 'bad_message',
            message: 'binary frames are not accepted; send JSON text',
          });
          return;
        }
        try {
          handleMessage(connection, frameText(data));
        } catch (error) {
          log(`error: ${(error as Error).stack ?? String(error)}`);
          send(connection, {
            type: 'error',
            code: 'internal',
            message: `internal error: ${(error as Error).message}`,
          });
        }
      });
      socket.on('error', (error) => log(`connection error: ${error.message}`));
      socket.on('close', () => connections.delete(connection));
    });

    const heartbeat = setInterval(() => {
      for (const connection of connections) {
        if (!connection.alive) {
          connection.socket.terminate();
          continue;
        }
        connection.alive = false;
        connection.socket.ping();
      }
    }, options.heartbeatMs ?? 30_000);
    heartbeat.unref();

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const info: DaemonInfo = {
      pid: process.pid,
      port,
      host: '127.0.0.1',
      protocol: PROTOCOL_VERSION,
      version: DAEMON_VERSION,
      started: new Date(started).toISOString(),
    };
    writePrivateFile(home.daemonFile, `${JSON.stringify(info, null, 2)}\n`);
    log(`aarm daemon ${DAEMON_VERSION} listening on ws://127.0.0.1:${port} (AARM_HOME=${home.dir})`);

    let closing: Promise<void> | undefined;
    return {
      port,
      home,
      token,
      policies: livePolicies,
      onReceipt(listener) {
        receiptListeners.push(listener);
      },
      close(reason = 'daemon shutting down') {
        closing ??= (async () => {
          clearInterval(heartbeat);
          const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
          for (const connection of connections) connection.socket.close(CLOSE.goingAway, reason);
          const deadline = setTimeout(() => {
            for (const connection of connections) connection.socket.terminate();
          }, 1000);
          await new Promise<void>((resolve) => wss.close(() => resolve()));
          server.closeAllConnections();
          await serverClosed;
          clearTimeout(deadline);
          livePolicies.close();
          liveStore.close();
          try {
            unlinkSync(home.daemonFile);
          } catch {
            // already gone
          }
          lock.release();
          log('aarm daemon stopped');
        })();
        return closing;
      },
    };
  } catch (error) {
    policies?.close();
    store?.close();
    lock.release();
    throw error;
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? 'unknown');
  }
}
