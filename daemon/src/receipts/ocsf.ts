/**
 * Receipts as OCSF events (R8: telemetry in a standard schema), for a SIEM. Pure: one signed
 * receipt in, one OCSF 1.5.0 API Activity event out; no I/O. The mapping and the reasons for it
 * are in docs/ocsf.md.
 *
 * Nothing here adds data: every value comes from the receipt as stored, which is already redacted
 * (T9), so the event holds no secret the receipt does not.
 */
import {
  isRecord,
  type Approval,
  type Deferral,
  type Receipt,
  type Risk,
  type SignedReceipt,
  type Verdict,
} from '../protocol/index.js';

/** The OCSF schema version the events follow (`metadata.version`). */
export const OCSF_VERSION = '1.5.0';
export const OCSF_PRODUCT_NAME = 'AARM for coding agents';
export const OCSF_VENDOR_NAME = 'AARM';

/** API Activity, in the Application Activity category. */
export const OCSF_CLASS_UID = 6003;
export const OCSF_CATEGORY_UID = 6;
const CLASS_NAME = 'API Activity';
const CATEGORY_NAME = 'Application Activity';

/** API Activity `activity_id` (0 Unknown, 1 Create, 2 Read, 3 Update, 4 Delete, 99 Other). */
const ACTIVITY = { unknown: 0, create: 1, read: 2, update: 3, delete: 4, other: 99 } as const;
const ACTIVITY_NAMES: Record<number, string> = {
  0: 'Unknown',
  1: 'Create',
  2: 'Read',
  3: 'Update',
  4: 'Delete',
};

/** Base event `severity_id`: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
const SEVERITY: Record<Risk, { id: number; name: string }> = {
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
  critical: { id: 5, name: 'Critical' },
};
const INFORMATIONAL = { id: 1, name: 'Informational' };

/** Security Control profile `risk_level_id`: 0 Info, 1 Low, 2 Medium, 3 High, 4 Critical. */
const RISK_LEVEL: Record<Risk, { id: number; name: string }> = {
  low: { id: 1, name: 'Low' },
  medium: { id: 2, name: 'Medium' },
  high: { id: 3, name: 'High' },
  critical: { id: 4, name: 'Critical' },
};

/** Base event `status_id`: 0 Unknown, 1 Success, 2 Failure. */
const STATUS = {
  unknown: { id: 0, name: 'Unknown' },
  success: { id: 1, name: 'Success' },
  failure: { id: 2, name: 'Failure' },
} as const;

/** Security Control profile `action_id`: 0 Unknown, 1 Allowed, 2 Denied, 3 Observed, 4 Modified. */
const CONTROL_ACTION = {
  unknown: { id: 0, name: 'Unknown' },
  allowed: { id: 1, name: 'Allowed' },
  denied: { id: 2, name: 'Denied' },
  observed: { id: 3, name: 'Observed' },
  modified: { id: 4, name: 'Modified' },
} as const;

/** Security Control profile `disposition_id`: the values used here. */
const DISPOSITION = {
  allowed: { id: 1, name: 'Allowed' },
  blocked: { id: 2, name: 'Blocked' },
  approved: { id: 8, name: 'Approved' },
  delayed: { id: 14, name: 'Delayed' },
  /** 99 Other: `disposition` carries the source's own word */
  delegated: { id: 99, name: 'Delegated' },
} as const;

/**
 * The daemon takes connections on 127.0.0.1 only, so every action came from the local machine;
 * API Activity requires a source endpoint.
 */
const SRC_ENDPOINT = { ip: '127.0.0.1' };

type Event = Record<string, unknown>;
type Decided = Extract<Receipt, { kind: 'action' | 'resolution' }>;

