/**
 * Clients authenticate the daemon before they trust or send anything (T1: a process on the
 * daemon's port, or a rewritten `daemon.json`, must get nothing and be believed in nothing):
 * - the token never crosses the wire: the client proves it with an HMAC over a fresh nonce and
 *   the time (`AARM-HMAC`), which the daemon accepts once;
 * - the daemon signs the client's hello nonce with its receipt key, which the client checks
 *   against `keys/public.json` before it sends an action;
 * - every decision for that client is proven over the nonce and what it decides, so a relay
 *   cannot change an answer on the way. The daemon signs the decisions one commit releases
 *   together, for every connection at once: one signature over the Merkle root (protocol/merkle.ts)
 *   of their `decisionProofText`s, and each decision carries its inclusion path to that root
 *   (`DecisionProof`). The nonce in each leaf binds it to its connection.
 */
export const AUTH_SCHEME = 'AARM-HMAC';
/** How far a client's clock may be from the daemon's, in ms. */
export const AUTH_WINDOW_MS = 60_000;

export const authText = (nonce: string, time: number) => `aarm-auth-1:${nonce}:${time}`;
export const daemonProofText = (nonce: string) => JSON.stringify(['aarm-daemon-1', nonce]);

/**
 * What a decision's proof signs: the nonce of the connection, the SHA-256 of the action exactly
 * as it was submitted (`JSON.stringify` of it: a relay cannot have another action judged), and
 * every field the client acts on.
 */
export function decisionProofText(
  nonce: string,
  actionSha256: string,
  message: {
    id: string;
    receiptId: string;
    verdict: string;
    decision: { decision: string; rule: string; modifiedAction?: unknown; confinement?: unknown };
    egress?: { socket: string } | undefined;
  },
): string {
  return JSON.stringify([
    'aarm-decision-5',
    nonce,
    actionSha256,
    message.id,
    message.receiptId,
    message.verdict,
    message.decision.decision,
    message.decision.rule,
    stableJson(message.decision.modifiedAction ?? null),
    // a relay that strips the confinement would have the command run with the user's full rights
    stableJson(message.decision.confinement ?? null),
    // a relay that names its own egress socket would see, and widen, the command's traffic
    message.egress?.socket ?? null,
  ]);
}

/** What the signature of a batch of decisions covers: their number and Merkle root (hex). */
export const decisionBatchText = (size: number, root: string) =>
  JSON.stringify(['aarm-decisions-5', size, root]);

/**
 * A decision's proof: the daemon's signature over `decisionBatchText(size, root)`, and the path
 * from this decision's leaf (its `decisionProofText`, at `index` of `size`) to `root`.
 */
export interface DecisionProof {
  index: number;
  size: number;
  path: string[];
  sig: string;
}

/** JSON with object keys sorted: the same text on both sides, whatever order a parser kept. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** `AARM-HMAC nonce=…,time=…,mac=…` → its parts. */
export function parseAuthHeader(header: string): { nonce: string; time: number; mac: string } | undefined {
  const match = /^AARM-HMAC nonce=([A-Za-z0-9_-]{16,64}),time=(\d{1,15}),mac=([A-Za-z0-9_-]{43})$/.exec(
    header,
  );
  return match ? { nonce: match[1]!, time: Number(match[2]), mac: match[3]! } : undefined;
}
