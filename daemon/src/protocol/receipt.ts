/**
 * Receipts (R5): one signed, hash-chained record per action, and one per reported outcome.
 * A record's hash is the SHA-256 of the RFC 8785 canonical JSON of its body; `prevHash` links every
 * record to the one before it in the daemon's chain, `sessionPrevHash` to the one before it in
 * the same session, so an export of one session verifies on its own. The daemon signs once per
 * group commit: a group head over the Merkle root of the group's record hashes (RFC 6962), and a
 * record is proven by its inclusion path to that signed head. Records written without group commit
 * (`aarm repair`, stores of an older aarm) carry their own signature over their canonical JSON.
 */
import { z } from 'zod';
import { DecisionSchema, VerdictSchema } from './decision.js';
import { IdentitySchema } from './action.js';

export const RECEIPT_VERSION = 1;
/** `prevHash` of the first record of a chain */
export const GENESIS_HASH = '0'.repeat(64);

export const APPROVAL_SCOPES = ['once', 'session', 'always'] as const;
export const ApprovalScopeSchema = z.enum(APPROVAL_SCOPES);
export type ApprovalScope = z.infer<typeof ApprovalScopeSchema>;

export const ApprovalSchema = z.strictObject({
  /**
   * not_required: the decision needed no human; unavailable: nobody could be asked (fail closed);
   * granted: an earlier approval with a wider scope covered it; delegated: handed back to the
   * agent's own prompt; approved / refused / timeout: a human was asked
   */
  status: z.enum(['not_required', 'unavailable', 'approved', 'refused', 'timeout', 'granted', 'delegated']),
  approver: z.string().optional(),
  time: z.string().optional(),
  /** when the approvers were asked (a human's answer or a timeout): `time` minus this is the time to decide */
  asked: z.string().optional(),
  note: z.string().optional(),
  scope: ApprovalScopeSchema.optional(),
  grantId: z.string().optional(),
  /** a human's answer: the approval it answered, the approver key that signed it, and the signature over `approvalText` */
  approvalId: z.string().optional(),
  /** what the approver saw (the grant key of the request), with secret-shaped values as digests */
  key: z.string().optional(),
  /** SHA-256 of the key exactly as the approver signed for it */
  keySha256: z.string().optional(),
  approverKey: z.object({ keyId: z.string(), publicKey: z.string() }).optional(),
  signature: z.string().optional(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const DeferralSchema = z.strictObject({
  reason: z.string(),
  resolution: z.enum(['pending', 'resolved', 'timeout', 'unavailable', 'overflow']),
  time: z.string().optional(),
});
export type Deferral = z.infer<typeof DeferralSchema>;

const EgressHostSchema = z.strictObject({
  host: z.string().max(300),
  port: z.number().int().min(0).max(65535),
  /** connections (CONNECT) and requests (plain HTTP) */
  count: z.number().int().nonnegative(),
});
export const EgressLogSchema = z.strictObject({
  allowed: z.array(EgressHostSchema).max(256),
  refused: z.array(EgressHostSchema.extend({ reason: z.string().max(300) })).max(256),
  secrets: z
    .array(z.strictObject({ name: z.string().max(256), host: z.string().max(300), count: z.number().int() }))
    .max(256),
  /** connections and requests past the lists' bounds: counted, not listed */
  omitted: z.number().int().positive().optional(),
});
export type EgressLog = z.infer<typeof EgressLogSchema>;

export const OutcomeSchema = z.strictObject({
  status: z.enum(['success', 'error']),
  exitCode: z.number().int().optional(),
  error: z.string().max(4096).optional(),
  durationMs: z.number().nonnegative().optional(),
  /** how the command ran, as its runner reports it: the profile by name and digest, or unconfined */
  ran: z
    .union([
      z.strictObject({
        confinement: z.literal('workspace'),
        profileSha256: z.string().regex(/^[0-9a-f]{64}$/),
        network: z.enum(['none', 'proxy', 'open']),
        /** environment variables the command did not get (names only) */
        removedEnv: z.array(z.string().max(256)).max(512),
        /** pinned workspace places the command created, removed after it (`.claude`, `.vscode`…) */
        removedCreated: z.array(z.string().max(256)).max(32).optional(),
      }),
      z.strictObject({ confinement: z.literal('none') }),
    ])
    .optional(),
  /**
   * What went through the daemon's egress proxy for this command, as the daemon saw it (never the
   * runner's word): the hosts let through and refused, and which secret was added for which host
   * (by name: AARM R9, the value never leaves the daemon).
   */
  egress: EgressLogSchema.optional(),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

const chainFields = {
  v: z.literal(RECEIPT_VERSION),
  id: z.string(),
  seq: z.number().int().positive(),
  time: z.string(),
  session: z.string(),
  sessionSeq: z.number().int().positive(),
  prevHash: z.string().length(64),
  sessionPrevHash: z.string().length(64),
  keyId: z.string(),
};

export const ActionReceiptSchema = z.strictObject({
  ...chainFields,
  kind: z.literal('action'),
  /** the action as judged, with secrets replaced by hashes (T9); null when it was not a valid action */
  action: z.record(z.string(), z.unknown()).nullable(),
  /** for input that was not a valid action: why, and a digest of what was sent */
  invalid: z.strictObject({ error: z.string(), sha256: z.string(), bytes: z.number() }).optional(),
  identity: IdentitySchema,
  decision: DecisionSchema.omit({ modifiedAction: true }).extend({
    modifiedAction: z.record(z.string(), z.unknown()).optional(),
  }),
  /** what was enforced in the end */
  verdict: VerdictSchema,
  approval: ApprovalSchema,
  deferral: DeferralSchema.nullable(),
});
export type ActionReceipt = z.infer<typeof ActionReceiptSchema>;

export const OutcomeReceiptSchema = z.strictObject({
  ...chainFields,
  kind: z.literal('outcome'),
  /** the action receipt this outcome belongs to */
  receiptId: z.string(),
  outcome: OutcomeSchema,
});
export type OutcomeReceipt = z.infer<typeof OutcomeReceiptSchema>;

/** The follow-up to a deferred action: how the deferral resolved and what was enforced in the end (R4). */
export const ResolutionReceiptSchema = z.strictObject({
  ...chainFields,
  kind: z.literal('resolution'),
  /** the action receipt written when the action was deferred */
  receiptId: z.string(),
  decision: ActionReceiptSchema.shape.decision,
  verdict: VerdictSchema,
  approval: ApprovalSchema,
  deferral: DeferralSchema,
});
export type ResolutionReceipt = z.infer<typeof ResolutionReceiptSchema>;

/**
 * A loss the human accepted (`aarm repair --accept-loss`): the receipts before it are gone (the
 * database or its head checkpoint was deleted), and the chain starts again from here, saying so.
 */
export const GapReceiptSchema = z.strictObject({
  ...chainFields,
  kind: z.literal('gap'),
  /** what was found missing, in words */
  reason: z.string(),
  /** the last head the daemon had signed, when its checkpoint survived */
  lastKnownHead: z.strictObject({ seq: z.number().int(), hash: z.string() }).nullable(),
  /** who accepted it: the OS user at the terminal */
  acceptedBy: z.string(),
});
export type GapReceipt = z.infer<typeof GapReceiptSchema>;

export const ReceiptSchema = z.discriminatedUnion('kind', [
  ActionReceiptSchema,
  OutcomeReceiptSchema,
  ResolutionReceiptSchema,
  GapReceiptSchema,
]);
export type Receipt = z.infer<typeof ReceiptSchema>;
/** The fields of a record that the store assigns when it appends to the chain. */
export type ChainFields = 'v' | 'seq' | 'sessionSeq' | 'prevHash' | 'sessionPrevHash' | 'keyId';
export type UnchainedReceipt = DistributiveOmit<Receipt, ChainFields>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const HexHash = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * What the daemon signs once per group commit: the records `firstSeq`…`lastSeq` of its chain, by
 * the Merkle root over their hashes (RFC 6962: leaf = SHA-256(0x00 ‖ hash bytes)), and the chain's
 * head after them. The signature is over its canonical JSON.
 */
export const GroupHeadSchema = z.strictObject({
  type: z.literal('aarm.receipt-group'),
  v: z.literal(1),
  firstSeq: z.number().int().positive(),
  lastSeq: z.number().int().positive(),
  root: HexHash,
  /** the chain's head after the group: its last record */
  head: z.strictObject({ seq: z.number().int().positive(), hash: HexHash }),
  time: z.string(),
  keyId: z.string(),
});
export type GroupHead = z.infer<typeof GroupHeadSchema>;

/** A record's proof: its group's signed head and its inclusion path (leaf index `seq - firstSeq`). */
export const ReceiptProofSchema = z.strictObject({
  group: GroupHeadSchema,
  /** Ed25519 signature over the canonical JSON of `group`, base64url */
  sig: z.string(),
  /** sibling hashes from the record's leaf up to `group.root`, hex */
  path: z.array(HexHash).max(64),
});
export type ReceiptProof = z.infer<typeof ReceiptProofSchema>;

/** A signed record as stored and exported: the body, its signature or proof, and its hash. */
export interface SignedReceipt {
  body: Receipt;
  /** canonical JSON of `body`: the bytes hashed (and, for a record signed alone, signed) */
  canonical: string;
  /**
   * Ed25519 signature over `canonical`, base64url, for a record signed alone; `''` for a record of
   * a group commit, which `proof` proves instead
   */
  sig: string;
  /**
   * for a record of a group commit: set once the group is committed and signed (the store fills it
   * in on the object `append` returned)
   */
  proof?: ReceiptProof;
  /** sha256 of `canonical`, hex; the next record's `prevHash` */
  hash: string;
}

/** A public key as published in exports, for offline verification. */
export const PublicKeySchema = z.strictObject({
  keyId: z.string(),
  alg: z.literal('Ed25519'),
  /** raw 32-byte public key, base64url */
  publicKey: z.string(),
  created: z.string(),
});
export type PublicKey = z.infer<typeof PublicKeySchema>;

/** First line of an export file: what it holds and a signature over its head (catches a cut tail). */
export const ExportHeaderSchema = z.strictObject({
  type: z.literal('aarm.export'),
  /** 2: records may carry a group `proof` instead of a `sig` (1: every record has its `sig`) */
  v: z.union([z.literal(1), z.literal(2)]),
  scope: z.union([z.strictObject({ all: z.literal(true) }), z.strictObject({ session: z.string() })]),
  created: z.string(),
  count: z.number().int().nonnegative(),
  /** hash of the last record in the file, or the genesis hash when it is empty */
  headHash: z.string().length(64),
  keys: z.array(PublicKeySchema).min(1),
  keyId: z.string(),
  sig: z.string(),
});
export type ExportHeader = z.infer<typeof ExportHeaderSchema>;

/** Every line after the header: a record signed alone, or a record of a group commit and its proof. */
export const ExportLineSchema = z.union([
  z.strictObject({ body: z.record(z.string(), z.unknown()), sig: z.string() }),
  z.strictObject({ body: z.record(z.string(), z.unknown()), proof: ReceiptProofSchema }),
]);
