/**
 * The gate: the daemon's stateful core, with no socket and no file of its own. A transport
 * connects a caller (its role from the credential it presented) and hands over each message's
 * text; the gate parses it, checks the role, judges, holds, records, and answers through the
 * caller's link after the group commit. Time and ids come from the injected clock, so it is
 * unit-tested without a socket (test/unit/gate.test.ts).
 */
import {
  CLOSE,
  ClientMessageSchema,
  DAEMON_VERSION,
  PROTOCOL_VERSION,
  daemonProofText,
  decisionProofText,
  describeIssues,
  isRecord,
  nestedDeeperThan,
  tooDeepMessage,
  type ClientMessage,
  type EgressGrant,
  type EgressLog,
  type Hello,
  type Role,
  type ServerMessage,
  type PublicKey,
  type SignedReceipt,
} from '../protocol/index.js';
import { judgeInvalid, type JudgeDeps } from '../pipeline/judge.js';
import type { ChainCheck, HeadCheckpoint } from '../receipts/chain-check.js';
import { signCanonical, type SigningKey } from '../receipts/keys.js';
import type { ReceiptStore } from '../receipts/store.js';
import type { Telemetry } from '../telemetry/index.js';
import { createApprovalService } from './approvals.js';
import { grantHolds, signGrant } from './grant-signature.js';
import type { Caller, Link } from './caller.js';
import { createCheckpoints, type Checkpoints } from './checkpoints.js';
import { createDecisionProofs } from './decision-proofs.js';
import type { Clock } from './clock.js';
import type { GroupCommit } from './commit.js';
import type { ConfinementStatus, EgressService, GateContext, PolicyStatus, ReplayDraft } from './context.js';
import { createContextWaiters } from './context-waiters.js';
import type { Human } from './identity.js';
import { createSessionQueues } from './queues.js';
import { createRecorder } from './recorder.js';
import { createApprovalWindow } from './approval-window.js';
import type { ApproverRegistry } from './approver-keys.js';
import {
  answerApproval,
  confirmApprover,
  listGrants,
  proposeRule,
  registerApprover,
  removeApprover,
  giveContext,
  listReceipts,
  listSessions,
  refuseForRole,
  reportOutcome,
  reportStatus,
  revokeGrant,
} from './requests.js';
import { createSessionManager } from './sessions.js';
import { createSessionBindings } from './session-binding.js';
import { createApprovedRules } from './approval-rules.js';
import type { RuleUses } from './rule-uses.js';
import { MAX_WAITING_PER_SESSION, anonymousIdentity, submit } from './submit.js';

export interface GateOptions {
  clock: Clock;
  log: (line: string) => void;
  human: Human;
  /** the user's home directory, for `~` and sensitive paths */
  userHome: string;
  store: ReceiptStore;
  signingKey: SigningKey;
  /** the start-up check of the chain: broken → every action is denied */
  chain: ChainCheck;
  commits: GroupCommit;
  /** the pipeline's dependencies, without the session (the gate adds it per action) */
  judgeDeps: JudgeDeps;
  policyStatus: () => PolicyStatus;
  telemetry?: Telemetry | undefined;
  telemetryError?: string | undefined;
  /** whether allowed shell commands run confined, and why not when they do not (status says so) */
  confinement?: ConfinementStatus;
  /** the egress proxy for confined commands with `network: proxy` (absent: they get no proxy and fail closed) */
  egress?: EgressService;
  /** how long a STEP_UP waits for a human before it is denied */
  approvalTimeoutMs: number;
  /** how long a DEFERred action waits for its context before it is denied */
  deferTimeoutMs: number;
  saveCheckpoint: (checkpoint: HeadCheckpoint) => void;
  /** the public keys of this daemon's own signing keys: what its grants are checked against */
  trustedKeys: PublicKey[];
  readSecretFile?: (path: string) => string;
  approverKeys: ApproverRegistry;
  /** the agent process a caller runs under, if any (the transports know the peer; absent: never) */
  underAgent?: (caller: Caller) => string | undefined;
  /** a caller said hello (hooks and shims name their process, so their agent can be known) */
  greeted?: (caller: Caller) => void;
  /** the session of the shim a caller runs under, if any: nested adapters keep it */
  outerSession?: (caller: Caller) => string | undefined;
  /** whether the caller's process has a controlling terminal (undefined: cannot tell here) */
  fromTerminal?: (caller: Caller) => boolean | undefined;
  /** approvers' `replay` requests (issue 22) */
  replay?: ReplayDraft;
  /** the user's policy file "always" answers write rules into, and how to load it again at once */
  approvedRules?: { file: string; reload: () => void };
  /** the uses of approved rules with a maximum (gate/rule-uses.ts), counted with the policy's sets */
  ruleUses?: RuleUses;
}

