/**
 * The extension's approver connection to the daemon: finds it through AARM_HOME, authenticates
 * with the approver credential (never the agents' token), and reconnects with backoff when the
 * daemon restarts. The same client as the SDK and the hooks; no VS Code API here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type AarmClient } from '../../daemon/src/client/client.js';
import { readDaemonKeys } from '../../daemon/src/client/daemon-identity.js';
import type { ApproverSigner } from '../../daemon/src/client/approver-key.js';
import type { ClientRequest, ServerMessage, StatusResult, Welcome } from '../../daemon/src/protocol/index.js';

export type ConnectionState =
  | { kind: 'connecting'; attempt: number; lastError?: string }
  | { kind: 'connected'; welcome: Welcome; approverKey?: { keyId: string; status: 'registered' | 'pending' } }
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

export class ApproverConnection {
  private client: AarmClient | undefined;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
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
    /** this approver's own key (SecretStorage); registered with the daemon at each connection */
    private readonly approverKey: () => ApproverSigner | undefined = () => undefined,
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
  request(message: ClientRequest, timeoutMs = 15_000): Promise<ServerMessage> {
    if (this.state.kind !== 'connected' || this.client === undefined)
      return Promise.reject(new Error('not connected to the aarm daemon'));
    return this.client.call(message, timeoutMs);
  }

  async status(): Promise<StatusResult> {
    const answer = await this.request({ type: 'status' });
    if (answer.type !== 'status') throw new Error(describeError(answer));
    return answer;
  }

  dispose(): void {
    this.setState({ kind: 'stopped' });
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    void client?.close();
  }

  private stopped(): boolean {
    return this.state.kind === 'stopped';
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private async open(): Promise<void> {
    if (this.state.kind === 'stopped') return;
    this.setState({ kind: 'connecting', attempt: this.attempt });
    let client: AarmClient;
    try {
      const homeDir = this.homeDir();
      await this.ensureDaemon();
      const info = runningDaemon(homeDir);
      if (info === undefined) throw new Error(`no aarm daemon is running for ${homeDir}`);
      // Disposed while the daemon was being found or started.
      if (this.stopped()) return;
      // INVARIANT: the approver credential; the agents' `token` would make this an agent connection.
      const token = readFileSync(join(homeDir, 'approver-token'), 'utf8').trim();
      client = await connect({
        url: `ws://127.0.0.1:${info.port}`,
        token,
        // The approver credential goes only to a daemon that proves it holds its published key.
        daemonKeys: readDaemonKeys(homeDir),
        client: { name: this.clientName },
        timeoutMs: 15_000,
      });
    } catch (error) {
      return this.retry((error as Error).message);
    }
    if (this.stopped()) return void client.close();
    if (client.role !== 'approver') {
      this.log(`the daemon made this an ${client.role} connection; closing`);
      void client.close();
      return this.retry('not an approver connection');
    }
    this.client = client;
    this.attempt = 0;
    // The first listener also gets the requests already pending, which come right behind the welcome.
    client.onMessage((message) => {
      for (const listener of this.messageListeners) listener(message);
    });
    client.onClose((why) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.retry(why);
    });
    this.setState({ kind: 'connected', welcome: client.welcome, ...(await this.register(client)) });
  }

  /** Register this approver's key (idempotent); it allows nothing until a human confirms it in a terminal. */
  private async register(
    client: AarmClient,
  ): Promise<{ approverKey?: { keyId: string; status: 'registered' | 'pending' } }> {
    const signer = this.approverKey();
    if (signer === undefined) return {};
    try {
      const reply = await client.call({ type: 'register_approver', ...signer.registration(this.clientName) });
      if (reply.type === 'approver_registration')
        return { approverKey: { keyId: reply.keyId, status: reply.status } };
      this.log(`the approver key was not registered: ${describeError(reply)}`);
    } catch (error) {
      this.log(`the approver key was not registered: ${(error as Error).message}`);
    }
    return {};
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
