/**
 * A small typed client of the daemon: connect, submit actions, await decisions, report outcomes.
 * Used by the CLI (`aarm exec`, `aarm status`) and by any Node agent. Fails closed: a client that
 * cannot reach the daemon, or gets an answer it cannot read, gets an error, never an allow.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aarmCommand } from './aarm-command.js';
import { approvalTextFor, ruleConfirmationTextFor } from './approver-key.js';
import { checkDecisionMessage, readServerMessage } from '../protocol/read-message.js';
import { PROTOCOL_VERSION } from '../protocol/wire.js';
import type {
  Action,
  ApprovalRequest,
  ApproverKey,
  DecisionMessage,
  Grant,
  Identity,
  GrantsResult,
  ApprovedRule,
  RuleProposal,
  Outcome,
  ServerMessage,
  StatusResult,
  Welcome,
  ClientRequest,
} from '../protocol/index.js';
import type { ApproverSigner } from './approver-key.js';
import { daemonIdentity, readDaemonKeys, type DaemonIdentity } from './daemon-identity.js';
import { openWebSocket } from './websocket.js';

export interface ConnectOptions {
  /** ws://127.0.0.1:PORT; read from `AARM_HOME/daemon.json` when absent */
  url?: string;
  /** read from `AARM_HOME/token` when absent */
  token?: string;
  /** AARM_HOME, to find url and token */
  homeDir?: string;
  /** connect as an approver (reads `approver-token` instead of `token`) */
  role?: 'agent' | 'approver';
  /** an approver that only looks and answers no step-up (`answers: false` in the hello) */
  looksOnly?: boolean;
  client?: { name: string; version?: string };
  /** the session this connection's actions belong to (one per connection when absent) */
  session?: string;
  /** who acts: added to every submitted action that names no identity of its own (R6) */
  identity?: Identity;
  /** the user's original request, given to the session right after connecting (R2, R3) */
  request?: string;
  timeoutMs?: number;
  /** approvers: the key that signs answers (client/approver-key.ts); without it only refusals can be sent */
  approverKey?: ApproverSigner;
  /**
   * The daemon's public keys, to check it is the real one (client/daemon-identity.ts). Read from
   * `homeDir` when the daemon is found there; with neither, the token is sent as a Bearer and the
   * daemon is not checked (for tests and embedders that start the daemon themselves).
   */
  daemonKeys?: Map<string, string>;
}

/** The `id` of a message that failed its schema, to fail the request it answers. */
function idOf(text: string): string | undefined {
  try {
    const value = JSON.parse(text) as { id?: unknown };
    return typeof value.id === 'string' ? value.id : undefined;
  } catch {
    return undefined;
  }
}

export class DaemonUnavailableError extends Error {
  override name = 'DaemonUnavailableError';
}

export interface AarmClient {
  session: string;
  role: 'agent' | 'approver';
  /** the daemon's welcome: protocol, version, role, session */
  welcome: Welcome;
  submit(
    action: Omit<Action, 'session'> & { session?: string },
    options?: { agentCanAsk?: boolean },
  ): Promise<DecisionMessage>;
  /** give the daemon the user's original request for a session (releases actions deferred for it) */
  setRequest(request: string, session?: string): Promise<void>;
  /** approvers: messages the daemon sends unasked (approval requests and their resolution); the
   * first listener also gets those that arrived before it was attached */
  onMessage(listener: (message: ServerMessage) => void): void;
  approve(
    approvalId: string,
    answer: 'allow' | 'deny',
    scope?: 'once' | 'session' | 'always',
    note?: string,
  ): Promise<void>;
  /** approvers: the rule an "always" answer to this pending approval would write into the user's policy */
  proposeRule(approvalId: string, limits?: { expires?: string; maxUses?: number }): Promise<RuleProposal>;
  /** approvers: allow `always` and have the proposal's rule written, both signed by the approver key */
  approveWithRule(approvalId: string, proposal: RuleProposal, note?: string): Promise<void>;
  grants(): Promise<Grant[]>;
  /** the standing grants and the rules "always" answers wrote */
  grantsAndRules(): Promise<{ grants: Grant[]; rules: ApprovedRule[] }>;
  revoke(grantId: string): Promise<void>;
  /** approvers: register `approverKey` under `name`; pending until a human confirms it */
  registerApprover(name: string): Promise<{ keyId: string; status: 'registered' | 'pending' }>;
  /** a human's terminal: confirm a pending approver key */
  confirmApprover(keyId: string): Promise<ApproverKey[]>;
  approvers(): Promise<ApproverKey[]>;
  /** send anything (for tests of malformed input); resolves with the daemon's reply to `id` */
  request(message: Record<string, unknown> & { id: string }): Promise<ServerMessage>;
  /** send a request and resolve with the daemon's answer to it, an `error` answer included */
  call(message: ClientRequest, timeoutMs?: number): Promise<ServerMessage>;
  /** once, when the connection closes (by either side), with why */
  onClose(listener: (why: string) => void): void;
  reportOutcome(receiptId: string, outcome: Outcome): Promise<void>;
  /** for hooks, where another process submitted the action: the outcome of the agent's tool call `toolUseId` */
  reportOutcomeOf(toolUseId: string, session: string, outcome: Outcome): Promise<void>;
  status(): Promise<StatusResult>;
  close(): Promise<void>;
}

