/**
 * The daemon: a WebSocket server on loopback that judges every submitted action with its
 * session's context, enforces the decision — holding STEP_UP actions for a human approver and
 * DEFERred ones for the context they lack — and records a signed, chained receipt (R1–R6).
 * `createDaemon` wires everything once; `close` shuts it down in order (stop accepting, refuse
 * what is pending, close sockets, close the database).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { hostname, userInfo } from 'node:os';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  DAEMON_VERSION,
  CLOSE,
  ClientMessageSchema,
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  describeIssues,
  frameText,
  isRecord,
  type Approval,
  type Decision,
  type Hello,
  type Identity,
  type Role,
  type ServerMessage,
  type SignedReceipt,
} from '../protocol/index.js';
import { actionKey } from '../mediation/effects.js';
import {
  claudeCodeCanAsk,
  claudeCodeAnswer,
  mapClaudeCodeTool,
  toolFailed,
  type HookInput,
} from '../agents/claude-code.js';
import { CHAIN_BROKEN_RULE } from '../policy/builtin.js';
import { redactAction } from '../receipts/redact.js';
import { openReceiptStore, type ReceiptStore } from '../receipts/store.js';
import { publicKeyOf, verifyWithNodeCrypto, type SigningKey } from '../receipts/keys.js';
import {
  destinationName,
  driftFindings,
  loadTelemetryConfig,
  startTelemetry,
  type Telemetry,
} from '../telemetry/index.js';
import { checkChain, signHead, type HeadCheckpoint } from '../receipts/chain-check.js';
import { checkStoredRecords } from '../receipts/verify.js';
import { createApprovalService } from './approvals.js';
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
import { precompilePrograms } from '../mediation/shell/programs/index.js';
import { judge, judgeInvalid, type Judgement, type JudgeDeps } from '../pipeline/judge.js';
import {
  builtinPackDir,
  createPolicySources,
  createFileView,
  resolveSymlinks,
  type PolicySources,
} from './policy-files.js';
import { effectsFor } from '../pipeline/prepare.js';
import { createSessionManager } from './sessions.js';

/** Answer an HTTP hook before Claude Code's own hook timeout (600 s by default) lets the call through. */
const HTTP_HOOK_DEADLINE_MS = 540_000;

/** Actions of one session that may wait behind a held one before new ones are refused (R4: bounded). */
const MAX_WAITING_PER_SESSION = 32;

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
  /** how long a STEP_UP waits for a human before it is denied */
  approvalTimeoutMs?: number;
  /** how long a DEFERred action waits for its context before it is denied */
  deferTimeoutMs?: number;
  /** how long a client may take to send its request headers, or its `hello` (slow-loris) */
  slowClientMs?: number;
  /** the telemetry configuration (default `$AARM_HOME/telemetry.json`) */
  telemetryFile?: string;
  log?: (line: string) => void;
}

export interface Daemon {
  port: number;
  home: AarmHome;
  token: string;
  approverToken: string;
  policies: PolicySources;
  /** called with every receipt as it is stored */
  onReceipt(listener: (receipt: SignedReceipt) => void): void;
  close(reason?: string): Promise<void>;
  /** settles when the daemon stopped itself because it could not go on safely, with why */
  failed: Promise<string>;
}

/** How the daemon answers one caller: over its WebSocket, or as the reply to an HTTP hook request. */
interface Link {
  send(message: ServerMessage): void;
  close(code: number, reason: string): void;
  terminate(): void;
  ping(): void;
}

function webSocketLink(socket: WebSocket): Link {
  return {
    send: (message) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    },
    close: (code, reason) => socket.close(code, reason),
    terminate: () => socket.terminate(),
    ping: () => socket.ping(),
  };
}

