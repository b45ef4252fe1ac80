/**
 * What the daemon streams (R8), and the pure steps before an event leaves: which kinds it is, whether
 * a destination's filter wants it, and redaction (T9). No I/O here.
 */
import { canonicalize } from '../receipts/canonical.js';
import { digestOf, scrubDeep } from '../receipts/secrets.js';
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
 * Secret-shaped values, found anywhere in the event: the one catalogue the receipts use at rest
 * (receipts/secrets.ts). Receipts are already scrubbed when stored; scrubbing again on the way out
 * covers receipts stored before a shape was added, and drift findings.
 */
export { scrubSecrets } from '../receipts/secrets.js';

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