export interface Gate {
  /** A caller whose credential gave it `role`; a hook caller arrives with its hello already said. */
  connect(link: Link, role: Role, preset?: { hello?: Hello; session?: string; peerPort?: number }): Caller;
  disconnect(caller: Caller): void;
  /** One message's text from the caller. Never throws: a failure is answered as an error. */
  handle(caller: Caller, text: string): void;
  /** Send a message to a caller, after the group commit (transport-level errors). */
  send(caller: Caller, message: ServerMessage): void;
  onReceipt: (listener: (receipt: SignedReceipt) => void) => void;
  checkpoints: Checkpoints;
  approverKeys: ApproverRegistry;
  /** A command's egress proxy closed before its outcome arrived (idle or too old): its log, as an outcome. */
  egressExpired(grant: EgressGrant, log: EgressLog): void;
  /** The policy files were reloaded: the rules "always" answers wrote may have changed (approvers ask again). */
  grantsChanged(): void;
  /** Shutdown: held actions end as on a timeout (denied, with receipts); resolves once every answer is committed and sent. */
  drain(reason: string): Promise<void>;
}

export function createGate(options: GateOptions): Gate {
  const { clock, log, store, commits } = options;
  const callers = new Set<Caller>();
  const listeners: Array<(receipt: SignedReceipt) => void> = [];
  /**
   * Decisions for a client that sent a nonce are proven over it (protocol/daemon-proof.ts): signed
   * with the others its commit releases, once (gate/decision-proofs.ts).
   */
  const decisionProofs = createDecisionProofs(options.signingKey);
  const send = (caller: Caller, message: ServerMessage) => {
    if (message.type !== 'decision' || !caller.hello?.nonce)
      return commits.afterCommit(() => caller.link.send(message));
    const digest = caller.submitted?.get(message.id) ?? '';
    caller.submitted?.delete(message.id);
    const proof = decisionProofs.add(decisionProofText(caller.hello.nonce, digest, message));
    commits.afterCommit(() => caller.link.send({ ...message, proof: proof() }));
  };
  const approvers = () => [...callers].filter((c) => c.role === 'approver' && c.hello !== undefined);
  /** approvers a step-up may wait for: not those that only look (`aarm status`, `aarm pending`) */
  const answeringApprovers = () => approvers().filter((c) => c.hello?.answers !== false);
  const checkpoints = createCheckpoints({
    store,
    signingKey: options.signingKey,
    chainOk: options.chain.ok,
    commitNow: commits.commitNow,
    save: options.saveCheckpoint,
    telemetry: options.telemetry,
  });
  const approvalWindow = createApprovalWindow(store, log);
  const recorder = createRecorder({
    store,
    signingKey: options.signingKey,
    clock,
    commits,
    log,
    published: (receipt) => {
      checkpoints.noteHead(receipt.body.id);
      approvalWindow.add(receipt.body);
      options.telemetry?.publish({ type: 'receipt', record: receipt });
      for (const listener of listeners) listener(receipt);
    },
    watched: () => approvers().length > 0,
    showLive: (receipt) => {
      for (const approver of approvers()) send(approver, { type: 'receipt', receipt });
    },
  });
  const gate: GateContext = {
    clock,
    log,
    human: options.human,
    signingKey: options.signingKey,
    store,
    chain: options.chain,
    judgeDeps: options.judgeDeps,
    telemetry: options.telemetry,
    telemetryError: options.telemetryError,
    confinement: options.confinement ?? { enabled: false, detail: 'not configured' },
    egress: options.egress,
    toldUnconfined: new Set(),
    policyStatus: options.policyStatus,
    deferTimeoutMs: options.deferTimeoutMs,
    replay: options.replay,
    recorder,
    commits,
    approvals: createApprovalService({
      store,
      clock,
      signGrant: (grant) => signGrant(options.signingKey, grant),
      // Checked against the keys this daemon signs with, never against the keys table of the
      // database, where anything that can write the file could add its own.
      grantHolds: (grant) => grantHolds(options.trustedKeys, grant),
      timeoutMs: options.approvalTimeoutMs,
      broadcast: (message) => {
        for (const approver of approvers()) send(approver, message);
      },
    }),
    sessions: createSessionManager({
      home: options.userHome,
      persistence: store,
      ...(options.readSecretFile ? { readSecretFile: options.readSecretFile } : {}),
      now: () => new Date(clock.now()),
    }),
    approvedRules: options.approvedRules
      ? createApprovedRules({
          ...options.approvedRules,
          store,
          judgeDeps: options.judgeDeps,
          now: () => new Date(clock.now()),
          log,
          ...(options.ruleUses ? { usesOf: (approved) => options.ruleUses!.usesOf(approved) } : {}),
        })
      : undefined,
    ruleUses: options.ruleUses,
    approverKeys: options.approverKeys,
    underAgent: (caller) => options.underAgent?.(caller),
    greeted: (caller) => options.greeted?.(caller),
    outerSession: (caller) => options.outerSession?.(caller),
    fromTerminal: (caller) => options.fromTerminal?.(caller),
    bindings: createSessionBindings(options.userHome),
    waiters: createContextWaiters(),
    queues: createSessionQueues(MAX_WAITING_PER_SESSION, log),
    callers,
    awaitingByToolUse: new Map(),
    deferred: 0,
    shuttingDown: false,
    started: clock.now(),
    approvalWindow,
    send,
    approvers,
    answeringApprovers,
  };

  return {
    connect(link, role, preset) {
      const caller: Caller = {
        link,
        role,
        hello: preset?.hello,
        session: preset?.session ?? clock.newId('sess'),
        sessions: new Set(preset?.session ? [preset.session] : []),
        awaitingOutcome: new Map(),
        ...(preset?.peerPort ? { peerPort: preset.peerPort } : {}),
      };
      callers.add(caller);
      return caller;
    },
    disconnect: (caller) => {
      callers.delete(caller);
      caller.replaying?.abort();
      // A terminal approver's key lives as long as its connection (`aarm approve`).
      options.approverKeys.forget(caller);
    },
    handle(caller, text) {
      try {
        handleMessage(gate, caller, text);
      } catch (error) {
        log(`error: ${(error as Error).stack ?? String(error)}`);
        send(caller, {
          type: 'error',
          code: 'internal',
          message: `internal error: ${(error as Error).message}`,
        });
      }
    },
    send,
    onReceipt: (listener) => listeners.push(listener),
    checkpoints,
    approverKeys: options.approverKeys,
    grantsChanged() {
      for (const approver of approvers()) send(approver, { type: 'grants_changed' });
    },
    egressExpired(grant, egressLog) {
      if (store.hasOutcome(grant.receiptId)) return;
      for (const caller of callers) caller.awaitingOutcome.delete(grant.receiptId);
      gate.recorder.outcome(grant.session, grant.receiptId, {
        status: 'error',
        error: 'no outcome was reported; the egress proxy closed when the command stopped using it',
        egress: egressLog,
      });
    },
    async drain(reason) {
      gate.shuttingDown = true;
      gate.egress?.closeAll();
      gate.approvals.refuseAll(`the daemon shut down: ${reason}`);
      gate.waiters.wakeAll();
      await gate.queues.drained();
      commits.commitNow(); // the last answers go out before the transports close
    },
  };
}

