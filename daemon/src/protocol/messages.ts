/**
 * Every WebSocket message between a client (agent, CLI, approver) and the daemon. The first
 * message on a connection must be `hello`; the daemon answers `welcome` or closes.
 */
import { z } from 'zod';
import { DecisionSchema, VerdictSchema, type Decision } from './decision.js';
import { ApprovalScopeSchema, OutcomeSchema } from './receipt.js';
import type { Identity } from './action.js';
import type { Receipt } from './receipt.js';
import type { SessionSnapshot } from './session.js';

export const PROTOCOL_VERSION = 1;

/** Largest WebSocket frame the daemon accepts; larger frames close the connection (code 1009). */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

const Id = z.string().min(1).max(128);

/** client → daemon, first message: who is connecting and which protocol it speaks */
export const HelloSchema = z.strictObject({
  type: z.literal('hello'),
  protocol: z.number().int(),
  client: z.strictObject({ name: z.string().min(1).max(128), version: z.string().max(64).optional() }),
  /** default session for actions that do not name one */
  session: z.string().min(1).max(256).optional(),
});

/** client → daemon: judge this action; `action` is validated separately so that a bad one still gets a receipt */
export const SubmitSchema = z.strictObject({
  type: z.literal('submit'),
  id: Id,
  action: z.unknown(),
  /** the agent's own adapter can ask its user: with no approver connected, a step-up is handed back (verdict `ask`) */
  agentCanAsk: z.boolean().optional(),
});

/** client → daemon: the user's original request for a session (R2, R3); releases actions deferred for it */
export const ContextMessageSchema = z.strictObject({
  type: z.literal('context'),
  id: Id,
  session: z.string().min(1).max(256).optional(),
  request: z
    .string()
    .min(1)
    .max(64 * 1024),
});

/** approver → daemon: the answer to an approval request; an agent connection may never send it */
export const ApproveSchema = z.strictObject({
  type: z.literal('approve'),
  id: Id,
  approvalId: z.string().min(1),
  answer: z.enum(['allow', 'deny']),
  /** once: this action; session: the same kind of action for the rest of the session; always: in this workspace until revoked */
  scope: ApprovalScopeSchema.optional(),
  note: z.string().max(1024).optional(),
});

/** approver → daemon: list the standing grants */
export const ListGrantsSchema = z.strictObject({ type: z.literal('grants'), id: Id });

/** approver → daemon: withdraw a grant */
export const RevokeGrantSchema = z.strictObject({
  type: z.literal('revoke'),
  id: Id,
  grantId: z.string().min(1),
});

/**
 * client → daemon: what happened when an allowed action ran. By `receiptId` from the connection
 * that submitted it, or — for hooks, where another process reports — by the agent's `toolUseId`
 * in the same `session`.
 */
export const ReportOutcomeSchema = z
  .strictObject({
    type: z.literal('outcome'),
    id: Id,
    receiptId: z.string().min(1).optional(),
    toolUseId: z.string().min(1).max(256).optional(),
    session: z.string().min(1).max(256).optional(),
    outcome: OutcomeSchema,
  })
  .refine((m) => (m.receiptId === undefined) !== (m.toolUseId === undefined), {
    message: 'give exactly one of `receiptId` and `toolUseId`',
  });

/** approver → daemon: the sessions that have receipts, the most recently active first */
export const ListSessionsSchema = z.strictObject({
  type: z.literal('sessions'),
  id: Id,
  limit: z.number().int().min(1).max(1000).optional(),
  /** page on: sessions last active before this `lastSeq` */
  before: z.number().int().positive().optional(),
});

/** approver → daemon: the newest receipts of a session (or of all) */
export const ListReceiptsSchema = z.strictObject({
  type: z.literal('receipts'),
  id: Id,
  session: z.string().min(1).max(256).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  /** page on: receipts before this `sessionSeq` (of a session) or `seq` (of all) */
  before: z.number().int().positive().optional(),
});

/** client → daemon: is the daemon healthy, which policy is in force */
export const StatusRequestSchema = z.strictObject({ type: z.literal('status'), id: Id });

