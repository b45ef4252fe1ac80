/**
 * Every WebSocket message between a client (agent, CLI, approver) and the daemon. The first
 * message on a connection must be `hello`; the daemon answers `welcome` or closes.
 */
import { z } from 'zod';
import { DecisionSchema, VerdictSchema } from './decision.js';
import { ApprovalScopeSchema, OutcomeSchema, ReceiptProofSchema, ReceiptSchema } from './receipt.js';
import { IdentitySchema } from './action.js';
import { MAX_RULE_USES } from './limits.js';
import type { SessionSnapshot } from './session.js';
import {
  ApproverRegistrationSchema,
  ApproversResultSchema,
  ConfirmApproverSchema,
  ListApproversSchema,
  RegisterApproverSchema,
  RemoveApproverSchema,
} from './approvers.js';

export { DAEMON_VERSION, PROTOCOL_VERSION, describeDecision, frameText } from './wire.js';
import { cannotRead, serverJson, type ServerRead } from './wire.js';

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
  /** the client's process id: the daemon learns which agent processes its hooks run under (T1) */
  pid: z.number().int().positive().optional(),
  /** a fresh random value the daemon signs in its welcome and in every decision (daemon-proof.ts) */
  nonce: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/)
    .optional(),
  /**
   * false: an approver connection that only looks (`aarm status`, `aarm pending`). A step-up is
   * never held for it: with no other approver it is refused at once, as with none.
   */
  answers: z.boolean().optional(),
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
  /** an allow is signed by a registered approver key over `approvalText(…)` (protocol/approvers.ts) */
  keyId: z.string().max(64).optional(),
  signature: z.string().max(200).optional(),
  /**
   * with `allow` and scope `always`: also write the rule of this `rule_proposal` into the user's
   * policy, signed by the same key over `ruleConfirmationText(…)` (protocol/approval-text.ts)
   */
  rule: z.strictObject({ proposalId: z.string().min(1).max(128), signature: z.string().max(200) }).optional(),
});

/**
 * approver → daemon: propose the rule an "always" answer to this pending approval would write
 * into the user's policy (answered with `rule_proposal`), with an optional expiry (ISO 8601) and
 * maximum number of uses (after which it no longer applies)
 */