function handleMessage(gate: GateContext, caller: Caller, text: string): void {
  const message = parse(gate, caller, text);
  if (message === undefined) return;
  if (caller.hello === undefined) return sayHello(gate, caller, message);
  if (message.type === 'hello')
    return gate.send(caller, { type: 'error', code: 'bad_message', message: '`hello` was already received' });
  const refuse = (what: string) => refuseForRole(gate, caller, message.id, what);
  const agent = caller.role === 'agent';
  switch (message.type) {
    case 'submit':
      return agent ? submit(gate, caller, message) : refuse('submit actions');
    case 'outcome':
      return agent ? reportOutcome(gate, caller, message) : refuse('report outcomes');
    case 'context':
      return giveContext(gate, caller, message);
    case 'approve':
      return agent ? refuse('answer an approval request') : answerApproval(gate, caller, message);
    case 'propose_rule':
      return agent ? refuse('ask for a rule proposal') : proposeRule(gate, caller, message);
    case 'grants':
      return agent ? refuse('list grants') : listGrants(gate, caller, message.id);
    case 'revoke':
      return agent ? refuse('revoke grants') : revokeGrant(gate, caller, message);
    case 'sessions':
      return agent ? refuse('list sessions') : listSessions(gate, caller, message);
    case 'receipts':
      return agent ? refuse('read receipts') : listReceipts(gate, caller, message);
    case 'status':
      return reportStatus(gate, caller, message);
    case 'register_approver':
      return agent ? refuse('register an approver key') : registerApprover(gate, caller, message);
    case 'confirm_approver':
      return agent ? refuse('confirm an approver key') : confirmApprover(gate, caller, message);
    case 'approvers':
      return agent
        ? refuse('list approver keys')
        : gate.send(caller, { type: 'approvers', id: message.id, approvers: gate.approverKeys.list() });
    case 'remove_approver':
      return agent ? refuse('remove an approver key') : removeApprover(gate, caller, message);
    case 'replay':
      return agent ? refuse('replay a draft policy against the receipts') : replay(gate, caller, message);
  }
}