interface Connection {
  link: Link;
  role: Role;
  alive: boolean;
  hello: Hello | undefined;
  session: string;
  /** sessions this connection has acted in: the only ones it may give context to */
  sessions: Set<string>;
  /** receipts of this connection's allowed actions that still await an outcome */
  awaitingOutcome: Map<string, string>;
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
    const token = readOrCreateToken(home.tokenFile);
    const approverToken = readOrCreateToken(home.approverTokenFile);
    const keys = loadOrCreateKeys(home);
    const signingKey: SigningKey = keys.at(-1)!;
    // Group commit (R5): the writes of one turn of the event loop share a transaction, committed
    // on the next `setImmediate`. INVARIANT: nothing the daemon says leaves before the writes it
    // follows are committed: `send` holds messages until then, so a crash loses no receipt an agent
    // or approver has been told of.
    let held: Array<() => void> = [];
    let stopForFailure = (reason: string) => log(reason);
    const commitNow = () => {
      try {
        store?.commit();
      } catch (error) {
        // Those receipts are lost, so their answers must not go out: stop, and let agents fail closed.
        held = [];
        stopForFailure(`the receipt database could not be written (${(error as Error).message})`);
        return;
      }
      const ready = held;
      held = [];
      for (const run of ready) {
        try {
          run();
        } catch (error) {
          log(`error after a commit: ${(error as Error).message}`);
        }
      }
    };
    const afterCommit = (run: () => void) => {
      if (store?.uncommitted()) held.push(run);
      else run();
    };
    store = openReceiptStore(home.database, { onUncommitted: () => setImmediate(commitNow) });
    for (const key of keys) store.addKey(key);
    // R5/T7: is the chain still what this daemon wrote? Broken → every action is denied (fail closed).
    const chain = checkChain(
      store.rows(),
      store.publicKeys(),
      readCheckpoint(home.checkpointFile),
      verifyWithNodeCrypto,
    );
    if (chain.ok)
      log(
        `receipt chain verified: ${chain.records} records in ${chain.ms} ms${chain.warning ? ` (${chain.warning})` : ''}`,
      );
    else
      log(
        `RECEIPT CHAIN BROKEN: ${chain.error}. Every action will be denied until it is dealt with (see README, "Receipts").`,
      );
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
    // R8: telemetry is monitoring, not enforcement: a broken configuration is reported (log, status)
    // and the daemon decides and keeps its receipts as always; they can be exported later.
    const telemetryConfig = loadTelemetryConfig(options.telemetryFile ?? home.telemetryFile);
    let telemetryError = telemetryConfig.ok ? undefined : telemetryConfig.error;
    let telemetry: Telemetry | undefined;
    let telemetryCheckpointMs = 0;
    if (telemetryConfig.ok && telemetryConfig.config && telemetryConfig.config.destinations.length > 0) {
      const origin = { version: DAEMON_VERSION, hostname: hostname(), pid: process.pid };
      try {
        telemetry = startTelemetry(telemetryConfig.config, origin, log);
        telemetryCheckpointMs = telemetryConfig.config.checkpointSeconds * 1000;
        log(`telemetry to ${telemetryConfig.config.destinations.map(destinationName).join(', ')}`);
      } catch (error) {
        telemetryError = (error as Error).message;
      }
    }
    if (telemetryError !== undefined) log(`TELEMETRY NOT STARTED: ${telemetryError}`);
    const started = Date.now();
    const osUser = safeUserName();
    const gitIdentity = gitUserEmail();
    const receiptListeners: Array<(receipt: SignedReceipt) => void> = [];
    const connections = new Set<Connection>();
    const liveStore = store;
    const livePolicies = policies;
    const sessions = createSessionManager({ home: options.userHome, persistence: liveStore });
    const fileView = createFileView();
    const judgeDeps: JudgeDeps = {
      policies: livePolicies,
      home: options.userHome,
      realpath: resolveSymlinks,
      effectsOf: effectsFor(options.userHome, fileView),
      caseInsensitive: (dir) => fileView.caseInsensitive?.(dir) ?? false,
    };
    const approvers = () => [...connections].filter((c) => c.role === 'approver' && c.hello !== undefined);
    const approvals = createApprovalService({
      store: liveStore,
      timeoutMs: options.approvalTimeoutMs ?? 120_000,
      broadcast: (message) => {
        for (const approver of approvers()) send(approver, message);
      },
    });
    const deferTimeoutMs = options.deferTimeoutMs ?? 30_000;
    const awaitingByToolUse = new Map<string, { receiptId: string; session: string }>();
    let deferredCount = 0;
    let shuttingDown = false;

    const emit = (receipt: SignedReceipt) => {
      afterCommit(() => {
        headReceiptId = receipt.body.id;
        telemetry?.publish({ type: 'receipt', record: receipt });
        for (const listener of receiptListeners) listener(receipt);
      });
      const watching = approvers();
      if (watching.length > 0) {
        // The receipt is stored and its decision stands whatever happens here: a failure to show
        // it live must not turn into a second receipt or a different answer to the agent.
        try {
          const [view] = viewReceipts(receipt.body.session, 1).receipts;
          if (view) for (const approver of watching) send(approver, { type: 'receipt', receipt: view });
        } catch (error) {
          log(`could not send receipt ${receipt.body.id} to approvers: ${(error as Error).message}`);
        }
      }
      return receipt;
    };

    // The daemon's keys are fixed for its lifetime (rotation takes effect at the next start).
    const publicKeys = liveStore.publicKeys();
    /** The newest receipts of a session (or all), each with its signature and chain checked. */
    const viewReceipts = (session: string | undefined, limit: number, before?: number) => {
      const { records, previous } = liveStore.page({
        limit,
        ...(session !== undefined ? { session } : {}),
        ...(before !== undefined ? { before } : {}),
      });
      const chain = session === undefined ? 'all' : 'session';
      const receipts = checkStoredRecords(records, previous, publicKeys, chain, verifyWithNodeCrypto);
      const first = records[0]?.body;
      return {
        receipts,
        more: first !== undefined && (session === undefined ? first.seq : first.sessionSeq) > 1,
      };
    };

    /** The policy's judgement; a deny for everything while the receipt chain is broken (fail closed). */
    const judgeUnlessBroken = (raw: unknown, rawText: string, deps: JudgeDeps): Judgement => {
      const judgement = judge(raw, rawText, deps);
      if (chain.ok) return judgement;
      return {
        ...judgement,
        decision: {
          ...judgement.decision,
          decision: 'deny',
          rule: CHAIN_BROKEN_RULE,
          reason: `the receipt database was changed outside aarm (${chain.error}); nothing runs until it is dealt with`,
          risk: 'critical',
          layer: 'forbidden',
        },
        verdict: 'deny',
        approval: { status: 'not_required' },
        deferral: null,
      };
    };