export const ProposeRuleSchema = z.strictObject({
  type: z.literal('propose_rule'),
  id: Id,
  approvalId: z.string().min(1),
  expires: z.iso.datetime({ offset: true }).optional(),
  maxUses: z.number().int().positive().max(MAX_RULE_USES).optional(),
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

/**
 * approver → daemon: judge the recorded actions again under a draft policy (issue 22): the files
 * named replace the user's policy layer. Answered with `replay`, or an error.
 */
export const ReplayRequestSchema = z.strictObject({
  type: z.literal('replay'),
  id: Id,
  /** the draft's files: absolute paths the daemon reads */
  policies: z.array(z.string().min(1).max(4096)).min(1).max(32),
  session: z.string().min(1).max(256).optional(),
  /** only actions recorded at or after this time (ISO 8601) */
  since: z.string().min(1).max(64).optional(),
  /** only the most recently active sessions (default: all) */
  recentSessions: z.number().int().min(1).max(1000).optional(),
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
  ProposeRuleSchema,
  ListGrantsSchema,
  RevokeGrantSchema,
  ListSessionsSchema,
  ListReceiptsSchema,
  RegisterApproverSchema,
  ConfirmApproverSchema,
  ListApproversSchema,
  RemoveApproverSchema,
  ReplayRequestSchema,
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;
/** A client message that expects an answer, before the client gives it its id. */
export type ClientRequest = ClientMessage extends infer M
  ? M extends { id: string }
    ? Omit<M, 'id'>
    : never
  : never;
export type Hello = z.infer<typeof HelloSchema>;

export type Role = 'agent' | 'approver';

// daemon → client messages: schemas too, so every client parses what it receives instead of trusting
// a cast (a client that cannot read an answer treats it as no answer: fail closed).

/** daemon → client: the handshake succeeded; the role follows from the credential used */
export const WelcomeSchema = z.object({
  type: z.literal('welcome'),
  protocol: z.number(),
  daemon: z.object({ version: z.string() }),
  role: z.enum(['agent', 'approver']),
  session: z.string(),
  /** the daemon's signature over the hello's nonce, by its receipt key `keyId` */
  proof: z.object({ keyId: z.string(), signature: z.string() }).optional(),
});
export type Welcome = z.infer<typeof WelcomeSchema>;

/** A standing approval: a human allowed this kind of action beyond one instance, until revoked. */
export const GrantSchema = z.object({
  id: z.string(),
  created: z.string(),
  scope: z.enum(['session', 'always']),
  /** the session it covers (scope `session`) */
  session: z.string().optional(),
  /** the workspace it covers (scope `always`) */
  workspace: z.string().optional(),
  /** the step-up rule it answers, and the kind of action (`git push`, `fs/read ~/.npmrc`, `net POST api.example.com`) */
  rule: z.string(),
  key: z.string(),
  /** the agent whose action earned it; a session grant covers only that agent's actions */
  agent: z.string().optional(),
  approver: z.string(),
  revoked: z.object({ time: z.string(), by: z.string() }).optional(),
  /** signed by the daemon when a human's answer made it; a grant without a valid signature is ignored */
  keyId: z.string().optional(),
  sig: z.string().optional(),
  /** set when listed: the signature does not hold, so the grant covers nothing (it was not made by aarm) */
  untrusted: z.boolean().optional(),
});
export type Grant = z.infer<typeof GrantSchema>;

const SessionSnapshotSchema: z.ZodType<SessionSnapshot> = z.object({
  id: z.string(),
  request: z.string(),
  hasRequest: z.boolean(),
  laterRequests: z.array(z.string()).optional(),
  actions: z.number(),
  allowed: z.number(),
  denied: z.number(),
  recentActions: z.number(),
  dataClasses: z.array(z.string()),
  untrusted: z.boolean(),
  untrustedSources: z.array(z.string()),
  reads: z.number(),
  unknownReads: z.number(),
  egress: z.number(),
  secretInParameters: z.boolean(),
  identified: z.boolean(),
  priorActions: z.array(
    z.object({
      tool: z.string(),
      operation: z.string(),
      summary: z.string(),
      decision: z.string(),
      verdict: z.string(),
      outcome: z.string(),
    }),
  ),
});

/** A text as an approver reads it: secret-shaped spans masked, at most a cap, with its full size. */
export const ShownTextSchema = z.object({
  text: z.string(),
  /** UTF-8 bytes of the whole text as the agent sent it */
  bytes: z.number(),
  /** UTF-8 bytes of `text`; less than the whole when `cut` */
  shownBytes: z.number(),
  /** `text` is only the start: the rest was not sent */
  cut: z.boolean(),
  /** secret-shaped values replaced by their digest */
  masked: z.number(),
});
export type ShownText = z.infer<typeof ShownTextSchema>;

/**
 * What the receipt form of the action keeps only as digests, for approvers only (never stored):
 * what a write writes, what a request sends, the environment a command runs with (R4).
 */
export const DisclosedSchema = z.object({
  /** the text a file write writes (for an edit: the new text) */
  content: ShownTextSchema.optional(),
  /** the body a network request sends */
  body: ShownTextSchema.optional(),
  /** the variables a command runs with; `changesPrograms`: which programs or code run, or how */
  env: z
    .array(
      z.object({
        name: z.string(),
        value: ShownTextSchema,
        changesPrograms: z.boolean(),
        /** the name says secret: the value is shown only as its digest */
        secret: z.boolean(),
      }),
    )
    .optional(),
});
export type Disclosed = z.infer<typeof DisclosedSchema>;

/** daemon → approver: a human must decide; everything AARM asks an approver to see (R4) */
export const ApprovalRequestSchema = z.object({
  type: z.literal('approval_request'),
  approvalId: z.string(),
  session: z.string(),
  /** the action as judged (secrets replaced by digests) */
  action: z.record(z.string(), z.unknown()),
  decision: DecisionSchema,
  /** what the action does */
  effects: z.object({
    reads: z.array(z.string()),
    writes: z.array(z.string()),
    deletes: z.array(z.string()),
    hosts: z.array(z.string()),
    risks: z.array(z.string()),
    unknown: z.array(z.string()),
    /** the network is used, even where no host is known (absent from older daemons: not known) */
    network: z.boolean().optional(),
  }),
  /** what the action writes or sends in full (the `action` above has digests in their place) */
  disclosed: DisclosedSchema.optional(),
  /** the session so far: original request, prior actions, data classes touched, untrusted inputs */
  context: SessionSnapshotSchema,
  /** the session's first request, when a later one replaced it (`context.request`), and how often */
  firstRequest: z
    .object({ request: z.string(), changes: z.number(), latest: z.string().optional() })
    .optional(),
  identity: IdentitySchema,
  /** exactly what a session or always grant would cover: the program and arguments, and the effects shown */
  key: z.string(),
  /** the answers the daemon accepts: a critical risk only once, a high one not always */
  scopes: z.array(z.enum(['once', 'session', 'always'])).default(['once', 'session', 'always']),
  expiresAt: z.string(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

/** daemon → approvers: an approval was answered (by someone, or by the timeout) */
export const ApprovalResolvedSchema = z.object({
  type: z.literal('approval_resolved'),
  approvalId: z.string(),
  status: z.enum(['approved', 'refused', 'timeout']),
  approver: z.string().optional(),
});
export type ApprovalResolved = z.infer<typeof ApprovalResolvedSchema>;

/**
 * A rule an "always" answer wrote into the user's policy (docs/approvals.md): the exception of the
 * step-up rule and the allow for exactly one action, with their provenance.
 */
export const ApprovedRuleSchema = z.object({
  id: z.string(),
  /** the step-up rule it stands aside from */
  rule: z.string(),
  /** the action it allows, in words */
  action: z.string(),
  /** the workspace it allows it in, read from its condition (never from the words) */
  workspace: z.string().optional(),
  file: z.string(),
  approver: z.string(),
  approval: z.string(),
  receipt: z.string().optional(),
  date: z.string(),
  expires: z.string().optional(),
  /** at most this many actions (`max_uses`), and how many it allowed so far (counted from the receipts) */
  maxUses: z.number().optional(),
  uses: z.number().optional(),
});
export type ApprovedRule = z.infer<typeof ApprovedRuleSchema>;

/** daemon → approver: the standing grants, and the rules "always" answers wrote */
export const GrantsResultSchema = z.object({
  type: z.literal('grants'),
  id: z.string(),
  grants: z.array(GrantSchema),
  rules: z.array(ApprovedRuleSchema).optional(),
});

/**
 * daemon → approver: the rule an "always" answer would write (the YAML as it goes in the file,
 * before the approver key and receipt are filled in), and the past actions it would have allowed
 */
export const RuleProposalSchema = z.object({
  type: z.literal('rule_proposal'),
  id: z.string(),
  approvalId: z.string(),
  proposalId: z.string(),
  file: z.string(),
  text: z.string(),
  /** receipts of past actions this rule would have allowed (the same action, stepped up by the same rule) */
  receipts: z.array(z.string()),
  count: z.number(),
});
export type RuleProposal = z.infer<typeof RuleProposalSchema>;
export type GrantsResult = z.infer<typeof GrantsResultSchema>;

/**
 * daemon → approvers, unasked: the standing grants or the rules "always" answers wrote changed (one
 * was made, revoked, written, removed, expired, or the policy files were edited); ask `grants` again
 */
export const GrantsChangedSchema = z.object({ type: z.literal('grants_changed') });
export type GrantsChanged = z.infer<typeof GrantsChangedSchema>;

/** What a viewer can tell about a stored record without the rest of the chain (R5). */
export const ReceiptCheckSchema = z.object({
  /** valid: the signature verifies over the body as stored */
  signature: z.enum(['valid', 'invalid', 'unknown_key']),
  /** linked: the record names the one before it in the chain that was listed (its session's, or the daemon's) */
  chain: z.enum(['linked', 'broken']),
});
export type ReceiptCheck = z.infer<typeof ReceiptCheckSchema>;

/** A stored receipt as approvers see it: the body, its hash and signature or group proof, and their check. */
export const ReceiptViewSchema = z.object({
  body: ReceiptSchema,
  hash: z.string(),
  /** `''` for a record of a group commit, which `proof` proves */
  sig: z.string(),
  proof: ReceiptProofSchema.optional(),
  check: ReceiptCheckSchema,
});
export type ReceiptView = z.infer<typeof ReceiptViewSchema>;

export const SessionSummarySchema = z.object({
  session: z.string(),
  receipts: z.number(),
  first: z.string(),
  last: z.string(),
  /** `seq` of its newest receipt */
  lastSeq: z.number(),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

/** daemon → approver: answer to `sessions` */
export const SessionsResultSchema = z.object({
  type: z.literal('sessions'),
  id: z.string(),
  sessions: z.array(SessionSummarySchema),
});
export type SessionsResult = z.infer<typeof SessionsResultSchema>;

/** One line of a replay: the actions the draft now decides differently, by its deciding rule. */
export const ReplayChangeSchema = z.object({
  /** the draft's decision: allow, deny, step_up (ask a human), modify or defer */
  now: z.string(),
  rule: z.string(),
  count: z.number(),
  /** in chain order, with what was decided when each ran */
  receipts: z.array(
    z.object({ id: z.string(), session: z.string(), time: z.string(), was: z.string(), wasRule: z.string() }),
  ),
});
export type ReplayChange = z.infer<typeof ReplayChangeSchema>;

/**
 * Actions the daemon decided itself, not its policy (a session-binding refusal, a broken chain): a
 * draft cannot change them, so they are not replayed, only listed by the daemon's rule.
 */
export const ReplayDaemonDecidedSchema = z.object({
  rule: z.string(),
  count: z.number(),
  /** in chain order */
  receipts: z.array(z.object({ id: z.string(), session: z.string(), time: z.string(), was: z.string() })),
});
export type ReplayDaemonDecided = z.infer<typeof ReplayDaemonDecidedSchema>;

/** What `aarm replay --json` prints, and the `replay` answer carries. */
export const ReplayReportSchema = z.object({
  /** action receipts judged again */
  replayed: z.number(),
  sessions: z.number(),
  unchanged: z.number(),
  changes: z.array(ReplayChangeSchema),
  /** not replayed: decided by the daemon, not policy (absent in the answer of an older daemon) */
  daemonDecided: z.array(ReplayDaemonDecidedSchema).optional(),
});
export type ReplayReport = z.infer<typeof ReplayReportSchema>;

/** daemon → approver: answer to `replay` */
export const ReplayResultSchema = ReplayReportSchema.extend({ type: z.literal('replay'), id: z.string() });
export type ReplayResult = z.infer<typeof ReplayResultSchema>;

/** daemon → approver: answer to `receipts`, in chain order */
export const ReceiptsResultSchema = z.object({
  type: z.literal('receipts'),
  id: z.string(),
  session: z.string().optional(),
  receipts: z.array(ReceiptViewSchema),
  /** there are older ones: ask again with `before` set to the first one's `sessionSeq` (or `seq` for all) */
  more: z.boolean(),
});
export type ReceiptsResult = z.infer<typeof ReceiptsResultSchema>;

/** daemon → approvers, unasked: a receipt was just stored (checked against its session's chain) */
export const ReceiptEventSchema = z.object({ type: z.literal('receipt'), receipt: ReceiptViewSchema });
export type ReceiptEvent = z.infer<typeof ReceiptEventSchema>;

/** daemon → client: the decision on a submitted action; run it only when `verdict` is `allow` */
export const DecisionMessageSchema = z.strictObject({
  type: z.literal('decision'),
  id: z.string(),
  receiptId: z.string(),
  verdict: VerdictSchema,
  decision: DecisionSchema,
  /**
   * when the client's hello had a nonce: this decision's inclusion in a batch the daemon signed
   * (daemon-proof.ts): `decisionProofText(nonce, …)` is leaf `index` of `size`, `path` leads to the
   * root, and `sig` signs `decisionBatchText(size, root)`
   */
  proof: z
    .strictObject({
      index: z.number().int().nonnegative(),
      size: z.number().int().positive(),
      path: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(64),
      sig: z.string().regex(/^[\w-]{86}$/),
    })
    .optional(),
  /**
   * For an allowed command confined with `network: proxy`: the daemon's egress proxy socket for this
   * one command, which lets through only the decision's hosts (the runner binds it into the sandbox)
   */
  egress: z.strictObject({ socket: z.string().min(1).max(4096) }).optional(),
});
export type DecisionMessage = z.infer<typeof DecisionMessageSchema>;

/** daemon → client: the outcome was recorded */
export const AckSchema = z.object({ type: z.literal('ack'), id: z.string(), receiptId: z.string() });
export type Ack = z.infer<typeof AckSchema>;

export const TelemetryDestinationStatsSchema = z.object({
  name: z.string(),
  /** delivered */
  sent: z.number(),
  /** waiting in the buffer (and in flight) */
  queued: z.number(),
  /** dropped because the buffer was full, refused by the destination, or left undelivered at shutdown */
  dropped: z.number(),
  /** failed delivery attempts */
  failures: z.number(),
  lastError: z.string().optional(),
  lastSent: z.string().optional(),
});
export type TelemetryDestinationStats = z.infer<typeof TelemetryDestinationStatsSchema>;

const ApprovalCountsSchema = z.object({
  asked: z.number(),
  approved: z.number(),
  refused: z.number(),
  timedOut: z.number(),
  approvalRate: z.number().nullable(),
  medianDecisionMs: z.number().nullable(),
  quickRuns: z.number(),
  longestQuickRun: z.number(),
  advice: z.enum(['noise', 'catches']).optional(),
});

/** Approval quality (protocol/approval-stats.ts) over the window the daemon keeps. */
export const StatusApprovalsSchema = ApprovalCountsSchema.extend({
  byAgent: z.array(ApprovalCountsSchema.extend({ agent: z.string() })),
  byRule: z.array(ApprovalCountsSchema.extend({ rule: z.string() })),
  first: z.string().optional(),
  last: z.string().optional(),
  /** what the counts cover, in words: "the last 10000 receipts" */
  window: z.string(),
});

/** daemon → client: answer to `status` */
export const StatusResultSchema = z.object({
  type: z.literal('status'),
  id: z.string(),
  version: z.string(),
  protocol: z.number(),
  pid: z.number(),
  uptimeMs: z.number(),
  receipts: z.number(),
  approvers: z.number(),
  pendingApprovals: z.number(),
  deferred: z.number(),
  /** the start-up check of the receipt database: ok, or what was found changed (then every action is denied) */
  chain: z.union([
    z.object({ ok: z.literal(true), records: z.number(), warning: z.string().optional() }),
    z.object({ ok: z.literal(false), error: z.string() }),
  ]),
  policy: z.object({ hash: z.string(), files: z.array(z.string()), errors: z.array(z.string()) }),
  /** whether allowed shell commands run confined (bubblewrap), and how or why not */
  confinement: z.object({ enabled: z.boolean(), detail: z.string() }).optional(),
  /** R8: each telemetry destination's counters; `error` when `telemetry.json` could not be used */
  telemetry: z
    .object({ destinations: z.array(TelemetryDestinationStatsSchema), error: z.string().optional() })
    .optional(),
  /** how the humans answer step-ups: counts, time to decide, quick runs, by agent and by rule */
  approvals: StatusApprovalsSchema.optional(),
});
export type StatusResult = z.infer<typeof StatusResultSchema>;

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
  'scope_not_offered',
  'no_rule',
  'unsigned_approval',
  'unknown_approver',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** daemon → client: the message could not be handled; the connection stays open unless said otherwise */
export const ErrorMessageSchema = z.object({
  type: z.literal('error'),
  id: z.string().optional(),
  code: z.enum(ERROR_CODES),
  message: z.string(),
});
export type ErrorMessage = z.infer<typeof ErrorMessageSchema>;

export const ServerMessageSchema = z.discriminatedUnion('type', [
  WelcomeSchema,
  DecisionMessageSchema,
  AckSchema,
  StatusResultSchema,
  ErrorMessageSchema,
  ApprovalRequestSchema,
  ApprovalResolvedSchema,
  GrantsResultSchema,
  GrantsChangedSchema,
  RuleProposalSchema,
  SessionsResultSchema,
  ReceiptsResultSchema,
  ReceiptEventSchema,
  ApproversResultSchema,
  ApproverRegistrationSchema,
  ReplayResultSchema,
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

/** A frame from the daemon, parsed and checked; a message that is not one is an error, never a guess. */
export function parseServerMessage(text: string): ServerRead<ServerMessage> {
  const json = serverJson(text);
  if (!json.ok) return json;
  const parsed = ServerMessageSchema.safeParse(json.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return cannotRead(issue ? `${issue.path.join('.') || 'message'}: ${issue.message}` : 'invalid');
}

/** Close codes the daemon uses, with a reason string. */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  protocolMismatch: 4000,
  helloRequired: 4001,
  /** an approver connection from a process that runs under a coding agent (T1) */
  approverUnderAgent: 4003,
} as const;

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