export function locateDaemon(
  homeDir: string,
  role: 'agent' | 'approver' = 'agent',
): { url: string; token: string } {
  let info: { port?: unknown; host?: unknown };
  try {
    info = JSON.parse(readFileSync(join(homeDir, 'daemon.json'), 'utf8')) as typeof info;
  } catch {
    throw new DaemonUnavailableError(
      `the aarm daemon is not running (no \`${join(homeDir, 'daemon.json')}\`): start it with \`${aarmCommand('daemon')}\``,
    );
  }
  let token: string;
  try {
    token = readFileSync(join(homeDir, role === 'approver' ? 'approver-token' : 'token'), 'utf8').trim();
  } catch (error) {
    throw new DaemonUnavailableError(`cannot read the daemon token: ${(error as Error).message}`);
  }
  if (typeof info.port !== 'number') throw new DaemonUnavailableError('`daemon.json` names no port');
  // A daemon.json left behind by a daemon that died: whatever listens on that port now is not it.
  if (typeof (info as { pid?: unknown }).pid === 'number' && !processAlive((info as { pid: number }).pid))
    throw new DaemonUnavailableError(
      `the aarm daemon is not running (\`daemon.json\` names pid ${(info as { pid: number }).pid}, which has exited): start it with \`${aarmCommand('daemon')}\``,
    );
  return { url: `ws://127.0.0.1:${info.port}`, token };
}

