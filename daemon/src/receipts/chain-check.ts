/**
 * The start-up check of the receipt database (R5, T7): is the chain still what the daemon wrote?
 * Every record must hash to its stored hash, name the one before it (in the daemon's chain and in
 * its session's), and follow it in sequence; the newest record must be signed — by its own
 * signature, or by the signed head of its group commit, which names its hash. Together that proves
 * every record unchanged to anyone without the signing key — editing one would force re-hashing
 * all later ones and so re-signing the head — at the cost of one signature, not one per record. A cut tail leaves a valid shorter chain: the signed head checkpoint (`head.json`, written
 * as the daemon runs) says how long the chain was.
 */
import { GENESIS_HASH, type PublicKey, type Receipt } from '../protocol/index.js';
import {
  checkSignature,
  publicKeyMap,
  sha256Hex,
  signCanonical,
  type SignatureVerifier,
  type SigningKey,
} from './keys.js';
import { groupHeadProblem, type StoredGroup } from './group-proof.js';
import type { Result } from '../protocol/index.js';

export interface StoredRow {
  body: string;
  sig: string;
  hash: string;
}

/** A signed statement of the chain's head: how many records, and the hash of the last. */
export interface HeadCheckpoint {
  seq: number;
  hash: string;
  time: string;
  keyId: string;
  sig: string;
}

export type ChainCheck = Result<
  { records: number; headSeq: number; ms: number; warning?: string },
  { seq?: number; receiptId?: string }
>;

/** The bytes a head checkpoint's signature covers. */
export function checkpointSigningInput(checkpoint: Omit<HeadCheckpoint, 'sig'>): string {
  return `aarm.head.v1\n${checkpoint.seq}\n${checkpoint.hash}\n${checkpoint.time}\n${checkpoint.keyId}`;
}

/** A checkpoint of the chain's `head`, signed now with `key` (head.json, telemetry, event exports). */
export function signHead(key: SigningKey, head: { seq: number; hash: string }): HeadCheckpoint {
  const unsigned = { seq: head.seq, hash: head.hash, time: new Date().toISOString(), keyId: key.keyId };
  return { ...unsigned, sig: signCanonical(key, checkpointSigningInput(unsigned)) };
}

/** Whether `checkpoint` is signed by the key it names, among `publicKeys`. */
export function headCheckpointHolds(
  checkpoint: HeadCheckpoint,
  publicKeys: ReadonlyMap<string, Uint8Array>,
  verify: SignatureVerifier,
): boolean {
  const { seq, hash, time, keyId, sig } = checkpoint;
  const publicKey = publicKeys.get(keyId);
  return (
    publicKey !== undefined &&
    checkSignature(verify, publicKey, checkpointSigningInput({ seq, hash, time, keyId }), sig)
  );
}

export function checkChain(
  rows: Iterable<StoredRow>,
  keys: PublicKey[],
  checkpoint: HeadCheckpoint | undefined,
  verify: SignatureVerifier,
  /** the signed head of the group commit holding a record (store.groupOf) */
  groupOf: (seq: number) => StoredGroup | undefined = () => undefined,
): ChainCheck {
  const started = Date.now();
  const publicKeys = publicKeyMap(keys);
  const signatureHolds = (keyId: string, message: string, sig: string) => {
    const publicKey = publicKeys.get(keyId);
    return publicKey !== undefined && checkSignature(verify, publicKey, message, sig);
  };

  let prevHash = GENESIS_HASH;
  let seq = 0;
  let last: { row: StoredRow; body: Receipt } | undefined;
  // A checkpoint of the empty chain (written at a first start) names the genesis hash.
  let hashAtCheckpoint: string | undefined = checkpoint?.seq === 0 ? GENESIS_HASH : undefined;
  const sessionHeads = new Map<string, { seq: number; hash: string }>();
  for (const row of rows) {
    let body: Receipt;
    try {
      body = JSON.parse(row.body) as Receipt;
    } catch {
      return {
        ok: false,
        seq: seq + 1,
        error: `record ${seq + 1} is not JSON: it was edited in the database`,
      };
    }
    const at = { seq: body.seq, receiptId: body.id };
    if (sha256Hex(row.body) !== row.hash)
      return {
        ok: false,
        ...at,
        error: `record ${body.seq} does not hash to its stored hash: it was edited`,
      };
    if (body.seq !== seq + 1)
      return {
        ok: false,
        ...at,
        error: `expected record ${seq + 1} but found ${body.seq}: records were deleted or reordered`,
      };
    if (body.prevHash !== prevHash)
      return {
        ok: false,
        ...at,
        error: `record ${body.seq} does not link to the record before it: the chain is broken`,
      };
    const session = sessionHeads.get(body.session) ?? { seq: 0, hash: GENESIS_HASH };
    if (body.sessionSeq !== session.seq + 1 || body.sessionPrevHash !== session.hash)
      return {
        ok: false,
        ...at,
        error: `record ${body.seq} does not follow the record before it in session \`${body.session}\``,
      };
    sessionHeads.set(body.session, { seq: body.sessionSeq, hash: row.hash });
    prevHash = row.hash;
    seq = body.seq;
    if (checkpoint !== undefined && seq === checkpoint.seq) hashAtCheckpoint = row.hash;
    last = { row, body };
  }

  // The signed head checkpoint first: it names a cut tail for what it is.
  let warning: string | undefined;
  if (checkpoint === undefined) {
    if (seq > 0) warning = 'no signed head checkpoint: a cut tail could not be noticed';
  } else {
    if (!headCheckpointHolds(checkpoint, publicKeys, verify))
      return { ok: false, error: 'the head checkpoint (head.json) is not signed by this daemon’s key' };
    if (checkpoint.seq > seq)
      return {
        ok: false,
        seq: checkpoint.seq,
        error: `the chain ends at record ${seq} but the daemon had written ${checkpoint.seq}: the tail was cut`,
      };
    if (hashAtCheckpoint !== checkpoint.hash)
      return {
        ok: false,
        seq: checkpoint.seq,
        error: `record ${checkpoint.seq} is not the one the head checkpoint names: the chain was rewritten`,
      };
  }
  if (last !== undefined && last.row.sig !== '') {
    if (!signatureHolds(last.body.keyId, last.row.body, last.row.sig))
      return {
        ok: false,
        seq: last.body.seq,
        receiptId: last.body.id,
        error: `the newest record's signature does not verify: the chain was rewritten`,
      };
  } else if (last !== undefined) {
    // A record of a group commit: its group's signed head names it (R5).
    const problem = groupHeadProblem(
      groupOf(last.body.seq),
      { seq: last.body.seq, hash: last.row.hash, keyId: last.body.keyId },
      publicKeys,
      verify,
    );
    if (problem !== undefined)
      return { ok: false, seq: last.body.seq, receiptId: last.body.id, error: problem };
  }

  return { ok: true, records: seq, headSeq: seq, ms: Date.now() - started, ...(warning ? { warning } : {}) };
}
