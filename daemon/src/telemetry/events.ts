/**
 * What the daemon streams (R8), and the pure steps before an event leaves: which kinds it is, whether
 * a destination's filter wants it, and redaction (T9). No I/O here.
 */
import { canonicalize } from '../receipts/canonical.js';
import { digestOf } from '../receipts/redact.js';
import type { HeadCheckpoint } from '../receipts/chain-check.js';
import { isRecord, type Risk, type SessionSnapshot, type SignedReceipt } from '../protocol/index.js';
import type { EventFilter, EventKind } from './config.js';

/** A change in a session's context that a security team wants to see as it happens (T4, T6). */
export interface DriftFinding {
  /** stable id: the receipt that caused it, and the signal */
  uid: string;
  signal: 'untrusted-input' | 'sensitive-data' | 'secret-in-parameters' | 'repeated-denials';
  title: string;
  detail: string;
  risk: Risk;
  session: string;
  /** the action receipt at which it was seen */
  receiptId: string;
  time: string;
}

/** A signed head of the receipt chain, for a central store to hold the local log to (T7). */
export interface ChainCheckpoint extends HeadCheckpoint {
  /** the newest receipt's id (not signed: the signed `hash` is what binds it) */
  receiptId: string;
  /** the signing key (base64url Ed25519), so a collector can check `sig` on its own */
  publicKey: string;
}

export type TelemetryEvent =
  | { type: 'receipt'; record: SignedReceipt }
  | { type: 'drift'; finding: DriftFinding }
  | { type: 'checkpoint'; checkpoint: ChainCheckpoint };

/** The receipt id an event is about: every event carries one. */
export function receiptIdOf(event: TelemetryEvent): string {
  switch (event.type) {
    case 'receipt':
      return event.record.body.id;
    case 'drift':
      return event.finding.receiptId;
    case 'checkpoint':
      return event.checkpoint.receiptId;
  }
}

export function kindsOf(event: TelemetryEvent): EventKind[] {
  if (event.type === 'drift') return ['drift'];
  if (event.type === 'checkpoint') return ['checkpoint'];
  const body = event.record.body;
  switch (body.kind) {
    case 'outcome':
      return ['outcome'];
    case 'gap':
      return ['checkpoint'];
    case 'resolution':
      return ['decision', 'deferral'];
    case 'action': {
      const kinds: EventKind[] = ['decision'];
      if (
        ['approved', 'refused', 'timeout', 'granted', 'delegated', 'unavailable'].includes(
          body.approval.status,
        )
      )
        kinds.push('approval');
      if (body.deferral !== null) kinds.push('deferral');
      return kinds;
    }
  }
}

/**
 * A filter field constrains only the events that carry that field: `decisions` passes outcomes,
 * `actions` passes resolutions; checkpoints pass everything but `events`.
 */
export function matchesFilter(event: TelemetryEvent, filter: EventFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (filter.events && !kindsOf(event).some((kind) => filter.events!.includes(kind))) return false;
  if (event.type !== 'receipt') return true;
  const body = event.record.body;
  if (
    filter.decisions &&
    (body.kind === 'action' || body.kind === 'resolution') &&
    !filter.decisions.includes(body.decision.decision)
  )
    return false;
  if (body.kind !== 'action') return true;
  if (filter.actions) {
    const tool = typeof body.action?.tool === 'string' ? body.action.tool : 'invalid';
    const operation = typeof body.action?.operation === 'string' ? body.action.operation : '';
    if (!filter.actions.some((a) => a === tool || a === `${tool} ${operation}`)) return false;
  }
  if (filter.identities) {
    const { human, agent, service } = body.identity;
    const names = [human?.user, human?.git, agent?.name, service].filter((n) => n !== undefined);
    if (!filter.identities.some((id) => names.includes(id))) return false;
  }
  return true;
}

/**
 * Secret-shaped values, found anywhere in a string (a shell command, an MCP argument, a URL). The
 * receipt already replaces file contents, request bodies, env values and credential headers; these
 * catch what an agent wrote inline. A match is replaced by its digest, never sent.
 */