/** One receipt as one OCSF API Activity event. */
export function toOcsf(record: SignedReceipt, product: { version: string }): Event {
  const body = record.body;
  const time = Date.parse(body.time);
  const common: Event = {
    class_uid: OCSF_CLASS_UID,
    class_name: CLASS_NAME,
    category_uid: OCSF_CATEGORY_UID,
    category_name: CATEGORY_NAME,
    time: Number.isFinite(time) ? time : 0,
    ...(body.time.endsWith('Z') ? { timezone_offset: 0 } : {}),
  };
  const metadata = (profiles: string[]): Event => ({
    version: OCSF_VERSION,
    product: { name: OCSF_PRODUCT_NAME, vendor_name: OCSF_VENDOR_NAME, version: product.version },
    uid: body.id,
    correlation_uid: body.session,
    sequence: body.seq,
    event_code: body.kind,
    log_name: 'receipts',
    log_version: String(body.v),
    original_time: body.time,
    ...(profiles.length > 0 ? { profiles } : {}),
  });
  const chain = {
    kind: body.kind,
    v: body.v,
    id: body.id,
    seq: body.seq,
    sessionSeq: body.sessionSeq,
    prevHash: body.prevHash,
    sessionPrevHash: body.sessionPrevHash,
    hash: record.hash,
    keyId: body.keyId,
    // its own signature, or (a record of a group commit) its group's signed head and its path (R5)
    ...(record.proof ? { proof: record.proof } : { sig: record.sig }),
  };

  switch (body.kind) {
    case 'action': {
      const activity = activityOf(body.action);
      const tool = stringAt(body.action, 'tool');
      const operation = stringAt(body.action, 'operation');
      const what = body.action ? `${tool ?? '?'} ${operation ?? '?'}` : 'invalid action';
      return {
        ...common,
        ...typeFields(activity),
        ...controlFields(body),
        message: `${verdictWord(body)}: ${what}: ${body.decision.reason} [rule ${body.decision.rule}]`,
        metadata: metadata(['security_control']),
        actor: actorOf(body),
        api: {
          operation: operation ?? 'invalid',
          service: { name: tool ?? 'aarm' },
          // the action exactly as the receipt holds it (already redacted); `uid` groups the events of one action
          request: { uid: body.id, ...(body.action ? { data: body.action } : {}) },
        },
        ...resourcesOf(body.action),
        src_endpoint: SRC_ENDPOINT,
        unmapped: {
          receipt: chain,
          decision: body.decision,
          verdict: body.verdict,
          approval: body.approval,
          ...(body.deferral ? { deferral: body.deferral } : {}),
          identity: body.identity,
          ...(body.invalid ? { invalid: body.invalid } : {}),
        },
      };
    }
    case 'resolution':
      return {
        ...common,
        ...typeFields({ id: ACTIVITY.other, name: 'Resolution' }),
        ...controlFields(body),
        message:
          `deferred action ${body.receiptId} ${body.deferral.resolution}: ${verdictWord(body)}: ` +
          `${body.decision.reason} [rule ${body.decision.rule}]`,
        metadata: metadata(['security_control']),
        actor: { session: { uid: body.session } },
        api: { operation: 'resolve', service: { name: 'aarm' }, request: { uid: body.receiptId } },
        src_endpoint: SRC_ENDPOINT,
        unmapped: {
          receipt: chain,
          receiptId: body.receiptId,
          decision: body.decision,
          verdict: body.verdict,
          approval: body.approval,
          deferral: body.deferral,
        },
      };
    case 'outcome': {
      const { outcome } = body;
      const status = outcome.status === 'success' ? STATUS.success : STATUS.failure;
      const details = [
        outcome.status,
        ...(outcome.exitCode !== undefined ? [`exit ${outcome.exitCode}`] : []),
        ...(outcome.durationMs !== undefined ? [`${Math.round(outcome.durationMs)} ms`] : []),
      ];
      return {
        ...common,
        ...typeFields({ id: ACTIVITY.other, name: 'Outcome' }),
        severity_id: INFORMATIONAL.id,
        severity: INFORMATIONAL.name,
        status_id: status.id,
        status: status.name,
        ...(outcome.exitCode !== undefined ? { status_code: String(outcome.exitCode) } : {}),
        ...(outcome.error !== undefined ? { status_detail: outcome.error } : {}),
        ...(outcome.durationMs !== undefined ? { duration: Math.round(outcome.durationMs) } : {}),
        message: `outcome of ${body.receiptId}: ${details.join(', ')}`,
        metadata: metadata([]),
        actor: { session: { uid: body.session } },
        api: {
          operation: 'outcome',
          service: { name: 'aarm' },
          request: { uid: body.receiptId },
          ...(outcome.exitCode !== undefined ? { response: { code: outcome.exitCode } } : {}),
        },
        src_endpoint: SRC_ENDPOINT,
        unmapped: { receipt: chain, receiptId: body.receiptId, outcome },
      };
    }
    case 'gap':
      return {
        ...common,
        ...typeFields({ id: ACTIVITY.other, name: 'Accepted loss' }),
        severity_id: 5,
        severity: 'Critical',
        message: `receipts were lost and the loss was accepted by ${body.acceptedBy}: ${body.reason}`,
        metadata: metadata([]),
        actor: { user: { name: body.acceptedBy }, session: { uid: body.session } },
        api: { operation: 'accept-loss', service: { name: 'aarm' }, request: { uid: body.id } },
        src_endpoint: SRC_ENDPOINT,
        unmapped: { receipt: chain, reason: body.reason, lastKnownHead: body.lastKnownHead },
      };
  }
}

function typeFields(activity: { id: number; name: string }): Event {
  return {
    activity_id: activity.id,
    activity_name: activity.name,
    type_uid: OCSF_CLASS_UID * 100 + activity.id,
    type_name: `${CLASS_NAME}: ${activity.name}`,
  };
}

