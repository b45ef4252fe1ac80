/**
 * Offline verification of receipts: signatures and group proofs, hash chain, keys. Works on an
 * export file's lines, needs no daemon and no database, and names the first record that is wrong.
 */
import {
  type Result,
  approvalText,
  approvalTextV1,
  ExportHeaderSchema,
  ExportLineSchema,
  GENESIS_HASH,
  type ExportHeader,
  type PublicKey,
  type ReceiptCheck,
  type ReceiptView,
  type SignedReceipt,
  describeIssues,
} from '../protocol/index.js';
import { canonicalize } from './canonical.js';
import { checkSignature, publicKeyMap, sha256Hex, type SignatureVerifier } from './keys.js';
import { proofProblem, type ProofContext } from './group-proof.js';

export interface VerifyOptions {
  verifySignature: SignatureVerifier;
  /** when given, only these keys are trusted, whatever the file says */
  trustedKeys?: PublicKey[];
  /**
   * every: check each record's signature, or its group proof (its inclusion path to its group's
   * root, and the group head's signature, checked once per group). chain (the default): check the
   * hash chain through every record and the newest record's signature or proof, which covers them
   * all — a change anywhere breaks a link or that signature — at one signature check instead of one
   * per record or group. On a broken link the records around it are checked one by one, so the
   * error still names the changed record.
   */
  signatures?: 'every' | 'chain';
}

export type VerifyResult = Result<
  {
    scope: ExportHeader['scope'];
    count: number;
    headHash: string;
    keyIds: string[];
    keys: PublicKey[];
    /** the approver keys whose signed approvals the file holds, all checked */
    approverKeyIds: string[];
  },
  { line?: number; receiptId?: string }
>;

/** The fields of the header that its signature covers (all but `sig`). */
export function headerSigningInput(header: Omit<ExportHeader, 'sig'>): string {
  return canonicalize(header);
}