export const ClientMessageSchema = z.discriminatedUnion('type', [
  HelloSchema,
  SubmitSchema,
  ReportOutcomeSchema,
  StatusRequestSchema,
  ContextMessageSchema,
  ApproveSchema,
  ListGrantsSchema,
  RevokeGrantSchema,
  ListSessionsSchema,
  ListReceiptsSchema,
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;
export type Hello = z.infer<typeof HelloSchema>;

export type Role = 'agent' | 'approver';

/** daemon → client: the handshake succeeded; the role follows from the credential used */
export interface Welcome {
  type: 'welcome';
  protocol: number;
  daemon: { version: string };
  role: Role;
  session: string;
}

/** A standing approval: a human allowed this kind of action beyond one instance, until revoked. */
export interface Grant {
  id: string;
  created: string;
  scope: 'session' | 'always';
  /** the session it covers (scope `session`) */
  session?: string;
  /** the workspace it covers (scope `always`) */
  workspace?: string;
  /** the step-up rule it answers, and the kind of action (`git push`, `fs/read ~/.npmrc`, `net POST api.example.com`) */
  rule: string;
  key: string;
  approver: string;
  revoked?: { time: string; by: string };
}

/** daemon → approver: a human must decide; everything AARM asks an approver to see (R4) */
export interface ApprovalRequest {
  type: 'approval_request';
  approvalId: string;
  session: string;
  /** the action as judged (secrets replaced by digests) */
  action: Record<string, unknown>;
  decision: Decision;
  /** what the action does */
  effects: {
    reads: string[];
    writes: string[];
    deletes: string[];
    hosts: string[];
    risks: string[];
    unknown: string[];
  };
  /** the session so far: original request, prior actions, data classes touched, untrusted inputs */
  context: SessionSnapshot;
  identity: Identity;
  /** the kind of action a session or always grant would cover */
  key: string;
  expiresAt: string;
}

/** daemon → approvers: an approval was answered (by someone, or by the timeout) */
export interface ApprovalResolved {
  type: 'approval_resolved';
  approvalId: string;
  status: 'approved' | 'refused' | 'timeout';
  approver?: string;
}

/** daemon → approver: the standing grants */
export interface GrantsResult {
  type: 'grants';
  id: string;
  grants: Grant[];
}

/** What a viewer can tell about a stored record without the rest of the chain (R5). */
export interface ReceiptCheck {
  /** valid: the signature verifies over the body as stored */
  signature: 'valid' | 'invalid' | 'unknown_key';
  /** linked: the record names the one before it in the chain that was listed (its session's, or the daemon's) */
  chain: 'linked' | 'broken';
}

/** A stored receipt as approvers see it: the body, its hash and signature, and their check. */
export interface ReceiptView {
  body: Receipt;
  hash: string;
  sig: string;
  check: ReceiptCheck;
}

export interface SessionSummary {
  session: string;
  receipts: number;
  first: string;
  last: string;
  /** `seq` of its newest receipt */
  lastSeq: number;
}

/** daemon → approver: answer to `sessions` */
export interface SessionsResult {
  type: 'sessions';
  id: string;
  sessions: SessionSummary[];
}

/** daemon → approver: answer to `receipts`, in chain order */
export interface ReceiptsResult {
  type: 'receipts';
  id: string;
  session?: string;
  receipts: ReceiptView[];
  /** there are older ones: ask again with `before` set to the first one's `sessionSeq` (or `seq` for all) */
  more: boolean;
}

/** daemon → approvers, unasked: a receipt was just stored (checked against its session's chain) */
export interface ReceiptEvent {
  type: 'receipt';
  receipt: ReceiptView;
}

/** daemon → client: the decision on a submitted action; run it only when `verdict` is `allow` */
export const DecisionMessageSchema = z.strictObject({
  type: z.literal('decision'),
  id: z.string(),
  receiptId: z.string(),
  verdict: VerdictSchema,
  decision: DecisionSchema,
});
export type DecisionMessage = z.infer<typeof DecisionMessageSchema>;

/** daemon → client: the outcome was recorded */
export interface Ack {
  type: 'ack';
  id: string;
  receiptId: string;
}

/** daemon → client: answer to `status` */
export interface StatusResult {
  type: 'status';
  id: string;
  version: string;
  protocol: number;
  pid: number;
  uptimeMs: number;
  receipts: number;
  approvers: number;
  pendingApprovals: number;
  deferred: number;
  /** the start-up check of the receipt database: ok, or what was found changed (then every action is denied) */
  chain: { ok: true; records: number; warning?: string } | { ok: false; error: string };
  policy: { hash: string; files: string[]; errors: string[] };
  /** R8: each telemetry destination's counters; `error` when `telemetry.json` could not be used */
  telemetry?: { destinations: TelemetryDestinationStats[]; error?: string };
}

export interface TelemetryDestinationStats {
  name: string;
  /** delivered */
  sent: number;
  /** waiting in the buffer (and in flight) */
  queued: number;
  /** dropped because the buffer was full, refused by the destination, or left undelivered at shutdown */
  dropped: number;
  /** failed delivery attempts */
  failures: number;
  lastError?: string;
  lastSent?: string;
}

export const ERROR_CODES = [
  'bad_json',
  'bad_message',
  'hello_required',
  'protocol_mismatch',
  'unknown_receipt',
  'outcome_already_reported',
  'forbidden',
  'unknown_approval',
  'unknown_grant',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** daemon → client: the message could not be handled; the connection stays open unless said otherwise */
export interface ErrorMessage {
  type: 'error';
  id?: string;
  code: ErrorCode;
  message: string;
}

export type ServerMessage =
  | Welcome
  | DecisionMessage
  | Ack
  | StatusResult
  | ErrorMessage
  | ApprovalRequest
  | ApprovalResolved
  | GrantsResult
  | SessionsResult
  | ReceiptsResult
  | ReceiptEvent;

/** Close codes the daemon uses, with a reason string. */
export const CLOSE = { normal: 1000, goingAway: 1001, protocolMismatch: 4000, helloRequired: 4001 } as const;

/** A JSON object (not null, not an array): what a message, an action or its parameters must be. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A table entry by a name someone else chose (a program in a command, a word in a policy file):
 * `constructor` or `__proto__` is not an entry of a plain object literal.
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The text of a WebSocket frame, whichever form the socket library hands it over in. */
export function frameText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** How adapters say a decision to an agent or its user: `deny by rule R: reason (receipt …)`. */
export function describeDecision(reply: DecisionMessage, reason = reply.decision.reason): string {
  return `${reply.decision.decision} by rule ${reply.decision.rule}: ${reason} (receipt ${reply.receiptId})`;
}
