/** What the gate's parts share: its services, its callers, and the little mutable state it keeps. */
import type { ApprovalWindow } from './approval-window.js';
import type { ApprovedRules } from './approval-rules.js';
import type { RuleUses } from './rule-uses.js';
import type { ChainCheck } from '../receipts/chain-check.js';
import type { ReceiptStore } from '../receipts/store.js';
import type { SigningKey } from '../receipts/keys.js';
import type { EgressGrant, EgressLog, ReplayReport, ServerMessage } from '../protocol/index.js';
import type { JudgeDeps } from '../pipeline/judge.js';
import type { Telemetry } from '../telemetry/index.js';
import type { ApprovalService } from './approvals.js';
import type { ApproverRegistry } from './approver-keys.js';
import type { Caller } from './caller.js';
import type { Clock } from './clock.js';
import type { GroupCommit } from './commit.js';
import type { ContextWaiters } from './context-waiters.js';
import type { Human } from './identity.js';
import type { SessionQueues } from './queues.js';
import type { Recorder } from './recorder.js';
import type { SessionManager } from './sessions.js';
import type { SessionBindings } from './session-binding.js';

/** The policy in force, as `status` reports it. */
export interface PolicyStatus {
  hash: string;
  files: string[];
  errors: string[];
}

/** Whether the daemon confines allowed shell commands; `detail` says how, or why not. */
export interface ConfinementStatus {
  enabled: boolean;
  detail: string;
  /** when not enabled: why, in a few words */
  reason?: string;
}

/** The daemon's egress proxy (confinement/egress.ts): one socket per allowed command with `network: proxy`. */
export interface EgressService {
  /** the socket's path, for the runner to bind into the sandbox */
  open(grant: EgressGrant): Promise<string>;
  /** closed once the outcome arrives: what went through, for its receipt */
  close(receiptId: string): EgressLog | undefined;
  closeAll(): void;
}

/**
 * A draft judged against the recorded actions (issue 22), off the event loop (main/replay-thread.ts);
 * `cancel` stops it (the approver that asked is gone).
 */
export type ReplayDraft = (
  request: {
    policies: string[];
    session?: string | undefined;
    since?: string | undefined;
    recentSessions?: number | undefined;
  },
  cancel: AbortSignal,
) => Promise<{ ok: true; report: ReplayReport } | { ok: false; error: string }>;

export interface GateContext {
  /** approvers' `replay` requests; absent: this daemon cannot replay */
  replay?: ReplayDraft | undefined;
  clock: Clock;
  log: (line: string) => void;
  human: Human;
  /** signs the welcome's and decisions' proofs (protocol/daemon-proof.ts) */
  signingKey: SigningKey;
  store: ReceiptStore;
  chain: ChainCheck;
  judgeDeps: JudgeDeps;
  telemetry: Telemetry | undefined;
  telemetryError: string | undefined;
  confinement: ConfinementStatus;
  egress: EgressService | undefined;
  /** sessions already told that their commands run unconfined (the daemon does not confine) */
  toldUnconfined: Set<string>;
  policyStatus: () => PolicyStatus;
  deferTimeoutMs: number;
  recorder: Recorder;
  commits: GroupCommit;
  approvals: ApprovalService;
  /** "always" answers written as rules into the user's policy (absent: no user policy folder) */
  approvedRules: ApprovedRules | undefined;
  /** the uses of approved rules with a maximum, taken as actions are judged */
  ruleUses: RuleUses | undefined;
  sessions: SessionManager;
  bindings: SessionBindings;
  approverKeys: ApproverRegistry;
  /** the agent process this caller runs under, if any (`undefined`: not under an agent, or not knowable here) */
  underAgent(caller: Caller): string | undefined;
  greeted(caller: Caller): void;
  outerSession(caller: Caller): string | undefined;
  fromTerminal(caller: Caller): boolean | undefined;
  waiters: ContextWaiters;
  queues: SessionQueues;
  callers: Set<Caller>;
  /** allowed actions awaiting an outcome, by the agent's own tool-use id (hooks report from another process) */
  awaitingByToolUse: Map<string, { receiptId: string; session: string }>;
  /** actions waiting for their context now */
  deferred: number;
  shuttingDown: boolean;
  started: number;
  /** approval quality over the newest receipts, for `status` */
  approvalWindow: ApprovalWindow;
  /** every message to a caller goes through here: after the group commit (commit.ts) */
  send(caller: Caller, message: ServerMessage): void;
  /** approver callers that said hello */
  approvers(): Caller[];
  /** the approvers a step-up may wait for (not those that only look) */
  answeringApprovers(): Caller[];
}

export const toolUseKey = (session: string, toolUseId: string) => `${session}\u0000${toolUseId}`;