export function verifyExport(text: string, options: VerifyOptions): VerifyResult {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) return { ok: false, error: 'the file is empty: no export header' };

  const headerJson = parseJson(lines[0] ?? '');
  if (!headerJson.ok)
    return { ok: false, line: 1, error: `the export header is not JSON: ${headerJson.error}` };
  const headerParsed = ExportHeaderSchema.safeParse(headerJson.value);
  if (!headerParsed.success) {
    return {
      ok: false,
      line: 1,
      error: `the export header is not valid: ${describeIssues(headerParsed.error)}`,
    };
  }
  const header = headerParsed.data;

  const keys = publicKeyMap(header.keys);
  if (options.trustedKeys !== undefined) {
    for (const [keyId, publicKey] of keys) {
      const trusted = options.trustedKeys.find((k) => k.keyId === keyId);
      if (
        trusted === undefined ||
        Buffer.compare(Buffer.from(trusted.publicKey, 'base64url'), publicKey) !== 0
      ) {
        return { ok: false, line: 1, error: `key \`${keyId}\` in the file is not one of the trusted keys` };
      }
    }
  }

  const { sig: headerSig, ...unsignedHeader } = header;
  const headerKey = keys.get(header.keyId);
  if (headerKey === undefined)
    return { ok: false, line: 1, error: `the header is signed by unknown key \`${header.keyId}\`` };
  if (!checkSignature(options.verifySignature, headerKey, headerSigningInput(unsignedHeader), headerSig)) {
    return {
      ok: false,
      line: 1,
      error: 'the export header signature does not verify: the header was changed',
    };
  }

  const sessionScope = 'session' in header.scope ? header.scope.session : undefined;
  let prevHash = GENESIS_HASH;
  let expectedSeq: number | undefined;
  let count = 0;
  const every = options.signatures === 'every';
  let previous: { signed: () => string | undefined; receiptId?: string } | undefined;
  const approvers = new Set<string>();
  const proofs: ProofContext = {
    publicKeys: keys,
    verify: options.verifySignature,
    verifiedGroups: new Set(),
  };
  for (let index = 1; index < lines.length; index++) {
    const lineNo = index + 1;
    const json = parseJson(lines[index] ?? '');
    if (!json.ok) return { ok: false, line: lineNo, error: `record is not JSON: ${json.error}` };
    // The schema only on lines that are not plainly `{body: {…}, sig: "…"}` or `{body: {…}, proof: {…}}`:
    // it costs more than the hash (a proof's shape is checked with it, group-proof.ts).
    const parsed = isPlainLine(json.value)
      ? { success: true as const, data: json.value }
      : ExportLineSchema.safeParse(json.value);
    if (!parsed.success)
      return { ok: false, line: lineNo, error: `record is not valid: ${describeIssues(parsed.error)}` };
    const line = parsed.data as { body: Record<string, unknown>; sig?: string; proof?: unknown };
    const body = line.body;
    const receiptId = typeof body.id === 'string' ? body.id : undefined;
    const fail = (error: string): VerifyResult => ({
      ok: false,
      line: lineNo,
      error,
      ...(receiptId ? { receiptId } : {}),
    });

    const keyId = body.keyId;
    const publicKey = typeof keyId === 'string' ? keys.get(keyId) : undefined;
    if (publicKey === undefined)
      return fail(`record is signed by a key the file does not publish (\`${String(keyId)}\`)`);
    let canonical: string;
    try {
      canonical = every ? canonicalize(body) : bodyText(lines[index]!, body, line);
    } catch (error) {
      return fail(`record cannot be canonicalised: ${(error as Error).message}`);
    }
    const hash = sha256Hex(canonical);
    // Why the record's own signature, or its group proof, does not hold (undefined: it holds).
    const signed = (): string | undefined => {
      if (line.proof !== undefined) {
        const problem = proofProblem(line.proof, { seq: body.seq, keyId, hash }, proofs);
        return problem === undefined ? undefined : `signature does not verify: ${problem}`;
      }
      if (line.sig === '')
        return 'signature does not verify: the record has neither its own signature nor its group proof (the records of its group were cut or deleted?)';
      return checkSignature(options.verifySignature, publicKey, canonical, line.sig ?? '')
        ? undefined
        : 'signature does not verify: the record was changed after it was signed';
    };
    if (every || index === lines.length - 1) {
      const problem = signed();
      if (problem !== undefined) return fail(problem);
    }

    // Signatures hold; now the chain: nothing deleted, inserted or reordered.
    const seqField = sessionScope === undefined ? 'seq' : 'sessionSeq';
    const prevField = sessionScope === undefined ? 'prevHash' : 'sessionPrevHash';
    const seq = body[seqField];
    if (typeof seq !== 'number') return fail(`record has no \`${seqField}\``);
    if (sessionScope !== undefined && body.session !== sessionScope) {
      return fail(`record belongs to session \`${String(body.session)}\`, not \`${sessionScope}\``);
    }
    if (expectedSeq === undefined && seq !== 1) {
      return fail(`the export starts at ${seqField} ${seq}, not 1: records before it are missing`);
    }
    if (expectedSeq !== undefined && seq !== expectedSeq) {
      return fail(
        `expected ${seqField} ${expectedSeq} but found ${seq}: a record was deleted, inserted or reordered before this one`,
      );
    }
    if (body[prevField] !== prevHash) {
      // Which of the two was changed? Their signatures say.
      const before = !every && previous !== undefined ? previous.signed() : undefined;
      if (before !== undefined)
        return {
          ok: false,
          line: lineNo - 1,
          ...(previous?.receiptId ? { receiptId: previous.receiptId } : {}),
          error: before,
        };
      const here = every ? undefined : signed();
      if (here !== undefined) return fail(here);
      return fail(`\`${prevField}\` does not match the record before it: the chain is broken here`);
    }
    // Who approved: a human's allow carries the approver key's signature over what was approved.
    const approval = approvalSignature(body);
    if (approval !== undefined) {
      if (!approval.holds(options.verifySignature))
        return fail(`the approval's signature by approver key \`${approval.keyId}\` does not verify`);
      approvers.add(approval.keyId);
    }
    previous = { signed, ...(receiptId ? { receiptId } : {}) };
    prevHash = hash;
    expectedSeq = seq + 1;
    count++;
  }

  if (count !== header.count) {
    return {
      ok: false,
      error: `the header promises ${header.count} records but the file holds ${count}: records were removed or added`,
    };
  }
  if (count > 0 && prevHash !== header.headHash) {
    return {
      ok: false,
      error: 'the last record is not the one the header names: the tail of the file was changed',
    };
  }
  return {
    ok: true,
    scope: header.scope,
    count,
    headHash: header.headHash,
    keyIds: [...keys.keys()],
    keys: header.keys.filter((k) => keys.has(k.keyId)),
    approverKeyIds: [...approvers],
  };
}