    // The signed head, so the next start notices a cut tail. Never while the chain is broken: that
    // would bless the tampered chain. Written at most once a second, and at shutdown.
    const signedHead = (): HeadCheckpoint => {
      commitNow(); // a checkpoint must name a committed head
      return signHead(signingKey, liveStore.head());
    };
    let checkpointed = liveStore.head().seq;
    const writeCheckpoint = () => {
      if (!chain.ok || liveStore.head().seq === checkpointed) return;
      const checkpoint = signedHead();
      writePrivateFile(home.checkpointFile, `${JSON.stringify(checkpoint, null, 2)}\n`);
      checkpointed = checkpoint.seq;
    };
    // The same signed head, sent to the collectors (T7): a central copy the local log must still match.
    let headReceiptId = telemetry ? (liveStore.page({ limit: 1 }).records[0]?.body.id ?? '') : '';
    let sentCheckpoint = -1;
    const publicKey = publicKeyOf(signingKey).publicKey;
    const sendCheckpoint = () => {
      const seq = liveStore.head().seq;
      if (!telemetry || !chain.ok || seq === 0 || seq === sentCheckpoint) return;
      const checkpoint = { ...signedHead(), receiptId: headReceiptId, publicKey };
      telemetry.publish({ type: 'checkpoint', checkpoint });
      sentCheckpoint = checkpoint.seq;
    };
    /** `task` every `ms`, its failures logged; never what keeps the process alive. */
    const every = (ms: number, what: string, task: () => void) => {
      const timer = setInterval(() => {
        try {
          task();
        } catch (error) {
          log(`could not ${what}: ${(error as Error).message}`);
        }
      }, ms);
      timer.unref();
      return timer;
    };
    const telemetryCheckpointTimer = telemetry
      ? every(telemetryCheckpointMs, 'send a checkpoint', sendCheckpoint)
      : undefined;
    sendCheckpoint(); // where the chain stood when this daemon started
    const checkpointTimer = every(1000, 'write the head checkpoint', writeCheckpoint);

    const recordAction = (session: string, judgement: Judgement, identity: Identity): SignedReceipt => {
      return emit(
        liveStore.append(
          {
            kind: 'action',
            id: `rcpt_${randomUUID()}`,
            time: new Date().toISOString(),
            session,
            action: judgement.action ? redactAction(judgement.action) : null,
            ...(judgement.invalid ? { invalid: judgement.invalid } : {}),
            identity,
            decision: receiptDecision(judgement.decision),
            verdict: judgement.verdict,
            approval: judgement.approval,
            deferral: judgement.deferral,
          },
          signingKey,
        ),
      );
    };

    const send = (connection: Connection, message: ServerMessage) =>
      afterCommit(() => connection.link.send(message));

    /** R6: who acts. The token proves the OS user; what the agent claims is kept, and what is missing is flagged. */
    const identityFor = (connection: Connection, claimed: Identity | undefined): Identity => {
      const flags: string[] = [];
      if (claimed?.agent === undefined)
        flags.push('the action names no agent; the connection’s client name is used');
      const { flags: _ignored, ...rest } = claimed ?? {};
      return {
        ...rest,
        // The daemon's own knowledge of the human wins over what the agent claims.
        human: { ...claimed?.human, user: osUser, ...(gitIdentity ? { git: gitIdentity } : {}) },
        agent: claimed?.agent ?? {
          name: connection.hello?.client.name ?? 'unknown',
          ...(connection.hello?.client.version ? { version: connection.hello.client.version } : {}),
          adapter: 'websocket',
        },
        ...(flags.length > 0 ? { flags } : {}),
      };
    };