// Every repetition is bounded: an agent writes these strings, and an unbounded pattern would let a
// crafted command (`a-a-a-…`) stall the exporter for minutes (quadratic backtracking).
const SECRET_VALUES: RegExp[] = [
  /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[\s\S]{0,16384}?(?:-----END [A-Z ]{0,40}PRIVATE KEY-----|$)/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{22,}\b/g,
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // a JWT
];
/** The value after a secret-naming key: `Authorization: Bearer X`, `password=X`, `--token X`, `user:X@host`. */
const SECRET_AFTER: RegExp[] = [
  /(\b(?:proxy-)?authorization\s{0,8}:\s{0,8}(?:bearer\s{1,8}|basic\s{1,8}|token\s{1,8})?)([^\s'"]{1,4096})/gi,
  /(\b[A-Za-z0-9_-]{0,64}(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key)[A-Za-z0-9_]{0,64}["']?\s{0,8}[=:]\s{0,8}["']?)([^\s'"&,;}]{1,4096})/gi,
  /(--(?:password|token|secret|api-key)[= ]["']?)([^\s'"]{1,4096})/gi,
  /(\b[a-z][a-z0-9+.-]{0,32}:\/\/[^\s:/@]{1,256}:)([^\s@/]{1,1024})(?=@)/gi,
];
/** An object key that names a secret: its string value leaves as a digest (MCP arguments, JSON bodies). */
const SECRET_KEY =
  /password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|authorization|cookie|credential/i;
/** Longer strings leave as a digest whole: scanning them costs more than they could tell a SIEM. */
const MAX_SCRUBBED = 64 * 1024;

export function scrubSecrets(text: string): string {
  if (text.length > MAX_SCRUBBED) return digestOf(text);
  let out = text;
  // Key-named values first, whole: `Bearer sk-…` becomes one digest, not a digest inside a digest.
  for (const pattern of SECRET_AFTER)
    out = out.replace(pattern, (match, prefix: string, value: string) =>
      value.startsWith('[redacted') ? match : `${prefix}${digestOf(value)}`,
    );
  for (const pattern of SECRET_VALUES) out = out.replace(pattern, (match) => digestOf(match));
  return out;
}

function scrubDeep(value: unknown): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (Array.isArray(value)) return value.map(scrubDeep);
  if (isRecord(value))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        typeof v === 'string' && SECRET_KEY.test(k) && !v.startsWith('[redacted')
          ? digestOf(v)
          : scrubDeep(v),
      ]),
    );
  return value;
}

/** Replace the value at a dotted path by its digest, when it is there. */
function redactPath(root: Record<string, unknown>, path: string[]): void {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (!isRecord(node) || !Object.hasOwn(node, key)) return;
    node = node[key];
  }
  const last = path.at(-1)!;
  if (!isRecord(node) || !Object.hasOwn(node, last) || node[last] === undefined) return;
  const value = node[last];
  node[last] = digestOf(typeof value === 'string' ? value : canonicalize(value));
}

/**
 * The event as it may leave the machine (T9): configured receipt fields replaced by digests, and
 * secret-shaped values replaced wherever they are. The receipt's `hash` and `sig` still name the
 * stored record; the stored record itself is untouched.
 */
export function redactEvent(event: TelemetryEvent, paths: readonly string[]): TelemetryEvent {
  switch (event.type) {
    case 'checkpoint':
      return event;
    case 'drift':
      return { type: 'drift', finding: scrubDeep(event.finding) as DriftFinding };
    case 'receipt': {
      const body = scrubDeep(event.record.body) as Record<string, unknown>;
      for (const path of paths) redactPath(body, path.split('.'));
      return {
        type: 'receipt',
        record: { ...event.record, body: body as unknown as SignedReceipt['body'], canonical: '' },
      };
    }
  }
}

const DENIAL_THRESHOLDS = [3, 10, 25, 100];
const SENSITIVE_CLASSES = ['secret', 'credential', 'personal'];

/**
 * How a session's context moved with one action (R7, T4, T6): untrusted content came in, sensitive
 * data was touched for the first time, a secret read earlier is in the action's parameters, the
 * agent keeps running into denials. `before` and `after` are the session's snapshots around it.
 */
export function driftFindings(
  before: SessionSnapshot,
  after: SessionSnapshot,
  at: { session: string; receiptId: string; time: string; secretInParameters: boolean },
): DriftFinding[] {
  const finding = (
    signal: DriftFinding['signal'],
    risk: Risk,
    title: string,
    detail: string,
  ): DriftFinding => ({
    uid: `${at.receiptId}/${signal}`,
    signal,
    title,
    detail,
    risk,
    session: at.session,
    receiptId: at.receiptId,
    time: at.time,
  });
  const findings: DriftFinding[] = [];
  if (!before.untrusted && after.untrusted) {
    const sources = after.untrustedSources.filter((s) => !before.untrustedSources.includes(s));
    findings.push(
      finding(
        'untrusted-input',
        'high',
        'Untrusted content entered the session',
        `from ${sources.join(', ') || 'an untrusted source'}; later actions may follow injected instructions`,
      ),
    );
  }
  const touched = after.dataClasses.filter(
    (c) => SENSITIVE_CLASSES.includes(c) && !before.dataClasses.includes(c),
  );
  if (touched.length > 0)
    findings.push(
      finding(
        'sensitive-data',
        touched.includes('secret') || touched.includes('credential') ? 'high' : 'medium',
        `The session touched ${touched.join(' and ')} data`,
        `first ${touched.join(', ')} data in this session`,
      ),
    );
  if (at.secretInParameters)
    findings.push(
      finding(
        'secret-in-parameters',
        'critical',
        'A secret read earlier is in an action’s parameters',
        'a value read from a secret or credential file in this session appears in what the agent sends',
      ),
    );
  const crossed = DENIAL_THRESHOLDS.find((n) => before.denied < n && after.denied >= n);
  if (crossed !== undefined)
    findings.push(
      finding(
        'repeated-denials',
        crossed >= 10 ? 'high' : 'medium',
        `${after.denied} actions of the session were denied`,
        `the agent keeps trying what policy refuses (${after.denied} denials in ${after.actions} actions)`,
      ),
    );
  return findings;
}
