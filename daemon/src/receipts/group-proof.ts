/**
 * Checking a record of a group commit (R5): the daemon signs each group once, a head over the
 * Merkle root of its records' hashes (protocol/merkle.ts, receipts/store.ts), and a record is
 * proven by its inclusion path to that root. A record changed, moved or given another's proof no
 * longer leads to the root; a changed head no longer matches its signature. A group's signature is
 * checked once however many of its records are checked (`verifiedGroups`).
 */
import { inclusionRoot, isRecord, leafHash, MAX_PATH, type GroupHead } from '../protocol/index.js';
import { canonicalize } from './canonical.js';
import { checkSignature, type SignatureVerifier } from './keys.js';

/** A group head as stored: its canonical JSON (the bytes signed) and signature. */
export interface StoredGroup {
  firstSeq: number;
  lastSeq: number;
  head: string;
  sig: string;
}

export interface ProofContext {
  publicKeys: ReadonlyMap<string, Uint8Array>;
  verify: SignatureVerifier;
  /** group heads (canonical JSON and signature) whose signature already held */
  verifiedGroups: Set<string>;
}

const HEX_HASH = /^[0-9a-f]{64}$/;
const GROUP_KEYS = ['firstSeq', 'head', 'keyId', 'lastSeq', 'root', 'time', 'type', 'v'].join();
const positive = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/** `value` as a group head, when it is exactly one (nothing more: the verifier takes what it signs). */
export function asGroupHead(value: unknown): GroupHead | undefined {
  if (!isRecord(value) || Object.keys(value).sort().join() !== GROUP_KEYS) return undefined;
  const { type, v, firstSeq, lastSeq, root, head, time, keyId } = value;
  if (type !== 'aarm.receipt-group' || v !== 1 || !positive(firstSeq) || !positive(lastSeq)) return undefined;
  if (firstSeq > lastSeq || typeof root !== 'string' || !HEX_HASH.test(root)) return undefined;
  if (typeof time !== 'string' || typeof keyId !== 'string' || !isRecord(head)) return undefined;
  if (Object.keys(head).sort().join() !== 'hash,seq' || head.seq !== lastSeq) return undefined;
  if (typeof head.hash !== 'string' || !HEX_HASH.test(head.hash)) return undefined;
  return value as GroupHead;
}

/**
 * Why `proof` does not prove the record whose hash is `hash`, at `seq` of the chain, naming key
 * `keyId` — or undefined when it does: the record's leaf leads by the path to the group's root, the
 * record lies in the group's range, and the group head is signed by the record's key.
 */
export function proofProblem(
  proof: unknown,
  record: { seq: unknown; keyId: unknown; hash: string },
  context: ProofContext,
): string | undefined {
  if (!isRecord(proof) || Object.keys(proof).sort().join() !== 'group,path,sig')
    return 'its proof is not a group proof';
  const group = asGroupHead(proof.group);
  const { path, sig } = proof;
  if (group === undefined) return 'its group head is not one';
  if (typeof sig !== 'string' || !Array.isArray(path) || path.length > MAX_PATH)
    return 'its proof is not a group proof';
  if (record.keyId !== group.keyId)
    return `it names key \`${String(record.keyId)}\` but its group is signed by \`${group.keyId}\``;
  const { seq } = record;
  if (typeof seq !== 'number' || seq < group.firstSeq || seq > group.lastSeq)
    return `its group holds records ${group.firstSeq} to ${group.lastSeq}, not ${String(seq)}`;
  if (seq === group.lastSeq && record.hash !== group.head.hash) return 'it is not the head its group names';
  const root = inclusionRoot(
    leafHash(Buffer.from(record.hash, 'hex')),
    seq - group.firstSeq,
    group.lastSeq - group.firstSeq + 1,
    path,
  );
  if (root === undefined || root.toString('hex') !== group.root)
    return 'it is not the record its group proof covers (it was changed, or the proof is another record’s)';
  const signed = canonicalize(group);
  const cacheKey = `${sig}\n${signed}`;
  if (context.verifiedGroups.has(cacheKey)) return undefined;
  const publicKey = context.publicKeys.get(group.keyId);
  if (publicKey === undefined) return `its group is signed by a key not published (\`${group.keyId}\`)`;
  if (!checkSignature(context.verify, publicKey, signed, sig))
    return 'its group head does not match its signature (the head was changed or forged)';
  context.verifiedGroups.add(cacheKey);
  return undefined;
}

/**
 * Why the stored group `group` does not sign the chain's newest record (`seq`, `hash`), or
 * undefined when it does. The start-up check needs no inclusion path: the head names the newest
 * record's hash, which the chain links to every record before it.
 */
export function groupHeadProblem(
  group: StoredGroup | undefined,
  newest: { seq: number; hash: string; keyId: string },
  publicKeys: ReadonlyMap<string, Uint8Array>,
  verify: SignatureVerifier,
): string | undefined {
  if (group === undefined)
    return `record ${newest.seq} is not signed, and no signed group head covers it: its group's records were cut or the chain was rewritten`;
  let head: GroupHead | undefined;
  try {
    head = asGroupHead(JSON.parse(group.head));
  } catch {
    head = undefined;
  }
  if (head === undefined || head.firstSeq !== group.firstSeq || head.lastSeq !== group.lastSeq)
    return `the signed head of the group of record ${newest.seq} was edited`;
  const publicKey = publicKeys.get(head.keyId);
  if (
    publicKey === undefined ||
    head.keyId !== newest.keyId ||
    !checkSignature(verify, publicKey, group.head, group.sig)
  )
    return `the signed head of the group of record ${newest.seq} does not verify: the chain was rewritten`;
  if (head.lastSeq > newest.seq)
    return `the chain ends at record ${newest.seq} but the daemon had written ${head.lastSeq}: the tail was cut`;
  if (head.head.hash !== newest.hash)
    return `record ${newest.seq} is not the one its signed group head names: the chain was rewritten`;
  return undefined;
}