/** What the agent tried, in API Activity's CRUD terms; what CRUD cannot say is `Other` with a name. */
function activityOf(action: Record<string, unknown> | null): { id: number; name: string } {
  const named = (id: number) => ({ id, name: ACTIVITY_NAMES[id]! });
  const tool = stringAt(action, 'tool');
  const operation = stringAt(action, 'operation');
  if (tool === undefined || operation === undefined) return named(ACTIVITY.unknown);
  if (tool === 'fs') {
    if (operation === 'read') return named(ACTIVITY.read);
    // a write may create the file or replace it; the action does not say which
    if (operation === 'write') return named(ACTIVITY.update);
    if (operation === 'delete') return named(ACTIVITY.delete);
  }
  if (tool === 'net') {
    const parameters = action?.parameters;
    const method = isRecord(parameters) ? stringAt(parameters, 'method')?.toUpperCase() : undefined;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return named(ACTIVITY.read);
    if (method === 'POST') return named(ACTIVITY.create);
    if (method === 'PUT' || method === 'PATCH') return named(ACTIVITY.update);
    if (method === 'DELETE') return named(ACTIVITY.delete);
  }
  return { id: ACTIVITY.other, name: capitalise(operation) };
}

/** The Security Control profile and the status: what was enforced, and why. */
function controlFields(body: Decided): Event {
  const { decision } = body;
  const { action, disposition, status } = enforcement(
    body.verdict,
    decision.decision,
    body.approval,
    body.deferral,
  );
  const severity = SEVERITY[decision.risk];
  const risk = RISK_LEVEL[decision.risk];
  return {
    severity_id: severity.id,
    severity: severity.name,
    status_id: status.id,
    status: status.name,
    status_detail: decision.reason,
    action_id: action.id,
    action: action.name,
    disposition_id: disposition.id,
    disposition: disposition.name,
    risk_level_id: risk.id,
    risk_level: risk.name,
    policy: { uid: decision.rule, name: decision.rule, desc: decision.reason, version: decision.policyHash },
  };
}

function enforcement(
  verdict: Verdict,
  decision: Decided['decision']['decision'],
  approval: Approval,
  deferral: Deferral | null,
) {
  // held at deferral: enforced as a deny until it resolves, and the resolution is its own event
  if (deferral?.resolution === 'pending')
    return { action: CONTROL_ACTION.unknown, disposition: DISPOSITION.delayed, status: STATUS.unknown };
  if (verdict === 'deny')
    return { action: CONTROL_ACTION.denied, disposition: DISPOSITION.blocked, status: STATUS.failure };
  if (verdict === 'ask')
    return { action: CONTROL_ACTION.observed, disposition: DISPOSITION.delegated, status: STATUS.unknown };
  if (decision === 'modify')
    return { action: CONTROL_ACTION.modified, disposition: DISPOSITION.allowed, status: STATUS.success };
  if (approval.status === 'approved' || approval.status === 'granted')
    return { action: CONTROL_ACTION.allowed, disposition: DISPOSITION.approved, status: STATUS.success };
  return { action: CONTROL_ACTION.allowed, disposition: DISPOSITION.allowed, status: STATUS.success };
}

function verdictWord(body: Decided): string {
  if (body.deferral?.resolution === 'pending') return 'deferred';
  if (body.verdict === 'ask') return 'handed to the agent’s prompt';
  return body.decision.decision === 'modify' && body.verdict === 'allow' ? 'allow (modified)' : body.verdict;
}

/** Who acted (R6): the human, the agent, the session. The full identity stays in `unmapped`. */
function actorOf(body: Extract<Receipt, { kind: 'action' }>): Event {
  const { human, agent } = body.identity;
  return {
    ...(human?.user !== undefined ? { user: { name: human.user } } : {}),
    ...(agent !== undefined ? { app_name: agent.name } : {}),
    session: { uid: body.session },
  };
}

/** The file, URL, MCP tool or command the action touches, when it names one. */
function resourcesOf(action: Record<string, unknown> | null): Event {
  const parameters = action?.parameters;
  if (!isRecord(parameters)) return {};
  const resource = (type: string, name: string | undefined) =>
    name === undefined ? {} : { resources: [{ type, name }] };
  switch (stringAt(action, 'tool')) {
    case 'fs':
      return resource('file', stringAt(parameters, 'path'));
    case 'net':
      return resource('url', stringAt(parameters, 'url'));
    case 'mcp': {
      const server = stringAt(parameters, 'server');
      const tool = stringAt(parameters, 'tool');
      return resource(
        'mcp_tool',
        server !== undefined && tool !== undefined ? `${server}/${tool}` : undefined,
      );
    }
    case 'shell':
      return resource('command', stringAt(parameters, 'command'));
    default:
      return {};
  }
}

function stringAt(record: Record<string, unknown> | null | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' ? value : undefined;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