    // ---- deferral: actions wait for the context they lack ----------------------------------------
    const contextWaiters = new Map<string, Set<() => void>>();
    const contextArrived = (session: string) => {
      for (const wake of contextWaiters.get(session) ?? []) wake();
      contextWaiters.delete(session);
    };
    const waitForContext = (session: string, ms: number) =>
      new Promise<'changed' | 'timeout'>((resolve) => {
        const waiters = contextWaiters.get(session) ?? new Set();
        contextWaiters.set(session, waiters);
        const wake = () => {
          clearTimeout(timer);
          resolve('changed');
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          resolve('timeout');
        }, ms);
        waiters.add(wake);
      });

    // ---- one session's actions are judged one at a time, in order (R4: dependents wait) -------------
    const queues = new Map<string, { tail: Promise<void>; waiting: number }>();
    const enqueue = (session: string, task: () => Promise<void>): boolean => {
      const queue = queues.get(session) ?? { tail: Promise.resolve(), waiting: 0 };
      if (queue.waiting >= MAX_WAITING_PER_SESSION) return false;
      queue.waiting++;
      queue.tail = queue.tail
        .then(task)
        .catch((error: unknown) => log(`error: ${(error as Error).stack ?? String(error)}`))
        .finally(() => {
          queue.waiting--;
          if (queue.waiting === 0) queues.delete(session);
        });
      queues.set(session, queue);
      return true;
    };

    /** STEP_UP: a grant, a human, the agent's own prompt, or deny. */
    const stepUp = async (
      session: string,
      judgement: Judgement,
      identity: Identity,
      agentCanAsk: boolean,
    ) => {
      const action = judgement.action!;
      const effects = judgement.effects!;
      const key = actionKey(action, effects);
      const workspace = action.context?.workspace ?? '';
      const grant = approvals.findGrant(judgement.decision.rule, key, session, workspace);
      if (grant) {
        return {
          verdict: 'allow' as const,
          approval: {
            status: 'granted',
            approver: grant.approver,
            scope: grant.scope,
            grantId: grant.id,
            time: new Date().toISOString(),
          } satisfies Approval,
        };
      }
      if (approvers().length === 0) {
        return agentCanAsk
          ? {
              verdict: 'ask' as const,
              approval: {
                status: 'delegated',
                note: 'no approver is connected; handed back to the agent’s own prompt',
              } satisfies Approval,
            }
          : {
              verdict: 'deny' as const,
              approval: {
                status: 'unavailable',
                note: 'needs human approval and no approver is connected',
              } satisfies Approval,
            };
      }
      const approval = await approvals.ask(
        {
          session,
          action: redactAction(action),
          decision: judgement.decision,
          effects: {
            reads: effects.reads,
            writes: effects.writes,
            deletes: effects.deletes,
            hosts: effects.hosts,
            risks: effects.risks,
            unknown: effects.unknown,
          },
          context: sessions.snapshot(session, action),
          identity,
          key,
        },
        { session, workspace },
      );
      return { verdict: approval.status === 'approved' ? ('allow' as const) : ('deny' as const), approval };
    };

    const processSubmit = async (
      connection: Connection,
      id: string,
      session: string,
      raw: unknown,
      rawText: string,
      agentCanAsk: boolean,
    ) => {
      const deps: JudgeDeps = { ...judgeDeps, sessionOf: (action) => sessions.snapshot(session, action) };
      let judgement = judgeUnlessBroken(raw, rawText, deps);
      const identity = identityFor(connection, judgement.action?.identity);

      let deferredReceipt: SignedReceipt | undefined;
      if (judgement.decision.decision === 'defer') {
        // A receipt now, a follow-up at resolution; the agent hears only the final answer.
        const reason = judgement.decision.reason;
        deferredReceipt = recordAction(
          session,
          { ...judgement, verdict: 'deny', deferral: { reason, resolution: 'pending' } },
          identity,
        );
        deferredCount++;
        const deadline = Date.now() + deferTimeoutMs;
        let resolution: 'resolved' | 'timeout' = 'timeout';
        try {
          while (Date.now() < deadline && !shuttingDown) {
            if ((await waitForContext(session, deadline - Date.now())) === 'timeout' || shuttingDown) break;
            judgement = judgeUnlessBroken(raw, rawText, deps);
            if (judgement.decision.decision !== 'defer') {
              resolution = 'resolved';
              break;
            }
          }
        } finally {
          deferredCount--;
        }
        judgement = {
          ...judgement,
          ...(resolution === 'timeout' ? { verdict: 'deny' as const } : {}),
          deferral: { reason, resolution, time: new Date().toISOString() },
        };
      }
      if (judgement.decision.decision === 'step_up' && judgement.action) {
        judgement = { ...judgement, ...(await stepUp(session, judgement, identity, agentCanAsk)) };
      }

      let receipt: SignedReceipt;
      try {
        if (deferredReceipt) {
          emit(
            liveStore.append(
              {
                kind: 'resolution',
                id: `rcpt_${randomUUID()}`,
                time: new Date().toISOString(),
                session,
                receiptId: deferredReceipt.body.id,
                decision: receiptDecision(judgement.decision),
                verdict: judgement.verdict,
                approval: judgement.approval,
                deferral: judgement.deferral!,
              },
              signingKey,
            ),
          );
          receipt = deferredReceipt;
        } else receipt = recordAction(session, judgement, identity);
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
      // R7/T6: how the session's context moved with this action, for the collectors (only when watched).
      const before = telemetry ? sessions.snapshot(session, judgement.action) : undefined;
      sessions.recordAction(session, {
        action: judgement.action,
        effects: judgement.effects,
        receiptId: receipt.body.id,
        decision: judgement.decision.decision,
        verdict: judgement.verdict,
      });
      if (telemetry && before) {
        const at = {
          session,
          receiptId: receipt.body.id,
          time: receipt.body.time,
          secretInParameters: before.secretInParameters,
        };
        for (const finding of driftFindings(before, sessions.snapshot(session, undefined), at))
          afterCommit(() => telemetry.publish({ type: 'drift', finding }));
      }
      if (judgement.verdict !== 'deny') {
        connection.awaitingOutcome.set(receipt.body.id, session);
        const toolUseId = judgement.action?.context?.toolUseId;
        if (toolUseId) {
          awaitingByToolUse.set(toolUseKey(session, toolUseId), { receiptId: receipt.body.id, session });
          // Bounded: an agent that never reports outcomes must not grow this forever.
          if (awaitingByToolUse.size > 10_000)
            awaitingByToolUse.delete(awaitingByToolUse.keys().next().value!);
        }
      }
      send(connection, {
        type: 'decision',
        id,
        receiptId: receipt.body.id,
        verdict: judgement.verdict,
        decision: judgement.decision,
      });
    };

    const refuseForRole = (connection: Connection, id: string, what: string) => {
      // An agent trying to approve is an attack on the boundary: refused, and kept in the record.
      if (connection.role === 'agent') {
        const judgement = judgeInvalid(
          `an agent connection tried to ${what}; only an approver connection may`,
          what,
          judgeDeps,
        );
        judgement.decision = {
          ...judgement.decision,
          rule: 'builtin.role-violation',
          reason: `agents cannot ${what}`,
        };
        recordAction(connection.session, judgement, identityFor(connection, undefined));
      }
      send(connection, {
        type: 'error',
        id,
        code: 'forbidden',
        message: `a${connection.role === 'agent' ? 'n agent' : 'n approver'} connection cannot ${what}`,
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
      const rawId = isRecord(raw) && typeof raw.id === 'string' ? raw.id : undefined;
      const parsed = ClientMessageSchema.safeParse(raw);
      if (!parsed.success) {
        const problem = describeIssues(parsed.error);
        if (connection.hello && isRecord(raw) && raw.type === 'submit' && connection.role === 'agent') {
          // A submit we cannot read still leaves a trace: denied, with a receipt.
          const receipt = recordAction(
            connection.session,
            judgeInvalid(`malformed submit message: ${problem}`, text, judgeDeps),
            identityFor(connection, undefined),
          );
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
          afterCommit(() => connection.link.close(CLOSE.helloRequired, 'hello required'));
          return;
        }
        if (message.protocol !== PROTOCOL_VERSION) {
          send(connection, {
            type: 'error',
            code: 'protocol_mismatch',
            message: `this daemon speaks protocol ${PROTOCOL_VERSION}, the client ${message.protocol}`,
          });
          afterCommit(() => connection.link.close(CLOSE.protocolMismatch, 'protocol mismatch'));
          return;
        }
        connection.hello = message;
        if (message.session) connection.session = message.session;
        connection.sessions.add(connection.session);
        send(connection, {
          type: 'welcome',
          protocol: PROTOCOL_VERSION,
          daemon: { version: DAEMON_VERSION },
          role: connection.role,
          session: connection.session,
        });
        if (connection.role === 'approver')
          for (const request of approvals.pending()) send(connection, request);
        return;
      }
      switch (message.type) {
        case 'hello':
          send(connection, { type: 'error', code: 'bad_message', message: '`hello` was already received' });
          return;
        case 'submit': {
          if (connection.role !== 'agent') return refuseForRole(connection, message.id, 'submit actions');
          const session =
            isRecord(message.action) && typeof message.action.session === 'string'
              ? message.action.session
              : connection.session;
          connection.sessions.add(session);
          // The original request an action carries is context for the whole session: take it now,
          // so that it can release an action of this session deferred for it.
          const request = requestOf(message.action);
          if (request !== undefined) {
            sessions.setRequest(session, request);
            contextArrived(session);
          }
          const rawText = JSON.stringify(message.action) ?? '';
          const queued = enqueue(session, () =>
            processSubmit(
              connection,
              message.id,
              session,
              message.action,
              rawText,
              message.agentCanAsk ?? false,
            ).catch((error: unknown) => {
              // INVARIANT: every submit gets an answer; a failure inside is a deny, recorded where possible.
              log(`error: ${(error as Error).stack ?? String(error)}`);
              const judgement = judgeInvalid(
                `the action could not be judged: ${(error as Error).message}`,
                rawText,
                judgeDeps,
              );
              let receiptId = '';
              try {
                receiptId = recordAction(session, judgement, identityFor(connection, undefined)).body.id;
              } catch {
                // the store is what failed; the deny still goes out
              }
              const reason = `the action could not be judged, so it is denied: ${(error as Error).message}`;
              send(connection, {
                type: 'decision',
                id: message.id,
                receiptId,
                verdict: 'deny',
                decision: { ...judgement.decision, rule: 'builtin.internal-error', reason },
              });
            }),
          );
          if (!queued) {
            const judgement = judgeInvalid(
              `more than ${MAX_WAITING_PER_SESSION} actions of this session are waiting`,
              rawText,
              judgeDeps,
            );
            judgement.decision = {
              ...judgement.decision,
              rule: 'builtin.queue-full',
              reason: `more than ${MAX_WAITING_PER_SESSION} actions of session \`${session}\` are already waiting for an approval or a deferral`,
            };
            judgement.deferral = { reason: judgement.decision.reason, resolution: 'overflow' };
            const receipt = recordAction(session, judgement, identityFor(connection, undefined));
            send(connection, {
              type: 'decision',
              id: message.id,
              receiptId: receipt.body.id,
              verdict: 'deny',
              decision: judgement.decision,
            });
          }
          return;
        }
        case 'outcome': {
          if (connection.role !== 'agent') return refuseForRole(connection, message.id, 'report outcomes');
          let receiptId = message.receiptId;
          let session = receiptId === undefined ? undefined : connection.awaitingOutcome.get(receiptId);
          if (message.toolUseId !== undefined) {
            // A hook reports from another process: find the action by the agent's own id, in its session.
            const key = toolUseKey(message.session ?? connection.session, message.toolUseId);
            const awaiting = awaitingByToolUse.get(key);
            if (awaiting) {
              awaitingByToolUse.delete(key);
              ({ receiptId, session } = awaiting);
            }
          }
          if (session === undefined || receiptId === undefined) {
            const known = receiptId !== undefined && liveStore.findAction(receiptId) !== undefined;
            send(connection, {
              type: 'error',
              id: message.id,
              code:
                known && liveStore.hasOutcome(receiptId!) ? 'outcome_already_reported' : 'unknown_receipt',
              message:
                message.toolUseId !== undefined
                  ? `no allowed action with tool use id \`${message.toolUseId}\` awaits its outcome in this session`
                  : known
                    ? `receipt \`${receiptId!}\` is not an allowed action of this connection awaiting its outcome`
                    : `no receipt \`${receiptId!}\``,
            });
            return;
          }
          connection.awaitingOutcome.delete(receiptId);
          const receipt = emit(
            liveStore.append(
              {
                kind: 'outcome',
                id: `rcpt_${randomUUID()}`,
                time: new Date().toISOString(),
                session,
                receiptId,
                outcome: message.outcome,
              },
              signingKey,
            ),
          );
          sessions.recordOutcome(session, receiptId, message.outcome.status);
          send(connection, { type: 'ack', id: message.id, receiptId: receipt.body.id });
          return;
        }
        case 'context': {
          const session = message.session ?? connection.session;
          // An agent may only speak for sessions it acts in; an approver for any.
          if (connection.role === 'agent' && !connection.sessions.has(session)) {
            send(connection, {
              type: 'error',
              id: message.id,
              code: 'forbidden',
              message: `this connection has no actions in session \`${session}\``,
            });
            return;
          }
          sessions.setRequest(session, message.request);
          contextArrived(session);
          send(connection, { type: 'ack', id: message.id, receiptId: '' });
          return;
        }
        case 'approve': {
          if (connection.role !== 'approver')
            return refuseForRole(connection, message.id, 'answer an approval request');
          const approver = `${osUser} via ${connection.hello.client.name}`;
          const result = approvals.answer(message.approvalId, {
            answer: message.answer,
            scope: message.scope ?? 'once',
            approver,
            ...(message.note ? { note: message.note } : {}),
          });
          if (result === 'ok') send(connection, { type: 'ack', id: message.id, receiptId: '' });
          else
            send(connection, {
              type: 'error',
              id: message.id,
              code: 'unknown_approval',
              message: `no pending approval \`${message.approvalId}\` (answered already, or timed out)`,
            });
          return;
        }
        case 'grants':
          if (connection.role !== 'approver') return refuseForRole(connection, message.id, 'list grants');
          send(connection, { type: 'grants', id: message.id, grants: approvals.grants() });
          return;
        case 'revoke':
          if (connection.role !== 'approver') return refuseForRole(connection, message.id, 'revoke grants');
          if (approvals.revoke(message.grantId, `${osUser} via ${connection.hello.client.name}`))
            send(connection, { type: 'ack', id: message.id, receiptId: '' });
          else
            send(connection, {
              type: 'error',
              id: message.id,
              code: 'unknown_grant',
              message: `no grant \`${message.grantId}\``,
            });
          return;
        case 'sessions':
          if (connection.role !== 'approver') return refuseForRole(connection, message.id, 'list sessions');
          send(connection, {
            type: 'sessions',
            id: message.id,
            sessions: liveStore.sessions({
              limit: message.limit ?? 200,
              ...(message.before !== undefined ? { before: message.before } : {}),
            }),
          });
          return;
        case 'receipts': {
          if (connection.role !== 'approver') return refuseForRole(connection, message.id, 'read receipts');
          const { receipts, more } = viewReceipts(message.session, message.limit ?? 200, message.before);
          send(connection, {
            type: 'receipts',
            id: message.id,
            ...(message.session !== undefined ? { session: message.session } : {}),
            receipts,
            more,
          });
          return;
        }
        case 'status': {
          // The telemetry counters come from its worker thread: a moment's wait, never a decision's.
          void (telemetry?.stats() ?? Promise.resolve([]))
            .then((telemetryStats) => {
              const { set } = livePolicies.forWorkspace(undefined);
              send(connection, {
                type: 'status',
                id: message.id,
                version: DAEMON_VERSION,
                protocol: PROTOCOL_VERSION,
                pid: process.pid,
                uptimeMs: Date.now() - started,
                receipts: liveStore.count(),
                approvers: approvers().length,
                pendingApprovals: approvals.pending().length,
                deferred: deferredCount,
                chain: chain.ok
                  ? { ok: true, records: chain.records, ...(chain.warning ? { warning: chain.warning } : {}) }
                  : { ok: false, error: chain.error },
                telemetry: {
                  destinations: telemetryStats,
                  ...(telemetryError !== undefined ? { error: telemetryError } : {}),
                },
                policy: {
                  hash: set.hash,
                  files: set.files.map((f) => f.source),
                  errors: set.problems
                    .filter((p) => p.severity === 'error')
                    .map((p) => `${p.source}:${p.line}:${p.column}: ${p.message}`),
                },
              });
            })
            .catch((error: unknown) => log(`status failed: ${(error as Error).message}`));
          return;
        }
      }
    };

    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
    /** HTTP hook requests not yet answered: how to answer each with a deny, and when it was sent */
    const openHooks = new Map<(reason: string) => void, Promise<void>>();
    /**
     * Claude Code's HTTP hooks (`{"type":"http","url":"http://127.0.0.1:PORT/v1/hooks/claude-code"}`):
     * the same judgement as `aarm hook claude-code`, without a process per tool call. Claude Code
     * treats a non-2xx answer as "go ahead", so every answer that is not an allow is a 200 deny.
     */
    const hookOverHttp = (
      req: IncomingMessage,
      body: string,
      respond: (status: number, json: unknown) => void,
    ) => {
      const deny = (reason: string) => respond(200, hookDenial(reason));
      let input: HookInput;
      try {
        input = JSON.parse(body) as HookInput;
      } catch (error) {
        return deny(`the hook input is not JSON (${(error as Error).message})`);
      }
      const session = input.session_id ?? `sess_${randomUUID()}`;
      const connection: Connection = {
        // the answer goes straight back as the HTTP reply; there is no socket to close or ping
        link: { send: (message) => reply(message), close() {}, terminate() {}, ping() {} },
        role: 'agent',
        alive: true,
        hello: { type: 'hello', protocol: PROTOCOL_VERSION, client: { name: 'claude-code-http' } },
        session,
        sessions: new Set([session]),
        awaitingOutcome: new Map(),
      };
      const event = input.hook_event_name ?? 'PreToolUse';
      let reply: (message: ServerMessage) => void = () => {};
      if (event === 'PostToolUse' || event === 'PostToolUseFailure') {
        reply = () => respond(200, {});
        if (!input.tool_use_id) return respond(200, {});
        const failure =
          event === 'PostToolUseFailure' ? 'the tool call failed' : toolFailed(input.tool_response);
        return handleMessage(
          connection,
          JSON.stringify({
            type: 'outcome',
            id: 'http',
            toolUseId: input.tool_use_id,
            session,
            outcome: { status: failure ? 'error' : 'success', ...(failure ? { error: failure } : {}) },
          }),
        );
      }
      if (event !== 'PreToolUse') return respond(200, {});
      const mapped = mapClaudeCodeTool(input, {
        ...(req.headers['x-claude-project-dir']
          ? { projectDir: String(req.headers['x-claude-project-dir']) }
          : {}),
      });
      if (mapped.kind === 'internal') return respond(200, {});
      if (mapped.kind === 'invalid') return deny(mapped.error);
      // Claude Code goes ahead when a hook times out: answer deny before it does.
      const deadline = setTimeout(
        () => deny('no decision in time (an approval may still be pending)'),
        HTTP_HOOK_DEADLINE_MS,
      );
      deadline.unref(); // a stopped daemon must not stay alive for it
      reply = (message) => {
        clearTimeout(deadline);
        if (message.type === 'decision') respond(200, claudeCodeAnswer(input, message));
        else if (message.type === 'error') deny(message.message);
      };
      handleMessage(
        connection,
        JSON.stringify({
          type: 'submit',
          id: 'http',
          action: mapped.action,
          agentCanAsk: claudeCodeCanAsk(input),
        }),
      );
    };

    const slowClientMs = options.slowClientMs ?? 10_000;
    // Slow-loris: headers must arrive within slowClientMs, a whole request (a hook's body) within 3×.
    const server = createServer(
      {
        headersTimeout: slowClientMs,
        requestTimeout: slowClientMs * 3,
        connectionsCheckingInterval: Math.min(1000, slowClientMs),
      },
      (req, res) => {
        const respond = (status: number, json: unknown, lastOnConnection = false) => {
          if (!res.headersSent)
            res
              .writeHead(status, {
                'content-type': 'application/json',
                // the server ends the connection after it, cleanly, instead of a reset that loses it
                ...(lastOnConnection ? { connection: 'close' } : {}),
              })
              .end(JSON.stringify(json));
        };
        if (req.method !== 'POST' || req.url !== '/v1/hooks/claude-code') {
          res
            .writeHead(req.url === '/v1/hooks/claude-code' ? 405 : 426, { 'content-type': 'text/plain' })
            .end(
              'aarm daemon: connect with a WebSocket, or POST a Claude Code hook to /v1/hooks/claude-code\n',
            );
          return;
        }
        // INVARIANT: the same gate as the WebSocket: loopback Host, no browser Origin, the agent token.
        const gate = checkGate(req);
        if (!gate.ok) return respond(403, { error: gate.why });
        // Claude Code goes ahead on any non-2xx answer: a refusal must be a 200 that says deny.
        const denyHook = (reason: string) => respond(200, hookDenial(reason));
        // Until it is answered: a daemon that must stop answers it with a deny, not a cut connection.
        const denyOnStop = (reason: string) => {
          req.resume(); // read what is left of the body: a close with unread data is a reset that loses the answer
          respond(200, hookDenial(reason), true);
        };
        const answered = new Promise<void>((resolve) =>
          res.on('close', () => {
            openHooks.delete(denyOnStop);
            resolve();
          }),
        );
        openHooks.set(denyOnStop, answered);
        if (!tokensEqual(token, gate.bearer)) {
          return denyHook('the hook sent no or a wrong token (Authorization: Bearer <$AARM_HOME/token>)');
        }
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_FRAME_BYTES) {
            if (chunks.length > 0) denyHook(`the hook input is larger than ${MAX_FRAME_BYTES} bytes`);
            chunks.length = 0;
            req.destroy();
          } else chunks.push(chunk);
        });
        req.on('end', () => {
          if (size <= MAX_FRAME_BYTES) hookOverHttp(req, Buffer.concat(chunks).toString('utf8'), respond);
        });
      },
    );
    const reject = (socket: Duplex, status: number, text: string) => {
      socket.end(
        `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
      );
    };
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const gate = checkGate(req);
      if (!gate.ok) return reject(socket, 403, `Forbidden: ${gate.why}`);
      const given = gate.bearer;
      // INVARIANT: the role comes from the credential alone; an agent's token never makes an approver.
      const role: Role | undefined = tokensEqual(token, given)
        ? 'agent'
        : tokensEqual(approverToken, given)
          ? 'approver'
          : undefined;
      if (role === undefined) return reject(socket, 401, 'Unauthorized: missing or wrong token');
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, role));
    });
    wss.on('connection', (socket: WebSocket, role: Role) => {
      const connection: Connection = {
        link: webSocketLink(socket),
        role,
        alive: true,
        hello: undefined,
        session: `sess_${randomUUID()}`,
        sessions: new Set(),
        awaitingOutcome: new Map(),
      };
      connections.add(connection);
      // A connection that never says hello holds a socket for nothing: cut it.
      const helloTimer = setTimeout(() => {
        if (connection.hello === undefined) socket.close(CLOSE.helloRequired, 'no hello in time');
      }, slowClientMs);
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
      socket.on('close', () => {
        clearTimeout(helloTimer);
        connections.delete(connection);
      });
    });

    const heartbeat = setInterval(() => {
      for (const connection of connections) {
        if (!connection.alive) {
          connection.link.terminate();
          continue;
        }
        connection.alive = false;
        connection.link.ping();
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
    setImmediate(precompilePrograms);

    let closing: Promise<void> | undefined;
    let reportFailure: (reason: string) => void = () => {};
    const failed = new Promise<string>((resolve) => (reportFailure = resolve));
    const daemon: Daemon = {
      failed,
      port,
      home,
      token,
      approverToken,
      policies: livePolicies,
      onReceipt(listener) {
        receiptListeners.push(listener);
      },
      close(reason = 'daemon shutting down') {
        closing ??= (async () => {
          clearInterval(heartbeat);
          const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
          // Held actions end as they would on a timeout: denied, with their receipts.
          shuttingDown = true;
          approvals.refuseAll(`the daemon shut down: ${reason}`);
          for (const session of [...contextWaiters.keys()])
            for (const wake of contextWaiters.get(session) ?? []) wake();
          await Promise.all([...queues.values()].map((q) => q.tail));
          commitNow(); // the last answers go out before the sockets close
          for (const connection of connections) connection.link.close(CLOSE.goingAway, reason);
          const deadline = setTimeout(() => {
            for (const connection of connections) connection.link.terminate();
          }, 1000);
          await new Promise<void>((resolve) => wss.close(() => resolve()));
          server.closeAllConnections();
          await serverClosed;
          clearTimeout(deadline);
          livePolicies.close();
          clearInterval(checkpointTimer);
          clearInterval(telemetryCheckpointTimer);
          try {
            writeCheckpoint();
            sendCheckpoint();
          } catch (error) {
            log(`could not write the head checkpoint: ${(error as Error).message}`);
          }
          await telemetry?.close();
          try {
            liveStore.close();
          } catch (error) {
            log(`the receipt database did not close cleanly: ${(error as Error).message}`);
          }
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
    stopForFailure = (reason) => {
      log(`STOPPING: ${reason}; agents are refused until the daemon is started again`);
      for (const connection of connections) connection.link.terminate();
      // Their denies must be on the wire before close() cuts every connection.
      const hooksAnswered = [...openHooks].map(([denyHook, answered]) => {
        denyHook(`the daemon stopped: ${reason}`);
        return answered;
      });
      void Promise.race([Promise.all(hooksAnswered), new Promise((resolve) => setTimeout(resolve, 1000))])
        .then(() => daemon.close(reason))
        .then(() => reportFailure(reason));
    };
    return daemon;
  } catch (error) {
    policies?.close();
    store?.close();
    lock.release();
    throw error;
  }
}

/**
 * INVARIANT: a web page must never reach the daemon (cross-site WebSocket hijacking, DNS
 * rebinding): no browser Origin, a loopback Host. Returns the bearer token the request carries.
 */
/** The signed head checkpoint, if there is one that parses. */
function readCheckpoint(file: string): HeadCheckpoint | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<HeadCheckpoint>;
    if (typeof value.seq === 'number' && typeof value.hash === 'string' && typeof value.sig === 'string')
      return value as HeadCheckpoint;
  } catch {
    // none yet
  }
  return undefined;
}

function checkGate(req: IncomingMessage): { ok: true; bearer: string } | { ok: false; why: string } {
  if (req.headers.origin !== undefined) return { ok: false, why: 'browser origins are not accepted' };
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) return { ok: false, why: 'unexpected Host' };
  const auth = req.headers.authorization ?? '';
  return { ok: true, bearer: auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '' };
}

/** The decision as a receipt keeps it: a modified action with its secrets replaced by digests (T9). */
function receiptDecision(decision: Decision) {
  const { modifiedAction, ...rest } = decision;
  return modifiedAction ? { ...rest, modifiedAction: redactAction(modifiedAction) } : rest;
}

/** A Claude Code PreToolUse answer that refuses the call. */
function hookDenial(reason: string) {
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: 'deny',
      permissionDecisionReason: `aarm: ${reason}`,
    },
  };
}

const toolUseKey = (session: string, toolUseId: string) => `${session}\u0000${toolUseId}`;

/** The original request an action carries in `context.request`, if any. */
function requestOf(raw: unknown): string | undefined {
  if (!isRecord(raw) || !isRecord(raw.context)) return undefined;
  const request = raw.context.request;
  return typeof request === 'string' && request !== '' && request.length <= 64 * 1024 ? request : undefined;
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? 'unknown');
  }
}

/** The human's git identity (R6), read once at start. */
function gitUserEmail(): string | undefined {
  try {
    return (
      execFileSync('git', ['config', '--global', 'user.email'], {
        encoding: 'utf8',
        timeout: 2000,
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}