export async function connect(options: ConnectOptions): Promise<AarmClient> {
  let { url, token } = options;
  if (url === undefined || token === undefined) {
    if (options.homeDir === undefined)
      throw new DaemonUnavailableError('no daemon url and no AARM_HOME to find one');
    const located = locateDaemon(options.homeDir, options.role);
    url ??= located.url;
    token ??= located.token;
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  let identity: DaemonIdentity | undefined;
  try {
    const keys =
      options.daemonKeys ?? (options.homeDir !== undefined ? readDaemonKeys(options.homeDir) : undefined);
    identity = keys ? daemonIdentity(token, keys) : undefined;
  } catch (error) {
    throw new DaemonUnavailableError((error as Error).message);
  }
  const pending = new Map<
    string,
    { resolve: (m: ServerMessage) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  let nextId = 1;
  let closedError: Error | undefined;

  const listeners: Array<(message: ServerMessage) => void> = [];
  const unheard: ServerMessage[] = [];
  const closeListeners: Array<(why: string) => void> = [];
  const closeWaiters: Array<() => void> = [];
  const asked = new Map<string, ApprovalRequest>();
  /** the text of each action submitted, by request id: its decision's proof must cover exactly it */
  const sentActions = new Map<string, string>();
  /** what the socket's events do: first the welcome, then the answers */
  let onMessage: (text: string) => void = () => {};
  let onClose: (code: number, reason: string, error?: Error) => void = () => {};
  const hello = JSON.stringify({
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    client: options.client ?? { name: 'aarm-client' },
    ...(options.session ? { session: options.session } : {}),
    pid: process.pid,
    ...(identity ? { nonce: identity.nonce } : {}),
    ...(options.looksOnly ? { answers: false } : {}),
  });
  const socket = openWebSocket(
    url,
    {
      headers: { authorization: identity?.authorization ?? `Bearer ${token}` },
      handshakeTimeoutMs: 5000,
      // The hello goes with the upgrade request: it says nothing a process that answers 101 may not
      // know (the nonce is there to be signed), and it saves the daemon a round trip per hook.
      firstMessage: hello,
    },
    {
      // the daemon's keys imported while it reads the hello, not after its welcome came
      onConnect: () => identity?.prepare(),
      onOpen: () => {},
      onMessage: (text) => onMessage(text),
      onClose: (code, reason, error) => {
        onClose(code, reason, error);
        for (const waiter of closeWaiters.splice(0)) waiter();
      },
    },
  );
  const early: string[] = [];
  /** a close that came while the welcome was being checked: told once the answers' handlers are set */
  let closedEarly: Parameters<typeof onClose> | undefined;
  const welcoming = new Promise<Welcome>((resolve, reject) => {
    const fail = (error: Error) =>
      reject(
        new DaemonUnavailableError(
          `cannot reach the aarm daemon at ${url}: ${error.message} — start it with \`${aarmCommand('daemon')}\``,
        ),
      );
    // A daemon that hangs up or never says welcome is as good as none: fail, never hang.
    const timer = setTimeout(() => fail(new Error('no welcome within 10 s')), 10_000);
    onClose = (code, reason, error) => {
      clearTimeout(timer);
      closedEarly = [code, reason, error];
      fail(error ?? new Error(`the connection closed (${code}) before the welcome`));
    };
    onMessage = (text) => {
      clearTimeout(timer);
      // What follows the welcome (an approver's pending requests) may come in the same read: kept
      // for the answers' handler, which is set once the welcome is checked.
      onMessage = (next) => early.push(next);
      const parsed = readServerMessage(text);
      if (!parsed.ok) return reject(new DaemonUnavailableError(parsed.error));
      const message = parsed.value;
      if (message.type === 'welcome') {
        // INVARIANT: nothing is sent to, or believed from, a process that cannot prove it is the daemon.
        if (identity && !identity.welcomeHolds(message))
          reject(
            new DaemonUnavailableError(
              `the process at ${url} did not prove it is the aarm daemon of this AARM_HOME (no valid signature over our nonce); nothing was sent to it`,
            ),
          );
        else resolve(message);
      } else
        reject(
          new DaemonUnavailableError(
            message.type === 'error' ? message.message : `unexpected ${message.type}`,
          ),
        );
    };
  });
  let welcome: Welcome;
  try {
    welcome = await welcoming;
  } catch (error) {
    socket.terminate(); // a daemon that never said welcome keeps no socket of ours
    throw error;
  }

  onMessage = (text) => {
    const parsed = readServerMessage(text);
    if (!parsed.ok) {
      // An answer this client cannot read is no answer: the request it belongs to fails (closed).
      const id = idOf(text);
      const waiter = id === undefined ? undefined : pending.get(id);
      if (waiter && id !== undefined) {
        pending.delete(id);
        clearTimeout(waiter.timer);
        waiter.reject(new Error(parsed.error));
      }
      return;
    }
    const message = parsed.value;
    const id = 'id' in message ? message.id : undefined;
    const waiter = id === undefined ? undefined : pending.get(id);
    if (waiter === undefined) {
      // Remembered so an answer can be signed over exactly what was asked.
      if (message.type === 'approval_request') {
        asked.set(message.approvalId, message);
        if (asked.size > 1000) asked.delete(asked.keys().next().value!);
      }
      if (listeners.length === 0) {
        // Kept for the first listener: the daemon sends the pending approvals right after its
        // welcome, before the caller of connect() could attach one.
        if (unheard.push(message) > 1000) unheard.shift();
      } else for (const listener of listeners) listener(message);
      return;
    }
    pending.delete(id!);
    clearTimeout(waiter.timer);
    // A decision not signed for this connection is not the daemon's: fail closed.
    const sentAction = sentActions.get(id!);
    sentActions.delete(id!);
    if (identity && message.type === 'decision' && !identity.decisionHolds(message, sentAction ?? ''))
      waiter.reject(
        new DaemonUnavailableError('a decision arrived without a valid signature of the daemon; refused'),
      );
    else waiter.resolve(message);
  };
  onClose = (code, reason, error) => {
    closedError = new DaemonUnavailableError(
      error
        ? `the connection to the daemon failed: ${error.message}`
        : `the daemon closed the connection (${code}${reason.length ? `: ${reason}` : ''})`,
    );
    for (const waiter of pending.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(closedError);
    }
    pending.clear();
    for (const listener of closeListeners) listener(closedError.message);
  };
  for (const text of early.splice(0)) onMessage(text);
  if (closedEarly) onClose(...closedEarly);

  const request = (
    message: Record<string, unknown> & { id: string },
    waitMs = timeoutMs,
  ): Promise<ServerMessage> =>
    new Promise((resolve, reject) => {
      if (closedError) return reject(closedError);
      const timer = setTimeout(() => {
        pending.delete(message.id);
        reject(new DaemonUnavailableError(`no answer from the daemon within ${waitMs / 1000} s`));
      }, waitMs);
      pending.set(message.id, { resolve, reject, timer });
      socket.send(JSON.stringify(message));
    });
  const newId = () => `c${nextId++}`;
  const expectNoError = (message: ServerMessage) => {
    if (message.type === 'error') throw new Error(`${message.code}: ${message.message}`);
  };

  const client: AarmClient = {
    session: welcome.session,
    role: welcome.role,
    welcome,
    request: (message) => request(message),
    call: (message, waitMs) => request({ ...message, id: newId() }, waitMs),
    onClose(listener) {
      if (closedError) listener(closedError.message);
      else closeListeners.push(listener);
    },
    async submit(action, submitOptions = {}) {
      const withIdentity =
        action.identity === undefined && options.identity !== undefined
          ? { ...action, identity: options.identity }
          : action;
      const id = newId();
      sentActions.set(id, JSON.stringify(withIdentity));
      const reply = await request({
        type: 'submit',
        id,
        action: withIdentity,
        ...(submitOptions.agentCanAsk ? { agentCanAsk: true } : {}),
      }).finally(() => sentActions.delete(id)); // an answer that never came leaves nothing behind
      expectNoError(reply);
      if (checkDecisionMessage(reply) !== undefined)
        throw new DaemonUnavailableError(
          'the daemon answered a submit with something that is not a decision',
        );
      return reply as DecisionMessage;
    },
    async reportOutcome(receiptId, outcome) {
      expectNoError(await request({ type: 'outcome', id: newId(), receiptId, outcome }));
    },
    async reportOutcomeOf(toolUseId, session, outcome) {
      expectNoError(await request({ type: 'outcome', id: newId(), toolUseId, session, outcome }));
    },
    async setRequest(text, session) {
      expectNoError(
        await request({ type: 'context', id: newId(), request: text, ...(session ? { session } : {}) }),
      );
    },
    onMessage(listener) {
      listeners.push(listener);
      if (listeners.length === 1) for (const message of unheard.splice(0)) listener(message);
    },
    async proposeRule(approvalId, limits = {}) {
      const reply = await request({
        type: 'propose_rule',
        id: newId(),
        approvalId,
        ...(limits.expires !== undefined ? { expires: limits.expires } : {}),
        ...(limits.maxUses !== undefined ? { maxUses: limits.maxUses } : {}),
      });
      expectNoError(reply);
      return reply as RuleProposal;
    },
    async approveWithRule(approvalId, proposal, note) {
      const signer = options.approverKey;
      const asking = asked.get(approvalId);
      if (!signer || !asking)
        throw new Error('a rule is confirmed only with an approver key, for a request it saw');
      const signature = signer.sign(
        approvalTextFor({
          approvalId,
          session: asking.session,
          key: asking.key,
          answer: 'allow',
          scope: 'always',
        }),
      );
      const ruleSignature = signer.sign(ruleConfirmationTextFor(proposal));
      expectNoError(
        await request({
          type: 'approve',
          id: newId(),
          approvalId,
          answer: 'allow',
          scope: 'always',
          ...(note ? { note } : {}),
          keyId: signer.keyId,
          signature,
          rule: { proposalId: proposal.proposalId, signature: ruleSignature },
        }),
      );
    },
    async approve(approvalId, answer, scope = 'once', note) {
      const signer = options.approverKey;
      const asking = asked.get(approvalId);
      const signature =
        signer && asking
          ? signer.sign(
              approvalTextFor({ approvalId, session: asking.session, key: asking.key, answer, scope }),
            )
          : undefined;
      expectNoError(
        await request({
          type: 'approve',
          id: newId(),
          approvalId,
          answer,
          scope,
          ...(note ? { note } : {}),
          ...(signer && signature ? { keyId: signer.keyId, signature } : {}),
        }),
      );
    },
    async registerApprover(name) {
      if (!options.approverKey) throw new Error('registering needs an approver key (`approverKey`)');
      const reply = await request({
        type: 'register_approver',
        id: newId(),
        ...options.approverKey.registration(name),
      });
      expectNoError(reply);
      const registration = reply as Extract<ServerMessage, { type: 'approver_registration' }>;
      return { keyId: registration.keyId, status: registration.status };
    },
    async confirmApprover(keyId) {
      const reply = await request({ type: 'confirm_approver', id: newId(), keyId });
      expectNoError(reply);
      return (reply as Extract<ServerMessage, { type: 'approvers' }>).approvers;
    },
    async approvers() {
      const reply = await request({ type: 'approvers', id: newId() });
      expectNoError(reply);
      return (reply as Extract<ServerMessage, { type: 'approvers' }>).approvers;
    },
    async grants() {
      const reply = await request({ type: 'grants', id: newId() });
      expectNoError(reply);
      return (reply as GrantsResult).grants;
    },
    async grantsAndRules() {
      const reply = await request({ type: 'grants', id: newId() });
      expectNoError(reply);
      return { grants: (reply as GrantsResult).grants, rules: (reply as GrantsResult).rules ?? [] };
    },
    async revoke(grantId) {
      expectNoError(await request({ type: 'revoke', id: newId(), grantId }));
    },
    async status() {
      const reply = await request({ type: 'status', id: newId() });
      expectNoError(reply);
      return reply as StatusResult;
    },
    close() {
      return new Promise((resolve) => {
        if (socket.state === 'closed') return resolve();
        closeWaiters.push(resolve);
        socket.close(1000);
      });
    },
  };
  if (options.request !== undefined) await client.setRequest(options.request);
  return client;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