/** The approver's signature a decided record carries, and how to check it (protocol/approvers.ts). */
function approvalSignature(body: Record<string, unknown>) {
  const approval = body.approval as
    | {
        status?: string;
        approvalId?: string;
        key?: string;
        keySha256?: string;
        scope?: string;
        signature?: string;
        approverKey?: { keyId: string; publicKey: string };
      }
    | undefined;
  if (!approval?.signature || !approval.approverKey || !approval.approvalId || approval.key === undefined)
    return undefined;
  const signed = {
    approvalId: approval.approvalId,
    session: String(body.session),
    answer: approval.status === 'approved' ? ('allow' as const) : ('deny' as const),
    scope: approval.scope ?? 'once',
  };
  const text =
    approval.keySha256 !== undefined
      ? approvalText({ ...signed, keySha256: approval.keySha256 })
      : approvalTextV1({ ...signed, key: approval.key });
  const { keyId, publicKey } = approval.approverKey;
  const signature = approval.signature;
  return {
    keyId,
    holds: (verify: SignatureVerifier) =>
      checkSignature(verify, Buffer.from(publicKey, 'base64url'), text, signature),
  };
}

/**
 * What a timeline shows next to each stored record: does its signature (or its group proof)
 * verify, does its body still hash to what the next record links to, and does it link to the
 * record before it — in its session's chain (`chain: 'session'`) or the daemon's. `previous` is the
 * record before `records[0]`.
 */
export function checkStoredRecords(
  records: SignedReceipt[],
  previous: SignedReceipt | undefined,
  keys: PublicKey[],
  chain: 'session' | 'all',
  verifier: SignatureVerifier,
): ReceiptView[] {
  const publicKeys = publicKeyMap(keys);
  const proofs: ProofContext = { publicKeys, verify: verifier, verifiedGroups: new Set() };
  let prevHash = previous?.hash ?? GENESIS_HASH;
  return records.map((record) => {
    const publicKey = publicKeys.get(record.body.keyId);
    const intact = sha256Hex(record.canonical) === record.hash;
    const holds = () =>
      record.proof !== undefined
        ? proofProblem(
            record.proof,
            { seq: record.body.seq, keyId: record.body.keyId, hash: record.hash },
            proofs,
          ) === undefined
        : checkSignature(verifier, publicKey!, record.canonical, record.sig);
    const check: ReceiptCheck = {
      signature: publicKey === undefined ? 'unknown_key' : intact && holds() ? 'valid' : 'invalid',
      chain:
        (chain === 'session' ? record.body.sessionPrevHash : record.body.prevHash) === prevHash
          ? 'linked'
          : 'broken',
    };
    prevHash = record.hash;
    return {
      body: record.body,
      hash: record.hash,
      sig: record.sig,
      ...(record.proof ? { proof: record.proof } : {}),
      check,
    };
  });
}

/**
 * The body of an export line exactly as written (`{"body":<canonical JSON>,"sig":"…"}`, or
 * `…,"proof":{…}}` as the exporter writes it), hashed as is so a record is not re-serialised to be
 * checked — only when the line is exactly that shape, so the bytes hashed are the bytes parsed (no
 * duplicate keys, nothing around them). Else the parsed body, canonicalised.
 */
function bodyText(text: string, body: unknown, line: { sig?: string; proof?: unknown }): string {
  const suffix =
    line.proof !== undefined
      ? `,"proof":${JSON.stringify(line.proof)}}`
      : /^[\w-]*$/.test(line.sig ?? '')
        ? `,"sig":"${line.sig}"}`
        : undefined;
  if (suffix !== undefined && text.startsWith('{"body":') && text.endsWith(suffix))
    return text.slice('{"body":'.length, text.length - suffix.length);
  return canonicalize(body);
}

/** `{body: {…}, sig: "…"}` or `{body: {…}, proof: {…}}` and nothing more (the proof's shape is checked with it). */
function isPlainLine(
  value: unknown,
): value is
  { body: Record<string, unknown>; sig: string } | { body: Record<string, unknown>; proof: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const line = value as Record<string, unknown>;
  const keys = Object.keys(line);
  return (
    keys.length === 2 &&
    (typeof line.sig === 'string' || (typeof line.proof === 'object' && line.proof !== null)) &&
    typeof line.body === 'object' &&
    line.body !== null &&
    !Array.isArray(line.body)
  );
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
