/**
 * The extension's approver connection to the daemon: finds it through AARM_HOME, authenticates
 * with the approver credential (never the agents' token), and reconnects with backoff when the
 * daemon restarts. Pure Node + `ws`; no VS Code API here so the rest of the extension stays thin.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import {
  PROTOCOL_VERSION,
  type ClientMessage,
  frameText,
  parseServerMessage,
  type ServerMessage,
  type StatusResult,
  type Welcome,
} from '../../daemon/src/protocol/index.js';

export type ConnectionState =
  | { kind: 'connecting'; attempt: number; lastError?: string }
  | { kind: 'connected'; welcome: Welcome }
  | { kind: 'stopped' };

export interface DaemonInfo {
  port: number;
  pid: number;
}

/** The running daemon of this AARM_HOME, if its `daemon.json` names a live process. */
export function runningDaemon(homeDir: string): DaemonInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(join(homeDir, 'daemon.json'), 'utf8')) as Partial<DaemonInfo>;
    if (typeof info.pid !== 'number' || typeof info.port !== 'number') return undefined;
    process.kill(info.pid, 0);
    return { port: info.port, pid: info.pid };
  } catch {
    return undefined;
  }
}

/** A request the extension may send: any client message that carries an id, without it (added here). */
type Request = ClientMessage extends infer M ? (M extends { id: string } ? Omit<M, 'id'> : never) : never;

export class ApproverConnection {
  private socket: WebSocket | undefined;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private readonly waiting = new Map<string, (message: ServerMessage) => void>();
  private readonly messageListeners = new Set<(message: ServerMessage) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  state: ConnectionState = { kind: 'connecting', attempt: 0 };

  constructor(
    /** read at each attempt: a changed `aarm.home` is followed at the next reconnect */
    private readonly homeDir: () => string,
    private readonly clientName: string,
    /** called before each attempt: may start the daemon; resolves when there is one to try */
    private readonly ensureDaemon: () => Promise<void>,
    private readonly log: (line: string) => void,
  ) {}

  onMessage(listener: (message: ServerMessage) => void): { dispose(): void } {
    this.messageListeners.add(listener);
    return { dispose: () => this.messageListeners.delete(listener) };
  }

  onState(listener: (state: ConnectionState) => void): { dispose(): void } {
    this.stateListeners.add(listener);
    return { dispose: () => this.stateListeners.delete(listener) };
  }

  start(): void {
    void this.open();
  }

  /** Try now instead of at the end of the backoff (a daemon was just started). */
  retryNow(): void {
    if (this.state.kind !== 'connecting' || this.state.attempt === 0) return;
    clearTimeout(this.timer);
    void this.open();
  }

  /** Send a request and wait for the daemon's answer to it (an `error` answer is returned, not thrown). */
  request(message: Request, timeoutMs = 15_000): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const socket = this.socket;
      if (this.state.kind !== 'connected' || socket === undefined)
        return reject(new Error('not connected to the aarm daemon'));
      const id = `x${this.nextId++}`;
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`the daemon did not answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      socket.send(JSON.stringify({ ...message, id }));
    });
  }

  async status(): Promise<StatusResult> {
    const answer = await this.request({ type: 'status' });
    if (answer.type !== 'status') throw new Error(describeError(answer));
    return answer;
  }

  dispose(): void {
    this.setState({ kind: 'stopped' });
    clearTimeout(this.timer);
    this.socket?.close(1000, 'bye');
    this.socket = undefined;
    this.failWaiting();
  }

  private stopped(): boolean {
    return this.state.kind === 'stopped';
  }

  private failWaiting(): void {
    for (const waiter of this.waiting.values())
      waiter({ type: 'error', code: 'internal', message: 'the connection to the daemon closed' });
    this.waiting.clear();
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private async open(): Promise<void> {
    if (this.state.kind === 'stopped') return;
    this.setState({ kind: 'connecting', attempt: this.attempt });
    let url: string;
    let token: string;
    try {
      const homeDir = this.homeDir();
      await this.ensureDaemon();
      const info = runningDaemon(homeDir);
      if (info === undefined) throw new Error(`no aarm daemon is running for ${homeDir}`);
      url = `ws://127.0.0.1:${info.port}`;
      // INVARIANT: the approver credential; the agents' `token` would make this an agent connection.
      token = readFileSync(join(homeDir, 'approver-token'), 'utf8').trim();
    } catch (error) {
      return this.retry((error as Error).message);
    }
    // Disposed while the daemon was being found or started.
    if (this.stopped()) return;
    let failure = '';
    const socket = new WebSocket(url, {
      headers: { authorization: `Bearer ${token}` },
      handshakeTimeout: 5000,
    });
    this.socket = socket;
    // A daemon that accepts but never says welcome is as good as none: try again.
    const welcomeTimer = setTimeout(() => {
      failure = 'no welcome from the daemon within 10 s';
      socket.terminate();
    }, 10_000);
    socket.on('open', () => {
      socket.send(
        JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, client: { name: this.clientName } }),
      );
    });
    socket.on('message', (data: Buffer) => {
      const parsed = parseServerMessage(frameText(data));
      if (!parsed.ok) return this.log(`${parsed.error}; ignored`);
      const message = parsed.value;
      if (message.type === 'welcome') {
        clearTimeout(welcomeTimer);
        if (message.role !== 'approver') {
          this.log(`the daemon made this an ${message.role} connection; closing`);
          socket.close(1000, 'not an approver');
          return;
        }
        this.attempt = 0;
        this.setState({ kind: 'connected', welcome: message });
        return;
      }
      const id = 'id' in message ? message.id : undefined;
      const waiter = id === undefined ? undefined : this.waiting.get(id);
      if (waiter !== undefined) {
        this.waiting.delete(id!);
        waiter(message);
        return;
      }
      for (const listener of this.messageListeners) listener(message);
    });
    socket.on('error', (error) => (failure = error.message));
    socket.on('unexpected-response', (_req, res) => {
      failure = `HTTP ${res.statusCode ?? '?'}`;
      socket.terminate();
    });
    socket.on('close', (code, reason) => {
      clearTimeout(welcomeTimer);
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.failWaiting();
      this.retry(
        failure || `the connection closed (${code}${reason.length ? `: ${reason.toString()}` : ''})`,
      );
    });
  }

  private retry(why: string): void {
    if (this.state.kind === 'stopped') return;
    this.attempt++;
    // Backoff 0.5 s, 1 s, 2 s … capped at 10 s: a restarting daemon is found fast, a dead one costs little.
    const delay = Math.min(10_000, 500 * 2 ** Math.min(this.attempt - 1, 5));
    this.log(`not connected (${why}); retrying in ${delay / 1000} s`);
    this.setState({ kind: 'connecting', attempt: this.attempt, lastError: why });
    this.timer = setTimeout(() => void this.open(), delay);
  }
}

export function describeError(message: ServerMessage): string {
  return message.type === 'error'
    ? `${message.code}: ${message.message}`
    : `unexpected answer \`${message.type}\``;
}