/** An approver's replay: answered when its thread is done, meanwhile the gate goes on (R1). */
function replay(
  gate: GateContext,
  caller: Caller,
  message: Extract<ClientMessage, { type: 'replay' }>,
): void {
  const { type: _type, id, ...request } = message;
  if (gate.replay === undefined)
    return gate.send(caller, {
      type: 'error',
      id,
      code: 'bad_message',
      message: 'this daemon cannot replay',
    });
  // One per connection: a second would take the place of the first's stop, and the first would
  // run on after its approver disconnected.
  if (caller.replaying !== undefined)
    return gate.send(caller, {
      type: 'error',
      id,
      code: 'bad_message',
      message:
        "another replay is running on this daemon (this connection's own); try again once it has finished",
    });
  const replaying = new AbortController();
  caller.replaying = replaying;
  void gate.replay(request, replaying.signal).then((result) => {
    if (caller.replaying === replaying) delete caller.replaying;
    if (replaying.signal.aborted) return; // the approver is gone
    gate.send(
      caller,
      result.ok
        ? { type: 'replay', id, ...result.report }
        : { type: 'error', id, code: 'bad_message', message: result.error },
    );
  });
}

/** The message, or undefined after answering why it cannot be read. A submit that cannot be read is denied with a receipt. */
function parse(gate: GateContext, caller: Caller, text: string): ClientMessage | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    gate.send(caller, {
      type: 'error',
      code: 'bad_json',
      message: `message is not JSON: ${(error as Error).message}`,
    });
    return undefined;
  }
  // Before anything recurses over it: validation, redaction and canonical JSON all do.
  const tooDeep = nestedDeeperThan(raw);
  const parsed = tooDeep ? undefined : ClientMessageSchema.safeParse(raw);
  if (parsed?.success) return parsed.data;
  const rawId = isRecord(raw) && typeof raw.id === 'string' ? { id: raw.id } : {};
  const problem = parsed ? describeIssues(parsed.error) : tooDeepMessage('the message');
  if (caller.hello && isRecord(raw) && raw.type === 'submit' && caller.role === 'agent') {
    const receipt = gate.recorder.action(
      caller.session,
      judgeInvalid(`malformed submit message: ${problem}`, text, gate.judgeDeps),
      anonymousIdentity(gate, caller),
    );
    gate.send(caller, {
      type: 'error',
      ...rawId,
      code: 'bad_message',
      message: `${problem} (denied, receipt ${receipt.body.id})`,
    });
  } else gate.send(caller, { type: 'error', ...rawId, code: 'bad_message', message: problem });
  return undefined;
}

function sayHello(gate: GateContext, caller: Caller, message: ClientMessage): void {
  const refuseAndClose = (
    code: 'hello_required' | 'protocol_mismatch' | 'forbidden',
    text: string,
    close: number,
    why: string,
  ) => {
    gate.send(caller, { type: 'error', code, message: text });
    gate.commits.afterCommit(() => caller.link.close(close, why));
  };
  if (message.type !== 'hello')
    return refuseAndClose(
      'hello_required',
      'the first message must be `hello`',
      CLOSE.helloRequired,
      'hello required',
    );
  if (message.protocol !== PROTOCOL_VERSION)
    return refuseAndClose(
      'protocol_mismatch',
      `this daemon speaks protocol ${PROTOCOL_VERSION}, the client ${message.protocol}`,
      CLOSE.protocolMismatch,
      'protocol mismatch',
    );
  // T1: the approver credential used from under an agent (a same-user agent read it) is refused outright.
  const underAgent = caller.role === 'approver' ? gate.underAgent(caller) : undefined;
  if (underAgent !== undefined)
    return refuseAndClose(
      'forbidden',
      `an approver connection from a process of ${underAgent}, which runs under a coding agent, is refused: only a human approves`,
      CLOSE.approverUnderAgent,
      'approver under an agent',
    );
  caller.hello = message;
  const outer = caller.role === 'agent' ? gate.outerSession(caller) : undefined;
  if (outer !== undefined) caller.inheritedSession = outer;
  caller.session = outer ?? message.session ?? caller.session;
  caller.sessions.add(caller.session);
  gate.send(caller, {
    type: 'welcome',
    protocol: PROTOCOL_VERSION,
    daemon: { version: DAEMON_VERSION },
    role: caller.role,
    session: caller.session,
    ...(message.nonce
      ? {
          proof: {
            keyId: gate.signingKey.keyId,
            signature: signCanonical(gate.signingKey, daemonProofText(message.nonce)),
          },
        }
      : {}),
  });
  // After the welcome is on its way, still before any other message is handled: checking a hook's
  // process in procfs (~2 ms) then overlaps the client's check of the welcome, not the round trip.
  gate.greeted(caller);
  if (caller.role === 'approver') for (const request of gate.approvals.pending()) gate.send(caller, request);
}
